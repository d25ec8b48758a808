//! Bagikan: send records to colleagues or the office as a file. Export only, for now; importing
//! (preview, apply, conflict inbox) comes with the rest of the sharing issue.

use super::{EmptyState, Page};
use crate::bundle::{self, Header, Scope};
use crate::i18n::{fill, Msg};
use crate::model::Record;
use crate::sharing::{export_mark, file_name, unshared};
use crate::web::app::ProfileState;
use crate::web::files::{offer, Offered};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, LoadState, Records};
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Working,
    Done(Msg, String),
    Cancelled,
    Failed,
}

#[component]
pub fn BagikanPage() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    let profile = expect_context::<ProfileState>();
    let outcome = RwSignal::new(Outcome::None);
    wilayah.ensure_index();

    let total = Memo::new(move |_| records.all.with(|all| all.len()));
    let pending = Memo::new(move |_| {
        records.last_export.with(|mark| {
            records
                .all
                .with(|all| unshared(all.values(), mark.as_ref()).len())
        })
    });
    let export = move |all: bool| {
        if outcome.get_untracked() == Outcome::Working {
            return;
        }
        let chosen: Vec<Record> = records.last_export.with_untracked(|mark| {
            records.all.with_untracked(|m| {
                if all {
                    m.values().cloned().collect()
                } else {
                    unshared(m.values(), mark.as_ref())
                        .into_iter()
                        .cloned()
                        .collect()
                }
            })
        });
        let Some(mark) = export_mark(&chosen) else {
            return;
        };
        let scope = match (all, records.last_export.get_untracked()) {
            (false, Some(since)) => Scope::Since(since),
            _ => Scope::All,
        };
        let home = wilayah.home.get_untracked();
        let place = home.as_ref().and_then(|code| {
            wilayah.index.with_untracked(|i| {
                i.as_ref()
                    .and_then(|i| i.kabupaten(code))
                    .map(|k| k.name.clone())
            })
        });
        let officer = profile.0.with_untracked(|p| p.name.clone());
        let header = Header {
            created_ms: js_sys::Date::now() as u64,
            device: profile.0.with_untracked(|p| p.device_id.clone()),
            officer: profile.officer(),
            kabupaten: home,
            scope,
        };
        let text = bundle::write(&header, &chosen);
        let name = file_name(place.as_deref(), &officer, &today().iso);
        outcome.set(Outcome::Working);
        leptos::task::spawn_local(async move {
            let result = match offer(&name, &text, "application/json").await {
                Ok(Offered::Cancelled) => Outcome::Cancelled,
                Ok(how) => match records.mark_exported(mark).await {
                    Ok(()) => Outcome::Done(
                        if how == Offered::Shared {
                            Msg::ShareShared
                        } else {
                            Msg::ShareDownloaded
                        },
                        name,
                    ),
                    Err(_) => Outcome::Failed,
                },
                Err(_) => Outcome::Failed,
            };
            outcome.set(result);
        });
    };

    view! {
        <Page title=Msg::NavBagikan intro=Msg::BagikanIntro>
            {move || match records.state.get() {
                LoadState::Loading => view! { <p role="status">{tr(Msg::StoreLoading)}</p> }.into_any(),
                LoadState::Failed(e) => view! { <p class="card card--warning" role="alert">{tr(e.message())}</p> }.into_any(),
                LoadState::Ready if total.get() == 0 => view! { <EmptyState msg=Msg::BagikanEmpty/> }.into_any(),
                LoadState::Ready => view! {
                    <section class="card">
                        <p data-testid="unshared-count">
                            {move || match pending.get() {
                                0 => i18n.t(Msg::ShareAllShared).to_string(),
                                n => fill(i18n.t(Msg::ShareUnshared), &[("count", &n.to_string())]),
                            }}
                        </p>
                        <p class="hint">{tr(Msg::SharePersonal)}</p>
                        <div class="form__actions">
                            <button class="button button--primary" data-testid="share-changes"
                                disabled=move || pending.get() == 0 || outcome.get() == Outcome::Working
                                on:click=move |_| export(false)>
                                {move || fill(i18n.t(Msg::ShareChanges), &[("count", &pending.get().to_string())])}
                            </button>
                            <button class="button" data-testid="share-all"
                                disabled=move || outcome.get() == Outcome::Working
                                on:click=move |_| export(true)>
                                {move || fill(i18n.t(Msg::ShareAll), &[("count", &total.get().to_string())])}
                            </button>
                        </div>
                        <p role="status" data-testid="share-outcome">
                            {move || match outcome.get() {
                                Outcome::None | Outcome::Working => String::new(),
                                Outcome::Done(msg, file) => fill(i18n.t(msg), &[("file", &file)]),
                                Outcome::Cancelled => i18n.t(Msg::ShareCancelled).to_string(),
                                Outcome::Failed => i18n.t(Msg::ShareFailed).to_string(),
                            }}
                        </p>
                    </section>
                }.into_any(),
            }}
        </Page>
    }
}
