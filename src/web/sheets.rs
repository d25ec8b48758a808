//! Reading an office's list for the import (issue 16): the file goes to the import worker
//! (`src/bin/import_worker.rs`), which reads a workbook with calamine, or CSV, and answers with
//! its sheets; the page never waits on the reading. The worker is fetched the first time an
//! officer imports and kept by the service worker from then on. Where it cannot start (offline
//! before it was ever fetched), a CSV file is read on the page instead; a workbook cannot be.

use crate::i18n::Msg;
use crate::intake::{csv, is_workbook, join_parts, Part, Table, WORKER_PROTOCOL};
use crate::web::slices::{breathe, Deadline};
use crate::web::workbook::next_message;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where Trunk puts the worker's loader (index.html, `data-bin="import_worker"`).
const WORKER: &str = "/import_worker_loader.js";

/// Why a file could not be read: a message for the officer, with what the reader said.
pub enum Unread {
    /// The reader is not on this device yet and the file is a workbook.
    NoReader,
    /// The reader refused the file (its words, already Indonesian).
    Refused(String),
}

impl Unread {
    pub fn text(&self, t: impl Fn(Msg) -> &'static str) -> String {
        match self {
            Unread::NoReader => t(Msg::IntakeNoReader).to_string(),
            Unread::Refused(why) => why.clone(),
        }
    }
}

/// The sheets of a picked file.
pub async fn read(name: &str, bytes: Vec<u8>) -> Result<Vec<Table>, Unread> {
    match in_worker(name, &bytes).await {
        Ok(tables) => Ok(tables),
        Err(Some(refused)) => Err(Unread::Refused(refused)),
        // The worker did not start: a CSV can still be read here.
        Err(None) if !is_workbook(&bytes) => Ok(vec![csv::read(name, &bytes)]),
        Err(None) => Err(Unread::NoReader),
    }
}

/// `Err(None)`: the worker did not start; `Err(Some(why))`: it refused the file.
async fn in_worker(name: &str, bytes: &[u8]) -> Result<Vec<Table>, Option<String>> {
    let worker = web_sys::Worker::new(WORKER).map_err(|_| None)?;
    let answer = async {
        let ready = JsFuture::from(next_message(&worker))
            .await
            .map_err(|_| None)?;
        if ready.as_string() != Some(format!("siap:{WORKER_PROTOCOL}")) {
            return Err(None);
        }
        let answered = next_message(&worker);
        let file = Uint8Array::from(bytes);
        let message = Array::of2(&JsValue::from_str(name), &file);
        worker
            .post_message_with_transfer(&message, &Array::of1(&file.buffer()))
            .map_err(|_| None)?;
        JsFuture::from(answered).await.map_err(|_| None)
    }
    .await;
    worker.terminate();
    let answer = answer?;
    let pieces = match answer.dyn_into::<Array>() {
        Ok(pieces) => pieces,
        Err(said) => return Err(Some(said.as_string().unwrap_or_default())),
    };
    // Taken in a piece at a time: 50,000 rows decoded at once held the page for a quarter second.
    let mut tables = Vec::new();
    let mut deadline = Deadline::start();
    for piece in pieces.iter() {
        let bytes = Uint8Array::new(&piece).to_vec();
        let part: Part = postcard::from_bytes(&bytes).map_err(|e| Some(e.to_string()))?;
        join_parts(&mut tables, part);
        if deadline.passed() {
            breathe().await;
            deadline = Deadline::start();
        }
    }
    Ok(tables)
}
