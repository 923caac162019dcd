//! Seatkeeper: an offline-first desktop manager for OVHcloud Microsoft 365 licence groups.
//!
//! The layers, from the window inwards (ARCHITECTURE.md has the map):
//! - `app`, `commands`: the only modules that know Tauri; glue, no rules.
//! - `state`: what the running app holds (store, language).
//! - `store`: SQLite, the one place SQL lives; transactions, migrations, history.
//! - `domain`: the licence rules, pure functions.
//! - `secrets`: the OS keychain, the only home of secrets.
//! - `error`, `i18n`: one error type and its French and English messages.
//! - `backup`, `logs`, `placement`: backups and restores, the log files, where the
//!   window reopens — for the window and the command line alike.

pub mod app;
pub mod backup;
pub mod cli;
pub mod commands;
pub mod csv_io;
pub mod domain;
pub mod error;
pub mod headless;
pub mod i18n;
pub mod logs;
pub mod ovh;
pub mod placement;
pub mod rules;
pub mod secret;
pub mod secrets;
pub mod state;
pub mod store;
pub mod sync;

#[cfg(test)]
mod bindings;
