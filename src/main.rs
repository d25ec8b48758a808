#[cfg(target_arch = "wasm32")]
fn main() {
    // The same wasm runs the XLSX export's worker (src/web/workbook.rs), where there is no window.
    if web_sys::window().is_some() {
        sentra::web::start();
    } else {
        sentra::web::workbook::serve();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sentra runs in the browser. Build and serve it with `make serve` (see README.md).");
}
