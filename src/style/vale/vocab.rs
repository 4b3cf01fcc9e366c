//! Vale vocabularies: `Vocab = Name` in a `.vale.ini` reads
//! `StylesPath/config/vocabularies/Name/accept.txt` and `reject.txt` (or,
//! as older Vale kept them, `StylesPath/Vocab/Name/`). Accepted terms (one
//! pattern a line, case-sensitive unless it says `(?i)`) are exceptions
//! for every rule that takes `vocab`, and feed Vale's own `Vale.Terms`
//! (an accepted term in the wrong case); rejected terms feed `Vale.Avoid`.
//! With `BasedOnStyles = Vale`, `Vale.Repetition` and `Vale.Spelling` run
//! too.

use super::checks::{BuildCx, Check};
use super::definition::RuleYaml;
use super::{Problem, RuleProblem, ValeRule};
use crate::base::finding::Severity;
use crate::base::{ValeSetup, ValeToggle};
use serde_norway::Value;
use std::path::{Path, PathBuf};

/// The accepted and rejected terms of every vocabulary in use.
#[derive(Debug, Default)]
pub struct Vocab {
    pub accept: Vec<String>,
    pub reject: Vec<String>,
}

impl Vocab {
    /// Reads the vocabularies `setup` names under `styles`; one that cannot
    /// be found is a problem, and the others are read.
    pub fn read(
        styles: &Path,
        setup: Option<&ValeSetup>,
        problems: &mut Vec<RuleProblem>,
    ) -> Vocab {
        let mut v = Vocab::default();
        for name in setup.map(|s| s.vocab.as_slice()).unwrap_or_default() {
            let Some(dir) = folder(styles, name) else {
                problems.push(RuleProblem {
                    file: styles.join("config").join("vocabularies").join(name),
                    problem: Problem::Vocab(format!("no vocabulary `{name}`")),
                });
                continue;
            };
            v.accept.extend(lines(&dir.join("accept.txt")));
            v.reject.extend(lines(&dir.join("reject.txt")));
        }
        v
    }
}

fn folder(styles: &Path, name: &str) -> Option<PathBuf> {
    [
        styles.join("config").join("vocabularies").join(name),
        styles.join("Vocab").join(name),
    ]
    .into_iter()
    .find(|d| d.is_dir())
}

/// A list file's entries: trimmed lines, blank lines and `#` comments left
/// out. A missing file is an empty list.
fn lines(path: &Path) -> Vec<String> {
    let Ok(bytes) = crate::base::files::read_bounded(path, 16 << 20) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Vale's own rules, as `setup` turns them on.
pub fn builtin(words: &Vocab, setup: Option<&ValeSetup>) -> Vec<ValeRule> {
    let level = |name: &str, default: Severity| -> Option<Severity> {
        let id = format!("Vale.{name}");
        match setup.and_then(|s| s.rules.iter().rev().find(|(r, _)| *r == id)) {
            Some((_, ValeToggle::Off)) => None,
            Some((_, ValeToggle::Level(l))) => Some(*l),
            _ => Some(default),
        }
    };
    let mut out = Vec::new();
    let mut add = |name: &str, default, message: &str, summary: &str, check: Option<Check>| {
        if let (Some(sev), Some(check)) = (level(name, default), check) {
            out.push(ValeRule::made(
                &format!("vale.Vale.{name}"),
                sev,
                message,
                summary,
                check,
            ));
        }
    };
    let none = Path::new("");
    let cx = BuildCx {
        file: none,
        styles: none,
        accept: &words.accept,
    };
    let terms = (!words.accept.is_empty())
        .then(|| Check::terms(&words.accept).ok())
        .flatten();
    add(
        "Terms",
        Severity::Error,
        "Use '%s' instead of '%s'.",
        "An accepted term in another case",
        terms,
    );
    let avoid = (!words.reject.is_empty())
        .then(|| {
            let y = RuleYaml {
                tokens: Some(Value::Sequence(
                    words.reject.iter().cloned().map(Value::String).collect(),
                )),
                ..RuleYaml::default()
            };
            Check::build("existence", &y, &BuildCx { accept: &[], ..cx }).ok()
        })
        .flatten();
    add(
        "Avoid",
        Severity::Error,
        "Avoid using '%s'.",
        "A rejected term",
        avoid,
    );
    let repetition = RuleYaml {
        alpha: true,
        ignorecase: true,
        ..RuleYaml::default()
    };
    let rep = Check::build("repetition", &repetition, &cx).ok();
    add(
        "Repetition",
        Severity::Error,
        "'%s' is repeated!",
        "A word repeated",
        rep,
    );
    let spelling = Check::build("spelling", &RuleYaml::default(), &cx).ok();
    add(
        "Spelling",
        Severity::Error,
        "Did you really mean '%s'?",
        "A word the speller does not know",
        spelling,
    );
    out
}
