//! The pipeline, top to bottom: document → tokens → words → rules →
//! findings, sorted by position.

use crate::config::{self, Dialect, Settings};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{self, Context, Rule};
use crate::spell::Speller;
use crate::token::tokenize;
use crate::words::analyze;
use std::collections::HashSet;

pub struct Linter {
    speller: Speller,
    model: Option<crate::context::model::Model>,
    rules: Vec<&'static dyn Rule>,
    /// Severity per rule id or prefix (`[severity]`), most specific wins.
    severity: Vec<(String, crate::finding::Severity)>,
}

impl Linter {
    /// A linter for these settings; fails (with a one-line reason) when a
    /// word file cannot be read.
    pub fn new(settings: &Settings) -> Result<Self, String> {
        let mut words = HashSet::new();
        for file in &settings.word_files {
            config::load_words(file, &mut words)?;
        }
        Ok(Linter {
            speller: Speller::new(settings.dialect, words),
            model: settings
                .model
                .as_deref()
                .map(crate::context::model::Model::open)
                .transpose()?,
            rules: selected(settings)?,
            severity: settings.severity.clone(),
        })
    }

    /// The rules this linter runs.
    pub fn rules(&self) -> &[&'static dyn Rule] {
        &self.rules
    }

    /// May `--fix` apply this finding's first suggestion unattended?
    pub fn safe_fix(&self, f: &Finding) -> bool {
        !f.suggestions.is_empty()
            && self
                .rules
                .iter()
                .find(|r| r.info().id == f.rule)
                .is_some_and(|r| r.safe_fix(f))
    }

    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let tokens = tokenize(&doc.text, doc.body_start());
        let words = analyze(&doc.text, &tokens, &self.speller);
        let cx = Context {
            doc,
            tokens: &tokens,
            words: &words,
            speller: &self.speller,
            model: self.model.as_ref(),
        };
        let mut findings = Vec::new();
        for rule in &self.rules {
            rule.check(&cx, &mut findings);
        }
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        if !self.severity.is_empty() {
            for f in &mut findings {
                if let Some(s) = most_specific(&self.severity, f.rule) {
                    f.severity = s;
                }
            }
        }
        crate::suppress::apply(&doc.text, &mut findings);
        findings
    }
}

/// How specific a selector is for `id`: `None` if it does not cover it,
/// else the number of its dotted parts (`ALL` is 0).
fn specificity(pattern: &str, id: &str) -> Option<usize> {
    if pattern == "ALL" {
        return Some(0);
    }
    crate::suppress::covers(pattern, id)
        .then(|| pattern.trim_end_matches(['.', '*']).split('.').count())
}

fn most_specific<T: Copy>(list: &[(String, T)], id: &str) -> Option<T> {
    list.iter()
        .filter_map(|(p, v)| specificity(p, id).map(|s| (s, *v)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, v)| v)
}

/// The rules on for these settings, ruff-like: the defaults (every rule
/// but house style, plus the chosen pack's and any Vale rules) or those
/// `select`ed, less those `ignore`d; the more specific selector wins, and
/// `ignore` wins a tie.
pub fn selected(settings: &Settings) -> Result<Vec<&'static dyn Rule>, String> {
    // Not `rules::all()`: that lists every style rule, and so parses the
    // embedded packs, which a run without `--style` has no use for.
    let mut available: Vec<&'static dyn Rule> = rules::without_style();
    available.extend(crate::style::active(settings)?);
    if let Some(dir) = &settings.vale {
        available.extend(crate::style::vale::load_dir(dir)?);
    }
    let best = |list: &[String], id: &str| list.iter().filter_map(|p| specificity(p, id)).max();
    Ok(available
        .into_iter()
        .filter(|r| {
            let id = r.info().id;
            let on = if settings.select.is_empty() {
                Some(0)
            } else {
                best(&settings.select, id)
            };
            match (on, best(&settings.ignore, id)) {
                (None, _) => false,
                (Some(s), Some(i)) => s > i,
                (Some(_), None) => true,
            }
        })
        .collect())
}

/// Runs one rule on `text` as an en-US story with no newsroom words: the
/// helper every rule's tests use.
pub fn check_rule(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    check_rule_in(rule, Dialect::EnUs, text)
}

/// [`check_rule`] in a given dialect.
pub fn check_rule_in(rule: &dyn Rule, dialect: Dialect, text: &str) -> Vec<Finding> {
    let speller = Speller::new(dialect, HashSet::new());
    let doc = Document::new("-", text);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a pack, the rules are those of `rules::all()` less house
    /// style, found without reading the style packs.
    #[test]
    fn without_a_pack_no_style_rule_is_selected() {
        let ids = |rules: Vec<&'static dyn Rule>| -> Vec<&'static str> {
            rules.iter().map(|r| r.info().id).collect()
        };
        let want: Vec<&str> = ids(rules::all())
            .into_iter()
            .filter(|id| !crate::style::is_style(id))
            .collect();
        assert_eq!(ids(rules::without_style()), want);
        assert_eq!(ids(selected(&Settings::default()).unwrap()), want);
    }
}
