//! The simulator's in-memory OVHcloud: accounts, groups, licences, tasks, carts and
//! orders, and the rules the real API applies to them.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use super::faults::{FaultRule, Faults};
use super::json;
use crate::ovh::Generation;

/// Most Apps for business licences one group may hold.
pub const BUSINESS_MAX: i64 = 300;
pub const BUSINESS_PLAN: &str = "microsoft-365-apps-for-business-pp-nce";
pub const ENTERPRISE_PLAN: &str = "microsoft-365-apps-for-enterprise-pp-nce";

/// A prepaid plan on sale, with its prices without tax per licence per month, in
/// micro-cents of euro (VAT is 20% on top). The cart bills the monthly price.
#[derive(Debug, Clone, Copy)]
pub struct SalePlan {
    pub plan_code: &'static str,
    pub invoice_name: &'static str,
    /// Renewed every month.
    pub monthly_ucents: i64,
    /// Renewed every year, billed 12 months at once.
    pub yearly_ucents_per_month: i64,
}

/// The prepaid plans of the catalog and of the cart.
pub const SALE_PLANS: [SalePlan; 2] = [
    SalePlan {
        plan_code: BUSINESS_PLAN,
        invoice_name: "Microsoft 365 Apps for business",
        monthly_ucents: 1_050_000_000,
        yearly_ucents_per_month: 1_000_000_000,
    },
    SalePlan {
        plan_code: ENTERPRISE_PLAN,
        invoice_name: "Microsoft 365 Apps for enterprise",
        monthly_ucents: 1_705_000_000,
        yearly_ucents_per_month: 1_620_000_000,
    },
];

/// `nichandle.OvhSubsidiaryEnum` (EU API).
const SUBSIDIARIES: [&str; 16] =
    ["CZ", "DE", "ES", "EU", "FI", "FR", "GB", "IE", "IT", "LT", "MA", "NL", "PL", "PT", "SN", "TN"];

/// An error answer: status and JSON body (either of OVHcloud's two shapes).
#[derive(Debug, Clone)]
pub struct SimError {
    pub status: u16,
    pub body: Value,
}

impl SimError {
    pub fn api(status: u16, class: &str, message: impl Into<String>) -> SimError {
        SimError { status, body: json!({ "class": class, "message": message.into() }) }
    }

    pub fn auth(status: u16, code: &str, message: &str) -> SimError {
        let reason = match status {
            400 => "400 Bad Request",
            401 => "401 Unauthorized",
            _ => "403 Forbidden",
        };
        SimError { status, body: json!({ "errorCode": code, "httpCode": reason, "message": message }) }
    }

    pub fn bad_request(message: impl Into<String>) -> SimError {
        SimError::api(400, "Client::BadRequest", message)
    }

    pub fn not_found(what: &str, id: &str) -> SimError {
        SimError::api(404, "Client::NotFound", format!("The requested object ({what} = {id}) does not exist"))
    }

    pub fn conflict(message: impl Into<String>) -> SimError {
        SimError::api(409, "Client::Conflict", message)
    }

    pub fn expired(service: &str) -> SimError {
        SimError::api(460, "Client::ServiceExpired", format!("The service {service} is expired"))
    }

    pub fn forbidden(message: impl Into<String>) -> SimError {
        SimError::api(403, "Client::Forbidden", message)
    }
}

pub type SimResult<T = Value> = Result<T, SimError>;

/// A state of a consumer key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CkState {
    PendingValidation,
    Validated,
    Expired,
    Refused,
}

impl CkState {
    pub fn wire(self) -> &'static str {
        match self {
            CkState::PendingValidation => "pendingValidation",
            CkState::Validated => "validated",
            CkState::Expired => "expired",
            CkState::Refused => "refused",
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppRec {
    pub id: i64,
    pub secret: String,
}

#[derive(Debug, Clone)]
pub struct CredentialRec {
    pub id: i64,
    pub application_key: String,
    /// The OVHcloud account (nic handle) once validated.
    pub account: String,
    pub state: CkState,
    /// `(METHOD, path pattern)`.
    pub rules: Vec<(String, String)>,
    pub creation: OffsetDateTime,
    pub last_use: Option<OffsetDateTime>,
}

#[derive(Debug, Clone)]
pub struct TenantRec {
    pub service_name: String,
    pub service_id: i64,
    pub prepaid: bool,
    pub display_name: String,
    pub address: String,
    pub city: String,
    pub zip_code: String,
    pub phone: String,
    pub first_name: String,
    pub last_name: String,
    pub mca_agreed: bool,
    pub creation: OffsetDateTime,
    pub expired: bool,
    pub account: String,
    /// PAYG users by activation e-mail.
    pub users: BTreeMap<String, UserRec>,
    /// Next number for a prepaid licence `{tenant}-{n}`.
    pub next_licence: i64,
}

impl TenantRec {
    pub fn domain(&self) -> &str {
        &self.service_name
    }
}

#[derive(Debug, Clone)]
pub struct UserRec {
    pub activation_email: String,
    pub first_name: String,
    pub last_name: String,
    pub licence: String,
    pub status: String,
    pub task_pending_id: i64,
    pub usage_location: String,
    pub delete_at_expiration: bool,
}

#[derive(Debug, Clone)]
pub struct LicenceRec {
    pub service_name: String,
    pub service_id: i64,
    pub tenant: String,
    pub number: i64,
    pub activation_email: String,
    pub first_name: String,
    pub last_name: String,
    pub is_virtual: bool,
    pub licence: String,
    pub status: String,
    pub task_pending_id: i64,
    pub usage_location: String,
    pub creation: OffsetDateTime,
    pub expired: bool,
}

impl LicenceRec {
    /// Makes the licence a free slot again, as OVHcloud shows one.
    pub fn reset_to_slot(&mut self) {
        self.activation_email = format!("{}@{}", self.number, self.tenant);
        self.first_name = "configureme".into();
        self.last_name = "configureme".into();
        self.is_virtual = true;
        self.status = "ok".into();
        self.task_pending_id = 0;
    }
}

/// What a task does to the state when it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    CreateUser { tenant: String, email: String },
    DeleteUser { tenant: String, email: String },
    UserPassword { tenant: String, email: String },
    ConfigureLicence { licence: String },
    UnconfigureLicence { licence: String },
    LicencePassword { licence: String },
}

#[derive(Debug, Clone)]
pub struct TaskRec {
    pub id: i64,
    pub tenant: String,
    pub function: String,
    pub status: String,
    pub todo_date: OffsetDateTime,
    pub finish_date: Option<OffsetDateTime>,
    pub effect: Effect,
}

#[derive(Debug, Clone)]
pub struct CartRec {
    pub cart_id: String,
    pub description: String,
    pub expire: Option<OffsetDateTime>,
    pub subsidiary: String,
    pub owner: Option<String>,
    pub items: Vec<i64>,
    pub read_only: bool,
}

#[derive(Debug, Clone)]
pub struct ItemRec {
    pub item_id: i64,
    pub cart_id: String,
    pub plan_code: String,
    pub duration: String,
    pub pricing_mode: String,
    pub quantity: i64,
    pub unit_ucents: i64,
    /// `(id, label, value)`.
    pub configurations: Vec<(i64, String, String)>,
    /// The `existing_tenant_service_name` configured, if any.
    pub tenant: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OrderRec {
    pub order_id: i64,
    pub account: String,
    pub cart_id: String,
    pub date: OffsetDateTime,
    pub password: String,
    pub plan_code: String,
    pub quantity: i64,
    pub tenant: Option<String>,
    pub status: String,
    pub without_tax_ucents: i64,
    /// The licences delivered once paid.
    pub delivered: Vec<String>,
}

/// The most exchanges the simulator keeps in its log.
pub const MAX_LOG: usize = 20_000;
/// The most finished tasks it keeps (running ones are always kept).
pub const MAX_FINISHED_TASKS: usize = 5_000;

/// One request and its answer, as the simulator saw them.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    /// The API path, below `/1.0`, without the query.
    pub path: String,
    pub query: Option<String>,
    pub request_body: String,
    /// The `X-Pagination-Mode` request header, if sent.
    pub pagination_mode: Option<String>,
    pub status: u16,
    pub response_body: String,
    /// The fault injected into this exchange, if any.
    pub fault: Option<String>,
    pub at: Instant,
}

/// How the simulator answers `X-Pagination-Mode` (reference §6.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PagingSupport {
    /// Full objects, page by page.
    #[default]
    Pages,
    /// The header is ignored: plain ids.
    Ignored,
    /// The header is refused with a 400.
    Refused,
}

/// The simulator's clock: the virtual "now" of tasks and dates, which tests advance by
/// hand; with `follow_real_time` it also moves with the wall clock.
#[derive(Debug, Clone)]
pub struct Clock {
    pub start: OffsetDateTime,
    pub started: Instant,
    pub advanced: Duration,
    pub follow_real_time: bool,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        let real = if self.follow_real_time { self.started.elapsed() } else { Duration::ZERO };
        self.start + self.advanced + real
    }
}

/// Everything the simulated OVHcloud knows.
#[derive(Debug)]
pub struct State {
    pub generation: Generation,
    pub base_url: String,
    pub clock: Clock,
    /// How long a task stays `todo`, then `doing`, before it is `done`.
    pub task_step: Duration,
    /// Seconds added to `/auth/time` (to test the client's offset).
    pub time_skew: i64,
    pub paging: PagingSupport,
    pub apps: BTreeMap<String, AppRec>,
    pub credentials: BTreeMap<String, CredentialRec>,
    pub tenants: BTreeMap<String, TenantRec>,
    pub licences: BTreeMap<String, LicenceRec>,
    pub tasks: BTreeMap<i64, TaskRec>,
    pub carts: BTreeMap<String, CartRec>,
    pub items: BTreeMap<i64, ItemRec>,
    pub orders: BTreeMap<i64, OrderRec>,
    pub log: Vec<Exchange>,
    pub faults: Faults,
    pub rules: Vec<(FaultRule, u32)>,
    pub rng: fastrand::Rng,
    pub next_id: i64,
}

fn is_like(value: &str, pattern: &str) -> bool {
    let needle = pattern.trim_matches('%').to_lowercase();
    value.to_lowercase().contains(&needle)
}

/// Reads a JSON body into an object, or explains why not as OVHcloud would.
pub fn body_object(body: &[u8]) -> SimResult<serde_json::Map<String, Value>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(SimError::bad_request("Invalid JSON: an object is expected")),
        Err(_) => Err(SimError::bad_request("Invalid JSON received")),
    }
}

fn opt_string(map: &serde_json::Map<String, Value>, field: &str) -> SimResult<Option<String>> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(SimError::bad_request(format!("Invalid type for parameter {field}: string expected"))),
    }
}

fn req_string(map: &serde_json::Map<String, Value>, field: &str) -> SimResult<String> {
    opt_string(map, field)?.ok_or_else(|| SimError::bad_request(format!("Missing parameter: {field}")))
}

fn opt_bool(map: &serde_json::Map<String, Value>, field: &str) -> SimResult<Option<bool>> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(SimError::bad_request(format!("Invalid type for parameter {field}: boolean expected"))),
    }
}

fn check_licence(value: &str) -> SimResult<()> {
    match value {
        "officeBusiness" | "officeProPlus" => Ok(()),
        other => Err(SimError::bad_request(format!("Invalid value for licence: {other} is not a valid LicenseEnum"))),
    }
}

fn check_country(value: &str) -> SimResult<()> {
    let ok = value.len() == 2 && value.bytes().all(|b| b.is_ascii_lowercase());
    if ok { Ok(()) } else { Err(SimError::bad_request(format!("Invalid value for usageLocation: {value}"))) }
}

fn check_subsidiary(subsidiary: String) -> SimResult<String> {
    if SUBSIDIARIES.contains(&subsidiary.as_str()) {
        Ok(subsidiary)
    } else {
        Err(SimError::bad_request(format!("Invalid value for ovhSubsidiary: {subsidiary}")))
    }
}

fn check_login(login: &str) -> SimResult<()> {
    let ok = (1..=64).contains(&login.len())
        && login.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.'".contains(&b))
        && !login.starts_with('.')
        && !login.ends_with('.');
    if ok { Ok(()) } else { Err(SimError::bad_request(format!("Invalid login: {login}"))) }
}

fn no_read_only(map: &serde_json::Map<String, Value>, read_only: &[&str]) -> SimResult<()> {
    match read_only.iter().find(|f| map.contains_key(**f)) {
        Some(f) => Err(SimError::bad_request(format!("Parameter {f} is read-only"))),
        None => Ok(()),
    }
}

fn reject_unknown(map: &serde_json::Map<String, Value>, known: &[&str]) -> SimResult<()> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(SimError::bad_request(format!("Unknown parameter: {k}"))),
        None => Ok(()),
    }
}

impl State {
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    pub fn today(&self) -> Date {
        self.now().date()
    }

    pub fn next_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// Moves every task to the status the clock says, applying the effects of those done.
    pub fn settle(&mut self) {
        self.forget_old();
        let now = self.now();
        let step = time::Duration::try_from(self.task_step).unwrap_or(time::Duration::ZERO);
        let ids: Vec<i64> = self.tasks.values().filter(|t| t.status == "todo" || t.status == "doing").map(|t| t.id).collect();
        for id in ids {
            let (todo_date, effect) = {
                let t = &self.tasks[&id];
                (t.todo_date, t.effect.clone())
            };
            if now >= todo_date + step * 2 {
                self.apply(&effect, id);
                let task = self.tasks.get_mut(&id).expect("task");
                task.status = "done".into();
                task.finish_date = Some(todo_date + step * 2);
            } else if now >= todo_date + step {
                self.tasks.get_mut(&id).expect("task").status = "doing".into();
            }
        }
    }

    fn apply(&mut self, effect: &Effect, task_id: i64) {
        let clear_user = |u: &mut UserRec| {
            if u.task_pending_id == task_id {
                u.task_pending_id = 0;
            }
        };
        match effect {
            Effect::CreateUser { tenant, email } | Effect::UserPassword { tenant, email } => {
                if let Some(u) = self.tenants.get_mut(tenant).and_then(|t| t.users.get_mut(email)) {
                    u.status = "ok".into();
                    clear_user(u);
                }
            }
            Effect::DeleteUser { tenant, email } => {
                if let Some(t) = self.tenants.get_mut(tenant) {
                    t.users.remove(email);
                }
            }
            Effect::ConfigureLicence { licence } | Effect::LicencePassword { licence } => {
                if let Some(l) = self.licences.get_mut(licence) {
                    l.is_virtual = false;
                    l.status = "ok".into();
                    if l.task_pending_id == task_id {
                        l.task_pending_id = 0;
                    }
                }
            }
            Effect::UnconfigureLicence { licence } => {
                if let Some(l) = self.licences.get_mut(licence) {
                    l.reset_to_slot();
                }
            }
        }
    }

    fn new_task(&mut self, tenant: &str, function: &str, effect: Effect) -> TaskRec {
        let id = self.next_id();
        let task = TaskRec {
            id,
            tenant: tenant.to_string(),
            function: function.to_string(),
            status: "todo".into(),
            todo_date: self.now(),
            finish_date: None,
            effect,
        };
        self.tasks.insert(id, task.clone());
        task
    }

    // ---- accounts -------------------------------------------------------------------

    /// Whether `account` may see `tenant`.
    fn payg_tenant(&self, account: &str, service_name: &str) -> SimResult<&TenantRec> {
        match self.tenants.get(service_name) {
            Some(t) if !t.prepaid && t.account == account => {
                if t.expired { Err(SimError::expired(service_name)) } else { Ok(t) }
            }
            _ => Err(SimError::not_found("serviceName", service_name)),
        }
    }

    fn licence(&self, account: &str, name: &str) -> SimResult<&LicenceRec> {
        match self.licences.get(name) {
            Some(l) if self.tenants.get(&l.tenant).is_some_and(|t| t.account == account) => {
                if l.expired { Err(SimError::expired(name)) } else { Ok(l) }
            }
            _ => Err(SimError::not_found("serviceName", name)),
        }
    }

    // ---- /license/office --------------------------------------------------------------

    pub fn office_list(&self, account: &str) -> Value {
        json!(self.tenants.values().filter(|t| !t.prepaid && t.account == account).map(|t| &t.service_name).collect::<Vec<_>>())
    }

    pub fn office_get(&self, account: &str, sn: &str) -> SimResult {
        Ok(json::payg_tenant(self.payg_tenant(account, sn)?, self.generation))
    }

    pub fn office_put(&mut self, account: &str, sn: &str, body: &[u8]) -> SimResult {
        self.payg_tenant(account, sn)?;
        let map = body_object(body)?;
        no_read_only(&map, &["creationDate", "serviceName", "serviceType", "status", "iam"])?;
        let mut known = vec!["address", "city", "displayName", "firstName", "lastName", "phone", "zipCode"];
        if self.generation == Generation::Native {
            known.push("mcaAgreed");
        }
        reject_unknown(&map, &known)?;
        let mut fields = Vec::new();
        for f in ["address", "city", "displayName", "firstName", "lastName", "phone", "zipCode"] {
            fields.push((f, opt_string(&map, f)?));
        }
        let mca = opt_bool(&map, "mcaAgreed")?;
        let t = self.tenants.get_mut(sn).expect("checked");
        for (f, v) in fields {
            let Some(v) = v else { continue };
            let slot = match f {
                "address" => &mut t.address,
                "city" => &mut t.city,
                "displayName" => &mut t.display_name,
                "firstName" => &mut t.first_name,
                "lastName" => &mut t.last_name,
                "phone" => &mut t.phone,
                _ => &mut t.zip_code,
            };
            *slot = v;
        }
        if let Some(m) = mca {
            t.mca_agreed = m;
        }
        Ok(Value::Null)
    }

    pub fn office_domains(&self, account: &str, sn: &str) -> SimResult {
        Ok(json!([self.payg_tenant(account, sn)?.domain()]))
    }

    pub fn office_domain(&self, account: &str, sn: &str, domain: &str) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        if t.domain() != domain {
            return Err(SimError::not_found("domainName", domain));
        }
        Ok(json::domain(domain))
    }

    pub fn office_service_infos(&self, account: &str, sn: &str) -> SimResult {
        match self.tenants.get(sn) {
            Some(t) if !t.prepaid && t.account == account => Ok(json::service_infos(
                t.service_id,
                &t.service_name,
                t.creation.date(),
                self.today(),
                t.expired,
                &t.account,
            )),
            _ => Err(SimError::not_found("serviceName", sn)),
        }
    }

    fn pending_ids(&self, tenant: &str) -> Value {
        json!(self.tasks.values().filter(|t| t.tenant == tenant && (t.status == "todo" || t.status == "doing")).map(|t| t.id).collect::<Vec<_>>())
    }

    fn task_of(&self, tenant: &str, id: i64) -> SimResult {
        match self.tasks.get(&id) {
            Some(t) if t.tenant == tenant => Ok(json::task(t)),
            _ => Err(SimError::not_found("id", &id.to_string())),
        }
    }

    pub fn office_pending_tasks(&self, account: &str, sn: &str) -> SimResult {
        self.payg_tenant(account, sn)?;
        Ok(self.pending_ids(sn))
    }

    pub fn office_task(&self, account: &str, sn: &str, id: i64) -> SimResult {
        self.payg_tenant(account, sn)?;
        self.task_of(sn, id)
    }

    /// Usage per day: today's counts of active licences, for each day of the period.
    fn statistics(&self, counts: BTreeMap<String, i64>, from: Date, to: Date) -> SimResult {
        if from > to {
            return Err(SimError::bad_request("from must be before to"));
        }
        let to = to.min(self.today());
        let mut days = Vec::new();
        let mut day = from;
        while day <= to && days.len() < 400 {
            let lines: Vec<Value> = counts
                .iter()
                .map(|(kind, n)| json!({ "endOfDayCount": n, "licenceType": kind, "peakCount": n }))
                .collect();
            days.push(json!({ "date": json::date(day), "lines": lines }));
            day = day.next_day().expect("date in range");
        }
        Ok(Value::Array(days))
    }

    /// Reads `from`/`to`: optional datetimes (native) or required dates (classic).
    pub fn period(&self, query: &BTreeMap<String, String>) -> SimResult<(Date, Date)> {
        let parse = |name: &str| -> SimResult<Option<Date>> {
            let Some(v) = query.get(name) else { return Ok(None) };
            let bad = || SimError::bad_request(format!("Invalid value for parameter {name}: {v}"));
            match self.generation {
                Generation::Classic => {
                    Date::parse(v, time::macros::format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| bad())
                }
                Generation::Native => OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
                    .map(|d| Some(d.date()))
                    .map_err(|_| bad()),
            }
        };
        let (from, to) = (parse("from")?, parse("to")?);
        match (from, to, self.generation) {
            (None, _, Generation::Classic) => Err(SimError::bad_request("Missing parameter: from")),
            (_, None, Generation::Classic) => Err(SimError::bad_request("Missing parameter: to")),
            _ => Ok((from.unwrap_or(self.today() - time::Duration::days(7)), to.unwrap_or(self.today()))),
        }
    }

    pub fn office_usage(&self, account: &str, sn: &str, query: &BTreeMap<String, String>) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        let (from, to) = self.period(query)?;
        let mut counts = BTreeMap::new();
        for u in t.users.values().filter(|u| u.status == "ok") {
            *counts.entry(u.licence.clone()).or_insert(0) += 1;
        }
        self.statistics(counts, from, to)
    }

    fn user_matches(u: &UserRec, query: &BTreeMap<String, String>) -> bool {
        query.get("activationEmail").is_none_or(|p| is_like(&u.activation_email, p))
            && query.get("firstName").is_none_or(|p| is_like(&u.first_name, p))
            && query.get("lastName").is_none_or(|p| is_like(&u.last_name, p))
            && query.get("licences").is_none_or(|l| &u.licence == l)
    }

    /// The users of a PAYG tenant: ids, or full objects for paged answers.
    pub fn office_users(&self, account: &str, sn: &str, query: &BTreeMap<String, String>) -> SimResult<Vec<(String, Value)>> {
        let t = self.payg_tenant(account, sn)?;
        if let Some(l) = query.get("licences") {
            check_licence(l)?;
        }
        Ok(t.users.values().filter(|u| Self::user_matches(u, query)).map(|u| (u.activation_email.clone(), json::payg_user(u))).collect())
    }

    pub fn office_user(&self, account: &str, sn: &str, email: &str) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        t.users.get(email).map(json::payg_user).ok_or_else(|| SimError::not_found("activationEmail", email))
    }

    pub fn office_create_user(&mut self, account: &str, sn: &str, body: &[u8]) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        let map = body_object(body)?;
        reject_unknown(&map, &["domain", "firstName", "lastName", "licence", "login", "usageLocation"])?;
        let domain = req_string(&map, "domain")?;
        let login = req_string(&map, "login")?;
        let licence = match (opt_string(&map, "licence")?, self.generation) {
            (Some(l), _) => l,
            (None, Generation::Classic) => return Err(SimError::bad_request("Missing parameter: licence")),
            (None, Generation::Native) => "officeBusiness".to_string(),
        };
        check_licence(&licence)?;
        check_login(&login)?;
        let usage_location = opt_string(&map, "usageLocation")?.unwrap_or_else(|| "fr".into());
        check_country(&usage_location)?;
        if domain != t.domain() {
            return Err(SimError::bad_request(format!("Domain {domain} is not a domain of this tenant")));
        }
        let email = format!("{login}@{domain}");
        if t.users.contains_key(&email) {
            return Err(SimError::conflict(format!("The user {email} already exists")));
        }
        let business = t.users.values().filter(|u| u.licence == "officeBusiness").count() as i64;
        if licence == "officeBusiness" && business >= BUSINESS_MAX {
            return Err(SimError::forbidden(format!(
                "This tenant already has the maximum of {BUSINESS_MAX} officeBusiness licences"
            )));
        }
        let first_name = opt_string(&map, "firstName")?.unwrap_or_default();
        let last_name = opt_string(&map, "lastName")?.unwrap_or_default();
        let task = self.new_task(sn, "addOffice365UserPaygNCE", Effect::CreateUser { tenant: sn.into(), email: email.clone() });
        let user = UserRec {
            activation_email: email.clone(),
            first_name,
            last_name,
            licence,
            status: "creating".into(),
            task_pending_id: task.id,
            usage_location,
            delete_at_expiration: false,
        };
        self.tenants.get_mut(sn).expect("checked").users.insert(email, user);
        Ok(json::task(&task))
    }

    fn ready_user(&self, account: &str, sn: &str, email: &str) -> SimResult<&UserRec> {
        let t = self.payg_tenant(account, sn)?;
        let u = t.users.get(email).ok_or_else(|| SimError::not_found("activationEmail", email))?;
        if u.status != "ok" || u.task_pending_id != 0 {
            return Err(SimError::conflict(format!("A task is already in progress for {email}")));
        }
        Ok(u)
    }

    pub fn office_update_user(&mut self, account: &str, sn: &str, email: &str, body: &[u8]) -> SimResult {
        self.ready_user(account, sn, email)?;
        let map = body_object(body)?;
        no_read_only(&map, &["isVirtual", "licences", "status", "taskPendingId"])?;
        reject_unknown(&map, &["activationEmail", "deleteAtExpiration", "firstName", "lastName", "usageLocation"])?;
        let new_email = opt_string(&map, "activationEmail")?;
        if let Some(e) = &new_email {
            let (login, domain) = e.split_once('@').ok_or_else(|| SimError::bad_request("Invalid activationEmail"))?;
            check_login(login)?;
            if domain != sn {
                return Err(SimError::bad_request("The domain of activationEmail cannot change"));
            }
            if e != email && self.tenants[sn].users.contains_key(e) {
                return Err(SimError::conflict(format!("The user {e} already exists")));
            }
        }
        let usage = opt_string(&map, "usageLocation")?;
        if let Some(u) = &usage {
            check_country(u)?;
        }
        let first = opt_string(&map, "firstName")?;
        let last = opt_string(&map, "lastName")?;
        let delete = opt_bool(&map, "deleteAtExpiration")?;
        let users = &mut self.tenants.get_mut(sn).expect("checked").users;
        let mut user = users.remove(email).expect("checked");
        if let Some(v) = first {
            user.first_name = v;
        }
        if let Some(v) = last {
            user.last_name = v;
        }
        if let Some(v) = usage {
            user.usage_location = v;
        }
        if let Some(v) = delete {
            user.delete_at_expiration = v;
        }
        if let Some(e) = new_email {
            user.activation_email = e;
        }
        users.insert(user.activation_email.clone(), user);
        Ok(Value::Null)
    }

    pub fn office_delete_user(&mut self, account: &str, sn: &str, email: &str) -> SimResult {
        self.ready_user(account, sn, email)?;
        let task = self.new_task(sn, "deleteOffice365UserPaygNCE", Effect::DeleteUser { tenant: sn.into(), email: email.into() });
        let u = self.tenants.get_mut(sn).and_then(|t| t.users.get_mut(email)).expect("checked");
        u.status = "deleting".into();
        u.task_pending_id = task.id;
        Ok(json::task(&task))
    }

    fn check_password_body(body: &[u8]) -> SimResult<()> {
        let map = body_object(body)?;
        reject_unknown(&map, &["notifyEmail", "password", "shouldSendMail"])?;
        let send = opt_bool(&map, "shouldSendMail")?.ok_or_else(|| SimError::bad_request("Missing parameter: shouldSendMail"))?;
        let password = opt_string(&map, "password")?;
        let notify = opt_string(&map, "notifyEmail")?;
        if let Some(p) = &password
            && !(8..=16).contains(&p.chars().count())
        {
            return Err(SimError::bad_request("The password must be 8 to 16 characters long"));
        }
        if password.is_none() && (!send || notify.is_none()) {
            return Err(SimError::bad_request("Without a password, an e-mail must be given to send the generated one to"));
        }
        Ok(())
    }

    pub fn office_change_password(&mut self, account: &str, sn: &str, email: &str, body: &[u8]) -> SimResult {
        self.ready_user(account, sn, email)?;
        Self::check_password_body(body)?;
        let task = self.new_task(sn, "changePasswordOffice365User", Effect::UserPassword { tenant: sn.into(), email: email.into() });
        let u = self.tenants.get_mut(sn).and_then(|t| t.users.get_mut(email)).expect("checked");
        u.task_pending_id = task.id;
        Ok(json::task(&task))
    }

    // ---- /license/officePrepaid ---------------------------------------------------------

    /// Every prepaid licence of the account: `(name, object)`.
    pub fn prepaid_list(&self, account: &str) -> Vec<(String, Value)> {
        self.licences
            .values()
            .filter(|l| self.tenants.get(&l.tenant).is_some_and(|t| t.account == account))
            .map(|l| (l.service_name.clone(), json::prepaid_licence(l)))
            .collect()
    }

    pub fn prepaid_get(&self, account: &str, name: &str) -> SimResult {
        Ok(json::prepaid_licence(self.licence(account, name)?))
    }

    pub fn prepaid_configure(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let l = self.licence(account, name)?.clone();
        if l.status != "ok" || l.task_pending_id != 0 {
            return Err(SimError::conflict(format!("A task is already in progress for {name}")));
        }
        let map = body_object(body)?;
        no_read_only(&map, &["isVirtual", "licences", "serviceName", "status", "taskPendingId", "tenantServiceName"])?;
        reject_unknown(&map, &["activationEmail", "firstName", "lastName", "usageLocation"])?;
        let email = opt_string(&map, "activationEmail")?;
        let first = opt_string(&map, "firstName")?;
        let last = opt_string(&map, "lastName")?;
        let usage = opt_string(&map, "usageLocation")?;
        if let Some(u) = &usage {
            check_country(u)?;
        }
        if let Some(e) = &email {
            let (login, domain) = e.split_once('@').ok_or_else(|| SimError::bad_request("Invalid activationEmail"))?;
            check_login(login)?;
            if domain != l.tenant {
                return Err(SimError::bad_request("The domain of activationEmail must be the tenant's"));
            }
            let taken = self.licences.values().any(|o| o.tenant == l.tenant && o.service_name != l.service_name && &o.activation_email == e);
            if taken {
                return Err(SimError::conflict(format!("The user {e} already exists")));
            }
        }
        if l.is_virtual && (email.is_none() || first.is_none() || last.is_none()) {
            return Err(SimError::bad_request("activationEmail, firstName and lastName are required to configure a licence"));
        }
        let task = if l.is_virtual {
            Some(self.new_task(&l.tenant, "configureOffice365UserNCE", Effect::ConfigureLicence { licence: name.into() }))
        } else {
            None
        };
        let rec = self.licences.get_mut(name).expect("checked");
        if let Some(v) = email {
            rec.activation_email = v;
        }
        if let Some(v) = first {
            rec.first_name = v;
        }
        if let Some(v) = last {
            rec.last_name = v;
        }
        if let Some(v) = usage {
            rec.usage_location = v;
        }
        if let Some(task) = task {
            rec.status = "creating".into();
            rec.task_pending_id = task.id;
        }
        Ok(Value::Null)
    }

    pub fn prepaid_unconfigure(&mut self, account: &str, name: &str) -> SimResult {
        let l = self.licence(account, name)?.clone();
        if l.is_virtual {
            return Err(SimError::conflict(format!("The licence {name} is not configured")));
        }
        if l.status != "ok" || l.task_pending_id != 0 {
            return Err(SimError::conflict(format!("A task is already in progress for {name}")));
        }
        let task = self.new_task(&l.tenant, "unconfigureOffice365UserNCE", Effect::UnconfigureLicence { licence: name.into() });
        let rec = self.licences.get_mut(name).expect("checked");
        rec.status = "deleting".into();
        rec.task_pending_id = task.id;
        Ok(json::task(&task))
    }

    pub fn prepaid_change_password(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let l = self.licence(account, name)?.clone();
        if l.is_virtual {
            return Err(SimError::conflict(format!("The licence {name} is not configured")));
        }
        if l.status != "ok" || l.task_pending_id != 0 {
            return Err(SimError::conflict(format!("A task is already in progress for {name}")));
        }
        Self::check_password_body(body)?;
        let task = self.new_task(&l.tenant, "changePasswordOffice365UserNCE", Effect::LicencePassword { licence: name.into() });
        self.licences.get_mut(name).expect("checked").task_pending_id = task.id;
        Ok(json::task(&task))
    }

    pub fn parent_tenant(&self, account: &str, name: &str) -> SimResult {
        let l = self.licence(account, name)?;
        Ok(json::parent_tenant(&self.tenants[&l.tenant]))
    }

    pub fn parent_tenant_put(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let tenant = self.licence(account, name)?.tenant.clone();
        let map = body_object(body)?;
        no_read_only(&map, &["serviceName"])?;
        reject_unknown(&map, &["displayName"])?;
        if let Some(v) = opt_string(&map, "displayName")? {
            if v.trim().is_empty() {
                return Err(SimError::bad_request("displayName cannot be empty"));
            }
            self.tenants.get_mut(&tenant).expect("tenant").display_name = v;
        }
        Ok(Value::Null)
    }

    pub fn prepaid_service_infos(&self, account: &str, name: &str) -> SimResult {
        match self.licences.get(name) {
            Some(l) if self.tenants.get(&l.tenant).is_some_and(|t| t.account == account) => Ok(json::service_infos(
                l.service_id,
                &l.service_name,
                l.creation.date(),
                self.today(),
                l.expired,
                account,
            )),
            _ => Err(SimError::not_found("serviceName", name)),
        }
    }

    pub fn tenant_pending_tasks(&self, account: &str, name: &str) -> SimResult {
        let tenant = self.licence(account, name)?.tenant.clone();
        Ok(self.pending_ids(&tenant))
    }

    pub fn tenant_task(&self, account: &str, name: &str, id: i64) -> SimResult {
        let tenant = self.licence(account, name)?.tenant.clone();
        self.task_of(&tenant, id)
    }

    pub fn tenant_usage(&self, account: &str, name: &str, query: &BTreeMap<String, String>) -> SimResult {
        let tenant = self.licence(account, name)?.tenant.clone();
        let (from, to) = self.period(query)?;
        let mut counts = BTreeMap::new();
        for l in self.licences.values().filter(|l| l.tenant == tenant && !l.is_virtual && l.status == "ok") {
            *counts.entry(l.licence.clone()).or_insert(0) += 1;
        }
        self.statistics(counts, from, to)
    }

    // ---- /order ---------------------------------------------------------------------------

    /// `GET /order/catalog/public/officePrepaid?ovhSubsidiary=` (no authentication).
    pub fn prepaid_catalog(&self, query: &BTreeMap<String, String>) -> SimResult {
        let subsidiary = query
            .get("ovhSubsidiary")
            .cloned()
            .ok_or_else(|| SimError::bad_request("Missing parameter: ovhSubsidiary"))?;
        Ok(json::prepaid_catalog(&check_subsidiary(subsidiary)?, &SALE_PLANS))
    }

    pub fn cart_create(&mut self, account: Option<&str>, body: &[u8]) -> SimResult {
        let map = body_object(body)?;
        reject_unknown(&map, &["description", "expire", "ovhSubsidiary"])?;
        let subsidiary = check_subsidiary(req_string(&map, "ovhSubsidiary")?)?;
        let expire = match opt_string(&map, "expire")? {
            Some(v) => Some(
                OffsetDateTime::parse(&v, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| SimError::bad_request("Invalid value for expire"))?,
            ),
            None => Some(self.now() + time::Duration::days(1)),
        };
        let n = self.next_id();
        let cart = CartRec {
            cart_id: format!("cart-{n:08x}-{:04x}", self.rng.u16(..)),
            description: opt_string(&map, "description")?.unwrap_or_default(),
            expire,
            subsidiary,
            owner: account.map(str::to_string),
            items: Vec::new(),
            read_only: false,
        };
        let v = json::cart(&cart);
        self.carts.insert(cart.cart_id.clone(), cart);
        Ok(v)
    }

    pub fn cart_list(&self, account: &str, query: &BTreeMap<String, String>) -> Value {
        json!(self
            .carts
            .values()
            .filter(|c| c.owner.as_deref() == Some(account) && c.expire.is_none_or(|e| e > self.now()))
            .filter(|c| query.get("description").is_none_or(|d| &c.description == d))
            .map(|c| &c.cart_id)
            .collect::<Vec<_>>())
    }

    fn cart(&self, account: Option<&str>, cart_id: &str) -> SimResult<&CartRec> {
        let now = self.now();
        match self.carts.get(cart_id) {
            Some(c) if (c.owner.is_none() || c.owner.as_deref() == account) && c.expire.is_none_or(|e| e > now) => Ok(c),
            _ => Err(SimError::not_found("cartId", cart_id)),
        }
    }

    /// `GET /order/cart/{cartId}/item/{itemId}/configuration?label=`: configuration ids.
    pub fn item_configurations(&self, account: Option<&str>, cart_id: &str, item_id: i64, label: Option<&str>) -> SimResult {
        self.cart(account, cart_id)?;
        let item = self.items.get(&item_id).filter(|i| i.cart_id == cart_id);
        let item = item.ok_or_else(|| SimError::not_found("itemId", &item_id.to_string()))?;
        Ok(json!(item
            .configurations
            .iter()
            .filter(|(_, l, _)| label.is_none_or(|want| want == l))
            .map(|(id, _, _)| *id)
            .collect::<Vec<_>>()))
    }

    /// Logs an exchange, keeping at most [`MAX_LOG`] (the oldest go first): a demo
    /// left running for days stays small.
    pub fn record(&mut self, exchange: Exchange) {
        if self.log.len() >= MAX_LOG {
            self.log.drain(..MAX_LOG / 10);
        }
        self.log.push(exchange);
    }

    /// Forgets expired carts, and finished tasks beyond [`MAX_FINISHED_TASKS`].
    fn forget_old(&mut self) {
        let now = self.now();
        let expired: Vec<String> =
            self.carts.values().filter(|c| c.expire.is_some_and(|e| e <= now)).map(|c| c.cart_id.clone()).collect();
        for id in expired {
            if let Some(cart) = self.carts.remove(&id) {
                for item in cart.items {
                    self.items.remove(&item);
                }
            }
        }
        let finished: Vec<i64> =
            self.tasks.values().filter(|t| t.status != "todo" && t.status != "doing").map(|t| t.id).collect();
        if finished.len() > MAX_FINISHED_TASKS {
            // Ids grow with time: the smallest are the oldest.
            for id in &finished[..finished.len() - MAX_FINISHED_TASKS] {
                self.tasks.remove(id);
            }
        }
    }

    pub fn cart_get(&self, account: Option<&str>, cart_id: &str) -> SimResult {
        Ok(json::cart(self.cart(account, cart_id)?))
    }

    pub fn cart_assign(&mut self, account: &str, cart_id: &str) -> SimResult {
        self.cart(Some(account), cart_id)?;
        self.carts.get_mut(cart_id).expect("checked").owner = Some(account.to_string());
        Ok(Value::Null)
    }

    fn open_cart(&self, account: Option<&str>, cart_id: &str) -> SimResult<&CartRec> {
        let cart = self.cart(account, cart_id)?;
        if cart.read_only {
            return Err(SimError::forbidden("This cart is read-only: it has been checked out"));
        }
        Ok(cart)
    }

    pub fn cart_add_prepaid(&mut self, account: Option<&str>, cart_id: &str, body: &[u8]) -> SimResult {
        self.open_cart(account, cart_id)?;
        let map = body_object(body)?;
        reject_unknown(&map, &["duration", "planCode", "pricingMode", "quantity"])?;
        let plan_code = req_string(&map, "planCode")?;
        let duration = req_string(&map, "duration")?;
        let pricing_mode = req_string(&map, "pricingMode")?;
        let quantity = match map.get("quantity") {
            Some(Value::Number(n)) if n.is_i64() => n.as_i64().expect("i64"),
            Some(_) => return Err(SimError::bad_request("Invalid type for parameter quantity: long expected")),
            None => return Err(SimError::bad_request("Missing parameter: quantity")),
        };
        let Some(plan) = SALE_PLANS.iter().find(|p| p.plan_code == plan_code) else {
            return Err(SimError::bad_request(format!("Plan {plan_code} is not available for officePrepaid")));
        };
        let unit_ucents = plan.monthly_ucents;
        if !matches!(duration.as_str(), "P1M" | "P1Y") || pricing_mode != "default" {
            return Err(SimError::bad_request("Only durations P1M or P1Y and pricingMode default are available"));
        }
        if !(1..=BUSINESS_MAX).contains(&quantity) {
            return Err(SimError::bad_request(format!("quantity must be between 1 and {BUSINESS_MAX}")));
        }
        let item_id = self.next_id();
        let item = ItemRec {
            item_id,
            cart_id: cart_id.into(),
            plan_code,
            duration,
            pricing_mode,
            quantity,
            unit_ucents,
            configurations: Vec::new(),
            tenant: None,
        };
        let v = json::item(&item);
        self.items.insert(item_id, item);
        self.carts.get_mut(cart_id).expect("checked").items.push(item_id);
        Ok(v)
    }

    pub fn item_configure(&mut self, account: Option<&str>, cart_id: &str, item_id: i64, body: &[u8]) -> SimResult {
        self.open_cart(account, cart_id)?;
        if self.items.get(&item_id).is_none_or(|i| i.cart_id != cart_id) {
            return Err(SimError::not_found("itemId", &item_id.to_string()));
        }
        let map = body_object(body)?;
        reject_unknown(&map, &["label", "value"])?;
        let label = req_string(&map, "label")?;
        let value = req_string(&map, "value")?;
        let tenant = match label.as_str() {
            "existing_tenant_service_name" => {
                let known = self.tenants.get(&value).is_some_and(|t| t.prepaid && Some(t.account.as_str()) == account.or(self.carts[cart_id].owner.as_deref()));
                if !known {
                    return Err(SimError::bad_request(format!("{value} is not one of your prepaid licence groups")));
                }
                Some(value.clone())
            }
            "zip_code" | "country" | "vat_number" => None,
            other => return Err(SimError::bad_request(format!("Unknown configuration label {other}"))),
        };
        let id = self.next_id();
        let item = self.items.get_mut(&item_id).expect("checked");
        item.configurations.push((id, label.clone(), value.clone()));
        if tenant.is_some() {
            item.tenant = tenant;
        }
        Ok(json::configuration(id, &label, &value))
    }

    fn cart_items(&self, cart_id: &str) -> Vec<&ItemRec> {
        self.carts[cart_id].items.iter().filter_map(|id| self.items.get(id)).collect()
    }

    pub fn checkout_preview(&self, account: &str, cart_id: &str) -> SimResult {
        self.cart(Some(account), cart_id)?;
        Ok(json::order(&self.cart_items(cart_id), None, &self.base_url))
    }

    /// Business licences of a group, ordered-and-unpaid included.
    fn business_count(&self, tenant: &str) -> i64 {
        let held = self.licences.values().filter(|l| l.tenant == tenant && l.licence == "officeBusiness").count() as i64;
        let ordered: i64 = self
            .orders
            .values()
            .filter(|o| o.tenant.as_deref() == Some(tenant) && o.plan_code == BUSINESS_PLAN && o.status != "delivered" && o.status != "cancelled")
            .map(|o| o.quantity)
            .sum();
        held + ordered
    }

    pub fn checkout(&mut self, account: &str, cart_id: &str, body: &[u8]) -> SimResult {
        let cart = self.open_cart(Some(account), cart_id)?;
        if cart.owner.as_deref() != Some(account) {
            return Err(SimError::forbidden("This cart is not assigned to your account"));
        }
        let map = body_object(body)?;
        reject_unknown(&map, &["autoPayWithPreferredPaymentMethod", "waiveRetractationPeriod"])?;
        let auto_pay = opt_bool(&map, "autoPayWithPreferredPaymentMethod")?.unwrap_or(false);
        opt_bool(&map, "waiveRetractationPeriod")?;
        let items: Vec<ItemRec> = self.cart_items(cart_id).into_iter().cloned().collect();
        let [item] = items.as_slice() else {
            return Err(SimError::bad_request(if items.is_empty() { "The cart is empty" } else { "One product per cart" }));
        };
        if item.plan_code == BUSINESS_PLAN {
            let existing = item.tenant.as_deref().map_or(0, |t| self.business_count(t));
            if existing + item.quantity > BUSINESS_MAX {
                return Err(SimError::bad_request(format!(
                    "A Microsoft 365 Apps for business group holds at most {BUSINESS_MAX} licences: it has {existing}, {} more were ordered",
                    item.quantity
                )));
            }
        }
        let order_id = self.next_id() + 100_000_000;
        let order = OrderRec {
            order_id,
            account: account.to_string(),
            cart_id: cart_id.to_string(),
            date: self.now(),
            password: format!("{:08x}", self.rng.u32(..)),
            plan_code: item.plan_code.clone(),
            quantity: item.quantity,
            tenant: item.tenant.clone(),
            status: "notPaid".into(),
            without_tax_ucents: item.unit_ucents * item.quantity,
            delivered: Vec::new(),
        };
        let v = json::order(&[item], Some(&order), &self.base_url);
        self.orders.insert(order_id, order);
        self.carts.get_mut(cart_id).expect("checked").read_only = true;
        if auto_pay {
            self.deliver(order_id);
        }
        Ok(v)
    }

    /// Marks an order paid and delivers its licences as free slots.
    pub fn deliver(&mut self, order_id: i64) -> Vec<String> {
        let Some(order) = self.orders.get(&order_id).cloned() else { return Vec::new() };
        if order.status == "delivered" {
            return order.delivered;
        }
        let tenant = match &order.tenant {
            Some(t) => t.clone(),
            None => {
                let n = self.next_id();
                let name = format!("office{n}.o365.ovh.com");
                let rec = new_tenant(&name, true, &order.account, self.now(), n);
                self.tenants.insert(name.clone(), rec);
                name
            }
        };
        let kind = if order.plan_code == BUSINESS_PLAN { "officeBusiness" } else { "officeProPlus" };
        let mut names = Vec::new();
        for _ in 0..order.quantity {
            names.push(self.add_slot(&tenant, kind));
        }
        let rec = self.orders.get_mut(&order_id).expect("order");
        rec.status = "delivered".into();
        rec.delivered = names.clone();
        names
    }

    /// Adds one free slot to a prepaid group and answers its name.
    pub fn add_slot(&mut self, tenant: &str, kind: &str) -> String {
        let now = self.now();
        let service_id = self.next_id();
        let t = self.tenants.get_mut(tenant).expect("tenant exists");
        let number = t.next_licence;
        t.next_licence += 1;
        let name = format!("{tenant}-{number}");
        let mut rec = LicenceRec {
            service_name: name.clone(),
            service_id,
            tenant: tenant.to_string(),
            number,
            activation_email: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            is_virtual: true,
            licence: kind.to_string(),
            status: "ok".into(),
            task_pending_id: 0,
            usage_location: "fr".into(),
            creation: now,
            expired: false,
        };
        rec.reset_to_slot();
        self.licences.insert(name.clone(), rec);
        name
    }

    pub fn me_orders(&self, account: &str, query: &BTreeMap<String, String>) -> SimResult {
        let parse = |name: &str| -> SimResult<Option<OffsetDateTime>> {
            query
                .get(name)
                .map(|v| {
                    OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
                        .map_err(|_| SimError::bad_request(format!("Invalid value for parameter {name}")))
                })
                .transpose()
        };
        let (from, to) = (parse("date.from")?, parse("date.to")?);
        Ok(json!(self
            .orders
            .values()
            .filter(|o| o.account == account && from.is_none_or(|f| o.date >= f) && to.is_none_or(|t| o.date <= t))
            .map(|o| o.order_id)
            .collect::<Vec<_>>()))
    }

    fn my_order(&self, account: &str, id: i64) -> SimResult<&OrderRec> {
        self.orders.get(&id).filter(|o| o.account == account).ok_or_else(|| SimError::not_found("orderId", &id.to_string()))
    }

    pub fn me_order(&self, account: &str, id: i64) -> SimResult {
        Ok(json::billing_order(self.my_order(account, id)?, &self.base_url))
    }

    pub fn me_order_status(&self, account: &str, id: i64) -> SimResult {
        Ok(json!(self.my_order(account, id)?.status))
    }
}

/// A tenant with the seed's contact details.
pub fn new_tenant(service_name: &str, prepaid: bool, account: &str, creation: OffsetDateTime, service_id: i64) -> TenantRec {
    TenantRec {
        service_name: service_name.to_string(),
        service_id,
        prepaid,
        display_name: service_name.to_string(),
        address: "2 rue Kellermann".into(),
        city: "Roubaix".into(),
        zip_code: "59100".into(),
        phone: "+33.972101007".into(),
        first_name: "Camille".into(),
        last_name: "Martin".into(),
        mca_agreed: true,
        creation,
        expired: false,
        account: account.to_string(),
        users: BTreeMap::new(),
        next_licence: 1001,
    }
}
