use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::i18n::Lang;

const LANGUAGE: &str = "language";

/// The language the user chose, if they chose one (otherwise the system's is used).
pub fn get_language(conn: &Connection) -> Result<Option<Lang>> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [LANGUAGE], |r| r.get(0))
        .optional()?;
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
