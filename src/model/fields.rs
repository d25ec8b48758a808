//! A record's fields: one list sorted by name, in one allocation.
//!
//! It was a `BTreeMap<String, Field>`. The merge walks two records' fields side by side, and
//! measured natively over 50,000 records × 30 fields (README), walking two B-trees and comparing
//! stamps took 90 ms, the same over sorted lists 33 ms: a B-tree's nodes are scattered and mostly
//! empty at 30 entries, a list is read in order. A record has tens of fields, so an insert that
//! shifts the ones after it costs less than a tree's node. Serialised exactly as the map was (a
//! map in name order), so stored records, bundles and the conflict inbox read the same.
//!
//! Field names are shared ([`shared`]): every record's `nama` is one allocation, so the merge
//! tells two names equal by their address without reading them, and 50,000 records do not hold
//! 1.5 million copies of 30 names. Device ids and officers' names are shared the same way, so
//! stamps read from a bundle compare with stored ones by address too. Stored chunks are decoded with their names read in place and
//! looked up here: decoding 50,000 × 30 natively went from 560 to 440 ms.

use super::Field;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// Names shared at most; beyond them (only files full of made-up names get there) a name gets an
/// allocation of its own, as before, and compares by its text.
const SHARED_NAMES: usize = 4_096;

/// A shared name: a thin pointer (4 bytes on the wasm, not `Arc<str>`'s 8), as every field's
/// entry holds three of them (its name, its stamp's device, its officer): 50,000 Usaha of 12
/// fields hold 1.8 million, and each entry is 16 bytes smaller for it (issue 15).
pub type Name = Arc<String>;

/// A [`Name`] in the set of shared ones, found by its text.
#[derive(PartialEq, Eq, Hash)]
struct Known(Name);

impl std::borrow::Borrow<str> for Known {
    fn borrow(&self) -> &str {
        &self.0
    }
}

thread_local! {
    static NAMES: RefCell<HashSet<Known, BuildHasherDefault<Fnv>>> = RefCell::default();
}

/// FNV-1a: names are short and few, and loading 50,000 records looks up 1.5 million of them;
/// with SipHash, the default, decoding them took 10 % longer.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The shared copy of a name: a field's, a device's, an officer's (one per thread).
pub fn shared(key: &str) -> Name {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(shared) = names.get(key) {
            return shared.0.clone();
        }
        let new: Name = Arc::new(key.to_string());
        if names.len() < SHARED_NAMES {
            names.insert(Known(new.clone()));
        }
        new
    })
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields(Vec<(Name, Field)>);

impl Fields {
    pub fn new() -> Self {
        Fields(Vec::new())
    }

    /// Room for `n` fields in one allocation (reading a record whose fields are counted).
    pub fn with_capacity(n: usize) -> Self {
        Fields(Vec::with_capacity(n))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&Field> {
        self.position(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.position(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `field`; returns the field it replaced, if any.
    pub fn insert(&mut self, key: &str, field: Field) -> Option<Field> {
        // Stored records and bundles list fields in name order: each one goes last.
        if self.0.last().is_none_or(|(last, _)| last.as_str() < key) {
            self.0.push((shared(key), field));
            return None;
        }
        match self.position(key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, field)),
            Err(i) => {
                self.0.insert(i, (shared(key), field));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Field> {
        self.position(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Name and field, in name order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.0.iter())
    }

    /// Name and field of every field whose name begins with `prefix`, in name order (the
    /// element fields of a links field, `anggota/<id>`: they sort together).
    pub fn prefixed<'a, 'p>(
        &'a self,
        prefix: &'p str,
    ) -> impl Iterator<Item = (&'a str, &'a Field)> + use<'a, 'p> {
        let start = self.0.partition_point(|(k, _)| k.as_str() < prefix);
        self.0[start..]
            .iter()
            .map(|(k, f)| (k.as_str(), f))
            .take_while(move |(k, _)| k.starts_with(prefix))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Field> + ExactSizeIterator {
        self.0.iter().map(|(_, f)| f)
    }

    /// The list itself, for the merge's walk (it keeps the order: names are not changed).
    pub(crate) fn entries_mut(&mut self) -> &mut [(Name, Field)] {
        &mut self.0
    }

    pub(crate) fn entries(&self) -> &[(Name, Field)] {
        &self.0
    }

    /// Adds fields whose names are not here yet (the merge's fields only the other copy had).
    pub(crate) fn add_new(&mut self, new: impl IntoIterator<Item = (Name, Field)>) {
        let before = self.0.len();
        self.0.extend(new);
        if self.0.len() > before {
            // Both parts are sorted and share no name: a stable sort merges them.
            by_name(&mut self.0);
        }
    }
}

/// Sorts fields by name, stable: the merge runs this for every record, so it keeps the standard
/// sort inlined (one copy for both callers) rather than `crate::sort`'s indirect one.
fn by_name(list: &mut [(Name, Field)]) {
    list.sort_by(|(a, _), (b, _)| a.cmp(b));
}

/// Like a map built from pairs: sorted by name, the last of a repeated name kept.
impl<K: AsRef<str>> FromIterator<(K, Field)> for Fields {
    fn from_iter<I: IntoIterator<Item = (K, Field)>>(pairs: I) -> Self {
        let mut list: Vec<(Name, Field)> = pairs
            .into_iter()
            .map(|(k, f)| (shared(k.as_ref()), f))
            .collect();
        if !list.is_sorted_by(|(a, _), (b, _)| a < b) {
            // Stable: of a repeated name, the last comes last and is the one kept.
            by_name(&mut list);
            let mut kept: Vec<(Name, Field)> = Vec::with_capacity(list.len());
            for pair in list {
                match kept.last_mut() {
                    Some(last) if last.0 == pair.0 => *last = pair,
                    _ => kept.push(pair),
                }
            }
            list = kept;
        }
        Fields(list)
    }
}

impl std::ops::Index<&str> for Fields {
    type Output = Field;

    fn index(&self, key: &str) -> &Field {
        self.get(key)
            .unwrap_or_else(|| panic!("no field {key:?} in the record"))
    }
}

pub struct Iter<'a>(std::slice::Iter<'a, (Name, Field)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a Field);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, f)| (k.as_str(), f))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, f)| (k.as_str(), f))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a str, &'a Field);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// A map in name order, as `BTreeMap<String, Field>` wrote it.
impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// Any map of fields, as `BTreeMap<String, Field>` read it (in any order; of a repeated name,
/// the last).
impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<String, Field>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Stamp;
    use serde_json::{json, Value};

    fn field(v: Value, wall: u64) -> Field {
        Field::new(
            v,
            Stamp {
                wall,
                counter: 0,
                device: shared("d"),
            },
            None,
            Vec::new(),
            shared("o"),
        )
    }

    #[test]
    fn kept_sorted_by_name_like_a_map() {
        let mut f = Fields::new();
        assert!(f.insert("status", field(json!("aktif"), 1)).is_none());
        assert!(f.insert("nama", field(json!("Batik"), 2)).is_none());
        assert!(f.insert("_deleted", field(json!(false), 3)).is_none());
        let old = f.insert("nama", field(json!("Batik Sekar"), 4));
        assert_eq!(old.map(|o| o.value.to_value()), Some(json!("Batik")));
        assert_eq!(f.keys().collect::<Vec<_>>(), ["_deleted", "nama", "status"]);
        assert_eq!(f["nama"].value, json!("Batik Sekar"));
        assert!(f.get("alamat").is_none() && f.contains_key("status"));
        assert_eq!(f.remove("status").map(|o| o.stamp.wall), Some(1));
        assert_eq!(f.len(), 2);
        let from_pairs: Fields = [
            ("b".to_string(), field(json!(1), 1)),
            ("a".to_string(), field(json!(2), 2)),
            ("b".to_string(), field(json!(3), 3)),
        ]
        .into_iter()
        .collect();
        let pairs: Vec<(&str, Value)> = from_pairs
            .iter()
            .map(|(k, f)| (k, f.value.to_value()))
            .collect();
        assert_eq!(pairs, [("a", json!(2)), ("b", json!(3))], "the last b kept");
    }

    #[test]
    fn names_are_shared() {
        let one: Fields = [("nama", field(json!("a"), 1))].into_iter().collect();
        let mut two = Fields::new();
        two.insert(&String::from("nama"), field(json!("b"), 2));
        assert!(Arc::ptr_eq(&one.entries()[0].0, &two.entries()[0].0));
    }

    #[test]
    fn serialised_exactly_as_the_map_was() {
        let pairs = [
            ("status".to_string(), field(json!("aktif"), 1)),
            ("nama".to_string(), field(json!("Batik"), 2)),
        ];
        let map: BTreeMap<String, Field> = pairs.clone().into_iter().collect();
        let fields: Fields = pairs.into_iter().collect();
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(serde_json::to_string(&fields).unwrap(), json);
        assert_eq!(
            postcard::to_allocvec(&fields).unwrap(),
            postcard::to_allocvec(&map).unwrap()
        );
        assert_eq!(serde_json::from_str::<Fields>(&json).unwrap(), fields);
        // Out of order and repeated, as a hand-edited file might be: read as the map read it.
        let odd = r#"{"status":{"value":1,"stamp":{"wall":1,"counter":0,"device":"d"},"by":"o"},
                      "nama":{"value":2,"stamp":{"wall":2,"counter":0,"device":"d"},"by":"o"},
                      "status":{"value":3,"stamp":{"wall":3,"counter":0,"device":"d"},"by":"o"}}"#;
        let as_map: BTreeMap<String, Field> = serde_json::from_str(odd).unwrap();
        let as_fields: Fields = serde_json::from_str(odd).unwrap();
        assert_eq!(as_fields, as_map.into_iter().collect::<Fields>());
        assert_eq!(as_fields["status"].value, json!(3));
    }
}
