//! `typography.repeated-word`: the same word twice in a row (`the the`),
//! separated only by spaces or a single line break.

use super::body_tokens;
use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo};
use crate::text::token::{is_apostrophe, Token, TokenKind};
use std::borrow::Cow;

pub struct RepeatedWord;

static INFO: RuleInfo = RuleInfo {
    id: "typography.repeated-word",
    severity: Severity::Error,
    summary: Cow::Borrowed("The same word twice in a row (`the the`)."),
    doc: Cow::Borrowed(
        "Finds a word repeated with nothing but whitespace between, even across a line\n\
          break: the eye skips the second copy, so it survives proofreading. Left alone:\n\
          `had had`, `that that`, numbers, set phrases and spoken intensifiers (`bye bye`,\n\
          `many many`), names and initials (`Walla Walla`, `J J Abrams`), and `word Word`.\n\
          Bad: Officials said the the bridge would reopen.\n\
          Good: Officials said the bridge would reopen.",
    ),
};

/// Pairs that are usually meant: grammatical doubles, set phrases, and
/// intensifiers doubled in speech (`many many years`, `trillion trillion`).
const MEANT: &[&str] = &[
    "had", "that", "bye", "ha", "tut", "tsk", "knock", "chop", "choo", "yum", "pom", "aye", "hear",
    "mahi", "bora", "walla", "pago", "tom", "beri", "yada", "dum", "ylang", "cha", "la", "very",
    "many", "really", "long", "million", "billion", "trillion",
];

/// Small words that are never a name, so `The The` or `AND AND` is a slip
/// even though both copies are capitalised alike.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "into", "onto", "is", "are", "was", "were", "be", "been", "has", "have", "will",
    "would", "can", "could", "should", "may", "might", "must", "not", "it", "its", "he", "she",
    "they", "we", "you", "i", "his", "her", "their", "our", "your", "this", "these", "those", "if",
    "so", "than", "then", "who", "which", "what", "when", "where",
];

/// Lowercase, with every apostrophe written `'`.
fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
}

/// The next word after `tokens[i]` if only whitespace, with at most one line
/// break, lies between them.
fn next_word(tokens: &[Token], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut breaks = 0;
    while let Some(t) = tokens.get(j) {
        match t.kind() {
            TokenKind::Space => {}
            TokenKind::Newline => breaks += 1,
            TokenKind::Word => break,
            _ => return None,
        }
        j += 1;
    }
    (j > i + 1 && j < tokens.len() && breaks <= 1).then_some(j)
}

/// Is the repetition of `word` (written `first`, then `second`) usually
/// meant?
fn is_meant(folded: &str, first: &str, second: &str) -> bool {
    if first.chars().any(|c| c.is_ascii_digit()) || MEANT.contains(&folded) {
        return true;
    }
    // `…angers farmers Farmers are angry…`: a headline run into its story,
    // or a sentence whose full stop was lost; not a doubled word.
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    if lower(first) && second.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    // `Walla Walla`, `Sirhan Sirhan`, initials without points (`J J Abrams`);
    // not all-capitals (`THE THE`, `U.S. U.S.`) and not `The The`.
    let capitalised = first.chars().next().is_some_and(char::is_uppercase);
    let initial = first.chars().count() == 1 && folded != "i";
    let title_case = first.chars().skip(1).any(char::is_lowercase);
    first == second && capitalised && (initial || (title_case && !FUNCTION_WORDS.contains(&folded)))
}

impl Rule for RepeatedWord {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = body_tokens(cx);
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].kind() != TokenKind::Word {
                i += 1;
                continue;
            }
            let first = tokens[i].text(text);
            let mut last = i;
            let mut copies = 1;
            while let Some(j) = next_word(tokens, last) {
                let candidate = tokens[j].text(text);
                if candidate.len().abs_diff(first.len()) > 4 || !folded(candidate).eq(folded(first))
                {
                    break;
                }
                last = j;
                copies += 1;
            }
            if copies > 1
                && !is_meant(
                    &folded(first).collect::<String>(),
                    first,
                    tokens[last].text(text),
                )
            {
                let times = if copies == 2 {
                    "twice".to_string()
                } else {
                    format!("{copies} times")
                };
                out.push(
                    INFO.finding(
                        tokens[i].start()..tokens[last].end(),
                        format!("The word “{first}” appears {times} in a row: keep one."),
                    )
                    .with_safe_fix(first.to_string()),
                );
            }
            i = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::typography::test_support::{clean, expect, starts};

    #[test]
    fn id_and_severity() {
        assert_eq!(RepeatedWord.info().id, "typography.repeated-word");
        assert_eq!(RepeatedWord.info().severity, Severity::Error);
    }

    #[test]
    fn a_doubled_word_is_flagged_with_its_single_form() {
        expect(
            &RepeatedWord,
            "Officials said the the bridge would reopen.",
            &[("the the", &["the"])],
        );
        expect(
            &RepeatedWord,
            "The the committee met.",
            &[("The the", &["The"])],
        );
        expect(
            &RepeatedWord,
            "The vote is is expected Friday.",
            &[("is is", &["is"])],
        );
        expect(&RepeatedWord, "It was a a mistake.", &[("a a", &["a"])]);
    }

    #[test]
    fn across_a_line_break_and_crlf() {
        expect(
            &RepeatedWord,
            "Police closed the\nthe road.",
            &[("the\nthe", &["the"])],
        );
        expect(
            &RepeatedWord,
            "\u{feff}Police closed the\r\nthe road.\r\n",
            &[("the\r\nthe", &["the"])],
        );
    }

    #[test]
    fn three_copies_make_one_finding() {
        expect(
            &RepeatedWord,
            "and and and then",
            &[("and and and", &["and"])],
        );
    }

    #[test]
    fn apostrophes_and_case_do_not_hide_a_repeat() {
        expect(
            &RepeatedWord,
            "He said it's it’s fine.",
            &[("it's it’s", &["it's"])],
        );
        expect(&RepeatedWord, "AND AND more", &[("AND AND", &["AND"])]);
        expect(
            &RepeatedWord,
            "in the U.S. U.S. troops",
            &[("U.S. U.S.", &["U.S."])],
        );
    }

    #[test]
    fn the_message_names_the_word() {
        let found = crate::rules::testing::check_rule(&RepeatedWord, "for for you");
        assert_eq!(
            found[0].message,
            "The word “for” appears twice in a row: keep one."
        );
        assert_eq!(starts(&RepeatedWord, "x for for you"), [2]);
    }

    #[test]
    fn pairs_that_are_meant() {
        clean(
            &RepeatedWord,
            "Those who had had enough left. He said that that was wrong.",
        );
        clean(
            &RepeatedWord,
            "The score was 2 2 at half-time; room 101 101.",
        );
        clean(
            &RepeatedWord,
            "They flew to Walla Walla and met Sirhan Sirhan's lawyer.",
        );
        clean(&RepeatedWord, "Director J J Abrams and author A A Milne.");
        clean(&RepeatedWord, "MPs shouted hear hear and waved bye bye.");
        clean(
            &RepeatedWord,
            "“For many many years,” she said, a very very long wait.",
        );
        clean(
            &RepeatedWord,
            "Flood hits farmers Farmers in the north say the water rose.",
        );
    }

    #[test]
    fn words_apart_are_fine() {
        clean(&RepeatedWord, "The the-end sign.");
        clean(&RepeatedWord, "It was the, the only one.");
        clean(&RepeatedWord, "Paragraph ends with the\n\nthe next begins.");
        clean(&RepeatedWord, "in the U.S.\nThe next line");
        clean(&RepeatedWord, "see https://the.com the end");
        clean(&RepeatedWord, "New York, New York");
    }
}
