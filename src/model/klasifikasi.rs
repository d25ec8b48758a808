//! Size classes, computed from the raw figures a record keeps (three rule sets disagree, so the
//! figures are stored and every class is derived). Amounts are whole rupiah.

use crate::i18n::Msg;

const MILIAR: u64 = 1_000_000_000;

/// UMKM class, PP 7/2021 Pasal 35.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Umkm {
    Mikro,
    Kecil,
    Menengah,
    /// Above menengah: not an UMKM.
    Besar,
}

/// Industry class, Permenperin 64/M-IND/PER/7/2016.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Industri {
    Kecil,
    Menengah,
    Besar,
}

/// BPS/Podes class by workers (owner counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bps {
    /// 1–4 workers.
    Mikro,
    /// 5–19 workers.
    Kecil,
    /// 20 or more: beyond micro and small industry.
    SedangBesar,
}

/// UMKM class by modal usaha (excluding land and buildings).
fn umkm_by_modal(modal: u64) -> Umkm {
    match modal {
        m if m <= MILIAR => Umkm::Mikro,
        m if m <= 5 * MILIAR => Umkm::Kecil,
        m if m <= 10 * MILIAR => Umkm::Menengah,
        _ => Umkm::Besar,
    }
}

/// UMKM class by annual sales.
fn umkm_by_penjualan(sales: u64) -> Umkm {
    match sales {
        s if s <= 2 * MILIAR => Umkm::Mikro,
        s if s <= 15 * MILIAR => Umkm::Kecil,
        s if s <= 50 * MILIAR => Umkm::Menengah,
        _ => Umkm::Besar,
    }
}

/// The UMKM class from whichever figures are known; with both, the larger class (a business is
/// mikro only when both its modal and its sales are within mikro). `None`: data belum cukup.
pub fn umkm(modal: Option<u64>, penjualan_tahunan: Option<u64>) -> Option<Umkm> {
    [
        modal.map(umkm_by_modal),
        penjualan_tahunan.map(umkm_by_penjualan),
    ]
    .into_iter()
    .flatten()
    .max()
}

/// Industry class from workers and investment (excluding land and buildings); both are needed.
pub fn industri(tenaga_kerja: Option<u32>, investasi: Option<u64>) -> Option<Industri> {
    let (workers, investment) = (tenaga_kerja?, investasi?);
    Some(match (workers <= 19, investment) {
        (true, i) if i < MILIAR => Industri::Kecil,
        (true, _) => Industri::Menengah,
        (false, i) if i <= 15 * MILIAR => Industri::Menengah,
        (false, _) => Industri::Besar,
    })
}

/// BPS class by workers; zero workers is not a valid figure (the owner counts).
pub fn bps(tenaga_kerja: Option<u32>) -> Option<Bps> {
    match tenaga_kerja? {
        0 => None,
        1..=4 => Some(Bps::Mikro),
        5..=19 => Some(Bps::Kecil),
        _ => Some(Bps::SedangBesar),
    }
}

impl Umkm {
    pub const ALL: [Umkm; 4] = [Umkm::Mikro, Umkm::Kecil, Umkm::Menengah, Umkm::Besar];

    /// A short key for filters and exports.
    pub fn key(self) -> &'static str {
        match self {
            Umkm::Mikro => "mikro",
            Umkm::Kecil => "kecil",
            Umkm::Menengah => "menengah",
            Umkm::Besar => "besar",
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Umkm::Mikro => Msg::ClassMikro,
            Umkm::Kecil => Msg::ClassKecil,
            Umkm::Menengah => Msg::ClassMenengah,
            Umkm::Besar => Msg::ClassBesar,
        }
    }
}

impl Industri {
    pub fn label(self) -> Msg {
        match self {
            Industri::Kecil => Msg::ClassIndustriKecil,
            Industri::Menengah => Msg::ClassIndustriMenengah,
            Industri::Besar => Msg::ClassIndustriBesar,
        }
    }
}

impl Bps {
    pub fn label(self) -> Msg {
        match self {
            Bps::Mikro => Msg::ClassBpsMikro,
            Bps::Kecil => Msg::ClassBpsKecil,
            Bps::SedangBesar => Msg::ClassBpsSedangBesar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umkm_thresholds_on_both_sides() {
        for (modal, want) in [
            (0, Umkm::Mikro),
            (MILIAR, Umkm::Mikro),
            (MILIAR + 1, Umkm::Kecil),
            (5 * MILIAR, Umkm::Kecil),
            (5 * MILIAR + 1, Umkm::Menengah),
            (10 * MILIAR, Umkm::Menengah),
            (10 * MILIAR + 1, Umkm::Besar),
        ] {
            assert_eq!(umkm(Some(modal), None), Some(want), "modal {modal}");
        }
        for (sales, want) in [
            (2 * MILIAR, Umkm::Mikro),
            (2 * MILIAR + 1, Umkm::Kecil),
            (15 * MILIAR, Umkm::Kecil),
            (15 * MILIAR + 1, Umkm::Menengah),
            (50 * MILIAR, Umkm::Menengah),
            (50 * MILIAR + 1, Umkm::Besar),
        ] {
            assert_eq!(umkm(None, Some(sales)), Some(want), "sales {sales}");
        }
        assert_eq!(umkm(None, None), None, "data belum cukup");
        // With both figures, the larger class.
        assert_eq!(umkm(Some(500_000_000), Some(3 * MILIAR)), Some(Umkm::Kecil));
        assert_eq!(umkm(Some(6 * MILIAR), Some(MILIAR)), Some(Umkm::Menengah));
    }

    #[test]
    fn industry_thresholds_on_both_sides() {
        let just_under = MILIAR - 1;
        assert_eq!(industri(Some(19), Some(just_under)), Some(Industri::Kecil));
        assert_eq!(industri(Some(19), Some(MILIAR)), Some(Industri::Menengah));
        assert_eq!(
            industri(Some(20), Some(just_under)),
            Some(Industri::Menengah)
        );
        assert_eq!(
            industri(Some(20), Some(15 * MILIAR)),
            Some(Industri::Menengah)
        );
        assert_eq!(
            industri(Some(20), Some(15 * MILIAR + 1)),
            Some(Industri::Besar)
        );
        assert_eq!(
            industri(Some(19), Some(15 * MILIAR + 1)),
            Some(Industri::Menengah)
        );
        assert_eq!(industri(Some(1), Some(0)), Some(Industri::Kecil));
        assert_eq!(industri(None, Some(0)), None);
        assert_eq!(industri(Some(3), None), None);
    }

    #[test]
    fn bps_thresholds_on_both_sides() {
        assert_eq!(bps(Some(0)), None);
        assert_eq!(bps(Some(1)), Some(Bps::Mikro));
        assert_eq!(bps(Some(4)), Some(Bps::Mikro));
        assert_eq!(bps(Some(5)), Some(Bps::Kecil));
        assert_eq!(bps(Some(19)), Some(Bps::Kecil));
        assert_eq!(bps(Some(20)), Some(Bps::SedangBesar));
        assert_eq!(bps(None), None);
    }
}
