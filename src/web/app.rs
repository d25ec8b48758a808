//! The shell: contexts, the router, navigation, and the banners about offline state.

use super::i18n::{tr, I18n};
use super::pages::*;
use super::pwa::{self, Pwa};
use super::records::{local_time, Records};
use super::settings;
use super::wilayah::Wilayah;
use crate::i18n::{fill, Msg};
use crate::model::kinds;
use crate::profile::Profile;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use wasm_bindgen::JsCast;

/// The officer profile as app state; later issues stamp every change from it.
#[derive(Clone, Copy)]
pub struct ProfileState(pub RwSignal<Profile>);

impl ProfileState {
    /// Who changes are stamped with: the officer's name, or the device id before one is set.
    pub fn officer(&self) -> String {
        self.0.with_untracked(|p| {
            if p.name.is_empty() {
                p.device_id.clone()
            } else {
                p.name.clone()
            }
        })
    }
}

/// Pages in navigation order: path, label.
pub const NAV: &[(&str, Msg)] = &[
    ("/", Msg::NavBeranda),
    ("/usaha", Msg::NavUsaha),
    ("/sentra", Msg::NavSentra),
    ("/survei-desa", Msg::NavSurvei),
    ("/kawasan-ikm", Msg::NavKawasan),
    ("/kegiatan", Msg::NavKegiatan),
    ("/mitra", Msg::NavMitra),
    ("/jejaring", Msg::NavJejaring),
    ("/bagikan", Msg::NavBagikan),
    ("/pengaturan", Msg::NavPengaturan),
    ("/tentang", Msg::NavTentang),
];

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Pwa::provide();
    Wilayah::provide();
    let profile = settings::load_or_create_profile();
    let records = Records::provide(format!("{}-t{}", profile.device_id, settings::tab_id()));
    super::sync::Sync::provide(records, profile.device_id.clone());
    provide_context(ProfileState(RwSignal::new(profile)));
    pwa::ask_persistence_at_first_start();

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_content>{tr(Msg::SkipToContent)}</a>
            <div class="shell">
                <Navigation/>
                <div class="shell__body">
                    <Banners/>
                    <main id="main" class="page" tabindex="-1">
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=BerandaPage/>
                            <Route path=path!("/usaha") view=UsahaPage/>
                            <Route path=path!("/usaha/baru") view=UsahaNewPage/>
                            <Route path=path!("/usaha/:id") view=UsahaDetailPage/>
                            <Route path=path!("/usaha/:id/ubah") view=UsahaEditPage/>
                            <Route path=path!("/sentra") view=|| view! { <RecordListPage schema=&kinds::SENTRA/> }/>
                            <Route path=path!("/sentra/baru") view=|| view! { <RecordFormPage schema=&kinds::SENTRA/> }/>
                            <Route path=path!("/sentra/:id") view=|| view! { <RecordDetailPage schema=&kinds::SENTRA/> }/>
                            <Route path=path!("/sentra/:id/ubah") view=|| view! { <RecordFormPage schema=&kinds::SENTRA/> }/>
                            <Route path=path!("/survei-desa") view=|| view! { <RecordListPage schema=&kinds::SURVEI/> }/>
                            <Route path=path!("/survei-desa/baru") view=|| view! { <RecordFormPage schema=&kinds::SURVEI/> }/>
                            <Route path=path!("/survei-desa/:id") view=|| view! { <RecordDetailPage schema=&kinds::SURVEI/> }/>
                            <Route path=path!("/survei-desa/:id/ubah") view=|| view! { <RecordFormPage schema=&kinds::SURVEI/> }/>
                            <Route path=path!("/kawasan-ikm") view=|| view! { <RecordListPage schema=&kinds::KAWASAN/> }/>
                            <Route path=path!("/kawasan-ikm/baru") view=|| view! { <RecordFormPage schema=&kinds::KAWASAN/> }/>
                            <Route path=path!("/kawasan-ikm/:id") view=|| view! { <RecordDetailPage schema=&kinds::KAWASAN/> }/>
                            <Route path=path!("/kawasan-ikm/:id/ubah") view=|| view! { <RecordFormPage schema=&kinds::KAWASAN/> }/>
                            <Route path=path!("/kegiatan") view=|| view! { <RecordListPage schema=&kinds::KEGIATAN/> }/>
                            <Route path=path!("/kegiatan/baru") view=|| view! { <RecordFormPage schema=&kinds::KEGIATAN/> }/>
                            <Route path=path!("/kegiatan/:id") view=|| view! { <RecordDetailPage schema=&kinds::KEGIATAN/> }/>
                            <Route path=path!("/kegiatan/:id/ubah") view=|| view! { <RecordFormPage schema=&kinds::KEGIATAN/> }/>
                            <Route path=path!("/mitra") view=|| view! { <RecordListPage schema=&kinds::MITRA/> }/>
                            <Route path=path!("/mitra/baru") view=|| view! { <RecordFormPage schema=&kinds::MITRA/> }/>
                            <Route path=path!("/mitra/:id") view=|| view! { <RecordDetailPage schema=&kinds::MITRA/> }/>
                            <Route path=path!("/mitra/:id/ubah") view=|| view! { <RecordFormPage schema=&kinds::MITRA/> }/>
                            <Route path=path!("/jejaring") view=|| view! { <RecordListPage schema=&kinds::JEJARING/> }/>
                            <Route path=path!("/jejaring/baru") view=|| view! { <RecordFormPage schema=&kinds::JEJARING/> }/>
                            <Route path=path!("/jejaring/:id") view=|| view! { <RecordDetailPage schema=&kinds::JEJARING/> }/>
                            <Route path=path!("/jejaring/:id/ubah") view=|| view! { <RecordFormPage schema=&kinds::JEJARING/> }/>
                            <Route path=path!("/bagikan") view=BagikanPage/>
                            <Route path=path!("/impor") view=ImporPage/>
                            <Route path=path!("/laporan") view=LaporanPage/>
                            <Route path=path!("/katalog") view=KatalogPage/>
                            <Route path=path!("/pengaturan") view=PengaturanPage/>
                            <Route path=path!("/tentang") view=TentangPage/>
                        </Routes>
                    </main>
                </div>
            </div>
        </Router>
    }
}

/// Moves keyboard focus to the page content. Handled here because the router would otherwise
/// treat `#main` as a navigation and leave focus on the link.
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Header with the menu button (phones) and the page list (always shown on wide screens).
/// Keyboard: the button toggles the list; Escape closes it and returns focus to the button;
/// choosing a page closes it.
#[component]
fn Navigation() -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let i18n = I18n::expect();
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <header class="topbar" on:keydown=on_key>
            <div class="topbar__bar">
                <A href="/" exact=true>
                    <span class="topbar__brand">{tr(Msg::AppName)}</span>
                </A>
                <button
                    node_ref=button
                    class="topbar__menu"
                    data-testid="menu-button"
                    aria-controls="main-nav"
                    aria-expanded=move || open.get().to_string()
                    aria-label=move || i18n.t(if open.get() { Msg::MenuClose } else { Msg::MenuOpen })
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span aria-hidden="true">{move || if open.get() { "✕" } else { "☰" }}</span>
                </button>
            </div>
            <nav
                id="main-nav"
                class="nav"
                class:nav--open=move || open.get()
                aria-label=tr(Msg::MainNavigation)
                on:click=move |_| open.set(false)
            >
                <ul class="nav__list">
                    {NAV
                        .iter()
                        .map(|&(href, label)| {
                            view! {
                                <li>
                                    // Usaha stays marked on its detail and form pages.
                                    <A href=href exact=href == "/">{tr(label)}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// Offline state, a device date that looks wrong, a waiting update, and the first-install
/// notice.
#[component]
fn Banners() -> impl IntoView {
    let pwa = Pwa::expect();
    let i18n = I18n::expect();
    let records = Records::expect();
    // Stamps made here run ahead of the device's clock: its date was later then, or is wrong now.
    let clock_wrong = move || {
        records.clock_ahead.get().map(|_| {
            fill(
                i18n.t(Msg::ClockWrong),
                &[
                    (
                        "latest",
                        &local_time(records.latest_stamp_ms(), i18n.lang()),
                    ),
                    ("now", &local_time(js_sys::Date::now() as u64, i18n.lang())),
                ],
            )
        })
    };
    view! {
        {move || clock_wrong().map(|text| view! {
            <p class="banner banner--offline" role="alert" data-testid="clock-banner">{text}</p>
        })}
        <Show when=move || !pwa.online.get()>
            <p class="banner banner--offline" role="status" data-testid="offline-banner">
                {tr(Msg::StatusOffline)}
            </p>
        </Show>
        <Show when=move || pwa.update_ready.get()>
            <div class="banner banner--update" role="alert" data-testid="update-banner">
                <p>{tr(Msg::UpdateAvailable)}</p>
                <div class="banner__actions">
                    <button class="button button--primary" data-testid="update-now"
                        on:click=move |_| pwa.apply_update()>
                        {tr(Msg::UpdateNow)}
                    </button>
                    <button class="button" on:click=move |_| pwa.update_ready.set(false)>
                        {tr(Msg::UpdateLater)}
                    </button>
                </div>
            </div>
        </Show>
        <Show when=move || pwa.offline_ready.get()>
            <div class="banner banner--ready" role="status" data-testid="offline-ready">
                <p>{tr(Msg::OfflineReady)}</p>
                <button class="button" on:click=move |_| pwa.offline_ready.set(false)>
                    {tr(Msg::Dismiss)}
                </button>
            </div>
        </Show>
    }
}
