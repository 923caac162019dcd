//! Orders of licences — a new group, or more licences for an existing prepaid group —
//! with the catalog prices they are quoted from. Placing an order saves it and queues
//! it for OVHcloud, whose payment page the user is then sent to.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::changes::{self, ChangePayload, NewChange, OrderChange};
use super::groups::{Money, OrderSummary, licence_type_from_sql};
use super::history::{self, NewEntry, Origin};
use crate::domain::{GroupFamily, LicenceType, check_group_capacity};
use crate::error::{Entity, Error, Precondition, Result};

/// Where an order is, from queued here to delivered (or not) at OVHcloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OrderState {
    /// Waiting in the outbox.
    Queued,
    /// Checked out; OVHcloud's answer not read yet.
    Sent,
    /// Placed: the customer pays on OVHcloud's page.
    AwaitingPayment,
    /// Paid; OVHcloud is delivering.
    Paid,
    Delivered,
    Cancelled,
    /// OVHcloud refused it.
    Failed,
}

impl OrderState {
    pub const ALL: [OrderState; 7] = [
        OrderState::Queued,
        OrderState::Sent,
        OrderState::AwaitingPayment,
        OrderState::Paid,
        OrderState::Delivered,
        OrderState::Cancelled,
        OrderState::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Queued => "queued",
            OrderState::Sent => "sent",
            OrderState::AwaitingPayment => "awaitingPayment",
            OrderState::Paid => "paid",
            OrderState::Delivered => "delivered",
            OrderState::Cancelled => "cancelled",
            OrderState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<OrderState> {
        OrderState::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Still on its way: it counts against the group's cap and shows as in progress.
    pub fn is_open(self) -> bool {
        matches!(self, OrderState::Queued | OrderState::Sent | OrderState::AwaitingPayment | OrderState::Paid)
    }

    /// The open states as an SQL list, for the queries that count them.
    pub(super) fn open_sql() -> String {
        let open: Vec<String> =
            OrderState::ALL.into_iter().filter(|o| o.is_open()).map(|o| format!("'{}'", o.as_str())).collect();
        open.join(", ")
    }
}

pub(super) fn order_state_from_sql(value: String, col: usize) -> rusqlite::Result<OrderState> {
    OrderState::parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("order state {value}").into(),
        )
    })
}

/// A price of the stored catalog, per licence per month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogEntry {
    pub plan_code: String,
    pub licence_type: LicenceType,
    /// ISO 8601 duration: P1M, P1Y.
    pub renewal_period: String,
    pub price_per_month: Money,
}

/// What the user asks for in the order wizard.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    pub account_id: i64,
    /// The group to add licences to; `None` orders a new group.
    pub group_id: Option<i64>,
    pub licence_type: LicenceType,
    pub renewal_period: String,
    pub quantity: u32,
}

/// The review step of the wizard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderQuote {
    pub plan_code: String,
    pub licence_type: LicenceType,
    pub renewal_period: String,
    pub quantity: u32,
    pub price_per_month: Money,
    /// What the ordered licences add per month.
    pub order_monthly: Money,
    /// The group's monthly total once they are delivered.
    pub new_monthly_total: Money,
    /// What the first invoice (this order) comes to: quantity × price × months.
    pub first_invoice: Money,
    /// Licences of this type the group holds, and has on order, before this order.
    pub held: u32,
    pub on_order: u32,
    /// The group's limit for this type, if it has one (300 for Apps for business).
    pub max: Option<u32>,
}

pub fn catalog(conn: &Connection, account_id: i64) -> Result<Vec<CatalogEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT plan_code, licence_type, renewal_period, price_ucents, currency FROM prices
         WHERE account_id = ?1 ORDER BY licence_type, renewal_period = 'P1M' DESC, renewal_period",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok(CatalogEntry {
            plan_code: r.get(0)?,
            licence_type: licence_type_from_sql(r.get(1)?, 1)?,
            renewal_period: r.get(2)?,
            price_per_month: Money { ucents: r.get(3)?, currency: r.get(4)? },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Months in an ISO 8601 period of months or years (P1M, P3M, P1Y); 1 otherwise.
pub fn months_in(period: &str) -> i64 {
    let digits = |s: &str| s.parse::<i64>().ok();
    period
        .strip_prefix('P')
        .and_then(|rest| {
            rest.strip_suffix('M').and_then(digits).or_else(|| rest.strip_suffix('Y').and_then(digits).map(|y| y * 12))
        })
        .filter(|m| *m > 0)
        .unwrap_or(1)
}

/// Licences of a type a group has on order and not yet delivered.
/// Licences of a type a group has on order (queued, sent, awaiting payment or paid).
pub(super) fn on_order(conn: &Connection, group_id: i64, licence_type: LicenceType) -> Result<u32> {
    let sql = format!(
        "SELECT coalesce(sum(quantity), 0) FROM orders WHERE group_id = ?1 AND licence_type = ?2 AND state IN ({})",
        OrderState::open_sql()
    );
    Ok(conn.query_row(&sql, params![group_id, licence_type.wire_name()], |r| r.get(0))?)
}

/// Quotes an order, checking it first: a positive quantity, a renewal the catalog
/// offers, and room in the group (300 Apps for business licences at most, counting
/// those held and those on order).
pub fn quote(conn: &Connection, request: &OrderRequest) -> Result<OrderQuote> {
    let entry = catalog(conn, request.account_id)?
        .into_iter()
        .find(|e| e.licence_type == request.licence_type && e.renewal_period == request.renewal_period)
        .ok_or_else(|| {
            Error::Precondition(Precondition::RenewalUnavailable { period: request.renewal_period.clone() })
        })?;
    let (held, on_order, current_monthly) = match request.group_id {
        Some(group_id) => {
            let (account_id, family): (i64, String) = conn
                .query_row("SELECT account_id, family FROM licence_groups WHERE id = ?1", [group_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or_else(|| Error::NotFound { what: Entity::Group, id: group_id.to_string() })?;
            if account_id != request.account_id {
                return Err(Error::NotFound { what: Entity::Group, id: group_id.to_string() });
            }
            if GroupFamily::from_wire(&family) != Some(GroupFamily::Prepaid) {
                return Err(Error::Precondition(Precondition::WrongFamily));
            }
            let held: u32 = conn.query_row(
                "SELECT count(*) FROM licences WHERE group_id = ?1 AND licence_type = ?2",
                params![group_id, request.licence_type.wire_name()],
                |r| r.get(0),
            )?;
            // Only the cost is read here: the language says nothing of it.
            let current = super::groups::overview(conn, group_id, crate::i18n::Lang::En)?
                .monthly_cost
                .map(|m| m.ucents)
                .unwrap_or(0);
            (held, on_order(conn, group_id, request.licence_type)?, current)
        }
        None => {
            let exists: bool =
                conn.query_row("SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?1)", [request.account_id], |r| {
                    r.get(0)
                })?;
            if !exists {
                return Err(Error::NotFound { what: Entity::Account, id: request.account_id.to_string() });
            }
            (0, 0, 0)
        }
    };
    check_group_capacity(request.licence_type, held, on_order, request.quantity)?;
    let price = entry.price_per_month.clone();
    let money = |ucents: i64| Money { ucents, currency: price.currency.clone() };
    let order_monthly = price.ucents * i64::from(request.quantity);
    Ok(OrderQuote {
        plan_code: entry.plan_code,
        licence_type: request.licence_type,
        renewal_period: request.renewal_period.clone(),
        quantity: request.quantity,
        order_monthly: money(order_monthly),
        new_monthly_total: money(current_monthly + order_monthly),
        first_invoice: money(order_monthly * months_in(&request.renewal_period)),
        price_per_month: price,
        held,
        on_order,
        max: request.licence_type.group_limit(),
    })
}

/// Saves an order and queues it for OVHcloud, with its history row.
pub fn place(tx: &Transaction, request: &OrderRequest, at: &str) -> Result<OrderSummary> {
    let quote = quote(tx, request)?;
    tx.execute(
        "INSERT INTO orders (account_id, group_id, licence_type, renewal_period, quantity, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6)",
        params![request.account_id, request.group_id, request.licence_type.wire_name(), request.renewal_period, request.quantity, at],
    )?;
    let order_id = tx.last_insert_rowid();
    let tenant: Option<String> = match request.group_id {
        Some(g) => Some(tx.query_row("SELECT service_name FROM licence_groups WHERE id = ?1", [g], |r| r.get(0))?),
        None => None,
    };
    changes::enqueue(
        tx,
        NewChange {
            account_id: request.account_id,
            group_id: request.group_id,
            licence_id: None,
            payload: ChangePayload::Order(OrderChange {
                order_id,
                plan_code: quote.plan_code.clone(),
                licence_type: request.licence_type,
                renewal_period: request.renewal_period.clone(),
                quantity: i64::from(request.quantity),
                existing_tenant: tenant,
            }),
            undo: None,
            at,
        },
    )?;
    history::record(
        tx,
        NewEntry {
            at,
            account_id: request.account_id,
            group_id: request.group_id,
            licence_id: None,
            origin: Origin::User,
            kind: "orderPlaced",
            details: json!({ "licenceType": request.licence_type.wire_name(), "quantity": request.quantity, "renewalPeriod": request.renewal_period }),
        },
    )?;
    Ok(OrderSummary {
        id: order_id,
        licence_type: request.licence_type,
        quantity: request.quantity,
        state: OrderState::Queued,
        payment_url: None,
        created_at: at.to_string(),
    })
}

/// An order's OVHcloud id (once sent) and its account's endpoint.
pub fn remote_of(conn: &Connection, order_id: i64) -> Result<Option<(Option<i64>, String)>> {
    Ok(conn
        .query_row(
            "SELECT o.remote_order_id, a.endpoint FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.id = ?1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::months_in;

    #[test]
    fn periods_count_months() {
        assert_eq!(months_in("P1M"), 1);
        assert_eq!(months_in("P3M"), 3);
        assert_eq!(months_in("P1Y"), 12);
        assert_eq!(months_in("P2Y"), 24);
        assert_eq!(months_in("nonsense"), 1);
        assert_eq!(months_in("P0M"), 1);
    }
}

/// An order not yet delivered, with the group it is for (none: a new group).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenOrder {
    pub id: i64,
    pub account_label: String,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub licence_type: LicenceType,
    pub quantity: u32,
    pub renewal_period: String,
    pub state: OrderState,
    pub payment_url: Option<String>,
    pub created_at: String,
    /// An order of the demo account: paid from the window, on the simulator.
    pub is_demo: bool,
}

/// Every order not yet delivered, cancelled or failed, newest first.
pub fn list_open(conn: &Connection) -> Result<Vec<OpenOrder>> {
    let sql = format!(
        "SELECT o.id, a.label, o.group_id, g.display_name, o.licence_type, o.quantity, o.renewal_period, o.state,
                o.payment_url, o.created_at, a.endpoint = 'demo'
         FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN licence_groups g ON g.id = o.group_id
         WHERE o.state IN ({})
         ORDER BY o.id DESC",
        OrderState::open_sql()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(OpenOrder {
            id: r.get(0)?,
            account_label: r.get(1)?,
            group_id: r.get(2)?,
            group_name: r.get(3)?,
            licence_type: licence_type_from_sql(r.get(4)?, 4)?,
            quantity: r.get(5)?,
            renewal_period: r.get(6)?,
            state: order_state_from_sql(r.get(7)?, 7)?,
            payment_url: r.get(8)?,
            created_at: r.get(9)?,
            is_demo: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
