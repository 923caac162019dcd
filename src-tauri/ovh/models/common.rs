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
///
/// The schema promises every field, but marks none required, and a group's renewal
/// must not be lost to a field Seatkeeper has no use for. Required here is only what
/// the renewal is made of: `expiration` (the next renewal, or the end; a prepaid
/// licence's next payment) and, in `renew`, whether it renews automatically and
/// whether it is deleted at expiration. Everything else is read when given: the
/// creation day and the billing state (the tenant's own stand in for them), whether
/// the service may stop at expiration (not offered unless OVHcloud says so), and what
/// the product never shows (ids, contacts, the detailed renewal type).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInfos {
    #[serde(default)]
    pub service_id: Option<i64>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default, with = "date_format::date::option")]
    pub creation: Option<Date>,
    /// For a prepaid licence, the next payment date.
    #[serde(with = "date_format::date")]
    pub expiration: Date,
    #[serde(default, with = "date_format::date::option")]
    pub engaged_up_to: Option<Date>,
    #[serde(default)]
    pub status: Option<ServiceState>,
    #[serde(default)]
    pub renewal_type: Option<RenewalType>,
    #[serde(default)]
    pub renew: Option<Renew>,
    #[serde(default)]
    pub possible_renew_period: Option<Vec<i64>>,
    #[serde(default, deserialize_with = "false_if_null")]
    pub can_delete_at_expiration: bool,
    #[serde(default)]
    pub contact_admin: Option<String>,
    #[serde(default)]
    pub contact_billing: Option<String>,
    #[serde(default)]
    pub contact_tech: Option<String>,
}

/// A boolean that may come as `null`: false.
fn false_if_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

/// `service.RenewType`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Renew {
    pub automatic: bool,
    pub delete_at_expiration: bool,
    /// Never read (a client never writes it either).
    #[serde(default, deserialize_with = "false_if_null")]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A `services.Service` as OVHcloud documents it, every field there.
    fn full() -> serde_json::Value {
        serde_json::json!({
            "canDeleteAtExpiration": true,
            "contactAdmin": "xx1234-ovh",
            "contactBilling": "xx1234-ovh",
            "contactTech": "xx1234-ovh",
            "creation": "2025-01-09",
            "domain": "office529.o365.ovh.com",
            "engagedUpTo": null,
            "expiration": "2027-02-01",
            "possibleRenewPeriod": [1],
            "renew": {"automatic": true, "deleteAtExpiration": false, "forced": false, "manualPayment": false, "period": 1},
            "renewalType": "automaticV2016",
            "serviceId": 8110964636_i64,
            "status": "ok",
        })
    }

    #[test]
    fn service_infos_without_the_fields_the_product_does_not_need_still_parse() {
        // Fields Seatkeeper never reads (contacts, ids, the detailed renewal type), and
        // those it can do without (the creation day, the billing state, whether the
        // service may stop at expiration, `renew.forced`): missing, or null.
        for field in [
            "contactAdmin",
            "contactBilling",
            "contactTech",
            "domain",
            "serviceId",
            "renewalType",
            "creation",
            "status",
            "canDeleteAtExpiration",
        ] {
            for absent in [None, Some(serde_json::Value::Null)] {
                let mut value = full();
                match &absent {
                    None => value.as_object_mut().unwrap().remove(field),
                    Some(null) => value.as_object_mut().unwrap().insert(field.to_string(), null.clone()),
                };
                let infos: ServiceInfos = serde_json::from_value(value).unwrap_or_else(|e| panic!("{field}: {e}"));
                let renewal = infos.renewal();
                assert_eq!(renewal.mode, crate::domain::RenewalMode::Automatic, "{field}");
                assert_eq!(renewal.expires_on.as_deref(), Some("2027-02-01"), "{field}");
            }
        }
        let mut value = full();
        value["renew"].as_object_mut().unwrap().remove("forced");
        let infos: ServiceInfos = serde_json::from_value(value).unwrap();
        assert!(infos.renews_as(&crate::domain::RenewalSettings {
            automatic: true,
            delete_at_expiration: false,
            period_months: 1
        }));
        // Without it, stopping at expiration is not offered (OVHcloud did not say it may).
        let mut value = full();
        value.as_object_mut().unwrap().remove("canDeleteAtExpiration");
        assert!(!serde_json::from_value::<ServiceInfos>(value).unwrap().renewal().can_stop_at_expiration);
    }

    #[test]
    fn service_infos_without_what_the_renewal_is_made_of_do_not_parse() {
        // The renewal's date, and how it renews once `renew` is given: without them
        // there is no renewal to show, and the part is reported as unread.
        let mut value = full();
        value.as_object_mut().unwrap().remove("expiration");
        assert!(serde_json::from_value::<ServiceInfos>(value).is_err());
        for field in ["automatic", "deleteAtExpiration"] {
            let mut value = full();
            value["renew"].as_object_mut().unwrap().remove(field);
            assert!(serde_json::from_value::<ServiceInfos>(value).is_err(), "{field}");
        }
    }
}
