//! The browser side: the Leptos app and the only code that calls browser APIs.
//! Compiled for `wasm32` only; pure rules live in the modules beside `web`.
pub mod app;
pub mod charts;
pub mod checks;
pub mod combobox;
pub mod deflate;
pub mod fields;
pub mod files;
pub mod i18n;
pub mod pages;
pub mod photos;
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
    // Marks for the opening benchmarks (tools/bench-open.mjs): where the app's own start begins
    // and ends on the page's timeline.
    let mark = |name: &str| {
        if let Some(perf) = leptos::prelude::window().performance() {
            let _ = perf.mark(name);
        }
    };
    mark("sentra-main");
    // Mounted in a task of its own: on a browser just started, instantiating the wasm and the
    // first render (its code compiled as it first runs) held the page for 205-227 ms in one task
    // at 4x CPU slowdown (issue 15).
    wasm_bindgen_futures::spawn_local(async move {
        slices::breathe().await;
        if let Some(shell) = leptos::prelude::document().get_element_by_id("loading-shell") {
            shell.remove();
        }
        leptos::mount::mount_to_body(app::App);
        mark("sentra-mounted");
    });
}
