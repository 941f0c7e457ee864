//! The page for an address that names no screen.

use crate::browser;
use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn NotFound(hash: String) -> impl IntoView {
    browser::set_title("Not found");
    // The end-to-end suite checks the panic screen by setting this flag and opening `#/__panic`.
    let requested =
        js_sys::Reflect::get(&js_sys::global(), &"__rapportTestPanic".into()).ok().and_then(|v| v.as_bool());
    if requested == Some(true) && hash.trim_start_matches('#') == "/__panic" {
        panic!("a panic requested by the test suite");
    }
    view! {
        <section class="page">
            <h1>"There is no such screen"</h1>
            <div class="card empty">
                <p>"Rapport has nothing at the address “" {hash} "”. The person may have been deleted, or the link mistyped."</p>
                <a class="button" href=Route::Today.href()>"Go to Today"</a>
            </div>
        </section>
    }
}
