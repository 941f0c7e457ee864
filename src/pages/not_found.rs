//! The page for an address that names no screen.

use crate::browser;
use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn NotFound(hash: String) -> impl IntoView {
    browser::set_title("Not found");
    #[cfg(feature = "test-hooks")]
    crate::test_hooks::maybe_panic(&hash);
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
