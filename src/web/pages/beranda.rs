//! Beranda: the office's figures from the records on this device (`report`), filtered by year,
//! kabupaten/kota (when the records lie in several), kecamatan and commodity (kept in the address,
//! so a filtered view can be reloaded or printed), with exports (XLSX, CSV), a printable report
//! page (`LaporanPage`) and a link to the product catalogue (`katalog.rs`), both printed under
//! `PrintedHeading`.

use super::export_card::ExportCard;
use super::first_start::FirstStart;
use super::report_view::{kecamatan_name, ReportBody};
use super::{EmptyState, Page};
use crate::i18n::{fill, Msg};
use crate::model::Kind;
use crate::report::{options_with, Filter, Input, Options, Report};
use crate::web::app::{ProfileState, NAV};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, utc_offset_ms, LoadState, Records};
use crate::web::wilayah::{Scope, Wilayah};
use crate::wilayah::is_code;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Each kind with the page that lists it.
const KINDS: [(Kind, &str); 7] = [
    (Kind::Usaha, "/usaha"),
    (Kind::Sentra, "/sentra"),
    (Kind::SurveiDesa, "/survei-desa"),
    (Kind::Kawasan, "/kawasan-ikm"),
    (Kind::Kegiatan, "/kegiatan"),
    (Kind::Mitra, "/mitra"),
    (Kind::Jejaring, "/jejaring"),
];

/// The filter in the address: `?tahun=2024&kabupaten=35.29&kecamatan=35.29.01&komoditas=Batik`.
pub(super) fn use_filter() -> Memo<Filter> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| Filter {
            year: q.get("tahun").and_then(|y| y.parse().ok()),
            kabupaten: q.get("kabupaten").filter(|k| !k.is_empty()),
            kecamatan: q.get("kecamatan").filter(|k| !k.is_empty()),
            komoditas: q.get("komoditas").filter(|k| !k.is_empty()),
        })
    })
}

fn query_of(f: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(y) = f.year {
        parts.push(format!("tahun={y}"));
    }
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    if let Some(k) = &f.kabupaten {
        parts.push(format!("kabupaten={}", enc(k)));
    }
    if let Some(k) = &f.kecamatan {
        parts.push(format!("kecamatan={}", enc(k)));
    }
    if let Some(k) = &f.komoditas {
        parts.push(format!("komoditas={}", enc(k)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The report for the filter, recomputed when records, filter or region data change. Its time
/// is written to `<body data-report-ms>` for the benchmark.
pub(super) fn use_report(filter: Memo<Filter>) -> Memo<Report> {
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    // Coverage counts against the area in view: the kabupaten/kota filtered on, else the
    // working area. Its region data is fetched if it is not on the device yet.
    let area = Memo::new(move |_| {
        filter
            .with(|f| f.kabupaten.clone())
            .or_else(|| wilayah.home.get())
    });
    Effect::new(move |_| {
        if let Some(area) = area.get() {
            wilayah.ensure(Scope::of_area(area));
        }
    });
    // The area's kecamatan and (for a province) kabupaten/kota codes, listed once per area and
    // region load, not again at every change of the records.
    let area_codes = Memo::new(move |_| match area.get() {
        Some(a) if wilayah.area_loaded(&a) => (
            wilayah.gazetteer.with(|g| g.kecamatan_under(&a)),
            wilayah.index.with(|i| match i {
                Some(i) if is_code(&a, 1) => i.kabupaten_in(&a).map(|k| k.code.clone()).collect(),
                _ => Vec::new(),
            }),
        ),
        _ => (Vec::new(), Vec::new()),
    });
    Memo::new(move |_| {
        let f = filter.get();
        let started = now_ms();
        let report = area_codes.with(|(kecamatan_all, kabupaten_all)| {
            records.all.with(|all| {
                records.usaha_index.with_value(|index| {
                    let input = Input {
                        records: all,
                        kecamatan_all,
                        kabupaten_all,
                        utc_offset_ms: utc_offset_ms(),
                    };
                    Report::compute_with(&input, index, &f)
                })
            })
        });
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-report-ms", &format!("{:.1}", now_ms() - started));
        }
        report
    })
}

#[component]
pub fn BerandaPage() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let filter = use_filter();
    let counts = Memo::new(move |_| {
        records.all.with(|all| {
            KINDS.map(|(kind, _)| {
                all.values()
                    .filter(|r| r.kind == kind && !r.is_deleted())
                    .count()
            })
        })
    });
    let pending = Memo::new(move |_| records.unsent.with(|u| u.len()));
    let label = |path: &str| NAV.iter().find(|(p, _)| *p == path).map(|(_, m)| *m);
    let wilayah = Wilayah::expect();
    // Whose figures these are: the working area, and the kabupaten/kota filtered on within it.
    let area = move || {
        let lang = i18n.lang();
        let home = wilayah.home.get().map(|h| wilayah.area_label(lang, &h));
        let kabupaten = filter.with(|f| f.kabupaten.clone());
        let kabupaten = kabupaten.map(|k| wilayah.area_label(lang, &k));
        match (home, kabupaten) {
            (Some(h), Some(k)) if h != k => Some(format!("{h} · {k}")),
            (h, k) => k.or(h),
        }
    };
    let any = move || counts.with(|c| c.iter().any(|n| *n > 0));
    view! {
        <Page title=Msg::NavBeranda intro=Msg::BerandaIntro>
            // What an officer does first, at the top of a phone's screen.
            <div class="quick-actions no-print" data-testid="beranda-actions">
                <A href="/usaha/baru"><span class="button button--primary">{tr(Msg::ActionAdd)}</span></A>
                <A href="/bagikan"><span class="button">{tr(Msg::BerandaShare)}</span></A>
            </div>
            <FirstStart has_usaha=Signal::derive(move || counts.with(|c| c[0] > 0))/>
            {move || if !any() {
                view! { <EmptyState msg=Msg::BerandaEmpty/> }.into_any()
            } else {
                view! {
                    <section class="card">
                        <h2>{tr(Msg::BerandaCounts)}</h2>
                        <ul class="tiles" data-testid="beranda-counts">
                            {KINDS.iter().zip(counts.get()).filter(|(_, n)| *n > 0).map(|((_, path), n)| view! {
                                <li>
                                    <A href=*path attr:class="tile">
                                        <span class="tile__label">{label(path).map(tr)}</span>
                                        <span class="tile__count">{move || i18n.n(n)}</span>
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p data-testid="beranda-unshared">
                            <A href="/bagikan">
                                {move || match pending.get() {
                                    0 => i18n.t(Msg::ShareAllShared).to_string(),
                                    n => fill(i18n.t(Msg::ShareUnshared), &[("count", &i18n.n(n))]),
                                }}
                            </A>
                        </p>
                    </section>
                    <p class="page__area" data-testid="report-area">{area}</p>
                    <FilterBar filter/>
                    <ReportBody filter/>
                    <p class="no-print report__links">
                        <A href=move || format!("/laporan{}", query_of(&filter.get()))>{tr(Msg::ReportPrint)}</A>
                        <A href=move || format!("/katalog{}", query_of(&filter.get()))>{tr(Msg::KatalogLink)}</A>
                    </p>
                    <ExportCard filter/>
                }.into_any()
            }}
        </Page>
    }
}

/// The printable report: the dashboard's figures under a heading that says who made it, when,
/// and with which filter. The stylesheet's print rules leave out navigation and buttons.
#[component]
pub fn LaporanPage() -> impl IntoView {
    let records = Records::expect();
    let filter = use_filter();
    view! {
        <Page title=Msg::LaporanTitle>
            <PrintedHeading filter/>
            {move || match records.state.get() {
                LoadState::Ready => view! { <ReportBody filter/> }.into_any(),
                _ => view! { <p>{tr(Msg::StoreLoading)}</p> }.into_any(),
            }}
        </Page>
    }
}

/// What heads a printed page (the report, the catalogue): the area, the day, the officer and the
/// filter, then the print button (not printed).
#[component]
pub(super) fn PrintedHeading(filter: Memo<Filter>) -> impl IntoView {
    let i18n = I18n::expect();
    let profile = expect_context::<ProfileState>();
    let wilayah = Wilayah::expect();
    let place = move || Some(wilayah.area_label(i18n.lang(), &wilayah.home.get()?));
    let filters = move || {
        let f = filter.get();
        let mut parts = Vec::new();
        if let Some(y) = f.year {
            parts.push(format!("{} {y}", i18n.t(Msg::ReportYear)));
        }
        if let Some(k) = &f.kabupaten {
            parts.push(wilayah.kabupaten_label(k));
        }
        if let Some(k) = &f.kecamatan {
            parts.push(format!("Kec. {}", kecamatan_name(wilayah, k)));
        }
        parts.extend(f.komoditas.clone());
        if parts.is_empty() {
            parts.push(i18n.t(Msg::ReportAll).to_string());
        }
        fill(
            i18n.t(Msg::LaporanFilters),
            &[("filters", &parts.join(", "))],
        )
    };
    view! {
        <p class="laporan__meta" data-testid="laporan-meta">
            {place}
            " · "
            {move || {
                // A profile without a name (never filled in) says no "by".
                let officer = profile.0.with(|p| p.name.trim().to_string());
                let msg = if officer.is_empty() { Msg::LaporanMetaNoOfficer } else { Msg::LaporanMeta };
                fill(i18n.t(msg), &[
                    ("date", &crate::format::date(&today().iso, i18n.lang())),
                    ("officer", &officer),
                ])
            }}
            <br/>
            {filters}
        </p>
        <p class="no-print">
            <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>
                {tr(Msg::LaporanPrintButton)}
            </button>
        </p>
    }
}

/// Year, kecamatan and commodity, from what the records hold.
#[component]
fn FilterBar(filter: Memo<Filter>) -> impl IntoView {
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    let navigate = use_navigate();
    let opts = Memo::new(move |_| {
        records.all.with(|all| {
            records.usaha_index.with_value(|index| {
                let input = Input {
                    records: all,
                    kecamatan_all: &[],
                    kabupaten_all: &[],
                    utc_offset_ms: utc_offset_ms(),
                };
                options_with(&input, index)
            })
        })
    });
    let set = move |change: &dyn Fn(&mut Filter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        navigate(
            &format!("/{}", query_of(&f)),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let set = StoredValue::new_local(set);
    // Records in more than one kabupaten/kota (a province office's, or a neighbour's records
    // held by a kabupaten office): offer to look at one, by name.
    let several =
        Memo::new(move |_| wilayah.home_is_province() || opts.with(|o| o.kabupaten.len() > 1));
    Effect::new(move || {
        if several.get() {
            wilayah.ensure_index();
        }
    });
    let select = move |id: &'static str,
                       label: Msg,
                       choices: Box<dyn Fn(&Options) -> Vec<(String, String)> + Send + Sync>,
                       current: fn(&Filter) -> String,
                       apply: fn(&mut Filter, String)| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id
                    prop:value=move || current(&filter.get())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set.with_value(|set| set(&move |f: &mut Filter| apply(f, v.clone())));
                    }>
                    <option value="">{tr(Msg::ReportAll)}</option>
                    {move || opts.with(|o| choices(o)).into_iter().map(|(value, text)| {
                        let selected = current(&filter.get_untracked()) == value;
                        view! { <option value=value.clone() selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    // Folded on a phone, so the figures come sooner; open on a wide screen, or when one is on.
    let active = move || {
        filter.with(|f| {
            [
                f.year.is_some(),
                f.kabupaten.is_some(),
                f.kecamatan.is_some(),
                f.komoditas.is_some(),
            ]
            .into_iter()
            .filter(|on| *on)
            .count()
        })
    };
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 960.0);
    let open = wide || active() > 0;
    let i18n = I18n::expect();
    view! {
        <section class="card report-filters no-print" data-testid="report-filters">
            <h2>{tr(Msg::ReportFilters)}</h2>
            <details class="report-filters__fold" open=open>
            <summary class="button button--small" data-testid="report-filters-toggle">{move || match active() {
                0 => i18n.t(Msg::ListFilter).to_string(),
                n => fill(i18n.t(Msg::ListFilterActive), &[("count", &n.to_string())]),
            }}</summary>
            <div class="filters">
                {move || several.get().then(|| select("f-kabupaten", Msg::FieldKabupaten,
                    Box::new(move |o| o.kabupaten.iter().map(|k| (k.clone(), wilayah.kabupaten_label(k))).collect()),
                    |f| f.kabupaten.clone().unwrap_or_default(),
                    |f, v| {
                        f.kabupaten = Some(v).filter(|v| !v.is_empty());
                        // A kecamatan of another kabupaten would leave nothing.
                        if f.kabupaten.as_ref().is_some_and(|kab| f.kecamatan.as_ref().is_some_and(|kec| !kec.starts_with(kab.as_str()))) {
                            f.kecamatan = None;
                        }
                    }))}
                {select("f-tahun", Msg::ReportYear,
                    Box::new(|o| o.years.iter().rev().map(|y| (y.to_string(), y.to_string())).collect()),
                    |f| f.year.map(|y| y.to_string()).unwrap_or_default(),
                    |f, v| f.year = v.parse().ok())}
                {select("f-kecamatan", Msg::KecamatanLabel,
                    Box::new(move |o| {
                        // Within the kabupaten/kota chosen, if one is.
                        let kab = filter.with(|f| f.kabupaten.clone()).unwrap_or_default();
                        o.kecamatan.iter().filter(|k| k.starts_with(kab.as_str())).map(|k| (k.clone(), kecamatan_name(wilayah, k))).collect()
                    }),
                    |f| f.kecamatan.clone().unwrap_or_default(),
                    |f, v| f.kecamatan = Some(v).filter(|v| !v.is_empty()))}
                {select("f-komoditas", Msg::FieldKomoditas,
                    Box::new(|o| o.komoditas.iter().map(|k| (k.clone(), k.clone())).collect()),
                    |f| f.komoditas.clone().unwrap_or_default(),
                    |f, v| f.komoditas = Some(v).filter(|v| !v.is_empty()))}
            </div>
            <p class="hint">{tr(Msg::ReportYearNote)}</p>
            </details>
        </section>
    }
}

/// Milliseconds on the page's clock (0 where there is none).
pub(super) fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
