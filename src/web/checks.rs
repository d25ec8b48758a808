//! A form's checks as the officer meets them, shared by the Usaha form and the schema forms: a
//! field is checked when it is left after being changed, and every field at a save; a reason stays
//! beside its field until the field is valid, then goes at once. After a failed save focus moves
//! to the first field to correct and a summary beside Simpan links to each. Long forms keep
//! Simpan in a bar at the bottom of the screen, with the section in view and a way to jump to
//! another.

use super::i18n::{tr, I18n};
use crate::i18n::{fill, Msg};
use crate::model::FieldError;
use leptos::ev::FocusEvent;
use leptos::prelude::*;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// How the last save attempt ended.
#[derive(Clone, Copy, PartialEq)]
pub enum Outcome {
    None,
    Invalid,
    Failed(Msg),
}

/// The reasons a form cannot be saved, and which of them the officer is shown.
#[derive(Clone, Copy)]
pub struct Checks {
    /// Every reason the form as typed cannot be saved now.
    current: Memo<Vec<FieldError>>,
    /// Fields whose reasons are shown: left after a change, or found at a save; each goes once
    /// its field is valid.
    shown: RwSignal<BTreeSet<&'static str>>,
    /// Fields the officer changed (typed, chose): leaving one checks it. Leaving a field only
    /// passed through (or focused on opening) does not.
    touched: StoredValue<BTreeSet<&'static str>>,
    pub outcome: RwSignal<Outcome>,
    /// Each field's label, in the form's order (the summary's order).
    labels: StoredValue<Vec<(&'static str, Msg)>>,
}

impl Checks {
    /// `reasons`: every reason the form cannot be saved (reads the form, so it is followed).
    pub fn new(
        reasons: impl Fn() -> Vec<FieldError> + Send + Sync + 'static,
        labels: Vec<(&'static str, Msg)>,
    ) -> Self {
        let checks = Checks {
            current: Memo::new(move |_| reasons()),
            shown: RwSignal::new(BTreeSet::new()),
            touched: StoredValue::new(BTreeSet::new()),
            outcome: RwSignal::new(Outcome::None),
            labels: StoredValue::new(labels),
        };
        // A field made valid is no longer shown: its reason goes at once and comes back only
        // when it is left invalid again or at a save. With none left, neither is "not saved".
        Effect::new(move |_| {
            let fixed: Vec<&'static str> = checks.current.with(|errs| {
                checks.shown.with(|shown| {
                    shown
                        .iter()
                        .copied()
                        .filter(|k| !errs.iter().any(|e| e.field == *k))
                        .collect()
                })
            });
            if !fixed.is_empty() {
                checks.shown.update(|shown| {
                    for key in fixed {
                        shown.remove(key);
                    }
                });
            }
            if checks.shown.with(BTreeSet::is_empty)
                && checks.outcome.get_untracked() == Outcome::Invalid
            {
                checks.outcome.set(Outcome::None);
            }
        });
        checks
    }

    /// The reason shown beside `field`, in the current language.
    pub fn error(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = I18n::expect();
        Signal::derive(move || {
            if !self.shown.with(|s| s.contains(field)) {
                return None;
            }
            self.current.with(|errs| {
                errs.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.text(i18n.lang()))
            })
        })
    }

    /// A save found reasons: show them all and move to the first field to correct.
    pub fn failed(self) {
        let keys = self
            .current
            .with_untracked(|errs| errs.iter().map(|e| e.field).collect());
        self.shown.set(keys);
        self.outcome.set(Outcome::Invalid);
        focus_first_invalid();
    }

    fn changed(self, field: &'static str) {
        self.touched.update_value(|t| {
            t.insert(field);
        });
    }

    fn left(self, field: &'static str) {
        if self.touched.with_value(|t| t.contains(field)) {
            self.shown.update(|s| {
                s.insert(field);
            });
        }
    }

    /// The shown reasons with their fields' labels, in the form's order.
    fn summary(self, lang: crate::i18n::Lang) -> Vec<(&'static str, String, String)> {
        let shown = self.shown.get();
        self.labels.with_value(|labels| {
            self.current.with(|errs| {
                let mut rows: Vec<(usize, &'static str, String, String)> = errs
                    .iter()
                    .filter(|e| shown.contains(e.field))
                    .map(|e| {
                        let place = labels.iter().position(|(k, _)| *k == e.field);
                        let label = place.map_or(e.field, |i| labels[i].1.text(lang));
                        (
                            place.unwrap_or(usize::MAX),
                            e.field,
                            label.to_string(),
                            e.text(lang),
                        )
                    })
                    .collect();
                crate::sort::by_key(&mut rows, |r| r.0);
                // One line per field: its first reason, as beside it.
                rows.dedup_by_key(|r| r.1);
                rows.into_iter().map(|(_, k, l, t)| (k, l, t)).collect()
            })
        })
    }
}

/// One field of a form: its control (`children`), the line under it with its reason, the mark of
/// a field to correct, and the check when the officer leaves it. The control's error line is
/// `f-<key>-error` (its `aria-describedby`); the box is `field-<key>`, where the summary links.
#[component]
pub fn FieldBox(key: &'static str, checks: Checks, children: Children) -> impl IntoView {
    let error = checks.error(key);
    let leave = move |ev: FocusEvent| {
        if !focus_stays_inside(&ev) {
            checks.left(key);
        }
    };
    view! {
        <div class="field" id=format!("field-{key}") class:field--invalid=move || error.with(Option::is_some)
            on:input=move |_| checks.changed(key) on:change=move |_| checks.changed(key)
            on:focusout=leave>
            {children()}
            <p class="field__error" id=format!("f-{key}-error")>{error}</p>
        </div>
    }
}

/// Whether focus moves to another element of the same box (a picker's search to its options'
/// scope, latitude to longitude): the field is not left.
fn focus_stays_inside(ev: &FocusEvent) -> bool {
    let inside = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let to = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    matches!((inside, to), (Some(inside), Some(to)) if inside.contains(Some(&to)))
}

/// The "* wajib diisi" line at the top of a form.
#[component]
pub fn RequiredLegend() -> impl IntoView {
    view! { <p class="form__legend" data-testid="required-legend">{tr(Msg::FormRequiredLegend)}</p> }
}

/// Under the form, beside Simpan: why it was not saved, and after a failed save a link to each
/// field to correct.
#[component]
pub fn FormOutcome(checks: Checks) -> impl IntoView {
    let i18n = I18n::expect();
    let outcome = checks.outcome;
    let rows = move || {
        (outcome.get() == Outcome::Invalid)
            .then(|| checks.summary(i18n.lang()))
            .unwrap_or_default()
    };
    view! {
        <div class="form__outcome" id="form-errors">
            <p class="form__outcome-text form__outcome--error" role="alert" data-testid="form-outcome">
                {move || match outcome.get() {
                    Outcome::None => String::new(),
                    Outcome::Invalid => i18n.t(Msg::FormNotSaved).to_string(),
                    Outcome::Failed(msg) => i18n.t(msg).to_string(),
                }}
            </p>
            <ul class="form__summary" data-testid="error-summary">
                {move || rows().into_iter().map(|(key, label, text)| view! {
                    <li>
                        <a href=format!("#field-{key}") on:click=move |ev| {
                            // Not a navigation (the router would take it): focus the field.
                            ev.prevent_default();
                            focus_field(key);
                        }>{label}</a>
                        ": " {text}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The bar that stays at the bottom of the screen while a form is filled: the section in view
/// ("Bagian 2 dari 5: Lokasi"), which also jumps to another, how many fields to correct, and
/// Simpan. The form's sections are the fieldsets `section-<i>`, in `sections`' order.
#[component]
pub fn FormBar(
    checks: Checks,
    sections: Vec<Msg>,
    #[prop(into)] saving: Signal<bool>,
    #[prop(into)] save_label: Signal<Msg>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let total = sections.len();
    let current = RwSignal::new(0usize);
    if total > 1 {
        let handle = window_event_listener(leptos::ev::scroll, move |_| {
            if let Some(i) = section_in_view(total) {
                if current.get_untracked() != i {
                    current.set(i);
                }
            }
        });
        on_cleanup(move || handle.remove());
    }
    let jump = move |ev: leptos::ev::Event| {
        let Ok(i) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        current.set(i);
        if let Some(section) = document().get_element_by_id(&format!("section-{i}")) {
            bring_into_view(section.unchecked_into(), false);
        }
    };
    let to_correct = move || {
        let count = checks.shown.with(BTreeSet::len);
        match count {
            0 => None,
            1 => Some(i18n.t(Msg::FormErrorOne).to_string()),
            n => Some(fill(
                i18n.t(Msg::FormErrorCount),
                &[("count", &n.to_string())],
            )),
        }
    };
    let section_picker = (total > 1).then(|| {
        let options = sections
            .into_iter()
            .enumerate()
            .map(|(i, title)| {
                let text = move || {
                    fill(
                        i18n.t(Msg::FormSectionOf),
                        &[
                            ("n", &(i + 1).to_string()),
                            ("total", &total.to_string()),
                            ("title", i18n.t(title)),
                        ],
                    )
                };
                view! { <option value=i.to_string()>{text}</option> }
            })
            .collect_view();
        view! {
            <select class="form-bar__section" data-testid="form-section"
                aria-label=move || i18n.t(Msg::FormSectionJump)
                prop:value=move || current.get().to_string() on:change=jump>
                {options}
            </select>
        }
    });
    view! {
        <div class="form-bar" data-testid="form-bar">
            {move || to_correct().map(|text| view! {
                <button type="button" class="form-bar__errors" data-testid="form-bar-errors"
                    on:click=move |_| focus_first_invalid()>
                    {text}
                </button>
            })}
            <div class="form-bar__row">
                {section_picker}
                <button type="submit" class="button button--primary form-bar__save" data-testid="save"
                    disabled=move || saving.get()>
                    {move || i18n.t(save_label.get())}
                </button>
            </div>
        </div>
    }
}

/// The section whose top last passed the reading line (a third down the screen); the last one
/// once the page is scrolled to its end.
fn section_in_view(total: usize) -> Option<usize> {
    let window = window();
    let height = window.inner_height().ok()?.as_f64()?;
    let scrolled = window.scroll_y().ok()?;
    let page = document().document_element()?.scroll_height() as f64;
    if scrolled > 0.0 && scrolled + height >= page - 2.0 {
        return Some(total - 1);
    }
    let line = height / 3.0;
    let mut current = 0;
    for i in 0..total {
        let section = document().get_element_by_id(&format!("section-{i}"))?;
        if section.get_bounding_client_rect().top() <= line {
            current = i;
        }
    }
    Some(current)
}

/// Focuses the first field marked to correct, once the view shows the marks.
pub fn focus_first_invalid() {
    request_animation_frame(|| {
        if let Ok(Some(first)) = document().query_selector(".record-form .field--invalid") {
            focus_in(&first);
        }
    });
}

/// Focuses field `key` (its box `field-<key>`).
fn focus_field(key: &str) {
    if let Some(field) = document().get_element_by_id(&format!("field-{key}")) {
        focus_in(&field);
    }
}

/// When a form opens, focus goes to its first field, or to the offer of an earlier draft.
pub fn focus_on_open() {
    request_animation_frame(|| {
        // Never taken from a field the officer is already in (typing before the form was done
        // drawing, on a slow phone).
        if crate::web::pickers::typing_elsewhere() {
            return;
        }
        let target = document()
            .query_selector(
                "[data-testid='draft-restore'], .record-form :is(input, select, textarea)",
            )
            .ok()
            .flatten();
        if let Some(el) = target {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// Focuses the first control in `field` (typing ones before buttons: latitude before the GPS
/// button, a chosen village's "Ganti" when nothing can be typed) in the middle of the screen,
/// clear of the bars at its top and bottom.
fn focus_in(field: &web_sys::Element) {
    let control = field
        .query_selector("input, select, textarea")
        .ok()
        .flatten()
        .or_else(|| field.query_selector("button").ok().flatten());
    if let Some(control) = control {
        bring_into_view(control.unchecked_into(), true);
    }
}

/// Scrolls `el` into view (to the middle of the screen, or to its top for a section) and
/// focuses it.
fn bring_into_view(el: web_sys::HtmlElement, middle: bool) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(if middle {
        web_sys::ScrollLogicalPosition::Center
    } else {
        web_sys::ScrollLogicalPosition::Start
    });
    el.scroll_into_view_with_scroll_into_view_options(&options);
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = el.focus_with_options(&focus);
}
