//! Builds and runs the Tauri app, and runs the headless commands of the CLI.
//!
//! The window's plugins: single instance (a second launch on the same data brings the
//! window forward and exits), window state (size, place, maximised; kept on a screen
//! that is there), native file dialogs (opened from Rust only), the updater (signed
//! updates, checked at start unless turned off). None of their commands is allowed to
//! the page: the window calls only Seatkeeper's own.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tauri::Manager;

use crate::cli::{self, Command};
use crate::state::AppState;
use crate::store::Store;

/// Runs what the command line asks for.
pub fn main(args: impl IntoIterator<Item = String>, started: Instant) -> ExitCode {
    let lang = cli::env_lang();
    let cli = match cli::parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            attach_parent_console();
            eprintln!("seatkeeper: {}", e.message(lang));
            return ExitCode::from(2);
        }
    };
    if cli.command != Command::Window {
        attach_parent_console();
    }
    match cli.command {
        Command::Window => run_window(cli.data_dir, started),
        Command::Help(text) | Command::Version(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        _ => {
            let _logs = crate::logs::log_dir(cli.data_dir.as_deref()).and_then(|d| crate::logs::init(&d, "cli"));
            crate::headless::run(&cli, lang)
        }
    }
}

/// Windows: the release build is a GUI program, which Windows starts without a console,
/// so what the command line prints would go nowhere when it is run from a Command Prompt
/// or PowerShell. It writes to the console of the program that started it, if any (none
/// for a scheduled task, which reads the exit status). Output redirected to a file or a
/// pipe is left as it is: those handles are already there.
fn attach_parent_console() {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{
            ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
        };
        // SAFETY: plain Win32 calls with constant arguments; no memory is passed.
        unsafe {
            if GetStdHandle(STD_OUTPUT_HANDLE).is_null() || GetStdHandle(STD_ERROR_HANDLE).is_null() {
                // Fails harmlessly when there is no parent console, or when this process
                // has one already (the debug build is a console program).
                let _ = AttachConsole(ATTACH_PARENT_PROCESS);
            }
        }
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
/// How often the window looks whether today's automatic backup is made.
const DAILY_BACKUP_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);
/// The update check at start waits this long after the first paint.
const UPDATE_CHECK_AFTER_PAINT: std::time::Duration = std::time::Duration::from_secs(3);
/// The first look at the daily backup waits this long after the first paint (a copy of
/// the database is the heaviest thing the window does in the background).
const DAILY_BACKUP_AFTER_PAINT: std::time::Duration = std::time::Duration::from_secs(30);

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
            for r in &reports {
                tracing::info!(
                    groups = r.groups,
                    licences = r.licences,
                    offline = r.offline,
                    changes = r.changes.len(),
                    "sync done"
                );
                for c in &r.changes {
                    tracing::info!(change = c.change_id, kind = c.kind.as_str(), state = c.state.as_str(), "change");
                }
            }
            if let Some(error) = state.sync.status().last_error {
                tracing::warn!(%error, "sync");
            }
            if !reports.is_empty() {
                crate::state::record_keychain(store, state.secrets());
            }
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

/// What the window does once its first screen is painted: notes the keychain in use,
/// makes the day's automatic backup (and looks again every hour), and looks for an
/// update unless the user turned that off.
async fn after_first_paint(app: tauri::AppHandle) {
    let _ = tokio::time::timeout(FIRST_SYNC_AT_THE_LATEST, app.state::<AppState>().painted.notified()).await;
    {
        let status = app.state::<AppState>().secrets().status();
        tracing::info!(backend = status.backend.as_str(), persistent = status.persistent, problem = ?status.problem, "keychain");
    }
    let updates = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = updates.state::<AppState>();
        let wanted = state.store().map(|s| s.check_updates().unwrap_or(true)).unwrap_or(false);
        if !wanted || state.bench {
            return;
        }
        tokio::time::sleep(UPDATE_CHECK_AFTER_PAINT).await;
        let desktop = updates.state::<crate::commands::DesktopState>();
        match crate::commands::find_update(&updates, &desktop).await {
            Ok(Some(offer)) => {
                use tauri::Emitter;
                let _ = updates.emit("update-available", offer);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "update check at start"),
        }
    });
    tokio::time::sleep(DAILY_BACKUP_AFTER_PAINT).await;
    let mut last_failure = app.state::<AppState>().store().ok().and_then(|s| s.backup_failure().ok().flatten());
    loop {
        let state = app.state::<AppState>();
        if let Ok(store) = state.store() {
            let made = tauri::async_runtime::spawn_blocking({
                let app = app.clone();
                move || {
                    let state = app.state::<AppState>();
                    state.store().and_then(|s| crate::backup::back_up_daily(s, time::OffsetDateTime::now_utc()))
                }
            })
            .await;
            if let Ok(Err(e)) = made {
                tracing::warn!(error = %e, database = %store.path().display(), "automatic backup");
            }
            // The window's own write is not seen by its watch of other processes' writes:
            // when the backup's outcome changed, the screens read it again.
            let failure = store.backup_failure().ok().flatten();
            if failure != last_failure {
                use tauri::Emitter;
                let _ = app.emit("data-changed", ());
                last_failure = failure;
            }
        }
        // A window left open for days keeps its log folder to the last two weeks too.
        if let Some(dir) = &state.log_dir {
            for (file, error) in crate::logs::prune(dir, "window", time::OffsetDateTime::now_utc().date()) {
                tracing::warn!(file = %file.display(), %error, "an old log file could not be removed yet");
            }
        }
        tokio::time::sleep(DAILY_BACKUP_CHECK_EVERY).await;
    }
}

/// The single-instance plugin, per data directory: a second launch on the same data
/// brings the running window forward and exits; another `--data-dir` is another window.
/// (On Linux through the session bus; on Windows and macOS per app.)
fn single_instance(data_dir: Option<&std::path::Path>) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(|app, _argv, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
        tracing::info!("another launch: the window was brought forward");
    });
    if let Some(dir) = data_dir {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        // FNV-1a: a short, stable name for the folder (a D-Bus name has no room for a path).
        let hash = dir
            .to_string_lossy()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
        builder = builder.dbus_id(format!("app.seatkeeper.desktop.d{hash:016x}"));
    }
    builder.build()
}

/// Brings the window back onto a screen that is there, and no larger than it. The
/// window-state plugin has just asked for the place it saved (restoring the position only
/// when a corner of it is on a screen, the size always); the window is not on screen yet,
/// so the saved place is read from the plugin's file and clamped before it shows.
fn keep_on_screen(app: &tauri::AppHandle, window: &tauri::WebviewWindow) -> Result<(), String> {
    use crate::placement::{Rect, clamp_to_screens};
    use tauri_plugin_window_state::AppHandleExt;
    let path = app.path().app_config_dir().map_err(|e| e.to_string())?.join(app.filename());
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(()) };
    let saved: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let main = &saved[window.label()];
    if main["maximized"].as_bool() == Some(true) || main["fullscreen"].as_bool() == Some(true) {
        return Ok(());
    }
    let number = |key: &str| main[key].as_i64();
    let (Some(x), Some(y), Some(width), Some(height)) = (number("x"), number("y"), number("width"), number("height"))
    else {
        return Ok(());
    };
    let was = Rect { x: x as i32, y: y as i32, width: width.max(0) as u32, height: height.max(0) as u32 };
    if was.width == 0 || was.height == 0 {
        return Ok(());
    }
    let primary = window.primary_monitor().map_err(|e| e.to_string())?.map(|m| m.name().cloned());
    let mut monitors = window.available_monitors().map_err(|e| e.to_string())?;
    // The primary screen first: where a window of a screen gone lands.
    monitors.sort_by_key(|m| Some(m.name().cloned()) != primary);
    let screens: Vec<Rect> = monitors
        .iter()
        .map(|m| {
            let area = m.work_area();
            Rect { x: area.position.x, y: area.position.y, width: area.size.width, height: area.size.height }
        })
        .collect();
    let fit = clamp_to_screens(was, &screens);
    tracing::debug!(saved = ?was, ?screens, ?fit, "window placement");
    if fit != was {
        window.set_size(tauri::PhysicalSize::new(fit.width, fit.height)).map_err(|e| e.to_string())?;
        window.set_position(tauri::PhysicalPosition::new(fit.x, fit.y)).map_err(|e| e.to_string())?;
        tracing::info!(from = ?was, to = ?fit, "window brought back onto the screen");
    }
    Ok(())
}

/// Debug builds only (the tests): the update endpoint and public key may come from
/// SEATKEEPER_UPDATE_ENDPOINT (a loopback address) and SEATKEEPER_UPDATE_PUBKEY, so the
/// end-to-end tests can serve a signed update of their own. Release builds ignore them.
#[cfg(debug_assertions)]
fn test_updater(context: &mut tauri::Context<tauri::Wry>) {
    let Ok(endpoint) = std::env::var("SEATKEEPER_UPDATE_ENDPOINT") else { return };
    let loopback =
        url::Url::parse(&endpoint).ok().is_some_and(|u| matches!(u.host_str(), Some("127.0.0.1" | "localhost")));
    if !loopback {
        return;
    }
    let plugins = &mut context.config_mut().plugins.0;
    let updater = plugins.entry("updater".to_string()).or_insert_with(|| serde_json::json!({}));
    updater["endpoints"] = serde_json::json!([endpoint]);
    updater["dangerousInsecureTransportProtocol"] = serde_json::json!(true);
    if let Ok(key) = std::env::var("SEATKEEPER_UPDATE_PUBKEY") {
        updater["pubkey"] = serde_json::json!(key);
    }
}

/// Opens the window on the local database (`data_dir`, or the OS app-data directory).
pub fn run_window(data_dir: Option<PathBuf>, started: Instant) -> ExitCode {
    let log_dir = crate::logs::log_dir(data_dir.as_deref());
    let _logs = log_dir.as_deref().and_then(|d| crate::logs::init(d, "window"));
    #[allow(unused_mut)]
    let mut context = tauri::generate_context!();
    #[cfg(debug_assertions)]
    test_updater(&mut context);
    let window_state = tauri_plugin_window_state::Builder::new()
        .with_state_flags(
            tauri_plugin_window_state::StateFlags::SIZE
                | tauri_plugin_window_state::StateFlags::POSITION
                | tauri_plugin_window_state::StateFlags::MAXIMIZED,
        )
        .build();
    let result = tauri::Builder::default()
        // First: a second launch stops here, before anything else starts.
        .plugin(single_instance(data_dir.as_deref()))
        .plugin(window_state)
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(crate::commands::DesktopState::default())
        .setup(move |app| {
            let setup_at = started.elapsed();
            let dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // A store that cannot open (say, written by a newer version) is not fatal:
            // the window starts and shows why, leaving the file untouched.
            let store = Store::open_in(&dir);
            if let Ok(store) = &store {
                // Held while the window runs: a restore from the command line waits for it.
                match crate::backup::WindowLock::try_acquire(store.path()) {
                    Ok(Some(lock)) => {
                        app.manage(lock);
                    }
                    Ok(None) => tracing::warn!("another window has this database open"),
                    Err(e) => tracing::warn!(error = %e, "window lock"),
                }
            }
            let keychain = crate::state::open_keychain(store.as_ref().ok());
            let state = AppState::new(store, Box::new(keychain), started).with_log_dir(log_dir);
            state.mark_at("setup", setup_at);
            state.mark("store.open");
            app.manage(state);
            if let Some(window) = app.get_webview_window("main")
                && let Err(e) = keep_on_screen(app.handle(), &window)
            {
                tracing::warn!(error = %e, "window placement");
            }
            tauri::async_runtime::spawn(sync_loop(app.handle().clone()));
            tauri::async_runtime::spawn(watch_database(app.handle().clone()));
            tauri::async_runtime::spawn(after_first_paint(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(crate::app_invoke_handler!())
        .run(context);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "the window could not run");
            eprintln!("seatkeeper: {e}");
            ExitCode::FAILURE
        }
    }
}
