//! Sentra, Survei Desa, Kawasan IKM, Kegiatan, Mitra and Jejaring, described for the schema-driven
//! form, list and detail views, with the rules that span fields. Usaha has its own module
//! (`usaha`): its classes and duplicate hints need more than a description.

use super::schema::{
    list_of, no_check, no_warnings, Choice, FieldSpec, Schema, Section, Start, Ty, Values,
};
use super::{FieldError, Kind};
use crate::i18n::Msg;
use serde_json::Value;

macro_rules! choices {
    ($($key:literal => $label:ident),* $(,)?) => {
        &[$(Choice { key: $key, label: Msg::$label }),*]
    };
}

const fn f(key: &'static str, label: Msg, ty: Ty) -> FieldSpec {
    FieldSpec {
        key,
        label,
        ty,
        required: false,
    }
}

const fn req(key: &'static str, label: Msg, ty: Ty) -> FieldSpec {
    FieldSpec {
        key,
        label,
        ty,
        required: true,
    }
}

pub const SENTRA_STATUS: &[Choice] = choices! {
    "rencana" => SentraRencana,
    "terbentuk" => SentraTerbentuk,
    "tidak_aktif" => SentraTidakAktif,
};
pub const SUMBER_ANGGARAN: &[Choice] = choices! {
    "apbd_kab" => SumberApbdKab,
    "apbd_prov" => SumberApbdProv,
    "apbn" => SumberApbn,
    "dak" => SumberDak,
    "lainnya" => ChoiceLainnya,
};
pub const FUNGSI_SENTRA: &[Choice] = choices! {
    "showroom" => FungsiShowroom,
    "pelatihan" => FungsiPelatihan,
    "upt" => FungsiUpt,
};
/// PP 29/2018 Pasal 1: a sentra has at least five business units.
pub const SENTRA_MIN_MEMBERS: usize = 5;

pub static SENTRA: Schema = Schema {
    kind: Kind::Sentra,
    path: "sentra",
    title: Msg::NavSentra,
    new_title: Msg::SentraNewTitle,
    intro: Msg::SentraIntro,
    empty: Msg::SentraEmpty,
    sections: &[
        Section {
            title: Msg::SectionIdentity,
            fields: &[
                req("nama", Msg::FieldNamaSentra, Ty::Text(200)),
                f("komoditas", Msg::FieldKomoditas, Ty::Komoditas),
                req("status", Msg::FieldStatusSentra, Ty::Choice(SENTRA_STATUS)),
                f(
                    "tahun_rencana",
                    Msg::FieldTahunRencana,
                    Ty::Year { ahead: 10 },
                ),
                f(
                    "tahun_terbentuk",
                    Msg::FieldTahunTerbentuk,
                    Ty::Year { ahead: 0 },
                ),
                f("fungsi", Msg::FieldFungsi, Ty::Flags(FUNGSI_SENTRA)),
            ],
        },
        Section {
            title: Msg::SectionLocation,
            fields: &[
                req("desa", Msg::DesaLabel, Ty::Desa),
                f("lat", Msg::FieldLat, Ty::Gps),
            ],
        },
        Section {
            title: Msg::SectionBudget,
            fields: &[
                f("anggaran", Msg::FieldAnggaran, Ty::Rupiah),
                f(
                    "anggaran_sumber",
                    Msg::FieldAnggaranSumber,
                    Ty::Choice(SUMBER_ANGGARAN),
                ),
                f(
                    "anggaran_tahun",
                    Msg::FieldAnggaranTahun,
                    Ty::Year { ahead: 5 },
                ),
                f("sk_nomor", Msg::FieldSkNomor, Ty::Text(100)),
                f(
                    "sk_tanggal",
                    Msg::FieldSkTanggal,
                    Ty::Date { future: false },
                ),
            ],
        },
        Section {
            title: Msg::SectionPengurus,
            fields: &[
                f("ketua", Msg::FieldKetua, Ty::Text(200)),
                f("kontak", Msg::FieldKontak, Ty::Phone),
                f("anggota", Msg::FieldAnggota, Ty::Links(Kind::Usaha)),
                f("catatan", Msg::FieldCatatan, Ty::Note),
            ],
        },
    ],
    title_fields: &["nama"],
    meta: &["desa", "komoditas", "tahun_terbentuk"],
    status: Some("status"),
    filters: &[],
    defaults: &[("status", Start::Text("rencana"))],
    check: sentra_check,
    warnings: sentra_warnings,
};

fn year(values: &Values, key: &str) -> Option<u64> {
    values.get(key).and_then(Value::as_u64)
}

fn sentra_check(values: &Values, errors: &mut Vec<FieldError>) {
    let planned = year(values, "tahun_rencana");
    let formed = year(values, "tahun_terbentuk");
    if values.get("status").and_then(Value::as_str) == Some("terbentuk") && formed.is_none() {
        errors.push(FieldError::new(
            "tahun_terbentuk",
            Msg::ErrFormedYearRequired,
        ));
    }
    if let (Some(p), Some(f)) = (planned, formed) {
        if f < p {
            errors.push(FieldError::new(
                "tahun_terbentuk",
                Msg::ErrFormedBeforePlanned,
            ));
        }
    }
    if values.contains_key("anggaran") && !values.contains_key("anggaran_tahun") {
        errors.push(FieldError::new("anggaran_tahun", Msg::ErrBudgetYear));
    }
}

fn sentra_warnings(values: &Values) -> Vec<FieldError> {
    let members = list_of(values.get("anggota")).len();
    if members < SENTRA_MIN_MEMBERS {
        vec![FieldError {
            field: "anggota",
            msg: Msg::WarnSentraMembers,
            args: vec![("count", members.to_string())],
        }]
    } else {
        Vec::new()
    }
}

/// The OVOP stages (Permenperin 14/2021) as a choice: the stage a village reached, chosen
/// directly; the dates of [`OVOP_STAGES`] stay optional.
pub const OVOP_TAHAP: &[Choice] = choices! {
    "sosialisasi" => OvopSosialisasi,
    "manajemen" => OvopManajemen,
    "komoditas" => OvopKomoditas,
    "kemasan" => OvopKemasan,
    "gelar" => OvopGelar,
    "pemasaran" => OvopPemasaran,
};

/// The survey's OVOP section: the stage reached, then each stage's date.
const OVOP_SECTION: &[FieldSpec] = &[
    f("ovop_tahap", Msg::FieldOvopTahap, Ty::Choice(OVOP_TAHAP)),
    f(
        "ovop_sosialisasi",
        Msg::OvopSosialisasi,
        Ty::Date { future: false },
    ),
    f(
        "ovop_manajemen",
        Msg::OvopManajemen,
        Ty::Date { future: false },
    ),
    f(
        "ovop_komoditas",
        Msg::OvopKomoditas,
        Ty::Date { future: false },
    ),
    f("ovop_kemasan", Msg::OvopKemasan, Ty::Date { future: false }),
    f("ovop_gelar", Msg::OvopGelar, Ty::Date { future: false }),
    f(
        "ovop_pemasaran",
        Msg::OvopPemasaran,
        Ty::Date { future: false },
    ),
];

/// OVOP stages in order (Permenperin 14/2021), each with the date it was reached (in the order of
/// [`OVOP_TAHAP`]).
pub const OVOP_STAGES: &[FieldSpec] = OVOP_SECTION.split_at(1).1;

/// Industry actors per Podes material group.
pub const PELAKU: &[FieldSpec] = &[
    f("pelaku_kulit", Msg::PodesKulit, Ty::Count),
    f("pelaku_kayu", Msg::PodesKayu, Ty::Count),
    f("pelaku_logam", Msg::PodesLogam, Ty::Count),
    f("pelaku_anyaman", Msg::PodesAnyaman, Ty::Count),
    f("pelaku_gerabah", Msg::PodesGerabah, Ty::Count),
    f("pelaku_kain", Msg::PodesKain, Ty::Count),
    f("pelaku_makanan", Msg::PodesMakanan, Ty::Count),
    f("pelaku_lainnya", Msg::PodesLainnya, Ty::Count),
];

pub static SURVEI: Schema = Schema {
    kind: Kind::SurveiDesa,
    path: "survei-desa",
    title: Msg::NavSurvei,
    new_title: Msg::SurveiNewTitle,
    intro: Msg::SurveiIntro,
    empty: Msg::SurveiEmpty,
    sections: &[
        Section {
            title: Msg::SectionVisit,
            fields: &[
                req("desa", Msg::DesaLabel, Ty::Desa),
                req(
                    "tanggal",
                    Msg::FieldTanggalKunjungan,
                    Ty::Date { future: false },
                ),
                f("petugas", Msg::FieldPetugas, Ty::Text(200)),
                f("komoditas", Msg::FieldKomoditasUnggulan, Ty::Komoditas),
                f("komoditas_lain", Msg::FieldKomoditasLain, Ty::Text(500)),
                f("bahan_baku", Msg::FieldBahanBaku, Ty::Text(500)),
            ],
        },
        Section {
            title: Msg::SectionPelaku,
            fields: PELAKU,
        },
        Section {
            title: Msg::SectionLahan,
            fields: &[
                f("lahan_ha", Msg::FieldLahanHa, Ty::Hectare),
                f("lahan_cnc", Msg::FieldCnc, Ty::YesNo),
            ],
        },
        Section {
            title: Msg::SectionOvop,
            fields: OVOP_SECTION,
        },
        Section {
            title: Msg::SectionNotes,
            fields: &[f("catatan", Msg::FieldCatatan, Ty::Note)],
        },
    ],
    title_fields: &["desa", "tanggal"],
    meta: &["komoditas", "petugas"],
    status: None,
    filters: &[],
    defaults: &[("tanggal", Start::Today)],
    check: no_check,
    warnings: no_warnings,
};

/// The furthest OVOP stage reached (index into [`OVOP_STAGES`]), if any: the stage chosen, or a
/// later one with a date.
pub fn ovop_reached(values: &Values) -> Option<usize> {
    let dated = OVOP_STAGES.iter().rposition(|s| values.contains_key(s.key));
    let chosen = values
        .get("ovop_tahap")
        .and_then(Value::as_str)
        .and_then(|k| OVOP_TAHAP.iter().position(|c| c.key == k));
    dated.max(chosen)
}

/// What a form does when the officer sets `key`: choosing the OVOP stage reached fills that
/// stage's date with today, if it has none (the officer may change or clear it).
pub fn after_set(form: &mut super::schema::Form, key: &str, today: &super::rules::Today) {
    if key != "ovop_tahap" {
        return;
    }
    let Some(i) = OVOP_TAHAP.iter().position(|c| c.key == form.get(key)) else {
        return;
    };
    let date = OVOP_STAGES[i].key;
    if form.get(date).trim().is_empty() {
        form.set(date, today.iso.clone());
    }
}

pub const RPIK: &[Choice] = choices! {
    "belum" => RpikBelum,
    "draf" => RpikDraf,
    "ditetapkan" => RpikDitetapkan,
};
pub const DANA_PUSAT: &[Choice] = choices! {
    "belum" => DanaBelum,
    "diajukan" => DanaDiajukan,
    "disetujui" => DanaDisetujui,
    "ditolak" => DanaDitolak,
};

pub static KAWASAN: Schema = Schema {
    kind: Kind::Kawasan,
    path: "kawasan-ikm",
    title: Msg::NavKawasan,
    new_title: Msg::KawasanNewTitle,
    intro: Msg::KawasanIntro,
    empty: Msg::KawasanEmpty,
    sections: &[
        Section {
            title: Msg::SectionIdentity,
            fields: &[
                req("lokasi", Msg::FieldLokasi, Ty::Text(200)),
                req("kabupaten", Msg::FieldKabupaten, Ty::Kabupaten),
                f("fokus", Msg::FieldFokus, Ty::Komoditas),
                f("lat", Msg::FieldLat, Ty::Gps),
            ],
        },
        Section {
            title: Msg::SectionLahan,
            fields: &[
                f("luas_ha", Msg::FieldLuasHa, Ty::Hectare),
                f("cnc", Msg::FieldCnc, Ty::YesNo),
            ],
        },
        Section {
            title: Msg::SectionReadiness,
            fields: &[
                req("rpik", Msg::FieldRpik, Ty::Choice(RPIK)),
                f("dana_pusat", Msg::FieldDanaPusat, Ty::Choice(DANA_PUSAT)),
                f("catatan", Msg::FieldCatatan, Ty::Note),
            ],
        },
    ],
    title_fields: &["lokasi"],
    meta: &["kabupaten", "luas_ha", "fokus"],
    status: Some("rpik"),
    filters: &["kabupaten", "cnc", "dana_pusat"],
    defaults: &[("rpik", Start::Text("belum"))],
    check: no_check,
    warnings: no_warnings,
};

pub const JENIS_KEGIATAN: &[Choice] = choices! {
    "sosialisasi" => KegiatanSosialisasi,
    "pelatihan_kemasan" => KegiatanKemasan,
    "pelatihan_keuangan" => KegiatanKeuangan,
    "pelatihan_desain" => KegiatanDesain,
    "fasilitasi_halal" => KegiatanHalal,
    "gelar_produk" => KegiatanGelar,
    "temu_jejaring" => KegiatanJejaring,
    "lainnya" => ChoiceLainnya,
};

pub static KEGIATAN: Schema = Schema {
    kind: Kind::Kegiatan,
    path: "kegiatan",
    title: Msg::NavKegiatan,
    new_title: Msg::KegiatanNewTitle,
    intro: Msg::KegiatanIntro,
    empty: Msg::KegiatanEmpty,
    sections: &[
        Section {
            title: Msg::SectionIdentity,
            fields: &[
                req("nama", Msg::FieldNamaKegiatan, Ty::Text(200)),
                req("jenis", Msg::FieldJenisKegiatan, Ty::Choice(JENIS_KEGIATAN)),
                req("tanggal", Msg::FieldTanggal, Ty::Date { future: true }),
                f("tempat", Msg::FieldTempat, Ty::Text(200)),
                f("kecamatan", Msg::KecamatanLabel, Ty::Kecamatan),
                f("anggaran", Msg::FieldAnggaran, Ty::Rupiah),
            ],
        },
        Section {
            title: Msg::SectionPeserta,
            fields: &[
                f("peserta", Msg::FieldPeserta, Ty::Links(Kind::Usaha)),
                f("hasil", Msg::FieldHasil, Ty::Note),
            ],
        },
        Section {
            title: Msg::SectionTerkait,
            fields: &[
                f("kawasan", Msg::NavKawasan, Ty::Link(Kind::Kawasan)),
                f("sentra", Msg::NavSentra, Ty::Link(Kind::Sentra)),
                f("survei", Msg::NavSurvei, Ty::Link(Kind::SurveiDesa)),
            ],
        },
    ],
    title_fields: &["nama"],
    meta: &["tanggal", "tempat", "peserta"],
    status: Some("jenis"),
    filters: &[],
    defaults: &[],
    check: no_check,
    warnings: no_warnings,
};

/// The Kegiatan field that names a record of `kind` it concerns (a verification visit to a
/// kawasan, a meeting of a sentra, a follow-up of a village survey), read from the schema: the
/// record's page lists the Kegiatan about it. `None` for a kind no Kegiatan can concern.
pub fn kegiatan_field_about(kind: Kind) -> Option<&'static str> {
    KEGIATAN
        .fields()
        .find(|f| f.ty == Ty::Link(kind))
        .map(|f| f.key)
}

pub const JENIS_MITRA: &[Choice] = choices! {
    "wirausaha" => MitraWirausaha,
    "investor" => MitraInvestor,
    "ritel" => MitraRitel,
    "marketplace" => MitraMarketplace,
    "wisata" => MitraWisata,
    "lembaga" => MitraLembaga,
    "lainnya" => ChoiceLainnya,
};

pub static MITRA: Schema = Schema {
    kind: Kind::Mitra,
    path: "mitra",
    title: Msg::NavMitra,
    new_title: Msg::MitraNewTitle,
    intro: Msg::MitraIntro,
    empty: Msg::MitraEmpty,
    sections: &[Section {
        title: Msg::SectionIdentity,
        fields: &[
            req("nama", Msg::FieldNamaMitra, Ty::Text(200)),
            req("jenis", Msg::FieldJenisMitra, Ty::Choice(JENIS_MITRA)),
            f("narahubung", Msg::FieldNarahubung, Ty::Text(200)),
            f("telepon", Msg::FieldTelepon, Ty::Phone),
            f("alamat", Msg::FieldAlamat, Ty::Text(500)),
            f("catatan", Msg::FieldCatatan, Ty::Note),
        ],
    }],
    title_fields: &["nama"],
    meta: &["narahubung", "telepon"],
    status: Some("jenis"),
    filters: &[],
    defaults: &[],
    check: no_check,
    warnings: no_warnings,
};

pub const STATUS_JEJARING: &[Choice] = choices! {
    "diperkenalkan" => JejaringDiperkenalkan,
    "negosiasi" => JejaringNegosiasi,
    "kerja_sama" => JejaringKerjaSama,
    "selesai" => JejaringSelesai,
};

pub static JEJARING: Schema = Schema {
    kind: Kind::Jejaring,
    path: "jejaring",
    title: Msg::NavJejaring,
    new_title: Msg::JejaringNewTitle,
    intro: Msg::JejaringIntro,
    empty: Msg::JejaringEmpty,
    sections: &[Section {
        title: Msg::SectionIdentity,
        fields: &[
            req("usaha", Msg::FieldUsaha, Ty::Link(Kind::Usaha)),
            req("mitra", Msg::FieldMitra, Ty::Link(Kind::Mitra)),
            req(
                "status",
                Msg::FieldStatusJejaring,
                Ty::Choice(STATUS_JEJARING),
            ),
            f("tanggal", Msg::FieldTanggal, Ty::Date { future: false }),
            f("catatan", Msg::FieldCatatan, Ty::Note),
        ],
    }],
    title_fields: &["usaha", "mitra"],
    meta: &["tanggal"],
    status: Some("status"),
    filters: &[],
    defaults: &[("status", Start::Text("diperkenalkan"))],
    check: no_check,
    warnings: no_warnings,
};

/// Every kind with a schema, in navigation order.
pub static SCHEMAS: [&Schema; 6] = [&SENTRA, &SURVEI, &KAWASAN, &KEGIATAN, &MITRA, &JEJARING];

pub fn schema(kind: Kind) -> Option<&'static Schema> {
    SCHEMAS.iter().copied().find(|s| s.kind == kind)
}

#[cfg(test)]
mod tests;
