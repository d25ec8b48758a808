//! Records as app state: loaded from the store once at start, then read from memory; every
//! save writes through to the store first and updates memory only when the store has committed.

use crate::model::hlc::{Clock, Stamp};
use crate::model::merge::Conflict;
use crate::model::{Editor, Id, Kind, Record};
use crate::report::UsahaIndex;
use crate::sharing::{superseded, ImportEntry};
use crate::store::idb::IdbStore;
use crate::store::{Marker, Store, StoreError, Unsent};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;

use super::slices::{self, Deadline};

mod days;
mod load;
mod photos;
mod screens;
pub use days::{local_time, today, tomorrow, utc_offset_ms};
pub use photos::takes_gps;
use screens::Writes;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(StoreError),
}

/// The last deletion, offered for undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub id: Id,
    pub name: String,
}

#[derive(Clone, Copy)]
pub struct Records {
    pub all: RwSignal<BTreeMap<Id, Record>>,
    pub state: RwSignal<LoadState>,
    pub last_deleted: RwSignal<Option<Deleted>>,
    /// The latest stamp that left the device in an export (`None`: never exported): a "since"
    /// export says it in its header.
    pub last_export: RwSignal<Option<Stamp>>,
    /// The records that have not left the device since they last changed here, in any way (a
    /// save, a received file): "belum dibagikan". Id → the marker of that change.
    pub unsent: RwSignal<Unsent>,
    /// How far the stamps on this device run ahead of its clock, beyond what received files may
    /// (`None`: they do not): the device's date was later when they were made, and one of the
    /// two dates is wrong.
    pub clock_ahead: RwSignal<Option<u64>>,
    /// The conflict inbox: versions an import dropped that the officer has not looked at.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// The Usaha as the reports read them, updated with `all` (before it, so a memo reading
    /// `all` finds the index current).
    pub usaha_index: StoredValue<UsahaIndex>,
    /// What the first screens showed at an earlier opening, still true of what is stored (read
    /// before the records; see `store::idb::screens`): screen name → the page's own text.
    pub screens: RwSignal<BTreeMap<String, String>>,
    /// The store's count of writes that `all` shows.
    writes: StoredValue<Writes>,
    clock: StoredValue<Clock>,
}

/// Records taken in between two looks at the slice's deadline (a few ms).
const TAKE_IN_PIECE: usize = 500;

/// The meta key of [`Records::last_export`].
const LAST_EXPORT: &str = "last_export";

thread_local! {
    static STORE: RefCell<Option<Rc<IdbStore>>> = const { RefCell::new(None) };
    /// Tells other tabs of this app what was saved, so their lists and forms are not stale.
    static CHANNEL: Option<web_sys::BroadcastChannel> =
        web_sys::BroadcastChannel::new("sentra-records").ok();
}

/// What one tab tells the others.
#[derive(Serialize, Deserialize)]
enum Notice {
    Saved(Vec<(Kind, String)>),
    /// Records left the device (a push, an export), or the office's conflicts came in: the
    /// unsent marks and the inbox changed.
    Sent,
    Cleared,
    /// The officer's profile and device id were replaced: start afresh.
    NewDevice,
}

fn tell_other_tabs(notice: &Notice) {
    if let Ok(text) = serde_json::to_string(notice) {
        CHANNEL.with(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&JsValue::from_str(&text));
            }
        });
    }
}

async fn store() -> Result<Rc<IdbStore>, StoreError> {
    open_store(|| {}).await
}

async fn open_store(on_blocked: impl Fn() + 'static) -> Result<Rc<IdbStore>, StoreError> {
    if let Some(s) = STORE.with_borrow(Clone::clone) {
        return Ok(s);
    }
    let s = Rc::new(IdbStore::open(on_blocked).await?);
    STORE.set(Some(s.clone()));
    Ok(s)
}

impl Records {
    /// `clock_device`: the device id and this tab's (see `settings::tab_id`).
    pub fn provide(clock_device: String) -> Self {
        let records = Records {
            all: RwSignal::new(BTreeMap::new()),
            state: RwSignal::new(LoadState::Loading),
            last_deleted: RwSignal::new(None),
            last_export: RwSignal::new(None),
            unsent: RwSignal::new(BTreeMap::new()),
            clock_ahead: RwSignal::new(None),
            conflicts: RwSignal::new(Vec::new()),
            usaha_index: StoredValue::new(UsahaIndex::build([], utc_offset_ms())),
            screens: RwSignal::new(BTreeMap::new()),
            writes: StoredValue::new(Writes::Unread),
            clock: StoredValue::new(Clock::new(clock_device)),
        };
        provide_context(records);
        records.listen_to_other_tabs();
        spawn_local(records.load());
        records
    }

    pub fn expect() -> Self {
        expect_context()
    }

    /// Another tab saved records or wiped the device: read what it saved from the store.
    fn listen_to_other_tabs(self) {
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(notice) = event
                    .data()
                    .as_string()
                    .and_then(|t| serde_json::from_str::<Notice>(&t).ok())
                else {
                    return;
                };
                match notice {
                    // As `clear` leaves the tab that wiped: the inbox and the export mark went
                    // with the records.
                    Notice::Cleared => {
                        self.writes.set_value(Writes::Unknown);
                        self.usaha_index
                            .set_value(UsahaIndex::build([], utc_offset_ms()));
                        self.all.set(BTreeMap::new());
                        self.last_export.set(None);
                        self.unsent.set(BTreeMap::new());
                        self.conflicts.set(Vec::new());
                    }
                    // The page's profile, the clock's device and what forms hold all belong to
                    // the old officer: only a fresh start drops every trace of them.
                    Notice::NewDevice => {
                        let _ = window().location().reload();
                    }
                    Notice::Saved(keys) => spawn_local(self.read_back(keys)),
                    Notice::Sent => spawn_local(self.read_back(Vec::new())),
                }
            },
        );
        CHANNEL.with(|c| {
            if let Some(c) = c {
                c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            }
        });
        on_message.forget(); // lives as long as the page
    }

    /// What another tab wrote, read back: the records `keys`, the unsent marks, the inbox. In
    /// slices: a sync in another tab may have stored tens of thousands.
    async fn read_back(self, keys: Vec<(Kind, String)>) {
        if !keys.is_empty() {
            if let Ok(fresh) = async { store().await?.get_many(&keys).await }.await {
                self.take_in_slices(fresh, None).await;
            }
        }
        if let Ok(unsent) = async { store().await?.unsent().await }.await {
            // The records' ids and one marker per write, as at start: read anew, every mark
            // would hold copies of its own.
            self.unsent.set(self.share_marks(unsent));
        }
        // Two tabs saving one field at once: the inbox may have grown.
        self.refresh_conflicts().await;
    }

    /// Takes records in (the clock, the Usaha index, the map) without telling the views.
    fn take_in_unannounced(self, stored: Vec<Record>) {
        self.observe_and_index(&stored);
        self.all.update_untracked(|all| {
            for r in stored {
                all.insert(r.id.clone(), r);
            }
        });
    }

    /// Lets the clock see the records' stamps and the Usaha index take them in.
    fn observe_and_index(self, stored: &[Record]) {
        self.clock.update_value(|c| {
            stored
                .iter()
                .flat_map(Record::stamps)
                .for_each(|s| c.observe(s))
        });
        self.usaha_index.update_value(|index| index.update(stored));
    }

    /// The latest time stamped on this device, for the officer (with [`Self::clock_ahead`]).
    pub fn latest_stamp_ms(self) -> u64 {
        self.clock.with_value(Clock::wall)
    }

    /// [`Self::take_in`] a slice at a time, for the tens of thousands of records an import may
    /// bring: the records go in unannounced (the Usaha index with them, so Beranda's figures
    /// count them), and the views are told once, when all are in.
    async fn take_in_slices(self, stored: Vec<Record>, writes: Option<(u64, u64)>) {
        let mut stored = stored.into_iter().peekable();
        while stored.peek().is_some() {
            let deadline = Deadline::start();
            // The deadline is looked at between pieces that each take in everything (clock,
            // index, map): looked at only while the clock saw the stamps, the cheapest part, a
            // slice of 50,000 pulled records held the page for 144-180 ms.
            while stored.peek().is_some() && !deadline.passed() {
                self.take_in_unannounced(stored.by_ref().take(TAKE_IN_PIECE).collect());
            }
            slices::breathe().await;
        }
        if let Some(writes) = writes {
            self.wrote(writes);
        }
        self.all.notify();
    }

    /// Runs `change` with an editor stamped now by this device's clock.
    pub fn edit<R>(self, officer: &str, change: impl FnOnce(&mut Editor) -> R) -> R {
        let now_ms = js_sys::Date::now() as u64;
        let mut out = None;
        self.clock.update_value(|clock| {
            out = Some(change(&mut Editor {
                clock,
                officer,
                now_ms,
            }))
        });
        out.expect("update_value runs the closure")
    }

    /// Writes `changed` in one transaction (merged into what is stored), then shows the records
    /// as stored. On error nothing is shown changed.
    pub async fn save(self, changed: Vec<Record>) -> Result<(), StoreError> {
        let written = store().await?.put_all(&changed).await?;
        tell_other_tabs(&Notice::Saved(
            written
                .records
                .iter()
                .map(|r| (r.kind, r.id.to_string()))
                .collect(),
        ));
        self.take_in_unannounced(written.records);
        self.wrote(written.writes);
        self.all.notify();
        self.unsent.update(|u| u.extend(written.unsent));
        if !written.conflicts.is_empty() {
            self.refresh_conflicts().await;
        }
        Ok(())
    }

    /// [`Self::save`] for many records at once (an office's list brought in): one transaction,
    /// then taken in a slice at a time, so the page keeps responding over 50,000.
    pub async fn save_many(self, changed: Vec<Record>) -> Result<(), StoreError> {
        let written = store().await?.put_many(&changed).await?;
        slices::drop_in_slices(changed).await;
        self.take_in_written(written).await;
        Ok(())
    }

    /// Applies an import in one transaction (the received records, the conflicts the store finds,
    /// the log), then shows the records as stored, rereads the inbox and tells the other tabs.
    /// `Ok(false)`: a file applied before that changed nothing again (nothing was written).
    pub async fn import(
        self,
        records: Vec<Record>,
        entry: ImportEntry,
    ) -> Result<bool, StoreError> {
        let written = store().await?.import(&records, Some(&entry)).await?;
        slices::drop_in_slices(records).await;
        if written.repeat {
            // Nothing changed, but the store counted the write.
            self.wrote(written.writes);
            return Ok(false);
        }
        self.take_in_written(written).await;
        Ok(true)
    }

    /// Takes in a page pulled from the office hub: merged like a received file (conflicts to
    /// the inbox), but not logged and not marked unsent (the office has it).
    pub async fn import_from_hub(self, records: Vec<Record>) -> Result<(), StoreError> {
        let written = store().await?.import(&records, None).await?;
        slices::drop_in_slices(records).await;
        self.take_in_written(written).await;
        Ok(())
    }

    /// What an import wrote, shown: the other tabs told, the records taken in slices, the
    /// unsent marks and the inbox brought up to date.
    async fn take_in_written(self, written: crate::store::Written) {
        tell_other_tabs(&Notice::Saved(
            written
                .records
                .iter()
                .map(|r| (r.kind, r.id.to_string()))
                .collect(),
        ));
        slices::breathe().await;
        let writes = written.writes;
        self.take_in_slices(written.records, Some(writes)).await;
        if !written.unsent.is_empty() {
            self.unsent.update(|u| u.extend(written.unsent));
        }
        self.refresh_conflicts().await;
    }

    /// Puts the conflicts the office hub found for this device's push into the inbox.
    pub async fn keep_conflicts(self, conflicts: Vec<Conflict>) -> Result<(), StoreError> {
        if conflicts.is_empty() {
            return Ok(());
        }
        store().await?.keep_conflicts(&conflicts).await?;
        tell_other_tabs(&Notice::Sent);
        self.refresh_conflicts().await;
        Ok(())
    }

    /// What a push or an export carries (cloned): every record (`all`), or those not yet sent;
    /// and the unsent marks among them as read now, for [`Self::mark_sent`].
    pub fn to_send(self, all: bool) -> (Vec<Record>, Vec<(Id, Marker)>) {
        self.unsent.with_untracked(|unsent| {
            self.all.with_untracked(|records| {
                let chosen: Vec<Record> = if all {
                    records.values().cloned().collect()
                } else {
                    unsent
                        .keys()
                        .filter_map(|id| records.get(id).cloned())
                        .collect()
                };
                let sent = chosen
                    .iter()
                    .filter_map(|r| unsent.get(&*r.id).map(|m| (r.id.clone(), m.clone())))
                    .collect();
                (chosen, sent)
            })
        })
    }

    /// Marks records sent (they left the device: a push to the office), each only if unchanged
    /// since it was read.
    pub async fn mark_sent(self, sent: Vec<(Id, Marker)>) -> Result<(), StoreError> {
        store().await?.mark_sent(&sent).await?;
        tell_other_tabs(&Notice::Sent);
        self.unsent.update(|u| {
            for (id, marker) in &sent {
                if u.get(id) == Some(marker) {
                    u.remove(id);
                }
            }
        });
        Ok(())
    }

    /// Reads the inbox, leaving out (and removing) conflicts someone has settled since.
    async fn refresh_conflicts(self) {
        let Ok(store) = store().await else { return };
        let Ok(inbox) = store.conflicts().await else {
            return;
        };
        let (settled, open): (Vec<Conflict>, Vec<Conflict>) = self
            .all
            .with_untracked(|all| inbox.into_iter().partition(|c| superseded(all, c)));
        if !settled.is_empty() {
            let keys: Vec<String> = settled.iter().map(Conflict::key).collect();
            let _ = store.drop_conflicts(&keys).await;
        }
        self.conflicts.set(open);
    }

    /// The officer's pick for a conflict: a new edit of the field that records both versions
    /// as settled (so it ends the conflict wherever it travels), then the entry leaves the inbox.
    pub async fn settle(
        self,
        c: Conflict,
        take_lost: bool,
        officer: &str,
    ) -> Result<(), StoreError> {
        let Some(mut record) = self
            .all
            .with_untracked(|all| all.get(c.record.as_str()).cloned())
        else {
            // The record is gone (the device was wiped in another tab): nothing to settle.
            store().await?.drop_conflicts(&[c.key()]).await?;
            self.conflicts
                .update(|all| all.retain(|x| x.key() != c.key()));
            return Ok(());
        };
        // The side in use is the field as it is now (it may have been edited since the import).
        let now = record.fields.get(&c.field).cloned();
        let value = match (&now, take_lost) {
            (_, true) => c.lost.value.clone(),
            (Some(f), false) => f.value.clone(),
            (None, false) => c.kept.value.clone(),
        };
        let mut settled = vec![c.lost.stamp.clone(), c.kept.stamp.clone()];
        settled.extend(now.map(|f| f.stamp).filter(|s| !settled.contains(s)));
        self.edit(officer, |editor| {
            record.settle(&c.field, value, settled, editor)
        });
        self.save(vec![record]).await?;
        store().await?.drop_conflicts(&[c.key()]).await?;
        self.conflicts
            .update(|all| all.retain(|x| x.key() != c.key()));
        Ok(())
    }

    /// The files received so far, oldest first.
    pub async fn import_log(self) -> Result<Vec<ImportEntry>, StoreError> {
        store().await?.import_log().await
    }

    /// Remembers that the records `sent` (id and the marker of their change as the export read
    /// it) have left the device in an export whose latest stamp is `mark`, and whether it
    /// carried photos (`Records::photos_sent_mark`). A record changed since the export read it
    /// stays unsent.
    pub async fn mark_exported(
        self,
        mark: Stamp,
        sent: Vec<(Id, Marker)>,
        carried_photos: bool,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(&mark).map_err(|e| StoreError::Other(e.to_string()))?;
        self.mark_sent(sent).await?;
        let store = store().await?;
        store.meta_put(LAST_EXPORT, &text).await?;
        if carried_photos {
            store.meta_put(photos::PHOTOS_SENT, &text).await?;
        }
        self.last_export.set(Some(mark));
        Ok(())
    }

    /// Removes every record from the device (behind a typed confirmation in Pengaturan).
    pub async fn clear(self) -> Result<(), StoreError> {
        store().await?.clear().await?;
        super::settings::reset_hub_cursor();
        tell_other_tabs(&Notice::Cleared);
        self.writes.set_value(Writes::Unknown);
        self.usaha_index
            .set_value(UsahaIndex::build([], utc_offset_ms()));
        self.all.set(BTreeMap::new());
        self.last_export.set(None);
        self.unsent.set(BTreeMap::new());
        self.conflicts.set(Vec::new());
        Ok(())
    }

    /// Tells the app's other tabs that the officer's profile and device id were replaced, so
    /// none goes on stamping changes with the old ones: they reload.
    pub fn announce_new_device(self) {
        tell_other_tabs(&Notice::NewDevice);
    }
}
