//! Backing up and restoring, for the window and the command line alike (the SQL is in
//! `store::backup`). A restore takes the database's sync lock (never under a sync), is
//! refused from the command line while the window has the database open (the window
//! would go on with the replaced database's keychain), keeps the current database aside
//! in the backups folder, and gives the restored one a new installation id: the old
//! keychain entries are deleted, and the accounts need their keys again.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{BackupProblem, Error, Result};
use crate::secrets::SecretStore;
use crate::store::BackupFailure;
use crate::store::Store;
use crate::store::backup::{BackupInfo, BackupKind, EXTENSION, folder};
use crate::sync::SyncLock;

/// How long a restore waits for a sync running in another process.
const SYNC_PATIENCE: Duration = Duration::from_secs(30);

/// What a restore did, as the window and the command line say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub backup: BackupInfo,
    /// Where the database it replaced was kept.
    pub kept_aside: String,
    /// The accounts whose keys must be given again (secrets are never in a backup).
    pub accounts_needing_keys: Vec<String>,
}

/// Held by the window for as long as it has the database open, so that a restore from
/// the command line is refused meanwhile. The OS drops it with the process.
#[derive(Debug)]
pub struct WindowLock {
    _file: File,
}

impl WindowLock {
    /// Takes the lock of the database at `db_path`; `None` when another window has it.
    pub fn try_acquire(db_path: &Path) -> Result<Option<WindowLock>> {
        let name = db_path.file_name().and_then(|n| n.to_str()).unwrap_or("seatkeeper.db");
        let path = db_path.with_file_name(format!("{name}.window-lock"));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(format!("opening {}", path.display()), e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WindowLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io(format!("locking {}", path.display()), e)),
        }
    }
}

/// Where the automatic backups and the databases restores replaced are kept.
pub fn backups_folder(store: &Store) -> PathBuf {
    folder(store.path())
}

/// The name a new backup is offered under.
pub fn suggested_name(now: time::OffsetDateTime) -> String {
    crate::store::backup::suggested_name(now)
}

/// Writes a backup the user asked for to `dest`.
pub fn back_up(store: &Store, dest: &Path, now: time::OffsetDateTime) -> Result<BackupInfo> {
    let info = store.back_up_to(dest, BackupKind::Manual, now)?;
    tracing::info!(file = %dest.display(), schema = info.manifest.schema_version, licences = info.licences, "backup written");
    Ok(info)
}

/// Today's automatic backup, if not made yet (the window at start and every hour, and
/// `seatkeeper sync`).
/// A failure is recorded in the database until a later one succeeds, so that the window
/// and `seatkeeper status` say so whichever process it failed in.
pub fn back_up_daily(store: &Store, now: time::OffsetDateTime) -> Result<Option<PathBuf>> {
    match store.back_up_daily(now) {
        Ok(made) => {
            if let Some(path) = &made {
                tracing::info!(file = %path.display(), "automatic backup written");
            }
            // Today's is there (made now or before): any earlier failure is over.
            let _ = store.set_backup_failure(None);
            Ok(made)
        }
        Err(e) => {
            tracing::error!(error = %e, database = %store.path().display(), "automatic backup failed");
            let detail = match &e {
                Error::Io { context, source } => format!("{context}: {source}"),
                other => other.to_string(),
            };
            let failure = BackupFailure { at: crate::store::timestamp(now), detail };
            if let Err(record) = store.set_backup_failure(Some(&failure)) {
                tracing::warn!(error = %record, "recording the automatic backup's failure");
            }
            Err(e)
        }
    }
}

/// Checks a backup file without restoring it (what the window shows before asking).
pub fn inspect(store: &Store, file: &Path) -> Result<BackupInfo> {
    crate::store::backup::inspect(file, &backups_folder(store))
}

/// Restores the backup at `file` over the database (see the module's documentation).
/// `window`: the window itself is restoring (it holds the window lock, and has stopped
/// its own syncs).
pub async fn restore(
    store: &Store,
    secrets: &dyn SecretStore,
    file: &Path,
    window: bool,
    now: time::OffsetDateTime,
) -> Result<RestoreReport> {
    let _window = if window {
        None
    } else {
        match WindowLock::try_acquire(store.path())? {
            Some(lock) => Some(lock),
            None => return Err(Error::Backup(BackupProblem::WindowOpen)),
        }
    };
    // Checked before waiting for anything: a file that is refused is refused at once.
    inspect(store, file)?;
    let _sync = SyncLock::acquire(store.path(), "restore", Some(SYNC_PATIENCE), Duration::from_millis(200)).await?;
    let old_keys = store.secret_keys()?;
    let aside = backups_folder(store)
        .join(format!("seatkeeper-before-restore-{}.{EXTENSION}", crate::store::backup::stamp(now)));
    let restored = store.restore_from(file, &aside, now)?;
    tracing::info!(
        file = %file.display(),
        schema = restored.backup.manifest.schema_version,
        made_at = %restored.backup.manifest.created_at,
        kept_aside = %aside.display(),
        "backup restored"
    );
    // The replaced database's secrets belong to nothing now.
    for key in old_keys {
        if let Err(e) = secrets.delete(key) {
            tracing::warn!(error = %e, "a secret of the replaced database could not be deleted");
        }
    }
    secrets.use_installation(&restored.installation);
    crate::sync::keys::restore_demo_keys(store, secrets)?;
    let accounts_needing_keys =
        crate::sync::keys::accounts_needing_keys(store, secrets)?.into_iter().map(|a| a.label).collect();
    Ok(RestoreReport { backup: restored.backup, kept_aside: aside.display().to_string(), accounts_needing_keys })
}
