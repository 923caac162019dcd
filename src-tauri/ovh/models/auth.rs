//! `/auth`: consumer keys and their access rules (reference §6.2).

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use super::wire_enum;
use crate::secrets::Secret;

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
