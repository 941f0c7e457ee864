//! Test-only hooks, compiled only with the `test-hooks` cargo feature, which the shipped
//! build (`trunk build --release`, `./scripts/serve`) never enables. The end-to-end journeys
//! and the browser tests build with it (`scripts/test`).
//!
//! - `globalThis.__rapportClock = "<ISO instant>"`: a fixed clock (3B7 on business days).
//! - `globalThis.__rapportTestPanic = true`, then `#/__panic`: a panic, for the panic screen.
//! - `globalThis.__rapportTest.addPeople(count, prefix, bucket)`: adds `count` people named
//!   `prefix 1…count` through the real action, each with a fresh id in one storage bucket
//!   (0–255), one save each: the two-tabs stress journey.

use crate::state::{actions, AppState};
use rapport_core::PersonInput;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

/// The fixed clock, if a test set one: milliseconds since the epoch.
pub fn clock_millis() -> Option<f64> {
    let iso = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__rapportClock")).ok()?.as_string()?;
    let parsed = js_sys::Date::parse(&iso);
    (!parsed.is_nan()).then_some(parsed)
}

/// Panics when a test asked for it on the not-found page at `#/__panic`.
pub fn maybe_panic(hash: &str) {
    let requested =
        js_sys::Reflect::get(&js_sys::global(), &"__rapportTestPanic".into()).ok().and_then(|v| v.as_bool());
    if requested == Some(true) && hash.trim_start_matches('#') == "/__panic" {
        #[allow(clippy::panic)]
        {
            panic!("a panic requested by the test suite");
        }
    }
}

/// Installs `globalThis.__rapportTest` for the app's state.
pub fn install(state: AppState) {
    let add_people = Closure::<dyn Fn(u32, String, u8) -> u32>::new(move |count: u32, prefix: String, bucket: u8| {
        let mut added = 0;
        for n in 1..=count {
            let draft = PersonInput { name: format!("{prefix} {n}"), ..PersonInput::default() };
            if actions::add_person_in_bucket(state, &draft, bucket).is_ok() {
                added += 1;
            }
        }
        added
    });
    let hooks = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&hooks, &"addPeople".into(), add_people.as_ref());
    add_people.forget();
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__rapportTest".into(), &hooks);
}
