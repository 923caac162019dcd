//! What a sync writes: OVHcloud's view of groups, licences, usage and prices, and the
//! progress of each pending change through the outbox. The server wins for what it
//! owns, except licences with a change of ours still on its way, which keep the
//! state the user sees until OVHcloud confirms.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{json, Value};

use super::changes::ChangeKind;
use super::history::{self, NewEntry, Origin};
use crate::domain::{GroupFamily, LicenceType};
use crate::error::{Entity, Error, Result};

/// A licence group as OVHcloud describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteGroup {
    pub family: GroupFamily,
    pub service_name: String,
    pub display_name: String,
    pub offer: LicenceType,
    pub status: String,
    pub domain: Option<String>,
    pub created_on: Option<String>,
    pub next_payment_on: Option<String>,
    pub renewal_period: Option<String>,
    pub mca_agreed: bool,
}

/// A licence (prepaid) or user (pay-as-you-go) as OVHcloud describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteLicence {
    pub remote_id: String,
    pub licence_type: LicenceType,
    pub state: String,
    pub is_virtual: bool,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub login: Option<String>,
    pub activation_email: Option<String>,
    pub usage_location: Option<String>,
    pub pending_task_id: Option<i64>,
}

/// One day of usage from OVHcloud.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteUsage {
    pub day: String,
    pub licence_type: LicenceType,
    pub end_of_day: i64,
    pub peak: i64,
}

/// What a group's pull changed locally.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullCounts {
    pub added: u32,
    pub updated: u32,
    pub removed: u32,
}

/// Writes one group as OVHcloud sees it, with its licences and usage, in the caller's
/// transaction. Returns the local group id.
pub fn write_group(
    tx: &Transaction,
    account_id: i64,
    group: &RemoteGroup,
    licences: &[RemoteLicence],
    usage: &[RemoteUsage],
    at: &str,
) -> Result<(i64, PullCounts)> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM licence_groups WHERE account_id = ?1 AND service_name = ?2",
            params![account_id, group.service_name],
            |r| r.get(0),
        )
        .optional()?;
    // A rename of ours not yet confirmed keeps the name the user gave.
    let renaming: bool = match existing {
        Some(id) => tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM pending_changes WHERE group_id = ?1 AND kind = 'renameGroup' AND state IN ('queued', 'sending', 'waitingRemote'))",
            [id],
            |r| r.get(0),
        )?,
        None => false,
    };
    let group_id = match existing {
        Some(id) => {
            tx.execute(
                "UPDATE licence_groups SET family = ?2, display_name = CASE WHEN ?11 THEN display_name ELSE ?3 END,
                        offer = ?4, status = ?5, domain = ?6, created_on = ?7, next_payment_on = ?8,
                        renewal_period = ?9, mca_agreed = ?10, synced_at = ?12
                 WHERE id = ?1",
                params![
                    id,
                    group.family.wire_name(),
                    group.display_name,
                    group.offer.wire_name(),
                    group.status,
                    group.domain,
                    group.created_on,
                    group.next_payment_on,
                    group.renewal_period,
                    group.mca_agreed,
                    renaming,
                    at
                ],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO licence_groups (account_id, family, service_name, display_name, offer, status, domain,
                     created_on, next_payment_on, renewal_period, mca_agreed, synced_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    account_id,
                    group.family.wire_name(),
                    group.service_name,
                    group.display_name,
                    group.offer.wire_name(),
                    group.status,
                    group.domain,
                    group.created_on,
                    group.next_payment_on,
                    group.renewal_period,
                    group.mca_agreed,
                    at
                ],
            )?;
            tx.last_insert_rowid()
        }
    };

    // Local licences, and which of them have a change of ours on its way (a failed
    // change no longer holds the licence: OVHcloud's state shows again).
    let mut local: HashMap<String, (i64, bool)> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT l.remote_id, l.id, EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id AND p.state IN ('queued', 'sending', 'waitingRemote'))
             FROM licences l WHERE l.group_id = ?1",
        )?;
        for row in stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))? {
            let (remote_id, value) = row?;
            local.insert(remote_id, value);
        }
    }
    let mut counts = PullCounts::default();
    let mut seen = HashSet::new();
    for licence in licences {
        seen.insert(licence.remote_id.as_str());
        match local.get(&licence.remote_id) {
            Some(&(_, true)) => {} // ours to keep until confirmed
            Some(&(id, false)) => {
                let changed = tx.execute(
                    "UPDATE licences SET licence_type = ?2, state = ?3, is_virtual = ?4, first_name = ?5, last_name = ?6,
                            login = ?7, activation_email = ?8, usage_location = ?9, pending_task_id = ?10, updated_at = ?11
                     WHERE id = ?1 AND NOT (licence_type IS ?2 AND state IS ?3 AND is_virtual IS ?4 AND first_name IS ?5
                         AND last_name IS ?6 AND login IS ?7 AND activation_email IS ?8 AND usage_location IS ?9
                         AND pending_task_id IS ?10)",
                    params![
                        id,
                        licence.licence_type.wire_name(),
                        licence.state,
                        licence.is_virtual,
                        licence.first_name,
                        licence.last_name,
                        licence.login,
                        licence.activation_email,
                        licence.usage_location,
                        licence.pending_task_id,
                        at
                    ],
                )?;
                counts.updated += changed as u32;
            }
            None => {
                tx.execute(
                    "INSERT INTO licences (group_id, remote_id, licence_type, state, is_virtual, first_name, last_name,
                         login, activation_email, usage_location, pending_task_id, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        group_id,
                        licence.remote_id,
                        licence.licence_type.wire_name(),
                        licence.state,
                        licence.is_virtual,
                        licence.first_name,
                        licence.last_name,
                        licence.login,
                        licence.activation_email,
                        licence.usage_location,
                        licence.pending_task_id,
                        at
                    ],
                )?;
                counts.added += 1;
            }
        }
    }
    for (remote_id, (id, has_change)) in &local {
        if !seen.contains(remote_id.as_str()) && !has_change {
            tx.execute("DELETE FROM licences WHERE id = ?1", [id])?;
            counts.removed += 1;
        }
    }
    for point in usage {
        tx.prepare_cached(
            "INSERT INTO usage_stats (group_id, day, licence_type, end_of_day, peak) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (group_id, day, licence_type) DO UPDATE SET end_of_day = excluded.end_of_day, peak = excluded.peak",
        )?
        .execute(params![group_id, point.day, point.licence_type.wire_name(), point.end_of_day.max(0), point.peak.max(0)])?;
    }
    if existing.is_none() || counts != PullCounts::default() {
        history::record(
            tx,
            NewEntry {
                at,
                account_id,
                group_id: Some(group_id),
                licence_id: None,
                origin: Origin::Sync,
                kind: "synced",
                details: json!({ "added": counts.added, "updated": counts.updated, "removed": counts.removed }),
            },
        )?;
    }
    Ok((group_id, counts))
}

/// Replaces an account's catalog prices.
pub fn write_prices(tx: &Transaction, account_id: i64, prices: &[(String, LicenceType, String, i64, String)]) -> Result<()> {
    if prices.is_empty() {
        return Ok(());
    }
    tx.execute("DELETE FROM prices WHERE account_id = ?1", [account_id])?;
    for (plan, licence_type, period, ucents, currency) in prices {
        tx.execute(
            "INSERT OR REPLACE INTO prices (account_id, plan_code, licence_type, renewal_period, price_ucents, currency)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![account_id, plan, licence_type.wire_name(), period, ucents, currency],
        )?;
    }
    Ok(())
}

/// A pending change as the sender needs it.
#[derive(Debug, Clone)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: ChangeKind,
    pub state: String,
    pub payload: Value,
    pub remote_ref: Option<String>,
    pub group_id: Option<i64>,
    pub licence_id: Option<i64>,
    pub family: Option<GroupFamily>,
    pub group_service_name: Option<String>,
    pub licence_remote_id: Option<String>,
    /// Any licence of the group (prepaid group routes hang off a licence).
    pub any_licence: Option<String>,
    pub created_at: String,
}

/// The account's changes not yet done nor failed, oldest first.
pub fn open_changes(conn: &Connection, account_id: i64) -> Result<Vec<OutboxItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.kind, p.state, p.payload, p.remote_ref, p.group_id, p.licence_id, g.family, g.service_name,
                l.remote_id, (SELECT min(remote_id) FROM licences x WHERE x.group_id = p.group_id AND x.is_virtual IS NOT NULL),
                p.created_at
         FROM pending_changes p
         LEFT JOIN licence_groups g ON g.id = p.group_id
         LEFT JOIN licences l ON l.id = p.licence_id
         WHERE p.account_id = ?1 AND p.state IN ('queued', 'sending', 'waitingRemote')
         ORDER BY p.id",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        let kind: String = r.get(1)?;
        let payload: String = r.get(3)?;
        let family: Option<String> = r.get(7)?;
        Ok(OutboxItem {
            id: r.get(0)?,
            kind: ChangeKind::parse(&kind).unwrap_or(ChangeKind::RenameGroup),
            state: r.get(2)?,
            payload: serde_json::from_str(&payload).unwrap_or(Value::Null),
            remote_ref: r.get(4)?,
            group_id: r.get(5)?,
            licence_id: r.get(6)?,
            family: family.as_deref().and_then(GroupFamily::from_wire),
            group_service_name: r.get(8)?,
            licence_remote_id: r.get(9)?,
            any_licence: r.get(10)?,
            created_at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves a change along: `sending` is written (and committed) before the request
/// goes out, so a crash leaves a record that the outcome must be checked.
pub fn set_change_state(
    tx: &Transaction,
    change_id: i64,
    state: &str,
    remote_ref: Option<&str>,
    error: Option<&str>,
    at: &str,
) -> Result<()> {
    let updated = tx.execute(
        "UPDATE pending_changes SET state = ?2, remote_ref = coalesce(?3, remote_ref), last_error = ?4, updated_at = ?5,
                attempts = attempts + (?2 = 'sending')
         WHERE id = ?1",
        params![change_id, state, remote_ref, error, at],
    )?;
    if updated == 0 {
        return Err(Error::NotFound { what: Entity::PendingChange, id: change_id.to_string() });
    }
    Ok(())
}

/// Records what OVHcloud said of an order: its id, payment page and state.
pub fn update_order(
    tx: &Transaction,
    order_id: i64,
    remote_order_id: Option<i64>,
    payment_url: Option<&str>,
    state: &str,
    at: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE orders SET remote_order_id = coalesce(?2, remote_order_id), payment_url = coalesce(?3, payment_url),
                state = ?4, updated_at = ?5
         WHERE id = ?1",
        params![order_id, remote_order_id, payment_url, state, at],
    )?;
    Ok(())
}

/// Orders sent and not yet delivered, cancelled or failed: (local id, OVHcloud id).
pub fn orders_to_follow(conn: &Connection, account_id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, remote_order_id FROM orders
         WHERE account_id = ?1 AND remote_order_id IS NOT NULL AND state IN ('sent', 'awaitingPayment', 'paid')",
    )?;
    let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Logs the fate of a change sent to OVHcloud.
pub fn log_change(tx: &Transaction, account_id: i64, item: &OutboxItem, kind: &str, details: Value, at: &str) -> Result<()> {
    history::record(
        tx,
        NewEntry {
            at,
            account_id,
            group_id: item.group_id,
            licence_id: item.licence_id,
            origin: Origin::Sync,
            kind,
            details,
        },
    )?;
    Ok(())
}
