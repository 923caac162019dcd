//! Reminders: what a small business must not miss about its licence groups — a renewal
//! or a commitment's end coming, too few free licences, an order delivered or
//! cancelled, a change that failed, an agreement still unsigned — and how each is said.

use serde::{Deserialize, Serialize};
use time::Date;
use ts_rs::TS;

use super::{Field, RenewalMode, RuleError};
use crate::i18n::{Lang, long_date};

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReminderKind {
    /// A renewal that needs the user soon: the group stops, must be renewed by hand, or
    /// bills a whole year.
    RenewalSoon,
    CommitmentEnds,
    FreeSeatsLow,
    OrderDelivered,
    OrderCancelled,
    ChangeFailed,
    AgreementUnsigned,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 7] = [
        ReminderKind::RenewalSoon,
        ReminderKind::CommitmentEnds,
        ReminderKind::FreeSeatsLow,
        ReminderKind::OrderDelivered,
        ReminderKind::OrderCancelled,
        ReminderKind::ChangeFailed,
        ReminderKind::AgreementUnsigned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::RenewalSoon => "renewalSoon",
            ReminderKind::CommitmentEnds => "commitmentEnds",
            ReminderKind::FreeSeatsLow => "freeSeatsLow",
            ReminderKind::OrderDelivered => "orderDelivered",
            ReminderKind::OrderCancelled => "orderCancelled",
            ReminderKind::ChangeFailed => "changeFailed",
            ReminderKind::AgreementUnsigned => "agreementUnsigned",
        }
    }

    pub fn parse(value: &str) -> Option<ReminderKind> {
        ReminderKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// How many days before a renewal or a commitment's end the reminder comes.
pub const REMINDER_DAYS: std::ops::RangeInclusive<u32> = 1..=90;
pub const REMINDER_DAYS_DEFAULT: u32 = 14;
/// The free-licences threshold of a group, when set.
pub const FREE_SEATS_ALERT: std::ops::RangeInclusive<u32> = 1..=300;

/// A whole number within `range`, as typed in a number field (which may hold anything).
fn whole_in(value: f64, range: &std::ops::RangeInclusive<u32>, field: Field) -> Result<u32, RuleError> {
    let whole = value.is_finite() && value.fract() == 0.0;
    if whole && value >= f64::from(*range.start()) && value <= f64::from(*range.end()) {
        Ok(value as u32)
    } else {
        Err(RuleError::NumberRange { field, min: i64::from(*range.start()), max: i64::from(*range.end()) })
    }
}

pub fn check_reminder_days(days: f64) -> Result<u32, RuleError> {
    whole_in(days, &REMINDER_DAYS, Field::ReminderDays)
}

pub fn check_free_seats_alert(threshold: f64) -> Result<u32, RuleError> {
    whole_in(threshold, &FREE_SEATS_ALERT, Field::FreeSeatsThreshold)
}

/// What a reminder knows, kept with it, so it is said in whatever language the user
/// reads it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The day it is about (`YYYY-MM-DD`): the renewal, the commitment's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<RenewalMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_months: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// The kind of change that failed (`activate`, `setRenewal`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// Who or what the change is about (a user's name, a licence's e-mail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Which change a failed-change reminder is about, in words: "The activation of Ada Lovelace".
fn change_in_words(kind: Option<&str>, subject: Option<&str>, lang: Lang) -> String {
    let what = match (kind.unwrap_or_default(), lang) {
        ("activate", Lang::En) => "The activation",
        ("activate", Lang::Fr) => "L’activation",
        ("editAccount", Lang::En) => "The account change",
        ("editAccount", Lang::Fr) => "La modification du compte",
        ("changePassword", Lang::En) => "The password change",
        ("changePassword", Lang::Fr) => "Le changement de mot de passe",
        ("free", Lang::En) => "Freeing the licence",
        ("free", Lang::Fr) => "La libération de la licence",
        ("renameGroup", Lang::En) => "Renaming the group",
        ("renameGroup", Lang::Fr) => "Le changement de nom du groupe",
        ("order", Lang::En) => "The order",
        ("order", Lang::Fr) => "La commande",
        ("setRenewal", Lang::En) => "The renewal change",
        ("setRenewal", Lang::Fr) => "Le changement de renouvellement",
        ("acceptAgreement", Lang::En) => "Accepting the agreement",
        ("acceptAgreement", Lang::Fr) => "L’acceptation du contrat",
        ("confirmTermination", Lang::En) => "The termination",
        ("confirmTermination", Lang::Fr) => "La résiliation",
        (_, Lang::En) => "A change",
        (_, Lang::Fr) => "Une modification",
    };
    match (subject.filter(|s| !s.trim().is_empty()), lang) {
        (Some(who), Lang::En) => format!("{what} for {who}"),
        (Some(who), Lang::Fr) => format!("{what} pour {who}"),
        (None, _) => what.to_string(),
    }
}

fn day(value: Option<&str>, lang: Lang) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    value
        .and_then(|v| Date::parse(v, &format).ok())
        .map(|d| long_date(d, lang))
        .unwrap_or_else(|| value.unwrap_or_default().to_string())
}

/// A reminder's title and text, in `lang`.
pub fn reminder_text(kind: ReminderKind, f: &ReminderFacts, lang: Lang) -> (String, String) {
    let group = f.group.clone().unwrap_or_default();
    let date = day(f.date.as_deref(), lang);
    match (kind, lang) {
        (ReminderKind::RenewalSoon, Lang::En) => (
            format!("{group}: renewal on {date}"),
            match f.mode {
                Some(RenewalMode::StopAtExpiration) => format!("The group stops on {date} and its users lose Office."),
                Some(RenewalMode::Manual) => {
                    format!(
                        "The group does not renew by itself: renew it at OVHcloud before {date}, or its users lose Office."
                    )
                }
                _ => {
                    format!("The group renews on {date} for {} months, billed at once.", f.period_months.unwrap_or(12))
                }
            },
        ),
        (ReminderKind::RenewalSoon, Lang::Fr) => (
            format!("{group} : renouvellement le {date}"),
            match f.mode {
                Some(RenewalMode::StopAtExpiration) => {
                    format!("Le groupe s'arrête le {date} et ses utilisateurs perdent Office.")
                }
                Some(RenewalMode::Manual) => format!(
                    "Le groupe ne se renouvelle pas tout seul : renouvelez-le chez OVHcloud avant le {date}, sinon ses utilisateurs perdent Office."
                ),
                _ => format!(
                    "Le groupe se renouvelle le {date} pour {} mois, facturés en une fois.",
                    f.period_months.unwrap_or(12)
                ),
            },
        ),
        (ReminderKind::CommitmentEnds, Lang::En) => (
            format!("{group}: commitment ends on {date}"),
            format!("Your commitment ends on {date}: after it, you can change how the group renews or stop it."),
        ),
        (ReminderKind::CommitmentEnds, Lang::Fr) => (
            format!("{group} : fin d'engagement le {date}"),
            format!(
                "Votre engagement prend fin le {date} : ensuite, vous pouvez changer le renouvellement du groupe ou l'arrêter."
            ),
        ),
        (ReminderKind::FreeSeatsLow, Lang::En) => (
            format!("{group}: {} free licence(s) left", f.free.unwrap_or(0)),
            format!(
                "Fewer than {} licences are free; order more before someone new needs one.",
                f.threshold.unwrap_or(0)
            ),
        ),
        (ReminderKind::FreeSeatsLow, Lang::Fr) => (
            format!("{group} : plus que {} licence(s) libre(s)", f.free.unwrap_or(0)),
            format!(
                "Moins de {} licences sont libres ; commandez-en avant qu'un nouvel arrivant en ait besoin.",
                f.threshold.unwrap_or(0)
            ),
        ),
        (ReminderKind::OrderDelivered, Lang::En) => (
            format!("{group}: order delivered"),
            format!("{} new licence(s) are ready to be given to users.", f.quantity.unwrap_or(0)),
        ),
        (ReminderKind::OrderDelivered, Lang::Fr) => (
            format!("{group} : commande livrée"),
            format!("{} nouvelle(s) licence(s) sont prêtes à être attribuées.", f.quantity.unwrap_or(0)),
        ),
        (ReminderKind::OrderCancelled, Lang::En) => (
            format!("{group}: order cancelled"),
            format!("OVHcloud cancelled the order of {} licence(s); nothing was delivered.", f.quantity.unwrap_or(0)),
        ),
        (ReminderKind::OrderCancelled, Lang::Fr) => (
            format!("{group} : commande annulée"),
            format!("OVHcloud a annulé la commande de {} licence(s) ; rien n'a été livré.", f.quantity.unwrap_or(0)),
        ),
        (ReminderKind::ChangeFailed, Lang::En) => (
            format!("{group}: a change did not go through"),
            match f.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(why) => format!(
                    "{} did not go through: {why} Open the pending changes to retry or dismiss it.",
                    change_in_words(f.change.as_deref(), f.subject.as_deref(), lang)
                ),
                None => format!(
                    "{} did not go through. Open the pending changes to retry or dismiss it.",
                    change_in_words(f.change.as_deref(), f.subject.as_deref(), lang)
                ),
            },
        ),
        (ReminderKind::ChangeFailed, Lang::Fr) => (
            format!("{group} : une modification n’est pas passée"),
            match f.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(why) => format!(
                    "{} n’est pas passée : {why} Ouvrez les modifications en attente pour la relancer ou l’abandonner.",
                    change_in_words(f.change.as_deref(), f.subject.as_deref(), lang)
                ),
                None => format!(
                    "{} n’est pas passée. Ouvrez les modifications en attente pour la relancer ou l’abandonner.",
                    change_in_words(f.change.as_deref(), f.subject.as_deref(), lang)
                ),
            },
        ),
        (ReminderKind::AgreementUnsigned, Lang::En) => (
            format!("{group}: sign the Microsoft Customer Agreement"),
            "Its licences are given out only once the agreement is accepted.".to_string(),
        ),
        (ReminderKind::AgreementUnsigned, Lang::Fr) => (
            format!("{group} : signez le contrat client Microsoft"),
            "Ses licences ne sont attribuées qu'une fois le contrat accepté.".to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reminder_is_said_in_both_languages() {
        let facts = ReminderFacts {
            group: Some("Contoso".into()),
            date: Some("2027-01-01".into()),
            mode: Some(RenewalMode::StopAtExpiration),
            free: Some(1),
            threshold: Some(3),
            quantity: Some(5),
            reason: Some("OVHcloud refused.".into()),
            ..ReminderFacts::default()
        };
        for kind in ReminderKind::ALL {
            let (en_title, en) = reminder_text(kind, &facts, Lang::En);
            let (fr_title, fr) = reminder_text(kind, &facts, Lang::Fr);
            assert!(en_title.starts_with("Contoso") && fr_title.starts_with("Contoso"));
            assert_ne!(en, fr, "{kind:?}");
            assert_eq!(ReminderKind::parse(kind.as_str()), Some(kind));
        }
        let (title, body) = reminder_text(ReminderKind::RenewalSoon, &facts, Lang::En);
        assert_eq!(title, "Contoso: renewal on 1 January 2027");
        assert_eq!(body, "The group stops on 1 January 2027 and its users lose Office.");
    }

    #[test]
    fn a_failed_change_reminder_says_which_change_and_for_whom() {
        let facts = ReminderFacts {
            group: Some("Contoso".into()),
            change: Some("activate".into()),
            subject: Some("Ada Lovelace".into()),
            reason: Some("The licence x-10 was given to grace@x.fr.".into()),
            ..ReminderFacts::default()
        };
        let (_, en) = reminder_text(ReminderKind::ChangeFailed, &facts, Lang::En);
        assert_eq!(
            en,
            "The activation for Ada Lovelace did not go through: The licence x-10 was given to grace@x.fr. Open the pending changes to retry or dismiss it."
        );
        let (_, fr) = reminder_text(ReminderKind::ChangeFailed, &facts, Lang::Fr);
        assert!(fr.starts_with("L’activation pour Ada Lovelace n’est pas passée : The licence"), "{fr}");
        let bare = ReminderFacts { group: Some("Contoso".into()), ..ReminderFacts::default() };
        let (_, en) = reminder_text(ReminderKind::ChangeFailed, &bare, Lang::En);
        assert_eq!(en, "A change did not go through. Open the pending changes to retry or dismiss it.");
    }

    #[test]
    fn the_reminder_settings_have_bounds() {
        assert_eq!(check_reminder_days(14.0), Ok(14));
        for bad in [0.0, 91.0, 2.5, -3.0, f64::NAN, f64::INFINITY] {
            assert!(check_reminder_days(bad).is_err(), "{bad}");
        }
        assert!(check_free_seats_alert(0.0).is_err());
        assert_eq!(check_free_seats_alert(5.0), Ok(5));
    }
}
