use url::Url;

/// Sites Seatkeeper may send the user to: OVHcloud (control panel, orders, payment,
/// API consumer-key validation) and Microsoft (installs, device sign-out, docs).
const TRUSTED_DOMAINS: &[&str] = &[
    "ovh.com",
    "ovhcloud.com",
    "ovh.ca",
    "ovh.us",
    "ovh.net",
    "microsoft.com",
    "office.com",
    "microsoft365.com",
    "live.com",
];

/// Parses `raw` and keeps it only if it is an `https` address on a trusted domain (or
/// one of its subdomains), with no credentials and the default port.
pub fn trusted_url(raw: &str) -> Option<Url> {
    let url = Url::parse(raw.trim()).ok()?;
    if url.scheme() != "https" || !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return None;
    }
    let host = match url.host()? {
        url::Host::Domain(host) => host.to_ascii_lowercase(),
        _ => return None,
    };
    let host = host.trim_end_matches('.');
    let trusted = TRUSTED_DOMAINS
        .iter()
        .any(|d| host == *d || host.strip_suffix(d).is_some_and(|rest| rest.ends_with('.')));
    trusted.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ovhcloud_and_microsoft_pages_are_trusted() {
        for ok in [
            "https://portal.office.com/",
            "https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=1",
            "https://eu.api.ovh.com/auth/?credentialToken=abc",
            "https://ca.api.ovh.com/1.0",
            "https://account.microsoft.com/devices",
            "https://help.ovhcloud.com/csm/fr-documentation",
            "https://WWW.OVHCLOUD.COM/fr/",
        ] {
            assert!(trusted_url(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "http://portal.office.com/",
            "https://evilovh.com/",
            "https://ovh.com.evil.net/",
            "https://user:pw@www.ovh.com/",
            "https://www.ovh.com:8443/",
            "https://192.168.1.1/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ovh.com",
            "",
        ] {
            assert!(trusted_url(bad).is_none(), "{bad}");
        }
    }
}
