//! Properties of Vale rules made at random: a check finishes in bounded
//! time whatever the pattern, and the safe fixes a rule offers are never
//! empty, zero-width or overlapping (a key that can match the empty
//! string, such as `q*`, never rewrites every position).

use newslint::base::{Dialect, Finding};
use newslint::rules::{Context, Rule};
use newslint::spell::Speller;
use newslint::style::vale::parse_rule;
use newslint::text::document::Document;
use newslint::text::token::tokenize;
use newslint::words::analyze;
use proptest::prelude::*;
use std::collections::HashSet;
use std::time::{Duration, Instant};

fn run(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    let speller = Speller::new(Dialect::EnUs, HashSet::new());
    let doc = Document::new("story.txt", text);
    let tokens = tokenize(&doc.text, doc.body_start());
    let words = analyze(&doc.text, &tokens, &speller);
    let cx = Context {
        doc: &doc,
        tokens: &tokens,
        words: &words,
        speller: &speller,
        model: None,
    };
    let mut out = Vec::new();
    rule.check(&cx, &mut out);
    out
}

/// Pieces of Vale patterns, some of them able to match nothing at all,
/// some of them slow to backtrack.
fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,4}",
        Just("q*".to_string()),
        Just("a?".to_string()),
        Just(r"\s*".to_string()),
        Just(r"\w+".to_string()),
        Just("(?:ab|a)+".to_string()),
        Just("(a+)+".to_string()),
        Just(r"(?<=a)b".to_string()),
        Just(r"x(?!y)".to_string()),
        Just(r"(\w)\1".to_string()),
        Just(".".to_string()),
        Just("".to_string()),
    ]
}

fn pattern() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 1..4).prop_map(|v| v.concat())
}

fn yaml_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn substitution() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((pattern(), "[A-Za-z ]{0,6}"), 1..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(swaps, nonword, ignorecase)| {
            let mut y = format!(
                "extends: substitution\nmessage: \"Use '%s' not '%s'\"\nnonword: {nonword}\nignorecase: {ignorecase}\nswap:\n"
            );
            for (k, v) in swaps {
                y.push_str(&format!("  {}: {}\n", yaml_quote(&k), yaml_quote(&v)));
            }
            y
        })
}

fn existence() -> impl Strategy<Value = String> {
    (prop::collection::vec(pattern(), 1..4), any::<bool>()).prop_map(|(tokens, nonword)| {
        let list: Vec<String> = tokens.iter().map(|t| yaml_quote(t)).collect();
        format!(
            "extends: existence\nmessage: \"'%s'\"\nnonword: {nonword}\ntokens: [{}]\n",
            list.join(", ")
        )
    })
}

fn story() -> impl Strategy<Value = String> {
    prop_oneof![
        "[abqxy .\n]{0,200}",
        "(the |q|a|b|xy |aaaa|\n){0,80}",
        Just("a".repeat(3000)),
    ]
}

/// Safe fixes are non-empty spans that do not overlap, and each replaces
/// the text with something else.
fn check_safe_fixes(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    let mut safe: Vec<&Finding> = findings.iter().filter(|f| f.is_safe_fix()).collect();
    safe.sort_by_key(|f| (f.span.start, f.span.end));
    for f in &safe {
        prop_assert!(!f.span.is_empty(), "zero-width safe fix {f:?}");
        prop_assert_ne!(&text[f.span.clone()], f.suggestions[0].as_str());
    }
    for w in safe.windows(2) {
        prop_assert!(
            w[0].span.end <= w[1].span.start,
            "overlap {:?} {:?}",
            w[0],
            w[1]
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_substitutions_finish_and_fix_safely(yaml in substitution(), text in story()) {
        let Ok(rule) = parse_rule("Prop", "Swap", &yaml) else { return Ok(()) };
        let t = Instant::now();
        let findings = run(&rule, &text);
        prop_assert!(t.elapsed() < Duration::from_secs(3), "{:?} for {yaml}", t.elapsed());
        check_safe_fixes(&text, &findings)?;
    }

    #[test]
    fn random_existence_rules_finish_and_flag_real_text(yaml in existence(), text in story()) {
        let Ok(rule) = parse_rule("Prop", "Exists", &yaml) else { return Ok(()) };
        let t = Instant::now();
        let findings = run(&rule, &text);
        prop_assert!(t.elapsed() < Duration::from_secs(3), "{:?} for {yaml}", t.elapsed());
        prop_assert!(findings.iter().all(|f| !f.span.is_empty() && !f.is_safe_fix()));
    }
}

#[test]
fn a_key_that_matches_nothing_at_all_fixes_nothing() {
    let rule = parse_rule(
        "Prop",
        "Q",
        "extends: substitution\nmessage: x\nnonword: true\nswap:\n  'q*': Q\n",
    )
    .unwrap();
    let findings = run(&rule, "a b c qq d");
    let safe: Vec<_> = findings.iter().filter(|f| f.is_safe_fix()).collect();
    assert_eq!(safe.len(), 1, "{findings:?}");
    assert_eq!(safe[0].span, 6..8);
}
