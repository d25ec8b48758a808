//! Katalog produk (issue 17): Beranda's filter as a printable catalogue of the Usaha that are
//! still active and have photos of their products (`report::katalog`), each with its products'
//! photos at full size, its name, products, commodity, village and phone. Phones are masked
//! unless the officer shows them: a catalogue goes to buyers, and a number is personal data.

use super::beranda::{use_filter, PrintedHeading};
use super::photos_card::PhotoImage;
use super::report_view::kecamatan_name;
use super::{EmptyState, Page, TickToAgree};
use crate::i18n::{fill, Msg};
use crate::model::privasi::mask_phone;
use crate::report::katalog::{katalog, Entry};
use crate::web::i18n::{tr, I18n};
use crate::web::records::{utc_offset_ms, LoadState, Records};
use crate::web::wilayah::Wilayah;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn KatalogPage() -> impl IntoView {
    let i18n = I18n::expect();
    let records = Records::expect();
    let wilayah = Wilayah::expect();
    wilayah.ensure_index();
    let filter = use_filter();
    let phones = RwSignal::new(false);
    let entries = Memo::new(move |_| {
        let f = filter.get();
        records.all.with(|all| katalog(all, &f, utc_offset_ms()))
    });
    view! {
        <Page title=Msg::KatalogTitle>
            // What the page is for, on screen; on paper the heading below says what it is.
            <p class="page__intro no-print">{tr(Msg::KatalogIntro)}</p>
            <PrintedHeading filter/>
            <div class="no-print">
                <TickToAgree checked=phones label=Msg::KatalogPhones warning=Msg::KatalogPhonesWarn
                    testid="katalog-phones"/>
            </div>
            {move || match records.state.get() {
                LoadState::Ready if entries.with(Vec::is_empty) => {
                    view! { <EmptyState msg=Msg::KatalogEmpty/> }.into_any()
                }
                LoadState::Ready => view! {
                    <p data-testid="katalog-count">
                        {move || fill(i18n.t(Msg::KatalogCount), &[("count", &i18n.n(entries.with(Vec::len)))])}
                    </p>
                    <ul class="katalog" data-testid="katalog">
                        <For each=move || entries.get() key=|e| e.id.clone() let:entry>
                            <Item entry phones wilayah/>
                        </For>
                    </ul>
                }
                .into_any(),
                _ => view! { <p>{tr(Msg::StoreLoading)}</p> }.into_any(),
            }}
        </Page>
    }
}

/// One business: its product photos, then what a buyer needs to find it.
#[component]
fn Item(entry: Entry, phones: RwSignal<bool>, wilayah: Wilayah) -> impl IntoView {
    let desa = entry.desa.clone();
    let komoditas = entry.komoditas.clone();
    // Its commodity, then where it is: "Batik · Kertasada, Kec. Kalianget".
    let about = move || {
        let village = wilayah
            .gazetteer
            .with(|g| g.village_name(&desa).map(str::to_string));
        let kecamatan = desa.get(..8).map(|k| kecamatan_name(wilayah, k));
        let place = match (village, kecamatan) {
            (Some(v), Some(k)) => format!("{v}, Kec. {k}"),
            _ => String::new(),
        };
        [komoditas.as_str(), &place]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let telepon = entry.telepon.clone();
    let phone = move || match phones.get() {
        true => telepon.clone(),
        false => mask_phone(&telepon),
    };
    let has_phone = !entry.telepon.is_empty();
    let href = format!("/usaha/{}", entry.id);
    view! {
        <li class="katalog__item" data-testid="katalog-item">
            <div class="katalog__photos">
                {entry.photos.into_iter().map(|hash| view! { <PhotoImage hash class="katalog__photo" full=true/> }).collect_view()}
            </div>
            <h2 class="katalog__name"><A href=href>{entry.nama}</A></h2>
            {(!entry.produk.is_empty()).then(|| view! { <p class="katalog__produk">{entry.produk}</p> })}
            <p class="katalog__detail">{about}</p>
            {has_phone.then(|| view! { <p class="katalog__detail" data-testid="katalog-phone">{phone}</p> })}
        </li>
    }
}
