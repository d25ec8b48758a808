//! The conflict inbox on Bagikan: for each field two officers changed without knowing of each
//! other, both values with who and when; the pick is an edit that travels.

use super::records::href_of;
use super::Names;
use crate::i18n::{fill, Msg};
use crate::model::merge::Conflict;
use crate::model::schema::Ty;
use crate::model::{field_label, kinds, link_element, photo, Val};
use crate::web::app::ProfileState;
use crate::web::i18n::{tr, I18n};
use crate::web::records::{local_time, Records};
use leptos::prelude::*;
use leptos_router::components::A;

/// The conflict inbox: for each field two officers changed without knowing of each other, both
/// values with who and when; the officer picks one, and the pick is an edit that travels.
#[component]
pub fn ConflictInbox() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let profile = expect_context::<ProfileState>();
    let names = Names::expect();
    let pick = move |c: Conflict, take_lost: bool| {
        let officer = profile.officer();
        leptos::task::spawn_local(async move {
            let _ = records.settle(c, take_lost, &officer).await;
        });
    };
    let version = move |c: &Conflict, lost: bool| {
        // The side in use is the field as it is now: it may have been edited since the import.
        let now = (!lost)
            .then(|| {
                records.all.with(|all| {
                    all.get(c.record.as_str())
                        .and_then(|r| r.fields.get(&c.field))
                        .cloned()
                })
            })
            .flatten();
        let f = now.as_ref().unwrap_or(if lost { &c.lost } else { &c.kept });
        let shown = names.with(
            |n| match kinds::schema(c.kind).and_then(|s| s.field(&c.field)) {
                Some(spec) => n.shown(spec, &f.value, false),
                // A photo: what it shows, or that it was removed (not its JSON).
                None if photo::is_photo_field(&c.field) => {
                    match serde_json::from_value::<photo::PhotoRef>(f.value.to_value()) {
                        Ok(p) => photo::jenis_of(c.kind)
                            .iter()
                            .find(|(key, _)| *key == p.jenis)
                            .map_or(p.jenis.clone(), |(_, label)| i18n.t(*label).to_string()),
                        Err(_) => i18n.t(Msg::PhotoRemoved).to_string(),
                    }
                }
                None => match (&f.value, f.value.as_str()) {
                    (Val::Bool(b), _) => i18n
                        .t(if *b { Msg::ChoiceYa } else { Msg::ChoiceTidak })
                        .to_string(),
                    (_, Some(text)) => text.to_string(),
                    (other, None) => other.to_string(),
                },
            },
        );
        let by = fill(
            i18n.t(Msg::InboxBy),
            &[
                ("by", &f.by),
                ("when", &local_time(f.stamp.wall, i18n.lang())),
            ],
        );
        (shown, by)
    };
    view! {
        <Show when=move || !records.conflicts.with(Vec::is_empty)>
            <section class="card card--warning" data-testid="inbox">
                <h2>{move || fill(i18n.t(Msg::InboxHeading), &[("count", &i18n.n(records.conflicts.with(Vec::len)))])}</h2>
                <p class="hint">{tr(Msg::InboxExplain)}</p>
                <ul class="inbox">
                    {move || records.conflicts.get().into_iter().map(|c| {
                        let title = names.with(|n| {
                            n.all.get(c.record.as_str()).map_or_else(|| c.record.clone(), |r| n.title(r))
                        });
                        let field = field_label(c.kind, &c.field);
                        // A member's field (`anggota/<id>`): which member, by name.
                        let member = link_element(c.kind, &c.field).and_then(|(links, id)| {
                            match kinds::schema(c.kind)?.field(links)?.ty {
                                Ty::Links(kind) => Some(names.with(|n| format!(": {}", n.linked_title(kind, id)))),
                                _ => None,
                            }
                        });
                        let (kept, kept_by) = version(&c, false);
                        let (lost, lost_by) = version(&c, true);
                        let (c1, c2) = (c.clone(), c.clone());
                        view! {
                            <li class="inbox__item" data-testid="conflict">
                                <p><A href=href_of(c.kind, &c.record)><strong>{title}</strong></A>
                                    " · " {move || field.map_or_else(|| c.field.clone(), |m| i18n.t(m).to_string())} {member}</p>
                                <div class="inbox__choices">
                                    <div data-testid="conflict-kept">
                                        <p class="hint">{tr(Msg::InboxKept)}</p>
                                        <p><strong>{kept}</strong></p>
                                        <p class="hint">{kept_by}</p>
                                        <button class="button button--small" on:click=move |_| pick(c1.clone(), false)>{tr(Msg::InboxPick)}</button>
                                    </div>
                                    <div data-testid="conflict-lost">
                                        <p class="hint">{tr(Msg::InboxLost)}</p>
                                        <p><strong>{lost}</strong></p>
                                        <p class="hint">{lost_by}</p>
                                        <button class="button button--small" data-testid="pick-lost" on:click=move |_| pick(c2.clone(), true)>{tr(Msg::InboxPick)}</button>
                                    </div>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
