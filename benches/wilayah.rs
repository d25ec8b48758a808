//! Picker keystroke time: each prefix of typical typed names (misspellings included) searched
//! over one province (Jawa Timur, 8,494 villages) and the whole country (83,762), natively.
//! Reports medians; run with `cargo bench --bench wilayah`. Not a gate.
use sentra::wilayah::convert::{convert, Sources};
use sentra::wilayah::Gazetteer;
use std::time::Instant;

const TYPED: &[&str] = &[
    "poteran",
    "kerta sade",
    "aeng tong tong",
    "raas",
    "pondok petir",
    "sumber rejo",
    "banyuates",
    "kxrtasada",
];

fn main() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/idn-area-data/data/"
    );
    let read =
        |f: &str| std::fs::read_to_string(format!("{dir}{f}")).expect("run `make setup` first");
    let (p, r, d, v) = (
        read("provinces.csv"),
        read("regencies.csv"),
        read("districts.csv"),
        read("villages.csv"),
    );
    let t = Instant::now();
    let data = convert(&Sources {
        provinces: &p,
        regencies: &r,
        districts: &d,
        villages: &v,
    })
    .unwrap();
    println!(
        "convert all CSVs: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    for (label, scope) in [
        ("one province (35 Jawa Timur)", "35"),
        ("whole country", ""),
    ] {
        let t = Instant::now();
        let mut g = Gazetteer::new();
        g.add(
            data.kabupaten
                .iter()
                .filter(|k| k.code.starts_with(scope))
                .cloned(),
        );
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        let mut times = Vec::new();
        for _round in 0..5 {
            for word in TYPED {
                for end in 1..=word.len() {
                    let t = Instant::now();
                    let hits = g.search_villages(&word[..end], scope, "35.29", 12);
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                    std::hint::black_box(hits);
                }
            }
        }
        if std::env::var("BY_LEN").is_ok() {
            for len in 1..=14 {
                let mut v: Vec<f64> = Vec::new();
                let mut i = 0;
                for _round in 0..5 {
                    for word in TYPED {
                        for end in 1..=word.len() {
                            if end == len {
                                v.push(times[i]);
                            }
                            i += 1;
                        }
                    }
                }
                if !v.is_empty() {
                    v.sort_by(f64::total_cmp);
                    println!("  len {len}: median {:.2} ms", v[v.len() / 2]);
                }
            }
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        println!(
            "{label}: {} villages, index {load_ms:.0} ms; keystroke median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} keystrokes)",
            g.village_count(),
            at(0.5),
            at(0.95),
            at(1.0),
            times.len()
        );
    }
}
