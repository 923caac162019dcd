//! The user's language for everything Rust says to them (error messages, sample
//! data labels). The UI keeps its own catalogues under `ui/src/i18n/`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language Seatkeeper speaks. French and English from day one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Reads a BCP 47 tag such as `fr-FR` or `en_GB`; anything not French is English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        if primary == "fr" { Lang::Fr } else { Lang::En }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// How numbers are written in this language: the decimal separator (`1.5`, `1,5`).
    /// Spreadsheets follow it for CSV files (a comma there separates fields only where
    /// it is not the decimal separator), see `csv_io::csv_separator`.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Fr => ',',
        }
    }

    /// Picks the text for this language from an (English, French) pair.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }
}

/// A date in words: "1 January 2027", "1 janvier 2027".
pub fn long_date(date: time::Date, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month = usize::from(u8::from(date.month())) - 1;
    let name = match lang {
        Lang::En => EN[month],
        Lang::Fr => FR[month],
    };
    format!("{} {name} {}", date.day(), date.year())
}

/// Something that can be told to the user in their language.
pub trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_words() {
        let d = time::macros::date!(2027 - 01 - 01);
        assert_eq!(long_date(d, Lang::En), "1 January 2027");
        assert_eq!(long_date(d, Lang::Fr), "1 janvier 2027");
        assert_eq!(long_date(time::macros::date!(2026 - 08 - 15), Lang::Fr), "15 août 2026");
    }

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Lang::from_tag("fr-FR"), Lang::Fr);
        assert_eq!(Lang::from_tag("FR_ca"), Lang::Fr);
        assert_eq!(Lang::from_tag("fr"), Lang::Fr);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de-DE"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::from_tag("fry"), Lang::En);
    }
}
