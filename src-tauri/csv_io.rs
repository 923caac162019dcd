//! CSV of licences: the export of a group's licence list, and the reading of a file of
//! users to activate. Pure functions over bytes and rows; the store decides what is
//! queued. Files are UTF-8 (a byte-order mark is accepted), comma- or
//! semicolon-separated (spreadsheets in French use semicolons), with a header row.

use serde::Serialize;
use ts_rs::TS;

pub use crate::domain::FileProblem;
use crate::domain::{AccountInput, LicenceType, RuleError, check_account};
use crate::i18n::Lang;

/// At most this many rows are read from one file.
pub const MAX_IMPORT_ROWS: usize = 10_000;

/// One row of a file to import, checked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The row's line in the file (the header is line 1).
    pub line: u32,
    pub first_name: String,
    pub last_name: String,
    pub login: String,
    pub usage_location: String,
    /// The rules the row breaks, in the user's language; empty when it is accepted.
    pub problems: Vec<String>,
}

/// A row as read, before the store's checks (free login, …).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    pub line: u32,
    pub input: AccountInput,
    pub problems: Vec<RuleError>,
}

fn normalise_header(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn column_of(header: &str) -> Option<&'static str> {
    match normalise_header(header).as_str() {
        "firstname" | "prenom" | "givenname" => Some("first name"),
        "lastname" | "nom" | "surname" | "familyname" | "name" => Some("last name"),
        "login" | "identifiant" | "username" | "user" => Some("login"),
        "activationemail" | "email" | "mail" | "adresseemail" | "emaildactivation" => Some("email"),
        "usagelocation" | "country" | "pays" | "paysdutilisation" => Some("usage location"),
        _ => None,
    }
}

/// Reads a CSV file of users. Rows that break a rule are kept with their problems;
/// a file that cannot be read at all is refused whole. A missing usage location
/// takes `default_location`.
pub fn parse_users(bytes: &[u8], default_location: &str) -> Result<Vec<ParsedRow>, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        FileProblem::NotUtf8 { line }
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| FileProblem::Malformed { line: 1 })?.clone();
    let find = |name: &str| headers.iter().position(|h| column_of(h) == Some(name));
    let (first, last, login, email, location) =
        (find("first name"), find("last name"), find("login"), find("email"), find("usage location"));
    let mut missing = Vec::new();
    if first.is_none() {
        missing.push("first name");
    }
    if last.is_none() {
        missing.push("last name");
    }
    if login.is_none() && email.is_none() {
        missing.push("login");
    }
    if !missing.is_empty() {
        return Err(FileProblem::MissingColumns(missing));
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index as u32 + 2;
        let record = record.map_err(|_| FileProblem::Malformed { line: line as usize })?;
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        if rows.len() == MAX_IMPORT_ROWS {
            let total = MAX_IMPORT_ROWS + 1 + reader.records().count();
            return Err(FileProblem::TooManyRows { rows: total, max: MAX_IMPORT_ROWS });
        }
        let get = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or_default().to_string();
        let login = match login {
            Some(_) => get(login),
            // From an activation e-mail, the login is its local part.
            None => get(email).split('@').next().unwrap_or_default().to_string(),
        };
        let location = Some(get(location)).filter(|l| !l.is_empty()).unwrap_or_else(|| default_location.to_string());
        let input = AccountInput {
            first_name: get(first),
            last_name: get(last),
            login,
            usage_location: location,
            domain: None,
        };
        let (input, problems) = match check_account(&input) {
            Ok(tidy) => (tidy, Vec::new()),
            Err(problems) => (input, problems),
        };
        rows.push(ParsedRow { line, input, problems });
    }
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(rows)
}

/// A cell as a spreadsheet will read it: text that would start a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return first) gets a leading `'`, so opening an
/// export never runs what someone typed into a name at OVHcloud.
pub fn safe_cell(value: &str) -> std::borrow::Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{value}")),
        _ => std::borrow::Cow::Borrowed(value),
    }
}

/// One licence as an export shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportRow {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub activation_email: Option<String>,
    pub licence_type: Option<LicenceType>,
    /// OVHcloud's state, or `notConfigured` for an empty slot.
    pub state: String,
    pub computers: u32,
    pub tablets: u32,
    pub phones: u32,
    pub has_pending_change: bool,
}

/// Which account and group the rows of a several-group export belong to.
pub struct ExportGroup<'a> {
    pub account: &'a str,
    pub group: &'a str,
    pub rows: &'a [ExportRow],
}

fn licence_header(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::En => [
            "First name",
            "Last name",
            "Activation e-mail",
            "Licence type",
            "State",
            "Computers",
            "Tablets",
            "Phones",
            "Pending change",
        ],
        Lang::Fr => [
            "Prénom",
            "Nom",
            "E-mail d'activation",
            "Type de licence",
            "État",
            "Ordinateurs",
            "Tablettes",
            "Téléphones",
            "Modification en attente",
        ],
    }
}

fn licence_cells(row: &ExportRow, lang: Lang) -> Vec<String> {
    [
        row.first_name.as_deref().unwrap_or_default(),
        row.last_name.as_deref().unwrap_or_default(),
        row.activation_email.as_deref().unwrap_or_default(),
        row.licence_type.map(LicenceType::wire_name).unwrap_or_default(),
        &row.state,
        &row.computers.to_string(),
        &row.tablets.to_string(),
        &row.phones.to_string(),
        if row.has_pending_change { lang.pick("yes", "oui") } else { "" },
    ]
    .iter()
    .map(|c| safe_cell(c).into_owned())
    .collect()
}

/// The licence list as CSV (UTF-8, comma-separated, header in `lang`).
pub fn export_licences(rows: &[ExportRow], lang: Lang) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(licence_header(lang));
    for row in rows {
        let _ = writer.write_record(licence_cells(row, lang));
    }
    writer.into_inner().unwrap_or_default()
}

/// Licences of several groups in one file: each row starts with its account and its
/// group, so rows of different groups cannot be mistaken for one another.
pub fn export_groups(groups: &[ExportGroup], lang: Lang) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![lang.pick("Account", "Compte"), lang.pick("Licence group", "Groupe de licences")];
    header.extend(licence_header(lang));
    let _ = writer.write_record(header);
    for g in groups {
        for row in g.rows {
            let mut cells = vec![safe_cell(g.account).into_owned(), safe_cell(g.group).into_owned()];
            cells.extend(licence_cells(row, lang));
            let _ = writer.write_record(cells);
        }
    }
    writer.into_inner().unwrap_or_default()
}

/// The name an export is offered under: `seatkeeper-<group>-<date-time>.csv`.
pub fn export_file_name(group_service_name: &str, now: time::OffsetDateTime) -> String {
    let stem: String = group_service_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    format!(
        "seatkeeper-{stem}-{:04}{:02}{:02}-{:02}{:02}{:02}.csv",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// Writes an export to the file the user chose (they agreed to replace it, if it was
/// there): complete or not at all, never a half-written file in its place.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> crate::error::Result<()> {
    use std::io::Write;
    let io = |e| crate::error::Error::io(path.display().to_string(), e);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("export.csv");
    let partial = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let written = std::fs::File::create(&partial)
        .and_then(|mut file| file.write_all(bytes).and_then(|_| file.sync_all()))
        .and_then(|_| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.map_err(io)
}

#[cfg(test)]
mod export_tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for plain in ["Ada", "ada@office.com", "", "O'Neil", "1+1"] {
            assert_eq!(safe_cell(plain), plain);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localize;

    #[test]
    fn reads_comma_and_semicolon_files_with_french_or_english_headers() {
        let en = "First name,Last name,Login,Usage location\nJean,Dupont,jean.dupont,be\n";
        let rows = parse_users(en.as_bytes(), "FR").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].input.usage_location, "BE");
        assert!(rows[0].problems.is_empty());
        let fr = "\u{feff}Prénom;Nom;Identifiant\nÉlodie;Martin;elodie.martin\n;;\nLéa;N'Diaye;lea\n";
        let rows = parse_users(fr.as_bytes(), "FR").unwrap();
        assert_eq!(rows.len(), 2, "blank rows are skipped");
        assert_eq!(
            (rows[1].line, rows[1].input.login.as_str(), rows[1].input.usage_location.as_str()),
            (4, "lea", "FR")
        );
    }

    #[test]
    fn a_login_can_come_from_an_activation_email_column() {
        let rows = parse_users(b"first_name,last_name,email\nA,B,abc.def@office1.o365.ovh.com\n", "FR").unwrap();
        assert_eq!(rows[0].input.login, "abc.def");
    }

    #[test]
    fn bad_rows_are_kept_with_their_problems() {
        let rows = parse_users(b"first name,last name,login,country\n,Dupont,a..b,ZZ\n", "FR").unwrap();
        assert_eq!(rows[0].problems.len(), 3);
    }

    #[test]
    fn unreadable_files_are_refused_clearly() {
        assert_eq!(
            parse_users(b"first name,last name,login\nJ\xE9r\xF4me,X,jx\n", "FR"),
            Err(FileProblem::NotUtf8 { line: 2 })
        );
        assert_eq!(parse_users(b"name,login\nX,y\n", "FR"), Err(FileProblem::MissingColumns(vec!["first name"])));
        assert_eq!(parse_users(b"first name,last name,login\n", "FR"), Err(FileProblem::Empty));
        let mut big = String::from("first name,last name,login\n");
        for i in 0..MAX_IMPORT_ROWS + 5 {
            big.push_str(&format!("A,B,user{i}\n"));
        }
        assert_eq!(
            parse_users(big.as_bytes(), "FR"),
            Err(FileProblem::TooManyRows { rows: MAX_IMPORT_ROWS + 5, max: MAX_IMPORT_ROWS })
        );
        let fr = FileProblem::MissingColumns(vec!["first name", "login"]).localize(Lang::Fr);
        assert!(fr.contains("prénom, identifiant"), "{fr}");
    }

    #[test]
    fn export_then_import_round_trips_names_and_logins() {
        let row = ExportRow {
            licence_type: Some(LicenceType::OfficeBusiness),
            state: "ok".into(),
            first_name: Some("Zoé".into()),
            last_name: Some("O'Neill, Jr".into()),
            activation_email: Some("zoe.oneill@office1.o365.ovh.com".into()),
            ..ExportRow::default()
        };
        for lang in [Lang::En, Lang::Fr] {
            let bytes = export_licences(std::slice::from_ref(&row), lang);
            let back = parse_users(&bytes, "FR").unwrap();
            assert_eq!(back[0].input.first_name, "Zoé");
            assert_eq!(back[0].input.last_name, "O'Neill, Jr");
            assert_eq!(back[0].input.login, "zoe.oneill");
        }
    }
}
