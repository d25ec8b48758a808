//! What the first screens showed, kept for the next opening (issue 15): on a device holding
//! 50,000 Usaha, reading and decoding every record takes seconds on a cheap phone, and the Usaha
//! list's first screen needs two dozen of them. A page keeps what its first screen showed; the
//! next opening shows it while the records load.
//!
//! Kept true by a count of writes in the same object store: every transaction that writes records
//! (a save, an import, a page from the office hub, wiping the device) adds one to it
//! ([`count_write`]), and a screen is kept with the count its records were read at, in a
//! transaction that checks the count has not moved ([`IdbStore::keep_screen`]). A screen whose
//! count is not the stored one is stale: [`IdbStore::screens`] leaves it out. Only the caller knows
//! which count what it shows was read at; `Records` does (it reads every record with the count,
//! and learns the count each of its own writes left).

use super::{error_of, finished, IdbStore, SCREENS};
use crate::store::StoreError;
use js_sys::Array;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbRequest, IdbTransaction, IdbTransactionMode};

/// The key of the count of writes in [`SCREENS`].
const COUNT: &str = "writes";

/// Asks for the count of writes inside `tx` (which must cover [`SCREENS`]).
pub(super) fn ask_count(tx: &IdbTransaction) -> Result<IdbRequest, StoreError> {
    IdbStore::object_store(tx, SCREENS)?
        .get(&JsValue::from_str(COUNT))
        .map_err(error_of)
}

/// The count an [`ask_count`] request answered (none stored yet: 0).
pub(super) async fn count_of(request: &IdbRequest) -> Result<u64, StoreError> {
    Ok(finished(request).await?.as_f64().map_or(0, |n| n as u64))
}

/// Adds one to the count of writes inside `tx` (which must cover [`SCREENS`]): the count before
/// and after this write.
pub(super) async fn count_write(tx: &IdbTransaction) -> Result<(u64, u64), StoreError> {
    let before = count_of(&ask_count(tx)?).await?;
    put_count(tx, before + 1)?;
    Ok((before, before + 1))
}

pub(super) fn put_count(tx: &IdbTransaction, count: u64) -> Result<(), StoreError> {
    IdbStore::object_store(tx, SCREENS)?
        .put_with_key(&JsValue::from_f64(count as f64), &JsValue::from_str(COUNT))
        .map(|_| ())
        .map_err(error_of)
}

/// A screen as stored: the count it was made at, a space, the page's own text.
fn stored(at: u64, body: &str) -> String {
    format!("{at} {body}")
}

impl IdbStore {
    /// The screens kept that still show what is stored: name → the page's text.
    pub async fn screens(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let tx = self.transaction(&[SCREENS], IdbTransactionMode::Readonly)?;
        let store = Self::object_store(&tx, SCREENS)?;
        let keys = store.get_all_keys().map_err(error_of)?;
        let values = store.get_all().map_err(error_of)?;
        let keys: Array = finished(&keys).await?.unchecked_into();
        let values: Array = finished(&values).await?.unchecked_into();
        let count = keys
            .iter()
            .zip(values.iter())
            .find(|(k, _)| k.as_string().as_deref() == Some(COUNT))
            .and_then(|(_, v)| v.as_f64())
            .map_or(0, |n| n as u64);
        let prefix = stored(count, "");
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| {
                let body = v.as_string()?.strip_prefix(&prefix)?.to_string();
                Some((k.as_string()?, body))
            })
            .collect())
    }

    /// Keeps what the screen `name` shows, made from records read at count `at`. Not kept
    /// (`Ok(false)`) when records were written since: it would show what is no longer stored.
    pub async fn keep_screen(&self, name: &str, at: u64, body: &str) -> Result<bool, StoreError> {
        let tx = self.transaction(&[SCREENS], IdbTransactionMode::Readwrite)?;
        let done = super::committed(&tx);
        if count_of(&ask_count(&tx)?).await? != at {
            done.await?;
            return Ok(false);
        }
        Self::object_store(&tx, SCREENS)?
            .put_with_key(
                &JsValue::from_str(&stored(at, body)),
                &JsValue::from_str(name),
            )
            .map_err(error_of)?;
        done.await?;
        Ok(true)
    }
}
