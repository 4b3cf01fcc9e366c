//! Vale's regex dialect. Vale compiles rules with a backtracking engine
//! (regexp2, .NET-like) in its RE2-compatible mode: Go's syntax plus
//! lookaround, backreferences and atomic groups. newslint compiles them
//! with `fancy-regex`, which hands every pattern (or part of one) without
//! those features to the linear-time `regex` crate and backtracks only
//! where it must, under a backtrack limit, so a pathological rule gives
//! up on a story rather than hanging the check.
//!
//! A pattern without those features is compiled with `regex-automata`
//! directly, without a literal prefilter: a rule's case-insensitive
//! alternation of dozens of words costs a millisecond to analyse for
//! prefilters and searches slower with one than the lazy DFA alone, and a
//! style has dozens of rules. Only a pattern that needs lookaround or a
//! backreference pays for fancy-regex.
//!
//! A few spellings differ between the dialects and are rewritten before
//! compiling: `\<` and `\>` are literal angle brackets for Vale (word
//! boundaries in Rust), an escaped space is a space, and `\b` is an ASCII
//! word boundary, as in Go.

use fancy_regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use std::ops::Range;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Backtracking steps one search may take before it gives up.
pub const BACKTRACK_LIMIT: usize = 200_000;

/// The time one rule may spend searching one story; past it the rule
/// reports what it found so far.
pub const RULE_TIME_LIMIT: Duration = Duration::from_millis(250);

/// Matches one rule reports at most in one story.
pub const MAX_MATCHES: usize = 10_000;

/// A compiled Vale pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    engine: Box<Engine>,
    src: String,
}

#[derive(Debug, Clone)]
enum Engine {
    /// No lookaround or backreference: linear time, no backtracking.
    Plain(Linear),
    /// Needs the backtracking engine. The gate is the pattern without its
    /// lookarounds, on the linear engine: it matches wherever the pattern
    /// does, so text it does not match is never given to the slow engine.
    Fancy(Backtracking, Option<Linear>),
}

/// A pattern for the backtracking engine. Behind a gate of literals it is
/// compiled only when a story opens the gate (it is parsed at load, so a
/// malformed rule is still reported then); otherwise at once.
#[derive(Debug, Clone)]
struct Backtracking {
    src: String,
    ignorecase: bool,
    re: OnceLock<Option<Regex>>,
}

impl Backtracking {
    fn new(src: &str, ignorecase: bool, lazy: bool) -> Result<Backtracking, String> {
        let b = Backtracking {
            src: src.to_string(),
            ignorecase,
            re: OnceLock::new(),
        };
        if lazy {
            fancy_regex::Expr::parse_tree(src).map_err(|e| e.to_string())?;
        } else {
            let re = b.compile()?;
            let _ = b.re.set(Some(re));
        }
        Ok(b)
    }

    fn compile(&self) -> Result<Regex, String> {
        RegexBuilder::new(&self.src)
            .case_insensitive(self.ignorecase)
            .multi_line(true)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map_err(|e| e.to_string())
    }

    /// The compiled regex (`None` if the engine refused it after all).
    fn regex(&self) -> Option<&Regex> {
        self.re.get_or_init(|| self.compile().ok()).as_ref()
    }
}

/// A pattern for the linear engine, compiled when first needed. Most of a
/// style's rules never match a given story, and compiling their automata
/// is most of what they would cost it: a pattern whose every match starts
/// with one of a few literals keeps them as a prefilter, and a text
/// without any of them is answered "no match" without compiling.
#[derive(Debug, Clone)]
struct Linear {
    /// The pattern with Go's ASCII word boundaries.
    src: String,
    ignorecase: bool,
    groups: bool,
    /// The literals every match starts with (`None`: no such finite set).
    gate: Option<Box<Gate>>,
    names: Vec<Option<String>>,
    re: OnceLock<Option<meta::Regex>>,
}

impl Linear {
    /// `src` parsed for the linear engine, or `None` when it needs
    /// backtracking. It is parsed as written (case-sensitively, which keeps
    /// its literal prefixes few); the gate's lower-casing stands for
    /// `ignorecase`. A pattern without a gate is compiled now (it will be
    /// at its first search anyway), so a pattern the engine refuses (too
    /// big) is known at load.
    fn new(src: &str, ignorecase: bool, groups: bool) -> Option<Linear> {
        let src = ascii_boundaries(src);
        let hir = regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(&src)
            .ok()?;
        let mut names = vec![None];
        if groups {
            capture_names(&hir, &mut names);
        }
        let linear = Linear {
            gate: Gate::of(&hir, src.starts_with(r"(?-u:\b)")).map(Box::new),
            src,
            ignorecase,
            groups,
            names,
            re: OnceLock::new(),
        };
        if linear.gate.is_none() {
            linear.regex()?;
        }
        Some(linear)
    }

    /// May the pattern match somewhere in `text`? (`false` is certain.)
    fn may_match(&self, text: &str) -> bool {
        self.gate.as_ref().is_none_or(|g| g.open(text))
    }

    /// The compiled automaton (no prefilter, no full DFA: a style compiles
    /// dozens of these for one story).
    fn regex(&self) -> Option<&meta::Regex> {
        self.re
            .get_or_init(|| {
                let captures = if self.groups {
                    regex_automata::nfa::thompson::WhichCaptures::All
                } else {
                    regex_automata::nfa::thompson::WhichCaptures::Implicit
                };
                meta::Regex::builder()
                    .configure(
                        meta::Config::new()
                            .auto_prefilter(false)
                            .dfa(false)
                            .onepass(false)
                            .which_captures(captures),
                    )
                    .syntax(
                        syntax::Config::new()
                            .case_insensitive(self.ignorecase)
                            .multi_line(true),
                    )
                    .build(&self.src)
                    .ok()
            })
            .as_ref()
    }

    /// The compiled automaton, if `text` may hold a match.
    fn for_text(&self, text: &str) -> Option<&meta::Regex> {
        if self.may_match(text) {
            self.regex()
        } else {
            None
        }
    }
}

/// A cheap test that a text may hold a match: the ASCII literals (in lower
/// case) one of which starts every match. Lower-casing text and literals
/// alike never loses a match, with or without `ignorecase`: an ASCII
/// letter matches only itself in the other case, except that the Kelvin
/// sign and the long s match `k` and `s` case-insensitively, so a text with
/// either always opens the gate. A pattern with any other non-ASCII prefix
/// gets no gate.
#[derive(Debug, Clone)]
struct Gate {
    /// In lower case.
    needles: Vec<Vec<u8>>,
    /// The needles' first bytes.
    first: [bool; 256],
    /// Every match starts at a word boundary (`\b` first, as Vale's word
    /// template puts it): a needle counts only where one starts a word.
    word_start: bool,
}

impl Gate {
    const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{17F}'];

    fn of(hir: &Hir, word_start: bool) -> Option<Gate> {
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
        let mut needles = Vec::new();
        for lit in seq.literals()? {
            let s = std::str::from_utf8(lit.as_bytes()).ok()?;
            if s.is_empty() {
                return None;
            }
            if s.is_ascii() {
                needles.push(s.to_ascii_lowercase().into_bytes());
            } else if !s
                .chars()
                .all(|c| c.is_ascii() || Gate::FOLDS_TO_ASCII.contains(&c))
            {
                return None;
            }
        }
        needles.sort();
        needles.dedup();
        let mut first = [false; 256];
        for n in &needles {
            first[n[0] as usize] = true;
        }
        (!needles.is_empty()).then_some(Gate {
            needles,
            first,
            word_start,
        })
    }

    /// One pass over `text`, without allocating.
    fn open(&self, text: &str) -> bool {
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !b.is_ascii() {
                let rest = &text.as_bytes()[i..];
                let mut buf = [0u8; 4];
                if Gate::FOLDS_TO_ASCII
                    .iter()
                    .any(|c| rest.starts_with(c.encode_utf8(&mut buf).as_bytes()))
                {
                    return true;
                }
                continue;
            }
            let lower = b.to_ascii_lowercase();
            if !self.first[lower as usize]
                || (self.word_start && word(b) && i > 0 && word(bytes[i - 1]))
            {
                continue;
            }
            if self.needles.iter().any(|n| {
                bytes
                    .get(i..i + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
            }) {
                return true;
            }
        }
        false
    }
}

/// The names of `hir`'s capture groups, by index, into `out`.
fn capture_names(hir: &Hir, out: &mut Vec<Option<String>>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            let i = c.index as usize;
            if out.len() <= i {
                out.resize(i + 1, None);
            }
            out[i] = c.name.as_deref().map(str::to_string);
            capture_names(&c.sub, out);
        }
        HirKind::Repetition(r) => capture_names(&r.sub, out),
        HirKind::Concat(v) | HirKind::Alternation(v) => {
            v.iter().for_each(|h| capture_names(h, out))
        }
        _ => {}
    }
}

/// A pattern newslint cannot compile, with the engine's reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad pattern `{pattern}`: {reason}")]
pub struct PatternError {
    pub pattern: String,
    pub reason: String,
}

/// When a search must stop: a deadline shared by every search one rule
/// makes in one story.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: Instant,
}

impl Budget {
    pub fn start() -> Budget {
        Budget {
            deadline: Instant::now() + RULE_TIME_LIMIT,
        }
    }

    pub fn spent(&self) -> bool {
        Instant::now() >= self.deadline
    }
}

impl Pattern {
    /// Compiles `src` as Vale would; `ignorecase` adds `(?i)`. Every
    /// pattern is multi-line (`^`/`$` at line ends), as Vale's templates
    /// make them.
    pub fn new(src: &str, ignorecase: bool) -> Result<Pattern, PatternError> {
        Pattern::build(src, ignorecase, true)
    }

    /// [`Pattern::new`] for a pattern only ever asked where it matches,
    /// never for its groups: cheaper to compile and to run.
    pub fn finder(src: &str, ignorecase: bool) -> Result<Pattern, PatternError> {
        Pattern::build(src, ignorecase, false)
    }

    fn build(src: &str, ignorecase: bool, groups: bool) -> Result<Pattern, PatternError> {
        let translated = translate(src);
        let engine = match Linear::new(&translated, ignorecase, groups) {
            Some(re) => Engine::Plain(re),
            None => {
                let gate = without_lookaround(&translated)
                    .and_then(|g| Linear::new(&g, ignorecase, false));
                let lazy = gate.as_ref().is_some_and(|g| g.gate.is_some());
                let re =
                    Backtracking::new(&translated, ignorecase, lazy).map_err(|e| PatternError {
                        pattern: src.to_string(),
                        reason: e.lines().last().unwrap_or("").trim().to_string(),
                    })?;
                Engine::Fancy(re, gate)
            }
        };
        Ok(Pattern {
            engine: Box::new(engine),
            src: translated,
        })
    }

    /// Can `src` be compiled without the backtracking engine?
    pub fn is_plain(src: &str) -> bool {
        regex_syntax::Parser::new()
            .parse(&ascii_boundaries(&translate(src)))
            .is_ok()
    }

    /// Does the pattern match anywhere in `text`? A search that hits the
    /// backtrack limit counts as no match.
    pub fn is_match(&self, text: &str) -> bool {
        match &*self.engine {
            Engine::Plain(re) => re.for_text(text).is_some_and(|re| re.is_match(text)),
            Engine::Fancy(re, gate) => {
                gate.as_ref()
                    .is_none_or(|g| g.for_text(text).is_some_and(|g| g.is_match(text)))
                    && re
                        .regex()
                        .is_some_and(|re| re.is_match(text).unwrap_or(false))
            }
        }
    }

    /// Non-overlapping matches, left to right, within the budget.
    pub fn find_all(&self, text: &str, budget: &Budget) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        match &*self.engine {
            Engine::Plain(re) => {
                let Some(re) = re.for_text(text) else {
                    return out;
                };
                for m in re.find_iter(text) {
                    out.push(m.range());
                    if out.len() >= MAX_MATCHES {
                        break;
                    }
                }
            }
            Engine::Fancy(_, Some(gate)) if !Pattern::gate_open(gate, text) => {}
            Engine::Fancy(re, _) => {
                let Some(re) = re.regex() else {
                    return out;
                };
                for m in re.find_iter(text) {
                    let Ok(m) = m else { break };
                    out.push(m.start()..m.end());
                    if out.len() >= MAX_MATCHES || budget.spent() {
                        break;
                    }
                }
            }
        }
        out
    }

    /// Non-overlapping matches with their capture groups (`groups[0]` is
    /// the whole match; `None` for a group that took no part).
    pub fn captures_all(&self, text: &str, budget: &Budget) -> Vec<Vec<Option<Range<usize>>>> {
        let mut out = Vec::new();
        match &*self.engine {
            Engine::Plain(re) => {
                let Some(re) = re.for_text(text) else {
                    return out;
                };
                for caps in re.captures_iter(text) {
                    out.push(
                        (0..caps.group_len())
                            .map(|i| caps.get_group(i).map(|s| s.range()))
                            .collect(),
                    );
                    if out.len() >= MAX_MATCHES {
                        break;
                    }
                }
            }
            Engine::Fancy(_, Some(gate)) if !Pattern::gate_open(gate, text) => {}
            Engine::Fancy(re, _) => {
                let Some(re) = re.regex() else {
                    return out;
                };
                for caps in re.captures_iter(text) {
                    let Ok(caps) = caps else { break };
                    out.push(
                        (0..caps.len())
                            .map(|i| caps.get(i).map(|m| m.start()..m.end()))
                            .collect(),
                    );
                    if out.len() >= MAX_MATCHES || budget.spent() {
                        break;
                    }
                }
            }
        }
        out
    }

    /// The names of the capture groups, by index (`None` when unnamed).
    pub fn group_names(&self) -> Vec<Option<String>> {
        match &*self.engine {
            Engine::Plain(re) => re.names.clone(),
            Engine::Fancy(re, _) => re.regex().map_or_else(Vec::new, |re| {
                re.capture_names().map(|n| n.map(str::to_string)).collect()
            }),
        }
    }

    /// Does the linear gate of a backtracking pattern match `text`?
    fn gate_open(gate: &Linear, text: &str) -> bool {
        gate.for_text(text).is_some_and(|g| g.is_match(text))
    }

    /// The pattern as compiled (after the dialect's rewrites).
    pub fn as_str(&self) -> &str {
        &self.src
    }
}

/// `src` with its lookaround groups taken out and atomic groups made plain:
/// a pattern that matches wherever `src` does. `None` when `src` has a
/// backreference (which has no such weakening).
fn without_lookaround(src: &str) -> Option<String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let mut class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let next = chars.get(i + 1).copied();
            if !class && next.is_some_and(|n| n.is_ascii_digit() && n != '0' || n == 'k') {
                return None;
            }
            out.push(c);
            out.extend(next);
            i += 2;
            continue;
        }
        if class {
            class = c != ']';
            out.push(c);
            i += 1;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        if ["(?=", "(?!", "(?<=", "(?<!"]
            .iter()
            .any(|p| rest.starts_with(p))
        {
            i = group_end(&chars, i)?;
            continue;
        }
        if rest.starts_with("(?>") {
            out.push_str("(?:");
            i += 3;
            continue;
        }
        class = c == '[';
        out.push(c);
        i += 1;
    }
    Some(out)
}

/// The index just past the group that opens at `chars[start]`.
fn group_end(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut class = false;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            ']' if class => class = false,
            '[' if !class => class = true,
            '(' if !class => depth += 1,
            ')' if !class => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// `\b` and `\B` as ASCII word boundaries (Go's), outside classes; the
/// linear engine runs them on its DFA where a Unicode boundary would fall
/// back to a slower engine.
fn ascii_boundaries(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 16);
    let mut chars = src.chars();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' => {
                class += 1;
                out.push(c);
            }
            ']' if class > 0 => {
                class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Rewrites the spellings whose meaning differs between Vale's engine and
/// fancy-regex (see the module doc).
pub fn translate(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(
                e @ ('<' | '>' | ' ' | '\'' | '"' | '%' | ',' | ';' | ':' | '=' | '@' | '`' | '!'
                | '/'),
            ) => {
                // Punctuation Vale's engine takes escaped as itself, and
                // that needs no escape: the bare character.
                out.push(e);
            }
            Some(e) => {
                out.push('\\');
                out.push(e);
            }
            None => out.push_str("\\\\"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(p: &str, text: &str) -> Vec<String> {
        let re = Pattern::new(p, false).unwrap();
        re.find_all(text, &Budget::start())
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn lookaround_and_backreferences_compile() {
        assert_eq!(found(r"\b(\w+) \1\b", "it was was over"), ["was was"]);
        assert_eq!(found(r"(?<!e-)mail\b", "mail e-mail"), ["mail"]);
        assert_eq!(found(r"\bUS(?!\.)", "US. US"), ["US"]);
    }

    #[test]
    fn vale_escapes_are_literals() {
        assert_eq!(found(r"\<b\>", "a <b> c"), ["<b>"]);
        assert_eq!(found(r"a\ b", "a b"), ["a b"]);
        assert_eq!(translate(r"\d\.\<\\<"), r"\d\.<\\<");
        assert_eq!(found(r"\#\&\~\-", "a #&~- b"), ["#&~-"]);
    }

    #[test]
    fn a_pathological_pattern_gives_up_in_time() {
        let re = Pattern::new(r"(a+)+(?=b)\1", false).unwrap();
        let text = "a".repeat(5_000);
        let t = Instant::now();
        let hits = re.find_all(&text, &Budget::start());
        assert!(hits.is_empty());
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    }

    #[test]
    fn the_gate_is_the_pattern_without_its_lookarounds() {
        assert_eq!(
            without_lookaround(r"(?<!\d )per cent(?! (?:sign|mark))").as_deref(),
            Some("per cent")
        );
        assert_eq!(
            without_lookaround(r"[(?=]x(?>ab|a)").as_deref(),
            Some("[(?=]x(?:ab|a)")
        );
        assert_eq!(without_lookaround(r"(\w)\1"), None);
        // The gate never hides a match the pattern has.
        assert_eq!(found(r"(?<=a)b(?!c)", "ab abc xb"), ["b"]);
        assert!(found(r"(?<=a)b", "nothing here").is_empty());
    }

    #[test]
    fn the_literal_gate_never_hides_a_match() {
        let p = Pattern::finder(r"\b(?:in order to|(?:over|under)whelming)\b", true).unwrap();
        let Engine::Plain(linear) = &*p.engine else {
            panic!("a plain pattern");
        };
        assert!(linear.gate.is_some(), "word lists get a gate");
        assert!(linear.re.get().is_none(), "compiled only when needed");
        assert!(p.find_all("nothing to see", &Budget::start()).is_empty());
        assert!(
            linear.re.get().is_none(),
            "a text without the literals needs no automaton"
        );
        assert_eq!(
            p.find_all("IN ORDER TO win, Underwhelming", &Budget::start())
                .len(),
            2
        );
        // The Kelvin sign matches `k` case-insensitively.
        assert_eq!(found_ci("kin", "\u{212A}in"), ["\u{212A}in"]);
        // No finite set of first literals: no gate, compiled at once.
        let Engine::Plain(open) = *Pattern::finder(r"\w+ly\b", false).unwrap().engine else {
            panic!("a plain pattern");
        };
        assert!(open.gate.is_none() && open.re.get().is_some());
    }

    proptest::proptest! {
        /// A gated pattern finds exactly what the same pattern finds
        /// without a gate, whatever the case and the letters that fold.
        #[test]
        fn the_gate_never_changes_what_is_found(
            words in proptest::collection::vec("[a-zA-Z]{1,4}( [a-zA-Z]{1,3})?", 1..5),
            word in proptest::bool::ANY,
            ignorecase in proptest::bool::ANY,
            text in "[a-zA-Z _\u{212A}\u{17F}\u{e9}]{0,80}",
        ) {
            let body = words.join("|");
            let src = if word { format!(r"\b(?:{body})\b") } else { format!("(?:{body})") };
            let gated = Pattern::finder(&src, ignorecase).unwrap();
            let plain = meta::Regex::builder()
                .syntax(syntax::Config::new().case_insensitive(ignorecase).multi_line(true))
                .build(&ascii_boundaries(&translate(&src)))
                .unwrap();
            let want: Vec<Range<usize>> = plain.find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(gated.find_all(&text, &Budget::start()), want);
        }
    }

    fn found_ci(p: &str, text: &str) -> Vec<String> {
        let re = Pattern::new(p, true).unwrap();
        re.find_all(text, &Budget::start())
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn a_bad_pattern_says_why() {
        let e = Pattern::new("(unclosed", false).unwrap_err();
        assert_eq!(e.pattern, "(unclosed");
        assert!(!e.reason.is_empty());
    }
}
