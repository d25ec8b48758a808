#[cfg(target_arch = "wasm32")]
fn main() {
    sentra::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sentra runs in the browser. Build and serve it with `make serve` (see README.md).");
}
