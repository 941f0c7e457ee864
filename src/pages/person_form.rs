//! Add a person, or edit one. Validation is core's; a rejected form changes nothing.

use crate::browser;
use crate::components::fields::{choices, Checkbox, FormProblems, SelectField, TextArea, TextField};
use crate::route::{self, Route};
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::{FieldErrors, Id, Origin, PersonInput, Seniority};

#[component]
pub fn PersonForm(#[prop(optional)] editing: Option<Id>) -> impl IntoView {
    let state = AppState::context();
    let existing = editing.as_ref().and_then(|id| state.network.with_untracked(|n| n.person(id).cloned()));
    if let (Some(_), None) = (&editing, &existing) {
        return view! {
            <section class="page">
                <h1>"This person is not in your network"</h1>
                <div class="card empty"><a class="button" href=Route::Network.href()>"Back to your network"</a></div>
            </section>
        }
        .into_any();
    }
    let title = match &existing {
        Some(p) => format!("Edit {}", p.name),
        None => "Add a person".to_string(),
    };
    browser::set_title(&title);
    let saved = existing.as_ref().map(|p| PersonInput::from_fields(&p.fields())).unwrap_or_default();
    // What the form opened on: saving applies only what changed since (another tab may have
    // changed other fields meanwhile).
    let opened = StoredValue::new(saved.clone());
    // What was typed here and not saved, if the user left and came back.
    let here = editing.map(Route::EditPerson).unwrap_or(Route::NewPerson).href();
    let restored = state.unsaved_people.with_value(|m| m.get(&here).cloned()).filter(|r| *r != saved);
    let was_restored = restored.is_some();
    let start = restored.unwrap_or_else(|| saved.clone());
    let name = RwSignal::new(start.name);
    let company = RwSignal::new(start.company);
    let role = RwSignal::new(start.role);
    let department = RwSignal::new(start.department);
    let seniority = RwSignal::new(start.seniority);
    let affiliations = RwSignal::new(start.affiliations);
    let location = RwSignal::new(start.location);
    let email = RwSignal::new(start.email);
    let phone = RwSignal::new(start.phone);
    let profile_url = RwSignal::new(start.profile_url);
    let tags = RwSignal::new(start.tags);
    let origin = RwSignal::new(start.origin);
    let introduced_by = RwSignal::new(start.introduced_by);
    let knows_my_work = RwSignal::new(start.knows_my_work);
    let cadence_days = RwSignal::new(start.cadence_days);
    let notes = RwSignal::new(start.notes);
    let errors = RwSignal::new(FieldErrors::default());
    let input = move || PersonInput {
        name: name.get(),
        company: company.get(),
        role: role.get(),
        department: department.get(),
        seniority: seniority.get(),
        affiliations: affiliations.get(),
        location: location.get(),
        email: email.get(),
        phone: phone.get(),
        profile_url: profile_url.get(),
        tags: tags.get(),
        origin: origin.get(),
        introduced_by: introduced_by.get(),
        knows_my_work: knows_my_work.get(),
        cadence_days: cadence_days.get(),
        notes: notes.get(),
    };
    // Kept as it is typed, until saved or cancelled.
    let stash_key = here.clone();
    Effect::new(move |_| {
        let now = input();
        let key = stash_key.clone();
        if now == saved {
            state.unsaved_people.update_value(|m| {
                m.remove(&key);
            });
        } else {
            state.unsaved_people.update_value(|m| {
                m.insert(key, now);
            });
        }
    });
    let forget_key = StoredValue::new(here.clone());
    let forget = move || {
        let key = forget_key.get_value();
        state.unsaved_people.update_value(|m| {
            m.remove(&key);
        });
    };

    let me = editing;
    let others: Vec<(String, String)> = state.network.with_untracked(|n| {
        let mut list: Vec<(String, String)> = n
            .live_people()
            .filter(|p| Some(&p.id) != me.as_ref())
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect();
        rapport_core::order::sort_by(&mut list, |a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()));
        list
    });
    let target = editing;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = PersonInput {
            name: name.get_untracked(),
            company: company.get_untracked(),
            role: role.get_untracked(),
            department: department.get_untracked(),
            seniority: seniority.get_untracked(),
            affiliations: affiliations.get_untracked(),
            location: location.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            profile_url: profile_url.get_untracked(),
            tags: tags.get_untracked(),
            origin: origin.get_untracked(),
            introduced_by: introduced_by.get_untracked(),
            knows_my_work: knows_my_work.get_untracked(),
            cadence_days: cadence_days.get_untracked(),
            notes: notes.get_untracked(),
        };
        let result = match &target {
            Some(id) => actions::update_person(state, id, &opened.get_value(), &draft).map(|()| *id),
            None => actions::add_person(state, &draft),
        };
        match result {
            Ok(id) => {
                forget();
                route::go(&Route::Person(id))
            }
            Err(e) => errors.set(e),
        }
    };
    let cancel = match &editing {
        Some(id) => Route::Person(*id).href(),
        None => Route::Network.href(),
    };
    view! {
        <section class="page">
            <h1>{title}</h1>
            {was_restored.then(|| view! { <p class="banner info" role="status">"What you typed here before is back. Save it, or Cancel to leave it."</p> })}
            <form class="card person-form" novalidate on:submit=submit aria-label="Person">
                <FormProblems errors=errors />
                <TextField label="Name" key="name" value=name errors=errors autocomplete="off" hint="Required." />
                <div class="grid">
                    <TextField label="Company" key="company" value=company errors=errors />
                    <TextField label="Role or title" key="role" value=role errors=errors />
                    <TextField label="Department" key="department" value=department errors=errors />
                    <SelectField label="Seniority" key="seniority" value=seniority errors=errors empty="Not set"
                        options=choices(Seniority::ALL, Seniority::key, Seniority::label) />
                </div>
                <div class="grid">
                    <SelectField label="How we know each other" key="origin" value=origin errors=errors empty="Not set"
                        options=choices(Origin::ALL, Origin::key, Origin::label) />
                    <Show when=move || origin.with(|o| o == Origin::Introduced.key())>
                        <crate::components::combobox::Combobox id="field-introduced_by" label="Introduced by" value=introduced_by
                            options=Signal::derive({ let others = others.clone(); move || others.clone() }) placeholder="Type a name" />
                    </Show>
                </div>
                <TextField label="Schools and groups" key="affiliations" value=affiliations errors=errors hint="Separate with commas." />
                <div class="grid">
                    <TextField label="Email" key="email" kind="email" value=email errors=errors />
                    <TextField label="Phone" key="phone" kind="tel" value=phone errors=errors />
                    <TextField label="Profile URL" key="profile_url" kind="url" value=profile_url errors=errors hint="LinkedIn or any other profile." />
                    <TextField label="Location" key="location" value=location errors=errors />
                </div>
                <div class="grid">
                    <TextField label="Tags" key="tags" value=tags errors=errors hint="Separate with commas." />
                    <TextField label="Keep in touch every (days)" key="cadence_days" kind="text" value=cadence_days errors=errors hint="Leave empty for no reminder." />
                </div>
                <Checkbox label="Knows my work" key="knows_my_work" value=knows_my_work />
                <TextArea label="Notes" key="notes" value=notes errors=errors rows=4 />
                <div class="actions">
                    <button type="submit">"Save person"</button>
                    <a class="button secondary" href=cancel on:click=move |_| forget()>"Cancel"</a>
                </div>
            </form>
        </section>
    }
    .into_any()
}
