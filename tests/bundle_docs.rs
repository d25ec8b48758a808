//! docs/bundle-format.md and its JSON Schema checked against what the code writes.

mod bundle_fixture;

use bundle_fixture::{content, header, records_with_photos};
use sentra::bundle;
use sentra::model::Kind;
use serde_json::Value;
use std::path::PathBuf;

/// The JSON Schema in docs/ names exactly the top-level parts the code writes.
#[test]
fn the_documented_schema_matches_what_is_written() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/bundle-format.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let (records, photos) = records_with_photos();
    let written = content(&bundle::write_with_photos(&header(), &records, photos).unwrap());
    let photo_keys = schema["$defs"]["photo"]["properties"].as_object().unwrap();
    for photo in written["photos"].as_array().unwrap() {
        let keys: Vec<&String> = photo.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            photo_keys
                .keys()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
    }
    let mut documented: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut keys: Vec<&str> = written.keys().map(String::as_str).collect();
    documented.sort();
    keys.sort();
    assert_eq!(documented, keys);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for key in &required {
        assert!(written.contains_key(*key), "{key}");
    }
    let field_keys: Vec<&str> = schema["$defs"]["field"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for record in written["records"].as_array().unwrap() {
        for field in record["fields"].as_object().unwrap().values() {
            for key in field.as_object().unwrap().keys() {
                assert!(
                    field_keys.contains(&key.as_str()),
                    "field part {key} is not documented"
                );
            }
        }
    }
}

/// docs/bundle-format.md lists every field of every kind with the JSON it holds and its rule, so
/// another tool can write a valid file from the document alone. The tables are the code's own:
/// `SENTRA_BLESS=1 cargo test --test bundle_docs` prints them when they differ.
#[test]
fn the_format_document_lists_every_field_with_its_type() {
    use sentra::model::schema::Ty;
    use sentra::model::{kinds, shape_of, usaha};
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/bundle-format.md"),
    )
    .unwrap();
    let keys = |options: &[sentra::model::schema::Choice]| {
        options
            .iter()
            .map(|c| format!("`{}`", c.key))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rule = |ty: Ty| match ty {
        Ty::Text(max) => format!("at most {max} characters"),
        Ty::Note => "at most 5,000 characters".into(),
        Ty::Phone => {
            "a phone number: 8 to 15 digits starting `0` or `62`; spaces and `+-().` allowed".into()
        }
        Ty::Choice(options) => format!("one of {}", keys(options)),
        Ty::Flags(options) => format!("any of {}, each once, in this order", keys(options)),
        Ty::YesNo => "".into(),
        Ty::Rupiah => "rupiah".into(),
        Ty::Year { ahead: 0 } => "1900 to this year".into(),
        Ty::Year { ahead } => format!("1900 to {ahead} years after this one"),
        Ty::Date { future: false } => "`YYYY-MM-DD`, 2000 to today".into(),
        Ty::Date { future: true } => "`YYYY-MM-DD`, 2000 to the end of the fifth year ahead".into(),
        Ty::Count => "0 to 10,000,000".into(),
        Ty::Hectare => "hectares, 0 or more".into(),
        Ty::Desa => "a village code `PP.KK.CC.DDDD`".into(),
        Ty::Kecamatan => "a kecamatan code `PP.KK.CC`".into(),
        Ty::Kabupaten => "a kabupaten/kota code `PP.KK`".into(),
        Ty::Komoditas => "at most 200 characters".into(),
        Ty::Link(kind) => format!("the id of a `{}` record", kind.key()),
        Ty::Links(kind) => format!("ids of `{}` records, each once", kind.key()),
        Ty::Gps => "latitude, with `lon`: both inside Indonesia, or neither".into(),
    };
    let row = |key: &str, kind: Kind, required: bool, what: String| {
        let shape = shape_of(kind, key).unwrap().doc_name();
        format!(
            "| `{key}` | {shape} | {} | {what} |",
            if required { "yes" } else { "" }
        )
    };
    let mut tables = Vec::new();
    for kind in Kind::ALL {
        let mut lines = vec![
            format!("### `{}`", kind.key()),
            String::new(),
            "| field | JSON | required | rule |".into(),
            "|---|---|---|---|".into(),
        ];
        match kinds::schema(kind) {
            Some(schema) => {
                for spec in schema.fields() {
                    lines.push(row(spec.key, kind, spec.required, rule(spec.ty)));
                    if spec.ty == Ty::Gps {
                        lines.push(row("lon", kind, false, "longitude, with `lat`".into()));
                    }
                }
            }
            None => {
                for (key, _) in usaha::LABELS {
                    lines.push(row(
                        key,
                        kind,
                        usaha::REQUIRED.contains(key),
                        usaha::rule(key).into(),
                    ));
                }
            }
        }
        tables.push(lines.join("\n"));
    }
    let missing: Vec<&String> = tables
        .iter()
        .filter(|t| !doc.contains(t.as_str()))
        .collect();
    if !missing.is_empty() && std::env::var_os("SENTRA_BLESS").is_some() {
        println!("{}", tables.join("\n\n"));
    }
    assert!(
        missing.is_empty(),
        "docs/bundle-format.md lacks or differs in:\n{}",
        missing
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
