use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn SurveiPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavSurvei intro=Msg::SurveiIntro empty=Msg::SurveiEmpty/> }
}
