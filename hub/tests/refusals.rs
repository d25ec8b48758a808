//! What the hub refuses, over real TCP on 127.0.0.1, on SQLite and (with `SENTRA_TEST_PG_URL`) on
//! PostgreSQL: records outside the scope, wrong and revoked tokens, malformed, oversized and
//! gzip-bomb bodies, a database that is gone, a device that disconnects mid-upload; each leaving
//! nothing written. (Cut out of `sync.rs`, which had passed 500 lines.)

mod common;

use common::*;
use sentra::bundle::{self, MAX_BYTES};
use sentra_hub::admin;
use sentra_hub::db::now_ms;
use serde_json::json;

#[test]
fn records_outside_the_scope_are_refused_by_id_and_nothing_is_written() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let inside = a.new_usaha("Di Sumenep", "35.29.02.2004");
        let outside = a.new_usaha("Di Surabaya", "35.78.01.1001");
        let (status, answer) = hub.push_bytes(&a.token, &a.bundle_all());
        assert_eq!(status, 403, "{answer}");
        assert_eq!(answer["error"], "scope");
        assert_eq!(answer["records"], json!([outside]));
        let message = answer["message"].as_str().unwrap();
        assert!(
            message.contains(&outside) && message.contains("35.29"),
            "{message}"
        );
        assert_eq!(hub.stored(), (0, 0), "nothing written");

        // Inside only: taken. A record without a region goes to the officer's kabupaten.
        let mitra = a.new_mitra("Koperasi");
        let (status, _) = hub.push_bytes(&a.token, &a.bundle_of(&[&inside, &mitra]));
        assert_eq!(status, 200);

        // Another kabupaten's officer neither sees them nor can change them.
        let mut c = hub.device("perangkat-c", "Citra", "35.78");
        assert_eq!(hub.pull_raw(&c.token, 0, None).bundle().records.len(), 0);
        c.receive(&a.records[mitra.as_str()]);
        c.edit(&mitra, "catatan", json!("dari Surabaya"));
        let (status, answer) = hub.push_bytes(&c.token, &c.bundle_of(&[&mitra]));
        assert_eq!((status, &answer["records"]), (403, &json!([mitra])));
        // Moving a record into another kabupaten is refused too.
        a.edit(&inside, "desa", json!("35.78.01.1001"));
        let (status, _) = hub.push_bytes(&a.token, &a.bundle_of(&[&inside]));
        assert_eq!(status, 403);

        // A province-wide role sees every kabupaten of its province, and only those.
        c.records.clear();
        c.new_usaha("Di Surabaya", "35.78.01.1001");
        let (status, _) = hub.push_bytes(&c.token, &c.bundle_all());
        assert_eq!(status, 200);
        let mut d = hub.device("perangkat-d", "Dinas Jatim", "35");
        d.pull_all(hub, None);
        assert_eq!(d.records.len(), 3);
        let e = hub.device("perangkat-e", "Dinas Bali", "51");
        assert_eq!(hub.pull_raw(&e.token, 0, None).bundle().records.len(), 0);
        assert_eq!(hub.stored(), (3, 3));
    });
}

#[test]
fn wrong_and_revoked_tokens_are_refused() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a-0001", "Ani", "35.29");
        a.new_usaha("Batik", "35.29.02.2004");
        for token in ["", "salah", &"0".repeat(64)] {
            let (status, body) = hub.push_bytes(token, &a.bundle_all());
            assert_eq!((status, body["error"].as_str()), (401, Some("token")));
            assert_eq!(hub.pull_raw(token, 0, None).status, 401);
        }
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        let revoked = hub
            .rt
            .block_on(admin::revoke(&hub.db, "perangkat-a"))
            .unwrap();
        assert_eq!(revoked, "perangkat-a-0001");
        let (status, body) = hub.push_bytes(&a.token, &a.bundle_all());
        assert_eq!(status, 401);
        assert_eq!(body["error"], "revoked");
        assert_eq!(body["message"], "Perangkat ini dicabut oleh kantor");
        let page = hub.pull_raw(&a.token, 0, None);
        assert_eq!(page.status, 401);
        assert!(page.text.contains("\"revoked\""));
        // A new code from the office enrols it again, with a new token.
        let again = hub.device("perangkat-a-0001", "Ani", "35.29");
        assert_ne!(again.token, a.token);
        assert_eq!(hub.pull_raw(&again.token, 0, None).status, 200);
        assert_eq!(hub.pull_raw(&a.token, 0, None).status, 401);
    });
}

#[test]
fn malformed_oversized_and_gzip_bomb_bodies_are_refused_and_nothing_is_written() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let u = a.new_usaha("Batik", "35.29.02.2004");
        let good = String::from_utf8(a.bundle_all()).unwrap();
        let refused = |bytes: &[u8], status: u16, words: &str| {
            let (got, body) = hub.push_bytes(&a.token, bytes);
            assert_eq!(got, status, "{body}");
            assert_eq!(body["error"], "bundle");
            let message = body["message"].as_str().unwrap();
            assert!(message.contains(words), "{message}");
            assert_eq!(hub.stored(), (0, 0), "nothing written");
        };
        refused(b"", 422, "terpotong");
        refused(b"bukan json", 422, "bukan berkas data Sentra");
        refused(&good.as_bytes()[..good.len() / 2], 422, "terpotong");
        refused(good.replace("Batik", "Batix").as_bytes(), 422, "berubah");
        refused(&[0xff, 0xfe, 0x00], 422, "bukan teks");
        // A record another rule refuses (negative capital), re-signed so the checksum holds.
        let mut content: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&good).unwrap();
        content["records"][0]["fields"]["modal"] = json!({"v": -5, "s": [now_ms(), 0, 0], "by": 0});
        refused(bundle::signed(content).as_bytes(), 422, "modal");
        // A gzip bomb: 1 MB on the wire, over 100 MB unpacked.
        let bomb = bundle::gzip(" ".repeat(MAX_BYTES + 1_000));
        assert!(bomb.len() < 1_000_000, "{}", bomb.len());
        refused(&bomb, 422, "terlalu besar");
        // Over the limit on the wire: refused without reading the rest.
        refused(&vec![b' '; MAX_BYTES + 1], 413, "terlalu besar");
        // The good one still goes in.
        let (status, _) = hub.push_bytes(&a.token, good.as_bytes());
        assert_eq!(status, 200);
        assert_eq!(hub.stored(), (1, 1));
        assert!(a.records.contains_key(u.as_str()));
    });
}

#[test]
fn a_hub_without_its_database_answers_503_and_the_app_is_served_beside_the_api() {
    let dist = std::env::temp_dir().join(format!("sentra-hub-dist-{}", std::process::id()));
    std::fs::create_dir_all(dist.join("wilayah")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>Sentra</title>",
    )
    .unwrap();
    std::fs::write(dist.join("wilayah/index.txt"), "35\tJawa Timur").unwrap();
    // The build's precompressed copy (tools/compress.mjs): its bytes stand in for brotli here.
    std::fs::write(dist.join("wilayah/index.txt.br"), "brotli bytes").unwrap();
    for backend in backends() {
        let hub = Hub::start(&backend, Some(dist.clone()));
        let a = hub.device("perangkat-a", "Ani", "35.29");
        let get = |path: &str| {
            let mut r = hub.client.get(format!("{}{path}", hub.url)).call().unwrap();
            let text = r.body_mut().read_to_string().unwrap();
            (r.status().as_u16(), text)
        };
        assert_eq!(get("/").1, "<!doctype html><title>Sentra</title>");
        assert_eq!(get("/usaha/baru"), (200, get("/").1), "SPA fallback");
        assert_eq!(get("/wilayah/index.txt").1, "35\tJawa Timur");
        // A browser accepting brotli gets the precompressed copy, marked so; gzip alone (no
        // .gz copy here) gets the file itself.
        let mut r = hub
            .client
            .get(format!("{}/wilayah/index.txt", hub.url))
            .header("Accept-Encoding", "gzip, br")
            .call()
            .unwrap();
        assert_eq!(r.headers()["content-encoding"], "br");
        assert_eq!(r.body_mut().read_to_string().unwrap(), "brotli bytes");
        let mut r = hub
            .client
            .get(format!("{}/wilayah/index.txt", hub.url))
            .header("Accept-Encoding", "gzip")
            .call()
            .unwrap();
        assert!(r.headers().get("content-encoding").is_none());
        assert_eq!(r.body_mut().read_to_string().unwrap(), "35\tJawa Timur");
        let (status, text) = get("/api/v1/tidak-ada");
        assert_eq!(status, 404);
        assert!(text.contains("\"not_found\""), "{text}");

        // The app served from another address may call the API (bearer tokens, no cookies).
        let r = hub
            .client
            .options(format!("{}/api/v1/pull", hub.url))
            .header("Origin", "https://sentra.example.org")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .call()
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["access-control-allow-origin"], "*");
        let page = hub
            .client
            .get(format!("{}/api/v1/pull", hub.url))
            .header("Origin", "https://sentra.example.org")
            .header("Authorization", &format!("Bearer {}", a.token))
            .call()
            .unwrap();
        let exposed = page.headers()["access-control-expose-headers"]
            .to_str()
            .unwrap();
        assert!(exposed.contains("x-sentra-cursor") && exposed.contains("x-sentra-more"));

        hub.rt.block_on(hub.db.pool.close());
        let page = hub.pull_raw(&a.token, 0, None);
        assert_eq!(page.status, 503, "{}", page.text);
        let body: serde_json::Value = serde_json::from_str(&page.text).unwrap();
        assert_eq!(body["error"], "unavailable");
        assert_eq!(
            body["message"],
            "Kantor tidak bisa dihubungi, coba lagi nanti"
        );
        let (status, _) = hub.push_bytes(&a.token, b"{}");
        assert_eq!(status, 503);
        drop(hub);
        drop_backend(&backend);
    }
    let _ = std::fs::remove_dir_all(dist);
}

#[test]
fn a_device_that_disconnects_mid_upload_leaves_nothing_written() {
    use std::io::Write;
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        for i in 0..200 {
            a.new_usaha(&format!("Usaha {i}"), "35.29.02.2004");
        }
        let bytes = a.bundle_all();
        let addr = hub.url.trim_start_matches("http://");
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "POST /api/v1/push HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n",
            a.token,
            bytes.len()
        )
        .unwrap();
        s.write_all(&bytes[..bytes.len() / 2]).unwrap();
        drop(s);
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(hub.stored(), (0, 0), "nothing written");
        let (status, answer) = hub.push_bytes(&a.token, &bytes);
        assert_eq!(status, 200);
        assert_eq!(answer["counts"]["usaha"]["new"], 200);
    });
}
