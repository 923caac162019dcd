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
