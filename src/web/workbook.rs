//! XLSX workbooks are written in a worker, not on the page: writing 50,000 Usaha's workbook takes
//! about a second. The worker runs the app's own wasm (`public/workbook-worker.js` loads it; its
//! `main` sees no window and calls [`serve`]), so the writer costs no second download and works
//! offline from the service worker's cache. The page sends the tables it built (postcard bytes of
//! `Vec<Sheet>`) and waits without blocking; the worker is started for each export and stopped
//! after it, because a wasm memory never shrinks: a worker kept alive would hold all that a large
//! workbook made it grow to.
//!
//! Protocol: the page's first message names the app's script and wasm; once the app runs in the
//! worker it posts the string "siap"; each message after that is one export, answered with a
//! `Uint8Array` (the file) or a string (what went wrong).

use crate::report::export::Sheet;
use crate::web::deflate::xlsx;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The worker's script (copied by Trunk from `public/`, precached by the service worker).
const WORKER: &str = "/workbook-worker.js";
const READY: &str = "siap";

/// The workbook of `sheets`, written in the worker.
pub async fn write(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let tables = postcard::to_allocvec(sheets).map_err(|e| e.to_string())?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker =
        web_sys::Worker::new_with_options(WORKER, &options).map_err(|e| format!("{e:?}"))?;
    let answer = async {
        // Messages sent before the worker's script has run wait for it; the app's own code
        // listens only once loaded, and says so.
        let ready = next_message(&worker);
        worker.post_message(&app_files()?)?;
        let ready = JsFuture::from(ready).await?;
        if ready.as_string().as_deref() != Some(READY) {
            return Err(ready);
        }
        let answered = next_message(&worker);
        let tables = Uint8Array::from(&tables[..]);
        worker.post_message_with_transfer(&tables, &js_sys::Array::of1(&tables.buffer()))?;
        JsFuture::from(answered).await
    }
    .await;
    worker.terminate();
    match answer {
        Ok(file) => match file.dyn_into::<Uint8Array>() {
            Ok(bytes) => Ok(bytes.to_vec()),
            Err(said) => Err(said.as_string().unwrap_or_else(|| format!("{said:?}"))),
        },
        Err(e) => Err(e.as_string().unwrap_or_else(|| format!("{e:?}"))),
    }
}

/// The app's script and wasm as index.html loads them (`{script, wasm}`): Trunk names them by
/// their content and announces both in the page's head.
fn app_files() -> Result<JsValue, JsValue> {
    let document = leptos::prelude::document();
    let href = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .ok_or_else(|| JsValue::from_str(&format!("index.html has no {selector}")))
    };
    let files = js_sys::Object::new();
    js_sys::Reflect::set(
        &files,
        &"script".into(),
        &href("link[rel=modulepreload]")?.into(),
    )?;
    js_sys::Reflect::set(
        &files,
        &"wasm".into(),
        &href("link[rel=preload][type='application/wasm']")?.into(),
    )?;
    Ok(files.into())
}

/// The worker's next message (its data), or its next error.
pub(crate) fn next_message(worker: &web_sys::Worker) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        let on_error = Closure::once_into_js(move |event: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// The worker's side, run by the app's `main` where there is no window: takes over the worker's
/// messages, writes each export's workbook, and says it is ready.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let tables = Uint8Array::new(&event.data()).to_vec();
            let reply = reply.clone();
            // Deflated by the browser's stream (`web::deflate`), so written asynchronously.
            wasm_bindgen_futures::spawn_local(async move {
                let written = match postcard::from_bytes::<Vec<Sheet>>(&tables) {
                    Ok(sheets) => xlsx(&sheets).await,
                    Err(e) => Err(e.to_string()),
                };
                let _ = match written {
                    Ok(file) => {
                        let bytes = Uint8Array::from(&file[..]);
                        reply.post_message_with_transfer(
                            &bytes,
                            &js_sys::Array::of1(&bytes.buffer()),
                        )
                    }
                    Err(e) => reply.post_message(&JsValue::from_str(&e)),
                };
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker
    let _ = scope.post_message(&JsValue::from_str(READY));
}
