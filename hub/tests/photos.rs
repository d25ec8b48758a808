//! Photos at the hub (issue 17) over real TCP, on SQLite and (with `SENTRA_TEST_PG_URL`) on
//! PostgreSQL: upload, download, `missing`, the checks, tokens, and the scope rule (a photo is
//! taken and served only while a live record of the device's scope refers to it).

mod common;

use common::*;
use sentra::bundle::sha256_hex;
use sentra::model::photo::{photo_key, MAX_BYTES};
use sentra_hub::admin;
use sentra_hub::Db;
use serde_json::{json, Value};

/// A photo's bytes (the hub does not look inside them).
fn photo(what: &str) -> (String, Vec<u8>) {
    let bytes = [&[0xff, 0xd8, 0xff, 0xe0][..], what.as_bytes()].concat();
    (sha256_hex(&bytes), bytes)
}

fn reference(bytes: &[u8], tipe: &str) -> Value {
    json!({"jenis": "produk", "lebar": 1600, "tinggi": 1200, "ukuran": bytes.len(), "tipe": tipe})
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    bytes: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }

    /// The status and the JSON error's code.
    fn error(&self) -> (u16, String) {
        let code = self.json()["error"].as_str().unwrap_or("").to_string();
        (self.status, code)
    }
}

fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    Answer {
        status: r.status().as_u16(),
        headers,
        bytes: r.body_mut().read_to_vec().unwrap(),
    }
}

fn put(hub: &Hub, token: &str, hash: &str, tipe: &str, bytes: &[u8]) -> Answer {
    answer(
        hub.client
            .put(format!("{}/api/v1/photos/{hash}", hub.url))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", tipe)
            .send(bytes)
            .unwrap(),
    )
}

fn get(hub: &Hub, token: &str, hash: &str, etag: Option<&str>) -> Answer {
    let mut request = hub
        .client
        .get(format!("{}/api/v1/photos/{hash}", hub.url))
        .header("Authorization", &format!("Bearer {token}"));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    answer(request.call().unwrap())
}

fn missing(hub: &Hub, token: &str, hashes: &[&str]) -> Answer {
    answer(
        hub.client
            .post(format!("{}/api/v1/photos/missing", hub.url))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send(json!({ "sha256": hashes }).to_string())
            .unwrap(),
    )
}

fn photos_stored(db: &Db, rt: &tokio::runtime::Runtime) -> i64 {
    rt.block_on(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM photos").fetch_one(&db.pool))
        .unwrap()
}

#[test]
fn a_photo_goes_up_once_comes_back_byte_for_byte_and_only_inside_the_scope() {
    on_each_backend(|hub| {
        let stored = || photos_stored(&hub.db, &hub.rt);
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let (p1, jpeg) = photo("batik tulis");
        let (p2, webp) = photo("keripik tempe");
        let (stranger, stranger_bytes) = photo("bukan foto data mana pun");
        let u = a.new_usaha("Batik Sekar", "35.29.02.2004");
        assert!(a.edit(&u, &photo_key(&p1), reference(&jpeg, "image/jpeg")));
        assert!(a.edit(&u, &photo_key(&p2), reference(&webp, "image/webp")));

        // Before its record is pushed, no record of the scope needs it: refused, not stored.
        let early = put(hub, &a.token, &p1, "image/jpeg", &jpeg);
        assert_eq!(early.error(), (409, "photo_unreferenced".into()));
        assert!(early.json()["message"]
            .as_str()
            .unwrap()
            .contains("kirim datanya dulu"));
        let asked = missing(hub, &a.token, &[&p1, &p2, &stranger, &p1]);
        assert_eq!(asked.status, 200);
        assert_eq!(asked.json(), json!({"missing": [p1, p2, stranger]}));

        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(put(hub, &a.token, &p1, "image/jpeg", &jpeg).status, 201);
        let again = put(hub, &a.token, &p1, "image/jpeg; charset=binary", &jpeg);
        assert_eq!(again.status, 200, "the same photo again: already here");
        assert_eq!(stored(), 1);
        let asked = missing(hub, &a.token, &[&p1, &p2, &stranger]);
        assert_eq!(asked.json(), json!({"missing": [p2, stranger]}));
        assert_eq!(
            put(hub, &a.token, &stranger, "image/jpeg", &stranger_bytes).error(),
            (409, "photo_unreferenced".into())
        );

        let got = get(hub, &a.token, &p1, None);
        assert_eq!(got.status, 200);
        assert_eq!(got.bytes, jpeg, "byte for byte");
        assert_eq!(got.header("content-type"), "image/jpeg");
        assert_eq!(
            got.header("cache-control"),
            "private, max-age=31536000, immutable"
        );
        assert_eq!(got.header("etag"), format!("\"{p1}\""));
        assert_eq!(
            get(hub, &a.token, &p1, Some(got.header("etag"))).status,
            304
        );
        assert_eq!(
            get(hub, &a.token, &p2, None).error(),
            (404, "photo_not_found".into())
        );

        // Refused, and nothing stored: bytes of another photo, a type not a photo's, too large,
        // a path that is not a hash.
        let wrong = put(hub, &a.token, &p2, "image/webp", &jpeg);
        assert_eq!(wrong.error(), (400, "photo_hash".into()));
        assert!(wrong.json()["message"]
            .as_str()
            .unwrap()
            .contains("tidak cocok dengan sidik SHA-256"));
        assert_eq!(
            put(hub, &a.token, &p2, "image/png", &webp).error(),
            (415, "photo_type".into())
        );
        let huge = vec![0u8; MAX_BYTES as usize + 1];
        assert_eq!(
            put(hub, &a.token, &p2, "image/webp", &huge).error(),
            (413, "photo_size".into())
        );
        assert_eq!(
            put(hub, &a.token, "ABC", "image/webp", &webp).error(),
            (400, "request".into())
        );
        assert_eq!(stored(), 1);
        assert_eq!(put(hub, &a.token, &p2, "image/webp", &webp).status, 201);
        assert_eq!(
            get(hub, &a.token, &p2, None).header("content-type"),
            "image/webp"
        );
        assert_eq!(missing(hub, &a.token, &["ABC"]).error().0, 400);
        let many: Vec<&str> = std::iter::repeat_n(p1.as_str(), 1_001).collect();
        assert_eq!(missing(hub, &a.token, &many).error().0, 400);

        // Scope: another device of the kabupaten and a province device see it; one of another
        // kabupaten neither gets it nor can upload it.
        let b = hub.device("perangkat-b", "Budi", "35.29");
        assert_eq!(get(hub, &b.token, &p1, None).bytes, jpeg);
        let prov = hub.device("perangkat-p", "Dinas Jatim", "35");
        assert_eq!(get(hub, &prov.token, &p1, None).status, 200);
        let c = hub.device("perangkat-c", "Citra", "35.10");
        assert_eq!(
            get(hub, &c.token, &p1, None).error(),
            (404, "photo_not_found".into())
        );
        assert_eq!(put(hub, &c.token, &p1, "image/jpeg", &jpeg).error().0, 409);

        // The photo removed from its record: no live record refers to it any more.
        assert!(a.edit(&u, &photo_key(&p1), json!(false)));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(get(hub, &a.token, &p1, None).status, 404);
        assert_eq!(get(hub, &a.token, &p2, None).status, 200);

        // Tokens: none, unknown, revoked.
        for token in ["", "salah"] {
            assert_eq!(get(hub, token, &p2, None).error(), (401, "token".into()));
            assert_eq!(
                put(hub, token, &p2, "image/webp", &webp).error(),
                (401, "token".into())
            );
            assert_eq!(missing(hub, token, &[&p2]).error(), (401, "token".into()));
        }
        hub.rt
            .block_on(admin::revoke(&hub.db, "perangkat-a"))
            .unwrap();
        assert_eq!(
            get(hub, &a.token, &p2, None).error(),
            (401, "revoked".into())
        );
        assert_eq!(
            put(hub, &a.token, &p2, "image/webp", &webp).error(),
            (401, "revoked".into())
        );
        assert_eq!(stored(), 2);
    });
}

/// Records a hub stored before it kept photos' references are read for them once, at start.
#[test]
fn references_of_records_stored_before_are_found_at_start() {
    for backend in backends() {
        eprintln!("-- {}", backend.label());
        let hub = Hub::start(&backend, None);
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let (p1, jpeg) = photo("tenun");
        let u = a.new_usaha("Tenun Ikat", "35.29.02.2004");
        a.edit(&u, &photo_key(&p1), reference(&jpeg, "image/jpeg"));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        // As a hub before photos left it: no references, no mark that they were read.
        hub.rt.block_on(async {
            for sql in [
                "DELETE FROM photo_refs",
                "DELETE FROM hub_state WHERE key = 'photo_refs'",
            ] {
                sqlx::query(sql).execute(&hub.db.pool).await.unwrap();
            }
        });
        assert_eq!(put(&hub, &a.token, &p1, "image/jpeg", &jpeg).status, 409);
        drop(hub);
        let hub = Hub::start(&backend, None);
        assert_eq!(put(&hub, &a.token, &p1, "image/jpeg", &jpeg).status, 201);
        drop(hub);
        drop_backend(&backend);
    }
}
