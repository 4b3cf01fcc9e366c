//! `newslint check --fix` and `--diff`: apply the safe fixes of a story's
//! findings (those a rule marked [`Applicability::Safe`]) and show them as
//! a unified diff, or write them ([`write`]: every file planned first,
//! then all written or none).
//!
//! Overlapping fixes: the first (by position) is kept, the others wait for
//! the next pass. A fix that inserts text where there was none (an empty
//! span) is never applied: a pattern that matches the empty string would
//! otherwise insert at every position.
//!
//! [`Applicability::Safe`]: crate::base::Applicability::Safe

pub mod write;

use crate::base::finding::Finding;
use crate::lint::Linter;
use crate::text::document::Document;

/// At most this many fix-and-recheck passes over one story.
pub const FIX_PASSES: usize = 8;

/// A story's fixes, applied until they settle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied, over every pass.
    pub applied: usize,
}

/// Applies the safe fixes, checks the result, fixes again (a fix may
/// uncover another, and overlapping ones wait a pass) until nothing
/// changes, so a second `--fix` run changes nothing. `None` when they do
/// not settle within [`FIX_PASSES`] or keep growing the text: such fixes
/// are not applied at all.
pub fn settle(linter: &Linter, doc: &Document, findings: &[Finding]) -> Option<Fixed> {
    let (mut text, mut applied) = (doc.text.clone(), 0);
    let mut pending: Vec<Finding> = findings.to_vec();
    for _ in 0..FIX_PASSES {
        let safe: Vec<&Finding> = pending.iter().filter(|f| f.is_safe_fix()).collect();
        let (next, n) = apply(&text, &safe);
        if n == 0 {
            return Some(Fixed { text, applied });
        }
        if next.len() > 2 * doc.text.len() + 1024 {
            return None;
        }
        applied += n;
        text = next;
        pending = linter.check(&Document::new(doc.path.clone(), text.clone()));
    }
    None
}

/// `text` with the fixes applied, and how many were.
pub fn apply(text: &str, fixes: &[&Finding]) -> (String, usize) {
    let mut sorted: Vec<&&Finding> = fixes.iter().collect();
    sorted.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for f in sorted {
        let Some(new) = f.suggestions.first() else {
            continue;
        };
        if f.span.is_empty()
            || f.span.start < at
            || f.span.end > text.len()
            || !text.is_char_boundary(f.span.start)
            || !text.is_char_boundary(f.span.end)
            || &text[f.span.clone()] == new
        {
            continue;
        }
        out.push_str(&text[at..f.span.start]);
        out.push_str(new);
        at = f.span.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// A unified diff of `old` → `new` for `path`; empty when they are equal.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&label(path, "a/"), &label(path, "b/"))
        .to_string()
}

/// `a/sport/story.txt` for a relative path, as `git diff` writes it.
fn label(path: &str, side: &str) -> String {
    if path.starts_with('/') || path == "-" {
        path.to_string()
    } else {
        format!("{side}{}", path.trim_start_matches("./"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::finding::Severity;

    fn fix(span: std::ops::Range<usize>, new: &str) -> Finding {
        Finding::new("t.x", Severity::Info, span, "x").with_suggestions(vec![new.to_string()])
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let a = fix(0..5, "AAAAA");
        let b = fix(3..8, "B");
        let c = fix(9..10, "C");
        let (out, n) = apply("0123456789", &[&b, &a, &c]);
        assert_eq!((out.as_str(), n), ("AAAAA5678C", 2));
    }

    #[test]
    fn a_fix_with_nothing_to_replace_is_never_applied() {
        let insert = fix(3..3, "Q");
        let (out, n) = apply("The cat.", &[&insert]);
        assert_eq!((out.as_str(), n), ("The cat.", 0));
    }

    #[test]
    fn diff_is_unified() {
        let d = diff("s.txt", "one\ntwo  three\n", "one\ntwo three\n");
        assert!(d.starts_with("--- a/s.txt\n+++ b/s.txt\n@@"), "{d}");
        assert!(d.contains("-two  three\n+two three\n"), "{d}");
        assert_eq!(diff("s.txt", "same", "same"), "");
    }
}
