//! Dates and years: Excel's serial days, and dates written in Indonesian, English or digits,
//! checked against the calendar by chrono.

use super::Msg;
use chrono::{Datelike, Days, NaiveDate};

/// Month names and the short forms offices write, lower case: Indonesian (with the older
/// spellings "Pebruari" and "Nopember"), then English.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("feb", 2),
    ("peb", 2),
    ("maret", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("agustus", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("agst", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("nop", 11),
    ("desember", 12),
    ("des", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("aug", 8),
    ("october", 10),
    ("oct", 10),
    ("december", 12),
    ("dec", 12),
];

/// The day of an Excel serial (1900 date system: 1 is 1 January 1900; Excel counts a 29
/// February 1900 that never was, serial 60, so later serials are one day ahead of the count).
/// The fraction, the time of day, is dropped. `None` for 60, below 1, or past the calendar.
pub fn excel_day(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    let epoch = match days {
        60 => return None,
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    epoch.checked_add_days(Days::new(days))
}

/// A Number cell in a date column: a serial whose date lies in 1970..=2099, the span a list
/// of businesses can mean (a number further out is more likely something else).
pub fn number_day(x: f64) -> Result<NaiveDate, Msg> {
    if x.fract() == 0.0 && (1900.0..=2100.0).contains(&x) {
        return Err(Msg::ValueDayMissing);
    }
    excel_day(x)
        .filter(|d| (1970..=2099).contains(&d.year()))
        .ok_or(Msg::ValueDateSerial)
}

/// A date written as text. Day first, as Indonesia writes ("20/05/2017", "20-05-2017",
/// "20.05.2017", "20 Mei 2017", "20 Agt 2017"), the year first only in ISO order
/// ("2017-05-20"), a month name before the day as English writes it ("May 20, 2017"). A
/// two-digit year is 20YY: every date the forms keep is from 2000 on. A time after the date
/// ("2017-05-20 00:00:00", "2017-05-20T08:00") is dropped. Refused: a month and year without
/// the day ("Mei 2017"), and a day the calendar does not have ("31/04/2017", "05/20/2017").
pub fn text_day(text: &str) -> Result<NaiveDate, Msg> {
    let s = text.trim().to_lowercase();
    let s = without_time(&s);
    if let Some(x) = all_digits(s) {
        return number_day(x);
    }
    let pieces: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    let number = |p: &str| -> Option<u32> {
        (p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let is_month =
        |p: &str| month_named(p).is_some() || number(p).is_some_and(|m| (1..=12).contains(&m));
    let (year, month, day) = match pieces.as_slice() {
        [d, m, y] if month_named(m).is_some() => (*y, month_named(m), number(d)),
        [m, d, y] if month_named(m).is_some() => (*y, month_named(m), number(d)),
        [y, m, d] if y.len() == 4 => (*y, number(m), number(d)),
        [d, m, y] if separators_agree(s) => (*y, number(m), number(d)),
        [m, y] | [y, m] if y.len() == 4 && number(y).is_some() && is_month(m) => {
            return Err(Msg::ValueDayMissing)
        }
        _ => return Err(Msg::ValueNotDate),
    };
    let year = match (number(year), year.len()) {
        (Some(y), 4) => y as i32,
        (Some(y), 2) => 2000 + y as i32,
        _ => return Err(Msg::ValueNotDate),
    };
    let (Some(month), Some(day)) = (month, day) else {
        return Err(Msg::ValueNotDate);
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Msg::ValueNoSuchDay)
}

/// A year written alone, or the year of a date ("2017", "Tahun 2017", "20/05/2017").
pub fn text_year(text: &str) -> Result<i32, Msg> {
    let s = text.trim().to_lowercase();
    let s = ["tahun", "thn.", "thn", "th.", "th"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(&s)
        .trim();
    if let Some(x) = all_digits(s) {
        return number_year(x);
    }
    match text_day(s) {
        Ok(day) => Ok(day.year()),
        // "Mei 2017": no day, but the year is there.
        Err(Msg::ValueDayMissing) => s
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(all_digits)
            .map_or(Err(Msg::ValueNotYear), number_year),
        Err(_) => Err(Msg::ValueNotYear),
    }
}

/// A Number cell as a year: a whole number of four digits.
pub fn number_year(x: f64) -> Result<i32, Msg> {
    if x.fract() == 0.0 && (1000.0..=9999.0).contains(&x) {
        Ok(x as i32)
    } else {
        Err(Msg::ValueNotYear)
    }
}

fn month_named(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

/// A text of digits alone, as the number it is.
fn all_digits(s: &str) -> Option<f64> {
    (!s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The date alone, without a time written after it.
fn without_time(s: &str) -> &str {
    if s.len() > 10 && s.as_bytes()[10] == b't' && s.as_bytes()[4] == b'-' {
        return &s[..10];
    }
    match s.rsplit_once(' ') {
        Some((date, time))
            if time.contains(':')
                && time
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b':' || b == b'.') =>
        {
            date.trim_end()
        }
        _ => s,
    }
}

/// "20/05/2017" and "20-05-2017", not "20/05-2017".
fn separators_agree(s: &str) -> bool {
    let marks: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    marks.len() == 2 && marks[0] == marks[1]
}
