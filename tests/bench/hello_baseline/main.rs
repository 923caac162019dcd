//! The baseline BENCHMARKS.md compares Seatkeeper with: the smallest Tauri 2 app that
//! paints a page and says so, built from the same dependencies and profile.

use std::io::Write;
use std::time::Instant;

static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

#[tauri::command]
fn report_first_paint() {
    let ms = STARTED.get().map_or(0, |s| s.elapsed().as_millis());
    println!("SEATKEEPER_FIRST_PAINT_MS {ms}");
    let _ = std::io::stdout().flush();
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![report_first_paint])
        .run(tauri::generate_context!("tests/bench/hello_baseline/tauri.conf.json"))
        .expect("hello baseline failed to run");
}
