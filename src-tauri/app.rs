//! Builds and runs the Tauri app, and runs the headless commands of the CLI.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tauri::Manager;

use crate::cli::{self, Command};
use crate::secrets::Keychain;
use crate::state::AppState;
use crate::store::Store;

/// Runs what the command line asks for.
pub fn main(args: impl IntoIterator<Item = String>, started: Instant) -> ExitCode {
    let lang = cli::env_lang();
    let cli = match cli::parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("seatkeeper: {}", e.message(lang));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Window => run_window(cli.data_dir, started),
        Command::Help(text) | Command::Version(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        _ => crate::headless::run(&cli, lang),
    }
}

/// How often connected accounts are synced when nothing else wakes the loop; sooner
/// while OVHcloud is unreachable, so waiting changes leave soon after it is back.
const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(120);
const RETRY_OFFLINE_EVERY: std::time::Duration = std::time::Duration::from_secs(20);
const FOLLOW_TASKS_EVERY: std::time::Duration = std::time::Duration::from_secs(10);
/// How often the window looks whether another process (a scheduled `seatkeeper sync`)
/// wrote to the database, to reload what it shows.
/// The first background sync waits for the first paint, but no longer than this.
const FIRST_SYNC_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(5);
const WATCH_DATABASE_EVERY: std::time::Duration = std::time::Duration::from_millis(1000);

/// Tells the window when another process changed the database (`data-changed`), so
/// it never shows stale state after a scheduled sync. SQLite's `data_version` moves
/// only for commits made by other connections: the window's own writes do not count.
async fn watch_database(app: tauri::AppHandle) {
    use tauri::Emitter;
    let mut seen = None;
    loop {
        tokio::time::sleep(WATCH_DATABASE_EVERY).await;
        let state = app.state::<AppState>();
        let Ok(store) = state.store() else { return };
        let Ok(version) = store.data_version() else { continue };
        if seen.is_some_and(|v| v != version) {
            let _ = app.emit("data-changed", ());
        }
        seen = Some(version);
    }
}

/// Syncs the connected accounts in the background: at start, every few minutes, and
/// whenever a change is queued or the user asks. Reports through `sync-status` events.
async fn sync_loop(app: tauri::AppHandle) {
    use tauri::Emitter;
    // Nothing network-bound before the first screen is painted (or a few seconds, if the
    // page never says so).
    let _ = tokio::time::timeout(FIRST_SYNC_AT_THE_LATEST, app.state::<AppState>().painted.notified()).await;
    loop {
        let state = app.state::<AppState>();
        let mut reports = Vec::new();
        if let Ok(store) = state.store() {
            let emit = |status: crate::sync::SyncStatus| {
                let _ = app.emit("sync-status", status);
            };
            reports = state.sync.run_once(store, state.secrets(), state.lang(), &emit).await.unwrap_or_default();
            // An order just placed: its payment page opens in the system browser (only
            // OVHcloud's own pages; the demo's are paid from the window).
            for url in reports.iter().flat_map(|r| &r.changes).filter_map(|c| c.payment_url.as_deref()) {
                if let Some(url) = crate::domain::trusted_url(url) {
                    let _ = tauri_plugin_opener::open_url(url.as_str(), None::<&str>);
                }
            }
        }
        // A change sent and still running at OVHcloud is looked at again soon.
        let waiting = reports
            .iter()
            .flat_map(|r| &r.changes)
            .any(|c| matches!(c.state, crate::store::ChangeState::WaitingRemote | crate::store::ChangeState::Queued));
        let status = state.sync.status();
        let every = if let Some(until) = status
            .retry_at
            .as_deref()
            .and_then(|t| time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok())
        {
            // OVHcloud asked to slow down: not before then (a nudge still wakes the loop).
            std::time::Duration::try_from(until - time::OffsetDateTime::now_utc()).unwrap_or(FOLLOW_TASKS_EVERY)
        } else if status.online == Some(false) {
            RETRY_OFFLINE_EVERY
        } else if status.busy_elsewhere || waiting {
            FOLLOW_TASKS_EVERY
        } else {
            SYNC_EVERY
        };
        remind(&app);
        state.sync.wait(every).await;
    }
}

/// Records the reminders due now that are new (after every sync, and at start, so a
/// date that passed while the app was closed still reminds, once); tells the window;
/// and, when the user allows it, shows each as an OS notification.
fn remind(app: &tauri::AppHandle) {
    use tauri::Emitter;
    use tauri_plugin_notification::NotificationExt;
    let state = app.state::<AppState>();
    let Ok(store) = state.store() else { return };
    let now = time::OffsetDateTime::now_utc();
    let Ok(new) = store.refresh_reminders(now, state.lang()) else { return };
    if new.is_empty() {
        return;
    }
    let _ = app.emit("reminders-changed", ());
    if !store.reminder_settings().is_ok_and(|s| s.notify) {
        return;
    }
    let shown: Vec<i64> = new
        .iter()
        .filter(|r| app.notification().builder().title(&r.title).body(&r.body).show().is_ok())
        .map(|r| r.id)
        .collect();
    let _ = store.reminders_notified(&shown, now);
}

/// Opens the window on the local database (`data_dir`, or the OS app-data directory).
pub fn run_window(data_dir: Option<PathBuf>, started: Instant) -> ExitCode {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            let setup_at = started.elapsed();
            let dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // A store that cannot open (say, written by a newer version) is not fatal:
            // the window starts and shows why, leaving the file untouched.
            let store = Store::open_in(&dir);
            let installation = store.as_ref().ok().and_then(|s| s.installation_id().ok()).unwrap_or_default();
            let state = AppState::new(store, Box::new(Keychain::for_installation(installation)), started);
            state.mark_at("setup", setup_at);
            state.mark("store.open");
            app.manage(state);
            tauri::async_runtime::spawn(sync_loop(app.handle().clone()));
            tauri::async_runtime::spawn(watch_database(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(crate::app_invoke_handler!())
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seatkeeper: {e}");
            ExitCode::FAILURE
        }
    }
}
