//! Loading every record at start, in slices: the store's chunks decoded one at a time, the clock
//! and the Usaha index taking each in, then the map and the unsent marks built once from sorted
//! runs (issue 15: in one go, 50,000 Usaha held the page for over a second at 4× CPU slowdown).

use super::{open_store, LoadState, Records, LAST_EXPORT};
use crate::model::hlc::Stamp;
use crate::model::{Id, Record};
use crate::store::{Marker, Unsent};
use crate::store::{Store, StoreError};
use crate::web::slices;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// The meta key saying the unsent marks have been filled from the export mark (the first start
/// after the upgrade that brought them).
const UNSENT_FILLED: &str = "unsent_filled";

impl Records {
    /// Tells the officer when stamps on this device run ahead of its clock (see
    /// [`Self::clock_ahead`]).
    fn check_clock(self) {
        let now = js_sys::Date::now() as u64;
        let ahead = self.clock.with_value(|c| c.ahead_of(now));
        self.clock_ahead.set(ahead);
    }

    /// Reads every record, the export mark and the unsent marks, then says the records are
    /// ready (or why they could not be read).
    pub(super) async fn load(self) {
        let records = self;
        let started = js_sys::Date::now();
        // Told while an older version in another tab blocks the upgrade; it goes on once
        // that tab closes.
        let blocked = move || records.state.set(LoadState::Failed(StoreError::Blocked));
        let loading = async {
            let store = open_store(blocked).await?;
            let mark: Option<Stamp> = store
                .meta_get(LAST_EXPORT)
                .await?
                .and_then(|m| serde_json::from_str(&m).ok());
            let fill_unsent = store.meta_get(UNSENT_FILLED).await?.is_none();
            // Before per-record marks, "unsent" meant a change after the export mark.
            let mut unshared = Vec::new();
            let taking = std::cell::Cell::new(0.0);
            // A chunk at a time, the page breathing between slices: the clock and the Usaha
            // index take each chunk in as it is decoded, the map all of them at the end.
            // What the first screens showed at the last opening, if still true, is shown
            // while the records are read.
            if let Ok(screens) = store.screens().await {
                records.screens.set(screens);
            }
            let chunks = store.read_chunks().await?;
            let writes = chunks.writes;
            let loaded = slices::collect_in_slices(chunks, |chunk| {
                if fill_unsent {
                    unshared.extend(
                        crate::sharing::unshared(chunk, mark.as_ref())
                            .into_iter()
                            .map(|r| r.id.clone()),
                    );
                }
                let t = js_sys::Date::now();
                records.observe_and_index(chunk);
                taking.set(taking.get() + js_sys::Date::now() - t);
            })
            .await?;
            // Each chunk is in id order: merged in slices, the map is built in one go from
            // a sorted list (inserting 50,000 ids one by one took 4 times as long, sorting
            // them in one go held the page for 150-200 ms at 4× CPU slowdown).
            let t = js_sys::Date::now();
            let loaded = slices::merge_in_slices(loaded, |a, b| a.id.cmp(&b.id)).await;
            records.all.update_untracked(|all| {
                if all.is_empty() {
                    *all = loaded.into_iter().map(|r| (r.id.clone(), r)).collect();
                } else {
                    // Another tab's records read back meanwhile: as `take_in` does.
                    all.extend(loaded.into_iter().map(|r| (r.id.clone(), r)));
                }
            });
            taking.set(taking.get() + js_sys::Date::now() - t);
            if fill_unsent {
                store.mark_unsent(&unshared).await?;
                store.meta_put(UNSENT_FILLED, "1").await?;
            }
            let marks = slices::collect_in_slices(store.read_unsent().await?, |_| ()).await?;
            let marks = slices::merge_in_slices(marks, |a, b| a.0.cmp(&b.0)).await;
            let unsent: Unsent = records.share_ids(marks).await.into_iter().collect();
            records.writes.update_value(|w| {
                if *w == super::Writes::Unread {
                    *w = super::Writes::At(writes);
                }
            });
            Ok::<_, StoreError>((mark, unsent, taking.get()))
        };
        match loading.await {
            Ok((mark, unsent, taking_ms)) => {
                records.last_export.set(mark);
                records.unsent.set(unsent);
                // For diagnostics and the load benchmark: how long opening, reading and
                // decoding took, and of it taking the records in (the clock, the Usaha
                // index, the map), in slices since issue 15.
                if let Some(body) = document().body() {
                    let now = js_sys::Date::now();
                    let _ = body.set_attribute(
                        "data-load-ms",
                        &format!("{:.0}", now - started - taking_ms),
                    );
                    let _ = body.set_attribute("data-take-in-ms", &format!("{taking_ms:.0}"));
                }
                records.check_clock();
                records.all.notify();
                // The inbox is read before the records count as loaded, so a page that
                // waits for them sees it too.
                records.refresh_conflicts().await;
                records.state.set(LoadState::Ready);
                // Photos no record refers to any more (a save that failed after its photos
                // were kept, a removal another tab made) go.
                let _ = records.drop_unreferenced().await;
            }
            Err(e) => records.state.set(LoadState::Failed(e)),
        }
    }

    /// The unsent marks as read at start (in id order), each id the record's own and each
    /// write's marker one copy ([`share_mark`]), in slices (issue 15: 50,000 marks as read held
    /// 50,000 more copies of the ids and of one import's marker, 3.4 MB).
    async fn share_ids(self, marks: Vec<(Id, Marker)>) -> Vec<(Id, Marker)> {
        let mut markers: HashSet<Marker> = HashSet::new();
        let mut out = Vec::with_capacity(marks.len());
        let mut marks = marks.into_iter().peekable();
        while marks.peek().is_some() {
            let deadline = slices::Deadline::start();
            self.all.with_untracked(|all| {
                for (id, marker) in marks.by_ref() {
                    out.push(share_mark(all, &mut markers, id, marker));
                    if out.len() % 512 == 0 && deadline.passed() {
                        break;
                    }
                }
            });
            slices::breathe().await;
        }
        out
    }

    /// The unsent marks read again (another tab wrote), shared as at start, in one go: the
    /// page must not save in between, or the marks set here would hide its save's mark.
    pub(super) fn share_marks(self, marks: Unsent) -> Unsent {
        let mut markers: HashSet<Marker> = HashSet::new();
        self.all.with_untracked(|all| {
            marks
                .into_iter()
                .map(|(id, marker)| share_mark(all, &mut markers, id, marker))
                .collect()
        })
    }
}

/// One unsent mark with the record's own id (when the record is in `all`) and the one copy of
/// its marker in `markers`.
fn share_mark(
    all: &BTreeMap<Id, Record>,
    markers: &mut HashSet<Marker>,
    id: Id,
    marker: Marker,
) -> (Id, Marker) {
    let id = all.get_key_value(&id).map_or(id, |(own, _)| own.clone());
    let marker = match markers.get(&marker) {
        Some(one) => one.clone(),
        None => {
            markers.insert(marker.clone());
            marker
        }
    };
    (id, marker)
}
