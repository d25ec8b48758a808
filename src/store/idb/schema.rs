//! The database's schema: its object stores, the steps that upgrade an older version, and
//! opening the database (running those steps).

use super::super::chunk::{chunk_key, chunk_of};
use super::{chunk_value, finished, IdbStore, StoreError};
use crate::model::{Kind, Record};
use js_sys::Array;
use std::collections::BTreeMap;
use wasm_bindgen::{prelude::*, JsCast};
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbTransaction, IdbVersionChangeEvent};

/// A schema step, run inside the upgrade transaction.
pub type Migration = fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>;

/// Schema steps: `MIGRATIONS[n]` upgrades version n to n+1.
pub const MIGRATIONS: &[Migration] = &[
    // 0 → 1: a store per kind, and metadata.
    |db, _| {
        for kind in Kind::ALL {
            db.create_object_store(kind.key())?;
        }
        db.create_object_store("meta")?;
        Ok(())
    },
    // 1 → 2: the import log of shared bundles (who sent what, when).
    |db, _| db.create_object_store(IMPORT_LOG).map(|_| ()),
    // 2 → 3: records move from one value each (JSON text keyed by id) into chunks.
    |_, tx| {
        for kind in Kind::ALL {
            rechunk(tx, kind.key())?;
        }
        Ok(())
    },
    // 3 → 4: the conflict inbox (key: `Conflict::key`, value: the conflict as JSON text).
    |db, _| db.create_object_store(CONFLICTS).map(|_| ()),
    // 4 → 5: what has not left the device (key: a chunk of record ids, as `chunk_of` places them;
    // value: JSON id → the marker of the write that last changed it here). Filled from the old
    // export mark at the first start (`Records`), where the records are decoded.
    |db, _| db.create_object_store(UNSENT).map(|_| ()),
    // 5 → 6: what the first screens show, kept for the next opening, and the count of writes
    // that says whether it is still what is stored (see `screens`). Old tabs close at this
    // upgrade (`onversionchange`), so no version that writes records without counting is left.
    |db, _| db.create_object_store(SCREENS).map(|_| ()),
    // 6 → 7: photos (issue 17), the shrunk JPEG's bytes keyed by their SHA-256 (hex), and their
    // thumbnails apart, so that a list or a detail reads a few KB per photo, not the photo.
    |db, _| {
        db.create_object_store(PHOTOS)?;
        db.create_object_store(THUMBS).map(|_| ())
    },
];

pub(super) const CONFLICTS: &str = "conflicts";
pub(super) const UNSENT: &str = "unsent";
pub(super) const IMPORT_LOG: &str = "import_log";
pub(super) const SCREENS: &str = "screens";
pub(super) const PHOTOS: &str = "photos";
pub(super) const THUMBS: &str = "thumbs";

/// Reads every per-record value of a kind's store and writes them back as chunks. Runs from the
/// read's success callback, still inside the upgrade transaction; any failure aborts it.
fn rechunk(tx: &IdbTransaction, kind: &str) -> Result<(), JsValue> {
    let store = tx.object_store(kind)?;
    let read = store.get_all()?;
    let (req, t) = (read.clone(), tx.clone());
    let on_read = Closure::once_into_js(move || {
        let moved = || -> Result<(), JsValue> {
            let all: Array = req.result()?.unchecked_into();
            let mut chunks: BTreeMap<u32, Vec<Record>> = BTreeMap::new();
            for value in all.iter() {
                let text = value.as_string().ok_or("a record is not text")?;
                let record: Record =
                    serde_json::from_str(&text).map_err(|e| JsValue::from_str(&e.to_string()))?;
                chunks.entry(chunk_of(&record.id)).or_default().push(record);
            }
            store.clear()?;
            for (chunk, records) in chunks {
                store.put_with_key(
                    &chunk_value(&records),
                    &JsValue::from_str(&chunk_key(chunk)),
                )?;
            }
            Ok(())
        };
        if moved().is_err() {
            let _ = t.abort();
        }
    });
    read.set_onsuccess(Some(on_read.unchecked_ref()));
    Ok(())
}

pub const VERSION: u32 = MIGRATIONS.len() as u32;

impl IdbStore {
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
                let Some(tx) = req.transaction() else {
                    return;
                };
                for step in &MIGRATIONS[from..to] {
                    if step(&db, &tx).is_err() {
                        // Abort the upgrade: the database stays at its old version, data untouched.
                        let _ = tx.abort();
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
}
