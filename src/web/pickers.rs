//! Region pickers for every record form: desa/kelurahan and kecamatan, searching the officer's
//! working kabupaten first and, when asked, the province or the whole country. They store the
//! code; names are shown from it.

use super::combobox::{ComboOption, Combobox};
use super::i18n::{tr, I18n};
use super::wilayah::{Scope, Wilayah};
use crate::format::thousands;
use crate::i18n::{fill, Msg};
use crate::wilayah::search::{self, Match};
use crate::wilayah::{Area, Kabupaten, RegionIndex};
use leptos::prelude::*;

const SHOWN: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionLevel {
    Desa,
    Kecamatan,
    /// Searched in the region index that comes with the app: no reach to choose.
    Kabupaten,
}

/// Which part of the country a picker searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    Home,
    Province,
    Indonesia,
}

#[component]
pub fn RegionPicker(
    id: &'static str,
    level: RegionLevel,
    /// The chosen code.
    #[prop(into)]
    value: Signal<Option<String>>,
    on_change: Callback<Option<String>>,
    /// For a desa: the kecamatan the officer wrote or chose, to point out a mismatch.
    #[prop(optional, into)]
    written_kecamatan: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let query = RwSignal::new(String::new());
    let reach = RwSignal::new(if wilayah.home.get_untracked().is_some() {
        Reach::Home
    } else {
        Reach::Indonesia
    });
    let scope = move || match (reach.get(), wilayah.home_scopes()) {
        (Reach::Home, Some((_, kab))) => kab,
        (Reach::Province, Some((prov, _))) => prov,
        _ => Scope::Indonesia,
    };
    let typing = Memo::new(move |_| !search::fold(&query.get()).is_empty());
    // Fetch what the scope needs once the officer starts typing (the whole country is ~600 KB).
    // Every keystroke asks again, so a fetch that failed offline is retried once there is signal;
    // `ensure` returns at once when the scope is already loaded.
    Effect::new(move |_| {
        query.track();
        if level == RegionLevel::Kabupaten {
            wilayah.ensure_index();
        } else if typing.get() {
            wilayah.ensure(scope());
        }
    });

    let options = Memo::new(move |_| {
        let q = query.get();
        let scope = scope();
        let home = wilayah.home.get().unwrap_or_default();
        wilayah.gazetteer.with(|g| match level {
            RegionLevel::Desa => g
                .search_villages(&q, scope.prefix(), &home, SHOWN)
                .into_iter()
                .map(|v| ComboOption {
                    label: v.name,
                    detail: format!("Kec. {}, {}", v.kecamatan, v.kabupaten),
                    value: v.code,
                    similar: matches!(v.quality, Match::Typo(_)),
                })
                .collect::<Vec<_>>(),
            RegionLevel::Kecamatan => g
                .search_kecamatan(&q, scope.prefix(), &home, SHOWN)
                .into_iter()
                .map(|k| ComboOption {
                    label: k.name,
                    detail: k.kabupaten,
                    value: k.code,
                    similar: matches!(k.quality, Match::Typo(_)),
                })
                .collect(),
            RegionLevel::Kabupaten => kabupaten_options(wilayah, &q),
        })
    });
    let status = Signal::derive(move || {
        let typing = typing.get();
        if wilayah.loading.get() > 0 {
            Some(i18n.t(Msg::RegionLoading).to_string())
        } else if wilayah.failed.get() && typing {
            Some(i18n.t(Msg::RegionLoadFailed).to_string())
        } else if typing && options.with(Vec::is_empty) {
            Some(i18n.t(Msg::PickerNoMatch).to_string())
        } else {
            None
        }
    });
    let chosen_text = move || {
        let code = value.get()?;
        let text = wilayah.gazetteer.with(|g| match level {
            RegionLevel::Desa => g.village(&code).map(|v| v.place()),
            RegionLevel::Kecamatan => g.kecamatan_name(&code).map(str::to_string),
            RegionLevel::Kabupaten => wilayah.kabupaten_name(&code),
        });
        Some(
            format!("{} ({code})", text.unwrap_or_default())
                .trim_start()
                .to_string(),
        )
    };
    let mismatch = move || {
        let written = written_kecamatan?.get();
        let code = value.get()?;
        let official = wilayah
            .gazetteer
            .with(|g| g.kecamatan_mismatch(&written, &code))?;
        let desa = wilayah
            .gazetteer
            .with(|g| g.village(&code).map(|v| v.name))?;
        Some(fill(
            i18n.t(Msg::KecamatanMismatch),
            &[
                ("desa", &desa),
                ("official", &official),
                ("written", written.trim()),
            ],
        ))
    };
    // Names of a chosen code from another kabupaten appear once its data is loaded.
    Effect::new(move |_| {
        if let Some(code) = value.get() {
            if level == RegionLevel::Kabupaten {
                wilayah.ensure_index();
            } else {
                wilayah.ensure(Scope::Kabupaten(code[..5.min(code.len())].to_string()));
            }
        }
    });
    let label = match level {
        RegionLevel::Desa => Msg::DesaLabel,
        RegionLevel::Kecamatan => Msg::KecamatanLabel,
        RegionLevel::Kabupaten => Msg::FieldKabupaten,
    };

    view! {
        <div class="field picker" data-testid=id>
            <Show
                when=move || value.with(Option::is_some)
                fallback=move || view! {
                    <Combobox id=id label=label query=query options=options
                        on_choose=Callback::new(move |opt: ComboOption| on_change.run(Some(opt.value)))
                        status=status/>
                    {(level != RegionLevel::Kabupaten).then(|| view! { <ReachChoice id=id reach=reach/> })}
                }
            >
                <span class="field__label">{tr(label)}</span>
                <div class="picker__chosen">
                    <span data-testid=format!("{id}-chosen")>{chosen_text}</span>
                    <button type="button" class="button button--small" on:click=move |_| on_change.run(None)>
                        {tr(Msg::PickerChange)}
                    </button>
                </div>
            </Show>
            <p class="field__warning" role="status" data-testid=format!("{id}-warning")>{mismatch}</p>
        </div>
    }
}

#[component]
fn ReachChoice(id: &'static str, reach: RwSignal<Reach>) -> impl IntoView {
    let wilayah = Wilayah::expect();
    // A kabupaten office searches its kabupaten/kota, its province or the country; a province
    // office its province or the country.
    let choices = move || match (wilayah.home.get().is_some(), wilayah.home_is_province()) {
        (false, _) => vec![(Reach::Indonesia, Msg::ScopeIndonesia)],
        (true, true) => vec![
            (Reach::Home, Msg::ScopeProvinsiKerja),
            (Reach::Indonesia, Msg::ScopeIndonesia),
        ],
        (true, false) => vec![
            (Reach::Home, Msg::ScopeKabupaten),
            (Reach::Province, Msg::ScopeProvinsi),
            (Reach::Indonesia, Msg::ScopeIndonesia),
        ],
    };
    view! {
        <fieldset class="picker__reach">
            <legend>{tr(Msg::SearchIn)}</legend>
            {move || choices()
                .into_iter()
                .map(|(r, msg)| view! {
                    <label class="picker__reach-option">
                        <input type="radio" name=format!("{id}-reach") prop:checked=move || reach.get() == r
                            on:change=move |_| reach.set(r)/>
                        {tr(msg)}
                    </label>
                })
                .collect_view()}
        </fieldset>
    }
}

/// The working area, chosen in Pengaturan: a kabupaten/kota, or a whole province for a province
/// office.
#[component]
pub fn WorkAreaPicker() -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let query = RwSignal::new(String::new());
    let options = Memo::new(move |_| {
        let q = query.get();
        wilayah.index.with(|index| {
            let Some(index) = index else {
                return Vec::new();
            };
            index
                .search_areas(&q, SHOWN)
                .into_iter()
                .map(|(area, quality)| {
                    let (label, detail) = match area {
                        Area::Province(p) => (
                            fill(i18n.t(Msg::AreaProvince), &[("name", &p.name)]),
                            fill(
                                i18n.t(Msg::AreaProvinceDetail),
                                &[("count", &index.kabupaten_in(&p.code).count().to_string())],
                            ),
                        ),
                        Area::Kabupaten(k) => (k.name.clone(), province_of(index, k)),
                    };
                    ComboOption {
                        value: area.code().to_string(),
                        label,
                        detail,
                        similar: matches!(quality, Match::Typo(_)),
                    }
                })
                .collect()
        })
    });
    // The index comes with the app; fetch it when this page opens.
    wilayah.ensure_index();
    let status = Signal::derive(move || {
        (!search::fold(&query.get()).is_empty() && options.with(Vec::is_empty))
            .then(|| i18n.t(Msg::PickerNoMatch).to_string())
    });
    let current = move || {
        let code = wilayah.home.get()?;
        let name = wilayah.area_name(i18n.lang(), &code);
        Some(format!("{} ({code})", name.unwrap_or_default()))
    };
    let ready = move || {
        let code = wilayah.home.get()?;
        let (kec, vil) = wilayah.index.with(|i| i.as_ref()?.area_size(&code))?;
        wilayah.area_loaded(&code).then(|| {
            fill(
                i18n.t(Msg::WorkAreaReady),
                &[
                    ("kecamatan", &thousands(kec.into(), i18n.lang())),
                    ("villages", &thousands(vil.into(), i18n.lang())),
                ],
            )
        })
    };
    view! {
        <section class="card">
            <h2>{tr(Msg::WorkAreaHeading)}</h2>
            <p class="hint">{tr(Msg::WorkAreaExplain)}</p>
            <p data-testid="work-area-current">
                {move || current().unwrap_or_else(|| i18n.t(Msg::WorkAreaNone).to_string())}
            </p>
            <p class="hint" data-testid="work-area-ready">{ready}</p>
            <Combobox id="work-area" label=Msg::WorkAreaLabel query=query options=options
                on_choose=Callback::new(move |opt: ComboOption| wilayah.set_home(opt.value))
                status=status/>
        </section>
    }
}

/// Kabupaten/kota matching `query`, with their province beside them. A province office sees its
/// own province's first, and all of them before it types anything.
fn kabupaten_options(wilayah: Wilayah, query: &str) -> Vec<ComboOption> {
    let province = wilayah.home.get().filter(|_| wilayah.home_is_province());
    wilayah.index.with(|index| {
        let Some(index) = index else {
            return Vec::new();
        };
        let option = |k: &Kabupaten, quality: Option<Match>| ComboOption {
            value: k.code.clone(),
            label: k.name.clone(),
            detail: province_of(index, k),
            similar: matches!(quality, Some(Match::Typo(_))),
        };
        match province {
            Some(p) if search::fold(query).is_empty() => {
                index.kabupaten_in(&p).map(|k| option(k, None)).collect()
            }
            _ => {
                let mut hits = index.search_kabupaten(query, usize::MAX);
                // Stable: the province's own keep their order among themselves.
                if let Some(p) = &province {
                    hits.sort_by_key(|(k, _)| k.province_code() != p);
                }
                hits.into_iter()
                    .take(SHOWN)
                    .map(|(k, quality)| option(k, Some(quality)))
                    .collect()
            }
        }
    })
}

fn province_of(index: &RegionIndex, k: &Kabupaten) -> String {
    index
        .province(k.province_code())
        .map(|p| p.name.clone())
        .unwrap_or_default()
}
