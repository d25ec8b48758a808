//! Syncing with the office hub from the browser (docs/sync-protocol.md): enrol once, then pull
//! the pages after the device's cursor and push the records not yet sent, by itself: when the
//! records have loaded, when the browser comes online, a little after a save, and every few
//! minutes while the app is open, backing off after failures. Never holds the page: bundles are
//! written and read in slices, as for files. The pure part (link, answers, backoff, words) is
//! `crate::sync`; the link lives in localStorage (`settings`).

use super::records::{tomorrow, LoadState, Records};
use super::settings;
use super::slices::{self, Deadline};
use crate::bundle::{self, Header, Scope};
use crate::model::merge::Conflict;
use crate::sync::{backoff_ms, store_pulled, Enrolled, Failure, HubLink, AFTER_SAVE_MS, EVERY_MS};
use js_sys::Uint8Array;
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

mod http;
mod photos;
use http::{request, send};

/// The sync as the pages see it.
#[derive(Clone, Copy)]
pub struct Sync {
    /// The hub this device is enrolled with (`None`: none).
    pub link: RwSignal<Option<HubLink>>,
    pub running: RwSignal<bool>,
    /// Another tab of this app is syncing (they share one device: one syncs at a time, holding
    /// the Web Lock [`LOCK`]); this one shows its outcome when it ends.
    pub elsewhere: RwSignal<bool>,
    /// When the last sync finished well (this page's life).
    pub last_ok: RwSignal<Option<u64>>,
    /// Why the last sync did not finish.
    pub error: RwSignal<Option<Failure>>,
    failures: StoredValue<u32>,
    /// Automatic tries wait until then after failures.
    next_try: StoredValue<f64>,
    /// Asked again while running: one more round when it ends.
    again: StoredValue<bool>,
    records: Records,
    device: StoredValue<String>,
}

/// What the hub answers a push with (the parts the device uses).
#[derive(serde::Deserialize)]
struct Pushed {
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

impl Sync {
    /// `device`: the profile's device id (the hub's token belongs to it).
    pub fn provide(records: Records, device: String) -> Self {
        let link = settings::load_hub().filter(|l| l.device == device);
        // A device found revoked says so after a reload too: no automatic sync will tell it.
        let stopped = link
            .as_ref()
            .filter(|l| l.revoked)
            .and_then(|l| l.failure.clone());
        let sync = Sync {
            link: RwSignal::new(link),
            running: RwSignal::new(false),
            elsewhere: RwSignal::new(false),
            last_ok: RwSignal::new(None),
            error: RwSignal::new(stopped),
            failures: StoredValue::new(0),
            next_try: StoredValue::new(0.0),
            again: StoredValue::new(false),
            records,
            device: StoredValue::new(device),
        };
        provide_context(sync);
        sync.start_triggers();
        // What a sync in another tab found shows here too.
        settings::on_hub_change(move || {
            if !sync.running.get_untracked() {
                sync.take_shared_outcome();
            }
        });
        sync
    }

    pub fn expect() -> Self {
        expect_context()
    }

    fn start_triggers(self) {
        // Once the records are loaded (opening the app).
        Effect::new(move || {
            if self.records.state.with(|s| *s == LoadState::Ready) {
                self.auto();
            }
        });
        // A little after a save (or a received file) leaves records waiting.
        let waiting = Memo::new(move |_| self.records.unsent.with(BTreeMap::len));
        Effect::new(move |before: Option<usize>| {
            let now = waiting.get();
            if before.is_some_and(|b| now > b) {
                later(AFTER_SAVE_MS as i32, move || self.auto());
            }
            now
        });
        // When the browser comes online, and every few minutes while open.
        let window = web_sys::window().expect("a window");
        let online = Closure::<dyn FnMut()>::new(move || self.auto());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        let every = Closure::<dyn FnMut()>::new(move || self.auto());
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            every.as_ref().unchecked_ref(),
            EVERY_MS as i32,
        );
        every.forget();
    }

    /// An automatic try: only when enrolled, not revoked, online, and not backing off.
    fn auto(self) {
        let ready = self
            .records
            .state
            .with_untracked(|s| *s == LoadState::Ready);
        let linked = self
            .link
            .with_untracked(|l| l.as_ref().is_some_and(|l| !l.revoked));
        let online = web_sys::window().is_some_and(|w| w.navigator().on_line());
        if ready && linked && online && js_sys::Date::now() >= self.next_try.get_value() {
            self.now();
        }
    }

    /// Syncs now (the officer's "Sinkronkan sekarang", or an automatic try), unless another tab
    /// is syncing: then this one waits for it to end and shows what it found.
    pub fn now(self) {
        if self.elsewhere.get_untracked() {
            return;
        }
        if self.running.get_untracked() {
            self.again.set_value(true);
            return;
        }
        self.running.set(true);
        leptos::task::spawn_local(async move {
            let held = exclusively(LOCK, self.rounds()).await;
            self.running.set(false);
            if !held {
                self.elsewhere.set(true);
                until_free(LOCK).await;
                self.take_shared_outcome();
                self.elsewhere.set(false);
            }
        });
    }

    /// Rounds until none was asked for meanwhile; the outcome kept with the link for the other
    /// tabs.
    async fn rounds(self) {
        loop {
            let result = self.once().await;
            match result {
                Ok(()) => {
                    self.failures.set_value(0);
                    self.next_try.set_value(0.0);
                    self.last_ok.set(Some(js_sys::Date::now() as u64));
                    self.error.set(None);
                }
                Err(failure) => {
                    let failures = self.failures.get_value() + 1;
                    self.failures.set_value(failures);
                    self.next_try
                        .set_value(js_sys::Date::now() + backoff_ms(failures) as f64);
                    if failure.stops_sync() {
                        self.update_link(|l| l.revoked = true);
                    }
                    self.error.set(Some(failure));
                }
            }
            if !self.again.get_value() {
                break;
            }
            self.again.set_value(false);
        }
        let (last_ok, error) = (self.last_ok.get_untracked(), self.error.get_untracked());
        self.update_link(|l| {
            l.last_ok = last_ok.or(l.last_ok);
            l.failure = error;
        });
    }

    /// What the tab that synced last found (its cursor, revoked or not, the last sync and the
    /// last problem), as the link keeps it.
    fn take_shared_outcome(self) {
        let link = settings::load_hub().filter(|l| l.device == self.device.get_value());
        self.last_ok.set(link.as_ref().and_then(|l| l.last_ok));
        self.error
            .set(link.as_ref().and_then(|l| l.failure.clone()));
        self.link.set(link);
    }

    /// One round: pull every page after the cursor, then push what waits. Pulling first merges
    /// the office's versions here, so a conflict with this device's waiting changes is found
    /// and kept in the inbox on the device itself; were the push's answer (which names the
    /// conflicts too) lost to a closed tab or a dropped signal, the retried push would find
    /// nothing new and the conflict would never be shown here.
    async fn once(self) -> Result<(), Failure> {
        let Some(link) = settings::load_hub().filter(|l| l.device == self.device.get_value())
        else {
            return Ok(());
        };
        let link = self.pull(link).await?;
        self.push(&link).await?;
        self.photos(&link).await;
        Ok(())
    }

    async fn push(self, link: &HubLink) -> Result<(), Failure> {
        let (chosen, sent) = self.records.to_send(false);
        if chosen.is_empty() {
            return Ok(());
        }
        let header = Header {
            created_ms: js_sys::Date::now() as u64,
            device: self.device.get_value(),
            officer: link.officer.clone(),
            kabupaten: Some(link.kabupaten.clone()),
            scope: Scope::All,
        };
        // Written in slices, as a file is (50,000 Usaha in one go held the page for 2.6 s).
        let mut writer = bundle::Writer::new(header, chosen);
        let text =
            slices::until_done(|| writer.step().ok_or_else(|| writer.progress()), |_| ()).await;
        drop(writer);
        // Gzipped when large; a browser that cannot (no CompressionStream) sends it as it is.
        let gzipped = match text.len() > bundle::GZIP_ABOVE {
            true => crate::web::deflate::gzip(&text).await.ok(),
            false => None,
        };
        let body: JsValue = match gzipped {
            Some(bytes) => Uint8Array::from(bytes.as_slice()).into(),
            None => JsValue::from_str(&text),
        };
        let answer = request(
            "POST",
            &format!("{}/api/v1/push", link.address),
            Some(&link.token),
            Some(body),
        )
        .await?;
        let text = answer.text().await;
        let pushed: Pushed = serde_json::from_str(&text).map_err(|_| Failure::Garbled)?;
        // They left the device; what the office kept instead of this device's version waits in
        // the inbox, as for a received file.
        let _ = self.records.mark_sent(sent).await;
        let _ = self.records.keep_conflicts(pushed.conflicts).await;
        Ok(())
    }

    /// Pulls every page after the cursor; the link with its cursor moved.
    async fn pull(self, mut link: HubLink) -> Result<HubLink, Failure> {
        let mut cursor = link.cursor;
        // Pages are stored together (`store_pulled`): each store transaction rewrites every
        // chunk the records fall in, so 25 pages of 2,000 stored one by one rewrote the growing
        // chunks 25 times (a new device's 50,000 Usaha took 11 s).
        let mut batch = Vec::new();
        let (address, token) = (link.address.clone(), link.token.clone());
        let ask = |since: u64| {
            send(
                "GET",
                &format!("{address}/api/v1/pull?since={since}"),
                Some(&token),
                None,
            )
        };
        let mut asked = Some(ask(cursor)?);
        while let Some(page) = asked.take() {
            let answer = page.answer().await?;
            let next: u64 = answer
                .header("X-Sentra-Cursor")
                .and_then(|c| c.parse().ok())
                .ok_or(Failure::Garbled)?;
            let more = answer.header("X-Sentra-More").as_deref() == Some("true");
            // The next page is asked for at once, before this one is read: the hub builds it
            // meanwhile (waiting for each page in turn was 2.7 of a new device's 7.8 s for
            // 50,000 Usaha, measured under load).
            if more {
                asked = Some(ask(next)?);
            }
            let bytes = answer.bytes().await;
            let bytes = if bundle::is_gzip(&bytes) {
                crate::web::deflate::gunzip(&bytes)
                    .await
                    .map_err(|_| Failure::Garbled)?
            } else {
                bytes
            };
            // Read in slices with the same checks as a received file.
            let mut reader = bundle::Reader::new(bytes, tomorrow());
            let read = loop {
                let deadline = Deadline::start();
                if let Some(answer) = reader.step(&mut || deadline.passed()) {
                    break answer;
                }
                slices::breathe().await;
            };
            drop(reader);
            let page = read.map_err(|e| Failure::Refused {
                code: "bundle".into(),
                message: e.message(crate::i18n::Lang::Id),
            })?;
            batch.extend(page.records);
            cursor = next;
            if !store_pulled(batch.len(), more) {
                continue;
            }
            if !batch.is_empty() {
                self.records
                    .import_from_hub(std::mem::take(&mut batch))
                    .await
                    .map_err(|_| Failure::Garbled)?;
            }
            // Stored: only now the cursor moves.
            link.cursor = cursor;
            self.update_link(|l| l.cursor = cursor);
        }
        Ok(link)
    }

    /// Changes the kept link (localStorage, and the page's copy).
    fn update_link(self, change: impl FnOnce(&mut HubLink)) {
        if let Some(mut link) = settings::load_hub() {
            change(&mut link);
            let _ = settings::save_hub(&link);
            self.link.set(Some(link));
        }
    }

    /// Enrols this device with the hub at `address` using the office's one-time `code`.
    pub async fn enrol(self, address: String, code: &str) -> Result<(), Failure> {
        let body = serde_json::json!({ "code": code.trim(), "device": self.device.get_value() });
        let answer = request(
            "POST",
            &format!("{address}/api/v1/enrol"),
            None,
            Some(JsValue::from_str(&body.to_string())),
        )
        .await?;
        let enrolled: Enrolled =
            serde_json::from_str(&answer.text().await).map_err(|_| Failure::Garbled)?;
        let link = HubLink {
            address,
            token: enrolled.token,
            officer: enrolled.officer,
            kabupaten: enrolled.kabupaten,
            device: self.device.get_value(),
            ..HubLink::default()
        };
        let _ = settings::save_hub(&link);
        self.link.set(Some(link));
        self.error.set(None);
        self.failures.set_value(0);
        self.next_try.set_value(0.0);
        self.now();
        Ok(())
    }

    /// Forgets the hub (records stay; files still work).
    pub fn unlink(self) {
        settings::forget_hub();
        self.link.set(None);
        self.error.set(None);
    }
}

/// The Web Lock a tab holds while it syncs.
const LOCK: &str = "sentra-sync";

/// Runs `work` holding the Web Lock `name` if no other tab of this origin holds it; `false`: one
/// does, and `work` did not run. Where the browser has no Web Locks (an old one, or an address
/// that is not a secure context, such as plain http on a LAN), `work` runs at once.
async fn exclusively(name: &str, work: impl std::future::Future<Output = ()>) -> bool {
    let (granted, grant) = promise();
    let (finished, finish) = promise();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let held = !lock.is_null();
        let _ = grant.call1(&JsValue::NULL, &JsValue::from_bool(held));
        // The lock is held until the promise the callback returns settles.
        if held {
            finished.into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    if request_lock(name, &options, &callback).is_none() {
        work.await;
        return true;
    }
    let held = JsFuture::from(granted)
        .await
        .is_ok_and(|held| held.is_truthy());
    if held {
        work.await;
        let _ = finish.call0(&JsValue::NULL);
    }
    held
}

/// Resolves once no tab holds the Web Lock `name` (at once without Web Locks).
async fn until_free(name: &str) {
    let callback = Closure::once_into_js(|_: JsValue| JsValue::UNDEFINED);
    if let Some(released) = request_lock(name, &js_sys::Object::new(), &callback) {
        let _ = JsFuture::from(released).await;
    }
}

/// `navigator.locks.request(name, options, callback)` (web-sys has it only behind its unstable
/// APIs); `None` where the browser has no Web Locks.
fn request_lock(
    name: &str,
    options: &js_sys::Object,
    callback: &JsValue,
) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    let request: js_sys::Function = js_sys::Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    request
        .call3(&locks, &name.into(), options, callback)
        .ok()?
        .dyn_into()
        .ok()
}

/// A promise and the function that resolves it.
fn promise() -> (js_sys::Promise, js_sys::Function) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    (promise, resolve.expect("a promise's executor runs at once"))
}

/// Runs `f` after `ms`.
fn later(ms: i32, f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}
