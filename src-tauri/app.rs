//! Builds and runs the Tauri app, and runs the headless commands of the CLI.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tauri::Manager;

use crate::cli::{self, Cli, Command};
use crate::i18n::Localize;
use crate::secrets::Keychain;
use crate::state::AppState;
use crate::store::sample::SampleSize;
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
        Command::Help => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("seatkeeper {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => run_headless(&cli, lang),
    }
}

fn default_data_dir() -> Option<PathBuf> {
    // The same directory Tauri's path resolver gives the window: <data dir>/<identifier>.
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.map(|b| b.join("app.seatkeeper.desktop"))
}

fn run_headless(cli: &Cli, lang: crate::i18n::Lang) -> ExitCode {
    let Some(dir) = cli.data_dir.clone().or_else(default_data_dir) else {
        eprintln!("seatkeeper: {}", lang.pick("no data directory; pass --data-dir DIR", "aucun dossier de données ; passez --data-dir DIR"));
        return ExitCode::from(2);
    };
    let result = Store::open_in(&dir).and_then(|store| match cli.command {
        Command::SampleLoad { payg_users } => {
            let report = store.load_sample(time::OffsetDateTime::now_utc(), SampleSize { payg_users })?;
            println!("{} groups, {} licences, {} installs", report.groups, report.licences, report.installs);
            Ok(())
        }
        Command::SampleRemove => store.remove_sample(),
        Command::Status => {
            let status = store.app_status()?;
            println!("database: {}", status.database_path);
            println!("schema: {}", status.schema_version);
            for g in store.list_groups()? {
                println!(
                    "{}\t{}\t{}\t{}/{}\t{}",
                    g.service_name, g.display_name, g.family.wire_name(), g.licences_used, g.licences_total, g.status
                );
            }
            Ok(())
        }
        Command::Window | Command::Help | Command::Version => Ok(()),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seatkeeper: {}", e.localize(lang));
            ExitCode::FAILURE
        }
    }
}

/// Opens the window on the local database (`data_dir`, or the OS app-data directory).
pub fn run_window(data_dir: Option<PathBuf>, started: Instant) -> ExitCode {
    let result = tauri::Builder::default()
        .setup(move |app| {
            let dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // A store that cannot open (say, written by a newer version) is not fatal:
            // the window starts and shows why, leaving the file untouched.
            app.manage(AppState::new(Store::open_in(&dir), Box::new(Keychain::new()), started));
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
