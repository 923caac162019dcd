//! The local store against real temporary databases: opening, migrating, refusing,
//! transactions, constraints, sample data, the overview's figures and renaming.

use std::path::Path;

use rusqlite::Connection;
use seatkeeper::domain::LicenceType;
use seatkeeper::error::{Error, ErrorCode, Precondition};
use seatkeeper::i18n::Lang;
use seatkeeper::store::sample::SampleSize;
use seatkeeper::store::{DB_FILE, LATEST_VERSION, Store};
use time::macros::datetime;

const NOW: time::OffsetDateTime = datetime!(2026-11-23 10:00 UTC);

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn raw(path: &Path) -> Connection {
    Connection::open(path).expect("raw connection")
}

fn count(store: &Store, sql: &str) -> i64 {
    store.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?)).unwrap()
}

fn sample_store(dir: &Path) -> Store {
    let store = Store::open_in(dir).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    store
}

#[test]
fn a_fresh_database_is_wal_with_foreign_keys_and_the_latest_schema() {
    let dir = temp();
    let store = Store::open_in(&dir.path().join("nested/data")).unwrap();
    assert_eq!(store.migration().from_version, 0);
    assert_eq!(store.migration().to_version, LATEST_VERSION);
    assert_eq!(store.migration().backup, None, "nothing to back up in a new database");
    store
        .read(|c| {
            let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
            let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
            let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            assert_eq!(mode, "wal");
            assert_eq!(fk, 1);
            assert_eq!(sync, 1, "NORMAL");
            assert_eq!(version, LATEST_VERSION);
            Ok(())
        })
        .unwrap();
    let status = store.app_status().unwrap();
    assert_eq!((status.accounts, status.groups, status.has_sample_data), (0, 0, false));
    assert!(status.database_path.ends_with(DB_FILE));
    drop(store);
    // Reopening an up-to-date database changes nothing and backs nothing up.
    let again = Store::open_in(&dir.path().join("nested/data")).unwrap();
    assert_eq!(again.migration().from_version, LATEST_VERSION);
    assert_eq!(again.migration().backup, None);
}

#[test]
fn an_older_database_is_backed_up_then_migrated_without_losing_data() {
    let dir = temp();
    let path = dir.path().join(DB_FILE);
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seatkeeper-v1.sqlite"), &path).unwrap();
    let store = Store::open(&path).unwrap();
    let report = store.migration().clone();
    assert_eq!((report.from_version, report.to_version), (1, LATEST_VERSION));
    let backup = report.backup.expect("a copy of the v1 database");
    let old: i64 = raw(&backup).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(old, 1, "the backup is the database as it was");
    let groups = store.list_groups().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].display_name, "Old group");
    assert_eq!((groups[0].licences_used, groups[0].licences_total), (1, 2));
    assert_eq!(store.list_history(groups[0].id, &Default::default(), 10).unwrap().len(), 1);
    // Version 2's search column covers the migrated rows.
    let found = count(&store, "SELECT count(*) FROM licences WHERE search_text LIKE '%ada lovelace%'");
    assert_eq!(found, 1);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join(DB_FILE);
    {
        let c = raw(&path);
        c.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::DatabaseTooNew { found: 99, supported } if supported == LATEST_VERSION));
    assert_eq!(err.code(), ErrorCode::DatabaseTooNew);
    let fr = err.to_ipc(Lang::Fr).message;
    assert!(fr.contains("plus récente") && fr.contains("99"), "{fr}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file bytes unchanged");
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists(), "not switched to WAL");
}

#[test]
fn a_failed_transaction_leaves_nothing_behind() {
    let dir = temp();
    let store = Store::open_in(dir.path()).unwrap();
    let result: Result<(), Error> = store.write(|tx| {
        tx.execute(
            "INSERT INTO accounts (label, endpoint, application_key, created_at) VALUES ('A', 'ovh-eu', 'k', 'now')",
            [],
        )?;
        tx.execute(
            "INSERT INTO licence_groups (account_id, family, service_name, display_name, offer, status)
             VALUES (last_insert_rowid(), 'prepaid', 'x', 'X', 'officeBusiness', 'ok')",
            [],
        )?;
        // The third write breaks a constraint: the two before must go too.
        tx.execute(
            "INSERT INTO licence_groups (account_id, family, service_name, display_name, offer, status)
             VALUES (1, 'monthly', 'y', 'Y', 'officeBusiness', 'ok')",
            [],
        )?;
        Ok(())
    });
    assert!(matches!(result, Err(Error::Storage(_))));
    assert_eq!(count(&store, "SELECT count(*) FROM accounts"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM licence_groups"), 0);

    // A panic half-way through rolls back too, and the store stays usable.
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.write(|tx| -> Result<(), Error> {
            tx.execute(
                "INSERT INTO accounts (label, endpoint, application_key, created_at) VALUES ('B', 'ovh-eu', 'k', 'now')",
                [],
            )?;
            panic!("crash in the middle of a change");
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(count(&store, "SELECT count(*) FROM accounts"), 0);
    store.load_sample(NOW, SampleSize::default()).unwrap();
}

#[test]
fn a_committed_change_survives_a_crash_before_close() {
    let dir = temp();
    let store = sample_store(dir.path());
    let group = store.list_groups().unwrap()[0].id;
    store.rename_group(group, "Renamed before the crash", NOW).unwrap();
    // No orderly close, no checkpoint: the process "dies" with the WAL unmerged.
    std::mem::forget(store);
    let reopened = Store::open_in(dir.path()).unwrap();
    let names: Vec<String> = reopened.list_groups().unwrap().into_iter().map(|g| g.display_name).collect();
    assert!(names.contains(&"Renamed before the crash".to_string()), "{names:?}");
    reopened
        .read(|c| {
            let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            assert_eq!(ok, "ok");
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_schema_refuses_bad_rows_whatever_code_writes_them() {
    let dir = temp();
    let store = sample_store(dir.path());
    let bad = [
        "UPDATE licences SET licence_type = 'officeStandard' WHERE id = 1",
        "UPDATE licence_groups SET family = 'monthly' WHERE id = 1",
        "INSERT INTO licences (group_id, remote_id, licence_type, state, updated_at) VALUES (999, 'x', 'officeBusiness', 'ok', 'now')",
        "INSERT INTO installs (licence_id, kind, device_name, installed_on) VALUES (1, 'watch', 'W', '2026-01-01')",
        "INSERT INTO installs (licence_id, kind, device_name, installed_on) VALUES (1, 'phone', '  ', '2026-01-01')",
        "INSERT INTO orders (account_id, licence_type, renewal_period, quantity, state, created_at, updated_at) VALUES (1, 'officeBusiness', 'P1M', 0, 'queued', 'n', 'n')",
        "INSERT INTO pending_changes (account_id, kind, payload, state, created_at, updated_at) VALUES (1, 'free', 'not json', 'queued', 'n', 'n')",
        "UPDATE history SET kind = 'tampered' WHERE id = 1",
        "UPDATE history SET licence_id = 2 WHERE id = 1",
    ];
    for sql in bad {
        let result = store.write(|tx| Ok(tx.execute(sql, [])?));
        assert!(matches!(result, Err(Error::Storage(_))), "accepted: {sql}");
    }
}

#[test]
fn the_database_refuses_a_sixth_device_of_a_kind() {
    let dir = temp();
    let store = sample_store(dir.path());
    // The sample's first user already has five computers.
    let licence: i64 = count(
        &store,
        "SELECT licence_id FROM installs WHERE kind = 'computer' AND signed_out_on IS NULL
         GROUP BY licence_id HAVING count(*) = 5 LIMIT 1",
    );
    let insert = |kind: &str| {
        store.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO installs (licence_id, kind, device_name, installed_on) VALUES (?1, ?2, 'Sixth', '2026-11-23')",
                rusqlite::params![licence, kind],
            )?)
        })
    };
    let err = insert("computer").unwrap_err();
    assert!(err.to_string().contains("install.limit"), "{err}");
    insert("tablet").expect("other kinds keep their own seats");
    // Signing a computer out frees its seat.
    store
        .write(|tx| {
            Ok(tx.execute(
                "UPDATE installs SET signed_out_on = '2026-11-23' WHERE id =
                   (SELECT min(id) FROM installs WHERE licence_id = ?1 AND kind = 'computer')",
                [licence],
            )?)
        })
        .unwrap();
    insert("computer").expect("a freed seat can be used again");
}

#[test]
fn the_sample_is_realistic_and_removed_in_one_action() {
    let dir = temp();
    let store = Store::open_in(dir.path()).unwrap();
    let report = store.load_sample(NOW, SampleSize::default()).unwrap();
    assert_eq!(report.groups, 2);
    assert_eq!(report.licences, 30 + 12);
    assert!(report.installs > 20);

    let groups = store.list_groups().unwrap();
    assert_eq!(groups.len(), 2);
    assert!(groups.iter().all(|g| g.is_sample));
    let prepaid = groups.iter().find(|g| g.family.wire_name() == "prepaid").unwrap();
    assert_eq!(prepaid.offer, LicenceType::OfficeBusiness);
    assert_eq!((prepaid.licences_used, prepaid.licences_total), (22, 30));
    assert_eq!(prepaid.next_payment_on.as_deref(), Some("2026-12-03"), "its yearly renewal, in ten days");
    let payg = groups.iter().find(|g| g.family.wire_name() == "payAsYouGo").unwrap();
    assert_eq!(payg.offer, LicenceType::OfficeProPlus);
    assert_eq!((payg.licences_used, payg.licences_total), (12, 12));
    assert!(!payg.service_name.contains('-') && prepaid.service_name.contains('.'));

    // A year of daily usage statistics per group.
    assert_eq!(count(&store, "SELECT count(DISTINCT day) FROM usage_stats"), 366);
    assert_eq!(count(&store, "SELECT count(*) FROM usage_stats"), 2 * 366);
    // Every sample login follows the login rule.
    let logins: Vec<String> = store
        .read(|c| {
            let mut s = c.prepare("SELECT login FROM licences WHERE login IS NOT NULL")?;
            Ok(s.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(logins.len(), 22 + 12);
    for login in &logins {
        assert_eq!(seatkeeper::domain::check_login(login), Ok(()), "{login}");
    }

    let again = store.load_sample(NOW, SampleSize::default()).unwrap_err();
    assert!(matches!(again, Error::Precondition(Precondition::SampleAlreadyLoaded)));

    store.remove_sample().unwrap();
    for table in [
        "accounts",
        "licence_groups",
        "licences",
        "installs",
        "orders",
        "history",
        "usage_stats",
        "prices",
        "group_domains",
        "reminders",
    ] {
        assert_eq!(count(&store, &format!("SELECT count(*) FROM {table}")), 0, "{table} emptied");
    }
    let twice = store.remove_sample().unwrap_err();
    assert!(matches!(twice, Error::Precondition(Precondition::NoSampleData)));
}

#[test]
fn the_sample_fills_every_tile_of_both_families_and_reminds() {
    use seatkeeper::domain::{GroupFamily, ReminderKind, RenewalInput, RenewalMode};
    let dir = temp();
    let store = sample_store(dir.path());
    let groups = store.list_groups().unwrap();
    let prepaid = groups.iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
    let payg = groups.iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap();
    for group in [prepaid, payg] {
        let o = store.group_overview(group.id).unwrap();
        // The Renewal tile: how it renews, every how many months, when.
        let renewal = o.renewal.clone().unwrap_or_else(|| panic!("{} has no renewal", group.display_name));
        assert!(renewal.expires_on.is_some() && renewal.possible_periods.contains(&renewal.period_months));
        assert!(!o.renewal_pending);
        // And its dialog can be used on it (`seatkeeper renewal set` too).
        let manual = RenewalInput { mode: RenewalMode::Manual, period_months: renewal.period_months };
        store.plan_renewal(group.id, &manual, NOW, Lang::En).unwrap();
        assert!(o.created_on.is_some() && o.synced_at.is_some() && o.monthly_cost.is_some());
    }
    // A prepaid group's next payment is its licences' renewal, as a sync reads them.
    let o = store.group_overview(prepaid.id).unwrap();
    assert_eq!(o.renewal.as_ref().unwrap().expires_on, prepaid.next_payment_on);
    assert_eq!(o.renewal_period.as_deref(), Some("P1Y"));
    assert!(o.free_seats_alert.is_some(), "the free-licences threshold is set");
    assert!(!o.orders_in_progress.is_empty());
    assert!(o.domains.is_empty(), "domains are a pay-as-you-go group's");

    // The Domains tile: a verified domain logins use, and one waiting for its TXT
    // record, each with the TXT record OVHcloud gives (as a sync stores them).
    let o = store.group_overview(payg.id).unwrap();
    assert!(o.domains.len() >= 2, "{:?}", o.domains);
    assert!(
        o.domains.iter().all(|d| d.txt_entry.as_deref().is_some_and(|t| t.starts_with("MS=ms"))),
        "{:?}",
        o.domains
    );
    assert!(o.domains.iter().any(|d| d.usable && d.status == "ok"));
    assert!(o.domains.iter().any(|d| !d.usable && d.status == "unverified"));
    let domain = o.domain.clone().unwrap();
    assert!(o.domains.iter().any(|d| d.name == domain && d.usable), "new logins go to a verified domain");

    // The reminders are worked out with it: the yearly renewal coming, the few free licences.
    for lang in [Lang::En, Lang::Fr] {
        let reminders = store.reminders(lang).unwrap();
        let of = |kind: ReminderKind| reminders.iter().find(|r| r.kind == kind && r.group_id == Some(prepaid.id));
        let renewal = of(ReminderKind::RenewalSoon).unwrap_or_else(|| panic!("{reminders:?}"));
        assert!(renewal.title.contains(&prepaid.display_name) || renewal.body.contains(&prepaid.display_name));
        assert_eq!(renewal.due_on, prepaid.next_payment_on);
        assert!(of(ReminderKind::FreeSeatsLow).is_some(), "{reminders:?}");
    }
    assert!(store.refresh_reminders(NOW, Lang::En).unwrap().is_empty(), "each once");
}

#[test]
fn removing_the_sample_keeps_the_users_own_data() {
    let dir = temp();
    let store = sample_store(dir.path());
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO accounts (label, endpoint, application_key, created_at) VALUES ('Mine', 'ovh-eu', 'AK', 'n')",
                [],
            )?;
            tx.execute(
                "INSERT INTO licence_groups (account_id, family, service_name, display_name, offer, status)
                 VALUES (last_insert_rowid(), 'payAsYouGo', 'mine.o365.ovh.com', 'Mine', 'officeProPlus', 'ok')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    store.remove_sample().unwrap();
    let groups = store.list_groups().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].display_name, "Mine");
    assert_eq!(store.app_status().unwrap().accounts, 1);
}

#[test]
fn the_overview_adds_up() {
    let dir = temp();
    let store = sample_store(dir.path());
    let groups = store.list_groups().unwrap();
    let prepaid = groups.iter().find(|g| g.family.wire_name() == "prepaid").unwrap();
    let o = store.group_overview(prepaid.id).unwrap();
    assert_eq!(o.by_type.len(), 1);
    let business = &o.by_type[0];
    assert_eq!((business.total, business.assigned, business.free), (30, 22, 8));
    assert_eq!(o.unconfigured_slots, 8);
    // Prepaid: every slot is paid for, at the monthly price.
    let price = business.price_per_month.as_ref().unwrap();
    let cost = o.monthly_cost.as_ref().unwrap();
    assert_eq!(cost.ucents, 30 * price.ucents);
    assert_eq!(cost.currency, "EUR");
    assert_eq!(o.orders_in_progress.len(), 1);
    assert_eq!(o.orders_in_progress[0].quantity, 5);
    assert!(
        o.orders_in_progress[0].payment_url.as_deref().is_some_and(|u| seatkeeper::domain::trusted_url(u).is_some())
    );
    // Users without an install, checked against the licence list.
    let licences = store.list_licences(prepaid.id).unwrap();
    let idle = licences.iter().filter(|l| !l.is_empty_slot && l.installs.total() == 0).count() as u32;
    assert_eq!(o.users_without_install, idle);
    assert!(idle > 0 && idle < 22);
    // Users come first, empty slots last.
    assert!(licences[..22].iter().all(|l| !l.is_empty_slot) && licences[22..].iter().all(|l| l.is_empty_slot));

    // Pay-as-you-go bills users, not slots.
    let payg = groups.iter().find(|g| g.family.wire_name() == "payAsYouGo").unwrap();
    let o = store.group_overview(payg.id).unwrap();
    let enterprise = &o.by_type[0];
    assert_eq!(
        o.monthly_cost.unwrap().ucents,
        i64::from(enterprise.assigned) * enterprise.price_per_month.as_ref().unwrap().ucents
    );
    assert!(o.orders_in_progress.is_empty());
}

#[test]
fn renaming_a_group_queues_one_change_and_logs_each_rename() {
    let dir = temp();
    let store = sample_store(dir.path());
    let group = store.list_groups().unwrap()[0].clone();
    let history_before = store.list_history(group.id, &Default::default(), 1000).unwrap().len();

    let renamed = store.rename_group(group.id, "  Boulangerie du Centre  ", NOW).unwrap();
    assert_eq!(renamed.display_name, "Boulangerie du Centre");
    assert_eq!(renamed.pending_changes, 1);
    let renamed = store.rename_group(group.id, "Boulangerie Centre-ville", NOW).unwrap();
    assert_eq!(renamed.pending_changes, 1, "a queued rename is updated, not queued twice");
    let payload: String = store
        .read(|c| Ok(c.query_row("SELECT payload FROM pending_changes WHERE kind = 'renameGroup'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(payload, r#"{"displayName":"Boulangerie Centre-ville"}"#);

    let history = store.list_history(group.id, &Default::default(), 1000).unwrap();
    assert_eq!(history.len(), history_before + 2);
    assert_eq!(history[0].kind, "groupRenamed");
    assert_eq!(history[0].details["from"], "Boulangerie du Centre");
    assert_eq!(history[0].details["to"], "Boulangerie Centre-ville");

    // Renaming to the same name changes nothing.
    store.rename_group(group.id, "Boulangerie Centre-ville", NOW).unwrap();
    assert_eq!(store.list_history(group.id, &Default::default(), 1000).unwrap().len(), history_before + 2);

    // A bad name is refused with its rule, and nothing is written.
    let err = store.rename_group(group.id, "   ", NOW).unwrap_err();
    let ipc = err.to_ipc(Lang::En);
    assert_eq!(ipc.code, ErrorCode::InvalidInput);
    assert_eq!(ipc.rule.as_deref(), Some("name.empty"));
    assert_eq!(serde_json::to_value(ipc.field).unwrap(), "displayName");
    let err = store.rename_group(group.id, &"x".repeat(256), NOW).unwrap_err();
    assert_eq!(err.to_ipc(Lang::Fr).rule.as_deref(), Some("name.tooLong"));
    assert_eq!(store.list_history(group.id, &Default::default(), 1000).unwrap().len(), history_before + 2);
    assert_eq!(store.list_groups().unwrap()[0].display_name, "Boulangerie Centre-ville");

    let missing = store.rename_group(9999, "X", NOW).unwrap_err();
    assert_eq!(missing.code(), ErrorCode::NotFound);
    assert_eq!(store.list_licences(9999).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn ten_thousand_licences_load_and_list() {
    let dir = temp();
    let store = Store::open_in(dir.path()).unwrap();
    let report = store.load_sample(NOW, SampleSize { payg_users: 9_970 }).unwrap();
    assert_eq!(report.licences, 10_000);
    let payg = store.list_groups().unwrap().into_iter().find(|g| g.licences_total == 9_970).unwrap();
    let rows = store.list_licences(payg.id).unwrap();
    assert_eq!(rows.len(), 9_970);
    let emails: std::collections::HashSet<_> = rows.iter().map(|r| r.remote_id.as_str()).collect();
    assert_eq!(emails.len(), rows.len(), "remote ids are unique");
}

#[test]
fn an_outbox_from_version_3_keeps_its_changes_and_its_orders_names() {
    let dir = temp();
    let path = dir.path().join(DB_FILE);
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seatkeeper-v3.sqlite"), &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!((store.migration().from_version, store.migration().to_version), (3, LATEST_VERSION));
    let changes =
        store.list_changes(seatkeeper::store::ChangeFilter { open_only: true, ..Default::default() }).unwrap();
    assert_eq!(changes.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 4, 5], "every change kept, with its id");
    // A change already on its way keeps the cart name it was sent with, so its order is
    // found again rather than placed twice.
    let order = changes.iter().find(|c| c.kind == seatkeeper::store::ChangeKind::Order).unwrap();
    assert_eq!(order.state, seatkeeper::store::ChangeState::Sending);
    assert_eq!(seatkeeper::sync::order_reference(&order.change_key), "seatkeeper-change-5");
    // New changes get keys unique to this installation, and ids never handed out before.
    let now = time::OffsetDateTime::now_utc();
    store.undo_change(&seatkeeper::secrets::MemorySecrets::default(), 4, now).unwrap();
    store.rename_group(1, "Renamed", now).unwrap();
    let newest = store.list_changes(Default::default()).unwrap().remove(0);
    assert_eq!(newest.id, 6, "ids are not reused after a deletion");
    assert_eq!(newest.change_key, "0123456789abcdef-6");
}

#[test]
fn two_processes_opening_an_old_database_at_once_migrate_it_once() {
    let dir = temp();
    let path = dir.path().join(DB_FILE);
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seatkeeper-v3.sqlite"), &path).unwrap();
    let opened: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path).map(|s| s.migration().to_version))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    assert!(opened.iter().all(|r| matches!(r, Ok(v) if *v == LATEST_VERSION)), "{opened:?}");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_changes(Default::default()).unwrap().len(), 3);
}

#[test]
fn the_window_sees_when_another_process_wrote() {
    let dir = temp();
    let window = Store::open_in(dir.path()).unwrap();
    let other = Store::open_in(dir.path()).unwrap();
    let before = window.data_version().unwrap();
    window.load_sample(time::OffsetDateTime::now_utc(), Default::default()).unwrap();
    assert_eq!(window.data_version().unwrap(), before, "its own writes do not count");
    other.remove_sample().unwrap();
    assert_ne!(window.data_version().unwrap(), before, "another connection's commit does");
}

#[test]
fn rebuilding_the_outbox_for_new_kinds_keeps_ids_never_reused() {
    // A version-6 database whose last handed-out change id (10) was deleted.
    let dir = temp();
    let path = dir.path().join(DB_FILE);
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seatkeeper-v3.sqlite"), &path).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../src-tauri/store/migrations/0004_exactly_once.sql"),
            include_str!("../src-tauri/store/migrations/0005_empty_slot.sql"),
            include_str!("../src-tauri/store/migrations/0006_incremental_pull.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "UPDATE sqlite_sequence SET seq = 10 WHERE name = 'pending_changes'; PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!((store.migration().from_version, store.migration().to_version), (6, LATEST_VERSION));
    assert_eq!(store.list_changes(Default::default()).unwrap().len(), 3, "every change kept");
    store.rename_group(1, "Renamed again", time::OffsetDateTime::now_utc()).unwrap();
    assert_eq!(store.list_changes(Default::default()).unwrap()[0].id, 11, "ids handed out before are not reused");
}
