//! OVHcloud's workflow beyond a licence's user, against the simulator: the Microsoft
//! Customer Agreement of a new prepaid group, a group's renewal, a prepaid licence's
//! termination, pay-as-you-go domains — each with the refusals a careful user meets
//! (wrong token, agreement already accepted, a period OVHcloud does not offer, an
//! expired service, no network), with translated errors and nothing lost.

mod support;

use seatkeeper::domain::{
    Field, GroupFamily, LicenceBlock, LicenceType, RenewalInput, RenewalMode, RuleError, SignatoryInput,
    TerminationFutureUse, TerminationInput, TerminationReason,
};
use seatkeeper::error::{Error, Precondition};
use seatkeeper::i18n::{Lang, Localize};
use seatkeeper::store::{ChangeKind, ChangeState, GroupSummary, Termination};
use seatkeeper::sync::{pending_changes, workflow};
use seatkeeper_simulator::{DEMO_PAYG_TENANT, Fault, FaultRule, Seed};
use support::world::{World, account};

/// A prepaid group just delivered, whose agreement is not accepted yet.
const NEW: &str = "office9100.o365.ovh.com";

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

fn signatory() -> SignatoryInput {
    SignatoryInput {
        company_name: "Contoso SARL".into(),
        country: "fr".into(),
        language: "fr_FR".into(),
        first_name: "Camille".into(),
        last_name: "Martin".into(),
        email: "camille@contoso.example".into(),
        phone: "+33 9 72 10 10 07".into(),
    }
}

async fn with_new_group() -> (World, GroupSummary) {
    let w = World::with_seed(Seed::demo().with_prepaid_group(NEW, "Zeta — new", "officeBusiness", 0, 3)).await;
    w.sim.set_agreement(NEW, false);
    w.sync().await;
    let g = w.store.list_groups().unwrap().into_iter().find(|g| g.service_name == NEW).unwrap();
    (w, g)
}

fn kind_of(w: &World, kind: ChangeKind) -> seatkeeper::sync::PendingChange {
    pending_changes(&w.store, None, seatkeeper::i18n::Lang::En)
        .unwrap()
        .into_iter()
        .find(|c| c.kind == kind)
        .expect("the change")
}

fn precondition(e: Error) -> Precondition {
    match e {
        Error::Precondition(p) => p,
        other => panic!("not a precondition: {other:?}"),
    }
}

// ---- the Microsoft Customer Agreement -------------------------------------------------

#[tokio::test]
async fn a_new_group_is_signed_accepted_and_followed_before_its_licences_can_be_used() {
    let (w, g) = with_new_group().await;
    assert!(!g.mca_agreed);
    let slot = w.store.list_licences(g.id).unwrap().remove(0);
    assert_eq!(slot.blocked, Some(LicenceBlock::AgreementNotSigned));
    assert!(!slot.can_activate);
    let refused = w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada"), now()).unwrap_err();
    assert_eq!(precondition(refused), Precondition::AgreementNotSigned);

    // Accepting before signing is refused locally.
    assert_eq!(precondition(w.store.accept_agreement(g.id, now()).unwrap_err()), Precondition::NoAttestation);

    // The signatory form is checked whole, in both languages, before anything goes out.
    let bad = SignatoryInput { country: "XX".into(), phone: "call me".into(), email: "camille".into(), ..signatory() };
    let err = workflow::create_attestation(&w.store, &w.client, g.id, &bad, now()).await.unwrap_err();
    let Error::Rules(rules) = &err else { panic!("{err:?}") };
    let fields: Vec<Field> = rules.iter().map(RuleError::field).collect();
    assert_eq!(fields, [Field::Country, Field::Email, Field::Phone]);
    assert!(err.localize(Lang::Fr).contains("pays"), "{}", err.localize(Lang::Fr));
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/parentTenant/createAttestation"), 0);

    let created = workflow::create_attestation(&w.store, &w.client, g.id, &signatory(), now()).await.unwrap();
    assert!(created.link.contains("/attestation/"));
    let sent = w.sim.requests().into_iter().find(|e| e.path.ends_with("/createAttestation")).unwrap();
    assert!(sent.request_body.contains(r#""country":"FR""#), "upper-cased: {}", sent.request_body);
    assert_eq!(w.store.group_overview(g.id).unwrap().attestation_link.as_deref(), Some(created.link.as_str()));

    // The user says they signed but did not: OVHcloud refuses, the change says why and
    // can be retried once they really have.
    w.store.accept_agreement(g.id, now()).unwrap();
    assert_eq!(w.store.accept_agreement(g.id, now()).unwrap(), kind_of(&w, ChangeKind::AcceptAgreement).id, "once");
    w.sync().await;
    let failed = kind_of(&w, ChangeKind::AcceptAgreement);
    assert_eq!(failed.state, ChangeState::Failed);
    assert!(failed.last_error.as_deref().unwrap().contains("not been signed"), "{failed:?}");
    assert!(w.sim.sign_attestation(NEW));
    w.store.retry_change(failed.id, now()).unwrap();
    w.sync().await;
    assert_eq!(kind_of(&w, ChangeKind::AcceptAgreement).state, ChangeState::WaitingRemote, "followed");
    w.settle().await;
    assert!(w.store.group_overview(g.id).unwrap().mca_agreed);
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/parentTenant/acceptAgreement"), 2, "refused, then once");

    // Now its licences can be given out.
    let slot = w.store.list_licences(g.id).unwrap().remove(0);
    assert!(slot.can_activate && slot.blocked == Some(LicenceBlock::NoUser), "{slot:?}");
    w.store.activate_licence(slot.id, &account("Ada", "Lovelace", "ada"), now()).unwrap();

    // And the agreement cannot be signed twice.
    let again = workflow::create_attestation(&w.store, &w.client, g.id, &signatory(), now()).await.unwrap_err();
    assert_eq!(precondition(again), Precondition::AgreementAlreadyAccepted);
}

#[tokio::test]
async fn an_agreement_accepted_elsewhere_or_whose_answer_was_lost_is_not_sent_again() {
    let (w, g) = with_new_group().await;
    workflow::create_attestation(&w.store, &w.client, g.id, &signatory(), now()).await.unwrap();
    w.sim.sign_attestation(NEW);
    w.store.accept_agreement(g.id, now()).unwrap();
    // Accepted in OVHcloud's control panel meanwhile: the 400 is read as done.
    w.sim.set_agreement(NEW, true);
    w.sync().await;
    assert_eq!(kind_of(&w, ChangeKind::AcceptAgreement).state, ChangeState::Done);
    assert!(w.store.group_overview(g.id).unwrap().mca_agreed);

    // A change left `sending` by a crash, already accepted at OVHcloud: not resent.
    let (w, g) = with_new_group().await;
    workflow::create_attestation(&w.store, &w.client, g.id, &signatory(), now()).await.unwrap();
    w.sim.sign_attestation(NEW);
    w.store.accept_agreement(g.id, now()).unwrap();
    w.sim.set_agreement(NEW, true);
    w.store.write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'sending'", [])?)).unwrap();
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/parentTenant/acceptAgreement"), 0);
    assert_eq!(kind_of(&w, ChangeKind::AcceptAgreement).state, ChangeState::Done);
}

#[tokio::test]
async fn the_online_steps_fail_plainly_offline_and_sample_groups_have_no_ovhcloud() {
    let (w, g) = with_new_group().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let licence = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot).unwrap();
    w.sim.inject(FaultRule::always("POST", "*", Fault::DropConnection));
    let err = workflow::create_attestation(&w.store, &w.client, g.id, &signatory(), now()).await.unwrap_err();
    assert_eq!(err.code(), seatkeeper::error::ErrorCode::Offline, "{err:?}");
    assert!(err.localize(Lang::En).contains("cannot be reached"));
    let err = workflow::request_termination(&w.store, &w.client, licence.id, now()).await.unwrap_err();
    assert_eq!(err.code(), seatkeeper::error::ErrorCode::Offline);
    assert!(w.store.group_overview(g.id).unwrap().attestation_link.is_none(), "nothing pretended");
    assert!(w.store.licence(licence.id).unwrap().termination.is_none());

    // Sample data has no OVHcloud behind it.
    let sample = tempfile::tempdir().unwrap();
    let store = seatkeeper::store::Store::open_in(sample.path()).unwrap();
    store.load_sample(now(), Default::default()).unwrap();
    let group = store.list_groups().unwrap().into_iter().find(|g| g.family == GroupFamily::Prepaid).unwrap();
    let service = seatkeeper::sync::SyncService::default();
    let err = service
        .create_attestation(&store, &seatkeeper::secrets::MemorySecrets::default(), group.id, &signatory())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::NeedsOvhcloud | Precondition::AgreementAlreadyAccepted)));
}

// ---- renewal ---------------------------------------------------------------------------

#[tokio::test]
async fn a_renewal_is_checked_shown_at_once_undone_or_sent_to_every_licence() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let payg = w.group(GroupFamily::PayAsYouGo);
    let before = w.store.group_overview(prepaid.id).unwrap().renewal.unwrap();
    assert_eq!(
        (before.mode, before.period_months, before.possible_periods.clone()),
        (RenewalMode::Automatic, 1, vec![1, 12])
    );
    assert!(before.expires_on.is_some());

    // Only what OVHcloud offers, said in both languages; nothing queued.
    let six = RenewalInput { mode: RenewalMode::Automatic, period_months: 6 };
    let err = w.store.set_renewal(prepaid.id, &six, now()).unwrap_err();
    assert!(matches!(err, Error::Rule(RuleError::RenewalPeriodNotOffered { period: 6, .. })), "{err:?}");
    assert!(err.localize(Lang::Fr).contains("tous les 6 mois"));
    let yearly = RenewalInput { mode: RenewalMode::Automatic, period_months: 12 };
    assert!(w.store.set_renewal(payg.id, &yearly, now()).is_err(), "pay as you go is monthly only");
    assert!(pending_changes(&w.store, None, seatkeeper::i18n::Lang::En).unwrap().is_empty());

    // Shown at once, undone back to what OVHcloud said.
    let stop = RenewalInput { mode: RenewalMode::StopAtExpiration, period_months: 1 };
    let plan = w.store.plan_renewal(prepaid.id, &stop, now(), Lang::En).unwrap();
    assert!(plan.consequence.contains("its users lose Office"), "{}", plan.consequence);
    assert_eq!(plan.change.services.len(), 30);
    let id = w.store.set_renewal(prepaid.id, &stop, now()).unwrap();
    let shown = w.store.group_overview(prepaid.id).unwrap();
    assert_eq!(shown.renewal.as_ref().unwrap().mode, RenewalMode::StopAtExpiration);
    assert!(shown.renewal_pending);
    w.store.undo_change(&w.secrets, id, now()).unwrap();
    assert_eq!(w.store.group_overview(prepaid.id).unwrap().renewal.unwrap(), before);

    // Sent: every licence of the group renews as asked, and a pull keeps showing it.
    w.store.set_renewal(prepaid.id, &yearly, now()).unwrap();
    w.store.set_renewal(prepaid.id, &stop, now()).unwrap(); // replaces the one still queued
    assert_eq!(pending_changes(&w.store, None, seatkeeper::i18n::Lang::En).unwrap().len(), 1);
    w.sync().await;
    assert_eq!(kind_of(&w, ChangeKind::SetRenewal).state, ChangeState::Done);
    assert_eq!(w.sim.count("PUT", "/license/officePrepaid/*/serviceInfos"), 30);
    for l in w.client.prepaid_licences(&prepaid.service_name).await.unwrap() {
        let renew = w.client.prepaid_service_infos(&l.service_name).await.unwrap().renew.unwrap();
        assert!(renew.delete_at_expiration && !renew.automatic, "{}", l.service_name);
    }
    w.sync().await; // its details are read again after our change
    let after = w.store.group_overview(prepaid.id).unwrap();
    assert_eq!(after.renewal.unwrap().mode, RenewalMode::StopAtExpiration);
    assert!(!after.renewal_pending);
}

#[tokio::test]
async fn a_renewal_resumed_after_a_crash_sends_only_what_is_missing_and_stops_at_an_expired_licence() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let manual = RenewalInput { mode: RenewalMode::Manual, period_months: 1 };
    w.store.set_renewal(prepaid.id, &manual, now()).unwrap();
    // Half of it went out before a crash.
    let change = kind_of(&w, ChangeKind::SetRenewal);
    for planned in change.preview.iter().take(10) {
        let service = planned.path.split('/').nth(3).unwrap().to_string();
        let body = seatkeeper::ovh::models::ServiceRenewalUpdate::from(&seatkeeper::domain::RenewalSettings {
            automatic: false,
            delete_at_expiration: false,
            period_months: 1,
        });
        w.client.update_prepaid_renewal(&service, &body).await.unwrap();
    }
    w.store.write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'sending'", [])?)).unwrap();
    w.sim.clear_log();
    w.sync().await;
    assert_eq!(kind_of(&w, ChangeKind::SetRenewal).state, ChangeState::Done);
    assert_eq!(w.sim.count("PUT", "/license/officePrepaid/*/serviceInfos"), 20, "the other 20 only");

    // One licence expired at OVHcloud: the change fails saying which, after the others.
    let stop = RenewalInput { mode: RenewalMode::StopAtExpiration, period_months: 1 };
    w.store.set_renewal(prepaid.id, &stop, now()).unwrap();
    let last = w.store.list_licences(prepaid.id).unwrap().into_iter().map(|l| l.remote_id).max().unwrap();
    w.sim.expire_service(&last);
    w.sync().await;
    let failed = pending_changes(&w.store, None, seatkeeper::i18n::Lang::En)
        .unwrap()
        .into_iter()
        .find(|c| c.state == ChangeState::Failed)
        .unwrap();
    let why = failed.last_error.unwrap();
    assert!(why.contains(&last) && why.contains("expired"), "{why}");
    assert_eq!(w.store.list_licences(prepaid.id).unwrap().len(), 30, "nothing lost");
}

// ---- termination -----------------------------------------------------------------------

#[tokio::test]
async fn a_licence_is_terminated_with_its_token_after_two_steps_and_a_wrong_token_loses_nothing() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let payg = w.group(GroupFamily::PayAsYouGo);
    // The first licence OVHcloud lists (the one a group's routes would go through).
    let licence = w
        .store
        .list_licences(prepaid.id)
        .unwrap()
        .into_iter()
        .filter(|l| !l.is_empty_slot)
        .min_by(|a, b| a.remote_id.cmp(&b.remote_id))
        .unwrap();
    let why = |token: &str| TerminationInput {
        token: token.into(),
        reason: Some(TerminationReason::TooExpensive),
        future_use: Some(TerminationFutureUse::SubscribeSimilarServiceWithCompetitor),
        commentary: None,
    };
    // Pay-as-you-go has no termination route; a prepaid licence needs the token first.
    let user = w.store.list_licences(payg.id).unwrap().remove(0);
    let err = workflow::request_termination(&w.store, &w.client, user.id, now()).await.unwrap_err();
    assert_eq!(precondition(err), Precondition::PrepaidOnly);
    let err = w.store.confirm_termination(licence.id, &why("abcdef12"), now()).unwrap_err();
    assert_eq!(precondition(err), Precondition::TerminationNotRequested);

    let message = workflow::request_termination(&w.store, &w.client, licence.id, now()).await.unwrap();
    assert!(message.contains("token"), "{message}");
    assert!(matches!(w.store.licence(licence.id).unwrap().termination, Some(Termination::Requested { .. })));
    assert!(matches!(
        w.store.confirm_termination(licence.id, &why("not a token"), now()),
        Err(Error::Rule(RuleError::TokenInvalid))
    ));

    // A wrong token: OVHcloud refuses; the licence is as it was, and a new try works.
    let plan = w.store.plan_termination(licence.id, &why("deadbeef00"), Lang::Fr).unwrap();
    assert!(plan.consequence.contains("perd Office") && plan.consequence.contains("définitive"));
    w.store.confirm_termination(licence.id, &why("deadbeef00"), now()).unwrap();
    assert_eq!(
        precondition(w.store.confirm_termination(licence.id, &why("deadbeef00"), now()).unwrap_err()),
        Precondition::AlreadyTerminated,
        "one confirmation on its way at a time"
    );
    w.sync().await;
    let failed = kind_of(&w, ChangeKind::ConfirmTermination);
    assert_eq!(failed.state, ChangeState::Failed);
    assert!(failed.last_error.unwrap().contains("Invalid token"));
    assert!(matches!(w.store.licence(licence.id).unwrap().termination, Some(Termination::Requested { .. })));
    w.store.dismiss_change(&w.secrets, failed.id, now()).unwrap();

    let token = w.sim.termination_token(&licence.remote_id).unwrap();
    w.store.confirm_termination(licence.id, &why(&token), now()).unwrap();
    assert_eq!(w.store.licence(licence.id).unwrap().termination, Some(Termination::Confirming));
    w.sync().await;
    let Some(Termination::Confirmed { ends_on: Some(ends_on) }) = w.store.licence(licence.id).unwrap().termination
    else {
        panic!("{:?}", w.store.licence(licence.id).unwrap())
    };
    let infos = w.client.prepaid_service_infos(&licence.remote_id).await.unwrap();
    assert_eq!(ends_on, infos.expiration.to_string());
    assert!(infos.renew.unwrap().delete_at_expiration);
    let sent = w.sim.requests().into_iter().rev().find(|e| e.path.ends_with("/confirmTermination")).unwrap();
    assert_eq!(
        sent.request_body,
        format!(
            r#"{{"token":"{token}","reason":"TOO_EXPENSIVE","futureUse":"SUBSCRIBE_SIMILAR_SERVICE_WITH_COMPETITOR"}}"#
        )
    );
    let history = w.store.list_history(prepaid.id, &Default::default(), 50).unwrap();
    for kind in ["terminationRequested", "terminationConfirmed"] {
        assert!(history.iter().any(|h| h.kind == kind), "{kind} in the history");
    }
    // The group still renews as before: a terminated licence does not speak for it.
    w.sync().await;
    let renewal = w.store.group_overview(prepaid.id).unwrap().renewal.unwrap();
    assert_eq!(renewal.mode, RenewalMode::Automatic, "{renewal:?}");
}

#[tokio::test]
async fn a_confirmation_whose_answer_was_lost_is_not_sent_again() {
    let w = World::new().await;
    w.sync().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let licence = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| !l.is_empty_slot).unwrap();
    workflow::request_termination(&w.store, &w.client, licence.id, now()).await.unwrap();
    let token = w.sim.termination_token(&licence.remote_id).unwrap();
    let input = TerminationInput { token: token.clone(), reason: None, future_use: None, commentary: None };
    w.store.confirm_termination(licence.id, &input, now()).unwrap();
    // It reached OVHcloud; the answer did not (a crash left it `sending`).
    w.client
        .confirm_termination(&licence.remote_id, &seatkeeper::ovh::models::TerminationConfirmation::from(&input))
        .await
        .unwrap();
    w.store.write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'sending'", [])?)).unwrap();
    w.sim.clear_log();
    w.sync().await;
    assert_eq!(w.sim.count("POST", "/license/officePrepaid/*/confirmTermination"), 0);
    assert_eq!(kind_of(&w, ChangeKind::ConfirmTermination).state, ChangeState::Done);
    assert!(matches!(w.store.licence(licence.id).unwrap().termination, Some(Termination::Confirmed { .. })));
}

// ---- domains ---------------------------------------------------------------------------

#[tokio::test]
async fn logins_use_only_the_domains_microsoft_verified() {
    let w = World::new().await;
    w.sync().await;
    let payg = w.group(GroupFamily::PayAsYouGo);
    let domains = w.store.group_overview(payg.id).unwrap().domains;
    let names: Vec<_> = domains.iter().map(|d| (d.name.as_str(), d.usable)).collect();
    assert_eq!(names, [(DEMO_PAYG_TENANT, true), ("contoso.example", false)]);
    assert!(domains[1].txt_entry.as_deref().is_some_and(|t| t.starts_with("MS=")), "{domains:?}");

    let mut input = account("Grace", "Hopper", "grace");
    input.domain = Some("contoso.example".into());
    let err = w.store.add_user(payg.id, &input, LicenceType::OfficeProPlus, now()).unwrap_err();
    assert!(matches!(precondition(err), Precondition::DomainNotUsable { .. }));
    input.domain = Some("elsewhere.example".into());
    assert!(w.store.add_user(payg.id, &input, LicenceType::OfficeProPlus, now()).is_err(), "not the group's");

    // Verified at Microsoft: read again when the group is opened, then usable.
    w.sim.add_domain(DEMO_PAYG_TENANT, "contoso.example", true);
    w.store.refresh_group(payg.id).unwrap();
    w.sync().await;
    assert!(w.store.group_overview(payg.id).unwrap().domains.iter().all(|d| d.usable));
    input.domain = Some("Contoso.Example".into());
    let row = w.store.add_user(payg.id, &input, LicenceType::OfficeProPlus, now()).unwrap();
    assert_eq!(row.activation_email.as_deref(), Some("grace@contoso.example"));
    w.settle().await;
    assert!(w.client.office_user(DEMO_PAYG_TENANT, "grace@contoso.example").await.is_ok());
}

// ---- reminders -------------------------------------------------------------------------

#[tokio::test]
async fn each_reminder_comes_once_also_after_its_date_passed_and_is_gone_once_dismissed() {
    use seatkeeper::domain::ReminderKind;
    use seatkeeper::store::ReminderSettings;
    let (w, unsigned) = with_new_group().await;
    let prepaid = w.group(GroupFamily::Prepaid);
    let settings = w.store.reminder_settings().unwrap();
    assert_eq!(settings, ReminderSettings { notify: false, days_before: 14 }, "off until the user turns them on");
    assert!(w.store.set_reminder_settings(true, 0.0).is_err());
    assert!(w.store.set_reminder_settings(true, 2.5).is_err());
    assert_eq!(w.store.reminder_settings().unwrap(), settings, "nothing saved from a bad value");

    // A monthly automatic renewal is not news; a group that stops is, even when the
    // day passed while the app was closed.
    let kinds = |list: &[seatkeeper::store::Reminder]| list.iter().map(|r| r.kind).collect::<Vec<_>>();
    let first = w.store.refresh_reminders(now(), Lang::En).unwrap();
    assert_eq!(kinds(&first), [ReminderKind::AgreementUnsigned], "{first:?}");
    assert_eq!(first[0].group_id, Some(unsigned.id));
    let yesterday = (now().date() - time::Duration::days(1)).to_string();
    w.store
        .write(|tx| {
            Ok(tx.execute(
                "UPDATE licence_groups SET renewal = json_set(renewal, '$.mode', 'stopAtExpiration', '$.expiresOn', ?2)
                 WHERE id = ?1",
                rusqlite::params![prepaid.id, yesterday],
            )?)
        })
        .unwrap();
    w.store.set_free_seats_alert(prepaid.id, Some(10.0)).unwrap();
    assert!(w.store.set_free_seats_alert(prepaid.id, Some(0.0)).is_err());
    let second = w.store.refresh_reminders(now(), Lang::Fr).unwrap();
    assert_eq!(kinds(&second), [ReminderKind::RenewalSoon, ReminderKind::FreeSeatsLow]);
    assert!(second[0].body.contains("perdent Office"), "{:?}", second[0]);
    assert!(second[1].title.contains("6 licence(s)"), "{:?}", second[1]);
    assert!(w.store.refresh_reminders(now(), Lang::En).unwrap().is_empty(), "each event once");

    // A failed change and a delivered order are news too.
    w.store.rename_group(prepaid.id, "Renamed", now()).unwrap();
    w.sim.inject(FaultRule::always("PUT", "/license/officePrepaid/*/parentTenant", Fault::Status(400)));
    w.sync().await;
    let third = w.store.refresh_reminders(now(), Lang::En).unwrap();
    assert_eq!(kinds(&third), [ReminderKind::ChangeFailed]);
    w.sim.clear_faults();
    let order = seatkeeper::store::OrderRequest {
        account_id: w.account,
        group_id: Some(unsigned.id),
        licence_type: LicenceType::OfficeBusiness,
        renewal_period: "P1M".into(),
        quantity: 2,
    };
    w.store.place_order(&order, now()).unwrap();
    w.sync().await;
    let remote = w.sim.state().orders.keys().next().copied().unwrap();
    w.sim.pay_order(remote);
    w.sync().await;
    let fourth = w.store.refresh_reminders(now(), Lang::En).unwrap();
    assert_eq!(kinds(&fourth), [ReminderKind::OrderDelivered]);
    assert!(fourth[0].body.starts_with("2 new licence"), "{:?}", fourth[0]);

    // What stopped being true goes away by itself: the failed rename is dismissed.
    let failed = kind_of(&w, ChangeKind::RenameGroup);
    w.store.dismiss_change(&w.secrets, failed.id, now()).unwrap();
    w.store.refresh_reminders(now(), Lang::En).unwrap();
    let listed = w.store.reminders(Lang::En).unwrap();
    assert!(!kinds(&listed).contains(&ReminderKind::ChangeFailed), "{listed:?}");
    assert_eq!(listed.len(), 4);
    for r in &listed {
        w.store.dismiss_reminder(r.id, now()).unwrap();
    }
    assert!(w.store.reminders(Lang::En).unwrap().is_empty());
    assert!(w.store.refresh_reminders(now(), Lang::En).unwrap().is_empty(), "dismissed ones do not come back");
    // The count of free licences drops again: that is a new event.
    let slot = w.store.list_licences(prepaid.id).unwrap().into_iter().find(|l| l.is_empty_slot).unwrap();
    w.store.write(|tx| Ok(tx.execute("UPDATE licences SET is_empty_slot = 0 WHERE id = ?1", [slot.id])?)).unwrap();
    assert_eq!(kinds(&w.store.refresh_reminders(now(), Lang::En).unwrap()), [ReminderKind::FreeSeatsLow]);
}
