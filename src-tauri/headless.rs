//! The headless commands of the `seatkeeper` binary (see `cli.rs` for the syntax):
//! accounts, sync, status, CSV, sample data. Same store, same keychain, same rules
//! as the window; no Tauri.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Localize};
use crate::ovh::models::{AccessRule, CredentialRequest};
use crate::ovh::{Client, ClientConfig, Endpoint};
use crate::secrets::{Keychain, Secret, SecretKey, SecretStore};
use crate::store::sample::SampleSize;
use crate::store::{accounts, timestamp, Store};
use crate::sync::{client_for, Engine, Progress};

/// Where the window keeps its data: `<OS data dir>/app.seatkeeper.desktop`.
pub fn default_data_dir() -> Option<PathBuf> {
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.map(|b| b.join("app.seatkeeper.desktop"))
}

pub fn run(cli: &Cli, lang: Lang) -> ExitCode {
    let Some(dir) = cli.data_dir.clone().or_else(default_data_dir) else {
        eprintln!("seatkeeper: {}", lang.pick("no data directory; pass --data-dir DIR", "aucun dossier de données ; passez --data-dir DIR"));
        return ExitCode::from(2);
    };
    let result = Store::open_in(&dir).and_then(|store| {
        let keychain = Keychain::for_installation(store.installation_id()?);
        execute(&cli.command, &store, &keychain, lang)
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("seatkeeper: {}", e.localize(lang));
            ExitCode::FAILURE
        }
    }
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(e.to_string()))
}

fn group_id(store: &Store, service: &str) -> Result<i64> {
    store
        .list_groups()?
        .into_iter()
        .find(|g| g.service_name == service)
        .map(|g| g.id)
        .ok_or_else(|| Error::NotFound { what: crate::error::Entity::Group, id: service.to_string() })
}

/// Runs one command; `Ok(false)` means it ran but did not fully succeed.
fn execute(command: &Command, store: &Store, keychain: &dyn SecretStore, lang: Lang) -> Result<bool> {
    match command {
        Command::SampleLoad { payg_users } => {
            let r = store.load_sample(now(), SampleSize { payg_users: *payg_users })?;
            println!("{} groups, {} licences, {} installs", r.groups, r.licences, r.installs);
            Ok(true)
        }
        Command::SampleRemove => store.remove_sample().map(|_| true),
        Command::Status { json } => status(store, *json),
        Command::AccountAdd { name, endpoint, application_key } => {
            account_add(store, keychain, name, endpoint, application_key, lang)
        }
        Command::AccountList => {
            for a in store.list_accounts()? {
                let sample = if a.is_sample { lang.pick(" (sample)", " (exemple)") } else { "" };
                println!("{}\t{}{}", a.label, a.endpoint, sample);
            }
            Ok(true)
        }
        Command::Sync { account } => sync(store, keychain, account.as_deref(), lang),
        Command::Export { csv, group } => {
            let groups = match group {
                Some(service) => vec![group_id(store, service)?],
                None => store.list_groups()?.into_iter().map(|g| g.id).collect(),
            };
            let mut bytes = Vec::new();
            for (i, id) in groups.iter().enumerate() {
                let part = store.export_licences_csv(*id, None, lang)?;
                // One header for the whole file.
                let body = if i == 0 { &part[..] } else { part.splitn(2, |b| *b == b'\n').nth(1).unwrap_or_default() };
                bytes.extend_from_slice(body);
            }
            std::fs::write(csv, &bytes).map_err(|e| Error::io(csv.display().to_string(), e))?;
            println!("{}", csv.display());
            Ok(true)
        }
        Command::Import { csv, group } => {
            let id = group_id(store, group)?;
            let bytes = std::fs::read(csv).map_err(|e| Error::io(csv.display().to_string(), e))?;
            let preview = store.import_preview(id, &bytes, lang)?;
            for row in preview.rows.iter().filter(|r| !r.problems.is_empty()) {
                eprintln!("{} {}: {}", lang.pick("line", "ligne"), row.line, row.problems.join(" "));
            }
            let queued = store.import_users(id, &bytes, lang, now())?;
            println!("{queued} {}", lang.pick("users queued for activation", "utilisateurs en attente d'activation"));
            Ok(preview.refused == 0)
        }
        Command::Window | Command::Help | Command::Version => Ok(true),
    }
}

fn status(store: &Store, as_json: bool) -> Result<bool> {
    let status = store.app_status()?;
    let groups = store.list_groups()?;
    let changes = store.list_pending_changes(None)?;
    let open: Vec<_> = changes.iter().filter(|c| c.state != crate::store::ChangeState::Done).collect();
    if as_json {
        let value = json!({
            "database": status.database_path,
            "schemaVersion": status.schema_version,
            "accounts": store.list_accounts()?,
            "groups": groups,
            "pendingChanges": open,
        });
        println!("{}", serde_json::to_string_pretty(&value).map_err(|e| Error::Internal(e.to_string()))?);
    } else {
        println!("database: {}", status.database_path);
        println!("schema: {}", status.schema_version);
        for g in &groups {
            println!(
                "{}\t{}\t{}\t{}/{}\t{}",
                g.service_name, g.display_name, g.family.wire_name(), g.licences_used, g.licences_total, g.status
            );
        }
        println!("pending changes: {}", open.len());
    }
    Ok(true)
}

fn read_stdin_lines() -> (Option<String>, Option<String>) {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines().map_while(std::result::Result::ok).map(|l| l.trim().to_string());
    let secret = lines.next().filter(|l| !l.is_empty());
    let consumer = lines.next().filter(|l| !l.is_empty());
    (secret, consumer)
}

fn account_add(
    store: &Store,
    keychain: &dyn SecretStore,
    name: &str,
    endpoint: &str,
    application_key: &str,
    lang: Lang,
) -> Result<bool> {
    let parsed: Endpoint = endpoint.parse().map_err(|_| Error::Rule(crate::domain::RuleError::EndpointInvalid))?;
    let (secret, consumer) = read_stdin_lines();
    let secret = secret.ok_or_else(|| {
        Error::Internal(lang.pick("the application secret is missing from standard input", "le secret d'application manque sur l'entrée standard").into())
    })?;
    let at = timestamp(now());
    let account_id = store.write(|tx| accounts::add(tx, name, &parsed.to_string(), application_key, &at))?;
    let stored = keychain
        .set(SecretKey::ApplicationSecret { account_id }, &Secret::new(secret.clone()))
        .and_then(|_| match &consumer {
            Some(ck) => keychain.set(SecretKey::ConsumerKey { account_id }, &Secret::new(ck.clone())),
            None => Ok(()),
        });
    if let Err(e) = stored {
        // Nothing half-connected is left behind.
        store.write(|tx| accounts::remove(tx, account_id))?;
        return Err(e);
    }
    if consumer.is_none() {
        let client = Client::new(ClientConfig::new(parsed, application_key, Secret::new(secret)))
            .map_err(crate::sync::engine::remote_error)?;
        let request = CredentialRequest { access_rules: AccessRule::seatkeeper(), redirection: None, allowed_ips: None };
        let pending = runtime()?.block_on(client.request_credential(&request)).map_err(crate::sync::engine::remote_error)?;
        keychain.set(SecretKey::ConsumerKey { account_id }, &pending.consumer_key)?;
        println!(
            "{}\n{}",
            lang.pick(
                "Open this address, sign in to OVHcloud and allow Seatkeeper; then run `seatkeeper sync`:",
                "Ouvrez cette adresse, connectez-vous à OVHcloud et autorisez Seatkeeper ; puis lancez `seatkeeper sync` :"
            ),
            pending.validation_url
        );
    } else {
        println!("{} {name}", lang.pick("Connected:", "Connecté :"));
    }
    Ok(true)
}

fn sync(store: &Store, keychain: &dyn SecretStore, only: Option<&str>, lang: Lang) -> Result<bool> {
    let accounts: Vec<_> = store
        .list_accounts()?
        .into_iter()
        .filter(|a| !a.is_sample && only.is_none_or(|n| a.label == n))
        .collect();
    if let Some(name) = only
        && accounts.is_empty()
    {
        return Err(Error::NotFound { what: crate::error::Entity::Account, id: name.to_string() });
    }
    let rt = runtime()?;
    let mut all_sent = true;
    let progress = |p: Progress| {
        if p.total > 0 && p.done < p.total {
            eprint!("\r{} {}/{} {}        ", p.phase, p.done + 1, p.total, p.item);
            let _ = std::io::stderr().flush();
        }
    };
    for account in accounts {
        let client = client_for(store, keychain, account.id)?;
        let engine = Engine { store, secrets: keychain, client: &client, account_id: account.id, progress: &progress };
        let report = rt.block_on(engine.sync())?;
        eprintln!();
        println!(
            "{}: {} {}, {} {}{}",
            account.label,
            report.groups,
            lang.pick("groups", "groupes"),
            report.licences,
            lang.pick("licences", "licences"),
            if report.offline { lang.pick(" (OVHcloud unreachable)", " (OVHcloud injoignable)") } else { "" }
        );
        for c in &report.changes {
            println!(
                "change {}\t{}\t{}{}",
                c.change_id,
                c.kind.as_str(),
                c.state,
                c.message.as_deref().map(|m| format!("\t{m}")).unwrap_or_default()
            );
        }
        all_sent &= report.all_sent();
    }
    Ok(all_sent)
}
