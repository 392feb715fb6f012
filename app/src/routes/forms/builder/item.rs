//! One item of the builder: a section heading or a question with the settings of its
//! type, its display condition, and the buttons that move or delete it.

use super::fields::{Field, Kind, item_id, item_name};
use crate::domain::FieldErrors;
use crate::domain::forms::builder::read::field_key;
use crate::domain::forms::builder::{ItemInput, QUESTION_KINDS, SECTION};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// What an item needs from the rest of the form.
pub struct ItemContext {
    pub index: usize,
    pub count: usize,
    /// The problems `check()` found with this item, in words.
    pub problems: Vec<String>,
    pub errors: FieldErrors,
    /// Earlier choice questions a condition may refer to: id and label.
    pub earlier_choices: Vec<(String, String)>,
}

pub fn kind_label(i18n: I18nContext<Locale>, kind: &str) -> String {
    crate::messages::kind_label_in(i18n.get_locale(), kind)
}

pub fn builder_item(i18n: I18nContext<Locale>, item: ItemInput, context: ItemContext) -> AnyView {
    let locale = i18n.get_locale_untracked();
    let ItemContext {
        index,
        count,
        problems,
        errors,
        earlier_choices,
    } = context;
    let words = |key: &str| -> String {
        match key {
            "id" => td_string!(locale, forms.builder.id).to_string(),
            "label_ja" => td_string!(locale, forms.builder.label_ja).to_string(),
            "label_en" => td_string!(locale, forms.builder.label_en).to_string(),
            "heading_ja" => td_string!(locale, forms.builder.heading_ja).to_string(),
            "heading_en" => td_string!(locale, forms.builder.heading_en).to_string(),
            "help_ja" => td_string!(locale, forms.builder.help_ja).to_string(),
            "help_en" => td_string!(locale, forms.builder.help_en).to_string(),
            "required" => td_string!(locale, forms.builder.required).to_string(),
            "max_chars" => td_string!(locale, forms.builder.max_chars).to_string(),
            "min" => td_string!(locale, forms.builder.min).to_string(),
            "max" => td_string!(locale, forms.builder.max).to_string(),
            "min_selected" => td_string!(locale, forms.builder.min_selected).to_string(),
            "max_selected" => td_string!(locale, forms.builder.max_selected).to_string(),
            "max_files" => td_string!(locale, forms.builder.max_files).to_string(),
            "unit_ja" => td_string!(locale, forms.builder.unit_ja).to_string(),
            "unit_en" => td_string!(locale, forms.builder.unit_en).to_string(),
            "fraction_digits" => td_string!(locale, forms.builder.fraction_digits).to_string(),
            "options" => td_string!(locale, forms.builder.options).to_string(),
            "options_hint" => td_string!(locale, forms.builder.options_hint).to_string(),
            "other" => td_string!(locale, forms.builder.other).to_string(),
            "select" => td_string!(locale, forms.builder.select).to_string(),
            "min_label_ja" => td_string!(locale, forms.builder.min_label_ja).to_string(),
            "max_label_ja" => td_string!(locale, forms.builder.max_label_ja).to_string(),
            "min_label_en" => td_string!(locale, forms.builder.min_label_en).to_string(),
            "max_label_en" => td_string!(locale, forms.builder.max_label_en).to_string(),
            "date_hint" => td_string!(locale, forms.builder.date_hint).to_string(),
            "id_hint" => td_string!(locale, forms.builder.id_hint).to_string(),
            _ => key.to_owned(),
        }
    };
    let text = |name: &'static str, label: &'static str, value: &str| {
        plain_field(index, name, words(label), Kind::Text, value, &errors, None)
    };
    let section = item.kind == SECTION;
    let heading = format!("{}. {}", index + 1, kind_label(i18n, &item.kind));
    let problem_list = (!problems.is_empty()).then(|| {
        view! {
            <ul class="item-problems" role="alert">
                {problems.into_iter().map(|p| view! { <li class="field-error">{p}</li> }).collect_view()}
            </ul>
        }
    });
    let common = view! {
        <KindSelect index kind=item.kind.clone() />
        {plain_field(index, "id", words("id"), Kind::Text, &item.id, &errors, Some(words("id_hint")))}
        <div class="field-row">
            {text("label_ja", if section { "heading_ja" } else { "label_ja" }, &item.label_ja)}
            {text("label_en", if section { "heading_en" } else { "label_en" }, &item.label_en)}
        </div>
        <div class="field-row">
            {plain_field(index, "help_ja", words("help_ja"), Kind::LongText, &item.help_ja, &errors, None)}
            {plain_field(index, "help_en", words("help_en"), Kind::LongText, &item.help_en, &errors, None)}
        </div>
    };
    let settings = (!section).then(|| settings(index, &item, &errors, &words));
    let condition = (!section).then(|| condition(i18n, index, &item, earlier_choices));
    view! {
        <fieldset class="builder-item card" id=format!("item-{index}")>
            <legend>{heading}</legend>
            {problem_list}
            {common}
            {settings}
            {condition}
            <div class="button-row">
                <button type="submit" name="op" value=format!("up:{index}") class="button secondary small" disabled={index == 0}>
                    {t!(i18n, forms.builder.up)}
                </button>
                <button type="submit" name="op" value=format!("down:{index}") class="button secondary small" disabled={index + 1 >= count}>
                    {t!(i18n, forms.builder.down)}
                </button>
                <button type="submit" name="op" value=format!("delete:{index}") class="button secondary small">
                    {t!(i18n, forms.builder.delete)}
                </button>
            </div>
        </fieldset>
    }
    .into_any()
}

fn plain_field(
    index: usize,
    name: &str,
    label: String,
    kind: Kind,
    value: &str,
    errors: &FieldErrors,
    hint: Option<String>,
) -> AnyView {
    let problem = errors.for_field(&field_key(index, name)).cloned();
    view! {
        <Field
            name=item_name(index, name)
            id=item_id(index, name)
            label
            kind
            value=value.to_owned()
            problem
            hint
        />
    }
    .into_any()
}

/// The type of the item; changing it takes effect when the form is saved, and the
/// settings of the new type appear then.
#[component]
fn KindSelect(index: usize, kind: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = item_id(index, "kind");
    let kinds = std::iter::once(SECTION).chain(QUESTION_KINDS);
    view! {
        <div class="field">
            <label for=id.clone()>{t!(i18n, forms.builder.kind)}</label>
            <select id=id name=item_name(index, "kind")>
                {kinds
                    .map(|code| {
                        let selected = code == kind;
                        view! { <option value=code selected=selected>{kind_label(i18n, code)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

fn settings(
    index: usize,
    item: &ItemInput,
    errors: &FieldErrors,
    words: &dyn Fn(&str) -> String,
) -> AnyView {
    let field = |name: &str, label: &str, kind: Kind, value: &str, hint: Option<String>| {
        plain_field(index, name, words(label), kind, value, errors, hint)
    };
    let required = field("required", "required", Kind::Checkbox, &item.required, None);
    let specific = match item.kind.as_str() {
        "short_text" | "long_text" => field(
            "max_chars",
            "max_chars",
            Kind::Number,
            &item.max_chars,
            None,
        ),
        "integer" | "decimal" => {
            let digits = (item.kind == "decimal").then(|| {
                field(
                    "fraction_digits",
                    "fraction_digits",
                    Kind::Number,
                    &item.fraction_digits,
                    None,
                )
            });
            view! {
                <div class="field-row">
                    {field("min", "min", Kind::Number, &item.min, None)}
                    {field("max", "max", Kind::Number, &item.max, None)}
                    {digits}
                </div>
                <div class="field-row">
                    {field("unit_ja", "unit_ja", Kind::Text, &item.unit_ja, None)}
                    {field("unit_en", "unit_en", Kind::Text, &item.unit_en, None)}
                </div>
            }
            .into_any()
        }
        "single_choice" | "multiple_choice" => {
            let single = item.kind == "single_choice";
            let extra = if single {
                field("select", "select", Kind::Checkbox, &item.select, None)
            } else {
                view! {
                    <div class="field-row">
                        {field("min", "min_selected", Kind::Number, &item.min, None)}
                        {field("max", "max_selected", Kind::Number, &item.max, None)}
                    </div>
                }
                .into_any()
            };
            view! {
                {field("options", "options", Kind::LongText, &item.options, Some(words("options_hint")))}
                {field("other", "other", Kind::Checkbox, &item.other, None)}
                {extra}
            }
            .into_any()
        }
        "rating" => view! {
            <div class="field-row">
                {field("min", "min", Kind::Number, &item.min, None)}
                {field("max", "max", Kind::Number, &item.max, None)}
            </div>
            <div class="field-row">
                {field("min_label_ja", "min_label_ja", Kind::Text, &item.min_label_ja, None)}
                {field("max_label_ja", "max_label_ja", Kind::Text, &item.max_label_ja, None)}
            </div>
            <div class="field-row">
                {field("min_label_en", "min_label_en", Kind::Text, &item.min_label_en, None)}
                {field("max_label_en", "max_label_en", Kind::Text, &item.max_label_en, None)}
            </div>
        }
        .into_any(),
        "file" => field("max", "max_files", Kind::Number, &item.max, None),
        "date" => view! {
            <div class="field-row">
                {field("min", "min", Kind::Date, &item.min, Some(words("date_hint")))}
                {field("max", "max", Kind::Date, &item.max, Some(words("date_hint")))}
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! { {required} {specific} }.into_any()
}

/// "Show this question only when question X has value Y", with X one of the earlier
/// choice questions.
fn condition(
    i18n: I18nContext<Locale>,
    index: usize,
    item: &ItemInput,
    earlier_choices: Vec<(String, String)>,
) -> AnyView {
    let question_id = item_id(index, "show_if_question");
    let value_id = item_id(index, "show_if_value");
    let current = item.show_if_question.clone();
    // A condition on a question that is not offered (a later one, say) stays visible
    // so that saving does not silently drop it; check() reports it.
    let unlisted = (!current.is_empty() && !earlier_choices.iter().any(|(id, _)| *id == current))
        .then(|| current.clone());
    view! {
        <fieldset class="builder-condition">
            <legend>{t!(i18n, forms.builder.condition)}</legend>
            <div class="field-row">
                <div class="field">
                    <label for=question_id.clone()>{t!(i18n, forms.builder.condition_question)}</label>
                    <select id=question_id name=item_name(index, "show_if_question")>
                        <option value="" selected=current.is_empty()>{t!(i18n, forms.builder.always)}</option>
                        {earlier_choices
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = id == current;
                                view! { <option value=id.clone() selected=selected>{label} " (" {id.clone()} ")"</option> }
                            })
                            .collect_view()}
                        {unlisted.map(|id| view! { <option value=id.clone() selected=true>{id.clone()}</option> })}
                    </select>
                </div>
                <div class="field">
                    <label for=value_id.clone()>{t!(i18n, forms.builder.condition_value)}</label>
                    <input type="text" id=value_id name=item_name(index, "show_if_value") value=item.show_if_value.clone() />
                </div>
            </div>
        </fieldset>
    }
    .into_any()
}
