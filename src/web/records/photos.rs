//! A record's photos (issue 17): kept in the store by their hash, referred to by the record's
//! `foto/<hash>` fields (`model::photo`: one per photo, so photos added on two devices merge as a
//! set; a removed one is `false`, an edit that travels). A photo no record refers to any more is
//! removed.

use super::{store, Records};
use crate::bundle::{Held, Photo, Photos, PhotosHeld};
use crate::model::hlc::Stamp;
use crate::model::photo::{photo_key, photos, referenced, removable, PhotoRef, KEPT_LATELY_MS};
use crate::model::rules::coordinates;
use crate::model::schema::Ty;
use crate::model::{kinds, Kind, Record};
use crate::names::gps_point;
use crate::store::idb::NewPhoto;
use crate::store::{Store, StoreError};
use crate::web::photos::Shrunk;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsValue;

/// Whether records of `kind` have a GPS point (`lat`, `lon`).
pub fn takes_gps(kind: Kind) -> bool {
    kind == Kind::Usaha
        || kinds::schema(kind).is_some_and(|s| s.field_of(|t| *t == Ty::Gps).is_some())
}

/// The meta key of [`Records::photos_sent_mark`].
pub(super) const PHOTOS_SENT: &str = "photos_sent";

/// When each photo was kept lately (by hash, ms), for every tab of the app: local storage, read
/// and written at once, so a tab removing photos sees a photo another tab is about to refer to
/// (`model::photo::removable`).
const KEPT_LATELY: &str = "sentra.photos.kept";

fn kept_lately() -> BTreeMap<String, u64> {
    LocalStorage::get(KEPT_LATELY).unwrap_or_default()
}

/// Marks `hashes` as kept now, before they are stored; forgets marks past their time.
fn mark_kept(hashes: impl IntoIterator<Item = String>) {
    let now = js_sys::Date::now() as u64;
    let mut kept = kept_lately();
    kept.retain(|_, at| now.saturating_sub(*at) < KEPT_LATELY_MS);
    kept.extend(hashes.into_iter().map(|h| (h, now)));
    let _ = LocalStorage::set(KEPT_LATELY, &kept);
}

/// Forgets the mark of a photo this tab takes off its record.
fn unmark_kept(hash: &str) {
    let mut kept = kept_lately();
    if kept.remove(hash).is_some() {
        let _ = LocalStorage::set(KEPT_LATELY, &kept);
    }
}

impl Records {
    /// Keeps the photos, then refers to them from `record` (each as `jenis`), in two steps: the
    /// photos first, so a record never refers to a photo this device does not have. A full disk
    /// keeps neither: the record stays as it was.
    ///
    /// `place`: coordinates to give the record, if it has none (where the photo was taken, when
    /// the officer asks for it); refused, as the form refuses them, outside Indonesia.
    pub async fn add_photos(
        self,
        record: &Record,
        officer: &str,
        jenis: &str,
        shrunk: &[Shrunk],
        place: Option<(f64, f64)>,
    ) -> Result<(), StoreError> {
        let kept: Vec<_> = shrunk.iter().map(Shrunk::to_store).collect();
        mark_kept(shrunk.iter().map(|p| p.hash.clone()));
        store().await?.put_photos(&kept).await?;
        let changed = self.edit(officer, |editor| {
            let mut r = record.clone();
            for p in shrunk {
                let photo = PhotoRef {
                    jenis: jenis.to_string(),
                    lebar: p.width,
                    tinggi: p.height,
                    ukuran: u64::from(p.size),
                    tipe: "image/jpeg".to_string(),
                };
                r.set(&photo_key(&p.hash), photo.to_value(), editor);
            }
            let place = place.filter(|_| takes_gps(r.kind) && gps_point(&r).is_none());
            if let Some(Ok(Some((lat, lon)))) =
                place.map(|(lat, lon)| coordinates(&lat.to_string(), &lon.to_string()))
            {
                r.set("lat", serde_json::Value::from(lat), editor);
                r.set("lon", serde_json::Value::from(lon), editor);
            }
            r
        });
        self.save(vec![changed]).await
    }

    /// Keeps photos received in a file, as sent (their hash is their name; each was checked
    /// against it when the file was read), with thumbnails made here: before the file's records
    /// are applied, so that none refers to a photo this device lacks. A full disk keeps none.
    pub async fn keep_received_photos(self, received: Photos) -> Result<(), StoreError> {
        if received.is_empty() {
            return Ok(());
        }
        let mut hashes = Vec::with_capacity(received.len());
        let mut bytes = Vec::with_capacity(received.len());
        for (hash, photo) in received {
            hashes.push(hash);
            bytes.push(js_sys::Uint8Array::from(&photo.bytes[..]).buffer().into());
        }
        let thumbs = crate::web::photos::thumbnails(&bytes).await;
        let kept: Vec<NewPhoto> = hashes
            .into_iter()
            .zip(bytes)
            .zip(thumbs)
            .map(|((hash, photo), thumb)| NewPhoto { hash, photo, thumb })
            .collect();
        mark_kept(kept.iter().map(|p| p.hash.clone()));
        store().await?.put_photos(&kept).await
    }

    /// The photos `records` refer to that this device has, sized as their fields say, for a file
    /// to carry (`bundle::Writer::with_photos_held`): no photo's bytes are read to ask "dengan
    /// foto" / "tanpa foto" (100 photos would be 30 MB in memory for a question).
    ///
    /// `since`: a file of the changes since the last one carries only the photos added since
    /// photos last left this device ([`Records::photos_sent_mark`]); the others went with it.
    pub async fn photos_held(self, records: &[Record], since: bool) -> PhotosHeld {
        let have: BTreeSet<String> = self.photo_hashes().await.into_iter().collect();
        let sent = match since {
            true => self.photos_sent_mark().await,
            false => None,
        };
        let added_since = |r: &Record, hash: &str| {
            sent.as_ref().is_none_or(|mark| {
                r.fields
                    .get(&photo_key(hash))
                    .is_some_and(|f| f.stamp > *mark)
            })
        };
        records
            .iter()
            .flat_map(|r| photos(r).into_iter().map(move |p| (r, p)))
            .filter(|(r, (hash, _))| have.contains(hash) && added_since(r, hash))
            .map(|(_, (hash, photo))| {
                let len = usize::try_from(photo.ukuran).unwrap_or(usize::MAX);
                (
                    hash,
                    Held {
                        tipe: photo.tipe,
                        len,
                    },
                )
            })
            .collect()
    }

    /// When photos last left this device in a file: the export mark of the last file shared
    /// "dengan foto" (`None`: never, or the device was wiped since).
    pub async fn photos_sent_mark(self) -> Option<Stamp> {
        let text = store().await.ok()?.meta_get(PHOTOS_SENT).await.ok()??;
        serde_json::from_str(&text).ok()
    }

    /// The bytes of the photos of `hashes` this device has (`bundle::Writer::give_photos`), of
    /// the type `held` says.
    pub async fn photos_of(self, hashes: &[String], held: &PhotosHeld) -> Photos {
        let mut out = Photos::new();
        for hash in hashes {
            let (Some(h), Some(bytes)) = (held.get(hash), self.photo_bytes(hash, false).await)
            else {
                continue;
            };
            let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
            out.insert(
                hash.clone(),
                Photo {
                    tipe: h.tipe.clone(),
                    bytes,
                },
            );
        }
        out
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
            r.set(&photo_key(hash), Value::Bool(false), editor);
            r
        });
        self.save(vec![changed]).await?;
        unmark_kept(hash);
        self.drop_unreferenced().await
    }

    /// Removes every photo no record on the device refers to (a deleted record still does: its
    /// deletion can be undone), except those kept lately: a record referring to one may be about
    /// to be saved, or saved by another tab after this one read its records
    /// (`model::photo::removable`).
    pub async fn drop_unreferenced(self) -> Result<(), StoreError> {
        let store = store().await?;
        let referenced: BTreeSet<String> = self.all.with_untracked(|all| {
            all.values()
                .flat_map(|r| photos(r).into_iter().map(|(hash, _)| hash))
                .collect()
        });
        // The marks are read after the stored photos are listed: a photo listed was marked
        // before it was stored.
        let stored = store.photo_hashes().await?;
        let now = js_sys::Date::now() as u64;
        let unreferenced = removable(stored, &referenced, &kept_lately(), now);
        store.remove_photos(&unreferenced).await
    }

    /// How many photos the records on this device refer to, and their size in bytes (as their
    /// fields say): Pengaturan's storage card shows how much of what is used is photos.
    pub fn photo_totals(self) -> (usize, u64) {
        self.all.with(|all| {
            let photos: std::collections::BTreeMap<String, u64> = all
                .values()
                .flat_map(photos)
                .map(|(hash, photo)| (hash, photo.ukuran))
                .collect();
            (photos.len(), photos.values().sum())
        })
    }

    /// The hashes of every photo on this device.
    pub async fn photo_hashes(self) -> Vec<String> {
        match store().await {
            Ok(store) => store.photo_hashes().await.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    /// The photos live records here refer to that this device does not have (to fetch).
    pub async fn photos_lacking(self) -> Vec<String> {
        let have: BTreeSet<String> = self.photo_hashes().await.into_iter().collect();
        let referenced = self.all.with_untracked(|all| referenced(all.values()));
        referenced
            .into_iter()
            .filter(|h| !have.contains(h))
            .collect()
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
