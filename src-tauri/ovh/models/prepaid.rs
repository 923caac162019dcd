//! `/license/officePrepaid`: each licence is its own service `{tenant}-{n}`.

use serde::{Deserialize, Serialize};

use super::{IamMetadata, LicenceKind, UserState};

/// Prefix used by OVHcloud for the names of a virtual slot.
pub const UNCONFIGURED_NAME: &str = "configureme";

/// One prepaid licence (`license.officePrepaid.OfficeUserNativeWithIAM`). A slot
/// ordered but not given to anyone yet has `is_virtual` set and names `configureme`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrepaidLicence {
    /// The licence's own service name, `{tenant}-{n}`.
    pub service_name: String,
    /// The group's service name.
    pub tenant_service_name: String,
    pub activation_email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub is_virtual: bool,
    #[serde(default)]
    pub licences: Vec<LicenceKind>,
    pub status: UserState,
    #[serde(default)]
    pub task_pending_id: i64,
    #[serde(default)]
    pub usage_location: Option<String>,
    #[serde(default)]
    pub iam: Option<IamMetadata>,
}

impl PrepaidLicence {
    /// Whether the slot is free: virtual, and no task is configuring it.
    pub fn is_unconfigured(&self) -> bool {
        self.is_virtual && self.task_pending_id == 0
    }
}

/// Body of `PUT /license/officePrepaid/{licence}` (`PutOfficeUserNative`): gives a
/// slot to a user, or edits its user. Only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceAssignment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_location: Option<String>,
}

/// Body of `POST …/parentTenant/createAttestation` (`createAttestationPostPayload`):
/// who signs the Microsoft Customer Agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttestationRequest {
    pub company_name: String,
    /// Upper-case ISO 3166-1 alpha-2 (`CountryUppercaseEnum`).
    pub country: String,
    pub email_address: String,
    /// `nichandle.LanguageEnum`.
    pub language: String,
    pub phone_number: String,
    pub signatory_first_name: String,
    pub signatory_last_name: String,
}

impl From<&crate::domain::SignatoryInput> for AttestationRequest {
    fn from(s: &crate::domain::SignatoryInput) -> AttestationRequest {
        AttestationRequest {
            company_name: s.company_name.clone(),
            country: s.country.clone(),
            email_address: s.email.clone(),
            language: s.language.clone(),
            phone_number: s.phone.clone(),
            signatory_first_name: s.first_name.clone(),
            signatory_last_name: s.last_name.clone(),
        }
    }
}

/// `createAttestationResponse`: the page where the agreement is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attestation {
    pub attestation_id: String,
    pub attestation_link: String,
}

/// Body of `POST /license/officePrepaid/{licence}/confirmTermination`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TerminationConfirmation {
    pub token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<crate::domain::TerminationReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub future_use: Option<crate::domain::TerminationFutureUse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commentary: Option<String>,
}

impl From<&crate::domain::TerminationInput> for TerminationConfirmation {
    fn from(t: &crate::domain::TerminationInput) -> TerminationConfirmation {
        TerminationConfirmation {
            token: t.token.clone(),
            reason: t.reason,
            future_use: t.future_use,
            commentary: t.commentary.clone(),
        }
    }
}

/// Splits a prepaid licence name `{tenant}-{n}` into the group's name and the number
/// part. The control panel uses the last `-` (tenants names have no `-`).
pub fn split_licence_name(name: &str) -> Option<(&str, &str)> {
    let (tenant, n) = name.rsplit_once('-')?;
    (!tenant.is_empty() && !n.is_empty()).then_some((tenant, n))
}

/// Whether a service name belongs to the prepaid family (the panel's rule: it has a `-`).
pub fn is_prepaid_service_name(name: &str) -> bool {
    name.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_names_split_on_the_last_dash() {
        assert_eq!(split_licence_name("office5678.o365.ovh.com-1234"), Some(("office5678.o365.ovh.com", "1234")));
        assert_eq!(split_licence_name("office5678.o365.ovh.com"), None);
        assert_eq!(split_licence_name("-1"), None);
        assert!(is_prepaid_service_name("a-1") && !is_prepaid_service_name("office529.o365.ovh.com"));
    }
}
