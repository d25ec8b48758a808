//! The stepped reader against the one-go reading, on bundles as they may come.

use super::super::tests::sample;
use super::super::{read, signed, write};
use super::*;
use serde_json::{json, Map};

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

/// Read in the smallest steps there are (`enough` after every element and 256 KB).
fn stepwise(bytes: &[u8]) -> (Result<Bundle, BundleError>, usize) {
    let mut reader = Reader::new(bytes, today());
    let (mut steps, mut last) = (0, 0.0);
    loop {
        steps += 1;
        if let Some(answer) = reader.step(&mut || true) {
            return (answer, steps);
        }
        let now = reader.progress();
        assert!(
            (last..=1.0).contains(&now),
            "progress went from {last} to {now}"
        );
        last = now;
    }
}

/// The same answer as the one-go reading; a structure problem's detail (serde's wording and
/// position) may differ, not its kind.
fn agree(bytes: &[u8]) {
    let want = read_whole(bytes, &today());
    let (got, _) = stepwise(bytes);
    let same = match (&got, &want) {
        (Err(BundleError::Damaged(_)), Err(BundleError::Damaged(_))) => true,
        _ => got == want,
    };
    assert!(
        same,
        "{:?}: stepwise {got:?}, at once {want:?}",
        String::from_utf8_lossy(bytes)
    );
}

fn content() -> Map<String, Value> {
    let (header, records) = sample();
    serde_json::from_str(&write(&header, &records)).unwrap()
}

/// Bundles as they may come: written by Sentra, with more records, keys a later minor version
/// adds before and after `records` (escaped and not ASCII too), pretty-printed, empty.
fn variants() -> Vec<String> {
    let (header, records) = sample();
    let mut out = vec![write(&header, &records)];
    let mut more = content();
    let list = more["records"].as_array().unwrap().clone();
    more.insert(
        "records".into(),
        Value::Array([list.clone(), list].concat()),
    );
    out.push(signed(more)); // duplicate ids
    let mut extra = content();
    extra.insert("aaa \"kutip\" ü".into(), json!({"records": [1, 2]}));
    extra.insert("zzz".into(), json!([{"a": "b,c]"}, 1.5e3, null]));
    extra.insert("résumé".into(), json!("\u{1F600} \\ \n"));
    extra["records"][0]["foto"] = json!(["x.jpg"]);
    out.push(signed(extra.clone()));
    let pretty: Value = serde_json::from_str(&signed(extra)).unwrap();
    out.push(serde_json::to_string_pretty(&pretty).unwrap());
    let mut empty = content();
    empty.insert("records".into(), json!([]));
    out.push(signed(empty));
    let mut invalid = content();
    invalid["records"][1]["fields"]["modal"]["v"] = json!(-1);
    out.push(signed(invalid));
    out.extend(photo_variants());
    out
}

/// Bundles with photos (since 1.4): carried for a record, after the records in the file, one no
/// record refers to, one whose bytes do not match its hash, one not as the format says, none.
fn photo_variants() -> Vec<String> {
    let bytes = b"\xff\xd8 foto";
    let hash = super::super::sha256_hex(bytes);
    let data = "/9ggZm90bw=="; // base64 of `bytes`
    let element =
        |hash: &str, data: &str| json!({"sha256": hash, "tipe": "image/jpeg", "data": data});
    let with = |photos: Value| {
        let mut c = content();
        let usaha = c["records"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|r| r["kind"] == "usaha")
            .unwrap();
        let mut field = usaha["fields"]["nama"].clone();
        field["v"] = json!({"jenis": "produk", "lebar": 8, "tinggi": 8, "ukuran": bytes.len(), "tipe": "image/jpeg"});
        usaha["fields"][format!("foto/{hash}")] = field;
        c.insert("photos".into(), photos);
        c
    };
    let carried = with(json!([element(&hash, data)]));
    // `photos` after `records` in the file: the same canonical form.
    let mut after = carried.clone();
    let photos = after.remove("photos").unwrap();
    let text = signed(carried.clone());
    let checksum = &text[..text.find(",").unwrap()];
    after.insert(
        "checksum".into(),
        serde_json::from_str::<Map<String, Value>>(&format!("{checksum}}}")).unwrap()["checksum"]
            .clone(),
    );
    let mut later = serde_json::to_string(&after).unwrap();
    later.pop();
    later.push_str(&format!(",\"photos\":{photos}}}"));
    let other = super::super::sha256_hex(b"lain");
    vec![
        text,
        later,
        signed(with(json!([
            element(&hash, data),
            element(&other, "bGFpbg==")
        ]))),
        signed(with(json!([element(&hash, "/9ggZm90bx==")]))),
        signed(with(json!([{"sha256": hash, "data": data}]))),
        signed(with(json!([]))),
    ]
}

#[test]
fn photos_read_in_steps_as_at_once() {
    let variants = photo_variants();
    let read_ok = |text: &str| read(text.as_bytes(), &today()).unwrap();
    let carried = read_ok(&variants[0]);
    assert_eq!(carried.photos.photos.len(), 1);
    assert_eq!(
        carried.photos.photos.values().next().unwrap().bytes,
        b"\xff\xd8 foto"
    );
    assert_eq!(
        read_ok(&variants[1]),
        carried,
        "photos after records: the same bundle"
    );
    let extra = read_ok(&variants[2]);
    assert_eq!((extra.photos.photos.len(), extra.photos.ignored), (1, 1));
    let hash = carried.photos.photos.keys().next().unwrap().clone();
    assert_eq!(
        read(variants[3].as_bytes(), &today()),
        Err(BundleError::Photo(hash.clone())),
        "bytes that do not match their hash"
    );
    assert!(matches!(
        read(variants[4].as_bytes(), &today()),
        Err(BundleError::Damaged(_))
    ));
    assert_eq!(read_ok(&variants[5]).photos.missing, [hash]);
    for text in variants {
        agree(text.as_bytes());
    }
}

#[test]
fn the_canonical_form_is_spliced_exactly() {
    for text in variants() {
        let (got, steps) = stepwise(text.as_bytes());
        assert_eq!(got, read_whole(text.as_bytes(), &today()));
        assert!(steps > 1, "read in steps");
    }
    let text = &variants()[2];
    assert!(
        read(text.as_bytes(), &today()).is_ok(),
        "unknown keys on both sides of records"
    );
    assert!(
        read(variants()[3].as_bytes(), &today()).is_ok(),
        "pretty-printed"
    );
}

/// Every cut of every variant: the answer at once and in steps agree (`Truncated`, or
/// `NotJson` where the cut leaves something JSON cannot continue, like `1.`).
#[test]
fn every_cut_short_file_gets_the_same_answer() {
    for text in variants() {
        for end in 0..text.len() {
            if text.is_char_boundary(end) {
                agree(&text.as_bytes()[..end]);
            }
        }
    }
}

/// Every byte of a bundle replaced by, or preceded by, each character the scanner looks at
/// (and a plain one): the same answer both ways. (The property test below tries more.)
#[test]
fn every_damaged_byte_gets_the_same_answer() {
    for text in [variants()[2].clone(), photo_variants()[1].clone()] {
        damage_every_byte(&text);
    }
}

fn damage_every_byte(text: &str) {
    for at in 0..text.len() {
        if !text.is_char_boundary(at) || !text.is_char_boundary(at + 1) {
            continue;
        }
        for b in *b"\"\\,[]{}x" {
            let mut bytes = text.as_bytes().to_vec();
            bytes[at] = b;
            agree(&bytes);
            bytes.insert(at, b);
            agree(&bytes);
        }
    }
}

#[test]
fn outlines_that_are_not_a_bundles_get_the_same_answer() {
    for text in [
        "",
        "  ",
        "[]",
        "[1,2]",
        "\"records\"",
        "{}",
        "{\"records\":[]}",
        "{\"records\":{}}",
        "{\"records\":[],\"records\":[]}",
        "{\"records\":[1 2]}",
        "{\"records\":[1,]}",
        "{\"records\":[,1]}",
        "{\"records\":[1}",
        "{\"records\":[{}] x",
        "{\"records\":[{}]}}",
        "{\"records\":[tru",
        "{\"records\":[-",
        "{\"records\":[1.",
        "{\"records\":[{} ",
        "{\"records\":[{} x",
        "{\"records\":[\"a",
        "{\"rec\\u006frds\":[]}",
        "{\"a\":1 \"records\":[]}",
        "{\"records\":[\u{c}]}",
        "{\"records\":[1e999]}",
    ] {
        agree(text.as_bytes());
    }
    let deep = format!("{{\"records\":[{}{}]}}", "[".repeat(130), "]".repeat(130));
    agree(deep.as_bytes());
    let deep = format!("{{\"records\":[{}{}]}}", "[".repeat(125), "]".repeat(125));
    agree(deep.as_bytes());
}
