//! `spelling.unknown-word`: a lower-case word no dictionary, lexicon or
//! newsroom list knows and that looks like a slip; `spelling.unfamiliar-word`:
//! one that looks deliberate (a term, a local word).

use super::context::Fit;
use super::{Context, Rule, RuleInfo};
use crate::base::finding::{Finding, Severity};
use crate::text::token::{curl_if, straighten};
use crate::words::{Suggestions, Verdict, Word};
use std::borrow::Cow;
use std::cell::OnceCell;

pub struct UnknownWord;
pub struct UnfamiliarWord;

static INFO: RuleInfo = RuleInfo {
    id: "spelling.unknown-word",
    severity: Severity::Error,
    summary: Cow::Borrowed("A word that is in no dictionary and looks like a misspelling."),
    doc: Cow::Borrowed(
        "Finds words that neither the dialect's Hunspell dictionary, the news lexicon nor the \
newsroom's word lists know, when a likely correction explains them: a slip of the keyboard, or \
a word spelled as it sounds (`nessesity`), a long word far from its spelling whose one \
common correction stands out (`acolpleshed`: accomplished), or a contraction without its \
apostrophe (`doesnt`, `Thats` at a sentence's start). A capitalised word is one only when typos-dict lists \
it or a common word one edit away is far likelier (`Goverment`, `Aproves` in a headline); other \
capitalised unknown words are names (`names.unknown`), and so are short capitals in running copy \
(`NAMS`: an abbreviation) and a capitalised word standing alone after a word like `from` or `in` \
(`from Moree`), unless its fix is a word always capitalised (`in Febuary`). A non-word in print is the most visible \
slip a desk can make.\n\
Suggestions come from known misspellings, sound-alikes, words the story already uses and \
dictionary words one to three edits away, ranked by how common they are and how likely the \
error is, and then by how well each fits the words around it (the trigram model of \
`context.real-word`: `last tyear` is `year` before `their`).\n\
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
is one keystroke away, the word is common on its own (in the frequency list), the story uses \
it more than once, or it stands where terms stand: a species' name after its genus (`Capra \
hircus`), a part of a compound whose other parts are unknown too (`flibber-flammery`), a regular \
form of a known word (`yarded`). Science, farming and finance copy is full of such terms (`biosecurity`, \
`agistment`, `unitholders`); they are worth a glance, not an alarm. Add a desk's terms with \
`--words` to silence them.\n\
Example: `bovine spongiform encephalopathy` lists `spongiform` and `encephalopathy`.",
    ),
};

fn report(cx: &Context, out: &mut Vec<Finding>, info: &'static RuleInfo, unfamiliar: bool) {
    // The story as the model reads it, made for the first word with
    // corrections to weigh.
    let fit = OnceCell::new();
    // The words whose corrections the model weighs, in the story's order.
    let weighed = || -> Vec<usize> {
        let words = cx.words.words.iter();
        words
            .filter(|w| reported_by(w, unfamiliar).is_some_and(weighable))
            .map(|w| w.span().start)
            .collect()
    };
    for word in &cx.words.words {
        let Some(suggestions) = reported_by(word, unfamiliar) else {
            continue;
        };
        let written = &cx.text()[word.span()];
        let suggestions: Vec<String> = in_context(cx, &fit, &weighed, word.span(), suggestions)
            .iter()
            .map(|s| curl_if(s, word.curly))
            .collect();
        let message = match (unfamiliar, suggestions.first()) {
            (false, Some(best)) => format!("`{written}` is not a word: did you mean `{best}`?"),
            (false, None) => format!("`{written}` is not a word in any dictionary"),
            (true, _) => format!("`{written}` is in no dictionary: check it is the word you meant"),
        };
        let safe = !unfamiliar && known_single_fix(written, suggestions.first());
        out.push(
            info.finding(word.span(), message)
                .with_suggestions(suggestions)
                .safe_if(safe),
        );
    }
}

/// How much the words around a misspelling weigh in ordering its
/// corrections ([`Fit::logp`], log10) against the ranking's own score
/// (frequency and error channel). Tuned on abc2006-planted and
/// wsj-planted (right word first: 0.5 and 1.2 did worse).
const CONTEXT_WEIGHT: f32 = 0.8;

/// The corrections of the word starting at byte `start`, reordered by how
/// well each fits the words around it (`last tyear`: `year` before
/// `their`). Corrections the model lacks count as the worst fit of the
/// others; unscored ones, or a story the model cannot read there, keep
/// their order.
fn in_context<'c>(
    cx: &Context<'c>,
    fit: &OnceCell<Option<Fit<'c>>>,
    weighed: &dyn Fn() -> Vec<usize>,
    span: std::ops::Range<usize>,
    suggestions: &Suggestions,
) -> Vec<String> {
    let start = span.start;
    let Some(scored) = suggestions.scored().filter(|_| weighable(suggestions)) else {
        return suggestions.to_vec();
    };
    let fit = fit.get_or_init(|| {
        cx.model()
            .map(|model| Fit::new(model, cx.text(), cx.tokens, &weighed()))
    });
    let Some(fit) = fit else {
        return suggestions.to_vec();
    };
    let mut fits: Vec<(&str, f32, Option<f32>)> = scored
        .map(|(word, score)| (word, score, fit.logp(start, word)))
        .collect();
    let Some(worst) = fits.iter().filter_map(|w| w.2).min_by(f32::total_cmp) else {
        return suggestions.to_vec();
    };
    let best = fits.iter().filter_map(|w| w.2).max_by(f32::total_cmp);
    // A listed phrase written as one word (`alot`: `a lot`), which the
    // one-word model cannot weigh, keeps its place against the best fit
    // of the others; any other correction the model lacks is the worst.
    let listed = crate::spell::suggest::known_typo(&straighten(&cx.text()[span]).to_lowercase())
        .unwrap_or_default();
    let total = |&(word, score, logp): &(&str, f32, Option<f32>)| {
        let unweighed = if word.contains(' ') && listed.contains(&word) {
            best.unwrap_or(worst)
        } else {
            worst
        };
        score + CONTEXT_WEIGHT * logp.unwrap_or(unweighed)
    };
    fits.sort_by(|a, b| total(b).total_cmp(&total(a)));
    fits.into_iter()
        .map(|(word, ..)| word.to_string())
        .collect()
}

/// A word's corrections, when it is one the rule (`unfamiliar` or not)
/// reports.
fn reported_by(word: &Word, unfamiliar: bool) -> Option<&Suggestions> {
    match (word.verdict(), unfamiliar) {
        (Verdict::Misspelt(s), false) | (Verdict::Unfamiliar(s), true) => Some(s),
        _ => None,
    }
}

/// Whether the model orders these corrections: two or more, with scores.
fn weighable(suggestions: &Suggestions) -> bool {
    suggestions.scored().is_some() && suggestions.len() > 1
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
    fn the_words_around_order_the_corrections() {
        let found = check_rule(&UnknownWord, "He left the city last tyear after the war.");
        assert_eq!(found[0].suggestions[0], "year");
        let found = check_rule(
            &UnknownWord,
            "Residents were warned about these dangesr last week.",
        );
        assert_eq!(found[0].suggestions[0], "dangers");
        // A word alone has no context: the ranking's order stands.
        let alone = check_rule(&UnknownWord, "tyear");
        let speller = crate::spell::Speller::new(
            crate::base::Dialect::EnUs,
            std::collections::HashSet::new(),
        );
        let ranked = crate::spell::suggest::rank(&speller, "tyear", &Default::default());
        assert_eq!(alone[0].suggestions[0], ranked.candidates[0].word);
    }

    #[test]
    fn a_phrase_written_as_one_word_is_corrected_to_the_phrase() {
        for (text, slip, phrase) in [
            ("We have alot of work to do.", "alot", "a lot"),
            ("He was, infact, at home.", "infact", "in fact"),
            (
                "Everytime it rains, the road floods.",
                "Everytime",
                "Every time",
            ),
        ] {
            let found = check_rule(&UnknownWord, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&text[found[0].span.clone()], slip);
            assert_eq!(found[0].suggestions[0], phrase, "{text}");
        }
        // A split the list does not give is weighed as any correction the
        // model lacks: the word that fits comes first.
        let found = check_rule(
            &UnfamiliarWord,
            "The new biosecurity rules will apply to farms.",
        );
        assert_eq!(found[0].suggestions[0], "security", "{found:?}");
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
