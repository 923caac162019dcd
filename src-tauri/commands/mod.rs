//! The Tauri commands: thin glue between the window and the store. Each one takes the
//! state it needs, calls one function, and returns its result or an [`IpcError`]
//! (already translated). No rule lives here.

mod app;
mod desktop;
mod groups;
mod installs;
mod licences;
mod lifecycle;
mod names;
mod orders;
mod reminders;
mod sync;

pub use app::*;
pub use desktop::*;
pub use groups::*;
pub use installs::*;
pub use licences::*;
pub use lifecycle::*;
pub use names::COMMAND_NAMES;
pub use orders::*;
pub use reminders::*;
pub use sync::*;

use crate::error::IpcError;

pub type CmdResult<T> = Result<T, IpcError>;

/// The invoke handler with every command. Keep in step with `COMMAND_NAMES`
/// (names.rs) and src-tauri/permissions/app-commands.toml (a test checks).
#[macro_export]
macro_rules! app_invoke_handler {
    () => {
        tauri::generate_handler![
            $crate::commands::get_app_status,
            $crate::commands::start_window,
            $crate::commands::set_language,
            $crate::commands::list_groups,
            $crate::commands::get_group_overview,
            $crate::commands::refresh_group,
            $crate::commands::rename_group,
            $crate::commands::list_licences,
            $crate::commands::list_history,
            $crate::commands::load_sample_data,
            $crate::commands::remove_sample_data,
            $crate::commands::open_external,
            $crate::commands::report_first_paint,
            $crate::commands::get_usage,
            $crate::commands::get_licence,
            $crate::commands::activate_licence,
            $crate::commands::add_user,
            $crate::commands::edit_account,
            $crate::commands::check_password,
            $crate::commands::change_password,
            $crate::commands::free_licences,
            $crate::commands::export_licences,
            $crate::commands::choose_import_file,
            $crate::commands::import_users,
            $crate::commands::list_installs,
            $crate::commands::add_install,
            $crate::commands::sign_out_install,
            $crate::commands::list_accounts,
            $crate::commands::get_catalog,
            $crate::commands::quote_order,
            $crate::commands::place_order,
            $crate::commands::list_open_orders,
            $crate::commands::list_pending_changes,
            $crate::commands::undo_change,
            $crate::commands::retry_change,
            $crate::commands::dismiss_change,
            $crate::commands::set_password_again,
            $crate::commands::connect_account,
            $crate::commands::connect_demo,
            $crate::commands::disconnect_account,
            $crate::commands::sync_now,
            $crate::commands::get_sync_status,
            $crate::commands::pay_demo_order,
            $crate::commands::signatory_defaults,
            $crate::commands::create_attestation,
            $crate::commands::open_attestation,
            $crate::commands::demo_sign_attestation,
            $crate::commands::accept_agreement,
            $crate::commands::review_renewal,
            $crate::commands::set_renewal,
            $crate::commands::request_termination,
            $crate::commands::review_termination,
            $crate::commands::confirm_termination,
            $crate::commands::list_reminders,
            $crate::commands::dismiss_reminder,
            $crate::commands::get_reminder_settings,
            $crate::commands::set_reminder_settings,
            $crate::commands::set_free_seats_alert,
            $crate::commands::set_display,
            $crate::commands::get_keychain_info,
            $crate::commands::get_locations,
            $crate::commands::open_folder,
            $crate::commands::get_diagnostics,
            $crate::commands::back_up_now,
            $crate::commands::choose_backup,
            $crate::commands::restore_backup,
            $crate::commands::get_backup_failure,
            $crate::commands::accounts_needing_keys,
            $crate::commands::give_account_keys,
            $crate::commands::check_for_update,
            $crate::commands::install_update,
            $crate::commands::restart_app,
        ]
    };
}
