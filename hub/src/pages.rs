//! Pull pages, built once and served to every device that asks for the same one.
//!
//! A page is the records of one scope after a cursor, which a whole office's devices ask for in
//! the same minutes (each new device from 0, each device after the last push it saw). Building
//! one (2,000 records read from the database, decoded, written as a bundle with its checksum,
//! gzipped) is tens of milliseconds of CPU; checking that a built one still holds is one count
//! over an index. So built pages are kept in memory, in a bounded cache, and checked before each
//! use against the database, the only state the hub has (several hub processes each keep their
//! own cache, all correct).
//!
//! Why the check is enough: every write of a record gives it the next hub sequence number
//! (`sync::push`), so the records of a scope numbered in `since..=cursor` can only leave that
//! range (changed: renumbered past the end; moved to another kabupaten: renumbered too), never
//! enter it, and none is ever removed from the table (a deletion is a tombstone, written like any
//! change). A page is unchanged iff the range still counts as many records as the page holds
//! and, for a page that was the last one, no record came after it.
//!
//! Devices asking for the same page at once wait for one build (each key has its own lock).

use crate::db::Db;
use crate::scope::Scope;
use crate::sync;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// At most this many pages kept (gzipped, about 200 KB each for Usaha: about 50 MB).
const MAX_PAGES: usize = 256;

/// A page as it goes out.
pub struct Built {
    /// The bundle, gzipped (every browser takes gzip; the rare client that does not gets it
    /// unpacked on the way out).
    /// Shared, not copied, by every answer that sends it.
    pub gzip: axum::body::Bytes,
    pub cursor: i64,
    pub more: bool,
    /// How many records it holds.
    pub records: i64,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    scope: Scope,
    since: i64,
    limit: i64,
}

type Slot = Arc<tokio::sync::Mutex<Option<Arc<Built>>>>;

#[derive(Default)]
pub struct Pages {
    slots: Mutex<Slots>,
}

#[derive(Default)]
struct Slots {
    by_key: HashMap<Key, (Slot, u64)>,
    /// Increases with every use: the least recently used slot goes first.
    clock: u64,
}

/// Why a page could not be served.
#[derive(Debug)]
pub enum PageError {
    Db(sqlx::Error),
    /// The bundle writer or gzip panicked (a bug).
    Internal,
}

impl From<sqlx::Error> for PageError {
    fn from(e: sqlx::Error) -> Self {
        PageError::Db(e)
    }
}

impl Pages {
    /// The page of `scope` after `since`, at most `limit` records: kept if it still holds,
    /// else built (and kept).
    pub async fn get(
        &self,
        db: &Db,
        scope: &Scope,
        since: i64,
        limit: i64,
    ) -> Result<Arc<Built>, PageError> {
        let slot = self.slot(Key {
            scope: scope.clone(),
            since,
            limit,
        });
        let mut kept = slot.lock().await;
        if let Some(page) = kept.as_ref() {
            if sync::page_holds(db, scope, since, page.cursor, page.records, page.more).await? {
                return Ok(page.clone());
            }
        }
        let built = Arc::new(build(db, scope, since, limit).await?);
        *kept = Some(built.clone());
        Ok(built)
    }

    /// The slot of `key`, made if new; the least recently used one dropped past `MAX_PAGES`.
    fn slot(&self, key: Key) -> Slot {
        let mut slots = self.slots.lock().expect("page cache lock");
        slots.clock += 1;
        let now = slots.clock;
        if let Some((slot, used)) = slots.by_key.get_mut(&key) {
            *used = now;
            return slot.clone();
        }
        if slots.by_key.len() >= MAX_PAGES {
            let oldest = slots
                .by_key
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                slots.by_key.remove(&oldest);
            }
        }
        let slot = Slot::default();
        slots.by_key.insert(key, (slot.clone(), now));
        slot
    }
}

/// Reads the page from the database and writes it as a gzipped bundle.
async fn build(db: &Db, scope: &Scope, since: i64, limit: i64) -> Result<Built, PageError> {
    let page = sync::pull(db, scope, since, limit).await?;
    let header = sync::page_header(scope, page.created_ms);
    let (cursor, more, records) = (page.cursor, page.more, page.records.len() as i64);
    let gzip = tokio::task::spawn_blocking(move || {
        sentra::bundle::gzip(sentra::bundle::write(&header, &page.records))
    })
    .await
    .map_err(|_| PageError::Internal)?;
    Ok(Built {
        gzip: gzip.into(),
        cursor,
        more,
        records,
    })
}
