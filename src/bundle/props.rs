//! Property tests of the bundle reader: any bytes, damaged bundles, and the clock bound over
//! forged and passed-on files. Native only (proptest).

use super::tests::sample;
use super::*;
use crate::model::hlc::{Clock, MAX_AHEAD_MS};
use crate::model::Editor;
use proptest::prelude::*;

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

/// One step of the clock-bound property: time passes (every honest device's clock is right),
/// a device edits, a forged file arrives, or a device passes its copy to another.
#[derive(Clone, Debug)]
enum Step {
    Wait(u64),
    Edit(usize),
    Forged { to: usize, wall: u64 },
    Pass { from: usize, to: usize },
}

const DEVICES: usize = 3;
/// 2026-11-23T00:00Z.
const START: u64 = 1_795_392_000_000;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3 * MAX_AHEAD_MS).prop_map(Step::Wait),
        (0..DEVICES).prop_map(Step::Edit),
        (
            0..DEVICES,
            prop_oneof![
                // Anywhere from the epoch to the year 3000, and near the bound where it matters.
                0..32_503_680_000_000u64,
                START..START + 60 * MAX_AHEAD_MS,
            ]
        )
            .prop_map(|(to, wall)| Step::Forged { to, wall }),
        (0..DEVICES, 0..DEVICES).prop_map(|(from, to)| Step::Pass { from, to }),
    ]
}

/// A file as it arrives at a device at `now`: written, then read with the device's clock;
/// what is accepted is merged and its stamps taken in, as an import does.
fn receive(records: &[Record], clock: &mut Clock, copy: &mut Record, now: u64) {
    let header = Header {
        created_ms: now,
        device: "pengirim".into(),
        officer: "Pengirim".into(),
        kabupaten: None,
        scope: Scope::All,
    };
    let text = write(&header, records);
    let (year, _, _) = crate::format::civil(now);
    let today = Today {
        year: year as i32,
        iso: crate::format::iso_utc(now)[..10].to_string(),
        clock_ms: now,
    };
    if let Ok(bundle) = read(text.as_bytes(), &today) {
        for r in &bundle.records {
            r.stamps().for_each(|s| clock.observe(s));
            crate::model::merge::merge_into(copy, r);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever files arrive, forged or passed on, a real edit made more than the bound
    /// after another (every honest device's clock right) gets the later stamp and wins.
    #[test]
    fn no_file_makes_a_later_edit_lose_by_more_than_the_bound(steps in proptest::collection::vec(step(), 1..40)) {
        let mut now = START;
        let mut clocks: Vec<Clock> = (0..DEVICES).map(|d| Clock::new(format!("dev-{d}"))).collect();
        let base = {
            let mut ed = Editor { clock: &mut clocks[0], officer: "A", now_ms: now };
            let mut r = Record::new(Kind::Usaha, &mut ed);
            for (k, v) in [("nama", "U"), ("desa", "35.29.02.2004"), ("status", "aktif")] {
                r.set(k, serde_json::json!(v), &mut ed);
            }
            r
        };
        let mut copies = vec![base.clone(); DEVICES];
        // (physical time, stamp) of every real edit.
        let mut edits: Vec<(u64, Stamp)> = Vec::new();
        for (n, step) in steps.into_iter().enumerate() {
            match step {
                Step::Wait(ms) => now += ms,
                Step::Edit(d) => {
                    let mut ed = Editor { clock: &mut clocks[d], officer: "Petugas", now_ms: now };
                    copies[d].set("nama", serde_json::json!(format!("U{n}")), &mut ed);
                    edits.push((now, copies[d].fields.get("nama").unwrap().stamp.clone()));
                }
                Step::Forged { to, wall } => {
                    let mut forger = Clock::new("pemalsu");
                    let mut forged = copies[to].clone();
                    let mut ed = Editor { clock: &mut forger, officer: "Pemalsu", now_ms: wall };
                    forged.set("nama", serde_json::json!(format!("palsu {n}")), &mut ed);
                    receive(&[forged], &mut clocks[to], &mut copies[to], now);
                }
                Step::Pass { from, to } => {
                    let sent = copies[from].clone();
                    receive(&[sent], &mut clocks[to], &mut copies[to], now);
                }
            }
            for c in &clocks {
                prop_assert!(c.wall() <= now + MAX_AHEAD_MS, "a clock ran past the bound");
            }
        }
        for (t1, s1) in &edits {
            for (t2, s2) in &edits {
                if *t2 > t1 + MAX_AHEAD_MS {
                    prop_assert!(s2 > s1, "an edit at {t2} lost to one at {t1}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any bytes at all: an answer, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read(&bytes, &today());
    }

    /// A real bundle, damaged in a few places or cut short: refused or read, never a panic;
    /// and whatever is accepted is what was sent.
    #[test]
    fn damaged_bundles_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        let (header, records) = sample();
        let mut bytes = write(&header, &records).into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(bundle) = read(&bytes, &today()) {
            // Only a change outside the signed content (e.g. in whitespace-free places that
            // serde reads the same) can pass: the records must be the ones sent.
            let mut want = records.clone();
            crate::sort::by(&mut want, |a, b| a.id.cmp(&b.id));
            prop_assert_eq!(bundle.records, want);
        }
    }
}
