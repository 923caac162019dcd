//! The order wizard and the pending-changes panel.

use tauri::State;

use super::CmdResult;
use crate::state::AppState;
use crate::store::{AccountSummary, CatalogEntry, OpenOrder, OrderQuote, OrderRequest, OrderSummary, PendingChange};

#[tauri::command(async)]
pub fn list_accounts(state: State<'_, AppState>) -> CmdResult<Vec<AccountSummary>> {
    state.run(|store| store.list_accounts())
}

#[tauri::command(async)]
pub fn get_catalog(state: State<'_, AppState>, account_id: i64) -> CmdResult<Vec<CatalogEntry>> {
    state.run(|store| store.catalog(account_id))
}

#[tauri::command(async)]
pub fn quote_order(state: State<'_, AppState>, request: OrderRequest) -> CmdResult<OrderQuote> {
    state.run(|store| store.quote_order(&request))
}

#[tauri::command(async)]
pub fn place_order(state: State<'_, AppState>, request: OrderRequest) -> CmdResult<OrderSummary> {
    state.change(|store| store.place_order(&request, time::OffsetDateTime::now_utc()))
}

#[tauri::command(async)]
pub fn list_open_orders(state: State<'_, AppState>) -> CmdResult<Vec<OpenOrder>> {
    state.run(|store| store.list_open_orders())
}

#[tauri::command(async)]
pub fn list_pending_changes(state: State<'_, AppState>, group_id: Option<i64>) -> CmdResult<Vec<PendingChange>> {
    state.run(|store| store.list_pending_changes(group_id))
}

#[tauri::command(async)]
pub fn undo_change(state: State<'_, AppState>, change_id: i64) -> CmdResult<()> {
    state.run_with_secrets(|store, secrets| store.undo_change(secrets, change_id, time::OffsetDateTime::now_utc()))
}
