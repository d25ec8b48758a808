#![cfg(not(target_arch = "wasm32"))]
//! An Excel 97-2003 workbook (XLS, BIFF8) is read as the same list saved as XLSX is: both files
//! in `tests/fixtures/intake/` are written from one description (`office-list.json`; how, in
//! `make_xls.py` and `make_xlsx.mjs` there), with a title, a merged two-row header, a phone
//! stored as a number, numbers stored as text, date cells, an empty row, and a second sheet.

use sentra::intake::layout::{guess_kind, layout};
use sentra::intake::plan::Choices;
use sentra::intake::{is_workbook, workbook, Cell, Table};
use sentra::model::Kind;

fn read(name: &str) -> Vec<Table> {
    let path = format!(
        "{}/tests/fixtures/intake/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        is_workbook(&bytes),
        "{name} is known as a workbook by its bytes"
    );
    workbook::read(bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn an_xls_reads_as_the_same_list_in_xlsx_does() {
    let xls = read("office-list.xls");
    let xlsx = read("office-list.xlsx");
    assert_eq!(xls, xlsx);

    let ikm = &xls[0];
    assert_eq!(ikm.name, "IKM 2017");
    assert_eq!(
        ikm.rows[0],
        [Cell::Text("DATA IKM KABUPATEN SUMENEP TAHUN 2017".into())]
    );
    assert!(
        ikm.rows[1].is_empty() && ikm.rows[6].is_empty(),
        "empty rows kept in place"
    );
    assert_eq!(
        ikm.rows[4][3..],
        [
            Cell::Number(81_234_567_890.0),
            Cell::Text("Aeng Tong-Tong".into()),
            Cell::Text("Saronggi".into()),
            Cell::Number(2.0),
            Cell::Number(3.0),
            Cell::Text("Rp 20.000.000".into()),
            Cell::Date(42_875.0),
        ]
    );
    assert_eq!(
        ikm.rows[5][6],
        Cell::Text("4".into()),
        "a number stored as text"
    );

    // And it is understood as the XLSX is: the header, the year, the columns.
    let l = layout(Kind::Usaha, ikm).expect("a header");
    assert_eq!(
        (l.header_rows.clone(), l.first_row, l.year),
        (2..4, 4, Some(2017))
    );
    assert_eq!(
        Choices::guessed(&l).columns,
        [
            Some("lewati"),
            Some("nama"),
            Some("pemilik"),
            Some("telepon"),
            Some("desa_nama"),
            Some("kecamatan_nama"),
            Some("tenaga_kerja"),
            Some("tenaga_kerja"),
            Some("modal"),
            Some("diverifikasi"),
        ]
    );
    assert_eq!(guess_kind(ikm, "office-list.xls"), Kind::Usaha);
    assert_eq!(xls[1].name, "Sentra");
    assert_eq!(guess_kind(&xls[1], "office-list.xls"), Kind::Sentra);
}
