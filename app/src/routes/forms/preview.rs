//! A form as the company will see it, inside a form that cannot be sent: officers try
//! the controls without creating an answer.

use crate::components::answer_form::AnswerForm;
use crate::domain::forms::FormDefinition;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn FormPreview(definition: FormDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.get_locale_untracked() == Locale::en;
    let title = definition.title.for_locale(english).to_owned();
    let description = definition.description.for_locale(english).to_owned();
    view! {
        <section class="card form-preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t!(i18n, forms.preview)}</h2>
            <p class="hint">{t!(i18n, forms.preview_note)}</p>
            <div class="preview-frame">
                <h3 class="preview-title">{title}</h3>
                {(!description.trim().is_empty())
                    .then(|| view! { <p class="pre-wrap">{description}</p> })}
                // No action and a disabled button: pressing Enter in a field sends nothing.
                <form class="answer-form" novalidate=true aria-describedby="preview-heading">
                    <AnswerForm definition />
                    <button type="submit" class="button primary" disabled=true>
                        {t!(i18n, forms.preview_submit)}
                    </button>
                </form>
            </div>
        </section>
    }
}
