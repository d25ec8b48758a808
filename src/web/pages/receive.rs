//! Receiving a file on Bagikan: chosen, dropped, or sent to Sentra from another app; read,
//! checked and planned in slices with a progress bar; previewed (who sent it, from which area,
//! what it would change) until the officer applies or cancels it; the import log.

use crate::bundle::{self, Bundle};
use crate::i18n::{fill, Msg};
use crate::model::merge::Conflict;
use crate::sharing::{ImportEntry, Plan, Planner};
use crate::web::files;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{local_time, tomorrow, LoadState, Records};
use crate::web::slices::{self, Deadline};
use crate::web::wilayah::Wilayah;
use crate::wilayah::within;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// A file read and checked, waiting for the officer to apply or cancel it.
#[derive(Clone)]
struct Pending {
    bundle: Bundle,
    plan: Plan,
    /// When this file was received before, if it was.
    seen: Option<u64>,
}

/// Work on a received file that takes long enough for a progress bar.
#[derive(Clone, Copy, PartialEq)]
enum Busy {
    /// Reading, checking and planning it: percent done.
    Checking(u32),
    /// Applying it (one transaction).
    Applying,
}

#[derive(Clone, PartialEq)]
enum Received {
    None,
    Refused(String),
    Applied,
    /// Applied before, and nothing in it is new: nothing was written.
    Repeat,
    Cancelled,
    Failed(Msg),
}

/// Receive a file: choose it (or drop it, or send it to Sentra from another app), see what it
/// would do, apply or cancel.
#[component]
pub fn ImportSection() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    // A file is planned against the records in memory: only once they are loaded.
    let ready = Memo::new(move |_| records.state.with(|s| *s == LoadState::Ready));
    let pending = RwSignal::new(None::<Pending>);
    let result = RwSignal::new(Received::None);
    let log = RwSignal::new(Vec::<ImportEntry>::new());
    let refresh_log = move || {
        leptos::task::spawn_local(async move {
            if let Ok(entries) = records.import_log().await {
                log.set(entries);
            }
        });
    };
    refresh_log();

    // A preview put aside (cancelled, or another file chosen): its records are freed in slices,
    // as freeing 50,000 at once holds the page for about 90 ms.
    let put_aside = move || {
        if let Some(p) = pending.try_update(Option::take).flatten() {
            leptos::task::spawn_local(slices::drop_in_slices(p.bundle.records));
        }
    };
    // What the section is busy with, shown as a progress bar (`None`: nothing).
    let busy = RwSignal::new(None::<Busy>);
    // Each file chosen gets a number; the work for an earlier choice stops at its next slice.
    let generation = StoredValue::new(0u32);
    // Every way a file arrives ends here: the same reading, checking and preview; nothing is
    // applied before the officer taps "Gabungkan".
    let take = move |file: web_sys::Blob| {
        put_aside();
        result.set(Received::None);
        busy.set(Some(Busy::Checking(0)));
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let current = move || generation.try_get_value() == Some(mine);
        leptos::task::spawn_local(async move {
            let Some(outcome) = receive(file, records, busy, current).await else {
                return; // a newer file took over
            };
            busy.set(None);
            match outcome {
                Err(refused) => result.set(Received::Refused(refused.text(i18n.lang()))),
                Ok((bundle, plan)) => {
                    let seen = log.with_untracked(|l| {
                        l.iter()
                            .find(|e| e.checksum == bundle.checksum)
                            .map(|e| e.received_ms)
                    });
                    pending.set(Some(Pending { bundle, plan, seen }));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take(file.into());
        }
        input.set_value(""); // the same file can be chosen again
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take(file.into());
        }
    };

    // Files from other apps: shared to the installed app (the service worker kept the file and
    // sent the page to /bagikan?terima=<id>) or opened with it (launchQueue). They wait here
    // until the records are loaded, then take the same path as a chosen file.
    let arrived = RwSignal::new_local(None::<Result<web_sys::Blob, Msg>>);
    Effect::new(move || {
        arrived.track();
        if !ready.get() {
            return;
        }
        match arrived.try_update_untracked(Option::take).flatten() {
            Some(Ok(file)) => take(file),
            Some(Err(msg)) => result.set(Received::Refused(i18n.t(msg).to_string())),
            None => {}
        }
    });
    if let Some(id) = use_query_map().with_untracked(|q| q.get("terima")) {
        let navigate = use_navigate();
        leptos::task::spawn_local(async move {
            let got = match files::take_received(&id).await {
                Ok(Some(file)) => Ok(file),
                Ok(None) => Err(Msg::ImportSharedGone),
                Err(_) => Err(Msg::ImportUnreadable),
            };
            // The id is spent: a reload must not look for the file again.
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate("/bagikan", replace);
            arrived.try_set(Some(got));
        });
    }
    files::on_launch(move |got| {
        arrived.try_set(Some(got.map_err(|_| Msg::ImportUnreadable)));
    });
    let apply = move |_| {
        // Moved out, not copied: a large file holds tens of thousands of records.
        let Some(p) = pending.try_update(Option::take).flatten() else {
            return;
        };
        busy.set(Some(Busy::Applying));
        let entry = ImportEntry {
            checksum: p.bundle.checksum.clone(),
            received_ms: js_sys::Date::now() as u64,
            created: p.bundle.created.clone(),
            created_ms: p.bundle.header.created_ms,
            device: p.bundle.header.device.clone(),
            officer: p.bundle.header.officer.clone(),
            kabupaten: p.bundle.header.kabupaten.clone(),
            counts: p.plan.counts.clone(),
        };
        leptos::task::spawn_local(async move {
            // The photos first (a full disk keeps neither them nor the records), then the
            // received records themselves: the store merges them and finds conflicts against
            // what is stored at that moment, not against the preview.
            let photos = p.bundle.photos.photos;
            let done = match records.keep_received_photos(photos).await {
                Ok(()) => records.import(p.bundle.records, entry).await,
                Err(e) => Err(e),
            };
            busy.set(None);
            match done {
                Ok(true) => {
                    result.set(Received::Applied);
                    refresh_log();
                }
                Ok(false) => result.set(Received::Repeat),
                Err(e) => result.set(Received::Failed(e.message())),
            }
        });
    };
    let cancel = move |_| {
        put_aside();
        result.set(Received::Cancelled);
    };

    view! {
        <Show when=move || ready.get()>
        <section class="card" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop
            data-testid="import">
            <h2>{tr(Msg::ImportHeading)}</h2>
            <label class="field">
                <span class="field__label">{tr(Msg::ImportChoose)}</span>
                <input type="file" accept=".json,.gz,application/json,application/gzip" data-testid="import-file" on:change=on_pick
                    disabled=move || busy.get() == Some(Busy::Applying)/>
            </label>
            <p class="hint">{tr(Msg::ImportFromApps)}</p>
            <p role="alert" class="field__error" data-testid="import-result">
                {move || match result.get() {
                    Received::None => String::new(),
                    Received::Refused(message) => message,
                    Received::Applied => i18n.t(Msg::ImportApplied).to_string(),
                    Received::Repeat => i18n.t(Msg::ImportRepeat).to_string(),
                    Received::Cancelled => i18n.t(Msg::ImportCancelled).to_string(),
                    Received::Failed(msg) => i18n.t(msg).to_string(),
                }}
            </p>
            <Show when=move || busy.get().is_some()>
                // Checking counts in percent; applying is one transaction with no steps to count,
                // so its bar has no value (the browser shows it as under way).
                <div class="progress" data-testid="import-progress">
                    <label for="import-progress">
                        {move || match busy.get() {
                            Some(Busy::Checking(percent)) => fill(i18n.t(Msg::ImportChecking), &[("percent", &percent.to_string())]),
                            _ => i18n.t(Msg::ImportApplying).to_string(),
                        }}
                    </label>
                    <progress id="import-progress" max="100" value=move || match busy.get() {
                        Some(Busy::Checking(percent)) => Some(percent),
                        _ => None,
                    }></progress>
                </div>
            </Show>
            {move || pending.with(|p| p.as_ref().map(|p| (p.bundle.header.clone(), p.plan.counts.clone(), p.seen))).map(|(header, rows, seen)| {
                let from = fill(i18n.t(Msg::ImportFrom), &[("officer", &header.officer), ("created", &local_time(header.created_ms, i18n.lang()))]);
                view! {
                    <div data-testid="import-preview">
                        <p>{from}</p>
                        <ImportOrigin area=header.kabupaten.clone()/>
                        {seen.map(|when| view! {
                            <p class="card card--warning" data-testid="import-seen">{fill(i18n.t(Msg::ImportAlready), &[("when", &local_time(when, i18n.lang()))])}</p>
                        })}
                        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t(Msg::ImportHeading)>
                        <table class="counts">
                            <thead><tr>
                                <th>{tr(Msg::ColumnKind)}</th><th>{tr(Msg::CountNew)}</th><th>{tr(Msg::CountUpdated)}</th>
                                <th>{tr(Msg::CountUnchanged)}</th><th>{tr(Msg::CountConflicting)}</th><th>{tr(Msg::CountDeleted)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(kind, c)| view! {
                                    <tr data-testid=format!("import-row-{}", kind.key())>
                                        <th>{tr(kind.label())}</th><td>{i18n.n(c.new)}</td><td>{i18n.n(c.updated)}</td>
                                        <td>{i18n.n(c.unchanged)}</td><td>{i18n.n(c.conflicting)}</td><td>{i18n.n(c.deleted)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        <div class="form__actions">
                            <button class="button button--primary" data-testid="import-apply" on:click=apply>{tr(Msg::ImportApply)}</button>
                            <button class="button" data-testid="import-cancel" on:click=cancel>{tr(Msg::ActionCancel)}</button>
                        </div>
                    </div>
                }
            })}
            <Show when=move || !log.with(Vec::is_empty)>
                <h3>{tr(Msg::ImportLogHeading)}</h3>
                <ul data-testid="import-log">
                    {move || log.get().into_iter().rev().map(|e| view! {
                        <li>{fill(i18n.t(Msg::ImportLogEntry), &[("when", &local_time(e.received_ms, i18n.lang())), ("officer", &e.officer), ("created", &local_time(e.created_ms, i18n.lang()))])}</li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
        </Show>
    }
}

/// Which area a received file comes from (the sender's working area, from its header), and a
/// warning when that is not within the officer's own: its records would mix with theirs.
#[component]
fn ImportOrigin(area: Option<String>) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    wilayah.ensure_index();
    let label = move |code: &str| wilayah.area_label(i18n.lang(), code);
    let shown = {
        let area = area.clone();
        move || match &area {
            Some(code) => fill(i18n.t(Msg::ImportArea), &[("area", &label(code))]),
            None => i18n.t(Msg::ImportAreaNone).to_string(),
        }
    };
    let foreign = move || {
        let (area, home) = (area.as_deref()?, wilayah.home.get()?);
        (!within(area, &home)).then(|| {
            fill(
                i18n.t(Msg::ImportForeign),
                &[("area", &label(area)), ("home", &label(&home))],
            )
        })
    };
    view! {
        <p data-testid="import-area">{shown}</p>
        {move || foreign().map(|text| view! {
            <p class="card card--warning" role="alert" data-testid="import-foreign">{text}</p>
        })}
    }
}

/// Why a received file is not previewed: the reader's reason, or the device could not read it.
enum Refusal {
    Bundle(bundle::BundleError),
    Unreadable,
}

impl Refusal {
    fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Refusal::Bundle(e) => e.message(lang),
            Refusal::Unreadable => Msg::ImportUnreadable.text(lang).to_string(),
        }
    }
}

/// Reads, checks and plans a received file in slices (a 40 MB file is seconds of work), letting
/// the browser breathe between them and reporting progress: copying the file 0–5 %, reading and
/// checking it 5–90 %, planning it against the records in memory 90–100 %. `None` as soon as
/// `current()` says a newer file took over.
async fn receive(
    file: web_sys::Blob,
    records: Records,
    busy: RwSignal<Option<Busy>>,
    current: impl Fn() -> bool,
) -> Option<Result<(Bundle, Plan), Refusal>> {
    let show = |fraction: f64| busy.set(Some(Busy::Checking((fraction * 100.0).floor() as u32)));
    if file.size() > bundle::MAX_BYTES as f64 {
        return Some(Err(Refusal::Bundle(bundle::BundleError::TooLarge)));
    }
    let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
    if !current() {
        return None;
    }
    let Ok(buffer) = read else {
        return Some(Err(Refusal::Unreadable));
    };
    let array = js_sys::Uint8Array::new(&buffer);
    let len = array.length() as usize;
    let mut bytes = vec![0u8; len];
    const COPY: usize = 4 << 20;
    for start in (0..len).step_by(COPY) {
        let end = (start + COPY).min(len);
        array
            .subarray(start as u32, end as u32)
            .copy_to(&mut bytes[start..end]);
        show(0.05 * end as f64 / len as f64);
        slices::breathe().await;
        if !current() {
            return None;
        }
    }
    drop((array, buffer));

    // A gzipped bundle is unpacked first (5–25 %).
    let mut checked_from = 0.05;
    if bundle::is_gzip(&bytes) {
        // By the browser's own stream, off the page's thread (`web::deflate`).
        let unpacked = crate::web::deflate::gunzip(&bytes).await;
        if !current() {
            return None;
        }
        bytes = match unpacked {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(Refusal::Bundle(e))),
        };
        checked_from = 0.25;
    }

    let mut reader = bundle::Reader::new(bytes, tomorrow());
    let bundle = loop {
        let deadline = Deadline::start();
        if let Some(answer) = reader.step(&mut || deadline.passed()) {
            break answer;
        }
        show(checked_from + (0.9 - checked_from) * reader.progress());
        slices::breathe().await;
        if !current() {
            return None;
        }
    };
    drop(reader);
    let bundle = match bundle {
        Ok(bundle) => bundle,
        Err(e) => return Some(Err(Refusal::Bundle(e))),
    };

    // Planned against the records as they are at each slice; the store merges against what is
    // stored when the file is applied, so a change meanwhile still counts.
    // Conflicts the inbox already holds are nothing new (the same file received again).
    let known: Vec<String> = records
        .conflicts
        .with_untracked(|inbox| inbox.iter().map(Conflict::key).collect());
    let mut planner = Planner::counts_only().knowing(known);
    let mut next = 0;
    let total = bundle.records.len();
    while next < total {
        let deadline = Deadline::start();
        records.all.with_untracked(|all| {
            while next < total && !deadline.passed() {
                planner.add(all, &bundle.records[next]);
                next += 1;
            }
        });
        show(0.9 + 0.1 * next as f64 / total as f64);
        slices::breathe().await;
        if !current() {
            return None;
        }
    }
    Some(Ok((bundle, planner.finish())))
}
