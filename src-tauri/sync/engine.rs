//! The sync engine: reads OVHcloud into the store (pull), sends the outbox (push), and
//! follows OVHcloud's tasks and orders until they finish.
//!
//! Exactly once: a change is marked `sending` — and that is committed — before its
//! request goes out. A change found `sending` at the next run (a crash, a timeout, a
//! lost connection) had an unknown outcome, so the engine first reads the server's
//! state (the slot, the user, the group's name, the cart with the change's reference)
//! and only sends again if the change is not there.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};
use ts_rs::TS;

use crate::domain::{GroupFamily, LicenceType};
use crate::error::{Error, Result};
use crate::ovh::models::{
    ChangePassword, LicenceAssignment, LicenceKind, NewOfficeUser, OfficeUser, OfficeUserUpdate, PrepaidLicence,
    Statistics, TaskStatus, UNCONFIGURED_NAME,
};
use crate::ovh::{ApiError, Client, ClientConfig, Endpoint, ErrorKind, LicenceOrder, OrderOutcome};
use crate::secrets::{SecretKey, SecretStore};
use crate::store::remote::{self, OutboxItem, RemoteGroup, RemoteLicence, RemoteUsage};
use crate::store::{accounts, timestamp, ChangeKind, Store};
use crate::sync::plan::order_description;

/// What a sync is doing, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// `pull`, `push` or `follow`.
    pub phase: String,
    /// What is being fetched or sent (a group's name, a change's kind).
    pub item: String,
    pub done: u32,
    pub total: u32,
}

/// What became of one pending change in this sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeOutcome {
    pub change_id: i64,
    pub kind: ChangeKind,
    /// `done`, `waitingRemote`, `failed` or `queued` (not sent: offline).
    pub state: String,
    pub message: Option<String>,
    /// For an order just placed: the page where it is paid.
    pub payment_url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub groups: u32,
    pub licences: u32,
    pub changes: Vec<ChangeOutcome>,
    /// OVHcloud could not be reached; changes keep waiting.
    pub offline: bool,
}

impl SyncReport {
    /// Every change that was due went through (none failed, none still waiting here).
    pub fn all_sent(&self) -> bool {
        !self.offline && self.changes.iter().all(|c| c.state == "done" || c.state == "waitingRemote")
    }
}

/// The client of an account, with its secrets read from the keychain.
pub fn client_for(store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<Client> {
    Client::new(client_config_for(store, secrets, account_id)?).map_err(remote_error)
}

/// The client configuration of an account (OVHcloud's fair-use limits by default).
pub fn client_config_for(store: &Store, secrets: &dyn SecretStore, account_id: i64) -> Result<ClientConfig> {
    let account = store.read(|c| accounts::get(c, account_id))?;
    let endpoint: Endpoint = account.endpoint.parse().map_err(|e| Error::Internal(format!("endpoint: {e}")))?;
    let secret = secrets
        .get(SecretKey::ApplicationSecret { account_id })?
        .ok_or_else(|| Error::Keychain("no application secret for this account".into()))?;
    let mut config = ClientConfig::new(endpoint, account.application_key, secret);
    if let Some(ck) = secrets.get(SecretKey::ConsumerKey { account_id })? {
        config = config.with_consumer_key(ck);
    }
    Ok(config)
}

/// An OVHcloud error as the user sees it: OVHcloud's own message, and the query id
/// support asks for.
pub fn remote_error(e: ApiError) -> Error {
    Error::Remote { message: e.message().to_string(), query_id: e.query_id().map(str::to_string), offline: is_offline(&e) }
}

fn is_offline(e: &ApiError) -> bool {
    matches!(e.kind(), ErrorKind::Timeout | ErrorKind::Connection)
}

pub struct Engine<'a> {
    pub store: &'a Store,
    pub secrets: &'a dyn SecretStore,
    pub client: &'a Client,
    pub account_id: i64,
    pub progress: &'a (dyn Fn(Progress) + Sync),
}

/// The OVHcloud subsidiary an endpoint's orders and catalog go to.
fn subsidiary(endpoint: &Endpoint) -> &'static str {
    match endpoint {
        Endpoint::Ca => "CA",
        Endpoint::Us => "US",
        _ => "FR",
    }
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn day(d: time::Date) -> String {
    crate::store::day(d)
}

fn majority(types: impl Iterator<Item = LicenceType>) -> LicenceType {
    let mut counts: HashMap<LicenceType, u32> = HashMap::new();
    for t in types {
        *counts.entry(t).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(t, n)| (*n, *t == LicenceType::OfficeBusiness)).map(|(t, _)| t).unwrap_or(LicenceType::OfficeBusiness)
}

fn licence_type(kinds: &[LicenceKind]) -> LicenceType {
    kinds.first().and_then(LicenceKind::licence_type).unwrap_or(LicenceType::OfficeBusiness)
}

fn name(value: &str) -> Option<String> {
    (!value.is_empty() && value != UNCONFIGURED_NAME).then(|| value.to_string())
}

fn login_of(email: &str) -> Option<String> {
    email.split_once('@').map(|(l, _)| l.to_string())
}

fn task_id(id: i64) -> Option<i64> {
    (id != 0).then_some(id)
}

fn usage(stats: Vec<Statistics>) -> Vec<RemoteUsage> {
    stats
        .into_iter()
        .flat_map(|s| {
            let d = day(s.date);
            s.lines.into_iter().filter_map(move |line| {
                Some(RemoteUsage {
                    day: d.clone(),
                    licence_type: line.licence_type.licence_type()?,
                    end_of_day: line.end_of_day_count,
                    peak: line.peak_count,
                })
            })
        })
        .collect()
}

fn payg_licence(u: &OfficeUser) -> RemoteLicence {
    RemoteLicence {
        remote_id: u.activation_email.clone(),
        licence_type: licence_type(&u.licences),
        state: u.status.as_str().to_string(),
        is_virtual: u.is_virtual,
        first_name: name(&u.first_name),
        last_name: name(&u.last_name),
        login: login_of(&u.activation_email),
        activation_email: Some(u.activation_email.clone()),
        usage_location: u.usage_location.as_ref().map(|l| l.to_ascii_uppercase()),
        pending_task_id: task_id(u.task_pending_id),
    }
}

fn prepaid_licence(l: &PrepaidLicence) -> RemoteLicence {
    RemoteLicence {
        remote_id: l.service_name.clone(),
        licence_type: licence_type(&l.licences),
        state: l.status.as_str().to_string(),
        is_virtual: l.is_virtual,
        first_name: if l.is_virtual { None } else { name(&l.first_name) },
        last_name: if l.is_virtual { None } else { name(&l.last_name) },
        login: if l.is_virtual { None } else { login_of(&l.activation_email) },
        activation_email: Some(l.activation_email.clone()),
        usage_location: l.usage_location.as_ref().map(|u| u.to_ascii_uppercase()),
        pending_task_id: task_id(l.task_pending_id),
    }
}

/// What a sent change became at OVHcloud.
enum Sent {
    Done,
    Task(i64),
    /// An order: its OVHcloud id and payment page, when known.
    Order { order_id: Option<i64>, url: Option<String> },
    /// Not sent: OVHcloud's current state makes the change impossible.
    Refused(String),
}

fn text(payload: &Value, key: &str) -> String {
    payload.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

impl Engine<'_> {
    fn report(&self, phase: &str, item: &str, done: usize, total: usize) {
        (self.progress)(Progress { phase: phase.into(), item: item.into(), done: done as u32, total: total as u32 });
    }

    /// Pull, push, follow; and a last pull when changes landed, so what the user sees
    /// is what OVHcloud now holds.
    pub async fn sync(&self) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        match self.pull().await {
            Ok((groups, licences)) => {
                report.groups = groups;
                report.licences = licences;
            }
            Err(Error::Remote { offline: true, .. }) => {
                report.offline = true;
                for item in self.store.read(|c| remote::open_changes(c, self.account_id))? {
                    report.changes.push(ChangeOutcome { change_id: item.id, kind: item.kind, state: item.state, message: None, payment_url: None });
                }
                return Ok(report);
            }
            Err(e) => return Err(e),
        }
        report.changes = self.push().await?;
        report.offline = report.changes.iter().any(|c| c.state == "queued" || c.state == "sending");
        let landed = self.follow().await?;
        if landed > 0 {
            self.pull().await?;
        }
        Ok(report)
    }

    /// Reads every group of the account, each written in its own transaction.
    pub async fn pull(&self) -> Result<(u32, u32)> {
        let c = self.client;
        let today = now().date();
        let from = today - Duration::days(365);
        let payg = c.office_groups().await.map_err(remote_error)?;
        let prepaid = c.prepaid_groups().await.map_err(remote_error)?;
        let total = payg.len() + prepaid.len();
        let (mut groups, mut licences) = (0u32, 0u32);
        for (i, sn) in payg.iter().enumerate() {
            self.report("pull", sn, i, total);
            let tenant = c.office_group(sn).await.map_err(remote_error)?;
            let domain = c.office_domains(sn).await.map_err(remote_error)?.into_iter().next();
            let infos = c.office_service_infos(sn).await.ok();
            let users = c.office_users(sn).await.map_err(remote_error)?;
            let stats = c.office_usage_statistics(sn, from, today).await.unwrap_or_default();
            let rows: Vec<RemoteLicence> = users.iter().map(payg_licence).collect();
            let group = RemoteGroup {
                family: GroupFamily::PayAsYouGo,
                service_name: sn.clone(),
                display_name: tenant.display_name.clone(),
                offer: majority(rows.iter().map(|r| r.licence_type)),
                status: infos.as_ref().map(|i| i.status.as_str().to_string()).unwrap_or_else(|| tenant.status.as_str().to_string()),
                domain,
                created_on: Some(day(infos.as_ref().map(|i| i.creation).unwrap_or(tenant.creation_date.date()))),
                next_payment_on: None,
                renewal_period: Some("P1M".into()),
                mca_agreed: tenant.mca_agreed.unwrap_or(true),
            };
            self.write_group(&group, &rows, &usage(stats))?;
            groups += 1;
            licences += rows.len() as u32;
        }
        for (i, (tenant_name, names)) in prepaid.iter().enumerate() {
            self.report("pull", tenant_name, payg.len() + i, total);
            let Some(any) = names.first() else { continue };
            let list = c.prepaid_licences(tenant_name).await.map_err(remote_error)?;
            let parent = c.parent_tenant(any).await.map_err(remote_error)?;
            let infos = c.prepaid_service_infos(any).await.ok();
            let stats = c.tenant_usage_statistics(any, from, today).await.unwrap_or_default();
            let rows: Vec<RemoteLicence> = list.iter().map(prepaid_licence).collect();
            let domain = list.iter().find_map(|l| l.activation_email.split_once('@').map(|(_, d)| d.to_string()));
            let period = infos.as_ref().and_then(|i| i.renew.as_ref()).and_then(|r| r.period).filter(|p| *p > 0);
            let group = RemoteGroup {
                family: GroupFamily::Prepaid,
                service_name: tenant_name.clone(),
                display_name: parent.display_name.clone(),
                offer: majority(rows.iter().map(|r| r.licence_type)),
                status: infos.as_ref().map(|i| i.status.as_str().to_string()).unwrap_or_else(|| parent.status.as_str().to_string()),
                domain,
                created_on: Some(day(infos.as_ref().map(|i| i.creation).unwrap_or(parent.creation_date.date()))),
                next_payment_on: infos.as_ref().map(|i| day(i.expiration)),
                renewal_period: Some(match period {
                    Some(12) => "P1Y".to_string(),
                    Some(n) => format!("P{n}M"),
                    None => "P1M".to_string(),
                }),
                mca_agreed: parent.mca_agreed.unwrap_or(true),
            };
            self.write_group(&group, &rows, &usage(stats))?;
            groups += 1;
            licences += rows.len() as u32;
        }
        self.pull_prices().await;
        self.report("pull", "", total, total);
        Ok((groups, licences))
    }

    /// The catalog prices of the prepaid plans, for the order wizard and the costs. A
    /// catalog that cannot be read leaves the prices known so far.
    async fn pull_prices(&self) {
        let Ok(catalog) = self.client.prepaid_catalog(subsidiary(self.client.endpoint())).await else { return };
        let prices: Vec<_> = crate::ovh::monthly_prices(&catalog)
            .into_iter()
            .map(|p| (p.plan_code, p.licence_type, p.renewal_period, p.price_ucents_per_month, p.currency))
            .collect();
        let _ = self.store.write(|tx| remote::write_prices(tx, self.account_id, &prices));
    }

    fn write_group(&self, group: &RemoteGroup, rows: &[RemoteLicence], usage: &[RemoteUsage]) -> Result<()> {
        let at = timestamp(now());
        self.store.write(|tx| remote::write_group(tx, self.account_id, group, rows, usage, &at).map(|_| ()))
    }

    fn set_state(&self, id: i64, state: &str, remote_ref: Option<&str>, error: Option<&str>) -> Result<()> {
        let at = timestamp(now());
        self.store.write(|tx| remote::set_change_state(tx, id, state, remote_ref, error, &at))
    }

    /// Sends every queued change in order, checking first on those whose outcome is
    /// unknown. Stops at the first one OVHcloud cannot be reached for (order matters).
    pub async fn push(&self) -> Result<Vec<ChangeOutcome>> {
        let items: Vec<OutboxItem> = self
            .store
            .read(|c| remote::open_changes(c, self.account_id))?
            .into_iter()
            .filter(|i| i.state != "waitingRemote")
            .collect();
        let mut outcomes = Vec::new();
        let total = items.len();
        let mut stopped = false;
        for (i, item) in items.into_iter().enumerate() {
            self.report("push", item.kind.as_str(), i, total);
            if stopped {
                outcomes.push(ChangeOutcome { change_id: item.id, kind: item.kind, state: item.state.clone(), message: None, payment_url: None });
                continue;
            }
            let applied = if item.state == "sending" { self.already_applied(&item).await } else { Ok(None) };
            let result = match applied {
                Ok(Some(sent)) => Ok(sent),
                Ok(None) => {
                    if item.state != "sending" {
                        self.set_state(item.id, "sending", None, None)?;
                    }
                    self.send(&item).await
                }
                Err(e) => Err(e),
            };
            let outcome = self.settle(&item, result)?;
            if outcome.state == "queued" || outcome.state == "sending" {
                stopped = true;
            }
            outcomes.push(outcome);
        }
        self.report("push", "", total, total);
        Ok(outcomes)
    }

    /// Records what sending gave: done, waiting for a task, failed (parked with the
    /// reason), or not sent (back in the queue, or left `sending` when it may have
    /// reached OVHcloud).
    fn settle(&self, item: &OutboxItem, result: std::result::Result<Sent, ApiError>) -> Result<ChangeOutcome> {
        let at = timestamp(now());
        let outcome = |state: &str, message: Option<String>| ChangeOutcome {
            change_id: item.id,
            kind: item.kind,
            state: state.to_string(),
            message,
            payment_url: None,
        };
        match result {
            Ok(Sent::Done) => {
                self.finish(item, "done", None)?;
                Ok(outcome("done", None))
            }
            Ok(Sent::Task(id)) => {
                self.set_state(item.id, "waitingRemote", Some(&format!("task:{id}")), None)?;
                Ok(outcome("waitingRemote", None))
            }
            Ok(Sent::Refused(reason)) => {
                self.finish(item, "failed", Some(&reason))?;
                Ok(outcome("failed", Some(reason)))
            }
            Ok(Sent::Order { order_id, url }) => {
                let local_order = item.payload.get("orderId").and_then(Value::as_i64);
                self.store.write(|tx| {
                    if let Some(order) = local_order {
                        remote::update_order(tx, order, order_id, url.as_deref(), if url.is_some() { "awaitingPayment" } else { "sent" }, &at)?;
                    }
                    remote::set_change_state(tx, item.id, "done", order_id.map(|o| format!("order:{o}")).as_deref(), None, &at)?;
                    remote::log_change(tx, self.account_id, item, "changeSent", json!({ "change": item.kind.as_str(), "orderId": order_id }), &at)
                })?;
                Ok(ChangeOutcome { payment_url: url, ..outcome("done", None) })
            }
            Err(e) if e.needs_new_credential() => {
                // Refused before anything was done: the change waits for a new key.
                self.set_state(item.id, "queued", None, Some(e.message()))?;
                Err(remote_error(e))
            }
            Err(e) if e.is_transient() || e.may_have_been_applied() || is_offline(&e) => {
                let state = if e.may_have_been_applied() { "sending" } else { "queued" };
                self.set_state(item.id, state, None, Some(e.message()))?;
                Ok(outcome(state, Some(e.message().to_string())))
            }
            Err(e) => {
                let message = match e.query_id() {
                    Some(q) => format!("{} (OVHcloud query {q})", e.message()),
                    None => e.message().to_string(),
                };
                self.finish(item, "failed", Some(&message))?;
                Ok(outcome("failed", Some(message)))
            }
        }
    }

    /// A change reached its end: its password (if any) leaves the keychain.
    fn finish(&self, item: &OutboxItem, state: &str, error: Option<&str>) -> Result<()> {
        let at = timestamp(now());
        self.store.write(|tx| {
            remote::set_change_state(tx, item.id, state, None, error, &at)?;
            let kind = if state == "done" { "changeSent" } else { "changeFailed" };
            remote::log_change(tx, self.account_id, item, kind, json!({ "change": item.kind.as_str(), "reason": error }), &at)
        })?;
        if item.kind == ChangeKind::ChangePassword {
            self.secrets.delete(SecretKey::LicencePassword { change_id: item.id })?;
        }
        Ok(())
    }

    async fn send(&self, item: &OutboxItem) -> std::result::Result<Sent, ApiError> {
        let c = self.client;
        let p = &item.payload;
        let group = item.group_service_name.clone().unwrap_or_default();
        let licence = item.licence_remote_id.clone().unwrap_or_default();
        let family = item.family.unwrap_or(GroupFamily::Prepaid);
        let email = format!("{}@{}", text(p, "login"), text(p, "domain"));
        let location = Some(text(p, "usageLocation").to_ascii_lowercase()).filter(|l| !l.is_empty());
        match (item.kind, family) {
            (ChangeKind::Activate | ChangeKind::EditAccount, GroupFamily::Prepaid) => {
                if item.kind == ChangeKind::Activate {
                    // Someone may have given this slot to another user meanwhile (in the
                    // control panel): never overwrite them.
                    let current = c.prepaid_licence(&licence).await?;
                    if !current.is_virtual && !current.activation_email.eq_ignore_ascii_case(&email) {
                        return Ok(Sent::Refused(format!(
                            "the licence {licence} was given to {} at OVHcloud meanwhile",
                            current.activation_email
                        )));
                    }
                }
                let assignment = LicenceAssignment {
                    activation_email: Some(email),
                    first_name: Some(text(p, "firstName")),
                    last_name: Some(text(p, "lastName")),
                    usage_location: location,
                };
                c.configure_licence(&licence, &assignment).await?;
                // The PUT answers nothing; the slot says which task carries it out.
                let task = c.prepaid_licence(&licence).await.map(|l| l.task_pending_id).unwrap_or(0);
                Ok(if task != 0 { Sent::Task(task) } else { Sent::Done })
            }
            (ChangeKind::Activate, GroupFamily::PayAsYouGo) => {
                let user = NewOfficeUser {
                    domain: text(p, "domain"),
                    login: text(p, "login"),
                    first_name: Some(text(p, "firstName")),
                    last_name: Some(text(p, "lastName")),
                    licence: LicenceKind::parse(&text(p, "licenceType")),
                    usage_location: location,
                };
                let task = c.create_office_user(&group, &user).await?;
                Ok(if task.status.is_finished() { Sent::Done } else { Sent::Task(task.id) })
            }
            (ChangeKind::EditAccount, GroupFamily::PayAsYouGo) => {
                let update = OfficeUserUpdate {
                    activation_email: Some(email),
                    first_name: Some(text(p, "firstName")),
                    last_name: Some(text(p, "lastName")),
                    usage_location: location,
                    delete_at_expiration: None,
                };
                c.update_office_user(&group, &licence, &update).await?;
                Ok(Sent::Done)
            }
            (ChangeKind::ChangePassword, family) => {
                let password = self.secrets.get(SecretKey::LicencePassword { change_id: item.id }).ok().flatten();
                let notify = p.get("notifyEmail").and_then(Value::as_str).map(str::to_string);
                let change = ChangePassword { password, should_send_mail: notify.is_some(), notify_email: notify };
                let task = match family {
                    GroupFamily::Prepaid => c.change_licence_password(&licence, &change).await?,
                    GroupFamily::PayAsYouGo => c.change_office_user_password(&group, &licence, &change).await?,
                };
                Ok(if task.status.is_finished() { Sent::Done } else { Sent::Task(task.id) })
            }
            (ChangeKind::Free, GroupFamily::Prepaid) => {
                let task = c.unconfigure_licence(&licence).await?;
                Ok(if task.status.is_finished() { Sent::Done } else { Sent::Task(task.id) })
            }
            (ChangeKind::Free, GroupFamily::PayAsYouGo) => {
                let task = c.delete_office_user(&group, &licence).await?;
                Ok(if task.status.is_finished() { Sent::Done } else { Sent::Task(task.id) })
            }
            (ChangeKind::RenameGroup, GroupFamily::Prepaid) => {
                let any = item.any_licence.clone().unwrap_or_default();
                c.rename_prepaid_group(&any, &text(p, "displayName")).await?;
                Ok(Sent::Done)
            }
            (ChangeKind::RenameGroup, GroupFamily::PayAsYouGo) => {
                c.rename_office_group(&group, &text(p, "displayName")).await?;
                Ok(Sent::Done)
            }
            (ChangeKind::Order, _) => {
                let order = LicenceOrder {
                    reference: order_description(item.id),
                    ovh_subsidiary: subsidiary(c.endpoint()).into(),
                    plan_code: text(p, "planCode"),
                    duration: Some(text(p, "renewalPeriod")).filter(|d| !d.is_empty()).unwrap_or_else(|| "P1M".into()),
                    quantity: p.get("quantity").and_then(Value::as_i64).unwrap_or(0),
                    existing_tenant: p.get("existingTenant").and_then(Value::as_str).map(str::to_string),
                    auto_pay: false,
                };
                Ok(match c.place_licence_order(&order).await? {
                    OrderOutcome::Placed { order, .. } => Sent::Order { order_id: order.order_id, url: order.url },
                    OrderOutcome::AlreadyPlaced { .. } => Sent::Order { order_id: None, url: None },
                })
            }
        }
    }

    /// For a change whose outcome is unknown: is it already at OVHcloud? `Some` means
    /// yes (do not send again), `None` means no (send it).
    async fn already_applied(&self, item: &OutboxItem) -> std::result::Result<Option<Sent>, ApiError> {
        let c = self.client;
        let p = &item.payload;
        let group = item.group_service_name.clone().unwrap_or_default();
        let licence = item.licence_remote_id.clone().unwrap_or_default();
        let family = item.family.unwrap_or(GroupFamily::Prepaid);
        let email = format!("{}@{}", text(p, "login"), text(p, "domain"));
        let gone = |e: &ApiError| e.kind() == ErrorKind::NotFound;
        let pending = |id: i64| if id != 0 { Sent::Task(id) } else { Sent::Done };
        Ok(match (item.kind, family) {
            (ChangeKind::Activate | ChangeKind::EditAccount, GroupFamily::Prepaid) => {
                // A configured slot keeps `isVirtual` until its task is done: the names
                // and e-mail tell whether our PUT got there.
                let l = c.prepaid_licence(&licence).await?;
                let same = l.activation_email.eq_ignore_ascii_case(&email)
                    && l.first_name == text(p, "firstName")
                    && l.last_name == text(p, "lastName");
                same.then(|| pending(l.task_pending_id))
            }
            (ChangeKind::Activate, GroupFamily::PayAsYouGo) => match c.office_user(&group, &email).await {
                Ok(u) => Some(pending(u.task_pending_id)),
                Err(e) if gone(&e) => None,
                Err(e) => return Err(e),
            },
            (ChangeKind::EditAccount, GroupFamily::PayAsYouGo) => match c.office_user(&group, &email).await {
                Ok(u) => (u.first_name == text(p, "firstName") && u.last_name == text(p, "lastName")).then_some(Sent::Done),
                Err(e) if gone(&e) => None,
                Err(e) => return Err(e),
            },
            // Sending the same password again sets the same password: safe to resend.
            (ChangeKind::ChangePassword, _) => None,
            (ChangeKind::Free, GroupFamily::Prepaid) => {
                let l = c.prepaid_licence(&licence).await?;
                (l.is_virtual || l.status.as_str() == "deleting").then(|| pending(l.task_pending_id))
            }
            (ChangeKind::Free, GroupFamily::PayAsYouGo) => match c.office_user(&group, &licence).await {
                Ok(u) => (u.status.as_str() == "deleting").then(|| pending(u.task_pending_id)),
                Err(e) if gone(&e) => Some(Sent::Done),
                Err(e) => return Err(e),
            },
            (ChangeKind::RenameGroup, GroupFamily::Prepaid) => {
                let any = item.any_licence.clone().unwrap_or_default();
                (c.parent_tenant(&any).await?.display_name == text(p, "displayName")).then_some(Sent::Done)
            }
            (ChangeKind::RenameGroup, GroupFamily::PayAsYouGo) => {
                (c.office_group(&group).await?.display_name == text(p, "displayName")).then_some(Sent::Done)
            }
            // The order flow itself finds a cart already checked out under this
            // change's reference and does not order again.
            (ChangeKind::Order, _) => None,
        })
    }

    /// Polls OVHcloud's tasks for changes waiting on them, and the orders sent.
    /// Returns how many changes reached their end.
    pub async fn follow(&self) -> Result<u32> {
        let c = self.client;
        let waiting: Vec<OutboxItem> = self
            .store
            .read(|conn| remote::open_changes(conn, self.account_id))?
            .into_iter()
            .filter(|i| i.state == "waitingRemote")
            .collect();
        let mut landed = 0;
        let total = waiting.len();
        for (i, item) in waiting.iter().enumerate() {
            self.report("follow", item.kind.as_str(), i, total);
            let Some(id) = item.remote_ref.as_deref().and_then(|r| r.strip_prefix("task:")).and_then(|r| r.parse().ok()) else {
                continue;
            };
            let task = match item.family {
                Some(GroupFamily::PayAsYouGo) => c.office_task(item.group_service_name.as_deref().unwrap_or_default(), id).await,
                _ => c.tenant_task(item.any_licence.as_deref().unwrap_or_default(), id).await,
            };
            match task {
                Ok(task) => match task.status {
                    TaskStatus::Done => {
                        self.finish(item, "done", None)?;
                        landed += 1;
                    }
                    TaskStatus::Error | TaskStatus::Cancelled => {
                        let reason = format!("OVHcloud task {} ended: {}", task.id, task.status.as_str());
                        self.finish(item, "failed", Some(&reason))?;
                        landed += 1;
                    }
                    _ => {}
                },
                // A finished task may no longer be listed: the object's state tells.
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    self.finish(item, "done", None)?;
                    landed += 1;
                }
                Err(e) if is_offline(&e) || e.is_transient() => break,
                Err(e) => return Err(remote_error(e)),
            }
        }
        for (order, remote_id) in self.store.read(|conn| remote::orders_to_follow(conn, self.account_id))? {
            let Ok(status) = c.order_status(remote_id).await else { continue };
            let state = match status.as_str() {
                "delivered" => "delivered",
                "cancelled" | "cancelling" => "cancelled",
                "notPaid" | "checking" | "documentsRequested" => "awaitingPayment",
                "delivering" => "paid",
                _ => continue,
            };
            let at = timestamp(now());
            self.store.write(|tx| remote::update_order(tx, order, None, None, state, &at))?;
            if state == "delivered" {
                landed += 1;
            }
        }
        Ok(landed)
    }
}
