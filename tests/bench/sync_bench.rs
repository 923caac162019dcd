//! Sync benchmark: a full pull of a 300-licence prepaid group and of a 5,000-user
//! pay-as-you-go group from the OVHcloud simulator with 50 ms of latency per request,
//! using OVHcloud's paged listing (`X-Pagination-Mode`) and, as the baseline measured
//! in the same run, the one-GET-per-object fallback. Writes BENCHMARKS.md.
//!
//! `cargo run --release --features custom-protocol --example sync_bench [-- RUNS]`
//!
//! The client's fair-use limiter (60 requests a minute) is lifted here so the figures
//! show the protocol's cost; the table also says how long each would take at 60/min.

use std::time::{Duration, Instant};

use seatkeeper::ovh::{Client, RateLimit};
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::{Store, accounts};
use seatkeeper::sync::{Engine, Progress, SyncLock, client_config_for};
use seatkeeper_simulator::{
    APP_KEY, APP_SECRET, CONSUMER_KEY, Faults, PagingSupport, Seed, Simulator, SimulatorConfig,
};

struct Run {
    requests: usize,
    wall: Duration,
    licences: u32,
}

async fn pull(seed: Seed, paging: PagingSupport) -> Run {
    let mut config = SimulatorConfig::for_tests(seed);
    config.paging = paging;
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
    let mut client_config = client_config_for(&store, &secrets, account).expect("config");
    client_config.rate_limit = RateLimit::UNLIMITED;
    let client = Client::new(client_config).expect("client");
    let quiet = |_: Progress| {};
    let lock = SyncLock::try_for(&store, "bench").expect("lock");
    let engine = Engine {
        store: &store,
        secrets: &secrets,
        client: &client,
        account_id: account,
        progress: &quiet,
        lock: &lock,
    };
    let start = Instant::now();
    let licences = engine.pull().await.expect("pull").licences;
    let wall = start.elapsed();
    let requests = sim.requests().len();
    sim.shutdown().await;
    Run { requests, wall, licences }
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.wall);
    runs.swap_remove(runs.len() / 2)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut rows = Vec::new();
    for (name, seed) in [
        ("300-licence prepaid group", Seed::prepaid_benchmark as fn() -> Seed),
        ("5,000-user pay-as-you-go group", Seed::payg_benchmark),
    ] {
        let mut paged = Vec::new();
        let mut fallback = Vec::new();
        for _ in 0..runs {
            paged.push(pull(seed(), PagingSupport::Pages).await);
            fallback.push(pull(seed(), PagingSupport::Ignored).await);
        }
        let (p, f) = (median(paged), median(fallback));
        eprintln!("{name}: paged {} req {:?}, fallback {} req {:?}", p.requests, p.wall, f.requests, f.wall);
        rows.push(format!(
            "| {name} ({} licences) | {} | {:.1} s | {} | {:.1} s | {:.2}× | {:.0} min vs {:.0} min |",
            p.licences,
            p.requests,
            p.wall.as_secs_f64(),
            f.requests,
            f.wall.as_secs_f64(),
            p.wall.as_secs_f64() / f.wall.as_secs_f64(),
            (p.requests as f64 / 60.0).ceil(),
            (f.requests as f64 / 60.0).ceil(),
        ));
    }
    let body = format!(
        "Measured {} by `cargo run --release --features custom-protocol --example sync_bench`, median of {runs} runs, \
         simulator on loopback with 50 ms added to every answer, 4 requests in flight at most, limiter lifted.\n\n\
         | full pull of | paged: requests | paged: wall time | per-object: requests | per-object: wall time | paged ÷ per-object time | at 60 req/min (paged vs per-object) |\n\
         |---|---:|---:|---:|---:|---:|---:|\n{}",
        time::OffsetDateTime::now_utc().date(),
        rows.join("\n")
    );
    println!("{body}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/BENCHMARKS.md");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (begin, end) = ("<!-- sync:begin -->", "<!-- sync:end -->");
    let text = match (text.find(begin), text.find(end)) {
        (Some(b), Some(e)) => format!("{}{begin}\n{body}\n{}", &text[..b], &text[e..]),
        _ => format!("{text}\n{begin}\n{body}\n{end}\n"),
    };
    std::fs::write(path, text).expect("write BENCHMARKS.md");
}
