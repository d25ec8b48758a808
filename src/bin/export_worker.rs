//! The XLSX writer in a Web Worker. The page posts the export's tables (postcard bytes of
//! `Vec<Sheet>`) and gets back the workbook's bytes, or a message saying why not. Writing 50,000
//! Usaha's workbook takes about a second in Chromium (README "Reports"): here it runs beside the
//! page instead of freezing it.
//!
//! Protocol: once ready, the worker posts the string "siap"; then each message it receives is
//! one export, answered with a `Uint8Array` (the file) or a string (what went wrong).

#[cfg(target_arch = "wasm32")]
fn main() {
    use sentra::report::export::{xlsx, Sheet};
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let tables = js_sys::Uint8Array::new(&event.data()).to_vec();
            let written = postcard::from_bytes::<Vec<Sheet>>(&tables)
                .map_err(|e| e.to_string())
                .and_then(|sheets| xlsx(&sheets));
            let _ = match written {
                Ok(file) => {
                    let bytes = js_sys::Uint8Array::from(&file[..]);
                    reply.post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()))
                }
                Err(e) => reply.post_message(&JsValue::from_str(&e)),
            };
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker
    let _ = scope.post_message(&JsValue::from_str("siap"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "export_worker runs in the browser as a Web Worker; Trunk builds it (see index.html)."
    );
}
