//! The checksum stops almost every mutated file before the records are looked at, so this target
//! signs what it is given first (`bundle::signed`, as the tests that edit a bundle on purpose
//! do): any JSON object becomes a file whose checksum is right, and the reader must then answer
//! about its structure, duplicate ids and the records' rules without panicking, the same in one
//! go and in steps.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sentra::bundle::{self, Bundle, BundleError, Reader};
use sentra::model::rules::Today;
use serde_json::{Map, Value};

fn kind_of(r: &Result<Bundle, BundleError>) -> Result<Bundle, BundleError> {
    match r {
        Err(BundleError::Damaged(_)) => Err(BundleError::Damaged(String::new())),
        other => other.clone(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(content) = serde_json::from_slice::<Map<String, Value>>(data) else {
        return;
    };
    let today = Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    };
    let text = bundle::signed(content);
    let want = kind_of(&bundle::read_whole_for_fuzzing(text.as_bytes(), &today));
    let mut reader = Reader::new(text.as_bytes(), today.clone());
    let got = loop {
        if let Some(answer) = reader.step(&mut || true) {
            break answer;
        }
    };
    assert_eq!(kind_of(&got), want, "in steps");
    assert_eq!(
        kind_of(&bundle::read_file(text.into_bytes(), &today)),
        want,
        "read_file"
    );
});
