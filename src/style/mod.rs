//! House style: rules kept as data. A pack is a folder under `styles/`
//! (`core`, shared by every pack; `ap`, US news; `agency`, British wire
//! copy) holding TOML files of `[[rule]]`s, embedded in the binary. Each
//! rule carries its own `flags`/`allows` example sentences, which the test
//! suite runs (see `tests` below), so a rule that stops doing what its
//! examples say fails CI.
//!
//! A rule's pattern is one of: `words` (words or phrases), `swap` (a table
//! from a word or phrase to its replacement), `pattern` (a regular
//! expression, optionally with a `swap` looked up on the flagged group) or
//! `either` (sets of spellings of which one story should use one).
//! Conditions narrow where it fires: `before`/`before_not` (the text just
//! before the match must/must not end with this), `after`/`after_not` (the
//! text just after must/must not start with this), `sentence_start` (the
//! match must, or must not, open a sentence) and `when` (a pack option, e.g.
//! `when = { percent = "per cent" }`). `docs/style.md` has the format.
//!

pub mod vale;

use crate::base::finding::{Finding, Severity};
use crate::base::settings::When;
use crate::base::{PackOptions, Settings};
use crate::rules::{Context, Rule, RuleInfo, RuleRef};
use crate::text::token::TokenKind;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The embedded pack files: (pack, file name, TOML).
pub const PACK_FILES: &[(&str, &str, &str)] = &[
    (
        "core",
        "styles/core/rules.toml",
        include_str!("../../styles/core/rules.toml"),
    ),
    (
        "ap",
        "styles/ap/rules.toml",
        include_str!("../../styles/ap/rules.toml"),
    ),
    (
        "agency",
        "styles/agency/rules.toml",
        include_str!("../../styles/agency/rules.toml"),
    ),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

/// One rule as written in a pack file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    /// `{match}` is the flagged text, `{replace}` the replacement.
    pub message: String,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    #[serde(default)]
    pub either: Vec<Vec<String>>,
    /// Defaults to true for `words`, `swap` and `either`, false for `pattern`.
    #[serde(default)]
    pub ignorecase: Option<bool>,
    /// The capture group flagged (0: the whole match).
    #[serde(default)]
    pub group: usize,
    /// A replacement template (`$1` names a group of `pattern`).
    #[serde(default)]
    pub replace: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub before_not: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub after_not: Option<String>,
    /// Skip a match that lies inside a match of this (`,\s\d,`: an age).
    #[serde(default)]
    pub unless: Option<String>,
    #[serde(default)]
    pub sentence_start: Option<bool>,
    #[serde(default)]
    pub when: When,
    /// Give the replacement the capital of the text it replaces (default).
    #[serde(default)]
    pub match_case: Option<bool>,
    /// Whether `--fix` may apply the replacement; by default, when there is
    /// exactly one.
    #[serde(default)]
    pub safe: Option<bool>,
    #[serde(default)]
    pub flags: Vec<String>,
    #[serde(default)]
    pub allows: Vec<String>,
}

/// A data rule: its spec, and the regexes built from it. An embedded
/// rule builds them on its first `check` ([`StyleRule::lazy`]), so a run
/// that does not select its pack never pays for them; a user's rule builds
/// them when loaded ([`StyleRule::compile`]), so a bad pattern stops the
/// run there.
pub struct StyleRule {
    pub info: RuleInfo,
    pub spec: RuleSpec,
    compiled: OnceLock<Compiled>,
}

/// What `check` runs: the regexes and normalised tables of a [`RuleSpec`].
struct Compiled {
    re: Regex,
    before: Option<Regex>,
    before_not: Option<Regex>,
    after: Option<Regex>,
    after_not: Option<Regex>,
    unless: Option<Regex>,
    /// Lower-cased, space-normalised swap keys.
    swap: BTreeMap<String, String>,
    /// For `either`: each set's members, lower-cased.
    either: Vec<Vec<String>>,
}

/// Why a style rule cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StyleError {
    /// A pack file that is not valid TOML or has an unknown key.
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    /// A rule with none of `pattern`, `words`, `swap` or `either`.
    #[error("rule `{id}`: needs one of `pattern`, `words`, `swap` or `either`")]
    NoPattern { id: String },
    /// A regular expression the regex crate refuses.
    #[error("rule `{id}`: bad {what}: {reason}")]
    BadRegex {
        id: String,
        what: &'static str,
        reason: String,
    },
    /// `group = N` with fewer groups in the pattern.
    #[error("rule `{id}`: no capture group {group}")]
    NoGroup { id: String, group: usize },
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| {
            if crate::text::token::is_apostrophe(c) {
                '\''
            } else {
                c
            }
        })
        .collect()
}

/// A regex matching any of `words` as whole words; spaces match any run
/// of whitespace.
pub fn words_regex(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alts: Vec<String> = sorted
        .iter()
        .map(|w| {
            let parts: Vec<String> = w
                .split_whitespace()
                .map(|p| regex::escape(p).replace('\'', "['’]"))
                .collect();
            let body = parts.join(r"\s+");
            let start = if w.starts_with(|c: char| c.is_alphanumeric()) {
                r"\b"
            } else {
                ""
            };
            let end = if w.ends_with(|c: char| c.is_alphanumeric()) {
                r"\b"
            } else {
                ""
            };
            format!("{start}{body}{end}")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

fn compile(src: &str, ignorecase: bool, what: &'static str, id: &str) -> Result<Regex, StyleError> {
    RegexBuilder::new(src)
        .case_insensitive(ignorecase)
        .multi_line(true)
        .build()
        .map_err(|e| StyleError::BadRegex {
            id: id.to_string(),
            what,
            reason: e.to_string().replace('\n', " "),
        })
}

/// The pattern kind of a spec, checked without building anything.
fn check_kind(spec: &RuleSpec) -> Result<(), StyleError> {
    if spec.pattern.is_none()
        && spec.words.is_empty()
        && spec.swap.is_empty()
        && spec.either.is_empty()
    {
        return Err(StyleError::NoPattern {
            id: spec.id.clone(),
        });
    }
    Ok(())
}

impl Compiled {
    fn build(spec: &RuleSpec) -> Result<Compiled, StyleError> {
        check_kind(spec)?;
        let id = &spec.id;
        let default_ic = spec.pattern.is_none();
        let ic = spec.ignorecase.unwrap_or(default_ic);
        let src = if let Some(p) = &spec.pattern {
            p.clone()
        } else if !spec.words.is_empty() {
            words_regex(&spec.words.iter().map(String::as_str).collect::<Vec<_>>())
        } else if !spec.swap.is_empty() {
            words_regex(&spec.swap.keys().map(String::as_str).collect::<Vec<_>>())
        } else {
            let all: Vec<&str> = spec.either.iter().flatten().map(String::as_str).collect();
            words_regex(&all)
        };
        let re = compile(&src, ic, "pattern", id)?;
        if spec.group >= re.captures_len() {
            return Err(StyleError::NoGroup {
                id: id.clone(),
                group: spec.group,
            });
        }
        let ctx = |p: &Option<String>, anchor_end: bool, what: &'static str| {
            p.as_ref()
                .map(|p| {
                    let src = if anchor_end {
                        format!("(?:{p})$")
                    } else {
                        format!("^(?:{p})")
                    };
                    RegexBuilder::new(&src)
                        .case_insensitive(ic)
                        .build()
                        .map_err(|e| StyleError::BadRegex {
                            id: id.clone(),
                            what,
                            reason: e.to_string(),
                        })
                })
                .transpose()
        };
        let before = ctx(&spec.before, true, "before")?;
        let before_not = ctx(&spec.before_not, true, "before_not")?;
        let after = ctx(&spec.after, false, "after")?;
        let after_not = ctx(&spec.after_not, false, "after_not")?;
        let unless = spec
            .unless
            .as_deref()
            .map(|u| compile(u, ic, "unless", id))
            .transpose()?;
        let swap = spec
            .swap
            .iter()
            .map(|(k, v)| (norm(k), v.clone()))
            .collect();
        let either = spec
            .either
            .iter()
            .map(|set| set.iter().map(|w| norm(w)).collect())
            .collect();
        Ok(Compiled {
            re,
            before,
            before_not,
            after,
            after_not,
            unless,
            swap,
            either,
        })
    }
}

impl StyleRule {
    /// A user's rule (a desk's `banned` list): its regexes are built now,
    /// so a bad one is reported when the configuration is loaded.
    pub fn compile(spec: RuleSpec) -> Result<StyleRule, StyleError> {
        let compiled = Compiled::build(&spec)?;
        let rule = StyleRule::lazy(spec)?;
        let _ = rule.compiled.set(compiled);
        Ok(rule)
    }

    /// An embedded rule: id, severity and docs now, regexes on the first
    /// `check`. Its patterns are known good: the test suite builds every
    /// one (`every_rule_keeps_its_examples`).
    pub fn lazy(spec: RuleSpec) -> Result<StyleRule, StyleError> {
        check_kind(&spec)?;
        let mut doc = String::new();
        if let Some(d) = &spec.doc {
            doc.push_str(d.trim_end());
            doc.push('\n');
        }
        for f in &spec.flags {
            doc.push_str(&format!("Flags:  {f}\n"));
        }
        for a in &spec.allows {
            doc.push_str(&format!("Allows: {a}\n"));
        }
        if let Some(l) = &spec.link {
            doc.push_str(&format!("See: {l}\n"));
        }
        let info = RuleInfo {
            id: crate::base::intern::rule_id(&spec.id),
            severity: spec.severity,
            summary: Cow::Owned(spec.summary.clone()),
            doc: Cow::Owned(doc.trim_end().to_string()),
        };
        Ok(StyleRule {
            info,
            spec,
            compiled: OnceLock::new(),
        })
    }

    /// The regexes, built on first use.
    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            Compiled::build(&self.spec).unwrap_or_else(|e| panic!("embedded style pack: {e}"))
        })
    }

    /// Have this rule's regexes been built?
    #[cfg(test)]
    fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// Does this rule run with these pack options?
    pub fn enabled_with(&self, options: &PackOptions) -> bool {
        self.spec.when.holds(options)
    }

    fn replacement(
        &self,
        swap: &BTreeMap<String, String>,
        caps: &regex::Captures,
        flagged: &str,
    ) -> Option<String> {
        let out = if let Some(t) = &self.spec.replace {
            let mut s = String::new();
            caps.expand(t, &mut s);
            s
        } else if !swap.is_empty() {
            swap.get(&norm(flagged))?.clone()
        } else {
            return None;
        };
        Some(if self.spec.match_case.unwrap_or(true) {
            match_case(flagged, &out)
        } else {
            out
        })
    }

    fn check_either(&self, c: &Compiled, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let hits: Vec<(std::ops::Range<usize>, String)> =
            c.re.find_iter(text)
                .filter(|m| !in_verbatim(cx, m.start()))
                .map(|m| (m.range(), norm(m.as_str())))
                .collect();
        for (index, set) in c.either.iter().enumerate() {
            let mut counts: Vec<(usize, usize)> = set.iter().map(|_| (0, usize::MAX)).collect();
            for (r, w) in &hits {
                if let Some(i) = set.iter().position(|s| s == w) {
                    counts[i].0 += 1;
                    counts[i].1 = counts[i].1.min(r.start);
                }
            }
            if counts.iter().filter(|c| c.0 > 0).count() < 2 {
                continue;
            }
            // The story's spelling: the commonest, then the first used.
            let main = (0..set.len())
                .filter(|&i| counts[i].0 > 0)
                .min_by_key(|&i| (std::cmp::Reverse(counts[i].0), counts[i].1))
                .unwrap_or(0);
            for (r, w) in &hits {
                if set.contains(w) && *w != set[main] {
                    let flagged = &text[r.clone()];
                    let fix = match_case(flagged, &self.spec.either[index][main]);
                    let message = self
                        .spec
                        .message
                        .replace("{match}", flagged)
                        .replace("{replace}", &fix);
                    out.push(
                        self.info
                            .finding(r.clone(), message)
                            .with_suggestions(vec![fix])
                            .safe_if(self.spec.safe.unwrap_or(true)),
                    );
                }
            }
        }
    }
}

/// `Over` → `More than`, `US` → `U.S.`: a replacement takes the capital of
/// the text it replaces.
fn match_case(original: &str, replacement: &str) -> String {
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if starts_upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

fn in_verbatim(cx: &Context, at: usize) -> bool {
    let i = cx.tokens.partition_point(|t| t.end() <= at);
    cx.tokens
        .get(i)
        .is_some_and(|t| t.kind() == TokenKind::Verbatim && t.start() <= at)
}

fn sentence_start(cx: &Context, at: usize) -> bool {
    crate::text::token::sentence_start_at(cx.text(), cx.tokens, at)
}

fn window_before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

fn window_after(text: &str, at: usize) -> &str {
    let mut to = (at + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[at..to]
}

impl Rule for StyleRule {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let c = self.compiled();
        if !c.either.is_empty() {
            return self.check_either(c, cx, out);
        }
        let text = cx.text();
        let from = cx.doc.body_start();
        for caps in c.re.captures_iter(text) {
            let whole = caps.get(0).expect("group 0");
            let Some(m) = caps.get(self.spec.group) else {
                continue;
            };
            if m.start() < from || m.is_empty() || in_verbatim(cx, m.start()) {
                continue;
            }
            let before = window_before(text, whole.start());
            let after = window_after(text, whole.end());
            if c.before.as_ref().is_some_and(|r| !r.is_match(before))
                || c.before_not.as_ref().is_some_and(|r| r.is_match(before))
                || c.after.as_ref().is_some_and(|r| !r.is_match(after))
                || c.after_not.as_ref().is_some_and(|r| r.is_match(after))
            {
                continue;
            }
            if let Some(unless) = &c.unless {
                let from = whole.start() - before.len();
                let to = whole.end() + after.len();
                if unless
                    .find_iter(&text[from..to])
                    .any(|u| u.start() + from <= m.start() && u.end() + from >= m.end())
                {
                    continue;
                }
            }
            if let Some(want) = self.spec.sentence_start {
                if sentence_start(cx, whole.start()) != want {
                    continue;
                }
            }
            let flagged = m.as_str();
            let fix = self.replacement(&c.swap, &caps, flagged);
            let message = self
                .spec
                .message
                .replace("{match}", flagged)
                .replace("{replace}", fix.as_deref().unwrap_or(""));
            let safe = self.spec.safe.unwrap_or(true) && fix.is_some();
            out.push(
                self.info
                    .finding(m.range(), message)
                    .with_suggestions(fix.into_iter().collect())
                    .safe_if(safe),
            );
        }
    }
}

/// The rules of a pack file, as written.
fn parse_specs(name: &str, text: &str) -> Result<Vec<RuleSpec>, StyleError> {
    let file: PackFile = toml::from_str(text).map_err(|e| StyleError::Parse {
        file: name.to_string(),
        line: e
            .span()
            .map(|s| text[..s.start].matches('\n').count() + 1)
            .unwrap_or(1),
        message: e.message().replace('\n', " "),
    })?;
    Ok(file.rule)
}

/// Parses a pack file into compiled rules: every pattern is checked now.
pub fn parse_pack(name: &str, text: &str) -> Result<Vec<StyleRule>, StyleError> {
    parse_specs(name, text)?
        .into_iter()
        .map(StyleRule::compile)
        .collect()
}

/// Every built-in data rule, parsed once; each builds its regexes on its
/// first `check` (see [`StyleRule::lazy`]).
pub fn builtin_data() -> &'static [Arc<StyleRule>] {
    static RULES: OnceLock<Vec<Arc<StyleRule>>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = Vec::new();
        for (_, name, text) in PACK_FILES {
            let specs =
                parse_specs(name, text).unwrap_or_else(|e| panic!("embedded style pack: {e}"));
            for spec in specs {
                rules.push(Arc::new(
                    StyleRule::lazy(spec).unwrap_or_else(|e| panic!("embedded style pack: {e}")),
                ));
            }
        }
        rules
    })
}

/// `style.core.banned`: the words a desk bans in `banned = [...]`.
pub static BANNED: RuleInfo = RuleInfo {
    id: "style.core.banned",
    severity: Severity::Warning,
    summary: Cow::Borrowed(
        "A word or phrase the desk has banned (`banned = [...]` in newslint.toml).",
    ),
    doc: Cow::Borrowed(
        "Flags every use of the words and phrases listed in `banned` in newslint.toml\n\
(case-insensitive, whole words). With no list it finds nothing.\n\
Example: with banned = [\"slammed\"], `The minister slammed the report` is flagged.",
    ),
};

struct Banned(StyleRule);

impl Rule for Banned {
    fn info(&self) -> &RuleInfo {
        &BANNED
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        self.0.check(cx, out);
    }
}

struct BannedPlaceholder;

impl Rule for BannedPlaceholder {
    fn info(&self) -> &RuleInfo {
        &BANNED
    }
    fn check(&self, _: &Context, _: &mut Vec<Finding>) {}
}

/// The banned-words rule for a desk's list.
pub fn banned_rule(words: &[String]) -> Result<RuleRef, StyleError> {
    if words.is_empty() {
        return Ok(Arc::new(BannedPlaceholder));
    }
    let spec = RuleSpec {
        id: BANNED.id.to_string(),
        severity: BANNED.severity,
        summary: BANNED.summary.to_string(),
        message: "`{match}` is on the desk's banned list.".to_string(),
        words: words.to_vec(),
        ..RuleSpec::default()
    };
    Ok(Arc::new(Banned(StyleRule::compile(spec)?)))
}

/// Every house-style rule newslint knows, for `newslint rules`.
pub fn all() -> Vec<RuleRef> {
    let mut rules: Vec<RuleRef> = builtin_data()
        .iter()
        .map(|r| r.clone() as RuleRef)
        .collect();
    rules.push(Arc::new(BannedPlaceholder));
    rules
}

/// Is this a house-style rule, run only with a style pack?
pub fn is_style(id: &str) -> bool {
    id.starts_with("style.")
}

/// Which pack a style rule belongs to (`core`, `ap`, `agency`), if any.
fn pack_of(id: &str) -> Option<&str> {
    id.strip_prefix("style.")?.split('.').next()
}

/// The house-style rules that are on for these settings.
/// Without a pack, only a desk's banned list runs: it needs no stylebook.
pub fn active(settings: &Settings) -> Result<Vec<RuleRef>, StyleError> {
    let Some(pack) = settings.style else {
        if settings.banned.is_empty() {
            return Ok(Vec::new());
        }
        return Ok(vec![banned_rule(&settings.banned)?]);
    };
    let pack_name = pack.name();
    let mut rules: Vec<RuleRef> = Vec::new();
    rules.extend(
        builtin_data()
            .iter()
            .filter(|r| matches!(pack_of(r.info.id), Some(p) if p == "core" || p == pack_name))
            .filter(|r| r.enabled_with(&settings.options))
            .map(|r| r.clone() as RuleRef),
    );
    rules.push(banned_rule(&settings.banned)?);
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Dialect;
    use std::collections::HashSet;

    fn run(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        crate::rules::testing::check_rule_in(rule, Dialect::EnGb, text)
    }

    /// Every rule of every pack does what its examples say.
    #[test]
    fn every_rule_keeps_its_examples() {
        let mut failures = Vec::new();
        let mut ids = HashSet::new();
        for rule in builtin_data() {
            let id = rule.info.id;
            assert!(ids.insert(id), "duplicate rule id {id}");
            assert!(
                !rule.spec.flags.is_empty() && !rule.spec.allows.is_empty(),
                "{id} needs flags and allows examples"
            );
            for ex in &rule.spec.flags {
                if run(rule.as_ref(), ex).iter().all(|f| f.rule != id) {
                    failures.push(format!("{id} does not flag: {ex}"));
                }
            }
            for ex in &rule.spec.allows {
                let found = run(rule.as_ref(), ex);
                if !found.is_empty() {
                    failures.push(format!("{id} flags {:?} in: {ex}", found[0].message));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    fn spec(pattern: &str) -> RuleSpec {
        RuleSpec {
            id: "style.core.test".to_string(),
            severity: Severity::Warning,
            summary: "A test.".to_string(),
            message: "`{match}`.".to_string(),
            pattern: Some(pattern.to_string()),
            flags: vec!["Flagged here.".to_string()],
            ..RuleSpec::default()
        }
    }

    /// An embedded rule is listed and documented without building its
    /// regexes; its first `check` builds them once.
    #[test]
    fn embedded_rules_compile_on_first_check() {
        let rule = StyleRule::lazy(spec(r"\bFlagged\b")).unwrap();
        assert_eq!(rule.info.id, "style.core.test");
        assert!(rule.info.doc.contains("Flags:  Flagged here."));
        assert!(!rule.is_compiled());
        assert_eq!(run(&rule, "Flagged here.").len(), 1);
        assert!(rule.is_compiled());
        assert_eq!(run(&rule, "Flagged again, Flagged.").len(), 2);
    }

    /// Only the selected pack's rules are built: a run with `ap` builds
    /// none of `agency`'s.
    #[test]
    fn a_run_builds_only_the_rules_it_runs() {
        let rules: Vec<StyleRule> = PACK_FILES
            .iter()
            .flat_map(|(_, name, text)| parse_specs(name, text).unwrap())
            .map(|s| StyleRule::lazy(s).unwrap())
            .collect();
        assert!(rules.iter().all(|r| !r.is_compiled()));
        let ap: Vec<&StyleRule> = rules
            .iter()
            .filter(|r| matches!(pack_of(r.info.id), Some("core" | "ap")))
            .collect();
        for rule in &ap {
            run(*rule, "Over 20 people came on Oct. 4th.");
        }
        assert!(ap.iter().all(|r| r.is_compiled()));
        assert!(rules
            .iter()
            .filter(|r| pack_of(r.info.id) == Some("agency"))
            .all(|r| !r.is_compiled()));
    }

    /// A user's rule is checked when it is loaded: a bad pattern is a
    /// one-line error then, not a panic mid-run.
    #[test]
    fn user_rules_compile_when_loaded() {
        let err = StyleRule::compile(spec("(unclosed"))
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("rule `style.core.test`: bad pattern"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let err = StyleRule::compile(RuleSpec {
            group: 2,
            ..spec("(a)")
        })
        .err()
        .unwrap()
        .to_string();
        assert!(err.contains("no capture group 2"), "{err}");
        let mut bad = spec("ok");
        bad.after = Some("(".to_string());
        assert!(StyleRule::compile(bad).is_err());
        assert!(StyleRule::compile(spec("ok")).unwrap().is_compiled());
        let err = parse_pack("x.toml", "[[rule]]\nid = \"a\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\npattern = \"(\"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("bad pattern"), "{err}");
    }

    #[test]
    fn ids_follow_the_pack_and_family_scheme() {
        for rule in builtin_data() {
            let pack = pack_of(rule.info.id).unwrap_or("");
            assert!(["core", "ap", "agency"].contains(&pack), "{}", rule.info.id);
            assert!(rule.spec.message.ends_with('.'), "{}", rule.info.id);
        }
    }

    #[test]
    fn replacements_take_the_case_of_the_text() {
        let rule = builtin_data()
            .iter()
            .find(|r| r.info.id == "style.ap.more-than")
            .unwrap();
        let found = run(rule.as_ref(), "Over 20 people came.");
        assert_eq!(found[0].suggestions, ["More than"]);
    }

    #[test]
    fn banned_words_come_from_the_list() {
        let rule = banned_rule(&["slammed".to_string(), "war of words".to_string()]).unwrap();
        let found = run(
            rule.as_ref(),
            "The minister slammed the plan in a war  of words.",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rule, "style.core.banned");
        assert!(run(rule.as_ref(), "The door slam was loud.").is_empty());
    }

    #[test]
    fn consistency_flags_the_minority_spelling() {
        let rule = builtin_data()
            .iter()
            .find(|r| r.info.id == "style.core.consistent-spelling")
            .unwrap();
        let text = "The adviser spoke. Another adviser agreed. An advisor left.";
        let found = run(rule.as_ref(), text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "advisor");
        assert_eq!(found[0].suggestions, ["adviser"]);
    }
}
