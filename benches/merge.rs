//! Merge time: 50,000 records × 30 fields held on two devices, each having changed some fields
//! since they last exchanged (a tenth of B's fields, a twentieth of A's, some the same field:
//! conflicts), merged natively as an import would. Reports medians; run with
//! `cargo bench --bench merge`. Goal (sharing issue): ≤ 100 ms. Not a gate.
use sentra::model::hlc::Clock;
use sentra::model::merge::{merge_reporting, Conflict};
use sentra::model::{Editor, Kind, Record};
use serde_json::json;
use std::time::Instant;

const RECORDS: usize = 50_000;
const FIELDS: usize = 30;

fn main() {
    let mut a = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
    let mut b = Clock::new("7d9e1f20-8a2b-4c3d-9e4f-5a6b7c8d9e0f");
    let names: Vec<String> = (0..FIELDS).map(|f| format!("field_{f:02}")).collect();
    let t = Instant::now();
    let base: Vec<Record> = (0..RECORDS)
        .map(|i| {
            let mut ed = Editor {
                clock: &mut a,
                officer: "Petugas A",
                now_ms: 1_795_400_000_000 + i as u64,
            };
            let mut r = Record::new(Kind::Usaha, &mut ed);
            for (f, name) in names.iter().enumerate() {
                r.set(name, json!(format!("nilai {i} {f}")), &mut ed);
            }
            r
        })
        .collect();
    b.observe(&base.last().unwrap().fields[&names[0]].stamp);
    let (mut on_a, mut on_b) = (base.clone(), base);
    for (i, (ra, rb)) in on_a.iter_mut().zip(on_b.iter_mut()).enumerate() {
        let mut ea = Editor {
            clock: &mut a,
            officer: "Petugas A",
            now_ms: 1_795_500_000_000,
        };
        let mut eb = Editor {
            clock: &mut b,
            officer: "Petugas B",
            now_ms: 1_795_500_000_000,
        };
        for (f, name) in names.iter().enumerate() {
            if (i + f) % 10 == 0 {
                rb.set(name, json!(format!("dari B {i} {f}")), &mut eb);
            }
            if (i * 7 + f) % 20 == 0 {
                ra.set(name, json!(format!("dari A {i} {f}")), &mut ea);
            }
        }
    }
    println!(
        "built 2 × {RECORDS} records × {FIELDS} fields in {:.0?}",
        t.elapsed()
    );

    let mut times = Vec::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut changed = 0;
    for _ in 0..7 {
        let mut target = on_a.clone();
        conflicts.clear();
        let t = Instant::now();
        changed = 0;
        for (local, incoming) in target.iter_mut().zip(&on_b) {
            changed += usize::from(merge_reporting(local, incoming, &mut conflicts));
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&target);
    }
    // The floor: merging a copy into itself (every field the same version).
    let mut same = Vec::new();
    for _ in 0..7 {
        let mut target = on_a.clone();
        let t = Instant::now();
        for (local, incoming) in target.iter_mut().zip(&on_a) {
            merge_reporting(local, incoming, &mut conflicts);
        }
        same.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&target);
    }
    same.sort_by(f64::total_cmp);
    println!(
        "merge A into an identical copy: median {:.1} ms",
        same[same.len() / 2]
    );
    times.sort_by(f64::total_cmp);
    println!(
        "merge B into A: median {:.1} ms, min {:.1}, max {:.1} (7 runs); {changed} records changed, {} conflicts",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        conflicts.len()
    );
}
