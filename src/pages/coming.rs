//! Screens that later work fills in. Each says plainly what is coming, in the method's words.

use crate::browser;
use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn Coming(route: Route) -> impl IntoView {
    let (title, what): (&str, &[&str]) = match route {
        Route::Outreach => (
            "Outreach",
            &[
                "The warm-outreach drafter is coming here: messages from templates, filled from your network, with live checks such as the 6-Point Email's “fewer than 75 words” and LinkedIn's 200-character note limit.",
                "It will suggest giving first: sharing a resource, congratulating, offering an introduction, before asking for anything.",
            ],
        ),
        _ => ("Coming soon", &[]),
    };
    browser::set_title(title);
    view! {
        <section class="page">
            <h1>{title}</h1>
            <div class="card empty">
                <p class="eyebrow">"Coming soon"</p>
                {what.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
                <p>"Until then, build the base it will use: add people and log your interactions."</p>
                <a class="button" href=Route::Network.href()>"Go to your network"</a>
            </div>
        </section>
    }
}

#[component]
pub fn NotFound(hash: String) -> impl IntoView {
    browser::set_title("Not found");
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
