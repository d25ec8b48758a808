//! Reports over a large office: 50,000 Usaha (with every field an officer fills), 300 sentra,
//! 1,000 village surveys, 400 kegiatan with participants and 2,000 jejaring, in 27 kecamatan.
//! Times recomputing Beranda's figures (goal ≤ 50 ms), building the export tables, and writing
//! CSV and XLSX (goal ≤ 5 s in the browser). Medians; `cargo bench --bench report`. Not a gate.
use sentra::i18n::Lang;
use sentra::model::hlc::Clock;
use sentra::model::{Editor, Id, Kind, Record};
use sentra::names::Lookup;
use sentra::report::export::{csv, sheet, xlsx};
use sentra::report::{Filter, Input, Report, UsahaIndex};
use sentra::wilayah::{Gazetteer, KabupatenData};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const USAHA: usize = 50_000;
const KOMODITAS: [&str; 8] = [
    "Batik",
    "Tempe",
    "Kerupuk, keripik, peyek",
    "Mebel kayu",
    "Anyaman pandan/daun",
    "Gerabah",
    "keripik singkong",
    "Terasi",
];

/// A deterministic sequence (no randomness crate needed for a fixed workload).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) % n
    }
}

fn add(
    all: &mut BTreeMap<Id, Record>,
    clock: &mut Clock,
    kind: Kind,
    when: u64,
    fields: Vec<(&str, Value)>,
) -> Id {
    let mut ed = Editor {
        clock,
        officer: "Petugas Bench",
        now_ms: when,
    };
    let mut r = Record::new(kind, &mut ed);
    for (k, v) in fields {
        r.set(k, v, &mut ed);
    }
    let id = r.id.clone();
    all.insert(id.clone(), r);
    id
}

fn workload() -> (BTreeMap<Id, Record>, Gazetteer, Vec<String>) {
    let mut rng = Lcg(42);
    let mut clock = Clock::new("3f1c2b7a-0d4e-4a6b-8c9d-1e2f3a4b5c6d");
    let mut all = BTreeMap::new();
    let kecamatan: Vec<String> = (1..=27).map(|k| format!("35.29.{k:02}")).collect();
    let villages: Vec<String> = kecamatan
        .iter()
        .flat_map(|k| (1..=12).map(move |d| format!("{k}.20{d:02}")))
        .collect();
    let start = 1_640_995_200_000u64; // 2022-01-01
    let mut usaha = Vec::with_capacity(USAHA);
    for i in 0..USAHA {
        let desa = &villages[rng.next(villages.len() as u64) as usize];
        let fields = vec![
            ("nama", json!(format!("Usaha Contoh {i}"))),
            ("pemilik", json!(format!("Pemilik {i}"))),
            (
                "telepon",
                json!(format!("0812{:08}", rng.next(100_000_000))),
            ),
            ("nib", json!(format!("{:013}", rng.next(9_999_999_999_999)))),
            (
                "alamat",
                json!(format!("Jalan Contoh No. {}", rng.next(200))),
            ),
            ("desa", json!(desa)),
            ("komoditas", json!(KOMODITAS[rng.next(8) as usize])),
            ("produk", json!("Produk contoh")),
            ("tenaga_kerja", json!(1 + rng.next(30))),
            ("modal", json!(rng.next(3_000) * 1_000_000)),
            ("penjualan", json!(rng.next(5_000) * 1_000_000)),
            ("investasi", json!(rng.next(2_000) * 1_000_000)),
            ("tahun_mulai", json!(1990 + rng.next(35))),
            (
                "status",
                json!(["aktif", "aktif", "aktif", "tidak_aktif", "tutup"][rng.next(5) as usize]),
            ),
            (
                "halal_status",
                json!(["belum", "proses", "terbit"][rng.next(3) as usize]),
            ),
            ("catatan", json!("Catatan kunjungan")),
        ];
        let when = start + i as u64 * 1_500_000;
        usaha.push(add(&mut all, &mut clock, Kind::Usaha, when, fields));
    }
    let later = start + USAHA as u64 * 1_500_000;
    for i in 0..300 {
        let members: Vec<&Id> = (0..8)
            .map(|_| &usaha[rng.next(USAHA as u64) as usize])
            .collect();
        let status = ["rencana", "terbentuk", "tidak_aktif"][rng.next(3) as usize];
        add(
            &mut all,
            &mut clock,
            Kind::Sentra,
            later,
            vec![
                ("nama", json!(format!("Sentra {i}"))),
                ("status", json!(status)),
                ("tahun_rencana", json!(2015 + rng.next(10))),
                ("tahun_terbentuk", json!(2016 + rng.next(10))),
                (
                    "desa",
                    json!(villages[rng.next(villages.len() as u64) as usize]),
                ),
                ("komoditas", json!(KOMODITAS[rng.next(8) as usize])),
                ("anggaran", json!(20_000_000)),
                ("anggaran_tahun", json!(2019 + rng.next(7))),
                ("anggota", json!(members)),
            ],
        );
    }
    for _ in 0..1_000 {
        add(
            &mut all,
            &mut clock,
            Kind::SurveiDesa,
            later,
            vec![
                (
                    "desa",
                    json!(villages[rng.next(villages.len() as u64) as usize]),
                ),
                (
                    "tanggal",
                    json!(format!("202{}-0{}-15", 2 + rng.next(4), 1 + rng.next(9))),
                ),
                ("komoditas", json!(KOMODITAS[rng.next(8) as usize])),
                ("ovop_sosialisasi", json!("2024-01-10")),
                ("ovop_manajemen", json!("2024-03-10")),
                ("pelaku_makanan", json!(rng.next(40))),
            ],
        );
    }
    for i in 0..400 {
        let peserta: Vec<&Id> = (0..25)
            .map(|_| &usaha[rng.next(USAHA as u64) as usize])
            .collect();
        add(
            &mut all,
            &mut clock,
            Kind::Kegiatan,
            later,
            vec![
                ("nama", json!(format!("Kegiatan {i}"))),
                (
                    "jenis",
                    json!(
                        ["pelatihan_kemasan", "fasilitasi_halal", "gelar_produk"]
                            [rng.next(3) as usize]
                    ),
                ),
                ("tanggal", json!("2025-05-01")),
                ("peserta", json!(peserta)),
                ("anggaran", json!(15_000_000)),
            ],
        );
    }
    let mitra = add(
        &mut all,
        &mut clock,
        Kind::Mitra,
        later,
        vec![("nama", json!("Mitra")), ("jenis", json!("ritel"))],
    );
    for _ in 0..2_000 {
        add(
            &mut all,
            &mut clock,
            Kind::Jejaring,
            later,
            vec![
                ("usaha", json!(usaha[rng.next(USAHA as u64) as usize])),
                ("mitra", json!(mitra)),
                ("status", json!("negosiasi")),
            ],
        );
    }
    let mut g = Gazetteer::new();
    g.add([KabupatenData {
        code: "35.29".into(),
        name: "Kabupaten Contoh".into(),
        kecamatan: kecamatan
            .iter()
            .map(|k| (k.clone(), format!("Kecamatan {k}")))
            .collect(),
        villages: villages
            .iter()
            .map(|v| (v.clone(), format!("Desa {v}")))
            .collect(),
    }]);
    (all, g, kecamatan)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<R>(runs: usize, mut f: impl FnMut() -> R) -> (Duration, R) {
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        out = Some(f());
        times.push(t.elapsed());
    }
    (median(times), out.unwrap())
}

fn main() {
    let t = Instant::now();
    let (all, g, kecamatan) = workload();
    println!("workload: {} records in {:.0?}", all.len(), t.elapsed());
    let input = Input {
        records: &all,
        kecamatan_all: &kecamatan,
        kabupaten_all: &[],
        utc_offset_ms: 7 * 3_600_000,
    };
    let (d, index) = time(5, || UsahaIndex::build(all.values(), input.utc_offset_ms));
    println!(
        "Usaha index, built at start: median {d:.1?} ({} rows)",
        index.len()
    );
    let (d, report) = time(11, || {
        Report::compute_with(&input, &index, &Filter::default())
    });
    println!(
        "Beranda, all records: median {d:.1?} ({} Usaha)",
        report.usaha.total
    );
    let filtered = Filter {
        year: Some(2023),
        kecamatan: Some("35.29.05".into()),
        komoditas: Some("batik".into()),
        ..Filter::default()
    };
    let (d, report) = time(11, || Report::compute_with(&input, &index, &filtered));
    println!(
        "Beranda, three filters: median {d:.1?} ({} Usaha)",
        report.usaha.total
    );
    let (d, _) = time(5, || Report::compute(&input, &Filter::default()));
    println!("Beranda without the index (walking every Usaha's fields): median {d:.1?}");
    if std::env::args().any(|a| a == "beranda") {
        return; // `cargo bench --bench report -- beranda`: the figures only (for profiling)
    }
    let names = Lookup {
        lang: Lang::Id,
        gazetteer: &g,
        index: None,
        all: &all,
    };
    let (d, sheets) = time(3, || {
        Kind::ALL
            .iter()
            .map(|&k| sheet(k, all.values(), &names, false))
            .collect::<Vec<_>>()
    });
    println!("export tables: median {d:.0?}");
    // `cargo bench --bench report -- xlsx`: the tables and the workbook only (for profiling).
    if !std::env::args().any(|a| a == "xlsx") {
        let (d, text) = time(3, || csv(&sheets[0]));
        println!(
            "CSV of 50,000 Usaha: median {d:.0?}, {:.1} MB",
            text.len() as f64 / 1e6
        );
    }
    let (d, bytes) = time(5, || xlsx(&sheets).expect("xlsx"));
    println!(
        "XLSX of every kind: median {} ms, {:.1} MB",
        d.as_millis(),
        bytes.len() as f64 / 1e6
    );
}
