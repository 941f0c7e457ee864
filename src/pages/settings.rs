//! Settings: my profile, metrics, the network list, appearance and keyboard, and your data.

use crate::browser;
use crate::components::fields::{choices, Checkbox, FormProblems, SelectField, TextField};
use crate::state::{actions, AppState};
use leptos::prelude::*;
use rapport_core::{FieldErrors, ProfileInput, Seniority, SettingsInput};

#[component]
pub fn Settings() -> impl IntoView {
    browser::set_title("Settings");
    let state = AppState::context();
    let start = state.network.with_untracked(|n| ProfileInput::from_profile(&n.profile));
    let name = RwSignal::new(start.name);
    let role = RwSignal::new(start.role);
    let seniority = RwSignal::new(start.seniority);
    let affiliations = RwSignal::new(start.affiliations);
    let organisation = RwSignal::new(start.organisation);
    let past_employers = RwSignal::new(start.past_employers);
    let target_narrow = RwSignal::new(start.target_narrow);
    let target_broad = RwSignal::new(start.target_broad);
    let errors = RwSignal::new(FieldErrors::default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ProfileInput {
            name: name.get_untracked(),
            role: role.get_untracked(),
            seniority: seniority.get_untracked(),
            affiliations: affiliations.get_untracked(),
            organisation: organisation.get_untracked(),
            past_employers: past_employers.get_untracked(),
            target_narrow: target_narrow.get_untracked(),
            target_broad: target_broad.get_untracked(),
        };
        match actions::save_profile(state, &draft) {
            Ok(()) => errors.set(FieldErrors::default()),
            Err(e) => errors.set(e),
        }
    };
    let metrics = state.network.with_untracked(|n| SettingsInput::from_settings(&n.settings));
    let goal = RwSignal::new(metrics.goal);
    let half_life = RwSignal::new(metrics.half_life_days);
    let threshold = RwSignal::new(metrics.relationship_threshold);
    let dormant = RwSignal::new(metrics.dormant_after_days);
    let layers = RwSignal::new(metrics.layer_thresholds);
    let holidays = RwSignal::new(metrics.holidays);
    let premium = RwSignal::new(metrics.linkedin_premium);
    let metric_errors = RwSignal::new(FieldErrors::default());
    let save_metrics = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = SettingsInput {
            goal: goal.get_untracked(),
            half_life_days: half_life.get_untracked(),
            relationship_threshold: threshold.get_untracked(),
            dormant_after_days: dormant.get_untracked(),
            layer_thresholds: layers.get_untracked(),
            holidays: holidays.get_untracked(),
            linkedin_premium: premium.get_untracked(),
        };
        match actions::save_settings(state, &draft) {
            Ok(()) => metric_errors.set(FieldErrors::default()),
            Err(e) => metric_errors.set(e),
        }
    };
    let data_problem = RwSignal::new(None::<String>);
    let has_sample = Memo::new(move |_| state.network.with(|n| n.has_sample()));
    view! {
        <section class="page">
            <h1>"Settings"</h1>
            <form class="card" novalidate on:submit=submit aria-label="My profile">
                <h2>"My profile"</h2>
                <p class="muted">"Used to rank whom to approach and whom to review first, and to fill in your messages."</p>
                <FormProblems errors=errors />
                <div class="grid">
                    <TextField label="My name" key="name" value=name errors=errors />
                    <TextField label="My role" key="role" value=role errors=errors />
                    <SelectField label="My seniority" key="seniority" value=seniority errors=errors empty="Not set"
                        options=choices(Seniority::ALL, Seniority::key, Seniority::label) />
                    <TextField label="My organisation" key="organisation" value=organisation errors=errors />
                </div>
                <TextField label="My schools and groups" key="affiliations" value=affiliations errors=errors hint="Separate with commas." />
                <TextField label="Where I used to work" key="past_employers" value=past_employers errors=errors hint="Separate with commas. People there now are likely warm ties." />
                <div class="grid">
                    <TextField label="Target, narrowly" key="target_narrow" value=target_narrow errors=errors hint="e.g. product analytics at fintechs" />
                    <TextField label="Target, broadly" key="target_broad" value=target_broad errors=errors hint="e.g. data work in finance" />
                </div>
                <div class="actions"><button type="submit">"Save profile"</button></div>
            </form>
            <form class="card" novalidate on:submit=save_metrics aria-label="Metrics">
                <h2>"Metrics"</h2>
                <p class="muted">"How Insights measures your network. Each figure there explains how it is computed."</p>
                <FormProblems errors=metric_errors />
                <div class="grid">
                    <TextField label="Relationship goal" key="goal" value=goal errors=metric_errors hint="Genuine relationships to aim for." />
                    <SelectField label="Genuine interactions that make a relationship" key="relationship_threshold" value=threshold errors=metric_errors
                        options=vec![("2".to_string(), "2, one they took part in".to_string()), ("3".to_string(), "3, one they took part in".to_string())] />
                    <TextField label="How fast a tie cools: days until recency halves (half-life)" key="half_life_days" value=half_life errors=metric_errors />
                    <TextField label="Dormant after (days)" key="dormant_after_days" value=dormant errors=metric_errors />
                </div>
                <TextField label="Circles of closeness: tie strength for each (Dunbar layers)" key="layer_thresholds" value=layers errors=metric_errors hint="Four tie strengths, the closest circle first." />
                <TextField label="Holidays (not business days)" key="holidays" value=holidays errors=metric_errors hint="Dates as YYYY-MM-DD, separated by commas. Follow-ups in 3 and 7 working days (3B7) skip them and weekends." />
                <Checkbox label="I have LinkedIn Premium (connection notes hold 300 characters, not 200)" key="linkedin_premium" value=premium />
                <div class="actions"><button type="submit">"Save metrics"</button></div>
            </form>
            <div class="card" role="region" aria-label="Network list">
                <h2>"Network list"</h2>
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || state.network.with(|n| n.settings.prefs.list_known_first)
                        on:change=move |ev| { let _ = actions::set_list_known_first(state, event_target_checked(&ev)); } />
                    " Open the network list on the people you know: relationships, acquaintances and those you kept in a review (connections are one filter away, under Show)"
                </label>
            </div>
            <div class="card" role="region" aria-label="Appearance and keyboard">
                <h2>"Appearance and keyboard"</h2>
                <div class="field">
                    <label for="theme">"Theme"</label>
                    <select id="theme" on:change=move |ev| {
                        let theme = rapport_core::settings::Theme::from_key(&event_target_value(&ev)).unwrap_or_default();
                        data_problem.set(actions::set_setting(state, |s| s.prefs.theme = theme).err().map(|e| e.to_string()));
                    }>
                        {rapport_core::settings::Theme::ALL.iter().map(|t| {
                            let t = *t;
                            view! { <option value=t.key() selected=move || state.network.with(|n| n.settings.prefs.theme == t)>{t.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || state.network.with(|n| !n.settings.prefs.shortcuts_off)
                        on:change=move |ev| { let on = event_target_checked(&ev); let _ = actions::set_setting(state, |s| s.prefs.shortcuts_off = !on); } />
                    " Single-key keyboard shortcuts (press ? to list them)"
                </label>
            </div>
            <Show when=move || has_sample.get()>
                <div class="card">
                    <h2>"Sample network"</h2>
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| { let _ = actions::remove_sample(state); }>"Remove sample network"</button>
                    </div>
                </div>
            </Show>
            {move || data_problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <crate::components::your_data::YourData />
            <crate::components::sync::SyncCard />
            <crate::components::lock::LockCard />
        </section>
    }
}

/// Deleting everything: a typed confirmation, with a download offered first.
#[component]
pub fn Wipe() -> impl IntoView {
    let state = AppState::context();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let wipe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() != "DELETE" {
            problem.set(Some("Type DELETE in capitals to confirm.".into()));
            return;
        }
        match actions::wipe_everything(state) {
            Ok(()) => {
                open.set(false);
                typed.set(String::new());
                problem.set(None);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <div class="actions"><button type="button" class="danger" on:click=move |_| open.set(true)>"Delete everything…"</button></div>
        }>
            <form class="danger-zone" role="region" aria-label="Delete everything" on:submit=wipe novalidate>
                <h3>"Delete everything in this browser"</h3>
                <p>"Every person, interaction, interview, draft and setting is removed from this browser. This can't be undone. Download a backup first if you may want it back."</p>
                <div class="actions">
                    <button type="button" class="secondary" on:click=move |_| problem.set(actions::download_backup(state).err())>"Download everything first (JSON)"</button>
                </div>
                <div class="field">
                    <label for="wipe-confirm">"Type DELETE to confirm"</label>
                    <input id="wipe-confirm" type="text" autocomplete="off" bind:value=typed />
                </div>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                <div class="actions">
                    <button type="submit" class="danger">"Delete everything"</button>
                    <button type="button" class="secondary" on:click=move |_| { open.set(false); typed.set(String::new()); problem.set(None); }>"Cancel"</button>
                </div>
            </form>
        </Show>
    }
}
