//! A province office's records: Bengkulu (17), which asks each of its ten kabupaten/kota to
//! prepare a Kawasan IKM. Every figure in `tests/province.rs` was counted by hand from this
//! table, not from the code under test. Names and places are invented; the region codes and
//! each kabupaten/kota's kecamatan count are Kemendagri's.
//!
//! | id | kind | what matters |
//! |----|------|--------------|
//! | k01 | Kawasan | 17.01, 0.5 ha, clean and clear, RPIK ditetapkan, dana disetujui |
//! | k02 | Kawasan | 17.02, 0.5 ha, clean and clear, RPIK draf, dana diajukan |
//! | k03 | Kawasan | 17.03, 1.25 ha, not clean and clear, RPIK draf, dana belum |
//! | k04 | Kawasan | 17.04, area not known, clean and clear not known, RPIK belum, dana not filled |
//! | k05 | Kawasan | 17.05, 0 ha (known), not clean and clear, RPIK belum, dana belum |
//! | k06 | Kawasan | 17.06, 0.5 ha, clean and clear, RPIK ditetapkan, dana diajukan |
//! | k07 | Kawasan | 17.07, area not known, clean and clear not known, RPIK belum, dana not filled |
//! | k08 | Kawasan | 17.08, 0.75 ha, clean and clear not known, RPIK draf, dana ditolak |
//! | k09 | Kawasan | 17.09, 0.5 ha, clean and clear, RPIK ditetapkan, dana disetujui |
//! | k10 | Kawasan | 17.71, 0.5 ha, not clean and clear, RPIK draf, dana diajukan |
//! | k11 | Kawasan | deleted (17.01, 3 ha) |
//! | s1 | Sentra | terbentuk 2020, Kec. 17.71.01, Rp50 jt |
//! | s2 | Sentra | terbentuk 2022, Kec. 17.71.02 |
//! | s3 | Sentra | rencana 2026, Kec. 17.02.01 |
//! | s4 | Sentra | tidak aktif, Kec. 17.08.01 |
//! | u1 | Usaha | 17.71.01, Batik Besurek, modal 50 jt (mikro), aktif |
//! | u2 | Usaha | 17.71.02, Batik Besurek, modal 2 M (kecil), aktif |
//! | u3 | Usaha | 17.02.01, Kopi, modal 100 jt (mikro), aktif |
//! | u4 | Usaha | 17.05.01, Tepung, no figures, tutup |
//! | v1 | Survei | 17.02.01.2001, Kopi, sosialisasi and manajemen |
//! | v2 | Survei | 17.02.02.2001, Kopi, no stage |
//! | v3 | Survei | 17.71.01.1001, Batik Besurek, sosialisasi |
//! | g1 | Kegiatan | lainnya (a coordination meeting) about k03, no kecamatan, 2025-08-01 |
//! | g2 | Kegiatan | pelatihan kemasan, no kecamatan, participants u1 (17.71) and u3 (17.02) |
//! | g3 | Kegiatan | sosialisasi in Kec. 17.71.01, participant u3 (17.02): its kecamatan decides |

use super::*;

pub const PROVINCE: &str = "17";

/// The ten kabupaten/kota of Bengkulu and how many kecamatan each has.
pub const KABUPATEN: [(&str, u32); 10] = [
    ("17.01", 11),
    ("17.02", 15),
    ("17.03", 19),
    ("17.04", 15),
    ("17.05", 14),
    ("17.06", 15),
    ("17.07", 12),
    ("17.08", 8),
    ("17.09", 11),
    ("17.71", 9),
];

pub fn kabupaten_all() -> Vec<String> {
    KABUPATEN.iter().map(|(k, _)| k.to_string()).collect()
}

/// Every kecamatan code under `area` (the province or one kabupaten/kota), numbered 01.. in each.
pub fn kecamatan_under(area: &str) -> Vec<String> {
    KABUPATEN
        .iter()
        .filter(|(k, _)| k.starts_with(area))
        .flat_map(|(k, n)| (1..=*n).map(move |i| format!("{k}.{i:02}")))
        .collect()
}

pub fn province() -> Fixture {
    let mut f = Fixture {
        clock: Clock::new("fixture-device"),
        all: BTreeMap::new(),
        ids: BTreeMap::new(),
    };
    let when = utc(2025, 7, 1, 3);
    use Kind::*;
    let kawasan = [
        (
            "k01",
            "17.01",
            json!({"luas_ha": 0.5, "cnc": true, "rpik": "ditetapkan", "dana_pusat": "disetujui"}),
        ),
        (
            "k02",
            "17.02",
            json!({"luas_ha": 0.5, "cnc": true, "rpik": "draf", "dana_pusat": "diajukan"}),
        ),
        (
            "k03",
            "17.03",
            json!({"luas_ha": 1.25, "cnc": false, "rpik": "draf", "dana_pusat": "belum"}),
        ),
        ("k04", "17.04", json!({"rpik": "belum"})),
        (
            "k05",
            "17.05",
            json!({"luas_ha": 0, "cnc": false, "rpik": "belum", "dana_pusat": "belum"}),
        ),
        (
            "k06",
            "17.06",
            json!({"luas_ha": 0.5, "cnc": true, "rpik": "ditetapkan", "dana_pusat": "diajukan"}),
        ),
        ("k07", "17.07", json!({"rpik": "belum"})),
        (
            "k08",
            "17.08",
            json!({"luas_ha": 0.75, "rpik": "draf", "dana_pusat": "ditolak"}),
        ),
        (
            "k09",
            "17.09",
            json!({"luas_ha": 0.5, "cnc": true, "rpik": "ditetapkan", "dana_pusat": "disetujui"}),
        ),
        (
            "k10",
            "17.71",
            json!({"luas_ha": 0.5, "cnc": false, "rpik": "draf", "dana_pusat": "diajukan"}),
        ),
        ("k11", "17.01", json!({"luas_ha": 3, "rpik": "belum"})),
    ];
    for (name, kabupaten, mut fields) in kawasan {
        fields["kabupaten"] = json!(kabupaten);
        fields["lokasi"] = json!(format!("Lahan calon Kawasan IKM {name}"));
        f.add(name, Kawasan, when, fields);
    }
    f.delete("k11");

    f.add(
        "s1",
        Sentra,
        when,
        json!({"nama": "Sentra Besurek Satu", "status": "terbentuk", "tahun_terbentuk": 2020,
        "desa": "17.71.01.1001", "anggaran": 50_000_000u64, "anggaran_tahun": 2020}),
    );
    f.add(
        "s2",
        Sentra,
        when,
        json!({"nama": "Sentra Besurek Dua", "status": "terbentuk", "tahun_terbentuk": 2022,
        "desa": "17.71.02.1001"}),
    );
    f.add(
        "s3",
        Sentra,
        when,
        json!({"nama": "Sentra Kopi", "status": "rencana", "tahun_rencana": 2026,
        "desa": "17.02.01.2001"}),
    );
    f.add(
        "s4",
        Sentra,
        when,
        json!({"nama": "Sentra Lama", "status": "tidak_aktif", "desa": "17.08.01.2001"}),
    );

    f.add(
        "u1",
        Usaha,
        when,
        json!({"nama": "Besurek Satu", "desa": "17.71.01.1001", "komoditas": "Batik Besurek",
        "modal": 50_000_000u64, "status": "aktif"}),
    );
    f.add(
        "u2",
        Usaha,
        when,
        json!({"nama": "Besurek Dua", "desa": "17.71.02.1001", "komoditas": "Batik Besurek",
        "modal": 2_000_000_000u64, "status": "aktif"}),
    );
    f.add(
        "u3",
        Usaha,
        when,
        json!({"nama": "Kopi Rejang", "desa": "17.02.01.2001", "komoditas": "Kopi",
        "modal": 100_000_000u64, "status": "aktif"}),
    );
    f.add(
        "u4",
        Usaha,
        when,
        json!({"nama": "Tepung Seluma", "desa": "17.05.01.2001", "komoditas": "Tepung",
        "status": "tutup"}),
    );

    f.add(
        "v1",
        SurveiDesa,
        when,
        json!({"desa": "17.02.01.2001", "tanggal": "2025-05-01", "komoditas": "Kopi",
        "ovop_sosialisasi": "2025-05-01", "ovop_manajemen": "2025-06-01"}),
    );
    f.add(
        "v2",
        SurveiDesa,
        when,
        json!({"desa": "17.02.02.2001", "tanggal": "2025-05-02", "komoditas": "Kopi"}),
    );
    f.add(
        "v3",
        SurveiDesa,
        when,
        json!({"desa": "17.71.01.1001", "tanggal": "2025-05-03",
        "komoditas": "Batik Besurek", "ovop_sosialisasi": "2025-05-03"}),
    );

    f.add("g1", Kegiatan, when, json!({"jenis": "lainnya", "nama": "Rapat koordinasi lahan", "tanggal": "2025-08-01", "kawasan": "k03"}));
    f.add(
        "g2",
        Kegiatan,
        when,
        json!({"jenis": "pelatihan_kemasan", "nama": "Pelatihan kemasan provinsi",
        "tanggal": "2025-08-02", "peserta": ["u1", "u3"]}),
    );
    f.add(
        "g3",
        Kegiatan,
        when,
        json!({"jenis": "sosialisasi", "nama": "Sosialisasi OVOP", "tanggal": "2025-08-03",
        "kecamatan": "17.71.01", "peserta": ["u3"]}),
    );
    f
}
