//! Photos on the device (issue 17): picked files shrunk in a worker (`public/photo-worker.js`:
//! EXIF orientation applied, long side 1,600 px, JPEG, metadata gone, a thumbnail), kept in the
//! store by their SHA-256 (`store::idb::photos`), and shown from object URLs.

use super::workbook::next_message;
use crate::store::idb::NewPhoto;
use js_sys::{Array, Reflect};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const WORKER: &str = "/photo-worker.js";

/// A photo as the worker shrank it.
pub struct Shrunk {
    /// SHA-256 of the JPEG's bytes, lower-case hex: the photo's name everywhere.
    pub hash: String,
    pub width: u32,
    pub height: u32,
    /// The JPEG's size in bytes.
    pub size: u32,
    /// The JPEG and its thumbnail (`ArrayBuffer`s).
    pub photo: JsValue,
    pub thumb: JsValue,
    /// Where the phone said it was taken (EXIF GPS: latitude, longitude), not kept in the photo;
    /// used only if the officer asks.
    pub place: Option<(f64, f64)>,
}

impl Shrunk {
    /// What the store keeps of it.
    pub fn to_store(&self) -> NewPhoto {
        NewPhoto {
            hash: self.hash.clone(),
            photo: self.photo.clone(),
            thumb: self.thumb.clone(),
        }
    }
}

/// Why a picked file gave no photo.
#[derive(Clone, Debug, PartialEq)]
pub enum Unshrunk {
    /// The browser cannot read it as an image (a PDF, a HEIC photo on a browser without HEIC).
    NotAnImage,
    /// The shrinking worker could not start or failed.
    Failed(String),
}

/// Shrinks the picked files one after another in one worker; `each` hears how many are done.
pub async fn shrink_all(
    files: Vec<web_sys::File>,
    each: impl Fn(usize),
) -> Vec<Result<Shrunk, Unshrunk>> {
    let worker = match web_sys::Worker::new(WORKER) {
        Ok(w) => w,
        Err(e) => {
            let why = Unshrunk::Failed(format!("{e:?}"));
            return files.iter().map(|_| Err(why.clone())).collect();
        }
    };
    let mut out = Vec::with_capacity(files.len());
    for (n, file) in files.into_iter().enumerate() {
        out.push(shrink_in(&worker, n as u32, &file).await);
        each(n + 1);
    }
    worker.terminate();
    out
}

async fn shrink_in(
    worker: &web_sys::Worker,
    id: u32,
    file: &web_sys::File,
) -> Result<Shrunk, Unshrunk> {
    let failed = |e: JsValue| Unshrunk::Failed(format!("{e:?}"));
    let answered = next_message(worker);
    let message = js_sys::Object::new();
    Reflect::set(&message, &"id".into(), &id.into()).map_err(failed)?;
    Reflect::set(&message, &"file".into(), file).map_err(failed)?;
    worker.post_message(&message).map_err(failed)?;
    let answer = JsFuture::from(answered).await.map_err(failed)?;
    let get = |key: &str| Reflect::get(&answer, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(error) = get("error").as_string() {
        return Err(if error == "bukan-foto" {
            Unshrunk::NotAnImage
        } else {
            Unshrunk::Failed(error)
        });
    }
    let photo = get("photo");
    let size = photo
        .dyn_ref::<js_sys::ArrayBuffer>()
        .map_or(0, js_sys::ArrayBuffer::byte_length);
    Ok(Shrunk {
        hash: get("hash").as_string().unwrap_or_default(),
        width: get("width").as_f64().unwrap_or(0.0) as u32,
        height: get("height").as_f64().unwrap_or(0.0) as u32,
        size,
        photo,
        thumb: get("thumb"),
        place: get("place")
            .dyn_into::<Array>()
            .ok()
            .and_then(|p| Some((p.get(0).as_f64()?, p.get(1).as_f64()?))),
    })
}

/// Thumbnails for photos received in a file (`ArrayBuffer`s, kept as sent), made one after
/// another in one worker; the photo itself stands in for one the worker could not make.
pub async fn thumbnails(photos: &[JsValue]) -> Vec<JsValue> {
    let Ok(worker) = web_sys::Worker::new(WORKER) else {
        return photos.to_vec();
    };
    let mut out = Vec::with_capacity(photos.len());
    for (n, photo) in photos.iter().enumerate() {
        let made = async {
            let blob = jpeg_blob(photo)?;
            let answered = next_message(&worker);
            let message = js_sys::Object::new();
            Reflect::set(&message, &"id".into(), &(n as u32).into())?;
            Reflect::set(&message, &"file".into(), &blob)?;
            Reflect::set(&message, &"thumbOnly".into(), &true.into())?;
            worker.post_message(&message)?;
            let answer = JsFuture::from(answered).await?;
            Reflect::get(&answer, &"thumb".into())
        }
        .await;
        out.push(match made {
            Ok(thumb) if thumb.is_instance_of::<js_sys::ArrayBuffer>() => thumb,
            _ => photo.clone(),
        });
    }
    worker.terminate();
    out
}

/// JPEG bytes (an `ArrayBuffer`) as a blob, for the worker or an image.
fn jpeg_blob(bytes: &JsValue) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    web_sys::Blob::new_with_buffer_source_sequence_and_options(&Array::of1(bytes), &options)
}

/// An object URL showing JPEG bytes (an `ArrayBuffer`); revoke it when it is no longer shown.
pub fn object_url(bytes: &JsValue) -> Option<String> {
    web_sys::Url::create_object_url_with_blob(&jpeg_blob(bytes).ok()?).ok()
}

pub fn revoke(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// Thumbnails shown lately, as object URLs, so that a list scrolled back and forth does not read
/// them again (its rows are drawn anew as they come into view).
const THUMBS_KEPT: usize = 300;

thread_local! {
    static THUMBS: RefCell<(HashMap<String, String>, VecDeque<String>)> =
        RefCell::new((HashMap::new(), VecDeque::new()));
}

/// A thumbnail's object URL, if shown lately.
pub fn thumb_url(hash: &str) -> Option<String> {
    THUMBS.with_borrow(|(urls, _)| urls.get(hash).cloned())
}

/// Keeps a thumbnail's object URL for [`thumb_url`]; the oldest beyond [`THUMBS_KEPT`] is
/// revoked.
pub fn keep_thumb_url(hash: &str, url: &str) {
    THUMBS.with_borrow_mut(|(urls, order)| {
        if urls.insert(hash.to_string(), url.to_string()).is_none() {
            order.push_back(hash.to_string());
        }
        while order.len() > THUMBS_KEPT {
            if let Some(old) = order.pop_front().and_then(|h| urls.remove(&h)) {
                revoke(&old);
            }
        }
    });
}
