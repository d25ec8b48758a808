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
    // While the officer chooses "dengan foto" / "tanpa foto": the sizes, and the answer's hook.
    let photo_choice = PhotoChoice {
        sizes: RwSignal::new(None),
        answer: StoredValue::new(None),
    };
    let photo_note = RwSignal::new(None::<String>);
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
        photo_note.set(None);
        leptos::task::spawn_local(async move {
            // The photos the records refer to go too if the officer wants them: asked once the
            // records are written and both sizes known (issue 17).
            // Sized from the records' photo fields: the bytes are read only if they go.
            let since = matches!(header.scope, Scope::Since(_));
            let held = records.photos_held(&chosen, since).await;
            let mut writer = bundle::Writer::with_photos_held(header, chosen, held.clone());
            // Written in slices (50,000 Usaha in one go held the page for 2.6 s).
            let mut asked = false;
            let text = loop {
                if let (false, Some(sizes)) = (asked, writer.sizes()) {
                    asked = true;
                    if sizes.count > 0 && !ask_photos(sizes.clone(), photo_choice).await {
                        let _ = writer.include_photos(false);
                    }
                    let wanted = writer.photos_wanted();
                    if !wanted.is_empty() {
                        writer.give_photos(records.photos_of(&wanted, &held).await);
                    }
                    if let Some(refused) = writer.too_large() {
                        photo_note.set(Some(refused.message(i18n.lang())));
                    }
                }
                // Steps until the slice's time is up, or the sizes are known and not asked yet.
                let deadline = slices::Deadline::start();
                let mut written = None;
                while written.is_none() && !deadline.passed() && (asked || writer.sizes().is_none())
                {
                    written = writer.step();
                }
                if let Some(text) = written {
                    break text;
                }
                if deadline.passed() {
                    slices::breathe().await;
                }
            };
            let carried_photos = writer.carries_photos();
            drop(writer);
            // Large bundles travel gzipped (docs/bundle-format.md), by the browser's own stream.
            // (A browser that cannot gzip, having no CompressionStream, offers the JSON.)
            let gzipped = match text.len() > bundle::GZIP_ABOVE {
                true => crate::web::deflate::gzip(&text).await.ok(),
                false => None,
            };
            let (name, offered) = if let Some(bytes) = gzipped {
                let name = format!("{name}.gz");
                let offered = offer_bytes(&name, &bytes, "application/gzip").await;
                (name, offered)
            } else {
                (name.clone(), offer(&name, &text, "application/json").await)
            };
            let result = match offered {
                Ok(Offered::Cancelled) => Outcome::Cancelled,
                Ok(how) => match records.mark_exported(mark, sent, carried_photos).await {
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
                        <PhotoChoiceView choice=photo_choice/>
                        {move || photo_note.get().map(|note| view! { <p class="card card--warning" role="alert">{note}</p> })}
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

/// The question "dengan foto" / "tanpa foto" while a file is being written: the sizes of each,
/// and the hook the answer resolves.
#[derive(Clone, Copy)]
struct PhotoChoice {
    sizes: RwSignal<Option<bundle::Sizes>>,
    answer: StoredValue<Option<js_sys::Function>>,
}

/// Asks whether the file carries its photos; `true`: with them.
async fn ask_photos(sizes: bundle::Sizes, choice: PhotoChoice) -> bool {
    let promise = js_sys::Promise::new(&mut |resolve, _| choice.answer.set_value(Some(resolve)));
    choice.sizes.set(Some(sizes));
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    choice.sizes.set(None);
    answer.ok().and_then(|a| a.as_bool()).unwrap_or(false)
}

#[component]
fn PhotoChoiceView(choice: PhotoChoice) -> impl IntoView {
    let i18n = I18n::expect();
    let answer = move |with: bool| {
        if let Some(resolve) = choice.answer.try_update_value(Option::take).flatten() {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &with.into());
        }
    };
    let size = move |bytes: usize| crate::i18n::format_bytes(bytes as f64, i18n.lang());
    move || {
        choice.sizes.get().map(|s| {
            let with = fill(
                i18n.t(Msg::ShareWithPhotos),
                &[("count", &i18n.n(s.count)), ("size", &size(s.with_photos()))],
            );
            let without = fill(i18n.t(Msg::ShareWithoutPhotos), &[("size", &size(s.without_photos))]);
            view! {
                <div class="card card--info" role="group" data-testid="photo-choice">
                    <p>{tr(Msg::ShareChoosePhotos)}</p>
                    <div class="form__actions">
                        <button class="button button--primary" data-testid="share-with-photos"
                            disabled=!s.fits_with_photos() on:click=move |_| answer(true)>{with}</button>
                        <button class="button" data-testid="share-without-photos" on:click=move |_| answer(false)>{without}</button>
                    </div>
                    {(!s.fits_with_photos()).then(|| view! { <p class="hint">{tr(Msg::ShareTooLargeWithPhotos)}</p> })}
                </div>
            }
        })
    }
}
