//! Which of the store's count of writes the records in memory show, and keeping the first
//! screens made from them (see `store::idb::screens`).

use super::{store, Records};
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

/// Which of the store's count of writes the records in memory show: every record stored at that
/// count, and nothing stored after it. A screen is kept only with that count.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Writes {
    /// The records are being read.
    Unread,
    At(u64),
    /// Another tab wrote, or this tab wrote while reading: not known until the next opening.
    Unknown,
}

impl Records {
    /// This tab's write took the store's count of writes from `before` to `after`, and what it
    /// wrote is in memory now.
    pub(super) fn wrote(self, (before, after): (u64, u64)) {
        self.writes.update_value(|w| {
            *w = match *w {
                Writes::At(n) if n == before => Writes::At(after),
                _ => Writes::Unknown,
            }
        });
    }

    /// The store's count of writes that the records in memory show, if known: a first screen made
    /// from them now is kept with it ([`Self::keep_screen`]).
    pub fn writes_shown(self) -> Option<u64> {
        match self.writes.get_value() {
            Writes::At(n) => Some(n),
            _ => None,
        }
    }

    /// Keeps what the first screen `name` shows, made from the records at count `at`
    /// ([`Self::writes_shown`]), for the next opening. Not kept if records were written since;
    /// a failure only costs the next opening its head start.
    pub fn keep_screen(self, name: &'static str, at: u64, body: String) {
        spawn_local(async move {
            if let Ok(store) = store().await {
                let _ = store.keep_screen(name, at, &body).await;
            }
        });
    }
}
