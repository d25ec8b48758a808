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
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr(Msg::AboutLicences)>
                    <table class="table table--wrap" data-testid="licences">
                        <thead>
                            <tr><th scope="col">{tr(Msg::AboutComponent)}</th><th scope="col">{tr(Msg::AboutLicence)}</th></tr>
                        </thead>
                        <tbody>
                            {COMPONENTS
                                .iter()
                                .map(|c| view! { <tr><td>{c.name}</td><td>{licence(c.licence)}</td></tr> })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </Page>
    }
}

/// A licence expression as shown: its hyphens non-breaking, so "Apache-2.0" never splits over two
/// lines (the cell wraps between its words instead).
fn licence(expression: &str) -> String {
    expression.replace('-', "\u{2011}")
}
