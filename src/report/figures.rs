//! The figures a report holds: one struct per section, as Beranda shows them and the export
//! writes them.

use crate::model::kinds::JENIS_KEGIATAN;
use crate::model::klasifikasi::{Industri, Umkm};
use std::collections::BTreeMap;

/// UMKM classes in report order; the last column counts records whose figures are not enough.
pub const UMKM_COLUMNS: [Option<Umkm>; 5] = [
    Some(Umkm::Mikro),
    Some(Umkm::Kecil),
    Some(Umkm::Menengah),
    Some(Umkm::Besar),
    None,
];
pub const INDUSTRI_COLUMNS: [Option<Industri>; 4] = [
    Some(Industri::Kecil),
    Some(Industri::Menengah),
    Some(Industri::Besar),
    None,
];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsahaFigures {
    pub total: u64,
    /// By [`UMKM_COLUMNS`].
    pub umkm: [u64; 5],
    /// By [`INDUSTRI_COLUMNS`].
    pub industri: [u64; 4],
    /// By [`STATUS`](crate::model::usaha::STATUS) (aktif, tidak aktif, tutup); a record without a status counts as aktif,
    /// as lists show it.
    pub status: [u64; 3],
    /// Commodity as written (the listed name where it is one) and count, most first; "" is
    /// "not filled".
    pub komoditas: Vec<(String, u64)>,
    /// Kecamatan code and counts by [`UMKM_COLUMNS`], in code order.
    pub kecamatan: Vec<(String, [u64; 5])>,
    /// The same per kabupaten/kota (from the kecamatan), in code order.
    pub kabupaten: Vec<(String, [u64; 5])>,
    /// Year entered and count, in year order.
    pub tahun: Vec<(i64, u64)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentraStatusRow {
    /// A key of [`SENTRA_STATUS`](crate::model::kinds::SENTRA_STATUS).
    pub status: &'static str,
    pub count: u64,
    /// Distinct kecamatan these sentra lie in.
    pub kecamatan: u64,
    pub anggaran: u64,
    /// The earliest year among them: formed (terbentuk), planned (rencana) or either.
    pub since: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentraFigures {
    pub total: u64,
    /// One row per status, in [`SENTRA_STATUS`](crate::model::kinds::SENTRA_STATUS) order.
    pub status: Vec<SentraStatusRow>,
    /// Year formed and count (formed sentra only), in year order.
    pub tahun_terbentuk: Vec<(i64, u64)>,
    /// Kecamatan code and counts by status ([`SENTRA_STATUS`](crate::model::kinds::SENTRA_STATUS) order), in code order.
    pub kecamatan: Vec<(String, [u64; 3])>,
    /// The same per kabupaten/kota, in code order.
    pub kabupaten: Vec<(String, [u64; 3])>,
    /// Kecamatan of the area in view with at least one sentra, and how many it has (`None` when
    /// the region data is not loaded).
    pub coverage: Option<(u64, u64)>,
    /// Kabupaten/kota of the province in view with at least one sentra, and how many it has
    /// (`None` when the area in view is not a province).
    pub coverage_kabupaten: Option<(u64, u64)>,
    /// Budget year, total and how many sentra, in year order.
    pub anggaran_tahun: Vec<(i64, u64, u64)>,
    pub anggaran_total: u64,
    /// Member links, summed over sentra.
    pub anggota: u64,
}

/// Village surveys in one kecamatan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveiKecamatan {
    /// A kecamatan code `PP.KK.CC`.
    pub kecamatan: String,
    /// Distinct villages surveyed.
    pub villages: u64,
    /// As [`SurveiFigures::funnel`], for this kecamatan's villages.
    pub funnel: [u64; 6],
    pub not_started: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveiFigures {
    pub surveys: u64,
    /// Distinct villages surveyed.
    pub villages: u64,
    /// Villages that reached at least each OVOP stage ([`crate::model::kinds::OVOP_STAGES`] order); a village
    /// surveyed twice counts once, at its furthest stage.
    pub funnel: [u64; 6],
    /// Villages with no stage reached yet.
    pub not_started: u64,
    /// Leading commodity and the villages naming it, most first.
    pub komoditas: Vec<(String, u64)>,
    /// Industry actors counted in the surveys, all groups.
    pub pelaku: u64,
    /// Per kecamatan, in code order (the funnel of each).
    pub kecamatan: Vec<SurveiKecamatan>,
    /// Per kabupaten/kota, in code order (`kecamatan` holding the kabupaten's code).
    pub kabupaten: Vec<SurveiKecamatan>,
}

/// Rows per kecamatan summed per kabupaten/kota (the kecamatan code's first five characters),
/// in code order; a row without a kecamatan stays apart under "".
pub(super) fn per_kabupaten<const N: usize>(
    rows: &[(String, [u64; N])],
) -> Vec<(String, [u64; N])> {
    let mut out: BTreeMap<&str, [u64; N]> = BTreeMap::new();
    for (kecamatan, counts) in rows {
        let sum = out
            .entry(crate::wilayah::kabupaten_of(kecamatan))
            .or_insert([0; N]);
        for (t, n) in sum.iter_mut().zip(counts) {
            *t += n;
        }
    }
    out.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Kawasan IKM readiness in one kabupaten/kota (or, from [`Report::kawasan_total`], all).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KawasanRow {
    /// A kabupaten/kota code (`PP.KK`); "" in the total row.
    pub kabupaten: String,
    pub count: u64,
    /// Kawasan whose land area is filled (0 ha included: "0 ha" is known, an empty field is not).
    pub luas_known: u64,
    /// Their area summed.
    pub luas_ha: f64,
    /// Clean and clear: yes, no, not known (not filled: never counted as no).
    pub cnc: [u64; 3],
    /// By [`RPIK`](crate::model::kinds::RPIK) (belum, draf, ditetapkan).
    pub rpik: [u64; 3],
    /// By [`DANA_PUSAT`](crate::model::kinds::DANA_PUSAT) (belum, diajukan, disetujui, ditolak); not filled counts as belum.
    pub dana: [u64; 4],
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KegiatanRow {
    /// A key of [`JENIS_KEGIATAN`].
    pub jenis: &'static str,
    pub count: u64,
    /// Participants summed over activities (an Usaha at two trainings counts twice).
    pub peserta: u64,
    /// Distinct Usaha that took part.
    pub usaha: u64,
    pub anggaran: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HalalFigures {
    /// Usaha by halal certificate status ([`HALAL`](crate::model::usaha::HALAL): belum, proses, terbit), then not filled.
    pub status: [u64; 4],
    /// Halal facilitation activities.
    pub kegiatan: u64,
    /// Distinct Usaha facilitated, and how many of them now hold a certificate.
    pub facilitated: u64,
    pub facilitated_terbit: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub usaha: UsahaFigures,
    pub sentra: SentraFigures,
    pub survei: SurveiFigures,
    /// Per kabupaten, in code order.
    pub kawasan: Vec<KawasanRow>,
    /// Every kind of activity, in [`JENIS_KEGIATAN`] order.
    pub kegiatan: Vec<KegiatanRow>,
    /// Activities per kabupaten/kota (code order; "" for those that lie in none or several) and
    /// kind ([`JENIS_KEGIATAN`] order).
    pub kegiatan_kabupaten: Vec<(String, [u64; JENIS_KEGIATAN.len()])>,
    pub halal: HalalFigures,
    /// By [`STATUS_JEJARING`](crate::model::kinds::STATUS_JEJARING).
    pub jejaring: [u64; 4],
    pub mitra: u64,
}

/// What the filters can choose from, over all live records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub years: Vec<i64>,
    /// Kabupaten/kota codes the records lie in, in code order.
    pub kabupaten: Vec<String>,
    pub kecamatan: Vec<String>,
    /// Commodities as written (listed name where one), in folded order.
    pub komoditas: Vec<String>,
}
