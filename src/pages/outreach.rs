//! Outreach: choose whom to write to and which template, see open drafts, and read the method.

use crate::browser;
use crate::route::{self, Route};
use crate::state::AppState;
use leptos::prelude::*;
use rapport_core::drafter::{referral_gate, TemplateKind};
use rapport_core::Id;

/// Open drafts, newest first; also on Today.
#[component]
pub fn OpenDrafts() -> impl IntoView {
    let state = AppState::context();
    let drafts = Memo::new(move |_| {
        state.network.with(|n| {
            let mut list: Vec<_> = n
                .live_drafts()
                .filter_map(|d| n.person(&d.person).map(|p| (d.person, d.kind, p.name.clone(), d.updated)))
                .collect();
            rapport_core::order::sort_by(&mut list, |a, b| b.3.cmp(&a.3));
            list
        })
    });
    move || {
        let list = drafts.get();
        if list.is_empty() {
            return view! { <p class="muted">"No open drafts."</p> }.into_any();
        }
        view! {
            <ul class="cards" aria-label="Open drafts">
                {list.into_iter().map(|(person, kind, name, updated)| view! {
                    <li class="card row">
                        <div class="row-main">
                            <a class="name" href=Route::Compose(person, kind).href()>{format!("{} to {name}", kind.label())}</a>
                            <p class="muted">{format!("Last edited {}", browser::local_datetime(updated))}</p>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
pub fn OutreachPage() -> impl IntoView {
    browser::set_title("Outreach");
    let state = AppState::context();
    let people = Memo::new(move |_| {
        state.network.with(|n| {
            let mut list: Vec<(String, String)> = n.live_people().map(|p| (p.id.to_string(), p.name.clone())).collect();
            rapport_core::order::sort_by_key(&mut list, |(_, name)| name.to_lowercase());
            list
        })
    });
    let chosen = RwSignal::new(String::new());
    view! {
        <section class="page">
            <h1>"Outreach"</h1>
            <div class="card">
                <h2>"Write to someone"</h2>
                <p class="muted">"Messages come from templates filled from your network, checked live against the method: give first, state your connection, ask for advice as a question, keep it short and about them. Nothing leaves your device; you send with your own email or LinkedIn."</p>
                <div class="inline-form">
                    <crate::components::combobox::Combobox id="write-to" label="Person" value=chosen options=people
                        placeholder="Type a name" />
                    <button type="button" on:click=move |_| {
                        if let Ok(id) = Id::parse(&chosen.get_untracked()) {
                            route::go(&Route::OutreachTo(id));
                        }
                    }>"Choose a template"</button>
                </div>
            </div>
            <div class="card">
                <h2>"Open drafts"</h2>
                <OpenDrafts />
            </div>
            <p><a href=Route::Method.href()>"The method behind the checks"</a></p>
        </section>
    }
}

/// The templates for one person; the referral request only once the relationship is established.
#[component]
pub fn ChooseTemplate(person: Id) -> impl IntoView {
    let state = AppState::context();
    let Some(p) = state.network.with_untracked(|n| n.person(&person).cloned()) else {
        return view! { <section class="page"><h1>"This person is not in your network"</h1></section> }.into_any();
    };
    browser::set_title(&format!("Write to {}", p.name));
    let gate = state.network.with_untracked(|n| referral_gate(n, &person, browser::today()));
    view! {
        <section class="page">
            <h1>{format!("Write to {}", p.name)}</h1>
            <ul class="cards" aria-label="Templates">
                {TemplateKind::ALL.iter().map(|kind| {
                    let kind = *kind;
                    let withheld = (kind == TemplateKind::Referral).then(|| gate.clone().err()).flatten();
                    match withheld {
                        Some(why) => view! {
                            <li class="card row">
                                <div class="row-main">
                                    <p><strong>{kind.label()}</strong>" — not yet"</p>
                                    <p class="muted">{why}</p>
                                </div>
                                <a class="button secondary" href=Route::Compose(person, TemplateKind::ShareResource).href()>"Give first instead"</a>
                            </li>
                        }.into_any(),
                        None => view! {
                            <li class="card row">
                                <div class="row-main"><a class="name" href=Route::Compose(person, kind).href()>{kind.label()}</a></div>
                            </li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The method the checks come from.
#[component]
pub fn MethodPage() -> impl IntoView {
    browser::set_title("The method");
    view! {
        <section class="page">
            <h1>"The method behind the checks"</h1>
            <div class="card">
                <h2>"The 6-Point Email (Steve Dalton, The 2-Hour Job Search)"</h2>
                <ol>
                    <li>"Fewer than 75 words (the first edition's 5-Point Email allowed fewer than 100)."</li>
                    <li>"Ask for insight and advice, never for a job or a referral."</li>
                    <li>"State your connection first."</li>
                    <li>"Phrase the request as a question, ending in “?”."</li>
                    <li>"Define your interest both narrowly and broadly."</li>
                    <li>"More than half of the words are about the contact, not about you."</li>
                </ol>
                <p>"Expect replies from 20–40% of the people you write to. No reply after 7 working days? Follow up once (3B7)."</p>
            </div>
            <div class="card">
                <h2>"Give first"</h2>
                <p>"Help, introduce, share and show interest before asking for anything. A give-first message carries no ask. Referral requests wait until the relationship is established."</p>
            </div>
            <div class="card">
                <h2>"Channel limits"</h2>
                <p>"A LinkedIn connection-request note holds 200 characters on a free account and 300 on Premium, counted as the browser counts them (UTF-16 code units: an emoji can count as two). Emails need a subject."</p>
            </div>
            <p><a class="button secondary" href=Route::Glossary.href()>"Glossary: the method's words, made plain"</a></p>
        </section>
    }
}
