//! The licence rules of Microsoft 365 at OVHcloud: offers and their limits, install
//! seats, login, name, usage-location and password rules. Pure functions with no I/O;
//! the store and the commands call these before writing anything.
//!
//! Sources: shared/ovh/README.md sections 8 and 9 (OVHcloud's control panel and guide).

mod account;
mod agreement;
mod error;
mod file;
mod install;
mod licence;
mod links;
mod offer;
mod password;
mod reminder;
mod renewal;
mod termination;

pub use account::{
    AccountInput, LOGIN_MAX, LOGIN_MIN, NAME_MAX, activation_email, check_account, check_account_name,
    check_device_name, check_display_name, check_email, check_email_for, check_first_name, check_last_name,
    check_login, check_usage_location, countries, is_country,
};
pub use agreement::{SIGNATORY_LANGUAGES, SignatoryInput, check_phone, check_signatory, suggested_language};
pub use error::{Field, RuleError};
pub use file::FileProblem;
pub use install::{DeviceKind, InstallCounts, MAX_INSTALLS_PER_KIND, check_can_install, parse_install_day};
pub use licence::{LicenceBlock, LicenceFacts};
pub use links::{attestation_url, trusted_url};
pub use offer::{BUSINESS_GROUP_MAX, GroupFamily, LicenceType, check_group_capacity};
pub use password::{PASSWORD_MAX, PASSWORD_MIN, PASSWORD_SPECIALS, PasswordCheck, check_password, generate_password};
pub use reminder::{
    FREE_SEATS_ALERT, REMINDER_DAYS, REMINDER_DAYS_DEFAULT, ReminderFacts, ReminderKind, check_free_seats_alert,
    check_reminder_days, reminder_text,
};
pub use renewal::{Renewal, RenewalInput, RenewalMode, RenewalSettings, check_renewal, renewal_consequence};
pub use termination::{
    COMMENTARY_MAX, TerminationFutureUse, TerminationInput, TerminationReason, check_termination,
    termination_consequence,
};
