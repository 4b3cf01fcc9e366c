//! `spelling.unknown-word`: a lower-case word no dictionary, lexicon or
//! newsroom list knows and that looks like a slip; `spelling.unfamiliar-word`:
//! one that looks deliberate (a term, a local word).

use super::{Context, Rule, RuleInfo};
use crate::base::finding::{Finding, Severity};
use crate::text::token::{curl_if, straighten};
use crate::words::Verdict;
use std::borrow::Cow;

pub struct UnknownWord;
pub struct UnfamiliarWord;

static INFO: RuleInfo = RuleInfo {
    id: "spelling.unknown-word",
    severity: Severity::Error,
    summary: Cow::Borrowed("A word that is in no dictionary and looks like a misspelling."),
    doc: Cow::Borrowed(
        "Finds words that neither the dialect's Hunspell dictionary, the news lexicon nor the \
newsroom's word lists know, when a likely correction explains them: a slip of the keyboard, or \
a word spelled as it sounds (`nessesity`). A capitalised word is one only when typos-dict lists \
it or a common word one edit away is far likelier (`Goverment`, `Aproves` in a headline); other \
capitalised unknown words are names (`names.unknown`). A non-word in print is the most visible \
slip a desk can make.\n\
Suggestions come from known misspellings, sound-alikes, words the story already uses and \
dictionary words one to three edits away, ranked by how common they are and how likely the \
error is.\n\
Bad:  the coalition troups at Baghdad airport\n\
Good: the coalition troops at Baghdad airport",
    ),
};

static UNFAMILIAR: RuleInfo = RuleInfo {
    id: "spelling.unfamiliar-word",
    severity: Severity::Info,
    summary: Cow::Borrowed("A word in no dictionary that looks deliberate: a term to confirm."),
    doc: Cow::Borrowed(
        "Lists lower-case words no dictionary knows that do not look like slips: no common word \
is one keystroke away, the word is common on its own (in the frequency list), or the story uses \
it more than once. Science, farming and finance copy is full of such terms (`biosecurity`, \
`agistment`, `unitholders`); they are worth a glance, not an alarm. Add a desk's terms with \
`--words` to silence them.\n\
Example: `bovine spongiform encephalopathy` lists `spongiform` and `encephalopathy`.",
    ),
};

fn report(cx: &Context, out: &mut Vec<Finding>, info: &'static RuleInfo, unfamiliar: bool) {
    for word in &cx.words.words {
        let suggestions = match (word.verdict(), unfamiliar) {
            (Verdict::Misspelt(s), false) | (Verdict::Unfamiliar(s), true) => s,
            _ => continue,
        };
        let written = &cx.text()[word.span.clone()];
        let suggestions: Vec<String> = suggestions.iter().map(|s| curl_if(s, word.curly)).collect();
        let message = match (unfamiliar, suggestions.first()) {
            (false, Some(best)) => format!("`{written}` is not a word: did you mean `{best}`?"),
            (false, None) => format!("`{written}` is not a word in any dictionary"),
            (true, _) => format!("`{written}` is in no dictionary: check it is the word you meant"),
        };
        let safe = !unfamiliar && known_single_fix(written, suggestions.first());
        out.push(
            info.finding(word.span.clone(), message)
                .with_suggestions(suggestions)
                .safe_if(safe),
        );
    }
}

/// Safe for `--fix` only for a known misspelling (typos-dict) with a single
/// correction, which is also the first suggestion.
fn known_single_fix(written: &str, best: Option<&String>) -> bool {
    let Some(best) = best else {
        return false;
    };
    crate::spell::suggest::known_typo(&written.to_lowercase())
        .is_some_and(|c| c.len() == 1 && c[0].eq_ignore_ascii_case(&straighten(best)))
}

impl Rule for UnknownWord {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        report(cx, out, &INFO, false);
    }
}

impl Rule for UnfamiliarWord {
    fn info(&self) -> &RuleInfo {
        &UNFAMILIAR
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        report(cx, out, &UNFAMILIAR, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::check_rule;

    #[test]
    fn flags_a_non_word_with_the_fix_first() {
        let text = "Troops left. The troups stayed.";
        let found = check_rule(&UnknownWord, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "troups");
        assert_eq!(found[0].suggestions[0], "troops");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.contains("did you mean `troops`"));
    }

    #[test]
    fn curly_apostrophes_come_back_curly() {
        let text = "the goverment’s plan";
        let found = check_rule(&UnknownWord, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].suggestions[0], "government’s");
    }

    #[test]
    fn deliberate_terms_are_unfamiliar_not_errors() {
        // No common word is one keystroke from `furosine`, and the story
        // uses `qxzvbnt` twice: both are terms to confirm, not slips.
        let text = "The cereal had less furosine. The qxzvbnt test and the qxzvbnt result.";
        assert_eq!(check_rule(&UnknownWord, text), vec![]);
        let found: Vec<&str> = check_rule(&UnfamiliarWord, text)
            .iter()
            .map(|f| &text[f.span.clone()])
            .collect();
        assert_eq!(found, ["furosine", "qxzvbnt", "qxzvbnt"]);
        assert!(check_rule(&UnfamiliarWord, text)
            .iter()
            .all(|f| f.severity == Severity::Info));
    }

    #[test]
    fn names_urls_and_numbers_are_not_spelling_errors() {
        let text = "Soleimani and Qxzvbn met at 10:30 on https://exmaple.com with @qxzv and 3rd-placed F-16s.";
        assert_eq!(check_rule(&UnknownWord, text), vec![]);
    }
}
