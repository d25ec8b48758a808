//! Photos at the hub (issue 17) over real TCP, on SQLite and (with `SENTRA_TEST_PG_URL`) on
//! PostgreSQL: upload, download, `missing`, the checks, tokens, and the scope rule (a photo is
//! taken and served only while a live record of the device's scope refers to it); a photo gone
//! with the push that leaves no record referring to it, also while uploads race that push;
//! photos a pushed bundle carries.

mod common;

use common::photos::*;
use common::*;
use sentra::bundle::{sha256_hex, BundleError};
use sentra::i18n::Lang;
use sentra::model::photo::{photo_key, MAX_BYTES};
use sentra_hub::admin;
use serde_json::json;
use std::sync::Barrier;
use std::time::Duration;

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
        // `missing` names only what the hub would take: none of them yet.
        let asked = missing(hub, &a.token, &[&p1, &p2, &stranger, &p1]);
        assert_eq!(asked.status, 200);
        assert_eq!(asked.json(), json!({"missing": []}));

        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        let asked = missing(hub, &a.token, &[&p1, &p2, &stranger, &p1]);
        assert_eq!(asked.json(), json!({"missing": [p1, p2]}));
        assert_eq!(put(hub, &a.token, &p1, "image/jpeg", &jpeg).status, 201);
        let again = put(hub, &a.token, &p1, "image/jpeg; charset=binary", &jpeg);
        assert_eq!(again.status, 200, "the same photo again: already here");
        assert_eq!(stored(), 1);
        let asked = missing(hub, &a.token, &[&p1, &p2, &stranger]);
        assert_eq!(asked.json(), json!({"missing": [p2]}));
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
        assert_eq!(
            missing(hub, &c.token, &[&p2]).json(),
            json!({"missing": []})
        );

        // The photo removed from its record: no live record refers to it any more, and it is
        // gone from the hub.
        assert!(a.edit(&u, &photo_key(&p1), json!(false)));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(get(hub, &a.token, &p1, None).status, 404);
        assert_eq!(get(hub, &a.token, &p2, None).status, 200);
        assert_eq!(stored(), 1);

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
        assert_eq!(stored(), 1);
    });
}

/// Records a hub stored before it kept photos' references are read for them once, at start;
/// and every start removes the photos no record refers to (a hub before that rule kept them).
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
        // A photo whose record let go of it, as a hub before this rule kept it.
        let old = store_unreferenced(&hub, "lepas dari datanya");
        assert_eq!(hashes(&hub), set(&[&p1, &old]));
        drop(hub);
        let hub = Hub::start(&backend, None);
        assert_eq!(hashes(&hub), set(&[&p1]));
        assert_eq!(get(&hub, &a.token, &p1, None).bytes, jpeg);
        drop(hub);
        drop_backend(&backend);
    }
}

/// A photo leaves the hub with the push that leaves no live record referring to it (its field
/// set to `false`, its record deleted: `sentra::model::photo::referenced`, the rule the hub serves
/// by), in that push's transaction. One another record still refers to stays; a refused push
/// removes nothing; a deletion undone brings the photo back from the device, which kept it.
#[test]
fn a_photo_no_record_refers_to_any_more_leaves_the_hub_with_that_push() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let (p, jpeg) = photo("batik cap");
        let (q, shared) = photo("etalase bersama");
        let u1 = a.new_usaha("Batik Cap", "35.29.02.2004");
        let u2 = a.new_usaha("Toko Oleh-oleh", "35.29.02.2004");
        a.edit(&u1, &photo_key(&p), reference(&jpeg, "image/jpeg"));
        a.edit(&u1, &photo_key(&q), reference(&shared, "image/jpeg"));
        a.edit(&u2, &photo_key(&q), reference(&shared, "image/jpeg"));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(put(hub, &a.token, &p, "image/jpeg", &jpeg).status, 201);
        assert_eq!(put(hub, &a.token, &q, "image/jpeg", &shared).status, 201);
        assert_eq!(hashes(hub), set(&[&p, &q]));

        // Q off one record: the other still refers to it.
        assert!(a.edit(&u1, &photo_key(&q), json!(false)));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(hashes(hub), set(&[&p, &q]));
        assert_eq!(get(hub, &a.token, &q, None).bytes, shared);

        // P off its record in a push refused for a record outside the scope: nothing written,
        // nothing removed.
        assert!(a.edit(&u1, &photo_key(&p), json!(false)));
        let elsewhere = a.new_usaha("Di Kabupaten Lain", "35.10.01.2001");
        let (status, body) = hub.push_bytes(&a.token, &a.bundle_all());
        assert_eq!(status, 403, "{body}");
        assert_eq!(hashes(hub), set(&[&p, &q]));
        assert_eq!(get(hub, &a.token, &p, None).bytes, jpeg);
        a.records.remove(elsewhere.as_str());
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(hashes(hub), set(&[&q]));
        assert_eq!(
            get(hub, &a.token, &p, None).error(),
            (404, "photo_not_found".into())
        );
        assert_eq!(missing(hub, &a.token, &[&p]).json(), json!({"missing": []}));
        assert_eq!(put(hub, &a.token, &p, "image/jpeg", &jpeg).status, 409);

        // The last record referring to Q deleted: Q goes. The device keeps the bytes (a deleted
        // record still refers to them there), and `missing` does not ask for them.
        assert!(a.delete(&u2, true));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert!(hashes(hub).is_empty());
        assert_eq!(get(hub, &a.token, &q, None).status, 404);
        assert_eq!(
            missing(hub, &a.token, &[&p, &q]).json(),
            json!({"missing": []})
        );

        // The deletion undone: the record refers to Q again, the hub asks for it, the device
        // puts it, and another device gets it.
        assert!(a.delete(&u2, false));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);
        assert_eq!(
            missing(hub, &a.token, &[&p, &q]).json(),
            json!({"missing": [q]})
        );
        assert_eq!(put(hub, &a.token, &q, "image/jpeg", &shared).status, 201);
        let b = hub.device("perangkat-b", "Budi", "35.29");
        assert_eq!(get(hub, &b.token, &q, None).bytes, shared);
        assert_eq!(orphans(hub), 0);
    });
}

/// Photos a pushed bundle carries (format 1.4's `photos`, read and checked by the app's reader)
/// are taken in the push's transaction by the rule an upload follows: those a live record of
/// the pusher's scope refers to once the push is merged, a record of the push or one already
/// stored, within the upload's 2 MiB; the rest are left.
#[test]
fn photos_a_pushed_bundle_carries_are_taken_by_the_upload_rule() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let mut b = hub.device("perangkat-b", "Budi", "35.29");
        let (p, webp) = photo("anyaman bambu");
        let (stranger, stranger_bytes) = photo("tidak dirujuk data mana pun");
        let u1 = a.new_usaha("Anyaman Bambu", "35.29.02.2004");
        a.edit(&u1, &photo_key(&p), reference(&webp, "image/webp"));
        // A photo no record of the bundle refers to, put into its `photos` as another writer
        // might.
        let stranger_element = element_of(&mut a, &stranger, &stranger_bytes);
        let bundle = with_photos_edited(
            &a.bundle_with_photos(&[&u1], photos_of(&[(&p, &webp, "image/webp")])),
            |photos| photos.push(stranger_element),
        );
        let (status, body) = hub.push_bytes(&a.token, &bundle);
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            photo_rows(hub),
            [(p.clone(), "perangkat-a".to_string())].into()
        );
        let got = get(hub, &b.token, &p, None);
        assert_eq!(got.header("content-type"), "image/webp");
        assert_eq!(got.bytes, webp);
        assert_eq!(missing(hub, &a.token, &[&p]).json(), json!({"missing": []}));
        // The same push again: nothing changes, nothing stored twice.
        assert_eq!(hub.push_bytes(&a.token, &bundle).0, 200);
        assert_eq!(hashes(hub), set(&[&p]));

        // Over the upload's 2 MiB: left (its record refers to it as the form allows), as a PUT
        // of it is refused.
        let big_bytes = vec![7u8; MAX_BYTES as usize + 1];
        let big = sha256_hex(&big_bytes);
        let mut big_ref = reference(&big_bytes, "image/jpeg");
        big_ref["ukuran"] = json!(MAX_BYTES);
        a.edit(&u1, &photo_key(&big), big_ref);
        let bundle = a.bundle_with_photos(&[&u1], photos_of(&[(&big, &big_bytes, "image/jpeg")]));
        assert_eq!(hub.push_bytes(&a.token, &bundle).0, 200);
        assert_eq!(hashes(hub), set(&[&p]));
        assert_eq!(
            put(hub, &a.token, &big, "image/jpeg", &big_bytes).status,
            413
        );

        // A record already stored refers to it: B pushes A's record, unchanged, with its photo.
        let (q, q_bytes) = photo("dikirim kemudian");
        let u2 = a.new_usaha("Gerabah", "35.29.02.2004");
        a.edit(&u2, &photo_key(&q), reference(&q_bytes, "image/jpeg"));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_of(&[&u2])).0, 200);
        b.pull_all(hub, None);
        let bundle = b.bundle_with_photos(&[&u2], photos_of(&[(&q, &q_bytes, "image/jpeg")]));
        let (status, body) = hub.push_bytes(&b.token, &bundle);
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["counts"]["usaha"]["unchanged"], 1);
        assert_eq!(photo_rows(hub)[&q], "perangkat-b");

        // The bundle's record refers to it, but the record as merged does not (B removed it
        // later): left.
        let (r, r_bytes) = photo("dihapus di kantor");
        let u3 = a.new_usaha("Kerajinan Kulit", "35.29.02.2004");
        a.edit(&u3, &photo_key(&r), reference(&r_bytes, "image/jpeg"));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_of(&[&u3])).0, 200);
        b.pull_all(hub, None);
        assert!(b.edit(&u3, &photo_key(&r), json!(false)));
        assert_eq!(hub.push_bytes(&b.token, &b.bundle_of(&[&u3])).0, 200);
        let bundle = a.bundle_with_photos(&[&u3], photos_of(&[(&r, &r_bytes, "image/jpeg")]));
        assert_eq!(hub.push_bytes(&a.token, &bundle).0, 200);
        assert!(!hashes(hub).contains(&r));
        assert_eq!(get(hub, &a.token, &r, None).status, 404);

        // A push refused for a record outside the scope takes none of its photos.
        let (s2, s2_bytes) = photo("ikut ditolak");
        let u4 = a.new_usaha("Tenun", "35.29.02.2004");
        a.edit(&u4, &photo_key(&s2), reference(&s2_bytes, "image/jpeg"));
        let elsewhere = a.new_usaha("Di Kabupaten Lain", "35.10.01.2001");
        let bundle = a.bundle_with_photos(
            &[&u4, &elsewhere],
            photos_of(&[(&s2, &s2_bytes, "image/jpeg")]),
        );
        assert_eq!(hub.push_bytes(&a.token, &bundle).0, 403);
        assert_eq!(hashes(hub), set(&[&p, &q]));
        assert_eq!(orphans(hub), 0);
    });
}

/// A photo whose bytes do not match its hash refuses the whole push with the app's reader's
/// message: no record and no photo written.
#[test]
fn a_carried_photo_not_matching_its_hash_refuses_the_whole_push() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let (p, p_bytes) = photo("batik");
        let (q, q_bytes) = photo("tenun");
        let u = a.new_usaha("Batik Tenun", "35.29.02.2004");
        a.edit(&u, &photo_key(&p), reference(&p_bytes, "image/jpeg"));
        a.edit(&u, &photo_key(&q), reference(&q_bytes, "image/jpeg"));
        let intact = a.bundle_with_photos(
            &[&u],
            photos_of(&[(&p, &p_bytes, "image/jpeg"), (&q, &q_bytes, "image/jpeg")]),
        );
        // Each element's bytes swapped for the other's, the checksum made again: only the
        // hashes tell.
        let damaged = with_photos_edited(&intact, |photos| {
            let first = photos[0]["data"].take();
            photos[0]["data"] = photos[1]["data"].take();
            photos[1]["data"] = first;
        });
        let (status, body) = hub.push_bytes(&a.token, &damaged);
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"], "bundle");
        let first = p.clone().min(q.clone());
        assert_eq!(
            body["message"],
            BundleError::Photo(first).message(Lang::Id),
            "the reader's message"
        );
        assert_eq!(hub.stored(), (0, 0));
        assert!(hashes(hub).is_empty());
        assert_eq!(hub.push_bytes(&a.token, &intact).0, 200);
        assert_eq!(hashes(hub), set(&[&p, &q]));
    });
}

/// An upload's check (a record of the scope refers to the photo) and its insert are one
/// transaction in the write lock: an upload arriving while a push holds the lock waits for it,
/// and a reference that push removed refuses it, leaving no photo without a record.
#[test]
fn an_upload_waits_for_the_write_lock_and_sees_what_the_push_before_it_removed() {
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        let (p, jpeg) = photo("batik");
        let u = a.new_usaha("Batik", "35.29.02.2004");
        a.edit(&u, &photo_key(&p), reference(&jpeg, "image/jpeg"));
        assert_eq!(hub.push_bytes(&a.token, &a.bundle_all()).0, 200);

        // The test holds the write lock as a push does, and in it removes the photo's last
        // reference as that push's transaction would.
        let mut held = hub.rt.block_on(hub.db.begin_write()).unwrap();
        std::thread::scope(|s| {
            let upload = s.spawn(|| put(hub, &a.token, &p, "image/jpeg", &jpeg));
            std::thread::sleep(Duration::from_millis(500));
            assert!(!upload.is_finished(), "the upload waits for the write lock");
            hub.rt.block_on(async {
                sqlx::query("DELETE FROM photo_refs WHERE sha256 = $1")
                    .bind(p.as_str())
                    .execute(&mut *held)
                    .await
                    .unwrap();
            });
            hub.rt.block_on(held.commit()).unwrap();
            assert_eq!(
                upload.join().unwrap().error(),
                (409, "photo_unreferenced".into())
            );
        });
        assert!(hashes(hub).is_empty());
    });
}

/// Uploads racing the pushes that remove their photos' references, many times: a photo whose
/// last reference went is never left behind, whichever came first, and one another record still
/// refers to is never removed.
#[test]
fn uploads_racing_pushes_that_remove_references_leave_no_photo_without_a_record() {
    const ROUNDS: usize = 12;
    on_each_backend(|hub| {
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        for round in 0..ROUNDS {
            let (kept, kept_bytes) = photo(&format!("tetap {round}"));
            let (going, going_bytes) = photo(&format!("dilepas {round}"));
            let u1 = a.new_usaha(&format!("Usaha {round}"), "35.29.02.2004");
            let u2 = a.new_usaha(&format!("Usaha lain {round}"), "35.29.02.2004");
            a.edit(&u1, &photo_key(&kept), reference(&kept_bytes, "image/jpeg"));
            a.edit(
                &u1,
                &photo_key(&going),
                reference(&going_bytes, "image/jpeg"),
            );
            a.edit(&u2, &photo_key(&kept), reference(&kept_bytes, "image/jpeg"));
            assert_eq!(hub.push_bytes(&a.token, &a.bundle_of(&[&u1, &u2])).0, 200);
            // Both photos off u1, pushed while both are uploaded.
            a.edit(&u1, &photo_key(&kept), json!(false));
            a.edit(&u1, &photo_key(&going), json!(false));
            let removal = a.bundle_of(&[&u1]);
            let start = Barrier::new(3);
            let (pushed, kept_put, going_put) = std::thread::scope(|s| {
                let push = s.spawn(|| {
                    start.wait();
                    hub.push_bytes(&a.token, &removal).0
                });
                let put_kept = s.spawn(|| {
                    start.wait();
                    put(hub, &a.token, &kept, "image/jpeg", &kept_bytes).status
                });
                let put_going = s.spawn(|| {
                    start.wait();
                    put(hub, &a.token, &going, "image/jpeg", &going_bytes).status
                });
                (
                    push.join().unwrap(),
                    put_kept.join().unwrap(),
                    put_going.join().unwrap(),
                )
            });
            assert_eq!((pushed, kept_put), (200, 201), "round {round}");
            assert!(
                [201, 409].contains(&going_put),
                "round {round}: {going_put}"
            );
            let held = hashes(hub);
            assert!(
                held.contains(&kept),
                "round {round}: a referenced photo removed"
            );
            assert!(
                !held.contains(&going),
                "round {round}: a photo left without a record"
            );
            assert_eq!(get(hub, &a.token, &kept, None).bytes, kept_bytes);
            assert_eq!(get(hub, &a.token, &going, None).status, 404);
        }
        assert_eq!(orphans(hub), 0);
    });
}
