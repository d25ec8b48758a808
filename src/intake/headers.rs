//! Which field a column holds, guessed from its header as offices write them ("Nama Usaha",
//! "Nama Pemilik", "Desa/Kel", "Jumlah TK", "Nilai Investasi (Rp)", "Omzet", "No. Telp/HP") and
//! from the app's own export headers, always. The officer sees every guess and corrects it.
//!
//! A header is compared after folding: lower case, every run of other characters than letters
//! and digits a single space ("Desa/Kel." → "desa kel"). An export header of the app matches
//! whole; otherwise the longest known spelling found in the header as whole words wins ("Kode
//! Desa" is the code, "Desa/Kel" the name), so "Jumlah TK (orang)" and "Omzet per tahun (Rp)"
//! are understood without listing every way of writing them.

use super::form::RowForm;
use super::values;
use crate::i18n::{Lang, Msg};
use crate::model::kinds::SENTRA;
use crate::model::schema::Ty;
use crate::model::{usaha, Kind};

/// Columns that are not a form field as such: places are matched from names or codes, the
/// list's year and the export's record id say which records a row is.
pub const DESA_KODE: &str = "desa_kode";
pub const DESA_NAMA: &str = "desa_nama";
pub const KECAMATAN_KODE: &str = "kecamatan_kode";
pub const KECAMATAN_NAMA: &str = "kecamatan_nama";
pub const KABUPATEN: &str = "kabupaten";
/// The year the list describes ("tahun data").
pub const TAHUN_DATA: &str = "tahun_data";
/// The record id the app's export writes ("ID catatan").
pub const ID: &str = "id";
/// A column known and deliberately not taken: row numbers, signatures, and the NIK, personal
/// data the app does not keep for a business (UU 27/2022).
pub const SKIP: &str = "lewati";

use super::spellings::{SENTRA_SPELLINGS, USAHA};

/// The kinds a file can bring in.
pub const KINDS: [Kind; 2] = [Kind::Usaha, Kind::Sentra];

fn spellings(kind: Kind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        Kind::Sentra => SENTRA_SPELLINGS,
        _ => USAHA,
    }
}

/// Every column a kind can take, in the order a mapping lists them.
pub fn targets(kind: Kind) -> impl Iterator<Item = &'static str> {
    spellings(kind).iter().map(|(t, _)| *t)
}

/// What a column's choice is called on the import page, for a list of `kind` (a form field by
/// its form's label).
pub fn label(kind: Kind, target: &str) -> Msg {
    match target {
        DESA_KODE => Msg::ExportKodeDesa,
        DESA_NAMA => Msg::DesaLabel,
        KECAMATAN_KODE => Msg::ExportKodeKecamatan,
        KECAMATAN_NAMA => Msg::KecamatanLabel,
        KABUPATEN => Msg::FieldKabupaten,
        TAHUN_DATA => Msg::FieldTahunData,
        ID => Msg::ExportId,
        SKIP => Msg::IntakeSkip,
        "lon" => Msg::FieldLon,
        key if kind == Kind::Sentra => SENTRA.field(key).map_or(Msg::IntakeSkip, |f| f.label),
        key => usaha::LABELS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(Msg::IntakeSkip, |(_, m)| *m),
    }
}

/// A header folded for comparing: lower case, letters and digits, single spaces.
pub fn fold(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The app's own export headers of a kind (Indonesian, as every export is), folded, with the
/// column each fills.
fn export_headers(kind: Kind) -> Vec<(String, &'static str)> {
    let t = |m: Msg| fold(m.text(Lang::Id));
    let mut out = vec![
        (t(Msg::ExportKodeDesa), DESA_KODE),
        (t(Msg::DesaLabel), DESA_NAMA),
        (t(Msg::ExportKodeKecamatan), KECAMATAN_KODE),
        (t(Msg::KecamatanLabel), KECAMATAN_NAMA),
        (t(Msg::FieldKabupaten), KABUPATEN),
        (t(Msg::FieldLat), "lat"),
        (t(Msg::FieldLon), "lon"),
        (t(Msg::ExportId), ID),
    ];
    match kind {
        Kind::Sentra => {
            for spec in SENTRA.fields() {
                match spec.ty {
                    Ty::Desa | Ty::Gps => {}
                    // Members are linked on the Sentra's page; the export names them, and counts
                    // them, for reading only.
                    Ty::Links(_) => out.push((t(spec.label), SKIP)),
                    _ => out.push((t(spec.label), spec.key)),
                }
            }
            out.push((t(Msg::ExportJumlahAnggota), SKIP));
        }
        _ => {
            for &(key, label) in usaha::LABELS {
                if !matches!(key, "desa" | "lat" | "lon") {
                    out.push((t(label), key));
                }
            }
        }
    }
    out
}

/// The column a header names, if any: an export header of the app, else the longest known
/// spelling inside it.
pub fn guess(kind: Kind, header: &str) -> Option<&'static str> {
    guess_with_length(kind, &fold(header), &export_headers(kind)).map(|(t, _)| t)
}

/// The column a header names exactly: an export header of the app or a known spelling as a
/// whole, not merely inside it ("Desa" is a header; "Usaha Maju" is a business).
pub fn exact(kind: Kind, header: &str) -> Option<&'static str> {
    let folded = fold(header);
    guess_with_length(kind, &folded, &export_headers(kind))
        .filter(|&(_, n)| n == usize::MAX || n == folded.len())
        .map(|(t, _)| t)
}

/// The guess and how long the spelling it rests on is (an export header counts as longest).
fn guess_with_length(
    kind: Kind,
    folded: &str,
    exports: &[(String, &'static str)],
) -> Option<(&'static str, usize)> {
    if folded.is_empty() {
        return None;
    }
    if let Some((_, target)) = exports.iter().find(|(h, _)| h == folded) {
        return Some((target, usize::MAX));
    }
    let padded = format!(" {folded} ");
    let mut best: Option<(&'static str, usize)> = None;
    for &(target, list) in spellings(kind) {
        for s in list {
            let words = s.len();
            if padded.contains(&format!(" {s} ")) && best.is_none_or(|(_, n)| words > n) {
                best = Some((target, words));
            }
        }
    }
    best
}

/// Whether several columns may fill `target`, their numbers added: a count (workers written as
/// two columns, men and women). [`SKIP`] too may repeat.
pub fn summed(kind: Kind, target: &str) -> bool {
    RowForm::new(kind).value_kind(target) == values::Kind::Count
}

/// Whether a folded header counts men or women only ("TK L", "Tenaga Kerja Perempuan").
fn by_sex(folded: &str) -> bool {
    folded.split(' ').any(|w| {
        matches!(
            w,
            "l" | "p" | "lk" | "pr" | "laki" | "perempuan" | "pria" | "wanita"
        )
    })
}

/// A guess for every header, each column taken at most once: where two headers name the same,
/// the one named more surely keeps it (an export header, then the longer spelling, then the
/// first), and the other is left for the officer to choose. [`SKIP`] may repeat, and a count
/// ([`summed`]) written as columns of men and women ("TK L", "TK P") takes each of them, to be
/// added, unless a column of the total is there too ("Jumlah"), which then takes it alone.
pub fn guess_columns(kind: Kind, headers: &[String]) -> Vec<Option<&'static str>> {
    let exports = export_headers(kind);
    let guesses: Vec<_> = headers
        .iter()
        .map(|h| {
            let folded = fold(h);
            let guess = guess_with_length(kind, &folded, &exports)?;
            let part = guess.0 != SKIP && summed(kind, guess.0) && by_sex(&folded);
            Some((guess, part))
        })
        .collect();
    guesses
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let ((target, n), part) = (*g)?;
            let beaten = guesses.iter().enumerate().any(|(j, other)| {
                let Some(((t, m), other_part)) = *other else {
                    return false;
                };
                let surer = match (part, other_part) {
                    (true, true) => false,
                    (true, false) => true,
                    (false, true) => false,
                    (false, false) => m > n || (m == n && j < i),
                };
                j != i && target != SKIP && t == target && surer
            });
            (!beaten).then_some(target)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(h: &str) -> Option<&'static str> {
        guess(Kind::Usaha, h)
    }

    #[test]
    fn headers_as_offices_write_them() {
        let cases = [
            ("Nama Usaha", "nama"),
            ("NAMA PERUSAHAAN", "nama"),
            ("Nama Pemilik", "pemilik"),
            ("Alamat", "alamat"),
            ("Desa/Kel", DESA_NAMA),
            ("Desa / Kelurahan", DESA_NAMA),
            ("Kode Desa", DESA_KODE),
            ("Kecamatan", KECAMATAN_NAMA),
            ("Kec.", KECAMATAN_NAMA),
            ("Komoditi", "komoditas"),
            ("Jumlah TK", "tenaga_kerja"),
            ("Jumlah TK (orang)", "tenaga_kerja"),
            ("Nilai Investasi (Rp)", "investasi"),
            ("Omzet", "penjualan"),
            ("Omset/Tahun (Rp)", "penjualan"),
            ("NIB", "nib"),
            ("No. Telp/HP", "telepon"),
            ("No. HP / WA", "telepon"),
            ("Tahun Berdiri", "tahun_mulai"),
            ("Sertifikat Halal", "halal_status"),
            ("No. Sertifikat Halal", "halal_no"),
            ("P-IRT", "pirt"),
            ("Keterangan", "catatan"),
            ("Tahun", TAHUN_DATA),
            ("No", SKIP),
            ("NIK", SKIP),
        ];
        for (header, want) in cases {
            assert_eq!(one(header), Some(want), "{header}");
        }
        assert_eq!(exact(Kind::Usaha, "Desa/Kel."), Some(DESA_NAMA));
        assert_eq!(
            exact(Kind::Usaha, "Usaha Maju"),
            None,
            "a name, not a header"
        );
        assert_eq!(
            one("Usaha Maju"),
            Some("nama"),
            "though inside a header it would be"
        );
        for unknown in ["", "  ", "Kolom1", "Jumlah"] {
            assert_eq!(one(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn the_apps_own_export_headers_always_map() {
        for &(key, label) in usaha::LABELS {
            let want = match key {
                "desa" => DESA_NAMA,
                k => k,
            };
            assert_eq!(one(label.text(Lang::Id)), Some(want), "{key}");
        }
        assert_eq!(one("Kode desa/kelurahan"), Some(DESA_KODE));
        assert_eq!(one("ID catatan"), Some(ID));
        assert_eq!(
            one("Modal usaha (Rp, tanpa tanah dan bangunan)"),
            Some("modal"),
            "the export's own header, whole"
        );
        for spec in SENTRA.fields() {
            let want = match (spec.key, spec.ty) {
                ("desa", _) => DESA_NAMA,
                (_, Ty::Links(_)) => SKIP,
                (k, _) => k,
            };
            assert_eq!(
                guess(Kind::Sentra, spec.label.text(Lang::Id)),
                Some(want),
                "{}",
                spec.key
            );
        }
    }

    #[test]
    fn each_column_once_the_surer_header_keeping_it() {
        let headers: Vec<String> = [
            "No",
            "Nama Usaha",
            "Nama",
            "Usaha",
            "Kode Desa",
            "Desa",
            "Kecamatan",
            "No Urut",
            "Telp",
            "HP",
        ]
        .map(String::from)
        .to_vec();
        let got = guess_columns(Kind::Usaha, &headers);
        assert_eq!(
            got,
            [
                Some(SKIP),
                Some("nama"),
                None,
                None,
                Some(DESA_KODE),
                Some(DESA_NAMA),
                Some(KECAMATAN_NAMA),
                Some(SKIP),
                Some("telepon"),
                None
            ]
        );
    }

    #[test]
    fn workers_as_men_and_women_take_one_field_together() {
        let h = |hs: &[&str]| hs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let tk = Some("tenaga_kerja");
        assert_eq!(
            guess_columns(Kind::Usaha, &h(&["Nama Usaha", "TK L", "TK P"])),
            [Some("nama"), tk, tk]
        );
        assert_eq!(
            guess_columns(
                Kind::Usaha,
                &h(&["Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan"])
            ),
            [tk, tk]
        );
        // With a column of the total, the total is the count.
        assert_eq!(
            guess_columns(
                Kind::Usaha,
                &h(&["Tenaga Kerja L", "Tenaga Kerja P", "Tenaga Kerja Jumlah"])
            ),
            [None, None, tk]
        );
        // Only counts add up: two phone columns stay one.
        assert_eq!(
            guess_columns(Kind::Usaha, &h(&["Telp L", "Telp P"])),
            [Some("telepon"), None]
        );
        assert!(summed(Kind::Usaha, "tenaga_kerja"));
        assert_eq!(label(Kind::Usaha, "status"), Msg::FieldStatus);
        assert_eq!(label(Kind::Sentra, "status"), Msg::FieldStatusSentra);
        assert_eq!(label(Kind::Sentra, "lon"), Msg::FieldLon);
        assert!(!summed(Kind::Usaha, "modal"));
    }

    #[test]
    fn sentra_headers_as_offices_write_them() {
        let cases = [
            ("Nama Sentra", "nama"),
            ("Nama Sentra IKM", "nama"),
            ("Komoditi/Produk", "komoditas"),
            ("Desa/Kel", DESA_NAMA),
            ("Lokasi (Desa)", DESA_NAMA),
            ("Kecamatan", KECAMATAN_NAMA),
            ("Tahun Berdiri", "tahun_terbentuk"),
            ("Tahun Pembentukan", "tahun_terbentuk"),
            ("Status", "status"),
            ("Sumber Dana", "anggaran_sumber"),
            ("Nilai Anggaran (Rp)", "anggaran"),
            ("No. SK Penetapan", "sk_nomor"),
            ("Ketua Kelompok", "ketua"),
            ("No. HP", "kontak"),
            ("Jumlah Unit Usaha", SKIP),
            ("Jumlah Anggota", SKIP),
            ("Tenaga Kerja", SKIP),
            ("Nilai Investasi (Rp)", SKIP),
            ("Nilai Produksi", SKIP),
        ];
        for (header, want) in cases {
            assert_eq!(guess(Kind::Sentra, header), Some(want), "{header}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Desa/Kel. "), "desa kel");
        assert_eq!(fold("Omzet (Rp)"), "omzet rp");
        assert_eq!(fold("NO."), "no");
    }
}
