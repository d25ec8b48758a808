//! What every list offers above its rows: its filters folded behind "Saring", the "not yet
//! shared" filter among them, and its order.

use crate::i18n::{fill, Msg};
use crate::lists::Sort;
use crate::web::i18n::{tr, I18n};
use leptos::prelude::*;

/// A list's filters, folded behind "Saring" so a phone shows the first records; the summary says
/// how many of `filters` are on ("Saring (2 aktif)").
#[component]
pub fn FoldedFilters(filters: Vec<RwSignal<String>>, children: Children) -> impl IntoView {
    let i18n = I18n::expect();
    let active = move || filters.iter().filter(|f| f.with(|v| !v.is_empty())).count();
    view! {
        <details class="filters__more" data-testid="filters">
            <summary class="button button--small" data-testid="filters-toggle">{move || match active() {
                0 => i18n.t(Msg::ListFilter).to_string(),
                n => fill(i18n.t(Msg::ListFilterActive), &[("count", &n.to_string())]),
            }}</summary>
            {children()}
        </details>
    }
}

/// "Hanya yang belum dibagikan": a filter of every list, inside its [`FoldedFilters`] (`chosen`
/// is "1" when on, so it counts among the active filters).
#[component]
pub fn UnsentFilter(
    chosen: RwSignal<String>,
    #[prop(optional)] on_change: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <label class="choice__option filters__check">
            <input type="checkbox" data-testid="filter-unsent" prop:checked=move || chosen.with(|c| !c.is_empty())
                on:change=move |ev| {
                    chosen.set(if event_target_checked(&ev) { "1".to_string() } else { String::new() });
                    if let Some(f) = on_change { f.run(()) }
                }/>
            {tr(Msg::FilterUnsent)}
        </label>
    }
}

/// A list's order: by name, latest change, or `place` (the label of its village or kecamatan
/// field; none for kinds without a place).
#[component]
pub fn SortSelect(
    sort: RwSignal<Sort>,
    place: Option<Msg>,
    #[prop(optional)] on_change: Option<Callback<()>>,
) -> impl IntoView {
    let choices = Sort::ALL.into_iter().filter_map(move |s| {
        let label = match s {
            Sort::Name => Msg::SortName,
            Sort::Recent => Msg::SortRecent,
            Sort::Place => place?,
        };
        Some(view! { <option value=s.key() selected=move || sort.get() == s>{tr(label)}</option> })
    });
    view! {
        <label class="field filters__sort">
            <span class="field__label">{tr(Msg::SortLabel)}</span>
            <select data-testid="sort" on:change=move |ev| {
                sort.set(Sort::from_key(&event_target_value(&ev)));
                if let Some(f) = on_change { f.run(()) }
            }>
                {choices.collect_view()}
            </select>
        </label>
    }
}
