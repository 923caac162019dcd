//! The signed HTTP core: time offset, signing, throttling, retries, paging, fan-out.
//! The typed routes live beside it (`auth.rs`, `office.rs`, `prepaid.rs`, `order.rs`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::stream::{self, StreamExt, TryStreamExt};
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::{OnceCell, Semaphore};

use super::endpoint::{Endpoint, Generation};
use super::error::{ApiError, ErrorKind};
use super::limiter::{RateLimit, RateLimiter};
use super::sign::signature;
use crate::secret::Secret;

/// The header that asks OVHcloud for full objects instead of ids (reference §6.6).
pub const PAGINATION_MODE: &str = "X-Pagination-Mode";
/// Its only value in use.
pub const PAGINATION_MODE_PAGES: &str = "CachedObjectList-Pages";
/// Objects per page, asked by the client.
pub const PAGINATION_SIZE: &str = "X-Pagination-Size";
/// The 1-based page number, asked by the client.
pub const PAGINATION_NUMBER: &str = "X-Pagination-Number";
/// Answered by the server: the number of objects in the whole list.
pub const PAGINATION_ELEMENTS: &str = "X-Pagination-Elements";
/// Answered by the server: the number of pages.
pub const PAGINATION_TOTAL: &str = "X-Pagination-Total";
/// Answered by OVHcloud with every response; quoted to support.
pub const QUERY_ID: &str = "X-Ovh-QueryID";

/// How often and how patiently a failed request is sent again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The first backoff; each next one doubles, with jitter.
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 4, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30) }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1`: exponential with jitter (half to full),
    /// never less than the server's `Retry-After`, never more than `max_delay`.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let capped = exp.min(self.max_delay);
        let jittered = capped.mul_f64(0.5 + fastrand::f64() * 0.5);
        jittered.max(retry_after.unwrap_or_default()).min(self.max_delay.max(retry_after.unwrap_or_default()))
    }
}

/// Everything a [`Client`] needs. Secrets stay in [`Secret`]s; `Debug` redacts them.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub endpoint: Endpoint,
    pub application_key: String,
    pub application_secret: Secret,
    /// `None` until the user has validated a consumer key (see `request_credential`).
    pub consumer_key: Option<Secret>,
    /// Defaults to the endpoint's generation.
    pub generation: Option<Generation>,
    /// For one attempt of one request, answer included.
    pub timeout: Duration,
    pub rate_limit: RateLimit,
    pub retry: RetryPolicy,
    /// Most requests in flight at once, fan-out included.
    pub max_concurrency: usize,
    /// Objects asked per page with `X-Pagination-Mode`.
    pub page_size: u32,
}

impl ClientConfig {
    /// A configuration with OVHcloud's fair-use limits and default retries.
    pub fn new(endpoint: Endpoint, application_key: impl Into<String>, application_secret: Secret) -> ClientConfig {
        ClientConfig {
            endpoint,
            application_key: application_key.into(),
            application_secret,
            consumer_key: None,
            generation: None,
            timeout: Duration::from_secs(30),
            rate_limit: RateLimit::default(),
            retry: RetryPolicy::default(),
            max_concurrency: 4,
            page_size: 1000,
        }
    }

    pub fn with_consumer_key(mut self, consumer_key: Secret) -> ClientConfig {
        self.consumer_key = Some(consumer_key);
        self
    }
}

/// An OVHcloud API v1 client. Cheap to clone; clones share the time offset, the rate
/// limiter and the concurrency bound.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    endpoint: Endpoint,
    generation: Generation,
    application_key: String,
    application_secret: Secret,
    consumer_key: RwLock<Option<Secret>>,
    retry: RetryPolicy,
    page_size: u32,
    max_concurrency: usize,
    limiter: RateLimiter,
    in_flight: Semaphore,
    /// Server time minus local time, in seconds; measured once.
    time_offset: OnceCell<i64>,
    /// Set when the server refused `X-Pagination-Mode` once: later lists go per object.
    paging_refused: AtomicBool,
}

/// One request, before signing.
#[derive(Debug, Clone)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    authenticated: bool,
    idempotent: bool,
    headers: Vec<(&'static str, String)>,
}

impl Request {
    /// A request to `path` (below the base URL, starting with `/`). Build paths with
    /// [`path_segment`] for values. GETs are idempotent; others are not unless marked.
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        let idempotent = method == Method::GET;
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            authenticated: true,
            idempotent,
            headers: Vec::new(),
        }
    }

    pub fn get(path: impl Into<String>) -> Request {
        Request::new(Method::GET, path)
    }

    pub fn query(mut self, name: &str, value: impl Into<String>) -> Request {
        self.query.push((name.to_string(), value.into()));
        self
    }

    /// The JSON body, serialized compactly once: these exact bytes are signed and sent.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Request {
        self.body = Some(serde_json::to_vec(body).expect("wire models serialize"));
        self
    }

    /// A body given as the exact bytes to sign and send (a planned request's preview).
    pub fn raw_json(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = Some(body.into());
        self
    }

    /// Marks the request safe to send twice, so transient failures are retried.
    pub fn idempotent(mut self, idempotent: bool) -> Request {
        self.idempotent = idempotent;
        self
    }

    /// Sends the request without a signature (`/auth/time`, `/auth/credential`).
    pub fn unauthenticated(mut self) -> Request {
        self.authenticated = false;
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Request {
        self.headers.push((name, value.into()));
        self
    }
}

/// A successful answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Percent-encodes one path segment (an e-mail, a service name). `@` and `:` stay as
/// they are, as the control panel sends them.
pub fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~@:!$&'()*+,;=".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, ApiError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("Seatkeeper/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::new(ErrorKind::InvalidRequest, "-", "-", format!("HTTP client: {e}")))?;
        let generation = config.generation.unwrap_or_else(|| config.endpoint.generation());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                generation,
                endpoint: config.endpoint,
                application_key: config.application_key,
                application_secret: config.application_secret,
                consumer_key: RwLock::new(config.consumer_key),
                retry: config.retry,
                page_size: config.page_size.max(1),
                max_concurrency: config.max_concurrency.max(1),
                limiter: RateLimiter::new(config.rate_limit),
                in_flight: Semaphore::new(config.max_concurrency.max(1)),
                time_offset: OnceCell::new(),
                paging_refused: AtomicBool::new(false),
            }),
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    pub fn generation(&self) -> Generation {
        self.inner.generation
    }

    /// How much longer a request waits for OVHcloud's rate limit, if one is waiting.
    pub fn rate_wait(&self) -> Option<Duration> {
        self.inner.limiter.blocked_for()
    }

    pub fn max_concurrency(&self) -> usize {
        self.inner.max_concurrency
    }

    /// Replaces the consumer key, e.g. once the user has validated a new one.
    pub fn set_consumer_key(&self, consumer_key: Option<Secret>) {
        *self.inner.consumer_key.write().unwrap_or_else(|p| p.into_inner()) = consumer_key;
    }

    pub fn has_consumer_key(&self) -> bool {
        self.inner.consumer_key.read().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// Server time minus local time in seconds, from `GET /auth/time`, measured on first
    /// use and then reused for every signature of this client.
    pub async fn time_offset(&self) -> Result<i64, ApiError> {
        self.inner
            .time_offset
            .get_or_try_init(|| async {
                let before = now_unix();
                let request = Request::get("/auth/time").unauthenticated();
                let answer = self.send_attempts(&request, None).await?;
                let server: i64 = parse(&answer, "GET", "/auth/time")?;
                Ok(server - before)
            })
            .await
            .copied()
    }

    /// Sends a request (throttled, retried when safe) and parses its JSON answer.
    pub async fn call<T: DeserializeOwned>(&self, request: Request) -> Result<T, ApiError> {
        let (method, path) = (request.method.clone(), request.path.clone());
        let answer = self.send(request).await?;
        parse(&answer, method.as_str(), &path)
    }

    /// Sends a request whose operation returns `void`.
    pub async fn call_void(&self, request: Request) -> Result<(), ApiError> {
        self.send(request).await.map(|_| ())
    }

    /// Sends a request, throttled and bounded, retrying transient failures of safe
    /// requests with exponential backoff; answers 2xx only.
    pub async fn send(&self, request: Request) -> Result<Answer, ApiError> {
        let offset = if request.authenticated { Some(self.time_offset().await?) } else { None };
        self.send_attempts(&request, offset).await
    }

    /// The retry loop; `offset` is the server time offset for signed requests.
    async fn send_attempts(&self, request: &Request, offset: Option<i64>) -> Result<Answer, ApiError> {
        let max_attempts = self.inner.retry.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            let result = self.send_once(request, offset).await;
            match result {
                // A server asking for a longer wait than the client ever sleeps gets the
                // error back at once: the caller gives up this sync and says when it
                // will try again, instead of holding everything for an hour.
                Err(e) if e.retry_after().is_some_and(|wait| wait > self.inner.retry.max_delay) => return Err(e),
                Err(e) if e.is_retry_safe() && attempt < max_attempts => {
                    tokio::time::sleep(self.inner.retry.delay(attempt, e.retry_after())).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn send_once(&self, request: &Request, offset: Option<i64>) -> Result<Answer, ApiError> {
        let method = request.method.as_str();
        let fail = |kind, message: String| {
            ApiError::new(kind, method, &request.path, message).with_idempotent(request.idempotent)
        };
        // Wait for a turn first, so the timestamp is fresh when the request leaves.
        self.inner.limiter.acquire().await;
        let _permit = self.inner.in_flight.acquire().await.expect("the semaphore is never closed");
        let timestamp = offset.map(|offset| now_unix() + offset);

        let mut url = url::Url::parse(&format!("{}{}", self.inner.endpoint.base_url(), request.path))
            .map_err(|e| fail(ErrorKind::InvalidRequest, format!("bad URL: {e}")))?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.iter());
        }
        let body = request.body.clone().unwrap_or_default();

        let mut headers = HeaderMap::new();
        headers.insert("Accept", HeaderValue::from_static("application/json"));
        let ak = HeaderValue::from_str(&self.inner.application_key)
            .map_err(|_| fail(ErrorKind::InvalidRequest, "the application key is not a valid header".into()))?;
        headers.insert("X-Ovh-Application", ak);
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json;charset=utf-8"));
        }
        if let Some(ts) = timestamp {
            let ck = self.inner.consumer_key.read().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| {
                fail(ErrorKind::Unauthorized, "no consumer key: connect the OVHcloud account first".into())
            })?;
            let sig = signature(self.inner.application_secret.expose(), ck.expose(), method, url.as_str(), &body, ts);
            let ck_value = HeaderValue::from_str(ck.expose())
                .map_err(|_| fail(ErrorKind::InvalidRequest, "the consumer key is not a valid header".into()))?;
            headers.insert("X-Ovh-Consumer", ck_value);
            headers.insert("X-Ovh-Timestamp", HeaderValue::from(ts));
            headers.insert("X-Ovh-Signature", HeaderValue::from_str(&sig).expect("hex is a valid header"));
        }
        for (name, value) in &request.headers {
            let value = HeaderValue::from_str(value)
                .map_err(|_| fail(ErrorKind::InvalidRequest, format!("bad value for {name}")))?;
            headers.insert(*name, value);
        }

        let mut builder = self.inner.http.request(request.method.clone(), url).headers(headers);
        if request.body.is_some() {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| fail(transport_kind(&e), transport_message(&e)))?;
        let status = response.status();
        let headers = response.headers().clone();
        let query_id = headers.get(QUERY_ID).and_then(|v| v.to_str().ok()).map(str::to_string);
        // The path and the status only: never a header, a query or a body.
        tracing::debug!(method, path = %request.path, status = status.as_u16(), query_id = ?query_id, "OVHcloud answered");
        let bytes = response.bytes().await.map_err(|e| {
            fail(transport_kind(&e), transport_message(&e)).with_status(status.as_u16(), query_id.clone())
        })?;
        if status.is_success() {
            return Ok(Answer { status: status.as_u16(), headers, body: bytes.to_vec() });
        }
        let retry_after = headers
            .get("Retry-After")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        Err(ApiError::from_response(method, &request.path, status.as_u16(), &bytes, query_id, retry_after)
            .with_idempotent(request.idempotent))
    }

    /// Lists objects in as few calls as the server allows: full objects page by page
    /// with `X-Pagination-Mode: CachedObjectList-Pages`, or, when the server refuses the
    /// header (answers ids, or an error), the ids and then one GET per object, at most
    /// `max_concurrency` at a time. `keep` filters ids before they are fetched, and
    /// objects read from pages by the same id (`id_of`).
    pub async fn list_objects<T, F, K, I>(
        &self,
        list: Request,
        object_path: F,
        keep: K,
        id_of: I,
    ) -> Result<Vec<T>, ApiError>
    where
        T: DeserializeOwned + Send + 'static,
        F: Fn(&str) -> String,
        K: Fn(&str) -> bool,
        I: Fn(&T) -> String,
    {
        let mut ids: Option<Vec<String>> = None;
        if !self.inner.paging_refused.load(Ordering::Relaxed) {
            match self.list_pages::<T>(&list).await {
                Ok(Paged::Objects(objects)) => {
                    return Ok(objects.into_iter().filter(|o| keep(&id_of(o))).collect());
                }
                Ok(Paged::Ids(found)) => {
                    self.inner.paging_refused.store(true, Ordering::Relaxed);
                    ids = Some(found);
                }
                Err(e)
                    if matches!(e.kind(), ErrorKind::BadRequest | ErrorKind::OtherStatus | ErrorKind::Malformed)
                        && e.error_code().is_none() =>
                {
                    self.inner.paging_refused.store(true, Ordering::Relaxed);
                }
                Err(e) => return Err(e),
            }
        }
        let ids = match ids {
            Some(ids) => ids,
            None => self.call::<Vec<IdValue>>(list.clone()).await?.into_iter().map(IdValue::into_string).collect(),
        };
        let wanted: Vec<String> = ids.into_iter().filter(|id| keep(id)).collect();
        self.fan_out(wanted.iter().map(|id| Request::get(object_path(id))).collect()).await
    }

    /// Runs GETs with at most `max_concurrency` in flight; answers in request order.
    pub async fn fan_out<T: DeserializeOwned + Send + 'static>(
        &self,
        requests: Vec<Request>,
    ) -> Result<Vec<T>, ApiError> {
        stream::iter(requests.into_iter().map(|r| {
            let client = self.clone();
            async move { client.call::<T>(r).await }
        }))
        .buffered(self.inner.max_concurrency)
        .try_collect()
        .await
    }

    async fn list_pages<T: DeserializeOwned>(&self, list: &Request) -> Result<Paged<T>, ApiError> {
        let size = self.inner.page_size;
        let mut objects = Vec::new();
        for number in 1u32.. {
            let request = list
                .clone()
                .header(PAGINATION_MODE, PAGINATION_MODE_PAGES)
                .header(PAGINATION_SIZE, size.to_string())
                .header(PAGINATION_NUMBER, number.to_string());
            let answer = self.send(request).await?;
            let page: Vec<serde_json::Value> = parse(&answer, "GET", &list.path)?;
            if page.iter().any(|v| v.is_string() || v.is_number()) {
                // The header was ignored: this is the plain list of ids.
                return Ok(Paged::Ids(page.into_iter().map(|v| IdValue::from_json(v).into_string()).collect()));
            }
            let count = page.len();
            for value in page {
                let object = serde_json::from_value(value).map_err(|e| {
                    ApiError::new(ErrorKind::Malformed, "GET", &list.path, format!("unexpected object in page: {e}"))
                        .with_status(answer.status, answer.header(QUERY_ID).map(str::to_string))
                })?;
                objects.push(object);
            }
            let total: Option<usize> = answer.header(PAGINATION_ELEMENTS).and_then(|v| v.parse().ok());
            let pages: Option<u32> = answer.header(PAGINATION_TOTAL).and_then(|v| v.parse().ok());
            let done = count < size as usize
                || total.is_some_and(|t| objects.len() >= t)
                || pages.is_some_and(|p| number >= p);
            if done || number >= 100_000 {
                break;
            }
        }
        Ok(Paged::Objects(objects))
    }
}

enum Paged<T> {
    Objects(Vec<T>),
    Ids(Vec<String>),
}

/// A list element that is an id: `string[]` or `long[]`.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(i64),
}

impl IdValue {
    fn into_string(self) -> String {
        match self {
            IdValue::Text(s) => s,
            IdValue::Number(n) => n.to_string(),
        }
    }

    fn from_json(v: serde_json::Value) -> IdValue {
        match v {
            serde_json::Value::String(s) => IdValue::Text(s),
            serde_json::Value::Number(n) => IdValue::Number(n.as_i64().unwrap_or_default()),
            other => IdValue::Text(other.to_string()),
        }
    }
}

/// Parses a JSON answer; `void` operations accept an empty body as `()` or `null`.
fn parse<T: DeserializeOwned>(answer: &Answer, method: &str, path: &str) -> Result<T, ApiError> {
    let body: &[u8] = if answer.body.iter().all(u8::is_ascii_whitespace) { b"null" } else { &answer.body };
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(ErrorKind::Malformed, method, path, format!("unreadable answer: {e}"))
            .with_status(answer.status, answer.header(QUERY_ID).map(str::to_string))
    })
}

fn transport_kind(e: &reqwest::Error) -> ErrorKind {
    if e.is_timeout() { ErrorKind::Timeout } else { ErrorKind::Connection }
}

/// Describes a transport failure; reqwest's text has the URL, which holds no secret.
fn transport_message(e: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut text = if e.is_timeout() { "no answer in time".to_string() } else { "connection failed".to_string() };
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_keep_at_signs_and_encode_the_rest() {
        assert_eq!(path_segment("jane.doe@office529.o365.ovh.com"), "jane.doe@office529.o365.ovh.com");
        assert_eq!(path_segment("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
        assert_eq!(path_segment("é"), "%C3%A9");
    }

    #[test]
    fn backoff_grows_is_capped_and_honours_retry_after() {
        let p =
            RetryPolicy { max_attempts: 5, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(1) };
        for _ in 0..50 {
            let d1 = p.delay(1, None);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100), "{d1:?}");
            let d3 = p.delay(3, None);
            assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400), "{d3:?}");
            assert!(p.delay(30, None) <= Duration::from_secs(1));
            assert!(p.delay(1, Some(Duration::from_secs(2))) >= Duration::from_secs(2));
        }
    }

    #[test]
    fn config_debug_redacts_secrets() {
        let config = ClientConfig::new(Endpoint::Eu, "ak", Secret::new("the-app-secret"))
            .with_consumer_key(Secret::new("the-consumer-key"));
        let text = format!("{config:?}");
        assert!(!text.contains("the-app-secret") && !text.contains("the-consumer-key"), "{text}");
    }
}
