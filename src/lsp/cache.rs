//! The per-document cache that keeps re-linting a long story cheap: each
//! paragraph's findings, keyed by the paragraph's text.
//!
//! Typing changes one paragraph; the others are looked up, shifted to
//! where they now sit and merged. A paragraph is checked as a story of its
//! own, so rules that compare the whole story (one name spelled two ways
//! in different paragraphs, straight and curly quotes mixed across
//! paragraphs, a word counted as deliberate because the story repeats it)
//! only see that paragraph: the server follows each quick pass with an
//! exact whole-story pass once the editor has been idle for a moment (see
//! `full_delay` in the server's options).

use crate::document::Document;
use crate::finding::Finding;
use crate::lint::Linter;
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

#[derive(Default)]
pub struct ParagraphCache {
    map: HashMap<String, Vec<Finding>>,
    pub hits: usize,
    pub misses: usize,
}

impl ParagraphCache {
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// The story's findings, paragraph by paragraph, reusing every
    /// paragraph already seen; directive comments are then applied across
    /// the whole story. Paragraphs no longer in the story are forgotten.
    pub fn check(&mut self, linter: &Linter, text: &str) -> Vec<Finding> {
        let mut fresh: HashMap<String, Vec<Finding>> = HashMap::new();
        let mut out = Vec::new();
        for para in paragraphs(text) {
            let key = &text[para.clone()];
            let found = match self.map.remove(key).or_else(|| fresh.get(key).cloned()) {
                Some(found) => {
                    self.hits += 1;
                    found
                }
                None => {
                    self.misses += 1;
                    linter.check(&Document::new("-", key))
                }
            };
            out.extend(found.iter().cloned().map(|mut f| {
                f.span = f.span.start + para.start..f.span.end + para.start;
                f
            }));
            fresh.insert(key.to_string(), found);
        }
        self.map = fresh;
        crate::suppress::apply(text, &mut out);
        out
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
}
