//! The context rule's reasoning: which words a written word may have been
//! meant as (confusion sets, homophones, the model's slip candidates), and
//! a score of a window of text with the word or a candidate in it.

use crate::base::hash::OwnedMap;
use crate::ngram::model::{History, Model};
use crate::ngram::pieces::{model_word_into, Piece};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

static CONFUSABLES: &str = include_str!("../../../dictionaries/context/confusables.txt");
static HOMOPHONES: &str = include_str!("../../../dictionaries/context/homophones.txt");

/// Why a candidate is offered for a written word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// A classic confusion (`their`/`there`, `affect`/`effect`).
    Confusable,
    /// Sounds the same (CMU Pronouncing Dictionary).
    Homophone,
    /// One slip away: a letter dropped, added, swapped or changed
    /// (`from`/`form`, `hound`/`found`), or swapped and mistyped with a
    /// neighbouring key (`drones`/`drowns`).
    Slip,
}

fn sets() -> &'static HashMap<&'static str, Vec<(&'static str, Source)>> {
    static CELL: OnceLock<HashMap<&'static str, Vec<(&'static str, Source)>>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<(&'static str, Source)>> = HashMap::new();
        for (list, source) in [
            (CONFUSABLES, Source::Confusable),
            (HOMOPHONES, Source::Homophone),
        ] {
            for line in list.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                let words: Vec<&str> = line.split_whitespace().collect();
                for &a in &words {
                    for &b in &words {
                        let entry = map.entry(a).or_default();
                        if a != b && !entry.iter().any(|(w, _)| *w == b) {
                            entry.push((b, source));
                        }
                    }
                }
            }
        }
        map
    })
}
/// …and a confusable or homophone.
pub(super) const SET_MIN_ZIPF: f32 = 2.0;
/// How much rarer (Zipf) than the written word a candidate may be. In
/// tuning no candidate more than 10^2.5 times rarer ever won (none of about
/// 500,000 over ukp-natural-train, abc2006 and wsj), yet they were a third
/// of the candidates scored.
pub(super) const MAX_RARER: f32 = 2.5;

/// A candidate for a written word: its model id and why it is offered.
/// Its spelling ([`Model::word`]) is looked up only when it could win.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub id: u32,
    pub source: Source,
}

/// The candidates for a lower-case word (`id` in `model`): confusion sets
/// and homophones first, then slips and other one-edit words, each a word
/// the model knows and common enough. Whether a candidate is a word of the
/// story's dialect is left to the caller, for the few that could win.
pub(super) fn candidates(model: &Model, word: &str, id: u32) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let floor = model.zipf(id) - MAX_RARER;
    let mut push = |candidate: u32, source: Source| {
        if candidate != id
            && model.zipf(candidate) >= floor
            && !out.iter().any(|c| c.id == candidate)
        {
            out.push(Candidate {
                id: candidate,
                source,
            });
        }
    };
    if let Some(set) = sets().get(word) {
        for &(w, source) in set {
            if let Some(id) = model.id(w).filter(|&id| model.zipf(id) >= SET_MIN_ZIPF) {
                push(id, source);
            }
        }
    }
    for slip in model.slips(id) {
        push(slip, Source::Slip);
    }
    out
}

/// The model's ids for a stream of pieces: words it knows, `None` for a
/// word it does not; breaks as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Word(Option<u32>),
    Cut,
    /// A comma: the word after it starts a clause.
    Clause,
    End,
}

pub(super) fn slots(model: &Model, text: &str, pieces: &[Piece]) -> Vec<Slot> {
    thread_local! {
        /// Ids by spelling as written, for every story this thread reads
        /// with one model: a story repeats its words, and a folder's
        /// stories share most of them.
        static IDS: RefCell<OwnedMap<Box<str>, Option<u32>>> = RefCell::default();
    }
    /// Spellings remembered at most before the table starts afresh.
    const LIMIT: usize = 100_000;
    let mut word = String::new();
    IDS.with_borrow_mut(|ids| {
        let ids = ids.of((model.identity(), 0), LIMIT);
        pieces
            .iter()
            .map(|p| match p {
                Piece::Word(span) => {
                    let written = &text[span.range()];
                    Slot::Word(match ids.get(written) {
                        Some(&id) => id,
                        None => {
                            model_word_into(text, span.range(), &mut word);
                            let id = model.id(&word);
                            ids.insert(written.into(), id);
                            id
                        }
                    })
                }
                Piece::Cut => Slot::Cut,
                Piece::Clause => Slot::Clause,
                Piece::End => Slot::End,
            })
            .collect()
    })
}

/// Scores windows of one story: the log10 probability of the words from
/// `at` to two words after it (and of the sentence ending, if it ends
/// there), with the written word or a candidate at `at` — the part of the
/// text's probability that the word at `at` changes — in two parts: the
/// word given the words before it, and the words after it given the word.
///
/// It remembers the score of each position as written (neighbouring words'
/// windows share two of their three scores) and, in a small direct-mapped
/// table, recent scores of any three words (news repeats its phrases, and
/// candidates of one word share their contexts).
pub(super) struct Scorer<'a> {
    model: &'a Model,
    slots: &'a [Slot],
    written: Vec<f32>,
    memo: Memo,
    /// The history of the last position whose candidates were scored.
    history: Option<(usize, History)>,
}

/// No id: a history cut short.
const NO_ID: u32 = u32::MAX;

/// A scorer's table of recent scores of any three words. They hold
/// wherever the words stand, so a story read a block at a time keeps one
/// table from block to block.
pub(super) struct Memo(Vec<([u32; 3], f32)>);

impl Memo {
    /// A table for a story of `pieces` pieces: about eight entries a word,
    /// 1,024 to 131,072 (2 MB).
    pub(super) fn new(pieces: usize) -> Memo {
        let size = (pieces * 8).clamp(1 << 10, 1 << 17).next_power_of_two();
        Memo(vec![([NO_ID; 3], 0.0); size])
    }
}

impl<'a> Scorer<'a> {
    /// A scorer of `slots` (a block of a story) remembering in `memo`.
    pub(super) fn new(model: &'a Model, slots: &'a [Slot], memo: Memo) -> Scorer<'a> {
        Scorer {
            model,
            slots,
            written: vec![f32::NAN; slots.len() + 1],
            memo,
            history: None,
        }
    }

    /// The memo, for the story's next block.
    pub(super) fn into_memo(self) -> Memo {
        self.memo
    }

    /// [`Model::logp`], remembered.
    fn logp(&mut self, h2: Option<u32>, h1: Option<u32>, w: u32) -> f32 {
        let model = self.model;
        self.remembered(h2, h1, w, |_| model.logp(h2, h1, w))
    }

    /// The score of `w` after `h2 h1` from the memo, else `score`'s.
    fn remembered(
        &mut self,
        h2: Option<u32>,
        h1: Option<u32>,
        w: u32,
        score: impl FnOnce(&mut Self) -> f32,
    ) -> f32 {
        let key = [h2.unwrap_or(NO_ID), h1.unwrap_or(NO_ID), w];
        let hash = (u64::from(key[0]).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ u64::from(key[1]).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ u64::from(key[2]).wrapping_mul(0x1656_67B1_9E37_79F9))
            >> 32;
        let slot = hash as usize & (self.memo.0.len() - 1);
        if self.memo.0[slot].0 == key {
            return self.memo.0[slot].1;
        }
        let p = score(self);
        self.memo.0[slot] = (key, p);
        p
    }

    /// Both parts of the word as written at `at` (its id `id`).
    pub(super) fn written(&mut self, at: usize, id: u32) -> (f32, f32) {
        let (model, slots) = (self.model, self.slots);
        let (mut left, mut right) = (0.0, 0.0);
        walk(model, slots, at, id, |j, h2, h1, w, first| {
            if self.written[j].is_nan() {
                self.written[j] = self.logp(h2, h1, w);
            }
            if first {
                left = self.written[j];
            } else {
                right += self.written[j];
            }
        });
        (left, right)
    }

    /// The first part alone.
    /// The candidates of one word share its history, looked up once.
    pub(super) fn left(&mut self, at: usize, word: u32) -> f32 {
        let (model, slots) = (self.model, self.slots);
        let mut left = 0.0;
        walk(model, slots, at, word, |_, h2, h1, w, first| {
            if first {
                left = self.remembered(h2, h1, w, |scorer| {
                    let history = match scorer.history {
                        Some((j, history)) if j == at => history,
                        _ => {
                            let history = model.history(h2, h1);
                            scorer.history = Some((at, history));
                            history
                        }
                    };
                    model.logp_after(&history, w)
                });
            }
        });
        left
    }

    /// The second part, or `None` as soon as it cannot reach `floor`: the
    /// words not yet scored counted at their best ([`Model::max_logp`]);
    /// `bound` is [`Scorer::right_bound`] of `at`.
    pub(super) fn right_above(
        &mut self,
        at: usize,
        word: u32,
        floor: f32,
        bound: f32,
    ) -> Option<f32> {
        let (model, slots) = (self.model, self.slots);
        let mut right = 0.0;
        let mut rest = bound;
        let mut short = false;
        walk(model, slots, at, word, |_, h2, h1, w, first| {
            if first || short {
                return;
            }
            if right + rest < floor {
                short = true;
                return;
            }
            right += self.logp(h2, h1, w);
            rest -= model.max_logp(w);
        });
        (!short && right >= floor).then_some(right)
    }

    /// An upper bound of the second part whatever word stands at `at`:
    /// each word after it scored at its best ([`Model::max_logp`]). A
    /// candidate whose first part, plus this bound, cannot beat the written
    /// word is dropped without scoring the rest.
    pub(super) fn right_bound(&self, at: usize) -> f32 {
        let model = self.model;
        let mut bound = 0.0;
        // The word at `at` only shapes the histories, which the bound ignores.
        let word = model.bos().unwrap_or(0);
        walk(model, self.slots, at, word, |_, _, _, w, first| {
            if !first {
                bound += model.max_logp(w);
            }
        });
        bound
    }
}

/// Calls `score(j, h2, h1, w, first)` for each position `j` the window around `at`
/// scores, with `word` at `at` (`first` for it): up to two words after
/// it, or the end of the sentence.
pub(super) fn walk(
    model: &Model,
    slots: &[Slot],
    at: usize,
    word: u32,
    mut score: impl FnMut(usize, Option<u32>, Option<u32>, u32, bool),
) {
    let id = |j: usize| -> Option<u32> {
        if j == at {
            return Some(word);
        }
        match slots[j] {
            Slot::Word(w) => w,
            _ => None,
        }
    };
    // The history before `at`: up to two words, `<s>` at a sentence or
    // clause start, nothing after a cut or an unknown word.
    let history = |j: usize| -> Option<u32> {
        match j.checked_sub(1).map(|k| slots[k]) {
            None | Some(Slot::End | Slot::Clause) => model.bos(),
            Some(Slot::Cut) => None,
            Some(Slot::Word(_)) => id(j - 1),
        }
    };
    for j in at..(at + 3).min(slots.len() + 1) {
        let w = if j == slots.len() {
            match model.eos() {
                Some(e) => e,
                None => break,
            }
        } else {
            match slots[j] {
                Slot::Word(_) if j == at => word,
                Slot::Word(Some(w)) => w,
                Slot::End => match model.eos() {
                    Some(e) => e,
                    None => break,
                },

                _ => break,
            }
        };
        let h1 = history(j);
        let h2 = if h1.is_some() && j >= 1 && matches!(slots[j - 1], Slot::Word(_)) {
            history(j - 1)
        } else {
            None
        };
        score(j, h2, h1, w, j == at);
        if j == slots.len() || matches!(slots[j], Slot::End) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_sets_are_symmetric() {
        let s = sets();
        assert!(s["their"].iter().any(|(w, _)| *w == "there"));
        assert!(s["there"].iter().any(|(w, _)| *w == "their"));
        assert!(s["effect"].iter().any(|(w, _)| *w == "affect"));
    }
}
