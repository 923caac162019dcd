//! What the running app holds: the store (or why it could not be opened) and the
//! user's language. Free of Tauri so the command logic can be tested without a window.

use std::sync::RwLock;
use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, IpcError, Result};
use crate::i18n::Lang;
use crate::secrets::SecretStore;
use crate::store::Store;
use crate::sync::SyncService;

/// The language in force and whether the user chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub language: Lang,
    /// `None`: following the system language.
    pub chosen_language: Option<Lang>,
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
        let chosen = self.store().and_then(|s| s.language()).unwrap_or(None);
        let language = chosen.unwrap_or_else(|| Lang::from_tag(system_tag));
        *self.lang.write().unwrap_or_else(|p| p.into_inner()) = language;
        Ok(Preferences { language, chosen_language: chosen })
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
