//! An Usaha's detail view, with delete and undo.

use super::photos_card::PhotosOf;
use super::record_detail::{MapLinks, SentraOf};
use super::records::{use_delete, LastChange, Names};
use super::Page;
use crate::i18n::Msg;
use crate::model::usaha::{classes, status_label};
use crate::model::Record;
use crate::names::gps_point;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{LoadState, Records};
use crate::web::wilayah::{Scope, Wilayah};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UsahaDetailPage() -> impl IntoView {
    let params = use_params_map();
    let records = Records::expect();
    let record = Memo::new(move |_| {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        records
            .all
            .with(|all| all.get(id.as_str()).filter(|r| !r.is_deleted()).cloned())
    });
    view! {
        <Page title=Msg::NavUsaha>
            {move || match record.get() {
                Some(r) => view! { <UsahaDetail record=r/> }.into_any(),
                None if records.state.get() == LoadState::Loading => view! { <p>{tr(Msg::StoreLoading)}</p> }.into_any(),
                None => view! { <p>{tr(Msg::UsahaNotFound)}</p><p><A href="/usaha">{tr(Msg::ActionBack)}</A></p> }.into_any(),
            }}
            <PhotosOf record/>
        </Page>
    }
}

#[component]
fn UsahaDetail(record: Record) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let names = Names::expect();
    let desa = record.text("desa").to_string();
    if desa.len() >= 5 {
        wilayah.ensure(Scope::Kabupaten(desa[..5].to_string()));
    }
    let c = classes(&record);
    let class_text = move |label: Option<Msg>| i18n.t(label.unwrap_or(Msg::DataBelumCukup));
    // Every field but the name and status (above), as `Lookup` shows it.
    let facts = {
        let r = record.clone();
        move || names.with(|names| names.usaha_facts(&r))
    };
    let point = gps_point(&record);
    let delete = {
        let record = record.clone();
        let delete = use_delete("/usaha".to_string());
        move |_| delete(&record)
    };
    view! {
        <article class="card" data-testid="usaha-detail">
            <h2 data-testid="usaha-name">{record.text("nama").to_string()}</h2>
            <p><span class=format!("chip chip--{}", record.text("status"))>{tr(status_label(record.text("status")))}</span></p>
            <dl class="facts">
                {move || facts().into_iter().map(|fact| view! {
                    <dt>{tr(fact.label)}</dt>
                    <dd data-testid=format!("fact-{}", fact.key)>
                        {fact.text}
                        {(fact.key == "lat").then(|| point.map(|p| view! { <MapLinks point=p/> }))}
                    </dd>
                }).collect_view()}
                <dt>{tr(Msg::ClassUmkmLabel)}</dt>
                <dd data-testid="class-umkm">{move || class_text(c.umkm.map(|x| x.label()))}</dd>
                <dt>{tr(Msg::ClassIndustriLabel)}</dt>
                <dd data-testid="class-industri">{move || class_text(c.industri.map(|x| x.label()))}</dd>
                <dt>{tr(Msg::ClassBpsLabel)}</dt>
                <dd data-testid="class-bps">{move || class_text(c.bps.map(|x| x.label()))}</dd>
                <SentraOf id=record.id.to_string()/>
            </dl>
            <LastChange record=record.clone()/>
            <div class="form__actions">
                <A href=format!("/usaha/{}/ubah", record.id)><span class="button button--primary" data-testid="edit">{tr(Msg::ActionEdit)}</span></A>
                <button class="button button--danger" data-testid="delete" on:click=delete>{tr(Msg::ActionDelete)}</button>
                <A href="/usaha"><span class="button">{tr(Msg::ActionBack)}</span></A>
            </div>
        </article>
    }
}
