//! The linter for one story, top to bottom: document → tokens → words →
//! rules → findings, sorted by position, with the desk's severities and
//! the story's suppression comments applied. [`pool`] keeps one linter per
//! distinct settings for the command line, the language server and the
//! HTTP service alike.

pub mod pool;
pub mod suppress;

use crate::base::finding::Finding;
use crate::base::{Settings, Severity};
use crate::config::{self, WordListError};
use crate::ngram::model::{Model, ModelError};
use crate::registry::{self, RulesError, Selection};
use crate::rules::{Context, RuleRef};
use crate::spell::desk::{DeskDictionary, DeskDictionaryError};
use crate::spell::Speller;
use crate::style::vale::RuleProblem;
use crate::text::document::Document;
use crate::text::token::{tokenize, Token};
use crate::words::{analyze_on, Analysis};
use std::collections::HashSet;
use std::sync::Arc;

pub use pool::Pool;

pub struct Linter {
    speller: Speller,
    model: Option<Arc<Model>>,
    rules: Vec<RuleRef>,
    /// Vale rules left out of this linter because they cannot be loaded.
    notices: Vec<RuleProblem>,
    /// Severity per rule id or prefix (`[severity]`), most specific wins.
    severity: Vec<(String, Severity)>,
    /// Which checks of the story's suppression comments are on.
    comment_checks: suppress::Checks,
}

/// What stops a linter being built exactly as configured. Each names the
/// file at fault; [`Linter::lenient`] says what it did instead.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Words(#[from] WordListError),
    #[error(transparent)]
    Dictionary(#[from] DeskDictionaryError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// A Vale rule that cannot be loaded: left out unless the run is
    /// strict (`--vale-strict`, `vale_strict = true`).
    #[error(transparent)]
    ValeRule(#[from] RuleProblem),
}

impl BuildError {
    /// What a lenient build does without the part that failed.
    pub fn fallback(&self) -> &'static str {
        match self {
            BuildError::Words(_) => "checking without this word list",
            BuildError::Dictionary(_) => "checking without this dictionary",
            BuildError::Model(_) => "checking with the built-in context model",
            BuildError::Rules(RulesError::Vale(_)) => "checking without the Vale rules",
            BuildError::Rules(RulesError::Style(_)) => "checking without the banned-word list",
            BuildError::Rules(RulesError::SelectsNothing { .. }) => "leaving that selection out",
            BuildError::ValeRule(p) => p.outcome(),
        }
    }
}

impl Linter {
    /// A linter exactly as `settings` say, or the first thing that stops it
    /// (the command line's way: a run that cannot be done as asked exits 2).
    pub fn new(settings: &Settings) -> Result<Self, BuildError> {
        let mut words = HashSet::new();
        for file in &settings.word_files {
            config::load_words(file, &mut words)?;
        }
        let desk = settings
            .hunspell
            .iter()
            .map(|d| DeskDictionary::load(d))
            .collect::<Result<Vec<_>, _>>()?;
        let model = settings
            .model
            .as_deref()
            .map(crate::ngram::model::shared)
            .transpose()?;
        let selection = registry::selected(settings)?;
        if settings.vale_strict {
            if let Some(p) = selection.problems.iter().find(|p| !p.is_notice()) {
                return Err(p.clone().into());
            }
        }
        Ok(Linter::from_parts(settings, words, desk, model, selection))
    }

    /// A linter as close to `settings` as can be built, and what had to be
    /// left out (the editor's and the service's way): an unreadable word
    /// list is skipped, a broken model gives way to the built-in one, Vale
    /// rules or a banned list that cannot be read are dropped, and so is
    /// each Vale rule that cannot be loaded (one problem a rule). Everything
    /// else (dialect, style pack, selection, severities) stays as set.
    pub fn lenient(settings: &Settings) -> (Self, Vec<BuildError>) {
        let mut problems = Vec::new();
        let mut words = HashSet::new();
        for file in &settings.word_files {
            if let Err(e) = config::load_words(file, &mut words) {
                problems.push(BuildError::from(e));
            }
        }
        let mut desk = Vec::new();
        for file in &settings.hunspell {
            match DeskDictionary::load(file) {
                Ok(d) => desk.push(d),
                Err(e) => problems.push(e.into()),
            }
        }
        let model = settings.model.as_deref().and_then(|path| {
            crate::ngram::model::shared(path)
                .map_err(|e| problems.push(e.into()))
                .ok()
        });
        let mut narrowed = settings.clone();
        let selection = loop {
            match registry::selected(&narrowed) {
                Ok(selection) => break selection,
                Err(e) => {
                    let nothing_left = match &e {
                        RulesError::Vale(_) => {
                            narrowed.vale = None;
                            false
                        }
                        RulesError::Style(_) => {
                            narrowed.banned.clear();
                            false
                        }
                        RulesError::SelectsNothing { pattern, .. } => {
                            let pattern = pattern.clone();
                            narrowed.select.retain(|p| *p != pattern);
                            narrowed.select.is_empty()
                        }
                    };
                    problems.push(e.into());
                    if nothing_left {
                        // Nothing the desk asked for can run: run nothing
                        // rather than every default rule.
                        break Selection::default();
                    }
                }
            }
        };
        problems.extend(selection.problems.iter().cloned().map(BuildError::from));
        (
            Linter::from_parts(settings, words, desk, model, selection),
            problems,
        )
    }

    fn from_parts(
        settings: &Settings,
        words: HashSet<String>,
        desk: Vec<DeskDictionary>,
        model: Option<Arc<Model>>,
        selection: Selection,
    ) -> Self {
        let on = |id: &str| selection.rules.iter().any(|r| r.info().id == id);
        let comment_checks = suppress::Checks {
            unknown: on(crate::rules::suppression::UNKNOWN_RULE.id),
            unused: on(crate::rules::suppression::UNUSED.id),
        };
        Linter {
            speller: Speller::new(settings.dialect, words).with_desk(desk),
            model,
            comment_checks,
            rules: selection.rules,
            notices: selection.problems,
            severity: settings.severity.clone(),
        }
    }

    /// The Vale rules that could not be loaded and were left out (for the
    /// caller to report once).
    pub fn notices(&self) -> &[RuleProblem] {
        &self.notices
    }

    /// The rules this linter runs.
    pub fn rules(&self) -> &[RuleRef] {
        &self.rules
    }

    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        self.check_on(doc, 1)
    }

    /// [`Linter::check`] judging a long story's words on up to `threads`
    /// threads: the same findings, sooner on a big file.
    pub fn check_on(&self, doc: &Document, threads: usize) -> Vec<Finding> {
        let tokens = tokenize(&doc.text, doc.body_start());
        // A speller with a desk's Hunspell dictionaries cannot be remade on
        // another thread (no recipe): then every rule runs here.
        let apart = threads > 1
            && doc.text.len() >= RULES_APART_MIN_BYTES
            && self.rules.iter().any(|r| r.runs_apart());
        let recipe = apart.then(|| self.speller.recipe()).flatten();
        let mut findings = if let Some(recipe) = recipe {
            self.run_rules_apart(doc, &tokens, threads, recipe)
        } else {
            let words = analyze_on(&doc.text, &tokens, &self.speller, threads);
            let cx = Context {
                doc,
                tokens: &tokens,
                words: &words,
                speller: &self.speller,
                model: self.model.as_deref(),
            };
            let mut findings = Vec::new();
            for rule in &self.rules {
                rule.check(&cx, &mut findings);
            }
            findings
        };
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        if !self.severity.is_empty() {
            for f in &mut findings {
                if let Some(s) = registry::severity_override(&self.severity, f.rule) {
                    f.severity = s;
                }
            }
        }
        if doc.is_marked_up() {
            to_source(doc, &mut findings);
        }
        let about_comments = suppress::apply(doc.source(), &mut findings, self.comment_checks);
        if !about_comments.is_empty() {
            findings.extend(about_comments);
            findings.sort_by(|a, b| {
                (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
            });
            for f in &mut findings {
                if let Some(s) = registry::severity_override(&self.severity, f.rule) {
                    f.severity = s;
                }
            }
        }
        findings
    }
}

/// A story this long runs the rules that run apart ([`Rule::runs_apart`])
/// on a thread of their own when the linter has two threads or more.
const RULES_APART_MIN_BYTES: usize = 64 * 1024;

impl Linter {
    /// Runs the rules that run apart ([`Rule::runs_apart`]) on a thread of
    /// their own from the start, with a speller of their own (a speller's
    /// Hunspell handle stays on its thread) and an empty word analysis,
    /// while this thread analyses the words (on `threads` threads) and runs
    /// the other rules; the findings come out as [`Linter::check`] makes
    /// them, rule by rule in the linter's order. `recipe` remakes the
    /// speller ([`Speller::recipe`]).
    ///
    /// [`Rule::runs_apart`]: crate::rules::Rule::runs_apart
    fn run_rules_apart(
        &self,
        doc: &Document,
        tokens: &[Token],
        threads: usize,
        (dialect, user): (crate::base::Dialect, HashSet<String>),
    ) -> Vec<Finding> {
        let mut by_rule: Vec<Vec<Finding>> = vec![Vec::new(); self.rules.len()];
        let model = self.model.as_deref();
        std::thread::scope(|scope| {
            let rules = &self.rules;
            let other = scope.spawn(move || {
                let speller = Speller::new(dialect, user);
                let no_words = Analysis::default();
                let cx = Context {
                    doc,
                    tokens,
                    words: &no_words,
                    speller: &speller,
                    model,
                };
                let mut done = Vec::new();
                for (i, rule) in rules.iter().enumerate() {
                    if rule.runs_apart() {
                        let mut out = Vec::new();
                        rule.check(&cx, &mut out);
                        done.push((i, out));
                    }
                }
                done
            });
            let words = analyze_on(&doc.text, tokens, &self.speller, threads);
            let cx = Context {
                doc,
                tokens,
                words: &words,
                speller: &self.speller,
                model,
            };
            for (rule, out) in self.rules.iter().zip(&mut by_rule) {
                if !rule.runs_apart() {
                    rule.check(&cx, out);
                }
            }
            for (i, out) in other.join().expect("a rule's thread panicked") {
                by_rule[i] = out;
            }
        });
        by_rule.concat()
    }
}

/// The one place where findings, made on the prose, move to the source: a
/// span becomes the source bytes it comes from (a decoded entity's whole
/// reference, say), and a safe fix stays safe only when the prose span is
/// the source's bytes exactly and its replacement can be written into the
/// format as it is; otherwise it becomes a suggestion for a person.
fn to_source(doc: &Document, findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        let (span, exact) = doc.to_source(f.span.clone());
        f.span = span;
        let writable = f
            .suggestions
            .first()
            .is_some_and(|s| doc.format.writes_verbatim(s));
        if !(exact && writable) {
            f.fix = crate::base::finding::Applicability::Suggested;
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn desk(dir: &std::path::Path) -> Settings {
        Settings {
            style: Some(crate::base::Pack::Agency),
            select: vec!["spelling".into(), "style".into()],
            word_files: vec![dir.join("missing-words.txt")],
            model: Some(dir.join("missing.nlm")),
            ..Settings::default()
        }
    }

    #[test]
    fn a_long_story_on_two_threads_gets_the_same_findings_in_the_same_order() {
        // The slips once each (a word the story repeats is the writer's).
        let slips = "They signed a peace deal after the ware ended. \
                     The the council met , and the minister said the troups would stay.\n\n";
        let mut text = String::from(slips);
        let mut day = 0;
        while text.len() < RULES_APART_MIN_BYTES + 1000 {
            day += 1;
            text.push_str(&format!(
                "The council met on day {day} and heard {day} reports.\n\n"
            ));
        }
        let linter = Linter::new(&Settings::default()).unwrap();
        let doc = Document::new("long.txt", &text);
        let one = linter.check_on(&doc, 1);
        let two = linter.check_on(&doc, 2);
        for rule in [
            "context.real-word",
            "spelling.unknown-word",
            "typography.repeated-word",
        ] {
            assert!(one.iter().any(|f| f.rule == rule), "{rule} found nothing");
        }
        assert_eq!(one, two);
    }

    #[test]
    fn a_strict_build_names_the_file_at_fault() {
        let dir = tempfile::tempdir().unwrap();
        let err = Linter::new(&desk(dir.path())).err().expect("fails");
        assert!(matches!(err, BuildError::Words(_)), "{err}");
        assert!(err.to_string().contains("missing-words.txt"), "{err}");
    }

    #[test]
    fn a_lenient_build_keeps_the_rest_of_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let (linter, problems) = Linter::lenient(&desk(dir.path()));
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{said:?}");
        assert!(matches!(problems[0], BuildError::Words(_)));
        assert!(matches!(problems[1], BuildError::Model(_)));
        assert!(said[1].contains("missing.nlm"), "{said:?}");
        // The pack and the selection stay in force.
        let ids: Vec<&str> = linter.rules().iter().map(|r| r.info().id).collect();
        assert!(ids.contains(&"style.agency.per-cent"), "{ids:?}");
        assert!(!ids.contains(&"typography.double-space"), "{ids:?}");
        let doc = Document::new("-", "Prices rose 5 percent as troups left.");
        let rules: Vec<&str> = linter.check(&doc).iter().map(|f| f.rule).collect();
        assert!(rules.contains(&"spelling.unknown-word"), "{rules:?}");
        assert!(
            rules.iter().any(|r| r.starts_with("style.agency")),
            "{rules:?}"
        );
    }

    #[test]
    fn a_vale_rule_that_cannot_load_is_one_problem_and_the_rest_run() {
        let dir = tempfile::tempdir().unwrap();
        let style = dir.path().join("Desk");
        std::fs::create_dir(&style).unwrap();
        std::fs::write(
            style.join("Good.yml"),
            "extends: existence\nmessage: x\ntokens: [arguably]\n",
        )
        .unwrap();
        std::fs::write(
            style.join("Bad.yml"),
            "extends: existence\nmessage: x\nraw: ['(']\n",
        )
        .unwrap();
        let settings = Settings {
            vale: Some(dir.path().to_path_buf()),
            ..Settings::default()
        };
        let (linter, problems) = Linter::lenient(&settings);
        assert!(
            matches!(problems[..], [BuildError::ValeRule(ref p)] if p.file.ends_with("Bad.yml"))
        );
        assert_eq!(problems[0].fallback(), "rule left out");
        let ids: Vec<&str> = linter.rules().iter().map(|r| r.info().id).collect();
        assert!(ids.contains(&"vale.Desk.Good"), "{ids:?}");
        // The strict build keeps it as a notice, or fails when asked to.
        assert_eq!(Linter::new(&settings).unwrap().notices().len(), 1);
        let strict = Settings {
            vale_strict: true,
            ..settings
        };
        let err = Linter::new(&strict).err().expect("strict fails");
        assert!(err.to_string().contains("Bad.yml"), "{err}");
    }

    #[test]
    fn a_bad_vale_folder_is_left_out_of_a_lenient_build() {
        let settings = Settings {
            vale: Some(PathBuf::from("/no/such/vale/styles")),
            ..Settings::default()
        };
        let (linter, problems) = Linter::lenient(&settings);
        assert!(matches!(
            problems[..],
            [BuildError::Rules(RulesError::Vale(_))]
        ));
        assert!(!linter.rules().is_empty());
    }
}
