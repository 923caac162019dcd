//! Schema migrations, embedded in the binary and applied in order. The schema version
//! is SQLite's `user_version`. Each migration runs in its own transaction together with
//! the version bump, so a crash leaves the database at the old or the new version,
//! never in between.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_licence_search.sql"),
    include_str!("migrations/0003_pending_change_undo.sql"),
    include_str!("migrations/0004_exactly_once.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// What opening did to the schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationReport {
    pub from_version: i64,
    pub to_version: i64,
    /// Where the pre-migration copy went, when an existing database was migrated.
    pub backup: Option<PathBuf>,
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Fails, touching nothing, when the database comes from a newer Seatkeeper.
pub(super) fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > LATEST_VERSION {
        return Err(Error::DatabaseTooNew { found, supported: LATEST_VERSION });
    }
    Ok(())
}

/// Brings the schema to [`LATEST_VERSION`], copying an existing database aside first.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<MigrationReport> {
    let from_version = user_version(conn)?;
    refuse_newer(conn)?;
    let mut report = MigrationReport { from_version, to_version: from_version, backup: None };
    if from_version == LATEST_VERSION {
        return Ok(report);
    }
    if from_version > 0 {
        report.backup = Some(back_up(conn, path, from_version)?);
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from_version as usize) {
        let version = index as i64 + 1;
        // Immediate: a second process opening the same database waits here, then sees
        // the version the first one reached and skips what is already done.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if user_version(&tx)? >= version {
            tx.commit()?;
            report.to_version = version;
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        report.to_version = version;
    }
    Ok(report)
}

/// Writes a consistent copy of the database next to it, named after its version.
fn back_up(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let name = format!(
        "{}.v{version}-{stamp}.bak",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("seatkeeper.db")
    );
    let backup = path.with_file_name(name);
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
    Ok(backup)
}
