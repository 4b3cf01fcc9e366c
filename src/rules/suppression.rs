//! `suppression.unknown-rule` and `suppression.unused`: the story's own
//! `newslint-disable…` comments, checked. They are worked out where the
//! comments are applied (`lint::suppress`), after every other rule has
//! run; here they are registered, so that they are listed, documented,
//! selected and ignored like any rule.

use super::{Context, Rule, RuleInfo};
use crate::base::finding::{Finding, Severity};
use std::borrow::Cow;

pub struct UnknownRule;
pub struct Unused;

pub static UNKNOWN_RULE: RuleInfo = RuleInfo {
    id: "suppression.unknown-rule",
    severity: Severity::Warning,
    summary: Cow::Borrowed("A suppression comment names a rule or family newslint does not have."),
    doc: Cow::Borrowed(
        "A `newslint-disable`, `-enable`, `-next-line` or `-line` comment whose rule list names \
something that is no rule id and no family switches nothing off: usually a typo, so the finding \
it was meant to silence is still there, or will be. Vale rules (`vale.*`) are accepted as named.\n\
Bad:  <!-- newslint-disable-next-line speling.unknown-word -->\n\
Good: <!-- newslint-disable-next-line spelling.unknown-word -->",
    ),
};

pub static UNUSED: RuleInfo = RuleInfo {
    id: "suppression.unused",
    severity: Severity::Info,
    summary: Cow::Borrowed("A suppression comment that switches off nothing in this story."),
    doc: Cow::Borrowed(
        "A `newslint-disable`, `-next-line` or `-line` comment that no finding needed: the slip it \
was written for has been fixed, or the rule no longer fires there. Old suppressions hide the next \
real slip; delete them (as ruff's RUF100 reports unused `noqa`).\n\
Bad:  <!-- newslint-disable-next-line spelling -->  above a line with no spelling finding",
    ),
};

impl Rule for UnknownRule {
    fn info(&self) -> &RuleInfo {
        &UNKNOWN_RULE
    }
    /// Worked out in `lint::suppress`, after the other rules.
    fn check(&self, _: &Context, _: &mut Vec<Finding>) {}
}

impl Rule for Unused {
    fn info(&self) -> &RuleInfo {
        &UNUSED
    }
    /// Worked out in `lint::suppress`, after the other rules.
    fn check(&self, _: &Context, _: &mut Vec<Finding>) {}
}
