//! Sending the outbox to OVHcloud and reading OVHcloud back into the store.
//!
//! `plan.rs`: the exact requests each pending change becomes, which the Pending changes
//! panel previews and the sender sends. `pull.rs` reads OVHcloud, `push.rs` sends the
//! outbox exactly once, `engine.rs` ties them together and follows OVHcloud's tasks,
//! `lock.rs` keeps one sync at a time per database across processes, `service.rs`
//! syncs inside the running app. Never imports Tauri; never holds a secret in a plan (a
//! password is shown as a placeholder and read from the keychain only when sending).

mod demo;
pub mod engine;
pub mod keys;
pub mod lock;
pub mod plan;
pub mod pull;
mod push;
pub mod service;
pub mod workflow;

use serde::Serialize;
use ts_rs::TS;

pub use engine::{
    ChangeOutcome, Engine, Phase, Progress, StaleGroup, SyncReport, client_config_at, client_config_for, client_for,
    remote_error,
};
pub use lock::{SyncLock, SyncOwner};
pub use plan::{PASSWORD_PLACEHOLDER, Plan, PlannedRequest, order_reference};
pub use service::{AttestationStep, Connected, DEMO_ENDPOINT, DEMO_LABEL, SyncService, SyncStatus, TerminationStep};

use crate::error::Result;
use crate::i18n::{Lang, Localize};
use crate::store::changes::{ChangeError, ParkReason};
use crate::store::{ChangeFilter, ChangeKind, ChangeRow, ChangeState, Store};

/// A renewal choice before it is queued: what it sets, what it means, what it sends.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenewalReview {
    pub settings: crate::domain::RenewalSettings,
    /// In plain words, in the user's language.
    pub consequence: String,
    /// Exactly what will be sent.
    pub requests: Vec<PlannedRequest>,
}

/// Checks a renewal choice and says what it means and sends (nothing is queued).
pub fn review_renewal(
    store: &Store,
    group_id: i64,
    input: &crate::domain::RenewalInput,
    lang: crate::i18n::Lang,
) -> Result<RenewalReview> {
    let plan = store.plan_renewal(group_id, input, time::OffsetDateTime::now_utc(), lang)?;
    let family = store.group_ref(group_id)?.family;
    let body = crate::ovh::models::ServiceRenewalUpdate::from(&plan.change.settings);
    let requests = plan.change.services.iter().map(|s| Plan::renewal_request(family, s, &body)).collect();
    Ok(RenewalReview { settings: plan.change.settings, consequence: plan.consequence, requests })
}

/// A termination confirmation before it is queued.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminationReview {
    pub consequence: String,
    pub request: PlannedRequest,
}

/// Checks a termination confirmation and says what it means and sends.
pub fn review_termination(
    store: &Store,
    licence_id: i64,
    input: &crate::domain::TerminationInput,
    lang: crate::i18n::Lang,
) -> Result<TerminationReview> {
    let plan = store.plan_termination(licence_id, input, lang)?;
    let body = crate::ovh::models::TerminationConfirmation::from(&plan.input);
    Ok(TerminationReview { consequence: plan.consequence, request: Plan::termination_request(&plan.licence, &body) })
}

/// A row of the Pending changes panel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingChange {
    pub id: i64,
    pub kind: ChangeKind,
    pub state: ChangeState,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub licence_id: Option<i64>,
    /// Who the change is about: the user's name, or the licence's e-mail.
    pub licence_label: Option<String>,
    pub attempts: u32,
    /// Why it failed or waits, in the user's language (OVHcloud's own words quoted).
    pub last_error: Option<String>,
    /// Why it waits for the user, when parked.
    pub parked_reason: Option<ParkReason>,
    pub created_at: String,
    pub updated_at: String,
    /// Still queued (or parked) and the latest change of its licence or group.
    pub can_undo: bool,
    /// Parked or failed: it can be put back in the queue.
    pub can_retry: bool,
    /// Failed and not yet dismissed, or parked: the user can let it go.
    pub can_dismiss: bool,
    /// Exactly what will be sent.
    pub preview: Vec<PlannedRequest>,
}

impl From<ChangeRow> for PendingChange {
    fn from(c: ChangeRow) -> PendingChange {
        let preview = Plan::for_change(&c).map(|p| p.preview()).unwrap_or_default();
        let unordered = c.checkout_sent_at.is_none();
        PendingChange {
            id: c.id,
            kind: c.kind,
            state: c.state,
            group_id: c.group_id,
            group_name: c.group_name,
            licence_id: c.licence_id,
            licence_label: c.licence_label,
            attempts: c.attempts,
            last_error: c.last_error,
            parked_reason: c.parked_reason,
            created_at: c.created_at,
            updated_at: c.updated_at,
            can_undo: c.can_undo && unordered,
            can_retry: matches!(c.state, ChangeState::Parked | ChangeState::Failed),
            can_dismiss: c.state == ChangeState::Parked
                || (c.state == ChangeState::Failed && c.acknowledged_at.is_none()),
            preview,
        }
    }
}

/// The Pending changes panel: of one group, or of every group, newest first.
/// Why each failed or waits is worded in `lang`.
pub fn pending_changes(store: &Store, group_id: Option<i64>, lang: Lang) -> Result<Vec<PendingChange>> {
    let rows = store.list_changes(ChangeFilter { group_id, ..ChangeFilter::default() })?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut change = PendingChange::from(row);
            change.last_error = change.last_error.map(|stored| ChangeError::decode(&stored).localize(lang));
            change
        })
        .collect())
}
