//! How much memory reading a bundle takes, measured by counting every allocation of this test
//! binary (its own global allocator; one test, so nothing else allocates meanwhile). The hub
//! reads what any enrolled device pushes, and a phone what any officer shares: a file shaped to
//! make the reader build millions of tiny JSON values (`[{},{},{},…]`, 3 bytes each, was 1.1 GB
//! for 100 MB, as `Value`s) must cost about what its text does, and be refused.

mod bundle_fixture;

use bundle_fixture::header;
use sentra::bundle::{read, write, write_with_photos, BundleError, Photos};
use sentra::model::hlc::Clock;
use sentra::model::rules::Today;
use sentra::model::{Editor, Kind, Record};
use serde_json::json;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// The most memory held at once while `f` runs, beyond what was held before it.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let out = f();
    (out, PEAK.load(Relaxed) - before)
}

fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-12-01".into(),
        clock_ms: 1_795_478_400_000,
    }
}

/// `n` Usaha of ten fields, as an officer's device holds them.
fn usaha(n: usize) -> Vec<Record> {
    let mut clock = Clock::new("0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00");
    let mut ed = Editor {
        clock: &mut clock,
        officer: "Petugas Uji",
        now_ms: 1_795_400_000_000,
    };
    (0..n)
        .map(|i| {
            let mut r = Record::new(Kind::Usaha, &mut ed);
            for (k, v) in [
                ("nama", json!(format!("Keripik Tempe Sumber Rejeki {i}"))),
                ("pemilik", json!(format!("Pemilik Uji {i}"))),
                ("alamat", json!(format!("Jl. Mawar No. {i}, RT 02/RW 05"))),
                ("desa", json!("35.29.04.2006")),
                ("status", json!("aktif")),
                ("modal", json!(50_000_000 + i)),
                ("tenaga_kerja", json!(i % 20 + 1)),
                ("telepon", json!("081234567890")),
                ("nib", json!("1234567890123")),
                ("komoditas", json!("keripik tempe")),
            ] {
                r.set(k, v, &mut ed);
            }
            r
        })
        .collect()
}

/// `n` Usaha with `count` photos of `size` bytes among them, and the photos' bytes.
fn with_photos(n: usize, count: usize, size: usize) -> (Vec<Record>, Photos) {
    let mut records = usaha(n);
    let mut clock = bundle_fixture::photo_clock();
    let mut ed = bundle_fixture::photo_editor(&mut clock);
    let mut photos = Photos::new();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..count {
        let bytes: Vec<u8> = (0..size)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (seed >> 56) as u8
            })
            .collect();
        bundle_fixture::add_photo(&mut records[i % n], "produk", bytes, &mut ed, &mut photos);
    }
    (records, photos)
}

/// `n` bytes of `{},{},…` where a bundle's records go.
fn tiny_values(n: usize) -> Vec<u8> {
    let mut text = write(&header(), &[]).into_bytes();
    let at = text
        .windows(11)
        .position(|w| w == b"\"records\":[")
        .unwrap()
        + 11;
    let many = "{},".repeat(n / 3) + "{}";
    text.splice(at..at, many.into_bytes());
    text
}

#[test]
fn reading_costs_about_what_the_text_does() {
    // A real bundle: 20,000 Usaha (about 16 MB). What it must hold anyway is the text and the
    // records made of it; the JSON values the reader passes through were 300 MB more.
    let records = usaha(20_000);
    let text = write(&header(), &records);
    drop(records);
    let (read_back, peak) =
        peak_during(|| read(text.as_bytes(), &today()).map(|b| b.records.len()));
    assert_eq!(read_back, Ok(20_000));
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "20,000 Usaha: {:.1} MB of text, reading held at most {:.1} MB more",
        mb(text.len()),
        mb(peak)
    );
    assert!(
        peak < 4 * text.len(),
        "reading {:.1} MB held {:.1} MB",
        mb(text.len()),
        mb(peak)
    );

    // 12 MB of `{},` in the records array: each element's text (2 bytes) and where it ends (4).
    let hostile = tiny_values(12_000_000);
    let (answer, peak) = peak_during(|| read(&hostile, &today()).map(|b| b.records.len()));
    assert!(
        matches!(answer, Err(BundleError::Checksum | BundleError::Damaged(_))),
        "{answer:?}"
    );
    println!(
        "{:.1} MB of {{}},: held at most {:.1} MB",
        mb(hostile.len()),
        mb(peak)
    );
    assert!(peak < 4 * hostile.len(), "held {:.1} MB", mb(peak));

    // Photos (format 1.4): 40 of 200 KB on 100 Usaha, about 11 MB of base64. Each is decoded
    // as the scan meets it and only its bytes kept (three quarters of its text): reading holds
    // those, one photo's text at a time, and the records, never the base64 beside the bytes.
    let (records, photos) = with_photos(100, 40, 200_000);
    let bytes: usize = photos.values().map(|p| p.bytes.len()).sum();
    let text = write_with_photos(&header(), &records, photos).unwrap();
    drop(records);
    let (read_back, peak) =
        peak_during(|| read(text.as_bytes(), &today()).map(|b| b.photos.photos.len()));
    assert_eq!(read_back, Ok(40));
    println!(
        "40 photos: {:.1} MB of text ({:.1} MB of photos), reading held at most {:.1} MB",
        mb(text.len()),
        mb(bytes),
        mb(peak)
    );
    assert!(
        peak < bytes + bytes / 4,
        "reading {:.1} MB of photos held {:.1} MB",
        mb(bytes),
        mb(peak)
    );

    // The same values outside a bundle's outline, which the reader takes whole: refused before
    // parsing, as not a Sentra file.
    let mut weird = b"{\"x\":[".to_vec();
    weird.extend("[],".repeat(4_000_000).into_bytes());
    weird.extend_from_slice(b"[]]}");
    let (answer, peak) = peak_during(|| read(&weird, &today()).map(|b| b.records.len()));
    assert_eq!(answer, Err(BundleError::NotSentra));
    assert!(peak < weird.len(), "held {:.1} MB", mb(peak));
}
