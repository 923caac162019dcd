//! The log files: one JSON object per line (time, level, module, message and fields),
//! a file per day and per kind of process (`window`, `cli`), the last 14 days kept, in
//! the OS log folder — or in `DIR/logs` with `--data-dir DIR`. What is logged is what a
//! support question needs (a sync's steps and outcome, a change's moves, backups,
//! updates, the keychain in use) and never a secret: secrets travel as [`Secret`], whose
//! `Debug` is `<redacted>`, and no request body or header is ever logged.
//!
//! `SEATKEEPER_LOG` sets the levels (`seatkeeper=debug,warn`); the default is `info`
//! for Seatkeeper and `warn` for the libraries.
//!
//! [`Secret`]: crate::secret::Secret

use std::path::{Path, PathBuf};

use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The identifier the OS folders are named after (tauri.conf.json).
const IDENTIFIER: &str = "app.seatkeeper.desktop";
/// Days of logs kept (per kind of process).
const KEPT_DAYS: usize = 14;
const DEFAULT_LEVELS: &str = "warn,seatkeeper=info";

/// Keeps the log writer running; the last lines are written when it is dropped.
pub struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// Where the logs go: `DIR/logs` with `--data-dir DIR`, else the OS log folder (the
/// same as Tauri's `app_log_dir`): `~/.local/share/app.seatkeeper.desktop/logs` on
/// Linux, `~/Library/Logs/app.seatkeeper.desktop` on macOS,
/// `%LOCALAPPDATA%\app.seatkeeper.desktop\logs` on Windows.
pub fn log_dir(data_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = data_dir {
        return Some(dir.join("logs"));
    }
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library/Logs").join(IDENTIFIER))
    } else if cfg!(target_os = "windows") {
        std::env::var_os("LOCALAPPDATA").map(|d| PathBuf::from(d).join(IDENTIFIER).join("logs"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home().map(|h| h.join(".local/share")))
            .map(|d| d.join(IDENTIFIER).join("logs"))
    }
}

/// The levels in force: `SEATKEEPER_LOG`, or the default.
fn levels() -> Targets {
    std::env::var("SEATKEEPER_LOG")
        .ok()
        .and_then(|v| v.parse::<Targets>().ok())
        .unwrap_or_else(|| DEFAULT_LEVELS.parse().expect("the default levels parse"))
}

/// Starts logging to `dir` for this process (`process`: `window` or `cli`). A folder
/// that cannot be written is not fatal: the app runs without logs.
pub fn init(dir: &Path, process: &'static str) -> Option<LogGuard> {
    // The folder first: the appender looks for old files to prune before it creates it,
    // and says so on stderr when the folder is not there yet (a first run).
    std::fs::create_dir_all(dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(format!("seatkeeper-{process}"))
        .filename_suffix("log")
        .max_log_files(KEPT_DAYS)
        .build(dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let format = tracing_subscriber::fmt::layer()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_ansi(false)
        .with_writer(writer);
    tracing_subscriber::registry().with(format).with(levels()).try_init().ok()?;
    tracing::info!(
        process,
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        arch = std::env::consts::ARCH,
        pid = std::process::id(),
        "Seatkeeper started"
    );
    Some(LogGuard(guard))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_dir_keeps_its_logs_with_it() {
        assert_eq!(log_dir(Some(Path::new("/tmp/sk"))), Some(PathBuf::from("/tmp/sk/logs")));
        assert!(log_dir(None).is_some_and(|d| d.ends_with(if cfg!(target_os = "macos") {
            "Library/Logs/app.seatkeeper.desktop"
        } else {
            "app.seatkeeper.desktop/logs"
        })));
    }

    #[test]
    fn the_default_levels_keep_libraries_quiet() {
        let levels: Targets = DEFAULT_LEVELS.parse().unwrap();
        assert!(levels.would_enable("seatkeeper::sync", &tracing::Level::INFO));
        assert!(!levels.would_enable("seatkeeper::sync", &tracing::Level::DEBUG));
        assert!(!levels.would_enable("hyper", &tracing::Level::INFO));
    }
}
