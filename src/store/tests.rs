use super::*;
use crate::model::hlc::Clock;
use crate::model::Editor;
use serde_json::json;

fn records(n: usize) -> Vec<Record> {
    let mut clock = Clock::new("dev");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Uji",
        now_ms: 1,
    };
    (0..n)
        .map(|i| {
            let mut r = Record::new(Kind::Usaha, &mut ed);
            r.set("nama", json!(format!("Usaha {i}")), &mut ed);
            r
        })
        .collect()
}

#[test]
fn saves_load_back_and_overwrite_by_id() {
    let store = MemoryStore::default();
    let mut rs = records(3);
    block_on(store.put_all(&rs)).unwrap();
    assert_eq!(block_on(store.load_all()).unwrap().len(), 3);
    let mut clock = Clock::new("dev");
    rs[0].set(
        "nama",
        json!("Diubah"),
        &mut Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 9,
        },
    );
    block_on(store.put_all(&rs[..1])).unwrap();
    let loaded = block_on(store.load_all()).unwrap();
    assert_eq!(loaded.len(), 3);
    assert!(loaded.iter().any(|r| r.text("nama") == "Diubah"));
}

#[test]
fn a_save_from_a_stale_copy_keeps_a_change_saved_meanwhile() {
    let store = MemoryStore::default();
    let rs = records(1);
    block_on(store.put_all(&rs)).unwrap();
    let (mut tab_a, mut tab_b) = (rs[0].clone(), rs[0].clone());
    let mut c = Clock::new("dev");
    tab_a.set(
        "status",
        json!("tutup"),
        &mut Editor {
            clock: &mut c,
            officer: "A",
            now_ms: 10,
        },
    );
    block_on(store.put_all(&[tab_a])).unwrap();
    tab_b.set(
        "nama",
        json!("Nama baru"),
        &mut Editor {
            clock: &mut c,
            officer: "B",
            now_ms: 11,
        },
    );
    let saved = block_on(store.put_all(&[tab_b])).unwrap().records;
    assert_eq!(saved[0].text("status"), "tutup", "tab A's change is kept");
    assert_eq!(saved[0].text("nama"), "Nama baru");
    assert_eq!(block_on(store.load_all()).unwrap(), saved);
}

#[test]
fn an_import_writes_records_inbox_and_log_together_or_nothing() {
    use crate::sharing::ImportEntry;
    let store = MemoryStore::default();
    let local = records(2);
    block_on(store.put_all(&local)).unwrap();
    let (mut mine, mut theirs) = (local[0].clone(), local[0].clone());
    let (mut a, mut b) = (Clock::new("dev"), Clock::new("other"));
    mine.set(
        "nama",
        json!("Di sini"),
        &mut Editor {
            clock: &mut a,
            officer: "A",
            now_ms: 5,
        },
    );
    theirs.set(
        "nama",
        json!("Di sana"),
        &mut Editor {
            clock: &mut b,
            officer: "B",
            now_ms: 6,
        },
    );
    block_on(store.put_all(std::slice::from_ref(&mine))).unwrap();
    let entry = ImportEntry {
        checksum: "sha256:00".into(),
        received_ms: 7,
        created: "2026-11-23T00:00:00.000Z".into(),
        created_ms: 1_795_392_000_000,
        device: "other".into(),
        officer: "B".into(),
        kabupaten: None,
        counts: Default::default(),
    };

    *store.fail_next.borrow_mut() = Some(StoreError::Quota);
    assert!(block_on(store.import(&[theirs.clone()], Some(&entry))).is_err());
    assert!(block_on(store.import_log()).unwrap().is_empty());
    assert!(block_on(store.conflicts()).unwrap().is_empty());
    assert_eq!(
        block_on(store.load_all())
            .unwrap()
            .iter()
            .find(|r| r.id == mine.id)
            .unwrap()
            .text("nama"),
        "Di sini"
    );

    let written = block_on(store.import(&[theirs.clone()], Some(&entry))).unwrap();
    let (saved, conflicts) = (written.records, written.conflicts);
    assert_eq!(saved[0].text("nama"), "Di sana", "the later stamp");
    assert_eq!(conflicts.len(), 1, "found against the stored copy");
    assert_eq!(conflicts[0].lost.value, json!("Di sini"));
    assert!(!written.repeat);
    let again = block_on(store.import(&[theirs.clone()], Some(&entry))).unwrap();
    assert!(again.repeat && again.unsent.is_empty());
    assert_eq!(
        block_on(store.conflicts()).unwrap().len(),
        1,
        "the same conflict once"
    );
    assert_eq!(
        block_on(store.import_log()).unwrap().len(),
        1,
        "a repeat changes nothing, the log included"
    );
    // The same file again after the record was wiped: it changes something, so it is logged.
    block_on(store.clear()).unwrap();
    let after_wipe = block_on(store.import(&[theirs], Some(&entry))).unwrap();
    assert!(!after_wipe.repeat);
    assert_eq!(block_on(store.import_log()).unwrap().len(), 1);
    block_on(store.drop_conflicts(&[conflicts[0].key()])).unwrap();
    assert!(block_on(store.conflicts()).unwrap().is_empty());
}

#[test]
fn two_tabs_saving_one_field_at_once_send_the_loser_to_the_inbox() {
    let store = MemoryStore::default();
    let rs = records(1);
    block_on(store.put_all(&rs)).unwrap();
    let (mut tab_a, mut tab_b) = (rs[0].clone(), rs[0].clone());
    let (mut a, mut b) = (Clock::new("dev-t1"), Clock::new("dev-t2"));
    let ed = |c: &mut Clock, r: &mut Record, v: &str, now_ms| {
        r.set(
            "nama",
            json!(v),
            &mut Editor {
                clock: c,
                officer: "Uji",
                now_ms,
            },
        );
    };
    ed(&mut a, &mut tab_a, "Dari tab A", 10);
    ed(&mut b, &mut tab_b, "Dari tab B", 11);
    assert!(block_on(store.put_all(&[tab_a]))
        .unwrap()
        .conflicts
        .is_empty());
    let written = block_on(store.put_all(&[tab_b])).unwrap();
    assert_eq!(
        written.records[0].text("nama"),
        "Dari tab B",
        "the later wins"
    );
    assert_eq!(written.conflicts.len(), 1);
    let inbox = block_on(store.conflicts()).unwrap();
    assert_eq!(inbox.len(), 1, "the loser is in the inbox");
    assert_eq!(inbox[0].lost.value, json!("Dari tab A"));
}

#[test]
fn a_record_is_unsent_from_any_change_here_until_an_export_carries_it() {
    use crate::sharing::ImportEntry;
    let store = MemoryStore::default();
    let mut rs = records(2);
    let saved = block_on(store.put_all(&rs)).unwrap();
    let unsent = block_on(store.unsent()).unwrap();
    assert_eq!(unsent.len(), 2, "new records are unsent");
    // Exported: both leave the device.
    block_on(store.mark_sent(&saved.unsent)).unwrap();
    assert!(block_on(store.unsent()).unwrap().is_empty());
    // Received from a colleague, with stamps older than anything here: still a change here.
    let mut other = Clock::new("other");
    let mut from_colleague = Record::new(
        Kind::Usaha,
        &mut Editor {
            clock: &mut other,
            officer: "Rekan",
            now_ms: 0,
        },
    );
    from_colleague.id = "other-0-0".into();
    let entry = ImportEntry {
        checksum: "sha256:01".into(),
        received_ms: 7,
        created: "2026-11-23T00:00:00.000Z".into(),
        created_ms: 0,
        device: "other".into(),
        officer: "Rekan".into(),
        kabupaten: None,
        counts: Default::default(),
    };
    let got = block_on(store.import(std::slice::from_ref(&from_colleague), Some(&entry))).unwrap();
    assert_eq!(
        block_on(store.unsent()).unwrap().keys().collect::<Vec<_>>(),
        vec![&from_colleague.id]
    );
    // An export that saw an older marker does not clear a change made since.
    let stale = got.unsent.clone();
    let mut clock = Clock::new("dev");
    rs[0].set(
        "nama",
        json!("Diubah"),
        &mut Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 50,
        },
    );
    let edit = block_on(store.put_all(&rs[..1])).unwrap();
    let mut sent = stale;
    sent.push((rs[0].id.clone(), "an older marker".into()));
    block_on(store.mark_sent(&sent)).unwrap();
    assert_eq!(
        block_on(store.unsent()).unwrap(),
        edit.unsent.into_iter().collect(),
        "only the edit made after the export began is left"
    );
    // A save that changes nothing leaves nothing unsent.
    block_on(
        store.mark_sent(
            &block_on(store.unsent())
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>(),
        ),
    )
    .unwrap();
    assert!(block_on(store.put_all(&rs[..1])).unwrap().unsent.is_empty());
    assert!(block_on(store.unsent()).unwrap().is_empty());
}

#[test]
fn a_failed_write_changes_nothing() {
    let store = MemoryStore::default();
    block_on(store.put_all(&records(2))).unwrap();
    *store.fail_next.borrow_mut() = Some(StoreError::Quota);
    let err = block_on(store.put_all(&records(5))).unwrap_err();
    assert_eq!(err.message(), Msg::StoreQuota);
    assert_eq!(block_on(store.load_all()).unwrap().len(), 2);
    block_on(store.meta_put("last_export", "x")).unwrap();
    assert_eq!(
        block_on(store.meta_get("last_export")).unwrap().as_deref(),
        Some("x")
    );
    block_on(store.clear()).unwrap();
    assert!(block_on(store.load_all()).unwrap().is_empty());
    assert_eq!(
        block_on(store.meta_get("last_export")).unwrap(),
        None,
        "wiped too"
    );
}
