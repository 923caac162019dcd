//! Licences of a group and the installs counted against each.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::groups::licence_type_from_sql;
use crate::domain::{GroupFamily, InstallCounts, LicenceBlock, LicenceFacts, LicenceType};
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
    pub is_empty_slot: bool,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub login: Option<String>,
    pub activation_email: Option<String>,
    pub usage_location: Option<String>,
    pub installs: InstallCounts,
    /// A change to this licence waits to be confirmed by OVHcloud.
    pub has_pending_change: bool,
    /// Why editing its user, changing the password or freeing it is unavailable now.
    pub blocked: Option<LicenceBlock>,
    /// An empty prepaid slot a user can be put on now.
    pub can_activate: bool,
    /// Where the licence is in its termination, if it is in one (prepaid only).
    #[ts(optional)]
    pub termination: Option<Termination>,
}

/// A prepaid licence's termination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "stage")]
pub enum Termination {
    /// OVHcloud e-mailed the token to confirm with.
    Requested { requested_at: String },
    /// Confirmed here, waiting to be sent.
    Confirming,
    /// Confirmed at OVHcloud: the licence ends on `ends_on` (YYYY-MM-DD), if known.
    Confirmed {
        #[ts(optional)]
        ends_on: Option<String>,
    },
}

const ROW_SELECT: &str = "SELECT l.id, l.remote_id, l.licence_type, l.state, l.is_empty_slot, l.first_name, l.last_name,
                l.login, l.activation_email, l.usage_location,
                coalesce(i.computers, 0), coalesce(i.tablets, 0), coalesce(i.phones, 0),
                EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id AND p.state <> 'done'),
                g.family,
                EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id AND p.state IN ('sending', 'waitingRemote')),
                g.mca_agreed, l.termination_requested_at, l.terminated_at, l.ends_on,
                EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id AND p.kind = 'confirmTermination'
                        AND p.state IN ('queued', 'sending', 'waitingRemote', 'parked'))
         FROM licences l
         JOIN licence_groups g ON g.id = l.group_id
         LEFT JOIN (
             SELECT licence_id,
                    sum(kind = 'computer') AS computers,
                    sum(kind = 'tablet') AS tablets,
                    sum(kind = 'phone') AS phones
             FROM installs WHERE signed_out_on IS NULL GROUP BY licence_id
         ) i ON i.licence_id = l.id";

/// Every licence of a group: users by name, then empty slots.
pub fn list_for_group(conn: &Connection, group_id: i64) -> Result<Vec<LicenceRow>> {
    let sql = format!(
        "{ROW_SELECT} WHERE l.group_id = ?1
         ORDER BY l.is_empty_slot, l.last_name COLLATE NOCASE, l.first_name COLLATE NOCASE, l.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([group_id], row_from_sql)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One licence, as the list shows it.
impl LicenceRow {
    /// The licence as an export shows it.
    pub fn export_row(&self) -> crate::csv_io::ExportRow {
        crate::csv_io::ExportRow {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            activation_email: self.activation_email.clone(),
            licence_type: Some(self.licence_type),
            state: if self.is_empty_slot { "notConfigured".into() } else { self.state.clone() },
            computers: self.installs.computers,
            tablets: self.installs.tablets,
            phones: self.installs.phones,
            has_pending_change: self.has_pending_change,
        }
    }
}

pub fn get(conn: &Connection, licence_id: i64) -> Result<LicenceRow> {
    let sql = format!("{ROW_SELECT} WHERE l.id = ?1");
    conn.query_row(&sql, [licence_id], row_from_sql)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Licence, id: licence_id.to_string() })
}

fn row_from_sql(r: &rusqlite::Row) -> rusqlite::Result<LicenceRow> {
    let family: String = r.get(14)?;
    let state: String = r.get(3)?;
    let facts = LicenceFacts {
        family: GroupFamily::from_wire(&family).unwrap_or(GroupFamily::Prepaid),
        is_empty_slot: r.get(4)?,
        state: &state,
        change_in_flight: r.get(15)?,
        agreement_missing: !r.get::<_, bool>(16)?,
    };
    let (blocked, can_activate) = (facts.block(), facts.can_activate());
    let requested: Option<String> = r.get(17)?;
    let terminated: Option<String> = r.get(18)?;
    let termination = if terminated.is_some() {
        Some(Termination::Confirmed { ends_on: r.get(19)? })
    } else if r.get::<_, bool>(20)? {
        Some(Termination::Confirming)
    } else {
        requested.map(|requested_at| Termination::Requested { requested_at })
    };
    Ok(LicenceRow {
        id: r.get(0)?,
        remote_id: r.get(1)?,
        licence_type: licence_type_from_sql(r.get(2)?, 2)?,
        state,
        is_empty_slot: r.get(4)?,
        first_name: r.get(5)?,
        last_name: r.get(6)?,
        login: r.get(7)?,
        activation_email: r.get(8)?,
        usage_location: r.get(9)?,
        installs: InstallCounts { computers: r.get(10)?, tablets: r.get(11)?, phones: r.get(12)? },
        has_pending_change: r.get(13)?,
        blocked,
        can_activate,
        termination,
    })
}

// ---------------------------------------------------------------------------------
// Changes to licences. Each runs inside the caller's transaction: the local change,
// its pending change (with what undo restores) and its history row, together.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::changes::{self, AccountChange, ChangePayload, NewChange, PasswordChange, licence_snapshot};
use super::history::{self, NewEntry, Origin};
use crate::domain::{AccountInput, activation_email, check_account, check_email, check_group_capacity};
use crate::error::{Entity, Error, Precondition};

/// What the licence operations need to know about a licence and its group.
struct Target {
    id: i64,
    group_id: i64,
    account_id: i64,
    family: GroupFamily,
    domain: String,
    licence_type: LicenceType,
    state: String,
    is_empty_slot: bool,
    activation_email: Option<String>,
    login: Option<String>,
    mca_agreed: bool,
}

fn target(tx: &Transaction, licence_id: i64) -> Result<Target> {
    tx.query_row(
        "SELECT l.id, l.group_id, g.account_id, g.family, coalesce(g.domain, g.service_name), l.licence_type,
                l.state, l.is_empty_slot, l.activation_email, l.login, g.mca_agreed
         FROM licences l JOIN licence_groups g ON g.id = l.group_id WHERE l.id = ?1",
        [licence_id],
        |r| {
            let family: String = r.get(3)?;
            Ok(Target {
                id: r.get(0)?,
                group_id: r.get(1)?,
                account_id: r.get(2)?,
                family: GroupFamily::from_wire(&family).unwrap_or(GroupFamily::Prepaid),
                domain: r.get(4)?,
                licence_type: licence_type_from_sql(r.get(5)?, 5)?,
                state: r.get(6)?,
                is_empty_slot: r.get(7)?,
                activation_email: r.get(8)?,
                login: r.get(9)?,
                mca_agreed: r.get(10)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Licence, id: licence_id.to_string() })
}

/// The licence's facts for the rule of what can be done with it now (`domain::licence`).
fn facts<'a>(tx: &Transaction, t: &'a Target) -> Result<LicenceFacts<'a>> {
    let change_in_flight: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pending_changes WHERE licence_id = ?1 AND state IN ('sending', 'waitingRemote'))",
        [t.id],
        |r| r.get(0),
    )?;
    Ok(LicenceFacts {
        family: t.family,
        is_empty_slot: t.is_empty_slot,
        state: &t.state,
        change_in_flight,
        agreement_missing: !t.mca_agreed,
    })
}

/// Refuses a change to the licence's user when the rule says it cannot be made now.
fn ensure_user_actionable(tx: &Transaction, t: &Target) -> Result<()> {
    match facts(tx, t)?.block() {
        None => Ok(()),
        Some(LicenceBlock::NoUser) => Err(Error::Precondition(Precondition::NoUserOnLicence)),
        Some(LicenceBlock::AgreementNotSigned) => Err(Error::Precondition(Precondition::AgreementNotSigned)),
        Some(LicenceBlock::Busy | LicenceBlock::ChangeInFlight) => Err(Error::Precondition(Precondition::LicenceBusy)),
    }
}

/// The domain a login goes in: a prepaid group has only its own; a pay-as-you-go group
/// may have several, of which only those Microsoft verified can be used.
fn login_domain(
    tx: &Transaction,
    group_id: i64,
    family: GroupFamily,
    chosen: Option<&str>,
    default: &str,
) -> Result<String> {
    let Some(chosen) = chosen.filter(|c| !c.eq_ignore_ascii_case(default)) else { return Ok(default.to_string()) };
    let status: Option<String> = if family == GroupFamily::PayAsYouGo {
        tx.query_row(
            "SELECT status FROM group_domains WHERE group_id = ?1 AND lower(name) = lower(?2)",
            params![group_id, chosen],
            |r| r.get(0),
        )
        .optional()?
    } else {
        None
    };
    match status.as_deref() {
        Some("ok") => Ok(chosen.to_lowercase()),
        _ => Err(Error::Precondition(Precondition::DomainNotUsable { domain: chosen.to_string() })),
    }
}

fn ensure_email_free(tx: &Transaction, group_id: i64, email: &str, except: Option<i64>) -> Result<()> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM licences WHERE group_id = ?1 AND lower(activation_email) = lower(?2)
                        AND is_empty_slot = 0 AND id IS NOT ?3)",
        params![group_id, email, except],
        |r| r.get(0),
    )?;
    if taken { Err(Error::Precondition(Precondition::LoginTaken { email: email.to_string() })) } else { Ok(()) }
}

fn checked(input: &AccountInput) -> Result<AccountInput> {
    check_account(input).map_err(|rules| match rules.len() {
        1 => Error::Rule(rules.into_iter().next().expect("one rule")),
        _ => Error::Rules(rules),
    })
}

fn account_payload(input: &AccountInput, domain: &str, licence_type: LicenceType) -> AccountChange {
    AccountChange {
        first_name: input.first_name.clone(),
        last_name: input.last_name.clone(),
        login: input.login.clone(),
        domain: domain.to_string(),
        usage_location: input.usage_location.clone(),
        licence_type,
    }
}

/// Queues a change to the licence `t`, with what undo restores.
fn queue(
    tx: &Transaction,
    t: &Target,
    payload: ChangePayload,
    undo: Option<serde_json::Value>,
    at: &str,
) -> Result<i64> {
    changes::enqueue(
        tx,
        NewChange { account_id: t.account_id, group_id: Some(t.group_id), licence_id: Some(t.id), payload, undo, at },
    )
}

fn log(
    tx: &Transaction,
    t: &Target,
    licence_id: Option<i64>,
    kind: &str,
    at: &str,
    details: serde_json::Value,
) -> Result<()> {
    history::record(
        tx,
        NewEntry {
            at,
            account_id: t.account_id,
            group_id: Some(t.group_id),
            licence_id,
            origin: Origin::User,
            kind,
            details,
        },
    )?;
    Ok(())
}

/// Activates an empty prepaid slot for a user (the guide's "Edit account" on a slot).
pub fn activate(tx: &Transaction, licence_id: i64, input: &AccountInput, at: &str) -> Result<i64> {
    let input = checked(input)?;
    let t = target(tx, licence_id)?;
    if t.family == GroupFamily::Prepaid && !t.mca_agreed {
        return Err(Error::Precondition(Precondition::AgreementNotSigned));
    }
    if !facts(tx, &t)?.can_activate() {
        let busy = t.family == GroupFamily::Prepaid && t.is_empty_slot;
        return Err(Error::Precondition(if busy { Precondition::LicenceBusy } else { Precondition::NotAnEmptySlot }));
    }
    let email = activation_email(&input.login, &t.domain);
    ensure_email_free(tx, t.group_id, &email, Some(t.id))?;
    let snapshot = licence_snapshot(tx, t.id)?;
    tx.execute(
        "UPDATE licences SET is_empty_slot = 0, state = 'creating', first_name = ?2, last_name = ?3, login = ?4,
                activation_email = ?5, usage_location = ?6, updated_at = ?7
         WHERE id = ?1",
        params![t.id, input.first_name, input.last_name, input.login, email, input.usage_location, at],
    )?;
    let change =
        queue(tx, &t, ChangePayload::Activate(account_payload(&input, &t.domain, t.licence_type)), Some(snapshot), at)?;
    log(
        tx,
        &t,
        Some(t.id),
        "licenceActivated",
        at,
        json!({ "firstName": input.first_name, "lastName": input.last_name, "activationEmail": email }),
    )?;
    Ok(change)
}

/// Adds a user to a pay-as-you-go group (which has no slots). Returns the new
/// licence and its pending change.
pub fn add_user(
    tx: &Transaction,
    group_id: i64,
    input: &AccountInput,
    licence_type: LicenceType,
    at: &str,
) -> Result<(i64, i64)> {
    let input = checked(input)?;
    let (family, domain): (String, String) = tx
        .query_row("SELECT family, coalesce(domain, service_name) FROM licence_groups WHERE id = ?1", [group_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Group, id: group_id.to_string() })?;
    if GroupFamily::from_wire(&family) != Some(GroupFamily::PayAsYouGo) {
        return Err(Error::Precondition(Precondition::WrongFamily));
    }
    let held: u32 = tx.query_row(
        "SELECT count(*) FROM licences WHERE group_id = ?1 AND licence_type = ?2",
        params![group_id, licence_type.wire_name()],
        |r| r.get(0),
    )?;
    check_group_capacity(licence_type, held, 0, 1)?;
    let domain = login_domain(tx, group_id, GroupFamily::PayAsYouGo, input.domain.as_deref(), &domain)?;
    let email = activation_email(&input.login, &domain);
    ensure_email_free(tx, group_id, &email, None)?;
    tx.execute(
        "INSERT INTO licences (group_id, remote_id, licence_type, state, is_empty_slot, first_name, last_name, login,
             activation_email, usage_location, updated_at)
         VALUES (?1, ?2, ?3, 'creating', 0, ?4, ?5, ?6, ?2, ?7, ?8)",
        params![
            group_id,
            email,
            licence_type.wire_name(),
            input.first_name,
            input.last_name,
            input.login,
            input.usage_location,
            at
        ],
    )?;
    let licence_id = tx.last_insert_rowid();
    let t = target(tx, licence_id)?;
    let change = queue(
        tx,
        &t,
        ChangePayload::Activate(account_payload(&input, &domain, licence_type)),
        Some(json!({ "created": true })),
        at,
    )?;
    log(
        tx,
        &t,
        Some(licence_id),
        "licenceActivated",
        at,
        json!({ "firstName": input.first_name, "lastName": input.last_name, "activationEmail": email }),
    )?;
    Ok((licence_id, change))
}

/// Edits the account of a licence that has a user.
pub fn edit_account(tx: &Transaction, licence_id: i64, input: &AccountInput, at: &str) -> Result<i64> {
    let input = checked(input)?;
    let t = target(tx, licence_id)?;
    ensure_user_actionable(tx, &t)?;
    // A pay-as-you-go user keeps their domain unless another usable one is chosen.
    let current = t.activation_email.as_deref().and_then(|e| e.split_once('@')).map(|(_, d)| d.to_string());
    let domain =
        login_domain(tx, t.group_id, t.family, input.domain.as_deref(), current.as_deref().unwrap_or(&t.domain))?;
    let email = activation_email(&input.login, &domain);
    ensure_email_free(tx, t.group_id, &email, Some(t.id))?;
    let snapshot = licence_snapshot(tx, t.id)?;
    tx.execute(
        "UPDATE licences SET first_name = ?2, last_name = ?3, login = ?4, activation_email = ?5, usage_location = ?6,
                updated_at = ?7
         WHERE id = ?1",
        params![t.id, input.first_name, input.last_name, input.login, email, input.usage_location, at],
    )?;
    let change = queue(
        tx,
        &t,
        ChangePayload::EditAccount(account_payload(&input, &domain, t.licence_type)),
        Some(snapshot.clone()),
        at,
    )?;
    log(
        tx,
        &t,
        Some(t.id),
        "accountEdited",
        at,
        json!({
            "from": { "firstName": snapshot["firstName"], "lastName": snapshot["lastName"], "activationEmail": snapshot["activationEmail"] },
            "to": { "firstName": input.first_name, "lastName": input.last_name, "activationEmail": email },
        }),
    )?;
    Ok(change)
}

/// Queues a password change. The password itself is never passed here: the caller
/// puts it in the keychain under the returned change's id, inside the same
/// transaction, so neither exists without the other.
pub fn queue_password_change(
    tx: &Transaction,
    licence_id: i64,
    notify_email: Option<&str>,
    at: &str,
) -> Result<(i64, String)> {
    let t = target(tx, licence_id)?;
    ensure_user_actionable(tx, &t)?;
    let notify = notify_email.map(str::trim).filter(|e| !e.is_empty());
    if let Some(email) = notify {
        check_email(email)?;
    }
    let change = queue(
        tx,
        &t,
        ChangePayload::ChangePassword(PasswordChange { has_password: true, notify_email: notify.map(str::to_string) }),
        None,
        at,
    )?;
    log(
        tx,
        &t,
        Some(t.id),
        "passwordChanged",
        at,
        json!({ "activationEmail": t.activation_email, "notifyEmail": notify }),
    )?;
    Ok((change, t.login.unwrap_or_default()))
}

/// Frees a licence: a prepaid licence becomes an empty slot again, a pay-as-you-go
/// user is deleted. Locally the licence shows as being deleted until OVHcloud confirms.
pub fn free(tx: &Transaction, licence_id: i64, at: &str) -> Result<i64> {
    let t = target(tx, licence_id)?;
    ensure_user_actionable(tx, &t)?;
    let snapshot = licence_snapshot(tx, t.id)?;
    tx.execute("UPDATE licences SET state = 'deleting', updated_at = ?2 WHERE id = ?1", params![t.id, at])?;
    let change = queue(tx, &t, ChangePayload::Free, Some(snapshot.clone()), at)?;
    log(
        tx,
        &t,
        Some(t.id),
        "licenceFreed",
        at,
        json!({ "firstName": snapshot["firstName"], "lastName": snapshot["lastName"], "activationEmail": t.activation_email }),
    )?;
    Ok(change)
}
