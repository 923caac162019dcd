//! `/license/office` (pay-as-you-go groups): tenants and their users.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{DomainState, IamMetadata, LicenceKind, ServiceType, TenantState, UserState};

/// A tenant — a licence group — as `GET /license/office/{serviceName}` returns it
/// (`OfficeTenantNativeWithIAM`, classic `OfficeTenant(WithIAM)`), and as
/// `GET /license/officePrepaid/{licence}/parentTenant` returns a prepaid group.
///
/// Required is what a group's page shows: its name, state and creation; the rest is
/// read when given (the service name is already known from the path).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    #[serde(default)]
    pub service_name: String,
    pub display_name: String,
    #[serde(default)]
    pub service_type: Option<ServiceType>,
    pub status: TenantState,
    #[serde(with = "time::serde::rfc3339")]
    pub creation_date: OffsetDateTime,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub zip_code: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    /// Whether the Microsoft Customer Agreement is signed; absent from classic models.
    #[serde(default)]
    pub mca_agreed: Option<bool>,
    #[serde(default)]
    pub iam: Option<IamMetadata>,
}

/// Body of `PUT /license/office/{serviceName}` (`OfficeTenantNative`): only the fields
/// set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

/// `DomainNative` / classic `OfficeDomain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    pub domain_name: String,
    pub status: DomainState,
    #[serde(default)]
    pub txt_entry: String,
}

/// A pay-as-you-go user (`OfficeUserNative`, classic `OfficeUser`); its key is
/// `activation_email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeUser {
    pub activation_email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub licences: Vec<LicenceKind>,
    pub status: UserState,
    /// The task working on this user, 0 when none.
    #[serde(default)]
    pub task_pending_id: i64,
    #[serde(default)]
    pub is_virtual: bool,
    #[serde(default)]
    pub delete_at_expiration: bool,
    /// Lower-case ISO 3166-1 alpha-2 (`fr`); missing from some classic answers.
    #[serde(default)]
    pub usage_location: Option<String>,
}

/// Body of `POST /license/office/{serviceName}/user` (`PostUserNative`; the classic
/// API takes the same fields, `licence` required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewOfficeUser {
    /// The tenant's domain (`GET …/domain`), the part after `@`.
    pub domain: String,
    /// The part before `@`.
    pub login: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    pub licence: LicenceKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_location: Option<String>,
}

/// Body of `PUT /license/office/{serviceName}/user/{activationEmail}`
/// (`OfficeUserNativeUpdate`): only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeUserUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_at_expiration: Option<bool>,
}

/// Filters of `GET /license/office/{serviceName}/user` ("like" on names, "=" on licences).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeUserFilter {
    pub activation_email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub licences: Option<LicenceKind>,
}
