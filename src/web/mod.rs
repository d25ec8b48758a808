//! The browser side: the Leptos app and the only code that calls browser APIs.
//! Compiled for `wasm32` only; pure rules live in the modules beside `web`.
pub mod app;
pub mod charts;
pub mod checks;
pub mod combobox;
pub mod fields;
pub mod files;
pub mod i18n;
pub mod pages;
pub mod pickers;
pub mod pwa;
pub mod records;
pub mod settings;
pub mod sheets;
pub mod slices;
pub mod sync;
pub mod wilayah;
pub mod workbook;

/// Mounts the app on `<body>`, in place of the loading frame index.html paints before the app's
/// code has arrived. Called by `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(shell) = leptos::prelude::document().get_element_by_id("loading-shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
