//! The licence editor: activate, add a user, edit an account, change a password,
//! free licences, CSV export and import.

use tauri::State;

use super::CmdResult;
use crate::domain::{AccountInput, LicenceType, PasswordCheck};
use crate::secrets::Secret;
use crate::state::AppState;
use crate::store::{ImportPreview, LicenceRow, PasswordRequest, PasswordSet};

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

#[tauri::command(async)]
pub fn get_licence(state: State<'_, AppState>, licence_id: i64) -> CmdResult<LicenceRow> {
    state.run(|store| store.licence(licence_id))
}

#[tauri::command(async)]
pub fn activate_licence(state: State<'_, AppState>, licence_id: i64, account: AccountInput) -> CmdResult<LicenceRow> {
    state.change(|store| store.activate_licence(licence_id, &account, now()))
}

#[tauri::command(async)]
pub fn add_user(
    state: State<'_, AppState>,
    group_id: i64,
    account: AccountInput,
    licence_type: LicenceType,
) -> CmdResult<LicenceRow> {
    state.change(|store| store.add_user(group_id, &account, licence_type, now()))
}

#[tauri::command(async)]
pub fn edit_account(state: State<'_, AppState>, licence_id: i64, account: AccountInput) -> CmdResult<LicenceRow> {
    state.change(|store| store.edit_account(licence_id, &account, now()))
}

/// Live feedback while the user types their own password (nothing is stored).
#[tauri::command(async)]
pub fn check_password(password: String, login: String) -> PasswordCheck {
    PasswordCheck::of(&password, &login)
}

/// `password` absent: Seatkeeper generates one and returns it, to be shown once.
#[tauri::command(async)]
pub fn change_password(
    state: State<'_, AppState>,
    licence_id: i64,
    password: Option<String>,
    notify_email: Option<String>,
) -> CmdResult<PasswordSet> {
    let request = match password {
        Some(p) => PasswordRequest::Own(Secret::new(p)),
        None => PasswordRequest::Generate,
    };
    let set = state.run_with_secrets(|store, secrets| {
        store.change_password(secrets, licence_id, request, notify_email.as_deref(), now())
    })?;
    state.sync.nudge();
    Ok(set)
}

#[tauri::command(async)]
pub fn free_licences(state: State<'_, AppState>, licence_ids: Vec<i64>) -> CmdResult<u32> {
    state.change(|store| store.free_licences(&licence_ids, now()))
}

#[tauri::command(async)]
pub fn import_preview(state: State<'_, AppState>, group_id: i64, bytes: Vec<u8>) -> CmdResult<ImportPreview> {
    state.run(|store| store.import_preview(group_id, &bytes, state.lang()))
}

#[tauri::command(async)]
pub fn import_users(state: State<'_, AppState>, group_id: i64, bytes: Vec<u8>) -> CmdResult<u32> {
    state.change(|store| store.import_users(group_id, &bytes, state.lang(), now()))
}
