//! A group's life at OVHcloud beyond its licences' users: its Microsoft Customer
//! Agreement, how it renews, its licences' termination, and (pay-as-you-go) its domains.
//! Each change is queued with its history row in the caller's transaction, like every
//! other change; the steps that need an answer from OVHcloud at once (the attestation
//! link, the e-mailed termination token) are made by the caller and recorded here.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;
use time::Date;
use ts_rs::TS;

use super::changes::{self, ChangePayload, NewChange, RenewalChange};
use super::history::{self, NewEntry, Origin};
use crate::domain::{
    GroupFamily, Renewal, RenewalInput, TerminationInput, check_renewal, check_termination, renewal_consequence,
    termination_consequence,
};
use crate::error::{Entity, Error, Precondition, Result};
use crate::i18n::Lang;

/// What the lifecycle operations need to know about a group.
#[derive(Debug, Clone)]
pub struct GroupRef {
    pub id: i64,
    pub account_id: i64,
    pub family: GroupFamily,
    pub service_name: String,
    /// Any licence of the group (a prepaid group's routes hang off one).
    pub any_licence: Option<String>,
    pub mca_agreed: bool,
    pub renewal: Option<Renewal>,
    pub attestation_link: Option<String>,
    /// Sample data: no OVHcloud account behind it.
    pub is_sample: bool,
}

pub fn group_ref(conn: &Connection, group_id: i64) -> Result<GroupRef> {
    conn.query_row(
        "SELECT g.id, g.account_id, g.family, g.service_name,
                (SELECT min(remote_id) FROM licences x WHERE x.group_id = g.id),
                g.mca_agreed, g.renewal, g.attestation_link, a.is_sample
         FROM licence_groups g JOIN accounts a ON a.id = g.account_id WHERE g.id = ?1",
        [group_id],
        |r| {
            let family: String = r.get(2)?;
            let renewal: Option<String> = r.get(6)?;
            Ok(GroupRef {
                id: r.get(0)?,
                account_id: r.get(1)?,
                family: GroupFamily::from_wire(&family).unwrap_or(GroupFamily::Prepaid),
                service_name: r.get(3)?,
                any_licence: r.get(4)?,
                mca_agreed: r.get(5)?,
                renewal: renewal.and_then(|j| serde_json::from_str(&j).ok()),
                attestation_link: r.get(7)?,
                is_sample: r.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Group, id: group_id.to_string() })
}

fn log(
    tx: &Transaction,
    g: &GroupRef,
    licence_id: Option<i64>,
    kind: &str,
    details: serde_json::Value,
    at: &str,
) -> Result<()> {
    history::record(
        tx,
        NewEntry {
            at,
            account_id: g.account_id,
            group_id: Some(g.id),
            licence_id,
            origin: Origin::User,
            kind,
            details,
        },
    )?;
    Ok(())
}

// ---- the Microsoft Customer Agreement -------------------------------------------------

/// Refuses the agreement steps for a group that has none to sign.
pub fn ensure_agreement_to_sign(g: &GroupRef) -> Result<()> {
    if g.family != GroupFamily::Prepaid {
        return Err(Error::Precondition(Precondition::PrepaidOnly));
    }
    if g.mca_agreed {
        return Err(Error::Precondition(Precondition::AgreementAlreadyAccepted));
    }
    Ok(())
}

/// OVHcloud created the attestation: its link is kept, to be opened (again) for signing.
pub fn record_attestation(tx: &Transaction, group_id: i64, link: &str, at: &str) -> Result<()> {
    let g = group_ref(tx, group_id)?;
    tx.execute(
        "UPDATE licence_groups SET attestation_link = ?2, attestation_at = ?3 WHERE id = ?1",
        params![group_id, link, at],
    )?;
    log(tx, &g, None, "agreementAttestationCreated", json!({}), at)
}

/// The user says they signed: the acceptance is queued (sent at the next sync, then
/// followed until OVHcloud shows the agreement accepted).
pub fn queue_agreement(tx: &Transaction, group_id: i64, at: &str) -> Result<i64> {
    let g = group_ref(tx, group_id)?;
    ensure_agreement_to_sign(&g)?;
    if g.attestation_link.is_none() {
        return Err(Error::Precondition(Precondition::NoAttestation));
    }
    let open: Option<i64> = tx
        .query_row(
            "SELECT id FROM pending_changes WHERE group_id = ?1 AND kind = 'acceptAgreement'
               AND state IN ('queued', 'sending', 'waitingRemote', 'parked')",
            [group_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = open {
        return Ok(id);
    }
    let id = changes::enqueue(
        tx,
        NewChange {
            account_id: g.account_id,
            group_id: Some(g.id),
            licence_id: None,
            payload: ChangePayload::AcceptAgreement,
            undo: None,
            at,
        },
    )?;
    log(tx, &g, None, "agreementAccepted", json!({}), at)?;
    Ok(id)
}

// ---- renewal ---------------------------------------------------------------------------

/// A renewal choice checked against what OVHcloud offers this group, with the services
/// it goes to and what it means in plain words.
pub struct RenewalPlan {
    pub change: RenewalChange,
    pub consequence: String,
}

/// How a group renews, as OVHcloud last said (or as the user just set it); when it was
/// never read, why: OVHcloud's answer could not be read, or no sync has read it yet.
pub fn current_renewal(conn: &Connection, group_id: i64) -> Result<Renewal> {
    if let Some(renewal) = group_ref(conn, group_id)?.renewal {
        return Ok(renewal);
    }
    let unread = super::groups::parts_unread(conn, group_id)?
        .into_iter()
        .find(|(part, _, _)| *part == super::groups::GroupPart::Renewal);
    Err(Error::Precondition(match unread {
        Some((_, problem, _)) => Precondition::RenewalUnread(problem),
        None => Precondition::RenewalUnknown,
    }))
}

/// Checks a renewal choice for a group and says what it means (nothing is written).
pub fn plan_renewal(
    conn: &Connection,
    group_id: i64,
    input: &RenewalInput,
    today: Date,
    lang: Lang,
) -> Result<RenewalPlan> {
    let g = group_ref(conn, group_id)?;
    let current = current_renewal(conn, group_id)?;
    let settings = check_renewal(input, &current)?;
    let services: Vec<String> = match g.family {
        GroupFamily::PayAsYouGo => vec![g.service_name.clone()],
        GroupFamily::Prepaid => {
            let mut stmt = conn.prepare_cached(
                "SELECT remote_id FROM licences l WHERE group_id = ?1 AND terminated_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id
                                   AND p.kind = 'confirmTermination' AND p.state <> 'failed')
                 ORDER BY remote_id",
            )?;
            let rows = stmt.query_map([group_id], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        }
    };
    let consequence = renewal_consequence(&settings, &current, g.family, services.len(), today, lang);
    Ok(RenewalPlan { change: RenewalChange { settings, services }, consequence })
}

/// Queues a renewal change for a group and shows it at once; a renewal still waiting
/// in the queue is replaced (undo restores what OVHcloud said before the first).
pub fn set_renewal(tx: &Transaction, group_id: i64, input: &RenewalInput, today: Date, at: &str) -> Result<i64> {
    let g = group_ref(tx, group_id)?;
    let plan = plan_renewal(tx, group_id, input, today, Lang::En)?;
    let before = g.renewal.clone().expect("checked by plan_renewal");
    let shown = Renewal {
        mode: plan.change.settings.mode(),
        period_months: plan.change.settings.period_months,
        ..before.clone()
    };
    let shown_json = serde_json::to_string(&shown).map_err(|e| Error::Internal(e.to_string()))?;
    tx.execute("UPDATE licence_groups SET renewal = ?2 WHERE id = ?1", params![group_id, shown_json])?;
    let payload = ChangePayload::SetRenewal(plan.change.clone());
    let waiting: Option<i64> = tx
        .query_row(
            "SELECT id FROM pending_changes WHERE group_id = ?1 AND kind = 'setRenewal' AND state = 'queued'",
            [group_id],
            |r| r.get(0),
        )
        .optional()?;
    let id = match waiting {
        Some(id) => {
            tx.execute(
                "UPDATE pending_changes SET payload = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, payload.to_json(), at],
            )?;
            id
        }
        None => changes::enqueue(
            tx,
            NewChange {
                account_id: g.account_id,
                group_id: Some(g.id),
                licence_id: None,
                payload,
                undo: Some(json!({ "renewal": before })),
                at,
            },
        )?,
    };
    log(
        tx,
        &g,
        None,
        "renewalChanged",
        json!({
            "from": { "mode": before.mode.as_str(), "periodMonths": before.period_months },
            "to": { "mode": shown.mode.as_str(), "periodMonths": shown.period_months },
        }),
        at,
    )?;
    Ok(id)
}

// ---- termination -----------------------------------------------------------------------

/// A prepaid licence to terminate, and its group.
pub struct LicenceRef {
    pub id: i64,
    pub remote_id: String,
    pub group: GroupRef,
    pub requested: bool,
    pub terminated: bool,
}

pub fn licence_ref(conn: &Connection, licence_id: i64) -> Result<LicenceRef> {
    let (group_id, remote_id, requested, terminated): (i64, String, bool, bool) = conn
        .query_row(
            "SELECT group_id, remote_id, termination_requested_at IS NOT NULL, terminated_at IS NOT NULL
             FROM licences WHERE id = ?1",
            [licence_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Licence, id: licence_id.to_string() })?;
    Ok(LicenceRef { id: licence_id, remote_id, group: group_ref(conn, group_id)?, requested, terminated })
}

/// A licence by its OVHcloud name (prepaid `{group}-{n}`, or a pay-as-you-go e-mail).
pub fn licence_by_remote_id(conn: &Connection, remote_id: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM licences WHERE remote_id = ?1 ORDER BY id LIMIT 1", [remote_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Licence, id: remote_id.to_string() })
}

/// Refuses a termination of a licence that cannot be terminated here.
pub fn ensure_terminable(conn: &Connection, l: &LicenceRef) -> Result<()> {
    if l.group.family != GroupFamily::Prepaid {
        return Err(Error::Precondition(Precondition::PrepaidOnly));
    }
    let confirming: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pending_changes WHERE licence_id = ?1 AND kind = 'confirmTermination'
                        AND state IN ('queued', 'sending', 'waitingRemote', 'parked'))",
        [l.id],
        |r| r.get(0),
    )?;
    if l.terminated || confirming {
        return Err(Error::Precondition(Precondition::AlreadyTerminated));
    }
    Ok(())
}

/// OVHcloud took the termination request and e-mailed its token.
pub fn termination_requested(tx: &Transaction, licence_id: i64, at: &str) -> Result<()> {
    let l = licence_ref(tx, licence_id)?;
    tx.execute("UPDATE licences SET termination_requested_at = ?2 WHERE id = ?1", params![licence_id, at])?;
    log(tx, &l.group, Some(l.id), "terminationRequested", json!({ "licence": l.remote_id }), at)
}

/// A termination confirmation checked, with what it means in plain words.
pub struct TerminationPlan {
    pub input: TerminationInput,
    pub licence: String,
    pub consequence: String,
}

/// Checks a termination confirmation and says what it means (nothing is written).
pub fn plan_termination(
    conn: &Connection,
    licence_id: i64,
    input: &TerminationInput,
    lang: Lang,
) -> Result<TerminationPlan> {
    let l = licence_ref(conn, licence_id)?;
    ensure_terminable(conn, &l)?;
    if !l.requested {
        return Err(Error::Precondition(Precondition::TerminationNotRequested));
    }
    let input = check_termination(input).map_err(Error::from_rules)?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let ends_on =
        l.group.renewal.as_ref().and_then(|r| r.expires_on.as_deref()).and_then(|d| Date::parse(d, &format).ok());
    let consequence = termination_consequence(&l.remote_id, ends_on, lang);
    Ok(TerminationPlan { input, licence: l.remote_id, consequence })
}

/// Queues the confirmation of a licence's termination.
pub fn queue_termination(tx: &Transaction, licence_id: i64, input: &TerminationInput, at: &str) -> Result<i64> {
    let plan = plan_termination(tx, licence_id, input, Lang::En)?;
    let l = licence_ref(tx, licence_id)?;
    let id = changes::enqueue(
        tx,
        NewChange {
            account_id: l.group.account_id,
            group_id: Some(l.group.id),
            licence_id: Some(l.id),
            payload: ChangePayload::ConfirmTermination(plan.input.clone()),
            undo: None,
            at,
        },
    )?;
    log(
        tx,
        &l.group,
        Some(l.id),
        "terminationConfirmed",
        json!({
            "licence": l.remote_id,
            "reason": plan.input.reason.map(|r| r.wire_name()),
            "futureUse": plan.input.future_use.map(|f| f.wire_name()),
        }),
        at,
    )?;
    Ok(id)
}

// ---- domains ---------------------------------------------------------------------------

/// A domain of a pay-as-you-go group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupDomain {
    pub name: String,
    /// As OVHcloud reports it: `ok`, `unverified`.
    pub status: String,
    /// The TXT record that proves the domain is the customer's (to add at its DNS).
    pub txt_entry: Option<String>,
    /// Logins can use it now (Microsoft verified it).
    pub usable: bool,
}

pub fn domains(conn: &Connection, group_id: i64) -> Result<Vec<GroupDomain>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, status, txt_entry FROM group_domains WHERE group_id = ?1 ORDER BY status <> 'ok', name",
    )?;
    let rows = stmt.query_map([group_id], |r| {
        let status: String = r.get(1)?;
        Ok(GroupDomain { name: r.get(0)?, usable: status == "ok", status, txt_entry: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
