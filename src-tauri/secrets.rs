//! Secrets — OVHcloud application secrets, consumer keys, licence passwords waiting to
//! be sent — live only in the OS keychain (Windows Credential Manager, macOS Keychain,
//! the Linux kernel keyring) through `keyring`. This module is the only way in or out.
//!
//! A [`Secret`] cannot leak by accident: its `Debug` prints `<redacted>`, it has no
//! `Display`, and it does not implement `Serialize`, so it cannot reach SQLite through
//! serde, a log line, an error message or an IPC reply.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::{Error, Result};
pub use crate::secret::Secret;

/// The keychain service name all Seatkeeper entries are filed under.
pub const SERVICE: &str = "app.seatkeeper.desktop";

/// What a secret is, which names its keychain entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKey {
    ApplicationSecret {
        account_id: i64,
    },
    ConsumerKey {
        account_id: i64,
    },
    /// A licence password waiting in the outbox until its change is sent.
    LicencePassword {
        change_id: i64,
    },
}

impl SecretKey {
    pub fn entry_name(self) -> String {
        match self {
            SecretKey::ApplicationSecret { account_id } => format!("account-{account_id}/application-secret"),
            SecretKey::ConsumerKey { account_id } => format!("account-{account_id}/consumer-key"),
            SecretKey::LicencePassword { change_id } => format!("pending-change-{change_id}/password"),
        }
    }
}

/// Where secrets are kept. The app uses [`Keychain`]; tests use [`MemorySecrets`].
pub trait SecretStore: Send + Sync {
    fn set(&self, key: SecretKey, secret: &Secret) -> Result<()>;
    fn get(&self, key: SecretKey) -> Result<Option<Secret>>;
    /// Deletes the entry; deleting a missing entry is not an error.
    fn delete(&self, key: SecretKey) -> Result<()>;
}

/// The OS keychain. Entries are named `<installation id>/<secret>` under the service
/// [`SERVICE`], so each database has its own.
pub struct Keychain {
    service: String,
    installation: String,
}

impl Keychain {
    /// The keychain entries of the database whose installation id is `installation`.
    pub fn for_installation(installation: impl Into<String>) -> Keychain {
        Keychain { service: SERVICE.to_string(), installation: installation.into() }
    }

    /// A keychain under another service name, so tests never touch the app's entries.
    pub fn with_service(service: impl Into<String>) -> Keychain {
        Keychain { service: service.into(), installation: "test".into() }
    }

    fn entry(&self, key: SecretKey) -> Result<keyring::Entry> {
        let name = format!("{}/{}", self.installation, key.entry_name());
        keyring::Entry::new(&self.service, &name).map_err(keychain_error)
    }
}

/// Describes a keychain failure without ever including the secret.
fn keychain_error(e: keyring::Error) -> Error {
    let detail = match e {
        keyring::Error::NoStorageAccess(_) => "no access to the keychain".to_string(),
        keyring::Error::PlatformFailure(_) => "the keychain reported a failure".to_string(),
        keyring::Error::NoEntry => "no such entry".to_string(),
        keyring::Error::BadEncoding(_) => "the stored value is not text".to_string(),
        keyring::Error::TooLong(what, max) => format!("{what} longer than {max}"),
        keyring::Error::Invalid(what, why) => format!("{what}: {why}"),
        keyring::Error::Ambiguous(_) => "several entries match".to_string(),
        _ => "unknown keychain error".to_string(),
    };
    Error::Keychain(detail)
}

impl SecretStore for Keychain {
    fn set(&self, key: SecretKey, secret: &Secret) -> Result<()> {
        self.entry(key)?.set_password(secret.expose()).map_err(keychain_error)
    }

    fn get(&self, key: SecretKey) -> Result<Option<Secret>> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn delete(&self, key: SecretKey) -> Result<()> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// An in-memory stand-in for the keychain, for tests and the headless simulator runs.
#[derive(Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<SecretKey, Secret>>,
}

impl SecretStore for MemorySecrets {
    fn set(&self, key: SecretKey, secret: &Secret) -> Result<()> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).insert(key, secret.clone());
        Ok(())
    }

    fn get(&self, key: SecretKey) -> Result<Option<Secret>> {
        Ok(self.entries.lock().unwrap_or_else(|p| p.into_inner()).get(&key).cloned())
    }

    fn delete(&self, key: SecretKey) -> Result<()> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("hunter2-Secret!");
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&s)), "Some(<redacted>)");
    }

    fn round_trip(store: &dyn SecretStore) {
        let key = SecretKey::LicencePassword { change_id: 424242 };
        store.delete(key).unwrap();
        assert_eq!(store.get(key).unwrap(), None);
        store.set(key, &Secret::new("Abcdefg1!")).unwrap();
        assert_eq!(store.get(key).unwrap().unwrap().expose(), "Abcdefg1!");
        store.set(key, &Secret::new("Zyxwvut2?")).unwrap();
        assert_eq!(store.get(key).unwrap().unwrap().expose(), "Zyxwvut2?");
        let other = SecretKey::ConsumerKey { account_id: 424242 };
        assert_eq!(store.get(other).unwrap(), None, "entries are separate");
        store.delete(key).unwrap();
        assert_eq!(store.get(key).unwrap(), None);
        store.delete(key).unwrap();
    }

    #[test]
    fn memory_store_round_trips() {
        round_trip(&MemorySecrets::default());
    }

    /// Exercises the real OS keychain. Run by `.ci/test` inside `keyctl session` on
    /// Linux (SEATKEEPER_REAL_KEYCHAIN=1); skipped where no keychain is reachable.
    #[test]
    fn real_keychain_round_trips() {
        if std::env::var_os("SEATKEEPER_REAL_KEYCHAIN").is_none() {
            eprintln!("skipped: set SEATKEEPER_REAL_KEYCHAIN=1 to use the OS keychain");
            return;
        }
        round_trip(&Keychain::with_service("app.seatkeeper.desktop.test"));
    }

    #[test]
    fn entry_names_are_distinct() {
        let names = [
            SecretKey::ApplicationSecret { account_id: 1 }.entry_name(),
            SecretKey::ConsumerKey { account_id: 1 }.entry_name(),
            SecretKey::LicencePassword { change_id: 1 }.entry_name(),
            SecretKey::ApplicationSecret { account_id: 2 }.entry_name(),
        ];
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }
}
