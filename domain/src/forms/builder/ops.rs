//! What a builder button asks for. Each button posts the whole form with its own `op`
//! value, so every edit works as a plain form post; the edit is applied to what was
//! posted, then the result is saved.

use super::{BuilderInput, ItemInput, QUESTION_KINDS, SECTION};
use crate::Problem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuilderOp {
    Save,
    /// Adds a new item of this kind (a question type or a section) at the end.
    Add(String),
    Up(usize),
    Down(usize),
    Delete(usize),
}

impl BuilderOp {
    /// Reads `save`, `add` (with the kind chosen beside the button), `up:3`, `down:3`,
    /// `delete:3`.
    pub fn parse(op: &str, add_kind: &str) -> Result<Self, Problem> {
        let index = |raw: &str| raw.parse::<usize>().map_err(|_| Problem::InvalidChoice);
        match op.split_once(':') {
            None if op == "save" || op.is_empty() => Ok(BuilderOp::Save),
            None if op == "add" => {
                let known = add_kind == SECTION || QUESTION_KINDS.contains(&add_kind);
                known
                    .then(|| BuilderOp::Add(add_kind.to_owned()))
                    .ok_or(Problem::InvalidChoice)
            }
            Some(("up", at)) => Ok(BuilderOp::Up(index(at)?)),
            Some(("down", at)) => Ok(BuilderOp::Down(index(at)?)),
            Some(("delete", at)) => Ok(BuilderOp::Delete(index(at)?)),
            _ => Err(Problem::InvalidChoice),
        }
    }

    /// Applies the edit; returns the index of the item to show afterwards, if any.
    pub fn apply(&self, input: &mut BuilderInput) -> Option<usize> {
        let items = &mut input.items;
        match self {
            BuilderOp::Save => None,
            BuilderOp::Add(kind) => {
                let item = new_item(kind, items);
                items.push(item);
                Some(items.len() - 1)
            }
            BuilderOp::Up(at) if *at > 0 && *at < items.len() => {
                items.swap(*at - 1, *at);
                Some(*at - 1)
            }
            BuilderOp::Down(at) if at + 1 < items.len() => {
                items.swap(*at, at + 1);
                Some(at + 1)
            }
            BuilderOp::Delete(at) if *at < items.len() => {
                items.remove(*at);
                None
            }
            _ => None,
        }
    }
}

/// A new item that already passes the checks, so adding never blocks saving: a label
/// to overwrite, a free id, and settings that make sense for its kind.
fn new_item(kind: &str, items: &[ItemInput]) -> ItemInput {
    let prefix = if kind == SECTION { "s" } else { "q" };
    let id = (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !items.iter().any(|item| &item.id == id))
        .unwrap_or_default();
    let mut item = ItemInput {
        kind: kind.to_owned(),
        id,
        label_ja: if kind == SECTION {
            "新しい見出し".into()
        } else {
            "新しい質問".into()
        },
        ..ItemInput::default()
    };
    match kind {
        "short_text" => item.max_chars = "200".into(),
        "long_text" => item.max_chars = "2000".into(),
        "decimal" => item.fraction_digits = "2".into(),
        "single_choice" | "multiple_choice" => {
            item.options = "選択肢1\n選択肢2".into();
        }
        "rating" => {
            item.min = "1".into();
            item.max = "5".into();
        }
        "file" => item.max = crate::forms::question::DEFAULT_MAX_FILES.to_string(),
        _ => {}
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::FormDefinition;

    fn input(kinds: &[&str]) -> BuilderInput {
        let mut input = BuilderInput {
            title_ja: "アンケート".into(),
            ..BuilderInput::default()
        };
        for kind in kinds {
            BuilderOp::Add((*kind).to_owned()).apply(&mut input);
        }
        input
    }

    #[test]
    fn every_new_item_passes_the_checks() {
        let mut kinds: Vec<&str> = QUESTION_KINDS.to_vec();
        kinds.push(SECTION);
        let input = input(&kinds);
        let definition = FormDefinition::try_from(&input).expect("readable");
        assert_eq!(definition.check(), Ok(()));
        assert_eq!(input.items[0].id, "q1");
        assert_eq!(input.items[1].id, "q2");
        assert_eq!(input.items[QUESTION_KINDS.len()].id, "s1");
    }

    #[test]
    fn items_move_and_go_within_bounds() {
        let mut input = input(&["short_text", "integer", "email"]);
        assert_eq!(BuilderOp::parse("up:2", ""), Ok(BuilderOp::Up(2)));
        assert_eq!(BuilderOp::Up(2).apply(&mut input), Some(1));
        assert_eq!(input.items[1].kind, "email");
        assert_eq!(BuilderOp::Up(0).apply(&mut input), None, "the first stays");
        assert_eq!(BuilderOp::Down(2).apply(&mut input), None, "the last stays");
        BuilderOp::Delete(0).apply(&mut input);
        let kinds: Vec<&str> = input.items.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(kinds, ["email", "integer"]);
    }

    #[test]
    fn unknown_buttons_and_kinds_are_refused() {
        assert_eq!(BuilderOp::parse("save", ""), Ok(BuilderOp::Save));
        assert!(BuilderOp::parse("add", "spreadsheet").is_err());
        assert!(BuilderOp::parse("up:x", "").is_err());
        assert!(BuilderOp::parse("explode:1", "").is_err());
    }
}
