//! The merge benchmarks' workload, shared by `benches/merge.rs` and the automerge comparison
//! (`bench/automerge/`, a separate cargo project), so both merge exactly the same edits. Not part
//! of the app: compiled on the host only, hidden from the docs.
//!
//! Two devices hold the same records (`records` × `fields` text values, made on A and received by
//! B), then each changes some fields without seeing the other's changes: on the records a
//! [`Spread`] picks, B changes a tenth of the fields and A a twentieth, some the same field
//! (conflicts). The merge takes B's copy into A's as an import does ([`time_merge`]).

use crate::model::hlc::Clock;
use crate::model::merge::{merge_reporting, Conflict};
use crate::model::{Editor, Kind, Record};
use crate::store::chunk;
use serde_json::Value;
use std::time::Instant;

/// Which records the devices changed since they last exchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    /// Every record, 3 to 5 fields of 30 each: the worst case, nothing to skip.
    Every,
    /// B changed every 20th record (5 %), A every 50th (2 %), every 100th on both: a busy week
    /// of two officers between exchanges.
    Some,
}

impl Spread {
    fn touches(self, record: usize, every: usize) -> bool {
        match self {
            Spread::Every => true,
            Spread::Some => record.is_multiple_of(every),
        }
    }
}

/// The edits, by record and field, and every value written: the same for every merge measured.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    pub records: usize,
    pub fields: usize,
    pub spread: Spread,
}

impl Workload {
    /// The name of field `f`.
    pub fn name(&self, f: usize) -> String {
        format!("field_{f:02}")
    }

    /// The value both devices start from.
    pub fn base(&self, record: usize, f: usize) -> String {
        format!("nilai {record} {f}")
    }

    /// What B changed field `f` of `record` to, if it did.
    pub fn on_b(&self, record: usize, f: usize) -> Option<String> {
        (self.spread.touches(record, 20) && (record + f).is_multiple_of(10))
            .then(|| format!("dari B {record} {f}"))
    }

    /// What A changed field `f` of `record` to, if it did.
    pub fn on_a(&self, record: usize, f: usize) -> Option<String> {
        (self.spread.touches(record, 50) && (record * 7 + f).is_multiple_of(20))
            .then(|| format!("dari A {record} {f}"))
    }

    /// Sentra's copies on device A and device B, after both devices' changes.
    pub fn replicas(&self) -> (Vec<Record>, Vec<Record>) {
        let mut a = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
        let mut b = Clock::new("7d9e1f20-8a2b-4c3d-9e4f-5a6b7c8d9e0f");
        let names: Vec<String> = (0..self.fields).map(|f| self.name(f)).collect();
        let base: Vec<Record> = (0..self.records)
            .map(|i| {
                let mut ed = Editor {
                    clock: &mut a,
                    officer: "Petugas A",
                    now_ms: 1_795_400_000_000 + i as u64,
                };
                let mut r = Record::new(Kind::Usaha, &mut ed);
                for (f, name) in names.iter().enumerate() {
                    r.set(name, Value::String(self.base(i, f)), &mut ed);
                }
                r
            })
            .collect();
        if let Some(last) = base.last() {
            for s in last.stamps() {
                b.observe(s);
            }
        }
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
                if let Some(v) = self.on_b(i, f) {
                    rb.set(name, Value::String(v), &mut eb);
                }
                if let Some(v) = self.on_a(i, f) {
                    ra.set(name, Value::String(v), &mut ea);
                }
            }
        }
        (on_a, on_b)
    }

    /// [`time_merge`] of B's copy into A's.
    pub fn time_merge(&self, runs: usize) -> Timing {
        let (on_a, on_b) = self.replicas();
        time_merge(&on_a, &on_b, runs)
    }
}

/// Merge times in ms, and what the last merge did.
#[derive(Clone, Debug)]
pub struct Timing {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub runs: usize,
    pub changed: usize,
    pub conflicts: usize,
}

/// Times merging `incoming` into `local` record by record, `runs` times, as `Store::import`
/// does: the received copy is read once (here from a chunk, as a bundle's records are read
/// fresh), and each run reads the local copy afresh from its stored chunk, then merges; only the
/// merge is timed. Reading them back, rather than cloning what was built, gives the merge
/// records laid out in memory as the app has them.
pub fn time_merge(local: &[Record], incoming: &[Record], runs: usize) -> Timing {
    let stored = chunk::encode(local);
    let incoming = chunk::decode(&chunk::encode(incoming)).expect("a chunk reads back");
    let mut times = Vec::with_capacity(runs);
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut changed = 0;
    for _ in 0..runs {
        let mut target = chunk::decode(&stored).expect("a chunk reads back");
        conflicts.clear();
        changed = 0;
        let t = Instant::now();
        for (local, incoming) in target.iter_mut().zip(&incoming) {
            changed += usize::from(merge_reporting(local, incoming, &mut conflicts));
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&target);
    }
    times.sort_by(f64::total_cmp);
    Timing {
        median: times[runs / 2],
        min: times[0],
        max: times[runs - 1],
        runs,
        changed,
        conflicts: conflicts.len(),
    }
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "median {:.1} ms, min {:.1}, max {:.1} ({} runs); {} records changed, {} conflicts",
            self.median, self.min, self.max, self.runs, self.changed, self.conflicts
        )
    }
}
