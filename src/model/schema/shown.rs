//! A stored value as text: what a list's filter compares, and what a page or an export shows
//! when the field's type needs no lookup.

use super::*;

/// A record's value of a list filter's field, as the filter compares it: the stored key (a
/// choice's, a kabupaten's code), "ya" / "tidak" for yes/no, and [`NOT_KNOWN`] for an empty
/// field (an empty yes/no is not known, never "no").
pub fn filter_value(spec: &FieldSpec, r: &crate::model::Record) -> String {
    match (spec.ty, r.get(spec.key)) {
        (Ty::YesNo, Some(Val::Bool(b))) => (if *b { "ya" } else { "tidak" }).to_string(),
        (_, Some(v)) if v.as_str().is_some_and(|s| !s.is_empty()) => {
            v.as_str().unwrap_or_default().to_string()
        }
        _ => NOT_KNOWN.to_string(),
    }
}

/// [`filter_value`] of an empty field.
pub const NOT_KNOWN: &str = "-";

/// What a list filter of a choice or yes/no field offers: value and label, "not known" last.
pub fn filter_choices(spec: &FieldSpec) -> Vec<(&'static str, Msg)> {
    let mut out: Vec<(&'static str, Msg)> = match spec.ty {
        Ty::Choice(options) => options.iter().map(|c| (c.key, c.label)).collect(),
        Ty::YesNo => vec![("ya", Msg::ChoiceYa), ("tidak", Msg::ChoiceTidak)],
        _ => Vec::new(),
    };
    out.push((NOT_KNOWN, Msg::ReportUnknown));
    out
}

/// A shown value of a stored field for places without a picker's names (exports, plain lists):
/// choices by label; numbers and text as stored.
pub fn plain_text(spec: &FieldSpec, v: &Val, label: impl Fn(Msg) -> &'static str) -> String {
    let choice = |options: &[Choice], key: &str| {
        options
            .iter()
            .find(|c| c.key == key)
            .map_or_else(|| key.to_string(), |c| label(c.label).to_string())
    };
    match (spec.ty, v, v.as_str()) {
        (Ty::Choice(options), _, Some(s)) => choice(options, s),
        (Ty::Flags(options), Val::Json(_), _) if v.as_array().is_some() => list_of(v.as_json())
            .into_iter()
            .map(|k| choice(options, k))
            .collect::<Vec<_>>()
            .join(", "),
        (Ty::YesNo, Val::Bool(b), _) => {
            label(if *b { Msg::ChoiceYa } else { Msg::ChoiceTidak }).to_string()
        }
        (_, _, Some(s)) => s.to_string(),
        (_, other, None) => other.to_string(),
    }
}
