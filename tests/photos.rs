//! Photos on records (issue 17): the `foto/<sha256>` fields and bundle format 1.4's `photos`.

use sentra::bundle::{self, Header, Scope};
use sentra::model::hlc::Clock;
use sentra::model::rules::Today;
use sentra::model::{Editor, Kind, Record};
use serde_json::{json, Map, Value};

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

fn header() -> Header {
    Header {
        created_ms: 1_795_421_730_123,
        device: "0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00".into(),
        officer: "Petugas Uji".into(),
        kabupaten: Some("35.29".into()),
        scope: Scope::All,
    }
}

fn editor(clock: &mut Clock, ms: u64) -> Editor<'_> {
    Editor {
        clock,
        officer: "Petugas Uji",
        now_ms: ms,
    }
}

/// An Usaha with the given photo fields set.
fn usaha(clock: &mut Clock, fotos: &[(&str, Value)]) -> Record {
    let mut ed = editor(clock, 1_795_400_000_000);
    let mut r = Record::new(Kind::Usaha, &mut ed);
    for (k, v) in [
        ("nama", json!("Keripik Tempe Bu Ani")),
        ("desa", json!("35.29.04.2006")),
        ("status", json!("aktif")),
    ] {
        r.set(k, v, &mut ed);
    }
    for (k, v) in fotos {
        r.set(k, v.clone(), &mut ed);
    }
    r
}

/// The hex SHA-256 of some bytes, as a photo's identity.
fn sha(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A 1.4 bundle as a later Sentra writes it, made by hand with the public API of any version:
/// a record with a `foto/<hash>` field and the top-level `photos` array carrying its bytes.
#[test]
fn a_reader_that_knows_no_photos_reads_the_records_and_ignores_them() {
    let bytes = b"\xff\xd8\xff\xe0 not really a jpeg".to_vec();
    let hash = sha(&bytes);
    let foto = json!({"jenis": "produk", "lebar": 1600, "tinggi": 1200, "ukuran": bytes.len(), "tipe": "image/jpeg"});
    let mut clock = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
    let record = usaha(&mut clock, &[(&format!("foto/{hash}"), foto.clone())]);
    let text = bundle::write(&header(), std::slice::from_ref(&record));
    let mut content: Map<String, Value> = serde_json::from_str(&text).unwrap();
    content.insert("version".into(), json!("1.4"));
    // Large enough that the outline is more than a few values.
    let data = "QUJD".repeat(50_000);
    content.insert(
        "photos".into(),
        json!([{"sha256": hash, "tipe": "image/jpeg", "data": data}]),
    );
    let signed = bundle::signed(content);
    let read = bundle::read(signed.as_bytes(), &today()).expect("read as a 1.3 reader reads");
    assert_eq!(read.records, vec![record], "the records intact, the photo field carried");
}
