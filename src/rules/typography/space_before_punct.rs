//! `typography.space-before-punctuation`: a space before `,` `.` `;` `:`
//! `?` or `!`.

use super::{body_tokens, char_at, first_char, is_punct};
use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo};
use crate::text::token::TokenKind;
use std::borrow::Cow;

pub struct SpaceBeforePunctuation;

static INFO: RuleInfo = RuleInfo {
    id: "typography.space-before-punctuation",
    severity: Severity::Warning,
    summary: Cow::Borrowed(
        "A space before a comma, full stop, semicolon, colon, question or exclamation mark.",
    ),
    doc: Cow::Borrowed(
        "Finds spaces typed before `,` `.` `;` `:` `?` or `!`, which English sets tight\n\
          against the word before. Ellipses (` ...`, `. . .`), decimals and names that start\n\
          with a point (` .38`, `.NET`), a mark at the start of a line and runs with a tab\n\
          (tabular copy) are left alone.\n\
          Bad: The port reopened , officials said .\n\
          Good: The port reopened, officials said.",
    ),
};

impl Rule for SpaceBeforePunctuation {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = body_tokens(cx);
        for (i, space) in tokens.iter().enumerate() {
            if space.kind() != TokenKind::Space || space.text(text).contains('\t') {
                continue;
            }
            let (Some(prev), Some(mark)) =
                (i.checked_sub(1).map(|p| &tokens[p]), tokens.get(i + 1))
            else {
                continue;
            };
            if prev.kind() == TokenKind::Newline || mark.kind() != TokenKind::Punct {
                continue;
            }
            let c = first_char(mark, text);
            let after = char_at(text, mark.end(), text.len());
            let exempt = match c {
                // ` ...`, `. . .`, ` .38`, ` .NET`
                '.' => {
                    after.is_some_and(|a| a == '.' || a.is_alphanumeric())
                        || text[mark.end()..].starts_with(" .")
                        || is_punct(prev, text, '.')
                        || is_punct(prev, text, '…')
                }
                // Markdown image: ` ![caption](file)`
                '!' => after == Some('['),
                ',' | ';' | ':' | '?' => false,
                _ => true,
            };
            if exempt {
                continue;
            }
            // `word ,next` wants the space after the comma, not before.
            let fix = if matches!(c, ',' | ';') && after.is_some_and(char::is_alphabetic) {
                format!("{c} ")
            } else {
                c.to_string()
            };
            let name = match c {
                ',' => "comma",
                '.' => "full stop",
                ';' => "semicolon",
                ':' => "colon",
                '?' => "question mark",
                _ => "exclamation mark",
            };
            out.push(
                INFO.finding(
                    space.start()..mark.end(),
                    format!("A space stands before this {name}: set it against the word before."),
                )
                .with_safe_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::typography::test_support::{clean, expect};

    #[test]
    fn id_and_severity() {
        assert_eq!(
            SpaceBeforePunctuation.info().id,
            "typography.space-before-punctuation"
        );
        assert_eq!(SpaceBeforePunctuation.info().severity, Severity::Warning);
    }

    #[test]
    fn each_mark() {
        let rule = &SpaceBeforePunctuation;
        expect(
            rule,
            "The port reopened , officials said .",
            &[(" ,", &[","]), (" .", &["."])],
        );
        expect(
            rule,
            "Three options : stay ; leave ; wait",
            &[(" :", &[":"]), (" ;", &[";"]), (" ;", &[";"])],
        );
        expect(
            rule,
            "Why now ? Because !",
            &[(" ?", &["?"]), (" !", &["!"])],
        );
    }

    #[test]
    fn several_spaces_and_a_no_break_space() {
        expect(
            &SpaceBeforePunctuation,
            "Prices rose   , again.",
            &[("   ,", &[","])],
        );
        expect(
            &SpaceBeforePunctuation,
            "Vraiment\u{a0}?",
            &[("\u{a0}?", &["?"])],
        );
    }

    #[test]
    fn a_misplaced_comma_moves_its_space() {
        expect(
            &SpaceBeforePunctuation,
            "apples ,pears and plums",
            &[(" ,", &[", "])],
        );
    }

    #[test]
    fn ellipses_and_decimals() {
        let rule = &SpaceBeforePunctuation;
        clean(rule, "He paused ... then spoke. She waited … and left.");
        clean(rule, "He paused . . . then spoke.");
        clean(
            rule,
            "Police found a .38 revolver and a .22 rifle; sales rose .5 percent.",
        );
        clean(rule, "It was written in .NET and saved as a .pdf file.");
    }

    #[test]
    fn marks_at_line_start_urls_and_abbreviations() {
        let rule = &SpaceBeforePunctuation;
        clean(rule, "A list\n  : one\n. two");
        clean(rule, "Visit https://example.com/?q=a&b=c, then call.");
        clean(rule, "She moved to the U.S. Then she left the U.S.");
        clean(rule, "Name\t: Smith");
        clean(rule, "See the photo ![a caption](pic.jpg) here.");
        clean(rule, "\u{feff} , \r\nStart: fine, well. Right? Yes!\r\n");
    }
}
