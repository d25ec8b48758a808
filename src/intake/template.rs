//! The blank list an office can download and fill (issue 16): the "Usaha" sheet with the headers
//! an import understands and one example row, and a "Petunjuk" sheet saying what each column
//! takes, in Indonesian. Every header is one `headers::guess` maps back to its field (tested).

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

/// The template's sheets, with their names.
pub fn sheets() -> Vec<(&'static str, Sheet)> {
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    let usaha = Sheet {
        kind: Kind::Usaha,
        headers: COLUMNS.iter().map(|c| c.1.to_string()).collect(),
        rows: vec![COLUMNS.iter().map(|c| text(c.3)).collect()],
    };
    let petunjuk = Sheet {
        kind: Kind::Usaha,
        headers: vec!["Kolom".into(), "Isi".into(), "Contoh".into()],
        rows: COLUMNS
            .iter()
            .map(|c| vec![text(c.1), text(c.2), text(c.3)])
            .collect(),
    };
    vec![("Usaha", usaha), ("Petunjuk", petunjuk)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::headers::guess_columns;
    use crate::intake::workbook;
    use crate::report::xlsx::xlsx_named;

    #[test]
    fn every_template_header_maps_back_to_its_field() {
        let headers: Vec<String> = COLUMNS.iter().map(|c| c.1.to_string()).collect();
        let guessed = guess_columns(Kind::Usaha, &headers);
        for (c, g) in COLUMNS.iter().zip(guessed) {
            assert_eq!(g, Some(c.0), "{}", c.1);
        }
    }

    #[test]
    fn the_template_is_a_workbook_with_its_guide() {
        let sheets = sheets();
        let named: Vec<(&str, &Sheet)> = sheets.iter().map(|(n, s)| (*n, s)).collect();
        let tables = workbook::read(xlsx_named(&named).unwrap()).unwrap();
        assert_eq!(
            tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["Usaha", "Petunjuk"]
        );
        assert_eq!(tables[0].rows.len(), 2, "the header and an example");
        assert_eq!(tables[1].rows.len(), COLUMNS.len() + 1);
    }
}
