//! The regions loaded on this device, searchable. Kabupaten sections are added as they arrive
//! (the officer's own first, a province or the whole country when asked); searches run over the
//! loaded part within a scope (a code prefix such as "35.29", "35", or "" for everything).

use super::search::{fold, match_name, Match, Scratch};
use super::{kecamatan_of, KabupatenData};
use std::collections::HashMap;
use std::ops::Range;

/// Names of one level, stored for fast scanning: all folded names in one string (one pass over
/// contiguous memory per keystroke), codes and display names beside them.
#[derive(Default)]
struct Table {
    folded: String,
    ends: Vec<u32>,
    codes: Vec<String>,
    names: Vec<String>,
    by_code: HashMap<String, usize>,
}

impl Table {
    fn push(&mut self, code: &str, name: &str) {
        self.by_code.insert(code.to_string(), self.codes.len());
        self.folded.push_str(&fold(name));
        self.ends.push(self.folded.len() as u32);
        self.codes.push(code.to_string());
        self.names.push(name.to_string());
    }

    fn len(&self) -> usize {
        self.codes.len()
    }

    fn folded(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.folded[start..self.ends[i] as usize]
    }

    fn name_of(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(|&i| self.names[i].as_str())
    }
}

/// One loaded kabupaten/kota: its rows in the kecamatan and village tables.
struct Loaded {
    code: String,
    kecamatan: Range<usize>,
    villages: Range<usize>,
}

#[derive(Default)]
pub struct Gazetteer {
    kabupaten: Table,
    kecamatan: Table,
    villages: Table,
    loaded: Vec<Loaded>,
}

/// A village hit, with the names that tell same-named villages apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VillageRef {
    pub code: String,
    pub name: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub quality: Match,
}

impl VillageRef {
    /// "Kertasada, Kec. Kalianget, Kabupaten Sumenep": enough to tell same-named villages apart.
    pub fn place(&self) -> String {
        format!("{}, Kec. {}, {}", self.name, self.kecamatan, self.kabupaten)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KecamatanRef {
    pub code: String,
    pub name: String,
    pub kabupaten: String,
    pub quality: Match,
}

impl Gazetteer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn has_kabupaten(&self, code: &str) -> bool {
        self.kabupaten.by_code.contains_key(code)
    }

    pub fn village_count(&self) -> usize {
        self.villages.len()
    }

    /// Adds kabupaten sections; one already loaded is skipped.
    pub fn add(&mut self, sections: impl IntoIterator<Item = KabupatenData>) {
        for kab in sections {
            if self.has_kabupaten(&kab.code) {
                continue;
            }
            self.kabupaten.push(&kab.code, &kab.name);
            let (kec_start, vil_start) = (self.kecamatan.len(), self.villages.len());
            for (code, name) in &kab.kecamatan {
                self.kecamatan.push(code, name);
            }
            for (code, name) in &kab.villages {
                self.villages.push(code, name);
            }
            self.loaded.push(Loaded {
                code: kab.code,
                kecamatan: kec_start..self.kecamatan.len(),
                villages: vil_start..self.villages.len(),
            });
        }
    }

    pub fn kabupaten_name(&self, code: &str) -> Option<&str> {
        self.kabupaten.name_of(code)
    }

    /// Every kecamatan code of the loaded kabupaten/kota under `area` (a kabupaten/kota `PP.KK`,
    /// or a province `PP`), in code order; empty when none is loaded.
    pub fn kecamatan_under(&self, area: &str) -> Vec<String> {
        let mut codes: Vec<String> = self
            .loaded
            .iter()
            .filter(|l| l.code.starts_with(area))
            .flat_map(|l| self.kecamatan.codes[l.kecamatan.clone()].iter().cloned())
            .collect();
        crate::sort::plain(&mut codes);
        codes
    }

    pub fn kecamatan_name(&self, code: &str) -> Option<&str> {
        self.kecamatan.name_of(code)
    }

    /// The village's own name (no copies made: exports ask once per row).
    pub fn village_name(&self, code: &str) -> Option<&str> {
        let i = *self.villages.by_code.get(code)?;
        Some(&self.villages.names[i])
    }

    /// The village of a code with its kecamatan and kabupaten names.
    pub fn village(&self, code: &str) -> Option<VillageRef> {
        let i = *self.villages.by_code.get(code)?;
        Some(self.village_ref(i, Match::Exact))
    }

    fn village_ref(&self, i: usize, quality: Match) -> VillageRef {
        let code = &self.villages.codes[i];
        VillageRef {
            code: code.clone(),
            name: self.villages.names[i].clone(),
            kecamatan: self
                .kecamatan_name(kecamatan_of(code))
                .unwrap_or_default()
                .to_string(),
            kabupaten: self
                .kabupaten_name(&code[..5])
                .unwrap_or_default()
                .to_string(),
            quality,
        }
    }

    /// The rows of the loaded kabupaten in `scope`, each marked whether it is `home`.
    fn in_scope<'a>(
        &'a self,
        scope: &'a str,
        home: &'a str,
        rows: fn(&Loaded) -> Range<usize>,
    ) -> impl Iterator<Item = (usize, bool)> + 'a {
        self.loaded
            .iter()
            .filter(move |l| l.code.starts_with(scope))
            .flat_map(move |l| {
                let is_home = !home.is_empty() && l.code.starts_with(home);
                rows(l).map(move |i| (i, is_home))
            })
    }

    /// Villages in `scope` (a code prefix) matching `query`, best first: exact, then beginning,
    /// then containing, then near misses; within each, villages of `home` (the officer's
    /// kabupaten) first, then shorter names, then by name.
    pub fn search_villages(
        &self,
        query: &str,
        scope: &str,
        home: &str,
        limit: usize,
    ) -> Vec<VillageRef> {
        let rows = self.in_scope(scope, home, |l| l.villages.clone());
        ranked(&self.villages, rows, query, limit)
            .into_iter()
            .map(|(i, q)| self.village_ref(i, q))
            .collect()
    }

    pub fn search_kecamatan(
        &self,
        query: &str,
        scope: &str,
        home: &str,
        limit: usize,
    ) -> Vec<KecamatanRef> {
        let rows = self.in_scope(scope, home, |l| l.kecamatan.clone());
        ranked(&self.kecamatan, rows, query, limit)
            .into_iter()
            .map(|(i, quality)| {
                let code = &self.kecamatan.codes[i];
                KecamatanRef {
                    code: code.clone(),
                    name: self.kecamatan.names[i].clone(),
                    kabupaten: self
                        .kabupaten_name(&code[..5])
                        .unwrap_or_default()
                        .to_string(),
                    quality,
                }
            })
            .collect()
    }

    /// When the officer wrote a kecamatan (a code, or a name as heard) that is not the chosen
    /// village's official one: the official kecamatan's name. `None` when they agree, when
    /// nothing was written, or when the village is not loaded.
    pub fn kecamatan_mismatch(&self, written: &str, village_code: &str) -> Option<String> {
        let written = written.trim();
        if written.is_empty() {
            return None;
        }
        let official_code = kecamatan_of(village_code);
        let official = self.kecamatan_name(official_code)?;
        let same = written == official_code || fold_kecamatan(written) == fold(official);
        (!same).then(|| official.to_string())
    }
}

/// A kecamatan as written, folded, without a leading "Kecamatan" or "Kec.".
fn fold_kecamatan(written: &str) -> String {
    let folded = fold(written);
    let bare = folded
        .strip_prefix("kecamatan")
        .or_else(|| folded.strip_prefix("kec"));
    bare.filter(|b| !b.is_empty())
        .unwrap_or(&folded)
        .to_string()
}

/// The best `limit` rows matching `query`: by match quality, then home first, then shorter
/// names, then by name.
fn ranked(
    table: &Table,
    rows: impl Iterator<Item = (usize, bool)>,
    query: &str,
    limit: usize,
) -> Vec<(usize, Match)> {
    let query = fold(query);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut scratch = Scratch::default();
    let mut hits: Vec<(Match, bool, usize, usize)> = Vec::new();
    for (i, is_home) in rows {
        let folded = table.folded(i);
        if let Some(quality) = match_name(&query, folded, &mut scratch) {
            hits.push((quality, !is_home, folded.len(), i));
        }
    }
    let key = |h: &(Match, bool, usize, usize)| (h.0, h.1, h.2, &table.names[h.3]);
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit - 1, |a, b| key(a).cmp(&key(b)));
        hits.truncate(limit);
    }
    crate::sort::by(&mut hits, |a, b| key(a).cmp(&key(b)));
    hits.into_iter().map(|h| (h.3, h.0)).collect()
}
