use crate::i18n::{Lang, Localize};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

use super::{DeviceKind, LicenceType};

/// The form field a rule is about, so the UI can show the message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    FirstName,
    LastName,
    Login,
    UsageLocation,
    Password,
    DisplayName,
    Quantity,
    DeviceName,
    NotifyEmail,
    RenewalPeriod,
    InstalledOn,
    AccountName,
    Endpoint,
    ApplicationKey,
    ApplicationSecret,
    CompanyName,
    Country,
    Language,
    Email,
    Phone,
    Token,
    Reason,
    FutureUse,
    Commentary,
    RenewalMode,
    FreeSeatsThreshold,
    ReminderDays,
}

/// A broken licence rule. Each variant has a stable code (`code()`) the UI and tests
/// can rely on, and a message in French and English (`localize`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    #[error("login length")]
    LoginLength { len: usize },
    #[error("login character")]
    LoginCharacter { found: char },
    #[error("login dots")]
    LoginDots,
    #[error("name empty")]
    NameEmpty { field: Field },
    #[error("name too long")]
    NameTooLong { field: Field, len: usize },
    #[error("name control character")]
    NameControl { field: Field },
    #[error("usage location")]
    UsageLocation { value: String },
    #[error("password length")]
    PasswordLength { len: usize },
    #[error("password not ascii")]
    PasswordNotAscii,
    #[error("password classes")]
    PasswordClasses,
    #[error("password contains login")]
    PasswordContainsLogin,
    #[error("endpoint invalid")]
    EndpointInvalid,
    #[error("date invalid")]
    DateInvalid { field: Field },
    #[error("email invalid")]
    EmailInvalid { field: Field },
    #[error("country unknown")]
    CountryUnknown { value: String },
    #[error("language unknown")]
    LanguageUnknown { value: String },
    #[error("phone invalid")]
    PhoneInvalid,
    #[error("termination token")]
    TokenInvalid,
    #[error("renewal period not offered")]
    RenewalPeriodNotOffered { period: i64, offered: Vec<i64> },
    #[error("renewal cannot stop at expiration")]
    CannotStopAtExpiration,
    #[error("choice unknown")]
    ChoiceUnknown { field: Field, value: String },
    #[error("number out of range")]
    NumberRange { field: Field, min: i64, max: i64 },
    #[error("quantity not positive")]
    QuantityNotPositive,
    #[error("group capacity")]
    GroupCapacity { licence_type: LicenceType, max: u32, held: u32, on_order: u32, requested: u32 },
    #[error("install limit")]
    InstallLimit { kind: DeviceKind, max: u32 },
}

impl RuleError {
    /// The stable, dotted code of the rule (never translated, never reworded).
    pub fn code(&self) -> &'static str {
        match self {
            RuleError::LoginLength { .. } => "login.length",
            RuleError::LoginCharacter { .. } => "login.character",
            RuleError::LoginDots => "login.dots",
            RuleError::NameEmpty { .. } => "name.empty",
            RuleError::NameTooLong { .. } => "name.tooLong",
            RuleError::NameControl { .. } => "name.controlCharacter",
            RuleError::UsageLocation { .. } => "usageLocation.unknown",
            RuleError::PasswordLength { .. } => "password.length",
            RuleError::PasswordNotAscii => "password.ascii",
            RuleError::PasswordClasses => "password.classes",
            RuleError::PasswordContainsLogin => "password.containsLogin",
            RuleError::EmailInvalid { .. } => "email.invalid",
            RuleError::CountryUnknown { .. } => "country.unknown",
            RuleError::LanguageUnknown { .. } => "language.unknown",
            RuleError::PhoneInvalid => "phone.invalid",
            RuleError::TokenInvalid => "termination.token",
            RuleError::RenewalPeriodNotOffered { .. } => "renewal.period",
            RuleError::CannotStopAtExpiration => "renewal.cannotStop",
            RuleError::ChoiceUnknown { .. } => "choice.unknown",
            RuleError::NumberRange { .. } => "number.range",
            RuleError::DateInvalid { .. } => "date.invalid",
            RuleError::EndpointInvalid => "endpoint.invalid",
            RuleError::QuantityNotPositive => "quantity.notPositive",
            RuleError::GroupCapacity { .. } => "group.capacity",
            RuleError::InstallLimit { .. } => "install.limit",
        }
    }

    /// The field the rule is about.
    pub fn field(&self) -> Field {
        match self {
            RuleError::LoginLength { .. } | RuleError::LoginCharacter { .. } | RuleError::LoginDots => Field::Login,
            RuleError::NameEmpty { field }
            | RuleError::NameTooLong { field, .. }
            | RuleError::NameControl { field } => *field,
            RuleError::UsageLocation { .. } => Field::UsageLocation,
            RuleError::PasswordLength { .. }
            | RuleError::PasswordNotAscii
            | RuleError::PasswordClasses
            | RuleError::PasswordContainsLogin => Field::Password,
            RuleError::EmailInvalid { field }
            | RuleError::ChoiceUnknown { field, .. }
            | RuleError::NumberRange { field, .. } => *field,
            RuleError::CountryUnknown { .. } => Field::Country,
            RuleError::LanguageUnknown { .. } => Field::Language,
            RuleError::PhoneInvalid => Field::Phone,
            RuleError::TokenInvalid => Field::Token,
            RuleError::RenewalPeriodNotOffered { .. } | RuleError::CannotStopAtExpiration => Field::RenewalPeriod,
            RuleError::DateInvalid { field } => *field,
            RuleError::EndpointInvalid => Field::Endpoint,
            RuleError::QuantityNotPositive | RuleError::GroupCapacity { .. } => Field::Quantity,
            RuleError::InstallLimit { .. } => Field::DeviceName,
        }
    }

    /// A limit was reached (as opposed to a malformed value): the UI shows these as
    /// refusals of the action rather than as a field to correct.
    pub fn is_limit(&self) -> bool {
        matches!(self, RuleError::GroupCapacity { .. } | RuleError::InstallLimit { .. })
    }
}

fn field_name(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::FirstName => lang.pick("first name", "prénom"),
        Field::LastName => lang.pick("last name", "nom"),
        Field::Login => lang.pick("login", "identifiant"),
        Field::UsageLocation => lang.pick("usage location", "pays d'utilisation"),
        Field::Password => lang.pick("password", "mot de passe"),
        Field::DisplayName => lang.pick("group name", "nom du groupe"),
        Field::Quantity => lang.pick("number of licences", "nombre de licences"),
        Field::DeviceName => lang.pick("device name", "nom de l'appareil"),
        Field::NotifyEmail => lang.pick("e-mail address", "adresse e-mail"),
        Field::RenewalPeriod => lang.pick("renewal", "renouvellement"),
        Field::InstalledOn => lang.pick("installation date", "date d'installation"),
        Field::AccountName => lang.pick("account name", "nom du compte"),
        Field::Endpoint => lang.pick("region", "région"),
        Field::ApplicationKey => lang.pick("application key", "clé d'application"),
        Field::ApplicationSecret => lang.pick("application secret", "secret d'application"),
        Field::CompanyName => lang.pick("company name", "raison sociale"),
        Field::Country => lang.pick("country", "pays"),
        Field::Language => lang.pick("language", "langue"),
        Field::Email => lang.pick("e-mail address", "adresse e-mail"),
        Field::Phone => lang.pick("phone number", "numéro de téléphone"),
        Field::Token => lang.pick("confirmation token", "jeton de confirmation"),
        Field::Reason => lang.pick("reason", "motif"),
        Field::FutureUse => lang.pick("what comes next", "la suite"),
        Field::Commentary => lang.pick("comment", "commentaire"),
        Field::RenewalMode => lang.pick("renewal", "renouvellement"),
        Field::FreeSeatsThreshold => lang.pick("free licences threshold", "seuil de licences libres"),
        Field::ReminderDays => lang.pick("days before", "nombre de jours avant"),
    }
}

/// "1 month, 12 months" / "1 mois, 12 mois".
fn months_list(months: &[i64], lang: Lang) -> String {
    let each: Vec<String> = months
        .iter()
        .map(|m| match (lang, m) {
            (Lang::En, 1) => "1 month".to_string(),
            (Lang::En, m) => format!("{m} months"),
            (Lang::Fr, m) => format!("{m} mois"),
        })
        .collect();
    each.join(", ")
}

impl Localize for RuleError {
    fn localize(&self, lang: Lang) -> String {
        use super::account::{LOGIN_MAX, LOGIN_MIN, NAME_MAX};
        use super::password::{PASSWORD_MAX, PASSWORD_MIN, PASSWORD_SPECIALS};
        match (self, lang) {
            (RuleError::LoginLength { len }, Lang::En) => format!(
                "The login must be {LOGIN_MIN} to {LOGIN_MAX} characters long; it has {len}."
            ),
            (RuleError::LoginLength { len }, Lang::Fr) => format!(
                "L'identifiant doit compter de {LOGIN_MIN} à {LOGIN_MAX} caractères ; il en compte {len}."
            ),
            (RuleError::LoginCharacter { found }, Lang::En) => format!(
                "The login may only contain letters, digits and the characters - _ . ' (found “{found}”)."
            ),
            (RuleError::LoginCharacter { found }, Lang::Fr) => format!(
                "L'identifiant ne peut contenir que des lettres, des chiffres et les caractères - _ . ' (trouvé « {found} »)."
            ),
            (RuleError::LoginDots, Lang::En) => {
                "The login cannot start or end with a full stop, nor contain two full stops in a row.".into()
            }
            (RuleError::LoginDots, Lang::Fr) => {
                "L'identifiant ne peut ni commencer ni finir par un point, ni contenir deux points qui se suivent.".into()
            }
            (RuleError::NameEmpty { field }, Lang::En) => {
                format!("The {} is required.", field_name(*field, lang))
            }
            (RuleError::NameEmpty { field }, Lang::Fr) => {
                format!("Le champ « {} » est obligatoire.", field_name(*field, lang))
            }
            (RuleError::NameTooLong { field, len }, Lang::En) => format!(
                "The {} can be at most {NAME_MAX} characters long; it has {len}.",
                field_name(*field, lang)
            ),
            (RuleError::NameTooLong { field, len }, Lang::Fr) => format!(
                "Le champ « {} » compte au plus {NAME_MAX} caractères ; il en compte {len}.",
                field_name(*field, lang)
            ),
            (RuleError::NameControl { field }, Lang::En) => format!(
                "The {} cannot contain line breaks or control characters.",
                field_name(*field, lang)
            ),
            (RuleError::NameControl { field }, Lang::Fr) => format!(
                "Le champ « {} » ne peut contenir ni retour à la ligne ni caractère de contrôle.",
                field_name(*field, lang)
            ),
            (RuleError::UsageLocation { value }, Lang::En) => format!(
                "“{value}” is not a country code; use a two-letter ISO 3166 code such as FR, BE or CA."
            ),
            (RuleError::UsageLocation { value }, Lang::Fr) => format!(
                "« {value} » n'est pas un code pays ; utilisez un code ISO 3166 à deux lettres, comme FR, BE ou CA."
            ),
            (RuleError::PasswordLength { len }, Lang::En) => format!(
                "The password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long; it has {len}."
            ),
            (RuleError::PasswordLength { len }, Lang::Fr) => format!(
                "Le mot de passe doit compter de {PASSWORD_MIN} à {PASSWORD_MAX} caractères ; il en compte {len}."
            ),
            (RuleError::PasswordNotAscii, Lang::En) => {
                "The password may only use unaccented letters, digits and the special characters of the list.".into()
            }
            (RuleError::PasswordNotAscii, Lang::Fr) => {
                "Le mot de passe ne peut utiliser que des lettres sans accent, des chiffres et les caractères spéciaux de la liste.".into()
            }
            (RuleError::PasswordClasses, Lang::En) => format!(
                "The password needs at least one lower-case letter, one upper-case letter, and one digit or special character ({PASSWORD_SPECIALS})."
            ),
            (RuleError::PasswordClasses, Lang::Fr) => format!(
                "Le mot de passe doit contenir au moins une minuscule, une majuscule et un chiffre ou un caractère spécial ({PASSWORD_SPECIALS})."
            ),
            (RuleError::PasswordContainsLogin, Lang::En) => {
                "The password cannot contain the user's login.".into()
            }
            (RuleError::PasswordContainsLogin, Lang::Fr) => {
                "Le mot de passe ne peut pas contenir l'identifiant de l'utilisateur.".into()
            }
            (RuleError::EndpointInvalid, Lang::En) => {
                "Choose OVHcloud Europe, Canada or United States, or give an https address of an OVHcloud API.".into()
            }
            (RuleError::EndpointInvalid, Lang::Fr) => {
                "Choisissez OVHcloud Europe, Canada ou États-Unis, ou donnez l'adresse https d'une API OVHcloud.".into()
            }
            (RuleError::DateInvalid { field }, Lang::En) => format!(
                "The {} must be a real date (YYYY-MM-DD), not in the future.",
                field_name(*field, lang)
            ),
            (RuleError::DateInvalid { field }, Lang::Fr) => format!(
                "Le champ « {} » doit être une date réelle (AAAA-MM-JJ), pas dans le futur.",
                field_name(*field, lang)
            ),
            (RuleError::EmailInvalid { .. }, Lang::En) => "Enter an e-mail address such as name@example.com.".into(),
            (RuleError::EmailInvalid { .. }, Lang::Fr) => {
                "Saisissez une adresse e-mail, par exemple nom@exemple.fr.".into()
            }
            (RuleError::CountryUnknown { value }, Lang::En) => {
                format!("“{value}” is not a country code; choose a country from the list (FR, BE, CA…).")
            }
            (RuleError::CountryUnknown { value }, Lang::Fr) => {
                format!("« {value} » n'est pas un code pays ; choisissez un pays dans la liste (FR, BE, CA…).")
            }
            (RuleError::LanguageUnknown { value }, Lang::En) => {
                format!("OVHcloud does not offer the language “{value}”; choose one from the list.")
            }
            (RuleError::LanguageUnknown { value }, Lang::Fr) => {
                format!("OVHcloud ne propose pas la langue « {value} » ; choisissez-en une dans la liste.")
            }
            (RuleError::PhoneInvalid, Lang::En) => {
                "Enter a phone number of 6 to 20 digits, with the country code, such as +33 1 23 45 67 89.".into()
            }
            (RuleError::PhoneInvalid, Lang::Fr) => {
                "Saisissez un numéro de téléphone de 6 à 20 chiffres, avec l'indicatif, par exemple +33 1 23 45 67 89.".into()
            }
            (RuleError::TokenInvalid, Lang::En) => {
                "Paste the token from OVHcloud's termination e-mail: letters and digits, without spaces.".into()
            }
            (RuleError::TokenInvalid, Lang::Fr) => {
                "Collez le jeton de l'e-mail de résiliation d'OVHcloud : des lettres et des chiffres, sans espace.".into()
            }
            (RuleError::RenewalPeriodNotOffered { period, offered }, Lang::En) => format!(
                "OVHcloud does not offer a renewal every {period} months for this group; it offers: {}.",
                months_list(offered, lang)
            ),
            (RuleError::RenewalPeriodNotOffered { period, offered }, Lang::Fr) => format!(
                "OVHcloud ne propose pas de renouvellement tous les {period} mois pour ce groupe ; il propose : {}.",
                months_list(offered, lang)
            ),
            (RuleError::CannotStopAtExpiration, Lang::En) => {
                "OVHcloud does not let this group stop at its expiration; turn automatic renewal off instead.".into()
            }
            (RuleError::CannotStopAtExpiration, Lang::Fr) => {
                "OVHcloud ne permet pas d'arrêter ce groupe à son expiration ; désactivez plutôt le renouvellement automatique.".into()
            }
            (RuleError::ChoiceUnknown { field, value }, Lang::En) => {
                format!("“{value}” is not one of the choices for the {}.", field_name(*field, lang))
            }
            (RuleError::ChoiceUnknown { field, value }, Lang::Fr) => {
                format!("« {value} » ne fait pas partie des choix du champ « {} ».", field_name(*field, lang))
            }
            (RuleError::NumberRange { field, min, max }, Lang::En) => {
                format!("The {} must be a whole number from {min} to {max}.", field_name(*field, lang))
            }
            (RuleError::NumberRange { field, min, max }, Lang::Fr) => {
                format!("Le champ « {} » doit être un nombre entier de {min} à {max}.", field_name(*field, lang))
            }
            (RuleError::QuantityNotPositive, Lang::En) => "Order at least one licence.".into(),
            (RuleError::QuantityNotPositive, Lang::Fr) => "Commandez au moins une licence.".into(),
            (RuleError::GroupCapacity { max, held, on_order, requested, .. }, Lang::En) => format!(
                "An Apps for business group holds at most {max} licences. This group has {held} and {on_order} on order, so {requested} more would make {}; you can add at most {}.",
                held + on_order + requested,
                max.saturating_sub(held + on_order)
            ),
            (RuleError::GroupCapacity { max, held, on_order, requested, .. }, Lang::Fr) => format!(
                "Un groupe Apps for business contient au plus {max} licences. Ce groupe en a {held} et {on_order} en commande : {requested} de plus en feraient {} ; vous pouvez en ajouter au plus {}.",
                held + on_order + requested,
                max.saturating_sub(held + on_order)
            ),
            (RuleError::InstallLimit { kind, max }, Lang::En) => format!(
                "This user already has {max} {} with Microsoft 365 installed, the most a licence allows. Sign one out first.",
                kind.plural(lang)
            ),
            (RuleError::InstallLimit { kind, max }, Lang::Fr) => format!(
                "Cet utilisateur a déjà Microsoft 365 installé sur {max} {}, le maximum d'une licence. Déconnectez-en un d'abord.",
                kind.plural(lang)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<RuleError> {
        vec![
            RuleError::LoginLength { len: 2 },
            RuleError::LoginCharacter { found: '@' },
            RuleError::LoginDots,
            RuleError::NameEmpty { field: Field::FirstName },
            RuleError::NameTooLong { field: Field::LastName, len: 300 },
            RuleError::NameControl { field: Field::DisplayName },
            RuleError::UsageLocation { value: "UK".into() },
            RuleError::PasswordLength { len: 3 },
            RuleError::PasswordNotAscii,
            RuleError::PasswordClasses,
            RuleError::PasswordContainsLogin,
            RuleError::EmailInvalid { field: Field::NotifyEmail },
            RuleError::CountryUnknown { value: "XX".into() },
            RuleError::LanguageUnknown { value: "xx_XX".into() },
            RuleError::PhoneInvalid,
            RuleError::TokenInvalid,
            RuleError::RenewalPeriodNotOffered { period: 6, offered: vec![1, 12] },
            RuleError::CannotStopAtExpiration,
            RuleError::ChoiceUnknown { field: Field::Reason, value: "BORED".into() },
            RuleError::NumberRange { field: Field::ReminderDays, min: 1, max: 90 },
            RuleError::DateInvalid { field: Field::InstalledOn },
            RuleError::EndpointInvalid,
            RuleError::QuantityNotPositive,
            RuleError::GroupCapacity {
                licence_type: LicenceType::OfficeBusiness,
                max: 300,
                held: 290,
                on_order: 5,
                requested: 10,
            },
            RuleError::InstallLimit { kind: DeviceKind::Tablet, max: 5 },
        ]
    }

    #[test]
    fn every_rule_speaks_french_and_english_with_a_unique_code() {
        let variants = every_variant();
        let codes: std::collections::HashSet<_> = variants.iter().map(RuleError::code).collect();
        assert_eq!(codes.len(), variants.len(), "codes are unique");
        for rule in &variants {
            let en = rule.localize(Lang::En);
            let fr = rule.localize(Lang::Fr);
            assert!(en.len() > 15 && fr.len() > 15, "{en} / {fr}");
            assert_ne!(en, fr, "{} is not translated", rule.code());
            assert!(en.ends_with('.') && fr.ends_with('.'), "{en} / {fr}");
        }
    }

    #[test]
    fn the_capacity_message_says_how_many_still_fit() {
        let rule = RuleError::GroupCapacity {
            licence_type: LicenceType::OfficeBusiness,
            max: 300,
            held: 290,
            on_order: 5,
            requested: 10,
        };
        let en = rule.localize(Lang::En);
        assert!(en.contains("305") && en.contains("at most 5"), "{en}");
        assert!(rule.localize(Lang::Fr).contains("au plus 5"));
    }
}
