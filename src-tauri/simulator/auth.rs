//! Authentication as OVHcloud does it: application key, consumer key, timestamp,
//! signature, then the consumer key's state and access rules.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::faults::path_matches;
use super::state::{CkState, CredentialRec, SimError, SimResult, State, body_object};
/// The signature OVHcloud expects (reference §6.3), computed on the server's side:
/// `"$1$" + sha1_hex(AS+CK+METHOD+URL+BODY+TIMESTAMP)` joined by `+`. Written apart
/// from the client's, so a mistake in one is caught by the other.
fn signature(
    application_secret: &str,
    consumer_key: &str,
    method: &str,
    url: &str,
    body: &[u8],
    timestamp: i64,
) -> String {
    use sha1::{Digest, Sha1};
    let head = format!("{application_secret}+{consumer_key}+{method}+{url}+");
    let digest = Sha1::new()
        .chain_update(head.as_bytes())
        .chain_update(body)
        .chain_update(format!("+{timestamp}").as_bytes())
        .finalize();
    format!("$1${}", hex::encode(digest))
}

/// Constant-time comparison: timing does not tell how much of a signature was right.
fn same_signature(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).map(|(x, y)| x ^ y).fold(0, |acc, d| acc | d) == 0
}

/// The server's UNIX time, with the configured skew.
pub fn server_time(state: &State) -> i64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    now + state.time_skew
}

/// How far a signed timestamp may be from the server's time.
const MAX_CLOCK_DRIFT: i64 = 180;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty())
}

fn invalid_key() -> SimError {
    SimError::auth(403, "INVALID_KEY", "This application key is invalid")
}

/// A request as signed: method, full URL, body.
pub struct Signed<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub api_path: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// Checks a signed request and answers the account it acts for.
pub fn authenticate(state: &mut State, req: &Signed<'_>) -> SimResult<String> {
    let ak = header(req.headers, "X-Ovh-Application").ok_or_else(invalid_key)?;
    let app = state.apps.get(ak).ok_or_else(invalid_key)?.clone();
    let Some(ck) = header(req.headers, "X-Ovh-Consumer") else {
        return Err(SimError::api(401, "Client::Unauthorized", "You must login first"));
    };
    let cred = match state.credentials.get(ck) {
        Some(c) if c.application_key == ak => c.clone(),
        _ => return Err(SimError::auth(403, "NOT_CREDENTIAL", "This credential does not exist")),
    };
    let ts: i64 = header(req.headers, "X-Ovh-Timestamp")
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| SimError::auth(400, "INVALID_SIGNATURE", "Invalid signature"))?;
    if (ts - server_time(state)).abs() > MAX_CLOCK_DRIFT {
        return Err(SimError::auth(400, "QUERY_TIME_OUT", "Query out of time"));
    }
    let sent = header(req.headers, "X-Ovh-Signature").unwrap_or_default();
    let expected = signature(&app.secret, ck, req.method, req.url, req.body, ts);
    if !same_signature(sent, &expected) {
        return Err(SimError::auth(400, "INVALID_SIGNATURE", "Invalid signature"));
    }
    if cred.state != CkState::Validated {
        return Err(SimError::auth(403, "INVALID_CREDENTIAL", "This credential is not valid"));
    }
    let always_allowed = matches!(req.api_path, "/auth/currentCredential" | "/auth/logout" | "/auth/details");
    if !always_allowed && !granted(&cred, req.method, req.api_path) {
        return Err(SimError::auth(403, "NOT_GRANTED_CALL", "This call has not been granted"));
    }
    let now = state.now();
    if let Some(c) = state.credentials.get_mut(ck) {
        c.last_use = Some(now);
    }
    Ok(cred.account)
}

fn granted(cred: &CredentialRec, method: &str, path: &str) -> bool {
    cred.rules.iter().any(|(m, p)| m.eq_ignore_ascii_case(method) && path_matches(p, path))
}

/// `POST /auth/credential`: a new consumer key awaiting validation.
pub fn request_credential(state: &mut State, headers: &HeaderMap, body: &[u8]) -> SimResult {
    let ak = header(headers, "X-Ovh-Application").ok_or_else(invalid_key)?.to_string();
    if !state.apps.contains_key(&ak) {
        return Err(invalid_key());
    }
    let map = body_object(body)?;
    if let Some(k) = map.keys().find(|k| !["accessRules", "allowedIPs", "redirection"].contains(&k.as_str())) {
        return Err(SimError::bad_request(format!("Unknown parameter: {k}")));
    }
    let Some(Value::Array(rules)) = map.get("accessRules") else {
        return Err(SimError::bad_request("Missing parameter: accessRules"));
    };
    let mut parsed = Vec::new();
    for rule in rules {
        let method = rule.get("method").and_then(Value::as_str).unwrap_or_default();
        let path = rule.get("path").and_then(Value::as_str).unwrap_or_default();
        if !["GET", "POST", "PUT", "DELETE"].contains(&method) || !path.starts_with('/') {
            return Err(SimError::bad_request(format!("Invalid access rule {rule}")));
        }
        parsed.push((method.to_string(), path.to_string()));
    }
    let id = state.next_id();
    let consumer_key = format!("{:016x}{:016x}", state.rng.u64(..), state.rng.u64(..));
    let token = format!("{:016x}", state.rng.u64(..));
    let creation = state.now();
    state.credentials.insert(
        consumer_key.clone(),
        CredentialRec {
            id,
            application_key: ak,
            account: String::new(),
            state: CkState::PendingValidation,
            rules: parsed,
            creation,
            last_use: None,
        },
    );
    let validation_url = format!("{}/auth/?credentialToken={token}", state.base_url.trim_end_matches("/1.0"));
    Ok(json!({ "consumerKey": consumer_key, "state": "pendingValidation", "validationUrl": validation_url }))
}

/// `GET /auth/currentCredential` (`auth.ApiCredential`).
pub fn current_credential(state: &State, headers: &HeaderMap) -> SimResult {
    let ck = header(headers, "X-Ovh-Consumer").unwrap_or_default();
    let c = state
        .credentials
        .get(ck)
        .ok_or_else(|| SimError::auth(403, "NOT_CREDENTIAL", "This credential does not exist"))?;
    let app_id = state.apps.get(&c.application_key).map_or(0, |a| a.id);
    Ok(json!({
        "allowedIPs": null,
        "applicationId": app_id,
        "creation": super::json::datetime(c.creation),
        "credentialId": c.id,
        "expiration": null,
        "lastUse": c.last_use.map(super::json::datetime),
        "ovhSupport": false,
        "rules": c.rules.iter().map(|(m, p)| json!({ "method": m, "path": p })).collect::<Vec<_>>(),
        "status": c.state.wire(),
    }))
}

/// `POST /auth/logout`: the consumer key expires.
pub fn logout(state: &mut State, headers: &HeaderMap) -> SimResult {
    let ck = header(headers, "X-Ovh-Consumer").unwrap_or_default().to_string();
    if let Some(c) = state.credentials.get_mut(&ck) {
        c.state = CkState::Expired;
    }
    Ok(Value::Null)
}
