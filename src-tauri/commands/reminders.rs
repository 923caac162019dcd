//! Reminders: the list, dismissing one, the user's choices, a group's threshold.

use tauri::State;

use super::CmdResult;
use crate::state::AppState;
use crate::store::{Reminder, ReminderSettings};

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

#[tauri::command(async)]
pub fn list_reminders(state: State<'_, AppState>) -> CmdResult<Vec<Reminder>> {
    state.run(|store| store.reminders(state.lang()))
}

#[tauri::command(async)]
pub fn dismiss_reminder(state: State<'_, AppState>, reminder_id: i64) -> CmdResult<()> {
    state.run(|store| store.dismiss_reminder(reminder_id, now()))
}

#[tauri::command(async)]
pub fn get_reminder_settings(state: State<'_, AppState>) -> CmdResult<ReminderSettings> {
    state.run(|store| store.reminder_settings())
}

/// Saves the user's choices; turning notifications on asks the platform for permission
/// (macOS asks the user at the first notification; Windows and Linux need none).
#[tauri::command(async)]
pub fn set_reminder_settings(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    notify: bool,
    days_before: f64,
) -> CmdResult<ReminderSettings> {
    use tauri_plugin_notification::{NotificationExt, PermissionState};
    let notify = notify && matches!(app.notification().request_permission(), Ok(PermissionState::Granted));
    // Reminders are worked out again with the new days, at the next sync.
    state.change(|store| store.set_reminder_settings(notify, days_before))
}

/// A group's free-licences threshold (`None`: no reminder).
#[tauri::command(async)]
pub fn set_free_seats_alert(state: State<'_, AppState>, group_id: i64, threshold: Option<f64>) -> CmdResult<()> {
    state.change(|store| store.set_free_seats_alert(group_id, threshold))
}
