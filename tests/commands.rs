//! The command layer without a window: the state the commands run on, the IPC error
//! shape in both languages, and the access-control and CSP configuration the window
//! is built with.

use std::collections::BTreeSet;
use std::time::Instant;

use seatkeeper::error::{Error, ErrorCode};
use seatkeeper::i18n::Lang;
use seatkeeper::secrets::MemorySecrets;
use seatkeeper::state::AppState;
use seatkeeper::store::Store;
use seatkeeper::store::sample::SampleSize;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn language_follows_the_system_until_the_user_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Store::open_in(dir.path()), Box::new(MemorySecrets::default()), Instant::now());
    let prefs = state.preferences("fr-FR").unwrap();
    assert_eq!((prefs.language, prefs.chosen_language), (Lang::Fr, None));
    assert_eq!(state.lang(), Lang::Fr);

    // Errors now come in French.
    let err = state.run(|s| s.rename_group(12345, "X", time::OffsetDateTime::now_utc())).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("n'existe plus"), "{}", err.message);

    let prefs = state.choose_language(Some(Lang::En), "fr-FR").unwrap();
    assert_eq!((prefs.language, prefs.chosen_language), (Lang::En, Some(Lang::En)));
    drop(state);

    // The choice is kept across restarts and wins over the system language.
    let state = AppState::new(Store::open_in(dir.path()), Box::new(MemorySecrets::default()), Instant::now());
    assert_eq!(state.lang(), Lang::En);
    assert_eq!(state.preferences("fr-CA").unwrap().language, Lang::En);
    let prefs = state.choose_language(None, "fr-CA").unwrap();
    assert_eq!((prefs.language, prefs.chosen_language), (Lang::Fr, None));
}

#[test]
fn every_command_reports_why_the_database_could_not_open() {
    let state = AppState::new(
        Err(Error::DatabaseTooNew { found: 7, supported: 2 }),
        Box::new(MemorySecrets::default()),
        Instant::now(),
    );
    state.preferences("en-GB").unwrap();
    let err = state.run(|s| s.app_status()).unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    assert!(err.message.contains("newer version"), "{}", err.message);
    let err = state.run(|s| s.list_groups()).unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    state.preferences("fr").unwrap();
    assert!(state.run(|s| s.list_groups()).unwrap_err().message.contains("plus récente"));
}

#[test]
fn commands_return_what_the_store_holds() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Store::open_in(dir.path()), Box::new(MemorySecrets::default()), Instant::now());
    state.preferences("en").unwrap();
    assert_eq!(state.run(|s| s.list_groups()).unwrap().len(), 0);
    state.run(|s| s.load_sample(time::OffsetDateTime::now_utc(), SampleSize::default())).unwrap();
    let groups = state.run(|s| s.list_groups()).unwrap();
    assert_eq!(groups.len(), 2);
    let json = serde_json::to_value(&groups[0]).unwrap();
    // The wire shape the UI's generated types describe.
    for key in [
        "id",
        "serviceName",
        "displayName",
        "family",
        "offer",
        "licencesUsed",
        "licencesTotal",
        "nextPaymentOn",
        "isSample",
    ] {
        assert!(json.get(key).is_some(), "missing {key} in {json}");
    }
    let err = state.run(|s| s.load_sample(time::OffsetDateTime::now_utc(), SampleSize::default())).unwrap_err();
    assert_eq!(err.code, ErrorCode::Precondition);
}

#[test]
fn the_first_screen_is_one_answer_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Store::open_in(dir.path()), Box::new(MemorySecrets::default()), Instant::now());
    let now = time::OffsetDateTime::now_utc();
    state.run(|s| s.load_sample(now, SampleSize::default())).unwrap();
    // A change waiting to be sent and the reminders worked out, for the header.
    let group = state.run(|s| s.list_groups()).unwrap()[0].id;
    state.run(|s| s.rename_group(group, "Renamed before the start", now)).unwrap();
    state.run(|s| s.refresh_reminders(now, Lang::Fr)).unwrap();
    let start = state.window_start("fr-FR").unwrap();
    assert_eq!((start.preferences.language, start.preferences.chosen_language), (Lang::Fr, None));
    // The language is set for what follows (errors in French).
    assert_eq!(state.lang(), Lang::Fr);
    assert_eq!(start.status.groups, 2);
    assert_eq!(start.groups.len(), 2);
    assert!(start.groups_error.is_none());
    let json = serde_json::to_value(&start).unwrap();
    for key in ["preferences", "status", "groups", "groupsError", "sync", "pending", "reminders", "orders"] {
        assert!(json.get(key).is_some(), "missing {key} in {json}");
    }
    // The header's reads and the open orders are in it, as their own commands answer
    // them (so the first screen is drawn once, complete, before anything else is read).
    fn wire<T: serde::Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).unwrap()
    }
    let pending = state.run(|s| seatkeeper::sync::pending_changes(s, None, seatkeeper::i18n::Lang::En)).unwrap();
    assert!(!pending.is_empty(), "the sample has changes waiting");
    assert_eq!(wire(&start.pending), wire(&Some(pending)));
    let reminders = state.run(|s| s.reminders(Lang::Fr)).unwrap();
    assert_eq!(wire(&start.reminders), wire(&Some(reminders)));
    assert_eq!(wire(&start.orders), wire(&Some(state.run(|s| s.list_open_orders()).unwrap())));
    assert_eq!(wire(&start.sync), wire(&state.sync.status()));

    // A database the app cannot open: the whole answer is the reason, in the system's language.
    let state = AppState::new(
        Err(Error::DatabaseTooNew { found: 7, supported: 2 }),
        Box::new(MemorySecrets::default()),
        Instant::now(),
    );
    let err = state.window_start("fr").unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    assert!(err.message.contains("plus récente"), "{}", err.message);
}

fn quoted_names(text: &str, after: &str, until: &str) -> BTreeSet<String> {
    let start = text.find(after).unwrap_or_else(|| panic!("{after} not found")) + after.len();
    let end = start + text[start..].find(until).unwrap();
    text[start..end].split('"').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn every_command_is_registered_permitted_and_nothing_else() {
    let declared: BTreeSet<String> = seatkeeper::commands::COMMAND_NAMES.iter().map(|n| n.to_string()).collect();
    assert!(read("src-tauri/build.rs").contains("include!(\"commands/names.rs\")"), "build.rs registers the one list");

    let handler_src = read("src-tauri/commands/mod.rs");
    let start = handler_src.find("generate_handler![").unwrap();
    let end = start + handler_src[start..].find(']').unwrap();
    let registered: BTreeSet<String> = handler_src[start..end]
        .split("$crate::commands::")
        .skip(1)
        .map(|s| s.trim_end_matches(|c: char| c == ',' || c.is_whitespace()).to_string())
        .collect();

    let permissions = read("src-tauri/permissions/app-commands.toml");
    let permitted: BTreeSet<String> = quoted_names(&permissions, "permissions = [", "]")
        .into_iter()
        .map(|p| p.strip_prefix("allow-").expect("only allow- permissions").replace('-', "_"))
        .collect();

    assert!(!declared.is_empty());
    assert_eq!(registered, declared, "invoke handler vs COMMAND_NAMES");
    assert_eq!(permitted, declared, "app-commands permission set vs COMMAND_NAMES");

    let capability: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main-window.json")).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(
        capability["permissions"],
        serde_json::json!(["app-commands", "core:event:allow-listen", "core:event:allow-unlisten"]),
        "nothing beyond our commands and listening to our events"
    );
    assert!(capability.get("remote").is_none(), "no remote origin may call commands");
}

#[test]
fn the_csp_allows_no_remote_origin_and_no_inline_code() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_object().expect("CSP as directives");
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        for source in value.split_whitespace() {
            let allowed = matches!(source, "'self'" | "'none'" | "data:" | "ipc:" | "http://ipc.localhost");
            assert!(allowed, "{directive} allows {source}");
            if source == "data:" {
                assert_eq!(directive, "img-src", "data: only for images");
            }
        }
    }
    for required in ["default-src", "script-src", "style-src", "connect-src", "object-src", "frame-ancestors"] {
        assert!(csp.contains_key(required), "{required} missing");
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert_ne!(conf["app"]["security"]["dangerousDisableAssetCspModification"], true);
}
