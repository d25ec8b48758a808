#![cfg(not(target_arch = "wasm32"))]
//! Bringing an office's Usaha list in (issue 16), natively: an office-shaped sheet (a title,
//! a two-row header, money and dates as offices write them, a misspelt village, a village two
//! kecamatan share, a business listed twice, a refused row) planned against the records on the
//! device, applied, planned again (nothing to do), and the next year's list on top: each business
//! counted in both years. Every expectation is counted by hand from the rows below.

mod intake_fixture;

use intake_fixture::{gazetteer, t, today, NOW};
use sentra::intake::apply::apply;
use sentra::intake::layout::layout;
use sentra::intake::plan::{plan, Choices, Counts, Outcome, Plan};
use sentra::intake::{Cell, Table};
use sentra::model::hlc::Clock;
use sentra::model::usaha::tahun_data;
use sentra::model::{Editor, Id, Kind, Record, Val};
use sentra::report::{Filter, Input, Report};
use serde_json::json;
use std::collections::BTreeMap;

/// The 2017 list as the office keeps it.
fn list_2017() -> Table {
    let row = |no: f64,
               nama: &str,
               pemilik: &str,
               desa: &str,
               kec: &str,
               tk: Cell,
               modal: &str,
               tgl: Cell| {
        vec![
            Cell::Number(no),
            t(nama),
            t(pemilik),
            t(desa),
            t(kec),
            tk,
            t(modal),
            tgl,
        ]
    };
    Table {
        name: "IKM".into(),
        rows: vec![
            vec![t("DATA IKM KABUPATEN SUMENEP TAHUN 2017")],
            vec![],
            vec![
                t("No"),
                t("Nama Usaha"),
                t("Nama Pemilik"),
                t("Alamat"),
                t(""),
                t("Jumlah TK"),
                t("Modal (Rp)"),
                t("Tanggal Pendataan"),
            ],
            vec![
                t(""),
                t(""),
                t(""),
                t("Desa/Kel"),
                t("Kecamatan"),
                t(""),
                t(""),
                t(""),
            ],
            // Line 5: misspelt village, money with dots, an Excel date.
            row(
                1.0,
                "Kripik Maju",
                "Ani",
                "Aeng Tong-Tong",
                "Saronggi",
                Cell::Number(4.0),
                "Rp 20.000.000",
                Cell::Date(42_875.0),
            ),
            // Line 6: "20 jt", a date in words, Kerta Sade for Kertasada.
            row(
                2.0,
                "Tempe Bu Sri",
                "Sri",
                "Kerta Sade",
                "Kalianget",
                t("3 orang"),
                "20 jt",
                t("20 Mei 2017"),
            ),
            // Line 7: Poteran of Talango, told apart by its kecamatan.
            row(
                3.0,
                "Batik Poteran",
                "Budi",
                "Poteran",
                "Talango",
                Cell::Number(2.0),
                "1,5 M",
                Cell::Empty,
            ),
            // Line 8: Poteran with no kecamatan: two villages, the officer chooses.
            row(
                4.0,
                "Anyaman Pandan",
                "Citra",
                "Poteran",
                "",
                Cell::Number(5.0),
                "",
                Cell::Empty,
            ),
            // Line 9: money that is not money.
            row(
                5.0,
                "Kue Basah",
                "Dewi",
                "Kertasada",
                "Kalianget",
                Cell::Number(1.0),
                "banyak",
                Cell::Empty,
            ),
            // Line 10: the same business as line 5, listed twice.
            row(
                6.0,
                "Kripik Maju",
                "Ani",
                "Aengtongtong",
                "Saronggi",
                Cell::Empty,
                "",
                Cell::Empty,
            ),
            vec![],
            // Line 12: the business already on the device, written by hand (matched by name and village).
            row(
                7.0,
                "Tenun Ikat Sari",
                "",
                "Kertasada",
                "Kalianget",
                Cell::Number(6.0),
                "50.000.000",
                Cell::Empty,
            ),
        ],
    }
}

/// A device that already holds one business, entered by hand in 2026.
fn device() -> (Clock, BTreeMap<Id, Record>) {
    let mut clock = Clock::new("device-a");
    let mut e = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: NOW,
    };
    let mut r = Record::new(Kind::Usaha, &mut e);
    for (k, v) in [
        ("nama", json!("Tenun Ikat Sari")),
        ("desa", json!("35.29.02.2004")),
        ("status", json!("aktif")),
        ("modal", json!(10_000_000)),
    ] {
        r.set(k, v, &mut e);
    }
    (clock, BTreeMap::from([(r.id.clone(), r)]))
}

fn planned(table: &Table, choices: &Choices, records: &BTreeMap<Id, Record>) -> Plan {
    let l = layout(Kind::Usaha, table).expect("a header");
    plan(table, &l, choices, records, &gazetteer(), "35.29", &today())
}

fn outcome(p: &Plan, line: usize) -> &Outcome {
    &p.rows
        .iter()
        .find(|r| r.line == line)
        .unwrap_or_else(|| panic!("no row {line}"))
        .outcome
}

#[test]
fn an_office_list_planned_applied_and_imported_again() {
    let table = list_2017();
    let (mut clock, mut records) = device();
    let l = layout(Kind::Usaha, &table).unwrap();
    let mut choices = Choices::guessed(&l);
    assert_eq!(choices.year, Some(2017), "the list's year from its title");

    let first = planned(&table, &choices, &records);
    assert_eq!(
        first.counts(),
        Counts {
            create: 3,
            update: 1,
            unchanged: 0,
            same_as_row: 1,
            refused: 2
        },
        "{:#?}",
        first
            .rows
            .iter()
            .map(|r| (r.line, &r.outcome))
            .collect::<Vec<_>>()
    );
    let Outcome::Refused(why) = outcome(&first, 8) else {
        panic!("two Poteran")
    };
    assert_eq!(why[0].field, "desa");
    assert_eq!(why[0].candidates.len(), 2);
    let Outcome::Refused(why) = outcome(&first, 9) else {
        panic!("money")
    };
    assert_eq!(why[0].field, "modal", "baris 9: modal usaha bukan angka");
    assert_eq!(outcome(&first, 10), &Outcome::SameAsRow(5));
    let row5 = first.rows.iter().find(|r| r.line == 5).unwrap();
    assert_eq!(
        (
            row5.form.get("desa"),
            row5.form.get("modal"),
            row5.form.get("diverifikasi")
        ),
        ("35.29.06.2012", "20000000", "2017-05-20")
    );
    let row6 = first.rows.iter().find(|r| r.line == 6).unwrap();
    assert_eq!(
        (
            row6.form.get("desa"),
            row6.form.get("tenaga_kerja"),
            row6.form.get("modal")
        ),
        ("35.29.02.2004", "3", "20000000")
    );

    // The officer chooses Poteran of Ra'as for line 8.
    choices
        .villages
        .insert(("Poteran".into(), String::new()), "35.29.22.2006".into());
    let chosen = planned(&table, &choices, &records);
    assert_eq!(chosen.counts().create, 4);
    assert_eq!(chosen.counts().refused, 1);

    let mut e = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: NOW + 1000,
    };
    let saved = apply(&chosen, &records, &mut e, &today());
    assert_eq!(
        saved.len(),
        5,
        "four new businesses and the one already here"
    );
    records.extend(saved);
    let hand = records
        .values()
        .find(|r| r.text("nama") == "Tenun Ikat Sari")
        .unwrap();
    assert_eq!(
        hand.get("modal"),
        Some(&Val::from(json!(10_000_000))),
        "what the officer typed is kept"
    );
    assert_eq!(
        hand.get("tenaga_kerja"),
        Some(&Val::from(json!(6))),
        "a gap filled"
    );
    assert_eq!(tahun_data(hand), [2017]);
    let maju = records
        .values()
        .find(|r| r.text("nama") == "Kripik Maju")
        .unwrap();
    assert_eq!(tahun_data(maju), [2017]);
    assert_eq!(
        records
            .values()
            .filter(|r| r.text("nama") == "Kripik Maju")
            .count(),
        1,
        "one record for two rows"
    );

    // The same file again: nothing to create or change (line 10 now names the record line 5
    // updated, and leaves it as it is).
    let again = planned(&table, &choices, &records);
    assert_eq!(
        again.counts(),
        Counts {
            create: 0,
            update: 0,
            unchanged: 6,
            same_as_row: 0,
            refused: 1
        }
    );
    let mut e = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: NOW + 2000,
    };
    assert!(
        apply(&again, &records, &mut e, &today()).is_empty(),
        "nothing written the second time"
    );
}

#[test]
fn next_years_list_updates_and_both_years_count() {
    let table = list_2017();
    let (mut clock, mut records) = device();
    let l = layout(Kind::Usaha, &table).unwrap();
    let mut choices = Choices::guessed(&l);
    choices
        .villages
        .insert(("Poteran".into(), String::new()), "35.29.22.2006".into());
    let mut e = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: NOW + 1000,
    };
    records.extend(apply(
        &planned(&table, &choices, &records),
        &records,
        &mut e,
        &today(),
    ));

    // The 2018 list: Kripik Maju grew; Tempe Bu Sri is gone from it; a new business.
    let list_2018 = Table {
        name: "IKM 2018".into(),
        rows: vec![
            vec![
                t("Nama Usaha"),
                t("Pemilik"),
                t("Desa"),
                t("Kecamatan"),
                t("Jumlah TK"),
                t("Tahun"),
            ],
            vec![
                t("Kripik Maju"),
                t("Ani"),
                t("Aengtongtong"),
                t("Saronggi"),
                Cell::Number(9.0),
                Cell::Number(2018.0),
            ],
            vec![
                t("Batik Poteran"),
                t("Budi"),
                t("Poteran"),
                t("Talango"),
                Cell::Number(2.0),
                Cell::Number(2018.0),
            ],
            vec![
                t("Dodol Baru"),
                t("Eka"),
                t("Kertasada"),
                t("Kalianget"),
                Cell::Number(2.0),
                Cell::Number(2018.0),
            ],
        ],
    };
    let choices_2018 = Choices::guessed(&layout(Kind::Usaha, &list_2018).unwrap());
    let p = planned(&list_2018, &choices_2018, &records);
    assert_eq!(
        p.counts(),
        Counts {
            create: 1,
            update: 2,
            unchanged: 0,
            same_as_row: 0,
            refused: 0
        }
    );
    let mut e = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: NOW + 3000,
    };
    records.extend(apply(&p, &records, &mut e, &today()));
    let maju = records
        .values()
        .find(|r| r.text("nama") == "Kripik Maju")
        .unwrap();
    assert_eq!(tahun_data(maju), [2017, 2018]);
    assert_eq!(
        maju.get("tenaga_kerja"),
        Some(&Val::from(json!(9))),
        "the newer list's figure"
    );

    // The 2017 list once more, after 2018: it fills gaps only.
    let mut e = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: NOW + 4000,
    };
    records.extend(apply(
        &planned(&table, &choices, &records),
        &records,
        &mut e,
        &today(),
    ));
    let maju = records
        .values()
        .find(|r| r.text("nama") == "Kripik Maju")
        .unwrap();
    assert_eq!(
        maju.get("tenaga_kerja"),
        Some(&Val::from(json!(9))),
        "an older list does not undo a newer one"
    );

    // Beranda: 2017 counts the five businesses of the 2017 list (the hand-entered one included,
    // now listed), 2018 the three of the 2018 list; the hand-entered one also counts in 2026.
    let input = Input {
        records: &records,
        kecamatan_all: &[],
        kabupaten_all: &[],
        utc_offset_ms: 7 * 3_600_000,
    };
    let by_year = |y| {
        Report::compute(
            &input,
            &Filter {
                year: Some(y),
                ..Filter::default()
            },
        )
        .usaha
        .total
    };
    assert_eq!((by_year(2017), by_year(2018)), (5, 3));
    assert_eq!(Report::compute(&input, &Filter::default()).usaha.total, 6);
}
