//! A question's texts (or attached files), a page at a time, by company name: what the
//! summary page lists the first of. The filters of the summary apply.

use super::first::{Companies, Company, FirstByName};
use super::summing::{listed, named};
use super::{TEXTS_PER_PAGE, count, each_asked, open, order_of};
use crate::api::summary_dto::{QuestionTextsDto, SummaryFilters};
use crate::domain::forms::{AnswerSlots, Question, QuestionKind};
use crate::error::AppError;
use crate::server::services::answering::FormVersionCache;
use crate::server::services::campaigns;
use sea_orm::{ConnectionTrait, StreamTrait};

/// Whether the summary lists what was written to `question`: a text question's answers,
/// a choice's "other" texts, a file question's files.
pub fn lists_texts(question: &Question) -> bool {
    match &question.kind {
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => true,
        QuestionKind::File { .. } => true,
        QuestionKind::SingleChoice { other, .. } | QuestionKind::MultipleChoice { other, .. } => {
            *other
        }
        _ => false,
    }
}

/// Page `page` (from 1; past the last, the last) of question `question_id`'s texts.
pub async fn question_texts<C>(
    db: &C,
    versions: &FormVersionCache,
    ids: (i32, i32),
    question_id: &str,
    filters: SummaryFilters,
    page: u32,
) -> Result<QuestionTextsDto, AppError>
where
    C: ConnectionTrait + StreamTrait,
{
    let (event_id, campaign_id) = ids;
    let opened = open(db, versions, event_id, campaign_id).await?;
    let definition = &opened.version.definition;
    let (position, question) = definition
        .questions()
        .enumerate()
        .find(|(_, question)| question.id.as_str() == question_id)
        .filter(|(_, question)| lists_texts(question))
        .ok_or(AppError::NotFound)?;
    let order = order_of(db);
    let page = page.max(1);
    let slots = AnswerSlots::new(definition);
    let mut companies = Companies::new(order);
    let mut list = FirstByName::new((page as usize).saturating_mul(TEXTS_PER_PAGE));
    each_asked(db, campaign_id, &filters, order, |mut row| {
        let company = Company {
            kana: std::mem::take(&mut row.company_kana),
            name: std::mem::take(&mut row.company),
            id: row.company_id,
        };
        if let Some(answers) = row.read(&slots, campaign_id)?
            && let Some(answer) = answers.get(position)
        {
            let read = companies.push(company);
            listed(&mut list, &companies, read, question, answer);
        }
        Ok(())
    })
    .await?;
    let total = list.offered();
    let pages = total.div_ceil(TEXTS_PER_PAGE).max(1);
    let page = (page as usize).min(pages);
    let first = (page - 1) * TEXTS_PER_PAGE;
    let texts = named(&companies, list).into_iter().skip(first).collect();
    Ok(QuestionTextsDto {
        event_name: opened.event_name,
        campaign: campaigns::dto(db, opened.campaign.clone()).await?,
        filters,
        number: position + 1,
        question: question.clone(),
        page: count(page),
        pages: count(pages),
        total: count(total),
        first: count(first + 1),
        texts,
    })
}
