//! The headless command line, run as its own process against the OVHcloud simulator:
//! connecting an account (both ways), sync, status, CSV, and a sync killed with
//! SIGKILL at random moments, over and over, losing nothing and doing nothing twice.
//! Secrets go to the real OS keychain (the kernel keyring in CI).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use seatkeeper::domain::{AccountInput, GroupFamily, LicenceType};
use seatkeeper::secrets::{Keychain, SecretKey, SecretStore};
use seatkeeper::store::{ChangeState, OrderRequest, PasswordRequest, Store, accounts};
use seatkeeper::sync::SyncLock;
use seatkeeper_simulator::{
    ACCOUNT, APP_KEY, APP_SECRET, CONSUMER_KEY, Faults, Seed, Simulator, SimulatorConfig, SimulatorHandle,
};

const BIN: &str = env!("CARGO_BIN_EXE_seatkeeper");

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

async fn simulator(real_time: bool) -> SimulatorHandle {
    let mut config = SimulatorConfig::for_tests(Seed::demo());
    if real_time {
        config.follow_real_time = true;
        config.task_step = Duration::from_millis(50);
    }
    Simulator::start(config).await.unwrap()
}

fn connect(dir: &Path, sim: &SimulatorHandle) {
    let out = run(
        dir,
        &["account", "add", "--name", "Bureau", "--endpoint", &sim.base_url(), "--application-key", APP_KEY],
        &format!("{APP_SECRET}\n{CONSUMER_KEY}\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_sync_export_import_from_the_command_line() {
    let sim = simulator(true).await;
    let dir = tempfile::tempdir().unwrap();
    connect(dir.path(), &sim);
    let list = run(dir.path(), &["account", "list"], "");
    assert!(text(&list).contains("Bureau"), "{}", text(&list));
    // The secrets are in the keychain, not in the database file.
    let db = std::fs::read(dir.path().join("seatkeeper.db")).unwrap();
    assert!(!db.windows(APP_SECRET.len()).any(|w| w == APP_SECRET.as_bytes()));

    let sync = run(dir.path(), &["sync"], "");
    assert!(sync.status.success(), "{}", text(&sync));
    let status = run(dir.path(), &["status", "--json"], "");
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(json["groups"].as_array().unwrap().len(), 2);

    let csv = dir.path().join("out.csv");
    let export = run(dir.path(), &["export", "--csv", csv.to_str().unwrap()], "");
    assert!(export.status.success(), "{}", text(&export));
    let exported = std::fs::read_to_string(&csv).unwrap();
    // Excel's way to know it is UTF-8: a byte-order mark first.
    let exported = exported.strip_prefix('\u{feff}').expect("a byte-order mark first");
    assert_eq!(exported.lines().count(), 1 + 30 + 12);
    // Several groups in one file: each row says its account and group.
    assert!(exported.lines().next().unwrap().starts_with("Account,Licence group,"), "{exported}");
    assert!(exported.lines().skip(1).all(|l| l.starts_with("Bureau,office")), "{exported}");

    let users = dir.path().join("users.csv");
    std::fs::write(&users, "first name,last name,login\nAda,Lovelace,ada.lovelace\nBad,Login,a..b\n").unwrap();
    let import =
        run(dir.path(), &["import", "--csv", users.to_str().unwrap(), "--group", "office5678.o365.ovh.com"], "");
    assert!(!import.status.success(), "a refused row makes the import exit non-zero");
    assert!(text(&import).contains("line 3"), "{}", text(&import));
    let sync = run(dir.path(), &["sync"], "");
    assert!(sync.status.success(), "{}", text(&sync));
    assert!(text(&sync).contains("activate"), "{}", text(&sync));
    assert_eq!(sim.count("PUT", "/license/officePrepaid/*"), 1);

    let bad = run(dir.path(), &["import", "--csv", "/nonexistent.csv", "--group", "office5678.o365.ovh.com"], "");
    assert!(!bad.status.success());
    assert!(text(&bad).contains("/nonexistent.csv"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_consumer_key_the_validation_address_is_printed() {
    let sim = simulator(false).await;
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["account", "add", "--name", "Neuf", "--endpoint", &sim.base_url(), "--application-key", APP_KEY],
        &format!("{APP_SECRET}\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("http"), "{}", text(&out));
    // Not validated yet: OVHcloud refuses, and sync says so.
    let sync = run(dir.path(), &["sync"], "");
    assert!(!sync.status.success());
    // The user validates in the browser; the key in the keychain now works.
    let store = Store::open_in(dir.path()).unwrap();
    let keychain = Keychain::for_installation(store.installation_id().unwrap());
    let account = store.list_accounts().unwrap()[0].id;
    let ck = keychain.get(SecretKey::ConsumerKey { account_id: account }).unwrap().expect("pending key stored");
    drop(store);
    assert!(sim.validate_credential(ck.expose(), ACCOUNT));
    let sync = run(dir.path(), &["sync"], "");
    assert!(sync.status.success(), "{}", text(&sync));
}

#[test]
fn bad_command_lines_are_answered_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["--data-dir", dir.path().to_str().unwrap(), "frobnicate"])
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Argument inconnu"));
    let out =
        run(dir.path(), &["account", "add", "--name", "X", "--endpoint", "nowhere", "--application-key", "k"], "s\n");
    assert!(!out.status.success());
    assert!(text(&out).contains("OVHcloud Europe"), "the endpoint rule, in words: {}", text(&out));
    assert!(Store::open_in(dir.path()).unwrap().list_accounts().unwrap().is_empty(), "nothing half-saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_computers_on_one_account_each_putting_a_user_on_the_same_empty_slot_both_get_a_licence() {
    let sim = simulator(true).await;
    let (office, owner) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [office.path(), owner.path()] {
        connect(dir, &sim);
        let sync = run(dir, &["sync"], "");
        assert!(sync.status.success(), "{}", text(&sync));
    }
    // Each offline from the other, both put a user on the group's first empty slot.
    let group = "office5678.o365.ovh.com";
    for (dir, user) in [(office.path(), "Grace,Hopper,grace.hopper"), (owner.path(), "Alan,Turing,alan.turing")] {
        let users = dir.join("users.csv");
        std::fs::write(&users, format!("first name,last name,login\n{user}\n")).unwrap();
        let import = run(dir, &["import", "--csv", users.to_str().unwrap(), "--group", group], "");
        assert!(import.status.success(), "{}", text(&import));
    }
    let slot_of = |dir: &Path, email: &str| {
        let store = Store::open_in(dir).unwrap();
        let id = store.list_groups().unwrap().into_iter().find(|g| g.service_name == group).unwrap().id;
        store.list_licences(id).unwrap().into_iter().find(|l| l.activation_email.as_deref() == Some(email)).unwrap()
    };
    let (grace, alan) = ("grace.hopper@office5678.o365.ovh.com", "alan.turing@office5678.o365.ovh.com");
    assert_eq!(slot_of(office.path(), grace).remote_id, slot_of(owner.path(), alan).remote_id, "the same slot");

    for dir in [office.path(), owner.path()] {
        let sync = run(dir, &["sync", "--wait"], "");
        assert_eq!(sync.status.code(), Some(0), "nothing failed or waits: {}", text(&sync));
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    for dir in [office.path(), owner.path()] {
        assert!(run(dir, &["sync"], "").status.success());
    }
    // At OVHcloud: each on a licence of their own; nobody overwritten.
    let at_ovh = |email: &str| {
        let state = sim.state();
        state
            .licences
            .values()
            .filter(|l| l.activation_email == email)
            .map(|l| l.service_name.clone())
            .collect::<Vec<_>>()
    };
    let (grace_at, alan_at) = (at_ovh(grace), at_ovh(alan));
    assert_eq!((grace_at.len(), alan_at.len()), (1, 1), "{grace_at:?} {alan_at:?}");
    assert_ne!(grace_at, alan_at);
    // Both computers see both, and the second says where its user went and why.
    for dir in [office.path(), owner.path()] {
        assert_eq!(slot_of(dir, grace).remote_id, grace_at[0]);
        assert_eq!(slot_of(dir, alan).remote_id, alan_at[0]);
    }
    let store = Store::open_in(owner.path()).unwrap();
    let id = store.list_groups().unwrap().into_iter().find(|g| g.service_name == group).unwrap().id;
    let moved = store
        .list_history(id, &seatkeeper::store::HistoryFilter::default(), 200)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "activationMoved")
        .expect("the move is in the history");
    assert_eq!(moved.details["takenBy"], grace);
    assert_eq!(moved.details["to"], alan_at[0].as_str());
}

#[test]
fn without_lang_the_command_line_speaks_the_language_chosen_in_the_window() {
    // A Command Prompt or a scheduled task on Windows sets no LANG.
    let bare = |dir: &Path, lang: Option<&str>| {
        let mut cmd = Command::new(BIN);
        cmd.arg("--data-dir").arg(dir).args(["change", "retry", "4242"]);
        for var in ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
            cmd.env_remove(var);
        }
        if let Some(lang) = lang {
            cmd.env("LANG", lang);
        }
        cmd.output().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.set_language(Some(seatkeeper::i18n::Lang::Fr)).unwrap();
    drop(store);
    let out = bare(dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    let french = String::from_utf8_lossy(&out.stderr).into_owned();
    let out = bare(dir.path(), Some("en_GB.UTF-8"));
    let english = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(french.contains("4242") && english.contains("4242"), "{french} / {english}");
    assert_ne!(french, english, "LANG, when a terminal sets it, still wins");
    let expected =
        seatkeeper::error::Error::NotFound { what: seatkeeper::error::Entity::PendingChange, id: "4242".into() };
    use seatkeeper::i18n::Localize;
    assert!(french.contains(&expected.localize(seatkeeper::i18n::Lang::Fr)), "{french}");
    assert!(english.contains(&expected.localize(seatkeeper::i18n::Lang::En)), "{english}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_at_random_moments_loses_nothing_and_applies_nothing_twice() {
    let sim = simulator(true).await;
    sim.set_faults(Faults { latency: Duration::from_millis(15), ..Faults::default() });
    let dir = tempfile::tempdir().unwrap();
    connect(dir.path(), &sim);
    assert!(run(dir.path(), &["sync"], "").status.success());

    // Queue a dozen changes of different kinds.
    {
        let store = Store::open_in(dir.path()).unwrap();
        let groups = store.list_groups().unwrap();
        let prepaid = groups.iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
        let payg = groups.iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap();
        let now = time::OffsetDateTime::now_utc();
        let slots: Vec<_> = store.list_licences(prepaid.id).unwrap().into_iter().filter(|l| l.is_empty_slot).collect();
        for (i, slot) in slots.iter().take(5).enumerate() {
            let a = AccountInput {
                first_name: "Slot".into(),
                last_name: format!("User{i}"),
                login: format!("slot.user{i}"),
                usage_location: "FR".into(),
                domain: None,
            };
            store.activate_licence(slot.id, &a, now).unwrap();
        }
        for i in 0..6 {
            let a = AccountInput {
                first_name: "New".into(),
                last_name: format!("User{i}"),
                login: format!("new.user{i}"),
                usage_location: "FR".into(),
                domain: None,
            };
            store.add_user(payg.id, &a, LicenceType::OfficeProPlus, now).unwrap();
        }
        store.rename_group(payg.id, "Renamed under fire", now).unwrap();
        // An order, and two new passwords (kept in the real keychain).
        let request = OrderRequest {
            account_id: payg.account_id,
            group_id: Some(prepaid.id),
            licence_type: LicenceType::OfficeBusiness,
            renewal_period: "P1M".into(),
            quantity: 2,
        };
        store.place_order(&request, now).unwrap();
        let keychain = Keychain::for_installation(store.installation_id().unwrap());
        let users: Vec<_> = store
            .list_licences(prepaid.id)
            .unwrap()
            .into_iter()
            .filter(|l| !l.is_empty_slot && l.state == "ok")
            .take(2)
            .collect();
        for user in &users {
            store.change_password(&keychain, user.id, PasswordRequest::Generate, None, now).unwrap();
        }
    }

    // Kill `seatkeeper sync` again and again, at random moments, and count the kills
    // that landed while a request was on its way (a change left `sending`).
    let mut seed = 0x5EED_u64;
    let mut mid_push = 0;
    let db = dir.path().join("seatkeeper.db");
    let sending = || {
        let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        conn.busy_timeout(Duration::from_secs(1)).unwrap();
        conn.query_row("SELECT count(*) FROM pending_changes WHERE state = 'sending'", [], |r| r.get::<_, i64>(0))
            .unwrap_or(0)
            > 0
    };
    for round in 0..16 {
        let mut child = Command::new(BIN)
            .args(["--data-dir", dir.path().to_str().unwrap(), "sync"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round % 2 == 0 {
            // At a random moment.
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            tokio::time::sleep(Duration::from_millis(60 + (seed >> 33) % 700)).await;
        } else {
            // The moment a request is seen on its way.
            let start = std::time::Instant::now();
            while !sending() && start.elapsed() < Duration::from_secs(3) {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if sending() {
            mid_push += 1;
        }
    }
    eprintln!("kills that landed mid-push: {mid_push} of 16");
    assert!(mid_push > 0, "no kill landed while a request was on its way: the test proves nothing");
    // Then let it finish, as many times as the tasks need.
    let mut done = false;
    for _ in 0..20 {
        let out = run(dir.path(), &["sync"], "");
        let store = Store::open_in(dir.path()).unwrap();
        let open = seatkeeper::sync::pending_changes(&store, None, seatkeeper::i18n::Lang::En)
            .unwrap()
            .into_iter()
            .filter(|c| c.state != ChangeState::Done)
            .count();
        if out.status.success() && open == 0 {
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(done, "changes never all went through");

    let store = Store::open_in(dir.path()).unwrap();
    store
        .read(|c| {
            let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            assert_eq!(ok, "ok");
            Ok(())
        })
        .unwrap();
    let changes = seatkeeper::sync::pending_changes(&store, None, seatkeeper::i18n::Lang::En).unwrap();
    assert_eq!(changes.len(), 12 + 1 + 2, "no change lost");
    assert!(changes.iter().all(|c| c.state == ChangeState::Done), "{changes:?}");
    // The order was checked out once; each new password reached OVHcloud and left the keychain.
    assert_eq!(
        sim.requests()
            .iter()
            .filter(|e| e.path.ends_with("/checkout") && e.method == "POST" && e.status == 200)
            .count(),
        1
    );
    let keychain = Keychain::for_installation(store.installation_id().unwrap());
    for c in changes.iter().filter(|c| c.kind == seatkeeper::store::ChangeKind::ChangePassword) {
        assert_eq!(keychain.get(SecretKey::LicencePassword { change_id: c.id }).unwrap(), None);
    }
    assert!(sim.count("POST", "/license/officePrepaid/*/changePassword") >= 2);
    assert!(
        store.list_open_orders().unwrap().iter().any(|o| o.quantity == 2 && o.payment_url.is_some()),
        "the order is followed"
    );
    // Each new user was created exactly once at OVHcloud: one successful POST each.
    let created = sim
        .requests()
        .into_iter()
        .filter(|e| e.method == "POST" && e.path.ends_with("/user") && (200..300).contains(&e.status))
        .count();
    assert_eq!(created, 6);
    let payg_users = store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap();
    assert_eq!(payg_users.licences_total, 12 + 6);
    assert_eq!(payg_users.display_name, "Renamed under fire");
}

/// Queues, in a fresh data directory connected to `sim`, the mix of changes the
/// cross-process tests send: 3 new pay-as-you-go users, 2 prepaid activations, a new
/// password and an order.
fn queue_mix(dir: &Path, trial: usize) -> Vec<String> {
    let store = Store::open_in(dir).unwrap();
    let groups = store.list_groups().unwrap();
    let prepaid = groups.iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
    let payg = groups.iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap();
    let now = time::OffsetDateTime::now_utc();
    let mut logins = Vec::new();
    for i in 0..3 {
        let login = format!("t{trial}.user{i}");
        let a = AccountInput {
            first_name: "Twice".into(),
            last_name: format!("Never{i}"),
            login: login.clone(),
            usage_location: "FR".into(),
            domain: None,
        };
        store.add_user(payg.id, &a, LicenceType::OfficeProPlus, now).unwrap();
        logins.push(login);
    }
    let slots: Vec<_> =
        store.list_licences(prepaid.id).unwrap().into_iter().filter(|l| l.is_empty_slot).take(2).collect();
    for (i, slot) in slots.iter().enumerate() {
        let a = AccountInput {
            first_name: "Slot".into(),
            last_name: format!("Once{i}"),
            login: format!("t{trial}.slot{i}"),
            usage_location: "FR".into(),
            domain: None,
        };
        store.activate_licence(slot.id, &a, now).unwrap();
    }
    let keychain = Keychain::for_installation(store.installation_id().unwrap());
    let user = store.list_licences(payg.id).unwrap().into_iter().find(|l| l.state == "ok").unwrap();
    store.change_password(&keychain, user.id, PasswordRequest::Generate, None, now).unwrap();
    let request = OrderRequest {
        account_id: prepaid.account_id,
        group_id: Some(prepaid.id),
        licence_type: LicenceType::OfficeBusiness,
        renewal_period: "P1M".into(),
        quantity: 1,
    };
    store.place_order(&request, now).unwrap();
    logins
}

fn spawn_sync(dir: &Path, extra: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .arg("sync")
        .args(extra)
        .env("LANG", "C.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_syncs_started_together_send_every_change_exactly_once() {
    let mut refused = 0;
    for trial in 0..8 {
        let sim = simulator(true).await;
        sim.set_faults(Faults { latency: Duration::from_millis(5), ..Faults::default() });
        let dir = tempfile::tempdir().unwrap();
        connect(dir.path(), &sim);
        assert!(run(dir.path(), &["sync"], "").status.success());
        let logins = queue_mix(dir.path(), trial);
        sim.clear_log();

        // Two processes at the same moment: half the trials both wait their turn, the
        // others let the second one say a sync is already running.
        let extra: &[&str] = if trial % 2 == 0 { &["--wait"] } else { &[] };
        let (a, b) = (spawn_sync(dir.path(), extra), spawn_sync(dir.path(), extra));
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            match out.status.code() {
                Some(0) => {}
                Some(3) if extra.is_empty() => {
                    assert!(text(&out).contains("A sync is already running"), "{}", text(&out));
                    refused += 1;
                }
                other => panic!("trial {trial}: exit {other:?}: {}", text(&out)),
            }
        }
        // Then until OVHcloud's tasks are done.
        for _ in 0..30 {
            let out = run(dir.path(), &["sync"], "");
            let store = Store::open_in(dir.path()).unwrap();
            let open = seatkeeper::sync::pending_changes(&store, None, seatkeeper::i18n::Lang::En)
                .unwrap()
                .into_iter()
                .filter(|c| c.state != ChangeState::Done)
                .count();
            if out.status.success() && open == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let store = Store::open_in(dir.path()).unwrap();
        let changes = seatkeeper::sync::pending_changes(&store, None, seatkeeper::i18n::Lang::En).unwrap();
        assert!(changes.iter().all(|c| c.state == ChangeState::Done), "trial {trial}: {changes:?}");
        let log = sim.requests();
        let sends = |method: &str, pattern: &str| {
            log.iter().filter(|e| e.method == method && seatkeeper_simulator::path_matches(pattern, &e.path)).count()
        };
        for login in &logins {
            let posts = log
                .iter()
                .filter(|e| {
                    e.method == "POST"
                        && e.path.ends_with("/user")
                        && e.request_body.contains(&format!("\"login\":\"{login}\""))
                })
                .count();
            assert_eq!(posts, 1, "trial {trial}: {login} created once");
        }
        assert_eq!(sends("PUT", "/license/officePrepaid/*"), 2, "trial {trial}: each slot configured once");
        assert_eq!(sends("POST", "/license/office/*/user/*/changePassword"), 1, "trial {trial}: one password change");
        assert_eq!(sends("POST", "/order/cart"), 1, "trial {trial}: one cart");
        assert_eq!(sends("POST", "/order/cart/*/checkout"), 1, "trial {trial}: one checkout");
        sim.shutdown().await;
    }
    eprintln!("second processes refused: {refused} of 8");
    assert!(refused > 0, "no trial had the second process refused: they never overlapped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_says_plainly_when_another_sync_runs_and_waits_when_asked() {
    let sim = simulator(false).await;
    let dir = tempfile::tempdir().unwrap();
    connect(dir.path(), &sim);
    let lock = SyncLock::try_acquire(&dir.path().join("seatkeeper.db"), "window").unwrap();
    let out = Command::new(BIN)
        .args(["--data-dir", dir.path().to_str().unwrap(), "sync"])
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(
        text(&out).contains("Une synchronisation est déjà en cours") && text(&out).contains("window"),
        "{}",
        text(&out)
    );
    let waiting = spawn_sync(dir.path(), &["--wait"]);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(sim.requests().is_empty(), "nothing sent while the lock is held");
    drop(lock);
    let out = waiting.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(!sim.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_fails_while_a_change_failed_until_the_user_lets_it_go() {
    let sim = simulator(false).await;
    let dir = tempfile::tempdir().unwrap();
    connect(dir.path(), &sim);
    assert!(run(dir.path(), &["sync"], "").status.success());
    let id = {
        let store = Store::open_in(dir.path()).unwrap();
        let prepaid = store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
        let user = store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot).unwrap();
        store.free_licences(&[user.id], time::OffsetDateTime::now_utc()).unwrap();
        sim.expire_service(&user.remote_id);
        seatkeeper::sync::pending_changes(&store, None, seatkeeper::i18n::Lang::En).unwrap()[0].id
    };
    let first = run(dir.path(), &["sync"], "");
    assert_eq!(first.status.code(), Some(1), "{}", text(&first));
    let again = run(dir.path(), &["sync"], "");
    assert_eq!(again.status.code(), Some(1), "still failed, though nothing failed in this run: {}", text(&again));
    assert!(text(&again).contains("change dismiss"), "{}", text(&again));
    assert!(run(dir.path(), &["change", "dismiss", &id.to_string()], "").status.success());
    let after = run(dir.path(), &["sync"], "");
    assert!(after.status.success(), "{}", text(&after));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_account_never_breaks_a_command_line_sync() {
    let sim = simulator(false).await;
    let dir = tempfile::tempdir().unwrap();
    connect(dir.path(), &sim);
    {
        let store = Store::open_in(dir.path()).unwrap();
        store
            .write(|tx| {
                accounts::add(
                    tx,
                    seatkeeper::sync::DEMO_LABEL,
                    seatkeeper::sync::DEMO_ENDPOINT,
                    APP_KEY,
                    "2026-11-23T10:00:00Z",
                )
            })
            .unwrap();
    }
    let out = run(dir.path(), &["sync"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("skipped"), "{}", text(&out));
}

/// `args` run in French (`LANG=fr_FR.UTF-8`).
fn run_fr(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).arg("--data-dir").arg(dir).args(args).env("LANG", "fr_FR.UTF-8").output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agreement_renewal_and_termination_from_the_command_line() {
    const NEW: &str = "office9100.o365.ovh.com";
    const PREPAID: &str = "office5678.o365.ovh.com";
    let config = SimulatorConfig {
        follow_real_time: true,
        task_step: Duration::from_millis(50),
        ..SimulatorConfig::for_tests(Seed::demo().with_prepaid_group(NEW, "Zeta", "officeBusiness", 0, 2))
    };
    let sim = Simulator::start(config).await.unwrap();
    sim.set_agreement(NEW, false);
    let dir = tempfile::tempdir().unwrap();
    connect(dir.path(), &sim);
    assert!(run(dir.path(), &["sync"], "").status.success());

    // The agreement: a bad form said in French, nothing sent; then signed and accepted.
    let sign = |country: &str| {
        vec![
            "agreement",
            "sign",
            "--group",
            NEW,
            "--company",
            "Contoso",
            "--country",
            country,
            "--language",
            "fr_FR",
            "--first-name",
            "Camille",
            "--last-name",
            "Martin",
            "--email",
            "camille@contoso.example",
            "--phone",
            "+33 9 72 10 10 07",
        ]
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>()
    };
    let bad = sign("ZZ");
    let out = run_fr(dir.path(), &bad.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("n'est pas un code pays"), "{}", text(&out));
    assert_eq!(sim.count("POST", "/license/officePrepaid/*/parentTenant/createAttestation"), 0);
    let good = sign("fr");
    let out = run(dir.path(), &good.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("/attestation/"), "the link is printed: {}", text(&out));
    assert!(sim.sign_attestation(NEW));
    assert!(run(dir.path(), &["agreement", "accept", "--group", NEW], "").status.success());

    // Renewal: what it means is printed; it is queued, then sent.
    let out = run(dir.path(), &["renewal", "set", "--group", PREPAID, "--automatic", "off"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("no longer renews by itself"), "{}", text(&out));
    let out = run(dir.path(), &["renewal", "set", "--group", PREPAID, "--period", "6"], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));

    // Termination: asked, then confirmed with the e-mailed token.
    let licence = format!("{PREPAID}-1001");
    let out = run(dir.path(), &["terminate", "--licence", &licence], "");
    assert!(out.status.success(), "{}", text(&out));
    let token = sim.termination_token(&licence).unwrap();
    let out = run(dir.path(), &["terminate", "--licence", &licence, "--confirm", &token, "--reason", "BORED"], "");
    assert_eq!(out.status.code(), Some(1), "an unknown reason: {}", text(&out));
    let out =
        run(dir.path(), &["terminate", "--licence", &licence, "--confirm", &token, "--reason", "TOO_EXPENSIVE"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("loses Office"), "{}", text(&out));

    let status = run(dir.path(), &["status", "--json"], "");
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let group =
        |name: &str| json["groups"].as_array().unwrap().iter().find(|g| g["serviceName"] == name).unwrap().clone();
    assert_eq!(group(PREPAID)["renewal"]["mode"], "manual");
    assert_eq!(group(PREPAID)["renewalPending"], true);
    assert_eq!(group(NEW)["agreement"]["accepted"], false);
    assert_eq!(group(NEW)["agreement"]["acceptancePending"], true);

    for _ in 0..20 {
        let _ = run(dir.path(), &["sync"], "");
        tokio::time::sleep(Duration::from_millis(60)).await;
        let status = run(dir.path(), &["status", "--json"], "");
        let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
        if json["pendingChanges"].as_array().unwrap().is_empty() {
            let new = json["groups"].as_array().unwrap().iter().find(|g| g["serviceName"] == NEW).unwrap().clone();
            assert_eq!(new["agreement"]["accepted"], true);
            let st = sim.state();
            assert!(!st.licences[&format!("{PREPAID}-1002")].renew.automatic, "renewal sent");
            assert!(st.licences[&licence].renew.terminated, "termination sent");
            return;
        }
    }
    panic!("changes still open: {}", text(&run(dir.path(), &["status"], "")));
}
