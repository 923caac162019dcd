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
    include_str!("migrations/0005_empty_slot.sql"),
    include_str!("migrations/0006_incremental_pull.sql"),
    include_str!("migrations/0007_workflow.sql"),
    include_str!("migrations/0008_group_parts.sql"),
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
/// Safe with several processes opening the same database at once: each step decides
/// inside an immediate transaction, from the version it reads there.
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
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        // Immediate: a second process migrating the same database waits here, then sees
        // the version the first one reached and skips what is already done.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current = user_version(&tx)?;
        if current >= version {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        report.to_version = version;
    }
    report.to_version = LATEST_VERSION;
    Ok(report)
}

/// Writes a consistent copy of the database next to it, named after its version.
fn back_up(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("seatkeeper.db");
    // Two processes migrating in the same second each keep their own copy: VACUUM INTO
    // refuses a file that exists, and the next name is tried.
    for n in 1..100 {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let backup = path.with_file_name(format!("{file}.v{version}-{stamp}{suffix}.bak"));
        if backup.exists() {
            continue;
        }
        match conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()]) {
            Ok(_) => return Ok(backup),
            Err(e) if backup.exists() => {
                let _ = e;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(crate::error::Error::Internal("no free name for the pre-migration copy".into()))
}
