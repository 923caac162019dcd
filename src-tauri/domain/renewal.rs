//! How a licence group renews (OVHcloud's `serviceInfos`), what the user may change, and
//! what a change means in plain words — one place for the window, the command line and
//! the sender.

use serde::{Deserialize, Serialize};
use time::Date;
use ts_rs::TS;

use super::{GroupFamily, RuleError};
use crate::i18n::{Lang, long_date};

/// How a group renews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RenewalMode {
    /// Renewed and billed by itself at each expiration.
    Automatic,
    /// Not renewed by itself: the customer renews it by hand before it expires, or it stops.
    Manual,
    /// Deleted at its expiration (its users lose Office).
    StopAtExpiration,
}

impl RenewalMode {
    /// The mode OVHcloud's `renew.automatic` and `renew.deleteAtExpiration` describe.
    pub fn from_flags(automatic: bool, delete_at_expiration: bool) -> RenewalMode {
        match (automatic, delete_at_expiration) {
            (_, true) => RenewalMode::StopAtExpiration,
            (true, false) => RenewalMode::Automatic,
            (false, false) => RenewalMode::Manual,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RenewalMode::Automatic => "automatic",
            RenewalMode::Manual => "manual",
            RenewalMode::StopAtExpiration => "stopAtExpiration",
        }
    }

    pub fn parse(value: &str) -> Option<RenewalMode> {
        [RenewalMode::Automatic, RenewalMode::Manual, RenewalMode::StopAtExpiration]
            .into_iter()
            .find(|m| m.as_str() == value)
    }
}

/// What OVHcloud last said of a group's renewal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Renewal {
    pub mode: RenewalMode,
    /// Months between renewals.
    pub period_months: i64,
    /// The periods OVHcloud offers for this group, in months.
    pub possible_periods: Vec<i64>,
    /// The next renewal (or the end, if it does not renew), `YYYY-MM-DD`.
    pub expires_on: Option<String>,
    /// The end of a commitment, `YYYY-MM-DD`.
    pub engaged_up_to: Option<String>,
    /// Whether OVHcloud lets it be deleted at expiration.
    pub can_stop_at_expiration: bool,
}

/// What the user chose in the renewal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenewalInput {
    pub mode: RenewalMode,
    pub period_months: i64,
}

/// The renewal to send (`renew` of `PUT …/serviceInfos`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenewalSettings {
    pub automatic: bool,
    pub delete_at_expiration: bool,
    pub period_months: i64,
}

impl RenewalSettings {
    pub fn mode(&self) -> RenewalMode {
        RenewalMode::from_flags(self.automatic, self.delete_at_expiration)
    }
}

fn date(value: Option<&str>) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    value.and_then(|v| Date::parse(v, &format).ok())
}

/// Checks a renewal choice against what OVHcloud offers this group.
pub fn check_renewal(input: &RenewalInput, current: &Renewal) -> Result<RenewalSettings, RuleError> {
    if !current.possible_periods.contains(&input.period_months) {
        return Err(RuleError::RenewalPeriodNotOffered {
            period: input.period_months,
            offered: current.possible_periods.clone(),
        });
    }
    if input.mode == RenewalMode::StopAtExpiration && !current.can_stop_at_expiration {
        return Err(RuleError::CannotStopAtExpiration);
    }
    Ok(RenewalSettings {
        automatic: input.mode == RenewalMode::Automatic,
        delete_at_expiration: input.mode == RenewalMode::StopAtExpiration,
        period_months: input.period_months,
    })
}

fn every(months: i64, lang: Lang) -> String {
    match (lang, months) {
        (Lang::En, 1) => "every month".into(),
        (Lang::En, 12) => "every year".into(),
        (Lang::En, m) => format!("every {m} months"),
        (Lang::Fr, 1) => "tous les mois".into(),
        (Lang::Fr, 12) => "tous les ans".into(),
        (Lang::Fr, m) => format!("tous les {m} mois"),
    }
}

/// What a renewal means, in plain words: when the group renews or stops, what its users
/// lose, what is still owed. `licences` is how many licences it applies to (a prepaid
/// group's licences are each a service of their own); `today` dates the commitment.
pub fn renewal_consequence(
    settings: &RenewalSettings,
    current: &Renewal,
    family: GroupFamily,
    licences: usize,
    today: Date,
    lang: Lang,
) -> String {
    let on = date(current.expires_on.as_deref()).map(|d| long_date(d, lang));
    let mut text = match (settings.mode(), lang, on) {
        (RenewalMode::Automatic, Lang::En, Some(d)) => format!(
            "The group renews by itself {}, next on {d}, billed to your OVHcloud payment method.",
            every(settings.period_months, lang)
        ),
        (RenewalMode::Automatic, Lang::En, None) => format!(
            "The group renews by itself {}, billed to your OVHcloud payment method.",
            every(settings.period_months, lang)
        ),
        (RenewalMode::Automatic, Lang::Fr, Some(d)) => format!(
            "Le groupe se renouvelle tout seul {}, la prochaine fois le {d}, facturé sur votre moyen de paiement OVHcloud.",
            every(settings.period_months, lang)
        ),
        (RenewalMode::Automatic, Lang::Fr, None) => format!(
            "Le groupe se renouvelle tout seul {}, facturé sur votre moyen de paiement OVHcloud.",
            every(settings.period_months, lang)
        ),
        (RenewalMode::Manual, Lang::En, Some(d)) => format!(
            "The group no longer renews by itself: unless you renew it at OVHcloud before {d}, it stops that day and its users lose Office."
        ),
        (RenewalMode::Manual, Lang::En, None) => "The group no longer renews by itself: unless you renew it at OVHcloud before it expires, it stops and its users lose Office.".into(),
        (RenewalMode::Manual, Lang::Fr, Some(d)) => format!(
            "Le groupe ne se renouvelle plus tout seul : si vous ne le renouvelez pas chez OVHcloud avant le {d}, il s'arrête ce jour-là et ses utilisateurs perdent Office."
        ),
        (RenewalMode::Manual, Lang::Fr, None) => "Le groupe ne se renouvelle plus tout seul : si vous ne le renouvelez pas chez OVHcloud avant son expiration, il s'arrête et ses utilisateurs perdent Office.".into(),
        (RenewalMode::StopAtExpiration, Lang::En, Some(d)) => {
            format!("The group stops on {d} and its users lose Office; OVHcloud then deletes it.")
        }
        (RenewalMode::StopAtExpiration, Lang::En, None) => {
            "The group stops when it expires and its users lose Office; OVHcloud then deletes it.".into()
        }
        (RenewalMode::StopAtExpiration, Lang::Fr, Some(d)) => {
            format!("Le groupe s'arrête le {d} et ses utilisateurs perdent Office ; OVHcloud le supprime ensuite.")
        }
        (RenewalMode::StopAtExpiration, Lang::Fr, None) => {
            "Le groupe s'arrête à son expiration et ses utilisateurs perdent Office ; OVHcloud le supprime ensuite.".into()
        }
    };
    if settings.mode() == RenewalMode::Automatic && settings.period_months >= 12 {
        text.push_str(lang.pick(
            " Each renewal bills the whole year at once.",
            " Chaque renouvellement facture l'année entière en une fois.",
        ));
    }
    if let Some(engaged) = date(current.engaged_up_to.as_deref()).filter(|d| *d > today) {
        let d = long_date(engaged, lang);
        text.push_str(&match lang {
            Lang::En => format!(" You are committed until {d}: the rest of the commitment is still due."),
            Lang::Fr => format!(" Vous êtes engagé jusqu'au {d} : le reste de l'engagement reste dû."),
        });
    }
    if family == GroupFamily::Prepaid && licences > 1 {
        text.push_str(&match lang {
            Lang::En => format!(" It applies to each of the group's {licences} licences."),
            Lang::Fr => format!(" Cela s'applique à chacune des {licences} licences du groupe."),
        });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn current() -> Renewal {
        Renewal {
            mode: RenewalMode::Automatic,
            period_months: 1,
            possible_periods: vec![1, 12],
            expires_on: Some("2027-01-01".into()),
            engaged_up_to: None,
            can_stop_at_expiration: true,
        }
    }

    const TODAY: Date = date!(2026 - 12 - 01);

    #[test]
    fn a_choice_becomes_the_flags_ovhcloud_expects() {
        let stop = check_renewal(&RenewalInput { mode: RenewalMode::StopAtExpiration, period_months: 1 }, &current());
        assert_eq!(stop, Ok(RenewalSettings { automatic: false, delete_at_expiration: true, period_months: 1 }));
        let manual = check_renewal(&RenewalInput { mode: RenewalMode::Manual, period_months: 12 }, &current()).unwrap();
        assert_eq!((manual.automatic, manual.delete_at_expiration), (false, false));
        for (a, d) in [(true, false), (false, false), (false, true)] {
            let s = RenewalSettings { automatic: a, delete_at_expiration: d, period_months: 1 };
            assert_eq!(RenewalMode::from_flags(a, d), s.mode());
        }
    }

    #[test]
    fn only_what_ovhcloud_offers_can_be_chosen() {
        let six = check_renewal(&RenewalInput { mode: RenewalMode::Automatic, period_months: 6 }, &current());
        assert_eq!(six, Err(RuleError::RenewalPeriodNotOffered { period: 6, offered: vec![1, 12] }));
        let locked = Renewal { can_stop_at_expiration: false, ..current() };
        let stop = check_renewal(&RenewalInput { mode: RenewalMode::StopAtExpiration, period_months: 1 }, &locked);
        assert_eq!(stop, Err(RuleError::CannotStopAtExpiration));
    }

    #[test]
    fn the_consequence_says_when_the_users_lose_office() {
        let stop = RenewalSettings { automatic: false, delete_at_expiration: true, period_months: 1 };
        let en = renewal_consequence(&stop, &current(), GroupFamily::PayAsYouGo, 1, TODAY, Lang::En);
        assert_eq!(en, "The group stops on 1 January 2027 and its users lose Office; OVHcloud then deletes it.");
        let fr = renewal_consequence(&stop, &current(), GroupFamily::PayAsYouGo, 1, TODAY, Lang::Fr);
        assert!(fr.contains("1 janvier 2027") && fr.contains("perdent Office"), "{fr}");
        let manual = RenewalSettings { automatic: false, delete_at_expiration: false, period_months: 1 };
        let en = renewal_consequence(&manual, &current(), GroupFamily::Prepaid, 30, TODAY, Lang::En);
        assert!(en.contains("before 1 January 2027") && en.contains("each of the group's 30 licences"), "{en}");
    }

    #[test]
    fn a_yearly_renewal_and_a_running_commitment_are_spelled_out() {
        let yearly = RenewalSettings { automatic: true, delete_at_expiration: false, period_months: 12 };
        let engaged = Renewal { engaged_up_to: Some("2027-06-30".into()), ..current() };
        let en = renewal_consequence(&yearly, &engaged, GroupFamily::Prepaid, 1, TODAY, Lang::En);
        assert!(en.contains("every year") && en.contains("whole year at once"), "{en}");
        assert!(en.contains("committed until 30 June 2027"), "{en}");
        let past = Renewal { engaged_up_to: Some("2026-06-30".into()), ..current() };
        assert!(!renewal_consequence(&yearly, &past, GroupFamily::Prepaid, 1, TODAY, Lang::En).contains("committed"));
    }
}
