use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::i18n::Lang;

const LANGUAGE: &str = "language";

/// The language the user chose, if they chose one (otherwise the system's is used).
pub fn get_language(conn: &Connection) -> Result<Option<Lang>> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [LANGUAGE], |r| r.get(0)).optional()?;
    Ok(value.map(|v| Lang::from_tag(&v)))
}

/// Saves the user's language choice; `None` goes back to following the system.
pub fn set_language(conn: &Connection, lang: Option<Lang>) -> Result<()> {
    match lang {
        Some(lang) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [LANGUAGE, lang.code()],
        )?,
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [LANGUAGE])?,
    };
    Ok(())
}

const INSTALLATION_ID: &str = "installationId";

/// A random id of this database, made on first open. Keychain entries carry it, so two
/// data directories (or two test runs) never share or overwrite each other's secrets.
pub fn installation_id(conn: &Connection) -> Result<String> {
    if let Some(id) = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [INSTALLATION_ID], |r| r.get::<_, String>(0))
        .optional()?
    {
        return Ok(id);
    }
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| crate::error::Error::Internal(e.to_string()))?;
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)", [INSTALLATION_ID, &id])?;
    installation_id(conn)
}

/// The window's colours: the system's, or always light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn parse(value: &str) -> Theme {
        match value {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

const THEME: &str = "theme";
/// Whether the window looks for a new version at start (on unless the user turned it off).
const CHECK_UPDATES: &str = "checkUpdates";
/// The keychain this database's secrets went to (`secret-service`), so that a process
/// that cannot reach it says so instead of looking elsewhere.
const KEYCHAIN: &str = "keychain";

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// The last automatic backup that failed, until one succeeds again: the window's Settings
/// and `seatkeeper status` say so, whichever process (the window or a scheduled sync) it
/// failed in.
const BACKUP_FAILURE: &str = "automaticBackupFailure";

/// An automatic backup that failed: when, and the system's own words for why (a path and
/// an OS error, worded by the OS); the sentence around them is the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFailure {
    /// RFC 3339, UTC.
    pub at: String,
    pub detail: String,
}

/// Forgets a recorded backup failure (a restored database: the failure was the old one's).
pub(super) fn clear_backup_failure(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [BACKUP_FAILURE])?;
    Ok(())
}

/// Gives the database a new installation id (a restored backup: its keychain entries,
/// its order references and its pending changes' keys must not meet the old ones).
pub(super) fn new_installation_id(conn: &Connection) -> Result<String> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [INSTALLATION_ID])?;
    installation_id(conn)
}

impl super::Store {
    pub fn theme(&self) -> Result<Theme> {
        self.read(|c| Ok(get(c, THEME)?.map(|v| Theme::parse(&v)).unwrap_or_default()))
    }

    pub fn set_theme(&self, theme: Theme) -> Result<()> {
        self.write(|tx| put(tx, THEME, theme.as_str()))
    }

    pub fn check_updates(&self) -> Result<bool> {
        self.read(|c| Ok(get(c, CHECK_UPDATES)?.is_none_or(|v| v != "0")))
    }

    pub fn set_check_updates(&self, on: bool) -> Result<()> {
        self.write(|tx| put(tx, CHECK_UPDATES, if on { "1" } else { "0" }))
    }

    /// The automatic backup that failed last, if none succeeded since.
    pub fn backup_failure(&self) -> Result<Option<BackupFailure>> {
        self.read(|c| Ok(get(c, BACKUP_FAILURE)?.and_then(|v| serde_json::from_str(&v).ok())))
    }

    /// Records that the automatic backup failed (`Some`), or that it succeeded (`None`).
    pub fn set_backup_failure(&self, failure: Option<&BackupFailure>) -> Result<()> {
        match failure {
            Some(f) => {
                let value = serde_json::to_string(f).map_err(|e| crate::error::Error::Internal(e.to_string()))?;
                self.write(|tx| put(tx, BACKUP_FAILURE, &value))
            }
            None if self.read(|c| get(c, BACKUP_FAILURE))?.is_none() => Ok(()),
            None => self.write(|tx| clear_backup_failure(tx)),
        }
    }

    /// The keychain this database's secrets were last kept in, if recorded.
    pub fn keychain_backend(&self) -> Result<Option<crate::secrets::Backend>> {
        self.read(|c| Ok(get(c, KEYCHAIN)?.and_then(|v| crate::secrets::Backend::parse(&v))))
    }

    pub fn set_keychain_backend(&self, backend: crate::secrets::Backend) -> Result<()> {
        if self.keychain_backend()? == Some(backend) {
            return Ok(());
        }
        self.write(|tx| put(tx, KEYCHAIN, backend.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open_in(dir.path()).unwrap();
        assert_eq!(store.theme().unwrap(), Theme::System);
        assert!(store.check_updates().unwrap(), "on until turned off");
        store.set_theme(Theme::Dark).unwrap();
        store.set_check_updates(false).unwrap();
        store.set_keychain_backend(crate::secrets::Backend::SecretService).unwrap();
        drop(store);
        let store = crate::store::Store::open_in(dir.path()).unwrap();
        assert_eq!(store.theme().unwrap(), Theme::Dark);
        assert!(!store.check_updates().unwrap());
        assert_eq!(store.keychain_backend().unwrap(), Some(crate::secrets::Backend::SecretService));
        let before = store.installation_id().unwrap();
        let after = store.write(|tx| new_installation_id(tx)).unwrap();
        assert_ne!(before, after);
        assert_eq!(store.installation_id().unwrap(), after);
    }
}
