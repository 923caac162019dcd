//! Backups and restores: a round trip keeps every row; a corrupt, truncated, foreign or
//! newer file is refused with a clear error in French and English and the current
//! database untouched; an older backup is migrated; a backup made while a sync writes (a
//! real `seatkeeper sync` process) is a consistent snapshot; the daily backup keeps the
//! last seven; secrets never travel, and the restored accounts need their keys again.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use rusqlite::Connection;
use seatkeeper::backup::{WindowLock, restore};
use seatkeeper::error::{BackupProblem, Error};
use seatkeeper::i18n::{Lang, Localize};
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::backup::{BackupKind, inspect};
use seatkeeper::store::sample::SampleSize;
use seatkeeper::store::{LATEST_VERSION, PasswordRequest, Store, accounts};
use seatkeeper_simulator::{APP_KEY, APP_SECRET, CONSUMER_KEY, Faults, Seed, Simulator, SimulatorConfig};
use time::macros::datetime;

const BIN: &str = env!("CARGO_BIN_EXE_seatkeeper");
const NOW: time::OffsetDateTime = datetime!(2026-12-01 09:30 UTC);
const LATER: time::OffsetDateTime = datetime!(2026-12-02 18:00 UTC);

/// Every row of every table, as text, table by table (the installation id aside: a
/// restore gives the database a new one on purpose).
fn rows(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut all = BTreeMap::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut out: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..columns)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        other => format!("{other:?}"),
                    })
                    .collect::<Vec<_>>();
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        if table == "settings" {
            out.retain(|row| !row.contains("installationId"));
        }
        // Some tables have no rowid: compare the rows as a set.
        out.sort();
        all.insert(table, out);
    }
    all
}

/// A database with something in every table: the sample data, a connected account
/// with its keys, a queued password change (its password in the keychain), installs.
fn filled(dir: &Path, secrets: &dyn SecretStore) -> Store {
    let store = Store::open_in(dir).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    let account_id =
        store.write(|tx| accounts::add(tx, "Bureau", "ovh-eu", "AK-bureau", "2026-12-01T09:00:00Z")).unwrap();
    secrets.set(SecretKey::ApplicationSecret { account_id }, &Secret::new("bureau-application-secret")).unwrap();
    secrets.set(SecretKey::ConsumerKey { account_id }, &Secret::new("bureau-consumer-key")).unwrap();
    let group = store.list_groups().unwrap().into_iter().next().unwrap();
    let user = store.list_licences(group.id).unwrap().into_iter().find(|l| !l.is_empty_slot).unwrap();
    store.change_password(secrets, user.id, PasswordRequest::Own(Secret::new("Backup-Pa55word!")), None, NOW).unwrap();
    store
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

fn cli(dir: &Path, args: &[&str], lang: &str) -> Output {
    Command::new(BIN).arg("--data-dir").arg(dir).args(args).env("LANG", lang).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn before_restore_copies(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("backups"))
        .map(|d| d.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("before-restore")).count())
        .unwrap_or(0)
}

#[test]
fn a_round_trip_keeps_every_row_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecrets::default();
    let store = filled(dir.path(), &secrets);
    let db = store.path().to_path_buf();
    let saved = rows(&db);
    assert!(saved.iter().filter(|(_, r)| !r.is_empty()).count() >= 10, "most tables have rows: {:?}", saved.keys());

    let file = dir.path().join("elsewhere/my backup.skbackup");
    let info = seatkeeper::backup::back_up(&store, &file, NOW).unwrap();
    assert_eq!(info.manifest.schema_version, LATEST_VERSION);
    assert_eq!(info.manifest.app_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.manifest.kind, BackupKind::Manual);
    assert_eq!(info.manifest.created_at, "2026-12-01T09:30:00Z");
    assert_eq!(info.accounts, 1);
    assert!(info.licences >= 30 && info.installs > 0, "{info:?}");
    // No secret in the file (they are never in the database), no WAL beside it.
    let bytes = std::fs::read(&file).unwrap();
    for secret in ["bureau-application-secret", "bureau-consumer-key", "Backup-Pa55word!"] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "a secret is in the backup");
    }
    assert!(!file.with_extension("skbackup-wal").exists());

    // Then the data changes: a group renamed, the history and the installs gone.
    let group = store.list_groups().unwrap()[0].id;
    store.rename_group(group, "Renamed after the backup", LATER).unwrap();
    store.write(|tx| Ok(tx.execute_batch("DELETE FROM history; DELETE FROM installs;")?)).unwrap();
    assert_ne!(rows(&db), saved);
    let before = store.installation_id().unwrap();

    let report = block_on(restore(&store, &secrets, &file, true, LATER)).unwrap();
    let restored = rows(&db);
    assert_eq!(restored.keys().collect::<Vec<_>>(), saved.keys().collect::<Vec<_>>());
    for (table, rows) in &saved {
        assert_eq!(&restored[table], rows, "{table}: every row is back");
    }
    assert_eq!(report.backup.manifest.created_at, "2026-12-01T09:30:00Z");
    assert_eq!(report.accounts_needing_keys, ["Bureau"], "secrets are not in a backup");
    assert_ne!(store.installation_id().unwrap(), before, "a restored database is a new installation");
    assert!(secrets.is_empty(), "the replaced database's secrets left the keychain");
    // The replaced database was kept aside, as a backup that can be restored in turn.
    let aside = PathBuf::from(&report.kept_aside);
    assert!(aside.starts_with(dir.path().join("backups")), "{aside:?}");
    let kept = inspect(&aside, &dir.path().join("backups")).unwrap();
    assert_eq!(kept.manifest.kind, BackupKind::BeforeRestore);
    assert_eq!(count(&aside, "SELECT count(*) FROM installs"), 0, "what was replaced, as it was");
    // The store keeps working on the restored data.
    assert_eq!(store.list_groups().unwrap().len(), saved["licence_groups"].len());
    store.rename_group(store.list_groups().unwrap()[0].id, "After the restore", LATER).unwrap();
}

/// A refused file: the problem expected, and words of the English and French messages.
type Case<'a> = (&'a Path, fn(&BackupProblem) -> bool, &'a str, &'a str);

#[test]
fn corrupt_truncated_foreign_and_newer_files_are_refused_and_nothing_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecrets::default();
    let store = filled(dir.path(), &secrets);
    let db = store.path().to_path_buf();
    let good = dir.path().join("good.skbackup");
    seatkeeper::backup::back_up(&store, &good, NOW).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page);

    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    // Corrupt: a b-tree page in the middle overwritten.
    let corrupt = files.join("corrupt.skbackup");
    let mut damaged = bytes.clone();
    let middle = (bytes.len() / page / 2) * page;
    damaged[middle..middle + page].fill(0x5A);
    std::fs::write(&corrupt, &damaged).unwrap();
    // Truncated: the copy of a backup cut off half way (a full disk, a USB key pulled).
    let truncated = files.join("truncated.skbackup");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let stub = files.join("stub.skbackup");
    std::fs::write(&stub, &bytes[..40]).unwrap();
    // Foreign: another program's SQLite file, a spreadsheet, Seatkeeper's own live
    // database file (not a backup: no manifest).
    let foreign = files.join("other-app.skbackup");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    let csv = files.join("users.csv");
    std::fs::write(&csv, "first name,last name,login\nAda,Lovelace,ada\n").unwrap();
    let raw_db = files.join("seatkeeper.db.copy");
    store.read(|c| Ok(c.execute("VACUUM INTO ?1", [raw_db.to_string_lossy()])?)).unwrap();
    // Newer: made by a Seatkeeper whose schema is ahead of this one.
    let newer = files.join("newer.skbackup");
    std::fs::copy(&good, &newer).unwrap();
    {
        let c = Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        c.execute(
            "UPDATE seatkeeper_backup SET value = ?1 WHERE key = 'schemaVersion'",
            [(LATEST_VERSION + 1).to_string()],
        )
        .unwrap();
    }

    let cases: [Case; 7] = [
        (&corrupt, |p| matches!(p, BackupProblem::Damaged { .. }), "damaged or incomplete", "endommagée ou incomplète"),
        (
            &truncated,
            |p| matches!(p, BackupProblem::Damaged { .. }),
            "damaged or incomplete",
            "endommagée ou incomplète",
        ),
        (&stub, |p| matches!(p, BackupProblem::Damaged { .. }), "damaged or incomplete", "endommagée ou incomplète"),
        (&foreign, |p| *p == BackupProblem::NotABackup, "not a Seatkeeper backup", "n'est pas une sauvegarde"),
        (&csv, |p| *p == BackupProblem::NotABackup, "not a Seatkeeper backup", "n'est pas une sauvegarde"),
        (&raw_db, |p| *p == BackupProblem::NotABackup, "not a Seatkeeper backup", "n'est pas une sauvegarde"),
        (
            &newer,
            |p| matches!(p, BackupProblem::TooNew { .. }),
            "newer version of Seatkeeper",
            "plus récente de Seatkeeper",
        ),
    ];
    let saved = rows(&db);
    let installation = store.installation_id().unwrap();
    for (file, expected, en, fr) in cases {
        let err = block_on(restore(&store, &secrets, file, true, LATER)).unwrap_err();
        match &err {
            Error::Backup(problem) if expected(problem) => {}
            other => panic!("{}: {other:?}", file.display()),
        }
        let (in_en, in_fr) = (err.localize(Lang::En), err.localize(Lang::Fr));
        assert!(in_en.contains(en) && in_en.contains("current data is untouched"), "{in_en}");
        assert!(in_fr.contains(fr) && in_fr.contains("données actuelles sont intactes"), "{in_fr}");
        assert_eq!(err.to_ipc(Lang::Fr).code, seatkeeper::error::ErrorCode::InvalidInput);
        assert_eq!(rows(&db), saved, "{}: the database is untouched", file.display());
        assert_eq!(store.installation_id().unwrap(), installation);
        assert_eq!(before_restore_copies(dir.path()), 0, "nothing was replaced, so nothing kept aside");
        assert!(!secrets.is_empty(), "the keys are still there");
    }
    drop(store);

    // The command line says the same, in the user's language, and exits 1.
    for (file, _, en, fr) in cases {
        let out = cli(dir.path(), &["restore", file.to_str().unwrap()], "fr_FR.UTF-8");
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains(fr), "{}", text(&out));
        let out = cli(dir.path(), &["restore", file.to_str().unwrap()], "C.UTF-8");
        assert!(text(&out).contains(en), "{}", text(&out));
        assert_eq!(rows(&db), saved, "{}: untouched by the command line", file.display());
    }
    let missing = cli(dir.path(), &["restore", "/no/such/backup.skbackup"], "C.UTF-8");
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing).contains("/no/such/backup.skbackup"), "{}", text(&missing));
    // The files the user gave were only read.
    assert_eq!(std::fs::read(&good).unwrap(), bytes);
}

#[test]
fn an_older_backup_is_migrated_when_restored() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    // The committed schema-3 database, turned into a backup of that version.
    let old = dir.path().join("v3.skbackup");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seatkeeper-v3.sqlite"), &old).unwrap();
    let licences = count(&old, "SELECT count(*) FROM licences");
    {
        let c = Connection::open(&old).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.pragma_update(None, "application_id", seatkeeper::store::backup::APPLICATION_ID).unwrap();
        c.execute_batch(
            "CREATE TABLE seatkeeper_backup (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO seatkeeper_backup VALUES ('app', 'Seatkeeper'), ('appVersion', '0.0.3'),
               ('schemaVersion', '3'), ('createdAt', '2026-10-01T08:00:00Z'), ('kind', 'manual');",
        )
        .unwrap();
    }
    let report = block_on(restore(&store, &MemorySecrets::default(), &old, true, LATER)).unwrap();
    assert_eq!(report.backup.manifest.schema_version, 3);
    let version: i64 = store.read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)).unwrap();
    assert_eq!(version, LATEST_VERSION, "migrated to this app's schema");
    assert_eq!(count(store.path(), "SELECT count(*) FROM licences"), licences);
    assert!(
        !std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .any(|e| { e.unwrap().file_name().to_string_lossy().ends_with(".bak") }),
        "no pre-migration copy of the temporary file is left"
    );
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_the_last_seven_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    for day in 1..=9 {
        let at = NOW + time::Duration::days(day);
        let made = store.back_up_daily(at).unwrap().expect("the first of the day is made");
        assert!(store.back_up_daily(at + time::Duration::hours(3)).unwrap().is_none(), "once a day");
        assert_eq!(inspect(&made, dir.path()).unwrap().manifest.kind, BackupKind::Automatic);
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(names[0], "seatkeeper-auto-2026-12-04.skbackup");
    assert_eq!(names[6], "seatkeeper-auto-2026-12-10.skbackup");
    assert_eq!(store.last_daily_backup().unwrap().file_name().unwrap(), "seatkeeper-auto-2026-12-10.skbackup");
}

#[test]
fn a_sync_whose_automatic_backup_failed_says_so_in_its_exit_status_and_status_until_one_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    drop(store);
    // The backups folder cannot be made: a file stands where it should be.
    let backups = dir.path().join("backups");
    std::fs::write(&backups, b"not a folder").unwrap();
    for (lang, said) in
        [("C.UTF-8", "the automatic backup failed"), ("fr_FR.UTF-8", "la sauvegarde automatique a échoué")]
    {
        let out = cli(dir.path(), &["sync"], lang);
        assert_eq!(out.status.code(), Some(1), "a scheduled task sees the failure: {}", text(&out));
        assert!(text(&out).contains(said), "{}", text(&out));
    }
    let status = cli(dir.path(), &["status", "--json"], "C.UTF-8");
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let failure = &json["automaticBackupFailure"];
    assert!(failure["detail"].as_str().is_some_and(|d| d.contains("backups")), "{json}");
    assert!(failure["at"].as_str().is_some_and(|at| at.ends_with('Z')), "{json}");
    assert!(text(&cli(dir.path(), &["status"], "C.UTF-8")).contains("automatic backup: FAILED"));
    let store = Store::open_in(dir.path()).unwrap();
    assert!(store.backup_failure().unwrap().is_some(), "the window reads it from the database too");
    drop(store);

    std::fs::remove_file(&backups).unwrap();
    let out = cli(dir.path(), &["sync"], "C.UTF-8");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.backup_failure().unwrap(), None, "a backup that succeeds ends it");
    assert!(store.last_daily_backup().is_some());
    let status = cli(dir.path(), &["status", "--json"], "C.UTF-8");
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert!(json["automaticBackupFailure"].is_null(), "{json}");
}

#[test]
fn the_command_line_refuses_to_restore_under_an_open_window_and_waits_for_a_sync() {
    let dir = tempfile::tempdir().unwrap();
    let db = {
        let store = Store::open_in(dir.path()).unwrap();
        store.load_sample(NOW, SampleSize::default()).unwrap();
        store.path().to_path_buf()
    };
    let file = dir.path().join("b.skbackup");
    let out = cli(dir.path(), &["backup", file.to_str().unwrap()], "C.UTF-8");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("licences"), "{}", text(&out));

    let saved = rows(&db);
    let window = WindowLock::try_acquire(&db).unwrap().expect("no window yet");
    let out = cli(dir.path(), &["restore", file.to_str().unwrap()], "fr_FR.UTF-8");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("La fenêtre de Seatkeeper a cette base ouverte"), "{}", text(&out));
    assert_eq!(rows(&db), saved);
    drop(window);

    // A sync running: the restore waits for it, then restores.
    let sync = seatkeeper::sync::SyncLock::try_acquire(&db, "command line").unwrap();
    let restoring = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["restore", file.to_str().unwrap()])
        .env("LANG", "C.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(before_restore_copies(dir.path()), 0, "nothing replaced while the sync holds the lock");
    drop(sync);
    let out = restoring.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("The database it replaced was kept at"), "{}", text(&out));
    assert_eq!(before_restore_copies(dir.path()), 1);
}

/// A real `seatkeeper sync` process pulls several large groups (each in its own
/// transaction) while `seatkeeper backup` processes run: every backup is an intact
/// snapshot, and each restores.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_made_while_a_sync_writes_are_consistent_snapshots() {
    let seed = Seed::empty()
        .with_payg_group("office8101.o365.ovh.com", "North", 0, 1200)
        .with_payg_group("office8102.o365.ovh.com", "South", 0, 1200)
        .with_payg_group("office8103.o365.ovh.com", "East", 0, 1200)
        .with_payg_group("office8104.o365.ovh.com", "West", 0, 1200);
    let sim = Simulator::start(SimulatorConfig::for_tests(seed)).await.unwrap();
    sim.set_faults(Faults { latency: Duration::from_millis(120), ..Faults::default() });
    let dir = tempfile::tempdir().unwrap();
    let mut add = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["account", "add", "--name", "Bureau", "--endpoint", &sim.base_url(), "--application-key", APP_KEY])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{APP_SECRET}\n{CONSUMER_KEY}\n").as_bytes()).unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));

    let owner = dir.path().join("seatkeeper.db.sync-owner");
    let mut sync = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !owner.exists() && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut during = Vec::new();
    for i in 0.. {
        if sync.try_wait().unwrap().is_some() {
            break;
        }
        let file = dir.path().join(format!("during-{i}.skbackup"));
        let out = cli(dir.path(), &["backup", file.to_str().unwrap()], "C.UTF-8");
        assert!(out.status.success(), "{}", text(&out));
        // Only those that ended while the sync was still writing count.
        if sync.try_wait().unwrap().is_none() && owner.exists() {
            during.push(file);
        }
    }
    assert!(sync.wait().unwrap().success());
    // A scheduled sync also makes the day's automatic backup.
    let today = seatkeeper::store::day(time::OffsetDateTime::now_utc().date());
    assert!(dir.path().join(format!("backups/seatkeeper-auto-{today}.skbackup")).exists());
    eprintln!("backups made while the sync was writing: {}", during.len());
    assert!(during.len() >= 2, "the backups did not overlap the sync: the test proves nothing");
    let mut seen = std::collections::BTreeSet::new();
    for file in &during {
        // Intact: integrity and foreign keys checked, a manifest, readable counts.
        let info = inspect(file, &dir.path().join("check")).unwrap();
        seen.insert(info.licences);
        // Each group is whole in it, or absent: a snapshot never holds half a pull.
        let c = Connection::open(file).unwrap();
        let per_group: Vec<i64> = c
            .prepare("SELECT count(l.id) FROM licence_groups g LEFT JOIN licences l ON l.group_id = g.id GROUP BY g.id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(per_group.iter().all(|n| *n == 1200), "{}: {per_group:?}", file.display());
    }
    eprintln!("licences in the snapshots: {seen:?}");
    // And the last one restores over a fresh data directory.
    let other = tempfile::tempdir().unwrap();
    let out = cli(other.path(), &["restore", during.last().unwrap().to_str().unwrap()], "C.UTF-8");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("need their keys again") && text(&out).contains("Bureau"), "{}", text(&out));
    let live = dir.path().join("seatkeeper.db");
    assert_eq!(count(&live, "SELECT count(*) FROM licences"), 4 * 1200, "the sync itself finished whole");
}
