//! App-wide commands: status, language, sample data, external links, benchmarks.

use tauri::State;

use super::CmdResult;
use crate::domain::trusted_url;
use crate::error::Error;
use crate::i18n::Lang;
use crate::state::{AppState, Preferences, WindowStart};
use crate::store::AppStatus;
use crate::store::sample::{SampleReport, SampleSize};

#[tauri::command(async)]
pub fn get_app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    state.run(|store| store.app_status())
}

/// Everything the first screen needs, in one round trip (the window calls it once, first).
#[tauri::command(async)]
pub fn start_window(state: State<'_, AppState>, system_language: String) -> CmdResult<WindowStart> {
    state.window_start(&system_language)
}

#[tauri::command(async)]
pub fn set_language(
    state: State<'_, AppState>,
    language: Option<Lang>,
    system_language: String,
) -> CmdResult<Preferences> {
    state.choose_language(language, &system_language)
}

#[tauri::command(async)]
pub fn load_sample_data(state: State<'_, AppState>) -> CmdResult<SampleReport> {
    state.run(|store| store.load_sample(time::OffsetDateTime::now_utc(), SampleSize::default()))
}

#[tauri::command(async)]
pub fn remove_sample_data(state: State<'_, AppState>) -> CmdResult<()> {
    state.run(|store| store.remove_sample())
}

/// Opens a trusted OVHcloud or Microsoft page in the system browser; anything else is refused.
#[tauri::command(async)]
pub fn open_external(state: State<'_, AppState>, url: String) -> CmdResult<()> {
    let lang = state.lang();
    let url = trusted_url(&url).ok_or_else(|| Error::UntrustedUrl(url.clone()).to_ipc(lang))?;
    tauri_plugin_opener::open_url(url.as_str(), None::<&str>).map_err(|e| Error::Internal(e.to_string()).to_ipc(lang))
}

/// The window calls this once the groups list is on screen, with its own moments (in
/// ms since the page started loading). It lets the background sync start. Under SEATKEEPER_BENCH the time since the process
/// started is printed for tests/bench/startup.sh, and where it went.
#[tauri::command(async)]
pub fn report_first_paint(state: State<'_, AppState>, page: Option<std::collections::BTreeMap<String, f64>>) {
    state.painted.notify_one();
    if state.bench {
        use std::io::Write;
        let elapsed = state.started().elapsed();
        let total = elapsed.as_millis();
        let epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let process_start = epoch.as_secs_f64() * 1000.0 - elapsed.as_secs_f64() * 1000.0;
        let rust: Vec<String> = state.marks().iter().map(|(n, ms)| format!("{n}={ms}")).collect();
        let page: Vec<String> = page
            .unwrap_or_default()
            .iter()
            .map(|(n, ms)| match n.as_str() {
                // When the page started loading, on the process's clock.
                "origin" => format!("page.start={:.0}", ms - process_start),
                _ => format!("page.{n}={ms:.0}"),
            })
            .collect();
        println!("SEATKEEPER_STARTUP {} {}", rust.join(" "), page.join(" "));
        println!("SEATKEEPER_FIRST_PAINT_MS {total}");
        let _ = std::io::stdout().flush();
    }
}
