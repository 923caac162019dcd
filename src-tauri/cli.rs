//! The command line of the `seatkeeper` binary. With no command it opens the window;
//! the commands run headless on the same data (for scripts, tests and benchmarks).

use std::path::PathBuf;

use crate::i18n::Lang;

pub const USAGE: &str = "\
Usage: seatkeeper [--data-dir DIR] [COMMAND]

With no command, opens the Seatkeeper window.

Options:
  --data-dir DIR        keep the database in DIR instead of the app-data directory
  -h, --help            print this help
  -V, --version         print the version

Commands:
  account add --name NAME --endpoint ovh-eu|ovh-ca|ovh-us|URL --application-key AK
                                 connect an OVHcloud account; reads the application secret
                                 and the consumer key from standard input, one per line
                                 (no consumer key: asks OVHcloud for one and prints the
                                 address where you validate it)
  account list                   list the connected accounts
  sync [--account NAME] [--wait] read OVHcloud, then send the waiting changes; one sync at a
                                 time per database: with --wait, waits for one already running
  change retry ID                put a failed or parked change back in the queue
  change dismiss ID              let a failed or parked change go (it is kept in the history)
  status [--json]                what the database holds and what waits to be sent
  export --csv FILE [--group SERVICE]
                                 write licences to a CSV file (all groups without --group)
  import --csv FILE --group SERVICE
                                 activate the users of a CSV file on the group's free licences
  sample load [--payg-users N]   load the sample data (N pay-as-you-go users, default 12)
  sample remove                  remove the sample data

Exit status: 0 done (for sync: every change went through and none failed or waits for
you); 1 something failed (for sync: a change failed or waits for you, now or from an
earlier sync); 2 the command line is wrong; 3 another sync is running on this database.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Window,
    Help,
    Version,
    SampleLoad { payg_users: usize },
    SampleRemove,
    Status { json: bool },
    AccountAdd { name: String, endpoint: String, application_key: String },
    AccountList,
    Sync { account: Option<String>, wait: bool },
    ChangeRetry { id: i64 },
    ChangeDismiss { id: i64 },
    Export { csv: PathBuf, group: Option<String> },
    Import { csv: PathBuf, group: String },
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
    Unknown(String),
}

impl CliError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliError::MissingValue(opt), Lang::En) => format!("{opt} needs a value."),
            (CliError::MissingValue(opt), Lang::Fr) => format!("{opt} attend une valeur."),
            (CliError::BadNumber(v), Lang::En) => format!("“{v}” is not a whole number."),
            (CliError::BadNumber(v), Lang::Fr) => format!("« {v} » n'est pas un nombre entier."),
            (CliError::Unknown(arg), Lang::En) => format!("Unknown argument “{arg}”. See seatkeeper --help."),
            (CliError::Unknown(arg), Lang::Fr) => format!("Argument inconnu « {arg} ». Voir seatkeeper --help."),
        }
    }
}

/// The user's language as the environment says it (LC_ALL, LC_MESSAGES, LANG).
pub fn env_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Reads `--option value` pairs, accepting only `allowed` options.
fn options(
    words: &mut impl Iterator<Item = String>,
    allowed: &[&str],
) -> Result<std::collections::HashMap<String, String>, CliError> {
    let mut found = std::collections::HashMap::new();
    while let Some(word) = words.next() {
        if !allowed.contains(&word.as_str()) {
            return Err(CliError::Unknown(word));
        }
        let value = words.next().ok_or_else(|| CliError::MissingValue(word.clone()))?;
        found.insert(word, value);
    }
    Ok(found)
}

pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Cli, CliError> {
    let mut data_dir = None;
    let mut words = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data-dir" => {
                let dir = args.next().ok_or_else(|| CliError::MissingValue(arg.clone()))?;
                data_dir = Some(PathBuf::from(dir));
            }
            _ if arg.starts_with("--data-dir=") => {
                data_dir = Some(PathBuf::from(&arg["--data-dir=".len()..]));
            }
            _ => words.push(arg),
        }
    }
    let mut words = words.into_iter();
    let command = match words.next().as_deref() {
        None => Command::Window,
        Some("-h" | "--help" | "help") => Command::Help,
        Some("-V" | "--version") => Command::Version,
        Some("status") => {
            let json = match words.next().as_deref() {
                None => false,
                Some("--json") => true,
                Some(other) => return Err(CliError::Unknown(other.to_string())),
            };
            Command::Status { json }
        }
        Some("account") => match words.next().as_deref() {
            Some("add") => {
                let opts = options(&mut words, &["--name", "--endpoint", "--application-key"])?;
                let need = |k: &str| opts.get(k).cloned().ok_or_else(|| CliError::MissingValue(k.to_string()));
                Command::AccountAdd {
                    name: need("--name")?,
                    endpoint: need("--endpoint")?,
                    application_key: need("--application-key")?,
                }
            }
            Some("list") => Command::AccountList,
            Some(other) => return Err(CliError::Unknown(other.to_string())),
            None => return Err(CliError::MissingValue("account".into())),
        },
        Some("sync") => {
            let mut rest: Vec<String> = words.by_ref().collect();
            let wait = rest.iter().any(|w| w == "--wait");
            rest.retain(|w| w != "--wait");
            let opts = options(&mut rest.into_iter(), &["--account"])?;
            Command::Sync { account: opts.get("--account").cloned(), wait }
        }
        Some("change") => {
            let action = words.next();
            let id = words.next().ok_or_else(|| CliError::MissingValue("change".into()))?;
            let id = id.parse().map_err(|_| CliError::BadNumber(id.clone()))?;
            match action.as_deref() {
                Some("retry") => Command::ChangeRetry { id },
                Some("dismiss") => Command::ChangeDismiss { id },
                Some(other) => return Err(CliError::Unknown(other.to_string())),
                None => return Err(CliError::MissingValue("change".into())),
            }
        }
        Some("export") => {
            let opts = options(&mut words, &["--csv", "--group"])?;
            let csv = opts.get("--csv").ok_or_else(|| CliError::MissingValue("--csv".into()))?;
            Command::Export { csv: PathBuf::from(csv), group: opts.get("--group").cloned() }
        }
        Some("import") => {
            let opts = options(&mut words, &["--csv", "--group"])?;
            let csv = opts.get("--csv").ok_or_else(|| CliError::MissingValue("--csv".into()))?;
            let group = opts.get("--group").ok_or_else(|| CliError::MissingValue("--group".into()))?;
            Command::Import { csv: PathBuf::from(csv), group: group.clone() }
        }
        Some("sample") => match words.next().as_deref() {
            Some("load") => {
                let mut payg_users = 12;
                while let Some(opt) = words.next() {
                    match opt.as_str() {
                        "--payg-users" => {
                            let v = words.next().ok_or_else(|| CliError::MissingValue(opt.clone()))?;
                            payg_users = v.parse().map_err(|_| CliError::BadNumber(v.clone()))?;
                        }
                        _ => return Err(CliError::Unknown(opt)),
                    }
                }
                Command::SampleLoad { payg_users }
            }
            Some("remove") => Command::SampleRemove,
            Some(other) => return Err(CliError::Unknown(other.to_string())),
            None => return Err(CliError::MissingValue("sample".into())),
        },
        Some(other) => return Err(CliError::Unknown(other.to_string())),
    };
    if let Some(extra) = words.next() {
        return Err(CliError::Unknown(extra));
    }
    Ok(Cli { data_dir, command })
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
        assert_eq!(p(&["sample", "load", "--payg-users"]), Err(CliError::MissingValue("--payg-users".into())));
    }

    #[test]
    fn account_sync_export_and_import_take_their_options() {
        assert_eq!(
            p(&["account", "add", "--name", "Bureau", "--endpoint", "ovh-eu", "--application-key", "AK"]).unwrap().command,
            Command::AccountAdd { name: "Bureau".into(), endpoint: "ovh-eu".into(), application_key: "AK".into() }
        );
        assert_eq!(p(&["account", "add", "--name", "B"]), Err(CliError::MissingValue("--endpoint".into())));
        assert_eq!(p(&["sync"]).unwrap().command, Command::Sync { account: None, wait: false });
        assert_eq!(p(&["sync", "--account", "B"]).unwrap().command, Command::Sync { account: Some("B".into()), wait: false });
        assert_eq!(p(&["sync", "--wait", "--account", "B"]).unwrap().command, Command::Sync { account: Some("B".into()), wait: true });
        assert_eq!(p(&["change", "retry", "12"]).unwrap().command, Command::ChangeRetry { id: 12 });
        assert_eq!(p(&["change", "dismiss", "x"]), Err(CliError::BadNumber("x".into())));
        assert_eq!(p(&["status", "--json"]).unwrap().command, Command::Status { json: true });
        assert_eq!(
            p(&["import", "--csv", "u.csv", "--group", "g"]).unwrap().command,
            Command::Import { csv: "u.csv".into(), group: "g".into() }
        );
        assert_eq!(p(&["import", "--csv", "u.csv"]), Err(CliError::MissingValue("--group".into())));
        assert_eq!(p(&["export", "--csv", "x.csv", "--bogus", "1"]), Err(CliError::Unknown("--bogus".into())));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(p(&["--data-dir"]), Err(CliError::MissingValue("--data-dir".into())));
        assert_eq!(p(&["frobnicate"]), Err(CliError::Unknown("frobnicate".into())));
        assert_eq!(p(&["status", "extra"]), Err(CliError::Unknown("extra".into())));
        let fr = CliError::Unknown("x".into()).message(Lang::Fr);
        assert!(fr.starts_with("Argument inconnu"), "{fr}");
    }
}
