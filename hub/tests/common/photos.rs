//! What the photo tests share: photos and their references, the photo requests and their
//! answers, and what the hub's photo tables hold.

use super::{Device, Hub};
use sentra::bundle::{sha256_hex, signed, Photo, Photos};
use sentra_hub::Db;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A photo's bytes (the hub does not look inside them).
pub fn photo(what: &str) -> (String, Vec<u8>) {
    let bytes = [&[0xff, 0xd8, 0xff, 0xe0][..], what.as_bytes()].concat();
    (sha256_hex(&bytes), bytes)
}

pub fn reference(bytes: &[u8], tipe: &str) -> Value {
    json!({"jenis": "produk", "lebar": 1600, "tinggi": 1200, "ukuran": bytes.len(), "tipe": tipe})
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }

    /// The status and the JSON error's code.
    pub fn error(&self) -> (u16, String) {
        let code = self.json()["error"].as_str().unwrap_or("").to_string();
        (self.status, code)
    }
}

pub fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
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

pub fn put(hub: &Hub, token: &str, hash: &str, tipe: &str, bytes: &[u8]) -> Answer {
    answer(
        hub.client
            .put(format!("{}/api/v1/photos/{hash}", hub.url))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", tipe)
            .send(bytes)
            .unwrap(),
    )
}

pub fn get(hub: &Hub, token: &str, hash: &str, etag: Option<&str>) -> Answer {
    let mut request = hub
        .client
        .get(format!("{}/api/v1/photos/{hash}", hub.url))
        .header("Authorization", &format!("Bearer {token}"));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    answer(request.call().unwrap())
}

pub fn missing(hub: &Hub, token: &str, hashes: &[&str]) -> Answer {
    answer(
        hub.client
            .post(format!("{}/api/v1/photos/missing", hub.url))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send(json!({ "sha256": hashes }).to_string())
            .unwrap(),
    )
}

pub fn photos_stored(db: &Db, rt: &tokio::runtime::Runtime) -> i64 {
    rt.block_on(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM photos").fetch_one(&db.pool))
        .unwrap()
}

/// The photos the hub holds: each one's hash and the device it came from.
pub fn photo_rows(hub: &Hub) -> BTreeMap<String, String> {
    hub.rt
        .block_on(
            sqlx::query_as::<_, (String, String)>("SELECT sha256, device FROM photos")
                .fetch_all(&hub.db.pool),
        )
        .unwrap()
        .into_iter()
        .collect()
}

pub fn hashes(hub: &Hub) -> BTreeSet<String> {
    photo_rows(hub).into_keys().collect()
}

pub fn set(hashes: &[&String]) -> BTreeSet<String> {
    hashes.iter().map(|h| h.to_string()).collect()
}

/// Photos the hub holds that no stored record refers to: never any.
pub fn orphans(hub: &Hub) -> i64 {
    hub.rt
        .block_on(
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM photos p
                 WHERE NOT EXISTS (SELECT 1 FROM photo_refs r WHERE r.sha256 = p.sha256)",
            )
            .fetch_one(&hub.db.pool),
        )
        .unwrap()
}

pub fn photos_of(list: &[(&String, &Vec<u8>, &str)]) -> Photos {
    list.iter()
        .map(|(hash, bytes, tipe)| {
            let photo = Photo {
                tipe: tipe.to_string(),
                bytes: bytes.to_vec(),
            };
            (hash.to_string(), photo)
        })
        .collect()
}

/// A bundle (plain JSON) with its `photos` array edited on purpose, signed again.
pub fn with_photos_edited(bundle: &[u8], edit: impl FnOnce(&mut Vec<Value>)) -> Vec<u8> {
    let Value::Object(mut content) = serde_json::from_slice(bundle).unwrap() else {
        panic!("a bundle is an object")
    };
    edit(content["photos"].as_array_mut().unwrap());
    signed(content).into_bytes()
}

/// A photo stored with no record referring to it, as a hub before that rule could leave one:
/// its hash.
pub fn store_unreferenced(hub: &Hub, what: &str) -> String {
    let (hash, bytes) = photo(what);
    hub.rt.block_on(async {
        sqlx::query(
            "INSERT INTO photos (sha256, tipe, size, received_ms, device, bytes)
             VALUES ($1, 'image/jpeg', $2, 0, 'perangkat-lama', $3)",
        )
        .bind(hash.as_str())
        .bind(bytes.len() as i64)
        .bind(bytes)
        .execute(&hub.db.pool)
        .await
        .unwrap();
    });
    hash
}

/// The element of a bundle's `photos` the app's writer makes for these bytes (taken from a
/// bundle of a throwaway record of `device` that refers to them).
pub fn element_of(device: &mut Device, hash: &String, bytes: &Vec<u8>) -> Value {
    let record = device.new_usaha("Sementara", "35.29.02.2004");
    device.edit(
        &record,
        &sentra::model::photo::photo_key(hash),
        reference(bytes, "image/jpeg"),
    );
    let carrier = device.bundle_with_photos(&[&record], photos_of(&[(hash, bytes, "image/jpeg")]));
    device.records.remove(record.as_str());
    serde_json::from_slice::<Value>(&carrier).unwrap()["photos"][0].take()
}
