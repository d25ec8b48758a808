//! Photos in bundles (format 1.4): the top-level `photos` array, each element
//! `{"data": "<base64>", "sha256": "<hex>", "tipe": "image/jpeg"}`, carrying the photos the
//! bundle's live records refer to (`foto/<sha256>` fields, `crate::model::photo`).
//!
//! Read as they come: each element is decoded to its bytes and checked against its SHA-256 when
//! the scan meets it, and only the bytes are kept (never the base64 text beside them); its
//! canonical text, which the checksum covers, is written again from the bytes when hashed (the
//! decoder takes canonical base64 only, so the text written again is the text read). Base64 is
//! the `base64` crate's (maintained and widely used; strict about padding and trailing bits,
//! which the canonical form needs).

use super::{fill, to_json, BundleError, Lang, Msg, Record, MAX_BYTES};
use crate::model::photo::{is_hash, referenced, TIPES};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// A photo's bytes as kept on the device, and its type (`image/jpeg` or `image/webp`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Photo {
    pub tipe: String,
    pub bytes: Vec<u8>,
}

/// Photos by their SHA-256 (64 lowercase hex digits).
pub type Photos = BTreeMap<String, Photo>;

/// What a writer knows of a photo on the device before reading its bytes: its type and size
/// (a record's `foto/<hash>` field says both: `model::photo::PhotoRef`). Sizing a bundle from
/// these, a device asks "dengan foto" / "tanpa foto" without taking every photo into memory, and
/// reads the bytes only when they go ([`super::Writer::with_photos_held`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub tipe: String,
    /// Bytes.
    pub len: usize,
}

impl Held {
    pub fn of(photo: &Photo) -> Held {
        Held {
            tipe: photo.tipe.clone(),
            len: photo.bytes.len(),
        }
    }
}

/// Photos on the device by their SHA-256, as sized before their bytes are read.
pub type PhotosHeld = BTreeMap<String, Held>;

/// What a bundle read says about photos.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceivedPhotos {
    /// The photos it carries that its live records refer to, each checked against its hash.
    pub photos: Photos,
    /// Photos its live records refer to that it does not carry (sent "tanpa foto", or the
    /// receiver already has them): not an error. In hash order.
    pub missing: Vec<String>,
    /// Photos it carries that none of its live records refers to (or carries twice): not taken.
    pub ignored: usize,
}

/// The lowercase hex SHA-256 of `bytes`: a photo's identity.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One element of a bundle's `photos`, as read.
#[derive(Debug)]
pub(super) enum PhotoIn {
    /// Well formed and intact: its hash, the photo, and the element's other keys (`sha256`,
    /// `tipe` and any a later minor version adds; `data` left out) for its canonical text.
    Good {
        hash: String,
        photo: Photo,
        rest: Map<String, Value>,
    },
    /// Not as the format says (`Damaged`), or bytes that do not match the hash (`Photo`): the
    /// problem, and the element's canonical text for the checksum (checked first).
    Bad { error: BundleError, text: String },
}

impl PhotoIn {
    /// An element of `photos` taken: decoded and checked.
    pub(super) fn of(element: Value) -> PhotoIn {
        let damaged = |why: &str, element: &Value| PhotoIn::Bad {
            error: BundleError::Damaged(format!("photo: {why}")),
            text: to_json(element),
        };
        let Value::Object(mut rest) = element else {
            return damaged("not an object", &element);
        };
        let hash = match rest.get("sha256").and_then(Value::as_str) {
            Some(h) if is_hash(h) => h.to_string(),
            _ => return damaged("sha256", &Value::Object(rest)),
        };
        let tipe = match rest.get("tipe").and_then(Value::as_str) {
            Some(t) if TIPES.contains(&t) => t.to_string(),
            _ => return damaged("tipe", &Value::Object(rest)),
        };
        let data = match rest.remove("data") {
            Some(Value::String(data)) => data,
            other => {
                if let Some(v) = other {
                    rest.insert("data".into(), v);
                }
                return damaged("data", &Value::Object(rest));
            }
        };
        match BASE64.decode(data.as_bytes()) {
            Ok(bytes) if sha256_hex(&bytes) == hash => {
                drop(data);
                PhotoIn::Good {
                    hash,
                    photo: Photo { tipe, bytes },
                    rest,
                }
            }
            _ => {
                rest.insert("data".into(), Value::String(data));
                PhotoIn::Bad {
                    error: BundleError::Photo(hash),
                    text: to_json(&rest),
                }
            }
        }
    }

    /// Feeds the element's canonical text to `hasher` (a good one's base64 written again from
    /// its bytes, one photo's worth of text at a time).
    pub(super) fn hash_into(&self, hasher: &mut Sha256) {
        match self {
            PhotoIn::Good { photo, rest, .. } => {
                let mut element = rest.clone();
                element.insert("data".into(), Value::String(BASE64.encode(&photo.bytes)));
                hasher.update(to_json(&element).as_bytes());
            }
            PhotoIn::Bad { text, .. } => hasher.update(text.as_bytes()),
        }
    }

    /// A structure problem, reported with the others of its kind.
    pub(super) fn damaged(&self) -> Option<&BundleError> {
        match self {
            PhotoIn::Bad {
                error: e @ BundleError::Damaged(_),
                ..
            } => Some(e),
            _ => None,
        }
    }
}

/// The photos of a bundle whose records are `records`: refused whole if any photo's bytes do
/// not match its hash; else the ones its live records refer to taken, the others counted, and
/// the referenced ones it does not carry listed.
pub(super) fn received(
    photos: Vec<PhotoIn>,
    records: &[Record],
) -> Result<ReceivedPhotos, BundleError> {
    if let Some(PhotoIn::Bad { error, .. }) =
        photos.iter().find(|p| matches!(p, PhotoIn::Bad { .. }))
    {
        return Err(error.clone());
    }
    let wanted = referenced(records);
    let mut out = ReceivedPhotos::default();
    for p in photos {
        let PhotoIn::Good { hash, photo, .. } = p else {
            unreachable!("refused above")
        };
        if wanted.contains(&hash) && !out.photos.contains_key(&hash) {
            out.photos.insert(hash, photo);
        } else {
            out.ignored += 1;
        }
    }
    out.missing = wanted
        .into_iter()
        .filter(|h| !out.photos.contains_key(h))
        .collect();
    Ok(out)
}

/// The length of the base64 text of `n` bytes (padded): 4 for every 3 bytes begun.
pub fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

/// The length of one element of `photos` as written: `{"data":"…","sha256":"…","tipe":"…"}`.
fn element_len(held: &Held) -> usize {
    r#"{"data":"","sha256":"","tipe":""}"#.len() + base64_len(held.len) + 64 + held.tipe.len()
}

/// One element of `photos` as written (canonical: keys sorted, nothing to escape).
pub(super) fn element_text(hash: &str, photo: &Photo) -> String {
    let mut text = String::with_capacity(element_len(&Held::of(photo)));
    text.push_str(r#"{"data":""#);
    BASE64.encode_string(&photo.bytes, &mut text);
    text.push_str(r#"","sha256":""#);
    text.push_str(hash);
    text.push_str(r#"","tipe":""#);
    text.push_str(&photo.tipe);
    text.push_str(r#""}"#);
    text
}

/// A photo the writer may carry: its type is one the format knows and its bytes are its hash's.
pub(super) fn intact(hash: &str, photo: &Photo) -> bool {
    TIPES.contains(&photo.tipe.as_str()) && is_hash(hash) && sha256_hex(&photo.bytes) == hash
}

/// The photos of `available` that `records`' live records refer to, in hash order, and how many
/// they refer to that `available` lacks.
pub(super) fn chosen(records: &[Record], available: &PhotosHeld) -> (Vec<String>, usize) {
    let wanted: BTreeSet<String> = referenced(records);
    let missing = wanted
        .iter()
        .filter(|h| !available.contains_key(*h))
        .count();
    (
        wanted
            .into_iter()
            .filter(|h| available.contains_key(h))
            .collect(),
        missing,
    )
}

/// The sizes the share screen offers: the bundle's JSON without photos, and what carrying them
/// adds (base64 makes 4 bytes of every 3). Files over [`GZIP_ABOVE`](super::GZIP_ABOVE) leave
/// gzipped, which takes most of base64's third back; the limit is on the JSON, as the reader
/// checks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// The bundle's JSON without photos, in bytes.
    pub without_photos: usize,
    /// What carrying the photos adds, in bytes (0 when there are none to carry).
    pub photos: usize,
    /// How many photos it would carry.
    pub count: usize,
    /// Photos its records refer to that the writer was not given (not on this device).
    pub missing: usize,
}

impl Sizes {
    pub(super) fn of(without_photos: usize, carried: &[&Held], missing: usize) -> Sizes {
        let photos = if carried.is_empty() {
            0
        } else {
            // `"photos":[` … `],`, the elements comma-separated.
            r#""photos":[],"#.len()
                + carried.iter().map(|h| element_len(h)).sum::<usize>()
                + carried.len()
                - 1
        };
        Sizes {
            without_photos,
            photos,
            count: carried.len(),
            missing,
        }
    }

    /// The bundle's JSON with its photos.
    pub fn with_photos(&self) -> usize {
        self.without_photos + self.photos
    }

    /// Whether the bundle with its photos stays within what a reader takes
    /// ([`MAX_BYTES`](super::MAX_BYTES)).
    pub fn fits_with_photos(&self) -> bool {
        self.with_photos() <= MAX_BYTES
    }
}

/// A bundle would be over [`MAX_BYTES`] with its photos: shared without them, or fewer records
/// at a time. Its size in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhotosTooLarge(pub usize);

impl PhotosTooLarge {
    /// The message for the officer, naming the size and the limit in MB (rounded up).
    pub fn message(&self, lang: Lang) -> String {
        fill(
            Msg::BundlePhotosTooLarge.text(lang),
            &[
                ("size", &self.0.div_ceil(1_000_000).to_string()),
                ("max", &(MAX_BYTES / 1_000_000).to_string()),
            ],
        )
    }
}
