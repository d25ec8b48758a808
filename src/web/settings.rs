//! Small settings kept in localStorage through gloo-storage: the language, the officer profile,
//! the working area (a province or a kabupaten/kota) and the kabupaten/kota last chosen in a form,
//! where region pickers last searched and the regions recently chosen in them,
//! and whether persistent storage was asked for; and this tab's id
//! (and a note that it just forgot the officer) in sessionStorage. Records never go here
//! (IndexedDB only).

use crate::i18n::Lang;
use crate::profile::Profile;
use gloo_storage::{errors::StorageError, LocalStorage, SessionStorage, Storage};

const KEY_LANG: &str = "sentra.lang";
const KEY_PROFILE: &str = "sentra.profile";
const KEY_PERSIST_ASKED: &str = "sentra.persist-asked";
const KEY_WORK_AREA: &str = "sentra.wilayah-kerja";
const KEY_LAST_KABUPATEN: &str = "sentra.kabupaten-terakhir";
const KEY_PICKER_REACH: &str = "sentra.cari-di";
const KEY_RECENT_REGIONS: &str = "sentra.wilayah-terakhir";
const KEY_IMPORT_MAPPINGS: &str = "sentra.pemetaan-impor";
/// Import column choices kept, the latest first.
const IMPORT_MAPPINGS: usize = 20;
/// How many recently chosen villages (or kecamatan) a picker offers before typing.
const RECENT: usize = 6;
const KEY_TAB: &str = "sentra.tab";
const KEY_PROFILE_FORGOTTEN: &str = "sentra.profil-dihapus";
const KEY_HUB: &str = "sentra.kantor";

/// This tab's id: made once per tab, kept across reloads of it (sessionStorage). Each tab
/// stamps its changes as a device of its own (`<device id>-t<tab>`), so two tabs editing one
/// field at once are a conflict like two phones, and never make the same stamp or record id.
pub fn tab_id() -> String {
    if let Ok(id) = SessionStorage::get::<String>(KEY_TAB) {
        return id;
    }
    let id = format!(
        "{:08x}",
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    );
    let _ = SessionStorage::set(KEY_TAB, &id);
    id
}

pub fn load_lang() -> Lang {
    LocalStorage::get(KEY_LANG).unwrap_or_default()
}

/// Best effort: a browser that refuses localStorage still shows the chosen language this visit.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(KEY_LANG, lang);
}

/// The saved profile; at first start a new one with a fresh device id, saved at once so the id
/// never changes afterwards.
pub fn load_or_create_profile() -> Profile {
    match LocalStorage::get::<Profile>(KEY_PROFILE) {
        Ok(profile) if !profile.device_id.is_empty() => profile,
        _ => {
            let profile = Profile {
                device_id: new_device_id(),
                ..Profile::default()
            };
            let _ = save_profile(&profile);
            profile
        }
    }
}

pub fn save_profile(profile: &Profile) -> Result<(), StorageError> {
    LocalStorage::set(KEY_PROFILE, profile)
}

/// Removes the officer's profile and device id (part of wiping the device when the officer asks
/// for it). The empty profile with a new device id that a first start would make is saved at
/// once, so every tab that starts next agrees on the new id rather than each making its own.
pub fn forget_profile() -> Profile {
    LocalStorage::delete(KEY_PROFILE);
    // The hub's token was the old device's: the next officer enrols this device anew.
    forget_hub();
    load_or_create_profile()
}

/// The link to the office hub, if this device is enrolled (`crate::sync::HubLink`).
pub fn load_hub() -> Option<crate::sync::HubLink> {
    LocalStorage::get(KEY_HUB).ok()
}

pub fn save_hub(link: &crate::sync::HubLink) -> Result<(), StorageError> {
    LocalStorage::set(KEY_HUB, link)
}

pub fn forget_hub() {
    LocalStorage::delete(KEY_HUB);
}

/// Calls `changed` whenever another tab of the app changes the hub link (a sync there moved the
/// cursor, finished, found the device revoked; an enrolment, a disconnection).
pub fn on_hub_change(changed: impl Fn() + 'static) {
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(
        move |event: web_sys::StorageEvent| {
            // No key: the whole storage was cleared.
            if event.key().is_none_or(|key| key == KEY_HUB) {
                changed();
            }
        },
    );
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback(
            "storage",
            wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
        );
    }
    listener.forget(); // lives as long as the page
}

/// After the records were wiped, everything is pulled from the hub again.
pub fn reset_hub_cursor() {
    if let Some(mut link) = load_hub() {
        link.cursor = 0;
        let _ = save_hub(&link);
    }
}

/// Notes, for this tab's reload that follows, that the profile was just forgotten.
pub fn note_profile_forgotten() {
    let _ = SessionStorage::set(KEY_PROFILE_FORGOTTEN, true);
}

/// Whether the profile was just forgotten in this tab; the note is read once.
pub fn take_profile_forgotten() -> bool {
    let noted = SessionStorage::get::<bool>(KEY_PROFILE_FORGOTTEN).unwrap_or(false);
    SessionStorage::delete(KEY_PROFILE_FORGOTTEN);
    noted
}

/// A random UUID made by the browser (`crypto.randomUUID`, available on https and 127.0.0.1).
pub fn new_device_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("dev-{:x}", (js_sys::Math::random() * 1e15) as u64))
}

pub fn persist_asked() -> bool {
    LocalStorage::get(KEY_PERSIST_ASKED).unwrap_or(false)
}

pub fn set_persist_asked() {
    let _ = LocalStorage::set(KEY_PERSIST_ASKED, true);
}

/// The officer's working area, if chosen: a province (`PP`, a province office) or a
/// kabupaten/kota (`PP.KK`).
pub fn load_work_area() -> Option<String> {
    LocalStorage::get::<String>(KEY_WORK_AREA)
        .ok()
        .filter(|c| crate::wilayah::is_area_code(c))
}

pub fn save_work_area(code: &str) {
    let _ = LocalStorage::set(KEY_WORK_AREA, code);
}

/// The kabupaten/kota (`PP.KK`) last saved in a form's kabupaten field: where a province officer's
/// next Kawasan form starts.
pub fn load_last_kabupaten() -> Option<String> {
    LocalStorage::get::<String>(KEY_LAST_KABUPATEN)
        .ok()
        .filter(|c| crate::wilayah::is_code(c, 2))
}

pub fn save_last_kabupaten(code: &str) {
    let _ = LocalStorage::set(KEY_LAST_KABUPATEN, code);
}

/// Where region pickers last searched ("kabupaten", "provinsi" or "indonesia"): an officer
/// recording twenty Usaha outside the working kabupaten widens the search once, not twenty times.
pub fn load_picker_reach() -> Option<String> {
    LocalStorage::get(KEY_PICKER_REACH).ok()
}

pub fn save_picker_reach(reach: &str) {
    let _ = LocalStorage::set(KEY_PICKER_REACH, reach);
}

/// The region codes last chosen in pickers of one level ("desa", "kecamatan"), latest first.
pub fn recent_regions(level: &str) -> Vec<String> {
    LocalStorage::get(format!("{KEY_RECENT_REGIONS}.{level}")).unwrap_or_default()
}

/// Notes `code` as chosen just now in a picker of `level`.
pub fn note_recent_region(level: &str, code: &str) {
    let mut codes = recent_regions(level);
    codes.retain(|c| c != code);
    codes.insert(0, code.to_string());
    codes.truncate(RECENT);
    let _ = LocalStorage::set(format!("{KEY_RECENT_REGIONS}.{level}"), &codes);
}

/// A half-filled form, and the form it was typed over (to write back only what the officer
/// changed, even when the record changed meanwhile).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft<T> {
    pub base: T,
    pub form: T,
}

/// Drafts of forms being filled in, so a reload or a crashed tab loses nothing typed. Small (one
/// form's text), so localStorage; removed when the form is saved or cancelled. Each tab keeps its
/// own (`sentra.draft.<form>.<tab>`): two tabs editing one record do not overwrite or remove
/// each other's, and a form offers its own tab's draft first, else another tab's (a tab that
/// crashed or was closed).
pub fn draft_key(form: &str) -> String {
    format!("sentra.draft.{form}.{}", tab_id())
}

/// A draft of `form` (this tab's, else another's) with its storage key.
pub fn find_draft<T: serde::de::DeserializeOwned>(form: &str) -> Option<(String, T)> {
    let own = draft_key(form);
    let prefix = format!("sentra.draft.{form}.");
    let storage = LocalStorage::raw();
    let others = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix) && *k != own);
    std::iter::once(own.clone())
        .chain(others)
        .find_map(|key| LocalStorage::get(&key).ok().map(|d| (key, d)))
}

pub fn save_draft<T: serde::Serialize>(key: &str, draft: &T) {
    let _ = LocalStorage::set(key, draft);
}

/// Removes every draft (part of wiping the device's data).
pub fn remove_all_drafts() {
    let storage = LocalStorage::raw();
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with("sentra.draft."))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

pub fn remove_draft(key: &str) {
    LocalStorage::delete(key);
}

/// The column choices an officer confirmed for an imported list, by the shape of its header
/// (`signature`: its folded headers): the next file of the same shape starts from them.
pub fn load_import_mapping(signature: &str) -> Option<Vec<Option<String>>> {
    let kept: Vec<(String, Vec<Option<String>>)> =
        LocalStorage::get(KEY_IMPORT_MAPPINGS).unwrap_or_default();
    kept.into_iter()
        .find(|(s, _)| s == signature)
        .map(|(_, m)| m)
}

pub fn save_import_mapping(signature: &str, columns: Vec<Option<String>>) {
    let mut kept: Vec<(String, Vec<Option<String>>)> =
        LocalStorage::get(KEY_IMPORT_MAPPINGS).unwrap_or_default();
    kept.retain(|(s, _)| s != signature);
    kept.insert(0, (signature.to_string(), columns));
    kept.truncate(IMPORT_MAPPINGS);
    let _ = LocalStorage::set(KEY_IMPORT_MAPPINGS, kept);
}
