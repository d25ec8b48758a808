//! Beranda's export card: XLSX of every kind, or CSV of one, from the records the report's
//! filter keeps; the tables built in slices (a progress bar moves), the workbook written in the
//! export worker.

use super::beranda::now_ms;
use super::TickToAgree;
use crate::i18n::{fill, Lang, Msg};
use crate::model::Kind;
use crate::names::Lookup;
use crate::report::export::{csv, sheet, Sheet};
use crate::report::{kept, Filter, Input};
use crate::sharing::named;
use crate::web::files::{offer, offer_xlsx};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, utc_offset_ms, Records};
use crate::web::slices::breathe;
use crate::web::wilayah::Wilayah;
use crate::web::workbook;
use leptos::prelude::*;

/// XLSX of every kind, or CSV of one, from the records the filter keeps.
#[component]
pub fn ExportCard(filter: Memo<Filter>) -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    let personal = RwSignal::new(false);
    let csv_kind = RwSignal::new(Kind::Usaha);
    let progress: RwSignal<Option<u32>> = RwSignal::new(None);
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let run = move |kinds: Vec<Kind>| {
        if progress.get_untracked().is_some() {
            return;
        }
        message.set(None);
        progress.set(Some(0));
        leptos::task::spawn_local(async move {
            let result = make_file(
                records,
                wilayah,
                filter.get_untracked(),
                kinds,
                personal.get_untracked(),
                progress,
            )
            .await;
            progress.set(None);
            message.set(Some(match result {
                Ok(name) => fill(i18n.t(Msg::ExportDone), &[("name", &name)]),
                Err(reason) => fill(i18n.t(Msg::ExportFailed), &[("reason", &reason)]),
            }));
        });
    };
    view! {
        <section class="card no-print" data-testid="export-card">
            <h2>{tr(Msg::ExportTitle)}</h2>
            <p>{tr(Msg::ExportIntro)}</p>
            <TickToAgree checked=personal label=Msg::ExportPersonal warning=Msg::ExportPersonalWarn
                testid="export-personal"/>
            <div class="form__actions">
                <button type="button" class="button" data-testid="export-xlsx"
                    disabled=move || progress.get().is_some()
                    on:click=move |_| run(Kind::ALL.to_vec())>{tr(Msg::ExportXlsx)}</button>
            </div>
            <div class="field">
                <label for="csv-kind">{tr(Msg::ExportCsvKind)}</label>
                <select id="csv-kind" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(k) = Kind::ALL.into_iter().find(|k| k.key() == key) { csv_kind.set(k) }
                }>
                    {Kind::ALL.into_iter().map(|k| view! { <option value=k.key()>{tr(k.label())}</option> }).collect_view()}
                </select>
            </div>
            <div class="form__actions">
                <button type="button" class="button button--secondary" data-testid="export-csv"
                    disabled=move || progress.get().is_some()
                    on:click=move |_| run(vec![csv_kind.get_untracked()])>{tr(Msg::ExportCsv)}</button>
            </div>
            {move || progress.get().map(|p| view! {
                <div class="progress" role="status" data-testid="export-progress">
                    <progress max="100" value=p></progress>
                    <span>{fill(i18n.t(Msg::ExportWorking), &[("percent", &p.to_string())])}</span>
                </div>
            })}
            {move || message.get().map(|m| view! { <p role="status" data-testid="export-message">{m}</p> })}
        </section>
    }
}

/// Rows are built in slices of this many, the page breathing in between (progress moves).
const SLICE: usize = 2_000;

/// Builds the tables in slices, then the file (one kind: CSV; every kind: XLSX), and offers it.
async fn make_file(
    records: Records,
    wilayah: Wilayah,
    filter: Filter,
    kinds: Vec<Kind>,
    personal: bool,
    progress: RwSignal<Option<u32>>,
) -> Result<String, String> {
    let started = now_ms();
    let ids: Vec<(Kind, String)> = records.all.with_untracked(|all| {
        kept(
            &Input {
                records: all,
                kecamatan_all: &[],
                kabupaten_all: &[],
                utc_offset_ms: utc_offset_ms(),
            },
            &filter,
        )
        .into_iter()
        .filter(|r| kinds.contains(&r.kind))
        .map(|r| (r.kind, r.id.to_string()))
        .collect()
    });
    let total = ids.len().max(1);
    let mut done = 0;
    let mut sheets: Vec<Sheet> = Vec::new();
    for &kind in &kinds {
        let of_kind: Vec<&String> = ids
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| id)
            .collect();
        let mut whole: Option<Sheet> = None;
        for slice in of_kind
            .chunks(SLICE)
            .map(Some)
            .chain(of_kind.is_empty().then_some(None))
        {
            let part = records.all.with_untracked(|all| {
                wilayah.gazetteer.with_untracked(|gazetteer| {
                    wilayah.index.with_untracked(|index| {
                        let names = Lookup {
                            lang: Lang::Id,
                            gazetteer,
                            index: index.as_deref(),
                            all,
                        };
                        let rows = slice
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|id| all.get(id.as_str()));
                        sheet(kind, rows, &names, personal)
                    })
                })
            });
            done += slice.map_or(0, <[_]>::len);
            match &mut whole {
                Some(w) => w.rows.extend(part.rows),
                None => whole = Some(part),
            }
            progress.set(Some((done * 80 / total) as u32));
            breathe().await;
        }
        sheets.extend(whole);
    }
    progress.set(Some(85));
    breathe().await;
    let tables_ms = now_ms() - started;
    let place = wilayah
        .home
        .get_untracked()
        .and_then(|h| wilayah.area_name(Lang::Id, &h));
    let date = today().iso;
    let result = if let [one] = sheets.as_slice() {
        let name = named(place.as_deref(), one.kind.key(), &date, "csv");
        offer(&name, &csv(one), "text/csv").await.map(|_| name)
    } else {
        // Written in the export worker: the page keeps responding (and the bar showing).
        let bytes = workbook::write(&sheets).await?;
        progress.set(Some(100));
        // For the benchmark: where an export's time goes (tables built in slices on the page,
        // then the workbook written in the worker).
        if let Some(body) = document().body() {
            let file_ms = now_ms() - started - tables_ms;
            let _ = body.set_attribute(
                "data-export-ms",
                &format!("tables {tables_ms:.0}, workbook {file_ms:.0}"),
            );
        }
        let name = named(place.as_deref(), "laporan", &date, "xlsx");
        offer_xlsx(&name, &bytes).await.map(|_| name)
    };
    result.map_err(|e| format!("{e:?}"))
}
