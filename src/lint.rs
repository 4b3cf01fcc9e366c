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
            rules: rules::all(),
        })
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
        crate::suppress::apply(&doc.text, &mut findings);
        findings
    }
}

/// Runs one rule on `text` as an en-US story with no newsroom words: the
/// helper every rule's tests use.
pub fn check_rule(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    let speller = Speller::new(Dialect::EnUs, HashSet::new());
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
