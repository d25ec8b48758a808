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
}

impl Kabupaten {
    pub fn province_code(&self) -> &str {
        &self.code[..2]
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
        let folded = search::fold(query);
        // Officers write "Kab. Sumenep" or "Kabupaten Sumenep"; the bare name is what to find.
        let bare_query = ["kabupaten", "kab", "kota"]
            .iter()
            .find_map(|w| folded.strip_prefix(w).filter(|b| !b.is_empty()));
        if folded.is_empty() {
            return Vec::new();
        }
        let queries: Vec<&str> = std::iter::once(folded.as_str()).chain(bare_query).collect();
        let mut scratch = search::Scratch::default();
        let mut hits: Vec<(search::Match, usize, &Kabupaten)> = self
            .kabupaten
            .iter()
            .filter_map(|k| {
                let bare = k
                    .name
                    .strip_prefix("Kabupaten ")
                    .or_else(|| k.name.strip_prefix("Kota "))
                    .unwrap_or(&k.name);
                let names = [search::fold(&k.name), search::fold(bare)];
                let best = queries
                    .iter()
                    .flat_map(|q| {
                        names
                            .iter()
                            .map(|n| search::match_name(q, n, &mut scratch))
                            .collect::<Vec<_>>()
                    })
                    .flatten()
                    .min()?;
                Some((best, k.name.len(), k))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
        hits.into_iter()
            .take(limit)
            .map(|(m, _, k)| (k, m))
            .collect()
    }
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

/// The kabupaten/kota code (`PP.KK`) of any lower code.
pub fn kabupaten_of(code: &str) -> &str {
    code.get(..5).unwrap_or(code)
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
    fn kota_by_code() {
        let k = |code: &str| Kabupaten {
            code: code.into(),
            name: String::new(),
            kecamatan_count: 0,
            village_count: 0,
        };
        assert!(!k("35.29").is_kota());
        assert!(!k("35.69").is_kota());
        assert!(k("35.71").is_kota());
        assert!(k("32.76").is_kota());
        assert_eq!(k("32.76").province_code(), "32");
    }
}
