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
use crate::model::hlc::{Stamp, MAX_AHEAD_MS};
use crate::model::rules::Today;
use crate::model::{shared, Field, Fields, Kind, NameList as Names, Record};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

mod check;
mod gzip;
mod reader;
mod writer;
use check::{check, check_created};
pub use gzip::{gunzip, gzip, is_gzip, Gunzip, Gzip, GZIP_ABOVE};
pub use reader::Reader;
pub use writer::Writer;

pub const FORMAT: &str = "sentra-bundle";
/// Major.minor: a reader takes any minor of its major and refuses a later major.
pub const VERSION: &str = "1.3";
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
}

/// A stamp on the wire: wall ms, counter, device by position in `devices`.
type WireStamp = (u64, u32, u32);

#[derive(Serialize, Deserialize)]
struct WireField {
    /// The value.
    v: Value,
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
    id: String,
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

/// Why a file cannot be imported. Nothing is changed when reading fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    TooLarge,
    NotUtf8,
    NotJson,
    Truncated,
    NotSentra,
    FutureVersion(String),
    Checksum,
    /// The structure is not what the format says (a field of the wrong type, a missing part).
    Damaged(String),
    DuplicateId(String),
    /// A record id outside the documented pattern (letters, digits, dashes; at most 100).
    BadId(String),
    /// A stamp (or the file's own time) more than `hlc::MAX_AHEAD_MS` ahead of the receiving
    /// device's clock: the device that made it, its officer, and the time it claims.
    Ahead {
        device: String,
        officer: String,
        wall: u64,
        /// The receiving device's clock when it read the file.
        now: u64,
    },
    /// A record the records' rules refuse: its id, kind, field and the reason.
    Invalid {
        id: String,
        kind: Kind,
        field: String,
        reason: String,
    },
}

impl BundleError {
    /// The message for the officer.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BundleError::TooLarge => fill(
                Msg::BundleTooLarge.text(lang),
                &[("max", &(MAX_BYTES / 1_000_000).to_string())],
            ),
            BundleError::NotUtf8 => Msg::BundleNotUtf8.text(lang).to_string(),
            BundleError::NotJson => Msg::BundleNotJson.text(lang).to_string(),
            BundleError::Truncated => Msg::BundleTruncated.text(lang).to_string(),
            BundleError::NotSentra => Msg::BundleNotSentra.text(lang).to_string(),
            BundleError::FutureVersion(v) => {
                fill(Msg::BundleFutureVersion.text(lang), &[("version", v)])
            }
            BundleError::Checksum => Msg::BundleChecksum.text(lang).to_string(),
            BundleError::Damaged(_) => Msg::BundleDamaged.text(lang).to_string(),
            BundleError::DuplicateId(id) => fill(Msg::BundleDuplicateId.text(lang), &[("id", id)]),
            BundleError::BadId(id) => {
                // Shown as text, never markup; cut so a huge id cannot flood the page.
                let shown: String = id.chars().take(60).collect();
                fill(Msg::BundleBadId.text(lang), &[("id", &shown)])
            }
            BundleError::Ahead {
                device,
                officer,
                wall,
                now,
            } => {
                let device: String = device.chars().take(8).collect();
                let officer: String = officer.chars().take(60).collect();
                fill(
                    Msg::BundleAhead.text(lang),
                    &[
                        ("device", &device),
                        ("officer", &officer),
                        ("date", &utc_minutes(*wall, lang)),
                        ("hours", &(MAX_AHEAD_MS / 3_600_000).to_string()),
                        ("now", &utc_minutes(*now, lang)),
                    ],
                )
            }
            BundleError::Invalid {
                id, field, reason, ..
            } => fill(
                Msg::BundleInvalid.text(lang),
                &[("id", id), ("field", field), ("reason", reason)],
            ),
        }
    }
}

/// A moment for people, to the minute, in UTC (the sender's time zone is not known):
/// "1 Januari 2999 pukul 00.00 UTC".
fn utc_minutes(ms: u64, lang: Lang) -> String {
    format!("{} UTC", crate::format::moment(ms, lang))
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

/// The canonical form of `content` around its records, for hashing or writing them piece by
/// piece: everything up to and including `"records":[`, and from the `]` after them on. The
/// keys in order (a `Map` is sorted), `records` where it sorts; its own value is not read.
fn around_records(content: &Map<String, Value>) -> (String, String) {
    let (mut before, mut after) = (String::from("{"), String::from("]"));
    let mut past = false;
    for (key, value) in content {
        if key == "records" {
            if before.len() > 1 {
                before.push(',');
            }
            before.push_str("\"records\":[");
            past = true;
            continue;
        }
        // Every key but the first follows a comma; after `records`, every key does.
        let side = if past { &mut after } else { &mut before };
        if side.len() > 1 || past {
            side.push(',');
        }
        side.push_str(&format!("{}:{}", to_json(key), to_json(value)));
    }
    after.push('}');
    (before, after)
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
    let wire: Wire = serde_json::from_value(Value::Object(content))
        .map_err(|e| BundleError::Damaged(e.to_string()))?;
    let records = records_of(&wire)?;
    let mut ids = HashSet::new();
    for r in &records {
        if !ids.insert(r.id.as_str()) {
            return Err(BundleError::DuplicateId(r.id.clone()));
        }
    }
    for r in &records {
        check(r, today)?;
    }
    bundle_of(wire, records, claimed, today)
}

/// The bundle read, its records checked: the last check (the file's own time) and the header.
/// Both readers end here.
fn bundle_of(
    wire: Wire,
    records: Vec<Record>,
    checksum: String,
    today: &Today,
) -> Result<Bundle, BundleError> {
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
fn shared_names(list: &[String]) -> Vec<Arc<str>> {
    list.iter().map(|s| shared(s)).collect()
}

/// One record from the wire, its names by position resolved.
fn record_of(
    r: &WireRecord,
    devices: &[Arc<str>],
    officers: &[Arc<str>],
) -> Result<Record, BundleError> {
    let name = |list: &[Arc<str>], i: u32| {
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
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::Editor;
    use serde_json::json;

    fn today() -> Today {
        Today {
            year: 2026,
            iso: "2026-11-23".into(),
            clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
        }
    }

    pub(crate) fn sample() -> (Header, Vec<Record>) {
        let mut a = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
        let mut ed = Editor {
            clock: &mut a,
            officer: "Petugas Uji",
            now_ms: 1_795_400_000_000,
        };
        let mut usaha = Record::new(Kind::Usaha, &mut ed);
        for (k, v) in [
            ("nama", json!("Batik Sekar <script>")),
            ("desa", json!("35.29.02.2004")),
            ("status", json!("aktif")),
            ("modal", json!(50_000_000)),
        ] {
            usaha.set(k, v, &mut ed);
        }
        let mut sentra = Record::new(Kind::Sentra, &mut ed);
        for (k, v) in [
            ("nama", json!("Sentra Batik")),
            ("desa", json!("35.29.02.2004")),
            ("status", json!("rencana")),
            ("anggota", json!([usaha.id.clone()])),
        ] {
            sentra.set(k, v, &mut ed);
        }
        sentra.set_deleted(true, &mut ed);
        let header = Header {
            created_ms: 1_795_421_730_123,
            device: "0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00".into(),
            officer: "Petugas Uji".into(),
            kabupaten: Some("35.29".into()),
            scope: Scope::All,
        };
        (header, vec![sentra, usaha])
    }

    #[test]
    fn a_written_bundle_reads_back_whole() {
        let (header, records) = sample();
        let text = write(&header, &records);
        let bundle = read(text.as_bytes(), &today()).unwrap();
        assert_eq!(bundle.header, header);
        assert_eq!(bundle.created, "2026-11-23T08:15:30.123Z");
        let mut want = records.clone();
        want.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(bundle.records, want);
        assert!(
            bundle.records.iter().any(Record::is_deleted),
            "tombstones travel"
        );
        assert!(bundle.checksum.starts_with("sha256:") && bundle.checksum.len() == 71);
        assert_eq!(
            write(&header, &records),
            text,
            "the same content, the same file"
        );
    }

    fn error_of(text: &str) -> BundleError {
        read(text.as_bytes(), &today()).unwrap_err()
    }

    use super::signed as resigned;

    fn content() -> Map<String, Value> {
        let (header, records) = sample();
        serde_json::from_str(&write(&header, &records)).unwrap()
    }

    #[test]
    fn every_kind_of_bad_file_gets_its_own_reason() {
        let good = {
            let (h, r) = sample();
            write(&h, &r)
        };
        assert_eq!(error_of("halo, ini bukan berkas"), BundleError::NotJson);
        assert_eq!(error_of(&good[..good.len() / 2]), BundleError::Truncated);
        assert_eq!(error_of("[1,2,3]"), BundleError::NotSentra);
        assert_eq!(
            error_of(r#"{"format":"other-app"}"#),
            BundleError::NotSentra
        );
        assert_eq!(
            read(&[0xff, 0xfe, b'{'], &today()).unwrap_err(),
            BundleError::NotUtf8
        );
        let mut c = content();
        c.insert("version".into(), json!("2.0"));
        assert_eq!(
            error_of(&resigned(c)),
            BundleError::FutureVersion("2.0".into())
        );
        assert_eq!(
            error_of(&good.replace("Batik Sekar", "Batik Palsu")),
            BundleError::Checksum
        );
        let mut c = content();
        let records = c["records"].as_array().unwrap().clone();
        c.insert(
            "records".into(),
            Value::Array(records.iter().chain(records.iter()).cloned().collect()),
        );
        assert!(matches!(
            error_of(&resigned(c)),
            BundleError::DuplicateId(_)
        ));
        let mut c = content();
        let usaha = c["records"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["kind"] == "usaha")
            .unwrap();
        c["records"][usaha]["fields"]["modal"]["v"] = json!(-5);
        let err = error_of(&resigned(c));
        assert!(
            matches!(&err, BundleError::Invalid { field, .. } if field == "modal"),
            "{err:?}"
        );
        assert!(err.message(Lang::Id).contains("modal"));
        let mut c = content();
        c["records"][0]["fields"]["nama"]["s"] = json!([1, 0, 9]);
        assert!(matches!(error_of(&resigned(c)), BundleError::Damaged(_)));
        let too_big = vec![b' '; MAX_BYTES + 1];
        assert_eq!(read(&too_big, &today()).unwrap_err(), BundleError::TooLarge);
    }

    /// Device A records the year formed, device B the year planned, later; merged, the pair
    /// breaks the form's rule (formed before planned). The bundle still reads: refusing it would
    /// block every export holding that record.
    #[test]
    fn records_valid_field_by_field_read_even_if_a_cross_field_rule_fails() {
        let (header, mut records) = sample();
        let sentra = records.iter_mut().find(|r| r.kind == Kind::Sentra).unwrap();
        let mut b = Clock::new("dev-b");
        let mut ed = Editor {
            clock: &mut b,
            officer: "B",
            now_ms: 1_795_450_000_000,
        };
        sentra.set("tahun_terbentuk", json!(2020), &mut ed);
        sentra.set("tahun_rencana", json!(2021), &mut ed);
        sentra.set("lat", json!(-7.0), &mut ed); // and a latitude without its longitude
        let bundle = read(write(&header, &records).as_bytes(), &today()).unwrap();
        assert_eq!(bundle.records.len(), 2);
    }

    #[test]
    fn unknown_fields_from_a_newer_minor_version_are_tolerated() {
        let mut c = content();
        c.insert("version".into(), json!("1.4"));
        c.insert("catatan_pengirim".into(), json!("dari versi baru"));
        c["records"][0]["foto"] = json!("belum didukung");
        let bundle = read(resigned(c).as_bytes(), &today()).unwrap();
        assert_eq!(bundle.records.len(), 2);
    }

    /// The first Usaha's position in a sample bundle's records.
    fn usaha_at(c: &Map<String, Value>) -> usize {
        c["records"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["kind"] == "usaha")
            .unwrap()
    }

    #[test]
    fn stamps_further_ahead_than_the_bound_are_refused_naming_device_officer_and_date() {
        let now = today().clock_ms;
        let stamped = |wall: u64| {
            let mut c = content();
            let i = usaha_at(&c);
            c["records"][i]["fields"]["nama"]["s"][0] = json!(wall);
            read(resigned(c).as_bytes(), &today())
        };
        assert!(stamped(now + MAX_AHEAD_MS).is_ok(), "at the bound: taken");
        let err = stamped(now + MAX_AHEAD_MS + 1).unwrap_err();
        assert!(matches!(&err, BundleError::Ahead { officer, .. } if officer == "Petugas Uji"));
        let err = stamped(32_472_144_000_000).unwrap_err();
        let text = err.message(Lang::Id);
        assert!(
            text.contains("tanggalnya tampaknya salah")
                && text.contains("0f3b6a2c")
                && text.contains("Petugas Uji")
                && text.contains("1 Januari 2999 pukul 00.00 UTC")
                && text.contains("24 November 2026 pukul 00.00 UTC"),
            "{text}"
        );
        // A stamp a change was made over, or one it settled, counts as much as its own.
        let mut c = content();
        let i = usaha_at(&c);
        c["records"][i]["fields"]["nama"]["r"] = json!([32_472_144_000_000u64, 0, 0]);
        assert!(matches!(error_of(&resigned(c)), BundleError::Ahead { .. }));
        // And the file's own time.
        let mut c = content();
        c.insert("created_ms".into(), json!(now + MAX_AHEAD_MS + 1));
        assert!(matches!(error_of(&resigned(c)), BundleError::Ahead { .. }));
    }

    #[test]
    fn values_of_the_wrong_json_type_are_refused_field_by_field() {
        for (kind, field, value) in [
            ("usaha", "nama", json!(7)),
            ("usaha", "nama", json!({"a": 1})),
            ("usaha", "modal", json!("50000000")),
            ("usaha", "modal", json!(1.5)),
            ("usaha", "status", json!(["aktif"])),
            ("sentra", "nama", json!(true)),
            ("sentra", "_deleted", json!(1)),
        ] {
            let mut c = content();
            let i = c["records"]
                .as_array()
                .unwrap()
                .iter()
                .position(|r| r["kind"] == kind)
                .unwrap();
            c["records"][i]["fields"][field]["v"] = value.clone();
            let err = error_of(&resigned(c));
            assert!(
                matches!(&err, BundleError::Invalid { field: f, .. } if f == field),
                "{kind}.{field} = {value}: {err:?}"
            );
            assert!(err.message(Lang::Id).contains("harus berupa"), "{err:?}");
        }
        // null clears any field; an unknown field (a newer minor version's) is carried as is.
        let mut c = content();
        let i = usaha_at(&c);
        c["records"][i]["fields"]["modal"]["v"] = Value::Null;
        c["records"][i]["fields"]["foto_baru"] = json!({"by": 0, "s": [1, 0, 0], "v": [1, 2]});
        assert!(read(resigned(c).as_bytes(), &today()).is_ok());
    }

    #[test]
    fn record_ids_outside_the_pattern_are_refused() {
        for id in ["../x<script>", "", "a b", "satu/dua", &"x".repeat(101)] {
            let mut c = content();
            let i = usaha_at(&c);
            c["records"][i]["id"] = json!(id);
            assert_eq!(
                error_of(&resigned(c)),
                BundleError::BadId(id.to_string()),
                "{id:?}"
            );
        }
        let long = BundleError::BadId("<".repeat(5_000)).message(Lang::Id);
        assert!(long.len() < 600, "a huge id is cut in the message");
    }

    #[test]
    fn a_byte_order_mark_before_the_text_is_accepted() {
        let (header, records) = sample();
        let text = write(&header, &records);
        let with_bom = [&[0xef, 0xbb, 0xbf][..], text.as_bytes()].concat();
        let bundle = read(&with_bom, &today()).unwrap();
        assert_eq!(bundle, read(text.as_bytes(), &today()).unwrap());
        assert_eq!(
            read_file(gzip(format!("\u{feff}{text}")), &today()).unwrap(),
            bundle
        );
    }

    #[test]
    fn messages_name_the_problem_in_indonesian() {
        assert_eq!(
            BundleError::FutureVersion("2.0".into()).message(Lang::Id),
            "Berkas ini dibuat oleh Sentra versi lebih baru (format 2.0). Perbarui Sentra di perangkat ini lalu coba lagi."
        );
        for e in [
            BundleError::TooLarge,
            BundleError::NotUtf8,
            BundleError::NotJson,
            BundleError::Truncated,
            BundleError::NotSentra,
            BundleError::Checksum,
            BundleError::Damaged("x".into()),
            BundleError::DuplicateId("id-1".into()),
            BundleError::BadId("../x<script>".into()),
            BundleError::Ahead {
                device: "dev".into(),
                officer: "Petugas".into(),
                wall: 32_472_144_000_000,
                now: 1_795_478_400_000,
            },
        ] {
            let text = e.message(Lang::Id);
            assert!(!text.contains('{'), "{text}");
            assert_ne!(text, e.message(Lang::En));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
