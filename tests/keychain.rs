//! The Linux keychains for real. Under a D-Bus session with GNOME Keyring unlocked
//! (`.ci/test` runs this file again under `dbus-run-session`, with
//! SEATKEEPER_TEST_SECRET_SERVICE=1): secrets go to the Secret Service, and a scheduled
//! sync that has no D-Bus session fails with a message saying what to do, sending nothing
//! and parking nothing. Without one (SEATKEEPER_REAL_KEYCHAIN=1 inside `keyctl session`):
//! the kernel keyring is the fallback, and `seatkeeper account add` says plainly that
//! the keys will not survive a reboot. Each test is skipped where its keychain is absent.
#![cfg(target_os = "linux")]

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use seatkeeper::domain::GroupFamily;
use seatkeeper::secrets::{Backend, Keychain, Secret, SecretKey, SecretStore};
use seatkeeper::store::{ChangeState, PasswordRequest, Store};
use seatkeeper_simulator::{APP_KEY, APP_SECRET, CONSUMER_KEY, Seed, Simulator, SimulatorConfig};

const BIN: &str = env!("CARGO_BIN_EXE_seatkeeper");

fn secret_service_run() -> bool {
    std::env::var_os("SEATKEEPER_TEST_SECRET_SERVICE").is_some()
}

fn kernel_run() -> bool {
    std::env::var_os("SEATKEEPER_REAL_KEYCHAIN").is_some() && !secret_service_run()
}

/// The command line as cron or SSH runs it: no D-Bus session at all.
fn without_session_bus(cmd: &mut Command) -> &mut Command {
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS").env_remove("XDG_RUNTIME_DIR")
}

fn run(dir: &Path, args: &[&str], stdin: &str, lang: &str, bus: bool) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("--data-dir").arg(dir).args(args).env("LANG", lang);
    if !bus {
        without_session_bus(&mut cmd);
    }
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn add_account(dir: &Path, base_url: &str, lang: &str, bus: bool) -> Output {
    run(
        dir,
        &["account", "add", "--name", "Bureau", "--endpoint", base_url, "--application-key", APP_KEY],
        &format!("{APP_SECRET}\n{CONSUMER_KEY}\n"),
        lang,
        bus,
    )
}

#[test]
fn the_secret_service_keeps_the_secrets_when_it_answers() {
    if !secret_service_run() {
        eprintln!("skipped: run under dbus-run-session with GNOME Keyring unlocked (SEATKEEPER_TEST_SECRET_SERVICE=1)");
        return;
    }
    let service = "app.seatkeeper.desktop.test-secret-service";
    let keychain = Keychain::with_service(service);
    let status = keychain.status();
    assert_eq!((status.backend, status.persistent, status.problem), (Backend::SecretService, true, None));
    let key = SecretKey::ConsumerKey { account_id: 77 };
    keychain.set(key, &Secret::new("ck-in-the-login-keyring")).unwrap();
    // Really in the Secret Service: found there, by its attributes, with its value.
    let ss = dbus_secret_service::SecretService::connect(dbus_secret_service::EncryptionType::Dh).unwrap();
    let found = ss.search_items(HashMap::from([("service", service)])).unwrap();
    let items: Vec<_> = found.unlocked.iter().chain(found.locked.iter()).collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].get_secret().unwrap(), b"ck-in-the-login-keyring");
    assert_eq!(keychain.get(key).unwrap().unwrap().expose(), "ck-in-the-login-keyring");
    keychain.delete(key).unwrap();
    assert_eq!(keychain.get(key).unwrap(), None);
    assert!(ss.search_items(HashMap::from([("service", service)])).unwrap().unlocked.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_sync_without_a_desktop_session_says_what_to_do_and_sends_nothing() {
    if !secret_service_run() {
        eprintln!("skipped: run under dbus-run-session with GNOME Keyring unlocked (SEATKEEPER_TEST_SECRET_SERVICE=1)");
        return;
    }
    let sim = Simulator::start(SimulatorConfig::for_tests(Seed::demo())).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = add_account(dir.path(), &sim.base_url(), "C.UTF-8", true);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("reboot"), "the Secret Service keeps them: no warning: {}", text(&out));
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.keychain_backend().unwrap(), Some(Backend::SecretService), "recorded for the database");
    let status = run(dir.path(), &["status"], "", "C.UTF-8", true);
    assert!(text(&status).contains("keychain: secret-service"), "{}", text(&status));
    let first = run(dir.path(), &["sync"], "", "C.UTF-8", true);
    assert!(first.status.success(), "{}", text(&first));

    // A new password waits in the Secret Service.
    let keychain = seatkeeper::state::open_keychain(Some(&store));
    let prepaid = store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
    let user = store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot).unwrap();
    let now = time::OffsetDateTime::now_utc();
    let set = store.change_password(&keychain, user.id, PasswordRequest::Generate, None, now).unwrap();
    sim.clear_log();

    // cron: no D-Bus session. Refused before anything is read or sent, in words.
    for (lang, words) in [
        ("C.UTF-8", ["desktop's keyring (the Secret Service)", "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/"]),
        (
            "fr_FR.UTF-8",
            ["trousseau de votre bureau (le Secret Service)", "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/"],
        ),
    ] {
        let cron = run(dir.path(), &["sync"], "", lang, false);
        assert_eq!(cron.status.code(), Some(1), "{}", text(&cron));
        for w in words {
            assert!(text(&cron).contains(w), "{lang}: {}", text(&cron));
        }
        let cron_status = run(dir.path(), &["status"], "", lang, false);
        assert!(text(&cron_status).contains("unreachable from here"), "{}", text(&cron_status));
    }
    assert!(sim.requests().is_empty(), "nothing was sent");
    let change = store.list_changes(Default::default()).unwrap().into_iter().find(|c| c.id == set.change_id).unwrap();
    assert_eq!(change.state, ChangeState::Queued, "not parked: the password is safe where it was");

    // With the session's bus (what the README tells cron users to give it), it works.
    let with_bus = run(dir.path(), &["sync"], "", "C.UTF-8", true);
    assert!(with_bus.status.success(), "{}", text(&with_bus));
    assert_eq!(sim.count("POST", "/license/officePrepaid/*/changePassword"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_secret_service_the_kernel_keyring_is_used_and_said_to_be_forgetful() {
    if !kernel_run() {
        eprintln!("skipped: run inside `keyctl session` with SEATKEEPER_REAL_KEYCHAIN=1 and no Secret Service");
        return;
    }
    let sim = Simulator::start(SimulatorConfig::for_tests(Seed::demo())).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = add_account(dir.path(), &sim.base_url(), "C.UTF-8", false);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("will NOT survive a reboot"), "{}", text(&out));
    let status = run(dir.path(), &["status"], "", "C.UTF-8", false);
    assert!(text(&status).contains("keychain: kernel (lost at reboot)"), "{}", text(&status));
    let other = tempfile::tempdir().unwrap();
    let fr = add_account(other.path(), &sim.base_url(), "fr_FR.UTF-8", false);
    assert!(text(&fr).contains("ne survivront PAS à un redémarrage"), "{}", text(&fr));
    assert_eq!(Store::open_in(dir.path()).unwrap().keychain_backend().unwrap(), None, "nothing to insist on");

    // Another login session (what cron and SSH get) finds them through the user's
    // persistent kernel keyring: a scheduled sync works, until the next reboot.
    let elsewhere = Command::new("keyctl")
        .args(["session", "-", BIN, "--data-dir"])
        .arg(dir.path())
        .arg("sync")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(elsewhere.status.success(), "{}", text(&elsewhere));
    // A reboot forgets them: the sync says why and what to do, and sends nothing.
    let store = Store::open_in(dir.path()).unwrap();
    let keychain = seatkeeper::state::open_keychain(Some(&store));
    let account_id = store.list_accounts().unwrap()[0].id;
    keychain.delete(SecretKey::ApplicationSecret { account_id }).unwrap();
    keychain.delete(SecretKey::ConsumerKey { account_id }).unwrap();
    sim.clear_log();
    let after_reboot = run(dir.path(), &["sync"], "", "C.UTF-8", false);
    assert_eq!(after_reboot.status.code(), Some(1), "{}", text(&after_reboot));
    assert!(
        text(&after_reboot).contains("forgets them at every reboot")
            && text(&after_reboot).contains("seatkeeper account keys"),
        "{}",
        text(&after_reboot)
    );
    assert!(sim.requests().is_empty());
    // Given again, without touching the account's data.
    let keys = run(
        dir.path(),
        &["account", "keys", "--name", "Bureau"],
        &format!("{APP_SECRET}\n{CONSUMER_KEY}\n"),
        "C.UTF-8",
        false,
    );
    assert!(keys.status.success(), "{}", text(&keys));
    assert!(text(&keys).contains("will NOT survive a reboot"), "{}", text(&keys));
    let again = run(dir.path(), &["sync"], "", "C.UTF-8", false);
    assert!(again.status.success(), "{}", text(&again));
}
