//! Gzip and deflate by the browser's own `CompressionStream` and `DecompressionStream` (issue 15):
//! the app's wasm no longer carries a deflate implementation of its own (flate2 on zlib-rs: 29 KB
//! of every first visit as brotli), and the work runs outside the page's main thread, in the
//! browser's native zlib. Chromium 103, Firefox 113 and Safari 16.4 have both streams with
//! "deflate-raw". Natively (tests, the hub) the same formats come from `bundle::gzip` and
//! `report::xlsx` on flate2; tests in Chromium (`tests/web/deflate.rs`) check that the two agree.
//!
//! Also in the export worker, which runs this wasm: both streams exist in workers.

use crate::bundle::{BundleError, MAX_BYTES};
use crate::report::export::Sheet;
use crate::report::xlsx::{entries, zip_of, Entry};
use crate::web::slices::{self, Deadline};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind its unstable APIs).
    #[wasm_bindgen(extends = js_sys::Object)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// The browser's `DecompressionStream`.
    #[wasm_bindgen(extends = js_sys::Object)]
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Bytes copied out of wasm memory per piece: the copy of a 40 MB bundle in one piece held the
/// page, and so would the stream's pieces read back to back (they resolve at once when ready).
const PIECE: usize = 1 << 20;

/// `bytes` as a stream piped through `transform` (a `{readable, writable}` pair), copied out of
/// wasm memory a piece at a time with breaths between.
async fn piped(bytes: &[u8], transform: &JsValue) -> Result<web_sys::ReadableStream, JsValue> {
    let parts = Array::new();
    let mut deadline = Deadline::start();
    for piece in bytes.chunks(PIECE) {
        parts.push(&Uint8Array::from(piece));
        if deadline.passed() {
            slices::breathe().await;
            deadline = Deadline::start();
        }
    }
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    Ok(blob
        .stream()
        .pipe_through(transform.unchecked_ref::<web_sys::ReadableWritablePair>()))
}

/// Everything a stream gives, refused past `limit` bytes (`None`: more than that). Breathes when
/// a slice's time is up: pieces already there resolve at once, one after another, in one task.
async fn read_all(
    stream: web_sys::ReadableStream,
    limit: usize,
) -> Result<Option<Vec<u8>>, JsValue> {
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    let mut deadline = Deadline::start();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &"done".into())?.as_bool() == Some(true) {
            return Ok(Some(out));
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())?.unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Ok(None);
        }
        let at = out.len();
        out.resize(at + value.length() as usize, 0);
        value.copy_to(&mut out[at..]);
        if deadline.passed() {
            slices::breathe().await;
            deadline = Deadline::start();
        }
    }
}

/// `bytes` compressed as `format` ("gzip" or "deflate-raw").
async fn compress(bytes: &[u8], format: &str) -> Result<Vec<u8>, JsValue> {
    let stream = piped(bytes, CompressionStream::new(format)?.as_ref()).await?;
    Ok(read_all(stream, usize::MAX).await?.unwrap_or_default())
}

/// A bundle's text gzipped (as `bundle::gzip` does natively).
pub async fn gzip(text: &str) -> Result<Vec<u8>, JsValue> {
    compress(text.as_bytes(), "gzip").await
}

/// A gzipped bundle unpacked, refusing what is cut short or damaged (`Truncated`) or unpacks to
/// more than [`MAX_BYTES`] (`TooLarge`), as `bundle::Gunzip` does natively.
pub async fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, BundleError> {
    gunzip_within(bytes, MAX_BYTES).await
}

/// [`gunzip`] with another limit (tests).
pub async fn gunzip_within(bytes: &[u8], limit: usize) -> Result<Vec<u8>, BundleError> {
    let unpacked = async {
        let stream = piped(bytes, DecompressionStream::new("gzip")?.as_ref()).await?;
        read_all(stream, limit).await
    };
    match unpacked.await {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(BundleError::TooLarge),
        // The stream errors on damaged data, a cut-short end and bytes after the end.
        Err(_) => Err(BundleError::Truncated),
    }
}

/// Sheets as an XLSX workbook (`report::xlsx::xlsx` natively), each entry deflated here.
pub async fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let named: Vec<(&str, &Sheet)> = sheets.iter().map(|s| (s.name(), s)).collect();
    xlsx_named(&named).await
}

/// [`xlsx`] with each sheet's name given (`report::xlsx::xlsx_named` natively).
pub async fn xlsx_named(sheets: &[(&str, &Sheet)]) -> Result<Vec<u8>, String> {
    let mut packed = Vec::new();
    for (name, data) in entries(sheets)? {
        let deflated = compress(&data, "deflate-raw")
            .await
            .map_err(|e| format!("{e:?}"))?;
        packed.push(Entry::new(name, &data, deflated));
    }
    zip_of(packed)
}
