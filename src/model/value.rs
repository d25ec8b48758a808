//! A field's value in memory: JSON, in 16 bytes, short text held inline.
//!
//! Records keep every field's value as it was written, JSON. As `serde_json::Value` each took
//! 24 bytes on the wasm and every text its own heap block, and 50,000 Usaha of 12 fields hold
//! 600,000 values, 400,000 of them text (issue 15: wasm memory ≤ 60 MB). Most texts officers
//! store are short: village and kecamatan codes, statuses, phone numbers, dates, NIB, KBLI
//! codes. [`Val`] holds text of up to [`INLINE`] bytes in itself, longer text in a box of its
//! exact length, numbers as integers or floats as JSON read them, and what is left (lists and
//! objects: links written by bundle 1.0, photo descriptions, integers above `i64::MAX`) as a
//! boxed `Value`. It reads, writes and compares as the `Value` it stands for: `Val::from(v)`
//! then [`Val::to_value`] gives `v` back, and its JSON text is `v`'s.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};
use std::fmt;

/// The longest text held inline (bytes of UTF-8).
pub const INLINE: usize = 14;

/// A field's value (see the module's doc).
#[derive(Clone, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    /// An integer JSON wrote without a fraction or exponent, within `i64`.
    Int(i64),
    /// Any other number JSON wrote (`1.0`, `2.5e3`).
    Float(f64),
    /// Text of up to [`INLINE`] bytes.
    Short(Short),
    /// Longer text.
    Text(Box<str>),
    /// A list, an object, or an integer beyond `i64`.
    Json(Box<Value>),
}

/// Text of up to [`INLINE`] bytes, inline.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Short {
    len: u8,
    bytes: [u8; INLINE],
}

impl Short {
    fn new(s: &str) -> Option<Short> {
        (s.len() <= INLINE).then(|| {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Short {
                len: s.len() as u8,
                bytes,
            }
        })
    }

    fn as_str(&self) -> &str {
        // Only ever made from a `&str` of `len` bytes.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl Val {
    /// Text, inline when short.
    pub fn text(s: &str) -> Val {
        Short::new(s).map_or_else(|| Val::Text(s.into()), Val::Short)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Short(s) => Some(s.as_str()),
            Val::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_string(&self) -> bool {
        self.as_str().is_some()
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_number(&self) -> bool {
        match self {
            Val::Int(_) | Val::Float(_) => true,
            Val::Json(v) => v.is_number(),
            _ => false,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Val::Int(i) => Some(*i as f64),
            Val::Float(f) => Some(*f),
            Val::Json(v) => v.as_f64(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Val::Int(i) => u64::try_from(*i).ok(),
            Val::Json(v) => v.as_u64(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Val::Json(v) => v.as_array(),
            _ => None,
        }
    }

    /// A list or an object (or an integer beyond `i64`) as `serde_json` holds it; `None` for
    /// anything else.
    pub fn as_json(&self) -> Option<&Value> {
        match self {
            Val::Json(v) => Some(v),
            _ => None,
        }
    }

    /// The value as `serde_json` holds it (a copy).
    pub fn to_value(&self) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(i) => Value::from(*i),
            Val::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Val::Short(_) | Val::Text(_) => Value::String(self.as_str().unwrap_or("").to_string()),
            Val::Json(v) => (**v).clone(),
        }
    }
}

impl From<Value> for Val {
    fn from(v: Value) -> Val {
        match v {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(b),
            Value::Number(n) => match (n.as_i64(), n.is_f64()) {
                (Some(i), _) => Val::Int(i),
                (None, true) => Val::Float(n.as_f64().unwrap_or_default()),
                (None, false) => Val::Json(Box::new(Value::Number(n))),
            },
            Value::String(s) => match Short::new(&s) {
                Some(short) => Val::Short(short),
                None => Val::Text(s.into_boxed_str()),
            },
            other => Val::Json(Box::new(other)),
        }
    }
}

impl From<&Value> for Val {
    fn from(v: &Value) -> Val {
        match v {
            Value::String(s) => Val::text(s),
            Value::Array(_) | Value::Object(_) => Val::Json(Box::new(v.clone())),
            _ => Val::from(v.clone()),
        }
    }
}

impl PartialEq<Value> for Val {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Val::Null, Value::Null) => true,
            (Val::Bool(a), Value::Bool(b)) => a == b,
            (Val::Int(_) | Val::Float(_), Value::Number(_)) => self.to_value() == *other,
            (Val::Short(_) | Val::Text(_), Value::String(b)) => self.as_str() == Some(b.as_str()),
            (Val::Json(a), b) => **a == *b,
            _ => false,
        }
    }
}

impl fmt::Debug for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_value(), f)
    }
}

/// As JSON, the text `Value` would write.
impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_value(), f)
    }
}

impl Serialize for Val {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Val::Null => s.serialize_unit(),
            Val::Bool(b) => s.serialize_bool(*b),
            Val::Int(i) => s.serialize_i64(*i),
            Val::Float(f) => Value::from(*f).serialize(s),
            Val::Short(_) | Val::Text(_) => s.serialize_str(self.as_str().unwrap_or("")),
            Val::Json(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Val, D::Error> {
        Value::deserialize(d).map(Val::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::{shared, Editor, Field, Kind, Record};
    use crate::store::chunk::{decode, encode};
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn every_value_comes_back_as_it_was_and_writes_the_same_json() {
        for v in [
            json!(null),
            json!(true),
            json!(0),
            json!(-12),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.0),
            json!(2.5e-3),
            json!(""),
            json!("35.29.02.2004"),
            json!("exactly 14 b."),
            json!("fourteen bytes"),
            json!("fifteen bytes.."),
            json!("Keripik Singkong Bu Sri"),
            json!("ñ é 漢字 ok"),
            json!(["a", "b"]),
            json!({"sha256": "ab", "jenis": "produk"}),
        ] {
            let val = Val::from(v.clone());
            assert_eq!(val.to_value(), v);
            assert_eq!(Val::from(&v), val);
            assert!(val == v, "{v}");
            assert_eq!(serde_json::to_string(&val).unwrap(), v.to_string());
            assert_eq!(val.to_string(), v.to_string());
            let back: Val = serde_json::from_str(&v.to_string()).unwrap();
            assert_eq!(back, val);
        }
    }

    #[test]
    fn short_text_is_inline_and_numbers_keep_their_kind() {
        assert!(matches!(Val::text("fourteen bytes"), Val::Short(_)));
        assert!(matches!(Val::text("fifteen bytes.."), Val::Text(_)));
        assert_eq!(
            Val::text("fifteen bytes..").as_str(),
            Some("fifteen bytes..")
        );
        // 1 and 1.0 are different JSON, as they are to `Value`.
        assert_ne!(Val::from(json!(1)), Val::from(json!(1.0)));
        assert_eq!(Val::from(json!(7)).as_u64(), Some(7));
        assert_eq!(Val::from(json!(-7)).as_u64(), None);
        assert_eq!(Val::from(json!(u64::MAX)).as_u64(), Some(u64::MAX));
        assert_eq!(Val::from(json!(2.5)).as_f64(), Some(2.5));
    }

    /// Any JSON a field may hold: text of any length in any script (multi-byte characters
    /// around the 14 bytes held inline), integers across `i64` and `u64`, floats, and lists and
    /// objects of them.
    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e12f64..1e12).prop_map(Value::from),
            "[a-z0-9 .,-]{0,30}".prop_map(Value::String),
            "\\PC{0,20}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::vec(("[a-z]{1,6}", inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// What a record holds is what it was given, in memory, as JSON, and in a stored chunk.
        #[test]
        fn any_json_value_is_kept_as_it_was(v in json()) {
            let val = Val::from(v.clone());
            prop_assert_eq!(val.to_value(), v.clone());
            prop_assert!(val == v);
            prop_assert_eq!(&Val::from(&v), &val);
            let text = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(serde_json::to_string(&val).unwrap(), text.clone());
            prop_assert_eq!(&serde_json::from_str::<Val>(&text).unwrap(), &val);
            prop_assert_eq!(val.as_str(), v.as_str());
            prop_assert_eq!(val.as_u64(), v.as_u64());
            prop_assert_eq!(val.as_f64(), v.as_f64());
            prop_assert_eq!(val.as_bool(), v.as_bool());
            prop_assert_eq!(val.as_array(), v.as_array());

            let mut clock = Clock::new("d");
            let mut ed = Editor { clock: &mut clock, officer: "U", now_ms: 1 };
            let mut r = Record::new(Kind::Mitra, &mut ed);
            r.fields.insert("x", Field::new(val.clone(), r.created.clone(), None, vec![], shared("U")));
            let back = decode(&encode([&r])).unwrap();
            prop_assert_eq!(&back[0].fields["x"].value, &val);
        }
    }
}
