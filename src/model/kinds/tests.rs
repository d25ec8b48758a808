//! Every kind's rules, forms, filters and OVOP stages.

use super::*;
use crate::model::hlc::Clock;
use crate::model::rules::Today;
use crate::model::schema::Form;
use crate::model::{Editor, Record};
use serde_json::json;
use std::collections::HashSet;

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    }
}

/// 2,125 ha typed with a decimal comma is stored as 2.125; the record's form must show it so
/// that it saves again unchanged, and a bundle holding it must read (it was refused whole as
/// "1.500 is ambiguous" before).
#[test]
fn hectares_with_three_decimals_read_back_as_typed() {
    for (schema, key) in [(&SURVEI, "lahan_ha"), (&KAWASAN, "luas_ha")] {
        let mut clock = crate::model::hlc::Clock::new("dev-a");
        let mut ed = Editor {
            clock: &mut clock,
            officer: "P",
            now_ms: 1_795_400_000_000,
        };
        let typed = schema.form_of(&Record::new(schema.kind, &mut ed));
        let mut typed = typed;
        typed.set(key, "2,125".into());
        let values = schema.parse_all_for_test(&typed, &today());
        assert_eq!(
            values.iter().find(|(k, _)| *k == key).unwrap().1,
            json!(2.125)
        );
        let mut r = Record::new(schema.kind, &mut ed);
        r.set(key, json!(2.125), &mut ed);
        let shown = schema.form_of(&r);
        assert_eq!(shown.get(key), "2,125");
        assert!(
            schema
                .field_errors(&shown, &today())
                .iter()
                .all(|e| e.field != key),
            "{key}"
        );
    }
}

fn form(schema: &Schema, pairs: &[(&str, &str)]) -> Form {
    let mut form = schema.new_form(&today());
    for (k, v) in pairs {
        form.set(k, v.to_string());
    }
    form
}

fn errors(schema: &Schema, pairs: &[(&str, &str)]) -> Vec<(&'static str, Msg)> {
    schema
        .validate(&form(schema, pairs), &today())
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.msg))
        .collect()
}

const SENTRA_OK: &[(&str, &str)] = &[
    ("nama", "Sentra Batik Pakandangan"),
    ("desa", "35.29.02.2004"),
];

fn sentra(extra: &[(&str, &str)]) -> Vec<(&'static str, Msg)> {
    let all: Vec<(&str, &str)> = SENTRA_OK.iter().chain(extra).copied().collect();
    errors(&SENTRA, &all)
}

#[test]
fn every_schema_is_consistent() {
    let mut paths = HashSet::new();
    for schema in SCHEMAS {
        assert!(paths.insert(schema.path), "{} twice", schema.path);
        let mut keys = HashSet::new();
        for spec in schema.fields() {
            assert!(
                keys.insert(spec.key),
                "{:?}: {} twice",
                schema.kind,
                spec.key
            );
            assert!(!spec.key.starts_with('_'), "{} is reserved", spec.key);
        }
        for key in schema.title_fields.iter().chain(schema.meta) {
            assert!(
                schema.field(key).is_some(),
                "{:?}: no field {key}",
                schema.kind
            );
        }
        if let Some(status) = schema.status {
            assert!(
                matches!(schema.field(status).map(|f| f.ty), Some(Ty::Choice(_))),
                "{:?}: status {status} is not a choice",
                schema.kind
            );
        }
        // Defaults are valid values of their fields: an untouched new form fails only for
        // the fields an officer must fill.
        let reasons = schema
            .validate(&schema.new_form(&today()), &today())
            .unwrap_err();
        for e in &reasons {
            let spec = schema.field(e.field).expect("error names a field");
            assert!(
                spec.required,
                "{:?}: default of {} invalid",
                schema.kind, e.field
            );
        }
        assert_eq!(
            reasons.len(),
            schema
                .fields()
                .filter(|f| f.required && !schema.defaults.iter().any(|(k, _)| *k == f.key))
                .count(),
            "{:?}: every required field without a default is reported",
            schema.kind
        );
        assert_eq!(
            super::schema(schema.kind).map(|s| s.path),
            Some(schema.path)
        );
    }
    assert_eq!(super::schema(Kind::Usaha).map(|s| s.path), None);
}

#[test]
fn sentra_needs_a_name_and_a_desa_and_lists_every_reason() {
    assert!(sentra(&[]).is_empty());
    assert_eq!(
        errors(&SENTRA, &[("status", "")]),
        vec![
            ("nama", Msg::ErrRequired),
            ("status", Msg::ErrChoice),
            ("desa", Msg::ErrDesaRequired),
        ]
    );
    assert_eq!(
        sentra(&[("status", "bubar")]),
        vec![("status", Msg::ErrChoice)]
    );
    assert_eq!(
        sentra(&[("desa", "35.29.02")]),
        vec![("desa", Msg::ErrDesaCode)]
    );
}

#[test]
fn sentra_years_follow_its_life() {
    // A formed sentra needs its year; formed can equal planned but not precede it.
    assert_eq!(
        sentra(&[("status", "terbentuk")]),
        vec![("tahun_terbentuk", Msg::ErrFormedYearRequired)]
    );
    assert!(sentra(&[("status", "terbentuk"), ("tahun_terbentuk", "2019")]).is_empty());
    assert!(sentra(&[("tahun_rencana", "2019"), ("tahun_terbentuk", "2019")]).is_empty());
    assert_eq!(
        sentra(&[("tahun_rencana", "2019"), ("tahun_terbentuk", "2018")]),
        vec![("tahun_terbentuk", Msg::ErrFormedBeforePlanned)]
    );
    // Planned up to ten years ahead; formed no later than this year.
    assert!(sentra(&[("tahun_rencana", "2036")]).is_empty());
    assert_eq!(
        sentra(&[("tahun_rencana", "2037")]),
        vec![("tahun_rencana", Msg::ErrYear)]
    );
    assert!(sentra(&[("tahun_terbentuk", "2026")]).is_empty());
    assert_eq!(
        sentra(&[("tahun_terbentuk", "2027")]),
        vec![("tahun_terbentuk", Msg::ErrYear)]
    );
    assert!(sentra(&[("tahun_terbentuk", "1900")]).is_empty());
    assert_eq!(
        sentra(&[("tahun_terbentuk", "1899")]),
        vec![("tahun_terbentuk", Msg::ErrYear)]
    );
    let year_error = SENTRA
        .validate(&form(&SENTRA, &[("tahun_rencana", "2040")]), &today())
        .unwrap_err();
    assert_eq!(
        year_error[1].text(crate::i18n::Lang::Id),
        "Tahun antara 1900 dan 2036."
    );
}

#[test]
fn sentra_budget_is_non_negative_rupiah_with_its_year() {
    assert!(sentra(&[
        ("anggaran", "20.000.000"),
        ("anggaran_tahun", "2021"),
        ("anggaran_sumber", "apbd_kab")
    ])
    .is_empty());
    assert_eq!(
        sentra(&[("anggaran", "20.000.000")]),
        vec![("anggaran_tahun", Msg::ErrBudgetYear)]
    );
    assert_eq!(
        sentra(&[("anggaran", "-5"), ("anggaran_tahun", "2021")]),
        vec![("anggaran", Msg::ErrNegative)]
    );
    assert_eq!(
        sentra(&[
            ("anggaran", "0"),
            ("anggaran_tahun", "2021"),
            ("anggaran_sumber", "hibah")
        ]),
        vec![("anggaran_sumber", Msg::ErrChoice)]
    );
    assert_eq!(
        sentra(&[("kontak", "12345")]),
        vec![("kontak", Msg::ErrPhone)]
    );
    assert!(sentra(&[("kontak", "0812-3456-7890")]).is_empty());
    assert_eq!(
        sentra(&[("sk_tanggal", "2026-11-24")]),
        vec![("sk_tanggal", Msg::ErrDate)]
    );
}

#[test]
fn functions_and_members_are_normalised_lists() {
    let values = SENTRA
        .validate(
            &form(
                &SENTRA,
                &[
                    SENTRA_OK[0],
                    SENTRA_OK[1],
                    ("fungsi", "upt,showroom"),
                    ("anggota", "u-1, u-2,u-1,,"),
                ],
            ),
            &today(),
        )
        .unwrap();
    let get = |k: &str| values.iter().find(|(key, _)| *key == k).unwrap().1.clone();
    assert_eq!(get("fungsi"), json!(["showroom", "upt"]), "options' order");
    assert_eq!(get("anggota"), json!(["u-1", "u-2"]), "no member twice");
    assert_eq!(
        sentra(&[("fungsi", "showroom,kantin")]),
        vec![("fungsi", Msg::ErrChoice)]
    );
    assert_eq!(
        sentra(&[("anggota", "u-1,<script>")]),
        vec![("anggota", Msg::ErrPickRequired)]
    );
}

#[test]
fn fewer_than_five_members_is_a_warning_not_an_error() {
    let warn = |ids: &[&str]| {
        let mut v = Values::new();
        v.insert("anggota".into(), json!(ids));
        (SENTRA.warnings)(&v)
    };
    let four = warn(&["a", "b", "c", "d"]);
    assert_eq!(four.len(), 1);
    assert_eq!(four[0].field, "anggota");
    assert_eq!(
        four[0].text(crate::i18n::Lang::Id),
        "Baru 4 anggota: menurut PP 29/2018 sentra paling sedikit 5 unit usaha."
    );
    assert!(warn(&["a", "b", "c", "d", "e"]).is_empty());
    assert_eq!(
        (SENTRA.warnings)(&Values::new()).len(),
        1,
        "none recorded yet"
    );
    assert!(sentra(&[("anggota", "a,b")]).is_empty(), "still saves");
}

const SURVEI_OK: &[(&str, &str)] = &[("desa", "35.29.04.2006"), ("tanggal", "2026-11-20")];

fn survei(extra: &[(&str, &str)]) -> Vec<(&'static str, Msg)> {
    let all: Vec<(&str, &str)> = SURVEI_OK.iter().chain(extra).copied().collect();
    errors(&SURVEI, &all)
}

#[test]
fn survei_counts_land_and_stages() {
    assert!(survei(&[]).is_empty());
    // A new survey is dated today; the date is still required once cleared.
    assert_eq!(errors(&SURVEI, &[]), vec![("desa", Msg::ErrDesaRequired)]);
    assert_eq!(
        errors(&SURVEI, &[("tanggal", "")]),
        vec![
            ("desa", Msg::ErrDesaRequired),
            ("tanggal", Msg::ErrRequired)
        ]
    );
    assert_eq!(
        survei(&[("tanggal", "2026-11-24")]),
        vec![("tanggal", Msg::ErrDate)]
    );
    assert!(survei(&[("tanggal", "2000-01-01")]).is_empty());
    assert_eq!(
        survei(&[("tanggal", "1999-12-31")]),
        vec![("tanggal", Msg::ErrDate)]
    );
    assert!(survei(&[("pelaku_makanan", "0"), ("pelaku_kayu", "12")]).is_empty());
    for bad in ["-1", "1,5", "dua"] {
        assert_eq!(
            survei(&[("pelaku_kayu", bad)]),
            vec![("pelaku_kayu", Msg::ErrCount)],
            "{bad}"
        );
    }
    assert!(survei(&[("lahan_ha", "0,5"), ("lahan_cnc", "ya")]).is_empty());
    assert!(survei(&[("lahan_ha", "0")]).is_empty());
    assert_eq!(
        survei(&[("lahan_ha", "-0,5")]),
        vec![("lahan_ha", Msg::ErrNegative)]
    );
    assert_eq!(
        survei(&[("lahan_ha", "setengah")]),
        vec![("lahan_ha", Msg::ErrHectare)]
    );
    // "1.500" could be 1,500 ha (thousands dot) or 1.5: asked again, not guessed.
    assert_eq!(
        survei(&[("lahan_ha", "1.500")]),
        vec![("lahan_ha", Msg::ErrHectare)]
    );
    assert!(survei(&[("lahan_ha", "1.5")]).is_empty());
    assert!(survei(&[("lahan_ha", "1500,25")]).is_empty());
    assert_eq!(
        survei(&[("lahan_cnc", "mungkin")]),
        vec![("lahan_cnc", Msg::ErrChoice)]
    );
    assert_eq!(
        survei(&[("ovop_kemasan", "2026-13-01")]),
        vec![("ovop_kemasan", Msg::ErrDate)]
    );

    let mut v = Values::new();
    assert_eq!(ovop_reached(&v), None);
    v.insert("ovop_sosialisasi".into(), json!("2024-01-10"));
    assert_eq!(ovop_reached(&v), Some(0));
    v.insert("ovop_gelar".into(), json!("2025-06-01"));
    assert_eq!(ovop_reached(&v), Some(4), "the furthest stage with a date");
    assert_eq!(OVOP_STAGES[4].label, Msg::OvopGelar);
    // The stage chosen directly counts without a date; a later dated one still wins.
    v.insert("ovop_tahap".into(), json!("pemasaran"));
    assert_eq!(ovop_reached(&v), Some(5));
    v.insert("ovop_tahap".into(), json!("manajemen"));
    assert_eq!(ovop_reached(&v), Some(4));
    let only_chosen: Values = [("ovop_tahap".to_string(), json!("kemasan"))].into();
    assert_eq!(ovop_reached(&only_chosen), Some(3));
    for (choice, stage) in OVOP_TAHAP.iter().zip(OVOP_STAGES) {
        assert_eq!(
            (choice.label, format!("ovop_{}", choice.key)),
            (stage.label, stage.key.to_string())
        );
    }
}

#[test]
fn choosing_the_stage_reached_dates_it_today_unless_dated() {
    let today = Today {
        year: 2026,
        iso: "2026-11-30".into(),
        clock_ms: 0,
    };
    let mut form = Form::default();
    form.set("ovop_tahap", "kemasan".into());
    after_set(&mut form, "ovop_tahap", &today);
    assert_eq!(form.get("ovop_kemasan"), "2026-11-30");
    assert_eq!(form.get("ovop_sosialisasi"), "", "only the stage chosen");
    form.set("ovop_gelar", "2025-08-17".into());
    form.set("ovop_tahap", "gelar".into());
    after_set(&mut form, "ovop_tahap", &today);
    assert_eq!(form.get("ovop_gelar"), "2025-08-17", "a date typed stays");
    form.set("ovop_tahap", String::new());
    after_set(&mut form, "ovop_tahap", &today);
    assert_eq!(form.get("ovop_gelar"), "2025-08-17");
    // The form saves it.
    let mut survey = Form::default();
    survey.set("desa", "35.29.02.2004".into());
    survey.set("tanggal", "2026-11-30".into());
    survey.set("ovop_tahap", "komoditas".into());
    let values: Values = SURVEI
        .validate(&survey, &today)
        .unwrap()
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    assert_eq!(ovop_reached(&values), Some(2));
}

/// The Kawasan list filters by kabupaten/kota and by each status; an empty clean-and-clear
/// is "not known", never "no".
#[test]
fn kawasan_list_filters_tell_no_from_not_known() {
    use crate::model::schema::{filter_choices, filter_value, NOT_KNOWN};
    let mut clock = Clock::new("d");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "o",
        now_ms: 1,
    };
    let mut r = Record::new(Kind::Kawasan, &mut ed);
    r.set("kabupaten", json!("17.71"), &mut ed);
    let value = |r: &Record, key| filter_value(KAWASAN.field(key).unwrap(), r);
    assert_eq!(value(&r, "kabupaten"), "17.71");
    assert_eq!(value(&r, "cnc"), NOT_KNOWN);
    assert_eq!(value(&r, "dana_pusat"), NOT_KNOWN);
    r.set("cnc", json!(false), &mut ed);
    assert_eq!(value(&r, "cnc"), "tidak");
    r.set("cnc", json!(true), &mut ed);
    r.set("dana_pusat", json!("diajukan"), &mut ed);
    assert_eq!(
        (value(&r, "cnc").as_str(), value(&r, "dana_pusat").as_str()),
        ("ya", "diajukan")
    );
    let keys = |key| -> Vec<&str> {
        filter_choices(KAWASAN.field(key).unwrap())
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    };
    assert_eq!(keys("cnc"), ["ya", "tidak", NOT_KNOWN]);
    assert_eq!(
        keys("dana_pusat"),
        ["belum", "diajukan", "disetujui", "ditolak", NOT_KNOWN]
    );
    for key in KAWASAN.filters {
        assert!(KAWASAN.field(key).is_some(), "{key} is a field");
    }
}

#[test]
fn a_kegiatan_names_the_kawasan_sentra_or_survey_it_concerns() {
    assert_eq!(kegiatan_field_about(Kind::Kawasan), Some("kawasan"));
    assert_eq!(kegiatan_field_about(Kind::Sentra), Some("sentra"));
    assert_eq!(kegiatan_field_about(Kind::SurveiDesa), Some("survei"));
    // Participants are a list of Usaha, shown on the Kegiatan itself.
    assert_eq!(kegiatan_field_about(Kind::Usaha), None);
    assert_eq!(kegiatan_field_about(Kind::Mitra), None);
}

#[test]
fn kawasan_kegiatan_mitra_jejaring_rules() {
    assert_eq!(
        errors(&KAWASAN, &[]),
        vec![
            ("lokasi", Msg::ErrRequired),
            ("kabupaten", Msg::ErrPickRequired)
        ]
    );
    assert!(errors(
        &KAWASAN,
        &[
            ("lokasi", "Gapura"),
            ("kabupaten", "35.29"),
            ("luas_ha", "0,5"),
            ("cnc", "tidak")
        ]
    )
    .is_empty());
    assert_eq!(
        errors(&KAWASAN, &[("lokasi", "Gapura"), ("kabupaten", "35.29.01")]),
        vec![("kabupaten", Msg::ErrRegionCode)]
    );

    let kegiatan = |extra: &[(&str, &str)]| {
        let mut all = vec![
            ("nama", "Pelatihan kemasan 2026"),
            ("jenis", "pelatihan_kemasan"),
            ("tanggal", "2026-12-10"),
        ];
        all.extend_from_slice(extra);
        errors(&KEGIATAN, &all)
    };
    assert!(
        kegiatan(&[]).is_empty(),
        "a planned activity may be dated ahead"
    );
    assert!(kegiatan(&[("tanggal", "2031-12-31")]).is_empty());
    assert_eq!(
        kegiatan(&[("tanggal", "2032-01-01")]),
        vec![("tanggal", Msg::ErrDatePlanned)]
    );
    assert!(kegiatan(&[("kecamatan", "35.29.02"), ("peserta", "a-1,b-2")]).is_empty());
    assert_eq!(
        kegiatan(&[("kecamatan", "35.29")]),
        vec![("kecamatan", Msg::ErrRegionCode)]
    );
    assert_eq!(
        kegiatan(&[("jenis", "rapat")]),
        vec![("jenis", Msg::ErrChoice)]
    );

    assert_eq!(
        errors(&MITRA, &[]),
        vec![("nama", Msg::ErrRequired), ("jenis", Msg::ErrChoice)]
    );
    assert_eq!(
        errors(
            &MITRA,
            &[
                ("nama", "Toko Oleh-oleh"),
                ("jenis", "ritel"),
                ("telepon", "+62 812 3456 7890x")
            ]
        ),
        vec![("telepon", Msg::ErrPhone)]
    );

    assert_eq!(
        errors(&JEJARING, &[]),
        vec![
            ("usaha", Msg::ErrPickRequired),
            ("mitra", Msg::ErrPickRequired)
        ]
    );
    assert_eq!(
        errors(&JEJARING, &[("usaha", "u-1"), ("mitra", "m 1")]),
        vec![("mitra", Msg::ErrPickRequired)]
    );
    assert!(errors(&JEJARING, &[("usaha", "u-1"), ("mitra", "m-1")]).is_empty());
}

#[test]
fn coordinates_hostile_and_long_text() {
    assert!(sentra(&[("lat", "-7,0123"), ("lon", "113.86")]).is_empty());
    assert_eq!(
        sentra(&[("lat", "-7.01"), ("lon", "")]),
        vec![("lat", Msg::ErrCoordinate)]
    );
    assert_eq!(
        sentra(&[("lat", "48.85"), ("lon", "2.35")]),
        vec![("lat", Msg::ErrOutsideIndonesia)]
    );
    let hostile = "<script>alert(1)</script> \u{202E}ﷺ 🧵";
    assert!(sentra(&[("ketua", hostile)]).is_empty(), "stored as text");
    let long = "a".repeat(201);
    let errs = SENTRA
        .validate(
            &form(&SENTRA, &[("nama", &long), ("desa", "35.29.02.2004")]),
            &today(),
        )
        .unwrap_err();
    assert_eq!((errs[0].field, errs[0].msg), ("nama", Msg::ErrTooLong));
    assert_eq!(
        errs[0].text(crate::i18n::Lang::Id),
        "Terlalu panjang: paling banyak 200 karakter."
    );
    assert!(sentra(&[("catatan", &"b".repeat(5000))]).is_empty());
    assert_eq!(
        sentra(&[("catatan", &"b".repeat(5001))]),
        vec![("catatan", Msg::ErrTooLong)]
    );
}

/// A full form of each kind saves, reads back as the same form, and saving it again changes
/// nothing (no new stamps).
#[test]
fn every_kind_round_trips_through_its_form() {
    let full: [(&Schema, &[(&str, &str)]); 6] = [
        (
            &SENTRA,
            &[
                ("nama", "Sentra Batik"),
                ("komoditas", "Batik"),
                ("status", "terbentuk"),
                ("tahun_rencana", "2018"),
                ("tahun_terbentuk", "2019"),
                ("fungsi", "showroom,pelatihan"),
                ("desa", "35.29.02.2004"),
                ("lat", "-7.05"),
                ("lon", "113.9"),
                ("anggaran", "20000000"),
                ("anggaran_sumber", "apbd_kab"),
                ("anggaran_tahun", "2019"),
                ("sk_nomor", "188/45/2019"),
                ("sk_tanggal", "2019-03-31"),
                ("ketua", "Ibu Uji"),
                ("kontak", "081234567890"),
                ("anggota", "u-1,u-2,u-3,u-4,u-5"),
                ("catatan", "Baris satu\nbaris dua"),
            ],
        ),
        (
            &SURVEI,
            &[
                ("desa", "35.29.04.2006"),
                ("tanggal", "2026-11-20"),
                ("petugas", "Petugas Uji"),
                ("komoditas", "Keripik"),
                ("komoditas_lain", "Terasi"),
                ("bahan_baku", "Singkong"),
                ("pelaku_makanan", "14"),
                ("pelaku_kain", "0"),
                ("lahan_ha", "0,5"),
                ("lahan_cnc", "ya"),
                ("ovop_sosialisasi", "2025-01-10"),
                ("ovop_manajemen", "2025-04-02"),
                ("catatan", "x"),
            ],
        ),
        (
            &KAWASAN,
            &[
                ("lokasi", "Desa Gapura Timur"),
                ("kabupaten", "35.29"),
                ("fokus", "Batik"),
                ("luas_ha", "2,5"),
                ("cnc", "tidak"),
                ("rpik", "draf"),
                ("dana_pusat", "diajukan"),
            ],
        ),
        (
            &KEGIATAN,
            &[
                ("nama", "Pelatihan kemasan"),
                ("jenis", "pelatihan_kemasan"),
                ("tanggal", "2026-12-10"),
                ("tempat", "Aula Disperindag"),
                ("kecamatan", "35.29.02"),
                ("anggaran", "15000000"),
                ("peserta", "u-1,u-2"),
                ("hasil", "25 peserta"),
            ],
        ),
        (
            &MITRA,
            &[
                ("nama", "Toko Oleh-oleh Sumenep"),
                ("jenis", "ritel"),
                ("narahubung", "Pak Uji"),
                ("telepon", "+62 812 0000 1111"),
                ("alamat", "Jl. Uji 1"),
            ],
        ),
        (
            &JEJARING,
            &[
                ("usaha", "u-1"),
                ("mitra", "m-1"),
                ("status", "negosiasi"),
                ("tanggal", "2026-11-01"),
            ],
        ),
    ];
    for (schema, pairs) in full {
        let typed = form(schema, pairs);
        let mut clock = Clock::new("dev-a");
        let mut editor = Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 1_000,
        };
        let mut record = Record::new(schema.kind, &mut editor);
        assert!(record.apply(schema.validate(&typed, &today()).unwrap(), &mut editor));
        let back = schema.form_of(&record);
        assert_eq!(back, typed, "{:?}", schema.kind);
        assert!(
            !record.apply(schema.validate(&back, &today()).unwrap(), &mut editor),
            "{:?}: saving unchanged is no change",
            schema.kind
        );
        // Clearing a field is a change that stores nothing.
        let mut cleared = back.clone();
        let optional = schema
            .fields()
            .find(|f| !f.required && pairs.iter().any(|(k, _)| *k == f.key))
            .unwrap();
        cleared.set(optional.key, String::new());
        assert!(record.apply(schema.validate(&cleared, &today()).unwrap(), &mut editor));
        assert_eq!(
            record.get(optional.key),
            None,
            "{:?} {}",
            schema.kind,
            optional.key
        );
    }
}

#[test]
fn a_new_survey_is_dated_today_and_each_kind_names_its_new_form() {
    let form = SURVEI.new_form(&today());
    assert_eq!(form.get("tanggal"), today().iso);
    assert_eq!(SENTRA.new_form(&today()).get("status"), "rencana");
    let titles: HashSet<Msg> = SCHEMAS.iter().map(|s| s.new_title).collect();
    assert_eq!(titles.len(), SCHEMAS.len(), "one heading per kind");
    assert!(SCHEMAS.iter().all(|s| s.new_title != s.title));
}
