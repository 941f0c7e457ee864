//! Labelled form fields with inline error messages. Each field's error is read from the
//! form's `FieldErrors` by the field's key, and announced through `aria-describedby`.

use leptos::prelude::*;
use rapport_core::FieldErrors;

fn error_text(errors: RwSignal<FieldErrors>, key: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || errors.with(|e| e.get(key).map(str::to_string))
}

#[component]
pub fn TextField(
    #[prop(into)] label: String,
    key: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let error = error_text(errors, key);
    let id = format!("field-{key}");
    let described = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=key
                type=kind
                autocomplete=autocomplete.unwrap_or("off")
                bind:value=value
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described.clone()
            />
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <p class="error" id=described>{error}</p>
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] label: String,
    key: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let error = error_text(errors, key);
    let id = format!("field-{key}");
    let described = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=key
                rows=rows
                bind:value=value
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described.clone()
            ></textarea>
            <p class="error" id=described>{error}</p>
        </div>
    }
}

/// A `<select>` over `(key, label)` options, with an optional empty choice first.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    key: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    options: Vec<(String, String)>,
    #[prop(optional)] empty: Option<&'static str>,
) -> impl IntoView {
    let error = error_text(errors, key);
    let id = format!("field-{key}");
    let described = format!("{id}-error");
    let empty = empty.map(|text| {
        view! { <option value="" selected=move || value.with(String::is_empty)>{text}</option> }
    });
    let options = options
        .into_iter()
        .map(|(k, text)| {
            let chosen = k.clone();
            view! { <option value=k selected=move || value.with(|v| *v == chosen)>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=key
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described.clone()
            >
                {empty}
                {options}
            </select>
            <p class="error" id=described>{error}</p>
        </div>
    }
}

#[component]
pub fn Checkbox(#[prop(into)] label: String, key: &'static str, value: RwSignal<bool>) -> impl IntoView {
    let id = format!("field-{key}");
    view! {
        <div class="field checkbox">
            <input id=id.clone() name=key type="checkbox" bind:checked=value />
            <label for=id>{label}</label>
        </div>
    }
}

/// The message for problems that are not about one field, and the count of fields to fix.
#[component]
pub fn FormProblems(errors: RwSignal<FieldErrors>) -> impl IntoView {
    let summary = move || {
        errors.with(|e| {
            if e.is_empty() {
                return None;
            }
            let general = e.get("form").map(str::to_string);
            let fields = e.0.iter().filter(|(f, _)| *f != "form").count();
            Some(match (general, fields) {
                (Some(g), _) => g,
                (None, 1) => "Fix the field marked below; nothing was saved.".to_string(),
                (None, n) => format!("Fix the {n} fields marked below; nothing was saved."),
            })
        })
    };
    // A refused form moves focus to its first marked field, so the keyboard is where the fix
    // is (it stayed on the button: issue 19's hostile test). After the frame that marks it.
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let fields = errors.with(|e| e.0.iter().any(|(f, _)| *f != "form"));
        if !fields {
            return;
        }
        let Some(div) = node.get() else { return };
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let first = div
                .closest("form")
                .ok()
                .flatten()
                .and_then(|form| form.query_selector("[aria-invalid='true']").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(first) = first {
                let _ = first.focus();
            }
        });
    });
    view! {
        <div role="alert" class="form-problems" node_ref=node>
            {move || summary().map(|s| view! { <p>{s}</p> })}
        </div>
    }
}

/// Options for a `choice!` enum.
pub fn choices<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|v| (key(*v).to_string(), label(*v).to_string())).collect()
}
