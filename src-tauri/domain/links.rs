use url::Url;

/// The exact hosts Seatkeeper may send the user to, and why. Nothing else opens, not
/// even another host of the same domains.
const TRUSTED_HOSTS: &[&str] = &[
    // OVHcloud's purchase-order (payment) pages and control panels, per region.
    "www.ovh.com",
    "www.ovhcloud.com",
    "ca.ovh.com",
    "us.ovhcloud.com",
    // Where a new consumer key is allowed (the API's `validationUrl`), per region.
    "eu.api.ovh.com",
    "ca.api.ovh.com",
    "api.us.ovhcloud.com",
    // OVHcloud's guides.
    "docs.ovh.com",
    "help.ovhcloud.com",
    // Microsoft 365: installing Office, signing devices out.
    "portal.office.com",
    "account.microsoft.com",
];

/// Parses `raw` and keeps it only if it is an `https` address on a trusted host, with
/// no credentials and the default port.
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
    TRUSTED_HOSTS.contains(&host).then_some(url)
}

/// The Microsoft Customer Agreement page OVHcloud returned for a group
/// (`createAttestation`'s `attestationLink`). Its host is not known in advance, so it is
/// trusted this precisely and no more: only that exact link, which OVHcloud's signed API
/// answered and the store kept for that group — never a link typed or pasted — and only
/// as an `https` address on a named host, with no credentials and the default port.
pub fn attestation_url(raw: &str) -> Option<Url> {
    let url = Url::parse(raw.trim()).ok()?;
    let named_host = matches!(url.host(), Some(url::Host::Domain(h)) if h.contains('.'));
    let plain =
        url.scheme() == "https" && url.username().is_empty() && url.password().is_none() && url.port().is_none();
    (named_host && plain).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attestation_link_opens_only_as_plain_https() {
        assert!(attestation_url("https://mca.example.net/attestation/8f2a?lang=fr").is_some());
        for bad in [
            "http://mca.example.net/attestation/8f2a",
            "https://user:pw@mca.example.net/a",
            "https://mca.example.net:8443/a",
            "https://127.0.0.1/a",
            "https://localhost/a",
            "javascript:alert(1)",
            "file:///etc/passwd",
        ] {
            assert!(attestation_url(bad).is_none(), "{bad}");
        }
    }

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
            // Same domains, hosts Seatkeeper has no business sending anyone to.
            "https://login.live.com/",
            "https://files.ovh.net/",
            "https://phishing.ovh.com/",
            "https://anything.microsoft.com/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ovh.com",
            "",
        ] {
            assert!(trusted_url(bad).is_none(), "{bad}");
        }
    }
}
