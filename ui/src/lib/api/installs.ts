// Typed wrappers of src-tauri/commands/installs.rs: the installs ledger.
import type { DeviceKind, Install, UserInstalls } from '../bindings';
import { call } from './call';

export const listInstalls = (groupId: number): Promise<UserInstalls[]> => call('list_installs', { groupId });

/** `installedOn` is a calendar day, YYYY-MM-DD. A sixth device of a kind is refused (limitReached). */
export const addInstall = (
  licenceId: number,
  kind: DeviceKind,
  deviceName: string,
  installedOn: string,
): Promise<Install> => call('add_install', { licenceId, kind, deviceName, installedOn });

export const signOutInstall = (installId: number): Promise<null> => call('sign_out_install', { installId });
