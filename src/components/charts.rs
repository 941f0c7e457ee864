//! Inline SVG charts drawn by the app: no chart library, no network. Colours come from CSS
//! classes, so the charts follow the light and dark themes. Each chart carries a text
//! alternative (`role="img"` with a label) and callers offer a table view.

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;

/// Vertical bars with a label under each, scaled to the largest value.
#[component]
pub fn BarChart(
    #[prop(into)] label: String,
    bars: Vec<(String, usize)>,
    /// Spans the panel's whole width (otherwise at most 520 px).
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let n = bars.len().max(1) as f64;
    let (width, height, base) = (320.0, 120.0, 100.0);
    let slot = width / n;
    let shapes = bars
        .into_iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let h = (value as f64 / max) * 84.0;
            let x = i as f64 * slot + slot * 0.15;
            view! {
                <g>
                    <rect class="bar" x=x y=base - h width=slot * 0.7 height=h rx="2"></rect>
                    <text class="bar-value" x=x + slot * 0.35 y=base - h - 3.0 text-anchor="middle">{value}</text>
                    <text class="bar-label" x=x + slot * 0.35 y=height - 4.0 text-anchor="middle">{name}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" class:wide=wide viewBox=format!("0 0 {width} {height}") role="img" aria-label=label>
            <line class="axis" x1="0" y1=base x2=width y2=base></line>
            {shapes}
        </svg>
    }
}

/// 52 weeks × 7 days of activity, one square per day, darker for more.
#[component]
pub fn ActivityHeatmap(start: NaiveDate, counts: Vec<u32>, #[prop(into)] label: String) -> impl IntoView {
    use std::fmt::Write as _;
    let cell = 6.0;
    let gap = 1.5;
    // 364 days, each a square with its tooltip: written as one piece of SVG markup, which the
    // browser parses at once, instead of 728 elements made one call at a time. It holds only
    // dates, numbers and fixed class names, never text from the user.
    let mut markup = String::with_capacity(counts.len() * 110);
    for (i, count) in counts.iter().enumerate() {
        let (week, weekday) = (i / 7, i % 7);
        let level = match count {
            0 => "l0",
            1 => "l1",
            2 => "l2",
            3 => "l3",
            _ => "l4",
        };
        let date = start + Duration::days(i as i64);
        let (x, y) = (week as f64 * (cell + gap), weekday as f64 * (cell + gap));
        let _ = write!(
            markup,
            r#"<rect class="day {level}" x="{x}" y="{y}" width="{cell}" height="{cell}" rx="1"><title>{date}: {count}</title></rect>"#
        );
    }
    // Months by their first full week; the totals per month, as text for screen readers.
    let mut months: Vec<(String, u32)> = Vec::new();
    for week in 0..52 {
        let monday = start + Duration::weeks(week);
        if monday.day() <= 7 {
            let (x, y) = (week as f64 * (cell + gap), 7.0 * (cell + gap) + 9.0);
            // A month starting in the last two weeks ends at the right edge ("Dec" was cut to "De").
            let (x, anchor) = if week >= 50 { (52.0 * (cell + gap), "end") } else { (x, "start") };
            let _ = write!(
                markup,
                r#"<text class="bar-label" x="{x}" y="{y}" text-anchor="{anchor}">{}</text>"#,
                month_name(monday.month())
            );
        }
    }
    for (i, count) in counts.iter().enumerate() {
        let date = start + Duration::days(i as i64);
        let name = format!("{} {}", month_name(date.month()), date.year());
        match months.last_mut() {
            Some((m, total)) if *m == name => *total += count,
            _ => months.push((name, *count)),
        }
    }
    let as_text = months.iter().map(|(m, n)| format!("{m}: {n}")).collect::<Vec<_>>().join(", ");
    // The latest weeks are at the right: a box that scrolls (a phone) starts there.
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(div) = scroller.get() {
            // In the next frame: reading the width now would force a layout in the middle
            // of drawing the screen (21 ms of Insights at 5,000 people).
            request_animation_frame(move || div.set_scroll_left(div.scroll_width()));
        }
    });
    view! {
        <div class="heatmap-box" node_ref=scroller tabindex="0" role="region" aria-label="Activity over 52 weeks, scrolls sideways on a small screen">
            <svg
                class="chart heatmap"
                viewBox=format!("0 0 {} {}", 52.0 * (cell + gap), 7.0 * (cell + gap) + 11.0)
                role="img"
                aria-label=label
                inner_html=markup
            ></svg>
        </div>
        <p class="heatmap-legend" aria-hidden="true">
            "Less "
            {["l0", "l1", "l2", "l3", "l4"].iter().map(|l| view! { <svg class="legend-cell" viewBox="0 0 10 10"><rect class=format!("day {l}") x="0.5" y="0.5" width="9" height="9" rx="1.5"></rect></svg> }).collect_view()}
            " More (genuine interactions a day: none, 1, 2, 3, 4 or more)"
        </p>
        <p class="visually-hidden">{format!("Genuine interactions per month: {as_text}.")}</p>
    }
}

pub fn month_name(month: u32) -> &'static str {
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// A horizontal meter, 0–100 %, set through the CSSOM so no inline style attribute is needed.
#[component]
pub fn Meter(percent: f64, #[prop(into)] label: String) -> impl IntoView {
    let width = format!("{:.1}%", percent.clamp(0.0, 100.0));
    view! {
        <div class="meter" role="img" aria-label=label>
            <div class="meter-fill" style:width=width></div>
        </div>
    }
}
