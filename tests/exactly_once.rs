//! The outbox's promise — a change reaches OVHcloud exactly once — under the conditions
//! that used to break it, one test per defect: order keys shared between databases,
//! carts lost or expired, a password the keychain lost, a bad group, OVHcloud busy
//! with an earlier change, "already applied" decided on a subset of fields, a preview
//! that was not what was sent, and the smaller ones. The cross-process cases (two
//! syncs at once, SIGKILL) are in `tests/cli.rs`.

mod support;

use std::time::Duration;

use seatkeeper::domain::{
    DeviceKind, GroupFamily, LicenceType, RenewalInput, RenewalMode, SignatoryInput, TerminationFutureUse,
    TerminationInput, TerminationReason,
};
use seatkeeper::error::Error;
use seatkeeper::i18n::Lang;
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::changes::ParkReason;
use seatkeeper::store::{ChangeFilter, ChangeKind, ChangeState, OrderRequest, PasswordRequest, Store};
use seatkeeper::sync::{Engine, PASSWORD_PLACEHOLDER, PendingChange, SyncService, pending_changes, workflow};
use seatkeeper_simulator::{Fault, FaultRule, Seed};
use support::world::{World, account, quiet};

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

fn changes(store: &Store) -> Vec<PendingChange> {
    pending_changes(store, None, seatkeeper::i18n::Lang::En).unwrap()
}

fn change(store: &Store, kind: ChangeKind) -> PendingChange {
    changes(store).into_iter().find(|c| c.kind == kind).unwrap_or_else(|| panic!("no {kind:?} change"))
}

fn order(w: &World, quantity: u32) -> OrderRequest {
    let prepaid = w.group(GroupFamily::Prepaid);
    OrderRequest {
        account_id: w.account,
        group_id: Some(prepaid.id),
        licence_type: LicenceType::OfficeBusiness,
        renewal_period: "P1M".into(),
        quantity,
    }
}

fn checkouts(w: &World) -> usize {
    w.sim.requests().iter().filter(|e| e.method == "POST" && e.path.ends_with("/checkout") && e.status == 200).count()
}

// 2. Order idempotency key --------------------------------------------------------

#[tokio::test]
async fn two_installations_ordering_at_once_each_get_their_own_order() {
    // Two computers (two databases, both counting changes from 1) order for the same
    // OVHcloud account. Each order is placed: neither is taken for the other's.
    let first = World::new().await;
    first.sync().await;
    let dir = tempfile::tempdir().unwrap();
    let second_store = Store::open_in(dir.path()).unwrap();
    let second_account = second_store
        .write(|tx| {
            seatkeeper::store::accounts::add(
                tx,
                "Second PC",
                &first.sim.base_url(),
                seatkeeper_simulator::APP_KEY,
                "2026-11-23T10:00:00Z",
            )
        })
        .unwrap();
    let second_secrets = MemorySecrets::default();
    for (key, value) in [
        (SecretKey::ApplicationSecret { account_id: second_account }, seatkeeper_simulator::APP_SECRET),
        (SecretKey::ConsumerKey { account_id: second_account }, seatkeeper_simulator::CONSUMER_KEY),
    ] {
        second_secrets.set(key, &Secret::new(value)).unwrap();
    }
    let second_client = World::client(&second_store, &second_secrets, second_account);
    let second_lock = seatkeeper::sync::SyncLock::try_for(&second_store, "test").unwrap();
    let second = Engine {
        store: &second_store,
        secrets: &second_secrets,
        client: &second_client,
        account_id: second_account,
        progress: &quiet,
        lock: &second_lock,
    };
    second.sync().await.unwrap();

    first.store.place_order(&order(&first, 2), now()).unwrap();
    let prepaid = second_store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
    let request = OrderRequest { account_id: second_account, group_id: Some(prepaid.id), ..order(&first, 3) };
    second_store.place_order(&request, now()).unwrap();
    let a = first.store.list_changes(ChangeFilter::default()).unwrap().remove(0);
    let b = second_store.list_changes(ChangeFilter::default()).unwrap().remove(0);
    assert_eq!(a.id, b.id, "both databases count from the same id");
    assert_ne!(a.change_key, b.change_key, "but their keys differ");

    first.sync().await;
    second.sync().await.unwrap();
    assert_eq!(checkouts(&first), 2, "each order placed once, none skipped");
    for store in [&first.store, &second_store] {
        let open = store.list_open_orders().unwrap();
        assert!(open.iter().all(|o| o.payment_url.is_some()), "{open:?}");
    }
}

#[tokio::test]
async fn an_order_whose_checkout_answer_was_lost_is_recovered_with_its_payment_page() {
    let w = World::new().await;
    w.sync().await;
    w.store.place_order(&order(&w, 2), now()).unwrap();
    // The checkout reaches OVHcloud, its answer does not.
    w.sim.inject(FaultRule::nth("POST", "/order/cart/*/checkout", 1, Fault::MalformedJson));
    w.sync().await;
    assert_eq!(w.open(), [ChangeState::Sending], "outcome unknown");
    w.sync().await;
    assert_eq!(checkouts(&w), 1, "never checked out twice");
    assert!(w.open().is_empty());
    let placed = w.store.list_open_orders().unwrap().into_iter().find(|o| o.quantity == 2).unwrap();
    let remote = w.sim.state().orders.values().next().map(|o| o.order_id).unwrap();
    assert!(placed.payment_url.as_deref().is_some_and(|u| u.contains(&remote.to_string())), "{placed:?}");
    // Followed like any order: once paid at OVHcloud, delivered here.
    w.sim.pay_order(remote);
    w.sync().await;
    assert!(w.store.list_open_orders().unwrap().iter().all(|o| o.quantity != 2), "delivered");
}

#[tokio::test]
async fn an_order_interrupted_before_its_checkout_continues_with_its_own_cart() {
    let w = World::new().await;
    w.sync().await;
    w.store.place_order(&order(&w, 2), now()).unwrap();
    // The cart is created (and recorded), then OVHcloud goes away before the item is added.
    w.sim.inject(FaultRule::nth("POST", "/order/cart/*/officePrepaid", 1, Fault::DropConnection));
    w.sync().await;
    let recorded = w.store.list_changes(ChangeFilter::default()).unwrap().remove(0);
    assert!(recorded.cart_id.is_some(), "the cart is recorded before it is filled");
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/order/cart"), 1, "the same cart is used again");
    assert_eq!(checkouts(&w), 1);
    assert!(w.open().is_empty());
}

#[tokio::test]
async fn a_cart_that_expired_before_checkout_is_replaced_and_ordered_once() {
    let w = World::new().await;
    w.sync().await;
    w.store.place_order(&order(&w, 2), now()).unwrap();
    w.sim.inject(FaultRule::nth("POST", "/order/cart/*/officePrepaid", 1, Fault::DropConnection));
    w.sync().await;
    // Days offline: the cart expires at OVHcloud.
    w.sim.advance(Duration::from_secs(3 * 86_400));
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/order/cart"), 2, "a new cart for the expired one");
    assert_eq!(checkouts(&w), 1, "ordered once");
    assert!(w.open().is_empty());
}

#[tokio::test]
async fn a_cart_gone_after_its_checkout_was_sent_is_never_ordered_again() {
    let w = World::new().await;
    w.sync().await;
    w.store.place_order(&order(&w, 2), now()).unwrap();
    // The checkout never reaches OVHcloud (the connection drops first), and days pass.
    w.sim.inject(FaultRule::nth("POST", "/order/cart/*/checkout", 1, Fault::DropConnection));
    w.sync().await;
    w.sim.advance(Duration::from_secs(3 * 86_400));
    w.sync().await;
    w.sync().await;
    assert_eq!(checkouts(&w), 0, "not ordered behind the user's back");
    assert_eq!(w.sim.count("POST", "/order/cart"), 1, "no second cart");
    let parked = change(&w.store, ChangeKind::Order);
    assert_eq!((parked.state, parked.parked_reason), (ChangeState::Parked, Some(ParkReason::OrderUnknown)));
    assert!(!parked.can_undo, "its checkout went out: not undone, let go after checking");
    assert!(parked.can_dismiss);
    // Retrying re-checks OVHcloud and still does not order.
    w.store.retry_change(parked.id, now()).unwrap();
    w.sync().await;
    assert_eq!(checkouts(&w), 0);
    w.store.dismiss_change(&w.secrets, parked.id, now()).unwrap();
    assert_eq!(w.store.changes_needing_attention(None).unwrap(), 0);
}

// 3. A password the keychain lost --------------------------------------------------

#[tokio::test]
async fn a_password_change_whose_password_is_gone_is_parked_not_sent() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let user = w.store.list_licences(payg.id).unwrap().into_iter().find(|l| l.state == "ok").unwrap();
    let set = w
        .store
        .change_password(&w.secrets, user.id, PasswordRequest::Own(Secret::new("Abcdefg1!")), None, now())
        .unwrap();
    // A reboot with the kernel keyring, a keychain reset: the entry is gone.
    w.secrets.delete(SecretKey::LicencePassword { change_id: set.change_id }).unwrap();
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/license/office/*/user/*/changePassword"), 0, "never sent without it");
    let parked = change(&w.store, ChangeKind::ChangePassword);
    assert_eq!((parked.state, parked.parked_reason), (ChangeState::Parked, Some(ParkReason::PasswordMissing)));
    assert_eq!(w.store.changes_needing_attention(None).unwrap(), 1);

    // The user types it again: it goes, with that password, and leaves the keychain.
    w.store.set_password_again(&w.secrets, parked.id, PasswordRequest::Own(Secret::new("Xyzwvut9!")), now()).unwrap();
    w.sync().await;
    let sent: Vec<_> = w.sim.requests().into_iter().filter(|e| e.path.ends_with("/changePassword")).collect();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].request_body.contains("Xyzwvut9!"));
    w.settle().await;
    assert_eq!(w.secrets.get(SecretKey::LicencePassword { change_id: parked.id }).unwrap(), None);
}

/// A keychain that cannot be read at all (locked, no session).
struct LockedKeychain(MemorySecrets);

impl SecretStore for LockedKeychain {
    fn set(&self, key: SecretKey, secret: &Secret) -> seatkeeper::error::Result<()> {
        self.0.set(key, secret)
    }
    fn get(&self, key: SecretKey) -> seatkeeper::error::Result<Option<Secret>> {
        match key {
            SecretKey::LicencePassword { .. } => Err(Error::Keychain("the keychain is locked".into())),
            other => self.0.get(other),
        }
    }
    fn delete(&self, key: SecretKey) -> seatkeeper::error::Result<()> {
        self.0.delete(key)
    }
}

#[tokio::test]
async fn a_locked_keychain_parks_a_password_change_until_it_is_retried() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let user =
        w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot && l.state == "ok").unwrap();
    let set = w.store.change_password(&w.secrets, user.id, PasswordRequest::Generate, None, now()).unwrap();
    let password = w.secrets.get(SecretKey::LicencePassword { change_id: set.change_id }).unwrap().unwrap();
    let locked = LockedKeychain(MemorySecrets::default());
    locked.0.set(SecretKey::LicencePassword { change_id: set.change_id }, &password).unwrap();
    let engine = Engine { secrets: &locked, ..w.engine() };
    engine.sync().await.unwrap();
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/changePassword"), 0);
    let parked = change(&w.store, ChangeKind::ChangePassword);
    assert_eq!(parked.parked_reason, Some(ParkReason::KeychainUnavailable));
    // Unlocked: retried, sent with the password it had.
    w.store.retry_change(parked.id, now()).unwrap();
    w.sync().await;
    let sent: Vec<_> = w.sim.requests().into_iter().filter(|e| e.path.ends_with("/changePassword")).collect();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].request_body.contains(password.expose()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_an_account_removes_its_queued_passwords_from_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let secrets = MemorySecrets::default();
    let service = SyncService::default();
    let demo = service.connect_demo(&store, &secrets).await.unwrap();
    service.run_once(&store, &secrets, Lang::En, &|_| {}).await.unwrap();
    let licence = store
        .list_groups()
        .unwrap()
        .into_iter()
        .flat_map(|g| store.list_licences(g.id).unwrap())
        .find(|l| !l.is_empty_slot && l.state == "ok")
        .unwrap();
    let set = store.change_password(&secrets, licence.id, PasswordRequest::Generate, None, now()).unwrap();
    assert!(secrets.get(SecretKey::LicencePassword { change_id: set.change_id }).unwrap().is_some());
    service.disconnect(&store, &secrets, demo.account_id).await.unwrap();
    assert_eq!(secrets.get(SecretKey::LicencePassword { change_id: set.change_id }).unwrap(), None);
}

// 4. One bad group ------------------------------------------------------------------

#[tokio::test]
async fn an_expired_group_is_marked_stale_and_the_others_still_sync_and_send() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let prepaid = w.group(GroupFamily::Prepaid);
    w.store.rename_group(prepaid.id, "Still sent", now()).unwrap();
    w.sim.expire_service(&payg.service_name);
    let report = w.sync().await;
    assert_eq!(report.stale_groups.len(), 1, "{report:?}");
    assert_eq!(report.stale_groups[0].service_name, payg.service_name);
    assert!(w.open().is_empty(), "the other group's change went out");
    assert_eq!(w.group(GroupFamily::Prepaid).display_name, "Still sent");
    let stale = w.group(GroupFamily::PayAsYouGo);
    assert!(stale.sync_error.as_deref().is_some_and(|e| e.contains("expired")), "{stale:?}");
    assert_eq!(w.store.list_licences(stale.id).unwrap().len(), 12, "what was known is kept");
}

// 5. OVHcloud still working on an earlier change -----------------------------------

#[tokio::test]
async fn a_password_change_waits_for_the_activation_of_its_licence() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada.lovelace"), now()).unwrap();
    w.store.change_password(&w.secrets, slot.id, PasswordRequest::Generate, None, now()).unwrap();
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/changePassword"), 0, "not while the activation runs");
    // Newest first: the password change waits, the activation runs at OVHcloud.
    assert_eq!(w.open(), [ChangeState::Queued, ChangeState::WaitingRemote]);
    w.settle().await;
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/changePassword"), 1);
    assert!(changes(&w.store).iter().all(|c| c.state == ChangeState::Done), "none failed");
}

#[tokio::test]
async fn ovhcloud_busy_with_a_licence_means_later_not_failed() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let user = w.store.list_licences(payg.id).unwrap().into_iter().find(|l| l.state == "ok").unwrap();
    w.store.change_password(&w.secrets, user.id, PasswordRequest::Generate, None, now()).unwrap();
    // A task started elsewhere (the control panel) is running on this user.
    w.client
        .change_office_user_password(
            &payg.service_name,
            &user.remote_id,
            &seatkeeper::ovh::models::ChangePassword {
                password: Some(Secret::new("Elsewhere-Pa55")),
                should_send_mail: false,
                notify_email: None,
            },
        )
        .await
        .unwrap();
    let report = w.sync().await;
    let outcome = report.changes.iter().find(|c| c.kind == ChangeKind::ChangePassword).unwrap();
    assert_eq!(outcome.state, ChangeState::Queued, "{outcome:?}");
    // Said as "later", typed, and worded in each language when read.
    let why = outcome.message.clone().expect("a reason");
    assert!(matches!(why, seatkeeper::store::changes::ChangeError::Busy { .. }), "{why:?}");
    use seatkeeper::i18n::{Lang, Localize};
    assert!(why.localize(Lang::En).contains("try again"), "{}", why.localize(Lang::En));
    assert!(why.localize(Lang::Fr).contains("réessaiera"), "{}", why.localize(Lang::Fr));
    // It waits its turn, then goes.
    w.sim.advance(Duration::from_secs(60));
    let waiting = w.store.list_changes(ChangeFilter::default()).unwrap().remove(0);
    w.store
        .write(|tx| Ok(tx.execute("UPDATE pending_changes SET not_before = NULL WHERE id = ?1", [waiting.id])?))
        .unwrap();
    w.settle().await;
    assert!(changes(&w.store).iter().all(|c| c.state == ChangeState::Done));
}

// 6. "Already applied" compares every field ------------------------------------------

#[tokio::test]
async fn an_edit_of_the_usage_location_only_is_sent_not_taken_as_done() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let user = w.store.list_licences(payg.id).unwrap().into_iter().find(|l| l.state == "ok").unwrap();
    let mut input = account(
        user.first_name.as_deref().unwrap(),
        user.last_name.as_deref().unwrap(),
        user.login.as_deref().unwrap(),
    );
    input.usage_location = "BE".into();
    w.store.edit_account(user.id, &input, now()).unwrap();
    // A crash right after `sending` was committed: the outcome is unknown.
    w.store.write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'sending'", [])?)).unwrap();
    w.sync().await;
    assert_eq!(w.sim.count("PUT", "/license/office/*/user/*"), 1, "names equal, location not: sent");
    let remote = w.client.office_user(&payg.service_name, &user.remote_id).await.unwrap();
    assert_eq!(remote.usage_location.as_deref(), Some("be"));
}

// 7. The preview is what is sent ------------------------------------------------------

/// A prepaid group ordered but whose Microsoft Customer Agreement is not accepted yet.
const UNSIGNED: &str = "office9100.o365.ovh.com";

fn signatory() -> SignatoryInput {
    SignatoryInput {
        company_name: "Contoso".into(),
        country: "FR".into(),
        language: "fr_FR".into(),
        first_name: "Camille".into(),
        last_name: "Martin".into(),
        email: "camille@contoso.example".into(),
        phone: "+33 9 72 10 10 07".into(),
    }
}

#[tokio::test]
async fn every_kind_of_change_is_sent_byte_for_byte_as_previewed() {
    let w = World::with_seed(Seed::demo().with_prepaid_group(UNSIGNED, "Zeta — new", "officeBusiness", 0, 3)).await;
    w.sim.set_agreement(UNSIGNED, false);
    w.sync().await;
    let unsigned = w.store.list_groups().unwrap().into_iter().find(|g| g.service_name == UNSIGNED).unwrap();
    assert!(!unsigned.mca_agreed);
    let prepaid = w.group(GroupFamily::Prepaid);
    let payg = w.group(GroupFamily::PayAsYouGo);
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    let prepaid_users: Vec<_> = w
        .store
        .list_licences(prepaid.id)
        .unwrap()
        .into_iter()
        .filter(|l| !l.is_empty_slot && l.state == "ok")
        .collect();
    let payg_users: Vec<_> = w.store.list_licences(payg.id).unwrap().into_iter().filter(|l| l.state == "ok").collect();
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada.lovelace"), now()).unwrap();
    w.store.add_user(payg.id, &account("Alan", "Turing", "alan.turing"), LicenceType::OfficeProPlus, now()).unwrap();
    w.store.edit_account(prepaid_users[0].id, &account("Grace", "Hopper", "grace.hopper"), now()).unwrap();
    let mut be = account("Edsger", "Dijkstra", "edsger");
    be.usage_location = "NL".into();
    w.store.edit_account(payg_users[0].id, &be, now()).unwrap();
    w.store
        .change_password(
            &w.secrets,
            prepaid_users[1].id,
            PasswordRequest::Own(Secret::new("Prepaid-Pa55")),
            Some("boss@example.com"),
            now(),
        )
        .unwrap();
    w.store
        .change_password(&w.secrets, payg_users[1].id, PasswordRequest::Own(Secret::new("Payg-Pa55word")), None, now())
        .unwrap();
    w.store.free_licences(&[prepaid_users[2].id, payg_users[2].id], now()).unwrap();
    w.store.rename_group(prepaid.id, "Contoso Paris", now()).unwrap();
    w.store.rename_group(payg.id, "Contoso Lyon", now()).unwrap();
    w.store.place_order(&order(&w, 3), now()).unwrap();
    // The agreement of the new group, signed at its page, then accepted here.
    workflow::create_attestation(&w.store, &w.client, unsigned.id, &signatory(), now()).await.unwrap();
    assert!(w.sim.sign_attestation(UNSIGNED));
    w.store.accept_agreement(unsigned.id, now()).unwrap();
    // A licence terminated with the token OVHcloud e-mailed; the renewal of its group
    // then leaves it out.
    let leaving = &prepaid_users[3];
    workflow::request_termination(&w.store, &w.client, leaving.id, now()).await.unwrap();
    let token = w.sim.termination_token(&leaving.remote_id).unwrap();
    let why = TerminationInput {
        token,
        reason: Some(TerminationReason::NotNeededAnymore),
        future_use: Some(TerminationFutureUse::NotReplacingService),
        commentary: Some("Office closed".into()),
    };
    w.store.confirm_termination(leaving.id, &why, now()).unwrap();
    let stop = RenewalInput { mode: RenewalMode::StopAtExpiration, period_months: 1 };
    w.store.set_renewal(prepaid.id, &stop, now()).unwrap();
    let manual = RenewalInput { mode: RenewalMode::Manual, period_months: 1 };
    w.store.set_renewal(payg.id, &manual, now()).unwrap();
    let previews = changes(&w.store);
    let renewal = previews.iter().find(|c| c.kind == ChangeKind::SetRenewal && c.group_id == Some(prepaid.id));
    let puts = renewal.unwrap().preview.iter().map(|r| r.path.clone()).collect::<Vec<_>>();
    assert_eq!(puts.len(), 29, "each of the group's 30 licences but the one leaving");
    assert!(!puts.iter().any(|p| p.contains(&leaving.remote_id)));
    let kinds: std::collections::HashSet<_> = previews.iter().map(|c| c.kind).collect();
    assert_eq!(kinds.len(), ChangeKind::ALL.len(), "every kind is covered");

    w.sync().await;
    w.settle().await;
    let writes: Vec<_> =
        w.sim.requests().into_iter().filter(|e| e.method != "GET" && (200..300).contains(&e.status)).collect();
    let passwords = ["Prepaid-Pa55", "Payg-Pa55word"];
    let cart = w.sim.state().carts.keys().next().cloned().unwrap();
    let item = w.sim.state().items.keys().next().copied().unwrap();
    for change in &previews {
        for planned in &change.preview {
            let path = planned.path.replace("{cartId}", &cart).replace("{itemId}", &item.to_string());
            let sent: Vec<_> = writes.iter().filter(|e| e.method == planned.method && e.path == path).collect();
            assert_eq!(sent.len(), 1, "{} {path} sent once", planned.method);
            let mut body = sent[0].request_body.clone();
            for p in passwords {
                body = body.replace(p, PASSWORD_PLACEHOLDER);
            }
            assert_eq!(body, planned.body.clone().unwrap_or_default(), "{} {path}", planned.method);
        }
    }
}

// 8. The smaller ones -------------------------------------------------------------------

#[tokio::test]
async fn a_failed_order_stops_counting_against_the_cap_and_is_no_longer_in_progress() {
    let w = World::new().await;
    w.sync().await;
    w.store.place_order(&order(&w, 5), now()).unwrap();
    let before = w.store.quote_order(&order(&w, 1)).unwrap();
    assert_eq!(before.on_order, 5);
    w.sim.inject(FaultRule::nth("POST", "/order/cart/*/checkout", 1, Fault::Status(400)));
    w.sync().await;
    assert_eq!(change(&w.store, ChangeKind::Order).state, ChangeState::Failed);
    assert!(w.store.list_open_orders().unwrap().is_empty(), "not in progress");
    assert_eq!(w.store.quote_order(&order(&w, 1)).unwrap().on_order, 0, "not on order");
}

#[tokio::test]
async fn changing_a_pay_as_you_go_login_keeps_the_user_and_their_installs() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let user = w.store.list_licences(payg.id).unwrap().into_iter().find(|l| l.state == "ok").unwrap();
    w.store.add_install(user.id, DeviceKind::Computer, "Laptop", &seatkeeper::store::day(now().date()), now()).unwrap();
    let input = account(user.first_name.as_deref().unwrap(), user.last_name.as_deref().unwrap(), "renamed.login");
    w.store.edit_account(user.id, &input, now()).unwrap();
    w.settle().await;
    let after = w.store.licence(user.id).expect("the same row");
    assert!(after.remote_id.starts_with("renamed.login@"), "{after:?}");
    assert_eq!(w.store.list_licences(payg.id).unwrap().len(), 12, "no duplicate");
    let installs = w.store.list_installs(payg.id).unwrap();
    assert!(installs.iter().any(|u| u.licence_id == user.id && u.devices.len() == 1), "the ledger is kept");
}

#[tokio::test]
async fn a_freed_slot_does_not_hand_its_installs_to_the_next_user() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let user =
        w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot && l.state == "ok").unwrap();
    w.store.add_install(user.id, DeviceKind::Phone, "Phone", &seatkeeper::store::day(now().date()), now()).unwrap();
    w.store.free_licences(&[user.id], now()).unwrap();
    w.settle().await;
    assert!(w.store.licence(user.id).unwrap().is_empty_slot);
    w.store.activate_licence(user.id, &account("Next", "User", "next.user"), now()).unwrap();
    let installs = w.store.list_installs(prepaid.id).unwrap();
    assert!(installs.iter().all(|u| u.licence_id != user.id || u.devices.is_empty()), "{installs:?}");
}

#[tokio::test]
async fn an_hour_long_retry_after_ends_the_sync_at_once_and_says_when() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    w.store.rename_group(payg.id, "Later", now()).unwrap();
    let mut client_config = seatkeeper::sync::client_config_for(&w.store, &w.secrets, w.account).unwrap();
    client_config.rate_limit = seatkeeper::ovh::RateLimit::UNLIMITED;
    let client = seatkeeper::ovh::Client::new(client_config).unwrap(); // default retries
    w.sim.inject(FaultRule::always("PUT", "/license/office/*", Fault::TooManyRequests { retry_after: 3600 }));
    let engine = Engine { client: &client, ..w.engine() };
    let report =
        tokio::time::timeout(Duration::from_secs(20), engine.sync()).await.expect("no hour-long wait").unwrap();
    let until = report.retry_at.clone().expect("says when it tries again");
    assert!(until.as_str() > seatkeeper::store::timestamp(now() + time::Duration::minutes(50)).as_str(), "{until}");
    assert_eq!(w.open(), [ChangeState::Queued], "not failed, not lost");
    assert!(!report.all_sent());
}

#[test]
fn the_mark_that_a_request_is_leaving_is_written_with_a_full_sync() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let level =
        |store: &Store| store.read(|c| Ok(c.query_row("PRAGMA synchronous", [], |r| r.get::<_, i64>(0))?)).unwrap();
    assert_eq!(level(&store), 1, "NORMAL for everything else");
    let inside = store.write_durable(|tx| Ok(tx.query_row("PRAGMA synchronous", [], |r| r.get::<_, i64>(0))?)).unwrap();
    assert_eq!(inside, 2, "FULL while the mark is written");
    assert_eq!(level(&store), 1, "and back");
}
