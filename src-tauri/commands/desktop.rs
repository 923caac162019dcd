//! The desktop around the data: settings (theme, updates), where the data lives, the log
//! folder and the diagnostic information, backups and restores, accounts' keys after a
//! restore, and updates. Native file dialogs are opened here, from Rust: the window
//! never names a path, so it needs no file-system or dialog permission at all.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use super::CmdResult;
use crate::backup::RestoreReport;
use crate::error::Error;
use crate::secrets::Secret;
use crate::state::{AppState, KeychainInfo, Preferences};
use crate::store::backup::{BackupInfo, EXTENSION};
use crate::store::{AccountSummary, Theme};
use crate::sync::Connected;

/// What the desktop commands remember between two calls: the backup chosen for a
/// restore (shown, then confirmed) and the update offered (shown, then installed).
#[derive(Default)]
pub struct DesktopState {
    restore_file: Mutex<Option<PathBuf>>,
    update: Mutex<Option<tauri_plugin_updater::Update>>,
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

fn internal(state: &AppState) -> impl Fn(String) -> crate::error::IpcError + '_ {
    move |detail| Error::Internal(detail).to_ipc(state.lang())
}

/// The file dialog, in front of the main window.
fn file_dialog(app: &AppHandle) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let dialog = app.dialog().file();
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

#[tauri::command(async)]
pub fn set_display(
    state: State<'_, AppState>,
    theme: Theme,
    check_updates: bool,
    system_language: String,
) -> CmdResult<Preferences> {
    state.set_display(theme, check_updates, &system_language)
}

#[tauri::command(async)]
pub fn get_keychain_info(state: State<'_, AppState>) -> KeychainInfo {
    state.keychain_info()
}

/// Where the data lives, as the Settings screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Locations {
    /// This version of Seatkeeper.
    pub app_version: String,
    pub database: String,
    pub data_dir: String,
    pub log_dir: Option<String>,
    pub backups_dir: String,
    /// The newest automatic backup.
    pub last_automatic_backup: Option<String>,
    /// The automatic backup that failed last (in the window or a scheduled sync), until
    /// one succeeds again.
    pub automatic_backup_failure: Option<crate::store::BackupFailure>,
}

#[tauri::command(async)]
pub fn get_locations(state: State<'_, AppState>) -> CmdResult<Locations> {
    state.run(|store| {
        Ok(Locations {
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            database: store.path().display().to_string(),
            data_dir: store.path().parent().map(|p| p.display().to_string()).unwrap_or_default(),
            log_dir: state.log_dir.as_ref().map(|p| p.display().to_string()),
            backups_dir: crate::backup::backups_folder(store).display().to_string(),
            last_automatic_backup: store.last_daily_backup().map(|p| p.display().to_string()),
            automatic_backup_failure: store.backup_failure()?,
        })
    })
}

/// A folder of Seatkeeper's own, opened in the file manager.
#[derive(Debug, Clone, Copy, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Folder {
    Data,
    Logs,
    Backups,
}

/// Opens one of Seatkeeper's folders (and only those) in the system's file manager.
#[tauri::command(async)]
pub fn open_folder(state: State<'_, AppState>, folder: Folder) -> CmdResult<()> {
    let path = state.run(|store| {
        Ok(match folder {
            Folder::Data => store.path().parent().map(PathBuf::from).unwrap_or_default(),
            Folder::Logs => state.log_dir.clone().unwrap_or_default(),
            Folder::Backups => crate::backup::backups_folder(store),
        })
    })?;
    std::fs::create_dir_all(&path).map_err(|e| Error::io(path.display().to_string(), e).to_ipc(state.lang()))?;
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|e| internal(&state)(e.to_string()))
}

/// What support needs to know, as plain text for the clipboard: versions, system,
/// folders, keychain, counts and the sync's state. No secret, no account name, no e-mail.
#[tauri::command(async)]
pub fn get_diagnostics(state: State<'_, AppState>) -> String {
    let webview = tauri::webview_version().unwrap_or_else(|e| format!("unknown ({e})"));
    state.diagnostics(&[("Tauri", tauri::VERSION.to_string()), ("WebView", webview)])
}

/// "Back up": asks where (a native save dialog), then writes the backup there. `None`
/// when the user cancelled.
#[tauri::command(async)]
pub fn back_up_now(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<BackupInfo>> {
    let lang = state.lang();
    let store = state.store().map_err(|e| e.to_ipc(lang))?;
    let dir = app.path().document_dir().or_else(|_| app.path().home_dir()).unwrap_or_default();
    let chosen = file_dialog(&app)
        .set_title(lang.pick("Back up Seatkeeper’s data", "Sauvegarder les données de Seatkeeper"))
        .set_directory(dir)
        .set_file_name(crate::backup::suggested_name(now()))
        .add_filter(lang.pick("Seatkeeper backup", "Sauvegarde Seatkeeper"), &[EXTENSION])
        .blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| internal(&state)(e.to_string()))?;
    crate::backup::back_up(store, &path, now()).map(Some).map_err(|e| e.to_ipc(lang))
}

/// "Restore": asks which backup (a native open dialog) and checks it; nothing is
/// restored until [`restore_backup`] confirms. `None` when the user cancelled.
#[tauri::command(async)]
pub fn choose_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    desktop: State<'_, DesktopState>,
) -> CmdResult<Option<BackupInfo>> {
    let lang = state.lang();
    let store = state.store().map_err(|e| e.to_ipc(lang))?;
    let chosen = file_dialog(&app)
        .set_title(lang.pick("Restore a backup", "Restaurer une sauvegarde"))
        .set_directory(crate::backup::backups_folder(store))
        .add_filter(lang.pick("Seatkeeper backup", "Sauvegarde Seatkeeper"), &[EXTENSION])
        .blocking_pick_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| internal(&state)(e.to_string()))?;
    let info = crate::backup::inspect(store, &path).map_err(|e| e.to_ipc(lang))?;
    *desktop.restore_file.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(info))
}

/// Restores the backup chosen with [`choose_backup`], once the user confirmed: the
/// window's syncs wait meanwhile, the database it replaces is kept aside.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, desktop: State<'_, DesktopState>) -> CmdResult<RestoreReport> {
    let lang = state.lang();
    let store = state.store().map_err(|e| e.to_ipc(lang))?;
    let file = desktop.restore_file.lock().unwrap_or_else(|p| p.into_inner()).take();
    let Some(file) = file else {
        return Err(Error::Internal("no backup was chosen".into()).to_ipc(lang));
    };
    let _no_sync = state.sync.hold().await;
    let report = crate::backup::restore(store, state.secrets(), &file, true, now()).await.map_err(|e| e.to_ipc(lang));
    drop(_no_sync);
    state.sync.nudge();
    report
}

/// The automatic backup that failed last, if none succeeded since (in the window or a
/// scheduled `seatkeeper sync`): the window says so at the bottom of every screen.
#[tauri::command(async)]
pub fn get_backup_failure(state: State<'_, AppState>) -> CmdResult<Option<crate::store::BackupFailure>> {
    state.run(|store| store.backup_failure())
}

/// The accounts whose keys the keychain does not hold (after a restore, or a reboot
/// with the kernel keyring).
#[tauri::command(async)]
pub fn accounts_needing_keys(state: State<'_, AppState>) -> CmdResult<Vec<AccountSummary>> {
    state.run_with_secrets(crate::sync::keys::accounts_needing_keys)
}

#[tauri::command]
pub async fn give_account_keys(
    state: State<'_, AppState>,
    account_id: i64,
    application_secret: String,
    consumer_key: Option<String>,
) -> CmdResult<Connected> {
    let lang = state.lang();
    let store = state.store().map_err(|e| e.to_ipc(lang))?;
    let consumer_key = consumer_key.filter(|k| !k.trim().is_empty()).map(|k| Secret::new(k.trim()));
    let connected = crate::sync::keys::give_keys_again(
        store,
        state.secrets(),
        account_id,
        Secret::new(application_secret.trim()),
        consumer_key,
    )
    .await
    .map_err(|e| e.to_ipc(lang))?;
    crate::state::record_keychain(store, state.secrets());
    state.sync.nudge();
    Ok(connected)
}

/// A newer version, as the window offers it before anything is downloaded.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    /// The release notes, as published.
    pub notes: Option<String>,
    pub date: Option<String>,
}

/// Looks for a newer version (the endpoint in tauri.conf.json); `None` when this one is
/// the latest. Nothing is downloaded.
#[tauri::command]
pub async fn check_for_update(
    app: AppHandle,
    state: State<'_, AppState>,
    desktop: State<'_, DesktopState>,
) -> CmdResult<Option<UpdateOffer>> {
    let offer = find_update(&app, &desktop).await.map_err(|e| update_error(&state, e))?;
    Ok(offer)
}

/// Checks for an update and keeps it for [`install_update`] (also used at start).
pub async fn find_update(app: &AppHandle, desktop: &DesktopState) -> Result<Option<UpdateOffer>, String> {
    use tauri_plugin_updater::UpdaterExt;
    let updater = app.updater().map_err(|e| e.to_string())?;
    let found = updater.check().await.map_err(|e| e.to_string())?;
    let offer = found.as_ref().map(|u| UpdateOffer {
        version: u.version.clone(),
        current_version: u.current_version.clone(),
        notes: u.body.clone(),
        date: u.date.and_then(|d| d.format(&time::format_description::well_known::Rfc3339).ok()),
    });
    tracing::info!(offered = offer.as_ref().map(|o| o.version.as_str()), "update check");
    *desktop.update.lock().unwrap_or_else(|p| p.into_inner()) = found;
    Ok(offer)
}

fn update_error(state: &AppState, detail: String) -> crate::error::IpcError {
    tracing::warn!(error = %detail, "update");
    crate::error::IpcError {
        code: crate::error::ErrorCode::Remote,
        message: match state.lang() {
            crate::i18n::Lang::En => {
                format!("The update could not be checked or installed: {detail}. Nothing was changed.")
            }
            crate::i18n::Lang::Fr => {
                format!("La mise à jour n'a pas pu être vérifiée ou installée : {detail}. Rien n'a été modifié.")
            }
        },
        rule: None,
        field: None,
        problems: Vec::new(),
    }
}

/// Downloads the update the user agreed to, checks its signature against the public key
/// built into the app (a bad signature is refused, nothing installed), and installs it.
/// Progress arrives as `update-progress` events (bytes so far, total if known).
#[tauri::command]
pub async fn install_update(
    app: AppHandle,
    state: State<'_, AppState>,
    desktop: State<'_, DesktopState>,
) -> CmdResult<()> {
    let update = desktop.update.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let Some(update) = update else {
        return Err(update_error(&state, "no update was offered".into()));
    };
    let mut received = 0u64;
    let bytes = update
        .download(
            |chunk, total| {
                received += chunk as u64;
                let _ = app.emit("update-progress", (received, total));
            },
            || {},
        )
        .await
        .map_err(|e| update_error(&state, e.to_string()))?;
    tracing::info!(version = %update.version, bytes = bytes.len(), "update downloaded, signature verified");
    // On Linux only a package (.deb, .rpm) knows how to replace itself: a binary run from
    // elsewhere would be overwritten by whatever was downloaded.
    if cfg!(target_os = "linux") && tauri::utils::platform::bundle_type().is_none() {
        let detail = match state.lang() {
            crate::i18n::Lang::En => "this copy of Seatkeeper was not installed from a package (.deb, .rpm): update it the way you installed it".to_string(),
            crate::i18n::Lang::Fr => "cette copie de Seatkeeper n'a pas été installée depuis un paquet (.deb, .rpm) : mettez-la à jour comme vous l'avez installée".to_string(),
        };
        return Err(update_error(&state, detail));
    }
    update.install(bytes).map_err(|e| update_error(&state, e.to_string()))?;
    tracing::info!(version = %update.version, "update installed");
    Ok(())
}

/// Starts the app again (after an update).
#[tauri::command]
pub fn restart_app(app: AppHandle) {
    app.restart();
}

/// A CSV file chosen for import: its name, its bytes (for the import itself) and what
/// importing it would do.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChosenImport {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub preview: crate::store::ImportPreview,
}

/// "Import CSV": a native open dialog, then the preview of the chosen file (nothing
/// queued). `None` when the user cancelled.
#[tauri::command(async)]
pub fn choose_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    group_id: i64,
) -> CmdResult<Option<ChosenImport>> {
    let lang = state.lang();
    let chosen = file_dialog(&app)
        .set_title(lang.pick("Import users from a CSV file", "Importer des utilisateurs depuis un fichier CSV"))
        .add_filter("CSV", &["csv", "txt", "tsv"])
        .blocking_pick_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| internal(&state)(e.to_string()))?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io(path.display().to_string(), e).to_ipc(lang))?;
    let preview = state.run(|store| store.import_preview(group_id, &bytes, lang))?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(ChosenImport { file_name, bytes, preview }))
}

/// "Export": the licences (all, or `licence_ids`) to a file the user chooses in a native
/// save dialog, CSV or an Excel workbook as the chosen file's extension says. Returns its
/// path, or `None` when the user cancelled.
#[tauri::command(async)]
pub fn export_licences(
    app: AppHandle,
    state: State<'_, AppState>,
    group_id: i64,
    licence_ids: Option<Vec<i64>>,
) -> CmdResult<Option<String>> {
    let lang = state.lang();
    let group = state.run(|store| Ok(store.group_overview(group_id)?.group))?;
    let dir = app.path().download_dir().or_else(|_| app.path().home_dir()).unwrap_or_default();
    let chosen = file_dialog(&app)
        .set_title(lang.pick("Export licences", "Exporter les licences"))
        .set_directory(dir)
        .set_file_name(crate::csv_io::export_file_name(&group.service_name, now()))
        .add_filter("CSV", &["csv"])
        .add_filter(lang.pick("Excel workbook (.xlsx)", "Classeur Excel (.xlsx)"), &["xlsx"])
        .blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| internal(&state)(e.to_string()))?;
    let format = crate::csv_io::ExportFormat::for_file(&path);
    let bytes = state.run(|store| store.export_licences(group_id, licence_ids.as_deref(), lang, format))?;
    crate::csv_io::write_file(&path, &bytes).map_err(|e| e.to_ipc(lang))?;
    Ok(Some(path.display().to_string()))
}
