//! What a file of users to import must be: readable text, a header naming its columns,
//! rows within the limits. Each way it can fail, in French and English.

use crate::i18n::{Lang, Localize};

/// Why a whole file cannot be imported. `NotUtf8`: marked as UTF-8 (or UTF-8 up to a
/// point) but not UTF-8 from `line` on; `NotText`: control characters (a binary file) or
/// broken UTF-16 at `line`; `Workbook`: a spreadsheet's own file (.xlsx, .xls), not CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NotUtf8 { line: usize },
    NotText { line: usize },
    Workbook,
    Empty,
    MissingColumns(Vec<&'static str>),
    Malformed { line: usize },
    TooManyRows { rows: usize, max: usize },
    NotEnoughSlots { rows: usize, free: usize },
}

impl Localize for FileProblem {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileProblem::NotUtf8 { line }, Lang::En) => format!(
                "The file is not UTF-8 text (line {line}). In your spreadsheet, save it as “CSV UTF-8” and try again."
            ),
            (FileProblem::NotUtf8 { line }, Lang::Fr) => format!(
                "Le fichier n'est pas un texte UTF-8 (ligne {line}). Dans votre tableur, enregistrez-le en « CSV UTF-8 » puis réessayez."
            ),
            (FileProblem::NotText { line }, Lang::En) => format!(
                "The file is not text (line {line}). In your spreadsheet, save it as CSV and try again."
            ),
            (FileProblem::NotText { line }, Lang::Fr) => format!(
                "Le fichier n'est pas du texte (ligne {line}). Dans votre tableur, enregistrez-le en CSV puis réessayez."
            ),
            (FileProblem::Workbook, Lang::En) => {
                "The file is a spreadsheet workbook, not a CSV file. In your spreadsheet, save it as CSV and try again."
                    .into()
            }
            (FileProblem::Workbook, Lang::Fr) => {
                "Le fichier est un classeur de tableur, pas un fichier CSV. Dans votre tableur, enregistrez-le en CSV puis réessayez."
                    .into()
            }
            (FileProblem::Empty, Lang::En) => "The file has no user rows under its header.".into(),
            (FileProblem::Empty, Lang::Fr) => "Le fichier ne contient aucun utilisateur sous son en-tête.".into(),
            (FileProblem::MissingColumns(cols), Lang::En) => format!(
                "The file has no column for: {}. The first row must name the columns (first name, last name, login; usage location optional).",
                cols.join(", ")
            ),
            (FileProblem::MissingColumns(cols), Lang::Fr) => format!(
                "Le fichier n'a pas de colonne pour : {}. La première ligne doit nommer les colonnes (prénom, nom, identifiant ; pays d'utilisation facultatif).",
                cols.iter().map(|c| column_fr(c)).collect::<Vec<_>>().join(", ")
            ),
            (FileProblem::Malformed { line }, Lang::En) => format!("Line {line} of the file cannot be read as CSV."),
            (FileProblem::Malformed { line }, Lang::Fr) => {
                format!("La ligne {line} du fichier n'est pas du CSV lisible.")
            }
            (FileProblem::TooManyRows { rows, max }, Lang::En) => {
                format!("The file has {rows} rows; one import takes at most {max}.")
            }
            (FileProblem::TooManyRows { rows, max }, Lang::Fr) => {
                format!("Le fichier compte {rows} lignes ; un import en accepte au plus {max}.")
            }
            (FileProblem::NotEnoughSlots { rows, free }, Lang::En) => format!(
                "The file has {rows} users but the group has only {free} free licences. Order more licences first, or import fewer users."
            ),
            (FileProblem::NotEnoughSlots { rows, free }, Lang::Fr) => format!(
                "Le fichier compte {rows} utilisateurs mais le groupe n'a que {free} licences libres. Commandez d'abord des licences, ou importez moins d'utilisateurs."
            ),
        }
    }
}

fn column_fr(column: &str) -> &'static str {
    match column {
        "first name" => "prénom",
        "last name" => "nom",
        "login" => "identifiant",
        _ => "pays d'utilisation",
    }
}
