//! Create or edit an Usaha. What the officer types lives in one `UsahaForm` signal, saved as a
//! draft on every change so a reload or a crashed tab loses nothing; a failed save keeps it all
//! and shows every reason beside its field.

use super::record_form::{reasons, Drafted, WhenLoaded};
use super::Page;
use crate::i18n::{fill, Msg};
use crate::komoditas::KOMODITAS;
use crate::model::usaha::{self, DuplicateReason, UsahaForm, HALAL, STATUS};
use crate::model::{Id, Kind, Record};
use crate::web::app::ProfileState;
use crate::web::checks::{
    focus_on_open, Checks, FieldBox, FormBar, FormOutcome, Outcome, RequiredLegend,
};
use crate::web::fields::GpsButton;
use crate::web::i18n::{tr, I18n};
use crate::web::pickers::{RegionLevel, RegionPicker};
use crate::web::records::{today, Records};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The form's sections, in order.
const SECTIONS: [Msg; 5] = [
    Msg::SectionIdentity,
    Msg::SectionLocation,
    Msg::SectionProduction,
    Msg::SectionPermits,
    Msg::SectionStatus,
];

#[component]
pub fn UsahaNewPage() -> impl IntoView {
    view! { <UsahaFormPage id=None/> }
}

#[component]
pub fn UsahaEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id"));
    view! { <UsahaFormPage id=id/> }
}

#[component]
fn UsahaFormPage(id: Option<String>) -> impl IntoView {
    let records = Records::expect();
    let title = if id.is_some() {
        Msg::UsahaEditTitle
    } else {
        Msg::UsahaNewTitle
    };
    let editing = id.is_some();
    let form = move || {
        let existing = id.as_ref().and_then(|id| {
            records.all.with_untracked(|all| {
                all.get(id.as_str())
                    .filter(|r| r.kind == Kind::Usaha)
                    .cloned()
            })
        });
        if id.is_some() && existing.is_none() {
            return view! { <p>{tr(Msg::UsahaNotFound)}</p> }.into_any();
        }
        view! { <UsahaFormBody existing=existing/> }.into_any()
    };
    // A new record needs nothing loaded: typing can start at once, even if storage fails.
    if !editing {
        return view! { <Page title=title>{form()}</Page> }.into_any();
    }
    view! { <Page title=title><WhenLoaded>{form.clone()}</WhenLoaded></Page> }.into_any()
}

#[component]
fn UsahaFormBody(existing: Option<Record>) -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let profile = expect_context::<ProfileState>();
    let navigate = use_navigate();

    let form_name = format!("usaha.{}", existing.as_ref().map_or("baru", |r| &*r.id));
    let initial = existing
        .as_ref()
        .map(UsahaForm::from_record)
        .unwrap_or_else(|| UsahaForm {
            status: "aktif".into(),
            ..Default::default()
        });
    let drafted = Drafted::new(&form_name, initial);
    let form = drafted.form;
    let checks = Checks::new(
        move || form.with(|f| reasons(f.validate(&today()))),
        usaha::LABELS.to_vec(),
    );
    let confirmed_duplicate = RwSignal::new(false);
    let saving = RwSignal::new(false);
    focus_on_open();

    // Scanning every stored Usaha is work for a save attempt, not for each keystroke: nothing is
    // scanned until a save finds duplicates; from then on the warning follows the form.
    let own_id = existing.as_ref().map(|r| r.id.clone());
    let duplicates = Memo::new({
        let own_id = own_id.clone();
        move |_| {
            if !confirmed_duplicate.get() {
                return Vec::new();
            }
            form.with(|f| {
                records
                    .all
                    .with(|all| duplicates_of(f, own_id.as_deref(), all))
            })
        }
    });

    let submit = {
        let own_id = own_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let Ok(values) = form.with_untracked(|f| f.validate(&today())) else {
                checks.failed();
                return;
            };
            checks.outcome.set(Outcome::None);
            if !confirmed_duplicate.get_untracked()
                && form.with_untracked(|f| {
                    records
                        .all
                        .with_untracked(|all| !duplicates_of(f, own_id.as_deref(), all).is_empty())
                })
            {
                confirmed_duplicate.set(true); // shown; a second press saves anyway
                return;
            }
            // What changed is judged on the form as typed: a field hidden because it does not
            // apply, left as it was, is not written, so an edit never clears a stored value
            // (a received Batik with a P-IRT keeps it when its phone is corrected). A new record
            // gets the applicable values: hidden fields empty.
            drafted.save(
                Kind::Usaha,
                own_id.as_deref(),
                &form.with_untracked(Clone::clone),
                values,
                &profile.officer(),
                saving,
                checks.outcome,
                navigate.clone(),
            );
        }
    };

    let cancel_href = existing
        .as_ref()
        .map_or("/usaha".to_string(), |r| format!("/usaha/{}", r.id));
    let text = move |name: &'static str, label: Msg, kind: &'static str| {
        view! { <Input name=name label=label form=form checks=checks kind=kind/> }
    };
    let select =
        move |name: &'static str, label: Msg, options: Vec<(&'static str, Option<Msg>)>| {
            view! { <Select name=name label=label form=form checks=checks options=options/> }
        };
    let section = move |i: usize, fields: AnyView| {
        view! {
            <fieldset class="card form__section" id=format!("section-{i}") tabindex="-1">
                <legend>{tr(SECTIONS[i])}</legend>
                {fields}
            </fieldset>
        }
    };
    let save_label = Signal::derive(move || {
        if confirmed_duplicate.get() && !duplicates.with(Vec::is_empty) {
            Msg::ActionSaveAnyway
        } else {
            Msg::ActionSave
        }
    });

    view! {
        {drafted.offer_view()}
        <form class="form record-form" on:submit=submit novalidate=true data-testid="usaha-form">
            <RequiredLegend/>
            {section(0, view! {
                {text("nama", Msg::FieldNama, "text")}
                {text("pemilik", Msg::FieldPemilik, "text")}
                {text("telepon", Msg::FieldTelepon, "tel")}
                {text("nib", Msg::FieldNib, "numeric")}
            }.into_any())}
            {section(1, view! {
                {text("alamat", Msg::FieldAlamat, "text")}
                {text("kecamatan_tertulis", Msg::FieldKecamatanTertulis, "text")}
                <FieldBox key="desa" checks=checks>
                    <RegionPicker id="desa" level=RegionLevel::Desa required=true error_id="f-desa-error".to_string()
                        value=Signal::derive(move || form.with(|f| (!f.desa.is_empty()).then(|| f.desa.clone())))
                        on_change=Callback::new(move |code: Option<String>| form.update(|f| f.desa = code.unwrap_or_default()))
                        written_kecamatan=Signal::derive(move || form.with(|f| f.kecamatan_tertulis.clone()))/>
                </FieldBox>
                <FieldBox key="lat" checks=checks>
                    <GpsButton on_found=Callback::new(move |(lat, lon): (f64, f64)| form.update(|f| { f.lat = format!("{lat:.6}"); f.lon = format!("{lon:.6}"); }))/>
                    <Control name="lat" label=Msg::FieldLat form=form checks=checks kind="decimal" error_of="lat"/>
                    <Control name="lon" label=Msg::FieldLon form=form checks=checks kind="decimal" error_of="lat"/>
                </FieldBox>
            }.into_any())}
            {section(2, view! {
                {text("komoditas", Msg::FieldKomoditas, "komoditas")}
                <KomoditasInfo form=form/>
                <datalist id="komoditas-list">
                    {KOMODITAS.iter().map(|k| view! { <option value=k.name></option> }).collect_view()}
                </datalist>
                {text("kbli", Msg::FieldKbli, "numeric")}
                {select("kbli_edisi", Msg::FieldKbliEdisi, vec![("2020", None), ("2025", None)])}
                {text("produk", Msg::FieldProduk, "text")}
                {text("tenaga_kerja", Msg::FieldTenagaKerja, "numeric")}
                {text("modal", Msg::FieldModal, "numeric")}
                {text("penjualan", Msg::FieldPenjualan, "numeric")}
                {text("investasi", Msg::FieldInvestasi, "numeric")}
                {text("tahun_mulai", Msg::FieldTahunMulai, "numeric")}
            }.into_any())}
            {section(3, view! {
                {text("pirt", Msg::FieldPirt, "text")}
                {select("halal_status", Msg::FieldHalalStatus,
                    HALAL.iter().map(|k| (*k, usaha::halal_label(k))).collect())}
                {text("halal_no", Msg::FieldHalalNo, "text")}
            }.into_any())}
            {section(4, view! {
                {select("status", Msg::FieldStatus,
                    STATUS.iter().copied().zip([Msg::StatusAktif, Msg::StatusTidakAktif, Msg::StatusTutup].map(Some)).collect())}
                {text("diverifikasi", Msg::FieldDiverifikasi, "date")}
                {text("catatan", Msg::FieldCatatan, "text")}
            }.into_any())}
            <Show when=move || confirmed_duplicate.get() && !duplicates.with(Vec::is_empty)>
                <div class="card card--warning" role="alert" data-testid="duplicates">
                    <p>{tr(Msg::DuplicateHeading)}</p>
                    <ul>
                        {move || duplicates.get().into_iter().map(|(id, name, why)| view! {
                            <li>
                                <a href=format!("/usaha/{id}") target="_blank">{name}</a>
                                " — "
                                {move || i18n.t(match why { DuplicateReason::SameNib => Msg::DuplicateNib, DuplicateReason::SimilarNameSameDesa => Msg::DuplicateName })}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <FormOutcome checks=checks/>
            <FormBar checks=checks sections=SECTIONS.to_vec() saving=saving save_label=save_label/>
            <div class="form__actions">
                <a class="button" href=cancel_href on:click=move |_| drafted.remove()>{tr(Msg::ActionCancel)}</a>
            </div>
        </form>
    }
}

/// Writes one field of the form, by name.
fn set(form: RwSignal<UsahaForm>, name: &str, value: String) {
    form.update(|f| {
        if let Some(text) = f.text_mut(name) {
            *text = value;
        }
    });
}

/// A field with its label, its reason and its check, shown while it applies
/// ([`UsahaForm::shown`]; what it holds stays in the form while it is hidden).
#[component]
fn Input(
    name: &'static str,
    label: Msg,
    form: RwSignal<UsahaForm>,
    checks: Checks,
    kind: &'static str,
) -> impl IntoView {
    view! {
        <Show when=move || form.with(|f| f.shown(name))>
            <FieldBox key=name checks=checks>
                <Control name=name label=label form=form checks=checks kind=kind error_of=name/>
            </FieldBox>
        </Show>
    }
}

/// A label and its input; `error_of`: the field whose reason describes it (latitude's for
/// longitude too).
#[component]
fn Control(
    name: &'static str,
    label: Msg,
    form: RwSignal<UsahaForm>,
    checks: Checks,
    kind: &'static str,
    error_of: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    let required = usaha::REQUIRED.contains(&name);
    let error = checks.error(error_of);
    let (input_type, mode, list) = match kind {
        "numeric" => ("text", Some("numeric"), None),
        "decimal" => ("text", Some("decimal"), None),
        "komoditas" => ("text", None, Some("komoditas-list")),
        other => (other, None, None),
    };
    view! {
        <label class="field__label" class:field__label--required=required for=id.clone()>{tr(label)}</label>
        <input id=id name=name type=input_type inputmode=mode list=list
            prop:value=move || form.with(|f| f.text(name).to_string())
            on:input=move |ev| set(form, name, event_target_value(&ev))
            aria-required=required.then_some("true")
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=format!("f-{error_of}-error")/>
    }
}

#[component]
fn Select(
    name: &'static str,
    label: Msg,
    form: RwSignal<UsahaForm>,
    checks: Checks,
    options: Vec<(&'static str, Option<Msg>)>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let id = format!("f-{name}");
    let required = usaha::REQUIRED.contains(&name);
    view! {
        <FieldBox key=name checks=checks>
            <label class="field__label" class:field__label--required=required for=id.clone()>{tr(label)}</label>
            <select id=id.clone() name=name
                prop:value=move || form.with(|f| f.text(name).to_string())
                on:change=move |ev| set(form, name, event_target_value(&ev))
                aria-required=required.then_some("true")
                aria-describedby=format!("{id}-error")>
                <option value="">{tr(Msg::ChoiceNone)}</option>
                {options.into_iter().map(|(value, msg)| view! {
                    <option value=value>{move || msg.map_or(value, |m| i18n.t(m))}</option>
                }).collect_view()}
            </select>
        </FieldBox>
    }
}

/// For a commodity from the list: its Podes group and KBLI codes (uncertain ones marked), with
/// buttons that fill the KBLI fields. Free text shows nothing.
#[component]
fn KomoditasInfo(form: RwSignal<UsahaForm>) -> impl IntoView {
    let i18n = I18n::expect();
    let listed = move || form.with(|f| crate::komoditas::by_name(&f.komoditas));
    let code_text = move |kbli: Option<crate::komoditas::Kbli>| match kbli {
        Some(k) if k.uncertain => format!("{} ({})", k.code, i18n.t(Msg::KbliUncertain)),
        Some(k) => k.code.to_string(),
        None => i18n.t(Msg::KbliUnknown).to_string(),
    };
    view! {
        {move || listed().map(|k| {
            let editions = [("2020", k.kbli2020), ("2025", k.kbli2025)];
            view! {
                <div class="hint" data-testid="komoditas-info">
                    <p>{tr(Msg::KomoditasGroup)} ": " {tr(k.group.label())}
                        " · KBLI 2020: " {code_text(k.kbli2020)} " · KBLI 2025: " {code_text(k.kbli2025)}</p>
                    <div class="form__actions">
                        {editions.into_iter().filter_map(|(edition, kbli)| kbli.map(|c| (edition, c.code))).map(|(edition, code)| view! {
                            <button type="button" class="button button--small"
                                on:click=move |_| form.update(|f| { f.kbli = code.to_string(); f.kbli_edisi = edition.to_string(); })>
                                {move || fill(i18n.t(Msg::KomoditasUseKbli), &[("edition", edition), ("code", code)])}
                            </button>
                        }).collect_view()}
                    </div>
                </div>
            }
        })}
    }
}

/// Stored Usaha that may be the one in the form: `(id, name, why)`.
fn duplicates_of(
    form: &UsahaForm,
    own_id: Option<&str>,
    all: &std::collections::BTreeMap<Id, Record>,
) -> Vec<(String, String, DuplicateReason)> {
    usaha::possible_duplicates(form, own_id, all.values().filter(|r| r.kind == Kind::Usaha))
        .into_iter()
        .map(|(r, why)| (r.id.to_string(), r.text("nama").to_string(), why))
        .collect()
}
