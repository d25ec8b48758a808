//! Bringing an office's existing lists in (issue 16): Usaha and Sentra from the Excel workbooks
//! and CSV files offices already keep, on the device, offline. Pure: the page reads the file
//! (CSV here, XLSX through calamine) into [`Table`]s and shows what this module plans.
//!
//! The way in, step by step:
//! - a file becomes sheets of [`Cell`]s (`csv` here; XLSX outside the pure layer);
//! - the header row is found and each column's field guessed from how offices write headers
//!   (`headers`), which the officer may correct, and a mapping may be kept for the next file;
//! - each cell becomes the text the form would hold (`values`: money as offices write it,
//!   Indonesian and Excel dates, numbers stored as text), village and kecamatan names become
//!   official codes, and each row is checked with the form's own rules;
//! - the plan says per row what will be created, updated or refused and why; nothing is written
//!   until the officer confirms, and the apply is one transaction, like a received file.

pub mod apply;
pub mod csv;
pub mod form;
pub mod headers;
pub mod layout;
pub mod place;
pub mod plan;
mod spellings;
pub mod template;
pub mod values;
pub mod workbook;

use serde::{Deserialize, Serialize};

/// The shape of what the workbook reader (`src/bin/import_worker.rs`) answers; raised when
/// [`Cell`] or [`Table`] change, so that a page never reads a worker of another build.
pub const WORKER_PROTOCOL: u32 = 2;

/// Rows per [`Part`] of the worker's answer: a page decodes one part at a time, so 50,000 rows
/// never hold it at once.
pub const PART_ROWS: usize = 2_000;

/// A piece of the worker's answer: some rows of one sheet (the first piece of a sheet names it;
/// a sheet with no rows still comes as one empty piece).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub sheet: u32,
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// The pieces the worker sends for these sheets.
pub fn parts(tables: Vec<Table>) -> Vec<Part> {
    let mut out = Vec::new();
    for (sheet, table) in tables.into_iter().enumerate() {
        let mut rows = table.rows.into_iter().peekable();
        let mut first = true;
        while first || rows.peek().is_some() {
            out.push(Part {
                sheet: sheet as u32,
                name: table.name.clone(),
                rows: rows.by_ref().take(PART_ROWS).collect(),
            });
            first = false;
        }
    }
    out
}

/// Sheets put back together from their pieces, in order.
pub fn join_parts(tables: &mut Vec<Table>, part: Part) {
    let i = part.sheet as usize;
    if tables.len() <= i {
        tables.resize_with(i + 1, Table::default);
        tables[i].name = part.name;
    }
    tables[i].rows.extend(part.rows);
}

/// One cell of a sheet as read from a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number the file marks as a date: Excel's serial day count (1900 date system, day 1 is
    /// 1900-01-01, with Excel's phantom 29 February 1900), the fraction being the time of day.
    Date(f64),
    Bool(bool),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_join_back_into_the_same_sheets() {
        let big = Table {
            name: "IKM".into(),
            rows: (0..4_500).map(|i| vec![Cell::Number(i as f64)]).collect(),
        };
        let empty = Table {
            name: "Kosong".into(),
            rows: vec![],
        };
        let sheets = vec![big, empty];
        let pieces = parts(sheets.clone());
        assert_eq!(
            pieces.len(),
            4,
            "three pieces of the big sheet, one of the empty one"
        );
        let mut back = Vec::new();
        for p in pieces {
            join_parts(&mut back, p);
        }
        assert_eq!(back, sheets);
    }
}

/// Whether a file's bytes are a workbook (XLSX and ODS are zip archives, XLS an OLE compound
/// file) rather than text such as CSV: by the bytes, never the name.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// One sheet (a CSV file is one), rows as read, empty rows included so row numbers match what
/// the officer sees in the spreadsheet (row 1 is the first).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}
