//! A type-ahead picker (the ARIA 1.2 combobox pattern) for lists that grow with the network:
//! people and companies, and the browser's time zones. Typing filters the options by the
//! same folded text as the network list (case and accents ignored, every word must match);
//! ↓ and ↑ move through at most [`SHOWN`] matches, Enter or a tap chooses, Escape closes.
//! No `<select>` holds thousands of options.

use leptos::prelude::*;
use rapport_core::text::{fold, matches_all_words};

/// How many matches are listed.
pub const SHOWN: usize = 20;

/// `options` are (value, label). `value` holds the chosen value ("" for none); choosing
/// calls `on_choose` too. `none` labels the empty choice when there is one.
#[component]
pub fn Combobox(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
    #[prop(optional)] none: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional, into)] on_choose: Option<Callback<String>>,
) -> impl IntoView {
    // Folded once per change to the options, not per keystroke.
    // The label and the value are both searched ("New_York" finds "America/New York").
    let folded = Memo::new(move |_| {
        options.with(|o| o.iter().map(|(v, l)| (fold(l), format!("{} {}", fold(l), fold(v)))).collect::<Vec<_>>())
    });
    let label_of = move |v: &str| options.with(|o| o.iter().find(|(value, _)| value == v).map(|(_, l)| l.clone()));
    let typed = RwSignal::new(value.with_untracked(|v| label_of(v)).unwrap_or_default());
    // What is shown in the field follows the value when it changes elsewhere.
    Effect::new(move |_| {
        let v = value.get();
        if let Some(l) = label_of(&v) {
            typed.set(l);
        } else if v.is_empty() {
            typed.set(String::new());
        }
    });
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    // An option was picked with the arrow keys since the last keystroke: leaving takes it.
    let moved = RwSignal::new(false);
    let matches = Memo::new(move |_| {
        let query = fold(&typed.get());
        let query = query.trim();
        let chosen_label = value.with(|v| label_of(v)).map(|l| fold(&l));
        // Right after a choice the field shows its label: list everything again.
        let query = if chosen_label.as_deref() == Some(query) { "" } else { query };
        let mut out: Vec<(String, String)> = Vec::new();
        if let Some(n) = none {
            if query.is_empty() {
                out.push((String::new(), n.to_string()));
            }
        }
        // An exact match first, then labels that start with what was typed, then the rest.
        let mut ranked: Vec<(u8, usize)> = folded.with(|f| {
            f.iter()
                .enumerate()
                .filter(|(_, (_, text))| query.is_empty() || matches_all_words(text, query))
                .map(|(i, (label, _))| {
                    let rank = if label == query {
                        0
                    } else if label.starts_with(query)
                        || label
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| !query.is_empty() && w.starts_with(query))
                    {
                        1
                    } else {
                        2
                    };
                    (rank, i)
                })
                .collect()
        });
        rapport_core::order::sort_by_key(&mut ranked, |(rank, i)| (*rank, *i));
        options.with(|o| {
            out.extend(ranked.into_iter().take(SHOWN.saturating_sub(out.len())).filter_map(|(_, i)| o.get(i).cloned()));
        });
        out
    });
    let list_id = format!("{id}-list");
    let option_id = move |n: usize| format!("{id}-option-{n}");
    // Why typed text was not taken, until the next keystroke or choice.
    let hint = RwSignal::new(None::<String>);
    let choose = move |(v, l): (String, String)| {
        hint.try_set(None);
        moved.try_set(false);
        value.try_set(v.clone());
        typed.try_set(if v.is_empty() { String::new() } else { l });
        open.try_set(false);
        if let Some(cb) = on_choose {
            cb.run(v);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = matches.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                moved.set(true);
                if !open.get_untracked() {
                    open.set(true);
                    active.set(0);
                } else if count > 0 {
                    active.update(|a| *a = (*a + 1).min(count - 1));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                moved.set(true);
                active.update(|a| *a = a.saturating_sub(1));
            }
            "Enter" => {
                if open.get_untracked() {
                    ev.prevent_default();
                    if let Some(m) = matches.with(|m| m.get(active.get_untracked()).cloned()) {
                        choose(m);
                    }
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    ev.prevent_default();
                    open.set(false);
                    typed.set(value.with_untracked(|v| label_of(v)).unwrap_or_default());
                }
            }
            _ => {}
        }
    };
    // Leaving the field with typed text: the option picked with the arrow keys, or an exact or
    // only match, is chosen; anything else puts back the chosen label and says so (it was put
    // back silently, and a meeting typed as "Lisbon" stayed in UTC). The field also loses focus
    // when its screen goes away (Back while typing): then the signals are gone and nothing is
    // done (reading them panicked).
    let leave = move || {
        let (Some(text), Some(found), Some(current), Some(picked)) = (
            typed.try_get_untracked(),
            matches.try_get_untracked(),
            value.try_with_untracked(|v| {
                options.try_with_untracked(|o| o.iter().find(|(value, _)| value == v).map(|(_, l)| l.clone())).flatten()
            }),
            moved.try_get_untracked(),
        ) else {
            return;
        };
        let current = current.unwrap_or_default();
        open.try_set(false);
        let query = fold(text.trim());
        if query.is_empty() || query == fold(&current) {
            typed.try_set(current);
            return;
        }
        let highlighted = if picked { active.try_get_untracked().and_then(|a| found.get(a).cloned()) } else { None };
        let found: Vec<(String, String)> = found.into_iter().filter(|(v, _)| !v.is_empty()).collect();
        let exact = found.iter().find(|(v, l)| fold(l) == query || fold(v) == query).cloned();
        let only = if found.len() == 1 { found.first().cloned() } else { None };
        match highlighted.or(exact).or(only) {
            Some(m) => choose(m),
            None => {
                let shown = if current.is_empty() { "nothing chosen".to_string() } else { format!("still {current}") };
                let why = if found.is_empty() {
                    format!("Nothing in the list matches “{}”", text.trim())
                } else {
                    format!("“{}” matches several; choose one from the list", text.trim())
                };
                hint.try_set(Some(format!("{why}: {shown}.")));
                typed.try_set(current);
            }
        }
    };
    let list_for_input = list_id.clone();
    view! {
        <div class="field combobox">
            <label for=id>{label}</label>
            <input id=id type="text" role="combobox" autocomplete="off" aria-autocomplete="list"
                aria-expanded=move || open.get().to_string() aria-controls=list_for_input
                aria-activedescendant=move || if open.get() && matches.with(|m| !m.is_empty()) { option_id(active.get()) } else { String::new() }
                placeholder=placeholder.unwrap_or("Type to search")
                prop:value=move || typed.get()
                on:input=move |ev| { typed.set(event_target_value(&ev)); open.set(true); active.set(0); moved.set(false); hint.set(None); }
                on:focus=move |_| open.set(true)
                on:blur=move |_| leave()
                on:keydown=on_key />
            <Show when=move || open.get()>
                <ul id=list_id.clone() role="listbox" aria-label=label class="combobox-list">
                    {move || matches.get().into_iter().enumerate().map(|(n, (v, l))| {
                        let chosen = (v.clone(), l.clone());
                        view! {
                            <li id=option_id(n) role="option" aria-selected=move || (active.get() == n).to_string()
                                class:active=move || active.get() == n
                                on:mousedown=move |ev| { ev.prevent_default(); choose(chosen.clone()); }>
                                {l}
                            </li>
                        }
                    }).collect_view()}
                    {move || matches.with(Vec::is_empty).then(|| view! { <li class="muted" role="presentation">"No match"</li> })}
                </ul>
            </Show>
            <p class="hint" role="status">{move || hint.get()}</p>
        </div>
    }
}
