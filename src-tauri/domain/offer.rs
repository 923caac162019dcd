use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RuleError;

/// Most licences an Apps for business group may hold, counting licences ordered and
/// not yet delivered. Apps for enterprise groups are unlimited.
pub const BUSINESS_GROUP_MAX: u32 = 300;

/// A Microsoft 365 licence type, named as OVHcloud names it on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LicenceType {
    /// Microsoft 365 Apps for business.
    OfficeBusiness,
    /// Microsoft 365 Apps for enterprise (formerly Office Pro Plus).
    OfficeProPlus,
}

impl LicenceType {
    pub const ALL: [LicenceType; 2] = [LicenceType::OfficeBusiness, LicenceType::OfficeProPlus];

    pub fn wire_name(self) -> &'static str {
        match self {
            LicenceType::OfficeBusiness => "officeBusiness",
            LicenceType::OfficeProPlus => "officeProPlus",
        }
    }

    pub fn from_wire(s: &str) -> Option<LicenceType> {
        LicenceType::ALL.into_iter().find(|t| t.wire_name() == s)
    }

    /// The product name shown to users (a Microsoft brand, the same in every language).
    pub fn product_name(self) -> &'static str {
        match self {
            LicenceType::OfficeBusiness => "Microsoft 365 Apps for business",
            LicenceType::OfficeProPlus => "Microsoft 365 Apps for enterprise",
        }
    }

    /// The desktop applications the licence includes.
    pub fn apps(self) -> &'static [&'static str] {
        const BUSINESS: &[&str] = &["Excel", "Word", "PowerPoint", "Outlook", "OneNote", "Publisher"];
        const ENTERPRISE: &[&str] = &["Excel", "Word", "PowerPoint", "Outlook", "OneNote", "Publisher", "Access"];
        match self {
            LicenceType::OfficeBusiness => BUSINESS,
            LicenceType::OfficeProPlus => ENTERPRISE,
        }
    }

    /// The most licences of this type one group may hold, if there is a limit.
    pub fn group_limit(self) -> Option<u32> {
        match self {
            LicenceType::OfficeBusiness => Some(BUSINESS_GROUP_MAX),
            LicenceType::OfficeProPlus => None,
        }
    }
}

/// The two billing families of licence groups, which use two API families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GroupFamily {
    /// Each licence is its own OVHcloud service (`/license/officePrepaid/{tenant}-{n}`),
    /// ordered as empty slots that are then configured.
    Prepaid,
    /// Users are added directly and billed on use (`/license/office/{serviceName}`).
    PayAsYouGo,
}

impl GroupFamily {
    pub fn wire_name(self) -> &'static str {
        match self {
            GroupFamily::Prepaid => "prepaid",
            GroupFamily::PayAsYouGo => "payAsYouGo",
        }
    }

    pub fn from_wire(s: &str) -> Option<GroupFamily> {
        match s {
            "prepaid" => Some(GroupFamily::Prepaid),
            "payAsYouGo" => Some(GroupFamily::PayAsYouGo),
            _ => None,
        }
    }

    /// OVHcloud's own rule: a service name with a `-` is a prepaid licence
    /// (`{tenant}-{n}`), anything else a pay-as-you-go tenant.
    pub fn of_service_name(service_name: &str) -> GroupFamily {
        if service_name.contains('-') { GroupFamily::Prepaid } else { GroupFamily::PayAsYouGo }
    }
}

/// Checks that `requested` more licences of `licence_type` fit in a group that holds
/// `held` of that type and has `on_order` ordered and not yet delivered.
pub fn check_group_capacity(
    licence_type: LicenceType,
    held: u32,
    on_order: u32,
    requested: u32,
) -> Result<(), RuleError> {
    if requested == 0 {
        return Err(RuleError::QuantityNotPositive);
    }
    let Some(max) = licence_type.group_limit() else {
        return Ok(());
    };
    let total = u64::from(held) + u64::from(on_order) + u64::from(requested);
    if total > u64::from(max) {
        return Err(RuleError::GroupCapacity { licence_type, max, held, on_order, requested });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprise_adds_access_to_the_business_apps() {
        let business = LicenceType::OfficeBusiness.apps();
        let enterprise = LicenceType::OfficeProPlus.apps();
        assert_eq!(business, ["Excel", "Word", "PowerPoint", "Outlook", "OneNote", "Publisher"]);
        assert!(business.iter().all(|app| enterprise.contains(app)));
        assert_eq!(enterprise.len(), business.len() + 1);
        assert!(enterprise.contains(&"Access") && !business.contains(&"Access"));
    }

    #[test]
    fn business_group_caps_at_300_counting_orders() {
        let t = LicenceType::OfficeBusiness;
        assert!(check_group_capacity(t, 299, 0, 1).is_ok());
        assert!(check_group_capacity(t, 0, 0, 300).is_ok());
        assert!(check_group_capacity(t, 200, 99, 1).is_ok());
        let err = check_group_capacity(t, 200, 100, 1).unwrap_err();
        assert_eq!(err.code(), "group.capacity");
        assert!(err.is_limit());
        assert!(check_group_capacity(t, 0, 0, 301).is_err());
        assert!(check_group_capacity(t, u32::MAX, u32::MAX, u32::MAX).is_err());
    }

    #[test]
    fn enterprise_has_no_cap_but_needs_a_positive_quantity() {
        let t = LicenceType::OfficeProPlus;
        assert!(check_group_capacity(t, 10_000, 5_000, 1_000).is_ok());
        assert_eq!(check_group_capacity(t, 0, 0, 0).unwrap_err(), RuleError::QuantityNotPositive);
        assert_eq!(
            check_group_capacity(LicenceType::OfficeBusiness, 0, 0, 0).unwrap_err(),
            RuleError::QuantityNotPositive
        );
    }

    #[test]
    fn family_follows_the_service_name() {
        assert_eq!(GroupFamily::of_service_name("office5678.o365.ovh.com-1234"), GroupFamily::Prepaid);
        assert_eq!(GroupFamily::of_service_name("user123.o365.ovh.com"), GroupFamily::PayAsYouGo);
    }

    #[test]
    fn wire_names_round_trip() {
        for t in LicenceType::ALL {
            assert_eq!(LicenceType::from_wire(t.wire_name()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.wire_name());
        }
        assert_eq!(LicenceType::from_wire("officeStandard"), None);
        for f in [GroupFamily::Prepaid, GroupFamily::PayAsYouGo] {
            assert_eq!(GroupFamily::from_wire(f.wire_name()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.wire_name());
        }
    }
}
