//! Property tests: the stepped reader answers as the one-go reading on random damage.

use super::super::tests::sample;
use super::super::write;
use super::*;
use proptest::prelude::*;

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

fn kind_of(r: &Result<Bundle, BundleError>) -> Result<Bundle, BundleError> {
    match r {
        Err(BundleError::Damaged(_)) => Err(BundleError::Damaged(String::new())),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// A bundle damaged in a few places (bytes changed, inserted, removed), then perhaps cut:
    /// in steps of any size, the answer is the one-go reading's.
    #[test]
    fn stepwise_and_at_once_agree(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(b"\"\\,:[]{} x0-.e\n".to_vec()), 0..3u8), 0..4),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        every in 1..20usize,
    ) {
        let (header, records) = sample();
        let mut bytes = write(&header, &records).into_bytes();
        for (at, byte, how) in edits {
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => { bytes.remove(i); }
            }
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        let mut reader = Reader::new(bytes.as_slice(), today());
        let mut calls = 0;
        let got = loop {
            if let Some(answer) = reader.step(&mut || { calls += 1; calls % every == 0 }) {
                break answer;
            }
        };
        prop_assert_eq!(kind_of(&got), kind_of(&read_whole(&bytes, &today())));
    }
}
