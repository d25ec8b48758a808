//! Merge time: 50,000 records × 30 fields held on two devices, each having changed some fields
//! since they last exchanged, merged natively as an import would (B's copy into A's). The
//! workload is `sentra::bench::Workload`, shared with the automerge comparison in
//! `bench/automerge/`. Two spreads of the changes: every record changed on both sides (3 to 5
//! fields of 30 each; nothing can be skipped, the worst case) and some records (5 % on B, 2 % on
//! A; the common import), plus the floor: a copy merged into itself. Reports medians; run with
//! `cargo bench --bench merge`. Goal (sharing issue): ≤ 100 ms. Not a gate.
use sentra::bench::{Spread, Workload};
use sentra::model::merge::{merge_reporting, Conflict};
use sentra::model::Record;
use std::time::Instant;

const RUNS: usize = 9;

/// Merges `incoming` into fresh copies of `local`; the median, min and max in ms, the records
/// changed and the conflicts found.
fn measure(local: &[Record], incoming: &[Record]) -> (f64, f64, f64, usize, usize) {
    let mut times = Vec::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut changed = 0;
    for _ in 0..RUNS {
        let mut target = local.to_vec();
        conflicts.clear();
        changed = 0;
        let t = Instant::now();
        for (local, incoming) in target.iter_mut().zip(incoming) {
            changed += usize::from(merge_reporting(local, incoming, &mut conflicts));
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&target);
    }
    times.sort_by(f64::total_cmp);
    (
        times[RUNS / 2],
        times[0],
        times[RUNS - 1],
        changed,
        conflicts.len(),
    )
}

fn main() {
    for spread in [Spread::Every, Spread::Some] {
        let work = Workload {
            records: 50_000,
            fields: 30,
            spread,
        };
        let t = Instant::now();
        let (on_a, on_b) = work.replicas();
        println!(
            "{spread:?}: built 2 × {} records × {} fields in {:.0?}",
            work.records,
            work.fields,
            t.elapsed()
        );
        let (median, min, max, changed, conflicts) = measure(&on_a, &on_b);
        println!(
            "  merge B into A: median {median:.1} ms, min {min:.1}, max {max:.1} ({RUNS} runs); \
             {changed} records changed, {conflicts} conflicts"
        );
        if spread == Spread::Every {
            let (median, min, max, ..) = measure(&on_a, &on_a);
            println!(
                "  merge A into an identical copy: median {median:.1} ms, min {min:.1}, max {max:.1}"
            );
        }
    }
}
