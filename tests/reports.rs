//! Every aggregate of the reports against figures counted by hand from the fixture's table
//! (`tests/report_fixture/mod.rs`).

mod report_fixture;

use report_fixture::{fixture, kecamatan_all, WIB_MS};
use sentra::report::{
    options, Filter, Input, KawasanRow, KegiatanRow, Report, SentraStatusRow, SurveiKecamatan,
};

const JUTA: u64 = 1_000_000;

fn report(filter: Filter) -> Report {
    let f = fixture();
    let all = kecamatan_all();
    Report::compute(
        &Input {
            records: &f.all,
            kecamatan_all: &all,
            kabupaten_all: &[],
            utc_offset_ms: WIB_MS,
        },
        &filter,
    )
}

fn s(v: &str) -> String {
    v.to_string()
}

#[test]
fn usaha_by_class_status_commodity_kecamatan_and_year() {
    let u = report(Filter::default()).usaha;
    assert_eq!(u.total, 7, "u8 is deleted");
    // mikro u1 u6 u7, kecil u2, menengah u3, besar u5, not enough u4.
    assert_eq!(u.umkm, [3, 1, 1, 1, 1]);
    // Both workers and investasi are needed: u1 kecil, u2 menengah, the rest unknown.
    assert_eq!(u.industri, [1, 1, 0, 5]);
    // u5 has no status: aktif, as lists show it.
    assert_eq!(u.status, [5, 1, 1]);
    assert_eq!(
        u.komoditas,
        vec![
            (s("Batik"), 4),
            (s(""), 1),
            (s("Anyaman pandan/daun"), 1),
            (s("Keripik Singkong"), 1),
        ],
        "\"batik \" and \"Batik\" are one commodity, named as the list names it"
    );
    assert_eq!(
        u.kecamatan,
        vec![
            (s("35.29.01"), [1, 1, 0, 0, 0]),
            (s("35.29.02"), [0, 0, 1, 0, 1]),
            (s("35.29.03"), [1, 0, 0, 1, 0]),
            (s("35.30.01"), [1, 0, 0, 0, 0]),
        ]
    );
    // u4 was entered on 31 December 2025 at 20:00 UTC: 1 January 2026 in WIB.
    assert_eq!(u.tahun, vec![(2023, 2), (2024, 4), (2026, 1)]);
}

#[test]
fn sentra_by_status_year_kecamatan_coverage_and_budget() {
    let s5 = report(Filter::default()).sentra;
    assert_eq!(s5.total, 5, "s6 is deleted");
    assert_eq!(
        s5.status,
        vec![
            SentraStatusRow {
                status: "rencana",
                count: 2,
                kecamatan: 2,
                anggaran: 40 * JUTA,
                since: Some(2025),
            },
            SentraStatusRow {
                status: "terbentuk",
                count: 2,
                kecamatan: 2,
                anggaran: 50 * JUTA,
                since: Some(2019),
            },
            SentraStatusRow {
                status: "tidak_aktif",
                count: 1,
                kecamatan: 1,
                anggaran: 0,
                since: Some(2015),
            },
        ]
    );
    assert_eq!(s5.tahun_terbentuk, vec![(2019, 1), (2021, 1)]);
    assert_eq!(
        s5.kecamatan,
        vec![
            (s("35.29.01"), [1, 1, 0]),
            (s("35.29.02"), [0, 1, 0]),
            (s("35.29.03"), [1, 0, 0]),
            (s("35.29.04"), [0, 0, 1]),
        ]
    );
    assert_eq!(s5.coverage, Some((4, 27)));
    assert_eq!(
        s5.anggaran_tahun,
        vec![
            (2019, 20 * JUTA, 1),
            (2021, 30 * JUTA, 1),
            (2026, 40 * JUTA, 2)
        ]
    );
    assert_eq!(s5.anggaran_total, 90 * JUTA);
    assert_eq!(s5.anggota, 7);
}

#[test]
fn coverage_needs_the_kabupaten_kecamatan() {
    let f = fixture();
    let r = Report::compute(
        &Input {
            records: &f.all,
            kecamatan_all: &[],
            kabupaten_all: &[],
            utc_offset_ms: WIB_MS,
        },
        &Filter::default(),
    );
    assert_eq!(r.sentra.coverage, None, "not 4 of 0");
}

#[test]
fn village_surveys_and_the_ovop_funnel() {
    let v = report(Filter::default()).survei;
    assert_eq!(v.surveys, 4);
    assert_eq!(v.villages, 3, "35.29.01.2001 was surveyed twice");
    // 35.29.01.2001 reached stage 4 (kemasan) in its second survey; 35.29.03.2001 stage 1.
    assert_eq!(v.funnel, [2, 1, 1, 1, 0, 0]);
    assert_eq!(v.not_started, 1);
    // Per kecamatan: 01's village reached kemasan (its second survey), 02's none, 03's
    // sosialisasi.
    let row = |kecamatan: &str, funnel, not_started| SurveiKecamatan {
        kecamatan: s(kecamatan),
        villages: 1,
        funnel,
        not_started,
    };
    assert_eq!(
        v.kecamatan,
        [
            row("35.29.01", [1, 1, 1, 1, 0, 0], 0),
            row("35.29.02", [0; 6], 1),
            row("35.29.03", [1, 0, 0, 0, 0, 0], 0),
        ]
    );
    assert_eq!(v.pelaku, 45);
    assert_eq!(
        v.komoditas,
        vec![
            (s("Anyaman pandan/daun"), 1),
            (s("Batik"), 1),
            (s("Keripik Singkong"), 1),
        ],
        "a village naming batik twice counts once"
    );
}

#[test]
fn kawasan_kegiatan_halal_jejaring() {
    let r = report(Filter::default());
    assert_eq!(
        r.kawasan,
        vec![
            // Bluto's land is known to be 0 ha and not clean and clear.
            KawasanRow {
                kabupaten: s("35.29"),
                count: 2,
                luas_known: 2,
                luas_ha: 12.5,
                cnc: [1, 1, 0],
                rpik: [0, 1, 1],
                dana: [1, 0, 1, 0],
            },
            // Seberang's area and clean-and-clear are not known: not 0 ha, not "no".
            KawasanRow {
                kabupaten: s("35.30"),
                count: 1,
                luas_known: 0,
                luas_ha: 0.0,
                cnc: [0, 0, 1],
                rpik: [1, 0, 0],
                dana: [0, 1, 0, 0],
            },
        ]
    );
    assert_eq!(
        r.kawasan_total(),
        KawasanRow {
            kabupaten: s(""),
            count: 3,
            luas_known: 2,
            luas_ha: 12.5,
            cnc: [1, 1, 1],
            rpik: [1, 1, 1],
            dana: [1, 1, 1, 0],
        }
    );
    let kemasan = KegiatanRow {
        jenis: "pelatihan_kemasan",
        count: 2,
        peserta: 3,
        usaha: 2,
        anggaran: 20 * JUTA,
    };
    let halal = KegiatanRow {
        jenis: "fasilitasi_halal",
        count: 1,
        peserta: 2,
        usaha: 2,
        anggaran: 10 * JUTA,
    };
    assert_eq!(r.kegiatan.len(), 8, "every kind of activity has a row");
    assert_eq!(
        r.kegiatan.iter().find(|k| k.jenis == kemasan.jenis),
        Some(&kemasan)
    );
    assert_eq!(
        r.kegiatan.iter().find(|k| k.jenis == halal.jenis),
        Some(&halal),
        "the deleted participant u8 is not counted"
    );
    assert_eq!(
        r.kegiatan.iter().map(|k| k.count).sum::<u64>(),
        3,
        "no other kind has activities"
    );
    assert_eq!(r.halal.status, [1, 1, 2, 3]);
    assert_eq!(r.halal.kegiatan, 1);
    assert_eq!((r.halal.facilitated, r.halal.facilitated_terbit), (2, 1));
    assert_eq!(r.jejaring, [1, 1, 1, 0]);
    assert_eq!(r.mitra, 2);
    assert!(!r.is_empty());
}

#[test]
fn a_year_keeps_the_records_of_that_year() {
    let r = report(Filter {
        year: Some(2024),
        ..Filter::default()
    });
    // Usaha by the year entered: u2 u3 u5 u6.
    assert_eq!(r.usaha.total, 4);
    assert_eq!(r.usaha.umkm, [1, 1, 1, 1, 0]);
    // Sentra by year formed, else planned: 2019, 2021, 2026, 2025, 2015.
    assert_eq!(r.sentra.total, 0);
    assert_eq!((r.survei.surveys, r.survei.villages), (1, 1));
    assert_eq!(r.survei.funnel, [1, 1, 0, 0, 0, 0]);
    assert_eq!(
        r.kegiatan
            .iter()
            .map(|k| (k.jenis, k.count, k.peserta))
            .filter(|k| k.1 > 0)
            .collect::<Vec<_>>(),
        vec![("pelatihan_kemasan", 1, 1)]
    );
    assert_eq!(r.jejaring, [0, 1, 0, 0], "j3 has no date: entered 2024");
    assert!(r.kawasan.is_empty(), "entered 2023");
    assert_eq!(r.mitra, 0);
    assert_eq!(r.halal.status, [1, 1, 1, 1]);
    assert_eq!(r.halal.kegiatan, 0);
}

#[test]
fn a_kecamatan_keeps_what_lies_in_it() {
    let r = report(Filter {
        kecamatan: Some(s("35.29.01")),
        ..Filter::default()
    });
    assert_eq!(r.usaha.total, 2);
    assert_eq!(r.sentra.total, 2);
    assert_eq!(r.sentra.coverage, Some((1, 27)));
    assert_eq!((r.survei.surveys, r.survei.villages), (2, 1));
    // g1 by its kecamatan; g2 and g3 through their participant u1.
    assert_eq!(r.kegiatan.iter().map(|k| k.count).sum::<u64>(), 3);
    assert_eq!(r.jejaring, [0, 0, 1, 0], "only j1's Usaha lies there");
    assert!(r.kawasan.is_empty());
    assert_eq!(r.mitra, 0);
}

#[test]
fn a_commodity_keeps_what_is_about_it_however_it_is_written() {
    let r = report(Filter {
        komoditas: Some(s("BATIK")),
        ..Filter::default()
    });
    assert_eq!(r.usaha.total, 4);
    assert_eq!(r.usaha.komoditas, vec![(s("Batik"), 4)]);
    assert_eq!(r.sentra.total, 2);
    assert_eq!(r.survei.surveys, 2);
    assert_eq!(r.kawasan.len(), 1);
    assert_eq!(r.kawasan[0].count, 1);
    assert_eq!(r.kegiatan.iter().map(|k| k.count).sum::<u64>(), 3);
    assert_eq!(r.jejaring, [0, 1, 1, 0], "j1 (u1) and j3 (u7)");
}

#[test]
fn filters_combine_and_can_leave_nothing() {
    let r = report(Filter {
        year: Some(2023),
        kabupaten: Some(s("35.29")),
        kecamatan: Some(s("35.29.01")),
        komoditas: Some(s("batik")),
    });
    assert_eq!(r.usaha.total, 1, "u1 only");
    let none = report(Filter {
        year: Some(1999),
        ..Filter::default()
    });
    assert!(none.is_empty());
    assert_eq!(none.usaha.umkm, [0; 5]);
}

/// A province office looks at one kabupaten/kota (a kabupaten office at a neighbour's records):
/// every section keeps what lies there, a kawasan by its own kabupaten, the rest by their place.
#[test]
fn a_kabupaten_filter_keeps_what_lies_in_it() {
    let seberang = report(Filter {
        kabupaten: Some(s("35.30")),
        ..Default::default()
    });
    assert_eq!(seberang.usaha.total, 1, "u7 only");
    assert_eq!(seberang.usaha.kecamatan.len(), 1);
    assert_eq!(
        seberang
            .kawasan
            .iter()
            .map(|k| (k.kabupaten.as_str(), k.count))
            .collect::<Vec<_>>(),
        [("35.30", 1)]
    );
    assert_eq!(
        (
            seberang.sentra.total,
            seberang.survei.surveys,
            seberang.mitra
        ),
        (0, 0, 0),
        "no sentra or survey there; mitra lie nowhere"
    );
    // Unfiltered, each section also counts per kabupaten/kota: u7 is the one Usaha of 35.30.
    let all = report(Filter::default());
    let totals: Vec<(&str, u64)> = all
        .usaha
        .kabupaten
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().sum()))
        .collect();
    assert_eq!(totals, [("35.29", 6), ("35.30", 1)]);
    assert_eq!(
        all.sentra
            .kabupaten
            .iter()
            .map(|(k, v)| (k.as_str(), v.iter().sum::<u64>()))
            .collect::<Vec<_>>(),
        [("35.29", all.sentra.total)]
    );
    assert_eq!(all.survei.kabupaten.len(), 1);
    assert_eq!(
        (
            all.survei.kabupaten[0].kecamatan.as_str(),
            all.survei.kabupaten[0].villages,
            all.survei.kabupaten[0].funnel
        ),
        ("35.29", 3, [2, 1, 1, 1, 0, 0])
    );
    let sumenep = report(Filter {
        kabupaten: Some(s("35.29")),
        ..Default::default()
    });
    assert_eq!(sumenep.usaha.total, all.usaha.total - 1);
    assert_eq!(sumenep.kawasan_total().count, 2);
    assert_eq!(sumenep.survei, all.survei);
    assert_eq!(sumenep.sentra.total, all.sentra.total);
}

#[test]
fn filter_options_come_from_the_records() {
    let f = fixture();
    let all = kecamatan_all();
    let o = options(&Input {
        records: &f.all,
        kecamatan_all: &all,
        kabupaten_all: &[],
        utc_offset_ms: WIB_MS,
    });
    assert_eq!(o.years, vec![2015, 2019, 2021, 2023, 2024, 2025, 2026]);
    assert_eq!(o.kabupaten, vec!["35.29", "35.30"]);
    assert_eq!(
        o.kecamatan,
        vec!["35.29.01", "35.29.02", "35.29.03", "35.29.04", "35.30.01"]
    );
    assert_eq!(
        o.komoditas,
        vec!["Anyaman pandan/daun", "Batik", "Keripik Singkong"]
    );
}

#[test]
fn an_index_kept_up_to_date_gives_the_same_figures_as_a_fresh_one() {
    use sentra::model::hlc::Clock;
    use sentra::model::Editor;
    use sentra::report::UsahaIndex;
    use serde_json::json;
    let mut f = fixture();
    let all = kecamatan_all();
    let mut index = UsahaIndex::build(f.all.values(), WIB_MS);
    assert_eq!(index.len(), 7);
    // u1 grows out of mikro, u2 is deleted, the other kinds change too.
    let mut clock = Clock::new("another-device");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Petugas Lain",
        now_ms: report_fixture::utc(2026, 11, 2, 0),
    };
    let (u1, u2) = (f.id("u1").to_string(), f.id("u2").to_string());
    f.all
        .get_mut(u1.as_str())
        .unwrap()
        .set("modal", json!(3_000_000_000u64), &mut ed);
    f.all
        .get_mut(u2.as_str())
        .unwrap()
        .set_deleted(true, &mut ed);
    let changed: Vec<_> = [&u1, &u2]
        .iter()
        .map(|id| f.all[id.as_str()].clone())
        .collect();
    index.update(&changed);
    let input = Input {
        records: &f.all,
        kecamatan_all: &all,
        kabupaten_all: &[],
        utc_offset_ms: WIB_MS,
    };
    for filter in [
        Filter::default(),
        Filter {
            komoditas: Some(s("batik")),
            ..Filter::default()
        },
    ] {
        assert_eq!(
            Report::compute_with(&input, &index, &filter),
            Report::compute(&input, &filter)
        );
    }
    assert_eq!(
        sentra::report::options_with(&input, &index),
        options(&input),
        "the filters offered through the kept index"
    );
    let r = Report::compute_with(&input, &index, &Filter::default());
    assert_eq!(r.usaha.umkm, [2, 1, 1, 1, 1], "u1 now kecil, u2 gone");
    assert_eq!(index.len(), 6);
}
