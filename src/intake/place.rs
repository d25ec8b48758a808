//! Villages written as names in an office's list, matched to official codes with the pickers'
//! own search (case, spaces, hyphens and apostrophes folded, small misspellings forgiven:
//! "Aeng Tong-Tong" is Aengtongtong, "Kerta Sade" Kertasada), within the working area. A row's
//! kecamatan, when the list has one, tells same-named villages apart ("Poteran" is a village in
//! both Talango and Ra'as). What does not match exactly one village is never guessed: the
//! officer is shown the candidates and chooses, or leaves the row out.

use crate::wilayah::search::{fold, Match};
use crate::wilayah::{is_code, kecamatan_of, within};
use crate::wilayah::{Gazetteer, VillageRef};
use std::collections::HashMap;

/// Candidates shown for a village that matches more than one.
const CANDIDATES: usize = 6;

#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// One village. `kecamatan_differs`: the list's kecamatan is not its official one (the form
    /// keeps what the list wrote, as it keeps what an officer heard).
    Found {
        desa: String,
        kecamatan_differs: bool,
    },
    /// More than one village fits: the officer chooses among these.
    Several(Vec<VillageRef>),
    /// No village of the working area fits (or the code given is not one of them).
    NotFound,
    /// The row names no village.
    Missing,
}

/// Matches rows' places within a working area (`PP.KK` or `PP`), remembering each answer: a
/// list of 6,000 businesses names a few hundred villages. The gazetteer is lent at each call, so
/// a page can plan a long list in slices.
pub struct Places {
    area: String,
    known: HashMap<(String, String, String), Place>,
}

impl Places {
    pub fn new(area: &str) -> Self {
        Places {
            area: area.to_string(),
            known: HashMap::new(),
        }
    }

    /// The place of a row from its village code, village name and kecamatan name (any may be
    /// empty). A code, when given, decides alone.
    pub fn resolve(&mut self, g: &Gazetteer, code: &str, village: &str, kecamatan: &str) -> Place {
        let key = (
            code.trim().to_string(),
            village.trim().to_string(),
            kecamatan.trim().to_string(),
        );
        if let Some(p) = self.known.get(&key) {
            return p.clone();
        }
        let lookup = Lookup {
            gazetteer: g,
            area: &self.area,
        };
        let place = lookup.find(&key.0, &key.1, &key.2);
        self.known.insert(key, place.clone());
        place
    }
}

/// One search, with what it searches.
struct Lookup<'a> {
    gazetteer: &'a Gazetteer,
    area: &'a str,
}

impl Lookup<'_> {
    fn find(&self, code: &str, village: &str, kecamatan: &str) -> Place {
        if !code.is_empty() {
            let known = is_code(code, 4)
                && within(code, self.area)
                && self.gazetteer.village(code).is_some();
            return if known {
                Place::Found {
                    desa: code.to_string(),
                    kecamatan_differs: false,
                }
            } else {
                Place::NotFound
            };
        }
        let name = bare(village, &["desa", "kelurahan", "kel", "ds"]);
        if name.is_empty() {
            return Place::Missing;
        }
        let hits = self.gazetteer.search_villages(&name, self.area, "", 200);
        let kec = self.kecamatan_codes(kecamatan);
        // Villages of the row's kecamatan first; failing that, any in the area (the list's
        // kecamatan may be wrong, as reports' often are).
        let in_kec: Vec<&VillageRef> = hits
            .iter()
            .filter(|h| kec.iter().any(|k| kecamatan_of(&h.code) == k))
            .collect();
        let (pool, differs) = if in_kec.is_empty() {
            (
                hits.iter().collect::<Vec<_>>(),
                !kecamatan.trim().is_empty(),
            )
        } else {
            (in_kec, false)
        };
        let Some(best) = pool.iter().map(|h| h.quality).min() else {
            return Place::NotFound;
        };
        let top: Vec<&VillageRef> = pool.iter().copied().filter(|h| h.quality == best).collect();
        match (top.as_slice(), best) {
            ([one], Match::Exact | Match::Typo(_)) => Place::Found {
                desa: one.code.clone(),
                kecamatan_differs: differs,
            },
            _ => Place::Several(top.into_iter().take(CANDIDATES).cloned().collect()),
        }
    }

    /// Kecamatan codes in the area whose name is the one written (exactly, folded), or near it;
    /// or the code itself, when a list gives the kecamatan's code.
    fn kecamatan_codes(&self, written: &str) -> Vec<String> {
        let written_code = written.trim();
        if is_code(written_code, 3) {
            return within(written_code, self.area)
                .then(|| written_code.to_string())
                .into_iter()
                .collect();
        }
        let name = bare(written, &["kecamatan", "kec"]);
        if name.is_empty() {
            return Vec::new();
        }
        let hits = self.gazetteer.search_kecamatan(&name, self.area, "", 20);
        let Some(best) = hits.iter().map(|h| h.quality).min() else {
            return Vec::new();
        };
        if !matches!(best, Match::Exact | Match::Typo(_)) {
            return Vec::new();
        }
        hits.into_iter()
            .filter(|h| h.quality == best)
            .map(|h| h.code)
            .collect()
    }
}

/// A place's name without a leading word such as "Desa" or "Kec." ("Desa Bluto" → "Bluto"),
/// unless the name is nothing but that word.
fn bare(written: &str, prefixes: &[&str]) -> String {
    let t = written.trim();
    for p in prefixes {
        let rest = t
            .get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(|_| &t[p.len()..]);
        if let Some(rest) = rest.filter(|r| r.starts_with([' ', '.'])) {
            let rest = rest.trim_start_matches(['.', ' ']);
            if !fold(rest).is_empty() {
                return rest.to_string();
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wilayah::KabupatenData;

    fn gazetteer() -> Gazetteer {
        let mut g = Gazetteer::new();
        g.add([KabupatenData {
            code: "35.29".into(),
            name: "Kabupaten Sumenep".into(),
            kecamatan: vec![
                ("35.29.02".into(), "Kalianget".into()),
                ("35.29.04".into(), "Talango".into()),
                ("35.29.06".into(), "Saronggi".into()),
                ("35.29.22".into(), "Ra'as".into()),
            ],
            villages: vec![
                ("35.29.02.2004".into(), "Kertasada".into()),
                ("35.29.04.2006".into(), "Poteran".into()),
                ("35.29.22.2006".into(), "Poteran".into()),
                ("35.29.06.2012".into(), "Aengtongtong".into()),
                ("35.29.06.2001".into(), "Pakandangan Barat".into()),
                ("35.29.06.2002".into(), "Pakandangan Tengah".into()),
            ],
        }]);
        g
    }

    #[test]
    fn names_as_written_find_their_village() {
        let g = gazetteer();
        let mut p = Places::new("35.29");
        let found = |desa: &str| Place::Found {
            desa: desa.into(),
            kecamatan_differs: false,
        };
        assert_eq!(
            p.resolve(&g, "", "Aeng Tong-Tong", ""),
            found("35.29.06.2012")
        );
        assert_eq!(
            p.resolve(&g, "", "Desa Kerta Sade", "Kec. Kalianget"),
            found("35.29.02.2004")
        );
        assert_eq!(p.resolve(&g, "", "Poteran", "Raas"), found("35.29.22.2006"));
        assert_eq!(
            p.resolve(&g, "", "POTERAN", "talango"),
            found("35.29.04.2006")
        );
        assert_eq!(
            p.resolve(&g, "35.29.06.2012", "whatever", ""),
            found("35.29.06.2012"),
            "a code decides"
        );
    }

    #[test]
    fn a_kecamatan_code_tells_same_named_villages_apart_too() {
        let g = gazetteer();
        let mut p = Places::new("35.29");
        assert_eq!(
            p.resolve(&g, "", "Poteran", "35.29.22"),
            Place::Found {
                desa: "35.29.22.2006".into(),
                kecamatan_differs: false
            }
        );
    }

    #[test]
    fn a_wrong_kecamatan_is_kept_as_written_but_the_village_found() {
        let g = gazetteer();
        let mut p = Places::new("35.29");
        assert_eq!(
            p.resolve(&g, "", "Aeng Tong-Tong", "Bluto"),
            Place::Found {
                desa: "35.29.06.2012".into(),
                kecamatan_differs: true
            }
        );
    }

    #[test]
    fn what_is_not_one_village_is_never_guessed() {
        let g = gazetteer();
        let mut p = Places::new("35.29");
        let Place::Several(two) = p.resolve(&g, "", "Poteran", "") else {
            panic!("two Poteran without a kecamatan");
        };
        assert_eq!(two.len(), 2);
        let Place::Several(pak) = p.resolve(&g, "", "Pakandangan", "Saronggi") else {
            panic!("a beginning shared by two villages");
        };
        assert_eq!(pak.len(), 2);
        assert_eq!(p.resolve(&g, "", "Kampung Entah", ""), Place::NotFound);
        assert_eq!(p.resolve(&g, "", "", "Talango"), Place::Missing);
        assert_eq!(
            p.resolve(&g, "35.29.99.2001", "", ""),
            Place::NotFound,
            "an unknown code"
        );
        assert_eq!(
            p.resolve(&g, "35.09.01.2001", "", ""),
            Place::NotFound,
            "outside the area"
        );
        assert_eq!(
            bare("Desa", &["desa"]),
            "Desa",
            "a village named only 'Desa' stays"
        );
    }
}
