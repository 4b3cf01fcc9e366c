//! `dialect.us-spelling` (American spellings in en-GB copy),
//! `dialect.gb-spelling` (British spellings in en-US copy) and
//! `dialect.mixed` (a story written in the other dialect, with one stray).
//!
//! The signal is the two dictionaries themselves: a word that only the
//! other dialect's dictionary knows, and that has a counterpart only this
//! dialect's dictionary knows (`color` → `colour`, `organize` → `organise`,
//! `defense` → `defence`, `traveled` → `travelled`). A word with no such
//! counterpart (`advisor`, a rare word one list lacks) is never flagged.
//! They run in every check, style pack or not: the other dialect's
//! spelling is not an unknown word (the spelling rules leave it to these),
//! it is this dialect's word spelled the other way.

use super::{Context, Rule, RuleInfo, RuleRef};
use crate::base::finding::{Finding, Severity};
use crate::base::hash::FastMap;
use crate::base::Dialect;
use crate::spell::dialects::{counterparts, for_speller, known_only_to, NOT_MARKED};
use crate::spell::{case_of, Case};
use std::borrow::Cow;
use std::sync::Arc;

pub struct UsSpelling;
pub struct GbSpelling;
pub struct Mixed;

static US: RuleInfo = RuleInfo {
    id: "dialect.us-spelling",
    severity: Severity::Warning,
    summary: Cow::Borrowed("An American spelling in British (en-GB) copy (`color` → `colour`)."),
    doc: Cow::Borrowed(
        "With the dialect en-GB, flags words only the en-US dictionary \
knows that have a British counterpart only the en-GB dictionary knows: -or/-our, -ize/-ise, \
-yze/-yse, -er/-re, -se/-ce, single/double l, -og/-ogue, dropped e. With en-AU, en-CA or \
en-ZA, flags such an American spelling when that dialect's dictionary rejects it and takes the \
counterpart (en-CA: `color`, not `organize`).\n\
Flags:  The defense ministry said the color of the flag would not change.\n\
Allows: The defence ministry said the colour of the flag would not change.",
    ),
};

static GB: RuleInfo = RuleInfo {
    id: "dialect.gb-spelling",
    severity: Severity::Warning,
    summary: Cow::Borrowed("A British spelling in American (en-US) copy (`colour` → `color`)."),
    doc: Cow::Borrowed(
        "With the dialect en-US, flags words only the en-GB dictionary \
knows that have an American counterpart only the en-US dictionary knows; with en-AU, en-CA or \
en-ZA, such a British spelling when that dialect's dictionary rejects it and takes the \
counterpart (en-CA: `organise` → `organize`).\n\
Flags:  The theatre will organise a programme of events.\n\
Allows: The theater will organize a program of events.",
    ),
};

static MIXED: RuleInfo = RuleInfo {
    id: "dialect.mixed",
    severity: Severity::Info,
    summary: Cow::Borrowed(
        "A story mostly in the other dialect, with a stray spelling of its own.",
    ),
    doc: Cow::Borrowed(
        "One dialect per story. When most dialect-marked words of a story are of the dialect \
that was not configured (American copy checked as en-GB), the few words of the configured \
dialect are the odd ones out: this lists them, so the desk can decide which way the story goes.\n\
Flags (en-GB):  The color, the flavor, the honor and the colour.\n\
Allows (en-GB): The colour, the flavour and the honour.",
    ),
};

/// The dialect-marked words of a story: (span, written, dialect, counterparts).
/// A story repeats its words: each distinct spelling is looked up in the
/// two dictionaries once.
fn marked(cx: &Context) -> Vec<(std::ops::Range<usize>, Dialect, Vec<String>)> {
    let mut out = Vec::new();
    let mut seen: FastMap<&str, Option<(Dialect, Vec<String>)>> = FastMap::default();
    for w in &cx.words.words {
        let base = w.base();
        let found = seen.entry(base).or_insert_with(|| marking(base));
        if let Some((d, cands)) = found {
            let span = w.span().start..w.span().start + base.len();
            out.push((span, *d, cands.clone()));
        }
    }
    out
}

/// The dialect a lower-case word belongs to alone, with its counterparts
/// in the other one.
fn marking(base: &str) -> Option<(Dialect, Vec<String>)> {
    if base.len() < 3 || !base.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    // A capitalised word may be a name (`Labor Party`, `Pearl Harbor`,
    // `World Health Organization`), even at a sentence start: never
    // respelled.
    if case_of(base) != Case::Lower || NOT_MARKED.contains(&base) {
        return None;
    }
    // Only one dictionary can know a word alone.
    let d = known_only_to(base)?;
    let cands = counterparts(base, d);
    (!cands.is_empty()).then_some((d, cands))
}

fn report(cx: &Context, out: &mut Vec<Finding>, info: &'static RuleInfo, wrong: Dialect) {
    let own = cx.speller.dialect;
    if own == wrong {
        return;
    }
    for (span, d, _) in marked(cx) {
        if d != wrong {
            continue;
        }
        let written = &cx.text()[span.clone()];
        // What this dialect's dictionary takes: en-US and en-GB their own
        // spellings, a dictionary read at run time whatever it lists.
        let cands = for_speller(written, wrong, cx.speller);
        if cands.is_empty() {
            continue;
        }
        let message = format!(
            "`{written}` is the {} spelling: the {} one is `{}`.",
            wrong.adjective(),
            own.adjective(),
            cands[0]
        );
        let safe = cands.len() == 1;
        out.push(
            info.finding(span, message)
                .with_suggestions(cands)
                .safe_if(safe),
        );
    }
}

impl Rule for UsSpelling {
    fn info(&self) -> &RuleInfo {
        &US
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        report(cx, out, &US, Dialect::EnUs);
    }
}

impl Rule for GbSpelling {
    fn info(&self) -> &RuleInfo {
        &GB
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        report(cx, out, &GB, Dialect::EnGb);
    }
}

impl Rule for Mixed {
    fn info(&self) -> &RuleInfo {
        &MIXED
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // en-CA takes from both systems: no spelling of its own is odd.
        let Some(own) = cx.speller.dialect.spelling_family() else {
            return;
        };
        let found = marked(cx);
        let ours = found.iter().filter(|m| m.1 == own).count();
        let theirs = found.len() - ours;
        // Only a clear majority the other way makes this story's own
        // spellings the odd ones out.
        if ours == 0 || theirs < 3 || theirs < 3 * ours {
            return;
        }
        for (span, d, cands) in found {
            if d == own {
                let written = &cx.text()[span.clone()];
                let message = format!(
                    "`{written}` is the story's only {} spelling among {theirs} of the other \
                     dialect: pick one dialect.",
                    cx.speller.dialect
                );
                out.push(MIXED.finding(span, message).with_suggestions(cands));
            }
        }
    }
}

pub fn all() -> Vec<RuleRef> {
    vec![Arc::new(UsSpelling), Arc::new(GbSpelling), Arc::new(Mixed)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: &dyn Rule, dialect: Dialect, text: &str) -> Vec<(String, Vec<String>)> {
        crate::rules::testing::check_rule_in(rule, dialect, text)
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.suggestions))
            .collect()
    }

    #[test]
    fn us_spellings_in_british_copy() {
        let text = "The defense ministry said the color would not change; the Labor Party and Pearl Harbor.";
        let found = run(&UsSpelling, Dialect::EnGb, text);
        assert_eq!(
            found,
            [
                ("defense".to_string(), vec!["defence".to_string()]),
                ("color".to_string(), vec!["colour".to_string()])
            ]
        );
        assert!(run(&UsSpelling, Dialect::EnUs, text).is_empty());
        assert!(run(&GbSpelling, Dialect::EnGb, text).is_empty());
        let gb = run(&GbSpelling, Dialect::EnUs, "The theatre will organise it.");
        assert_eq!(gb.len(), 2);
    }

    #[test]
    fn mixed_needs_a_clear_majority_the_other_way() {
        let text = "The color, the flavor, the honor and the colour.";
        let found = run(&Mixed, Dialect::EnGb, text);
        assert_eq!(found, [("colour".to_string(), vec!["color".to_string()])]);
        assert!(run(&Mixed, Dialect::EnGb, "The color and the colour.").is_empty());
    }

    #[test]
    fn american_words_have_british_counterparts() {
        assert_eq!(counterparts("color", Dialect::EnUs), ["colour"]);
        assert_eq!(counterparts("organize", Dialect::EnUs), ["organise"]);
        assert_eq!(counterparts("defense", Dialect::EnUs), ["defence"]);
        assert_eq!(counterparts("traveled", Dialect::EnUs), ["travelled"]);
        assert_eq!(counterparts("colour", Dialect::EnGb), ["color"]);
        assert!(counterparts("advisor", Dialect::EnUs).is_empty());
    }
}
