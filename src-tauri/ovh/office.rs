//! `/license/office` routes (pay-as-you-go groups).

use reqwest::Method;
use time::Date;

use super::client::{Client, Request, path_segment as seg};
use super::endpoint::Generation;
use super::error::ApiError;
use super::models::{
    ChangePassword, Domain, NewOfficeUser, OfficeUser, OfficeUserFilter, OfficeUserUpdate, ServiceInfos,
    ServiceRenewalUpdate, Statistics, Task, Tenant, TenantUpdate,
};

fn tenant_path(service_name: &str) -> String {
    format!("/license/office/{}", seg(service_name))
}

fn user_path(service_name: &str, email: &str) -> String {
    format!("{}/user/{}", tenant_path(service_name), seg(email))
}

/// Adds the usage-statistics period in the format the endpoint's generation expects.
pub(crate) fn with_period(request: Request, generation: Generation, from: Date, to: Date) -> Request {
    match generation {
        Generation::Classic => request.query("from", from.to_string()).query("to", to.to_string()),
        Generation::Native => {
            request.query("from", format!("{from}T00:00:00+00:00")).query("to", format!("{to}T23:59:59+00:00"))
        }
    }
}

impl Client {
    /// `GET /license/office`: the service names of the pay-as-you-go groups.
    pub async fn office_groups(&self) -> Result<Vec<String>, ApiError> {
        self.call(Request::get("/license/office")).await
    }

    /// `GET /license/office/{serviceName}`.
    pub async fn office_group(&self, service_name: &str) -> Result<Tenant, ApiError> {
        self.call(Request::get(tenant_path(service_name))).await
    }

    /// `PUT /license/office/{serviceName}`: edits the group (idempotent).
    pub async fn update_office_group(&self, service_name: &str, update: &TenantUpdate) -> Result<(), ApiError> {
        self.call_void(Request::new(Method::PUT, tenant_path(service_name)).json(update).idempotent(true)).await
    }

    /// Renames a pay-as-you-go group: `PUT /license/office/{serviceName}` `{displayName}`.
    pub async fn rename_office_group(&self, service_name: &str, display_name: &str) -> Result<(), ApiError> {
        let update = TenantUpdate { display_name: Some(display_name.to_string()), ..TenantUpdate::default() };
        self.update_office_group(service_name, &update).await
    }

    /// `GET /license/office/{serviceName}/domain`: the domains logins may use.
    pub async fn office_domains(&self, service_name: &str) -> Result<Vec<String>, ApiError> {
        self.call(Request::get(format!("{}/domain", tenant_path(service_name)))).await
    }

    /// `GET /license/office/{serviceName}/domain/{domainName}`.
    pub async fn office_domain(&self, service_name: &str, domain: &str) -> Result<Domain, ApiError> {
        self.call(Request::get(format!("{}/domain/{}", tenant_path(service_name), seg(domain)))).await
    }

    /// `GET /license/office/{serviceName}/serviceInfos`.
    pub async fn office_service_infos(&self, service_name: &str) -> Result<ServiceInfos, ApiError> {
        self.call(Request::get(format!("{}/serviceInfos", tenant_path(service_name)))).await
    }

    /// `PUT /license/office/{serviceName}/serviceInfos`: how the group renews (idempotent).
    pub async fn update_office_renewal(
        &self,
        service_name: &str,
        update: &ServiceRenewalUpdate,
    ) -> Result<(), ApiError> {
        let request = Request::new(Method::PUT, format!("{}/serviceInfos", tenant_path(service_name))).json(update);
        self.call_void(request.idempotent(true)).await
    }

    /// `GET /license/office/{serviceName}/pendingTask`: ids of unfinished tasks.
    pub async fn office_pending_tasks(&self, service_name: &str) -> Result<Vec<i64>, ApiError> {
        self.call(Request::get(format!("{}/pendingTask", tenant_path(service_name)))).await
    }

    /// `GET /license/office/{serviceName}/pendingTask/{id}`.
    pub async fn office_task(&self, service_name: &str, id: i64) -> Result<Task, ApiError> {
        self.call(Request::get(format!("{}/pendingTask/{id}", tenant_path(service_name)))).await
    }

    /// `GET /license/office/{serviceName}/usageStatistics` for the days `from..=to`.
    pub async fn office_usage_statistics(
        &self,
        service_name: &str,
        from: Date,
        to: Date,
    ) -> Result<Vec<Statistics>, ApiError> {
        let request = Request::get(format!("{}/usageStatistics", tenant_path(service_name)));
        self.call(with_period(request, self.generation(), from, to)).await
    }

    /// `GET /license/office/{serviceName}/user`: activation e-mails, optionally filtered.
    pub async fn office_user_emails(
        &self,
        service_name: &str,
        filter: &OfficeUserFilter,
    ) -> Result<Vec<String>, ApiError> {
        let mut request = Request::get(format!("{}/user", tenant_path(service_name)));
        if let Some(v) = &filter.activation_email {
            request = request.query("activationEmail", v.clone());
        }
        if let Some(v) = &filter.first_name {
            request = request.query("firstName", v.clone());
        }
        if let Some(v) = &filter.last_name {
            request = request.query("lastName", v.clone());
        }
        if let Some(v) = &filter.licences {
            request = request.query("licences", v.as_str());
        }
        self.call(request).await
    }

    /// `GET /license/office/{serviceName}/user/{activationEmail}`.
    pub async fn office_user(&self, service_name: &str, email: &str) -> Result<OfficeUser, ApiError> {
        self.call(Request::get(user_path(service_name, email))).await
    }

    /// Every user of a pay-as-you-go group, in pages of full objects when the server
    /// allows it, else one GET per user (bounded concurrency).
    pub async fn office_users(&self, service_name: &str) -> Result<Vec<OfficeUser>, ApiError> {
        let list = Request::get(format!("{}/user", tenant_path(service_name)));
        self.list_objects(
            list,
            |email| user_path(service_name, email),
            |_| true,
            |u: &OfficeUser| u.activation_email.clone(),
        )
        .await
    }

    /// `POST /license/office/{serviceName}/user`: creates a user with a licence. Not
    /// idempotent: never retried by the client.
    pub async fn create_office_user(&self, service_name: &str, user: &NewOfficeUser) -> Result<Task, ApiError> {
        self.call(Request::new(Method::POST, format!("{}/user", tenant_path(service_name))).json(user)).await
    }

    /// `PUT /license/office/{serviceName}/user/{activationEmail}` (idempotent).
    pub async fn update_office_user(
        &self,
        service_name: &str,
        email: &str,
        update: &OfficeUserUpdate,
    ) -> Result<(), ApiError> {
        self.call_void(Request::new(Method::PUT, user_path(service_name, email)).json(update).idempotent(true)).await
    }

    /// `DELETE /license/office/{serviceName}/user/{activationEmail}`: frees the licence.
    pub async fn delete_office_user(&self, service_name: &str, email: &str) -> Result<Task, ApiError> {
        self.call(Request::new(Method::DELETE, user_path(service_name, email))).await
    }

    /// `POST /license/office/{serviceName}/user/{activationEmail}/changePassword`.
    pub async fn change_office_user_password(
        &self,
        service_name: &str,
        email: &str,
        change: &ChangePassword,
    ) -> Result<Task, ApiError> {
        let path = format!("{}/changePassword", user_path(service_name, email));
        self.call(Request::new(Method::POST, path).json(change)).await
    }
}
