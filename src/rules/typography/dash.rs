//! `typography.dash-hyphen`: an em or en dash run into a hyphen or another
//! dash (`—-`, `–-`, `——`); `typography.double-hyphen`: two hyphens typed
//! for a dash (`word -- word`, `word--word`).

use super::{body_tokens, first_char, is_punct};
use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo};
use crate::text::token::{is_hyphen, Token, TokenKind};
use std::borrow::Cow;

pub struct DashHyphen;
pub struct DoubleHyphen;

static DASH_HYPHEN: RuleInfo = RuleInfo {
    id: "typography.dash-hyphen",
    severity: Severity::Error,
    summary: Cow::Borrowed(
        "An em or en dash runs into a hyphen or a second dash (`—-`, `–-`, `——`).",
    ),
    doc: Cow::Borrowed(
        "Finds an em dash or en dash touching a hyphen, or two dashes in a row.\n\
          This is almost always a slip: the writer typed a hyphen, then let the editor\n\
          turn a second one into a dash, or pasted a dash next to one already there.\n\
          A line made only of dashes (a separator) is left alone.\n\
          Bad: Two drones were shot down —-  the coalition said.\n\
          Good: Two drones were shot down — the coalition said.",
    ),
};

static DOUBLE_HYPHEN: RuleInfo = RuleInfo {
    id: "typography.double-hyphen",
    severity: Severity::Warning,
    summary: Cow::Borrowed("Two hyphens stand in for a dash between words (`word -- word`)."),
    doc: Cow::Borrowed(
        "Finds `--` (or `---`) typed between words as a typewriter dash.\n\
          Typeset copy uses a real em dash; between two numbers, an en dash.\n\
          URLs, command-line options (`--help`) and lines made only of hyphens\n\
          (Markdown rules such as `---`) are left alone. A story that never uses a real\n\
          dash (ASCII copy) gets each `--` as `info`: the convention is consistent there.\n\
          Bad: The talks -- the third this year -- ended early.\n\
          Good: The talks — the third this year — ended early.",
    ),
};

/// A run of adjacent dash and hyphen tokens: `tokens[first..last]`.
struct Run {
    first: usize,
    last: usize,
    hyphens: usize,
    ems: usize,
    ens: usize,
}

impl Run {
    fn len(&self) -> usize {
        self.last - self.first
    }
}

fn dash_kind(c: char) -> Option<char> {
    match c {
        '—' => Some('—'),
        '–' => Some('–'),
        c if is_hyphen(c) => Some('-'),
        _ => None,
    }
}

/// Every run of two or more adjacent hyphens and dashes. Hyphens inside
/// words (`self-defence`) and URLs are parts of `Word` and `Verbatim`
/// tokens, so they never show up here.
fn dash_runs(text: &str, tokens: &[Token]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut run = Run {
            first: i,
            last: i,
            hyphens: 0,
            ems: 0,
            ens: 0,
        };
        while let Some(t) = tokens
            .get(run.last)
            .filter(|t| t.kind() == TokenKind::Punct)
        {
            match dash_kind(first_char(t, text)) {
                Some('—') => run.ems += 1,
                Some('–') => run.ens += 1,
                Some(_) => run.hyphens += 1,
                None => break,
            }
            run.last += 1;
        }
        i = run.last.max(i + 1);
        if run.len() >= 2 {
            runs.push(run);
        }
    }
    runs
}

/// The token next to `tokens[first..last]` on `side` (-1 before, +1 after),
/// skipping one run of spaces; with whether spaces were skipped. `None`
/// when the run is at a line's end or start.
fn neighbour(tokens: &[Token], first: usize, last: usize, after: bool) -> Option<(&Token, bool)> {
    let step = |i: usize| -> Option<usize> {
        if after {
            Some(i + 1).filter(|&j| j < tokens.len())
        } else {
            i.checked_sub(1)
        }
    };
    let mut i = if after { last.checked_sub(1)? } else { first };
    i = step(i)?;
    let mut spaced = false;
    if tokens[i].kind() == TokenKind::Space {
        spaced = true;
        i = step(i)?;
    }
    let t = &tokens[i];
    (t.kind() != TokenKind::Newline).then_some((t, spaced))
}

/// A run that is all there is on its line: a separator, not a slip.
fn alone_on_line(tokens: &[Token], run: &Run) -> bool {
    neighbour(tokens, run.first, run.last, false).is_none()
        && neighbour(tokens, run.first, run.last, true).is_none()
}

fn span(tokens: &[Token], run: &Run) -> std::ops::Range<usize> {
    tokens[run.first].start()..tokens[run.last - 1].end()
}

impl Rule for DashHyphen {
    fn info(&self) -> &RuleInfo {
        &DASH_HYPHEN
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = body_tokens(cx);
        for run in dash_runs(text, tokens) {
            if run.ems + run.ens == 0 || alone_on_line(tokens, &run) {
                continue;
            }
            let (dash, name) = if run.ems > 0 {
                ("—", "An em dash")
            } else {
                ("–", "An en dash")
            };
            let message = if run.hyphens > 0 {
                format!("{name} runs into a hyphen: use one dash.")
            } else if run.ems > 0 && run.ens > 0 {
                "An em dash and an en dash run together: use one dash.".to_string()
            } else {
                format!("{name} is doubled: use one dash.")
            };
            out.push(
                DASH_HYPHEN
                    .finding(span(tokens, &run), message)
                    .with_safe_fix(dash.to_string()),
            );
        }
    }
}

/// May `t` stand right before a dash typed as hyphens?
fn before_dash(t: &Token, text: &str, spaced: bool) -> bool {
    match t.kind() {
        TokenKind::Word => true,
        TokenKind::Verbatim => spaced,
        TokenKind::Punct => {
            let c = first_char(t, text);
            matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '?')
                || (spaced && matches!(c, '!' | '.' | ',' | '…' | '%'))
        }
        _ => false,
    }
}

/// May `t` stand right after a dash typed as hyphens?
fn after_dash(t: &Token, text: &str, spaced: bool) -> bool {
    match t.kind() {
        TokenKind::Word => true,
        TokenKind::Verbatim => spaced,
        TokenKind::Punct => {
            let c = first_char(t, text);
            matches!(c, '“' | '‘' | '"' | '\'' | '(') || (spaced && matches!(c, '$' | '£' | '€'))
        }
        _ => false,
    }
}

fn is_number(t: &Token, text: &str) -> bool {
    t.kind() == TokenKind::Word && t.text(text).chars().all(|c| c.is_ascii_digit())
}

impl Rule for DoubleHyphen {
    fn info(&self) -> &RuleInfo {
        &DOUBLE_HYPHEN
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = body_tokens(cx);
        // Copy typed on a typewriter convention throughout (`--` and never a
        // real dash, as in ASCII wire feeds) is consistent: each `--` is
        // then only `info`, for the desk to convert in one pass.
        let ascii_dashes = !text.contains(['—', '–']);
        for run in dash_runs(text, tokens) {
            if run.ems + run.ens > 0 || run.hyphens > 3 {
                continue;
            }
            let (Some((left, left_spaced)), Some((right, right_spaced))) = (
                neighbour(tokens, run.first, run.last, false),
                neighbour(tokens, run.first, run.last, true),
            ) else {
                continue;
            };
            // `--help` or `word-- word`: not a dash typed between words.
            if left_spaced != right_spaced
                || !before_dash(left, text, left_spaced)
                || !after_dash(right, text, right_spaced)
                || (is_punct(left, text, '!') || is_punct(right, text, '>'))
            {
                continue;
            }
            let count = if run.hyphens == 2 { "Two" } else { "Three" };
            let finding = if !left_spaced && is_number(left, text) && is_number(right, text) {
                DOUBLE_HYPHEN
                    .finding(
                        span(tokens, &run),
                        format!("{count} hyphens stand in for a dash in a range: use an en dash."),
                    )
                    .with_suggestions(vec!["–".to_string(), "—".to_string()])
            } else {
                DOUBLE_HYPHEN
                    .finding(
                        span(tokens, &run),
                        format!("{count} hyphens stand in for a dash: use an em dash."),
                    )
                    .with_safe_fix("—".to_string())
            };
            out.push(if ascii_dashes {
                Finding {
                    severity: Severity::Info,
                    ..finding
                }
            } else {
                finding
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::check_rule;
    use crate::rules::typography::test_support::{clean, expect, starts};

    #[test]
    fn ids_and_severities() {
        assert_eq!(DashHyphen.info().id, "typography.dash-hyphen");
        assert_eq!(DashHyphen.info().severity, Severity::Error);
        assert_eq!(DoubleHyphen.info().id, "typography.double-hyphen");
        assert_eq!(DoubleHyphen.info().severity, Severity::Warning);
    }

    #[test]
    fn em_dash_touching_a_hyphen() {
        expect(
            &DashHyphen,
            "The convoy reached the border —- or so the ministry claimed.",
            &[("—-", &["—"])],
        );
        expect(
            &DashHyphen,
            "Rescuers worked all night -—without rest.",
            &[("-—", &["—"])],
        );
    }

    #[test]
    fn en_dash_touching_a_hyphen() {
        expect(
            &DashHyphen,
            "The 2019–-2020 season was cut short.",
            &[("–-", &["–"])],
        );
        expect(&DashHyphen, "pages 12-–14 of the report", &[("-–", &["–"])]);
    }

    #[test]
    fn doubled_and_mixed_dashes() {
        expect(
            &DashHyphen,
            "The mayor —— who declined to comment —— left.",
            &[("——", &["—"]), ("——", &["—"])],
        );
        expect(
            &DashHyphen,
            "A long wait –— then nothing.",
            &[("–—", &["—"])],
        );
        expect(&DashHyphen, "A run -—- of three.", &[("-—-", &["—"])]);
    }

    #[test]
    fn dash_hyphen_message_names_the_dash() {
        let found = crate::rules::testing::check_rule(&DashHyphen, "Markets fell —- sharply.");
        assert_eq!(
            found[0].message,
            "An em dash runs into a hyphen: use one dash."
        );
    }

    #[test]
    fn single_dashes_and_separators_are_fine() {
        clean(
            &DashHyphen,
            "Troops left — quietly — at dawn; the 2020–21 budget, a self-defence pact.",
        );
        clean(&DashHyphen, "First part.\n\n——————\n\nSecond part.");
        clean(&DashHyphen, "Dash - then — then – then -");
        clean(&DashHyphen, "\u{feff}—-\r\n");
        // The spaced pair is two separate marks, not one run.
        clean(&DashHyphen, "He said — - nothing.");
    }

    #[test]
    fn dash_hyphen_after_a_bom_and_crlf() {
        let text = "\u{feff}Line one.\r\nThe vote —- finally.\r\n";
        expect(&DashHyphen, text, &[("—-", &["—"])]);
        assert_eq!(starts(&DashHyphen, text), [text.find('—').unwrap()]);
    }

    #[test]
    fn double_hyphen_between_words() {
        expect(
            &DoubleHyphen,
            "The ceasefire -- the third this year -- collapsed. Then — at last — calm.",
            &[("--", &["—"]), ("--", &["—"])],
        );
        expect(
            &DoubleHyphen,
            "It was over--or seemed to be. Then — at last — calm.",
            &[("--", &["—"])],
        );
        expect(
            &DoubleHyphen,
            "She paused---then spoke. Then — at last — calm.",
            &[("---", &["—"])],
        );
        expect(
            &DoubleHyphen,
            "“We won,”--a cheer went up. Then — at last — calm.",
            &[("--", &["—"])],
        );
    }

    #[test]
    fn ascii_copy_that_never_uses_a_real_dash_gets_info() {
        let text = "The talks -- the third this year -- ended early.";
        let found = check_rule(&DoubleHyphen, text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.severity == Severity::Info));
        assert_eq!(found[0].suggestions, ["—"]);
    }

    #[test]
    fn double_hyphen_in_a_number_range_suggests_an_en_dash() {
        expect(
            &DoubleHyphen,
            "during the 1939--1945 war Then — at last — calm.",
            &[("--", &["–", "—"])],
        );
    }

    #[test]
    fn double_hyphen_leaves_urls_options_and_rules_alone() {
        clean(
            &DoubleHyphen,
            "See https://example.com/a--b and www.example.org/x--y today.",
        );
        clean(&DoubleHyphen, "Run the tool with --verbose to see more.");
        clean(&DoubleHyphen, "Intro\n\n---\n\nBody text.");
        clean(&DoubleHyphen, "Intro\r\n----\r\nBody text.");
        clean(&DoubleHyphen, "<!-- a comment --> in markup");
        clean(
            &DoubleHyphen,
            "a lone - hyphen, a self-defence pact, an F-16",
        );
        clean(&DoubleHyphen, "-- \nSigned off");
        clean(&DoubleHyphen, "end of line --\nnext line");
        clean(&DoubleHyphen, "a long ---------- rule inside a line");
    }

    #[test]
    fn double_hyphen_and_dash_hyphen_do_not_overlap() {
        clean(&DoubleHyphen, "The vote —-- was close.");
        expect(&DashHyphen, "The vote —-- was close.", &[("—--", &["—"])]);
    }
}
