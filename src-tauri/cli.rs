//! The command line of the `seatkeeper` binary, on clap (derive). With no command it
//! opens the window; the commands run headless on the same data (for scripts, tests and
//! benchmarks). `--help` works for every subcommand; mistakes are said in the user's
//! language and exit with status 2.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};

use crate::csv_io::ExportFormat;
use crate::i18n::Lang;

/// Offline-first desktop manager for OVHcloud Microsoft 365 licence groups. With no
/// command, opens the Seatkeeper window.
#[derive(Debug, Parser)]
#[command(
    name = "seatkeeper",
    version,
    after_help = "Exit status: 0 done (for sync: every change went through and none failed or waits for you); \
                  1 something failed (for sync: a change failed or waits for you, now or from an earlier sync); \
                  2 the command line is wrong; 3 another sync is running on this database."
)]
struct Args {
    /// Keep the database in DIR instead of the app-data directory.
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Top>,
}

#[derive(Debug, Subcommand)]
enum Top {
    /// OVHcloud accounts.
    #[command(subcommand)]
    Account(AccountCmd),
    /// Read OVHcloud, then send the waiting changes (one sync at a time per database).
    Sync {
        /// Only this account (its name).
        #[arg(long, value_name = "NAME")]
        account: Option<String>,
        /// Wait for a sync already running instead of exiting with status 3.
        #[arg(long)]
        wait: bool,
    },
    /// What the database holds and what waits to be sent.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// A pending change that failed or waits for you.
    #[command(subcommand)]
    Change(ChangeCmd),
    /// Write licences to a CSV file or an Excel workbook (every group without --group, with
    /// account and group columns).
    #[command(group = clap::ArgGroup::new("file").required(true).args(["csv", "xlsx"]))]
    Export {
        /// A CSV file as spreadsheets in your language open it (UTF-8; `;`-separated in
        /// French, `,` in English).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// An Excel workbook (.xlsx).
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "SERVICE")]
        group: Option<String>,
    },
    /// Activate the users of a CSV file on the group's free licences (UTF-8, UTF-16 or
    /// Windows-1252; separated by `,`, `;` or tabs).
    Import {
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
        #[arg(long, value_name = "SERVICE")]
        group: String,
    },
    /// The sample data.
    #[command(subcommand)]
    Sample(SampleCmd),
    /// A prepaid group's Microsoft Customer Agreement.
    #[command(subcommand)]
    Agreement(AgreementCmd),
    /// How a group renews.
    #[command(subcommand)]
    Renewal(RenewalCmd),
    /// Terminate a prepaid licence: without --confirm, asks OVHcloud, which e-mails a
    /// token; with --confirm TOKEN, queues the termination (sent by the next sync).
    Terminate {
        /// The licence's OVHcloud name ({group}-{number}).
        #[arg(long, value_name = "SERVICE")]
        licence: String,
        /// The token of OVHcloud's termination e-mail.
        #[arg(long, value_name = "TOKEN")]
        confirm: Option<String>,
        /// Why (OVHcloud's list, e.g. NOT_NEEDED_ANYMORE, TOO_EXPENSIVE).
        #[arg(long, value_name = "REASON", requires = "confirm")]
        reason: Option<String>,
        /// What replaces it (e.g. NOT_REPLACING_SERVICE).
        #[arg(long, value_name = "USE", requires = "confirm")]
        future_use: Option<String>,
        #[arg(long, value_name = "TEXT", requires = "confirm")]
        comment: Option<String>,
    },
    /// Write a backup of the database to FILE (a consistent copy, even while a sync runs;
    /// secrets are not in it).
    Backup {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace the database with the backup in FILE, once checked; the current database is
    /// kept in the backups folder, and accounts need their keys again.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AgreementCmd {
    /// Fill in the signatory form: OVHcloud answers the address where the agreement is
    /// signed, which is printed.
    Sign {
        #[arg(long, value_name = "SERVICE")]
        group: String,
        #[arg(long, value_name = "NAME")]
        company: String,
        /// ISO 3166 country code (FR, BE, CA…).
        #[arg(long, value_name = "CC")]
        country: String,
        /// OVHcloud's language code (fr_FR, en_GB…).
        #[arg(long, value_name = "LANG")]
        language: String,
        #[arg(long, value_name = "F")]
        first_name: String,
        #[arg(long, value_name = "L")]
        last_name: String,
        #[arg(long, value_name = "E")]
        email: String,
        #[arg(long, value_name = "P")]
        phone: String,
    },
    /// Once signed: queue the acceptance (sent by the next sync, then followed).
    Accept {
        #[arg(long, value_name = "SERVICE")]
        group: String,
    },
}

/// `on` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Subcommand)]
enum RenewalCmd {
    /// Queue a new renewal for a group (sent by the next sync); what is not given stays.
    Set {
        #[arg(long, value_name = "SERVICE")]
        group: String,
        /// Renew by itself at each expiration.
        #[arg(long, value_enum)]
        automatic: Option<OnOff>,
        /// Months between renewals (among those OVHcloud offers).
        #[arg(long, value_name = "MONTHS")]
        period: Option<i64>,
        /// Stop at the next expiration (the group is deleted then).
        #[arg(long, value_enum)]
        delete_at_expiration: Option<OnOff>,
    },
}

#[derive(Debug, Subcommand)]
enum AccountCmd {
    /// Connect an OVHcloud account. Reads the application secret and the consumer key
    /// from standard input, one per line; with no consumer key, asks OVHcloud for one
    /// and prints the address where you allow Seatkeeper.
    Add {
        #[arg(long)]
        name: String,
        /// ovh-eu, ovh-ca, ovh-us, or an https base URL.
        #[arg(long)]
        endpoint: String,
        #[arg(long, value_name = "AK")]
        application_key: String,
    },
    /// List the connected accounts.
    List,
    /// Give an account its keys again (after a restore, or a reboot with the kernel
    /// keyring): reads the application secret and the consumer key from standard input,
    /// one per line; with no consumer key, asks OVHcloud for one.
    Keys {
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum ChangeCmd {
    /// Put a failed or parked change back in the queue.
    Retry { id: i64 },
    /// Let a failed or parked change go (it stays in the history).
    Dismiss { id: i64 },
}

#[derive(Debug, Subcommand)]
enum SampleCmd {
    /// Load the sample data.
    Load {
        /// Pay-as-you-go users in the sample.
        #[arg(long, value_name = "N", default_value_t = 12)]
        payg_users: usize,
    },
    /// Remove the sample data.
    Remove,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Window,
    /// `--help` (of the binary or of a subcommand): the text to print.
    Help(String),
    Version(String),
    SampleLoad {
        payg_users: usize,
    },
    SampleRemove,
    Status {
        json: bool,
    },
    AccountAdd {
        name: String,
        endpoint: String,
        application_key: String,
    },
    AccountList,
    AccountKeys {
        name: String,
    },
    Backup {
        file: PathBuf,
    },
    Restore {
        file: PathBuf,
    },
    Sync {
        account: Option<String>,
        wait: bool,
    },
    ChangeRetry {
        id: i64,
    },
    ChangeDismiss {
        id: i64,
    },
    Export {
        file: PathBuf,
        format: ExportFormat,
        group: Option<String>,
    },
    Import {
        csv: PathBuf,
        group: String,
    },
    AgreementSign {
        group: String,
        signatory: crate::domain::SignatoryInput,
    },
    AgreementAccept {
        group: String,
    },
    RenewalSet {
        group: String,
        automatic: Option<bool>,
        period: Option<i64>,
        delete_at_expiration: Option<bool>,
    },
    Terminate {
        licence: String,
        confirm: Option<String>,
        reason: Option<String>,
        future_use: Option<String>,
        comment: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cli {
    pub data_dir: Option<PathBuf>,
    pub command: Command,
}

/// A command-line mistake, said in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    MissingValue(String),
    BadNumber(String),
    /// A value not among those allowed (`on`/`off`…): the value and the allowed ones.
    BadChoice(String, String),
    Unknown(String),
    /// Options of which exactly one must be given (none or several were).
    OneOf(Vec<String>),
}

impl CliError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliError::MissingValue(opt), Lang::En) => format!("{opt} needs a value. See seatkeeper --help."),
            (CliError::MissingValue(opt), Lang::Fr) => format!("{opt} attend une valeur. Voir seatkeeper --help."),
            (CliError::BadNumber(v), Lang::En) => format!("“{v}” is not a whole number."),
            (CliError::BadNumber(v), Lang::Fr) => format!("« {v} » n'est pas un nombre entier."),
            (CliError::BadChoice(v, allowed), Lang::En) => format!("“{v}” is not one of: {allowed}."),
            (CliError::BadChoice(v, allowed), Lang::Fr) => format!("« {v} » ne fait pas partie de : {allowed}."),
            (CliError::Unknown(arg), Lang::En) => format!("Unknown argument “{arg}”. See seatkeeper --help."),
            (CliError::Unknown(arg), Lang::Fr) => format!("Argument inconnu « {arg} ». Voir seatkeeper --help."),
            (CliError::OneOf(options), Lang::En) => {
                format!("Give exactly one of {}. See seatkeeper --help.", options.join(", "))
            }
            (CliError::OneOf(options), Lang::Fr) => {
                format!("Donnez une et une seule de ces options : {}. Voir seatkeeper --help.", options.join(", "))
            }
        }
    }
}

/// The user's language as the environment says it (LC_ALL, LC_MESSAGES, LANG).
pub fn env_lang() -> Lang {
    asked_lang().or_else(system_lang).unwrap_or_default()
}

/// The language the environment asks for, as on Unix: `LC_ALL`, `LC_MESSAGES`, `LANG`.
/// What a script or a terminal says wins over everything else.
pub fn asked_lang() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .map(|tag| Lang::from_tag(&tag))
}

/// The system's display language. Windows gives a Command Prompt, PowerShell or a
/// scheduled task no `LANG` (nor does macOS to a launchd agent): the OS is asked.
fn system_lang() -> Option<Lang> {
    sys_locale::get_locale().map(|tag| Lang::from_tag(&tag))
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// clap's mistake, as one of ours (so it can be said in French too).
fn mistake(e: &clap::Error) -> CliError {
    // "<--csv <FILE>|--xlsx <FILE>>" (a required group), "--csv <FILE>": the options' names.
    let names = |arg: &str| -> Vec<String> {
        arg.trim_start_matches('<')
            .split('|')
            .filter_map(|a| a.split_whitespace().next())
            .map(|a| a.trim_end_matches('>').to_string())
            .collect()
    };
    match e.kind() {
        ErrorKind::MissingRequiredArgument if context(e, ContextKind::InvalidArg).contains('|') => {
            CliError::OneOf(names(&context(e, ContextKind::InvalidArg)))
        }
        ErrorKind::ArgumentConflict => {
            let mut options = names(&context(e, ContextKind::InvalidArg));
            options.extend(names(&context(e, ContextKind::PriorArg)));
            CliError::OneOf(options)
        }
        ErrorKind::MissingRequiredArgument
        | ErrorKind::MissingSubcommand
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let what = context(e, ContextKind::InvalidArg);
            CliError::MissingValue(if what.is_empty() { "the command".into() } else { what })
        }
        ErrorKind::InvalidValue if context(e, ContextKind::InvalidValue).is_empty() => {
            CliError::MissingValue(context(e, ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue if !context(e, ContextKind::ValidValue).is_empty() => {
            CliError::BadChoice(context(e, ContextKind::InvalidValue), context(e, ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation | ErrorKind::InvalidValue => {
            CliError::BadNumber(context(e, ContextKind::InvalidValue))
        }
        ErrorKind::InvalidSubcommand => CliError::Unknown(context(e, ContextKind::InvalidSubcommand)),
        _ => {
            let arg = context(e, ContextKind::InvalidArg);
            CliError::Unknown(if arg.is_empty() { e.kind().to_string() } else { arg })
        }
    }
}

pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Cli, CliError> {
    let args = std::iter::once("seatkeeper".to_string()).chain(args);
    let parsed = match Args::try_parse_from(args) {
        Ok(parsed) => parsed,
        Err(e) if e.kind() == ErrorKind::DisplayHelp => {
            return Ok(Cli { data_dir: None, command: Command::Help(e.render().to_string()) });
        }
        Err(e) if e.kind() == ErrorKind::DisplayVersion => {
            return Ok(Cli { data_dir: None, command: Command::Version(e.render().to_string()) });
        }
        Err(e) => return Err(mistake(&e)),
    };
    let command = match parsed.command {
        None => Command::Window,
        Some(Top::Account(AccountCmd::Add { name, endpoint, application_key })) => {
            Command::AccountAdd { name, endpoint, application_key }
        }
        Some(Top::Account(AccountCmd::List)) => Command::AccountList,
        Some(Top::Account(AccountCmd::Keys { name })) => Command::AccountKeys { name },
        Some(Top::Backup { file }) => Command::Backup { file },
        Some(Top::Restore { file }) => Command::Restore { file },
        Some(Top::Sync { account, wait }) => Command::Sync { account, wait },
        Some(Top::Status { json }) => Command::Status { json },
        Some(Top::Change(ChangeCmd::Retry { id })) => Command::ChangeRetry { id },
        Some(Top::Change(ChangeCmd::Dismiss { id })) => Command::ChangeDismiss { id },
        Some(Top::Export { csv, xlsx, group }) => match (csv, xlsx) {
            (Some(file), None) => Command::Export { file, format: ExportFormat::Csv, group },
            (None, Some(file)) => Command::Export { file, format: ExportFormat::Xlsx, group },
            // clap's group has refused the others already.
            _ => return Err(CliError::OneOf(vec!["--csv".into(), "--xlsx".into()])),
        },
        Some(Top::Import { csv, group }) => Command::Import { csv, group },
        Some(Top::Sample(SampleCmd::Load { payg_users })) => Command::SampleLoad { payg_users },
        Some(Top::Sample(SampleCmd::Remove)) => Command::SampleRemove,
        Some(Top::Agreement(AgreementCmd::Sign {
            group,
            company,
            country,
            language,
            first_name,
            last_name,
            email,
            phone,
        })) => Command::AgreementSign {
            group,
            signatory: crate::domain::SignatoryInput {
                company_name: company,
                country,
                language,
                first_name,
                last_name,
                email,
                phone,
            },
        },
        Some(Top::Agreement(AgreementCmd::Accept { group })) => Command::AgreementAccept { group },
        Some(Top::Renewal(RenewalCmd::Set { group, automatic, period, delete_at_expiration })) => Command::RenewalSet {
            group,
            automatic: automatic.map(|v| v == OnOff::On),
            period,
            delete_at_expiration: delete_at_expiration.map(|v| v == OnOff::On),
        },
        Some(Top::Terminate { licence, confirm, reason, future_use, comment }) => {
            Command::Terminate { licence, confirm, reason, future_use, comment }
        }
    };
    Ok(Cli { data_dir: parsed.data_dir, command })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Cli, CliError> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn no_arguments_open_the_window() {
        assert_eq!(p(&[]).unwrap(), Cli { data_dir: None, command: Command::Window });
    }

    #[test]
    fn data_dir_goes_anywhere() {
        let cli = p(&["--data-dir", "/tmp/x", "sample", "load"]).unwrap();
        assert_eq!(cli.data_dir, Some(PathBuf::from("/tmp/x")));
        assert_eq!(cli.command, Command::SampleLoad { payg_users: 12 });
        let cli = p(&["status", "--data-dir=/d"]).unwrap();
        assert_eq!(cli.data_dir, Some(PathBuf::from("/d")));
        assert_eq!(cli.command, Command::Status { json: false });
    }

    #[test]
    fn sample_size_is_a_number() {
        assert_eq!(
            p(&["sample", "load", "--payg-users", "9970"]).unwrap().command,
            Command::SampleLoad { payg_users: 9970 }
        );
        assert_eq!(p(&["sample", "load", "--payg-users", "ten"]), Err(CliError::BadNumber("ten".into())));
        assert!(matches!(p(&["sample", "load", "--payg-users"]), Err(CliError::MissingValue(_))));
    }

    #[test]
    fn account_sync_export_and_import_take_their_options() {
        assert_eq!(
            p(&["account", "add", "--name", "Bureau", "--endpoint", "ovh-eu", "--application-key", "AK"])
                .unwrap()
                .command,
            Command::AccountAdd { name: "Bureau".into(), endpoint: "ovh-eu".into(), application_key: "AK".into() }
        );
        assert!(
            matches!(p(&["account", "add", "--name", "B"]), Err(CliError::MissingValue(m)) if m.contains("--endpoint"))
        );
        assert_eq!(p(&["sync"]).unwrap().command, Command::Sync { account: None, wait: false });
        assert_eq!(
            p(&["sync", "--account", "B"]).unwrap().command,
            Command::Sync { account: Some("B".into()), wait: false }
        );
        assert_eq!(
            p(&["sync", "--wait", "--account", "B"]).unwrap().command,
            Command::Sync { account: Some("B".into()), wait: true }
        );
        assert_eq!(p(&["change", "retry", "12"]).unwrap().command, Command::ChangeRetry { id: 12 });
        assert_eq!(p(&["change", "dismiss", "x"]), Err(CliError::BadNumber("x".into())));
        assert_eq!(p(&["status", "--json"]).unwrap().command, Command::Status { json: true });
        assert_eq!(
            p(&["import", "--csv", "u.csv", "--group", "g"]).unwrap().command,
            Command::Import { csv: "u.csv".into(), group: "g".into() }
        );
        assert!(matches!(p(&["import", "--csv", "u.csv"]), Err(CliError::MissingValue(m)) if m.contains("--group")));
        assert_eq!(p(&["export", "--csv", "x.csv", "--bogus", "1"]), Err(CliError::Unknown("--bogus".into())));
        assert_eq!(
            p(&["export", "--xlsx", "x.xlsx", "--group", "g"]).unwrap().command,
            Command::Export { file: "x.xlsx".into(), format: ExportFormat::Xlsx, group: Some("g".into()) }
        );
        assert_eq!(
            p(&["export", "--csv", "x.csv"]).unwrap().command,
            Command::Export { file: "x.csv".into(), format: ExportFormat::Csv, group: None }
        );
        let one_of = Err(CliError::OneOf(vec!["--csv".into(), "--xlsx".into()]));
        assert_eq!(p(&["export", "--group", "g"]), one_of, "neither");
        let both = p(&["export", "--xlsx", "x.xlsx", "--csv", "x.csv"]);
        assert!(matches!(&both, Err(CliError::OneOf(o)) if o.len() == 2 && o.contains(&"--csv".into())), "{both:?}");
        assert!(matches!(p(&["export", "--xlsx"]), Err(CliError::MissingValue(m)) if m.contains("--xlsx")));
        let fr = CliError::OneOf(vec!["--csv".into(), "--xlsx".into()]).message(Lang::Fr);
        assert!(fr.contains("une et une seule") && fr.contains("--csv, --xlsx"), "{fr}");
        assert_eq!(p(&["backup", "b.skbackup"]).unwrap().command, Command::Backup { file: "b.skbackup".into() });
        assert_eq!(p(&["restore", "b.skbackup"]).unwrap().command, Command::Restore { file: "b.skbackup".into() });
        assert!(matches!(p(&["restore"]), Err(CliError::MissingValue(_))));
        assert_eq!(
            p(&["account", "keys", "--name", "Bureau"]).unwrap().command,
            Command::AccountKeys { name: "Bureau".into() }
        );
    }

    #[test]
    fn the_workflow_commands_take_their_options() {
        let sign = p(&[
            "agreement",
            "sign",
            "--group",
            "g",
            "--company",
            "Contoso",
            "--country",
            "FR",
            "--language",
            "fr_FR",
            "--first-name",
            "Camille",
            "--last-name",
            "Martin",
            "--email",
            "c@x.fr",
            "--phone",
            "+33 1",
        ])
        .unwrap()
        .command;
        assert!(matches!(sign, Command::AgreementSign { ref signatory, .. } if signatory.company_name == "Contoso"));
        assert!(matches!(p(&["agreement", "sign", "--group", "g"]), Err(CliError::MissingValue(_))));
        assert_eq!(
            p(&["renewal", "set", "--group", "g", "--automatic", "off", "--period", "12"]).unwrap().command,
            Command::RenewalSet {
                group: "g".into(),
                automatic: Some(false),
                period: Some(12),
                delete_at_expiration: None
            }
        );
        assert!(matches!(
            p(&["renewal", "set", "--group", "g", "--automatic", "maybe"]),
            Err(CliError::BadChoice(v, allowed)) if v == "maybe" && allowed.contains("on")
        ));
        assert_eq!(
            p(&["terminate", "--licence", "l-1", "--confirm", "abc", "--reason", "TOO_EXPENSIVE"]).unwrap().command,
            Command::Terminate {
                licence: "l-1".into(),
                confirm: Some("abc".into()),
                reason: Some("TOO_EXPENSIVE".into()),
                future_use: None,
                comment: None
            }
        );
        assert!(
            p(&["terminate", "--licence", "l-1", "--reason", "TOO_EXPENSIVE"]).is_err(),
            "a reason needs --confirm"
        );
        let fr = CliError::BadChoice("peut-être".into(), "on, off".into()).message(Lang::Fr);
        assert!(fr.contains("ne fait pas partie"), "{fr}");
    }

    #[test]
    fn mistakes_are_named() {
        assert!(matches!(p(&["--data-dir"]), Err(CliError::MissingValue(m)) if m.contains("--data-dir")));
        assert_eq!(p(&["frobnicate"]), Err(CliError::Unknown("frobnicate".into())));
        assert_eq!(p(&["status", "extra"]), Err(CliError::Unknown("extra".into())));
        let fr = CliError::Unknown("x".into()).message(Lang::Fr);
        assert!(fr.starts_with("Argument inconnu"), "{fr}");
    }

    #[test]
    fn every_subcommand_has_help_and_the_binary_a_version() {
        for args in [&["--help"][..], &["sync", "--help"], &["account", "add", "--help"], &["change", "--help"]] {
            match p(args).unwrap().command {
                Command::Help(text) => assert!(text.contains("Usage:"), "{args:?}: {text}"),
                other => panic!("{args:?}: {other:?}"),
            }
        }
        assert!(
            matches!(p(&["--version"]).unwrap().command, Command::Version(v) if v.contains(env!("CARGO_PKG_VERSION")))
        );
    }
}
