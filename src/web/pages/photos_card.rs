//! A record's photos on its page (issue 17): thumbnails, a photo opened full size, photos added
//! with the camera or from the gallery (several at once, shrunk in a worker first), and removed.

use crate::i18n::{fill, Msg};
use crate::model::photo::{jenis_of, photos, PhotoRef};
use crate::model::{Kind, Record};
use crate::names::gps_point;
use crate::store::StoreError;
use crate::web::app::ProfileState;
use crate::web::i18n::{tr, I18n};
use crate::web::photos::{keep_thumb_url, object_url, revoke, shrink_all, thumb_url, Unshrunk};
use crate::web::records::{takes_gps, Records};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn label_of(kind: Kind, jenis: &str) -> Msg {
    jenis_of(kind)
        .iter()
        .find(|(key, _)| *key == jenis)
        .map_or(Msg::FieldFoto, |(_, label)| *label)
}

/// The photos card of the record a page shows, made again only when the page shows another record
/// (not when the record is saved again).
#[component]
pub fn PhotosOf(record: Memo<Option<Record>>) -> impl IntoView {
    let shown = Memo::new(move |_| record.with(|r| r.as_ref().map(|r| (r.id.clone(), r.kind))));
    move || {
        shown
            .get()
            .map(|(id, kind)| view! { <PhotosCard id=id.to_string() kind/> })
    }
}

/// The photos of record `id` (of `kind`), read from the records as they change: the card stays
/// while its record is saved again, so its progress and messages do.
#[component]
fn PhotosCard(id: String, kind: Kind) -> impl IntoView {
    let kinds = jenis_of(kind);
    if kinds.is_empty() {
        return ().into_any();
    }
    let i18n = I18n::expect();
    let records = Records::expect();
    let profile = expect_context::<ProfileState>();
    let record = Memo::new(move |_| records.all.with(|all| all.get(id.as_str()).cloned()));
    let photos = Memo::new(move |_| record.with(|r| r.as_ref().map(photos).unwrap_or_default()));
    let jenis = RwSignal::new(kinds[0].0.to_string());
    // While shrinking: (done, of).
    let busy = RwSignal::new(None::<(usize, usize)>);
    let problems = RwSignal::new(Vec::<String>::new());
    let full = RwSignal::new(None::<(String, Msg)>);
    // The record's coordinates from where the photo was taken: offered while it has none.
    let use_place = RwSignal::new(false);
    let place_offered = Memo::new(move |_| {
        takes_gps(kind) && record.with(|r| r.as_ref().is_some_and(|r| gps_point(r).is_none()))
    });
    // The photo whose "Hapus foto" was tapped once.
    let armed = RwSignal::new(None::<String>);
    let officer = move || profile.officer();

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.item(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        let names: Vec<String> = files.iter().map(web_sys::File::name).collect();
        let total = files.len();
        problems.set(Vec::new());
        busy.set(Some((0, total)));
        leptos::task::spawn_local(async move {
            let shrunk = shrink_all(files, |done| busy.set(Some((done, total)))).await;
            let mut kept = Vec::new();
            let mut said = Vec::new();
            for (result, name) in shrunk.into_iter().zip(names) {
                match result {
                    Ok(photo) => kept.push(photo),
                    Err(Unshrunk::NotAnImage) => {
                        // iPhones keep photos as HEIC, which Chromium cannot decode.
                        let lower = name.to_lowercase();
                        let heic = lower.ends_with(".heic") || lower.ends_with(".heif");
                        let msg = if heic {
                            Msg::PhotosHeic
                        } else {
                            Msg::PhotosNotImage
                        };
                        said.push(fill(i18n.t(msg), &[("name", &name)]))
                    }
                    Err(Unshrunk::Failed(why)) => said.push(fill(
                        i18n.t(Msg::PhotosFailed),
                        &[("name", &name), ("why", &why)],
                    )),
                }
            }
            if let (false, Some(current)) = (kept.is_empty(), record.get_untracked()) {
                let jenis = jenis.get_untracked();
                let place = if use_place.get_untracked() {
                    kept.iter().find_map(|p| p.place)
                } else {
                    None
                };
                if let Err(e) = records
                    .add_photos(&current, &officer(), &jenis, &kept, place)
                    .await
                {
                    said.push(
                        i18n.t(match e {
                            StoreError::Quota => Msg::PhotosQuota,
                            e => e.message(),
                        })
                        .to_string(),
                    );
                }
            }
            busy.set(None);
            problems.set(said);
        });
    };

    let item = move |(hash, photo): (String, PhotoRef)| {
        let label = label_of(kind, &photo.jenis);
        let asked = hash.clone();
        // Two taps: the first asks, the second removes (the photo leaves the device with it).
        let remove = {
            let hash = hash.clone();
            move |_| {
                if armed.with_untracked(|a| a.as_ref() != Some(&hash)) {
                    armed.set(Some(hash.clone()));
                    return;
                }
                armed.set(None);
                let hash = hash.clone();
                leptos::task::spawn_local(async move {
                    let Some(current) = record.get_untracked() else {
                        return;
                    };
                    if let Err(e) = records.remove_photo(&current, &officer(), &hash).await {
                        problems.set(vec![i18n.t(e.message()).to_string()]);
                    }
                });
            }
        };
        let open = {
            let hash = hash.clone();
            move |_| {
                let hash = hash.clone();
                leptos::task::spawn_local(async move {
                    if let Some(url) = records
                        .photo_bytes(&hash, false)
                        .await
                        .and_then(|b| object_url(&b))
                    {
                        full.set(Some((url, label)));
                    }
                });
            }
        };
        view! {
            <li class="photos__item" data-testid="photo" data-hash=hash.clone()>
                <button type="button" class="photos__open" on:click=open
                    aria-label=move || fill(i18n.t(Msg::PhotosOpen), &[("kind", &i18n.t(label))])>
                    <PhotoImage hash=hash.clone() class="photos__thumb"/>
                </button>
                <span class="photos__kind">{tr(label)}</span>
                <button type="button" class="button button--small no-print" data-testid="photo-delete" on:click=remove>
                    {move || tr(if armed.with(|a| a.as_ref() == Some(&asked)) { Msg::PhotosDeleteSure } else { Msg::PhotosDelete })}
                </button>
            </li>
        }
    };
    let close = move |()| {
        if let Some((url, _)) = full.get_untracked() {
            revoke(&url);
        }
        full.set(None);
    };

    view! {
        <section class="card photos" data-testid="photos">
            <h2>{tr(Msg::FieldFoto)}</h2>
            <Show when=move || photos.with(Vec::is_empty)>
                <p class="hint">{tr(Msg::PhotosNone)}</p>
            </Show>
            <ul class="photos__grid">
                <For each=move || photos.get() key=|(hash, photo)| (hash.clone(), photo.jenis.clone()) children=item/>
            </ul>
            // A record's page printed shows its photos, not the controls to change them.
            <div class="photos__add no-print">
                <label class="field">
                    <span class="field__label">{tr(Msg::PhotosKindLabel)}</span>
                    <select data-testid="photo-kind" on:change=move |ev| jenis.set(event_target_value(&ev))>
                        {kinds.iter().map(|(key, label)| view! { <option value=*key>{tr(*label)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="button button--primary photos__pick">
                    {tr(Msg::PhotosAdd)}
                    <input type="file" accept="image/*" multiple class="visually-hidden" data-testid="photo-input"
                        prop:disabled=move || busy.get().is_some() on:change=on_pick/>
                </label>
            </div>
            <Show when=move || place_offered.get()>
                <label class="choice__option no-print">
                    <input type="checkbox" data-testid="photo-place" prop:checked=move || use_place.get()
                        on:change=move |ev| use_place.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::PhotosUsePlace)}</span>
                </label>
            </Show>
            <p class="hint no-print">{tr(Msg::PhotosHint)}</p>
            {move || busy.get().map(|(done, total)| view! {
                <p role="status" data-testid="photo-busy">
                    {fill(i18n.t(Msg::PhotosShrinking), &[("done", &(done + 1).min(total).to_string()), ("total", &total.to_string())])}
                </p>
            })}
            {move || (!problems.with(Vec::is_empty)).then(|| view! {
                <div class="card card--warning" role="alert" data-testid="photo-problems">
                    {problems.get().into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
            })}
            {move || full.get().map(|(url, label)| {
                // Focus on "Tutup" once shown, and Escape closes, as a dialog does.
                let button = NodeRef::<leptos::html::Button>::new();
                Effect::new(move |_| if let Some(b) = button.get() { let _ = b.focus(); });
                view! {
                    <div class="photos__full" role="dialog" aria-modal="true" data-testid="photo-full"
                        on:keydown=move |ev| if ev.key() == "Escape" { close(()) }>
                        <img src=url alt=move || i18n.t(label)/>
                        <button type="button" class="button" node_ref=button on:click=move |_| close(())>{tr(Msg::PhotosClose)}</button>
                    </div>
                }
            })}
        </section>
    }
    .into_any()
}

/// A stored photo as an image (`class` on it), read from the store when first shown; a word
/// when this device lacks it. A thumbnail's URL is kept for rows drawn anew (`thumb_url`); a
/// photo at full size (`full`: the catalogue's, for print) is let go with the view.
#[component]
pub(super) fn PhotoImage(
    hash: String,
    class: &'static str,
    #[prop(optional)] full: bool,
) -> impl IntoView {
    let records = Records::expect();
    // None: reading; Some(None): not on this device.
    let kept = (!full).then(|| thumb_url(&hash)).flatten();
    let url = RwSignal::new(kept.map(Some));
    if url.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            let read = records.photo_bytes(&hash, !full).await;
            let made = read.and_then(|b| object_url(&b));
            match (&made, full) {
                (Some(made), false) => keep_thumb_url(&hash, made),
                _ => (),
            }
            // The view left before the photo was read: nothing will show it.
            if let (Some(_), true, Some(made)) = (url.try_set(Some(made.clone())), full, made) {
                revoke(&made);
            }
        });
    }
    if full {
        on_cleanup(move || {
            if let Some(Some(Some(made))) = url.try_get_untracked() {
                revoke(&made);
            }
        });
    }
    move || match url.get() {
        None => ().into_any(),
        Some(Some(src)) => view! { <img class=class src=src alt=""/> }.into_any(),
        Some(None) => {
            view! { <span class="photos__missing">{tr(Msg::PhotosMissing)}</span> }.into_any()
        }
    }
}
