//! The form a list's row is read into, per kind: the Usaha form (`UsahaForm`) or a schema kind's
//! form (`schema::Form`, for Sentra), with that kind's own rules. The plan and the apply ask the
//! same of both: set a field as if typed, read it back, check the whole form as the kind's form
//! checks it, and the defaults an office's list leaves to the form.

use super::values;
use crate::i18n::{Lang, Msg};
use crate::model::kinds;
use crate::model::rules::Today;
use crate::model::schema::{Choice, Form, Schema, Ty, LIST_SEP};
use crate::model::usaha::{self, UsahaForm};
use crate::model::{FieldError, Kind, Record};
use crate::wilayah::search;
use serde_json::Value;

/// One row's fields as typed.
#[derive(Clone)]
pub enum RowForm {
    Usaha(UsahaForm),
    /// A schema kind's form (Sentra), checked by its schema.
    Schema(&'static Schema, Form),
}

impl std::fmt::Debug for RowForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowForm::Usaha(form) => form.fmt(f),
            RowForm::Schema(s, form) => f.debug_tuple("Schema").field(&s.kind).field(form).finish(),
        }
    }
}

impl PartialEq for RowForm {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (RowForm::Usaha(a), RowForm::Usaha(b)) => a == b,
            (RowForm::Schema(s, a), RowForm::Schema(t, b)) => s.kind == t.kind && a == b,
            _ => false,
        }
    }
}

impl RowForm {
    /// An empty form of `kind` (Usaha, or a kind with a schema).
    pub fn new(kind: Kind) -> Self {
        match kinds::schema(kind) {
            Some(schema) if kind != Kind::Usaha => RowForm::Schema(schema, Form::default()),
            _ => RowForm::Usaha(UsahaForm::default()),
        }
    }

    /// The form showing a stored record.
    pub fn of(r: &Record) -> Self {
        match kinds::schema(r.kind) {
            Some(schema) => RowForm::Schema(schema, schema.form_of(r)),
            None => RowForm::Usaha(UsahaForm::from_record(r)),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            RowForm::Usaha(_) => Kind::Usaha,
            RowForm::Schema(s, _) => s.kind,
        }
    }

    /// A field's text ("" for a field the form lacks).
    pub fn get(&self, key: &str) -> &str {
        match self {
            RowForm::Usaha(f) => f.text(key),
            RowForm::Schema(_, f) => f.get(key),
        }
    }

    /// The field's name as the form's errors name it, if the form has the field.
    pub fn key(&self, key: &str) -> Option<&'static str> {
        match self {
            RowForm::Usaha(_) => usaha::LABELS.iter().map(|(k, _)| *k).find(|k| *k == key),
            RowForm::Schema(s, _) => match s.field(key) {
                Some(spec) if matches!(spec.ty, Ty::Links(_) | Ty::Gps) => {
                    (spec.ty == Ty::Gps).then_some("lat")
                }
                Some(spec) => Some(spec.key),
                // A GPS point is two fields, "lat" its spec's key.
                None if key == "lon" && s.field_of(|t| *t == Ty::Gps).is_some() => Some("lon"),
                None => None,
            },
        }
    }

    /// Sets a field as typed; `false` when the form has no such field.
    pub fn set(&mut self, key: &str, text: String) -> bool {
        let Some(key) = self.key(key) else {
            return false;
        };
        match self {
            RowForm::Usaha(f) => f.text_mut(key).map(|t| *t = text).is_some(),
            RowForm::Schema(_, f) => {
                f.set(key, text);
                true
            }
        }
    }

    /// How a cell in this field's column is read.
    pub fn value_kind(&self, key: &str) -> values::Kind {
        match self {
            RowForm::Usaha(_) => values::usaha_kind(key),
            RowForm::Schema(s, _) => s
                .field(key)
                .map(|spec| values::schema_kind(&spec.ty))
                .unwrap_or(if key == "lon" {
                    values::Kind::Coordinate
                } else {
                    values::Kind::Text
                }),
        }
    }

    /// Checks every field with the kind's own rules: the values to store, or every reason not.
    /// An Usaha is checked whole (`validate_all`): a list's P-IRT is kept also where the form
    /// would not ask for one.
    pub fn validate(&self, today: &Today) -> Result<Vec<(&'static str, Value)>, Vec<FieldError>> {
        match self {
            RowForm::Usaha(f) => f.validate_all(today),
            RowForm::Schema(s, f) => s.validate(f, today),
        }
    }

    /// What a list leaves to the form's defaults. An Usaha list is of businesses the office
    /// counts as active, and KBLI codes before 2025 are of the 2020 edition. A Sentra without a
    /// status is formed when the list gives the year it was formed, else the form's default
    /// (planned).
    pub fn fill_defaults(&mut self, today: &Today) {
        match self {
            RowForm::Usaha(form) => {
                if form.status.is_empty() {
                    form.status = "aktif".into();
                }
                if !form.kbli.is_empty() && form.kbli_edisi.is_empty() {
                    form.kbli_edisi = "2020".into();
                }
            }
            RowForm::Schema(schema, form) => {
                if schema.kind == Kind::Sentra
                    && form.get("status").is_empty()
                    && !form.get("tahun_terbentuk").is_empty()
                {
                    form.set("status", "terbentuk".into());
                }
                for (key, text) in schema.new_form(today).0 {
                    if form.get(&key).is_empty() {
                        form.set(&key, text);
                    }
                }
            }
        }
    }

    /// A choice field's key from the words lists use ("Aktif", "Tidak Aktif", "Sudah",
    /// "Terbentuk", "APBD Kabupaten"); other fields pass as read.
    pub fn choice(&self, key: &str, text: String) -> Result<String, Msg> {
        if text.is_empty() {
            return Ok(text);
        }
        let folded = search::fold(&text);
        let found = match (self, key) {
            (RowForm::Usaha(_), "status") => match folded.as_str() {
                "aktif" | "ya" | "masihaktif" | "beroperasi" => Some("aktif"),
                "tidakaktif" | "nonaktif" | "tidak" | "vakum" | "berhentisementara" => {
                    Some("tidak_aktif")
                }
                "tutup" | "sudahtutup" | "bangkrut" | "berhenti" => Some("tutup"),
                _ => None,
            },
            (RowForm::Usaha(_), "halal_status") => match folded.as_str() {
                "belum" | "tidak" | "tidakada" | "belumada" => Some("belum"),
                "proses" | "dalamproses" | "diproses" | "pengajuan" => Some("proses"),
                "terbit" | "sudah" | "ada" | "ya" | "halal" | "bersertifikat" => Some("terbit"),
                _ => None,
            },
            (RowForm::Schema(s, _), _) => match s.field(key).map(|f| f.ty) {
                Some(Ty::Choice(options)) => schema_choice(key, options, &folded),
                Some(Ty::Flags(options)) => {
                    return flags(key, options, &text);
                }
                _ => return Ok(text),
            },
            _ => return Ok(text),
        };
        found.map(str::to_string).ok_or(Msg::ErrChoice)
    }
}

/// Words offices write for a schema choice beyond its key and its labels.
fn synonyms(key: &str, folded: &str) -> Option<&'static str> {
    Some(match (key, folded) {
        (
            "status",
            "sudahterbentuk" | "aktif" | "berjalan" | "ada" | "sudah" | "berdiri" | "ditetapkan",
        ) => "terbentuk",
        (
            "status",
            "direncanakan" | "usulan" | "diusulkan" | "belumterbentuk" | "belum" | "calon"
            | "rintisan",
        ) => "rencana",
        ("status", "nonaktif" | "vakum" | "bubar" | "tidakberjalan" | "mati") => "tidak_aktif",
        (
            "anggaran_sumber",
            "apbdkab" | "apbdkabupaten" | "apbdkota" | "apbdii" | "apbd2" | "apbdkabkota",
        ) => "apbd_kab",
        ("anggaran_sumber", "apbdprov" | "apbdprovinsi" | "apbdi" | "apbd1") => "apbd_prov",
        _ => return None,
    })
}

/// A choice's key from its key, its label in either language, or a known synonym.
fn schema_choice(key: &str, options: &'static [Choice], folded: &str) -> Option<&'static str> {
    options
        .iter()
        .find(|c| {
            search::fold(c.key) == folded
                || [Lang::Id, Lang::En]
                    .iter()
                    .any(|&l| search::fold(c.label.text(l)) == folded)
        })
        .map(|c| c.key)
        .or_else(|| synonyms(key, folded))
}

/// Several choices in one cell ("Showroom, Pelatihan"; "showroom dan pelatihan").
fn flags(key: &str, options: &'static [Choice], text: &str) -> Result<String, Msg> {
    let mut keys = Vec::new();
    for part in text
        .split([',', ';', '/', '\n'])
        .flat_map(|p| p.split(" dan "))
    {
        let folded = search::fold(part);
        if folded.is_empty() {
            continue;
        }
        keys.push(schema_choice(key, options, &folded).ok_or(Msg::ErrChoice)?);
    }
    Ok(keys.join(&LIST_SEP.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Today {
        Today {
            year: 2026,
            iso: "2026-11-30".into(),
            clock_ms: 1_796_083_200_000,
        }
    }

    #[test]
    fn a_sentra_row_is_checked_by_the_sentra_schema() {
        let mut form = RowForm::new(Kind::Sentra);
        assert_eq!(form.kind(), Kind::Sentra);
        assert!(form.set("nama", "Sentra Batik Pakandangan".into()));
        assert!(form.set("desa", "35.29.02.2004".into()));
        assert!(form.set("tahun_terbentuk", "2019".into()));
        assert!(!form.set("pemilik", "x".into()), "a Sentra has no owner");
        assert!(
            !form.set("anggota", "x".into()),
            "members are linked, not typed"
        );
        form.fill_defaults(&today());
        assert_eq!(
            form.get("status"),
            "terbentuk",
            "formed, since it has a year formed"
        );
        let values = form.validate(&today()).expect("valid");
        assert!(values.contains(&("tahun_terbentuk", serde_json::json!(2019))));
        // The schema's own cross-field rule: a budget needs its year.
        form.set("anggaran", "20000000".into());
        let errors = form.validate(&today()).unwrap_err();
        assert_eq!(errors[0].field, "anggaran_tahun");
    }

    #[test]
    fn choices_as_lists_write_them() {
        let form = RowForm::new(Kind::Sentra);
        let c = |k: &str, t: &str| form.choice(k, t.into());
        assert_eq!(c("status", "Terbentuk"), Ok("terbentuk".into()));
        assert_eq!(c("status", "Sudah terbentuk"), Ok("terbentuk".into()));
        assert_eq!(c("status", "Rencana"), Ok("rencana".into()));
        assert_eq!(c("status", "Tidak Aktif"), Ok("tidak_aktif".into()));
        assert_eq!(
            c("status", "Formed"),
            Ok("terbentuk".into()),
            "English labels"
        );
        assert_eq!(
            c("anggaran_sumber", "APBD Kabupaten"),
            Ok("apbd_kab".into())
        );
        assert_eq!(
            c("anggaran_sumber", "APBD kabupaten/kota"),
            Ok("apbd_kab".into())
        );
        assert_eq!(c("anggaran_sumber", "APBN"), Ok("apbn".into()));
        assert_eq!(
            c("anggaran_sumber", "APBD"),
            Err(Msg::ErrChoice),
            "which one?"
        );
        assert_eq!(
            c("fungsi", "Showroom, Pelatihan"),
            Ok("showroom,pelatihan".into())
        );
        assert_eq!(c("fungsi", "showroom dan UPT"), Ok("showroom,upt".into()));
        assert_eq!(c("fungsi", "gudang"), Err(Msg::ErrChoice));
        assert_eq!(c("nama", "Sentra Aktif"), Ok("Sentra Aktif".into()));
        let usaha = RowForm::new(Kind::Usaha);
        assert_eq!(
            usaha.choice("status", "Masih aktif".into()),
            Ok("aktif".into())
        );
    }
}
