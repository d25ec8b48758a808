//! A push: a device's bundle merged into the stored records with the app's own merge
//! (`sentra::sharing::Planner`, which uses `sentra::model::merge::merge_reporting`), all or
//! nothing, each changed record numbered with the next hub sequence number.
//!
//! Pushes that arrive while another is being written wait, and are then written together, in
//! one transaction ("group commit"): each is merged in its turn over the records as the pushes
//! before it left them, exactly as if each had its own transaction, and each gets its own
//! answer and audit row; a push refused (records outside its scope) is left out alone. What a
//! transaction costs whatever its size (taking the write lock, a dozen round trips to the
//! database, the commit) is then paid once for the group: 200 devices pushing 100 records each
//! at the same moment waited up to 3 s for 200 transactions one after the other.
//!
//! Each push is written by a task of its own, so a device that goes away mid-wait does not
//! cancel the others' writing. A failure of the database answers every push of the group with
//! it (nothing of the group is written; each device keeps its changes and tries again).
//!
//! Here: the queue and the group's transaction (what it reads and writes); `merge.rs`: the
//! group's merges, pure CPU work run off the async workers.

mod merge;

use crate::admin::Caller;
use crate::db::{int, now_ms, params, random_hex, text, Db};
use crate::scope::provinsi;
use crate::sync::decode;
use merge::merge_group;
use sentra::bundle::{Bundle, Photos};
use sentra::model::merge::Conflict;
use sentra::model::{Id, Kind, Record};
use sentra::sharing::Counts;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;
use tokio::sync::oneshot;

/// Stored copies are read this many ids at a time, and written this many rows per statement
/// (SQLite looks a parameter up by a walk over the statement's parameters, so a statement of
/// thousands of them costs quadratically).
const IDS_PER_QUERY: usize = 100;
const ROWS_PER_INSERT: usize = 50;
/// A group takes waiting pushes up to this many records, and photos of this many bytes, in all
/// (at least one push): one transaction does not write the photos of a hundred full bundles.
const GROUP_RECORDS: usize = 20_000;
const GROUP_PHOTO_BYTES: usize = sentra::bundle::MAX_BYTES;

/// What a push did.
#[derive(Debug, Serialize)]
pub struct Pushed {
    pub counts: BTreeMap<Kind, Counts>,
    pub conflicts: Vec<Conflict>,
    /// The hub sequence after this push.
    pub cursor: i64,
}

#[derive(Clone, Debug)]
pub enum PushError {
    /// Records outside the caller's scope, by id: nothing was written.
    OutOfScope(Vec<String>),
    /// The database failed (its message, for the hub's log): nothing was written.
    Db(String),
    /// A bug of the hub (the merge panicked): nothing was written.
    Internal,
}

impl From<sqlx::Error> for PushError {
    fn from(e: sqlx::Error) -> Self {
        PushError::Db(e.to_string())
    }
}

/// A push waiting for its turn.
struct Waiting {
    caller: Caller,
    bundle: Bundle,
    answer: oneshot::Sender<Result<Pushed, PushError>>,
}

/// This process's pushes waiting for their turn (kept in [`Db`]).
#[derive(Default)]
pub struct Queue {
    waiting: Mutex<VecDeque<Waiting>>,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Queue")
    }
}

impl Queue {
    /// The pushes waiting, in arrival order, up to [`GROUP_RECORDS`] records and
    /// [`GROUP_PHOTO_BYTES`] of photos.
    fn group(&self) -> Vec<Waiting> {
        let mut waiting = self.waiting.lock().expect("push queue");
        let mut group = Vec::new();
        let (mut records, mut photo_bytes) = (0, 0);
        while let Some(next) = waiting.front() {
            let n = next.bundle.records.len();
            let bytes: usize = next
                .bundle
                .photos
                .photos
                .values()
                .map(|p| p.bytes.len())
                .sum();
            if !group.is_empty()
                && (records + n > GROUP_RECORDS || photo_bytes + bytes > GROUP_PHOTO_BYTES)
            {
                break;
            }
            records += n;
            photo_bytes += bytes;
            group.extend(waiting.pop_front());
        }
        group
    }
}

/// Merges a received bundle into the stored records, all or nothing (see the module). Every
/// record that changes gets the next hub sequence number; a push that changes nothing (a retry,
/// or changes that arrived before by another device or a file) takes no number. An audit row is
/// written either way.
pub async fn push(db: &Db, caller: Caller, bundle: Bundle) -> Result<Pushed, PushError> {
    let (answer, answered) = oneshot::channel();
    db.pushes
        .waiting
        .lock()
        .expect("push queue")
        .push_back(Waiting {
            caller,
            bundle,
            answer,
        });
    let db = db.clone();
    tokio::spawn(async move {
        // This process's turn, then whatever waits (this push, unless a group before took it).
        let turn = db.turn().await;
        let group = db.pushes.group();
        if group.is_empty() {
            return;
        }
        let (pushes, answers): (Vec<_>, Vec<_>) = group
            .into_iter()
            .map(|w| ((w.caller, w.bundle), w.answer))
            .unzip();
        let results = match write_group(&db, turn, pushes).await {
            Ok(results) => results,
            Err(e) => {
                if let PushError::Db(message) = &e {
                    eprintln!("sentra-hub: database: {message}");
                }
                answers.iter().map(|_| Err(e.clone())).collect()
            }
        };
        for (answer, result) in answers.into_iter().zip(results) {
            // The device may have gone away: its push is written all the same.
            let _ = answer.send(result);
        }
    });
    answered.await.unwrap_or(Err(PushError::Internal))
}

/// Writes a group of pushes in one transaction: an answer per push, or the group's failure.
async fn write_group(
    db: &Db,
    turn: tokio::sync::OwnedMutexGuard<()>,
    mut pushes: Vec<(Caller, Bundle)>,
) -> Result<Vec<Result<Pushed, PushError>>, PushError> {
    let mut tx = db.begin_write_after(turn).await?;
    // The stored copies of every received record, and the kabupaten each is stored under.
    let mut stored: BTreeMap<Id, Record> = BTreeMap::new();
    let mut stored_in: HashMap<Id, String> = HashMap::new();
    let mut ids: Vec<&str> = pushes
        .iter()
        .flat_map(|(_, b)| b.records.iter().map(|r| &*r.id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
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
            let id: Id = text(&row, "id")?.into();
            stored_in.insert(id.clone(), text(&row, "kabupaten")?);
            stored.insert(id, decode(&text(&row, "body")?)?);
        }
    }

    let seq_row = sqlx::query("SELECT value FROM hub_state WHERE key = 'seq'")
        .fetch_one(&mut *tx)
        .await?;
    let first_seq = int(&seq_row, "value")?;
    // The merges are CPU work (a second for 50,000 records): off the async workers.
    let callers: Vec<Caller> = pushes.iter().map(|(c, _)| c.clone()).collect();
    // The photos each push carried (checked by the reader), taken once its records are written.
    let carried: Vec<Photos> = pushes
        .iter_mut()
        .map(|(_, b)| std::mem::take(&mut b.photos.photos))
        .collect();
    let (merged, rows) =
        tokio::task::spawn_blocking(move || merge_group(pushes, stored, stored_in, first_seq))
            .await
            .map_err(|e| {
                eprintln!("sentra-hub: the merge failed: {e}");
                PushError::Internal
            })?;

    let now = now_ms();
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
        for row in chunk {
            q = q
                .bind(row.id.clone())
                .bind(row.kind)
                .bind(row.kabupaten.clone())
                .bind(provinsi(&row.kabupaten).to_string())
                .bind(row.seq)
                .bind(now)
                .bind(row.body.clone());
        }
        q.execute(&mut *tx).await?;
    }
    // Which photos the written records now refer to (what a device may upload and download).
    // (A record new to the hub has no references to replace.)
    let refs: Vec<(&str, &[String])> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.photos.as_slice()))
        .collect();
    let replaced: Vec<&str> = rows
        .iter()
        .filter(|r| r.was_stored)
        .map(|r| r.id.as_str())
        .collect();
    let referred_before = crate::photos::write_refs(&mut tx, &replaced, &refs).await?;
    // A photo no stored record refers to any more goes, with the push that made it so.
    crate::photos::drop_unreferenced(&mut tx, &referred_before).await?;
    // The photos each accepted push carried, by the rule an upload follows (a live record of
    // the pusher's scope refers to it), now that the references are written.
    for ((merged, caller), photos) in merged.iter().zip(&callers).zip(carried) {
        if merged.is_ok() && !photos.is_empty() {
            crate::photos::take_carried(&mut tx, &caller.scope, &caller.device, photos).await?;
        }
    }

    // Each push's sequence after it, its audit row, its device's last push.
    let mut results = Vec::with_capacity(merged.len());
    let mut cursor = first_seq;
    let mut audits = Vec::new();
    let mut devices: Vec<&str> = Vec::new();
    for (merged, caller) in merged.into_iter().zip(&callers) {
        match merged {
            Ok(m) => {
                cursor += m.write as i64;
                audits.push((
                    caller,
                    (m.checksum.clone(), m.received),
                    m.counts_json(),
                    cursor,
                ));
                devices.push(&caller.device);
                results.push(Ok(Pushed {
                    counts: m.counts,
                    conflicts: m.conflicts,
                    cursor,
                }));
            }
            Err(e) => results.push(Err(e)),
        }
    }
    sqlx::query("UPDATE hub_state SET value = $1 WHERE key = 'seq'")
        .bind(cursor)
        .execute(&mut *tx)
        .await?;
    devices.sort_unstable();
    devices.dedup();
    for chunk in devices.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "UPDATE devices SET last_push_ms = $1 WHERE id IN ({})",
            params(1, chunk.len())
        );
        let mut q = sqlx::query(&sql).bind(now);
        for device in chunk {
            q = q.bind(*device);
        }
        q.execute(&mut *tx).await?;
    }
    for chunk in audits.chunks(ROWS_PER_INSERT / 2) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", params(i * 8, 8)))
            .collect();
        let sql = format!(
            "INSERT INTO audit (id, device, officer, at_ms, checksum, records, counts, hub_seq)
             VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (caller, (checksum, received), counts, hub_seq) in chunk {
            q = q
                .bind(random_hex(12))
                .bind(caller.device.clone())
                .bind(caller.officer.clone())
                .bind(now)
                .bind(checksum.clone())
                .bind(*received as i64)
                .bind(counts.clone())
                .bind(*hub_seq);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(results)
}
