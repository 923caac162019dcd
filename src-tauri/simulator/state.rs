//! The simulator's in-memory OVHcloud: accounts, groups, licences, tasks, carts and
//! orders, and the rules the real API applies to them.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use super::faults::{FaultRule, Faults};
use super::json;
use crate::Generation;

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
    /// The Microsoft Customer Agreement attestation created for this prepaid group.
    pub attestation: Option<AttestationRec>,
    /// When an `acceptAgreement` takes effect (`mcaAgreed` turns true then).
    pub mca_accepted_at: Option<OffsetDateTime>,
    /// Pay-as-you-go: the group's own billing (prepaid licences have theirs).
    pub renew: RenewRec,
    /// Pay-as-you-go: the domains logins may use (the first is the group's own).
    pub domains: Vec<DomainRec>,
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

    /// A domain of the group logins may use now (verified).
    pub fn usable_domain(&self, name: &str) -> bool {
        self.domains.iter().any(|d| d.name == name && d.verified)
    }
}

/// A Microsoft Customer Agreement attestation: created through the API, signed by the
/// customer on the page its link leads to.
#[derive(Debug, Clone)]
pub struct AttestationRec {
    pub id: String,
    pub link: String,
    pub signed: bool,
    /// The signatory form, as received.
    pub body: serde_json::Map<String, Value>,
}

/// A domain of a pay-as-you-go group, and the TXT record that proves it is the customer's.
#[derive(Debug, Clone)]
pub struct DomainRec {
    pub name: String,
    pub verified: bool,
    pub txt_entry: String,
}

impl DomainRec {
    pub fn new(name: &str, verified: bool) -> DomainRec {
        let proof: u32 = name.bytes().fold(7919, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        DomainRec { name: name.to_string(), verified, txt_entry: format!("MS=ms{proof:08}") }
    }
}

/// A service's renewal (`services.Service.renew` and what goes with it), and its
/// termination once asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewRec {
    pub automatic: bool,
    /// Months between renewals.
    pub period: i64,
    pub delete_at_expiration: bool,
    pub possible_periods: Vec<i64>,
    /// End of a commitment (a yearly licence is engaged for its year).
    pub engaged_up_to: Option<Date>,
    /// The token `terminate` e-mailed, until it is used.
    pub termination_token: Option<String>,
    /// `confirmTermination` done: the service ends at its expiration.
    pub terminated: bool,
}

impl RenewRec {
    /// Pay-as-you-go: billed monthly for what was used, nothing else offered.
    pub fn pay_as_you_go() -> RenewRec {
        RenewRec {
            automatic: true,
            period: 1,
            delete_at_expiration: false,
            possible_periods: vec![1],
            engaged_up_to: None,
            termination_token: None,
            terminated: false,
        }
    }

    /// A prepaid licence ordered for `duration` (`P1M`, `P1Y`) on `creation`.
    pub fn prepaid(duration: &str, creation: Date) -> RenewRec {
        let yearly = duration == "P1Y";
        RenewRec {
            automatic: true,
            period: if yearly { 12 } else { 1 },
            delete_at_expiration: false,
            possible_periods: vec![1, 12],
            engaged_up_to: yearly.then(|| add_months(creation, 12)),
            termination_token: None,
            terminated: false,
        }
    }

    /// The next renewal after `today`: counted from `creation` in steps of the period.
    pub fn expiration(&self, creation: Date, today: Date) -> Date {
        let mut expiration = creation;
        while expiration <= today {
            expiration = add_months(expiration, self.period.max(1) as u32);
        }
        expiration
    }
}

/// `d` plus `n` months, on the same day or the month's last.
pub fn add_months(d: Date, n: u32) -> Date {
    let mut out = d;
    for _ in 0..n {
        out = json::add_month(out);
    }
    let day = d.day().min(time::util::days_in_month(out.month(), out.year()));
    out.replace_day(day).expect("valid day")
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
    /// Each prepaid licence is a service of its own, renewed on its own.
    pub renew: RenewRec,
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
    /// `P1M` or `P1Y`: how the licences delivered renew.
    pub duration: String,
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

pub(crate) fn is_like(value: &str, pattern: &str) -> bool {
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

pub(crate) fn opt_string(map: &serde_json::Map<String, Value>, field: &str) -> SimResult<Option<String>> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(SimError::bad_request(format!("Invalid type for parameter {field}: string expected"))),
    }
}

pub(crate) fn req_string(map: &serde_json::Map<String, Value>, field: &str) -> SimResult<String> {
    opt_string(map, field)?.ok_or_else(|| SimError::bad_request(format!("Missing parameter: {field}")))
}

pub(crate) fn opt_bool(map: &serde_json::Map<String, Value>, field: &str) -> SimResult<Option<bool>> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(SimError::bad_request(format!("Invalid type for parameter {field}: boolean expected"))),
    }
}

pub(crate) fn check_licence(value: &str) -> SimResult<()> {
    match value {
        "officeBusiness" | "officeProPlus" => Ok(()),
        other => Err(SimError::bad_request(format!("Invalid value for licence: {other} is not a valid LicenseEnum"))),
    }
}

pub(crate) fn check_country(value: &str) -> SimResult<()> {
    let ok = value.len() == 2 && value.bytes().all(|b| b.is_ascii_lowercase());
    if ok { Ok(()) } else { Err(SimError::bad_request(format!("Invalid value for usageLocation: {value}"))) }
}

pub(crate) fn check_subsidiary(subsidiary: String) -> SimResult<String> {
    if SUBSIDIARIES.contains(&subsidiary.as_str()) {
        Ok(subsidiary)
    } else {
        Err(SimError::bad_request(format!("Invalid value for ovhSubsidiary: {subsidiary}")))
    }
}

pub(crate) fn check_login(login: &str) -> SimResult<()> {
    let ok = (1..=64).contains(&login.len())
        && login.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.'".contains(&b))
        && !login.starts_with('.')
        && !login.ends_with('.');
    if ok { Ok(()) } else { Err(SimError::bad_request(format!("Invalid login: {login}"))) }
}

pub(crate) fn no_read_only(map: &serde_json::Map<String, Value>, read_only: &[&str]) -> SimResult<()> {
    match read_only.iter().find(|f| map.contains_key(**f)) {
        Some(f) => Err(SimError::bad_request(format!("Parameter {f} is read-only"))),
        None => Ok(()),
    }
}

pub(crate) fn reject_unknown(map: &serde_json::Map<String, Value>, known: &[&str]) -> SimResult<()> {
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
        for t in self.tenants.values_mut() {
            if t.mca_accepted_at.is_some_and(|at| now >= at) {
                t.mca_agreed = true;
                t.mca_accepted_at = None;
            }
        }
        let step = time::Duration::try_from(self.task_step).unwrap_or(time::Duration::ZERO);
        let ids: Vec<i64> =
            self.tasks.values().filter(|t| t.status == "todo" || t.status == "doing").map(|t| t.id).collect();
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

    pub(crate) fn apply(&mut self, effect: &Effect, task_id: i64) {
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

    pub(crate) fn new_task(&mut self, tenant: &str, function: &str, effect: Effect) -> TaskRec {
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
    pub(crate) fn payg_tenant(&self, account: &str, service_name: &str) -> SimResult<&TenantRec> {
        match self.tenants.get(service_name) {
            Some(t) if !t.prepaid && t.account == account => {
                if t.expired {
                    Err(SimError::expired(service_name))
                } else {
                    Ok(t)
                }
            }
            _ => Err(SimError::not_found("serviceName", service_name)),
        }
    }

    pub(crate) fn licence(&self, account: &str, name: &str) -> SimResult<&LicenceRec> {
        match self.licences.get(name) {
            Some(l) if self.tenants.get(&l.tenant).is_some_and(|t| t.account == account) => {
                if l.expired {
                    Err(SimError::expired(name))
                } else {
                    Ok(l)
                }
            }
            _ => Err(SimError::not_found("serviceName", name)),
        }
    }

    // ---- /license/office --------------------------------------------------------------

    pub(crate) fn pending_ids(&self, tenant: &str) -> Value {
        json!(
            self.tasks
                .values()
                .filter(|t| t.tenant == tenant && (t.status == "todo" || t.status == "doing"))
                .map(|t| t.id)
                .collect::<Vec<_>>()
        )
    }

    pub(crate) fn task_of(&self, tenant: &str, id: i64) -> SimResult {
        match self.tasks.get(&id) {
            Some(t) if t.tenant == tenant => Ok(json::task(t)),
            _ => Err(SimError::not_found("id", &id.to_string())),
        }
    }

    /// Usage per day: today's counts of active licences, for each day of the period.
    pub(crate) fn statistics(&self, counts: BTreeMap<String, i64>, from: Date, to: Date) -> SimResult {
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
                Generation::Classic => Date::parse(v, time::macros::format_description!("[year]-[month]-[day]"))
                    .map(Some)
                    .map_err(|_| bad()),
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

    pub(crate) fn check_password_body(body: &[u8]) -> SimResult<()> {
        let map = body_object(body)?;
        reject_unknown(&map, &["notifyEmail", "password", "shouldSendMail"])?;
        let send = opt_bool(&map, "shouldSendMail")?
            .ok_or_else(|| SimError::bad_request("Missing parameter: shouldSendMail"))?;
        let password = opt_string(&map, "password")?;
        let notify = opt_string(&map, "notifyEmail")?;
        if let Some(p) = &password
            && !(8..=16).contains(&p.chars().count())
        {
            return Err(SimError::bad_request("The password must be 8 to 16 characters long"));
        }
        if password.is_none() && (!send || notify.is_none()) {
            return Err(SimError::bad_request(
                "Without a password, an e-mail must be given to send the generated one to",
            ));
        }
        Ok(())
    }

    // ---- /license/officePrepaid ---------------------------------------------------------

    // ---- /order ---------------------------------------------------------------------------

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
}

/// A tenant with the seed's contact details.
pub fn new_tenant(
    service_name: &str,
    prepaid: bool,
    account: &str,
    creation: OffsetDateTime,
    service_id: i64,
) -> TenantRec {
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
        attestation: None,
        mca_accepted_at: None,
        renew: RenewRec::pay_as_you_go(),
        domains: vec![DomainRec::new(service_name, true)],
        creation,
        expired: false,
        account: account.to_string(),
        users: BTreeMap::new(),
        next_licence: 1001,
    }
}
