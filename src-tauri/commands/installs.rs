//! The installs ledger.

use tauri::State;

use super::CmdResult;
use crate::domain::{parse_install_day, DeviceKind};
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
    let now = time::OffsetDateTime::now_utc();
    state.run(|store| {
        // "Today" where the user is may already be tomorrow in UTC (east of Greenwich).
        let latest = now.date().next_day().unwrap_or(now.date());
        let day = parse_install_day(&installed_on, latest)?;
        store.add_install(licence_id, kind, &device_name, day, now)
    })
}

#[tauri::command(async)]
pub fn sign_out_install(state: State<'_, AppState>, install_id: i64) -> CmdResult<()> {
    state.run(|store| store.sign_out_install(install_id, time::OffsetDateTime::now_utc()))
}
