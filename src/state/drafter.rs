//! Drafter actions: keep drafts, discard with undo, mark as sent, save my phrasings.

use super::actions::{change, fresh_id, saved_notice};
use super::{AppState, Undo, UndoAction};
use crate::browser;
use leptos::prelude::*;
use rapport_core::drafter::{Draft, MessageChannel, TemplateKind, UserPhrasing};
use rapport_core::{FieldErrors, Id};

fn form(message: impl Into<String>) -> FieldErrors {
    FieldErrors(vec![("form", message.into())])
}

/// Saves the draft for a person and template (creating it the first time); returns its id.
pub fn save_draft(
    state: AppState,
    existing: Option<Id>,
    person: &Id,
    kind: TemplateKind,
    channel: MessageChannel,
    subject: &str,
    body: &str,
    other: Option<Id>,
) -> Result<Id, FieldErrors> {
    let id = existing.unwrap_or_else(|| fresh_id(state));
    let now = browser::now();
    let draft = Draft {
        id: id,
        person: *person,
        kind,
        channel,
        subject: subject.to_string(),
        body: body.to_string(),
        other,
        created: now,
        updated: now,
    };
    change(state, |n| n.save_draft(draft, now).map(|t| (t, ())))?;
    Ok(id)
}

pub fn discard_draft(state: AppState, id: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    let removed = change(state, |n| n.discard_draft(id, now))?;
    state.notice.set(None);
    state.undo.set(Some(Undo { message: "Discarded the draft.".into(), action: UndoAction::RestoreDraft(removed) }));
    Ok(())
}

/// Marks a saved draft as sent today.
pub fn mark_sent(state: AppState, id: &Id) -> Result<(), FieldErrors> {
    let today = browser::today();
    let now = browser::now();
    change(state, |n| {
        let mut next = super::actions::id_source(n);
        n.mark_sent(id, today, &mut next, now).map(|(t, _)| (t, ()))
    })?;
    saved_notice(state, "Marked as sent and logged on their timeline.".into());
    Ok(())
}

pub fn save_phrasing(
    state: AppState,
    kind: TemplateKind,
    name: &str,
    subject: &str,
    body: &str,
) -> Result<(), FieldErrors> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldErrors(vec![("phrasing_name", "Name your phrasing.".into())]));
    }
    if body.trim().is_empty() {
        return Err(form("There is no text to save."));
    }
    let now = browser::now();
    let phrasing = UserPhrasing {
        id: fresh_id(state),
        kind,
        name: name.to_string(),
        subject: subject.to_string(),
        body: body.to_string(),
        created: now,
        updated: now,
    };
    change(state, |n| n.save_phrasing(phrasing).map(|t| (t, ())))?;
    saved_notice(state, format!("Saved “{name}” to your phrasings."));
    Ok(())
}

/// Copies text to the clipboard; `done` gets the outcome.
pub fn copy(text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(clipboard) = crate::browser::clipboard() else {
        done(Err("This page can't use the clipboard (it needs https): select the text and copy it by hand.".into()));
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(
            result.map(|_| ()).map_err(|_| "The browser refused to copy; select the text and copy it by hand.".into()),
        );
    });
}
