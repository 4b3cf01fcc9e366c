//! `--format github`: one GitHub Actions workflow command per finding, so a
//! workflow step shows each finding as an annotation on the story's line in
//! the pull request:
//!
//! ```text
//! ::error file=stories/a.md,line=3,col=5,endLine=3,endColumn=11,title=newslint (spelling.unknown-word)::`troups` is not a word…
//! ```
//!
//! `error`, `warning` or `notice` follows the finding's severity. Columns
//! are newslint's (Unicode characters, 1-based; the end column is the one
//! after the finding, as in `--format json`). Property values and the
//! message are escaped as GitHub's toolkit (`@actions/core`) escapes them:
//! `%`, CR and LF everywhere, and `:` and `,` in properties too.

use super::locate;
use crate::base::finding::{Finding, Severity};
use crate::text::document::Document;

/// A property value: `%` → `%25`, CR → `%0D`, LF → `%0A`, `:` → `%3A`,
/// `,` → `%2C`.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

/// The message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One finding as a workflow command (no line ending). The message is the
/// finding's, then on a second line the suggestions, as the human report's
/// `help:` says them.
pub fn line(doc: &Document, f: &Finding) -> String {
    let l = locate(doc, f);
    let title = format!("newslint ({})", f.rule);
    let mut message = f.message.clone();
    if let Some(help) = super::human::help(f) {
        message.push('\n');
        message.push_str(&help);
    }
    format!(
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        command(f.severity),
        escape_property(l.path),
        l.line,
        l.column,
        l.end_line,
        l.end_column,
        escape_property(&title),
        escape_data(&message),
    )
}

/// Every finding of every story, one command a line.
pub fn lines(results: &[(Document, Vec<Finding>)]) -> String {
    let mut out = String::new();
    for (doc, findings) in results {
        for f in findings {
            out.push_str(&line(doc, f));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(
            escape_property("a%b\r\nc:d,e"),
            "a%25b%0D%0Ac%3Ad%2Ce".to_string()
        );
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e".to_string());
        // `%` first, so an escape already in the text is not undone.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn one_command_per_finding_with_the_severity_as_command() {
        let doc = Document::new("desk/a,b:c.md", "Iran’s troups left.\n");
        let error = Finding::new(
            "spelling.unknown-word",
            Severity::Error,
            9..15,
            "`troups` is not a word: did you mean `troops`?",
        )
        .with_suggestions(vec!["troops".into(), "troupe".into()]);
        assert_eq!(
            line(&doc, &error),
            "::error file=desk/a%2Cb%3Ac.md,line=1,col=8,endLine=1,endColumn=14,\
             title=newslint (spelling.unknown-word)::`troups` is not a word: did you mean \
             `troops`?%0Adid you mean `troops`? (also: troupe)"
        );
        let warning = Finding::new(
            "typography.double-space",
            Severity::Warning,
            15..16,
            "50% off",
        );
        assert!(line(&doc, &warning).starts_with("::warning file="));
        assert!(line(&doc, &warning).ends_with("::50%25 off"));
        let info = Finding::new("names.unknown", Severity::Info, 0..4, "m");
        assert!(line(&doc, &info).starts_with("::notice file="));
        let all = lines(&[(doc, vec![error, warning, info])]);
        assert_eq!(all.lines().count(), 3);
    }
}
