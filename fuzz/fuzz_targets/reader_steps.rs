//! The stepped reader (`bundle::Reader`), stopped after every step and after steps of random
//! size, gives the answer of the one-go reading (`read_whole`, the oracle of its unit tests) and
//! of `bundle::read`. A gzipped input is unpacked first, so the gzip seeds count too.
//! A structure problem's detail (serde's wording and position) may differ, not its kind.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sentra::bundle::{self, Bundle, BundleError, Reader};
use sentra::model::rules::Today;

fn kind_of(r: &Result<Bundle, BundleError>) -> Result<Bundle, BundleError> {
    match r {
        Err(BundleError::Damaged(_)) => Err(BundleError::Damaged(String::new())),
        other => other.clone(),
    }
}

/// Reads `bytes` in steps, each ended when `enough` says so.
fn stepwise(
    bytes: &[u8],
    today: &Today,
    mut enough: impl FnMut() -> bool,
) -> Result<Bundle, BundleError> {
    let mut reader = Reader::new(bytes, today.clone());
    let mut last = 0.0;
    loop {
        if let Some(answer) = reader.step(&mut enough) {
            return answer;
        }
        let now = reader.progress();
        assert!(
            (last..=1.0).contains(&now),
            "progress went from {last} to {now}"
        );
        last = now;
    }
}

fuzz_target!(|data: &[u8]| {
    let today = Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    };
    let bytes = if bundle::is_gzip(data) {
        match bundle::gunzip(data.to_vec()) {
            Ok(bytes) => bytes,
            Err(_) => return,
        }
    } else {
        data.to_vec()
    };
    let want = kind_of(&bundle::read_whole_for_fuzzing(&bytes, &today));
    assert_eq!(kind_of(&bundle::read(&bytes, &today)), want, "read");
    // The smallest steps there are: stop whenever asked.
    assert_eq!(
        kind_of(&stepwise(&bytes, &today, || true)),
        want,
        "every step"
    );
    // Steps of random size: a schedule drawn from the input's own hash (FNV-1a, then xorshift),
    // so the seeds stay bundles and a crash replays the same schedule.
    let mut state = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }) | 1;
    let random = stepwise(&bytes, &today, || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % 5 == 0
    });
    assert_eq!(kind_of(&random), want, "random steps");
});
