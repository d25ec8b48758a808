#![cfg(not(target_arch = "wasm32"))]
//! Photos on records (issue 17): the `foto/<sha256>` fields and bundle format 1.4's `photos`,
//! read by a reader that knows them and by one that does not; photos missing, damaged, or no
//! record's; photo fields merging as a set; the check refusing a malformed one; the export's
//! "Foto" column.

mod bundle_fixture;

use bundle_fixture::{
    content, dir, header, photo_bytes, photo_ref, records_with_photos, today, usaha_at,
};
use sentra::bundle::{self, sha256_hex, BundleError, Photo};
use sentra::i18n::Lang;
use sentra::model::hlc::Clock;
use sentra::model::merge::merged;
use sentra::model::photo::{photo_key, photos, referenced};
use sentra::model::{Editor, Id, Kind, Record};
use serde_json::{json, Map, Value};

fn read(text: &str) -> Result<bundle::Bundle, BundleError> {
    bundle::read(text.as_bytes(), &today())
}

/// A 1.4 bundle as a later Sentra writes it, made by hand with the public API of any version:
/// records with `foto/<hash>` fields and the top-level `photos` array carrying their bytes. Run
/// against the reader of format 1.3 before 1.4 was written (commit "A test that a 1.3 reader
/// reads…"), it passed: a reader ignores a top-level key it does not know and carries unknown
/// fields, so 1.4 is a minor version.
#[test]
fn a_reader_that_knows_no_photos_reads_the_records_and_ignores_them() {
    let (records, _) = records_with_photos();
    let text = bundle::write(&header(), &records);
    let mut content: Map<String, Value> = serde_json::from_str(&text).unwrap();
    // Large enough that the outline is more than a few values.
    let data = "QUJD".repeat(50_000);
    let hash = sha256_hex(&"ABC".repeat(50_000).into_bytes());
    content.insert(
        "photos".into(),
        json!([{"sha256": hash, "tipe": "image/jpeg", "data": data}]),
    );
    let read = read(&bundle::signed(content)).expect("read");
    let mut want = records;
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        read.records, want,
        "the records intact, the photo fields carried"
    );
}

/// The valid fixture with photos: every photo its records refer to, decoded to the bytes given.
#[test]
fn a_reader_that_knows_photos_takes_their_bytes() {
    let (records, given) = records_with_photos();
    let on_disk = std::fs::read(dir().join("valid-photos.json")).unwrap();
    let b = bundle::read_file(on_disk, &today()).unwrap();
    assert_eq!(b.photos.photos, given, "every byte as the sender had it");
    assert_eq!((b.photos.missing.len(), b.photos.ignored), (0, 0));
    assert_eq!(referenced(&b.records), referenced(&records));
    // Gzipped on the way (as a bundle over 1 MB leaves), the same bundle.
    let text = bundle::write_with_photos(&header(), &records, given.clone()).unwrap();
    let packed = bundle::gzip(text.clone());
    assert_eq!(
        bundle::read_file(packed, &today()).unwrap(),
        read(&text).unwrap()
    );
}

/// Sent "tanpa foto" (or the receiver has them): the records are taken, and the read result
/// names the photos they refer to that the file did not carry.
#[test]
fn a_photo_missing_from_a_bundle_is_reported_not_refused() {
    let (records, given) = records_with_photos();
    let b = read(&bundle::write(&header(), &records)).unwrap();
    assert_eq!(b.records.len(), 3);
    assert!(b.photos.photos.is_empty());
    assert_eq!(b.photos.missing, given.keys().cloned().collect::<Vec<_>>());
    // One of three left out: that one missing, the others taken.
    let mut fewer = given.clone();
    let gone = fewer.pop_first().unwrap().0;
    let b = read(&bundle::write_with_photos(&header(), &records, fewer).unwrap()).unwrap();
    assert_eq!(b.photos.missing, [gone]);
    assert_eq!(b.photos.photos.len(), 2);
}

/// Bytes that do not hash to their `sha256`: the whole file is refused, in words.
#[test]
fn a_photo_whose_bytes_do_not_match_its_hash_refuses_the_file() {
    let on_disk = std::fs::read(dir().join("photo-mismatch.json")).unwrap();
    let refused = bundle::read_file(on_disk.clone(), &today()).unwrap_err();
    let text = String::from_utf8(on_disk).unwrap();
    let first = content(&text)["photos"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(refused, BundleError::Photo(first.clone()));
    assert_eq!(
        refused.message(Lang::Id),
        format!(
            "Foto {} dalam berkas rusak (isinya tidak cocok dengan sidik SHA-256-nya). Tidak ada yang diubah. Minta pengirim membagikan ulang.",
            &first[..12]
        )
    );
    // Not base64 at all: the same.
    let mut c = content(&text);
    c["photos"][0]["data"] = json!("bukan base64!");
    assert_eq!(read(&bundle::signed(c)), Err(BundleError::Photo(first)));
}

/// A photo no live record in the bundle refers to is not taken, only counted; nor is one only
/// a deleted record refers to, which the writer does not carry either.
#[test]
fn a_photo_no_record_refers_to_is_ignored() {
    let (mut records, given) = records_with_photos();
    let extra = photo_bytes(9);
    let mut more = given.clone();
    more.insert(
        sha256_hex(&extra),
        Photo {
            tipe: "image/webp".into(),
            bytes: extra.clone(),
        },
    );
    let text = bundle::write_with_photos(&header(), &records, more).unwrap();
    assert_eq!(
        text,
        bundle::write_with_photos(&header(), &records, given.clone()).unwrap(),
        "the writer carries only the records' photos"
    );
    let mut c = content(&text);
    c["photos"].as_array_mut().unwrap().push(
        json!({"sha256": sha256_hex(&extra), "tipe": "image/webp", "data": base64_of(&extra)}),
    );
    let b = read(&bundle::signed(c)).unwrap();
    assert_eq!((b.photos.photos, b.photos.ignored), (given.clone(), 1));
    // The Kegiatan deleted: its photo stays home, and one sent anyway is not taken.
    let kegiatan = records
        .iter_mut()
        .find(|r| r.kind == Kind::Kegiatan)
        .unwrap();
    let mut clock = Clock::new("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    kegiatan.set_deleted(true, &mut editor(&mut clock, 1_795_430_000_000));
    let b = read(&bundle::write_with_photos(&header(), &records, given.clone()).unwrap()).unwrap();
    assert_eq!(b.photos.photos.len(), 2);
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn editor(clock: &mut Clock, ms: u64) -> Editor<'_> {
    Editor {
        clock,
        officer: "Petugas Uji",
        now_ms: ms,
    }
}

/// Two devices change one Usaha's photos while apart: one adds a photo, the other removes
/// another. Merged either way, both changes stay (photos are a set, one field each).
#[test]
fn photo_fields_merge_as_a_set() {
    let (records, given) = records_with_photos();
    let usaha = records.into_iter().find(|r| r.kind == Kind::Usaha).unwrap();
    let before: Vec<String> = photos(&usaha).into_iter().map(|(h, _)| h).collect();
    assert_eq!(before.len(), 2);
    let (mut a, mut b) = (usaha.clone(), usaha);
    let mut clock_a = Clock::new("device-a");
    let mut clock_b = Clock::new("device-b");
    let added = photo_bytes(7);
    let added_hash = sha256_hex(&added);
    a.set(
        &photo_key(&added_hash),
        photo_ref("izin", &added),
        &mut editor(&mut clock_a, 1_795_440_000_000),
    );
    b.set(
        &photo_key(&before[0]),
        json!(false),
        &mut editor(&mut clock_b, 1_795_450_000_000),
    );
    let one = merged(&a, &b);
    assert_eq!(one, merged(&b, &a), "the same whichever way");
    let after: Vec<String> = photos(&one).into_iter().map(|(h, _)| h).collect();
    assert_eq!(
        after,
        [before[1].clone(), added_hash.clone()],
        "tempat, then izin; produk removed"
    );
    assert!(given.contains_key(&before[0]) && !after.contains(&before[0]));
}

/// A received photo field must be a photo the kind allows, or `false`: else the file is refused,
/// naming the record and the field.
#[test]
fn the_check_refuses_a_malformed_photo_field() {
    let (records, _) = records_with_photos();
    let text = bundle::write(&header(), &records);
    let refused = |edit: &dyn Fn(&mut Map<String, Value>, &str)| {
        let mut c = content(&text);
        let at = usaha_at(&c);
        let key = c["records"][at]["fields"]
            .as_object()
            .unwrap()
            .keys()
            .find(|k| k.starts_with("foto/"))
            .unwrap()
            .clone();
        edit(&mut c, &key);
        read(&bundle::signed(c)).unwrap_err()
    };
    let lahan = refused(&|c, key| {
        let at = usaha_at(c);
        c["records"][at]["fields"][key]["v"]["jenis"] = json!("lahan");
    });
    let BundleError::Invalid { field, .. } = &lahan else {
        panic!("{lahan:?}")
    };
    assert!(field.starts_with("foto/"));
    assert!(lahan
        .message(Lang::Id)
        .contains("jenis foto \"lahan\" tidak dikenal untuk data ini"));
    let text_value = refused(&|c, key| {
        let at = usaha_at(c);
        c["records"][at]["fields"][key]["v"] = json!("foto.jpg");
    });
    assert!(text_value.message(Lang::Id).contains("keterangan foto"));
    let bad_name = refused(&|c, key| {
        let at = usaha_at(c);
        let field = c["records"][at]["fields"][key].clone();
        c["records"][at]["fields"]["foto/IMG_0001.jpg"] = field;
    });
    assert!(bad_name.message(Lang::Id).contains("sidik SHA-256"));
}

/// The export's "Foto" column: each photo's file name, never the field's raw description.
#[test]
fn the_export_lists_photos_by_file_name() {
    use sentra::names::Lookup;
    use sentra::report::export::{sheet, Cell};
    use sentra::wilayah::Gazetteer;
    let (records, _) = records_with_photos();
    let all: std::collections::BTreeMap<Id, Record> =
        records.iter().map(|r| (r.id.clone(), r.clone())).collect();
    let g = Gazetteer::new();
    let names = Lookup {
        lang: Lang::Id,
        gazetteer: &g,
        index: None,
        all: &all,
    };
    let usaha = sheet(Kind::Usaha, &records, &names, false);
    let at = usaha.headers.iter().position(|h| h == "Foto").unwrap();
    let r = records.iter().find(|r| r.kind == Kind::Usaha).unwrap();
    let want: Vec<String> = photos(r).iter().map(|(h, _)| format!("{h}.jpg")).collect();
    assert_eq!(usaha.rows[0][at], Cell::Text(want.join("; ")));
    let mitra = sheet(Kind::Mitra, &records, &names, false);
    assert!(
        !mitra.headers.iter().any(|h| h == "Foto"),
        "Mitra have no photos"
    );
    let sentra = sheet(Kind::Sentra, &records, &names, false);
    let at = sentra.headers.iter().position(|h| h == "Foto").unwrap();
    assert_eq!(sentra.rows[0][at], Cell::Empty, "none yet");
    assert!(usaha.rows[0]
        .iter()
        .all(|c| !matches!(c, Cell::Text(t) if t.contains("jenis"))));
}
