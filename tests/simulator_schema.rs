//! The simulator against OVHcloud's own schemas (`shared/ovh/schema/`): every answer it
//! gives on every route the client uses must match the operation's `responseType`, and
//! every body the client sends must match the operation's body parameter. The small
//! validator doing the checking is tested first, on values it must reject.

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use seatkeeper::domain::{RenewalSettings, TerminationFutureUse, TerminationReason};
use seatkeeper::ovh::models::{
    AccessRule, AttestationRequest, ChangePassword, CredentialRequest, LicenceAssignment, LicenceKind, NewOfficeUser,
    OfficeUserFilter, OfficeUserUpdate, PLAN_APPS_FOR_BUSINESS, ServiceRenewalUpdate, TenantUpdate,
    TerminationConfirmation,
};
use seatkeeper::ovh::{Client, Generation, LicenceOrder, OrderOutcome};
use seatkeeper::secrets::Secret;
use seatkeeper_simulator::{
    self as simulator, self, DEMO_PAYG_TENANT, DEMO_PREPAID_TENANT, Fault, FaultRule, PagingSupport, Seed,
    SimulatorConfig, SimulatorHandle,
};
use serde_json::{Value, json};
use support::schema::{Direction, Schemas};
use support::{endpoint, fast_config, start};

const NATIVE: [&str; 5] = [
    "auth.json",
    "license_office.json",
    "license_officePrepaid.json",
    "order_office_subset.json",
    "me_order_subset.json",
];
const CLASSIC: [&str; 5] = [
    "auth.json",
    "license_office.ca-2024.json",
    "license_officePrepaid.json",
    "order_office_subset.json",
    "me_order_subset.json",
];
const PAYG: &str = DEMO_PAYG_TENANT;
const PREPAID: &str = DEMO_PREPAID_TENANT;

// ---- the validator itself ------------------------------------------------------------

fn errors(schemas: &Schemas, file: &str, ty: &str, value: Value, dir: Direction) -> Vec<String> {
    schemas.check(file, ty, &value, dir).err().unwrap_or_default()
}

#[test]
fn the_validator_accepts_good_values_and_rejects_wrong_ones() {
    let s = Schemas::load(&NATIVE);
    let f = "license_office.json";
    let task = json!({"id": 581553, "function": "deleteOffice365UserPaygNCE", "status": "todo",
                      "todoDate": "2025-01-09T11:20:52+01:00", "finishDate": null});
    let task_type = "license.office.OfficeTaskNative";
    assert_eq!(errors(&s, f, task_type, task.clone(), Direction::Response), Vec::<String>::new());

    let with = |field: &str, v: Value| {
        let mut t = task.clone();
        t[field] = v;
        t
    };
    let bad_tasks = [
        with("status", json!("finished")),
        with("todoDate", json!("2025-01-09 11:20:52")),
        with("todoDate", json!("2025-01-09T11:20:52")),
        with("id", json!("581553")),
        with("id", json!(1.5)),
        with("function", Value::Null),
        with("surprise", json!(true)),
    ];
    for bad in bad_tasks {
        assert!(!errors(&s, f, task_type, bad.clone(), Direction::Response).is_empty(), "accepted {bad}");
    }
    let mut missing = task.clone();
    missing.as_object_mut().unwrap().remove("function");
    assert_eq!(errors(&s, f, task_type, missing, Direction::Response), vec!["$.function: missing"]);

    // Arrays of nested models, enums inside, dates.
    let stats = "license.office.OfficeCurrentStatisticsNative[]";
    let good = json!([{"date": "2025-02-12", "lines": [{"licenceType": "officeBusiness", "endOfDayCount": 3, "peakCount": 3}]}]);
    assert!(errors(&s, f, stats, good, Direction::Response).is_empty());
    for bad in [
        json!([{"date": "2025-2-12", "lines": []}]),
        json!([{"date": "2025-02-30", "lines": []}]),
        json!([{"date": "2025-02-12", "lines": [{"licenceType": "officeDeluxe", "endOfDayCount": 3, "peakCount": 3}]}]),
        json!([{"date": "2025-02-12", "lines": {}}]),
        json!({"date": "2025-02-12", "lines": []}),
    ] {
        assert!(!errors(&s, f, stats, bad.clone(), Direction::Response).is_empty(), "accepted {bad}");
    }

    // Aliased primitives, uuids and maps.
    let service = "services.Service";
    let infos = json!({"canDeleteAtExpiration": true, "contactAdmin": "ab1-ovh", "contactBilling": "ab1-ovh",
        "contactTech": "ab1-ovh", "creation": "2024-01-01", "domain": "x", "engagedUpTo": null, "expiration": "2025-01-01",
        "possibleRenewPeriod": [1], "renew": null, "renewalType": "automaticV2016", "serviceId": 1, "status": "ok"});
    assert!(errors(&s, f, service, infos.clone(), Direction::Response).is_empty());
    let mut bad = infos.clone();
    bad["contactAdmin"] = json!(5);
    assert!(!errors(&s, f, service, bad, Direction::Response).is_empty());
    let tenant = "license.office.OfficeTenantNativeWithIAM";
    let mut t = json!({"address": "a", "city": "c", "creationDate": "2024-01-01T00:00:00+00:00", "displayName": "d",
        "firstName": "f", "lastName": "l", "mcaAgreed": true, "phone": "+33.1", "serviceName": "s", "serviceType": "payAsYouGo",
        "status": "ok", "zipCode": "z",
        "iam": {"id": "8b5c1e2a-0000-4000-8000-000000000001", "urn": "urn:x", "displayName": null, "state": "OK", "tags": {"a": "b"}}});
    assert!(errors(&s, f, tenant, t.clone(), Direction::Response).is_empty());
    t["iam"]["id"] = json!("not-a-uuid");
    t["iam"]["tags"] = json!({"a": 1});
    assert_eq!(errors(&s, f, tenant, t, Direction::Response).len(), 2);

    // Request bodies: required fields, read-only fields.
    let post_user = "license.office.PostUserNative";
    assert!(
        errors(&s, f, post_user, json!({"domain": "d", "login": "l", "licence": "officeBusiness"}), Direction::Request)
            .is_empty()
    );
    assert_eq!(errors(&s, f, post_user, json!({"domain": "d"}), Direction::Request), vec!["$.login: required"]);
    assert!(
        !errors(&s, f, post_user, json!({"domain": "d", "login": "l", "usageLocation": "FR"}), Direction::Request)
            .is_empty()
    );
    let put_parent = "license.officePrepaid.OfficeTenantPutParentTenant";
    let p = "license_officePrepaid.json";
    assert!(errors(&s, p, put_parent, json!({"displayName": "x"}), Direction::Request).is_empty());
    assert!(!errors(&s, p, put_parent, json!({"displayName": "x", "serviceName": "y"}), Direction::Request).is_empty());

    // Operations are found by their templates.
    let op = s.find("DELETE", "/license/office/t/user/a@t").unwrap();
    assert_eq!(op.path, "/license/office/{serviceName}/user/{activationEmail}");
    assert_eq!(
        s.find("GET", "/license/officePrepaid/t-1/parentTenant").unwrap().path,
        "/license/officePrepaid/{serviceName}/parentTenant"
    );
    assert_eq!(s.find("GET", "/order/cart/c1/checkout").unwrap().response_type, "order.Order");
    assert!(s.find("PATCH", "/license/office/t").is_none());
    assert!(s.find("GET", "/license/office/t/nothing").is_none());
}

// ---- the simulator against the schemas -----------------------------------------------

/// Checks every exchange of the simulator's log; answers the operations covered.
fn check_log(schemas: &Schemas, sim: &SimulatorHandle) -> BTreeSet<String> {
    let mut covered = BTreeSet::new();
    let mut problems = Vec::new();
    for e in sim.requests() {
        let Some(op) = schemas.find(&e.method, &e.path) else {
            problems.push(format!("{} {}: no such operation in the schemas", e.method, e.path));
            continue;
        };
        let name = format!("{} {}", op.method, op.path);
        if !e.request_body.is_empty() {
            match serde_json::from_str::<Value>(&e.request_body) {
                Ok(body) => {
                    if let Err(errs) = schemas.check_request(op, &body) {
                        problems.push(format!("request of {name}: {errs:?} in {}", e.request_body));
                    }
                }
                Err(err) => problems.push(format!("request of {name}: not JSON ({err})")),
            }
        }
        let body: Value = if e.response_body.is_empty() {
            Value::Null
        } else {
            match serde_json::from_str(&e.response_body) {
                Ok(v) => v,
                Err(err) => {
                    problems.push(format!("answer of {name}: not JSON ({err})"));
                    continue;
                }
            }
        };
        if !(200..300).contains(&e.status) {
            let api_shape = body["class"].is_string() && body["message"].is_string();
            let auth_shape =
                body["errorCode"].is_string() && body["httpCode"].is_string() && body["message"].is_string();
            if !(api_shape || auth_shape) {
                problems.push(format!("{name} {}: not an OVHcloud error body: {body}", e.status));
            }
            continue;
        }
        let paged = e.pagination_mode.is_some() && body.as_array().is_some_and(|a| a.iter().any(Value::is_object));
        let result = if paged {
            // Full objects instead of ids: each is what the object's own GET returns.
            let object_op = schemas.find("GET", &format!("{}/x", e.path)).expect("an object route");
            body.as_array().unwrap().iter().try_for_each(|o| schemas.check_response(object_op, o))
        } else {
            schemas.check_response(op, &body)
        };
        match result {
            Ok(()) => {
                covered.insert(name);
            }
            Err(errs) => problems.push(format!("answer of {name}: {errs:?} in {body}")),
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    covered
}

/// Calls every `/license/office` route the client has.
async fn office_scenario(sim: &SimulatorHandle, client: &Client) {
    let step = Duration::from_secs(10);
    client.office_groups().await.unwrap();
    client.office_group(PAYG).await.unwrap();
    client
        .update_office_group(
            PAYG,
            &TenantUpdate { display_name: Some("A".into()), city: Some("Lille".into()), ..Default::default() },
        )
        .await
        .unwrap();
    let domains = client.office_domains(PAYG).await.unwrap();
    for d in &domains {
        client.office_domain(PAYG, d).await.unwrap();
    }
    let domain = domains[0].clone();
    client.office_service_infos(PAYG).await.unwrap();
    let manual = RenewalSettings { automatic: false, delete_at_expiration: false, period_months: 1 };
    client.update_office_renewal(PAYG, &ServiceRenewalUpdate::from(&manual)).await.unwrap();
    let yearly = RenewalSettings { automatic: true, delete_at_expiration: false, period_months: 12 };
    assert!(client.update_office_renewal(PAYG, &ServiceRenewalUpdate::from(&yearly)).await.is_err(), "monthly only");
    client.office_users(PAYG).await.unwrap();
    let filter = OfficeUserFilter {
        licences: Some(LicenceKind::OfficeProPlus),
        last_name: Some("doe".into()),
        ..Default::default()
    };
    let emails = client.office_user_emails(PAYG, &filter).await.unwrap();
    client.office_user(PAYG, &emails[0]).await.unwrap();
    let new = NewOfficeUser {
        domain: domain.clone(),
        login: "grace.hopper".into(),
        first_name: Some("Grace".into()),
        last_name: Some("Hopper".into()),
        licence: LicenceKind::OfficeBusiness,
        usage_location: Some("us".into()),
    };
    let task = client.create_office_user(PAYG, &new).await.unwrap();
    let email = format!("grace.hopper@{domain}");
    client.office_user(PAYG, &email).await.unwrap();
    client.office_pending_tasks(PAYG).await.unwrap();
    client.office_task(PAYG, task.id).await.unwrap();
    sim.advance(step);
    client.office_task(PAYG, task.id).await.unwrap();
    sim.advance(step);
    client.office_task(PAYG, task.id).await.unwrap();
    let update = OfficeUserUpdate {
        activation_email: Some(format!("g.hopper@{domain}")),
        first_name: Some("Grace B.".into()),
        last_name: None,
        usage_location: Some("fr".into()),
        delete_at_expiration: Some(false),
    };
    client.update_office_user(PAYG, &email, &update).await.unwrap();
    let email = format!("g.hopper@{domain}");
    let change = ChangePassword {
        password: Some(Secret::new("Aa1!bbbbCC")),
        should_send_mail: true,
        notify_email: Some("it@x.example".into()),
    };
    client.change_office_user_password(PAYG, &email, &change).await.unwrap();
    sim.advance(step * 2);
    client.delete_office_user(PAYG, &email).await.unwrap();
    client.office_user(PAYG, &email).await.unwrap();
    let today = sim.state().today();
    client.office_usage_statistics(PAYG, today - time::Duration::days(3), today).await.unwrap();
    // Errors too must have OVHcloud's shape.
    assert!(client.office_group("nothing.o365.ovh.com").await.is_err());
    assert!(client.delete_office_user(PAYG, &email).await.is_err());
}

#[tokio::test]
async fn every_native_answer_and_body_matches_the_schemas() {
    let schemas = Schemas::load(&NATIVE);
    let (sim, client) = start(SimulatorConfig::for_tests(Seed::demo())).await;
    let step = Duration::from_secs(10);

    // /auth
    let mut config = fast_config(endpoint(&sim));
    config.consumer_key = None;
    let fresh = Client::new(config).unwrap();
    let rules = CredentialRequest {
        access_rules: AccessRule::seatkeeper(),
        redirection: Some("https://x.example/".into()),
        allowed_ips: None,
    };
    let pending = fresh.request_credential(&rules).await.unwrap();
    fresh.set_consumer_key(Some(pending.consumer_key.clone()));
    assert!(fresh.current_credential().await.is_err());
    sim.validate_credential(pending.consumer_key.expose(), simulator::ACCOUNT);
    fresh.current_credential().await.unwrap();
    fresh.logout().await.unwrap();
    client.server_time().await.unwrap();
    client.current_credential().await.unwrap();

    office_scenario(&sim, &client).await;

    // /license/officePrepaid
    let names = client.prepaid_licence_names().await.unwrap();
    let licences = client.prepaid_licences(PREPAID).await.unwrap();
    let slot = licences.iter().find(|l| l.is_unconfigured()).unwrap().service_name.clone();
    client.prepaid_licence(&names[0]).await.unwrap();
    client.parent_tenant(&slot).await.unwrap();
    client.rename_prepaid_group(&slot, "B").await.unwrap();
    let assignment = LicenceAssignment {
        activation_email: Some(format!("alan.turing@{PREPAID}")),
        first_name: Some("Alan".into()),
        last_name: Some("Turing".into()),
        usage_location: Some("gb".into()),
    };
    client.configure_licence(&slot, &assignment).await.unwrap();
    client.prepaid_licence(&slot).await.unwrap();
    let pending = client.tenant_pending_tasks(&slot).await.unwrap();
    client.tenant_task(&slot, pending[0]).await.unwrap();
    sim.advance(step * 2);
    client.tenant_task(&slot, pending[0]).await.unwrap();
    let change = ChangePassword { password: None, should_send_mail: true, notify_email: Some("it@x.example".into()) };
    client.change_licence_password(&slot, &change).await.unwrap();
    sim.advance(step * 2);
    client.unconfigure_licence(&slot).await.unwrap();
    client.prepaid_licence(&slot).await.unwrap();
    client.prepaid_service_infos(&slot).await.unwrap();
    let today = sim.state().today();
    client.tenant_usage_statistics(&slot, today - time::Duration::days(3), today).await.unwrap();

    // Renewal, termination and the Microsoft Customer Agreement.
    let stop = RenewalSettings { automatic: false, delete_at_expiration: true, period_months: 12 };
    client.update_prepaid_renewal(&names[0], &ServiceRenewalUpdate::from(&stop)).await.unwrap();
    let six = RenewalSettings { period_months: 6, ..stop };
    assert!(client.update_prepaid_renewal(&names[0], &ServiceRenewalUpdate::from(&six)).await.is_err());
    client.terminate_licence(&names[2]).await.unwrap();
    let mut confirmation = TerminationConfirmation {
        token: "not-the-token".into(),
        reason: Some(TerminationReason::TooExpensive),
        future_use: Some(TerminationFutureUse::SubscribeSimilarServiceWithCompetitor),
        commentary: Some("Fewer staff".into()),
    };
    assert!(client.confirm_termination(&names[2], &confirmation).await.is_err());
    confirmation.token = sim.termination_token(&names[2]).unwrap();
    client.confirm_termination(&names[2], &confirmation).await.unwrap();
    assert!(client.prepaid_service_infos(&names[2]).await.unwrap().renew.unwrap().delete_at_expiration);
    sim.set_agreement(PREPAID, false);
    let signatory = AttestationRequest {
        company_name: "Contoso".into(),
        country: "FR".into(),
        email_address: "camille@contoso.example".into(),
        language: "fr_FR".into(),
        phone_number: "+33972101007".into(),
        signatory_first_name: "Camille".into(),
        signatory_last_name: "Martin".into(),
    };
    client.create_attestation(&names[0], &signatory).await.unwrap();
    assert!(client.accept_agreement(&names[0]).await.is_err(), "not signed yet");
    assert!(sim.sign_attestation(PREPAID));
    client.accept_agreement(&names[0]).await.unwrap();
    sim.advance(step);
    assert_eq!(client.parent_tenant(&names[0]).await.unwrap().mca_agreed, Some(true));
    sim.expire_service(&names[1]);
    assert!(client.prepaid_licence(&names[1]).await.is_err());

    // /order (the public catalog, unsigned, and its 400), /me/order
    let catalog = client.prepaid_catalog("FR").await.unwrap();
    assert_eq!(catalog.plans.len(), 2);
    let mut anonymous = fast_config(endpoint(&sim));
    anonymous.consumer_key = None;
    Client::new(anonymous).unwrap().prepaid_catalog("DE").await.unwrap();
    assert!(client.prepaid_catalog("XX").await.is_err());
    let order = LicenceOrder {
        duration: "P1M".into(),
        reference: "change-1".into(),
        ovh_subsidiary: "FR".into(),
        plan_code: PLAN_APPS_FOR_BUSINESS.into(),
        quantity: 3,
        existing_tenant: Some(PREPAID.into()),
        auto_pay: false,
    };
    let OrderOutcome::Placed { cart_id, order: placed } = client.place_licence_order(&order).await.unwrap() else {
        panic!()
    };
    client.cart(&cart_id).await.unwrap();
    client.checkout_preview(&cart_id).await.unwrap();
    let id = placed.order_id.unwrap();
    client.orders(None, None).await.unwrap();
    client.order(id).await.unwrap();
    client.order_status(id).await.unwrap();
    sim.pay_order(id);
    client.order_status(id).await.unwrap();
    assert!(
        client
            .place_licence_order(&LicenceOrder { reference: "too-many".into(), quantity: 280, ..order })
            .await
            .is_err()
    );

    // Paged and fallback lists, and injected faults (whose bodies must be OVHcloud's too).
    sim.set_paging(PagingSupport::Refused);
    Client::new(fast_config(endpoint(&sim))).unwrap().office_users(PAYG).await.unwrap();
    sim.inject(FaultRule::nth("GET", "/license/office", 1, Fault::TooManyRequests { retry_after: 0 }));
    sim.inject(FaultRule::nth("GET", "/license/office/*/domain", 1, Fault::Status(503)));
    client.office_groups().await.unwrap();
    client.office_domains(PAYG).await.unwrap();

    let covered = check_log(&schemas, &sim);
    let expected = [
        "POST /auth/credential",
        "GET /auth/currentCredential",
        "POST /auth/logout",
        "GET /auth/time",
        "GET /license/office",
        "GET /license/office/{serviceName}",
        "PUT /license/office/{serviceName}",
        "GET /license/office/{serviceName}/domain",
        "GET /license/office/{serviceName}/domain/{domainName}",
        "GET /license/office/{serviceName}/pendingTask",
        "GET /license/office/{serviceName}/pendingTask/{id}",
        "GET /license/office/{serviceName}/serviceInfos",
        "PUT /license/office/{serviceName}/serviceInfos",
        "GET /license/office/{serviceName}/usageStatistics",
        "GET /license/office/{serviceName}/user",
        "POST /license/office/{serviceName}/user",
        "GET /license/office/{serviceName}/user/{activationEmail}",
        "PUT /license/office/{serviceName}/user/{activationEmail}",
        "DELETE /license/office/{serviceName}/user/{activationEmail}",
        "POST /license/office/{serviceName}/user/{activationEmail}/changePassword",
        "GET /license/officePrepaid",
        "GET /license/officePrepaid/{serviceName}",
        "PUT /license/officePrepaid/{serviceName}",
        "POST /license/officePrepaid/{serviceName}/changePassword",
        "GET /license/officePrepaid/{serviceName}/parentTenant",
        "PUT /license/officePrepaid/{serviceName}/parentTenant",
        "GET /license/officePrepaid/{serviceName}/serviceInfos",
        "PUT /license/officePrepaid/{serviceName}/serviceInfos",
        "POST /license/officePrepaid/{serviceName}/terminate",
        "POST /license/officePrepaid/{serviceName}/confirmTermination",
        "POST /license/officePrepaid/{serviceName}/parentTenant/createAttestation",
        "POST /license/officePrepaid/{serviceName}/parentTenant/acceptAgreement",
        "GET /license/officePrepaid/{serviceName}/tenantPendingTask",
        "GET /license/officePrepaid/{serviceName}/tenantPendingTask/{id}",
        "GET /license/officePrepaid/{serviceName}/tenantUsageStatistics",
        "POST /license/officePrepaid/{serviceName}/unconfigure",
        "GET /order/catalog/public/officePrepaid",
        "GET /order/cart",
        "POST /order/cart",
        "GET /order/cart/{cartId}",
        "POST /order/cart/{cartId}/assign",
        "POST /order/cart/{cartId}/officePrepaid",
        "POST /order/cart/{cartId}/item/{itemId}/configuration",
        "GET /order/cart/{cartId}/checkout",
        "POST /order/cart/{cartId}/checkout",
        "GET /me/order",
        "GET /me/order/{orderId}",
        "GET /me/order/{orderId}/status",
    ];
    let missing: Vec<&str> = expected.iter().copied().filter(|op| !covered.contains(*op)).collect();
    assert!(missing.is_empty(), "operations never answered successfully: {missing:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn every_classic_answer_and_body_matches_the_ca_schema() {
    let schemas = Schemas::load(&CLASSIC);
    let config = SimulatorConfig {
        generation: seatkeeper_simulator::Generation::Classic,
        ..SimulatorConfig::for_tests(Seed::demo())
    };
    let sim = simulator::Simulator::start(config).await.unwrap();
    let mut classic = fast_config(endpoint(&sim));
    classic.generation = Some(Generation::Classic);
    let client = Client::new(classic).unwrap();
    office_scenario(&sim, &client).await;
    let covered = check_log(&schemas, &sim);
    assert!(covered.contains("GET /license/office/{serviceName}/usageStatistics"));
    assert!(covered.contains("POST /license/office/{serviceName}/user"));
    assert!(covered.len() >= 16, "{covered:?}");
    sim.shutdown().await;
}

/// The same checks catch a simulator answer that breaks the schema.
#[tokio::test]
async fn the_log_check_catches_a_broken_answer() {
    let schemas = Schemas::load(&NATIVE);
    let (sim, client) = start(SimulatorConfig::for_tests(Seed::demo())).await;
    let jane = "jane.doe1@office529.o365.ovh.com";
    sim.state().tenants.get_mut(PAYG).unwrap().users.get_mut(jane).unwrap().usage_location = "FRA".into();
    client.office_user(PAYG, jane).await.unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_log(&schemas, &sim)));
    let message = *caught.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("usageLocation"), "{message}");
    sim.shutdown().await;
}
