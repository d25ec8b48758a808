//! Files leaving the app: shared through the system share sheet where the browser can share
//! files (phones: WhatsApp, Telegram, e-mail), otherwise downloaded.

use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// Lets the browser paint and handle input before the work goes on (a zero-delay timer).
pub async fn next_tick() {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}
