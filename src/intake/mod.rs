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
pub mod headers;
pub mod layout;
pub mod place;
pub mod plan;
pub mod values;
pub mod workbook;

use serde::{Deserialize, Serialize};

/// The shape of what the workbook reader (`src/bin/import_worker.rs`) answers; raised when
/// [`Cell`] or [`Table`] change, so that a page never reads a worker of another build.
pub const WORKER_PROTOCOL: u32 = 1;

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
