//! How well a word fits where it stands, by the trigram model: the spelling
//! rule weighs a misspelling's corrections by it (`tyear` in `last tyear`
//! is `year`, not `their`).

use super::scoring::{slots, walk, Slot};
use crate::ngram::model::Model;
use crate::ngram::pieces::{model_word, pieces, Piece};
use crate::text::token::Token;

/// A story as the model reads it, with where each of its words starts.
pub(crate) struct Fit<'a> {
    model: &'a Model,
    slots: Vec<Slot>,
    /// The byte start of each word slot, and the slot's index, in order.
    starts: Vec<(usize, usize)>,
}

impl<'a> Fit<'a> {
    pub(crate) fn new(model: &'a Model, text: &str, tokens: &[Token]) -> Fit<'a> {
        let pieces = pieces(text, tokens);
        let starts = pieces
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Piece::Word(span) => Some((span.start(), i)),
                _ => None,
            })
            .collect();
        Fit {
            model,
            slots: slots(model, text, &pieces),
            starts,
        }
    }

    /// How much likelier (log10) the words around make `word` at the word
    /// starting at byte `start` than its frequency alone does: the
    /// probability of the window from there to two words after, with
    /// `word` written there, over the word's own. `None` when no model
    /// word starts there, no word the model knows stands next to it (a
    /// word alone says nothing of its context), or the model lacks `word`.
    pub(crate) fn logp(&self, start: usize, word: &str) -> Option<f32> {
        let at = self
            .starts
            .binary_search_by_key(&start, |&(s, _)| s)
            .ok()
            .map(|i| self.starts[i].1)?;
        let known = |j: Option<usize>| {
            j.and_then(|j| self.slots.get(j))
                .is_some_and(|s| matches!(s, Slot::Word(Some(_))))
        };
        if !known(at.checked_sub(1)) && !known(Some(at + 1)) {
            return None;
        }
        let id = self.model.id(&model_word(word, 0..word.len()))?;
        let model = self.model;
        let mut sum = 0.0;
        walk(model, &self.slots, at, id, |_, h2, h1, w, _| {
            sum += model.logp(h2, h1, w);
        });
        Some(sum - model.logp(None, None, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    #[test]
    fn the_words_around_favour_the_word_that_fits() {
        let Some(model) = crate::ngram::embedded() else {
            panic!("the embedded model is missing");
        };
        let text = "He left the city last tyear after the war.";
        let tokens = tokenize(text, 0);
        let fit = Fit::new(model, text, &tokens);
        let at = text.find("tyear").unwrap();
        let year = fit.logp(at, "year").unwrap();
        let their = fit.logp(at, "their").unwrap();
        assert!(year > their + 1.0, "year {year}, their {their}");
        assert_eq!(fit.logp(at + 1, "year"), None);
        assert_eq!(fit.logp(at, "qzxv"), None);
    }
}
