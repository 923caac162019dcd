//! The steps of OVHcloud's workflow that need its answer at once, so they cannot wait
//! in the outbox: creating the Microsoft Customer Agreement attestation (its link is
//! what the user signs), and asking for a licence's termination (OVHcloud e-mails the
//! token that confirms it). Neither costs anything; what does — accepting the agreement,
//! confirming a termination, changing a renewal — is queued and sent exactly once.
//! Offline, these fail plainly instead of pretending.

use serde::Serialize;
use ts_rs::TS;

use super::engine::remote_error;
use crate::domain::{SignatoryInput, check_signatory};
use crate::error::{Error, Precondition, Result};
use crate::ovh::Client;
use crate::ovh::models::AttestationRequest;
use crate::store::{Store, lifecycle};

/// The attestation OVHcloud created: the page where the agreement is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttestationCreated {
    pub link: String,
}

/// Checks the signatory form, asks OVHcloud for the attestation of the group's
/// agreement, and keeps its link.
pub async fn create_attestation(
    store: &Store,
    client: &Client,
    group_id: i64,
    input: &SignatoryInput,
    now: time::OffsetDateTime,
) -> Result<AttestationCreated> {
    let g = store.group_ref(group_id)?;
    lifecycle::ensure_agreement_to_sign(&g)?;
    let signatory = check_signatory(input).map_err(|rules| match rules.len() {
        1 => Error::Rule(rules.into_iter().next().expect("one rule")),
        _ => Error::Rules(rules),
    })?;
    let any = g.any_licence.ok_or(Error::Precondition(Precondition::NeedsOvhcloud))?;
    let attestation =
        client.create_attestation(&any, &AttestationRequest::from(&signatory)).await.map_err(remote_error)?;
    store.record_attestation(group_id, &attestation.attestation_link, now)?;
    Ok(AttestationCreated { link: attestation.attestation_link })
}

/// The signatory form's first values: the account's country and the language that fits
/// it and the app's.
pub fn signatory_defaults(store: &Store, group_id: i64, lang: crate::i18n::Lang) -> Result<SignatoryInput> {
    let g = store.group_ref(group_id)?;
    let endpoint = store.read(|c| crate::store::accounts::get(c, g.account_id))?.endpoint;
    let country = endpoint.parse::<crate::ovh::Endpoint>().map(|e| e.subsidiary()).unwrap_or("FR").to_string();
    Ok(SignatoryInput {
        company_name: String::new(),
        language: crate::domain::suggested_language(lang.code(), &country).to_string(),
        country,
        first_name: String::new(),
        last_name: String::new(),
        email: String::new(),
        phone: String::new(),
    })
}

/// The agreement page of a group, to open in the browser: the exact link OVHcloud
/// returned for it (see [`crate::domain::attestation_url`]).
pub fn attestation_link(store: &Store, group_id: i64) -> Result<url::Url> {
    let g = store.group_ref(group_id)?;
    let link = g.attestation_link.ok_or(Error::Precondition(Precondition::NoAttestation))?;
    crate::domain::attestation_url(&link).ok_or(Error::UntrustedUrl(link))
}

/// Asks OVHcloud to terminate a prepaid licence: it e-mails the token to confirm with.
/// Answers OVHcloud's message.
pub async fn request_termination(
    store: &Store,
    client: &Client,
    licence_id: i64,
    now: time::OffsetDateTime,
) -> Result<String> {
    let l = store.licence_ref(licence_id)?;
    store.read(|conn| lifecycle::ensure_terminable(conn, &l))?;
    let message = client.terminate_licence(&l.remote_id).await.map_err(remote_error)?;
    store.termination_requested(licence_id, now)?;
    Ok(message)
}
