#![cfg(not(target_arch = "wasm32"))]
//! The years of the office lists an Usaha was brought in from ("tahun data", issue 16): a set
//! that merges, and the year filter and the year-by-year series counting a business in every
//! year it was listed; a business entered by hand counts in the year it was entered and the year
//! it was last verified. Expectations counted by hand from the records below.

use sentra::model::hlc::Clock;
use sentra::model::merge::merged;
use sentra::model::usaha::{tahun_data, tahun_data_key, tahun_data_year};
use sentra::model::{shape_of, Editor, Id, Kind, Record};
use sentra::report::{years_of, Filter, Input, Report};
use serde_json::json;
use std::collections::BTreeMap;

const WIB_MS: i64 = 7 * 3_600_000;
/// 2026-11-30 00:00 UTC.
const NOW: u64 = 1_796_083_200_000;

fn usaha(clock: &mut Clock, name: &str, lists: &[i32], verified: Option<&str>) -> Record {
    let mut e = Editor {
        clock,
        officer: "Petugas Uji",
        now_ms: NOW,
    };
    let mut r = Record::new(Kind::Usaha, &mut e);
    r.set("nama", json!(name), &mut e);
    r.set("desa", json!("13.01.01.2001"), &mut e);
    r.set("status", json!("aktif"), &mut e);
    for &y in lists {
        r.set(&tahun_data_key(y), json!(true), &mut e);
    }
    if let Some(d) = verified {
        r.set("diverifikasi", json!(d), &mut e);
    }
    r
}

#[test]
fn tahun_data_is_a_set_that_merges() {
    let mut a = Clock::new("device-a");
    let mut b = Clock::new("device-b");
    let base = usaha(&mut a, "Kripik Maju", &[], None);
    // Device A imports the 2017 list, device B the 2018 list, neither seeing the other.
    let mut on_a = base.clone();
    on_a.set(
        &tahun_data_key(2017),
        json!(true),
        &mut Editor {
            clock: &mut a,
            officer: "A",
            now_ms: NOW + 1000,
        },
    );
    let mut on_b = base.clone();
    on_b.set(
        &tahun_data_key(2018),
        json!(true),
        &mut Editor {
            clock: &mut b,
            officer: "B",
            now_ms: NOW + 1000,
        },
    );
    assert_eq!(tahun_data(&merged(&on_a, &on_b)), [2017, 2018]);
    assert_eq!(tahun_data(&merged(&on_b, &on_a)), [2017, 2018]);
    // Taken out of a list again on one device: gone after the merge, the other year kept.
    let mut out = merged(&on_a, &on_b);
    out.set(
        &tahun_data_key(2017),
        json!(false),
        &mut Editor {
            clock: &mut a,
            officer: "A",
            now_ms: NOW + 2000,
        },
    );
    assert_eq!(tahun_data(&merged(&out, &on_b)), [2018]);
}

#[test]
fn tahun_data_fields_are_known_to_readers() {
    assert_eq!(tahun_data_key(2017), "tahun_data/2017");
    assert_eq!(tahun_data_year("tahun_data/2017"), Some(2017));
    for not in [
        "tahun_data/17",
        "tahun_data/1999",
        "tahun_data/abcd",
        "tahun_data",
        "tahun_data/20170",
    ] {
        assert_eq!(tahun_data_year(not), None, "{not}");
    }
    assert_eq!(
        shape_of(Kind::Usaha, "tahun_data/2017"),
        Some(sentra::model::schema::Shape::YesNo)
    );
    assert_eq!(
        shape_of(Kind::Usaha, "tahun_data/1999"),
        None,
        "not a list year: unknown"
    );
}

#[test]
fn a_business_counts_in_every_year_it_was_listed() {
    let mut c = Clock::new("device-a");
    let records: BTreeMap<Id, Record> = [
        usaha(&mut c, "Listed 2017 and 2018", &[2017, 2018], None),
        usaha(&mut c, "Listed 2017 only", &[2017], None),
        usaha(
            &mut c,
            "Listed 2018, verified 2026",
            &[2018],
            Some("2026-03-01"),
        ),
        usaha(&mut c, "By hand in 2026", &[], None),
        usaha(&mut c, "By hand, verified 2025", &[], Some("2025-06-01")),
    ]
    .into_iter()
    .map(|r| (r.id.clone(), r))
    .collect();
    let input = Input {
        records: &records,
        kecamatan_all: &[],
        kabupaten_all: &[],
        utc_offset_ms: WIB_MS,
    };
    let all = Report::compute(&input, &Filter::default());
    assert_eq!(
        all.usaha.total, 5,
        "each business once in all years together"
    );
    assert_eq!(
        all.usaha.tahun,
        [(2017, 2), (2018, 2), (2025, 1), (2026, 3)]
    );
    for (year, want) in [(2017, 2), (2018, 2), (2019, 0), (2025, 1), (2026, 3)] {
        let filter = Filter {
            year: Some(year),
            ..Filter::default()
        };
        assert_eq!(Report::compute(&input, &filter).usaha.total, want, "{year}");
    }
    let by_hand = records
        .values()
        .find(|r| r.text("nama") == "By hand, verified 2025")
        .unwrap();
    assert_eq!(years_of(by_hand, WIB_MS), [2025, 2026]);
}
