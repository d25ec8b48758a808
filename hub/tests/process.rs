//! The `sentra-hub` program itself: enrolled from its command line, killed with SIGKILL during a
//! push and started again, the retried push lands exactly once and the database is consistent.

mod common;

use common::*;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_sentra-hub");
const RECORDS: usize = 10_000;

/// A running `sentra-hub serve`, killed when dropped (also when a test fails).
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the hub on a free port and waits (bounded) until it answers: its base URL.
fn serve(database: &str) -> (Process, String) {
    let port = free_port();
    let child = Command::new(BIN)
        .args([
            "serve",
            "--port",
            &port.to_string(),
            "--dist",
            "/nonexistent",
        ])
        .env("DATABASE_URL", database)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let process = Process(child);
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..300 {
        if client().get(format!("{base}/api/v1/pull")).call().is_ok() {
            return (process, base);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the hub did not start");
}

fn cli(database: &str, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn push(base: &str, token: &str, bytes: &[u8]) -> Result<(u16, Value), ureq::Error> {
    let mut r = client()
        .post(format!("{base}/api/v1/push"))
        .header("Authorization", &format!("Bearer {token}"))
        .send(bytes)?;
    let text = r.body_mut().read_to_string()?;
    Ok((r.status().as_u16(), serde_json::from_str(&text).unwrap()))
}

#[test]
fn a_hub_killed_during_a_push_takes_the_retried_push_exactly_once() {
    for backend in backends() {
        let database = backend.url();
        let added = cli(
            &database,
            &["officer", "add", "Ani Wijaya", "--kabupaten", "35.29"],
        );
        let code = added
            .lines()
            .find_map(|l| l.strip_prefix("Code:"))
            .unwrap()
            .trim()
            .to_string();
        let (hub, base) = serve(&database);
        let mut r = client()
            .post(format!("{base}/api/v1/enrol"))
            .send(json!({"code": code, "device": "perangkat-a"}).to_string())
            .unwrap();
        let enrolled: Value =
            serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        let token = enrolled["token"].as_str().unwrap().to_string();
        let mut a = Device::new("perangkat-a", "Ani Wijaya", &token);
        for i in 0..RECORDS {
            a.new_usaha(&format!("Usaha {i}"), "35.29.02.2004");
        }
        let bytes = a.bundle_all();

        // Pushed, and the hub killed (SIGKILL) while it works on it.
        let first = std::thread::scope(|s| {
            let sending = s.spawn(|| push(&base, &token, &bytes));
            std::thread::sleep(Duration::from_millis(300));
            drop(hub);
            sending.join().unwrap()
        });
        let landed = matches!(first, Ok((200, _)));
        eprintln!(
            "{}: the first push {}",
            backend.label(),
            if landed {
                "finished before the kill"
            } else {
                "was cut by the kill"
            }
        );

        // Started again, the device retries: every record once, whatever the first push did.
        let (_hub, base) = serve(&database);
        let (status, answer) = push(&base, &token, &bytes).unwrap();
        assert_eq!(status, 200, "{answer}");
        let counts = &answer["counts"]["usaha"];
        let (new, unchanged) = (
            counts["new"].as_u64().unwrap(),
            counts["unchanged"].as_u64().unwrap(),
        );
        assert_eq!(new + unchanged, RECORDS as u64);
        assert!(
            new == 0 || new == RECORDS as u64,
            "all or nothing: {counts}"
        );
        assert_eq!(answer["cursor"], RECORDS);
        let (status, again) = push(&base, &token, &bytes).unwrap();
        assert_eq!((status, &again["cursor"]), (200, &json!(RECORDS)));

        // The CLI sees the device, and revoking it works on the running hub at once.
        assert!(cli(&database, &["device", "list"]).contains("perangkat-a"));
        cli(&database, &["device", "revoke", "perangkat-a"]);
        // A small body: the hub answers a revoked token before reading the body, and a large
        // one could still be on its way when the connection closes (a broken pipe, not an answer).
        let (status, body) = push(&base, &token, b"{}").unwrap();
        assert_eq!((status, body["error"].as_str()), (401, Some("revoked")));
        drop(_hub);
        drop_backend(&backend);
    }
}
