//! CSV files as offices save them: Excel in an Indonesian locale writes semicolons, other tools
//! commas or tabs; text may be UTF-8 (with or without a byte-order mark) or Windows-1252, which
//! Excel on Windows writes for "CSV (Comma delimited)". Quoting per RFC 4180 (quoted fields may
//! hold separators, doubled quotes and line breaks). Every cell is text: what a number or a date
//! is, `values` decides, as for a workbook's text cells.

use super::{Cell, Table};

/// The sheet a CSV file holds, named after the file.
pub fn read(name: &str, bytes: &[u8]) -> Table {
    let text = decode(bytes);
    let separator = separator(&text);
    Table {
        name: name.to_string(),
        rows: rows(&text, separator),
    }
}

/// The file's text: UTF-8 when it is valid UTF-8 (a byte-order mark dropped), else
/// Windows-1252, byte by byte.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// One byte of Windows-1252: Latin-1, except 0x80–0x9F, which hold typographic marks.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The separator: of semicolon, comma and tab, the one found outside quotes on the most of the
/// first lines, in as many fields on each (ties go to the semicolon, Excel's in Indonesia).
fn separator(text: &str) -> char {
    let lines: Vec<Vec<Vec<String>>> = [';', ',', '\t']
        .iter()
        .map(|&sep| rows_text(text, sep, 20))
        .collect();
    let score = |rows: &Vec<Vec<String>>| {
        let widths: Vec<usize> = rows.iter().map(Vec::len).filter(|&w| w > 1).collect();
        let Some(&first) = widths.first() else {
            return 0;
        };
        // Lines agreeing with the first line's width, weighed by that width.
        widths.iter().filter(|&&w| w == first).count() * first
    };
    let mut best = (';', 0);
    for (sep, rows) in [';', ',', '\t'].into_iter().zip(&lines) {
        let s = score(rows);
        if s > best.1 {
            best = (sep, s);
        }
    }
    best.0
}

fn rows(text: &str, separator: char) -> Vec<Vec<Cell>> {
    rows_text(text, separator, usize::MAX)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s)
                    }
                })
                .collect()
        })
        .collect()
}

/// At most `limit` rows of fields, RFC 4180: CRLF or LF ends a row outside quotes; a quote opens
/// a quoted field only at a field's start, and inside one `""` is a quote.
fn rows_text(text: &str, separator: char, limit: usize) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut at_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            c if c == separator => {
                row.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_start = true;
                if rows.len() >= limit {
                    return rows;
                }
            }
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Cell::Text(s) => s.clone(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn excel_indonesian_semicolons_with_quotes_and_line_breaks() {
        let file = "No;Nama Usaha;Alamat;Omzet\r\n1;\"Kripik \"\"Maju\"\"\";\"Jl. Raya 5;\r\nRT 02\";Rp 20.000.000\r\n2;Tempe Bu Sri;;15 jt\r\n";
        let t = read("ikm-2017.csv", file.as_bytes());
        assert_eq!(t.name, "ikm-2017.csv");
        assert_eq!(
            texts(&t),
            [
                vec!["No", "Nama Usaha", "Alamat", "Omzet"],
                vec![
                    "1",
                    "Kripik \"Maju\"",
                    "Jl. Raya 5;\r\nRT 02",
                    "Rp 20.000.000"
                ],
                vec!["2", "Tempe Bu Sri", "", "15 jt"],
            ]
        );
        assert_eq!(t.rows[2][2], Cell::Empty);
    }

    #[test]
    fn commas_and_tabs_are_found_too() {
        let commas = "\u{feff}Nama Usaha,Desa,Omzet\n\"Batik, Tulis\",Pakandangan,\"20.000.000\"\nTenun,Bluto,5000000\n";
        let t = read("a.csv", commas.as_bytes());
        assert_eq!(texts(&t)[1], ["Batik, Tulis", "Pakandangan", "20.000.000"]);
        assert_eq!(
            texts(&t)[0][0],
            "Nama Usaha",
            "the byte-order mark is dropped"
        );
        let tabs = "Nama Usaha\tDesa\nBatik\tBluto\n";
        assert_eq!(
            texts(&read("b.tsv", tabs.as_bytes()))[1],
            ["Batik", "Bluto"]
        );
        // Money with commas inside an unquoted semicolon file stays whole.
        let semi = "Nama;Omzet\nBatik;1,5 M\nTenun;2,5 jt\n";
        assert_eq!(
            texts(&read("c.csv", semi.as_bytes()))[1],
            ["Batik", "1,5 M"]
        );
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "Ra’as" and "Café" as Excel on Windows saves them.
        let bytes = b"Desa;Nama\nRa\x92as;Caf\xe9\n";
        assert_eq!(texts(&read("d.csv", bytes))[1], ["Ra’as", "Café"]);
    }

    #[test]
    fn empty_and_ragged_files_give_what_is_there() {
        assert!(read("e.csv", b"").rows.is_empty());
        let t = read("f.csv", b"a;b;c\n1\n\n2;3");
        assert_eq!(
            texts(&t),
            [vec!["a", "b", "c"], vec!["1"], vec![""], vec!["2", "3"]]
        );
    }
}
