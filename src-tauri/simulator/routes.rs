//! The HTTP side: routes, the request extractor, paging, faults and the request log.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Path, Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use super::auth::{self, Signed};
use super::faults::Fault;
use super::state::{Exchange, PagingSupport, SimError, SimResult, State};
use super::{ConnectionKiller, Sim};

type S = AxumState<Sim>;

/// A request, read whole: what handlers and the signature check need.
pub struct Call {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    query: BTreeMap<String, String>,
}

impl<St: Send + Sync> FromRequest<St> for Call {
    type Rejection = Response;

    async fn from_request(req: Request, _state: &St) -> Result<Call, Response> {
        let (parts, body) = req.into_parts();
        let body = axum::body::to_bytes(body, 16 << 20)
            .await
            .map_err(|_| error_response(&SimError::bad_request("Unreadable body")))?;
        let query = parts
            .uri
            .query()
            .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        Ok(Call { method: parts.method, uri: parts.uri, headers: parts.headers, body, query })
    }
}

impl Call {
    fn api_path(&self) -> &str {
        self.uri.path().strip_prefix("/1.0").unwrap_or(self.uri.path())
    }
}

fn json_response(status: u16, body: &Value) -> Response {
    let mut response = (StatusCode::from_u16(status).unwrap_or(StatusCode::OK), body.to_string()).into_response();
    response.headers_mut().insert("Content-Type", HeaderValue::from_static("application/json; charset=utf-8"));
    response
}

fn error_response(e: &SimError) -> Response {
    json_response(e.status, &e.body)
}

fn answer(result: SimResult) -> Response {
    match result {
        Ok(v) => json_response(200, &v),
        Err(e) => error_response(&e),
    }
}

impl Sim {
    fn verify(&self, state: &mut State, call: &Call) -> SimResult<String> {
        let url = format!("{}{}", self.origin, call.uri.path_and_query().map_or("", |p| p.as_str()));
        let signed = Signed {
            method: call.method.as_str(),
            url: &url,
            api_path: call.api_path(),
            headers: &call.headers,
            body: &call.body,
        };
        auth::authenticate(state, &signed)
    }

    /// Runs `f` for an authenticated call.
    fn authed(&self, call: &Call, f: impl FnOnce(&mut State, &str) -> SimResult) -> Response {
        let mut state = self.lock();
        state.settle();
        let result = self.verify(&mut state, call).and_then(|account| f(&mut state, &account));
        answer(result)
    }

    /// Runs `f` for a route that also works without authentication (if the call is
    /// signed, the signature must be right).
    fn open(&self, call: &Call, f: impl FnOnce(&mut State, Option<&str>) -> SimResult) -> Response {
        let mut state = self.lock();
        state.settle();
        let account = if call.headers.contains_key("X-Ovh-Consumer") {
            match self.verify(&mut state, call) {
                Ok(a) => Some(a),
                Err(e) => return error_response(&e),
            }
        } else {
            None
        };
        answer(f(&mut state, account.as_deref()))
    }

    /// A list route: ids, or with `X-Pagination-Mode: CachedObjectList-Pages`, a page of
    /// full objects (reference §6.6).
    fn authed_list(
        &self,
        call: &Call,
        f: impl FnOnce(&mut State, &str) -> SimResult<Vec<(String, Value)>>,
    ) -> Response {
        let mut state = self.lock();
        state.settle();
        let paging = state.paging;
        let items = match self.verify(&mut state, call).and_then(|account| f(&mut state, &account)) {
            Ok(items) => items,
            Err(e) => return error_response(&e),
        };
        drop(state);
        let header = |name: &str| call.headers.get(name).and_then(|v| v.to_str().ok());
        let wants_pages = header("X-Pagination-Mode") == Some("CachedObjectList-Pages");
        if !wants_pages || paging == PagingSupport::Ignored {
            return json_response(200, &Value::Array(items.into_iter().map(|(id, _)| Value::String(id)).collect()));
        }
        if paging == PagingSupport::Refused {
            return error_response(&SimError::bad_request("Invalid X-Pagination-Mode"));
        }
        let size: usize = match header("X-Pagination-Size").map(str::parse) {
            None => 5000,
            Some(Ok(n)) if (1..=10_000).contains(&n) => n,
            Some(_) => return error_response(&SimError::bad_request("Invalid X-Pagination-Size")),
        };
        let number: usize = match header("X-Pagination-Number").map(str::parse) {
            None => 1,
            Some(Ok(n)) if n >= 1 => n,
            Some(_) => return error_response(&SimError::bad_request("Invalid X-Pagination-Number")),
        };
        let total = items.len();
        let pages = total.div_ceil(size).max(1);
        let page: Vec<Value> = items.into_iter().skip((number - 1) * size).take(size).map(|(_, v)| v).collect();
        let mut response = json_response(200, &Value::Array(page));
        let h = response.headers_mut();
        h.insert("X-Pagination-Elements", HeaderValue::from(total));
        h.insert("X-Pagination-Total", HeaderValue::from(pages));
        h.insert("X-Pagination-Size", HeaderValue::from(size));
        h.insert("X-Pagination-Number", HeaderValue::from(number));
        response
    }
}

fn parse_id(id: &str, what: &str) -> SimResult<i64> {
    id.parse().map_err(|_| SimError::bad_request(format!("Invalid value for parameter {what}: {id} is not a long")))
}

pub fn router(sim: Sim) -> Router {
    Router::new()
        .route("/1.0/auth/time", get(auth_time))
        .route("/1.0/auth/credential", post(auth_credential))
        .route("/1.0/auth/currentCredential", get(auth_current))
        .route("/1.0/auth/logout", post(auth_logout))
        .route("/1.0/license/office", get(office_list))
        .route("/1.0/license/office/{sn}", get(office_get).put(office_put))
        .route("/1.0/license/office/{sn}/domain", get(office_domains))
        .route("/1.0/license/office/{sn}/domain/{domain}", get(office_domain))
        .route("/1.0/license/office/{sn}/serviceInfos", get(office_service_infos).put(office_service_infos_put))
        .route("/1.0/license/office/{sn}/pendingTask", get(office_pending))
        .route("/1.0/license/office/{sn}/pendingTask/{id}", get(office_task))
        .route("/1.0/license/office/{sn}/usageStatistics", get(office_usage))
        .route("/1.0/license/office/{sn}/user", get(office_users).post(office_create_user))
        .route(
            "/1.0/license/office/{sn}/user/{email}",
            get(office_user).put(office_update_user).delete(office_delete_user),
        )
        .route("/1.0/license/office/{sn}/user/{email}/changePassword", post(office_change_password))
        .route("/1.0/license/officePrepaid", get(prepaid_list))
        .route("/1.0/license/officePrepaid/{sn}", get(prepaid_get).put(prepaid_put))
        .route("/1.0/license/officePrepaid/{sn}/changePassword", post(prepaid_change_password))
        .route("/1.0/license/officePrepaid/{sn}/unconfigure", post(prepaid_unconfigure))
        .route("/1.0/license/officePrepaid/{sn}/parentTenant", get(parent_get).put(parent_put))
        .route(
            "/1.0/license/officePrepaid/{sn}/serviceInfos",
            get(prepaid_service_infos).put(prepaid_service_infos_put),
        )
        .route("/1.0/license/officePrepaid/{sn}/parentTenant/createAttestation", post(create_attestation))
        .route("/1.0/license/officePrepaid/{sn}/parentTenant/acceptAgreement", post(accept_agreement))
        .route("/1.0/license/officePrepaid/{sn}/terminate", post(prepaid_terminate))
        .route("/1.0/license/officePrepaid/{sn}/confirmTermination", post(prepaid_confirm_termination))
        .route("/1.0/license/officePrepaid/{sn}/tenantPendingTask", get(tenant_pending))
        .route("/1.0/license/officePrepaid/{sn}/tenantPendingTask/{id}", get(tenant_task))
        .route("/1.0/license/officePrepaid/{sn}/tenantUsageStatistics", get(tenant_usage))
        .route("/1.0/order/catalog/public/officePrepaid", get(prepaid_catalog))
        .route("/1.0/order/cart", get(cart_list).post(cart_create))
        .route("/1.0/order/cart/{cart}", get(cart_get))
        .route("/1.0/order/cart/{cart}/assign", post(cart_assign))
        .route("/1.0/order/cart/{cart}/officePrepaid", post(cart_add_prepaid))
        .route("/1.0/order/cart/{cart}/item/{item}/configuration", get(item_configurations).post(item_configure))
        .route("/1.0/order/cart/{cart}/checkout", get(checkout_preview).post(checkout))
        .route("/1.0/me/order", get(me_orders))
        .route("/1.0/me/order/{id}", get(me_order))
        .route("/1.0/me/order/{id}/status", get(me_order_status))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(sim.clone(), faults_and_log))
        .with_state(sim)
}

async fn not_found() -> Response {
    error_response(&SimError::api(404, "Client::NotFound", "Got an invalid (or empty) URL"))
}

// ---- /auth -----------------------------------------------------------------------------

async fn auth_time(AxumState(sim): S) -> Response {
    let state = sim.lock();
    json_response(200, &Value::from(auth::server_time(&state)))
}

async fn auth_credential(AxumState(sim): S, call: Call) -> Response {
    let mut state = sim.lock();
    answer(auth::request_credential(&mut state, &call.headers, &call.body))
}

async fn auth_current(AxumState(sim): S, call: Call) -> Response {
    sim.authed(&call, |st, _| auth::current_credential(st, &call.headers))
}

async fn auth_logout(AxumState(sim): S, call: Call) -> Response {
    sim.authed(&call, |st, _| auth::logout(st, &call.headers))
}

// ---- /license/office -----------------------------------------------------------------

async fn office_list(AxumState(sim): S, call: Call) -> Response {
    sim.authed(&call, |st, a| Ok(st.office_list(a)))
}

async fn office_get(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_get(a, &sn))
}

async fn office_put(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_put(a, &sn, &call.body))
}

async fn office_service_infos_put(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_service_infos_put(a, &sn, &call.body))
}

async fn prepaid_service_infos_put(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_service_infos_put(a, &sn, &call.body))
}

async fn create_attestation(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.create_attestation(a, &sn, &call.body))
}

async fn accept_agreement(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.accept_agreement(a, &sn))
}

async fn prepaid_terminate(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_terminate(a, &sn))
}

async fn prepaid_confirm_termination(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_confirm_termination(a, &sn, &call.body))
}

async fn office_domains(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_domain_list(a, &sn))
}

async fn office_domain(AxumState(sim): S, Path((sn, d)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_domain_get(a, &sn, &d))
}

async fn office_service_infos(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_service_infos(a, &sn))
}

async fn office_pending(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_pending_tasks(a, &sn))
}

async fn office_task(AxumState(sim): S, Path((sn, id)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_task(a, &sn, parse_id(&id, "id")?))
}

async fn office_usage(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_usage(a, &sn, &call.query))
}

async fn office_users(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed_list(&call, |st, a| st.office_users(a, &sn, &call.query))
}

async fn office_create_user(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_create_user(a, &sn, &call.body))
}

async fn office_user(AxumState(sim): S, Path((sn, email)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_user(a, &sn, &email))
}

async fn office_update_user(AxumState(sim): S, Path((sn, email)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_update_user(a, &sn, &email, &call.body))
}

async fn office_delete_user(AxumState(sim): S, Path((sn, email)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_delete_user(a, &sn, &email))
}

async fn office_change_password(AxumState(sim): S, Path((sn, email)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.office_change_password(a, &sn, &email, &call.body))
}

// ---- /license/officePrepaid ------------------------------------------------------------

async fn prepaid_list(AxumState(sim): S, call: Call) -> Response {
    sim.authed_list(&call, |st, a| Ok(st.prepaid_list(a)))
}

async fn prepaid_get(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_get(a, &sn))
}

async fn prepaid_put(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_configure(a, &sn, &call.body))
}

async fn prepaid_change_password(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_change_password(a, &sn, &call.body))
}

async fn prepaid_unconfigure(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_unconfigure(a, &sn))
}

async fn parent_get(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.parent_tenant(a, &sn))
}

async fn parent_put(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.parent_tenant_put(a, &sn, &call.body))
}

async fn prepaid_service_infos(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.prepaid_service_infos(a, &sn))
}

async fn tenant_pending(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.tenant_pending_tasks(a, &sn))
}

async fn tenant_task(AxumState(sim): S, Path((sn, id)): Path<(String, String)>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.tenant_task(a, &sn, parse_id(&id, "id")?))
}

async fn tenant_usage(AxumState(sim): S, Path(sn): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.tenant_usage(a, &sn, &call.query))
}

// ---- /order, /me/order -----------------------------------------------------------------

async fn prepaid_catalog(AxumState(sim): S, call: Call) -> Response {
    sim.open(&call, |st, _| st.prepaid_catalog(&call.query))
}

async fn cart_list(AxumState(sim): S, call: Call) -> Response {
    sim.authed(&call, |st, a| Ok(st.cart_list(a, &call.query)))
}

async fn cart_create(AxumState(sim): S, call: Call) -> Response {
    sim.open(&call, |st, a| st.cart_create(a, &call.body))
}

async fn cart_get(AxumState(sim): S, Path(cart): Path<String>, call: Call) -> Response {
    sim.open(&call, |st, a| st.cart_get(a, &cart))
}

async fn cart_assign(AxumState(sim): S, Path(cart): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.cart_assign(a, &cart))
}

async fn cart_add_prepaid(AxumState(sim): S, Path(cart): Path<String>, call: Call) -> Response {
    sim.open(&call, |st, a| st.cart_add_prepaid(a, &cart, &call.body))
}

async fn item_configure(AxumState(sim): S, Path((cart, item)): Path<(String, String)>, call: Call) -> Response {
    sim.open(&call, |st, a| st.item_configure(a, &cart, parse_id(&item, "itemId")?, &call.body))
}

async fn item_configurations(AxumState(sim): S, Path((cart, item)): Path<(String, String)>, call: Call) -> Response {
    sim.open(&call, |st, a| {
        st.item_configurations(a, &cart, parse_id(&item, "itemId")?, call.query.get("label").map(String::as_str))
    })
}

async fn checkout_preview(AxumState(sim): S, Path(cart): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.checkout_preview(a, &cart))
}

async fn checkout(AxumState(sim): S, Path(cart): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.checkout(a, &cart, &call.body))
}

async fn me_orders(AxumState(sim): S, call: Call) -> Response {
    sim.authed(&call, |st, a| st.me_orders(a, &call.query))
}

async fn me_order(AxumState(sim): S, Path(id): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.me_order(a, parse_id(&id, "orderId")?))
}

async fn me_order_status(AxumState(sim): S, Path(id): Path<String>, call: Call) -> Response {
    sim.authed(&call, |st, a| st.me_order_status(a, parse_id(&id, "orderId")?))
}

// ---- faults and the log ------------------------------------------------------------------

fn fault_body(status: u16) -> Value {
    let (class, message) = match status {
        429 => ("Client::TooManyRequests", "Too many requests"),
        500 => ("Server::InternalServerError", "Internal server error"),
        502 => ("Server::BadGateway", "Bad gateway"),
        504 => ("Server::GatewayTimeout", "Gateway timeout"),
        _ => ("Server::ServiceUnavailable", "The service is temporarily unavailable"),
    };
    serde_json::json!({ "class": class, "message": message })
}

/// Takes `fields` out of an answered object, or out of each object of an answered list.
fn omit_fields(value: &mut Value, fields: &[String]) {
    match value {
        Value::Object(object) => {
            for field in fields {
                object.remove(field);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| omit_fields(item, fields)),
        _ => {}
    }
}

/// Whether a request's `Host` names this simulator on loopback (`127.0.0.1:PORT` or
/// `localhost:PORT`): a page elsewhere that got a browser to call it (DNS rebinding)
/// names its own host, and is refused.
fn host_is_ours(sim: &Sim, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get("Host").and_then(|v| v.to_str().ok()) else { return false };
    let ours = sim.origin.trim_start_matches("http://");
    let port = ours.rsplit_once(':').map(|(_, p)| p).unwrap_or_default();
    host == ours || host == format!("localhost:{port}")
}

/// Applies the configured faults, runs the handler, stamps `X-Ovh-QueryID`, and logs
/// the exchange.
async fn faults_and_log(AxumState(sim): S, request: Request, next: Next) -> Response {
    if !host_is_ours(&sim, request.headers()) {
        return error_response(&SimError::api(
            421,
            "Client::MisdirectedRequest",
            "This server answers only for its own address",
        ));
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 16 << 20).await.unwrap_or_default();
    let method = parts.method.to_string();
    let path = parts.uri.path().strip_prefix("/1.0").unwrap_or(parts.uri.path()).to_string();
    let mut exchange = Exchange {
        method: method.clone(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_string),
        request_body: String::from_utf8_lossy(&body).into_owned(),
        pagination_mode: parts.headers.get("X-Pagination-Mode").and_then(|v| v.to_str().ok()).map(str::to_string),
        status: 0,
        response_body: String::new(),
        fault: None,
        at: Instant::now(),
    };

    let (fault, latency) = {
        let mut state = sim.lock();
        let mut fault = None;
        for (rule, seen) in state.rules.iter_mut() {
            if rule.matches(&method, &path) {
                *seen += 1;
                let hit = *seen >= rule.nth && (*seen - rule.nth) < rule.times;
                if hit && fault.is_none() {
                    fault = Some(rule.fault.clone());
                }
            }
        }
        let rate = state.faults.server_error_rate;
        if fault.is_none() && rate > 0.0 && state.rng.f64() < rate {
            fault = Some(Fault::Status(503));
        }
        (fault, state.faults.latency)
    };
    let extra = match &fault {
        Some(Fault::Latency(d)) => *d,
        _ => std::time::Duration::ZERO,
    };
    if !(latency + extra).is_zero() {
        tokio::time::sleep(latency + extra).await;
    }
    exchange.fault = fault.as_ref().map(|f| format!("{f:?}"));

    let query_id = format!("EU.ext-sim.{:08x}", sim.query_ids.fetch_add(1, Ordering::Relaxed));
    let response = match fault {
        Some(Fault::Status(status)) => json_response(status, &fault_body(status)),
        Some(Fault::TooManyRequests { retry_after }) => {
            let mut r = json_response(429, &fault_body(429));
            r.headers_mut().insert("Retry-After", HeaderValue::from(retry_after));
            r
        }
        Some(Fault::Hang) => {
            sim.lock().record(exchange);
            let mut stop = sim.shutdown.clone();
            let _ = stop.wait_for(|stopped| *stopped).await;
            return json_response(503, &fault_body(503));
        }
        Some(Fault::DropConnection) => {
            sim.lock().record(exchange);
            if let Some(killer) = parts.extensions.get::<ConnectionKiller>() {
                killer.0.notify_one();
            }
            std::future::pending::<()>().await;
            unreachable!("the connection is gone");
        }
        Some(Fault::MalformedJson) | Some(Fault::OmitFields(_)) | Some(Fault::Latency(_)) | None => {
            let response = next.run(Request::from_parts(parts, Body::from(body))).await;
            match &fault {
                Some(Fault::MalformedJson) => {
                    let (parts, body) = response.into_parts();
                    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
                    let cut = (bytes.len() / 2).max(1).min(bytes.len());
                    let mut broken = bytes[..cut].to_vec();
                    broken.extend_from_slice(b"{\"");
                    Response::from_parts(parts, Body::from(broken))
                }
                Some(Fault::OmitFields(fields)) if response.status().is_success() => {
                    let (parts, body) = response.into_parts();
                    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
                    let mut value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                    omit_fields(&mut value, fields);
                    Response::from_parts(parts, Body::from(value.to_string()))
                }
                _ => response,
            }
        }
    };

    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.insert("X-Ovh-QueryID", HeaderValue::from_str(&query_id).expect("ascii"));
    exchange.status = parts.status.as_u16();
    exchange.response_body = String::from_utf8_lossy(&bytes).into_owned();
    sim.lock().record(exchange);
    Response::from_parts(parts, Body::from(bytes))
}
