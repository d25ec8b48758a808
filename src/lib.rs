//! Sentra: offline field data for regional industry offices.
//!
//! Pure modules compile and test on the host; `web` (the Leptos app and every browser API) is
//! compiled only for `wasm32`. See ARCHITECTURE.md.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod bench;
pub mod bundle;
pub mod format;
pub mod i18n;
pub mod intake;
pub mod komoditas;
pub mod licences;
pub mod lists;
pub mod model;
pub mod names;
pub mod profile;
pub mod report;
pub mod sharing;
pub mod sort;
pub mod store;
pub mod sync;
pub mod wilayah;

#[cfg(target_arch = "wasm32")]
pub mod web;
