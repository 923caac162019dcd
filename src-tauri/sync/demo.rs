//! The demo account: a simulated OVHcloud (the `seatkeeper-simulator` crate) started on
//! loopback the first time it is needed, so anyone can try the connected flow without
//! an OVHcloud account. Only in builds with the default `demo` feature; without it the
//! demo says plainly that this build has none.

#[cfg(not(feature = "demo"))]
use crate::error::Precondition;
use crate::error::{Error, Result};
use crate::ovh::Endpoint;

/// The demo's simulated OVHcloud, once started.
#[derive(Default)]
pub struct Demo {
    #[cfg(feature = "demo")]
    server: tokio::sync::Mutex<Option<seatkeeper_simulator::SimulatorHandle>>,
}

/// The demo account's keys: application key, application secret, consumer key.
pub struct DemoKeys {
    pub application_key: &'static str,
    pub application_secret: &'static str,
    pub consumer_key: &'static str,
}

#[cfg(feature = "demo")]
impl Demo {
    pub fn keys() -> Result<DemoKeys> {
        use seatkeeper_simulator as sim;
        Ok(DemoKeys {
            application_key: sim::APP_KEY,
            application_secret: sim::APP_SECRET,
            consumer_key: sim::CONSUMER_KEY,
        })
    }

    /// The simulator's endpoint, starting it if needed.
    pub async fn endpoint(&self) -> Result<Endpoint> {
        use seatkeeper_simulator::{Simulator, SimulatorConfig};
        let mut server = self.server.lock().await;
        if server.is_none() {
            let handle = Simulator::start(SimulatorConfig::default())
                .await
                .map_err(|e| Error::Internal(format!("demo server: {e}")))?;
            *server = Some(handle);
        }
        let base = server.as_ref().map(|s| s.base_url()).unwrap_or_default();
        Ok(Endpoint::Custom(base))
    }

    /// Pays an order on the simulator, as a customer would on OVHcloud's payment page.
    pub async fn pay(&self, remote_order_id: i64) -> Result<()> {
        self.endpoint().await?;
        if let Some(server) = self.server.lock().await.as_ref() {
            server.pay_order(remote_order_id);
        }
        Ok(())
    }
}

#[cfg(feature = "demo")]
impl Demo {
    /// Signs a group's agreement attestation on the simulator, as a customer would on
    /// the page its link leads to.
    pub async fn sign_attestation(&self, tenant: &str) -> Result<bool> {
        self.endpoint().await?;
        Ok(self.server.lock().await.as_ref().is_some_and(|s| s.sign_attestation(tenant)))
    }

    /// The termination token the simulator "e-mailed" for a licence.
    pub async fn termination_token(&self, licence: &str) -> Result<Option<String>> {
        self.endpoint().await?;
        Ok(self.server.lock().await.as_ref().and_then(|s| s.termination_token(licence)))
    }
}

#[cfg(not(feature = "demo"))]
impl Demo {
    pub async fn sign_attestation(&self, _tenant: &str) -> Result<bool> {
        Err(Error::Precondition(Precondition::NoDemo))
    }

    pub async fn termination_token(&self, _licence: &str) -> Result<Option<String>> {
        Err(Error::Precondition(Precondition::NoDemo))
    }
}

#[cfg(not(feature = "demo"))]
impl Demo {
    pub fn keys() -> Result<DemoKeys> {
        Err(Error::Precondition(Precondition::NoDemo))
    }

    pub async fn endpoint(&self) -> Result<Endpoint> {
        Err(Error::Precondition(Precondition::NoDemo))
    }

    pub async fn pay(&self, _remote_order_id: i64) -> Result<()> {
        Err(Error::Precondition(Precondition::NoDemo))
    }
}
