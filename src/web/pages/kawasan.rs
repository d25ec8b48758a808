use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn KawasanPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavKawasan intro=Msg::KawasanIntro empty=Msg::KawasanEmpty/> }
}
