//! What a sync writes: OVHcloud's view of groups, licences, usage and prices, and the
//! progress of each pending change through the outbox. The server wins for what it
//! owns, except licences with a change of ours still on its way, which keep the
//! state the user sees until OVHcloud confirms.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::changes::{self, ChangePayload, ChangeRow, ChangeState, Transition};
use super::groups::GroupPart;
use super::history::{self, NewEntry, Origin};
use super::orders::OrderState;
use crate::domain::{GroupFamily, LicenceType};
use crate::error::{Error, PartUnread, Result};

/// A licence group as OVHcloud describes it at this pull.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteGroup {
    pub family: GroupFamily,
    pub service_name: String,
    /// The licence type most of its licences have.
    pub offer: LicenceType,
    /// Its details, when they were read at this pull (a new group's always are).
    pub details: Option<GroupDetails>,
}

/// What changes rarely about a group, read on a schedule (see `sync/pull.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDetails {
    pub display_name: String,
    pub status: String,
    pub domain: Option<String>,
    pub created_on: Option<String>,
    pub next_payment_on: Option<String>,
    pub renewal_period: Option<String>,
    pub mca_agreed: bool,
    /// What its `serviceInfos` said, when they could be read.
    pub renewal: Option<crate::domain::Renewal>,
    /// A pay-as-you-go group's domains (`None` for a prepaid group).
    pub domains: Option<Vec<RemoteDomain>>,
}

/// A domain of a pay-as-you-go group, as OVHcloud describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteDomain {
    pub name: String,
    /// `ok`, `unverified`.
    pub status: String,
    pub txt_entry: Option<String>,
}

/// When a group's details and usage were last read (`None`: never, or to be read again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadMarks {
    pub details_read_at: Option<String>,
    pub usage_read_at: Option<String>,
}

/// The read marks of an account's groups, by service name.
pub fn read_marks(conn: &Connection, account_id: i64) -> Result<HashMap<String, ReadMarks>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service_name, details_read_at, usage_read_at FROM licence_groups WHERE account_id = ?1",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok((r.get::<_, String>(0)?, ReadMarks { details_read_at: r.get(1)?, usage_read_at: r.get(2)? }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The prepaid licences of a group whose termination went through: they no longer say
/// how the group renews.
pub fn terminated_licences(conn: &Connection, account_id: i64, service_name: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.remote_id FROM licences l JOIN licence_groups g ON g.id = l.group_id
         WHERE g.account_id = ?1 AND g.service_name = ?2 AND l.terminated_at IS NOT NULL",
    )?;
    let rows = stmt.query_map(params![account_id, service_name], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the account's catalog was last read.
pub fn catalog_read_at(conn: &Connection, account_id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT catalog_read_at FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?)
}

/// Has a group's details and usage read again at the next sync (the user opened it, or
/// a change of ours altered it).
pub fn forget_read_marks(tx: &Transaction, group_id: i64) -> Result<()> {
    tx.execute("UPDATE licence_groups SET details_read_at = NULL, usage_read_at = NULL WHERE id = ?1", [group_id])?;
    Ok(())
}

/// A licence (prepaid) or user (pay-as-you-go) as OVHcloud describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteLicence {
    pub remote_id: String,
    pub licence_type: LicenceType,
    pub state: String,
    pub is_empty_slot: bool,
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
    usage: Option<&[RemoteUsage]>,
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
    let open_change = |kind: &str| -> Result<bool> {
        Ok(match existing {
            Some(id) => tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM pending_changes WHERE group_id = ?1 AND kind = ?2
                                AND state IN ('queued', 'sending', 'waitingRemote', 'parked'))",
                params![id, kind],
                |r| r.get(0),
            )?,
            None => false,
        })
    };
    let renaming = open_change("renameGroup")?;
    // Likewise a renewal of ours not yet confirmed keeps the renewal the user chose.
    let renewing = open_change("setRenewal")?;
    let group_id = match (existing, &group.details) {
        (Some(id), Some(d)) => {
            tx.execute(
                "UPDATE licence_groups SET family = ?2, display_name = CASE WHEN ?11 THEN display_name ELSE ?3 END,
                        offer = ?4, status = ?5, domain = ?6, created_on = ?7, next_payment_on = ?8,
                        renewal_period = ?9, mca_agreed = ?10, synced_at = ?12, details_read_at = ?12,
                        sync_error = NULL, sync_error_at = NULL
                 WHERE id = ?1",
                params![
                    id,
                    group.family.wire_name(),
                    d.display_name,
                    group.offer.wire_name(),
                    d.status,
                    d.domain,
                    d.created_on,
                    d.next_payment_on,
                    d.renewal_period,
                    d.mca_agreed,
                    renaming,
                    at
                ],
            )?;
            id
        }
        (Some(id), None) => {
            tx.execute(
                "UPDATE licence_groups SET offer = ?2, synced_at = ?3, sync_error = NULL, sync_error_at = NULL WHERE id = ?1",
                params![id, group.offer.wire_name(), at],
            )?;
            id
        }
        (None, Some(d)) => {
            tx.execute(
                "INSERT INTO licence_groups (account_id, family, service_name, display_name, offer, status, domain,
                     created_on, next_payment_on, renewal_period, mca_agreed, synced_at, details_read_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![
                    account_id,
                    group.family.wire_name(),
                    group.service_name,
                    d.display_name,
                    group.offer.wire_name(),
                    d.status,
                    d.domain,
                    d.created_on,
                    d.next_payment_on,
                    d.renewal_period,
                    d.mca_agreed,
                    at
                ],
            )?;
            tx.last_insert_rowid()
        }
        (None, None) => {
            return Err(Error::Internal(format!("new group {} pulled without its details", group.service_name)));
        }
    };
    if let Some(d) = &group.details {
        if let Some(renewal) = d.renewal.as_ref().filter(|_| !renewing) {
            let json = serde_json::to_string(renewal).map_err(|e| Error::Internal(e.to_string()))?;
            tx.execute("UPDATE licence_groups SET renewal = ?2 WHERE id = ?1", params![group_id, json])?;
        }
        if let Some(domains) = &d.domains {
            tx.execute("DELETE FROM group_domains WHERE group_id = ?1", [group_id])?;
            for domain in domains {
                tx.execute(
                    "INSERT INTO group_domains (group_id, name, status, txt_entry) VALUES (?1, ?2, ?3, ?4)",
                    params![group_id, domain.name, domain.status, domain.txt_entry],
                )?;
            }
        }
    }

    // Local licences, and which of them have a change of ours on its way (a failed
    // change no longer holds the licence: OVHcloud's state shows again).
    let mut local: HashMap<String, (i64, bool, bool)> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT l.remote_id, l.id, EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id
                        AND p.state IN ('queued', 'sending', 'waitingRemote', 'parked')),
                    l.is_empty_slot
             FROM licences l WHERE l.group_id = ?1",
        )?;
        for row in stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))? {
            let (remote_id, value) = row?;
            local.insert(remote_id, value);
        }
    }
    // A pay-as-you-go user whose login we are changing may already show at OVHcloud
    // under the new e-mail (the edit landed, its answer did not): that is the same row.
    let mut renamed: HashSet<String> = HashSet::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT lower(json_extract(p.payload, '$.login') || '@' || json_extract(p.payload, '$.domain'))
             FROM pending_changes p JOIN licences l ON l.id = p.licence_id
             WHERE l.group_id = ?1 AND p.kind = 'editAccount' AND p.state IN ('queued', 'sending', 'waitingRemote', 'parked')",
        )?;
        for email in stmt.query_map([group_id], |r| r.get::<_, Option<String>>(0))? {
            renamed.extend(email?);
        }
    }
    let mut counts = PullCounts::default();
    let mut seen = HashSet::new();
    for licence in licences {
        seen.insert(licence.remote_id.as_str());
        match local.get(&licence.remote_id) {
            Some(&(_, true, _)) => {} // ours to keep until confirmed
            Some(&(id, false, was_slot)) => {
                if licence.is_empty_slot && !was_slot {
                    // Freed at OVHcloud (not by us): its user's installs go with them.
                    tx.execute("DELETE FROM installs WHERE licence_id = ?1", [id])?;
                }
                let changed = upsert_licence(tx, group_id, licence, at)?;
                counts.updated += changed as u32;
            }
            None if renamed.contains(&licence.remote_id.to_lowercase()) => {}
            None => {
                upsert_licence(tx, group_id, licence, at)?;
                counts.added += 1;
            }
        }
    }
    for (remote_id, (id, has_change, _)) in &local {
        if !seen.contains(remote_id.as_str()) && !has_change {
            tx.execute("DELETE FROM licences WHERE id = ?1", [id])?;
            counts.removed += 1;
        }
    }
    if let Some(usage) = usage {
        for point in usage {
            tx.prepare_cached(
                "INSERT INTO usage_stats (group_id, day, licence_type, end_of_day, peak) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (group_id, day, licence_type) DO UPDATE SET end_of_day = excluded.end_of_day, peak = excluded.peak",
            )?
            .execute(params![group_id, point.day, point.licence_type.wire_name(), point.end_of_day.max(0), point.peak.max(0)])?;
        }
        tx.execute("UPDATE licence_groups SET usage_read_at = ?2 WHERE id = ?1", params![group_id, at])?;
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

/// Writes a licence as OVHcloud describes it: inserted if new, updated if it differs
/// (an identical one is left alone, so it does not count as updated). Returns whether
/// a row changed.
fn upsert_licence(tx: &Transaction, group_id: i64, licence: &RemoteLicence, at: &str) -> Result<usize> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO licences (group_id, remote_id, licence_type, state, is_empty_slot, first_name, last_name,
             login, activation_email, usage_location, pending_task_id, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (group_id, remote_id) DO UPDATE SET
             licence_type = excluded.licence_type, state = excluded.state, is_empty_slot = excluded.is_empty_slot,
             first_name = excluded.first_name, last_name = excluded.last_name, login = excluded.login,
             activation_email = excluded.activation_email, usage_location = excluded.usage_location,
             pending_task_id = excluded.pending_task_id, updated_at = excluded.updated_at
         WHERE NOT (licence_type IS excluded.licence_type AND state IS excluded.state
             AND is_empty_slot IS excluded.is_empty_slot AND first_name IS excluded.first_name
             AND last_name IS excluded.last_name AND login IS excluded.login
             AND activation_email IS excluded.activation_email AND usage_location IS excluded.usage_location
             AND pending_task_id IS excluded.pending_task_id)",
        )?
        .execute(params![
            group_id,
            licence.remote_id,
            licence.licence_type.wire_name(),
            licence.state,
            licence.is_empty_slot,
            licence.first_name,
            licence.last_name,
            licence.login,
            licence.activation_email,
            licence.usage_location,
            licence.pending_task_id,
            at
        ])?)
}

/// Replaces an account's catalog prices.
pub fn write_prices(
    tx: &Transaction,
    account_id: i64,
    prices: &[(String, LicenceType, String, i64, String)],
    at: &str,
) -> Result<()> {
    if prices.is_empty() {
        return Ok(());
    }
    tx.execute("UPDATE accounts SET catalog_read_at = ?2 WHERE id = ?1", params![account_id, at])?;
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

/// Ends a change that was `from` (sending, or waiting on a task): done or failed, in
/// one transaction with its history row and what its end means locally — a freed slot
/// loses the installs of the user who left, a pay-as-you-go user whose login changed
/// is known by the new one, a failed order stops counting as on order.
pub fn finish_change(
    tx: &Transaction,
    change: &ChangeRow,
    from: ChangeState,
    to: ChangeState,
    reason: Option<&str>,
    remote_ref: Option<&str>,
    at: &str,
) -> Result<()> {
    let mut t = Transition::new(from, to);
    t.error = reason;
    t.remote_ref = remote_ref;
    changes::transition(tx, change.id, t, at)?;
    let kind = if to == ChangeState::Done { "changeSent" } else { "changeFailed" };
    log_change(tx, change, kind, json!({ "change": change.kind.as_str(), "reason": reason }), at)?;
    match (&change.payload, to) {
        (ChangePayload::Free, ChangeState::Done) => {
            if let Some(licence) = change.licence_id {
                clear_installs(tx, change, licence, at)?;
            }
        }
        (ChangePayload::EditAccount(a), ChangeState::Done) if change.family == Some(GroupFamily::PayAsYouGo) => {
            // A pay-as-you-go user is known by their e-mail: follow the new one, so the
            // next pull updates this row (and its installs) instead of replacing it.
            if let (Some(licence), Some(group)) = (change.licence_id, change.group_id) {
                let email = a.email();
                tx.execute(
                    "DELETE FROM licences WHERE group_id = ?1 AND remote_id = ?2 AND id <> ?3",
                    params![group, email, licence],
                )?;
                tx.execute("UPDATE licences SET remote_id = ?2 WHERE id = ?1", params![licence, email])?;
            }
        }
        (ChangePayload::RenameGroup(_), ChangeState::Done) | (ChangePayload::SetRenewal(_), _) => {
            // Read OVHcloud's view of the group again at the next sync: what it says
            // now (a renewal that failed half-way shows as it really is).
            if let Some(group) = change.group_id {
                forget_read_marks(tx, group)?;
            }
        }
        (ChangePayload::AcceptAgreement, ChangeState::Done) => {
            if let Some(group) = change.group_id {
                tx.execute("UPDATE licence_groups SET mca_agreed = 1 WHERE id = ?1", [group])?;
                forget_read_marks(tx, group)?;
            }
        }
        (ChangePayload::Order(o), ChangeState::Failed) => {
            update_order(tx, o.order_id, None, None, OrderState::Failed, at)?;
        }
        _ => {}
    }
    Ok(())
}

/// A prepaid licence's termination went through: it ends on `ends_on` (OVHcloud's
/// expiration), and its group's details are read again.
pub fn licence_terminated(tx: &Transaction, change: &ChangeRow, ends_on: Option<&str>, at: &str) -> Result<()> {
    if let Some(licence) = change.licence_id {
        tx.execute(
            "UPDATE licences SET terminated_at = ?2, ends_on = ?3, termination_requested_at = NULL WHERE id = ?1",
            params![licence, at, ends_on],
        )?;
    }
    if let Some(group) = change.group_id {
        forget_read_marks(tx, group)?;
    }
    Ok(())
}

/// The installs of a licence whose user left: removed (they were that user's devices),
/// with a history row saying how many.
fn clear_installs(tx: &Transaction, change: &ChangeRow, licence_id: i64, at: &str) -> Result<()> {
    let removed = tx.execute("DELETE FROM installs WHERE licence_id = ?1", [licence_id])?;
    if removed > 0 {
        log_change(tx, change, "installsCleared", json!({ "count": removed }), at)?;
    }
    Ok(())
}

/// An order was placed at OVHcloud (now, or found placed by an earlier attempt): the
/// change is done and the local order is followed and payable.
pub fn order_placed(tx: &Transaction, change: &ChangeRow, order_id: i64, payment_url: &str, at: &str) -> Result<()> {
    let ChangePayload::Order(order) = &change.payload else {
        return Err(Error::Internal("not an order".into()));
    };
    update_order(tx, order.order_id, Some(order_id), Some(payment_url), OrderState::AwaitingPayment, at)?;
    let reference = format!("order:{order_id}");
    changes::transition(
        tx,
        change.id,
        Transition::new(ChangeState::Sending, ChangeState::Done).with_ref(&reference),
        at,
    )?;
    log_change(tx, change, "changeSent", json!({ "change": change.kind.as_str(), "orderId": order_id }), at)
}

/// OVHcloud order ids this account already follows.
pub fn known_remote_orders(conn: &Connection, account_id: i64) -> Result<HashSet<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT remote_order_id FROM orders WHERE account_id = ?1 AND remote_order_id IS NOT NULL")?;
    let ids = stmt.query_map([account_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Records how the parts of a group read at this pull went, in the pull's transaction:
/// a part read clears what was said of it; a part not read is kept with why (since the
/// first of its failed reads), and is due again at the next sync (its group's details,
/// or its usage, are marked unread).
pub fn write_parts(tx: &Transaction, group_id: i64, parts: &[(GroupPart, Option<PartUnread>)], at: &str) -> Result<()> {
    for (part, unread) in parts {
        match unread {
            None => {
                tx.execute(
                    "DELETE FROM group_parts_unread WHERE group_id = ?1 AND part = ?2",
                    params![group_id, part.as_str()],
                )?;
            }
            Some(problem) => {
                let json = serde_json::to_string(problem).map_err(|e| Error::Internal(e.to_string()))?;
                tx.execute(
                    "INSERT INTO group_parts_unread (group_id, part, problem, since) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (group_id, part) DO UPDATE SET problem = excluded.problem",
                    params![group_id, part.as_str(), json, at],
                )?;
                let mark = match part {
                    GroupPart::Usage => "usage_read_at",
                    GroupPart::Renewal | GroupPart::Domains => "details_read_at",
                };
                tx.execute(&format!("UPDATE licence_groups SET {mark} = NULL WHERE id = ?1"), [group_id])?;
            }
        }
    }
    Ok(())
}

/// A group OVHcloud would not describe at this sync: it keeps what was known, marked
/// with the reason (shown on the group) until a pull reads it again.
pub fn mark_group_stale(tx: &Transaction, account_id: i64, service_name: &str, reason: &str, at: &str) -> Result<()> {
    tx.execute(
        "UPDATE licence_groups SET sync_error = ?3, sync_error_at = coalesce(sync_error_at, ?4)
         WHERE account_id = ?1 AND service_name = ?2",
        params![account_id, service_name, reason, at],
    )?;
    Ok(())
}

/// Records what OVHcloud said of an order: its id, payment page and state.
pub fn update_order(
    tx: &Transaction,
    order_id: i64,
    remote_order_id: Option<i64>,
    payment_url: Option<&str>,
    state: OrderState,
    at: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE orders SET remote_order_id = coalesce(?2, remote_order_id), payment_url = coalesce(?3, payment_url),
                state = ?4, updated_at = ?5
         WHERE id = ?1",
        params![order_id, remote_order_id, payment_url, state.as_str(), at],
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
pub fn log_change(tx: &Transaction, change: &ChangeRow, kind: &str, details: Value, at: &str) -> Result<()> {
    history::record(
        tx,
        NewEntry {
            at,
            account_id: change.account_id,
            group_id: change.group_id,
            licence_id: change.licence_id,
            origin: Origin::Sync,
            kind,
            details,
        },
    )?;
    Ok(())
}
