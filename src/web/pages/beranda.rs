//! Beranda: what is on the device at a glance, and how much has not been shared yet. The office's
//! figures (by kecamatan, class, year, budget) come with the reports issue.

use super::{EmptyState, Page};
use crate::i18n::{fill, Msg};
use crate::model::Kind;
use crate::sharing::unshared;
use crate::web::app::NAV;
use crate::web::i18n::{tr, I18n};
use crate::web::records::Records;
use leptos::prelude::*;
use leptos_router::components::A;

/// Each kind with the page that lists it.
const KINDS: [(Kind, &str); 7] = [
    (Kind::Usaha, "/usaha"),
    (Kind::Sentra, "/sentra"),
    (Kind::SurveiDesa, "/survei-desa"),
    (Kind::Kawasan, "/kawasan-ikm"),
    (Kind::Kegiatan, "/kegiatan"),
    (Kind::Mitra, "/mitra"),
    (Kind::Jejaring, "/jejaring"),
];

#[component]
pub fn BerandaPage() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let counts = Memo::new(move |_| {
        records.all.with(|all| {
            KINDS.map(|(kind, _)| {
                all.values()
                    .filter(|r| r.kind == kind && !r.is_deleted())
                    .count()
            })
        })
    });
    let pending = Memo::new(move |_| {
        records.last_export.with(|mark| {
            records
                .all
                .with(|all| unshared(all.values(), mark.as_ref()).len())
        })
    });
    let label = |path: &str| NAV.iter().find(|(p, _)| *p == path).map(|(_, m)| *m);
    view! {
        <Page title=Msg::NavBeranda intro=Msg::BerandaIntro>
            {move || if counts.get().iter().all(|n| *n == 0) {
                view! { <EmptyState msg=Msg::BerandaEmpty/> }.into_any()
            } else {
                view! {
                    <section class="card">
                        <h2>{tr(Msg::BerandaCounts)}</h2>
                        <dl class="facts" data-testid="beranda-counts">
                            {KINDS.iter().zip(counts.get()).filter(|(_, n)| *n > 0).map(|((_, path), n)| view! {
                                <dt><A href=*path>{label(path).map(tr)}</A></dt>
                                <dd>{n}</dd>
                            }).collect_view()}
                        </dl>
                        <p data-testid="beranda-unshared">
                            <A href="/bagikan">
                                {move || match pending.get() {
                                    0 => i18n.t(Msg::ShareAllShared).to_string(),
                                    n => fill(i18n.t(Msg::ShareUnshared), &[("count", &n.to_string())]),
                                }}
                            </A>
                        </p>
                    </section>
                }.into_any()
            }}
        </Page>
    }
}
