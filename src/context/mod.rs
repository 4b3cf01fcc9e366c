//! Context: a compact trigram model of English (see [`model`] for the file
//! format and [`builder`] for how one is made) and the pieces the context
//! rule needs: the story as a stream of lower-case words and breaks, the
//! candidates a written word may have been meant as, and a score of a
//! window of text with the word or a candidate in it.
//!
//! The model embedded in the binary is derived from the CMU Sphinx US
//! English language model (see `dictionaries/context/README.md`); it is
//! opened on first use only, and `--model FILE` replaces it.

pub mod builder;
pub mod cli;
pub mod model;

use crate::hash::OwnedMap;
use crate::spell::keyboard::adjacent;
use crate::spell::suggest;
use crate::token::{is_apostrophe, is_hyphen, Token, TokenKind};
use model::{History, Model};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

static EMBEDDED: &[u8] = include_bytes!("../../dictionaries/context/en-us.nlm");
static CONFUSABLES: &str = include_str!("../../dictionaries/context/confusables.txt");
static HOMOPHONES: &str = include_str!("../../dictionaries/context/homophones.txt");

/// The model newslint ships, opened on first use (`None` if the embedded
/// file is empty or damaged: the context rule then stays silent).
pub fn embedded() -> Option<&'static Model> {
    static CELL: OnceLock<Option<Model>> = OnceLock::new();
    CELL.get_or_init(|| Model::embedded(EMBEDDED).ok()).as_ref()
}

/// The story as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A word (or a part of a hyphenated one): its span in the text (the
    /// model reads it lower-case, apostrophes straight: [`model_word`]).
    Word(Range<usize>),
    /// Something the model cannot read (a number, a URL, a bracket, a
    /// dash): the context starts afresh after it.
    Cut,
    /// The end of a sentence.
    End,
}

/// Splits tokens into model words and breaks. Quotes are transparent;
/// commas cut (the model comes from speech, which has none, and `In
/// California, two drives` is not `California two`); sentence punctuation
/// ends a sentence, a blank line too.
pub fn pieces(text: &str, tokens: &[Token]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(tokens.len() / 2);
    let mut newline = false;
    for t in tokens {
        let s = t.text(text);
        match t.kind {
            TokenKind::Word => {
                newline = false;
                if s.chars().any(|c| c.is_ascii_digit()) {
                    out.push(Piece::Cut);
                    continue;
                }
                if t.sentence_start && !matches!(out.last(), None | Some(Piece::End)) {
                    out.push(Piece::End);
                }
                let mut start = t.start;
                for (i, c) in s.char_indices().chain(std::iter::once((s.len(), '-'))) {
                    if is_hyphen(c) {
                        if start < t.start + i {
                            out.push(Piece::Word(start..t.start + i));
                        }
                        start = t.start + i + c.len_utf8();
                    }
                }
            }
            TokenKind::Verbatim => out.push(Piece::Cut),
            TokenKind::Space => {}
            TokenKind::Newline => {
                if newline {
                    out.push(Piece::End);
                }
                newline = true;
            }
            TokenKind::Punct => {
                newline = false;
                match s {
                    "." | "!" | "?" | ";" | ":" | "…" => out.push(Piece::End),
                    "\"" | "'" | "“" | "”" | "‘" | "’" => {}
                    _ => out.push(Piece::Cut),
                }
            }
        }
    }
    out
}

/// A word as the model spells it: lower-case, apostrophes straight.
pub fn model_word(text: &str, span: Range<usize>) -> String {
    let mut out = String::new();
    model_word_into(text, span, &mut out);
    out
}

/// [`model_word`] into a buffer, replacing what it held.
pub fn model_word_into(text: &str, span: Range<usize>, out: &mut String) {
    out.clear();
    out.extend(
        text[span]
            .chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase),
    );
}

/// Why a candidate is offered for a written word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
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

/// Zipf frequency a slip candidate must reach: a rare word one key away
/// is more often a false alarm than a find.
pub const SLIP_MIN_ZIPF: f32 = 3.0;
/// …and a confusable or homophone.
pub const SET_MIN_ZIPF: f32 = 2.0;
/// How much rarer (Zipf) than the written word a candidate may be. In
/// tuning no candidate more than 10^2.5 times rarer ever won (none of about
/// 500,000 over ukp-natural-train, abc2006 and wsj), yet they were a third
/// of the candidates scored.
pub const MAX_RARER: f32 = 2.5;

const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// A candidate for a written word: its model id and why it is offered.
/// Its spelling ([`Model::word`]) is looked up only when it could win.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: u32,
    pub source: Source,
}

/// Words this long or shorter have dozens of common words one edit away
/// (`in`: `an`, `on`, `is`, `it`, `inn`, `tin`, `yin`…); for them only
/// edits a finger makes are candidates (see [`keyboard_slip`]).
pub const SHORT_WORD: usize = 3;

/// Whether `meant` typed badly gives `written` with one slip of the
/// fingers, by the keyboard channel of [`suggest::channel`]: a
/// neighbouring key struck instead, a neighbouring key or the same key
/// struck twice, two letters swapped, or a letter left out (its least
/// likely case, and never down to a single letter).
pub fn keyboard_slip(written: &str, meant: &str) -> bool {
    written.len() >= 2 && suggest::channel(written, meant) >= LETTER_DROPPED
}

/// The channel score of a letter left out.
const LETTER_DROPPED: f32 = -1.2;

/// Each word's slip candidates, for a model's slip table: the words one
/// slip away (see [`slips`]) that are common (`zipf`, the words' Zipf
/// bytes, at least [`SLIP_MIN_ZIPF`]) and not a form of the word itself.
/// Computed once, when a model is built, so a check only reads it.
pub fn slip_table(words: &[String], zipf: &[u8]) -> Vec<Vec<u32>> {
    let common: HashMap<&str, u32> = words
        .iter()
        .zip(zipf)
        .enumerate()
        .filter(|(_, (_, &z))| f32::from(z) / 20.0 >= SLIP_MIN_ZIPF)
        .map(|(i, (w, _))| (w.as_str(), i as u32))
        .collect();
    words
        .iter()
        .map(|word| {
            let mut out: Vec<u32> = Vec::new();
            if word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase()) {
                slips(word, |w| {
                    if let Some(&id) = common.get(w) {
                        if w != word
                            && !inflection(word, w)
                            && (word.len() > SHORT_WORD || keyboard_slip(word, w))
                            && !out.contains(&id)
                        {
                            out.push(id);
                        }
                    }
                });
            }
            out
        })
        .collect()
}

/// The candidates for a lower-case word (`id` in `model`): confusion sets
/// and homophones first, then slips and other one-edit words, each a word
/// the model knows and common enough. Whether a candidate is a word of the
/// story's dialect is left to the caller, for the few that could win.
pub fn candidates(model: &Model, word: &str, id: u32) -> Vec<Candidate> {
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

/// Whether two words are forms of one another (`leg`/`legs`,
/// `person's`/`persons`, `bore`/`bored`): a grammar question the model
/// judges poorly, and a frequent false alarm in tuning.
pub fn inflection(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let tail = long.strip_prefix(short);
    matches!(tail, Some("s" | "es" | "d" | "ed" | "'s" | "'"))
        || short.replace('\'', "") == long.replace('\'', "")
}

/// Calls `found` with every string one slip from `word`, some more than
/// once, without allocating for each: one edit (Damerau-Levenshtein over
/// lower-case ASCII letters and the apostrophe), or two neighbouring letters
/// swapped with one of them struck as a neighbouring key (`drones` typed
/// `drowns`).
pub fn slips(word: &str, mut found: impl FnMut(&str)) {
    let w = word.as_bytes();
    let n = w.len();
    let mut buf: Vec<u8> = Vec::with_capacity(n + 1);
    let alphabet = LETTERS.bytes().chain(std::iter::once(b'\''));
    let mut emit = |buf: &Vec<u8>| {
        if let Ok(s) = std::str::from_utf8(buf) {
            found(s);
        }
    };
    for i in 0..n {
        buf.clear();
        buf.extend_from_slice(&w[..i]);
        buf.extend_from_slice(&w[i + 1..]);
        emit(&buf);
        if i + 1 < n && w[i] != w[i + 1] {
            buf.clear();
            buf.extend_from_slice(w);
            buf.swap(i, i + 1);
            emit(&buf);
            for j in [i, i + 1] {
                let was = buf[j];
                for k in LETTERS.bytes() {
                    if adjacent(char::from(k), char::from(was)) {
                        buf[j] = k;
                        emit(&buf);
                    }
                }
                buf[j] = was;
            }
        }
        buf.clear();
        buf.extend_from_slice(w);
        for k in alphabet.clone() {
            if k != w[i] {
                buf[i] = k;
                emit(&buf);
            }
        }
    }
    for i in 0..=n {
        for k in alphabet.clone() {
            buf.clear();
            buf.extend_from_slice(&w[..i]);
            buf.push(k);
            buf.extend_from_slice(&w[i..]);
            emit(&buf);
        }
    }
}

/// The model's ids for a stream of pieces: words it knows, `None` for a
/// word it does not; breaks as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Word(Option<u32>),
    Cut,
    End,
}

pub fn slots(model: &Model, text: &str, pieces: &[Piece]) -> Vec<Slot> {
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
                    let written = &text[span.clone()];
                    Slot::Word(match ids.get(written) {
                        Some(&id) => id,
                        None => {
                            model_word_into(text, span.clone(), &mut word);
                            let id = model.id(&word);
                            ids.insert(written.into(), id);
                            id
                        }
                    })
                }
                Piece::Cut => Slot::Cut,
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
pub struct Scorer<'a> {
    model: &'a Model,
    slots: &'a [Slot],
    written: Vec<f32>,
    memo: Vec<([u32; 3], f32)>,
    /// The history of the last position whose candidates were scored.
    history: Option<(usize, History)>,
}

/// No id: a history cut short.
const NO_ID: u32 = u32::MAX;

impl<'a> Scorer<'a> {
    pub fn new(model: &'a Model, slots: &'a [Slot]) -> Scorer<'a> {
        // About eight entries a word, 1,024 to 131,072 (2 MB).
        let size = (slots.len() * 8)
            .clamp(1 << 10, 1 << 17)
            .next_power_of_two();
        Scorer {
            model,
            slots,
            written: vec![f32::NAN; slots.len() + 1],
            memo: vec![([NO_ID; 3], 0.0); size],
            history: None,
        }
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
        let slot = hash as usize & (self.memo.len() - 1);
        if self.memo[slot].0 == key {
            return self.memo[slot].1;
        }
        let p = score(self);
        self.memo[slot] = (key, p);
        p
    }

    /// Both parts of the word as written at `at` (its id `id`).
    pub fn written(&mut self, at: usize, id: u32) -> (f32, f32) {
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
    pub fn left(&mut self, at: usize, word: u32) -> f32 {
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
    pub fn right_above(&mut self, at: usize, word: u32, floor: f32, bound: f32) -> Option<f32> {
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
    pub fn right_bound(&self, at: usize) -> f32 {
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
fn walk(
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
    // The history before `at`: up to two words, `<s>` at a sentence start,
    // nothing after a cut or an unknown word.
    let history = |j: usize| -> Option<u32> {
        match j.checked_sub(1).map(|k| slots[k]) {
            None | Some(Slot::End) => model.bos(),
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
    use crate::token::tokenize;

    fn words(text: &str) -> Vec<String> {
        pieces(text, &tokenize(text, 0))
            .into_iter()
            .map(|p| match p {
                Piece::Word(span) => model_word(text, span),
                Piece::Cut => "|".into(),
                Piece::End => "#".into(),
            })
            .collect()
    }

    #[test]
    fn pieces_cut_at_numbers_and_end_at_sentences() {
        // A dash cuts the context, and the tokenizer starts a sentence after it.
        assert_eq!(
            words("Two armed drones, 12 of them. It’s “over” (now) — self-defence"),
            [
                "two", "armed", "drones", "|", "|", "of", "them", "#", "it's", "over", "|", "now",
                "|", "|", "#", "self", "defence"
            ]
        );
    }

    fn all_slips(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        slips(word, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn slips_are_one_edit_or_a_mistyped_swap_away() {
        let s = all_slips("drowns");
        assert!(s.contains(&"drones".to_string()));
        assert!(s.contains(&"drown".to_string()));
        assert!(all_slips("form").contains(&"from".to_string()));
        assert!(all_slips("trail").contains(&"trial".to_string()));
        assert!(all_slips("tow").contains(&"town".to_string()));
        // Two unrelated edits are too far.
        assert!(!s.contains(&"crown".to_string()));
        assert!(!s.contains(&"drowns".to_string()));
    }

    #[test]
    fn keyboard_slips_are_edits_a_finger_makes() {
        assert!(keyboard_slip("on", "in")); // o beside i
        assert!(keyboard_slip("teh", "the")); // swapped
        assert!(keyboard_slip("thw", "the")); // w beside e
        assert!(keyboard_slip("inn", "in")); // n struck twice
        assert!(keyboard_slip("ij", "in")); // j beside n
        assert!(!keyboard_slip("n", "in")); // down to one letter
        assert!(keyboard_slip("tr", "try"));
        assert!(!keyboard_slip("yin", "in")); // y is nowhere near i
        assert!(!keyboard_slip("in", "an")); // a is far from i
        assert!(!keyboard_slip("the", "the"));
    }

    #[test]
    fn inflections_are_recognised() {
        assert!(inflection("legs", "leg"));
        assert!(inflection("persons", "person's"));
        assert!(inflection("bore", "bored"));
        assert!(!inflection("trail", "trial"));
        assert!(!inflection("from", "form"));
    }

    #[test]
    fn the_embedded_model_passes_every_check() {
        // `embedded()` skips the offset tables' walk at start-up: this is
        // where they are checked.
        let model = Model::new(EMBEDDED).expect("embedded model");
        let (vocab, bigrams, trigrams) = model.counts();
        assert!(vocab > 70_000 && bigrams > 1_000_000 && trigrams > 500_000);
        assert!(embedded().is_some());
        let drones = model.id("drones").unwrap();
        assert_eq!(model.word(drones).as_deref(), Some("drones"));
        let slips: Vec<String> = model
            .slips(model.id("drowns").unwrap())
            .filter_map(|id| model.word(id))
            .collect();
        assert!(slips.contains(&"drones".to_string()), "{slips:?}");
    }

    #[test]
    fn confusion_sets_are_symmetric() {
        let s = sets();
        assert!(s["their"].iter().any(|(w, _)| *w == "there"));
        assert!(s["there"].iter().any(|(w, _)| *w == "their"));
        assert!(s["effect"].iter().any(|(w, _)| *w == "affect"));
    }
}
