use serde::Serialize;
use ts_rs::TS;

use super::RuleError;

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 16;
/// The special characters OVHcloud's panel counts towards the "digit or special" rule.
pub const PASSWORD_SPECIALS: &str = "~!@#$%^&*_-+=|\\(){}[]:;'<>,.?";
/// What the generator draws specials from: the panel's generator set, less `"`, which
/// the rule above does not count.
const GENERATOR_SPECIALS: &[u8] = b"~!$%^&*_-+=|():;'<>,.?";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";

/// Each password rule, met or not, for live feedback while the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordCheck {
    pub length: bool,
    pub ascii: bool,
    pub lower: bool,
    pub upper: bool,
    pub digit_or_special: bool,
    pub without_login: bool,
}

impl PasswordCheck {
    pub fn of(password: &str, login: &str) -> PasswordCheck {
        let len = password.chars().count();
        PasswordCheck {
            length: (PASSWORD_MIN..=PASSWORD_MAX).contains(&len),
            ascii: password.chars().all(|c| c.is_ascii_graphic()),
            lower: password.chars().any(|c| c.is_ascii_lowercase()),
            upper: password.chars().any(|c| c.is_ascii_uppercase()),
            digit_or_special: password.chars().any(|c| c.is_ascii_digit() || PASSWORD_SPECIALS.contains(c)),
            without_login: login.is_empty() || !password.to_lowercase().contains(&login.to_lowercase()),
        }
    }
}

/// Checks a licence user's password against OVHcloud's rules: 8 to 16 printable ASCII
/// characters, at least one lower-case and one upper-case letter and one digit or
/// special character, and not containing the login (in any case).
pub fn check_password(password: &str, login: &str) -> Result<(), RuleError> {
    let check = PasswordCheck::of(password, login);
    if !check.length {
        return Err(RuleError::PasswordLength { len: password.chars().count() });
    }
    if !check.ascii {
        return Err(RuleError::PasswordNotAscii);
    }
    if !(check.lower && check.upper && check.digit_or_special) {
        return Err(RuleError::PasswordClasses);
    }
    if !check.without_login {
        return Err(RuleError::PasswordContainsLogin);
    }
    Ok(())
}

/// A uniformly random index below `bound`, from the OS random source.
fn random_below(bound: usize) -> Result<usize, getrandom::Error> {
    debug_assert!(bound > 0 && bound <= 256);
    let bound = bound as u32;
    // Reject the top of the range so every index is equally likely.
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes)?;
        let n = u32::from_le_bytes(bytes);
        if n < zone {
            return Ok((n % bound) as usize);
        }
    }
}

/// Generates a password that passes [`check_password`] for `login`, `length`
/// characters long (clamped to 8..=16), from the OS random source.
pub fn generate_password(length: usize, login: &str) -> Result<String, getrandom::Error> {
    let length = length.clamp(PASSWORD_MIN, PASSWORD_MAX);
    let classes: [&[u8]; 4] = [LOWER, UPPER, DIGITS, GENERATOR_SPECIALS];
    let all: Vec<u8> = classes.concat();
    loop {
        let mut chars = Vec::with_capacity(length);
        for class in classes {
            chars.push(class[random_below(class.len())?]);
        }
        while chars.len() < length {
            chars.push(all[random_below(all.len())?]);
        }
        // Fisher–Yates, so the guaranteed characters are not always first.
        for i in (1..chars.len()).rev() {
            chars.swap(i, random_below(i + 1)?);
        }
        let password = String::from_utf8(chars).expect("ASCII only");
        // A login of three letters can turn up by chance; draw again.
        if check_password(&password, login).is_ok() {
            return Ok(password);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_the_panel_accepts() {
        for ok in ["Abcdefg1", "abcdefgH!", "ABCdef#ghijklmno", "Zz~zzzzz", "aB(cdefg"] {
            assert_eq!(check_password(ok, "jdupont"), Ok(()), "{ok}");
        }
    }

    #[test]
    fn passwords_the_panel_refuses() {
        assert_eq!(check_password("Abcdef1", ""), Err(RuleError::PasswordLength { len: 7 }));
        assert_eq!(check_password("Abcdefgh1234567890", ""), Err(RuleError::PasswordLength { len: 18 }));
        assert_eq!(check_password("abcdefgh1", ""), Err(RuleError::PasswordClasses));
        assert_eq!(check_password("ABCDEFGH1", ""), Err(RuleError::PasswordClasses));
        assert_eq!(check_password("Abcdefghij", ""), Err(RuleError::PasswordClasses));
        assert_eq!(check_password("Abcdéfgh1", ""), Err(RuleError::PasswordNotAscii));
        assert_eq!(check_password("Abcd efgh1", ""), Err(RuleError::PasswordNotAscii));
        assert_eq!(check_password("xJdupont1!", "jdupont"), Err(RuleError::PasswordContainsLogin));
        assert_eq!(check_password("xJDUPONT1!", "jdupont"), Err(RuleError::PasswordContainsLogin));
    }

    #[test]
    fn live_check_reports_each_rule() {
        let c = PasswordCheck::of("abc", "abc");
        assert!(!c.length && c.ascii && c.lower && !c.upper && !c.digit_or_special && !c.without_login);
        let c = PasswordCheck::of("Abcdefg1", "zzz");
        assert!(c.length && c.ascii && c.lower && c.upper && c.digit_or_special && c.without_login);
    }

    #[test]
    fn generated_passwords_pass_the_rules_and_differ() {
        let mut seen = std::collections::HashSet::new();
        for length in [0, 8, 12, 16, 40] {
            for _ in 0..200 {
                let p = generate_password(length, "abc").unwrap();
                assert_eq!(check_password(&p, "abc"), Ok(()), "{p}");
                assert_eq!(p.len(), length.clamp(PASSWORD_MIN, PASSWORD_MAX));
                seen.insert(p);
            }
        }
        assert!(seen.len() > 990, "generator repeats itself: {} distinct", seen.len());
    }

    #[test]
    fn random_indices_cover_the_range() {
        let mut hits = [0u32; 7];
        for _ in 0..7_000 {
            hits[random_below(7).unwrap()] += 1;
        }
        assert!(hits.iter().all(|&h| h > 700), "{hits:?}");
    }
}
