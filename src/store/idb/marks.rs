//! The unsent marks ("belum dibagikan"): which records have not left the device since they last
//! changed here, kept per chunk of ids.

use super::super::chunk::{chunk_key, chunk_of};
use super::{error_of, finished, to_json, IdbStore, UNSENT};
use crate::model::Id;
use crate::store::{Marker, StoreError, Unsent};
use js_sys::Array;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbTransaction, IdbTransactionMode};

/// The unsent marks of one chunk of ids (every kind's: ids are unique across kinds), as stored:
/// id → marker. One value per chunk, not per record: 50,000 separate marks written in one
/// import held the page for 1.4 s and made applying it four times slower.
type Marks = Unsent;

fn marks_of(value: &JsValue) -> Result<Marks, StoreError> {
    match value.as_string() {
        None => Ok(Marks::new()),
        Some(text) => {
            serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("unsent: {e}")))
        }
    }
}

/// Reads the marks of the chunks the `ids` fall in, lets `change` edit each chunk's marks with
/// its ids, and writes them back (an empty chunk's value is deleted). Inside `tx`.
pub(super) async fn edit_marks<'a, T: 'a>(
    tx: &IdbTransaction,
    items: impl IntoIterator<Item = &'a T>,
    id_of: impl Fn(&T) -> &str,
    mut change: impl FnMut(&mut Marks, &[&'a T]),
) -> Result<(), StoreError> {
    let mut groups: BTreeMap<u32, Vec<&T>> = BTreeMap::new();
    for item in items {
        groups.entry(chunk_of(id_of(item))).or_default().push(item);
    }
    if groups.is_empty() {
        return Ok(());
    }
    let store = IdbStore::object_store(tx, UNSENT)?;
    let mut reads = Vec::with_capacity(groups.len());
    for chunk in groups.keys() {
        reads.push(
            store
                .get(&JsValue::from_str(&chunk_key(*chunk)))
                .map_err(error_of)?,
        );
    }
    for ((chunk, group), read) in groups.into_iter().zip(reads) {
        let mut marks = marks_of(&finished(&read).await?)?;
        change(&mut marks, &group);
        let key = JsValue::from_str(&chunk_key(chunk));
        if marks.is_empty() {
            store.delete(&key).map_err(error_of)?;
        } else {
            store
                .put_with_key(&to_json(&marks)?, &key)
                .map_err(error_of)?;
        }
    }
    Ok(())
}

/// Marks records unsent, each under its marker, inside `tx`.
pub(super) async fn mark_in(tx: &IdbTransaction, marks: &[(Id, Marker)]) -> Result<(), StoreError> {
    edit_marks(
        tx,
        marks,
        |(id, _)| id,
        |stored, group| {
            for (id, marker) in group {
                stored.insert(id.clone(), marker.clone());
            }
        },
    )
    .await
}

/// A marker for one write's changes: no other write here has it (the time, and a random part
/// for two tabs writing in the same millisecond).
pub(super) fn new_marker() -> Marker {
    format!(
        "{:x}-{:08x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
    .into()
}

/// The unsent marks as stored, read in one go and parsed a chunk of ids at a time (an
/// iterator: each chunk's marks in id order), so that the page can run in between.
pub struct UnsentChunks {
    values: Array,
    at: u32,
}

impl Iterator for UnsentChunks {
    type Item = Result<Vec<(Id, Marker)>, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        (self.at < self.values.length()).then(|| {
            self.at += 1;
            marks_of(&self.values.get(self.at - 1)).map(|m| m.into_iter().collect())
        })
    }
}

impl IdbStore {
    /// Reads the unsent marks for [`UnsentChunks`] to parse.
    pub async fn read_unsent(&self) -> Result<UnsentChunks, StoreError> {
        let tx = self.transaction(&[UNSENT], IdbTransactionMode::Readonly)?;
        let read = Self::object_store(&tx, UNSENT)?
            .get_all()
            .map_err(error_of)?;
        Ok(UnsentChunks {
            values: finished(&read).await?.unchecked_into(),
            at: 0,
        })
    }
}
