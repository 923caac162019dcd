//! Which OVHcloud API a client talks to (reference §6.1).

use std::fmt;
use std::str::FromStr;

/// The generation of wire models a region serves (reference §2.1). The JSON of the
/// shared fields is the same; what differs for the client is the usage-statistics
/// query (`date` and required on `Classic`, optional `datetime` on `Native`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// EU since 2024: the `*Native` models.
    Native,
    /// CA and US (and EU before 2024): `OfficeTenant`, `OfficeUser`, `OfficeTask`, `Statistics`.
    Classic,
}

/// An OVHcloud API v1 endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `ovh-eu`: <https://eu.api.ovh.com/1.0>
    Eu,
    /// `ovh-ca`: <https://ca.api.ovh.com/1.0>
    Ca,
    /// `ovh-us`: <https://api.us.ovhcloud.com/1.0>
    Us,
    /// Any other base URL, such as the simulator's `http://127.0.0.1:PORT/1.0`.
    /// Stored without a trailing slash.
    Custom(String),
}

impl Endpoint {
    /// The base URL every path is appended to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Endpoint::Eu => "https://eu.api.ovh.com/1.0",
            Endpoint::Ca => "https://ca.api.ovh.com/1.0",
            Endpoint::Us => "https://api.us.ovhcloud.com/1.0",
            Endpoint::Custom(url) => url,
        }
    }

    /// The short name OVHcloud's SDKs use (`ovh-eu`…), or the URL for a custom endpoint.
    pub fn name(&self) -> &str {
        match self {
            Endpoint::Eu => "ovh-eu",
            Endpoint::Ca => "ovh-ca",
            Endpoint::Us => "ovh-us",
            Endpoint::Custom(url) => url,
        }
    }

    /// Where the region's application keys are created (none for a custom endpoint).
    pub fn create_app_url(&self) -> Option<String> {
        match self {
            Endpoint::Custom(_) => None,
            known => Some(format!("{}/createApp/", known.base_url().trim_end_matches("/1.0"))),
        }
    }

    /// The three regions, in the order they are offered.
    pub const REGIONS: [Endpoint; 3] = [Endpoint::Eu, Endpoint::Ca, Endpoint::Us];

    /// The OVHcloud subsidiary its orders and catalog go to (`order.cart.Creation`'s
    /// `ovhSubsidiary`). The only place this mapping lives.
    pub fn subsidiary(&self) -> &'static str {
        match self {
            Endpoint::Ca => "CA",
            Endpoint::Us => "US",
            Endpoint::Eu | Endpoint::Custom(_) => "FR",
        }
    }

    /// The model generation this endpoint serves; custom endpoints are assumed current.
    pub fn generation(&self) -> Generation {
        match self {
            Endpoint::Eu | Endpoint::Custom(_) => Generation::Native,
            Endpoint::Ca | Endpoint::Us => Generation::Classic,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a string is not an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown OVHcloud endpoint {0:?}: expected ovh-eu, ovh-ca, ovh-us or an https URL (http only on this computer)"
)]
pub struct BadEndpoint(pub String);

impl FromStr for Endpoint {
    type Err = BadEndpoint;

    /// Accepts `ovh-eu`, `ovh-ca`, `ovh-us` (case-insensitive), one of their base URLs,
    /// or any `https://` URL with a host. Plain `http://` only for this computer
    /// (`127.0.0.1`, `::1`, `localhost`: the simulator): keys and signatures never cross
    /// a network in clear text.
    fn from_str(s: &str) -> Result<Endpoint, BadEndpoint> {
        let trimmed = s.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            "ovh-eu" => return Ok(Endpoint::Eu),
            "ovh-ca" => return Ok(Endpoint::Ca),
            "ovh-us" => return Ok(Endpoint::Us),
            _ => {}
        }
        let base = trimmed.trim_end_matches('/');
        for known in [Endpoint::Eu, Endpoint::Ca, Endpoint::Us] {
            if base == known.base_url() {
                return Ok(known);
            }
        }
        match url::Url::parse(base) {
            Ok(u)
                if u.host().is_some()
                    && u.query().is_none()
                    && (u.scheme() == "https" || (u.scheme() == "http" && is_loopback(&u))) =>
            {
                Ok(Endpoint::Custom(base.to_string()))
            }
            _ => Err(BadEndpoint(s.to_string())),
        }
    }
}

fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_urls_round_trip() {
        for e in [Endpoint::Eu, Endpoint::Ca, Endpoint::Us] {
            assert_eq!(e.to_string().parse::<Endpoint>().unwrap(), e);
            assert_eq!(e.base_url().parse::<Endpoint>().unwrap(), e);
        }
        assert_eq!("OVH-EU".parse::<Endpoint>().unwrap().base_url(), "https://eu.api.ovh.com/1.0");
        assert_eq!("https://api.us.ovhcloud.com/1.0/".parse::<Endpoint>().unwrap(), Endpoint::Us);
    }

    #[test]
    fn custom_urls_are_kept_without_trailing_slash() {
        let e: Endpoint = "http://127.0.0.1:8080/1.0/".parse().unwrap();
        assert_eq!(e, Endpoint::Custom("http://127.0.0.1:8080/1.0".into()));
        assert_eq!(e.to_string(), "http://127.0.0.1:8080/1.0");
        assert_eq!(e.generation(), Generation::Native);
        assert_eq!(Endpoint::Ca.generation(), Generation::Classic);
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "ovh-xx", "ftp://x/1.0", "eu.api.ovh.com", "http://x/1.0?a=b"] {
            assert!(bad.parse::<Endpoint>().is_err(), "{bad}");
        }
    }

    #[test]
    fn plain_http_only_on_this_computer() {
        for bad in ["http://api.example.com/1.0", "http://192.168.1.10:8080/1.0", "http://127.0.0.1.example.com/1.0"] {
            assert!(bad.parse::<Endpoint>().is_err(), "{bad}");
        }
        for good in
            ["https://api.example.com/1.0", "http://127.0.0.1:8080/1.0", "http://[::1]:9/1.0", "http://localhost:1/1.0"]
        {
            assert!(good.parse::<Endpoint>().is_ok(), "{good}");
        }
    }

    #[test]
    fn subsidiaries_follow_the_region() {
        assert_eq!(
            (Endpoint::Eu.subsidiary(), Endpoint::Ca.subsidiary(), Endpoint::Us.subsidiary()),
            ("FR", "CA", "US")
        );
    }
}
