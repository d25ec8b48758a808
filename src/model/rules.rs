//! Parsing and checking what officers type, shared by every kind's rules. Pure: no browser.

use crate::i18n::Msg;
use chrono::Datelike;
use serde_json::{json, Value};

/// Indonesia's bounding box, with a little margin: (south, north, west, east).
pub const INDONESIA: (f64, f64, f64, f64) = (-11.2, 6.3, 94.7, 141.2);

/// Today's date as the rules need it.
#[derive(Clone, Debug)]
pub struct Today {
    pub year: i32,
    /// YYYY-MM-DD
    pub iso: String,
    /// The device's clock, ms since 1970 UTC: received stamps may be at most
    /// `hlc::MAX_AHEAD_MS` ahead of it.
    pub clock_ms: u64,
}

pub fn text(form_value: &str) -> Value {
    let t = form_value.trim();
    if t.is_empty() {
        Value::Null
    } else {
        json!(t)
    }
}

pub fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Rupiah as officers write it: "20.000.000", "Rp 20 juta" is not accepted, "20000000" is.
pub fn rupiah(s: &str) -> Result<Option<u64>, Msg> {
    let t = s
        .trim()
        .trim_start_matches("Rp")
        .trim_start_matches("rp")
        .trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with('-') {
        return Err(Msg::ErrNegative);
    }
    let cleaned: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if cleaned.is_empty() || !cleaned.bytes().all(|b| b.is_ascii_digit()) || cleaned.len() > 18 {
        return Err(Msg::ErrRupiah);
    }
    Ok(Some(cleaned.parse().map_err(|_| Msg::ErrRupiah)?))
}

pub fn whole_number(s: &str, min: u64, max: u64) -> Result<Option<u64>, Msg> {
    let t = s.trim().replace('.', "");
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with('-') {
        return Err(Msg::ErrNegative);
    }
    match t.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(Msg::ErrWholeNumber),
    }
}

pub fn coordinate(s: &str) -> Result<Option<f64>, Msg> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>().map(Some).map_err(|_| Msg::ErrCoordinate)
}

/// A plausible calendar date `YYYY-MM-DD` from 2000 up to today (the calendar is chrono's,
/// through [`crate::format::iso_date`]).
pub fn plausible_date(s: &str, today: &Today) -> bool {
    crate::format::iso_date(s).is_some_and(|day| day.year() >= 2000) && s <= today.iso.as_str()
}

/// An Indonesian phone number: digits with spaces, `+ - ( ) .`; 8 to 15 digits starting 0 or 62.
pub fn valid_phone(phone: &str) -> bool {
    let digits = digits_only(phone);
    !phone
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-().".contains(c)))
        && (8..=15).contains(&digits.len())
        && (digits.starts_with('0') || digits.starts_with("62"))
}

/// A latitude and longitude typed together: both empty, or both numbers inside Indonesia.
pub fn coordinates(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, Msg> {
    let (south, north, west, east) = INDONESIA;
    match (coordinate(lat)?, coordinate(lon)?) {
        (None, None) => Ok(None),
        (Some(lat), Some(lon))
            if (south..=north).contains(&lat) && (west..=east).contains(&lon) =>
        {
            Ok(Some((lat, lon)))
        }
        (Some(_), Some(_)) => Err(Msg::ErrOutsideIndonesia),
        _ => Err(Msg::ErrCoordinate),
    }
}

/// A non-negative area in hectares ("0,5" or "0.5"), at most a million. "1.500" is refused as
/// ambiguous: Indonesian writes thousands with dots, and money and counts here read it so.
pub fn hectares(s: &str) -> Result<Option<f64>, Msg> {
    let trimmed = s.trim();
    if trimmed
        .rsplit_once('.')
        .is_some_and(|(_, after)| after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Msg::ErrHectare);
    }
    let t = trimmed.replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with('-') {
        return Err(Msg::ErrNegative);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v <= 1_000_000.0 => Ok(Some(v)),
        _ => Err(Msg::ErrHectare),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_dates_follow_the_calendar() {
        let far = Today {
            year: 2200,
            iso: "2200-01-01".into(),
            clock_ms: 0,
        };
        for good in ["2000-01-01", "2000-02-29", "2024-02-29", "2100-12-31"] {
            assert!(plausible_date(good, &far), "{good}");
        }
        for bad in [
            "1999-12-31",
            "2100-02-29",
            "2023-02-29",
            "2023-04-31",
            "2023-00-10",
            "2023-01-00",
            "2023-1-01",
            "2023-01-1",
            "+023-01-01",
            "2023/01/01",
            "2023-01-01 ",
            "",
        ] {
            assert!(!plausible_date(bad, &far), "{bad}");
        }
    }
}
