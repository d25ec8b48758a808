//! The device's calendar and clock, as the records' rules and the pages need them.

use wasm_bindgen::JsValue;

/// The device's offset from UTC now, in ms (WIB: +7 h).
pub fn utc_offset_ms() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64) * 60_000
}

/// Today, from the device's clock, as the rules need it.
pub fn today() -> crate::model::rules::Today {
    let now = js_sys::Date::now();
    day_at(now, now)
}

/// A moment on the device's clock, for people: "23 November 2026 pukul 15.04"
/// ([`crate::format::moment`]), with the device's UTC offset at that moment.
pub fn local_time(ms: u64, lang: crate::i18n::Lang) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let offset_ms = -(d.get_timezone_offset() as i64) * 60_000;
    crate::format::moment(ms.saturating_add_signed(offset_ms), lang)
}

/// Tomorrow: the limit for dates in received files (a sender may be a time zone ahead).
pub fn tomorrow() -> crate::model::rules::Today {
    let now = js_sys::Date::now();
    day_at(now + 86_400_000.0, now)
}

/// The day at `ms` on the device's calendar; the clock is the device's `now`.
fn day_at(ms: f64, now: f64) -> crate::model::rules::Today {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    let iso = format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    );
    crate::model::rules::Today {
        year: d.get_full_year() as i32,
        iso,
        clock_ms: now as u64,
    }
}
