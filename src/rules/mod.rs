//! The rule registry. Every rule is a small module with a stable id
//! (`family.name`), a default severity, a one-line summary and a doc that
//! says what it finds, why it matters and gives an example.

pub mod context;
pub mod names;
pub mod spelling;
pub mod typography;

use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::spell::Speller;
use crate::token::Token;
use crate::words::Analysis;

/// What a rule says about itself.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable id, `family.name`.
    pub id: &'static str,
    pub severity: Severity,
    /// One line for `newslint rules`.
    pub summary: &'static str,
    /// What it finds, why, and an example.
    pub doc: &'static str,
}

impl RuleInfo {
    pub fn family(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }

    /// A finding of this rule at its default severity.
    pub fn finding(
        &'static self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
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
    pub model: Option<&'a crate::context::model::Model>,
}

impl Context<'_> {
    pub fn text(&self) -> &str {
        &self.doc.text
    }
}

pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
    /// May `newslint check --fix` apply this finding's first suggestion
    /// without a person looking? Only for unambiguous mechanical fixes.
    fn safe_fix(&self, _finding: &Finding) -> bool {
        false
    }
}

/// Every rule newslint has, in the order they run.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut rules = without_style();
    // House style (`style.*`, `dialect.*`): listed here, run only with a
    // style pack (see `crate::style::active`).
    rules.extend(crate::style::all());
    rules
}

/// Every rule but house style: what runs without a style pack. Unlike
/// [`all`], it does not read the embedded style packs.
pub fn without_style() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = vec![
        &spelling::UnknownWord,
        &spelling::UnfamiliarWord,
        &names::UnknownName,
        &names::Inconsistent,
    ];
    rules.extend(typography::all());
    rules.push(&context::RealWord);
    rules
}
