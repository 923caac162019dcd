use super::{Field, RuleError};

pub const LOGIN_MIN: usize = 3;
pub const LOGIN_MAX: usize = 20;
pub const NAME_MAX: usize = 255;

/// Checks the local part of a licence user's activation e-mail, as OVHcloud's panel
/// does: 3 to 20 of letters, digits, `-`, `_`, `.`, `'`; no leading or trailing dot and
/// no two dots in a row.
pub fn check_login(login: &str) -> Result<(), RuleError> {
    let len = login.chars().count();
    if !(LOGIN_MIN..=LOGIN_MAX).contains(&len) {
        return Err(RuleError::LoginLength { len });
    }
    if let Some(found) = login.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '\''))) {
        return Err(RuleError::LoginCharacter { found });
    }
    if login.starts_with('.') || login.ends_with('.') || login.contains("..") {
        return Err(RuleError::LoginDots);
    }
    Ok(())
}

/// The activation e-mail of a login in a group's domain.
pub fn activation_email(login: &str, domain: &str) -> String {
    format!("{login}@{domain}")
}

fn check_name(value: &str, field: Field, max: usize) -> Result<(), RuleError> {
    if value.trim().is_empty() {
        return Err(RuleError::NameEmpty { field });
    }
    let len = value.chars().count();
    if len > max {
        return Err(RuleError::NameTooLong { field, len });
    }
    if value.chars().any(char::is_control) {
        return Err(RuleError::NameControl { field });
    }
    Ok(())
}

/// First name of a licence user: 1 to 255 characters, not blank.
pub fn check_first_name(value: &str) -> Result<(), RuleError> {
    check_name(value, Field::FirstName, NAME_MAX)
}

/// Last name of a licence user: 1 to 255 characters, not blank.
pub fn check_last_name(value: &str) -> Result<(), RuleError> {
    check_name(value, Field::LastName, NAME_MAX)
}

/// The name a user gives a licence group (OVHcloud's `displayName`).
pub fn check_display_name(value: &str) -> Result<(), RuleError> {
    check_name(value, Field::DisplayName, NAME_MAX)
}

/// An e-mail address to notify: one `@` with text on both sides, a dot in the domain,
/// no spaces or control characters, at most 254 characters. The mail server is the
/// final judge; this catches typing mistakes.
pub fn check_email(value: &str) -> Result<(), RuleError> {
    check_email_for(value, Field::NotifyEmail)
}

/// [`check_email`], for the e-mail field of another form.
pub fn check_email_for(value: &str, field: Field) -> Result<(), RuleError> {
    let value = value.trim();
    let ok = value.len() <= 254
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if ok { Ok(()) } else { Err(RuleError::EmailInvalid { field }) }
}

/// The name a user gives an OVHcloud account in Seatkeeper.
pub fn check_account_name(value: &str) -> Result<(), RuleError> {
    check_name(value, Field::AccountName, NAME_MAX)
}

/// The name a user gives a device in the installs ledger.
pub fn check_device_name(value: &str) -> Result<(), RuleError> {
    check_name(value, Field::DeviceName, NAME_MAX)
}

/// Every ISO 3166-1 alpha-2 code officially assigned.
const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO \
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET \
FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS \
IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP \
MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO \
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Every ISO 3166-1 alpha-2 country code, in alphabetical order.
pub fn countries() -> impl Iterator<Item = &'static str> {
    ISO_3166_ALPHA2.split_ascii_whitespace()
}

/// Whether `code` (upper case) is an ISO 3166-1 alpha-2 country.
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && ISO_3166_ALPHA2.split_ascii_whitespace().any(|c| c == code)
}

/// The name of a company, a signatory's name: 1 to 255 characters, not blank.
pub fn check_text(value: &str, field: Field) -> Result<(), RuleError> {
    check_name(value, field, NAME_MAX)
}

/// Checks a usage location (ISO 3166-1 alpha-2, any case) and returns it upper-cased.
pub fn check_usage_location(value: &str) -> Result<String, RuleError> {
    let code = value.trim().to_ascii_uppercase();
    let known = is_country(&code);
    if known { Ok(code) } else { Err(RuleError::UsageLocation { value: value.to_string() }) }
}

/// The account of a licence user, as the Edit account form sends it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountInput {
    pub first_name: String,
    pub last_name: String,
    /// The local part of the activation e-mail; the domain is the group's.
    pub login: String,
    pub usage_location: String,
    /// The domain after `@`, for a pay-as-you-go group with several; none: the group's.
    #[ts(optional)]
    #[serde(default)]
    pub domain: Option<String>,
}

/// Checks every field of an account and returns it tidied (names trimmed, usage
/// location upper-cased), or every broken rule, one per field.
pub fn check_account(input: &AccountInput) -> Result<AccountInput, Vec<RuleError>> {
    let first_name = input.first_name.trim().to_string();
    let last_name = input.last_name.trim().to_string();
    let login = input.login.trim().to_string();
    let mut problems = Vec::new();
    if let Err(e) = check_first_name(&first_name) {
        problems.push(e);
    }
    if let Err(e) = check_last_name(&last_name) {
        problems.push(e);
    }
    if let Err(e) = check_login(&login) {
        problems.push(e);
    }
    let usage_location = match check_usage_location(&input.usage_location) {
        Ok(code) => code,
        Err(e) => {
            problems.push(e);
            String::new()
        }
    };
    if problems.is_empty() {
        Ok(AccountInput {
            first_name,
            last_name,
            login,
            usage_location,
            domain: input.domain.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_lowercase),
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_the_panel_accepts() {
        for ok in ["abc", "jean.dupont", "o'brien", "a-b_c", "x1y2z3", "abcdefghijklmnopqrst", "A.B.C"] {
            assert_eq!(check_login(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn logins_the_panel_refuses() {
        assert_eq!(check_login("ab"), Err(RuleError::LoginLength { len: 2 }));
        assert_eq!(check_login(""), Err(RuleError::LoginLength { len: 0 }));
        assert_eq!(check_login("abcdefghijklmnopqrstu"), Err(RuleError::LoginLength { len: 21 }));
        assert_eq!(check_login("jean dupont"), Err(RuleError::LoginCharacter { found: ' ' }));
        assert_eq!(check_login("jean@dupont"), Err(RuleError::LoginCharacter { found: '@' }));
        assert_eq!(check_login("élodie"), Err(RuleError::LoginCharacter { found: 'é' }));
        assert_eq!(check_login(".jean"), Err(RuleError::LoginDots));
        assert_eq!(check_login("jean."), Err(RuleError::LoginDots));
        assert_eq!(check_login("jean..dupont"), Err(RuleError::LoginDots));
        // Length counts characters, not bytes.
        assert_eq!(check_login("éé"), Err(RuleError::LoginLength { len: 2 }));
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert!(check_first_name("Élodie").is_ok());
        assert!(check_last_name("N").is_ok());
        assert_eq!(check_first_name("   "), Err(RuleError::NameEmpty { field: Field::FirstName }));
        assert_eq!(check_last_name(""), Err(RuleError::NameEmpty { field: Field::LastName }));
        let long = "é".repeat(256);
        assert_eq!(check_last_name(&long), Err(RuleError::NameTooLong { field: Field::LastName, len: 256 }));
        assert!(check_last_name(&"é".repeat(255)).is_ok());
        assert_eq!(check_first_name("a\nb"), Err(RuleError::NameControl { field: Field::FirstName }));
    }

    #[test]
    fn usage_locations_are_iso_codes() {
        assert_eq!(check_usage_location("fr").unwrap(), "FR");
        assert_eq!(check_usage_location(" CA ").unwrap(), "CA");
        assert_eq!(check_usage_location("GB").unwrap(), "GB");
        for bad in ["UK", "FRA", "", "zz", "1"] {
            assert!(check_usage_location(bad).is_err(), "{bad}");
        }
        assert_eq!(ISO_3166_ALPHA2.split_ascii_whitespace().count(), 249);
    }

    #[test]
    fn emails_are_checked_for_typing_mistakes() {
        for ok in ["a@b.fr", "jean.dupont@exemple.com", " boss@corp.co.uk "] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.fr", "a@.fr", "a@b.", "a b@c.fr", "a@b@c.fr"] {
            assert_eq!(check_email(bad), Err(RuleError::EmailInvalid { field: Field::NotifyEmail }), "{bad}");
        }
    }

    #[test]
    fn activation_email_joins_login_and_domain() {
        assert_eq!(activation_email("jean.dupont", "office5678.o365.ovh.com"), "jean.dupont@office5678.o365.ovh.com");
    }
}

#[cfg(test)]
mod account_tests {
    use super::*;

    #[test]
    fn a_whole_form_reports_every_bad_field() {
        let bad = AccountInput {
            first_name: " ".into(),
            last_name: "Dupont".into(),
            login: "a..b".into(),
            usage_location: "XX".into(),
            domain: None,
        };
        let problems = check_account(&bad).unwrap_err();
        let fields: Vec<_> = problems.iter().map(RuleError::field).collect();
        assert_eq!(fields, [Field::FirstName, Field::Login, Field::UsageLocation]);
        let good = AccountInput {
            first_name: " Jean ".into(),
            last_name: "Dupont".into(),
            login: "jean.dupont".into(),
            usage_location: "be".into(),
            domain: None,
        };
        let tidy = check_account(&good).unwrap();
        assert_eq!((tidy.first_name.as_str(), tidy.usage_location.as_str()), ("Jean", "BE"));
    }
}
