//! The outbox: every change made in Seatkeeper waits here, durable, until OVHcloud
//! confirms it. Enqueued in the same transaction as the local change and its history
//! row; undone (while still queued) by restoring the snapshot taken when it was made.
//!
//! Every move of a change from one state to another is a compare-and-swap
//! ([`transition`]): it names the state it expects and changes exactly that row, or
//! fails with [`Precondition::ChangeMoved`] — so two processes (the window and a
//! scheduled `seatkeeper sync`) can never both act on one change, and a late answer
//! can never overwrite what another process already recorded.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::history::{self, NewEntry, Origin};
use crate::domain::{GroupFamily, LicenceType, activation_email};
use crate::error::{Entity, Error, Precondition, Result};
use crate::secrets::SecretKey;

/// What a pending change does at OVHcloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// Put a user on an empty prepaid slot, or add a user to a pay-as-you-go group.
    Activate,
    EditAccount,
    ChangePassword,
    /// Unconfigure a prepaid licence, or delete a pay-as-you-go user.
    Free,
    RenameGroup,
    Order,
    /// How a group renews (each licence of a prepaid group).
    SetRenewal,
    /// Accept a prepaid group's Microsoft Customer Agreement, once signed.
    AcceptAgreement,
    /// Terminate a prepaid licence with the token OVHcloud e-mailed.
    ConfirmTermination,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::Activate,
        ChangeKind::EditAccount,
        ChangeKind::ChangePassword,
        ChangeKind::Free,
        ChangeKind::RenameGroup,
        ChangeKind::Order,
        ChangeKind::SetRenewal,
        ChangeKind::AcceptAgreement,
        ChangeKind::ConfirmTermination,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Activate => "activate",
            ChangeKind::EditAccount => "editAccount",
            ChangeKind::ChangePassword => "changePassword",
            ChangeKind::Free => "free",
            ChangeKind::RenameGroup => "renameGroup",
            ChangeKind::Order => "order",
            ChangeKind::SetRenewal => "setRenewal",
            ChangeKind::AcceptAgreement => "acceptAgreement",
            ChangeKind::ConfirmTermination => "confirmTermination",
        }
    }

    /// A change to a whole group (it holds the group, not a licence).
    pub fn is_group_level(self) -> bool {
        matches!(
            self,
            ChangeKind::RenameGroup | ChangeKind::Order | ChangeKind::SetRenewal | ChangeKind::AcceptAgreement
        )
    }

    pub fn parse(s: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a change is on its way to OVHcloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeState {
    /// Waiting to be sent (undo is still possible).
    Queued,
    /// Its request may be on the wire: the outcome is checked at OVHcloud before any resend.
    Sending,
    /// Sent; OVHcloud's task is still running.
    WaitingRemote,
    Done,
    /// OVHcloud refused it; kept with the reason until the user retries or dismisses it.
    Failed,
    /// Needs the user before it can go (a password the keychain lost, an order whose
    /// fate OVHcloud cannot tell): never sent until they act.
    Parked,
}

impl ChangeState {
    pub const ALL: [ChangeState; 6] = [
        ChangeState::Queued,
        ChangeState::Sending,
        ChangeState::WaitingRemote,
        ChangeState::Done,
        ChangeState::Failed,
        ChangeState::Parked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeState::Queued => "queued",
            ChangeState::Sending => "sending",
            ChangeState::WaitingRemote => "waitingRemote",
            ChangeState::Done => "done",
            ChangeState::Failed => "failed",
            ChangeState::Parked => "parked",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeState> {
        ChangeState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// On its way: it still holds its licence or group, and later changes wait for it.
    pub fn is_open(self) -> bool {
        matches!(self, ChangeState::Queued | ChangeState::Sending | ChangeState::WaitingRemote | ChangeState::Parked)
    }
}

/// Why a change waits for the user instead of being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ParkReason {
    /// The keychain no longer holds the password to send (a Linux reboot with the
    /// kernel keyring, a keychain reset): type it again, or undo.
    PasswordMissing,
    /// The keychain could not be read (locked, no session): unlock it and retry.
    KeychainUnavailable,
    /// An order's checkout went out but OVHcloud cannot say which order it became:
    /// look in OVHcloud's orders; Seatkeeper will not order it again.
    OrderUnknown,
    /// What the change needs is not known locally (the licence is gone).
    NotPlannable,
}

impl ParkReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ParkReason::PasswordMissing => "passwordMissing",
            ParkReason::KeychainUnavailable => "keychainUnavailable",
            ParkReason::OrderUnknown => "orderUnknown",
            ParkReason::NotPlannable => "notPlannable",
        }
    }

    pub fn parse(s: &str) -> Option<ParkReason> {
        [
            ParkReason::PasswordMissing,
            ParkReason::KeychainUnavailable,
            ParkReason::OrderUnknown,
            ParkReason::NotPlannable,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Why a change failed, waits or went back to the queue, typed: stored in `last_error`
/// as JSON (`{"code": …}`) and worded when read, in the reader's language. OVHcloud's
/// own message is quoted as it came. A reason stored as plain text (before this type)
/// reads back as [`ChangeError::Text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ChangeError {
    /// The licence was given to someone else at OVHcloud meanwhile (another computer,
    /// the control panel) and the group has no other free licence of its type.
    SlotTaken { licence: String, taken_by: String },
    /// A pay-as-you-go login exists at OVHcloud for another person.
    LoginTaken { email: String, first_name: String, last_name: String },
    /// OVHcloud is still working on an earlier change of the same licence: tried again later.
    Busy { detail: String },
    /// A renewal refused part-way: `done` licences before `service` renew as asked.
    RenewalPartial { service: String, message: String, done: u32 },
    /// OVHcloud (or the way to it) said no: its message, and its query id when it gave one.
    Ovhcloud { message: String, query_id: Option<String> },
    /// The keychain no longer holds the password to send.
    PasswordMissing,
    /// The keychain could not be read.
    KeychainUnavailable { detail: String },
    /// What the change needs is not known locally.
    NotPlannable { detail: String },
    /// An order's checkout went out (`checked_out`: OVHcloud took it; otherwise its cart
    /// expired meanwhile), and OVHcloud cannot say which order it became.
    OrderUnknown { checked_out: bool },
    /// Waits for an earlier change to the same licence or group.
    WaitsForEarlier,
    /// Text stored before reasons were typed, or from elsewhere.
    Text { text: String },
}

impl ChangeError {
    /// What `last_error` holds.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads `last_error` back (plain text, from before, as [`ChangeError::Text`]).
    pub fn decode(stored: &str) -> ChangeError {
        serde_json::from_str(stored).unwrap_or_else(|_| ChangeError::Text { text: stored.to_string() })
    }

    /// OVHcloud's refusal of `e`, with its query id.
    pub fn from_api(e: &crate::ovh::ApiError) -> ChangeError {
        ChangeError::Ovhcloud { message: e.message().to_string(), query_id: e.query_id().map(str::to_string) }
    }
}

impl crate::i18n::Localize for ChangeError {
    fn localize(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::{En, Fr};
        match (self, lang) {
            (ChangeError::SlotTaken { licence, taken_by }, En) => format!(
                "The licence {licence} was given to {taken_by} at OVHcloud meanwhile (from another computer or the control panel), and the group has no other free licence of this type: order one, then activate the user again."
            ),
            (ChangeError::SlotTaken { licence, taken_by }, Fr) => format!(
                "La licence {licence} a été attribuée à {taken_by} chez OVHcloud entre-temps (depuis un autre ordinateur ou l’espace client), et le groupe n’a plus d’autre licence libre de ce type : commandez-en une, puis activez à nouveau l’utilisateur."
            ),
            (ChangeError::LoginTaken { email, first_name, last_name }, En) => {
                format!("{email} already exists at OVHcloud for {first_name} {last_name}: choose another login.")
            }
            (ChangeError::LoginTaken { email, first_name, last_name }, Fr) => format!(
                "{email} existe déjà chez OVHcloud pour {first_name} {last_name} : choisissez un autre identifiant."
            ),
            (ChangeError::Busy { detail }, En) => {
                format!("OVHcloud is still working on an earlier change ({detail}); Seatkeeper will try again.")
            }
            (ChangeError::Busy { detail }, Fr) => format!(
                "OVHcloud traite encore une modification précédente ({detail}) ; Seatkeeper réessaiera."
            ),
            (ChangeError::RenewalPartial { service, message, done }, En) => format!(
                "OVHcloud refused the renewal of {service} ({message}); the {done} licence(s) before it now renew as asked."
            ),
            (ChangeError::RenewalPartial { service, message, done }, Fr) => format!(
                "OVHcloud a refusé le renouvellement de {service} ({message}) ; les {done} licence(s) précédentes se renouvellent désormais comme demandé."
            ),
            (ChangeError::Ovhcloud { message, query_id: Some(q) }, En) => {
                format!("OVHcloud said: {message} (OVHcloud query {q})")
            }
            (ChangeError::Ovhcloud { message, query_id: Some(q) }, Fr) => {
                format!("OVHcloud a répondu : {message} (requête OVHcloud {q})")
            }
            (ChangeError::Ovhcloud { message, query_id: None }, En) => format!("OVHcloud said: {message}"),
            (ChangeError::Ovhcloud { message, query_id: None }, Fr) => format!("OVHcloud a répondu : {message}"),
            (ChangeError::PasswordMissing, En) => "The keychain no longer holds the new password.".into(),
            (ChangeError::PasswordMissing, Fr) => "Le trousseau ne contient plus le nouveau mot de passe.".into(),
            (ChangeError::KeychainUnavailable { detail }, En) => {
                format!("The keychain could not be read ({detail}).")
            }
            (ChangeError::KeychainUnavailable { detail }, Fr) => {
                format!("Le trousseau n’a pas pu être lu ({detail}).")
            }
            (ChangeError::NotPlannable { detail }, En) => format!("It cannot be sent yet: {detail}."),
            // The detail is the planner's own (English) words: French says what it means.
            (ChangeError::NotPlannable { .. }, Fr) => {
                "Elle ne peut pas encore être envoyée : ce dont elle a besoin n’est pas connu ici (la licence ou le groupe a disparu, ou n’a pas encore été lu).".into()
            }
            (ChangeError::OrderUnknown { checked_out: true }, En) => {
                "OVHcloud took this order, but Seatkeeper cannot tell which of your orders it is: check your orders at OVHcloud (it will not be ordered again).".into()
            }
            (ChangeError::OrderUnknown { checked_out: true }, Fr) => {
                "OVHcloud a pris cette commande, mais Seatkeeper ne peut pas dire laquelle de vos commandes c’est : vérifiez vos commandes chez OVHcloud (elle ne sera pas repassée).".into()
            }
            (ChangeError::OrderUnknown { checked_out: false }, En) => {
                "This order’s cart expired after its checkout was sent: check your orders at OVHcloud before ordering again (Seatkeeper will not order it again by itself).".into()
            }
            (ChangeError::OrderUnknown { checked_out: false }, Fr) => {
                "Le panier de cette commande a expiré après l’envoi de sa validation : vérifiez vos commandes chez OVHcloud avant de recommander (Seatkeeper ne la repassera pas de lui-même).".into()
            }
            (ChangeError::WaitsForEarlier, En) => "Waits for an earlier change to the same licence or group.".into(),
            (ChangeError::WaitsForEarlier, Fr) => {
                "Attend une modification précédente de la même licence ou du même groupe.".into()
            }
            (ChangeError::Text { text }, _) => text.clone(),
        }
    }
}

/// The account fields an activation or an account edit sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountChange {
    pub first_name: String,
    pub last_name: String,
    pub login: String,
    /// The group's domain, the part after `@`.
    pub domain: String,
    /// ISO 3166 country, upper case as the user typed it.
    pub usage_location: String,
    pub licence_type: LicenceType,
}

impl AccountChange {
    pub fn email(&self) -> String {
        activation_email(&self.login, &self.domain)
    }
}

/// A new password: the password itself waits in the keychain under the change's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChange {
    /// Always true today: Seatkeeper sets the password (generated or typed).
    #[serde(default = "yes")]
    pub has_password: bool,
    /// Where OVHcloud e-mails the new password, if anywhere.
    #[serde(default)]
    pub notify_email: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRename {
    pub display_name: String,
}

/// Prepaid licences to order, for a new group or an existing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderChange {
    /// The local order row this change places.
    pub order_id: i64,
    pub plan_code: String,
    pub licence_type: LicenceType,
    /// ISO 8601 renewal period: `P1M`, `P1Y`.
    pub renewal_period: String,
    pub quantity: i64,
    /// The group the licences are added to; `None` orders a new group.
    #[serde(default)]
    pub existing_tenant: Option<String>,
}

/// How a group is to renew, and the OVHcloud services that carries it: the group itself
/// (pay-as-you-go) or each of its licences (prepaid), as they were when it was queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewalChange {
    pub settings: crate::domain::RenewalSettings,
    pub services: Vec<String>,
}

/// What a change carries, by kind. Stored as JSON (the inner struct, camelCase) in
/// `pending_changes.payload`; never a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangePayload {
    Activate(AccountChange),
    EditAccount(AccountChange),
    ChangePassword(PasswordChange),
    Free,
    RenameGroup(GroupRename),
    Order(OrderChange),
    SetRenewal(RenewalChange),
    AcceptAgreement,
    /// The e-mailed token (a one-time code, useless without the account's API keys)
    /// and why.
    ConfirmTermination(crate::domain::TerminationInput),
}

impl ChangePayload {
    pub fn kind(&self) -> ChangeKind {
        match self {
            ChangePayload::Activate(_) => ChangeKind::Activate,
            ChangePayload::EditAccount(_) => ChangeKind::EditAccount,
            ChangePayload::ChangePassword(_) => ChangeKind::ChangePassword,
            ChangePayload::Free => ChangeKind::Free,
            ChangePayload::RenameGroup(_) => ChangeKind::RenameGroup,
            ChangePayload::Order(_) => ChangeKind::Order,
            ChangePayload::SetRenewal(_) => ChangeKind::SetRenewal,
            ChangePayload::AcceptAgreement => ChangeKind::AcceptAgreement,
            ChangePayload::ConfirmTermination(_) => ChangeKind::ConfirmTermination,
        }
    }

    pub fn to_json(&self) -> String {
        let value = match self {
            ChangePayload::Activate(a) | ChangePayload::EditAccount(a) => serde_json::to_string(a),
            ChangePayload::ChangePassword(p) => serde_json::to_string(p),
            ChangePayload::Free | ChangePayload::AcceptAgreement => Ok("{}".to_string()),
            ChangePayload::SetRenewal(r) => serde_json::to_string(r),
            ChangePayload::ConfirmTermination(t) => serde_json::to_string(t),
            ChangePayload::RenameGroup(r) => serde_json::to_string(r),
            ChangePayload::Order(o) => serde_json::to_string(o),
        };
        value.expect("payloads serialize")
    }

    pub fn from_json(kind: ChangeKind, json: &str) -> Result<ChangePayload> {
        let bad = |e: serde_json::Error| Error::Internal(format!("pending change payload ({}): {e}", kind.as_str()));
        Ok(match kind {
            ChangeKind::Activate => ChangePayload::Activate(serde_json::from_str(json).map_err(bad)?),
            ChangeKind::EditAccount => ChangePayload::EditAccount(serde_json::from_str(json).map_err(bad)?),
            ChangeKind::ChangePassword => ChangePayload::ChangePassword(serde_json::from_str(json).map_err(bad)?),
            ChangeKind::Free => ChangePayload::Free,
            ChangeKind::RenameGroup => ChangePayload::RenameGroup(serde_json::from_str(json).map_err(bad)?),
            ChangeKind::Order => ChangePayload::Order(serde_json::from_str(json).map_err(bad)?),
            ChangeKind::SetRenewal => ChangePayload::SetRenewal(serde_json::from_str(json).map_err(bad)?),
            ChangeKind::AcceptAgreement => ChangePayload::AcceptAgreement,
            ChangeKind::ConfirmTermination => {
                ChangePayload::ConfirmTermination(serde_json::from_str(json).map_err(bad)?)
            }
        })
    }

    /// The keychain entry holding this change's password, if it has one.
    pub fn password_key(&self, change_id: i64) -> Option<SecretKey> {
        match self {
            ChangePayload::ChangePassword(p) if p.has_password => Some(SecretKey::LicencePassword { change_id }),
            _ => None,
        }
    }
}

/// A pending change with everything the panel, the preview and the sender need.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub id: i64,
    pub account_id: i64,
    pub kind: ChangeKind,
    pub state: ChangeState,
    pub payload: ChangePayload,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub licence_id: Option<i64>,
    /// Who the change is about: the user's name, or the licence's e-mail.
    pub licence_label: Option<String>,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Still queued (or parked) and the latest change of its licence or group.
    pub can_undo: bool,
    pub family: Option<GroupFamily>,
    pub group_service_name: Option<String>,
    /// The licence's OVHcloud id (prepaid service name or PAYG activation e-mail).
    pub licence_remote_id: Option<String>,
    /// Any licence of the group: a prepaid group's own routes hang off a licence.
    pub any_licence: Option<String>,
    /// The account's endpoint (`ovh-eu`, a URL, `demo`).
    pub endpoint: String,
    /// Unique to this installation and never reused: what names an order's cart.
    pub change_key: String,
    /// `task:N` or `order:N` once known.
    pub remote_ref: Option<String>,
    /// An order's cart, recorded before it is checked out.
    pub cart_id: Option<String>,
    /// When an order's checkout went out (its answer may have been lost).
    pub checkout_sent_at: Option<String>,
    /// What the checkout preview said the order costs, without tax, in micro-cents.
    pub expected_price: Option<i64>,
    /// OVHcloud was busy with this licence or group: not before then.
    pub not_before: Option<String>,
    /// A failed change the user has seen and dismissed.
    pub acknowledged_at: Option<String>,
    /// Why it waits for the user, when parked.
    pub parked_reason: Option<ParkReason>,
}

impl ChangeRow {
    /// The task id OVHcloud gave, if the change waits on one.
    pub fn task_id(&self) -> Option<i64> {
        self.remote_ref.as_deref()?.strip_prefix("task:")?.parse().ok()
    }
}

/// Which changes to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeFilter {
    pub group_id: Option<i64>,
    pub account_id: Option<i64>,
    /// Only those still on their way (queued, sending, waiting, parked).
    pub open_only: bool,
}

/// A change to queue.
pub struct NewChange<'a> {
    pub account_id: i64,
    pub group_id: Option<i64>,
    pub licence_id: Option<i64>,
    pub payload: ChangePayload,
    /// What undo restores; `None` when undo needs no snapshot.
    pub undo: Option<Value>,
    pub at: &'a str,
}

pub fn enqueue(tx: &Transaction, change: NewChange) -> Result<i64> {
    let installation = super::settings::installation_id(tx)?;
    tx.execute(
        "INSERT INTO pending_changes (account_id, group_id, licence_id, kind, payload, state, undo, created_at, updated_at,
                                      change_key)
         VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?7, ?7, 'new-' || hex(randomblob(16)))",
        params![
            change.account_id,
            change.group_id,
            change.licence_id,
            change.payload.kind().as_str(),
            change.payload.to_json(),
            change.undo.map(|u| u.to_string()),
            change.at
        ],
    )?;
    let id = tx.last_insert_rowid();
    // Installation id + an id SQLite never hands out twice (AUTOINCREMENT).
    tx.execute(
        "UPDATE pending_changes SET change_key = ?2 WHERE id = ?1",
        params![id, format!("{installation}-{id}")],
    )?;
    Ok(id)
}

const ROW_COLUMNS: &str = "p.id, p.account_id, p.kind, p.state, p.payload, p.group_id, g.display_name, p.licence_id,
        coalesce(nullif(trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.activation_email),
        p.attempts, p.last_error, p.created_at, p.updated_at,
        p.state IN ('queued', 'parked') AND NOT EXISTS (
            SELECT 1 FROM pending_changes later
            WHERE later.id > p.id AND later.state <> 'done' AND (
                (p.licence_id IS NOT NULL AND later.licence_id = p.licence_id) OR
                (p.kind IN ('renameGroup', 'setRenewal', 'acceptAgreement') AND later.kind = p.kind
                 AND later.group_id = p.group_id))),
        g.family, g.service_name, l.remote_id,
        (SELECT min(remote_id) FROM licences x WHERE x.group_id = p.group_id),
        a.endpoint, p.change_key, p.remote_ref, p.cart_id, p.checkout_sent_at, p.expected_price, p.not_before,
        p.acknowledged_at, p.parked_reason";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ChangeRow> {
    let conversion =
        |i: usize, what: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into());
    let kind: String = r.get(2)?;
    let kind = ChangeKind::parse(&kind).ok_or_else(|| conversion(2, format!("change kind {kind}")))?;
    let state: String = r.get(3)?;
    let state = ChangeState::parse(&state).ok_or_else(|| conversion(3, format!("change state {state}")))?;
    let payload: String = r.get(4)?;
    let payload = ChangePayload::from_json(kind, &payload).map_err(|e| conversion(4, e.to_string()))?;
    let family: Option<String> = r.get(14)?;
    Ok(ChangeRow {
        id: r.get(0)?,
        account_id: r.get(1)?,
        kind,
        state,
        payload,
        group_id: r.get(5)?,
        group_name: r.get(6)?,
        licence_id: r.get(7)?,
        licence_label: r.get(8)?,
        attempts: r.get(9)?,
        last_error: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        can_undo: r.get(13)?,
        family: family.as_deref().and_then(GroupFamily::from_wire),
        group_service_name: r.get(15)?,
        licence_remote_id: r.get(16)?,
        any_licence: r.get(17)?,
        endpoint: r.get(18)?,
        change_key: r.get(19)?,
        remote_ref: r.get(20)?,
        cart_id: r.get(21)?,
        checkout_sent_at: r.get(22)?,
        expected_price: r.get(23)?,
        not_before: r.get(24)?,
        acknowledged_at: r.get(25)?,
        parked_reason: r.get::<_, Option<String>>(26)?.as_deref().and_then(ParkReason::parse),
    })
}

/// Pending changes, newest first (oldest first with `open_only`, the order they are
/// sent in). Without `open_only`, confirmed ones are kept in the list for a while (the
/// 200 newest of them) so the user sees them land.
pub fn list(conn: &Connection, filter: ChangeFilter) -> Result<Vec<ChangeRow>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS}
         FROM pending_changes p
         JOIN accounts a ON a.id = p.account_id
         LEFT JOIN licence_groups g ON g.id = p.group_id
         LEFT JOIN licences l ON l.id = p.licence_id
         WHERE (?1 IS NULL OR p.group_id = ?1) AND (?2 IS NULL OR p.account_id = ?2)
           AND {}
         ORDER BY p.id {}",
        if filter.open_only {
            "p.state IN ('queued', 'sending', 'waitingRemote', 'parked')"
        } else {
            "(p.state <> 'done' OR p.id IN (SELECT id FROM pending_changes WHERE state = 'done' ORDER BY id DESC LIMIT 200))"
        },
        if filter.open_only { "ASC" } else { "DESC" },
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![filter.group_id, filter.account_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One change, whatever its state.
pub fn get(conn: &Connection, change_id: i64) -> Result<ChangeRow> {
    let sql = format!(
        "SELECT {ROW_COLUMNS}
         FROM pending_changes p
         JOIN accounts a ON a.id = p.account_id
         LEFT JOIN licence_groups g ON g.id = p.group_id
         LEFT JOIN licences l ON l.id = p.licence_id
         WHERE p.id = ?1"
    );
    conn.query_row(&sql, [change_id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::PendingChange, id: change_id.to_string() })
}

/// A move of a change from the state it is expected in to another.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    pub from: ChangeState,
    pub to: ChangeState,
    /// `task:N`, `order:N`; `None` keeps what is there.
    pub remote_ref: Option<&'a str>,
    /// The reason shown with the change (`None` clears it).
    pub error: Option<&'a str>,
    /// Not to be sent before then (`None` clears it).
    pub not_before: Option<&'a str>,
    /// Why, when `to` is parked.
    pub parked: Option<ParkReason>,
}

impl<'a> Transition<'a> {
    pub fn new(from: ChangeState, to: ChangeState) -> Transition<'a> {
        Transition { from, to, remote_ref: None, error: None, not_before: None, parked: None }
    }

    pub fn with_error(mut self, error: &'a str) -> Transition<'a> {
        self.error = Some(error);
        self
    }

    pub fn with_ref(mut self, remote_ref: &'a str) -> Transition<'a> {
        self.remote_ref = Some(remote_ref);
        self
    }

    pub fn not_before(mut self, at: &'a str) -> Transition<'a> {
        self.not_before = Some(at);
        self
    }

    pub fn parked(mut self, reason: ParkReason) -> Transition<'a> {
        self.parked = Some(reason);
        self
    }
}

/// Compare-and-swap: moves the change only if it is still in `t.from`. Exactly one row
/// changes, or nothing does and the caller learns that someone else moved it.
pub fn transition(tx: &Transaction, change_id: i64, t: Transition, at: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE pending_changes SET state = ?3, remote_ref = coalesce(?4, remote_ref), last_error = ?5, not_before = ?6,
                updated_at = ?7, attempts = attempts + (?3 = 'sending'),
                acknowledged_at = CASE WHEN ?3 = 'failed' THEN NULL ELSE acknowledged_at END,
                parked_reason = CASE WHEN ?3 = 'parked' THEN coalesce(?8, 'notPlannable') END
         WHERE id = ?1 AND state = ?2",
        params![change_id, t.from.as_str(), t.to.as_str(), t.remote_ref, t.error, t.not_before, at, t.parked.map(ParkReason::as_str)],
    )?;
    match changed {
        1 => Ok(()),
        _ => Err(Error::Precondition(Precondition::ChangeMoved)),
    }
}

/// Records an order's cart before anything is put in it or checked out.
pub fn record_cart(tx: &Transaction, change_id: i64, cart_id: Option<&str>, at: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE pending_changes SET cart_id = ?2, updated_at = ?3 WHERE id = ?1 AND state = 'sending'",
        params![change_id, cart_id, at],
    )?;
    if changed == 1 { Ok(()) } else { Err(Error::Precondition(Precondition::ChangeMoved)) }
}

/// Records that an order's checkout is about to go out, and the price it expects.
pub fn record_checkout(tx: &Transaction, change_id: i64, expected_price: Option<i64>, at: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE pending_changes SET checkout_sent_at = ?3, expected_price = ?2, updated_at = ?3
         WHERE id = ?1 AND state = 'sending'",
        params![change_id, expected_price, at],
    )?;
    if changed == 1 { Ok(()) } else { Err(Error::Precondition(Precondition::ChangeMoved)) }
}

/// Puts a parked or failed change back in the queue, to be sent at the next sync.
pub fn retry(tx: &Transaction, change_id: i64, at: &str) -> Result<ChangeRow> {
    let change = get(tx, change_id)?;
    if !matches!(change.state, ChangeState::Parked | ChangeState::Failed) {
        return Err(Error::Precondition(Precondition::ChangeNotParked));
    }
    transition(tx, change_id, Transition::new(change.state, ChangeState::Queued), at)?;
    history::record(
        tx,
        NewEntry {
            at,
            account_id: change.account_id,
            group_id: change.group_id,
            licence_id: change.licence_id,
            origin: Origin::User,
            kind: "changeRetried",
            details: serde_json::json!({ "change": change.kind.as_str(), "changeId": change_id }),
        },
    )?;
    get(tx, change_id)
}

/// The user has seen a failed change (or gives up on a parked one): it stays in the
/// list as failed, but no longer counts as something to act on (`seatkeeper sync`
/// stops failing for it). Returns the keychain entry of its password, if it had one,
/// for the caller to delete once this commits.
pub fn acknowledge(tx: &Transaction, change_id: i64, at: &str) -> Result<Option<SecretKey>> {
    let change = get(tx, change_id)?;
    match change.state {
        ChangeState::Failed => {}
        ChangeState::Parked => {
            let reason = change.last_error.as_deref().unwrap_or_default();
            transition(
                tx,
                change_id,
                Transition::new(ChangeState::Parked, ChangeState::Failed).with_error(reason),
                at,
            )?;
        }
        _ => return Err(Error::Precondition(Precondition::ChangeNotParked)),
    }
    tx.execute(
        "UPDATE pending_changes SET acknowledged_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![change_id, at],
    )?;
    history::record(
        tx,
        NewEntry {
            at,
            account_id: change.account_id,
            group_id: change.group_id,
            licence_id: change.licence_id,
            origin: Origin::User,
            kind: "changeDismissed",
            details: serde_json::json!({ "change": change.kind.as_str(), "changeId": change_id }),
        },
    )?;
    Ok(change.payload.password_key(change_id))
}

/// Changes that need the user: parked, or failed and not yet dismissed.
pub fn needing_attention(conn: &Connection, account_id: Option<i64>) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM pending_changes
         WHERE (?1 IS NULL OR account_id = ?1)
           AND (state = 'parked' OR (state = 'failed' AND acknowledged_at IS NULL))",
        [account_id],
        |r| r.get(0),
    )?)
}

/// The keychain entries of the account's changes that still hold a password (removed
/// with the account).
pub fn passwords_of_account(conn: &Connection, account_id: i64) -> Result<Vec<SecretKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM pending_changes WHERE account_id = ?1 AND kind = 'changePassword'
           AND state IN ('queued', 'sending', 'waitingRemote', 'parked')",
    )?;
    let ids = stmt.query_map([account_id], |r| r.get::<_, i64>(0))?;
    Ok(ids.map(|id| id.map(|change_id| SecretKey::LicencePassword { change_id })).collect::<rusqlite::Result<_>>()?)
}

/// The empty slots an activation could move to when its own was given away elsewhere:
/// the same group and licence type, empty here, no longer terminated, and aimed at by no
/// open change. In the order the slots were first seen.
pub fn free_slots_for(conn: &Connection, change: &ChangeRow) -> Result<Vec<(i64, String)>> {
    let (ChangePayload::Activate(a), Some(group), Some(licence)) =
        (&change.payload, change.group_id, change.licence_id)
    else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare(
        "SELECT l.id, l.remote_id FROM licences l
         WHERE l.group_id = ?1 AND l.id <> ?2 AND l.is_empty_slot = 1 AND l.licence_type = ?3
           AND l.remote_id IS NOT NULL AND l.terminated_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM pending_changes p WHERE p.licence_id = l.id
                           AND p.state IN ('queued', 'sending', 'waitingRemote', 'parked'))
         ORDER BY l.id",
    )?;
    let rows = stmt
        .query_map(params![group, licence, a.licence_type.wire_name()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// An activation being sent moves to another empty slot (`to`): its own was given to
/// `taken_by` at OVHcloud meanwhile (from another computer, or the control panel). The
/// user shown on the old slot moves with it, the old slot is left as it was before the
/// activation (the next pull shows who has it now), and the history says why. Only while
/// the change is still being sent from that slot.
pub fn move_activation(tx: &Transaction, change_id: i64, to: i64, taken_by: &str, at: &str) -> Result<()> {
    let change = get(tx, change_id)?;
    let (Some(from), ChangeState::Sending, ChangeKind::Activate) = (change.licence_id, change.state, change.kind)
    else {
        return Err(Error::Precondition(Precondition::ChangeMoved));
    };
    let before: Option<String> =
        tx.query_row("SELECT undo FROM pending_changes WHERE id = ?1", [change_id], |r| r.get(0))?;
    let before: Value = before.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or(Value::Null);
    let to_before = licence_snapshot(tx, to)?;
    tx.execute(
        "UPDATE licences SET (is_empty_slot, state, first_name, last_name, login, activation_email, usage_location) =
             (SELECT is_empty_slot, state, first_name, last_name, login, activation_email, usage_location
              FROM licences WHERE id = ?2),
             updated_at = ?3
         WHERE id = ?1",
        params![to, from, at],
    )?;
    restore_licence(tx, from, &before, at)?;
    let moved = tx.execute(
        "UPDATE pending_changes SET licence_id = ?2, undo = ?3, updated_at = ?5
         WHERE id = ?1 AND licence_id = ?4 AND state = 'sending'",
        params![change_id, to, to_before.to_string(), from, at],
    )?;
    if moved != 1 {
        return Err(Error::Precondition(Precondition::ChangeMoved));
    }
    let name = |id: i64| -> Result<Option<String>> {
        Ok(tx.query_row("SELECT remote_id FROM licences WHERE id = ?1", [id], |r| r.get(0))?)
    };
    history::record(
        tx,
        NewEntry {
            at,
            account_id: change.account_id,
            group_id: change.group_id,
            licence_id: Some(to),
            origin: Origin::Sync,
            kind: "activationMoved",
            details: serde_json::json!({
                "from": name(from)?,
                "to": name(to)?,
                "takenBy": taken_by,
                "activationEmail": match &change.payload {
                    ChangePayload::Activate(a) => Some(a.email()),
                    _ => None,
                },
            }),
        },
    )?;
    Ok(())
}

/// The licence columns a change can alter locally, as a JSON snapshot.
pub(super) fn licence_snapshot(tx: &Transaction, licence_id: i64) -> Result<Value> {
    Ok(tx
        .query_row(
            "SELECT json_object('state', state, 'isEmptySlot', is_empty_slot, 'firstName', first_name,
                'lastName', last_name, 'login', login, 'activationEmail', activation_email,
                'usageLocation', usage_location)
         FROM licences WHERE id = ?1",
            [licence_id],
            |r| r.get::<_, String>(0),
        )
        .map(|s| serde_json::from_str(&s).unwrap_or(Value::Null))?)
}

fn restore_licence(tx: &Transaction, licence_id: i64, snapshot: &Value, at: &str) -> Result<()> {
    tx.execute(
        "UPDATE licences SET state = ?2, is_empty_slot = ?3, first_name = ?4, last_name = ?5, login = ?6,
                activation_email = ?7, usage_location = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            licence_id,
            snapshot["state"].as_str().unwrap_or("ok"),
            // Snapshots taken before version 5 call it `isVirtual`.
            snapshot.get("isEmptySlot").or(snapshot.get("isVirtual")).and_then(Value::as_i64).unwrap_or(0),
            snapshot["firstName"].as_str(),
            snapshot["lastName"].as_str(),
            snapshot["login"].as_str(),
            snapshot["activationEmail"].as_str(),
            snapshot["usageLocation"].as_str(),
            at
        ],
    )?;
    Ok(())
}

/// Undoes a change still waiting in the queue: restores what it changed locally,
/// removes it from the queue and logs the undo. Returns the keychain entry that held
/// its password, if any, for the caller to delete once this commits.
pub fn undo(tx: &Transaction, change_id: i64, at: &str) -> Result<Option<SecretKey>> {
    let row: Option<(Option<String>, Option<String>)> = tx
        .query_row("SELECT undo, checkout_sent_at FROM pending_changes WHERE id = ?1", [change_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((snapshot, checkout_sent_at)) = row else {
        return Err(Error::NotFound { what: Entity::PendingChange, id: change_id.to_string() });
    };
    let change = get(tx, change_id)?;
    // A parked change never left (or its password is missing); but an order whose
    // checkout went out may exist at OVHcloud: that one is not undone.
    if !matches!(change.state, ChangeState::Queued | ChangeState::Parked) || checkout_sent_at.is_some() {
        return Err(Error::Precondition(Precondition::ChangeNotQueued));
    }
    if !change.can_undo {
        return Err(Error::Precondition(Precondition::LaterChangeFirst));
    }
    let (account_id, group_id, licence_id, kind) = (change.account_id, change.group_id, change.licence_id, change.kind);
    let snapshot: Value =
        snapshot.as_deref().map(serde_json::from_str).transpose().ok().flatten().unwrap_or(Value::Null);
    // The history row about the undone change goes first: removing a licence that only
    // this change created sets its history rows' licence to NULL.
    history::record(
        tx,
        NewEntry {
            at,
            account_id,
            group_id,
            licence_id,
            origin: Origin::User,
            kind: "changeUndone",
            details: serde_json::json!({ "change": kind.as_str(), "changeId": change_id }),
        },
    )?;
    let deleted = tx.execute(
        "DELETE FROM pending_changes WHERE id = ?1 AND state = ?2",
        params![change_id, change.state.as_str()],
    )?;
    if deleted != 1 {
        return Err(Error::Precondition(Precondition::ChangeMoved));
    }
    match &change.payload {
        ChangePayload::Activate(_) if snapshot.get("created").and_then(Value::as_bool) == Some(true) => {
            // A pay-as-you-go user this change added: it goes away with it.
            if let Some(licence) = licence_id {
                tx.execute("DELETE FROM licences WHERE id = ?1", [licence])?;
            }
        }
        ChangePayload::Activate(_) | ChangePayload::EditAccount(_) | ChangePayload::Free => {
            if let Some(licence) = licence_id {
                restore_licence(tx, licence, &snapshot, at)?;
            }
        }
        ChangePayload::ChangePassword(_) => {}
        ChangePayload::RenameGroup(_) => {
            if let (Some(group), Some(name)) = (group_id, snapshot.get("displayName").and_then(Value::as_str)) {
                tx.execute("UPDATE licence_groups SET display_name = ?1 WHERE id = ?2", params![name, group])?;
            }
        }
        ChangePayload::Order(order) => {
            tx.execute("DELETE FROM orders WHERE id = ?1 AND state = 'queued'", [order.order_id])?;
        }
        ChangePayload::SetRenewal(_) => {
            if let Some(group) = group_id {
                let before = snapshot.get("renewal").filter(|v| !v.is_null()).map(Value::to_string);
                tx.execute("UPDATE licence_groups SET renewal = ?1 WHERE id = ?2", params![before, group])?;
            }
        }
        ChangePayload::AcceptAgreement => {}
        ChangePayload::ConfirmTermination(_) => {}
    }
    Ok(change.payload.password_key(change_id))
}

#[cfg(test)]
mod change_error_tests {
    use super::ChangeError;
    use crate::i18n::{Lang, Localize};

    fn every() -> Vec<ChangeError> {
        vec![
            ChangeError::SlotTaken { licence: "x-10".into(), taken_by: "grace@x.fr".into() },
            ChangeError::LoginTaken { email: "a@x.fr".into(), first_name: "Ada".into(), last_name: "L".into() },
            ChangeError::Busy { detail: "A task is already in progress".into() },
            ChangeError::RenewalPartial { service: "x-3".into(), message: "Forbidden".into(), done: 2 },
            ChangeError::Ovhcloud { message: "Invalid token".into(), query_id: Some("EU.ext-1".into()) },
            ChangeError::Ovhcloud { message: "Invalid token".into(), query_id: None },
            ChangeError::PasswordMissing,
            ChangeError::KeychainUnavailable { detail: "locked".into() },
            ChangeError::NotPlannable { detail: "the licence name is not known yet".into() },
            ChangeError::OrderUnknown { checked_out: true },
            ChangeError::OrderUnknown { checked_out: false },
            ChangeError::WaitsForEarlier,
        ]
    }

    #[test]
    fn reasons_are_stored_typed_and_read_back_whole() {
        for e in every() {
            let stored = e.encode();
            assert!(stored.starts_with("{\"code\":"), "{stored}");
            assert_eq!(ChangeError::decode(&stored), e);
        }
        // Written before reasons were typed: read back as the text it is.
        assert_eq!(
            ChangeError::decode("the licence x-10 was given to bob@x.fr at OVHcloud meanwhile"),
            ChangeError::Text { text: "the licence x-10 was given to bob@x.fr at OVHcloud meanwhile".into() }
        );
    }

    #[test]
    fn each_reason_is_worded_in_french_and_english_keeping_ovhclouds_words_and_the_data() {
        for e in every() {
            let (en, fr) = (e.localize(Lang::En), e.localize(Lang::Fr));
            assert_ne!(en, fr, "{e:?}");
            assert!(!fr.contains('\''), "French typography: {fr}");
            for data in ["x-10", "grace@x.fr", "a@x.fr", "Forbidden", "Invalid token", "EU.ext-1", "locked"] {
                assert_eq!(en.contains(data), fr.contains(data), "{data} in both: {en} / {fr}");
            }
        }
    }
}
