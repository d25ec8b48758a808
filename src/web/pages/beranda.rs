use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn BerandaPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavBeranda intro=Msg::BerandaIntro empty=Msg::BerandaEmpty/> }
}
