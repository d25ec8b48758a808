use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn MitraPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavMitra intro=Msg::MitraIntro empty=Msg::MitraEmpty/> }
}
