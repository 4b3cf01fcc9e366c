//! The Vale rule types. Each reads its keys from the rule file into a
//! check ([`Check::build`]) and, given one block of a story, says where the
//! rule fires ([`Check::run`]): a span, the words for the message's `%s`,
//! and any suggestions.

mod capitalization;
mod matching;
mod metric;
mod pairs;
mod sequence;
mod spelling;

use super::definition::{strings, RuleYaml};
use super::pattern::{Budget, Pattern, PatternError};
use super::scope::Block;
use super::Unsupported;
use crate::rules::Context;
use std::ops::Range;
use std::path::Path;

/// Where a rule fires in a block.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Hit {
    /// Byte offsets into the story.
    pub span: Range<usize>,
    /// What the message's `%s` stand for, in order.
    pub args: Vec<String>,
    pub suggestions: Vec<String>,
    /// May `--fix` apply the first suggestion unattended?
    pub safe: bool,
}

impl Hit {
    fn at(span: Range<usize>, arg: &str) -> Hit {
        Hit {
            span,
            args: vec![arg.to_string()],
            suggestions: Vec::new(),
            safe: false,
        }
    }
}

/// One block of one story, as a check sees it.
pub(super) struct Env<'a, 'c> {
    pub cx: &'a Context<'c>,
    pub block: &'a Block,
    pub budget: &'a Budget,
}

impl Env<'_, '_> {
    /// The block's text.
    pub(super) fn text(&self) -> &str {
        &self.cx.doc.text[self.block.span.clone()]
    }

    /// A span in the block's text as a span in the story.
    pub(super) fn abs(&self, r: Range<usize>) -> Range<usize> {
        self.block.span.start + r.start..self.block.span.start + r.end
    }
}

/// What a rule remembers from one block to the next in one story: the
/// spellings a `consistency` rule has met, the terms a `conditional` rule
/// has seen defined.
#[derive(Debug, Default)]
pub(super) struct Memory {
    pub seen: Vec<String>,
}

/// What building a check may need besides the rule file.
pub(super) struct BuildCx<'a> {
    /// The rule file, for relative paths.
    pub file: &'a Path,
    /// The styles folder (`ignore` files of spelling rules live under it).
    pub styles: &'a Path,
    /// Accepted vocabulary: exceptions for rules that take `vocab`.
    pub accept: &'a [String],
}

/// Why a rule file cannot become a check.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Pattern(#[from] PatternError),
    #[error("`{extends}` needs `{key}`")]
    Missing {
        extends: &'static str,
        key: &'static str,
    },
    #[error(transparent)]
    Unsupported(#[from] Unsupported),
    #[error("{0}")]
    Invalid(String),
}

/// A rule's check, by type.
pub(super) enum Check {
    Existence(matching::Existence),
    Substitution(matching::Substitution),
    Occurrence(matching::Occurrence),
    Repetition(matching::Repetition),
    Consistency(pairs::Consistency),
    Conditional(pairs::Conditional),
    Capitalization(capitalization::Capitalization),
    Metric(metric::Metric),
    Sequence(sequence::Sequence),
    Spelling(spelling::Spelling),
    Terms(matching::Terms),
}

impl Check {
    /// The check a rule of type `extends` describes.
    pub(super) fn build(extends: &str, y: &RuleYaml, cx: &BuildCx) -> Result<Check, BuildError> {
        Ok(match extends {
            "existence" => Check::Existence(matching::Existence::build(y, cx)?),
            "substitution" => Check::Substitution(matching::Substitution::build(y, cx)?),
            "occurrence" => Check::Occurrence(matching::Occurrence::build(y)?),
            "repetition" => Check::Repetition(matching::Repetition::build(y, cx)?),
            "consistency" => Check::Consistency(pairs::Consistency::build(y)?),
            "conditional" => Check::Conditional(pairs::Conditional::build(y, cx)?),
            "capitalization" => {
                Check::Capitalization(capitalization::Capitalization::build(y, cx)?)
            }
            "metric" => Check::Metric(metric::Metric::build(y)?),
            "sequence" => Check::Sequence(sequence::Sequence::build(y)?),
            "spelling" => Check::Spelling(spelling::Spelling::build(y, cx)?),
            other => return Err(Unsupported::Type(other.to_string()).into()),
        })
    }

    /// Vale's `Vale.Terms` for these accepted terms.
    pub(super) fn terms(accept: &[String]) -> Result<Check, BuildError> {
        Ok(Check::Terms(matching::Terms::new(accept)?))
    }

    /// The scope a rule of this type reads when it names none.
    pub(super) fn default_scope(extends: &str) -> &'static str {
        match extends {
            "capitalization" => "heading",
            "metric" => "summary",
            "sequence" => "sentence",
            _ => "text",
        }
    }

    pub(super) fn run(&self, env: &Env, memory: &mut Memory, out: &mut Vec<Hit>) {
        match self {
            Check::Existence(c) => c.run(env, out),
            Check::Substitution(c) => c.run(env, out),
            Check::Occurrence(c) => c.run(env, out),
            Check::Repetition(c) => c.run(env, out),
            Check::Consistency(c) => c.run(env, memory, out),
            Check::Conditional(c) => c.run(env, memory, out),
            Check::Capitalization(c) => c.run(env, out),
            Check::Metric(c) => c.run(env, out),
            Check::Sequence(c) => c.run(env, out),
            Check::Spelling(c) => c.run(env, out),
            Check::Terms(c) => c.run(env, out),
        }
    }

    /// Checks whose every finding is at the same place whatever the block
    /// (the story's start): run once a story.
    pub(super) fn once_a_story(&self) -> bool {
        matches!(self, Check::Metric(_))
    }
}

/// A rule's `exceptions` (and the accepted vocabulary, when the rule takes
/// it): a match containing one of them as a word is let go, and so is a
/// match inside a longer accepted phrase.
#[derive(Debug, Clone, Default)]
pub(super) struct Exceptions {
    words: Option<Pattern>,
    phrases: Option<Pattern>,
}

impl Exceptions {
    pub(super) fn new(own: &[String], vocab: &[String]) -> Result<Exceptions, PatternError> {
        let mut all: Vec<&String> = own.iter().chain(vocab).filter(|e| !e.is_empty()).collect();
        // Longest first, so an alternation prefers the longer term.
        all.sort_by_key(|e| std::cmp::Reverse(e.len()));
        all.dedup();
        if all.is_empty() {
            return Ok(Exceptions::default());
        }
        let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("|");
        let words = Pattern::finder(&format!(r"\b(?:{})\b", join(&all)), false)?;
        let phrases: Vec<&String> = all.iter().copied().filter(|e| e.contains(' ')).collect();
        let phrases = if phrases.is_empty() {
            None
        } else {
            Some(Pattern::finder(
                &format!(r"\b(?:{})\b", join(&phrases)),
                false,
            )?)
        };
        Ok(Exceptions {
            words: Some(words),
            phrases,
        })
    }

    /// Is the match `observed`, at `span` of `text`, excused?
    pub(super) fn excuse(
        &self,
        observed: &str,
        text: &str,
        span: &Range<usize>,
        budget: &Budget,
    ) -> bool {
        if self
            .words
            .as_ref()
            .is_some_and(|w| w.is_match(observed.trim()))
        {
            return true;
        }
        self.phrases.as_ref().is_some_and(|p| {
            p.find_all(text, budget)
                .iter()
                .any(|r| r.start <= span.start && span.end <= r.end)
        })
    }
}

/// The accepted vocabulary a rule takes (`vocab: false` turns it off).
fn vocab<'a>(y: &RuleYaml, cx: &BuildCx<'a>) -> &'a [String] {
    if y.vocab.unwrap_or(true) {
        cx.accept
    } else {
        &[]
    }
}

fn exceptions(y: &RuleYaml, cx: &BuildCx, take_vocab: bool) -> Result<Exceptions, PatternError> {
    let vocab = if take_vocab { vocab(y, cx) } else { &[] };
    Exceptions::new(&strings(&y.exceptions), vocab)
}
