//! Money and counts: whole numbers as offices write them, with thousands grouped, a unit word
//! ("20 jt", "12 orang") and decimals only where a unit makes them whole.

use super::Msg;

/// The largest amount the form keeps: 18 digits (its rupiah rule refuses more).
pub const MAX: u128 = 999_999_999_999_999_999;

/// Rupiah's unit words, lower case, with the amount each stands for. "M" is miliar, as
/// Indonesian writes it (never million).
const MONEY_UNITS: &[(&str, u128)] = &[
    ("", 1),
    ("rb", 1_000),
    ("ribu", 1_000),
    ("jt", 1_000_000),
    ("juta", 1_000_000),
    ("m", 1_000_000_000),
    ("miliar", 1_000_000_000),
    ("milyar", 1_000_000_000),
];

/// Words a count of people or things may carry.
const COUNT_UNITS: &[(&str, u128)] = &[
    ("", 1),
    ("orang", 1),
    ("org", 1),
    ("jiwa", 1),
    ("anggota", 1),
    ("tk", 1),
    ("unit", 1),
    ("buah", 1),
];

/// What to say when a number is not one of the kind asked for.
struct Reasons {
    not_a_number: Msg,
    fraction: Msg,
    /// A single dot followed by one or two digits that are not all zero ("20.5").
    dot: Msg,
}

const MONEY: Reasons = Reasons {
    not_a_number: Msg::ValueNotMoney,
    fraction: Msg::ValueMoneyFraction,
    dot: Msg::ValueMoneyDot,
};

const COUNT: Reasons = Reasons {
    not_a_number: Msg::ValueNotWhole,
    fraction: Msg::ValueNotWhole,
    dot: Msg::ValueNotWhole,
};

/// Rupiah written as text: `None` for nothing written ("", "-", "Rp -").
pub fn money(text: &str) -> Result<Option<u128>, Msg> {
    let s = text.trim().to_lowercase();
    let s = s.trim_end_matches(",-").trim_end_matches(".-").trim();
    let s = s.strip_suffix("rupiah").unwrap_or(s).trim();
    let (negative, s) = sign(s);
    let s = strip_currency(s);
    let (negative_after, s) = sign(s);
    if s.is_empty() || s == "-" {
        return Ok(None);
    }
    if negative || negative_after {
        return Err(Msg::ErrNegative);
    }
    amount(s, MONEY_UNITS, &MONEY).map(Some)
}

/// A count written as text ("12", "1.200", "12 orang"): `None` for nothing written.
pub fn count(text: &str) -> Result<Option<u128>, Msg> {
    let s = text.trim().to_lowercase();
    let (negative, s) = sign(&s);
    if s.is_empty() || s == "-" {
        return Ok(None);
    }
    if negative {
        return Err(Msg::ErrNegative);
    }
    amount(s, COUNT_UNITS, &COUNT).map(Some)
}

/// A Number cell as a whole amount. Excel's float noise (a sum of 0.1s) is forgiven below a
/// millionth; a real fraction is refused with `fraction`.
pub fn whole(x: f64, fraction: Msg) -> Result<u128, Msg> {
    if !x.is_finite() {
        return Err(fraction);
    }
    if x < 0.0 {
        return Err(Msg::ErrNegative);
    }
    if x > MAX as f64 {
        return Err(Msg::ValueTooLarge);
    }
    let rounded = x.round();
    if (x - rounded).abs() > 1e-6 {
        return Err(fraction);
    }
    Ok(rounded as u128)
}

/// Takes a leading minus (or the accounts' brackets) off.
fn sign(s: &str) -> (bool, &str) {
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        return (true, inner.trim());
    }
    match s.strip_prefix(['-', '\u{2212}']) {
        Some(rest) if !rest.trim().is_empty() => (true, rest.trim()),
        _ => (false, s),
    }
}

fn strip_currency(s: &str) -> &str {
    for prefix in ["rp.", "rp", "idr"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    s
}

/// A number with an optional unit word after it, made whole.
fn amount(s: &str, units: &[(&str, u128)], reasons: &Reasons) -> Result<u128, Msg> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')))
        .unwrap_or(s.len());
    let (number, unit) = (s[..end].trim(), s[end..].trim().trim_end_matches('.'));
    let scale = units
        .iter()
        .find(|(word, _)| *word == unit)
        .map(|(_, scale)| *scale)
        .ok_or(reasons.not_a_number)?;
    let (whole, fraction) = split(number, scale > 1, reasons)?;
    let too_large = Msg::ValueTooLarge;
    let mut value: u128 = 0;
    for d in whole.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(d - b'0')))
            .filter(|v| *v <= MAX)
            .ok_or(too_large)?;
    }
    let value = value
        .checked_mul(scale)
        .filter(|v| *v <= MAX)
        .ok_or(too_large)?;
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        return Ok(value);
    }
    if fraction.len() > 18 {
        return Err(reasons.fraction);
    }
    let parts: u128 = fraction.parse().map_err(|_| reasons.not_a_number)?;
    let denominator = 10u128.pow(fraction.len() as u32);
    let scaled = parts * scale;
    if !scaled.is_multiple_of(denominator) {
        return Err(reasons.fraction);
    }
    value
        .checked_add(scaled / denominator)
        .filter(|v| *v <= MAX)
        .ok_or(too_large)
}

/// Splits a written number into its whole digits and its decimals. Indonesian groups
/// thousands with dots and writes decimals after a comma; English the other way round; so:
/// - both dots and commas: the last one is the decimal mark, the other groups thousands;
/// - commas only: one comma followed by one or two digits (or any, with a unit word) is the
///   decimal comma; otherwise commas group thousands ("20,000,000");
/// - dots only: one dot followed by three digits groups thousands ("20.000"; "1.500 jt" is
///   1.500 juta); one dot followed by one or two digits is a decimal point with a unit word
///   ("1.5 milyar"), zeros without one ("20000000.00"), and refused otherwise ("20.5": twenty
///   rupiah and a half, or a thousands group cut short?).
///
/// Groups after the first have exactly three digits; spaces may group too ("20 000 000").
fn split<'a>(s: &'a str, unit: bool, reasons: &Reasons) -> Result<(String, &'a str), Msg> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return Err(reasons.not_a_number);
    }
    let (dots, commas) = (s.matches('.').count(), s.matches(',').count());
    let last = |mark: char| s.rfind(mark).map(|i| (&s[..i], &s[i + 1..]));
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) => {
            let (_, after) = last('.').expect("a dot");
            match (dots, after.len()) {
                (1, 1 | 2) if unit || after.bytes().all(|b| b == b'0') => Some('.'),
                (1, 1 | 2) => return Err(reasons.dot),
                _ => None,
            }
        }
        (0, _) => {
            let (_, after) = last(',').expect("a comma");
            (commas == 1 && (unit || after.len() != 3)).then_some(',')
        }
        _ => Some(if s.rfind('.') > s.rfind(',') {
            '.'
        } else {
            ','
        }),
    };
    let (whole, fraction) = match decimal {
        Some(mark) => last(mark).expect("the decimal mark"),
        None => (s, ""),
    };
    if decimal.is_some_and(|mark| whole.contains(mark))
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(reasons.not_a_number);
    }
    let mut groups = whole.split(['.', ',', ' ']);
    let first = groups.next().unwrap_or("");
    let grouped = whole.len() > first.len();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) || (grouped && first.len() > 3) || !groups.all(|g| g.len() == 3 && digits(g))
    {
        return Err(reasons.not_a_number);
    }
    Ok((
        whole.chars().filter(char::is_ascii_digit).collect(),
        fraction,
    ))
}
