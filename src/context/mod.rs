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

use crate::spell::keyboard::adjacent;
use crate::spell::{data, Speller};
use crate::token::{is_apostrophe, is_hyphen, Token, TokenKind};
use model::Model;
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
    CELL.get_or_init(|| Model::new(EMBEDDED).ok()).as_ref()
}

/// The story as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A word (or a part of a hyphenated one), lower-case, apostrophes straight.
    Word(Range<usize>, String),
    /// Something the model cannot read (a number, a URL, a bracket, a
    /// dash): the context starts afresh after it.
    Cut,
    /// The end of a sentence.
    End,
}

/// Splits tokens into model words and breaks. Commas and quotes are
/// transparent (the model comes from speech, which has none); sentence
/// punctuation ends a sentence, a blank line too.
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
                        let part = &text[start..t.start + i];
                        if !part.is_empty() {
                            let word: String = part
                                .chars()
                                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                                .flat_map(char::to_lowercase)
                                .collect();
                            out.push(Piece::Word(start..t.start + i, word));
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
                    "," | "\"" | "'" | "“" | "”" | "‘" | "’" => {}
                    _ => out.push(Piece::Cut),
                }
            }
        }
    }
    out
}

/// Why a candidate is offered for a written word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A classic confusion (`their`/`there`, `affect`/`effect`).
    Confusable,
    /// Sounds the same (CMU Pronouncing Dictionary).
    Homophone,
    /// One keyboard slip away (`drones`/`drowns`, `from`/`form`).
    Slip,
    /// One other edit away: a letter dropped, added, swapped or changed
    /// (`hound`/`found`, `tow`/`town`).
    Edit,
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

const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// Strings one keyboard slip from `word`: a letter dropped, doubled,
/// swapped with its neighbour (and maybe mistyped too), or struck as (or
/// with) a neighbouring key.
pub fn slips(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let n = chars.len();
    for i in 0..n {
        // Deleted.
        out.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
        // Swapped with the next, and possibly struck with a neighbouring
        // key as well (`drones` typed `drowns`).
        if i + 1 < n && chars[i] != chars[i + 1] {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            out.push(c.iter().collect());
            for k in LETTERS.chars() {
                for j in [i, i + 1] {
                    if adjacent(k, c[j]) {
                        let mut d = c.clone();
                        d[j] = k;
                        out.push(d.into_iter().collect());
                    }
                }
            }
        }
        for k in LETTERS.chars() {
            // A neighbouring key instead.
            if adjacent(k, chars[i]) {
                let mut c = chars.clone();
                c[i] = k;
                out.push(c.into_iter().collect());
            }
        }
    }
    // Inserted: a doubled letter or a neighbour of the letter beside it.
    for i in 0..=n {
        for k in LETTERS.chars() {
            let near = |j: Option<&char>| j.is_some_and(|&c| c == k || adjacent(c, k));
            if near(i.checked_sub(1).and_then(|j| chars.get(j))) || near(chars.get(i)) {
                let mut c = chars.clone();
                c.insert(i, k);
                out.push(c.into_iter().collect());
            }
        }
    }
    out.sort();
    out.dedup();
    out.retain(|w| w != word);
    out
}

/// A candidate for a written word: its model id and why it is offered.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub word: String,
    pub id: u32,
    pub source: Source,
}

/// The candidates for a lower-case word known to the dialect: confusion
/// sets and homophones first, then slips, each a word of the dialect that
/// the model knows and that is common enough.
pub fn candidates(model: &Model, speller: &Speller, word: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let vocab = model.vocab();
    let push = |w: &str, source: Source, min_zipf: f32, out: &mut Vec<Candidate>| {
        if w == word || out.iter().any(|c| c.word == w) {
            return;
        }
        let Some(id) = vocab.get(w) else {
            return;
        };
        if data::zipf(w).unwrap_or(0.0) < min_zipf || !speller.knows_fast(w) {
            return;
        }
        out.push(Candidate {
            word: w.to_string(),
            id: id as u32,
            source,
        });
    };
    if let Some(set) = sets().get(word) {
        for &(w, source) in set {
            push(w, source, SET_MIN_ZIPF, &mut out);
        }
    }
    if word.chars().all(|c| c.is_ascii_lowercase()) {
        if word.len() >= 3 {
            for w in slips(word) {
                push(&w, Source::Slip, SLIP_MIN_ZIPF, &mut out);
            }
        }
        if word.len() >= 2 {
            for w in edits(word) {
                push(&w, Source::Edit, SLIP_MIN_ZIPF, &mut out);
            }
        }
    }
    out
}

/// Every string one edit from `word` (Damerau-Levenshtein, lower-case
/// letters and the apostrophe).
pub fn edits(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out = Vec::with_capacity(60 * n + 30);
    let s = |c: &[char]| c.iter().collect::<String>();
    for i in 0..n {
        let mut c = chars.clone();
        c.remove(i);
        out.push(s(&c));
        if i + 1 < n {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            out.push(s(&c));
        }
        for k in LETTERS.chars().chain(std::iter::once('\'')) {
            let mut c = chars.clone();
            c[i] = k;
            out.push(s(&c));
        }
    }
    for i in 0..=n {
        for k in LETTERS.chars().chain(std::iter::once('\'')) {
            let mut c = chars.clone();
            c.insert(i, k);
            out.push(s(&c));
        }
    }
    out.sort();
    out.dedup();
    out.retain(|w| w != word);
    out
}

/// The model's ids for a stream of pieces: words it knows, `None` for a
/// word it does not; breaks as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Word(Option<u32>),
    Cut,
    End,
}

pub fn slots(model: &Model, pieces: &[Piece]) -> Vec<Slot> {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Word(_, w) => Slot::Word(model.id(w)),
            Piece::Cut => Slot::Cut,
            Piece::End => Slot::End,
        })
        .collect()
}

/// log10 probability of the words from `at` to two words after it (and of
/// the sentence ending, if it ends there), with `word` at `at`: the part of
/// the text's probability that the word at `at` changes.
pub fn window(model: &Model, slots: &[Slot], at: usize, word: u32) -> f32 {
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
    let mut total = 0.0;
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
        total += model.logp(h2, h1, w);
        if j == slots.len() || matches!(slots[j], Slot::End) {
            break;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn words(text: &str) -> Vec<String> {
        pieces(text, &tokenize(text, 0))
            .into_iter()
            .map(|p| match p {
                Piece::Word(_, w) => w,
                Piece::Cut => "|".into(),
                Piece::End => "#".into(),
            })
            .collect()
    }

    #[test]
    fn pieces_cut_at_numbers_and_end_at_sentences() {
        // A dash cuts the context, and the tokenizer starts a sentence after it.
        assert_eq!(
            words("Two armed drones, 12 of them. It’s over (now) — self-defence"),
            [
                "two", "armed", "drones", "|", "of", "them", "#", "it's", "over", "|", "now", "|",
                "|", "#", "self", "defence"
            ]
        );
    }

    #[test]
    fn slips_are_one_key_away() {
        let s = slips("drowns");
        assert!(s.contains(&"drones".to_string()));
        assert!(slips("form").contains(&"from".to_string()));
        assert!(slips("trail").contains(&"trial".to_string()));
        assert!(!s.contains(&"drowns".to_string()));
        assert!(!s.contains(&"browns".to_string()));
    }

    #[test]
    fn confusion_sets_are_symmetric() {
        let s = sets();
        assert!(s["their"].iter().any(|(w, _)| *w == "there"));
        assert!(s["there"].iter().any(|(w, _)| *w == "their"));
        assert!(s["effect"].iter().any(|(w, _)| *w == "affect"));
    }
}
