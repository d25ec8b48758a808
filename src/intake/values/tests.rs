use super::*;
use crate::format;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn ok(f: fn(&Cell) -> Result<String, Msg>, cell: Cell, want: &str) {
    assert_eq!(f(&cell), Ok(want.to_string()), "{cell:?}");
}

fn refused(f: fn(&Cell) -> Result<String, Msg>, cell: Cell, why: Msg) {
    assert_eq!(f(&cell), Err(why), "{cell:?}");
}

#[test]
fn money_as_offices_write_it() {
    for (written, want) in [
        ("Rp 20.000.000", "20000000"),
        ("Rp20.000.000,00", "20000000"),
        ("Rp. 20.000.000,-", "20000000"),
        ("rp 20.000", "20000"),
        ("IDR 20,000,000", "20000000"),
        ("20000000", "20000000"),
        ("20000000.00", "20000000"),
        ("20 000 000", "20000000"),
        ("20,000", "20000"),
        ("20 jt", "20000000"),
        ("20jt", "20000000"),
        ("20 juta", "20000000"),
        ("20 Juta Rupiah", "20000000"),
        ("Rp 2,5 jt", "2500000"),
        ("1,5 M", "1500000000"),
        ("1,5 miliar", "1500000000"),
        ("1.5 milyar", "1500000000"),
        ("1.500 jt", "1500000000"),
        ("1,500 jt", "1500000"),
        ("500 rb", "500000"),
        ("500 ribu", "500000"),
        ("0", "0"),
        ("  ", ""),
        ("-", ""),
        ("Rp -", ""),
        ("999.999.999.999.999.999", "999999999999999999"),
    ] {
        ok(money, t(written), want);
    }
    ok(money, Cell::Number(20_000_000.0), "20000000");
    ok(money, Cell::Number(0.1 + 0.2 - 0.3 + 7.0), "7");
    ok(money, Cell::Empty, "");
}

#[test]
fn money_refused_with_a_reason() {
    for (written, why) in [
        ("-5.000", Msg::ErrNegative),
        ("Rp -5.000", Msg::ErrNegative),
        ("(5.000)", Msg::ErrNegative),
        ("20.5", Msg::ValueMoneyDot),
        ("20.50", Msg::ValueMoneyDot),
        ("20,5", Msg::ValueMoneyFraction),
        ("Rp20.000.000,50", Msg::ValueMoneyFraction),
        ("1,2345 rb", Msg::ValueMoneyFraction),
        ("tidak ada", Msg::ValueNotMoney),
        ("20 dolar", Msg::ValueNotMoney),
        ("20-30 jt", Msg::ValueNotMoney),
        ("20.00.000", Msg::ValueNotMoney),
        ("2.0000", Msg::ValueNotMoney),
        ("1.000,000.5", Msg::ValueNotMoney),
        ("jt", Msg::ValueNotMoney),
        ("1.000.000.000.000.000.000", Msg::ValueTooLarge),
        ("1.000.000.000 M", Msg::ValueTooLarge),
    ] {
        refused(money, t(written), why);
    }
    refused(money, Cell::Number(-1.0), Msg::ErrNegative);
    refused(money, Cell::Number(20.5), Msg::ValueMoneyFraction);
    refused(money, Cell::Number(f64::NAN), Msg::ValueMoneyFraction);
    refused(money, Cell::Number(1e19), Msg::ValueTooLarge);
    refused(money, Cell::Bool(true), Msg::ValueNotMoney);
    refused(money, Cell::Date(42875.0), Msg::ValueNotMoney);
}

#[test]
fn counts() {
    for (written, want) in [
        ("12", "12"),
        ("12 orang", "12"),
        ("12 Orang", "12"),
        ("3 org", "3"),
        ("1.200", "1200"),
        ("0", "0"),
        ("", ""),
    ] {
        ok(count, t(written), want);
    }
    ok(count, Cell::Number(12.0), "12");
    for (written, why) in [
        ("12,5", Msg::ValueNotWhole),
        ("12.5", Msg::ValueNotWhole),
        ("-3", Msg::ErrNegative),
        ("dua belas", Msg::ValueNotWhole),
        ("12 kambing", Msg::ValueNotWhole),
        ("5 jt", Msg::ValueNotWhole),
    ] {
        refused(count, t(written), why);
    }
    refused(count, Cell::Number(12.5), Msg::ValueNotWhole);
    refused(count, Cell::Number(-12.0), Msg::ErrNegative);
    refused(count, Cell::Bool(false), Msg::ValueNotWhole);
}

#[test]
fn dates_in_every_form_offices_write() {
    for written in [
        "20 Mei 2017",
        "20 mei 2017",
        "20 MEI 2017",
        "20 May 2017",
        "May 20, 2017",
        "20-May-17",
        "20/05/2017",
        "20/5/2017",
        "20-05-2017",
        "20.05.2017",
        "20/05/17",
        "2017-05-20",
        "2017/05/20",
        "2017-05-20 00:00:00",
        "2017-05-20T08:30:00",
        "20/05/2017 0:00",
        " 20  Mei   2017 ",
    ] {
        ok(date, t(written), "2017-05-20");
    }
    for (written, want) in [
        ("20 Agustus 2017", "2017-08-20"),
        ("20 Agt 2017", "2017-08-20"),
        ("20 Agu 2017", "2017-08-20"),
        ("20 Ags. 2017", "2017-08-20"),
        ("20 August 2017", "2017-08-20"),
        ("1 Pebruari 2016", "2016-02-01"),
        ("29 Feb 2016", "2016-02-29"),
        ("3 Nopember 2019", "2019-11-03"),
        ("3 Okt 2019", "2019-10-03"),
        ("3 Oct 2019", "2019-10-03"),
        ("31 Des 2019", "2019-12-31"),
        ("31 Desember 1999", "1999-12-31"),
    ] {
        ok(date, t(written), want);
    }
    // Excel's serials: a date cell, or a number in a date column.
    ok(date, Cell::Date(42875.0), "2017-05-20");
    ok(date, Cell::Date(42875.75), "2017-05-20");
    ok(date, Cell::Number(42875.0), "2017-05-20");
    ok(date, t("42875"), "2017-05-20");
    ok(date, Cell::Empty, "");
}

#[test]
fn dates_refused_with_a_reason() {
    for (written, why) in [
        ("Mei 2017", Msg::ValueDayMissing),
        ("05/2017", Msg::ValueDayMissing),
        ("2017-05", Msg::ValueDayMissing),
        ("2017", Msg::ValueDayMissing),
        ("31/04/2017", Msg::ValueNoSuchDay),
        ("29/02/2017", Msg::ValueNoSuchDay),
        ("05/20/2017", Msg::ValueNoSuchDay),
        ("2017-02-30", Msg::ValueNoSuchDay),
        ("20/05-2017", Msg::ValueNotDate),
        ("20 Mai 2017", Msg::ValueNotDate),
        ("kemarin", Msg::ValueNotDate),
        ("20/05/217", Msg::ValueNotDate),
        ("Sabtu, 20 Mei 2017", Msg::ValueNotDate),
        ("20.05", Msg::ValueNotDate),
        ("1", Msg::ValueDateSerial),
    ] {
        refused(date, t(written), why);
    }
    refused(date, Cell::Number(2017.0), Msg::ValueDayMissing);
    refused(date, Cell::Number(12.0), Msg::ValueDateSerial);
    refused(date, Cell::Number(200_000.0), Msg::ValueDateSerial);
    refused(date, Cell::Date(60.0), Msg::ValueNotDate);
    refused(date, Cell::Date(0.0), Msg::ValueNotDate);
    refused(date, Cell::Date(-5.0), Msg::ValueNotDate);
    refused(date, Cell::Bool(true), Msg::ValueNotDate);
}

#[test]
fn excel_serials_count_its_phantom_leap_day() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(excel_day(1.0), day(1900, 1, 1));
    assert_eq!(excel_day(59.0), day(1900, 2, 28));
    assert_eq!(excel_day(60.0), None, "29 February 1900, which never was");
    assert_eq!(excel_day(61.0), day(1900, 3, 1));
    assert_eq!(excel_day(36526.0), day(2000, 1, 1));
    assert_eq!(excel_day(2_958_465.0), day(9999, 12, 31));
    assert_eq!(excel_day(f64::INFINITY), None);
}

#[test]
fn years_alone_or_from_a_date() {
    for (cell, want) in [
        (t("2017"), "2017"),
        (t(" 2017 "), "2017"),
        (t("Tahun 2017"), "2017"),
        (t("th. 2017"), "2017"),
        (t("20/05/2017"), "2017"),
        (t("Mei 2017"), "2017"),
        (Cell::Number(2017.0), "2017"),
        (Cell::Date(42875.0), "2017"),
        (t(""), ""),
        (Cell::Empty, ""),
    ] {
        ok(year, cell, want);
    }
    for cell in [
        t("17"),
        t("2017/2018"),
        t("lama"),
        Cell::Number(2017.5),
        Cell::Number(42875.0),
        Cell::Bool(true),
    ] {
        refused(year, cell, Msg::ValueNotYear);
    }
}

#[test]
fn identifiers_stored_as_numbers() {
    let nib = |c| identifier(&c, 13);
    assert_eq!(
        nib(Cell::Number(1_234_567_890_123.0)),
        Ok("1234567890123".into())
    );
    assert_eq!(
        nib(Cell::Number(234_567_890_123.0)),
        Ok("0234567890123".into()),
        "a leading zero Excel dropped"
    );
    assert_eq!(nib(t(" 1234567890123 ")), Ok("1234567890123".into()));
    assert_eq!(
        nib(t("NIB 12345")),
        Ok("NIB 12345".into()),
        "as written, for the form's rule"
    );
    assert_eq!(nib(t("1,23457E+12")), Err(Msg::ValueDigitsLost));
    assert_eq!(nib(t("1.23457e+12")), Err(Msg::ValueDigitsLost));
    assert_eq!(nib(Cell::Number(12.5)), Err(Msg::ValueNotDigits));
    assert_eq!(nib(Cell::Bool(true)), Err(Msg::ValueNotDigits));
    assert_eq!(
        identifier(&Cell::Number(1111.0), 5),
        Ok("01111".into()),
        "KBLI 01111"
    );
    // A NIK has 16 digits: past Excel's 15, so a Number cell has already lost one.
    assert_eq!(
        identifier(&Cell::Number(3_529_012_345_678_901.0), 16),
        Err(Msg::ValueDigitsLost)
    );
    assert_eq!(
        identifier(&t("3529012345678901"), 16),
        Ok("3529012345678901".into())
    );
}

#[test]
fn phones_get_the_zero_excel_dropped() {
    ok(phone, Cell::Number(81_234_567_890.0), "081234567890");
    ok(phone, t("81234567890"), "081234567890");
    ok(phone, t("081234567890"), "081234567890");
    ok(phone, Cell::Number(6_281_234_567_890.0), "6281234567890");
    ok(phone, t(" +62 812-3456-7890 "), "+62 812-3456-7890");
    ok(phone, t("(0328) 66 12 34"), "(0328) 66 12 34");
    refused(phone, t("8,12346E+10"), Msg::ValueDigitsLost);
    refused(phone, Cell::Number(-8.0), Msg::ErrPhone);
    refused(phone, Cell::Bool(false), Msg::ErrPhone);
}

#[test]
fn plain_text_trimmed_and_numbers_without_point_zero() {
    assert_eq!(
        text(&t("  Keripik \t Tempe\n Bu  Sri ")),
        "Keripik Tempe Bu Sri"
    );
    assert_eq!(text(&t("Jl.\u{a0}Raya")), "Jl. Raya");
    assert_eq!(text(&Cell::Number(5.0)), "5");
    assert_eq!(text(&Cell::Number(65411.0)), "65411");
    assert_eq!(text(&Cell::Number(2.5)), "2.5");
    assert_eq!(text(&Cell::Number(-3.0)), "-3");
    assert_eq!(text(&Cell::Date(42875.0)), "2017-05-20");
    assert_eq!(text(&Cell::Bool(true)), "ya");
    assert_eq!(text(&Cell::Bool(false)), "tidak");
    assert_eq!(text(&Cell::Empty), "");
}

#[test]
fn coordinates_with_a_comma_or_a_point() {
    ok(coordinate, t("-7,0123"), "-7.0123");
    ok(coordinate, t("-7.0123"), "-7.0123");
    ok(coordinate, t("113,8615"), "113.8615");
    ok(coordinate, t("\u{2212}7,5"), "-7.5");
    ok(coordinate, Cell::Number(-7.0123), "-7.0123");
    ok(coordinate, Cell::Number(113.0), "113");
    ok(coordinate, t(""), "");
    for bad in [
        "7°00'44\"S",
        "-7,01,23",
        "1,5.2",
        "utara",
        "-",
        "1e5",
        "inf",
    ] {
        refused(coordinate, t(bad), Msg::ValueNotCoordinate);
    }
    refused(coordinate, Cell::Number(f64::NAN), Msg::ValueNotCoordinate);
}

#[test]
fn every_usaha_field_has_a_kind_and_reads_through_it() {
    use crate::model::usaha::{UsahaForm, LABELS};
    assert_eq!(usaha_kind("modal"), Kind::Money);
    assert_eq!(usaha_kind("nama"), Kind::Text);
    assert_eq!(schema_kind(&Ty::Hectare), Kind::Decimal);
    // A row as an office's workbook gives it becomes a form that passes the form's rules.
    let row = [
        ("nama", t(" Keripik  Tempe Bu Sri ")),
        ("telepon", Cell::Number(81_234_567_890.0)),
        ("nib", Cell::Number(1_234_567_890_123.0)),
        ("desa", t("35.29.02.2004")),
        ("tenaga_kerja", t("12 orang")),
        ("modal", t("Rp 20.000.000")),
        ("penjualan", t("1,5 M")),
        ("investasi", Cell::Number(5e6)),
        ("tahun_mulai", Cell::Date(42875.0)),
        ("status", t("aktif")),
        ("diverifikasi", t("20 Mei 2021")),
        ("lat", t("-7,0123")),
        ("lon", Cell::Number(113.8615)),
    ];
    let mut form = UsahaForm::default();
    for (key, cell) in &row {
        assert!(LABELS.iter().any(|(k, _)| k == key));
        *form.text_mut(key).expect("a field") = read(usaha_kind(key), cell).expect("read");
    }
    let today = crate::model::rules::Today {
        year: 2026,
        iso: "2026-11-30".into(),
        clock_ms: 0,
    };
    let values = form.validate(&today).expect("valid");
    let get = |k: &str| {
        values
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.to_string())
    };
    assert_eq!(get("penjualan").as_deref(), Some("1500000000"));
    assert_eq!(get("tahun_mulai").as_deref(), Some("2017"));
    assert_eq!(get("telepon").as_deref(), Some("\"081234567890\""));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any rupiah the app shows (`format::rupiah`, either language) reads back equal; past the
    /// form's 18 digits it is refused as too large, never misread.
    #[test]
    fn shown_rupiah_reads_back(n in any::<u64>(), english in any::<bool>()) {
        let lang = if english { Lang::En } else { Lang::Id };
        let read = money(&t(&format::rupiah(n, lang)));
        if u128::from(n) <= amounts::MAX {
            prop_assert_eq!(read, Ok(n.to_string()));
        } else {
            prop_assert_eq!(read, Err(Msg::ValueTooLarge));
        }
    }

    /// Any whole amount of juta with up to six decimals reads as its rupiah.
    #[test]
    fn juta_with_decimals(whole in 0u64..1_000_000, millionths in 0u32..1_000_000) {
        let written = format!("{whole},{millionths:06} jt");
        let want = u128::from(whole) * 1_000_000 + u128::from(millionths);
        prop_assert_eq!(money(&t(&written)), Ok(want.to_string()));
    }

    /// Any date from 1900-03-01 on reads back from its words in either language, its
    /// day-first digits, and its Excel serial.
    #[test]
    fn dates_read_back(days in 0u64..73_000) {
        let day = NaiveDate::from_ymd_opt(1900, 3, 1).unwrap() + chrono::Days::new(days);
        let iso = day.to_string();
        for lang in Lang::ALL {
            prop_assert_eq!(date(&t(&format::date(&iso, lang))), Ok(iso.clone()));
        }
        let digits = format!("{:02}/{:02}/{}", day.day(), day.month(), day.year());
        prop_assert_eq!(date(&t(&digits)), Ok(iso.clone()));
        let serial = 61.0 + days as f64;
        prop_assert_eq!(date(&Cell::Date(serial)), Ok(iso));
    }

    /// No text makes a reader panic.
    #[test]
    fn no_text_panics(s in "\\PC{0,24}") {
        let cell = t(&s);
        for kind in [Kind::Text, Kind::Money, Kind::Count, Kind::Date, Kind::Year, Kind::Identifier(13), Kind::Phone, Kind::Coordinate] {
            let _ = read(kind, &cell);
        }
    }
}

/// docs/import.md's table: every example written `like this` is accepted or refused as its
/// column says, read as a text cell.
#[test]
fn the_documented_examples_hold() {
    let page = include_str!("../../../docs/import.md");
    let kinds = [
        ("money", Kind::Money),
        ("counts", Kind::Count),
        ("dates", Kind::Date),
        ("years", Kind::Year),
        ("phones", Kind::Phone),
        ("coordinates", Kind::Coordinate),
    ];
    let examples = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut checked = 0;
    for line in page.lines() {
        let columns: Vec<&str> = line.split(" | ").collect();
        let Some((_, kind)) = kinds
            .iter()
            .find(|(name, _)| columns[0].starts_with(&format!("| **{name}**")))
        else {
            continue;
        };
        assert_eq!(columns.len(), 3, "{line}");
        for example in examples(columns[1]) {
            assert!(
                read(*kind, &t(&example)).is_ok(),
                "{kind:?} accepts {example:?}"
            );
            checked += 1;
        }
        for example in examples(columns[2]) {
            assert!(
                read(*kind, &t(&example)).is_err(),
                "{kind:?} refuses {example:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} examples found");
}
