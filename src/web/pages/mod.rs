//! One file per route. Shared page furniture (title, empty state) lives here.

mod bagikan;
mod beranda;
mod export_card;
mod first_start;
mod impor;
mod impor_kind;
mod impor_result;
mod inbox;
mod kantor;
mod katalog;
mod list_controls;
mod not_found;
mod pengaturan;
mod photos_card;
mod receive;
mod record_detail;
mod record_form;
mod records;
mod report_view;
mod schema_field;
mod tentang;
mod usaha;
mod usaha_detail;
mod usaha_form;
mod usaha_rows;

pub use bagikan::BagikanPage;
pub use beranda::{BerandaPage, LaporanPage};
pub use impor::ImporPage;
pub use kantor::{KantorSettings, SyncStatus};
pub use katalog::KatalogPage;
pub use not_found::NotFoundPage;
pub use pengaturan::PengaturanPage;
pub use record_detail::RecordDetailPage;
pub use record_form::RecordFormPage;
pub use records::{Names, RecordListPage};
pub use tentang::TentangPage;
pub use usaha::UsahaPage;
pub use usaha_detail::UsahaDetailPage;
pub use usaha_form::{UsahaEditPage, UsahaNewPage};

use super::i18n::{tr, I18n};
use crate::i18n::Msg;
use leptos::prelude::*;

/// A box the officer ticks to agree to something weighty, and what it means, shown once ticked
/// ("sertakan data pribadi" on exports, "hapus juga profil petugas" on wiping).
#[component]
fn TickToAgree(
    checked: RwSignal<bool>,
    label: Msg,
    warning: Msg,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <label class="choice__option">
            <input type="checkbox" data-testid=testid
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))/>
            {tr(label)}
        </label>
        <Show when=move || checked.get()>
            <p class="field__warning">{tr(warning)}</p>
        </Show>
    }
}

/// A page's frame: its heading (also the document title) and optional introduction.
#[component]
fn Page(title: Msg, #[prop(optional)] intro: Option<Msg>, children: Children) -> impl IntoView {
    let i18n = I18n::expect();
    Effect::new(move |_| {
        document().set_title(&format!("{} · {}", i18n.t(title), i18n.t(Msg::AppName)));
    });
    view! {
        <h1 class="page__title" data-testid="page-title">{tr(title)}</h1>
        {intro.map(|intro| view! { <p class="page__intro">{tr(intro)}</p> })}
        {children()}
    }
}

/// What a list shows before anything is recorded.
#[component]
fn EmptyState(msg: Msg) -> impl IntoView {
    view! {
        <div class="empty" data-testid="empty-state">
            <p>{tr(msg)}</p>
        </div>
    }
}
