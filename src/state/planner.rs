//! Planner actions: employers, interviews, steps, scheduling, prep and debrief.

use super::actions::{change, fresh_id, saved_notice};
use super::{AppState, Undo, UndoAction};
use crate::browser;
use leptos::prelude::*;
use rapport_core::planner::{Debrief, EmployerInput, Meeting, Prep, Step};
use rapport_core::{FieldErrors, Id, Origin, PersonFields, Source};

fn taken_by_other(state: AppState, me: Option<&Id>) -> impl Fn(&str) -> bool {
    let me = me.copied();
    move |name: &str| {
        state.network.with_untracked(|n| rapport_core::planner::employer::name_taken(n, name, me.as_ref()))
    }
}

pub fn add_employer(state: AppState, draft: &EmployerInput) -> Result<Id, FieldErrors> {
    let fields = draft.validate(taken_by_other(state, None))?;
    let id = fresh_id(state);
    let name = fields.name.clone();
    let now = browser::now();
    let new = id;
    change(state, move |n| n.add_employer(new, fields, now).map(|t| (t, ())))?;
    saved_notice(state, format!("Added {name} to your target employers."));
    Ok(id)
}

pub fn update_employer(state: AppState, id: &Id, draft: &EmployerInput) -> Result<(), FieldErrors> {
    let fields = draft.validate(taken_by_other(state, Some(id)))?;
    let now = browser::now();
    change(state, |n| n.update_employer(id, fields, now).map(|t| (t, ())))?;
    saved_notice(state, "Saved the employer.".into());
    Ok(())
}

pub fn delete_employer(state: AppState, id: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    let removed = change(state, |n| n.delete_employer(id, now))?;
    state.notice.set(None);
    state.undo.set(Some(Undo {
        message: format!("Removed {} from your list.", removed.name),
        action: UndoAction::RestoreEmployer(removed),
    }));
    Ok(())
}

/// Starts an interview with someone already in the network.
pub fn approach(state: AppState, person: &Id, employer: Option<Id>) -> Result<Id, FieldErrors> {
    let id = fresh_id(state);
    let now = browser::now();
    let new = id;
    change(state, |n| n.add_interview(new, person, employer, now).map(|t| (t, ())))?;
    saved_notice(state, "Added to your interview pipeline.".into());
    Ok(id)
}

/// One step: adds a new person at an employer and starts an interview with them.
pub fn add_contact_at(state: AppState, employer: &Id, name: &str) -> Result<Id, FieldErrors> {
    let company = state
        .network
        .with_untracked(|n| n.employer(employer).map(|e| e.name.clone()))
        .ok_or_else(|| FieldErrors(vec![("form", "That employer is not on your list any more.".into())]))?;
    let draft = rapport_core::PersonInput {
        name: name.into(),
        company,
        origin: Origin::Cold.key().into(),
        ..Default::default()
    };
    let fields = state.network.with_untracked(|n| draft.validate(|id| n.person(id).is_some(), None))?;
    let person = fresh_id(state);
    let now = browser::now();
    let new_person = person;
    change(state, move |n| n.add_person(new_person, fields, Source::Manual, now).map(|t| (t, ())))?;
    approach(state, &person, Some(*employer))
}

pub fn mark_step(state: AppState, interview: &Id, step: Step, date: &str) -> Result<(), FieldErrors> {
    let date = date
        .trim()
        .parse::<chrono::NaiveDate>()
        .map_err(|_| FieldErrors(vec![("step_date", "Enter the date it happened (YYYY-MM-DD).".into())]))?;
    if chrono::Datelike::year(&date) < 1900 {
        return Err(FieldErrors(vec![("step_date", "Enter a date after 1900.".into())]));
    }
    if date > browser::today() + chrono::Duration::days(1) {
        return Err(FieldErrors(vec![(
            "step_date",
            "That date is in the future; mark steps once they happen.".into(),
        )]));
    }
    let id = fresh_id(state);
    let now = browser::now();
    change(state, |n| n.mark_step(interview, step, date, id, now).map(|t| (t, ())))?;
    saved_notice(state, "Step saved.".into());
    Ok(())
}

pub fn reopen(state: AppState, interview: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    change(state, |n| n.reopen_interview(interview, now).map(|t| (t, ())))?;
    Ok(())
}

/// The schedule form as typed.
pub struct ScheduleInput {
    pub date: String,
    pub time: String,
    pub zone: String,
    pub minutes: String,
    pub place: String,
}

pub fn schedule(state: AppState, interview: &Id, d: &ScheduleInput) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    let date = d.date.trim().parse::<chrono::NaiveDate>();
    if date.is_err() {
        errors.push(("meeting_date", "Enter a real date (YYYY-MM-DD).".to_string()));
    }
    let time = chrono::NaiveTime::parse_from_str(d.time.trim(), "%H:%M");
    if time.is_err() {
        errors.push(("meeting_time", "Enter a time such as 14:30.".to_string()));
    }
    let zone = d.zone.trim().to_string();
    if !browser::is_time_zone(&zone) {
        errors.push(("meeting_zone", "Use a time zone name such as Europe/Lisbon or America/New_York.".to_string()));
    }
    let minutes = match d.minutes.trim().parse::<u16>() {
        Ok(m) if (5..=480).contains(&m) => m,
        _ => {
            errors
                .push(("meeting_minutes", "The meeting must end after it starts: give 5 to 480 minutes.".to_string()));
            30
        }
    };
    if !errors.is_empty() {
        return Err(FieldErrors(errors));
    }
    let (Ok(date), Ok(time)) = (date, time) else {
        return Err(FieldErrors(vec![("meeting_date", "Enter a real date and time.".into())]));
    };
    let start =
        browser::zoned_to_utc(date.and_time(time), &zone).map_err(|e| FieldErrors(vec![("meeting_zone", e)]))?;
    let meeting = Meeting { start, zone, minutes, place: d.place.trim().to_string(), local_date: Some(date) };
    let now = browser::now();
    change(state, |n| n.schedule(interview, meeting, now).map(|t| (t, ())))?;
    saved_notice(state, "Meeting scheduled.".into());
    Ok(())
}

pub fn save_prep(state: AppState, interview: &Id, prep: Prep) -> Result<(), FieldErrors> {
    autosave_prep(state, interview, prep)?;
    saved_notice(state, "Saved the prep sheet.".into());
    Ok(())
}

/// Saves the prep sheet as it is typed, without a notice.
pub fn autosave_prep(state: AppState, interview: &Id, prep: Prep) -> Result<(), FieldErrors> {
    if state.network.with_untracked(|n| n.interview(interview).is_some_and(|iv| iv.prep == prep)) {
        return Ok(());
    }
    let now = browser::now();
    change(state, |n| n.set_prep(interview, prep, now).map(|t| (t, ())))
}

pub fn save_debrief(state: AppState, interview: &Id, debrief: Debrief) -> Result<(), FieldErrors> {
    if let Some(bad) = debrief.actions.iter().find(|a| a.text.trim().is_empty()) {
        let _ = bad;
        return Err(FieldErrors(vec![("form", "Every action item needs a description.".into())]));
    }
    let now = browser::now();
    change(state, |n| n.set_debrief(interview, debrief, now).map(|t| (t, ())))?;
    saved_notice(state, "Saved the debrief.".into());
    Ok(())
}

/// One click: a suggested person becomes a person introduced by this contact, and their
/// company a target employer when it isn't one yet.
pub fn add_suggested(state: AppState, interview: &Id, index: usize, as_employer: bool) -> Result<Id, FieldErrors> {
    let fail = |m: &str| FieldErrors(vec![("form", m.to_string())]);
    let (iv, suggestion) = state
        .network
        .with_untracked(|n| {
            n.interview(interview).cloned().and_then(|iv| iv.debrief.suggested.get(index).cloned().map(|s| (iv, s)))
        })
        .ok_or_else(|| fail("That suggestion is gone."))?;
    if let Some(added) = &suggestion.added {
        return Ok(*added);
    }
    let introducer_alive = state.network.with_untracked(|n| n.person(&iv.person).is_some());
    let fields = PersonFields {
        name: suggestion.name.trim().to_string(),
        company: suggestion.company.trim().to_string(),
        origin: Some(if introducer_alive { Origin::Introduced } else { Origin::Cold }),
        introduced_by: introducer_alive.then(|| iv.person),
        notes: format!(
            "Suggested in an informational interview on {}.",
            iv.held.map(|d| d.to_string()).unwrap_or_default()
        ),
        ..PersonFields::default()
    };
    if fields.name.is_empty() {
        return Err(fail("The suggestion has no name."));
    }
    let person = fresh_id(state);
    let employer = fresh_id(state);
    let now = browser::now();
    let new_person = person;
    change(state, |net| {
        // On a copy, so a failure half way leaves nothing changed.
        let mut copy = net.clone();
        let n = &mut copy;
        let mut touched = n.add_person(new_person, fields.clone(), Source::Manual, now)?;
        if as_employer && !fields.company.is_empty() {
            let exists = n
                .live_employers()
                .any(|e| rapport_core::text::fold(&e.name) == rapport_core::text::fold(&fields.company));
            if !exists {
                let e = rapport_core::planner::EmployerFields {
                    name: fields.company.clone(),
                    motivation: 0,
                    posting: 1,
                    advocacy: None,
                    notes: String::new(),
                };
                touched = touched.and(n.add_employer(employer, e, now)?);
            }
        }
        let mut debrief = iv.debrief.clone();
        if let Some(s) = debrief.suggested.get_mut(index) {
            s.added = Some(new_person);
        }
        touched = touched.and(n.set_debrief(&iv.id, debrief, now)?);
        *net = copy;
        Ok((touched, ()))
    })?;
    saved_notice(state, format!("Added {} to your network.", suggestion.name));
    Ok(person)
}

pub fn delete_interview(state: AppState, id: &Id) -> Result<(), FieldErrors> {
    let now = browser::now();
    let removed = change(state, |n| n.delete_interview(id, now))?;
    state.notice.set(None);
    state
        .undo
        .set(Some(Undo { message: "Deleted the interview.".into(), action: UndoAction::RestoreInterview(removed) }));
    Ok(())
}

/// Downloads the calendar of one interview, or of everything upcoming.
pub fn download_calendar(state: AppState, interview: Option<&Id>) -> Result<(), String> {
    let now = browser::now();
    let (items, name) = state.network.with_untracked(|n| match interview.and_then(|id| n.interview(id)) {
        Some(iv) => (rapport_core::planner::export::interview_items(n, iv), format!("rapport-interview-{}.ics", iv.id)),
        None => (rapport_core::planner::export::upcoming_items(n, now), "rapport-upcoming.ics".to_string()),
    });
    if items.is_empty() {
        return Err("Nothing to put in a calendar yet: schedule a meeting first.".into());
    }
    browser::download(&name, &rapport_core::ics::calendar(&items, now), "text/calendar")
}
