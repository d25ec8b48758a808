//! Merging two copies of a record, field by field: for each field the change with the later
//! stamp wins (stamps order by wall time, counter, then device, so every device picks the same
//! winner). Deletes are the `_deleted` field and merge the same way. The merge never fails, and
//! the order copies are merged in does not matter (commutative, associative, idempotent).
//!
//! Two versions of a field of which neither was made knowing the other are a conflict: the
//! winner is still the later stamp, and the loser is reported so the officer can look at it. A
//! change knows another when it was made over it (`replaced`), settled it (`settled`), or came
//! later from the same device. A device that missed versions in between may be shown a conflict
//! that was not one; the other way round (a concurrent edit dropped silently) cannot happen, and
//! the property tests check that against the true history.
//!
//! Saving merges too: the store merges what is saved into what it holds, inside one transaction,
//! so a save from a tab that had not yet seen another tab's change keeps that change.

use super::hlc::Stamp;
use super::{Field, Kind, Record, Val};
use crate::model::Name;
use std::cmp::Ordering;
use std::sync::Arc;

/// A field two copies changed without seeing each other.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    pub record: String,
    pub kind: Kind,
    pub field: String,
    /// The version the merge keeps (the later stamp).
    pub kept: Field,
    /// The version it drops, kept here for the officer to look at.
    pub lost: Field,
}

impl Conflict {
    /// Its key in the conflict inbox: the record, the field and the dropped version, so the same
    /// conflict found again (a bundle imported twice) is one entry.
    pub fn key(&self) -> String {
        let s = &self.lost.stamp;
        format!(
            "{}/{}/{}-{}-{}",
            self.record, self.field, s.wall, s.counter, s.device
        )
    }
}

/// Whether change `a` was made knowing the change stamped `b` (both of one field).
pub fn knew(a: &Field, b: &Stamp) -> bool {
    (a.stamp.same_device(b) && a.stamp >= *b) || a.replaced() == Some(b) || a.settled().contains(b)
}

/// Two versions of one field, neither made knowing the other.
pub fn in_conflict(a: &Field, b: &Field) -> bool {
    a.stamp != b.stamp && !knew(a, &b.stamp) && !knew(b, &a.stamp)
}

/// Which of two versions of one field wins.
pub fn later<'a>(a: &'a Field, b: &'a Field) -> &'a Field {
    match a.stamp.cmp(&b.stamp) {
        Ordering::Less => b,
        Ordering::Greater => a,
        // The same change seen twice; should two ever differ under one stamp (a damaged copy),
        // the larger value wins so that every device still agrees.
        Ordering::Equal if a.value == b.value => a,
        // JSON values have no order of their own; their text gives one every device shares.
        #[allow(clippy::cmp_owned)]
        Ordering::Equal => {
            if b.value.to_string() > a.value.to_string() {
                b
            } else {
                a
            }
        }
    }
}

/// `a == b` (a short text is compared where it lies, in the entry: `Val`).
#[inline]
fn same_value(a: &Val, b: &Val) -> bool {
    a == b
}

/// `*ours = theirs.clone()`, reusing what `ours` holds: the shared device and officer names when
/// they are already the same (no reference counting). An import may replace hundreds of
/// thousands of fields; each is spared several reference-count updates. A short text is copied
/// in place (`Val`); a longer one is allocated anew, its old buffer not reused (measured: the
/// merge is faster with the smaller entries all the same, README).
fn take(ours: &mut Field, theirs: &Field) {
    ours.value.clone_from(&theirs.value);
    assign_stamp(&mut ours.stamp, &theirs.stamp);
    match (&mut ours.known, &theirs.known) {
        (Some(a), Some(b)) => {
            match (&mut a.replaced, &b.replaced) {
                (Some(a), Some(b)) => assign_stamp(a, b),
                (a, b) => *a = b.clone(),
            }
            a.settled.clone_from(&b.settled);
        }
        (a, b) => *a = b.clone(),
    }
    if !Arc::ptr_eq(&ours.by, &theirs.by) {
        ours.by = theirs.by.clone();
    }
}

fn assign_stamp(ours: &mut Stamp, theirs: &Stamp) {
    ours.wall = theirs.wall;
    ours.counter = theirs.counter;
    if !Arc::ptr_eq(&ours.device, &theirs.device) {
        ours.device = theirs.device.clone();
    }
}

/// Merges `other` into `local` (the same record id). Returns whether `local` changed.
pub fn merge_into(local: &mut Record, other: &Record) -> bool {
    merge_reporting(local, other, &mut Vec::new())
}

/// Merges `other` into `local`, adding every conflict found to `conflicts`. Returns whether
/// `local` changed.
pub fn merge_reporting(local: &mut Record, other: &Record, conflicts: &mut Vec<Conflict>) -> bool {
    debug_assert_eq!(local.id, other.id);
    let mut changed = false;
    if other.created < local.created {
        local.created = other.created.clone();
        changed = true;
    }
    // Both field lists are sorted by name: walk them side by side.
    let theirs_all = other.fields.entries();
    let mut missing: Vec<(Name, Field)> = Vec::new();
    let mut j = 0;
    for (key, ours) in local.fields.entries_mut() {
        // One comparison of names per step; shared names (`model::shared`) are equal by address.
        let theirs = loop {
            let Some((k, f)) = theirs_all.get(j) else {
                break None;
            };
            let order = if Arc::ptr_eq(k, key) {
                Ordering::Equal
            } else {
                k.cmp(key)
            };
            match order {
                Ordering::Less => missing.push((k.clone(), f.clone())),
                Ordering::Equal => break Some(f),
                Ordering::Greater => break None,
            }
            j += 1;
        };
        let Some(theirs) = theirs else {
            continue;
        };
        j += 1;
        // The common case on an import: the same version on both sides.
        if ours.stamp == theirs.stamp && same_value(&ours.value, &theirs.value) {
            continue;
        }
        let ours_wins = std::ptr::eq(later(ours, theirs), ours);
        // The same value reached twice is agreement, not something to ask the officer about.
        if in_conflict(ours, theirs) && ours.value != theirs.value {
            let (kept, lost) = if ours_wins {
                (&*ours, theirs)
            } else {
                (theirs, &*ours)
            };
            conflicts.push(Conflict {
                record: local.id.to_string(),
                kind: local.kind,
                field: key.to_string(),
                kept: kept.clone(),
                lost: lost.clone(),
            });
        }
        if !ours_wins {
            take(ours, theirs);
            changed = true;
        }
    }
    missing.extend(theirs_all[j..].iter().cloned());
    changed |= !missing.is_empty();
    local.fields.add_new(missing);
    changed
}

/// The merge of two copies, as a new record.
pub fn merged(a: &Record, b: &Record) -> Record {
    let mut out = a.clone();
    merge_into(&mut out, b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::shared;
    use crate::model::{Editor, Kind};
    use serde_json::json;

    fn ed(clock: &mut Clock, now_ms: u64) -> Editor<'_> {
        Editor {
            clock,
            officer: "Uji",
            now_ms,
        }
    }

    #[test]
    fn a_save_from_a_stale_copy_keeps_the_other_copys_newer_fields() {
        let mut a = Clock::new("tab");
        let mut base = Record::new(Kind::Usaha, &mut ed(&mut a, 1));
        base.set("nama", json!("Batik"), &mut ed(&mut a, 2));
        base.set("status", json!("aktif"), &mut ed(&mut a, 3));
        // Two copies edit different fields without seeing each other.
        let mut one = base.clone();
        one.set("status", json!("tutup"), &mut ed(&mut a, 10));
        let mut two = base.clone();
        two.set("nama", json!("Batik Sekar"), &mut ed(&mut a, 11));
        let m = merged(&one, &two);
        assert_eq!(m.text("status"), "tutup");
        assert_eq!(m.text("nama"), "Batik Sekar");
        assert_eq!(merged(&two, &one), m, "commutative");
        assert_eq!(merged(&m, &one), m, "idempotent");
        let mut again = m.clone();
        assert!(!merge_into(&mut again, &two), "nothing new: no change");
    }

    #[test]
    fn taking_a_version_in_place_is_a_copy_of_it() {
        let stamp = |wall, device: &str| Stamp {
            wall,
            counter: 1,
            device: shared(device),
        };
        let field = |value, replaced, settled, by: &str| {
            Field::new(value, stamp(9, "b"), replaced, settled, shared(by))
        };
        let versions = [
            field(json!("Batik Sekar Jaya"), None, Vec::new(), "Petugas A"),
            field(
                json!("B"),
                Some(stamp(3, "a")),
                vec![stamp(4, "c")],
                "Petugas B",
            ),
            field(json!(true), Some(stamp(5, "b")), Vec::new(), "Petugas A"),
            field(
                json!({"x": [1]}),
                None,
                vec![stamp(1, "a"), stamp(2, "b")],
                "B",
            ),
        ];
        for ours in &versions {
            for theirs in &versions {
                let mut taken = ours.clone();
                take(&mut taken, theirs);
                assert_eq!(&taken, theirs);
            }
        }
    }

    #[test]
    fn the_later_edit_of_one_field_wins_and_a_delete_merges_like_a_field() {
        let mut a = Clock::new("a");
        let mut b = Clock::new("b");
        let base = Record::new(Kind::Sentra, &mut ed(&mut a, 1));
        let mut x = base.clone();
        x.set("nama", json!("dari A"), &mut ed(&mut a, 5));
        let mut y = base.clone();
        y.set("nama", json!("dari B"), &mut ed(&mut b, 5)); // same wall time: device b wins
        assert_eq!(merged(&x, &y).text("nama"), "dari B");
        assert_eq!(merged(&y, &x).text("nama"), "dari B");
        y.set_deleted(true, &mut ed(&mut b, 6));
        assert!(merged(&x, &y).is_deleted());
        x.set_deleted(false, &mut ed(&mut a, 7)); // undone later elsewhere
        assert!(!merged(&y, &x).is_deleted());
    }

    #[test]
    fn concurrent_edits_of_one_field_are_a_conflict_and_settling_ends_it() {
        let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
        let mut base = Record::new(Kind::Usaha, &mut ed(&mut a, 1));
        base.set("nama", json!("Batik"), &mut ed(&mut a, 2));
        b.observe(&base.fields["nama"].stamp);
        let (mut in_a, mut in_b) = (base.clone(), base.clone());
        in_a.set("nama", json!("Batik A"), &mut ed(&mut a, 10));
        in_a.set("nama", json!("Batik A2"), &mut ed(&mut a, 11)); // a run of own edits
        in_b.set("nama", json!("Batik B"), &mut ed(&mut b, 12));
        let mut conflicts = Vec::new();
        let mut m = in_a.clone();
        merge_reporting(&mut m, &in_b, &mut conflicts);
        assert_eq!(m.text("nama"), "Batik B", "the later stamp wins");
        assert_eq!(conflicts.len(), 1);
        assert_eq!(
            conflicts[0].lost.value,
            json!("Batik A2"),
            "the loser is kept"
        );
        // B already holding A's older value is no conflict: A's newer edits descend from it.
        let mut plain = base.clone();
        let mut none = Vec::new();
        merge_reporting(&mut plain, &in_a, &mut none);
        assert!(none.is_empty());

        // The officer on A picks A's value: a new edit that settles B's; B takes it quietly.
        a.observe(&m.fields["nama"].stamp);
        let loser = m.fields["nama"].stamp.clone();
        m.settle(
            "nama",
            json!("Batik A2"),
            vec![conflicts[0].lost.stamp.clone(), loser],
            &mut ed(&mut a, 20),
        );
        let mut at_b = in_b.clone();
        let mut again = Vec::new();
        merge_reporting(&mut at_b, &m, &mut again);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(at_b.text("nama"), "Batik A2");
    }
}

/// Random edit histories on four devices (edits, deletes, undos, exchanges in any order, clocks
/// that disagree), checked against the true causal history kept beside them.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::{Editor, DELETED};
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::{HashMap, HashSet};

    const DEVICES: usize = 4;
    const FIELDS: [&str; 3] = ["nama", "status", DELETED];

    #[derive(Clone, Debug)]
    enum Op {
        /// Device edits a field (value 0-3; for `_deleted`, delete or undo).
        Edit { dev: usize, field: usize, value: u8 },
        /// Device `to` receives device `from`'s copy.
        Sync { from: usize, to: usize },
        /// Device's clock jumps (phones with wrong clocks).
        Skew { dev: usize, ms: i64 },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..DEVICES, 0..FIELDS.len(), 0u8..4).prop_map(|(dev, field, value)| Op::Edit { dev, field, value }),
            2 => (0..DEVICES, 0..DEVICES).prop_map(|(from, to)| Op::Sync { from, to }),
            1 => (0..DEVICES, -5_000i64..5_000).prop_map(|(dev, ms)| Op::Skew { dev, ms }),
        ]
    }

    /// Every device's copy, and for every change made, what its device had seen when making it.
    struct World {
        copies: Vec<Record>,
        past: HashMap<Stamp, HashSet<Stamp>>,
    }

    fn play(ops: &[Op]) -> World {
        let mut clocks: Vec<Clock> = (0..DEVICES)
            .map(|d| Clock::new(format!("dev-{d}")))
            .collect();
        let mut skew = [0i64; DEVICES];
        let base = Record::new(
            Kind::Usaha,
            &mut Editor {
                clock: &mut clocks[0],
                officer: "0",
                now_ms: 1_000,
            },
        );
        let mut copies = vec![base; DEVICES];
        // The changes each device has seen (its own and all it received, transitively).
        let mut seen: Vec<HashSet<Stamp>> = vec![HashSet::new(); DEVICES];
        let mut past = HashMap::new();
        for (step, op) in ops.iter().enumerate() {
            let now = 2_000 + step as i64 * 100;
            match *op {
                Op::Edit { dev, field, value } => {
                    let v = if FIELDS[field] == DELETED {
                        json!(value % 2 == 0)
                    } else {
                        json!(format!("v{value}"))
                    };
                    let mut editor = Editor {
                        clock: &mut clocks[dev],
                        officer: "o",
                        now_ms: (now + skew[dev]).max(0) as u64,
                    };
                    if copies[dev].set(FIELDS[field], v, &mut editor) {
                        let s = copies[dev].fields[FIELDS[field]].stamp.clone();
                        past.insert(s.clone(), seen[dev].clone());
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
        World { copies, past }
    }

    /// The fields of a record without the bookkeeping that depends on merge order.
    fn state(r: &Record) -> Vec<(String, Stamp, serde_json::Value)> {
        r.fields
            .iter()
            .map(|(k, f)| (k.to_string(), f.stamp.clone(), f.value.to_value()))
            .collect()
    }

    fn histories() -> impl Strategy<Value = Vec<Op>> {
        proptest::collection::vec(op(), 0..40)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn merge_is_commutative(ops in histories(), i in 0..DEVICES, j in 0..DEVICES) {
            let w = play(&ops);
            prop_assert_eq!(merged(&w.copies[i], &w.copies[j]), merged(&w.copies[j], &w.copies[i]));
        }

        #[test]
        fn merge_is_associative(ops in histories()) {
            let w = play(&ops);
            let (a, b, c) = (&w.copies[0], &w.copies[1], &w.copies[2]);
            prop_assert_eq!(state(&merged(&merged(a, b), c)), state(&merged(a, &merged(b, c))));
        }

        #[test]
        fn merge_is_idempotent(ops in histories(), i in 0..DEVICES, j in 0..DEVICES) {
            let w = play(&ops);
            let once = merged(&w.copies[i], &w.copies[j]);
            prop_assert_eq!(&merged(&once, &w.copies[j]), &once);
            prop_assert_eq!(&merged(&once, &once), &once);
        }

        /// No edit is dropped silently: whenever two copies hold different values of a field
        /// made without either device having seen the other (true history), the merge reports
        /// it, the same way from either side.
        #[test]
        fn concurrent_edits_are_always_reported(ops in histories(), i in 0..DEVICES, j in 0..DEVICES) {
            let w = play(&ops);
            let (a, b) = (&w.copies[i], &w.copies[j]);
            let mut from_a = Vec::new();
            merge_reporting(&mut a.clone(), b, &mut from_a);
            let mut from_b = Vec::new();
            merge_reporting(&mut b.clone(), a, &mut from_b);
            let pairs = |cs: &[Conflict]| cs.iter().map(|c| (c.field.clone(), c.kept.stamp.clone(), c.lost.stamp.clone())).collect::<HashSet<_>>();
            prop_assert_eq!(pairs(&from_a), pairs(&from_b));
            for (key, fa) in &a.fields {
                let Some(fb) = b.fields.get(key) else { continue };
                if fa.stamp == fb.stamp { continue; }
                let knows = |x: &Field, y: &Field| w.past.get(&x.stamp).is_some_and(|p| p.contains(&y.stamp));
                if !knows(fa, fb) && !knows(fb, fa) && fa.value != fb.value {
                    prop_assert!(from_a.iter().any(|c| c.field == key), "concurrent {key} not reported: {fa:?} / {fb:?}");
                }
            }
        }
    }
}
