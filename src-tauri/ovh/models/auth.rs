//! `/auth`: consumer keys and their access rules (reference §6.2).

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use super::wire_enum;
use crate::secret::Secret;

wire_enum! {
    /// `auth.HTTPMethodEnum`.
    HttpMethod {
        Get = "GET",
        Post = "POST",
        Put = "PUT",
        Delete = "DELETE",
    }
}

wire_enum! {
    /// `auth.CredentialStateEnum`.
    CredentialState {
        Expired = "expired",
        PendingValidation = "pendingValidation",
        Refused = "refused",
        Validated = "validated",
    }
}

/// `auth.AccessRule` / `auth.AccessRuleRequest`: a method and a path, `*` a wildcard.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccessRule {
    pub method: HttpMethod,
    pub path: String,
}

impl AccessRule {
    pub fn new(method: HttpMethod, path: impl Into<String>) -> AccessRule {
        AccessRule { method, path: path.into() }
    }

    /// The rules Seatkeeper asks for: exactly the routes it calls — both licence
    /// families, the order cart (to place orders, never to pay them), following its
    /// orders, and its own credential. No payment route (`/me/order/*/pay`…), nothing
    /// of `/me` beyond the orders.
    pub fn seatkeeper() -> Vec<AccessRule> {
        use HttpMethod::*;
        let mut rules = Vec::new();
        for method in [Get, Post, Put, Delete] {
            for path in ["/license/office", "/license/office/*", "/license/officePrepaid", "/license/officePrepaid/*"] {
                rules.push(AccessRule::new(method.clone(), path));
            }
        }
        rules.push(AccessRule::new(Get, "/order/catalog/public/officePrepaid"));
        rules.push(AccessRule::new(Get, "/order/cart"));
        rules.push(AccessRule::new(Post, "/order/cart"));
        rules.push(AccessRule::new(Get, "/order/cart/*"));
        for path in [
            "/order/cart/*/assign",
            "/order/cart/*/officePrepaid",
            "/order/cart/*/item/*/configuration",
            "/order/cart/*/checkout",
        ] {
            rules.push(AccessRule::new(Post, path));
        }
        rules.push(AccessRule::new(Get, "/me/order"));
        rules.push(AccessRule::new(Get, "/me/order/*"));
        rules.push(AccessRule::new(Get, "/auth/currentCredential"));
        rules.push(AccessRule::new(Post, "/auth/logout"));
        rules
    }
}

/// Body of `POST /auth/credential` (`auth.ApiCredentialRequestParams`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialRequest {
    pub access_rules: Vec<AccessRule>,
    /// Where OVHcloud sends the user's browser after validation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirection: Option<String>,
    #[serde(rename = "allowedIPs", skip_serializing_if = "Option::is_none")]
    pub allowed_ips: Option<Vec<String>>,
}

/// Answer of `POST /auth/credential` (`auth.ApiCredentialRequest`): the new consumer key
/// is usable once the user has opened `validation_url` and logged in.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingCredential {
    #[serde(deserialize_with = "secret")]
    pub consumer_key: Secret,
    pub state: CredentialState,
    pub validation_url: String,
}

fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<Secret, D::Error> {
    String::deserialize(d).map(Secret::new)
}

/// `auth.ApiCredential` (`GET /auth/currentCredential`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    pub credential_id: i64,
    pub application_id: i64,
    pub status: CredentialState,
    #[serde(with = "time::serde::rfc3339")]
    pub creation: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expiration: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_use: Option<OffsetDateTime>,
    #[serde(default)]
    pub rules: Vec<AccessRule>,
    #[serde(default, rename = "allowedIPs")]
    pub allowed_ips: Option<Vec<String>>,
    #[serde(default)]
    pub ovh_support: bool,
}

#[cfg(test)]
mod rule_tests {
    use super::*;

    /// OVHcloud's rule syntax: `*` matches any run of characters, `/` included.
    fn matches(pattern: &str, path: &str) -> bool {
        match pattern.split_once('*') {
            None => pattern == path,
            Some((head, tail)) => {
                path.starts_with(head) && (0..=path.len() - head.len()).any(|i| matches(tail, &path[head.len() + i..]))
            }
        }
    }

    fn allows(rules: &[AccessRule], method: HttpMethod, path: &str) -> bool {
        rules.iter().any(|r| r.method == method && matches(&r.path, path))
    }

    #[test]
    fn seatkeeper_asks_for_no_payment_route_and_nothing_of_the_account_beyond_orders() {
        let rules = AccessRule::seatkeeper();
        for (method, path) in [
            (HttpMethod::Post, "/me/order/123/pay"),
            (HttpMethod::Post, "/me/order/123/payWithRegisteredPaymentMean"),
            (HttpMethod::Get, "/me/paymentMean"),
            (HttpMethod::Get, "/me/paymentMethod"),
            (HttpMethod::Get, "/me"),
            (HttpMethod::Put, "/me"),
            (HttpMethod::Delete, "/order/cart/abc"),
            (HttpMethod::Post, "/order/cart/abc/domain"),
        ] {
            assert!(!allows(&rules, method.clone(), path), "{method:?} {path} should not be granted");
        }
        for (method, path) in [
            (HttpMethod::Get, "/license/office/office1.o365.ovh.com/user"),
            (HttpMethod::Post, "/license/officePrepaid/office1.o365.ovh.com-1/changePassword"),
            (HttpMethod::Post, "/order/cart"),
            (HttpMethod::Post, "/order/cart/abc/checkout"),
            (HttpMethod::Get, "/order/cart/abc/item/5/configuration"),
            (HttpMethod::Get, "/me/order/123/status"),
            (HttpMethod::Post, "/auth/logout"),
        ] {
            assert!(allows(&rules, method.clone(), path), "{method:?} {path} is needed");
        }
    }
}
