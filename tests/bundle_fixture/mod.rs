//! The records and header the bundle tests write (tests/bundles.rs, tests/bundle_docs.rs,
//! tests/photos.rs), and the fixture folder.
#![allow(dead_code)]

use sentra::bundle::{
    sha256_hex, signed, write_with_photos, BundleError, Header, Photo, Photos, Scope,
};
use sentra::model::hlc::Clock;
use sentra::model::photo::photo_key;
use sentra::model::rules::Today;
use sentra::model::{Editor, Kind, Record};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundles")
}

pub fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

/// Two officers' synthetic records: an Usaha, a Sentra with it as member (deleted, then
/// restored on another device), and a Kegiatan.
pub fn records() -> Vec<Record> {
    let mut a = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
    let mut b = Clock::new("7d9e1f20-8a2b-4c3d-9e4f-5a6b7c8d9e0f");
    let mut ed = Editor {
        clock: &mut a,
        officer: "Petugas Uji",
        now_ms: 1_795_400_000_000,
    };
    let mut usaha = Record::new(Kind::Usaha, &mut ed);
    for (k, v) in [
        ("nama", json!("Keripik Tempe Bu Ani")),
        ("pemilik", json!("Ani Uji")),
        ("telepon", json!("081234567890")),
        ("nib", json!("1234567890123")),
        ("desa", json!("35.29.04.2006")),
        ("status", json!("aktif")),
        ("tenaga_kerja", json!(6)),
        ("modal", json!(150_000_000)),
        // Brought in from the office's 2017 list (since 1.3).
        ("tahun_data/2017", json!(true)),
    ] {
        usaha.set(k, v, &mut ed);
    }
    let mut sentra = Record::new(Kind::Sentra, &mut ed);
    for (k, v) in [
        ("nama", json!("Sentra Keripik Bluto")),
        ("desa", json!("35.29.04.2006")),
        ("status", json!("terbentuk")),
        ("tahun_terbentuk", json!(2019)),
        ("anggota", json!([usaha.id.clone()])),
    ] {
        sentra.set(k, v, &mut ed);
    }
    sentra.set_deleted(true, &mut ed);
    let mut kegiatan = Record::new(Kind::Kegiatan, &mut ed);
    for (k, v) in [
        ("nama", json!("Pelatihan kemasan")),
        ("jenis", json!("pelatihan_kemasan")),
        ("tanggal", json!("2026-12-10")),
        ("peserta", json!([usaha.id.clone()])),
        // The sentra it concerns (since 1.2).
        ("sentra", json!(sentra.id.clone())),
    ] {
        kegiatan.set(k, v, &mut ed);
    }
    b.observe(&sentra.fields["_deleted"].stamp);
    let mut other = Editor {
        clock: &mut b,
        officer: "Petugas Lain",
        now_ms: 1_795_410_000_000,
    };
    sentra.set_deleted(false, &mut other);
    vec![usaha, sentra, kegiatan]
}

pub fn header() -> Header {
    Header {
        created_ms: 1_795_421_730_123,
        device: "0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00".into(),
        officer: "Petugas Uji".into(),
        kabupaten: Some("35.29".into()),
        scope: Scope::All,
    }
}

pub fn content(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap()
}

/// A photo's bytes (not a real image: the format checks hashes, not pixels).
pub fn photo_bytes(i: u8) -> Vec<u8> {
    let mut bytes = b"\xff\xd8\xff\xe0 foto ".to_vec();
    bytes.extend(std::iter::repeat_n(i, 40 + i as usize));
    bytes
}

/// A photo field's value for `bytes`.
pub fn photo_ref(jenis: &str, bytes: &[u8]) -> Value {
    json!({"jenis": jenis, "lebar": 1600, "tinggi": 1200, "ukuran": bytes.len(), "tipe": "image/jpeg"})
}

/// Gives `r` the photo `bytes` (a field `foto/<sha256>` saying `jenis`), and keeps its bytes in
/// `photos`.
pub fn add_photo(
    r: &mut Record,
    jenis: &str,
    bytes: Vec<u8>,
    ed: &mut Editor,
    photos: &mut Photos,
) {
    let hash = sha256_hex(&bytes);
    r.set(&photo_key(&hash), photo_ref(jenis, &bytes), ed);
    let tipe = "image/jpeg".into();
    photos.insert(hash, Photo { tipe, bytes });
}

/// An editor on a third device, which adds the photos.
pub fn photo_clock() -> Clock {
    Clock::new("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
}

pub fn photo_editor(clock: &mut Clock) -> Editor<'_> {
    Editor {
        clock,
        officer: "Petugas Foto",
        now_ms: 1_795_420_000_000,
    }
}

/// [`records`] with photos (the Usaha's products and place, the Kegiatan's attendance, added on
/// a third device), and the photos' bytes by hash.
pub fn records_with_photos() -> (Vec<Record>, Photos) {
    let mut records = records();
    let mut clock = photo_clock();
    let mut ed = photo_editor(&mut clock);
    let mut photos = Photos::new();
    for (i, (kind, jenis)) in [
        (Kind::Usaha, "produk"),
        (Kind::Usaha, "tempat"),
        (Kind::Kegiatan, "peserta"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = records.iter_mut().find(|r| r.kind == kind).unwrap();
        add_photo(r, jenis, photo_bytes(i as u8), &mut ed, &mut photos);
    }
    (records, photos)
}

/// The first Usaha's position in a bundle's records.
pub fn usaha_at(c: &Map<String, Value>) -> usize {
    c["records"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["kind"] == "usaha")
        .unwrap()
}

/// The fixtures of format 1.4's photos: carried, and one whose bytes do not match its hash.
pub fn photo_fixtures() -> Vec<(&'static str, Vec<u8>, Result<usize, BundleError>)> {
    let (records, photos) = records_with_photos();
    let valid = write_with_photos(&header(), &records, photos).unwrap();
    let mut damaged = content(&valid);
    // Another photo's bytes under the first one's hash.
    let other = damaged["photos"][1]["data"].clone();
    damaged["photos"][0]["data"] = other;
    vec![
        ("valid-photos.json", valid.into_bytes(), Ok(3)),
        (
            "photo-mismatch.json",
            signed(damaged).into_bytes(),
            Err(BundleError::Photo(String::new())),
        ),
    ]
}
