//! Licences of a group and the installs counted against each.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::groups::licence_type_from_sql;
use crate::domain::{InstallCounts, LicenceType};
use crate::error::Result;

/// A row of the Licences tab.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LicenceRow {
    pub id: i64,
    /// OVHcloud's id: the prepaid service name or the pay-as-you-go activation e-mail.
    pub remote_id: String,
    pub licence_type: LicenceType,
    /// OVHcloud's status as it comes (ok, creating, deleting, suspended, …).
    pub state: String,
    /// An empty slot: paid for, no user configured yet.
    pub is_virtual: bool,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub login: Option<String>,
    pub activation_email: Option<String>,
    pub usage_location: Option<String>,
    pub installs: InstallCounts,
    /// A change to this licence waits to be confirmed by OVHcloud.
    pub has_pending_change: bool,
}

/// Every licence of a group: users by name, then empty slots.
pub fn list_for_group(conn: &Connection, group_id: i64) -> Result<Vec<LicenceRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.remote_id, l.licence_type, l.state, l.is_virtual, l.first_name, l.last_name,
                l.login, l.activation_email, l.usage_location,
                coalesce(i.computers, 0), coalesce(i.tablets, 0), coalesce(i.phones, 0),
                EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id AND p.state <> 'done')
         FROM licences l
         LEFT JOIN (
             SELECT licence_id,
                    sum(kind = 'computer') AS computers,
                    sum(kind = 'tablet') AS tablets,
                    sum(kind = 'phone') AS phones
             FROM installs WHERE signed_out_on IS NULL GROUP BY licence_id
         ) i ON i.licence_id = l.id
         WHERE l.group_id = ?1
         ORDER BY l.is_virtual, l.last_name COLLATE NOCASE, l.first_name COLLATE NOCASE, l.id",
    )?;
    let rows = stmt.query_map([group_id], |r| {
        Ok(LicenceRow {
            id: r.get(0)?,
            remote_id: r.get(1)?,
            licence_type: licence_type_from_sql(r.get(2)?, 2)?,
            state: r.get(3)?,
            is_virtual: r.get(4)?,
            first_name: r.get(5)?,
            last_name: r.get(6)?,
            login: r.get(7)?,
            activation_email: r.get(8)?,
            usage_location: r.get(9)?,
            installs: InstallCounts { computers: r.get(10)?, tablets: r.get(11)?, phones: r.get(12)? },
            has_pending_change: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
