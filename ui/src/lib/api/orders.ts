// Typed wrappers of src-tauri/commands/orders.rs: the order wizard and the outbox.
import type {
  AccountSummary,
  CatalogEntry,
  OpenOrder,
  OrderQuote,
  OrderRequest,
  OrderSummary,
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
