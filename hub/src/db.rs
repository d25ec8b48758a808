//! The hub's database: SQLite by default (one file, nothing to install), PostgreSQL when
//! `DATABASE_URL=postgres://…`. One `Any` pool and one set of SQL for both: the statements use
//! only what both engines share (TEXT, BIGINT, `$n` parameters, `ON CONFLICT … DO UPDATE`).
//!
//! The hub keeps no state outside the database, so several hub processes can share one
//! PostgreSQL. Every write that reads before it writes (a push's read-merge-write and its
//! sequence numbers, an enrolment) runs in a transaction from [`Db::begin_write`], which holds
//! the one write lock of the database for the whole transaction:
//!
//! - PostgreSQL: `pg_advisory_xact_lock` at the start of the transaction (released at commit or
//!   rollback, also when the connection dies). Under READ COMMITTED, a push reads the stored
//!   copies after taking the lock, so it sees every push committed before it: two hub
//!   processes merging into one record one after the other, never both from the same old copy.
//! - SQLite: `BEGIN IMMEDIATE` takes the database's write lock at the start (a plain `BEGIN`
//!   would take it at the first write, after the reads, and two pushes could both read the old
//!   copy). Readers (pulls) go on meanwhile: the file is in WAL mode.
//!
//! Serialising pushes is also what makes the pull cursor safe: sequence numbers are handed out
//! inside the lock and committed all at once, so no transaction can commit a record with a lower
//! sequence number after a pull has already read past it (with concurrent sequence assignment,
//! push A could take 7, push B 8, B commit, a pull return 8 and move its cursor to 8, then A
//! commit 7: skipped for ever).

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::AnyConnection;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Used when `DATABASE_URL` is not set: a file beside the working directory, created if missing.
pub const DEFAULT_URL: &str = "sqlite://sentra-hub.db?mode=rwc";

/// The key of the advisory lock every writing transaction takes on PostgreSQL ("SENTRA" in
/// ASCII, so it is recognisable in `pg_locks`).
const WRITE_LOCK: i64 = 0x53_45_4E_54_52_41;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub engine: Engine,
    /// This process's writers wait here for their turn before they take a connection, so that
    /// a queue of pushes waiting for the database's write lock holds one connection, not all of
    /// them: 200 devices pushing at once left none for pulls and sign-ins, which then waited
    /// for the pushes too (PostgreSQL p99 3 s).
    queue: Arc<Mutex<()>>,
    /// This process's pushes waiting to be written (`crate::push`).
    pub(crate) pushes: Arc<crate::push::Queue>,
}

/// A writing transaction ([`Db::begin_write`]): the transaction, holding the database's write
/// lock, and this process's turn. Used as the connection (`&mut *tx`); ends with `commit` or
/// `rollback` (or dropped: rolled back).
pub struct Write {
    tx: Transaction<'static, Any>,
    _turn: OwnedMutexGuard<()>,
}

impl Write {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for Write {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Write {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// The schema. Every statement is idempotent, so every start runs them all (in the write lock,
/// so two processes starting at once do not race).
const SCHEMA: &[&str] = &[
    // The hub sequence: the last number given to a changed record (the pull cursor).
    "CREATE TABLE IF NOT EXISTS hub_state (key TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "INSERT INTO hub_state (key, value) VALUES ('seq', 0) ON CONFLICT (key) DO NOTHING",
    // One row per record: its kind, the kabupaten (`PP.KK`, or a province `PP` for a record of a
    // province officer with no region field) and province it belongs to, the sequence number of
    // its last change here, when that was (hub clock), and the record as JSON
    // (`sentra::model::Record` through serde).
    "CREATE TABLE IF NOT EXISTS records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        kabupaten TEXT NOT NULL,
        provinsi TEXT NOT NULL,
        seq BIGINT NOT NULL,
        changed_ms BIGINT NOT NULL,
        body TEXT NOT NULL
    )",
    "CREATE UNIQUE INDEX IF NOT EXISTS records_seq ON records (seq)",
    "CREATE INDEX IF NOT EXISTS records_kabupaten_seq ON records (kabupaten, seq)",
    "CREATE INDEX IF NOT EXISTS records_provinsi_seq ON records (provinsi, seq)",
    // Officers: `scope` is a kabupaten code (35.29) or a province code (35, province-wide).
    "CREATE TABLE IF NOT EXISTS officers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scope TEXT NOT NULL,
        created_ms BIGINT NOT NULL
    )",
    // One-time enrolment codes, stored as SHA-256 only.
    "CREATE TABLE IF NOT EXISTS enrol_codes (
        hash TEXT PRIMARY KEY,
        officer TEXT NOT NULL REFERENCES officers (id),
        created_ms BIGINT NOT NULL,
        expires_ms BIGINT NOT NULL,
        used_ms BIGINT,
        device TEXT
    )",
    // Devices: the token is stored as its SHA-256 only; a revoked device keeps its row.
    "CREATE TABLE IF NOT EXISTS devices (
        id TEXT PRIMARY KEY,
        officer TEXT NOT NULL REFERENCES officers (id),
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_ms BIGINT NOT NULL,
        last_push_ms BIGINT,
        revoked_ms BIGINT
    )",
    // Every push: who, when, which bundle, what it did, and the hub sequence after it.
    "CREATE TABLE IF NOT EXISTS audit (
        id TEXT PRIMARY KEY,
        device TEXT NOT NULL,
        officer TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        checksum TEXT NOT NULL,
        records BIGINT NOT NULL,
        counts TEXT NOT NULL,
        hub_seq BIGINT NOT NULL
    )",
    "CREATE INDEX IF NOT EXISTS audit_at ON audit (at_ms)",
];

impl Db {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                format!("DATABASE_URL must start with sqlite: or postgres: (got {url:.20}…)")
                    .into(),
            ));
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match engine {
                Engine::Sqlite => 8,
                Engine::Postgres => 16,
            })
            // A hub that cannot reach its database answers 503 soon, and the device retries.
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // A push of 50,000 records holds the write lock for seconds: wait for it
                        // rather than fail. NORMAL is durable against a killed process in WAL mode.
                        conn.execute("PRAGMA busy_timeout = 60000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        let db = Db {
            pool,
            engine,
            queue: Arc::default(),
            pushes: Arc::default(),
        };
        if engine == Engine::Sqlite {
            // Readers never wait for a writer, and a writer never for readers. Kept in the file.
            sqlx::query("PRAGMA journal_mode = WAL")
                .fetch_optional(&db.pool)
                .await?;
        }
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        for statement in SCHEMA {
            tx.execute(*statement).await?;
        }
        crate::photos::migrate(&mut tx, self.engine).await?;
        tx.commit().await
    }

    /// A transaction holding the database's one write lock (see the module's documentation),
    /// after this process's earlier writers.
    pub async fn begin_write(&self) -> Result<Write, sqlx::Error> {
        let turn = self.turn().await;
        self.begin_write_after(turn).await
    }

    /// This process's turn to write (see `queue`).
    pub async fn turn(&self) -> OwnedMutexGuard<()> {
        self.queue.clone().lock_owned().await
    }

    /// [`Db::begin_write`] with the turn already taken.
    pub async fn begin_write_after(&self, turn: OwnedMutexGuard<()>) -> Result<Write, sqlx::Error> {
        let tx = match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => {
                let mut tx = self.pool.begin().await?;
                // `SELECT 1 FROM`: the function returns `void`, which the Any driver cannot decode.
                sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK)
                    .fetch_one(&mut *tx)
                    .await?;
                tx
            }
        };
        Ok(Write { tx, _turn: turn })
    }
}

/// `$1, $2, …, $n` after `from` parameters already bound.
pub fn params(from: usize, n: usize) -> String {
    (from + 1..=from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text column, read by name.
pub fn text(row: &AnyRow, column: &str) -> Result<String, sqlx::Error> {
    sqlx::Row::try_get(row, column)
}

/// A whole-number column, read by name.
pub fn int(row: &AnyRow, column: &str) -> Result<i64, sqlx::Error> {
    sqlx::Row::try_get(row, column)
}

/// A whole-number column that may be NULL, read by name.
pub fn opt_int(row: &AnyRow, column: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::Row::try_get(row, column)
}

/// Milliseconds since 1970 on the hub's clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `n` random bytes from the operating system, as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    hex(&bytes)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a secret (token or enrolment code), as stored.
pub fn hash(secret: &str) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(secret.as_bytes()))
}
