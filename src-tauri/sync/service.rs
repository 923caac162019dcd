//! Syncing inside the running app: one sync at a time, woken by a timer, by a change
//! the user makes, or by "Sync now"; the status the window shows (running, progress,
//! online or not, last error); and the demo account, an OVHcloud simulator started on
//! loopback so anyone can try the connected flow without an OVHcloud account.

use std::sync::Mutex;

use serde::Serialize;
use ts_rs::TS;

use super::demo::Demo;
use super::engine::{Engine, Progress, SyncReport, client_config_at, remote_error, with_ticks};
use super::lock::SyncLock;
use crate::error::{Error, Precondition, Result};
use crate::i18n::{Lang, Localize};
use crate::ovh::models::{AccessRule, CredentialRequest};
use crate::ovh::{Client, ClientConfig, Endpoint, RateLimit, RetryPolicy};
use crate::secrets::{Secret, SecretKey, SecretStore};
use crate::store::{Store, accounts, changes, timestamp};

/// The endpoint stored for the demo account: the simulator's address changes with
/// every start, so it is resolved when syncing.
pub const DEMO_ENDPOINT: &str = "demo";
pub const DEMO_LABEL: &str = "Demo (simulated OVHcloud)";

/// What the window shows of syncing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub running: bool,
    pub progress: Option<Progress>,
    /// Whether OVHcloud answered at the last sync; `None` before any sync.
    pub online: Option<bool>,
    pub last_sync_at: Option<String>,
    /// Why the last sync stopped, in the user's language.
    pub last_error: Option<String>,
    /// Connected accounts (the sample excluded).
    pub accounts: u32,
    /// OVHcloud asked to slow down: the next sync waits until then (RFC 3339).
    pub retry_at: Option<String>,
    /// Another process (a scheduled `seatkeeper sync`) is syncing this database.
    pub busy_elsewhere: bool,
}

/// How connecting an account went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Connected {
    pub account_id: i64,
    /// Where the user must allow Seatkeeper, when OVHcloud issued a new consumer key.
    pub validation_url: Option<String>,
}

/// The agreement attestation created: its page, and whether it is the demo's (signed
/// from the window instead of in the browser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttestationStep {
    pub link: String,
    pub demo: bool,
}

/// A termination asked for: OVHcloud's message, and in the demo the token its e-mail
/// would carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminationStep {
    pub message: String,
    pub demo_token: Option<String>,
}

#[derive(Default)]
pub struct SyncService {
    status: Mutex<SyncStatus>,
    demo: Demo,
    one_at_a_time: tokio::sync::Mutex<()>,
    wake: tokio::sync::Notify,
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

impl SyncService {
    pub fn status(&self) -> SyncStatus {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn update(&self, f: impl FnOnce(&mut SyncStatus)) -> SyncStatus {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut status);
        status.clone()
    }

    /// Keeps the window's own syncs from starting until the guard is dropped (a restore
    /// replaces the database under it); waits for one running to end.
    pub async fn hold(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.one_at_a_time.lock().await
    }

    /// Asks the sync loop to run now (a change was queued, or the user asked).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Waits for a nudge or `timeout`, whichever comes first.
    pub async fn wait(&self, timeout: std::time::Duration) {
        let _ = tokio::time::timeout(timeout, self.wake.notified()).await;
    }

    /// The demo simulator's endpoint, starting it if needed.
    async fn demo_endpoint(&self) -> Result<Endpoint> {
        self.demo.endpoint().await
    }

    async fn client_config(&self, store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<ClientConfig> {
        let account = store.read(|c| accounts::get(c, account_id))?;
        if account.endpoint == DEMO_ENDPOINT {
            let mut config =
                client_config_at(secrets, account_id, self.demo_endpoint().await?, &account.application_key)?;
            // The demo server is on this machine: no need for OVHcloud's fair-use pace.
            config.rate_limit = RateLimit::UNLIMITED;
            return Ok(config);
        }
        let endpoint: Endpoint = account.endpoint.parse().map_err(|e| Error::Internal(format!("endpoint: {e}")))?;
        client_config_at(secrets, account_id, endpoint, &account.application_key)
    }

    async fn client(&self, store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<Client> {
        Client::new(self.client_config(store, secrets, account_id).await?).map_err(remote_error)
    }

    /// Syncs every connected account once; `progress` sees each step. One account
    /// failing does not stop the others. When another process holds the database's
    /// sync lock, nothing is synced and the status says so.
    pub async fn run_once(
        &self,
        store: &Store,
        secrets: &dyn SecretStore,
        lang: Lang,
        progress: &(dyn Fn(SyncStatus) + Sync),
    ) -> Result<Vec<SyncReport>> {
        let _one = self.one_at_a_time.lock().await;
        let list: Vec<_> = store.list_accounts()?.into_iter().filter(|a| !a.is_sample).collect();
        if list.is_empty() {
            progress(self.update(|s| s.accounts = 0));
            return Ok(Vec::new());
        }
        let lock = match SyncLock::try_for(store, "window") {
            Ok(lock) => lock,
            Err(e @ Error::Precondition(Precondition::SyncRunning { .. })) => {
                progress(self.update(|s| {
                    s.busy_elsewhere = true;
                    s.running = false;
                    s.last_error = Some(e.localize(lang));
                }));
                return Ok(Vec::new());
            }
            Err(e) => return Err(e),
        };
        progress(self.update(|s| {
            s.running = true;
            s.busy_elsewhere = false;
            s.accounts = list.len() as u32;
            s.last_error = None;
        }));
        let mut reports = Vec::new();
        let mut failure = None;
        let mut offline = false;
        let mut retry_at: Option<String> = None;
        for account in &list {
            let step = |p: Progress| progress(self.update(|s| s.progress = Some(p)));
            let result = async {
                let client = self.client(store, secrets, account.id).await?;
                let engine =
                    Engine { store, secrets, client: &client, account_id: account.id, progress: &step, lock: &lock };
                // Between two steps, the wait OVHcloud's rate limit imposes shows as it counts down.
                with_ticks(engine.sync(), || {
                    let wait = client.rate_wait().map(|d| d.as_secs_f64().ceil() as u32);
                    progress(self.update(|s| {
                        if let Some(p) = s.progress.as_mut() {
                            p.wait_seconds = wait;
                        }
                    }));
                })
                .await
            }
            .await;
            match result {
                Ok(report) => {
                    offline |= report.offline;
                    if report.retry_at > retry_at {
                        retry_at = report.retry_at.clone();
                    }
                    reports.push(report);
                }
                Err(e) => {
                    offline |= matches!(e, Error::Remote { offline: true, .. });
                    failure = Some(format!("{}: {}", account.label, e.localize(lang)));
                }
            }
        }
        drop(lock);
        progress(self.update(|s| {
            s.running = false;
            s.progress = None;
            s.online = Some(!offline);
            s.last_sync_at = Some(timestamp(now()));
            s.last_error = failure;
            s.retry_at = retry_at;
        }));
        Ok(reports)
    }

    /// Connects an OVHcloud account (see [`connect_account`]) and wakes the sync loop.
    #[allow(clippy::too_many_arguments)]
    pub async fn connect(
        &self,
        store: &Store,
        secrets: &dyn SecretStore,
        label: &str,
        endpoint: &str,
        application_key: &str,
        application_secret: Secret,
        consumer_key: Option<Secret>,
    ) -> Result<Connected> {
        let connected =
            connect_account(store, secrets, label, endpoint, application_key, application_secret, consumer_key).await?;
        self.nudge();
        Ok(connected)
    }

    /// Connects the demo account (once), backed by the simulator.
    pub async fn connect_demo(&self, store: &Store, secrets: &dyn SecretStore) -> Result<Connected> {
        if let Some(existing) = store.read(|c| accounts::by_label(c, DEMO_LABEL))? {
            return Ok(Connected { account_id: existing.id, validation_url: None });
        }
        let keys = Demo::keys()?;
        self.demo_endpoint().await?;
        let at = timestamp(now());
        let account_id = store.write(|tx| accounts::add(tx, DEMO_LABEL, DEMO_ENDPOINT, keys.application_key, &at))?;
        secrets.set(SecretKey::ApplicationSecret { account_id }, &Secret::new(keys.application_secret))?;
        secrets.set(SecretKey::ConsumerKey { account_id }, &Secret::new(keys.consumer_key))?;
        self.nudge();
        Ok(Connected { account_id, validation_url: None })
    }

    /// Pays a demo order on the simulator, as a customer would on OVHcloud's payment
    /// page; its licences then arrive as empty slots at the next sync.
    pub async fn pay_demo_order(&self, store: &Store, order_id: i64) -> Result<()> {
        let remote = store.read(|c| crate::store::orders::remote_of(c, order_id))?;
        let Some((Some(remote_id), endpoint)) = remote else {
            return Err(Error::NotFound { what: crate::error::Entity::Order, id: order_id.to_string() });
        };
        if endpoint != DEMO_ENDPOINT {
            return Err(Error::Precondition(crate::error::Precondition::NotDemo));
        }
        self.demo.pay(remote_id).await?;
        self.nudge();
        Ok(())
    }

    /// The client of the account a group belongs to, for a step that needs OVHcloud's
    /// answer now (sample data has no OVHcloud behind it).
    async fn client_of_group(&self, store: &Store, secrets: &dyn SecretStore, group_id: i64) -> Result<(Client, bool)> {
        let g = store.group_ref(group_id)?;
        if g.is_sample {
            return Err(Error::Precondition(Precondition::NeedsOvhcloud));
        }
        let demo = store.read(|c| accounts::get(c, g.account_id))?.endpoint == DEMO_ENDPOINT;
        Ok((self.client(store, secrets, g.account_id).await?, demo))
    }

    /// Creates the agreement attestation of a group at OVHcloud and keeps its link.
    pub async fn create_attestation(
        &self,
        store: &Store,
        secrets: &dyn SecretStore,
        group_id: i64,
        input: &crate::domain::SignatoryInput,
    ) -> Result<AttestationStep> {
        let (client, demo) = self.client_of_group(store, secrets, group_id).await?;
        let created = super::workflow::create_attestation(store, &client, group_id, input, now()).await?;
        Ok(AttestationStep { link: created.link, demo })
    }

    /// In the demo, signs the group's attestation on the simulator (a real account's is
    /// signed on its page, in the browser).
    pub async fn demo_sign_attestation(&self, store: &Store, group_id: i64) -> Result<()> {
        let g = store.group_ref(group_id)?;
        if store.read(|c| accounts::get(c, g.account_id))?.endpoint != DEMO_ENDPOINT {
            return Err(Error::Precondition(Precondition::NotDemo));
        }
        self.demo.sign_attestation(&g.service_name).await?;
        Ok(())
    }

    /// Asks OVHcloud to terminate a prepaid licence (it e-mails the token to confirm
    /// with). In the demo, the simulator's "e-mail" comes back with it.
    pub async fn request_termination(
        &self,
        store: &Store,
        secrets: &dyn SecretStore,
        licence_id: i64,
    ) -> Result<TerminationStep> {
        let l = store.licence_ref(licence_id)?;
        let (client, demo) = self.client_of_group(store, secrets, l.group.id).await?;
        let message = super::workflow::request_termination(store, &client, licence_id, now()).await?;
        let demo_token = if demo { self.demo.termination_token(&l.remote_id).await? } else { None };
        Ok(TerminationStep { message, demo_token })
    }

    /// Disconnects an account: logs its consumer key out at OVHcloud when reachable,
    /// deletes its secrets (and the passwords its queued changes held) from the
    /// keychain, and removes its local data. Waits a little for a sync running in
    /// another process, never long.
    pub async fn disconnect(&self, store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<()> {
        let _one = self.one_at_a_time.lock().await;
        let _lock = SyncLock::acquire(store.path(), "window", Some(DISCONNECT_PATIENCE), LOCK_POLL).await?;
        if let Ok(mut config) = self.client_config(store, secrets, account_id).await {
            // Logging out is a courtesy: one quick try.
            config.retry = RetryPolicy { max_attempts: 1, ..config.retry };
            config.timeout = std::time::Duration::from_secs(5);
            if let Ok(client) = Client::new(config) {
                let _ = client.logout().await;
            }
        }
        let passwords = store.read(|c| changes::passwords_of_account(c, account_id))?;
        store.write(|tx| accounts::remove(tx, account_id))?;
        for key in passwords {
            secrets.delete(key)?;
        }
        secrets.delete(SecretKey::ApplicationSecret { account_id })?;
        secrets.delete(SecretKey::ConsumerKey { account_id })?;
        Ok(())
    }
}

/// How long disconnecting waits for a sync running in another process.
const DISCONNECT_PATIENCE: std::time::Duration = std::time::Duration::from_secs(20);
const LOCK_POLL: std::time::Duration = std::time::Duration::from_millis(200);

/// Checks a connection form whole, before anything is stored or sent: the account's
/// name, the endpoint (a region, or an https URL), the application key and secret. Every
/// broken rule is reported with its field.
pub fn check_connection(
    label: &str,
    endpoint: &str,
    application_key: &str,
    application_secret: &Secret,
) -> Result<Endpoint> {
    use crate::domain::{Field, RuleError};
    let mut problems = Vec::new();
    if let Err(rule) = crate::domain::check_account_name(label.trim()) {
        problems.push(rule);
    }
    let parsed: Option<Endpoint> = endpoint.trim().parse().ok();
    if parsed.is_none() {
        problems.push(RuleError::EndpointInvalid);
    }
    if application_key.trim().is_empty() {
        problems.push(RuleError::NameEmpty { field: Field::ApplicationKey });
    }
    if application_secret.expose().trim().is_empty() {
        problems.push(RuleError::NameEmpty { field: Field::ApplicationSecret });
    }
    match (problems.len(), parsed) {
        (0, Some(endpoint)) => Ok(endpoint),
        (1, _) => Err(Error::Rule(problems.remove(0))),
        _ => Err(Error::Rules(problems)),
    }
}

/// Connects an OVHcloud account, for the window and the command line alike: its
/// secrets go to the keychain, the rest to the store. Without a consumer key, OVHcloud
/// issues one (asking only for the routes Seatkeeper uses) and the address where the
/// user allows it is returned. Nothing half-connected is left behind on failure.
pub async fn connect_account(
    store: &Store,
    secrets: &dyn SecretStore,
    label: &str,
    endpoint: &str,
    application_key: &str,
    application_secret: Secret,
    consumer_key: Option<Secret>,
) -> Result<Connected> {
    let parsed: Endpoint =
        endpoint.trim().parse().map_err(|_| Error::Rule(crate::domain::RuleError::EndpointInvalid))?;
    let application_key = application_key.trim();
    let at = timestamp(now());
    let account_id = store.write(|tx| accounts::add(tx, label, &parsed.to_string(), application_key, &at))?;
    let result = async {
        secrets.set(SecretKey::ApplicationSecret { account_id }, &application_secret)?;
        match consumer_key {
            Some(ck) => {
                secrets.set(SecretKey::ConsumerKey { account_id }, &ck)?;
                Ok(None)
            }
            None => {
                let client = Client::new(ClientConfig::new(parsed, application_key, application_secret))
                    .map_err(remote_error)?;
                let request =
                    CredentialRequest { access_rules: AccessRule::seatkeeper(), redirection: None, allowed_ips: None };
                let pending = client.request_credential(&request).await.map_err(remote_error)?;
                secrets.set(SecretKey::ConsumerKey { account_id }, &pending.consumer_key)?;
                Ok(Some(pending.validation_url))
            }
        }
    }
    .await;
    match result {
        Ok(validation_url) => Ok(Connected { account_id, validation_url }),
        Err(e) => {
            let _ = secrets.delete(SecretKey::ApplicationSecret { account_id });
            let _ = secrets.delete(SecretKey::ConsumerKey { account_id });
            store.write(|tx| accounts::remove(tx, account_id))?;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Field;

    #[test]
    fn a_connection_form_is_checked_whole_with_every_field_named() {
        let problems = match check_connection(" ", "http://api.example.com/1.0", "", &Secret::new(" ")) {
            Err(Error::Rules(rules)) => rules.iter().map(|r| r.field()).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(problems, [Field::AccountName, Field::Endpoint, Field::ApplicationKey, Field::ApplicationSecret]);
        let ok = check_connection("Bureau", "ovh-eu", "AK", &Secret::new("AS")).unwrap();
        assert_eq!(ok, Endpoint::Eu);
    }
}
