//! The Usaha list: search, filters, counts, phone numbers masked; its first screen kept for the
//! next opening (the detail view is `usaha_detail`).

use super::list_controls::{FoldedFilters, SortSelect, UnsentFilter};
use super::photos_card::PhotoImage;
use super::records::{distinct, kecamatan_choices, UndoBanner};
use super::usaha_rows::{
    lay_out, next_key, place_names, Ordered, Rows, RowsBuilder, Screen, SearchTexts, Shown, SCREEN,
};
use super::{EmptyState, Page};
use crate::i18n::{fill, Msg};
use crate::lists::{order_by, Query, Sort};
use crate::model::klasifikasi::Umkm;
use crate::model::usaha::status_label;
use crate::store::Unsent;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{LoadState, Records};
use crate::web::slices;
use crate::web::wilayah::{Scope, Wilayah};
use crate::wilayah::{kabupaten_of, kecamatan_of};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

/// Height of one list row in CSS pixels (fixed, so the visible slice follows from the scroll
/// position alone).
const ROW_PX: f64 = 96.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 4;

#[component]
pub fn UsahaPage() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let query = RwSignal::new(String::new());
    let status_filter = RwSignal::new(String::new());
    let komoditas_filter = RwSignal::new(String::new());
    // "" any class, "-" data belum cukup, else an UMKM class key.
    let class_filter = RwSignal::new(String::new());
    let kecamatan_filter = RwSignal::new(String::new());
    // "" every Usaha, "1" only those not shared yet.
    let unsent_filter = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Name);
    // Only the rows inside the scroll box (plus a few) are in the DOM, whatever the count.
    let scroll_top = RwSignal::new(0.0_f64);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let box_px = (window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
        * 0.7)
        .max(ROW_PX * 4.0);
    let to_top = move || {
        scroll_top.set(0.0);
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
    };

    let wilayah = Wilayah::expect();
    // Built again when the records change, in slices (a build started before is dropped);
    // never per keystroke nor when region data arrives.
    let rows = RwSignal::new(Rows::default());
    let building = StoredValue::new(0_u64);
    Effect::new(move |_| {
        records.all.track();
        let mut builder = RowsBuilder::new();
        let key = next_key();
        building.set_value(key);
        let writes = records.writes_shown();
        leptos::task::spawn_local(async move {
            while building.try_get_value() == Some(key) {
                let deadline = slices::Deadline::start();
                let built = records
                    .all
                    .with_untracked(|all| builder.build(all, || !deadline.passed()));
                if let Some(mut built) = built {
                    let by_name =
                        slices::sort_in_slices((0..built.rows.len()).collect(), |&a, &b| {
                            built.rows[a].name_key.cmp(&built.rows[b].name_key)
                        })
                        .await;
                    built.by_name = by_name;
                    built.writes = writes;
                    if building.try_get_value() == Some(key) {
                        rows.try_set(built);
                    }
                    return;
                }
                slices::breathe().await;
            }
        });
    });
    // The villages' names: a few hundred, recomputed when region data arrives.
    let places = Memo::new(move |_| {
        wilayah
            .gazetteer
            .with(|g| rows.with(|r| place_names(g, &r.villages)))
    });
    // Villages outside the loaded region data are named (and found by name) once their
    // kabupaten/kota is loaded, as on the other lists.
    Effect::new(move |_| {
        let kabupaten: BTreeSet<String> = rows.with(|r| {
            r.villages
                .iter()
                .filter(|d| d.len() >= 5)
                .map(|d| kabupaten_of(d).to_string())
                .collect()
        });
        for k in kabupaten {
            wilayah.ensure(Scope::Kabupaten(k));
        }
    });
    // The first screen kept at the last opening, shown until the rows are built; and this
    // opening's, kept for the next once the rows are built (again when the villages are named).
    let kept = Memo::new(move |_| {
        records.screens.with(|s| {
            s.get(SCREEN)
                .and_then(|text| serde_json::from_str::<Screen>(text).ok())
        })
    });
    let last_kept = StoredValue::new(String::new());
    Effect::new(move |_| {
        let Some(at) = rows.with(|r| r.writes.filter(|_| r.built && !r.rows.is_empty())) else {
            return;
        };
        let screen =
            places.with(|p| rows.with(|r| records.all.with_untracked(|all| Screen::of(r, p, all))));
        let Ok(text) = serde_json::to_string(&screen) else {
            return;
        };
        if last_kept.with_value(|last| *last != text) {
            last_kept.set_value(text.clone());
            records.keep_screen(SCREEN, at, text);
        }
    });
    let ready = Memo::new(move |_| {
        records.state.with(|s| *s == LoadState::Ready) && rows.with(|r| r.built)
    });
    // What the page shows: a memo, so the list is not drawn anew at every change of the rows.
    let phase = Memo::new(move |_| match records.state.get() {
        LoadState::Failed(e) => Phase::Failed(e),
        _ if ready.get() && rows.with(|r| r.rows.is_empty()) => Phase::Empty,
        _ if ready.get() || kept.with(Option::is_some) => Phase::List,
        _ => Phase::Loading,
    });
    // The order is computed once per change of the records or of the sort; a keystroke only
    // filters.
    let ordered = Memo::new(move |_| {
        let sort = sort.get();
        rows.with(|r| {
            let row = |i: usize| &r.rows[i];
            let order = if sort == Sort::Name {
                r.by_name.clone()
            } else if sort == Sort::Place {
                places.with(|p| {
                    order_by(
                        r.rows.len(),
                        |i| {
                            (
                                &row(i).name_key,
                                &p.keys[row(i).place as usize],
                                row(i).stamp,
                            )
                        },
                        sort,
                    )
                })
            } else {
                order_by(r.rows.len(), |i| (&row(i).name_key, "", row(i).stamp), sort)
            };
            Ordered {
                key: next_key(),
                order,
            }
        })
    });
    // The search texts, laid out in slices once the list is shown.
    let texts = StoredValue::new(SearchTexts::None);
    Effect::new(move |_| {
        let key = ordered.with(|o| o.key);
        leptos::task::spawn_local(async move {
            slices::after_paint().await;
            loop {
                let deadline = slices::Deadline::start();
                let done = ordered.try_with_untracked(|o| {
                    if o.key != key {
                        return true; // a newer order has its own
                    }
                    rows.with_untracked(|r| {
                        records.all.with_untracked(|all| {
                            texts
                                .try_update_value(|t| lay_out(t, o, r, all, || !deadline.passed()))
                                .unwrap_or(true)
                        })
                    })
                });
                if done.unwrap_or(true) {
                    return;
                }
                slices::breathe().await;
            }
        });
    });
    // Indices into the rows: a keystroke that matches most of 50,000 records sorts numbers,
    // not copies of the rows.
    let filtered = Memo::new(move |_| {
        let q = Query::new(&query.get());
        let (status, kec) = (status_filter.get(), kecamatan_filter.get());
        let (komoditas, class) = (komoditas_filter.get(), class_filter.get());
        let only_unsent = unsent_filter.with(|u| !u.is_empty());
        // The unsent marks are read (and tracked) only while that filter is on.
        let scan = |unsent: Option<&Unsent>| {
            rows.with(|r| {
                // Each village, status and commodity is tested once, not once per row.
                let is = |list: &[String], chosen: &str| -> Vec<bool> {
                    list.iter()
                        .map(|t| chosen.is_empty() || t == chosen)
                        .collect()
                };
                let (status_ok, komoditas_ok) =
                    (is(&r.statuses, &status), is(&r.komoditas, &komoditas));
                let kec_ok: Vec<bool> = r
                    .villages
                    .iter()
                    .map(|d| kec.is_empty() || kecamatan_of(d) == kec)
                    .collect();
                let keep = |&i: &usize| {
                    let row = &r.rows[i];
                    status_ok[row.status as usize]
                        && kec_ok[row.place as usize]
                        && komoditas_ok[row.komoditas as usize]
                        && match class.as_str() {
                            "" => true,
                            "-" => row.umkm.is_empty(),
                            key => row.umkm == key,
                        }
                        && unsent.is_none_or(|u| u.contains_key(&*row.id))
                };
                ordered.with(|o| {
                    if q.is_empty() {
                        return o.order.iter().copied().filter(keep).collect::<Vec<usize>>();
                    }
                    // Villages and kecamatan are matched by name once, not once per row.
                    let place_hits = places.with(|p| q.places(&p.places));
                    texts.update_value(|t| {
                        records
                            .all
                            .with_untracked(|all| lay_out(t, o, r, all, || true));
                    });
                    texts.with_value(|t| match t {
                        Some((_, table)) => table.hits(&q, &place_hits).filter(keep).collect(),
                        None => Vec::new(),
                    })
                })
            })
        };
        if only_unsent {
            records.unsent.with(|u| scan(Some(u)))
        } else {
            scan(None)
        }
    });
    let kecamatan_options = Memo::new(move |_| {
        let codes = rows.with(|r| {
            r.villages
                .iter()
                .filter(|d| d.len() >= 8)
                .map(|d| kecamatan_of(d).to_string())
                .collect()
        });
        kecamatan_choices(wilayah, codes)
    });
    let komoditas_options =
        Memo::new(move |_| rows.with(|r| distinct(r.komoditas.iter().map(String::as_str))));
    // The positions in view (plus a few) of a list of `len` rows.
    let in_view = move |len: usize| {
        let first = ((scroll_top.get() / ROW_PX) as usize).saturating_sub(OVERSCAN);
        let count = (box_px / ROW_PX).ceil() as usize + 2 * OVERSCAN;
        let end = (first + count).min(len);
        first.min(end)..end
    };
    // The rows in view, each with what it shows (read from its record while it is in view).
    let visible = move || -> Vec<(usize, Shown)> {
        if !ready.get() {
            // The kept first screen, as the list opens: every Usaha by name, no filter.
            let opening = query.with(String::is_empty)
                && sort.get() == Sort::Name
                && [
                    status_filter,
                    kecamatan_filter,
                    komoditas_filter,
                    class_filter,
                    unsent_filter,
                ]
                .iter()
                .all(|f| f.with(String::is_empty));
            return kept.with(|k| match k {
                Some(k) if opening => in_view(k.total)
                    .filter_map(|n| Some((n, k.rows.get(n)?.clone())))
                    .collect(),
                _ => Vec::new(),
            });
        }
        let hits = filtered.with(|hits| {
            in_view(hits.len())
                .map(|n| (n, hits[n]))
                .collect::<Vec<_>>()
        });
        hits.into_iter()
            .map(|(n, i)| {
                let (id, place) = rows.with(|r| (r.rows[i].id.clone(), r.rows[i].place));
                let place =
                    places.with(|p| p.shown.get(place as usize).cloned().unwrap_or_default());
                (
                    n,
                    records.all.with_untracked(|all| Shown::of(all, &id, place)),
                )
            })
            .collect()
    };
    let count_text = move |(shown, total): (usize, usize)| {
        fill(
            i18n.t(Msg::UsahaCount),
            &[("shown", &i18n.n(shown)), ("total", &i18n.n(total))],
        )
    };
    // Counted in the list: what the filters let through of every Usaha.
    let counts = move || {
        if ready.get() {
            (filtered.with(Vec::len), rows.with(|r| r.rows.len()))
        } else {
            let total = kept.with(|k| k.as_ref().map_or(0, |k| k.total));
            (total, total)
        }
    };

    view! {
        <Page title=Msg::NavUsaha intro=Msg::UsahaIntro>
            <UndoBanner/>
            <p><A href="/usaha/baru"><span class="button button--primary" data-testid="usaha-add">{tr(Msg::ActionAdd)}</span></A></p>
            {move || match phase.get() {
                Phase::Loading => view! { <p role="status">{tr(Msg::StoreLoading)}</p> }.into_any(),
                Phase::Failed(e) => view! { <p class="card card--warning" role="alert">{tr(e.message())}</p> }.into_any(),
                Phase::Empty => view! { <EmptyState msg=Msg::UsahaEmpty/> }.into_any(),
                Phase::List => view! {
                    <div class="filters">
                        <label class="field">
                            <span class="field__label">{tr(Msg::UsahaSearch)}</span>
                            <input type="search" data-testid="usaha-search" prop:value=move || query.get()
                                on:input=move |ev| { query.set(event_target_value(&ev)); to_top(); }/>
                        </label>
                        <FoldedFilters filters=vec![status_filter, kecamatan_filter, komoditas_filter, class_filter, unsent_filter]>
                        <label class="field">
                            <span class="field__label">{tr(Msg::FieldStatus)}</span>
                            <select data-testid="filter-status" on:change=move |ev| { status_filter.set(event_target_value(&ev)); to_top(); }>
                                <option value="">{tr(Msg::FilterAll)}</option>
                                {["aktif", "tidak_aktif", "tutup"].map(|s| view! { <option value=s>{tr(status_label(s))}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="field">
                            <span class="field__label">{tr(Msg::KecamatanLabel)}</span>
                            <select data-testid="filter-kecamatan" on:change=move |ev| { kecamatan_filter.set(event_target_value(&ev)); to_top(); }>
                                <option value="">{tr(Msg::FilterAll)}</option>
                                {move || kecamatan_options.get().into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="field">
                            <span class="field__label">{tr(Msg::FieldKomoditas)}</span>
                            <select data-testid="filter-komoditas" on:change=move |ev| { komoditas_filter.set(event_target_value(&ev)); to_top(); }>
                                <option value="">{tr(Msg::FilterAll)}</option>
                                {move || komoditas_options.get().into_iter().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="field">
                            <span class="field__label">{tr(Msg::ClassUmkmLabel)}</span>
                            <select data-testid="filter-class" on:change=move |ev| { class_filter.set(event_target_value(&ev)); to_top(); }>
                                <option value="">{tr(Msg::FilterAll)}</option>
                                {Umkm::ALL.map(|c| view! { <option value=c.key()>{tr(c.label())}</option> }).collect_view()}
                                <option value="-">{tr(Msg::DataBelumCukup)}</option>
                            </select>
                        </label>
                        <UnsentFilter chosen=unsent_filter on_change=Callback::new(move |()| to_top())/>
                        </FoldedFilters>
                        <SortSelect sort place=Some(Msg::DesaLabel) on_change=Callback::new(move |()| to_top())/>
                    </div>
                    // Until the records are read, the count the kept first screen had, and a
                    // word that the rest is coming.
                    <Show when=move || ready.get() fallback=move || view! {
                        <p data-testid="usaha-count-kept">
                            {move || count_text(counts())}
                            <span class="list-count__loading" role="status" data-testid="usaha-still-loading">
                                " · " {tr(Msg::ListStillLoading)}
                            </span>
                        </p>
                    }>
                        <p data-testid="usaha-count" role="status">{move || count_text(counts())}</p>
                    </Show>
                    <div class="record-scroll" node_ref=scroller
                        style=move || format!("max-height: {box_px}px")
                        on:scroll=move |_| if let Some(el) = scroller.get_untracked() { scroll_top.set(el.scroll_top() as f64) }>
                        <ul class="record-list" data-testid="usaha-list"
                            style=move || format!("height: {}px", counts().0 as f64 * ROW_PX)>
                            {move || visible().into_iter().map(|(n, shown)| view! { <Item n shown/> }).collect_view()}
                        </ul>
                    </div>
                    <Show when=move || ready.get() && filtered.with(Vec::is_empty)>
                        <p>{tr(Msg::UsahaNoMatch)}</p>
                    </Show>
                }.into_any(),
            }}
        </Page>
    }
}

/// What the Usaha list shows.
#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    Failed(crate::store::StoreError),
    Empty,
    /// The list: its rows once built, the first screen kept at the last opening until then.
    List,
}

/// One row of the Usaha list, at position `n`.
#[component]
fn Item(n: usize, shown: Shown) -> impl IntoView {
    let Shown {
        id,
        nama,
        status,
        place,
        komoditas,
        phone,
        photo,
    } = shown;
    let label = status_label(&status);
    let class = if photo.is_some() {
        "record-list__item record-list__item--photo"
    } else {
        "record-list__item"
    };
    view! {
        <li class=class style=format!("top: {}px; height: {}px", n as f64 * ROW_PX, ROW_PX - 6.0)>
            {photo.map(|hash| view! { <PhotoImage hash class="record-list__photo"/> })}
            <div class="record-list__line">
                <A href=format!("/usaha/{id}")><span class="record-list__title">{nama}</span></A>
                <span class=format!("chip chip--{status}")>{tr(label)}</span>
            </div>
            // The place on a line of its own, the commodity and phone on the
            // next: at 360 px one line cut all three ("Aengtongtong, Kec…").
            <div class="record-list__line record-list__meta">
                <span>{place}</span>
            </div>
            <div class="record-list__line record-list__meta">
                <span>{komoditas}</span>
                <span data-testid="masked-phone">{phone}</span>
            </div>
        </li>
    }
}
