//! One sync at a time per database, across processes: the window's sync loop, a
//! scheduled `seatkeeper sync`, a second window. An exclusive OS file lock on
//! `<database>.sync-lock`, held for the whole sync; the OS drops it when the process
//! ends, however it ends (SIGKILL, power loss), so a crash never leaves it stuck.
//! Who holds it (process id, what, since when) is written beside it, for the message
//! the others show.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::error::SyncHolder as SyncOwner;
use crate::error::{Error, Precondition, Result};
use crate::store::Store;

/// The lock, held until dropped.
#[derive(Debug)]
pub struct SyncLock {
    _file: File,
    lock_path: PathBuf,
    owner_path: PathBuf,
}

fn paths(db_path: &Path) -> (PathBuf, PathBuf) {
    let name = db_path.file_name().and_then(|n| n.to_str()).unwrap_or("seatkeeper.db");
    (db_path.with_file_name(format!("{name}.sync-lock")), db_path.with_file_name(format!("{name}.sync-owner")))
}

impl SyncLock {
    /// Takes the lock of the database at `db_path`, or says who has it.
    pub fn try_acquire(db_path: &Path, what: &str) -> Result<SyncLock> {
        let (lock_path, owner_path) = paths(db_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(format!("opening {}", lock_path.display()), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Precondition(Precondition::SyncRunning { holder: read_owner(&owner_path) }));
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(format!("locking {}", lock_path.display()), e)),
        }
        let owner = SyncOwner {
            pid: std::process::id(),
            what: what.to_string(),
            since: crate::store::timestamp(time::OffsetDateTime::now_utc()),
        };
        // Best effort: the lock is what counts, the note only explains it.
        if let Ok(mut f) = File::create(&owner_path) {
            let _ = f.write_all(serde_json::to_string(&owner).unwrap_or_default().as_bytes());
        }
        Ok(SyncLock { _file: file, lock_path, owner_path })
    }

    /// Waits for the lock, checking every `poll`, for at most `timeout` (forever with `None`).
    pub async fn acquire(db_path: &Path, what: &str, timeout: Option<Duration>, poll: Duration) -> Result<SyncLock> {
        let start = std::time::Instant::now();
        loop {
            match SyncLock::try_acquire(db_path, what) {
                Err(Error::Precondition(Precondition::SyncRunning { .. }))
                    if timeout.is_none_or(|t| start.elapsed() < t) =>
                {
                    tokio::time::sleep(poll).await;
                }
                other => return other,
            }
        }
    }

    /// The lock of `store`'s database.
    pub fn try_for(store: &Store, what: &str) -> Result<SyncLock> {
        SyncLock::try_acquire(store.path(), what)
    }

    /// Fails unless this is the lock of `store`'s database.
    pub fn check(&self, store: &Store) -> Result<()> {
        if paths(store.path()).0 == self.lock_path {
            Ok(())
        } else {
            Err(Error::Internal("a sync ran without its database's lock".into()))
        }
    }
}

impl Drop for SyncLock {
    fn drop(&mut self) {
        // The file lock itself goes with the file handle.
        let _ = std::fs::remove_file(&self.owner_path);
    }
}

fn read_owner(path: &Path) -> Option<SyncOwner> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_and_told_who_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("seatkeeper.db");
        let first = SyncLock::try_acquire(&db, "window").unwrap();
        match SyncLock::try_acquire(&db, "command line") {
            Err(Error::Precondition(Precondition::SyncRunning { holder: Some(owner) })) => {
                assert_eq!((owner.pid, owner.what.as_str()), (std::process::id(), "window"));
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        drop(first);
        SyncLock::try_acquire(&db, "command line").expect("free again once dropped");
    }

    #[tokio::test]
    async fn waiting_gets_the_lock_when_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("seatkeeper.db");
        let first = SyncLock::try_acquire(&db, "window").unwrap();
        let waiter = {
            let db = db.clone();
            tokio::spawn(async move { SyncLock::acquire(&db, "cli", None, Duration::from_millis(10)).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiter.is_finished(), "still waiting while the lock is held");
        drop(first);
        waiter.await.unwrap().expect("acquired after release");
        let refused = SyncLock::acquire(&db, "cli", Some(Duration::from_millis(30)), Duration::from_millis(10)).await;
        assert!(refused.is_ok(), "the waiter's lock was dropped with it");
    }
}
