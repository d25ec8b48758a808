//! Charts drawn by the app as SVG, each bar with its label and its number beside it (readable
//! without the picture, printed or read aloud): bars, stacked bars with a legend, a funnel.
//! The lengths come from `report::bar_share`, tested natively.

use crate::format::thousands;
use crate::i18n::Lang;
use crate::report::bar_share;
use leptos::prelude::*;

/// One row: its label, its value (for the length) and the value as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub shown: String,
}

/// Series colours by position (the stylesheet gives them; print keeps them).
fn series_class(i: usize) -> String {
    format!("chart__seg chart__seg--{}", i % 6)
}

/// Horizontal bars, longest first as given.
#[component]
pub fn BarChart(
    title: String,
    bars: Vec<Bar>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption class="chart__title">{title}</figcaption>
            {bars.into_iter().map(|b| {
                let width = format!("{:.2}", bar_share(b.value, max));
                view! {
                    <div class="chart__row">
                        <span class="chart__label">{b.label}</span>
                        <svg class="chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect class=series_class(0) x="0" y="0" width=width height="10"/>
                        </svg>
                        <span class="chart__value">{b.shown}</span>
                    </div>
                }
            }).collect_view()}
        </figure>
    }
}

/// Bars split into series (for example kecamatan by UMKM class), with a legend; the number
/// beside each bar is its total, the parts are in each segment's title.
#[component]
pub fn StackedChart(
    title: String,
    series: Vec<String>,
    rows: Vec<(String, Vec<u64>)>,
    lang: Lang,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let max = rows
        .iter()
        .map(|(_, parts)| parts.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    let legend = series.clone();
    let shown = move |n: u64| thousands(n, lang);
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption class="chart__title">{title}</figcaption>
            <ul class="chart__legend">
                {legend.into_iter().enumerate().map(|(i, name)| view! {
                    <li>
                        <svg viewBox="0 0 10 10" aria-hidden="true"><rect class=series_class(i) width="10" height="10"/></svg>
                        {name}
                    </li>
                }).collect_view()}
            </ul>
            {rows.into_iter().map(|(label, parts)| {
                let total: u64 = parts.iter().sum();
                let mut x = 0.0;
                let segments = parts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| {
                    let w = bar_share(*n, max);
                    let seg_x = x;
                    x += w;
                    let tip = format!("{}: {}", series.get(i).cloned().unwrap_or_default(), shown(*n));
                    view! {
                        <rect class=series_class(i) x=format!("{seg_x:.2}") y="0" width=format!("{w:.2}") height="10">
                            <title>{tip}</title>
                        </rect>
                    }
                }).collect_view();
                view! {
                    <div class="chart__row">
                        <span class="chart__label">{label}</span>
                        <svg class="chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            {segments}
                        </svg>
                        <span class="chart__value">{shown(total)}</span>
                    </div>
                }
            }).collect_view()}
        </figure>
    }
}

/// Steps narrowing from the first (the OVOP stages villages reached), centred.
#[component]
pub fn FunnelChart(
    title: String,
    steps: Vec<Bar>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let max = steps.iter().map(|b| b.value).max().unwrap_or(0);
    view! {
        <figure class="chart chart--funnel" data-testid=testid>
            <figcaption class="chart__title">{title}</figcaption>
            {steps.into_iter().map(|b| {
                let w = bar_share(b.value, max);
                view! {
                    <div class="chart__row">
                        <span class="chart__label">{b.label}</span>
                        <svg class="chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect class=series_class(1) x=format!("{:.2}", (100.0 - w) / 2.0) y="0" width=format!("{w:.2}") height="10"/>
                        </svg>
                        <span class="chart__value">{b.shown}</span>
                    </div>
                }
            }).collect_view()}
        </figure>
    }
}
