// Typed wrappers of src-tauri/commands/licences.rs: the licence editor.
import type { AccountInput, ChosenImport, LicenceRow, LicenceType, PasswordCheck, PasswordSet } from '../bindings';
import { call } from './call';

export const getLicence = (licenceId: number): Promise<LicenceRow> => call('get_licence', { licenceId });

/** Puts a user on an empty prepaid slot. */
export const activateLicence = (licenceId: number, account: AccountInput): Promise<LicenceRow> =>
  call('activate_licence', { licenceId, account });

/** Adds a user to a pay-as-you-go group. */
export const addUser = (groupId: number, account: AccountInput, licenceType: LicenceType): Promise<LicenceRow> =>
  call('add_user', { groupId, account, licenceType });

export const editAccount = (licenceId: number, account: AccountInput): Promise<LicenceRow> =>
  call('edit_account', { licenceId, account });

/** Live feedback on a password being typed; Rust stores nothing. */
export const checkPassword = (password: string, login: string): Promise<PasswordCheck> =>
  call('check_password', { password, login });

/**
 * `password` null: Rust generates one and returns it, to be shown once and forgotten.
 * With the user's own password, the answer's `password` is null.
 */
export const changePassword = (
  licenceId: number,
  password: string | null,
  notifyEmail: string | null,
): Promise<PasswordSet> => call('change_password', { licenceId, password, notifyEmail });

/** Returns how many licences were freed. */
export const freeLicences = (licenceIds: number[]): Promise<number> => call('free_licences', { licenceIds });

/**
 * Asks where to save (a native save dialog, in Downloads by default, offering CSV and
 * Excel), writes the licences there (all, or `licenceIds`) in the format of the chosen
 * file's extension and returns its path; null if cancelled.
 */
export const exportLicences = (groupId: number, licenceIds: number[] | null): Promise<string | null> =>
  call('export_licences', { groupId, licenceIds });

/** Asks for a CSV file (a native open dialog) and previews it; queues nothing. Null if cancelled. */
export const chooseImportFile = (groupId: number): Promise<ChosenImport | null> =>
  call('choose_import_file', { groupId });

/** Queues every accepted row of the CSV; returns how many. */
export const importUsers = (groupId: number, bytes: number[]): Promise<number> =>
  call('import_users', { groupId, bytes });
