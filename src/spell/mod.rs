//! Spelling: which words are known (dictionary word forms, the news
//! lexicon, the newsroom's own words, then Hunspell), and what to suggest
//! for the ones that are not.

pub mod channel;
pub mod data;
pub mod desk;
pub mod dialects;
pub mod edits;
pub mod forms;
pub mod hunspell;
pub mod phonetic;
pub mod reach;
pub mod suggest;

use crate::base::Dialect;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The shape of a word's capitals, as Hunspell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    /// `Troops`: first letter upper, the rest lower.
    Title,
    /// `NATO`: every letter upper (at least two letters).
    Upper,
    /// `iPhone`, `McDonald`.
    Mixed,
}

pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    let (mut upper, mut lower) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Title,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Gives `suggestion` the capitals of `original` (`Troups` → `Troops`).
pub fn match_case(original: &str, suggestion: &str) -> String {
    match case_of(original) {
        Case::Title if case_of(suggestion) == Case::Lower => title_case(suggestion),
        Case::Upper if suggestion.chars().count() > 1 => suggestion.to_uppercase(),
        _ => suggestion.to_string(),
    }
}

/// The most edits between a word and a suggestion Hunspell adds.
const MAX_EXTRA_EDITS: usize = 3;

/// The spelling authority for one dialect and one newsroom.
pub struct Speller {
    pub dialect: Dialect,
    forms: &'static fst::Set<&'static [u8]>,
    user: HashSet<String>,
    user_lower: HashSet<String>,
    hunspell: hunspell::Engine,
    hunspell_cache: RefCell<HashMap<String, bool>>,
    /// The desk's own Hunspell dictionaries, with their verdicts cached.
    desk: Vec<desk::DeskDictionary>,
    desk_cache: RefCell<HashMap<String, bool>>,
    generation: u64,
}

impl Speller {
    pub fn new(dialect: Dialect, user_words: HashSet<String>) -> Self {
        let user_lower = user_words.iter().map(|w| w.to_lowercase()).collect();
        Speller {
            dialect,
            forms: data::word_forms(dialect),
            user: user_words,
            user_lower,
            hunspell: hunspell::Engine::new(dialect),
            hunspell_cache: RefCell::new(HashMap::new()),
            desk: Vec::new(),
            desk_cache: RefCell::new(HashMap::new()),
            generation: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    /// A speller like this one (same dialect and words) for another
    /// thread: a speller's Hunspell handle stays on the thread that made it.
    /// None when the speller carries a desk's Hunspell dictionaries: those
    /// stay with their one thread.
    pub fn recipe(&self) -> Option<(Dialect, HashSet<String>)> {
        self.desk
            .is_empty()
            .then(|| (self.dialect, self.user.clone()))
    }

    /// The speller with the desk's own Hunspell dictionaries too.
    pub fn with_desk(mut self, desk: Vec<desk::DeskDictionary>) -> Self {
        self.desk = desk;
        self
    }

    /// Whether one of the desk's Hunspell dictionaries takes `word`.
    pub fn in_desk_dictionary(&self, word: &str) -> bool {
        if self.desk.is_empty() {
            return false;
        }
        if let Some(&known) = self.desk_cache.borrow().get(word) {
            return known;
        }
        let known = self.desk.iter().any(|d| d.check(word));
        self.desk_cache.borrow_mut().insert(word.to_string(), known);
        known
    }

    /// The desk dictionaries' suggestions for `word`, each once.
    pub fn desk_suggestions(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in self.desk.iter().flat_map(|d| d.suggest(word)) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// A number no other speller of this process has: what a cache of its
    /// answers is keyed by.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the dialect's dictionary lists `word` in this case, or with
    /// capitals a sentence start or headline could add (`Troops`, `TROOPS`).
    /// Apostrophes must already be straight. A dialect without embedded
    /// word forms (en-AU, en-CA, en-ZA) asks its Hunspell dictionary.
    pub fn in_dictionary(&self, word: &str) -> bool {
        if !self.dialect.is_embedded() {
            return self.hunspell_knows(word);
        }
        if self.forms.contains(word) {
            return true;
        }
        match case_of(word) {
            Case::Title => self.forms.contains(word.to_lowercase()),
            Case::Upper => {
                let lower = word.to_lowercase();
                self.forms.contains(&lower) || self.forms.contains(title_case(&lower))
            }
            _ => false,
        }
    }

    /// Whether the news lexicon names it; capitalised and all-caps words
    /// match in any case (`Nato`, `NATO`; `BAGHDAD`, `Baghdad`).
    pub fn in_lexicon(&self, word: &str) -> bool {
        data::lexicon().contains(word)
            || (case_of(word) != Case::Lower && data::lexicon_lower().contains(word.to_lowercase()))
    }

    /// Whether the newsroom gave any words of its own.
    pub fn has_user_words(&self) -> bool {
        !self.user.is_empty()
    }

    pub fn in_user_words(&self, word: &str) -> bool {
        if self.user.is_empty() {
            // Most runs have none: no lower-casing for nothing.
            return false;
        }
        self.user.contains(word)
            || (case_of(word) != Case::Lower && self.user_lower.contains(&word.to_lowercase()))
    }

    /// Known without asking Hunspell: the fast path for nearly every word.
    pub fn knows_fast(&self, word: &str) -> bool {
        self.in_dictionary(word)
            || self.in_lexicon(word)
            || self.in_user_words(word)
            || self.in_desk_dictionary(word)
    }

    /// Hunspell's verdict, cached per distinct word.
    pub fn hunspell_knows(&self, word: &str) -> bool {
        if let Some(&known) = self.hunspell_cache.borrow().get(word) {
            return known;
        }
        let known = self.hunspell.check(word);
        self.hunspell_cache
            .borrow_mut()
            .insert(word.to_string(), known);
        known
    }

    /// Whether Hunspell accepts a word the word forms may lack. The word
    /// forms hold every form Hunspell's affixes make (a test checks the
    /// 150,000 words of the frequency list); its compound rules add only
    /// numbers with an ordinal ending (`21st`, `102nd`). So Hunspell is
    /// asked, and loaded (15 ms), only for a word with a digit.
    pub fn hunspell_adds(&self, word: &str) -> bool {
        word.contains(|c: char| c.is_ascii_digit()) && self.hunspell_knows(word)
    }

    /// Known by any source: word forms, lexicon, newsroom words, Hunspell.
    pub fn knows(&self, word: &str) -> bool {
        self.knows_fast(word) || self.hunspell_adds(word)
    }

    /// The embedded word forms: the dictionary of en-US and en-GB, the
    /// candidate list of a dialect Hunspell checks at run time (whose
    /// suggestions [`Speller::may_suggest`] then filters).
    pub fn word_forms(&self) -> &'static fst::Set<&'static [u8]> {
        self.forms
    }

    /// Whether a candidate correction may be offered: every word of it
    /// known. Only a dialect checked at run time can have candidates its
    /// dictionary rejects (its candidate list is another dialect's).
    pub fn may_suggest(&self, cand: &str) -> bool {
        self.dialect.is_embedded()
            || cand
                .split([' ', '-'])
                .all(|w| w.is_empty() || self.knows(w))
    }

    /// Candidates beyond newslint's own: Hunspell's suggestions from the
    /// desk's dictionaries and from a dialect's dictionary checked at run
    /// time (its own words and affix rules may make forms the candidate
    /// list lacks). None for en-US and en-GB without a desk dictionary,
    /// whose suggestions need no Hunspell; and the dialect's only when
    /// `ask_dialect` (its suggestions cost milliseconds a word, and are
    /// not wanted when newslint's own candidates hold a good one).
    pub fn extra_candidates(&self, word: &str, ask_dialect: bool) -> Vec<String> {
        let mut out = self.desk_suggestions(word);
        if ask_dialect && !self.dialect.is_embedded() {
            out.extend(self.hunspell.suggest(word));
        }
        // Hunspell's n-gram guesses for a word with nothing near are
        // far-fetched (`nieghbours`: `bourgeoisie`): as with sound-alikes,
        // none further than three edits.
        let lower = word.to_lowercase();
        out.retain(|c| channel::distance(&c.to_lowercase(), &lower) <= MAX_EXTRA_EDITS);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_shapes() {
        assert_eq!(case_of("troops"), Case::Lower);
        assert_eq!(case_of("Troops"), Case::Title);
        assert_eq!(case_of("NATO"), Case::Upper);
        assert_eq!(case_of("iPhone"), Case::Mixed);
        assert_eq!(case_of("McDonald"), Case::Mixed);
        assert_eq!(match_case("Troups", "troops"), "Troops");
        assert_eq!(match_case("TROUPS", "troops"), "TROOPS");
    }

    #[test]
    fn dictionary_lookups_follow_capitals() {
        let s = Speller::new(Dialect::EnGb, HashSet::new());
        assert!(s.in_dictionary("troops"));
        assert!(s.in_dictionary("Troops"));
        assert!(s.in_dictionary("TROOPS"));
        assert!(s.in_dictionary("defence"));
        assert!(!s.in_dictionary("troups"));
        assert!(s.in_lexicon("Baghdad"));
        assert!(s.in_lexicon("BAGHDAD"));
        assert!(!s.in_lexicon("baghdad"));
    }

    #[test]
    fn hunspell_accepts_no_frequency_list_word_the_word_forms_lack() {
        use fst::Streamer;
        for dialect in [Dialect::EnGb, Dialect::EnUs] {
            let s = Speller::new(dialect, HashSet::new());
            let mut stream = data::frequencies().stream();
            let mut asked = 0;
            let mut extra = Vec::new();
            while let Some((word, _)) = stream.next() {
                let word = std::str::from_utf8(word).unwrap();
                if s.knows_fast(word) || word.contains(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                asked += 1;
                for w in [word.to_string(), title_case(word)] {
                    if !s.knows_fast(&w) && s.hunspell.check(&w) {
                        extra.push(w);
                    }
                }
            }
            assert!(asked > 10_000, "{asked}");
            assert_eq!(extra, Vec::<String>::new(), "{dialect:?}");
        }
    }

    #[test]
    fn hunspell_is_loaded_only_for_a_word_with_a_digit() {
        let s = Speller::new(Dialect::EnGb, HashSet::new());
        assert!(!s.knows("troups"));
        assert!(s.knows("colour"));
        assert!(!s.hunspell.is_loaded());
        assert!(s.knows("21st"));
        assert!(!s.knows("21th"));
        assert!(s.hunspell.is_loaded());
    }

    #[test]
    fn run_time_dialects_take_their_own_spellings() {
        let au = Speller::new(Dialect::EnAu, HashSet::new());
        assert!(au.knows("colour") && au.knows("organise") && au.knows("Colour"));
        assert!(!au.knows("organize") && !au.knows("troups"));
        let ca = Speller::new(Dialect::EnCa, HashSet::new());
        assert!(ca.knows("colour") && ca.knows("organize") && ca.knows("centre"));
        assert!(!ca.knows("color") && !ca.knows("organise"));
        let za = Speller::new(Dialect::EnZa, HashSet::new());
        assert!(za.knows("colour") && za.knows("organise") && za.knows("organize"));
        assert!(!za.knows("color"));
        assert!(za.may_suggest("colour") && !za.may_suggest("color"));
        assert!(za
            .extra_candidates("colur", true)
            .contains(&"colour".to_string()));
        let far = za.extra_candidates("nieghbours", true);
        assert!(far.contains(&"neighbours".to_string()), "{far:?}");
        assert!(!far.contains(&"bourgeoisie".to_string()), "{far:?}");
    }

    #[test]
    fn newsroom_words_are_known() {
        let words: HashSet<String> = ["Qaani".to_string()].into();
        let s = Speller::new(Dialect::EnUs, words);
        assert!(s.knows("Qaani"));
        assert!(s.knows("QAANI"));
        assert!(!s.knows("qaanis"));
    }
}
