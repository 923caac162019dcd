// No console window behind the app on Windows release builds.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    let started = std::time::Instant::now();
    seatkeeper::app::main(std::env::args().skip(1), started)
}
