//! The office hub on the pages: enrolling this device in Pengaturan ("Kantor"), and the sync's
//! status line (last sync, changes waiting, the last problem in plain words), shown there and on
//! Bagikan.

use crate::i18n::{fill, Msg};
use crate::sync::address;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{local_time, Records};
use crate::web::sync::Sync;
use crate::web::wilayah::Wilayah;
use crate::wilayah::is_area_code;
use leptos::prelude::*;

/// Pengaturan's "Kantor" card: the address and code to enrol with, or, enrolled, who and where,
/// the status, "Sinkronkan sekarang" and "Putuskan". A device the office revoked (or no longer
/// knows) is offered the enrol form again right here, its address filled in.
#[component]
pub fn KantorSettings() -> impl IntoView {
    let i18n = I18n::expect();
    let sync = Sync::expect();
    // Kept here, so what the officer typed outlives the card's redraws.
    let typed_address = RwSignal::new(String::new());
    let typed_code = RwSignal::new(String::new());
    let wilayah = Wilayah::expect();
    // The scope is named from the region index (a kabupaten/kota, or a province-wide role).
    wilayah.ensure_index();
    let area = move |code: &str| {
        wilayah
            .area_name(i18n.lang(), code)
            .map_or_else(|| code.to_string(), |name| format!("{name} ({code})"))
    };
    view! {
        <section class="card" data-testid="kantor">
            <h2>{tr(Msg::SyncHeading)}</h2>
            <p class="hint">{tr(Msg::SyncIntro)}</p>
            {move || match sync.link.get() {
                None => view! { <EnrolForm typed_address typed_code filled=String::new()/> }.into_any(),
                Some(link) => view! {
                    <p data-testid="kantor-linked">
                        {fill(i18n.t(if link.revoked { Msg::SyncWasLinked } else { Msg::SyncLinked }), &[("address", &link.address), ("officer", &link.officer)])}
                    </p>
                    <p data-testid="kantor-scope">
                        {let code = link.kabupaten.clone();
                         move || fill(i18n.t(Msg::SyncScope), &[("area", &area(&code))])}
                    </p>
                    <SyncStatus/>
                    {link.revoked.then(|| view! {
                        <p class="hint">{tr(Msg::SyncEnrolAgain)}</p>
                        <EnrolForm typed_address typed_code filled=link.address.clone()/>
                    })}
                    <div class="form__actions">
                        {(!link.revoked).then(|| view! {
                            <button type="button" class="button button--primary" data-testid="sync-now"
                                disabled=move || sync.running.get() || sync.elsewhere.get()
                                on:click=move |_| sync.now()>{tr(Msg::SyncNow)}</button>
                        })}
                        <button type="button" class="button" data-testid="kantor-unlink"
                            on:click=move |_| sync.unlink()>{tr(Msg::SyncUnlink)}</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// The hub's address and the office's one-time code, and "Hubungkan". `filled`: the address
/// to offer when none is typed (the hub a revoked device was enrolled with).
#[component]
fn EnrolForm(
    typed_address: RwSignal<String>,
    typed_code: RwSignal<String>,
    filled: String,
) -> impl IntoView {
    let i18n = I18n::expect();
    let sync = Sync::expect();
    let wilayah = Wilayah::expect();
    if typed_address.with_untracked(String::is_empty) {
        typed_address.set(filled);
    }
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let enrol = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(address) = address(&typed_address.get_untracked()) else {
            problem.set(Some(i18n.t(Msg::SyncBadAddress).to_string()));
            return;
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let code = typed_code.get_untracked();
            match sync.enrol(address, &code).await {
                // A code works once: should the device be revoked again, a new one is needed.
                Ok(()) => {
                    typed_code.set(String::new());
                    // A device with no working area yet takes the officer's area at the hub
                    // (a province officer's is the province).
                    let area = sync
                        .link
                        .with_untracked(|l| l.as_ref().map(|l| l.kabupaten.clone()))
                        .filter(|a| is_area_code(a));
                    if let (None, Some(area)) = (wilayah.home.get_untracked(), area) {
                        wilayah.set_home(area);
                    }
                }
                Err(failure) => problem.set(Some(failure.text(|m| i18n.t(m)))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="form" on:submit=enrol data-testid="kantor-enrol">
            <label class="field">
                <span class="field__label">{tr(Msg::SyncAddress)}</span>
                <input type="text" inputmode="url" autocomplete="url" autocapitalize="none" spellcheck="false" data-testid="kantor-address"
                    placeholder="sentra.disperindag.example.go.id"
                    prop:value=move || typed_address.get()
                    on:input=move |ev| typed_address.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span class="field__label">{tr(Msg::SyncCode)}</span>
                <input type="text" autocomplete="one-time-code" autocapitalize="characters"
                    data-testid="kantor-code"
                    prop:value=move || typed_code.get()
                    on:input=move |ev| typed_code.set(event_target_value(&ev))/>
            </label>
            <p role="alert" class="field__error" data-testid="kantor-problem">
                {move || problem.get().unwrap_or_default()}
            </p>
            <button type="submit" class="button button--primary" data-testid="kantor-connect"
                disabled=move || busy.get()>{tr(Msg::SyncEnrol)}</button>
        </form>
    }
}

/// One line about the sync: running (here or in another tab), or the last problem, or when it
/// last finished; and how many changes wait. Nothing when the device is not enrolled.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let i18n = I18n::expect();
    let sync = Sync::expect();
    let records = Records::expect();
    let line = move || {
        sync.link.get()?;
        let state = if sync.running.get() {
            i18n.t(Msg::SyncRunning).to_string()
        } else if sync.elsewhere.get() {
            i18n.t(Msg::SyncElsewhere).to_string()
        } else if let Some(failure) = sync.error.get() {
            failure.text(|m| i18n.t(m))
        } else if let Some(when) = sync.last_ok.get() {
            fill(
                i18n.t(Msg::SyncLast),
                &[("when", &local_time(when, i18n.lang()))],
            )
        } else {
            i18n.t(Msg::SyncNever).to_string()
        };
        let waiting = records.unsent.with(|u| u.len());
        let waiting = (waiting > 0)
            .then(|| fill(i18n.t(Msg::SyncWaiting), &[("count", &i18n.n(waiting))]))
            .unwrap_or_default();
        let failed = sync.error.with(Option::is_some);
        Some((format!("{state} {waiting}").trim().to_string(), failed))
    };
    view! {
        {move || line().map(|(text, failed)| view! {
            <p class="sync-status" class:sync-status--failed=failed role="status" data-testid="sync-status">{text}</p>
        })}
    }
}
