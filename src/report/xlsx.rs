//! The export's XLSX workbook, written here: a zip archive of SpreadsheetML parts (ECMA-376) with
//! exactly what the export uses — one sheet per kind, a bold frozen header row with filters,
//! column widths from the headers, text in shared strings, numbers with thousands grouped by the
//! reader's locale, and Excel's quote prefix on text that starts like a formula.
//!
//! Why not rust_xlsxwriter, which wrote these files before: it was a second wasm of 220 KB
//! brotli (its own copy of std, serde and the allocator besides the writer, zip and zopfli) in a
//! first visit whose whole budget is 700 KB (issue 15). These few parts cost the app's wasm a few
//! KB and are read back by calamine in `tests/exports.rs` and by Chromium's end-to-end test.
//!
//! The parts ([`entries`]) are deflated natively here with flate2 ([`xlsx`]); in the browser by
//! its own `CompressionStream` (`web::deflate::xlsx`), so the app's wasm carries no deflate. Both
//! put them in one zip the same way ([`super::zip`]).

use super::export::{looks_like_formula, Cell, Sheet};
pub use super::zip::{zip_of, Entry};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Excel's limits: rows per sheet, columns, characters in a cell.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
const MAX_CELL_CHARS: usize = 32_767;

/// Cell styles, by their index in `styles.xml`'s `cellXfs`.
const BOLD: u8 = 1;
const BOLD_QUOTED: u8 = 2;
const QUOTED: u8 = 3;
const NUMBER: u8 = 4;

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r##"<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.####"/></numFmts>"##,
    r#"<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    r#"<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>"#,
    "</styleSheet>"
);

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/// Sheets as an XLSX workbook. Refuses, with a reason, only what Excel could not open: a sheet
/// over 1,048,576 rows or 16,384 columns, a cell over 32,767 characters.
#[cfg(not(target_arch = "wasm32"))]
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let named: Vec<(&str, &Sheet)> = sheets.iter().map(|s| (s.name(), s)).collect();
    xlsx_named(&named)
}

/// [`xlsx`] with each sheet's name given (a template's "Petunjuk" beside its "Usaha"). Names
/// must be valid Excel sheet names: at most 31 characters, none of `[]:*?/\`.
#[cfg(not(target_arch = "wasm32"))]
pub fn xlsx_named(sheets: &[(&str, &Sheet)]) -> Result<Vec<u8>, String> {
    use flate2::{write::DeflateEncoder, Compression};
    use std::io::Write as _;
    let mut packed = Vec::new();
    for (name, data) in entries(sheets)? {
        let mut deflate = DeflateEncoder::new(Vec::new(), Compression::new(super::zip::LEVEL));
        deflate.write_all(&data).map_err(|e| e.to_string())?;
        let deflated = deflate.finish().map_err(|e| e.to_string())?;
        packed.push(Entry::new(name, &data, deflated));
    }
    zip_of(packed)
}

/// The workbook's parts, by their names in the archive, in order (the checks of [`xlsx`] made).
pub fn entries(sheets: &[(&str, &Sheet)]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut strings = SharedStrings::default();
    let mut parts = Vec::with_capacity(sheets.len());
    for (i, (name, sheet)) in sheets.iter().enumerate() {
        parts.push(worksheet(name, sheet, i == 0, &mut strings)?);
    }
    let rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\"><Relationship Id=\"rId1\" \
         Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let mut out: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types(sheets.len()).into_bytes(),
        ),
        ("_rels/.rels".into(), rels.into_bytes()),
        ("xl/workbook.xml".into(), workbook(sheets).into_bytes()),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(sheets.len()).into_bytes(),
        ),
        ("xl/styles.xml".into(), STYLES.as_bytes().to_vec()),
    ];
    for (i, part) in parts.into_iter().enumerate() {
        out.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            part.into_bytes(),
        ));
    }
    out.push(("xl/sharedStrings.xml".into(), strings.xml().into_bytes()));
    Ok(out)
}

fn content_types(sheets: usize) -> String {
    let mut x = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"{CT}.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"{CT}.styles+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"{CT}.sharedStrings+xml\"/>"
    );
    for n in 1..=sheets {
        let _ = write!(
            x,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"{CT}.worksheet+xml\"/>"
        );
    }
    x + "</Types>"
}

fn workbook(sheets: &[(&str, &Sheet)]) -> String {
    let mut x = format!(
        "{XML_HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
         <bookViews><workbookView/></bookViews><sheets>"
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let _ = write!(
            x,
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escape(name),
            i + 1,
            i + 1
        );
    }
    x.push_str("</sheets>");
    // The filters' ranges, named as Excel names them, so Excel shows them as set.
    let filtered: Vec<_> = sheets
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| !s.headers.is_empty())
        .collect();
    if !filtered.is_empty() {
        x.push_str("<definedNames>");
        for (i, (name, s)) in filtered {
            let _ = write!(
                x,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">'{}'!{}</definedName>",
                escape(&name.replace('\'', "''")),
                filter_range(s, true)
            );
        }
        x.push_str("</definedNames>");
    }
    x + "</workbook>"
}

fn workbook_rels(sheets: usize) -> String {
    let mut x = format!("{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">");
    for n in 1..=sheets {
        let _ = write!(
            x,
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let _ = write!(
        x,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
        sheets + 1,
        sheets + 2
    );
    x + "</Relationships>"
}

/// The header row and every row below it: "A1:K5001", or "$A$1:$K$5001" for a defined name.
fn filter_range(sheet: &Sheet, absolute: bool) -> String {
    let d = if absolute { "$" } else { "" };
    format!(
        "{d}A{d}1:{d}{}{d}{}",
        column_letters(sheet.headers.len() - 1),
        sheet.rows.len() + 1
    )
}

/// A cell as the writer reads it, borrowing the sheet's text.
enum Value<'a> {
    Text(&'a str),
    Number(f64),
    Empty,
}

fn worksheet<'a>(
    name: &str,
    sheet: &'a Sheet,
    first: bool,
    strings: &mut SharedStrings<'a>,
) -> Result<String, String> {
    let widest = sheet
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(sheet.headers.len());
    if sheet.rows.len() + 1 > MAX_ROWS {
        return Err(format!("{name}: lebih dari {MAX_ROWS} baris, batas Excel"));
    }
    if widest > MAX_COLUMNS {
        return Err(format!(
            "{name}: lebih dari {MAX_COLUMNS} kolom, batas Excel"
        ));
    }
    let letters: Vec<String> = (0..widest).map(column_letters).collect();
    let mut x = String::with_capacity(64 * (sheet.rows.len() + 1) * widest.max(1));
    let _ = write!(
        x,
        "{XML_HEAD}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheetViews>\
         <sheetView{} workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" \
         state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>\
         <sheetFormatPr defaultRowHeight=\"15\"/>",
        if first { " tabSelected=\"1\"" } else { "" }
    );
    if !sheet.headers.is_empty() {
        x.push_str("<cols>");
        for (c, h) in sheet.headers.iter().enumerate() {
            // A header's length in characters plus room for the filter button, as Excel stores
            // a width: characters of the widest digit plus 5 pixels of padding, at 7 pixels each.
            let chars = (h.chars().count() as f64 + 2.0).clamp(10.0, 40.0);
            let _ = write!(
                x,
                "<col min=\"{n}\" max=\"{n}\" width=\"{:.4}\" customWidth=\"1\"/>",
                chars + 5.0 / 7.0,
                n = c + 1
            );
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    let header = sheet.headers.iter().map(|h| Value::Text(h));
    write_row(&mut x, 1, header, &letters, true, strings, name)?;
    for (i, row) in sheet.rows.iter().enumerate() {
        let cells = row.iter().map(|c| match c {
            Cell::Text(t) => Value::Text(t),
            Cell::Number(n) => Value::Number(*n),
            Cell::Empty => Value::Empty,
        });
        write_row(&mut x, i + 2, cells, &letters, false, strings, name)?;
    }
    x.push_str("</sheetData>");
    if !sheet.headers.is_empty() {
        let _ = write!(x, "<autoFilter ref=\"{}\"/>", filter_range(sheet, false));
    }
    x.push_str("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
    Ok(x)
}

fn write_row<'a>(
    x: &mut String,
    r: usize,
    cells: impl Iterator<Item = Value<'a>>,
    letters: &[String],
    header: bool,
    strings: &mut SharedStrings<'a>,
    sheet: &str,
) -> Result<(), String> {
    let _ = write!(x, "<row r=\"{r}\">");
    for (c, cell) in cells.enumerate() {
        let at = &letters[c];
        match cell {
            Value::Text(text) => {
                if text.chars().count() > MAX_CELL_CHARS {
                    return Err(format!(
                        "{sheet} {at}{r}: lebih dari {MAX_CELL_CHARS} huruf, batas Excel"
                    ));
                }
                let style = match (header, looks_like_formula(text)) {
                    (true, true) => BOLD_QUOTED,
                    (true, false) => BOLD,
                    (false, true) => QUOTED,
                    (false, false) => 0,
                };
                let _ = write!(x, "<c r=\"{at}{r}\"");
                if style > 0 {
                    let _ = write!(x, " s=\"{style}\"");
                }
                let _ = write!(x, " t=\"s\"><v>{}</v></c>", strings.index(text));
            }
            // Excel has no infinity or NaN: such a value is left empty (the export makes none).
            Value::Number(n) if n.is_finite() => {
                let _ = write!(x, "<c r=\"{at}{r}\" s=\"{NUMBER}\"><v>{n}</v></c>");
            }
            Value::Number(_) | Value::Empty => {}
        }
    }
    x.push_str("</row>");
    Ok(())
}

/// Column letters of a zero-based column: 0 → "A", 25 → "Z", 26 → "AA".
fn column_letters(col: usize) -> String {
    let (mut letters, mut n) = (Vec::new(), col + 1);
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
}

/// Text for XML: markup characters escaped, characters XML 1.0 cannot hold written as Excel
/// writes them (`_x0001_`), and text that already looks like such an escape protected
/// (`_x005F_`), so that every text reads back exactly as it was.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            '_' if looks_escaped(&bytes[i..]) => out.push_str("_x005F_"),
            c => out.push(c),
        }
    }
    out
}

/// Whether bytes start as Excel's character escape does: `_x`, four hex digits, `_`.
fn looks_escaped(b: &[u8]) -> bool {
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// Each distinct text once, referred to by its index (`sharedStrings.xml`): a kabupaten's
/// village and status names repeat on thousands of rows.
#[derive(Default)]
struct SharedStrings<'a> {
    index: HashMap<&'a str, usize>,
    order: Vec<&'a str>,
    uses: usize,
}

impl<'a> SharedStrings<'a> {
    fn index(&mut self, text: &'a str) -> usize {
        self.uses += 1;
        let next = self.order.len();
        let i = *self.index.entry(text).or_insert(next);
        if i == next {
            self.order.push(text);
        }
        i
    }

    fn xml(&self) -> String {
        let mut x = format!(
            "{XML_HEAD}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.order.len()
        );
        for s in &self.order {
            // Spaces at either end, or line breaks, are kept only when asked for.
            let keep = s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
            let space = if keep { " xml:space=\"preserve\"" } else { "" };
            let _ = write!(x, "<si><t{space}>{}</t></si>", escape(s));
        }
        x + "</sst>"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_as_excel_names_them() {
        let got: Vec<_> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            got,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
    }

    #[test]
    fn text_is_escaped_for_xml_and_for_excel() {
        assert_eq!(escape("a & <b> \"c\""), "a &amp; &lt;b&gt; &quot;c&quot;");
        assert_eq!(escape("baris\nkedua\tx"), "baris\nkedua\tx");
        assert_eq!(escape("bel\u{7}"), "bel_x0007_");
        assert_eq!(escape("_x0041_ dan _x4"), "_x005F_x0041_ dan _x4");
    }
}
