//! "This week": suggested actions, each with its reason and one click from doing it.

use crate::browser;
use crate::components::interaction_form::InteractionForm;
use crate::route::Route;
use leptos::prelude::*;
use rapport_core::insights::Suggestion;
use rapport_core::InteractionInput;

#[component]
pub fn SuggestionList(suggestions: Vec<Suggestion>) -> impl IntoView {
    if suggestions.is_empty() {
        return view! {
            <p class="muted">"No suggestions right now. They appear when someone is overdue, a strong tie has gone quiet, you have asked more than you have given, or a conversation deserves thanks."</p>
        }
        .into_any();
    }
    view! {
        <ul class="cards" aria-label="Suggested actions">
            {suggestions.into_iter().map(|s| view! { <SuggestionItem suggestion=s /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SuggestionItem(suggestion: Suggestion) -> impl IntoView {
    let open = RwSignal::new(false);
    let mut start = InteractionInput::new_for(browser::today());
    start.purpose = suggestion.kind.purpose().key().to_string();
    start.topic = suggestion.kind.topic().to_string();
    let person = suggestion.person;
    let action = format!("{} {}", suggestion.kind.verb(), suggestion.name);
    view! {
        <li class="card row suggestion">
            <div class="row-main">
                <p>
                    <strong>{suggestion.kind.verb()} " "</strong>
                    <a href=Route::Person(suggestion.person).href()>{suggestion.name.clone()}</a>
                </p>
                <p class="muted">{suggestion.reason.render(crate::browser::local_date)}</p>
            </div>
            <button type="button" class="secondary" aria-label=format!("Log interaction: {action}") on:click=move |_| open.set(true)>"Log interaction"</button>
            <Show when=move || open.get()>
                <InteractionForm person=person start=start.clone() done=move |_| open.set(false) />
            </Show>
        </li>
    }
}
