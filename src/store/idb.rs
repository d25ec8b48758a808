//! IndexedDB: the only code in Sentra that touches it.
//!
//! Schema (database "sentra"): one object store per record kind, "meta", "import_log" (since
//! version 2), "conflicts" (the inbox, since 4) and "unsent" (since 5: the records that have not
//! left the device since they last changed here, id → the marker of that change, one JSON map per
//! chunk of ids) and "screens" (since 6: what the first screens show, kept for the next opening,
//! see [`screens`]), "photos" and "thumbs" (since 7: photos by their SHA-256, see [`photos`]). A kind's store holds its records in chunks
//! (see [`super::chunk`]: key `cNN`, value bytes).
//! Each version's upgrade is a step in [`MIGRATIONS`]; opening an older database runs the
//! missing steps in order inside the browser's upgrade transaction, so data is kept, and a step
//! that fails aborts the upgrade with the old data untouched.

use super::chunk::{chunk_key, chunk_of, decode, encode};
use super::{Marker, Store, StoreError, Unsent, Written};
use crate::model::merge::Conflict;
use crate::model::{Id, Kind, Record};
use crate::sharing::ImportEntry;
use js_sys::{Array, Promise, Uint8Array};
use std::collections::BTreeMap;
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbRequest, IdbRequestReadyState, IdbTransaction,
    IdbTransactionMode,
};

pub const DB_NAME: &str = "sentra";

mod chunks;
mod marks;
mod merge;
mod photos;
mod schema;
mod screens;
pub use chunks::Chunks;
pub use marks::UnsentChunks;
use marks::{edit_marks, mark_in, new_marker};
use merge::{kinds_of, merge_chunks, Pace};
pub use photos::NewPhoto;
pub use schema::{Migration, MIGRATIONS, VERSION};
use schema::{CONFLICTS, IMPORT_LOG, PHOTOS, SCREENS, THUMBS, UNSENT};

pub struct IdbStore {
    db: IdbDatabase,
}

fn error_of(value: JsValue) -> StoreError {
    let name = value
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" => StoreError::Quota,
        "InvalidStateError" | "SecurityError" => StoreError::Unavailable,
        _ => StoreError::Other(if name.is_empty() {
            format!("{value:?}")
        } else {
            name
        }),
    }
}

/// Resolves with the request's result, or rejects with its error. A request that finished
/// before it was awaited (its success event has fired already) answers at once: waiting for
/// its event would wait forever.
async fn finished(request: &IdbRequest) -> Result<JsValue, StoreError> {
    if request.ready_state() == IdbRequestReadyState::Done {
        return match request.error() {
            Ok(Some(e)) => Err(error_of(e.into())),
            _ => request.result().map_err(error_of),
        };
    }
    let promise = Promise::new(&mut |resolve, reject| {
        let req = request.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let req = request.clone();
        let fail = Closure::once_into_js(move || {
            let _ = reject.call1(
                &JsValue::NULL,
                &req.error()
                    .ok()
                    .flatten()
                    .map(JsValue::from)
                    .unwrap_or(JsValue::NULL),
            );
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(error_of)
}

/// Resolves when the transaction has committed; rejects if it aborted (nothing written).
async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let failed = Closure::once_into_js(move || {
            let _ = reject.call1(
                &JsValue::NULL,
                &t.error().map(JsValue::from).unwrap_or(JsValue::NULL),
            );
        });
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(error_of)
}

impl IdbStore {
    /// Opens (creating or upgrading) the database at the current schema version. While another
    /// tab holds an older version open, `on_blocked` is called and the open waits: it goes on by
    /// itself once that tab closes.
    pub async fn open(on_blocked: impl Fn() + 'static) -> Result<IdbStore, StoreError> {
        Self::open_named(DB_NAME, VERSION, on_blocked).await
    }

    pub fn store_names(&self) -> Vec<String> {
        let names = self.db.object_store_names();
        (0..names.length()).filter_map(|i| names.item(i)).collect()
    }

    /// The open database, for tests that write an older version's data by hand.
    pub fn database(&self) -> &IdbDatabase {
        &self.db
    }

    pub fn close(&self) {
        self.db.close();
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StoreError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(error_of)
    }

    fn object_store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StoreError> {
        tx.object_store(name).map_err(error_of)
    }
}

/// Decodes a chunk read from the store (`undefined` when there is none yet).
fn chunk_records(kind: &str, value: &JsValue) -> Result<Vec<Record>, StoreError> {
    if value.is_undefined() {
        return Ok(Vec::new());
    }
    let bytes = value
        .dyn_ref::<Uint8Array>()
        .ok_or_else(|| StoreError::Corrupt(format!("{kind}: a chunk is not bytes")))?
        .to_vec();
    decode(&bytes).map_err(|e| StoreError::Corrupt(format!("{kind}: {e}")))
}

/// A chunk's bytes as an IndexedDB value.
fn chunk_value<'a>(records: impl IntoIterator<Item = &'a Record>) -> JsValue {
    Uint8Array::from(&encode(records)[..]).into()
}

/// Records grouped by the chunk they live in.
fn by_chunk<'a, T>(
    items: impl Iterator<Item = (Kind, &'a str, T)>,
) -> BTreeMap<(Kind, u32), Vec<T>> {
    let mut groups: BTreeMap<(Kind, u32), Vec<T>> = BTreeMap::new();
    for (kind, id, item) in items {
        groups.entry((kind, chunk_of(id))).or_default().push(item);
    }
    groups
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    serde_json::to_string(value)
        .map(|t| JsValue::from_str(&t))
        .map_err(|e| StoreError::Other(e.to_string()))
}

/// Puts conflicts in the inbox inside `tx`.
fn to_inbox(tx: &IdbTransaction, conflicts: &[Conflict]) -> Result<(), StoreError> {
    let inbox = IdbStore::object_store(tx, CONFLICTS)?;
    for c in conflicts {
        inbox
            .put_with_key(&to_json(c)?, &JsValue::from_str(&c.key()))
            .map_err(error_of)?;
    }
    Ok(())
}

impl IdbStore {
    /// Every value of a store of JSON texts, in key order.
    async fn read_all_json<T: serde::de::DeserializeOwned>(
        &self,
        store: &str,
    ) -> Result<Vec<T>, StoreError> {
        let tx = self.transaction(&[store], IdbTransactionMode::Readonly)?;
        let read = Self::object_store(&tx, store)?
            .get_all()
            .map_err(error_of)?;
        let all: Array = finished(&read).await?.unchecked_into();
        all.iter()
            .map(|v| {
                let text = v
                    .as_string()
                    .ok_or_else(|| StoreError::Corrupt(format!("{store}: not text")))?;
                serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("{store}: {e}")))
            })
            .collect()
    }
}

/// [`screens::count_write`], aborting `tx` if it fails.
async fn counted(tx: &IdbTransaction) -> Result<(u64, u64), StoreError> {
    screens::count_write(tx).await.inspect_err(|_| {
        let _ = tx.abort();
    })
}

impl IdbStore {
    /// Saves records in one transaction, their chunks read as `pace` says ([`Store::put_all`],
    /// [`Store::put_many`]).
    async fn put_paced(&self, records: &[Record], pace: Pace) -> Result<Written, StoreError> {
        let mut stores = kinds_of(records);
        if stores.is_empty() {
            return Ok(Written::default());
        }
        stores.extend([CONFLICTS, UNSENT, SCREENS]);
        let tx = self.transaction(&stores, IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let writes = counted(&tx).await?;
        let mut written = merge_chunks(&tx, records, pace, true).await?;
        written.writes = writes;
        // Two tabs saving one field at once: the later wins, and the other is kept for the
        // officer, as for a received file.
        if let Err(e) = to_inbox(&tx, &written.conflicts) {
            let _ = tx.abort();
            return Err(e);
        }
        done.await?;
        Ok(written)
    }
}

impl Store for IdbStore {
    async fn load_all(&self) -> Result<Vec<Record>, StoreError> {
        let mut records = Vec::new();
        for read in self.read_chunks().await? {
            records.extend(read?);
        }
        Ok(records)
    }

    async fn put_all(&self, records: &[Record]) -> Result<Written, StoreError> {
        self.put_paced(records, Pace::Together).await
    }

    async fn put_many(&self, records: &[Record]) -> Result<Written, StoreError> {
        self.put_paced(records, Pace::Batched).await
    }

    async fn import(
        &self,
        records: &[Record],
        entry: Option<&ImportEntry>,
    ) -> Result<Written, StoreError> {
        let mut stores = kinds_of(records);
        stores.extend([CONFLICTS, IMPORT_LOG, UNSENT, SCREENS]);
        let tx = self.transaction(&stores, IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let fail = |e: StoreError| {
            let _ = tx.abort();
            e
        };
        let writes = counted(&tx).await?;
        let Some(entry) = entry else {
            // A page from the office hub: merged, conflicts kept; no log, no unsent marks.
            let mut written = merge_chunks(&tx, records, Pace::Batched, false).await?;
            written.writes = writes;
            to_inbox(&tx, &written.conflicts).map_err(fail)?;
            done.await?;
            return Ok(written);
        };
        // Whether this file is in the log already (a handful of entries: one per file).
        let log = Self::object_store(&tx, IMPORT_LOG)?
            .get_all()
            .map_err(|e| fail(error_of(e)))?;
        let logged: Array = finished(&log).await.map_err(fail)?.unchecked_into();
        let mut written = merge_chunks(&tx, records, Pace::Batched, true).await?;
        written.writes = writes;
        let seen = logged.iter().any(|v| {
            v.as_string()
                .and_then(|t| serde_json::from_str::<ImportEntry>(&t).ok())
                .is_some_and(|e| e.checksum == entry.checksum)
        });
        if seen && written.unsent.is_empty() {
            // A repeat: nothing changed, so nothing was written, and the log gets no entry.
            done.await?;
            written.repeat = true;
            return Ok(written);
        }
        to_inbox(&tx, &written.conflicts).map_err(fail)?;
        // Keyed by time first, so the log reads oldest first.
        let key = format!("{:013}-{}", entry.received_ms, entry.checksum);
        Self::object_store(&tx, IMPORT_LOG)?
            .put_with_key(&to_json(entry).map_err(fail)?, &JsValue::from_str(&key))
            .map_err(|e| fail(error_of(e)))?;
        done.await?;
        Ok(written)
    }

    async fn keep_conflicts(&self, conflicts: &[Conflict]) -> Result<(), StoreError> {
        let tx = self.transaction(&[CONFLICTS], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        if let Err(e) = to_inbox(&tx, conflicts) {
            let _ = tx.abort();
            return Err(e);
        }
        done.await
    }

    async fn unsent(&self) -> Result<Unsent, StoreError> {
        let mut all = Vec::new();
        for marks in self.read_unsent().await? {
            all.extend(marks?);
        }
        // Runs sorted by id, one per chunk: a sort that finds them and one build (inserting
        // 50,000 ids one by one took 4 times as long).
        Ok(all.into_iter().collect())
    }

    async fn mark_sent(&self, sent: &[(Id, Marker)]) -> Result<(), StoreError> {
        let tx = self.transaction(&[UNSENT], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let edited = edit_marks(
            &tx,
            sent,
            |(id, _)| id,
            |stored, group| {
                for (id, marker) in group {
                    // Changed again since the export read it: still unsent.
                    if stored.get(id) == Some(marker) {
                        stored.remove(id);
                    }
                }
            },
        )
        .await;
        if let Err(e) = edited {
            let _ = tx.abort();
            return Err(e);
        }
        done.await
    }

    async fn mark_unsent(&self, ids: &[Id]) -> Result<(), StoreError> {
        let tx = self.transaction(&[UNSENT], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let marker = new_marker();
        let marks: Vec<(Id, Marker)> = ids.iter().map(|id| (id.clone(), marker.clone())).collect();
        if let Err(e) = mark_in(&tx, &marks).await {
            let _ = tx.abort();
            return Err(e);
        }
        done.await
    }

    async fn import_log(&self) -> Result<Vec<ImportEntry>, StoreError> {
        self.read_all_json(IMPORT_LOG).await
    }

    async fn conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        self.read_all_json(CONFLICTS).await
    }

    async fn drop_conflicts(&self, keys: &[String]) -> Result<(), StoreError> {
        let tx = self.transaction(&[CONFLICTS], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let inbox = Self::object_store(&tx, CONFLICTS)?;
        for k in keys {
            inbox.delete(&JsValue::from_str(k)).map_err(error_of)?;
        }
        done.await
    }

    async fn get_many(&self, keys: &[(Kind, String)]) -> Result<Vec<Record>, StoreError> {
        let groups = by_chunk(keys.iter().map(|(k, id)| (*k, id.as_str(), id.as_str())));
        let mut kinds: Vec<&str> = groups.keys().map(|(k, _)| k.key()).collect();
        kinds.dedup();
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.transaction(&kinds, IdbTransactionMode::Readonly)?;
        let mut reads = Vec::with_capacity(groups.len());
        for (kind, chunk) in groups.keys() {
            reads.push(
                Self::object_store(&tx, kind.key())?
                    .get(&JsValue::from_str(&chunk_key(*chunk)))
                    .map_err(error_of)?,
            );
        }
        let mut found = Vec::new();
        for (((kind, _), ids), read) in groups.into_iter().zip(reads) {
            let stored = finished(&read).await?;
            // A set: another tab's sync may have stored every record of a chunk (800 of 800).
            let ids: std::collections::HashSet<&str> = ids.into_iter().collect();
            found.extend(
                chunk_records(kind.key(), &stored)?
                    .into_iter()
                    .filter(|r| ids.contains(&*r.id)),
            );
        }
        Ok(found)
    }

    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.transaction(&["meta"], IdbTransactionMode::Readonly)?;
        let read = Self::object_store(&tx, "meta")?
            .get(&JsValue::from_str(key))
            .map_err(error_of)?;
        Ok(finished(&read).await?.as_string())
    }

    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&["meta"], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        Self::object_store(&tx, "meta")?
            .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
            .map_err(error_of)?;
        done.await
    }

    async fn clear(&self) -> Result<(), StoreError> {
        let kinds: Vec<&str> = Kind::ALL
            .iter()
            .map(|k| k.key())
            .chain([
                "meta", IMPORT_LOG, CONFLICTS, UNSENT, SCREENS, PHOTOS, THUMBS,
            ])
            .collect();
        let tx = self.transaction(&kinds, IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        // The kept screens go, and the count of writes goes on from where it was (back at 0, a
        // tab that has not heard of the wipe yet could keep a screen of its old records at 0).
        let writes = counted(&tx).await?;
        for kind in &kinds {
            Self::object_store(&tx, kind)?.clear().map_err(error_of)?;
        }
        screens::put_count(&tx, writes.1)?;
        done.await
    }
}
