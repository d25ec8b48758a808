//! Beranda's checklist for a first start: the officer's name, the working area (with what its
//! region data downloads), then the first Usaha. Each item done shows as done; the list goes
//! once all are.

use crate::format::thousands;
use crate::i18n::{fill, format_bytes, Msg};
use crate::web::app::ProfileState;
use crate::web::i18n::{tr, I18n};
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn FirstStart(has_usaha: Signal<bool>) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let profile = expect_context::<ProfileState>();
    // The index comes with the app: areas and their sizes are known offline.
    wilayah.ensure_index();
    let name = Memo::new(move |_| profile.0.with(|p| p.name.trim().to_string()));
    let home = move || wilayah.home.get();
    let all_done = move || !name.with(String::is_empty) && home().is_some() && has_usaha.get();
    let name_detail = move || {
        let name = name.get();
        if name.is_empty() {
            i18n.t(Msg::StartNameTodo).to_string()
        } else {
            name
        }
    };
    let area_detail = move || {
        let lang = i18n.lang();
        match home() {
            None => {
                let (kab, prov) = wilayah
                    .index
                    .with(|i| i.as_ref().map(|i| i.largest_bytes()))
                    .unwrap_or_default();
                fill(
                    i18n.t(Msg::StartAreaTodo),
                    &[
                        ("kabupaten", &format_bytes(kab as f64, lang)),
                        ("provinsi", &format_bytes(prov as f64, lang)),
                    ],
                )
            }
            Some(code) => {
                let size = wilayah.index.with(|i| {
                    let i = i.as_ref()?;
                    Some((i.area_size(&code)?, i.area_bytes(&code)))
                });
                let area = wilayah.area_label(lang, &code);
                match size {
                    Some(((kec, vil), bytes)) => fill(
                        // Not "to download" while the data is still being read (from the
                        // device, or the network): only once reading it failed.
                        i18n.t(if wilayah.area_loaded(&code) {
                            Msg::StartAreaKept
                        } else if wilayah.failed.get() {
                            Msg::StartAreaLoading
                        } else {
                            Msg::StartAreaReading
                        }),
                        &[
                            ("area", &area),
                            ("kecamatan", &thousands(kec.into(), lang)),
                            ("villages", &thousands(vil.into(), lang)),
                            (
                                "size",
                                &bytes.map_or_else(String::new, |b| format_bytes(b as f64, lang)),
                            ),
                        ],
                    ),
                    None => area,
                }
            }
        }
    };
    let item = move |done: Signal<bool>,
                     testid: &'static str,
                     title: Msg,
                     href: &'static str,
                     detail: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <li class="checklist__item" class:checklist__item--done=move || done.get() data-testid=testid
                data-done=move || done.get().to_string()>
                <span class="checklist__mark" aria-hidden="true">{move || if done.get() { "✓" } else { "" }}</span>
                <div>
                    <A href=href><strong>{tr(title)}</strong></A>
                    <Show when=move || done.get()>
                        " " <span class="chip chip--aktif">{tr(Msg::StartDone)}</span>
                    </Show>
                    <p class="hint">{detail}</p>
                </div>
            </li>
        }
    };
    view! {
        <Show when=move || !all_done()>
            <section class="card checklist" data-testid="first-start">
                <h2>{tr(Msg::StartHeading)}</h2>
                <ol class="checklist__list">
                    {item(Signal::derive(move || !name.with(String::is_empty)), "start-name", Msg::StartName, "/pengaturan", Box::new(name_detail))}
                    {item(Signal::derive(move || home().is_some()), "start-area", Msg::StartArea, "/pengaturan", Box::new(area_detail))}
                    {item(has_usaha, "start-usaha", Msg::ActionAdd, "/usaha/baru", Box::new(move || i18n.t(Msg::StartUsaha).to_string()))}
                </ol>
            </section>
        </Show>
    }
}
