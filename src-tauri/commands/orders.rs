//! The order wizard and the pending-changes panel.

use tauri::State;

use super::CmdResult;
use crate::secrets::Secret;
use crate::state::AppState;
use crate::store::{
    AccountSummary, CatalogEntry, OpenOrder, OrderQuote, OrderRequest, OrderSummary, PasswordRequest, PasswordSet,
};
use crate::sync::PendingChange;

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
    let lang = state.lang();
    state.run(|store| crate::sync::pending_changes(store, group_id, lang))
}

#[tauri::command(async)]
pub fn undo_change(state: State<'_, AppState>, change_id: i64) -> CmdResult<()> {
    state.run_with_secrets(|store, secrets| store.undo_change(secrets, change_id, time::OffsetDateTime::now_utc()))
}

/// Puts a failed or parked change back in the queue; the sync loop is woken to send it.
#[tauri::command(async)]
pub fn retry_change(state: State<'_, AppState>, change_id: i64) -> CmdResult<()> {
    state.change(|store| store.retry_change(change_id, time::OffsetDateTime::now_utc()).map(|_| ()))
}

/// Lets a failed or parked change go (it stays in the history).
#[tauri::command(async)]
pub fn dismiss_change(state: State<'_, AppState>, change_id: i64) -> CmdResult<()> {
    state.run_with_secrets(|store, secrets| store.dismiss_change(secrets, change_id, time::OffsetDateTime::now_utc()))
}

/// Gives a password change parked for want of its password a new one, and queues it.
#[tauri::command(async)]
pub fn set_password_again(
    state: State<'_, AppState>,
    change_id: i64,
    password: Option<String>,
) -> CmdResult<PasswordSet> {
    let request = match password {
        Some(p) => PasswordRequest::Own(Secret::new(p)),
        None => PasswordRequest::Generate,
    };
    let set = state.run_with_secrets(|store, secrets| {
        store.set_password_again(secrets, change_id, request, time::OffsetDateTime::now_utc())
    })?;
    state.sync.nudge();
    Ok(set)
}
