//! The blank lists an office can download and fill (issue 16), one per kind: the "Usaha" (or
//! "Sentra") sheet with the headers an import understands and one example row, and a "Petunjuk"
//! sheet saying what each column takes, in Indonesian. Every header is one `headers::guess` maps
//! back to its field (tested).

use super::headers::{DESA_KODE, DESA_NAMA, KECAMATAN_NAMA, TAHUN_DATA};
use crate::model::Kind;
use crate::report::export::{Cell, Sheet};

/// Each column: the field, its header, what it takes, an example.
pub const COLUMNS: &[(&str, &str, &str, &str)] = &[
    ("nama", "Nama usaha", "Wajib. Nama usaha atau mereknya.", "Keripik Tempe Bu Ani"),
    ("pemilik", "Nama pemilik", "Pemilik atau penanggung jawab.", "Ani Lestari"),
    ("telepon", "Telepon", "Nomor HP atau telepon: 8 sampai 15 angka, diawali 0 atau +62. Format kolom sebagai teks agar 0 di depan tidak hilang.", "081234567890"),
    ("nib", "NIB", "Nomor Induk Berusaha dari OSS, 13 angka, bila ada. Format kolom sebagai teks.", "1234567890123"),
    ("alamat", "Alamat", "Jalan, dusun, RT/RW.", "Jl. Raya Saronggi 5"),
    (DESA_NAMA, "Desa/kelurahan", "Wajib (atau Kode desa). Nama desa seperti biasa ditulis; Sentra mencocokkannya dengan kode resmi di wilayah kerja, salah eja sedikit dimaafkan.", "Aengtongtong"),
    (KECAMATAN_NAMA, "Kecamatan", "Membedakan desa yang namanya sama di kecamatan lain.", "Saronggi"),
    (DESA_KODE, "Kode desa", "Kode Kemendagri PP.KK.CC.DDDD, bila diketahui. Bila diisi, kode inilah yang menentukan desa.", "35.29.06.2012"),
    ("komoditas", "Komoditas", "Jenis produk atau komoditas, misalnya batik, keripik, anyaman.", "Keripik tempe"),
    ("kbli", "KBLI", "Kode KBLI 5 angka, bila ada (dianggap KBLI 2020).", "10794"),
    ("produk", "Produk", "Produk utama.", "Keripik tempe, peyek"),
    ("tenaga_kerja", "Jumlah TK", "Jumlah orang yang bekerja, pemilik termasuk.", "4"),
    ("modal", "Modal usaha", "Rupiah, tanpa tanah dan bangunan. Boleh ditulis 20.000.000, Rp 20 jt atau 1,5 M (miliar).", "20.000.000"),
    ("penjualan", "Omzet per tahun", "Hasil penjualan setahun, rupiah.", "150 jt"),
    ("investasi", "Nilai investasi", "Rupiah, tanpa tanah dan bangunan.", "35.000.000"),
    ("tahun_mulai", "Tahun berdiri", "Empat angka.", "2015"),
    ("pirt", "P-IRT", "Nomor P-IRT 15 angka, untuk pangan olahan rumah tangga.", ""),
    ("halal_status", "Status halal", "belum, proses, atau terbit (sudah bersertifikat).", "proses"),
    ("halal_no", "No. sertifikat halal", "Bila sertifikat halal sudah terbit.", ""),
    ("status", "Status usaha", "aktif, tidak aktif, atau tutup. Bila kosong: aktif.", "aktif"),
    ("diverifikasi", "Tanggal pendataan", "Tanggal dikunjungi atau diperiksa: 20/05/2017, 20 Mei 2017, atau sel tanggal Excel.", "20/05/2017"),
    ("lat", "Lintang", "Koordinat GPS, desimal: -7,0123.", ""),
    ("lon", "Bujur", "Koordinat GPS, desimal: 113,8615.", ""),
    ("catatan", "Keterangan", "Catatan lain.", ""),
    (TAHUN_DATA, "Tahun data", "Tahun yang digambarkan daftar ini (misalnya 2017). Bila kosong: tahun yang dipilih saat impor.", "2017"),
];

/// A Sentra list's columns (the Sentra form's fields; its members are linked on its page).
pub const SENTRA_COLUMNS: &[(&str, &str, &str, &str)] = &[
    ("nama", "Nama sentra", "Wajib. Nama sentra IKM.", "Sentra Batik Pakandangan"),
    ("komoditas", "Komoditas", "Produk yang dibuat bersama, misalnya batik, keripik, anyaman.", "Batik tulis"),
    ("status", "Status sentra", "rencana, terbentuk, atau tidak aktif. Bila kosong: terbentuk bila tahun terbentuk diisi, selain itu rencana.", "terbentuk"),
    ("tahun_rencana", "Tahun rencana", "Tahun sentra direncanakan, empat angka.", "2018"),
    ("tahun_terbentuk", "Tahun terbentuk", "Wajib bila status terbentuk. Empat angka, tidak sebelum tahun rencana.", "2019"),
    ("fungsi", "Fungsi", "showroom, pelatihan, UPT; boleh lebih dari satu, dipisah koma.", "showroom, pelatihan"),
    (DESA_NAMA, "Desa/kelurahan", "Wajib (atau Kode desa). Nama desa seperti biasa ditulis; Sentra mencocokkannya dengan kode resmi di wilayah kerja, salah eja sedikit dimaafkan.", "Pakandangan Barat"),
    (KECAMATAN_NAMA, "Kecamatan", "Membedakan desa yang namanya sama di kecamatan lain.", "Bluto"),
    (DESA_KODE, "Kode desa", "Kode Kemendagri PP.KK.CC.DDDD, bila diketahui. Bila diisi, kode inilah yang menentukan desa.", ""),
    ("anggaran", "Anggaran", "Rupiah: 20.000.000, Rp 20 jt atau 1,5 M (miliar).", "20 jt"),
    ("anggaran_sumber", "Sumber anggaran", "APBD kabupaten/kota, APBD provinsi, APBN, DAK, atau lainnya.", "APBD kabupaten/kota"),
    ("anggaran_tahun", "Tahun anggaran", "Wajib bila anggaran diisi.", "2019"),
    ("sk_nomor", "Nomor SK", "SK penetapan bupati/wali kota, bila ada.", ""),
    ("sk_tanggal", "Tanggal SK", "20/05/2019, 20 Mei 2019, atau sel tanggal Excel.", ""),
    ("ketua", "Ketua pengurus", "Nama ketua pengurus.", "Siti Aminah"),
    ("kontak", "Telepon pengurus", "Nomor HP: 8 sampai 15 angka. Format kolom sebagai teks agar 0 di depan tidak hilang.", "081234567890"),
    ("lat", "Lintang", "Koordinat GPS, desimal: -7,0123.", ""),
    ("lon", "Bujur", "Koordinat GPS, desimal: 113,8615.", ""),
    ("catatan", "Keterangan", "Catatan lain. Anggota sentra dicatat sebagai usaha lalu ditautkan di halaman sentra.", ""),
];

/// The template of `kind`'s list: its columns.
fn columns(kind: Kind) -> &'static [(&'static str, &'static str, &'static str, &'static str)] {
    match kind {
        Kind::Sentra => SENTRA_COLUMNS,
        _ => COLUMNS,
    }
}

/// The name a template of `kind` is offered under.
pub fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Sentra => "sentra-templat-daftar-sentra.xlsx",
        _ => "sentra-templat-daftar-usaha.xlsx",
    }
}

/// The template's sheets for `kind` (Usaha or Sentra), with their names.
pub fn sheets(kind: Kind) -> Vec<(&'static str, Sheet)> {
    let (kind, name) = match kind {
        Kind::Sentra => (Kind::Sentra, "Sentra"),
        _ => (Kind::Usaha, "Usaha"),
    };
    let cols = columns(kind);
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    let list = Sheet {
        kind,
        headers: cols.iter().map(|c| c.1.to_string()).collect(),
        rows: vec![cols.iter().map(|c| text(c.3)).collect()],
    };
    let petunjuk = Sheet {
        kind,
        headers: vec!["Kolom".into(), "Isi".into(), "Contoh".into()],
        rows: cols
            .iter()
            .map(|c| vec![text(c.1), text(c.2), text(c.3)])
            .collect(),
    };
    vec![(name, list), ("Petunjuk", petunjuk)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::headers::guess_columns;
    use crate::intake::workbook;
    use crate::report::xlsx::xlsx_named;

    #[test]
    fn every_template_header_maps_back_to_its_field() {
        for kind in [Kind::Usaha, Kind::Sentra] {
            let headers: Vec<String> = columns(kind).iter().map(|c| c.1.to_string()).collect();
            let guessed = guess_columns(kind, &headers);
            for (c, g) in columns(kind).iter().zip(guessed) {
                assert_eq!(g, Some(c.0), "{kind:?} {}", c.1);
            }
        }
    }

    #[test]
    fn the_template_is_a_workbook_with_its_guide() {
        for (kind, name) in [(Kind::Usaha, "Usaha"), (Kind::Sentra, "Sentra")] {
            let sheets = sheets(kind);
            let named: Vec<(&str, &Sheet)> = sheets.iter().map(|(n, s)| (*n, s)).collect();
            let tables = workbook::read(xlsx_named(&named).unwrap()).unwrap();
            assert_eq!(
                tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
                [name, "Petunjuk"]
            );
            assert_eq!(tables[0].rows.len(), 2, "the header and an example");
            assert_eq!(tables[1].rows.len(), columns(kind).len() + 1);
            assert_eq!(
                crate::intake::layout::guess_kind(&tables[0], file_name(kind)),
                kind
            );
        }
    }

    #[test]
    fn the_sentra_templates_example_row_is_a_valid_sentra() {
        use crate::intake::layout::layout;
        use crate::intake::plan::{plan, Choices, Outcome};
        use crate::wilayah::{Gazetteer, KabupatenData};
        let sheets = sheets(Kind::Sentra);
        let named: Vec<(&str, &Sheet)> = sheets.iter().map(|(n, s)| (*n, s)).collect();
        let table = workbook::read(xlsx_named(&named).unwrap())
            .unwrap()
            .remove(0);
        let l = layout(Kind::Sentra, &table).unwrap();
        let mut g = Gazetteer::new();
        g.add([KabupatenData {
            code: "35.29".into(),
            name: "Kabupaten Sumenep".into(),
            kecamatan: vec![("35.29.03".into(), "Bluto".into())],
            villages: vec![("35.29.03.2001".into(), "Pakandangan Barat".into())],
        }]);
        let today = crate::model::rules::Today {
            year: 2026,
            iso: "2026-11-30".into(),
            clock_ms: 1_796_083_200_000,
        };
        let p = plan(
            &table,
            &l,
            &Choices::guessed(&l),
            &Default::default(),
            &g,
            "35.29",
            &today,
        );
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].outcome, Outcome::Create, "{:?}", p.rows[0]);
    }
}
