//! What the running app holds: the store (or why it could not be opened) and the
//! user's language. Free of Tauri so the command logic can be tested without a window.

use std::sync::RwLock;
use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, IpcError, Result};
use crate::i18n::{Lang, Localize};
use crate::secrets::{Backend, Keychain, SecretStore};
use crate::store::{AppStatus, GroupSummary, OpenOrder, Reminder, Store, Theme};
use crate::sync::{PendingChange, SyncService, SyncStatus};

/// The user's settings the window applies: the language in force and whether the user
/// chose it, the theme, whether to look for updates at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub language: Lang,
    /// `None`: following the system language.
    pub chosen_language: Option<Lang>,
    pub theme: Theme,
    pub check_updates: bool,
}

/// What the window's first screen shows, in one answer (one IPC round trip before the
/// first paint, and nothing read again until it is painted): the preferences, then the
/// status, the groups and the header's reads, in the language just resolved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WindowStart {
    pub preferences: Preferences,
    pub status: AppStatus,
    /// Empty, with `groups_error`, when they could not be read (the list says why).
    pub groups: Vec<GroupSummary>,
    pub groups_error: Option<IpcError>,
    /// The header's sync indicator (then kept up to date by events).
    pub sync: SyncStatus,
    /// The header's pending changes, the reminders and the list's open orders; `None`
    /// when one could not be read (the window reads it again once painted, as after
    /// every change, and says why where it is shown).
    pub pending: Option<Vec<PendingChange>>,
    pub reminders: Option<Vec<Reminder>>,
    pub orders: Option<Vec<OpenOrder>>,
}

/// The keychain as the window tells it: where secrets are, whether they survive a
/// reboot, and why it cannot be used (in the user's language) if it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeychainInfo {
    pub backend: Backend,
    pub persistent: bool,
    pub problem: Option<String>,
}

/// The keychain of `store`'s database: its installation's entries, in the Secret
/// Service without falling back when its secrets are known to be there.
pub fn open_keychain(store: Option<&Store>) -> Keychain {
    let installation = store.and_then(|s| s.installation_id().ok()).unwrap_or_default();
    let recorded = store.and_then(|s| s.keychain_backend().ok().flatten());
    Keychain::for_installation(installation).requiring(recorded)
}

/// The distribution's name and version (Linux), or nothing.
fn os_release() -> String {
    std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")).map(|v| v.trim_matches('"').to_string())
        })
        .unwrap_or_default()
}

/// Notes in the database that its secrets are in the Secret Service, once they are.
pub fn record_keychain(store: &Store, secrets: &dyn SecretStore) {
    let status = secrets.status();
    if status.problem.is_none() && status.backend == Backend::SecretService {
        let _ = store.set_keychain_backend(Backend::SecretService);
    }
    tracing::info!(backend = status.backend.as_str(), persistent = status.persistent, problem = ?status.problem, "keychain");
}

pub struct AppState {
    store: std::result::Result<Store, Error>,
    secrets: Box<dyn SecretStore>,
    lang: RwLock<Lang>,
    started: Instant,
    /// Set by SEATKEEPER_BENCH: the first paint is reported on stdout, with where the
    /// start-up time went.
    pub bench: bool,
    /// Moments of the start-up (for the benchmark's breakdown), since the process started.
    marks: std::sync::Mutex<Vec<(&'static str, std::time::Duration)>>,
    pub sync: SyncService,
    /// Told when the window has painted its first screen: the background sync waits for
    /// it, so nothing network-bound competes with the start-up.
    pub painted: tokio::sync::Notify,
    /// Where this process writes its logs, if it does.
    pub log_dir: Option<std::path::PathBuf>,
}

impl AppState {
    pub fn new(store: std::result::Result<Store, Error>, secrets: Box<dyn SecretStore>, started: Instant) -> AppState {
        let chosen = store.as_ref().ok().and_then(|s| s.language().ok().flatten());
        AppState {
            store,
            secrets,
            lang: RwLock::new(chosen.unwrap_or_default()),
            started,
            bench: std::env::var_os("SEATKEEPER_BENCH").is_some(),
            marks: std::sync::Mutex::new(Vec::new()),
            sync: SyncService::default(),
            painted: tokio::sync::Notify::new(),
            log_dir: None,
        }
    }

    pub fn with_log_dir(mut self, dir: Option<std::path::PathBuf>) -> AppState {
        self.log_dir = dir;
        self
    }

    /// The keychain in use, as the window shows it.
    pub fn keychain_info(&self) -> KeychainInfo {
        let status = self.secrets.status();
        KeychainInfo {
            backend: status.backend,
            persistent: status.persistent,
            problem: status.problem.map(|p| Error::KeychainUnavailable(p).localize(self.lang())),
        }
    }

    pub fn lang(&self) -> Lang {
        *self.lang.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn started(&self) -> Instant {
        self.started
    }

    /// Notes a moment of the start-up, once per name (only when benchmarking).
    pub fn mark(&self, name: &'static str) {
        if !self.bench {
            return;
        }
        let mut marks = self.marks.lock().unwrap_or_else(|p| p.into_inner());
        if !marks.iter().any(|(n, _)| *n == name) {
            marks.push((name, self.started.elapsed()));
        }
    }

    /// Notes a moment measured earlier.
    pub fn mark_at(&self, name: &'static str, at: std::time::Duration) {
        if self.bench {
            self.marks.lock().unwrap_or_else(|p| p.into_inner()).push((name, at));
        }
    }

    /// The moments noted so far, in milliseconds since the process started.
    pub fn marks(&self) -> Vec<(&'static str, u128)> {
        self.marks.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|(n, d)| (*n, d.as_millis())).collect()
    }

    /// The store, or the reason it could not be opened (every call repeats it).
    pub fn store(&self) -> Result<&Store> {
        self.store.as_ref().map_err(|e| match e {
            Error::DatabaseTooNew { found, supported } => {
                Error::DatabaseTooNew { found: *found, supported: *supported }
            }
            other => Error::Internal(other.to_string()),
        })
    }

    pub fn secrets(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }

    /// Like [`AppState::run`], for a change that queues something for OVHcloud: the
    /// sync loop is woken to send it.
    pub fn change<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> std::result::Result<T, IpcError> {
        let value = self.run(f)?;
        self.sync.nudge();
        Ok(value)
    }

    /// Runs `f` on the store and the keychain, and turns its error into the IPC shape.
    pub fn run_with_secrets<T>(
        &self,
        f: impl FnOnce(&Store, &dyn SecretStore) -> Result<T>,
    ) -> std::result::Result<T, IpcError> {
        self.store().and_then(|s| f(s, self.secrets.as_ref())).map_err(|e| e.to_ipc(self.lang()))
    }

    /// Runs `f` on the store and turns its error into the IPC shape, in the user's language.
    pub fn run<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> std::result::Result<T, IpcError> {
        self.store().and_then(f).map_err(|e| e.to_ipc(self.lang()))
    }

    /// Resolves the language: the user's choice, else the system's (`system_tag`).
    pub fn preferences(&self, system_tag: &str) -> std::result::Result<Preferences, IpcError> {
        let store = self.store();
        let chosen = store.as_ref().ok().and_then(|s| s.language().ok().flatten());
        let language = chosen.unwrap_or_else(|| Lang::from_tag(system_tag));
        *self.lang.write().unwrap_or_else(|p| p.into_inner()) = language;
        let theme = store.as_ref().ok().and_then(|s| s.theme().ok()).unwrap_or_default();
        let check_updates = store.as_ref().ok().is_none_or(|s| s.check_updates().unwrap_or(true));
        Ok(Preferences { language, chosen_language: chosen, theme, check_updates })
    }

    /// The window's first screen: the language first (errors are then translated into
    /// it), then the status (its error is the whole answer's: the window cannot start),
    /// then the groups (their error is shown in the list).
    pub fn window_start(&self, system_tag: &str) -> std::result::Result<WindowStart, IpcError> {
        self.mark("ipc.first");
        let preferences = self.preferences(system_tag)?;
        let status = self.run(|store| store.app_status())?;
        self.mark("ipc.appStatus.out");
        let (groups, groups_error) = match self.run(|store| store.list_groups()) {
            Ok(groups) => (groups, None),
            Err(error) => (Vec::new(), Some(error)),
        };
        self.mark("ipc.groups.out");
        let lang = preferences.language;
        let pending = self.run(|store| crate::sync::pending_changes(store, None, lang)).ok();
        let reminders = self.run(|store| store.reminders(lang)).ok();
        let orders = self.run(|store| store.list_open_orders()).ok();
        let sync = self.sync.status();
        self.mark("ipc.start.out");
        Ok(WindowStart { preferences, status, groups, groups_error, sync, pending, reminders, orders })
    }

    /// Saves the theme and whether to look for updates at start.
    pub fn set_display(
        &self,
        theme: Theme,
        check_updates: bool,
        system_tag: &str,
    ) -> std::result::Result<Preferences, IpcError> {
        self.run(|s| {
            s.set_theme(theme)?;
            s.set_check_updates(check_updates)
        })?;
        self.preferences(system_tag)
    }

    /// The diagnostic information the window copies for support: versions, system,
    /// folders, the keychain, what the database holds (counts only) and the sync's state.
    /// Never a secret, an account name or an e-mail. `extra`: what only the window knows.
    pub fn diagnostics(&self, extra: &[(&str, String)]) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let mut line = |k: &str, v: &dyn std::fmt::Display| {
            let _ = writeln!(out, "{k}: {v}");
        };
        line("Seatkeeper", &env!("CARGO_PKG_VERSION"));
        line("System", &format!("{} {} ({})", std::env::consts::OS, os_release(), std::env::consts::ARCH));
        for (k, v) in extra {
            line(k, v);
        }
        line("Language", &self.lang().code());
        let keychain = self.secrets.status();
        line(
            "Keychain",
            &format!(
                "{}{}{}",
                keychain.backend.as_str(),
                if keychain.persistent { "" } else { " (lost at reboot)" },
                keychain.problem.map(|p| format!(" — unavailable: {p:?}")).unwrap_or_default()
            ),
        );
        line("Logs", &self.log_dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| "none".into()));
        match self.store() {
            Ok(store) => {
                line("Database", &store.path().display());
                if let Ok(status) = store.app_status() {
                    line("Schema version", &status.schema_version);
                    line("Accounts", &status.accounts);
                    line("Licence groups", &status.groups);
                    line("Sample data", &status.has_sample_data);
                }
                if let Ok(changes) = store.list_changes(crate::store::ChangeFilter::default()) {
                    let mut by_state = std::collections::BTreeMap::new();
                    for c in &changes {
                        *by_state.entry(c.state.as_str()).or_insert(0u32) += 1;
                    }
                    let text: Vec<String> = by_state.iter().map(|(s, n)| format!("{s} {n}")).collect();
                    line("Pending changes", &if text.is_empty() { "none".into() } else { text.join(", ") });
                }
                line(
                    "Last automatic backup",
                    &store.last_daily_backup().map(|p| p.display().to_string()).unwrap_or_else(|| "none".into()),
                );
            }
            Err(e) => line("Database", &format!("cannot open: {e}")),
        }
        let sync = self.sync.status();
        line(
            "Sync",
            &format!(
                "online {:?}, last {}, running {}, elsewhere {}",
                sync.online,
                sync.last_sync_at.as_deref().unwrap_or("never"),
                sync.running,
                sync.busy_elsewhere
            ),
        );
        if let Some(error) = &sync.last_error {
            line("Last sync error", error);
        }
        out
    }

    /// Saves the user's choice (`None`: follow the system) and applies it.
    pub fn choose_language(
        &self,
        chosen: Option<Lang>,
        system_tag: &str,
    ) -> std::result::Result<Preferences, IpcError> {
        self.run(|s| s.set_language(chosen))?;
        self.preferences(system_tag)
    }
}
