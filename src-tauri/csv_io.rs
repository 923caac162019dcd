//! Files of licences: the export of a group's licence list (CSV or an Excel workbook),
//! and the reading of a file of users to activate. Pure functions over bytes and rows;
//! the store decides what is queued.
//!
//! A file to import is what Excel or LibreOffice saves: UTF-8 with or without a
//! byte-order mark, UTF-16 with one (Excel's "Unicode text"), or Windows-1252 (Excel's
//! "CSV" on a Western-European Windows); comma-, semicolon- or tab-separated, with a
//! header row. An export is what Excel opens as it is in the user's language: UTF-8
//! with a byte-order mark, `;`-separated where the decimal separator is a comma.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::{Encoding, WINDOWS_1252};
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

/// The byte-order mark a UTF-8 export starts with: without it, Excel reads UTF-8 as the
/// system's code page ("LefÃ¨vre").
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a file of users, whatever the spreadsheet saved it as: the encoding its
/// byte-order mark names (UTF-8, UTF-16 LE or BE), else UTF-8 when it is valid UTF-8,
/// else Windows-1252 — what Excel writes as "CSV" on a Western-European Windows. A file
/// that is UTF-8 up to a broken line stays UTF-8 (and is refused at that line): a
/// Windows-1252 file's first accent is not valid UTF-8.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, FileProblem> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        return Err(FileProblem::Workbook);
    }
    let line_at = |text: &str, at: usize| text[..at].matches('\n').count() + 1;
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            let body = &bytes[bom..];
            match encoding.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => text,
                None => {
                    let lossy = encoding.decode_without_bom_handling(body).0;
                    let line = line_at(&lossy, lossy.find('\u{FFFD}').unwrap_or(lossy.len()));
                    return Err(if encoding == encoding_rs::UTF_8 {
                        FileProblem::NotUtf8 { line }
                    } else {
                        FileProblem::NotText { line }
                    });
                }
            }
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(e) if !bytes[..e.valid_up_to()].is_ascii() => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                return Err(FileProblem::NotUtf8 { line: line_at(valid, valid.len()) });
            }
            Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
        },
    };
    // Text has no control characters but tabs and line ends (a binary file, or UTF-16
    // without its mark, has NULs).
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\r' | '\n')) {
        return Err(FileProblem::NotText { line: line_at(&text, at) });
    }
    Ok(text)
}

/// The separator of a file: whichever of `,` `;` and tab its header line has most of
/// outside quotes (a comma when none).
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(n) = counts.iter_mut().find(|(d, _)| *d == c) {
            n.1 += 1;
        }
    }
    counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

/// Reads a file of users (see the module's doc for what it may be). Rows that break a
/// rule are kept with their problems; a file that cannot be read at all is refused
/// whole. A missing usage location takes `default_location`.
pub fn parse_users(bytes: &[u8], default_location: &str) -> Result<Vec<ParsedRow>, FileProblem> {
    let text = decode_text(bytes)?;
    let delimiter = detect_delimiter(&text);
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

/// A cell of an export: text, already neutralised (see [`safe_cell`]), or a count.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Count(u32),
}

fn text(value: &str) -> Cell {
    Cell::Text(safe_cell(value).into_owned())
}

fn licence_cells(row: &ExportRow, lang: Lang) -> Vec<Cell> {
    vec![
        text(row.first_name.as_deref().unwrap_or_default()),
        text(row.last_name.as_deref().unwrap_or_default()),
        text(row.activation_email.as_deref().unwrap_or_default()),
        text(row.licence_type.map(LicenceType::wire_name).unwrap_or_default()),
        text(&row.state),
        Cell::Count(row.computers),
        Cell::Count(row.tablets),
        Cell::Count(row.phones),
        text(if row.has_pending_change { lang.pick("yes", "oui") } else { "" }),
    ]
}

/// What an export writes, whichever its format.
struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// CSV as spreadsheets in the user's language read it (see [`csv_separator`]).
    #[default]
    Csv,
    /// An Excel workbook (.xlsx), one sheet.
    Xlsx,
}

impl ExportFormat {
    /// The format a chosen file's name asks for: an Excel workbook for `.xlsx`, CSV for
    /// anything else.
    pub fn for_file(path: &Path) -> ExportFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("xlsx") => ExportFormat::Xlsx,
            _ => ExportFormat::Csv,
        }
    }
}

/// The separator of the CSV files spreadsheets in `lang` expect: where the decimal
/// separator is a comma (French), Excel's list separator is `;`; elsewhere `,`.
pub fn csv_separator(lang: Lang) -> u8 {
    if lang.decimal_separator() == ',' { b';' } else { b',' }
}

fn write_csv(table: &Table, lang: Lang) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(csv_separator(lang))
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.to_vec());
    let _ = writer.write_record(&table.header);
    for row in &table.rows {
        let _ = writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(value) => Cow::Borrowed(value.as_bytes()),
            Cell::Count(n) => Cow::Owned(n.to_string().into_bytes()),
        }));
    }
    writer.into_inner().unwrap_or_default()
}

/// The table as one sheet: a bold header kept in view, text as text (never a formula,
/// whatever it starts with), counts as numbers.
fn write_xlsx(table: &Table) -> crate::error::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let xlsx = |e: rust_xlsxwriter::XlsxError| crate::error::Error::Internal(format!("xlsx: {e}"));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Licences").map_err(xlsx)?;
    let bold = Format::new().set_bold();
    for (col, name) in (0u16..).zip(&table.header) {
        sheet.write_string_with_format(0, col, *name, &bold).map_err(xlsx)?;
    }
    for (row, cells) in (1u32..).zip(&table.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(value) if value.is_empty() => {}
                Cell::Text(value) => {
                    sheet.write_string(row, col, value).map_err(xlsx)?;
                }
                Cell::Count(n) => {
                    sheet.write_number(row, col, f64::from(*n)).map_err(xlsx)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    sheet.autofit();
    workbook.save_to_buffer().map_err(xlsx)
}

impl Table {
    fn write(&self, format: ExportFormat, lang: Lang) -> crate::error::Result<Vec<u8>> {
        match format {
            ExportFormat::Csv => Ok(write_csv(self, lang)),
            ExportFormat::Xlsx => write_xlsx(self),
        }
    }
}

/// The licence list in `format`, header in `lang`.
pub fn export_licences(rows: &[ExportRow], lang: Lang, format: ExportFormat) -> crate::error::Result<Vec<u8>> {
    let table = Table {
        header: licence_header(lang).to_vec(),
        rows: rows.iter().map(|row| licence_cells(row, lang)).collect(),
    };
    table.write(format, lang)
}

/// Licences of several groups in one file: each row starts with its account and its
/// group, so rows of different groups cannot be mistaken for one another.
pub fn export_groups(groups: &[ExportGroup], lang: Lang, format: ExportFormat) -> crate::error::Result<Vec<u8>> {
    let mut header = vec![lang.pick("Account", "Compte"), lang.pick("Licence group", "Groupe de licences")];
    header.extend(licence_header(lang));
    let mut rows = Vec::new();
    for g in groups {
        for row in g.rows {
            let mut cells = vec![text(g.account), text(g.group)];
            cells.extend(licence_cells(row, lang));
            rows.push(cells);
        }
    }
    Table { header, rows }.write(format, lang)
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
        // Text, but a NUL on line 3.
        assert_eq!(
            parse_users("first name,last name,login\nZoé,X,zx\nJ\u{0}".as_bytes(), "FR"),
            Err(FileProblem::NotText { line: 3 })
        );
        // UTF-8 up to line 3, then a Windows-1252 accent: not guessed, refused at its line.
        assert_eq!(
            parse_users(b"first name,last name,login\nZo\xC3\xA9,X,zx\nJ\xE9r\xF4me,X,jx\n", "FR"),
            Err(FileProblem::NotUtf8 { line: 3 })
        );
        assert_eq!(parse_users(b"\xEF\xBB\xBFfirst name\n\xE9\n", "FR"), Err(FileProblem::NotUtf8 { line: 2 }));
        // UTF-16 with an odd byte at its end, a binary file, a workbook.
        assert_eq!(parse_users(b"\xFF\xFEa\x00\n\x00b", "FR"), Err(FileProblem::NotText { line: 2 }));
        assert_eq!(parse_users(b"first name\x00\x01\x02", "FR"), Err(FileProblem::NotText { line: 1 }));
        assert_eq!(parse_users(b"PK\x03\x04\x14\x00\x06\x00", "FR"), Err(FileProblem::Workbook));
        assert!(FileProblem::Workbook.localize(Lang::Fr).contains("classeur"));
        assert!(FileProblem::NotText { line: 4 }.localize(Lang::En).contains("line 4"));
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
            let bytes = export_licences(std::slice::from_ref(&row), lang, ExportFormat::Csv).unwrap();
            let back = parse_users(&bytes, "FR").unwrap();
            assert_eq!(back[0].input.first_name, "Zoé");
            assert_eq!(back[0].input.last_name, "O'Neill, Jr");
            assert_eq!(back[0].input.login, "zoe.oneill");
        }
    }

    /// What Excel on a French Windows saves as "CSV (séparateur: point-virgule)".
    fn windows_1252(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        bytes
    }

    fn names(rows: &[ParsedRow]) -> Vec<(&str, &str, &str)> {
        rows.iter().map(|r| (r.input.first_name.as_str(), r.input.last_name.as_str(), r.input.login.as_str())).collect()
    }

    const FRENCH: &str = "Prénom;Nom;Identifiant\r\nÉlodie;Lefèvre;elodie.lefevre\r\nFrançois;Gauß-Œuvré;francois\r\n";
    const EXPECTED: [(&str, &str, &str); 2] =
        [("Élodie", "Lefèvre", "elodie.lefevre"), ("François", "Gauß-Œuvré", "francois")];

    #[test]
    fn reads_what_excel_and_libreoffice_save() {
        let cp1252 = windows_1252(FRENCH);
        assert!(std::str::from_utf8(&cp1252).is_err(), "a real Windows-1252 file");
        let tabs = FRENCH.replace(';', "\t");
        let commas = FRENCH.replace(';', ",");
        let files: [(&str, Vec<u8>); 7] = [
            ("UTF-8", FRENCH.as_bytes().to_vec()),
            ("UTF-8 with BOM", [UTF8_BOM, FRENCH.as_bytes()].concat()),
            ("UTF-8, commas, LF", commas.replace("\r\n", "\n").into_bytes()),
            ("Windows-1252", cp1252),
            ("Windows-1252, tabs", windows_1252(&tabs)),
            ("UTF-16 LE with BOM, tabs (Excel's Unicode text)", utf16(&tabs, true)),
            ("UTF-16 BE with BOM", utf16(FRENCH, false)),
        ];
        for (what, bytes) in files {
            let rows = parse_users(&bytes, "FR").unwrap_or_else(|e| panic!("{what}: {e:?}"));
            assert_eq!(names(&rows), EXPECTED, "{what}");
            assert_eq!((rows[0].line, rows[1].line), (2, 3), "{what}");
            assert!(rows.iter().all(|r| r.problems.is_empty()), "{what}: {rows:?}");
        }
    }

    #[test]
    fn the_separator_is_the_headers_own() {
        assert_eq!(detect_delimiter("a,b;c\tb\n"), b',', "a tie: comma");
        assert_eq!(detect_delimiter("\"Nom, prénom\";Identifiant\n"), b';', "quoted commas do not count");
        assert_eq!(detect_delimiter("a\tb\tc;d\n"), b'\t');
        assert_eq!(detect_delimiter("login\n"), b',');
    }

    #[test]
    fn a_refused_row_of_a_windows_1252_file_says_its_line_and_rule() {
        let bytes = windows_1252("Prénom;Nom;Identifiant\r\nÉlodie;Lefèvre;élodie..l\r\n");
        let rows = parse_users(&bytes, "FR").unwrap();
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].input.last_name, "Lefèvre");
        assert!(!rows[0].problems.is_empty());
    }

    fn sample_rows() -> Vec<ExportRow> {
        vec![
            ExportRow {
                first_name: Some("Élodie".into()),
                last_name: Some("Lefèvre".into()),
                activation_email: Some("elodie.lefevre@office1.o365.ovh.com".into()),
                licence_type: Some(LicenceType::OfficeBusiness),
                state: "ok".into(),
                computers: 2,
                tablets: 1,
                phones: 3,
                has_pending_change: true,
            },
            ExportRow {
                first_name: Some("=HYPERLINK(\"http://x\")".into()),
                last_name: Some("Martin; Dupont".into()),
                activation_email: Some("m@office1.o365.ovh.com".into()),
                state: "ok".into(),
                ..ExportRow::default()
            },
        ]
    }

    #[test]
    fn a_csv_export_opens_in_excel_in_the_users_language() {
        assert_eq!((csv_separator(Lang::Fr), csv_separator(Lang::En)), (b';', b','));
        let fr = export_licences(&sample_rows(), Lang::Fr, ExportFormat::Csv).unwrap();
        assert!(fr.starts_with(UTF8_BOM), "UTF-8 that Excel recognises");
        let text = std::str::from_utf8(&fr[UTF8_BOM.len()..]).unwrap();
        assert!(text.starts_with("Prénom;Nom;E-mail d'activation;Type de licence;État;Ordinateurs;"), "{text}");
        assert!(text.contains("\r\nÉlodie;Lefèvre;elodie.lefevre@office1.o365.ovh.com;"), "{text}");
        assert!(text.contains(";2;1;3;oui\r\n"), "{text}");
        assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\";\"Martin; Dupont\";"), "{text}");
        let en = export_licences(&sample_rows(), Lang::En, ExportFormat::Csv).unwrap();
        let text = std::str::from_utf8(en.strip_prefix(UTF8_BOM).unwrap()).unwrap();
        assert!(text.starts_with("First name,Last name,Activation e-mail,"), "{text}");
        assert!(text.contains(",2,1,3,yes\r\n"), "{text}");
        for bytes in [fr, en] {
            let back = parse_users(&bytes, "FR").unwrap();
            assert_eq!(names(&back)[0], ("Élodie", "Lefèvre", "elodie.lefevre"));
            assert_eq!(back[1].input.last_name, "Martin; Dupont");
        }
        let groups = [ExportGroup { account: "Bureau", group: "office1.o365.ovh.com", rows: &sample_rows() }];
        let all = export_groups(&groups, Lang::Fr, ExportFormat::Csv).unwrap();
        let text = std::str::from_utf8(all.strip_prefix(UTF8_BOM).unwrap()).unwrap();
        assert!(text.starts_with("Compte;Groupe de licences;Prénom;"), "{text}");
        assert!(text.contains("\r\nBureau;office1.o365.ovh.com;Élodie;"), "{text}");
    }

    fn read_xlsx(bytes: Vec<u8>) -> calamine::Range<calamine::Data> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        book.worksheet_range("Licences").unwrap()
    }

    #[test]
    fn an_xlsx_export_has_text_as_text_and_counts_as_numbers() {
        use calamine::Data;
        let fr = read_xlsx(export_licences(&sample_rows(), Lang::Fr, ExportFormat::Xlsx).unwrap());
        assert_eq!(fr.get_size(), (3, 9));
        let header: Vec<String> = fr.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(header, licence_header(Lang::Fr));
        assert_eq!(fr.get((1, 0)), Some(&Data::String("Élodie".into())));
        assert_eq!(fr.get((1, 1)), Some(&Data::String("Lefèvre".into())));
        let counts: Vec<_> = (5..8).map(|c| fr.get((1, c)).cloned()).collect();
        assert_eq!(counts, [Some(Data::Float(2.0)), Some(Data::Float(1.0)), Some(Data::Float(3.0))]);
        assert_eq!(fr.get((1, 8)), Some(&Data::String("oui".into())));
        // A name that looks like a formula is a string, neutralised as in CSV: never run.
        assert_eq!(fr.get((2, 0)), Some(&Data::String("'=HYPERLINK(\"http://x\")".into())));
        assert_eq!(fr.get((2, 5)), Some(&Data::Float(0.0)));
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(
            export_licences(&sample_rows(), Lang::Fr, ExportFormat::Xlsx).unwrap(),
        ))
        .unwrap();
        let formulas = calamine::Reader::worksheet_formula(&mut book, "Licences").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");

        let en = read_xlsx(export_licences(&sample_rows(), Lang::En, ExportFormat::Xlsx).unwrap());
        assert_eq!(en.get((0, 0)), Some(&Data::String("First name".into())));
        assert_eq!(en.get((1, 8)), Some(&Data::String("yes".into())));
        let groups = [ExportGroup { account: "Bureau", group: "office1.o365.ovh.com", rows: &sample_rows() }];
        let all = read_xlsx(export_groups(&groups, Lang::En, ExportFormat::Xlsx).unwrap());
        assert_eq!(all.get((0, 1)), Some(&Data::String("Licence group".into())));
        assert_eq!(all.get((1, 0)), Some(&Data::String("Bureau".into())));
        assert_eq!(all.get((1, 7)), Some(&Data::Float(2.0)));
    }

    #[test]
    fn the_chosen_files_extension_says_the_format() {
        assert_eq!(ExportFormat::for_file(Path::new("/tmp/licences.xlsx")), ExportFormat::Xlsx);
        assert_eq!(ExportFormat::for_file(Path::new("C:\\Users\\Zoé\\Licences.XLSX")), ExportFormat::Xlsx);
        assert_eq!(ExportFormat::for_file(Path::new("/tmp/licences.csv")), ExportFormat::Csv);
        assert_eq!(ExportFormat::for_file(Path::new("/tmp/licences")), ExportFormat::Csv);
    }
}
