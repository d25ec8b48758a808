//! A field of a record: its value and the change that set it.

use super::hlc::Stamp;
use super::Val;
use crate::model::Name;
use serde::{Deserialize, Serialize};

/// One field's value and the change that set it. Serialised as a map of `value`, `stamp`,
/// `replaced` (when some), `settled` (when not empty) and `by`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "FieldForm")]
pub struct Field {
    pub value: Val,
    pub stamp: Stamp,
    /// What the change knew besides its own device's earlier changes ([`Known`]); `None` when
    /// nothing, as for most fields (set once, or only ever by one device). Boxed: a field's entry
    /// in memory was 72 bytes on the wasm instead of 104, and 50,000 Usaha of 12 fields hold
    /// 600,000 of them (issue 15); with names thin ([`super::Name`]) it is 56 (`tests/web.rs`).
    pub known: Option<Box<Known>>,
    /// Officer who made the change (shared like the device in a stamp).
    pub by: Name,
}

/// What a change was made knowing, besides its own device's earlier changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    /// The stamp of the value this change was made over, as the device saw it (`None`: the field
    /// was new). A device's run of its own edits keeps the stamp its first edit was made over: a
    /// device always sees its own changes, and this way another device holding that older value
    /// can still tell the newer one descends from it. Two changes of which neither was made over
    /// the other are a conflict ([`super::merge`]).
    pub replaced: Option<Stamp>,
    /// Conflicting changes this change settled (the officer picked a value in the conflict
    /// inbox): it was made knowing them, so they no longer conflict with it anywhere.
    pub settled: Vec<Stamp>,
}

impl Field {
    pub fn new(
        value: impl Into<Val>,
        stamp: Stamp,
        replaced: Option<Stamp>,
        settled: Vec<Stamp>,
        by: Name,
    ) -> Field {
        let known = (replaced.is_some() || !settled.is_empty())
            .then(|| Box::new(Known { replaced, settled }));
        Field {
            value: value.into(),
            stamp,
            known,
            by,
        }
    }

    /// The stamp the change was made over ([`Known::replaced`]).
    pub fn replaced(&self) -> Option<&Stamp> {
        self.known.as_ref().and_then(|k| k.replaced.as_ref())
    }

    /// The conflicting changes it settled ([`Known::settled`]).
    pub fn settled(&self) -> &[Stamp] {
        self.known.as_ref().map_or(&[], |k| &k.settled)
    }
}

/// A field as read (the map it always was).
#[derive(Deserialize)]
struct FieldForm {
    value: Val,
    stamp: Stamp,
    #[serde(default)]
    replaced: Option<Stamp>,
    #[serde(default)]
    settled: Vec<Stamp>,
    by: Name,
}

impl From<FieldForm> for Field {
    fn from(f: FieldForm) -> Field {
        Field::new(f.value, f.stamp, f.replaced, f.settled, f.by)
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Form<'a> {
            value: &'a Val,
            stamp: &'a Stamp,
            #[serde(skip_serializing_if = "Option::is_none")]
            replaced: Option<&'a Stamp>,
            #[serde(skip_serializing_if = "<[Stamp]>::is_empty")]
            settled: &'a [Stamp],
            by: &'a Name,
        }
        Form {
            value: &self.value,
            stamp: &self.stamp,
            replaced: self.replaced(),
            settled: self.settled(),
            by: &self.by,
        }
        .serialize(s)
    }
}
