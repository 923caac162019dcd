//! [`Secret`]: a value that must never leak. A leaf: it depends on nothing in the crate,
//! so the OVHcloud client can carry secrets without knowing the keychain.
//!
//! Its `Debug` prints `<redacted>`, it has no `Display`, and it does not implement
//! `Serialize`, so it cannot reach SQLite through serde, a log line, an error message or
//! an IPC reply by accident.

use std::fmt;

/// A secret value. Read it with [`Secret::expose`], only where it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
