//! `typography.double-space`: two or more spaces between words inside a
//! sentence.

use super::{body_tokens, first_char};
use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo};
use crate::text::token::{Token, TokenKind};
use std::borrow::Cow;

pub struct DoubleSpace;

static INFO: RuleInfo = RuleInfo {
    id: "typography.double-space",
    severity: Severity::Warning,
    summary: Cow::Borrowed("Two or more spaces between words inside a sentence."),
    doc: Cow::Borrowed(
        "Finds a run of spaces between words in mid-sentence, usually left behind by an\n\
          edit that cut a word. Two spaces after a full stop (a typing habit), indentation,\n\
          trailing spaces, runs containing a tab and Markdown table padding are left alone.\n\
          Bad: The minister  said the plan would work.\n\
          Good: The minister said the plan would work.",
    ),
};

/// Does the sentence end just before `tokens[i]`: `.`, `!`, `?` or `…`,
/// perhaps followed by closing quotes or brackets, or a word with its own
/// full point (`U.S.`, `a.m.`)?
fn after_sentence_end(tokens: &[Token], text: &str, i: usize) -> bool {
    for t in tokens[..i].iter().rev().take(4) {
        match t.kind() {
            TokenKind::Word => return t.text(text).ends_with('.'),
            TokenKind::Punct => match first_char(t, text) {
                '.' | '!' | '?' | '…' => return true,
                '”' | '’' | '"' | '\'' | ')' | ']' | '*' | '_' => {}
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

impl Rule for DoubleSpace {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = body_tokens(cx);
        for (i, t) in tokens.iter().enumerate() {
            if t.kind() != TokenKind::Space {
                continue;
            }
            let run = t.text(text);
            if run.contains('\t') || run.chars().count() < 2 {
                continue;
            }
            // Indentation and trailing spaces are layout, not slips.
            let (Some(prev), Some(next)) =
                (i.checked_sub(1).map(|p| &tokens[p]), tokens.get(i + 1))
            else {
                continue;
            };
            if prev.kind() == TokenKind::Newline || next.kind() == TokenKind::Newline {
                continue;
            }
            let table = |t: &Token| t.kind() == TokenKind::Punct && first_char(t, text) == '|';
            if table(prev) || table(next) || after_sentence_end(tokens, text, i) {
                continue;
            }
            let single = if run.contains('\u{a0}') {
                "\u{a0}"
            } else {
                " "
            };
            out.push(
                INFO.finding(
                    t.span(),
                    "Two or more spaces stand between these words: use one.",
                )
                .with_safe_fix(single.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::typography::test_support::{clean, expect, starts};

    #[test]
    fn id_and_severity() {
        assert_eq!(DoubleSpace.info().id, "typography.double-space");
        assert_eq!(DoubleSpace.info().severity, Severity::Warning);
    }

    #[test]
    fn spaces_inside_a_sentence() {
        expect(
            &DoubleSpace,
            "The minister  said the plan would work.",
            &[("  ", &[" "])],
        );
        expect(
            &DoubleSpace,
            "Rain fell,   and rivers rose.",
            &[("   ", &[" "])],
        );
        expect(
            &DoubleSpace,
            "A fee of  $5 (about  £4).",
            &[("  ", &[" "]), ("  ", &[" "])],
        );
    }

    #[test]
    fn the_span_is_the_run_of_spaces() {
        let text = "Iran’s  navy";
        assert_eq!(starts(&DoubleSpace, text), [text.find("  ").unwrap()]);
    }

    #[test]
    fn a_no_break_space_is_kept() {
        expect(
            &DoubleSpace,
            "It weighs 10\u{a0} kg.",
            &[("\u{a0} ", &["\u{a0}"])],
        );
    }

    #[test]
    fn after_a_sentence_end() {
        clean(
            &DoubleSpace,
            "The plan failed.  Talks resume Monday!  Will they?  Maybe.",
        );
        clean(
            &DoubleSpace,
            "“It failed.”  Talks resume. He said \"No.\"  Then left.",
        );
        clean(
            &DoubleSpace,
            "Troops left the U.S.  The rest stayed until 9 a.m.  Then they went.",
        );
        clean(
            &DoubleSpace,
            "Nothing more (for now.)  Next.  And so on…  End.",
        );
    }

    #[test]
    fn layout_is_not_a_slip() {
        clean(&DoubleSpace, "    Indented line\n  another");
        clean(&DoubleSpace, "Trailing spaces  \nNext line   \r\nLast");
        clean(&DoubleSpace, "Name\t\tAge and\t tabbed columns");
        clean(&DoubleSpace, "| Team   | Wins |\n| Reds   |  12  |");
        clean(&DoubleSpace, "\u{feff}  Indented after a BOM");
        clean(&DoubleSpace, "One space only, ever.");
    }
}
