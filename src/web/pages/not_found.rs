use super::Page;
use crate::i18n::Msg;
use crate::web::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Page title=Msg::NotFoundTitle>
            <p><A href="/">{tr(Msg::NotFoundBack)}</A></p>
        </Page>
    }
}
