//! The per-document cache that keeps re-linting a long story cheap: each
//! paragraph's findings, keyed by the paragraph's text.
//!
//! Typing changes one paragraph; the others are looked up, shifted to
//! where they now sit and merged, and only the changed paragraph is
//! checked. A paragraph checked on its own cannot see the rest of the story
//! (one name spelled two ways in different paragraphs, straight and curly
//! quotes mixed across paragraphs, a word counted as deliberate because the
//! story repeats it), so the server follows a burst of quick passes with
//! one exact whole-story pass once the editor has been idle for a moment
//! ([`ParagraphCache::check_full`]). Its findings, split by paragraph, are
//! what the next quick passes reuse for every paragraph that has not
//! changed since, so those keep their whole-story findings; only the
//! paragraph being typed in is seen alone until the next exact pass.

use crate::base::finding::Finding;
use crate::lint::Linter;
use crate::text::document::Document;
use crate::text::markup::{Format, MarkupOptions};
use std::collections::HashMap;
use std::ops::Range;

/// The byte ranges of a text's paragraphs: runs of lines that are not
/// blank (a line of spaces counts as blank).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let content_end = start + line.trim_end_matches(['\n', '\r']).len();
        if line.trim().is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
        } else {
            match &mut current {
                Some(p) => p.end = content_end,
                None => current = Some(start..content_end),
            }
        }
        start = end;
    }
    out.extend(current);
    out
}

/// One paragraph's findings, spans relative to the paragraph's start.
type Found = Vec<Finding>;

#[derive(Default)]
pub struct ParagraphCache {
    /// The document's format: a marked-up one is always checked whole
    /// (its blank lines need not part prose: a code block may hold them).
    format: Format,
    /// From the last exact whole-story pass: each paragraph text's
    /// findings, one entry per occurrence in the story, in order.
    exact: HashMap<String, Vec<Found>>,
    /// Paragraphs checked on their own since.
    alone: HashMap<String, Found>,
    pub hits: usize,
    pub misses: usize,
}

fn shifted(found: &[Finding], by: usize) -> impl Iterator<Item = Finding> + '_ {
    found.iter().cloned().map(move |mut f| {
        f.span = f.span.start + by..f.span.end + by;
        f
    })
}

/// A document in `format` as the linter reads it; one whose markup cannot
/// be read (XML half typed) has nothing to check until it can.
pub fn document(text: &str, format: Format) -> Option<Document> {
    if format == Format::Plain {
        return Some(Document::new("-", text));
    }
    Document::marked_up("-", text.to_string(), format, &MarkupOptions::default()).ok()
}

impl ParagraphCache {
    /// The cache of a document in `format`.
    pub fn for_format(format: Format) -> Self {
        ParagraphCache {
            format,
            ..ParagraphCache::default()
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn clear(&mut self) {
        self.exact.clear();
        self.alone.clear();
    }

    /// The quick pass: every paragraph the last exact pass saw keeps its
    /// findings from it; a new or changed paragraph is checked on its own
    /// (once: its findings are kept too). Directive comments are then
    /// applied across the whole story.
    pub fn check(&mut self, linter: &Linter, text: &str) -> Vec<Finding> {
        if self.format != Format::Plain {
            return self.check_full(linter, text);
        }
        let mut taken: HashMap<&str, usize> = HashMap::new();
        let mut alone: HashMap<String, Found> = HashMap::new();
        let mut out = Vec::new();
        for para in paragraphs(text) {
            let key = &text[para.clone()];
            let nth = taken.entry(key).or_insert(0);
            if let Some(found) = self.exact.get(key).and_then(|v| v.get(*nth)) {
                *nth += 1;
                self.hits += 1;
                out.extend(shifted(found, para.start));
                continue;
            }
            let found = match self.alone.remove(key).or_else(|| alone.get(key).cloned()) {
                Some(found) => {
                    self.hits += 1;
                    found
                }
                None => {
                    self.misses += 1;
                    // What a paragraph alone says of suppression comments
                    // (one aimed at the next paragraph is "unused" here)
                    // waits for the exact pass.
                    let mut found = linter.check(&Document::new("-", key));
                    found.retain(|f| !f.rule.starts_with("suppression."));
                    found
                }
            };
            out.extend(shifted(&found, para.start));
            alone.insert(key.to_string(), found);
        }
        // Paragraphs no longer in the story are forgotten.
        self.alone = alone;
        crate::lint::suppress::apply(text, &mut out, Default::default());
        out
    }

    /// The exact pass: the whole story at once, as `newslint check` sees
    /// it. Its findings are kept by paragraph for the quick passes.
    pub fn check_full(&mut self, linter: &Linter, text: &str) -> Vec<Finding> {
        let found = document(text, self.format).map_or_else(Vec::new, |d| linter.check(&d));
        self.set_exact(text, &found);
        found
    }

    /// Keeps the findings of an exact pass over `text`, by paragraph.
    pub fn set_exact(&mut self, text: &str, found: &[Finding]) {
        self.exact.clear();
        self.alone.clear();
        let paras = paragraphs(text);
        let mut by_para: Vec<Found> = vec![Vec::new(); paras.len()];
        for f in found {
            // The paragraph holding the finding's start.
            let i = paras.partition_point(|p| p.end < f.span.start);
            if let Some(p) = paras.get(i).filter(|p| p.start <= f.span.start) {
                let mut g = f.clone();
                g.span = f.span.start - p.start..f.span.end - p.start;
                by_para[i].push(g);
            }
        }
        for (p, found) in paras.iter().zip(by_para) {
            self.exact
                .entry(text[p.clone()].to_string())
                .or_default()
                .push(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "one\ntwo\n\n  \r\nthree\r\n\nfour";
        let got: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["one\ntwo", "three", "four"]);
        assert!(paragraphs("\n\n").is_empty());
    }

    fn linter() -> Linter {
        Linter::new(&crate::base::Settings::default()).unwrap()
    }

    const STORY: &str =
        "Kyiv said the talks went well.\n\nThe troups left Kyiv.\n\nLater, Kiev denied it.\n";

    #[test]
    fn quick_passes_reuse_the_exact_pass_for_unchanged_paragraphs() {
        let l = linter();
        let mut c = ParagraphCache::default();
        let exact = c.check_full(&l, STORY);
        // `Kiev` against `Kyiv` in other paragraphs: only the whole story
        // shows it.
        assert!(exact.iter().any(|f| f.rule == "names.inconsistent"));
        // Nothing changed: the quick pass is the exact pass.
        assert_eq!(c.check(&l, STORY), exact);
        assert_eq!(c.misses, 0);
        // Typing in the middle paragraph re-checks only that paragraph,
        // and the others keep their whole-story findings.
        let edited = STORY.replace("troups left", "troops left");
        let quick = c.check(&l, &edited);
        assert_eq!(c.misses, 1);
        assert!(quick.iter().any(|f| f.rule == "names.inconsistent"));
        assert!(!quick.iter().any(|f| f.rule == "spelling.unknown-word"));
        // The same edit again costs nothing more.
        c.check(&l, &edited);
        assert_eq!(c.misses, 1);
    }

    #[test]
    fn a_new_paragraph_before_others_shifts_their_findings() {
        let l = linter();
        let mut c = ParagraphCache::default();
        c.check_full(&l, STORY);
        let edited = format!("A new lede.\n\n{STORY}");
        let quick = c.check(&l, &edited);
        let exact = l.check(&Document::new("-", edited.as_str()));
        let spans = |v: &[Finding]| -> Vec<(usize, &str)> {
            v.iter().map(|f| (f.span.start, f.rule)).collect()
        };
        assert_eq!(spans(&quick), spans(&exact));
        assert_eq!(c.misses, 1);
    }
}
