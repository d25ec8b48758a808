//! Records officers collect, as stored and shared.
//!
//! A record is a set of named fields; every field keeps its value, the stamp of the change that
//! set it, the stamp that change replaced, and the officer who made it. A delete is a field too
//! (`_deleted`), so it travels and merges like any edit and can be undone by another edit. Typed
//! views per kind (e.g. [`usaha`]) read and write these fields and hold the rules.

mod field;
pub mod fields;
pub mod hlc;
pub mod kinds;
pub mod klasifikasi;
mod links;
pub mod merge;
pub mod photo;
pub mod privasi;
pub mod rules;
pub mod schema;
pub mod usaha;
pub mod value;

use crate::i18n::{fill, Lang, Msg};
pub use field::{Field, Known};
pub use fields::{shared, Fields, Name};
use hlc::{Clock, Stamp};
pub use links::{is_links, link_element, over_stored};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
pub use value::Val;

/// The kinds of record, one IndexedDB object store each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Usaha,
    Sentra,
    SurveiDesa,
    Kawasan,
    Kegiatan,
    Mitra,
    Jejaring,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Usaha,
        Kind::Sentra,
        Kind::SurveiDesa,
        Kind::Kawasan,
        Kind::Kegiatan,
        Kind::Mitra,
        Kind::Jejaring,
    ];

    /// The kind's name for people (its page's title).
    pub fn label(self) -> Msg {
        match self {
            Kind::Usaha => Msg::NavUsaha,
            Kind::Sentra => Msg::NavSentra,
            Kind::SurveiDesa => Msg::NavSurvei,
            Kind::Kawasan => Msg::NavKawasan,
            Kind::Kegiatan => Msg::NavKegiatan,
            Kind::Mitra => Msg::NavMitra,
            Kind::Jejaring => Msg::NavJejaring,
        }
    }

    /// Object store name and bundle key.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Usaha => "usaha",
            Kind::Sentra => "sentra",
            Kind::SurveiDesa => "survei_desa",
            Kind::Kawasan => "kawasan",
            Kind::Kegiatan => "kegiatan",
            Kind::Mitra => "mitra",
            Kind::Jejaring => "jejaring",
        }
    }
}

pub const DELETED: &str = "_deleted";

/// A reason a form field cannot be saved, with the message shown beside the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub msg: Msg,
    /// Values for the message's placeholders.
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &'static str, msg: Msg) -> Self {
        FieldError {
            field,
            msg,
            args: Vec::new(),
        }
    }

    /// The message in `lang`, placeholders filled.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(self.msg.text(lang), &args)
    }
}

/// A record's id, shared: the records map's key, the Usaha index, the list's rows and the unsent
/// marks hold the record's own copy, not one each (issue 15: an id is about 50 bytes, and 50,000
/// Usaha held five copies of each, 12 MB). Read and written as a plain string.
pub type Id = std::sync::Arc<str>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Made on the device: `<device id>-<wall ms in hex>-<counter>`; unique without coordination.
    pub id: Id,
    pub kind: Kind,
    pub created: Stamp,
    /// Sorted by name ([`Fields`]).
    pub fields: Fields,
}

/// A field's label for people, whatever the kind (`None`: a field this version does not know).
/// A member field (`anggota/<id>`) has its links field's label; a photo field (`foto/<sha256>`)
/// of a kind that has photos is "Foto".
pub fn field_label(kind: Kind, key: &str) -> Option<Msg> {
    if key == DELETED {
        return Some(Msg::CountDeleted);
    }
    if photo::is_photo_field(key) {
        return photo::has_photos(kind).then_some(Msg::FieldFoto);
    }
    let key = link_element(kind, key).map_or(key, |(links, _)| links);
    if kind == Kind::Usaha && usaha::tahun_data_year(key).is_some() {
        return Some(Msg::FieldTahunData);
    }
    match kinds::schema(kind) {
        Some(schema) if key == "lon" => schema.field("lat").map(|_| Msg::FieldLon),
        Some(schema) => schema.field(key).map(|f| f.label),
        None => usaha::LABELS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, m)| *m),
    }
}

/// The JSON a field of a kind holds (`None`: a field this version does not know, which a newer
/// minor version of the bundle format may bring).
pub fn shape_of(kind: Kind, key: &str) -> Option<schema::Shape> {
    if key == DELETED {
        return Some(schema::Shape::YesNo);
    }
    match kinds::schema(kind) {
        Some(schema) if key == "lon" => schema.field("lat").map(|_| schema::Shape::Number),
        Some(schema) => schema.field(key).map(|f| f.ty.shape()),
        None => usaha::shape(key),
    }
}

/// Validated form values, as `Schema::validate` and `UsahaForm::validate` return them.
pub type FormValues = Vec<(&'static str, Value)>;

/// The fields whose text differs between two states of a form (any serialisable form: its fields
/// by name). `opened` is the form as it was opened, or the base a restored draft was typed over.
pub fn changed_fields<T: Serialize>(opened: &T, now: &T) -> BTreeSet<String> {
    let as_map = |form: &T| match serde_json::to_value(form) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (before, after) = (as_map(opened), as_map(now));
    before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect()
}

/// The values of the fields the officer changed (`None`: a new record, where every value
/// counts). A form opened before another tab or an import changed the record must not write
/// back its old copy of fields the officer did not touch.
pub fn changed_since(values: FormValues, changed: Option<&BTreeSet<String>>) -> FormValues {
    match changed {
        None => values,
        Some(changed) => values
            .into_iter()
            .filter(|(key, _)| changed.contains(*key))
            .collect(),
    }
}

/// Device ids and officer names by position, for the compact forms (stored chunks, bundles)
/// where each is written once and stamps refer to it.
#[derive(Default)]
pub(crate) struct NameList {
    pub list: Vec<String>,
    index: BTreeMap<String, u32>,
}

impl NameList {
    /// The position of `name`, added if new.
    pub fn of(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
}

/// Who is changing a record, and their clock.
pub struct Editor<'a> {
    pub clock: &'a mut Clock,
    pub officer: &'a str,
    pub now_ms: u64,
}

impl Record {
    pub fn new(kind: Kind, editor: &mut Editor) -> Record {
        let created = editor.clock.tick(editor.now_ms);
        let id = format!("{}-{:x}-{}", created.device, created.wall, created.counter);
        Record {
            id: id.into(),
            kind,
            created,
            fields: Fields::new(),
        }
    }

    pub fn get(&self, field: &str) -> Option<&Val> {
        self.fields
            .get(field)
            .map(|f| &f.value)
            .filter(|v| !v.is_null())
    }

    pub fn text(&self, field: &str) -> &str {
        self.get(field).and_then(Val::as_str).unwrap_or("")
    }

    pub fn number(&self, field: &str) -> Option<f64> {
        self.get(field).and_then(Val::as_f64)
    }

    /// Sets a field; a value equal to the current one is not a change and gets no stamp.
    /// Returns whether anything changed. A links field's value (a list of ids) is written as its
    /// members' fields ([`Record::links`]): `true` for each id added, `false` for each removed.
    pub fn set(&mut self, field: &str, value: impl Into<Val>, editor: &mut Editor) -> bool {
        let value = value.into();
        if is_links(self.kind, field) {
            return self.set_links(field, &value.to_value(), editor);
        }
        let current = self.fields.get(field);
        if current.map(|f| &f.value) == Some(&value) || (current.is_none() && value.is_null()) {
            return false;
        }
        self.write(field, value, Vec::new(), editor);
        true
    }

    /// Settles a conflict: sets the field to the value the officer picked (even if it is the
    /// current one), recording the conflicting changes it settles. It travels like any edit.
    pub fn settle(
        &mut self,
        field: &str,
        value: impl Into<Val>,
        losers: Vec<Stamp>,
        editor: &mut Editor,
    ) {
        self.write(field, value.into(), losers, editor);
    }

    pub(super) fn write(
        &mut self,
        field: &str,
        value: impl Into<Val>,
        mut settled: Vec<Stamp>,
        editor: &mut Editor,
    ) {
        let value = value.into();
        let current = self.fields.get(field);
        let (replaced, seen) = match current {
            // Over its own edit, a device keeps what that edit was made over.
            Some(f) if f.stamp.device == editor.clock.device => {
                (f.replaced().cloned(), f.settled().to_vec())
            }
            Some(f) => (Some(f.stamp.clone()), Vec::new()),
            None => (None, Vec::new()),
        };
        for s in seen {
            if !settled.contains(&s) {
                settled.push(s);
            }
        }
        let stamp = editor.clock.tick(editor.now_ms);
        self.fields.insert(
            field,
            Field::new(value, stamp, replaced, settled, shared(editor.officer)),
        );
    }

    /// Stores validated values (a `Null` clears a field); returns whether anything changed.
    pub fn apply(&mut self, values: Vec<(&'static str, Value)>, editor: &mut Editor) -> bool {
        let mut changed = false;
        for (field, value) in values {
            changed |= self.set(field, value, editor);
        }
        changed
    }

    pub fn is_deleted(&self) -> bool {
        self.get(DELETED).and_then(Val::as_bool).unwrap_or(false)
    }

    /// Deleting is an edit of `_deleted`; undo is another edit, so both travel in bundles.
    pub fn set_deleted(&mut self, deleted: bool, editor: &mut Editor) -> bool {
        self.set(DELETED, Value::Bool(deleted), editor)
    }

    /// The latest change: when and by whom.
    pub fn last_change(&self) -> (&Stamp, &str) {
        self.fields
            .values()
            .max_by(|a, b| a.stamp.cmp(&b.stamp))
            .map(|f| (&f.stamp, f.by.as_str()))
            .unwrap_or((&self.created, ""))
    }

    /// Every stamp in the record, for a clock to observe at start.
    pub fn stamps(&self) -> impl Iterator<Item = &Stamp> {
        std::iter::once(&self.created).chain(self.fields.values().map(|f| &f.stamp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(super) fn editor<'a>(clock: &'a mut Clock, now_ms: u64) -> Editor<'a> {
        Editor {
            clock,
            officer: "Petugas Uji",
            now_ms,
        }
    }

    #[test]
    fn every_change_is_stamped_with_what_it_replaced() {
        let mut clock = Clock::new("dev-a");
        let mut r = Record::new(Kind::Usaha, &mut editor(&mut clock, 1_000));
        assert_eq!(&*r.id, "dev-a-3e8-0");
        assert!(r.set("nama", json!("Batik Sekar"), &mut editor(&mut clock, 2_000)));
        let first = r.fields["nama"].stamp.clone();
        assert_eq!(r.fields["nama"].replaced(), None);
        assert!(
            !r.set("nama", json!("Batik Sekar"), &mut editor(&mut clock, 3_000)),
            "same value: no change"
        );
        assert!(r.set(
            "nama",
            json!("Batik Sekar Jaya"),
            &mut editor(&mut clock, 4_000)
        ));
        assert_eq!(
            r.fields["nama"].replaced(),
            None,
            "over its own edit, a device keeps what that edit was made over"
        );
        assert_ne!(r.fields["nama"].stamp, first);
        let second = r.fields["nama"].stamp.clone();
        // Another device edits over it: made over the second edit.
        let mut other = Clock::new("dev-b");
        other.observe(&second);
        r.set("nama", json!("Batik B"), &mut editor(&mut other, 5_000));
        assert_eq!(r.fields["nama"].replaced(), Some(&second));
        let from_b = r.fields["nama"].stamp.clone();
        clock.observe(&from_b);
        r.set(
            "nama",
            json!("Batik A lagi"),
            &mut editor(&mut clock, 6_000),
        );
        assert_eq!(r.fields["nama"].replaced(), Some(&from_b));
        assert_eq!(&*r.fields["nama"].by, "Petugas Uji");
        assert_eq!(r.text("nama"), "Batik A lagi");
        assert_eq!(r.last_change().0.wall, 6_000);
        assert!(
            !r.set("catatan", Value::Null, &mut editor(&mut clock, 5_000)),
            "clearing an absent field is no change"
        );
    }

    #[test]
    fn field_errors_fill_their_placeholders() {
        let e = FieldError {
            field: "nama",
            msg: Msg::ErrTooLong,
            args: vec![("max", "200".into())],
        };
        assert_eq!(
            e.text(Lang::Id),
            "Terlalu panjang: paling banyak 200 karakter."
        );
        assert_eq!(e.text(Lang::En), "Too long: at most 200 characters.");
        assert_eq!(
            FieldError::new("nib", Msg::ErrNib).text(Lang::Id),
            "NIB terdiri dari 13 angka."
        );
    }

    #[test]
    fn a_form_writes_only_what_the_officer_changed() {
        let opened: BTreeMap<&str, &str> =
            [("nama", "Batik"), ("status", "aktif"), ("catatan", "x")].into();
        let now: BTreeMap<&str, &str> = [
            ("nama", "Batik Sekar"),
            ("status", "aktif"),
            ("catatan", ""),
        ]
        .into();
        let changed = changed_fields(&opened, &now);
        assert_eq!(changed, ["catatan", "nama"].map(String::from).into());
        let values: FormValues = vec![
            ("nama", json!("Batik Sekar")),
            ("status", json!("aktif")),
            ("catatan", Value::Null),
        ];
        assert_eq!(
            changed_since(values.clone(), Some(&changed)),
            vec![("nama", json!("Batik Sekar")), ("catatan", Value::Null)],
            "a cleared field is a change; an untouched one is not written"
        );
        assert_eq!(
            changed_since(values.clone(), None),
            values,
            "a new record: everything"
        );
    }

    #[test]
    fn delete_and_undo_are_edits() {
        let mut clock = Clock::new("dev-a");
        let mut r = Record::new(Kind::Sentra, &mut editor(&mut clock, 1));
        assert!(!r.is_deleted());
        r.set_deleted(true, &mut editor(&mut clock, 2));
        assert!(r.is_deleted());
        let tomb = r.fields[DELETED].stamp.clone();
        // Undone on another device that received the delete: made over the tombstone.
        let mut b = Clock::new("dev-b");
        r.set_deleted(false, &mut editor(&mut b, 3));
        assert!(!r.is_deleted());
        assert_eq!(r.fields[DELETED].replaced(), Some(&tomb));
    }

    #[test]
    fn records_round_trip_through_json() {
        let mut clock = Clock::new("dev-a");
        let mut r = Record::new(Kind::SurveiDesa, &mut editor(&mut clock, 1));
        r.set("desa", json!("35.29.04.2006"), &mut editor(&mut clock, 2));
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.contains("\"kind\":\"survei_desa\""));
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), r);
    }
}
