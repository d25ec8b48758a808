//! The records stage of [`super::Reader`]: the elements the scan found, kept as text, hashed
//! into the checksum and made records one at a time, the first problem of each kind kept.

use super::super::{
    around, bundle_of, check, check_outline, checksum_text, record_of, shared_names, Bundle,
    BundleError, PhotoIn, Record, Today, Wire, WireRecord,
};
use crate::model::{Id, Name};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The records array's elements, each kept as its canonical (compact) JSON text, one after the
/// other in one string, not as parsed `Value`s: a `Value` costs 10 to 30 times its text (a
/// 40 MB bundle of 50,000 Usaha took hundreds of MB; 100 MB of `{},{},…`, 1.1 GB), the text at
/// most the file's size. Each is parsed once more, alone, when it becomes a record.
#[derive(Default)]
pub(super) struct Elements {
    text: Vec<u8>,
    /// Where each element's text ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
}

impl Elements {
    pub(super) fn push(&mut self, value: &Value) {
        serde_json::to_writer(&mut self.text, value).expect("a JSON value always serialises");
        // MAX_BYTES (100 MB) of file makes less canonical text than u32 counts.
        self.ends.push(self.text.len() as u32);
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`th element's text.
    pub(super) fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// The records stage: the checksum, and each element made a record.
pub(super) struct Records {
    /// The outline without `checksum` (its `records` empty).
    content: Map<String, Value>,
    claimed: String,
    hasher: Sha256,
    /// The canonical form between the photos and the records (when the file has photos), and
    /// after the last record.
    between: Option<String>,
    suffix: String,
    photos: Vec<PhotoIn>,
    /// How many photos are hashed.
    photos_done: usize,
    elements: Elements,
    done: usize,
    wire: Result<Wire, BundleError>,
    devices: Vec<Name>,
    officers: Vec<Name>,
    records: Vec<Record>,
    ids: HashSet<Id>,
    /// The first problem of each kind, in file order.
    damaged: Option<BundleError>,
    duplicate: Option<String>,
    invalid: Option<BundleError>,
}

impl Records {
    /// The checks made on the outline alone, in the one-go order, and the canonical form's start.
    pub(super) fn new(
        mut content: Map<String, Value>,
        elements: Elements,
        photos: Vec<PhotoIn>,
    ) -> Result<Self, BundleError> {
        let claimed = check_outline(&mut content)?;
        // The canonical form: the keys in order, `photos` and `records` spliced in where they
        // sort (`photos` first).
        let mut pieces = around(&content, &["photos", "records"]).into_iter();
        let mut hasher = Sha256::new();
        hasher.update(
            pieces
                .next()
                .expect("a piece before the records")
                .as_bytes(),
        );
        let suffix = pieces.next_back().expect("a piece after the records");
        // Photos come only from a `photos` array the outline holds: then there is a piece between.
        let between = pieces.next();
        content.remove("photos");
        let wire = serde_json::from_value::<Wire>(Value::Object(content.clone()))
            .map_err(|e| BundleError::Damaged(e.to_string()));
        let (devices, officers) = match &wire {
            Ok(w) => (shared_names(&w.devices), shared_names(&w.officers)),
            Err(_) => (Vec::new(), Vec::new()),
        };
        Ok(Records {
            content,
            claimed,
            hasher,
            between,
            suffix,
            photos,
            photos_done: 0,
            elements,
            done: 0,
            wire,
            devices,
            officers,
            records: Vec::new(),
            ids: HashSet::new(),
            damaged: None,
            duplicate: None,
            invalid: None,
        })
    }

    /// How many of the photos and elements are taken, from 0 to 1.
    pub(super) fn progress(&self) -> f64 {
        let all = self.photos.len() + self.elements.len();
        (self.photos_done + self.done) as f64 / all.max(1) as f64
    }

    /// Hashes the photos (their canonical text written again, one at a time) until `enough()`;
    /// true once all are hashed, with the text between them and the records.
    fn hash_photos(&mut self, enough: &mut dyn FnMut() -> bool) -> bool {
        while self.photos_done < self.photos.len() {
            if self.photos_done > 0 {
                self.hasher.update(b",");
            }
            self.photos[self.photos_done].hash_into(&mut self.hasher);
            self.photos_done += 1;
            if enough() {
                return false;
            }
        }
        if let Some(between) = self.between.take() {
            self.hasher.update(between.as_bytes());
        }
        true
    }

    /// Takes elements until `enough()`; true once all are taken.
    pub(super) fn next(&mut self, today: &Today, enough: &mut dyn FnMut() -> bool) -> bool {
        if !self.hash_photos(enough) {
            return false;
        }
        while self.done < self.elements.len() {
            let text = self.elements.get(self.done);
            if self.done > 0 {
                self.hasher.update(b",");
            }
            self.hasher.update(text);
            self.done += 1;
            if self.wire.is_ok() && self.damaged.is_none() {
                let wire = serde_json::from_slice::<WireRecord>(text).map_err(|e| {
                    // As `from_value` says it: a place in the element's canonical text would
                    // point nowhere in the file.
                    let place = format!(" at line {} column {}", e.line(), e.column());
                    let said = e.to_string();
                    BundleError::Damaged(said.strip_suffix(&place).unwrap_or(&said).to_string())
                });
                self.take(wire, today);
            }
            if enough() {
                break;
            }
        }
        self.done == self.elements.len()
    }

    fn take(&mut self, wire: Result<WireRecord, BundleError>, today: &Today) {
        let record = wire.and_then(|w| record_of(&w, &self.devices, &self.officers));
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                self.damaged = Some(e);
                self.records.clear();
                return;
            }
        };
        if self.duplicate.is_none() && !self.ids.insert(record.id.clone()) {
            self.duplicate = Some(record.id.to_string());
        }
        if self.invalid.is_none() {
            self.invalid = check(&record, today).err();
        }
        self.records.push(record);
    }

    /// The answer, problems in the one-go order: checksum, structure, duplicates, rules.
    pub(super) fn finish(mut self, today: &Today) -> Result<Bundle, BundleError> {
        self.hasher.update(self.suffix.as_bytes());
        if checksum_text(self.hasher) != self.claimed {
            return Err(BundleError::Checksum);
        }
        let wire = self.wire?;
        if let Some(e) = self.damaged {
            return Err(e);
        }
        if let Some(e) = self.photos.iter().find_map(PhotoIn::damaged) {
            return Err(e.clone());
        }
        if let Some(id) = self.duplicate {
            return Err(BundleError::DuplicateId(id));
        }
        if let Some(e) = self.invalid {
            return Err(e);
        }
        drop(self.content);
        bundle_of(wire, self.records, self.photos, self.claimed, today)
    }
}
