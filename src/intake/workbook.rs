//! Workbooks (XLSX, XLS, ODS) read into [`Table`]s with calamine. Run in the import worker
//! (`src/bin/import_worker.rs`), never on the page: the app's own wasm does not link it.

use super::{Cell, Table};
use calamine::{open_workbook_auto_from_rs, Data, ExcelDateTime, ExcelDateTimeType, Reader};

/// Every sheet of a workbook as cells, row numbers as the officer sees them (row 1 first), or
/// what went wrong in words an officer understands.
pub fn read(file: Vec<u8>) -> Result<Vec<Table>, String> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(file)).map_err(|e| {
        format!("Berkas ini tidak terbaca sebagai buku kerja Excel atau ODS ({e}).")
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("Lembar {name} tidak terbaca ({e})."))?;
        // The range starts at its first used cell: the rows and columns before it are empty.
        let (top, left) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut rows = vec![Vec::new(); top];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left];
            cells.extend(row.iter().map(cell));
            while cells.last() == Some(&Cell::Empty) {
                cells.pop();
            }
            rows.push(cells);
        }
        out.push(Table { name, rows });
    }
    Ok(out)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64()),
        Data::DateTime(d) => Cell::Date(serial_1900(d)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// A date's serial in Excel's 1900 date system, as [`Cell::Date`] holds it: workbooks saved in
/// the 1904 system (old Mac Excel) count 1,462 days fewer for the same day.
fn serial_1900(d: &ExcelDateTime) -> f64 {
    let as_1900 = ExcelDateTime::new(d.as_f64(), ExcelDateTimeType::DateTime, false);
    if as_1900.to_ymd_hms_milli() == d.to_ymd_hms_milli() {
        d.as_f64()
    } else {
        d.as_f64() + 1462.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::report::export::{xlsx, Cell as Out, Sheet};

    #[test]
    fn a_workbook_reads_back_as_cells_with_its_rows_where_the_officer_sees_them() {
        let sheet = Sheet {
            kind: Kind::Usaha,
            headers: vec!["Nama Usaha".into(), "Omzet".into(), "Tanggal".into()],
            rows: vec![
                vec![
                    Out::Text("Kripik Maju".into()),
                    Out::Number(20_000_000.0),
                    Out::Text("20 Mei 2017".into()),
                ],
                vec![Out::Empty, Out::Empty, Out::Empty],
                vec![Out::Text("  ".into()), Out::Number(1.5), Out::Empty],
            ],
        };
        let tables = read(xlsx(&[sheet]).unwrap()).expect("read");
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].name, "Usaha");
        let rows = &tables[0].rows;
        assert_eq!(rows[0][0], Cell::Text("Nama Usaha".into()));
        assert_eq!(
            rows[1],
            [
                Cell::Text("Kripik Maju".into()),
                Cell::Number(2e7),
                Cell::Text("20 Mei 2017".into())
            ]
        );
        assert!(
            rows[2].is_empty(),
            "an empty row stays, so row numbers match"
        );
        assert_eq!(
            rows[3],
            [Cell::Empty, Cell::Number(1.5)],
            "blank text is empty"
        );
    }

    #[test]
    fn what_is_not_a_workbook_is_refused_with_a_reason() {
        let mut broken = b"PK\x03\x04".to_vec();
        broken.extend([7u8; 64]);
        let e = read(broken).unwrap_err();
        assert!(
            e.starts_with("Berkas ini tidak terbaca sebagai buku kerja"),
            "{e}"
        );
    }

    #[test]
    fn dates_of_the_1904_system_count_as_in_the_1900_one() {
        let d1904 = ExcelDateTime::new(41_413.0, ExcelDateTimeType::DateTime, true);
        let d1900 = ExcelDateTime::new(42_875.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            d1904.to_ymd_hms_milli(),
            d1900.to_ymd_hms_milli(),
            "the same day, 20 May 2017"
        );
        assert_eq!(serial_1900(&d1904), 42_875.0);
        assert_eq!(serial_1900(&d1900), 42_875.0);
    }
}
