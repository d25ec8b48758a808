//! What an office's Usaha or Sentra list would do to the device, row by row, before anything is
//! written: each row read into the kind's form (as if typed, [`RowForm`]), its village matched,
//! checked with the form's own rules, and matched against the records of that kind already here
//! and the rows above it. The officer
//! sees the counts and every refused row with its reasons, resolves the places that matched
//! several villages, and confirms; [`super::apply`] then makes the records.
//!
//! A row is the same business as a record when it names the record's id (the app's own export),
//! has its NIB, or has a similar name in the same village and no other owner (the form's
//! duplicate check, with the owner added: two "Warung Makan" of one village with different owners
//! are two businesses). A Sentra is the same as a record when it names its id or has a similar
//! name in the same village (the same name rule; a Sentra has no NIB or owner). Two rows of one
//! file that are the same business make one record.

use super::form::RowForm;
use super::headers::{
    self, DESA_KODE, DESA_NAMA, ID, KABUPATEN, KECAMATAN_KODE, KECAMATAN_NAMA, SKIP, TAHUN_DATA,
};
use super::layout::Layout;
use super::place::{Place, Places};
use super::{values, Cell, Table};
use crate::i18n::Msg;
use crate::model::rules::Today;
use crate::model::usaha;
use crate::model::{Id, Kind, Record};
use crate::wilayah::{search, Gazetteer, VillageRef};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the officer decided after a first look: a column's field changed, the list's year, a
/// village chosen for a place that matched several, rows to take as new businesses even though
/// they match a record or an earlier row.
#[derive(Clone, Debug, Default)]
pub struct Choices {
    /// Each column's field ([`headers`] keys; `None`: not taken).
    pub columns: Vec<Option<&'static str>>,
    /// The list's year for rows without a year of their own.
    pub year: Option<i32>,
    /// Village codes chosen, by the place as the row wrote it: (village, kecamatan).
    pub villages: HashMap<(String, String), String>,
    /// Spreadsheet row numbers to take as new businesses.
    pub new_rows: HashSet<usize>,
}

impl Choices {
    /// The guesses for a sheet's layout: columns by their headers, the year its title gives.
    pub fn guessed(layout: &Layout) -> Self {
        Choices {
            columns: headers::guess_columns(layout.kind, &layout.headers),
            year: layout.year,
            ..Choices::default()
        }
    }
}

/// One reason a row is refused: the field (a form key, or `desa`) and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub field: &'static str,
    pub msg: Msg,
    pub args: Vec<(&'static str, String)>,
    /// For a place that matched several villages: the candidates to choose from.
    pub candidates: Vec<VillageRef>,
}

impl Problem {
    fn new(field: &'static str, msg: Msg) -> Self {
        Problem {
            field,
            msg,
            args: Vec::new(),
            candidates: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A new Usaha.
    Create,
    /// The same business as a record on the device: that record takes the row (`changes`:
    /// fields it would change, 0 when the row says nothing new, as when a file comes twice).
    Update { id: Id, changes: usize },
    /// The same business as an earlier row of the file (its row number): one record for both.
    SameAsRow(usize),
    /// Not taken, for these reasons.
    Refused(Vec<Problem>),
}

/// One row of the list: its number as the spreadsheet shows it, the form it reads as, the list
/// year it counts in, and what it would do.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: usize,
    pub form: RowForm,
    pub year: Option<i32>,
    /// The place as written (village, kecamatan), for choosing among several.
    pub place: (String, String),
    /// The form fields the row wrote (a default, such as the status of a row without one, is
    /// not written: it never overwrites a record).
    pub written: Vec<&'static str>,
    /// The record id the row names (the app's own export's "ID catatan"), if any.
    pub id: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub rows: Vec<Row>,
}

/// The counts shown before the officer confirms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    pub same_as_row: usize,
    pub refused: usize,
}

impl Plan {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rows {
            match &r.outcome {
                Outcome::Create => c.create += 1,
                Outcome::Update { changes: 0, .. } => c.unchanged += 1,
                Outcome::Update { .. } => c.update += 1,
                Outcome::SameAsRow(_) => c.same_as_row += 1,
                Outcome::Refused(_) => c.refused += 1,
            }
        }
        c
    }
}

/// The plan of a sheet's rows (from `layout.first_row`) within the working `area`, in one go
/// ([`Planner`] makes it a slice at a time).
pub fn plan(
    table: &Table,
    layout: &Layout,
    choices: &Choices,
    records: &BTreeMap<Id, Record>,
    gazetteer: &Gazetteer,
    area: &str,
    today: &Today,
) -> Plan {
    let mut planner = Planner::new(layout, records, area);
    while !planner.step(table, choices, records, gazetteer, today, usize::MAX) {}
    planner.finish()
}

/// A plan made a slice of rows at a time, so that a page planning 50,000 rows stays responsive:
/// what it needs between slices (the places matched, the businesses known) it owns; the sheet,
/// the records and the gazetteer are lent at each step.
pub struct Planner {
    kind: Kind,
    next: usize,
    places: Places,
    known: Known,
    listed: Known,
    plan: Plan,
}

impl Planner {
    pub fn new(layout: &Layout, records: &BTreeMap<Id, Record>, area: &str) -> Self {
        let kind = layout.kind;
        let same_kind = records
            .values()
            .filter(|r| r.kind == kind && !r.is_deleted());
        Planner {
            kind,
            next: layout.first_row,
            places: Places::new(area),
            known: Known::of(same_kind),
            listed: Known::default(),
            plan: Plan::default(),
        }
    }

    /// How far through the sheet, in percent.
    pub fn progress(&self, table: &Table) -> u32 {
        (self.next.min(table.rows.len()) * 100 / table.rows.len().max(1)) as u32
    }

    /// Plans up to `rows` more rows; `true` when the sheet is done.
    pub fn step(
        &mut self,
        table: &Table,
        choices: &Choices,
        records: &BTreeMap<Id, Record>,
        gazetteer: &Gazetteer,
        today: &Today,
        rows: usize,
    ) -> bool {
        let end = self.next.saturating_add(rows).min(table.rows.len());
        for i in self.next..end {
            let line = i + 1;
            let cells = &table.rows[i];
            let read = read_row(
                RowForm::new(self.kind),
                (line, cells),
                choices,
                &mut self.places,
                gazetteer,
                today,
            );
            let Some(mut row) = read else { continue };
            if !matches!(row.outcome, Outcome::Refused(_)) {
                row.outcome = match_row(&row, choices, records, &self.known, &self.listed, today);
                if row.outcome == Outcome::Create {
                    self.listed
                        .add(&format!("baris {line}"), &row.form, Some(line));
                }
                // A record a row updates is as the row leaves it for the rows below.
                if let Outcome::Update { id, .. } = &row.outcome {
                    self.known.add(&id.clone(), &row.form, None);
                }
            }
            self.plan.rows.push(row);
        }
        self.next = end;
        end >= table.rows.len()
    }

    pub fn finish(self) -> Plan {
        self.plan
    }
}

/// A row read into a form, or `None` for a row with nothing in the columns taken.
fn read_row(
    mut form: RowForm,
    (line, cells): (usize, &[Cell]),
    choices: &Choices,
    places: &mut Places,
    gazetteer: &Gazetteer,
    today: &Today,
) -> Option<Row> {
    let mut problems = Vec::new();
    let (mut code, mut village, mut kecamatan, mut year) =
        (String::new(), String::new(), String::new(), choices.year);
    let mut anything = false;
    let (mut written, mut id) = (Vec::new(), String::new());
    for (c, target) in choices.columns.iter().enumerate() {
        let Some(target) = *target else { continue };
        let cell = cells.get(c).unwrap_or(&Cell::Empty);
        if *cell == Cell::Empty || target == SKIP || target == KABUPATEN {
            continue;
        }
        anything = true;
        match target {
            DESA_KODE => code = values::text(cell),
            DESA_NAMA => village = values::text(cell),
            KECAMATAN_NAMA | KECAMATAN_KODE => kecamatan = values::text(cell),
            TAHUN_DATA => match values::year(cell).map(|y| y.parse().ok()) {
                Ok(y) => year = y.or(year),
                Err(msg) => problems.push(Problem::new("tahun_data", msg)),
            },
            ID => id = values::text(cell),
            key => match values::read(form.value_kind(key), cell).and_then(|t| form.choice(key, t))
            {
                Ok(text) => {
                    let text = summed(&form, key, text);
                    if let Some(k) = form.key(key).filter(|_| form.set(key, text)) {
                        written.push(k);
                    }
                }
                Err(msg) => problems.push(Problem::new(form.key(key).unwrap_or("catatan"), msg)),
            },
        }
    }
    if !anything {
        return None;
    }
    form.fill_defaults(today);
    match places.resolve(gazetteer, &code, &village, &kecamatan) {
        Place::Found {
            desa,
            kecamatan_differs,
        } => {
            form.set("desa", desa);
            written.push("desa");
            // Kept where the form has a field for it (an Usaha's written kecamatan).
            if kecamatan_differs && form.set("kecamatan_tertulis", kecamatan.clone()) {
                written.push("kecamatan_tertulis");
            }
        }
        Place::Several(candidates) => problems.push(Problem {
            candidates,
            ..Problem::new("desa", Msg::ImportDesaSeveral)
        }),
        Place::NotFound => problems.push(Problem::new("desa", Msg::ImportDesaNotFound)),
        Place::Missing => problems.push(Problem::new("desa", Msg::ErrDesaRequired)),
    }
    if let Some(chosen) = choices.villages.get(&(village.clone(), kecamatan.clone())) {
        problems.retain(|p| p.field != "desa");
        form.set("desa", chosen.clone());
        written.push("desa");
    }
    // Every field the list gives is checked and kept, also one the form shows only sometimes
    // (a P-IRT for a commodity the form does not take for food): an office's record is not
    // dropped because the form would not ask for it.
    if let Err(errors) = form.validate(today) {
        for e in errors {
            // A value already refused as read is not refused again by the form.
            if !problems.iter().any(|p| p.field == e.field) {
                problems.push(Problem {
                    args: e.args,
                    ..Problem::new(e.field, e.msg)
                });
            }
        }
    }
    let outcome = if problems.is_empty() {
        Outcome::Create
    } else {
        Outcome::Refused(problems)
    };
    Some(Row {
        line,
        form,
        year,
        place: (village, kecamatan),
        written,
        id,
        outcome,
    })
}

/// A count several columns give is their sum (workers written as "TK L" and "TK P"): the text
/// to keep when `text` is read for `key` after what the form already holds.
fn summed(form: &RowForm, key: &str, text: String) -> String {
    let before = form.get(key);
    if form.value_kind(key) != values::Kind::Count || before.is_empty() || text.is_empty() {
        return if text.is_empty() {
            before.to_string()
        } else {
            text
        };
    }
    match (before.parse::<u64>(), text.parse::<u64>()) {
        (Ok(a), Ok(b)) => a.saturating_add(b).to_string(),
        _ => text,
    }
}

/// A business known in a village: its record id (or "baris n"), folded name and owner, and the
/// row it came from when it came from this file.
type KnownBusiness = (String, String, String, Option<usize>);

/// Businesses by NIB and by village, to find the same one again without walking every record.
#[derive(Default)]
struct Known {
    nib: HashMap<String, (String, Option<usize>)>,
    /// Village code → the businesses known in it.
    desa: HashMap<String, Vec<KnownBusiness>>,
}

impl Known {
    fn of<'a>(records: impl Iterator<Item = &'a Record>) -> Self {
        let mut k = Known::default();
        for r in records {
            k.add(&r.id, &RowForm::of(r), None);
        }
        k
    }

    fn add(&mut self, id: &str, form: &RowForm, line: Option<usize>) {
        let nib = form.get("nib").trim();
        if !nib.is_empty() {
            self.nib.insert(nib.to_string(), (id.to_string(), line));
        }
        let entry = (
            id.to_string(),
            search::fold(form.get("nama")),
            search::fold(form.get("pemilik")),
            line,
        );
        let desa = form.get("desa").to_string();
        self.desa.entry(desa).or_default().push(entry);
    }

    /// The id (and row) of the business `form` is, if known.
    fn find(&self, form: &RowForm) -> Option<(String, Option<usize>)> {
        let nib = form.get("nib").trim();
        if let Some(hit) = self.nib.get(nib).filter(|_| !nib.is_empty()) {
            return Some(hit.clone());
        }
        let (name, owner) = (
            search::fold(form.get("nama")),
            search::fold(form.get("pemilik")),
        );
        let mut scratch = search::Scratch::default();
        self.desa
            .get(form.get("desa"))?
            .iter()
            .find_map(|(id, other, other_owner, line)| {
                let similar = usaha::similar_names(&name, other, &mut scratch);
                let same_owner =
                    owner.is_empty() || other_owner.is_empty() || *other_owner == owner;
                (similar && same_owner).then(|| (id.clone(), *line))
            })
    }
}

fn match_row(
    row: &Row,
    choices: &Choices,
    records: &BTreeMap<Id, Record>,
    known: &Known,
    listed: &Known,
    today: &Today,
) -> Outcome {
    if choices.new_rows.contains(&row.line) {
        return Outcome::Create;
    }
    let named = records
        .get(row.id.as_str())
        .filter(|r| r.kind == row.form.kind() && !r.is_deleted());
    if named.is_none() {
        if let Some((_, Some(line))) = listed.find(&row.form) {
            return Outcome::SameAsRow(line);
        }
    }
    match named.or_else(|| {
        known
            .find(&row.form)
            .and_then(|(id, _)| records.get(id.as_str()))
    }) {
        Some(record) => Outcome::Update {
            id: record.id.clone(),
            changes: super::apply::changes(record, row, today).len(),
        },
        None => Outcome::Create,
    }
}
