// Typed wrappers of src-tauri/commands/orders.rs: the order wizard and the outbox.
import type {
  AccountSummary,
  CatalogEntry,
  OpenOrder,
  OrderQuote,
  OrderRequest,
  OrderSummary,
  PasswordSet,
  PendingChange,
} from '../bindings';
import { call } from './call';

export const listAccounts = (): Promise<AccountSummary[]> => call('list_accounts');

export const getCatalog = (accountId: number): Promise<CatalogEntry[]> => call('get_catalog', { accountId });

/** Checks and prices an order; a 301st Apps for business licence is refused (limitReached). */
export const quoteOrder = (request: OrderRequest): Promise<OrderQuote> => call('quote_order', { request });

export const placeOrder = (request: OrderRequest): Promise<OrderSummary> => call('place_order', { request });

export const listOpenOrders = (): Promise<OpenOrder[]> => call('list_open_orders');

/** Newest first; `groupId` null: every group. */
export const listPendingChanges = (groupId: number | null = null): Promise<PendingChange[]> =>
  call('list_pending_changes', { groupId });

export const undoChange = (changeId: number): Promise<null> => call('undo_change', { changeId });

/** Puts a failed or parked change back in the queue (sent at the next sync). */
export const retryChange = (changeId: number): Promise<null> => call('retry_change', { changeId });

/** Lets a failed or parked change go; it stays in the history. */
export const dismissChange = (changeId: number): Promise<null> => call('dismiss_change', { changeId });

/**
 * Gives a password change parked for want of its password a new one (`password` null:
 * Seatkeeper generates one, returned once), and queues it.
 */
export const setPasswordAgain = (changeId: number, password: string | null): Promise<PasswordSet> =>
  call('set_password_again', { changeId, password });
