//! The one error type of the OVHcloud client (reference §6.4).
//!
//! OVHcloud answers errors in two shapes — `{class, message, details}` from the API
//! itself and `{errorCode, httpCode, message}` from the authentication layer — and
//! both become an [`ApiError`] that keeps OVHcloud's `message` (shown to users as is)
//! and the `X-Ovh-QueryID` header (quoted to OVHcloud support). No secret ever enters
//! an error: requests are described by method and path only.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// What kind of failure an [`ApiError`] is; the sync engine branches on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// 400: a parameter was refused, or (with an `errorCode`) the signature or timestamp.
    BadRequest,
    /// 401: no credential was sent where one is needed.
    Unauthorized,
    /// 403: the application key or consumer key is unknown, invalid or not granted
    /// this call; see [`ApiError::error_code`].
    Forbidden,
    /// 404: the object does not exist (any more).
    NotFound,
    /// 409: the object exists already or is busy with another task.
    Conflict,
    /// 460: the service has expired.
    Expired,
    /// 429: throttled.
    RateLimited,
    /// 5xx.
    Server,
    /// Another non-success status.
    OtherStatus,
    /// No complete answer within the client's timeout.
    Timeout,
    /// The connection failed or was dropped before an answer.
    Connection,
    /// The answer was not the JSON expected (the call may have been applied).
    Malformed,
    /// The request was refused by the client before sending (a bad argument).
    InvalidRequest,
}

/// The `errorCode` of the authentication layer's error shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthErrorCode {
    InvalidSignature,
    InvalidCredential,
    NotCredential,
    InvalidKey,
    NotGrantedCall,
    QueryTimeOut,
    Forbidden,
    /// A code this client does not know yet, kept verbatim.
    Other(String),
}

impl AuthErrorCode {
    pub fn parse(code: &str) -> AuthErrorCode {
        match code {
            "INVALID_SIGNATURE" => AuthErrorCode::InvalidSignature,
            "INVALID_CREDENTIAL" => AuthErrorCode::InvalidCredential,
            "NOT_CREDENTIAL" => AuthErrorCode::NotCredential,
            "INVALID_KEY" => AuthErrorCode::InvalidKey,
            "NOT_GRANTED_CALL" => AuthErrorCode::NotGrantedCall,
            "QUERY_TIME_OUT" => AuthErrorCode::QueryTimeOut,
            "FORBIDDEN" => AuthErrorCode::Forbidden,
            other => AuthErrorCode::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            AuthErrorCode::InvalidSignature => "INVALID_SIGNATURE",
            AuthErrorCode::InvalidCredential => "INVALID_CREDENTIAL",
            AuthErrorCode::NotCredential => "NOT_CREDENTIAL",
            AuthErrorCode::InvalidKey => "INVALID_KEY",
            AuthErrorCode::NotGrantedCall => "NOT_GRANTED_CALL",
            AuthErrorCode::QueryTimeOut => "QUERY_TIME_OUT",
            AuthErrorCode::Forbidden => "FORBIDDEN",
            AuthErrorCode::Other(s) => s,
        }
    }

    /// Whether the consumer key itself is unusable, so the user must connect again.
    pub fn needs_new_credential(&self) -> bool {
        matches!(self, AuthErrorCode::InvalidCredential | AuthErrorCode::NotCredential)
    }
}

impl fmt::Display for AuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed OVHcloud API call. Boxed, so that `Result`s stay small.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct ApiError(Box<Detail>);

#[derive(Debug, Clone, thiserror::Error)]
#[error("{method} {path}: {message}{}", self.suffix())]
struct Detail {
    kind: ErrorKind,
    method: String,
    /// The API path, without the base URL; query strings are left out.
    path: String,
    idempotent: bool,
    status: Option<u16>,
    message: String,
    class: Option<String>,
    error_code: Option<AuthErrorCode>,
    details: Option<serde_json::Value>,
    query_id: Option<String>,
    retry_after: Option<Duration>,
}

/// Both error body shapes, read leniently.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    class: Option<String>,
    message: Option<String>,
    details: Option<serde_json::Value>,
    error_code: Option<String>,
}

impl ApiError {
    pub(crate) fn new(kind: ErrorKind, method: &str, path: &str, message: impl Into<String>) -> ApiError {
        ApiError(Box::new(Detail {
            kind,
            method: method.to_string(),
            path: path.to_string(),
            idempotent: method == "GET",
            status: None,
            message: message.into(),
            class: None,
            error_code: None,
            details: None,
            query_id: None,
            retry_after: None,
        }))
    }

    /// An error answer: classifies `status` and reads whichever body shape came back.
    pub(crate) fn from_response(
        method: &str,
        path: &str,
        status: u16,
        body: &[u8],
        query_id: Option<String>,
        retry_after: Option<Duration>,
    ) -> ApiError {
        let kind = match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            460 => ErrorKind::Expired,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::OtherStatus,
        };
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
        let message = parsed.message.filter(|m| !m.is_empty()).unwrap_or_else(|| format!("HTTP {status}"));
        let mut err = ApiError::new(kind, method, path, message);
        err.0.status = Some(status);
        err.0.class = parsed.class;
        err.0.details = parsed.details;
        err.0.error_code = parsed.error_code.as_deref().map(AuthErrorCode::parse);
        err.0.query_id = query_id;
        err.0.retry_after = retry_after;
        err
    }

    pub(crate) fn with_idempotent(mut self, idempotent: bool) -> ApiError {
        self.0.idempotent = idempotent;
        self
    }

    pub(crate) fn with_status(mut self, status: u16, query_id: Option<String>) -> ApiError {
        self.0.status = Some(status);
        self.0.query_id = query_id;
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// OVHcloud's own message (or the client's description for local failures).
    pub fn message(&self) -> &str {
        &self.0.message
    }

    pub fn status(&self) -> Option<u16> {
        self.0.status
    }

    /// The authentication layer's `errorCode` (`INVALID_SIGNATURE`, `NOT_CREDENTIAL`…).
    pub fn error_code(&self) -> Option<&AuthErrorCode> {
        self.0.error_code.as_ref()
    }

    /// The API's error `class` (`Client::NotFound`…).
    pub fn class(&self) -> Option<&str> {
        self.0.class.as_deref()
    }

    pub fn details(&self) -> Option<&serde_json::Value> {
        self.0.details.as_ref()
    }

    /// The `X-Ovh-QueryID` response header, to quote to OVHcloud support.
    pub fn query_id(&self) -> Option<&str> {
        self.0.query_id.as_deref()
    }

    /// The server's `Retry-After`, on a 429 or 503.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }

    pub fn method(&self) -> &str {
        &self.0.method
    }

    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// A transient failure (429, 5xx, timeout) that the same request may get past later.
    pub fn is_transient(&self) -> bool {
        matches!(self.0.kind, ErrorKind::RateLimited | ErrorKind::Server | ErrorKind::Timeout)
    }

    /// Whether sending the same request again is safe: the failure is transient and the
    /// request is a GET or was marked idempotent by its caller. The client retries
    /// these itself (up to its limit); a non-idempotent request is never resent blindly.
    pub fn is_retry_safe(&self) -> bool {
        self.is_transient() && self.0.idempotent
    }

    /// Whether the server may have carried the request out despite the error: false for
    /// refusals (4xx, which includes 429) and for requests refused before sending; true
    /// when the outcome is unknown (5xx, timeout, dropped connection) or the call
    /// succeeded but its answer was unreadable. The sync engine checks the server's
    /// state before sending a non-idempotent request again when this is true.
    pub fn may_have_been_applied(&self) -> bool {
        match self.0.kind {
            ErrorKind::Server | ErrorKind::Timeout | ErrorKind::Connection | ErrorKind::Malformed => true,
            ErrorKind::OtherStatus => self.0.status.is_none_or(|s| s >= 500),
            _ => false,
        }
    }

    /// The consumer key is unknown, expired or refused: the user must connect again.
    pub fn needs_new_credential(&self) -> bool {
        self.0.error_code.as_ref().is_some_and(AuthErrorCode::needs_new_credential)
            || self.0.kind == ErrorKind::Unauthorized
    }
}

impl Detail {
    fn suffix(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("HTTP {status}"));
        }
        if let Some(code) = &self.error_code {
            parts.push(code.to_string());
        }
        if let Some(q) = &self.query_id {
            parts.push(format!("query id {q}"));
        }
        if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_api_error_shape() {
        let body = br#"{"class":"Client::NotFound","message":"The requested object does not exist"}"#;
        let e = ApiError::from_response("GET", "/license/office/x", 404, body, Some("EU.q1".into()), None);
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.message(), "The requested object does not exist");
        assert_eq!(e.class(), Some("Client::NotFound"));
        assert_eq!(e.query_id(), Some("EU.q1"));
        assert!(!e.is_transient() && !e.may_have_been_applied());
        assert_eq!(
            e.to_string(),
            "GET /license/office/x: The requested object does not exist (HTTP 404, query id EU.q1)"
        );
    }

    #[test]
    fn reads_the_auth_error_shape() {
        let body = br#"{"errorCode":"INVALID_CREDENTIAL","httpCode":"403 Forbidden","message":"This credential is not valid"}"#;
        let e = ApiError::from_response("GET", "/me", 403, body, None, None);
        assert_eq!(e.kind(), ErrorKind::Forbidden);
        assert_eq!(e.error_code(), Some(&AuthErrorCode::InvalidCredential));
        assert!(e.needs_new_credential());
        let odd = ApiError::from_response("GET", "/me", 403, br#"{"errorCode":"NEW_THING","message":"m"}"#, None, None);
        assert_eq!(odd.error_code(), Some(&AuthErrorCode::Other("NEW_THING".into())));
    }

    #[test]
    fn retry_safety_depends_on_kind_and_idempotence() {
        let get = ApiError::from_response("GET", "/a", 503, b"<html>", None, None);
        assert_eq!(get.kind(), ErrorKind::Server);
        assert_eq!(get.message(), "HTTP 503");
        assert!(get.is_retry_safe());
        let post = ApiError::from_response("POST", "/a", 503, b"", None, None);
        assert!(post.is_transient() && !post.is_retry_safe() && post.may_have_been_applied());
        assert!(post.clone().with_idempotent(true).is_retry_safe());
        let limited = ApiError::from_response("POST", "/a", 429, b"{}", None, Some(Duration::from_secs(2)));
        assert!(!limited.may_have_been_applied());
        assert_eq!(limited.retry_after(), Some(Duration::from_secs(2)));
        let expired = ApiError::from_response("GET", "/a", 460, b"{\"message\":\"expired\"}", None, None);
        assert_eq!(expired.kind(), ErrorKind::Expired);
    }
}
