//! Models both API families share: tasks, usage statistics, service information.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{date_format, wire_enum};
use crate::domain::LicenceType;

wire_enum! {
    /// `license.office.LicenseEnum` / `LicenceEnum` / `license.officePrepaid.LicenseEnum`.
    LicenceKind {
        /// Microsoft 365 Apps for business (at most 300 per group).
        OfficeBusiness = "officeBusiness",
        /// Microsoft 365 Apps for enterprise.
        OfficeProPlus = "officeProPlus",
    }
}

impl LicenceKind {
    /// The product's licence type, if this client knows the value.
    pub fn licence_type(&self) -> Option<LicenceType> {
        LicenceType::from_wire(self.as_str())
    }
}

impl From<LicenceType> for LicenceKind {
    fn from(t: LicenceType) -> LicenceKind {
        LicenceKind::parse(t.wire_name())
    }
}

wire_enum! {
    /// `TaskStatusEnum`.
    TaskStatus {
        Todo = "todo",
        Doing = "doing",
        Done = "done",
        Error = "error",
        Cancelled = "cancelled",
    }
}

impl TaskStatus {
    /// Whether the task will not change any more.
    pub fn is_finished(&self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::Error | TaskStatus::Cancelled)
    }
}

wire_enum! {
    /// `UserStateEnum` of both families (the prepaid schema spells one value `unspending`).
    UserState {
        Creating = "creating",
        Deleting = "deleting",
        Ok = "ok",
        Suspended = "suspended",
        Suspending = "suspending",
        Unsuspending = "unsuspending",
        /// Sic: `license.officePrepaid.UserStateEnum` has this typo.
        Unspending = "unspending",
    }
}

wire_enum! {
    /// `ServiceStateEnum`: a tenant's state.
    TenantState {
        Creating = "creating",
        InMaintenance = "inMaintenance",
        Ok = "ok",
        Reopening = "reopening",
        Suspended = "suspended",
        Suspending = "suspending",
    }
}

wire_enum! {
    /// `ServiceTypeEnum`.
    ServiceType {
        PayAsYouGo = "payAsYouGo",
        Prepaid = "prepaid",
    }
}

wire_enum! {
    /// `service.StateEnum`: billing state of a service.
    ServiceState {
        AutorenewInProgress = "autorenewInProgress",
        Expired = "expired",
        InCreation = "inCreation",
        Ok = "ok",
        PendingDebt = "pendingDebt",
        UnPaid = "unPaid",
    }
}

wire_enum! {
    /// `service.RenewalTypeEnum`.
    RenewalType {
        AutomaticForcedProduct = "automaticForcedProduct",
        AutomaticV2012 = "automaticV2012",
        AutomaticV2014 = "automaticV2014",
        AutomaticV2016 = "automaticV2016",
        AutomaticV2024 = "automaticV2024",
        Manual = "manual",
        OneShot = "oneShot",
        Option = "option",
    }
}

wire_enum! {
    /// `DomainStatusEnum` / `DomainStateEnum`.
    DomainState {
        Ok = "ok",
        Unverified = "unverified",
    }
}

/// `OfficeTask`, `OfficeTaskNative` (both families): the asynchronous work a mutating
/// call started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: i64,
    pub function: String,
    pub status: TaskStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub todo_date: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub finish_date: Option<OffsetDateTime>,
}

/// `OfficeCurrentStatisticsNative` / classic `Statistics`: one day of usage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statistics {
    #[serde(with = "date_format::date")]
    pub date: Date,
    #[serde(default)]
    pub lines: Vec<StatisticsLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatisticsLine {
    pub licence_type: LicenceKind,
    pub end_of_day_count: i64,
    pub peak_count: i64,
}

/// `iam.ResourceMetadata`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IamMetadata {
    pub id: String,
    pub urn: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub tags: Option<std::collections::BTreeMap<String, String>>,
}

/// `services.Service`: billing information (`…/serviceInfos`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInfos {
    pub service_id: i64,
    pub domain: String,
    #[serde(with = "date_format::date")]
    pub creation: Date,
    /// For a prepaid licence, the next payment date.
    #[serde(with = "date_format::date")]
    pub expiration: Date,
    #[serde(default, with = "date_format::date::option")]
    pub engaged_up_to: Option<Date>,
    pub status: ServiceState,
    pub renewal_type: RenewalType,
    #[serde(default)]
    pub renew: Option<Renew>,
    #[serde(default)]
    pub possible_renew_period: Option<Vec<i64>>,
    pub can_delete_at_expiration: bool,
    pub contact_admin: String,
    pub contact_billing: String,
    pub contact_tech: String,
}

/// `service.RenewType`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Renew {
    pub automatic: bool,
    pub delete_at_expiration: bool,
    pub forced: bool,
    #[serde(default)]
    pub manual_payment: Option<bool>,
    #[serde(default)]
    pub period: Option<i64>,
}

impl ServiceInfos {
    /// The group's renewal as the product describes it.
    pub fn renewal(&self) -> crate::domain::Renewal {
        let renew = self.renew.as_ref();
        let automatic = renew.is_some_and(|r| r.automatic);
        let delete = renew.is_some_and(|r| r.delete_at_expiration);
        let period = renew.and_then(|r| r.period).filter(|p| *p > 0).unwrap_or(1);
        let mut possible = self.possible_renew_period.clone().unwrap_or_default();
        if possible.is_empty() {
            possible.push(period);
        }
        crate::domain::Renewal {
            mode: crate::domain::RenewalMode::from_flags(automatic, delete),
            period_months: period,
            possible_periods: possible,
            expires_on: Some(self.expiration.to_string()),
            engaged_up_to: self.engaged_up_to.map(|d| d.to_string()),
            can_stop_at_expiration: self.can_delete_at_expiration,
        }
    }

    /// Whether the service already renews as `settings` say.
    pub fn renews_as(&self, settings: &crate::domain::RenewalSettings) -> bool {
        self.renew.as_ref().is_some_and(|r| {
            r.automatic == settings.automatic
                && r.delete_at_expiration == settings.delete_at_expiration
                && r.period.unwrap_or(1) == settings.period_months
        })
    }
}

/// Body of `PUT …/serviceInfos`: only `renew` may be written (the rest of
/// `services.Service` is read-only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRenewalUpdate {
    pub renew: RenewUpdate,
}

/// `service.RenewType`, as a client writes it (never `forced`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewUpdate {
    pub automatic: bool,
    pub delete_at_expiration: bool,
    pub period: i64,
}

impl From<&crate::domain::RenewalSettings> for ServiceRenewalUpdate {
    fn from(s: &crate::domain::RenewalSettings) -> ServiceRenewalUpdate {
        ServiceRenewalUpdate {
            renew: RenewUpdate {
                automatic: s.automatic,
                delete_at_expiration: s.delete_at_expiration,
                period: s.period_months,
            },
        }
    }
}

/// `OfficeTenantPostChangePassword` (both families). Leave `password` out to have
/// OVHcloud generate one and e-mail it to `notify_email`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePassword {
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose_secret")]
    pub password: Option<crate::secret::Secret>,
    pub should_send_mail: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_email: Option<String>,
}

fn expose_secret<S: serde::Serializer>(secret: &Option<crate::secret::Secret>, s: S) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => s.serialize_str(secret.expose()),
        None => s.serialize_none(),
    }
}
