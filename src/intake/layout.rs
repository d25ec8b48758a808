//! Where a sheet's header and data are. Office workbooks rarely start at A1: a title or two
//! ("DATA IKM KABUPATEN PESISIR SELATAN TAHUN 2017"), an empty row, a header that may span two rows
//! (a merged "Tenaga Kerja" over "L" and "P", "Alamat" over "Desa" and "Kecamatan"), sometimes a
//! row numbering the columns "(1) (2) (3)", then the rows. The header is the row among the first
//! ones whose cells name the most known columns.

use super::headers::{exact, fold, guess, guess_columns, SKIP};
use super::{Cell, Table};
use crate::model::Kind;

/// Rows looked at for the header.
const HEADER_SEARCH: usize = 25;

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The kind of record the sheet is read as: the headers are guessed for it.
    pub kind: Kind,
    /// The header's rows, zero-based (one or two).
    pub header_rows: std::ops::Range<usize>,
    /// Each column's header, the rows of a two-row header joined ("Tenaga Kerja L").
    pub headers: Vec<String>,
    /// The first row of data, zero-based.
    pub first_row: usize,
    /// The year the title rows or the sheet's name give ("… TAHUN 2017", "IKM 2018"), when they
    /// give one year only: the list's year ("tahun data"), which the officer confirms.
    pub year: Option<i32>,
}

/// A cell's text as a header or title: numbers without a trailing ".0".
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.trim().to_string(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Empty | Cell::Date(_) | Cell::Bool(_) => String::new(),
    }
}

/// How many of a row's cells name a known column (a column to skip, such as "No", counts less).
fn score(kind: Kind, row: &[Cell]) -> usize {
    row.iter()
        .filter_map(|c| match c {
            Cell::Text(s) => guess(kind, s),
            _ => None,
        })
        .map(|t| if t == SKIP { 1 } else { 2 })
        .sum()
}

/// The sheet's layout, or `None` when no row among the first ones names two known columns.
pub fn layout(kind: Kind, table: &Table) -> Option<Layout> {
    let rows = &table.rows;
    let (top, best) = rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .map(|(i, r)| (i, score(kind, r)))
        .fold(
            (0, 0),
            |best, (i, s)| if s > best.1 { (i, s) } else { best },
        );
    if best < 4 {
        return None;
    }
    let parent: Vec<String> = rows[top].iter().map(cell_text).collect();
    let mut headers = parent.clone();
    let mut end = top + 1;
    if let Some(below) = rows.get(top + 1).filter(|r| is_sub_header(kind, r)) {
        let width = parent.len().max(below.len());
        headers.resize(width, String::new());
        // A merged cell keeps its text in its first column: carry it right over the columns its
        // sub-headers fill.
        let mut carried = String::new();
        for (c, header) in headers.iter_mut().enumerate() {
            let above = parent.get(c).cloned().unwrap_or_default();
            if !above.is_empty() {
                carried = above.clone();
            }
            let sub = below.get(c).map(cell_text).unwrap_or_default();
            *header = match (sub.is_empty(), above.is_empty()) {
                (true, _) => above,
                (false, _) if exact(kind, &sub).is_some_and(|t| t != SKIP) => sub,
                (false, true) => format!("{carried} {sub}").trim().to_string(),
                (false, false) => format!("{above} {sub}"),
            };
        }
        end = top + 2;
    }
    let mut first_row = end;
    if rows.get(first_row).is_some_and(|r| is_numbering(r)) {
        first_row += 1;
    }
    let mut years: Vec<i32> = rows[..top]
        .iter()
        .flatten()
        .map(cell_text)
        .chain([table.name.clone()])
        .flat_map(|t| years_in(&t))
        .collect();
    crate::sort::plain(&mut years);
    years.dedup();
    Some(Layout {
        kind,
        header_rows: top..end,
        headers,
        first_row,
        year: (years.len() == 1).then(|| years[0]),
    })
}

/// Which kind of record a sheet lists, guessed for the officer to confirm: a business's own
/// columns (owner, NIB, money, permits, "Nama Usaha") say Usaha; else a "sentra" header, or
/// "sentra" in the sheet's or the file's name, says Sentra; else Usaha.
pub fn guess_kind(table: &Table, file_name: &str) -> Kind {
    let has_word = |text: &str| fold(text).split(' ').any(|w| w == "sentra");
    if let Some(l) = layout(Kind::Usaha, table) {
        let business = guess_columns(Kind::Usaha, &l.headers)
            .iter()
            .zip(&l.headers)
            .any(|(target, header)| match target {
                Some(
                    "pemilik" | "nib" | "modal" | "penjualan" | "pirt" | "halal_status" | "kbli",
                ) => true,
                Some("nama") => !has_word(header) && fold(header).starts_with("nama "),
                _ => false,
            });
        if business {
            return Kind::Usaha;
        }
    }
    let sentra_header =
        layout(Kind::Sentra, table).is_some_and(|l| l.headers.iter().any(|h| has_word(h)));
    if sentra_header || has_word(&table.name) || has_word(file_name) {
        Kind::Sentra
    } else {
        Kind::Usaha
    }
}

/// Whether a row under the header is the second row of a two-row header: text only, no numbers
/// (a data row has some), short texts, and not a row numbering the columns.
fn is_sub_header(kind: Kind, row: &[Cell]) -> bool {
    let texts: Vec<&str> = row
        .iter()
        .filter_map(|c| match c {
            Cell::Text(s) if !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        })
        .collect();
    let numbers = row
        .iter()
        .any(|c| matches!(c, Cell::Number(_) | Cell::Date(_)));
    !texts.is_empty()
        && !numbers
        && !is_numbering(row)
        && texts
            .iter()
            .all(|t| t.chars().count() <= 30 && !t.chars().all(|c| c.is_ascii_digit()))
        && (texts.iter().any(|t| exact(kind, t).is_some())
            || texts.iter().all(|t| t.chars().count() <= 3))
}

/// Whether a row numbers the columns: 1, 2, 3 … (or "(1)", "(2)" …) left to right.
fn is_numbering(row: &[Cell]) -> bool {
    let numbers: Vec<Option<u32>> = row
        .iter()
        .map(cell_text)
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_matches(|c| c == '(' || c == ')').parse().ok())
        .collect();
    numbers.len() >= 3
        && numbers
            .iter()
            .enumerate()
            .all(|(i, n)| *n == Some(i as u32 + 1))
}

/// Four-digit years from 2000 to 2099 standing alone in a text.
pub fn years_in(text: &str) -> Vec<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (2000..2100).contains(y))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|s| t(s)).collect()
    }

    #[test]
    fn a_plain_header_in_row_one() {
        let table = Table {
            name: "Sheet1".into(),
            rows: vec![
                row(&["Nama Usaha", "Nama Pemilik", "Desa", "Omzet"]),
                vec![t("Batik"), t("Siti"), t("Bluto"), Cell::Number(2e7)],
            ],
        };
        let l = layout(Kind::Usaha, &table).expect("found");
        assert_eq!(l.header_rows, 0..1);
        assert_eq!(l.first_row, 1);
        assert_eq!(l.headers, ["Nama Usaha", "Nama Pemilik", "Desa", "Omzet"]);
        assert_eq!(l.year, None);
    }

    #[test]
    fn titles_a_merged_two_row_header_and_a_numbering_row() {
        let table = Table {
            name: "IKM".into(),
            rows: vec![
                row(&["DATA IKM KABUPATEN CONTOH TAHUN 2017"]),
                row(&["Keadaan s.d. Desember"]),
                vec![],
                row(&[
                    "No",
                    "Nama Usaha",
                    "Pemilik",
                    "Alamat",
                    "",
                    "Tenaga Kerja",
                    "",
                    "Nilai Investasi (Rp)",
                ]),
                row(&["", "", "", "Desa/Kel", "Kecamatan", "L", "P", ""]),
                row(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]),
                vec![
                    Cell::Number(1.0),
                    t("Kripik"),
                    t("Ani"),
                    t("Bluto"),
                    t("Bluto"),
                    Cell::Number(2.0),
                    Cell::Number(3.0),
                    t("20 jt"),
                ],
            ],
        };
        let l = layout(Kind::Usaha, &table).expect("found");
        assert_eq!(l.header_rows, 3..5);
        assert_eq!(l.first_row, 6, "after the numbering row");
        assert_eq!(
            l.headers,
            [
                "No",
                "Nama Usaha",
                "Pemilik",
                "Desa/Kel",
                "Kecamatan",
                "Tenaga Kerja L",
                "Tenaga Kerja P",
                "Nilai Investasi (Rp)"
            ]
        );
        assert_eq!(l.year, Some(2017), "from the title");
    }

    #[test]
    fn a_data_row_under_the_header_is_not_a_second_header() {
        let table = Table {
            name: "Daftar IKM 2018".into(),
            rows: vec![
                row(&["Nama Usaha", "Pemilik", "Desa", "Kecamatan"]),
                row(&["Tenun Ikat", "Budi", "Bluto", "Bluto"]),
            ],
        };
        let l = layout(Kind::Usaha, &table).unwrap();
        assert_eq!((l.header_rows, l.first_row), (0..1, 1));
        assert_eq!(l.year, Some(2018), "from the sheet's name");
    }

    #[test]
    fn no_header_no_layout_and_two_years_no_year() {
        let none = Table {
            name: "x".into(),
            rows: vec![row(&["a", "b"]), row(&["1", "2"])],
        };
        assert_eq!(layout(Kind::Usaha, &none), None);
        let two = Table {
            name: "2017-2018".into(),
            rows: vec![row(&["Nama Usaha", "Pemilik"])],
        };
        assert_eq!(layout(Kind::Usaha, &two).unwrap().year, None);
    }
}
