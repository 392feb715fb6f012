//! Sharing seminar reports with the other participating companies: only with the
//! company's consent, given in the report itself (the セミナー受講レポート asks it; a form
//! copied from it keeps the question), and only once an officer approved the report.

use crate::forms::{Answer, Answers, QuestionId};

/// The id of the consent question.
pub const CONSENT_QUESTION: &str = "share_consent";
/// The option that consents.
pub const CONSENT_YES: &str = "yes";
/// The question whose answer names a shared report in the library.
pub const TITLE_QUESTION: &str = "seminar_title";

/// Whether these answers consent to sharing: the consent question answered "yes". A form
/// without the question never consents.
pub fn consents(answers: &Answers) -> bool {
    matches!(
        answers.get(&QuestionId::new(CONSENT_QUESTION)),
        Some(Answer::Choice { value, .. }) if value == CONSENT_YES
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::templates::seminar_report;
    use crate::forms::{Mode, RawAnswers};

    fn report(consent: &str) -> Answers {
        let raw = RawAnswers::from_pairs([
            ("seminar_title", "医療機器の海外展開"),
            ("summary", "規制と販路の要点"),
            ("share_consent", consent),
        ]);
        Answers::parse(&seminar_report(), raw, Mode::Submit).expect("a complete report")
    }

    #[test]
    fn only_a_yes_consents() {
        assert!(consents(&report("yes")));
        assert!(!consents(&report("no")));
        assert!(!consents(&Answers::default()));
    }

    #[test]
    fn the_seminar_report_requires_an_answer_on_consent() {
        let raw = RawAnswers::from_pairs([("seminar_title", "題"), ("summary", "要約")]);
        let refused = Answers::parse(&seminar_report(), raw, Mode::Submit).expect_err("refused");
        assert!(refused.errors.for_field(CONSENT_QUESTION).is_some());
    }
}
