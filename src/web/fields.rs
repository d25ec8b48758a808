//! Form fields shared by the Usaha form and the schema-driven forms: the GPS button and the
//! picker of linked records (sentra members, activity participants, a jejaring's Usaha and Mitra).

use super::combobox::{ComboOption, Combobox};
use super::i18n::{tr, I18n};
use super::pages::Names;
use super::pickers::focus_later;
use crate::i18n::{fill, Msg};
use crate::model::Kind;
use crate::wilayah::search::fold;
use leptos::prelude::*;

/// Options shown while typing in a link picker.
const SHOWN: usize = 12;

/// Chooses one record (`multiple` false) or several of `kind`: the chosen ones as chips with a
/// remove button, and a type-ahead search by name for more.
#[component]
pub fn LinkPicker(
    id: &'static str,
    label: Msg,
    kind: Kind,
    multiple: bool,
    /// The chosen ids.
    #[prop(into)]
    value: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
    /// A field the form needs.
    #[prop(optional)]
    required: bool,
    /// The id of the field's error line.
    #[prop(optional)]
    error_id: Option<String>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let names = Names::expect();
    let query = RwSignal::new(String::new());
    // Folded names are computed once per change of the records, not per keystroke.
    let candidates = Memo::new(move |_| {
        names.with(|names| {
            names
                .all
                .values()
                .filter(|r| r.kind == kind && !r.is_deleted())
                .map(|r| {
                    let title = names.title(r);
                    let detail = names
                        .gazetteer
                        .village(r.text("desa"))
                        .map(|v| format!("{}, Kec. {}", v.name, v.kecamatan))
                        .unwrap_or_default();
                    (r.id.clone(), fold(&title), title, detail)
                })
                .collect::<Vec<_>>()
        })
    });
    let options = Memo::new(move |_| {
        let q = fold(&query.get());
        if q.is_empty() {
            return Vec::new();
        }
        value.with(|chosen| {
            candidates.with(|all| {
                all.iter()
                    .filter(|(id, folded, _, _)| {
                        folded.contains(&q) && !chosen.iter().any(|c| **c == **id)
                    })
                    .take(SHOWN)
                    .map(|(id, _, title, detail)| ComboOption {
                        value: id.to_string(),
                        label: title.clone(),
                        detail: detail.clone(),
                        note: None,
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let status = Signal::derive(move || {
        (!fold(&query.get()).is_empty() && options.with(Vec::is_empty))
            .then(|| i18n.t(Msg::PickerNoMatch).to_string())
    });
    let choose = Callback::new(move |opt: ComboOption| {
        let mut ids = if multiple {
            value.get_untracked()
        } else {
            Vec::new()
        };
        ids.push(opt.value);
        on_change.run(ids);
        // The search goes once one record is chosen: focus its chip's remove button.
        if !multiple {
            focus_later(format!("{id}-remove-0"));
        }
    });
    let chosen = move || {
        let ids = value.get();
        names.with(|names| {
            ids.into_iter()
                .map(|id| {
                    let title = names
                        .all
                        .get(id.as_str())
                        .filter(|r| r.kind == kind && !r.is_deleted())
                        .map(|r| names.title(r))
                        .unwrap_or_else(|| i18n.t(Msg::LinkGone).to_string());
                    (id, title)
                })
                .collect::<Vec<_>>()
        })
    };
    let open = move || multiple || value.with(Vec::is_empty);
    view! {
        <div class="field picker" data-testid=id>
            {move || (!open()).then(|| view! {
                <span class="field__label" class:field__label--required=required>{tr(label)}</span>
            })}
            <ul class="chips" data-testid=format!("{id}-chosen")>
                {move || chosen().into_iter().enumerate().map(|(i, (chip_id, title))| {
                    let remove_id = chip_id.clone();
                    let aria = format!("{} {title}", i18n.t(Msg::LinkRemove));
                    let remove = move |_| {
                        on_change.run(value.get_untracked().into_iter().filter(|i| *i != remove_id).collect());
                        // Its button is gone: back to the search.
                        focus_later(id.to_string());
                    };
                    view! {
                        <li class="chips__item">
                            <span>{title}</span>
                            <button type="button" id=format!("{id}-remove-{i}") class="button button--small chips__remove"
                                aria-label=aria on:click=remove>
                                "×"
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || (multiple && !value.with(Vec::is_empty)).then(|| view! {
                <p class="hint">{fill(i18n.t(Msg::LinkCount), &[("count", &i18n.n(value.with(Vec::len)))])}</p>
            })}
            <Show when=open>
                <Combobox id=id label=label query=query options=options on_choose=choose status=status
                    required=required error_id=error_id.clone()/>
            </Show>
        </div>
    }
}

/// Fills latitude and longitude from `navigator.geolocation` (optional; typing works too).
#[component]
pub fn GpsButton(on_found: Callback<(f64, f64)>) -> impl IntoView {
    use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
    let i18n = I18n::expect();
    let state = RwSignal::new(None::<Msg>);
    let locate = move |_| {
        let Ok(geo) = window().navigator().geolocation() else {
            state.set(Some(Msg::GpsFailed));
            return;
        };
        state.set(Some(Msg::GpsWorking));
        let found = Closure::once_into_js(move |position: JsValue| {
            let read = |name: &str| {
                js_sys::Reflect::get(&position, &"coords".into())
                    .and_then(|c| js_sys::Reflect::get(&c, &name.into()))
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            if let (Some(lat), Some(lon)) = (read("latitude"), read("longitude")) {
                on_found.run((lat, lon));
                state.set(None);
            } else {
                state.set(Some(Msg::GpsFailed));
            }
        });
        let failed = Closure::once_into_js(move |_: JsValue| state.set(Some(Msg::GpsFailed)));
        if geo
            .get_current_position_with_error_callback(
                found.unchecked_ref(),
                Some(failed.unchecked_ref()),
            )
            .is_err()
        {
            state.set(Some(Msg::GpsFailed));
        }
    };
    view! {
        <div class="field">
            <button type="button" class="button" data-testid="gps" on:click=locate>{tr(Msg::GpsButton)}</button>
            <p class="hint" role="status" data-testid="gps-status">{move || state.get().map(|m| i18n.t(m))}</p>
        </div>
    }
}
