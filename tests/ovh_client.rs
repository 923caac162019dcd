//! The OVHcloud client against the simulator: signatures, every route, every error
//! class, retries, paging and its fallback, the rate limiter and the concurrency bound.

mod support;

use std::time::{Duration, Instant};

use seatkeeper::domain::LicenceType;
use seatkeeper::ovh::models::{
    AccessRule, CartCreation, ChangePassword, CredentialRequest, CredentialState, CurrencyCode, LicenceAssignment,
    LicenceKind, NewOfficeUser, OfficeUserFilter, OfficeUserUpdate, OrderStatus, OvhSubsidiary, PLAN_APPS_FOR_BUSINESS,
    PLAN_APPS_FOR_ENTERPRISE, ProductCreation, ServiceState, TaskStatus, UserState,
};
use seatkeeper::ovh::{
    AuthErrorCode, Client, ErrorKind, Generation, LicenceOrder, OrderOutcome, RateLimit, monthly_prices, sign,
};
use seatkeeper::secrets::Secret;
use seatkeeper_simulator::{
    self as simulator, self, CkState, DEMO_PAYG_TENANT, DEMO_PREPAID_TENANT, Fault, FaultRule, Faults, PagingSupport,
    Seed, SimulatorConfig,
};
use support::{endpoint, fast_config, start, start_demo};
use time::macros::date;

const PAYG: &str = DEMO_PAYG_TENANT;
const PREPAID: &str = DEMO_PREPAID_TENANT;
const JANE: &str = "jane.doe1@office529.o365.ovh.com";

fn step() -> Duration {
    Duration::from_secs(10)
}

#[tokio::test]
async fn signed_requests_are_accepted_and_bad_signatures_refused() {
    let (sim, client) = start_demo().await;
    let credential = client.current_credential().await.unwrap();
    assert_eq!(credential.status, CredentialState::Validated);

    // A request signed by hand over the exact URL is accepted too.
    let offset = client.time_offset().await.unwrap();
    let url = format!("{}/license/office", sim.base_url());
    let ts = time::OffsetDateTime::now_utc().unix_timestamp() + offset;
    let sig = sign::signature(simulator::APP_SECRET, simulator::CONSUMER_KEY, "GET", &url, b"", ts);
    let raw = reqwest::Client::new()
        .get(&url)
        .header("X-Ovh-Application", simulator::APP_KEY)
        .header("X-Ovh-Consumer", simulator::CONSUMER_KEY)
        .header("X-Ovh-Timestamp", ts.to_string())
        .header("X-Ovh-Signature", &sig)
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    assert_eq!(raw.json::<Vec<String>>().await.unwrap(), vec![PAYG.to_string()]);

    // Wrong application secret: the signature does not match.
    let mut config = fast_config(endpoint(&sim));
    config.application_secret = Secret::new("not-the-secret");
    let bad = Client::new(config).unwrap();
    let e = bad.office_groups().await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::BadRequest, Some(400)));
    assert_eq!(e.error_code(), Some(&AuthErrorCode::InvalidSignature));
    assert_eq!(e.message(), "Invalid signature");
    assert!(e.query_id().is_some_and(|q| q.starts_with("EU.")), "{e}");
    assert!(!e.to_string().contains("not-the-secret") && !e.to_string().contains(simulator::CONSUMER_KEY));

    // A body altered after signing is refused as well.
    let offset = client.time_offset().await.unwrap();
    let url = format!("{}/license/office/{PAYG}", sim.base_url());
    let ts = time::OffsetDateTime::now_utc().unix_timestamp() + offset;
    let signed_body = br#"{"displayName":"A"}"#;
    let sig = sign::signature(simulator::APP_SECRET, simulator::CONSUMER_KEY, "PUT", &url, signed_body, ts);
    let tampered = reqwest::Client::new()
        .put(&url)
        .header("X-Ovh-Application", simulator::APP_KEY)
        .header("X-Ovh-Consumer", simulator::CONSUMER_KEY)
        .header("X-Ovh-Timestamp", ts.to_string())
        .header("X-Ovh-Signature", &sig)
        .body(r#"{"displayName":"B"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), 400);
    assert_eq!(client.office_group(PAYG).await.unwrap().display_name, "Contoso — pay as you go");

    // Unknown consumer key, unknown application key.
    let mut config = fast_config(endpoint(&sim));
    config.consumer_key = Some(Secret::new("nobody"));
    let e = Client::new(config).unwrap().office_groups().await.unwrap_err();
    assert_eq!((e.kind(), e.error_code()), (ErrorKind::Forbidden, Some(&AuthErrorCode::NotCredential)));
    assert!(e.needs_new_credential());
    let mut config = fast_config(endpoint(&sim));
    config.application_key = "unknown-app".into();
    let e = Client::new(config).unwrap().office_groups().await.unwrap_err();
    assert_eq!((e.kind(), e.error_code()), (ErrorKind::Forbidden, Some(&AuthErrorCode::InvalidKey)));
    sim.shutdown().await;
}

#[tokio::test]
async fn the_time_offset_is_measured_once_and_applied() {
    // The server's clock is an hour ahead: signatures only pass with the offset.
    let (sim, client) = start(SimulatorConfig { time_skew: 3600, ..SimulatorConfig::for_tests(Seed::demo()) }).await;
    for _ in 0..3 {
        client.office_groups().await.unwrap();
    }
    client.prepaid_licence_names().await.unwrap();
    let offset = client.time_offset().await.unwrap();
    assert!((3598..=3602).contains(&offset), "{offset}");
    assert_eq!(sim.count("GET", "/auth/time"), 1);
    // A clone shares the offset.
    client.clone().office_groups().await.unwrap();
    assert_eq!(sim.count("GET", "/auth/time"), 1);
    let server = client.server_time().await.unwrap();
    assert!((server - time::OffsetDateTime::now_utc().unix_timestamp() - 3600).abs() <= 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn consumer_keys_need_validation_and_logout_expires_them() {
    let (sim, _) = start(SimulatorConfig::for_tests(Seed::empty())).await;
    let request = CredentialRequest {
        access_rules: AccessRule::seatkeeper(),
        redirection: Some("https://seatkeeper.app/connected".into()),
        allowed_ips: None,
    };
    let mut config = fast_config(endpoint(&sim));
    config.consumer_key = None;
    let fresh = Client::new(config).unwrap();
    assert_eq!(fresh.office_groups().await.unwrap_err().kind(), ErrorKind::Unauthorized, "no key, no call");
    let pending = fresh.request_credential(&request).await.unwrap();
    assert_eq!(pending.state, CredentialState::PendingValidation);
    assert!(pending.validation_url.contains("credentialToken="));
    assert!(!format!("{pending:?}").contains(pending.consumer_key.expose()), "the key never prints");

    fresh.set_consumer_key(Some(pending.consumer_key.clone()));
    let e = fresh.office_groups().await.unwrap_err();
    assert_eq!((e.kind(), e.error_code()), (ErrorKind::Forbidden, Some(&AuthErrorCode::InvalidCredential)));

    assert!(sim.validate_credential(pending.consumer_key.expose(), simulator::ACCOUNT));
    assert!(fresh.office_groups().await.unwrap().is_empty());
    let current = fresh.current_credential().await.unwrap();
    assert_eq!(current.status, CredentialState::Validated);
    assert_eq!(current.rules, AccessRule::seatkeeper());

    fresh.logout().await.unwrap();
    let e = fresh.office_groups().await.unwrap_err();
    assert_eq!(e.error_code(), Some(&AuthErrorCode::InvalidCredential));
    assert!(e.needs_new_credential());
    assert_eq!(sim.state().credentials[pending.consumer_key.expose()].state, CkState::Expired);
    sim.shutdown().await;
}

#[tokio::test]
async fn access_rules_are_enforced() {
    let seed = Seed::demo().with_credential(
        "read-only-ck",
        simulator::APP_KEY,
        simulator::ACCOUNT,
        CkState::Validated,
        &[("GET", "/license/office"), ("GET", "/license/office/*")],
    );
    let (sim, _) = start(SimulatorConfig::for_tests(seed)).await;
    let mut config = fast_config(endpoint(&sim));
    config.consumer_key = Some(Secret::new("read-only-ck"));
    let client = Client::new(config).unwrap();
    assert_eq!(client.office_users(PAYG).await.unwrap().len(), 12);
    let e = client.prepaid_licence_names().await.unwrap_err();
    assert_eq!((e.kind(), e.error_code()), (ErrorKind::Forbidden, Some(&AuthErrorCode::NotGrantedCall)));
    assert!(!e.needs_new_credential());
    let e = client.rename_office_group(PAYG, "Nope").await.unwrap_err();
    assert_eq!(e.error_code(), Some(&AuthErrorCode::NotGrantedCall));
    sim.shutdown().await;
}

#[tokio::test]
async fn pay_as_you_go_routes() {
    let (sim, client) = start_demo().await;
    assert_eq!(client.office_groups().await.unwrap(), vec![PAYG.to_string()]);
    let tenant = client.office_group(PAYG).await.unwrap();
    assert_eq!(tenant.service_name, PAYG);
    assert_eq!(tenant.mca_agreed, Some(true));
    client.rename_office_group(PAYG, "Sales team").await.unwrap();
    assert_eq!(client.office_group(PAYG).await.unwrap().display_name, "Sales team");
    let put = sim.requests().into_iter().find(|e| e.method == "PUT").unwrap();
    assert_eq!(put.request_body, r#"{"displayName":"Sales team"}"#, "compact JSON, only the changed field");

    let domains = client.office_domains(PAYG).await.unwrap();
    assert_eq!(domains, vec![PAYG.to_string(), "contoso.example".to_string()], "the group's own, then the company's");
    assert_eq!(client.office_domain(PAYG, &domains[0]).await.unwrap().domain_name, PAYG);
    let company = client.office_domain(PAYG, &domains[1]).await.unwrap();
    assert_eq!(company.status, seatkeeper::ovh::models::DomainState::Unverified);
    let infos = client.office_service_infos(PAYG).await.unwrap();
    assert_eq!(infos.status, Some(ServiceState::Ok));
    assert!(infos.creation.is_some_and(|c| infos.expiration > c));

    let users = client.office_users(PAYG).await.unwrap();
    assert_eq!(users.len(), 12);
    assert!(users.iter().all(|u| u.licences == vec![LicenceKind::OfficeProPlus] && u.status == UserState::Ok));
    let filtered = client
        .office_user_emails(PAYG, &OfficeUserFilter { first_name: Some("jane".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(filtered, vec![JANE.to_string()]);
    assert_eq!(client.office_user(PAYG, JANE).await.unwrap().first_name, "Jane");

    // Create: the task moves todo → doing → done as simulated time passes.
    let new = NewOfficeUser {
        domain: domains[0].clone(),
        login: "zoe.new".into(),
        first_name: Some("Zoé".into()),
        last_name: Some("New".into()),
        licence: LicenceKind::OfficeBusiness,
        usage_location: Some("fr".into()),
    };
    let task = client.create_office_user(PAYG, &new).await.unwrap();
    assert_eq!(task.status, TaskStatus::Todo);
    let email = format!("zoe.new@{PAYG}");
    let user = client.office_user(PAYG, &email).await.unwrap();
    assert_eq!((user.status, user.task_pending_id), (UserState::Creating, task.id));
    assert_eq!(client.office_pending_tasks(PAYG).await.unwrap(), vec![task.id]);
    sim.advance(step());
    assert_eq!(client.office_task(PAYG, task.id).await.unwrap().status, TaskStatus::Doing);
    sim.advance(step());
    let done = client.office_task(PAYG, task.id).await.unwrap();
    assert_eq!(done.status, TaskStatus::Done);
    assert!(done.finish_date.is_some());
    assert!(client.office_pending_tasks(PAYG).await.unwrap().is_empty());
    let user = client.office_user(PAYG, &email).await.unwrap();
    assert_eq!((user.status, user.task_pending_id), (UserState::Ok, 0));

    // Edit, password, delete.
    let update = OfficeUserUpdate { last_name: Some("Newer".into()), ..Default::default() };
    client.update_office_user(PAYG, &email, &update).await.unwrap();
    assert_eq!(client.office_user(PAYG, &email).await.unwrap().last_name, "Newer");
    let change =
        ChangePassword { password: Some(Secret::new("Xy7!abcdQ")), should_send_mail: false, notify_email: None };
    let task = client.change_office_user_password(PAYG, &email, &change).await.unwrap();
    assert_eq!(task.status, TaskStatus::Todo);
    sim.advance(step() * 2);
    let task = client.delete_office_user(PAYG, &email).await.unwrap();
    assert_eq!(client.office_user(PAYG, &email).await.unwrap().status, UserState::Deleting);
    sim.advance(step() * 2);
    assert_eq!(client.office_task(PAYG, task.id).await.unwrap().status, TaskStatus::Done);
    assert_eq!(client.office_user(PAYG, &email).await.unwrap_err().kind(), ErrorKind::NotFound);

    let today = sim.state().today();
    let stats = client.office_usage_statistics(PAYG, today - time::Duration::days(2), today).await.unwrap();
    assert_eq!(stats.len(), 3);
    assert_eq!(stats[2].lines[0].licence_type, LicenceKind::OfficeProPlus);
    assert_eq!(stats[2].lines[0].end_of_day_count, 12);
    sim.shutdown().await;
}

#[tokio::test]
async fn prepaid_routes() {
    let (sim, client) = start_demo().await;
    let groups = client.prepaid_groups().await.unwrap();
    assert_eq!(groups.keys().collect::<Vec<_>>(), vec![PREPAID]);
    assert_eq!(groups[PREPAID].len(), 30);
    let licences = client.prepaid_licences(PREPAID).await.unwrap();
    assert_eq!(licences.len(), 30);
    let free: Vec<_> = licences.iter().filter(|l| l.is_unconfigured()).collect();
    assert_eq!(free.len(), 6);
    assert!(free.iter().all(|l| l.first_name == "configureme" && l.last_name == "configureme"));
    let slot = free[0].service_name.clone();
    assert_eq!(client.prepaid_licence(&slot).await.unwrap(), *free[0]);

    let parent = client.parent_tenant(&slot).await.unwrap();
    assert_eq!(parent.service_name, PREPAID);
    client.rename_prepaid_group(&slot, "Contoso HQ").await.unwrap();
    assert_eq!(client.parent_tenant(&licences[0].service_name).await.unwrap().display_name, "Contoso HQ");

    // Configure the free slot: creating while the task runs, then a real user.
    let assignment = LicenceAssignment {
        activation_email: Some(format!("ada.lovelace@{PREPAID}")),
        first_name: Some("Ada".into()),
        last_name: Some("Lovelace".into()),
        usage_location: Some("gb".into()),
    };
    client.configure_licence(&slot, &assignment).await.unwrap();
    let configuring = client.prepaid_licence(&slot).await.unwrap();
    assert_eq!(configuring.status, UserState::Creating);
    assert!(configuring.task_pending_id != 0 && !configuring.is_unconfigured());
    let pending = client.tenant_pending_tasks(&slot).await.unwrap();
    assert_eq!(pending, vec![configuring.task_pending_id]);
    assert_eq!(client.tenant_task(&slot, pending[0]).await.unwrap().status, TaskStatus::Todo);
    sim.advance(step() * 2);
    let ada = client.prepaid_licence(&slot).await.unwrap();
    assert_eq!((ada.is_virtual, ada.status.clone(), ada.task_pending_id), (false, UserState::Ok, 0));
    assert_eq!(ada.first_name, "Ada");

    let change =
        ChangePassword { password: None, should_send_mail: true, notify_email: Some("it@contoso.example".into()) };
    let task = client.change_licence_password(&slot, &change).await.unwrap();
    assert_eq!(task.function, "changePasswordOffice365UserNCE");
    sim.advance(step() * 2);

    let task = client.unconfigure_licence(&slot).await.unwrap();
    assert_eq!(task.function, "unconfigureOffice365UserNCE");
    assert_eq!(client.prepaid_licence(&slot).await.unwrap().status, UserState::Deleting);
    sim.advance(step() * 2);
    assert!(client.prepaid_licence(&slot).await.unwrap().is_unconfigured());

    let infos = client.prepaid_service_infos(&slot).await.unwrap();
    assert!(infos.expiration > sim.state().today() - time::Duration::days(1));
    let today = sim.state().today();
    let stats = client.tenant_usage_statistics(&slot, today - time::Duration::days(1), today).await.unwrap();
    assert_eq!(stats.len(), 2);
    assert_eq!(
        (stats[1].lines[0].licence_type.clone(), stats[1].lines[0].end_of_day_count),
        (LicenceKind::OfficeBusiness, 24)
    );
    sim.shutdown().await;
}

fn order(reference: &str, quantity: i64) -> LicenceOrder {
    LicenceOrder {
        duration: "P1M".into(),
        reference: reference.into(),
        ovh_subsidiary: "FR".into(),
        plan_code: PLAN_APPS_FOR_BUSINESS.into(),
        quantity,
        existing_tenant: Some(PREPAID.into()),
        auto_pay: false,
    }
}

#[tokio::test]
async fn orders_are_placed_once_and_deliver_slots_when_paid() {
    let (sim, client) = start_demo().await;
    let since = sim.state().now() - time::Duration::minutes(1);
    let outcome = client.place_licence_order(&order("change-41", 5)).await.unwrap();
    let OrderOutcome::Placed { cart_id, order: placed } = outcome else { panic!("placed expected: {outcome:?}") };
    let order_id = placed.order_id.expect("an order id");
    assert!(placed.url.as_deref().is_some_and(|u| u.contains(&order_id.to_string())));
    assert!(client.cart(&cart_id).await.unwrap().read_only);
    assert_eq!(client.carts_with_description("change-41").await.unwrap(), vec![cart_id.clone()]);

    // Again with the same reference (an answer lost, a crash): nothing is ordered twice.
    let again = client.place_licence_order(&order("change-41", 5)).await.unwrap();
    assert_eq!(again, OrderOutcome::AlreadyPlaced { cart_id: cart_id.clone() });
    assert_eq!(sim.count("POST", "/order/cart/*/checkout"), 1);
    assert_eq!(sim.count("POST", "/order/cart"), 1);

    assert_eq!(client.orders(Some(since), None).await.unwrap(), vec![order_id]);
    assert!(client.orders(None, Some(since)).await.unwrap().is_empty());
    let billing = client.order(order_id).await.unwrap();
    assert_eq!(billing.order_id, order_id);
    assert_eq!(client.order_status(order_id).await.unwrap(), OrderStatus::NotPaid);
    assert_eq!(client.prepaid_licences(PREPAID).await.unwrap().len(), 30, "nothing before payment");

    let delivered = sim.pay_order(order_id);
    assert_eq!(delivered.len(), 5);
    assert_eq!(client.order_status(order_id).await.unwrap(), OrderStatus::Delivered);
    let licences = client.prepaid_licences(PREPAID).await.unwrap();
    assert_eq!(licences.len(), 35);
    assert_eq!(licences.iter().filter(|l| l.is_unconfigured()).count(), 11);

    // The preview of a fresh cart, step by step.
    let cart = client
        .create_cart(&seatkeeper::ovh::models::CartCreation {
            ovh_subsidiary: "FR".into(),
            description: Some("preview".into()),
            expire: None,
        })
        .await
        .unwrap();
    client.assign_cart(&cart.cart_id).await.unwrap();
    let item = client
        .add_prepaid_item(
            &cart.cart_id,
            &seatkeeper::ovh::models::ProductCreation::monthly(PLAN_APPS_FOR_ENTERPRISE, 2),
        )
        .await
        .unwrap();
    assert_eq!(item.settings.quantity, Some(2));
    let preview = client.checkout_preview(&cart.cart_id).await.unwrap();
    assert_eq!(preview.order_id, None);
    assert!(preview.prices.with_tax.value > preview.prices.without_tax.value);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_public_catalog_gives_monthly_and_yearly_prices() {
    let (sim, client) = start_demo().await;
    let catalog = client.prepaid_catalog("FR").await.unwrap();
    assert_eq!(catalog.locale.currency_code, CurrencyCode::Eur);
    assert_eq!(catalog.locale.subsidiary, OvhSubsidiary::Fr);
    let product = catalog.products.iter().find(|p| p.name == "officePrepaid").expect("the product");
    let configurations: Vec<&str> = product.configurations.iter().flatten().map(|c| c.name.as_str()).collect();
    assert!(configurations.contains(&"existing_tenant_service_name"), "{configurations:?}");

    let prices = monthly_prices(&catalog);
    let mut found: Vec<(&str, LicenceType, &str, &str)> = prices
        .iter()
        .map(|p| (p.plan_code.as_str(), p.licence_type, p.renewal_period.as_str(), p.currency.as_str()))
        .collect();
    found.sort_by_key(|f| (f.0, f.2));
    assert_eq!(
        found,
        vec![
            (PLAN_APPS_FOR_BUSINESS, LicenceType::OfficeBusiness, "P1M", "EUR"),
            (PLAN_APPS_FOR_BUSINESS, LicenceType::OfficeBusiness, "P1Y", "EUR"),
            (PLAN_APPS_FOR_ENTERPRISE, LicenceType::OfficeProPlus, "P1M", "EUR"),
            (PLAN_APPS_FOR_ENTERPRISE, LicenceType::OfficeProPlus, "P1Y", "EUR"),
        ]
    );
    let per_month = |plan: &str, period: &str| {
        prices.iter().find(|p| p.plan_code == plan && p.renewal_period == period).unwrap().price_ucents_per_month
    };
    for plan in [PLAN_APPS_FOR_BUSINESS, PLAN_APPS_FOR_ENTERPRISE] {
        assert!(per_month(plan, "P1Y") < per_month(plan, "P1M"), "a year costs less per month");
        // The cart bills the catalog's monthly price.
        let cart = client
            .create_cart(&CartCreation { ovh_subsidiary: "FR".into(), description: None, expire: None })
            .await
            .unwrap();
        let item = client.add_prepaid_item(&cart.cart_id, &ProductCreation::monthly(plan, 1)).await.unwrap();
        let unit = item.prices.iter().find(|p| p.label == "PRICE").unwrap().price.price_in_ucents;
        assert_eq!(unit, Some(per_month(plan, "P1M")));
    }

    // No authentication needed: a client without a consumer key sends it unsigned.
    sim.clear_log();
    let mut config = fast_config(endpoint(&sim));
    config.consumer_key = None;
    let anonymous = Client::new(config).unwrap();
    assert_eq!(anonymous.prepaid_catalog("GB").await.unwrap().locale.subsidiary, OvhSubsidiary::Gb);
    assert_eq!(sim.count("GET", "/auth/time"), 0, "nothing signed");

    // A subsidiary outside the schema's enum, or none at all: 400.
    let e = client.prepaid_catalog("XX").await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::BadRequest, Some(400)));
    assert!(e.message().contains("ovhSubsidiary"), "{e}");
    let raw = reqwest::get(format!("{}/order/catalog/public/officePrepaid", sim.base_url())).await.unwrap();
    assert_eq!(raw.status(), 400);
    let body: serde_json::Value = raw.json().await.unwrap();
    assert_eq!(body["class"], "Client::BadRequest");
    assert!(body["message"].as_str().unwrap().contains("ovhSubsidiary"));
    sim.shutdown().await;
}

#[tokio::test]
async fn business_groups_stop_at_300_licences() {
    let (sim, client) = start_demo().await;
    // 30 held + 271 would be 301: refused at checkout with OVHcloud's message.
    let e = client.place_licence_order(&order("too-many", 271)).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest);
    assert!(e.message().contains("300"), "{e}");
    assert!(sim.state().orders.is_empty());
    // 270 fit; then even one more does not, paid or not.
    let OrderOutcome::Placed { order: placed, .. } = client.place_licence_order(&order("fits", 270)).await.unwrap()
    else {
        panic!("placed expected")
    };
    let e = client.place_licence_order(&order("one-more", 1)).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest);
    sim.pay_order(placed.order_id.unwrap());
    assert_eq!(client.prepaid_licences(PREPAID).await.unwrap().len(), 300);
    assert!(client.place_licence_order(&order("one-more-again", 1)).await.is_err());
    sim.shutdown().await;
}

#[tokio::test]
async fn api_errors_are_typed() {
    let (sim, client) = start_demo().await;
    // 404
    let e = client.office_group("office0.o365.ovh.com").await.unwrap_err();
    assert_eq!((e.kind(), e.status(), e.class()), (ErrorKind::NotFound, Some(404), Some("Client::NotFound")));
    assert!(e.message().contains("does not exist"));
    // 400: a value the API refuses.
    let bad = NewOfficeUser {
        domain: PAYG.into(),
        login: "x.y".into(),
        first_name: None,
        last_name: None,
        licence: LicenceKind::Other("officeDeluxe".into()),
        usage_location: None,
    };
    let e = client.create_office_user(PAYG, &bad).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest);
    assert_eq!(e.error_code(), None);
    // 409: the user exists; then: a task is already running on it.
    let dup = NewOfficeUser { login: "jane.doe1".into(), licence: LicenceKind::OfficeProPlus, ..bad.clone() };
    assert_eq!(client.create_office_user(PAYG, &dup).await.unwrap_err().kind(), ErrorKind::Conflict);
    client.delete_office_user(PAYG, JANE).await.unwrap();
    let e = client.delete_office_user(PAYG, JANE).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert!(!e.may_have_been_applied());
    // 460: the service expired.
    sim.expire_service(PAYG);
    let e = client.office_users(PAYG).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Expired, Some(460)));
    assert_eq!(client.office_service_infos(PAYG).await.unwrap().status, Some(ServiceState::Expired));
    sim.shutdown().await;
}

#[tokio::test]
async fn throttled_and_failing_gets_are_retried() {
    let (sim, client) = start_demo().await;
    sim.inject(FaultRule::nth("GET", "/license/office", 1, Fault::TooManyRequests { retry_after: 0 }));
    assert_eq!(client.office_groups().await.unwrap().len(), 1);
    assert_eq!(sim.count("GET", "/license/office"), 2, "one 429, then success");

    sim.inject(FaultRule::nth("GET", "/license/office/*/domain", 1, Fault::Status(503)).times(2));
    assert_eq!(client.office_domains(PAYG).await.unwrap().len(), 2);
    assert_eq!(sim.count("GET", "/license/office/*/domain"), 3, "two 503, then success");

    // Attempts are bounded: three 500s in a row with max_attempts = 3 fail.
    sim.inject(FaultRule::always("GET", "/license/office/*/serviceInfos", Fault::Status(500)));
    let e = client.office_service_infos(PAYG).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Server, Some(500)));
    assert!(e.is_retry_safe());
    assert_eq!(sim.count("GET", "/license/office/*/serviceInfos"), 3);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_failed_post_is_not_sent_twice() {
    let (sim, client) = start_demo().await;
    sim.inject(FaultRule::nth("POST", "/license/office/*/user", 1, Fault::Status(500)));
    let new = NewOfficeUser {
        domain: PAYG.into(),
        login: "once".into(),
        first_name: None,
        last_name: None,
        licence: LicenceKind::OfficeProPlus,
        usage_location: None,
    };
    let e = client.create_office_user(PAYG, &new).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(e.is_transient() && !e.is_retry_safe() && e.may_have_been_applied());
    assert_eq!(sim.count("POST", "/license/office/*/user"), 1);

    // 429 on a POST is not retried either, but it surely was not applied.
    sim.inject(FaultRule::nth("POST", "/license/office/*/user", 1, Fault::TooManyRequests { retry_after: 1 }));
    let e = client.create_office_user(PAYG, &new).await.unwrap_err();
    assert_eq!((e.kind(), e.retry_after()), (ErrorKind::RateLimited, Some(Duration::from_secs(1))));
    assert!(!e.may_have_been_applied());
    assert_eq!(sim.count("POST", "/license/office/*/user"), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn timeouts_malformed_answers_and_dropped_connections() {
    let (sim, _) = start_demo().await;
    let mut config = fast_config(endpoint(&sim));
    config.timeout = Duration::from_millis(300);
    config.retry.max_attempts = 2;
    let client = Client::new(config).unwrap();
    client.time_offset().await.unwrap();

    sim.inject(FaultRule::always("GET", "/license/office/*/domain", Fault::Hang));
    let started = Instant::now();
    let e = client.office_domains(PAYG).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert!(e.is_retry_safe());
    assert_eq!(sim.count("GET", "/license/office/*/domain"), 2, "a GET that timed out is retried");
    assert!(started.elapsed() < Duration::from_secs(3));

    sim.inject(FaultRule::nth("GET", "/license/office/*/user/*", 1, Fault::MalformedJson));
    let e = client.office_user(PAYG, JANE).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Malformed, Some(200)));
    assert!(e.query_id().is_some());
    assert_eq!(client.office_user(PAYG, JANE).await.unwrap().first_name, "Jane");

    sim.inject(FaultRule::nth("GET", "/license/office", 1, Fault::DropConnection));
    let e = client.office_groups().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_eq!(client.office_groups().await.unwrap().len(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn lists_come_in_pages_or_fall_back_to_one_get_per_object() {
    let (sim, _) = start_demo().await;
    let mut config = fast_config(endpoint(&sim));
    config.page_size = 5;
    let paged = Client::new(config.clone()).unwrap();
    let mut by_pages = paged.office_users(PAYG).await.unwrap();
    assert_eq!(by_pages.len(), 12);
    assert_eq!(sim.count("GET", "/license/office/*/user"), 3, "pages of 5, 5 and 2");
    assert_eq!(sim.count("GET", "/license/office/*/user/*"), 0);
    assert!(sim.requests().iter().filter(|e| e.path.ends_with("/user")).all(|e| e.pagination_mode.is_some()));

    // A server that ignores the header answers ids: one GET per user follows.
    sim.clear_log();
    sim.set_paging(PagingSupport::Ignored);
    let ignoring = Client::new(config.clone()).unwrap();
    let mut by_ids = ignoring.office_users(PAYG).await.unwrap();
    assert_eq!(sim.count("GET", "/license/office/*/user"), 1);
    assert_eq!(sim.count("GET", "/license/office/*/user/*"), 12);
    // The client remembers: the next list does not try pages again.
    ignoring.office_users(PAYG).await.unwrap();
    assert_eq!(sim.count("GET", "/license/office/*/user"), 2);

    // A server that refuses the header with an error: the plain list, then per user.
    sim.clear_log();
    sim.set_paging(PagingSupport::Refused);
    let refused = Client::new(config).unwrap();
    let mut by_fallback = refused.office_users(PAYG).await.unwrap();
    assert_eq!(sim.count("GET", "/license/office/*/user"), 2);
    assert_eq!(sim.count("GET", "/license/office/*/user/*"), 12);

    for list in [&mut by_pages, &mut by_ids, &mut by_fallback] {
        list.sort_by(|a, b| a.activation_email.cmp(&b.activation_email));
    }
    assert_eq!(by_pages, by_ids);
    assert_eq!(by_pages, by_fallback);

    // Prepaid: the fallback fetches only the group's licences.
    sim.clear_log();
    let prepaid = refused.prepaid_licences(PREPAID).await.unwrap();
    assert_eq!(prepaid.len(), 30);
    assert_eq!(sim.count("GET", "/license/officePrepaid/*"), 30);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_rate_limiter_keeps_any_window_under_its_limit() {
    let (sim, _) = start_demo().await;
    let mut config = fast_config(endpoint(&sim));
    config.rate_limit = RateLimit { max: 5, window: Duration::from_millis(500) };
    let client = Client::new(config).unwrap();
    let started = Instant::now();
    for _ in 0..12 {
        client.office_groups().await.unwrap();
    }
    // 13 requests (with /auth/time), 5 per half second: three full windows at least.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(1000), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    let log = sim.requests();
    // The first five went at once; no half-second window, anywhere, holds more than five.
    assert!(log[4].at.duration_since(log[0].at) < Duration::from_millis(200));
    for (i, e) in log.iter().enumerate() {
        let within = log[i..].iter().take_while(|x| x.at.duration_since(e.at) < Duration::from_millis(490)).count();
        assert!(within <= 5, "{within} requests in half a second from request {i}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn fan_out_is_bounded() {
    let (sim, _) = start_demo().await;
    sim.set_paging(PagingSupport::Ignored);
    sim.set_faults(Faults { latency: Duration::from_millis(50), server_error_rate: 0.0 });
    let mut config = fast_config(endpoint(&sim));
    config.max_concurrency = 4;
    let client = Client::new(config).unwrap();
    client.time_offset().await.unwrap();
    let started = Instant::now();
    assert_eq!(client.prepaid_licences(PREPAID).await.unwrap().len(), 30);
    let elapsed = started.elapsed();
    // 1 list + 30 GETs of 50 ms, 4 at a time: at least 8 rounds; sequential would be 1.5 s.
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1400), "{elapsed:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn random_server_errors_are_absorbed_by_retries() {
    let (sim, client) = start_demo().await;
    sim.set_faults(Faults { latency: Duration::ZERO, server_error_rate: 0.2 });
    let mut config = fast_config(endpoint(&sim));
    config.retry.max_attempts = 8;
    let client2 = Client::new(config).unwrap();
    drop(client);
    for _ in 0..20 {
        client2.office_group(PAYG).await.unwrap();
    }
    let failed = sim.requests().iter().filter(|e| e.status == 503).count();
    assert!(failed > 0, "some requests failed and were retried");
    sim.shutdown().await;
}

#[tokio::test]
async fn classic_endpoints_get_dates_for_statistics() {
    let config = SimulatorConfig {
        generation: seatkeeper_simulator::Generation::Classic,
        ..SimulatorConfig::for_tests(Seed::demo())
    };
    let (sim, _) = start(config).await;
    let mut classic = fast_config(endpoint(&sim));
    classic.generation = Some(Generation::Classic);
    let client = Client::new(classic).unwrap();
    let today = sim.state().today();
    let stats = client.office_usage_statistics(PAYG, today - time::Duration::days(1), today).await.unwrap();
    assert_eq!(stats.len(), 2);
    assert!(
        sim.requests()
            .last()
            .unwrap()
            .query
            .as_deref()
            .unwrap()
            .contains(&format!("from={}", today - time::Duration::days(1)))
    );
    let tenant = client.office_group(PAYG).await.unwrap();
    assert_eq!(tenant.mca_agreed, None, "classic tenants have no MCA flag");

    // A native client sends datetimes, which the classic API refuses.
    let native = Client::new(fast_config(endpoint(&sim))).unwrap();
    let e = native.office_usage_statistics(PAYG, date!(2025 - 01 - 01), date!(2025 - 01 - 02)).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest);
    sim.shutdown().await;
}

#[tokio::test]
async fn benchmark_seeds_list_in_a_few_pages() {
    let seed = Seed::payg_benchmark();
    let tenant = seed.payg[0].tenant.clone();
    let (sim, _) = start(SimulatorConfig::for_tests(seed)).await;
    let mut config = fast_config(endpoint(&sim));
    config.page_size = 1000;
    let client = Client::new(config.clone()).unwrap();
    let users = client.office_users(&tenant).await.unwrap();
    assert_eq!(users.len(), 5000);
    assert_eq!(users.iter().filter(|u| u.licences == vec![LicenceKind::OfficeBusiness]).count(), 300);
    assert_eq!(sim.count("GET", "/license/office/*/user"), 5);
    let unique: std::collections::BTreeSet<_> = users.iter().map(|u| &u.activation_email).collect();
    assert_eq!(unique.len(), 5000);
    sim.shutdown().await;

    let seed = Seed::prepaid_benchmark();
    let tenant = seed.prepaid[0].tenant.clone();
    let (sim, _) = start(SimulatorConfig::for_tests(seed)).await;
    let client = Client::new(fast_config(endpoint(&sim))).unwrap();
    let licences = client.prepaid_licences(&tenant).await.unwrap();
    assert_eq!((licences.len(), licences.iter().filter(|l| l.is_unconfigured()).count()), (300, 20));
    assert_eq!(sim.count("GET", "/license/officePrepaid"), 3, "pages of 100");
    // The group is full: not one more business licence.
    let order = LicenceOrder {
        duration: "P1M".into(),
        reference: "bench".into(),
        ovh_subsidiary: "FR".into(),
        plan_code: PLAN_APPS_FOR_BUSINESS.into(),
        quantity: 1,
        existing_tenant: Some(tenant),
        auto_pay: true,
    };
    assert_eq!(client.place_licence_order(&order).await.unwrap_err().kind(), ErrorKind::BadRequest);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_simulator_answers_only_for_its_own_address() {
    let (sim, _) = start_demo().await;
    let http = reqwest::Client::new();
    let url = format!("{}/auth/time", sim.base_url());
    let ours = http.get(&url).send().await.unwrap();
    assert_eq!(ours.status().as_u16(), 200);
    // A page elsewhere that got a browser to call it (DNS rebinding) names its own host.
    let rebound = http.get(&url).header("Host", "attacker.example:80").send().await.unwrap();
    assert_eq!(rebound.status().as_u16(), 421);
    let localhost = http.get(&url).header("Host", format!("localhost:{}", sim.addr().port())).send().await.unwrap();
    assert_eq!(localhost.status().as_u16(), 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_simulator_keeps_a_bounded_log() {
    let (sim, _) = start_demo().await;
    {
        let mut state = sim.state();
        for i in 0..seatkeeper_simulator::MAX_LOG + 10 {
            state.record(seatkeeper_simulator::Exchange {
                method: "GET".into(),
                path: format!("/x/{i}"),
                query: None,
                request_body: String::new(),
                pagination_mode: None,
                status: 200,
                response_body: String::new(),
                fault: None,
                at: std::time::Instant::now(),
            });
        }
    }
    let log = sim.requests();
    assert!(log.len() <= seatkeeper_simulator::MAX_LOG, "{}", log.len());
    assert_eq!(log.last().unwrap().path, format!("/x/{}", seatkeeper_simulator::MAX_LOG + 9), "the newest are kept");
    sim.shutdown().await;
}
