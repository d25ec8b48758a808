//! Sentra's merge beside automerge's on the same workload (`sentra::bench::Workload`): 50,000
//! records × 30 text fields held on two devices, each having changed some fields since they last
//! exchanged; B's copy merged into A's, only the merge timed, median of several runs.
//!
//! In automerge a record is a map under the document's root, keyed by the record's id (the same
//! ids Sentra made), with one key per field. Device A creates the records, one commit each (an
//! officer saves each record as it is collected); both devices fork from that document with
//! their own actor, and each saved record they edit is one commit. `AutoCommit::merge` then
//! takes B's changes into a fresh copy of A's document each run; Sentra's runs
//! `sentra::bench::time_merge`, exactly as `cargo bench --bench merge` does.
//!
//! Run with `cargo run --release --locked` in this folder (`scripts/bench.sh` does). With
//! `-- --batched`, each device's edits are one commit instead (how much automerge's figure owes
//! to the number of changes).
use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ObjType, ReadDoc, Value, ROOT};
use sentra::bench::{time_merge, Spread, Workload};
use sentra::model::Record;
use std::time::Instant;

const RUNS: usize = 7;
/// As pinned in Cargo.toml.
const AUTOMERGE: &str = "0.12.0";

/// A's and B's documents after their changes, built from the workload and Sentra's record ids.
fn documents(work: &Workload, records: &[Record], batched: bool) -> (AutoCommit, AutoCommit) {
    let names: Vec<String> = (0..work.fields).map(|f| work.name(f)).collect();
    let mut base = AutoCommit::new().with_actor(ActorId::from(b"device-a".as_slice()));
    let objects: Vec<_> = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let obj = base
                .put_object(ROOT, r.id.as_str(), ObjType::Map)
                .expect("a new record");
            for (f, name) in names.iter().enumerate() {
                base.put(&obj, name.as_str(), work.base(i, f))
                    .expect("a field");
            }
            base.commit();
            obj
        })
        .collect();
    let mut on_a = base
        .fork()
        .with_actor(ActorId::from(b"device-a".as_slice()));
    let mut on_b = base
        .fork()
        .with_actor(ActorId::from(b"device-b".as_slice()));
    for (i, obj) in objects.iter().enumerate() {
        for (f, name) in names.iter().enumerate() {
            if let Some(v) = work.on_a(i, f) {
                on_a.put(obj, name.as_str(), v).expect("an edit on A");
            }
            if let Some(v) = work.on_b(i, f) {
                on_b.put(obj, name.as_str(), v).expect("an edit on B");
            }
        }
        if !batched {
            on_a.commit();
            on_b.commit();
        }
    }
    on_a.commit();
    on_b.commit();
    (on_a, on_b)
}

/// The merged document holds every change made on one side only (every 97th record looked at).
fn check(work: &Workload, records: &[Record], merged: &AutoCommit) {
    for (i, r) in records.iter().enumerate().step_by(97) {
        let obj = match merged.get(ROOT, r.id.as_str()) {
            Ok(Some((Value::Object(ObjType::Map), obj))) => obj,
            other => panic!("record {} missing: {other:?}", r.id),
        };
        for f in 0..work.fields {
            let expected = match (work.on_a(i, f), work.on_b(i, f)) {
                (Some(_), Some(_)) => continue, // a conflict: either may win
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => work.base(i, f),
            };
            match merged.get(&obj, work.name(f).as_str()) {
                Ok(Some((v, _))) if v.as_str() == Some(expected.as_str()) => {}
                other => panic!("record {i} field {f}: {other:?}, expected {expected}"),
            }
        }
    }
}

fn main() {
    let batched = std::env::args().any(|a| a == "--batched");
    for spread in [Spread::Every, Spread::Some] {
        let work = Workload {
            records: 50_000,
            fields: 30,
            spread,
        };
        let (on_a, on_b) = work.replicas();
        let t = Instant::now();
        let (doc_a, doc_b) = documents(&work, &on_a, batched);
        println!(
            "{spread:?}: automerge documents built in {:.1?} ({})",
            t.elapsed(),
            if batched {
                "each device's edits one commit"
            } else {
                "one commit per record saved"
            }
        );
        let mut times = Vec::with_capacity(RUNS);
        let mut merged = None;
        for _ in 0..RUNS {
            let (mut target, mut incoming) = (doc_a.clone(), doc_b.clone());
            let t = Instant::now();
            let changes = target.merge(&mut incoming).expect("automerge merges");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(&changes);
            merged = Some(target);
        }
        check(&work, &on_a, merged.as_ref().expect("merged"));
        times.sort_by(f64::total_cmp);
        let automerge = times[RUNS / 2];
        println!(
            "  automerge {}: median {automerge:.1} ms, min {:.1}, max {:.1} ({RUNS} runs)",
            AUTOMERGE,
            times[0],
            times[RUNS - 1]
        );
        let sentra = time_merge(&on_a, &on_b, RUNS);
        println!("  sentra: {sentra}");
        println!(
            "  automerge / sentra (medians): {:.1}",
            automerge / sentra.median
        );
    }
}
