//! The licence editor's operations against a real database: activation, users,
//! accounts, passwords (keychain only), freeing, installs, orders, the outbox and
//! its undo, usage, history filters, CSV import and export.

use seatkeeper::csv_io::ExportFormat;
use seatkeeper::domain::{AccountInput, DeviceKind, GroupFamily, LicenceType};
use seatkeeper::error::{Error, ErrorCode, Precondition};
use seatkeeper::i18n::Lang;
use seatkeeper::secrets::{MemorySecrets, Secret, SecretKey, SecretStore};
use seatkeeper::store::sample::SampleSize;
use seatkeeper::store::{
    ChangeKind, ChangeState, GroupSummary, HistoryFilter, OrderRequest, PasswordRequest, Store, UsagePeriod,
};
use time::macros::datetime;

const NOW: time::OffsetDateTime = datetime!(2026-11-23 10:00 UTC);

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    prepaid: GroupSummary,
    payg: GroupSummary,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.load_sample(NOW, SampleSize::default()).unwrap();
    let groups = store.list_groups().unwrap();
    let prepaid = groups.iter().find(|g| g.family == GroupFamily::Prepaid).unwrap().clone();
    let payg = groups.iter().find(|g| g.family == GroupFamily::PayAsYouGo).unwrap().clone();
    Fixture { _dir: dir, store, prepaid, payg }
}

fn account(first: &str, last: &str, login: &str) -> AccountInput {
    AccountInput {
        first_name: first.into(),
        last_name: last.into(),
        login: login.into(),
        usage_location: "fr".into(),
        domain: None,
    }
}

fn first_slot(f: &Fixture) -> i64 {
    f.store.list_licences(f.prepaid.id).unwrap().iter().find(|l| l.is_empty_slot).unwrap().id
}

fn first_user(f: &Fixture, group: i64) -> i64 {
    f.store.list_licences(group).unwrap().iter().find(|l| !l.is_empty_slot && l.state == "ok").unwrap().id
}

fn open_changes(f: &Fixture) -> usize {
    seatkeeper::sync::pending_changes(&f.store, None, seatkeeper::i18n::Lang::En)
        .unwrap()
        .iter()
        .filter(|c| c.state != ChangeState::Done)
        .count()
}

#[test]
fn activating_a_slot_queues_the_request_and_shows_at_once() {
    let f = fixture();
    let slot = first_slot(&f);
    let row = f.store.activate_licence(slot, &account(" Jeanne ", "Dupont", "jeanne.dupont"), NOW).unwrap();
    assert!(!row.is_empty_slot);
    assert_eq!(row.state, "creating");
    assert_eq!(row.first_name.as_deref(), Some("Jeanne"));
    assert_eq!(row.activation_email.as_deref(), Some("jeanne.dupont@office4417.o365.ovh.com"));
    assert_eq!(row.usage_location.as_deref(), Some("FR"));
    assert!(row.has_pending_change);

    let changes = seatkeeper::sync::pending_changes(&f.store, Some(f.prepaid.id), seatkeeper::i18n::Lang::En).unwrap();
    let change = &changes[0];
    assert_eq!((change.kind, change.state, change.can_undo), (ChangeKind::Activate, ChangeState::Queued, true));
    assert_eq!(change.preview[0].method, "PUT");
    assert_eq!(change.preview[0].path, format!("/license/officePrepaid/{}", f.store.licence(slot).unwrap().remote_id));
    assert_eq!(body(&change.preview[0])["usageLocation"], "fr");

    let history =
        f.store.list_history(f.prepaid.id, &HistoryFilter { licence_id: Some(slot), kind: None }, 10).unwrap();
    assert_eq!(history[0].kind, "licenceActivated");

    // A slot can only be activated once; a user's licence is edited instead.
    let again = f.store.activate_licence(slot, &account("A", "B", "other"), NOW).unwrap_err();
    assert!(matches!(again, Error::Precondition(Precondition::NotAnEmptySlot)));
}

#[test]
fn a_bad_account_is_refused_field_by_field_and_nothing_is_written() {
    let f = fixture();
    let slot = first_slot(&f);
    let before = open_changes(&f);
    let err = f.store.activate_licence(slot, &account("", "Dupont", ".bad"), NOW).unwrap_err();
    let ipc = err.to_ipc(Lang::Fr);
    assert_eq!(ipc.code, ErrorCode::InvalidInput);
    let fields: Vec<String> =
        ipc.problems.iter().map(|p| serde_json::to_value(p.field).unwrap().as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["firstName", "login"]);
    assert!(ipc.problems[1].message.contains("point"), "{}", ipc.problems[1].message);
    assert!(f.store.licence(slot).unwrap().is_empty_slot, "slot untouched");
    assert_eq!(open_changes(&f), before);

    // A login already used in the group is refused too.
    let taken = f.store.list_licences(f.prepaid.id).unwrap()[0].login.clone().unwrap();
    let err = f.store.activate_licence(slot, &account("X", "Y", &taken.to_uppercase()), NOW).unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::LoginTaken { .. })), "{err:?}");
}

#[test]
fn pay_as_you_go_groups_take_users_directly_and_undo_removes_them() {
    let f = fixture();
    let row = f
        .store
        .add_user(f.payg.id, &account("Paul", "Martin", "paul.martin"), LicenceType::OfficeProPlus, NOW)
        .unwrap();
    assert_eq!(row.remote_id, "paul.martin@office7421.o365.ovh.com");
    assert_eq!(f.store.list_licences(f.payg.id).unwrap().len(), 13);
    let change =
        seatkeeper::sync::pending_changes(&f.store, Some(f.payg.id), seatkeeper::i18n::Lang::En).unwrap().remove(0);
    assert_eq!(change.preview[0].path, "/license/office/office7421.o365.ovh.com/user");
    f.store.undo_change(&MemorySecrets::default(), change.id, NOW).unwrap();
    assert_eq!(f.store.list_licences(f.payg.id).unwrap().len(), 12);
    assert_eq!(open_changes(&f), 0);
    // Prepaid groups use slots, not direct users.
    let err = f.store.add_user(f.prepaid.id, &account("A", "B", "abc"), LicenceType::OfficeBusiness, NOW).unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::WrongFamily)));
}

#[test]
fn undo_restores_exactly_what_the_change_altered() {
    let f = fixture();
    let user = first_user(&f, f.prepaid.id);
    let before = f.store.licence(user).unwrap();
    f.store.edit_account(user, &account("Renamed", "Person", "renamed.person"), NOW).unwrap();
    f.store.free_licences(&[user], NOW).unwrap();
    assert_eq!(f.store.licence(user).unwrap().state, "deleting");

    let changes = seatkeeper::sync::pending_changes(&f.store, Some(f.prepaid.id), seatkeeper::i18n::Lang::En).unwrap();
    let (free, edit) = (&changes[0], &changes[1]);
    assert_eq!((free.kind, free.can_undo), (ChangeKind::Free, true));
    assert_eq!((edit.kind, edit.can_undo), (ChangeKind::EditAccount, false), "the later change comes first");
    let err = f.store.undo_change(&MemorySecrets::default(), edit.id, NOW).unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::LaterChangeFirst)));

    f.store.undo_change(&MemorySecrets::default(), free.id, NOW).unwrap();
    assert_eq!(f.store.licence(user).unwrap().state, "ok");
    f.store.undo_change(&MemorySecrets::default(), edit.id, NOW).unwrap();
    let after = f.store.licence(user).unwrap();
    assert_eq!(after, before);
    let undone = f
        .store
        .list_history(f.prepaid.id, &HistoryFilter { licence_id: None, kind: Some("changeUndone".into()) }, 10)
        .unwrap();
    assert_eq!(undone.len(), 2);

    // Renames undo to the name before the first queued rename.
    f.store.rename_group(f.prepaid.id, "One", NOW).unwrap();
    f.store.rename_group(f.prepaid.id, "Two", NOW).unwrap();
    let rename =
        seatkeeper::sync::pending_changes(&f.store, Some(f.prepaid.id), seatkeeper::i18n::Lang::En).unwrap().remove(0);
    f.store.undo_change(&MemorySecrets::default(), rename.id, NOW).unwrap();
    assert_eq!(f.store.group_overview(f.prepaid.id).unwrap().group.display_name, f.prepaid.display_name);
}

#[test]
fn a_change_on_its_way_cannot_be_undone_or_overtaken() {
    let f = fixture();
    let user = first_user(&f, f.payg.id);
    f.store.free_licences(&[user], NOW).unwrap();
    let change = seatkeeper::sync::pending_changes(&f.store, None, seatkeeper::i18n::Lang::En).unwrap().remove(0);
    f.store
        .write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'sending' WHERE id = ?1", [change.id])?))
        .unwrap();
    let err = f.store.undo_change(&MemorySecrets::default(), change.id, NOW).unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::ChangeNotQueued)));
    assert!(!seatkeeper::sync::pending_changes(&f.store, None, seatkeeper::i18n::Lang::En).unwrap()[0].can_undo);
    let err =
        f.store.change_password(&MemorySecrets::default(), user, PasswordRequest::Generate, None, NOW).unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::LicenceBusy)));
}

#[test]
fn each_row_says_what_can_be_done_with_it_as_the_store_enforces_it() {
    use seatkeeper::domain::LicenceBlock;
    let f = fixture();
    let row = |id: i64| f.store.licence(id).unwrap();
    let slot = first_slot(&f);
    assert_eq!((row(slot).blocked, row(slot).can_activate), (Some(LicenceBlock::NoUser), true));
    let user = first_user(&f, f.prepaid.id);
    assert_eq!((row(user).blocked, row(user).can_activate), (None, false));
    // A queued edit leaves the user editable; once it is on its way, nothing more.
    f.store.edit_account(user, &account("Ada", "Byron", "ada.byron"), NOW).unwrap();
    assert_eq!(row(user).blocked, None);
    f.store.write(|tx| Ok(tx.execute("UPDATE pending_changes SET state = 'waitingRemote'", [])?)).unwrap();
    assert_eq!(row(user).blocked, Some(LicenceBlock::ChangeInFlight));
    let err = f.store.free_licences(&[user], NOW).unwrap_err();
    assert!(matches!(err, Error::Precondition(Precondition::LicenceBusy)), "the row said so: {err:?}");
}

#[test]
fn passwords_go_to_the_keychain_only() {
    let f = fixture();
    let secrets = MemorySecrets::default();
    let user = first_user(&f, f.prepaid.id);
    let login = f.store.licence(user).unwrap().login.unwrap();

    let set =
        f.store.change_password(&secrets, user, PasswordRequest::Generate, Some("boss@example.com"), NOW).unwrap();
    let generated = set.password.clone().expect("a generated password is shown once");
    assert!(seatkeeper::domain::check_password(&generated, &login).is_ok());
    assert!(!format!("{set:?}").contains(&generated), "Debug never prints it");
    let key = SecretKey::LicencePassword { change_id: set.change_id };
    assert_eq!(secrets.get(key).unwrap().unwrap().expose(), generated);

    // Not a byte of it in the database file, the WAL, the outbox or the history.
    f.store.write(|tx| Ok(tx.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?)).ok();
    let dir = f.store.path().parent().unwrap().to_path_buf();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(generated.len()).any(|w| w == generated.as_bytes()), "password found on disk");
    }
    let change = seatkeeper::sync::pending_changes(&f.store, None, seatkeeper::i18n::Lang::En).unwrap().remove(0);
    assert_eq!(body(&change.preview[0])["password"], "<from the keychain>");
    assert_eq!(body(&change.preview[0])["notifyEmail"], "boss@example.com");

    // Undo takes it out of the keychain.
    f.store.undo_change(&secrets, set.change_id, NOW).unwrap();
    assert_eq!(secrets.get(key).unwrap(), None);

    // One's own password follows the rules, checked against the login.
    let err = f
        .store
        .change_password(&secrets, user, PasswordRequest::Own(Secret::new(format!("Xy1{login}"))), None, NOW)
        .unwrap_err();
    assert_eq!(err.to_ipc(Lang::En).rule.as_deref(), Some("password.containsLogin"));
    let err = f
        .store
        .change_password(&secrets, user, PasswordRequest::Own(Secret::new("Abcdefg1")), Some("not-an-email"), NOW)
        .unwrap_err();
    assert_eq!(err.to_ipc(Lang::En).rule.as_deref(), Some("email.invalid"));
    assert_eq!(open_changes(&f), 0, "refusals queue nothing");
    let set =
        f.store.change_password(&secrets, user, PasswordRequest::Own(Secret::new("Abcdefg1!")), None, NOW).unwrap();
    assert_eq!(set.password, None, "the user's own password is not echoed back");
    assert_eq!(
        secrets.get(SecretKey::LicencePassword { change_id: set.change_id }).unwrap().unwrap().expose(),
        "Abcdefg1!"
    );
}

/// A keychain that refuses everything.
struct BrokenKeychain;
impl SecretStore for BrokenKeychain {
    fn set(&self, _: SecretKey, _: &Secret) -> seatkeeper::error::Result<()> {
        Err(Error::Keychain("locked".into()))
    }
    fn get(&self, _: SecretKey) -> seatkeeper::error::Result<Option<Secret>> {
        Err(Error::Keychain("locked".into()))
    }
    fn delete(&self, _: SecretKey) -> seatkeeper::error::Result<()> {
        Err(Error::Keychain("locked".into()))
    }
}

#[test]
fn no_password_change_is_queued_when_the_keychain_refuses() {
    let f = fixture();
    let user = first_user(&f, f.prepaid.id);
    let err = f.store.change_password(&BrokenKeychain, user, PasswordRequest::Generate, None, NOW).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Keychain);
    assert_eq!(open_changes(&f), 0);
}

#[test]
fn the_installs_ledger_refuses_a_sixth_device_with_a_clear_message() {
    let f = fixture();
    let users = f.store.list_installs(f.prepaid.id).unwrap();
    let full = users.iter().find(|u| u.counts.computers == 5).unwrap();
    let err = f.store.add_install(full.licence_id, DeviceKind::Computer, "Sixth PC", "2026-11-20", NOW).unwrap_err();
    let ipc = err.to_ipc(Lang::En);
    assert_eq!((ipc.code, ipc.rule.as_deref()), (ErrorCode::LimitReached, Some("install.limit")));
    assert!(ipc.message.contains("5 computers"), "{}", ipc.message);
    let tablet = f.store.add_install(full.licence_id, DeviceKind::Tablet, "  iPad Pro ", "2026-11-20", NOW).unwrap();
    assert_eq!(tablet.device_name, "iPad Pro");
    let blank = f.store.add_install(full.licence_id, DeviceKind::Tablet, "  ", "2026-11-20", NOW).unwrap_err();
    assert_eq!(blank.to_ipc(Lang::En).rule.as_deref(), Some("name.empty"));

    let computer = full.devices.iter().find(|d| d.kind == DeviceKind::Computer).unwrap();
    f.store.sign_out_install(computer.id, NOW).unwrap();
    assert!(matches!(
        f.store.sign_out_install(computer.id, NOW),
        Err(Error::Precondition(Precondition::AlreadySignedOut))
    ));
    f.store.add_install(full.licence_id, DeviceKind::Computer, "New PC", "2026-11-23", NOW).unwrap();
    let after = f.store.list_installs(f.prepaid.id).unwrap();
    let user = after.iter().find(|u| u.licence_id == full.licence_id).unwrap();
    assert_eq!((user.counts.computers, user.counts.tablets), (5, full.counts.tablets + 1));
    assert!(user.devices.last().unwrap().signed_out_on.is_some(), "signed-out devices stay in the ledger, last");
    // Empty slots have no user to install for.
    let slot = first_slot(&f);
    assert!(matches!(
        f.store.add_install(slot, DeviceKind::Phone, "P", "2026-11-20", NOW),
        Err(Error::Precondition(Precondition::NoUserOnLicence))
    ));
}

fn request(f: &Fixture, group: Option<i64>, licence_type: LicenceType, quantity: u32) -> OrderRequest {
    let account_id = f.store.list_accounts().unwrap()[0].id;
    OrderRequest { account_id, group_id: group, licence_type, renewal_period: "P1M".into(), quantity }
}

#[test]
fn orders_respect_the_300_cap_counting_licences_on_order() {
    let f = fixture();
    // The sample group holds 30 and has 5 on order: 265 more fit, 266 do not.
    let quote = f.store.quote_order(&request(&f, Some(f.prepaid.id), LicenceType::OfficeBusiness, 265)).unwrap();
    assert_eq!((quote.held, quote.on_order, quote.max), (30, 5, Some(300)));
    assert_eq!(quote.order_monthly.ucents, 265 * quote.price_per_month.ucents);
    let current = f.store.group_overview(f.prepaid.id).unwrap().monthly_cost.unwrap().ucents;
    assert_eq!(quote.new_monthly_total.ucents, current + quote.order_monthly.ucents);
    let err = f.store.quote_order(&request(&f, Some(f.prepaid.id), LicenceType::OfficeBusiness, 266)).unwrap_err();
    let ipc = err.to_ipc(Lang::En);
    assert_eq!((ipc.code, ipc.rule.as_deref()), (ErrorCode::LimitReached, Some("group.capacity")));
    assert!(ipc.message.contains("at most 265"), "{}", ipc.message);

    // Placing an order counts it as on order for the next one.
    let placed = f.store.place_order(&request(&f, Some(f.prepaid.id), LicenceType::OfficeBusiness, 200), NOW).unwrap();
    assert_eq!(placed.state, seatkeeper::store::orders::OrderState::Queued);
    assert!(f.store.place_order(&request(&f, Some(f.prepaid.id), LicenceType::OfficeBusiness, 66), NOW).is_err());
    assert!(f.store.place_order(&request(&f, Some(f.prepaid.id), LicenceType::OfficeBusiness, 65), NOW).is_ok());
    // Enterprise has no cap; a new business group takes at most 300.
    assert!(f.store.quote_order(&request(&f, None, LicenceType::OfficeProPlus, 5000)).is_ok());
    assert!(f.store.quote_order(&request(&f, None, LicenceType::OfficeBusiness, 301)).is_err());
    assert!(f.store.quote_order(&request(&f, None, LicenceType::OfficeBusiness, 0)).is_err());
    // A yearly renewal invoices twelve months at once.
    let yearly = OrderRequest { renewal_period: "P1Y".into(), ..request(&f, None, LicenceType::OfficeBusiness, 3) };
    let q = f.store.quote_order(&yearly).unwrap();
    assert_eq!(q.first_invoice.ucents, 12 * q.order_monthly.ucents);
    let weekly = OrderRequest { renewal_period: "P1W".into(), ..request(&f, None, LicenceType::OfficeBusiness, 3) };
    assert!(matches!(f.store.quote_order(&weekly), Err(Error::Precondition(Precondition::RenewalUnavailable { .. }))));
    // Pay-as-you-go groups add users instead of ordering.
    assert!(matches!(
        f.store.quote_order(&request(&f, Some(f.payg.id), LicenceType::OfficeProPlus, 1)),
        Err(Error::Precondition(Precondition::WrongFamily))
    ));
}

#[test]
fn an_order_is_queued_with_its_cart_plan_and_undone_cleanly() {
    let f = fixture();
    let placed = f.store.place_order(&request(&f, None, LicenceType::OfficeProPlus, 4), NOW).unwrap();
    let open = f.store.list_open_orders().unwrap();
    assert!(open.iter().any(|o| o.id == placed.id && o.group_id.is_none() && o.quantity == 4));
    let change = seatkeeper::sync::pending_changes(&f.store, None, seatkeeper::i18n::Lang::En).unwrap().remove(0);
    assert_eq!(change.kind, ChangeKind::Order);
    assert_eq!(change.preview.len(), 4);
    assert_eq!(body(&change.preview[2])["planCode"], "microsoft-365-apps-for-enterprise-pp-nce");
    f.store.undo_change(&MemorySecrets::default(), change.id, NOW).unwrap();
    assert!(!f.store.list_open_orders().unwrap().iter().any(|o| o.id == placed.id));
}

#[test]
fn usage_comes_back_for_each_period() {
    let f = fixture();
    let today = NOW.date();
    let month = f.store.usage(f.prepaid.id, UsagePeriod::CurrentMonth, today).unwrap();
    assert_eq!(month.from, "2026-11-01");
    assert_eq!(month.points.len(), 23);
    let year = f.store.usage(f.prepaid.id, UsagePeriod::Last12Months, today).unwrap();
    assert!(year.points.len() > 300);
    assert!(year.points.windows(2).all(|w| w[0].day <= w[1].day));
    let last = f.store.usage(f.prepaid.id, UsagePeriod::LastMonth, today).unwrap();
    assert_eq!((last.from.as_str(), last.to.as_str(), last.points.len()), ("2026-10-01", "2026-10-31", 31));
}

#[test]
fn csv_import_previews_then_queues_only_accepted_rows() {
    let f = fixture();
    let taken = f.store.list_licences(f.prepaid.id).unwrap()[0].login.clone().unwrap();
    let csv = format!(
        "Prénom;Nom;Identifiant;Pays\nAlice;Durand;alice.durand;FR\n;Vide;nobody;FR\nBob;Morel;{taken};BE\nCarl;Roux;carl..roux;FR\nDina;Petit;dina.petit;XX\nEve;Simon;eve.simon;\nAlice;Bis;alice.durand;FR\n"
    );
    let before = open_changes(&f);
    let preview = f.store.import_preview(f.prepaid.id, csv.as_bytes(), Lang::Fr).unwrap();
    assert_eq!((preview.accepted, preview.refused, preview.free_slots), (2, 5, Some(8)));
    let accepted: Vec<_> = preview.rows.iter().filter(|r| r.problems.is_empty()).map(|r| r.login.as_str()).collect();
    assert_eq!(accepted, ["alice.durand", "eve.simon"]);
    assert!(preview.rows[2].problems[0].contains("déjà utilisé"), "{:?}", preview.rows[2]);
    assert_eq!(open_changes(&f), before, "a preview queues nothing");

    let queued = f.store.import_users(f.prepaid.id, csv.as_bytes(), Lang::Fr, NOW).unwrap();
    assert_eq!(queued, 2);
    assert_eq!(open_changes(&f), before + 2);
    let slots_left = f.store.list_licences(f.prepaid.id).unwrap().iter().filter(|l| l.is_empty_slot).count();
    assert_eq!(slots_left, 6);

    // More users than free slots: refused whole, clearly.
    let mut many = String::from("first name,last name,login\n");
    for i in 0..7 {
        many.push_str(&format!("U,{i},user{i}\n"));
    }
    let err = f.store.import_preview(f.prepaid.id, many.as_bytes(), Lang::En).unwrap_err();
    assert!(err.to_ipc(Lang::En).message.contains("only 6 free licences"), "{err:?}");
    let err = f.store.import_users(f.prepaid.id, b"\xff\xfe bad", Lang::En, NOW).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(open_changes(&f), before + 2);
}

#[test]
fn csv_export_has_the_visible_columns_and_a_selection() {
    let f = fixture();
    let all = f.store.export_licences(f.prepaid.id, None, Lang::En, ExportFormat::Csv).unwrap();
    let text = String::from_utf8(all).unwrap();
    assert!(text.starts_with(
        "\u{feff}First name,Last name,Activation e-mail,Licence type,State,Computers,Tablets,Phones,Pending change\r\n"
    ));
    assert_eq!(text.lines().count(), 31);
    let ids: Vec<i64> = f.store.list_licences(f.prepaid.id).unwrap().iter().take(2).map(|l| l.id).collect();
    let some = f.store.export_licences(f.prepaid.id, Some(&ids), Lang::Fr, ExportFormat::Csv).unwrap();
    let some = String::from_utf8(some).unwrap();
    assert!(some.starts_with("\u{feff}Prénom;Nom;"));
    assert_eq!(some.lines().count(), 3);
    let xlsx = f.store.export_licences(f.prepaid.id, Some(&ids), Lang::Fr, ExportFormat::Xlsx).unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"), "an Excel workbook");
    let dir = tempfile::tempdir().unwrap();
    let name = seatkeeper::csv_io::export_file_name("office4417.o365.ovh.com", NOW);
    assert!(name.starts_with("seatkeeper-office4417.o365.ovh.com-") && name.ends_with(".csv"), "{name}");
    // The file the user chose in the save dialog, replaced whole (they agreed to it).
    let chosen = dir.path().join(&name);
    std::fs::write(&chosen, "an older export, much longer than the new one\n".repeat(50)).unwrap();
    seatkeeper::csv_io::write_file(&chosen, some.as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&chosen).unwrap(), some);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no partial file left behind");
    let missing = dir.path().join("no/such/folder/x.csv");
    assert!(seatkeeper::csv_io::write_file(&missing, some.as_bytes()).is_err());
}

/// A previewed request's JSON body, parsed.
fn body(request: &seatkeeper::sync::PlannedRequest) -> serde_json::Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).expect("JSON")
}
