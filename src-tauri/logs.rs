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
    // Old files are pruned here, not by the appender (which sorts by creation time and
    // prints on stderr when Windows refuses to delete a file another program holds open).
    let not_removed = prune(dir, process, time::OffsetDateTime::now_utc().date());
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(format!("seatkeeper-{process}"))
        .filename_suffix("log")
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
    for (file, error) in not_removed {
        tracing::warn!(file = %file.display(), %error, "an old log file could not be removed yet (open elsewhere?)");
    }
    Some(LogGuard(guard))
}

/// Removes `process`'s log files beyond the last [`KEPT_DAYS`] days (today's counted,
/// whether or not it is there yet), oldest first by the date in their names. A file that
/// cannot be removed now (on Windows, one another program has open) is left for the next
/// time, and returned with why; the rest are still removed.
pub fn prune(dir: &Path, process: &str, today: time::Date) -> Vec<(PathBuf, std::io::Error)> {
    let prefix = format!("seatkeeper-{process}.");
    let todays = format!("{prefix}{:04}-{:02}-{:02}.log", today.year(), u8::from(today.month()), today.day());
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut older: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".log") && n < todays.as_str())
        })
        .collect();
    // `seatkeeper-cli.2026-12-08.log`: the names sort by date.
    older.sort();
    let extra = older.len().saturating_sub(KEPT_DAYS - 1);
    older.into_iter().take(extra).filter_map(|file| std::fs::remove_file(&file).err().map(|e| (file, e))).collect()
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
    fn pruning_keeps_the_last_fourteen_days_by_the_dates_in_the_names() {
        let dir = tempfile::tempdir().unwrap();
        let today = time::macros::date!(2026 - 12 - 20);
        // Made newest first, so their creation times run the other way from their dates.
        for day in (1..=20).rev() {
            std::fs::write(dir.path().join(format!("seatkeeper-cli.2026-12-{day:02}.log")), "{}\n").unwrap();
        }
        std::fs::write(dir.path().join("seatkeeper-window.2026-11-01.log"), "{}\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(prune(dir.path(), "cli", today).is_empty());
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        let cli: Vec<&String> = names.iter().filter(|n| n.starts_with("seatkeeper-cli.")).collect();
        assert_eq!(cli.len(), KEPT_DAYS, "{names:?}");
        assert_eq!(cli[0], "seatkeeper-cli.2026-12-07.log");
        assert!(names.contains(&"seatkeeper-window.2026-11-01.log".to_string()), "another process's are its own");
        assert!(names.contains(&"notes.txt".to_string()));
        // Before today's file exists, room is kept for it.
        std::fs::remove_file(dir.path().join("seatkeeper-cli.2026-12-20.log")).unwrap();
        assert!(prune(dir.path(), "cli", today).is_empty());
        let left = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("seatkeeper-cli."));
        assert_eq!(left.count(), KEPT_DAYS - 1);
    }

    #[test]
    fn the_default_levels_keep_libraries_quiet() {
        let levels: Targets = DEFAULT_LEVELS.parse().unwrap();
        assert!(levels.would_enable("seatkeeper::sync", &tracing::Level::INFO));
        assert!(!levels.would_enable("seatkeeper::sync", &tracing::Level::DEBUG));
        assert!(!levels.would_enable("hyper", &tracing::Level::INFO));
    }
}
