//! Bundles: the files officers pass through messaging apps to share records. Format v1 is
//! described in docs/bundle-format.md (with a JSON Schema beside it). Pure: no browser.
//!
//! Reading is strict about what would corrupt data (an unknown major version, a checksum that
//! does not match, duplicate ids, values the records' own rules refuse) and lenient about what a
//! newer minor version may add (unknown fields are ignored, and still covered by the checksum).
//! A reader never panics on any input (property-tested over arbitrary and mutated bytes).
//! [`Reader`] reads in steps (a page reads a 40 MB file in slices and stays responsive);
//! [`read`] is that reader run in one go, with the same answers as parsing the whole file first.

use crate::format::iso_utc;
use crate::i18n::{fill, Lang, Msg};
use crate::model::hlc::Stamp;
use crate::model::rules::Today;
use crate::model::{shared, Field, Fields, Kind, NameList as Names, Record, Val};
use crate::model::{Id, Name};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

mod check;
mod error;
mod gzip;
mod photos;
mod reader;
mod writer;
use check::{check, check_created};
pub use error::BundleError;
pub use gzip::{gunzip, gzip, is_gzip, Gunzip, Gzip, GZIP_ABOVE};
use photos::PhotoIn;
pub use photos::{
    base64_len, sha256_hex, Held, Photo, Photos, PhotosHeld, PhotosTooLarge, ReceivedPhotos, Sizes,
};
pub use reader::Reader;
pub use writer::Writer;

pub const FORMAT: &str = "sentra-bundle";
/// Major.minor: a reader takes any minor of its major and refuses a later major. 1.4 added
/// photos (`foto/<sha256>` fields, the top-level `photos`); every bundle is written as 1.4.
pub const VERSION: &str = "1.4";
const MAJOR: u64 = 1;
/// Larger files are refused before parsing: 50,000 Usaha make about 40 MB.
pub const MAX_BYTES: usize = 100_000_000;

/// What a bundle holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every record on the sending device.
    All,
    /// The records changed after this stamp (the sender's previous export).
    Since(Stamp),
}

/// Who sent a bundle, when, and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub created_ms: u64,
    pub device: String,
    pub officer: String,
    /// The sender's working area, if chosen: a kabupaten/kota code `PP.KK`, or a province `PP`.
    pub kabupaten: Option<String>,
    pub scope: Scope,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub header: Header,
    /// ISO 8601 UTC, as written.
    pub created: String,
    pub records: Vec<Record>,
    /// `sha256:<hex>` over the canonical form: recognises a bundle imported before.
    pub checksum: String,
    /// The photos it carries for its records, and the ones it does not (since 1.4).
    pub photos: ReceivedPhotos,
}

/// A stamp on the wire: wall ms, counter, device by position in `devices`.
type WireStamp = (u64, u32, u32);

#[derive(Serialize, Deserialize)]
struct WireField {
    /// The value.
    v: Val,
    /// The change's stamp.
    s: WireStamp,
    /// The officer, by position in `officers`.
    by: u32,
    /// The stamp this change was made over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<WireStamp>,
    /// Conflicting stamps this change settled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    x: Vec<WireStamp>,
}

#[derive(Serialize, Deserialize)]
struct WireRecord {
    id: Id,
    kind: Kind,
    created: WireStamp,
    fields: BTreeMap<String, WireField>,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    format: String,
    version: String,
    created: String,
    created_ms: u64,
    device: String,
    officer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kabupaten: Option<String>,
    scope: Scope,
    devices: Vec<String>,
    officers: Vec<String>,
    records: Vec<WireRecord>,
}

/// `sha256:<hex>` of a bundle's content: the JSON object without `checksum`, keys sorted, no
/// spaces (serde_json's compact form of a `Value`, whose maps are sorted).
fn checksum_of(content: &Map<String, Value>) -> String {
    let canonical = serde_json::to_string(content).expect("a JSON value always serialises");
    checksum_text(Sha256::new_with_prefix(canonical.as_bytes()))
}

/// `sha256:<hex>` of what `hasher` was fed (the canonical form, whole or in pieces).
fn checksum_text(hasher: Sha256) -> String {
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// The checks a bundle's outline gets before its records, in this order: a Sentra bundle, of
/// the major version this reader knows, with a checksum, which is taken out of `content` (the
/// canonical form has none) and returned.
fn check_outline(content: &mut Map<String, Value>) -> Result<String, BundleError> {
    if content.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BundleError::NotSentra);
    }
    let version = content
        .get("version")
        .and_then(Value::as_str)
        .ok_or_else(|| BundleError::Damaged("no version".into()))?
        .to_string();
    let major: u64 = version
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| BundleError::Damaged(format!("version {version}")))?;
    if major > MAJOR {
        return Err(BundleError::FutureVersion(version));
    }
    if major < MAJOR {
        return Err(BundleError::Damaged(format!("version {version}")));
    }
    match content.remove("checksum") {
        Some(Value::String(claimed)) => Ok(claimed),
        _ => Err(BundleError::Checksum),
    }
}

/// A value's compact JSON text.
fn to_json(value: &(impl Serialize + ?Sized)) -> String {
    serde_json::to_string(value).expect("a JSON value always serialises")
}

/// The canonical form of `content` around the arrays named in `spliced` (those it holds, in key
/// order), for hashing or writing them piece by piece: one piece more than arrays, the first
/// ending with `"<first array>":[`, each next one starting with its `]`. The keys in order (a
/// `Map` is sorted); the spliced arrays' own values are not read. `photos` sorts before
/// `records`.
fn around(content: &Map<String, Value>, spliced: &[&str]) -> Vec<String> {
    let mut pieces = vec![String::from("{")];
    for (i, (key, value)) in content.iter().enumerate() {
        let piece = pieces.last_mut().expect("never empty");
        if i > 0 {
            piece.push(',');
        }
        piece.push_str(&to_json(key));
        piece.push(':');
        if spliced.contains(&key.as_str()) {
            piece.push('[');
            pieces.push(String::from("]"));
        } else {
            piece.push_str(&to_json(value));
        }
    }
    pieces.last_mut().expect("never empty").push('}');
    pieces
}

/// The text of a bundle's content with its checksum (re)computed: for tools and tests that edit
/// a bundle on purpose.
pub fn signed(mut content: Map<String, Value>) -> String {
    content.remove("checksum");
    let sum = checksum_of(&content);
    content.insert("checksum".into(), Value::String(sum));
    serde_json::to_string(&content).expect("serialisable")
}

/// A record on the wire, its devices and officers by position in the lists being built.
fn wire_record(r: &Record, devices: &mut Names, officers: &mut Names) -> WireRecord {
    let mut stamp = |s: &Stamp| (s.wall, s.counter, devices.of(&s.device));
    WireRecord {
        id: r.id.clone(),
        kind: r.kind,
        created: stamp(&r.created),
        fields: r
            .fields
            .iter()
            .map(|(k, f)| {
                let field = WireField {
                    v: f.value.clone(),
                    s: stamp(&f.stamp),
                    by: officers.of(&f.by),
                    r: f.replaced().map(&mut stamp),
                    x: f.settled().iter().map(&mut stamp).collect(),
                };
                (k.to_string(), field)
            })
            .collect(),
    }
}

/// A bundle's content around its records.
fn wire(header: &Header, devices: Names, officers: Names, records: Vec<WireRecord>) -> Wire {
    Wire {
        format: FORMAT.into(),
        version: VERSION.into(),
        created: iso_utc(header.created_ms),
        created_ms: header.created_ms,
        device: header.device.clone(),
        officer: header.officer.clone(),
        kabupaten: header.kabupaten.clone(),
        scope: header.scope.clone(),
        devices: devices.list,
        officers: officers.list,
        records,
    }
}

/// The text of a bundle holding `records` (written in id order). [`Writer`] writes the same
/// text in steps.
pub fn write(header: &Header, records: &[Record]) -> String {
    let (mut devices, mut officers) = (Names::default(), Names::default());
    let mut sorted: Vec<&Record> = records.iter().collect();
    crate::sort::by(&mut sorted, |a, b| a.id.cmp(&b.id));
    let wire_records = sorted
        .into_iter()
        .map(|r| wire_record(r, &mut devices, &mut officers))
        .collect();
    signed(content_of(&wire(header, devices, officers, wire_records)))
}

/// The text of a bundle holding `records` and the photos of `photos` their live records refer
/// to: [`Writer::with_photos`] run in one go. Refused when the photos would take it over
/// [`MAX_BYTES`].
pub fn write_with_photos(
    header: &Header,
    records: &[Record],
    photos: Photos,
) -> Result<String, PhotosTooLarge> {
    let mut writer = Writer::with_photos(header.clone(), records.to_vec(), photos);
    loop {
        if let Some(text) = writer.step() {
            return writer.too_large().map_or(Ok(text), Err);
        }
    }
}

/// A bundle's content as a JSON object (its maps sorted: the canonical order).
fn content_of(wire: &Wire) -> Map<String, Value> {
    let Value::Object(content) = serde_json::to_value(wire).expect("serialisable") else {
        unreachable!("a struct serialises to an object")
    };
    content
}

/// A received file as it arrived: unpacked first when gzipped ([`Gunzip`]), then [`read`].
/// The page does the same in slices.
pub fn read_file(bytes: Vec<u8>, today: &Today) -> Result<Bundle, BundleError> {
    if is_gzip(&bytes) {
        read(&gunzip(bytes)?, today)
    } else {
        read(&bytes, today)
    }
}

/// Reads and checks a bundle. `today` bounds the records' dates (pass tomorrow to allow for a
/// sender a time zone ahead). [`Reader`] does the same in steps.
pub fn read(bytes: &[u8], today: &Today) -> Result<Bundle, BundleError> {
    let mut reader = Reader::new(bytes, today.clone());
    loop {
        if let Some(answer) = reader.step(&mut || false) {
            return answer;
        }
    }
}

/// [`read_whole`] for the fuzz targets (fuzz/), which check [`Reader`] in steps against it.
/// Built only by cargo-fuzz, which passes `--cfg fuzzing`.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn read_whole_for_fuzzing(bytes: &[u8], today: &Today) -> Result<Bundle, BundleError> {
    read_whole(bytes, today)
}

/// Reads and checks a bundle at once, the whole file parsed before anything is checked: what
/// [`Reader`] must answer (its tests compare the two), and what it falls back to for files whose
/// outline is not a bundle's.
fn read_whole(bytes: &[u8], today: &Today) -> Result<Bundle, BundleError> {
    if bytes.len() > MAX_BYTES {
        return Err(BundleError::TooLarge);
    }
    let text = std::str::from_utf8(without_bom(bytes)).map_err(|_| BundleError::NotUtf8)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            BundleError::Truncated
        } else {
            BundleError::NotJson
        }
    })?;
    let Value::Object(mut content) = value else {
        return Err(BundleError::NotSentra);
    };
    let claimed = check_outline(&mut content)?;
    if checksum_of(&content) != claimed {
        return Err(BundleError::Checksum);
    }
    let photos = content.remove("photos");
    let wire: Wire = serde_json::from_value(Value::Object(content))
        .map_err(|e| BundleError::Damaged(e.to_string()))?;
    let records = records_of(&wire)?;
    let photos: Vec<PhotoIn> = match photos {
        None => Vec::new(),
        Some(Value::Array(list)) => list.into_iter().map(PhotoIn::of).collect(),
        Some(_) => return Err(BundleError::Damaged("photos is not a list".into())),
    };
    if let Some(e) = photos.iter().find_map(PhotoIn::damaged) {
        return Err(e.clone());
    }
    let mut ids = HashSet::new();
    for r in &records {
        if !ids.insert(&*r.id) {
            return Err(BundleError::DuplicateId(r.id.to_string()));
        }
    }
    for r in &records {
        check(r, today)?;
    }
    bundle_of(wire, records, photos, claimed, today)
}

/// The bundle read, its records checked: the last checks (every photo's bytes against its hash,
/// the file's own time) and the header. Both readers end here.
fn bundle_of(
    wire: Wire,
    records: Vec<Record>,
    photos: Vec<PhotoIn>,
    checksum: String,
    today: &Today,
) -> Result<Bundle, BundleError> {
    let photos = photos::received(photos, &records)?;
    let header = Header {
        created_ms: wire.created_ms,
        device: wire.device,
        officer: wire.officer,
        kabupaten: wire.kabupaten,
        scope: wire.scope,
    };
    check_created(&header, today)?;
    Ok(Bundle {
        header,
        created: wire.created,
        records,
        checksum,
        photos,
    })
}

/// `bytes` without a leading UTF-8 byte-order mark (Notepad and some Windows tools save one).
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn records_of(wire: &Wire) -> Result<Vec<Record>, BundleError> {
    let (devices, officers) = (shared_names(&wire.devices), shared_names(&wire.officers));
    wire.records
        .iter()
        .map(|r| record_of(r, &devices, &officers))
        .collect()
}

/// The shared copies of a bundle's names, by position (stamps and fields refer to them so).
fn shared_names(list: &[String]) -> Vec<Name> {
    list.iter().map(|s| shared(s)).collect()
}

/// One record from the wire, its names by position resolved.
fn record_of(r: &WireRecord, devices: &[Name], officers: &[Name]) -> Result<Record, BundleError> {
    let name = |list: &[Name], i: u32| {
        list.get(i as usize)
            .cloned()
            .ok_or_else(|| BundleError::Damaged(format!("no name at {i}")))
    };
    let stamp = |&(wall, counter, d): &WireStamp| {
        Ok::<_, BundleError>(Stamp {
            wall,
            counter,
            device: name(devices, d)?,
        })
    };
    let mut fields = Fields::with_capacity(r.fields.len());
    for (key, f) in &r.fields {
        fields.insert(
            key,
            Field::new(
                f.v.clone(),
                stamp(&f.s)?,
                f.r.as_ref().map(stamp).transpose()?,
                f.x.iter().map(stamp).collect::<Result<_, _>>()?,
                name(officers, f.by)?,
            ),
        );
    }
    Ok(Record {
        id: r.id.clone(),
        kind: r.kind,
        created: stamp(&r.created)?,
        fields,
    })
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
