//! A province office's view against figures counted by hand from the Bengkulu fixture's table
//! (`tests/report_fixture/province.rs`): Kawasan IKM readiness per kabupaten/kota with its total
//! row, coverage counted against the area in view, and every section per kabupaten/kota.

mod report_fixture;

use report_fixture::province::{kabupaten_all, kecamatan_under, province, PROVINCE};
use report_fixture::WIB_MS;
use sentra::report::{Filter, Input, KawasanRow, Report};

/// The report as the app computes it for a province officer: coverage against the province, or
/// against the kabupaten/kota filtered on.
fn report(filter: Filter) -> Report {
    let f = province();
    let area = filter.kabupaten.clone().unwrap_or_else(|| PROVINCE.into());
    let kecamatan = kecamatan_under(&area);
    let kabupaten = if area == PROVINCE {
        kabupaten_all()
    } else {
        Vec::new()
    };
    Report::compute(
        &Input {
            records: &f.all,
            kecamatan_all: &kecamatan,
            kabupaten_all: &kabupaten,
            utc_offset_ms: WIB_MS,
        },
        &filter,
    )
}

fn kabupaten(code: &str) -> Filter {
    Filter {
        kabupaten: Some(code.into()),
        ..Default::default()
    }
}

fn row(
    kabupaten: &str,
    luas: Option<f64>,
    cnc: [u64; 3],
    rpik: [u64; 3],
    dana: [u64; 4],
) -> KawasanRow {
    KawasanRow {
        kabupaten: kabupaten.into(),
        count: 1,
        luas_known: u64::from(luas.is_some()),
        luas_ha: luas.unwrap_or(0.0),
        cnc,
        rpik,
        dana,
    }
}

#[test]
fn kawasan_readiness_per_kabupaten_and_in_total() {
    let r = report(Filter::default());
    // cnc: [ya, tidak, not known]; rpik: [belum, draf, ditetapkan];
    // dana: [belum (or not filled), diajukan, disetujui, ditolak].
    let (ya, tidak, unknown) = ([1, 0, 0], [0, 1, 0], [0, 0, 1]);
    let (belum, draf, ditetapkan) = ([1, 0, 0], [0, 1, 0], [0, 0, 1]);
    let dana = |i: usize| {
        let mut d = [0; 4];
        d[i] = 1;
        d
    };
    assert_eq!(
        r.kawasan,
        vec![
            row("17.01", Some(0.5), ya, ditetapkan, dana(2)),
            row("17.02", Some(0.5), ya, draf, dana(1)),
            row("17.03", Some(1.25), tidak, draf, dana(0)),
            // Kaur's land and clean-and-clear are not known yet: not 0 ha, not "no".
            row("17.04", None, unknown, belum, dana(0)),
            // Seluma's land is known to be 0 ha.
            row("17.05", Some(0.0), tidak, belum, dana(0)),
            row("17.06", Some(0.5), ya, ditetapkan, dana(1)),
            row("17.07", None, unknown, belum, dana(0)),
            row("17.08", Some(0.75), unknown, draf, dana(3)),
            row("17.09", Some(0.5), ya, ditetapkan, dana(2)),
            row("17.71", Some(0.5), tidak, draf, dana(1)),
        ],
        "one row per kabupaten/kota, in code order; the deleted k11 is not counted"
    );
    assert_eq!(
        r.kawasan_total(),
        KawasanRow {
            kabupaten: String::new(),
            count: 10,
            luas_known: 8,
            luas_ha: 4.5,
            cnc: [4, 3, 3],
            rpik: [3, 4, 3],
            dana: [4, 3, 2, 1],
        }
    );
}

#[test]
fn a_kabupaten_filter_narrows_the_readiness_table_to_it() {
    let kaur = report(kabupaten("17.04"));
    assert_eq!(kaur.kawasan.len(), 1);
    let total = kaur.kawasan_total();
    assert_eq!(
        (total.count, total.luas_known, total.cnc),
        (1, 0, [0, 0, 1])
    );
    let kota = report(kabupaten("17.71"));
    assert_eq!(kota.kawasan_total().luas_ha, 0.5);
    assert_eq!(kota.kawasan_total().count, 1);
}

#[test]
fn coverage_counts_against_the_area_in_view() {
    let r = report(Filter::default());
    // Sentra in 17.02, 17.08 and 17.71 (two kecamatan there): 3 of Bengkulu's 10 kabupaten/kota
    // and 4 of its 129 kecamatan.
    assert_eq!(r.sentra.coverage_kabupaten, Some((3, 10)));
    assert_eq!(r.sentra.coverage, Some((4, 129)));
    // Kota Bengkulu in view: two of its nine kecamatan; no kabupaten sentence for one kabupaten.
    let kota = report(kabupaten("17.71"));
    assert_eq!(kota.sentra.coverage, Some((2, 9)));
    assert_eq!(kota.sentra.coverage_kabupaten, None);
    assert_eq!(kota.sentra.total, 2);
    // A kabupaten/kota with none: 0 of its kecamatan, not "not known".
    let kaur = report(kabupaten("17.04"));
    assert_eq!(kaur.sentra.coverage, Some((0, 15)));
}

#[test]
fn every_section_counts_per_kabupaten() {
    let r = report(Filter::default());
    // UMKM classes: [mikro, kecil, menengah, besar, not enough figures].
    assert_eq!(
        r.usaha.kabupaten,
        vec![
            ("17.02".to_string(), [1, 0, 0, 0, 0]),
            ("17.05".to_string(), [0, 0, 0, 0, 1]),
            ("17.71".to_string(), [1, 1, 0, 0, 0]),
        ]
    );
    assert_eq!(r.usaha.total, 4);
    // Sentra statuses: [rencana, terbentuk, tidak aktif].
    assert_eq!(
        r.sentra.kabupaten,
        vec![
            ("17.02".to_string(), [1, 0, 0]),
            ("17.08".to_string(), [0, 0, 1]),
            ("17.71".to_string(), [0, 2, 0]),
        ]
    );
    let survei: Vec<(&str, u64, u64)> = r
        .survei
        .kabupaten
        .iter()
        .map(|k| (k.kecamatan.as_str(), k.villages, k.funnel[0]))
        .collect();
    assert_eq!(
        survei,
        [("17.02", 2, 1), ("17.71", 1, 1)],
        "villages surveyed, and how many reached sosialisasi"
    );
    assert_eq!(r.survei.kabupaten[0].funnel[1], 1, "v1 reached manajemen");
    // Kinds: [sosialisasi, kemasan, keuangan, desain, halal, gelar, temu jejaring, lainnya].
    assert_eq!(
        r.kegiatan_kabupaten,
        vec![
            ("17.03".to_string(), [0, 0, 0, 0, 0, 0, 0, 1]),
            ("17.71".to_string(), [1, 0, 0, 0, 0, 0, 0, 0]),
            (String::new(), [0, 1, 0, 0, 0, 0, 0, 0]),
        ],
        "g1 where its kawasan is, g3 where it was held, g2's participants in two: not known"
    );
}

#[test]
fn an_activity_about_a_kawasan_is_counted_where_the_kawasan_is() {
    let utara = report(kabupaten("17.03"));
    let count = |r: &Report| r.kegiatan.iter().map(|k| k.count).sum::<u64>();
    assert_eq!(
        count(&utara),
        1,
        "g1, about k03, has no kecamatan of its own"
    );
    // An activity without a kecamatan lies where its participants do; one with a kecamatan
    // lies there only.
    assert_eq!(
        count(&report(kabupaten("17.02"))),
        1,
        "g2 (g3 was held in 17.71)"
    );
    assert_eq!(count(&report(kabupaten("17.71"))), 2, "g2 and g3");
    assert_eq!(count(&report(kabupaten("17.04"))), 0);
}
