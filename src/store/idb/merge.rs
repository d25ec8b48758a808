//! Saving: records merged into their stored chunks, in the one transaction that reads and
//! writes them.

use super::*;

/// The kind stores `records` touch, each once.
pub(super) fn kinds_of(records: &[Record]) -> Vec<&'static str> {
    let mut kinds: Vec<&str> = records.iter().map(|r| r.kind.key()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// How [`merge_chunks`] reads the chunks it merges into.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Pace {
    /// All reads in flight together, then each chunk merged as its read arrives: quickest.
    Together,
    /// Reads in batches of about [`BATCH_RECORDS`] incoming records, each batch issued once the
    /// one before is merged and written, so the page gets the thread back while IndexedDB
    /// fetches it (the transaction stays active: a request is pending). For imports: 64 chunks
    /// of 800 records merged back to back held the page for 680 ms, the reads' results arriving
    /// as one run of tasks; one read at a time cost a round trip per chunk (applying 10,000
    /// records took 953 ms, against 350 ms in batches).
    Batched,
}

/// Incoming records merged between two batches of reads (about 30 ms on a laptop).
const BATCH_RECORDS: usize = 2_000;

/// Merges `records` into their stored chunks inside `tx` (which must cover their kinds and
/// `UNSENT`): the records as stored, the conflicts found, and the records that changed, marked
/// unsent under one new marker. Each chunk involved is read, merged and written in the one
/// transaction: another tab's write cannot land in between. Any failure aborts the transaction.
pub(super) async fn merge_chunks(
    tx: &IdbTransaction,
    records: &[Record],
    pace: Pace,
    mark: bool,
) -> Result<Written, StoreError> {
    let mut out = Written::default();
    let marker = new_marker();
    let fail = |e: StoreError| {
        let _ = tx.abort();
        e
    };
    let groups = by_chunk(records.iter().map(|r| (r.kind, &*r.id, r)));
    let read = |(kind, chunk): &(Kind, u32)| {
        IdbStore::object_store(tx, kind.key())?
            .get(&JsValue::from_str(&chunk_key(*chunk)))
            .map_err(|e| fail(error_of(e)))
    };
    let keys: Vec<(Kind, u32)> = groups.keys().copied().collect();
    let sizes: Vec<usize> = groups.values().map(Vec::len).collect();
    let mut reads = std::collections::VecDeque::with_capacity(groups.len());
    let mut issued = 0;
    out.records.reserve(records.len());
    for ((kind, chunk), incoming) in groups {
        if reads.is_empty() {
            // The next batch of reads (all of them, at the quick pace).
            let mut batch = 0;
            while issued < keys.len() && (pace == Pace::Together || batch < BATCH_RECORDS) {
                reads.push_back(read(&keys[issued])?);
                batch += sizes[issued];
                issued += 1;
            }
        }
        let request = reads.pop_front().expect("a read per chunk");
        let stored = finished(&request).await.map_err(fail)?;
        let mut by_id: BTreeMap<Id, Record> = chunk_records(kind.key(), &stored)
            .map_err(fail)?
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect();
        // A chunk nothing changed in is not written again (a repeated file writes nothing).
        if out.merge_in(&mut by_id, incoming, &marker) {
            IdbStore::object_store(tx, kind.key())?
                .put_with_key(
                    &chunk_value(by_id.values()),
                    &JsValue::from_str(&chunk_key(chunk)),
                )
                .map_err(|e| fail(error_of(e)))?;
        }
    }
    if mark {
        mark_in(tx, &out.unsent).await.map_err(fail)?;
    } else {
        out.unsent.clear();
    }
    Ok(out)
}
