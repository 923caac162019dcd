//! The sample data behind "Explore with sample data": a realistic account a new user
//! can try everything on. It all hangs off one account marked `is_sample`, so it is
//! removed in one action (the foreign keys cascade) and never mixed with real data.
//!
//! Every tile of a group's page has something to show, for both families, in the shape
//! a sync writes it: how each group renews (the prepaid one yearly, its renewal and the
//! end of its commitment coming within the reminders' notice, so the reminders have
//! something to say), the prepaid group's free-licences threshold (crossed), an order
//! waiting for payment, and the pay-as-you-go group's domains with their TXT records.

use rusqlite::{Transaction, params};
use serde::Serialize;
use time::{Date, Duration, OffsetDateTime};
use ts_rs::TS;

use super::history::{self, NewEntry, Origin};
use super::{day, timestamp};
use crate::domain::{DeviceKind, LicenceType, MAX_INSTALLS_PER_KIND, Renewal, RenewalMode, activation_email};
use crate::error::{Error, Precondition, Result};

const ACCOUNT_LABEL: &str = "Sample data";
const PREPAID_TENANT: &str = "office4417.o365.ovh.com";
const PAYG_TENANT: &str = "office7421.o365.ovh.com";
const BUSINESS_PLAN: &str = "microsoft-365-apps-for-business-pp-nce";
const ENTERPRISE_PLAN: &str = "microsoft-365-apps-for-enterprise-pp-nce";

const FIRST_NAMES: &[&str] = &[
    "Camille", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Jules", "Inès", "Gabriel", "Zoé", "Arthur", "Jade",
    "Nathan", "Louise", "Raphaël", "Emma", "Tom", "Alice", "Noah", "Sarah", "Éric", "Margaux", "Théo", "Anaïs", "Paul",
    "Julie", "Maxime", "Clara", "Antoine", "Nour", "Mehdi",
];
const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "N'Diaye",
    "O'Neill",
];

/// How much sample data to make. The default is what a new user sees; benchmarks
/// grow the pay-as-you-go group to put 10,000 licences in the database.
#[derive(Debug, Clone, Copy)]
pub struct SampleSize {
    pub payg_users: usize,
}

impl Default for SampleSize {
    fn default() -> Self {
        SampleSize { payg_users: 12 }
    }
}

/// What loading the sample made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SampleReport {
    pub groups: u32,
    pub licences: u32,
    pub installs: u32,
}

/// A small deterministic generator, so the sample is the same on every machine.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

fn ascii_login(first: &str, last: &str, n: usize) -> String {
    let fold = |s: &str| -> String {
        s.chars()
            .filter_map(|c| match c {
                'é' | 'è' | 'ê' | 'É' => Some('e'),
                'ë' => Some('e'),
                'à' | 'â' => Some('a'),
                'ï' | 'î' => Some('i'),
                'ç' => Some('c'),
                'ô' => Some('o'),
                c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect()
    };
    let mut login = format!("{}.{}", fold(first), fold(last));
    if n > 0 {
        login.push_str(&n.to_string());
    }
    login.truncate(20);
    login.trim_end_matches('.').to_string()
}

struct Ctx<'a> {
    tx: &'a Transaction<'a>,
    account_id: i64,
    now: OffsetDateTime,
    at: String,
    rng: Lcg,
    report: SampleReport,
}

impl Ctx<'_> {
    fn log(&self, group_id: i64, licence_id: Option<i64>, kind: &str, details: serde_json::Value) -> Result<()> {
        history::record(
            self.tx,
            NewEntry {
                at: &self.at,
                account_id: self.account_id,
                group_id: Some(group_id),
                licence_id,
                origin: Origin::Sample,
                kind,
                details,
            },
        )?;
        Ok(())
    }

    /// Inserts a group as a sync writes it: its details, and how it renews as its
    /// `serviceInfos` say (a prepaid group's next payment is its renewal).
    fn group(
        &mut self,
        family: &str,
        service_name: &str,
        display_name: &str,
        offer: LicenceType,
        created: Date,
        renewal: &Renewal,
    ) -> Result<i64> {
        let next_payment = (family == "prepaid").then(|| renewal.expires_on.clone()).flatten();
        let period =
            if renewal.period_months == 12 { "P1Y".to_string() } else { format!("P{}M", renewal.period_months) };
        let renewal_json = serde_json::to_string(renewal).map_err(|e| Error::Internal(e.to_string()))?;
        self.tx.execute(
            "INSERT INTO licence_groups (account_id, family, service_name, display_name, offer, status,
                 domain, created_on, next_payment_on, renewal_period, mca_agreed, synced_at, renewal)
             VALUES (?1, ?2, ?3, ?4, ?5, 'ok', ?6, ?7, ?8, ?9, 1, ?10, ?11)",
            params![
                self.account_id,
                family,
                service_name,
                display_name,
                offer.wire_name(),
                service_name,
                day(created),
                next_payment,
                period,
                self.at,
                renewal_json
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.report.groups += 1;
        self.log(id, None, "groupCreated", serde_json::json!({ "displayName": display_name }))?;
        Ok(id)
    }

    /// A pay-as-you-go group's domain, as a sync stores it: OVHcloud's state and the
    /// TXT record it gives for it (`MS=ms` and eight digits, Microsoft's proof).
    fn domain(&self, group_id: i64, name: &str, verified: bool) -> Result<()> {
        // Eight digits of the name, so the sample is the same everywhere.
        let proof = name.bytes().fold(2_166_136_261_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619));
        let txt = format!("MS=ms{:08}", proof % 100_000_000);
        self.tx.execute(
            "INSERT INTO group_domains (group_id, name, status, txt_entry) VALUES (?1, ?2, ?3, ?4)",
            params![group_id, name, if verified { "ok" } else { "unverified" }, txt],
        )?;
        Ok(())
    }

    /// Inserts a licence user (or, with `name` None, an empty slot).
    fn licence(
        &mut self,
        group_id: i64,
        remote_id: &str,
        licence_type: LicenceType,
        state: &str,
        user: Option<(&str, &str, &str)>,
        email: &str,
    ) -> Result<i64> {
        let (first, last, login) = match user {
            Some((f, l, login)) => (Some(f), Some(l), Some(login)),
            None => (None, None, None),
        };
        let pending_task = (state == "creating").then_some(581_553_i64);
        self.tx
            .prepare_cached(
                "INSERT INTO licences (group_id, remote_id, licence_type, state, is_empty_slot, first_name,
                     last_name, login, activation_email, usage_location, pending_task_id, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'FR', ?10, ?11)",
            )?
            .execute(params![
                group_id,
                remote_id,
                licence_type.wire_name(),
                state,
                user.is_none(),
                first,
                last,
                login,
                email,
                pending_task,
                self.at
            ])?;
        self.report.licences += 1;
        Ok(self.tx.last_insert_rowid())
    }

    fn installs(&mut self, licence_id: i64, first: &str, kind: DeviceKind, count: u32) -> Result<()> {
        let label = match kind {
            DeviceKind::Computer => ["PC bureau", "MacBook", "PC portable", "iMac", "PC atelier"],
            DeviceKind::Tablet => ["iPad", "Galaxy Tab", "Surface Go", "iPad mini", "Tab S9"],
            DeviceKind::Phone => ["iPhone", "Pixel", "Galaxy S24", "Fairphone", "Xperia"],
        };
        for name in label.iter().take(count.min(MAX_INSTALLS_PER_KIND) as usize) {
            let installed = self.now.date() - Duration::days(20 + self.rng.next(300) as i64);
            self.tx
                .prepare_cached(
                    "INSERT INTO installs (licence_id, kind, device_name, installed_on) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![licence_id, kind.as_str(), format!("{name} ({first})"), day(installed)])?;
            self.report.installs += 1;
        }
        Ok(())
    }

    fn usage(&mut self, group_id: i64, licence_type: LicenceType, from: u32, to: u32) -> Result<()> {
        let days = 365;
        for d in 0..=days {
            let date = self.now.date() - Duration::days(days - d);
            let count = from + ((to - from) as i64 * d / days) as u32;
            let peak = count + u32::from(self.rng.next(10) == 0);
            self.tx
                .prepare_cached(
                    "INSERT INTO usage_stats (group_id, day, licence_type, end_of_day, peak)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![group_id, day(date), licence_type.wire_name(), count, peak])?;
        }
        Ok(())
    }
}

/// Fills the database with the sample account. Refused if it is already there.
pub fn load(tx: &Transaction, now: OffsetDateTime, size: SampleSize) -> Result<SampleReport> {
    let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM accounts WHERE is_sample = 1)", [], |r| r.get(0))?;
    if exists {
        return Err(Error::Precondition(Precondition::SampleAlreadyLoaded));
    }
    let at = timestamp(now);
    tx.execute(
        "INSERT INTO accounts (label, endpoint, application_key, nic, is_sample, created_at)
         VALUES (?1, 'ovh-eu', 'sample', 'xx1234-ovh', 1, ?2)",
        params![ACCOUNT_LABEL, at],
    )?;
    let account_id = tx.last_insert_rowid();
    for (plan, licence_type, p1m, p1y) in [
        (BUSINESS_PLAN, LicenceType::OfficeBusiness, 1_030_000_000_i64, 990_000_000_i64),
        (ENTERPRISE_PLAN, LicenceType::OfficeProPlus, 1_240_000_000, 1_190_000_000),
    ] {
        for (period, ucents) in [("P1M", p1m), ("P1Y", p1y)] {
            tx.execute(
                "INSERT INTO prices (account_id, plan_code, licence_type, renewal_period, price_ucents, currency)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'EUR')",
                params![account_id, plan, licence_type.wire_name(), period, ucents],
            )?;
        }
    }
    let mut ctx = Ctx {
        tx,
        account_id,
        now,
        at,
        rng: Lcg(0x5EA7_CEE9),
        report: SampleReport { groups: 0, licences: 0, installs: 0 },
    };
    let today = now.date();

    // A prepaid Apps for business group: 30 licences, 22 with a user, 8 empty slots.
    // Its licences renew automatically every year, in ten days: a year is billed then,
    // and the year's commitment ends, which the reminders say (within their default
    // notice of two weeks).
    let renews_on = today + Duration::days(10);
    let prepaid_renewal = Renewal {
        mode: RenewalMode::Automatic,
        period_months: 12,
        possible_periods: vec![1, 12],
        expires_on: Some(day(renews_on)),
        engaged_up_to: Some(day(renews_on)),
        can_stop_at_expiration: true,
    };
    let prepaid = ctx.group(
        "prepaid",
        PREPAID_TENANT,
        "Boulangerie Lefèvre",
        LicenceType::OfficeBusiness,
        renews_on - Duration::days(2 * 365),
        &prepaid_renewal,
    )?;
    // Remind when fewer than ten licences are free (eight are).
    tx.execute("UPDATE licence_groups SET free_seats_alert = 10 WHERE id = ?1", [prepaid])?;
    for n in 0..30 {
        let remote_id = format!("{PREPAID_TENANT}-{}", 2201 + n);
        if n < 22 {
            let first = FIRST_NAMES[n % FIRST_NAMES.len()];
            let last = LAST_NAMES[(n * 7) % LAST_NAMES.len()];
            let login = ascii_login(first, last, 0);
            let state = match n {
                20 => "creating",
                21 => "suspended",
                _ => "ok",
            };
            let email = activation_email(&login, PREPAID_TENANT);
            let id = ctx.licence(
                prepaid,
                &remote_id,
                LicenceType::OfficeBusiness,
                state,
                Some((first, last, &login)),
                &email,
            )?;
            ctx.log(
                prepaid,
                Some(id),
                "licenceActivated",
                serde_json::json!({ "firstName": first, "lastName": last, "activationEmail": email }),
            )?;
            // Most users have a laptop and a phone; a few a tablet; one uses all five computers; some none yet.
            if n % 6 != 5 && state == "ok" {
                let computers = if n == 0 { 5 } else { 1 + (n % 3) as u32 };
                ctx.installs(id, first, DeviceKind::Computer, computers)?;
                ctx.installs(id, first, DeviceKind::Phone, 1 + u32::from(n % 4 == 0))?;
                if n % 3 == 0 {
                    ctx.installs(id, first, DeviceKind::Tablet, 1)?;
                }
            }
        } else {
            let email = format!("{}@{PREPAID_TENANT}", 2201 + n);
            ctx.licence(prepaid, &remote_id, LicenceType::OfficeBusiness, "ok", None, &email)?;
        }
    }
    ctx.usage(prepaid, LicenceType::OfficeBusiness, 18, 30)?;

    // Five more licences ordered for it, waiting for payment.
    let created_at = timestamp(now - Duration::days(1));
    tx.execute(
        "INSERT INTO orders (account_id, group_id, licence_type, renewal_period, quantity, state,
             remote_order_id, payment_url, created_at, updated_at)
         VALUES (?1, ?2, 'officeBusiness', 'P1M', 5, 'awaitingPayment', 212834177,
             'https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=212834177', ?3, ?3)",
        params![account_id, prepaid, created_at],
    )?;
    ctx.log(prepaid, None, "orderPlaced", serde_json::json!({ "licenceType": "officeBusiness", "quantity": 5 }))?;

    // A pay-as-you-go Apps for enterprise group, billed monthly, renewing by itself
    // (not news: no reminder). Its logins use OVHcloud's domain; the firm's own is
    // verified, a second one waits for its TXT record at the DNS.
    let created = today - Duration::days(700);
    let payg_renewal = Renewal {
        mode: RenewalMode::Automatic,
        period_months: 1,
        possible_periods: vec![1],
        expires_on: Some(day(next_monthly(created, today))),
        engaged_up_to: None,
        can_stop_at_expiration: true,
    };
    let payg = ctx.group(
        "payAsYouGo",
        PAYG_TENANT,
        "Cabinet Martin & Associés",
        LicenceType::OfficeProPlus,
        created,
        &payg_renewal,
    )?;
    ctx.domain(payg, PAYG_TENANT, true)?;
    ctx.domain(payg, "cabinet-martin.fr", true)?;
    ctx.domain(payg, "martin-associes.fr", false)?;
    for n in 0..size.payg_users {
        let first = FIRST_NAMES[(n * 5 + 3) % FIRST_NAMES.len()];
        let last = LAST_NAMES[(n * 11 + 1) % LAST_NAMES.len()];
        let repeat = n / LAST_NAMES.len();
        let login = ascii_login(first, last, repeat);
        let email = activation_email(&login, PAYG_TENANT);
        let id = ctx.licence(payg, &email, LicenceType::OfficeProPlus, "ok", Some((first, last, &login)), &email)?;
        if n < 40 {
            ctx.log(
                payg,
                Some(id),
                "licenceActivated",
                serde_json::json!({ "firstName": first, "lastName": last, "activationEmail": email }),
            )?;
        }
        if n % 4 != 3 {
            ctx.installs(id, first, DeviceKind::Computer, 1 + (n % 2) as u32)?;
            ctx.installs(id, first, DeviceKind::Phone, 1)?;
        }
    }
    let users = size.payg_users as u32;
    ctx.usage(payg, LicenceType::OfficeProPlus, users.saturating_sub(4).max(1).min(users), users)?;
    Ok(ctx.report)
}

/// The first monthly anniversary of `created` after `today`.
fn next_monthly(created: Date, today: Date) -> Date {
    let mut next = created;
    while next <= today {
        let (year, month) = if next.month() == time::Month::December {
            (next.year() + 1, time::Month::January)
        } else {
            (next.year(), next.month().next())
        };
        let last = time::util::days_in_month(month, year);
        next = Date::from_calendar_date(year, month, created.day().min(last)).unwrap_or(next + Duration::days(30));
    }
    next
}

/// Removes the sample account and everything that hangs off it.
pub fn remove(tx: &Transaction) -> Result<()> {
    let removed = tx.execute("DELETE FROM accounts WHERE is_sample = 1", [])?;
    if removed == 0 {
        return Err(Error::Precondition(Precondition::NoSampleData));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_made_for_the_sample_follow_the_login_rule() {
        for (n, first) in FIRST_NAMES.iter().enumerate() {
            for last in LAST_NAMES {
                let login = ascii_login(first, last, n);
                assert_eq!(crate::domain::check_login(&login), Ok(()), "{login}");
            }
        }
    }
}
