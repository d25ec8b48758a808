//! A record's photos (issue 17): kept in the store by their hash, referred to by the record's
//! `foto/<hash>` fields (one per photo, so photos added on two devices merge as a set; a removed
//! one is `false`, an edit that travels). A photo no record refers to any more is removed.

use super::{store, Records};
use crate::model::Record;
use crate::store::StoreError;
use crate::web::photos::Shrunk;
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use wasm_bindgen::JsValue;

/// The start of a photo field's name: `foto/<sha256 hex>`.
pub const PHOTO_PREFIX: &str = "foto/";

/// A record's photos, in the order their fields sort: (hash, what the field says of it).
pub fn photos_of(r: &Record) -> Vec<(String, Value)> {
    r.fields
        .iter()
        .filter_map(|(name, f)| {
            let hash = name.strip_prefix(PHOTO_PREFIX)?;
            f.value
                .is_object()
                .then(|| (hash.to_string(), f.value.clone()))
        })
        .collect()
}

impl Records {
    /// Keeps the photos, then refers to them from `record` (each as `jenis`), in two steps: the
    /// photos first, so a record never refers to a photo this device does not have. A full disk
    /// keeps neither: the record stays as it was.
    pub async fn add_photos(
        self,
        record: &Record,
        officer: &str,
        jenis: &str,
        photos: &[Shrunk],
    ) -> Result<(), StoreError> {
        let kept: Vec<_> = photos.iter().map(Shrunk::to_store).collect();
        store().await?.put_photos(&kept).await?;
        let changed = self.edit(officer, |editor| {
            let mut r = record.clone();
            for p in photos {
                let value = json!({
                    "jenis": jenis,
                    "lebar": p.width,
                    "tinggi": p.height,
                    "ukuran": p.size,
                    "tipe": "image/jpeg",
                });
                r.set(&format!("{PHOTO_PREFIX}{}", p.hash), value, editor);
            }
            r
        });
        self.save(vec![changed]).await
    }

    /// Takes a photo off `record` (an edit that travels), then removes it from the device if no
    /// record refers to it any more.
    pub async fn remove_photo(
        self,
        record: &Record,
        officer: &str,
        hash: &str,
    ) -> Result<(), StoreError> {
        let changed = self.edit(officer, |editor| {
            let mut r = record.clone();
            r.set(&format!("{PHOTO_PREFIX}{hash}"), Value::Bool(false), editor);
            r
        });
        self.save(vec![changed]).await?;
        self.drop_unreferenced().await
    }

    /// Removes every photo no record on the device refers to (a deleted record still does: its
    /// deletion can be undone).
    pub async fn drop_unreferenced(self) -> Result<(), StoreError> {
        let store = store().await?;
        let referenced: BTreeSet<String> = self.all.with_untracked(|all| {
            all.values()
                .flat_map(|r| photos_of(r).into_iter().map(|(hash, _)| hash))
                .collect()
        });
        let unreferenced: Vec<String> = store
            .photo_hashes()
            .await?
            .into_iter()
            .filter(|h| !referenced.contains(h))
            .collect();
        store.remove_photos(&unreferenced).await
    }

    /// How many photos the records on this device refer to, and their size in bytes (as their
    /// fields say): Pengaturan's storage card shows how much of what is used is photos.
    pub fn photo_totals(self) -> (usize, u64) {
        self.all.with(|all| {
            let photos: std::collections::BTreeMap<String, u64> = all
                .values()
                .flat_map(photos_of)
                .map(|(hash, value)| (hash, value["ukuran"].as_u64().unwrap_or(0)))
                .collect();
            (photos.len(), photos.values().sum())
        })
    }

    /// A photo's thumbnail, or the photo (`ArrayBuffer`), if this device has it.
    pub async fn photo_bytes(self, hash: &str, thumb: bool) -> Option<JsValue> {
        let store = store().await.ok()?;
        if thumb {
            store.thumb(hash).await.ok().flatten()
        } else {
            store.photo(hash).await.ok().flatten()
        }
    }
}
