//! The bundle's own tests: writing and reading back, and every kind of bad file.

use super::*;
use crate::model::hlc::{Clock, MAX_AHEAD_MS};
use crate::model::Editor;
use serde_json::json;

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

pub(crate) fn sample() -> (Header, Vec<Record>) {
    let mut a = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
    let mut ed = Editor {
        clock: &mut a,
        officer: "Petugas Uji",
        now_ms: 1_795_400_000_000,
    };
    let mut usaha = Record::new(Kind::Usaha, &mut ed);
    for (k, v) in [
        ("nama", json!("Batik Sekar <script>")),
        ("desa", json!("35.29.02.2004")),
        ("status", json!("aktif")),
        ("modal", json!(50_000_000)),
    ] {
        usaha.set(k, v, &mut ed);
    }
    let mut sentra = Record::new(Kind::Sentra, &mut ed);
    for (k, v) in [
        ("nama", json!("Sentra Batik")),
        ("desa", json!("35.29.02.2004")),
        ("status", json!("rencana")),
        ("anggota", json!([usaha.id.clone()])),
    ] {
        sentra.set(k, v, &mut ed);
    }
    sentra.set_deleted(true, &mut ed);
    let header = Header {
        created_ms: 1_795_421_730_123,
        device: "0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00".into(),
        officer: "Petugas Uji".into(),
        kabupaten: Some("35.29".into()),
        scope: Scope::All,
    };
    (header, vec![sentra, usaha])
}

#[test]
fn a_written_bundle_reads_back_whole() {
    let (header, records) = sample();
    let text = write(&header, &records);
    let bundle = read(text.as_bytes(), &today()).unwrap();
    assert_eq!(bundle.header, header);
    assert_eq!(bundle.created, "2026-11-23T08:15:30.123Z");
    let mut want = records.clone();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(bundle.records, want);
    assert!(
        bundle.records.iter().any(Record::is_deleted),
        "tombstones travel"
    );
    assert!(bundle.checksum.starts_with("sha256:") && bundle.checksum.len() == 71);
    assert_eq!(
        write(&header, &records),
        text,
        "the same content, the same file"
    );
}

fn error_of(text: &str) -> BundleError {
    read(text.as_bytes(), &today()).unwrap_err()
}

use super::signed as resigned;

fn content() -> Map<String, Value> {
    let (header, records) = sample();
    serde_json::from_str(&write(&header, &records)).unwrap()
}

#[test]
fn every_kind_of_bad_file_gets_its_own_reason() {
    let good = {
        let (h, r) = sample();
        write(&h, &r)
    };
    assert_eq!(error_of("halo, ini bukan berkas"), BundleError::NotJson);
    assert_eq!(error_of(&good[..good.len() / 2]), BundleError::Truncated);
    assert_eq!(error_of("[1,2,3]"), BundleError::NotSentra);
    assert_eq!(
        error_of(r#"{"format":"other-app"}"#),
        BundleError::NotSentra
    );
    assert_eq!(
        read(&[0xff, 0xfe, b'{'], &today()).unwrap_err(),
        BundleError::NotUtf8
    );
    let mut c = content();
    c.insert("version".into(), json!("2.0"));
    assert_eq!(
        error_of(&resigned(c)),
        BundleError::FutureVersion("2.0".into())
    );
    assert_eq!(
        error_of(&good.replace("Batik Sekar", "Batik Palsu")),
        BundleError::Checksum
    );
    let mut c = content();
    let records = c["records"].as_array().unwrap().clone();
    c.insert(
        "records".into(),
        Value::Array(records.iter().chain(records.iter()).cloned().collect()),
    );
    assert!(matches!(
        error_of(&resigned(c)),
        BundleError::DuplicateId(_)
    ));
    let mut c = content();
    let usaha = c["records"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["kind"] == "usaha")
        .unwrap();
    c["records"][usaha]["fields"]["modal"]["v"] = json!(-5);
    let err = error_of(&resigned(c));
    assert!(
        matches!(&err, BundleError::Invalid { field, .. } if field == "modal"),
        "{err:?}"
    );
    assert!(err.message(Lang::Id).contains("modal"));
    let mut c = content();
    c["records"][0]["fields"]["nama"]["s"] = json!([1, 0, 9]);
    assert!(matches!(error_of(&resigned(c)), BundleError::Damaged(_)));
    let too_big = vec![b' '; MAX_BYTES + 1];
    assert_eq!(read(&too_big, &today()).unwrap_err(), BundleError::TooLarge);
}

/// Device A records the year formed, device B the year planned, later; merged, the pair
/// breaks the form's rule (formed before planned). The bundle still reads: refusing it would
/// block every export holding that record.
#[test]
fn records_valid_field_by_field_read_even_if_a_cross_field_rule_fails() {
    let (header, mut records) = sample();
    let sentra = records.iter_mut().find(|r| r.kind == Kind::Sentra).unwrap();
    let mut b = Clock::new("dev-b");
    let mut ed = Editor {
        clock: &mut b,
        officer: "B",
        now_ms: 1_795_450_000_000,
    };
    sentra.set("tahun_terbentuk", json!(2020), &mut ed);
    sentra.set("tahun_rencana", json!(2021), &mut ed);
    sentra.set("lat", json!(-7.0), &mut ed); // and a latitude without its longitude
    let bundle = read(write(&header, &records).as_bytes(), &today()).unwrap();
    assert_eq!(bundle.records.len(), 2);
}

#[test]
fn unknown_fields_from_a_newer_minor_version_are_tolerated() {
    let mut c = content();
    c.insert("version".into(), json!("1.4"));
    c.insert("catatan_pengirim".into(), json!("dari versi baru"));
    c["records"][0]["foto"] = json!("belum didukung");
    let bundle = read(resigned(c).as_bytes(), &today()).unwrap();
    assert_eq!(bundle.records.len(), 2);
}

/// The first Usaha's position in a sample bundle's records.
fn usaha_at(c: &Map<String, Value>) -> usize {
    c["records"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["kind"] == "usaha")
        .unwrap()
}

#[test]
fn stamps_further_ahead_than_the_bound_are_refused_naming_device_officer_and_date() {
    let now = today().clock_ms;
    let stamped = |wall: u64| {
        let mut c = content();
        let i = usaha_at(&c);
        c["records"][i]["fields"]["nama"]["s"][0] = json!(wall);
        read(resigned(c).as_bytes(), &today())
    };
    assert!(stamped(now + MAX_AHEAD_MS).is_ok(), "at the bound: taken");
    let err = stamped(now + MAX_AHEAD_MS + 1).unwrap_err();
    assert!(matches!(&err, BundleError::Ahead { officer, .. } if officer == "Petugas Uji"));
    let err = stamped(32_472_144_000_000).unwrap_err();
    let text = err.message(Lang::Id);
    assert!(
        text.contains("tanggalnya tampaknya salah")
            && text.contains("0f3b6a2c")
            && text.contains("Petugas Uji")
            && text.contains("1 Januari 2999 pukul 00.00 UTC")
            && text.contains("24 November 2026 pukul 00.00 UTC"),
        "{text}"
    );
    // A stamp a change was made over, or one it settled, counts as much as its own.
    let mut c = content();
    let i = usaha_at(&c);
    c["records"][i]["fields"]["nama"]["r"] = json!([32_472_144_000_000u64, 0, 0]);
    assert!(matches!(error_of(&resigned(c)), BundleError::Ahead { .. }));
    // And the file's own time.
    let mut c = content();
    c.insert("created_ms".into(), json!(now + MAX_AHEAD_MS + 1));
    assert!(matches!(error_of(&resigned(c)), BundleError::Ahead { .. }));
}

#[test]
fn values_of_the_wrong_json_type_are_refused_field_by_field() {
    for (kind, field, value) in [
        ("usaha", "nama", json!(7)),
        ("usaha", "nama", json!({"a": 1})),
        ("usaha", "modal", json!("50000000")),
        ("usaha", "modal", json!(1.5)),
        ("usaha", "status", json!(["aktif"])),
        ("sentra", "nama", json!(true)),
        ("sentra", "_deleted", json!(1)),
    ] {
        let mut c = content();
        let i = c["records"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["kind"] == kind)
            .unwrap();
        c["records"][i]["fields"][field]["v"] = value.clone();
        let err = error_of(&resigned(c));
        assert!(
            matches!(&err, BundleError::Invalid { field: f, .. } if f == field),
            "{kind}.{field} = {value}: {err:?}"
        );
        assert!(err.message(Lang::Id).contains("harus berupa"), "{err:?}");
    }
    // null clears any field; an unknown field (a newer minor version's) is carried as is.
    let mut c = content();
    let i = usaha_at(&c);
    c["records"][i]["fields"]["modal"]["v"] = Value::Null;
    c["records"][i]["fields"]["foto_baru"] = json!({"by": 0, "s": [1, 0, 0], "v": [1, 2]});
    assert!(read(resigned(c).as_bytes(), &today()).is_ok());
}

#[test]
fn record_ids_outside_the_pattern_are_refused() {
    for id in ["../x<script>", "", "a b", "satu/dua", &"x".repeat(101)] {
        let mut c = content();
        let i = usaha_at(&c);
        c["records"][i]["id"] = json!(id);
        assert_eq!(
            error_of(&resigned(c)),
            BundleError::BadId(id.to_string()),
            "{id:?}"
        );
    }
    let long = BundleError::BadId("<".repeat(5_000)).message(Lang::Id);
    assert!(long.len() < 600, "a huge id is cut in the message");
}

#[test]
fn a_byte_order_mark_before_the_text_is_accepted() {
    let (header, records) = sample();
    let text = write(&header, &records);
    let with_bom = [&[0xef, 0xbb, 0xbf][..], text.as_bytes()].concat();
    let bundle = read(&with_bom, &today()).unwrap();
    assert_eq!(bundle, read(text.as_bytes(), &today()).unwrap());
    assert_eq!(
        read_file(gzip(format!("\u{feff}{text}")), &today()).unwrap(),
        bundle
    );
}

#[test]
fn messages_name_the_problem_in_indonesian() {
    assert_eq!(
        BundleError::FutureVersion("2.0".into()).message(Lang::Id),
        "Berkas ini dibuat oleh Sentra versi lebih baru (format 2.0). Perbarui Sentra di perangkat ini lalu coba lagi."
    );
    for e in [
        BundleError::TooLarge,
        BundleError::NotUtf8,
        BundleError::NotJson,
        BundleError::Truncated,
        BundleError::NotSentra,
        BundleError::Checksum,
        BundleError::Damaged("x".into()),
        BundleError::DuplicateId("id-1".into()),
        BundleError::BadId("../x<script>".into()),
        BundleError::Ahead {
            device: "dev".into(),
            officer: "Petugas".into(),
            wall: 32_472_144_000_000,
            now: 1_795_478_400_000,
        },
    ] {
        let text = e.message(Lang::Id);
        assert!(!text.contains('{'), "{text}");
        assert_ne!(text, e.message(Lang::En));
    }
}
