//! The append-only audit log. Every user-visible change writes one row here in the
//! same transaction as the change itself (the table refuses updates).

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    /// Made by the user in Seatkeeper.
    User,
    /// Read from OVHcloud by a sync.
    Sync,
    /// Part of the sample data.
    Sample,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::User => "user",
            Origin::Sync => "sync",
            Origin::Sample => "sample",
        }
    }

    fn parse(s: &str) -> Origin {
        match s {
            "user" => Origin::User,
            "sample" => Origin::Sample,
            _ => Origin::Sync,
        }
    }
}

/// One audit row as the History tab shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub origin: Origin,
    /// What happened: groupRenamed, licenceActivated, installAdded, orderPlaced, …
    pub kind: String,
    pub licence_id: Option<i64>,
    /// The facts of the change (names, counts), never a secret.
    #[ts(type = "Record<string, unknown>")]
    pub details: serde_json::Value,
}

/// What a change writes to the log.
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub account_id: i64,
    pub group_id: Option<i64>,
    pub licence_id: Option<i64>,
    pub origin: Origin,
    pub kind: &'a str,
    pub details: serde_json::Value,
}

pub fn record(tx: &Transaction, entry: NewEntry) -> Result<i64> {
    tx.execute(
        "INSERT INTO history (at, account_id, group_id, licence_id, origin, kind, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            entry.at,
            entry.account_id,
            entry.group_id,
            entry.licence_id,
            entry.origin.as_str(),
            entry.kind,
            entry.details.to_string()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// What the History tab filters on.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryFilter {
    pub licence_id: Option<i64>,
    pub kind: Option<String>,
}

/// The newest `limit` entries of a group matching `filter`, newest first.
pub fn list_for_group(
    conn: &Connection,
    group_id: i64,
    filter: &HistoryFilter,
    limit: u32,
) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, origin, kind, licence_id, details FROM history
         WHERE group_id = ?1 AND (?2 IS NULL OR licence_id = ?2) AND (?3 IS NULL OR kind = ?3)
         ORDER BY id DESC LIMIT ?4",
    )?;
    let rows = stmt.query_map(params![group_id, filter.licence_id, filter.kind, limit], |row| {
        let origin: String = row.get(2)?;
        let details: String = row.get(5)?;
        Ok(HistoryEntry {
            id: row.get(0)?,
            at: row.get(1)?,
            origin: Origin::parse(&origin),
            kind: row.get(3)?,
            licence_id: row.get(4)?,
            details: serde_json::from_str(&details).unwrap_or(serde_json::Value::Null),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
