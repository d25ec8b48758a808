//! In-browser tests of the store on the real IndexedDB (part of `tests/web.rs`).

use js_sys::Array;
use sentra::model::hlc::Clock;
use sentra::model::{Editor, Kind, Record};
use sentra::store::idb::{IdbStore, VERSION};
use sentra::store::Store;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn sample(n: usize) -> Vec<Record> {
    let mut clock = Clock::new("dev-test");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Uji",
        now_ms: 1_700_000_000_000,
    };
    (0..n)
        .map(|i| {
            let kind = Kind::ALL[i % Kind::ALL.len()];
            let mut r = Record::new(kind, &mut ed);
            r.set(
                "nama",
                json!(format!("Nama {i} <script>x</script>")),
                &mut ed,
            );
            r
        })
        .collect()
}

async fn fresh(name: &str, version: u32) -> IdbStore {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
        let req = factory.delete_database(name).unwrap();
        req.set_onsuccess(Some(&resolve));
    }))
    .await;
    IdbStore::open_named(name, version, || {}).await.unwrap()
}

/// An import is one transaction over the kind stores, the inbox and the log; its parts read
/// back, the same conflict found twice is one inbox entry, and wiping removes them all.
#[wasm_bindgen_test]
async fn an_import_keeps_records_conflicts_and_its_log_entry() {
    use sentra::sharing::ImportEntry;
    let store = fresh("sentra-test-import", VERSION).await;
    let original = sample(1).remove(0);
    store
        .put_all(std::slice::from_ref(&original))
        .await
        .unwrap();
    let (mut a, mut b) = (Clock::new("dev-a"), Clock::new("dev-b"));
    let (mut mine, mut theirs) = (original.clone(), original.clone());
    let stamp = |clock, now_ms| Editor {
        clock,
        officer: "Uji",
        now_ms,
    };
    mine.set("nama", json!("A"), &mut stamp(&mut a, 1_800_000_000_000));
    theirs.set("nama", json!("B"), &mut stamp(&mut b, 1_800_000_000_001));
    store.put_all(std::slice::from_ref(&mine)).await.unwrap();
    let entry = ImportEntry {
        checksum: "sha256:ab".into(),
        received_ms: 1_800_000_000_002,
        created: "2027-01-15T08:00:00.000Z".into(),
        created_ms: 1_800_000_000_000,
        device: "dev-b".into(),
        officer: "Uji".into(),
        kabupaten: Some("35.29".into()),
        counts: Default::default(),
    };
    let written = store
        .import(std::slice::from_ref(&theirs), Some(&entry))
        .await
        .unwrap();
    let conflicts = written.conflicts;
    assert_eq!(conflicts.len(), 1, "found against the stored copy");
    assert_eq!(written.records[0].text("nama"), "B");
    assert!(!written.repeat);
    assert_eq!(
        store.unsent().await.unwrap().get(&theirs.id),
        Some(&written.unsent[0].1),
        "received is a change here: unsent"
    );
    let again = ImportEntry {
        received_ms: entry.received_ms + 60_000, // the same file, a minute later
        ..entry.clone()
    };
    let repeat = store
        .import(std::slice::from_ref(&theirs), Some(&again))
        .await
        .unwrap();
    assert!(repeat.repeat && repeat.unsent.is_empty());
    assert_eq!(
        store.conflicts().await.unwrap(),
        conflicts,
        "found twice, kept once"
    );
    assert_eq!(
        store.import_log().await.unwrap(),
        vec![entry],
        "a repeat changes nothing, the log included"
    );
    // An export carries it: no longer unsent; a stale marker clears nothing.
    store
        .mark_sent(&[(theirs.id.clone(), "stale".into())])
        .await
        .unwrap();
    assert_eq!(store.unsent().await.unwrap().len(), 1);
    store.mark_sent(&written.unsent).await.unwrap();
    assert!(store.unsent().await.unwrap().is_empty());
    store.drop_conflicts(&[conflicts[0].key()]).await.unwrap();
    assert!(store.conflicts().await.unwrap().is_empty());
    store.clear().await.unwrap();
    assert!(store.import_log().await.unwrap().is_empty());
    store.close();
}

/// Two tabs: each holds its own connection and its own copy of a record. The second saves a
/// copy made before the first's save; the first's change must survive.
#[wasm_bindgen_test]
async fn a_save_from_a_stale_tab_keeps_the_other_tabs_change() {
    let tab_a = fresh("sentra-test-two-tabs", VERSION).await;
    let tab_b = IdbStore::open_named("sentra-test-two-tabs", VERSION, || {})
        .await
        .unwrap();
    let original = sample(1).remove(0);
    tab_a
        .put_all(std::slice::from_ref(&original))
        .await
        .unwrap();
    let mut clock = Clock::new("dev-test");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Uji",
        now_ms: 1_800_000_000_000,
    };
    let mut in_a = original.clone();
    in_a.set("status", json!("tutup"), &mut ed);
    let mut in_b = original.clone(); // B never sees A's save
    in_b.set("catatan", json!("dari tab B"), &mut ed);
    tab_a.put_all(&[in_a]).await.unwrap();
    let saved = tab_b.put_all(&[in_b]).await.unwrap().records;
    assert_eq!(saved[0].text("status"), "tutup");
    assert_eq!(saved[0].text("catatan"), "dari tab B");
    let loaded = tab_a.load_all().await.unwrap();
    assert_eq!(loaded, saved, "what put_all returns is what is stored");
    tab_a.close();
    tab_b.close();
}

/// Two tabs (two devices for stamps) save the same field at the same moment: the later wins,
/// and the other goes to the inbox instead of being dropped.
#[wasm_bindgen_test]
async fn two_tabs_saving_one_field_at_once_put_the_loser_in_the_inbox() {
    let tab_a = fresh("sentra-test-tab-conflict", VERSION).await;
    let tab_b = IdbStore::open_named("sentra-test-tab-conflict", VERSION, || {})
        .await
        .unwrap();
    let original = sample(1).remove(0);
    tab_a
        .put_all(std::slice::from_ref(&original))
        .await
        .unwrap();
    let (mut a, mut b) = (Clock::new("dev-t1"), Clock::new("dev-t2"));
    let (mut in_a, mut in_b) = (original.clone(), original.clone());
    let ed = |clock, now_ms| Editor {
        clock,
        officer: "Uji",
        now_ms,
    };
    in_a.set(
        "nama",
        json!("dari tab A"),
        &mut ed(&mut a, 1_800_000_000_000),
    );
    in_b.set(
        "nama",
        json!("dari tab B"),
        &mut ed(&mut b, 1_800_000_000_001),
    );
    let (first, second) = futures_join(tab_a.put_all(&[in_a]), tab_b.put_all(&[in_b])).await;
    let conflicts: Vec<_> = [first.unwrap(), second.unwrap()]
        .into_iter()
        .flat_map(|w| w.conflicts)
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let inbox = tab_a.conflicts().await.unwrap();
    assert_eq!(inbox, conflicts);
    assert_eq!(inbox[0].lost.value, json!("dari tab A"));
    assert_eq!(
        tab_a.load_all().await.unwrap()[0].text("nama"),
        "dari tab B"
    );
    tab_a.close();
    tab_b.close();
}

/// Both futures polled together, as two tabs' saves run at once.
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let std::task::Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let std::task::Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}

#[wasm_bindgen_test]
async fn records_of_every_kind_round_trip_in_indexeddb() {
    let store = fresh("sentra-test-roundtrip", VERSION).await;
    let records = sample(20);
    store.put_all(&records).await.unwrap();
    let mut loaded = store.load_all().await.unwrap();
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    let mut want = records.clone();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(loaded, want);

    let mut changed = records[0].clone();
    let mut clock = Clock::new("dev-test");
    changed.set_deleted(
        true,
        &mut Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 1_800_000_000_000,
        },
    );
    store.put_all(std::slice::from_ref(&changed)).await.unwrap();
    let loaded = store.load_all().await.unwrap();
    assert_eq!(loaded.len(), 20);
    assert!(loaded
        .iter()
        .find(|r| r.id == changed.id)
        .unwrap()
        .is_deleted());

    store.clear().await.unwrap();
    assert!(store.load_all().await.unwrap().is_empty());
    store.close();
}

/// What another tab reads back after a save or a sync: exactly the records asked for, many
/// of them in one chunk included.
#[wasm_bindgen_test]
async fn get_many_reads_back_exactly_the_records_asked_for() {
    let store = fresh("sentra-test-get-many", VERSION).await;
    let records = sample(300);
    store.put_all(&records).await.unwrap();
    let asked: Vec<(Kind, String)> = records
        .iter()
        .step_by(3)
        .map(|r| (r.kind, r.id.to_string()))
        .collect();
    let mut got: Vec<String> = store
        .get_many(&asked)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id.to_string())
        .collect();
    got.sort();
    let mut want: Vec<String> = asked.into_iter().map(|(_, id)| id).collect();
    want.sort();
    assert_eq!(got, want);
    store.close();
}

/// Version 2 kept one JSON value per record; version 3 keeps chunks. Data written the old
/// way by hand comes through the upgrade whole, and the import log (added in 2) is there.
#[wasm_bindgen_test]
async fn upgrading_from_version_2_moves_every_record_into_chunks() {
    let v2 = fresh("sentra-test-upgrade", 2).await;
    assert!(v2.store_names().contains(&"import_log".to_string()));
    let records = sample(40);
    let names: Array = Kind::ALL
        .iter()
        .map(|k| JsValue::from_str(k.key()))
        .collect();
    let tx = v2
        .database()
        .transaction_with_str_sequence_and_mode(&names, web_sys::IdbTransactionMode::Readwrite)
        .unwrap();
    for r in &records {
        tx.object_store(r.kind.key())
            .unwrap()
            .put_with_key(
                &JsValue::from_str(&serde_json::to_string(r).unwrap()),
                &JsValue::from_str(&r.id),
            )
            .unwrap();
    }
    let done = js_sys::Promise::new(&mut |resolve, _| tx.set_oncomplete(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
    v2.close();

    let v3 = IdbStore::open_named("sentra-test-upgrade", VERSION, || {})
        .await
        .unwrap();
    assert!(v3.store_names().contains(&"conflicts".to_string()));
    let mut loaded = v3.load_all().await.unwrap();
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    let mut want = records.clone();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(loaded, want);
    v3.close();
}

/// A first screen kept for the next opening is given back only while no record was written
/// since it was made: a save, an import, a page from the hub or wiping the device makes it
/// stale, and one made from records read before another tab's write is not kept at all.
#[wasm_bindgen_test]
async fn a_kept_first_screen_is_dropped_by_any_write_of_records() {
    let tab_a = fresh("sentra-test-screens", VERSION).await;
    let tab_b = IdbStore::open_named("sentra-test-screens", VERSION, || {})
        .await
        .unwrap();
    let records = sample(6);
    assert_eq!(tab_a.read_chunks().await.unwrap().writes, 0);
    let written = tab_a.put_all(&records[..2]).await.unwrap();
    assert_eq!(written.writes, (0, 1));
    // Read at count 1 (as `Records` reads every record with the count).
    let at = tab_a.read_chunks().await.unwrap().writes;
    assert_eq!(at, 1);
    assert!(tab_a
        .keep_screen("usaha", at, "{\"total\":2}")
        .await
        .unwrap());
    let kept = tab_b.screens().await.unwrap();
    assert_eq!(kept.get("usaha").map(String::as_str), Some("{\"total\":2}"));
    assert_eq!(kept.len(), 1, "the count itself is not a screen: {kept:?}");

    // Another tab saves: the screen is stale, and one made from count 1 is not kept.
    assert_eq!(tab_b.put_all(&records[2..3]).await.unwrap().writes, (1, 2));
    assert!(tab_a.screens().await.unwrap().is_empty());
    assert!(!tab_a
        .keep_screen("usaha", at, "{\"total\":2}")
        .await
        .unwrap());
    assert!(tab_a.screens().await.unwrap().is_empty());

    // A page from the hub and a received file count too.
    assert!(tab_a.keep_screen("usaha", 2, "tiga").await.unwrap());
    assert_eq!(
        tab_a.import(&records[3..4], None).await.unwrap().writes,
        (2, 3)
    );
    assert!(tab_a.screens().await.unwrap().is_empty());
    assert!(tab_a.keep_screen("usaha", 3, "empat").await.unwrap());
    let entry = sentra::sharing::ImportEntry {
        checksum: "sha256:cd".into(),
        received_ms: 1_800_000_000_002,
        created: "2027-01-15T08:00:00.000Z".into(),
        created_ms: 1_800_000_000_000,
        device: "dev-b".into(),
        officer: "Uji".into(),
        kabupaten: None,
        counts: Default::default(),
    };
    assert_eq!(
        tab_a
            .import(&records[4..], Some(&entry))
            .await
            .unwrap()
            .writes,
        (3, 4)
    );
    assert!(tab_a.screens().await.unwrap().is_empty());

    // Wiping the device drops the screens and the count goes on (a tab that has not heard
    // of the wipe cannot keep a screen of its old records).
    assert!(tab_a.keep_screen("usaha", 4, "lima").await.unwrap());
    tab_b.clear().await.unwrap();
    assert!(tab_a.screens().await.unwrap().is_empty());
    assert!(!tab_a.keep_screen("usaha", 4, "lima").await.unwrap());
    assert_eq!(tab_a.read_chunks().await.unwrap().writes, 5);
    tab_a.close();
    tab_b.close();
}
