//! Where records are kept. One interface, two implementations: [`MemoryStore`] for native tests,
//! and `idb::IdbStore` (browser only), the only code that touches IndexedDB.
//!
//! The app loads every record into memory at start and writes through: a save of several
//! records is one transaction, all or nothing.

pub mod chunk;
#[cfg(target_arch = "wasm32")]
pub mod idb;

use crate::i18n::Msg;
use crate::model::merge::Conflict;
use crate::model::merge::{merge_into, merge_reporting};
use crate::model::{Kind, Record};
use crate::sharing::ImportEntry;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Why the device could not keep or read data, in terms the officer can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The device's storage is full.
    Quota,
    /// Another tab holds an older version of the database open.
    Blocked,
    /// The browser offers no storage here (private mode, or storage disabled).
    Unavailable,
    /// A stored record could not be read.
    Corrupt(String),
    Other(String),
}

impl StoreError {
    pub fn message(&self) -> Msg {
        match self {
            StoreError::Quota => Msg::StoreQuota,
            StoreError::Blocked => Msg::StoreBlocked,
            StoreError::Unavailable => Msg::StoreUnavailable,
            StoreError::Corrupt(_) | StoreError::Other(_) => Msg::StoreOther,
        }
    }
}

/// The store interface. Futures are not `Send`: browsers run them on the page's one thread.
#[allow(async_fn_in_trait)]
pub trait Store {
    async fn load_all(&self) -> Result<Vec<Record>, StoreError>;
    /// Saves `records` in one transaction, either every one or none. Each is merged field by
    /// field into the copy already stored (see [`crate::model::merge`]), so a save made from a
    /// stale copy (another tab changed the record meanwhile) keeps the other change. Returns the
    /// records as now stored.
    async fn put_all(&self, records: &[Record]) -> Result<Vec<Record>, StoreError>;
    /// The stored copies of these records (those that exist), e.g. after another tab saved them.
    async fn get_many(&self, keys: &[(Kind, String)]) -> Result<Vec<Record>, StoreError>;
    /// Applies an import in one transaction, all or nothing: the received `records` merged into
    /// what is stored (as `put_all` does), every conflict that merge finds added to the inbox (one
    /// entry per record, field and dropped version), and `entry` written to the import log.
    /// Conflicts are found against the stored copies inside the transaction, not against an
    /// earlier preview, so a change made meanwhile cannot lose an edit unreported. Returns the
    /// records as stored and the conflicts found.
    async fn import(
        &self,
        records: &[Record],
        entry: &ImportEntry,
    ) -> Result<(Vec<Record>, Vec<Conflict>), StoreError>;
    /// The import log, oldest first.
    async fn import_log(&self) -> Result<Vec<ImportEntry>, StoreError>;
    /// The conflict inbox.
    async fn conflicts(&self) -> Result<Vec<Conflict>, StoreError>;
    /// Takes conflicts out of the inbox (the officer settled them), by [`Conflict::key`].
    async fn drop_conflicts(&self, keys: &[String]) -> Result<(), StoreError>;
    /// A small value of the device's own bookkeeping (e.g. the stamp of the last export).
    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes every record (the "hapus semua data" setting).
    async fn clear(&self) -> Result<(), StoreError>;
}

/// Records in memory, for tests. `fail_next` makes the next write fail, to test that a failed
/// save changes nothing.
#[derive(Default)]
pub struct MemoryStore {
    records: RefCell<BTreeMap<String, Record>>,
    meta: RefCell<BTreeMap<String, String>>,
    log: RefCell<Vec<ImportEntry>>,
    inbox: RefCell<BTreeMap<String, Conflict>>,
    pub fail_next: RefCell<Option<StoreError>>,
}

impl Store for MemoryStore {
    async fn load_all(&self) -> Result<Vec<Record>, StoreError> {
        Ok(self.records.borrow().values().cloned().collect())
    }

    async fn put_all(&self, records: &[Record]) -> Result<Vec<Record>, StoreError> {
        if let Some(err) = self.fail_next.borrow_mut().take() {
            return Err(err);
        }
        let mut map = self.records.borrow_mut();
        Ok(records
            .iter()
            .map(|r| {
                let stored = map
                    .entry(r.id.clone())
                    .and_modify(|stored| {
                        merge_into(stored, r);
                    })
                    .or_insert_with(|| r.clone());
                stored.clone()
            })
            .collect())
    }

    async fn import(
        &self,
        records: &[Record],
        entry: &ImportEntry,
    ) -> Result<(Vec<Record>, Vec<Conflict>), StoreError> {
        if let Some(err) = self.fail_next.borrow_mut().take() {
            return Err(err);
        }
        let mut map = self.records.borrow_mut();
        let mut conflicts = Vec::new();
        let saved = records
            .iter()
            .map(|r| {
                let stored = map
                    .entry(r.id.clone())
                    .and_modify(|stored| {
                        merge_reporting(stored, r, &mut conflicts);
                    })
                    .or_insert_with(|| r.clone());
                stored.clone()
            })
            .collect();
        let mut inbox = self.inbox.borrow_mut();
        for c in &conflicts {
            inbox.insert(c.key(), c.clone());
        }
        self.log.borrow_mut().push(entry.clone());
        Ok((saved, conflicts))
    }

    async fn import_log(&self) -> Result<Vec<ImportEntry>, StoreError> {
        Ok(self.log.borrow().clone())
    }

    async fn conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        Ok(self.inbox.borrow().values().cloned().collect())
    }

    async fn drop_conflicts(&self, keys: &[String]) -> Result<(), StoreError> {
        let mut inbox = self.inbox.borrow_mut();
        for k in keys {
            inbox.remove(k);
        }
        Ok(())
    }

    async fn get_many(&self, keys: &[(Kind, String)]) -> Result<Vec<Record>, StoreError> {
        let map = self.records.borrow();
        Ok(keys
            .iter()
            .filter_map(|(_, id)| map.get(id).cloned())
            .collect())
    }

    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.meta.borrow().get(key).cloned())
    }

    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(err) = self.fail_next.borrow_mut().take() {
            return Err(err);
        }
        self.meta.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    async fn clear(&self) -> Result<(), StoreError> {
        self.records.borrow_mut().clear();
        self.meta.borrow_mut().clear();
        self.log.borrow_mut().clear();
        self.inbox.borrow_mut().clear();
        Ok(())
    }
}

/// Runs a future that never waits on anything outside itself (the memory store) to completion.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
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
        let saved = block_on(store.put_all(&[tab_b])).unwrap();
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
        assert!(block_on(store.import(&[theirs.clone()], &entry)).is_err());
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

        let (saved, conflicts) = block_on(store.import(&[theirs.clone()], &entry)).unwrap();
        assert_eq!(saved[0].text("nama"), "Di sana", "the later stamp");
        assert_eq!(conflicts.len(), 1, "found against the stored copy");
        assert_eq!(conflicts[0].lost.value, json!("Di sini"));
        block_on(store.import(&[theirs], &entry)).unwrap();
        assert_eq!(
            block_on(store.conflicts()).unwrap().len(),
            1,
            "the same conflict once"
        );
        assert_eq!(block_on(store.import_log()).unwrap().len(), 2);
        block_on(store.drop_conflicts(&[conflicts[0].key()])).unwrap();
        assert!(block_on(store.conflicts()).unwrap().is_empty());
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
}
