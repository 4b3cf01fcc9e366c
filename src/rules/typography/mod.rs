//! Typography: dash, quote, space and punctuation slips a copy editor
//! catches by eye (`—-`, `the the`, a stray space before a comma, a quote
//! that never closes).
//!
//! Every rule here reads only the text and its tokens, runs in time linear
//! in the size of the story and never looks inside URLs, e-mail addresses
//! or handles (`Verbatim` tokens).

mod dash;
mod double_space;
mod mixed_quotes;
mod quotes;
mod repeated_word;
mod space_before_punct;

pub use dash::{DashHyphen, DoubleHyphen};
pub use double_space::DoubleSpace;
pub use mixed_quotes::MixedQuotes;
pub use quotes::{UnbalancedBrackets, UnbalancedQuotes};
pub use repeated_word::RepeatedWord;
pub use space_before_punct::SpaceBeforePunctuation;

use super::{Context, RuleRef};
use crate::text::token::{Token, TokenKind};
use std::ops::Range;
use std::sync::Arc;

/// Every typography rule, in the order they run.
pub fn all() -> Vec<RuleRef> {
    vec![
        Arc::new(DashHyphen),
        Arc::new(DoubleHyphen),
        Arc::new(RepeatedWord),
        Arc::new(DoubleSpace),
        Arc::new(SpaceBeforePunctuation),
        Arc::new(UnbalancedQuotes),
        Arc::new(UnbalancedBrackets),
        Arc::new(MixedQuotes),
    ]
}

/// The tokens of the story body: any token over a byte-order mark is left
/// out, whichever offset the tokenizer started from.
pub(crate) fn body_tokens<'a>(cx: &Context<'a>) -> &'a [Token] {
    let from = cx.doc.body_start();
    let tokens = cx.tokens;
    &tokens[tokens.partition_point(|t| t.start() < from)..]
}

/// The tokens that start inside `range` (tokens are in text order).
pub(crate) fn tokens_in(tokens: &[Token], range: Range<usize>) -> &[Token] {
    let lo = tokens.partition_point(|t| t.start() < range.start);
    let hi = tokens.partition_point(|t| t.start() < range.end);
    &tokens[lo..hi.max(lo)]
}

/// The first character of a token (a `Punct` token is exactly one).
pub(crate) fn first_char(token: &Token, text: &str) -> char {
    text.get(token.start()..token.end())
        .and_then(|s| s.chars().next())
        .unwrap_or('\0')
}

/// Is this a `Punct` token for the character `c`?
pub(crate) fn is_punct(token: &Token, text: &str, c: char) -> bool {
    token.kind() == TokenKind::Punct && first_char(token, text) == c
}

/// The character just before byte `at`, if it is at or after `floor`.
pub(crate) fn char_before(text: &str, at: usize, floor: usize) -> Option<char> {
    if at <= floor {
        return None;
    }
    text.get(floor..at).and_then(|s| s.chars().next_back())
}

/// The character starting at byte `at`, if it is before `ceiling`.
pub(crate) fn char_at(text: &str, at: usize, ceiling: usize) -> Option<char> {
    if at >= ceiling {
        return None;
    }
    text.get(at..ceiling).and_then(|s| s.chars().next())
}

/// The paragraphs of the story body, as byte ranges without line endings.
///
/// Paragraphs are separated by blank lines (lines of nothing but
/// whitespace). A story with no blank line at all, as wire copy often is,
/// has one paragraph per line.
pub(crate) fn paragraphs(text: &str, from: usize) -> Vec<Range<usize>> {
    let from = if text.is_char_boundary(from) { from } else { 0 };
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = from;
    for (off, b) in text[from..].bytes().enumerate() {
        if b == b'\n' {
            let nl = from + off;
            let end = if nl > start && bytes[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            lines.push(start..end);
            start = nl + 1;
        }
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    let blank = |r: &Range<usize>| text[r.clone()].trim().is_empty();
    if !lines.iter().any(blank) {
        return lines;
    }
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for line in lines {
        if blank(&line) {
            paragraphs.extend(open.take());
        } else {
            open = Some(match open {
                Some(p) => p.start..line.end,
                None => line,
            });
        }
    }
    paragraphs.extend(open);
    paragraphs
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::rules::testing::check_rule;
    use crate::rules::Rule;

    /// Runs `rule` on `text` and asserts its findings, in order: the
    /// flagged text and the suggestions of each. Also checks every finding
    /// carries the rule's id and default severity, a message, and a span on
    /// char boundaries.
    pub(crate) fn expect(rule: &dyn Rule, text: &str, want: &[(&str, &[&str])]) {
        let mut findings = check_rule(rule, text);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        for f in &findings {
            assert_eq!(f.rule, rule.info().id);
            assert_eq!(f.severity, rule.info().severity);
            assert!(
                f.span.start < f.span.end && f.span.end <= text.len(),
                "{f:?}"
            );
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            assert!(f.message.ends_with('.'), "{}", f.message);
        }
        let got: Vec<(&str, Vec<&str>)> = findings
            .iter()
            .map(|f| {
                let s = f.suggestions.iter().map(String::as_str).collect();
                (&text[f.span.clone()], s)
            })
            .collect();
        let want: Vec<(&str, Vec<&str>)> = want.iter().map(|(t, s)| (*t, s.to_vec())).collect();
        assert_eq!(got, want, "findings of {} in {text:?}", rule.info().id);
    }

    /// Asserts `rule` finds nothing in `text`.
    pub(crate) fn clean(rule: &dyn Rule, text: &str) {
        expect(rule, text, &[]);
    }

    /// The byte starts of the findings, sorted.
    pub(crate) fn starts(rule: &dyn Rule, text: &str) -> Vec<usize> {
        let mut s: Vec<usize> = check_rule(rule, text)
            .iter()
            .map(|f| f.span.start)
            .collect();
        s.sort_unstable();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::check_rule;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "one\ntwo\n\n  \nthree\r\n\r\nfour";
        let got: Vec<&str> = paragraphs(text, 0).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["one\ntwo", "three", "four"]);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let text = "\u{feff}one\r\ntwo\nthree\n";
        let got: Vec<&str> = paragraphs(text, 3).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["one", "two", "three"]);
        assert!(paragraphs("", 0).is_empty());
    }

    #[test]
    fn every_rule_has_a_typography_id_summary_and_doc() {
        let rules = all();
        assert_eq!(rules.len(), 8);
        for rule in rules {
            let info = rule.info();
            assert!(info.id.starts_with("typography."), "{}", info.id);
            assert!(!info.summary.is_empty() && !info.summary.contains('\n'));
            assert!(
                info.doc.contains("Bad:") && info.doc.contains("Good:"),
                "{}",
                info.id
            );
        }
    }

    #[test]
    fn no_rule_panics_on_odd_input() {
        let inputs = [
            "",
            "\u{feff}",
            "\u{feff}\"",
            "\r\n",
            "\r",
            "\n\n\n",
            "\"",
            "“",
            "”",
            "(",
            ")",
            "]",
            "—",
            "-",
            "--",
            "—-",
            " ,",
            "  ",
            ".,;:?!",
            "...",
            " . . .",
            "“”\"'’()[]—–-- \u{a0} ,",
            "the the",
            "é é  é —- ” ( ] \u{a0}\u{a0}.",
            "a\u{a0}\u{a0}b",
            "\t  \t",
            "1) 2) a) :) :(",
            "https://example.com/a--b_(c)) x",
        ];
        for text in inputs {
            for rule in all() {
                for f in check_rule(rule.as_ref(), text) {
                    assert!(f.span.end <= text.len(), "{} on {text:?}", f.rule);
                    assert!(
                        text.is_char_boundary(f.span.start),
                        "{} on {text:?}",
                        f.rule
                    );
                    assert!(text.is_char_boundary(f.span.end), "{} on {text:?}", f.rule);
                }
            }
        }
    }

    #[test]
    fn a_clean_story_has_no_typography_findings() {
        let text = "\u{feff}WASHINGTON — The U.S. Senate voted 52-48 on Tuesday (a day late) to pass\r\n\
                    the bill, which the White House said “had had” enough debate.\r\n\
                    \r\n\
                    “We are done,” said Sen. Jane Roe. “This is a good day.\r\n\
                    \r\n\
                    “Now the work starts.”\r\n\
                    \r\n\
                    Details are at https://example.gov/bill--2024 and cost $4.5 billion… or .5% of GDP.\r\n";
        for rule in all() {
            let found = check_rule(rule.as_ref(), text);
            assert!(found.is_empty(), "{}: {found:?}", rule.info().id);
        }
    }
}
