//! Names for what records store: regions by name, linked records by title, choices by label.
//! Pure (no browser): the pages show records through it, and exports write them with it.

use crate::format;
use crate::i18n::{Lang, Msg};
use crate::model::kinds;
use crate::model::privasi::mask_phone;
use crate::model::schema::{list_of, plain_text, FieldSpec, Ty};
use crate::model::{Kind, Record};
use crate::wilayah::{Gazetteer, RegionIndex};
use serde_json::Value;
use std::collections::BTreeMap;

/// Names for what records store: regions by name, linked records by title, choices by label.
pub struct Lookup<'a> {
    pub lang: Lang,
    pub gazetteer: &'a Gazetteer,
    pub index: Option<&'a RegionIndex>,
    pub all: &'a BTreeMap<String, Record>,
}

impl Lookup<'_> {
    /// What names a record in lists and links.
    pub fn title(&self, r: &Record) -> String {
        let title = match kinds::schema(r.kind) {
            None => r.text("nama").to_string(),
            Some(schema) => schema
                .title_fields
                .iter()
                .filter_map(|key| {
                    let spec = schema.field(key)?;
                    let v = r.get(key)?;
                    Some(self.shown(spec, v, false))
                })
                .collect::<Vec<_>>()
                .join(" — "),
        };
        if title.trim().is_empty() {
            Msg::RecordUnnamed.text(self.lang).to_string()
        } else {
            title
        }
    }

    /// The title of the linked record of `kind`. A link to a record of another kind (a damaged
    /// or hand-made bundle) is shown as gone: following it could loop through links forever.
    pub fn linked_title(&self, kind: Kind, id: &str) -> String {
        match self.all.get(id) {
            Some(r) if r.kind == kind && !r.is_deleted() => self.title(r),
            _ => Msg::LinkGone.text(self.lang).to_string(),
        }
    }

    /// A record's field as shown (`None`: empty): [`Lookup::shown`] of its value, or for links
    /// the titles of its members ([`Record::links`]).
    pub fn shown_field(&self, r: &Record, spec: &FieldSpec, masked: bool) -> Option<String> {
        match spec.ty {
            Ty::Links(kind) => {
                let ids = r.links(spec.key);
                (!ids.is_empty()).then(|| self.linked_titles(kind, ids))
            }
            _ => Some(self.shown(spec, r.get(spec.key)?, masked)),
        }
    }

    fn linked_titles<'i>(&self, kind: Kind, ids: impl IntoIterator<Item = &'i str>) -> String {
        ids.into_iter()
            .map(|id| self.linked_title(kind, id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A stored value as shown; phone numbers masked when `masked`. A links value is a list of
    /// ids (as an old version stored it, or a conflict on it shows): a record's members are
    /// shown by [`Lookup::shown_field`].
    pub fn shown(&self, spec: &FieldSpec, v: &Value, masked: bool) -> String {
        let code = v.as_str().unwrap_or_default();
        match spec.ty {
            Ty::Desa => self
                .gazetteer
                .village(code)
                .map_or_else(|| code.to_string(), |v| v.place()),
            Ty::Kecamatan => self
                .gazetteer
                .kecamatan_name(code)
                .map_or_else(|| code.to_string(), |n| format!("Kec. {n}")),
            Ty::Kabupaten => self
                .index
                .and_then(|i| i.kabupaten(code))
                .map_or_else(|| code.to_string(), |k| k.name.clone()),
            Ty::Link(kind) => self.linked_title(kind, code),
            Ty::Links(kind) => self.linked_titles(kind, list_of(Some(v))),
            Ty::Phone if masked => mask_phone(code),
            Ty::Date { .. } => format::date(code, self.lang),
            Ty::Rupiah => v
                .as_u64()
                .map_or_else(String::new, |n| format::rupiah(n, self.lang)),
            Ty::Hectare => v
                .as_f64()
                .map_or_else(String::new, |h| format::hectares(h, self.lang)),
            _ => plain_text(spec, v, |m| m.text(self.lang)),
        }
    }
}
