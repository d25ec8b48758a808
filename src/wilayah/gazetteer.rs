//! The regions loaded on this device, searchable. Kabupaten sections are added as they arrive
//! (the officer's own first, a province or the whole country when asked); searches run over the
//! loaded part within a scope (a code prefix such as "35.29", "35", or "" for everything).

use super::search::{fold, match_name, Match, Scratch};
use super::{kecamatan_of, KabupatenData};
use std::collections::HashMap;

struct Name {
    code: String,
    name: String,
    folded: String,
}

impl Name {
    fn new(code: &str, name: &str) -> Self {
        Name {
            code: code.to_string(),
            name: name.to_string(),
            folded: fold(name),
        }
    }
}

#[derive(Default)]
pub struct Gazetteer {
    kabupaten: Vec<Name>,
    kecamatan: Vec<Name>,
    villages: Vec<Name>,
    kecamatan_by_code: HashMap<String, usize>,
    kabupaten_by_code: HashMap<String, usize>,
    village_by_code: HashMap<String, usize>,
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
        self.kabupaten_by_code.contains_key(code)
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
            self.kabupaten_by_code
                .insert(kab.code.clone(), self.kabupaten.len());
            self.kabupaten.push(Name::new(&kab.code, &kab.name));
            for (code, name) in &kab.kecamatan {
                self.kecamatan_by_code
                    .insert(code.clone(), self.kecamatan.len());
                self.kecamatan.push(Name::new(code, name));
            }
            for (code, name) in &kab.villages {
                self.village_by_code
                    .insert(code.clone(), self.villages.len());
                self.villages.push(Name::new(code, name));
            }
        }
    }

    pub fn kabupaten_name(&self, code: &str) -> Option<&str> {
        self.kabupaten_by_code
            .get(code)
            .map(|&i| self.kabupaten[i].name.as_str())
    }

    pub fn kecamatan_name(&self, code: &str) -> Option<&str> {
        self.kecamatan_by_code
            .get(code)
            .map(|&i| self.kecamatan[i].name.as_str())
    }

    /// The village of a code with its kecamatan and kabupaten names.
    pub fn village(&self, code: &str) -> Option<VillageRef> {
        let v = &self.villages[*self.village_by_code.get(code)?];
        Some(self.village_ref(v, Match::Exact))
    }

    fn village_ref(&self, v: &Name, quality: Match) -> VillageRef {
        VillageRef {
            code: v.code.clone(),
            name: v.name.clone(),
            kecamatan: self
                .kecamatan_name(kecamatan_of(&v.code))
                .unwrap_or_default()
                .to_string(),
            kabupaten: self
                .kabupaten_name(&v.code[..5])
                .unwrap_or_default()
                .to_string(),
            quality,
        }
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
        ranked(&self.villages, query, scope, home, limit)
            .into_iter()
            .map(|(i, q)| self.village_ref(&self.villages[i], q))
            .collect()
    }

    pub fn search_kecamatan(
        &self,
        query: &str,
        scope: &str,
        home: &str,
        limit: usize,
    ) -> Vec<KecamatanRef> {
        ranked(&self.kecamatan, query, scope, home, limit)
            .into_iter()
            .map(|(i, quality)| {
                let k = &self.kecamatan[i];
                KecamatanRef {
                    code: k.code.clone(),
                    name: k.name.clone(),
                    kabupaten: self
                        .kabupaten_name(&k.code[..5])
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

fn ranked(
    names: &[Name],
    query: &str,
    scope: &str,
    home: &str,
    limit: usize,
) -> Vec<(usize, Match)> {
    let query = fold(query);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut scratch = Scratch::default();
    let mut hits: Vec<(Match, bool, usize, usize)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if !n.code.starts_with(scope) {
            continue;
        }
        if let Some(quality) = match_name(&query, &n.folded, &mut scratch) {
            hits.push((
                quality,
                !(!home.is_empty() && n.code.starts_with(home)),
                n.folded.len(),
                i,
            ));
        }
    }
    let key = |h: &(Match, bool, usize, usize)| (h.0, h.1, h.2, &names[h.3].name);
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit - 1, |a, b| key(a).cmp(&key(b)));
        hits.truncate(limit);
    }
    hits.sort_by(|a, b| key(a).cmp(&key(b)));
    hits.into_iter().map(|h| (h.3, h.0)).collect()
}
