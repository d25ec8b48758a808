//! The office's figures, computed on the device from the records themselves: Usaha by class,
//! status, commodity, kecamatan and year; sentra by status, year, kecamatan, coverage and budget;
//! village surveys and the OVOP funnel; kawasan readiness; kegiatan, halal facilitation and
//! jejaring. Pure (no browser): the Beranda page shows a [`Report`], exports write the records,
//! and native tests check every figure against hand-computed expectations (`tests/reports.rs`).
//!
//! Filters (year, kecamatan, commodity) keep the records that belong to them. Which year a
//! record belongs to, and where it lies, depends on its kind: see [`year_of`], [`kecamatan_of`]
//! and [`komoditas_of`].

pub mod export;
mod figures;
pub mod katalog;
mod sections;
mod usaha;
pub mod xlsx;
pub mod zip;

pub use figures::*;
use sections::{
    halal_figures, kawasan_rows, kegiatan_per_kabupaten, kegiatan_rows, sentra_figures,
    survei_figures,
};
pub use usaha::UsahaIndex;
use usaha::{usaha_figures, UsahaRow};

use crate::format::civil;
use crate::komoditas;
use crate::model::kinds::{
    ovop_reached, DANA_PUSAT, JENIS_KEGIATAN, PELAKU, RPIK, SENTRA_STATUS, STATUS_JEJARING,
};
use crate::model::klasifikasi;
use crate::model::schema::values_of;
use crate::model::usaha::{HALAL, STATUS};
use crate::model::Val;
use crate::model::{Id, Kind, Record};
use crate::wilayah::kecamatan_of_desa;
use crate::wilayah::search::fold;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the figures are narrowed to; `None`: all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub year: Option<i64>,
    /// A kabupaten/kota code `PP.KK` (a province office's view of one, or a kabupaten office's
    /// of a neighbour whose records it holds).
    pub kabupaten: Option<String>,
    /// A kecamatan code `PP.KK.CC`.
    pub kecamatan: Option<String>,
    /// A commodity as written (compared folded: case, spaces and punctuation ignored).
    pub komoditas: Option<String>,
}

/// What the figures are computed from.
pub struct Input<'a> {
    pub records: &'a BTreeMap<Id, Record>,
    /// Every kecamatan code of the area in view (the kabupaten/kota filtered on, else the
    /// officer's working area: a kabupaten/kota or a whole province): the denominator of sentra
    /// coverage (empty when the region data is not loaded: coverage is then not given).
    pub kecamatan_all: &'a [String],
    /// Every kabupaten/kota code of the area in view when it is a province: the denominator of
    /// sentra coverage by kabupaten/kota (empty otherwise: not given).
    pub kabupaten_all: &'a [String],
    /// The device's offset from UTC, for the year a record was entered.
    pub utc_offset_ms: i64,
}

fn text<'r>(r: &'r Record, field: &str) -> &'r str {
    r.get(field).and_then(Val::as_str).unwrap_or_default()
}

fn int(r: &Record, field: &str) -> Option<i64> {
    r.get(field).and_then(Val::as_i64)
}

fn index_of(keys: impl IntoIterator<Item = &'static str>, key: &str) -> Option<usize> {
    keys.into_iter().position(|k| k == key)
}

/// The year of an ISO date "YYYY-MM-DD".
fn year_of_date(iso: &str) -> Option<i64> {
    iso.get(..4)?.parse().ok()
}

/// The year a record belongs to for the year filter: a sentra's year formed (else planned, else
/// its budget year); a survey's, activity's or jejaring's date; otherwise the year it was
/// entered on this or another device.
pub fn year_of(r: &Record, utc_offset_ms: i64) -> i64 {
    let own = match r.kind {
        Kind::Sentra => int(r, "tahun_terbentuk")
            .or_else(|| int(r, "tahun_rencana"))
            .or_else(|| int(r, "anggaran_tahun")),
        Kind::SurveiDesa | Kind::Kegiatan | Kind::Jejaring => year_of_date(text(r, "tanggal")),
        _ => None,
    };
    own.unwrap_or_else(|| entered_year(r, utc_offset_ms))
}

/// The years a record counts in for the year filter and the year-by-year series: one year, by
/// [`year_of`], except for an Usaha, which counts in every year of the office lists it was
/// brought in from ([`usaha::tahun_data`], issue 16) or, entered by hand, in the year it was
/// entered; and in the year it was last verified as well. Ascending, each once.
pub fn years_of(r: &Record, utc_offset_ms: i64) -> Vec<i64> {
    if r.kind != Kind::Usaha {
        return vec![year_of(r, utc_offset_ms)];
    }
    let mut years: Vec<i64> = crate::model::usaha::tahun_data(r)
        .into_iter()
        .map(i64::from)
        .collect();
    if years.is_empty() {
        years.push(entered_year(r, utc_offset_ms));
    }
    years.extend(year_of_date(text(r, "diverifikasi")));
    crate::sort::plain(&mut years);
    years.dedup();
    years
}

/// The local year a record was entered.
pub fn entered_year(r: &Record, utc_offset_ms: i64) -> i64 {
    civil(r.created.wall.saturating_add_signed(utc_offset_ms)).0
}

/// Looks up linked records.
struct Links<'a>(&'a BTreeMap<Id, Record>);

impl<'a> Links<'a> {
    fn live(&self, id: &str, kind: Kind) -> Option<&'a Record> {
        self.0.get(id).filter(|r| r.kind == kind && !r.is_deleted())
    }

    /// The kawasan, sentra and village survey an activity concerns (those still there).
    fn about(&self, r: &'a Record) -> Vec<&'a Record> {
        [Kind::Kawasan, Kind::Sentra, Kind::SurveiDesa]
            .into_iter()
            .filter_map(|kind| {
                let field = crate::model::kinds::kegiatan_field_about(kind)?;
                self.live(text(r, field), kind)
            })
            .collect()
    }

    /// The Usaha a record speaks for: a jejaring's one, an activity's participants.
    fn usaha_of(&self, r: &'a Record) -> Vec<&'a Record> {
        match r.kind {
            Kind::Jejaring => self
                .live(text(r, "usaha"), Kind::Usaha)
                .into_iter()
                .collect(),
            Kind::Kegiatan => r
                .links("peserta")
                .into_iter()
                .filter_map(|id| self.live(id, Kind::Usaha))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The kecamatan codes a record lies in: from its desa (Usaha, Sentra, Survei), an activity's
/// kecamatan (else the sentra or village survey it concerns, and its participants'), a jejaring's
/// Usaha. Kawasan and Mitra have none.
fn kecamatan_of<'a>(r: &'a Record, links: &Links<'a>) -> Vec<&'a str> {
    let from_desa = |r: &'a Record| kecamatan_of_desa(text(r, "desa"));
    match r.kind {
        Kind::Usaha | Kind::Sentra | Kind::SurveiDesa => from_desa(r).into_iter().collect(),
        Kind::Kegiatan if !text(r, "kecamatan").is_empty() => vec![text(r, "kecamatan")],
        Kind::Kegiatan => links
            .about(r)
            .into_iter()
            .chain(links.usaha_of(r))
            .filter_map(from_desa)
            .collect(),
        Kind::Jejaring => links
            .usaha_of(r)
            .into_iter()
            .filter_map(from_desa)
            .collect(),
        Kind::Kawasan | Kind::Mitra => Vec::new(),
    }
}

/// The kabupaten/kota codes a record lies in: a kawasan's own (and an activity's about a
/// kawasan), else those of its kecamatan. Mitra have none.
fn kabupaten_of_record<'a>(r: &'a Record, links: &Links<'a>) -> Vec<&'a str> {
    let mut codes: Vec<&str> = match r.kind {
        Kind::Kawasan => vec![text(r, "kabupaten")],
        Kind::Kegiatan if text(r, "kecamatan").is_empty() => links
            .about(r)
            .into_iter()
            .filter(|a| a.kind == Kind::Kawasan)
            .map(|a| text(a, "kabupaten"))
            .collect(),
        _ => Vec::new(),
    };
    codes.extend(
        kecamatan_of(r, links)
            .into_iter()
            .map(crate::wilayah::kabupaten_of),
    );
    codes
}

/// The one kabupaten/kota an activity is counted in: its kecamatan's, else the kawasan, sentra or
/// survey it concerns, else its participants' when they all lie in one; `None` otherwise.
fn kegiatan_kabupaten<'a>(r: &'a Record, links: &Links<'a>) -> Option<&'a str> {
    let mut codes: Vec<&str> = Vec::new();
    for code in kabupaten_of_record(r, links) {
        if !code.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    }
    match codes.as_slice() {
        [] => None,
        [one] => Some(one),
        // Several: what it concerns (the first) decides, participants alone do not.
        [first, ..] if text(r, "kecamatan").is_empty() && !links.about(r).is_empty() => Some(first),
        _ => None,
    }
}

/// The commodities a record is about: its own (a kawasan's focus), a jejaring's Usaha's, an
/// activity's participants'. Mitra have none.
fn komoditas_of<'a>(r: &'a Record, links: &Links<'a>) -> Vec<&'a str> {
    match r.kind {
        Kind::Usaha | Kind::Sentra | Kind::SurveiDesa => vec![text(r, "komoditas")],
        Kind::Kawasan => vec![text(r, "fokus")],
        Kind::Kegiatan | Kind::Jejaring => links
            .usaha_of(r)
            .into_iter()
            .map(|u| text(u, "komoditas"))
            .collect(),
        Kind::Mitra => Vec::new(),
    }
}

/// A filter with its commodity folded once.
struct Narrow<'f> {
    filter: &'f Filter,
    komoditas: Option<String>,
}

impl Narrow<'_> {
    fn keeps(&self, r: &Record, links: &Links, utc_offset_ms: i64) -> bool {
        if let Some(year) = self.filter.year {
            if !years_of(r, utc_offset_ms).contains(&year) {
                return false;
            }
        }
        if let Some(kab) = &self.filter.kabupaten {
            if !kabupaten_of_record(r, links).contains(&kab.as_str()) {
                return false;
            }
        }
        if let Some(kec) = &self.filter.kecamatan {
            if !kecamatan_of(r, links).contains(&kec.as_str()) {
                return false;
            }
        }
        if let Some(k) = &self.komoditas {
            if !komoditas_of(r, links).into_iter().any(|c| fold(c) == *k) {
                return false;
            }
        }
        true
    }
}

/// Counts of texts as written, grouped by their folded form; each group shown as the listed
/// commodity's name, else its most common spelling. Most first, then by name.
fn by_commodity<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, u64)> {
    let mut raw: HashMap<&str, u64> = HashMap::new();
    for t in texts {
        *raw.entry(t.trim()).or_default() += 1;
    }
    grouped(raw)
}

/// Counted spellings grouped as [`by_commodity`] does.
fn grouped(raw: HashMap<&str, u64>) -> Vec<(String, u64)> {
    // Fold each distinct spelling once (a few hundred), not each record (tens of thousands).
    let mut groups: HashMap<String, (u64, &str, u64)> = HashMap::new();
    for (spelling, n) in raw {
        let g = groups.entry(fold(spelling)).or_insert((0, spelling, 0));
        g.0 += n;
        if n > g.2 || (n == g.2 && spelling < g.1) {
            g.1 = spelling;
            g.2 = n;
        }
    }
    let mut out: Vec<(String, u64)> = groups
        .into_values()
        .map(|(n, spelling, _)| {
            let name = komoditas::by_name(spelling).map_or(spelling, |k| k.name);
            (name.to_string(), n)
        })
        .collect();
    crate::sort::by(&mut out, |a, b| {
        b.1.cmp(&a.1).then_with(|| fold(&a.0).cmp(&fold(&b.0)))
    });
    out
}

impl Report {
    /// Every figure over the live records `filter` keeps.
    pub fn compute(input: &Input, filter: &Filter) -> Report {
        let index = UsahaIndex::build(input.records.values(), input.utc_offset_ms);
        Report::compute_with(input, &index, filter)
    }

    /// [`Report::compute`] with the Usaha read from an index kept up to date as records change
    /// (built with the same `utc_offset_ms`): the app's way, since walking the fields of
    /// 50,000 Usaha takes longer than Beranda may.
    pub fn compute_with(input: &Input, index: &UsahaIndex, filter: &Filter) -> Report {
        let links = Links(input.records);
        let narrow = Narrow {
            filter,
            komoditas: filter.komoditas.as_deref().map(fold),
        };
        let mut by_kind: BTreeMap<Kind, Vec<&Record>> = BTreeMap::new();
        for r in input.records.values() {
            if r.kind != Kind::Usaha
                && !r.is_deleted()
                && narrow.keeps(r, &links, input.utc_offset_ms)
            {
                by_kind.entry(r.kind).or_default().push(r);
            }
        }
        let usaha = index.kept(&narrow);
        let of = |kind| by_kind.get(&kind).map_or(&[][..], Vec::as_slice);
        Report {
            halal: halal_figures(&usaha, of(Kind::Kegiatan), &links),
            usaha: usaha_figures(index, &usaha),
            sentra: sentra_figures(of(Kind::Sentra), input.kecamatan_all, input.kabupaten_all),
            survei: survei_figures(of(Kind::SurveiDesa)),
            kawasan: kawasan_rows(of(Kind::Kawasan)),
            kegiatan: kegiatan_rows(of(Kind::Kegiatan), &links),
            kegiatan_kabupaten: kegiatan_per_kabupaten(of(Kind::Kegiatan), &links),
            jejaring: tally(
                of(Kind::Jejaring),
                "status",
                STATUS_JEJARING.iter().map(|c| c.key),
            ),
            mitra: of(Kind::Mitra).len() as u64,
        }
    }

    /// The kawasan rows summed: the readiness table's total row.
    pub fn kawasan_total(&self) -> KawasanRow {
        let mut total = KawasanRow::default();
        for row in &self.kawasan {
            total.count += row.count;
            total.luas_known += row.luas_known;
            total.luas_ha += row.luas_ha;
            for (t, n) in total.cnc.iter_mut().zip(row.cnc) {
                *t += n;
            }
            for (t, n) in total.rpik.iter_mut().zip(row.rpik) {
                *t += n;
            }
            for (t, n) in total.dana.iter_mut().zip(row.dana) {
                *t += n;
            }
        }
        total
    }

    /// Whether there is anything to show at all.
    pub fn is_empty(&self) -> bool {
        self.usaha.total == 0
            && self.sentra.total == 0
            && self.survei.surveys == 0
            && self.kawasan.is_empty()
            && self.kegiatan.iter().all(|k| k.count == 0)
            && self.jejaring.iter().all(|n| *n == 0)
            && self.mitra == 0
    }
}

/// Counts of a choice field by its keys' order; records with another or no value are not counted.
fn tally<const N: usize>(
    records: &[&Record],
    field: &str,
    keys: impl IntoIterator<Item = &'static str> + Clone,
) -> [u64; N] {
    let mut out = [0; N];
    for r in records {
        if let Some(i) = index_of(keys.clone(), text(r, field)) {
            out[i] += 1;
        }
    }
    out
}

/// What the filters offer: the years, kecamatan and commodities of the live records.
pub fn options(input: &Input) -> Options {
    options_with(
        input,
        &UsahaIndex::build(input.records.values(), input.utc_offset_ms),
    )
}

/// [`options`] with the Usaha read from their index (the app's way: Beranda's filters are
/// offered again on every change of the records, and walking 50,000 Usaha's fields is slow).
pub fn options_with(input: &Input, index: &UsahaIndex) -> Options {
    let links = Links(input.records);
    let mut years = BTreeSet::new();
    let mut kecamatan = BTreeSet::new();
    let mut kabupaten = BTreeSet::new();
    let mut komoditas = Vec::new();
    for r in input.records.values() {
        if r.kind == Kind::Usaha || r.is_deleted() {
            continue;
        }
        years.insert(year_of(r, input.utc_offset_ms));
        kecamatan.extend(kecamatan_of(r, &links));
        if r.kind == Kind::Kawasan {
            kabupaten.insert(text(r, "kabupaten").to_string());
        }
        if matches!(r.kind, Kind::Sentra | Kind::SurveiDesa) {
            komoditas.push(text(r, "komoditas"));
        } else if r.kind == Kind::Kawasan {
            komoditas.push(text(r, "fokus"));
        }
    }
    for row in index.rows.values() {
        years.extend(row.years());
        kecamatan.extend(index.kecamatan.text(row.kecamatan));
        komoditas.extend(index.komoditas.text(row.komoditas));
    }
    let mut komoditas: Vec<String> = by_commodity(komoditas)
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| !k.is_empty())
        .collect();
    crate::sort::by_cached_key(&mut komoditas, |k| fold(k));
    kabupaten.extend(
        kecamatan
            .iter()
            .map(|k| crate::wilayah::kabupaten_of(k).to_string()),
    );
    kabupaten.remove("");
    Options {
        years: years.into_iter().collect(),
        kabupaten: kabupaten.into_iter().collect(),
        kecamatan: kecamatan.into_iter().map(str::to_string).collect(),
        komoditas,
    }
}

/// The live records `filter` keeps, every kind, in id order (what an export writes).
pub fn kept<'r>(input: &Input<'r>, filter: &Filter) -> Vec<&'r Record> {
    let links = Links(input.records);
    let narrow = Narrow {
        filter,
        komoditas: filter.komoditas.as_deref().map(fold),
    };
    input
        .records
        .values()
        .filter(|r| !r.is_deleted() && narrow.keeps(r, &links, input.utc_offset_ms))
        .collect()
}

/// A bar's length as a percentage of the longest; a value above zero always shows a sliver.
pub fn bar_share(value: u64, max: u64) -> f64 {
    match (value, max) {
        (0, _) | (_, 0) => 0.0,
        (v, m) => (v as f64 / m as f64 * 100.0).clamp(1.0, 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_longest_and_never_vanish() {
        assert_eq!(bar_share(0, 10), 0.0);
        assert_eq!(bar_share(5, 0), 0.0);
        assert_eq!(bar_share(10, 10), 100.0);
        assert_eq!(bar_share(5, 10), 50.0);
        assert_eq!(bar_share(1, 50_000), 1.0, "one in 50,000 is still seen");
    }
}
