//! One target employer: edit its LAMP scores, see whom I know there ranked as contacts to
//! approach, and approach someone (or add a new person there) in one step.

use crate::browser;
use crate::components::fields::{FormProblems, SelectField, TextArea, TextField};
use crate::pages::interviews::{motivation_label, posting_label};
use crate::route::{self, Route};
use crate::state::{planner, AppState};
use leptos::prelude::*;
use rapport_core::planner::due::employer_kinds;
use rapport_core::planner::{rank_contacts, EmployerInput};
use rapport_core::{FieldErrors, Id};

#[component]
pub fn EmployerPage(id: Id) -> impl IntoView {
    let state = AppState::context();
    let Some(employer) = state.network.with_untracked(|n| n.employer(&id).cloned()) else {
        browser::set_title("Not found");
        return view! {
            <section class="page">
                <h1>"This employer is not on your list"</h1>
                <div class="card empty"><a class="button" href=Route::Interviews.href()>"Back to Interviews"</a></div>
            </section>
        }
        .into_any();
    };
    browser::set_title(&employer.name);
    let today = browser::today();
    let start = EmployerInput::from_employer(&employer);
    let name = RwSignal::new(start.name);
    let motivation = RwSignal::new(start.motivation);
    let posting = RwSignal::new(start.posting);
    let advocacy = RwSignal::new(start.advocacy);
    let notes = RwSignal::new(start.notes);
    let errors = RwSignal::new(FieldErrors::default());
    let eid = id;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = EmployerInput {
            name: name.get_untracked(),
            motivation: motivation.get_untracked(),
            posting: posting.get_untracked(),
            advocacy: advocacy.get_untracked(),
            notes: notes.get_untracked(),
        };
        match planner::update_employer(state, &eid, &draft) {
            Ok(()) => errors.set(FieldErrors::default()),
            Err(e) => errors.set(e),
        }
    };
    let cid = id;
    let contacts = Memo::new(move |_| {
        state.network.with(|n| n.employer(&cid).map(|e| rank_contacts(n, &e.name, today)).unwrap_or_default())
    });
    let kid = id;
    let kinds = Memo::new(move |_| state.network.with(|n| employer_kinds(n, &kid, today)));
    let problem = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let aid = id;
    let add_contact = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match planner::add_contact_at(state, &aid, &new_name.get_untracked()) {
            Ok(interview) => route::go(&Route::Interview(interview)),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let did = id;
    let delete = move |_| match planner::delete_employer(state, &did) {
        Ok(()) => route::go(&Route::Interviews),
        Err(e) => problem.set(Some(e.to_string())),
    };
    let advocacy_options = vec![
        (String::new(), "Automatic: Y when I know someone there".to_string()),
        ("yes".to_string(), "Y, set by hand".to_string()),
        ("no".to_string(), "N, set by hand".to_string()),
    ];
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{employer.name.clone()}</h1>
                <button type="button" class="secondary danger" on:click=delete>"Remove from list"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <div class="grid-2">
                <div class="card" aria-label="Contacts to approach">
                    <h2>"Whom to approach"</h2>
                    <p class="muted">"Best first: a warm tie, then a shared school or group, the kind of work you want, one or two levels above you, then current strength. Approach one at a time, so colleagues don't compare identical emails."</p>
                    {move || {
                        let list = contacts.get();
                        if list.is_empty() {
                            return view! { <p class="muted">"You don't know anyone here yet. Add someone you found, below."</p> }.into_any();
                        }
                        view! {
                            <ol class="cards" aria-label="Ranked contacts">
                                {list.into_iter().map(|c| {
                                    let person = c.person;
                                    let employer = id;
                                    let label = format!("Approach {}", c.name);
                                    view! {
                                        <li class="card row">
                                            <div class="row-main">
                                                <a class="name" href=Route::Person(c.person).href()>{c.name.clone()}</a>
                                                <p class="muted">{c.reasons().join(" · ")}</p>
                                            </div>
                                            <button type="button" class="secondary" aria-label=label on:click=move |_| {
                                                match planner::approach(state, &person, Some(employer)) {
                                                    Ok(iv) => route::go(&Route::Interview(iv)),
                                                    Err(e) => problem.set(Some(e.to_string())),
                                                }
                                            }>"Approach"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    <form class="inline-form" novalidate on:submit=add_contact aria-label="Add a person to approach">
                        <div class="field">
                            <label for="new-contact">"Someone new to approach here"</label>
                            <input id="new-contact" type="text" placeholder="Their name" bind:value=new_name />
                        </div>
                        <button type="submit">"Add and approach"</button>
                    </form>
                    <p class="muted">{move || format!("Replies so far: {}.", rapport_core::planner::due::replies_text(kinds.get()))}" "<crate::components::term::TermNote key="booster" /></p>
                </div>
                <form class="card" novalidate on:submit=save aria-label="Employer">
                    <h2>"How it ranks " <crate::components::term::TermNote key="lamp" /></h2>
                    <FormProblems errors=errors />
                    <TextField label="Name" key="name" value=name errors=errors />
                    <SelectField label="How much you want to work there (Motivation)" key="motivation" value=motivation errors=errors
                        options=(0..=3u8).map(|v| (v.to_string(), format!("{v} · {}", motivation_label(v)))).collect() />
                    <SelectField label="A relevant job posted (Posting)" key="posting" value=posting errors=errors
                        options=(1..=3u8).map(|v| (v.to_string(), format!("{v} · {}", posting_label(v)))).collect() />
                    <SelectField label="Someone there who could help (Advocacy)" key="advocacy" value=advocacy errors=errors options=advocacy_options />
                    <TextArea label="Notes" key="notes" value=notes errors=errors rows=3 />
                    <div class="actions"><button type="submit">"Save employer"</button></div>
                </form>
            </div>
        </section>
    }
    .into_any()
}
