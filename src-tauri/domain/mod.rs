//! The licence rules of Microsoft 365 at OVHcloud: offers and their limits, install
//! seats, login, name, usage-location and password rules. Pure functions with no I/O;
//! the store and the commands call these before writing anything.
//!
//! Sources: shared/ovh/README.md sections 8 and 9 (OVHcloud's control panel and guide).

mod account;
mod error;
mod file;
mod install;
mod links;
mod offer;
mod password;

pub use account::{
    activation_email, check_account, check_account_name, check_device_name, check_display_name, check_email, check_first_name, check_last_name,
    check_login, check_usage_location, AccountInput, LOGIN_MAX, LOGIN_MIN, NAME_MAX,
};
pub use error::{Field, RuleError};
pub use file::FileProblem;
pub use install::{check_can_install, parse_install_day, DeviceKind, InstallCounts, MAX_INSTALLS_PER_KIND};
pub use links::trusted_url;
pub use offer::{check_group_capacity, GroupFamily, LicenceType, BUSINESS_GROUP_MAX};
pub use password::{
    check_password, generate_password, PasswordCheck, PASSWORD_MAX, PASSWORD_MIN, PASSWORD_SPECIALS,
};
