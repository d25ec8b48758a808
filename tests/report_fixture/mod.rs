//! A small synthetic kabupaten (35.29, 27 kecamatan) whose every figure was counted by hand:
//! the expectations in `tests/reports.rs` and `tests/exports.rs` are written from the table
//! below, not from the code under test. Names, phones and places are invented.
//!
//! | id | kind | what matters |
//! |----|------|--------------|
//! | u1 | Usaha | 35.29.01, "Batik", modal 50 jt + sales 100 jt (mikro), 3 workers + investasi 10 jt (industri kecil), aktif, halal terbit, entered 2023 |
//! | u2 | Usaha | 35.29.01, "batik ", modal 2 M (kecil), 25 workers + 2 M (menengah), aktif, halal proses, 2024 |
//! | u3 | Usaha | 35.29.02, "Keripik Singkong", modal 7 M (menengah), tidak aktif, halal belum, 2024 |
//! | u4 | Usaha | 35.29.02, no commodity, no figures, tutup, 2025-12-31 20:00 UTC = 2026 in WIB |
//! | u5 | Usaha | 35.29.03, "Batik", sales 60 M (besar), no status (aktif), halal terbit, 2024 |
//! | u6 | Usaha | 35.29.03, "anyaman pandan/daun", modal 100 jt (mikro), aktif, 2024 |
//! | u7 | Usaha | 35.30.01 (another kabupaten), "Batik", modal 100 jt (mikro), aktif, 2023 |
//! | u8 | Usaha | deleted (35.29.01, Batik) |
//! | s1 | Sentra | terbentuk 2019 (planned 2018), 35.29.01, Rp20 jt in 2019, members u1 u2, Batik |
//! | s2 | Sentra | terbentuk 2021, 35.29.02, Rp30 jt in 2021, members u3 u4 u5 u6 u1, Keripik Singkong |
//! | s3 | Sentra | rencana 2026, 35.29.01, Rp20 jt in 2026, Batik |
//! | s4 | Sentra | rencana 2025, 35.29.03, Rp20 jt in 2026 |
//! | s5 | Sentra | tidak aktif, formed 2015, 35.29.04, Anyaman pandan/daun |
//! | s6 | Sentra | deleted (rencana, 35.29.05) |
//! | v1 | Survei | 35.29.01.2001, 2024-02-10, Batik, stages 1-2, actors kain 12 + makanan 3 |
//! | v2 | Survei | 35.29.01.2001 again, 2025-01-15, "batik", stages 1-4, kain 10 |
//! | v3 | Survei | 35.29.02.2001, 2025-03-01, Keripik Singkong, no stage, makanan 20 |
//! | v4 | Survei | 35.29.03.2001, 2025-04-01, Anyaman pandan/daun, stage 1 |
//! | k1 | Kawasan | 35.29, 12.5 ha, CnC, RPIK ditetapkan, dana disetujui, Batik, entered 2023 |
//! | k2 | Kawasan | 35.29, 5 ha, not CnC, RPIK draf, dana not filled, 2023 |
//! | k3 | Kawasan | 35.30, 20 ha, RPIK belum, dana diajukan, 2023 |
//! | g1 | Kegiatan | pelatihan kemasan, 2025-05-01, Kec. 35.29.01, u1 u2, Rp15 jt |
//! | g2 | Kegiatan | fasilitasi halal, 2025-06-01, u1 u3 u8 (deleted), Rp10 jt |
//! | g3 | Kegiatan | pelatihan kemasan, 2024-07-01, u1, Rp5 jt |
//! | m1, m2 | Mitra | entered 2023 |
//! | j1 | Jejaring | u1 + m1, kerja sama, 2025-01-01 |
//! | j2 | Jejaring | u3 + m2, diperkenalkan, 2025-02-01 |
//! | j3 | Jejaring | u7 + m1, negosiasi, no date, entered 2024 |

#![allow(dead_code)]

pub mod province;

use sentra::model::hlc::Clock;
use sentra::model::{Editor, Id, Kind, Record};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Western Indonesia Time, UTC+7.
pub const WIB_MS: i64 = 7 * 3_600_000;

/// Milliseconds since the epoch of a UTC date and hour.
pub fn utc(year: i64, month: i64, day: i64, hour: i64) -> u64 {
    // Days from civil (Howard Hinnant), independent of the crate's own conversion.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 24 + hour) * 3_600_000) as u64
}

pub fn kecamatan_all() -> Vec<String> {
    (1..=27).map(|i| format!("35.29.{i:02}")).collect()
}

pub struct Fixture {
    clock: Clock,
    pub all: BTreeMap<Id, Record>,
    /// Fixture names (u1, s2, …) to record ids.
    pub ids: BTreeMap<&'static str, Id>,
}

impl Fixture {
    fn add(&mut self, name: &'static str, kind: Kind, when: u64, fields: Value) {
        // A clock per record: one clock never goes back, and the table's entry times do.
        self.clock = Clock::new(format!("fixture-{name}"));
        let mut editor = Editor {
            clock: &mut self.clock,
            officer: "Petugas Uji",
            now_ms: when,
        };
        let mut r = Record::new(kind, &mut editor);
        for (k, v) in fields.as_object().expect("an object") {
            // Links name fixture records; the ids are only known now.
            let v = match v {
                Value::String(s) if self.ids.contains_key(s.as_str()) => {
                    json!(self.ids[s.as_str()])
                }
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .map(|i| match i.as_str().and_then(|s| self.ids.get(s)) {
                            Some(id) => json!(id),
                            None => i.clone(),
                        })
                        .collect(),
                ),
                other => other.clone(),
            };
            r.set(k, v, &mut editor);
        }
        self.ids.insert(name, r.id.clone());
        self.all.insert(r.id.clone(), r);
    }

    fn delete(&mut self, name: &str) {
        let id = &self.ids[name];
        let r = self.all.get_mut(id).expect("fixture record");
        self.clock = Clock::new(format!("fixture-{name}"));
        let mut editor = Editor {
            clock: &mut self.clock,
            officer: "Petugas Uji",
            now_ms: utc(2026, 11, 1, 0),
        };
        r.set_deleted(true, &mut editor);
    }

    pub fn id(&self, name: &str) -> &str {
        &self.ids[name]
    }
}

pub fn fixture() -> Fixture {
    let mut f = Fixture {
        clock: Clock::new("fixture-device"),
        all: BTreeMap::new(),
        ids: BTreeMap::new(),
    };
    let (y2023, y2024) = (utc(2023, 3, 1, 3), utc(2024, 5, 1, 3));
    use Kind::*;
    f.add("u1", Usaha, y2023, json!({"nama": "Batik Sekar Arum", "pemilik": "Siti Contoh", "telepon": "081234567890",
        "desa": "35.29.01.2001", "komoditas": "Batik", "modal": 50_000_000u64, "penjualan": 100_000_000u64,
        "tenaga_kerja": 3, "investasi": 10_000_000u64, "status": "aktif", "halal_status": "terbit"}));
    f.add("u2", Usaha, y2024, json!({"nama": "=HYPERLINK(\"http://contoh.invalid\")", "desa": "35.29.01.2002", "komoditas": "batik ",
        "modal": 2_000_000_000u64, "tenaga_kerja": 25, "investasi": 2_000_000_000u64, "status": "aktif", "halal_status": "proses"}));
    f.add("u3", Usaha, y2024, json!({"nama": "Keripik Bu Ani", "desa": "35.29.02.2001", "komoditas": "Keripik Singkong",
        "modal": 7_000_000_000u64, "status": "tidak_aktif", "halal_status": "belum", "telepon": "+6285712345678"}));
    f.add(
        "u4",
        Usaha,
        utc(2025, 12, 31, 20),
        json!({"nama": "Usaha Tutup", "desa": "35.29.02.2002", "status": "tutup"}),
    );
    f.add(
        "u5",
        Usaha,
        y2024,
        json!({"nama": "Batik Besar", "desa": "35.29.03.2001", "komoditas": "Batik",
        "penjualan": 60_000_000_000u64, "halal_status": "terbit"}),
    );
    f.add("u6", Usaha, y2024, json!({"nama": "Anyaman Pandan Wangi", "desa": "35.29.03.2002", "komoditas": "anyaman pandan/daun",
        "modal": 100_000_000u64, "status": "aktif", "catatan": "-2 pesanan tertunda"}));
    f.add(
        "u7",
        Usaha,
        y2023,
        json!({"nama": "Batik Seberang", "desa": "35.30.01.2001", "komoditas": "Batik",
        "modal": 100_000_000u64, "status": "aktif", "lat": -7.0123, "lon": 113.8456}),
    );
    f.add(
        "u8",
        Usaha,
        y2023,
        json!({"nama": "Terhapus", "desa": "35.29.01.2003", "komoditas": "Batik", "modal": 1}),
    );
    f.delete("u8");

    f.add("s1", Sentra, y2023, json!({"nama": "Sentra Batik Pakandangan", "status": "terbentuk", "tahun_rencana": 2018,
        "tahun_terbentuk": 2019, "desa": "35.29.01.2001", "anggaran": 20_000_000u64, "anggaran_tahun": 2019,
        "anggota": ["u1", "u2"], "komoditas": "Batik", "kontak": "081398765432"}));
    f.add(
        "s2",
        Sentra,
        y2023,
        json!({"nama": "Sentra Keripik", "status": "terbentuk", "tahun_terbentuk": 2021,
        "desa": "35.29.02.2001", "anggaran": 30_000_000u64, "anggaran_tahun": 2021,
        "anggota": ["u3", "u4", "u5", "u6", "u1"], "komoditas": "Keripik Singkong"}),
    );
    f.add("s3", Sentra, y2023, json!({"nama": "Sentra Batik Baru", "status": "rencana", "tahun_rencana": 2026,
        "desa": "35.29.01.2002", "anggaran": 20_000_000u64, "anggaran_tahun": 2026, "komoditas": "Batik"}));
    f.add(
        "s4",
        Sentra,
        y2023,
        json!({"nama": "Sentra Rencana Timur", "status": "rencana", "tahun_rencana": 2025,
        "desa": "35.29.03.2001", "anggaran": 20_000_000u64, "anggaran_tahun": 2026}),
    );
    f.add(
        "s5",
        Sentra,
        y2023,
        json!({"nama": "Sentra Lama", "status": "tidak_aktif", "tahun_terbentuk": 2015,
        "desa": "35.29.04.2001", "komoditas": "Anyaman pandan/daun"}),
    );
    f.add(
        "s6",
        Sentra,
        y2023,
        json!({"nama": "Sentra Terhapus", "status": "rencana", "desa": "35.29.05.2001"}),
    );
    f.delete("s6");

    f.add("v1", SurveiDesa, y2024, json!({"desa": "35.29.01.2001", "tanggal": "2024-02-10", "komoditas": "Batik",
        "ovop_sosialisasi": "2024-02-10", "ovop_manajemen": "2024-03-01", "pelaku_kain": 12, "pelaku_makanan": 3}));
    f.add("v2", SurveiDesa, y2024, json!({"desa": "35.29.01.2001", "tanggal": "2025-01-15", "komoditas": "batik",
        "ovop_sosialisasi": "2024-02-10", "ovop_manajemen": "2024-03-01", "ovop_komoditas": "2024-06-01",
        "ovop_kemasan": "2025-01-15", "pelaku_kain": 10}));
    f.add(
        "v3",
        SurveiDesa,
        y2024,
        json!({"desa": "35.29.02.2001", "tanggal": "2025-03-01", "komoditas": "Keripik Singkong",
        "pelaku_makanan": 20}),
    );
    f.add(
        "v4",
        SurveiDesa,
        y2024,
        json!({"desa": "35.29.03.2001", "tanggal": "2025-04-01", "komoditas": "Anyaman pandan/daun",
        "ovop_sosialisasi": "2025-04-01"}),
    );

    f.add(
        "k1",
        Kawasan,
        y2023,
        json!({"lokasi": "KIH Sumenep", "kabupaten": "35.29", "luas_ha": 12.5, "cnc": true,
        "rpik": "ditetapkan", "dana_pusat": "disetujui", "fokus": "Batik"}),
    );
    f.add(
        "k2",
        Kawasan,
        y2023,
        json!({"lokasi": "Kawasan Bluto", "kabupaten": "35.29", "luas_ha": 0.0, "cnc": false,
        "rpik": "draf"}),
    );
    f.add(
        "k3",
        Kawasan,
        y2023,
        json!({"lokasi": "Kawasan Seberang", "kabupaten": "35.30",
        "rpik": "belum", "dana_pusat": "diajukan"}),
    );

    f.add(
        "g1",
        Kegiatan,
        y2024,
        json!({"nama": "Pelatihan Kemasan", "jenis": "pelatihan_kemasan", "tanggal": "2025-05-01",
        "kecamatan": "35.29.01", "peserta": ["u1", "u2"], "anggaran": 15_000_000u64}),
    );
    f.add(
        "g2",
        Kegiatan,
        y2024,
        json!({"nama": "Fasilitasi Halal", "jenis": "fasilitasi_halal", "tanggal": "2025-06-01",
        "peserta": ["u1", "u3", "u8"], "anggaran": 10_000_000u64}),
    );
    f.add(
        "g3",
        Kegiatan,
        y2024,
        json!({"nama": "Pelatihan Kemasan Lanjutan", "jenis": "pelatihan_kemasan",
        "tanggal": "2024-07-01", "peserta": ["u1"], "anggaran": 5_000_000u64}),
    );

    f.add(
        "m1",
        Mitra,
        y2023,
        json!({"nama": "Toko Oleh-oleh Contoh", "jenis": "ritel", "telepon": "0328123456"}),
    );
    f.add(
        "m2",
        Mitra,
        y2023,
        json!({"nama": "@Marketplace Contoh", "jenis": "marketplace"}),
    );

    f.add(
        "j1",
        Jejaring,
        y2024,
        json!({"usaha": "u1", "mitra": "m1", "status": "kerja_sama", "tanggal": "2025-01-01"}),
    );
    f.add(
        "j2",
        Jejaring,
        y2024,
        json!({"usaha": "u3", "mitra": "m2", "status": "diperkenalkan", "tanggal": "2025-02-01"}),
    );
    f.add(
        "j3",
        Jejaring,
        y2024,
        json!({"usaha": "u7", "mitra": "m1", "status": "negosiasi"}),
    );
    f
}
