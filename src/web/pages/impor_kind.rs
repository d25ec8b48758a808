//! Impor: which kind of record a list holds (Usaha or Sentra), guessed from the sheet
//! (`intake::layout::guess_kind`) and shown for the officer to change, the texts that differ by
//! kind, and the blank template of each kind.

use crate::i18n::Msg;
use crate::intake::template;
use crate::model::Kind;
use crate::web::deflate::xlsx_named;
use crate::web::files;
use crate::web::i18n::tr;
use leptos::prelude::*;

/// The message of a text that differs by kind: an Usaha's, or a Sentra's.
pub(super) fn per_kind(kind: Kind, usaha: Msg, sentra: Msg) -> Msg {
    if kind == Kind::Sentra {
        sentra
    } else {
        usaha
    }
}

/// The kinds an officer chooses between, as the choice names them.
const CHOICES: [(Kind, Msg, &str); 2] = [
    (Kind::Usaha, Msg::IntakeKindUsaha, "usaha"),
    (Kind::Sentra, Msg::IntakeKindSentra, "sentra"),
];

/// The kind the sheet is read as: radio buttons (two lines on a phone, each a full tap target).
#[component]
pub(super) fn KindChoice(kind: RwSignal<Kind>, on_change: Callback<()>) -> impl IntoView {
    view! {
        <fieldset class="choice" data-testid="intake-kind">
            <legend>{tr(Msg::IntakeKind)}</legend>
            {CHOICES.into_iter().map(|(k, label, value)| view! {
                <label class="choice__option">
                    <input type="radio" name="intake-kind" value=value data-testid=format!("intake-kind-{value}")
                        prop:checked=move || kind.get() == k
                        on:change=move |_| { kind.set(k); on_change.run(()); }/>
                    <span>{tr(label)}</span>
                </label>
            }).collect_view()}
            <p class="hint">{tr(Msg::IntakeKindHint)}</p>
            <Show when=move || kind.get() == Kind::Sentra>
                <p class="hint" data-testid="intake-sentra-note">{tr(Msg::IntakeSentraNoYears)}</p>
            </Show>
        </fieldset>
    }
}

/// The blank list of each kind: small enough to write on the page.
#[component]
pub(super) fn TemplateButtons(message: RwSignal<Option<String>>) -> impl IntoView {
    let download = move |kind: Kind| {
        leptos::task::spawn_local(async move {
            let sheets = template::sheets(kind);
            let named: Vec<_> = sheets.iter().map(|(n, s)| (*n, s)).collect();
            let offered = match xlsx_named(&named).await {
                Ok(bytes) => files::offer_xlsx(template::file_name(kind), &bytes)
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("{e:?}")),
                Err(e) => Err(e),
            };
            if let Err(e) = offered {
                message.set(Some(e));
            }
        });
    };
    view! {
        <p class="hint">{tr(Msg::IntakeTemplateHint)}</p>
        <div class="form__actions">
            <button type="button" class="button" data-testid="intake-template" on:click=move |_| download(Kind::Usaha)>
                {tr(Msg::IntakeTemplate)}
            </button>
            <button type="button" class="button" data-testid="intake-template-sentra" on:click=move |_| download(Kind::Sentra)>
                {tr(Msg::IntakeTemplateSentra)}
            </button>
        </div>
    }
}
