//! The simulated `/license/officePrepaid`: each licence its own service, grouped by
//! tenant; slots configured and unconfigured through tasks, passwords, the parent tenant
//! (display name), service information, tasks and usage.

use std::collections::BTreeMap;

use serde_json::Value;

use super::json;
use super::state::*;

impl State {
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
        self.agreement_accepted(name)?;
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
            let taken = self
                .licences
                .values()
                .any(|o| o.tenant == l.tenant && o.service_name != l.service_name && &o.activation_email == e);
            if taken {
                return Err(SimError::conflict(format!("The user {e} already exists")));
            }
        }
        if l.is_virtual && (email.is_none() || first.is_none() || last.is_none()) {
            return Err(SimError::bad_request(
                "activationEmail, firstName and lastName are required to configure a licence",
            ));
        }
        let task = if l.is_virtual {
            Some(self.new_task(
                &l.tenant,
                "configureOffice365UserNCE",
                Effect::ConfigureLicence { licence: name.into() },
            ))
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
        self.agreement_accepted(name)?;
        if l.is_virtual {
            return Err(SimError::conflict(format!("The licence {name} is not configured")));
        }
        if l.status != "ok" || l.task_pending_id != 0 {
            return Err(SimError::conflict(format!("A task is already in progress for {name}")));
        }
        let task = self.new_task(
            &l.tenant,
            "unconfigureOffice365UserNCE",
            Effect::UnconfigureLicence { licence: name.into() },
        );
        let rec = self.licences.get_mut(name).expect("checked");
        rec.status = "deleting".into();
        rec.task_pending_id = task.id;
        Ok(json::task(&task))
    }

    pub fn prepaid_change_password(&mut self, account: &str, name: &str, body: &[u8]) -> SimResult {
        let l = self.licence(account, name)?.clone();
        self.agreement_accepted(name)?;
        if l.is_virtual {
            return Err(SimError::conflict(format!("The licence {name} is not configured")));
        }
        if l.status != "ok" || l.task_pending_id != 0 {
            return Err(SimError::conflict(format!("A task is already in progress for {name}")));
        }
        Self::check_password_body(body)?;
        let task = self.new_task(
            &l.tenant,
            "changePasswordOffice365UserNCE",
            Effect::LicencePassword { licence: name.into() },
        );
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
                &l.renew,
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
}
