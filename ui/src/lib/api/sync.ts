// Typed wrappers of src-tauri/commands/sync.rs: accounts, the demo account, syncing.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Connected, SyncStatus } from '../bindings';
import { call } from './call';

/** The regions OVHcloud's API is served from; anything else is an https base URL. */
export type Region = 'ovh-eu' | 'ovh-ca' | 'ovh-us';

export type ConnectRequest = {
  label: string;
  /** A region, or an https base URL. */
  endpoint: string;
  applicationKey: string;
  applicationSecret: string;
  /** Null: OVHcloud issues one, and `validationUrl` is where the user allows Seatkeeper. */
  consumerKey: string | null;
};

/** Connects an OVHcloud account; its secrets go to the system keychain. */
export const connectAccount = (request: ConnectRequest): Promise<Connected> =>
  call('connect_account', {
    label: request.label,
    endpoint: request.endpoint,
    applicationKey: request.applicationKey,
    applicationSecret: request.applicationSecret,
    consumerKey: request.consumerKey,
  });

/** Connects the demo account: a simulated OVHcloud on this computer. Idempotent. */
export const connectDemo = (): Promise<Connected> => call('connect_demo');

/** Logs out at OVHcloud, removes the keys from the keychain and the account's local data. */
export const disconnectAccount = (accountId: number): Promise<null> => call('disconnect_account', { accountId });

/** Wakes the sync loop (returns at once); progress arrives as `sync-status` events. */
export const syncNow = (): Promise<null> => call('sync_now');

export const getSyncStatus = (): Promise<SyncStatus> => call('get_sync_status');

/** Pays an order of the demo account on the simulator; its licences arrive at the next sync. */
export const payDemoOrder = (orderId: number): Promise<null> => call('pay_demo_order', { orderId });

/** Calls `callback` with every `sync-status` event (while syncing, and when it ends). */
export const onSyncStatus = (callback: (status: SyncStatus) => void): Promise<UnlistenFn> =>
  listen<SyncStatus>('sync-status', (event) => callback(event.payload));

/**
 * Calls `callback` whenever another process (a scheduled `seatkeeper sync`, another
 * window) has written to the database, so what is shown can be read again.
 */
export const onDataChanged = (callback: () => void): Promise<UnlistenFn> => listen('data-changed', () => callback());

/** Rust found new reminders (after a sync, or at start). */
export const onRemindersChanged = (callback: () => void): Promise<UnlistenFn> =>
  listen('reminders-changed', () => callback());
