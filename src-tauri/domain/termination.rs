//! Terminating a prepaid licence: OVHcloud e-mails a token, the user confirms with it,
//! a reason and what comes next (`service.TerminationReasonEnum`,
//! `service.TerminationFutureUseEnum`). Pay-as-you-go groups have no such route.

use serde::{Deserialize, Serialize};
use time::Date;
use ts_rs::TS;

use super::{Field, RuleError};
use crate::i18n::{Lang, long_date};

/// Why the customer terminates (`service.TerminationReasonEnum`, OVHcloud's spelling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TerminationReason {
    FeaturesDontSuitMe,
    LackOfPerformances,
    MigratedToAnotherOvhProduct,
    MigratedToCompetitor,
    NotEnoughRecognition,
    NotNeededAnymore,
    NotReliable,
    NoAnswer,
    Other,
    ProductDimensionDontSuitMe,
    ProductToolsDontSuitMe,
    TooExpensive,
    TooHardToUse,
    /// Sic: OVHcloud's schema spells it so.
    UnsatifiedByCustomerSupport,
}

/// What replaces the service (`service.TerminationFutureUseEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TerminationFutureUse {
    NotReplacingService,
    Other,
    SubscribeAnOtherService,
    SubscribeOtherKindOfServiceWithCompetitor,
    SubscribeSimilarServiceWithCompetitor,
}

impl TerminationReason {
    pub const ALL: [TerminationReason; 14] = [
        TerminationReason::NotNeededAnymore,
        TerminationReason::TooExpensive,
        TerminationReason::FeaturesDontSuitMe,
        TerminationReason::MigratedToAnotherOvhProduct,
        TerminationReason::MigratedToCompetitor,
        TerminationReason::LackOfPerformances,
        TerminationReason::NotReliable,
        TerminationReason::TooHardToUse,
        TerminationReason::ProductDimensionDontSuitMe,
        TerminationReason::ProductToolsDontSuitMe,
        TerminationReason::NotEnoughRecognition,
        TerminationReason::NoAnswer,
        TerminationReason::UnsatifiedByCustomerSupport,
        TerminationReason::Other,
    ];

    /// OVHcloud's name for it.
    pub fn wire_name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    pub fn parse(value: &str) -> Option<TerminationReason> {
        TerminationReason::ALL.into_iter().find(|r| r.wire_name() == value)
    }
}

impl TerminationFutureUse {
    pub const ALL: [TerminationFutureUse; 5] = [
        TerminationFutureUse::NotReplacingService,
        TerminationFutureUse::SubscribeAnOtherService,
        TerminationFutureUse::SubscribeSimilarServiceWithCompetitor,
        TerminationFutureUse::SubscribeOtherKindOfServiceWithCompetitor,
        TerminationFutureUse::Other,
    ];

    pub fn wire_name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    pub fn parse(value: &str) -> Option<TerminationFutureUse> {
        TerminationFutureUse::ALL.into_iter().find(|r| r.wire_name() == value)
    }
}

/// Longest comment OVHcloud is sent with a termination.
pub const COMMENTARY_MAX: usize = 1000;

/// The confirmation form: the e-mailed token, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminationInput {
    pub token: String,
    #[ts(optional)]
    pub reason: Option<TerminationReason>,
    #[ts(optional)]
    pub future_use: Option<TerminationFutureUse>,
    #[ts(optional)]
    pub commentary: Option<String>,
}

/// Checks the confirmation form and answers it tidied (token and comment trimmed, an
/// empty comment dropped), or every broken rule.
pub fn check_termination(input: &TerminationInput) -> Result<TerminationInput, Vec<RuleError>> {
    let mut problems = Vec::new();
    let token = input.token.trim().to_string();
    let token_ok = (4..=128).contains(&token.len()) && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !token_ok {
        problems.push(RuleError::TokenInvalid);
    }
    let commentary = input.commentary.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
    if let Some(c) = &commentary {
        let len = c.chars().count();
        if len > COMMENTARY_MAX {
            problems.push(RuleError::NumberRange { field: Field::Commentary, min: 0, max: COMMENTARY_MAX as i64 });
        }
    }
    if problems.is_empty() {
        Ok(TerminationInput { token, reason: input.reason, future_use: input.future_use, commentary })
    } else {
        Err(problems)
    }
}

/// What confirming a termination means, in plain words.
pub fn termination_consequence(licence: &str, ends_on: Option<Date>, lang: Lang) -> String {
    match (ends_on.map(|d| long_date(d, lang)), lang) {
        (Some(d), Lang::En) => format!(
            "{licence} stops on {d}: its user loses Office, and OVHcloud bills it no more after that date. Once sent, this cannot be undone."
        ),
        (None, Lang::En) => format!(
            "{licence} stops at the end of its current period: its user loses Office, and OVHcloud bills it no more. Once sent, this cannot be undone."
        ),
        (Some(d), Lang::Fr) => format!(
            "{licence} s'arrête le {d} : son utilisateur perd Office, et OVHcloud ne la facture plus après cette date. Une fois envoyée, la résiliation est définitive."
        ),
        (None, Lang::Fr) => format!(
            "{licence} s'arrête à la fin de sa période en cours : son utilisateur perd Office, et OVHcloud ne la facture plus. Une fois envoyée, la résiliation est définitive."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_are_ovhclouds() {
        assert_eq!(TerminationReason::UnsatifiedByCustomerSupport.wire_name(), "UNSATIFIED_BY_CUSTOMER_SUPPORT");
        assert_eq!(TerminationReason::MigratedToAnotherOvhProduct.wire_name(), "MIGRATED_TO_ANOTHER_OVH_PRODUCT");
        assert_eq!(
            TerminationFutureUse::SubscribeOtherKindOfServiceWithCompetitor.wire_name(),
            "SUBSCRIBE_OTHER_KIND_OF_SERVICE_WITH_COMPETITOR"
        );
        for r in TerminationReason::ALL {
            assert_eq!(TerminationReason::parse(&r.wire_name()), Some(r));
        }
        assert_eq!(TerminationReason::parse("BORED"), None);
    }

    #[test]
    fn the_token_is_checked_and_the_comment_tidied() {
        let input = |token: &str, commentary: Option<&str>| TerminationInput {
            token: token.into(),
            reason: Some(TerminationReason::TooExpensive),
            future_use: None,
            commentary: commentary.map(str::to_string),
        };
        let ok = check_termination(&input(" 3f9a1c0e77d2b4a1 ", Some("  "))).unwrap();
        assert_eq!((ok.token.as_str(), ok.commentary), ("3f9a1c0e77d2b4a1", None));
        assert_eq!(check_termination(&input("3f9a 1c0e", None)), Err(vec![RuleError::TokenInvalid]));
        assert_eq!(check_termination(&input("", None)), Err(vec![RuleError::TokenInvalid]));
        let long = "x".repeat(COMMENTARY_MAX + 1);
        assert_eq!(check_termination(&input("abcd", Some(&long))).unwrap_err()[0].field(), Field::Commentary);
    }

    #[test]
    fn the_consequence_names_the_day_the_user_loses_office() {
        let d = time::macros::date!(2027 - 01 - 01);
        let en = termination_consequence("office5678.o365.ovh.com-1003", Some(d), Lang::En);
        assert!(en.contains("stops on 1 January 2027") && en.contains("loses Office"), "{en}");
        assert!(termination_consequence("x", None, Lang::Fr).contains("définitive"));
    }
}
