//! Small wrappers over browser APIs that are not storage: the clock, randomness for ids,
//! file downloads, and dates in the user's locale and time zone.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::id::{Id, ID_ENTROPY_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date in the user's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// A fresh id that `in_use` does not know, from `crypto.getRandomValues`.
pub fn new_id(in_use: impl Fn(&Id) -> bool) -> Id {
    loop {
        let mut bytes = [0u8; ID_ENTROPY_BYTES];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
            .is_some();
        if !filled {
            // No WebCrypto (very old browsers): Math.random is weaker but ids only need to be unique.
            for b in bytes.iter_mut() {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        let id = Id::from_entropy(bytes);
        if !in_use(&id) {
            return id;
        }
    }
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("The download could not start ({what}).");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("document"))?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| fail("link"))?.dyn_into().map_err(|_| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

fn locale_options(pairs: &[(&str, &str)]) -> JsValue {
    let options = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    options.into()
}

/// A calendar date in the user's locale: "25 Nov 2026", "Nov 25, 2026"…
pub fn local_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    let d = js_sys::Date::new_with_year_month_day(date.year() as u32, date.month0() as i32, date.day() as i32);
    d.to_locale_date_string("default", &locale_options(&[("year", "numeric"), ("month", "short"), ("day", "numeric")]))
        .into()
}

/// A moment in the user's locale and time zone.
pub fn local_datetime(at: DateTime<Utc>) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    d.to_locale_string(
        "default",
        &locale_options(&[
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
        ]),
    )
    .into()
}

/// Sets the document title, so each screen is announced and bookmarked by name.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} · Rapport"));
    }
}
