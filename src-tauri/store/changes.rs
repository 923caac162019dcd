//! The outbox: every change made in Seatkeeper waits here, durable, until OVHcloud
//! confirms it. Enqueued in the same transaction as the local change and its history
//! row; undone (while still queued) by restoring the snapshot taken when it was made.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::history::{self, NewEntry, Origin};
use crate::domain::GroupFamily;
use crate::error::{Entity, Error, Precondition, Result};
use crate::secrets::SecretKey;
use crate::sync::{plan_change, ChangeContext, PlannedRequest};

/// What a pending change does at OVHcloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// Put a user on an empty prepaid slot, or add a user to a pay-as-you-go group.
    Activate,
    EditAccount,
    ChangePassword,
    /// Unconfigure a prepaid licence, or delete a pay-as-you-go user.
    Free,
    RenameGroup,
    Order,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Activate,
        ChangeKind::EditAccount,
        ChangeKind::ChangePassword,
        ChangeKind::Free,
        ChangeKind::RenameGroup,
        ChangeKind::Order,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Activate => "activate",
            ChangeKind::EditAccount => "editAccount",
            ChangeKind::ChangePassword => "changePassword",
            ChangeKind::Free => "free",
            ChangeKind::RenameGroup => "renameGroup",
            ChangeKind::Order => "order",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a change is on its way to OVHcloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeState {
    Queued,
    Sending,
    /// Sent; OVHcloud's task is still running.
    WaitingRemote,
    Done,
    Failed,
}

impl ChangeState {
    fn parse(s: &str) -> ChangeState {
        match s {
            "queued" => ChangeState::Queued,
            "sending" => ChangeState::Sending,
            "waitingRemote" => ChangeState::WaitingRemote,
            "done" => ChangeState::Done,
            _ => ChangeState::Failed,
        }
    }
}

/// A row of the Pending changes panel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingChange {
    pub id: i64,
    pub kind: ChangeKind,
    pub state: ChangeState,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub licence_id: Option<i64>,
    /// Who the change is about: the user's name, or the licence's e-mail.
    pub licence_label: Option<String>,
    pub attempts: u32,
    /// Why it failed, as OVHcloud or the sender said.
    pub last_error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Still queued and the latest change of its licence or group.
    pub can_undo: bool,
    /// Exactly what will be sent.
    pub preview: Vec<PlannedRequest>,
}

/// A change to queue.
pub struct NewChange<'a> {
    pub account_id: i64,
    pub group_id: Option<i64>,
    pub licence_id: Option<i64>,
    pub kind: ChangeKind,
    pub payload: Value,
    /// What undo restores; `None` when undo needs no snapshot.
    pub undo: Option<Value>,
    pub at: &'a str,
}

pub fn enqueue(tx: &Transaction, change: NewChange) -> Result<i64> {
    tx.execute(
        "INSERT INTO pending_changes (account_id, group_id, licence_id, kind, payload, state, undo, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?7, ?7)",
        params![
            change.account_id,
            change.group_id,
            change.licence_id,
            change.kind.as_str(),
            change.payload.to_string(),
            change.undo.map(|u| u.to_string()),
            change.at
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn subsidiary(endpoint: &str) -> &'static str {
    match endpoint {
        "ovh-ca" => "CA",
        "ovh-us" => "US",
        _ => "FR",
    }
}

/// Pending changes, newest first: of one group, or of every group. Confirmed ones are
/// kept in the list for a while (the 200 newest of them) so the user sees them land.
pub fn list(conn: &Connection, group_id: Option<i64>) -> Result<Vec<PendingChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.kind, p.state, p.group_id, g.display_name, p.licence_id,
                coalesce(nullif(trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.activation_email),
                p.attempts, p.last_error, p.created_at, p.updated_at, p.payload,
                g.family, g.service_name, l.remote_id, a.endpoint,
                (SELECT min(remote_id) FROM licences x WHERE x.group_id = p.group_id),
                p.state = 'queued' AND NOT EXISTS (
                    SELECT 1 FROM pending_changes later
                    WHERE later.id > p.id AND later.state <> 'done' AND (
                        (p.licence_id IS NOT NULL AND later.licence_id = p.licence_id) OR
                        (p.kind = 'renameGroup' AND later.kind = 'renameGroup' AND later.group_id = p.group_id)))
         FROM pending_changes p
         JOIN accounts a ON a.id = p.account_id
         LEFT JOIN licence_groups g ON g.id = p.group_id
         LEFT JOIN licences l ON l.id = p.licence_id
         WHERE (?1 IS NULL OR p.group_id = ?1)
           AND (p.state <> 'done' OR p.id IN (SELECT id FROM pending_changes WHERE state = 'done' ORDER BY id DESC LIMIT 200))
         ORDER BY p.id DESC",
    )?;
    let rows = stmt.query_map([group_id], |r| {
        let kind: String = r.get(1)?;
        let kind = ChangeKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, format!("kind {kind}").into())
        })?;
        let state: String = r.get(2)?;
        let payload: String = r.get(11)?;
        let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
        let family: Option<String> = r.get(12)?;
        let service_name: Option<String> = r.get(13)?;
        let remote_id: Option<String> = r.get(14)?;
        let endpoint: String = r.get(15)?;
        let any_licence: Option<String> = r.get(16)?;
        let id: i64 = r.get(0)?;
        let family = family.as_deref().and_then(GroupFamily::from_wire).unwrap_or(GroupFamily::Prepaid);
        let ctx = ChangeContext {
            change_id: id,
            family,
            group_service_name: service_name.as_deref().unwrap_or_default(),
            any_licence: any_licence.as_deref(),
            licence_remote_id: remote_id.as_deref(),
            subsidiary: subsidiary(&endpoint),
        };
        Ok(PendingChange {
            id,
            kind,
            state: ChangeState::parse(&state),
            group_id: r.get(3)?,
            group_name: r.get(4)?,
            licence_id: r.get(5)?,
            licence_label: r.get(6)?,
            attempts: r.get(7)?,
            last_error: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
            can_undo: r.get(17)?,
            preview: plan_change(kind, &payload, &ctx),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The licence columns a change can alter locally, as a JSON snapshot.
pub(super) fn licence_snapshot(tx: &Transaction, licence_id: i64) -> Result<Value> {
    Ok(tx.query_row(
        "SELECT json_object('state', state, 'isVirtual', is_virtual, 'firstName', first_name,
                'lastName', last_name, 'login', login, 'activationEmail', activation_email,
                'usageLocation', usage_location)
         FROM licences WHERE id = ?1",
        [licence_id],
        |r| r.get::<_, String>(0),
    )
    .map(|s| serde_json::from_str(&s).unwrap_or(Value::Null))?)
}

fn restore_licence(tx: &Transaction, licence_id: i64, snapshot: &Value, at: &str) -> Result<()> {
    tx.execute(
        "UPDATE licences SET state = ?2, is_virtual = ?3, first_name = ?4, last_name = ?5, login = ?6,
                activation_email = ?7, usage_location = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            licence_id,
            snapshot["state"].as_str().unwrap_or("ok"),
            snapshot["isVirtual"].as_i64().unwrap_or(0),
            snapshot["firstName"].as_str(),
            snapshot["lastName"].as_str(),
            snapshot["login"].as_str(),
            snapshot["activationEmail"].as_str(),
            snapshot["usageLocation"].as_str(),
            at
        ],
    )?;
    Ok(())
}

/// Undoes a change still waiting in the queue: restores what it changed locally,
/// removes it from the queue and logs the undo. Returns the keychain entry that held
/// its password, if any, for the caller to delete once this commits.
pub fn undo(tx: &Transaction, change_id: i64, at: &str) -> Result<Option<SecretKey>> {
    let row: Option<(i64, Option<i64>, Option<i64>, String, String, Option<String>, String)> = tx
        .query_row(
            "SELECT account_id, group_id, licence_id, kind, state, undo, payload FROM pending_changes WHERE id = ?1",
            [change_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let Some((account_id, group_id, licence_id, kind, state, snapshot, payload)) = row else {
        return Err(Error::NotFound { what: Entity::PendingChange, id: change_id.to_string() });
    };
    if state != "queued" {
        return Err(Error::Precondition(Precondition::ChangeNotQueued));
    }
    let later: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pending_changes WHERE id > ?1 AND state <> 'done' AND (
             (?2 IS NOT NULL AND licence_id = ?2) OR (?3 = 'renameGroup' AND kind = 'renameGroup' AND group_id = ?4)))",
        params![change_id, licence_id, kind, group_id],
        |r| r.get(0),
    )?;
    if later {
        return Err(Error::Precondition(Precondition::LaterChangeFirst));
    }
    let kind = ChangeKind::parse(&kind).ok_or_else(|| Error::Internal(format!("unknown change kind {kind}")))?;
    let snapshot: Value = snapshot.as_deref().map(serde_json::from_str).transpose().ok().flatten().unwrap_or(Value::Null);
    let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
    let mut secret = None;
    // The history row about the undone change goes first: removing a licence that only
    // this change created sets its history rows' licence to NULL.
    history::record(
        tx,
        NewEntry {
            at,
            account_id,
            group_id,
            licence_id,
            origin: Origin::User,
            kind: "changeUndone",
            details: serde_json::json!({ "change": kind.as_str(), "changeId": change_id }),
        },
    )?;
    tx.execute("DELETE FROM pending_changes WHERE id = ?1", [change_id])?;
    match kind {
        ChangeKind::Activate if snapshot.get("created").and_then(Value::as_bool) == Some(true) => {
            // A pay-as-you-go user this change added: it goes away with it.
            if let Some(licence) = licence_id {
                tx.execute("DELETE FROM licences WHERE id = ?1", [licence])?;
            }
        }
        ChangeKind::Activate | ChangeKind::EditAccount | ChangeKind::Free => {
            if let Some(licence) = licence_id {
                restore_licence(tx, licence, &snapshot, at)?;
            }
        }
        ChangeKind::ChangePassword => {
            if payload.get("hasPassword").and_then(Value::as_bool) == Some(true) {
                secret = Some(SecretKey::LicencePassword { change_id });
            }
        }
        ChangeKind::RenameGroup => {
            if let (Some(group), Some(name)) = (group_id, snapshot.get("displayName").and_then(Value::as_str)) {
                tx.execute("UPDATE licence_groups SET display_name = ?1 WHERE id = ?2", params![name, group])?;
            }
        }
        ChangeKind::Order => {
            if let Some(order) = payload.get("orderId").and_then(Value::as_i64) {
                tx.execute("DELETE FROM orders WHERE id = ?1 AND state = 'queued'", [order])?;
            }
        }
    }
    Ok(secret)
}
