//! Licence groups: list, overview, rename, licences, history.

use tauri::State;

use super::CmdResult;
use crate::state::AppState;
use crate::store::{GroupOverview, GroupSummary, HistoryEntry, HistoryFilter, LicenceRow, UsagePeriod, UsageSeries};

#[tauri::command(async)]
pub fn list_groups(state: State<'_, AppState>) -> CmdResult<Vec<GroupSummary>> {
    state.run(|store| store.list_groups())
}

#[tauri::command(async)]
pub fn get_group_overview(state: State<'_, AppState>, group_id: i64) -> CmdResult<GroupOverview> {
    state.run(|store| store.group_overview_in(group_id, state.lang()))
}

#[tauri::command(async)]
pub fn rename_group(state: State<'_, AppState>, group_id: i64, name: String) -> CmdResult<GroupSummary> {
    state.change(|store| store.rename_group(group_id, &name, time::OffsetDateTime::now_utc()))
}

#[tauri::command(async)]
pub fn list_licences(state: State<'_, AppState>, group_id: i64) -> CmdResult<Vec<LicenceRow>> {
    state.run(|store| store.list_licences(group_id))
}

#[tauri::command(async)]
pub fn list_history(
    state: State<'_, AppState>,
    group_id: i64,
    filter: Option<HistoryFilter>,
) -> CmdResult<Vec<HistoryEntry>> {
    state.run(|store| store.list_history(group_id, &filter.unwrap_or_default(), 1000))
}

#[tauri::command(async)]
pub fn get_usage(state: State<'_, AppState>, group_id: i64, period: UsagePeriod) -> CmdResult<UsageSeries> {
    state.run(|store| store.usage(group_id, period, time::OffsetDateTime::now_utc().date()))
}

/// The user opened the group: its details are read again at the next sync, which is woken.
#[tauri::command(async)]
pub fn refresh_group(state: State<'_, AppState>, group_id: i64) -> CmdResult<()> {
    state.change(|store| store.refresh_group(group_id))
}
