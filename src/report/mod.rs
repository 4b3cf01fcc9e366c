//! Reporters: the same findings as rustc-style snippets for a person
//! (`human`), one JSON array for tools (`json`), or one line each
//! (`compact`). The JSON and compact forms are the contract in
//! `../shared/spec/cli.md`.

pub mod human;

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
        text: &doc.source()[f.span.clone()],
        suggestions: &f.suggestions,
    }
}

/// `PATH:LINE:COLUMN: SEVERITY[RULE] MESSAGE -> SUGGESTION, …`
pub fn compact_line(doc: &Document, f: &Finding) -> String {
    let l = locate(doc, f);
    let mut line = format!(
        "{}:{}:{}: {}[{}] {}",
        l.path, l.line, l.column, l.severity, l.rule, l.message
    );
    if !f.suggestions.is_empty() {
        line.push_str(" -> ");
        line.push_str(&f.suggestions.join(", "));
    }
    line
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
}
