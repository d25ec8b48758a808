//! A group's pushes merged (pure CPU work, run off the async workers): each push in its turn
//! over the records as the pushes before it left them, its records placed in a kabupaten and
//! checked against its scope, and the rows the group writes (`super::write_group`).

use super::PushError;
use crate::admin::Caller;
use crate::scope::{kabupaten_of, Scope};
use sentra::bundle::Bundle;
use sentra::model::merge::Conflict;
use sentra::model::photo::referenced;
use sentra::model::{Id, Kind, Record};
use sentra::sharing::{Counts, Planner};
use std::collections::{BTreeMap, HashMap};

/// One push's merge, over the records as the pushes before it in its group left them.
pub(super) struct Merged {
    pub counts: BTreeMap<Kind, Counts>,
    pub conflicts: Vec<Conflict>,
    /// The records it changes.
    pub write: usize,
    /// For its audit row: the bundle's checksum and how many records it held.
    pub checksum: String,
    pub received: usize,
}

/// A record as written: the last version a group gives it, numbered by its last change.
pub(super) struct Row {
    pub id: String,
    pub kind: &'static str,
    pub kabupaten: String,
    pub seq: i64,
    pub body: String,
    /// The photos it refers to while live (`sentra::model::photo::referenced`).
    pub photos: Vec<String>,
    /// Whether the hub held it before this group (it may have references to replace).
    pub was_stored: bool,
}

impl Merged {
    pub fn counts_json(&self) -> String {
        serde_json::to_string(&self.counts).expect("counts serialise")
    }
}

/// The pushes of a group merged one after the other over `stored`: each push's merge (or its
/// refusal) and the rows to write. Records are numbered from `seq` on, push by push, in the
/// order each push writes them; a record two pushes change is written once, as the later left
/// it, with the later number.
pub(super) fn merge_group(
    pushes: Vec<(Caller, Bundle)>,
    mut stored: BTreeMap<Id, Record>,
    mut stored_in: HashMap<Id, String>,
    mut seq: i64,
) -> (Vec<Result<Merged, PushError>>, Vec<Row>) {
    let mut merged = Vec::with_capacity(pushes.len());
    // Where each changed record's row is in `rows`.
    let mut row_of: HashMap<Id, usize> = HashMap::new();
    let mut rows: Vec<Row> = Vec::new();
    for (caller, bundle) in pushes {
        let mut planner = Planner::default();
        for r in &bundle.records {
            planner.add(&stored, r);
        }
        let plan = planner.finish();
        let placed = match place(
            &caller.scope,
            &bundle.records,
            &stored,
            &stored_in,
            &plan.write,
        ) {
            Ok(placed) => placed,
            Err(outside) => {
                merged.push(Err(PushError::OutOfScope(outside)));
                continue;
            }
        };
        let write = plan.write.len();
        for r in plan.write {
            seq += 1;
            let kabupaten = placed[&r.id].clone();
            let row = Row {
                id: r.id.to_string(),
                kind: r.kind.key(),
                kabupaten: kabupaten.clone(),
                seq,
                body: serde_json::to_string(&r).expect("a record serialises"),
                photos: referenced([&r]).into_iter().collect(),
                was_stored: stored_in.contains_key(&r.id),
            };
            match row_of.get(&r.id) {
                Some(&at) => rows[at] = row,
                None => {
                    row_of.insert(r.id.clone(), rows.len());
                    rows.push(row);
                }
            }
            stored_in.insert(r.id.clone(), kabupaten);
            stored.insert(r.id.clone(), r);
        }
        merged.push(Ok(Merged {
            counts: plan.counts,
            conflicts: plan.conflicts,
            write,
            checksum: bundle.checksum,
            received: bundle.records.len(),
        }));
    }
    (merged, rows)
}

/// The kabupaten every record to write is stored under, or the ids of the received records
/// outside `scope`. A record belongs where its region field says (as merged: the value that
/// wins); one without a region field stays where it is stored, or, new, goes to the pushing
/// officer's kabupaten (or province). A record already stored outside the scope cannot be
/// changed from inside it either.
fn place(
    scope: &Scope,
    received: &[Record],
    stored: &BTreeMap<Id, Record>,
    stored_in: &HashMap<Id, String>,
    write: &[Record],
) -> Result<HashMap<Id, String>, Vec<String>> {
    let written: HashMap<&str, &Record> = write.iter().map(|r| (&*r.id, r)).collect();
    let mut placed = HashMap::new();
    let mut outside = Vec::new();
    for r in received {
        let now = written
            .get(&*r.id)
            .copied()
            .or_else(|| stored.get(&r.id))
            .unwrap_or(r);
        let was = stored_in.get(&r.id);
        let kabupaten = kabupaten_of(now)
            .or_else(|| was.cloned())
            .unwrap_or_else(|| scope.code().to_string());
        if !scope.holds(&kabupaten) || was.is_some_and(|k| !scope.holds(k)) {
            outside.push(r.id.to_string());
        } else if written.contains_key(&*r.id) {
            placed.insert(r.id.clone(), kabupaten);
        }
    }
    if outside.is_empty() {
        Ok(placed)
    } else {
        Err(outside)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sentra::bundle::{Header, Scope as BundleScope};
    use sentra::model::hlc::Clock;
    use sentra::model::Editor;
    use serde_json::json;

    fn caller(device: &str, scope: &str) -> Caller {
        Caller {
            device: device.into(),
            officer: format!("officer of {device}"),
            officer_name: device.into(),
            scope: Scope::parse(scope).unwrap(),
        }
    }

    fn bundle(records: Vec<Record>, checksum: &str) -> Bundle {
        Bundle {
            header: Header {
                created_ms: 1_795_400_000_000,
                device: "d".into(),
                officer: "o".into(),
                kabupaten: None,
                scope: BundleScope::All,
            },
            created: String::new(),
            records,
            checksum: checksum.into(),
            photos: Default::default(),
        }
    }

    /// A group is each push merged in its turn: the second push's edit of a record the first
    /// creates counts as a change over it, a refused push changes nothing and the ones after it
    /// still go in, and a record two pushes change is one row with the later number.
    #[test]
    fn a_group_merges_each_push_over_the_ones_before_it() {
        let mut clock = Clock::new("perangkat-a");
        let mut ed = Editor {
            clock: &mut clock,
            officer: "Ani",
            now_ms: 1_795_400_000_000,
        };
        let mut usaha = Record::new(Kind::Usaha, &mut ed);
        usaha.set("nama", json!("Batik Sekar"), &mut ed);
        usaha.set("desa", json!("35.29.02.2004"), &mut ed);
        let created = usaha.clone();
        usaha.set("nama", json!("Batik Sekar Arum"), &mut ed);
        let mut elsewhere = Record::new(Kind::Usaha, &mut ed);
        elsewhere.set("desa", json!("35.01.01.2001"), &mut ed);
        let other = {
            let mut r = Record::new(Kind::Usaha, &mut ed);
            r.set("desa", json!("35.29.01.2001"), &mut ed);
            r
        };

        let pushes = vec![
            (
                caller("a", "35.29"),
                bundle(vec![created.clone()], "sha256:1"),
            ),
            (caller("b", "35.29"), bundle(vec![elsewhere], "sha256:2")),
            (
                caller("a", "35.29"),
                bundle(vec![usaha.clone(), other.clone()], "sha256:3"),
            ),
            // The first push again (a retry): nothing changes.
            (caller("a", "35.29"), bundle(vec![created], "sha256:1")),
        ];
        let (merged, rows) = merge_group(pushes, BTreeMap::new(), HashMap::new(), 100);

        let counts = |i: usize| match &merged[i] {
            Ok(m) => (
                m.counts[&Kind::Usaha].new,
                m.counts[&Kind::Usaha].updated,
                m.write,
            ),
            Err(e) => panic!("push {i}: {e:?}"),
        };
        assert_eq!(counts(0), (1, 0, 1));
        assert!(matches!(&merged[1], Err(PushError::OutOfScope(ids)) if ids.len() == 1));
        assert_eq!(counts(2), (1, 1, 2));
        assert_eq!(counts(3), (0, 0, 0));
        let written: Vec<(&str, i64)> = rows.iter().map(|r| (r.id.as_str(), r.seq)).collect();
        assert_eq!(written, [(&*usaha.id, 102), (&*other.id, 103)]);
        assert!(rows[0].body.contains("Batik Sekar Arum"));
        assert_eq!(rows[1].kabupaten, "35.29");
        let third = merged[2].as_ref().unwrap();
        assert_eq!((third.checksum.as_str(), third.received), ("sha256:3", 2));
    }
}
