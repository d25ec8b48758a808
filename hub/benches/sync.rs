//! The hub's push and pull at an office's scale, on loopback: 50,000 Usaha pushed to an empty hub
//! (one bundle, gzipped as the app sends it), then pulled by a new device in pages of 2,000 (read
//! and merged into its copy as the app would, without IndexedDB). On SQLite, and on PostgreSQL
//! when `SENTRA_TEST_PG_URL` is set. Run: `cargo bench -p sentra-hub --profile hub`
//! (scripts/test-hub.sh-style PostgreSQL: see README). Figures: README.md.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use serde_json::json;
use std::time::Instant;

const USAHA: usize = 50_000;

fn main() {
    let n = std::env::var("SENTRA_BENCH_USAHA")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(USAHA);
    for backend in backends() {
        let hub = Hub::start(&backend, None);
        let mut a = hub.device("perangkat-a", "Ani", "35.29");
        for i in 0..n {
            let id = a.new_usaha(&format!("Usaha Batik {i}"), "35.29.02.2004");
            for (field, value) in [
                ("pemilik", json!(format!("Pemilik {i}"))),
                ("telepon", json!("081234567890")),
                ("alamat", json!(format!("Jl. Raya {i}, RT 01 RW 02"))),
                ("komoditas", json!("batik")),
                ("tenaga_kerja", json!(3 + i % 20)),
                ("modal", json!(25_000_000 + i as u64)),
                ("tahun_mulai", json!(2000 + i % 25)),
                ("catatan", json!("data uji sintetis")),
            ] {
                a.edit(&id, field, value);
            }
        }
        let bytes = a.bundle_all();
        let started = Instant::now();
        let (status, answer) = hub.push_bytes(&a.token, &bytes);
        let push = started.elapsed();
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["counts"]["usaha"]["new"], n);

        let mut b = hub.device("perangkat-b", "Budi", "35.29");
        let started = Instant::now();
        b.pull_all(&hub, None);
        let pull = started.elapsed();
        assert_eq!(b.records.len(), n);
        println!(
            "{}: push of {n} Usaha ({:.1} MB gzipped) {:.2} s; pull by a new device in pages of 2,000: {:.2} s",
            backend.label(),
            bytes.len() as f64 / 1e6,
            push.as_secs_f64(),
            pull.as_secs_f64()
        );
        drop(hub);
        drop_backend(&backend);
    }
}
