//! Photos (issue 17): the shrunk JPEG's bytes in "photos" and its thumbnail in "thumbs", both
//! keyed by the photo's SHA-256 (lower-case hex), as binary (`ArrayBuffer`), not text. The same
//! photo is kept once however many records refer to it. The bytes stay JavaScript values: they go
//! from the worker that shrank them to IndexedDB and from there to the screen without a copy in
//! the wasm's memory.

use super::{committed, error_of, finished, IdbStore, PHOTOS, THUMBS};
use crate::store::StoreError;
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::IdbTransactionMode;

/// A photo to keep: its hash, its bytes and its thumbnail's (`ArrayBuffer`s).
pub struct NewPhoto {
    pub hash: String,
    pub photo: JsValue,
    pub thumb: JsValue,
}

impl IdbStore {
    /// Keeps photos and their thumbnails in one transaction: every one or none (a full disk
    /// fails it with [`StoreError::Quota`], and nothing is kept).
    pub async fn put_photos(&self, photos: &[NewPhoto]) -> Result<(), StoreError> {
        let tx = self.transaction(&[PHOTOS, THUMBS], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let put = || -> Result<(), StoreError> {
            let (full, thumbs) = (
                Self::object_store(&tx, PHOTOS)?,
                Self::object_store(&tx, THUMBS)?,
            );
            for p in photos {
                let key = JsValue::from_str(&p.hash);
                full.put_with_key(&p.photo, &key).map_err(error_of)?;
                thumbs.put_with_key(&p.thumb, &key).map_err(error_of)?;
            }
            Ok(())
        };
        if let Err(e) = put() {
            let _ = tx.abort();
            return Err(e);
        }
        done.await
    }

    /// A photo's bytes (`ArrayBuffer`), if this device has it.
    pub async fn photo(&self, hash: &str) -> Result<Option<JsValue>, StoreError> {
        self.read_one(PHOTOS, hash).await
    }

    /// A photo's thumbnail (`ArrayBuffer`), if this device has it.
    pub async fn thumb(&self, hash: &str) -> Result<Option<JsValue>, StoreError> {
        self.read_one(THUMBS, hash).await
    }

    async fn read_one(&self, store: &str, hash: &str) -> Result<Option<JsValue>, StoreError> {
        let tx = self.transaction(&[store], IdbTransactionMode::Readonly)?;
        let read = Self::object_store(&tx, store)?
            .get(&JsValue::from_str(hash))
            .map_err(error_of)?;
        let value = finished(&read).await?;
        Ok((!value.is_undefined()).then_some(value))
    }

    /// The hashes of every photo on this device.
    pub async fn photo_hashes(&self) -> Result<Vec<String>, StoreError> {
        let tx = self.transaction(&[PHOTOS], IdbTransactionMode::Readonly)?;
        let read = Self::object_store(&tx, PHOTOS)?
            .get_all_keys()
            .map_err(error_of)?;
        let keys: Array = finished(&read).await?.unchecked_into();
        Ok(keys.iter().filter_map(|k| k.as_string()).collect())
    }

    /// Removes photos (no record refers to them any more), with their thumbnails.
    pub async fn remove_photos(&self, hashes: &[String]) -> Result<(), StoreError> {
        if hashes.is_empty() {
            return Ok(());
        }
        let tx = self.transaction(&[PHOTOS, THUMBS], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        for store in [PHOTOS, THUMBS] {
            let store = Self::object_store(&tx, store)?;
            for hash in hashes {
                store.delete(&JsValue::from_str(hash)).map_err(error_of)?;
            }
        }
        done.await
    }
}
