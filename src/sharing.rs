//! What sharing decides, pure: which records have not left the device yet, what a file is
//! called, and what importing a bundle would do (the preview an officer confirms), computed with
//! the same merge the store applies.

use crate::model::hlc::Stamp;
use crate::model::merge::{knew, merge_reporting, Conflict};
use crate::model::{Id, Kind, Record};
use crate::wilayah::search::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The latest stamp in a record (its creation or any field's change).
pub fn latest(r: &Record) -> &Stamp {
    r.stamps()
        .max()
        .expect("a record always has its creation stamp")
}

/// Records with a change after `since` (the stamp recorded at the last export; `None`: never
/// exported, so all). These are "belum dibagikan".
pub fn unshared<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    since: Option<&Stamp>,
) -> Vec<&'a Record> {
    records
        .into_iter()
        .filter(|r| since.is_none_or(|s| latest(r) > s))
        .collect()
}

/// The stamp to remember after exporting `records`: the latest among them.
pub fn export_mark<'a>(records: impl IntoIterator<Item = &'a Record>) -> Option<Stamp> {
    records.into_iter().map(latest).max().cloned()
}

/// A file name a person understands: `sentra-<kabupaten>-<officer>-<date>.json`, in plain
/// lower-case letters and digits ("Kabupaten Sumenep", "Petugas Uji", "2026-11-23" →
/// `sentra-sumenep-petugas-uji-2026-11-23.json`).
pub fn file_name(kabupaten: Option<&str>, officer: &str, date: &str) -> String {
    named(kabupaten, officer, date, "json")
}

/// A file name in the same shape for other files: `sentra-<kabupaten>-<what>-<date>.<ext>`
/// (reports: `sentra-sumenep-laporan-2026-11-23.xlsx`).
pub fn named(kabupaten: Option<&str>, what: &str, date: &str, ext: &str) -> String {
    let slug = |s: &str| {
        // Apostrophes stay inside a word ("Ra'as" is one name); fold then drops them.
        s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .map(fold)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    };
    let place = kabupaten.map(|k| {
        let bare = k
            .trim()
            .trim_start_matches("Kabupaten ")
            .trim_start_matches("Kab. ");
        slug(bare)
    });
    let mut parts = vec!["sentra".to_string()];
    parts.extend(place.filter(|p| !p.is_empty()));
    let who = slug(what);
    if !who.is_empty() {
        parts.push(who);
    }
    parts.push(slug(date));
    format!("{}.{ext}", parts.join("-"))
}

/// A conflict in the inbox that no longer needs the officer: the field's current version was
/// made knowing both sides (someone settled it, here or on another device whose pick arrived).
pub fn superseded(local: &BTreeMap<Id, Record>, c: &Conflict) -> bool {
    local
        .get(c.record.as_str())
        .and_then(|r| r.fields.get(&c.field))
        .is_some_and(|now| knew(now, &c.lost.stamp) && knew(now, &c.kept.stamp))
}

/// How one kind's records fare in an import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Not on this device yet.
    pub new: usize,
    /// On this device, and the bundle brings changes.
    pub updated: usize,
    /// Nothing the device does not already have.
    pub unchanged: usize,
    /// Changed here and there without seeing each other (the conflict inbox gets the losers).
    pub conflicting: usize,
    /// Deleted by the import (a tombstone this device did not have).
    pub deleted: usize,
}

/// One line of the import log: who sent what, when, and what it did here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportEntry {
    /// The bundle's checksum: recognises a file imported before.
    pub checksum: String,
    pub received_ms: u64,
    /// When the sender made it (ISO 8601 UTC, as in the bundle, and in ms).
    pub created: String,
    #[serde(default)]
    pub created_ms: u64,
    pub device: String,
    pub officer: String,
    #[serde(default)]
    pub kabupaten: Option<String>,
    pub counts: BTreeMap<Kind, Counts>,
}

/// What applying a bundle would do.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub counts: BTreeMap<Kind, Counts>,
    /// The records as they would be stored: new ones and those the merge changes.
    pub write: Vec<Record>,
    pub conflicts: Vec<Conflict>,
}

/// Merges `incoming` into copies of the `local` records, without touching them.
pub fn plan(local: &BTreeMap<Id, Record>, incoming: &[Record]) -> Plan {
    let mut planner = Planner::default();
    for theirs in incoming {
        planner.add(local, theirs);
    }
    planner.finish()
}

/// [`plan`] one record at a time, so a page can plan 50,000 records in slices and let the
/// browser breathe in between.
#[derive(Default)]
pub struct Planner {
    plan: Plan,
    /// Counts only: the preview needs no copies of the records to write (the store merges the
    /// received records itself when the officer applies them).
    counts_only: bool,
    /// Conflicts already in the inbox, by [`Conflict::key`]: found again (the same file a second
    /// time), they are nothing new to show.
    known: std::collections::HashSet<String>,
}

impl Planner {
    /// A planner that keeps only the counts (the preview's table).
    pub fn counts_only() -> Self {
        Planner {
            counts_only: true,
            ..Planner::default()
        }
    }

    /// Conflicts the inbox already holds are not counted as conflicting again.
    pub fn knowing(mut self, known: impl IntoIterator<Item = String>) -> Self {
        self.known.extend(known);
        self
    }

    /// Plans one received record against `local`.
    pub fn add(&mut self, local: &BTreeMap<Id, Record>, theirs: &Record) {
        let out = &mut self.plan;
        let counts = out.counts.entry(theirs.kind).or_default();
        let Some(ours) = local.get(&theirs.id) else {
            if theirs.is_deleted() {
                counts.deleted += 1;
            } else {
                counts.new += 1;
            }
            if !self.counts_only {
                out.write.push(theirs.clone());
            }
            return;
        };
        let mut merged = ours.clone();
        let found = out.conflicts.len();
        let changed = merge_reporting(&mut merged, theirs, &mut out.conflicts);
        if merged.is_deleted() && !ours.is_deleted() {
            counts.deleted += 1;
        } else if out.conflicts[found..]
            .iter()
            .any(|c| !self.known.contains(&c.key()))
        {
            counts.conflicting += 1;
        } else if changed {
            counts.updated += 1;
        } else {
            counts.unchanged += 1;
        }
        if self.counts_only {
            out.conflicts.clear();
        } else if changed {
            out.write.push(merged);
        }
    }

    pub fn finish(self) -> Plan {
        self.plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::Editor;
    use serde_json::json;

    fn ed(clock: &mut Clock, now_ms: u64) -> Editor<'_> {
        Editor {
            clock,
            officer: "Uji",
            now_ms,
        }
    }

    #[test]
    fn files_are_named_for_people() {
        assert_eq!(
            file_name(Some("Kabupaten Sumenep"), "Petugas Uji", "2026-11-23"),
            "sentra-sumenep-petugas-uji-2026-11-23.json"
        );
        assert_eq!(
            file_name(Some("Kota Surabaya"), "Ra'as / Bu Ani", "2026-11-23"),
            "sentra-kota-surabaya-raas-bu-ani-2026-11-23.json"
        );
        assert_eq!(file_name(None, "", "2026-11-23"), "sentra-2026-11-23.json");
        assert_eq!(
            file_name(None, "<script>x</script>", "2026-11-23"),
            "sentra-script-x-script-2026-11-23.json"
        );
    }

    #[test]
    fn unshared_records_are_those_changed_since_the_last_export() {
        let mut a = Clock::new("a");
        let mut one = Record::new(Kind::Usaha, &mut ed(&mut a, 1));
        one.set("nama", json!("Satu"), &mut ed(&mut a, 2));
        let two = Record::new(Kind::Mitra, &mut ed(&mut a, 3));
        assert_eq!(unshared([&one, &two], None).len(), 2, "never exported: all");
        let mark = export_mark([&one, &two]).unwrap();
        assert!(unshared([&one, &two], Some(&mark)).is_empty());
        one.set("nama", json!("Satu lagi"), &mut ed(&mut a, 10));
        assert_eq!(unshared([&one, &two], Some(&mark)), vec![&one]);
        one.set_deleted(true, &mut ed(&mut a, 11));
        assert_eq!(
            unshared([&one, &two], Some(&mark)).len(),
            1,
            "a delete must travel too"
        );
    }

    #[test]
    fn the_preview_counts_each_record_once_by_what_the_import_does_to_it() {
        let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
        let mut base = Vec::new();
        for i in 0..5 {
            let mut r = Record::new(Kind::Usaha, &mut ed(&mut a, 10 + i));
            r.set("nama", json!(format!("U{i}")), &mut ed(&mut a, 20 + i));
            base.push(r);
        }
        for r in &base {
            b.observe(latest(r));
        }
        let local: BTreeMap<Id, Record> = base.iter().map(|r| (r.id.clone(), r.clone())).collect();
        let mut from_b = base.clone();
        from_b[1].set("nama", json!("U1 dari B"), &mut ed(&mut b, 100)); // updated
        from_b[2].set_deleted(true, &mut ed(&mut b, 101)); // deleted
        from_b[3].set("nama", json!("U3 dari B"), &mut ed(&mut b, 102)); // conflicting, see below
        let mut fresh = Record::new(Kind::Sentra, &mut ed(&mut b, 103)); // new
        fresh.set("nama", json!("Sentra baru"), &mut ed(&mut b, 104));
        from_b.push(fresh);
        let mut local = local;
        let edited = local.get_mut(&base[3].id).unwrap();
        edited.set("nama", json!("U3 di sini"), &mut ed(&mut a, 105));

        let p = plan(&local, &from_b);
        assert_eq!(
            p.counts[&Kind::Usaha],
            Counts {
                new: 0,
                updated: 1,
                unchanged: 2,
                conflicting: 1,
                deleted: 1
            }
        );
        assert_eq!(p.counts[&Kind::Sentra].new, 1);
        assert_eq!(p.conflicts.len(), 1);
        assert_eq!(
            p.conflicts[0].lost.value,
            json!("U3 dari B"),
            "the later local edit wins"
        );
        // Conflicting record 3 keeps its local winner, so only 1, 2 and the new one are written.
        assert_eq!(p.write.len(), 3);

        // Not settled yet; settled on another device (its pick knew both), it leaves the inbox.
        assert!(!superseded(&local, &p.conflicts[0]));
        let mut elsewhere = local.clone();
        let c = &p.conflicts[0];
        elsewhere.get_mut(c.record.as_str()).unwrap().settle(
            "nama",
            c.lost.value.clone(),
            vec![c.lost.stamp.clone(), c.kept.stamp.clone()],
            &mut ed(&mut b, 200),
        );
        assert!(superseded(&elsewhere, c));

        // One record at a time, counts only: the same counts, nothing copied.
        let mut counting = Planner::counts_only();
        for r in &from_b {
            counting.add(&local, r);
        }
        let counted = counting.finish();
        assert_eq!(counted.counts, p.counts);
        assert!(counted.write.is_empty() && counted.conflicts.is_empty());

        // Applying the plan, then planning the same bundle again: nothing left to do.
        let mut applied = local.clone();
        for r in p.write {
            applied.insert(r.id.clone(), r);
        }
        let again = plan(&applied, &from_b);
        assert!(
            again.write.is_empty(),
            "a bundle applied twice changes nothing"
        );
        // The conflict is found again; with the inbox holding it, it is nothing new.
        assert_eq!(again.counts[&Kind::Usaha].unchanged, 4);
        assert_eq!(again.counts[&Kind::Usaha].conflicting, 1);
        assert_eq!(again.counts[&Kind::Sentra].unchanged, 1);
        let mut knowing = Planner::counts_only().knowing(p.conflicts.iter().map(Conflict::key));
        for r in &from_b {
            knowing.add(&applied, r);
        }
        let repeat = knowing.finish();
        assert_eq!(repeat.counts[&Kind::Usaha].unchanged, 5);
        assert_eq!(repeat.counts[&Kind::Usaha].conflicting, 0);
    }
}
