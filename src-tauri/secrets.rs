//! Secrets — OVHcloud application secrets, consumer keys, licence passwords waiting to
//! be sent — live only in the OS keychain through `keyring`: Windows Credential Manager,
//! macOS Keychain, and on Linux the desktop's Secret Service (GNOME Keyring, KWallet),
//! with the kernel keyring only as a fallback where no Secret Service answers (it does
//! not survive a reboot, which the window and `seatkeeper account add` say). This module
//! is the only way in or out.
//!
//! A [`Secret`] cannot leak by accident: its `Debug` prints `<redacted>`, it has no
//! `Display`, and it does not implement `Serialize`, so it cannot reach SQLite through
//! serde, a log line, an error message or an IPC reply.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, RwLock};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, KeychainProblem, Result};
pub use crate::secret::Secret;

/// The keychain service name all Seatkeeper entries are filed under.
pub const SERVICE: &str = "app.seatkeeper.desktop";

/// Chooses the Linux keychain instead of probing for it: `secret-service` or `kernel`.
pub const BACKEND_ENV: &str = "SEATKEEPER_KEYCHAIN";

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
    /// Which keychain this is, and whether what it holds survives a reboot (the
    /// in-memory store of the tests stands in for one that does).
    fn status(&self) -> KeychainStatus {
        KeychainStatus { backend: Backend::Memory, persistent: true, problem: None }
    }
    /// The database was replaced (a restore): its entries are now those of `installation`.
    fn use_installation(&self, _installation: &str) {}
}

/// The keychain behind [`Keychain`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Backend {
    /// Windows Credential Manager or macOS Keychain.
    Platform,
    /// The desktop's Secret Service over D-Bus (GNOME Keyring, KWallet, KeePassXC).
    SecretService,
    /// The Linux kernel keyring of the login session: gone at reboot.
    KernelKeyring,
    /// In memory, for tests.
    Memory,
}

impl Backend {
    /// The name stored in the database's settings and written in the logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Platform => "platform",
            Backend::SecretService => "secret-service",
            Backend::KernelKeyring => "kernel",
            Backend::Memory => "memory",
        }
    }

    pub fn parse(name: &str) -> Option<Backend> {
        [Backend::Platform, Backend::SecretService, Backend::KernelKeyring, Backend::Memory]
            .into_iter()
            .find(|b| b.as_str() == name.trim())
    }
}

/// What the window and `seatkeeper account add` say about the keychain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeychainStatus {
    pub backend: Backend,
    /// Secrets survive a reboot (false for the kernel keyring).
    pub persistent: bool,
    /// Why the keychain cannot be used from this process, if it cannot.
    pub problem: Option<KeychainProblem>,
}

/// The OS keychain. Entries are named `<installation id>/<secret>` under the service
/// [`SERVICE`], so each database has its own.
pub struct Keychain {
    service: String,
    installation: RwLock<String>,
    /// The Secret Service this database used before: never fall back from it silently
    /// (a scheduled sync would find no secret and give up on changes).
    require: Option<Backend>,
    backend: OnceLock<std::result::Result<Backend, KeychainProblem>>,
}

impl Keychain {
    /// The keychain entries of the database whose installation id is `installation`.
    pub fn for_installation(installation: impl Into<String>) -> Keychain {
        Keychain {
            service: SERVICE.to_string(),
            installation: RwLock::new(installation.into()),
            require: None,
            backend: OnceLock::new(),
        }
    }

    /// A keychain under another service name, so tests never touch the app's entries.
    pub fn with_service(service: impl Into<String>) -> Keychain {
        Keychain {
            service: service.into(),
            installation: RwLock::new("test".into()),
            require: None,
            backend: OnceLock::new(),
        }
    }

    /// Fails instead of falling back when `backend` (the one this database's secrets
    /// were kept in) cannot be reached from this process.
    pub fn requiring(mut self, backend: Option<Backend>) -> Keychain {
        self.require = backend.filter(|b| *b == Backend::SecretService);
        self
    }

    /// The keychain in use, chosen once per keychain on first use.
    pub fn backend(&self) -> std::result::Result<Backend, KeychainProblem> {
        *self.backend.get_or_init(|| choose_backend(self.require))
    }

    fn entry(&self, key: SecretKey) -> Result<keyring::Entry> {
        let backend = self.backend().map_err(Error::KeychainUnavailable)?;
        let installation = self.installation.read().unwrap_or_else(|p| p.into_inner()).clone();
        let name = format!("{installation}/{}", key.entry_name());
        platform_entry(backend, &self.service, &name).map_err(keychain_error)
    }
}

/// The entry `name` of `service` in `backend`.
#[cfg(target_os = "linux")]
fn platform_entry(backend: Backend, service: &str, name: &str) -> keyring::Result<keyring::Entry> {
    let credential: Box<keyring::credential::Credential> = match backend {
        Backend::SecretService => {
            Box::new(keyring::secret_service::SsCredential::new_with_target(None, service, name)?)
        }
        _ => Box::new(keyring::keyutils::KeyutilsCredential::new_with_target(None, service, name)?),
    };
    Ok(keyring::Entry::new_with_credential(credential))
}

#[cfg(not(target_os = "linux"))]
fn platform_entry(_backend: Backend, service: &str, name: &str) -> keyring::Result<keyring::Entry> {
    keyring::Entry::new(service, name)
}

/// Windows and macOS have one keychain each.
#[cfg(not(target_os = "linux"))]
fn choose_backend(_require: Option<Backend>) -> std::result::Result<Backend, KeychainProblem> {
    Ok(Backend::Platform)
}

/// Linux: the Secret Service when one answers on the session bus, else the kernel
/// keyring — unless `SEATKEEPER_KEYCHAIN` says which, or this database's secrets are
/// known to be in the Secret Service (then its absence is an error, not a fallback).
#[cfg(target_os = "linux")]
fn choose_backend(require: Option<Backend>) -> std::result::Result<Backend, KeychainProblem> {
    let forced = std::env::var(BACKEND_ENV).ok().filter(|v| !v.trim().is_empty());
    match forced.as_deref().map(str::trim) {
        Some("kernel") => return Ok(Backend::KernelKeyring),
        Some("secret-service") => {
            return secret_service_answers().map(|()| Backend::SecretService);
        }
        _ => {}
    }
    match secret_service_answers() {
        Ok(()) => Ok(Backend::SecretService),
        Err(problem) if require == Some(Backend::SecretService) => Err(problem),
        Err(_) => Ok(Backend::KernelKeyring),
    }
}

/// Whether a Secret Service answers with a default collection on the session bus.
/// Without a session bus address nothing is tried: libdbus would otherwise start a bus
/// of its own (X11 autolaunch).
#[cfg(target_os = "linux")]
fn secret_service_answers() -> std::result::Result<(), KeychainProblem> {
    use dbus_secret_service::{EncryptionType, SecretService};
    let has_address = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists());
    if !has_address {
        return Err(KeychainProblem::NoSessionBus);
    }
    let service = SecretService::connect(EncryptionType::Plain).map_err(|_| KeychainProblem::NoSecretService)?;
    service.get_default_collection().map(|_| ()).map_err(|_| KeychainProblem::NoSecretService)
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

    fn status(&self) -> KeychainStatus {
        match self.backend() {
            Ok(backend) => KeychainStatus { backend, persistent: backend != Backend::KernelKeyring, problem: None },
            Err(problem) => {
                KeychainStatus { backend: Backend::SecretService, persistent: true, problem: Some(problem) }
            }
        }
    }

    fn use_installation(&self, installation: &str) {
        *self.installation.write().unwrap_or_else(|p| p.into_inner()) = installation.to_string();
    }
}

/// An in-memory stand-in for the keychain, for tests and the headless simulator runs.
#[derive(Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<SecretKey, Secret>>,
}

impl MemorySecrets {
    /// How many entries it holds (tests check what a restore leaves behind).
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
    /// Linux (SEATKEEPER_REAL_KEYCHAIN=1), and again under a D-Bus session with GNOME
    /// Keyring unlocked (the Secret Service); skipped where no keychain is reachable.
    #[test]
    fn real_keychain_round_trips() {
        if std::env::var_os("SEATKEEPER_REAL_KEYCHAIN").is_none() {
            eprintln!("skipped: set SEATKEEPER_REAL_KEYCHAIN=1 to use the OS keychain");
            return;
        }
        let keychain = Keychain::with_service("app.seatkeeper.desktop.test");
        eprintln!("keychain: {:?}", keychain.status());
        round_trip(&keychain);
    }

    #[test]
    fn backends_have_stable_names() {
        for b in [Backend::Platform, Backend::SecretService, Backend::KernelKeyring, Backend::Memory] {
            assert_eq!(Backend::parse(b.as_str()), Some(b));
        }
        assert_eq!(Backend::parse("gnome"), None);
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
