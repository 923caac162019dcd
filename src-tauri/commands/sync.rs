//! Accounts and syncing: connect (pasted keys or OVHcloud's consumer-key flow), the
//! demo account, disconnect, sync now, and the sync status. Progress and results reach
//! the window as `sync-status` events.

use tauri::State;

use super::CmdResult;
use crate::secrets::Secret;
use crate::state::AppState;
use crate::sync::{Connected, SyncStatus};

#[tauri::command]
pub async fn connect_account(
    state: State<'_, AppState>,
    label: String,
    endpoint: String,
    application_key: String,
    application_secret: String,
    consumer_key: Option<String>,
) -> CmdResult<Connected> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    let consumer_key = consumer_key.filter(|k| !k.trim().is_empty()).map(|k| Secret::new(k.trim()));
    state
        .sync
        .connect(
            store,
            state.secrets(),
            &label,
            &endpoint,
            &application_key,
            Secret::new(application_secret.trim()),
            consumer_key,
        )
        .await
        .map_err(|e| e.to_ipc(state.lang()))
}

#[tauri::command]
pub async fn connect_demo(state: State<'_, AppState>) -> CmdResult<Connected> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    state.sync.connect_demo(store, state.secrets()).await.map_err(|e| e.to_ipc(state.lang()))
}

#[tauri::command]
pub async fn disconnect_account(state: State<'_, AppState>, account_id: i64) -> CmdResult<()> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    state.sync.disconnect(store, state.secrets(), account_id).await.map_err(|e| e.to_ipc(state.lang()))
}

/// Wakes the sync loop; progress and the outcome arrive as `sync-status` events.
#[tauri::command]
pub fn sync_now(state: State<'_, AppState>) {
    state.sync.nudge();
}

#[tauri::command]
pub fn get_sync_status(state: State<'_, AppState>) -> SyncStatus {
    state.sync.status()
}

/// Pays an order of the demo account on the simulator (real orders are paid at OVHcloud).
#[tauri::command]
pub async fn pay_demo_order(state: State<'_, AppState>, order_id: i64) -> CmdResult<()> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    state.sync.pay_demo_order(store, order_id).await.map_err(|e| e.to_ipc(state.lang()))
}
