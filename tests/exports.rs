#![cfg(not(target_arch = "wasm32"))]
//! Exports read back: CSV parsed by a reader written here (RFC 4180), XLSX by calamine (and its
//! styles unzipped here). Headers, rows, region names, classes, masking, the CSV's formula guard
//! and the XLSX's text as typed, on the hand-counted fixture.

mod report_fixture;

use calamine::{Data, Reader, Xlsx};
use report_fixture::{fixture, Fixture};
use sentra::i18n::Lang;
use sentra::model::Kind;
use sentra::names::Lookup;
use sentra::report::export::{csv, guard, looks_like_formula, sheet, xlsx, Cell, Sheet};
use sentra::wilayah::{Gazetteer, KabupatenData};
use std::collections::HashMap;
use std::io::Cursor;

fn gazetteer() -> Gazetteer {
    let mut g = Gazetteer::new();
    g.add([KabupatenData {
        code: "35.29".into(),
        name: "Kabupaten Contoh".into(),
        kecamatan: vec![
            ("35.29.01".into(), "Kecamatan Satu".into()),
            ("35.29.02".into(), "Kecamatan Dua".into()),
        ],
        villages: vec![
            ("35.29.01.2001".into(), "Desa Satu".into()),
            ("35.29.01.2002".into(), "Desa Dua".into()),
        ],
    }]);
    g
}

fn sheets(f: &Fixture, personal: bool) -> Vec<Sheet> {
    let g = gazetteer();
    let names = Lookup {
        lang: Lang::Id,
        gazetteer: &g,
        index: None,
        all: &f.all,
    };
    Kind::ALL
        .iter()
        .map(|&kind| sheet(kind, f.all.values(), &names, personal))
        .collect()
}

/// RFC 4180 reader: quoted fields, doubled quotes, CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("starts with a BOM");
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "ends with CRLF");
    rows
}

fn column(rows: &[Vec<String>], header: &str) -> Vec<String> {
    let i = rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

/// The text files of a zip archive (stored or deflated), by name, through its central directory.
fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    use std::io::Read;
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let mut end = bytes.len() - 22;
    while u32_at(end) != 0x0605_4b50 {
        end -= 1;
    }
    let mut at = u32_at(end + 16);
    let mut files = HashMap::new();
    for _ in 0..u16_at(end + 10) {
        assert_eq!(u32_at(at), 0x0201_4b50, "central directory entry");
        let (method, size, name_len) = (u16_at(at + 10), u32_at(at + 20), u16_at(at + 28));
        let local = u32_at(at + 42);
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let data = &bytes[data_at..data_at + size];
        let mut text = String::new();
        match method {
            0 => text = String::from_utf8(data.to_vec()).unwrap(),
            8 => {
                flate2::read::DeflateDecoder::new(data)
                    .read_to_string(&mut text)
                    .unwrap();
            }
            other => panic!("zip method {other}"),
        }
        files.insert(name, text);
        at += 46 + name_len + u16_at(at + 30) + u16_at(at + 32);
    }
    files
}

/// Whether the cell at `reference` ("B3") of a worksheet's XML has a style with Excel's quote
/// prefix (text that stays text when edited), looked up in the workbook's styles.
fn quote_prefixed(files: &HashMap<String, String>, sheet: &str, reference: &str) -> bool {
    let xml = &files[&format!("xl/worksheets/{sheet}.xml")];
    let start = xml
        .find(&format!("<c r=\"{reference}\""))
        .unwrap_or_else(|| panic!("no cell {reference}"));
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let Some(style) = tag.split(" s=\"").nth(1) else {
        return false;
    };
    let index: usize = style[..style.find('"').unwrap()].parse().unwrap();
    let styles = &files["xl/styles.xml"];
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(index + 1).expect("the cell's style");
    xf.contains("quotePrefix=\"1\"")
}

/// A cell reference: zero-based row and column to "B3".
fn cell_ref(row: usize, col: usize) -> String {
    let (mut letters, mut n) = (String::new(), col + 1);
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

#[test]
fn the_guard_neutralises_formulas_only() {
    for bad in ["=1+1", "+62812", "-2 pesanan", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(guard(bad), format!("'{bad}"));
        assert!(looks_like_formula(bad), "{bad:?}");
    }
    for fine in ["Batik", "0812", "", "a=b", "'=already"] {
        assert_eq!(guard(fine), fine);
        assert!(!looks_like_formula(fine), "{fine:?}");
    }
}

#[test]
fn usaha_csv_has_indonesian_headers_regions_classes_and_masks_phones() {
    let f = fixture();
    let all = sheets(&f, false);
    let usaha = &all[0];
    assert_eq!(usaha.name(), "Usaha");
    let rows = parse_csv(&csv(usaha));
    assert_eq!(
        rows.len(),
        1 + 7,
        "a header and the 7 live Usaha (u8 deleted)"
    );
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row is as wide as the header"
    );
    for h in [
        "Nama usaha",
        "Kode desa/kelurahan",
        "Desa/kelurahan",
        "Kode kecamatan",
        "Kecamatan",
        "Kabupaten/kota",
        "Kelas UMKM (PP 7/2021)",
        "Telepon",
        "ID catatan",
    ] {
        assert!(rows[0].iter().any(|c| c == h), "header {h}");
    }
    let ids = column(&rows, "ID catatan");
    let row_of = |name: &str| {
        ids.iter()
            .position(|id| id == f.id(name))
            .expect("exported")
    };
    let (u1, u2, u3, u6, u7) = (
        row_of("u1"),
        row_of("u2"),
        row_of("u3"),
        row_of("u6"),
        row_of("u7"),
    );
    let nama = column(&rows, "Nama usaha");
    assert_eq!(nama[u1], "Batik Sekar Arum");
    assert_eq!(
        nama[u2], "'=HYPERLINK(\"http://contoh.invalid\")",
        "a formula is made inert in the CSV"
    );
    assert_eq!(column(&rows, "Catatan")[u6], "'-2 pesanan tertunda");
    assert_eq!(column(&rows, "Desa/kelurahan")[u1], "Desa Satu");
    assert_eq!(column(&rows, "Kode kecamatan")[u1], "35.29.01");
    assert_eq!(column(&rows, "Kecamatan")[u1], "Kecamatan Satu");
    assert_eq!(column(&rows, "Kabupaten/kota")[u1], "Kabupaten Contoh");
    assert_eq!(
        column(&rows, "Kecamatan")[u7],
        "",
        "region data of 35.30 not loaded"
    );
    assert_eq!(column(&rows, "Kode desa/kelurahan")[u7], "35.30.01.2001");
    let umkm = column(&rows, "Kelas UMKM (PP 7/2021)");
    assert_eq!((umkm[u1].as_str(), umkm[u2].as_str()), ("Mikro", "Kecil"));
    assert_eq!(column(&rows, "Status keaktifan")[u3], "Tidak aktif");
    let phone = column(&rows, "Telepon");
    assert_eq!(phone[u1], "0812•••••890");
    assert_eq!(phone[u3], "6285••••••678");
    assert_eq!(
        column(&rows, "Modal usaha (Rp, tanpa tanah dan bangunan)")[u1],
        "50000000"
    );
    assert_eq!(
        column(&rows, "Lintang (GPS)")[u7],
        "-7.0123",
        "numbers are not guarded"
    );
}

#[test]
fn personal_data_only_when_asked() {
    let f = fixture();
    let rows = parse_csv(&csv(&sheets(&f, true)[0]));
    let ids = column(&rows, "ID catatan");
    let u1 = ids.iter().position(|id| id == f.id("u1")).unwrap();
    assert_eq!(column(&rows, "Telepon")[u1], "081234567890");
    let masked = csv(&sheets(&f, false)[1]);
    assert!(
        !masked.contains("081398765432"),
        "sentra board phone masked"
    );
    assert!(csv(&sheets(&f, true)[1]).contains("081398765432"));
}

#[test]
fn every_kind_has_a_sheet_with_names_for_codes_and_links() {
    let f = fixture();
    let all = sheets(&f, false);
    assert_eq!(
        all.iter()
            .map(|s| (s.name(), s.rows.len()))
            .collect::<Vec<_>>(),
        vec![
            ("Usaha", 7),
            ("Sentra", 5),
            ("Survei Desa", 4),
            ("Kawasan IKM", 3),
            ("Kegiatan", 3),
            ("Mitra", 2),
            ("Jejaring", 3),
        ]
    );
    let sentra = parse_csv(&csv(&all[1]));
    let ids = column(&sentra, "ID catatan");
    let s1 = ids.iter().position(|id| id == f.id("s1")).unwrap();
    assert_eq!(
        column(&sentra, "Anggota (usaha)")[s1],
        "Batik Sekar Arum, =HYPERLINK(\"http://contoh.invalid\")",
        "links by name; only a cell's start can make a formula"
    );
    assert_eq!(column(&sentra, "Jumlah anggota")[s1], "2");
    assert_eq!(column(&sentra, "Status sentra")[s1], "Terbentuk");
    let survei = parse_csv(&csv(&all[2]));
    let stages = column(&survei, "Tahap OVOP tercapai");
    assert!(stages.contains(&"Desain kemasan".to_string()), "{stages:?}");
    let mitra = parse_csv(&csv(&all[5]));
    assert!(column(&mitra, "Nama mitra").contains(&"'@Marketplace Contoh".to_string()));
    assert!(column(&mitra, "Jenis mitra").contains(&"Marketplace daring".to_string()));
}

#[test]
fn xlsx_reads_back_with_one_sheet_per_kind() {
    let f = fixture();
    let all = sheets(&f, false);
    let bytes = xlsx(&all).expect("written");
    let files = unzip(&bytes);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook calamine reads");
    assert_eq!(
        book.sheet_names(),
        vec![
            "Usaha",
            "Sentra",
            "Survei Desa",
            "Kawasan IKM",
            "Kegiatan",
            "Mitra",
            "Jejaring"
        ]
    );
    let range = book.worksheet_range("Usaha").expect("Usaha sheet");
    assert_eq!(range.height(), 8);
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(headers, all[0].headers);
    // Where a record's cell is: (row, column) in the sheet, the header being row 0.
    let place = |col: &str, id: &str| {
        let c = headers.iter().position(|h| h == col).unwrap();
        let id_col = headers.iter().position(|h| h == "ID catatan").unwrap();
        let r = range
            .rows()
            .position(|r| r[id_col] == Data::String(id.to_string()))
            .unwrap();
        (r, c)
    };
    let at = |col: &str, id: &str| range.get(place(col, id)).unwrap().clone();
    assert_eq!(
        at("Nama usaha", f.id("u2")),
        Data::String("=HYPERLINK(\"http://contoh.invalid\")".into()),
        "text as typed, no apostrophe, in a string cell"
    );
    assert_eq!(
        at("Catatan", f.id("u6")),
        Data::String("-2 pesanan tertunda".into())
    );
    let (r, c) = place("Nama usaha", f.id("u2"));
    assert!(
        quote_prefixed(&files, "sheet1", &cell_ref(r, c)),
        "editing it in Excel keeps it text"
    );
    let (r, c) = place("Nama usaha", f.id("u1"));
    assert!(
        !quote_prefixed(&files, "sheet1", &cell_ref(r, c)),
        "plain text has no quote prefix"
    );
    assert_eq!(
        at("Telepon", f.id("u1")),
        Data::String("0812•••••890".into())
    );
    assert_eq!(
        at("Modal usaha (Rp, tanpa tanah dan bangunan)", f.id("u1")),
        Data::Float(50_000_000.0),
        "money is a number"
    );
    assert_eq!(at("Lintang (GPS)", f.id("u7")), Data::Float(-7.0123));
    assert_eq!(
        at("Kelas UMKM (PP 7/2021)", f.id("u5")),
        Data::String("Besar (bukan UMKM)".into())
    );
    // Every sheet has every row, and no formula anywhere.
    for s in &all {
        let formulas = book.worksheet_formula(s.name()).expect("formula range");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no cell of {} holds a formula",
            s.name()
        );
        let r = book.worksheet_range(s.name()).unwrap();
        assert_eq!(r.height(), s.rows.len() + 1, "{}", s.name());
        if let Some(Cell::Text(first)) = s.rows.first().and_then(|row| row.first()) {
            assert_eq!(r.get((1, 0)), Some(&Data::String(first.clone())));
        }
    }
}

#[test]
fn kept_records_follow_the_filter_and_the_gazetteer_lists_a_kabupaten() {
    use sentra::report::{kept, Filter, Input};
    let f = fixture();
    let input = Input {
        records: &f.all,
        kecamatan_all: &[],
        kabupaten_all: &[],
        utc_offset_ms: report_fixture::WIB_MS,
    };
    let usaha_2024 = kept(
        &input,
        &Filter {
            year: Some(2024),
            ..Filter::default()
        },
    )
    .into_iter()
    .filter(|r| r.kind == Kind::Usaha)
    .count();
    assert_eq!(usaha_2024, 4);
    assert_eq!(
        kept(&input, &Filter::default()).len(),
        27,
        "29 records, 2 deleted"
    );
    assert_eq!(
        gazetteer().kecamatan_under("35.29"),
        vec!["35.29.01", "35.29.02"]
    );
    assert_eq!(
        gazetteer().kecamatan_under("35"),
        vec!["35.29.01", "35.29.02"],
        "a province: every loaded kabupaten/kota in it"
    );
    assert!(gazetteer().kecamatan_under("35.30").is_empty());
}

/// The cell style (index into `cellXfs`) of a cell, 0 when it names none.
fn style_of(files: &HashMap<String, String>, sheet: &str, reference: &str) -> String {
    let xml = &files[&format!("xl/worksheets/{sheet}.xml")];
    let start = xml
        .find(&format!("<c r=\"{reference}\""))
        .expect("the cell");
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let index: usize = tag
        .split(" s=\"")
        .nth(1)
        .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap());
    let styles = &files["xl/styles.xml"];
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    xfs.split("<xf ")
        .nth(index + 1)
        .expect("the cell's style")
        .to_string()
}

#[test]
fn xlsx_header_is_bold_frozen_and_filtered_and_numbers_grouped() {
    let f = fixture();
    let all = sheets(&f, false);
    let files = unzip(&xlsx(&all).expect("written"));
    let usaha = &files["xl/worksheets/sheet1.xml"];
    assert!(usaha
        .contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    let last = cell_ref(all[0].rows.len(), all[0].headers.len() - 1);
    assert!(
        usaha.contains(&format!(r#"<autoFilter ref="A1:{last}"/>"#)),
        "filters over every row"
    );
    let (column, row) = last.split_at(last.find(|c: char| c.is_ascii_digit()).unwrap());
    assert!(
        files["xl/workbook.xml"].contains(&format!("'Usaha'!$A$1:${column}${row}</definedName>")),
        "the filter named as Excel names it"
    );
    assert_eq!(
        usaha.matches("<col ").count(),
        all[0].headers.len(),
        "a width per column"
    );
    let bold_font = {
        let styles = &files["xl/styles.xml"];
        let fonts = &styles[styles.find("<fonts").unwrap()..styles.find("</fonts>").unwrap()];
        fonts
            .split("<font>")
            .position(|f| f.contains("<b/>"))
            .expect("a bold font")
            - 1
    };
    assert!(
        style_of(&files, "sheet1", "A1").contains(&format!("fontId=\"{bold_font}\"")),
        "bold header"
    );
    assert!(
        !style_of(&files, "sheet1", "A2").contains(&format!("fontId=\"{bold_font}\"")),
        "plain rows"
    );
    let money = all[0]
        .headers
        .iter()
        .position(|h| h.starts_with("Modal usaha"))
        .unwrap();
    let numbered = style_of(&files, "sheet1", &cell_ref(1, money));
    let format_id = numbered
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(
        files["xl/styles.xml"].contains(&format!(
            r##"<numFmt numFmtId="{format_id}" formatCode="#,##0.####"/>"##
        )),
        "money grouped by thousands: {numbered}"
    );
}

#[test]
fn xlsx_keeps_awkward_text_exactly() {
    let texts = [
        "  spasi di depan",
        "baris\nkedua",
        "a & b < c > \"d\"",
        "_x0041_ bukan huruf A",
        "bel\u{7}",
        "=1+1",
    ];
    let sheet = Sheet {
        kind: Kind::Usaha,
        headers: vec!["Teks".into(), "Angka".into()],
        rows: texts
            .iter()
            .map(|t| vec![Cell::Text(t.to_string()), Cell::Number(-0.5)])
            .collect(),
    };
    let bytes = xlsx(std::slice::from_ref(&sheet)).expect("written");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook calamine reads");
    let range = book.worksheet_range("Usaha").unwrap();
    for (i, t) in texts.iter().enumerate() {
        let want = if t.contains('\u{7}') {
            "bel\u{7}".to_string()
        } else {
            t.to_string()
        };
        assert_eq!(range.get((i + 1, 0)), Some(&Data::String(want)), "row {i}");
        assert_eq!(range.get((i + 1, 1)), Some(&Data::Float(-0.5)));
    }
    let too_long = Sheet {
        rows: vec![vec![Cell::Text("x".repeat(32_768)), Cell::Empty]],
        ..sheet
    };
    let refused = xlsx(&[too_long]).unwrap_err();
    assert!(
        refused.contains("32767") && refused.contains("A2"),
        "{refused}"
    );
}
