//! What every hub test shares: a hub on 127.0.0.1 over a fresh database (a temporary SQLite
//! file; and a fresh PostgreSQL database when `SENTRA_TEST_PG_URL` is set), a small HTTP client,
//! and devices that make records with the app's own model.
#![allow(dead_code)]

pub mod photos;

use sentra::bundle::{self, Bundle, Header, Scope};
use sentra::model::hlc::Clock;
use sentra::model::rules::Today;
use sentra::model::{Editor, Id, Kind, Record};
use sentra_hub::admin;
use sentra_hub::db::now_ms;
use sentra_hub::Db;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

pub type Res = Result<(), Box<dyn std::error::Error>>;

/// Where a test's database lives.
#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite(PathBuf),
    Postgres {
        admin_url: String,
        url: String,
        name: String,
    },
}

impl Backend {
    pub fn url(&self) -> String {
        match self {
            Backend::Sqlite(path) => format!("sqlite://{}?mode=rwc", path.display()),
            Backend::Postgres { url, .. } => url.clone(),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "SQLite",
            Backend::Postgres { .. } => "PostgreSQL",
        }
    }
}

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst),
        now_ms() % 1_000_000
    )
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let mut out = format!("{}/{}", &base[..host_end], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A fresh database on every engine under test.
pub fn backends() -> Vec<Backend> {
    let dir = std::env::temp_dir().join(unique("sentra-hub-test"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = vec![Backend::Sqlite(dir.join("hub.db"))];
    if let Ok(admin_url) = std::env::var("SENTRA_TEST_PG_URL") {
        if !admin_url.is_empty() {
            let name = unique("sentra_hub_test");
            let rt = runtime();
            rt.block_on(async {
                use sqlx::Connection;
                sqlx::any::install_default_drivers();
                let mut c = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut c)
                    .await
                    .unwrap();
            });
            out.push(Backend::Postgres {
                url: with_database(&admin_url, &name),
                admin_url,
                name,
            });
        }
    }
    out
}

/// Removes a backend's database.
pub fn drop_backend(b: &Backend) {
    match b {
        Backend::Sqlite(path) => {
            if let Some(dir) = path.parent() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
        Backend::Postgres {
            admin_url, name, ..
        } => {
            runtime().block_on(async {
                use sqlx::Connection;
                if let Ok(mut c) = sqlx::AnyConnection::connect(admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut c)
                        .await;
                }
            });
        }
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Runs `test` against a hub on each backend, each with a database of its own.
pub fn on_each_backend(test: impl Fn(&Hub)) {
    for backend in backends() {
        eprintln!("-- {}", backend.label());
        let hub = Hub::start(&backend, None);
        test(&hub);
        drop(hub);
        drop_backend(&backend);
    }
}

/// A hub serving on 127.0.0.1 (a free port), in its own runtime.
pub struct Hub {
    pub url: String,
    pub db: Db,
    pub rt: tokio::runtime::Runtime,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub client: ureq::Agent,
}

impl Hub {
    pub fn start(backend: &Backend, dist: Option<PathBuf>) -> Hub {
        let rt = runtime();
        let db = rt.block_on(Db::connect(&backend.url())).unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = sentra_hub::router(db.clone(), dist);
        rt.spawn(sentra_hub::serve(listener, router, async {
            let _ = stopped.await;
        }));
        Hub {
            url,
            db,
            rt,
            stop: Some(stop),
            client: client(),
        }
    }

    /// A new officer's one-time code.
    pub fn code(&self, name: &str, scope: &str) -> String {
        self.rt
            .block_on(admin::add_officer(
                &self.db,
                name,
                scope,
                now_ms() + admin::CODE_VALID_MS,
            ))
            .unwrap()
            .code
    }

    /// Enrols a device for a new officer of `scope`: its token.
    pub fn device(&self, id: &str, officer: &str, scope: &str) -> Device {
        let code = self.code(officer, scope);
        let (status, body) = self.post_json("/api/v1/enrol", &json!({"code": code, "device": id}));
        assert_eq!(status, 200, "{body}");
        Device::new(id, officer, body["token"].as_str().unwrap())
    }

    pub fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let mut r = self
            .client
            .post(format!("{}{path}", self.url))
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .unwrap();
        let text = r.body_mut().read_to_string().unwrap();
        (r.status().as_u16(), serde_json::from_str(&text).unwrap())
    }

    /// Pushes raw bytes with `token`: the status and the JSON answer.
    pub fn push_bytes(&self, token: &str, bytes: &[u8]) -> (u16, Value) {
        let mut r = self
            .client
            .post(format!("{}/api/v1/push", self.url))
            .header("Authorization", &format!("Bearer {token}"))
            .send(bytes)
            .unwrap();
        let text = r.body_mut().read_to_string().unwrap();
        (r.status().as_u16(), serde_json::from_str(&text).unwrap())
    }

    /// One page of a pull: status, cursor, more, the raw text.
    pub fn pull_raw(&self, token: &str, since: i64, limit: Option<i64>) -> PullAnswer {
        let mut url = format!("{}/api/v1/pull?since={since}", self.url);
        if let Some(l) = limit {
            url.push_str(&format!("&limit={l}"));
        }
        let mut r = self
            .client
            .get(url)
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .unwrap();
        let header = |k: &str| {
            r.headers()
                .get(k)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let (cursor, more) = (header("x-sentra-cursor"), header("x-sentra-more"));
        let status = r.status().as_u16();
        let text = r
            .body_mut()
            .with_config()
            .limit(200_000_000)
            .read_to_string()
            .unwrap();
        PullAnswer {
            status,
            cursor: cursor.parse().unwrap_or(-1),
            more: more == "true",
            text,
        }
    }

    /// How many records the hub holds, and its sequence.
    pub fn stored(&self) -> (i64, i64) {
        self.rt.block_on(async {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
                .fetch_one(&self.db.pool)
                .await
                .unwrap();
            let seq: i64 = sqlx::query_scalar("SELECT value FROM hub_state WHERE key = 'seq'")
                .fetch_one(&self.db.pool)
                .await
                .unwrap();
            (n, seq)
        })
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.rt.block_on(self.db.pool.close());
    }
}

pub struct PullAnswer {
    pub status: u16,
    pub cursor: i64,
    pub more: bool,
    pub text: String,
}

impl PullAnswer {
    pub fn bundle(&self) -> Bundle {
        bundle::read(self.text.as_bytes(), &today()).unwrap()
    }
}

pub fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        // A hub answering before it read a body (a refused token) closes that connection; a
        // fresh connection per request keeps the tests from reusing one it closed.
        .max_idle_connections(0)
        .build()
        .into()
}

pub fn today() -> Today {
    sentra_hub::api::today()
}

/// An officer's device: its clock, its records, its token, its pull cursor.
pub struct Device {
    pub id: String,
    pub officer: String,
    pub token: String,
    pub clock: Clock,
    pub records: std::collections::BTreeMap<Id, Record>,
    pub cursor: i64,
}

impl Device {
    pub fn new(id: &str, officer: &str, token: &str) -> Device {
        Device {
            id: id.into(),
            officer: officer.into(),
            token: token.into(),
            clock: Clock::new(id),
            records: Default::default(),
            cursor: 0,
        }
    }

    fn editor(&mut self) -> Editor<'_> {
        Editor {
            clock: &mut self.clock,
            officer: &self.officer,
            now_ms: now_ms() as u64,
        }
    }

    /// A new Usaha in `desa`: its id.
    pub fn new_usaha(&mut self, nama: &str, desa: &str) -> String {
        let mut ed = self.editor();
        let mut r = Record::new(Kind::Usaha, &mut ed);
        r.set("nama", json!(nama), &mut ed);
        r.set("desa", json!(desa), &mut ed);
        r.set("status", json!("aktif"), &mut ed);
        let id = r.id.to_string();
        self.records.insert(r.id.clone(), r);
        id
    }

    /// A new Mitra (no region field).
    pub fn new_mitra(&mut self, nama: &str) -> String {
        let mut ed = self.editor();
        let mut r = Record::new(Kind::Mitra, &mut ed);
        r.set("nama", json!(nama), &mut ed);
        r.set("jenis", json!("ritel"), &mut ed);
        let id = r.id.to_string();
        self.records.insert(r.id.clone(), r);
        id
    }

    pub fn edit(&mut self, id: &str, field: &str, value: Value) -> bool {
        let mut r = self.records.remove(id).unwrap();
        let changed = r.set(field, value, &mut self.editor());
        self.records.insert(id.into(), r);
        changed
    }

    /// Deletes a record, or undoes its deletion, as the app does.
    pub fn delete(&mut self, id: &str, deleted: bool) -> bool {
        let mut r = self.records.remove(id).unwrap();
        let changed = r.set_deleted(deleted, &mut self.editor());
        self.records.insert(id.into(), r);
        changed
    }

    /// A bundle of these records as the app exports it (gzipped over 1 MB).
    pub fn bundle_of(&self, ids: &[&str]) -> Vec<u8> {
        let records: Vec<Record> = ids.iter().map(|id| self.records[*id].clone()).collect();
        packed(bundle::write(&self.header(), &records))
    }

    /// A bundle of these records carrying the photos of `photos` their live records refer to,
    /// as the app shares "dengan foto" (gzipped over 1 MB).
    pub fn bundle_with_photos(&self, ids: &[&str], photos: bundle::Photos) -> Vec<u8> {
        let records: Vec<Record> = ids.iter().map(|id| self.records[*id].clone()).collect();
        packed(bundle::write_with_photos(&self.header(), &records, photos).unwrap())
    }

    pub fn bundle_all(&self) -> Vec<u8> {
        let ids: Vec<&str> = self.records.keys().map(|id| &**id).collect();
        self.bundle_of(&ids)
    }

    pub fn header(&self) -> Header {
        Header {
            created_ms: now_ms() as u64,
            device: self.id.clone(),
            officer: self.officer.clone(),
            kabupaten: None,
            scope: Scope::All,
        }
    }

    /// Takes in a received record as an import does: its stamps observed, merged.
    pub fn receive(&mut self, r: &Record) {
        r.stamps().for_each(|s| self.clock.observe(s));
        match self.records.get_mut(&r.id) {
            Some(mine) => {
                sentra::model::merge::merge_into(mine, r);
            }
            None => {
                self.records.insert(r.id.clone(), r.clone());
            }
        }
    }

    /// Pulls every page from its cursor (pages of `limit`), merging them in.
    pub fn pull_all(&mut self, hub: &Hub, limit: Option<i64>) {
        for _ in 0..10_000 {
            let page = hub.pull_raw(&self.token, self.cursor, limit);
            assert_eq!(page.status, 200, "{}", page.text);
            for r in &page.bundle().records {
                self.receive(r);
            }
            self.cursor = page.cursor;
            if !page.more {
                return;
            }
        }
        panic!("a pull that never ends");
    }
}

/// A bundle's text as the app sends it: gzipped over 1 MB.
pub fn packed(text: String) -> Vec<u8> {
    if text.len() > bundle::GZIP_ABOVE {
        bundle::gzip(text)
    } else {
        text.into_bytes()
    }
}

/// A record's content without the bookkeeping that depends on merge order: kind, creation,
/// and each field's name, stamp and value.
pub fn state(r: &Record) -> (Kind, String, Vec<(String, String, Value)>) {
    (
        r.kind,
        format!("{:?}", r.created),
        r.fields
            .iter()
            .map(|(k, f)| (k.to_string(), format!("{:?}", f.stamp), f.value.to_value()))
            .collect(),
    )
}

pub fn shared<T>(t: T) -> Arc<T> {
    Arc::new(t)
}
