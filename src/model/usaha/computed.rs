//! What is computed from a stored Usaha: its classes (UMKM, industry, BPS) from its figures, and
//! the stored Usaha that may be the same business (a form's duplicates).

use super::super::klasifikasi::{self, Bps, Industri, Umkm};
use super::super::{Record, Val};
use super::UsahaForm;
use crate::wilayah::search;

/// The classes computed from a record's raw figures; `None`: data belum cukup.
pub struct Classes {
    pub umkm: Option<Umkm>,
    pub industri: Option<Industri>,
    pub bps: Option<Bps>,
}

pub fn classes(r: &Record) -> Classes {
    let money = |f: &str| r.get(f).and_then(Val::as_u64);
    let workers = r
        .get("tenaga_kerja")
        .and_then(Val::as_u64)
        .map(|n| n.min(u32::MAX as u64) as u32);
    Classes {
        umkm: klasifikasi::umkm(money("modal"), money("penjualan")),
        industri: klasifikasi::industri(workers, money("investasi")),
        bps: klasifikasi::bps(workers),
    }
}

/// Why a record may be the same business as the one being saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DuplicateReason {
    SameNib,
    SimilarNameSameDesa,
}

/// Whether two business names, folded (`search::fold`), are near enough to be one business:
/// the same, or one letter off at most. The form's duplicate check and an import's matching
/// (`intake::plan`) both ask this.
pub fn similar_names(name: &str, other: &str, scratch: &mut search::Scratch) -> bool {
    !name.is_empty()
        && (other == name
            || (name.len() >= 4
                && search::prefix_distance(name.as_bytes(), other.as_bytes(), 1, scratch)
                    .is_some()
                && other.len() <= name.len() + 1))
}

/// Existing Usaha that may be the same business: the same NIB, or a similar name in the same
/// desa. Deleted records and the record itself are left out.
pub fn possible_duplicates<'a>(
    form: &UsahaForm,
    own_id: Option<&str>,
    records: impl Iterator<Item = &'a Record>,
) -> Vec<(&'a Record, DuplicateReason)> {
    let nib = form.nib.trim();
    let name = search::fold(&form.nama);
    let desa = form.desa.trim();
    let mut scratch = search::Scratch::default();
    records
        .filter(|r| Some(&*r.id) != own_id && !r.is_deleted())
        .filter_map(|r| {
            if !nib.is_empty() && r.text("nib") == nib {
                return Some((r, DuplicateReason::SameNib));
            }
            let other = search::fold(r.text("nama"));
            let similar = similar_names(&name, &other, &mut scratch);
            (similar && !desa.is_empty() && r.text("desa") == desa)
                .then_some((r, DuplicateReason::SimilarNameSameDesa))
        })
        .collect()
}
