//! The region conversion and search over the real idn-area-data 4.0.1 CSVs (installed by
//! `make setup` into node_modules). Native; no browser.
#![cfg(not(target_arch = "wasm32"))]

use sentra::wilayah::convert::{convert, Dataset, Sources};
use sentra::wilayah::search::Match;
use sentra::wilayah::{asset, village_kind, Gazetteer, VillageKind};
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/node_modules/idn-area-data/data/"
        );
        let read = |f: &str| {
            std::fs::read_to_string(format!("{dir}{f}"))
                .unwrap_or_else(|e| panic!("{dir}{f}: {e}; run `make setup` first"))
        };
        let (p, r, d, v) = (
            read("provinces.csv"),
            read("regencies.csv"),
            read("districts.csv"),
            read("villages.csv"),
        );
        convert(&Sources {
            provinces: &p,
            regencies: &r,
            districts: &d,
            villages: &v,
        })
        .expect("the package converts")
    })
}

fn gazetteer(scope: &str) -> Gazetteer {
    let mut g = Gazetteer::new();
    g.add(
        data()
            .kabupaten
            .iter()
            .filter(|k| k.code.starts_with(scope))
            .cloned(),
    );
    g
}

#[test]
fn counts_equal_the_source() {
    let d = data();
    assert_eq!(d.index.provinces.len(), 38);
    assert_eq!(d.index.kabupaten.len(), 514);
    assert_eq!(d.index.kabupaten.iter().filter(|k| k.is_kota()).count(), 98);
    assert_eq!(
        d.kabupaten.iter().map(|k| k.kecamatan.len()).sum::<usize>(),
        7_285
    );
    let villages: Vec<&String> = d
        .kabupaten
        .iter()
        .flat_map(|k| k.villages.iter().map(|(c, _)| c))
        .collect();
    assert_eq!(villages.len(), 83_762);
    let kind = |want| {
        villages
            .iter()
            .filter(|c| village_kind(c) == Some(want))
            .count()
    };
    assert_eq!(
        (
            kind(VillageKind::Kelurahan),
            kind(VillageKind::Desa),
            kind(VillageKind::DesaAdat)
        ),
        (8_496, 75_252, 14)
    );
    assert_eq!(d.repaired_names, 16);
}

#[test]
fn kabupaten_sizes_match_domain_facts() {
    for (code, name, kec, vil) in [
        ("35.29", "Kabupaten Sumenep", 27, 334),
        ("35.09", "Kabupaten Jember", 31, 248),
        ("17.05", "Kabupaten Seluma", 14, 202),
        ("13.01", "Kabupaten Pesisir Selatan", 15, 182),
        ("32.76", "Kota Depok", 11, 63),
    ] {
        let k = data().index.kabupaten(code).unwrap();
        assert_eq!(
            (k.name.as_str(), k.kecamatan_count, k.village_count),
            (name, kec, vil),
            "{code}"
        );
    }
}

#[test]
fn apostrophes_are_repaired_everywhere() {
    let d = data();
    let all_names = d
        .kabupaten
        .iter()
        .flat_map(|k| k.kecamatan.iter().chain(k.villages.iter()).map(|(_, n)| n));
    assert!(all_names.clone().all(|n| !n.contains('"')));
    let g = gazetteer("35.29");
    assert_eq!(g.kecamatan_name("35.29.22"), Some("Ra'as"));
    assert_eq!(g.village("35.29.18.2015").unwrap().name, "Banra'as");
}

#[test]
fn assets_round_trip_exactly() {
    let d = data();
    let files = d.files();
    assert_eq!(files.len(), 1 + 514 + 38);
    let index = asset::decode_index(&files[0].1).unwrap();
    assert_eq!(index, d.index);
    let mut decoded = Vec::new();
    for (path, text) in &files[1..] {
        if path.contains("/prov/") {
            decoded.extend(asset::decode_kabupaten(text).unwrap());
        }
    }
    assert_eq!(
        decoded, d.kabupaten,
        "province files hold every kabupaten, unchanged"
    );
    let sumenep = files
        .iter()
        .find(|(p, _)| p.ends_with("/kab/35.29.txt"))
        .unwrap();
    // The index knows every file's size, offline: a province's file is its kabupaten/kota's.
    for (path, text) in &files[1..] {
        let code = path.rsplit('/').next().unwrap().trim_end_matches(".txt");
        assert_eq!(index.area_bytes(code), Some(text.len() as u64), "{path}");
    }
    assert!(
        sumenep.1.len() < 8_000,
        "one kabupaten is a few KB: {}",
        sumenep.1.len()
    );
}

#[test]
fn officers_spellings_find_sumenep_villages() {
    let g = gazetteer("35");
    let first = |q: &str| {
        g.search_villages(q, "35.29", "35.29", 5)
            .into_iter()
            .next()
            .unwrap()
    };
    assert_eq!(first("aeng tong tong").code, "35.29.06.2012");
    assert_eq!(first("aeng tong tong").kecamatan, "Saronggi");
    let raas = g.search_kecamatan("raas", "35.29", "35.29", 3);
    assert_eq!(raas[0].code, "35.29.22");
    assert_eq!(
        g.village("35.29.02.2004").unwrap().place(),
        "Kertasada, Kec. Kalianget, Kabupaten Sumenep"
    );
    let kerta = first("kerta sade");
    assert_eq!(
        (kerta.code.as_str(), kerta.name.as_str(), kerta.quality),
        ("35.29.02.2004", "Kertasada", Match::Typo(1))
    );
    assert_eq!(
        g.search_kecamatan("batang-batang", "35.29", "35.29", 1)[0].name,
        "Batang Batang"
    );
}

#[test]
fn same_named_villages_are_told_apart() {
    let g = gazetteer("35.29");
    let hits = g.search_villages("Poteran", "35.29", "35.29", 10);
    let exact: Vec<(&str, &str, &str)> = hits
        .iter()
        .filter(|h| h.quality == Match::Exact)
        .map(|h| (h.code.as_str(), h.kecamatan.as_str(), h.kabupaten.as_str()))
        .collect();
    assert_eq!(
        exact,
        vec![
            ("35.29.04.2006", "Talango", "Kabupaten Sumenep"),
            ("35.29.22.2006", "Ra'as", "Kabupaten Sumenep")
        ]
    );
    // Bojongsari is a kecamatan in Depok and in Purbalingga.
    let g = gazetteer("3");
    let bojong: Vec<String> = g
        .search_kecamatan("bojongsari", "", "", 5)
        .into_iter()
        .filter(|k| k.quality == Match::Exact)
        .map(|k| k.code)
        .collect();
    assert_eq!(bojong, vec!["32.76.11", "33.03.14"]);
}

#[test]
fn home_kabupaten_ranks_first_and_scope_limits() {
    let g = gazetteer("");
    assert_eq!(g.village_count(), 83_762);
    let from_sumenep = g.search_villages("poteran", "", "35.29", 2);
    assert!(from_sumenep.iter().all(|h| h.code.starts_with("35.29")));
    let in_depok = g.search_villages("pondok petir", "32.76", "", 3);
    assert_eq!(in_depok[0].code, "32.76.11.1004");
    assert!(in_depok.iter().all(|h| h.code.starts_with("32.76")));
    assert!(g.search_villages("", "", "", 10).is_empty());
    assert!(g.search_villages("'-", "", "", 10).is_empty());
}

#[test]
fn a_kecamatan_written_differently_is_pointed_out() {
    let g = gazetteer("35.29");
    // Reports say "Aeng Tong-Tong, Kecamatan Bluto"; it lies in Saronggi.
    assert_eq!(
        g.kecamatan_mismatch("Bluto", "35.29.06.2012").as_deref(),
        Some("Saronggi")
    );
    assert_eq!(
        g.kecamatan_mismatch("35.29.02", "35.29.06.2012").as_deref(),
        Some("Saronggi")
    );
    assert_eq!(g.kecamatan_mismatch("Saronggi", "35.29.06.2012"), None);
    assert_eq!(g.kecamatan_mismatch("Kec. saronggi", "35.29.06.2012"), None);
    assert_eq!(g.kecamatan_mismatch("35.29.06", "35.29.06.2012"), None);
    assert_eq!(g.kecamatan_mismatch("raas", "35.29.22.2006"), None);
    assert_eq!(g.kecamatan_mismatch("  ", "35.29.06.2012"), None);
}
