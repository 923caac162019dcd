//! The local SQLite store: the one place SQL lives.
//!
//! Owns opening the database (WAL, `synchronous=NORMAL`, foreign keys, busy timeout),
//! the embedded migrations, and the reads and writes of each table. Every write goes
//! through [`Store::write`], one transaction that commits or rolls back whole, and
//! each user-visible change records its history row inside that same transaction.
//! Never stores a secret.

mod groups;
mod history;
mod licences;
mod migrations;
pub mod sample;
mod settings;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};

pub use groups::{GroupOverview, GroupSummary, Money, OrderSummary, TypeCounts};
pub use history::{HistoryEntry, Origin};
pub use licences::LicenceRow;
pub use migrations::{LATEST_VERSION, MigrationReport};


/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "seatkeeper.db";

/// The open local database. One connection behind a mutex: SQLite serialises writers
/// anyway, and every call here is short.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    migration: MigrationReport,
}

impl Store {
    /// Opens (creating if needed) `seatkeeper.db` in `data_dir` and brings its schema up
    /// to date. A database from a newer Seatkeeper is refused and left untouched; an
    /// existing older one is copied aside before it is migrated.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| Error::io(format!("creating {}", data_dir.display()), e))?;
        Store::open(&data_dir.join(DB_FILE))
    }

    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        // Read the version before anything writes to the file (setting WAL does).
        migrations::refuse_newer(&conn)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let migration = migrations::migrate(&mut conn, path)?;
        Ok(Store { conn: Mutex::new(conn), path: path.to_path_buf(), migration })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What opening the database did to its schema.
    pub fn migration(&self) -> &MigrationReport {
        &self.migration
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held cannot leave a half-done change behind: the
        // transaction it had open rolled back when it was dropped.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs reads on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` in one immediate transaction: committed if it returns `Ok`, rolled back
    /// (nothing written) if it returns an error or panics.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// The current instant as stored: RFC 3339 in UTC, to the second.
pub fn timestamp(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at);
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// A calendar day as stored: YYYY-MM-DD.
pub fn day(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_seconds() {
        let at = time::macros::datetime!(2026-11-23 23:04:05.678 +01:00);
        assert_eq!(timestamp(at), "2026-11-23T22:04:05Z");
        assert_eq!(day(time::macros::date!(2026-02-03)), "2026-02-03");
    }
}

/// What the window needs to know first: is there anything to show yet?
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// Connected OVHcloud accounts (the sample account not included).
    pub accounts: u32,
    pub has_sample_data: bool,
    pub groups: u32,
    pub database_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Where the pre-migration copy went, if this start migrated the database.
    pub migration_backup: Option<String>,
}

/// The operations the commands (and the tests) call: one method per user action.
impl Store {
    pub fn app_status(&self) -> Result<AppStatus> {
        self.read(|conn| {
            let (accounts, samples, groups): (u32, u32, u32) = conn.query_row(
                "SELECT (SELECT count(*) FROM accounts WHERE is_sample = 0),
                        (SELECT count(*) FROM accounts WHERE is_sample = 1),
                        (SELECT count(*) FROM licence_groups)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            Ok(AppStatus {
                accounts,
                has_sample_data: samples > 0,
                groups,
                database_path: self.path.display().to_string(),
                schema_version: self.migration.to_version,
                migration_backup: self.migration.backup.as_ref().map(|p| p.display().to_string()),
            })
        })
    }

    pub fn list_groups(&self) -> Result<Vec<GroupSummary>> {
        self.read(groups::list)
    }

    pub fn group_overview(&self, group_id: i64) -> Result<GroupOverview> {
        self.read(|conn| groups::overview(conn, group_id))
    }

    pub fn rename_group(&self, group_id: i64, new_name: &str, now: time::OffsetDateTime) -> Result<GroupSummary> {
        let at = timestamp(now);
        self.write(|tx| groups::rename(tx, group_id, new_name, &at))
    }

    pub fn list_licences(&self, group_id: i64) -> Result<Vec<LicenceRow>> {
        self.read(|conn| {
            groups::summary(conn, group_id)?;
            licences::list_for_group(conn, group_id)
        })
    }

    pub fn list_history(&self, group_id: i64, limit: u32) -> Result<Vec<HistoryEntry>> {
        self.read(|conn| {
            groups::summary(conn, group_id)?;
            history::list_for_group(conn, group_id, limit)
        })
    }

    pub fn load_sample(&self, now: time::OffsetDateTime, size: sample::SampleSize) -> Result<sample::SampleReport> {
        self.write(|tx| sample::load(tx, now, size))
    }

    pub fn remove_sample(&self) -> Result<()> {
        self.write(sample::remove)
    }

    pub fn language(&self) -> Result<Option<crate::i18n::Lang>> {
        self.read(settings::get_language)
    }

    pub fn set_language(&self, lang: Option<crate::i18n::Lang>) -> Result<()> {
        self.write(|tx| settings::set_language(tx, lang))
    }
}
