//! What Windows does differently, on Windows (the Wine leg of CI, tests/windows/wine.sh):
//! a file that is open cannot be replaced or deleted, a flush needs a handle that may
//! write, user folders have accents and spaces (`C:\Users\Élodie Lefèvre\AppData\…`), the
//! data and logs live in `%APPDATA%` and `%LOCALAPPDATA%`, text piped in ends its lines
//! with CRLF, secrets go to the Windows Credential Manager, and a scheduled task reads the
//! exit status of `seatkeeper sync`.
#![cfg(windows)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;
use seatkeeper::secrets::{Backend, Keychain, SecretKey, SecretStore};
use seatkeeper::store::Store;
use seatkeeper::store::backup::{BackupKind, inspect};
use seatkeeper::store::sample::SampleSize;
use seatkeeper_simulator::{APP_KEY, APP_SECRET, CONSUMER_KEY, Seed, Simulator, SimulatorConfig};

const BIN: &str = env!("CARGO_BIN_EXE_seatkeeper");
const NOW: time::OffsetDateTime = time::macros::datetime!(2026-12-03 10:00 UTC);

/// A user's profile as Windows lays it out, under a name with an accent and a space.
struct Profile {
    _root: tempfile::TempDir,
    roaming: PathBuf,
    local: PathBuf,
}

impl Profile {
    fn new() -> Profile {
        let root = tempfile::tempdir().unwrap();
        let home = root.path().join("Users").join("Élodie Lefèvre");
        let roaming = home.join("AppData").join("Roaming");
        let local = home.join("AppData").join("Local");
        std::fs::create_dir_all(&roaming).unwrap();
        std::fs::create_dir_all(&local).unwrap();
        Profile { _root: root, roaming, local }
    }

    /// `seatkeeper.exe ARGS` as this user starts it: no `--data-dir`, their folders.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(BIN)
            .args(args)
            .env("APPDATA", &self.roaming)
            .env("LOCALAPPDATA", &self.local)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn data_dir(&self) -> PathBuf {
        self.roaming.join("app.seatkeeper.desktop")
    }
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn the_data_and_the_logs_go_to_appdata_and_localappdata_under_a_name_with_accents_and_spaces() {
    let user = Profile::new();
    let out = user.run(&["sample", "load"], "");
    assert!(out.status.success(), "{}", text(&out));
    let db = user.data_dir().join("seatkeeper.db");
    assert!(db.is_file(), "the database is in %APPDATA%\\app.seatkeeper.desktop: {:?}", names_in(&user.roaming));
    let logs = user.local.join("app.seatkeeper.desktop").join("logs");
    let logged = names_in(&logs);
    assert!(logged.iter().any(|n| n.starts_with("seatkeeper-cli") && n.ends_with(".log")), "{logged:?}");
    let status = user.run(&["status"], "");
    assert!(status.status.success(), "{}", text(&status));
    assert!(
        String::from_utf8_lossy(&status.stdout).contains(&format!("database: {}", db.display())),
        "{}",
        text(&status)
    );

    // A backup and its restore through those paths, and to a folder with accents too.
    let file = user.roaming.parent().unwrap().join("Mes sauvegardes — été").join("copie n°1.skbackup");
    let out = user.run(&["backup", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(inspect(&file, &user.local).unwrap().manifest.kind, BackupKind::Manual);
    let out = user.run(&["restore", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out));
    let backups = names_in(&user.data_dir().join("backups"));
    assert!(backups.iter().any(|n| n.starts_with("seatkeeper-before-restore-")), "{backups:?}");
    assert!(!backups.iter().any(|n| n.starts_with('.')), "no work file is left behind: {backups:?}");
}

#[test]
fn backups_are_made_and_rotated_while_the_database_its_wal_and_an_old_backup_are_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    // Another process's view of the database, in the middle of a read: the database,
    // its -wal and its -shm are all open.
    let reader = Connection::open(store.path()).unwrap();
    reader.execute_batch("BEGIN; SELECT count(*) FROM licences;").unwrap();
    for side in ["seatkeeper.db-wal", "seatkeeper.db-shm"] {
        assert!(dir.path().join(side).exists(), "{side} is there (WAL)");
    }

    let manual = dir.path().join("copie.skbackup");
    store.back_up_to(&manual, BackupKind::Manual, NOW).unwrap();
    // Again over the first: the new copy replaces the old one.
    let again = store.back_up_to(&manual, BackupKind::Manual, NOW).unwrap();
    assert_eq!(again.licences, inspect(&manual, dir.path()).unwrap().licences);

    let backups = dir.path().join("backups");
    for day in 1..=7 {
        store.back_up_daily(NOW + time::Duration::days(day)).unwrap().unwrap();
    }
    // The oldest automatic backup is open (as a program looking into it keeps it):
    // Windows will not delete it, and the rotation must not fail for that.
    let oldest = backups.join("seatkeeper-auto-2026-12-04.skbackup");
    let held = Connection::open(&oldest).unwrap();
    let _: i64 = held.query_row("SELECT count(*) FROM licences", [], |r| r.get(0)).unwrap();
    let made = store.back_up_daily(NOW + time::Duration::days(8)).unwrap();
    assert!(made.is_some(), "the day's backup is made although an old one cannot be removed yet");
    let names = names_in(&backups);
    assert_eq!(names.len(), 8, "the open one stays, the others rotate: {names:?}");
    assert!(names.contains(&"seatkeeper-auto-2026-12-04.skbackup".to_string()));
    assert!(!names.iter().any(|n| n.starts_with('.')), "no partial file is left: {names:?}");
    drop(held);
    store.back_up_daily(NOW + time::Duration::days(9)).unwrap().unwrap();
    let names = names_in(&backups);
    assert_eq!(names.len(), 7, "once closed, it goes at the next rotation: {names:?}");
    assert_eq!(names[0], "seatkeeper-auto-2026-12-06.skbackup");
    reader.execute_batch("COMMIT").unwrap();
}

#[test]
fn a_restore_replaces_the_data_while_the_database_is_open_in_other_connections() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    let file = dir.path().join("avant.skbackup");
    store.back_up_to(&file, BackupKind::Manual, NOW).unwrap();
    store.remove_sample().unwrap();
    assert!(store.list_groups().unwrap().is_empty());

    // The window's connection (the store) and another reader stay open throughout.
    let reader = Connection::open(store.path()).unwrap();
    let before: i64 = reader.query_row("SELECT count(*) FROM licence_groups", [], |r| r.get(0)).unwrap();
    assert_eq!(before, 0);
    let aside = dir.path().join("backups").join("remplacée.skbackup");
    let restored = store.restore_from(&file, &aside, NOW + time::Duration::hours(1)).unwrap();
    assert!(restored.backup.groups > 0);
    assert_eq!(store.list_groups().unwrap().len() as u32, restored.backup.groups, "the open store sees it");
    let after: i64 = reader.query_row("SELECT count(*) FROM licence_groups", [], |r| r.get(0)).unwrap();
    assert_eq!(after as u32, restored.backup.groups, "so does the other connection");
    assert_eq!(inspect(&aside, dir.path()).unwrap().groups, 0, "the replaced database was kept aside");
    let left = names_in(&dir.path().join("backups"));
    assert!(!left.iter().any(|n| n.starts_with('.')), "no work file is left behind: {left:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_piped_with_crlf_go_to_the_credential_manager_without_the_cr() {
    let sim = Simulator::start(SimulatorConfig::for_tests(Seed::demo())).await.unwrap();
    let user = Profile::new();
    // `type keys.txt | seatkeeper account add …` in cmd.exe: CRLF line ends.
    let out = user.run(
        &["account", "add", "--name", "Bureau", "--endpoint", &sim.base_url(), "--application-key", APP_KEY],
        &format!("{APP_SECRET}\r\n{CONSUMER_KEY}\r\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    let store = Store::open_in(&user.data_dir()).unwrap();
    let account = store.list_accounts().unwrap().into_iter().next().unwrap();
    // Read back from another process (this one) through the Credential Manager.
    let keychain = Keychain::for_installation(store.installation_id().unwrap());
    assert_eq!(keychain.status().backend, Backend::Platform);
    let secret = keychain.get(SecretKey::ApplicationSecret { account_id: account.id }).unwrap().unwrap();
    assert_eq!(secret.expose(), APP_SECRET);
    let consumer = keychain.get(SecretKey::ConsumerKey { account_id: account.id }).unwrap().unwrap();
    assert_eq!(consumer.expose(), CONSUMER_KEY);
    // The entry is Windows' own: keyring's Credential Manager credential finds it by name.
    let name = format!(
        "{}/{}",
        store.installation_id().unwrap(),
        SecretKey::ConsumerKey { account_id: account.id }.entry_name()
    );
    let entry = keyring::Entry::new(seatkeeper::secrets::SERVICE, &name).unwrap();
    assert_eq!(entry.get_password().unwrap(), CONSUMER_KEY);

    // A scheduled task's view: the sync's exit status.
    let synced = user.run(&["sync"], "");
    assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    let usage = user.run(&["sync", "--no-such-flag"], "");
    assert_eq!(usage.status.code(), Some(2), "{}", text(&usage));
    let lock = seatkeeper::sync::SyncLock::try_acquire(store.path(), "test").expect("free");
    let busy = user.run(&["sync"], "");
    assert_eq!(busy.status.code(), Some(3), "{}", text(&busy));
    drop(lock);

    for key in
        [SecretKey::ApplicationSecret { account_id: account.id }, SecretKey::ConsumerKey { account_id: account.id }]
    {
        keychain.delete(key).unwrap();
    }
    assert!(entry.get_password().is_err(), "deleted from the Credential Manager");
}

#[test]
fn old_logs_are_pruned_by_date_and_one_held_open_elsewhere_waits_without_a_word_on_stderr() {
    use std::os::windows::fs::OpenOptionsExt;
    let user = Profile::new();
    let logs = user.local.join("app.seatkeeper.desktop").join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    for day in 1..=20 {
        std::fs::write(logs.join(format!("seatkeeper-cli.2020-01-{day:02}.log")), "{}\n").unwrap();
    }
    // A viewer has the oldest open and lets others read it, not delete it.
    const FILE_SHARE_READ: u32 = 1;
    let held_path = logs.join("seatkeeper-cli.2020-01-01.log");
    let held = std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&held_path).unwrap();
    assert!(std::fs::remove_file(&held_path).is_err(), "Windows refuses to delete it while it is open");

    let out = user.run(&["status"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(out.stderr.is_empty(), "nothing on stderr: {}", String::from_utf8_lossy(&out.stderr));
    let names = names_in(&logs);
    let old: Vec<&String> = names.iter().filter(|n| n.starts_with("seatkeeper-cli.2020-")).collect();
    // 13 old ones and today's are kept; the held one waits beside them.
    assert_eq!(old.len(), 14, "{names:?}");
    assert_eq!(old[0], "seatkeeper-cli.2020-01-01.log");
    assert_eq!(old[1], "seatkeeper-cli.2020-01-08.log");
    drop(held);
    let out = user.run(&["status"], "");
    assert!(out.status.success(), "{}", text(&out));
    let names = names_in(&logs);
    assert!(!names.contains(&"seatkeeper-cli.2020-01-01.log".to_string()), "gone once closed: {names:?}");
    let today: Vec<&String> = names.iter().filter(|n| !n.starts_with("seatkeeper-cli.2020-")).collect();
    assert_eq!(today.len(), 1, "{names:?}");
    let written = std::fs::read_to_string(logs.join(today[0])).unwrap();
    assert!(written.contains("could not be removed yet"), "the first run said why in its log: {written}");
}
