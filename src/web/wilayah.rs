//! Region data on the device: the index (precached with the app), and kabupaten or province
//! files fetched when first needed and kept by the service worker for use offline.

use super::settings;
use crate::i18n::{fill, Lang, Msg};
use crate::wilayah::{asset, is_code, Gazetteer, RegionIndex};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Where a search looks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Kabupaten(String),
    Province(String),
    Indonesia,
}

impl Scope {
    /// The scope of a working area: a province `PP` or a kabupaten/kota `PP.KK`.
    pub fn of_area(code: String) -> Scope {
        if is_province(&code) {
            Scope::Province(code)
        } else {
            Scope::Kabupaten(code)
        }
    }

    /// The code prefix of everything in this scope.
    pub fn prefix(&self) -> &str {
        match self {
            Scope::Kabupaten(code) | Scope::Province(code) => code,
            Scope::Indonesia => "",
        }
    }
}

#[derive(Clone, Copy)]
pub struct Wilayah {
    pub index: RwSignal<Option<Arc<RegionIndex>>>,
    pub gazetteer: RwSignal<Gazetteer>,
    /// The officer's working area: a province (`PP`) or a kabupaten/kota (`PP.KK`).
    pub home: RwSignal<Option<String>>,
    /// Files being fetched.
    pub loading: RwSignal<u32>,
    /// The last fetch failed (offline, and not kept yet).
    pub failed: RwSignal<bool>,
    /// Files being fetched now, so typing during a load does not fetch them again.
    in_flight: StoredValue<HashSet<String>>,
}

const BASE: &str = "/wilayah/";

impl Wilayah {
    pub fn provide() -> Self {
        let w = Wilayah {
            index: RwSignal::new(None),
            gazetteer: RwSignal::new(Gazetteer::new()),
            home: RwSignal::new(settings::load_work_area()),
            loading: RwSignal::new(0),
            failed: RwSignal::new(false),
            in_flight: StoredValue::new(HashSet::new()),
        };
        provide_context(w);
        if let Some(home) = w.home.get_untracked() {
            w.ensure(Scope::of_area(home));
        }
        w
    }

    pub fn expect() -> Self {
        expect_context()
    }

    pub fn set_home(self, code: String) {
        settings::save_work_area(&code);
        self.home.set(Some(code.clone()));
        self.ensure(Scope::of_area(code));
    }

    /// The scope of the officer's working area, and its province (the same for a province office).
    pub fn home_scopes(self) -> Option<(Scope, Scope)> {
        let home = self.home.get()?;
        Some((Scope::Province(home[..2].to_string()), Scope::of_area(home)))
    }

    /// Whether the working area is a whole province (tracked).
    pub fn home_is_province(self) -> bool {
        self.home.with(|h| h.as_deref().is_some_and(is_province))
    }

    /// An area's name as officers say it: "Provinsi Bengkulu", "Kabupaten Sumenep" (tracked; the
    /// code itself until the index is there, or for a code it does not know).
    pub fn area_label(self, lang: Lang, code: &str) -> String {
        self.area_name(lang, code)
            .unwrap_or_else(|| code.to_string())
    }

    /// [`Wilayah::area_label`], or `None` until the index is there.
    pub fn area_name(self, lang: Lang, code: &str) -> Option<String> {
        if is_province(code) {
            let name = self.province_name(code)?;
            Some(fill(Msg::AreaProvince.text(lang), &[("name", &name)]))
        } else {
            self.kabupaten_name(code)
        }
    }

    /// Whether every kabupaten/kota of an area (`PP` or `PP.KK`) is loaded (tracked: a figure
    /// counted against the area waits for it).
    pub fn area_loaded(self, code: &str) -> bool {
        self.gazetteer.track();
        self.index.with(|index| {
            index
                .as_ref()
                .is_some_and(|index| self.complete(index, code))
        })
    }

    /// Starts loading what `scope` needs and is not loaded yet; returns at once, touching no
    /// signal, when it is all loaded (pickers call this on every keystroke).
    pub fn ensure(self, scope: Scope) {
        let loaded = self.index.with_untracked(|index| {
            index
                .as_ref()
                .is_some_and(|index| self.complete(index, scope.prefix()))
        });
        if loaded {
            return;
        }
        spawn_local(async move {
            if self.load(&scope).await.is_err() {
                self.failed.set(true);
            }
        });
    }

    /// A kabupaten/kota's name (code `PP.KK`) once the index is loaded (tracked: a view redraws
    /// when it arrives).
    pub fn kabupaten_name(self, code: &str) -> Option<String> {
        self.index.with(|i| {
            i.as_ref()
                .and_then(|i| i.kabupaten(code))
                .map(|k| k.name.clone())
        })
    }

    /// [`Wilayah::kabupaten_name`], or the code itself until the index is there (or for a code
    /// it does not know): what a table or a filter shows.
    pub fn kabupaten_label(self, code: &str) -> String {
        self.kabupaten_name(code)
            .unwrap_or_else(|| code.to_string())
    }

    /// A province's name (code `PP`), likewise.
    pub fn province_name(self, code: &str) -> Option<String> {
        self.index.with(|i| {
            i.as_ref()
                .and_then(|i| i.province(code))
                .map(|p| p.name.clone())
        })
    }

    /// Starts loading the index (a kabupaten/kota list) if it is not there yet.
    pub fn ensure_index(self) {
        spawn_local(async move {
            if self.load_index().await.is_err() {
                self.failed.set(true);
            }
        });
    }

    /// Whether every kabupaten under `prefix` is loaded.
    fn complete(self, index: &RegionIndex, prefix: &str) -> bool {
        self.gazetteer.with_untracked(|g| {
            index
                .kabupaten
                .iter()
                .filter(|k| k.code.starts_with(prefix))
                .all(|k| g.has_kabupaten(&k.code))
        })
    }

    async fn load_index(self) -> Result<Arc<RegionIndex>, String> {
        if let Some(index) = self.index.get_untracked() {
            return Ok(index);
        }
        let text = fetch_text(&format!("{BASE}index.txt")).await?;
        let index = Arc::new(asset::decode_index(&text).map_err(|e| e.to_string())?);
        self.index.set(Some(index.clone()));
        Ok(index)
    }

    async fn load(self, scope: &Scope) -> Result<(), String> {
        self.loading.update(|n| *n += 1);
        let result = self.load_files(scope).await;
        self.loading.update(|n| *n -= 1);
        if result.is_ok() {
            self.failed.set(false);
        }
        result
    }

    async fn load_files(self, scope: &Scope) -> Result<(), String> {
        let index = self.load_index().await?;
        let missing = |prefix: &str| !self.complete(&index, prefix);
        let version = &index.data_version;
        let urls: Vec<String> = match scope {
            Scope::Kabupaten(code) if missing(code) => {
                vec![format!("{BASE}{version}/kab/{code}.txt")]
            }
            Scope::Province(pp) if missing(pp) => vec![format!("{BASE}{version}/prov/{pp}.txt")],
            Scope::Indonesia => index
                .provinces
                .iter()
                .filter(|p| missing(&p.code))
                .map(|p| format!("{BASE}{version}/prov/{}.txt", p.code))
                .collect(),
            _ => Vec::new(),
        };
        // Claim every file of this load at once; another load already fetching one skips it here.
        let mut mine = Vec::new();
        self.in_flight.update_value(|set| {
            mine.extend(urls.into_iter().filter(|url| set.insert(url.clone())))
        });
        let mut result = Ok(());
        for url in mine {
            let fetched = fetch_text(&url)
                .await
                .and_then(|text| asset::decode_kabupaten(&text).map_err(|e| e.to_string()));
            self.in_flight.update_value(|set| {
                set.remove(&url);
            });
            match fetched {
                Ok(sections) => self.gazetteer.update(|g| g.add(sections)),
                Err(e) => result = Err(e),
            }
        }
        result
    }
}

fn is_province(code: &str) -> bool {
    is_code(code, 1)
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: no network"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| format!("{url}: unreadable"))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| format!("{url}: unreadable"))?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}
