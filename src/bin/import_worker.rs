//! Reads spreadsheet workbooks (XLSX, XLS, ODS) in a Web Worker with calamine, for bringing an
//! office's lists in (issue 16; src/intake/). Its own wasm, loaded only when an officer first
//! opens a workbook (then kept by the service worker), so the app's first visit does not carry
//! a workbook reader.
//!
//! Protocol: once ready, the worker posts "siap:<PROTOCOL>"; each message it receives is one file
//! (an array of its name and a `Uint8Array` of its bytes), answered with an array of
//! `Uint8Array`s (postcard bytes of each `sentra::intake::Part`, a few thousand rows of a sheet)
//! or a string (what went wrong, in Indonesian for the officer). CSV files are read here too
//! (`sentra::intake::csv`), so a large one does not hold the page either; the page reads one
//! itself only when this worker cannot start (`web::sheets`).

/// Raised whenever the answer's shape changes, so a page never reads a worker of another build.
#[cfg(target_arch = "wasm32")]
const PROTOCOL: u32 = sentra::intake::WORKER_PROTOCOL;

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let message = js_sys::Array::from(&event.data());
            let name = message.get(0).as_string().unwrap_or_default();
            let file = js_sys::Uint8Array::new(&message.get(1)).to_vec();
            let read = if sentra::intake::is_workbook(&file) {
                sentra::intake::workbook::read(file)
            } else {
                Ok(vec![sentra::intake::csv::read(&name, &file)])
            };
            // In pieces of a few thousand rows, each its own postcard bytes, so the page takes
            // them in one at a time.
            let pieces = read.and_then(|t| {
                sentra::intake::parts(t)
                    .iter()
                    .map(|p| postcard::to_allocvec(p).map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()
            });
            let _ = match pieces {
                Ok(pieces) => {
                    let (all, buffers) = (js_sys::Array::new(), js_sys::Array::new());
                    for bytes in pieces {
                        let bytes = js_sys::Uint8Array::from(&bytes[..]);
                        buffers.push(&bytes.buffer());
                        all.push(&bytes);
                    }
                    reply.post_message_with_transfer(&all, &buffers)
                }
                Err(e) => reply.post_message(&JsValue::from_str(&e)),
            };
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker
    let _ = scope.post_message(&JsValue::from_str(&format!("siap:{PROTOCOL}")));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "import_worker runs in the browser as a Web Worker; Trunk builds it (see index.html)."
    );
}
