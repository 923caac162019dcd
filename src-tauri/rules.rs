//! The rules the window shows before Rust is asked — what each offer includes and how
//! many licences a group may hold, the installs per user, the field limits, the regions
//! and where their keys are made, the pages the window links to — gathered from the
//! modules that own them. They reach the UI as the generated constant `RULES` in
//! `ui/src/lib/bindings.ts` (a test keeps it current), so the UI never copies one.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::{self, LicenceType};
use crate::ovh::Endpoint;

/// What an offer includes and its group limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferRules {
    pub licence_type: LicenceType,
    /// Microsoft's product names, the same in every language.
    pub apps: Vec<String>,
    /// Most licences one group may hold, those on order included (`None`: no limit).
    pub max_licences: Option<u32>,
}

/// An OVHcloud API region the accounts dialog offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegionRules {
    /// `ovh-eu`, `ovh-ca`, `ovh-us`.
    pub name: String,
    pub base_url: String,
    /// Where its application keys are created.
    pub create_app_url: String,
}

/// Pages the window sends users to (all on the trusted list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Links {
    /// Where users install Office.
    pub microsoft_365_portal: String,
    /// Where OVHcloud explains Microsoft 365 apps on a remote desktop.
    pub remote_desktop_guide: String,
    /// Where a Microsoft 365 user really signs a device out.
    pub microsoft_devices: String,
    /// Where a pay-as-you-go group is stopped (it has no termination route in the API):
    /// OVHcloud's control panel, billing and renewals.
    pub payg_termination: String,
    /// OVHcloud's guides to Microsoft 365, which explain adding a domain's TXT record.
    pub domain_verification: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    pub offers: Vec<OfferRules>,
    /// Installs allowed per user and per kind of device.
    pub max_installs_per_kind: u32,
    pub login_min: u32,
    pub login_max: u32,
    /// Most characters of a name (user, group, account, device).
    pub name_max: u32,
    pub password_min: u32,
    pub password_max: u32,
    pub password_specials: String,
    pub regions: Vec<RegionRules>,
    /// The endpoint of the demo account.
    pub demo_endpoint: String,
    pub links: Links,
    /// ISO 3166-1 alpha-2 country codes (the signatory's country, a usage location).
    pub countries: Vec<String>,
    /// The languages OVHcloud offers the signatory of a Microsoft Customer Agreement.
    pub signatory_languages: Vec<String>,
    /// Why a licence is terminated, and what replaces it: OVHcloud's lists, in order.
    pub termination_reasons: Vec<domain::TerminationReason>,
    pub termination_future_uses: Vec<domain::TerminationFutureUse>,
    /// Longest comment sent with a termination.
    pub termination_commentary_max: u32,
    /// How many days before a renewal or a commitment's end reminders come, by default.
    pub reminder_days_default: u32,
    pub reminder_days_max: u32,
    /// The most a group's free-licences threshold may be.
    pub free_seats_alert_max: u32,
}

pub fn rules() -> Rules {
    Rules {
        offers: LicenceType::ALL
            .into_iter()
            .map(|t| OfferRules {
                licence_type: t,
                apps: t.apps().iter().map(|a| a.to_string()).collect(),
                max_licences: t.group_limit(),
            })
            .collect(),
        max_installs_per_kind: domain::MAX_INSTALLS_PER_KIND,
        login_min: domain::LOGIN_MIN as u32,
        login_max: domain::LOGIN_MAX as u32,
        name_max: domain::NAME_MAX as u32,
        password_min: domain::PASSWORD_MIN as u32,
        password_max: domain::PASSWORD_MAX as u32,
        password_specials: domain::PASSWORD_SPECIALS.to_string(),
        regions: Endpoint::REGIONS
            .iter()
            .map(|e| RegionRules {
                name: e.name().to_string(),
                base_url: e.base_url().to_string(),
                create_app_url: e.create_app_url().unwrap_or_default(),
            })
            .collect(),
        demo_endpoint: crate::sync::DEMO_ENDPOINT.to_string(),
        links: Links {
            microsoft_365_portal: "https://portal.office.com/".into(),
            remote_desktop_guide:
                "https://docs.ovh.com/fr/microsoft-collaborative-solutions/office365-proplus-bureau-a-distance/".into(),
            microsoft_devices: "https://account.microsoft.com/devices".into(),
            payg_termination: "https://www.ovh.com/manager/#/dedicated/billing/autorenew".into(),
            domain_verification:
                "https://help.ovhcloud.com/csm/fr-documentation-web-cloud-microsoft-collaborative-solutions".into(),
        },
        countries: domain::countries().map(str::to_string).collect(),
        signatory_languages: domain::SIGNATORY_LANGUAGES.iter().map(|l| l.to_string()).collect(),
        termination_reasons: domain::TerminationReason::ALL.to_vec(),
        termination_future_uses: domain::TerminationFutureUse::ALL.to_vec(),
        termination_commentary_max: domain::COMMENTARY_MAX as u32,
        reminder_days_default: domain::REMINDER_DAYS_DEFAULT,
        reminder_days_max: *domain::REMINDER_DAYS.end(),
        free_seats_alert_max: *domain::FREE_SEATS_ALERT.end(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_the_window_offers_is_trusted() {
        let links = rules().links;
        for url in [
            links.microsoft_365_portal,
            links.remote_desktop_guide,
            links.microsoft_devices,
            links.payg_termination,
            links.domain_verification,
        ] {
            assert!(domain::trusted_url(&url).is_some(), "{url}");
        }
        for region in rules().regions {
            assert!(domain::trusted_url(&region.create_app_url).is_some(), "{}", region.create_app_url);
        }
    }

    #[test]
    fn business_groups_are_capped_and_enterprise_ones_are_not() {
        let offers = rules().offers;
        assert_eq!(offers[0].max_licences, Some(domain::BUSINESS_GROUP_MAX));
        assert_eq!(offers[1].max_licences, None);
        assert!(offers[1].apps.contains(&"Access".to_string()) && !offers[0].apps.contains(&"Access".to_string()));
    }
}
