//! The one error type of the crate, and the shape errors take across IPC.
//!
//! Inside Rust an [`Error`] carries what went wrong; at the command boundary it is
//! turned into an [`IpcError`] — a small stable `code`, the message already in the
//! user's language, and for rule violations the rule and the field it concerns.
//! Messages never contain a secret: no variant carries one.

use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;

use crate::domain::{Field, RuleError};
use crate::i18n::{Lang, Localize};

/// What kind of thing was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Account,
    Group,
    Licence,
    Install,
    Order,
    PendingChange,
    Reminder,
}

/// Who holds a database's sync lock, as the holder wrote it down.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncHolder {
    pub pid: u32,
    /// `window` or `command line`.
    pub what: String,
    /// RFC 3339.
    pub since: String,
}

/// Something the current state of the data does not allow (not a fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    SampleAlreadyLoaded,
    NoSampleData,
    /// Activation needs an unconfigured prepaid slot.
    NotAnEmptySlot,
    /// The action needs a licence with a user.
    NoUserOnLicence,
    /// Another licence of the group already uses this activation e-mail.
    LoginTaken {
        email: String,
    },
    /// Adding users directly is for pay-as-you-go groups; prepaid groups use slots.
    WrongFamily,
    /// The licence is being created or deleted, or has a change waiting; wait for it.
    LicenceBusy,
    /// Only a change still waiting in the queue can be undone.
    ChangeNotQueued,
    /// A later change to the same licence or group must be undone first.
    LaterChangeFirst,
    /// The catalog has no price for this licence type and renewal period.
    RenewalUnavailable {
        period: String,
    },
    /// The device was already signed out.
    AlreadySignedOut,
    /// Only orders of the demo account are paid from the window.
    NotDemo,
    /// The change was moved on by someone else meanwhile (another process, an undo).
    ChangeMoved,
    /// Only a parked or failed change can be retried or dismissed.
    ChangeNotParked,
    /// This build has no demo account (built without the `demo` feature).
    NoDemo,
    /// Another process is syncing this database: who, if it said.
    SyncRunning {
        holder: Option<SyncHolder>,
    },
    /// A prepaid group's licences wait for its Microsoft Customer Agreement.
    AgreementNotSigned,
    /// The agreement of this group is accepted already.
    AgreementAlreadyAccepted,
    /// The agreement is accepted after it is signed: create the attestation first.
    NoAttestation,
    /// Only prepaid groups have an agreement to sign and licences to terminate.
    PrepaidOnly,
    /// Logins of this group cannot use that domain (not one of the group's, or not verified).
    DomainNotUsable {
        domain: String,
    },
    /// OVHcloud has not said yet how this group renews: sync first.
    RenewalUnknown,
    /// How this group renews is not known: OVHcloud's answer could not be read.
    RenewalUnread(PartUnread),
    /// The termination is confirmed with the token OVHcloud e-mails: ask for it first.
    TerminationNotRequested,
    /// This licence's termination is already confirmed (or on its way).
    AlreadyTerminated,
    /// This step needs an answer from OVHcloud now, and the group's account is not
    /// connected (sample data) — or OVHcloud cannot be reached.
    NeedsOvhcloud,
    /// The demo account's simulated OVHcloud lives inside the window.
    DemoInWindow,
}

/// Why a part of a group (its renewal, its domains, its usage statistics) was not read
/// at a sync, the rest of the group being read: OVHcloud answered in a shape Seatkeeper
/// cannot read, refused, or did not answer. Kept with the group until a read succeeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartUnread {
    /// The request, method and path: `GET /license/office/…/serviceInfos`.
    pub route: String,
    pub problem: PartProblem,
    /// What did not fit (the parser's words), or OVHcloud's message.
    pub detail: String,
    /// The `X-Ovh-QueryID` of the answer, for OVHcloud's support.
    pub query_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PartProblem {
    /// An answer came, in a shape Seatkeeper cannot read.
    Unreadable,
    /// OVHcloud answered with an error.
    Refused,
    /// No answer (a timeout, a dropped connection).
    Unanswered,
}

impl std::fmt::Display for PartUnread {
    /// For the sync report and the logs: `GET /…: detail (query id …)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.route, self.detail)?;
        match &self.query_id {
            Some(q) => write!(f, " (query id {q})"),
            None => Ok(()),
        }
    }
}

impl Localize for PartUnread {
    fn localize(&self, lang: Lang) -> String {
        let (route, detail) = (&self.route, &self.detail);
        let said = match (self.problem, lang) {
            (PartProblem::Unreadable, Lang::En) => {
                format!("OVHcloud answered {route} in a shape Seatkeeper cannot read ({detail}).")
            }
            (PartProblem::Unreadable, Lang::Fr) => {
                format!("OVHcloud a répondu à {route} sous une forme que Seatkeeper ne sait pas lire ({detail}).")
            }
            (PartProblem::Refused, Lang::En) => format!("OVHcloud refused {route}: {detail}."),
            (PartProblem::Refused, Lang::Fr) => format!("OVHcloud a refusé {route} : {detail}."),
            (PartProblem::Unanswered, Lang::En) => format!("OVHcloud did not answer {route} ({detail})."),
            (PartProblem::Unanswered, Lang::Fr) => format!("OVHcloud n'a pas répondu à {route} ({detail})."),
        };
        match (&self.query_id, lang) {
            (Some(q), Lang::En) => format!("{said} Reference for OVHcloud support: {q}."),
            (Some(q), Lang::Fr) => format!("{said} Référence pour le support OVHcloud : {q}."),
            (None, _) => said,
        }
    }
}

/// Why the keychain cannot be used from this process (Linux: the Secret Service this
/// database's secrets are in does not answer here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeychainProblem {
    /// No D-Bus session at all: cron, SSH, a service.
    NoSessionBus,
    /// A session bus, but no Secret Service (or no default keyring) answers on it.
    NoSecretService,
}

/// Why a backup file was not restored (the current database is left untouched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupProblem {
    /// Not a SQLite file, or a SQLite file that is not a Seatkeeper backup.
    NotABackup,
    /// A Seatkeeper backup that is damaged or cut short.
    Damaged { detail: String },
    /// Written by a newer Seatkeeper.
    TooNew { found: i64, supported: i64 },
    /// The window has this database open (restore from the window instead, or close it).
    WindowOpen,
}

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// A CSV file that cannot be imported at all.
    #[error("file: {0:?}")]
    File(crate::domain::FileProblem),
    /// Several fields of one form break their rules (never empty).
    #[error("{} rules broken", .0.len())]
    Rules(Vec<RuleError>),
    #[error("{what:?} {id} not found")]
    NotFound { what: Entity, id: String },
    #[error("precondition: {0:?}")]
    Precondition(Precondition),
    #[error("database schema version {found} is newer than this app's {supported}")]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("database: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error("keychain: {0}")]
    Keychain(String),
    #[error("keychain unavailable: {0:?}")]
    KeychainUnavailable(KeychainProblem),
    /// The keychain holds no keys for an account (a restored backup, a reboot with the
    /// kernel keyring). `forgetful`: the keychain that looked is the kernel keyring,
    /// which forgets at reboot.
    #[error("no keys in the keychain")]
    KeysMissing { forgetful: bool },
    #[error("backup: {0:?}")]
    Backup(BackupProblem),
    /// OVHcloud answered with an error, or could not be reached (`offline`).
    #[error("OVHcloud: {message}")]
    Remote { message: String, query_id: Option<String>, offline: bool },
    #[error("not a trusted address: {0}")]
    UntrustedUrl(String),
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io { context: context.into(), source }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Rule(rule) if rule.is_limit() => ErrorCode::LimitReached,
            Error::Rule(_) | Error::Rules(_) | Error::File(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Precondition(_) => ErrorCode::Precondition,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::Storage(_) | Error::Io { .. } => ErrorCode::Storage,
            Error::Keychain(_) | Error::KeychainUnavailable(_) | Error::KeysMissing { .. } => ErrorCode::Keychain,
            Error::Backup(BackupProblem::WindowOpen) => ErrorCode::Precondition,
            Error::Backup(_) => ErrorCode::InvalidInput,
            Error::Remote { offline: true, .. } => ErrorCode::Offline,
            Error::Remote { .. } => ErrorCode::Remote,
            Error::UntrustedUrl(_) => ErrorCode::UntrustedUrl,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The error as the UI receives it, in `lang`.
    pub fn to_ipc(&self, lang: Lang) -> IpcError {
        let (rule, field) = match self {
            Error::Rule(rule) => (Some(rule.code().to_string()), Some(rule.field())),
            Error::Rules(rules) => (rules.first().map(|r| r.code().to_string()), rules.first().map(RuleError::field)),
            _ => (None, None),
        };
        let problems = match self {
            Error::Rules(rules) => rules
                .iter()
                .map(|r| FieldProblem { field: r.field(), rule: r.code().to_string(), message: r.localize(lang) })
                .collect(),
            _ => Vec::new(),
        };
        IpcError { code: self.code(), message: self.localize(lang), rule, field, problems }
    }
}

/// The small set of error codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// A value breaks a rule; `field` says which.
    InvalidInput,
    /// A limit was reached: a 301st business licence, a sixth device of a kind.
    LimitReached,
    NotFound,
    /// The action does not fit the current state of the data.
    Precondition,
    /// The database was written by a newer Seatkeeper and was left untouched.
    DatabaseTooNew,
    Storage,
    Keychain,
    /// OVHcloud refused a request; the message is OVHcloud's.
    Remote,
    /// OVHcloud could not be reached; changes keep waiting.
    Offline,
    UntrustedUrl,
    Internal,
}

/// An error as it crosses IPC: `{ code, message, rule?, field? }`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IpcError {
    pub code: ErrorCode,
    /// Already in the user's language.
    pub message: String,
    /// The stable code of the broken rule (`login.length`, `group.capacity`, …).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    /// Every broken rule of a form, one per field, when a form was checked whole.
    #[ts(as = "Option<Vec<FieldProblem>>", optional)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<FieldProblem>,
}

/// One field's broken rule, for forms checked as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: Field,
    pub rule: String,
    pub message: String,
}

/// Collects the broken rules of a form: `Ok` when there are none.
pub fn check_all(results: impl IntoIterator<Item = std::result::Result<(), RuleError>>) -> Result<()> {
    let rules: Vec<RuleError> = results.into_iter().filter_map(std::result::Result::err).collect();
    if rules.is_empty() { Ok(()) } else { Err(Error::from_rules(rules)) }
}

impl Error {
    /// The broken rules of a form checked whole: one is a `Rule`, several are `Rules`.
    pub fn from_rules(rules: Vec<RuleError>) -> Error {
        match <[RuleError; 1]>::try_from(rules) {
            Ok([rule]) => Error::Rule(rule),
            Err(rules) => Error::Rules(rules),
        }
    }
}

impl Localize for Error {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Error::Rule(rule) => rule.localize(lang),
            Error::Rules(rules) => rules.first().map(|r| r.localize(lang)).unwrap_or_default(),
            Error::File(problem) => problem.localize(lang),
            Error::NotFound { what, id } => {
                let thing = match what {
                    Entity::Account => lang.pick("account", "compte"),
                    Entity::Group => lang.pick("licence group", "groupe de licences"),
                    Entity::Licence => lang.pick("licence", "licence"),
                    Entity::Install => lang.pick("device", "appareil"),
                    Entity::Order => lang.pick("order", "commande"),
                    Entity::PendingChange => lang.pick("pending change", "modification en attente"),
                    Entity::Reminder => lang.pick("reminder", "rappel"),
                };
                match lang {
                    Lang::En => format!("This {thing} ({id}) no longer exists; the list has been refreshed."),
                    Lang::Fr => format!("Cet élément ({thing} {id}) n'existe plus ; la liste a été actualisée."),
                }
            }
            Error::Precondition(Precondition::SampleAlreadyLoaded) => lang
                .pick(
                    "The sample data is already loaded.",
                    "Les données d'exemple sont déjà chargées.",
                )
                .into(),
            Error::Precondition(Precondition::NoSampleData) => lang
                .pick("There is no sample data to remove.", "Il n'y a pas de données d'exemple à supprimer.")
                .into(),
            Error::Precondition(Precondition::NotAnEmptySlot) => lang
                .pick(
                    "This licence already has a user. Edit the account instead, or free the licence first.",
                    "Cette licence a déjà un utilisateur. Modifiez plutôt le compte, ou libérez d'abord la licence.",
                )
                .into(),
            Error::Precondition(Precondition::NoUserOnLicence) => lang
                .pick(
                    "This licence has no user yet. Activate it first by editing the account.",
                    "Cette licence n'a pas encore d'utilisateur. Activez-la d'abord en modifiant le compte.",
                )
                .into(),
            Error::Precondition(Precondition::LoginTaken { email }) => match lang {
                Lang::En => format!("{email} is already used by another licence of this group; choose another login."),
                Lang::Fr => format!("{email} est déjà utilisé par une autre licence de ce groupe ; choisissez un autre identifiant."),
            },
            Error::Precondition(Precondition::WrongFamily) => lang
                .pick(
                    "Users are added directly only to pay-as-you-go groups; in a prepaid group, activate a free licence or order more.",
                    "On n'ajoute directement des utilisateurs qu'aux groupes à l'usage ; dans un groupe prépayé, activez une licence libre ou commandez-en.",
                )
                .into(),
            Error::Precondition(Precondition::LicenceBusy) => lang
                .pick(
                    "This licence is being created or deleted at OVHcloud; wait until it is done.",
                    "Cette licence est en cours de création ou de suppression chez OVHcloud ; attendez la fin de l'opération.",
                )
                .into(),
            Error::Precondition(Precondition::ChangeNotQueued) => lang
                .pick(
                    "This change has already been sent to OVHcloud and can no longer be undone.",
                    "Cette modification a déjà été envoyée à OVHcloud et ne peut plus être annulée.",
                )
                .into(),
            Error::Precondition(Precondition::LaterChangeFirst) => lang
                .pick(
                    "A later change to the same licence is waiting; undo that one first.",
                    "Une modification plus récente de la même licence est en attente ; annulez-la d'abord.",
                )
                .into(),
            Error::Precondition(Precondition::RenewalUnavailable { period }) => match lang {
                Lang::En => format!("The catalog offers no {period} renewal for this licence type."),
                Lang::Fr => format!("Le catalogue ne propose pas de renouvellement {period} pour ce type de licence."),
            },
            Error::Precondition(Precondition::NotDemo) => lang
                .pick(
                    "Real orders are paid on OVHcloud's payment page, not here.",
                    "Les vraies commandes se paient sur la page de paiement d'OVHcloud, pas ici.",
                )
                .into(),
            Error::Precondition(Precondition::AlreadySignedOut) => lang
                .pick("This device was already signed out.", "Cet appareil a déjà été déconnecté.")
                .into(),
            Error::Precondition(Precondition::NoDemo) => lang
                .pick(
                    "This build of Seatkeeper has no demo account; connect a real OVHcloud account instead.",
                    "Cette version de Seatkeeper n'a pas de compte de démonstration ; connectez plutôt un vrai compte OVHcloud.",
                )
                .into(),
            Error::Precondition(Precondition::ChangeMoved) => lang
                .pick(
                    "This change was handled meanwhile (by another Seatkeeper window or a scheduled sync); the list has been refreshed.",
                    "Cette modification a été traitée entre-temps (par une autre fenêtre de Seatkeeper ou une synchronisation programmée) ; la liste a été actualisée.",
                )
                .into(),
            Error::Precondition(Precondition::ChangeNotParked) => lang
                .pick(
                    "Only a change that failed or waits for you can be retried or dismissed.",
                    "Seule une modification en échec ou qui vous attend peut être relancée ou abandonnée.",
                )
                .into(),
            Error::Precondition(Precondition::SyncRunning { holder }) => {
                let who = holder.as_ref().map(|o| match lang {
                    Lang::En => format!(" ({}, process {}, since {})", o.what, o.pid, o.since),
                    Lang::Fr => format!(" ({}, processus {}, depuis {})", o.what, o.pid, o.since),
                });
                match lang {
                    Lang::En => format!(
                        "A sync is already running on this database{}. It will be done shortly; try again then.",
                        who.unwrap_or_default()
                    ),
                    Lang::Fr => format!(
                        "Une synchronisation est déjà en cours sur cette base{}. Elle sera bientôt terminée ; réessayez ensuite.",
                        who.unwrap_or_default()
                    ),
                }
            }
            Error::Precondition(Precondition::AgreementNotSigned) => lang
                .pick(
                    "This group's Microsoft Customer Agreement is not accepted yet: OVHcloud gives out its licences only once it is. Sign it from the group's page first.",
                    "Le contrat client Microsoft de ce groupe n'est pas encore accepté : OVHcloud n'attribue ses licences qu'une fois qu'il l'est. Signez-le d'abord depuis la page du groupe.",
                )
                .into(),
            Error::Precondition(Precondition::AgreementAlreadyAccepted) => lang
                .pick(
                    "This group's Microsoft Customer Agreement is already accepted.",
                    "Le contrat client Microsoft de ce groupe est déjà accepté.",
                )
                .into(),
            Error::Precondition(Precondition::NoAttestation) => lang
                .pick(
                    "Fill in the signatory form and sign the agreement first; then confirm it here.",
                    "Remplissez d'abord le formulaire du signataire et signez le contrat ; confirmez-le ensuite ici.",
                )
                .into(),
            Error::Precondition(Precondition::PrepaidOnly) => lang
                .pick(
                    "Only prepaid groups have a Microsoft Customer Agreement to sign and licences to terminate; a pay-as-you-go group is stopped from OVHcloud's control panel.",
                    "Seuls les groupes prépayés ont un contrat client Microsoft à signer et des licences à résilier ; un groupe à l'usage s'arrête depuis l'espace client OVHcloud.",
                )
                .into(),
            Error::Precondition(Precondition::DomainNotUsable { domain }) => match lang {
                Lang::En => format!(
                    "Logins cannot use {domain} yet: it is not a verified domain of this group. Add its TXT record at your DNS provider and wait for the verification."
                ),
                Lang::Fr => format!(
                    "Les identifiants ne peuvent pas encore utiliser {domain} : ce n'est pas un domaine vérifié de ce groupe. Ajoutez son enregistrement TXT chez votre hébergeur DNS et attendez la vérification."
                ),
            },
            Error::Precondition(Precondition::RenewalUnknown) => lang
                .pick(
                    "OVHcloud has not told Seatkeeper yet how this group renews; sync, then try again.",
                    "OVHcloud n'a pas encore indiqué à Seatkeeper comment ce groupe se renouvelle ; synchronisez, puis réessayez.",
                )
                .into(),
            Error::Precondition(Precondition::RenewalUnread(unread)) => match lang {
                Lang::En => format!(
                    "Seatkeeper does not know yet how this group renews: {} It is read again at the next sync; if this lasts, give the reference to OVHcloud support.",
                    unread.localize(lang)
                ),
                Lang::Fr => format!(
                    "Seatkeeper ne sait pas encore comment ce groupe se renouvelle : {} Il est relu à la prochaine synchronisation ; si cela dure, donnez la référence au support OVHcloud.",
                    unread.localize(lang)
                ),
            },
            Error::Precondition(Precondition::TerminationNotRequested) => lang
                .pick(
                    "Ask OVHcloud for the termination first: it e-mails the token to confirm with.",
                    "Demandez d'abord la résiliation à OVHcloud : il envoie par e-mail le jeton de confirmation.",
                )
                .into(),
            Error::Precondition(Precondition::AlreadyTerminated) => lang
                .pick(
                    "This licence's termination is already confirmed.",
                    "La résiliation de cette licence est déjà confirmée.",
                )
                .into(),
            Error::Precondition(Precondition::NeedsOvhcloud) => lang
                .pick(
                    "This step needs an answer from OVHcloud now: connect the group's OVHcloud account and make sure you are online.",
                    "Cette étape a besoin d'une réponse d'OVHcloud tout de suite : connectez le compte OVHcloud du groupe et vérifiez que vous êtes en ligne.",
                )
                .into(),
            Error::Precondition(Precondition::DemoInWindow) => lang
                .pick(
                    "The demo account works only in the Seatkeeper window, where its simulated OVHcloud runs.",
                    "Le compte de démonstration ne fonctionne que dans la fenêtre de Seatkeeper, où tourne son OVHcloud simulé.",
                )
                .into(),
            Error::DatabaseTooNew { found, supported } => match lang {
                Lang::En => format!(
                    "This database was written by a newer version of Seatkeeper (schema {found}; this version reads up to {supported}). It was left untouched: update Seatkeeper to open it."
                ),
                Lang::Fr => format!(
                    "Cette base de données a été écrite par une version plus récente de Seatkeeper (schéma {found} ; cette version lit jusqu'au {supported}). Elle n'a pas été modifiée : mettez Seatkeeper à jour pour l'ouvrir."
                ),
            },
            Error::Storage(e) => match lang {
                Lang::En => format!("The local database could not complete the change; nothing was saved ({e})."),
                Lang::Fr => format!(
                    "La base de données locale n'a pas pu effectuer la modification ; rien n'a été enregistré ({e})."
                ),
            },
            Error::Io { context, source } => match lang {
                Lang::En => format!("A file could not be read or written: {context} ({source})."),
                Lang::Fr => format!("Un fichier n'a pas pu être lu ou écrit : {context} ({source})."),
            },
            Error::Keychain(detail) => match lang {
                Lang::En => format!("The system keychain refused the request ({detail})."),
                Lang::Fr => format!("Le trousseau du système a refusé la demande ({detail})."),
            },
            Error::KeychainUnavailable(problem) => {
                let why = match (problem, lang) {
                    (KeychainProblem::NoSessionBus, Lang::En) => "this process has no D-Bus session (cron, SSH, a service)",
                    (KeychainProblem::NoSessionBus, Lang::Fr) => "ce processus n'a pas de session D-Bus (cron, SSH, un service)",
                    (KeychainProblem::NoSecretService, Lang::En) => {
                        "no Secret Service answers on this D-Bus session (is GNOME Keyring or KWallet running and unlocked?)"
                    }
                    (KeychainProblem::NoSecretService, Lang::Fr) => {
                        "aucun Secret Service ne répond sur cette session D-Bus (GNOME Keyring ou KWallet est-il lancé et déverrouillé ?)"
                    }
                };
                match lang {
                    Lang::En => format!(
                        "This database's secrets are kept in your desktop's keyring (the Secret Service), which cannot be reached: {why}. Run Seatkeeper from your desktop session, or give a scheduled job your session's bus with DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus (it works while you are logged in and the keyring is unlocked). Nothing was changed."
                    ),
                    Lang::Fr => format!(
                        "Les secrets de cette base sont gardés dans le trousseau de votre bureau (le Secret Service), injoignable : {why}. Lancez Seatkeeper depuis votre session de bureau, ou donnez à une tâche planifiée le bus de votre session avec DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus (cela fonctionne tant que vous êtes connecté et le trousseau déverrouillé). Rien n'a été modifié."
                    ),
                }
            }
            Error::KeysMissing { forgetful: true } => lang
                .pick(
                    "The keychain holds no keys for this account. With no desktop keyring, Seatkeeper keeps them in the Linux kernel keyring, which forgets them at every reboot (and after a few days unused). Give the keys again (Accounts, then Enter the keys; or `seatkeeper account keys`), and install GNOME Keyring or KWallet so that they last.",
                    "Le trousseau ne contient pas les clés de ce compte. Faute de trousseau de bureau, Seatkeeper les garde dans le trousseau du noyau Linux, qui les oublie à chaque redémarrage (et après quelques jours sans usage). Redonnez les clés (Comptes, puis Saisir les clés ; ou `seatkeeper account keys`), et installez GNOME Keyring ou KWallet pour qu'elles durent.",
                )
                .into(),
            Error::KeysMissing { .. } => lang
                .pick(
                    "The keychain holds no keys for this account (after restoring a backup, accounts need their keys again). Give them again: Accounts, then Enter the keys; or `seatkeeper account keys`.",
                    "Le trousseau ne contient pas les clés de ce compte (après la restauration d'une sauvegarde, les comptes ont besoin de leurs clés). Redonnez-les : Comptes, puis Saisir les clés ; ou `seatkeeper account keys`.",
                )
                .into(),
            Error::Backup(BackupProblem::NotABackup) => lang
                .pick(
                    "This file is not a Seatkeeper backup. Nothing was restored; your current data is untouched.",
                    "Ce fichier n'est pas une sauvegarde de Seatkeeper. Rien n'a été restauré ; vos données actuelles sont intactes.",
                )
                .into(),
            Error::Backup(BackupProblem::Damaged { detail }) => match lang {
                Lang::En => format!(
                    "This backup is damaged or incomplete ({detail}). Nothing was restored; your current data is untouched. Try another backup (the automatic ones are in the backups folder)."
                ),
                Lang::Fr => format!(
                    "Cette sauvegarde est endommagée ou incomplète ({detail}). Rien n'a été restauré ; vos données actuelles sont intactes. Essayez une autre sauvegarde (les automatiques sont dans le dossier des sauvegardes)."
                ),
            },
            Error::Backup(BackupProblem::TooNew { found, supported }) => match lang {
                Lang::En => format!(
                    "This backup was made by a newer version of Seatkeeper (schema {found}; this version reads up to {supported}). Nothing was restored; your current data is untouched. Update Seatkeeper, then restore it."
                ),
                Lang::Fr => format!(
                    "Cette sauvegarde a été faite par une version plus récente de Seatkeeper (schéma {found} ; cette version lit jusqu'au {supported}). Rien n'a été restauré ; vos données actuelles sont intactes. Mettez Seatkeeper à jour, puis restaurez-la."
                ),
            },
            Error::Backup(BackupProblem::WindowOpen) => lang
                .pick(
                    "The Seatkeeper window has this database open. Restore from the window (Settings, then Restore), or close it and try again. Nothing was restored.",
                    "La fenêtre de Seatkeeper a cette base ouverte. Restaurez depuis la fenêtre (Réglages, puis Restaurer), ou fermez-la et réessayez. Rien n'a été restauré.",
                )
                .into(),
            Error::Remote { message, query_id, offline: false } => {
                let support = query_id.as_deref().map(|q| match lang {
                    Lang::En => format!(" Reference for OVHcloud support: {q}."),
                    Lang::Fr => format!(" Référence pour le support OVHcloud : {q}."),
                });
                match lang {
                    Lang::En => format!("OVHcloud refused the request: {message}.{}", support.unwrap_or_default()),
                    Lang::Fr => format!("OVHcloud a refusé la demande : {message}.{}", support.unwrap_or_default()),
                }
            }
            Error::Remote { message, offline: true, .. } => match lang {
                Lang::En => format!("OVHcloud cannot be reached ({message}). Your changes are kept and will be sent when the connection is back."),
                Lang::Fr => format!("OVHcloud est injoignable ({message}). Vos modifications sont conservées et partiront au retour de la connexion."),
            },
            Error::UntrustedUrl(url) => match lang {
                Lang::En => format!(
                    "Seatkeeper only opens OVHcloud and Microsoft pages; “{url}” was not opened."
                ),
                Lang::Fr => format!(
                    "Seatkeeper n'ouvre que les pages d'OVHcloud et de Microsoft ; « {url} » n'a pas été ouvert."
                ),
            },
            Error::Internal(detail) => match lang {
                Lang::En => format!("Something unexpected happened ({detail})."),
                Lang::Fr => format!("Un incident inattendu s'est produit ({detail})."),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DeviceKind, check_login};

    #[test]
    fn rule_errors_cross_ipc_with_rule_and_field() {
        let err: Error = check_login("a b").unwrap_err().into();
        let ipc = err.to_ipc(Lang::Fr);
        assert_eq!(ipc.code, ErrorCode::InvalidInput);
        assert_eq!(ipc.rule.as_deref(), Some("login.character"));
        assert_eq!(ipc.field, Some(Field::Login));
        assert!(ipc.message.contains("identifiant"), "{}", ipc.message);
        let json = serde_json::to_value(&ipc).unwrap();
        assert_eq!(json["code"], "invalidInput");
        assert_eq!(json["field"], "login");
    }

    #[test]
    fn limits_have_their_own_code() {
        let err = Error::Rule(RuleError::InstallLimit { kind: DeviceKind::Phone, max: 5 });
        assert_eq!(err.code(), ErrorCode::LimitReached);
        let en = err.to_ipc(Lang::En).message;
        let fr = err.to_ipc(Lang::Fr).message;
        assert!(en.contains("5 phones"), "{en}");
        assert!(fr.contains("5 téléphones"), "{fr}");
    }

    #[test]
    fn a_part_not_read_says_which_request_why_and_the_reference_in_both_languages() {
        let unread = PartUnread {
            route: "GET /license/office/office529.o365.ovh.com/serviceInfos".into(),
            problem: PartProblem::Unreadable,
            detail: "missing field `expiration` at line 1 column 290".into(),
            query_id: Some("EU.ext-3.6101".into()),
        };
        let en = unread.localize(Lang::En);
        let fr = unread.localize(Lang::Fr);
        for text in [&en, &fr] {
            assert!(text.contains("GET /license/office/office529.o365.ovh.com/serviceInfos"), "{text}");
            assert!(text.contains("missing field `expiration`") && text.contains("EU.ext-3.6101"), "{text}");
        }
        assert!(en.contains("cannot read") && fr.contains("ne sait pas lire"), "{en} / {fr}");
        assert_eq!(
            unread.to_string(),
            "GET /license/office/office529.o365.ovh.com/serviceInfos: missing field `expiration` at line 1 column 290 (query id EU.ext-3.6101)"
        );
        let err = Error::Precondition(Precondition::RenewalUnread(unread));
        assert_eq!(err.code(), ErrorCode::Precondition);
        assert!(err.localize(Lang::En).starts_with("Seatkeeper does not know yet how this group renews: OVHcloud"));
        assert!(err.localize(Lang::Fr).contains("prochaine synchronisation"));
        let refused = PartUnread {
            route: "GET /x".into(),
            problem: PartProblem::Refused,
            detail: "This service is expired".into(),
            query_id: None,
        };
        assert_eq!(refused.localize(Lang::Fr), "OVHcloud a refusé GET /x : This service is expired.");
    }

    #[test]
    fn non_rule_errors_have_no_field() {
        let ipc = Error::Precondition(Precondition::NoSampleData).to_ipc(Lang::En);
        let json = serde_json::to_value(&ipc).unwrap();
        assert_eq!(json, serde_json::json!({"code": "precondition", "message": "There is no sample data to remove."}));
    }
}
