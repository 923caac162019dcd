//! The baseline BENCHMARKS.md compares Seatkeeper with: the smallest Tauri 2 app that
//! paints a page and says so, built from the same dependencies and profile.

use std::io::Write;
use std::time::Instant;

static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
/// When Tauri called setup (its window already made), since the process started.
static SETUP: std::sync::OnceLock<std::time::Duration> = std::sync::OnceLock::new();

/// Prints the first paint, and (like Seatkeeper) the page's own moments for the breakdown.
#[tauri::command]
fn report_first_paint(page: Option<std::collections::BTreeMap<String, f64>>) {
    let elapsed = STARTED.get().map(Instant::elapsed).unwrap_or_default();
    let epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let process_start = epoch.as_secs_f64() * 1000.0 - elapsed.as_secs_f64() * 1000.0;
    let mut moments: Vec<String> = Vec::new();
    if let Some(setup) = SETUP.get() {
        moments.push(format!("setup={:.0}", setup.as_secs_f64() * 1000.0));
    }
    for (name, ms) in page.unwrap_or_default() {
        if name == "origin" {
            moments.push(format!("page.start={:.0}", ms - process_start));
        } else {
            moments.push(format!("page.{name}={ms:.0}"));
        }
    }
    println!("SEATKEEPER_STARTUP {}", moments.join(" "));
    println!("SEATKEEPER_FIRST_PAINT_MS {}", elapsed.as_millis());
    let _ = std::io::stdout().flush();
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .setup(|_| {
            SETUP.get_or_init(|| STARTED.get().map(Instant::elapsed).unwrap_or_default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![report_first_paint])
        .run(tauri::generate_context!("tests/bench/hello_baseline/tauri.conf.json"))
        .expect("hello baseline failed to run");
}
