//! In-story suppression comments, honoured by [`crate::lint::Linter::check`]:
//!
//! - `<!-- newslint-disable RULES -->` turns rules off from the comment on;
//! - `<!-- newslint-enable RULES -->` turns them back on;
//! - `<!-- newslint-disable-next-line RULES -->` turns them off for the line
//!   after the comment only;
//! - `<!-- newslint-disable-line RULES -->` turns them off for the line the
//!   comment stands on.
//!
//! RULES is a space- or comma-separated list of rule ids
//! (`spelling.unknown-word`) or families (`spelling`); none means every
//! rule. Findings inside a directive comment itself (its `--`, the word
//! `newslint`) are never reported. A name that is no rule and no family is
//! reported (`suppression.unknown-rule`), and so is a comment that switched
//! nothing off (`suppression.unused`), when those rules are on.

use crate::base::finding::Finding;
use crate::base::selector::covers;
use crate::rules::suppression::{UNKNOWN_RULE, UNUSED};
use std::ops::Range;

/// Which rules a directive names: `None` for all of them.
type Rules = Option<Vec<String>>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    Line,
}

#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    span: Range<usize>,
    rules: Rules,
}

fn named(rules: &Rules, rule: &str) -> bool {
    match rules {
        None => true,
        Some(list) => list.iter().any(|p| covers(p, rule)),
    }
}

/// Every directive comment in `text`, in order.
fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| i + from) {
        let body_start = open + 4;
        let Some(close) = text[body_start..].find("-->").map(|i| i + body_start) else {
            break;
        };
        let end = close + 3;
        from = end;
        let body = text[body_start..close].trim();
        let (kind, rest) = if let Some(rest) = body.strip_prefix("newslint-disable-next-line") {
            (Kind::NextLine, rest)
        } else if let Some(rest) = body.strip_prefix("newslint-disable-line") {
            (Kind::Line, rest)
        } else if let Some(rest) = body.strip_prefix("newslint-disable") {
            (Kind::Disable, rest)
        } else if let Some(rest) = body.strip_prefix("newslint-enable") {
            (Kind::Enable, rest)
        } else {
            continue;
        };
        // `newslint-disabled` is not a directive.
        if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let list: Vec<String> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.push(Directive {
            kind,
            span: open..end,
            rules: if list.is_empty() { None } else { Some(list) },
        });
    }
    out
}

/// The on/off state after some directives.
#[derive(Debug, Clone, Default)]
struct State {
    all_off: bool,
    /// Rules turned back on while `all_off`.
    except: Vec<String>,
    off: Vec<String>,
}

impl State {
    fn apply(&mut self, kind: &Kind, rules: &Rules) {
        match (kind, rules) {
            (Kind::Disable, None) => {
                *self = State {
                    all_off: true,
                    ..State::default()
                }
            }
            (Kind::Disable, Some(list)) => {
                self.off.extend(list.iter().cloned());
                self.except.retain(|e| !list.contains(e));
            }
            (Kind::Enable, None) => *self = State::default(),
            (Kind::Enable, Some(list)) => {
                self.off.retain(|p| !list.iter().any(|l| covers(l, p)));
                if self.all_off {
                    self.except.extend(list.iter().cloned());
                }
            }
            (Kind::NextLine | Kind::Line, _) => {}
        }
    }

    fn suppresses(&self, rule: &str) -> bool {
        (self.all_off && !self.except.iter().any(|e| covers(e, rule)))
            || self.off.iter().any(|p| covers(p, rule))
    }
}

/// Which checks of the comments themselves to make.
#[derive(Debug, Clone, Copy, Default)]
pub struct Checks {
    /// `suppression.unknown-rule`.
    pub unknown: bool,
    /// `suppression.unused`.
    pub unused: bool,
}

/// The byte range of the line holding `at`, without its line end.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// The line after the one holding `at`.
fn line_after(text: &str, at: usize) -> Range<usize> {
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let next_start = (line_end + 1).min(text.len());
    line_around(text, next_start)
}

/// Drops the findings that the story's directive comments switch off, and
/// returns what `checks` finds wrong with the comments themselves.
pub fn apply(text: &str, findings: &mut Vec<Finding>, checks: Checks) -> Vec<Finding> {
    let found = directives(text);
    if found.is_empty() {
        return Vec::new();
    }
    // The state after each region directive, by the byte where it starts
    // to count.
    let mut checkpoints: Vec<(usize, State)> = Vec::new();
    let mut state = State::default();
    // Line directives: the line they cover, and which directive.
    let mut lines: Vec<(Range<usize>, usize)> = Vec::new();
    for (i, d) in found.iter().enumerate() {
        match d.kind {
            Kind::NextLine => lines.push((line_after(text, d.span.end), i)),
            Kind::Line => lines.push((line_around(text, d.span.start), i)),
            _ => {
                state.apply(&d.kind, &d.rules);
                checkpoints.push((d.span.end, state.clone()));
            }
        }
    }
    let mut used = vec![false; found.len()];
    findings.retain(|f| {
        let at = f.span.start;
        if found
            .iter()
            .any(|d| d.span.start <= at && f.span.end <= d.span.end)
        {
            return false;
        }
        if let Some(&(_, i)) = lines
            .iter()
            .find(|(line, i)| line.contains(&at) && named(&found[*i].rules, f.rule))
        {
            used[i] = true;
            return false;
        }
        let k = checkpoints.partition_point(|(from, _)| *from <= at);
        if k == 0 || !checkpoints[k - 1].1.suppresses(f.rule) {
            return true;
        }
        // The latest region directive before it that switches it off.
        if let Some(i) = found
            .iter()
            .rposition(|d| d.kind == Kind::Disable && d.span.end <= at && named(&d.rules, f.rule))
        {
            used[i] = true;
        }
        false
    });
    comment_findings(&found, &used, checks)
}

/// `suppression.unknown-rule` on a comment naming no rule or family;
/// `suppression.unused` on a comment that switched nothing off.
fn comment_findings(found: &[Directive], used: &[bool], checks: Checks) -> Vec<Finding> {
    let mut out = Vec::new();
    for (d, &used) in found.iter().zip(used) {
        let unknown: Vec<&String> = d
            .rules
            .iter()
            .flatten()
            .filter(|r| crate::registry::check_selector(r).is_err())
            .collect();
        if checks.unknown && !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|r| format!("`{r}`")).collect();
            out.push(UNKNOWN_RULE.finding(
                d.span.clone(),
                format!(
                    "{} {} no rule or family: see `newslint rules`",
                    names.join(", "),
                    if names.len() == 1 { "is" } else { "are" }
                ),
            ));
        }
        if checks.unused && !used && d.kind != Kind::Enable && unknown.is_empty() {
            out.push(UNUSED.finding(
                d.span.clone(),
                "This suppression switches nothing off in this story: delete it",
            ));
        }
    }
    out
}

/// The line to put above a line to switch `rule` off there.
pub fn next_line_comment(rule: &str) -> String {
    format!("<!-- newslint-disable-next-line {rule} -->")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::finding::Severity;

    /// A finding of `rule` on the first `word` in `text`.
    fn at(text: &str, word: &str, rule: &'static str) -> Finding {
        let start = text.find(word).unwrap();
        Finding::new(rule, Severity::Error, start..start + word.len(), "x")
    }

    fn kept(text: &str, mut findings: Vec<Finding>) -> Vec<&'static str> {
        apply(text, &mut findings, Checks::default());
        findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn ids_and_families_cover_rules() {
        assert!(covers("spelling", "spelling.unknown-word"));
        assert!(covers("spelling.unknown-word", "spelling.unknown-word"));
        assert!(covers("spelling.*", "spelling.unknown-word"));
        assert!(!covers("spell", "spelling.unknown-word"));
        assert!(!covers("names", "spelling.unknown-word"));
    }

    #[test]
    fn next_line_switches_off_only_the_next_line() {
        let text = "<!-- newslint-disable-next-line spelling.unknown-word -->\nthe troups left\nthe troupz came";
        let found = vec![
            at(text, "troups", "spelling.unknown-word"),
            at(text, "left", "typography.dash"),
            at(text, "troupz", "spelling.unknown-word"),
        ];
        assert_eq!(
            kept(text, found),
            ["typography.dash", "spelling.unknown-word"]
        );
    }

    #[test]
    fn next_line_without_rules_switches_off_everything() {
        let text = "<!-- newslint-disable-next-line -->\nthe troups left";
        let found = vec![
            at(text, "troups", "spelling.unknown-word"),
            at(text, "left", "typography.dash"),
        ];
        assert!(kept(text, found).is_empty());
    }

    #[test]
    fn regions_run_until_enable() {
        let text = "alpha\n<!-- newslint-disable spelling -->\nbeta gamma\n<!-- newslint-enable -->\ndelta";
        let found = vec![
            at(text, "alpha", "spelling.unknown-word"),
            at(text, "beta", "spelling.unfamiliar-word"),
            at(text, "gamma", "names.unknown"),
            at(text, "delta", "spelling.unknown-word"),
        ];
        assert_eq!(
            kept(text, found),
            [
                "spelling.unknown-word",
                "names.unknown",
                "spelling.unknown-word"
            ]
        );
    }

    #[test]
    fn enabling_one_rule_inside_an_all_off_region() {
        let text =
            "<!-- newslint-disable -->\nbeta gamma <!-- newslint-enable names --> delta epsilon";
        let found = vec![
            at(text, "beta", "names.unknown"),
            at(text, "gamma", "spelling.unknown-word"),
            at(text, "delta", "names.unknown"),
            at(text, "epsilon", "spelling.unknown-word"),
        ];
        assert_eq!(kept(text, found), ["names.unknown"]);
    }

    #[test]
    fn findings_inside_directives_are_dropped_and_others_ignored() {
        let text = "<!-- newslint-disable-next-line names --> x <!-- a note --> <!-- newslint-disabled -->";
        let found = vec![
            at(text, "newslint", "spelling.unknown-word"),
            at(text, "--", "typography.dash"),
            at(text, "note", "spelling.unknown-word"),
            at(text, "disabled", "spelling.unknown-word"),
        ];
        assert_eq!(
            kept(text, found),
            ["spelling.unknown-word", "spelling.unknown-word"]
        );
    }

    #[test]
    fn an_unclosed_comment_is_not_a_directive() {
        let text = "<!-- newslint-disable\nthe troups";
        let found = vec![at(text, "troups", "spelling.unknown-word")];
        assert_eq!(kept(text, found), ["spelling.unknown-word"]);
    }
}
