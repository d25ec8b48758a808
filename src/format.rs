//! Numbers, money and dates as officers read them: "Rp20.000.000", "31 Maret 2021" in
//! Indonesian; "Rp20,000,000", "31 March 2021" in English. Pure: no browser.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Timelike, Utc};

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A whole number with thousands grouped: "5.770" (Indonesian), "5,770" (English).
pub fn thousands(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number of up to three decimals as officers read it: thousands grouped and a decimal
/// comma in Indonesian ("1.250,5"; "0,5"), as in English ("1,250.5"). Negative and non-finite
/// values (never stored) are shown as written.
pub fn decimal(x: f64, lang: Lang) -> String {
    if !x.is_finite() || x < 0.0 {
        return x.to_string();
    }
    let thousandths = (x * 1000.0).round() as u64;
    let (whole, part) = (thousandths / 1000, thousandths % 1000);
    let mut out = thousands(whole, lang);
    if part > 0 {
        out.push(match lang {
            Lang::Id => ',',
            Lang::En => '.',
        });
        out.push_str(format!("{part:03}").trim_end_matches('0'));
    }
    out
}

/// Hectares: "0,5 ha" (Indonesian), "0.5 ha" (English); "0 ha" is an area known to be none.
pub fn hectares(x: f64, lang: Lang) -> String {
    format!("{} ha", decimal(x, lang))
}

/// Rupiah: "Rp20.000.000".
pub fn rupiah(n: u64, lang: Lang) -> String {
    format!("Rp{}", thousands(n, lang))
}

/// An ISO date `YYYY-MM-DD` as "31 Maret 2021"; anything else (a day the calendar does not
/// have included) is returned as it is.
pub fn date(iso: &str, lang: Lang) -> String {
    match iso_date(iso) {
        Some(day) => day_in_words(day, lang),
        None => iso.to_string(),
    }
}

/// A stored date: exactly `YYYY-MM-DD` (four, two and two digits), a day the calendar has.
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let part = |range: std::ops::Range<usize>| -> Option<u32> {
        let p = &s[range];
        p.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(part(0..4)? as i32, part(5..7)?, part(8..10)?)
}

fn day_in_words(day: NaiveDate, lang: Lang) -> String {
    let names = match lang {
        Lang::Id => &BULAN,
        Lang::En => &MONTHS,
    };
    format!(
        "{} {} {}",
        day.day(),
        names[day.month0() as usize],
        day.year()
    )
}

/// A moment on the device's calendar as officers read it: "30 November 2026 pukul 06.23"
/// (Indonesian writes the time with a full stop), "30 November 2026 at 06:23". `local_ms` is the
/// moment in ms since the epoch with the device's UTC offset already added.
pub fn moment(local_ms: u64, lang: Lang) -> String {
    let at = utc(local_ms);
    let (day, hour, minute) = (day_in_words(at.date_naive(), lang), at.hour(), at.minute());
    match lang {
        Lang::Id => format!("{day} pukul {hour:02}.{minute:02}"),
        Lang::En => format!("{day} at {hour:02}:{minute:02}"),
    }
}

/// A moment as ISO 8601 UTC with milliseconds: "2026-11-23T08:15:30.123Z".
pub fn iso_utc(ms: u64) -> String {
    utc(ms).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The calendar date (year, month, day) of a moment in ms since the Unix epoch, in UTC; add the
/// local offset to `ms` for the local date.
pub fn civil(ms: u64) -> (i64, i64, i64) {
    let day = utc(ms).date_naive();
    (
        i64::from(day.year()),
        i64::from(day.month()),
        i64::from(day.day()),
    )
}

/// A moment in ms since the Unix epoch. One past chrono's calendar (the year 262,143: no clock
/// or stamp reaches it) is its last moment.
fn utc(ms: u64) -> DateTime<Utc> {
    i64::try_from(ms)
        .ok()
        .and_then(DateTime::from_timestamp_millis)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hectares_read_with_a_decimal_comma_in_indonesian() {
        assert_eq!(hectares(0.5, Lang::Id), "0,5 ha");
        assert_eq!(hectares(0.0, Lang::Id), "0 ha");
        assert_eq!(hectares(2.125, Lang::Id), "2,125 ha");
        assert_eq!(hectares(1250.75, Lang::Id), "1.250,75 ha");
        assert_eq!(hectares(12.0, Lang::En), "12 ha");
        assert_eq!(hectares(1250.75, Lang::En), "1,250.75 ha");
        // Sums of stored values carry float noise: three decimals at most.
        assert_eq!(decimal(0.1 + 0.2, Lang::Id), "0,3");
    }

    #[test]
    fn numbers_group_by_thousands_in_each_language() {
        assert_eq!(thousands(0, Lang::Id), "0");
        assert_eq!(thousands(999, Lang::Id), "999");
        assert_eq!(thousands(1_000, Lang::Id), "1.000");
        assert_eq!(thousands(5_770, Lang::Id), "5.770");
        assert_eq!(thousands(300_000_000, Lang::Id), "300.000.000");
        assert_eq!(thousands(1_234_567, Lang::En), "1,234,567");
        assert_eq!(rupiah(20_000_000, Lang::Id), "Rp20.000.000");
    }

    #[test]
    fn moments_in_iso_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_utc(1_795_421_730_123), "2026-11-23T08:15:30.123Z");
        assert_eq!(iso_utc(4_102_444_799_999), "2099-12-31T23:59:59.999Z");
    }

    #[test]
    fn moments_read_with_the_date_in_words() {
        // 2026-11-30T06:23:45Z
        let ms = 1_796_019_825_000;
        assert_eq!(iso_utc(ms), "2026-11-30T06:23:45.000Z");
        assert_eq!(moment(ms, Lang::Id), "30 November 2026 pukul 06.23");
        assert_eq!(moment(ms, Lang::En), "30 November 2026 at 06:23");
        // Seven hours ahead (WIB) moves past midnight into the next month.
        let wib = ms + 7 * 3_600_000 + 11 * 3_600_000;
        assert_eq!(moment(wib, Lang::Id), "1 Desember 2026 pukul 00.23");
        assert_eq!(moment(0, Lang::Id), "1 Januari 1970 pukul 00.00");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(date("2021-03-31", Lang::Id), "31 Maret 2021");
        assert_eq!(date("2021-03-31", Lang::En), "31 March 2021");
        assert_eq!(date("2019-01-05", Lang::Id), "5 Januari 2019");
        assert_eq!(date("2019-12-01", Lang::Id), "1 Desember 2019");
        assert_eq!(
            date("2019-13-01", Lang::Id),
            "2019-13-01",
            "not a date: as is"
        );
        assert_eq!(date("kemarin", Lang::Id), "kemarin");
        assert_eq!(
            date("2019-02-29", Lang::Id),
            "2019-02-29",
            "no such day: as is"
        );
        assert_eq!(date("2020-02-29", Lang::Id), "29 Februari 2020");
        assert_eq!(
            date("2021-3-31", Lang::Id),
            "2021-3-31",
            "not as stored: as is"
        );
    }

    #[test]
    fn moments_past_the_calendar_read_as_its_last() {
        assert_eq!(civil(u64::MAX), civil(i64::MAX as u64));
        assert_eq!(civil(u64::MAX).1, 12);
        assert_eq!(civil(u64::MAX).2, 31);
    }
}
