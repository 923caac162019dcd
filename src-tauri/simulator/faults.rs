//! Faults the simulator can inject, per test: latency, 5xx, 429, hangs, malformed
//! JSON, answers missing fields, dropped connections — at a rate, or on the Nth
//! request of a route.

use std::time::Duration;

/// Faults applied to every request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Added before every answer.
    pub latency: Duration,
    /// The share of requests (0.0–1.0) answered `503` at random (seeded, so repeatable).
    pub server_error_rate: f64,
}

/// One way to fail a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Answer this status with an API error body (`500`, `502`, `503`…).
    Status(u16),
    /// `429` with `Retry-After: retry_after` seconds.
    TooManyRequests { retry_after: u64 },
    /// Never answer (until the simulator stops): the client's timeout fires.
    Hang,
    /// Carry the request out, then answer a truncated, unparsable JSON body.
    MalformedJson,
    /// Carry the request out, then answer its JSON without these fields (of the object
    /// answered, or of each object of a list): an answer in a shape the schema does not
    /// promise, as OVHcloud sometimes gives.
    OmitFields(Vec<String>),
    /// Close the connection without answering.
    DropConnection,
    /// Answer normally after a delay.
    Latency(Duration),
}

/// Fails requests matching `method` (any if `None`) and `path` (a pattern where `*`
/// matches anything, `/` included; the path is below `/1.0`, without the query),
/// from the `nth` matching request (1-based) for `times` requests.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    pub method: Option<String>,
    pub path: String,
    pub nth: u32,
    pub times: u32,
    pub fault: Fault,
}

impl FaultRule {
    /// Fails only the `nth` request matching `method` and `path`.
    pub fn nth(method: &str, path: &str, nth: u32, fault: Fault) -> FaultRule {
        FaultRule { method: Some(method.to_string()), path: path.to_string(), nth, times: 1, fault }
    }

    /// Fails every request matching `method` and `path`.
    pub fn always(method: &str, path: &str, fault: Fault) -> FaultRule {
        FaultRule { method: Some(method.to_string()), path: path.to_string(), nth: 1, times: u32::MAX, fault }
    }

    /// Fails `times` consecutive matching requests from the `nth`.
    pub fn times(mut self, times: u32) -> FaultRule {
        self.times = times;
        self
    }

    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method)) && path_matches(&self.path, path)
    }
}

/// Matches `path` against `pattern`, where `*` matches any run of characters; the rule
/// syntax of OVHcloud access rules (`/license/office/*`).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let (p, s) = (pattern.as_bytes(), path.as_bytes());
    let (mut pi, mut si) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while si < s.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if pi < p.len() && p[pi] == s[si] {
            pi += 1;
            si += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_like_access_rules() {
        assert!(path_matches("/license/office/*", "/license/office/x/user/a@b"));
        assert!(path_matches("/license/office", "/license/office"));
        assert!(!path_matches("/license/office", "/license/office/x"));
        assert!(!path_matches("/license/office/*", "/license/officePrepaid"));
        assert!(path_matches("/license/office*", "/license/officePrepaid/x-1"));
        assert!(path_matches("/license/office/*/user/*", "/license/office/t/user/a@t"));
        assert!(!path_matches("/license/office/*/user/*", "/license/office/t/domain"));
        assert!(path_matches("*", ""));
    }

    #[test]
    fn rules_match_method_and_path() {
        let rule = FaultRule::nth("get", "/me/order/*", 2, Fault::Status(500));
        assert!(rule.matches("GET", "/me/order/5"));
        assert!(!rule.matches("POST", "/me/order/5"));
    }
}
