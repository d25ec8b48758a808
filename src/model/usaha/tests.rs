use super::*;
use crate::model::hlc::Clock;
use crate::model::klasifikasi::{Bps, Industri, Umkm};
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
