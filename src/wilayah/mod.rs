//! Indonesia's administrative regions (kode wilayah Kemendagri 2025), offline.
//!
//! Source: the npm package idn-area-data 4.0.1 (data under ODbL 1.0), converted at build time by
//! `src/bin/wilayah.rs` ([`convert`]) into compact text assets ([`asset`]): one index of provinces
//! and kabupaten/kota, one file per kabupaten/kota (a few KB) and one per province. The app loads
//! the officer's kabupaten at start and a province or the whole country only when asked
//! ([`Gazetteer`]); [`search`] finds names the way officers write them.
//!
//! Records keep codes, never names: "Poteran" is two villages (35.29.04.2006 and 35.29.22.2006).

pub mod asset;
pub mod convert;
mod gazetteer;
pub mod search;

pub use gazetteer::{Gazetteer, KecamatanRef, VillageRef};

/// Version of the source data, shown with its attribution.
pub const SOURCE: &str = "idn-area-data 4.0.1";

/// One province, or one kabupaten/kota with its size, as listed in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Province {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kabupaten {
    /// `PP.KK`
    pub code: String,
    pub name: String,
    pub kecamatan_count: u32,
    pub village_count: u32,
    /// The size of its region file in bytes (what fetching it downloads, before compression);
    /// 0 in an index written before sizes were.
    pub bytes: u32,
}

impl Kabupaten {
    pub fn province_code(&self) -> &str {
        &self.code[..2]
    }

    /// The name without "Kabupaten " or "Kota ": what officers type.
    pub fn bare_name(&self) -> &str {
        self.name
            .strip_prefix("Kabupaten ")
            .or_else(|| self.name.strip_prefix("Kota "))
            .unwrap_or(&self.name)
    }

    /// KK 71–99 are kota, 01–69 kabupaten.
    pub fn is_kota(&self) -> bool {
        self.code[3..5]
            .parse::<u8>()
            .map(|kk| kk >= 71)
            .unwrap_or(false)
    }
}

/// The index: every province and kabupaten/kota.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionIndex {
    /// Hash of the converted data; the asset folder is named after it so caches never mix
    /// two versions.
    pub data_version: String,
    pub provinces: Vec<Province>,
    pub kabupaten: Vec<Kabupaten>,
}

impl RegionIndex {
    pub fn kabupaten(&self, code: &str) -> Option<&Kabupaten> {
        self.kabupaten.iter().find(|k| k.code == code)
    }

    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    /// Kabupaten/kota matching `query`, best first; "sumenep" matches "Kabupaten Sumenep" as
    /// well as "kabupaten sumenep" does.
    pub fn search_kabupaten(&self, query: &str, limit: usize) -> Vec<(&Kabupaten, search::Match)> {
        ranked(
            query,
            self.kabupaten
                .iter()
                .map(|k| (k, k.name.as_str(), k.bare_name())),
            limit,
        )
    }

    /// Working areas matching `query`: provinces ("bengkulu" and "Provinsi Bengkulu" both find
    /// the province) and kabupaten/kota, best first. A province and a city of the same name
    /// ("Bengkulu", "Kota Bengkulu") both match; the one whose whole name was typed comes first.
    pub fn search_areas(&self, query: &str, limit: usize) -> Vec<(Area<'_>, search::Match)> {
        let provinces = self
            .provinces
            .iter()
            .map(|p| (Area::Province(p), p.name.as_str(), p.name.as_str()));
        let kabupaten = self
            .kabupaten
            .iter()
            .map(|k| (Area::Kabupaten(k), k.name.as_str(), k.bare_name()));
        ranked(query, provinces.chain(kabupaten), limit)
    }

    /// The kabupaten/kota of a province (`PP`), in code order.
    pub fn kabupaten_in<'a>(
        &'a self,
        province: &'a str,
    ) -> impl Iterator<Item = &'a Kabupaten> + 'a {
        self.kabupaten
            .iter()
            .filter(move |k| k.province_code() == province)
    }

    /// How many bytes an area's region file holds (a province's file is its kabupaten/kota files
    /// together); `None` for a code the index does not know, or an index without sizes.
    pub fn area_bytes(&self, code: &str) -> Option<u64> {
        let bytes: u64 = if is_code(code, 1) {
            self.province(code)?;
            self.kabupaten_in(code).map(|k| u64::from(k.bytes)).sum()
        } else {
            self.kabupaten(code)?.bytes.into()
        };
        (bytes > 0).then_some(bytes)
    }

    /// The largest kabupaten/kota file and the largest province file, in bytes: the most that
    /// choosing a working area downloads.
    pub fn largest_bytes(&self) -> (u64, u64) {
        let kabupaten = self.kabupaten.iter().map(|k| u64::from(k.bytes)).max();
        let province = self
            .provinces
            .iter()
            .filter_map(|p| self.area_bytes(&p.code))
            .max();
        (kabupaten.unwrap_or(0), province.unwrap_or(0))
    }

    /// How many kecamatan and villages an area (a province `PP` or a kabupaten/kota `PP.KK`)
    /// holds, from the index; `None` for a code it does not know.
    pub fn area_size(&self, code: &str) -> Option<(u32, u32)> {
        if is_code(code, 1) {
            self.province(code)?;
            Some(self.kabupaten_in(code).fold((0, 0), |(kec, vil), k| {
                (kec + k.kecamatan_count, vil + k.village_count)
            }))
        } else {
            self.kabupaten(code)
                .map(|k| (k.kecamatan_count, k.village_count))
        }
    }
}

/// An officer's working area: a province, or one kabupaten/kota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area<'a> {
    Province(&'a Province),
    Kabupaten(&'a Kabupaten),
}

impl Area<'_> {
    pub fn code(&self) -> &str {
        match self {
            Area::Province(p) => &p.code,
            Area::Kabupaten(k) => &k.code,
        }
    }
}

/// The words officers put before a region's name ("Kab. Sumenep", "Provinsi Bengkulu").
const LEVEL_WORDS: [&str; 5] = ["provinsi", "prov", "kabupaten", "kab", "kota"];

/// `items` (an item, its full name, its name without "Kabupaten"/"Kota") matching `query`, best
/// first: by how well they match, then a match of the query as typed before one of the query
/// without its level word, then shorter names.
fn ranked<'a, T>(
    query: &str,
    items: impl Iterator<Item = (T, &'a str, &'a str)>,
    limit: usize,
) -> Vec<(T, search::Match)> {
    let folded = search::fold(query);
    if folded.is_empty() {
        return Vec::new();
    }
    // Officers write "Kab. Sumenep" or "Kabupaten Sumenep"; the bare name is what to find.
    let bare_query = LEVEL_WORDS
        .iter()
        .find_map(|w| folded.strip_prefix(w).filter(|b| !b.is_empty()));
    let queries: Vec<&str> = std::iter::once(folded.as_str()).chain(bare_query).collect();
    let mut scratch = search::Scratch::default();
    let mut hits: Vec<(search::Match, bool, usize, &str, T)> = items
        .filter_map(|(item, name, bare)| {
            let names = [search::fold(name), search::fold(bare)];
            let (best, stripped) = queries
                .iter()
                .enumerate()
                .flat_map(|(i, q)| {
                    names
                        .iter()
                        .filter_map(|n| search::match_name(q, n, &mut scratch))
                        .map(|m| (m, i > 0))
                        .collect::<Vec<_>>()
                })
                .min()?;
            Some((best, stripped, name.len(), name, item))
        })
        .collect();
    crate::sort::by(&mut hits, |a, b| {
        (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3))
    });
    hits.into_iter()
        .take(limit)
        .map(|(m, _, _, _, item)| (item, m))
        .collect()
}

/// One kabupaten/kota with its kecamatan and villages, as in its asset file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KabupatenData {
    pub code: String,
    pub name: String,
    /// `(code PP.KK.CC, name)`, in code order.
    pub kecamatan: Vec<(String, String)>,
    /// `(code PP.KK.CC.DDDD, name)`, in code order.
    pub villages: Vec<(String, String)>,
}

/// What kind of village a code is: the first digit of DDDD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VillageKind {
    Kelurahan,
    Desa,
    DesaAdat,
}

pub fn village_kind(code: &str) -> Option<VillageKind> {
    match code.as_bytes().get(9)? {
        b'1' => Some(VillageKind::Kelurahan),
        b'2' => Some(VillageKind::Desa),
        b'3' => Some(VillageKind::DesaAdat),
        _ => None,
    }
}

/// The kecamatan code (`PP.KK.CC`) of a village code.
pub fn kecamatan_of(village_code: &str) -> &str {
    village_code.get(..8).unwrap_or(village_code)
}

/// The kecamatan code (`PP.KK.CC`) of a stored desa code; `None` when the code is shorter.
pub fn kecamatan_of_desa(desa: &str) -> Option<&str> {
    (desa.len() >= 8).then(|| kecamatan_of(desa))
}

/// Whether `code` (a province `PP`, a kabupaten/kota `PP.KK` or anything below) lies within
/// `area` (a working area: a province or a kabupaten/kota). A province's records are not within
/// one of its kabupaten: they may hold the others.
pub fn within(code: &str, area: &str) -> bool {
    code == area
        || code
            .strip_prefix(area)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The kabupaten/kota code (`PP.KK`) of any lower code.
pub fn kabupaten_of(code: &str) -> &str {
    code.get(..5).unwrap_or(code)
}

/// A working area's code: a province `PP` (a province office) or a kabupaten/kota `PP.KK`.
pub fn is_area_code(code: &str) -> bool {
    is_code(code, 1) || is_code(code, 2)
}

/// True for a well-formed code of the given level: `PP`, `PP.KK`, `PP.KK.CC`, `PP.KK.CC.DDDD`.
pub fn is_code(code: &str, level: usize) -> bool {
    let widths: &[usize] = &[2, 2, 2, 4][..level.clamp(1, 4)];
    let parts: Vec<&str> = code.split('.').collect();
    parts.len() == widths.len()
        && parts
            .iter()
            .zip(widths)
            .all(|(p, &w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_levels() {
        assert!(is_code("35", 1));
        assert!(is_code("35.29", 2));
        assert!(is_code("35.29.04", 3));
        assert!(is_code("35.29.04.2006", 4));
        assert!(!is_code("35.29.4.2006", 4));
        assert!(!is_code("35.29.04.200", 4));
        assert!(!is_code("35.29.04.20a6", 4));
        assert!(!is_code("3529042006", 4));
        assert!(is_area_code("17") && is_area_code("35.29"));
        assert!(!is_area_code("35.29.04") && !is_area_code("3") && !is_area_code(""));
        assert_eq!(kecamatan_of("35.29.04.2006"), "35.29.04");
        assert_eq!(kabupaten_of("35.29.04.2006"), "35.29");
        assert_eq!(village_kind("32.76.11.1004"), Some(VillageKind::Kelurahan));
        assert_eq!(village_kind("35.29.04.2006"), Some(VillageKind::Desa));
        assert_eq!(village_kind("35.29"), None);
    }

    #[test]
    fn kabupaten_search_ignores_the_kabupaten_or_kota_word() {
        let k = |code: &str, name: &str| Kabupaten {
            code: code.into(),
            name: name.into(),
            kecamatan_count: 0,
            village_count: 0,
            bytes: 0,
        };
        let index = RegionIndex {
            data_version: "v".into(),
            provinces: vec![],
            kabupaten: vec![
                k("35.29", "Kabupaten Sumenep"),
                k("32.76", "Kota Depok"),
                k("35.28", "Kabupaten Pamekasan"),
                k("63.02", "Kabupaten Kotabaru"),
            ],
        };
        let codes = |q: &str| {
            index
                .search_kabupaten(q, 5)
                .into_iter()
                .map(|(k, _)| k.code.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("sumenep"), vec!["35.29"]);
        assert_eq!(codes("Kab. Sumenep"), vec!["35.29"]);
        assert_eq!(codes("kota depok"), vec!["32.76"]);
        assert_eq!(codes("sumenp"), vec!["35.29"]);
        assert_eq!(
            index.search_kabupaten("kotabaru", 1)[0].1,
            search::Match::Exact
        );
        assert_eq!(
            index.search_kabupaten("sumenep", 1)[0].1,
            search::Match::Exact
        );
        assert!(codes("").is_empty());
    }

    #[test]
    fn areas_are_provinces_and_kabupaten() {
        let k = |code: &str, name: &str, kec: u32| Kabupaten {
            code: code.into(),
            name: name.into(),
            kecamatan_count: kec,
            village_count: kec * 10,
            bytes: kec * 100,
        };
        let p = |code: &str, name: &str| Province {
            code: code.into(),
            name: name.into(),
        };
        let index = RegionIndex {
            data_version: "v".into(),
            provinces: vec![p("17", "Bengkulu"), p("35", "Jawa Timur")],
            kabupaten: vec![
                k("17.01", "Kabupaten Bengkulu Selatan", 11),
                k("17.71", "Kota Bengkulu", 9),
                k("35.29", "Kabupaten Sumenep", 27),
            ],
        };
        let codes = |q: &str| {
            index
                .search_areas(q, 5)
                .into_iter()
                .map(|(a, _)| a.code().to_string())
                .collect::<Vec<_>>()
        };
        // The province by its name, before the city of the same name; the city first when its
        // whole name is typed.
        assert_eq!(codes("Bengkulu"), ["17", "17.71", "17.01"]);
        assert_eq!(codes("Provinsi Bengkulu")[0], "17");
        assert_eq!(codes("prov bengkulu")[0], "17");
        assert_eq!(codes("kota bengkulu")[0], "17.71");
        assert_eq!(codes("jatim"), Vec::<String>::new(), "no nicknames");
        assert_eq!(codes("jawa timr"), ["35"], "a typo forgiven");
        assert_eq!(codes("sumenep"), ["35.29"]);
        assert_eq!(
            index
                .kabupaten_in("17")
                .map(|k| k.code.as_str())
                .collect::<Vec<_>>(),
            ["17.01", "17.71"]
        );
        assert_eq!(index.area_size("17"), Some((20, 200)));
        assert_eq!(index.area_size("35.29"), Some((27, 270)));
        assert_eq!(index.area_size("99"), None);
        assert_eq!(index.area_size("35.01"), None);
        assert_eq!(
            index.area_bytes("17"),
            Some(2_000),
            "its kabupaten/kota files together"
        );
        assert_eq!(index.area_bytes("35.29"), Some(2_700));
        assert_eq!(index.area_bytes("99"), None);
        assert_eq!(index.largest_bytes(), (2_700, 2_700));
    }

    #[test]
    fn a_file_lies_within_a_working_area() {
        // A kabupaten office: its own kabupaten only; a province's file may hold others.
        assert!(within("35.29", "35.29"));
        assert!(!within("35.28", "35.29"));
        assert!(!within("35", "35.29"));
        // A province office: its own province and every kabupaten/kota in it.
        assert!(within("35", "35"));
        assert!(within("35.29", "35"));
        assert!(!within("17.01", "35"));
        assert!(!within("17", "35"));
        // "35.2" is not a prefix by code parts.
        assert!(!within("35.290", "35.29"));
        assert!(!within("351", "35"));
    }

    #[test]
    fn kota_by_code() {
        let k = |code: &str| Kabupaten {
            code: code.into(),
            name: String::new(),
            kecamatan_count: 0,
            village_count: 0,
            bytes: 0,
        };
        assert!(!k("35.29").is_kota());
        assert!(!k("35.69").is_kota());
        assert!(k("35.71").is_kota());
        assert!(k("32.76").is_kota());
        assert_eq!(k("32.76").province_code(), "32");
    }
}
