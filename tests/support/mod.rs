//! Shared helpers of the OVHcloud client and simulator tests.

#![allow(dead_code)]

pub mod schema;
pub mod world;

use std::time::Duration;

use seatkeeper::ovh::{Client, ClientConfig, Endpoint, RateLimit, RetryPolicy};
use seatkeeper::secrets::Secret;
use seatkeeper_simulator::{self as simulator, Seed, Simulator, SimulatorConfig, SimulatorHandle};

/// The endpoint a client uses to reach `sim`.
pub fn endpoint(sim: &SimulatorHandle) -> Endpoint {
    Endpoint::Custom(sim.base_url())
}

/// Fast retries, no throttling, a short timeout: what tests use unless they test those.
pub fn fast_config(endpoint: Endpoint) -> ClientConfig {
    let mut config = ClientConfig::new(endpoint, simulator::APP_KEY, Secret::new(simulator::APP_SECRET))
        .with_consumer_key(Secret::new(simulator::CONSUMER_KEY));
    config.rate_limit = RateLimit::UNLIMITED;
    config.retry =
        RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(50) };
    config.timeout = Duration::from_secs(3);
    config.page_size = 100;
    config
}

pub async fn start(config: SimulatorConfig) -> (SimulatorHandle, Client) {
    let sim = Simulator::start(config).await.expect("the simulator starts");
    let client = Client::new(fast_config(endpoint(&sim))).expect("the client builds");
    (sim, client)
}

pub async fn start_demo() -> (SimulatorHandle, Client) {
    start(SimulatorConfig::for_tests(Seed::demo())).await
}
