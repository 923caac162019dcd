//! The Microsoft Customer Agreement of a prepaid group: who signs it, checked as
//! OVHcloud's form checks it (shared/ovh/README.md §3 and §8, item 12).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::account::{check_email_for, check_text, is_country};
use super::{Field, RuleError};

/// The languages OVHcloud offers a signatory (`nichandle.LanguageEnum`).
pub const SIGNATORY_LANGUAGES: [&str; 19] = [
    "cs_CZ", "de_DE", "en_AU", "en_CA", "en_GB", "en_IE", "en_US", "es_ES", "fi_FI", "fr_CA", "fr_FR", "fr_MA",
    "fr_SN", "fr_TN", "it_IT", "lt_LT", "nl_NL", "pl_PL", "pt_PT",
];

/// Fewest and most digits of a phone number, country code included (E.164 has at most 15;
/// extensions make a few more).
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 6..=20;

/// The signatory form of the agreement (`createAttestationPostPayload`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatoryInput {
    pub company_name: String,
    /// ISO 3166-1 alpha-2, any case; sent upper-case (`CountryUppercaseEnum`).
    pub country: String,
    /// One of [`SIGNATORY_LANGUAGES`].
    pub language: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
}

/// Checks a phone number: an optional `+`, then digits with spaces, dots, dashes or
/// brackets between them; answers it with only the `+` and the digits.
pub fn check_phone(value: &str) -> Result<String, RuleError> {
    let value = value.trim();
    let (plus, rest) = match value.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", value),
    };
    let allowed = rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'));
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if allowed && PHONE_DIGITS.contains(&digits.len()) {
        Ok(format!("{plus}{digits}"))
    } else {
        Err(RuleError::PhoneInvalid)
    }
}

/// The signatory's language that fits the app's language and the company's country
/// (`fr_FR`, `en_GB`, …), for the form's first value.
pub fn suggested_language(app_language: &str, country: &str) -> &'static str {
    let wanted = format!("{}_{}", app_language.to_ascii_lowercase(), country.to_ascii_uppercase());
    SIGNATORY_LANGUAGES.iter().find(|l| **l == wanted).copied().unwrap_or(if app_language == "fr" {
        "fr_FR"
    } else {
        "en_GB"
    })
}

/// Checks every field of the signatory form and answers it tidied (trimmed, country
/// upper-cased, phone reduced to `+` and digits), or every broken rule, one per field.
pub fn check_signatory(input: &SignatoryInput) -> Result<SignatoryInput, Vec<RuleError>> {
    let mut problems = Vec::new();
    let company_name = input.company_name.trim().to_string();
    if let Err(e) = check_text(&company_name, Field::CompanyName) {
        problems.push(e);
    }
    let country = input.country.trim().to_ascii_uppercase();
    if !is_country(&country) {
        problems.push(RuleError::CountryUnknown { value: input.country.trim().to_string() });
    }
    let language = input.language.trim().to_string();
    if !SIGNATORY_LANGUAGES.contains(&language.as_str()) {
        problems.push(RuleError::LanguageUnknown { value: language.clone() });
    }
    let first_name = input.first_name.trim().to_string();
    if let Err(e) = check_text(&first_name, Field::FirstName) {
        problems.push(e);
    }
    let last_name = input.last_name.trim().to_string();
    if let Err(e) = check_text(&last_name, Field::LastName) {
        problems.push(e);
    }
    let email = input.email.trim().to_string();
    if let Err(e) = check_email_for(&email, Field::Email) {
        problems.push(e);
    }
    let phone = match check_phone(&input.phone) {
        Ok(p) => p,
        Err(e) => {
            problems.push(e);
            String::new()
        }
    };
    if problems.is_empty() {
        Ok(SignatoryInput { company_name, country, language, first_name, last_name, email, phone })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SignatoryInput {
        SignatoryInput {
            company_name: " Contoso SARL ".into(),
            country: "fr".into(),
            language: "fr_FR".into(),
            first_name: "Camille".into(),
            last_name: "Martin".into(),
            email: "camille@contoso.example".into(),
            phone: "+33 (0)1 23.45-67 89".into(),
        }
    }

    #[test]
    fn a_good_form_comes_back_tidied() {
        let ok = check_signatory(&input()).unwrap();
        assert_eq!(ok.company_name, "Contoso SARL");
        assert_eq!(ok.country, "FR", "OVHcloud wants the upper-case code");
        assert_eq!(ok.phone, "+330123456789");
    }

    #[test]
    fn every_broken_field_is_reported_once() {
        let bad = SignatoryInput {
            company_name: "  ".into(),
            country: "XX".into(),
            language: "fr_BE".into(),
            first_name: String::new(),
            last_name: "Martin".into(),
            email: "camille".into(),
            phone: "call me".into(),
        };
        let fields: Vec<Field> = check_signatory(&bad).unwrap_err().iter().map(RuleError::field).collect();
        assert_eq!(
            fields,
            [Field::CompanyName, Field::Country, Field::Language, Field::FirstName, Field::Email, Field::Phone]
        );
    }

    #[test]
    fn phone_numbers_need_six_to_twenty_digits_and_nothing_else() {
        assert_eq!(check_phone("0123456789").unwrap(), "0123456789");
        assert!(check_phone("12345").is_err());
        assert!(check_phone("+1 234 567 890 123 456 789 012").is_err());
        assert!(check_phone("+33 1 23 45 67 89 ext").is_err());
        assert!(check_phone("++33123456789").is_err());
    }

    #[test]
    fn the_suggested_language_follows_the_app_and_the_country() {
        assert_eq!(suggested_language("fr", "CA"), "fr_CA");
        assert_eq!(suggested_language("en", "IE"), "en_IE");
        assert_eq!(suggested_language("fr", "BE"), "fr_FR", "no fr_BE: the closest OVHcloud offers");
        assert_eq!(suggested_language("en", "FR"), "en_GB");
    }
}
