//! The writer in steps against the one-go writer, and photos carried or not.

use super::super::{read, write, Scope};
use super::*;
use crate::model::hlc::Clock;
use crate::model::rules::Today;
use crate::model::{Editor, Kind};
use serde_json::json;

fn header(officer: &str) -> Header {
    Header {
        created_ms: 1_795_400_000_000,
        device: "dev-a".into(),
        officer: officer.into(),
        kabupaten: Some("35.29".into()),
        scope: Scope::All,
    }
}

fn records(n: usize) -> Vec<Record> {
    let mut a = Clock::new("device-a");
    let mut b = Clock::new("device-b");
    (0..n)
        .map(|i| {
            let mut ed = Editor {
                clock: if i % 3 == 0 { &mut b } else { &mut a },
                officer: if i % 2 == 0 {
                    "Petugas \"Satu\""
                } else {
                    "Petugas Dua"
                },
                now_ms: 1_795_000_000_000 + i as u64,
            };
            let kind = if i % 5 == 0 { Kind::Mitra } else { Kind::Usaha };
            let mut r = Record::new(kind, &mut ed);
            r.set(
                "nama",
                json!(format!("Usaha {i} \"records\":[] é")),
                &mut ed,
            );
            r.set("tenaga_kerja", json!(i % 40), &mut ed);
            r.set("lat", json!(-7.0123 - i as f64 / 1000.0), &mut ed);
            if i % 7 == 0 {
                r.set_deleted(true, &mut ed);
            }
            r
        })
        .collect()
}

fn stepped(header: Header, records: Vec<Record>) -> String {
    let mut w = Writer::new(header, records);
    let mut last = -1.0;
    loop {
        assert!(
            w.progress() >= last,
            "progress only goes forward: {last} -> {}",
            w.progress()
        );
        last = w.progress();
        if let Some(text) = w.step() {
            return text;
        }
    }
}

#[test]
fn in_steps_the_same_text_as_in_one_go() {
    for n in [0, 1, 2, 99, 100, 101, 1_234] {
        let rs = records(n);
        let h = header("Petugas \"records\":[] Uji");
        let whole = write(&h, &rs);
        assert_eq!(stepped(h, rs), whole, "{n} records");
    }
}

#[test]
fn what_it_writes_reads_back() {
    let mut clock = Clock::new("device-a");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: 1_795_000_000_000,
    };
    let mitra: Vec<Record> = (0..250)
        .map(|i| {
            let mut r = Record::new(Kind::Mitra, &mut ed);
            r.set("nama", json!(format!("Koperasi {i}")), &mut ed);
            r.set("jenis", json!("investor"), &mut ed);
            r
        })
        .collect();
    let text = stepped(header("Petugas Uji"), mitra.clone());
    let today = Today {
        year: 2027,
        iso: "2027-01-01".into(),
        clock_ms: 1_798_761_600_000, // 2027-01-01T00:00Z
    };
    let b = read(text.as_bytes(), &today).expect("a valid bundle");
    assert_eq!(b.records, {
        let mut sorted = mitra;
        crate::sort::by(&mut sorted, |a, b| a.id.cmp(&b.id));
        sorted
    });
}

/// Records made valid, each live or deleted Usaha referring to `per` photos (the `k`th photo's
/// bytes `bytes_of(k)`), and the photos' bytes by hash.
fn with_photos(n: usize, per: usize, bytes_of: impl Fn(usize) -> Vec<u8>) -> (Vec<Record>, Photos) {
    use crate::bundle::{sha256_hex, Photo};
    use crate::model::photo::photo_key;
    let mut rs = records(n);
    let mut clock = Clock::new("device-c");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Petugas Tiga",
        now_ms: 1_795_100_000_000,
    };
    let mut photos = Photos::new();
    for r in rs.iter_mut() {
        let valid: &[(&str, &str)] = match r.kind {
            Kind::Usaha => &[("desa", "35.29.04.2006"), ("status", "aktif")],
            _ => &[("jenis", "investor")],
        };
        for (k, v) in valid {
            r.set(k, json!(v), &mut ed);
        }
        if r.kind != Kind::Usaha {
            continue;
        }
        for _ in 0..per {
            let bytes = bytes_of(photos.len());
            let hash = sha256_hex(&bytes);
            let value = json!({"jenis": "produk", "lebar": 10, "tinggi": 10, "ukuran": bytes.len(), "tipe": "image/jpeg"});
            r.set(&photo_key(&hash), value, &mut ed);
            photos.insert(
                hash,
                Photo {
                    tipe: "image/jpeg".into(),
                    bytes,
                },
            );
        }
    }
    (rs, photos)
}

fn run(mut w: Writer) -> (String, Writer) {
    loop {
        if let Some(text) = w.step() {
            return (text, w);
        }
    }
}

#[test]
fn photos_written_once_and_sized_before_the_choice() {
    let today = Today {
        year: 2027,
        iso: "2027-01-01".into(),
        clock_ms: 1_798_761_600_000,
    };
    let (rs, photos) = with_photos(40, 1, |k| {
        format!("foto {k} ").repeat(k % 4 + 1).into_bytes()
    });
    let h = header("Petugas Uji");
    let (with, w) = run(Writer::with_photos(h.clone(), rs.clone(), photos.clone()));
    let sizes = w.sizes().unwrap().clone();
    assert_eq!(
        sizes.with_photos(),
        with.len(),
        "the size with photos, exactly"
    );
    let live: usize = rs
        .iter()
        .filter(|r| r.kind == Kind::Usaha && !r.is_deleted())
        .count();
    assert_eq!(
        (sizes.count, sizes.missing),
        (live, 0),
        "the deleted ones' photos stay home"
    );
    let read_back = read(with.as_bytes(), &today).unwrap();
    assert_eq!(read_back.photos.photos.len(), live);
    for (hash, p) in &read_back.photos.photos {
        assert_eq!(p, &photos[hash], "the bytes as given");
    }
    // "Tanpa foto" after the sizes: the records are not written again.
    let mut w = w;
    w.include_photos(false).unwrap();
    let (without, mut w) = run(w);
    assert_eq!(without, write(&h, &rs), "without photos, the plain bundle");
    assert_eq!(sizes.without_photos, without.len());
    assert!(read(without.as_bytes(), &today)
        .unwrap()
        .photos
        .photos
        .is_empty());
    w.include_photos(true).unwrap();
    assert_eq!(run(w).0, with, "and with them again");
    assert_eq!(
        crate::bundle::write_with_photos(&h, &rs, photos.clone()).unwrap(),
        with
    );
    // A photo not on this device is missing; one damaged here is left out.
    let live = crate::model::photo::referenced(&rs);
    let mut two = live.iter().cloned();
    let (gone, bad) = (two.next().unwrap(), two.next().unwrap());
    let mut fewer = photos.clone();
    fewer.remove(&gone);
    fewer.get_mut(&bad).unwrap().bytes.push(0);
    let (text, w) = run(Writer::with_photos(h.clone(), rs.clone(), fewer));
    assert_eq!(w.sizes().unwrap().missing, 1);
    assert_eq!(w.left_out(), std::slice::from_ref(&bad));
    let b = read(text.as_bytes(), &today).unwrap();
    assert_eq!(
        b.photos.missing,
        [gone, bad],
        "both missing at the receiver"
    );
}

#[test]
fn photos_over_the_limit_are_refused_with_their_size() {
    use crate::bundle::{PhotosTooLarge, MAX_BYTES};
    use crate::i18n::Lang;
    // 40 photos of 2 MiB (the most a photo may be) on two Usaha: 112 MB of base64.
    let (rs, photos) = with_photos(3, 20, |k| vec![k as u8; 2 << 20]);
    assert_eq!(photos.len(), 40);
    let h = header("Petugas Uji");
    let refused = crate::bundle::write_with_photos(&h, &rs, photos.clone()).unwrap_err();
    assert!(refused.0 > MAX_BYTES);
    assert_eq!(
        refused.message(Lang::Id),
        "Berkas dengan foto akan berukuran 112 MB, lebih dari batas 100 MB. Bagikan tanpa foto, atau bagikan lebih sedikit data sekaligus."
    );
    let (text, mut w) = run(Writer::with_photos(h.clone(), rs.clone(), photos));
    assert_eq!(
        text,
        write(&h, &rs),
        "written without the photos, and said so"
    );
    assert_eq!(w.too_large(), Some(refused));
    assert_eq!(w.include_photos(true), Err(PhotosTooLarge(refused.0)));
    assert_eq!(w.include_photos(false), Ok(()));
    assert_eq!(w.too_large(), None);
}

/// Steps until the writer wants photos' bytes or is done.
fn until_wanted(w: &mut Writer) -> Option<String> {
    loop {
        if !w.photos_wanted().is_empty() {
            return None;
        }
        if let Some(text) = w.step() {
            return Some(text);
        }
    }
}

#[test]
fn sized_from_what_is_held_and_given_the_bytes_only_when_they_go() {
    let (rs, photos) = with_photos(30, 2, |k| {
        format!("foto {k} ").repeat(k % 5 + 1).into_bytes()
    });
    let h = header("Petugas Uji");
    let held: PhotosHeld = photos
        .iter()
        .map(|(k, p)| (k.clone(), Held::of(p)))
        .collect();
    let with = crate::bundle::write_with_photos(&h, &rs, photos.clone()).unwrap();

    // The same sizes as from the bytes, before any byte is given; then only the chosen wanted.
    let mut w = Writer::with_photos_held(h.clone(), rs.clone(), held.clone());
    assert_eq!(until_wanted(&mut w), None, "stops for the bytes");
    let (expected, _) = run(Writer::with_photos(h.clone(), rs.clone(), photos.clone()));
    assert_eq!(w.sizes().unwrap().with_photos(), expected.len());
    let wanted = w.photos_wanted();
    let referenced = crate::model::photo::referenced(&rs);
    assert_eq!(wanted, referenced.iter().cloned().collect::<Vec<_>>());
    assert!(
        wanted.len() < photos.len(),
        "the deleted records' photos are not wanted"
    );
    w.give_photos(
        wanted
            .iter()
            .map(|k| (k.clone(), photos[k].clone()))
            .collect(),
    );
    assert!(w.photos_wanted().is_empty());
    assert_eq!(
        run(w).0,
        with,
        "the same file as written with every byte at hand"
    );

    // "Tanpa foto": nothing is wanted, and the plain bundle is written.
    let mut w = Writer::with_photos_held(h.clone(), rs.clone(), held.clone());
    while w.sizes().is_none() {
        assert!(w.step().is_none());
    }
    w.include_photos(false).unwrap();
    assert!(w.photos_wanted().is_empty());
    assert_eq!(run(w).0, write(&h, &rs));

    // A photo that went between the sizes and the bytes is left out, the rest carried.
    let mut w = Writer::with_photos_held(h.clone(), rs.clone(), held.clone());
    assert_eq!(until_wanted(&mut w), None);
    let mut wanted = w.photos_wanted();
    let gone = wanted.pop().unwrap();
    w.give_photos(
        wanted
            .iter()
            .map(|k| (k.clone(), photos[k].clone()))
            .collect(),
    );
    let (text, w) = run(w);
    assert_eq!(w.left_out(), std::slice::from_ref(&gone));
    let today = Today {
        year: 2027,
        iso: "2027-01-01".into(),
        clock_ms: 1_798_761_600_000,
    };
    assert_eq!(
        read(text.as_bytes(), &today).unwrap().photos.missing,
        [gone]
    );
}

#[test]
fn bytes_larger_than_held_over_the_limit_carry_none() {
    use crate::bundle::MAX_BYTES;
    // What a record says of its photos is small; the bytes given are 2 MiB each, 112 MB in all.
    let (rs, photos) = with_photos(3, 20, |k| vec![k as u8; 2 << 20]);
    let h = header("Petugas Uji");
    let held: PhotosHeld = photos
        .iter()
        .map(|(k, p)| {
            (
                k.clone(),
                Held {
                    tipe: p.tipe.clone(),
                    len: 100,
                },
            )
        })
        .collect();
    let mut w = Writer::with_photos_held(h.clone(), rs.clone(), held);
    assert_eq!(until_wanted(&mut w), None);
    assert!(w.sizes().unwrap().fits_with_photos(), "fits as held");
    let wanted = w.photos_wanted();
    w.give_photos(
        wanted
            .iter()
            .map(|k| (k.clone(), photos[k].clone()))
            .collect(),
    );
    let too_large = w.too_large().expect("refused once the bytes are known");
    assert!(too_large.0 > MAX_BYTES);
    assert!(w.photos_wanted().is_empty());
    assert_eq!(run(w).0, write(&h, &rs), "written without the photos");
}
