//! The product catalogue (issue 17): the Usaha an office can show to buyers and partners, each
//! with the photos of its products, under Beranda's filter. An officer who photographs a
//! business's products does it for this page, printed or saved as PDF.
//!
//! Only live Usaha that are not known to have stopped (status `tidak_aktif` or `tutup`), and
//! only those with a photo of their products (`jenis` `produk`): a catalogue promotes what can
//! still be bought. Ordered by name as people read it (case and punctuation ignored).

use super::{fold, text, Filter, Links, Narrow};
use crate::model::photo::photos;
use crate::model::{Id, Kind, Record};
use std::collections::BTreeMap;

/// The product photos an entry shows at most (the first ones taken).
pub const PHOTOS_PER_ENTRY: usize = 2;

/// One business in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Id,
    pub nama: String,
    pub produk: String,
    pub komoditas: String,
    /// The village's code (`PP.KK.CC.DDDD`), empty when not given.
    pub desa: String,
    /// As written: the page masks it unless the officer asks (personal data, UU 27/2022).
    pub telepon: String,
    /// Hashes of its product photos, at most [`PHOTOS_PER_ENTRY`], in the order they were added.
    pub photos: Vec<String>,
}

/// The catalogue of `records` under `filter` (the device's `utc_offset_ms` for its year).
pub fn katalog(records: &BTreeMap<Id, Record>, filter: &Filter, utc_offset_ms: i64) -> Vec<Entry> {
    let links = Links(records);
    let narrow = Narrow {
        filter,
        komoditas: filter.komoditas.as_deref().map(fold),
    };
    let mut entries: Vec<(String, Entry)> = records
        .values()
        .filter(|r| r.kind == Kind::Usaha && !r.is_deleted())
        .filter(|r| !matches!(text(r, "status"), "tidak_aktif" | "tutup"))
        .filter_map(|r| {
            let shown: Vec<String> = photos(r)
                .into_iter()
                .filter(|(_, p)| p.jenis == "produk")
                .map(|(hash, _)| hash)
                .take(PHOTOS_PER_ENTRY)
                .collect();
            (!shown.is_empty() && narrow.keeps(r, &links, utc_offset_ms)).then(|| {
                let entry = Entry {
                    id: r.id.clone(),
                    nama: text(r, "nama").trim().to_string(),
                    produk: text(r, "produk").trim().to_string(),
                    komoditas: text(r, "komoditas").trim().to_string(),
                    desa: text(r, "desa").to_string(),
                    telepon: text(r, "telepon").to_string(),
                    photos: shown,
                };
                (fold(&entry.nama), entry)
            })
        })
        .collect();
    crate::sort::by(&mut entries, |a, b| (&a.0, &a.1.id).cmp(&(&b.0, &b.1.id)));
    entries.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::photo::{photo_key, PhotoRef};
    use crate::model::Editor;
    use serde_json::json;

    fn usaha(
        ed: &mut Editor,
        nama: &str,
        fields: &[(&str, &str)],
        fotos: &[(&str, char)],
    ) -> Record {
        let mut r = Record::new(Kind::Usaha, ed);
        r.set("nama", json!(nama), ed);
        for (k, v) in fields {
            r.set(k, json!(v), ed);
        }
        for (jenis, c) in fotos {
            let photo = PhotoRef {
                jenis: jenis.to_string(),
                lebar: 1600,
                tinggi: 1200,
                ukuran: 180_000,
                tipe: "image/jpeg".into(),
            };
            r.set(&photo_key(&c.to_string().repeat(64)), photo.to_value(), ed);
        }
        r
    }

    #[test]
    fn live_businesses_with_product_photos_under_the_filter_by_name() {
        let mut clock = Clock::new("dev-k");
        let mut ed = Editor {
            clock: &mut clock,
            officer: "Petugas Uji",
            now_ms: 1_795_000_000_000,
        };
        let batik = [
            ("desa", "35.29.02.2004"),
            ("komoditas", "Batik"),
            ("status", "aktif"),
        ];
        let mut all = vec![
            usaha(
                &mut ed,
                "tempe Sari",
                &[("desa", "35.29.04.2006"), ("komoditas", "Tempe")],
                &[("produk", 'a')],
            ),
            usaha(
                &mut ed,
                "Batik Sekar",
                &batik,
                &[
                    ("tempat", 'b'),
                    ("produk", 'c'),
                    ("produk", 'd'),
                    ("produk", 'e'),
                ],
            ),
            usaha(
                &mut ed,
                "Batik Tutup",
                &[("komoditas", "Batik"), ("status", "tutup")],
                &[("produk", 'f')],
            ),
            usaha(&mut ed, "Batik Tempat Saja", &batik, &[("tempat", '1')]),
            usaha(&mut ed, "Batik Dihapus", &batik, &[("produk", '2')]),
        ];
        all[4].set_deleted(true, &mut ed);
        // A removed photo (false) is not shown.
        all[0].set(&photo_key(&"a".repeat(64)), json!(false), &mut ed);
        all.push(usaha(
            &mut ed,
            "Anyaman Bluto",
            &[("telepon", "081234567890")],
            &[("produk", '9')],
        ));
        let records: BTreeMap<Id, Record> = all.into_iter().map(|r| (r.id.clone(), r)).collect();

        let every = katalog(&records, &Filter::default(), 0);
        let names: Vec<&str> = every.iter().map(|e| e.nama.as_str()).collect();
        assert_eq!(names, ["Anyaman Bluto", "Batik Sekar"]);
        assert_eq!(
            every[1].photos,
            ["c".repeat(64), "d".repeat(64)],
            "its first two product photos"
        );
        assert_eq!(
            every[0].telepon, "081234567890",
            "as written; the page masks it"
        );

        let batik_only = Filter {
            komoditas: Some("batik".into()),
            ..Filter::default()
        };
        let names: Vec<String> = katalog(&records, &batik_only, 0)
            .into_iter()
            .map(|e| e.nama)
            .collect();
        assert_eq!(names, ["Batik Sekar"]);
        let kecamatan = Filter {
            kecamatan: Some("35.29.04".into()),
            ..Filter::default()
        };
        assert!(
            katalog(&records, &kecamatan, 0).is_empty(),
            "tempe Sari's one product photo was removed"
        );
    }
}
