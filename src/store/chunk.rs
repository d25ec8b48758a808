//! How records are laid out inside IndexedDB (pure, so it is tested natively).
//!
//! Measured in Chromium with 50,000 Usaha (README): reading them as 50,000 values took 1.3–1.5 s
//! before any parsing, the same bytes as 50 values 0.25–0.5 s. IndexedDB pays per value, so
//! records are kept in a fixed number of chunks per kind. A record's chunk follows from its id
//! alone ([`chunk_of`]), so every tab and every version agrees where a record lives without an
//! index. Inside a chunk, stamps name their device and officer by position in per-chunk lists.
//!
//! A chunk is binary (postcard), not JSON: the same 50,000 records as compact JSON were 36 MB,
//! and parsing that JSON alone took 356 ms natively, most of the 0.5 s load budget before a single
//! record was built.

use crate::model::hlc::Stamp;
use crate::model::Name;
use crate::model::{shared, Field, Fields, Kind, NameList as Names, Record, Val};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;

/// Chunks per kind. 50,000 Usaha make chunks of about 800 records (~0.4 MB of text); saving one
/// record rewrites its chunk, a few milliseconds.
pub const CHUNKS: u32 = 64;

/// The chunk a record lives in: FNV-1a of its id. Stable across versions: changing it needs a
/// schema upgrade that moves every record.
pub fn chunk_of(id: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % CHUNKS
}

/// The IndexedDB key of a chunk.
pub fn chunk_key(chunk: u32) -> String {
    format!("c{chunk:02}")
}

/// A stamp as stored: wall, counter, device by position.
type StoredStamp = (u64, u32, u32);

/// A field value as stored (postcard needs a type that says what it holds; JSON values do not).
/// Text is read in place and copied once, into the value (inline when short, [`Val`]).
#[derive(Serialize, Deserialize)]
enum StoredValue<'a> {
    Null,
    Bool(bool),
    U(u64),
    I(i64),
    F(f64),
    S(#[serde(borrow)] Cow<'a, str>),
    A(Vec<StoredValue<'a>>),
    O(Vec<(String, StoredValue<'a>)>),
}

impl<'a> StoredValue<'a> {
    fn of_val(v: &'a Val) -> StoredValue<'a> {
        match v {
            Val::Null => StoredValue::Null,
            Val::Bool(b) => StoredValue::Bool(*b),
            Val::Int(i) => match u64::try_from(*i) {
                Ok(u) => StoredValue::U(u),
                Err(_) => StoredValue::I(*i),
            },
            Val::Float(f) => StoredValue::F(*f),
            Val::Short(_) | Val::Text(_) => StoredValue::S(Cow::Borrowed(v.as_str().unwrap_or(""))),
            Val::Json(v) => StoredValue::of(v),
        }
    }

    fn of(v: &'a Value) -> StoredValue<'a> {
        match v {
            Value::Null => StoredValue::Null,
            Value::Bool(b) => StoredValue::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => StoredValue::U(u),
                (None, Some(i)) => StoredValue::I(i),
                _ => StoredValue::F(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => StoredValue::S(Cow::Borrowed(s)),
            Value::Array(a) => StoredValue::A(a.iter().map(StoredValue::of).collect()),
            Value::Object(o) => StoredValue::O(
                o.iter()
                    .map(|(k, v)| (k.clone(), StoredValue::of(v)))
                    .collect(),
            ),
        }
    }

    fn into_val(self) -> Val {
        match self {
            StoredValue::Null => Val::Null,
            StoredValue::Bool(b) => Val::Bool(b),
            StoredValue::S(s) => Val::text(&s),
            other => Val::from(other.into_value()),
        }
    }

    fn into_value(self) -> Value {
        match self {
            StoredValue::Null => Value::Null,
            StoredValue::Bool(b) => Value::Bool(b),
            StoredValue::U(u) => Value::from(u),
            StoredValue::I(i) => Value::from(i),
            StoredValue::F(f) => Value::from(f),
            StoredValue::S(s) => Value::String(s.into_owned()),
            StoredValue::A(a) => Value::Array(a.into_iter().map(Self::into_value).collect()),
            StoredValue::O(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, v.into_value())).collect())
            }
        }
    }
}

/// A field as stored: name, value, stamp, officer by position, the stamp it was made over if
/// any, and the conflicting stamps it settled. The name is read in place (no allocation: records
/// share one copy of each name, `model::shared`).
type StoredField<'a> = (
    &'a str,
    StoredValue<'a>,
    StoredStamp,
    u32,
    Option<StoredStamp>,
    Vec<StoredStamp>,
);

#[derive(Serialize, Deserialize)]
struct StoredRecord<'a> {
    /// Read in place, copied once into the record's shared id.
    id: &'a str,
    k: Kind,
    c: StoredStamp,
    #[serde(borrow)]
    f: Vec<StoredField<'a>>,
}

/// One chunk: format version, the devices and officers its stamps name, the records.
#[derive(Serialize, Deserialize)]
struct StoredChunk<'a> {
    v: u32,
    dev: Vec<String>,
    by: Vec<String>,
    #[serde(borrow)]
    r: Vec<StoredRecord<'a>>,
}

const FORMAT: u32 = 1;

/// The bytes of a chunk holding `records`.
pub fn encode<'a>(records: impl IntoIterator<Item = &'a Record>) -> Vec<u8> {
    let (mut dev, mut by) = (Names::default(), Names::default());
    let mut stamp = |s: &Stamp| (s.wall, s.counter, dev.of(&s.device));
    let r = records
        .into_iter()
        .map(|rec| StoredRecord {
            id: &rec.id,
            k: rec.kind,
            c: stamp(&rec.created),
            f: rec
                .fields
                .iter()
                .map(|(k, f)| {
                    (
                        k,
                        StoredValue::of_val(&f.value),
                        stamp(&f.stamp),
                        by.of(&f.by),
                        f.replaced().map(&mut stamp),
                        f.settled().iter().map(&mut stamp).collect(),
                    )
                })
                .collect(),
        })
        .collect();
    postcard::to_allocvec(&StoredChunk {
        v: FORMAT,
        dev: dev.list,
        by: by.list,
        r,
    })
    .expect("a chunk always serialises")
}

/// The records of a chunk's bytes.
pub fn decode(bytes: &[u8]) -> Result<Vec<Record>, String> {
    let chunk: StoredChunk = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
    if chunk.v != FORMAT {
        return Err(format!("chunk format {} is not {FORMAT}", chunk.v));
    }
    let all_shared = |list: Vec<String>| list.iter().map(|s| shared(s)).collect::<Vec<Name>>();
    let (dev, by) = (all_shared(chunk.dev), all_shared(chunk.by));
    let name = |list: &[Name], i: u32| {
        list.get(i as usize)
            .cloned()
            .ok_or_else(|| format!("no name at {i}"))
    };
    let stamp = |(wall, counter, d): StoredStamp| {
        Ok::<_, String>(Stamp {
            wall,
            counter,
            device: name(&dev, d)?,
        })
    };
    chunk
        .r
        .into_iter()
        .map(|r| {
            let mut fields = Fields::with_capacity(r.f.len());
            for (key, value, s, by_index, replaced, settled) in r.f {
                fields.insert(
                    key,
                    Field::new(
                        value.into_val(),
                        stamp(s)?,
                        replaced.map(stamp).transpose()?,
                        settled.into_iter().map(stamp).collect::<Result<_, _>>()?,
                        name(&by, by_index)?,
                    ),
                );
            }
            Ok(Record {
                id: r.id.into(),
                kind: r.k,
                created: stamp(r.c)?,
                fields,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::Editor;
    use serde_json::json;

    fn usaha(n: usize) -> Vec<Record> {
        let mut a = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
        let mut b = Clock::new("7d9e1f20-1111-4c6b-9a7f-2b8e4d1c9a00");
        (0..n)
            .map(|i| {
                let mut ed = Editor {
                    clock: &mut a,
                    officer: "Petugas Uji",
                    now_ms: 1_750_000_000_000 + i as u64,
                };
                let mut r = Record::new(Kind::Usaha, &mut ed);
                r.set(
                    "nama",
                    json!(format!("Batik Sekar {i} \"kutip\" 🧵")),
                    &mut ed,
                );
                r.set("tenaga_kerja", json!(i), &mut ed);
                r.set("lat", json!(-7.012345), &mut ed);
                let mut other = Editor {
                    clock: &mut b,
                    officer: "Petugas Lain",
                    now_ms: 1_760_000_000_000,
                };
                r.set("nama", json!("Diubah"), &mut other); // a replaced stamp from another device
                let loser = r.fields["lat"].stamp.clone();
                r.settle("lat", json!(-7.1), vec![loser], &mut other);
                r
            })
            .collect()
    }

    #[test]
    fn chunks_round_trip_every_field_and_stamp() {
        let records = usaha(30);
        let bytes = encode(&records);
        assert_eq!(decode(&bytes).unwrap(), records);
        assert_eq!(decode(&encode(&[])).unwrap(), Vec::<Record>::new());
    }

    #[test]
    fn a_chunk_is_far_smaller_than_plain_records() {
        let records = usaha(200);
        let plain: usize = records
            .iter()
            .map(|r| serde_json::to_string(r).unwrap().len())
            .sum();
        let chunk = encode(&records).len();
        assert!(chunk * 2 < plain, "chunk {chunk} bytes, plain {plain}");
    }

    #[test]
    fn damaged_or_future_chunks_are_refused_not_misread() {
        let good = encode(&usaha(3));
        assert!(decode(b"not a chunk").is_err());
        assert!(decode(&good[..good.len() / 2]).is_err(), "truncated");
        let mut future = good.clone();
        future[0] = 2; // the format version comes first
        assert!(decode(&future).unwrap_err().contains("format 2"));
        let bad_index = postcard::to_allocvec(&StoredChunk {
            v: FORMAT,
            dev: vec![],
            by: vec![],
            r: vec![StoredRecord {
                id: "x".into(),
                k: Kind::Usaha,
                c: (1, 0, 5),
                f: vec![],
            }],
        })
        .unwrap();
        assert!(decode(&bad_index).unwrap_err().contains("no name at 5"));
    }

    #[test]
    fn every_kind_of_value_survives() {
        let mut clock = Clock::new("d");
        let mut ed = Editor {
            clock: &mut clock,
            officer: "U",
            now_ms: 1,
        };
        let mut r = Record::new(Kind::Sentra, &mut ed);
        for (k, v) in [
            ("a", json!(true)),
            ("b", json!(-3)),
            ("c", json!(0.5)),
            ("d", json!(u64::MAX)),
            ("e", json!(["u-1", "u-2"])),
            ("f", json!({"x": [1, null]})),
            ("g", json!("<script>\u{202e}")),
        ] {
            r.set(k, v, &mut ed);
        }
        r.fields.insert(
            "h",
            Field {
                value: Val::Null,
                ..r.fields["a"].clone()
            },
        );
        assert_eq!(decode(&encode([&r])).unwrap(), vec![r]);
    }

    #[test]
    fn ids_spread_over_every_chunk_and_always_land_in_the_same_one() {
        let records = usaha(5_000);
        let mut counts = vec![0usize; CHUNKS as usize];
        for r in &records {
            let c = chunk_of(&r.id);
            assert_eq!(c, chunk_of(&r.id.clone()));
            counts[c as usize] += 1;
        }
        let expected = 5_000 / CHUNKS as usize;
        for (chunk, n) in counts.iter().enumerate() {
            assert!(
                *n > expected / 2 && *n < expected * 2,
                "chunk {chunk} has {n}, expected about {expected}"
            );
        }
        assert_eq!(chunk_key(7), "c07");
        assert_eq!(chunk_of("dev-a-3e8-0"), chunk_of("dev-a-3e8-0"));
    }
}
