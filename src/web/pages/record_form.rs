//! Create or edit a record of any kind described by a schema. As in the Usaha form, what the
//! officer types lives in one signal, saved as a draft on every change; a failed save keeps it
//! all and shows every reason beside its field.

use super::records::href_of;
use super::schema_field::SchemaField;
use super::Page;
use crate::i18n::Msg;
use crate::komoditas::KOMODITAS;
use crate::model::schema::{Schema, Ty};
use crate::model::{
    changed_fields, changed_since, over_stored, FieldError, FormValues, Kind, Record,
};
use crate::web::app::ProfileState;
use crate::web::checks::{focus_on_open, Checks, FormBar, FormOutcome, Outcome, RequiredLegend};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{today, LoadState, Records};
use crate::web::settings::{self, Draft};
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde::{de::DeserializeOwned, Serialize};

#[component]
pub fn RecordFormPage(schema: &'static Schema) -> impl IntoView {
    let records = Records::expect();
    let id = use_params_map().with_untracked(|p| p.get("id"));
    let editing = id.is_some();
    let form = move || {
        let existing = id.as_ref().and_then(|id| {
            records.all.with_untracked(|all| {
                all.get(id.as_str())
                    .filter(|r| r.kind == schema.kind)
                    .cloned()
            })
        });
        if id.is_some() && existing.is_none() {
            return view! { <p>{tr(Msg::RecordNotFound)}</p> }.into_any();
        }
        view! {
            <h2>{tr(if existing.is_some() { Msg::RecordEditTitle } else { schema.new_title })}</h2>
            <RecordFormBody schema=schema existing=existing/>
        }
        .into_any()
    };
    // A new record needs nothing loaded: typing can start at once, even if storage fails.
    if !editing {
        return view! { <Page title=schema.title>{form()}</Page> }.into_any();
    }
    view! { <Page title=schema.title><WhenLoaded>{form.clone()}</WhenLoaded></Page> }.into_any()
}

/// Shows its children once the records are loaded (an edit form needs its record; opened by a
/// link after a reload, they are still loading), the store's message while they cannot be.
/// Built once: a form is not rebuilt under the officer's fingers.
#[component]
pub fn WhenLoaded(children: ChildrenFn) -> impl IntoView {
    let records = Records::expect();
    let state = Memo::new(move |_| {
        records.state.with(|s| match s {
            LoadState::Loading => None,
            LoadState::Ready => Some(Ok(())),
            LoadState::Failed(e) => Some(Err(e.clone())),
        })
    });
    move || match state.get() {
        None => view! { <p role="status">{tr(Msg::StoreLoading)}</p> }.into_any(),
        Some(Ok(())) => children().into_any(),
        Some(Err(e)) => {
            view! { <p class="card card--warning" role="alert">{tr(e.message())}</p> }.into_any()
        }
    }
}

/// A form's text with its draft: saved to this tab's draft on every change, a draft left
/// earlier offered back, and the form it was typed over kept, so that a save writes back only
/// what the officer changed. Shared by the Usaha form and the schema forms.
pub struct Drafted<T: Send + Sync + 'static> {
    pub form: RwSignal<T>,
    base: StoredValue<T>,
    offer: RwSignal<Option<(String, Draft<T>)>>,
    key: StoredValue<String>,
    records: Records,
}

impl<T: Send + Sync + 'static> Clone for Drafted<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Drafted<T> {}

impl<T> Drafted<T>
where
    T: Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    /// `name`: the form and record, e.g. `sentra.<id>` or `usaha.baru`.
    pub fn new(name: &str, initial: T) -> Self {
        let offered = settings::find_draft::<Draft<T>>(name).filter(|(_, d)| d.form != initial);
        let drafted = Drafted {
            form: RwSignal::new(initial.clone()),
            base: StoredValue::new(initial),
            offer: RwSignal::new(offered),
            key: StoredValue::new(settings::draft_key(name)),
            records: Records::expect(),
        };
        // Autosave (localStorage only), except while a draft is being offered.
        Effect::new(move |first: Option<()>| {
            let current = drafted.form.get();
            if first.is_some() && drafted.offer.with_untracked(Option::is_none) {
                let draft = Draft {
                    base: drafted.base.get_value(),
                    form: current,
                };
                drafted
                    .key
                    .with_value(|key| settings::save_draft(key, &draft));
            }
        });
        drafted
    }

    /// Saves validated `values` of the form `sent` (as saved: fields that do not apply emptied):
    /// applied to the record `existing` as stored now (only the fields that differ from the form
    /// as opened, or from the base a restored draft was typed over, and of a links field only the
    /// members the officer added or removed, so a change made meanwhile by another tab or an
    /// import keeps its fields and stamps), or to a new record of `kind`. On success the draft
    /// goes and the record's page opens; on failure `outcome` says why and the form keeps
    /// everything.
    #[allow(clippy::too_many_arguments)]
    pub fn save(
        self,
        kind: Kind,
        existing: Option<&str>,
        sent: &T,
        values: FormValues,
        officer: &str,
        saving: RwSignal<bool>,
        outcome: RwSignal<Outcome>,
        navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
    ) {
        let records = self.records;
        let current =
            existing.and_then(|id| records.all.with_untracked(|all| all.get(id).cloned()));
        let changed = current
            .as_ref()
            .map(|_| changed_fields(&self.base.get_value(), sent));
        let record = records.edit(officer, |editor| {
            let mut record = current.unwrap_or_else(|| Record::new(kind, editor));
            let values = changed_since(values, changed.as_ref());
            record.apply(over_stored(values, &self.base.get_value(), &record), editor);
            record
        });
        let href = href_of(kind, &record.id);
        saving.set(true);
        leptos::task::spawn_local(async move {
            match records.save(vec![record]).await {
                Ok(()) => {
                    self.remove();
                    navigate(&href, Default::default());
                }
                Err(e) => outcome.set(Outcome::Failed(e.message())),
            }
            saving.set(false);
        });
    }

    /// This tab's draft is done with (saved or cancelled).
    pub fn remove(self) {
        self.key.with_value(|key| settings::remove_draft(key));
    }

    /// "A draft was found: restore / discard". A draft another tab left is taken over:
    /// restored, it is saved as this tab's own.
    pub fn offer_view(self) -> impl IntoView {
        let restore = move |_| {
            if let Some((key, d)) = self.offer.get_untracked() {
                self.offer.set(None);
                settings::remove_draft(&key);
                self.base.set_value(d.base);
                self.form.set(d.form);
            }
        };
        let discard = move |_| {
            if let Some((key, _)) = self.offer.get_untracked() {
                settings::remove_draft(&key);
            }
            self.offer.set(None);
        };
        view! {
            <Show when=move || self.offer.with(Option::is_some)>
                <div class="banner banner--update" role="alert" data-testid="draft-offer">
                    <p>{tr(Msg::DraftFound)}</p>
                    <div class="banner__actions">
                        <button type="button" class="button button--primary" data-testid="draft-restore"
                            on:click=restore>
                            {tr(Msg::DraftRestore)}
                        </button>
                        <button type="button" class="button" on:click=discard>
                            {tr(Msg::DraftDiscard)}
                        </button>
                    </div>
                </div>
            </Show>
        }
    }
}

#[component]
fn RecordFormBody(schema: &'static Schema, existing: Option<Record>) -> impl IntoView {
    let i18n = I18n::expect();
    let wilayah = Wilayah::expect();
    let profile = expect_context::<ProfileState>();
    let navigate = use_navigate();

    let form_name = format!(
        "{}.{}",
        schema.kind.key(),
        existing.as_ref().map_or("baru", |r| &*r.id)
    );
    let initial = match &existing {
        Some(r) => schema.form_of(r),
        None => {
            let mut form = schema.new_form(&today());
            // What the device already knows: the officer, and the working kabupaten.
            if schema.field("petugas").is_some() {
                form.set("petugas", profile.0.with_untracked(|p| p.name.clone()));
            }
            // A kabupaten office's own kabupaten/kota; a province office's the one it chose
            // last, if in its province, else none: its next kawasan is rarely in the capital.
            let kabupaten = wilayah.home.get_untracked().and_then(|home| {
                if crate::wilayah::is_code(&home, 2) {
                    Some(home)
                } else {
                    settings::load_last_kabupaten().filter(|k| crate::wilayah::within(k, &home))
                }
            });
            if let (Some(spec), Some(kabupaten)) =
                (schema.field_of(|t| *t == Ty::Kabupaten), kabupaten)
            {
                form.set(spec.key, kabupaten);
            }
            form
        }
    };
    let drafted = Drafted::new(&form_name, initial);
    let form = drafted.form;
    let checks = Checks::new(
        move || form.with(|f| reasons(schema.validate(f, &today()))),
        schema.fields().map(|f| (f.key, f.label)).collect(),
    );
    let saving = RwSignal::new(false);
    focus_on_open();

    let warnings = Memo::new(move |_| form.with(|f| schema.form_warnings(f, &today())));

    let submit = {
        let existing_id = existing.as_ref().map(|r| r.id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let Ok(values) = form.with_untracked(|f| schema.validate(f, &today())) else {
                checks.failed();
                return;
            };
            checks.outcome.set(Outcome::None);
            if let Some(spec) = schema.field_of(|t| *t == Ty::Kabupaten) {
                form.with_untracked(|f| settings::save_last_kabupaten(f.get(spec.key)));
            }
            drafted.save(
                schema.kind,
                existing_id.as_deref(),
                &form.get_untracked(),
                values,
                &profile.officer(),
                saving,
                checks.outcome,
                navigate.clone(),
            );
        }
    };
    let cancel_href = existing.as_ref().map_or_else(
        || format!("/{}", schema.path),
        |r| format!("/{}/{}", schema.path, r.id),
    );
    let has_komoditas = schema.field_of(|t| *t == Ty::Komoditas).is_some();

    view! {
        {drafted.offer_view()}
        <form class="form record-form" on:submit=submit novalidate=true data-testid="record-form">
            <RequiredLegend/>
            {schema.sections.iter().enumerate().map(|(i, section)| view! {
                <fieldset class="card form__section" id=format!("section-{i}") tabindex="-1">
                    <legend>{tr(section.title)}</legend>
                    {section.fields.iter().map(|spec| view! {
                        <SchemaField spec=spec form=form checks=checks/>
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            {has_komoditas.then(|| view! {
                <datalist id="komoditas-list">
                    {KOMODITAS.iter().map(|k| view! { <option value=k.name></option> }).collect_view()}
                </datalist>
            })}
            <Show when=move || !warnings.with(Vec::is_empty)>
                <div class="card card--warning" role="status" data-testid="form-warnings">
                    {move || warnings.get().into_iter().map(|w| view! { <p>{w.text(i18n.lang())}</p> }).collect_view()}
                </div>
            </Show>
            <FormOutcome checks=checks/>
            <FormBar checks=checks sections=schema.sections.iter().map(|s| s.title).collect()
                saving=saving save_label=Signal::stored(Msg::ActionSave)/>
            <div class="form__actions">
                <a class="button" href=cancel_href on:click=move |_| drafted.remove()>{tr(Msg::ActionCancel)}</a>
            </div>
        </form>
    }
}

/// The reasons of a validation, none when it passed.
pub fn reasons<T>(validated: Result<T, Vec<FieldError>>) -> Vec<FieldError> {
    validated.err().unwrap_or_default()
}
