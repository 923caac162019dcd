//! The command line's files as a Windows user's spreadsheet sees them: `export --xlsx`
//! and `export --csv` in the user's language, and `import --csv` of what Excel saves on
//! a French Windows (Windows-1252, semicolons, CRLF). Run as its own process, on the
//! sample data.

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader};
use seatkeeper::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_seatkeeper");
const PREPAID: &str = "office4417.o365.ovh.com";

fn run(dir: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(BIN).arg("--data-dir").arg(dir).args(args).env("LANG", lang).env_remove("LC_ALL").output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn with_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "C.UTF-8", &["sample", "load"]);
    assert!(out.status.success(), "{}", text(&out));
    dir
}

fn sheet(path: &Path) -> calamine::Range<Data> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    book.worksheet_range("Licences").unwrap()
}

/// A CSV export's rows, as Excel in the user's language splits them.
fn csv_rows(path: &Path, separator: u8) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a UTF-8 byte-order mark, for Excel");
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).has_headers(false).from_reader(body);
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn export_writes_an_excel_workbook_and_a_csv_in_the_users_language() {
    let dir = with_sample();
    let xlsx = dir.path().join("licences.xlsx");
    let out = run(dir.path(), "fr_FR.UTF-8", &["export", "--xlsx", xlsx.to_str().unwrap(), "--group", PREPAID]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("licences.xlsx"), "{}", text(&out));
    let csv = dir.path().join("licences.csv");
    let out = run(dir.path(), "fr_FR.UTF-8", &["export", "--csv", csv.to_str().unwrap(), "--group", PREPAID]);
    assert!(out.status.success(), "{}", text(&out));

    // The workbook says what the CSV says, header in French; counts are numbers.
    let range = sheet(&xlsx);
    let rows = csv_rows(&csv, b';');
    assert_eq!(range.get_size(), (31, 9), "the header and the group's 30 licences");
    assert_eq!(rows.len(), 31);
    assert_eq!(rows[0][..3], ["Prénom", "Nom", "E-mail d'activation"]);
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let cell = range.get((r, c)).unwrap_or(&Data::Empty);
            match cell {
                Data::Float(n) => {
                    assert!(r > 0 && (5..8).contains(&c), "({r}, {c}) is a number");
                    assert_eq!(&n.to_string(), value, "({r}, {c})");
                }
                Data::Empty => assert_eq!(value, "", "({r}, {c})"),
                other => assert_eq!(&other.to_string(), value, "({r}, {c})"),
            }
        }
        if r > 0 {
            assert!((5..8).all(|c| matches!(range.get((r, c)), Some(Data::Float(_)))), "row {r}: {row:?}");
        }
    }
    assert!(rows.iter().flatten().any(|v| !v.is_ascii()), "accented names, read back as written");
    assert!((1..31).any(|r| range.get((r, 5)) != Some(&Data::Float(0.0))), "the sample's installs are counted");

    // Every group, in English: account and group first, commas in the CSV.
    let all = dir.path().join("all.xlsx");
    let out = run(dir.path(), "en_GB.UTF-8", &["export", "--xlsx", all.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let range = sheet(&all);
    assert_eq!(range.get((0, 0)), Some(&Data::String("Account".into())));
    assert_eq!(range.get((0, 2)), Some(&Data::String("First name".into())));
    let all_csv = dir.path().join("all.csv");
    let out = run(dir.path(), "en_GB.UTF-8", &["export", "--csv", all_csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let rows = csv_rows(&all_csv, b',');
    assert_eq!(rows[0][..3], ["Account", "Licence group", "First name"]);
    assert_eq!(range.get_size().0, rows.len());

    // Exactly one of --csv and --xlsx, said in the user's language.
    for args in [&["export", "--group", PREPAID][..], &["export", "--csv", "a.csv", "--xlsx", "a.xlsx"]] {
        let out = run(dir.path(), "fr_FR.UTF-8", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains("une et une seule") && text(&out).contains("--xlsx"), "{}", text(&out));
    }
    let out = run(dir.path(), "en_GB.UTF-8", &["export"]);
    assert!(text(&out).contains("exactly one of --csv, --xlsx"), "{}", text(&out));

    // A workbook is not taken for a file of users.
    let out = run(dir.path(), "fr_FR.UTF-8", &["import", "--csv", xlsx.to_str().unwrap(), "--group", PREPAID]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("classeur"), "{}", text(&out));
}

#[test]
fn import_reads_a_csv_saved_by_excel_on_a_french_windows() {
    let dir = with_sample();
    let file = "Prénom;Nom;Identifiant\r\nÉlodie;Lefèvre;elodie.lefevre\r\nFrançois;Gauß-Œuvré;francois.gauss\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(file);
    assert!(!unmappable && std::str::from_utf8(&bytes).is_err(), "Windows-1252, not UTF-8");
    let path = dir.path().join("utilisateurs.csv");
    std::fs::write(&path, &bytes).unwrap();
    let out = run(dir.path(), "fr_FR.UTF-8", &["import", "--csv", path.to_str().unwrap(), "--group", PREPAID]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("2 utilisateurs en attente d'activation"), "{}", text(&out));

    let store = Store::open_in(dir.path()).unwrap();
    let group = store.list_groups().unwrap().into_iter().find(|g| g.service_name == PREPAID).unwrap();
    let names: Vec<_> = store
        .list_licences(group.id)
        .unwrap()
        .into_iter()
        .filter_map(|l| Some((l.first_name?, l.last_name?, l.login?)))
        .collect();
    for expected in [("Élodie", "Lefèvre", "elodie.lefevre"), ("François", "Gauß-Œuvré", "francois.gauss")] {
        assert!(
            names.iter().any(|(f, l, login)| (f.as_str(), l.as_str(), login.as_str()) == expected),
            "{expected:?} in {names:?}"
        );
    }
}
