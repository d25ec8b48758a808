//! Beranda: the office's figures from the records on this device (`report`), filtered by year,
//! kecamatan and commodity (kept in the address, so a filtered view can be reloaded or printed),
//! with exports (XLSX, CSV) and a printable report page (`LaporanPage`).

use super::{EmptyState, Page, TickToAgree};
use crate::format::{rupiah, thousands};
use crate::i18n::{fill, Lang, Msg};
use crate::model::kinds::{JENIS_KEGIATAN, OVOP_STAGES, SENTRA_STATUS, STATUS_JEJARING};
use crate::model::usaha::{halal_label, status_label, STATUS};
use crate::model::Kind;
use crate::names::Lookup;
use crate::report::export::{csv, sheet, Sheet};
use crate::report::{
    kept, options_with, Filter, Input, Options, Report, INDUSTRI_COLUMNS, UMKM_COLUMNS,
};
use crate::sharing::named;
use crate::web::app::{ProfileState, NAV};
use crate::web::charts::{Bar, BarChart, FunnelChart, StackedChart};
use crate::web::files::{offer, offer_bytes};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, utc_offset_ms, LoadState, Records};
use crate::web::slices::breathe;
use crate::web::wilayah::Wilayah;
use crate::web::workbook;
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

/// The filter in the address: `?tahun=2024&kecamatan=35.29.01&komoditas=Batik`.
fn use_filter() -> Memo<Filter> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| Filter {
            year: q.get("tahun").and_then(|y| y.parse().ok()),
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
fn use_report(filter: Memo<Filter>) -> Memo<Report> {
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    Memo::new(move |_| {
        let f = filter.get();
        let home = wilayah.home.get();
        let kecamatan_all = wilayah.gazetteer.with(|g| {
            home.as_deref()
                .map(|h| g.kecamatan_in(h))
                .unwrap_or_default()
        });
        let started = now_ms();
        let report = records.all.with(|all| {
            records.usaha_index.with_value(|index| {
                let input = Input {
                    records: all,
                    kecamatan_all: &kecamatan_all,
                    utc_offset_ms: utc_offset_ms(),
                };
                Report::compute_with(&input, index, &f)
            })
        });
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-report-ms", &format!("{:.1}", now_ms() - started));
        }
        report
    })
}

/// A kecamatan's name once the region data is there (tracked: views redraw when it arrives).
fn kecamatan_name(wilayah: Wilayah, code: &str) -> String {
    wilayah.gazetteer.with(|g| {
        g.kecamatan_name(code)
            .map_or_else(|| code.to_string(), str::to_string)
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
    view! {
        <Page title=Msg::NavBeranda intro=Msg::BerandaIntro>
            {move || if counts.get().iter().all(|n| *n == 0) {
                view! { <EmptyState msg=Msg::BerandaEmpty/> }.into_any()
            } else {
                view! {
                    <section class="card">
                        <h2>{tr(Msg::BerandaCounts)}</h2>
                        <dl class="facts" data-testid="beranda-counts">
                            {KINDS.iter().zip(counts.get()).filter(|(_, n)| *n > 0).map(|((_, path), n)| view! {
                                <dt><A href=*path>{label(path).map(tr)}</A></dt>
                                <dd>{n}</dd>
                            }).collect_view()}
                        </dl>
                        <p data-testid="beranda-unshared">
                            <A href="/bagikan">
                                {move || match pending.get() {
                                    0 => i18n.t(Msg::ShareAllShared).to_string(),
                                    n => fill(i18n.t(Msg::ShareUnshared), &[("count", &n.to_string())]),
                                }}
                            </A>
                        </p>
                    </section>
                    <FilterBar filter/>
                    <ReportBody filter/>
                    <p class="no-print">
                        <A href=move || format!("/laporan{}", query_of(&filter.get()))>{tr(Msg::ReportPrint)}</A>
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
    let i18n = I18n::expect();
    let profile = expect_context::<ProfileState>();
    let wilayah = Wilayah::expect();
    let records = Records::expect();
    let filter = use_filter();
    let place = move || wilayah.kabupaten_name(&wilayah.home.get()?);
    let filters = move || {
        let f = filter.get();
        let mut parts = Vec::new();
        if let Some(y) = f.year {
            parts.push(format!("{} {y}", i18n.t(Msg::ReportYear)));
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
        <Page title=Msg::LaporanTitle>
            <p class="laporan__meta" data-testid="laporan-meta">
                {place}
                " · "
                {move || fill(i18n.t(Msg::LaporanMeta), &[
                    ("date", &crate::format::date(&today().iso, i18n.lang())),
                    ("officer", &profile.0.with(|p| p.name.clone())),
                ])}
                <br/>
                {filters}
            </p>
            <p class="no-print">
                <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>
                    {tr(Msg::LaporanPrintButton)}
                </button>
            </p>
            {move || match records.state.get() {
                LoadState::Ready => view! { <ReportBody filter/> }.into_any(),
                _ => view! { <p>{tr(Msg::StoreLoading)}</p> }.into_any(),
            }}
        </Page>
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
    view! {
        <section class="card report-filters no-print" data-testid="report-filters">
            <h2>{tr(Msg::ReportFilters)}</h2>
            <div class="filters">
                {select("f-tahun", Msg::ReportYear,
                    Box::new(|o| o.years.iter().rev().map(|y| (y.to_string(), y.to_string())).collect()),
                    |f| f.year.map(|y| y.to_string()).unwrap_or_default(),
                    |f, v| f.year = v.parse().ok())}
                {select("f-kecamatan", Msg::KecamatanLabel,
                    Box::new(move |o| o.kecamatan.iter().map(|k| (k.clone(), kecamatan_name(wilayah, k))).collect()),
                    |f| f.kecamatan.clone().unwrap_or_default(),
                    |f, v| f.kecamatan = Some(v).filter(|v| !v.is_empty()))}
                {select("f-komoditas", Msg::FieldKomoditas,
                    Box::new(|o| o.komoditas.iter().map(|k| (k.clone(), k.clone())).collect()),
                    |f| f.komoditas.clone().unwrap_or_default(),
                    |f, v| f.komoditas = Some(v).filter(|v| !v.is_empty()))}
            </div>
            <p class="hint">{tr(Msg::ReportYearNote)}</p>
        </section>
    }
}

/// Every section of the report.
#[component]
fn ReportBody(filter: Memo<Filter>) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let report = use_report(filter);
    let t = move |m: Msg| i18n.t(m).to_string();
    let n = move |v: u64| thousands(v, i18n.lang());
    let money = move |v: u64| rupiah(v, i18n.lang());
    let kab_name = move |code: &str| {
        wilayah
            .kabupaten_name(code)
            .unwrap_or_else(|| code.to_string())
    };
    move || {
        let r = report.get();
        if r.is_empty() {
            return view! { <EmptyState msg=Msg::ReportEmpty/> }.into_any();
        }
        let u = &r.usaha;
        let class_label = |m: Option<Msg>| t(m.unwrap_or(Msg::DataBelumCukup));
        let umkm_names: Vec<String> = UMKM_COLUMNS
            .iter()
            .map(|c| class_label(c.map(|c| c.label())))
            .collect();
        let usaha = (u.total > 0).then(|| view! {
            <section class="card report" data-testid="report-usaha">
                <h2>{t(Msg::ReportUsaha)}</h2>
                <p class="report__lead" data-testid="report-usaha-total">
                    {fill(i18n.t(Msg::ReportUsahaTotal), &[("count", &n(u.total))])}
                </p>
                <div class="report__charts">
                    <BarChart title=t(Msg::ReportByUmkm) testid="chart-umkm"
                        bars=umkm_names.iter().zip(u.umkm).map(|(l, v)| Bar { label: l.clone(), value: v, shown: n(v) }).collect()/>
                    <BarChart title=t(Msg::ReportByIndustri) testid="chart-industri"
                        bars=INDUSTRI_COLUMNS.iter().zip(u.industri).map(|(c, v)| Bar { label: class_label(c.map(|c| c.label())), value: v, shown: n(v) }).collect()/>
                    <BarChart title=t(Msg::ReportByStatus) testid="chart-status"
                        bars=STATUS.iter().zip(u.status).map(|(s, v)| Bar { label: t(status_label(s)), value: v, shown: n(v) }).collect()/>
                    <BarChart title=t(Msg::ReportByKomoditas) testid="chart-komoditas"
                        bars=u.komoditas.iter().take(12).map(|(k, v)| Bar {
                            label: if k.is_empty() { t(Msg::ReportNotFilled) } else { k.clone() }, value: *v, shown: n(*v)
                        }).collect()/>
                    <StackedChart title=t(Msg::ReportByKecamatan) testid="chart-usaha-kecamatan"
                        series=umkm_names.clone() lang=i18n.lang()
                        rows=u.kecamatan.iter().map(|(k, v)| (kecamatan_name(wilayah, k), v.to_vec())).collect()/>
                    <BarChart title=t(Msg::ReportByYear) testid="chart-usaha-tahun"
                        bars=u.tahun.iter().map(|(y, v)| Bar { label: y.to_string(), value: *v, shown: n(*v) }).collect()/>
                </div>
            </section>
        });
        let s = &r.sentra;
        let status_names: Vec<String> = SENTRA_STATUS.iter().map(|c| t(c.label)).collect();
        let sentra = (s.total > 0).then(|| view! {
            <section class="card report" data-testid="report-sentra">
                <h2>{t(Msg::ReportSentra)}</h2>
                <p class="report__lead" data-testid="report-coverage">
                    {match s.coverage {
                        Some((with, of)) => fill(i18n.t(Msg::ReportCoverage), &[("with", &n(with)), ("of", &n(of))]),
                        None => t(Msg::ReportCoverageUnknown),
                    }}
                </p>
                <table class="table" data-testid="table-sentra-status">
                    <thead><tr>
                        <th>{t(Msg::ColStatus)}</th><th class="num">{t(Msg::ColJumlah)}</th>
                        <th class="num">{t(Msg::KecamatanLabel)}</th><th class="num">{t(Msg::FieldAnggaran)}</th>
                        <th class="num">{t(Msg::ColSejak)}</th>
                    </tr></thead>
                    <tbody>
                        {s.status.iter().zip(&status_names).map(|(row, name)| view! {
                            <tr>
                                <td>{name.clone()}</td><td class="num">{n(row.count)}</td>
                                <td class="num">{n(row.kecamatan)}</td><td class="num">{money(row.anggaran)}</td>
                                <td class="num">{row.since.map(|y| y.to_string()).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th>{t(Msg::ReportBudgetTotal)}</th><td class="num">{n(s.total)}</td><td></td>
                        <td class="num" data-testid="sentra-budget-total">{money(s.anggaran_total)}</td><td></td>
                    </tr></tfoot>
                </table>
                <p>{t(Msg::ReportMembers)}": "{n(s.anggota)}</p>
                <div class="report__charts">
                    <BarChart title=t(Msg::ReportByYearFormed) testid="chart-sentra-tahun"
                        bars=s.tahun_terbentuk.iter().map(|(y, v)| Bar { label: y.to_string(), value: *v, shown: n(*v) }).collect()/>
                    <StackedChart title=t(Msg::ReportSentraByKecamatan) testid="chart-sentra-kecamatan"
                        series=status_names.clone() lang=i18n.lang()
                        rows=s.kecamatan.iter().map(|(k, v)| (kecamatan_name(wilayah, k), v.to_vec())).collect()/>
                </div>
                <table class="table" data-testid="table-sentra-anggaran">
                    <caption>{t(Msg::ReportBudgetPerYear)}</caption>
                    <thead><tr><th>{t(Msg::ColTahun)}</th><th class="num">{t(Msg::ColJumlah)}</th><th class="num">{t(Msg::FieldAnggaran)}</th></tr></thead>
                    <tbody>
                        {s.anggaran_tahun.iter().map(|(y, sum, count)| view! {
                            <tr><td>{y.to_string()}</td><td class="num">{n(*count)}</td><td class="num">{money(*sum)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        });
        let v = &r.survei;
        let survei = (v.surveys > 0).then(|| view! {
            <section class="card report" data-testid="report-survei">
                <h2>{t(Msg::ReportSurvei)}</h2>
                <p class="report__lead">{fill(i18n.t(Msg::ReportVillages), &[
                    ("villages", &n(v.villages)), ("surveys", &n(v.surveys)), ("pelaku", &n(v.pelaku)),
                ])}</p>
                <div class="report__charts">
                    <FunnelChart title=t(Msg::ReportFunnel) testid="chart-ovop"
                        steps=OVOP_STAGES.iter().zip(v.funnel).map(|(s, c)| Bar { label: t(s.label), value: c, shown: n(c) })
                            .chain(std::iter::once(Bar { label: t(Msg::ReportNotStarted), value: v.not_started, shown: n(v.not_started) }))
                            .collect()/>
                    <BarChart title=t(Msg::ReportLeading) testid="chart-unggulan"
                        bars=v.komoditas.iter().take(12).map(|(k, c)| Bar { label: k.clone(), value: *c, shown: n(*c) }).collect()/>
                </div>
            </section>
        });
        let kawasan = (!r.kawasan.is_empty()).then(|| view! {
            <section class="card report" data-testid="report-kawasan">
                <h2>{t(Msg::ReportKawasan)}</h2>
                <table class="table">
                    <thead><tr>
                        <th>{t(Msg::FieldKabupaten)}</th><th class="num">{t(Msg::ColJumlah)}</th>
                        <th class="num">{t(Msg::FieldLuasHa)}</th><th class="num">{t(Msg::FieldCnc)}</th>
                        <th class="num">{t(Msg::ColRpikDitetapkan)}</th><th class="num">{t(Msg::ColDanaDisetujui)}</th>
                    </tr></thead>
                    <tbody>
                        {r.kawasan.iter().map(|k| view! {
                            <tr>
                                <td>{kab_name(&k.kabupaten)}</td><td class="num">{n(k.count)}</td>
                                <td class="num">{format!("{:.1}", k.luas_ha).replace('.', if i18n.lang() == Lang::Id { "," } else { "." })}</td>
                                <td class="num">{n(k.cnc)}</td><td class="num">{n(k.rpik[2])}</td><td class="num">{n(k.dana[2])}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        });
        let kegiatan_rows: Vec<_> = r.kegiatan.iter().filter(|k| k.count > 0).cloned().collect();
        let jenis_name = move |key: &str| {
            JENIS_KEGIATAN
                .iter()
                .find(|c| c.key == key)
                .map(|c| t(c.label))
                .unwrap_or_default()
        };
        let kegiatan = (!kegiatan_rows.is_empty()).then(|| view! {
            <section class="card report" data-testid="report-kegiatan">
                <h2>{t(Msg::ReportKegiatan)}</h2>
                <table class="table">
                    <thead><tr>
                        <th>{t(Msg::FieldJenisKegiatan)}</th><th class="num">{t(Msg::ColJumlah)}</th>
                        <th class="num">{t(Msg::ColPeserta)}</th><th class="num">{t(Msg::ColUsahaBerbeda)}</th>
                        <th class="num">{t(Msg::FieldAnggaran)}</th>
                    </tr></thead>
                    <tbody>
                        {kegiatan_rows.iter().map(|k| view! {
                            <tr>
                                <td>{jenis_name(k.jenis)}</td><td class="num">{n(k.count)}</td>
                                <td class="num">{n(k.peserta)}</td><td class="num">{n(k.usaha)}</td>
                                <td class="num">{money(k.anggaran)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        });
        let h = &r.halal;
        let halal = (u.total > 0 || h.kegiatan > 0).then(|| view! {
            <section class="card report" data-testid="report-halal">
                <h2>{t(Msg::ReportHalal)}</h2>
                <p class="report__lead">{fill(i18n.t(Msg::ReportHalalLine), &[
                    ("kegiatan", &n(h.kegiatan)), ("facilitated", &n(h.facilitated)), ("terbit", &n(h.facilitated_terbit)),
                ])}</p>
                <BarChart title=t(Msg::FieldHalalStatus) testid="chart-halal"
                    bars=["belum", "proses", "terbit", ""].iter().zip(h.status).map(|(k, c)| Bar {
                        label: halal_label(k).map(t).unwrap_or_else(|| t(Msg::ReportNotFilled)), value: c, shown: n(c),
                    }).collect()/>
            </section>
        });
        let jejaring = (r.jejaring.iter().sum::<u64>() > 0 || r.mitra > 0).then(|| view! {
            <section class="card report" data-testid="report-jejaring">
                <h2>{t(Msg::ReportJejaring)}</h2>
                <p class="report__lead">{fill(i18n.t(Msg::ReportMitraCount), &[("count", &n(r.mitra))])}</p>
                <BarChart title=t(Msg::FieldStatusJejaring) testid="chart-jejaring"
                    bars=STATUS_JEJARING.iter().zip(r.jejaring).map(|(c, v)| Bar { label: t(c.label), value: v, shown: n(v) }).collect()/>
            </section>
        });
        view! { <div class="report-body">{usaha}{sentra}{survei}{kawasan}{kegiatan}{halal}{jejaring}</div> }.into_any()
    }
}

/// XLSX of every kind, or CSV of one, from the records the filter keeps.
#[component]
fn ExportCard(filter: Memo<Filter>) -> impl IntoView {
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
                utc_offset_ms: utc_offset_ms(),
            },
            &filter,
        )
        .into_iter()
        .filter(|r| kinds.contains(&r.kind))
        .map(|r| (r.kind, r.id.clone()))
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
                            .filter_map(|id| all.get(*id));
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
        .and_then(|h| wilayah.kabupaten_name(&h));
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
        offer_bytes(
            &name,
            &bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        .await
        .map(|_| name)
    };
    result.map_err(|e| format!("{e:?}"))
}

/// Milliseconds on the page's clock (0 where there is none).
fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
