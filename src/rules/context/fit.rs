//! How well a word fits where it stands, by the trigram model: the spelling
//! rule weighs a misspelling's corrections by it (`tyear` in `last tyear`
//! is `year`, not `their`).

use super::scoring::{slots, walk, Slot};
use super::BLOCK;
use crate::ngram::model::Model;
use crate::ngram::pieces::{blocks, count, model_word, Piece};
use crate::text::token::Token;

/// A story as the model reads it, with where each of its words starts: 4
/// bytes a piece and 8 a word (a 5 MB story has about a million of each).
pub(crate) struct Fit<'a> {
    model: &'a Model,
    /// The story's slots, each packed in a `u32` ([`pack`]).
    slots: Vec<u32>,
    /// The byte start of each word slot, and the slot's index, in order.
    /// Both fit: a story has fewer pieces than bytes, and [`tokenize`]
    /// takes no text past 4 GB.
    ///
    /// [`tokenize`]: crate::text::token::tokenize
    starts: Vec<(u32, u32)>,
}

/// The packed [`Slot`]s other than a known word: the model's ids are below
/// 2^24 (three bytes in its file).
const UNKNOWN: u32 = u32::MAX;
const CUT: u32 = u32::MAX - 1;
const CLAUSE: u32 = u32::MAX - 2;
const END: u32 = u32::MAX - 3;

fn pack(slot: Slot) -> u32 {
    match slot {
        Slot::Word(Some(id)) => {
            debug_assert!(id < END, "model ids are three bytes");
            id
        }
        Slot::Word(None) => UNKNOWN,
        Slot::Cut => CUT,
        Slot::Clause => CLAUSE,
        Slot::End => END,
    }
}

fn unpack(packed: u32) -> Slot {
    match packed {
        UNKNOWN => Slot::Word(None),
        CUT => Slot::Cut,
        CLAUSE => Slot::Clause,
        END => Slot::End,
        id => Slot::Word(Some(id)),
    }
}

impl<'a> Fit<'a> {
    pub(crate) fn new(model: &'a Model, text: &str, tokens: &[Token]) -> Fit<'a> {
        // Counted first, so neither list grows past its size (or is
        // copied as it grows).
        let (all, words) = count(text, tokens);
        let mut packed = Vec::with_capacity(all);
        let mut starts = Vec::with_capacity(words);
        blocks(text, tokens, BLOCK, |pieces| {
            for (piece, slot) in pieces.iter().zip(slots(model, text, pieces)) {
                if let Piece::Word(span) = piece {
                    starts.push((span.start() as u32, packed.len() as u32));
                }
                packed.push(pack(slot));
            }
        });
        Fit {
            model,
            slots: packed,
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
        let start = u32::try_from(start).ok()?;
        let at = self
            .starts
            .binary_search_by_key(&start, |&(s, _)| s)
            .ok()
            .map(|i| self.starts[i].1 as usize)?;
        let known = |j: Option<usize>| {
            j.and_then(|j| self.slots.get(j))
                .is_some_and(|&s| matches!(unpack(s), Slot::Word(Some(_))))
        };
        if !known(at.checked_sub(1)) && !known(Some(at + 1)) {
            return None;
        }
        let id = self.model.id(&model_word(word, 0..word.len()))?;
        let model = self.model;
        // The window reads two slots before `at` and two after at most
        // (the story's end, if it comes first, stays its end).
        let from = at.saturating_sub(2);
        let to = (at + 3).min(self.slots.len());
        let mut window = [Slot::End; 5];
        for (w, &s) in window.iter_mut().zip(&self.slots[from..to]) {
            *w = unpack(s);
        }
        let mut sum = 0.0;
        walk(
            model,
            &window[..to - from],
            at - from,
            id,
            |_, h2, h1, w, _| {
                sum += model.logp(h2, h1, w);
            },
        );
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

    #[test]
    fn a_window_scores_as_the_whole_story_does() {
        let Some(model) = crate::ngram::embedded() else {
            panic!("the embedded model is missing");
        };
        let text = "Two armed drones, 12 of them. It’s over (now) — self-defence!\n\n\
                    The city last tyear. A b\nc d e f g h, i j k. Last";
        let tokens = tokenize(text, 0);
        let fit = Fit::new(model, text, &tokens);
        let pieces = crate::ngram::pieces::pieces(text, &tokens);
        let all = slots(model, text, &pieces);
        let mut seen = 0;
        for (at, piece) in pieces.iter().enumerate() {
            let Piece::Word(span) = piece else { continue };
            let known = |j: Option<usize>| {
                j.and_then(|j| all.get(j))
                    .is_some_and(|s| matches!(s, Slot::Word(Some(_))))
            };
            for word in ["year", "the", "drones", "qzxv"] {
                let whole = (known(at.checked_sub(1)) || known(Some(at + 1)))
                    .then(|| model.id(word))
                    .flatten()
                    .map(|id| {
                        let mut sum = 0.0;
                        walk(model, &all, at, id, |_, h2, h1, w, _| {
                            sum += model.logp(h2, h1, w);
                        });
                        sum - model.logp(None, None, id)
                    });
                assert_eq!(fit.logp(span.start(), word), whole, "{at} {word}");
                seen += usize::from(whole.is_some());
            }
        }
        assert!(seen > 40, "{seen}");
    }
}
