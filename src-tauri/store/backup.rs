//! Backups of the database — the installs ledger and the history exist nowhere else.
//!
//! A backup is a consistent copy made with `VACUUM INTO` (a snapshot: a sync writing at
//! the same moment is either in it or not, never half), turned into a self-contained
//! SQLite file that carries its manifest (app version, schema version, date) in a table
//! of its own and Seatkeeper's mark in the header (`application_id`). Restoring checks the
//! file whole — a Seatkeeper backup, intact, not newer than this app — on a copy, before
//! the current database is touched; then keeps the current database aside (as a backup)
//! and copies the restored pages in with SQLite's backup API, in one write transaction,
//! so other connections see the old database or the new one, never a mix.
//!
//! Secrets are never in a backup (they are never in the database). A restored database
//! gets a new installation id, so none of the old keychain entries or order references
//! can be taken for its own: its accounts need their keys again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{LATEST_VERSION, Store, migrations, settings, timestamp};
use crate::error::{BackupProblem, Error, Result};
use crate::secrets::SecretKey;

/// The extension of backup files.
pub const EXTENSION: &str = "skbackup";
/// SQLite's `application_id` of a Seatkeeper backup: "SKBK".
pub const APPLICATION_ID: i32 = 0x534B_424B;
const MANIFEST: &str = "seatkeeper_backup";
/// Automatic backups kept in the backups folder.
pub const AUTOMATIC_KEPT: usize = 7;
const AUTOMATIC_PREFIX: &str = "seatkeeper-auto-";

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// The user asked ("Back up", `seatkeeper backup`).
    Manual,
    /// The daily one.
    Automatic,
    /// The database a restore replaced.
    BeforeRestore,
}

impl BackupKind {
    fn as_str(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Automatic => "automatic",
            BackupKind::BeforeRestore => "beforeRestore",
        }
    }

    fn parse(value: &str) -> BackupKind {
        match value {
            "automatic" => BackupKind::Automatic,
            "beforeRestore" => BackupKind::BeforeRestore,
            _ => BackupKind::Manual,
        }
    }
}

/// What a backup says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupManifest {
    pub app_version: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub kind: BackupKind,
}

/// A backup file, checked: its manifest and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub manifest: BackupManifest,
    pub accounts: u32,
    pub groups: u32,
    pub licences: u32,
    pub installs: u32,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub backup: BackupInfo,
    /// The database it replaced, kept as a backup.
    pub kept_aside: PathBuf,
    /// The restored database's installation id (its keychain entries' prefix).
    pub installation: String,
}

/// The folder of the automatic backups and of the databases restores replaced.
pub fn folder(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The name offered for a backup made now.
pub fn suggested_name(now: time::OffsetDateTime) -> String {
    format!("seatkeeper-{}.{EXTENSION}", stamp(now))
}

/// The moment in a file name: `2026-12-02-153000` (UTC).
pub fn stamp(now: time::OffsetDateTime) -> String {
    let n = now.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}-{:02}{:02}{:02}",
        n.year(),
        u8::from(n.month()),
        n.day(),
        n.hour(),
        n.minute(),
        n.second()
    )
}

fn storage(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let context = context.into();
    move |e| Error::io(context, e)
}

/// A file beside `target` to write into before it is renamed over `target`.
fn partial_beside(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("seatkeeper");
    target.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// Flushes a closed file to the disk, then closes it again.
fn flush_to_disk(path: &Path) -> Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(path).map_err(storage(path.display().to_string()))?;
    file.sync_all().map_err(storage(path.display().to_string()))?;
    drop(file);
    Ok(())
}

fn remove_if_there(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (replacing a file there only
    /// once the copy is complete). Runs on a connection of its own: the app's connection
    /// and a sync writing meanwhile are not held up, and what the copy holds is one
    /// moment of the database.
    pub fn back_up_to(&self, dest: &Path, kind: BackupKind, now: time::OffsetDateTime) -> Result<BackupInfo> {
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(storage(format!("creating {}", parent.display())))?;
        }
        let partial = partial_beside(dest, "partial");
        remove_if_there(&partial);
        let result = (|| {
            let source = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            source.busy_timeout(Duration::from_secs(10))?;
            source.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
            drop(source);
            let copy = Connection::open(&partial)?;
            // VACUUM INTO copies the header's user version: the schema of the snapshot.
            let schema_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let manifest = BackupManifest {
                app_version: env!("CARGO_PKG_VERSION").to_string(),
                schema_version,
                created_at: timestamp(now),
                kind,
            };
            // A file on its own: no WAL beside it.
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            copy.pragma_update(None, "application_id", APPLICATION_ID)?;
            copy.execute_batch(&format!(
                "CREATE TABLE {MANIFEST} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
            ))?;
            for (key, value) in [
                ("app", "Seatkeeper".to_string()),
                ("appVersion", manifest.app_version.clone()),
                ("schemaVersion", schema_version.to_string()),
                ("createdAt", manifest.created_at.clone()),
                ("kind", kind.as_str().to_string()),
            ] {
                copy.execute(&format!("INSERT INTO {MANIFEST} (key, value) VALUES (?1, ?2)"), [key, &value])?;
            }
            let info = describe(&copy, dest, manifest)?;
            copy.close().map_err(|(_, e)| e)?;
            // Every handle on the copy is closed; it is flushed through a handle that may
            // write (Windows refuses to flush a read-only one: "Access denied"), closed
            // again, and only then moved into place (Windows cannot move an open file).
            flush_to_disk(&partial)?;
            std::fs::rename(&partial, dest).map_err(storage(format!("writing {}", dest.display())))?;
            Ok(info)
        })();
        if result.is_err() {
            remove_if_there(&partial);
        }
        result
    }

    /// Today's automatic backup in the backups folder, unless there is one already;
    /// keeps the last [`AUTOMATIC_KEPT`]. Several processes may try at once: one writes it.
    pub fn back_up_daily(&self, now: time::OffsetDateTime) -> Result<Option<PathBuf>> {
        let dir = folder(&self.path);
        let day = super::day(now.to_offset(time::UtcOffset::UTC).date());
        let path = dir.join(format!("{AUTOMATIC_PREFIX}{day}.{EXTENSION}"));
        if path.exists() {
            return Ok(None);
        }
        self.back_up_to(&path, BackupKind::Automatic, now)?;
        let mut automatic: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(storage(dir.display().to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(AUTOMATIC_PREFIX) && n.ends_with(&format!(".{EXTENSION}")))
            })
            .collect();
        // The date in the name sorts them.
        automatic.sort();
        let extra = automatic.len().saturating_sub(AUTOMATIC_KEPT);
        for old in &automatic[..extra] {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(path))
    }

    /// The newest automatic backup, if any.
    pub fn last_daily_backup(&self) -> Option<PathBuf> {
        let dir = folder(&self.path);
        let mut automatic: Vec<PathBuf> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(AUTOMATIC_PREFIX)))
            .collect();
        automatic.sort();
        automatic.pop()
    }

    /// The keychain entries this database's secrets use: every account's keys and the
    /// passwords its pending changes wait with.
    pub fn secret_keys(&self) -> Result<Vec<SecretKey>> {
        self.read(|conn| {
            let mut keys = Vec::new();
            for account in super::accounts::list_accounts(conn)? {
                keys.push(SecretKey::ApplicationSecret { account_id: account.id });
                keys.push(SecretKey::ConsumerKey { account_id: account.id });
                keys.extend(super::changes::passwords_of_account(conn, account.id)?);
            }
            Ok(keys)
        })
    }

    /// Replaces the database with the backup at `file`, once it has been checked whole
    /// (see [`Prepared`]); the current database is first kept aside in `aside`. The caller
    /// holds the sync lock. Fails, touching nothing, if the backup is refused.
    pub fn restore_from(&self, file: &Path, aside: &Path, now: time::OffsetDateTime) -> Result<Restored> {
        let page_size: i64 = self.read(|c| Ok(c.query_row("PRAGMA page_size", [], |r| r.get(0))?))?;
        let prepared = Prepared::new(file, &folder(&self.path), page_size)?;
        let kept = self.back_up_to(aside, BackupKind::BeforeRestore, now)?;
        let result = self.copy_in(&prepared);
        let installation = match result {
            Ok(installation) => installation,
            Err(e) => {
                tracing::error!(error = %e, "restore failed while copying; the database kept aside is {}", kept.path);
                return Err(e);
            }
        };
        Ok(Restored { backup: prepared.info.clone(), kept_aside: aside.to_path_buf(), installation })
    }

    /// Copies the prepared database's pages over the live one, in one write transaction.
    fn copy_in(&self, prepared: &Prepared) -> Result<String> {
        let source = Connection::open_with_flags(&prepared.work, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut live = self.lock();
        let started = std::time::Instant::now();
        loop {
            let backup = rusqlite::backup::Backup::new(&source, &mut live)?;
            match backup.step(-1) {
                Ok(rusqlite::backup::StepResult::Done) => break,
                Ok(rusqlite::backup::StepResult::Busy | rusqlite::backup::StepResult::Locked)
                    if started.elapsed() < Duration::from_secs(10) =>
                {
                    drop(backup);
                    std::thread::sleep(Duration::from_millis(50));
                }
                Ok(other) => return Err(Error::Internal(format!("restore: the database stayed busy ({other:?})"))),
                Err(e) => return Err(e.into()),
            }
        }
        let check: String = live.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::Internal(format!("the restored database failed its check: {check}")));
        }
        settings::installation_id(&live)
    }
}

/// A backup file checked whole and made ready to restore, in a copy of its own (the
/// user's file is only read): a Seatkeeper backup (its header mark and manifest), intact
/// (`integrity_check`, `foreign_key_check`), not newer than this app; then stripped of
/// its manifest, migrated to this app's schema, and given a new installation id.
pub struct Prepared {
    work: PathBuf,
    pub info: BackupInfo,
}

impl Prepared {
    /// `page_size`: the live database's (SQLite copies pages only between equal sizes).
    pub fn new(file: &Path, work_dir: &Path, page_size: i64) -> Result<Prepared> {
        let info = inspect(file, work_dir)?;
        std::fs::create_dir_all(work_dir).map_err(storage(format!("creating {}", work_dir.display())))?;
        let work = work_dir.join(format!(".restore-{}.sqlite", std::process::id()));
        remove_if_there(&work);
        let prepared = Prepared { work, info };
        std::fs::copy(file, &prepared.work).map_err(storage(format!("reading {}", file.display())))?;
        let mut conn = Connection::open(&prepared.work)?;
        conn.execute_batch(&format!("DROP TABLE {MANIFEST};"))?;
        conn.pragma_update(None, "application_id", 0)?;
        let report = migrations::migrate(&mut conn, &prepared.work)?;
        if let Some(copy) = report.backup {
            // The backup file itself is the copy of the older version.
            let _ = std::fs::remove_file(copy);
        }
        settings::new_installation_id(&conn)?;
        settings::clear_backup_failure(&conn)?;
        let own: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        if own != page_size {
            conn.pragma_update(None, "page_size", page_size)?;
            conn.execute_batch("VACUUM")?;
        }
        conn.close().map_err(|(_, e)| e)?;
        Ok(prepared)
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        remove_if_there(&self.work);
    }
}

/// Checks a backup file without changing it: a Seatkeeper backup, intact, not newer
/// than this app. It is read from a copy in `work_dir`.
pub fn inspect(file: &Path, work_dir: &Path) -> Result<BackupInfo> {
    let bytes_head = {
        use std::io::Read;
        let mut head = [0u8; 100];
        let mut f = std::fs::File::open(file).map_err(storage(format!("reading {}", file.display())))?;
        let mut read = 0;
        while read < head.len() {
            match f.read(&mut head[read..]).map_err(storage(format!("reading {}", file.display())))? {
                0 => break,
                n => read += n,
            }
        }
        head[..read].to_vec()
    };
    if !bytes_head.starts_with(b"SQLite format 3\0") {
        return Err(Error::Backup(BackupProblem::NotABackup));
    }
    if bytes_head.len() < 100 {
        return Err(damaged("the file is cut short"));
    }
    // Bytes 68..72 of the header: the application id.
    let app_id = i32::from_be_bytes([bytes_head[68], bytes_head[69], bytes_head[70], bytes_head[71]]);
    if app_id != APPLICATION_ID {
        return Err(Error::Backup(BackupProblem::NotABackup));
    }
    std::fs::create_dir_all(work_dir).map_err(storage(format!("creating {}", work_dir.display())))?;
    let copy = work_dir.join(format!(".inspect-{}.sqlite", std::process::id()));
    remove_if_there(&copy);
    let result = (|| {
        std::fs::copy(file, &copy).map_err(storage(format!("reading {}", file.display())))?;
        let conn = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(corrupt)?;
        let check: Vec<String> = {
            let mut stmt = conn.prepare("PRAGMA integrity_check(5)").map_err(corrupt)?;
            stmt.query_map([], |r| r.get::<_, String>(0))
                .map_err(corrupt)?
                .collect::<rusqlite::Result<_>>()
                .map_err(corrupt)?
        };
        if check != ["ok"] {
            return Err(damaged(&check.join("; ")));
        }
        let orphans: Option<String> = conn
            .query_row("SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1", [], |r| r.get(0))
            .optional()
            .map_err(corrupt)?;
        if let Some(table) = orphans {
            return Err(damaged(&format!("rows of {table} point to nothing")));
        }
        let manifest = read_manifest(&conn)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(corrupt)?;
        if found != manifest.schema_version {
            return Err(damaged("its manifest and its schema disagree"));
        }
        if found > LATEST_VERSION {
            return Err(Error::Backup(BackupProblem::TooNew { found, supported: LATEST_VERSION }));
        }
        if found < 1 {
            return Err(Error::Backup(BackupProblem::NotABackup));
        }
        describe(&conn, file, manifest).map_err(|_| Error::Backup(BackupProblem::NotABackup))
    })();
    remove_if_there(&copy);
    result
}

fn damaged(detail: &str) -> Error {
    Error::Backup(BackupProblem::Damaged { detail: detail.to_string() })
}

/// SQLite's own word for a damaged file.
fn corrupt(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => damaged(&e.to_string()),
        _ => Error::Storage(e),
    }
}

fn read_manifest(conn: &Connection) -> Result<BackupManifest> {
    let has_table: bool = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", [MANIFEST], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(corrupt)?
        > 0;
    if !has_table {
        return Err(Error::Backup(BackupProblem::NotABackup));
    }
    let value = |key: &str| -> Result<String> {
        conn.query_row(&format!("SELECT value FROM {MANIFEST} WHERE key = ?1"), [key], |r| r.get::<_, String>(0))
            .optional()
            .map_err(corrupt)?
            .ok_or_else(|| damaged(&format!("its manifest has no {key}")))
    };
    if value("app")? != "Seatkeeper" {
        return Err(Error::Backup(BackupProblem::NotABackup));
    }
    Ok(BackupManifest {
        app_version: value("appVersion")?,
        schema_version: value("schemaVersion")?.parse().map_err(|_| damaged("its schema version is not a number"))?,
        created_at: value("createdAt")?,
        kind: BackupKind::parse(&value("kind")?),
    })
}

fn describe(conn: &Connection, path: &Path, manifest: BackupManifest) -> Result<BackupInfo> {
    let (accounts, groups, licences, installs) = conn.query_row(
        "SELECT (SELECT count(*) FROM accounts WHERE is_sample = 0), (SELECT count(*) FROM licence_groups),
                (SELECT count(*) FROM licences), (SELECT count(*) FROM installs)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(BackupInfo { path: path.display().to_string(), manifest, accounts, groups, licences, installs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_date() {
        let a = suggested_name(time::macros::datetime!(2026-01-02 03:04:05 UTC));
        let b = suggested_name(time::macros::datetime!(2026-11-02 03:04:05 UTC));
        assert_eq!(a, "seatkeeper-2026-01-02-030405.skbackup");
        assert!(a < b);
    }
}
