//! The TypeScript types of everything that crosses IPC, generated from the Rust types
//! into `ui/src/lib/bindings.ts`. The test fails when the committed file drifts;
//! `UPDATE_BINDINGS=1 cargo test bindings` rewrites it.

use ts_rs::{Config, TS};

fn render() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out =
        String::from("// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test bindings`. Do not edit.\n");
    macro_rules! export {
        ($($t:ty),* $(,)?) => {$(
            out.push_str("\nexport ");
            out.push_str(&<$t as TS>::decl(&cfg));
            out.push('\n');
        )*};
    }
    export!(
        crate::i18n::Lang,
        crate::domain::Field,
        crate::domain::LicenceType,
        crate::domain::GroupFamily,
        crate::domain::DeviceKind,
        crate::domain::InstallCounts,
        crate::domain::LicenceBlock,
        crate::domain::PasswordCheck,
        crate::error::ErrorCode,
        crate::error::FieldProblem,
        crate::error::IpcError,
        crate::domain::AccountInput,
        crate::store::Theme,
        crate::state::Preferences,
        crate::state::WindowStart,
        crate::secrets::Backend,
        crate::state::KeychainInfo,
        crate::store::AppStatus,
        crate::store::GroupSummary,
        crate::store::Money,
        crate::store::TypeCounts,
        crate::store::orders::OrderState,
        crate::store::OrderSummary,
        crate::store::Capacity,
        crate::store::GroupOverview,
        crate::store::GroupPart,
        crate::store::StalePart,
        crate::store::LicenceRow,
        crate::store::Origin,
        crate::store::HistoryEntry,
        crate::store::sample::SampleReport,
        crate::store::PasswordSet,
        crate::store::HistoryFilter,
        crate::store::ChangeKind,
        crate::store::ChangeState,
        crate::sync::PlannedRequest,
        crate::store::changes::ParkReason,
        crate::store::changes::ChangeError,
        crate::sync::PendingChange,
        crate::store::Install,
        crate::store::UserInstalls,
        crate::store::AccountSummary,
        crate::store::CatalogEntry,
        crate::store::OrderRequest,
        crate::store::OrderQuote,
        crate::store::OpenOrder,
        crate::store::UsagePeriod,
        crate::store::UsagePoint,
        crate::store::UsageSeries,
        crate::csv_io::ImportRow,
        crate::store::ImportPreview,
        crate::sync::Phase,
        crate::sync::Progress,
        crate::sync::ChangeOutcome,
        crate::sync::StaleGroup,
        crate::sync::SyncReport,
        crate::sync::SyncStatus,
        crate::sync::Connected,
        crate::domain::SignatoryInput,
        crate::domain::RenewalMode,
        crate::domain::Renewal,
        crate::domain::RenewalInput,
        crate::domain::RenewalSettings,
        crate::domain::TerminationReason,
        crate::domain::TerminationFutureUse,
        crate::domain::TerminationInput,
        crate::store::Termination,
        crate::store::GroupDomain,
        crate::sync::RenewalReview,
        crate::sync::TerminationReview,
        crate::sync::AttestationStep,
        crate::sync::TerminationStep,
        crate::domain::ReminderKind,
        crate::store::Reminder,
        crate::store::ReminderSettings,
        crate::rules::OfferRules,
        crate::rules::RegionRules,
        crate::rules::Links,
        crate::rules::Rules,
        crate::store::backup::BackupKind,
        crate::store::backup::BackupManifest,
        crate::store::backup::BackupInfo,
        crate::store::BackupFailure,
        crate::backup::RestoreReport,
        crate::commands::Locations,
        crate::commands::Folder,
        crate::commands::UpdateOffer,
        crate::commands::ChosenImport,
    );
    // The commands the window may call, so a wrapper can only name one of them.
    let names: Vec<String> = crate::commands::COMMAND_NAMES.iter().map(|n| format!("'{n}'")).collect();
    out.push_str(&format!(
        "\n/** The app's commands (`src-tauri/commands/names.rs`). */\nexport type CommandName = {};\n",
        names.join(" | ")
    ));
    // The rules themselves, so the UI reads them instead of copying them.
    let rules = serde_json::to_string_pretty(&crate::rules::rules()).expect("rules serialize");
    out.push_str(&format!(
        "\n/** The rules the window shows, from Rust (`src-tauri/rules.rs`). */\nexport const RULES: Rules = {rules};\n"
    ));
    out
}

#[test]
fn bindings_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let fresh = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust types; run `UPDATE_BINDINGS=1 cargo test bindings` and commit it"
    );
}
