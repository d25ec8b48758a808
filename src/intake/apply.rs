//! The records a confirmed plan makes: new Usaha (or Sentra) for new ones, and the changes a row
//! brings to the record already here. The page saves them in one transaction.
//!
//! What a row changes on a record: every field the record lacks, and, when the row's list is
//! more recent than every list the record came from, the fields whose value the row gives
//! differently (the 2018 list updates what the 2017 list said; importing the 2017 list after the
//! 2018 one, or again, only fills gaps, so a correction typed since is kept). A record entered by hand keeps what the officer typed: a list only
//! fills its gaps. A cell left empty never clears a field. The row's year joins the record's
//! list years ("tahun data"). A row that changes nothing writes nothing, so the same file
//! imported twice creates and changes nothing the second time.
//!
//! A Sentra keeps no list years (they are an Usaha's, `usaha::tahun_data`; the model and the
//! bundle format have them for Usaha only), so no Sentra list is known to be more recent than
//! what the device holds: a Sentra a row matches only has its gaps filled.

use super::plan::{Outcome, Plan, Row};
use crate::model::rules::Today;
use crate::model::usaha::{tahun_data, tahun_data_key};
use crate::model::{Editor, Id, Kind, Record};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The fields `row` would set on `record`, with their values.
pub fn changes(record: &Record, row: &Row, today: &Today) -> Vec<(String, Value)> {
    let Ok(values) = row.form.validate(today) else {
        return Vec::new();
    };
    let usaha = record.kind == Kind::Usaha;
    let latest = tahun_data(record).into_iter().max();
    let newer = usaha && matches!((row.year, latest), (Some(y), Some(l)) if y > l);
    let mut out: Vec<(String, Value)> = values
        .into_iter()
        .filter(|(key, value)| row.written.contains(key) && !value.is_null())
        .filter(|(key, value)| match record.get(key) {
            None => true,
            Some(now) => newer && now != value,
        })
        .map(|(key, value)| (key.to_string(), value))
        .collect();
    if let Some(y) = row.year.filter(|_| usaha) {
        if !tahun_data(record).contains(&y) {
            out.push((tahun_data_key(y), json!(true)));
        }
    }
    out
}

/// The records to save for a confirmed plan: new ones and changed ones, each once, by id.
pub fn apply(
    plan: &Plan,
    records: &BTreeMap<Id, Record>,
    editor: &mut Editor,
    today: &Today,
) -> BTreeMap<Id, Record> {
    let mut applier = Applier::default();
    while !applier.step(plan, records, editor, today, usize::MAX) {}
    applier.finish()
}

/// [`apply`] a slice of rows at a time, so that a page making 50,000 records keeps responding.
#[derive(Default)]
pub struct Applier {
    next: usize,
    out: BTreeMap<Id, Record>,
    /// The record each created row became, by its row number.
    made: BTreeMap<usize, Id>,
}

impl Applier {
    /// Applies up to `rows` more rows of the plan; `true` when all are done.
    pub fn step(
        &mut self,
        plan: &Plan,
        records: &BTreeMap<Id, Record>,
        editor: &mut Editor,
        today: &Today,
        rows: usize,
    ) -> bool {
        let end = self.next.saturating_add(rows).min(plan.rows.len());
        for row in &plan.rows[self.next..end] {
            self.row(row, records, editor, today);
        }
        self.next = end;
        end >= plan.rows.len()
    }

    pub fn finish(self) -> BTreeMap<Id, Record> {
        self.out
    }

    fn row(
        &mut self,
        row: &Row,
        records: &BTreeMap<Id, Record>,
        editor: &mut Editor,
        today: &Today,
    ) {
        let (out, made) = (&mut self.out, &mut self.made);
        let target = match &row.outcome {
            Outcome::Refused(_) => return,
            Outcome::Update { id, .. } => records.get(id).cloned().map(|r| (id.clone(), r)),
            Outcome::SameAsRow(line) => made
                .get(line)
                .and_then(|id| out.get(id).cloned().map(|r| (id.clone(), r))),
            Outcome::Create => {
                let r = Record::new(row.form.kind(), editor);
                made.insert(row.line, r.id.clone());
                Some((r.id.clone(), r))
            }
        };
        let Some((id, base)) = target else { return };
        let earlier = out.remove(&id);
        let taken_before = earlier.is_some();
        let mut record = earlier.unwrap_or(base);
        let created = row.outcome == Outcome::Create;
        let set: Vec<(String, Value)> = if created {
            // A new record takes the whole form, defaults included (its status), and an Usaha
            // its list's year.
            let mut all: Vec<(String, Value)> = row
                .form
                .validate(today)
                .map(|v| {
                    v.into_iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| (k.to_string(), v))
                        .collect()
                })
                .unwrap_or_default();
            let usaha = row.form.kind() == Kind::Usaha;
            all.extend(
                row.year
                    .filter(|_| usaha)
                    .map(|y| (tahun_data_key(y), json!(true))),
            );
            all
        } else {
            changes(&record, row, today)
        };
        let mut changed = created;
        for (key, value) in set {
            changed |= record.set(&key, value, editor);
        }
        if changed || taken_before {
            out.insert(id, record);
        }
    }
}
