//! Push and pull against the database, with the app's own merge (`sentra::sharing::Planner`,
//! which uses `sentra::model::merge::merge_reporting`) and bundle writer.

use crate::admin::Caller;
use crate::db::{int, now_ms, params, random_hex, text, Db};
use crate::scope::{kabupaten_of, provinsi, Scope};
use sentra::bundle::{Bundle, Header};
use sentra::model::merge::Conflict;
use sentra::model::{Kind, Record};
use sentra::sharing::{Counts, Planner};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Stored copies are read this many ids at a time, and written this many rows per statement.
const IDS_PER_QUERY: usize = 500;
const ROWS_PER_INSERT: usize = 200;
/// A pull page holds at most this many records (about 1.7 MB of JSON for Usaha).
pub const MAX_PAGE: i64 = 2_000;
/// The device id and officer name in a pulled bundle's header.
pub const HUB_DEVICE: &str = "sentra-hub";
pub const HUB_OFFICER: &str = "Kantor";

/// What a push did.
#[derive(Debug, Serialize)]
pub struct Pushed {
    pub counts: BTreeMap<Kind, Counts>,
    pub conflicts: Vec<Conflict>,
    /// The hub sequence after this push.
    pub cursor: i64,
}

#[derive(Debug)]
pub enum PushError {
    /// Records outside the caller's scope, by id: nothing was written.
    OutOfScope(Vec<String>),
    Db(sqlx::Error),
    /// A bug of the hub (the merge panicked): nothing was written.
    Internal,
}

impl From<sqlx::Error> for PushError {
    fn from(e: sqlx::Error) -> Self {
        PushError::Db(e)
    }
}

fn decode(body: &str) -> Result<Record, sqlx::Error> {
    serde_json::from_str(body).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Merges a received bundle into the stored records in one transaction, all or nothing, holding
/// the write lock (`Db::begin_write`) from the first read to the commit. Every record that
/// changes gets the next hub sequence number; a push that changes nothing (a retry, or changes
/// that arrived before by another device or a file) takes no number. An audit row is written
/// either way.
pub async fn push(db: &Db, caller: &Caller, bundle: Bundle) -> Result<Pushed, PushError> {
    let mut tx = db.begin_write().await?;
    // The stored copies of the received records, and the kabupaten each is stored under.
    let mut stored: BTreeMap<String, Record> = BTreeMap::new();
    let mut stored_in: HashMap<String, String> = HashMap::new();
    let ids: Vec<&str> = bundle.records.iter().map(|r| r.id.as_str()).collect();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT id, kabupaten, body FROM records WHERE id IN ({})",
            params(0, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for row in q.fetch_all(&mut *tx).await? {
            let id = text(&row, "id")?;
            stored_in.insert(id.clone(), text(&row, "kabupaten")?);
            stored.insert(id, decode(&text(&row, "body")?)?);
        }
    }

    // The merge is CPU work (a second for 50,000 records): off the async workers.
    let scope = caller.scope.clone();
    let (plan, placed) = tokio::task::spawn_blocking(move || {
        let mut planner = Planner::default();
        for r in &bundle.records {
            planner.add(&stored, r);
        }
        let plan = planner.finish();
        let placed = place(&scope, &bundle.records, &stored, &stored_in, &plan.write);
        (
            plan,
            placed.map(|p| (p, bundle.checksum, bundle.records.len())),
        )
    })
    .await
    .map_err(|e| {
        eprintln!("sentra-hub: the merge failed: {e}");
        PushError::Internal
    })?;
    let (kabupaten, checksum, received) = match placed {
        Ok(p) => p,
        Err(outside) => {
            tx.rollback().await?;
            return Err(PushError::OutOfScope(outside));
        }
    };

    let now = now_ms();
    let seq_row = sqlx::query("SELECT value FROM hub_state WHERE key = 'seq'")
        .fetch_one(&mut *tx)
        .await?;
    let mut seq = int(&seq_row, "value")?;
    let rows: Vec<(&Record, &str)> = plan
        .write
        .iter()
        .map(|r| (r, kabupaten[&r.id].as_str()))
        .collect();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", params(i * 7, 7)))
            .collect();
        let sql = format!(
            "INSERT INTO records (id, kind, kabupaten, provinsi, seq, changed_ms, body) VALUES {}
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, kabupaten = excluded.kabupaten,
               provinsi = excluded.provinsi, seq = excluded.seq, changed_ms = excluded.changed_ms,
               body = excluded.body",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (r, kab) in chunk {
            seq += 1;
            let body = serde_json::to_string(r).expect("a record serialises");
            q = q
                .bind(r.id.clone())
                .bind(r.kind.key())
                .bind(kab.to_string())
                .bind(provinsi(kab).to_string())
                .bind(seq)
                .bind(now)
                .bind(body);
        }
        q.execute(&mut *tx).await?;
    }
    sqlx::query("UPDATE hub_state SET value = $1 WHERE key = 'seq'")
        .bind(seq)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE devices SET last_push_ms = $1 WHERE id = $2")
        .bind(now)
        .bind(&caller.device)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO audit (id, device, officer, at_ms, checksum, records, counts, hub_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(random_hex(12))
    .bind(&caller.device)
    .bind(&caller.officer)
    .bind(now)
    .bind(checksum)
    .bind(received as i64)
    .bind(serde_json::to_string(&plan.counts).expect("counts serialise"))
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Pushed {
        counts: plan.counts,
        conflicts: plan.conflicts,
        cursor: seq,
    })
}

/// The kabupaten every record to write is stored under, or the ids of the received records
/// outside `scope`. A record belongs where its region field says (as merged: the value that
/// wins); one without a region field stays where it is stored, or, new, goes to the pushing
/// officer's kabupaten (or province). A record already stored outside the scope cannot be
/// changed from inside it either.
fn place(
    scope: &Scope,
    received: &[Record],
    stored: &BTreeMap<String, Record>,
    stored_in: &HashMap<String, String>,
    write: &[Record],
) -> Result<HashMap<String, String>, Vec<String>> {
    let written: HashMap<&str, &Record> = write.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut placed = HashMap::new();
    let mut outside = Vec::new();
    for r in received {
        let now = written
            .get(r.id.as_str())
            .copied()
            .or_else(|| stored.get(&r.id))
            .unwrap_or(r);
        let was = stored_in.get(&r.id);
        let kabupaten = kabupaten_of(now)
            .or_else(|| was.cloned())
            .unwrap_or_else(|| scope.code().to_string());
        if !scope.holds(&kabupaten) || was.is_some_and(|k| !scope.holds(k)) {
            outside.push(r.id.clone());
        } else if written.contains_key(r.id.as_str()) {
            placed.insert(r.id.clone(), kabupaten);
        }
    }
    if outside.is_empty() {
        Ok(placed)
    } else {
        Err(outside)
    }
}

/// A page of a pull.
pub struct Page {
    pub records: Vec<Record>,
    /// The sequence number of the page's last record (`since` for an empty page).
    pub cursor: i64,
    /// Whether records after this page remain.
    pub more: bool,
    /// When the hub stored the page's latest record (its bundle's `created_ms`): a page fetched
    /// again is the same text.
    pub created_ms: u64,
}

/// The records in `scope` changed after `since`, in sequence order, at most `limit`.
pub async fn pull(db: &Db, scope: &Scope, since: i64, limit: i64) -> Result<Page, sqlx::Error> {
    let column = match scope {
        Scope::Kabupaten(_) => "kabupaten",
        Scope::Provinsi(_) => "provinsi",
    };
    let sql = format!(
        "SELECT seq, changed_ms, body FROM records WHERE {column} = $1 AND seq > $2
         ORDER BY seq LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(scope.code())
        .bind(since)
        .bind(limit + 1)
        .fetch_all(&db.pool)
        .await?;
    let more = rows.len() as i64 > limit;
    let rows = &rows[..rows.len().min(limit as usize)];
    let mut page = Page {
        records: Vec::with_capacity(rows.len()),
        cursor: since,
        more,
        created_ms: 0,
    };
    for row in rows {
        page.cursor = int(row, "seq")?;
        page.created_ms = page.created_ms.max(int(row, "changed_ms")? as u64);
        page.records.push(decode(&text(row, "body")?)?);
    }
    Ok(page)
}

/// A pulled page's bundle header: scope all, from the hub.
pub fn page_header(scope: &Scope, created_ms: u64) -> Header {
    Header {
        created_ms,
        device: HUB_DEVICE.into(),
        officer: HUB_OFFICER.into(),
        kabupaten: Some(scope.code().to_string()),
        scope: sentra::bundle::Scope::All,
    }
}
