//! Findings as LSP diagnostics, their quick fixes and their hover text.
//!
//! Each diagnostic carries its finding's rule and byte span in `data`, and
//! a code action is matched to its finding by that, never by the range the
//! client sends back: Neovim 0.7 returns byte columns labelled UTF-16.
//! Every range the server sends is computed from its own stored text.

use super::text::{Encoding, Text};
use super::ADD_WORD_COMMAND;
use crate::base::finding::{Finding, Severity};
use lsp_types::Position;
use serde_json::{json, Value};

/// Where each rule's documentation lives: the rule id is the anchor.
pub const RULE_DOCS: &str = "https://github.com/newslint/newslint/blob/main/docs/rules.md";

fn severity(s: Severity) -> u8 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    }
}

/// GitHub's heading anchor for a rule id (`spelling.unknown-word` →
/// `spellingunknown-word`).
pub fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect::<String>()
        .to_lowercase()
}

pub fn diagnostic(text: &Text, f: &Finding, enc: Encoding) -> Value {
    json!({
        "range": text.range(f.span.clone(), enc),
        "severity": severity(f.severity),
        "code": f.rule,
        "codeDescription": { "href": format!("{RULE_DOCS}#{}", anchor(f.rule)) },
        "source": "newslint",
        "message": f.message,
        "data": { "rule": f.rule, "start": f.span.start, "end": f.span.end },
    })
}

/// The findings a `textDocument/codeAction` request is about: those named
/// by the `data` of the diagnostics in its context, or, when the client
/// sends none, those on the lines of its range.
fn requested<'a>(text: &Text, findings: &'a [Finding], params: &Value) -> Vec<&'a Finding> {
    let mut out: Vec<&Finding> = Vec::new();
    let mut any_data = false;
    if let Some(diags) = params
        .pointer("/context/diagnostics")
        .and_then(Value::as_array)
    {
        for d in diags {
            let Some(data) = d.get("data") else { continue };
            let rule = data.get("rule").and_then(Value::as_str);
            let start = data.get("start").and_then(Value::as_u64);
            let end = data.get("end").and_then(Value::as_u64);
            let (Some(rule), Some(start), Some(end)) = (rule, start, end) else {
                continue;
            };
            any_data = true;
            // A finding that no longer exists (the story changed) is
            // skipped: its span would point at other text.
            if let Some(f) = findings.iter().find(|f| {
                f.rule == rule && f.span.start as u64 == start && f.span.end as u64 == end
            }) {
                if !out.iter().any(|o| std::ptr::eq(*o, f)) {
                    out.push(f);
                }
            }
        }
    }
    if any_data {
        return out;
    }
    let line = |key: &str| {
        params
            .pointer(&format!("/range/{key}/line"))
            .and_then(Value::as_u64)
    };
    let (Some(first), Some(last)) = (line("start"), line("end")) else {
        return out;
    };
    findings
        .iter()
        .filter(|f| {
            let l0 = text.line_of(f.span.start) as u64;
            let l1 = text.line_of(f.span.end) as u64;
            l0 <= last && l1 >= first
        })
        .collect()
}

/// Quick fixes for the requested findings: each suggestion, adding the
/// word to the newsroom dictionary (spelling and names rules), and a
/// `newslint-disable-next-line` comment for the rule.
pub fn code_actions(
    uri: &str,
    text: &Text,
    findings: &[Finding],
    params: &Value,
    enc: Encoding,
) -> Vec<Value> {
    if let Some(only) = params.pointer("/context/only").and_then(Value::as_array) {
        if !only
            .iter()
            .filter_map(Value::as_str)
            .any(|k| k == "quickfix" || k.starts_with("quickfix."))
        {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for f in requested(text, findings, params) {
        let diag = diagnostic(text, f, enc);
        let range = text.range(f.span.clone(), enc);
        let written = &text.text[f.span.clone()];
        for (i, s) in f.suggestions.iter().take(5).enumerate() {
            out.push(json!({
                "title": format!("Replace `{written}` with `{s}`"),
                "kind": "quickfix",
                "diagnostics": [diag],
                "isPreferred": i == 0,
                "edit": { "changes": { uri: [ { "range": range, "newText": s } ] } },
            }));
        }
        if f.rule.starts_with("spelling.") || f.rule.starts_with("names.") {
            let word = crate::words::strip_possessive(&crate::text::token::straighten(written))
                .to_string();
            out.push(json!({
                "title": format!("Add `{word}` to the newsroom dictionary"),
                "kind": "quickfix",
                "diagnostics": [diag],
                "command": {
                    "title": format!("Add `{word}` to the newsroom dictionary"),
                    "command": ADD_WORD_COMMAND,
                    "arguments": [ { "word": word, "uri": uri } ],
                },
            }));
        }
        let line_start = text.line_start_of(f.span.start);
        let eol = if text.text[line_start..].contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let at = text.position(line_start, enc);
        out.push(json!({
            "title": format!("Ignore `{}` here", f.rule),
            "kind": "quickfix",
            "diagnostics": [diag],
            "edit": { "changes": { uri: [ {
                "range": { "start": at, "end": at },
                "newText": format!("{}{eol}", crate::lint::suppress::next_line_comment(f.rule)),
            } ] } },
        }));
    }
    out
}

/// The docs of the rules whose findings cover `pos`.
pub fn hover(text: &Text, findings: &[Finding], pos: Position, enc: Encoding) -> Value {
    let under = |byte: usize| -> Vec<&Finding> {
        findings
            .iter()
            .filter(|f| f.span.start <= byte && byte < f.span.end.max(f.span.start + 1))
            .collect()
    };
    let mut found = under(text.offset(pos, enc));
    if found.is_empty() && enc == Encoding::Utf16 {
        // Clients that count bytes while saying UTF-16 (Neovim 0.7).
        found = under(text.offset(pos, Encoding::Utf8));
    }
    let Some(first) = found.first() else {
        return Value::Null;
    };
    let all = crate::registry::all();
    let mut parts = Vec::new();
    let mut seen = Vec::new();
    for f in &found {
        if seen.contains(&f.rule) {
            continue;
        }
        seen.push(f.rule);
        let Some(rule) = all.iter().find(|r| r.info().id == f.rule) else {
            continue;
        };
        let info = rule.info();
        parts.push(format!(
            "**{}** ({}): {}\n\n{}\n\n{}",
            info.id, f.severity, f.message, info.summary, info.doc
        ));
    }
    json!({
        "contents": { "kind": "markdown", "value": parts.join("\n\n---\n\n") },
        "range": text.range(first.span.clone(), enc),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, word: &str, rule: &'static str) -> Finding {
        let start = text.find(word).unwrap();
        Finding::new(rule, Severity::Error, start..start + word.len(), "m")
            .with_suggestions(vec!["troops".into()])
    }

    #[test]
    fn actions_follow_data_not_the_client_range() {
        let src = "“José” — the troups’ camp\nsecond line";
        let text = Text::new(src.to_string());
        let f = finding(src, "troups’", "spelling.unknown-word");
        let findings = vec![f.clone()];
        // The client's range is in bytes (wrong), but `data` is exact.
        let params = json!({
            "textDocument": {"uri": "file:///s.md"},
            "range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}},
            "context": {"diagnostics": [diagnostic(&text, &f, Encoding::Utf16)]},
        });
        let actions = code_actions("file:///s.md", &text, &findings, &params, Encoding::Utf16);
        let titles: Vec<&str> = actions
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            titles,
            [
                "Replace `troups’` with `troops`",
                "Add `troups` to the newsroom dictionary",
                "Ignore `spelling.unknown-word` here"
            ]
        );
        let edit = &actions[0]["edit"]["changes"]["file:///s.md"][0];
        assert_eq!(edit["range"]["start"], json!({"line": 0, "character": 13}));
        assert_eq!(edit["range"]["end"], json!({"line": 0, "character": 20}));
        let ignore = &actions[2]["edit"]["changes"]["file:///s.md"][0];
        assert_eq!(
            ignore["newText"],
            "<!-- newslint-disable-next-line spelling.unknown-word -->\n"
        );
    }

    #[test]
    fn hover_shows_the_rule_doc_and_nothing_elsewhere() {
        let src = "the troups left";
        let text = Text::new(src.to_string());
        let findings = vec![finding(src, "troups", "spelling.unknown-word")];
        let h = hover(&text, &findings, Position::new(0, 5), Encoding::Utf16);
        let value = h["contents"]["value"].as_str().unwrap();
        assert!(value.contains("spelling.unknown-word"), "{value}");
        assert!(value.contains("keyboard"), "{value}");
        assert_eq!(
            hover(&text, &findings, Position::new(0, 1), Encoding::Utf16),
            Value::Null
        );
    }

    #[test]
    fn anchors_drop_dots() {
        assert_eq!(anchor("spelling.unknown-word"), "spellingunknown-word");
    }
}
