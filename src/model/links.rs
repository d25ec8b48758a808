//! Links between records (a sentra's members `anggota`, a kegiatan's participants `peserta`)
//! as sets that merge: each membership is a field of its own, `<links field>/<id>`, `true` a
//! member and `false` removed. The merge of fields ([`super::merge`]) is then the merge of sets:
//! two officers adding different members change different fields and both additions stay;
//! adding and removing one member at once is a conflict on that member's field, reported like
//! any other. Versions before this kept the whole list in one field (bundle format 1.0); such a
//! list still counts, member by member, where it is later than the member's own field.

use super::hlc::Stamp;
use super::{kinds, schema, Editor, Kind, Record, Val};
use serde_json::Value;
use std::collections::BTreeSet;

/// Whether `key` is a links field of `kind` (a list of record ids, kept as one field per
/// member: [`Record::links`]).
pub fn is_links(kind: Kind, key: &str) -> bool {
    kinds::schema(kind)
        .and_then(|s| s.field(key))
        .is_some_and(|f| matches!(f.ty, schema::Ty::Links(_)))
}

/// The start of the names of a links field's member fields: `anggota/`.
fn element_prefix(key: &str) -> String {
    format!("{key}{}", schema::ELEMENT_SEP)
}

/// The links field and the id a member field (`anggota/<id>`) of `kind` stands for.
pub fn link_element(kind: Kind, key: &str) -> Option<(&str, &str)> {
    key.split_once(schema::ELEMENT_SEP)
        .filter(|(links, _)| is_links(kind, links))
}

/// A form's validated values made ready for the record as stored now: a links field's list
/// becomes the record's members now, with the ids the officer added since the form opened
/// (`opened`: the form then, or the base a restored draft was typed over) and without those they
/// removed. Members another tab or an import added or removed meanwhile stay so, as the fields
/// the officer did not touch do ([`super::changed_since`]).
pub fn over_stored<T: serde::Serialize>(
    mut values: super::FormValues,
    opened: &T,
    stored: &Record,
) -> super::FormValues {
    let opened = serde_json::to_value(opened).unwrap_or_default();
    for (key, value) in values.iter_mut() {
        if !is_links(stored.kind, key) {
            continue;
        }
        let before = schema::split_list(opened.get(*key).and_then(Value::as_str).unwrap_or(""));
        let after = schema::list_of(Some(value));
        let mut ids: Vec<&str> = stored
            .links(key)
            .into_iter()
            .filter(|id| after.contains(id) || !before.contains(id))
            .collect();
        for id in &after {
            if !before.contains(id) && !ids.contains(id) {
                ids.push(id);
            }
        }
        *value = serde_json::json!(ids);
    }
    values
}

impl Record {
    /// The ids in the links field `key`, in the order they became members (by the stamp that
    /// made each one a member; an old list's ids as listed). For each id, its member field or
    /// the old list field `key`, whichever is later, says whether it is a member. Nothing writes
    /// that list any more: [`Record::set`] of a links field writes member fields.
    pub fn links(&self, key: &str) -> Vec<&str> {
        let legacy = self.fields.get(key);
        let legacy_list = legacy.map_or_else(Vec::new, |f| schema::list_of(f.value.as_json()));
        // (the stamp that made it a member, its place in the old list, id)
        let mut members: Vec<(&Stamp, usize, &str)> = Vec::new();
        let prefix = element_prefix(key);
        for (name, f) in self.fields.prefixed(&prefix) {
            let older_than_list = legacy.is_some_and(|l| l.stamp > f.stamp);
            if !older_than_list && f.value == Value::Bool(true) {
                members.push((&f.stamp, 0, &name[prefix.len()..]));
            }
        }
        if let Some(list) = legacy {
            let mut seen = BTreeSet::new();
            for (i, id) in legacy_list.into_iter().enumerate() {
                let decided_later = self
                    .fields
                    .get(&format!("{prefix}{id}"))
                    .is_some_and(|f| f.stamp >= list.stamp);
                if !decided_later && seen.insert(id) {
                    members.push((&list.stamp, i, id));
                }
            }
        }
        crate::sort::plain(&mut members);
        members.into_iter().map(|(_, _, id)| id).collect()
    }

    /// Makes `ids` (a list; `Null`: none) the members of the links field `key`.
    pub(super) fn set_links(&mut self, key: &str, ids: &Value, editor: &mut Editor) -> bool {
        let wanted: Vec<&str> = schema::list_of(Some(ids))
            .into_iter()
            .filter(|id| schema::valid_id(id))
            .collect();
        let now: Vec<String> = self.links(key).into_iter().map(String::from).collect();
        let prefix = element_prefix(key);
        // Added in the list's order, so the members keep it; each id once.
        let mut done = BTreeSet::new();
        let added = wanted
            .iter()
            .filter(|id| !now.iter().any(|n| n == *id) && done.insert(**id))
            .map(|id| (id.to_string(), true));
        let removed = now
            .iter()
            .filter(|id| !wanted.contains(&id.as_str()))
            .map(|id| (id.clone(), false));
        let changes: Vec<(String, bool)> = added.chain(removed).collect();
        for (id, member) in &changes {
            // Written even if its field already says so: a later old-style list said otherwise.
            let value = Val::Bool(*member);
            self.write(&format!("{prefix}{id}"), value, Vec::new(), editor);
        }
        !changes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Msg;
    use crate::model::hlc::Clock;
    use crate::model::merge::{merge_reporting, merged};
    use crate::model::schema::values_of;
    use crate::model::tests::editor as ed;
    use crate::model::{field_label, kinds, Val};
    use serde_json::json;

    fn sentra(clock: &mut Clock) -> Record {
        Record::new(Kind::Sentra, &mut ed(clock, 1))
    }

    /// The whole list as a version before 1.1 wrote it, in the field `key` itself.
    fn old_list(r: &mut Record, key: &str, ids: &[&str], clock: &mut Clock, now_ms: u64) {
        r.write(key, json!(ids), Vec::new(), &mut ed(clock, now_ms));
    }

    #[test]
    fn members_are_fields_of_their_own_written_as_changes() {
        let mut a = Clock::new("a");
        let mut r = sentra(&mut a);
        assert!(r.set("anggota", json!(["u-2", "u-1", "u-2"]), &mut ed(&mut a, 2)));
        assert_eq!(
            r.links("anggota"),
            ["u-2", "u-1"],
            "in the order added, once each"
        );
        assert_eq!(r.get("anggota/u-1"), Some(&Val::from(json!(true))));
        assert_eq!(r.get("anggota"), None, "no list field is written");
        assert!(
            !r.set("anggota", json!(["u-1", "u-2"]), &mut ed(&mut a, 3)),
            "the same members: no change, whatever the order"
        );
        assert!(r.set("anggota", json!(["u-1", "u-3"]), &mut ed(&mut a, 4)));
        assert_eq!(r.links("anggota"), ["u-1", "u-3"]);
        assert_eq!(
            r.get("anggota/u-2"),
            Some(&Val::from(json!(false))),
            "removed: false"
        );
        assert!(r.set("anggota", Value::Null, &mut ed(&mut a, 5)));
        assert!(r.links("anggota").is_empty());
        assert!(r.set("anggota", json!(["u-2"]), &mut ed(&mut a, 6)));
        assert_eq!(r.links("anggota"), ["u-2"], "added again");
        // The form and the rules across fields see a list.
        let schema = kinds::schema(Kind::Sentra).unwrap();
        assert_eq!(schema.form_of(&r).get("anggota"), "u-2");
        let values = values_of(&r);
        assert_eq!(values.get("anggota"), Some(&json!(["u-2"])));
        assert!(!values.keys().any(|k| k.contains('/')), "{values:?}");
        assert_eq!(
            field_label(Kind::Sentra, "anggota/u-2"),
            Some(Msg::FieldAnggota)
        );
        assert_eq!(
            link_element(Kind::Sentra, "anggota/u-2"),
            Some(("anggota", "u-2"))
        );
        assert_eq!(link_element(Kind::Sentra, "nama/u-2"), None);
        // Other kinds' fields are written as they are.
        let mut usaha = Record::new(Kind::Usaha, &mut ed(&mut a, 7));
        usaha.set("anggota", json!(["x"]), &mut ed(&mut a, 8));
        assert_eq!(usaha.get("anggota"), Some(&Val::from(json!(["x"]))));
    }

    #[test]
    fn two_officers_adding_different_members_keep_both_without_a_conflict() {
        let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
        let mut base = sentra(&mut a);
        base.set("anggota", json!(["u-1"]), &mut ed(&mut a, 2));
        b.observe(&base.last_change().0.clone());
        let (mut in_a, mut in_b) = (base.clone(), base.clone());
        in_a.set("anggota", json!(["u-1", "u-2"]), &mut ed(&mut a, 10));
        in_b.set("anggota", json!(["u-1", "u-3"]), &mut ed(&mut b, 11));
        let mut conflicts = Vec::new();
        let mut m = in_a.clone();
        merge_reporting(&mut m, &in_b, &mut conflicts);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(m.links("anggota"), ["u-1", "u-2", "u-3"]);
        assert_eq!(merged(&in_b, &in_a).links("anggota"), m.links("anggota"));
        // One removes a member while the other adds one: both kept.
        let mut in_b2 = base.clone();
        in_b2.set("anggota", json!([]), &mut ed(&mut b, 12));
        assert_eq!(merged(&in_a, &in_b2).links("anggota"), ["u-2"]);
    }

    #[test]
    fn adding_and_removing_one_member_at_once_is_a_conflict_on_its_field() {
        let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
        let mut base = sentra(&mut a);
        base.set("anggota", json!(["u-1"]), &mut ed(&mut a, 2));
        // A removes u-1 and adds it back; B, not knowing, removes it.
        let mut in_a = base.clone();
        in_a.set("anggota", json!([]), &mut ed(&mut a, 10));
        in_a.set("anggota", json!(["u-1"]), &mut ed(&mut a, 11));
        let mut in_b = base.clone();
        b.observe(&base.last_change().0.clone());
        in_b.set("anggota", json!([]), &mut ed(&mut b, 12));
        let mut conflicts = Vec::new();
        let mut m = in_a.clone();
        merge_reporting(&mut m, &in_b, &mut conflicts);
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].field, "anggota/u-1");
        assert_eq!(
            conflicts[0].lost.value,
            json!(true),
            "the later stamp, B's removal, wins"
        );
        assert!(m.links("anggota").is_empty());
        // The officer picks A's: u-1 is a member again, and B takes it quietly.
        let lost = conflicts[0].lost.stamp.clone();
        let kept = conflicts[0].kept.stamp.clone();
        a.observe(&kept);
        m.settle(
            "anggota/u-1",
            json!(true),
            vec![lost, kept],
            &mut ed(&mut a, 20),
        );
        let mut again = Vec::new();
        let mut at_b = in_b.clone();
        merge_reporting(&mut at_b, &m, &mut again);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(at_b.links("anggota"), ["u-1"]);
    }

    #[test]
    fn a_form_opened_before_another_tab_changed_the_members_keeps_that_change() {
        let mut a = Clock::new("a");
        let mut stored = sentra(&mut a);
        stored.set("anggota", json!(["u-1", "u-2"]), &mut ed(&mut a, 2));
        let schema = kinds::schema(Kind::Sentra).unwrap();
        let opened = schema.form_of(&stored);
        // Meanwhile another tab adds u-3 and removes u-2.
        stored.set("anggota", json!(["u-1", "u-3"]), &mut ed(&mut a, 3));
        // This form removes u-1 and adds u-4 to what it showed.
        let values = vec![("anggota", json!(["u-2", "u-4"]))];
        let values = over_stored(values, &opened, &stored);
        assert_eq!(values, vec![("anggota", json!(["u-3", "u-4"]))]);
        assert!(stored.apply(values, &mut ed(&mut a, 4)));
        assert_eq!(stored.links("anggota"), ["u-3", "u-4"]);
        // Other fields pass as they are.
        let other = vec![("nama", json!("Sentra"))];
        assert_eq!(over_stored(other.clone(), &opened, &stored), other);
    }

    #[test]
    fn an_old_list_counts_where_it_is_later_than_a_members_field() {
        let (mut a, mut old) = (Clock::new("a"), Clock::new("lama"));
        let mut r = sentra(&mut a);
        // Member fields older than the list: the list decides.
        r.write("anggota/u-3", json!(true), Vec::new(), &mut ed(&mut a, 2));
        r.write("anggota/u-2", json!(false), Vec::new(), &mut ed(&mut a, 3));
        old_list(&mut r, "anggota", &["u-2", "u-1", "u-2"], &mut old, 5);
        assert_eq!(r.links("anggota"), ["u-2", "u-1"], "as listed, once each");
        // Later edits: member fields over the list.
        a.observe(&r.fields["anggota"].stamp);
        assert!(r.set("anggota", json!(["u-1", "u-4"]), &mut ed(&mut a, 6)));
        assert_eq!(r.links("anggota"), ["u-1", "u-4"]);
        assert_eq!(r.get("anggota/u-2"), Some(&Val::from(json!(false))));
        assert_eq!(
            r.fields["anggota"].stamp.wall, 5,
            "the old list is left alone"
        );
        // Adding back an id whose field said `true` before a later list dropped it.
        let mut s = sentra(&mut a);
        s.write("anggota/u-5", json!(true), Vec::new(), &mut ed(&mut a, 7));
        old.observe(&s.fields["anggota/u-5"].stamp);
        old_list(&mut s, "anggota", &["u-1"], &mut old, 8);
        assert_eq!(s.links("anggota"), ["u-1"]);
        a.observe(&s.fields["anggota"].stamp);
        assert!(s.set("anggota", json!(["u-1", "u-5"]), &mut ed(&mut a, 9)));
        assert_eq!(s.links("anggota"), ["u-1", "u-5"]);
        // A cleared old list (null) says no one, as of its stamp.
        let mut t = sentra(&mut a);
        t.set("anggota", json!(["u-1"]), &mut ed(&mut a, 10));
        old.observe(&t.fields["anggota/u-1"].stamp);
        t.write("anggota", Value::Null, Vec::new(), &mut ed(&mut old, 11));
        assert!(t.links("anggota").is_empty());
    }
}

/// Random additions and removals of a few members on four devices, exchanged in any order, over
/// a record that may begin with an old-style list, checked against the true causal history.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
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
}
