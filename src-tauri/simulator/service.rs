//! The simulated billing side of both families: a service's renewal (`PUT …/serviceInfos`),
//! a prepaid licence's termination (`terminate`, then `confirmTermination` with the token
//! OVHcloud e-mails), and a prepaid group's Microsoft Customer Agreement
//! (`parentTenant/createAttestation`, signed at its link, then `acceptAgreement`).

use serde_json::{Map, Value, json};

use super::json;
use super::state::*;

/// `service.TerminationReasonEnum`.
pub const TERMINATION_REASONS: [&str; 14] = [
    "FEATURES_DONT_SUIT_ME",
    "LACK_OF_PERFORMANCES",
    "MIGRATED_TO_ANOTHER_OVH_PRODUCT",
    "MIGRATED_TO_COMPETITOR",
    "NOT_ENOUGH_RECOGNITION",
    "NOT_NEEDED_ANYMORE",
    "NOT_RELIABLE",
    "NO_ANSWER",
    "OTHER",
    "PRODUCT_DIMENSION_DONT_SUIT_ME",
    "PRODUCT_TOOLS_DONT_SUIT_ME",
    "TOO_EXPENSIVE",
    "TOO_HARD_TO_USE",
    "UNSATIFIED_BY_CUSTOMER_SUPPORT",
];

/// `service.TerminationFutureUseEnum`.
pub const TERMINATION_FUTURE_USES: [&str; 5] = [
    "NOT_REPLACING_SERVICE",
    "OTHER",
    "SUBSCRIBE_AN_OTHER_SERVICE",
    "SUBSCRIBE_OTHER_KIND_OF_SERVICE_WITH_COMPETITOR",
    "SUBSCRIBE_SIMILAR_SERVICE_WITH_COMPETITOR",
];

/// `nichandle.LanguageEnum`.
pub const LANGUAGES: [&str; 19] = [
    "cs_CZ", "de_DE", "en_AU", "en_CA", "en_GB", "en_IE", "en_US", "es_ES", "fi_FI", "fr_CA", "fr_FR", "fr_MA",
    "fr_SN", "fr_TN", "it_IT", "lt_LT", "nl_NL", "pl_PL", "pt_PT",
];

/// The fields of `services.Service` a client may not write.
const SERVICE_READ_ONLY: [&str; 12] = [
    "canDeleteAtExpiration",
    "contactAdmin",
    "contactBilling",
    "contactTech",
    "creation",
    "domain",
    "engagedUpTo",
    "expiration",
    "possibleRenewPeriod",
    "renewalType",
    "serviceId",
    "status",
];

fn opt_i64(map: &Map<String, Value>, field: &str) -> SimResult<Option<i64>> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
        Some(_) => Err(SimError::bad_request(format!("Invalid type for parameter {field}: long expected"))),
    }
}

/// Applies a `PUT …/serviceInfos` body to a service's renewal, as OVHcloud checks it.
fn put_renew(renew: &mut RenewRec, expired: bool, service: &str, body: &[u8]) -> SimResult {
    if expired {
        return Err(SimError::expired(service));
    }
    let map = body_object(body)?;
    no_read_only(&map, &SERVICE_READ_ONLY)?;
    reject_unknown(&map, &["renew"])?;
    let Some(value) = map.get("renew").filter(|v| !v.is_null()) else { return Ok(Value::Null) };
    let Value::Object(r) = value else {
        return Err(SimError::bad_request("Invalid type for parameter renew: service.RenewType expected"));
    };
    reject_unknown(r, &["automatic", "deleteAtExpiration", "forced", "manualPayment", "period"])?;
    if renew.terminated {
        return Err(SimError::bad_request(format!(
            "The service {service} is being terminated: its renewal can no longer change"
        )));
    }
    let automatic = opt_bool(r, "automatic")?.unwrap_or(renew.automatic);
    let delete = opt_bool(r, "deleteAtExpiration")?.unwrap_or(renew.delete_at_expiration);
    if opt_bool(r, "forced")? == Some(true) {
        return Err(SimError::bad_request("The renewal of this service cannot be forced"));
    }
    let period = opt_i64(r, "period")?.unwrap_or(renew.period);
    if !renew.possible_periods.contains(&period) {
        let offered: Vec<String> = renew.possible_periods.iter().map(i64::to_string).collect();
        return Err(SimError::bad_request(format!(
            "Invalid value for renew.period: {period} months is not offered for this service (offered: {})",
            offered.join(", ")
        )));
    }
    if automatic && delete {
        return Err(SimError::bad_request("A service renewed automatically cannot also be deleted at expiration"));
    }
    renew.automatic = automatic;
    renew.delete_at_expiration = delete;
    renew.period = period;
    Ok(Value::Null)
}

fn check_enum(value: &str, field: &str, allowed: &[&str]) -> SimResult<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(SimError::bad_request(format!("Invalid value for parameter {field}: {value}")))
    }
}

impl State {
    /// The prepaid group a licence belongs to, which must have accepted the Microsoft
    /// Customer Agreement before its licences can be given to anyone.
    pub(crate) fn agreement_accepted(&self, licence: &str) -> SimResult<()> {
        let tenant = self.licences.get(licence).map(|l| l.tenant.as_str()).unwrap_or_default();
        match self.tenants.get(tenant) {
            Some(t) if !t.mca_agreed => Err(SimError::bad_request(
                "The Microsoft Customer Agreement of this group must be accepted before its licences can be used",
            )),
            _ => Ok(()),
        }
    }

    pub fn office_service_infos_put(&mut self, account: &str, sn: &str, body: &[u8]) -> SimResult {
        let t = match self.tenants.get_mut(sn) {
            Some(t) if !t.prepaid && t.account == account => t,
            _ => return Err(SimError::not_found("serviceName", sn)),
        };
        put_renew(&mut t.renew, t.expired, sn, body)
    }

    pub fn prepaid_service_infos_put(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let owned =
            self.licences.get(name).is_some_and(|l| self.tenants.get(&l.tenant).is_some_and(|t| t.account == account));
        let l = match self.licences.get_mut(name) {
            Some(l) if owned => l,
            _ => return Err(SimError::not_found("serviceName", name)),
        };
        put_renew(&mut l.renew, l.expired, name, body)
    }

    /// `POST /license/officePrepaid/{licence}/terminate`: OVHcloud e-mails a token that
    /// `confirmTermination` needs.
    pub fn prepaid_terminate(&mut self, account: &str, name: &str) -> SimResult {
        let l = self.licence(account, name)?;
        if l.renew.terminated {
            return Err(SimError::bad_request(format!("The service {name} is already terminated")));
        }
        let token = format!("{:08x}{:08x}", self.rng.u32(..), self.rng.u32(..));
        self.licences.get_mut(name).expect("checked").renew.termination_token = Some(token);
        Ok(json!(format!(
            "A termination request has been registered for {name}: confirm it with the token sent by e-mail to the administrator of the account"
        )))
    }

    /// `POST /license/officePrepaid/{licence}/confirmTermination` with the e-mailed token.
    pub fn prepaid_confirm_termination(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let l = self.licence(account, name)?;
        let map = body_object(body)?;
        reject_unknown(&map, &["commentary", "futureUse", "reason", "token"])?;
        let token = req_string(&map, "token")?;
        if let Some(reason) = opt_string(&map, "reason")? {
            check_enum(&reason, "reason", &TERMINATION_REASONS)?;
        }
        if let Some(future) = opt_string(&map, "futureUse")? {
            check_enum(&future, "futureUse", &TERMINATION_FUTURE_USES)?;
        }
        opt_string(&map, "commentary")?;
        if l.renew.terminated {
            return Err(SimError::bad_request(format!("The service {name} is already terminated")));
        }
        match &l.renew.termination_token {
            None => return Err(SimError::bad_request(format!("No termination has been requested for {name}"))),
            Some(expected) if *expected != token => {
                return Err(SimError::bad_request("Invalid token: use the one of the latest termination e-mail"));
            }
            Some(_) => {}
        }
        let today = self.today();
        let l = self.licences.get_mut(name).expect("checked");
        l.renew.termination_token = None;
        l.renew.terminated = true;
        l.renew.automatic = false;
        l.renew.delete_at_expiration = true;
        let end = l.renew.expiration(l.creation.date(), today);
        Ok(json!(format!("The service {name} will be terminated on {end}")))
    }

    /// `POST …/parentTenant/createAttestation`: the signatory form, then a page to sign.
    pub fn create_attestation(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let tenant = self.licence(account, name)?.tenant.clone();
        let map = body_object(body)?;
        let fields = [
            "companyName",
            "country",
            "emailAddress",
            "language",
            "phoneNumber",
            "signatoryFirstName",
            "signatoryLastName",
        ];
        reject_unknown(&map, &fields)?;
        for field in fields {
            if req_string(&map, field)?.trim().is_empty() {
                return Err(SimError::bad_request(format!("Missing parameter: {field}")));
            }
        }
        let country = req_string(&map, "country")?;
        if !(country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(SimError::bad_request(format!("Invalid value for parameter country: {country}")));
        }
        check_enum(&req_string(&map, "language")?, "language", &LANGUAGES)?;
        if !req_string(&map, "emailAddress")?.contains('@') {
            return Err(SimError::bad_request("Invalid value for parameter emailAddress"));
        }
        if self.tenants[&tenant].mca_agreed {
            return Err(SimError::bad_request("The Microsoft Customer Agreement of this group is already accepted"));
        }
        let id = format!("{:08x}-{:04x}", self.rng.u32(..), self.rng.u16(..));
        let link = format!("{}/attestation/{id}", self.base_url.trim_end_matches("/1.0"));
        let rec = AttestationRec { id: id.clone(), link: link.clone(), signed: false, body: map };
        self.tenants.get_mut(&tenant).expect("tenant").attestation = Some(rec);
        Ok(json!({ "attestationId": id, "attestationLink": link }))
    }

    /// `POST …/parentTenant/acceptAgreement`, once the attestation is signed: the group's
    /// `mcaAgreed` turns true a moment later (like a task).
    pub fn accept_agreement(&mut self, account: &str, name: &str) -> SimResult {
        let tenant = self.licence(account, name)?.tenant.clone();
        let at = self.now() + time::Duration::try_from(self.task_step).unwrap_or(time::Duration::ZERO);
        let t = self.tenants.get_mut(&tenant).expect("tenant");
        if t.mca_agreed {
            return Err(SimError::bad_request("The Microsoft Customer Agreement of this group is already accepted"));
        }
        match &t.attestation {
            Some(a) if a.signed => {}
            Some(_) => {
                return Err(SimError::bad_request(
                    "The attestation has not been signed yet: sign it at its link first",
                ));
            }
            None => return Err(SimError::bad_request("No attestation has been created for this group")),
        }
        if t.mca_accepted_at.is_none() {
            t.mca_accepted_at = Some(at);
        }
        Ok(Value::Null)
    }

    /// The customer signs the attestation on its page.
    pub fn sign_attestation(&mut self, attestation_id: &str) -> bool {
        for t in self.tenants.values_mut() {
            if let Some(a) = t.attestation.as_mut().filter(|a| a.id == attestation_id) {
                a.signed = true;
                return true;
            }
        }
        false
    }

    pub fn office_domain_list(&self, account: &str, sn: &str) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        Ok(json!(t.domains.iter().map(|d| &d.name).collect::<Vec<_>>()))
    }

    pub fn office_domain_get(&self, account: &str, sn: &str, domain: &str) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        let d = t.domains.iter().find(|d| d.name == domain).ok_or_else(|| SimError::not_found("domainName", domain))?;
        Ok(json::domain(d))
    }
}
