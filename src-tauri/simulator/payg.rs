//! The simulated `/license/office` (pay-as-you-go): groups, their domains and service
//! information, users (created, edited, deleted through tasks), passwords, tasks and usage.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::json;
use super::state::*;
use crate::Generation;

impl State {
    pub fn office_list(&self, account: &str) -> Value {
        json!(
            self.tenants
                .values()
                .filter(|t| !t.prepaid && t.account == account)
                .map(|t| &t.service_name)
                .collect::<Vec<_>>()
        )
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

    pub fn office_service_infos(&self, account: &str, sn: &str) -> SimResult {
        match self.tenants.get(sn) {
            Some(t) if !t.prepaid && t.account == account => Ok(json::service_infos(
                t.service_id,
                &t.service_name,
                t.creation.date(),
                self.today(),
                t.expired,
                &t.account,
                &t.renew,
            )),
            _ => Err(SimError::not_found("serviceName", sn)),
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

    pub fn office_usage(&self, account: &str, sn: &str, query: &BTreeMap<String, String>) -> SimResult {
        let t = self.payg_tenant(account, sn)?;
        let (from, to) = self.period(query)?;
        let mut counts = BTreeMap::new();
        for u in t.users.values().filter(|u| u.status == "ok") {
            *counts.entry(u.licence.clone()).or_insert(0) += 1;
        }
        self.statistics(counts, from, to)
    }

    pub(crate) fn user_matches(u: &UserRec, query: &BTreeMap<String, String>) -> bool {
        query.get("activationEmail").is_none_or(|p| is_like(&u.activation_email, p))
            && query.get("firstName").is_none_or(|p| is_like(&u.first_name, p))
            && query.get("lastName").is_none_or(|p| is_like(&u.last_name, p))
            && query.get("licences").is_none_or(|l| &u.licence == l)
    }

    /// The users of a PAYG tenant: ids, or full objects for paged answers.
    pub fn office_users(
        &self,
        account: &str,
        sn: &str,
        query: &BTreeMap<String, String>,
    ) -> SimResult<Vec<(String, Value)>> {
        let t = self.payg_tenant(account, sn)?;
        if let Some(l) = query.get("licences") {
            check_licence(l)?;
        }
        Ok(t.users
            .values()
            .filter(|u| Self::user_matches(u, query))
            .map(|u| (u.activation_email.clone(), json::payg_user(u)))
            .collect())
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
        if !t.domains.iter().any(|d| d.name == domain) {
            return Err(SimError::bad_request(format!("Domain {domain} is not a domain of this tenant")));
        }
        if !t.usable_domain(&domain) {
            return Err(SimError::bad_request(format!("Domain {domain} is not verified yet")));
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
        let task = self.new_task(
            sn,
            "addOffice365UserPaygNCE",
            Effect::CreateUser { tenant: sn.into(), email: email.clone() },
        );
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

    pub(crate) fn ready_user(&self, account: &str, sn: &str, email: &str) -> SimResult<&UserRec> {
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
            if !self.tenants[sn].usable_domain(domain) {
                return Err(SimError::bad_request(format!("Domain {domain} is not a verified domain of this tenant")));
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
        let task = self.new_task(
            sn,
            "deleteOffice365UserPaygNCE",
            Effect::DeleteUser { tenant: sn.into(), email: email.into() },
        );
        let u = self.tenants.get_mut(sn).and_then(|t| t.users.get_mut(email)).expect("checked");
        u.status = "deleting".into();
        u.task_pending_id = task.id;
        Ok(json::task(&task))
    }

    pub fn office_change_password(&mut self, account: &str, sn: &str, email: &str, body: &[u8]) -> SimResult {
        self.ready_user(account, sn, email)?;
        Self::check_password_body(body)?;
        let task = self.new_task(
            sn,
            "changePasswordOffice365User",
            Effect::UserPassword { tenant: sn.into(), email: email.into() },
        );
        let u = self.tenants.get_mut(sn).and_then(|t| t.users.get_mut(email)).expect("checked");
        u.task_pending_id = task.id;
        Ok(json::task(&task))
    }
}
