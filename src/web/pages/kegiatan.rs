use super::EmptyPage;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn KegiatanPage() -> impl IntoView {
    view! { <EmptyPage title=Msg::NavKegiatan intro=Msg::KegiatanIntro empty=Msg::KegiatanEmpty/> }
}
