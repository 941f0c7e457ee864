//! The "Log interaction" form, also used to edit one. Defaults make a routine log quick:
//! today, started by me, a catch-up by email; the topic is optional. A new log can also be
//! saved in one tap as in person, a call, a video call or an email.

use crate::browser;
use crate::components::fields::{choices, FormProblems, SelectField, TextArea, TextField};
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::{Channel, FieldErrors, Id, Initiator, InteractionInput, Purpose};

/// Logs a new interaction with `person`, or edits `editing` when given.
/// `done` runs after a successful save or a cancel.
#[component]
pub fn InteractionForm(
    person: Id,
    #[prop(optional)] editing: Option<Id>,
    /// What a new log starts with instead of the defaults (a suggestion's purpose and topic).
    #[prop(optional)]
    start: Option<InteractionInput>,
    #[prop(into)] done: Callback<()>,
) -> impl IntoView {
    let state = AppState::context();
    let start = editing
        .as_ref()
        .and_then(|id| {
            state
                .network
                .with_untracked(|n| n.interaction(&person, id).map(|i| InteractionInput::from_fields(&i.fields())))
        })
        .or(start)
        .unwrap_or_else(|| InteractionInput::new_for(browser::today()));
    let date = RwSignal::new(start.date);
    let channel = RwSignal::new(start.channel);
    let topic = RwSignal::new(start.topic);
    let started_by = RwSignal::new(start.started_by);
    let purpose = RwSignal::new(start.purpose);
    let notes = RwSignal::new(start.notes);
    let errors = RwSignal::new(FieldErrors::default());
    let is_edit = editing.is_some();
    let save = move || {
        let draft = InteractionInput {
            date: date.get_untracked(),
            channel: channel.get_untracked(),
            topic: topic.get_untracked(),
            started_by: started_by.get_untracked(),
            purpose: purpose.get_untracked(),
            notes: notes.get_untracked(),
        };
        let result = match &editing {
            Some(id) => actions::update_interaction(state, &person, id, &draft),
            None => actions::log_interaction(state, &person, &draft),
        };
        match result {
            Ok(()) => {
                errors.set(FieldErrors::default());
                done.run(());
            }
            Err(e) => errors.set(e),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save();
    };
    // One tap for the usual kinds, with what the form holds otherwise (today, a catch-up,
    // started by me): a coffee chat logged on the way out took a scroll and a channel to pick.
    let quick = move |c: Channel| {
        move |_| {
            channel.set(c.key().to_string());
            save();
        }
    };
    let initiators = choices(Initiator::ALL, Initiator::key, Initiator::label);
    view! {
        <form class="card interaction-form" novalidate on:submit=submit aria-label=if is_edit { "Edit interaction" } else { "Log interaction" }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // Escape closes the form, as Cancel does.
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    done.run(());
                }
            }>
            <FormProblems errors=errors />
            {(!is_edit).then(|| view! {
                <div class="quick-log" role="group" aria-label="Save at once as">
                    <span class="muted">"Save at once as:"</span>
                    <button type="button" class="secondary" on:click=quick(Channel::InPerson)>"In person"</button>
                    <button type="button" class="secondary" on:click=quick(Channel::Phone)>"Call"</button>
                    <button type="button" class="secondary" on:click=quick(Channel::Video)>"Video call"</button>
                    <button type="button" class="secondary" on:click=quick(Channel::Email)>"Email"</button>
                </div>
                <p class="muted quick-or">"…or fill in the details:"</p>
            })}
            <div class="grid">
                <TextField label="Date" key="date" kind="date" value=date errors=errors />
                <SelectField label="Channel" key="channel" value=channel errors=errors options=choices(Channel::ALL, Channel::key, Channel::label) />
                <SelectField label="Purpose" key="purpose" value=purpose errors=errors options=choices(Purpose::ALL, Purpose::key, Purpose::label) />
                <SelectField label="Started by" key="started_by" value=started_by errors=errors options=initiators />
            </div>
            <TextField label="Topic (optional)" key="topic" value=topic errors=errors />
            <TextArea label="Notes (optional)" key="notes" value=notes errors=errors rows=2 />
            <div class="actions">
                <button type="submit">"Save interaction"</button>
                <button type="button" class="secondary" on:click=move |_| done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
