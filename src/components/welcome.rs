//! The first run: three short questions on Today while the network is empty. My name, what
//! I am looking for (the narrow and broad targets the message templates use), and how to
//! start: import LinkedIn connections or contacts, add people by hand, or the sample
//! network. Each can be skipped; all of it can be changed later in Settings → My profile.

use crate::route::{self, Route};
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::{FieldErrors, ProfileInput};

#[component]
pub fn Welcome() -> impl IntoView {
    let state = AppState::context();
    let start = state.network.with_untracked(|n| ProfileInput::from_profile(&n.profile));
    // Answers are saved as they come: after a reload, start at the first unanswered question.
    let step = RwSignal::new(if start.name.is_empty() {
        1u8
    } else if start.target_narrow.is_empty() && start.target_broad.is_empty() {
        2
    } else {
        3
    });
    // A name typed into the static first screen while the wasm downloaded (index.html).
    let name =
        RwSignal::new(if start.name.is_empty() { crate::browser::boot_name().unwrap_or_default() } else { start.name });
    let narrow = RwSignal::new(start.target_narrow);
    let broad = RwSignal::new(start.target_broad);
    let problem = RwSignal::new(None::<String>);
    let heading = NodeRef::<leptos::html::H2>::new();
    // The next step's question takes focus, so a screen reader and the keyboard follow
    // along (not the first: opening Rapport leaves focus where the browser puts it).
    let go_to = move |n: u8| {
        step.set(n);
        set_timeout(
            move || {
                if let Some(h) = heading.get_untracked() {
                    let _ = h.focus();
                }
            },
            std::time::Duration::from_millis(0),
        );
    };
    let save_profile = move || -> Result<(), FieldErrors> {
        let mut input = state.network.with_untracked(|n| ProfileInput::from_profile(&n.profile));
        input.name = name.get_untracked();
        input.target_narrow = narrow.get_untracked();
        input.target_broad = broad.get_untracked();
        actions::save_profile(state, &input)
    };
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match save_profile() {
            Ok(()) => {
                problem.set(None);
                go_to(step.get_untracked() + 1);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let finish = move |then: Option<Route>| match actions::set_setting(state, |s| s.prefs.welcomed = true) {
        Ok(()) => match then {
            Some(to) => route::go(&to),
            // Today replaces the questions where they were: start at its top (on a phone the
            // sample network opened 264 px down, its heading out of sight).
            None => {
                if let Some(w) = web_sys::window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        },
        Err(e) => problem.set(Some(e.to_string())),
    };
    // Fetching the sample's module takes a moment: the button waits meanwhile.
    let loading = RwSignal::new(false);
    let sample = move |_| {
        loading.set(true);
        leptos::task::spawn_local(async move {
            match actions::load_sample(state).await {
                Ok(()) => finish(None),
                Err(e) => {
                    problem.try_set(Some(e.to_string()));
                }
            }
            loading.try_set(false);
        });
    };
    let skip = move || {
        view! {
            <button type="button" class="link" on:click=move |_| finish(None)>"Skip the questions"</button>
        }
    };
    view! {
        <div class="card welcome" role="region" aria-label="Welcome to Rapport">
            <p class="eyebrow">{move || format!("Welcome to Rapport · {} of 3", step.get())}</p>
            {move || match step.get() {
                1 => view! {
                    <form novalidate on:submit=next>
                        <h2 tabindex="-1" node_ref=heading>"What's your name?"</h2>
                        <p class="muted">"It signs the messages Rapport drafts for you. It stays in this browser, like everything else."</p>
                        <div class="field">
                            <label for="welcome-name">"Your name"</label>
                            <input id="welcome-name" type="text" autocomplete="name" bind:value=name />
                        </div>
                        <div class="actions">
                            <button type="submit">"Next"</button>
                            {skip()}
                        </div>
                    </form>
                }
                .into_any(),
                2 => view! {
                    <form novalidate on:submit=next>
                        <h2 tabindex="-1" node_ref=heading>"What are you looking for?"</h2>
                        <p class="muted">"Informational interviews go better when you say what interests you, narrowly and broadly: “I'm exploring product analytics at fintechs, and more broadly data work in finance.”"</p>
                        <div class="field">
                            <label for="welcome-narrow">"Narrowly"</label>
                            <input id="welcome-narrow" type="text" placeholder="product analytics at fintechs" bind:value=narrow />
                        </div>
                        <div class="field">
                            <label for="welcome-broad">"Broadly"</label>
                            <input id="welcome-broad" type="text" placeholder="data work in finance" bind:value=broad />
                        </div>
                        <div class="actions">
                            <button type="submit">"Next"</button>
                            <button type="button" class="secondary" on:click=move |_| go_to(3)>"Not sure yet"</button>
                            <button type="button" class="secondary" on:click=move |_| go_to(1)>"Back"</button>
                            {skip()}
                        </div>
                    </form>
                }
                .into_any(),
                _ => view! {
                    <div>
                        <h2 tabindex="-1" node_ref=heading>"How do you want to start?"</h2>
                        <p class="muted">"Start with the people you already know: former colleagues, managers and classmates are the warmest ties."</p>
                        <ul class="start-choices">
                            <li>
                                <button type="button" on:click=move |_| finish(Some(Route::ImportExport))>"Import your LinkedIn connections"</button>
                                <p class="muted">"LinkedIn → Settings & Privacy → Data privacy → Get a copy of your data → Connections. You then choose whom you actually know, one at a time."</p>
                            </li>
                            <li>
                                <button type="button" class="secondary" on:click=move |_| finish(Some(Route::ImportExport))>"Import contacts (vCard)"</button>
                                <p class="muted">"A .vcf file from Apple or Google Contacts."</p>
                            </li>
                            <li>
                                <button type="button" class="secondary" on:click=move |_| finish(Some(Route::NewPerson))>"Add people by hand"</button>
                                <p class="muted">"A few people you would like to stay close to."</p>
                            </li>
                            <li>
                                <button type="button" class="secondary" on:click=sample disabled=move || loading.get()>"Explore a sample network"</button>
                                <p class="muted">"Sixty invented people, removable in one step."</p>
                            </li>
                        </ul>
                        <div class="actions">
                            <button type="button" class="secondary" on:click=move |_| go_to(2)>"Back"</button>
                            {skip()}
                        </div>
                    </div>
                }
                .into_any(),
            }}
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <p class="muted hint">"You can change your answers any time in Settings → My profile."</p>
        </div>
    }
}
