//! Usaha (an IKM/UMKM business): the form as the officer typed it, its rules, and what is
//! computed from it. Pure: no browser.

use super::rules::{
    coordinates, digits_only, plausible_date, rupiah, text, valid_phone, whole_number,
};
pub use super::rules::{Today, INDONESIA};
use super::schema::{Shape, When};

use super::{FieldError, Record};
use crate::i18n::Msg;
use crate::wilayah::is_code;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Every field as typed, as text: a failed save keeps all of it, and drafts store it as is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsahaForm {
    pub nama: String,
    pub pemilik: String,
    pub telepon: String,
    pub nib: String,
    pub alamat: String,
    /// Village code PP.KK.CC.DDDD, chosen in the picker.
    pub desa: String,
    /// The kecamatan as the officer heard or wrote it (optional; checked against the village's).
    pub kecamatan_tertulis: String,
    /// A key of the commodity list, or free text.
    pub komoditas: String,
    pub kbli: String,
    /// "2020" or "2025".
    pub kbli_edisi: String,
    pub produk: String,
    pub tenaga_kerja: String,
    pub modal: String,
    pub penjualan: String,
    pub investasi: String,
    pub tahun_mulai: String,
    pub pirt: String,
    pub halal_status: String,
    pub halal_no: String,
    pub status: String,
    /// Date last verified, YYYY-MM-DD.
    pub diverifikasi: String,
    pub lat: String,
    pub lon: String,
    pub catatan: String,
}

/// Reads and writes the form's fields by name (the names of [`LABELS`]).
macro_rules! by_name {
    ($($field:ident),* $(,)?) => {
        impl UsahaForm {
            /// A field's text by its name; "" for a name the form does not have.
            pub fn text(&self, key: &str) -> &str {
                match key {
                    $(stringify!($field) => &self.$field,)*
                    _ => "",
                }
            }

            /// A field's text to change, by its name.
            pub fn text_mut(&mut self, key: &str) -> Option<&mut String> {
                match key {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

by_name!(
    nama,
    pemilik,
    telepon,
    nib,
    alamat,
    desa,
    kecamatan_tertulis,
    komoditas,
    kbli,
    kbli_edisi,
    produk,
    tenaga_kerja,
    modal,
    penjualan,
    investasi,
    tahun_mulai,
    pirt,
    halal_status,
    halal_no,
    status,
    diverifikasi,
    lat,
    lon,
    catatan,
);

/// Fields that apply only sometimes ([`When`]): the halal certificate's number once it is issued,
/// the P-IRT number (a permit for home food industry) for food and drink.
pub const SHOWN_WHEN: &[(&str, When)] = &[
    ("pirt", When::Food("komoditas")),
    ("halal_no", When::Is("halal_status", &["terbit"])),
];

/// Each stored Usaha field with its label, in the order the detail page shows them.
pub const LABELS: &[(&str, Msg)] = &[
    ("nama", Msg::FieldNama),
    ("pemilik", Msg::FieldPemilik),
    ("telepon", Msg::FieldTelepon),
    ("nib", Msg::FieldNib),
    ("alamat", Msg::FieldAlamat),
    ("desa", Msg::DesaLabel),
    ("kecamatan_tertulis", Msg::FieldKecamatanTertulis),
    ("komoditas", Msg::FieldKomoditas),
    ("kbli", Msg::FieldKbli),
    ("kbli_edisi", Msg::FieldKbliEdisi),
    ("produk", Msg::FieldProduk),
    ("tenaga_kerja", Msg::FieldTenagaKerja),
    ("modal", Msg::FieldModal),
    ("penjualan", Msg::FieldPenjualan),
    ("investasi", Msg::FieldInvestasi),
    ("tahun_mulai", Msg::FieldTahunMulai),
    ("pirt", Msg::FieldPirt),
    ("halal_status", Msg::FieldHalalStatus),
    ("halal_no", Msg::FieldHalalNo),
    ("status", Msg::FieldStatus),
    ("diverifikasi", Msg::FieldDiverifikasi),
    ("lat", Msg::FieldLat),
    ("lon", Msg::FieldLon),
    ("catatan", Msg::FieldCatatan),
];

/// The years of the office lists an Usaha was brought in from ("tahun data", issue 16): a set,
/// kept as one field per year, `tahun_data/2017` = `true` (as a sentra's members are, see
/// [`super::links`]), so that two devices importing different years' lists both keep theirs.
pub const TAHUN_DATA: &str = "tahun_data";

/// The field that marks `year` as a tahun data of an Usaha: `tahun_data/2017`.
pub fn tahun_data_key(year: i32) -> String {
    format!("{TAHUN_DATA}{}{year}", super::schema::ELEMENT_SEP)
}

/// The year a tahun data field (`tahun_data/2017`) stands for, when the key is one: four digits,
/// 2000 to 2100.
pub fn tahun_data_year(key: &str) -> Option<i32> {
    let year = key
        .strip_prefix(TAHUN_DATA)?
        .strip_prefix(super::schema::ELEMENT_SEP)?;
    (year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
        .filter(|y| (2000..=2100).contains(y))
}

/// The list years of an Usaha, ascending (empty for one only ever entered by hand).
pub fn tahun_data(r: &Record) -> Vec<i32> {
    let prefix = format!("{TAHUN_DATA}{}", super::schema::ELEMENT_SEP);
    r.fields
        .prefixed(&prefix)
        .filter(|(_, f)| f.value == Value::Bool(true))
        .filter_map(|(key, _)| tahun_data_year(key))
        .collect()
}

/// The JSON each stored Usaha field holds (`None`: a field this version does not know).
pub fn shape(key: &str) -> Option<Shape> {
    if tahun_data_year(key).is_some() {
        return Some(Shape::YesNo);
    }
    match key {
        "tenaga_kerja" | "modal" | "penjualan" | "investasi" | "tahun_mulai" => Some(Shape::Whole),
        "lat" | "lon" => Some(Shape::Number),
        _ if LABELS.iter().any(|(k, _)| *k == key) => Some(Shape::Text),
        _ => None,
    }
}

/// The fields a stored Usaha must have.
pub const REQUIRED: [&str; 3] = ["nama", "desa", "status"];

/// The rule a stored Usaha field follows, for docs/bundle-format.md (its test keeps it true).
pub fn rule(key: &str) -> &'static str {
    match key {
        "nama" | "pemilik" => "at most 200 characters",
        "alamat" | "produk" => "at most 500 characters",
        "catatan" => "at most 5,000 characters",
        "telepon" => {
            "a phone number: 8 to 15 digits starting `0` or `62`; spaces and `+-().` allowed"
        }
        "nib" => "13 digits",
        "desa" => "a village code `PP.KK.CC.DDDD`",
        "kbli" => "5 digits",
        "kbli_edisi" => "`2020` or `2025`, with `kbli`",
        "pirt" => "15 digits",
        "halal_status" => "one of `belum`, `proses`, `terbit`",
        "halal_no" => "`ID` and digits",
        "status" => "one of `aktif`, `tidak_aktif`, `tutup`",
        "diverifikasi" => "`YYYY-MM-DD`, 2000 to today",
        "tenaga_kerja" => "1 to 1,000,000",
        "modal" | "penjualan" | "investasi" => "rupiah",
        "tahun_mulai" => "1900 to this year",
        "lat" => "latitude, with `lon`: both inside Indonesia, or neither",
        "lon" => "longitude, with `lat`",
        "komoditas" => "a key of the commodity list, or free text",
        _ => "free text",
    }
}

pub const STATUS: [&str; 3] = ["aktif", "tidak_aktif", "tutup"];
pub const HALAL: [&str; 3] = ["belum", "proses", "terbit"];

/// An activity status as shown; none or an unknown one reads as aktif, as lists count it.
pub fn status_label(status: &str) -> Msg {
    match status {
        "tidak_aktif" => Msg::StatusTidakAktif,
        "tutup" => Msg::StatusTutup,
        _ => Msg::StatusAktif,
    }
}

/// A halal certificate status as shown (`None`: not filled).
pub fn halal_label(status: &str) -> Option<Msg> {
    HALAL
        .iter()
        .zip([Msg::HalalBelum, Msg::HalalProses, Msg::HalalTerbit])
        .find(|(k, _)| **k == status)
        .map(|(_, m)| m)
}

impl UsahaForm {
    pub fn from_record(r: &Record) -> Self {
        let t = |f: &str| r.text(f).to_string();
        let n = |f: &str| r.get(f).map(|v| v.to_string()).unwrap_or_default();
        UsahaForm {
            nama: t("nama"),
            pemilik: t("pemilik"),
            telepon: t("telepon"),
            nib: t("nib"),
            alamat: t("alamat"),
            desa: t("desa"),
            kecamatan_tertulis: t("kecamatan_tertulis"),
            komoditas: t("komoditas"),
            kbli: t("kbli"),
            kbli_edisi: t("kbli_edisi"),
            produk: t("produk"),
            tenaga_kerja: n("tenaga_kerja"),
            modal: n("modal"),
            penjualan: n("penjualan"),
            investasi: n("investasi"),
            tahun_mulai: n("tahun_mulai"),
            pirt: t("pirt"),
            halal_status: t("halal_status"),
            halal_no: t("halal_no"),
            status: t("status"),
            diverifikasi: t("diverifikasi"),
            lat: n("lat"),
            lon: n("lon"),
            catatan: t("catatan"),
        }
    }

    /// Whether a field applies to this form ([`SHOWN_WHEN`]); most always do.
    pub fn shown(&self, key: &str) -> bool {
        SHOWN_WHEN
            .iter()
            .find(|(k, _)| *k == key)
            .is_none_or(|(_, when)| when.holds(|k| self.text(k)))
    }

    /// The form as it is saved: fields that do not apply emptied (their text stays in the form
    /// being typed, see [`When`]).
    pub fn applicable(&self) -> UsahaForm {
        let mut form = self.clone();
        for (key, _) in SHOWN_WHEN {
            if !self.shown(key) {
                if let Some(text) = form.text_mut(key) {
                    text.clear();
                }
            }
        }
        form
    }

    /// Checks everything that applies ([`UsahaForm::applicable`]) and returns the values to store
    /// (a field that does not apply cleared), or every reason it cannot be saved.
    pub fn validate(&self, today: &Today) -> Result<Vec<(&'static str, Value)>, Vec<FieldError>> {
        self.applicable().validate_all(today)
    }

    /// Checks every field, whether it applies or not: what a received record must pass (a
    /// stored value is a value, even where this form would hide it).
    pub fn validate_all(
        &self,
        today: &Today,
    ) -> Result<Vec<(&'static str, Value)>, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field, msg| {
            errors.push(FieldError {
                field,
                msg,
                args: vec![],
            })
        };
        let mut values: Vec<(&'static str, Value)> = Vec::new();

        let nama = self.nama.trim();
        if nama.is_empty() {
            err("nama", Msg::ErrRequired);
        }
        for (field, value, max) in [
            ("nama", nama, 200),
            ("pemilik", self.pemilik.trim(), 200),
            ("alamat", self.alamat.trim(), 500),
            ("produk", self.produk.trim(), 500),
            ("catatan", self.catatan.trim(), 5000),
        ] {
            if value.chars().count() > max {
                errors.push(FieldError {
                    field,
                    msg: Msg::ErrTooLong,
                    args: vec![("max", max.to_string())],
                });
            }
        }
        let mut err = |field, msg| {
            errors.push(FieldError {
                field,
                msg,
                args: vec![],
            })
        };

        let phone = self.telepon.trim();
        if !phone.is_empty() && !valid_phone(phone) {
            err("telepon", Msg::ErrPhone);
        }
        let nib = self.nib.trim();
        if !(nib.is_empty() || nib.len() == 13 && nib.bytes().all(|b| b.is_ascii_digit())) {
            err("nib", Msg::ErrNib);
        }
        if self.desa.trim().is_empty() {
            err("desa", Msg::ErrDesaRequired);
        } else if !is_code(self.desa.trim(), 4) {
            err("desa", Msg::ErrDesaCode);
        }
        let kbli = self.kbli.trim();
        if !kbli.is_empty() {
            if !(kbli.len() == 5 && kbli.bytes().all(|b| b.is_ascii_digit())) {
                err("kbli", Msg::ErrKbli);
            }
            if !matches!(self.kbli_edisi.as_str(), "2020" | "2025") {
                err("kbli_edisi", Msg::ErrKbliEdition);
            }
        }
        let pirt = digits_only(
            self.pirt
                .trim_start_matches("P-IRT")
                .trim_start_matches("No."),
        );
        if !self.pirt.trim().is_empty() && pirt.len() != 15 {
            err("pirt", Msg::ErrPirt);
        }
        if !self.halal_status.is_empty() && !HALAL.contains(&self.halal_status.as_str()) {
            err("halal_status", Msg::ErrChoice);
        }
        let halal_no = self.halal_no.trim().to_uppercase();
        let halal_no_ok = halal_no.is_empty()
            || (halal_no.starts_with("ID")
                && halal_no.len() > 2
                && halal_no[2..].bytes().all(|b| b.is_ascii_digit()));
        if !halal_no_ok {
            err("halal_no", Msg::ErrHalalNo);
        }
        if !STATUS.contains(&self.status.as_str()) {
            err("status", Msg::ErrChoice);
        }
        let verified = self.diverifikasi.trim();
        if !verified.is_empty() && !plausible_date(verified, today) {
            err("diverifikasi", Msg::ErrDate);
        }

        let mut number = |field: &'static str, parsed: Result<Option<u64>, Msg>| match parsed {
            Ok(v) => values.push((field, v.map_or(Value::Null, |n| json!(n)))),
            Err(msg) => errors.push(FieldError {
                field,
                msg,
                args: vec![],
            }),
        };
        number(
            "tenaga_kerja",
            whole_number(&self.tenaga_kerja, 1, 1_000_000),
        );
        number("modal", rupiah(&self.modal));
        number("penjualan", rupiah(&self.penjualan));
        number("investasi", rupiah(&self.investasi));
        match whole_number(&self.tahun_mulai, 1900, today.year as u64) {
            Ok(v) => values.push(("tahun_mulai", v.map_or(Value::Null, |n| json!(n)))),
            Err(_) => errors.push(FieldError {
                field: "tahun_mulai",
                msg: Msg::ErrYear,
                args: vec![("max", today.year.to_string())],
            }),
        }

        match coordinates(&self.lat, &self.lon) {
            Ok(point) => {
                values.push(("lat", point.map_or(Value::Null, |(lat, _)| json!(lat))));
                values.push(("lon", point.map_or(Value::Null, |(_, lon)| json!(lon))));
            }
            Err(msg) => errors.push(FieldError {
                field: "lat",
                msg,
                args: vec![],
            }),
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        for (field, value) in [
            ("nama", text(&self.nama)),
            ("pemilik", text(&self.pemilik)),
            ("telepon", text(phone)),
            ("nib", text(nib)),
            ("alamat", text(&self.alamat)),
            ("desa", text(&self.desa)),
            ("kecamatan_tertulis", text(&self.kecamatan_tertulis)),
            ("komoditas", text(&self.komoditas)),
            ("kbli", text(kbli)),
            (
                "kbli_edisi",
                if kbli.is_empty() {
                    Value::Null
                } else {
                    text(&self.kbli_edisi)
                },
            ),
            ("produk", text(&self.produk)),
            (
                "pirt",
                if pirt.is_empty() {
                    Value::Null
                } else {
                    json!(pirt)
                },
            ),
            ("halal_status", text(&self.halal_status)),
            ("halal_no", text(&halal_no)),
            ("status", text(&self.status)),
            ("diverifikasi", text(verified)),
            ("catatan", text(&self.catatan)),
        ] {
            values.push((field, value));
        }
        Ok(values)
    }
}

mod computed;
pub use computed::*;

#[cfg(test)]
mod tests;
