//! The report's sections as Beranda and Laporan show them (the figures are `crate::report`'s):
//! Usaha, sentra, village surveys (per kecamatan too), kawasan readiness per kabupaten/kota
//! with its total row, kegiatan, halal facilitation and jejaring.

use super::beranda::use_report;
use super::EmptyState;
use crate::format::{self, rupiah, thousands};
use crate::i18n::{fill, Msg};
use crate::model::kinds::{
    DANA_PUSAT, JENIS_KEGIATAN, OVOP_STAGES, RPIK, SENTRA_STATUS, STATUS_JEJARING,
};
use crate::model::usaha::{halal_label, status_label, STATUS};
use crate::report::{
    Filter, KawasanRow, Report, SurveiFigures, SurveiKecamatan, INDUSTRI_COLUMNS, UMKM_COLUMNS,
};
use crate::web::charts::{Bar, BarChart, FunnelChart, StackedChart};
use crate::web::i18n::I18n;
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;

/// A kecamatan's name once the region data is there (tracked: views redraw when it arrives).
pub(super) fn kecamatan_name(wilayah: Wilayah, code: &str) -> String {
    wilayah.gazetteer.with(|g| {
        g.kecamatan_name(code)
            .map_or_else(|| code.to_string(), str::to_string)
    })
}

/// Every section of the report.
#[component]
pub(super) fn ReportBody(filter: Memo<Filter>) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let report = use_report(filter);
    let t = move |m: Msg| i18n.t(m).to_string();
    let n = move |v: u64| thousands(v, i18n.lang());
    let money = move |v: u64| rupiah(v, i18n.lang());
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
                {per_kabupaten(&u.kabupaten, &umkm_names, "table-usaha-kabupaten", i18n, wilayah)}
            </section>
        });
        let s = &r.sentra;
        let status_names: Vec<String> = SENTRA_STATUS.iter().map(|c| t(c.label)).collect();
        let sentra = (s.total > 0).then(|| view! {
            <section class="card report" data-testid="report-sentra">
                <h2>{t(Msg::ReportSentra)}</h2>
                {s.coverage_kabupaten.map(|(with, of)| view! {
                    <p class="report__lead" data-testid="report-coverage-kabupaten">
                        {fill(i18n.t(Msg::ReportCoverageKabupaten), &[("with", &n(with)), ("of", &n(of))])}
                    </p>
                })}
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
                {per_kabupaten(&s.kabupaten, &status_names, "table-sentra-kabupaten", i18n, wilayah)}
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
                {(v.kabupaten.len() > 1).then(|| survei_per_place(v, &v.kabupaten, Msg::FieldKabupaten,
                    Msg::ReportSurveiPerKabupaten, "table-survei-kabupaten", move |k| wilayah.kabupaten_label(k), i18n))}
                {survei_per_place(v, &v.kecamatan, Msg::KecamatanLabel, Msg::ReportSurveiPerKecamatan,
                    "table-survei-kecamatan", move |k| kecamatan_name(wilayah, k), i18n)}
            </section>
        });
        let kawasan = (!r.kawasan.is_empty()).then(|| kawasan_readiness(&r, i18n, wilayah));
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
                {kegiatan_per_kabupaten(&r, i18n, wilayah)}
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

/// Villages surveyed per place (kecamatan, or kabupaten/kota), and how many of each place's
/// villages reached each OVOP stage (the funnel, per place), with the total row.
#[allow(clippy::too_many_arguments)]
fn survei_per_place(
    v: &SurveiFigures,
    rows: &[SurveiKecamatan],
    place_label: Msg,
    caption: Msg,
    testid: &'static str,
    name: impl Fn(&str) -> String,
    i18n: I18n,
) -> impl IntoView {
    let t = move |m: Msg| i18n.t(m).to_string();
    let n = move |v: u64| thousands(v, i18n.lang());
    let cells = move |villages: u64, funnel: [u64; 6], not_started: u64| {
        view! {
            <td class="num">{n(villages)}</td>
            {funnel.into_iter().map(|c| view! { <td class="num">{n(c)}</td> }).collect_view()}
            <td class="num">{n(not_started)}</td>
        }
    };
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="table" data-testid=testid>
                <caption>{t(caption)}</caption>
                <thead><tr>
                    <th>{t(place_label)}</th><th class="num">{t(Msg::ColDesa)}</th>
                    {OVOP_STAGES.iter().map(|s| view! { <th class="num">{t(s.label)}</th> }).collect_view()}
                    <th class="num">{t(Msg::ReportNotStarted)}</th>
                </tr></thead>
                <tbody>
                    {rows.iter().map(|k| view! {
                        <tr>
                            <td>{if k.kecamatan.is_empty() { t(Msg::ReportNotFilled) } else { name(&k.kecamatan) }}</td>
                            {cells(k.villages, k.funnel, k.not_started)}
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr>
                    <th>{t(Msg::ReportTotalRow)}</th>
                    {cells(v.villages, v.funnel, v.not_started)}
                </tr></tfoot>
            </table>
        </div>
    }
}

/// Counts per kabupaten/kota by the given columns, with a total column and a total row: shown
/// when a section's records lie in more than one kabupaten/kota (a province office's view).
fn per_kabupaten<C: AsRef<[u64]>>(
    rows: &[(String, C)],
    columns: &[String],
    testid: &'static str,
    i18n: I18n,
    wilayah: Wilayah,
) -> Option<impl IntoView> {
    if rows.len() < 2 {
        return None;
    }
    let t = move |m: Msg| i18n.t(m).to_string();
    let n = move |v: u64| thousands(v, i18n.lang());
    let cells = move |counts: &[u64]| {
        view! {
            {counts.iter().map(|c| view! { <td class="num">{n(*c)}</td> }).collect_view()}
            <td class="num">{n(counts.iter().sum())}</td>
        }
    };
    let mut total = vec![0u64; columns.len()];
    for (_, counts) in rows {
        for (t, c) in total.iter_mut().zip(counts.as_ref()) {
            *t += c;
        }
    }
    Some(view! {
        <div class="table-scroll" tabindex="0">
            <table class="table" data-testid=testid>
                <caption>{t(Msg::ReportPerKabupaten)}</caption>
                <thead><tr>
                    <th>{t(Msg::FieldKabupaten)}</th>
                    {columns.iter().map(|c| view! { <th class="num">{c.clone()}</th> }).collect_view()}
                    <th class="num">{t(Msg::ReportTotalRow)}</th>
                </tr></thead>
                <tbody>
                    {rows.iter().map(|(k, counts)| view! {
                        <tr>
                            <td>{if k.is_empty() { t(Msg::ReportNotFilled) } else { wilayah.kabupaten_label(k) }}</td>
                            {cells(counts.as_ref())}
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr>
                    <th>{t(Msg::ReportTotalRow)}</th>
                    {cells(&total)}
                </tr></tfoot>
            </table>
        </div>
    })
}

/// Activities per kabupaten/kota, a column for each kind that occurs.
fn kegiatan_per_kabupaten(r: &Report, i18n: I18n, wilayah: Wilayah) -> Option<impl IntoView> {
    let kinds: Vec<usize> = (0..JENIS_KEGIATAN.len())
        .filter(|&i| r.kegiatan_kabupaten.iter().any(|(_, v)| v[i] > 0))
        .collect();
    let columns: Vec<String> = kinds
        .iter()
        .map(|&i| i18n.t(JENIS_KEGIATAN[i].label).to_string())
        .collect();
    let rows: Vec<(String, Vec<u64>)> = r
        .kegiatan_kabupaten
        .iter()
        .map(|(k, v)| (k.clone(), kinds.iter().map(|&i| v[i]).collect()))
        .collect();
    per_kabupaten(&rows, &columns, "table-kegiatan-kabupaten", i18n, wilayah)
}

/// Kawasan IKM readiness per kabupaten/kota, as a province office reports it, with the total
/// row: how many, the land (area known, and how many not known yet: never shown as 0 ha),
/// clean and clear (yes / no / not known), RPIK and central funds by status.
fn kawasan_readiness(r: &Report, i18n: I18n, wilayah: Wilayah) -> impl IntoView {
    let t = move |m: Msg| i18n.t(m).to_string();
    let n = move |v: u64| thousands(v, i18n.lang());
    let lahan = move |k: &KawasanRow| {
        let unknown = k.count - k.luas_known;
        let known = format::hectares(k.luas_ha, i18n.lang());
        match (k.luas_known, unknown) {
            (0, _) => t(Msg::ReportUnknown),
            (_, 0) => known,
            (_, u) => fill(
                i18n.t(Msg::ReportLuasPartly),
                &[("ha", &known), ("unknown", &n(u))],
            ),
        }
    };
    let cells = move |k: &KawasanRow| {
        let counts: Vec<u64> = k
            .cnc
            .iter()
            .chain(&k.rpik)
            .chain(&k.dana)
            .copied()
            .collect();
        view! {
            <td class="num">{n(k.count)}</td>
            <td class="num">{lahan(k)}</td>
            {counts.into_iter().map(|c| view! { <td class="num">{n(c)}</td> }).collect_view()}
        }
    };
    let group = |m: Msg, span: usize| view! { <th scope="colgroup" colspan=span class="table__group">{t(m)}</th> };
    let sub = |label: String| view! { <th scope="col" class="num">{label}</th> };
    let total = r.kawasan_total();
    view! {
        <section class="card report" data-testid="report-kawasan">
            <h2>{t(Msg::ReportKawasan)}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="table" data-testid="table-kawasan">
                    <thead>
                        <tr>
                            <th rowspan="2">{t(Msg::FieldKabupaten)}</th>
                            <th rowspan="2" class="num">{t(Msg::ColJumlah)}</th>
                            <th rowspan="2" class="num">{t(Msg::FieldLuasHa)}</th>
                            {group(Msg::FieldCnc, 3)}{group(Msg::FieldRpik, RPIK.len())}{group(Msg::FieldDanaPusat, DANA_PUSAT.len())}
                        </tr>
                        <tr>
                            {sub(t(Msg::ChoiceYa))}{sub(t(Msg::ChoiceTidak))}{sub(t(Msg::ReportUnknown))}
                            {RPIK.iter().chain(DANA_PUSAT).map(|c| sub(t(c.label))).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {r.kawasan.iter().map(|k| view! {
                            <tr>
                                <td>{wilayah.kabupaten_label(&k.kabupaten)}</td>
                                {cells(k)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr data-testid="kawasan-total">
                        <th>{t(Msg::ReportTotalRow)}</th>
                        {cells(&total)}
                    </tr></tfoot>
                </table>
            </div>
        </section>
    }
}
