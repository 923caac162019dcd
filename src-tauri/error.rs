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
    Group,
    Licence,
}

/// Something the current state of the data does not allow (not a fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    SampleAlreadyLoaded,
    NoSampleData,
}

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Rule(#[from] RuleError),
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
            Error::Rule(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Precondition(_) => ErrorCode::Precondition,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::Storage(_) | Error::Io { .. } => ErrorCode::Storage,
            Error::Keychain(_) => ErrorCode::Keychain,
            Error::UntrustedUrl(_) => ErrorCode::UntrustedUrl,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The error as the UI receives it, in `lang`.
    pub fn to_ipc(&self, lang: Lang) -> IpcError {
        let (rule, field) = match self {
            Error::Rule(rule) => (Some(rule.code().to_string()), Some(rule.field())),
            _ => (None, None),
        };
        IpcError { code: self.code(), message: self.localize(lang), rule, field }
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
}

impl Localize for Error {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Error::Rule(rule) => rule.localize(lang),
            Error::NotFound { what, id } => {
                let thing = match what {
                    Entity::Group => lang.pick("licence group", "groupe de licences"),
                    Entity::Licence => lang.pick("licence", "licence"),
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
    use crate::domain::{check_login, DeviceKind};

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
    fn non_rule_errors_have_no_field() {
        let ipc = Error::Precondition(Precondition::NoSampleData).to_ipc(Lang::En);
        let json = serde_json::to_value(&ipc).unwrap();
        assert_eq!(json, serde_json::json!({"code": "precondition", "message": "There is no sample data to remove."}));
    }
}
