//! Offline support: the service worker's life cycle, the network state, and the browser's storage
//! persistence and quota.
//!
//! A new version waits in the service worker until the officer agrees to switch ("Perbarui
//! sekarang"); only then is it told to take over and the page reloaded. Nothing switches on its
//! own, so nothing typed is thrown away by an update.

use super::settings;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the shell shows about the app's offline state.
#[derive(Clone, Copy)]
pub struct Pwa {
    /// A new version is installed and waiting for the officer's consent.
    pub update_ready: RwSignal<bool>,
    /// The first install finished: the app now opens without network.
    pub offline_ready: RwSignal<bool>,
    /// `navigator.onLine`.
    pub online: RwSignal<bool>,
}

thread_local! {
    /// Set when the officer agreed to switch, so the controller change that follows reloads.
    static SWITCH_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

impl Pwa {
    pub fn provide() -> Self {
        let pwa = Pwa {
            update_ready: RwSignal::new(false),
            offline_ready: RwSignal::new(false),
            online: RwSignal::new(window().navigator().on_line()),
        };
        provide_context(pwa);
        pwa.watch_network();
        if let Some(container) = service_worker_container() {
            pwa.register(container);
        }
        pwa
    }

    pub fn expect() -> Self {
        expect_context()
    }

    fn watch_network(self) {
        for (event, online) in [("online", true), ("offline", false)] {
            let cb = Closure::<dyn FnMut()>::new(move || self.online.set(online));
            let _ = window().add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
            cb.forget(); // lives as long as the page
        }
    }

    fn register(self, container: ServiceWorkerContainer) {
        let on_controller_change = Closure::<dyn FnMut()>::new(|| {
            if SWITCH_REQUESTED.get() {
                let _ = window().location().reload();
            }
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();

        spawn_local(async move {
            let Ok(reg) = JsFuture::from(container.register("/sw.js")).await else {
                web_sys::console::warn_1(&"Sentra: service worker not registered".into());
                return;
            };
            let reg: ServiceWorkerRegistration = reg.unchecked_into();
            // An update found on an earlier visit may already be waiting.
            if reg.waiting().is_some() && container.controller().is_some() {
                self.update_ready.set(true);
            }
            let reg_for_cb = reg.clone();
            let on_update_found = Closure::<dyn FnMut()>::new(move || {
                if let Some(worker) = reg_for_cb.installing() {
                    self.watch_installing(worker);
                }
            });
            reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
            on_update_found.forget();
        });
    }

    fn watch_installing(self, worker: web_sys::ServiceWorker) {
        let worker_for_cb = worker.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker_for_cb.state() == ServiceWorkerState::Installed {
                // With a controller this is an update; without one, the first install.
                let is_update = service_worker_container()
                    .and_then(|c| c.controller())
                    .is_some();
                if is_update {
                    self.update_ready.set(true);
                } else {
                    self.offline_ready.set(true);
                }
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    }

    /// The officer agreed: let the waiting version take over; the page reloads when it has.
    pub fn apply_update(self) {
        let Some(container) = service_worker_container() else {
            return;
        };
        spawn_local(async move {
            let Ok(reg) = JsFuture::from(container.get_registration()).await else {
                return;
            };
            let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            if let Some(waiting) = reg.waiting() {
                SWITCH_REQUESTED.set(true);
                let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
            }
        });
    }
}

fn service_worker_container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    supported.then(|| navigator.service_worker())
}

/// Persistence and space as the browser reports them; `None` where the browser has no such API.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageStatus {
    pub persistent: Option<bool>,
    pub usage: Option<f64>,
    pub quota: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    supported.then(|| navigator.storage())
}

async fn promise_bool(promise: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

pub async fn storage_status() -> StorageStatus {
    let Some(manager) = storage_manager() else {
        return StorageStatus::default();
    };
    let persistent = promise_bool(manager.persisted()).await;
    let estimate = match manager.estimate() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .map(|e| e.unchecked_into::<web_sys::StorageEstimate>()),
        Err(_) => None,
    };
    StorageStatus {
        persistent,
        usage: estimate.as_ref().and_then(|e| e.get_usage()),
        quota: estimate.as_ref().and_then(|e| e.get_quota()),
    }
}

/// Asks the browser not to evict our data (`navigator.storage.persist()`).
pub async fn request_persistence() -> Option<bool> {
    promise_bool(storage_manager()?.persist()).await
}

/// At the first start on a device, ask for persistent storage once; the settings page can ask
/// again. Browsers that prompt (Firefox) are not nagged at every start.
pub fn ask_persistence_at_first_start() {
    if settings::persist_asked() {
        return;
    }
    settings::set_persist_asked();
    spawn_local(async {
        let _ = request_persistence().await;
    });
}
