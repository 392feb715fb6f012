//! How chosen values read in the company's language: the label of an option, "other",
//! or the value itself when the form no longer offers it.

use crate::domain::forms::{OTHER, Question};
use crate::i18n::*;

/// The few words the texts of this module need, in the language of the page. Read once
/// from the i18n context, so that the functions that build texts stay plain and tested.
#[derive(Debug, Clone)]
pub(super) struct Words {
    pub(super) english: bool,
    /// The "other" choice: その他.
    pub(super) other: String,
}

impl Words {
    pub(super) fn of(i18n: leptos_i18n::I18nContext<Locale>) -> Self {
        Self {
            english: i18n.get_locale_untracked() == Locale::en,
            other: t_string!(i18n, answer.other).to_string(),
        }
    }

    /// Joins the labels of several choices: 「A、B」 or "A, B".
    pub(super) fn list(&self, items: &[String]) -> String {
        items.join(if self.english { ", " } else { "、" })
    }

    /// A text with a remark after it: 「その他（展示会）」 or "Other (trade fair)".
    pub(super) fn with_remark(&self, text: &str, remark: &str) -> String {
        if self.english {
            format!("{text} ({remark})")
        } else {
            format!("{text}（{remark}）")
        }
    }

    /// A number with its unit: 「12件」 or "12 cases".
    pub(super) fn with_unit(&self, number: &str, unit: &str) -> String {
        if unit.is_empty() {
            number.to_owned()
        } else if self.english {
            format!("{number} {unit}")
        } else {
            format!("{number}{unit}")
        }
    }
}

/// The words for `value` among the choices of `question`: its option's label, "other",
/// or the value as stored when the option has since been removed from the form.
pub(super) fn choice_label(question: &Question, value: &str, words: &Words) -> String {
    if value == OTHER {
        return words.other.clone();
    }
    question
        .options()
        .iter()
        .find(|option| option.value == value)
        .map_or_else(
            || value.to_owned(),
            |option| option.label.for_locale(words.english).to_owned(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::answer_form::fixtures::{english, japanese, question};
    use crate::domain::forms::templates::after_exhibit;
    #[test]
    fn a_chosen_value_reads_as_its_option_label_in_the_page_language() {
        let form = after_exhibit();
        let again = question(&form, "exhibit_again");
        assert_eq!(choice_label(again, "no", &japanese()), "いいえ");
        assert_eq!(choice_label(again, "no", &english()), "No");
    }

    #[test]
    fn other_reads_as_other_and_a_removed_option_as_its_value() {
        let form = after_exhibit();
        let again = question(&form, "exhibit_again");
        assert_eq!(choice_label(again, OTHER, &japanese()), "その他");
        assert_eq!(choice_label(again, "maybe", &english()), "maybe");
    }

    #[test]
    fn lists_remarks_and_units_follow_the_language() {
        let labels = ["AI".to_owned(), "IoT".to_owned()];
        assert_eq!(japanese().list(&labels), "AI、IoT");
        assert_eq!(english().list(&labels), "AI, IoT");
        assert_eq!(japanese().with_remark("その他", "紹介"), "その他（紹介）");
        assert_eq!(english().with_unit("12", "cases"), "12 cases");
        assert_eq!(japanese().with_unit("12", "件"), "12件");
        assert_eq!(english().with_unit("12", ""), "12");
    }
}
