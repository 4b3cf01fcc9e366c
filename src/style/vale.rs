//! Vale compatibility: a folder of Vale YAML rules (`--vale DIR`,
//! `vale = "dir"`) runs unchanged as rules `vale.STYLE.RULE`. Supported
//! types: existence, substitution, occurrence, repetition, consistency and
//! capitalization; docs/vale.md says what of each is and is not supported.
//!
//! YAML is read with `serde_norway`, the maintained fork of the archived
//! `serde_yaml` (same API; MSRV 1.71, which fits ours where `serde-saphyr`
//! 2.x needs 1.89; `yaml-rust2` has no serde and would mean walking trees).

use crate::base::finding::{Finding, Severity};
use crate::rules::{Context, Rule, RuleInfo, RuleRef};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Deserialize)]
struct ValeYaml {
    extends: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    ignorecase: bool,
    #[serde(default)]
    nonword: bool,
    #[serde(default)]
    scope: Option<serde_norway::Value>,
    #[serde(default)]
    tokens: Vec<String>,
    #[serde(default)]
    raw: Vec<String>,
    #[serde(default)]
    swap: BTreeMap<String, String>,
    #[serde(default)]
    either: BTreeMap<String, String>,
    #[serde(default)]
    max: Option<usize>,
    #[serde(default)]
    min: Option<usize>,
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    alpha: bool,
    #[serde(rename = "match", default)]
    match_: Option<String>,
    #[serde(default)]
    exceptions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Text,
    Paragraph,
    Sentence,
    Heading,
}

enum Kind {
    Existence(Regex),
    Substitution(Regex, Vec<(Regex, Vec<String>)>),
    Occurrence {
        re: Regex,
        max: Option<usize>,
        min: Option<usize>,
    },
    Repetition {
        re: Regex,
        alpha: bool,
        ignorecase: bool,
    },
    Consistency(Vec<(Regex, Regex)>),
    Capitalization {
        how: String,
        custom: Option<Regex>,
        exceptions: Vec<String>,
    },
}

pub struct ValeRule {
    info: RuleInfo,
    message: String,
    scope: Scope,
    kind: Kind,
}

/// Why a folder of Vale rules cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ValeError {
    #[error("{}: cannot read Vale styles: {source}", dir.display())]
    ReadDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot read: {source}", file.display())]
    ReadFile {
        file: PathBuf,
        source: std::io::Error,
    },
    /// A rule newslint cannot run; the reason names its file.
    #[error("{0}")]
    Rule(String),
}

fn re(src: &str, ignorecase: bool, file: &Path) -> Result<Regex, String> {
    RegexBuilder::new(src)
        .case_insensitive(ignorecase)
        .multi_line(true)
        .build()
        .map_err(|e| {
            format!(
                "{}: pattern not supported (newslint reads RE2-style regexes: no lookaround or backreferences): {}",
                file.display(),
                e.to_string().lines().last().unwrap_or("")
            )
        })
}

/// Vale's word-bounded alternation of tokens.
fn alternation(tokens: &[String], nonword: bool) -> String {
    let body = tokens.join("|");
    if nonword {
        format!("(?:{body})")
    } else {
        format!(r"\b(?:{body})\b")
    }
}

fn scope_of(v: &Option<serde_norway::Value>) -> Scope {
    let s = match v {
        Some(serde_norway::Value::String(s)) => s.clone(),
        Some(serde_norway::Value::Sequence(seq)) => seq
            .first()
            .and_then(|x| x.as_str())
            .unwrap_or("text")
            .to_string(),
        _ => "text".to_string(),
    };
    match s.split('.').next().unwrap_or("") {
        "sentence" => Scope::Sentence,
        "paragraph" => Scope::Paragraph,
        "heading" => Scope::Heading,
        _ => Scope::Text,
    }
}

impl ValeRule {
    fn parse(style: &str, file: &Path, text: &str) -> Result<ValeRule, String> {
        let y: ValeYaml = serde_norway::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            format!("{}:{line}: {e}", file.display())
        })?;
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("rule")
            .to_string();
        let severity = match y.level.as_deref().unwrap_or("warning") {
            "suggestion" => Severity::Info,
            "warning" => Severity::Warning,
            "error" => Severity::Error,
            other => {
                return Err(format!(
                    "{}: level `{other}` (expected suggestion, warning or error)",
                    file.display()
                ))
            }
        };
        let ic = y.ignorecase;
        let kind = match y.extends.as_str() {
            "existence" => {
                let mut alts = Vec::new();
                if !y.tokens.is_empty() {
                    alts.push(alternation(&y.tokens, y.nonword));
                }
                alts.extend(y.raw.iter().cloned());
                if alts.is_empty() {
                    return Err(format!("{}: existence needs `tokens` or `raw`", file.display()));
                }
                Kind::Existence(re(&alts.join("|"), ic, file)?)
            }
            "substitution" => {
                let keys: Vec<String> = y.swap.keys().cloned().collect();
                let whole = re(&alternation(&keys, y.nonword), ic, file)?;
                let mut swaps = Vec::new();
                for (k, v) in &y.swap {
                    let anchored = re(&format!("^(?:{k})$"), ic, file)?;
                    swaps.push((anchored, v.split('|').map(|s| s.trim().to_string()).collect()));
                }
                Kind::Substitution(whole, swaps)
            }
            "occurrence" => Kind::Occurrence {
                re: re(
                    y.token
                        .as_deref()
                        .ok_or_else(|| format!("{}: occurrence needs `token`", file.display()))?,
                    ic,
                    file,
                )?,
                max: y.max,
                min: y.min,
            },
            "repetition" => {
                let toks = if y.tokens.is_empty() {
                    vec![r"[^\s]+".to_string()]
                } else {
                    y.tokens.clone()
                };
                Kind::Repetition {
                    re: re(&format!("(?:{})", toks.join("|")), ic, file)?,
                    alpha: y.alpha,
                    ignorecase: ic,
                }
            }
            "consistency" => {
                let mut pairs = Vec::new();
                for (a, b) in &y.either {
                    pairs.push((
                        re(&alternation(std::slice::from_ref(a), y.nonword), ic, file)?,
                        re(&alternation(std::slice::from_ref(b), y.nonword), ic, file)?,
                    ));
                }
                Kind::Consistency(pairs)
            }
            "capitalization" => {
                let m = y.match_.clone().unwrap_or_else(|| "$title".to_string());
                let custom = if m.starts_with('$') {
                    None
                } else {
                    Some(re(&m, false, file)?)
                };
                Kind::Capitalization {
                    how: m,
                    custom,
                    exceptions: y.exceptions.clone(),
                }
            }
            other => {
                return Err(format!(
                    "{}: Vale rule type `{other}` is not supported (supported: existence, substitution, occurrence, repetition, consistency, capitalization)",
                    file.display()
                ))
            }
        };
        let id = format!("vale.{style}.{name}");
        let summary = y
            .description
            .clone()
            .unwrap_or_else(|| y.message.replace("%s", "…"));
        let doc = format!(
            "A Vale `{}` rule read from {}.{}",
            y.extends,
            file.display(),
            y.link.map(|l| format!("\nSee: {l}")).unwrap_or_default()
        );
        let info = RuleInfo {
            id: crate::base::intern::rule_id(&id),
            severity,
            summary: Cow::Owned(summary),
            doc: Cow::Owned(doc),
        };
        // Vale checks capitalization on headings unless told otherwise.
        let scope = match (&kind, &y.scope) {
            (Kind::Capitalization { .. }, None) => Scope::Heading,
            _ => scope_of(&y.scope),
        };
        Ok(ValeRule {
            info,
            message: y.message,
            scope,
            kind,
        })
    }

    fn say(&self, args: &[&str]) -> String {
        let mut msg = self.message.clone();
        for a in args {
            if let Some(i) = msg.find("%s") {
                msg.replace_range(i..i + 2, a);
            }
        }
        let msg = msg.trim().to_string();
        if msg.ends_with(['.', '?', '!']) {
            msg
        } else {
            msg + "."
        }
    }
}

/// Byte ranges of the story's units of `scope`.
fn units(text: &str, from: usize, scope: Scope) -> Vec<std::ops::Range<usize>> {
    match scope {
        Scope::Text => std::iter::once(from..text.len()).collect(),
        Scope::Paragraph => crate::rules::typography::paragraphs(text, from),
        Scope::Heading => {
            let mut out = Vec::new();
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                let l = line.trim_end();
                if let Some(rest) = l.strip_prefix('#') {
                    let h = rest.trim_start_matches('#').trim_start();
                    let start = at + (l.len() - h.len());
                    out.push(start..start + h.len());
                }
                at += line.len();
            }
            out
        }
        Scope::Sentence => {
            let mut out = Vec::new();
            for p in crate::rules::typography::paragraphs(text, from) {
                let mut start = p.start;
                let s = &text[p.clone()];
                for (i, c) in s.char_indices() {
                    let at = p.start + i + c.len_utf8();
                    if matches!(c, '.' | '!' | '?')
                        && text[at..p.end].starts_with(char::is_whitespace)
                    {
                        out.push(start..at);
                        start = at;
                    }
                }
                if start < p.end {
                    out.push(start..p.end);
                }
            }
            out
        }
    }
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "vs", "with", "from", "into",
];

fn capitalization_ok(how: &str, custom: &Option<Regex>, exceptions: &[String], s: &str) -> bool {
    if let Some(r) = custom {
        return r.is_match(s);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let exc = |w: &str| exceptions.iter().any(|e| e == w) || w.chars().all(|c| !c.is_lowercase());
    match how {
        "$lower" => s.chars().all(|c| !c.is_uppercase()),
        "$upper" => s.chars().all(|c| !c.is_lowercase()),
        "$sentence" => words.iter().enumerate().all(|(i, w)| {
            let first_upper = w.chars().next().is_some_and(char::is_uppercase);
            exc(w) || if i == 0 { first_upper } else { !first_upper }
        }),
        _ => words.iter().enumerate().all(|(i, w)| {
            let lower = w.to_lowercase();
            let first_upper = w.chars().next().is_some_and(|c| !c.is_lowercase());
            exc(w)
                || first_upper
                || (i > 0 && i + 1 < words.len() && SMALL_WORDS.contains(&lower.as_str()))
        }),
    }
}

impl Rule for ValeRule {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let from = cx.doc.body_start();
        // A marked-up story knows its headlines; plain text's are `#` lines.
        let units = match self.scope {
            Scope::Heading if cx.doc.is_marked_up() => cx
                .doc
                .segments()
                .iter()
                .filter(|s| s.kind == crate::text::markup::SegmentKind::Headline)
                .map(|s| s.prose.clone())
                .collect(),
            scope => units(text, from, scope),
        };
        for unit in units {
            let s = &text[unit.clone()];
            let at = |r: std::ops::Range<usize>| unit.start + r.start..unit.start + r.end;
            match &self.kind {
                Kind::Existence(re) => {
                    for m in re.find_iter(s) {
                        out.push(self.info.finding(at(m.range()), self.say(&[m.as_str()])));
                    }
                }
                Kind::Substitution(re, swaps) => {
                    for m in re.find_iter(s) {
                        let Some((_, fix)) = swaps.iter().find(|(k, _)| k.is_match(m.as_str()))
                        else {
                            continue;
                        };
                        if fix.iter().any(|f| f == m.as_str()) {
                            continue;
                        }
                        let msg = self.say(&[&fix.join("' or '"), m.as_str()]);
                        out.push(
                            self.info
                                .finding(at(m.range()), msg)
                                .with_suggestions(fix.clone())
                                .safe_if(fix.len() == 1),
                        );
                    }
                }
                Kind::Occurrence { re, max, min } => {
                    let found: Vec<_> = re.find_iter(s).collect();
                    if let Some(max) = max {
                        if found.len() > *max {
                            let n = found.len().to_string();
                            out.push(self.info.finding(at(found[*max].range()), self.say(&[&n])));
                        }
                    }
                    if let Some(min) = min {
                        if found.len() < *min && !s.trim().is_empty() {
                            let n = found.len().to_string();
                            let end = s.find('\n').unwrap_or(s.len()).max(1).min(s.len());
                            out.push(self.info.finding(at(0..end), self.say(&[&n])));
                        }
                    }
                }
                Kind::Repetition {
                    re,
                    alpha,
                    ignorecase,
                } => {
                    let mut prev: Option<regex::Match> = None;
                    for m in re.find_iter(s) {
                        if let Some(p) = prev {
                            let same = if *ignorecase {
                                p.as_str().to_lowercase() == m.as_str().to_lowercase()
                            } else {
                                p.as_str() == m.as_str()
                            };
                            let gap = &s[p.end()..m.start()];
                            if same
                                && gap.chars().all(char::is_whitespace)
                                && (!alpha || m.as_str().chars().all(char::is_alphabetic))
                            {
                                out.push(self.info.finding(at(m.range()), self.say(&[m.as_str()])));
                            }
                        }
                        prev = Some(m);
                    }
                }
                Kind::Consistency(pairs) => {
                    for (a, b) in pairs {
                        let (Some(fa), Some(fb)) = (a.find(s), b.find(s)) else {
                            continue;
                        };
                        let (first, later) = if fa.start() <= fb.start() {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        let first_text = first.find(s).map(|m| m.as_str()).unwrap_or("");
                        for m in later.find_iter(s) {
                            out.push(
                                self.info
                                    .finding(at(m.range()), self.say(&[m.as_str(), first_text])),
                            );
                        }
                    }
                }
                Kind::Capitalization {
                    how,
                    custom,
                    exceptions,
                } => {
                    if !s.trim().is_empty() && !capitalization_ok(how, custom, exceptions, s) {
                        out.push(self.info.finding(unit.clone(), self.say(&[s])));
                    }
                }
            }
        }
    }
}

/// Reads every `*.yml`/`*.yaml` rule under `dir`: a styles folder (one
/// sub-folder a style) or one style's folder.
pub fn load_dir(dir: &Path) -> Result<Vec<RuleRef>, ValeError> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|source| ValeError::ReadDir {
        dir: dir.to_path_buf(),
        source,
    })?;
    let style_name = |p: &Path| {
        p.file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("Vale")
            .to_string()
    };
    let is_yaml = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yml" || e == "yaml")
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if let Ok(inner) = std::fs::read_dir(&p) {
                for f in inner.flatten() {
                    if is_yaml(&f.path()) {
                        files.push((style_name(&p), f.path()));
                    }
                }
            }
        } else if is_yaml(&p) {
            files.push((style_name(dir), p));
        }
    }
    files.sort();
    let mut rules: Vec<RuleRef> = Vec::new();
    for (style, file) in files {
        let text = std::fs::read_to_string(&file).map_err(|source| ValeError::ReadFile {
            file: file.clone(),
            source,
        })?;
        rules.push(Arc::new(
            ValeRule::parse(&style, &file, &text).map_err(ValeError::Rule)?,
        ));
    }
    Ok(rules)
}
