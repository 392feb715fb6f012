//! The summary of a campaign, folded one company at a time: each question's tally, the
//! first texts written with their company, who is missing, and what Shift_JIS cannot
//! hold. Companies arrive in no particular order; the lists are put in the order of
//! their names, from the names kept (a few bytes per company, not its answers).

use super::first::{Companies, Company, FirstByName, Read};
use super::{AskedRow, Choices, Order, TEXTS_SHOWN, count};
use crate::api::summary_dto::{CompanyText, MissingCompany, QuestionResult, Unconvertible};
use crate::domain::aggregate::QuestionTally;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::{
    AnswerRef, AnswerSlots, FormDefinition, Question, QuestionId, QuestionKind,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::server::export::csv;
use std::collections::BTreeSet;

pub(super) struct Summing<'f> {
    form: &'f FormDefinition,
    slots: AnswerSlots<'f>,
    questions: Vec<Tallied<'f>>,
    shift_jis: ShiftJisReport,
    /// Every company read, in the order read; the lists below point into it.
    companies: Companies,
    missing: Vec<(Read, InvitationStatus)>,
    submitted: usize,
    /// Kept when the companies read are everyone asked (no filter).
    everyone: Option<BTreeSet<String>>,
}

/// One question: its tally, and the first texts (or attached files) of the companies read.
struct Tallied<'f> {
    question: &'f Question,
    tally: QuestionTally<'f>,
    texts: FirstByName<CompanyText>,
}

/// What the fold adds up to.
pub(super) struct Summed {
    pub questions: Vec<QuestionResult>,
    pub missing: Vec<MissingCompany>,
    pub unconvertible: Vec<Unconvertible>,
    pub invited: usize,
    pub submitted: usize,
    pub everyone: Option<Choices>,
}

impl<'f> Summing<'f> {
    pub(super) fn new(
        form: &'f FormDefinition,
        locale: Locale,
        everyone: bool,
        order: Order,
    ) -> Self {
        Self {
            form,
            slots: AnswerSlots::new(form),
            questions: form
                .questions()
                .map(|question| Tallied {
                    question,
                    tally: QuestionTally::new(question),
                    texts: FirstByName::new(TEXTS_SHOWN),
                })
                .collect(),
            shift_jis: ShiftJisReport::new(form, locale),
            companies: Companies::new(order),
            missing: Vec::new(),
            submitted: 0,
            everyone: everyone.then(BTreeSet::new),
        }
    }

    pub(super) fn add(&mut self, mut row: AskedRow, campaign_id: i32) -> Result<(), AppError> {
        let read = self.companies.push(Company {
            kana: std::mem::take(&mut row.company_kana),
            name: std::mem::take(&mut row.company),
            id: row.company_id,
        });
        match row.read(&self.slots, campaign_id)? {
            Some(answers) => {
                self.submitted += 1;
                for (position, summed) in self.questions.iter_mut().enumerate() {
                    let answer = answers.get(position);
                    summed.tally.add(answer);
                    if let Some(answer) = answer {
                        listed(
                            &mut summed.texts,
                            &self.companies,
                            read,
                            summed.question,
                            answer,
                        );
                    }
                }
                self.shift_jis
                    .check(&self.companies.get(read).name, Some(read), Column::Company);
                self.shift_jis
                    .check(&row.industry, Some(read), Column::Industry);
                for (id, answer) in answers.entries() {
                    if let Some(text) = answer.free_text() {
                        self.shift_jis
                            .check(text, Some(read), Column::Answer(self.form, id));
                    }
                }
            }
            None => self.missing.push((read, row.status())),
        }
        if let Some(industries) = &mut self.everyone {
            let industry = row.industry.trim();
            if !industry.is_empty() && !industries.contains(industry) {
                industries.insert(industry.to_owned());
            }
        }
        Ok(())
    }

    pub(super) fn finish(self) -> Summed {
        let companies = self.companies;
        let by_name = companies.by_name();
        let mut rank = vec![0; companies.len()];
        for (position, &read) in by_name.iter().enumerate() {
            rank[read] = position;
        }
        let questions = self
            .questions
            .into_iter()
            .enumerate()
            .map(|(index, summed)| QuestionResult {
                number: index + 1,
                question: summed.question.clone(),
                summary: summed.tally.finish(),
                texts_total: count(summed.texts.offered()),
                texts: named(&companies, summed.texts),
            })
            .collect();
        let mut missing = self.missing;
        missing.sort_by_key(|(read, _)| rank[*read]);
        let mut lost = self.shift_jis.lost;
        // Labels first, then by company; a company's own in the order found.
        lost.sort_by_key(|(read, _)| read.map(|read| rank[read]));
        let unconvertible = lost
            .into_iter()
            .map(|(read, (character, column))| Unconvertible {
                character: character.to_string(),
                company: read.map(|read| companies.name(read)).unwrap_or_default(),
                column,
            })
            .collect();
        Summed {
            questions,
            missing: missing
                .into_iter()
                .map(|(read, status)| MissingCompany {
                    company_id: companies.get(read).id,
                    company: companies.name(read),
                    status,
                })
                .collect(),
            unconvertible,
            invited: companies.len(),
            submitted: self.submitted,
            everyone: self.everyone.map(|industries| Choices {
                industries,
                companies: by_name
                    .iter()
                    .map(|&read| (companies.get(read).id, companies.name(read)))
                    .collect(),
            }),
        }
    }
}

/// Offers what a company wrote to `question` to its list: a text question's answer,
/// the "other" text of a choice, or a file question's files (named by their names).
pub(super) fn listed(
    list: &mut FirstByName<CompanyText>,
    companies: &Companies,
    read: Read,
    question: &Question,
    answer: &AnswerRef<'_>,
) {
    let text = match (&question.kind, answer) {
        (QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }, AnswerRef::Text(text)) => {
            text.as_str()
        }
        (_, AnswerRef::Choice { other, .. } | AnswerRef::Choices { other, .. }) => match other {
            Some(other) => other.as_str(),
            None => return,
        },
        (_, AnswerRef::Files(files)) => {
            list.offer(companies, read, || CompanyText {
                company: String::new(),
                text: files
                    .iter()
                    .map(|file| file.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
                files: files.clone(),
            });
            return;
        }
        _ => return,
    };
    list.offer(companies, read, || CompanyText {
        company: String::new(),
        text: text.to_owned(),
        files: Vec::new(),
    });
}

/// The items of a list with their companies' names.
pub(super) fn named(companies: &Companies, list: FirstByName<CompanyText>) -> Vec<CompanyText> {
    list.into_kept()
        .into_iter()
        .map(|(read, text)| CompanyText {
            company: companies.name(read),
            ..text
        })
        .collect()
}

/// Every character of the Shift_JIS export that Shift_JIS cannot hold, with its company
/// and column, found without writing the file: only the texts that are not ASCII (company
/// names, industries, free texts, "other" texts, labels) are tried.
struct ShiftJisReport {
    english: bool,
    company_column: String,
    industry_column: String,
    shift_jis: csv::ShiftJisChars,
    /// Each character lost, with the company it came from (none for a label) and its column.
    lost: Vec<(Option<Read>, (char, String))>,
}

/// The column a text is in, named only when one of its characters is lost.
enum Column<'a> {
    Label(&'a str),
    Company,
    Industry,
    Answer(&'a FormDefinition, &'a str),
}

impl ShiftJisReport {
    /// The report, with the form's labels and options already tried.
    fn new(form: &FormDefinition, locale: Locale) -> Self {
        let english = locale == Locale::en;
        let mut report = Self {
            english,
            company_column: td_string!(locale, summary.columns.company).to_string(),
            industry_column: td_string!(locale, summary.columns.industry).to_string(),
            shift_jis: csv::ShiftJisChars::default(),
            lost: Vec::new(),
        };
        for question in form.questions() {
            let label = question.label.for_locale(english);
            report.check(label, None, Column::Label(label));
            for option in question.options() {
                report.check(option.label.for_locale(english), None, Column::Label(label));
            }
        }
        report
    }

    fn check(&mut self, text: &str, company: Option<Read>, column: Column<'_>) {
        if text.is_ascii() {
            return;
        }
        for character in self.shift_jis.unmappable(text) {
            let column = match &column {
                Column::Label(label) => (*label).to_owned(),
                Column::Company => self.company_column.clone(),
                Column::Industry => self.industry_column.clone(),
                Column::Answer(form, id) => form
                    .question(&QuestionId::new(id))
                    .map(|q| q.label.for_locale(self.english).to_owned())
                    .unwrap_or_else(|| (*id).to_owned()),
            };
            self.lost.push((company, (character, column)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::forms::{Answer, Answers, templates};

    fn submitted(company_id: i32, name: String, requests: &str) -> AskedRow {
        let mut answers = Answers::default();
        answers.insert(
            QuestionId::new("requests"),
            Answer::Text(requests.to_owned()),
        );
        AskedRow {
            company_id,
            company_kana: name.clone(),
            company: name,
            industry: "製造業".to_owned(),
            regional_leader: false,
            status: "submitted".to_owned(),
            state: Some("submitted".to_owned()),
            answers: serde_json::to_string(&answers).ok(),
            receipt: None,
            revision: Some(1),
            submitted_at: None,
            updated_at: None,
        }
    }

    #[test]
    fn the_summary_lists_the_first_texts_by_name_and_counts_them_all() {
        let form = templates::after_exhibit();
        let mut summing = Summing::new(&form, Locale::ja, true, Order::AsStored);
        // Read from the last name to the first, as a database may return them.
        const COMPANIES: i32 = 60;
        const { assert!(TEXTS_SHOWN < 60, "more companies than the page shows") };
        for n in (0..COMPANIES).rev() {
            let row = submitted(n, format!("会社{n:03}"), &format!("要望 {n}"));
            assert!(summing.add(row, 1).is_ok());
        }
        let summed = summing.finish();
        let requests = summed
            .questions
            .iter()
            .find(|q| q.question.id.as_str() == "requests")
            .expect("the question");
        assert_eq!(requests.texts_total, 60);
        assert_eq!(requests.texts.len(), TEXTS_SHOWN);
        assert_eq!(requests.texts[0].company, "会社000");
        assert_eq!(requests.texts[0].text, "要望 0");
        let last = format!("会社{:03}", TEXTS_SHOWN - 1);
        assert_eq!(requests.texts[TEXTS_SHOWN - 1].company, last);
        assert_eq!(summed.submitted, 60);
        let everyone = summed.everyone.expect("everyone, unfiltered");
        assert_eq!(everyone.companies[0], (0, "会社000".to_owned()));
    }
}
