//! Syncs as a user waits for them, with OVHcloud's fair-use rate limit **on**, against
//! the simulator with 50 ms added to every answer: the first sync of a small account
//! (2 groups, 17 licences), a periodic sync with nothing changed, the sync after one
//! activation, and full syncs of a 300-licence prepaid group and a 5,000-user
//! pay-as-you-go group. Beside each, the same sync the way Seatkeeper did it before
//! (measured in the same run): the former pacing — a token bucket of 60 a minute with
//! bursts of 5, i.e. 5 requests then one a second, emulated as 5 requests per 5 s —
//! and every group read whole at every sync. The benchmark also checks, from the
//! simulator's own timestamps, that no 60-second window ever held more than 60
//! requests. Writes BENCHMARKS.md.
//!
//! `cargo run --release --features custom-protocol --example fair_use_bench`

use std::time::{Duration, Instant};

use seatkeeper::domain::{AccountInput, GroupFamily};
use seatkeeper::ovh::{Client, RateLimit};
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::{Store, accounts};
use seatkeeper::sync::{Engine, Progress, SyncLock, client_config_for};
use seatkeeper_simulator::{
    APP_KEY, APP_SECRET, CONSUMER_KEY, Faults, Seed, Simulator, SimulatorConfig, SimulatorHandle,
};

/// How a sync is paced and what it reads.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    /// Seatkeeper now: 60 in any minute, what changes rarely read when due.
    Now,
    /// Seatkeeper before: 5 then one a second, everything read at every sync.
    Before,
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    secrets: MemorySecrets,
    sim: SimulatorHandle,
    account: i64,
    client: Client,
    way: Way,
}

impl World {
    async fn new(seed: Seed, way: Way) -> World {
        let mut config = SimulatorConfig::for_tests(seed);
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
        let mut config = client_config_for(&store, &secrets, account).expect("config");
        config.rate_limit = match way {
            Way::Now => RateLimit::FAIR_USE,
            Way::Before => RateLimit { max: 5, window: Duration::from_secs(5) },
        };
        let client = Client::new(config).expect("client");
        World { _dir: dir, store, secrets, sim, account, client, way }
    }

    /// One sync; returns its wall time and the requests OVHcloud saw.
    async fn sync(&self) -> (Duration, usize) {
        if self.way == Way::Before {
            for g in self.store.list_groups().expect("groups") {
                self.store.refresh_group(g.id).expect("refresh");
            }
        }
        self.sim.clear_log();
        let lock = SyncLock::try_for(&self.store, "bench").expect("lock");
        let quiet = |_: Progress| {};
        let engine = Engine {
            store: &self.store,
            secrets: &self.secrets,
            client: &self.client,
            account_id: self.account,
            progress: &quiet,
            lock: &lock,
        };
        let started = Instant::now();
        engine.sync().await.expect("sync");
        (started.elapsed(), self.sim.requests().len())
    }

    /// The most requests the simulator saw in any 60-second window.
    fn busiest_minute(&self) -> usize {
        let times: Vec<Instant> = self.sim.requests().iter().map(|e| e.at).collect();
        (0..times.len())
            .map(|i| times[i..].iter().take_while(|t| t.duration_since(times[i]) < Duration::from_secs(60)).count())
            .max()
            .unwrap_or(0)
    }
}

struct Row {
    what: &'static str,
    now: (Duration, usize),
    before: (Duration, usize),
    busiest: usize,
}

async fn scenario(what: &'static str, seed: fn() -> Seed, steps: fn(&World) -> Option<()>) -> Row {
    let mut figures = Vec::new();
    let mut busiest = 0;
    for way in [Way::Now, Way::Before] {
        let world = World::new(seed(), way).await;
        let mut measured = world.sync().await; // the first, full sync
        if steps(&world).is_some() {
            measured = world.sync().await;
        }
        if way == Way::Now {
            busiest = world.busiest_minute();
        }
        figures.push(measured);
        world.sim.shutdown().await;
    }
    Row { what, now: figures[0], before: figures[1], busiest }
}

fn nothing(_: &World) -> Option<()> {
    None
}

fn again(_: &World) -> Option<()> {
    Some(())
}

fn activate_one(w: &World) -> Option<()> {
    let prepaid = w.store.list_groups().ok()?.into_iter().find(|g| g.family == GroupFamily::Prepaid)?;
    let slot = w.store.list_licences(prepaid.id).ok()?.into_iter().find(|l| l.is_empty_slot)?;
    let input = AccountInput {
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        login: "ada.lovelace".into(),
        usage_location: "FR".into(),
        domain: None,
    };
    w.store.activate_licence(slot.id, &input, time::OffsetDateTime::now_utc()).ok()?;
    Some(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rows = vec![
        scenario("first sync of a small account (2 groups, 17 licences)", Seed::small_account, nothing).await,
        scenario("periodic sync of it, nothing changed", Seed::small_account, again).await,
        scenario("the sync after one activation", Seed::small_account, activate_one).await,
        scenario("first sync of a 300-licence prepaid group", Seed::prepaid_benchmark, nothing).await,
        scenario("first sync of a 5,000-user pay-as-you-go group", Seed::payg_benchmark, nothing).await,
    ];
    let table: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "| {} | {:.2} s, {} requests | {:.2} s, {} requests | {:.2}× | {} |",
                r.what,
                r.now.0.as_secs_f64(),
                r.now.1,
                r.before.0.as_secs_f64(),
                r.before.1,
                r.now.0.as_secs_f64() / r.before.0.as_secs_f64().max(1e-9),
                r.busiest
            )
        })
        .collect();
    for r in &rows {
        assert!(r.busiest <= 60, "{}: {} requests in one minute", r.what, r.busiest);
    }
    let body = format!(
        "Measured {} by `cargo run --release --features custom-protocol --example fair_use_bench`: the simulator on loopback \
         with 50 ms added to every answer, the fair-use limit on, 4 requests in flight at most. *Before*: the former \
         pacing (5 requests, then one a second) and every group read whole at every sync, in the same run.\n\n\
         | sync | now | before | now ÷ before (time) | most requests in any 60 s (now) |\n\
         |---|---:|---:|---:|---:|\n{}\n",
        time::OffsetDateTime::now_utc().date(),
        table.join("\n")
    );
    println!("{body}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/BENCHMARKS.md");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (begin, end) = ("<!-- fair-use:begin -->", "<!-- fair-use:end -->");
    let text = match (text.find(begin), text.find(end)) {
        (Some(b), Some(e)) => format!("{}{begin}\n{body}{}", &text[..b], &text[e..]),
        _ => format!(
            "{text}\n## Syncs with the fair-use limit on\n\n`cargo run --release --features custom-protocol --example fair_use_bench` — \
             what a user waits for, against the way Seatkeeper synced before.\n\n{begin}\n{body}{end}\n"
        ),
    };
    std::fs::write(path, text).expect("write BENCHMARKS.md");
}
