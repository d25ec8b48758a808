//! The language as reactive app state. Components read text with [`I18n::t`] (reactive) or the
//! [`tr`] shortcut; changing the language re-renders every string, saves the choice, and sets
//! `<html lang>`.

use super::settings;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Creates the context from the saved choice (Indonesian when none) and keeps the saved
    /// choice and `<html lang>` in step with it.
    pub fn provide() -> Self {
        let i18n = I18n {
            lang: RwSignal::new(settings::load_lang()),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            settings::save_lang(lang);
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", lang.code());
            }
        });
        provide_context(i18n);
        i18n
    }

    pub fn expect() -> Self {
        expect_context()
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
    }

    /// A count as officers read it: "5.770" (Indonesian), "5,770" (English); tracks the language.
    pub fn n(self, count: usize) -> String {
        crate::format::thousands(count as u64, self.lang.get())
    }

    /// The text of `key` in the current language; tracks the language when read reactively.
    pub fn t(self, key: Msg) -> &'static str {
        key.text(self.lang.get())
    }
}

/// A reactive text for `view!`: `{tr(Msg::NavBeranda)}`.
pub fn tr(key: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = I18n::expect();
    move || i18n.t(key)
}
