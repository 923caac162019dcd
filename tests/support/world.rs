//! A store, an in-memory keychain and a simulator with the demo account: the world the
//! sync engine tests run in.

use std::time::Duration;

use seatkeeper::domain::{AccountInput, GroupFamily};
use seatkeeper::ovh::{Client, RateLimit};
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::{ChangeState, GroupSummary, Store, accounts};
use seatkeeper::sync::{Engine, Progress, SyncLock, SyncReport, client_config_for};
use seatkeeper_simulator::{APP_KEY, APP_SECRET, CONSUMER_KEY, Seed, Simulator, SimulatorConfig, SimulatorHandle};

pub struct World {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub secrets: MemorySecrets,
    pub sim: SimulatorHandle,
    pub account: i64,
    pub client: Client,
    pub lock: SyncLock,
}

impl World {
    pub async fn new() -> World {
        World::with_seed(Seed::demo()).await
    }

    pub async fn with_seed(seed: Seed) -> World {
        let sim = Simulator::start(SimulatorConfig::for_tests(seed)).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let account =
            store.write(|tx| accounts::add(tx, "Demo", &sim.base_url(), APP_KEY, "2026-11-23T10:00:00Z")).unwrap();
        let secrets = MemorySecrets::default();
        secrets.set(SecretKey::ApplicationSecret { account_id: account }, &Secret::new(APP_SECRET)).unwrap();
        secrets.set(SecretKey::ConsumerKey { account_id: account }, &Secret::new(CONSUMER_KEY)).unwrap();
        let client = World::client(&store, &secrets, account);
        let lock = SyncLock::try_for(&store, "test").unwrap();
        World { dir, store, secrets, sim, account, client, lock }
    }

    pub fn client(store: &Store, secrets: &MemorySecrets, account: i64) -> Client {
        let mut config = client_config_for(store, secrets, account).unwrap();
        config.rate_limit = RateLimit::UNLIMITED;
        config.timeout = Duration::from_secs(2);
        config.retry.max_attempts = 1;
        Client::new(config).unwrap()
    }

    pub fn engine(&self) -> Engine<'_> {
        Engine {
            store: &self.store,
            secrets: &self.secrets,
            client: &self.client,
            account_id: self.account,
            progress: &quiet,
            lock: &self.lock,
        }
    }

    pub async fn sync(&self) -> SyncReport {
        self.engine().sync().await.unwrap()
    }

    pub fn group(&self, family: GroupFamily) -> GroupSummary {
        self.store.list_groups().unwrap().into_iter().find(|g| g.family == family).unwrap()
    }

    pub fn open(&self) -> Vec<ChangeState> {
        seatkeeper::sync::pending_changes(&self.store, None, seatkeeper::i18n::Lang::En)
            .unwrap()
            .iter()
            .map(|c| c.state)
            .filter(|s| *s != ChangeState::Done)
            .collect()
    }

    /// Lets the simulator's tasks finish, then syncs until nothing waits.
    pub async fn settle(&self) {
        for _ in 0..5 {
            self.sim.advance(Duration::from_secs(60));
            self.sync().await;
            if self.open().is_empty() {
                return;
            }
        }
        panic!(
            "changes still open: {:?}",
            seatkeeper::sync::pending_changes(&self.store, None, seatkeeper::i18n::Lang::En).unwrap()
        );
    }
}

pub fn quiet(_: Progress) {}

pub fn account(first: &str, last: &str, login: &str) -> AccountInput {
    AccountInput {
        first_name: first.into(),
        last_name: last.into(),
        login: login.into(),
        usage_location: "FR".into(),
        domain: None,
    }
}
