//! The sync engine: reads OVHcloud into the store (pull, `pull.rs`), sends the outbox
//! (push, `push.rs`), and follows OVHcloud's tasks and orders until they finish.
//!
//! An [`Engine`] can only be built with a [`SyncLock`]: one sync at a time per
//! database, across processes. Inside a sync every state change of a pending change is
//! a compare-and-swap (`store::changes::transition`).

use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use super::lock::SyncLock;
use crate::error::{Error, Result};
use crate::ovh::models::TaskStatus;
use crate::ovh::{ApiError, Client, ClientConfig, Endpoint, ErrorKind};
use crate::secrets::{SecretKey, SecretStore};
use crate::store::changes::ParkReason;
use crate::store::orders::OrderState;
use crate::store::{ChangeFilter, ChangeKind, ChangeRow, ChangeState, GroupPart, Store, accounts, remote, timestamp};

/// What a sync is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Pull,
    Push,
    Follow,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pull => "pull",
            Phase::Push => "push",
            Phase::Follow => "follow",
        }
    }
}

/// What a sync is doing, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub phase: Phase,
    /// What is being fetched or sent (a group's name, a change's kind).
    pub item: String,
    pub done: u32,
    pub total: u32,
    /// OVHcloud's rate limit (60 requests a minute) holds the next request this long.
    pub wait_seconds: Option<u32>,
}

/// What became of one pending change in this sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeOutcome {
    pub change_id: i64,
    pub kind: ChangeKind,
    pub state: ChangeState,
    /// Why it is not done, typed (worded by whoever shows it).
    pub message: Option<crate::store::changes::ChangeError>,
    /// Why it waits for the user, when parked.
    pub parked: Option<ParkReason>,
    /// For an order just placed: the page where it is paid.
    pub payment_url: Option<String>,
}

/// A group that could not be read this time (expired, gone): the others were synced.
/// Or, with `part`, a part of a group that could not be read: the rest of it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaleGroup {
    pub service_name: String,
    /// The part not read (its renewal, domains, usage); `None`: the whole group.
    pub part: Option<GroupPart>,
    /// OVHcloud's message; for a part, the request, what went wrong and the query id.
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub groups: u32,
    pub licences: u32,
    pub changes: Vec<ChangeOutcome>,
    /// Groups, or parts of groups, OVHcloud could not be read for; they keep what was known.
    pub stale_groups: Vec<StaleGroup>,
    /// OVHcloud could not be reached; changes keep waiting.
    pub offline: bool,
    /// OVHcloud asked to slow down: not before then (RFC 3339).
    pub retry_at: Option<String>,
}

impl SyncReport {
    /// Every change that was due went through (none failed or parked, none still
    /// waiting to be sent).
    pub fn all_sent(&self) -> bool {
        !self.offline
            && self.retry_at.is_none()
            && self.changes.iter().all(|c| matches!(c.state, ChangeState::Done | ChangeState::WaitingRemote))
    }
}

/// The client configuration of an account (OVHcloud's fair-use limits by default).
pub fn client_config_for(store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<ClientConfig> {
    let account = store.read(|c| accounts::get(c, account_id))?;
    let endpoint: Endpoint = account.endpoint.parse().map_err(|e| Error::Internal(format!("endpoint: {e}")))?;
    client_config_at(secrets, account_id, endpoint, &account.application_key)
}

/// The client configuration of an account at `endpoint`, its secrets read from the keychain.
pub fn client_config_at(
    secrets: &dyn SecretStore,
    account_id: i64,
    endpoint: Endpoint,
    application_key: &str,
) -> Result<ClientConfig> {
    let secret = secrets
        .get(SecretKey::ApplicationSecret { account_id })?
        .ok_or_else(|| Error::KeysMissing { forgetful: !secrets.status().persistent })?;
    let mut config = ClientConfig::new(endpoint, application_key, secret);
    if let Some(ck) = secrets.get(SecretKey::ConsumerKey { account_id })? {
        config = config.with_consumer_key(ck);
    }
    Ok(config)
}

/// The client of an account, with its secrets read from the keychain.
pub fn client_for(store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<Client> {
    Client::new(client_config_for(store, secrets, account_id)?).map_err(remote_error)
}

/// An OVHcloud error as the user sees it: OVHcloud's own message, and the query id
/// support asks for.
pub fn remote_error(e: ApiError) -> Error {
    Error::Remote {
        message: e.message().to_string(),
        query_id: e.query_id().map(str::to_string),
        offline: is_offline(&e),
    }
}

pub(super) fn is_offline(e: &ApiError) -> bool {
    matches!(e.kind(), ErrorKind::Timeout | ErrorKind::Connection)
}

pub(super) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub struct Engine<'a> {
    pub store: &'a Store,
    pub secrets: &'a dyn SecretStore,
    pub client: &'a Client,
    pub account_id: i64,
    pub progress: &'a (dyn Fn(Progress) + Sync),
    /// Held for the whole sync: no other process syncs this database meanwhile.
    pub lock: &'a SyncLock,
}

impl Engine<'_> {
    pub(super) fn report(&self, phase: Phase, item: &str, done: usize, total: usize) {
        let wait_seconds = self.client.rate_wait().map(|d| d.as_secs_f64().ceil() as u32);
        (self.progress)(Progress { phase, item: item.into(), done: done as u32, total: total as u32, wait_seconds });
    }

    pub(super) fn open_changes(&self) -> Result<Vec<ChangeRow>> {
        self.store.list_changes(ChangeFilter {
            account_id: Some(self.account_id),
            open_only: true,
            ..Default::default()
        })
    }

    /// Pull, push, follow; and a last pull when changes landed, so what the user sees
    /// is what OVHcloud now holds.
    pub async fn sync(&self) -> Result<SyncReport> {
        self.lock.check(self.store)?;
        let mut report = SyncReport::default();
        match self.pull().await {
            Ok(pulled) => {
                report.groups = pulled.groups;
                report.licences = pulled.licences;
                report.stale_groups = pulled.stale;
            }
            Err(Error::Remote { offline: true, .. }) => {
                report.offline = true;
                report.changes = self.open_changes()?.iter().map(unchanged).collect();
                return Ok(report);
            }
            Err(e) => return Err(e),
        }
        let pushed = self.push().await?;
        report.changes = pushed.outcomes;
        report.offline = pushed.offline;
        report.retry_at = pushed.retry_at.map(timestamp);
        let landed = self.follow().await?;
        if landed > 0 || report.changes.iter().any(|c| c.state == ChangeState::Done) {
            let pulled = self.pull().await?;
            report.groups = pulled.groups;
            report.licences = pulled.licences;
            report.stale_groups = pulled.stale;
        }
        Ok(report)
    }

    /// Polls OVHcloud's tasks for changes waiting on them, and the orders sent.
    /// Returns how many changes or orders reached their end.
    pub async fn follow(&self) -> Result<u32> {
        let c = self.client;
        let waiting: Vec<ChangeRow> =
            self.open_changes()?.into_iter().filter(|i| i.state == ChangeState::WaitingRemote).collect();
        let mut landed = 0;
        let total = waiting.len();
        for (i, change) in waiting.iter().enumerate() {
            self.report(Phase::Follow, change.kind.as_str(), i, total);
            if change.remote_ref.as_deref() == Some(super::push::AGREEMENT_REF) {
                // Accepted: OVHcloud turns the group's agreement on shortly.
                let any = change.any_licence.as_deref().unwrap_or_default();
                match c.parent_tenant(any).await {
                    Ok(t) if t.mca_agreed == Some(true) => {
                        let at = timestamp(now());
                        match self.store.write(|tx| {
                            remote::finish_change(
                                tx,
                                change,
                                ChangeState::WaitingRemote,
                                ChangeState::Done,
                                None,
                                None,
                                &at,
                            )
                        }) {
                            Ok(()) => landed += 1,
                            Err(Error::Precondition(crate::error::Precondition::ChangeMoved)) => {}
                            Err(e) => return Err(e),
                        }
                    }
                    Ok(_) => {}
                    Err(e) if is_offline(&e) || e.is_transient() => break,
                    Err(e) => return Err(remote_error(e)),
                }
                continue;
            }
            let Some(id) = change.task_id() else { continue };
            let task = match change.family {
                Some(crate::domain::GroupFamily::PayAsYouGo) => {
                    c.office_task(change.group_service_name.as_deref().unwrap_or_default(), id).await
                }
                _ => c.tenant_task(change.any_licence.as_deref().unwrap_or_default(), id).await,
            };
            let at = timestamp(now());
            let end = match task {
                Ok(task) => match task.status {
                    TaskStatus::Done => Some((ChangeState::Done, None)),
                    TaskStatus::Error | TaskStatus::Cancelled => Some((
                        ChangeState::Failed,
                        Some(format!("OVHcloud task {} ended: {}", task.id, task.status.as_str())),
                    )),
                    _ => None,
                },
                // A finished task may no longer be listed.
                Err(e) if e.kind() == ErrorKind::NotFound => Some((ChangeState::Done, None)),
                Err(e) if is_offline(&e) || e.is_transient() => break,
                Err(e) => return Err(remote_error(e)),
            };
            if let Some((to, reason)) = end {
                match self.store.write(|tx| {
                    remote::finish_change(tx, change, ChangeState::WaitingRemote, to, reason.as_deref(), None, &at)
                }) {
                    Ok(()) => {}
                    // Another process finished it meanwhile: nothing to do.
                    Err(Error::Precondition(crate::error::Precondition::ChangeMoved)) => continue,
                    Err(e) => return Err(e),
                }
                self.forget_password(change)?;
                landed += 1;
            }
        }
        for (order, remote_id) in self.store.read(|conn| remote::orders_to_follow(conn, self.account_id))? {
            let Ok(status) = c.order_status(remote_id).await else { continue };
            let state = match status.as_str() {
                "delivered" => OrderState::Delivered,
                "cancelled" | "cancelling" => OrderState::Cancelled,
                "notPaid" | "checking" | "documentsRequested" => OrderState::AwaitingPayment,
                "delivering" => OrderState::Paid,
                _ => continue,
            };
            let at = timestamp(now());
            self.store.write(|tx| remote::update_order(tx, order, None, None, state, &at))?;
            if state == OrderState::Delivered {
                landed += 1;
            }
        }
        Ok(landed)
    }

    /// A change reached its end: its password (if any) leaves the keychain.
    pub(super) fn forget_password(&self, change: &ChangeRow) -> Result<()> {
        if let Some(key) = change.payload.password_key(change.id) {
            self.secrets.delete(key)?;
        }
        Ok(())
    }
}

/// Runs `work`, calling `tick` every second while it runs: how a progress bar learns
/// that OVHcloud's rate limit holds the sync, and for how long, between two steps.
pub async fn with_ticks<T>(work: impl std::future::Future<Output = T>, mut tick: impl FnMut()) -> T {
    tokio::pin!(work);
    let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
    every.tick().await;
    loop {
        tokio::select! {
            done = &mut work => return done,
            _ = every.tick() => tick(),
        }
    }
}

/// The outcome of a change this sync did not touch.
pub(super) fn unchanged(change: &ChangeRow) -> ChangeOutcome {
    ChangeOutcome {
        change_id: change.id,
        kind: change.kind,
        state: change.state,
        message: change.last_error.as_deref().map(crate::store::changes::ChangeError::decode),
        parked: change.parked_reason,
        payment_url: None,
    }
}
