use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn BagikanPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavBagikan intro=Msg::BagikanIntro empty=Msg::BagikanEmpty/> }
}
