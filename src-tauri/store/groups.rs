//! Licence groups: the groups list, a group's overview, renaming.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use super::changes::{self, ChangePayload, GroupRename, NewChange};
use super::history::{self, NewEntry, Origin};
use crate::domain::{GroupFamily, LicenceType, check_display_name};
use crate::error::{Entity, Error, PartUnread, Result};
use crate::i18n::{Lang, Localize};

/// A row of the groups list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    pub id: i64,
    pub account_id: i64,
    pub account_label: String,
    pub service_name: String,
    pub display_name: String,
    pub family: GroupFamily,
    pub offer: LicenceType,
    /// As OVHcloud reports it: ok, suspended, expired, …
    pub status: String,
    /// Licences with a user (not empty slots).
    pub licences_used: u32,
    /// Every licence of the group, empty slots included.
    pub licences_total: u32,
    pub next_payment_on: Option<String>,
    pub is_sample: bool,
    /// Changes made here and not yet confirmed by OVHcloud.
    pub pending_changes: u32,
    /// Why OVHcloud could not be read for this group at the last sync (expired,
    /// gone…): what is shown may be out of date.
    pub sync_error: Option<String>,
    pub sync_error_since: Option<String>,
    /// A prepaid group's Microsoft Customer Agreement is accepted (pay-as-you-go: always).
    pub mca_agreed: bool,
}

/// An amount in OVHcloud's micro-cents (1 unit = 10⁻⁸ of the currency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    #[ts(type = "number")]
    pub ucents: i64,
    pub currency: String,
}

/// Licences of one type in a group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TypeCounts {
    pub licence_type: LicenceType,
    pub total: u32,
    pub assigned: u32,
    /// Empty slots, paid for and not configured.
    pub free: u32,
    pub price_per_month: Option<Money>,
}

/// An order not yet delivered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: i64,
    pub licence_type: LicenceType,
    pub quantity: u32,
    pub state: super::orders::OrderState,
    pub payment_url: Option<String>,
    pub created_at: String,
}

/// The Overview tab of a group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupOverview {
    pub group: GroupSummary,
    pub domain: Option<String>,
    pub created_on: Option<String>,
    pub renewal_period: Option<String>,
    pub mca_agreed: bool,
    pub by_type: Vec<TypeCounts>,
    /// What the group costs per month at catalog prices, when every price is known.
    pub monthly_cost: Option<Money>,
    /// Paid-for slots nobody uses.
    pub unconfigured_slots: u32,
    /// Licence users with no install recorded in the ledger.
    pub users_without_install: u32,
    pub orders_in_progress: Vec<OrderSummary>,
    pub synced_at: Option<String>,
    /// For each licence type: how many more a new order may add (the 300 cap counts
    /// licences on order too), so the order wizard never works it out itself.
    pub capacity: Vec<Capacity>,
    /// How the group renews, as OVHcloud last said (or as the user just set it).
    pub renewal: Option<crate::domain::Renewal>,
    /// A renewal change of ours is on its way to OVHcloud.
    pub renewal_pending: bool,
    /// The Microsoft Customer Agreement page OVHcloud created, to sign.
    pub attestation_link: Option<String>,
    /// The acceptance of the agreement is on its way to OVHcloud.
    pub agreement_pending: bool,
    /// A pay-as-you-go group's domains.
    pub domains: Vec<super::GroupDomain>,
    /// Remind the user when fewer licences than this are free (`None`: never).
    pub free_seats_alert: Option<u32>,
    /// The group belongs to the demo account (its agreement is signed from the window,
    /// on the simulator, not in the browser).
    pub is_demo: bool,
    /// Parts OVHcloud did not give at the last sync (the rest was read): they show what
    /// was read before, and say why.
    pub stale_parts: Vec<StalePart>,
}

/// A part of a group read on its own request, which may fail while the rest of the
/// group is read: how it renews (`…/serviceInfos`), its domains, its usage statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GroupPart {
    Renewal,
    Domains,
    Usage,
}

impl GroupPart {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupPart::Renewal => "renewal",
            GroupPart::Domains => "domains",
            GroupPart::Usage => "usage",
        }
    }

    pub fn parse(s: &str) -> Option<GroupPart> {
        [GroupPart::Renewal, GroupPart::Domains, GroupPart::Usage].into_iter().find(|p| p.as_str() == s)
    }
}

/// A part of a group OVHcloud did not give at the last sync: it shows what was read
/// before (or nothing, if it never was), and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StalePart {
    pub part: GroupPart,
    /// The first read that failed, of those since the last that succeeded (RFC 3339).
    pub since: String,
    /// Why, in the user's language: the request, what went wrong, OVHcloud's query id.
    pub reason: String,
}

/// The parts of a group not read at the last sync, and why.
pub fn parts_unread(conn: &Connection, group_id: i64) -> Result<Vec<(GroupPart, PartUnread, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT part, problem, since FROM group_parts_unread WHERE group_id = ?1
         ORDER BY CASE part WHEN 'renewal' THEN 0 WHEN 'domains' THEN 1 ELSE 2 END",
    )?;
    let rows = stmt.query_map([group_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (part, problem, since) = row?;
        let (Some(part), Ok(problem)) = (GroupPart::parse(&part), serde_json::from_str::<PartUnread>(&problem)) else {
            continue;
        };
        out.push((part, problem, since));
    }
    Ok(out)
}

/// How many licences of one type a group holds, has on order, and may still order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    pub licence_type: LicenceType,
    pub held: u32,
    pub on_order: u32,
    /// `None`: no limit.
    pub max: Option<u32>,
    /// How many more may be ordered (`None`: no limit).
    pub room: Option<u32>,
}

const SUMMARY_SELECT: &str = "
    SELECT g.id, a.id, a.label, g.service_name, g.display_name, g.family, g.offer, g.status,
           (SELECT count(*) FROM licences l WHERE l.group_id = g.id AND l.is_empty_slot = 0),
           (SELECT count(*) FROM licences l WHERE l.group_id = g.id),
           g.next_payment_on, a.is_sample,
           (SELECT count(*) FROM pending_changes p WHERE p.group_id = g.id AND p.state <> 'done'),
           g.sync_error, g.sync_error_at, g.mca_agreed
    FROM licence_groups g JOIN accounts a ON a.id = g.account_id";

fn enum_from_sql<T>(value: String, parse: fn(&str) -> Option<T>, col: usize) -> rusqlite::Result<T> {
    parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("unexpected value {value:?}").into(),
        )
    })
}

pub(super) fn licence_type_from_sql(value: String, col: usize) -> rusqlite::Result<LicenceType> {
    enum_from_sql(value, LicenceType::from_wire, col)
}

fn summary_from_row(row: &Row) -> rusqlite::Result<GroupSummary> {
    Ok(GroupSummary {
        id: row.get(0)?,
        account_id: row.get(1)?,
        account_label: row.get(2)?,
        service_name: row.get(3)?,
        display_name: row.get(4)?,
        family: enum_from_sql(row.get(5)?, GroupFamily::from_wire, 5)?,
        offer: licence_type_from_sql(row.get(6)?, 6)?,
        status: row.get(7)?,
        licences_used: row.get(8)?,
        licences_total: row.get(9)?,
        next_payment_on: row.get(10)?,
        is_sample: row.get(11)?,
        pending_changes: row.get(12)?,
        sync_error: row.get(13)?,
        sync_error_since: row.get(14)?,
        mca_agreed: row.get(15)?,
    })
}

/// Every group, the user's own first, then by name.
pub fn list(conn: &Connection) -> Result<Vec<GroupSummary>> {
    let sql = format!("{SUMMARY_SELECT} ORDER BY a.is_sample, g.display_name COLLATE NOCASE, g.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn not_found(group_id: i64) -> Error {
    Error::NotFound { what: Entity::Group, id: group_id.to_string() }
}

pub fn summary(conn: &Connection, group_id: i64) -> Result<GroupSummary> {
    let sql = format!("{SUMMARY_SELECT} WHERE g.id = ?1");
    conn.query_row(&sql, [group_id], summary_from_row).optional()?.ok_or_else(|| not_found(group_id))
}

/// A group's Overview tab; what could not be read is said in `lang`.
pub fn overview(conn: &Connection, group_id: i64, lang: Lang) -> Result<GroupOverview> {
    let group = summary(conn, group_id)?;
    let (account_id, domain, created_on, renewal_period, mca_agreed, synced_at): (
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
        Option<String>,
    ) = conn.query_row(
        "SELECT account_id, domain, created_on, renewal_period, mca_agreed, synced_at
         FROM licence_groups WHERE id = ?1",
        [group_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let (renewal, attestation_link, free_seats_alert, renewal_pending, agreement_pending, is_demo): (
        Option<String>,
        Option<String>,
        Option<u32>,
        bool,
        bool,
        bool,
    ) = conn.query_row(
        "SELECT renewal, attestation_link, free_seats_alert,
                EXISTS (SELECT 1 FROM pending_changes p WHERE p.group_id = g.id AND p.kind = 'setRenewal'
                        AND p.state IN ('queued', 'sending', 'waitingRemote', 'parked')),
                EXISTS (SELECT 1 FROM pending_changes p WHERE p.group_id = g.id AND p.kind = 'acceptAgreement'
                        AND p.state IN ('queued', 'sending', 'waitingRemote', 'parked')),
                (SELECT a.endpoint = 'demo' FROM accounts a WHERE a.id = g.account_id)
         FROM licence_groups g WHERE id = ?1",
        [group_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let renewal = renewal.and_then(|j| serde_json::from_str(&j).ok());
    let domains = super::lifecycle::domains(conn, group_id)?;
    let stale_parts = parts_unread(conn, group_id)?
        .into_iter()
        .map(|(part, problem, since)| StalePart { part, since, reason: problem.localize(lang) })
        .collect();

    let mut by_type: Vec<TypeCounts> = conn
        .prepare_cached(
            "SELECT licence_type, count(*), sum(is_empty_slot = 0), sum(is_empty_slot = 1)
             FROM licences WHERE group_id = ?1 GROUP BY licence_type ORDER BY licence_type",
        )?
        .query_map([group_id], |r| {
            Ok(TypeCounts {
                licence_type: licence_type_from_sql(r.get(0)?, 0)?,
                total: r.get(1)?,
                assigned: r.get(2)?,
                free: r.get(3)?,
                price_per_month: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    // Prepaid slots are paid for whether used or not; pay-as-you-go bills users.
    let period = renewal_period.clone().unwrap_or_else(|| "P1M".into());
    let mut monthly_cost: Option<Money> = Some(Money { ucents: 0, currency: String::new() });
    for counts in &mut by_type {
        counts.price_per_month = price(conn, account_id, counts.licence_type, &period)?;
        let billed = match group.family {
            GroupFamily::Prepaid => counts.total,
            GroupFamily::PayAsYouGo => counts.assigned,
        };
        monthly_cost = match (monthly_cost, &counts.price_per_month) {
            (Some(total), Some(price)) if total.currency.is_empty() || total.currency == price.currency => {
                Some(Money {
                    ucents: total.ucents + price.ucents * i64::from(billed),
                    currency: price.currency.clone(),
                })
            }
            _ => None,
        };
    }
    if monthly_cost.as_ref().is_some_and(|m| m.currency.is_empty()) {
        monthly_cost = None;
    }

    let unconfigured_slots = by_type.iter().map(|t| t.free).sum();
    let users_without_install: u32 = conn.query_row(
        "SELECT count(*) FROM licences l
         WHERE l.group_id = ?1 AND l.is_empty_slot = 0 AND NOT EXISTS
             (SELECT 1 FROM installs i WHERE i.licence_id = l.id AND i.signed_out_on IS NULL)",
        [group_id],
        |r| r.get(0),
    )?;
    let in_progress = format!(
        "SELECT id, licence_type, quantity, state, payment_url, created_at FROM orders
         WHERE group_id = ?1 AND state IN ({}) ORDER BY id",
        super::orders::OrderState::open_sql()
    );
    let orders_in_progress = conn
        .prepare_cached(&in_progress)?
        .query_map([group_id], |r| {
            Ok(OrderSummary {
                id: r.get(0)?,
                licence_type: licence_type_from_sql(r.get(1)?, 1)?,
                quantity: r.get(2)?,
                state: super::orders::order_state_from_sql(r.get(3)?, 3)?,
                payment_url: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut capacity = Vec::new();
    for licence_type in LicenceType::ALL {
        let held = by_type.iter().find(|t| t.licence_type == licence_type).map_or(0, |t| t.total);
        let on_order = super::orders::on_order(conn, group_id, licence_type)?;
        let max = licence_type.group_limit();
        let room = max.map(|m| m.saturating_sub(held + on_order));
        capacity.push(Capacity { licence_type, held, on_order, max, room });
    }
    Ok(GroupOverview {
        capacity,
        group,
        domain,
        created_on,
        renewal_period,
        mca_agreed,
        by_type,
        monthly_cost,
        unconfigured_slots,
        users_without_install,
        orders_in_progress,
        synced_at,
        renewal,
        renewal_pending,
        attestation_link,
        agreement_pending,
        domains,
        free_seats_alert,
        is_demo,
        stale_parts,
    })
}

/// The catalog price per licence per month, preferring the group's renewal period.
fn price(conn: &Connection, account_id: i64, licence_type: LicenceType, period: &str) -> Result<Option<Money>> {
    Ok(conn
        .prepare_cached(
            "SELECT price_ucents, currency FROM prices
             WHERE account_id = ?1 AND licence_type = ?2
             ORDER BY renewal_period = ?3 DESC, renewal_period = 'P1M' DESC LIMIT 1",
        )?
        .query_row(params![account_id, licence_type.wire_name(), period], |r| {
            Ok(Money { ucents: r.get(0)?, currency: r.get(1)? })
        })
        .optional()?)
}

/// Renames a group locally, queues the rename for OVHcloud and logs it, all at once.
/// A rename still waiting in the queue is updated rather than queued twice.
pub fn rename(tx: &Transaction, group_id: i64, new_name: &str, at: &str) -> Result<GroupSummary> {
    let new_name = new_name.trim();
    check_display_name(new_name)?;
    let (account_id, old_name): (i64, String) = tx
        .query_row("SELECT account_id, display_name FROM licence_groups WHERE id = ?1", [group_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| not_found(group_id))?;
    if old_name == new_name {
        return summary(tx, group_id);
    }
    tx.execute("UPDATE licence_groups SET display_name = ?1 WHERE id = ?2", params![new_name, group_id])?;
    let payload = ChangePayload::RenameGroup(GroupRename { display_name: new_name.to_string() });
    // A rename still waiting in the queue is updated: it keeps the name from before the
    // first rename, which is what undo restores.
    let updated = tx.execute(
        "UPDATE pending_changes SET payload = ?1, updated_at = ?2
         WHERE group_id = ?3 AND kind = 'renameGroup' AND state = 'queued'",
        params![payload.to_json(), at, group_id],
    )?;
    if updated == 0 {
        changes::enqueue(
            tx,
            NewChange {
                account_id,
                group_id: Some(group_id),
                licence_id: None,
                payload,
                undo: Some(serde_json::json!({ "displayName": old_name })),
                at,
            },
        )?;
    }
    history::record(
        tx,
        NewEntry {
            at,
            account_id,
            group_id: Some(group_id),
            licence_id: None,
            origin: Origin::User,
            kind: "groupRenamed",
            details: serde_json::json!({ "from": old_name, "to": new_name }),
        },
    )?;
    summary(tx, group_id)
}
