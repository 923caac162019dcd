//! What keeping the outbox exactly-once costs: the per-database sync lock, the
//! compare-and-swap state moves and the durable (`synchronous=FULL`) "sending" mark,
//! each measured against what it replaced (no lock, an unconditional UPDATE, a normal
//! commit) in the same run, and set against a full sync of a small account with
//! changes to send. Writes its table into BENCHMARKS.md.
//!
//! `cargo run --release --features custom-protocol --example outbox_bench [-- RUNS]`

use std::time::{Duration, Instant};

use seatkeeper::domain::{AccountInput, GroupFamily, LicenceType};
use seatkeeper::ovh::{Client, RateLimit};
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::changes::{self, Transition};
use seatkeeper::store::{ChangeFilter, ChangeState, Store, accounts};
use seatkeeper::sync::{Engine, Progress, SyncLock, client_config_for};
use seatkeeper_simulator::{APP_KEY, APP_SECRET, CONSUMER_KEY, Faults, Seed, Simulator, SimulatorConfig};

const CHANGES: usize = 200;

fn user(i: usize) -> AccountInput {
    AccountInput {
        first_name: "Bench".into(),
        last_name: format!("User{i}"),
        login: format!("bench.user{i}"),
        usage_location: "FR".into(),
        domain: None,
    }
}

/// A store with the demo account synced once, and `n` users queued for creation.
async fn synced_store(
    n: usize,
) -> (tempfile::TempDir, Store, MemorySecrets, seatkeeper_simulator::SimulatorHandle, i64) {
    let mut config = SimulatorConfig::for_tests(Seed::demo());
    config.faults = Faults { latency: Duration::from_millis(50), ..Faults::default() };
    let sim = Simulator::start(config).await.expect("simulator");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store");
    let account = store
        .write(|tx| accounts::add(tx, "Bench", &sim.base_url(), APP_KEY, "2026-01-01T00:00:00Z"))
        .expect("account");
    let secrets = MemorySecrets::default();
    secrets.set(SecretKey::ApplicationSecret { account_id: account }, &Secret::new(APP_SECRET)).expect("secret");
    secrets.set(SecretKey::ConsumerKey { account_id: account }, &Secret::new(CONSUMER_KEY)).expect("ck");
    {
        let client = client(&store, &secrets, account);
        let lock = SyncLock::try_for(&store, "bench").expect("lock");
        Engine {
            store: &store,
            secrets: &secrets,
            client: &client,
            account_id: account,
            progress: &|_: Progress| {},
            lock: &lock,
        }
        .sync()
        .await
        .expect("first sync");
    }
    let payg = store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap();
    let now = time::OffsetDateTime::now_utc();
    for i in 0..n {
        store.add_user(payg.id, &user(i), LicenceType::OfficeProPlus, now).expect("queued");
    }
    (dir, store, secrets, sim, account)
}

fn client(store: &Store, secrets: &MemorySecrets, account: i64) -> Client {
    let mut config = client_config_for(store, secrets, account).expect("config");
    config.rate_limit = RateLimit::UNLIMITED;
    Client::new(config).expect("client")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(3);

    // A full sync that sends 20 new users (pull, push, follow, pull again).
    let mut syncs = Vec::new();
    for _ in 0..runs {
        let (_dir, store, secrets, sim, account) = synced_store(20).await;
        let client = client(&store, &secrets, account);
        let started = Instant::now();
        let lock = SyncLock::try_for(&store, "bench").expect("lock");
        Engine {
            store: &store,
            secrets: &secrets,
            client: &client,
            account_id: account,
            progress: &|_: Progress| {},
            lock: &lock,
        }
        .sync()
        .await
        .expect("sync");
        drop(lock);
        syncs.push(started.elapsed());
        sim.shutdown().await;
    }
    let sync = median(syncs);

    // The lock: taken and released once per sync.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seatkeeper.db");
    let started = Instant::now();
    for _ in 0..1000 {
        drop(SyncLock::try_acquire(&db, "bench").expect("lock"));
    }
    let lock = started.elapsed() / 1000;

    // State moves of CHANGES changes, queued → sending → done: compare-and-swap (durable
    // mark) as the engine does now, against unconditional UPDATEs with a normal commit.
    let (_d1, cas_store, _s1, sim1, _) = synced_store(CHANGES).await;
    let (_d2, plain_store, _s2, sim2, _) = synced_store(CHANGES).await;
    sim1.shutdown().await;
    sim2.shutdown().await;
    let ids = |store: &Store| -> Vec<i64> {
        store
            .list_changes(ChangeFilter { open_only: true, ..Default::default() })
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect()
    };
    let at = "2026-01-01T00:00:00Z";
    let started = Instant::now();
    for id in ids(&cas_store) {
        cas_store
            .write_durable(|tx| {
                changes::transition(tx, id, Transition::new(ChangeState::Queued, ChangeState::Sending), at)
            })
            .unwrap();
        cas_store
            .write(|tx| changes::transition(tx, id, Transition::new(ChangeState::Sending, ChangeState::Done), at))
            .unwrap();
    }
    let cas = started.elapsed() / CHANGES as u32;
    let started = Instant::now();
    for id in ids(&plain_store) {
        for state in ["sending", "done"] {
            plain_store
                .write(|tx| {
                    Ok(tx.execute(
                        "UPDATE pending_changes SET state = ?2, updated_at = ?3 WHERE id = ?1",
                        rusqlite::params![id, state, at],
                    )?)
                })
                .unwrap();
        }
    }
    let plain = started.elapsed() / CHANGES as u32;

    let per_sync_overhead = lock + (cas.saturating_sub(plain)) * 20;
    let body = format!(
        "Measured {} by `cargo run --release --features custom-protocol --example outbox_bench`, median of {runs} runs; \
         simulator on loopback with 50 ms added to every answer; the database on this machine's disk.\n\n\
         | measure | now (exactly once) | before (baseline, same run) | cost |\n\
         |---|---:|---:|---:|\n\
         | take and release the sync lock, once per sync (ms) | {:.3} | 0 (no lock) | +{:.3} ms |\n\
         | move one change queued → sending → done (ms) | {:.3} (compare-and-swap, `sending` committed with `synchronous=FULL`) | {:.3} (unconditional UPDATEs, normal commits) | {:.2}× |\n\
         | full sync sending 20 new users (s) | {:.2} | — | lock + state moves: {:.1} ms, {:.2}% of the sync |\n",
        time::OffsetDateTime::now_utc().date(),
        ms(lock),
        ms(lock),
        ms(cas),
        ms(plain),
        cas.as_secs_f64() / plain.as_secs_f64().max(1e-9),
        sync.as_secs_f64(),
        ms(per_sync_overhead),
        100.0 * per_sync_overhead.as_secs_f64() / sync.as_secs_f64(),
    );
    println!("{body}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/BENCHMARKS.md");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (begin, end) = ("<!-- outbox:begin -->", "<!-- outbox:end -->");
    let text = match (text.find(begin), text.find(end)) {
        (Some(b), Some(e)) => format!("{}{begin}\n{body}{}", &text[..b], &text[e..]),
        _ => format!(
            "{text}\n## What exactly-once costs\n\n`cargo run --release --features custom-protocol --example outbox_bench` — the sync lock, the \
             compare-and-swap state moves and the durable \"sending\" mark, each against what it replaced, set against a full sync.\n\n\
             {begin}\n{body}{end}\n"
        ),
    };
    std::fs::write(path, text).expect("write BENCHMARKS.md");
}
