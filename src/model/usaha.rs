//! Usaha (an IKM/UMKM business): the form as the officer typed it, its rules, and what is
//! computed from it. Pure: no browser.

use super::klasifikasi::{self, Bps, Industri, Umkm};
use super::rules::{
    coordinates, digits_only, plausible_date, rupiah, text, valid_phone, whole_number,
};
pub use super::rules::{Today, INDONESIA};
use super::schema::{Shape, When};
use super::Val;
use super::{FieldError, Record};
use crate::i18n::Msg;
use crate::wilayah::{is_code, search};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::{Editor, Kind};

    fn today() -> Today {
        Today {
            year: 2026,
            iso: "2026-11-23".into(),
            clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
        }
    }

    fn valid() -> UsahaForm {
        UsahaForm {
            nama: "Batik Sekar".into(),
            desa: "35.29.02.2004".into(),
            status: "aktif".into(),
            ..UsahaForm::default()
        }
    }

    fn errors(form: &UsahaForm) -> Vec<(&'static str, Msg)> {
        form.validate(&today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.msg))
            .collect()
    }

    fn with(f: impl FnOnce(&mut UsahaForm)) -> UsahaForm {
        let mut form = valid();
        f(&mut form);
        form
    }

    #[test]
    fn a_minimal_form_is_valid_and_an_empty_one_lists_every_reason() {
        assert!(valid().validate(&today()).is_ok());
        let errs = errors(&UsahaForm::default());
        assert_eq!(
            errs,
            vec![
                ("nama", Msg::ErrRequired),
                ("desa", Msg::ErrDesaRequired),
                ("status", Msg::ErrChoice)
            ]
        );
    }

    #[test]
    fn identifiers_have_their_lengths() {
        assert!(errors(&with(|f| f.nib = "1234567890123".into())).is_empty());
        assert_eq!(
            errors(&with(|f| f.nib = "123456789012".into())),
            vec![("nib", Msg::ErrNib)]
        );
        assert_eq!(
            errors(&with(|f| f.nib = "12345678901234".into())),
            vec![("nib", Msg::ErrNib)]
        );
        assert_eq!(
            errors(&with(|f| f.nib = "123456789012a".into())),
            vec![("nib", Msg::ErrNib)]
        );
        let food = |pirt: &str| {
            with(|f| {
                f.komoditas = "Tempe".into();
                f.pirt = pirt.into();
            })
        };
        assert!(errors(&food("P-IRT No. 1234567890123-45")).is_empty());
        assert_eq!(
            errors(&food("1234567890123-4")),
            vec![("pirt", Msg::ErrPirt)]
        );
        assert!(errors(&with(|f| f.kbli = "13134".into()))
            .iter()
            .any(|e| *e == ("kbli_edisi", Msg::ErrKbliEdition)));
        assert!(errors(&with(|f| {
            f.kbli = "13134".into();
            f.kbli_edisi = "2020".into()
        }))
        .is_empty());
        assert_eq!(
            errors(&with(|f| {
                f.kbli = "1313".into();
                f.kbli_edisi = "2020".into()
            })),
            vec![("kbli", Msg::ErrKbli)]
        );
        let issued = |number: &str| {
            with(|f| {
                f.halal_status = "terbit".into();
                f.halal_no = number.into();
            })
        };
        assert!(errors(&issued("ID35110000123450824")).is_empty());
        assert_eq!(
            errors(&issued("35110000")),
            vec![("halal_no", Msg::ErrHalalNo)]
        );
        assert_eq!(
            errors(&with(|f| f.desa = "35.29.2.2004".into())),
            vec![("desa", Msg::ErrDesaCode)]
        );
    }

    #[test]
    fn fields_that_do_not_apply_are_neither_checked_nor_saved() {
        let stored = |form: &UsahaForm, key: &str| {
            form.validate(&today())
                .unwrap()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
        };
        // The halal number only once the certificate is issued.
        let mut form = with(|f| {
            f.halal_status = "proses".into();
            f.halal_no = "not a number".into();
        });
        assert!(!form.shown("halal_no"));
        assert_eq!(
            stored(&form, "halal_no"),
            Some(Value::Null),
            "cleared, not refused"
        );
        assert_eq!(
            form.halal_no, "not a number",
            "what was typed stays in the form"
        );
        form.halal_status = "terbit".into();
        assert!(form.shown("halal_no"));
        assert_eq!(errors(&form), vec![("halal_no", Msg::ErrHalalNo)]);
        form.halal_no = "ID123".into();
        assert_eq!(stored(&form, "halal_no"), Some(json!("ID123")));

        // P-IRT for food and drink, or a commodity typed freely; not for batik, nor before a
        // commodity is known.
        let pirt = |komoditas: &str| {
            with(|f| {
                f.komoditas = komoditas.into();
                f.pirt = "123456789012345".into();
            })
        };
        for (komoditas, shown) in [
            ("Tempe", true),
            ("kerupuk, keripik, peyek", true),
            ("Dodol nangka", true),
            ("Batik", false),
            ("", false),
        ] {
            let form = pirt(komoditas);
            assert_eq!(form.shown("pirt"), shown, "{komoditas}");
            assert_eq!(
                stored(&form, "pirt"),
                Some(if shown {
                    json!("123456789012345")
                } else {
                    Value::Null
                }),
                "{komoditas}"
            );
        }
        assert!(
            valid().shown("nama"),
            "a field without a condition always applies"
        );
        let received = with(|f| f.halal_no = "not a number".into());
        assert!(received.validate(&today()).is_ok());
        assert_eq!(
            received.validate_all(&today()).unwrap_err()[0].field,
            "halal_no",
            "a received record's values are checked all the same"
        );
    }

    #[test]
    fn fields_are_read_and_written_by_name() {
        let mut form = valid();
        for (key, _) in LABELS {
            *form.text_mut(key).expect(key) = format!("<{key}>");
            assert_eq!(form.text(key), format!("<{key}>"));
        }
        assert_eq!(form.nama, "<nama>");
        assert_eq!(form.text("unknown"), "");
        assert!(form.text_mut("unknown").is_none());
    }

    #[test]
    fn phone_numbers_are_indonesian() {
        for ok in [
            "0812 3456 7890",
            "+62 812-3456-7890",
            "(0328) 662211",
            "08123456",
        ] {
            assert!(errors(&with(|f| f.telepon = ok.into())).is_empty(), "{ok}");
        }
        for bad in ["0812345", "0812345678901234", "12345678", "0812-abc-7890"] {
            assert_eq!(
                errors(&with(|f| f.telepon = bad.into())),
                vec![("telepon", Msg::ErrPhone)],
                "{bad}"
            );
        }
    }

    #[test]
    fn money_is_whole_non_negative_rupiah() {
        let values = with(|f| {
            f.modal = "Rp 20.000.000".into();
            f.penjualan = "0".into();
        })
        .validate(&today())
        .unwrap();
        assert!(values.contains(&("modal", json!(20_000_000u64))));
        assert!(values.contains(&("penjualan", json!(0u64))));
        assert_eq!(
            errors(&with(|f| f.modal = "-1".into())),
            vec![("modal", Msg::ErrNegative)]
        );
        assert_eq!(
            errors(&with(|f| f.investasi = "20 juta".into())),
            vec![("investasi", Msg::ErrRupiah)]
        );
        assert_eq!(
            errors(&with(|f| f.penjualan = "1,5".into())),
            vec![("penjualan", Msg::ErrRupiah)]
        );
        assert_eq!(
            errors(&with(|f| f.tenaga_kerja = "0".into())),
            vec![("tenaga_kerja", Msg::ErrWholeNumber)]
        );
        assert_eq!(
            errors(&with(|f| f.tenaga_kerja = "-3".into())),
            vec![("tenaga_kerja", Msg::ErrNegative)]
        );
    }

    #[test]
    fn years_and_dates_are_plausible() {
        assert!(errors(&with(|f| f.tahun_mulai = "1900".into())).is_empty());
        assert!(errors(&with(|f| f.tahun_mulai = "2026".into())).is_empty());
        assert_eq!(
            errors(&with(|f| f.tahun_mulai = "1899".into())),
            vec![("tahun_mulai", Msg::ErrYear)]
        );
        assert_eq!(
            errors(&with(|f| f.tahun_mulai = "2027".into())),
            vec![("tahun_mulai", Msg::ErrYear)]
        );
        assert!(errors(&with(|f| f.diverifikasi = "2026-11-23".into())).is_empty());
        assert!(errors(&with(|f| f.diverifikasi = "2024-02-29".into())).is_empty());
        for bad in [
            "2026-11-24",
            "2023-02-29",
            "1999-12-31",
            "2025-13-01",
            "23-11-2026",
            "2025-1-01",
        ] {
            assert_eq!(
                errors(&with(|f| f.diverifikasi = bad.into())),
                vec![("diverifikasi", Msg::ErrDate)],
                "{bad}"
            );
        }
    }

    #[test]
    fn coordinates_lie_inside_indonesia() {
        let values = with(|f| {
            f.lat = "-7,0123".into();
            f.lon = "113.86".into();
        })
        .validate(&today())
        .unwrap();
        assert!(values.contains(&("lat", json!(-7.0123))));
        assert_eq!(
            errors(&with(|f| {
                f.lat = "-11.3".into();
                f.lon = "113".into()
            })),
            vec![("lat", Msg::ErrOutsideIndonesia)]
        );
        assert_eq!(
            errors(&with(|f| {
                f.lat = "6.2".into();
                f.lon = "141.3".into()
            })),
            vec![("lat", Msg::ErrOutsideIndonesia)]
        );
        assert!(errors(&with(|f| {
            f.lat = "6.2".into();
            f.lon = "141.1".into()
        }))
        .is_empty());
        assert_eq!(
            errors(&with(|f| f.lat = "-7".into())),
            vec![("lat", Msg::ErrCoordinate)],
            "one without the other"
        );
        assert_eq!(
            errors(&with(|f| {
                f.lat = "abc".into();
                f.lon = "1".into()
            })),
            vec![("lat", Msg::ErrCoordinate)]
        );
    }

    #[test]
    fn hostile_text_is_stored_as_text_and_long_text_refused() {
        let values = with(|f| f.nama = "<script>alert(1)</script> \u{202E}🧵".into())
            .validate(&today())
            .unwrap();
        assert!(values.contains(&("nama", json!("<script>alert(1)</script> \u{202E}🧵"))));
        assert_eq!(
            errors(&with(|f| f.nama = "x".repeat(201))),
            vec![("nama", Msg::ErrTooLong)]
        );
    }

    #[test]
    fn a_record_round_trips_through_the_form_and_classes_follow_figures() {
        let mut clock = Clock::new("dev");
        let mut editor = Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 1,
        };
        let mut r = Record::new(Kind::Usaha, &mut editor);
        let form = with(|f| {
            f.modal = "1.000.000.001".into();
            f.tenaga_kerja = "4".into();
            f.investasi = "999999999".into();
        });
        assert!(r.apply(form.validate(&today()).unwrap(), &mut editor));
        let back = UsahaForm::from_record(&r);
        assert_eq!(back.modal, "1000000001");
        assert_eq!(back.nama, "Batik Sekar");
        assert!(
            !r.apply(back.validate(&today()).unwrap(), &mut editor),
            "saving unchanged makes no change"
        );
        let c = classes(&r);
        assert_eq!(
            (c.umkm, c.industri, c.bps),
            (Some(Umkm::Kecil), Some(Industri::Kecil), Some(Bps::Mikro))
        );
        let empty = Record::new(Kind::Usaha, &mut editor);
        let c = classes(&empty);
        assert_eq!((c.umkm, c.industri, c.bps), (None, None, None));
    }

    #[test]
    fn duplicates_by_nib_or_similar_name_in_the_same_desa() {
        let mut clock = Clock::new("dev");
        let mut editor = Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 1,
        };
        let mut make = |nama: &str, nib: &str, desa: &str| {
            let mut r = Record::new(Kind::Usaha, &mut editor);
            r.apply(
                with(|f| {
                    f.nama = nama.into();
                    f.nib = nib.into();
                    f.desa = desa.into()
                })
                .validate(&today())
                .unwrap(),
                &mut editor,
            );
            r
        };
        let records = vec![
            make("Batik Sekar", "", "35.29.02.2004"),
            make("Tempe Pak Min", "1234567890123", "35.29.01.1015"),
            make("Batik Sekar", "", "35.29.04.2006"),
        ];
        let found = |form: UsahaForm| {
            possible_duplicates(&form, None, records.iter())
                .into_iter()
                .map(|(r, why)| (r.text("nama").to_string(), why))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found(with(|f| f.nama = "batik sekar".into())),
            vec![("Batik Sekar".into(), DuplicateReason::SimilarNameSameDesa)]
        );
        assert_eq!(
            found(with(|f| f.nama = "Batik Sekarr".into())).len(),
            1,
            "one typo"
        );
        assert_eq!(
            found(with(|f| f.nama = "Batik Sekar Jaya Abadi".into())).len(),
            0,
            "a longer name is another business"
        );
        assert_eq!(
            found(with(|f| {
                f.nama = "Lain".into();
                f.nib = "1234567890123".into()
            })),
            vec![("Tempe Pak Min".into(), DuplicateReason::SameNib)]
        );
        assert!(
            possible_duplicates(
                &with(|f| f.nama = "Batik Sekar".into()),
                Some(&records[0].id),
                records.iter()
            )
            .is_empty(),
            "not itself"
        );
    }
}
