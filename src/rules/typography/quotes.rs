//! `typography.unbalanced-quotes`: double quote marks that do not pair
//! within a paragraph; `typography.unbalanced-brackets`: parentheses and
//! square brackets that do not pair within a paragraph.

use super::{body_tokens, char_at, char_before, first_char, paragraphs, tokens_in};
use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo};
use crate::text::token::{Token, TokenKind};
use std::borrow::Cow;
use std::ops::Range;

pub struct UnbalancedQuotes;
pub struct UnbalancedBrackets;

static QUOTES: RuleInfo = RuleInfo {
    id: "typography.unbalanced-quotes",
    severity: Severity::Warning,
    summary: Cow::Borrowed("A double quote mark with no partner in its paragraph."),
    doc: Cow::Borrowed(
        "Finds an opening quote mark (“ or \") never closed in its paragraph, or a closing\n\
          one with nothing to close. A quotation running over several paragraphs may leave\n\
          a paragraph open when the next one starts with a quote mark, as newspapers do.\n\
          A closing mark right after a digit (`55” screen`) is read as an inch mark.\n\
          A quotation of whole sentences still open at its paragraph's end is only `info`:\n\
          that is how a run-on quote looks when paragraph breaks were lost.\n\
          Bad: “We will rebuild, the mayor said.\n\
          Good: “We will rebuild,” the mayor said.",
    ),
};

static BRACKETS: RuleInfo = RuleInfo {
    id: "typography.unbalanced-brackets",
    severity: Severity::Warning,
    summary: Cow::Borrowed("A parenthesis or square bracket with no partner in its paragraph."),
    doc: Cow::Borrowed(
        "Finds `(` or `[` never closed in its paragraph, and `)` or `]` with nothing to\n\
          close: a missing mark changes what the aside covers. A list marker such as `1)`\n\
          or `a)` at the start of a line, `:)` and brackets inside URLs are left alone.\n\
          Bad: The agency (which declined to comment said the talks had stalled.\n\
          Good: The agency (which declined to comment) said the talks had stalled.",
    ),
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Open,
    Close,
    /// A straight `"`: the side is read from its neighbours, or failing
    /// that from whether a quote is open.
    Either,
}

/// Can a quotation open right after `c` (or at the start of a paragraph)?
pub(super) fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '‘' | '“' | '/')
    })
}

/// Can a quotation close right before `c` (or at the end of a paragraph)?
pub(super) fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '—' | '–' | '’'
            )
    })
}

/// Which way a straight `"` at `t` faces, from its neighbours in `para`.
fn straight_way(text: &str, t: &Token, para: &Range<usize>) -> Way {
    let before = char_before(text, t.start(), para.start);
    let after = char_at(text, t.end(), para.end);
    match (opens_after(before), closes_before(after)) {
        (true, false) => Way::Open,
        (false, true) => Way::Close,
        _ => Way::Either,
    }
}

/// Does the quote mark at `t` follow a sentence end and a space?
fn reopens(text: &str, t: &Token, para: &Range<usize>) -> bool {
    let before = &text[para.start..t.start()];
    let trimmed = before.trim_end();
    trimmed.len() < before.len() && trimmed.ends_with(['.', '!', '?', '…'])
}

/// Does `quoted` (the text after an opening quote mark, to the end of its
/// paragraph) open with a capital, run to six words or more and hold a
/// complete sentence: a full stop,
/// question or exclamation mark before a space or at the end? A quoted
/// fragment (`called it "a disaster.`) does not.
fn holds_a_sentence(quoted: &str) -> bool {
    let quoted = quoted.trim_end();
    if attributed(quoted) {
        return false;
    }
    quoted.chars().next().is_some_and(char::is_uppercase)
        && quoted.split_whitespace().count() >= MIN_QUOTED_SENTENCE_WORDS
        && quoted.char_indices().any(|(i, c)| {
            matches!(c, '.' | '!' | '?')
                && i > 0
                && (i + 1 == quoted.len() || quoted[i + 1..].starts_with(' '))
        })
}

/// Words a quotation must run to before it counts as whole sentences.
const MIN_QUOTED_SENTENCE_WORDS: usize = 6;

/// Speech verbs of an attribution.
const SAID: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "warned",
    "explained",
    "stated",
    "insisted",
];

/// Does `quoted` run on into its own attribution (`We will rebuild, the
/// mayor said.`): a comma followed within five words by a speech verb? Then
/// the closing mark was forgotten, whatever the length.
fn attributed(quoted: &str) -> bool {
    quoted.match_indices(',').any(|(i, _)| {
        quoted[i + 1..]
            .trim_start_matches(['"', '”', '’', '\''])
            .split_whitespace()
            .take(5)
            .any(|w| SAID.contains(&w.trim_end_matches(|c: char| !c.is_alphabetic())))
    })
}

/// Does the paragraph start with an opening double quote?
fn starts_with_quote(text: &str, para: &Range<usize>) -> bool {
    text[para.clone()].trim_start().starts_with(['“', '"'])
}

impl Rule for UnbalancedQuotes {
    fn info(&self) -> &RuleInfo {
        &QUOTES
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let all = body_tokens(cx);
        let paras = paragraphs(text, cx.doc.body_start());
        let mut found = Vec::new();
        for (n, para) in paras.iter().enumerate() {
            let mut open: Vec<&Token> = Vec::new();
            for t in tokens_in(all, para.clone()) {
                if t.kind() != TokenKind::Punct {
                    continue;
                }
                let way = match first_char(t, text) {
                    '“' => Way::Open,
                    '”' => Way::Close,
                    '"' => straight_way(text, t, para),
                    _ => continue,
                };
                let way = match way {
                    Way::Either if open.is_empty() => Way::Open,
                    Way::Either => Way::Close,
                    w => w,
                };
                if way == Way::Open {
                    // `…stress. "They…`: a quotation reopened after a full stop
                    // while still open is the multi-paragraph convention with
                    // the paragraph break lost, not a second quotation.
                    if !open.is_empty() && reopens(text, t, para) {
                        open.pop();
                    }
                    open.push(t);
                } else if open.pop().is_none() {
                    // `a 55” screen`, `6'2"`: an inch mark, not a quote.
                    if char_before(text, t.start(), para.start).is_some_and(|c| c.is_ascii_digit())
                    {
                        continue;
                    }
                    found.push(QUOTES.finding(
                        t.span(),
                        "This closing quote mark has no opening quote before it in its paragraph.",
                    ));
                }
            }
            // A quotation carried on into the next paragraph stays open.
            if paras
                .get(n + 1)
                .is_some_and(|next| starts_with_quote(text, next))
            {
                open.pop();
            }
            for t in open {
                let mut finding = QUOTES.finding(
                    t.span(),
                    "This opening quote mark is never closed in its paragraph.",
                );
                // A quotation of whole sentences left open at the end of its
                // paragraph is how multi-paragraph quotes look when the
                // paragraph breaks are lost (wire copy run together): a
                // glance, not an alarm. A short unclosed quote stays a warning.
                if holds_a_sentence(&text[t.end()..para.end]) {
                    finding.severity = Severity::Info;
                    finding.message = "This quotation is still open at the end of its paragraph: \
                                       close it, or open the next paragraph with a quote mark."
                        .to_string();
                }
                found.push(finding);
            }
        }
        found.sort_by_key(|f| f.span.start);
        out.extend(found);
    }
}

fn bracket_name(c: char) -> &'static str {
    match c {
        '(' => "opening parenthesis",
        ')' => "closing parenthesis",
        '[' => "opening bracket",
        _ => "closing bracket",
    }
}

/// `1)` or `a)` starting a line, or after `:`, `;`, `,`, `and` or `or`
/// (`three aims: 1) growth, 2) jobs and 3) trade`): a list marker, not
/// half a pair.
fn list_marker(tokens: &[Token], i: usize, text: &str) -> bool {
    let Some(label) = i.checked_sub(1).map(|j| &tokens[j]) else {
        return false;
    };
    let word = label.text(text);
    let short = (word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit()))
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic));
    if label.kind() != TokenKind::Word || !short {
        return false;
    }
    let mut j = i - 1;
    while let Some(k) = j.checked_sub(1) {
        let t = &tokens[k];
        match t.kind() {
            TokenKind::Space => j = k,
            TokenKind::Newline => return true,
            TokenKind::Punct => return j < i - 1 && matches!(first_char(t, text), ':' | ';' | ','),
            TokenKind::Word => return j < i - 1 && matches!(t.text(text), "and" | "or"),
            TokenKind::Verbatim => return false,
        }
    }
    true
}

/// A smiley: `:)`, `;)`, or an opening `:(` with space after it.
fn smiley(text: &str, t: &Token, para: &Range<usize>) -> bool {
    let before = char_before(text, t.start(), para.start);
    let after = char_at(text, t.end(), para.end);
    matches!(before, Some(':' | ';'))
        && (first_char(t, text) == ')' || after.is_none_or(char::is_whitespace))
}

impl Rule for UnbalancedBrackets {
    fn info(&self) -> &RuleInfo {
        &BRACKETS
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let all = body_tokens(cx);
        let mut found = Vec::new();
        for para in paragraphs(text, cx.doc.body_start()) {
            let tokens = tokens_in(all, para.clone());
            // Open marks, and how many of each kind are open (so a closer
            // with no partner is known without a search).
            let mut open: Vec<(char, &Token)> = Vec::new();
            let mut counts = [0usize; 2];
            // `)` owed to a URL whose own `(` the tokenizer kept inside.
            let mut owed = 0usize;
            let unclosed = |found: &mut Vec<Finding>, c: char, t: &Token| {
                if !smiley(text, t, &para) {
                    found.push(BRACKETS.finding(
                        t.span(),
                        format!("This {} is never closed in its paragraph.", bracket_name(c)),
                    ));
                }
            };
            for (i, t) in tokens.iter().enumerate() {
                if t.kind() == TokenKind::Verbatim {
                    let s = t.text(text);
                    owed = s
                        .matches('(')
                        .count()
                        .saturating_sub(s.matches(')').count());
                    continue;
                }
                if t.kind() != TokenKind::Punct {
                    owed = 0;
                    continue;
                }
                let c = first_char(t, text);
                if c == ')' && owed > 0 {
                    owed -= 1;
                    continue;
                }
                owed = 0;
                let (slot, opener) = match c {
                    '(' | '[' => {
                        open.push((c, t));
                        counts[usize::from(c == '[')] += 1;
                        continue;
                    }
                    ')' => (0, '('),
                    ']' => (1, '['),
                    _ => continue,
                };
                if counts[slot] == 0 {
                    if !(c == ')' && (list_marker(tokens, i, text) || smiley(text, t, &para))) {
                        found.push(BRACKETS.finding(
                            t.span(),
                            format!(
                                "This {} has nothing to close in its paragraph.",
                                bracket_name(c)
                            ),
                        ));
                    }
                    continue;
                }
                // Pop to the partner; anything opened after it was never closed.
                while let Some((o, ot)) = open.pop() {
                    counts[usize::from(o == '[')] -= 1;
                    if o == opener {
                        break;
                    }
                    unclosed(&mut found, o, ot);
                }
            }
            for (o, ot) in open {
                unclosed(&mut found, o, ot);
            }
        }
        found.sort_by_key(|f| f.span.start);
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::check_rule;
    use crate::rules::typography::test_support::{clean, expect, starts};

    #[test]
    fn ids_and_severities() {
        assert_eq!(UnbalancedQuotes.info().id, "typography.unbalanced-quotes");
        assert_eq!(UnbalancedQuotes.info().severity, Severity::Warning);
        assert_eq!(
            UnbalancedBrackets.info().id,
            "typography.unbalanced-brackets"
        );
        assert_eq!(UnbalancedBrackets.info().severity, Severity::Warning);
    }

    #[test]
    fn an_opening_quote_never_closed() {
        expect(
            &UnbalancedQuotes,
            "“We will rebuild, the mayor said.",
            &[("“", &[])],
        );
        let text = "“One,” he said. “Two, he added.\n\nThe end.";
        assert_eq!(starts(&UnbalancedQuotes, text), [text.rfind('“').unwrap()]);
    }

    #[test]
    fn a_quote_running_into_its_attribution_stays_a_warning() {
        let found = check_rule(
            &UnbalancedQuotes,
            "\"We lost the crop. We will plant again, she said.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        let found = check_rule(&UnbalancedQuotes, "He called it \"a disaster for the town.");
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn an_open_quotation_of_whole_sentences_is_only_info() {
        let found = check_rule(
            &UnbalancedQuotes,
            "Growers were hopeful. \"We will plant again next year.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        let text = "\"We lost the crop. We will plant again next year.";
        let found = check_rule(&UnbalancedQuotes, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].span, 0..1);
    }

    #[test]
    fn a_closing_quote_with_nothing_to_close() {
        expect(
            &UnbalancedQuotes,
            "We will rebuild,” the mayor said.",
            &[("”", &[])],
        );
    }

    #[test]
    fn straight_quotes_in_odd_number() {
        let text = "\"We will rebuild,\" the mayor said. \"Soon.";
        expect(&UnbalancedQuotes, text, &[("\"", &[])]);
        assert_eq!(starts(&UnbalancedQuotes, text), [text.rfind('"').unwrap()]);
        expect(
            &UnbalancedQuotes,
            "The mayor said: \"We will rebuild.",
            &[("\"", &[])],
        );
    }

    #[test]
    fn a_quote_carried_over_paragraphs() {
        let curly = "“The first part of the quote.\n\n“The second part,” she said.";
        clean(&UnbalancedQuotes, curly);
        let straight = "\"The first part.\n\n\"The second part.\n\n\"And the end,\" he said.";
        clean(&UnbalancedQuotes, straight);
        // One line a paragraph, CRLF endings, a BOM.
        clean(
            &UnbalancedQuotes,
            "\u{feff}“First line of it.\r\n“Second line of it.”\r\n",
        );
        // The last paragraph of a carried quote must close.
        expect(&UnbalancedQuotes, "“Part one.\n\n“Part two.", &[("“", &[])]);
    }

    #[test]
    fn a_carried_quote_whose_paragraph_break_was_lost() {
        clean(
            &UnbalancedQuotes,
            "“We are tired. “We have worked all week,” she said.",
        );
        clean(
            &UnbalancedQuotes,
            "\"We are tired. \"We have worked all week,\" she said.",
        );
        // Reopened mid-sentence, the first quote is still unclosed.
        expect(
            &UnbalancedQuotes,
            "“We are tired “and hungry,” she said.",
            &[("“", &[])],
        );
    }

    #[test]
    fn balanced_and_inch_marks() {
        let rule = &UnbalancedQuotes;
        clean(rule, "“We will rebuild,” the mayor said, “and soon.”");
        clean(rule, "He said \"yes\" and she said \"no\".");
        clean(rule, "A 55” screen and a 6'2\" guard.");
        clean(rule, "“Mixed styles pair up,\" he said.");
        clean(rule, "No quotes at all, just the U.S.");
    }

    #[test]
    fn unclosed_parenthesis_and_bracket() {
        expect(
            &UnbalancedBrackets,
            "The agency (which declined to comment said the talks had stalled.",
            &[("(", &[])],
        );
        expect(
            &UnbalancedBrackets,
            "He [the minister said no.",
            &[("[", &[])],
        );
        expect(
            &UnbalancedBrackets,
            "The agency, which declined) to comment.",
            &[(")", &[])],
        );
        expect(&UnbalancedBrackets, "He said] no.", &[("]", &[])]);
    }

    #[test]
    fn crossed_brackets() {
        expect(&UnbalancedBrackets, "A (note [inside) here.", &[("[", &[])]);
        expect(&UnbalancedBrackets, "A (note ] here).", &[("]", &[])]);
    }

    #[test]
    fn brackets_pair_within_a_paragraph_only() {
        let text = "It began (in March\n\nand ended) in May.";
        expect(&UnbalancedBrackets, text, &[("(", &[]), (")", &[])]);
        // One line a paragraph when there is no blank line.
        expect(
            &UnbalancedBrackets,
            "It began (in March\nand ended in May.",
            &[("(", &[])],
        );
    }

    #[test]
    fn balanced_lists_smileys_and_urls() {
        let rule = &UnbalancedBrackets;
        clean(
            rule,
            "The agency (which declined to comment) said [sic] the talks (and [all] else) stalled.",
        );
        clean(rule, "Choices:\n1) stay\n2) leave\n  a) now\nb) later");
        clean(
            rule,
            "Three aims: 1) growth, 2) jobs and 3) trade; a) one or b) two.",
        );
        clean(rule, "He posted a smiley :) and a frown :( today.");
        clean(
            rule,
            "See https://en.wikipedia.org/wiki/Mercury_(planet) for more.",
        );
        clean(rule, "(See https://example.com/a.)");
        clean(rule, "\u{feff}(One)\r\n[Two]\r\n");
    }

    #[test]
    fn a_lone_closer_mid_line_is_still_flagged() {
        expect(
            &UnbalancedBrackets,
            "costs rose 5) last year",
            &[(")", &[])],
        );
        expect(&UnbalancedBrackets, "The aims:1) growth", &[(")", &[])]);
    }
}
