//! The hub's API over real TCP on 127.0.0.1, on SQLite and (with `SENTRA_TEST_PG_URL`) on
//! PostgreSQL: enrolment, push and pull, cursors and pages, conflicts. What the hub refuses (scope,
//! tokens, bad bodies, a missing database, a device gone mid-upload) is in `refusals.rs`.

mod common;

use common::*;
use sentra::model::Kind;
use sentra_hub::admin;
use sentra_hub::db::now_ms;
use serde_json::json;

#[test]
fn enrolment_takes_a_good_code_once_and_refuses_wrong_used_and_expired_ones() {
    on_each_backend(|hub| {
        let code = hub.code("Ani Wijaya", "35.29");
        assert_eq!(code.len(), admin::CODE_LEN);
        // Typed in lower case with a dash: the same code.
        let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
        let (status, body) = hub.post_json(
            "/api/v1/enrol",
            &json!({"code": typed, "device": "perangkat-a"}),
        );
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["officer"], "Ani Wijaya");
        assert_eq!(body["kabupaten"], "35.29");
        assert_eq!(body["token"].as_str().unwrap().len(), 64);

        let refused = |code: &str| {
            let (status, body) = hub.post_json(
                "/api/v1/enrol",
                &json!({"code": code, "device": "perangkat-b"}),
            );
            assert_eq!(status, 401, "{body}");
            assert_eq!(body["error"], "enrol_code");
            assert_eq!(body["message"], "Kode pendaftaran salah atau kedaluwarsa");
        };
        refused(&code); // used
        refused("ZZZZZZZZ"); // wrong
        let expired = hub
            .rt
            .block_on(admin::add_officer(&hub.db, "Budi", "35.29", now_ms() - 1))
            .unwrap();
        refused(&expired.code);

        // The token is stored only as its hash.
        let stored: Vec<String> = hub.rt.block_on(async {
            sqlx::query_scalar("SELECT token_hash FROM devices")
                .fetch_all(&hub.db.pool)
                .await
                .unwrap()
        });
        assert_eq!(stored, vec![sentra_hub::db::hash(body_token(&body))]);

        // Malformed requests are answered in JSON too.
        let (status, body) = hub.post_json("/api/v1/enrol", &json!({"kode": "x"}));
        assert_eq!((status, body["error"].as_str()), (400, Some("request")));
        let (status, body) =
            hub.post_json("/api/v1/enrol", &json!({"code": "x", "device": "../etc"}));
        assert_eq!((status, body["error"].as_str()), (400, Some("request")));
    });
}

fn body_token(body: &serde_json::Value) -> &str {
    body["token"].as_str().unwrap()
}

#[test]
fn a_push_pulls_back_as_sent_and_pushing_it_again_changes_nothing() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let u1 = a.new_usaha("Batik Sekar", "35.29.02.2004");
        let u2 = a.new_usaha("Keripik Tempe", "35.29.03.2001");
        let m = a.new_mitra("Toko Oleh-oleh");
        let sent = a.bundle_all();
        let (status, answer) = hub.push_bytes(&a.token, &sent);
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["counts"]["usaha"]["new"], 2);
        assert_eq!(answer["counts"]["mitra"]["new"], 1);
        assert_eq!(answer["conflicts"], json!([]));
        assert_eq!(answer["cursor"], 3);

        let mut b = hub.device("perangkat-b", "Budi", "35.29");
        let page = hub.pull_raw(&b.token, 0, None);
        assert_eq!((page.status, page.cursor, page.more), (200, 3, false));
        let got = page.bundle();
        assert_eq!(got.header.device, sentra_hub::sync::HUB_DEVICE);
        assert_eq!(got.header.kabupaten.as_deref(), Some("35.29"));
        let mut want: Vec<_> = [&u1, &u2, &m]
            .iter()
            .map(|id| a.records[id.as_str()].clone())
            .collect();
        want.sort_by(|x, y| x.id.cmp(&y.id));
        assert_eq!(got.records, want, "records equal to what was pushed");

        // The same push again (a retry): nothing changes, no new sequence number.
        let (status, again) = hub.push_bytes(&a.token, &sent);
        assert_eq!(status, 200);
        assert_eq!(again["counts"]["usaha"]["unchanged"], 2);
        assert_eq!(again["counts"]["mitra"]["unchanged"], 1);
        assert_eq!(again["cursor"], 3);
        assert_eq!(hub.stored(), (3, 3));
        // And the same changes arriving from another device (by file, then by hub): the same.
        for r in &got.records {
            b.receive(r);
        }
        let (_, relayed) = hub.push_bytes(&b.token, &b.bundle_all());
        assert_eq!(relayed["cursor"], 3);
        // Nothing new after the cursor.
        let page = hub.pull_raw(&b.token, 3, None);
        assert_eq!(
            (page.cursor, page.more, page.bundle().records.len()),
            (3, false, 0)
        );

        // An edit gets the next number; the pull from the old cursor holds only it.
        a.edit(&u1, "catatan", json!("pindah ke pasar"));
        let (_, answer) = hub.push_bytes(&a.token, &a.bundle_of(&[&u1]));
        assert_eq!(answer["counts"]["usaha"]["updated"], 1);
        assert_eq!(answer["cursor"], 4);
        let page = hub.pull_raw(&b.token, 3, None);
        let records = page.bundle().records;
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].text("catatan"), "pindah ke pasar");

        // Every push is audited, the retries too.
        let audited: i64 = hub.rt.block_on(async {
            sqlx::query_scalar("SELECT COUNT(*) FROM audit")
                .fetch_one(&hub.db.pool)
                .await
                .unwrap()
        });
        assert_eq!(audited, 4);
    });
}

#[test]
fn a_month_offline_catches_up_in_pages_and_a_page_fetched_again_is_the_same() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        for i in 0..5_000 {
            a.new_usaha(&format!("Usaha {i}"), "35.29.02.2004");
        }
        let (status, answer) = hub.push_bytes(&a.token, &a.bundle_all());
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["counts"]["usaha"]["new"], 5_000);

        let mut b = hub.device("perangkat-b", "Budi", "35.29");
        let mut sizes = Vec::new();
        for _ in 0..10 {
            let page = hub.pull_raw(&b.token, b.cursor, None);
            let again = hub.pull_raw(&b.token, b.cursor, None);
            assert_eq!(page.text, again.text, "a page fetched twice is the same");
            assert_eq!((page.cursor, page.more), (again.cursor, again.more));
            let records = page.bundle().records;
            sizes.push(records.len());
            for r in &records {
                b.receive(r);
            }
            b.cursor = page.cursor;
            if !page.more {
                break;
            }
        }
        assert_eq!(sizes, vec![2_000, 2_000, 1_000]);
        assert_eq!(b.cursor, 5_000);
        assert_eq!(b.records, a.records);
        // A smaller page on request; a larger one is cut to the maximum.
        assert_eq!(
            hub.pull_raw(&b.token, 0, Some(10)).bundle().records.len(),
            10
        );
        assert_eq!(
            hub.pull_raw(&b.token, 0, Some(1_000_000))
                .bundle()
                .records
                .len(),
            2_000
        );
        let bad = hub.pull_raw(&b.token, -1, None);
        assert_eq!(bad.status, 400);
    });
}

/// Pages are kept and served again (crate::pages) only while they are still what the database
/// gives: a record changed inside a page leaves it, a record added after the last page joins it.
#[test]
fn a_kept_page_is_served_only_while_it_holds_and_travels_gzipped() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let b = hub.device("perangkat-b", "Budi", "35.29");
        let ids: Vec<String> = (0..3)
            .map(|i| a.new_usaha(&format!("Usaha {i}"), "35.29.02.2004"))
            .collect();
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        let names = |page: &PullAnswer| -> Vec<String> {
            page.bundle()
                .records
                .iter()
                .map(|r| r.fields["nama"].value.as_str().unwrap().to_string())
                .collect()
        };

        let first = hub.pull_raw(&b.token, 0, Some(2));
        assert_eq!(names(&first), ["Usaha 0", "Usaha 1"]);
        assert_eq!((first.cursor, first.more), (2, true));
        assert_eq!(hub.pull_raw(&b.token, 0, Some(2)).text, first.text);

        // Usaha 0 changes: it leaves the first page (renumbered 4), Usaha 2 moves up into it.
        assert!(a.edit(&ids[0], "nama", json!("Usaha 0 baru")));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_of(&[&ids[0]])).0, 200);
        let first = hub.pull_raw(&b.token, 0, Some(2));
        assert_eq!(names(&first), ["Usaha 1", "Usaha 2"]);
        assert_eq!((first.cursor, first.more), (3, true));

        // The last page, then a new record after it: it joins the last page.
        let last = hub.pull_raw(&b.token, 3, Some(2));
        assert_eq!(names(&last), ["Usaha 0 baru"]);
        assert!(!last.more);
        assert_eq!(hub.pull_raw(&b.token, 3, Some(2)).text, last.text);
        let new = a.new_usaha("Usaha 3", "35.29.02.2004");
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_of(&[&new])).0, 200);
        let last = hub.pull_raw(&b.token, 3, Some(2));
        assert_eq!(names(&last), ["Usaha 0 baru", "Usaha 3"]);
        assert_eq!((last.cursor, last.more), (5, false));

        // A client that takes gzip (every browser) gets the same page gzipped.
        let mut r = hub
            .client
            .get(format!("{}/api/v1/pull?since=3&limit=2", hub.url))
            .header("Authorization", &format!("Bearer {}", b.token))
            .header("Accept-Encoding", "br, gzip;q=0.8")
            .call()
            .unwrap();
        assert_eq!(r.headers()["content-encoding"], "gzip");
        assert_eq!(r.headers()["x-sentra-cursor"], "5");
        let gzipped = r.body_mut().read_to_vec().unwrap();
        let unpacked = sentra::bundle::gunzip(gzipped.clone()).unwrap();
        assert_eq!(String::from_utf8(unpacked).unwrap(), last.text);
        assert!(gzipped.len() < last.text.len());
        // Refused gzip (q=0): the text.
        let mut r = hub
            .client
            .get(format!("{}/api/v1/pull?since=3&limit=2", hub.url))
            .header("Authorization", &format!("Bearer {}", b.token))
            .header("Accept-Encoding", "gzip;q=0, identity")
            .call()
            .unwrap();
        assert!(r.headers().get("content-encoding").is_none());
        assert_eq!(r.body_mut().read_to_string().unwrap(), last.text);
    });
}

#[test]
fn concurrent_edits_are_reported_to_the_device_that_pushes_second() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let mut b = hub.device("perangkat-b", "Budi", "35.29");
        let u = a.new_usaha("Batik", "35.29.02.2004");
        hub.push_bytes(&a.token, &a.bundle_all());
        b.pull_all(hub, None);
        // The same field and different fields, offline on both.
        a.edit(&u, "nama", json!("Batik Sekar"));
        a.edit(&u, "catatan", json!("dari A"));
        b.edit(&u, "nama", json!("Batik Jaya"));
        b.edit(&u, "produk", json!("kain tulis"));
        let (_, first) = hub.push_bytes(&a.token, &a.bundle_all());
        assert_eq!(first["conflicts"], json!([]));
        let (status, second) = hub.push_bytes(&b.token, &b.bundle_all());
        assert_eq!(status, 200);
        assert_eq!(second["counts"]["usaha"]["conflicting"], 1);
        let conflicts = second["conflicts"].as_array().unwrap();
        assert_eq!(conflicts.len(), 1, "{second}");
        assert_eq!(conflicts[0]["field"], "nama");
        assert_eq!(conflicts[0]["record"], u);
        assert_eq!(
            conflicts[0]["kept"]["value"], "Batik Jaya",
            "the later stamp wins"
        );
        assert_eq!(conflicts[0]["lost"]["value"], "Batik Sekar");
        // Both pull: the same record everywhere, every field kept.
        a.pull_all(hub, None);
        b.pull_all(hub, None);
        assert_eq!(state(&a.records[u.as_str()]), state(&b.records[u.as_str()]));
        let r = &a.records[u.as_str()];
        assert_eq!(
            (r.text("nama"), r.text("catatan"), r.text("produk")),
            ("Batik Jaya", "dari A", "kain tulis")
        );
        assert_eq!(r.kind, Kind::Usaha);
    });
}
