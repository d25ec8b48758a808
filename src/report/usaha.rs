//! The Usaha side of the report: an index of every Usaha's figures (class, status, commodity,
//! kecamatan, year) kept up to date as records change, and the Usaha figures over the rows a
//! filter keeps.

use super::*;
use crate::model::Id;

/// Interned texts: each distinct one stored once, rows hold its number.
#[derive(Clone, Debug, Default)]
pub(super) struct Interned {
    texts: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Interned {
    /// The text of a number ([`u32::MAX`] or another unknown one: none).
    pub(super) fn text(&self, n: u32) -> Option<&str> {
        self.texts.get(n as usize).map(String::as_str)
    }

    fn of(&mut self, text: &str) -> u32 {
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        let n = self.texts.len() as u32;
        self.texts.push(text.to_string());
        self.numbers.insert(text.to_string(), n);
        n
    }
}

/// The first year [`UsahaRow::years`] holds.
const YEAR_BASE: i64 = 2000;

/// The bits of `years` (see [`UsahaRow::years`]).
fn year_bits(years: &[i64]) -> u64 {
    years
        .iter()
        .filter_map(|y| u32::try_from(y - YEAR_BASE).ok().filter(|b| *b < 64))
        .fold(0, |bits, b| bits | 1 << b)
}

impl UsahaRow {
    pub(super) fn counts_in(&self, year: i64) -> bool {
        u32::try_from(year - YEAR_BASE).is_ok_and(|b| b < 64 && self.years & (1 << b) != 0)
    }

    pub(super) fn years(&self) -> impl Iterator<Item = i64> + '_ {
        (0..64)
            .filter(|b| self.years & (1 << b) != 0)
            .map(|b| YEAR_BASE + b)
    }
}

/// What the figures read of one Usaha, in a few bytes.
#[derive(Clone, Copy, Debug)]
pub(super) struct UsahaRow {
    /// Index into [`UMKM_COLUMNS`], [`INDUSTRI_COLUMNS`], [`STATUS`], [`HALAL`] (3: not filled).
    pub(super) umkm: u8,
    pub(super) industri: u8,
    pub(super) status: u8,
    pub(super) halal: u8,
    /// The years it counts in ([`super::years_of`]): bit `y - 2000` for each year `y` from 2000
    /// to 2063 (years outside are not counted by year).
    pub(super) years: u64,
    /// Interned kecamatan code (`u32::MAX`: none) and commodity as written.
    pub(super) kecamatan: u32,
    pub(super) komoditas: u32,
}

/// The Usaha's facts the figures need, one compact row per live Usaha, kept up to date as
/// records change ([`UsahaIndex::update`]) so that recomputing Beranda reads 50,000 small rows
/// instead of walking 50,000 records' fields (measured: 120-150 ms for the walk natively, the
/// goal is 50 ms in the browser; `benches/report.rs`).
#[derive(Clone, Debug, Default)]
pub struct UsahaIndex {
    pub(super) rows: HashMap<Id, UsahaRow>,
    pub(super) kecamatan: Interned,
    pub(super) komoditas: Interned,
    pub(super) utc_offset_ms: i64,
}

impl UsahaIndex {
    pub fn build<'r>(records: impl IntoIterator<Item = &'r Record>, utc_offset_ms: i64) -> Self {
        let mut index = UsahaIndex {
            utc_offset_ms,
            ..Default::default()
        };
        index.update(records);
        index
    }

    /// Takes in records as they are now (other kinds are passed over; a deleted Usaha leaves).
    pub fn update<'r>(&mut self, records: impl IntoIterator<Item = &'r Record>) {
        for r in records.into_iter().filter(|r| r.kind == Kind::Usaha) {
            match self.row_of(r) {
                Some(row) => self.rows.insert(r.id.clone(), row),
                None => self.rows.remove(&*r.id),
            };
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// One walk over the record's fields (a lookup per field by name costs twice as much).
    fn row_of(&mut self, r: &Record) -> Option<UsahaRow> {
        let (mut status, mut desa, mut komoditas, mut halal) = ("", "", "", "");
        let (mut modal, mut penjualan, mut investasi, mut workers) = (None, None, None, None);
        for (key, field) in &r.fields {
            let v = &field.value;
            let s = || v.as_str().unwrap_or_default();
            match key {
                crate::model::DELETED if v.as_bool() == Some(true) => return None,
                "status" => status = s(),
                "desa" => desa = s(),
                "komoditas" => komoditas = s(),
                "halal_status" => halal = s(),
                "modal" => modal = v.as_u64(),
                "penjualan" => penjualan = v.as_u64(),
                "investasi" => investasi = v.as_u64(),
                "tenaga_kerja" => workers = v.as_u64().map(|n| n.min(u32::MAX as u64) as u32),
                _ => {}
            }
        }
        let umkm = klasifikasi::umkm(modal, penjualan);
        let industri = klasifikasi::industri(workers, investasi);
        Some(UsahaRow {
            umkm: UMKM_COLUMNS.iter().position(|k| *k == umkm).unwrap_or(4) as u8,
            industri: INDUSTRI_COLUMNS
                .iter()
                .position(|k| *k == industri)
                .unwrap_or(3) as u8,
            status: index_of(STATUS, status).unwrap_or(0) as u8,
            halal: index_of(HALAL, halal).unwrap_or(3) as u8,
            years: year_bits(&years_of(r, self.utc_offset_ms)),
            kecamatan: kecamatan_of_desa(desa).map_or(u32::MAX, |k| self.kecamatan.of(k)),
            komoditas: self.komoditas.of(komoditas.trim()),
        })
    }

    /// The rows a filter keeps; each interned text is tested once, not once per row.
    pub(super) fn kept(&self, narrow: &Narrow) -> Vec<UsahaRow> {
        // Some(None): a kecamatan no Usaha lies in, so none is kept.
        let kecamatan = narrow
            .filter
            .kecamatan
            .as_ref()
            .map(|k| self.kecamatan.numbers.get(k.as_str()).copied());
        // By interned kecamatan: whether it lies in the kabupaten asked for.
        let kabupaten: Option<Vec<bool>> = narrow.filter.kabupaten.as_ref().map(|kab| {
            self.kecamatan
                .texts
                .iter()
                .map(|k| crate::wilayah::kabupaten_of(k) == kab.as_str())
                .collect()
        });
        let komoditas: Option<Vec<bool>> = narrow
            .komoditas
            .as_ref()
            .map(|k| self.komoditas.texts.iter().map(|t| fold(t) == *k).collect());
        self.rows
            .values()
            .filter(|r| narrow.filter.year.is_none_or(|y| r.counts_in(y)))
            .filter(|r| kecamatan.is_none_or(|k| k == Some(r.kecamatan)))
            .filter(|r| {
                kabupaten
                    .as_ref()
                    .is_none_or(|m| m.get(r.kecamatan as usize).copied().unwrap_or(false))
            })
            .filter(|r| komoditas.as_ref().is_none_or(|m| m[r.komoditas as usize]))
            .copied()
            .collect()
    }
}

pub(super) fn usaha_figures(index: &UsahaIndex, records: &[UsahaRow]) -> UsahaFigures {
    let mut f = UsahaFigures {
        total: records.len() as u64,
        ..Default::default()
    };
    // Counted by interned number; sorted and named once at the end.
    let mut kecamatan = vec![[0u64; 5]; index.kecamatan.texts.len()];
    // One counter per year a row can count in: a business listed in 2017 and 2018 counts in both.
    let mut tahun = [0u64; 64];
    let mut komoditas = vec![0u64; index.komoditas.texts.len()];
    for r in records {
        f.umkm[r.umkm as usize] += 1;
        f.industri[r.industri as usize] += 1;
        f.status[r.status as usize] += 1;
        if let Some(k) = kecamatan.get_mut(r.kecamatan as usize) {
            k[r.umkm as usize] += 1;
        }
        let mut bits = r.years;
        while bits != 0 {
            tahun[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1;
        }
        komoditas[r.komoditas as usize] += 1;
    }
    let kecamatan: BTreeMap<&str, [u64; 5]> = index
        .kecamatan
        .texts
        .iter()
        .map(String::as_str)
        .zip(kecamatan)
        .filter(|(_, n)| n.iter().any(|n| *n > 0))
        .collect();
    let tahun: BTreeMap<i64, u64> = (YEAR_BASE..).zip(tahun).filter(|(_, n)| *n > 0).collect();
    f.komoditas = grouped(
        index
            .komoditas
            .texts
            .iter()
            .zip(komoditas)
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| (t.as_str(), n))
            .collect(),
    );

    f.kecamatan = kecamatan
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    f.kabupaten = per_kabupaten(&f.kecamatan);
    f.tahun = tahun.into_iter().collect();
    f
}
