//! Small wrappers over browser APIs that are not storage: the clock, randomness for ids,
//! file downloads, and dates in the user's locale and time zone.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::id::{Id, ID_ENTROPY_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// The browser's clock; with the `test-hooks` feature, a test may fix it (see `test_hooks`).
fn clock_millis() -> f64 {
    #[cfg(feature = "test-hooks")]
    if let Some(fixed) = crate::test_hooks::clock_millis() {
        return fixed;
    }
    js_sys::Date::now()
}

thread_local! {
    /// This page's hybrid logical clock (`rapport_core::clock`), with this device's digits.
    static CLOCK: std::cell::RefCell<Option<rapport_core::clock::Hlc>> = const { std::cell::RefCell::new(None) };
}

fn with_clock<T>(f: impl FnOnce(&mut rapport_core::clock::Hlc) -> T) -> T {
    CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        let clock = c.get_or_insert_with(|| rapport_core::clock::Hlc::new(crate::storage::device::clock_digits()));
        f(clock)
    })
}

/// Now, for stamping changes: a hybrid logical clock over the browser's clock
/// (`rapport_core::clock`). Always later than anything handed out before in this page and
/// than every change seen ([`observe`]: the store at open, another tab's write, another
/// device's sync file), and carrying this device's digits, so two devices never make the
/// same stamp. A change made after seeing another device's change wins over it, whatever
/// either clock says. Today's date ([`today`]) follows the wall clock alone.
pub fn now() -> DateTime<Utc> {
    let wall = clock_millis() as i64;
    with_clock(|c| c.now(wall))
}

/// Takes in the stamp of a change made elsewhere, so the next [`now`] comes after it.
pub fn observe(at: DateTime<Utc>) {
    with_clock(|c| c.observe(at));
}

/// Whether a stamp from elsewhere is more than a day ahead of this device's clock (the other
/// device's clock is probably wrong; the merge report says so).
pub fn is_far_ahead(at: DateTime<Utc>) -> bool {
    at.timestamp_millis() > clock_millis() as i64 + 24 * 60 * 60 * 1000
}

/// Today's date in the user's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new(&JsValue::from_f64(clock_millis()));
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// The user's IANA time zone, from `Intl`.
pub fn local_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// Zones the IANA database renamed: (old name, today's name).
pub const RENAMED_ZONES: &[(&str, &str)] = &[
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("America/Godthab", "America/Nuuk"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Pacific/Enderbury", "Pacific/Kanton"),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
];

/// The browser's own list of time zones (`Intl.supportedValuesOf("timeZone")`), with the
/// user's zone first; just the user's zone where the browser has no list.
pub fn time_zones() -> Vec<String> {
    let here = local_zone();
    let intl = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok();
    let list = intl
        .and_then(|i| {
            let f = js_sys::Reflect::get(&i, &JsValue::from_str("supportedValuesOf")).ok()?;
            let f: js_sys::Function = wasm_bindgen::JsCast::dyn_into(f).ok()?;
            f.call1(&i, &JsValue::from_str("timeZone")).ok()
        })
        .map(|v| js_sys::Array::from(&v).iter().filter_map(|z| z.as_string()).collect::<Vec<_>>())
        .unwrap_or_default();
    // Chromium still lists some zones by their old names: offer today's name where the
    // browser knows it (it does, as an alias).
    let renamed = |z: String| -> String {
        RENAMED_ZONES
            .iter()
            .find(|(old, _)| *old == z)
            .filter(|(_, new)| is_time_zone(new))
            .map(|(_, new)| (*new).to_string())
            .unwrap_or(z)
    };
    let here = renamed(here);
    let mut zones = vec![here.clone()];
    zones.extend(list.into_iter().map(renamed).filter(|z| *z != here));
    if !zones.iter().any(|z| z == "UTC") {
        zones.push("UTC".into());
    }
    zones
}

fn zone_format(zone: &str) -> Result<js_sys::Intl::DateTimeFormat, String> {
    let options = locale_options(&[
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
    ]);
    let locales = js_sys::Array::of1(&JsValue::from_str("en-US"));
    // An unknown zone makes the constructor throw a RangeError; construct it through Reflect
    // so the exception comes back as an error instead of aborting.
    let fail = || format!("“{zone}” is not a time zone this browser knows.");
    let intl = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).map_err(|_| fail())?;
    let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &JsValue::from_str("DateTimeFormat"))
        .map_err(|_| fail())?
        .dyn_into()
        .map_err(|_| fail())?;
    let args = js_sys::Array::of2(&locales, &options);
    js_sys::Reflect::construct(&ctor, &args).map(|v| v.unchecked_into()).map_err(|_| fail())
}

/// True when `zone` is an IANA time zone the browser knows.
pub fn is_time_zone(zone: &str) -> bool {
    !zone.is_empty() && zone_format(zone).is_ok()
}

/// An instant's date ("2026-12-04") and time ("15:00") on the wall clock of `zone`.
pub fn local_date_time_in_zone(at: DateTime<Utc>, zone: &str) -> Option<(String, String)> {
    let format = zone_format(zone).ok()?;
    let parts = format.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64)));
    let mut get = std::collections::HashMap::new();
    for part in parts.iter() {
        let kind = js_sys::Reflect::get(&part, &JsValue::from_str("type")).ok()?.as_string()?;
        let value = js_sys::Reflect::get(&part, &JsValue::from_str("value")).ok()?.as_string()?;
        get.insert(kind, value);
    }
    let pad = |k: &str| get.get(k).map(|v| format!("{:0>2}", v));
    Some((
        format!("{}-{}-{}", get.get("year")?, pad("month")?, pad("day")?),
        format!("{}:{}", pad("hour")?, pad("minute")?),
    ))
}

/// The zone's offset from UTC at an instant, in milliseconds, worked out by `Intl`.
fn offset_millis(format: &js_sys::Intl::DateTimeFormat, at: f64) -> f64 {
    let parts = format.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(at)));
    let mut fields = [0f64; 6];
    for part in parts.iter() {
        let kind = js_sys::Reflect::get(&part, &JsValue::from_str("type")).ok().and_then(|v| v.as_string());
        let value = js_sys::Reflect::get(&part, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|v| v.parse::<f64>().ok());
        let slot = match kind.as_deref() {
            Some("year") => 0,
            Some("month") => 1,
            Some("day") => 2,
            Some("hour") => 3,
            Some("minute") => 4,
            Some("second") => 5,
            _ => continue,
        };
        if let (Some(v), Some(f)) = (value, fields.get_mut(slot)) {
            *f = v;
        }
    }
    let [y, mo, d, h, mi, s] = fields;
    let wall = js_sys::Date::utc(y, mo - 1.0) + (d - 1.0) * 86_400_000.0 + h * 3_600_000.0 + mi * 60_000.0 + s * 1000.0;
    wall - (at - at.rem_euclid(1000.0))
}

/// The UTC instant of a wall-clock time in an IANA zone, without a bundled zone database:
/// the browser's `Intl` gives the zone's offset, checked twice around changes of offset.
pub fn zoned_to_utc(local: chrono::NaiveDateTime, zone: &str) -> Result<DateTime<Utc>, String> {
    let format = zone_format(zone)?;
    let wall = local.and_utc().timestamp_millis() as f64;
    let first = offset_millis(&format, wall);
    let mut at = wall - first;
    let second = offset_millis(&format, at);
    if second != first {
        at = wall - second;
    }
    DateTime::from_timestamp_millis(at as i64).ok_or_else(|| "That time can't be represented.".to_string())
}

/// An instant as wall-clock time in a zone: "Tue, Dec 1, 3:30 PM".
pub fn format_in_zone(at: DateTime<Utc>, zone: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let zone = if is_time_zone(zone) { zone } else { "UTC" };
    d.to_locale_string(
        "default",
        &locale_options(&[
            ("timeZone", zone),
            ("weekday", "short"),
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
            ("timeZoneName", "short"),
        ]),
    )
    .into()
}

/// Opens the browser's print dialog (the prep sheet has a print stylesheet).
/// The clipboard, where the browser offers one: not outside a secure context (a page served
/// over plain http from another machine), where `navigator.clipboard` is missing and using it
/// would throw.
pub fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    clipboard.is_object().then(|| clipboard.unchecked_into())
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
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
    // The UTF-8 bytes go to the Blob as they are: no JS string of a 10 MB export is made.
    download_bytes(filename, text.as_bytes(), mime)
}

/// Whether the main pointer is a finger (a phone or a tablet).
pub fn coarse_pointer() -> bool {
    web_sys::window().and_then(|w| w.match_media("(pointer: coarse)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Hands a file to the user: the share sheet on a touch device that can share files (a
/// phone: "Save to Files", AirDrop, a chat), otherwise a download.
pub fn share_or_download(filename: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    if coarse_pointer() {
        if let Some(promise) = share_file(filename, bytes, mime) {
            // If sharing is refused or cancelled, fall back to a download.
            let (name, bytes, mime) = (filename.to_string(), bytes.to_vec(), mime.to_string());
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
                    let cancelled = e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "AbortError");
                    if !cancelled {
                        let _ = download_bytes(&name, &bytes, &mime);
                    }
                }
            });
            return Ok(());
        }
    }
    download_bytes(filename, bytes, mime)
}

/// `navigator.share({ files })`, where the browser can share this file.
fn share_file(filename: &str, bytes: &[u8], mime: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let can_share = js_sys::Reflect::get(&navigator, &JsValue::from_str("canShare")).ok()?;
    let can_share: js_sys::Function = can_share.dyn_into().ok()?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence_and_options(&parts, filename, &options).ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &JsValue::from_str("files"), &js_sys::Array::of1(&file)).ok()?;
    if !can_share.call1(&navigator, &data).ok()?.as_bool()? {
        return None;
    }
    let share: js_sys::Function =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("share")).ok()?.dyn_into().ok()?;
    share.call1(&navigator, &data).ok()?.dyn_into().ok()
}

/// Downloads bytes as a file.
pub fn download_bytes(filename: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("The download could not start ({what}).");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
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
///
/// One `Intl.DateTimeFormat` serves every call: `toLocaleDateString` with options builds a
/// new formatter each time, about 0.1 ms, which made Insights' 3,000 dates take 116 ms.
pub fn local_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    thread_local! {
        static FORMAT: js_sys::Intl::DateTimeFormat = js_sys::Intl::DateTimeFormat::new(
            &js_sys::Array::new(),
            &locale_options(&[("year", "numeric"), ("month", "short"), ("day", "numeric")]).unchecked_into(),
        );
    }
    let d = js_sys::Date::new_with_year_month_day(date.year() as u32, date.month0() as i32, date.day() as i32);
    FORMAT.with(|f| f.format().call1(f, &d).ok().and_then(|s| s.as_string()).unwrap_or_else(|| date.to_string()))
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

/// `performance.now()`, in milliseconds.
pub fn performance_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

/// Records a `performance.measure` named `name` from `start` (a [`performance_now`]) to now,
/// for the browser benchmark (`bench/run.mjs`) to read.
pub fn measure(name: &str, start: f64) {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else { return };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = js_sys::Reflect::set(&options, &"end".into(), &JsValue::from_f64(p.now()));
    if let Ok(f) = js_sys::Reflect::get(&p, &"measure".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call2(&p, &JsValue::from_str(name), &options);
    }
}

/// Records a `performance.mark` once the next frame is about to paint.
/// Runs `f` in a task after `frames` frames have been painted (queued from the last one's
/// `requestAnimationFrame`): the work in `f` is not on the way to those paints, and a key
/// pressed meanwhile is handled first.
pub fn after_frames(frames: u32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        if frames > 1 {
            after_frames(frames - 1, f);
            return;
        }
        let task = wasm_bindgen::closure::Closure::once_into_js(f);
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(task.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(callback.unchecked_ref());
}

pub fn mark_at_next_frame(name: &'static str) {
    let Some(window) = web_sys::window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
    });
    let _ = window.request_animation_frame(callback.unchecked_ref());
}

thread_local! {
    /// When the user last typed, clicked, touched or scrolled with the wheel (`performance.now()`).
    static LAST_INPUT: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    static WATCHING_INPUT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A promise that resolves after `ms` milliseconds (a `setTimeout`), for `Promise.race`.
pub fn timer(ms: f64) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.max(0.0) as i32);
        }
    })
}

/// Resolves after `ms` milliseconds (a `setTimeout`).
pub async fn sleep(ms: f64) {
    let _ = wasm_bindgen_futures::JsFuture::from(timer(ms)).await;
}

/// Resolves once the user has done nothing for `quiet_ms` (and at least that long after the
/// page opened): background work waits for it, so it never competes with typing.
pub async fn quiet_moment(quiet_ms: f64) {
    watch_input();
    loop {
        let since = performance_now() - LAST_INPUT.with(std::cell::Cell::get);
        if since >= quiet_ms {
            return;
        }
        sleep(quiet_ms - since + 1.0).await;
    }
}

/// The kinds of input that `quiet_moment` and `first_input` watch for.
const INPUT_EVENTS: [&str; 5] = ["keydown", "input", "pointerdown", "wheel", "touchstart"];

/// Notes the time of every input from now on (`LAST_INPUT`), once per page. `App` starts it
/// when it mounts, so that `first_input` counts a name typed before the worker settled.
pub fn watch_input() {
    if WATCHING_INPUT.with(|w| w.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let on_input = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| LAST_INPUT.with(|t| t.set(performance_now())));
    for event in INPUT_EVENTS {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_capture(true);
        options.set_passive(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            on_input.as_ref().unchecked_ref(),
            &options,
        );
    }
    on_input.forget();
}

/// Resolves at the user's first key, click, touch or turn of the wheel since `watch_input`
/// started (at once if there has been one): work the user has not asked for waits for it on
/// a first visit (`App`), so it never competes with the first screen being read or answered.
pub async fn first_input() {
    watch_input();
    if LAST_INPUT.with(std::cell::Cell::get) > 0.0 {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let input = js_sys::Promise::new(&mut |resolve, _| {
        for event in INPUT_EVENTS {
            let options = web_sys::AddEventListenerOptions::new();
            options.set_capture(true);
            options.set_passive(true);
            options.set_once(true);
            let _ = window.add_event_listener_with_callback_and_add_event_listener_options(event, &resolve, &options);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(input).await;
}

/// What was typed in the static first screen's name field (index.html, `#boot`) while the wasm
/// downloaded, for the first-run question to carry over. `None` once that screen is gone.
pub fn boot_name() -> Option<String> {
    let input = web_sys::window()?.document()?.get_element_by_id("boot-name")?;
    let value = input.dyn_into::<web_sys::HtmlInputElement>().ok()?.value();
    (!value.trim().is_empty()).then_some(value)
}

/// Removes the static first screen once the app is mounted (the same task, so no frame shows
/// both or neither). Focus in its name field moves to the app's, with the caret at the end.
pub fn finish_boot() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(boot) = document.get_element_by_id("boot") else { return };
    let typing = document.active_element().is_some_and(|e| e.id() == "boot-name");
    boot.remove();
    if typing {
        if let Some(input) =
            document.get_element_by_id("welcome-name").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = input.focus();
            let end = input.value().encode_utf16().count() as u32;
            let _ = input.set_selection_range(end, end);
        }
    }
}
