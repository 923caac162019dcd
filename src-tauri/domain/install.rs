use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RuleError;
use crate::i18n::Lang;

/// Each licence user may install the suite on this many devices of each kind.
pub const MAX_INSTALLS_PER_KIND: u32 = 5;

/// The three kinds of device Microsoft counts separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DeviceKind {
    /// A PC or a Mac.
    Computer,
    Tablet,
    Phone,
}

impl DeviceKind {
    pub const ALL: [DeviceKind; 3] = [DeviceKind::Computer, DeviceKind::Tablet, DeviceKind::Phone];

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Computer => "computer",
            DeviceKind::Tablet => "tablet",
            DeviceKind::Phone => "phone",
        }
    }

    pub fn parse(s: &str) -> Option<DeviceKind> {
        DeviceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub(super) fn plural(self, lang: Lang) -> &'static str {
        match self {
            DeviceKind::Computer => lang.pick("computers (PC or Mac)", "ordinateurs (PC ou Mac)"),
            DeviceKind::Tablet => lang.pick("tablets", "tablettes"),
            DeviceKind::Phone => lang.pick("phones", "téléphones"),
        }
    }
}

/// Devices in use by one licence user, per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstallCounts {
    pub computers: u32,
    pub tablets: u32,
    pub phones: u32,
}

impl InstallCounts {
    pub fn of(&self, kind: DeviceKind) -> u32 {
        match kind {
            DeviceKind::Computer => self.computers,
            DeviceKind::Tablet => self.tablets,
            DeviceKind::Phone => self.phones,
        }
    }

    pub fn total(&self) -> u32 {
        self.computers + self.tablets + self.phones
    }
}

/// Reads the day a device was installed (YYYY-MM-DD); refuses a day in the future.
/// "Today" is the user's: east of Greenwich it may already be tomorrow in UTC, so a
/// day up to one after `now`'s UTC date is accepted.
pub fn parse_install_day(value: &str, now: time::OffsetDateTime) -> Result<time::Date, RuleError> {
    let utc = now.to_offset(time::UtcOffset::UTC).date();
    let latest = utc.next_day().unwrap_or(utc);
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let bad = RuleError::DateInvalid { field: super::Field::InstalledOn };
    let day = time::Date::parse(value.trim(), &format).map_err(|_| bad.clone())?;
    if day > latest { Err(bad) } else { Ok(day) }
}

/// Refuses a new device of `kind` when the user already uses all their seats of it.
pub fn check_can_install(counts: &InstallCounts, kind: DeviceKind) -> Result<(), RuleError> {
    if counts.of(kind) >= MAX_INSTALLS_PER_KIND {
        return Err(RuleError::InstallLimit { kind, max: MAX_INSTALLS_PER_KIND });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sixth_device_of_a_kind_is_refused() {
        for kind in DeviceKind::ALL {
            let mut counts = InstallCounts::default();
            for _ in 0..MAX_INSTALLS_PER_KIND {
                check_can_install(&counts, kind).expect("within the limit");
                match kind {
                    DeviceKind::Computer => counts.computers += 1,
                    DeviceKind::Tablet => counts.tablets += 1,
                    DeviceKind::Phone => counts.phones += 1,
                }
            }
            let err = check_can_install(&counts, kind).unwrap_err();
            assert_eq!(err, RuleError::InstallLimit { kind, max: 5 });
            // The other kinds keep their own five seats.
            for other in DeviceKind::ALL.into_iter().filter(|k| *k != kind) {
                assert!(check_can_install(&counts, other).is_ok());
            }
        }
    }

    #[test]
    fn install_days_are_real_and_past() {
        let now = time::macros::datetime!(2026-11-23 22:30 UTC);
        assert_eq!(parse_install_day("2026-11-23", now), Ok(time::macros::date!(2026 - 11 - 23)));
        assert_eq!(parse_install_day(" 2024-02-29 ", now), Ok(time::macros::date!(2024 - 02 - 29)));
        // Already the 24th in Tokyo.
        assert_eq!(parse_install_day("2026-11-24", now), Ok(time::macros::date!(2026 - 11 - 24)));
        for bad in ["2026-11-25", "2025-02-29", "23/11/2026", "", "2026-13-01"] {
            assert!(parse_install_day(bad, now).is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_parse_back() {
        for kind in DeviceKind::ALL {
            assert_eq!(DeviceKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(DeviceKind::parse("watch"), None);
    }
}
