//! The summary of a campaign, folded one company at a time: each question's tally, the
//! texts written with their company, who is missing, and what Shift_JIS cannot hold.
//! Companies arrive in no particular order; the lists are put in the order of their
//! names at the end, from the names kept (a few bytes per company, not its answers).

use super::{AskedRow, Choices, Order};
use crate::api::summary_dto::{CompanyText, MissingCompany, QuestionResult, Unconvertible};
use crate::domain::aggregate::QuestionTally;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::{
    AnswerRef, AnswerSlots, FileRef, FormDefinition, Question, QuestionId, QuestionKind,
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
    companies: Vec<Company>,
    missing: Vec<(Read, InvitationStatus)>,
    submitted: usize,
    /// Kept when the companies read are everyone asked (no filter).
    everyone: Option<BTreeSet<String>>,
    /// Whether the companies come by name already.
    order: Order,
}

/// The index of a company in the order read.
type Read = usize;

/// What orders a company in the lists, and names it.
struct Company {
    kana: String,
    name: String,
    id: i32,
}

/// One question: its tally, and the texts written to it by the companies read.
struct Tallied<'f> {
    question: &'f Question,
    tally: QuestionTally<'f>,
    texts: Vec<(Read, String)>,
    /// A file question's files, by company.
    files: Vec<(Read, Vec<FileRef>)>,
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
                    texts: Vec::new(),
                    files: Vec::new(),
                })
                .collect(),
            shift_jis: ShiftJisReport::new(form, locale),
            companies: Vec::new(),
            missing: Vec::new(),
            submitted: 0,
            everyone: everyone.then(BTreeSet::new),
            order,
        }
    }

    pub(super) fn add(&mut self, row: AskedRow, campaign_id: i32) -> Result<(), AppError> {
        let read = self.companies.len();
        match row.read(&self.slots, campaign_id)? {
            Some(answers) => {
                self.submitted += 1;
                for (position, summed) in self.questions.iter_mut().enumerate() {
                    let answer = answers.get(position);
                    summed.tally.add(answer);
                    if let Some(text) = answer.and_then(|a| listed_text(summed.question, a)) {
                        summed.texts.push((read, text.to_owned()));
                    }
                    if let Some(AnswerRef::Files(files)) = answer {
                        summed.files.push((read, files.clone()));
                    }
                }
                self.shift_jis
                    .check(&row.company, Some(read), Column::Company);
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
        self.companies.push(Company {
            kana: row.company_kana,
            name: row.company,
            id: row.company_id,
        });
        Ok(())
    }

    pub(super) fn finish(self) -> Summed {
        // The companies by name, as the database would have sorted them.
        let companies = self.companies;
        let mut by_name: Vec<Read> = (0..companies.len()).collect();
        if self.order == Order::AsStored {
            by_name.sort_by(|&a, &b| {
                let (a, b) = (&companies[a], &companies[b]);
                (&a.kana, &a.name, a.id).cmp(&(&b.kana, &b.name, b.id))
            });
        }
        let mut rank = vec![0; companies.len()];
        for (position, &read) in by_name.iter().enumerate() {
            rank[read] = position;
        }
        let name = |read: Read| companies[read].name.clone();
        let questions = self
            .questions
            .into_iter()
            .enumerate()
            .map(|(index, mut summed)| {
                summed.texts.sort_by_key(|(read, _)| rank[*read]);
                summed.files.sort_by_key(|(read, _)| rank[*read]);
                let files = summed.files.into_iter().map(|(read, files)| CompanyText {
                    company: name(read),
                    text: files
                        .iter()
                        .map(|file| file.name.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    files,
                });
                QuestionResult {
                    number: index + 1,
                    question: summed.question.clone(),
                    summary: summed.tally.finish(),
                    texts: summed
                        .texts
                        .into_iter()
                        .map(|(read, text)| CompanyText {
                            company: name(read),
                            text,
                            files: Vec::new(),
                        })
                        .chain(files)
                        .collect(),
                }
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
                company: read.map(name).unwrap_or_default(),
                column,
            })
            .collect();
        Summed {
            questions,
            missing: missing
                .into_iter()
                .map(|(read, status)| MissingCompany {
                    company_id: companies[read].id,
                    company: name(read),
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
                    .map(|&read| (companies[read].id, name(read)))
                    .collect(),
            }),
        }
    }
}

/// The text the summary lists under a question: a text question's answer, or the
/// "other" text of a choice.
fn listed_text<'a>(question: &Question, answer: &'a AnswerRef<'_>) -> Option<&'a str> {
    match (&question.kind, answer) {
        (QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }, AnswerRef::Text(text)) => {
            Some(text.as_str())
        }
        (_, AnswerRef::Choice { other, .. } | AnswerRef::Choices { other, .. }) => {
            other.as_ref().map(|other| other.as_str())
        }
        _ => None,
    }
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
