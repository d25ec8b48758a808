//! XLSX workbooks are written by the export worker (`src/bin/export_worker.rs`), not on the
//! page: writing 50,000 Usaha's workbook held the page for over a second. The page sends the
//! tables it built and waits without blocking; the worker is started for each export and
//! stopped after it (its wasm comes from the service worker's cache, offline too). Stopped,
//! because a wasm memory never shrinks: a worker kept alive would hold all that a large workbook
//! made it grow to.

use crate::report::export::Sheet;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where Trunk puts the worker's loader (index.html, `data-bin="export_worker"`).
const WORKER: &str = "/export_worker_loader.js";

/// The workbook of `sheets`, written in the export worker.
pub async fn write(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let tables = postcard::to_allocvec(sheets).map_err(|e| e.to_string())?;
    let worker = web_sys::Worker::new(WORKER).map_err(|e| format!("{e:?}"))?;
    let answer = async {
        // Messages sent before the worker listens would be lost: it says when it is ready.
        let ready = JsFuture::from(next_message(&worker)).await?;
        if ready.as_string().as_deref() != Some("siap") {
            return Err(JsValue::from_str("the export worker did not start"));
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
        Err(e) => Err(format!("{e:?}")),
    }
}

/// The worker's next message (its data), or its next error.
fn next_message(worker: &web_sys::Worker) -> Promise {
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
