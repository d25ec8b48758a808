use super::{Page, TickToAgree};
use crate::i18n::{fill, format_bytes, Lang, Msg};
use crate::model::FieldError;
use crate::web::app::ProfileState;
use crate::web::i18n::{tr, I18n};
use crate::web::pickers::WorkAreaPicker;
use crate::web::pwa::{self, StorageStatus};
use crate::web::records::{LoadState, Records};
use crate::web::settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn PengaturanPage() -> impl IntoView {
    // Set when this page was reloaded by a wipe that removed the profile too.
    let forgotten = settings::take_profile_forgotten();
    view! {
        <Page title=Msg::NavPengaturan intro=Msg::PengaturanIntro>
            <LanguageSettings/>
            <ProfileSettings forgotten/>
            <WorkAreaPicker/>
            <super::KantorSettings/>
            <StorageSettings/>
            <WipeSettings forgotten/>
        </Page>
    }
}

#[component]
fn LanguageSettings() -> impl IntoView {
    let i18n = I18n::expect();
    view! {
        <section class="card">
            <h2>{tr(Msg::SettingsLanguage)}</h2>
            <fieldset class="choice" data-testid="language">
                <legend>{tr(Msg::SettingsLanguageLabel)}</legend>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <label class="choice__option">
                                <input
                                    type="radio"
                                    name="language"
                                    value=lang.code()
                                    prop:checked=move || i18n.lang() == lang
                                    on:change=move |_| i18n.set_lang(lang)
                                />
                                <span lang=lang.code()>{lang.native_name()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum SaveOutcome {
    None,
    Saved,
    Invalid,
    StorageFailed,
    /// The previous officer's profile was just deleted: ask for the new one (until saved).
    AskNew,
}

/// `forgotten`: the previous officer's profile was just deleted; the form asks for the new one
/// and takes the focus.
#[component]
fn ProfileSettings(forgotten: bool) -> impl IntoView {
    let i18n = I18n::expect();
    let ProfileState(profile) = expect_context::<ProfileState>();
    let current = profile.get_untracked();
    // What the officer types stays here until it saves; a failed save loses nothing.
    let name = RwSignal::new(current.name);
    let office = RwSignal::new(current.office);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(if forgotten {
        SaveOutcome::AskNew
    } else {
        SaveOutcome::None
    });
    if forgotten {
        // After the first render, when the field exists.
        Effect::new(move || {
            if let Some(input) = document().get_element_by_id("profile-name") {
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    }

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut updated = profile.get_untracked();
        match updated.update(&name.get_untracked(), &office.get_untracked()) {
            Err(reasons) => {
                errors.set(reasons);
                outcome.set(SaveOutcome::Invalid);
            }
            Ok(()) => {
                errors.set(Vec::new());
                if settings::save_profile(&updated).is_ok() {
                    name.set(updated.name.clone());
                    office.set(updated.office.clone());
                    profile.set(updated);
                    outcome.set(SaveOutcome::Saved);
                } else {
                    outcome.set(SaveOutcome::StorageFailed);
                }
            }
        }
    };
    let error_for = move |field: &'static str| {
        move || {
            errors.with(|errs| {
                errs.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.text(i18n.lang()))
            })
        }
    };
    let name_error = error_for("name");
    let office_error = error_for("office");

    view! {
        <section class="card">
            <h2>{tr(Msg::ProfileHeading)}</h2>
            <p class="hint">{tr(Msg::ProfileExplain)}</p>
            <Show when=move || outcome.get() == SaveOutcome::AskNew>
                <p class="field__warning profile__ask" role="status" data-testid="profile-ask">
                    {tr(Msg::ProfileAskNew)}
                </p>
            </Show>
            <form class="form" on:submit=save novalidate=true data-testid="profile-form">
                <TextField id="profile-name" label=Msg::ProfileName value=name error=Signal::derive(name_error) autocomplete="name"/>
                <TextField id="profile-office" label=Msg::ProfileOffice value=office error=Signal::derive(office_error) autocomplete="organization"/>
                <div class="field">
                    <span class="field__label">{tr(Msg::ProfileDeviceId)}</span>
                    <code class="field__static" data-testid="device-id">{move || profile.get().device_id}</code>
                </div>
                <button type="submit" class="button button--primary">{tr(Msg::ProfileSave)}</button>
                <p class="form__outcome" role="status" data-testid="profile-outcome">
                    {move || match outcome.get() {
                        // Asked above the form, where the officer starts.
                        SaveOutcome::None | SaveOutcome::AskNew => "",
                        SaveOutcome::Saved => i18n.t(Msg::ProfileSaved),
                        SaveOutcome::Invalid => i18n.t(Msg::ProfileNotSaved),
                        SaveOutcome::StorageFailed => i18n.t(Msg::ProfileStorageFailed),
                    }}
                </p>
            </form>
        </section>
    }
}

/// A labelled text input with its error message right below it.
#[component]
fn TextField(
    id: &'static str,
    label: Msg,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    autocomplete: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label class="field__label" for=id>{tr(label)}</label>
            <input
                id=id
                name=id
                type="text"
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
            />
            <p class="field__error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

#[component]
fn StorageSettings() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let status = LocalResource::new(pwa::storage_status);
    let ask = Action::new_local(move |_: &()| async move {
        let _ = pwa::request_persistence().await;
        status.refetch();
    });
    let state_attr = move || match status.get().map(|s| s.persistent) {
        None => "checking",
        Some(Some(true)) => "yes",
        Some(Some(false)) => "no",
        Some(None) => "unknown",
    };
    let bytes = move |pick: fn(&StorageStatus) -> Option<f64>| {
        move || match status.get() {
            None => i18n.t(Msg::StorageChecking).to_string(),
            Some(s) => pick(&s)
                .map(|b| format_bytes(b, i18n.lang()))
                .unwrap_or_else(|| i18n.t(Msg::StorageUnknown).to_string()),
        }
    };
    view! {
        <section class="card">
            <h2>{tr(Msg::StorageHeading)}</h2>
            <dl class="facts">
                <dt>{tr(Msg::StoragePersistent)}</dt>
                <dd data-testid="storage-persistent" data-state=state_attr>
                    {move || i18n.t(match state_attr() {
                        "checking" => Msg::StorageChecking,
                        "yes" => Msg::StoragePersistentYes,
                        "no" => Msg::StoragePersistentNo,
                        _ => Msg::StorageUnknown,
                    })}
                </dd>
                <dt>{tr(Msg::StorageUsed)}</dt>
                <dd data-testid="storage-used">{bytes(|s| s.usage)}</dd>
                <dt>{tr(Msg::StoragePhotos)}</dt>
                <dd data-testid="storage-photos">
                    {move || {
                        if records.state.with(|s| *s == LoadState::Loading) {
                            return i18n.t(Msg::StorageChecking).to_string();
                        }
                        let (count, size) = records.photo_totals();
                        fill(i18n.t(Msg::StoragePhotosCount), &[("count", &i18n.n(count)), ("size", &format_bytes(size as f64, i18n.lang()))])
                    }}
                </dd>
                <dt>{tr(Msg::StorageAvailable)}</dt>
                <dd data-testid="storage-available">
                    {bytes(|s| Some(s.quota? - s.usage.unwrap_or(0.0)))}
                </dd>
            </dl>
            <Show when=move || state_attr() == "no">
                <button class="button" data-testid="storage-request" on:click=move |_| { ask.dispatch(()); }>
                    {tr(Msg::StorageRequest)}
                </button>
            </Show>
        </section>
    }
}

/// "Hapus semua data di perangkat ini", enabled only once HAPUS is typed. Says what goes and
/// what stays; with "hapus juga profil petugas" ticked, the profile and device id go too and
/// every tab of the app reloads, so nothing of the previous officer stays in memory either.
/// `forgotten`: this page was reloaded by such a wipe.
#[component]
fn WipeSettings(forgotten: bool) -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let typed = RwSignal::new(String::new());
    let with_profile = RwSignal::new(false);
    let outcome = RwSignal::new(forgotten.then_some(Msg::WipeDoneProfile));
    let wipe = Action::new_local(move |_: &()| async move {
        let result = records.clear().await;
        if result.is_ok() {
            settings::remove_all_drafts();
            typed.set(String::new());
            if with_profile.get_untracked() {
                settings::forget_profile();
                records.announce_new_device();
                settings::note_profile_forgotten();
                let _ = window().location().reload();
                return;
            }
        }
        outcome.set(Some(result.map_or_else(|e| e.message(), |_| Msg::WipeDone)));
    });
    view! {
        <section class="card card--danger">
            <h2>{tr(Msg::WipeHeading)}</h2>
            <p class="hint">{tr(Msg::WipeExplain)}</p>
            <dl class="facts" data-testid="wipe-scope">
                <dt>{tr(Msg::WipeRemovedLabel)}</dt>
                <dd>{tr(Msg::WipeRemoved)}</dd>
                <dt>{tr(Msg::WipeKeptLabel)}</dt>
                <dd>{tr(Msg::WipeKept)}</dd>
            </dl>
            <div class="wipe__profile">
                <TickToAgree checked=with_profile label=Msg::WipeProfile
                    warning=Msg::WipeProfileExplain testid="wipe-profile"/>
            </div>
            <div class="field">
                <label class="field__label" for="wipe-confirm">{tr(Msg::WipeLabel)}</label>
                <input id="wipe-confirm" type="text" autocomplete="off" prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <button class="button button--danger" data-testid="wipe"
                disabled=move || typed.get().trim() != "HAPUS" || wipe.pending().get()
                on:click=move |_| { wipe.dispatch(()); }>
                {tr(Msg::WipeButton)}
            </button>
            <p role="status" data-testid="wipe-outcome">{move || outcome.get().map(|m| i18n.t(m))}</p>
        </section>
    }
}
