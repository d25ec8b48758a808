//! A type-ahead field (ARIA combobox with a listbox): the officer types, the options update, and
//! a click, a tap or Enter chooses one. A tap, or Down, shows the options before typing; arrow keys
//! move through them; Escape closes them.
//! Used by every region picker.

use super::i18n::{tr, I18n};
use crate::i18n::Msg;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComboOption {
    /// What is stored when chosen (a region code).
    pub value: String,
    pub label: String,
    /// Shown beside the label to tell same-named options apart.
    pub detail: String,
    /// A word beside it: found by a near-miss spelling, or offered as used recently.
    pub note: Option<Msg>,
}

impl ComboOption {
    /// The note of an option found with `quality`: "similar spelling" for a typo.
    pub fn similar(quality: Option<crate::wilayah::search::Match>) -> Option<Msg> {
        matches!(quality, Some(crate::wilayah::search::Match::Typo(_)))
            .then_some(Msg::PickerSimilar)
    }
}

#[component]
pub fn Combobox(
    id: &'static str,
    label: Msg,
    query: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<ComboOption>>,
    on_choose: Callback<ComboOption>,
    /// A line under the field: loading, failure, or nothing found.
    #[prop(into)]
    status: Signal<Option<String>>,
    /// Marked as a field the form needs (`aria-required`).
    #[prop(optional)]
    required: bool,
    /// The id of the field's error line, read out with the field.
    #[prop(default = None)]
    error_id: Option<String>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let list_id = format!("{id}-list");
    let option_id = move |i: usize| format!("{id}-opt-{i}");

    let choose = move |opt: ComboOption| {
        on_choose.run(opt);
        query.set(String::new());
        open.set(false);
    };
    let on_key = move |ev: KeyboardEvent| {
        let count = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                // The first Down shows the options with the first one active.
                if open.get_untracked() {
                    active.update(|a| *a = (*a + 1).min(count - 1));
                } else {
                    open.set(true);
                    active.set(0);
                }
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = a.saturating_sub(1));
            }
            "Enter" if open.get_untracked() && count > 0 => {
                ev.prevent_default(); // never submits the form around it
                let opt =
                    options.with_untracked(|o| o[active.get_untracked().min(count - 1)].clone());
                choose(opt);
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };
    let expanded = move || open.get() && !options.with(Vec::is_empty);

    view! {
        <div class="combobox">
            <label class="field__label" class:field__label--required=required for=id>{tr(label)}</label>
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || expanded().then(|| option_id(active.get()))
                aria-required=required.then_some("true")
                aria-describedby=error_id.map_or_else(|| format!("{id}-status"), |e| format!("{id}-status {e}"))
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    active.set(0);
                    open.set(true);
                }
                // A tap opens the options (a province's kabupaten, villages used lately) before
                // typing; focus alone does not, so that focus moved here on opening a form or
                // after "Ganti" covers nothing ("Cari di" below). Keyboard: Down opens them.
                on:click=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:keydown=on_key
            />
            <p class="hint combobox__hint">{tr(Msg::PickerHint)}</p>
            <ul id=list_id class="combobox__list" role="listbox" hidden=move || !expanded()>
                // At most a dozen rows, rebuilt per keystroke: cheaper in code size than a keyed <For>.
                {move || options
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, opt)| {
                        let chosen = opt.clone();
                        view! {
                            <li
                                id=option_id(i)
                                role="option"
                                class="combobox__option"
                                aria-selected=move || (active.get() == i).to_string()
                                // mousedown, not click: it comes before the input's blur.
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    choose(chosen.clone());
                                }
                            >
                                <span class="combobox__label">{opt.label}</span>
                                <span class="combobox__detail">{opt.detail}</span>
                                {opt.note.map(|note| view! {
                                    <span class="combobox__note">{move || i18n.t(note)}</span>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="combobox__status" id=format!("{id}-status") role="status">{move || status.get()}</p>
        </div>
    }
}
