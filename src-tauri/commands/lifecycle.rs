//! A group's life at OVHcloud: the Microsoft Customer Agreement, renewal, termination.

use tauri::State;

use super::CmdResult;
use crate::domain::{RenewalInput, SignatoryInput, TerminationInput};
use crate::state::AppState;
use crate::sync::{AttestationStep, RenewalReview, TerminationReview, TerminationStep, workflow};

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

/// The signatory form's first values.
#[tauri::command(async)]
pub fn signatory_defaults(state: State<'_, AppState>, group_id: i64) -> CmdResult<SignatoryInput> {
    state.run(|store| workflow::signatory_defaults(store, group_id, state.lang()))
}

/// Creates the group's agreement attestation at OVHcloud (online only).
#[tauri::command]
pub async fn create_attestation(
    state: State<'_, AppState>,
    group_id: i64,
    signatory: SignatoryInput,
) -> CmdResult<AttestationStep> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    state
        .sync
        .create_attestation(store, state.secrets(), group_id, &signatory)
        .await
        .map_err(|e| e.to_ipc(state.lang()))
}

/// Opens the group's agreement page in the system browser.
#[tauri::command(async)]
pub fn open_attestation(state: State<'_, AppState>, group_id: i64) -> CmdResult<()> {
    let url = state.run(|store| workflow::attestation_link(store, group_id))?;
    tauri_plugin_opener::open_url(url.as_str(), None::<&str>)
        .map_err(|e| crate::error::Error::Internal(e.to_string()).to_ipc(state.lang()))
}

/// In the demo, signs the attestation on the simulator.
#[tauri::command]
pub async fn demo_sign_attestation(state: State<'_, AppState>, group_id: i64) -> CmdResult<()> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    state.sync.demo_sign_attestation(store, group_id).await.map_err(|e| e.to_ipc(state.lang()))
}

/// The user signed: the acceptance is queued and the sync woken.
#[tauri::command(async)]
pub fn accept_agreement(state: State<'_, AppState>, group_id: i64) -> CmdResult<i64> {
    state.change(|store| store.accept_agreement(group_id, now()))
}

/// What a renewal choice means and sends, before it is queued.
#[tauri::command(async)]
pub fn review_renewal(state: State<'_, AppState>, group_id: i64, input: RenewalInput) -> CmdResult<RenewalReview> {
    state.run(|store| crate::sync::review_renewal(store, group_id, &input, state.lang()))
}

#[tauri::command(async)]
pub fn set_renewal(state: State<'_, AppState>, group_id: i64, input: RenewalInput) -> CmdResult<i64> {
    state.change(|store| store.set_renewal(group_id, &input, now()))
}

/// Asks OVHcloud to terminate a prepaid licence (online only); it e-mails the token.
#[tauri::command]
pub async fn request_termination(state: State<'_, AppState>, licence_id: i64) -> CmdResult<TerminationStep> {
    let store = state.store().map_err(|e| e.to_ipc(state.lang()))?;
    state.sync.request_termination(store, state.secrets(), licence_id).await.map_err(|e| e.to_ipc(state.lang()))
}

#[tauri::command(async)]
pub fn review_termination(
    state: State<'_, AppState>,
    licence_id: i64,
    input: TerminationInput,
) -> CmdResult<TerminationReview> {
    state.run(|store| crate::sync::review_termination(store, licence_id, &input, state.lang()))
}

#[tauri::command(async)]
pub fn confirm_termination(state: State<'_, AppState>, licence_id: i64, input: TerminationInput) -> CmdResult<i64> {
    state.change(|store| store.confirm_termination(licence_id, &input, now()))
}
