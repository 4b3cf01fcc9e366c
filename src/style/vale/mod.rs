//! Vale compatibility: a desk's Vale styles run unchanged as newslint
//! rules `vale.STYLE.RULE`, from a styles folder (`--vale DIR`, `vale =
//! "dir"`) or the `.vale.ini` the desk already has (`--vale-config FILE`,
//! `vale_config = "…"`, or one found beside or above the story).
//!
//! - [`definition`]: the rule file's YAML, levels, messages with `%s`;
//! - [`pattern`]: Vale's regex dialect (fancy-regex, bounded backtracking);
//! - [`scope`]: which blocks of a story a rule reads;
//! - `checks`: the rule types, one module per family;
//! - [`ini`]: `.vale.ini` (StylesPath, BasedOnStyles, per-glob sections,
//!   vocabularies, MinAlertLevel, `Style.Rule = NO|YES|level`);
//! - [`vocab`]: accept and reject lists, and Vale's own `Vale.Terms` and
//!   `Vale.Avoid` rules made from them.
//!
//! Loading never fails for one rule: [`load`] returns the rules that
//! loaded and, for each one that did not, a [`RuleProblem`] naming its
//! file and the reason. docs/vale.md says what is and is not supported.
//!
//! YAML is read with `serde_norway`, the maintained fork of the archived
//! `serde_yaml` (same API; MSRV 1.71, which fits ours where `serde-saphyr`
//! 2.x needs 1.89; `yaml-rust2` has no serde and would mean walking trees).

mod checks;
pub mod definition;
pub mod ini;
pub mod pattern;
pub mod scope;
pub mod vocab;

use crate::base::finding::{Finding, Severity};
use crate::base::{ValeSetup, ValeToggle};
use crate::rules::{Context, Rule, RuleInfo, RuleRef};
use checks::{BuildCx, Check, Env, Hit, Memory};
use definition::{format_message, severity, strings, RuleYaml};
use pattern::Budget;
use scope::Scope;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use checks::BuildError as CheckError;

/// A Vale rule file, loaded.
pub struct ValeRule {
    info: RuleInfo,
    message: String,
    scope: Scope,
    limit: Option<usize>,
    check: Check,
}

/// Why a folder of Vale rules cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum ValeError {
    #[error("{}: cannot read Vale styles: {source}", dir.display())]
    ReadDir {
        dir: PathBuf,
        source: std::io::Error,
    },
}

/// What newslint does not do of Vale's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unsupported {
    #[error("Vale rule type `{0}` is not one newslint knows (expected existence, substitution, occurrence, repetition, consistency, conditional, capitalization, metric, sequence, spelling or script)")]
    Type(String),
    #[error("a `sequence` token with a part-of-speech `tag` needs a tagger, which newslint does not have")]
    Tagging,
    #[error("`script` rules (Tengo scripts) are not run by newslint")]
    Script,
}

/// Why one rule file was left out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read: {0}")]
    Read(String),
    #[error("line {line}: {message}")]
    Yaml { line: usize, message: String },
    #[error("no `extends` key: not a Vale rule")]
    NoExtends,
    #[error("level `{0}` (expected suggestion, warning or error)")]
    Level(String),
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error("cannot read vocabulary: {0}")]
    Vocab(String),
}

/// A rule (or vocabulary) newslint could not load, and why: reported once,
/// the other rules running without it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {problem}", file.display())]
pub struct RuleProblem {
    pub file: PathBuf,
    pub problem: Problem,
}

impl RuleProblem {
    /// What became of the rule.
    pub fn outcome(&self) -> &'static str {
        match self.problem {
            Problem::Check(CheckError::Unsupported(Unsupported::Script)) => "skipped",
            Problem::Vocab(_) => "checking without it",
            _ => "rule left out",
        }
    }

    /// A notice rather than a fault: the rule is valid Vale that newslint
    /// deliberately does not run. Not an error even with `--vale-strict`.
    pub fn is_notice(&self) -> bool {
        matches!(
            self.problem,
            Problem::Check(CheckError::Unsupported(Unsupported::Script))
        )
    }
}

/// The rules that loaded and the problems of those that did not.
#[derive(Default)]
pub struct Loaded {
    pub rules: Vec<RuleRef>,
    pub problems: Vec<RuleProblem>,
}

/// Reads the Vale rules under `dir` (a styles folder, one sub-folder a
/// style, or one style's folder) that `setup` turns on: all of them
/// without a setup.
pub fn load(dir: &Path, setup: Option<&ValeSetup>) -> Result<Loaded, ValeError> {
    let mut loaded = Loaded::default();
    let words = vocab::Vocab::read(dir, setup, &mut loaded.problems);
    let wanted: Vec<(String, String, PathBuf, Option<Severity>)> = rule_files(dir)?
        .into_iter()
        .filter_map(|(style, file)| {
            let name = file.file_stem()?.to_str()?.to_string();
            let level = wanted(setup, &style, &name)?;
            Some((style, name, file, level))
        })
        .collect();
    let built = build_all(&wanted, |(style, name, file, _)| {
        read_rule(style, name, file, dir, &words.accept)
    });
    for ((_, _, file, level), result) in wanted.into_iter().zip(built) {
        match result {
            Ok(mut rule) => {
                if let Some(l) = level {
                    rule.info.severity = l;
                }
                if above_minimum(setup, rule.info.severity) {
                    loaded.rules.push(Arc::new(rule));
                }
            }
            Err(problem) => loaded.problems.push(RuleProblem { file, problem }),
        }
    }
    if setup.is_some_and(|s| s.styles.iter().any(|s| s == "Vale")) {
        for rule in vocab::builtin(&words, setup) {
            if above_minimum(setup, rule.info.severity) {
                loaded.rules.push(Arc::new(rule));
            }
        }
    }
    Ok(loaded)
}

/// `build` of every item, in order, on as many cores as the process may
/// use (up to four): compiling a style's patterns is most of what a Vale
/// rule costs a one-story run.
fn build_all<T: Sync, R: Send>(items: &[T], build: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(items.len().div_ceil(4).max(1));
    if workers <= 1 {
        return items.iter().map(&build).collect();
    }
    let chunk = items.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&build).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a rule-building thread panicked"))
            .collect()
    })
}

/// One rule from its YAML text, as if read from `STYLE/NAME.yml` in the
/// current folder (for tools and tests that make rules in code).
pub fn parse_rule(style: &str, name: &str, yaml: &str) -> Result<ValeRule, Problem> {
    let file = PathBuf::from(format!("{style}/{name}.yml"));
    rule_from_text(style, name, &file, Path::new("."), &[], yaml)
}

/// Does `setup` run rule `style.name`, and at which level (`Some(None)`:
/// its own)?
fn wanted(setup: Option<&ValeSetup>, style: &str, name: &str) -> Option<Option<Severity>> {
    let Some(setup) = setup else {
        return Some(None);
    };
    let id = format!("{style}.{name}");
    let toggle = setup
        .rules
        .iter()
        .rev()
        .find(|(r, _)| *r == id)
        .map(|(_, t)| *t);
    match toggle {
        Some(ValeToggle::Off) => None,
        Some(ValeToggle::On) => Some(None),
        Some(ValeToggle::Level(l)) => Some(Some(l)),
        None => setup.styles.iter().any(|s| s == style).then_some(None),
    }
}

fn above_minimum(setup: Option<&ValeSetup>, level: Severity) -> bool {
    setup
        .and_then(|s| s.min_level)
        .is_none_or(|min| level >= min)
}

/// `(style, file)` for every rule file under `dir`, sorted.
fn rule_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, ValeError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ValeError::ReadDir {
        dir: dir.to_path_buf(),
        source,
    })?;
    let name_of = |p: &Path| {
        p.file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("Vale")
            .to_string()
    };
    let is_yaml = |p: &Path| {
        p.is_file()
            && p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e == "yml" || e == "yaml")
    };
    let mut files = Vec::new();
    for p in entries.flatten().map(|e| e.path()) {
        let name = name_of(&p);
        if p.is_dir() && !name.starts_with('.') && name != "config" && name != "Vocab" {
            let inner = std::fs::read_dir(&p).into_iter().flatten().flatten();
            files.extend(
                inner
                    .map(|f| f.path())
                    .filter(|f| is_yaml(f))
                    .map(|f| (name.clone(), f)),
            );
        } else if is_yaml(&p) {
            files.push((name_of(dir), p));
        }
    }
    files.sort();
    Ok(files)
}

fn read_rule(
    style: &str,
    name: &str,
    file: &Path,
    styles: &Path,
    accept: &[String],
) -> Result<ValeRule, Problem> {
    let bytes = crate::base::files::read_bounded(file, 16 << 20)
        .map_err(|e| Problem::Read(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| Problem::Read("not UTF-8".into()))?;
    rule_from_text(style, name, file, styles, accept, &text)
}

fn rule_from_text(
    style: &str,
    name: &str,
    file: &Path,
    styles: &Path,
    accept: &[String],
    text: &str,
) -> Result<ValeRule, Problem> {
    let y: RuleYaml =
        serde_norway::from_str(crate::base::files::strip_bom(text)).map_err(|e| Problem::Yaml {
            line: e.location().map_or(1, |l| l.line()),
            message: e.to_string().lines().next().unwrap_or("").to_string(),
        })?;
    let extends = y.extends.clone().ok_or(Problem::NoExtends)?;
    let severity = match y.level.as_deref() {
        None => Severity::Warning,
        Some(l) => severity(l).ok_or_else(|| Problem::Level(l.to_string()))?,
    };
    if extends == "script" {
        return Err(CheckError::Unsupported(Unsupported::Script).into());
    }
    let cx = BuildCx {
        file,
        styles,
        accept,
    };
    let check = Check::build(&extends, &y, &cx)?;
    let scope = Scope::new(&scope_names(&y), Check::default_scope(&extends));
    let id = format!("vale.{style}.{name}");
    let message = y.message.clone().unwrap_or_default();
    let summary = y
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| message.replace("%s", "…"));
    let doc = format!(
        "A Vale `{extends}` rule read from {}.{}",
        file.display(),
        y.link
            .as_ref()
            .map(|l| format!("\nSee: {}", l.trim()))
            .unwrap_or_default()
    );
    Ok(ValeRule {
        info: RuleInfo {
            id: crate::base::intern::rule_id(&id),
            severity,
            summary: Cow::Owned(summary.trim().to_string()),
            doc: Cow::Owned(doc),
        },
        message,
        scope,
        limit: y.limit.filter(|l| *l > 0),
        check,
    })
}

/// The rule's `scope` names (a name or a list of them).
fn scope_names(y: &RuleYaml) -> Vec<String> {
    strings(&y.scope)
}

/// Is the story Markdown, judged by its path's extension?
fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".md", ".markdown", ".mdx"]
        .iter()
        .any(|e| lower.ends_with(e))
}

impl ValeRule {
    /// A rule made in code (Vale's own `Vale.*` rules).
    fn made(id: &str, severity: Severity, message: &str, summary: &str, check: Check) -> ValeRule {
        ValeRule {
            info: RuleInfo {
                id: crate::base::intern::rule_id(id),
                severity,
                summary: Cow::Owned(summary.to_string()),
                doc: Cow::Owned(format!(
                    "{summary} (Vale's built-in style `Vale`, from the `.vale.ini` vocabularies)."
                )),
            },
            message: message.to_string(),
            scope: Scope::new(&[], "text"),
            limit: None,
            check,
        }
    }

    fn hits(&self, cx: &Context) -> Vec<Hit> {
        let text = cx.text();
        let marked = cx.doc.is_marked_up().then(|| scope::Marked {
            segments: cx.doc.segments(),
            source: cx.doc.source(),
        });
        let blocks = scope::blocks(
            text,
            cx.doc.body_start(),
            is_markdown(&cx.doc.path),
            marked.as_ref(),
            &self.scope,
        );
        let budget = Budget::start();
        let mut memory = Memory::default();
        let mut hits = Vec::new();
        for block in &blocks {
            if budget.spent() {
                break;
            }
            let env = Env {
                cx,
                block,
                budget: &budget,
            };
            self.check.run(&env, &mut memory, &mut hits);
            if self.check.once_a_story() {
                break;
            }
        }
        hits.sort_by_key(|h| (h.span.start, h.span.end));
        hits.dedup_by(|a, b| a.span == b.span);
        if let Some(limit) = self.limit {
            hits.truncate(limit);
        }
        hits
    }
}

impl Rule for ValeRule {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for hit in self.hits(cx) {
            let args: Vec<&str> = hit.args.iter().map(String::as_str).collect();
            let mut message = format_message(&self.message, &args);
            if message.is_empty() {
                message = self.info.summary.to_string();
            }
            let safe = hit.safe && !hit.span.is_empty();
            out.push(
                self.info
                    .finding(hit.span, message)
                    .with_suggestions(hit.suggestions)
                    .safe_if(safe),
            );
        }
    }
}
