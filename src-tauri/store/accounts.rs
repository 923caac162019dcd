//! OVHcloud accounts: what identifies them (label, endpoint, application key, nic).
//! Their application secret and consumer key live in the keychain, never here.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Entity, Error, Result};

/// What connecting needs to know about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub id: i64,
    pub label: String,
    pub endpoint: String,
    pub application_key: String,
    pub is_sample: bool,
}

pub fn add(tx: &Transaction, label: &str, endpoint: &str, application_key: &str, at: &str) -> Result<i64> {
    crate::domain::check_account_name(label)?;
    tx.execute(
        "INSERT INTO accounts (label, endpoint, application_key, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![label.trim(), endpoint, application_key.trim(), at],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn get(conn: &Connection, account_id: i64) -> Result<AccountRecord> {
    conn.query_row(
        "SELECT id, label, endpoint, application_key, is_sample FROM accounts WHERE id = ?1",
        [account_id],
        |r| {
            Ok(AccountRecord {
                id: r.get(0)?,
                label: r.get(1)?,
                endpoint: r.get(2)?,
                application_key: r.get(3)?,
                is_sample: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Account, id: account_id.to_string() })
}

pub fn by_label(conn: &Connection, label: &str) -> Result<Option<AccountSummary>> {
    Ok(conn
        .query_row("SELECT id, label, endpoint, is_sample FROM accounts WHERE label = ?1", [label], |r| {
            Ok(AccountSummary { id: r.get(0)?, label: r.get(1)?, endpoint: r.get(2)?, is_sample: r.get(3)? })
        })
        .optional()?)
}

pub fn set_nic(tx: &Transaction, account_id: i64, nic: &str) -> Result<()> {
    tx.execute("UPDATE accounts SET nic = ?2 WHERE id = ?1", params![account_id, nic])?;
    Ok(())
}

/// Removes an account and everything pulled for it (its groups cascade).
pub fn remove(tx: &Transaction, account_id: i64) -> Result<()> {
    if tx.execute("DELETE FROM accounts WHERE id = ?1", [account_id])? == 0 {
        return Err(Error::NotFound { what: Entity::Account, id: account_id.to_string() });
    }
    Ok(())
}

/// An OVHcloud account, as the window lists them (accounts dialog, order wizard).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountSummary {
    pub id: i64,
    pub label: String,
    pub endpoint: String,
    pub is_sample: bool,
}

pub fn list_accounts(conn: &Connection) -> Result<Vec<AccountSummary>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, label, endpoint, is_sample FROM accounts ORDER BY is_sample, label")?;
    let rows = stmt.query_map([], |r| {
        Ok(AccountSummary { id: r.get(0)?, label: r.get(1)?, endpoint: r.get(2)?, is_sample: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
