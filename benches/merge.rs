//! Merge time: 50,000 records × 30 fields held on two devices, each having changed some fields
//! since they last exchanged, merged natively as an import would (B's copy into A's). The
//! workload and the timing are `sentra::bench`, shared with the automerge comparison in
//! `bench/automerge/`. Two spreads of the changes: every record changed on both sides (3 to 5
//! fields of 30 each; nothing can be skipped, the worst case) and some records (5 % on B, 2 % on
//! A; the common import), plus the floor: a copy merged into itself. Reports medians; run with
//! `cargo bench --bench merge`. Goal (sharing issue): ≤ 100 ms. Not a gate.
use sentra::bench::{time_merge, Spread, Workload};
use std::time::Instant;

const RUNS: usize = 9;

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
        println!("  merge B into A: {}", time_merge(&on_a, &on_b, RUNS));
        if spread == Spread::Every {
            let same = time_merge(&on_a, &on_a, RUNS);
            println!(
                "  merge A into an identical copy: median {:.1} ms, min {:.1}, max {:.1}",
                same.median, same.min, same.max
            );
        }
    }
}
