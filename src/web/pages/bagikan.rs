//! Bagikan: send records to colleagues or the office as a file, and receive theirs: a received
//! file (chosen, dropped, shared from another app or opened with the installed app) is read and
//! checked, previewed per kind, and applied in one transaction or cancelled; the import log and
//! the conflict inbox. Bundles over 1 MB leave gzipped, and gzipped ones are read.

use super::records::href_of;
use super::{EmptyState, Names, Page};
use crate::bundle::{self, Bundle, Header, Scope};
use crate::i18n::{fill, Lang, Msg};
use crate::model::merge::Conflict;
use crate::model::schema::Ty;
use crate::model::{field_label, kinds, link_element};
use crate::sharing::{export_mark, file_name, ImportEntry, Plan, Planner};
use crate::web::app::ProfileState;
use crate::web::files::{self, offer, offer_bytes, Offered};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{local_time, today, tomorrow, LoadState, Records};
use crate::web::slices::{self, Deadline};
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

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
            // Outside the part that follows the records: applying a file changes them, and the
            // section (with its outcome) must stay.
            <ImportSection/>
            <ConflictInbox/>
        </Page>
    }
}

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
fn ImportSection() -> impl IntoView {
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
            // The received records themselves: the store merges them and finds conflicts against
            // what is stored at that moment, not against the preview.
            let done = records.import(p.bundle.records, entry).await;
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
                let from = fill(i18n.t(Msg::ImportFrom), &[("officer", &header.officer), ("created", &local_time(header.created_ms))]);
                view! {
                    <div data-testid="import-preview">
                        <p>{from}</p>
                        {seen.map(|when| view! {
                            <p class="card card--warning" data-testid="import-seen">{fill(i18n.t(Msg::ImportAlready), &[("when", &local_time(when))])}</p>
                        })}
                        <table class="counts">
                            <thead><tr>
                                <th>{tr(Msg::ColumnKind)}</th><th>{tr(Msg::CountNew)}</th><th>{tr(Msg::CountUpdated)}</th>
                                <th>{tr(Msg::CountUnchanged)}</th><th>{tr(Msg::CountConflicting)}</th><th>{tr(Msg::CountDeleted)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(kind, c)| view! {
                                    <tr data-testid=format!("import-row-{}", kind.key())>
                                        <th>{tr(kind.label())}</th><td>{c.new}</td><td>{c.updated}</td>
                                        <td>{c.unchanged}</td><td>{c.conflicting}</td><td>{c.deleted}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
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
                        <li>{fill(i18n.t(Msg::ImportLogEntry), &[("when", &local_time(e.received_ms)), ("officer", &e.officer), ("created", &local_time(e.created_ms))])}</li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
        </Show>
    }
}

/// The conflict inbox: for each field two officers changed without knowing of each other, both
/// values with who and when; the officer picks one, and the pick is an edit that travels.
#[component]
fn ConflictInbox() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let profile = expect_context::<ProfileState>();
    let names = Names::expect();
    let pick = move |c: Conflict, take_lost: bool| {
        let officer = profile.officer();
        leptos::task::spawn_local(async move {
            let _ = records.settle(c, take_lost, &officer).await;
        });
    };
    let version = move |c: &Conflict, lost: bool| {
        // The side in use is the field as it is now: it may have been edited since the import.
        let now = (!lost)
            .then(|| {
                records.all.with(|all| {
                    all.get(&c.record)
                        .and_then(|r| r.fields.get(&c.field))
                        .cloned()
                })
            })
            .flatten();
        let f = now.as_ref().unwrap_or(if lost { &c.lost } else { &c.kept });
        let shown = names.with(
            |n| match kinds::schema(c.kind).and_then(|s| s.field(&c.field)) {
                Some(spec) => n.shown(spec, &f.value, false),
                None => match &f.value {
                    serde_json::Value::Bool(b) => i18n
                        .t(if *b { Msg::ChoiceYa } else { Msg::ChoiceTidak })
                        .to_string(),
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                },
            },
        );
        let by = fill(
            i18n.t(Msg::InboxBy),
            &[("by", &f.by), ("when", &local_time(f.stamp.wall))],
        );
        (shown, by)
    };
    view! {
        <Show when=move || !records.conflicts.with(Vec::is_empty)>
            <section class="card card--warning" data-testid="inbox">
                <h2>{move || fill(i18n.t(Msg::InboxHeading), &[("count", &records.conflicts.with(Vec::len).to_string())])}</h2>
                <p class="hint">{tr(Msg::InboxExplain)}</p>
                <ul class="inbox">
                    {move || records.conflicts.get().into_iter().map(|c| {
                        let title = names.with(|n| {
                            n.all.get(&c.record).map_or_else(|| c.record.clone(), |r| n.title(r))
                        });
                        let field = field_label(c.kind, &c.field);
                        // A member's field (`anggota/<id>`): which member, by name.
                        let member = link_element(c.kind, &c.field).and_then(|(links, id)| {
                            match kinds::schema(c.kind)?.field(links)?.ty {
                                Ty::Links(kind) => Some(names.with(|n| format!(": {}", n.linked_title(kind, id)))),
                                _ => None,
                            }
                        });
                        let (kept, kept_by) = version(&c, false);
                        let (lost, lost_by) = version(&c, true);
                        let (c1, c2) = (c.clone(), c.clone());
                        view! {
                            <li class="inbox__item" data-testid="conflict">
                                <p><A href=href_of(c.kind, &c.record)><strong>{title}</strong></A>
                                    " · " {move || field.map_or_else(|| c.field.clone(), |m| i18n.t(m).to_string())} {member}</p>
                                <div class="inbox__choices">
                                    <div data-testid="conflict-kept">
                                        <p class="hint">{tr(Msg::InboxKept)}</p>
                                        <p><strong>{kept}</strong></p>
                                        <p class="hint">{kept_by}</p>
                                        <button class="button button--small" on:click=move |_| pick(c1.clone(), false)>{tr(Msg::InboxPick)}</button>
                                    </div>
                                    <div data-testid="conflict-lost">
                                        <p class="hint">{tr(Msg::InboxLost)}</p>
                                        <p><strong>{lost}</strong></p>
                                        <p class="hint">{lost_by}</p>
                                        <button class="button button--small" data-testid="pick-lost" on:click=move |_| pick(c2.clone(), true)>{tr(Msg::InboxPick)}</button>
                                    </div>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
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
        let mut gunzip = bundle::Gunzip::new(bytes);
        let unpacked = slices::until_done(
            || gunzip.step().ok_or_else(|| gunzip.progress()),
            |far| show(0.05 + 0.2 * far),
        )
        .await;
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
