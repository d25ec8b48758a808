#![cfg(not(target_arch = "wasm32"))]
//! Bringing an office's Sentra list in (issue 16), natively: a list as offices keep it (a title,
//! "Nama Sentra", "Komoditi/Produk", "Desa/Kel", figures the Sentra form does not keep), its kind
//! guessed, planned against a Sentra already on the device, checked with the Sentra schema's own
//! rules, applied, and planned again (nothing to do); the app's own Sentra export read back to
//! the records it came from; and an Usaha list's workers written as men and women added up.
//! Every expectation is counted by hand from the rows below.

mod intake_fixture;

use intake_fixture::{gazetteer, t, today, NOW};
use sentra::i18n::{Lang, Msg};
use sentra::intake::apply::apply;
use sentra::intake::layout::{guess_kind, layout};
use sentra::intake::plan::{plan, Choices, Counts, Outcome, Plan};
use sentra::intake::{workbook, Cell, Table};
use sentra::model::hlc::Clock;
use sentra::model::usaha::tahun_data;
use sentra::model::{Editor, Id, Kind, Record, Val};
use sentra::names::Lookup;
use sentra::report::export::sheet;
use sentra::report::xlsx::xlsx_named;
use serde_json::json;
use std::collections::BTreeMap;

/// A Sentra list as a kabupaten office keeps it.
fn sentra_list() -> Table {
    let row = |no: f64,
               nama: &str,
               produk: &str,
               desa: &str,
               kec: &str,
               unit: Cell,
               tahun: Cell,
               status: &str,
               dana: &str,
               ta: Cell| {
        vec![
            Cell::Number(no),
            t(nama),
            t(produk),
            t(desa),
            t(kec),
            unit,
            tahun,
            t(status),
            t(dana),
            ta,
        ]
    };
    Table {
        name: "Sentra 2019".into(),
        rows: vec![
            vec![t("DAFTAR SENTRA IKM KABUPATEN SUMENEP")],
            vec![],
            [
                "No",
                "Nama Sentra",
                "Komoditi/Produk",
                "Desa/Kel",
                "Kecamatan",
                "Jumlah Unit Usaha",
                "Tahun Pembentukan",
                "Status",
                "Nilai Anggaran (Rp)",
                "Tahun Anggaran",
            ]
            .map(t)
            .to_vec(),
            // Line 4: formed, with its year; the unit count is not kept.
            row(
                1.0,
                "Sentra Batik Aeng Tong-Tong",
                "Batik tulis",
                "Aeng Tong-Tong",
                "Saronggi",
                Cell::Number(25.0),
                Cell::Number(2019.0),
                "Terbentuk",
                "",
                Cell::Empty,
            ),
            // Line 5: planned, a budget with its year.
            row(
                2.0,
                "Sentra Keripik Kertasada",
                "Keripik",
                "Kerta Sade",
                "Kalianget",
                Cell::Empty,
                Cell::Empty,
                "Rencana",
                "20 jt",
                Cell::Number(2026.0),
            ),
            // Line 6: the Sentra already on the device (similar name, same village): its gap filled.
            row(
                3.0,
                "Sentra Tenun Poteran",
                "Tenun",
                "Poteran",
                "Talango",
                Cell::Number(12.0),
                Cell::Number(2018.0),
                "Terbentuk",
                "",
                Cell::Empty,
            ),
            // Line 7: a budget without its year: the Sentra form's own rule refuses it.
            row(
                4.0,
                "Sentra Gerabah",
                "Gerabah",
                "Kertasada",
                "Kalianget",
                Cell::Empty,
                Cell::Empty,
                "",
                "Rp 50.000.000",
                Cell::Empty,
            ),
            // Line 8: a status no Sentra has.
            row(
                5.0,
                "Sentra Anyaman",
                "Anyaman",
                "Aengtongtong",
                "Saronggi",
                Cell::Empty,
                Cell::Empty,
                "entah",
                "",
                Cell::Empty,
            ),
            // Line 9: line 4 again, written another way: one Sentra.
            row(
                6.0,
                "Sentra Batik Aengtongtong",
                "",
                "Aengtongtong",
                "Saronggi",
                Cell::Empty,
                Cell::Empty,
                "",
                "",
                Cell::Empty,
            ),
        ],
    }
}

fn editor(clock: &mut Clock, at: u64) -> Editor<'_> {
    Editor {
        clock,
        officer: "Petugas Uji",
        now_ms: NOW + at,
    }
}

/// A device holding one Sentra of Poteran (Talango), planned, entered by hand.
fn device() -> (Clock, BTreeMap<Id, Record>) {
    let mut clock = Clock::new("device-a");
    let mut e = editor(&mut clock, 0);
    let mut r = Record::new(Kind::Sentra, &mut e);
    for (k, v) in [
        ("nama", json!("Sentra Tenun Poteran")),
        ("desa", json!("35.29.04.2006")),
        ("status", json!("rencana")),
        ("tahun_rencana", json!(2017)),
        ("kontak", json!("081234567890")),
    ] {
        r.set(k, v, &mut e);
    }
    (clock, BTreeMap::from([(r.id.clone(), r)]))
}

fn planned(table: &Table, records: &BTreeMap<Id, Record>) -> Plan {
    let l = layout(Kind::Sentra, table).expect("a header");
    plan(
        table,
        &l,
        &Choices::guessed(&l),
        records,
        &gazetteer(),
        "35.29",
        &today(),
    )
}

fn outcome(p: &Plan, line: usize) -> &Outcome {
    &p.rows.iter().find(|r| r.line == line).unwrap().outcome
}

#[test]
fn a_sentra_list_planned_applied_and_imported_again() {
    let table = sentra_list();
    assert_eq!(
        guess_kind(&table, "daftar.xlsx"),
        Kind::Sentra,
        "from its headers"
    );
    let l = layout(Kind::Sentra, &table).unwrap();
    assert_eq!(
        Choices::guessed(&l).columns,
        [
            Some("lewati"),
            Some("nama"),
            Some("komoditas"),
            Some("desa_nama"),
            Some("kecamatan_nama"),
            Some("lewati"),
            Some("tahun_terbentuk"),
            Some("status"),
            Some("anggaran"),
            Some("anggaran_tahun"),
        ]
    );
    let (mut clock, mut records) = device();
    let first = planned(&table, &records);
    assert_eq!(
        first.counts(),
        Counts {
            create: 2,
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
    let Outcome::Refused(why) = outcome(&first, 7) else {
        panic!("a budget without its year")
    };
    assert_eq!(
        (why[0].field, why[0].msg),
        ("anggaran_tahun", Msg::ErrBudgetYear)
    );
    let Outcome::Refused(why) = outcome(&first, 8) else {
        panic!("status")
    };
    assert_eq!((why[0].field, why[0].msg), ("status", Msg::ErrChoice));
    assert_eq!(outcome(&first, 9), &Outcome::SameAsRow(4));

    let saved = apply(&first, &records, &mut editor(&mut clock, 1000), &today());
    assert_eq!(saved.len(), 3, "two new Sentra and the one already here");
    assert!(saved.values().all(|r| r.kind == Kind::Sentra));
    assert!(
        saved.values().all(|r| tahun_data(r).is_empty()),
        "a Sentra keeps no list years"
    );
    records.extend(saved);
    let by_name = |records: &BTreeMap<Id, Record>, name: &str| {
        records
            .values()
            .find(|r| r.text("nama") == name)
            .unwrap()
            .clone()
    };
    let batik = by_name(&records, "Sentra Batik Aeng Tong-Tong");
    assert_eq!(
        (
            batik.text("desa"),
            batik.text("status"),
            batik.get("tahun_terbentuk")
        ),
        ("35.29.06.2012", "terbentuk", Some(&Val::from(json!(2019))))
    );
    assert_eq!(batik.text("komoditas"), "Batik tulis");
    let keripik = by_name(&records, "Sentra Keripik Kertasada");
    assert_eq!(
        (keripik.get("anggaran"), keripik.get("anggaran_tahun")),
        (
            Some(&Val::from(json!(20_000_000))),
            Some(&Val::from(json!(2026)))
        )
    );
    // The one on the device: its gap filled, what it holds kept (no list year says the list is
    // newer than what was typed).
    let tenun = by_name(&records, "Sentra Tenun Poteran");
    assert_eq!(
        (
            tenun.text("status"),
            tenun.get("tahun_terbentuk"),
            tenun.text("komoditas")
        ),
        ("rencana", Some(&Val::from(json!(2018))), "Tenun")
    );

    // The same list again: nothing to do.
    let again = planned(&table, &records);
    assert_eq!(
        again.counts(),
        Counts {
            create: 0,
            update: 0,
            unchanged: 4,
            same_as_row: 0,
            refused: 2
        }
    );
    assert!(apply(&again, &records, &mut editor(&mut clock, 2000), &today()).is_empty());
}

#[test]
fn the_apps_own_sentra_export_comes_back_to_its_records() {
    let (mut clock, mut records) = device();
    let first = planned(&sentra_list(), &records);
    records.extend(apply(
        &first,
        &records,
        &mut editor(&mut clock, 1000),
        &today(),
    ));
    let g = gazetteer();
    let names = Lookup {
        lang: Lang::Id,
        gazetteer: &g,
        index: None,
        all: &records,
    };
    // As Beranda exports it by default: phones masked.
    let exported = sheet(Kind::Sentra, records.values(), &names, false);
    let bytes = xlsx_named(&[("Sentra", &exported)]).unwrap();
    let table = workbook::read(bytes).unwrap().remove(0);
    assert_eq!(guess_kind(&table, "sentra-beranda.xlsx"), Kind::Sentra);
    let l = layout(Kind::Sentra, &table).unwrap();
    assert_eq!(l.first_row, 1, "the export's header is its first row");
    let back = plan(
        &table,
        &l,
        &Choices::guessed(&l),
        &records,
        &g,
        "35.29",
        &today(),
    );
    assert_eq!(
        back.counts(),
        Counts {
            create: 0,
            update: 0,
            unchanged: 3,
            same_as_row: 0,
            refused: 0
        },
        "{:#?}",
        back.rows
            .iter()
            .map(|r| (r.line, &r.outcome))
            .collect::<Vec<_>>()
    );
    // Matched by the id the export wrote, even renamed in the workbook.
    let id_column = exported
        .headers
        .iter()
        .position(|h| h == "ID catatan")
        .unwrap();
    let name_column = exported
        .headers
        .iter()
        .position(|h| h == "Nama sentra")
        .unwrap();
    let mut renamed = table.clone();
    renamed.rows[1][name_column] = Cell::Text("Nama Baru Sekali".into());
    let p = plan(
        &renamed,
        &l,
        &Choices::guessed(&l),
        &records,
        &g,
        "35.29",
        &today(),
    );
    let Outcome::Update { id, .. } = &p.rows[0].outcome else {
        panic!("{:?}", p.rows[0])
    };
    assert_eq!(table.rows[1][id_column], Cell::Text(id.to_string()));
}

#[test]
fn workers_written_as_men_and_women_are_added_up() {
    let table = Table {
        name: "IKM 2018".into(),
        rows: vec![
            ["Nama Usaha", "Desa", "Kecamatan", "Tenaga Kerja", ""]
                .map(t)
                .to_vec(),
            ["", "", "", "L", "P"].map(t).to_vec(),
            vec![
                t("Kripik Maju"),
                t("Aengtongtong"),
                t("Saronggi"),
                Cell::Number(2.0),
                t("3 orang"),
            ],
            vec![
                t("Tempe Bu Sri"),
                t("Kertasada"),
                t("Kalianget"),
                Cell::Number(4.0),
                Cell::Empty,
            ],
            vec![
                t("Dodol Eka"),
                t("Kertasada"),
                t("Kalianget"),
                t("dua"),
                Cell::Number(1.0),
            ],
        ],
    };
    assert_eq!(guess_kind(&table, "ikm.xlsx"), Kind::Usaha);
    let l = layout(Kind::Usaha, &table).unwrap();
    assert_eq!(l.headers[3..], ["Tenaga Kerja L", "Tenaga Kerja P"]);
    let choices = Choices::guessed(&l);
    assert_eq!(
        choices.columns[3..],
        [Some("tenaga_kerja"), Some("tenaga_kerja")]
    );
    let p = plan(
        &table,
        &l,
        &choices,
        &BTreeMap::new(),
        &gazetteer(),
        "35.29",
        &today(),
    );
    let workers = |line: usize| {
        p.rows
            .iter()
            .find(|r| r.line == line)
            .unwrap()
            .form
            .get("tenaga_kerja")
            .to_string()
    };
    assert_eq!((workers(3), workers(4)), ("5".into(), "4".into()));
    let Outcome::Refused(why) = outcome(&p, 5) else {
        panic!("'dua' is not a count")
    };
    assert_eq!(
        (why[0].field, why[0].msg),
        ("tenaga_kerja", Msg::ValueNotWhole)
    );
}

/// docs/import.md's table of workers written as men and women: each row's headers, under a
/// name and a village, with its cells, keeps the count the table says (or is refused).
#[test]
fn the_documented_worker_columns_hold() {
    let page = include_str!("../docs/import.md");
    let section = page
        .split("### Workers written as men and women")
        .nth(1)
        .expect("the section");
    let quoted = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut checked = 0;
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let columns: Vec<&str> = line.split(" | ").collect();
        let (headers, cells) = (quoted(columns[0]), quoted(columns[1]));
        let want = quoted(columns[2]);
        let mut header_row = vec![t("Nama Usaha"), t("Desa"), t("Kecamatan")];
        header_row.extend(headers.iter().map(|h| t(h)));
        let mut row = vec![t("Kripik Maju"), t("Kertasada"), t("Kalianget")];
        row.extend(cells.iter().map(|c| t(c)));
        let table = Table {
            name: "IKM".into(),
            rows: vec![header_row, row],
        };
        let l = layout(Kind::Usaha, &table).expect(line);
        let p = plan(
            &table,
            &l,
            &Choices::guessed(&l),
            &BTreeMap::new(),
            &gazetteer(),
            "35.29",
            &today(),
        );
        match (&p.rows[0].outcome, want.first()) {
            (Outcome::Refused(_), None) => {}
            (Outcome::Create, Some(n)) => {
                assert_eq!(p.rows[0].form.get("tenaga_kerja"), n, "{line}")
            }
            (other, _) => panic!("{line}: {other:?}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 5, "every row of the table");
}
