//! The headless commands of the `seatkeeper` binary (see `cli.rs` for the syntax):
//! accounts, sync, status, CSV, sample data. Same store, same keychain, same rules
//! as the window; no Tauri.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::cli::{Cli, Command};
use crate::error::{Error, Precondition, Result};
use crate::i18n::{Lang, Localize};
use crate::secrets::{Secret, SecretStore};
use crate::store::sample::SampleSize;
use crate::store::{ChangeState, GroupPart, Store};
use crate::sync::engine::with_ticks;
use crate::sync::{DEMO_ENDPOINT, Engine, Progress, SyncLock, client_for, workflow};

/// Exit statuses of the command line (documented in `seatkeeper --help` and the README).
pub mod exit {
    /// Done; for `sync`, every change went through and none needs the user.
    pub const OK: u8 = 0;
    /// Something failed, or (for `sync`) a change failed or waits for the user.
    pub const FAILED: u8 = 1;
    /// The command line itself is wrong.
    pub const USAGE: u8 = 2;
    /// Another sync is running on this database (the window's, or another command's).
    pub const SYNC_RUNNING: u8 = 3;
}

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
        eprintln!(
            "seatkeeper: {}",
            lang.pick("no data directory; pass --data-dir DIR", "aucun dossier de données ; passez --data-dir DIR")
        );
        return ExitCode::from(2);
    };
    // Unless the environment asks for a language, the one chosen in the window speaks
    // (on Windows a terminal or a scheduled task has no LANG; the system's came first).
    let mut lang = lang;
    let result = Store::open_in(&dir).and_then(|store| {
        if crate::cli::asked_lang().is_none()
            && let Ok(Some(chosen)) = store.language()
        {
            lang = chosen;
        }
        let keychain = crate::state::open_keychain(Some(&store));
        execute(&cli.command, &store, &keychain, lang)
    });
    match result {
        Ok(true) => ExitCode::from(exit::OK),
        Ok(false) => ExitCode::from(exit::FAILED),
        Err(e) => {
            eprintln!("seatkeeper: {}", e.localize(lang));
            tracing::warn!(error = %e, "command failed");
            match e {
                Error::Precondition(Precondition::SyncRunning { .. }) => ExitCode::from(exit::SYNC_RUNNING),
                _ => ExitCode::from(exit::FAILED),
            }
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
        Command::Status { json } => status(store, keychain, *json, lang),
        Command::AccountAdd { name, endpoint, application_key } => {
            account_add(store, keychain, name, endpoint, application_key, lang)
        }
        Command::AccountKeys { name } => account_keys(store, keychain, name, lang),
        Command::Backup { file } => {
            let info = crate::backup::back_up(store, file, now())?;
            println!(
                "{}\t{} {}, {} {}, {} {}",
                file.display(),
                info.groups,
                lang.pick("groups", "groupes"),
                info.licences,
                lang.pick("licences", "licences"),
                info.installs,
                lang.pick("installs", "installations"),
            );
            Ok(true)
        }
        Command::Restore { file } => restore(store, keychain, file, lang),
        Command::AccountList => {
            for a in store.list_accounts()? {
                let sample = if a.is_sample { lang.pick(" (sample)", " (exemple)") } else { "" };
                println!("{}\t{}{}", a.label, a.endpoint, sample);
            }
            Ok(true)
        }
        Command::Sync { account, wait } => sync(store, keychain, account.as_deref(), *wait, lang),
        Command::ChangeRetry { id } => {
            let change = store.retry_change(*id, now())?;
            println!("change {}\t{}\t{}", change.id, change.kind.as_str(), change.state.as_str());
            Ok(true)
        }
        Command::ChangeDismiss { id } => store.dismiss_change(keychain, *id, now()).map(|_| true),
        Command::Export { file, format, group } => {
            let bytes = match group {
                Some(service) => store.export_licences(group_id(store, service)?, None, lang, *format)?,
                None => store.export_all_groups(lang, *format)?,
            };
            crate::csv_io::write_file(file, &bytes)?;
            println!("{}", file.display());
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
        Command::AgreementSign { group, signatory } => {
            let id = group_id(store, group)?;
            let client = online_client(store, keychain, id)?;
            let created = runtime()?.block_on(workflow::create_attestation(store, &client, id, signatory, now()))?;
            println!(
                "{}\n{}",
                lang.pick(
                    "Sign the agreement at this address, then run `seatkeeper agreement accept`:",
                    "Signez le contrat à cette adresse, puis lancez `seatkeeper agreement accept` :"
                ),
                created.link
            );
            Ok(true)
        }
        Command::AgreementAccept { group } => {
            let id = group_id(store, group)?;
            let change = store.accept_agreement(id, now())?;
            print_queued(change, lang);
            Ok(true)
        }
        Command::RenewalSet { group, automatic, period, delete_at_expiration } => {
            renewal_set(store, group, *automatic, *period, *delete_at_expiration, lang)
        }
        Command::Terminate { licence, confirm, reason, future_use, comment } => {
            let id = store.read(|c| crate::store::lifecycle::licence_by_remote_id(c, licence))?;
            match confirm {
                None => {
                    let g = store.licence_ref(id)?.group;
                    let client = online_client(store, keychain, g.id)?;
                    let message = runtime()?.block_on(workflow::request_termination(store, &client, id, now()))?;
                    println!("{message}");
                    println!(
                        "{}",
                        lang.pick(
                            "Then confirm with the token of OVHcloud's e-mail: seatkeeper terminate --licence SERVICE --confirm TOKEN",
                            "Confirmez ensuite avec le jeton de l'e-mail d'OVHcloud : seatkeeper terminate --licence SERVICE --confirm JETON"
                        )
                    );
                    Ok(true)
                }
                Some(token) => {
                    let parse = |value: &Option<String>, field, known: fn(&str) -> bool| -> Result<()> {
                        match value {
                            Some(v) if !known(v) => {
                                Err(Error::Rule(crate::domain::RuleError::ChoiceUnknown { field, value: v.clone() }))
                            }
                            _ => Ok(()),
                        }
                    };
                    parse(reason, crate::domain::Field::Reason, |v| {
                        crate::domain::TerminationReason::parse(v).is_some()
                    })?;
                    parse(future_use, crate::domain::Field::FutureUse, |v| {
                        crate::domain::TerminationFutureUse::parse(v).is_some()
                    })?;
                    let input = crate::domain::TerminationInput {
                        token: token.clone(),
                        reason: reason.as_deref().and_then(crate::domain::TerminationReason::parse),
                        future_use: future_use.as_deref().and_then(crate::domain::TerminationFutureUse::parse),
                        commentary: comment.clone(),
                    };
                    let plan = store.plan_termination(id, &input, lang)?;
                    let change = store.confirm_termination(id, &input, now())?;
                    println!("{}", plan.consequence);
                    print_queued(change, lang);
                    Ok(true)
                }
            }
        }
        Command::Window | Command::Help(_) | Command::Version(_) => Ok(true),
    }
}

/// Says a change was queued, and when it goes.
fn print_queued(change: i64, lang: Lang) {
    println!(
        "change {change}\t{}",
        lang.pick(
            "queued; sent by the next `seatkeeper sync`",
            "en attente ; envoyée à la prochaine `seatkeeper sync`"
        )
    );
}

/// The client of a group's account, for a step that needs OVHcloud's answer now.
fn online_client(store: &Store, keychain: &dyn SecretStore, group_id: i64) -> Result<crate::ovh::Client> {
    let g = store.group_ref(group_id)?;
    if g.is_sample {
        return Err(Error::Precondition(Precondition::NeedsOvhcloud));
    }
    if store.read(|c| crate::store::accounts::get(c, g.account_id))?.endpoint == DEMO_ENDPOINT {
        return Err(Error::Precondition(Precondition::DemoInWindow));
    }
    client_for(store, keychain, g.account_id)
}

/// Queues a group's renewal from the options given; what is not given stays as it is.
fn renewal_set(
    store: &Store,
    group: &str,
    automatic: Option<bool>,
    period: Option<i64>,
    delete_at_expiration: Option<bool>,
    lang: Lang,
) -> Result<bool> {
    use crate::domain::{RenewalInput, RenewalMode};
    let id = group_id(store, group)?;
    // Not known yet: why (never read, or OVHcloud's answer could not be read).
    let current = store.current_renewal(id)?;
    let mode = match (automatic, delete_at_expiration) {
        (Some(true), Some(true)) => {
            eprintln!(
                "seatkeeper: {}",
                lang.pick(
                    "a group renewed automatically cannot also stop at expiration; choose one",
                    "un groupe renouvelé automatiquement ne peut pas aussi s'arrêter à expiration ; choisissez"
                )
            );
            return Ok(false);
        }
        (_, Some(true)) => RenewalMode::StopAtExpiration,
        (Some(true), _) => RenewalMode::Automatic,
        (Some(false), _) => RenewalMode::Manual,
        (None, Some(false)) if current.mode == RenewalMode::StopAtExpiration => RenewalMode::Manual,
        (None, _) => current.mode,
    };
    let input = RenewalInput { mode, period_months: period.unwrap_or(current.period_months) };
    let plan = store.plan_renewal(id, &input, now(), lang)?;
    let change = store.set_renewal(id, &input, now())?;
    println!("{}", plan.consequence);
    print_queued(change, lang);
    Ok(true)
}

fn status(store: &Store, keychain: &dyn SecretStore, as_json: bool, lang: Lang) -> Result<bool> {
    let keys = keychain.status();
    let status = store.app_status()?;
    let groups = store.list_groups()?;
    let changes = crate::sync::pending_changes(store, None, lang)?;
    let open: Vec<_> = changes.iter().filter(|c| c.state != ChangeState::Done).collect();
    if as_json {
        // Each group with its agreement and renewal, as the group's page shows them.
        let mut described = Vec::new();
        for g in &groups {
            let overview = store.group_overview(g.id)?;
            let mut value = serde_json::to_value(g).map_err(|e| Error::Internal(e.to_string()))?;
            value["agreement"] = json!({
                "accepted": overview.mca_agreed,
                "acceptancePending": overview.agreement_pending,
                "attestationLink": overview.attestation_link,
            });
            value["renewal"] = json!(overview.renewal);
            value["renewalPending"] = json!(overview.renewal_pending);
            described.push(value);
        }
        let value = json!({
            "database": status.database_path,
            "schemaVersion": status.schema_version,
            "keychain": { "backend": keys.backend.as_str(), "persistent": keys.persistent, "reachable": keys.problem.is_none() },
            "accounts": store.list_accounts()?,
            "groups": described,
            "pendingChanges": open,
            "lastAutomaticBackup": store.last_daily_backup().map(|p| p.display().to_string()),
            "automaticBackupFailure": store.backup_failure()?,
        });
        println!("{}", serde_json::to_string_pretty(&value).map_err(|e| Error::Internal(e.to_string()))?);
    } else {
        println!("database: {}", status.database_path);
        println!("schema: {}", status.schema_version);
        println!(
            "keychain: {}{}{}",
            keys.backend.as_str(),
            if keys.persistent { "" } else { " (lost at reboot)" },
            if keys.problem.is_some() { " (unreachable from here)" } else { "" }
        );
        for g in &groups {
            println!(
                "{}\t{}\t{}\t{}/{}\t{}",
                g.service_name,
                g.display_name,
                g.family.wire_name(),
                g.licences_used,
                g.licences_total,
                g.status
            );
        }
        match (store.backup_failure()?, store.last_daily_backup()) {
            (Some(failure), _) => println!("automatic backup: FAILED at {} ({})", failure.at, failure.detail),
            (None, Some(last)) => println!("automatic backup: {}", last.display()),
            (None, None) => println!("automatic backup: none yet"),
        }
        println!("pending changes: {}", open.len());
        for c in &open {
            println!(
                "change {}\t{}\t{}{}",
                c.id,
                c.kind.as_str(),
                c.state.as_str(),
                c.last_error.as_deref().map(|m| format!("\t{m}")).unwrap_or_default()
            );
        }
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
    let (secret, consumer) = read_stdin_lines();
    let secret = secret.ok_or_else(|| {
        Error::Internal(
            lang.pick(
                "the application secret is missing from standard input",
                "le secret d'application manque sur l'entrée standard",
            )
            .into(),
        )
    })?;
    let connected = runtime()?.block_on(crate::sync::service::connect_account(
        store,
        keychain,
        name,
        endpoint,
        application_key,
        Secret::new(secret),
        consumer.map(Secret::new),
    ))?;
    keys_stored(
        store,
        keychain,
        connected.validation_url,
        &format!("{} {name}", lang.pick("Connected:", "Connecté :")),
        lang,
    );
    Ok(true)
}

/// After an account's keys were stored: the consent page to open when OVHcloud needs
/// one (else `done`), the keychain noted for the database, and a warning when it forgets.
fn keys_stored(store: &Store, keychain: &dyn SecretStore, validation_url: Option<String>, done: &str, lang: Lang) {
    match validation_url {
        Some(url) => println!(
            "{}\n{url}",
            lang.pick(
                "Open this address, sign in to OVHcloud and allow Seatkeeper; then run `seatkeeper sync`:",
                "Ouvrez cette adresse, connectez-vous à OVHcloud et autorisez Seatkeeper ; puis lancez `seatkeeper sync` :"
            )
        ),
        None => println!("{done}"),
    }
    crate::state::record_keychain(store, keychain);
    warn_if_forgetful(keychain, lang);
}

/// Says plainly when the secrets just stored will not survive a reboot.
fn warn_if_forgetful(keychain: &dyn SecretStore, lang: Lang) {
    if keychain.status().backend == crate::secrets::Backend::KernelKeyring {
        eprintln!(
            "{}",
            lang.pick(
                "Note: no desktop keyring (Secret Service: GNOME Keyring, KWallet) answered, so the keys are kept in the Linux kernel keyring. They will NOT survive a reboot (nor a few days unused). Install and unlock GNOME Keyring or KWallet to keep them; until then, give them again after each reboot with `seatkeeper account keys --name NAME`.",
                "Attention : aucun trousseau de bureau (Secret Service : GNOME Keyring, KWallet) n'a répondu, les clés sont donc gardées dans le trousseau du noyau Linux. Elles ne survivront PAS à un redémarrage (ni à quelques jours sans usage). Installez et déverrouillez GNOME Keyring ou KWallet pour les garder ; d'ici là, redonnez-les après chaque redémarrage avec `seatkeeper account keys --name NOM`."
            )
        );
    }
}

/// `account keys`: an account's secrets again, from standard input.
fn account_keys(store: &Store, keychain: &dyn SecretStore, name: &str, lang: Lang) -> Result<bool> {
    let account = store
        .read(|c| crate::store::accounts::by_label(c, name))?
        .ok_or_else(|| Error::NotFound { what: crate::error::Entity::Account, id: name.to_string() })?;
    let (secret, consumer) = read_stdin_lines();
    let secret = secret.ok_or_else(|| {
        Error::Internal(
            lang.pick(
                "the application secret is missing from standard input",
                "le secret d'application manque sur l'entrée standard",
            )
            .into(),
        )
    })?;
    let connected = runtime()?.block_on(crate::sync::keys::give_keys_again(
        store,
        keychain,
        account.id,
        Secret::new(secret),
        consumer.map(Secret::new),
    ))?;
    keys_stored(
        store,
        keychain,
        connected.validation_url,
        &format!("{} {name}", lang.pick("Keys stored:", "Clés enregistrées :")),
        lang,
    );
    Ok(true)
}

/// `restore FILE`: refused while the window has the database open or a sync runs.
fn restore(store: &Store, keychain: &dyn SecretStore, file: &std::path::Path, lang: Lang) -> Result<bool> {
    let report = runtime()?.block_on(crate::backup::restore(store, keychain, file, false, now()))?;
    let m = &report.backup.manifest;
    match lang {
        Lang::En => println!(
            "Restored the backup of {} (Seatkeeper {}, schema {}): {} groups, {} licences, {} installs.\nThe database it replaced was kept at {}",
            m.created_at,
            m.app_version,
            m.schema_version,
            report.backup.groups,
            report.backup.licences,
            report.backup.installs,
            report.kept_aside
        ),
        Lang::Fr => println!(
            "Sauvegarde du {} restaurée (Seatkeeper {}, schéma {}) : {} groupes, {} licences, {} installations.\nLa base remplacée a été gardée dans {}",
            m.created_at,
            m.app_version,
            m.schema_version,
            report.backup.groups,
            report.backup.licences,
            report.backup.installs,
            report.kept_aside
        ),
    }
    if !report.accounts_needing_keys.is_empty() {
        println!(
            "{} {}\n{}",
            lang.pick(
                "Secrets are never in a backup: these accounts need their keys again:",
                "Les secrets ne sont jamais dans une sauvegarde : ces comptes ont besoin de leurs clés :"
            ),
            report.accounts_needing_keys.join(", "),
            lang.pick(
                "Give them with `seatkeeper account keys --name NAME` (the application secret and the consumer key on standard input).",
                "Donnez-les avec `seatkeeper account keys --name NOM` (le secret d'application et la clé consommateur sur l'entrée standard)."
            )
        );
    }
    Ok(true)
}

/// One sync of every connected account (or one), holding the database's sync lock
/// throughout. One account failing does not stop the others. `Ok(true)` only when
/// every change went through and none, from this run or before, failed or waits for the user.
fn sync(store: &Store, keychain: &dyn SecretStore, only: Option<&str>, wait: bool, lang: Lang) -> Result<bool> {
    let accounts: Vec<_> =
        store.list_accounts()?.into_iter().filter(|a| !a.is_sample && only.is_none_or(|n| a.label == n)).collect();
    if let Some(name) = only
        && accounts.is_empty()
    {
        return Err(Error::NotFound { what: crate::error::Entity::Account, id: name.to_string() });
    }
    if let Some(problem) = keychain.status().problem
        && !accounts.is_empty()
    {
        // Before anything is read or sent: a sync that cannot read its secrets would
        // only give up on the changes waiting.
        return Err(Error::KeychainUnavailable(problem));
    }
    let rt = runtime()?;
    let lock = if wait {
        let poll = std::time::Duration::from_millis(200);
        rt.block_on(SyncLock::acquire(store.path(), "command line", None, poll))?
    } else {
        SyncLock::try_for(store, "command line")?
    };
    let mut all_sent = true;
    let progress = |p: Progress| {
        if p.total > 0 && p.done < p.total {
            eprint!("\r{} {}/{} {}        ", p.phase.as_str(), p.done + 1, p.total, p.item);
            let _ = std::io::stderr().flush();
        }
    };
    for account in accounts {
        if account.endpoint == DEMO_ENDPOINT {
            // The demo's simulated OVHcloud lives inside the window.
            println!(
                "{}: {}",
                account.label,
                lang.pick(
                    "skipped (the demo account syncs in the window)",
                    "ignoré (le compte de démonstration se synchronise dans la fenêtre)"
                )
            );
            continue;
        }
        let result = client_for(store, keychain, account.id).and_then(|client| {
            let engine = Engine {
                store,
                secrets: keychain,
                client: &client,
                account_id: account.id,
                progress: &progress,
                lock: &lock,
            };
            rt.block_on(with_ticks(engine.sync(), || {
                if let Some(wait) = client.rate_wait() {
                    eprint!(
                        "\r{} {}s        ",
                        lang.pick("waiting for OVHcloud's rate limit:", "attente de la limite de débit d'OVHcloud :"),
                        wait.as_secs_f64().ceil()
                    );
                    let _ = std::io::stderr().flush();
                }
            }))
        });
        eprintln!();
        let report = match result {
            Ok(report) => report,
            Err(e) => {
                println!("{}: {}", account.label, e.localize(lang));
                tracing::warn!(account = account.id, error = %e, "sync failed");
                all_sent = false;
                continue;
            }
        };
        tracing::info!(
            account = account.id,
            groups = report.groups,
            licences = report.licences,
            offline = report.offline,
            changes = report.changes.len(),
            "sync done"
        );
        for c in &report.changes {
            tracing::info!(change = c.change_id, kind = c.kind.as_str(), state = c.state.as_str(), "change");
        }
        crate::state::record_keychain(store, keychain);
        println!(
            "{}: {} {}, {} {}{}",
            account.label,
            report.groups,
            lang.pick("groups", "groupes"),
            report.licences,
            lang.pick("licences", "licences"),
            if report.offline { lang.pick(" (OVHcloud unreachable)", " (OVHcloud injoignable)") } else { "" }
        );
        for g in &report.stale_groups {
            let part = match g.part {
                None => String::new(),
                Some(GroupPart::Renewal) => lang.pick(" (renewal)", " (renouvellement)").to_string(),
                Some(GroupPart::Domains) => lang.pick(" (domains)", " (domaines)").to_string(),
                Some(GroupPart::Usage) => lang.pick(" (usage)", " (utilisation)").to_string(),
            };
            println!("{}\t{}{part}\t{}", lang.pick("not read", "non lu"), g.service_name, g.reason);
        }
        if let Some(at) = &report.retry_at {
            println!(
                "{} {at}",
                lang.pick(
                    "OVHcloud asked to wait; next try after",
                    "OVHcloud demande d'attendre ; prochain essai après"
                )
            );
        }
        for c in &report.changes {
            println!(
                "change {}\t{}\t{}{}",
                c.change_id,
                c.kind.as_str(),
                c.state.as_str(),
                c.message.as_ref().map(|m| format!("\t{}", m.localize(lang))).unwrap_or_default()
            );
        }
        all_sent &= report.all_sent();
    }
    drop(lock);
    // The daily backup rides on the scheduled sync too (a no-op when today's is there).
    // One that fails fails the sync's exit status: a scheduled task sees it.
    let backed_up = match crate::backup::back_up_daily(store, now()) {
        Ok(_) => true,
        Err(e) => {
            eprintln!(
                "seatkeeper: {} {}",
                lang.pick("the automatic backup failed:", "la sauvegarde automatique a échoué :"),
                e.localize(lang)
            );
            false
        }
    };
    let attention = store.changes_needing_attention(None)?;
    if attention > 0 {
        println!(
            "{attention} {}",
            lang.pick(
                "change(s) failed or wait for you: see `seatkeeper status`, then `seatkeeper change retry ID` or `change dismiss ID`",
                "modification(s) en échec ou en attente de vous : voir `seatkeeper status`, puis `seatkeeper change retry ID` ou `change dismiss ID`"
            )
        );
    }
    Ok(all_sent && attention == 0 && backed_up)
}
