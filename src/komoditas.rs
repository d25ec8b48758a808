//! A curated list of common IKM commodities, each with its Podes material group and its KBLI
//! codes in the 2020 and 2025 editions. No machine-readable KBLI list with a clear licence
//! exists (DOMAIN.md), so officers pick from this list or type free text; a record keeps both.
//!
//! Codes marked `uncertain` are candidates the sources do not settle; `None` is a code not known
//! for that edition. Only codes named in the project's domain notes are listed.

use crate::i18n::Msg;

/// Podes groups village micro/small industry by main material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PodesGroup {
    Kulit,
    Kayu,
    Logam,
    Anyaman,
    GerabahKeramikBatu,
    KainTenun,
    MakananMinuman,
    Lainnya,
}

impl PodesGroup {
    pub const ALL: [PodesGroup; 8] = [
        PodesGroup::Kulit,
        PodesGroup::Kayu,
        PodesGroup::Logam,
        PodesGroup::Anyaman,
        PodesGroup::GerabahKeramikBatu,
        PodesGroup::KainTenun,
        PodesGroup::MakananMinuman,
        PodesGroup::Lainnya,
    ];

    pub fn label(self) -> Msg {
        match self {
            PodesGroup::Kulit => Msg::PodesKulit,
            PodesGroup::Kayu => Msg::PodesKayu,
            PodesGroup::Logam => Msg::PodesLogam,
            PodesGroup::Anyaman => Msg::PodesAnyaman,
            PodesGroup::GerabahKeramikBatu => Msg::PodesGerabah,
            PodesGroup::KainTenun => Msg::PodesKain,
            PodesGroup::MakananMinuman => Msg::PodesMakanan,
            PodesGroup::Lainnya => Msg::PodesLainnya,
        }
    }

    /// Stable key for storage and bundles.
    pub fn key(self) -> &'static str {
        match self {
            PodesGroup::Kulit => "kulit",
            PodesGroup::Kayu => "kayu",
            PodesGroup::Logam => "logam",
            PodesGroup::Anyaman => "anyaman",
            PodesGroup::GerabahKeramikBatu => "gerabah",
            PodesGroup::KainTenun => "kain",
            PodesGroup::MakananMinuman => "makanan",
            PodesGroup::Lainnya => "lainnya",
        }
    }

    pub fn from_key(key: &str) -> Option<PodesGroup> {
        PodesGroup::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// A KBLI code with how sure we are of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kbli {
    pub code: &'static str,
    pub uncertain: bool,
}

const fn sure(code: &'static str) -> Option<Kbli> {
    Some(Kbli {
        code,
        uncertain: false,
    })
}

const fn unsure(code: &'static str) -> Option<Kbli> {
    Some(Kbli {
        code,
        uncertain: true,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Komoditas {
    /// Stable key stored in records.
    pub key: &'static str,
    /// Indonesian name, as officers say it (a domain noun: not translated).
    pub name: &'static str,
    pub group: PodesGroup,
    pub kbli2020: Option<Kbli>,
    pub kbli2025: Option<Kbli>,
}

use PodesGroup::*;

pub const KOMODITAS: &[Komoditas] = &[
    Komoditas {
        key: "batik",
        name: "Batik",
        group: KainTenun,
        kbli2020: sure("13134"),
        kbli2025: sure("13133"),
    },
    Komoditas {
        key: "tenun-ikat",
        name: "Tenun ikat",
        group: KainTenun,
        kbli2020: sure("13122"),
        kbli2025: None,
    },
    Komoditas {
        key: "tempe",
        name: "Tempe",
        group: MakananMinuman,
        kbli2020: sure("10391"),
        kbli2025: sure("10307"),
    },
    Komoditas {
        key: "tahu",
        name: "Tahu",
        group: MakananMinuman,
        kbli2020: sure("10392"),
        kbli2025: sure("10308"),
    },
    Komoditas {
        key: "kerupuk",
        name: "Kerupuk, keripik, peyek",
        group: MakananMinuman,
        kbli2020: sure("10794"),
        kbli2025: sure("10794"),
    },
    Komoditas {
        key: "terasi",
        name: "Terasi",
        group: MakananMinuman,
        kbli2020: unsure("10295"),
        kbli2025: None,
    },
    Komoditas {
        key: "mebel-kayu",
        name: "Mebel kayu",
        group: Kayu,
        kbli2020: sure("31001"),
        kbli2025: sure("31011"),
    },
    Komoditas {
        key: "mebel-rotan",
        name: "Mebel rotan/bambu",
        group: Anyaman,
        kbli2020: sure("31002"),
        kbli2025: None,
    },
    Komoditas {
        key: "mebel-logam",
        name: "Mebel logam",
        group: Logam,
        kbli2020: sure("31004"),
        kbli2025: None,
    },
    Komoditas {
        key: "anyaman-bambu",
        name: "Anyaman bambu/rotan",
        group: Anyaman,
        kbli2020: sure("16291"),
        kbli2025: None,
    },
    Komoditas {
        key: "anyaman-pandan",
        name: "Anyaman pandan/daun",
        group: Anyaman,
        kbli2020: sure("16292"),
        kbli2025: None,
    },
    Komoditas {
        key: "ukiran-kayu",
        name: "Ukiran kayu",
        group: Kayu,
        kbli2020: sure("16293"),
        kbli2025: None,
    },
    Komoditas {
        key: "gerabah",
        name: "Gerabah",
        group: GerabahKeramikBatu,
        kbli2020: sure("23939"),
        kbli2025: None,
    },
    Komoditas {
        key: "kerajinan-lain",
        name: "Kerajinan lainnya",
        group: Lainnya,
        kbli2020: sure("32903"),
        kbli2025: None,
    },
    Komoditas {
        key: "barang-logam",
        name: "Barang logam lainnya",
        group: Logam,
        kbli2020: sure("25999"),
        kbli2025: None,
    },
    Komoditas {
        key: "keris",
        name: "Keris",
        group: Logam,
        kbli2020: unsure("25999"),
        kbli2025: None,
    }, // What the seed offices' regions produce (issue 18): Jember, Pesisir Selatan, Bengkulu.
    // Their KBLI codes are not in the project's domain notes and are left unknown until checked
    // against the BPS text (kerupuk jangek is a kerupuk, a candidate of 10794).
    Komoditas {
        key: "kopi",
        name: "Kopi olahan",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "tembakau",
        name: "Tembakau rajangan/olahan",
        group: Lainnya,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "edamame",
        name: "Edamame olahan",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "tape",
        name: "Tape",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "suwar-suwir",
        name: "Suwar-suwir",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "gambir",
        name: "Gambir olahan",
        group: Lainnya,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "rendang",
        name: "Rendang",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "sulaman",
        name: "Sulaman/bordir",
        group: KainTenun,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "kerupuk-jangek",
        name: "Kerupuk jangek (kulit)",
        group: MakananMinuman,
        kbli2020: unsure("10794"),
        kbli2025: None,
    },
    Komoditas {
        key: "tenun",
        name: "Tenun",
        group: KainTenun,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "tepung",
        name: "Tepung (ubi, sagu, beras)",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "sawit",
        name: "Olahan sawit",
        group: Lainnya,
        kbli2020: None,
        kbli2025: None,
    },
    Komoditas {
        key: "olahan-ikan",
        name: "Olahan ikan",
        group: MakananMinuman,
        kbli2020: None,
        kbli2025: None,
    },
];

pub fn by_key(key: &str) -> Option<&'static Komoditas> {
    KOMODITAS.iter().find(|k| k.key == key)
}

/// The listed commodity an officer typed, ignoring case, spaces and punctuation.
pub fn by_name(typed: &str) -> Option<&'static Komoditas> {
    let typed = crate::wilayah::search::fold(typed);
    (!typed.is_empty())
        .then(|| {
            KOMODITAS
                .iter()
                .find(|k| crate::wilayah::search::fold(k.name) == typed)
        })
        .flatten()
}

/// Commodities of a Podes group, or all when `group` is `None`.
pub fn in_group(group: Option<PodesGroup>) -> impl Iterator<Item = &'static Komoditas> {
    KOMODITAS
        .iter()
        .filter(move |k| group.is_none_or(|g| k.group == g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_codes_are_five_digits() {
        let keys: HashSet<_> = KOMODITAS.iter().map(|k| k.key).collect();
        assert_eq!(keys.len(), KOMODITAS.len());
        for k in KOMODITAS {
            for code in [k.kbli2020, k.kbli2025].into_iter().flatten() {
                assert!(
                    code.code.len() == 5 && code.code.bytes().all(|b| b.is_ascii_digit()),
                    "{}",
                    k.key
                );
            }
        }
    }

    #[test]
    fn known_renumberings_between_editions() {
        let pair = |key| {
            let k = by_key(key).unwrap();
            (k.kbli2020.unwrap().code, k.kbli2025.unwrap().code)
        };
        assert_eq!(pair("batik"), ("13134", "13133"));
        assert_eq!(pair("tempe"), ("10391", "10307"));
        assert_eq!(pair("tahu"), ("10392", "10308"));
        assert_eq!(pair("kerupuk"), ("10794", "10794"));
        assert_eq!(pair("mebel-kayu"), ("31001", "31011"));
        assert!(by_key("keris").unwrap().kbli2020.unwrap().uncertain);
        assert!(by_key("terasi").unwrap().kbli2020.unwrap().uncertain);
        assert!(!by_key("batik").unwrap().kbli2020.unwrap().uncertain);
    }

    #[test]
    fn the_seed_regions_commodities_are_listed() {
        // Jember, Pesisir Selatan, Bengkulu (issue 18).
        for typed in [
            "kopi olahan",
            "tape",
            "suwar-suwir",
            "rendang",
            "Kerupuk jangek (kulit)",
            "tenun",
            "olahan sawit",
            "olahan ikan",
        ] {
            assert!(by_name(typed).is_some(), "{typed}");
        }
        assert_eq!(by_key("sulaman").unwrap().group, KainTenun);
    }

    #[test]
    fn typed_names_find_listed_commodities() {
        assert_eq!(by_name("batik").map(|k| k.key), Some("batik"));
        assert_eq!(
            by_name("  Mebel Rotan / Bambu ").map(|k| k.key),
            Some("mebel-rotan")
        );
        assert_eq!(by_name("batik tulis"), None, "free text stays free text");
        assert_eq!(by_name(""), None);
    }

    #[test]
    fn groups_round_trip_and_filter() {
        for g in PodesGroup::ALL {
            assert_eq!(PodesGroup::from_key(g.key()), Some(g));
        }
        assert_eq!(in_group(None).count(), KOMODITAS.len());
        assert!(in_group(Some(MakananMinuman)).all(|k| k.group == MakananMinuman));
        assert_eq!(in_group(Some(Kulit)).count(), 0);
    }
}
