//! Reporters: the same findings as rustc-style snippets for a person
//! (`human`), one JSON array for tools (`json`), one JSON object a line
//! (`json-lines`), one line each (`compact`), GitHub Actions workflow
//! commands (`github`) or a SARIF 2.1.0 log (`sarif`). The JSON and compact
//! forms are the contract in `docs/cli.md`.

pub mod github;
pub mod human;
pub mod sarif;

use crate::base::finding::Finding;
use crate::text::document::Document;
use serde::Serialize;

/// A finding with everything a reporter prints, positions resolved.
#[derive(Debug, Serialize)]
pub struct Located<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: &'a str,
    pub suggestions: &'a [String],
}

pub fn locate<'a>(doc: &'a Document, f: &'a Finding) -> Located<'a> {
    let (line, column) = doc.line_col(f.span.start);
    let (end_line, end_column) = doc.line_col(f.span.end);
    Located {
        path: &doc.path,
        rule: f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        line,
        column,
        end_line,
        end_column,
        byte_start: f.span.start,
        byte_end: f.span.end,
        text: &doc.text[f.span.clone()],
        suggestions: &f.suggestions,
    }
}

/// `text` with control characters (a newline, an escape code in a file
/// name) written as escapes, so a name cannot break a line-based report or
/// drive the terminal.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `PATH:LINE:COLUMN: SEVERITY[RULE] MESSAGE -> SUGGESTION, …`
pub fn compact_line(doc: &Document, f: &Finding) -> String {
    let l = locate(doc, f);
    let mut line = format!(
        "{}:{}:{}: {}[{}] {}",
        escape_controls(l.path),
        l.line,
        l.column,
        l.severity,
        l.rule,
        l.message
    );
    if !f.suggestions.is_empty() {
        line.push_str(" -> ");
        line.push_str(&f.suggestions.join(", "));
    }
    line
}

/// Where each rule's documentation lives: the rule id's heading is the
/// anchor. Editors (LSP `codeDescription`) and SARIF (`helpUri`) link here.
pub const RULE_DOCS: &str = "https://github.com/newslint/newslint/blob/main/docs/rules.md";

/// GitHub's heading anchor for a rule id (`spelling.unknown-word` →
/// `spellingunknown-word`).
pub fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect::<String>()
        .to_lowercase()
}

/// The documentation of rule `id`.
pub fn rule_url(id: &str) -> String {
    format!("{RULE_DOCS}#{}", anchor(id))
}

/// One JSON object a line, the fields of [`json`]'s, in file then position
/// order: for tools that read a stream.
pub fn json_lines(results: &[(Document, Vec<Finding>)]) -> String {
    let mut out = String::new();
    for (doc, findings) in results {
        for f in findings {
            out.push_str(&serde_json::to_string(&locate(doc, f)).expect("findings serialize"));
            out.push('\n');
        }
    }
    out
}

/// The JSON array of all findings of all documents, in file then position
/// order.
pub fn json(results: &[(Document, Vec<Finding>)]) -> String {
    let all: Vec<Located> = results
        .iter()
        .flat_map(|(doc, findings)| findings.iter().map(move |f| locate(doc, f)))
        .collect();
    serde_json::to_string_pretty(&all).expect("findings serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::finding::Severity;

    #[test]
    fn compact_and_json_agree_with_the_contract() {
        let doc = Document::new("story.txt", "Iran’s troups left.\n");
        let f = Finding::new(
            "spelling.unknown-word",
            Severity::Error,
            9..15,
            "`troups` is not a word",
        )
        .with_suggestions(vec!["troops".into()]);
        assert_eq!(
            compact_line(&doc, &f),
            "story.txt:1:8: error[spelling.unknown-word] `troups` is not a word -> troops"
        );
        let json: serde_json::Value = serde_json::from_str(&json(&[(doc, vec![f])])).unwrap();
        let obj = &json[0];
        assert_eq!(obj["text"], "troups");
        assert_eq!(
            (obj["line"].as_u64(), obj["column"].as_u64()),
            (Some(1), Some(8))
        );
        assert_eq!(
            (obj["end_line"].as_u64(), obj["end_column"].as_u64()),
            (Some(1), Some(14))
        );
        assert_eq!(
            (obj["byte_start"].as_u64(), obj["byte_end"].as_u64()),
            (Some(9), Some(15))
        );
        assert_eq!(obj["severity"], "error");
        assert_eq!(obj["suggestions"][0], "troops");
    }

    #[test]
    fn json_lines_hold_the_json_objects_one_a_line() {
        let doc = Document::new("story.txt", "The troups left. The the end.\n");
        let findings = vec![
            Finding::new("spelling.unknown-word", Severity::Error, 4..10, "m1"),
            Finding::new("typography.repeated-word", Severity::Error, 17..24, "m2"),
        ];
        let results = [(doc, findings)];
        let lines = json_lines(&results);
        assert!(lines.ends_with('\n'));
        let array: Vec<serde_json::Value> = serde_json::from_str(&json(&results)).unwrap();
        let each: Vec<serde_json::Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(each, array);
        assert_eq!(json_lines(&[]), "");
    }

    #[test]
    fn anchors_drop_dots() {
        assert_eq!(anchor("spelling.unknown-word"), "spellingunknown-word");
        assert_eq!(
            rule_url("typography.dash-hyphen"),
            format!("{RULE_DOCS}#typographydash-hyphen")
        );
    }
}
