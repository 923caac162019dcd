//! The sync engine against the OVHcloud simulator: pull, push of every change kind,
//! exactly-once across lost answers and crashes, offline then online, conflicts.

mod support;

use std::time::Duration;

use seatkeeper::domain::{GroupFamily, LicenceType};
use seatkeeper::error::{Error, Precondition};
use seatkeeper::i18n::{Lang, Localize};
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::{ChangeState, GroupPart, OrderRequest, PasswordRequest, Store};
use seatkeeper::sync::Phase;
use seatkeeper_simulator::{APP_KEY, APP_SECRET, Fault, FaultRule, Seed, Simulator, SimulatorConfig};
use support::world::{World, account};

#[tokio::test]
async fn a_pull_brings_both_families_with_their_licences_and_usage() {
    let w = World::new().await;
    let report = w.sync().await;
    assert_eq!(report.groups, 2);
    assert_eq!(report.licences, 30 + 12);
    let prepaid = w.group(GroupFamily::Prepaid);
    assert_eq!((prepaid.licences_used, prepaid.licences_total), (24, 30));
    assert!(prepaid.next_payment_on.is_some());
    let payg = w.group(GroupFamily::PayAsYouGo);
    assert_eq!((payg.licences_used, payg.licences_total), (12, 12));
    assert_eq!(payg.offer, LicenceType::OfficeProPlus);
    let licences = w.store.list_licences(prepaid.id).unwrap();
    assert_eq!(licences.iter().filter(|l| l.is_empty_slot).count(), 6);
    assert!(licences.iter().filter(|l| l.is_empty_slot).all(|l| l.first_name.is_none()), "configureme is not a name");
    // A second pull changes nothing and logs nothing new.
    let history = w.store.list_history(prepaid.id, &Default::default(), 100).unwrap().len();
    w.sync().await;
    assert_eq!(w.store.list_history(prepaid.id, &Default::default(), 100).unwrap().len(), history);
}

#[tokio::test]
async fn every_kind_of_change_reaches_ovhcloud_once() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let payg = w.group(GroupFamily::PayAsYouGo);
    let now = time::OffsetDateTime::now_utc();
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada.lovelace"), now).unwrap();
    w.store.add_user(payg.id, &account("Alan", "Turing", "alan.turing"), LicenceType::OfficeProPlus, now).unwrap();
    let user =
        w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot && l.state == "ok").unwrap();
    w.store.edit_account(user.id, &account("Grace", "Hopper", "grace.hopper"), now).unwrap();
    let pay_user = w.store.list_licences(payg.id).unwrap().into_iter().find(|l| l.state == "ok").unwrap();
    w.store
        .change_password(&w.secrets, pay_user.id, PasswordRequest::Own(Secret::new("Abcdefg1!")), None, now)
        .unwrap();
    let other = w.store.list_licences(payg.id).unwrap().into_iter().filter(|l| l.state == "ok").nth(1).unwrap();
    w.store.free_licences(&[other.id], now).unwrap();
    w.store.rename_group(prepaid.id, "Contoso Paris", now).unwrap();
    w.store.rename_group(payg.id, "Contoso Lyon", now).unwrap();
    let request = OrderRequest {
        account_id: w.account,
        group_id: Some(prepaid.id),
        licence_type: LicenceType::OfficeBusiness,
        renewal_period: "P1M".into(),
        quantity: 3,
    };
    w.store.place_order(&request, now).unwrap();

    let report = w.sync().await;
    assert!(report.all_sent(), "{report:?}");
    w.settle().await;

    // Each request went out exactly once.
    assert_eq!(w.sim.count("PUT", &format!("/license/officePrepaid/{}", slot.remote_id)), 1);
    assert_eq!(w.sim.count("POST", &format!("/license/office/{}/user", payg.service_name)), 1);
    assert_eq!(w.sim.count("POST", "/order/cart/*/checkout"), 1);
    assert_eq!(w.sim.count("DELETE", "/license/office/*/user/*"), 1);
    // The server holds what the user did, and the store holds what the server says.
    let names: Vec<String> = w.store.list_groups().unwrap().into_iter().map(|g| g.display_name).collect();
    assert!(names.contains(&"Contoso Paris".to_string()) && names.contains(&"Contoso Lyon".to_string()), "{names:?}");
    let activated = w.store.licence(slot.id).unwrap();
    assert_eq!(
        (activated.state.as_str(), activated.activation_email.as_deref()),
        ("ok", Some("ada.lovelace@office5678.o365.ovh.com"))
    );
    assert!(w.store.list_licences(payg.id).unwrap().iter().any(|l| l.remote_id.starts_with("alan.turing@")));
    assert!(!w.store.list_licences(payg.id).unwrap().iter().any(|l| l.remote_id == other.remote_id), "freed user gone");
    // The password left the keychain once sent.
    let change = seatkeeper::sync::pending_changes(&w.store, None, seatkeeper::i18n::Lang::En)
        .unwrap()
        .into_iter()
        .find(|c| c.kind == seatkeeper::store::ChangeKind::ChangePassword)
        .unwrap();
    assert_eq!(w.secrets.get(SecretKey::LicencePassword { change_id: change.id }).unwrap(), None);
    // The order has its payment page.
    let order =
        w.store.group_overview(prepaid.id).unwrap().orders_in_progress.into_iter().find(|o| o.quantity == 3).unwrap();
    assert!(order.payment_url.is_some_and(|u| u.starts_with("http")));
}

#[tokio::test]
async fn a_lost_answer_is_checked_before_sending_again() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada"), time::OffsetDateTime::now_utc()).unwrap();
    // A crash between send and acknowledgement: the PUT reached OVHcloud, and the
    // store still says `sending` (the engine commits that before sending).
    let path = format!("/license/officePrepaid/{}", slot.remote_id);
    let assignment = seatkeeper::ovh::models::LicenceAssignment {
        activation_email: Some("ada@office5678.o365.ovh.com".into()),
        first_name: Some("Ada".into()),
        last_name: Some("Lovelace".into()),
        usage_location: Some("fr".into()),
    };
    w.client.configure_licence(&slot.remote_id, &assignment).await.unwrap();
    w.store.write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'sending'", [])?)).unwrap();
    assert_eq!(w.open(), [ChangeState::Sending]);
    // The next sync reads the slot, sees the user there, and does not PUT again.
    w.sync().await;
    assert_eq!(w.open(), [ChangeState::WaitingRemote], "found applied: now following OVHcloud's task");
    w.settle().await;
    assert_eq!(w.sim.count("PUT", &path), 1);
    assert_eq!(w.store.licence(slot.id).unwrap().state, "ok");
}

#[tokio::test]
async fn a_dropped_connection_before_ovhcloud_acted_is_resent() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    w.store.rename_group(payg.id, "Renamed", time::OffsetDateTime::now_utc()).unwrap();
    let path = format!("/license/office/{}", payg.service_name);
    w.sim.inject(FaultRule::nth("PUT", &path, 1, Fault::DropConnection));
    w.sync().await;
    w.sync().await;
    assert!(w.open().is_empty());
    assert_eq!(w.sim.count("PUT", &path), 2, "the first never reached OVHcloud, the second did");
    assert_eq!(w.group(GroupFamily::PayAsYouGo).display_name, "Renamed");
}

#[tokio::test]
async fn an_order_interrupted_after_checkout_is_not_ordered_twice() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let request = OrderRequest {
        account_id: w.account,
        group_id: Some(prepaid.id),
        licence_type: LicenceType::OfficeBusiness,
        renewal_period: "P1M".into(),
        quantity: 2,
    };
    w.store.place_order(&request, time::OffsetDateTime::now_utc()).unwrap();
    w.sim.inject(FaultRule::nth("POST", "/order/cart/*/checkout", 1, Fault::MalformedJson));
    w.sync().await;
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/order/cart/*/checkout"), 1);
    assert!(w.open().is_empty());
}

#[tokio::test]
async fn offline_changes_wait_then_go_when_ovhcloud_is_back() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    w.store.rename_group(payg.id, "Offline rename", time::OffsetDateTime::now_utc()).unwrap();
    w.sim.inject(FaultRule::always("GET", "*", Fault::DropConnection));
    let report = w.sync().await;
    assert!(report.offline);
    assert_eq!(w.open(), [ChangeState::Queued]);
    // Every screen still reads from the store.
    assert_eq!(w.store.list_groups().unwrap().len(), 2);
    w.sim.clear_faults();
    let report = w.sync().await;
    assert!(report.all_sent(), "{report:?}");
    assert!(w.open().is_empty());
}

#[tokio::test]
async fn an_activation_whose_slot_was_given_away_meanwhile_moves_to_another_free_slot() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada"), time::OffsetDateTime::now_utc()).unwrap();
    // Meanwhile, in the control panel (or from another computer), the same slot goes to
    // someone else.
    let other = seatkeeper::ovh::models::LicenceAssignment {
        activation_email: Some("bob@office5678.o365.ovh.com".into()),
        first_name: Some("Bob".into()),
        last_name: Some("Other".into()),
        usage_location: Some("fr".into()),
    };
    w.client.configure_licence(&slot.remote_id, &other).await.unwrap();
    w.sim.advance(Duration::from_secs(60));
    let report = w.sync().await;
    assert!(report.all_sent(), "{report:?}");
    assert_eq!(w.sim.count("PUT", &format!("/license/officePrepaid/{}", slot.remote_id)), 1, "only Bob's PUT");
    w.sim.advance(Duration::from_secs(60));
    w.sync().await;
    let licences = w.store.list_licences(prepaid.id).unwrap();
    let ada: Vec<_> =
        licences.iter().filter(|l| l.activation_email.as_deref() == Some("ada@office5678.o365.ovh.com")).collect();
    assert_eq!(ada.len(), 1, "Ada is on one licence: {licences:?}");
    assert_ne!(ada[0].remote_id, slot.remote_id, "another slot");
    assert_eq!(w.sim.count("PUT", &format!("/license/officePrepaid/{}", ada[0].remote_id)), 1);
    assert_eq!(w.store.licence(slot.id).unwrap().activation_email.as_deref(), Some("bob@office5678.o365.ovh.com"));
    assert!(w.open().is_empty(), "nothing waits: {:?}", w.open());
    // The history says where it went and why.
    let moved = w
        .store
        .list_history(prepaid.id, &seatkeeper::store::HistoryFilter::default(), 100)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "activationMoved")
        .expect("a history row");
    assert_eq!(moved.details["from"], slot.remote_id.as_str());
    assert_eq!(moved.details["to"], ada[0].remote_id.as_str());
    assert_eq!(moved.details["takenBy"], "bob@office5678.o365.ovh.com");
}

#[tokio::test]
async fn a_moved_activation_whose_answer_was_lost_is_not_sent_again() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada"), time::OffsetDateTime::now_utc()).unwrap();
    let other = seatkeeper::ovh::models::LicenceAssignment {
        activation_email: Some("bob@office5678.o365.ovh.com".into()),
        first_name: Some("Bob".into()),
        last_name: Some("Other".into()),
        usage_location: Some("fr".into()),
    };
    w.client.configure_licence(&slot.remote_id, &other).await.unwrap();
    w.sim.advance(Duration::from_secs(60));
    // OVHcloud carries out the PUT to the slot the activation moved to, and its answer is lost.
    w.sim.inject(FaultRule::nth("PUT", "/license/officePrepaid/*", 1, Fault::MalformedJson));
    w.sync().await;
    let change = w.store.list_changes(Default::default()).unwrap().remove(0);
    assert_eq!(change.state, ChangeState::Sending, "its outcome unknown: {change:?}");
    let moved_to = change.licence_remote_id.unwrap();
    assert_ne!(moved_to, slot.remote_id, "moved, durably, before the PUT");
    w.sim.advance(Duration::from_secs(60));
    w.sync().await;
    w.sim.advance(Duration::from_secs(60));
    w.sync().await;
    assert!(w.open().is_empty(), "{:?}", w.open());
    assert_eq!(w.sim.count("PUT", &format!("/license/officePrepaid/{moved_to}")), 1, "sent once");
    assert_eq!(w.sim.count("PUT", &format!("/license/officePrepaid/{}", slot.remote_id)), 1, "only Bob's PUT");
    let ada = w.store.list_licences(prepaid.id).unwrap();
    assert_eq!(
        ada.iter().filter(|l| l.activation_email.as_deref() == Some("ada@office5678.o365.ovh.com")).count(),
        1,
        "{ada:?}"
    );
}

#[tokio::test]
async fn an_activation_whose_slot_was_given_away_with_no_other_free_slot_is_refused_saying_so() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let empty: Vec<_> = w.store.list_licences(prepaid.id).unwrap().into_iter().filter(|l| l.is_empty_slot).collect();
    let slot = empty[0].clone();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada"), time::OffsetDateTime::now_utc()).unwrap();
    // Every free slot is given to someone else elsewhere.
    for (i, l) in empty.iter().enumerate() {
        let other = seatkeeper::ovh::models::LicenceAssignment {
            activation_email: Some(format!("other{i}@office5678.o365.ovh.com")),
            first_name: Some("Someone".into()),
            last_name: Some(format!("Else{i}")),
            usage_location: Some("fr".into()),
        };
        w.client.configure_licence(&l.remote_id, &other).await.unwrap();
    }
    w.sim.advance(Duration::from_secs(60));
    w.sync().await;
    let change = seatkeeper::sync::pending_changes(&w.store, None, seatkeeper::i18n::Lang::En).unwrap().remove(0);
    assert_eq!(change.state, ChangeState::Failed);
    let why = change.last_error.clone().unwrap_or_default();
    assert!(why.contains("other0@") && why.contains("no other free licence"), "{why}");
    // Stored typed, worded when read: in French for a French window, reminder included.
    let fr = seatkeeper::sync::pending_changes(&w.store, None, seatkeeper::i18n::Lang::Fr).unwrap().remove(0);
    let pourquoi = fr.last_error.unwrap_or_default();
    assert!(pourquoi.contains("other0@") && pourquoi.contains("plus d’autre licence libre"), "{pourquoi}");
    w.store.refresh_reminders(time::OffsetDateTime::now_utc(), seatkeeper::i18n::Lang::Fr).unwrap();
    let reminder = w
        .store
        .reminders(seatkeeper::i18n::Lang::Fr)
        .unwrap()
        .into_iter()
        .find(|r| r.kind == seatkeeper::domain::ReminderKind::ChangeFailed)
        .expect("a reminder of the failed change");
    assert!(reminder.body.contains("plus d’autre licence libre"), "{}", reminder.body);
    assert!(reminder.body.starts_with("L’activation pour Ada Lovelace n’est pas passée"), "{}", reminder.body);
    assert!(!reminder.body.contains("\"code\""), "never the stored form: {}", reminder.body);
    for l in &empty {
        assert_eq!(w.sim.count("PUT", &format!("/license/officePrepaid/{}", l.remote_id)), 1, "only the others' PUTs");
    }
    // The failed change no longer holds the slot: the next pull shows OVHcloud's truth.
    w.sync().await;
    assert_eq!(w.store.licence(slot.id).unwrap().activation_email.as_deref(), Some("other0@office5678.o365.ovh.com"));
}

#[tokio::test]
async fn a_change_the_server_refuses_is_parked_with_its_reason() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let user = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot).unwrap();
    w.store.free_licences(&[user.id], time::OffsetDateTime::now_utc()).unwrap();
    w.sim.expire_service(&user.remote_id);
    w.sync().await;
    let change = seatkeeper::sync::pending_changes(&w.store, None, seatkeeper::i18n::Lang::En).unwrap().remove(0);
    assert_eq!(change.state, ChangeState::Failed);
    assert!(change.last_error.as_deref().is_some_and(|e| !e.is_empty()), "{change:?}");
    // Parked, not dropped: it stays visible, and later syncs do not resend it.
    w.sync().await;
    assert_eq!(w.sim.count("POST", &format!("/license/officePrepaid/{}/unconfigure", user.remote_id)), 1);
}

mod service {
    use super::*;
    use seatkeeper::i18n::Lang;
    use seatkeeper::sync::{DEMO_LABEL, SyncService, SyncStatus};

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        (dir, store)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_demo_account_syncs_against_a_simulator_on_loopback() {
        let (_dir, store) = store();
        let secrets = MemorySecrets::default();
        let service = SyncService::default();
        let connected = service.connect_demo(&store, &secrets).await.unwrap();
        assert_eq!(service.connect_demo(&store, &secrets).await.unwrap(), connected, "one demo account");
        let seen = std::sync::Mutex::new(Vec::<SyncStatus>::new());
        let reports = service.run_once(&store, &secrets, Lang::En, &|s| seen.lock().unwrap().push(s)).await.unwrap();
        assert_eq!(reports[0].groups, 2);
        let seen = seen.into_inner().unwrap();
        assert!(seen.first().unwrap().running, "progress starts as running");
        assert!(seen.iter().any(|s| s.progress.as_ref().is_some_and(|p| p.phase == Phase::Pull)));
        let last = seen.last().unwrap();
        assert!(!last.running);
        assert_eq!((last.online, last.last_error.as_deref()), (Some(true), None));
        assert_eq!(service.status(), *last);
        let accounts = store.list_accounts().unwrap();
        assert_eq!(accounts[0].label, DEMO_LABEL);
        assert_eq!(store.list_groups().unwrap().len(), 2);

        // The catalog came with the pull; an order is placed, paid on the simulator as
        // a customer would on OVHcloud's payment page, and its licences arrive as slots.
        let catalog = store.catalog(connected.account_id).unwrap();
        assert!(catalog.iter().any(|c| c.renewal_period == "P1Y"), "{catalog:?}");
        let prepaid = store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
        let request = OrderRequest {
            account_id: connected.account_id,
            group_id: Some(prepaid.id),
            licence_type: LicenceType::OfficeBusiness,
            renewal_period: "P1Y".into(),
            quantity: 4,
        };
        store.place_order(&request, time::OffsetDateTime::now_utc()).unwrap();
        service.run_once(&store, &secrets, Lang::En, &|_| {}).await.unwrap();
        let order = store.list_open_orders().unwrap().into_iter().find(|o| o.quantity == 4).unwrap();
        assert!(order.is_demo && order.payment_url.is_some(), "{order:?}");
        service.pay_demo_order(&store, order.id).await.unwrap();
        service.run_once(&store, &secrets, Lang::En, &|_| {}).await.unwrap();
        let after = store.list_groups().unwrap().into_iter().find(|g| g.id == prepaid.id).unwrap();
        assert_eq!(after.licences_total, prepaid.licences_total + 4);
        assert!(store.list_open_orders().unwrap().iter().all(|o| o.id != order.id), "delivered");

        service.disconnect(&store, &secrets, connected.account_id).await.unwrap();
        assert!(store.list_groups().unwrap().is_empty(), "its data goes with it");
        assert_eq!(secrets.get(SecretKey::ApplicationSecret { account_id: connected.account_id }).unwrap(), None);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn connecting_without_a_consumer_key_returns_the_validation_address() {
        let sim = Simulator::start(SimulatorConfig::for_tests(Seed::demo())).await.unwrap();
        let (_dir, store) = store();
        let secrets = MemorySecrets::default();
        let service = SyncService::default();
        let connected = service
            .connect(&store, &secrets, "Bureau", &sim.base_url(), APP_KEY, Secret::new(APP_SECRET), None)
            .await
            .unwrap();
        let url = connected.validation_url.expect("a validation address");
        assert!(url.starts_with("http"), "{url}");
        let ck = secrets.get(SecretKey::ConsumerKey { account_id: connected.account_id }).unwrap().unwrap();
        // Before the user allows it, syncing says why it cannot.
        service.run_once(&store, &secrets, Lang::Fr, &|_| {}).await.unwrap();
        assert!(service.status().last_error.is_some_and(|e| e.contains("Bureau")));
        assert!(sim.validate_credential(ck.expose(), seatkeeper_simulator::ACCOUNT));
        service.run_once(&store, &secrets, Lang::En, &|_| {}).await.unwrap();
        assert_eq!(service.status().last_error, None);
        assert_eq!(store.list_groups().unwrap().len(), 2);

        // A bad endpoint is refused and leaves nothing behind.
        let bad = service.connect(&store, &secrets, "Nowhere", "not an endpoint", "k", Secret::new("s"), None).await;
        let ipc = bad.unwrap_err().to_ipc(Lang::Fr);
        assert_eq!(
            (ipc.rule.as_deref(), ipc.field.map(|f| serde_json::to_value(f).unwrap())),
            (Some("endpoint.invalid"), Some(serde_json::json!("endpoint")))
        );
        let blank =
            service.connect(&store, &secrets, " ", &sim.base_url(), APP_KEY, Secret::new(APP_SECRET), None).await;
        assert_eq!(serde_json::to_value(blank.unwrap_err().to_ipc(Lang::En).field).unwrap(), "accountName");
        assert!(store.list_accounts().unwrap().iter().all(|a| a.label != "Nowhere"));
    }
}

#[tokio::test]
async fn a_sync_with_nothing_changed_reads_only_what_changes_often() {
    let w = World::new().await;
    w.sync().await;
    w.sim.clear_log();
    w.sync().await;
    let paths: Vec<String> = w.sim.requests().iter().map(|e| format!("{} {}", e.method, e.path)).collect();
    assert!(paths.len() <= 5, "{paths:?}");
    assert_eq!(
        paths,
        ["GET /license/office", "GET /license/officePrepaid", "GET /license/office/office529.o365.ovh.com/user"],
        "the groups and their licences, nothing that changes rarely"
    );
    // Opening a group (or a change of ours to it) has its details read again at the next sync.
    let prepaid = w.group(GroupFamily::Prepaid);
    w.store.refresh_group(prepaid.id).unwrap();
    w.sim.clear_log();
    w.sync().await;
    assert_eq!(w.sim.count("GET", "/license/officePrepaid/*/parentTenant"), 1);
    assert_eq!(w.sim.count("GET", "/license/office/*"), 1, "only the opened group's details");
}

// ---- parts of a group OVHcloud answers in an unexpected shape ---------------------------

/// The fields of `services.Service` Seatkeeper never reads.
fn unneeded_service_fields() -> Vec<String> {
    ["contactAdmin", "contactBilling", "contactTech", "domain", "serviceId", "renewalType"].map(String::from).to_vec()
}

#[tokio::test]
async fn service_infos_without_the_fields_seatkeeper_does_not_need_still_give_the_renewal() {
    let w = World::new().await;
    w.sim.inject(FaultRule::always("GET", "*/serviceInfos", Fault::OmitFields(unneeded_service_fields())));
    let report = w.sync().await;
    let answered: Vec<_> = w.sim.requests().into_iter().filter(|e| e.path.ends_with("/serviceInfos")).collect();
    assert!(!answered.is_empty() && answered.iter().all(|e| !e.response_body.contains("contactTech")));
    assert!(report.stale_groups.is_empty(), "{report:?}");
    for family in [GroupFamily::Prepaid, GroupFamily::PayAsYouGo] {
        let group = w.group(family);
        let renewal = w.store.group_overview(group.id).unwrap().renewal.expect("the renewal is read");
        assert!(renewal.expires_on.is_some(), "{renewal:?}");
        // And `seatkeeper renewal set` can go ahead.
        let manual = seatkeeper::domain::RenewalInput {
            mode: seatkeeper::domain::RenewalMode::Manual,
            period_months: renewal.period_months,
        };
        w.store.plan_renewal(group.id, &manual, time::OffsetDateTime::now_utc(), Lang::En).unwrap();
    }
}

#[tokio::test]
async fn a_part_of_a_group_answered_in_an_unreadable_shape_is_shown_stale_and_the_rest_is_read() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let known = w.store.group_overview(payg.id).unwrap().renewal.expect("read at the first sync");
    // Meanwhile at OVHcloud: a new name and a new domain; and the group's serviceInfos
    // now come without their renewal date, which the renewal cannot do without.
    w.client.rename_office_group(&payg.service_name, "Renamed at OVHcloud").await.unwrap();
    w.sim.add_domain(&payg.service_name, "contoso.fr", false);
    let route = format!("/license/office/{}/serviceInfos", payg.service_name);
    w.sim.inject(FaultRule::always("GET", &route, Fault::OmitFields(vec!["expiration".into()])));
    w.store.refresh_group(payg.id).unwrap();
    let report = w.sync().await;

    // The sync says which group, which part, and why, with OVHcloud's query id.
    let stale: Vec<_> = report.stale_groups.iter().filter(|g| g.service_name == payg.service_name).collect();
    assert_eq!(stale.len(), 1, "{report:?}");
    assert!(stale[0].reason.contains("expiration"), "{:?}", stale[0]);
    assert_eq!(stale[0].part, Some(GroupPart::Renewal));
    let answered = w.sim.requests().into_iter().rfind(|e| e.path == route).unwrap();
    assert!(answered.fault.is_some());
    assert!(stale[0].reason.contains(&format!("GET {route}")) && stale[0].reason.contains("query id EU.ext-sim."));
    // The rest of the group was read, and what was known of its renewal is kept.
    let overview = w.store.group_overview(payg.id).unwrap();
    assert_eq!(overview.group.display_name, "Renamed at OVHcloud");
    assert!(overview.domains.iter().any(|d| d.name == "contoso.fr"), "{:?}", overview.domains);
    assert_eq!(overview.group.licences_total, 12);
    assert_eq!(overview.group.sync_error, None, "the group itself was read");
    assert_eq!(overview.renewal, Some(known));
    // The group's page says that part is not up to date, and why, in the user's language.
    for (lang, said) in [(Lang::En, "cannot read"), (Lang::Fr, "ne sait pas lire")] {
        let parts = w.store.group_overview_in(payg.id, lang).unwrap().stale_parts;
        assert_eq!(parts.len(), 1, "{parts:?}");
        assert_eq!(parts[0].part, GroupPart::Renewal);
        assert!(parts[0].reason.contains(said) && parts[0].reason.contains("expiration"), "{}", parts[0].reason);
        assert!(parts[0].reason.contains("EU.ext-sim."), "the query id for OVHcloud's support: {}", parts[0].reason);
    }
    let since = w.store.group_overview(payg.id).unwrap().stale_parts[0].since.clone();
    // The other group is not concerned.
    assert!(w.store.group_overview(w.group(GroupFamily::Prepaid).id).unwrap().stale_parts.is_empty());

    // It is read again at the next sync (still failing: still since the first time).
    w.sim.clear_log();
    w.sync().await;
    assert_eq!(w.sim.count("GET", &route), 1, "read again");
    assert_eq!(w.store.group_overview(payg.id).unwrap().stale_parts[0].since, since);
    // Once OVHcloud answers as it should, the part is up to date again.
    w.sim.clear_faults();
    let report = w.sync().await;
    assert!(report.stale_groups.is_empty(), "{report:?}");
    let overview = w.store.group_overview(payg.id).unwrap();
    assert!(overview.stale_parts.is_empty() && overview.renewal.is_some());
    w.sim.clear_log();
    w.sync().await;
    assert_eq!(w.sim.count("GET", &route), 0, "back to reading it once a day");
}

#[tokio::test]
async fn a_renewal_never_read_says_why_and_renewal_set_says_it_too() {
    let w = World::new().await;
    w.sim.inject(FaultRule::always("GET", "/license/officePrepaid/*/serviceInfos", Fault::MalformedJson));
    let report = w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    assert!(
        report
            .stale_groups
            .iter()
            .any(|g| g.service_name == prepaid.service_name && g.part == Some(GroupPart::Renewal)),
        "{report:?}"
    );
    let overview = w.store.group_overview(prepaid.id).unwrap();
    assert_eq!(overview.renewal, None);
    assert_eq!(overview.group.licences_total, 30, "its licences were read");
    // `seatkeeper renewal set` (and the window) say why, not only "sync, then try again".
    let input = seatkeeper::domain::RenewalInput { mode: seatkeeper::domain::RenewalMode::Manual, period_months: 1 };
    let Err(err) = w.store.plan_renewal(prepaid.id, &input, time::OffsetDateTime::now_utc(), Lang::En) else {
        panic!("planned without knowing the renewal");
    };
    assert!(matches!(err, Error::Precondition(Precondition::RenewalUnread(_))), "{err:?}");
    assert!(matches!(w.store.current_renewal(prepaid.id), Err(Error::Precondition(Precondition::RenewalUnread(_)))));
    let (en, fr) = (err.localize(Lang::En), err.localize(Lang::Fr));
    assert!(en.contains("does not know yet how this group renews") && en.contains("cannot read"), "{en}");
    assert!(
        fr.contains("ne sait pas encore comment ce groupe se renouvelle") && fr.contains("ne sait pas lire"),
        "{fr}"
    );
    assert!(en.contains("/serviceInfos") && en.contains("EU.ext-sim."), "{en}");
    // Read at the next sync once OVHcloud answers as it should.
    w.sim.clear_faults();
    w.sync().await;
    assert!(w.store.current_renewal(prepaid.id).is_ok());
}
