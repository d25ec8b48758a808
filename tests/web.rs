//! In-browser unit tests of the web layer (wasm-bindgen-test in headless Chromium).
//! Run by `make test`; natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use sentra::i18n::Lang;
use sentra::web::{pwa, settings};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn language_defaults_to_indonesian_and_is_remembered() {
    LocalStorage::clear();
    assert_eq!(settings::load_lang(), Lang::Id);
    settings::save_lang(Lang::En);
    assert_eq!(settings::load_lang(), Lang::En);
    assert_eq!(
        LocalStorage::raw()
            .get_item("sentra.lang")
            .unwrap()
            .as_deref(),
        Some("\"en\"")
    );
}

#[wasm_bindgen_test]
fn device_id_is_a_uuid_made_once_and_kept() {
    LocalStorage::clear();
    let first = settings::load_or_create_profile();
    let id = &first.device_id;
    assert_eq!(id.len(), 36, "not a UUID: {id}");
    assert_eq!(id.matches('-').count(), 4, "not a UUID: {id}");
    let again = settings::load_or_create_profile();
    assert_eq!(again.device_id, first.device_id);

    let mut named = again;
    named.update("Petugas Uji", "Kabupaten Contoh").unwrap();
    settings::save_profile(&named).unwrap();
    let reloaded = settings::load_or_create_profile();
    assert_eq!(reloaded, named);
}

#[wasm_bindgen_test]
fn the_working_area_is_a_province_or_a_kabupaten_and_nothing_else() {
    LocalStorage::clear();
    assert_eq!(settings::load_work_area(), None);
    settings::save_work_area("17");
    assert_eq!(
        settings::load_work_area().as_deref(),
        Some("17"),
        "a province office"
    );
    settings::save_work_area("35.29");
    assert_eq!(settings::load_work_area().as_deref(), Some("35.29"));
    settings::save_work_area("35.29.01");
    assert_eq!(
        settings::load_work_area(),
        None,
        "a kecamatan is not a working area"
    );
    // The kabupaten/kota a province officer chose last, for the next Kawasan form.
    settings::save_last_kabupaten("17.04");
    assert_eq!(settings::load_last_kabupaten().as_deref(), Some("17.04"));
    settings::save_last_kabupaten("17");
    assert_eq!(
        settings::load_last_kabupaten(),
        None,
        "only a kabupaten/kota"
    );
}

#[wasm_bindgen_test]
fn forgetting_the_profile_leaves_a_fresh_one_and_the_other_settings() {
    LocalStorage::clear();
    settings::save_lang(Lang::En);
    settings::save_work_area("35.29");
    let mut old = settings::load_or_create_profile();
    old.update("Petugas Lama", "Kantor Lama").unwrap();
    settings::save_profile(&old).unwrap();

    let fresh = settings::forget_profile();
    assert_eq!((fresh.name.as_str(), fresh.office.as_str()), ("", ""));
    assert_eq!(fresh.device_id.len(), 36);
    assert_ne!(fresh.device_id, old.device_id, "a new device id");
    assert_eq!(
        settings::load_or_create_profile(),
        fresh,
        "saved at once: the next start agrees"
    );
    assert_eq!(settings::load_lang(), Lang::En);
    assert_eq!(settings::load_work_area().as_deref(), Some("35.29"));

    assert!(!settings::take_profile_forgotten());
    settings::note_profile_forgotten();
    assert!(settings::take_profile_forgotten());
    assert!(!settings::take_profile_forgotten(), "read once");
}

#[wasm_bindgen_test]
fn a_corrupt_saved_profile_is_replaced_not_fatal() {
    LocalStorage::clear();
    LocalStorage::raw()
        .set_item("sentra.profile", "{not json")
        .unwrap();
    let profile = settings::load_or_create_profile();
    assert_eq!(profile.device_id.len(), 36);
}

#[wasm_bindgen_test]
async fn storage_status_reports_what_the_browser_says() {
    let status = pwa::storage_status().await;
    assert!(
        status.persistent.is_some(),
        "Chromium supports navigator.storage.persisted()"
    );
    assert!(
        status.quota.unwrap_or(0.0) > 0.0,
        "quota should be known: {status:?}"
    );
    assert!(status.usage.is_some());
}

#[path = "web/store.rs"]
mod store;

#[path = "web/deflate.rs"]
mod deflate;

/// A field's entry as the app holds it (issue 15: 50,000 Usaha of 12 fields hold 600,000):
/// 72 bytes when names were `Arc<str>`, 56 with thin shared names (`model::Name`), 48 with
/// values of 16 bytes (`model::Val`, short text inline) instead of `serde_json::Value`'s 24.
#[wasm_bindgen_test]
fn a_field_entry_takes_48_bytes_in_the_app() {
    use sentra::model::{Field, Name, Val};
    assert_eq!(std::mem::size_of::<sentra::model::hlc::Stamp>(), 16);
    assert_eq!(std::mem::size_of::<Val>(), 16);
    assert_eq!(std::mem::size_of::<Field>(), 40);
    assert_eq!(std::mem::size_of::<(Name, Field)>(), 48);
}
