//! Findings as LSP diagnostics, their quick fixes and their hover text,
//! built from `lsp-types` structures.
//!
//! Each diagnostic carries its finding's rule, byte span and the document
//! version it was computed on in `data` ([`FindingRef`]), and a code
//! action is matched to its finding by that, never by the range the
//! client sends back: Neovim 0.7 returns byte columns labelled UTF-16. A
//! diagnostic from an older version of the story is not matched at all
//! (its span would point at other text). Every range the server sends is
//! computed from its own copy of the text.

use super::text::{Encoding, Text};
use super::ADD_WORD_COMMAND;
use crate::base::finding::{Finding, Severity};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeDescription, Command,
    Diagnostic, DiagnosticSeverity, DocumentChanges, Hover, HoverContents, MarkupContent,
    MarkupKind, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Position,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Suggestions offered as fixes, at most.
const MAX_FIXES: usize = 5;

/// A diagnostic's `data`: which finding it shows, in which version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct FindingRef {
    pub rule: String,
    pub start: usize,
    pub end: usize,
    /// The document version the finding was computed on.
    #[serde(default)]
    pub version: Option<i32>,
}

/// The arguments of [`ADD_WORD_COMMAND`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct AddWordArgs {
    pub word: String,
    /// The open story the word was found in.
    pub uri: Uri,
    /// The version the action was offered for.
    #[serde(default)]
    pub version: Option<i32>,
}

/// An open document's findings, as of one version of its text.
pub(super) struct Checked<'a> {
    pub uri: &'a Uri,
    pub text: &'a Text,
    pub findings: &'a [Finding],
    pub version: i32,
    pub enc: Encoding,
    /// Send edits as `documentChanges` tied to `version` (the client
    /// supports them), so a client whose text has moved on refuses them.
    pub versioned_edits: bool,
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub(super) fn diagnostic(text: &Text, f: &Finding, enc: Encoding, version: i32) -> Diagnostic {
    let data = FindingRef {
        rule: f.rule.to_string(),
        start: f.span.start,
        end: f.span.end,
        version: Some(version),
    };
    Diagnostic {
        range: text.range(f.span.clone(), enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: crate::report::rule_url(f.rule)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("newslint".into()),
        message: f.message.clone(),
        data: serde_json::to_value(data).ok(),
        ..Diagnostic::default()
    }
}

impl Checked<'_> {
    /// The findings a `textDocument/codeAction` request is about: those
    /// named by the `data` of its context's diagnostics from this version,
    /// or, when it names none (no `data`, or only from older versions),
    /// those on the lines of its range, which the client gives in its
    /// current text.
    fn requested(&self, params: &CodeActionParams) -> Vec<&Finding> {
        let mut out: Vec<&Finding> = Vec::new();
        let mut named = false;
        for d in &params.context.diagnostics {
            let Some(r) = d
                .data
                .clone()
                .and_then(|v| serde_json::from_value::<FindingRef>(v).ok())
            else {
                continue;
            };
            if r.version != Some(self.version) {
                continue;
            }
            named = true;
            let found = self
                .findings
                .iter()
                .find(|f| f.rule == r.rule && f.span.start == r.start && f.span.end == r.end);
            if let Some(f) = found.filter(|f| !out.iter().any(|o| std::ptr::eq(*o, *f))) {
                out.push(f);
            }
        }
        if named {
            return out;
        }
        let (first, last) = (params.range.start.line, params.range.end.line);
        self.findings
            .iter()
            .filter(|f| {
                let l0 = self.text.line_of(f.span.start) as u32;
                let l1 = self.text.line_of(f.span.end) as u32;
                l0 <= last && l1 >= first
            })
            .collect()
    }

    fn edit(&self, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if !self.versioned_edits {
            return WorkspaceEdit::new(HashMap::from([(self.uri.clone(), edits)]));
        }
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: self.uri.clone(),
                    version: Some(self.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    }

    /// Quick fixes for the requested findings: each suggestion, adding the
    /// word to the newsroom dictionary (spelling and names rules), and a
    /// `newslint-disable-next-line` comment for the rule.
    pub(super) fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        if let Some(only) = &params.context.only {
            let quickfix = CodeActionKind::QUICKFIX;
            if !only
                .iter()
                .any(|k| *k == quickfix || k.as_str().starts_with("quickfix."))
            {
                return Vec::new();
            }
        }
        let mut out = Vec::new();
        for f in self.requested(params) {
            // A span off the text cannot happen with findings of this
            // version; if it did, the finding is left out, not sliced.
            let Some(written) = self.text.slice(f.span.clone()) else {
                continue;
            };
            let diag = diagnostic(self.text, f, self.enc, self.version);
            out.extend(self.fixes(f, &written, &diag));
            if f.rule.starts_with("spelling.") || f.rule.starts_with("names.") {
                out.push(self.add_word(&written, &diag));
            }
            out.push(self.ignore_here(f, &diag));
        }
        out.into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn quickfix(title: String, diag: &Diagnostic) -> CodeAction {
        CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            ..CodeAction::default()
        }
    }

    fn fixes(&self, f: &Finding, written: &str, diag: &Diagnostic) -> Vec<CodeAction> {
        let range = self.text.range(f.span.clone(), self.enc);
        f.suggestions
            .iter()
            .take(MAX_FIXES)
            .enumerate()
            .map(|(i, s)| CodeAction {
                is_preferred: Some(i == 0),
                edit: Some(self.edit(vec![TextEdit::new(range, s.clone())])),
                ..Self::quickfix(format!("Replace `{written}` with `{s}`"), diag)
            })
            .collect()
    }

    fn add_word(&self, written: &str, diag: &Diagnostic) -> CodeAction {
        let word = crate::words::strip_possessive(&written.replace('’', "'")).to_string();
        let title = format!("Add `{word}` to the newsroom dictionary");
        let args = AddWordArgs {
            word,
            uri: self.uri.clone(),
            version: Some(self.version),
        };
        CodeAction {
            command: Some(Command::new(
                title.clone(),
                ADD_WORD_COMMAND.into(),
                serde_json::to_value(args).ok().map(|a| vec![a]),
            )),
            ..Self::quickfix(title, diag)
        }
    }

    fn ignore_here(&self, f: &Finding, diag: &Diagnostic) -> CodeAction {
        let line = self.text.line_of(f.span.start);
        // The story's own line end: this line's, or the first line's.
        let eol = [self.text.line_end(line), self.text.line_end(0), "\n"]
            .into_iter()
            .find(|e| !e.is_empty())
            .unwrap_or("\n");
        let at = self
            .text
            .position(self.text.line_start_of(f.span.start), self.enc);
        let comment = crate::lint::suppress::next_line_comment(f.rule);
        CodeAction {
            edit: Some(self.edit(vec![TextEdit::new(
                lsp_types::Range::new(at, at),
                format!("{comment}{eol}"),
            )])),
            ..Self::quickfix(format!("Ignore `{}` here", f.rule), diag)
        }
    }

    /// The docs of the rules whose findings cover `pos`.
    pub(super) fn hover(&self, pos: Position) -> Option<Hover> {
        let under = |byte: usize| -> Vec<&Finding> {
            self.findings
                .iter()
                .filter(|f| f.span.start <= byte && byte < f.span.end.max(f.span.start + 1))
                .collect()
        };
        let mut found = under(self.text.offset(pos, self.enc));
        if found.is_empty() && self.enc == Encoding::Utf16 {
            // Clients that count bytes while saying UTF-16 (Neovim 0.7).
            found = under(self.text.offset(pos, Encoding::Utf8));
        }
        let first = found.first()?;
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
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: Some(self.text.range(first.span.clone(), self.enc)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn finding(text: &str, word: &str, rule: &'static str) -> Finding {
        let start = text.find(word).unwrap();
        Finding::new(rule, Severity::Error, start..start + word.len(), "m")
            .with_suggestions(vec!["troops".into()])
    }

    fn uri() -> Uri {
        "file:///s.md".parse().unwrap()
    }

    fn checked<'a>(uri: &'a Uri, text: &'a Text, findings: &'a [Finding]) -> Checked<'a> {
        Checked {
            uri,
            text,
            findings,
            version: 3,
            enc: Encoding::Utf16,
            versioned_edits: false,
        }
    }

    fn params(range: serde_json::Value, diagnostics: Vec<Diagnostic>) -> CodeActionParams {
        serde_json::from_value(json!({
            "textDocument": {"uri": "file:///s.md"},
            "range": range,
            "context": {"diagnostics": diagnostics},
        }))
        .unwrap()
    }

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect()
    }

    #[test]
    fn actions_follow_data_not_the_client_range() {
        let src = "“José” — the troups’ camp\nsecond line";
        let text = Text::new(src);
        let f = finding(src, "troups’", "spelling.unknown-word");
        let findings = vec![f.clone()];
        let u = uri();
        let c = checked(&u, &text, &findings);
        // The client's range is in bytes (wrong), but `data` is exact.
        let p = params(
            json!({"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}}),
            vec![diagnostic(&text, &f, Encoding::Utf16, 3)],
        );
        let actions = c.code_actions(&p);
        assert_eq!(
            titles(&actions),
            [
                "Replace `troups’` with `troops`",
                "Add `troups` to the newsroom dictionary",
                "Ignore `spelling.unknown-word` here"
            ]
        );
        let value = serde_json::to_value(&actions).unwrap();
        let edit = &value[0]["edit"]["changes"]["file:///s.md"][0];
        assert_eq!(edit["range"]["start"], json!({"line": 0, "character": 13}));
        assert_eq!(edit["range"]["end"], json!({"line": 0, "character": 20}));
        let ignore = &value[2]["edit"]["changes"]["file:///s.md"][0];
        assert_eq!(
            ignore["newText"],
            "<!-- newslint-disable-next-line spelling.unknown-word -->\n"
        );
        assert_eq!(
            value[1]["command"]["arguments"][0],
            json!({"word": "troups", "uri": "file:///s.md", "version": 3})
        );
    }

    /// #12 item 11: a diagnostic from an older version names nothing; the
    /// request falls back to its range, over this version's findings.
    #[test]
    fn diagnostics_of_another_version_are_not_matched() {
        let src = "the troups left\nand the goverment";
        let text = Text::new(src);
        let f = finding(src, "troups", "spelling.unknown-word");
        let findings = vec![f.clone()];
        let u = uri();
        let c = checked(&u, &text, &findings);
        let old = diagnostic(&text, &f, Encoding::Utf16, 2);
        let on_line_1 =
            json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}});
        assert!(c
            .code_actions(&params(on_line_1, vec![old.clone()]))
            .is_empty());
        let on_line_0 =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
        assert_eq!(c.code_actions(&params(on_line_0, vec![old])).len(), 3);
    }

    #[test]
    fn versioned_edits_name_the_version() {
        let src = "the troups left";
        let text = Text::new(src);
        let f = finding(src, "troups", "spelling.unknown-word");
        let findings = vec![f.clone()];
        let u = uri();
        let c = Checked {
            versioned_edits: true,
            ..checked(&u, &text, &findings)
        };
        let p = params(
            json!({"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 5}}),
            vec![],
        );
        let value = serde_json::to_value(c.code_actions(&p)).unwrap();
        let change = &value[0]["edit"]["documentChanges"][0];
        assert_eq!(
            change["textDocument"],
            json!({"uri": "file:///s.md", "version": 3})
        );
        assert_eq!(change["edits"][0]["newText"], "troops");
    }

    #[test]
    fn hover_shows_the_rule_doc_and_nothing_elsewhere() {
        let src = "the troups left";
        let text = Text::new(src);
        let findings = vec![finding(src, "troups", "spelling.unknown-word")];
        let u = uri();
        let c = checked(&u, &text, &findings);
        let h = c.hover(Position::new(0, 5)).unwrap();
        let HoverContents::Markup(m) = h.contents else {
            panic!("markdown expected")
        };
        assert!(m.value.contains("spelling.unknown-word"), "{}", m.value);
        assert!(m.value.contains("keyboard"), "{}", m.value);
        assert_eq!(c.hover(Position::new(0, 1)), None);
    }
}
