//! A faithful OVHcloud API simulator, for Seatkeeper's tests, benchmarks and demo
//! account: the routes Seatkeeper's OVHcloud client uses, answered as the schemas in
//! `shared/ovh/schema/` say, with real semantics — request signatures, consumer keys
//! awaiting validation, tasks that move `todo → doing → done` as simulated time
//! passes, order carts that deliver free slots once paid, the 300-licence cap,
//! `X-Pagination-Mode` paging, 404/409/460 — and injectable faults.
//!
//! It owns an in-memory state and an HTTP server on 127.0.0.1 (axum on hyper). Its own
//! crate, knowing nothing of Seatkeeper: it implements OVHcloud's side (signatures
//! included) independently of the client it tests. Split by API family: `prepaid.rs`,
//! `payg.rs`, `order.rs` (carts and orders), `auth.rs` (keys and signatures).
//!
//! ```no_run
//! # async fn demo() {
//! use seatkeeper_simulator::{Seed, Simulator, SimulatorConfig};
//! let sim = Simulator::start(SimulatorConfig { seed: Seed::demo(), ..SimulatorConfig::default() }).await.unwrap();
//! println!("OVHcloud simulated at {}", sim.base_url());
//! sim.shutdown().await;
//! # }
//! ```

mod auth;
mod faults;
mod json;
mod order;
mod payg;
mod prepaid;
mod routes;
mod seed;
mod service;
mod state;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

pub use faults::{Fault, FaultRule, Faults, path_matches};
pub use seed::{
    ACCOUNT, APP_KEY, APP_SECRET, CONSUMER_KEY, DEMO_PAYG_TENANT, DEMO_PREPAID_TENANT, PaygGroupSeed, PrepaidGroupSeed,
    Seed, SeedCredential,
};
pub use service::{LANGUAGES, TERMINATION_FUTURE_USES, TERMINATION_REASONS};
pub use state::{
    AttestationRec, BUSINESS_MAX, BUSINESS_PLAN, CkState, Clock, DomainRec, ENTERPRISE_PLAN, Exchange, LicenceRec,
    MAX_FINISHED_TASKS, MAX_LOG, OrderRec, PagingSupport, RenewRec, State, TaskRec, TenantRec, UserRec,
};

/// The generation of wire models a region serves: the JSON of the shared fields is the
/// same; the usage-statistics query differs (`date` and required on `Classic`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// EU since 2024: the `*Native` models.
    Native,
    /// CA and US (and EU before 2024).
    Classic,
}

/// How to start a simulator.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// 0 picks a free port.
    pub port: u16,
    pub seed: Seed,
    /// Which model generation to answer with (CA/US `Classic` or EU `Native`).
    pub generation: Generation,
    /// How long a task stays `todo`, then `doing`, before it is `done`.
    pub task_step: Duration,
    /// Whether simulated time follows the wall clock; tests turn it off and call
    /// [`SimulatorHandle::advance`], so task progress is deterministic.
    pub follow_real_time: bool,
    /// Seconds added to the server's clock (`/auth/time` and signature timestamps).
    pub time_skew: i64,
    pub paging: PagingSupport,
    pub faults: Faults,
    /// Seeds the random 5xx and generated ids, so runs repeat.
    pub rng_seed: u64,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        SimulatorConfig {
            port: 0,
            seed: Seed::demo(),
            generation: Generation::Native,
            task_step: Duration::from_secs(2),
            follow_real_time: true,
            time_skew: 0,
            paging: PagingSupport::Pages,
            faults: Faults::default(),
            rng_seed: 42,
        }
    }
}

impl SimulatorConfig {
    /// A configuration for tests: `seed`, a clock that only moves when told to, and
    /// tasks that take 10 simulated seconds per step.
    pub fn for_tests(seed: Seed) -> SimulatorConfig {
        SimulatorConfig {
            seed,
            follow_real_time: false,
            task_step: Duration::from_secs(10),
            ..SimulatorConfig::default()
        }
    }
}

/// The simulator, shared by the server's handlers.
#[derive(Clone)]
pub(crate) struct Sim {
    pub state: Arc<Mutex<State>>,
    /// `http://127.0.0.1:PORT`, what signatures are computed against.
    pub origin: String,
    pub shutdown: watch::Receiver<bool>,
    pub query_ids: Arc<std::sync::atomic::AtomicU64>,
}

impl Sim {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running simulator. Dropping it without [`shutdown`](Self::shutdown) leaves the server
/// running until the runtime ends.
pub struct SimulatorHandle {
    sim: Sim,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
}

/// Starts simulators.
pub struct Simulator;

impl Simulator {
    /// Binds 127.0.0.1 on `config.port` (0: any free port) and serves in the background
    /// of the current tokio runtime.
    pub async fn start(config: SimulatorConfig) -> std::io::Result<SimulatorHandle> {
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let origin = format!("http://{addr}");
        let state = state_from_seed(&config, format!("{origin}/1.0"));
        let (stop, shutdown) = watch::channel(false);
        let sim = Sim {
            state: Arc::new(Mutex::new(state)),
            origin,
            shutdown: shutdown.clone(),
            query_ids: Arc::new(std::sync::atomic::AtomicU64::new(1)),
        };
        let router = routes::router(sim.clone());
        let server = tokio::spawn(serve(listener, router, shutdown));
        Ok(SimulatorHandle { sim, addr, stop, server })
    }
}

/// One connection's kill switch, put in each request's extensions so that a fault can
/// close the connection without answering.
#[derive(Clone)]
pub(crate) struct ConnectionKiller(pub Arc<Notify>);

async fn serve(listener: TcpListener, router: axum::Router, mut shutdown: watch::Receiver<bool>) {
    use hyper_util::rt::TokioIo;
    use tower::ServiceExt;

    let mut connections = tokio::task::JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let router = router.clone();
        connections.spawn(async move {
            let killer = Arc::new(Notify::new());
            let for_requests = killer.clone();
            let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectionKiller(for_requests.clone()));
                router.clone().oneshot(request)
            });
            let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = killer.notified() => {}
            }
        });
        while connections.try_join_next().is_some() {}
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

fn state_from_seed(config: &SimulatorConfig, base_url: String) -> State {
    let now = time::OffsetDateTime::now_utc().replace_nanosecond(0).expect("valid");
    let mut state = State {
        generation: config.generation,
        base_url,
        clock: Clock {
            start: now,
            started: Instant::now(),
            advanced: Duration::ZERO,
            follow_real_time: config.follow_real_time,
        },
        task_step: config.task_step,
        time_skew: config.time_skew,
        paging: config.paging,
        apps: BTreeMap::new(),
        credentials: BTreeMap::new(),
        tenants: BTreeMap::new(),
        licences: BTreeMap::new(),
        tasks: BTreeMap::new(),
        carts: BTreeMap::new(),
        items: BTreeMap::new(),
        orders: BTreeMap::new(),
        log: Vec::new(),
        faults: config.faults.clone(),
        rules: Vec::new(),
        rng: fastrand::Rng::with_seed(config.rng_seed),
        next_id: 5000,
    };
    let seed = &config.seed;
    for (i, (key, secret)) in seed.apps.iter().enumerate() {
        state.apps.insert(key.clone(), state::AppRec { id: 100 + i as i64, secret: secret.clone() });
    }
    for c in &seed.credentials {
        let id = state.next_id();
        state.credentials.insert(
            c.consumer_key.clone(),
            state::CredentialRec {
                id,
                application_key: c.application_key.clone(),
                account: c.account.clone(),
                state: c.state,
                rules: c.rules.clone(),
                creation: now - time::Duration::days(30),
                last_use: None,
            },
        );
    }
    let created = now - time::Duration::days(400);
    for g in &seed.prepaid {
        let id = state.next_id();
        let mut tenant = state::new_tenant(&g.tenant, true, &g.account, created, id);
        tenant.display_name = g.display_name.clone();
        state.tenants.insert(g.tenant.clone(), tenant);
        for i in 0..g.configured + g.unconfigured {
            let name = state.add_slot(&g.tenant, &g.licence);
            let rec = state.licences.get_mut(&name).expect("slot");
            rec.creation = created;
            if i < g.configured {
                let (first, last, login) = seed::person(i);
                rec.first_name = first;
                rec.last_name = last;
                rec.activation_email = format!("{login}@{}", g.tenant);
                rec.is_virtual = false;
            }
        }
    }
    for g in &seed.payg {
        let id = state.next_id();
        let mut tenant = state::new_tenant(&g.tenant, false, &g.account, created, id);
        tenant.display_name = g.display_name.clone();
        for i in 0..g.business + g.pro_plus {
            let (first, last, login) = seed::person(i);
            let email = format!("{login}@{}", g.tenant);
            let licence = if i < g.business { "officeBusiness" } else { "officeProPlus" };
            tenant.users.insert(
                email.clone(),
                UserRec {
                    activation_email: email,
                    first_name: first,
                    last_name: last,
                    licence: licence.into(),
                    status: "ok".into(),
                    task_pending_id: 0,
                    usage_location: "fr".into(),
                    delete_at_expiration: false,
                },
            );
        }
        state.tenants.insert(g.tenant.clone(), tenant);
    }
    for (tenant, domain, verified) in &seed.domains {
        if let Some(t) = state.tenants.get_mut(tenant) {
            t.domains.push(state::DomainRec::new(domain, *verified));
        }
    }
    state
}

impl SimulatorHandle {
    /// `http://127.0.0.1:PORT/1.0`.
    pub fn base_url(&self) -> String {
        format!("{}/1.0", self.sim.origin)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The state itself, locked: read or change anything (tests only; keep it short).
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.sim.lock()
    }

    /// Moves simulated time forward and settles the tasks that are due.
    pub fn advance(&self, by: Duration) {
        let mut state = self.sim.lock();
        state.clock.advanced += by;
        state.settle();
    }

    /// Simulates the user opening the validation URL of `consumer_key` and accepting:
    /// the key becomes `validated` for `account`. False if the key is unknown.
    pub fn validate_credential(&self, consumer_key: &str, account: &str) -> bool {
        self.set_credential(consumer_key, CkState::Validated, Some(account))
    }

    /// Simulates the user refusing the consumer key.
    pub fn refuse_credential(&self, consumer_key: &str) -> bool {
        self.set_credential(consumer_key, CkState::Refused, None)
    }

    fn set_credential(&self, consumer_key: &str, to: CkState, account: Option<&str>) -> bool {
        let mut state = self.sim.lock();
        match state.credentials.get_mut(consumer_key) {
            Some(c) => {
                c.state = to;
                if let Some(a) = account {
                    c.account = a.to_string();
                }
                true
            }
            None => false,
        }
    }

    /// Simulates the customer paying an order: it is delivered at once, its licences
    /// appear as free slots. Answers their names.
    pub fn pay_order(&self, order_id: i64) -> Vec<String> {
        self.sim.lock().deliver(order_id)
    }

    /// Simulates the customer signing the Microsoft Customer Agreement attestation of a
    /// prepaid group on the page its link leads to. False if the group has none.
    pub fn sign_attestation(&self, tenant: &str) -> bool {
        let mut state = self.sim.lock();
        let id = state.tenants.get(tenant).and_then(|t| t.attestation.as_ref()).map(|a| a.id.clone());
        id.is_some_and(|id| state.sign_attestation(&id))
    }

    /// The token OVHcloud e-mailed for the termination of `service` (the customer's
    /// mailbox, for tests and the demo).
    pub fn termination_token(&self, service: &str) -> Option<String> {
        self.sim.lock().licences.get(service).and_then(|l| l.renew.termination_token.clone())
    }

    /// Whether a prepaid group has accepted the Microsoft Customer Agreement.
    pub fn set_agreement(&self, tenant: &str, agreed: bool) {
        if let Some(t) = self.sim.lock().tenants.get_mut(tenant) {
            t.mca_agreed = agreed;
        }
    }

    /// Adds a domain to a pay-as-you-go group, verified or waiting for its TXT record.
    pub fn add_domain(&self, tenant: &str, domain: &str, verified: bool) {
        if let Some(t) = self.sim.lock().tenants.get_mut(tenant) {
            t.domains.retain(|d| d.name != domain);
            t.domains.push(DomainRec::new(domain, verified));
        }
    }

    /// Marks a service (a PAYG group or a prepaid licence) expired: calls on it answer 460.
    pub fn expire_service(&self, service_name: &str) {
        let mut state = self.sim.lock();
        if let Some(t) = state.tenants.get_mut(service_name) {
            t.expired = true;
        }
        if let Some(l) = state.licences.get_mut(service_name) {
            l.expired = true;
        }
    }

    pub fn set_faults(&self, faults: Faults) {
        self.sim.lock().faults = faults;
    }

    /// Adds a fault rule; its count of matching requests starts now.
    pub fn inject(&self, rule: FaultRule) {
        self.sim.lock().rules.push((rule, 0));
    }

    /// Removes every fault and rule.
    pub fn clear_faults(&self) {
        let mut state = self.sim.lock();
        state.faults = Faults::default();
        state.rules.clear();
    }

    pub fn set_paging(&self, paging: PagingSupport) {
        self.sim.lock().paging = paging;
    }

    /// Every exchange so far, oldest first.
    pub fn requests(&self) -> Vec<Exchange> {
        self.sim.lock().log.clone()
    }

    /// How many requests matched `method` and the path `pattern` (`*` wildcards).
    pub fn count(&self, method: &str, pattern: &str) -> usize {
        self.sim
            .lock()
            .log
            .iter()
            .filter(|e| e.method.eq_ignore_ascii_case(method) && path_matches(pattern, &e.path))
            .count()
    }

    pub fn clear_log(&self) {
        self.sim.lock().log.clear();
    }

    /// Stops the server and closes every connection.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.server.await;
    }
}
