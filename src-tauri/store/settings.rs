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
