use super::Page;
use crate::i18n::Msg;
use crate::licences::COMPONENTS;
use crate::web::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn TentangPage() -> impl IntoView {
    view! {
        <Page title=Msg::NavTentang intro=Msg::TentangIntro>
            <p>{tr(Msg::AboutVersion)} " " <span data-testid="app-version">{env!("CARGO_PKG_VERSION")}</span></p>
            <section class="card">
                <h2>{tr(Msg::AboutPrivacy)}</h2>
                <p>{tr(Msg::AboutPrivacyText)}</p>
            </section>
            <section class="card">
                <h2>{tr(Msg::AboutData)}</h2>
                <p data-testid="attribution-regions">{tr(Msg::AboutDataRegions)}</p>
                <p><a href="/wilayah/LICENSE-ODbL.md">{tr(Msg::AboutDataLicenceLink)}</a></p>
                <p>{tr(Msg::AboutDataCommodities)}</p>
            </section>
            <section class="card">
                <h2>{tr(Msg::AboutLicences)}</h2>
                <p>{tr(Msg::AboutLicencesExplain)}</p>
                <table class="table" data-testid="licences">
                    <thead>
                        <tr><th scope="col">{tr(Msg::AboutComponent)}</th><th scope="col">{tr(Msg::AboutLicence)}</th></tr>
                    </thead>
                    <tbody>
                        {COMPONENTS
                            .iter()
                            .map(|c| view! { <tr><td>{c.name}</td><td>{c.licence}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        </Page>
    }
}
