//! `typography.mixed-quotes`: a story that mixes straight and curly double
//! quotes, or straight and curly apostrophes inside words.

use super::quotes::{closes_before, opens_after};
use super::{body_tokens, char_at, char_before, first_char};
use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo};
use crate::text::token::TokenKind;
use std::borrow::Cow;
use std::ops::Range;

pub struct MixedQuotes;

static INFO: RuleInfo = RuleInfo {
    id: "typography.mixed-quotes",
    severity: Severity::Warning,
    summary: Cow::Borrowed(
        "A story mixes straight and curly quotes, or straight and curly apostrophes.",
    ),
    doc: Cow::Borrowed(
        "Counts straight (\") and curly (“ ”) double quotes in the story, and straight (')\n\
          and curly (’) apostrophes inside words, and reports the first mark of the less-used\n\
          style of each: mixed styles show copy pasted from two sources. A straight \" right\n\
          after a digit may be an inch mark and is not counted.\n\
          Bad: “We are ready,” she said. \"So are we,\" he said.\n\
          Good: “We are ready,” she said. “So are we,” he said.",
    ),
};

/// How often a style is used and where it first appears.
#[derive(Default)]
struct Tally {
    count: usize,
    first: Option<Range<usize>>,
}

impl Tally {
    fn add(&mut self, span: Range<usize>) {
        self.count += 1;
        self.first.get_or_insert(span);
    }
}

/// The less-used of two styles that are both present; on a tie, the one
/// that appears later. `true` picks `a`.
fn minority(a: &Tally, b: &Tally) -> Option<bool> {
    let (Some(fa), Some(fb)) = (&a.first, &b.first) else {
        return None;
    };
    Some(a.count < b.count || (a.count == b.count && fa.start > fb.start))
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

impl Rule for MixedQuotes {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = body_tokens(cx);
        let (mut straight, mut curly) = (Tally::default(), Tally::default());
        let (mut straight_apos, mut curly_apos) = (Tally::default(), Tally::default());
        for t in tokens {
            match t.kind() {
                TokenKind::Punct => match first_char(t, text) {
                    '“' | '”' => curly.add(t.span()),
                    '"' => {
                        let inch = char_before(text, t.start(), 0)
                            .is_some_and(|c| c.is_ascii_digit())
                            && !char_at(text, t.end(), text.len())
                                .is_some_and(char::is_alphanumeric);
                        if !inch {
                            straight.add(t.span());
                        }
                    }
                    _ => {}
                },
                TokenKind::Word => {
                    for (off, c) in t.text(text).char_indices() {
                        let at = t.start() + off;
                        match c {
                            '\'' => straight_apos.add(at..at + 1),
                            '’' => curly_apos.add(at..at + c.len_utf8()),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let mut found = Vec::new();
        if let Some(straight_is_fewer) = minority(&straight, &curly) {
            let counts = if straight_is_fewer {
                format!(
                    "curly double quotes {} and straight ones {}",
                    times(curly.count),
                    times(straight.count)
                )
            } else {
                format!(
                    "straight double quotes {} and curly ones {}",
                    times(straight.count),
                    times(curly.count)
                )
            };
            let message = format!("This story uses {counts}: use one style.");
            let (span, suggestions) = if straight_is_fewer {
                let span = straight.first.unwrap_or_default();
                let before = char_before(text, span.start, 0);
                let after = char_at(text, span.end, text.len());
                let fix = match (opens_after(before), closes_before(after)) {
                    (true, false) => vec!["“".to_string()],
                    (false, true) => vec!["”".to_string()],
                    _ => Vec::new(),
                };
                (span, fix)
            } else {
                (curly.first.unwrap_or_default(), vec!["\"".to_string()])
            };
            found.push(INFO.finding(span, message).with_suggestions(suggestions));
        }
        if let Some(straight_is_fewer) = minority(&straight_apos, &curly_apos) {
            let counts = if straight_is_fewer {
                format!(
                    "curly apostrophes {} and straight ones {}",
                    times(curly_apos.count),
                    times(straight_apos.count)
                )
            } else {
                format!(
                    "straight apostrophes {} and curly ones {}",
                    times(straight_apos.count),
                    times(curly_apos.count)
                )
            };
            let message = format!("This story uses {counts}: use one style.");
            let (span, fix) = if straight_is_fewer {
                (straight_apos.first.unwrap_or_default(), "’")
            } else {
                (curly_apos.first.unwrap_or_default(), "'")
            };
            found.push(
                INFO.finding(span, message)
                    .with_suggestions(vec![fix.to_string()]),
            );
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
    fn id_and_severity() {
        assert_eq!(MixedQuotes.info().id, "typography.mixed-quotes");
        assert_eq!(MixedQuotes.info().severity, Severity::Warning);
    }

    #[test]
    fn a_straight_quote_in_a_curly_story() {
        let text = "“We are ready,” she said. “Very ready.”\n\nHe said: \"So are we,\" and left.";
        expect(&MixedQuotes, text, &[("\"", &["“"])]);
        assert_eq!(starts(&MixedQuotes, text), [text.find('"').unwrap()]);
        let found = check_rule(&MixedQuotes, text);
        assert_eq!(
            found[0].message,
            "This story uses curly double quotes 4 times and straight ones 2 times: use one style."
        );
    }

    #[test]
    fn a_closing_straight_quote_gets_a_closing_curly_one() {
        let text = "“One,” “two,” “three” and then four,\" he said.";
        expect(&MixedQuotes, text, &[("\"", &["”"])]);
    }

    #[test]
    fn a_curly_quote_in_a_straight_story() {
        let text = "\"We are ready,\" she said. \"Very.\" Then “so are we,\" he said.";
        expect(&MixedQuotes, text, &[("“", &["\""])]);
        let found = check_rule(&MixedQuotes, text);
        assert_eq!(
            found[0].message,
            "This story uses straight double quotes 5 times and curly ones once: use one style."
        );
    }

    #[test]
    fn a_tie_flags_the_style_that_came_second() {
        expect(&MixedQuotes, "“Yes” and \"no\"", &[("\"", &["“"])]);
    }

    #[test]
    fn apostrophes_inside_words() {
        let text = "Iran’s navy and Iraq’s army met Turkey's envoy.";
        expect(&MixedQuotes, text, &[("'", &["’"])]);
        let text = "Iran's navy, Iraq's army and Turkey’s envoy.";
        expect(&MixedQuotes, text, &[("’", &["'"])]);
        let found = check_rule(&MixedQuotes, text);
        assert_eq!(
            found[0].message,
            "This story uses straight apostrophes 2 times and curly ones once: use one style."
        );
    }

    #[test]
    fn quotes_and_apostrophes_are_counted_apart() {
        let text = "“It’s late,” said O'Brien's aide. “Very.” Iran’s reply: \"no\".";
        expect(&MixedQuotes, text, &[("'", &["’"]), ("\"", &["“"])]);
    }

    #[test]
    fn one_style_is_fine() {
        clean(
            &MixedQuotes,
            "“We’re ready,” she said. “Iran’s navy isn’t.”",
        );
        clean(
            &MixedQuotes,
            "\"We're ready,\" she said. \"Iran's navy isn't.\"",
        );
        // Quotes around a word and closing single quotes are not apostrophes inside words.
        clean(
            &MixedQuotes,
            "The ‘hawks’ and the doves' plan, Iran's envoy.",
        );
        // An inch mark is not a straight quote.
        clean(&MixedQuotes, "“A 55\" screen,” he said.");
        clean(&MixedQuotes, "\u{feff}No quotes here at all.\r\n");
    }
}
