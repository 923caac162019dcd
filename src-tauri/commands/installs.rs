//! The installs ledger.

use tauri::State;

use super::CmdResult;
use crate::domain::DeviceKind;
use crate::state::AppState;
use crate::store::{Install, UserInstalls};

#[tauri::command(async)]
pub fn list_installs(state: State<'_, AppState>, group_id: i64) -> CmdResult<Vec<UserInstalls>> {
    state.run(|store| store.list_installs(group_id))
}

#[tauri::command(async)]
pub fn add_install(
    state: State<'_, AppState>,
    licence_id: i64,
    kind: DeviceKind,
    device_name: String,
    installed_on: String,
) -> CmdResult<Install> {
    state.run(|store| store.add_install(licence_id, kind, &device_name, &installed_on, time::OffsetDateTime::now_utc()))
}

#[tauri::command(async)]
pub fn sign_out_install(state: State<'_, AppState>, install_id: i64) -> CmdResult<()> {
    state.run(|store| store.sign_out_install(install_id, time::OffsetDateTime::now_utc()))
}
