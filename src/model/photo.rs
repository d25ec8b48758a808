//! Photos on records (issue 17): the reference model. Pure; the bytes live elsewhere (IndexedDB
//! on the device, a bundle's `photos` on the way: `crate::bundle`).
//!
//! A photo is known by the lowercase hex SHA-256 of its stored bytes (the shrunk JPEG or WebP as
//! kept on the device): the same photo is stored once, and a receiver can tell whether it has it.
//! A record refers to a photo by a field of its own, `foto/<sha256>` (as a sentra's members are
//! `anggota/<id>`), so photos merge as a set: two devices adding photos change different
//! fields and both stay, and a removal (`false`) is an edit that travels like any other. The
//! field's value describes the photo ([`PhotoRef`]): what it shows (`jenis`, from the kind's own
//! list [`jenis_of`]), its size in pixels and bytes, and its type.

use super::schema::ELEMENT_SEP;
use super::{FieldError, Kind, Record, Val};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The start of every photo field's name: `foto/<sha256>`.
pub const FOTO: &str = "foto";
/// The longest side a photo may have, in pixels (the device shrinks to about 1,600).
pub const MAX_SIDE: u32 = 4096;
/// The most bytes a stored photo may have: 2 MiB (a shrunk one is typically 150-300 KB).
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;
/// The types a stored photo may have.
pub const TIPES: [&str; 2] = ["image/jpeg", "image/webp"];

/// What a photo of a kind may show: its `jenis` key and label, in the order photos are listed.
/// Mitra and Jejaring have none.
pub fn jenis_of(kind: Kind) -> &'static [(&'static str, Msg)] {
    match kind {
        Kind::Usaha => &[
            ("tempat", Msg::FotoTempat),
            ("produk", Msg::FotoProduk),
            ("izin", Msg::FotoIzin),
        ],
        Kind::Sentra | Kind::SurveiDesa => {
            &[("lokasi", Msg::FotoLokasi), ("produk", Msg::FotoProduk)]
        }
        Kind::Kawasan => &[("lahan", Msg::FotoLahan)],
        Kind::Kegiatan => &[
            ("kegiatan", Msg::FotoKegiatan),
            ("peserta", Msg::FotoPeserta),
        ],
        Kind::Mitra | Kind::Jejaring => &[],
    }
}

/// Whether records of `kind` can have photos.
pub fn has_photos(kind: Kind) -> bool {
    !jenis_of(kind).is_empty()
}

/// Whether `s` is a photo's identity: 64 lowercase hex digits (a SHA-256).
pub fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The field that refers to the photo `hash`: `foto/<hash>`.
pub fn photo_key(hash: &str) -> String {
    format!("{FOTO}{ELEMENT_SEP}{hash}")
}

/// Whether `key` is named as a photo field (`foto/…`), valid or not.
pub fn is_photo_field(key: &str) -> bool {
    key.strip_prefix(FOTO)
        .is_some_and(|rest| rest.starts_with(ELEMENT_SEP))
}

/// The photo a field refers to, when `key` is a valid photo field `foto/<sha256>`.
pub fn photo_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(FOTO)?
        .strip_prefix(ELEMENT_SEP)
        .filter(|hash| is_hash(hash))
}

/// A photo field's value while the record has the photo (`false` once removed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRef {
    /// What it shows: a key of [`jenis_of`] the record's kind.
    pub jenis: String,
    /// Width and height in pixels, 1 to [`MAX_SIDE`].
    pub lebar: u32,
    pub tinggi: u32,
    /// Bytes as stored, 1 to [`MAX_BYTES`].
    pub ukuran: u64,
    /// One of [`TIPES`].
    pub tipe: String,
}

impl PhotoRef {
    /// The reasons a record of `kind` cannot hold this photo, as the form shows them (field
    /// `foto`).
    pub fn errors(&self, kind: Kind) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !jenis_of(kind).iter().any(|(k, _)| *k == self.jenis) {
            let mut e = FieldError::new(FOTO, Msg::ErrFotoJenis);
            e.args
                .push(("jenis", self.jenis.chars().take(40).collect()));
            errors.push(e);
        }
        if !TIPES.contains(&self.tipe.as_str()) {
            errors.push(FieldError::new(FOTO, Msg::ErrFotoTipe));
        }
        if ![self.lebar, self.tinggi]
            .iter()
            .all(|side| (1..=MAX_SIDE).contains(side))
        {
            let mut e = FieldError::new(FOTO, Msg::ErrFotoSide);
            e.args.push(("max", MAX_SIDE.to_string()));
            errors.push(e);
        }
        if !(1..=MAX_BYTES).contains(&self.ukuran) {
            let mut e = FieldError::new(FOTO, Msg::ErrFotoSize);
            e.args.push(("max", (MAX_BYTES >> 20).to_string()));
            errors.push(e);
        }
        errors
    }

    /// The field's value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a photo reference always serialises")
    }
}

/// A photo field of a record of `kind` read and checked: `Ok(Some)` a photo the record has,
/// `Ok(None)` one removed (`false`) or cleared (`null`), `Err` the first reason the form's rules
/// refuse it (a name that is not `foto/<sha256>`, a value that is not a photo, a kind that has
/// no such photos, sizes out of range).
pub fn check_field(kind: Kind, key: &str, value: &Val) -> Result<Option<PhotoRef>, FieldError> {
    if photo_of_key(key).is_none() {
        return Err(FieldError::new(FOTO, Msg::ErrFotoKey));
    }
    if matches!(value, Val::Bool(false) | Val::Null) {
        return Ok(None);
    }
    let photo = value
        .as_json()
        .filter(|v| v.is_object())
        .and_then(|v| PhotoRef::deserialize(v).ok())
        .ok_or_else(|| FieldError::new(FOTO, Msg::ErrFotoValue))?;
    match photo.errors(kind).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(Some(photo)),
    }
}

/// The photos a record has (valid fields only, removed ones left out): each one's hash and
/// reference, listed by `jenis` in [`jenis_of`]'s order, then in the order they were added (by
/// the stamp of their field, which every device sees the same).
pub fn photos(r: &Record) -> Vec<(String, PhotoRef)> {
    let prefix = format!("{FOTO}{ELEMENT_SEP}");
    let order = |jenis: &str| jenis_of(r.kind).iter().position(|(k, _)| *k == jenis);
    let mut found: Vec<_> = r
        .fields
        .prefixed(&prefix)
        .filter_map(|(key, f)| {
            let photo = check_field(r.kind, key, &f.value).ok()??;
            Some((
                order(&photo.jenis),
                &f.stamp,
                key[prefix.len()..].to_string(),
                photo,
            ))
        })
        .collect();
    found.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    found.into_iter().map(|(_, _, h, p)| (h, p)).collect()
}

/// Every photo a live (not deleted) record among `records` has: what a bundle of these records
/// carries, and what the office hub keeps and serves. A device keeps a deleted record's photos
/// too, so undoing the deletion brings them back (`web::records::photos`'s
/// `drop_unreferenced`); the hub removes them, and takes them again from the device that undoes.
pub fn referenced<'a>(records: impl IntoIterator<Item = &'a Record>) -> BTreeSet<String> {
    records
        .into_iter()
        .filter(|r| !r.is_deleted())
        .flat_map(|r| photos(r).into_iter().map(|(hash, _)| hash))
        .collect()
}

/// The file name a photo is given outside the app (an export's "Foto" column, a download):
/// `<sha256>.jpg` or `.webp`.
pub fn file_name(hash: &str, photo: &PhotoRef) -> String {
    let ext = if photo.tipe == "image/webp" {
        "webp"
    } else {
        "jpg"
    };
    format!("{hash}.{ext}")
}

/// How long a photo kept on the device is safe from removal before any record refers to it: a
/// photo is kept just before the record that refers to it is saved (`web::records::photos`), and
/// another tab starting in between, or holding records read before that save, would find it
/// referred to by nothing. Ten minutes covers a tab's start many times over.
pub const KEPT_LATELY_MS: u64 = 10 * 60 * 1000;

/// The photos a device may remove: those `stored` that no record refers to (`referenced`),
/// except those kept within [`KEPT_LATELY_MS`] of `now_ms` (`kept`: when each was kept).
pub fn removable(
    stored: Vec<String>,
    referenced: &BTreeSet<String>,
    kept: &BTreeMap<String, u64>,
    now_ms: u64,
) -> Vec<String> {
    stored
        .into_iter()
        .filter(|h| !referenced.contains(h))
        .filter(|h| {
            kept.get(h)
                .is_none_or(|at| now_ms.saturating_sub(*at) >= KEPT_LATELY_MS)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::hlc::Clock;
    use crate::model::{field_label, Editor};
    use serde_json::json;

    const H1: &str = "1111111111111111111111111111111111111111111111111111111111111111";
    const H2: &str = "2222222222222222222222222222222222222222222222222222222222222222";
    const H3: &str = "3333333333333333333333333333333333333333333333333333333333333333";

    fn photo(jenis: &str) -> Value {
        json!({"jenis": jenis, "lebar": 1600, "tinggi": 1200, "ukuran": 210_000, "tipe": "image/jpeg"})
    }

    #[test]
    fn keys_and_hashes() {
        assert!(is_hash(H1));
        assert!(!is_hash(&H1.to_uppercase().replace('1', "A")));
        assert!(!is_hash(&H1[1..]));
        assert!(!is_hash(&format!("{}g", &H1[1..])));
        assert_eq!(photo_key(H1), format!("foto/{H1}"));
        assert_eq!(photo_of_key(&photo_key(H1)), Some(H1));
        assert_eq!(photo_of_key("foto/abc"), None);
        assert_eq!(photo_of_key(&format!("fotox/{H1}")), None);
        assert!(is_photo_field("foto/abc") && !is_photo_field("fotografer"));
        assert_eq!(
            field_label(Kind::Usaha, &photo_key(H1)),
            Some(Msg::FieldFoto)
        );
        assert_eq!(
            field_label(Kind::Kawasan, &photo_key(H1)),
            Some(Msg::FieldFoto)
        );
        assert_eq!(
            field_label(Kind::Mitra, &photo_key(H1)),
            None,
            "mitra has no photos"
        );
    }

    #[test]
    fn the_forms_rules_for_a_photo_field() {
        let key = photo_key(H1);
        let ok = check_field(Kind::Usaha, &key, &Val::from(photo("produk")))
            .unwrap()
            .unwrap();
        assert_eq!(ok.to_value(), photo("produk"));
        assert_eq!(
            check_field(Kind::Usaha, &key, &Val::from(json!(false))),
            Ok(None)
        );
        let reason = |kind, key: &str, v: Value| {
            check_field(kind, key, &Val::from(v))
                .unwrap_err()
                .text(Lang::Id)
        };
        assert!(reason(Kind::Usaha, "foto/abc", json!(false)).contains("SHA-256"));
        assert!(reason(Kind::Usaha, &key, json!(true)).contains("keterangan foto"));
        assert!(reason(Kind::Usaha, &key, json!({"jenis": "produk"})).contains("keterangan foto"));
        assert_eq!(
            reason(Kind::Usaha, &key, photo("lahan")),
            "jenis foto \"lahan\" tidak dikenal untuk data ini"
        );
        assert!(reason(Kind::Mitra, &key, photo("produk")).contains("tidak dikenal"));
        let mut big = photo("lahan");
        big["ukuran"] = json!(MAX_BYTES + 1);
        assert_eq!(
            reason(Kind::Kawasan, &key, big),
            "ukuran foto harus 1 bait sampai 2 MiB"
        );
        let mut wide = photo("kegiatan");
        wide["lebar"] = json!(4097);
        assert!(reason(Kind::Kegiatan, &key, wide).contains("4096 piksel"));
        let mut gif = photo("lokasi");
        gif["tipe"] = json!("image/gif");
        assert!(reason(Kind::Sentra, &key, gif).contains("JPEG atau WebP"));
        let mut neg = photo("lokasi");
        neg["tinggi"] = json!(-1);
        assert!(reason(Kind::SurveiDesa, &key, neg).contains("keterangan foto"));
    }

    #[test]
    fn photos_by_jenis_then_as_added_and_the_referenced_ones() {
        let mut clock = Clock::new("dev-a");
        let mut ed = Editor {
            clock: &mut clock,
            officer: "Uji",
            now_ms: 1_795_400_000_000,
        };
        let mut r = Record::new(Kind::Usaha, &mut ed);
        r.set(&photo_key(H3), photo("produk"), &mut ed);
        r.set(&photo_key(H1), photo("produk"), &mut ed);
        r.set(&photo_key(H2), photo("tempat"), &mut ed);
        r.set("foto/rusak", photo("tempat"), &mut ed);
        let hashes = |r: &Record| photos(r).into_iter().map(|(h, _)| h).collect::<Vec<_>>();
        assert_eq!(
            hashes(&r),
            [H2, H3, H1],
            "tempat first, then produk as added"
        );
        r.set(&photo_key(H3), json!(false), &mut ed);
        assert_eq!(hashes(&r), [H2, H1], "a removed photo is not listed");
        let mut gone = Record::new(Kind::Kegiatan, &mut ed);
        gone.set(&photo_key(H3), photo("peserta"), &mut ed);
        gone.set_deleted(true, &mut ed);
        assert_eq!(
            referenced([&r, &gone]),
            [H1.to_string(), H2.to_string()].into(),
            "a deleted record refers to nothing"
        );
        assert_eq!(file_name(H1, &photos(&r)[0].1), format!("{H1}.jpg"));
    }

    #[test]
    fn a_photo_kept_lately_is_not_removed_before_its_record_refers_to_it() {
        let h = |c: char| c.to_string().repeat(64);
        let stored = vec![h('a'), h('b'), h('c'), h('d')];
        let referenced: BTreeSet<String> = [h('a')].into();
        let now = 1_800_000_000_000;
        let kept: BTreeMap<String, u64> = [
            (h('b'), now - 1_000),
            (h('c'), now - KEPT_LATELY_MS),
            (h('a'), now),
        ]
        .into();
        assert_eq!(
            removable(stored, &referenced, &kept, now),
            [h('c'), h('d')],
            "b was kept a second ago; c ten minutes ago; d never marked; a is referred to"
        );
    }
}
