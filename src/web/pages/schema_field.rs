//! One field of a schema-driven form, drawn by its type: text and number inputs, choices, flags,
//! region and record pickers, GPS. Each sits in a [`FieldBox`] (its reason, its check when left);
//! a required one is marked "*" and `aria-required`.

use crate::i18n::Msg;
use crate::model::kinds;
use crate::model::schema::{split_list, FieldSpec, Form, Ty, LIST_SEP};
use crate::web::checks::{Checks, FieldBox};
use crate::web::fields::{GpsButton, LinkPicker};
use crate::web::i18n::tr;
use crate::web::pickers::{RegionLevel, RegionPicker};
use crate::web::records::today;
use leptos::prelude::*;

#[component]
pub fn SchemaField(
    spec: &'static FieldSpec,
    form: RwSignal<Form>,
    checks: Checks,
) -> impl IntoView {
    let key = spec.key;
    let id = format!("f-{key}");
    // The line every control of this field is described by (the GPS pair shares latitude's).
    let error_id = format!("f-{key}-error");
    let required = spec.required;
    let invalid = checks.error(key);
    let text = move |k: &'static str| Signal::derive(move || form.with(|f| f.get(k).to_string()));
    let set = move |k: &'static str, v: String| form.update(|f| f.set(k, v));
    let list = move || {
        Signal::derive(move || {
            form.with(|f| {
                split_list(f.get(key))
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
        })
    };
    let set_list = Callback::new(move |ids: Vec<String>| set(key, ids.join(&LIST_SEP.to_string())));
    let region = |level: RegionLevel| {
        view! {
            <RegionPicker id=key level=level required=required error_id=error_id.clone()
                value=Signal::derive(move || form.with(|f| Some(f.get(key).to_string()).filter(|c| !c.is_empty())))
                on_change=Callback::new(move |code: Option<String>| set(key, code.unwrap_or_default()))/>
        }
    };
    let input = {
        let error_id = error_id.clone();
        move |k: &'static str, label: Msg, input_type: &'static str, mode: Option<&'static str>| {
            let id = format!("f-{k}");
            view! {
                <label class="field__label" class:field__label--required=required for=id.clone()>{tr(label)}</label>
                <input id=id name=k type=input_type inputmode=mode
                    list=(spec.ty == Ty::Komoditas).then_some("komoditas-list")
                    prop:value=text(k)
                    on:input=move |ev| set(k, event_target_value(&ev))
                    aria-required=required.then_some("true")
                    aria-invalid=move || invalid.get().is_some().to_string()
                    aria-describedby=error_id.clone()/>
            }
        }
    };
    let control = match spec.ty {
        Ty::Text(_) | Ty::Komoditas => input(key, spec.label, "text", None).into_any(),
        Ty::Phone => input(key, spec.label, "tel", None).into_any(),
        Ty::Rupiah | Ty::Year { .. } | Ty::Count => {
            input(key, spec.label, "text", Some("numeric")).into_any()
        }
        Ty::Hectare => input(key, spec.label, "text", Some("decimal")).into_any(),
        Ty::Date { .. } => input(key, spec.label, "date", None).into_any(),
        Ty::Note => view! {
            <label class="field__label" class:field__label--required=required for=id.clone()>{tr(spec.label)}</label>
            <textarea id=id.clone() name=key rows="3" prop:value=text(key)
                on:input=move |ev| set(key, event_target_value(&ev))
                aria-required=required.then_some("true")
                aria-describedby=error_id.clone()></textarea>
        }
        .into_any(),
        Ty::Choice(_) | Ty::YesNo => {
            let options: Vec<(&'static str, Msg)> = match spec.ty {
                Ty::Choice(options) => options.iter().map(|c| (c.key, c.label)).collect(),
                _ => vec![("ya", Msg::ChoiceYa), ("tidak", Msg::ChoiceTidak)],
            };
            view! {
                <label class="field__label" class:field__label--required=required for=id.clone()>{tr(spec.label)}</label>
                <select id=id.clone() name=key prop:value=text(key)
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        form.update(|f| {
                            f.set(key, chosen);
                            // Choosing the OVOP stage reached dates it today, if undated.
                            kinds::after_set(f, key, &today());
                        })
                    }
                    aria-required=required.then_some("true")
                    aria-describedby=error_id.clone()>
                    <option value="">{tr(Msg::ChoiceNone)}</option>
                    {options.into_iter().map(|(value, label)| view! {
                        <option value=value selected=move || form.with(|f| f.get(key) == value)>{tr(label)}</option>
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        Ty::Flags(options) => view! {
            <fieldset class="choice" data-testid=format!("f-{key}") aria-describedby=error_id.clone()>
                <legend class="field__label" class:field__label--required=required>{tr(spec.label)}</legend>
                {options.iter().map(|c| {
                    let option = c.key;
                    let checked = move || form.with(|f| f.list(key).contains(&option));
                    view! {
                        <label class="choice__option">
                            <input type="checkbox" name=key value=option prop:checked=checked
                                on:change=move |_| form.update(|f| {
                                    let mut chosen: Vec<String> = f.list(key).into_iter().map(str::to_string).collect();
                                    if let Some(i) = chosen.iter().position(|k| k == option) {
                                        chosen.remove(i);
                                    } else {
                                        chosen.push(option.to_string());
                                    }
                                    f.set(key, chosen.join(&LIST_SEP.to_string()));
                                })/>
                            {tr(c.label)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        Ty::Desa => region(RegionLevel::Desa).into_any(),
        Ty::Kecamatan => region(RegionLevel::Kecamatan).into_any(),
        Ty::Kabupaten => region(RegionLevel::Kabupaten).into_any(),
        Ty::Link(kind) | Ty::Links(kind) => view! {
            <LinkPicker id=key label=spec.label kind=kind multiple=matches!(spec.ty, Ty::Links(_))
                value=list() on_change=set_list required=required error_id=error_id.clone()/>
        }
        .into_any(),
        Ty::Gps => view! {
            <GpsButton on_found=Callback::new(move |(lat, lon): (f64, f64)| form.update(|f| {
                f.set("lat", format!("{lat:.6}"));
                f.set("lon", format!("{lon:.6}"));
            }))/>
            {input("lat", Msg::FieldLat, "text", Some("decimal"))}
            {input("lon", Msg::FieldLon, "text", Some("decimal"))}
        }
        .into_any(),
    };
    view! { <FieldBox key=key checks=checks>{control}</FieldBox> }
}
