//! Record kinds described as data: each kind's sections and fields, the type of each field, and
//! the rules that go beyond one field. One form, one list and one detail view in the web layer
//! read these descriptions, so a new field is a line here rather than a new view tree.
//!
//! What the officer types is kept as text in a [`Form`] (drafts store it as is; a failed save
//! keeps every character); [`Schema::validate`] turns it into the values stored on a [`Record`],
//! or every reason it cannot be saved.

use super::rules::{
    coordinates, hectares, plausible_date, rupiah, valid_phone, whole_number, Today,
};
use super::{kinds, FieldError, Kind, Record, Val};
use crate::i18n::Msg;
use crate::wilayah::is_code;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

mod parse;
mod shown;
use parse::{non_null, parse};
pub use shown::{filter_choices, filter_value, plain_text, NOT_KNOWN};

/// One option of a choice: the stored key and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub key: &'static str,
    pub label: Msg,
}

/// Separates the keys of a multiple choice or the ids of several linked records in a form.
pub const LIST_SEP: char = ',';

/// Joins a links field's name and a member's id in the name of that member's field
/// (`anggota/<id>`, see [`Record::links`]).
pub const ELEMENT_SEP: char = '/';

/// What a field holds, how it is typed and how it is checked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Notes: several lines, at most 5,000 characters.
    Note,
    Phone,
    /// One of the options, stored as its key.
    Choice(&'static [Choice]),
    /// Any of the options, stored as a list of keys.
    Flags(&'static [Choice]),
    /// Yes or no ("ya"/"tidak" in the form), stored as a boolean.
    YesNo,
    /// Whole rupiah, not negative.
    Rupiah,
    /// A year from 1900 up to this many years after the current one.
    Year {
        ahead: i32,
    },
    /// A date from 2000 up to today, or, when `future`, up to the end of the fifth year ahead.
    Date {
        future: bool,
    },
    /// A whole number, zero or more.
    Count,
    /// An area in hectares, not negative.
    Hectare,
    /// Region codes, chosen in a picker.
    Desa,
    Kecamatan,
    Kabupaten,
    /// A commodity from the curated list, or free text.
    Komoditas,
    /// Another record of this kind, stored as its id.
    Link(Kind),
    /// Other records of this kind: a set of ids, stored as one field per member
    /// ([`Record::links`]); the form and [`values_of`] show it as a list.
    Links(Kind),
    /// A GPS point: the form's `lat` and `lon`, checked together. The field's key is `lat`.
    Gps,
}

/// The JSON a stored value holds, whatever the field: what a received file's values are checked
/// against before the form's rules (a name that is a number, a note that is a list are refused),
/// and what docs/bundle-format.md lists for each field of each kind. `null` clears any field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A JSON string.
    Text,
    /// `true` or `false`.
    YesNo,
    /// A whole number, zero or more (rupiah, counts, years).
    Whole,
    /// Any JSON number (hectares, coordinates).
    Number,
    /// A list of strings (the keys of a multiple choice, linked record ids).
    TextList,
}

impl Shape {
    pub fn fits(self, v: &Val) -> bool {
        match self {
            Shape::Text => v.is_string(),
            Shape::YesNo => v.as_bool().is_some(),
            Shape::Whole => v.as_u64().is_some(),
            Shape::Number => v.is_number(),
            Shape::TextList => v
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
        }
    }

    /// Its name for people (in a refused file's message).
    pub fn label(self) -> Msg {
        match self {
            Shape::Text => Msg::ShapeText,
            Shape::YesNo => Msg::ShapeYesNo,
            Shape::Whole => Msg::ShapeWhole,
            Shape::Number => Msg::ShapeNumber,
            Shape::TextList => Msg::ShapeTextList,
        }
    }

    /// Its name in docs/bundle-format.md.
    pub fn doc_name(self) -> &'static str {
        match self {
            Shape::Text => "text",
            Shape::YesNo => "true/false",
            Shape::Whole => "whole number",
            Shape::Number => "number",
            Shape::TextList => "list of texts",
        }
    }
}

impl Ty {
    /// The JSON its stored values hold.
    pub fn shape(self) -> Shape {
        match self {
            Ty::Text(_)
            | Ty::Note
            | Ty::Phone
            | Ty::Choice(_)
            | Ty::Date { .. }
            | Ty::Desa
            | Ty::Kecamatan
            | Ty::Kabupaten
            | Ty::Komoditas
            | Ty::Link(_) => Shape::Text,
            Ty::Flags(_) | Ty::Links(_) => Shape::TextList,
            Ty::YesNo => Shape::YesNo,
            Ty::Rupiah | Ty::Count | Ty::Year { .. } => Shape::Whole,
            Ty::Hectare | Ty::Gps => Shape::Number,
        }
    }
}

/// When a field applies, described as data: a form shows, checks and saves a field only while its
/// condition holds. A hidden field keeps what was typed in the form (and its draft), so switching
/// back brings it back; saved, it is empty (a stored value is cleared): what is saved is what the
/// officer sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Another field holds one of these keys.
    Is(&'static str, &'static [&'static str]),
    /// Another field names a food or drink commodity of the list ([`crate::komoditas`]), or a
    /// commodity not on it (free text: it may be food). Empty: not shown.
    Food(&'static str),
}

impl When {
    /// Whether the condition holds for a form whose fields `get` reads.
    pub fn holds<'a>(self, get: impl Fn(&str) -> &'a str) -> bool {
        match self {
            When::Is(field, keys) => keys.contains(&get(field)),
            When::Food(field) => {
                let typed = get(field);
                !typed.trim().is_empty()
                    && crate::komoditas::by_name(typed)
                        .is_none_or(|k| k.group == crate::komoditas::PodesGroup::MakananMinuman)
            }
        }
    }
}

/// What a new form's field starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// This text (a choice's key).
    Text(&'static str),
    /// Today's date (a visit is mostly recorded on its day).
    Today,
}

#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: Msg,
    pub ty: Ty,
    pub required: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Section {
    pub title: Msg,
    pub fields: &'static [FieldSpec],
}

/// A record's stored values by field name (non-null only).
pub type Values = BTreeMap<String, Value>;

/// One kind of record, described.
pub struct Schema {
    pub kind: Kind,
    /// The route: `/<path>`, `/<path>/baru`, `/<path>/<id>`, `/<path>/<id>/ubah`.
    pub path: &'static str,
    /// The page heading (also the navigation label).
    pub title: Msg,
    /// A new record's form heading ("Sentra baru").
    pub new_title: Msg,
    pub intro: Msg,
    pub empty: Msg,
    pub sections: &'static [Section],
    /// Fields whose shown values, joined, name a record in lists and links.
    pub title_fields: &'static [&'static str],
    /// The second line of a list row.
    pub meta: &'static [&'static str],
    /// A choice field shown as a chip and offered as a list filter.
    pub status: Option<&'static str>,
    /// More fields the list offers as filters: choices, yes/no (with "not known") and the
    /// kabupaten/kota ([`filter_value`]).
    pub filters: &'static [&'static str],
    /// What a new form starts with.
    pub defaults: &'static [(&'static str, Start)],
    /// Rules across fields, run on the parsed values.
    /// Not applied to received bundles (see [`Schema::field_errors`]).
    pub check: fn(&Values, &mut Vec<FieldError>),
    /// Points worth the officer's attention that do not stop a save.
    pub warnings: fn(&Values) -> Vec<FieldError>,
}

pub fn no_check(_: &Values, _: &mut Vec<FieldError>) {}

pub fn no_warnings(_: &Values) -> Vec<FieldError> {
    Vec::new()
}

/// The form as typed: field name → text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Form(pub BTreeMap<String, String>);

impl Form {
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    pub fn set(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }

    /// The items of a multiple choice or a link list.
    pub fn list(&self, key: &str) -> Vec<&str> {
        split_list(self.get(key))
    }
}

pub fn split_list(text: &str) -> Vec<&str> {
    text.split(LIST_SEP)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A record's stored non-null values; a links field as the list of its members
/// ([`Record::links`]), in place of its member fields.
pub fn values_of(r: &Record) -> Values {
    let links: Vec<&str> = kinds::schema(r.kind)
        .map(|s| s.links().map(|f| f.key).collect())
        .unwrap_or_default();
    let is_links_part = |k: &str| {
        links.iter().any(|l| {
            k == *l
                || k.strip_prefix(l)
                    .is_some_and(|r| r.starts_with(ELEMENT_SEP))
        })
    };
    let mut values: Values = r
        .fields
        .iter()
        .filter(|(k, f)| !f.value.is_null() && !is_links_part(k))
        .map(|(k, f)| (k.to_string(), f.value.to_value()))
        .collect();
    for key in links {
        let ids = r.links(key);
        if !ids.is_empty() {
            values.insert(key.to_string(), json!(ids));
        }
    }
    values
}

/// The strings of a stored list (flags or links).
pub fn list_of(value: Option<&Value>) -> Vec<&str> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn err(field: &'static str, msg: Msg) -> FieldError {
    FieldError::new(field, msg)
}

impl Schema {
    pub fn fields(&self) -> impl Iterator<Item = &'static FieldSpec> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields().find(|f| f.key == key)
    }

    /// The links fields (lists of record ids).
    pub fn links(&self) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields().filter(|f| matches!(f.ty, Ty::Links(_)))
    }

    /// The first field of a type, e.g. the desa that places a record.
    pub fn field_of(&self, wanted: fn(&Ty) -> bool) -> Option<&'static FieldSpec> {
        self.fields().find(|f| wanted(&f.ty))
    }

    /// A new, empty form with this kind's defaults.
    pub fn new_form(&self, today: &Today) -> Form {
        Form(
            self.defaults
                .iter()
                .map(|(k, start)| {
                    let text = match start {
                        Start::Text(text) => text.to_string(),
                        Start::Today => today.iso.clone(),
                    };
                    (k.to_string(), text)
                })
                .collect(),
        )
    }

    /// The form showing a stored record, for editing.
    pub fn form_of(&self, r: &Record) -> Form {
        let mut form = Form::default();
        for spec in self.fields() {
            let keys: &[&str] = if spec.ty == Ty::Gps {
                &["lat", "lon"]
            } else {
                std::slice::from_ref(&spec.key)
            };
            if let Ty::Links(_) = spec.ty {
                let ids = r.links(spec.key);
                if !ids.is_empty() {
                    form.set(spec.key, ids.join(&LIST_SEP.to_string()));
                }
                continue;
            }
            for &key in keys {
                let Some(v) = r.get(key) else { continue };
                let text = match (spec.ty, v, v.as_str()) {
                    (Ty::YesNo, Val::Bool(b), _) => (if *b { "ya" } else { "tidak" }).to_string(),
                    // With a decimal comma, as typed: "2.125" reads as two thousand one hundred
                    // and twenty-five and is refused as ambiguous (`rules::hectares`).
                    (Ty::Hectare, n, _) if n.is_number() => n.to_string().replace('.', ","),
                    (Ty::Flags(_), _, _) if v.as_array().is_some() => {
                        list_of(v.as_json()).join(&LIST_SEP.to_string())
                    }
                    (_, _, Some(s)) => s.to_string(),
                    (_, other, None) => other.to_string(),
                };
                form.set(key, text);
            }
        }
        form
    }

    /// Checks every field and the rules across fields. Returns the values to store (`Null`
    /// clears a field), or every reason the form cannot be saved.
    pub fn validate(
        &self,
        form: &Form,
        today: &Today,
    ) -> Result<Vec<(&'static str, Value)>, Vec<FieldError>> {
        let (values, mut errors) = self.parse_all(form, today);
        (self.check)(&non_null(&values), &mut errors);
        if errors.is_empty() {
            Ok(values)
        } else {
            Err(errors)
        }
    }

    /// The reasons single fields cannot be stored, without the rules across fields (for records
    /// received from elsewhere: per-field merging can combine two valid edits into a pair the
    /// form would refuse, and such a record must still load).
    pub fn field_errors(&self, form: &Form, today: &Today) -> Vec<FieldError> {
        self.parse_all(form, today).1
    }

    #[cfg(test)]
    pub(crate) fn parse_all_for_test(
        &self,
        form: &Form,
        today: &Today,
    ) -> Vec<(&'static str, Value)> {
        self.parse_all(form, today).0
    }

    /// A stored record's reasons it cannot be taken in ([`Schema::field_errors`] of the form it
    /// shows), with its links' member fields first: each a `true` or `false` under a valid id.
    pub fn record_errors(&self, r: &Record, today: &Today) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = self
            .links()
            .filter(|spec| {
                let prefix = format!("{}{ELEMENT_SEP}", spec.key);
                let bad = r.fields.prefixed(&prefix).any(|(name, f)| {
                    f.value.as_bool().is_none() || !valid_id(&name[prefix.len()..])
                });
                bad
            })
            .map(|spec| err(spec.key, Msg::ErrPickRequired))
            .collect();
        errors.extend(self.field_errors(&self.form_of(r), today));
        errors
    }

    /// The warnings for a form being typed, from the fields that already parse.
    pub fn form_warnings(&self, form: &Form, today: &Today) -> Vec<FieldError> {
        (self.warnings)(&non_null(&self.parse_all(form, today).0))
    }

    /// Each field parsed on its own: the values that parse, and the reasons for those that do not.
    fn parse_all(
        &self,
        form: &Form,
        today: &Today,
    ) -> (Vec<(&'static str, Value)>, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut values: Vec<(&'static str, Value)> = Vec::new();
        for spec in self.fields() {
            let raw = form.get(spec.key).trim();
            if spec.ty == Ty::Gps {
                match coordinates(form.get("lat"), form.get("lon")) {
                    Ok(point) => {
                        values.push(("lat", point.map_or(Value::Null, |(lat, _)| json!(lat))));
                        values.push(("lon", point.map_or(Value::Null, |(_, lon)| json!(lon))));
                    }
                    Err(msg) => errors.push(err("lat", msg)),
                }
                continue;
            }
            let empty = match spec.ty {
                Ty::Flags(_) | Ty::Links(_) => split_list(raw).is_empty(),
                _ => raw.is_empty(),
            };
            if empty {
                if spec.required {
                    errors.push(err(
                        spec.key,
                        match spec.ty {
                            Ty::Desa => Msg::ErrDesaRequired,
                            Ty::Choice(_) | Ty::YesNo => Msg::ErrChoice,
                            Ty::Link(_) | Ty::Links(_) | Ty::Kecamatan | Ty::Kabupaten => {
                                Msg::ErrPickRequired
                            }
                            _ => Msg::ErrRequired,
                        },
                    ));
                }
                values.push((spec.key, Value::Null));
                continue;
            }
            match parse(spec, raw, today) {
                Ok(v) => values.push((spec.key, v)),
                Err(e) => errors.push(e),
            }
        }
        (values, errors)
    }
}

/// A record id as devices make them: letters, digits and dashes, not too long. A received record
/// whose id is anything else is refused (it could not be opened as a page, nor shown safely).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 100 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
