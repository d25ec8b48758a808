//! The translation layer: a typed dictionary.
//!
//! Every visible string is a [`Msg`] key. Each entry must give both the Indonesian and the English
//! text (the macro will not accept one without the other), and `Msg::ALL` lets the tests walk the
//! whole catalogue. Placeholders are written `{name}` and filled with [`fill`].
//!
//! Why not a crate such as leptos_i18n: it generates code from JSON locale files through proc
//! macros, which adds build time and wasm size for features (plural rules, many locales) an app with
//! two languages does not need. A missing key here is a compile error, and a typo in a key name is
//! caught by the compiler rather than at run time.

use serde::{Deserialize, Serialize};

/// Interface language. Bahasa Indonesia is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// BCP 47 tag, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, shown in the language picker whatever the current language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Id => "Bahasa Indonesia",
            Lang::En => "English",
        }
    }
}

macro_rules! messages {
    ($( $key:ident { id: $id:expr, en: $en:expr $(,)? } )*) => {
        /// A key of the catalogue. One variant per visible string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// Every key, in catalogue order.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            /// The text of this key in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Msg::$key, Lang::Id) => $id, (Msg::$key, Lang::En) => $en, )*
                }
            }
        }
    };
}

mod catalogue;
pub use catalogue::Msg;

/// Replaces each `{name}` in `text` with its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{name}` placeholders of a text, sorted, for checking that translations agree.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    crate::sort::plain(&mut found);
    found
}

/// A byte count for people: "1,5 MB" in Indonesian, "1.5 MB" in English (decimal units, as
/// phones show storage).
pub fn format_bytes(bytes: f64, lang: Lang) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let number = if unit == 0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let number = match lang {
        Lang::Id => number.replace('.', ","),
        Lang::En => number,
    };
    format!("{number} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_key_has_indonesian_and_english_text() {
        assert!(Msg::ALL.len() > 50, "catalogue unexpectedly small");
        for &key in Msg::ALL {
            for lang in Lang::ALL {
                let text = key.text(lang);
                assert!(!text.trim().is_empty(), "{key:?} has no {lang:?} text");
                assert_eq!(text, text.trim(), "{key:?} {lang:?} has stray spaces");
            }
        }
    }

    #[test]
    fn indonesian_says_offline_one_way_and_conflict_as_officers_do() {
        // One word for working without a network across the app ("tanpa sinyal", never the
        // rarer "luring"), "konflik" not "bentrok" (issue 14's wording review).
        for &key in Msg::ALL {
            let text = key.text(Lang::Id).to_lowercase();
            for word in ["luring", "bentrok", "tidak masuk akal", "tulis bilangan"] {
                assert!(!text.contains(word), "{key:?} says {word:?}: {text}");
            }
        }
    }

    #[test]
    fn translations_use_the_same_placeholders() {
        for &key in Msg::ALL {
            assert_eq!(
                placeholders(key.text(Lang::Id)),
                placeholders(key.text(Lang::En)),
                "{key:?} placeholders differ between languages"
            );
        }
    }

    #[test]
    fn the_two_languages_really_differ() {
        // Words shared on purpose (proper nouns and domain nouns kept in Indonesian).
        let same_on_purpose: HashSet<Msg> = [
            Msg::AppName,
            Msg::NavSentra,
            Msg::KecamatanLabel,
            Msg::MitraInvestor,
            Msg::ShortNib,
        ]
        .into_iter()
        .collect();
        for &key in Msg::ALL {
            if !same_on_purpose.contains(&key) {
                assert_ne!(
                    key.text(Lang::Id),
                    key.text(Lang::En),
                    "{key:?} is untranslated"
                );
            }
        }
    }

    #[test]
    fn lang_codes_round_trip_and_default_is_indonesian() {
        assert_eq!(Lang::default(), Lang::Id);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn fill_replaces_placeholders() {
        let text = fill(Msg::ErrTooLong.text(Lang::Id), &[("max", "100")]);
        assert_eq!(text, "Terlalu panjang: paling banyak 100 karakter.");
        assert_eq!(placeholders("a {x} b {y} c"), vec!["x", "y"]);
        assert!(placeholders("none").is_empty());
    }

    #[test]
    fn bytes_use_each_languages_decimal_mark() {
        assert_eq!(format_bytes(0.0, Lang::Id), "0 B");
        assert_eq!(format_bytes(999.0, Lang::En), "999 B");
        assert_eq!(format_bytes(1000.0, Lang::En), "1.0 KB");
        assert_eq!(format_bytes(1_540_000.0, Lang::Id), "1,5 MB");
        assert_eq!(format_bytes(1_540_000.0, Lang::En), "1.5 MB");
        assert_eq!(format_bytes(2.5e12, Lang::Id), "2,5 TB");
        assert_eq!(format_bytes(-5.0, Lang::En), "0 B");
    }
}
