//! Importing a CSV of users onto a group: a preview that queues nothing, then the
//! same checks again and every accepted row activated in one transaction.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::licences;
use crate::csv_io::{FileProblem, ImportRow, ParsedRow, parse_users};
use crate::domain::{GroupFamily, LicenceType, RuleError, activation_email};
use crate::error::{Entity, Error, Result};
use crate::i18n::{Lang, Localize};

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    pub accepted: u32,
    pub refused: u32,
    /// Empty slots the accepted rows will take (prepaid groups); `None` for
    /// pay-as-you-go groups, where users are added directly.
    pub free_slots: Option<u32>,
}

struct GroupInfo {
    family: GroupFamily,
    domain: String,
    offer: LicenceType,
}

fn group_info(conn: &Connection, group_id: i64) -> Result<GroupInfo> {
    conn.query_row(
        "SELECT family, coalesce(domain, service_name), offer FROM licence_groups WHERE id = ?1",
        [group_id],
        |r| {
            let family: String = r.get(0)?;
            let offer: String = r.get(2)?;
            Ok(GroupInfo {
                family: GroupFamily::from_wire(&family).unwrap_or(GroupFamily::Prepaid),
                domain: r.get(1)?,
                offer: LicenceType::from_wire(&offer).unwrap_or(LicenceType::OfficeBusiness),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Group, id: group_id.to_string() })
}

/// Empty slots with no change waiting, oldest first.
fn free_slots(conn: &Connection, group_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM licences l WHERE group_id = ?1 AND is_empty_slot = 1 AND NOT EXISTS
             (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id AND p.state <> 'done')
         ORDER BY id",
    )?;
    let rows = stmt.query_map([group_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks each row against the group: rule problems, e-mails already used in the
/// group or twice in the file, and room for them all.
/// A file checked against its group: the group, the rows read, what the preview shows,
/// and the empty slots the accepted rows go to.
type Checked = (GroupInfo, Vec<ParsedRow>, Vec<ImportRow>, Vec<i64>);

fn check(conn: &Connection, group_id: i64, bytes: &[u8], lang: Lang) -> Result<Checked> {
    let group = group_info(conn, group_id)?;
    let parsed = parse_users(bytes, "FR").map_err(Error::File)?;
    let mut used: HashSet<String> = {
        let mut stmt = conn.prepare_cached(
            "SELECT lower(activation_email) FROM licences WHERE group_id = ?1 AND is_empty_slot = 0 AND activation_email IS NOT NULL",
        )?;
        let rows = stmt.query_map([group_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut rows = Vec::with_capacity(parsed.len());
    for row in &parsed {
        let mut problems: Vec<String> = row.problems.iter().map(|p: &RuleError| p.localize(lang)).collect();
        if row.problems.is_empty() {
            let email = activation_email(&row.input.login, &group.domain);
            if !used.insert(email.to_lowercase()) {
                problems.push(match lang {
                    Lang::En => format!("{email} is already used in this group or earlier in the file."),
                    Lang::Fr => format!("{email} est déjà utilisé dans ce groupe ou plus haut dans le fichier."),
                });
            }
        }
        rows.push(ImportRow {
            line: row.line,
            first_name: row.input.first_name.clone(),
            last_name: row.input.last_name.clone(),
            login: row.input.login.clone(),
            usage_location: row.input.usage_location.clone(),
            problems,
        });
    }
    let accepted = rows.iter().filter(|r| r.problems.is_empty()).count();
    let slots = match group.family {
        GroupFamily::Prepaid => {
            let slots = free_slots(conn, group_id)?;
            if accepted > slots.len() {
                return Err(Error::File(FileProblem::NotEnoughSlots { rows: accepted, free: slots.len() }));
            }
            slots
        }
        GroupFamily::PayAsYouGo => Vec::new(),
    };
    Ok((group, parsed, rows, slots))
}

pub fn preview(conn: &Connection, group_id: i64, bytes: &[u8], lang: Lang) -> Result<ImportPreview> {
    let (group, _, rows, slots) = check(conn, group_id, bytes, lang)?;
    let accepted = rows.iter().filter(|r| r.problems.is_empty()).count() as u32;
    Ok(ImportPreview {
        refused: rows.len() as u32 - accepted,
        accepted,
        free_slots: (group.family == GroupFamily::Prepaid).then_some(slots.len() as u32),
        rows,
    })
}

pub fn apply(tx: &Transaction, group_id: i64, bytes: &[u8], lang: Lang, at: &str) -> Result<u32> {
    let (group, parsed, rows, slots) = check(tx, group_id, bytes, lang)?;
    let mut slots = slots.into_iter();
    let mut queued = 0;
    for (row, checked) in parsed.iter().zip(&rows) {
        if !checked.problems.is_empty() {
            continue;
        }
        match group.family {
            GroupFamily::Prepaid => {
                let slot = slots.next().ok_or_else(|| Error::Internal("slot count changed".into()))?;
                licences::activate(tx, slot, &row.input, at)?;
            }
            GroupFamily::PayAsYouGo => {
                licences::add_user(tx, group_id, &row.input, group.offer, at)?;
            }
        }
        queued += 1;
    }
    Ok(queued)
}
