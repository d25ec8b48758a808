//! Small settings kept in localStorage through gloo-storage: the language, the officer profile,
//! the working kabupaten/kota, and whether persistent storage was asked for. Records never go here (IndexedDB only).

use crate::i18n::Lang;
use crate::profile::Profile;
use gloo_storage::{errors::StorageError, LocalStorage, Storage};

const KEY_LANG: &str = "sentra.lang";
const KEY_PROFILE: &str = "sentra.profile";
const KEY_PERSIST_ASKED: &str = "sentra.persist-asked";
const KEY_HOME_KABUPATEN: &str = "sentra.wilayah-kerja";

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

/// The officer's working kabupaten/kota code (`PP.KK`), if chosen.
pub fn load_home_kabupaten() -> Option<String> {
    LocalStorage::get::<String>(KEY_HOME_KABUPATEN)
        .ok()
        .filter(|c| crate::wilayah::is_code(c, 2))
}

pub fn save_home_kabupaten(code: &str) {
    let _ = LocalStorage::set(KEY_HOME_KABUPATEN, code);
}

/// Drafts of forms being filled in, so a reload or a crashed tab loses nothing typed. Small (one
/// form's text), so localStorage; removed when the form is saved or cancelled.
pub fn load_draft<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(format!("sentra.draft.{key}")).ok()
}

pub fn save_draft<T: serde::Serialize>(key: &str, draft: &T) {
    let _ = LocalStorage::set(format!("sentra.draft.{key}"), draft);
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
    LocalStorage::delete(format!("sentra.draft.{key}"));
}
