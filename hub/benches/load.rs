//! Many devices at once against one hub process, on loopback only: 200 simulated devices in 10
//! kabupaten (20 officers each), started together, each pushing 100 changed Usaha in one bundle
//! and then pulling everything of its kabupaten in pages. Reports throughput, the latency of each
//! kind of request (median, p95, p99, max) and the hub process's peak memory (VmHWM). Bounded: one
//! push and one pull per device, every request with a 120 s limit. On SQLite, and on PostgreSQL
//! when `SENTRA_TEST_PG_URL` is set.
//!   scripts/test-hub.sh --run cargo bench -p sentra-hub --profile hub --bench load
//! `SENTRA_LOAD_DEVICES` and `SENTRA_LOAD_RECORDS` change the sizes.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use sentra_hub::admin;
use sentra_hub::db::now_ms;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn summary(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "  {label}: {} requests, median {:.0} ms, p95 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.95),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    );
}

/// The hub's peak resident memory so far, in MB (Linux).
fn peak_rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let devices = env_or("SENTRA_LOAD_DEVICES", 200);
    let per_device = env_or("SENTRA_LOAD_RECORDS", 100);
    const KABUPATEN: usize = 10;
    for backend in backends() {
        // Officers and their devices' tokens, made directly in the database.
        let rt = runtime();
        let db = rt
            .block_on(sentra_hub::Db::connect(&backend.url()))
            .unwrap();
        let client = client();
        let mut hub = Command::new(env!("CARGO_BIN_EXE_sentra-hub"))
            .args([
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--dist",
                "/nonexistent",
            ])
            .env("DATABASE_URL", backend.url())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(hub.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        let mut fleet = Vec::new();
        for d in 0..devices {
            let kab = format!("35.{:02}", 1 + d % KABUPATEN);
            let code = rt
                .block_on(admin::add_officer(
                    &db,
                    &format!("Petugas {d}"),
                    &kab,
                    now_ms() + admin::CODE_VALID_MS,
                ))
                .unwrap()
                .code;
            let id = format!("perangkat-{d}");
            let mut r = client
                .post(format!("{url}/api/v1/enrol"))
                .header("Content-Type", "application/json")
                .send(serde_json::json!({"code": code, "device": id}).to_string())
                .unwrap();
            let answer: serde_json::Value =
                serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
            let mut device = Device::new(
                &id,
                &format!("Petugas {d}"),
                answer["token"].as_str().unwrap(),
            );
            for i in 0..per_device {
                device.new_usaha(&format!("Usaha {d}-{i}"), &format!("{kab}.01.2001"));
            }
            let bytes = device.bundle_all();
            fleet.push((device.token.clone(), bytes));
        }
        drop(db);

        let start = Arc::new(Barrier::new(devices));
        let began = Instant::now();
        let threads: Vec<_> = fleet
            .into_iter()
            .map(|(token, bytes)| {
                let (url, start) = (url.clone(), start.clone());
                std::thread::spawn(move || {
                    let client: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .timeout_global(Some(Duration::from_secs(120)))
                        .max_idle_connections(0)
                        .build()
                        .into();
                    start.wait();
                    let t = Instant::now();
                    let r = client
                        .post(format!("{url}/api/v1/push"))
                        .header("Authorization", &format!("Bearer {token}"))
                        .send(&bytes[..])
                        .unwrap();
                    assert_eq!(r.status().as_u16(), 200);
                    let push_ms = t.elapsed().as_secs_f64() * 1e3;
                    let (mut since, mut pulls, mut pages) = (0i64, Vec::new(), Vec::new());
                    for _ in 0..1_000 {
                        let t = Instant::now();
                        let mut r = client
                            .get(format!("{url}/api/v1/pull?since={since}"))
                            .header("Authorization", &format!("Bearer {token}"))
                            // As a browser asks, and unpacks the answer (below).
                            .header("Accept-Encoding", "gzip, deflate, br")
                            .call()
                            .unwrap();
                        assert_eq!(r.status().as_u16(), 200);
                        let cursor = r.headers()["x-sentra-cursor"]
                            .to_str()
                            .unwrap()
                            .parse()
                            .unwrap();
                        let more = r.headers()["x-sentra-more"] == "true";
                        let gzipped = r.headers().get("content-encoding").is_some();
                        let bytes = r
                            .body_mut()
                            .with_config()
                            .limit(200_000_000)
                            .read_to_vec()
                            .unwrap();
                        pulls.push(t.elapsed().as_secs_f64() * 1e3);
                        // Unpacked once every device is done: the devices' own work is not the
                        // hub's, and here it would take the hub's 2 cores.
                        pages.push((gzipped, bytes));
                        since = cursor;
                        if !more {
                            break;
                        }
                    }
                    (push_ms, pulls, pages)
                })
            })
            .collect();
        let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let wall = began.elapsed().as_secs_f64();
        let results: Vec<(f64, Vec<f64>, usize)> = results
            .into_iter()
            .map(|(push_ms, pulls, pages)| {
                let records = pages
                    .into_iter()
                    .map(|(gzipped, bytes)| {
                        let bytes = if gzipped {
                            sentra::bundle::gunzip(bytes).unwrap()
                        } else {
                            bytes
                        };
                        String::from_utf8(bytes)
                            .unwrap()
                            .matches("\"kind\":\"usaha\"")
                            .count()
                    })
                    .sum();
                (push_ms, pulls, records)
            })
            .collect();
        let rss = peak_rss_mb(hub.id());
        let _ = hub.kill();
        let _ = hub.wait();

        let pushes: Vec<f64> = results.iter().map(|r| r.0).collect();
        let pulls: Vec<f64> = results.iter().flat_map(|r| r.1.clone()).collect();
        let pulled: usize = results.iter().map(|r| r.2).sum();
        let requests = pushes.len() + pulls.len();
        println!(
            "{}: {devices} devices × {per_device} Usaha in {KABUPATEN} kabupaten, all at once: {wall:.1} s, {:.0} requests/s, {:.0} records pushed/s; a device pulled {:.0} records on average (its own and what its kabupaten had pushed by then); hub peak memory {rss:.0} MB",
            backend.label(),
            requests as f64 / wall,
            (devices * per_device) as f64 / wall,
            pulled as f64 / devices as f64,
        );
        // Every device got back at least its own records (pulled after its push).
        assert!(results.iter().all(|r| r.2 >= per_device));
        summary("push (100 records)", pushes);
        summary("pull page", pulls);
        drop_backend(&backend);
    }
}
