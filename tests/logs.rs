//! The log files, written by real `seatkeeper` processes: after connecting an account
//! and full syncs that send new passwords (typed and generated), an activation and an
//! order, with every level of Seatkeeper's own logging on, the logs tell what happened
//! and hold none of the secrets: not the application secret, not the consumer key, not
//! a password.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use seatkeeper::domain::{AccountInput, GroupFamily, LicenceType};
use seatkeeper::store::{ChangeState, OrderRequest, PasswordRequest, Store};
use seatkeeper_simulator::{APP_KEY, APP_SECRET, CONSUMER_KEY, Seed, Simulator, SimulatorConfig};

const BIN: &str = env!("CARGO_BIN_EXE_seatkeeper");

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "C.UTF-8")
        // Seatkeeper's own logging at its most talkative, the libraries' at debug.
        .env("SEATKEEPER_LOG", "debug,seatkeeper=trace")
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

#[test]
fn a_first_run_writes_its_log_without_a_word_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("new");
    let out = run(&fresh, &["status"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "nothing on stderr at a first run");
    let logs: Vec<_> = std::fs::read_dir(fresh.join("logs")).unwrap().collect();
    assert_eq!(logs.len(), 1, "one log file for the command line");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sync_with_passwords_leaves_no_secret_in_the_logs() {
    let mut config = SimulatorConfig::for_tests(Seed::demo());
    config.follow_real_time = true;
    config.task_step = Duration::from_millis(50);
    let sim = Simulator::start(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let add = run(
        dir.path(),
        &["account", "add", "--name", "Bureau", "--endpoint", &sim.base_url(), "--application-key", APP_KEY],
        &format!("{APP_SECRET}\n{CONSUMER_KEY}\n"),
    );
    assert!(add.status.success(), "{}", text(&add));
    assert!(run(dir.path(), &["sync"], "").status.success());

    let typed = "Typed-Pa55word!";
    let (generated, ids) = {
        let store = Store::open_in(dir.path()).unwrap();
        let keychain = seatkeeper::state::open_keychain(Some(&store));
        let now = time::OffsetDateTime::now_utc();
        let groups = store.list_groups().unwrap();
        let prepaid = groups.iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
        let payg = groups.iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap();
        let licences = store.list_licences(prepaid.id).unwrap();
        let users: Vec<_> = licences.iter().filter(|l| !l.is_empty_slot && l.state == "ok").take(2).collect();
        let mut ids = Vec::new();
        ids.push(
            store
                .change_password(
                    &keychain,
                    users[0].id,
                    PasswordRequest::Own(seatkeeper::secrets::Secret::new(typed)),
                    None,
                    now,
                )
                .unwrap()
                .change_id,
        );
        let set = store.change_password(&keychain, users[1].id, PasswordRequest::Generate, None, now).unwrap();
        ids.push(set.change_id);
        let slot = licences.iter().find(|l| l.is_empty_slot).unwrap();
        let a = AccountInput {
            first_name: "Logged".into(),
            last_name: "Once".into(),
            login: "logged.once".into(),
            usage_location: "FR".into(),
            domain: None,
        };
        store.activate_licence(slot.id, &a, now).unwrap();
        store
            .add_user(payg.id, &AccountInput { login: "new.payg".into(), ..a }, LicenceType::OfficeProPlus, now)
            .unwrap();
        let request = OrderRequest {
            account_id: prepaid.account_id,
            group_id: Some(prepaid.id),
            licence_type: LicenceType::OfficeBusiness,
            renewal_period: "P1M".into(),
            quantity: 1,
        };
        store.place_order(&request, now).unwrap();
        (set.password.expect("a generated password is shown once"), ids)
    };

    // Until every change went through.
    let mut done = false;
    for _ in 0..40 {
        let out = run(dir.path(), &["sync"], "");
        let store = Store::open_in(dir.path()).unwrap();
        let open = store
            .list_changes(Default::default())
            .unwrap()
            .into_iter()
            .filter(|c| c.state != ChangeState::Done)
            .count();
        if out.status.success() && open == 0 {
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(done, "the changes never all went through");
    assert_eq!(sim.count("POST", "/license/officePrepaid/*/changePassword"), 2, "both passwords were sent");
    // The keys given again, and a backup: logged too.
    let keys = run(dir.path(), &["account", "keys", "--name", "Bureau"], &format!("{APP_SECRET}\n{CONSUMER_KEY}\n"));
    assert!(keys.status.success(), "{}", text(&keys));
    let backup = dir.path().join("b.skbackup");
    assert!(run(dir.path(), &["backup", backup.to_str().unwrap()], "").status.success());

    let logs = dir.path().join("logs");
    let mut all = String::new();
    for entry in std::fs::read_dir(&logs).expect("a logs folder beside the data") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("seatkeeper-cli.") && name.ends_with(".log"), "{name}");
        all.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    // The logs are real: structured lines that tell the story.
    let lines: Vec<serde_json::Value> =
        all.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert!(lines.len() > 20, "{} lines", lines.len());
    assert!(lines.iter().all(|l| l["timestamp"].is_string() && l["level"].is_string() && l["target"].is_string()));
    let said = |message: &str| lines.iter().any(|l| l["message"] == message);
    for message in ["Seatkeeper started", "sync done", "change", "OVHcloud answered", "backup written", "keychain"] {
        assert!(said(message), "no “{message}” in the logs");
    }
    for id in ids {
        assert!(lines.iter().any(|l| l["message"] == "change" && l["change"] == id), "change {id} is not in the logs");
    }
    // And not one secret.
    for secret in [APP_SECRET, CONSUMER_KEY, typed, generated.as_str()] {
        assert!(!all.contains(secret), "a secret is in the logs");
    }
}
