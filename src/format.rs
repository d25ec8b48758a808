//! Numbers, money and dates as officers read them: "Rp20.000.000", "31 Maret 2021" in
//! Indonesian; "Rp20,000,000", "31 March 2021" in English. Pure: no browser.

use crate::i18n::Lang;

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

/// Rupiah: "Rp20.000.000".
pub fn rupiah(n: u64, lang: Lang) -> String {
    format!("Rp{}", thousands(n, lang))
}

/// An ISO date `YYYY-MM-DD` as "31 Maret 2021"; anything else is returned as it is.
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => d
            .parse::<u32>()
            .ok()
            .zip(m.parse::<usize>().ok().filter(|m| (1..=12).contains(m)))
            .map(|(d, m)| (y, m, d)),
        _ => None,
    };
    match parsed {
        Some((y, m, d)) => {
            let names = match lang {
                Lang::Id => &BULAN,
                Lang::En => &MONTHS,
            };
            format!("{d} {} {y}", names[m - 1])
        }
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
