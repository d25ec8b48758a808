//! The import's check (issue 16): the counts, the villages to choose, the rows that are one
//! business, the refused rows with their reasons (and as a workbook to fix and import again),
//! and the button that imports.

use super::impor_kind::per_kind;
use crate::i18n::{fill, Lang, Msg};
use crate::intake::headers;
use crate::intake::layout::Layout;
use crate::intake::plan::{Choices, Outcome, Plan, Problem};
use crate::intake::{values, Cell, Table};
use crate::model::Kind;
use crate::names::short_label;
use crate::report::export::{Cell as Out, Sheet};
use crate::web::i18n::{tr, I18n};
use crate::web::records::Records;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Rows listed on the page per list; the rest are counted (and all are in the workbook).
const SHOWN: usize = 50;

/// A refusal's reason in words: "Modal usaha: Bukan angka rupiah…".
fn reason(kind: Kind, p: &Problem, lang: Lang) -> (String, String) {
    let target = match p.field {
        "desa" => headers::DESA_NAMA,
        f => f,
    };
    let field = short_label(headers::label(kind, target));
    let args: Vec<(&str, &str)> = p.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    (field.text(lang).to_string(), fill(p.msg.text(lang), &args))
}

#[component]
pub fn PlanView(
    plan: Arc<Plan>,
    kind: Kind,
    choices: RwSignal<Choices>,
    #[prop(into)] busy: Signal<bool>,
    on_recheck: Callback<()>,
    on_apply: Callback<()>,
    on_download: Callback<()>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let counts = plan.counts();
    let take = counts.create + counts.update;
    // Places that matched several villages: each once, with its rows and candidates.
    let mut places: BTreeMap<(String, String), (Vec<usize>, Vec<(String, String)>)> =
        BTreeMap::new();
    for row in &plan.rows {
        if let Outcome::Refused(problems) = &row.outcome {
            if let Some(p) = problems.iter().find(|p| !p.candidates.is_empty()) {
                let entry = places.entry(row.place.clone()).or_default();
                entry.0.push(row.line);
                entry.1 = p
                    .candidates
                    .iter()
                    .map(|c| (c.code.clone(), c.place()))
                    .collect();
            }
        }
    }
    let refused: Vec<(usize, Vec<(String, String)>)> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Refused(ps) => Some((
                r.line,
                ps.iter().map(|p| reason(kind, p, i18n.lang())).collect(),
            )),
            _ => None,
        })
        .collect();
    let refused_count = refused.len();
    // Rows taken as a business already known (here or in an earlier row), and rows the officer
    // made new businesses: each with a box to change it.
    let forced = choices.with_untracked(|c| c.new_rows.clone());
    let same: Vec<(usize, String, bool)> = plan
        .rows
        .iter()
        .filter_map(|r| {
            let line = r.line.to_string();
            let text = match &r.outcome {
                Outcome::SameAsRow(other) => fill(
                    i18n.t(per_kind(kind, Msg::IntakeSameRow, Msg::IntakeSameRowSentra)),
                    &[("line", &line), ("other", &other.to_string())],
                ),
                Outcome::Update { id, changes } if *changes > 0 => {
                    let name = records
                        .all
                        .with_untracked(|all| all.get(id).map(|r| r.text("nama").to_string()))
                        .unwrap_or_default();
                    fill(
                        i18n.t(Msg::IntakeUpdateRow),
                        &[("line", &line), ("name", &name)],
                    )
                }
                Outcome::Create if forced.contains(&r.line) => {
                    let forced = per_kind(kind, Msg::IntakeForcedRow, Msg::IntakeForcedRowSentra);
                    fill(i18n.t(forced), &[("line", &line)])
                }
                _ => return None,
            };
            Some((r.line, text, forced.contains(&r.line)))
        })
        .collect();
    let more = |n: usize| {
        (n > SHOWN).then(|| fill(i18n.t(Msg::IntakeMore), &[("count", &i18n.n(n - SHOWN))]))
    };
    let tile = |label: Msg, n: usize, id: &'static str| {
        view! {
            <li class="tile tile--static" data-testid=id><span class="tile__label">{tr(label)}</span><span class="tile__count">{i18n.n(n)}</span></li>
        }
    };
    view! {
        <section class="card" data-testid="intake-plan">
            <ul class="tiles">
                {tile(Msg::CountNew, counts.create, "intake-new")}
                {tile(Msg::CountUpdated, counts.update, "intake-updated")}
                {tile(Msg::CountUnchanged, counts.unchanged, "intake-unchanged")}
                {tile(Msg::IntakeSameAsRow, counts.same_as_row, "intake-same")}
                {tile(Msg::IntakeRefused, counts.refused, "intake-refused")}
            </ul>
            {(!places.is_empty()).then(|| view! {
                <h2>{tr(Msg::IntakePlaces)}</h2>
                <ul class="plain" data-testid="intake-places">
                    {places.into_iter().map(|((village, kecamatan), (lines, candidates))| {
                        let rows = lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
                        let label = if kecamatan.is_empty() {
                            fill(i18n.t(Msg::IntakePlaceNoKecamatan), &[("village", &village), ("rows", &rows)])
                        } else {
                            fill(i18n.t(Msg::IntakePlace), &[("village", &village), ("kecamatan", &kecamatan), ("rows", &rows)])
                        };
                        let key = (village, kecamatan);
                        view! {
                            <li class="field">
                                <label class="field__label">{label.clone()}
                                    <select aria-label=label on:change=move |ev| {
                                        let code = event_target_value(&ev);
                                        if !code.is_empty() {
                                            choices.update(|c| { c.villages.insert(key.clone(), code); });
                                            on_recheck.run(());
                                        }
                                    }>
                                        <option value="">"—"</option>
                                        {candidates.into_iter().map(|(code, place)| view! { <option value=code>{place}</option> }).collect_view()}
                                    </select>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!same.is_empty()).then(|| view! {
                <h2>{tr(per_kind(kind, Msg::IntakeSameList, Msg::IntakeSameListSentra))}</h2>
                <ul data-testid="intake-same-list">
                    {same.iter().take(SHOWN).cloned().map(|(line, text, is_new)| view! {
                        <li>
                            {text}
                            <label class="choice__option filters__check">
                                <input type="checkbox" prop:checked=is_new data-testid=format!("intake-new-row-{line}")
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        choices.update(|c| { if on { c.new_rows.insert(line); } else { c.new_rows.remove(&line); } });
                                        on_recheck.run(());
                                    }/>
                                {tr(per_kind(kind, Msg::IntakeTakeAsNew, Msg::IntakeTakeAsNewSentra))}
                            </label>
                        </li>
                    }).collect_view()}
                    {more(same.len()).map(|m| view! { <li>{m}</li> })}
                </ul>
            })}
            {(refused_count > 0).then(|| view! {
                <h2>{tr(Msg::IntakeRefusedList)}</h2>
                <ul data-testid="intake-refused-list">
                    {refused.iter().take(SHOWN).map(|(line, reasons)| view! {
                        <li>{reasons.iter().map(|(field, why)| fill(i18n.t(Msg::IntakeRefusedRow), &[("line", &line.to_string()), ("field", field), ("reason", why)])).collect::<Vec<_>>().join(" ")}</li>
                    }).collect_view()}
                    {more(refused_count).map(|m| view! { <li>{m}</li> })}
                </ul>
                <div class="form__actions">
                    <button type="button" class="button" data-testid="intake-download-refused" on:click=move |_| on_download.run(())>
                        {tr(Msg::IntakeRefusedDownload)}
                    </button>
                </div>
            })}
            <div class="form__actions">
                <button type="button" class="button button--primary" data-testid="intake-apply"
                    disabled=move || busy.get() || take == 0
                    on:click=move |_| on_apply.run(())>
                    {fill(i18n.t(per_kind(kind, Msg::IntakeApply, Msg::IntakeApplySentra)), &[("count", &i18n.n(take))])}
                </button>
            </div>
        </section>
    }
}

/// The refused rows as a sheet to fix and import again: the file's header and cells as they
/// were, and the reasons in a last column (which an import does not take).
pub fn refused_sheet(plan: &Plan, table: &Table, layout: &Layout, lang: Lang) -> Sheet {
    let mut headers = layout.headers.clone();
    headers.push(Msg::IntakeRefusedReason.text(lang).to_string());
    let rows = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Refused(problems) => Some((r.line, problems)),
            _ => None,
        })
        .map(|(line, problems)| {
            let cells = table.rows.get(line - 1).map_or(&[][..], Vec::as_slice);
            let mut out: Vec<Out> = (0..layout.headers.len())
                .map(|c| match cells.get(c) {
                    None | Some(Cell::Empty) => Out::Empty,
                    Some(Cell::Number(n)) => Out::Number(*n),
                    Some(other) => Out::Text(values::text(other)),
                })
                .collect();
            let why: Vec<String> = problems
                .iter()
                .map(|p| {
                    let (field, text) = reason(layout.kind, p, lang);
                    format!("{field}: {text}")
                })
                .collect();
            out.push(Out::Text(format!("Baris {line}: {}", why.join("; "))));
            out
        })
        .collect();
    Sheet {
        kind: layout.kind,
        headers,
        rows,
    }
}
