//! Counts of a rating scale (満足度 1–5): every point of the scale, and the mean.

use super::exact::Exact;
use super::numbers::{MEAN_FRACTION_DIGITS, rounded_mean};
use super::percent::Percent;
#[cfg(test)]
use crate::forms::Answer;
use crate::forms::{AnswerRef, QuestionKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    /// Every point from the scale's minimum to its maximum, chosen or not.
    pub points: Vec<PointCount>,
    /// Rounded to [`MEAN_FRACTION_DIGITS`]; `None` when nobody answered.
    pub mean: Option<Exact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointCount {
    pub point: u8,
    pub count: u32,
    /// Of the respondents who answered; `None` when nobody did.
    pub percent: Option<Percent>,
}

/// Counts the ratings within the scale; returns the summary and how many fitted.
#[cfg(test)]
pub(super) fn summarise(kind: &QuestionKind, answers: &[&Answer]) -> (RatingSummary, u32) {
    let mut tally = RatingTally::new(kind);
    for answer in answers {
        tally.add(&answer.view());
    }
    tally.finish()
}

/// The counts of one rating scale, one answer at a time.
#[derive(Debug)]
pub(super) struct RatingTally {
    min: u8,
    max: u8,
    counts: Vec<u32>,
    answered: u32,
    sum: i128,
}

impl RatingTally {
    pub(super) fn new(kind: &QuestionKind) -> Self {
        let (min, max) = match kind {
            QuestionKind::Rating { min, max, .. } => (*min, *max),
            // An empty scale: nothing fits.
            _ => (1, 0),
        };
        Self {
            min,
            max,
            counts: vec![0u32; usize::from(max.saturating_sub(min)) + usize::from(max >= min)],
            answered: 0,
            sum: 0,
        }
    }

    /// Counts one answer; whether it fitted (a rating within the scale).
    pub(super) fn add(&mut self, answer: &AnswerRef<'_>) -> bool {
        if let AnswerRef::Rating(point) = answer
            && let Some(count) = point
                .checked_sub(self.min)
                .and_then(|index| self.counts.get_mut(usize::from(index)))
        {
            *count += 1;
            self.answered += 1;
            self.sum += i128::from(*point);
            return true;
        }
        false
    }

    pub(super) fn finish(self) -> (RatingSummary, u32) {
        let answered = self.answered;
        let points = (self.min..=self.max)
            .zip(self.counts)
            .map(|(point, count)| PointCount {
                point,
                count,
                percent: Percent::of(count, answered),
            })
            .collect();
        let mean =
            (answered > 0).then(|| rounded_mean(self.sum, 0, answered, MEAN_FRACTION_DIGITS));
        (RatingSummary { points, mean }, answered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::Text;

    fn one_to_five() -> QuestionKind {
        QuestionKind::Rating {
            min: 1,
            max: 5,
            min_label: Text::ja("不満"),
            max_label: Text::ja("満足"),
        }
    }

    fn rated(points: &[u8]) -> (RatingSummary, u32) {
        let answers: Vec<Answer> = points.iter().map(|p| Answer::Rating(*p)).collect();
        let refs: Vec<&Answer> = answers.iter().collect();
        summarise(&one_to_five(), &refs)
    }

    fn counts(summary: &RatingSummary) -> Vec<(u8, u32)> {
        summary.points.iter().map(|p| (p.point, p.count)).collect()
    }

    #[test]
    fn every_point_is_listed_even_when_nobody_chose_it() {
        let (summary, answered) = rated(&[5, 4, 5]);
        assert_eq!(answered, 3);
        assert_eq!(counts(&summary), [(1, 0), (2, 0), (3, 0), (4, 1), (5, 2)]);
        assert_eq!(summary.mean.map(|m| m.to_string()), Some("4.67".to_owned()));
        assert_eq!(
            summary.points[4].percent.map(|p| p.to_string()),
            Some("66.7%".to_owned())
        );
    }

    #[test]
    fn without_answers_the_scale_is_listed_with_no_mean_and_no_shares() {
        let (summary, answered) = rated(&[]);
        assert_eq!(answered, 0);
        assert_eq!(counts(&summary), [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]);
        assert_eq!(summary.mean, None);
        assert!(summary.points.iter().all(|p| p.percent.is_none()));
    }

    #[test]
    fn a_whole_mean_is_shown_without_fraction_zeros() {
        let (summary, _) = rated(&[2, 4]);
        assert_eq!(summary.mean, Some(Exact::from_integer(3)));
    }

    #[test]
    fn points_outside_the_scale_do_not_fit() {
        let (summary, answered) = rated(&[0, 6, 3, u8::MAX]);
        assert_eq!(answered, 1);
        assert_eq!(counts(&summary), [(1, 0), (2, 0), (3, 1), (4, 0), (5, 0)]);
    }

    #[test]
    fn a_scale_up_to_255_is_counted() {
        let kind = QuestionKind::Rating {
            min: 0,
            max: u8::MAX,
            min_label: Text::default(),
            max_label: Text::default(),
        };
        let answers = [Answer::Rating(u8::MAX)];
        let (summary, answered) = summarise(&kind, &[&answers[0]]);
        assert_eq!((summary.points.len(), answered), (256, 1));
    }
}
