//! Rules: the trait every rule implements, what a rule may read about a
//! story ([`Context`]), and the built-in rules, each a small module with a
//! stable id (`family.name`), a default severity, a one-line summary and a
//! doc that says what it finds, why it matters and gives an example. Which
//! rules run is the registry's business (`crate::registry`).

pub mod context;
pub mod dialect;
pub mod names;
pub mod spelling;
pub mod suppression;
pub mod typography;

use crate::base::finding::{Finding, Severity};
use crate::ngram::model::Model;
use crate::spell::Speller;
use crate::text::document::Document;
use crate::text::token::Token;
use crate::words::Analysis;
use std::borrow::Cow;
use std::sync::Arc;

/// What a rule says about itself.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// Stable id, `family.name`.
    pub id: &'static str,
    pub severity: Severity,
    /// One line for `newslint rules`.
    pub summary: Cow<'static, str>,
    /// What it finds, why, and an example.
    pub doc: Cow<'static, str>,
}

impl RuleInfo {
    pub fn family(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }

    /// A finding of this rule at its default severity.
    pub fn finding(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Finding {
        Finding::new(self.id, self.severity, span, message)
    }
}

/// Everything a rule may read about one story.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub tokens: &'a [Token],
    pub words: &'a Analysis,
    pub speller: &'a Speller,
    /// The context model chosen with `--model`; `None` uses the embedded one.
    pub model: Option<&'a Model>,
}

impl<'a> Context<'a> {
    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// The context model the rules read: the desk's, else the embedded one
    /// (`None` if that is missing or damaged).
    pub fn model(&self) -> Option<&'a Model> {
        match self.model {
            Some(model) => Some(model),
            None => crate::ngram::embedded(),
        }
    }
}

/// A rule: it reads a story and reports findings. Whether a finding's
/// first suggestion is a safe fix is decided here, on the finding
/// ([`Finding::fix`]).
pub trait Rule: Send + Sync {
    fn info(&self) -> &RuleInfo;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
    /// Whether the rule reads no word analysis ([`Context::words`]) and
    /// its work on a long story is worth a thread of its own: with two
    /// threads or more, such a rule starts beside the word analysis and
    /// the other rules, and is given an empty analysis. A rule never reads
    /// another's findings, so the order they run in changes nothing.
    fn runs_apart(&self) -> bool {
        false
    }
}

/// A rule as the registry and a linter hold it: the built-in ones are
/// shared statics, those loaded from a desk's files are owned and freed
/// with the last linter that uses them.
pub type RuleRef = Arc<dyn Rule>;

/// The built-in rules that are not house style, in the order they run.
pub fn builtin() -> Vec<RuleRef> {
    let mut rules: Vec<RuleRef> = vec![
        Arc::new(spelling::UnknownWord),
        Arc::new(spelling::UnfamiliarWord),
        Arc::new(names::UnknownName),
        Arc::new(names::Inconsistent),
    ];
    rules.extend(typography::all());
    rules.push(Arc::new(context::RealWord));
    rules.extend(dialect::all());
    rules.push(Arc::new(suppression::UnknownRule));
    rules.push(Arc::new(suppression::Unused));
    rules
}

#[cfg(test)]
pub(crate) mod testing {
    //! Running one rule on a text: the helper every rule's tests use.

    use super::{Context, Rule};
    use crate::base::finding::Finding;
    use crate::base::Dialect;
    use crate::spell::Speller;
    use crate::text::document::Document;
    use crate::text::token::tokenize;
    use crate::words::analyze;
    use std::collections::HashSet;

    /// Runs one rule on `text` as an en-US story with no newsroom words.
    pub(crate) fn check_rule(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        check_rule_in(rule, Dialect::EnUs, text)
    }

    /// [`check_rule`] in a given dialect.
    pub(crate) fn check_rule_in(rule: &dyn Rule, dialect: Dialect, text: &str) -> Vec<Finding> {
        let speller = Speller::new(dialect, HashSet::new());
        let doc = Document::new("-", text);
        let tokens = tokenize(&doc.text, doc.body_start());
        let words = analyze(&doc.text, &tokens, &speller);
        let cx = Context {
            doc: &doc,
            tokens: &tokens,
            words: &words,
            speller: &speller,
            model: None,
        };
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out
    }
}
