//! Files leaving the app: shared through the system share sheet where the browser can share
//! files (phones: WhatsApp, Telegram, e-mail), otherwise downloaded. And files arriving from other
//! apps without the file picker: shared to the installed app (manifest `share_target`; the
//! service worker keeps the file, see public/sw.js) or opened with it (manifest `file_handlers`,
//! `window.launchQueue`). Either way the Bagikan page gets a `Blob` and reads it exactly like a
//! file the officer chose.

use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where public/sw.js keeps a shared file: this cache, under this prefix and an id.
const RECEIVED_CACHE: &str = "sentra-diterima";
const RECEIVED_PREFIX: &str = "/diterima/";

/// The file another app shared to Sentra, kept by the service worker under `id` (the page was
/// sent to `/bagikan?terima=<id>`). Taken out of the cache, so it is received once. `Ok(None)`:
/// nothing kept under that id (already taken, or the worker could not keep it).
pub async fn take_received(id: &str) -> Result<Option<web_sys::Blob>, JsValue> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Ok(None);
    }
    let cache: web_sys::Cache = JsFuture::from(window().caches()?.open(RECEIVED_CACHE))
        .await?
        .dyn_into()?;
    let key = format!("{RECEIVED_PREFIX}{id}");
    let hit = JsFuture::from(cache.match_with_str(&key)).await?;
    let Ok(response) = hit.dyn_into::<web_sys::Response>() else {
        return Ok(None);
    };
    let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.dyn_into()?;
    JsFuture::from(cache.delete_with_str(&key)).await?;
    Ok(Some(blob))
}

/// Files the officer opened with the installed app from the system (manifest `file_handlers`):
/// `take` gets the first of each launch, or an error if it could not be read. Does nothing where
/// the browser has no `window.launchQueue` (most browsers; Chromium on desktop has it).
pub fn on_launch(take: impl Fn(Result<web_sys::Blob, JsValue>) + Clone + 'static) {
    let queue = Reflect::get(&window(), &"launchQueue".into()).unwrap_or(JsValue::UNDEFINED);
    let Some(set_consumer) = Reflect::get(&queue, &"setConsumer".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    let consumer = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
        // A launch without files (the app opened from its icon) has an empty list.
        let Some(handle) = Reflect::get(&params, &"files".into())
            .ok()
            .and_then(|f| f.dyn_into::<Array>().ok())
            .and_then(|files| files.iter().next())
        else {
            return;
        };
        let take = take.clone();
        leptos::task::spawn_local(async move {
            let file = async {
                let handle: web_sys::FileSystemFileHandle = handle.dyn_into()?;
                JsFuture::from(handle.get_file())
                    .await?
                    .dyn_into::<web_sys::Blob>()
            };
            take(file.await);
        });
    });
    let _ = set_consumer.call1(&queue, consumer.as_ref());
    // Replaced by the next page that sets one; the browser holds it until then.
    consumer.forget();
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offered {
    Shared,
    Downloaded,
    /// The officer closed the share sheet.
    Cancelled,
}

/// Offers `text` as the file `name`. A share the browser refuses (no share target, as on
/// desktop Linux) falls back to a download.
pub async fn offer(name: &str, text: &str, mime: &str) -> Result<Offered, JsValue> {
    offer_part(name, JsValue::from_str(text), mime).await
}

/// [`offer`] for binary files (XLSX).
pub async fn offer_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<Offered, JsValue> {
    offer_part(name, js_sys::Uint8Array::from(bytes).into(), mime).await
}

/// [`offer_bytes`] for an XLSX workbook (exports, the import's refused rows and template).
pub async fn offer_xlsx(name: &str, bytes: &[u8]) -> Result<Offered, JsValue> {
    let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    offer_bytes(name, bytes, mime).await
}

async fn offer_part(name: &str, part: JsValue, mime: &str) -> Result<Offered, JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file =
        web_sys::File::new_with_blob_sequence_and_options(&Array::of1(&part), name, &options)?;
    let navigator = window().navigator();
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file))?;
    let method = |name: &str| {
        Reflect::get(&navigator, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    let can_share = method("canShare")
        .and_then(|f| f.call1(&navigator, &data).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if let (true, Some(share)) = (can_share, method("share")) {
        let shared = share
            .call1(&navigator, &data)
            .and_then(|p| p.dyn_into::<Promise>());
        if let Ok(promise) = shared {
            match JsFuture::from(promise).await {
                Ok(_) => return Ok(Offered::Shared),
                Err(e)
                    if e.dyn_ref::<web_sys::DomException>()
                        .is_some_and(|d| d.name() == "AbortError") =>
                {
                    return Ok(Offered::Cancelled)
                }
                Err(_) => {} // no share target: download instead
            }
        }
    }
    let url = web_sys::Url::create_object_url_with_blob(&file)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Released a little later: some browsers read the URL after the click returns.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 30_000);
    Ok(Offered::Downloaded)
}
