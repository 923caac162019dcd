//! Giving an account its keys again, without touching its data: after a backup was
//! restored (secrets are never in a backup), after a reboot with the kernel keyring, or
//! on another computer. The counterpart of connecting, for an account already there.

use super::demo::Demo;
use super::engine::remote_error;
use super::service::{Connected, DEMO_ENDPOINT};
use crate::error::Result;
use crate::ovh::models::{AccessRule, CredentialRequest};
use crate::ovh::{Client, ClientConfig, Endpoint};
use crate::secrets::{Secret, SecretKey, SecretStore};
use crate::store::{AccountSummary, Store, accounts};

/// The connected accounts (the sample and the demo aside) whose keys the keychain does
/// not hold.
pub fn accounts_needing_keys(store: &Store, secrets: &dyn SecretStore) -> Result<Vec<AccountSummary>> {
    let mut needing = Vec::new();
    for account in store.list_accounts()? {
        if account.is_sample || account.endpoint == DEMO_ENDPOINT {
            continue;
        }
        if secrets.get(SecretKey::ApplicationSecret { account_id: account.id })?.is_none() {
            needing.push(account);
        }
    }
    Ok(needing)
}

/// Stores an account's application secret and consumer key again. Without a consumer
/// key, OVHcloud issues a new one (asking only for the routes Seatkeeper uses) and the
/// address where the user allows it is returned. The account's data is untouched.
pub async fn give_keys_again(
    store: &Store,
    secrets: &dyn SecretStore,
    account_id: i64,
    application_secret: Secret,
    consumer_key: Option<Secret>,
) -> Result<Connected> {
    let account = store.read(|c| accounts::get(c, account_id))?;
    if application_secret.expose().trim().is_empty() {
        return Err(crate::domain::RuleError::NameEmpty { field: crate::domain::Field::ApplicationSecret }.into());
    }
    let validation_url = match consumer_key {
        Some(ck) => {
            secrets.set(SecretKey::ConsumerKey { account_id }, &ck)?;
            None
        }
        None => {
            let endpoint: Endpoint = account.endpoint.parse().map_err(|_| crate::domain::RuleError::EndpointInvalid)?;
            let client = Client::new(ClientConfig::new(endpoint, &account.application_key, application_secret.clone()))
                .map_err(remote_error)?;
            let request =
                CredentialRequest { access_rules: AccessRule::seatkeeper(), redirection: None, allowed_ips: None };
            let pending = client.request_credential(&request).await.map_err(remote_error)?;
            secrets.set(SecretKey::ConsumerKey { account_id }, &pending.consumer_key)?;
            Some(pending.validation_url)
        }
    };
    secrets.set(SecretKey::ApplicationSecret { account_id }, &application_secret)?;
    Ok(Connected { account_id, validation_url })
}

/// The demo account's keys are the simulator's own: put them back (after a restore).
pub fn restore_demo_keys(store: &Store, secrets: &dyn SecretStore) -> Result<()> {
    for account in store.list_accounts()?.into_iter().filter(|a| a.endpoint == DEMO_ENDPOINT) {
        let Ok(keys) = Demo::keys() else { return Ok(()) };
        let account_id = account.id;
        secrets.set(SecretKey::ApplicationSecret { account_id }, &Secret::new(keys.application_secret))?;
        secrets.set(SecretKey::ConsumerKey { account_id }, &Secret::new(keys.consumer_key))?;
    }
    Ok(())
}
