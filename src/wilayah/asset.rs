//! The compact text format of the region assets. Line based, tab separated, no quoting (names
//! never hold tabs or newlines; the converter checks).
//!
//! Index (`index.txt`):
//! ```text
//! V<data version>
//! P35<TAB>Jawa Timur
//! K35.29<TAB>Kabupaten Sumenep<TAB>27<TAB>334
//! ```
//! Kabupaten sections (`kab/35.29.txt`; a province file `prov/35.txt` is its sections one after
//! another). Kecamatan and village codes are written as suffixes of the section above them:
//! ```text
//! K35.29<TAB>Kabupaten Sumenep
//! C04<TAB>Talango
//! 2006<TAB>Poteran
//! ```

use super::{Kabupaten, KabupatenData, Province, RegionIndex};
use std::fmt::Write;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetError {
    pub line: usize,
    pub reason: &'static str,
}

impl std::fmt::Display for AssetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "region data line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for AssetError {}

pub fn encode_index(index: &RegionIndex) -> String {
    let mut out = format!("V{}\n", index.data_version);
    for p in &index.provinces {
        let _ = writeln!(out, "P{}\t{}", p.code, p.name);
    }
    for k in &index.kabupaten {
        let _ = writeln!(
            out,
            "K{}\t{}\t{}\t{}\t{}",
            k.code, k.name, k.kecamatan_count, k.village_count, k.bytes
        );
    }
    out
}

pub fn decode_index(text: &str) -> Result<RegionIndex, AssetError> {
    let mut index = RegionIndex::default();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let err = |reason| AssetError {
            line: n + 1,
            reason,
        };
        let mut chars = line.chars();
        let tag = chars.next();
        let fields: Vec<&str> = chars.as_str().split('\t').collect();
        match (tag.unwrap_or(' '), fields.as_slice()) {
            ('V', [version]) => index.data_version = version.to_string(),
            ('P', [code, name]) => index.provinces.push(Province {
                code: code.to_string(),
                name: name.to_string(),
            }),
            // The file size came later: an index without it reads as sizes not known.
            ('K', [code, name, kec, vil, bytes @ ..]) if bytes.len() <= 1 => {
                index.kabupaten.push(Kabupaten {
                    code: code.to_string(),
                    name: name.to_string(),
                    kecamatan_count: kec.parse().map_err(|_| err("bad kecamatan count"))?,
                    village_count: vil.parse().map_err(|_| err("bad village count"))?,
                    bytes: match bytes {
                        [b] => b.parse().map_err(|_| err("bad file size"))?,
                        _ => 0,
                    },
                })
            }
            _ => return Err(err("unknown line")),
        }
    }
    if index.data_version.is_empty() {
        return Err(AssetError {
            line: 1,
            reason: "no data version",
        });
    }
    Ok(index)
}

pub fn encode_kabupaten(kab: &KabupatenData) -> String {
    let mut out = format!("K{}\t{}\n", kab.code, kab.name);
    let mut villages = kab.villages.iter().peekable();
    for (kec_code, kec_name) in &kab.kecamatan {
        let _ = writeln!(out, "C{}\t{}", &kec_code[6..], kec_name);
        while let Some((code, name)) =
            villages.next_if(|(code, _)| code.starts_with(kec_code.as_str()))
        {
            let _ = writeln!(out, "{}\t{}", &code[9..], name);
        }
    }
    out
}

/// Decodes one or more kabupaten sections (a kabupaten file or a province file).
pub fn decode_kabupaten(text: &str) -> Result<Vec<KabupatenData>, AssetError> {
    let mut out: Vec<KabupatenData> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let err = |reason| AssetError {
            line: n + 1,
            reason,
        };
        let (code, name) = line.split_once('\t').ok_or(err("no tab"))?;
        if let Some(kab_code) = code.strip_prefix('K') {
            out.push(KabupatenData {
                code: kab_code.to_string(),
                name: name.to_string(),
                ..Default::default()
            });
            continue;
        }
        let kab = out.last_mut().ok_or(err("no kabupaten before this line"))?;
        if let Some(suffix) = code.strip_prefix('C') {
            kab.kecamatan
                .push((format!("{}.{suffix}", kab.code), name.to_string()));
        } else {
            let (kec_code, _) = kab
                .kecamatan
                .last()
                .ok_or(err("no kecamatan before this village"))?;
            kab.villages
                .push((format!("{kec_code}.{code}"), name.to_string()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> KabupatenData {
        KabupatenData {
            code: "35.29".into(),
            name: "Kabupaten Sumenep".into(),
            kecamatan: vec![
                ("35.29.04".into(), "Talango".into()),
                ("35.29.22".into(), "Ra'as".into()),
            ],
            villages: vec![
                ("35.29.04.2006".into(), "Poteran".into()),
                ("35.29.22.2006".into(), "Poteran".into()),
                ("35.29.22.2015".into(), "Banra'as".into()),
            ],
        }
    }

    #[test]
    fn kabupaten_round_trips_and_is_compact() {
        let text = encode_kabupaten(&sample());
        assert_eq!(text, "K35.29\tKabupaten Sumenep\nC04\tTalango\n2006\tPoteran\nC22\tRa'as\n2006\tPoteran\n2015\tBanra'as\n");
        assert_eq!(decode_kabupaten(&text).unwrap(), vec![sample()]);
        // A province file is sections one after another.
        let two = format!("{text}{text}");
        assert_eq!(decode_kabupaten(&two).unwrap().len(), 2);
    }

    #[test]
    fn index_round_trips() {
        let index = RegionIndex {
            data_version: "abc123".into(),
            provinces: vec![Province {
                code: "35".into(),
                name: "Jawa Timur".into(),
            }],
            kabupaten: vec![Kabupaten {
                code: "35.29".into(),
                name: "Kabupaten Sumenep".into(),
                kecamatan_count: 27,
                village_count: 334,
                bytes: 5_628,
            }],
        };
        assert_eq!(decode_index(&encode_index(&index)).unwrap(), index);
        let without_sizes = "Vabc123\nP35\tJawa Timur\nK35.29\tKabupaten Sumenep\t27\t334\n";
        assert_eq!(decode_index(without_sizes).unwrap().kabupaten[0].bytes, 0);
    }

    #[test]
    fn malformed_assets_are_errors_not_panics() {
        assert_eq!(
            decode_kabupaten("2006\tPoteran\n").unwrap_err().reason,
            "no kabupaten before this line"
        );
        assert_eq!(
            decode_kabupaten("K35.29\tX\n2006\tPoteran\n")
                .unwrap_err()
                .reason,
            "no kecamatan before this village"
        );
        assert_eq!(decode_kabupaten("K35.29 no tab").unwrap_err().line, 1);
        assert!(
            decode_index("P35\tJawa Timur\n").is_err(),
            "no version line"
        );
        assert_eq!(
            decode_index("V1\nK35.29\tX\tmany\t1\n").unwrap_err().line,
            2
        );
        assert!(decode_index("V1\nZ\n").is_err());
        assert!(
            decode_index("V1\néé\n").is_err(),
            "a multi-byte first character is an error"
        );
    }
}
