//! Impor (issue 16): an office's existing Usaha or Sentra list, from an Excel workbook or a CSV
//! file, into the device. The file is read in the import worker (`web::sheets`); the kind it
//! lists (`impor_kind`), the header and each column's field are guessed (`intake::layout`,
//! `intake::headers`) and shown for the officer to correct; "Periksa" plans every row in slices (`intake::plan::Planner`) and shows the counts,
//! the villages to choose and each refused row with its reason; "Impor" makes the records
//! (`intake::apply`) and saves them in one transaction. Nothing is written before that.

use super::impor_kind::{per_kind, KindChoice, TemplateButtons};
use super::impor_result::{refused_sheet, PlanView};
use super::Page;
use crate::i18n::{fill, Msg};
use crate::intake::apply::Applier;
use crate::intake::headers::{self, fold, SKIP};
use crate::intake::layout::{cell_text, guess_kind, layout, years_in, Layout};
use crate::intake::plan::{Choices, Plan, Planner};
use crate::intake::Table;
use crate::model::Kind;
use crate::names::short_label;
use crate::web::app::ProfileState;
use crate::web::files;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, Records};
use crate::web::settings;
use crate::web::sheets;
use crate::web::slices::{breathe, Deadline};
use crate::web::wilayah::{Scope, Wilayah};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A file read: its name and sheets.
pub(super) struct Loaded {
    pub name: String,
    pub tables: Vec<Table>,
}

/// Rows planned between two looks at the clock.
const ROWS_PER_LOOK: usize = 100;

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Reading,
    Checking(u32),
    Applying,
}

#[component]
pub fn ImporPage() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    let profile = expect_context::<ProfileState>();
    let loaded: RwSignal<Option<Arc<Loaded>>> = RwSignal::new(None);
    let sheet = RwSignal::new(0usize);
    let kind = RwSignal::new(Kind::Usaha);
    let choices = RwSignal::new(Choices::default());
    let remembered = RwSignal::new(false);
    let plan: RwSignal<Option<Arc<Plan>>> = RwSignal::new(None);
    let stage = RwSignal::new(Stage::Idle);
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |_| {
        if let Some(area) = wilayah.home.get() {
            wilayah.ensure(Scope::of_area(area));
        }
    });
    let area_ready = move || wilayah.home.get().is_some_and(|a| wilayah.area_loaded(&a));
    // A new sheet or file: its kind guessed again (the officer may change it).
    Effect::new(move |_| {
        let guessed = loaded.with(|l| {
            let l = l.as_ref()?;
            Some(guess_kind(l.tables.get(sheet.get())?, &l.name))
        });
        if let Some(k) = guessed {
            kind.set(k);
        }
    });
    let layout_of = Memo::new(move |_| {
        loaded.with(|l| {
            let l = l.as_ref()?;
            layout(kind.get(), l.tables.get(sheet.get())?)
        })
    });
    // A new sheet or file starts from the guesses, or from the choices kept for its shape.
    Effect::new(move |_| {
        plan.set(None);
        let Some(l) = layout_of.get() else { return };
        let mut guessed = Choices::guessed(&l);
        // Failing a year in the sheet, the file's name may give one ("IKM Sumenep 2018.xlsx").
        if guessed.year.is_none() {
            let named = loaded
                .with_untracked(|f| f.as_ref().map(|f| years_in(&f.name)).unwrap_or_default());
            if let [year] = named.as_slice() {
                guessed.year = Some(*year);
            }
        }
        let kept = settings::load_import_mapping(&signature(&l)).map(|m| {
            m.iter()
                .map(|t| {
                    t.as_deref()
                        .and_then(|t| headers::targets(l.kind).find(|k| *k == t))
                })
                .collect::<Vec<_>>()
        });
        remembered.set(kept.is_some());
        if let Some(kept) = kept.filter(|k| k.len() == guessed.columns.len()) {
            guessed.columns = kept;
        }
        choices.set(guessed);
    });

    // A file to read: picked here, shared to the app from another one, or opened with it.
    let take = move |name: String, file: web_sys::Blob| {
        message.set(None);
        loaded.set(None);
        stage.set(Stage::Reading);
        leptos::task::spawn_local(async move {
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map(|b| js_sys::Uint8Array::new(&b).to_vec());
            let read = match bytes {
                Ok(bytes) => sheets::read(&name, bytes)
                    .await
                    .map_err(|e| e.text(|m| i18n.t(m))),
                Err(e) => Err(format!("{e:?}")),
            };
            stage.set(Stage::Idle);
            match read {
                Ok(tables) => {
                    // The sheet with the most rows is most likely the list.
                    let biggest = tables
                        .iter()
                        .enumerate()
                        .max_by_key(|(_, t)| t.rows.len())
                        .map_or(0, |(i, _)| i);
                    sheet.set(biggest);
                    loaded.set(Some(Arc::new(Loaded { name, tables })));
                }
                Err(why) => message.set(Some(why)),
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take(file.name(), file.into());
        }
    };
    // Shared from another app: the service worker kept the file and sent the page here with its
    // id (public/sw.js); the id is spent at once, so a reload does not look for it again.
    let query = use_query_map();
    if let Some(id) = query.with_untracked(|q| q.get("terima")) {
        let name = query.with_untracked(|q| q.get("nama")).unwrap_or_default();
        let navigate = use_navigate();
        leptos::task::spawn_local(async move {
            navigate(
                "/impor",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
            match files::take_received(&id).await {
                Ok(Some(file)) => take(name, file),
                _ => message.set(Some(i18n.t(Msg::ImportSharedGone).to_string())),
            }
        });
    }
    // Opened with the installed app (manifest file_handlers).
    files::on_launch(move |got| match got {
        Ok(file) => {
            let name = file
                .dyn_ref::<web_sys::File>()
                .map(web_sys::File::name)
                .unwrap_or_default();
            take(name, file);
        }
        Err(_) => message.set(Some(i18n.t(Msg::ImportUnreadable).to_string())),
    });

    let check = move || {
        let (Some(file), Some(l), Some(area)) = (
            loaded.get_untracked(),
            layout_of.get_untracked(),
            wilayah.home.get_untracked(),
        ) else {
            return;
        };
        if stage.get_untracked() != Stage::Idle {
            return;
        }
        message.set(None);
        plan.set(None);
        stage.set(Stage::Checking(0));
        leptos::task::spawn_local(async move {
            let table = &file.tables[sheet.get_untracked()];
            let now = choices.get_untracked();
            let today = today();
            let mut planner = records
                .all
                .with_untracked(|all| Planner::new(&l, all, &area));
            loop {
                let deadline = Deadline::start();
                let mut done = false;
                while !done && !deadline.passed() {
                    done = records.all.with_untracked(|all| {
                        wilayah.gazetteer.with_untracked(|g| {
                            planner.step(table, &now, all, g, &today, ROWS_PER_LOOK)
                        })
                    });
                }
                stage.set(Stage::Checking(planner.progress(table)));
                if done {
                    break;
                }
                breathe().await;
            }
            plan.set(Some(Arc::new(planner.finish())));
            stage.set(Stage::Idle);
        });
    };

    let run_import = move || {
        let (Some(p), Some(l)) = (plan.get_untracked(), layout_of.get_untracked()) else {
            return;
        };
        stage.set(Stage::Applying);
        leptos::task::spawn_local(async move {
            let counts = p.counts();
            let officer = profile.officer();
            let today = today();
            let mut applier = Applier::default();
            loop {
                let deadline = Deadline::start();
                let mut done = false;
                while !done && !deadline.passed() {
                    done = records.all.with_untracked(|all| {
                        records.edit(&officer, |e| {
                            applier.step(&p, all, e, &today, ROWS_PER_LOOK)
                        })
                    });
                }
                if done {
                    break;
                }
                breathe().await;
            }
            let made: Vec<_> = applier.finish().into_values().collect();
            let saved = if made.is_empty() {
                Ok(())
            } else {
                records.save_many(made).await
            };
            stage.set(Stage::Idle);
            message.set(Some(match saved {
                Ok(()) if counts.create + counts.update == 0 => {
                    i18n.t(Msg::IntakeNothing).to_string()
                }
                Ok(()) => {
                    let done = per_kind(l.kind, Msg::IntakeDone, Msg::IntakeDoneSentra);
                    let columns = choices
                        .get_untracked()
                        .columns
                        .iter()
                        .map(|c| c.map(str::to_string))
                        .collect();
                    settings::save_import_mapping(&signature(&l), columns);
                    fill(
                        i18n.t(done),
                        &[
                            ("new", &i18n.n(counts.create)),
                            ("updated", &i18n.n(counts.update)),
                            ("unchanged", &i18n.n(counts.unchanged)),
                        ],
                    )
                }
                Err(e) => fill(
                    i18n.t(Msg::IntakeFailed),
                    &[("reason", i18n.t(e.message()))],
                ),
            }));
            plan.set(None);
        });
    };

    let download_refused = move || {
        let (Some(p), Some(file), Some(l)) = (
            plan.get_untracked(),
            loaded.get_untracked(),
            layout_of.get_untracked(),
        ) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let sheet_now = refused_sheet(&p, &file.tables[sheet.get_untracked()], &l, i18n.lang());
            let result = match crate::web::workbook::write(&[sheet_now]).await {
                Ok(bytes) => {
                    let name = format!(
                        "{}-ditolak.xlsx",
                        file.name
                            .rsplit_once('.')
                            .map_or(file.name.as_str(), |(n, _)| n)
                    );
                    files::offer_xlsx(&name, &bytes)
                        .await
                        .map(|_| name)
                        .map_err(|e| format!("{e:?}"))
                }
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                message.set(Some(e));
            }
        });
    };

    view! {
        <Page title=Msg::IntakeTitle intro=Msg::IntakeIntro>
        <section class="card" data-testid="intake">
            <Show when=move || wilayah.home.get().is_some() fallback=move || view! {
                <p class="card card--warning">{tr(Msg::IntakeNoArea)}</p>
            }>
                <label class="field">
                    <span class="field__label">{tr(Msg::IntakeChoose)}</span>
                    <input type="file" data-testid="intake-file"
                        accept=".xlsx,.xls,.ods,.csv,.tsv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
                        disabled=move || stage.get() != Stage::Idle on:change=on_pick/>
                </label>
                <Show when=move || !area_ready()>
                    <p class="hint">{tr(Msg::IntakeAreaLoading)}</p>
                </Show>
                <TemplateButtons message=message/>
            </Show>
            {move || match stage.get() {
                Stage::Reading => Some(view! { <p role="status" data-testid="intake-reading">{tr(Msg::IntakeReading)}</p> }.into_any()),
                Stage::Checking(p) => Some(view! {
                    <div class="progress" role="status" data-testid="intake-progress">
                        <progress max="100" value=p></progress>
                        <span>{fill(i18n.t(Msg::IntakeChecking), &[("percent", &p.to_string())])}</span>
                    </div>
                }.into_any()),
                Stage::Applying => Some(view! {
                    <div class="progress" role="status" data-testid="intake-progress"><progress max="100"></progress><span>{tr(Msg::IntakeApplying)}</span></div>
                }.into_any()),
                Stage::Idle => None,
            }}
            {move || message.get().map(|m| view! { <p role="alert" class="card" data-testid="intake-message">{m}</p> })}
        </section>
        {move || loaded.get().map(|file| view! {
            <section class="card" data-testid="intake-columns">
                <h2>{tr(Msg::IntakeColumns)}</h2>
                <Show when=move || { file.tables.len() > 1 }>
                    <label class="field">
                        <span class="field__label">{tr(Msg::IntakeSheet)}</span>
                        <select data-testid="intake-sheet" on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse() { sheet.set(i) }
                        }>
                            {loaded.get().map(|f| f.tables.iter().enumerate().map(|(i, t)| view! {
                                <option value=i.to_string() selected=move || sheet.get() == i>{t.name.clone()}</option>
                            }).collect_view())}
                        </select>
                    </label>
                </Show>
                <KindChoice kind=kind on_change=Callback::new(move |_| plan.set(None))/>
                {move || match layout_of.get() {
                    None => view! { <p class="card card--warning" data-testid="intake-no-header">{tr(Msg::IntakeNoHeader)}</p> }.into_any(),
                    Some(l) => view! { <Columns layout=l loaded=loaded sheet=sheet choices=choices remembered=remembered plan=plan/> }.into_any(),
                }}
                <div class="form__actions">
                    <button type="button" class="button button--primary" data-testid="intake-check"
                        disabled=move || stage.get() != Stage::Idle || layout_of.get().is_none() || !area_ready()
                        on:click=move |_| check()>{tr(Msg::IntakeCheck)}</button>
                </div>
            </section>
        })}
        {move || plan.get().map(|p| view! {
            <PlanView plan=p kind=kind.get_untracked() choices=choices busy=Signal::derive(move || stage.get() != Stage::Idle)
                on_recheck=Callback::new(move |_| check())
                on_apply=Callback::new(move |_| run_import())
                on_download=Callback::new(move |_| download_refused())/>
        })}
        </Page>
    }
}

/// The shape of a sheet's header, for keeping the officer's column choices: its folded headers,
/// and the kind it is read as (an Usaha list keeps the signature it had before Sentra lists
/// came in, so mappings kept then still apply).
fn signature(l: &Layout) -> String {
    let headers = l
        .headers
        .iter()
        .map(|h| fold(h))
        .collect::<Vec<_>>()
        .join("|");
    match l.kind {
        Kind::Usaha => headers,
        other => format!("{}:{headers}", other.key()),
    }
}

/// Each column: its header, an example from the rows, and the field it goes to.
#[component]
fn Columns(
    layout: Layout,
    loaded: RwSignal<Option<Arc<Loaded>>>,
    sheet: RwSignal<usize>,
    choices: RwSignal<Choices>,
    remembered: RwSignal<bool>,
    plan: RwSignal<Option<Arc<Plan>>>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let examples: Vec<String> = loaded.with_untracked(|l| {
        let rows = l
            .as_ref()
            .and_then(|l| l.tables.get(sheet.get_untracked()))
            .map_or(&[][..], |t| &t.rows[..]);
        (0..layout.headers.len())
            .map(|c| {
                rows.iter()
                    .skip(layout.first_row)
                    .take(50)
                    .map(|r| r.get(c).map(cell_text).unwrap_or_default())
                    .find(|t| !t.is_empty())
                    .unwrap_or_default()
            })
            .collect()
    });
    let header_row = (layout.header_rows.start + 1).to_string();
    let first = (layout.first_row + 1).to_string();
    let year = move || choices.with(|c| c.year.map(|y| y.to_string()).unwrap_or_default());
    let kind = layout.kind;
    view! {
        <p data-testid="intake-layout">{fill(i18n.t(Msg::IntakeLayout), &[("header", &header_row), ("first", &first)])}</p>
        <Show when=move || remembered.get()>
            <p class="hint" data-testid="intake-remembered">{tr(Msg::IntakeSavedMapping)}</p>
        </Show>
        // The list's year is an Usaha's (tahun data); a Sentra keeps none.
        <Show when=move || kind == Kind::Usaha>
        <label class="field">
            <span class="field__label">{tr(Msg::IntakeYear)}</span>
            <input type="number" inputmode="numeric" min="2000" max="2100" data-testid="intake-year" prop:value=year
                on:change=move |ev| {
                    let y = event_target_value(&ev).trim().parse().ok();
                    choices.update(|c| c.year = y);
                    plan.set(None);
                }/>
            <span class="hint">{tr(Msg::IntakeYearHint)}</span>
        </label>
        </Show>
        // One field per column, the file's header as its label: a list reads on a phone where a
        // table of three columns would scroll sideways.
        <ul class="plain spaced" data-testid="intake-mapping">
            {layout.headers.iter().zip(examples).enumerate().map(|(c, (header, example))| {
                let chosen = move || choices.with(|ch| ch.columns.get(c).copied().flatten());
                let id = format!("intake-column-{c}");
                let shown_header = if header.is_empty() { fill(i18n.t(Msg::IntakeColumnNumber), &[("n", &(c + 1).to_string())]) } else { header.clone() };
                view! {
                    <li class="field">
                        <label class="field__label" for=id.clone()>{shown_header}</label>
                        {(!example.is_empty()).then(|| view! {
                            <span class="hint">{fill(i18n.t(Msg::IntakeColumnExample), &[("example", &example)])}</span>
                        })}
                        <select id=id.clone() data-testid=id on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let target = headers::targets(kind).find(|t| *t == value);
                            // A field goes to one column, the one chosen last; a count may take
                            // several, added (workers as men and women).
                            let repeats = target.is_none_or(|t| t == SKIP || headers::summed(kind, t));
                            choices.update(|ch| {
                                for other in ch.columns.iter_mut() {
                                    if !repeats && *other == target { *other = None; }
                                }
                                if let Some(slot) = ch.columns.get_mut(c) { *slot = target; }
                            });
                            plan.set(None);
                        }>
                            <option value="" selected=move || chosen().is_none() || chosen() == Some(SKIP)>{tr(Msg::IntakeSkip)}</option>
                            {headers::targets(kind).filter(|t| *t != SKIP).map(|t| view! {
                                <option value=t selected=move || chosen() == Some(t)>{tr(short_label(headers::label(kind, t)))}</option>
                            }).collect_view()}
                        </select>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
