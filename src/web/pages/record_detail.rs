//! A record's page (every kind a schema describes): its fields as shown, its links both ways
//! (a sentra's members, the sentra an Usaha belongs to), its last change, edit and delete.

use super::photos_card::PhotosOf;
use super::records::{href_of, use_delete, LastChange, Names};
use super::Page;
use crate::format;
use crate::i18n::Msg;
use crate::model::kinds::{kegiatan_field_about, ovop_reached, OVOP_STAGES};
use crate::model::schema::{values_of, Schema, Ty};
use crate::model::{Kind, Record};
use crate::names::{gps_point, map_links, short_label};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{LoadState, Records};
use crate::web::wilayah::{Scope, Wilayah};
use crate::wilayah::kabupaten_of;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RecordDetailPage(schema: &'static Schema) -> impl IntoView {
    let params = use_params_map();
    let records = Records::expect();
    let record = Memo::new(move |_| {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        records.all.with(|all| {
            all.get(id.as_str())
                .filter(|r| r.kind == schema.kind && !r.is_deleted())
                .cloned()
        })
    });
    let list = format!("/{}", schema.path);
    view! {
        <Page title=schema.title>
            {move || match record.get() {
                Some(r) => view! { <RecordDetail schema=schema record=r/> }.into_any(),
                None if records.state.get() == LoadState::Loading => view! { <p>{tr(Msg::StoreLoading)}</p> }.into_any(),
                None => view! { <p>{tr(Msg::RecordNotFound)}</p><p><A href=list.clone()>{tr(Msg::ActionBack)}</A></p> }.into_any(),
            }}
            <PhotosOf record/>
        </Page>
    }
}

#[component]
fn RecordDetail(schema: &'static Schema, record: Record) -> impl IntoView {
    let i18n = I18n::expect();
    let names = Names::expect();
    let wilayah = Wilayah::expect();
    for spec in schema.fields() {
        let code = record.text(spec.key);
        match spec.ty {
            Ty::Desa | Ty::Kecamatan if code.len() >= 5 => {
                wilayah.ensure(Scope::Kabupaten(kabupaten_of(code).to_string()))
            }
            Ty::Kabupaten => wilayah.ensure_index(),
            _ => {}
        }
    }
    let values = values_of(&record);
    let warnings = (schema.warnings)(&values);
    let stage = (schema.kind == Kind::SurveiDesa).then(|| ovop_reached(&values));
    let r = record.clone();
    let sections = move || {
        names.with(|names| {
            schema
                .sections
                .iter()
                .map(|section| {
                    let facts = section
                        .fields
                        .iter()
                        .filter_map(|spec| {
                            let shown = names.shown_field(&r, spec, false)?;
                            let links: Vec<(String, String)> = match spec.ty {
                                Ty::Link(kind) | Ty::Links(kind) => {
                                    let ids = match spec.ty {
                                        Ty::Links(_) => r.links(spec.key),
                                        _ => vec![r.text(spec.key)],
                                    };
                                    ids.into_iter()
                                        .map(|id| (href_of(kind, id), names.linked_title(kind, id)))
                                        .collect()
                                }
                                _ => Vec::new(),
                            };
                            let point = (spec.ty == Ty::Gps).then(|| gps_point(&r)).flatten();
                            Some((spec.key, short_label(spec.label), shown, links, point))
                        })
                        .collect::<Vec<_>>();
                    (section.title, facts)
                })
                .filter(|(_, facts)| !facts.is_empty())
                .map(|(title, facts)| {
                    view! {
                        <h3>{tr(title)}</h3>
                        <dl class="facts">
                            {facts.into_iter().map(|(key, label, shown, links, point)| view! {
                                <dt>{tr(label)}</dt>
                                <dd data-testid=format!("fact-{key}")>
                                    {if let Some(point) = point {
                                        view! { {shown} <MapLinks point/> }.into_any()
                                    } else if links.is_empty() {
                                        shown.into_any()
                                    } else {
                                        view! {
                                            <ul class="links">
                                                {links.into_iter().map(|(href, title)| view! { <li><A href=href>{title}</A></li> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </dd>
                            }).collect_view()}
                        </dl>
                    }
                })
                .collect_view()
        })
    };
    let title = {
        let r = record.clone();
        move || names.with(|names| names.title(&r))
    };
    let status = schema.status.and_then(|key| {
        let spec = schema.field(key)?;
        let value = record.get(key)?.clone();
        let class = format!("chip chip--{}", value.as_str().unwrap_or_default());
        Some(view! { <p><span class=class>{move || names.with(|n| n.shown(spec, &value, false))}</span></p> })
    });
    let list = format!("/{}", schema.path);
    let delete = {
        let record = record.clone();
        let delete = use_delete(list.clone());
        move |_| delete(&record)
    };
    view! {
        <article class="card" data-testid="record-detail">
            <h2 data-testid="record-title">{title}</h2>
            {status}
            {(!warnings.is_empty()).then(|| view! {
                <div class="card card--warning" role="status" data-testid="record-warnings">
                    {warnings.into_iter().map(|w| view! { <p>{move || w.text(i18n.lang())}</p> }).collect_view()}
                </div>
            })}
            {stage.map(|stage| view! {
                <p data-testid="ovop-reached"><strong>{tr(Msg::OvopReached)} ": "</strong>
                    {tr(stage.map_or(Msg::OvopNone, |i| OVOP_STAGES[i].label))}</p>
            })}
            {sections}
            {kegiatan_field_about(schema.kind).map(|field| view! {
                <KegiatanAbout field=field id=record.id.to_string()/>
            })}
            <LastChange record=record.clone()/>
            <div class="form__actions">
                <A href=format!("/{}/{}/ubah", schema.path, record.id)><span class="button button--primary" data-testid="edit">{tr(Msg::ActionEdit)}</span></A>
                <button class="button button--danger" data-testid="delete" on:click=delete>{tr(Msg::ActionDelete)}</button>
                <A href=list><span class="button">{tr(Msg::ActionBack)}</span></A>
            </div>
        </article>
    }
}

/// The Kegiatan that concern this record (their `field` links to it), latest first: a kawasan's
/// verification visits, a sentra's meetings, a surveyed village's follow-ups.
#[component]
fn KegiatanAbout(field: &'static str, id: String) -> impl IntoView {
    let i18n = I18n::expect();
    let names = Names::expect();
    let kegiatan = move || {
        names.with(|names| {
            let mut list: Vec<(String, String, String)> = names
                .all
                .values()
                .filter(|r| r.kind == Kind::Kegiatan && !r.is_deleted() && r.text(field) == id)
                .map(|r| {
                    let date = r.text("tanggal").to_string();
                    (date, href_of(Kind::Kegiatan, &r.id), names.title(r))
                })
                .collect();
            crate::sort::by(&mut list, |a, b| b.0.cmp(&a.0));
            list
        })
    };
    view! {
        <h3>{tr(Msg::KegiatanAbout)}</h3>
        <div data-testid="kegiatan-about">
            {move || {
                let list = kegiatan();
                if list.is_empty() {
                    view! { <p>{tr(Msg::KegiatanAboutNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="links">
                            {list.into_iter().map(|(date, href, title)| view! {
                                <li><A href=href>{title}</A>" — "{format::date(&date, i18n.lang())}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// The sentra that list this Usaha among their members (shown on the Usaha's page).
#[component]
pub fn SentraOf(id: String) -> impl IntoView {
    let names = Names::expect();
    let sentra = move || {
        names.with(|names| {
            names
                .all
                .values()
                .filter(|r| r.kind == Kind::Sentra && !r.is_deleted())
                .filter(|r| r.links("anggota").contains(&id.as_str()))
                .map(|r| (href_of(Kind::Sentra, &r.id), names.title(r)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <dt>{tr(Msg::SentraMembership)}</dt>
        <dd data-testid="usaha-sentra">
            {move || {
                let list = sentra();
                if list.is_empty() {
                    view! { <span>{tr(Msg::SentraNone)}</span> }.into_any()
                } else {
                    view! {
                        <ul class="links">
                            {list.into_iter().map(|(href, title)| view! { <li><A href=href>{title}</A></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </dd>
    }
}

/// Where a GPS point opens: the phone's map app (`geo:`), or OpenStreetMap in the browser.
#[component]
pub fn MapLinks(point: (f64, f64)) -> impl IntoView {
    let (geo, web) = map_links(point);
    view! {
        <span class="map-links">
            <a href=geo data-testid="map-app">{tr(Msg::MapOpenApp)}</a>
            <a href=web target="_blank" rel="noopener" data-testid="map-web">{tr(Msg::MapOpenWeb)}</a>
        </span>
    }
}
