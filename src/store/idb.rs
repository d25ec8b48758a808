//! IndexedDB: the only code in Sentra that touches it.
//!
//! Schema (database "sentra"): one object store per record kind (key: record id, value: the
//! record as JSON text) and "meta". Each version's upgrade is a step in [`MIGRATIONS`]; opening
//! an older database runs the missing steps in order inside the browser's upgrade transaction,
//! so data is kept.

use super::{Store, StoreError};
use crate::model::merge::merge_into;
use crate::model::{Kind, Record};
use js_sys::{Array, Promise};
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
    IdbVersionChangeEvent,
};

pub const DB_NAME: &str = "sentra";

/// Schema steps: `MIGRATIONS[n]` upgrades version n to n+1.
pub const MIGRATIONS: &[fn(&IdbDatabase) -> Result<(), JsValue>] = &[
    // 0 → 1: a store per kind, and metadata.
    |db| {
        for kind in Kind::ALL {
            db.create_object_store(kind.key())?;
        }
        db.create_object_store("meta")?;
        Ok(())
    },
    // 1 → 2: the import log of shared bundles (who sent what, when).
    |db| db.create_object_store("import_log").map(|_| ()),
];

pub const VERSION: u32 = MIGRATIONS.len() as u32;

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

/// Resolves with the request's result, or rejects with its error.
async fn finished(request: &IdbRequest) -> Result<JsValue, StoreError> {
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

    /// Opens `name` at `version` (tests open older versions to check upgrades).
    pub async fn open_named(
        name: &str,
        version: u32,
        on_blocked: impl Fn() + 'static,
    ) -> Result<IdbStore, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(name, version)
            .map_err(|_| StoreError::Unavailable)?;
        let upgrade = Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(
            move |event: IdbVersionChangeEvent| {
                let Some(req) = event
                    .target()
                    .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
                else {
                    return;
                };
                let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
                    return;
                };
                let from = event.old_version() as usize;
                let to =
                    (event.new_version().unwrap_or(version as f64) as usize).min(MIGRATIONS.len());
                for step in &MIGRATIONS[from..to] {
                    if step(&db).is_err() {
                        // Abort the upgrade: the database stays at its old version, data untouched.
                        if let Some(tx) = req.transaction() {
                            let _ = tx.abort();
                        }
                        return;
                    }
                }
            },
        );
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = blocked.clone();
        let blocked_cb = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            on_blocked();
        });
        request.set_onblocked(Some(blocked_cb.as_ref().unchecked_ref()));
        let result = finished(&request).await;
        drop((upgrade, blocked_cb));
        if blocked.get() && result.is_err() {
            return Err(StoreError::Blocked);
        }
        let db: IdbDatabase = result?.unchecked_into();
        // Another tab opening a newer version: close so its upgrade is not blocked by us.
        let db_for_cb = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || db_for_cb.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(IdbStore { db })
    }

    pub fn store_names(&self) -> Vec<String> {
        let names = self.db.object_store_names();
        (0..names.length()).filter_map(|i| names.item(i)).collect()
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

impl Store for IdbStore {
    async fn load_all(&self) -> Result<Vec<Record>, StoreError> {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
        let tx = self.transaction(&kinds, IdbTransactionMode::Readonly)?;
        // Every request is issued before the first is awaited, all in the one transaction.
        let mut requests = Vec::new();
        for kind in &kinds {
            requests.push((
                *kind,
                Self::object_store(&tx, kind)?.get_all().map_err(error_of)?,
            ));
        }
        let mut records = Vec::new();
        for (kind, request) in requests {
            let all = finished(&request).await?;
            let all: Array = all.unchecked_into();
            records.reserve(all.length() as usize);
            for value in all.iter() {
                let text = value
                    .as_string()
                    .ok_or_else(|| StoreError::Corrupt(format!("{kind}: not text")))?;
                records.push(
                    serde_json::from_str(&text)
                        .map_err(|e| StoreError::Corrupt(format!("{kind}: {e}")))?,
                );
            }
        }
        Ok(records)
    }

    async fn put_all(&self, records: &[Record]) -> Result<Vec<Record>, StoreError> {
        let mut kinds: Vec<&str> = records.iter().map(|r| r.kind.key()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.transaction(&kinds, IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let fail = |e: StoreError| {
            let _ = tx.abort();
            e
        };
        // Read every stored copy first (all requests in flight together), then merge and write,
        // all inside the one transaction: another tab's write cannot land in between.
        let mut reads = Vec::with_capacity(records.len());
        for r in records {
            let store = Self::object_store(&tx, r.kind.key())?;
            reads.push(
                store
                    .get(&JsValue::from_str(&r.id))
                    .map_err(|e| fail(error_of(e)))?,
            );
        }
        let mut saved = Vec::with_capacity(records.len());
        for (r, read) in records.iter().zip(reads) {
            let stored = finished(&read).await.map_err(fail)?;
            let record = match stored.as_string() {
                Some(text) => {
                    let mut stored: Record = serde_json::from_str(&text)
                        .map_err(|e| fail(StoreError::Corrupt(format!("{}: {e}", r.id))))?;
                    merge_into(&mut stored, r);
                    stored
                }
                None => r.clone(),
            };
            let text = serde_json::to_string(&record)
                .map_err(|e| fail(StoreError::Other(e.to_string())))?;
            Self::object_store(&tx, record.kind.key())?
                .put_with_key(&JsValue::from_str(&text), &JsValue::from_str(&record.id))
                .map_err(|e| fail(error_of(e)))?;
            saved.push(record);
        }
        done.await?;
        Ok(saved)
    }

    async fn get_many(&self, keys: &[(Kind, String)]) -> Result<Vec<Record>, StoreError> {
        let mut kinds: Vec<&str> = keys.iter().map(|(k, _)| k.key()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.transaction(&kinds, IdbTransactionMode::Readonly)?;
        let mut reads = Vec::with_capacity(keys.len());
        for (kind, id) in keys {
            reads.push(
                Self::object_store(&tx, kind.key())?
                    .get(&JsValue::from_str(id))
                    .map_err(error_of)?,
            );
        }
        let mut found = Vec::new();
        for read in reads {
            if let Some(text) = finished(&read).await?.as_string() {
                found.push(
                    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                );
            }
        }
        Ok(found)
    }

    async fn clear(&self) -> Result<(), StoreError> {
        let kinds: Vec<&str> = Kind::ALL
            .iter()
            .map(|k| k.key())
            .chain(["meta", "import_log"])
            .collect();
        let tx = self.transaction(&kinds, IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        for kind in &kinds {
            Self::object_store(&tx, kind)?.clear().map_err(error_of)?;
        }
        done.await
    }
}
