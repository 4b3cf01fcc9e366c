//! What a rule reports: a rule id, a severity, a message, the byte span it
//! covers, its suggested replacements (best first) and whether `--fix` may
//! apply the first of them unattended.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a glance (an unknown name); never a failure.
    #[default]
    Info,
    /// Probably wrong: a person should look.
    Warning,
    /// Almost surely wrong.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Error and warning findings make `check` exit 1.
    pub fn is_serious(self) -> bool {
        self != Severity::Info
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// May `newslint check --fix` apply a finding's first suggestion without a
/// person looking? Decided by the rule when it makes the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// A suggestion for a person to choose (the default).
    #[default]
    Suggested,
    /// An unambiguous mechanical fix: `--fix` applies it.
    Safe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable id, `family.name`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Byte offsets into the document's text, half-open.
    pub span: Range<usize>,
    pub suggestions: Vec<String>,
    /// Whether the first suggestion is a safe fix.
    pub fix: Applicability,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity,
            message: message.into(),
            span,
            suggestions: Vec::new(),
            fix: Applicability::Suggested,
        }
    }

    pub fn with_suggestions(mut self, suggestions: Vec<String>) -> Self {
        self.suggestions = suggestions;
        self
    }

    /// One replacement, safe for `--fix`: an unambiguous mechanical repair.
    pub fn with_safe_fix(self, fix: impl Into<String>) -> Self {
        self.with_suggestions(vec![fix.into()]).safe_if(true)
    }

    /// Marks the first suggestion as a safe fix when `safe` holds.
    pub fn safe_if(mut self, safe: bool) -> Self {
        if safe {
            self.fix = Applicability::Safe;
        }
        self
    }

    /// Can `--fix` apply this finding: a safe fix that changes the text?
    pub fn is_safe_fix(&self) -> bool {
        self.fix == Applicability::Safe && !self.suggestions.is_empty()
    }
}
