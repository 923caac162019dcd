//! `/license/officePrepaid` routes: one service per licence, `{tenant}-{n}`.

use std::collections::BTreeMap;

use reqwest::Method;
use time::Date;

use super::client::{Client, Request, path_segment as seg};
use super::error::ApiError;
use super::models::{
    Attestation, AttestationRequest, ChangePassword, LicenceAssignment, PrepaidLicence, ServiceInfos,
    ServiceRenewalUpdate, Statistics, Task, Tenant, TerminationConfirmation, split_licence_name,
};
use super::office::with_period;

fn licence_path(licence: &str) -> String {
    format!("/license/officePrepaid/{}", seg(licence))
}

/// Groups prepaid licence names by their group (the part before the last `-`).
pub fn group_licence_names(names: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in names {
        if let Some((tenant, _)) = split_licence_name(name) {
            groups.entry(tenant.to_string()).or_default().push(name.clone());
        }
    }
    groups
}

impl Client {
    /// `GET /license/officePrepaid`: every prepaid licence's service name, all groups.
    pub async fn prepaid_licence_names(&self) -> Result<Vec<String>, ApiError> {
        self.call(Request::get("/license/officePrepaid")).await
    }

    /// The prepaid groups and their licences' names.
    pub async fn prepaid_groups(&self) -> Result<BTreeMap<String, Vec<String>>, ApiError> {
        Ok(group_licence_names(&self.prepaid_licence_names().await?))
    }

    /// `GET /license/officePrepaid/{licence}`.
    pub async fn prepaid_licence(&self, licence: &str) -> Result<PrepaidLicence, ApiError> {
        self.call(Request::get(licence_path(licence))).await
    }

    /// Every licence of the prepaid group `tenant`, in pages of full objects when the
    /// server allows it, else one GET per licence of the group (bounded concurrency).
    pub async fn prepaid_licences(&self, tenant: &str) -> Result<Vec<PrepaidLicence>, ApiError> {
        let prefix = format!("{tenant}-");
        self.list_objects(
            Request::get("/license/officePrepaid"),
            licence_path,
            |name| name.starts_with(&prefix) && split_licence_name(name).is_some_and(|(t, _)| t == tenant),
            |l: &PrepaidLicence| l.service_name.clone(),
        )
        .await
    }

    /// Every prepaid licence of the account (all groups), in pages of full objects when
    /// the server allows it, else one GET per licence (bounded concurrency).
    pub async fn all_prepaid_licences(&self) -> Result<Vec<PrepaidLicence>, ApiError> {
        self.list_objects(
            Request::get("/license/officePrepaid"),
            licence_path,
            |name| split_licence_name(name).is_some(),
            |l: &PrepaidLicence| l.service_name.clone(),
        )
        .await
    }

    /// `PUT /license/officePrepaid/{licence}`: gives a free slot to a user, or edits the
    /// user holding the licence (idempotent).
    pub async fn configure_licence(&self, licence: &str, assignment: &LicenceAssignment) -> Result<(), ApiError> {
        self.call_void(Request::new(Method::PUT, licence_path(licence)).json(assignment).idempotent(true)).await
    }

    /// `POST /license/officePrepaid/{licence}/unconfigure`: takes the licence back from
    /// its user; it becomes a free slot again.
    pub async fn unconfigure_licence(&self, licence: &str) -> Result<Task, ApiError> {
        self.call(Request::new(Method::POST, format!("{}/unconfigure", licence_path(licence)))).await
    }

    /// `POST /license/officePrepaid/{licence}/changePassword`.
    pub async fn change_licence_password(&self, licence: &str, change: &ChangePassword) -> Result<Task, ApiError> {
        self.call(Request::new(Method::POST, format!("{}/changePassword", licence_path(licence))).json(change)).await
    }

    /// `GET /license/officePrepaid/{licence}/parentTenant`: the group the licence is in.
    pub async fn parent_tenant(&self, licence: &str) -> Result<Tenant, ApiError> {
        self.call(Request::get(format!("{}/parentTenant", licence_path(licence)))).await
    }

    /// Renames a prepaid group through any of its licences:
    /// `PUT /license/officePrepaid/{licence}/parentTenant` `{displayName}` (idempotent).
    pub async fn rename_prepaid_group(&self, licence: &str, display_name: &str) -> Result<(), ApiError> {
        let body = serde_json::json!({ "displayName": display_name });
        let request = Request::new(Method::PUT, format!("{}/parentTenant", licence_path(licence))).json(&body);
        self.call_void(request.idempotent(true)).await
    }

    /// `GET /license/officePrepaid/{licence}/serviceInfos` (`expiration` = next payment).
    pub async fn prepaid_service_infos(&self, licence: &str) -> Result<ServiceInfos, ApiError> {
        self.call(Request::get(format!("{}/serviceInfos", licence_path(licence)))).await
    }

    /// `PUT /license/officePrepaid/{licence}/serviceInfos`: how the licence renews
    /// (idempotent).
    pub async fn update_prepaid_renewal(&self, licence: &str, update: &ServiceRenewalUpdate) -> Result<(), ApiError> {
        let request = Request::new(Method::PUT, format!("{}/serviceInfos", licence_path(licence))).json(update);
        self.call_void(request.idempotent(true)).await
    }

    /// `POST …/parentTenant/createAttestation`: the page where the group's Microsoft
    /// Customer Agreement is signed.
    pub async fn create_attestation(
        &self,
        licence: &str,
        request: &AttestationRequest,
    ) -> Result<Attestation, ApiError> {
        let path = format!("{}/parentTenant/createAttestation", licence_path(licence));
        self.call(Request::new(Method::POST, path).json(request)).await
    }

    /// `POST …/parentTenant/acceptAgreement`, once the attestation is signed.
    pub async fn accept_agreement(&self, licence: &str) -> Result<(), ApiError> {
        self.call_void(Request::new(Method::POST, format!("{}/parentTenant/acceptAgreement", licence_path(licence))))
            .await
    }

    /// `POST /license/officePrepaid/{licence}/terminate`: OVHcloud e-mails a token to
    /// confirm with. Answers OVHcloud's message.
    pub async fn terminate_licence(&self, licence: &str) -> Result<String, ApiError> {
        self.call(Request::new(Method::POST, format!("{}/terminate", licence_path(licence)))).await
    }

    /// `POST /license/officePrepaid/{licence}/confirmTermination`.
    pub async fn confirm_termination(
        &self,
        licence: &str,
        confirmation: &TerminationConfirmation,
    ) -> Result<String, ApiError> {
        let path = format!("{}/confirmTermination", licence_path(licence));
        self.call(Request::new(Method::POST, path).json(confirmation)).await
    }

    /// `GET /license/officePrepaid/{licence}/tenantPendingTask`: the group's unfinished tasks.
    pub async fn tenant_pending_tasks(&self, licence: &str) -> Result<Vec<i64>, ApiError> {
        self.call(Request::get(format!("{}/tenantPendingTask", licence_path(licence)))).await
    }

    /// `GET /license/officePrepaid/{licence}/tenantPendingTask/{id}`.
    pub async fn tenant_task(&self, licence: &str, id: i64) -> Result<Task, ApiError> {
        self.call(Request::get(format!("{}/tenantPendingTask/{id}", licence_path(licence)))).await
    }

    /// `GET /license/officePrepaid/{licence}/tenantUsageStatistics` for `from..=to`.
    pub async fn tenant_usage_statistics(
        &self,
        licence: &str,
        from: Date,
        to: Date,
    ) -> Result<Vec<Statistics>, ApiError> {
        let request = Request::get(format!("{}/tenantUsageStatistics", licence_path(licence)));
        self.call(with_period(request, self.generation(), from, to)).await
    }
}
