//! Insights: network-quality metrics that value genuine relationships over connection counts.
//! Everything is computed in `rapport_core::insights`, once per change to the network.

use crate::browser;
use crate::components::charts::{month_name, ActivityHeatmap, BarChart, Meter};
use crate::components::suggestions::SuggestionList;
use crate::route::Route;
use crate::state::AppState;
use chrono::Datelike;
use leptos::prelude::*;
use rapport_core::insights::screen::{insights_from, Insights};
use rapport_core::Seniority;

/// "How is this computed?", with the idea a metric comes from.
#[component]
fn HowComputed(children: Children) -> impl IntoView {
    view! {
        <details class="how">
            <summary>"How is this computed?"</summary>
            <div>{children()}</div>
        </details>
    }
}

/// A list drawn `first` items at a time, with "Show all N" for the rest.
fn expandable<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    items: Vec<T>,
    first: usize,
    label: &'static str,
    ordered: bool,
    row: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let total = items.len();
    let rest: Vec<T> = items.iter().skip(first).cloned().collect();
    let head = items.into_iter().take(first).map(row).collect_view();
    let list = if ordered {
        view! { <ol class="inline-list" aria-label=label>{head}</ol> }.into_any()
    } else {
        view! { <ul class="inline-list" aria-label=label>{head}</ul> }.into_any()
    };
    // The rest is drawn only when asked for: a long list (thousands asked before giving, in
    // a big network) would otherwise be on the page, hidden, every time Insights opens.
    let opened = RwSignal::new(false);
    let rest = StoredValue::new(rest);
    view! {
        {list}
        {(total > first).then(|| view! {
            <details class="more" on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    opened.set(d.open());
                }
            }>
                <summary>{format!("Show all {total}")}</summary>
                {move || opened.get().then(|| view! {
                    <ul class="inline-list">{rest.get_value().into_iter().map(row).collect_view()}</ul>
                })}
            </details>
        })}
    }
}

fn person_link(id: &rapport_core::Id, name: &str) -> impl IntoView {
    view! { <a href=Route::Person(*id).href()>{name.to_string()}</a> }
}

#[component]
pub fn InsightsPage() -> impl IntoView {
    browser::set_title("Insights");
    let state = AppState::context();
    let today = browser::today();
    // Recomputed only when the network changes, never on keystrokes elsewhere.
    let data = Memo::new(move |_| {
        // For the benchmark: the computing part of the screen's time (with the per-person
        // metrics when the list or Today has not computed them already).
        let started = browser::performance_now();
        let metrics = state.metrics.get();
        let data = state.network.with(|n| insights_from(n, &metrics.as_of(n, today).by_person, today));
        browser::measure("rapport-insights", started);
        data
    });
    let empty = Memo::new(move |_| state.network.with(|n| n.live_count() == 0));
    view! {
        <section class="page insights">
            <h1>"Insights"</h1>
            <Show when=move || !empty.get() fallback=|| view! { <crate::pages::network::EmptyNetwork /> }>
                {move || panels(data.get())}
            </Show>
        </section>
    }
}

fn panels(i: Insights) -> impl IntoView {
    let h = i.headline.clone();
    let goal_percent = if h.goal == 0 { 0.0 } else { 100.0 * h.relationships as f64 / f64::from(h.goal) };
    let trend_bars: Vec<(String, usize)> =
        h.trend.iter().map(|(d, n)| (month_name(d.month()).to_string(), *n)).collect();
    let trend_rows = h.trend.clone();
    let w = i.warmth.clone();
    let bands: Vec<(String, usize)> =
        ["0–19", "20–39", "40–59", "60–79", "80–100"].iter().zip(w.bands).map(|(l, n)| (l.to_string(), n)).collect();
    let g = i.give.clone();
    let m = i.maintenance.clone();
    let d = i.diversity.clone();
    view! {
        <div class="card headline" aria-label="Headline">
            <h2>"Genuine relationships"</h2>
            <p class="big">{if h.relationships == 1 { "1 relationship".to_string() } else { format!("{} relationships", h.relationships) }}<span class="muted">{format!(" of your goal of {}", h.goal)}</span></p>
            <Meter percent=goal_percent label=format!("{} of a goal of {}", h.relationships, h.goal) />
            <p>{format!("Out of {} people in your network: {}% quality over size.", h.connections, h.quality_percent)}</p>
            {h.next.clone().map(|(id, text)| view! { <p class="next-step">{text}" "<a href=Route::Person(id).href()>"Open their page"</a></p> })}
            {(h.relationships > 0).then(|| view! {
                <p>{format!("{} of your {} know your work.", h.knows_my_work, if h.relationships == 1 { "1 relationship".to_string() } else { format!("{} relationships", h.relationships) })}</p>
            })}
            <h3>"Relationships over the last 12 months"</h3>
            <BarChart label=format!("Relationships at the end of each of the last 12 months, now {}", h.relationships) bars=trend_bars wide=true />
            <details class="table-view">
                <summary>"Show as a table"</summary>
                <table>
                    <thead><tr><th>"Month end"</th><th>"Relationships"</th></tr></thead>
                    <tbody>{trend_rows.into_iter().map(|(date, n)| view! { <tr><td>{date.to_string()}</td><td>{n}</td></tr> }).collect_view()}</tbody>
                </table>
            </details>
            <HowComputed>
                <p>"A connection becomes a relationship only after genuine interactions — the source text says 2–3 — with at least one they took part in: they replied, you talked (in person, by video or phone), or they got in touch first. An accepted connection request, an unanswered outreach and a follow-up nudge don't count. The threshold is set in Settings."</p>
                <p>"Quality over size is relationships as a share of everyone in Rapport: 50 people who know your work beat 5,000 who barely know your name."</p>
            </HowComputed>
        </div>

        <div class="card" aria-label="This week">
            <h2>"This week"</h2>
            <SuggestionList suggestions=i.suggestions.clone() />
            <HowComputed>
                <p>"At most five: thank people who helped in the last two weeks, follow up where a keep-in-touch cadence is overdue, give first where you have asked more than you have given, and reconnect with dormant ties. One per person, the time-sensitive ones first."</p>
            </HowComputed>
        </div>

        <div class="grid-2">
            <div class="card" aria-label="Warm and cold">
                <h2>"Warm and cold"</h2>
                <p>{if w.warm + w.cold == 0 {
                    "Say how you know people (on their page, or in the review after an import) to see your warm and cold ties.".to_string()
                } else {
                    format!("{}, {} cold.", rapport_core::text::count(w.warm, "warm tie", "warm ties"), w.cold)
                }}</p>
                <h3>"People by current strength"</h3>
                <BarChart label=format!("People by tie strength band: {}", w.bands.map(|n| n.to_string()).join(", ")) bars=bands />
                <table class="stack">
                    <thead><tr><th>"Origin"</th><th>"People"</th><th>"Relationships"</th><th>"Mean strength"</th></tr></thead>
                    <tbody>
                        {w.by_origin.iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.origin.map(|o| o.label()).unwrap_or("Not set")}</th>
                                <td data-label="People">{r.people}</td>
                                <td data-label="Relationships">{r.relationships}</td>
                                <td data-label="Mean strength">{format!("{:.0}", r.mean_strength)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <HowComputed>
                    <p>"Warm beats cold: former colleagues, managers, reports, classmates, current colleagues, friends and introductions are warm; met at an event, online communities and cold contacts are not."</p>
                </HowComputed>
            </div>

            <div class="card" aria-label="Give first">
                <h2>"Give first"</h2>
                <p class="big">{g.ratio_text()}</p>
                {if g.gives + g.asks == 0 {
                    view! { <p>"Log what you give (help, a resource, an introduction) and what you ask for; this panel then shows whether you give first."</p> }.into_any()
                } else {
                    use rapport_core::text::count;
                    view! {
                        <p>{format!("{} and {} in all.", count(g.gives, "give", "gives"), count(g.asks, "ask", "asks"))}</p>
                        <p>{if g.recent_asks == 0 {
                            "No asks in the last 90 days.".to_string()
                        } else {
                            format!("Only when I need something? {} of {} in the last 90 days went to people you had not been in touch with in the year before.", g.cold_asks, count(g.recent_asks, "ask", "asks"))
                        }}</p>
                    }.into_any()
                }}
                <h3>"Asked before giving"</h3>
                {if g.asks == 0 {
                    view! { <p class="muted">"No asks yet, so no one was asked before you gave."</p> }.into_any()
                } else if g.asked_before_giving.is_empty() {
                    view! { <p class="muted">"No one: you gave before every first ask."</p> }.into_any()
                } else {
                    expandable(g.asked_before_giving.clone(), 12, "Asked before giving", false, |(id, name)| view! { <li>{person_link(&id, &name)}</li> }).into_any()
                }}
                <HowComputed>
                    <p>"Reciprocity and give-first: help, introduce, share and show interest before asking. Gives are logged interactions whose purpose is a give; asks are advice, introductions, referrals and favours. Contact that comes only when you need a job reads as transactional."</p>
                </HowComputed>
            </div>
        </div>

        <div class="card" aria-label="Maintenance">
            <h2>"Maintenance"</h2>
            <h3>{format!("Activity over 52 weeks: active in {} of 52", m.active_weeks)}</h3>
            <ActivityHeatmap start=m.heatmap.start counts=m.heatmap.counts.clone()
                label=format!("Genuine interactions per day over the last 52 weeks; active in {} weeks", m.active_weeks) />
            <p>{if m.with_cadence == 0 {
                "None of your relationships has a keep-in-touch cadence yet.".to_string()
            } else {
                format!("{} of {} with a keep-in-touch cadence {} within it.", m.within, m.with_cadence, if m.within == 1 { "is" } else { "are" })
            }}</p>
            <h3>"Overdue, most important first"</h3>
            {if m.overdue.is_empty() {
                view! { <p class="muted">"Nobody is overdue."</p> }.into_any()
            } else {
                expandable(m.overdue.clone(), 10, "Overdue", true, |o| view! {
                    <li>{person_link(&o.person, &o.name)}{format!(" — {} overdue, strength {:.0}", rapport_core::text::count(usize::try_from(o.overdue_days).unwrap_or(0), "day", "days"), o.strength)}</li>
                }).into_any()
            }}
            <HowComputed>
                <p>"Maintain continuously, not only when you need it. The overdue list ranks by tie strength × days overdue. The heatmap counts genuine interactions per day: consistency beats bursts."</p>
            </HowComputed>
        </div>

        <div class="grid-2">
            <div class="card" aria-label="Dormant ties">
                <h2>"Dormant ties to reconnect"</h2>
                {if i.dormant.is_empty() {
                    view! { <p class="muted">"No strong tie has gone quiet."</p> }.into_any()
                } else {
                    expandable(i.dormant.clone(), 8, "Ties to reconnect with", true, |t| view! {
                        <li>
                            {person_link(&t.person, &t.name)}
                            {format!(" — past strength {:.0}{}{}", t.past_strength,
                                t.last.map(|d| format!(", quiet since {}", browser::local_date(d))).unwrap_or_default(),
                                if t.novelty.is_empty() { String::new() } else { format!("; {}", t.novelty.join(", ")) })}
                        </li>
                    }).into_any()
                }}
                <HowComputed>
                    <p>"Levin, Walter & Murnighan (2011): reconnecting with dormant ties brings more novel information than current ties, and trust survives the gap. Strong past ties are those with 3 or more genuine interactions, or former colleagues and managers, with nothing for a year (set in Settings). They rank by strength at the last contact, plus novelty: another company or seniority than yours."</p>
                </HowComputed>
            </div>

            <div class="card" aria-label="Dunbar layers">
                <h2><crate::components::term::Term key="dunbar" plain="Circles of closeness" /></h2>
                <BarChart label=format!("People in each circle, closest first: {}", i.layers.iter().map(|l| format!("{} (about {} expected)", l.count, l.expected)).collect::<Vec<_>>().join(", "))
                    bars=i.layers.iter().map(|l| (format!("≥ {}", l.threshold), l.count)).collect() />
                <table class="stack">
                    <thead><tr><th>"Strength"</th><th>"People"</th><th>"Expected"</th><th>"Note"</th></tr></thead>
                    <tbody>
                        {i.layers.iter().map(|l| view! {
                            <tr>
                                <th scope="row">{format!("Strength ≥ {}", l.threshold)}</th>
                                <td data-label="People">{l.count}</td>
                                <td data-label="Expected">{format!("about {}", l.expected)}</td>
                                <td data-label="Note">{l.note.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <HowComputed>
                    <p>"Dunbar's layers of about 5, 15, 50 and 150. People fall into layers by tie-strength thresholds (set in Settings), not by rank, so a layer can really be empty or overfull."</p>
                </HowComputed>
            </div>
        </div>

        <div class="card" aria-label="Diversity and reach">
            <h2>"Diversity and reach"</h2>
            {if d.people == 0 {
                view! { <p>"Log a genuine interaction to see how varied the people you are really in touch with are: companies, departments and seniority."</p> }.into_any()
            } else {
                use rapport_core::text::count;
                view! {
                    <p>{format!("Among the {} you have had a genuine interaction with: {}, {}, {}.",
                        count(d.people, "person", "people"), count(d.companies, "company", "companies"),
                        count(d.departments, "department", "departments"), count(d.seniorities, "seniority level", "seniority levels"))}</p>
                    <p>{format!("Effective number of companies: {:.1}.", d.effective_companies)}
                        {d.largest_company.clone().map(|(name, share)| format!(" The largest, {name}, holds {share}%."))}</p>
                }.into_any()
            }}
            <h3>{if d.internal.organisation.is_empty() { "Internal breadth (current colleagues)".to_string() } else { format!("Internal breadth at {}", d.internal.organisation) }}</h3>
            {if d.internal.departments.is_empty() {
                view! { <p class="muted">"Set your organisation in Settings and add colleagues to see where you know someone."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Internal breadth, department by seniority">
                        <table class="grid-table">
                            <thead><tr><th>"Department"</th>{Seniority::ALL.iter().map(|s| view! { <th>{s.label()}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {d.internal.departments.iter().zip(d.internal.cells.iter()).map(|(dept, row)| view! {
                                    <tr>
                                        <th>{dept.clone()}</th>
                                        {row.iter().map(|n| view! { <td class:known={*n > 0}>{if *n > 0 { n.to_string() } else { "–".to_string() }}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <HowComputed>
                <p>"Burt's structural holes: value comes from bridging separate groups. The effective number of companies is exp of the Shannon entropy of company shares: 4 companies with equal shares give 4.0; one dominant company pulls it towards 1. Internal breadth is a department × seniority grid at your own organisation."</p>
            </HowComputed>
        </div>
    }
}
