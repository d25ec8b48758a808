//! Exports made on the device: one table per record kind, with Indonesian headers, region codes
//! beside their names, choices by label and the computed classes, written as CSV or as an XLSX
//! workbook (one sheet per kind). Pure: the page only offers the bytes.
//!
//! Two rules hold for every cell: no text becomes a formula, and phone numbers are masked unless
//! the officer ticked "sertakan data pribadi" (UU 27/2022). In a CSV, text beginning with `=`,
//! `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (`guard`), since whatever
//! opens the file decides what a cell is. An XLSX cell says what it is: text is written as typed
//! in a string cell, which no spreadsheet runs, and one that starts like a formula carries Excel's
//! quote prefix so that editing it in Excel keeps it text (an apostrophe written into the text,
//! as in the CSV, would show in the cell).

use crate::i18n::{Lang, Msg};
use crate::model::kinds::{self, ovop_reached, OVOP_STAGES};
use crate::model::photo;
use crate::model::privasi::mask_phone;
use crate::model::schema::{values_of, FieldSpec, Schema, Ty};
use crate::model::usaha::{self, classes};
use crate::model::{Kind, Record, Val};
use crate::names::Lookup;
use crate::wilayah::kecamatan_of_desa;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The language of every header and label in an export: the office's reports are Indonesian.
const LANG: Lang = Lang::Id;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// One record kind as a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub kind: Kind,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The sheet's name: the kind's name (every one is a valid Excel sheet name).
    pub fn name(&self) -> &'static str {
        self.kind.label().text(LANG)
    }
}

/// Whether a spreadsheet would take this text, typed or read from a CSV, for a formula.
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// For CSV: text a spreadsheet would run as a formula, made inert with a leading apostrophe.
pub fn guard(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn t(msg: Msg) -> String {
    msg.text(LANG).to_string()
}

fn text_cell(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

/// A phone number, masked unless the officer asked for personal data.
fn phone_cell(phone: &str, personal: bool) -> Cell {
    text_cell(if personal {
        phone.to_string()
    } else {
        mask_phone(phone)
    })
}

fn number_cell(v: Option<&Val>) -> Cell {
    v.and_then(Val::as_f64).map_or(Cell::Empty, Cell::Number)
}

/// A column: its header and how a record fills it.
struct Column<'a> {
    header: String,
    cell: Box<dyn Fn(&Record) -> Cell + 'a>,
}

fn col<'a>(header: String, cell: impl Fn(&Record) -> Cell + 'a) -> Column<'a> {
    Column {
        header,
        cell: Box::new(cell),
    }
}

/// The columns of a region field: codes and names, kecamatan and kabupaten included.
fn region_columns<'a>(key: &'static str, ty: Ty, names: &'a Lookup) -> Vec<Column<'a>> {
    match ty {
        Ty::Desa => vec![
            col(t(Msg::ExportKodeDesa), move |r| text_cell(r.text(key))),
            col(t(Msg::DesaLabel), move |r| {
                text_cell(
                    names
                        .gazetteer
                        .village_name(r.text(key))
                        .unwrap_or_default(),
                )
            }),
            col(t(Msg::ExportKodeKecamatan), move |r| {
                text_cell(kecamatan_of_desa(r.text(key)).unwrap_or_default())
            }),
            col(t(Msg::KecamatanLabel), move |r| {
                let name =
                    kecamatan_of_desa(r.text(key)).and_then(|k| names.gazetteer.kecamatan_name(k));
                text_cell(name.unwrap_or_default())
            }),
            col(t(Msg::FieldKabupaten), move |r| {
                let c = r.text(key);
                let name = c.get(..5).and_then(|k| names.gazetteer.kabupaten_name(k));
                text_cell(name.unwrap_or_default())
            }),
        ],
        Ty::Kecamatan => vec![
            col(t(Msg::ExportKodeKecamatan), move |r| text_cell(r.text(key))),
            col(t(Msg::KecamatanLabel), move |r| {
                text_cell(
                    names
                        .gazetteer
                        .kecamatan_name(r.text(key))
                        .unwrap_or_default(),
                )
            }),
        ],
        _ => vec![
            col(t(Msg::ExportKodeKabupaten), move |r| text_cell(r.text(key))),
            col(t(Msg::FieldKabupaten), move |r| {
                let c = r.text(key);
                let name = names
                    .index
                    .and_then(|i| i.kabupaten(c))
                    .map(|k| k.name.as_str())
                    .or_else(|| names.gazetteer.kabupaten_name(c));
                text_cell(name.unwrap_or_default())
            }),
        ],
    }
}

/// The columns of a schema field.
fn field_columns<'a>(
    spec: &'static FieldSpec,
    names: &'a Lookup,
    personal: bool,
) -> Vec<Column<'a>> {
    let key = spec.key;
    match spec.ty {
        Ty::Desa | Ty::Kecamatan | Ty::Kabupaten => region_columns(key, spec.ty, names),
        Ty::Gps => vec![
            col(t(Msg::FieldLat), move |r| number_cell(r.get("lat"))),
            col(t(Msg::FieldLon), move |r| number_cell(r.get("lon"))),
        ],
        Ty::Rupiah | Ty::Year { .. } | Ty::Count | Ty::Hectare => {
            vec![col(t(spec.label), move |r| number_cell(r.get(key)))]
        }
        Ty::Phone => vec![col(t(spec.label), move |r| {
            phone_cell(r.text(key), personal)
        })],
        // Dates stay ISO (2021-03-31): they sort as text and read the same in every locale.
        Ty::Date { .. } => vec![col(t(spec.label), move |r| text_cell(r.text(key)))],
        _ => vec![col(t(spec.label), move |r| {
            names
                .shown_field(r, spec, !personal)
                .map_or(Cell::Empty, text_cell)
        })],
    }
}

/// The record's photos by file name (`<sha256>.jpg`, as a download or the office's photo
/// folder names them), separated by "; ", in the order the record lists them: never the field's
/// raw description.
fn photo_column<'a>() -> Column<'a> {
    col(t(Msg::FieldFoto), |r| {
        let names: Vec<String> = photo::photos(r)
            .iter()
            .map(|(hash, p)| photo::file_name(hash, p))
            .collect();
        if names.is_empty() {
            Cell::Empty
        } else {
            text_cell(names.join("; "))
        }
    })
}

/// What every sheet ends with: when the record was entered and last changed, by whom, its id.
fn record_columns<'a>() -> Vec<Column<'a>> {
    vec![
        col(t(Msg::ExportDicatat), |r| {
            text_cell(crate::format::iso_utc(r.created.wall))
        }),
        col(t(Msg::ExportDiubah), |r| {
            text_cell(crate::format::iso_utc(r.last_change().0.wall))
        }),
        col(t(Msg::ExportPetugas), |r| text_cell(r.last_change().1)),
        col(t(Msg::ExportId), |r| text_cell(&*r.id)),
    ]
}

fn schema_columns<'a>(
    schema: &'static Schema,
    names: &'a Lookup,
    personal: bool,
) -> Vec<Column<'a>> {
    let mut cols: Vec<Column> = schema
        .fields()
        .flat_map(|spec| field_columns(spec, names, personal))
        .collect();
    match schema.kind {
        Kind::Sentra => cols.push(col(t(Msg::ExportJumlahAnggota), |r| {
            Cell::Number(r.links("anggota").len() as f64)
        })),
        Kind::SurveiDesa => cols.push(col(t(Msg::OvopReached), |r| {
            ovop_reached(&values_of(r)).map_or(Cell::Empty, |i| text_cell(t(OVOP_STAGES[i].label)))
        })),
        _ => {}
    }
    cols
}

fn usaha_columns<'a>(names: &'a Lookup, personal: bool) -> Vec<Column<'a>> {
    let mut cols = Vec::new();
    for &(key, label) in usaha::LABELS {
        match key {
            "desa" => cols.extend(region_columns("desa", Ty::Desa, names)),
            "lon" => {}
            "lat" => cols.extend([
                col(t(Msg::FieldLat), |r| number_cell(r.get("lat"))),
                col(t(Msg::FieldLon), |r| number_cell(r.get("lon"))),
            ]),
            "tenaga_kerja" | "modal" | "penjualan" | "investasi" | "tahun_mulai" => {
                cols.push(col(t(label), move |r| number_cell(r.get(key))))
            }
            "telepon" => cols.push(col(t(label), move |r| {
                phone_cell(r.text("telepon"), personal)
            })),
            "status" => cols.push(col(t(label), |r| {
                text_cell(t(usaha::status_label(r.text("status"))))
            })),
            "halal_status" => cols.push(col(t(label), |r| {
                text_cell(
                    usaha::halal_label(r.text("halal_status"))
                        .map(t)
                        .unwrap_or_default(),
                )
            })),
            _ => cols.push(col(t(label), move |r| text_cell(r.text(key)))),
        }
    }
    let class = |label: Option<Msg>| text_cell(t(label.unwrap_or(Msg::DataBelumCukup)));
    cols.extend([
        col(t(Msg::ClassUmkmLabel), move |r| {
            class(classes(r).umkm.map(|c| c.label()))
        }),
        col(t(Msg::ClassIndustriLabel), move |r| {
            class(classes(r).industri.map(|c| c.label()))
        }),
        col(t(Msg::ClassBpsLabel), move |r| {
            class(classes(r).bps.map(|c| c.label()))
        }),
    ]);
    cols
}

/// The table of `kind` over `records` (records of other kinds and deleted ones are left out),
/// in the order given.
pub fn sheet<'r>(
    kind: Kind,
    records: impl IntoIterator<Item = &'r Record>,
    names: &Lookup,
    personal: bool,
) -> Sheet {
    let mut cols = match kinds::schema(kind) {
        Some(schema) => schema_columns(schema, names, personal),
        None => usaha_columns(names, personal),
    };
    if photo::has_photos(kind) {
        cols.push(photo_column());
    }
    cols.extend(record_columns());
    let rows = records
        .into_iter()
        .filter(|r| r.kind == kind && !r.is_deleted())
        .map(|r| cols.iter().map(|c| (c.cell)(r)).collect())
        .collect();
    Sheet {
        kind,
        headers: cols.into_iter().map(|c| c.header).collect(),
        rows,
    }
}

/// A sheet as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the letters
/// right), comma-separated, CRLF line ends, every text quoted when it needs it (RFC 4180).
/// Numbers are written plainly ("20000000", "-7.0123"); Excel in an Indonesian locale expects
/// semicolons, which is one reason XLSX is the export offered first.
pub fn csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &mut dyn Iterator<Item = Cow<str>>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            if cell.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&cell);
            }
        }
        out.push_str("\r\n");
    };
    line(&mut sheet.headers.iter().map(|h| guard(h)));
    for row in &sheet.rows {
        line(&mut row.iter().map(|c| match c {
            Cell::Text(s) => guard(s),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Empty => Cow::Borrowed(""),
        }));
    }
    out
}

/// Sheets as an XLSX workbook (`super::xlsx`): a bold, frozen header row with filters on every
/// sheet, money and counts as numbers with thousands grouped by the reader's locale, text as typed
/// (no `guard`: a string cell is never a formula; text that starts like one gets the quote
/// prefix, so editing the cell in Excel does not turn it into a formula). In the app it runs in a
/// worker (`crate::web::workbook`): for 50,000 Usaha it takes over a second.
#[cfg(not(target_arch = "wasm32"))]
pub use super::xlsx::xlsx;
