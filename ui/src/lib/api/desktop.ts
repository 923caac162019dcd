// Typed wrappers of src-tauri/commands/desktop.rs: settings, folders, diagnostics,
// backups and restores, accounts' keys, updates. The native file dialogs open from
// Rust: the window never names a path.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AccountSummary,
  BackupFailure,
  BackupInfo,
  Connected,
  Folder,
  KeychainInfo,
  Locations,
  Preferences,
  RestoreReport,
  Theme,
  UpdateOffer,
} from '../bindings';
import { call } from './call';

/** Saves the theme and whether to look for updates at start. */
export const setDisplay = (theme: Theme, checkUpdates: boolean, systemLanguage: string): Promise<Preferences> =>
  call('set_display', { theme, checkUpdates, systemLanguage });

/** Where secrets are kept, and whether they survive a reboot. */
export const getKeychainInfo = (): Promise<KeychainInfo> => call('get_keychain_info');

export const getLocations = (): Promise<Locations> => call('get_locations');

/** Opens one of Seatkeeper's own folders in the file manager. */
export const openFolder = (folder: Folder): Promise<null> => call('open_folder', { folder });

/** Plain text for support: versions, system, folders, counts. No secret, no name. */
export const getDiagnostics = (): Promise<string> => call('get_diagnostics');

/** Asks where (a save dialog), then writes a backup there; null if cancelled. */
export const backUpNow = (): Promise<BackupInfo | null> => call('back_up_now');

/** Asks which backup (an open dialog) and checks it; null if cancelled. Restores nothing. */
export const chooseBackup = (): Promise<BackupInfo | null> => call('choose_backup');

/** Restores the backup chosen last, once the user confirmed. */
export const restoreBackup = (): Promise<RestoreReport> => call('restore_backup');

export const accountsNeedingKeys = (): Promise<AccountSummary[]> => call('accounts_needing_keys');

/** The automatic backup that failed last, if none succeeded since. */
export const getBackupFailure = (): Promise<BackupFailure | null> => call('get_backup_failure');

/** Gives an account its keys again; without a consumer key, OVHcloud issues one. */
export const giveAccountKeys = (
  accountId: number,
  applicationSecret: string,
  consumerKey: string | null,
): Promise<Connected> => call('give_account_keys', { accountId, applicationSecret, consumerKey });

/** Looks for a newer version; null when this one is the latest. Downloads nothing. */
export const checkForUpdate = (): Promise<UpdateOffer | null> => call('check_for_update');

/** Downloads the offered update, checks its signature, installs it. */
export const installUpdate = (): Promise<null> => call('install_update');

export const restartApp = (): Promise<null> => call('restart_app');

/** Calls `callback` when the check at start found a newer version. */
export const onUpdateAvailable = (callback: (offer: UpdateOffer) => void): Promise<UnlistenFn> =>
  listen<UpdateOffer>('update-available', (event) => callback(event.payload));

/** Calls `callback` with the bytes downloaded so far (and the total, when known). */
export const onUpdateProgress = (callback: (received: number, total: number | null) => void): Promise<UnlistenFn> =>
  listen<[number, number | null]>('update-progress', (event) => callback(event.payload[0], event.payload[1]));
