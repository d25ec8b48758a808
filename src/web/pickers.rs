//! Region pickers for every record form: desa/kelurahan and kecamatan, searching the officer's
//! working kabupaten first and, when asked, the province or the whole country. They store the
//! code; names are shown from it.

use super::combobox::{ComboOption, Combobox};
use super::i18n::{tr, I18n};
use super::settings;
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

impl RegionLevel {
    /// Its name where recently chosen regions are kept ([`settings::recent_regions`]).
    fn key(self) -> &'static str {
        match self {
            RegionLevel::Desa => "desa",
            RegionLevel::Kecamatan => "kecamatan",
            RegionLevel::Kabupaten => "kabupaten",
        }
    }
}

/// Which part of the country a picker searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    Home,
    Province,
    Indonesia,
}

impl Reach {
    const ALL: [(Reach, &'static str); 3] = [
        (Reach::Home, "kabupaten"),
        (Reach::Province, "provinsi"),
        (Reach::Indonesia, "indonesia"),
    ];

    /// Where the officer last searched, if that is open to them (a province office's widest
    /// but one is its own province), else their working area, else the country.
    fn remembered(wilayah: Wilayah) -> Reach {
        let saved = settings::load_picker_reach()
            .and_then(|key| Reach::ALL.iter().find(|(_, k)| *k == key).map(|(r, _)| *r));
        match (wilayah.home.get_untracked().is_some(), saved) {
            (false, _) => Reach::Indonesia,
            (true, Some(Reach::Province)) if wilayah.home_is_province() => Reach::Home,
            (true, saved) => saved.unwrap_or(Reach::Home),
        }
    }

    fn remember(self) {
        if let Some((_, key)) = Reach::ALL.iter().find(|(r, _)| *r == self) {
            settings::save_picker_reach(key);
        }
    }
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
    /// A field the form needs.
    #[prop(optional)]
    required: bool,
    /// The id of the field's error line.
    #[prop(optional)]
    error_id: Option<String>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let query = RwSignal::new(String::new());
    let reach = RwSignal::new(Reach::remembered(wilayah));
    // Villages (or kecamatan) chosen lately, offered before typing: the officer recording one
    // kelurahan's Usaha after another picks it again with one tap. Their data is loaded now.
    let recent = settings::recent_regions(level.key());
    if level != RegionLevel::Kabupaten {
        let mut kabupaten: Vec<&str> = recent.iter().filter_map(|c| c.get(..5)).collect();
        kabupaten.dedup();
        for k in kabupaten {
            wilayah.ensure(Scope::Kabupaten(k.to_string()));
        }
    }
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
        if !typing.get() && level != RegionLevel::Kabupaten {
            return wilayah
                .gazetteer
                .with(|g| recent_options(g, level, &recent));
        }
        wilayah.gazetteer.with(|g| match level {
            RegionLevel::Desa => g
                .search_villages(&q, scope.prefix(), &home, SHOWN)
                .into_iter()
                .map(|v| {
                    let note = ComboOption::similar(Some(v.quality));
                    village_option(v, note)
                })
                .collect::<Vec<_>>(),
            RegionLevel::Kecamatan => g
                .search_kecamatan(&q, scope.prefix(), &home, SHOWN)
                .into_iter()
                .map(|k| ComboOption {
                    label: k.name,
                    detail: k.kabupaten,
                    value: k.code,
                    note: ComboOption::similar(Some(k.quality)),
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

    // Focus follows the officer's choice: to the chosen value's "Ganti" after a pick, back to the
    // search after "Ganti" (the element it was on is gone either way).
    let choose = Callback::new(move |opt: ComboOption| {
        if level != RegionLevel::Kabupaten {
            settings::note_recent_region(level.key(), &opt.value);
        }
        on_change.run(Some(opt.value));
        focus_later(format!("{id}-change"));
    });
    let change = move |_| {
        on_change.run(None);
        focus_later(id.to_string());
    };
    let error_for_chosen = error_id.clone();
    view! {
        <div class="field picker" data-testid=id>
            <Show
                when=move || value.with(Option::is_some)
                fallback=move || view! {
                    <Combobox id=id label=label query=query options=options on_choose=choose
                        status=status required=required error_id=error_id.clone()/>
                    {(level != RegionLevel::Kabupaten).then(|| view! { <ReachChoice id=id reach=reach/> })}
                }
            >
                <span class="field__label" class:field__label--required=required>{tr(label)}</span>
                <div class="picker__chosen">
                    <span id=format!("{id}-chosen") data-testid=format!("{id}-chosen")>{chosen_text}</span>
                    <button type="button" id=format!("{id}-change") class="button button--small"
                        aria-describedby=match &error_for_chosen {
                            Some(e) => format!("{id}-chosen {e}"),
                            None => format!("{id}-chosen"),
                        }
                        on:click=change>
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
        <fieldset class="picker__reach" data-testid=format!("{id}-reach")>
            <legend>{tr(Msg::SearchIn)}</legend>
            {move || choices()
                .into_iter()
                .map(|(r, msg)| view! {
                    <label class="picker__reach-option">
                        <input type="radio" name=format!("{id}-reach") prop:checked=move || reach.get() == r
                            on:change=move |_| {
                                reach.set(r);
                                r.remember();
                            }/>
                        <span>{tr(msg)}</span>
                    </label>
                })
                .collect_view()}
        </fieldset>
    }
}

/// A village as an option: its kecamatan and kabupaten/kota beside its name.
fn village_option(v: crate::wilayah::VillageRef, note: Option<Msg>) -> ComboOption {
    ComboOption {
        detail: format!("Kec. {}, {}", v.kecamatan, v.kabupaten),
        label: v.name,
        value: v.code,
        note,
    }
}

/// The regions of `codes` (recently chosen) that are loaded, as options marked "used recently".
fn recent_options(
    g: &crate::wilayah::Gazetteer,
    level: RegionLevel,
    codes: &[String],
) -> Vec<ComboOption> {
    let recent = Some(Msg::PickerRecent);
    codes
        .iter()
        .filter_map(|code| match level {
            RegionLevel::Desa => Some(village_option(g.village(code)?, recent)),
            _ => Some(ComboOption {
                value: code.clone(),
                label: g.kecamatan_name(code)?.to_string(),
                detail: code
                    .get(..5)
                    .and_then(|k| g.kabupaten_name(k))
                    .unwrap_or_default()
                    .to_string(),
                note: recent,
            }),
        })
        .collect()
}

/// Moves focus to the element `id` once the view has caught up with a change just made, unless
/// the officer has meanwhile gone on into another field (on a busy phone the frame can come after
/// the next tap), which keeps its focus.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if typing_elsewhere() {
            return;
        }
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
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
                        note: ComboOption::similar(Some(quality)),
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
            note: ComboOption::similar(quality),
        };
        match province {
            Some(p) if search::fold(query).is_empty() => {
                index.kabupaten_in(&p).map(|k| option(k, None)).collect()
            }
            _ => {
                let mut hits = index.search_kabupaten(query, usize::MAX);
                // Stable: the province's own keep their order among themselves.
                if let Some(p) = &province {
                    crate::sort::by_key(&mut hits, |(k, _)| k.province_code() != p);
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

/// Whether focus is in a field the officer types or chooses in (not on the page itself).
pub fn typing_elsewhere() -> bool {
    document()
        .active_element()
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}
