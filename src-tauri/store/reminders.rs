//! Reminders, each event once: worked out from the store after every sync and at start
//! (so a date that passed while the app was closed still reminds, once), remembered by
//! a key, listed in the window, sent as an OS notification when the user allows it,
//! until dismissed.
//!
//! The events: a renewal within the chosen days that needs the user (the group stops,
//! must be renewed by hand, or bills a whole year — a monthly automatic renewal is not
//! news), a commitment ending within them, a group with fewer free licences than its
//! threshold (again each time the count drops), an order delivered or cancelled
//! recently, a change that failed or waits for the user, a prepaid group whose
//! agreement is unsigned.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};
use ts_rs::TS;

use crate::domain::{
    GroupFamily, REMINDER_DAYS_DEFAULT, ReminderFacts, ReminderKind, Renewal, RenewalMode, check_free_seats_alert,
    check_reminder_days, reminder_text,
};
use crate::error::{Entity, Error, Result};
use crate::i18n::Lang;

/// A reminder as the window lists it, said in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: i64,
    pub kind: ReminderKind,
    pub group_id: Option<i64>,
    pub title: String,
    pub body: String,
    /// The day it is about, if it is about one (`YYYY-MM-DD`).
    pub due_on: Option<String>,
    pub created_at: String,
    /// Shown as an OS notification.
    pub notified: bool,
}

/// What the user chose about reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettings {
    /// Send OS notifications (the list in the window is always there).
    pub notify: bool,
    /// How many days before a renewal or a commitment's end.
    pub days_before: u32,
}

const NOTIFY: &str = "reminders.notify";
const DAYS: &str = "reminders.daysBefore";
/// Orders delivered or cancelled longer ago than this are not news.
const ORDER_NEWS: Duration = Duration::days(7);

fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub fn settings(conn: &Connection) -> Result<ReminderSettings> {
    Ok(ReminderSettings {
        notify: setting(conn, NOTIFY)?.is_some_and(|v| v == "on"),
        days_before: setting(conn, DAYS)?.and_then(|v| v.parse().ok()).unwrap_or(REMINDER_DAYS_DEFAULT),
    })
}

pub fn set_settings(conn: &Connection, s: &ReminderSettings) -> Result<()> {
    let days = check_reminder_days(f64::from(s.days_before))?;
    set_setting(conn, NOTIFY, if s.notify { "on" } else { "off" })?;
    set_setting(conn, DAYS, &days.to_string())
}

/// Sets (or, with `None`, clears) a group's free-licences threshold.
pub fn set_free_seats_alert(tx: &Transaction, group_id: i64, threshold: Option<f64>) -> Result<()> {
    let threshold = threshold.map(check_free_seats_alert).transpose()?;
    let changed =
        tx.execute("UPDATE licence_groups SET free_seats_alert = ?2 WHERE id = ?1", params![group_id, threshold])?;
    if changed == 0 {
        return Err(Error::NotFound { what: Entity::Group, id: group_id.to_string() });
    }
    Ok(())
}

/// One event found, not yet known.
struct Event {
    key: String,
    kind: ReminderKind,
    account_id: Option<i64>,
    group_id: Option<i64>,
    facts: ReminderFacts,
    due_on: Option<String>,
}

fn parse_day(value: &str) -> Option<Date> {
    Date::parse(value, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

fn events(conn: &Connection, today: Date, days: u32) -> Result<Vec<Event>> {
    let horizon = today + Duration::days(i64::from(days));
    let mut out = Vec::new();
    let mut groups = conn.prepare_cached(
        "SELECT g.id, g.account_id, g.display_name, g.family, g.renewal, g.mca_agreed, g.free_seats_alert,
                (SELECT count(*) FROM licences l WHERE l.group_id = g.id AND l.is_empty_slot = 1)
         FROM licence_groups g",
    )?;
    let rows = groups.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, bool>(5)?,
            r.get::<_, Option<u32>>(6)?,
            r.get::<_, u32>(7)?,
        ))
    })?;
    for row in rows {
        let (id, account, name, family, renewal, mca_agreed, alert, free) = row?;
        let group = Some(name.clone());
        let renewal: Option<Renewal> = renewal.and_then(|j| serde_json::from_str(&j).ok());
        if let Some(r) = &renewal {
            let needs_user = r.mode != RenewalMode::Automatic || r.period_months >= 12;
            if let Some(date) = r.expires_on.as_deref().filter(|d| parse_day(d).is_some_and(|d| d <= horizon))
                && needs_user
            {
                out.push(Event {
                    key: format!("renewal:{id}:{date}:{}", r.mode.as_str()),
                    kind: ReminderKind::RenewalSoon,
                    account_id: Some(account),
                    group_id: Some(id),
                    facts: ReminderFacts {
                        group: group.clone(),
                        date: Some(date.to_string()),
                        mode: Some(r.mode),
                        period_months: Some(r.period_months),
                        ..ReminderFacts::default()
                    },
                    due_on: Some(date.to_string()),
                });
            }
            if let Some(date) = r.engaged_up_to.as_deref().filter(|d| parse_day(d).is_some_and(|d| d <= horizon)) {
                out.push(Event {
                    key: format!("commitment:{id}:{date}"),
                    kind: ReminderKind::CommitmentEnds,
                    account_id: Some(account),
                    group_id: Some(id),
                    facts: ReminderFacts { group: group.clone(), date: Some(date.to_string()), ..Default::default() },
                    due_on: Some(date.to_string()),
                });
            }
        }
        if let Some(threshold) = alert
            && free < threshold
        {
            out.push(Event {
                key: format!("seats:{id}:{free}"),
                kind: ReminderKind::FreeSeatsLow,
                account_id: Some(account),
                group_id: Some(id),
                facts: ReminderFacts {
                    group: group.clone(),
                    free: Some(free),
                    threshold: Some(threshold),
                    ..Default::default()
                },
                due_on: None,
            });
        }
        if !mca_agreed && GroupFamily::from_wire(&family) == Some(GroupFamily::Prepaid) {
            out.push(Event {
                key: format!("agreement:{id}"),
                kind: ReminderKind::AgreementUnsigned,
                account_id: Some(account),
                group_id: Some(id),
                facts: ReminderFacts { group, ..Default::default() },
                due_on: None,
            });
        }
    }
    let since = crate::store::timestamp((today - ORDER_NEWS).midnight().assume_utc());
    let mut orders = conn.prepare_cached(
        "SELECT o.id, o.account_id, o.group_id, o.state, o.quantity, coalesce(g.display_name, a.label)
         FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN licence_groups g ON g.id = o.group_id
         WHERE o.state IN ('delivered', 'cancelled') AND o.updated_at >= ?1",
    )?;
    for row in orders.query_map([since], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, String>(5)?,
        ))
    })? {
        let (id, account, group_id, state, quantity, name) = row?;
        let kind = if state == "delivered" { ReminderKind::OrderDelivered } else { ReminderKind::OrderCancelled };
        out.push(Event {
            key: format!("order:{id}:{state}"),
            kind,
            account_id: Some(account),
            group_id,
            facts: ReminderFacts { group: Some(name), quantity: Some(quantity), ..Default::default() },
            due_on: None,
        });
    }
    let mut failed = conn.prepare_cached(
        "SELECT p.id, p.account_id, p.group_id, p.kind, p.state, p.last_error, coalesce(g.display_name, a.label),
                coalesce(nullif(trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.activation_email)
         FROM pending_changes p JOIN accounts a ON a.id = p.account_id
         LEFT JOIN licence_groups g ON g.id = p.group_id
         LEFT JOIN licences l ON l.id = p.licence_id
         WHERE p.state = 'parked' OR (p.state = 'failed' AND p.acknowledged_at IS NULL)",
    )?;
    for row in failed.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })? {
        let (id, account, group_id, kind, state, reason, name, subject) = row?;
        out.push(Event {
            key: format!("change:{id}:{state}"),
            kind: ReminderKind::ChangeFailed,
            account_id: Some(account),
            group_id,
            facts: ReminderFacts { group: Some(name), change: Some(kind), subject, reason, ..Default::default() },
            due_on: None,
        });
    }
    Ok(out)
}

/// The kinds that stop being true (an agreement signed, a change retried, a renewal
/// turned back on): their reminder goes away by itself. An order's news stays until
/// dismissed.
const RESOLVED_BY_ITSELF: &str = "'renewalSoon', 'commitmentEnds', 'freeSeatsLow', 'changeFailed', 'agreementUnsigned'";

/// Records the events not known yet, and puts away the reminders whose event no longer
/// holds; answers the ids of the new reminders.
pub fn refresh(tx: &Transaction, today: Date, at: &str) -> Result<Vec<i64>> {
    let days = settings(tx)?.days_before;
    let events = events(tx, today, days)?;
    let current: std::collections::HashSet<&str> = events.iter().map(|e| e.key.as_str()).collect();
    let open: Vec<(i64, String)> = tx
        .prepare_cached(&format!(
            "SELECT id, key FROM reminders WHERE dismissed_at IS NULL AND kind IN ({RESOLVED_BY_ITSELF})"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, key) in open {
        if !current.contains(key.as_str()) {
            tx.execute("UPDATE reminders SET dismissed_at = ?2 WHERE id = ?1", params![id, at])?;
        }
    }
    let mut new = Vec::new();
    for e in events {
        let details = serde_json::to_string(&e.facts).map_err(|err| Error::Internal(err.to_string()))?;
        let inserted = tx.execute(
            "INSERT INTO reminders (key, kind, account_id, group_id, details, due_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (key) DO NOTHING",
            params![e.key, e.kind.as_str(), e.account_id, e.group_id, details, e.due_on, at],
        )?;
        if inserted == 1 {
            new.push(tx.last_insert_rowid());
        }
    }
    Ok(new)
}

fn row(r: &rusqlite::Row, lang: Lang) -> rusqlite::Result<Reminder> {
    let kind: String = r.get(1)?;
    let kind = ReminderKind::parse(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, format!("reminder {kind}").into())
    })?;
    let details: String = r.get(3)?;
    let mut facts: ReminderFacts = serde_json::from_str(&details).unwrap_or_default();
    // A change's reason is stored typed: worded now, in the reader's language.
    facts.reason = facts.reason.map(|r| {
        use crate::i18n::Localize;
        super::changes::ChangeError::decode(&r).localize(lang)
    });
    let (title, body) = reminder_text(kind, &facts, lang);
    Ok(Reminder {
        id: r.get(0)?,
        kind,
        group_id: r.get(2)?,
        title,
        body,
        due_on: r.get(4)?,
        created_at: r.get(5)?,
        notified: r.get::<_, Option<String>>(6)?.is_some(),
    })
}

const SELECT: &str = "SELECT id, kind, group_id, details, due_on, created_at, notified_at FROM reminders";

/// The reminders not dismissed, newest first.
pub fn list(conn: &Connection, lang: Lang) -> Result<Vec<Reminder>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE dismissed_at IS NULL ORDER BY id DESC"))?;
    let rows = stmt.query_map([], |r| row(r, lang))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reminders by id (for the notifications of those just found).
pub fn by_ids(conn: &Connection, ids: &[i64], lang: Lang) -> Result<Vec<Reminder>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    for id in ids {
        if let Some(r) = stmt.query_row([id], |r| row(r, lang)).optional()? {
            out.push(r);
        }
    }
    Ok(out)
}

pub fn mark_notified(tx: &Transaction, ids: &[i64], at: &str) -> Result<()> {
    for id in ids {
        tx.execute("UPDATE reminders SET notified_at = ?2 WHERE id = ?1 AND notified_at IS NULL", params![id, at])?;
    }
    Ok(())
}

pub fn dismiss(tx: &Transaction, id: i64, at: &str) -> Result<()> {
    let changed = tx.execute("UPDATE reminders SET dismissed_at = ?2 WHERE id = ?1", params![id, at])?;
    if changed == 0 {
        return Err(Error::NotFound { what: Entity::Reminder, id: id.to_string() });
    }
    Ok(())
}
