//! The report's sections other than Usaha: sentra, village surveys, kawasan readiness,
//! kegiatan and halal facilitation, each over the records a filter keeps.

use super::*;
use crate::model::Val;

pub(super) fn sentra_figures(
    records: &[&Record],
    kecamatan_all: &[String],
    kabupaten_all: &[String],
) -> SentraFigures {
    let statuses: Vec<&'static str> = SENTRA_STATUS.iter().map(|c| c.key).collect();
    let mut rows: Vec<SentraStatusRow> = statuses
        .iter()
        .map(|&status| SentraStatusRow {
            status,
            ..Default::default()
        })
        .collect();
    let mut places: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); statuses.len()];
    let mut kecamatan: BTreeMap<&str, [u64; 3]> = BTreeMap::new();
    let mut formed: BTreeMap<i64, u64> = BTreeMap::new();
    let mut budget: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    let mut f = SentraFigures {
        total: records.len() as u64,
        ..Default::default()
    };
    for r in records {
        let Some(s) = statuses.iter().position(|k| *k == text(r, "status")) else {
            continue;
        };
        let row = &mut rows[s];
        row.count += 1;
        let anggaran = r.get("anggaran").and_then(Val::as_u64).unwrap_or(0);
        row.anggaran += anggaran;
        let year = match row.status {
            "terbentuk" => int(r, "tahun_terbentuk"),
            "rencana" => int(r, "tahun_rencana"),
            _ => int(r, "tahun_terbentuk").or_else(|| int(r, "tahun_rencana")),
        };
        row.since = match (row.since, year) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let desa = text(r, "desa");
        if let Some(k) = kecamatan_of_desa(desa) {
            places[s].insert(k);
            kecamatan.entry(k).or_default()[s] += 1;
        }
        if row.status == "terbentuk" {
            if let Some(y) = int(r, "tahun_terbentuk") {
                *formed.entry(y).or_default() += 1;
            }
        }
        if let (Some(y), true) = (int(r, "anggaran_tahun"), anggaran > 0) {
            let b = budget.entry(y).or_default();
            b.0 += anggaran;
            b.1 += 1;
        }
        f.anggaran_total += anggaran;
        f.anggota += r.links("anggota").len() as u64;
    }
    for (row, set) in rows.iter_mut().zip(&places) {
        row.kecamatan = set.len() as u64;
    }
    f.status = rows;
    f.kecamatan = kecamatan
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    f.coverage = coverage(kecamatan_all, &f.kecamatan);
    f.kabupaten = per_kabupaten(&f.kecamatan);
    f.coverage_kabupaten = coverage(kabupaten_all, &f.kabupaten);
    f.tahun_terbentuk = formed.into_iter().collect();
    f.anggaran_tahun = budget
        .into_iter()
        .map(|(y, (sum, n))| (y, sum, n))
        .collect();
    f
}

pub(super) fn survei_figures(records: &[&Record]) -> SurveiFigures {
    let mut f = SurveiFigures {
        surveys: records.len() as u64,
        ..Default::default()
    };
    // Per village, the furthest stage any of its surveys reached.
    let mut villages: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for r in records {
        let reached = villages.entry(text(r, "desa")).or_default();
        *reached = (*reached).max(ovop_reached(&values_of(r)));
        f.pelaku += PELAKU
            .iter()
            .filter_map(|p| r.get(p.key).and_then(Val::as_u64))
            .sum::<u64>();
    }
    f.villages = villages.len() as u64;
    let mut kecamatan: BTreeMap<&str, SurveiKecamatan> = BTreeMap::new();
    for (desa, reached) in &villages {
        let kec = kecamatan_of_desa(desa).unwrap_or_default();
        let row = kecamatan.entry(kec).or_insert_with(|| SurveiKecamatan {
            kecamatan: kec.to_string(),
            ..Default::default()
        });
        row.villages += 1;
        match reached {
            Some(stage) => {
                f.funnel[..=*stage].iter_mut().for_each(|n| *n += 1);
                row.funnel[..=*stage].iter_mut().for_each(|n| *n += 1);
            }
            None => {
                f.not_started += 1;
                row.not_started += 1;
            }
        }
    }
    f.kecamatan = kecamatan.into_values().collect();
    let mut kabupaten: BTreeMap<&str, SurveiKecamatan> = BTreeMap::new();
    for row in &f.kecamatan {
        let kab = crate::wilayah::kabupaten_of(&row.kecamatan);
        let sum = kabupaten.entry(kab).or_insert_with(|| SurveiKecamatan {
            kecamatan: kab.to_string(),
            ..Default::default()
        });
        sum.villages += row.villages;
        sum.not_started += row.not_started;
        for (t, n) in sum.funnel.iter_mut().zip(row.funnel) {
            *t += n;
        }
    }
    f.kabupaten = kabupaten.into_values().collect();
    // A village naming the same commodity in two surveys counts once for it.
    let mut seen: BTreeSet<(&str, String)> = BTreeSet::new();
    let per_village: Vec<&str> = records
        .iter()
        .filter_map(|r| {
            let k = text(r, "komoditas").trim();
            (!k.is_empty() && seen.insert((text(r, "desa"), fold(k)))).then_some(k)
        })
        .collect();
    f.komoditas = by_commodity(per_village);
    f
}

pub(super) fn kawasan_rows(records: &[&Record]) -> Vec<KawasanRow> {
    let mut rows: BTreeMap<&str, KawasanRow> = BTreeMap::new();
    for r in records {
        let kab = text(r, "kabupaten");
        let row = rows.entry(kab).or_insert_with(|| KawasanRow {
            kabupaten: kab.to_string(),
            ..Default::default()
        });
        row.count += 1;
        if let Some(ha) = r.get("luas_ha").and_then(Val::as_f64) {
            row.luas_known += 1;
            row.luas_ha += ha;
        }
        let cnc = match r.get("cnc").and_then(Val::as_bool) {
            Some(true) => 0,
            Some(false) => 1,
            None => 2,
        };
        row.cnc[cnc] += 1;
        if let Some(i) = index_of(RPIK.iter().map(|c| c.key), text(r, "rpik")) {
            row.rpik[i] += 1;
        }
        row.dana[index_of(DANA_PUSAT.iter().map(|c| c.key), text(r, "dana_pusat")).unwrap_or(0)] +=
            1;
    }
    rows.into_values().collect()
}

pub(super) fn kegiatan_rows(records: &[&Record], links: &Links) -> Vec<KegiatanRow> {
    JENIS_KEGIATAN
        .iter()
        .map(|jenis| {
            let mut row = KegiatanRow {
                jenis: jenis.key,
                ..Default::default()
            };
            let mut usaha = BTreeSet::new();
            for r in records.iter().filter(|r| text(r, "jenis") == jenis.key) {
                row.count += 1;
                let peserta = links.usaha_of(r);
                row.peserta += peserta.len() as u64;
                usaha.extend(peserta.into_iter().map(|u| &*u.id));
                row.anggaran += r.get("anggaran").and_then(Val::as_u64).unwrap_or(0);
            }
            row.usaha = usaha.len() as u64;
            row
        })
        .collect()
}

pub(super) fn kegiatan_per_kabupaten(
    records: &[&Record],
    links: &Links,
) -> Vec<(String, [u64; JENIS_KEGIATAN.len()])> {
    let mut rows: BTreeMap<&str, [u64; JENIS_KEGIATAN.len()]> = BTreeMap::new();
    for r in records {
        let Some(jenis) = JENIS_KEGIATAN
            .iter()
            .position(|c| c.key == text(r, "jenis"))
        else {
            continue;
        };
        rows.entry(kegiatan_kabupaten(r, links).unwrap_or(""))
            .or_default()[jenis] += 1;
    }
    // Those that lie nowhere last, as a table's "not filled" row.
    let mut rows: Vec<(String, _)> = rows.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    crate::sort::by_key(&mut rows, |(k, _)| k.is_empty());
    rows
}

pub(super) fn halal_figures(
    usaha: &[UsahaRow],
    kegiatan: &[&Record],
    links: &Links,
) -> HalalFigures {
    let mut f = HalalFigures::default();
    for r in usaha {
        f.status[r.halal as usize] += 1;
    }
    let mut facilitated: BTreeMap<&str, bool> = BTreeMap::new();
    for r in kegiatan
        .iter()
        .filter(|r| text(r, "jenis") == "fasilitasi_halal")
    {
        f.kegiatan += 1;
        for u in links.usaha_of(r) {
            facilitated.insert(&u.id, text(u, "halal_status") == "terbit");
        }
    }
    f.facilitated = facilitated.len() as u64;
    f.facilitated_terbit = facilitated.values().filter(|t| **t).count() as u64;
    f
}

/// How many of `all` (codes in order) have a row in `rows` (code order), and how many there are;
/// `None` when `all` is empty (the region data not loaded, or no such area in view).
fn coverage<const N: usize>(all: &[String], rows: &[(String, [u64; N])]) -> Option<(u64, u64)> {
    let with = all
        .iter()
        .filter(|code| rows.binary_search_by(|(c, _)| c.cmp(code)).is_ok())
        .count();
    (!all.is_empty()).then_some((with as u64, all.len() as u64))
}
