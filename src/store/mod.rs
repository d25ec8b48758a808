//! Where records are kept. One interface, two implementations: [`MemoryStore`] for native tests,
//! and `idb::IdbStore` (browser only), the only code that touches IndexedDB.
//!
//! The app loads every record into memory at start and writes through: a save of several
//! records is one transaction, all or nothing.

pub mod chunk;
#[cfg(target_arch = "wasm32")]
pub mod idb;

use crate::i18n::Msg;
use crate::model::merge::merge_reporting;
use crate::model::merge::Conflict;
use crate::model::{Id, Kind, Record};
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

/// Which write last changed an unsent record: every record a write changed shares its one
/// marker (shared in memory too: 50,000 records marked by one import hold one copy).
pub type Marker = std::sync::Arc<str>;

/// The unsent marks ("belum dibagikan"): id → the [`Marker`] of the write that last changed it.
pub type Unsent = BTreeMap<Id, Marker>;

/// What a save or an import wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    /// Every record given, as now stored.
    pub records: Vec<Record>,
    /// The conflicts the merge found against the stored copies; they are in the inbox.
    pub conflicts: Vec<Conflict>,
    /// The records that changed here (new, or merged into), each now "belum dibagikan" under
    /// the one marker this write got: `(id, marker)`.
    pub unsent: Vec<(Id, Marker)>,
    /// An import of a file logged before that changed nothing: no second log entry was made.
    pub repeat: bool,
    /// The store's count of writes before and after this one (IndexedDB counts them, to tell a
    /// kept first screen from a stale one; 0 elsewhere).
    pub writes: (u64, u64),
}

impl Written {
    /// Merges `incoming` into the `stored` copies (by id), as every save and import does: each
    /// record as now stored is added to `records`, the conflicts found to `conflicts`, and each
    /// that changed (new, or merged into) is marked unsent under `marker`. Whether any changed:
    /// what nothing changed in need not be written again.
    pub(crate) fn merge_in<'a>(
        &mut self,
        stored: &mut BTreeMap<Id, Record>,
        incoming: impl IntoIterator<Item = &'a Record>,
        marker: &Marker,
    ) -> bool {
        let before = self.unsent.len();
        for r in incoming {
            let mut changed = true;
            let record = stored
                .entry(r.id.clone())
                .and_modify(|stored| {
                    changed = merge_reporting(stored, r, &mut self.conflicts);
                })
                .or_insert_with(|| r.clone());
            self.records.push(record.clone());
            if changed {
                self.unsent.push((r.id.clone(), marker.clone()));
            }
        }
        self.unsent.len() > before
    }
}

/// The store interface. Futures are not `Send`: browsers run them on the page's one thread.
#[allow(async_fn_in_trait)]
pub trait Store {
    async fn load_all(&self) -> Result<Vec<Record>, StoreError>;
    /// Saves `records` in one transaction, either every one or none. Each is merged field by
    /// field into the copy already stored (see [`crate::model::merge`]), so a save made from a
    /// stale copy (another tab changed the record meanwhile) keeps the other change; should both
    /// have changed one field without seeing each other (two tabs saving at once), the later
    /// wins and the other goes to the inbox, as for a received file. Records that changed are
    /// marked "belum dibagikan".
    async fn put_all(&self, records: &[Record]) -> Result<Written, StoreError>;
    /// [`Store::put_all`] for many records (an office's list brought in): the same one
    /// transaction, its chunks read and merged in batches so the page keeps responding.
    async fn put_many(&self, records: &[Record]) -> Result<Written, StoreError> {
        self.put_all(records).await
    }
    /// The stored copies of these records (those that exist), e.g. after another tab saved them.
    async fn get_many(&self, keys: &[(Kind, String)]) -> Result<Vec<Record>, StoreError>;
    /// Applies an import in one transaction, all or nothing: the received `records` merged into
    /// what is stored (as `put_all` does), every conflict that merge finds added to the inbox (one
    /// entry per record, field and dropped version), and `entry` written to the import log.
    /// Conflicts are found against the stored copies inside the transaction, not against an
    /// earlier preview, so a change made meanwhile cannot lose an edit unreported. Records that
    /// changed are marked "belum dibagikan" (received here is a change here: relaying a
    /// colleague's data to the office must send it). A file already in the log that changes
    /// nothing is a repeat: nothing is written, not even a second log entry.
    ///
    /// `entry: None` is a page pulled from the office hub: merged and its conflicts kept the same
    /// way, but not logged and not marked unsent (the office has it already).
    async fn import(
        &self,
        records: &[Record],
        entry: Option<&ImportEntry>,
    ) -> Result<Written, StoreError>;
    /// The records that have not left the device since they last changed here: id → marker.
    async fn unsent(&self) -> Result<Unsent, StoreError>;
    /// Marks records sent (an export left the device with them), each only if its marker is
    /// still the one given: a record changed meanwhile stays unsent.
    async fn mark_sent(&self, sent: &[(Id, Marker)]) -> Result<(), StoreError>;
    /// Marks records unsent (the first start after an upgrade, from the old export mark).
    async fn mark_unsent(&self, ids: &[Id]) -> Result<(), StoreError>;
    /// Puts conflicts in the inbox (those the office hub found when this device pushed).
    async fn keep_conflicts(&self, conflicts: &[Conflict]) -> Result<(), StoreError>;
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
    records: RefCell<BTreeMap<Id, Record>>,
    meta: RefCell<BTreeMap<String, String>>,
    log: RefCell<Vec<ImportEntry>>,
    inbox: RefCell<BTreeMap<String, Conflict>>,
    unsent: RefCell<Unsent>,
    writes: std::cell::Cell<u64>,
    pub fail_next: RefCell<Option<StoreError>>,
}

impl MemoryStore {
    /// A marker no earlier write of this store had.
    fn marker(&self) -> Marker {
        self.writes.set(self.writes.get() + 1);
        format!("m{}", self.writes.get()).into()
    }

    /// Merges `records` into the map, as one write: what is stored, conflicts, what changed.
    fn merge(&self, records: &[Record]) -> Written {
        let marker = self.marker();
        let mut out = Written::default();
        out.merge_in(&mut self.records.borrow_mut(), records, &marker);
        out
    }

    /// What a write changed, kept: the inbox and the unsent marks.
    fn keep(&self, written: &Written) {
        let mut inbox = self.inbox.borrow_mut();
        for c in &written.conflicts {
            inbox.insert(c.key(), c.clone());
        }
        self.unsent
            .borrow_mut()
            .extend(written.unsent.iter().cloned());
    }
}

impl Store for MemoryStore {
    async fn load_all(&self) -> Result<Vec<Record>, StoreError> {
        Ok(self.records.borrow().values().cloned().collect())
    }

    async fn put_all(&self, records: &[Record]) -> Result<Written, StoreError> {
        if let Some(err) = self.fail_next.borrow_mut().take() {
            return Err(err);
        }
        let written = self.merge(records);
        self.keep(&written);
        Ok(written)
    }

    async fn import(
        &self,
        records: &[Record],
        entry: Option<&ImportEntry>,
    ) -> Result<Written, StoreError> {
        if let Some(err) = self.fail_next.borrow_mut().take() {
            return Err(err);
        }
        let Some(entry) = entry else {
            let mut written = self.merge(records);
            written.unsent.clear();
            self.keep(&written);
            return Ok(written);
        };
        let seen = self
            .log
            .borrow()
            .iter()
            .any(|e| e.checksum == entry.checksum);
        // Merged into a copy first: a repeat must leave everything as it was.
        let before = self.records.borrow().clone();
        let mut written = self.merge(records);
        if seen && written.unsent.is_empty() {
            *self.records.borrow_mut() = before;
            written.repeat = true;
            return Ok(written);
        }
        self.keep(&written);
        self.log.borrow_mut().push(entry.clone());
        Ok(written)
    }

    async fn unsent(&self) -> Result<Unsent, StoreError> {
        Ok(self.unsent.borrow().clone())
    }

    async fn keep_conflicts(&self, conflicts: &[Conflict]) -> Result<(), StoreError> {
        self.keep(&Written {
            conflicts: conflicts.to_vec(),
            ..Written::default()
        });
        Ok(())
    }

    async fn mark_sent(&self, sent: &[(Id, Marker)]) -> Result<(), StoreError> {
        if let Some(err) = self.fail_next.borrow_mut().take() {
            return Err(err);
        }
        let mut unsent = self.unsent.borrow_mut();
        for (id, marker) in sent {
            if unsent.get(id) == Some(marker) {
                unsent.remove(id);
            }
        }
        Ok(())
    }

    async fn mark_unsent(&self, ids: &[Id]) -> Result<(), StoreError> {
        let marker = self.marker();
        let mut unsent = self.unsent.borrow_mut();
        for id in ids {
            unsent.insert(id.clone(), marker.clone());
        }
        Ok(())
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
            .filter_map(|(_, id)| map.get(id.as_str()).cloned())
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
        self.unsent.borrow_mut().clear();
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
mod tests;
