use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn UsahaPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavUsaha intro=Msg::UsahaIntro empty=Msg::UsahaEmpty/> }
}
