//! The installs ledger: which devices each licence user installed Microsoft 365 on,
//! counted against 5 computers, 5 tablets and 5 phones. Local to Seatkeeper (OVHcloud's
//! API does not report devices), so changes here are not queued for sending.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::history::{self, NewEntry, Origin};
use crate::domain::{DeviceKind, InstallCounts, check_can_install, check_device_name};
use crate::error::{Entity, Error, Precondition, Result};

/// One device in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Install {
    pub id: i64,
    pub licence_id: i64,
    pub kind: DeviceKind,
    pub device_name: String,
    pub installed_on: String,
    /// When the device was signed out; `None` while it uses a seat.
    pub signed_out_on: Option<String>,
}

/// A licence user with their devices, for the Installs tab.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserInstalls {
    pub licence_id: i64,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub activation_email: Option<String>,
    pub counts: InstallCounts,
    pub devices: Vec<Install>,
}

fn kind_from_sql(value: String) -> rusqlite::Result<DeviceKind> {
    DeviceKind::parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, format!("kind {value}").into())
    })
}

/// Every licence user of a group with their devices (signed-out ones included, last).
pub fn list_for_group(conn: &Connection, group_id: i64) -> Result<Vec<UserInstalls>> {
    let mut users: Vec<UserInstalls> = conn
        .prepare_cached(
            "SELECT id, first_name, last_name, activation_email FROM licences
             WHERE group_id = ?1 AND is_empty_slot = 0
             ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id",
        )?
        .query_map([group_id], |r| {
            Ok(UserInstalls {
                licence_id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                activation_email: r.get(3)?,
                counts: InstallCounts::default(),
                devices: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: std::collections::HashMap<i64, usize> =
        users.iter().enumerate().map(|(i, u)| (u.licence_id, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.licence_id, i.kind, i.device_name, i.installed_on, i.signed_out_on
         FROM installs i JOIN licences l ON l.id = i.licence_id
         WHERE l.group_id = ?1
         ORDER BY i.signed_out_on IS NOT NULL, i.kind, i.installed_on, i.id",
    )?;
    let installs = stmt.query_map([group_id], |r| {
        Ok(Install {
            id: r.get(0)?,
            licence_id: r.get(1)?,
            kind: kind_from_sql(r.get(2)?)?,
            device_name: r.get(3)?,
            installed_on: r.get(4)?,
            signed_out_on: r.get(5)?,
        })
    })?;
    for install in installs {
        let install = install?;
        if let Some(&i) = index.get(&install.licence_id) {
            let user = &mut users[i];
            if install.signed_out_on.is_none() {
                match install.kind {
                    DeviceKind::Computer => user.counts.computers += 1,
                    DeviceKind::Tablet => user.counts.tablets += 1,
                    DeviceKind::Phone => user.counts.phones += 1,
                }
            }
            user.devices.push(install);
        }
    }
    Ok(users)
}

fn counts(tx: &Transaction, licence_id: i64) -> Result<InstallCounts> {
    Ok(tx.query_row(
        "SELECT coalesce(sum(kind = 'computer'), 0), coalesce(sum(kind = 'tablet'), 0), coalesce(sum(kind = 'phone'), 0)
         FROM installs WHERE licence_id = ?1 AND signed_out_on IS NULL",
        [licence_id],
        |r| Ok(InstallCounts { computers: r.get(0)?, tablets: r.get(1)?, phones: r.get(2)? }),
    )?)
}

/// Records a device a licence user installed the suite on; refuses a sixth of a kind.
pub fn add(
    tx: &Transaction,
    licence_id: i64,
    kind: DeviceKind,
    device_name: &str,
    installed_on: &str,
    at: &str,
) -> Result<Install> {
    let device_name = device_name.trim();
    check_device_name(device_name)?;
    let (account_id, group_id, is_empty_slot): (i64, i64, bool) = tx
        .query_row(
            "SELECT g.account_id, l.group_id, l.is_empty_slot FROM licences l JOIN licence_groups g ON g.id = l.group_id
             WHERE l.id = ?1",
            [licence_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Licence, id: licence_id.to_string() })?;
    if is_empty_slot {
        return Err(Error::Precondition(Precondition::NoUserOnLicence));
    }
    check_can_install(&counts(tx, licence_id)?, kind)?;
    tx.execute(
        "INSERT INTO installs (licence_id, kind, device_name, installed_on) VALUES (?1, ?2, ?3, ?4)",
        params![licence_id, kind.as_str(), device_name, installed_on],
    )?;
    let id = tx.last_insert_rowid();
    history::record(
        tx,
        NewEntry {
            at,
            account_id,
            group_id: Some(group_id),
            licence_id: Some(licence_id),
            origin: Origin::User,
            kind: "installAdded",
            details: json!({ "deviceName": device_name, "kind": kind.as_str() }),
        },
    )?;
    Ok(Install {
        id,
        licence_id,
        kind,
        device_name: device_name.to_string(),
        installed_on: installed_on.to_string(),
        signed_out_on: None,
    })
}

/// Signs a device out of the ledger, freeing its seat.
pub fn sign_out(tx: &Transaction, install_id: i64, on: &str, at: &str) -> Result<()> {
    let row: Option<(i64, i64, i64, String, String, Option<String>)> = tx
        .query_row(
            "SELECT g.account_id, l.group_id, i.licence_id, i.device_name, i.kind, i.signed_out_on
             FROM installs i JOIN licences l ON l.id = i.licence_id JOIN licence_groups g ON g.id = l.group_id
             WHERE i.id = ?1",
            [install_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((account_id, group_id, licence_id, device_name, kind, signed_out)) = row else {
        return Err(Error::NotFound { what: Entity::Install, id: install_id.to_string() });
    };
    if signed_out.is_some() {
        return Err(Error::Precondition(Precondition::AlreadySignedOut));
    }
    tx.execute("UPDATE installs SET signed_out_on = ?2 WHERE id = ?1", params![install_id, on])?;
    history::record(
        tx,
        NewEntry {
            at,
            account_id,
            group_id: Some(group_id),
            licence_id: Some(licence_id),
            origin: Origin::User,
            kind: "installSignedOut",
            details: json!({ "deviceName": device_name, "kind": kind }),
        },
    )?;
    Ok(())
}
