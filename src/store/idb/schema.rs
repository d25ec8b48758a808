//! The database's schema: its object stores and the steps that upgrade an older version.

use super::super::chunk::{chunk_key, chunk_of};
use super::chunk_value;
use crate::model::{Kind, Record};
use js_sys::Array;
use std::collections::BTreeMap;
use wasm_bindgen::{prelude::*, JsCast};
use web_sys::{IdbDatabase, IdbTransaction};

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
