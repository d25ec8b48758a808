//! The list and the detail view of every kind described by a schema (Sentra, Survei Desa,
//! Kawasan IKM, Kegiatan, Mitra, Jejaring), and what they share with the Usaha pages: names for
//! stored values, links between records, the undo banner.

pub use super::list_controls::FoldedFilters;
use super::list_controls::{SortSelect, UnsentFilter};
use super::photos_card::PhotoImage;
use super::{EmptyState, Page};
use crate::i18n::{fill, Msg};
use crate::lists::{haystack, order, Query, Searchable, Sort, SortKeys};
use crate::model::schema::{filter_choices, filter_value, FieldSpec, Schema, Ty, NOT_KNOWN};
use crate::model::{kinds, photo::photos, Id};
use crate::model::{Kind, Record};
pub use crate::names::Lookup;
use crate::web::app::ProfileState;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{local_time, Deleted, LoadState, Records};
use crate::web::wilayah::{Scope, Wilayah};
use crate::wilayah::{kabupaten_of, kecamatan_of_desa, search::fold};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// Where a record's detail page is.
pub fn href_of(kind: Kind, id: &str) -> String {
    match kinds::schema(kind) {
        Some(schema) => format!("/{}/{id}", schema.path),
        None => format!("/usaha/{id}"),
    }
}

/// The contexts a [`Lookup`] reads, taken once in a component's body so that event handlers
/// (which run outside any component) can use them too.
#[derive(Clone, Copy)]
pub struct Names {
    i18n: I18n,
    wilayah: Wilayah,
    records: Records,
}

impl Names {
    pub fn expect() -> Self {
        Names {
            i18n: I18n::expect(),
            wilayah: Wilayah::expect(),
            records: Records::expect(),
        }
    }

    /// Runs `f` with names from the current language, region data and records (tracked).
    pub fn with<R>(self, f: impl FnOnce(&Lookup) -> R) -> R {
        let lang = self.i18n.lang();
        self.wilayah.gazetteer.with(|gazetteer| {
            self.wilayah.index.with(|index| {
                self.records.all.with(|all| {
                    f(&Lookup {
                        lang,
                        gazetteer,
                        index: index.as_deref(),
                        all,
                    })
                })
            })
        })
    }
}

/// The distinct non-empty values, in folded alphabetical order (for filter options).
pub fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = values.filter(|v| !v.is_empty()).collect();
    let mut out: Vec<String> = set.into_iter().map(str::to_string).collect();
    crate::sort::by_cached_key(&mut out, |v| fold(v));
    out
}

/// Filter options for these kecamatan codes: each once, in code order, with its name when the
/// region data is loaded.
pub fn kecamatan_choices(wilayah: Wilayah, mut codes: Vec<String>) -> Vec<(String, String)> {
    crate::sort::plain(&mut codes);
    codes.dedup();
    wilayah.gazetteer.with(|g| {
        codes
            .into_iter()
            .map(|c| {
                let name = g
                    .kecamatan_name(&c)
                    .map_or_else(|| c.clone(), str::to_string);
                (c, name)
            })
            .collect()
    })
}

/// The kecamatan a record lies in, from its desa or kecamatan field.
fn kecamatan_code(schema: &Schema, r: &Record) -> Option<String> {
    let spec = schema.field_of(|t| matches!(t, Ty::Desa | Ty::Kecamatan))?;
    let code = r.text(spec.key);
    kecamatan_of_desa(code).map(str::to_string)
}

/// What the list shows of one record, computed once per change of the records.
#[derive(Clone, PartialEq)]
struct Row {
    id: Id,
    title: String,
    meta: Vec<String>,
    status: String,
    status_label: String,
    kecamatan: Option<String>,
    komoditas: String,
    /// The values of `schema.filters`, as they compare (`schema::filter_value`).
    extra: Vec<String>,
    /// Title, status, place and what the list shows; phone digits.
    search: Searchable,
    keys: SortKeys,
    /// The first photo, shown as the row's thumbnail.
    photo: Option<String>,
}

#[component]
pub fn RecordListPage(schema: &'static Schema) -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    let query = RwSignal::new(String::new());
    let status_filter = RwSignal::new(String::new());
    let kecamatan_filter = RwSignal::new(String::new());
    let komoditas_filter = RwSignal::new(String::new());
    // The schema's further filters, each with what is chosen ("" any).
    let extra = StoredValue::new(
        schema
            .filters
            .iter()
            .filter_map(|k| schema.field(k))
            .map(|spec| (spec, RwSignal::new(String::new())))
            .collect::<Vec<(&'static FieldSpec, RwSignal<String>)>>(),
    );
    // "" every record, "1" only those not shared yet.
    let unsent_filter = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Name);
    let place_spec = schema.field_of(|t| matches!(t, Ty::Desa | Ty::Kecamatan));
    let phone_specs: Vec<&'static FieldSpec> =
        schema.fields().filter(|s| s.ty == Ty::Phone).collect();
    let status_spec = schema.status.and_then(|k| schema.field(k));
    let komoditas_spec = schema.field_of(|t| *t == Ty::Komoditas);
    let names = Names::expect();
    let places_by_kecamatan = schema
        .field_of(|t| matches!(t, Ty::Desa | Ty::Kecamatan))
        .is_some();

    let rows = Memo::new(move |_| {
        names.with(|names| {
            names
                .all
                .values()
                .filter(|r| r.kind == schema.kind && !r.is_deleted())
                .map(|r| {
                    let title = names.title(r);
                    let meta: Vec<String> = schema
                        .meta
                        .iter()
                        .filter_map(|key| names.shown_field(r, schema.field(key)?, true))
                        .collect();
                    let status = status_spec.map_or("", |s| r.text(s.key)).to_string();
                    let status_label = status_spec
                        .and_then(|s| r.get(s.key).map(|v| names.shown(s, v, true)))
                        .unwrap_or_default();
                    let place = place_spec
                        .and_then(|s| names.shown_field(r, s, false))
                        .unwrap_or_default();
                    // Masked phones in the meta line add nothing: the digits in full instead.
                    let shown_meta = schema
                        .meta
                        .iter()
                        .zip(&meta)
                        .filter(|(key, _)| schema.field(key).is_none_or(|s| s.ty != Ty::Phone))
                        .map(|(_, m)| m.as_str());
                    let phones = phone_specs.iter().map(|s| r.text(s.key));
                    Row {
                        search: Searchable {
                            words: haystack(
                                [title.as_str(), status_label.as_str(), place.as_str()]
                                    .into_iter()
                                    .chain(shown_meta),
                            ),
                            digits: haystack(phones),
                            place: 0,
                        },
                        keys: SortKeys::new(&title, &place, r.last_change().0.wall),
                        id: r.id.clone(),
                        meta,
                        status,
                        status_label,
                        kecamatan: kecamatan_code(schema, r),
                        komoditas: komoditas_spec.map_or("", |s| r.text(s.key)).to_string(),
                        extra: extra.with_value(|extra| {
                            extra
                                .iter()
                                .map(|(spec, _)| filter_value(spec, r))
                                .collect()
                        }),
                        title,
                        photo: photos(r).into_iter().next().map(|(hash, _)| hash),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    // Names of regions in the records appear once their kabupaten is loaded.
    Effect::new(move |_| {
        let mut kabupaten: Vec<String> = rows.with(|rows| {
            rows.iter()
                .filter_map(|r| r.kecamatan.as_deref().map(|k| kabupaten_of(k).to_string()))
                .collect()
        });
        crate::sort::plain(&mut kabupaten);
        kabupaten.dedup();
        for k in kabupaten {
            wilayah.ensure(Scope::Kabupaten(k));
        }
        if schema.field_of(|t| *t == Ty::Kabupaten).is_some() {
            wilayah.ensure_index();
        }
    });
    // Sorted once per change of the records or of the order; a keystroke only filters.
    let ordered = Memo::new(move |_| {
        let sort = sort.get();
        rows.with(|rows| order(rows, |r| &r.keys, sort))
    });
    let filtered = Memo::new(move |_| {
        let q = Query::new(&query.get());
        let (status, kec, komoditas) = (
            status_filter.get(),
            kecamatan_filter.get(),
            komoditas_filter.get(),
        );
        let only_unsent = unsent_filter.with(|u| !u.is_empty());
        let wanted: Vec<String> =
            extra.with_value(|extra| extra.iter().map(|(_, f)| f.get()).collect());
        // The unsent marks are read (and tracked) only while that filter is on.
        let unsent = only_unsent.then(|| records.unsent.get());
        rows.with(|rows| {
            ordered
                .get()
                .into_iter()
                .filter(|&i| {
                    let r = &rows[i];
                    q.matches(&r.search, &[])
                        && (status.is_empty() || r.status == status)
                        && (kec.is_empty() || r.kecamatan.as_deref() == Some(kec.as_str()))
                        && (komoditas.is_empty() || r.komoditas == komoditas)
                        && wanted
                            .iter()
                            .zip(&r.extra)
                            .all(|(want, has)| want.is_empty() || want == has)
                        && unsent.as_ref().is_none_or(|u| u.contains_key(&*r.id))
                })
                .collect::<Vec<usize>>()
        })
    });
    let kecamatan_options = Memo::new(move |_| {
        kecamatan_choices(
            wilayah,
            rows.with(|rows| rows.iter().filter_map(|r| r.kecamatan.clone()).collect()),
        )
    });
    let komoditas_options =
        Memo::new(move |_| rows.with(|rows| distinct(rows.iter().map(|r| r.komoditas.as_str()))));
    let add_href = format!("/{}/baru", schema.path);
    let every_filter = move || {
        let mut all = vec![
            status_filter,
            kecamatan_filter,
            komoditas_filter,
            unsent_filter,
        ];
        extra.with_value(|extra| all.extend(extra.iter().map(|(_, f)| *f)));
        all
    };

    view! {
        <Page title=schema.title intro=schema.intro>
            <UndoBanner/>
            <p><A href=add_href><span class="button button--primary" data-testid="record-add">
                {move || fill(i18n.t(Msg::ActionAddKind), &[("kind", i18n.t(schema.title))])}
            </span></A></p>
            {move || match records.state.get() {
                LoadState::Loading => view! { <p role="status">{tr(Msg::StoreLoading)}</p> }.into_any(),
                LoadState::Failed(e) => view! { <p class="card card--warning" role="alert">{tr(e.message())}</p> }.into_any(),
                LoadState::Ready if rows.with(Vec::is_empty) => view! { <EmptyState msg=schema.empty/> }.into_any(),
                LoadState::Ready => view! {
                    <div class="filters">
                        <label class="field">
                            <span class="field__label">{tr(Msg::RecordSearch)}</span>
                            <input type="search" data-testid="record-search" prop:value=move || query.get()
                                on:input=move |ev| query.set(event_target_value(&ev))/>
                        </label>
                        <FoldedFilters filters=every_filter()>
                        {status_spec.map(|spec| {
                            let Ty::Choice(options) = spec.ty else { return None };
                            Some(view! {
                                <label class="field">
                                    <span class="field__label">{tr(spec.label)}</span>
                                    <select data-testid="filter-status" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                                        <option value="">{tr(Msg::FilterAll)}</option>
                                        {options.iter().map(|c| view! { <option value=c.key>{tr(c.label)}</option> }).collect_view()}
                                    </select>
                                </label>
                            })
                        })}
                        {places_by_kecamatan.then(|| view! {
                            <label class="field">
                                <span class="field__label">{tr(Msg::KecamatanLabel)}</span>
                                <select data-testid="filter-kecamatan" on:change=move |ev| kecamatan_filter.set(event_target_value(&ev))>
                                    <option value="">{tr(Msg::FilterAll)}</option>
                                    {move || kecamatan_options.get().into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                                </select>
                            </label>
                        })}
                        {komoditas_spec.map(|spec| view! {
                            <label class="field">
                                <span class="field__label">{tr(spec.label)}</span>
                                <select data-testid="filter-komoditas" on:change=move |ev| komoditas_filter.set(event_target_value(&ev))>
                                    <option value="">{tr(Msg::FilterAll)}</option>
                                    {move || komoditas_options.get().into_iter().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                        })}
                        {extra.get_value().into_iter().enumerate().map(|(i, (spec, chosen))| {
                            let options = move || -> Vec<(String, String)> {
                                if spec.ty == Ty::Kabupaten {
                                    let codes = rows.with(|rows| distinct(rows.iter().map(|r| r.extra[i].as_str())));
                                    codes.into_iter().map(|code| {
                                        let name = if code == NOT_KNOWN {
                                            i18n.t(Msg::ReportUnknown).to_string()
                                        } else {
                                            wilayah.kabupaten_label(&code)
                                        };
                                        (code, name)
                                    }).collect()
                                } else {
                                    filter_choices(spec).into_iter().map(|(k, m)| (k.to_string(), i18n.t(m).to_string())).collect()
                                }
                            };
                            view! {
                                <label class="field">
                                    <span class="field__label">{tr(spec.label)}</span>
                                    <select data-testid=format!("filter-{}", spec.key) on:change=move |ev| chosen.set(event_target_value(&ev))>
                                        <option value="">{tr(Msg::FilterAll)}</option>
                                        {move || options().into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                                    </select>
                                </label>
                            }
                        }).collect_view()}
                        <UnsentFilter chosen=unsent_filter/>
                        </FoldedFilters>
                        <SortSelect sort place=place_spec.map(|s| s.label)/>
                    </div>
                    <p data-testid="record-count" role="status">
                        {move || fill(i18n.t(Msg::RecordCount), &[("shown", &i18n.n(filtered.with(Vec::len))), ("total", &i18n.n(rows.with(Vec::len)))])}
                    </p>
                    <ul class="record-list record-list--flow" data-testid="record-list">
                        {move || filtered.get().into_iter().map(|i| {
                            let r = rows.with(|rows| rows[i].clone());
                            let class = if r.photo.is_some() {
                                "record-list__item record-list__item--photo"
                            } else {
                                "record-list__item"
                            };
                            view! {
                                <li class=class>
                                    {r.photo.map(|hash| view! { <PhotoImage hash class="record-list__photo"/> })}
                                    <div class="record-list__line">
                                        <A href=format!("/{}/{}", schema.path, r.id)><span class="record-list__title">{r.title}</span></A>
                                        {(!r.status.is_empty()).then(|| view! { <span class=format!("chip chip--{}", r.status)>{r.status_label}</span> })}
                                    </div>
                                    <div class="record-list__line record-list__meta">
                                        {r.meta.into_iter().map(|m| view! { <span>{m}</span> }).collect_view()}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <Show when=move || filtered.with(Vec::is_empty)>
                        <p>{tr(Msg::RecordNoMatch)}</p>
                    </Show>
                }.into_any(),
            }}
        </Page>
    }
}

/// "X dihapus. Urungkan" after a delete, on every list.
#[component]
pub fn UndoBanner() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let profile = expect_context::<ProfileState>();
    let undo = move |_| {
        let Some(deleted) = records.last_deleted.get_untracked() else {
            return;
        };
        let Some(mut record) = records
            .all
            .with_untracked(|all| all.get(&deleted.id).cloned())
        else {
            return;
        };
        records.edit(&profile.officer(), |editor| {
            record.set_deleted(false, editor)
        });
        leptos::task::spawn_local(async move {
            if records.save(vec![record]).await.is_ok() {
                records.last_deleted.set(None);
            }
        });
    };
    view! {
        <Show when=move || records.last_deleted.with(Option::is_some)>
            <div class="banner banner--update" role="status" data-testid="undo-banner">
                <p>{move || records.last_deleted.get().map(|d| fill(i18n.t(Msg::FormDeleted), &[("name", &d.name)]))}</p>
                <button class="button" data-testid="undo" on:click=undo>{tr(Msg::ActionUndo)}</button>
            </div>
        </Show>
    }
}

/// A delete action for a detail page: marks the record deleted (an edit that can be undone),
/// offers undo, and goes to `list`. Contexts are taken here, in the component's body.
pub fn use_delete(list: String) -> impl Fn(&Record) + Clone {
    let records = Records::expect();
    let profile = expect_context::<ProfileState>();
    let names = Names::expect();
    let navigate = use_navigate();
    move |record: &Record| {
        let name = names.with(|n| n.title(record));
        let mut r = record.clone();
        records.edit(&profile.officer(), |editor| r.set_deleted(true, editor));
        let deleted = Deleted {
            id: r.id.clone(),
            name,
        };
        let navigate = navigate.clone();
        let list = list.clone();
        leptos::task::spawn_local(async move {
            if records.save(vec![r]).await.is_ok() {
                records.last_deleted.set(Some(deleted));
                navigate(&list, Default::default());
            }
        });
    }
}

/// "Perubahan terakhir: <when>, oleh <who>".
#[component]
pub fn LastChange(record: Record) -> impl IntoView {
    let i18n = I18n::expect();
    let (stamp, by) = record.last_change();
    let (when, created) = (stamp.wall, record.created.wall);
    // The first block of the device id is enough to tell an office's devices apart.
    let device = stamp
        .device
        .split('-')
        .next()
        .unwrap_or_default()
        .to_string();
    let by = by.to_string();
    let records = Records::expect();
    let id = record.id.clone();
    let unshared = move || records.unsent.with(|u| u.contains_key(&*id));
    view! {
        <Show when=unshared>
            <p><span class="chip chip--unshared" data-testid="unshared">{tr(Msg::BelumDibagikan)}</span></p>
        </Show>
        <p class="hint" data-testid="last-change">
            {move || fill(i18n.t(Msg::LastChange), &[
                ("created", &local_time(created, i18n.lang())),
                ("when", &local_time(when, i18n.lang())),
                ("by", &by),
                ("device", &device),
            ])}
        </p>
    }
}
