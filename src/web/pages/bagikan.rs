//! Bagikan: send records to colleagues or the office as a file, and receive theirs: a received
//! file (chosen, dropped, shared from another app or opened with the installed app) is read and
//! checked, previewed per kind, and applied in one transaction or cancelled; the import log and
//! the conflict inbox. Bundles over 1 MB leave gzipped, and gzipped ones are read.

use super::inbox::ConflictInbox;
use super::receive::ImportSection;
use super::{EmptyState, Page};
use crate::bundle::{self, Header, Scope};
use crate::i18n::{fill, Lang, Msg};
use crate::sharing::{export_mark, file_name};
use crate::web::app::ProfileState;
use crate::web::files::{offer, offer_bytes, Offered};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, LoadState, Records};
use crate::web::slices;
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;
use leptos_router::components::A;

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

    // Deleted records travel too (as tombstones), but people count what is there.
    let total = Memo::new(move |_| {
        records
            .all
            .with(|all| all.values().filter(|r| !r.is_deleted()).count())
    });
    let pending = Memo::new(move |_| records.unsent.with(|u| u.len()));
    let export = move |all: bool| {
        if outcome.get_untracked() == Outcome::Working {
            return;
        }
        // Every record, or those that have not left the device since they changed here, and
        // their unsent marks as read now (a record changed while the file is written stays unsent).
        let (chosen, sent) = records.to_send(all);
        let Some(mark) = export_mark(&chosen) else {
            return;
        };
        let scope = match (all, records.last_export.get_untracked()) {
            (false, Some(since)) => Scope::Since(since),
            _ => Scope::All,
        };
        let home = wilayah.home.get_untracked();
        let place = home
            .as_ref()
            .and_then(|code| untrack(|| wilayah.area_name(Lang::Id, code)));
        let officer = profile.0.with_untracked(|p| p.name.clone());
        let header = Header {
            created_ms: js_sys::Date::now() as u64,
            device: profile.0.with_untracked(|p| p.device_id.clone()),
            officer: profile.officer(),
            kabupaten: home,
            scope,
        };
        let name = file_name(place.as_deref(), &officer, &today().iso);
        outcome.set(Outcome::Working);
        leptos::task::spawn_local(async move {
            // Written in slices (50,000 Usaha in one go held the page for 2.6 s).
            let mut writer = bundle::Writer::new(header, chosen);
            let text =
                slices::until_done(|| writer.step().ok_or_else(|| writer.progress()), |_| ()).await;
            drop(writer);
            // Large bundles travel gzipped (docs/bundle-format.md), compressed in slices.
            let (name, offered) = if text.len() > bundle::GZIP_ABOVE {
                let mut gzip = bundle::Gzip::new(text);
                let bytes =
                    slices::until_done(|| gzip.step().ok_or_else(|| gzip.progress()), |_| ()).await;
                let name = format!("{name}.gz");
                let offered = offer_bytes(&name, &bytes, "application/gzip").await;
                (name, offered)
            } else {
                (name.clone(), offer(&name, &text, "application/json").await)
            };
            let result = match offered {
                Ok(Offered::Cancelled) => Outcome::Cancelled,
                Ok(how) => match records.mark_exported(mark, sent).await {
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
            <super::SyncStatus/>
            {move || match records.state.get() {
                LoadState::Loading => view! { <p role="status">{tr(Msg::StoreLoading)}</p> }.into_any(),
                LoadState::Failed(e) => view! { <p class="card card--warning" role="alert">{tr(e.message())}</p> }.into_any(),
                LoadState::Ready if total.get() == 0 => view! { <EmptyState msg=Msg::BagikanEmpty/> }.into_any(),
                LoadState::Ready => view! {
                    <section class="card">
                        <p data-testid="unshared-count">
                            {move || match pending.get() {
                                0 => i18n.t(Msg::ShareAllShared).to_string(),
                                n => fill(i18n.t(Msg::ShareUnshared), &[("count", &i18n.n(n))]),
                            }}
                        </p>
                        <p class="hint">{tr(Msg::SharePersonal)}</p>
                        <div class="form__actions">
                            <button class="button button--primary" data-testid="share-changes"
                                disabled=move || pending.get() == 0 || outcome.get() == Outcome::Working
                                on:click=move |_| export(false)>
                                {move || fill(i18n.t(Msg::ShareChanges), &[("count", &i18n.n(pending.get()))])}
                            </button>
                            <button class="button" data-testid="share-all"
                                disabled=move || outcome.get() == Outcome::Working
                                on:click=move |_| export(true)>
                                {move || fill(i18n.t(Msg::ShareAll), &[("count", &i18n.n(total.get()))])}
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
            // Outside the part that follows the records: applying a file changes them, and the
            // section (with its outcome) must stay.
            <ImportSection/>
            <p><A href="/impor"><span class="button" data-testid="intake-link">{tr(Msg::IntakeLink)}</span></A></p>
            <ConflictInbox/>
        </Page>
    }
}
