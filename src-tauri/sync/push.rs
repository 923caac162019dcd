//! Sending the outbox, exactly once.
//!
//! * Changes go oldest first. A change waits while an earlier change of the same licence
//!   (or, for group-level changes, the same group) is still open — queued, sending,
//!   waiting on OVHcloud's task, or parked — so OVHcloud never sees a password change
//!   while it is still creating the user.
//! * A queued change is marked `sending` — committed to disk — before its request
//!   leaves. A change found `sending` had an unknown outcome (crash, timeout, lost
//!   answer): OVHcloud's state is read first, comparing every field the request sets,
//!   and the change is sent again only if it is not there.
//! * Orders: the cart is named after the change's key (unique to this installation,
//!   never reused), recorded locally before it is filled, and the checkout is recorded
//!   (with the price it should cost) before it goes out. A cart already checked out,
//!   or gone after a checkout went out, is never ordered again: the order is recovered
//!   from OVHcloud's list of orders, or the change is parked for the user to check.
//! * A password the keychain no longer has is never sent without it: the change is
//!   parked. OVHcloud busy with the licence (409 while a task runs) means "later", not
//!   "failed".

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::engine::{ChangeOutcome, Engine, Phase, is_offline, now, remote_error, unchanged};
use super::plan::{OrderPlan, Plan, PlanError, PlannedRequest};
use crate::domain::GroupFamily;
use crate::error::{Error, Precondition, Result};
use crate::ovh::models::{Cart, CartItem, EXISTING_TENANT_LABEL, ItemConfiguration, Order, Task};
use crate::ovh::{ApiError, ErrorKind, path_segment as seg};
use crate::secrets::Secret;
use crate::store::changes::{self, ChangeError, ParkReason, Transition};
use crate::store::{ChangeKind, ChangePayload, ChangeRow, ChangeState, remote, timestamp};

/// How long a change waits when OVHcloud says it is busy with its licence or group.
const BUSY_WAIT: time::Duration = time::Duration::seconds(30);

/// How far back from its checkout an order is looked for in OVHcloud's list.
const ORDER_CLOCK_SLACK: time::Duration = time::Duration::minutes(10);

/// What sending a change came to at OVHcloud.
#[derive(Debug)]
enum Sent {
    Done,
    Task(i64),
    /// An order: its OVHcloud id and payment page.
    Order {
        order_id: i64,
        url: String,
    },
    /// Not sent or refused: OVHcloud's state makes the change impossible.
    Refused(ChangeError),
    /// OVHcloud is working on this licence or group: try again later.
    Busy(ChangeError),
    /// Cannot go without the user.
    Park(ParkReason, ChangeError),
    /// A prepaid group's agreement accepted: OVHcloud turns `mcaAgreed` on shortly.
    Agreement,
    /// A prepaid licence's termination confirmed; it ends on that day (`YYYY-MM-DD`).
    Terminated {
        ends_on: Option<String>,
    },
}

/// The remote reference of a change waiting for a group's agreement to take effect.
pub const AGREEMENT_REF: &str = "agreement";

/// Why sending did not get an answer to act on: OVHcloud's error, or the local
/// database failing mid-way (the change then stays as it is, to be checked again).
#[derive(Debug)]
enum Failure {
    Api(ApiError),
    Local(Error),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        Failure::Api(e)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Local(e)
    }
}

type Sending = std::result::Result<Sent, Failure>;

/// Where an activation goes out from.
enum Slot {
    /// Its own slot (still empty at OVHcloud, or already ours).
    Keep,
    /// Another empty slot: the change as it now is, and its plan.
    Moved(Box<(ChangeRow, Plan)>),
    /// Its slot was given away and no other is free: why.
    NoneLeft(ChangeError),
}

/// What a push did.
#[derive(Debug, Default)]
pub struct Pushed {
    pub outcomes: Vec<ChangeOutcome>,
    /// Stopped because OVHcloud could not be reached.
    pub offline: bool,
    /// Stopped because OVHcloud asked to slow down; not before then.
    pub retry_at: Option<OffsetDateTime>,
}

impl Pushed {
    fn stopped(&self) -> bool {
        self.offline || self.retry_at.is_some()
    }
}

/// What an open change holds until it ends: later changes of the same wait for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Holder {
    Licence(i64),
    Group(i64),
}

fn holder(change: &ChangeRow) -> Option<Holder> {
    if change.kind.is_group_level() {
        change.group_id.map(Holder::Group)
    } else {
        change.licence_id.map(Holder::Licence)
    }
}

fn parse_time(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &Rfc3339).ok()
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Whether OVHcloud's usage location (lower case, missing from some answers) is the one sent.
fn same_location(remote: Option<&str>, sent: Option<&str>) -> bool {
    match (remote, sent) {
        (Some(r), Some(s)) => same(r, s),
        (None, _) | (_, None) => true,
    }
}

fn pending(task: i64) -> Sent {
    if task != 0 { Sent::Task(task) } else { Sent::Done }
}

fn task_sent(task: Task) -> Sent {
    if task.status.is_finished() { Sent::Done } else { Sent::Task(task.id) }
}

impl Engine<'_> {
    /// Sends every change that is due, in order.
    pub async fn push(&self) -> Result<Pushed> {
        let changes = self.open_changes()?;
        let started = now();
        let mut held: HashSet<Holder> = HashSet::new();
        let mut pushed = Pushed::default();
        let total = changes.len();
        for (i, change) in changes.iter().enumerate() {
            let holds = holder(change);
            let waits_for_earlier = holds.is_some_and(|h| held.contains(&h));
            let not_yet = change.not_before.as_deref().and_then(parse_time).is_some_and(|t| t > started);
            if matches!(change.state, ChangeState::WaitingRemote | ChangeState::Parked)
                || waits_for_earlier
                || not_yet
                || pushed.stopped()
            {
                held.extend(holds);
                let mut outcome = unchanged(change);
                if waits_for_earlier {
                    outcome.message = Some(ChangeError::WaitsForEarlier);
                }
                pushed.outcomes.push(outcome);
                continue;
            }
            self.report(Phase::Push, change.kind.as_str(), i, total);
            let Some(outcome) = self.push_one(change, &mut pushed).await? else { continue };
            if !matches!(outcome.state, ChangeState::Done | ChangeState::Failed) {
                held.extend(holds);
            }
            pushed.outcomes.push(outcome);
        }
        self.report(Phase::Push, "", total, total);
        Ok(pushed)
    }

    fn move_change(&self, change: &ChangeRow, t: Transition) -> Result<()> {
        let at = timestamp(now());
        self.store.write(|tx| changes::transition(tx, change.id, t, &at))
    }

    /// Sends one change; `None` when it moved meanwhile (undone in the window).
    async fn push_one(&self, change: &ChangeRow, pushed: &mut Pushed) -> Result<Option<ChangeOutcome>> {
        let plan = match Plan::for_change(change) {
            Ok(plan) => plan,
            Err(PlanError(detail)) => {
                return self.park(change, ParkReason::NotPlannable, ChangeError::NotPlannable { detail }).map(Some);
            }
        };
        // A password is read before anything is marked: never send without it.
        let password = match &plan {
            Plan::ChangePassword { has_password: true, .. } => {
                let key = change.payload.password_key(change.id).expect("a password change");
                match self.secrets.get(key) {
                    Ok(Some(p)) => Some(p),
                    Ok(None) => {
                        return self.park(change, ParkReason::PasswordMissing, ChangeError::PasswordMissing).map(Some);
                    }
                    Err(e) => {
                        let why = ChangeError::KeychainUnavailable { detail: e.to_string() };
                        return self.park(change, ParkReason::KeychainUnavailable, why).map(Some);
                    }
                }
            }
            _ => None,
        };
        let unknown_outcome = change.state == ChangeState::Sending;
        if change.state == ChangeState::Queued {
            let at = timestamp(now());
            let marked = self.store.write_durable(|tx| {
                changes::transition(tx, change.id, Transition::new(ChangeState::Queued, ChangeState::Sending), &at)
            });
            match marked {
                Ok(()) => {}
                Err(Error::Precondition(Precondition::ChangeMoved)) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        // An activation whose slot was given away elsewhere goes out from another one.
        let mut moved: Option<ChangeRow> = None;
        let result = match &plan {
            Plan::Order(order) => self.send_order(change, order).await,
            Plan::SetRenewal { family, services, body } => {
                self.send_renewal(*family, services, body, unknown_outcome).await
            }
            _ => {
                let applied = if unknown_outcome { self.already_applied(&plan).await } else { Ok(None) };
                match applied {
                    Ok(Some(sent)) => Ok(sent),
                    Ok(None) => match self.slot_for(change, &plan).await {
                        Ok(Slot::Keep) => self.send(&plan, password).await,
                        Ok(Slot::Moved(moved_to)) => {
                            let (row, new_plan) = *moved_to;
                            let sent = self.send(&new_plan, password).await;
                            moved = Some(row);
                            sent
                        }
                        Ok(Slot::NoneLeft(why)) => Ok(Sent::Refused(why)),
                        Err(e) => Err(e),
                    },
                    Err(e) => Err(Failure::Api(e)),
                }
            }
        };
        let change = moved.as_ref().unwrap_or(change);
        let result = match result {
            Err(Failure::Local(e)) => return Err(e),
            Err(Failure::Api(e)) if e.kind() == ErrorKind::Conflict => match self.is_busy(change).await {
                Ok(true) => Ok(Sent::Busy(ChangeError::Busy { detail: e.message().to_string() })),
                _ => Err(e),
            },
            Err(Failure::Api(e)) => Err(e),
            Ok(sent) => Ok(sent),
        };
        self.settle(change, result, pushed).map(Some)
    }

    fn park(&self, change: &ChangeRow, reason: ParkReason, why: ChangeError) -> Result<ChangeOutcome> {
        let stored = why.encode();
        let moved = self
            .move_change(change, Transition::new(change.state, ChangeState::Parked).parked(reason).with_error(&stored));
        match moved {
            Ok(()) | Err(Error::Precondition(Precondition::ChangeMoved)) => {}
            Err(e) => return Err(e),
        }
        Ok(ChangeOutcome {
            change_id: change.id,
            kind: change.kind,
            state: ChangeState::Parked,
            message: Some(why),
            parked: Some(reason),
            payment_url: None,
        })
    }

    /// Records what sending gave.
    fn settle(
        &self,
        change: &ChangeRow,
        result: std::result::Result<Sent, ApiError>,
        pushed: &mut Pushed,
    ) -> Result<ChangeOutcome> {
        let at = timestamp(now());
        let outcome = |state: ChangeState, message: Option<ChangeError>| ChangeOutcome {
            change_id: change.id,
            kind: change.kind,
            state,
            message,
            parked: None,
            payment_url: None,
        };
        let sending = ChangeState::Sending;
        let outcome = match result {
            Ok(Sent::Done) => {
                self.store
                    .write(|tx| remote::finish_change(tx, change, sending, ChangeState::Done, None, None, &at))?;
                self.forget_password(change)?;
                outcome(ChangeState::Done, None)
            }
            Ok(Sent::Task(id)) => {
                let task = format!("task:{id}");
                self.move_change(change, Transition::new(sending, ChangeState::WaitingRemote).with_ref(&task))?;
                outcome(ChangeState::WaitingRemote, None)
            }
            Ok(Sent::Refused(reason)) => {
                let stored = reason.encode();
                self.store.write(|tx| {
                    remote::finish_change(tx, change, sending, ChangeState::Failed, Some(&stored), None, &at)
                })?;
                self.forget_password(change)?;
                outcome(ChangeState::Failed, Some(reason))
            }
            Ok(Sent::Order { order_id, url }) => {
                self.store.write(|tx| remote::order_placed(tx, change, order_id, &url, &at))?;
                ChangeOutcome { payment_url: Some(url), ..outcome(ChangeState::Done, None) }
            }
            Ok(Sent::Busy(why)) => {
                let later = timestamp(now() + BUSY_WAIT);
                self.move_change(
                    change,
                    Transition::new(sending, ChangeState::Queued).with_error(&why.encode()).not_before(&later),
                )?;
                outcome(ChangeState::Queued, Some(why))
            }
            Ok(Sent::Park(reason, why)) => {
                self.move_change(
                    change,
                    Transition::new(sending, ChangeState::Parked).parked(reason).with_error(&why.encode()),
                )?;
                ChangeOutcome { parked: Some(reason), ..outcome(ChangeState::Parked, Some(why)) }
            }
            Ok(Sent::Agreement) => {
                self.move_change(change, Transition::new(sending, ChangeState::WaitingRemote).with_ref(AGREEMENT_REF))?;
                outcome(ChangeState::WaitingRemote, None)
            }
            Ok(Sent::Terminated { ends_on }) => {
                self.store.write(|tx| {
                    remote::finish_change(tx, change, sending, ChangeState::Done, None, None, &at)?;
                    remote::licence_terminated(tx, change, ends_on.as_deref(), &at)
                })?;
                outcome(ChangeState::Done, None)
            }
            Err(e) if e.needs_new_credential() => {
                // Refused before anything was done: the change waits for a new key.
                let why = ChangeError::from_api(&e).encode();
                self.move_change(change, Transition::new(sending, ChangeState::Queued).with_error(&why))?;
                return Err(remote_error(e));
            }
            Err(e) if e.kind() == ErrorKind::RateLimited => {
                // 429: nothing was done. Wait as long as OVHcloud asks.
                let wait = e.retry_after().unwrap_or(std::time::Duration::from_secs(60));
                let until = now() + time::Duration::try_from(wait).unwrap_or(time::Duration::MINUTE);
                pushed.retry_at = Some(until);
                let until_text = timestamp(until);
                let why = ChangeError::from_api(&e);
                self.move_change(
                    change,
                    Transition::new(sending, ChangeState::Queued).with_error(&why.encode()).not_before(&until_text),
                )?;
                outcome(ChangeState::Queued, Some(why))
            }
            Err(e) if e.is_transient() || e.may_have_been_applied() || is_offline(&e) => {
                let state = if e.may_have_been_applied() { ChangeState::Sending } else { ChangeState::Queued };
                let why = ChangeError::from_api(&e);
                self.move_change(change, Transition::new(sending, state).with_error(&why.encode()))?;
                pushed.offline = true;
                outcome(state, Some(why))
            }
            Err(e) => {
                let why = ChangeError::from_api(&e);
                let stored = why.encode();
                self.store.write(|tx| {
                    remote::finish_change(tx, change, sending, ChangeState::Failed, Some(&stored), None, &at)
                })?;
                self.forget_password(change)?;
                outcome(ChangeState::Failed, Some(why))
            }
        };
        Ok(outcome)
    }

    /// Sends a planned write and reads its answer.
    async fn write<T: DeserializeOwned>(&self, request: PlannedRequest) -> std::result::Result<T, ApiError> {
        self.client.call(request.request()).await
    }

    async fn send(&self, plan: &Plan, password: Option<Secret>) -> Sending {
        let c = self.client;
        let request = || plan.request().expect("a one-request change");
        match plan {
            Plan::ConfigureSlot { licence, .. } => {
                // An activation's slot was read just before ([`Engine::slot_for`]).
                self.write::<()>(request()).await?;
                // The PUT answers nothing; the slot says which task carries it out.
                let task = c.prepaid_licence(licence).await.map(|l| l.task_pending_id).unwrap_or(0);
                Ok(pending(task))
            }
            Plan::CreateUser { group, body } => match self.write::<Task>(request()).await {
                Ok(task) => Ok(task_sent(task)),
                // Already there: ours (an earlier attempt whose answer was lost), or
                // someone else's with the same login.
                Err(e) if e.kind() == ErrorKind::Conflict => {
                    let email = format!("{}@{}", body.login, body.domain);
                    match c.office_user(group, &email).await {
                        Ok(u)
                            if Some(&u.first_name) == body.first_name.as_ref()
                                && Some(&u.last_name) == body.last_name.as_ref()
                                && same_location(u.usage_location.as_deref(), body.usage_location.as_deref()) =>
                        {
                            Ok(pending(u.task_pending_id))
                        }
                        Ok(u) => Ok(Sent::Refused(ChangeError::LoginTaken {
                            email,
                            first_name: u.first_name,
                            last_name: u.last_name,
                        })),
                        Err(_) => Err(e.into()),
                    }
                }
                Err(e) => Err(e.into()),
            },
            Plan::UpdateUser { .. } | Plan::RenamePrepaid { .. } | Plan::RenamePayg { .. } => {
                self.write::<()>(request()).await?;
                Ok(Sent::Done)
            }
            Plan::ChangePassword { .. } => {
                let request = plan.password_request(password).expect("a password change");
                Ok(task_sent(self.write::<Task>(request).await?))
            }
            Plan::Unconfigure { .. } | Plan::DeleteUser { .. } => Ok(task_sent(self.write::<Task>(request()).await?)),
            Plan::AcceptAgreement { any_licence } => match self.write::<()>(request()).await {
                Ok(()) => Ok(Sent::Agreement),
                // Refused: accepted already (elsewhere, or by an earlier attempt whose
                // answer was lost), or not signed yet — OVHcloud's message says which.
                Err(e) if e.kind() == ErrorKind::BadRequest => {
                    if c.parent_tenant(any_licence).await?.mca_agreed == Some(true) {
                        Ok(Sent::Done)
                    } else {
                        Err(e.into())
                    }
                }
                Err(e) => Err(e.into()),
            },
            Plan::ConfirmTermination { licence, .. } => {
                self.write::<String>(request()).await?;
                Ok(Sent::Terminated { ends_on: self.ends_on(licence).await })
            }
            Plan::Order(_) => unreachable!("orders go through send_order"),
            Plan::SetRenewal { .. } => unreachable!("renewals go through send_renewal"),
        }
    }

    /// Where a prepaid activation goes. Someone may have given its slot to another user
    /// meanwhile (another computer on the same account, or the control panel): they are
    /// never overwritten. The activation then moves to another empty slot of the same
    /// licence type, read first at OVHcloud to be empty there too (recorded durably
    /// before anything is sent there, with a history row saying which); when none is
    /// left it is refused, saying so.
    async fn slot_for(&self, change: &ChangeRow, plan: &Plan) -> std::result::Result<Slot, Failure> {
        let Plan::ConfigureSlot { licence, body } = plan else { return Ok(Slot::Keep) };
        if change.kind != ChangeKind::Activate {
            return Ok(Slot::Keep);
        }
        let c = self.client;
        let current = c.prepaid_licence(licence).await?;
        let email = body.activation_email.as_deref().unwrap_or_default();
        // Free (virtual, no task configuring it), or ours already (an earlier attempt).
        // A slot being configured keeps `isVirtual` until its task is done: a task with
        // another e-mail is someone else's.
        if current.is_unconfigured() || same(&current.activation_email, email) {
            return Ok(Slot::Keep);
        }
        let taken_by = current.activation_email;
        let candidates = self.store.read(|conn| changes::free_slots_for(conn, change)).map_err(Failure::Local)?;
        for (slot_id, service) in candidates {
            let slot = match c.prepaid_licence(&service).await {
                Ok(slot) => slot,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            if !slot.is_unconfigured() {
                // Taken (or being given) there too: the next pull shows it.
                continue;
            }
            let at = timestamp(now());
            self.store
                .write_durable(|tx| changes::move_activation(tx, change.id, slot_id, &taken_by, &at))
                .map_err(Failure::Local)?;
            tracing::info!(change = change.id, from = %licence, to = %service, "activation moved to a free slot");
            let row = self.store.read(|conn| changes::get(conn, change.id)).map_err(Failure::Local)?;
            let plan = Plan::for_change(&row).map_err(|PlanError(why)| Failure::Local(Error::Internal(why)))?;
            return Ok(Slot::Moved(Box::new((row, plan))));
        }
        Ok(Slot::NoneLeft(ChangeError::SlotTaken { licence: licence.clone(), taken_by }))
    }

    /// The day a terminated prepaid licence ends, as OVHcloud says (its expiration).
    async fn ends_on(&self, licence: &str) -> Option<String> {
        self.client.prepaid_service_infos(licence).await.ok().map(|i| i.expiration.to_string())
    }

    /// Sets the renewal of each service. After an unknown outcome (`resume`), each
    /// service's renewal is read first and only those not renewing as asked are sent
    /// again (the request is idempotent anyway). A service gone meanwhile (a licence
    /// terminated or expired) has nothing left to renew.
    async fn send_renewal(
        &self,
        family: GroupFamily,
        services: &[String],
        body: &crate::ovh::models::ServiceRenewalUpdate,
        resume: bool,
    ) -> Sending {
        let c = self.client;
        let wanted = crate::domain::RenewalSettings {
            automatic: body.renew.automatic,
            delete_at_expiration: body.renew.delete_at_expiration,
            period_months: body.renew.period,
        };
        let mut done = 0;
        for (i, service) in services.iter().enumerate() {
            self.report(Phase::Push, service, i, services.len());
            if resume {
                let infos = match family {
                    GroupFamily::Prepaid => c.prepaid_service_infos(service).await,
                    GroupFamily::PayAsYouGo => c.office_service_infos(service).await,
                };
                match infos {
                    Ok(infos) if infos.renews_as(&wanted) => continue,
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::NotFound => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            match self.write::<()>(Plan::renewal_request(family, service, body)).await {
                Ok(()) => done += 1,
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) if done > 0 && !(e.is_transient() || is_offline(&e) || e.kind() == ErrorKind::RateLimited) => {
                    return Ok(Sent::Refused(ChangeError::RenewalPartial {
                        service: service.clone(),
                        message: e.message().to_string(),
                        done,
                    }));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Sent::Done)
    }

    /// For a change whose outcome is unknown: is it already at OVHcloud? `Some` means
    /// yes (do not send again), `None` means no (send it). Every field the request
    /// sets is compared.
    async fn already_applied(&self, plan: &Plan) -> std::result::Result<Option<Sent>, ApiError> {
        let c = self.client;
        let gone = |e: &ApiError| e.kind() == ErrorKind::NotFound;
        Ok(match plan {
            Plan::ConfigureSlot { licence, body } => {
                // A configured slot keeps `isVirtual` until its task is done: the names,
                // e-mail and usage location tell whether our PUT got there.
                let l = c.prepaid_licence(licence).await?;
                let applied = same(&l.activation_email, body.activation_email.as_deref().unwrap_or_default())
                    && Some(&l.first_name) == body.first_name.as_ref()
                    && Some(&l.last_name) == body.last_name.as_ref()
                    && same_location(l.usage_location.as_deref(), body.usage_location.as_deref());
                applied.then(|| pending(l.task_pending_id))
            }
            Plan::CreateUser { group, body } => {
                match c.office_user(group, &format!("{}@{}", body.login, body.domain)).await {
                    Ok(u) => {
                        let ours = Some(&u.first_name) == body.first_name.as_ref()
                            && Some(&u.last_name) == body.last_name.as_ref()
                            && same_location(u.usage_location.as_deref(), body.usage_location.as_deref());
                        Some(if ours {
                            pending(u.task_pending_id)
                        } else {
                            Sent::Refused(ChangeError::LoginTaken {
                                email: u.activation_email,
                                first_name: u.first_name,
                                last_name: u.last_name,
                            })
                        })
                    }
                    Err(e) if gone(&e) => None,
                    Err(e) => return Err(e),
                }
            }
            Plan::UpdateUser { group, body, .. } => {
                let email = body.activation_email.clone().unwrap_or_default();
                match c.office_user(group, &email).await {
                    Ok(u) => (Some(&u.first_name) == body.first_name.as_ref()
                        && Some(&u.last_name) == body.last_name.as_ref()
                        && same_location(u.usage_location.as_deref(), body.usage_location.as_deref()))
                    .then_some(Sent::Done),
                    Err(e) if gone(&e) => None,
                    Err(e) => return Err(e),
                }
            }
            // Sending the same password again sets the same password: safe to resend.
            Plan::ChangePassword { .. } => None,
            Plan::Unconfigure { licence } => {
                let l = c.prepaid_licence(licence).await?;
                (l.is_virtual || l.status.as_str() == "deleting").then(|| pending(l.task_pending_id))
            }
            Plan::DeleteUser { group, user } => match c.office_user(group, user).await {
                Ok(u) => (u.status.as_str() == "deleting").then(|| pending(u.task_pending_id)),
                Err(e) if gone(&e) => Some(Sent::Done),
                Err(e) => return Err(e),
            },
            Plan::RenamePrepaid { any_licence, body } => (Some(&c.parent_tenant(any_licence).await?.display_name)
                == body.display_name.as_ref())
            .then_some(Sent::Done),
            Plan::RenamePayg { group, body } => {
                (Some(&c.office_group(group).await?.display_name) == body.display_name.as_ref()).then_some(Sent::Done)
            }
            Plan::Order(_) | Plan::SetRenewal { .. } => None,
            Plan::AcceptAgreement { any_licence } => {
                (c.parent_tenant(any_licence).await?.mca_agreed == Some(true)).then_some(Sent::Done)
            }
            Plan::ConfirmTermination { licence, .. } => {
                let infos = c.prepaid_service_infos(licence).await?;
                infos
                    .renew
                    .is_some_and(|r| r.delete_at_expiration)
                    .then(|| Sent::Terminated { ends_on: Some(infos.expiration.to_string()) })
            }
        })
    }

    /// After a 409: is OVHcloud still working on the change's licence (a task running)?
    async fn is_busy(&self, change: &ChangeRow) -> std::result::Result<bool, ApiError> {
        let (Some(family), Some(licence)) = (change.family, change.licence_remote_id.as_deref()) else {
            return Ok(false);
        };
        if change.kind.is_group_level() || change.kind == ChangeKind::ConfirmTermination {
            return Ok(false);
        }
        // A brand-new pay-as-you-go user has nothing to be busy with.
        if matches!(change.payload, ChangePayload::Activate(_)) && family == GroupFamily::PayAsYouGo {
            return Ok(false);
        }
        Ok(match family {
            GroupFamily::Prepaid => {
                let l = self.client.prepaid_licence(licence).await?;
                l.task_pending_id != 0 || !matches!(l.status.as_str(), "ok" | "unconfigured")
            }
            GroupFamily::PayAsYouGo => {
                let group = change.group_service_name.as_deref().unwrap_or_default();
                let u = self.client.office_user(group, licence).await?;
                u.task_pending_id != 0 || u.status.as_str() != "ok"
            }
        })
    }

    fn record_cart(&self, change: &ChangeRow, cart_id: &str) -> Result<()> {
        let at = timestamp(now());
        self.store.write_durable(|tx| changes::record_cart(tx, change.id, Some(cart_id), &at))
    }

    /// Places an order at most once per change (see the module's documentation).
    async fn send_order(&self, change: &ChangeRow, order: &OrderPlan) -> Sending {
        let c = self.client;
        // The cart: the one recorded, or one carrying the change's reference (its
        // creation's answer was lost before it could be recorded).
        let mut cart: Option<Cart> = None;
        match &change.cart_id {
            Some(id) => match c.cart(id).await {
                Ok(k) => cart = Some(k),
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            },
            None => {
                for id in c.carts_with_description(order.reference()).await? {
                    match c.cart(&id).await {
                        Ok(k) => {
                            cart = Some(k);
                            break;
                        }
                        Err(e) if e.kind() == ErrorKind::NotFound => continue,
                        Err(e) => return Err(e.into()),
                    }
                }
                if let Some(k) = &cart {
                    self.record_cart(change, &k.cart_id)?;
                }
            }
        }
        match &cart {
            // Checked out already: the order exists. Find it; never order again.
            Some(k) if k.read_only => return self.recover_order(change, true).await,
            // Gone (expired) after its checkout went out: it may have become an order.
            None if change.checkout_sent_at.is_some() => return self.recover_order(change, false).await,
            _ => {}
        }
        let (cart_id, items) = match cart {
            Some(k) => (k.cart_id, k.items),
            None => {
                let created: Cart = self.write(order.create_cart()).await?;
                self.record_cart(change, &created.cart_id)?;
                (created.cart_id, Vec::new())
            }
        };
        let cart_seg = seg(&cart_id);
        self.client.call_void(order.assign(&cart_seg).request().idempotent(true)).await?;
        let item_id = match items.first() {
            Some(id) => *id,
            None => self.write::<CartItem>(order.add_item(&cart_seg)).await?.item_id,
        };
        if let Some(configure) = order.configure(&cart_seg, &item_id.to_string())
            && c.item_configurations(&cart_id, item_id, EXISTING_TENANT_LABEL).await?.is_empty()
        {
            self.write::<ItemConfiguration>(configure).await?;
        }
        let preview: Order = c.checkout_preview(&cart_id).await?;
        let expected = preview.prices.without_tax.price_in_ucents;
        let at = timestamp(now());
        self.store.write_durable(|tx| changes::record_checkout(tx, change.id, expected, &at))?;
        let placed: Order = self.write(order.checkout(&cart_seg)).await?;
        match (placed.order_id, placed.url) {
            (Some(order_id), Some(url)) => Ok(Sent::Order { order_id, url }),
            // Checked out, but the answer does not say which order: look it up.
            _ => {
                let mut reread = change.clone();
                reread.checkout_sent_at = Some(at);
                reread.expected_price = expected;
                self.recover_order(&reread, true).await
            }
        }
    }

    /// Finds the order a checkout of this change became, in OVHcloud's list of orders
    /// since the checkout: one not already known here, at the price the checkout
    /// preview gave. Exactly one such order is taken; otherwise the change is parked
    /// for the user to check (it is never ordered again).
    async fn recover_order(&self, change: &ChangeRow, checked_out: bool) -> Sending {
        let c = self.client;
        let since = change
            .checkout_sent_at
            .as_deref()
            .or(Some(change.created_at.as_str()))
            .and_then(parse_time)
            .map(|t| t - ORDER_CLOCK_SLACK);
        let known: HashSet<i64> = self.store.read(|conn| remote::known_remote_orders(conn, self.account_id))?;
        let mut found = Vec::new();
        for id in c.orders(since, None).await? {
            if known.contains(&id) {
                continue;
            }
            let o = c.order(id).await?;
            let price = o.price_without_tax.price_in_ucents;
            if change.expected_price.is_none() || price == change.expected_price {
                found.push(o);
            }
        }
        if let [o] = found.as_slice() {
            return Ok(Sent::Order { order_id: o.order_id, url: o.url.clone() });
        }
        Ok(Sent::Park(ParkReason::OrderUnknown, ChangeError::OrderUnknown { checked_out }))
    }
}
