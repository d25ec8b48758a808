//! Names for what records store: regions by name, linked records by title, choices by label.
//! Pure (no browser): the pages show records through it, and exports write them with it.

use crate::format;
use crate::i18n::{fill, Lang, Msg};
use crate::komoditas;
use crate::model::kinds;
use crate::model::privasi::mask_phone;
use crate::model::schema::{list_of, plain_text, FieldSpec, Ty};
use crate::model::usaha;
use crate::model::Val;
use crate::model::{Id, Kind, Record};
use crate::wilayah::{Gazetteer, RegionIndex};
use std::collections::BTreeMap;

/// Names for what records store: regions by name, linked records by title, choices by label.
pub struct Lookup<'a> {
    pub lang: Lang,
    pub gazetteer: &'a Gazetteer,
    pub index: Option<&'a RegionIndex>,
    pub all: &'a BTreeMap<Id, Record>,
}

impl Lookup<'_> {
    /// What names a record in lists and links.
    pub fn title(&self, r: &Record) -> String {
        let title = match kinds::schema(r.kind) {
            None => r.text("nama").to_string(),
            Some(schema) => schema
                .title_fields
                .iter()
                .filter_map(|key| {
                    let spec = schema.field(key)?;
                    let v = r.get(key)?;
                    Some(self.shown(spec, v, false))
                })
                .collect::<Vec<_>>()
                .join(" — "),
        };
        if title.trim().is_empty() {
            Msg::RecordUnnamed.text(self.lang).to_string()
        } else {
            title
        }
    }

    /// The title of the linked record of `kind`. A link to a record of another kind (a damaged
    /// or hand-made bundle) is shown as gone: following it could loop through links forever.
    pub fn linked_title(&self, kind: Kind, id: &str) -> String {
        match self.all.get(id) {
            Some(r) if r.kind == kind && !r.is_deleted() => self.title(r),
            _ => Msg::LinkGone.text(self.lang).to_string(),
        }
    }

    /// A record's field as shown (`None`: empty): [`Lookup::shown`] of its value, or for links
    /// the titles of its members ([`Record::links`]).
    pub fn shown_field(&self, r: &Record, spec: &FieldSpec, masked: bool) -> Option<String> {
        match spec.ty {
            Ty::Gps => gps_point(r).map(gps_text),
            Ty::Links(kind) => {
                let ids = r.links(spec.key);
                (!ids.is_empty()).then(|| self.linked_titles(kind, ids))
            }
            _ => Some(self.shown(spec, r.get(spec.key)?, masked)),
        }
    }

    fn linked_titles<'i>(&self, kind: Kind, ids: impl IntoIterator<Item = &'i str>) -> String {
        ids.into_iter()
            .map(|id| self.linked_title(kind, id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every filled field of an Usaha but its name and status (the page's heading and chip), in
    /// the form's order, as its detail page shows it: short labels, money, dates and counts as
    /// officers read them, the village with its code, the GPS point as one fact. Phones in full.
    pub fn usaha_facts(&self, r: &Record) -> Vec<Fact> {
        let t = |m: Msg| m.text(self.lang);
        // The office lists it was brought in from, after the date it was last verified.
        let years = usaha::tahun_data(r);
        let listed = (!years.is_empty()).then(|| Fact {
            key: usaha::TAHUN_DATA,
            label: Msg::FieldTahunData,
            text: years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
        let mut facts: Vec<Fact> = usaha::LABELS
            .iter()
            .filter_map(|&(key, label)| {
                let v = r.get(key)?;
                let text = match key {
                    "nama" | "status" | "lon" => return None,
                    "lat" => gps_text(gps_point(r)?),
                    "desa" => {
                        let code = v.as_str().unwrap_or_default();
                        match self.gazetteer.village(code) {
                            Some(village) => format!("{} ({code})", village.place()),
                            None => code.to_string(),
                        }
                    }
                    "komoditas" => {
                        let k = v.as_str().unwrap_or_default();
                        komoditas::by_key(k).map_or(k, |k| k.name).to_string()
                    }
                    "tenaga_kerja" => fill(
                        t(Msg::CountPeople),
                        &[("count", &format::thousands(v.as_u64()?, self.lang))],
                    ),
                    "modal" | "penjualan" | "investasi" => format::rupiah(v.as_u64()?, self.lang),
                    "diverifikasi" => format::date(v.as_str()?, self.lang),
                    "halal_status" => t(usaha::halal_label(v.as_str()?)?).to_string(),
                    _ => match v.as_str() {
                        Some(s) => s.to_string(),
                        None => v.to_string(),
                    },
                };
                Some(Fact {
                    key,
                    label: short_label(label),
                    text,
                })
            })
            .collect();
        let at = facts
            .iter()
            .position(|f| f.key == "diverifikasi")
            .map_or(facts.len(), |i| i + 1);
        facts.splice(at..at, listed);
        facts
    }

    /// A stored value as shown; phone numbers masked when `masked`. A links value is a list of
    /// ids (as an old version stored it, or a conflict on it shows): a record's members are
    /// shown by [`Lookup::shown_field`].
    pub fn shown(&self, spec: &FieldSpec, v: &Val, masked: bool) -> String {
        let code = v.as_str().unwrap_or_default();
        match spec.ty {
            Ty::Desa => self
                .gazetteer
                .village(code)
                .map_or_else(|| code.to_string(), |v| v.place()),
            Ty::Kecamatan => self
                .gazetteer
                .kecamatan_name(code)
                .map_or_else(|| code.to_string(), |n| format!("Kec. {n}")),
            Ty::Kabupaten => self
                .index
                .and_then(|i| i.kabupaten(code))
                .map_or_else(|| code.to_string(), |k| k.name.clone()),
            Ty::Link(kind) => self.linked_title(kind, code),
            Ty::Links(kind) => self.linked_titles(kind, list_of(v.as_json())),
            Ty::Phone if masked => mask_phone(code),
            Ty::Date { .. } => format::date(code, self.lang),
            Ty::Rupiah => v
                .as_u64()
                .map_or_else(String::new, |n| format::rupiah(n, self.lang)),
            Ty::Count => v
                .as_u64()
                .map_or_else(|| v.to_string(), |n| format::thousands(n, self.lang)),
            Ty::Hectare => v
                .as_f64()
                .map_or_else(String::new, |h| format::hectares(h, self.lang)),
            _ => plain_text(spec, v, |m| m.text(self.lang)),
        }
    }
}

/// One line of a detail page: the field (its test id), a short label, the value as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub key: &'static str,
    pub label: Msg,
    pub text: String,
}

/// The label a detail page gives a field: the form's label without the hint it needs for typing
/// ("NIB (13 angka, bila ada)" reads "NIB"; the unit goes with the value, "4,5 ha").
pub fn short_label(label: Msg) -> Msg {
    match label {
        Msg::FieldNib => Msg::ShortNib,
        Msg::FieldKecamatanTertulis => Msg::ShortKecamatanTertulis,
        Msg::FieldTenagaKerja => Msg::ShortTenagaKerja,
        Msg::FieldModal => Msg::ShortModal,
        Msg::FieldPenjualan => Msg::ShortPenjualan,
        Msg::FieldInvestasi => Msg::ShortInvestasi,
        Msg::FieldDiverifikasi => Msg::ShortDiverifikasi,
        Msg::FieldLat | Msg::FieldLon => Msg::ShortGps,
        Msg::FieldAnggaran => Msg::ShortAnggaran,
        Msg::FieldLuasHa => Msg::ShortLuasHa,
        Msg::FieldLahanHa => Msg::ShortLahanHa,
        Msg::FieldAnggota => Msg::ShortAnggota,
        Msg::FieldPeserta => Msg::ShortPeserta,
        other => other,
    }
}

/// A record's GPS point (`lat`, `lon`), when both are numbers.
pub fn gps_point(r: &Record) -> Option<(f64, f64)> {
    Some((r.get("lat")?.as_f64()?, r.get("lon")?.as_f64()?))
}

/// A GPS point as map apps write it: "-7.012345, 113.865432" (a decimal point in every language:
/// it is typed or pasted into map apps as it is).
pub fn gps_text((lat, lon): (f64, f64)) -> String {
    format!("{lat}, {lon}")
}

/// Where a GPS point opens: a `geo:` URI (Android hands it to the map app chosen on the phone)
/// and an OpenStreetMap page (for a laptop, which has no app for `geo:`).
pub fn map_links((lat, lon): (f64, f64)) -> (String, String) {
    (
        format!("geo:{lat},{lon}?q={lat},{lon}"),
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::Editor;
    use crate::wilayah::KabupatenData;
    use serde_json::json;

    fn usaha(fields: serde_json::Value) -> Record {
        let mut clock = Clock::new("uji".to_string());
        let mut editor = Editor {
            clock: &mut clock,
            officer: "Petugas Uji",
            now_ms: 1_750_000_000_000,
        };
        let mut r = Record::new(Kind::Usaha, &mut editor);
        for (k, v) in fields.as_object().expect("an object") {
            r.set(k, v.clone(), &mut editor);
        }
        r
    }

    fn facts(r: &Record, lang: Lang) -> Vec<(String, String)> {
        let mut g = Gazetteer::new();
        g.add([KabupatenData {
            code: "35.29".into(),
            name: "Kabupaten Sumenep".into(),
            kecamatan: vec![("35.29.02".into(), "Kalianget".into())],
            villages: vec![("35.29.02.2004".into(), "Kertasada".into())],
        }]);
        let all = BTreeMap::new();
        let names = Lookup {
            lang,
            gazetteer: &g,
            index: None,
            all: &all,
        };
        names
            .usaha_facts(r)
            .into_iter()
            .map(|f| (f.label.text(lang).to_string(), f.text))
            .collect()
    }

    #[test]
    fn an_usaha_reads_as_officers_read_it_every_field_shown() {
        let r = usaha(json!({
            "nama": "Batik Sekar", "status": "aktif", "pemilik": "Ibu Sari",
            "telepon": "0812-3456-7890", "nib": "1234567890123", "alamat": "Jl. Raya 1",
            "desa": "35.29.02.2004", "kecamatan_tertulis": "Bluto", "komoditas": "batik",
            "kbli": "13134", "kbli_edisi": "2020", "produk": "batik tulis",
            "tenaga_kerja": 1250, "modal": 75_000_000, "penjualan": 300_000_000,
            "investasi": 5_000_000, "tahun_mulai": 2019, "pirt": "123456789012345",
            "halal_status": "terbit", "halal_no": "ID35110000123", "diverifikasi": "2025-05-20",
            "lat": -7.012345, "lon": 113.865432, "catatan": "Pameran 2024"
        }));
        let shown = facts(&r, Lang::Id);
        let want = [
            ("Nama pemilik", "Ibu Sari"),
            ("Telepon", "0812-3456-7890"),
            ("NIB", "1234567890123"),
            ("Alamat", "Jl. Raya 1"),
            (
                "Desa/kelurahan",
                "Kertasada, Kec. Kalianget, Kabupaten Sumenep (35.29.02.2004)",
            ),
            ("Kecamatan tertulis", "Bluto"),
            ("Komoditas", "Batik"),
            ("Kode KBLI", "13134"),
            ("Edisi KBLI", "2020"),
            ("Produk", "batik tulis"),
            ("Tenaga kerja", "1.250 orang"),
            ("Modal usaha", "Rp75.000.000"),
            ("Penjualan per tahun", "Rp300.000.000"),
            ("Investasi", "Rp5.000.000"),
            ("Tahun mulai usaha", "2019"),
            ("Nomor P-IRT", "123456789012345"),
            ("Sertifikat halal", "Terbit"),
            ("Nomor sertifikat halal", "ID35110000123"),
            ("Terakhir diverifikasi", "20 Mei 2025"),
            ("Titik GPS", "-7.012345, 113.865432"),
            ("Catatan", "Pameran 2024"),
        ];
        let shown: Vec<(&str, &str)> = shown
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        assert_eq!(shown, want);
        // Every field the form knows is on the page, name and status in their own places.
        assert_eq!(
            shown.len() + 3,
            usaha::LABELS.len(),
            "all but nama, status, lon"
        );
        let en = facts(&r, Lang::En);
        assert!(en.contains(&("Business capital".into(), "Rp75,000,000".into())));
        assert!(en.contains(&("Workers".into(), "1,250 people".into())));
    }

    #[test]
    fn a_point_opens_in_a_map_app_and_on_the_web() {
        let r = usaha(json!({ "nama": "X", "lat": -7.5, "lon": 112.25 }));
        let point = gps_point(&r).expect("both numbers");
        let (geo, web) = map_links(point);
        assert_eq!(geo, "geo:-7.5,112.25?q=-7.5,112.25");
        assert_eq!(
            web,
            "https://www.openstreetmap.org/?mlat=-7.5&mlon=112.25#map=17/-7.5/112.25"
        );
        assert_eq!(gps_point(&usaha(json!({ "nama": "X", "lat": -7.5 }))), None);
        // An unknown village and commodity read as stored.
        let r = usaha(json!({ "nama": "X", "desa": "35.29.99.2001", "komoditas": "Sapu lidi" }));
        assert_eq!(
            facts(&r, Lang::Id),
            [
                ("Desa/kelurahan".to_string(), "35.29.99.2001".to_string()),
                ("Komoditas".to_string(), "Sapu lidi".to_string())
            ]
        );
    }
}
