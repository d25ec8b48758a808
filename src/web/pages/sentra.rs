use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn SentraPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavSentra intro=Msg::SentraIntro empty=Msg::SentraEmpty/> }
}
