//! OVHcloud's daily usage statistics of a group, for the Usage tab's chart.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};
use ts_rs::TS;

use super::day;
use super::groups::licence_type_from_sql;
use crate::domain::LicenceType;
use crate::error::Result;

/// The periods the Usage tab offers, as OVHcloud's panel does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum UsagePeriod {
    CurrentMonth,
    LastMonth,
    Last3Months,
    Last12Months,
}

/// Licences in use at the end of one day, per type.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsagePoint {
    pub day: String,
    pub licence_type: LicenceType,
    pub end_of_day: u32,
    pub peak: u32,
}

/// The usage of a period, with its bounds (inclusive).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsageSeries {
    pub from: String,
    pub to: String,
    pub points: Vec<UsagePoint>,
}

fn first_of_month(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

fn months_back(date: Date, months: i32) -> Date {
    let total = date.year() * 12 + (u8::from(date.month()) as i32 - 1) - months;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    Date::from_calendar_date(year, Month::try_from(month as u8).unwrap_or(Month::January), 1).unwrap_or(date)
}

/// The first and last day of `period`, seen from `today`.
pub fn bounds(period: UsagePeriod, today: Date) -> (Date, Date) {
    let this_month = first_of_month(today);
    match period {
        UsagePeriod::CurrentMonth => (this_month, today),
        UsagePeriod::LastMonth => (months_back(today, 1), this_month - Duration::days(1)),
        UsagePeriod::Last3Months => (months_back(today, 3), today),
        UsagePeriod::Last12Months => (months_back(today, 12), today),
    }
}

pub fn series(conn: &Connection, group_id: i64, period: UsagePeriod, today: Date) -> Result<UsageSeries> {
    let (from, to) = bounds(period, today);
    let mut stmt = conn.prepare_cached(
        "SELECT day, licence_type, end_of_day, peak FROM usage_stats
         WHERE group_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day, licence_type",
    )?;
    let points = stmt
        .query_map(params![group_id, day(from), day(to)], |r| {
            Ok(UsagePoint {
                day: r.get(0)?,
                licence_type: licence_type_from_sql(r.get(1)?, 1)?,
                end_of_day: r.get(2)?,
                peak: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(UsageSeries { from: day(from), to: day(to), points })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods_are_calendar_months() {
        let today = date!(2026 - 03 - 15);
        assert_eq!(bounds(UsagePeriod::CurrentMonth, today), (date!(2026 - 03 - 01), today));
        assert_eq!(bounds(UsagePeriod::LastMonth, today), (date!(2026 - 02 - 01), date!(2026 - 02 - 28)));
        assert_eq!(bounds(UsagePeriod::Last3Months, today), (date!(2025 - 12 - 01), today));
        assert_eq!(bounds(UsagePeriod::Last12Months, today), (date!(2025 - 03 - 01), today));
        assert_eq!(
            bounds(UsagePeriod::LastMonth, date!(2026 - 01 - 10)),
            (date!(2025 - 12 - 01), date!(2025 - 12 - 31))
        );
    }
}
