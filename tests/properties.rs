//! Properties of every finding, on generated news-like text and on
//! arbitrary strings (proptest): the span lies on char boundaries inside the
//! text, the reported `text` is exactly that slice, line and column agree
//! with the bytes, and no suggestion equals the text it would replace.
//! Also: the tokenizer covers every byte once, large inputs complete, and
//! the safe fixes of `--fix` never overlap nor come back after fixing.

use newslint::base::finding::Finding;
use newslint::base::{Dialect, Settings};
use newslint::lint::Linter;
use newslint::report;
use newslint::text::document::Document;
use newslint::text::token::tokenize;
use proptest::prelude::*;

thread_local! {
    /// One linter per test thread, as the command line keeps one per
    /// settings: building it (and loading Hunspell) once keeps cases fast.
    static LINTER: Linter = Linter::new(&Settings {
        dialect: Dialect::EnGb,
        ..Settings::default()
    })
    .expect("linter");
}

fn check(text: &str) -> (Document, Vec<Finding>) {
    let doc = Document::new("-", text);
    let findings = LINTER.with(|l| l.check(&doc));
    (doc, findings)
}

/// Line and column of `byte` counted the slow, obvious way: 1-based, the
/// column in Unicode scalar values, a BOM at the very start not counted.
fn naive_line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut col_text = &text[line_start..byte];
    if line_start == 0 {
        col_text = col_text.strip_prefix('\u{feff}').unwrap_or(col_text);
    }
    (line, col_text.chars().count() + 1)
}

fn assert_sane(text: &str, findings: &[Finding], doc: &Document) {
    assert_sane_every(text, findings, doc, 1);
}

/// [`assert_sane`], with line and column recounted (slowly, from the start
/// of the text) for every `nth` finding only.
fn assert_sane_every(text: &str, findings: &[Finding], doc: &Document, nth: usize) {
    for (i, f) in findings.iter().enumerate() {
        let (s, e) = (f.span.start, f.span.end);
        assert!(s <= e && e <= text.len(), "{f:?} outside the text");
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{f:?} not on char boundaries of {text:?}"
        );
        let located = report::locate(doc, f);
        assert_eq!(located.text, &text[s..e]);
        assert_eq!((located.byte_start, located.byte_end), (s, e));
        for suggestion in &f.suggestions {
            assert_ne!(suggestion, &text[s..e], "{f:?} suggests its own text");
        }
        if i % nth != 0 {
            continue;
        }
        assert_eq!(
            (located.line, located.column),
            naive_line_col(text, s),
            "{f:?} start in {text:?}"
        );
        assert_eq!(
            (located.end_line, located.end_column),
            naive_line_col(text, e),
            "{f:?} end in {text:?}"
        );
    }
    for pair in findings.windows(2) {
        assert!(
            pair[0].span.start <= pair[1].span.start,
            "findings out of order: {pair:?}"
        );
    }
}

/// Pieces news copy is made of, slips included: words, misspellings,
/// names, numbers, abbreviations, curly and straight quotes, dashes,
/// URLs, handles, doubled spaces, CRLF and non-Latin letters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "the", "The", "troops", "troups", "goverment", "government", "said", "Iran’s",
            "coalition's", "self-defence", "then-US", "F-16", "U.S.", "a.m.", "1990s", "7.82",
            "Kyiv", "Kiev", "Soleimani", "Soliemani", "NATO", "teh", "recieved", "their",
            "there", "two", "too", "Radovanović", "Đuro", "naïve", "café", "Zürich", "東京",
            "https://example.com/a-b", "desk@afp.com", "@AFP", "#breaking", "www.bbc.co.uk",
            "per cent", "percent", "e-mail", "well-knwon", "Mr", "Gen.", "O'Neill", "rock'n'roll",
        ])
        .prop_map(str::to_string),
        2 => prop::sample::select(vec![
            " ", " ", " ", "  ", ", ", ". ", "! ", "? ", ": ", "; ", " – ", " — ", "—-", "--",
            "“", "”", "\"", "'", "’", "‘", "(", ")", "[", "]", "\n", "\n\n", "\r\n", "\t",
            "\u{a0}", "\u{301}", "…", "•",
        ])
        .prop_map(str::to_string),
        1 => "[a-zA-Z]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn news_like() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(piece(), 0..80)).prop_map(|(bom, pieces)| {
        let mut s = if bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        for p in pieces {
            s.push_str(&p);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn findings_of_news_like_text_are_sane(text in news_like()) {
        let (doc, findings) = check(&text);
        assert_sane(&text, &findings, &doc);
    }

    #[test]
    fn findings_of_any_text_are_sane(text in "\\PC{0,200}") {
        let (doc, findings) = check(&text);
        assert_sane(&text, &findings, &doc);
    }

    #[test]
    fn tokens_cover_every_byte_once(text in news_like()) {
        let doc = Document::new("-", text.as_str());
        let from = doc.body_start();
        let tokens = tokenize(&text, from);
        let mut at = from;
        for t in &tokens {
            prop_assert_eq!(t.start(), at);
            prop_assert!(t.end() > t.start());
            prop_assert!(text.is_char_boundary(t.end()));
            at = t.end();
        }
        prop_assert_eq!(at, text.len());
    }
}

/// A story repeated to about 1 MB, once as many lines and once as a single
/// line, completes and reports the same slips at the same places in every
/// copy. (Speed is measured by `tools/bench-linear.sh`, not here.)
#[test]
fn a_megabyte_of_copy_completes_with_sane_findings() {
    let story = "Coalition troops guard the base where troups sleep, officials said. \
                 The the goverment recieved a request —- nothing more.";
    for sep in ["\n", " "] {
        let copies = 1_000_000 / (story.len() + 1);
        let text = vec![story; copies].join(sep);
        let (doc, findings) = check(&text);
        assert_sane_every(&text, &findings, &doc, 101);
        let slips = |word: &str| {
            findings
                .iter()
                .filter(|f| &text[f.span.clone()] == word)
                .count()
        };
        // `troups` recurs in every copy, which makes it a local word after
        // the first: the story-level judgement holds, nothing is lost.
        assert!(slips("troups") >= 1, "troups never reported");
        assert_eq!(slips("—-"), copies, "a dash slip lost");
    }
}

/// The safe fixes `--fix` would apply: none overlaps another, and the
/// fixed text does not report any of them again (same rule, at the place
/// its replacement now stands).
fn check_fixes(text: &str) {
    let (_, findings) = check(text);
    LINTER.with(|linter| {
        let safe: Vec<&Finding> = findings.iter().filter(|f| f.is_safe_fix()).collect();
        let (fixed, _) = newslint::fix::apply(text, &safe);
        // Where each applied fix's replacement lands in the fixed text.
        let mut sorted = safe.clone();
        sorted.sort_by_key(|f| (f.span.start, f.span.end));
        let mut at = 0;
        let mut shift: isize = 0;
        let mut landed = Vec::new();
        for f in sorted {
            let new = &f.suggestions[0];
            if f.span.start < at || &text[f.span.clone()] == new {
                continue;
            }
            let start = (f.span.start as isize + shift) as usize;
            landed.push((f.rule, start..start + new.len()));
            shift += new.len() as isize - f.span.len() as isize;
            at = f.span.end;
        }
        for pair in landed.windows(2) {
            assert!(pair[0].1.end <= pair[1].1.start, "fixes overlap: {pair:?}");
        }
        let again = linter.check(&Document::new("-", fixed.as_str()));
        for (rule, span) in &landed {
            assert!(
                !again.iter().any(|f| f.rule == *rule && f.span == *span),
                "{rule} reported again at {span:?} after fixing {text:?} into {fixed:?}"
            );
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn safe_fixes_do_not_overlap_or_come_back(text in news_like()) {
        check_fixes(&text);
    }
}

#[test]
fn the_fix_property_has_fixes_to_check() {
    let text = "The the crews left —- the goverment said , at 9 a.m.  Two more.";
    let (_, findings) = check(text);
    let safe = findings.iter().filter(|f| f.is_safe_fix()).count();
    assert!(safe > 0, "no safe fix in {findings:?}");
    check_fixes(text);
}

/// A Vale substitution rule's swap key and replacement: plain words,
/// alternations, optional and repeated letters (some of which match the
/// empty string), and replacements that contain their own key.
fn vale_swap() -> impl Strategy<Value = (String, String)> {
    let key = prop::sample::select(vec![
        "crews",
        "the",
        "said",
        "q*",
        "a?",
        "(?:the|a)",
        "e",
        "govt",
        "left|right",
        "o+",
        "x*y*",
        "troops",
        "\\.",
    ]);
    let value = prop::sample::select(vec![
        "Q",
        "crew",
        "the the",
        "stated",
        "",
        "an",
        "government",
        "ee",
        "troops",
        ".",
    ]);
    (key, value).prop_map(|(k, v)| (k.to_string(), v.to_string()))
}

/// A folder with one Vale style of up to three substitution rules.
fn vale_styles(rules: &[Vec<(String, String)>], nonword: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("Desk");
    std::fs::create_dir_all(&style).unwrap();
    for (i, swaps) in rules.iter().enumerate() {
        let mut yaml = format!(
            "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\nignorecase: true\nnonword: {nonword}\nswap:\n"
        );
        for (k, v) in swaps {
            yaml.push_str(&format!("  '{k}': '{v}'\n"));
        }
        std::fs::write(style.join(format!("R{i}.yml")), yaml).unwrap();
    }
    dir
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// `--fix` twice is `--fix` once: after the fixes settle, a second run
    /// finds nothing safe to fix and changes nothing, whatever substitutions
    /// a desk's Vale rules make.
    #[test]
    fn fixing_twice_is_fixing_once(
        text in news_like(),
        rules in prop::collection::vec(prop::collection::vec(vale_swap(), 1..4), 0..3),
        nonword in any::<bool>(),
    ) {
        let styles = vale_styles(&rules, nonword);
        let settings = Settings {
            dialect: Dialect::EnGb,
            vale: Some(styles.path().to_path_buf()),
            ..Settings::default()
        };
        let (linter, _) = Linter::lenient(&settings);
        let doc = Document::new("-", text.as_str());
        let findings = linter.check(&doc);
        let Some(once) = newslint::fix::settle(&linter, &doc, &findings) else {
            // Fixes that do not settle are not applied at all.
            return Ok(());
        };
        let fixed = Document::new("-", once.text.as_str());
        let left = linter.check(&fixed);
        let still: Vec<&Finding> = left.iter().filter(|f| f.is_safe_fix()).collect();
        let (again, applied) = newslint::fix::apply(&once.text, &still);
        prop_assert_eq!(applied, 0, "{:?} still fixable in {:?}", still, once.text);
        prop_assert_eq!(&again, &once.text);
        let twice = newslint::fix::settle(&linter, &fixed, &left).expect("settled text settles");
        prop_assert_eq!(twice.text, once.text);
        prop_assert_eq!(twice.applied, 0);
    }
}
