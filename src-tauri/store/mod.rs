//! The local SQLite store: the one place SQL lives.
//!
//! Owns opening the database (WAL, `synchronous=NORMAL`, foreign keys, busy timeout),
//! the embedded migrations, and the reads and writes of each table. Every write goes
//! through [`Store::write`], one transaction that commits or rolls back whole, and
//! each user-visible change records its history row inside that same transaction.
//! Never stores a secret.

pub mod accounts;
pub mod backup;
pub mod changes;
mod groups;
mod history;
mod import;
mod installs;
mod licences;
pub mod lifecycle;
mod migrations;
pub mod orders;
pub mod reminders;
pub mod remote;
pub mod sample;
mod settings;
mod usage;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};
use time::OffsetDateTime;

use crate::domain::{AccountInput, DeviceKind, LicenceType, check_password, generate_password};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::secrets::{Secret, SecretKey, SecretStore};

/// How a new licence password is chosen.
pub enum PasswordRequest {
    /// Seatkeeper generates a strong one.
    Generate,
    /// The user typed their own.
    Own(Secret),
}

/// The outcome of a password change: its queued change, and the generated password
/// to show once (none when the user chose their own).
#[derive(Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordSet {
    pub change_id: i64,
    pub password: Option<String>,
}

impl std::fmt::Debug for PasswordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordSet").field("change_id", &self.change_id).field("password", &"<redacted>").finish()
    }
}

pub use accounts::AccountSummary;
pub use changes::{
    AccountChange, ChangeFilter, ChangeKind, ChangePayload, ChangeRow, ChangeState, GroupRename, OrderChange,
    PasswordChange, RenewalChange, Transition,
};
pub use groups::{Capacity, GroupOverview, GroupPart, GroupSummary, Money, OrderSummary, StalePart, TypeCounts};
pub use history::{HistoryEntry, HistoryFilter, Origin};
pub use import::ImportPreview;
pub use installs::{Install, UserInstalls};
pub use licences::{LicenceRow, Termination};
pub use lifecycle::GroupDomain;
pub use migrations::{LATEST_VERSION, MigrationReport};
pub use orders::{CatalogEntry, OpenOrder, OrderQuote, OrderRequest, months_in};
pub use reminders::{Reminder, ReminderSettings};
pub use settings::{BackupFailure, Theme};
pub use usage::{UsagePeriod, UsagePoint, UsageSeries};

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "seatkeeper.db";

/// The open local database. One connection behind a mutex: SQLite serialises writers
/// anyway, and every call here is short.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    migration: MigrationReport,
}

impl Store {
    /// Opens (creating if needed) `seatkeeper.db` in `data_dir` and brings its schema up
    /// to date. A database from a newer Seatkeeper is refused and left untouched; an
    /// existing older one is copied aside before it is migrated.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(format!("creating {}", data_dir.display()), e))?;
        Store::open(&data_dir.join(DB_FILE))
    }

    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        // Read the version before anything writes to the file (setting WAL does).
        migrations::refuse_newer(&conn)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        set_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let migration = migrations::migrate(&mut conn, path)?;
        Ok(Store { conn: Mutex::new(conn), path: path.to_path_buf(), migration })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What opening the database did to its schema.
    pub fn migration(&self) -> &MigrationReport {
        &self.migration
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held cannot leave a half-done change behind: the
        // transaction it had open rolled back when it was dropped.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs reads on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` in one immediate transaction: committed if it returns `Ok`, rolled back
    /// (nothing written) if it returns an error or panics.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        Store::transaction(&mut conn, f)
    }

    fn transaction<T>(conn: &mut Connection, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`write`](Self::write), but the commit reaches the disk before this returns
    /// (`synchronous=FULL` for this one transaction): what it records survives a power
    /// cut, not only a crash. For the mark that a request is about to leave.
    pub fn write_durable<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result = Store::transaction(&mut conn, f);
        let restored = conn.pragma_update(None, "synchronous", "NORMAL");
        let value = result?;
        restored?;
        Ok(value)
    }

    /// SQLite's count of commits made by *other* connections (another process, another
    /// window): when it moves, what the window shows may be stale.
    pub fn data_version(&self) -> Result<i64> {
        self.read(|conn| Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?))
    }
}

/// Switches to WAL. Leaving the rollback journal needs the database to itself, and
/// SQLite answers "locked" at once (without the busy handler) while another process
/// opens it at the same moment: try again for a few seconds.
fn set_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < Duration::from_secs(5) =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other.map_err(Into::into),
        }
    }
}

/// The password to set, and the one to show once when Seatkeeper generated it.
fn choose_password(request: PasswordRequest, login: &str) -> Result<(Secret, Option<String>)> {
    Ok(match request {
        PasswordRequest::Generate => {
            let p = generate_password(12, login).map_err(|e| Error::Internal(e.to_string()))?;
            (Secret::new(p.clone()), Some(p))
        }
        PasswordRequest::Own(p) => {
            check_password(p.expose(), login)?;
            (p, None)
        }
    })
}

/// The current instant as stored: RFC 3339 in UTC, to the second.
pub fn timestamp(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at);
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// A calendar day as stored: YYYY-MM-DD.
pub fn day(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_seconds() {
        let at = time::macros::datetime!(2026-11-23 23:04:05.678 +01:00);
        assert_eq!(timestamp(at), "2026-11-23T22:04:05Z");
        assert_eq!(day(time::macros::date!(2026 - 02 - 03)), "2026-02-03");
    }
}

/// What the window needs to know first: is there anything to show yet?
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// Connected OVHcloud accounts (the sample account not included).
    pub accounts: u32,
    pub has_sample_data: bool,
    pub groups: u32,
    pub database_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Where the pre-migration copy went, if this start migrated the database.
    pub migration_backup: Option<String>,
}

/// The operations the commands (and the tests) call: one method per user action.
impl Store {
    pub fn app_status(&self) -> Result<AppStatus> {
        self.read(|conn| {
            let (accounts, samples, groups): (u32, u32, u32) = conn.query_row(
                "SELECT (SELECT count(*) FROM accounts WHERE is_sample = 0),
                        (SELECT count(*) FROM accounts WHERE is_sample = 1),
                        (SELECT count(*) FROM licence_groups)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            Ok(AppStatus {
                accounts,
                has_sample_data: samples > 0,
                groups,
                database_path: self.path.display().to_string(),
                schema_version: self.migration.to_version,
                migration_backup: self.migration.backup.as_ref().map(|p| p.display().to_string()),
            })
        })
    }

    pub fn list_groups(&self) -> Result<Vec<GroupSummary>> {
        self.read(groups::list)
    }

    /// A group's Overview tab, what could not be read said in the language chosen in
    /// Settings (English if none): see [`Store::group_overview_in`].
    pub fn group_overview(&self, group_id: i64) -> Result<GroupOverview> {
        self.read(|conn| {
            let lang = settings::get_language(conn)?.unwrap_or_default();
            groups::overview(conn, group_id, lang)
        })
    }

    /// A group's Overview tab, what could not be read said in `lang`.
    pub fn group_overview_in(&self, group_id: i64, lang: Lang) -> Result<GroupOverview> {
        self.read(|conn| groups::overview(conn, group_id, lang))
    }

    /// How a group renews, as last read, or why it is not known (`renewal set` needs it).
    pub fn current_renewal(&self, group_id: i64) -> Result<crate::domain::Renewal> {
        self.read(|conn| lifecycle::current_renewal(conn, group_id))
    }

    pub fn rename_group(&self, group_id: i64, new_name: &str, now: time::OffsetDateTime) -> Result<GroupSummary> {
        let at = timestamp(now);
        self.write(|tx| groups::rename(tx, group_id, new_name, &at))
    }

    /// Has the group's details and usage read again at the next sync (the user opened it).
    pub fn refresh_group(&self, group_id: i64) -> Result<()> {
        self.write(|tx| {
            groups::summary(tx, group_id)?;
            remote::forget_read_marks(tx, group_id)
        })
    }

    pub fn list_licences(&self, group_id: i64) -> Result<Vec<LicenceRow>> {
        self.read(|conn| {
            groups::summary(conn, group_id)?;
            licences::list_for_group(conn, group_id)
        })
    }

    pub fn list_history(&self, group_id: i64, filter: &HistoryFilter, limit: u32) -> Result<Vec<HistoryEntry>> {
        self.read(|conn| {
            groups::summary(conn, group_id)?;
            history::list_for_group(conn, group_id, filter, limit)
        })
    }

    pub fn licence(&self, licence_id: i64) -> Result<LicenceRow> {
        self.read(|conn| licences::get(conn, licence_id))
    }

    /// Activates an empty prepaid slot for a user.
    pub fn activate_licence(&self, licence_id: i64, input: &AccountInput, now: OffsetDateTime) -> Result<LicenceRow> {
        let at = timestamp(now);
        self.write(|tx| {
            licences::activate(tx, licence_id, input, &at)?;
            licences::get(tx, licence_id)
        })
    }

    /// Adds a user to a pay-as-you-go group.
    pub fn add_user(
        &self,
        group_id: i64,
        input: &AccountInput,
        licence_type: LicenceType,
        now: OffsetDateTime,
    ) -> Result<LicenceRow> {
        let at = timestamp(now);
        self.write(|tx| {
            let (licence_id, _) = licences::add_user(tx, group_id, input, licence_type, &at)?;
            licences::get(tx, licence_id)
        })
    }

    pub fn edit_account(&self, licence_id: i64, input: &AccountInput, now: OffsetDateTime) -> Result<LicenceRow> {
        let at = timestamp(now);
        self.write(|tx| {
            licences::edit_account(tx, licence_id, input, &at)?;
            licences::get(tx, licence_id)
        })
    }

    /// Queues a new password for a licence user. The password goes to `secrets` (the
    /// keychain) inside the same transaction as the queued change, never to SQLite.
    /// A generated password is returned, to be shown once.
    pub fn change_password(
        &self,
        secrets: &dyn SecretStore,
        licence_id: i64,
        request: PasswordRequest,
        notify_email: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<PasswordSet> {
        let at = timestamp(now);
        self.write(|tx| {
            let (change_id, login) = licences::queue_password_change(tx, licence_id, notify_email, &at)?;
            let (password, shown) = choose_password(request, &login)?;
            secrets.set(SecretKey::LicencePassword { change_id }, &password)?;
            Ok(PasswordSet { change_id, password: shown })
        })
    }

    /// Frees licences (one, or several selected) in one transaction.
    pub fn free_licences(&self, licence_ids: &[i64], now: OffsetDateTime) -> Result<u32> {
        let at = timestamp(now);
        self.write(|tx| {
            for &id in licence_ids {
                licences::free(tx, id, &at)?;
            }
            Ok(licence_ids.len() as u32)
        })
    }

    /// The group's agreement and termination facts, for the steps made at OVHcloud at once.
    pub fn group_ref(&self, group_id: i64) -> Result<lifecycle::GroupRef> {
        self.read(|conn| lifecycle::group_ref(conn, group_id))
    }

    pub fn licence_ref(&self, licence_id: i64) -> Result<lifecycle::LicenceRef> {
        self.read(|conn| lifecycle::licence_ref(conn, licence_id))
    }

    /// Keeps the agreement page OVHcloud created for a group.
    pub fn record_attestation(&self, group_id: i64, link: &str, now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        self.write(|tx| lifecycle::record_attestation(tx, group_id, link, &at))
    }

    /// Queues the acceptance of a group's agreement, once signed.
    pub fn accept_agreement(&self, group_id: i64, now: OffsetDateTime) -> Result<i64> {
        let at = timestamp(now);
        self.write(|tx| lifecycle::queue_agreement(tx, group_id, &at))
    }

    /// What a renewal choice means, checked, without queuing it.
    pub fn plan_renewal(
        &self,
        group_id: i64,
        input: &crate::domain::RenewalInput,
        now: OffsetDateTime,
        lang: Lang,
    ) -> Result<lifecycle::RenewalPlan> {
        self.read(|conn| lifecycle::plan_renewal(conn, group_id, input, now.date(), lang))
    }

    /// Queues a group's new renewal.
    pub fn set_renewal(&self, group_id: i64, input: &crate::domain::RenewalInput, now: OffsetDateTime) -> Result<i64> {
        let at = timestamp(now);
        self.write(|tx| lifecycle::set_renewal(tx, group_id, input, now.date(), &at))
    }

    /// OVHcloud took a licence's termination request (and e-mailed its token).
    pub fn termination_requested(&self, licence_id: i64, now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        self.write(|tx| lifecycle::termination_requested(tx, licence_id, &at))
    }

    /// What confirming a termination means, checked, without queuing it.
    pub fn plan_termination(
        &self,
        licence_id: i64,
        input: &crate::domain::TerminationInput,
        lang: Lang,
    ) -> Result<lifecycle::TerminationPlan> {
        self.read(|conn| lifecycle::plan_termination(conn, licence_id, input, lang))
    }

    /// Queues the confirmation of a licence's termination.
    pub fn confirm_termination(
        &self,
        licence_id: i64,
        input: &crate::domain::TerminationInput,
        now: OffsetDateTime,
    ) -> Result<i64> {
        let at = timestamp(now);
        self.write(|tx| lifecycle::queue_termination(tx, licence_id, input, &at))
    }

    /// Works out the reminders due today that are not known yet, records them, and
    /// answers them (to notify).
    pub fn refresh_reminders(&self, now: OffsetDateTime, lang: Lang) -> Result<Vec<Reminder>> {
        let at = timestamp(now);
        let new = self.write(|tx| reminders::refresh(tx, now.date(), &at))?;
        self.read(|conn| reminders::by_ids(conn, &new, lang))
    }

    pub fn reminders(&self, lang: Lang) -> Result<Vec<Reminder>> {
        self.read(|conn| reminders::list(conn, lang))
    }

    pub fn reminders_notified(&self, ids: &[i64], now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        self.write(|tx| reminders::mark_notified(tx, ids, &at))
    }

    pub fn dismiss_reminder(&self, id: i64, now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        self.write(|tx| reminders::dismiss(tx, id, &at))
    }

    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        self.read(reminders::settings)
    }

    /// Saves the reminder settings; `days_before` as typed (checked to be a whole number
    /// of days within bounds).
    pub fn set_reminder_settings(&self, notify: bool, days_before: f64) -> Result<ReminderSettings> {
        let days_before = crate::domain::check_reminder_days(days_before)?;
        self.write(|tx| {
            reminders::set_settings(tx, &ReminderSettings { notify, days_before })?;
            reminders::settings(tx)
        })
    }

    /// A group's free-licences threshold (`None`: no reminder).
    pub fn set_free_seats_alert(&self, group_id: i64, threshold: Option<f64>) -> Result<()> {
        self.write(|tx| reminders::set_free_seats_alert(tx, group_id, threshold))
    }

    /// Pending changes, newest first (see [`changes::list`]).
    pub fn list_changes(&self, filter: ChangeFilter) -> Result<Vec<ChangeRow>> {
        self.read(|conn| changes::list(conn, filter))
    }

    /// Undoes a queued (or parked) change; its waiting password, if any, leaves the keychain.
    pub fn undo_change(&self, secrets: &dyn SecretStore, change_id: i64, now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        let secret = self.write(|tx| changes::undo(tx, change_id, &at))?;
        if let Some(key) = secret {
            secrets.delete(key)?;
        }
        Ok(())
    }

    /// Puts a parked or failed change back in the queue.
    pub fn retry_change(&self, change_id: i64, now: OffsetDateTime) -> Result<ChangeRow> {
        let at = timestamp(now);
        self.write(|tx| changes::retry(tx, change_id, &at))
    }

    /// Dismisses a failed change, or gives up on a parked one; a password it held leaves
    /// the keychain.
    pub fn dismiss_change(&self, secrets: &dyn SecretStore, change_id: i64, now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        if let Some(key) = self.write(|tx| changes::acknowledge(tx, change_id, &at))? {
            secrets.delete(key)?;
        }
        Ok(())
    }

    /// Gives a parked password change its password again (the keychain lost it) and
    /// queues it. A generated password is returned, to be shown once.
    pub fn set_password_again(
        &self,
        secrets: &dyn SecretStore,
        change_id: i64,
        request: PasswordRequest,
        now: OffsetDateTime,
    ) -> Result<PasswordSet> {
        let at = timestamp(now);
        self.write(|tx| {
            let change = changes::get(tx, change_id)?;
            let Some(key) = change.payload.password_key(change_id) else {
                return Err(Error::Precondition(crate::error::Precondition::ChangeNotParked));
            };
            if change.state != ChangeState::Parked {
                return Err(Error::Precondition(crate::error::Precondition::ChangeNotParked));
            }
            let login = change
                .licence_id
                .map(|id| licences::get(tx, id))
                .transpose()?
                .and_then(|l| l.login)
                .unwrap_or_default();
            let (password, shown) = choose_password(request, &login)?;
            changes::transition(tx, change_id, Transition::new(ChangeState::Parked, ChangeState::Queued), &at)?;
            secrets.set(key, &password)?;
            Ok(PasswordSet { change_id, password: shown })
        })
    }

    /// Changes that need the user: parked, or failed and not dismissed.
    pub fn changes_needing_attention(&self, account_id: Option<i64>) -> Result<u32> {
        self.read(|conn| changes::needing_attention(conn, account_id))
    }

    pub fn list_installs(&self, group_id: i64) -> Result<Vec<UserInstalls>> {
        self.read(|conn| {
            groups::summary(conn, group_id)?;
            installs::list_for_group(conn, group_id)
        })
    }

    /// Records a device in the ledger; `installed_on` is the day the user typed.
    pub fn add_install(
        &self,
        licence_id: i64,
        kind: DeviceKind,
        device_name: &str,
        installed_on: &str,
        now: OffsetDateTime,
    ) -> Result<Install> {
        let day = crate::domain::parse_install_day(installed_on, now)?;
        let at = timestamp(now);
        self.write(|tx| installs::add(tx, licence_id, kind, device_name, &crate::store::day(day), &at))
    }

    pub fn sign_out_install(&self, install_id: i64, now: OffsetDateTime) -> Result<()> {
        let at = timestamp(now);
        self.write(|tx| installs::sign_out(tx, install_id, &day(now.date()), &at))
    }

    pub fn list_accounts(&self) -> Result<Vec<AccountSummary>> {
        self.read(accounts::list_accounts)
    }

    pub fn catalog(&self, account_id: i64) -> Result<Vec<CatalogEntry>> {
        self.read(|conn| orders::catalog(conn, account_id))
    }

    pub fn quote_order(&self, request: &OrderRequest) -> Result<OrderQuote> {
        self.read(|conn| orders::quote(conn, request))
    }

    pub fn place_order(&self, request: &OrderRequest, now: OffsetDateTime) -> Result<OrderSummary> {
        let at = timestamp(now);
        self.write(|tx| orders::place(tx, request, &at))
    }

    pub fn list_open_orders(&self) -> Result<Vec<OpenOrder>> {
        self.read(orders::list_open)
    }

    pub fn usage(&self, group_id: i64, period: UsagePeriod, today: time::Date) -> Result<UsageSeries> {
        self.read(|conn| {
            groups::summary(conn, group_id)?;
            usage::series(conn, group_id, period, today)
        })
    }

    /// A group's licences as a file in `format`: all of them, or those in `only`.
    pub fn export_licences(
        &self,
        group_id: i64,
        only: Option<&[i64]>,
        lang: Lang,
        format: crate::csv_io::ExportFormat,
    ) -> Result<Vec<u8>> {
        let mut rows = self.list_licences(group_id)?;
        if let Some(ids) = only {
            rows.retain(|r| ids.contains(&r.id));
        }
        let rows: Vec<_> = rows.iter().map(LicenceRow::export_row).collect();
        crate::csv_io::export_licences(&rows, lang, format)
    }

    /// Every group's licences in one file, each row with its account and group.
    pub fn export_all_groups(&self, lang: Lang, format: crate::csv_io::ExportFormat) -> Result<Vec<u8>> {
        let groups = self.list_groups()?;
        let mut rows = Vec::new();
        for g in &groups {
            rows.push(self.list_licences(g.id)?.iter().map(LicenceRow::export_row).collect::<Vec<_>>());
        }
        let parts: Vec<crate::csv_io::ExportGroup> = groups
            .iter()
            .zip(&rows)
            .map(|(g, rows)| crate::csv_io::ExportGroup { account: &g.account_label, group: &g.service_name, rows })
            .collect();
        crate::csv_io::export_groups(&parts, lang, format)
    }

    /// Reads a CSV of users and says, row by row, what importing it would do. Queues nothing.
    pub fn import_preview(&self, group_id: i64, bytes: &[u8], lang: Lang) -> Result<ImportPreview> {
        self.read(|conn| import::preview(conn, group_id, bytes, lang))
    }

    /// Activates the accepted rows of a CSV of users, all in one transaction.
    pub fn import_users(&self, group_id: i64, bytes: &[u8], lang: Lang, now: OffsetDateTime) -> Result<u32> {
        let at = timestamp(now);
        self.write(|tx| import::apply(tx, group_id, bytes, lang, &at))
    }

    /// Loads the sample data, its reminders worked out with it (as a sync would).
    pub fn load_sample(&self, now: time::OffsetDateTime, size: sample::SampleSize) -> Result<sample::SampleReport> {
        let at = timestamp(now);
        self.write(|tx| {
            let report = sample::load(tx, now, size)?;
            reminders::refresh(tx, now.date(), &at)?;
            Ok(report)
        })
    }

    pub fn remove_sample(&self) -> Result<()> {
        self.write(sample::remove)
    }

    /// This database's id, which names its keychain entries.
    pub fn installation_id(&self) -> Result<String> {
        self.write(|tx| settings::installation_id(tx))
    }

    pub fn language(&self) -> Result<Option<crate::i18n::Lang>> {
        self.read(settings::get_language)
    }

    pub fn set_language(&self, lang: Option<crate::i18n::Lang>) -> Result<()> {
        self.write(|tx| settings::set_language(tx, lang))
    }
}
