use super::*;
use crate::model::hlc::Clock;
use crate::model::merge::{merge_into, merge_reporting, merged, Conflict};
use crate::model::Field;
use proptest::prelude::*;
use serde_json::json;
use std::collections::{HashMap, HashSet};

const DEVICES: usize = 4;
const IDS: [&str; 3] = ["u-0", "u-1", "u-2"];

#[derive(Clone, Debug)]
enum Op {
    /// Device adds (`true`) or removes a member, through the form's path (`set` of the list).
    Member { dev: usize, id: usize, add: bool },
    /// Device `to` receives device `from`'s copy.
    Sync { from: usize, to: usize },
    /// Device's clock jumps (phones with wrong clocks).
    Skew { dev: usize, ms: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..DEVICES, 0..IDS.len(), any::<bool>()).prop_map(|(dev, id, add)| Op::Member { dev, id, add }),
        2 => (0..DEVICES, 0..DEVICES).prop_map(|(from, to)| Op::Sync { from, to }),
        1 => (0..DEVICES, -5_000i64..5_000).prop_map(|(dev, ms)| Op::Skew { dev, ms }),
    ]
}

/// A write of one id's membership: a member field, or an old list (one per id).
struct Write {
    id: &'static str,
    add: bool,
}

struct World {
    copies: Vec<Record>,
    /// Every change made (the old list's too), with what its device had seen making it.
    past: HashMap<Stamp, HashSet<Stamp>>,
    writes: Vec<(Stamp, Write)>,
    /// The changes each device has seen.
    seen: Vec<HashSet<Stamp>>,
}

fn play(old: Option<Vec<bool>>, ops: &[Op]) -> World {
    let mut clocks: Vec<Clock> = (0..DEVICES)
        .map(|d| Clock::new(format!("dev-{d}")))
        .collect();
    let mut skew = [0i64; DEVICES];
    let mut base = Record::new(
        Kind::Sentra,
        &mut Editor {
            clock: &mut clocks[0],
            officer: "0",
            now_ms: 1_000,
        },
    );
    let mut past = HashMap::new();
    let mut writes = Vec::new();
    let mut seen0 = HashSet::new();
    if let Some(listed) = old {
        let ids: Vec<&str> = IDS
            .iter()
            .zip(&listed)
            .filter(|(_, l)| **l)
            .map(|(id, _)| *id)
            .collect();
        base.write(
            "anggota",
            json!(ids),
            Vec::new(),
            &mut Editor {
                clock: &mut clocks[0],
                officer: "0",
                now_ms: 1_500,
            },
        );
        let s = base.fields["anggota"].stamp.clone();
        past.insert(s.clone(), HashSet::new());
        for (id, l) in IDS.iter().zip(&listed) {
            // The list is a write of every id's membership.
            writes.push((s.clone(), Write { id, add: *l }));
        }
        seen0.insert(s);
    }
    for c in clocks.iter_mut() {
        c.observe(base.last_change().0);
    }
    let mut copies = vec![base; DEVICES];
    let mut seen: Vec<HashSet<Stamp>> = vec![seen0; DEVICES];
    for (step, op) in ops.iter().enumerate() {
        let now = 2_000 + step as i64 * 100;
        match *op {
            Op::Member { dev, id, add } => {
                let mut ids: Vec<String> = copies[dev]
                    .links("anggota")
                    .into_iter()
                    .map(String::from)
                    .collect();
                ids.retain(|i| i != IDS[id]);
                if add {
                    ids.push(IDS[id].to_string());
                }
                let mut editor = Editor {
                    clock: &mut clocks[dev],
                    officer: "o",
                    now_ms: (now + skew[dev]).max(0) as u64,
                };
                if copies[dev].set("anggota", json!(ids), &mut editor) {
                    let s = copies[dev].fields[&*format!("anggota/{}", IDS[id])]
                        .stamp
                        .clone();
                    past.insert(s.clone(), seen[dev].clone());
                    writes.push((s.clone(), Write { id: IDS[id], add }));
                    seen[dev].insert(s);
                }
            }
            Op::Sync { from, to } if from != to => {
                let incoming = copies[from].clone();
                for f in incoming.fields.values() {
                    clocks[to].observe(&f.stamp);
                }
                merge_into(&mut copies[to], &incoming);
                let theirs = seen[from].clone();
                seen[to].extend(theirs);
            }
            Op::Sync { .. } => {}
            Op::Skew { dev, ms } => skew[dev] += ms,
        }
    }
    World {
        copies,
        past,
        writes,
        seen,
    }
}

fn members(r: &Record) -> Vec<String> {
    r.links("anggota").into_iter().map(String::from).collect()
}

fn histories() -> impl Strategy<Value = (Option<Vec<bool>>, Vec<Op>)> {
    (
        proptest::option::of(proptest::collection::vec(any::<bool>(), IDS.len())),
        proptest::collection::vec(op(), 0..40),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn members_merge_commutatively(h in histories(), i in 0..DEVICES, j in 0..DEVICES) {
        let w = play(h.0, &h.1);
        let (a, b) = (&w.copies[i], &w.copies[j]);
        prop_assert_eq!(members(&merged(a, b)), members(&merged(b, a)));
    }

    #[test]
    fn members_merge_associatively(h in histories()) {
        let w = play(h.0, &h.1);
        let (a, b, c) = (&w.copies[0], &w.copies[1], &w.copies[2]);
        prop_assert_eq!(members(&merged(&merged(a, b), c)), members(&merged(a, &merged(b, c))));
    }

    #[test]
    fn members_merge_idempotently(h in histories(), i in 0..DEVICES, j in 0..DEVICES) {
        let w = play(h.0, &h.1);
        let once = merged(&w.copies[i], &w.copies[j]);
        prop_assert_eq!(members(&merged(&once, &w.copies[j])), members(&once));
        prop_assert_eq!(members(&merged(&once, &once)), members(&once));
    }

    /// Every addition that no removal of that id followed (in the true history of the two
    /// copies merged) survives; and an addition and a removal of one id that the two copies
    /// hold without either device having seen the other's are reported as a conflict.
    #[test]
    fn additions_survive_and_concurrent_add_remove_is_reported(h in histories(), i in 0..DEVICES, j in 0..DEVICES) {
        let w = play(h.0, &h.1);
        let (a, b) = (&w.copies[i], &w.copies[j]);
        let mut conflicts: Vec<Conflict> = Vec::new();
        let mut m = a.clone();
        merge_reporting(&mut m, b, &mut conflicts);
        let now = members(&m);
        let known: HashSet<&Stamp> = w.seen[i].iter().chain(&w.seen[j]).collect();
        let follows = |later: &Stamp, earlier: &Stamp| w.past.get(later).is_some_and(|p| p.contains(earlier));
        for (s, write) in &w.writes {
            if !write.add || !known.contains(s) {
                continue;
            }
            let removed_after = w.writes.iter().any(|(r, other)| {
                other.id == write.id && !other.add && known.contains(r) && !follows(s, r) && r != s
            });
            if !removed_after {
                prop_assert!(now.iter().any(|m| m == write.id), "addition of {} at {:?} lost: {:?}", write.id, s, now);
            }
        }
        for id in IDS {
            let key = format!("anggota/{id}");
            let (Some(fa), Some(fb)) = (a.fields.get(&key), b.fields.get(&key)) else { continue };
            let knows = |x: &Field, y: &Field| follows(&x.stamp, &y.stamp);
            if fa.stamp != fb.stamp && fa.value != fb.value && !knows(fa, fb) && !knows(fb, fa) {
                prop_assert!(conflicts.iter().any(|c| c.field == key), "concurrent add/remove of {id} not reported");
            }
        }
    }
}
