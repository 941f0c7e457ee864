//! A term of the method, made plain: the plain words first, the method's word as a secondary
//! label, and a one-line explanation on demand with a link to the glossary.

use crate::route::Route;
use leptos::prelude::*;
use rapport_core::glossary::term;

/// Plain words, then the method's term and a "?" that explains it. `plain` overrides the
/// glossary's plain words where the screen needs others.
#[component]
pub fn Term(key: &'static str, #[prop(optional)] plain: Option<&'static str>) -> impl IntoView {
    let Some(t) = term(key) else { return view! { <span>{key}</span> }.into_any() };
    view! {
        <span class="term">
            {plain.unwrap_or(t.plain)}
            " "
            <span class="term-name">{t.term}</span>
            <details class="term-help">
                <summary aria-label=format!("What is {}?", t.term)>"?"</summary>
                <span class="term-explain">{t.explain}" "<a href=Route::Glossary.href()>"Glossary"</a></span>
            </details>
        </span>
    }
    .into_any()
}

/// Only the method's term, as a secondary label with its explanation (where the plain words
/// are already on screen).
#[component]
pub fn TermNote(key: &'static str) -> impl IntoView {
    let Some(t) = term(key) else { return ().into_any() };
    view! {
        <span class="term">
            <span class="term-name">{t.term}</span>
            <details class="term-help">
                <summary aria-label=format!("What is {}?", t.term)>"?"</summary>
                <span class="term-explain">{t.explain}" "<a href=Route::Glossary.href()>"Glossary"</a></span>
            </details>
        </span>
    }
    .into_any()
}

/// The glossary: every term of the method, plain words first.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    crate::browser::set_title("Glossary");
    view! {
        <section class="page">
            <h1>"Glossary"</h1>
            <p class="muted">"The method's words, and what they mean. Rapport says the plain words first and keeps the method's word beside them."</p>
            <dl class="card glossary">
                {rapport_core::glossary::TERMS.iter().map(|t| view! {
                    <dt id=format!("term-{}", t.key)>{t.plain}<span class="term-name">{t.term}</span></dt>
                    <dd>{t.explain}<span class="muted">{format!(" Source: {}.", t.source)}</span></dd>
                }).collect_view()}
            </dl>
            <a class="button secondary" href=Route::Method.href()>"The method in full"</a>
        </section>
    }
}
