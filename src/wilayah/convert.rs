//! Build-time conversion of idn-area-data's CSV files into the app's region assets.
//!
//! Repairs the package's `"` written for an apostrophe (`Ra"as` is Ra'as) and checks that every
//! code is well formed and has its parent, so a broken package fails the build instead of
//! shipping bad data.

use super::{asset, is_code, Kabupaten, KabupatenData, Province, RegionIndex};
use std::collections::BTreeMap;

#[derive(Debug, PartialEq, Eq)]
pub struct ConvertError(pub String);

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConvertError {}

/// The four CSV files' contents.
pub struct Sources<'a> {
    pub provinces: &'a str,
    pub regencies: &'a str,
    pub districts: &'a str,
    pub villages: &'a str,
}

/// The converted data: the index and every kabupaten/kota, in code order.
#[derive(Debug)]
pub struct Dataset {
    pub index: RegionIndex,
    pub kabupaten: Vec<KabupatenData>,
    /// How many names had `"` repaired to `'`.
    pub repaired_names: usize,
}

impl Dataset {
    /// The asset files: `(relative path, contents)`.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = vec![("index.txt".to_string(), asset::encode_index(&self.index))];
        let mut by_province: BTreeMap<&str, String> = BTreeMap::new();
        for kab in &self.kabupaten {
            let text = asset::encode_kabupaten(kab);
            by_province
                .entry(&kab.code[..2])
                .or_default()
                .push_str(&text);
            files.push((
                format!("{}/kab/{}.txt", self.index.data_version, kab.code),
                text,
            ));
        }
        for (province, text) in by_province {
            files.push((
                format!("{}/prov/{province}.txt", self.index.data_version),
                text,
            ));
        }
        files
    }
}

/// Parses CSV (RFC 4180: quoted fields, `""` inside quotes) with a header row.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, ConvertError> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(ConvertError("CSV ends inside a quoted field".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(ConvertError("CSV is empty".into()));
    }
    rows.remove(0); // header
    Ok(rows)
}

/// A name as officers write it: the package's `"` for an apostrophe becomes `'`.
fn repair(name: &str) -> (String, bool) {
    let trimmed = name.trim();
    if trimmed.contains('"') {
        (trimmed.replace('"', "'"), true)
    } else {
        (trimmed.to_string(), false)
    }
}

struct Level {
    /// code → (parent code, name)
    rows: Vec<(String, String, String)>,
}

fn level(
    text: &str,
    file: &str,
    depth: usize,
    with_parent: bool,
    repaired: &mut usize,
) -> Result<Level, ConvertError> {
    let mut rows = Vec::new();
    for (n, row) in parse_csv(text)?.into_iter().enumerate() {
        let at = || format!("{file} row {}", n + 2);
        let (code, parent, name) = match (with_parent, row.as_slice()) {
            (false, [code, name]) => (code.clone(), String::new(), name.clone()),
            (true, [code, parent, name]) => (code.clone(), parent.clone(), name.clone()),
            _ => {
                return Err(ConvertError(format!(
                    "{}: expected {} columns",
                    at(),
                    if with_parent { 3 } else { 2 }
                )))
            }
        };
        if !is_code(&code, depth) {
            return Err(ConvertError(format!("{}: malformed code {code:?}", at())));
        }
        if with_parent && !code.starts_with(&format!("{parent}.")) {
            return Err(ConvertError(format!(
                "{}: code {code} is not under {parent}",
                at()
            )));
        }
        let (name, was_repaired) = repair(&name);
        if name.is_empty() || name.contains(['\t', '\n']) {
            return Err(ConvertError(format!("{}: unusable name {name:?}", at())));
        }
        *repaired += usize::from(was_repaired);
        rows.push((code, parent, name));
    }
    rows.sort();
    Ok(Level { rows })
}

pub fn convert(src: &Sources) -> Result<Dataset, ConvertError> {
    let mut repaired = 0;
    let provinces = level(src.provinces, "provinces.csv", 1, false, &mut repaired)?;
    let regencies = level(src.regencies, "regencies.csv", 2, true, &mut repaired)?;
    let districts = level(src.districts, "districts.csv", 3, true, &mut repaired)?;
    let villages = level(src.villages, "villages.csv", 4, true, &mut repaired)?;

    let mut kabupaten: BTreeMap<String, KabupatenData> = regencies
        .rows
        .iter()
        .map(|(code, _, name)| {
            (
                code.clone(),
                KabupatenData {
                    code: code.clone(),
                    name: name.clone(),
                    ..Default::default()
                },
            )
        })
        .collect();
    let province_codes: Vec<&String> = provinces.rows.iter().map(|(c, _, _)| c).collect();
    for (code, parent, _) in &regencies.rows {
        if !province_codes.contains(&parent) {
            return Err(ConvertError(format!(
                "regency {code} has no province {parent}"
            )));
        }
    }
    for (code, parent, name) in districts.rows {
        let kab = kabupaten
            .get_mut(&parent)
            .ok_or_else(|| ConvertError(format!("district {code} has no regency {parent}")))?;
        kab.kecamatan.push((code, name));
    }
    for (code, parent, name) in villages.rows {
        let kab = kabupaten
            .get_mut(&parent[..5])
            .filter(|k| k.kecamatan.iter().any(|(c, _)| *c == parent))
            .ok_or_else(|| ConvertError(format!("village {code} has no district {parent}")))?;
        kab.villages.push((code, name));
    }

    let kabupaten: Vec<KabupatenData> = kabupaten.into_values().collect();
    let mut index = RegionIndex {
        data_version: String::new(),
        provinces: provinces
            .rows
            .into_iter()
            .map(|(code, _, name)| Province { code, name })
            .collect(),
        kabupaten: kabupaten
            .iter()
            .map(|k| Kabupaten {
                code: k.code.clone(),
                name: k.name.clone(),
                kecamatan_count: k.kecamatan.len() as u32,
                village_count: k.villages.len() as u32,
                bytes: asset::encode_kabupaten(k).len() as u32,
            })
            .collect(),
    };
    let mut hash = Fnv64::default();
    hash.write(asset::encode_index(&index).as_bytes());
    for kab in &kabupaten {
        hash.write(asset::encode_kabupaten(kab).as_bytes());
    }
    index.data_version = format!("{:016x}", hash.0)[..12].to_string();
    Ok(Dataset {
        index,
        kabupaten,
        repaired_names: repaired,
    })
}

/// FNV-1a, 64 bit: a stable content hash for the data version (not for security).
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_escapes() {
        let rows =
            parse_csv("code,name\n1,\"Lubuk Pakam I,II\"\n2,\"Ra\"\"as\"\r\n3,plain").unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["1", "Lubuk Pakam I,II"],
                vec!["2", "Ra\"as"],
                vec!["3", "plain"]
            ]
        );
        assert!(parse_csv("a\n\"open").is_err());
        assert!(parse_csv("").is_err());
    }

    fn tiny(villages: &str) -> Result<Dataset, ConvertError> {
        convert(&Sources {
            provinces: "code,name\n35,Jawa Timur\n",
            regencies: "code,province_code,name\n35.29,35,Kabupaten Sumenep\n",
            districts: "code,regency_code,name\n35.29.22,35.29,\"Ra\"\"as\"\n",
            villages,
        })
    }

    #[test]
    fn apostrophes_are_repaired_and_parents_checked() {
        let data =
            tiny("code,district_code,name\n35.29.22.2015,35.29.22,\"Banra\"\"as\"\n").unwrap();
        assert_eq!(data.repaired_names, 2);
        assert_eq!(data.kabupaten[0].kecamatan[0].1, "Ra'as");
        assert_eq!(data.kabupaten[0].villages[0].1, "Banra'as");
        assert_eq!(data.index.data_version.len(), 12);

        let orphan = tiny("code,district_code,name\n35.29.23.2001,35.29.23,X\n").unwrap_err();
        assert!(orphan.0.contains("no district"), "{orphan}");
        let misfiled = tiny("code,district_code,name\n35.29.23.2001,35.29.22,X\n").unwrap_err();
        assert!(misfiled.0.contains("is not under"), "{misfiled}");
        let bad_code = tiny("code,district_code,name\n35.29.22.201,35.29.22,X\n").unwrap_err();
        assert!(bad_code.0.contains("malformed code"), "{bad_code}");
    }
}
