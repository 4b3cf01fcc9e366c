//! How well a word fits where it stands, by the trigram model: the spelling
//! rule weighs a misspelling's corrections by it (`tyear` in `last tyear`
//! is `year`, not `their`).

use super::scoring::{slots, walk, Slot};
use super::BLOCK;
use crate::ngram::model::Model;
use crate::ngram::pieces::{blocks, model_word, Piece};
use crate::text::token::Token;

/// The words of a story the spelling rules weigh corrections for, as the
/// model reads them: each with the slots around it (two before and two
/// after, fewer at the story's edges), about 30 bytes a word weighed
/// however long the story is.
pub(crate) struct Fit<'a> {
    model: &'a Model,
    /// In the order of the words' starts.
    windows: Vec<Window>,
}

/// A weighed word's neighbourhood: its byte start, the packed slots from
/// two before it to two after it ([`pack`]), how many of those there are
/// and which of them is the word. A start fits `u32`: [`tokenize`] takes
/// no text past 4 GB.
///
/// [`tokenize`]: crate::text::token::tokenize
struct Window {
    start: u32,
    slots: [u32; 5],
    len: u8,
    at: u8,
}

impl Window {
    /// Whether the window still lacks slots after the word.
    fn open(&self) -> bool {
        usize::from(self.len) < usize::from(self.at) + 3
    }
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
    /// The story read for the words starting at the bytes of `wanted`
    /// (in order): their windows are filled as the story's slots go by, a
    /// block at a time, and nothing else is kept.
    pub(crate) fn new(model: &'a Model, text: &str, tokens: &[Token], wanted: &[usize]) -> Fit<'a> {
        let mut windows: Vec<Window> = Vec::with_capacity(wanted.len());
        // The last two slots, the oldest first, and how many came before.
        let mut last = [0u32; 2];
        let mut seen = 0usize;
        let mut open = 0;
        blocks(text, tokens, BLOCK, |pieces| {
            for (piece, slot) in pieces.iter().zip(slots(model, text, pieces)) {
                let packed = pack(slot);
                for window in windows[open..].iter_mut().filter(|w| w.open()) {
                    window.slots[usize::from(window.len)] = packed;
                    window.len += 1;
                }
                while windows.get(open).is_some_and(|w| !w.open()) {
                    open += 1;
                }
                let wanted_start = match piece {
                    Piece::Word(span) => Some(span.start()),
                    _ => None,
                }
                .filter(|start| wanted.binary_search(start).is_ok());
                if let Some(start) = wanted_start {
                    let before = seen.min(2);
                    let mut window = Window {
                        start: u32::try_from(start).unwrap_or(u32::MAX),
                        slots: [0; 5],
                        len: before as u8 + 1,
                        at: before as u8,
                    };
                    window.slots[..before].copy_from_slice(&last[2 - before..]);
                    window.slots[before] = packed;
                    windows.push(window);
                }
                last = [last[1], packed];
                seen += 1;
            }
        });
        Fit { model, windows }
    }

    /// How much likelier (log10) the words around make `word` at the word
    /// starting at byte `start` than its frequency alone does: the
    /// probability of the window from there to two words after, with
    /// `word` written there, over the word's own. `None` when no model
    /// word starts there, no word the model knows stands next to it (a
    /// word alone says nothing of its context), or the model lacks `word`.
    /// The word must be one of those the story was read for.
    pub(crate) fn logp(&self, start: usize, word: &str) -> Option<f32> {
        let start = u32::try_from(start).ok()?;
        let found = self
            .windows
            .binary_search_by_key(&start, |w| w.start)
            .ok()
            .map(|i| &self.windows[i])?;
        let (at, len) = (usize::from(found.at), usize::from(found.len));
        // The slots there, unpacked (the story's end, if it comes within
        // two slots, stays its end).
        let mut window = [Slot::End; 5];
        for (w, &s) in window.iter_mut().zip(&found.slots[..len]) {
            *w = unpack(s);
        }
        let known = |j: Option<usize>| {
            j.filter(|&j| j < len)
                .is_some_and(|j| matches!(window[j], Slot::Word(Some(_))))
        };
        if !known(at.checked_sub(1)) && !known(Some(at + 1)) {
            return None;
        }
        let id = self.model.id(&model_word(word, 0..word.len()))?;
        let model = self.model;
        let mut sum = 0.0;
        walk(model, &window[..len], at, id, |_, h2, h1, w, _| {
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
        let at = text.find("tyear").unwrap();
        let fit = Fit::new(model, text, &tokens, &[at]);
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
        let pieces = crate::ngram::pieces::pieces(text, &tokens);
        let starts: Vec<usize> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Word(span) => Some(span.start()),
                _ => None,
            })
            .collect();
        let fit = Fit::new(model, text, &tokens, &starts);
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
