//! A cell's value as the form would hold it: money, counts, dates and identifiers as offices write
//! them in their spreadsheets, made into the text an [`UsahaForm`](crate::model::usaha::UsahaForm)
//! field (or a schema form's field) holds, or refused with a reason the officer can act on.
//!
//! This layer reads what was written; the form's own rules (`model::rules`, `UsahaForm::validate`,
//! `Schema::validate`) still judge the result, so a date here only has to be a date (its
//! plausibility, 2000 to today, is the form's), a phone only has to be what was typed.
//! Refusals are catalogue messages ([`Msg`]) and never carry the cell's value: a reason may be
//! shown, kept or downloaded anywhere without repeating personal data (a NIK, a phone).
//!
//! What is accepted (docs/import.md has the same as a table, with examples):
//! - **money** ([`money`]): digits with thousands grouped by dots (or by commas, or spaces),
//!   "Rp"/"Rp."/"IDR" before, ",-" or "rupiah" after, zero decimals ("Rp20.000.000,00"), a unit
//!   word (rb/ribu, jt/juta, M/miliar/milyar; "M" is miliar) with decimals after a comma or a dot
//!   ("1,5 M", "1.5 milyar"), Number cells. A lone "-" (the accounts' zero) is nothing written.
//!   Refused: negative amounts, a fraction of a rupiah after the unit is applied ("1,2345 rb"),
//!   "20.5" (a dot followed by one or two digits, no unit: a thousands group cut short or a
//!   decimal point?), more than 18 digits, and text.
//! - **counts** ([`count`]): "12", "1.200", "12 orang" (orang, org, jiwa, anggota, TK, unit,
//!   buah), Number cells; refused: fractions, negatives, text.
//! - **dates** ([`date`]): Excel's date cells (serials); Number cells in a date column when the
//!   serial falls in 1970 to 2099; text day first ("20/05/2017", "20-05-2017", "20.05.2017",
//!   "20 Mei 2017", "20 Agt 2017", "20 August 2017"), ISO ("2017-05-20"), English month first
//!   ("May 20, 2017"); two-digit years are 20YY. Refused: no day ("Mei 2017": a day is not
//!   invented), a day the calendar lacks ("31/04/2017", "05/20/2017"), a year alone.
//!   The result is ISO `YYYY-MM-DD`.
//! - **years** ([`year`]): "2017", "Tahun 2017", a Number 2017, a date's year (also "Mei 2017").
//!   Two digits alone are refused ("17" may be an age).
//! - **identifiers** ([`identifier`]: NIB, NIK, KBLI, P-IRT): a Number cell as its digits
//!   (1234567890123 → "1234567890123"), with the leading zeros Excel dropped put back up to the
//!   identifier's length; refused when Excel had already cut the number (shown as "1,23E+12",
//!   or 16 digits and more, past Excel's 15).
//! - **phones** ([`phone`]): as typed ("+62 812-3456-7890"); digits alone starting with 8, which
//!   is how Excel stores 0812… as a number, get their 0 back.
//!   A phone the app's own export masked ("0812•••••890") is nothing written.
//! - **text** ([`text`]): trimmed, inner whitespace collapsed; a Number cell without ".0"; a date
//!   cell as ISO; TRUE/FALSE as "ya"/"tidak" (the forms' yes and no).
//! - **coordinates** ([`coordinate`]): "-7,0123", "-7.0123", Number cells, as "-7.0123".

mod amounts;
mod dates;

pub use dates::excel_day;

use super::Cell;
use crate::i18n::Msg;
use crate::model::schema::Ty;

/// How a column's cells are read: one per kind of form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Money,
    Count,
    Date,
    Year,
    /// Digits that name something (NIB 13, KBLI 5, P-IRT 15, NIK 16): the length the leading
    /// zeros of a Number cell are put back to (0: none).
    Identifier(usize),
    Phone,
    Coordinate,
    /// A decimal such as hectares, kept as written for the form's own rule (which refuses the
    /// ambiguous "1.500").
    Decimal,
}

/// How each Usaha field is read.
pub fn usaha_kind(key: &str) -> Kind {
    match key {
        "modal" | "penjualan" | "investasi" => Kind::Money,
        "tenaga_kerja" => Kind::Count,
        "tahun_mulai" => Kind::Year,
        "diverifikasi" => Kind::Date,
        "nib" => Kind::Identifier(13),
        "kbli" => Kind::Identifier(5),
        "pirt" => Kind::Identifier(15),
        "telepon" => Kind::Phone,
        "lat" | "lon" => Kind::Coordinate,
        _ => Kind::Text,
    }
}

/// How a schema field (Sentra and the other kinds) is read.
pub fn schema_kind(ty: &Ty) -> Kind {
    match ty {
        Ty::Rupiah => Kind::Money,
        Ty::Count => Kind::Count,
        Ty::Year { .. } => Kind::Year,
        Ty::Date { .. } => Kind::Date,
        Ty::Phone => Kind::Phone,
        Ty::Hectare => Kind::Decimal,
        Ty::Gps => Kind::Coordinate,
        _ => Kind::Text,
    }
}

/// One cell read as `kind`: the text the form field holds ("" for an empty cell), or why not.
pub fn read(kind: Kind, cell: &Cell) -> Result<String, Msg> {
    match kind {
        Kind::Text => Ok(text(cell)),
        Kind::Money => money(cell),
        Kind::Count => count(cell),
        Kind::Date => date(cell),
        Kind::Year => year(cell),
        Kind::Identifier(len) => identifier(cell, len),
        Kind::Phone => phone(cell),
        Kind::Coordinate => coordinate(cell),
        Kind::Decimal => Ok(text(cell)),
    }
}

/// Rupiah, as whole digits ("20000000").
pub fn money(cell: &Cell) -> Result<String, Msg> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Number(x) => amounts::whole(*x, Msg::ValueMoneyFraction).map(|n| n.to_string()),
        Cell::Text(t) => amounts::money(t).map(digits),
        Cell::Date(_) | Cell::Bool(_) => Err(Msg::ValueNotMoney),
    }
}

/// A count of people or things, as digits ("12").
pub fn count(cell: &Cell) -> Result<String, Msg> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Number(x) => amounts::whole(*x, Msg::ValueNotWhole).map(|n| n.to_string()),
        Cell::Text(t) => amounts::count(t).map(digits),
        Cell::Date(_) | Cell::Bool(_) => Err(Msg::ValueNotWhole),
    }
}

/// A date, as ISO `YYYY-MM-DD`.
pub fn date(cell: &Cell) -> Result<String, Msg> {
    let day = match cell {
        Cell::Empty => return Ok(String::new()),
        Cell::Date(serial) => dates::excel_day(*serial).ok_or(Msg::ValueNotDate),
        Cell::Number(x) => dates::number_day(*x),
        Cell::Text(t) if t.trim().is_empty() => return Ok(String::new()),
        Cell::Text(t) => dates::text_day(t),
        Cell::Bool(_) => Err(Msg::ValueNotDate),
    };
    day.map(|d| d.to_string())
}

/// A year, as four digits ("2017").
pub fn year(cell: &Cell) -> Result<String, Msg> {
    use chrono::Datelike;
    let year = match cell {
        Cell::Empty => return Ok(String::new()),
        Cell::Date(serial) => dates::excel_day(*serial)
            .map(|d| d.year())
            .ok_or(Msg::ValueNotYear),
        Cell::Number(x) => dates::number_year(*x),
        Cell::Text(t) if t.trim().is_empty() => return Ok(String::new()),
        Cell::Text(t) => dates::text_year(t),
        Cell::Bool(_) => Err(Msg::ValueNotYear),
    };
    year.map(|y| y.to_string())
}

/// Digits naming something (NIB, NIK, KBLI, P-IRT). A Number cell becomes its digits, padded
/// with the zeros Excel dropped up to `len` (0: not padded); text is kept as written (the
/// form's rule checks it), unless it shows Excel's shortened form ("1,23457E+12").
pub fn identifier(cell: &Cell, len: usize) -> Result<String, Msg> {
    let digits = match cell {
        Cell::Empty => return Ok(String::new()),
        Cell::Number(x) => number_digits(*x)?,
        Cell::Text(t) => {
            let t = collapse(t);
            if shortened(&t) {
                return Err(Msg::ValueDigitsLost);
            }
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Ok(t);
            }
            t
        }
        Cell::Date(_) | Cell::Bool(_) => return Err(Msg::ValueNotDigits),
    };
    Ok(format!("{digits:0>len$}"))
}

/// A phone number as typed; digits alone starting with 8 (0812… stored as a number) get their
/// leading 0 back.
pub fn phone(cell: &Cell) -> Result<String, Msg> {
    let typed = match cell {
        Cell::Empty => return Ok(String::new()),
        Cell::Number(x) => number_digits(*x).map_err(|_| Msg::ErrPhone)?,
        Cell::Text(t) => {
            let t = collapse(t);
            if shortened(&t) {
                return Err(Msg::ValueDigitsLost);
            }
            // The app's own export masks phones unless asked not to ("0812•••••890"): nothing
            // to take, and nothing to refuse the row for; a number already here is kept.
            if t.contains('•') {
                return Ok(String::new());
            }
            t
        }
        Cell::Date(_) | Cell::Bool(_) => return Err(Msg::ErrPhone),
    };
    if typed.starts_with('8') && typed.bytes().all(|b| b.is_ascii_digit()) {
        Ok(format!("0{typed}"))
    } else {
        Ok(typed)
    }
}

/// Plain text: trimmed, inner whitespace (line breaks, tabs, no-break spaces) one space; a
/// Number cell as written without ".0" (an RT "5", a kode pos "65411"); a date cell as ISO.
pub fn text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => collapse(t),
        Cell::Number(x) => number_text(*x),
        Cell::Date(serial) => {
            dates::excel_day(*serial).map_or_else(|| number_text(*serial), |d| d.to_string())
        }
        Cell::Bool(true) => "ya".to_string(),
        Cell::Bool(false) => "tidak".to_string(),
    }
}

/// A latitude or longitude in decimal degrees, with a decimal point ("-7.0123").
pub fn coordinate(cell: &Cell) -> Result<String, Msg> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Number(x) if x.is_finite() => Ok(number_text(*x)),
        Cell::Text(t) => {
            let t = collapse(t).replace('\u{2212}', "-");
            if t.is_empty() {
                return Ok(t);
            }
            let point = if t.contains('.') {
                t
            } else {
                t.replacen(',', ".", 1)
            };
            let plain = point
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
            match point.parse::<f64>() {
                Ok(x) if plain && x.is_finite() => Ok(point),
                _ => Err(Msg::ValueNotCoordinate),
            }
        }
        Cell::Number(_) | Cell::Date(_) | Cell::Bool(_) => Err(Msg::ValueNotCoordinate),
    }
}

fn digits(n: Option<u128>) -> String {
    n.map_or_else(String::new, |n| n.to_string())
}

fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A whole Number cell below Excel's 15 significant digits, as its digits.
fn number_digits(x: f64) -> Result<String, Msg> {
    if x >= 1e15 {
        return Err(Msg::ValueDigitsLost);
    }
    if !(x.is_finite() && x >= 0.0 && x.fract() == 0.0) {
        return Err(Msg::ValueNotDigits);
    }
    Ok(format!("{}", x as u64))
}

/// A number as a person writes it: no ".0", no exponent.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Excel's scientific display of a long number ("1.23457E+12", "1,23457E+12"): digits are lost.
fn shortened(t: &str) -> bool {
    let upper = t.to_ascii_uppercase();
    match upper.split_once("E+") {
        Some((mantissa, exponent)) => {
            !mantissa.is_empty()
                && !exponent.is_empty()
                && mantissa
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                && exponent.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests;
