//! Links between records (a sentra's members `anggota`, a kegiatan's participants `peserta`)
//! as sets that merge: each membership is a field of its own, `<links field>/<id>`, `true` a
//! member and `false` removed. The merge of fields ([`super::merge`]) is then the merge of sets:
//! two officers adding different members change different fields and both additions stay;
//! adding and removing one member at once is a conflict on that member's field, reported like
//! any other. Versions before this kept the whole list in one field (bundle format 1.0); such a
//! list still counts, member by member, where it is later than the member's own field.

use super::hlc::Stamp;
use super::{kinds, schema, Editor, Kind, Record, Val};
use serde_json::Value;
use std::collections::BTreeSet;

/// Whether `key` is a links field of `kind` (a list of record ids, kept as one field per
/// member: [`Record::links`]).
pub fn is_links(kind: Kind, key: &str) -> bool {
    kinds::schema(kind)
        .and_then(|s| s.field(key))
        .is_some_and(|f| matches!(f.ty, schema::Ty::Links(_)))
}

/// The start of the names of a links field's member fields: `anggota/`.
fn element_prefix(key: &str) -> String {
    format!("{key}{}", schema::ELEMENT_SEP)
}

/// The links field and the id a member field (`anggota/<id>`) of `kind` stands for.
pub fn link_element(kind: Kind, key: &str) -> Option<(&str, &str)> {
    key.split_once(schema::ELEMENT_SEP)
        .filter(|(links, _)| is_links(kind, links))
}

/// A form's validated values made ready for the record as stored now: a links field's list
/// becomes the record's members now, with the ids the officer added since the form opened
/// (`opened`: the form then, or the base a restored draft was typed over) and without those they
/// removed. Members another tab or an import added or removed meanwhile stay so, as the fields
/// the officer did not touch do ([`super::changed_since`]).
pub fn over_stored<T: serde::Serialize>(
    mut values: super::FormValues,
    opened: &T,
    stored: &Record,
) -> super::FormValues {
    let opened = serde_json::to_value(opened).unwrap_or_default();
    for (key, value) in values.iter_mut() {
        if !is_links(stored.kind, key) {
            continue;
        }
        let before = schema::split_list(opened.get(*key).and_then(Value::as_str).unwrap_or(""));
        let after = schema::list_of(Some(value));
        let mut ids: Vec<&str> = stored
            .links(key)
            .into_iter()
            .filter(|id| after.contains(id) || !before.contains(id))
            .collect();
        for id in &after {
            if !before.contains(id) && !ids.contains(id) {
                ids.push(id);
            }
        }
        *value = serde_json::json!(ids);
    }
    values
}

impl Record {
    /// The ids in the links field `key`, in the order they became members (by the stamp that
    /// made each one a member; an old list's ids as listed). For each id, its member field or
    /// the old list field `key`, whichever is later, says whether it is a member. Nothing writes
    /// that list any more: [`Record::set`] of a links field writes member fields.
    pub fn links(&self, key: &str) -> Vec<&str> {
        let legacy = self.fields.get(key);
        let legacy_list = legacy.map_or_else(Vec::new, |f| schema::list_of(f.value.as_json()));
        // (the stamp that made it a member, its place in the old list, id)
        let mut members: Vec<(&Stamp, usize, &str)> = Vec::new();
        let prefix = element_prefix(key);
        for (name, f) in self.fields.prefixed(&prefix) {
            let older_than_list = legacy.is_some_and(|l| l.stamp > f.stamp);
            if !older_than_list && f.value == Value::Bool(true) {
                members.push((&f.stamp, 0, &name[prefix.len()..]));
            }
        }
        if let Some(list) = legacy {
            let mut seen = BTreeSet::new();
            for (i, id) in legacy_list.into_iter().enumerate() {
                let decided_later = self
                    .fields
                    .get(&format!("{prefix}{id}"))
                    .is_some_and(|f| f.stamp >= list.stamp);
                if !decided_later && seen.insert(id) {
                    members.push((&list.stamp, i, id));
                }
            }
        }
        crate::sort::plain(&mut members);
        members.into_iter().map(|(_, _, id)| id).collect()
    }

    /// Makes `ids` (a list; `Null`: none) the members of the links field `key`.
    pub(super) fn set_links(&mut self, key: &str, ids: &Value, editor: &mut Editor) -> bool {
        let wanted: Vec<&str> = schema::list_of(Some(ids))
            .into_iter()
            .filter(|id| schema::valid_id(id))
            .collect();
        let now: Vec<String> = self.links(key).into_iter().map(String::from).collect();
        let prefix = element_prefix(key);
        // Added in the list's order, so the members keep it; each id once.
        let mut done = BTreeSet::new();
        let added = wanted
            .iter()
            .filter(|id| !now.iter().any(|n| n == *id) && done.insert(**id))
            .map(|id| (id.to_string(), true));
        let removed = now
            .iter()
            .filter(|id| !wanted.contains(&id.as_str()))
            .map(|id| (id.clone(), false));
        let changes: Vec<(String, bool)> = added.chain(removed).collect();
        for (id, member) in &changes {
            // Written even if its field already says so: a later old-style list said otherwise.
            let value = Val::Bool(*member);
            self.write(&format!("{prefix}{id}"), value, Vec::new(), editor);
        }
        !changes.is_empty()
    }
}

#[cfg(test)]
mod tests;

/// Random additions and removals of a few members on four devices, exchanged in any order, over
/// a record that may begin with an old-style list, checked against the true causal history.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
