//! Suggestions for a misspelt word, best first, without Hunspell's slow
//! `suggest`. Candidates come from typos-dict's list of real misspellings,
//! from every dictionary form one edit away (or two, found by walking the
//! word-form fst), and from words the story itself uses. Each is scored as a
//! noisy channel: how common the word is (Zipf frequency) plus how likely
//! the slip is on a keyboard, with a bonus for words the story already
//! uses. Capitalised words one slip away and two words run together are
//! the last resort.

use super::channel::{distance, misspelling_given};
use super::edits::{
    alphabet, each_edit, each_edit_in, first_letter_edits, within, EditKinds, MAX_FAR_CANDIDATES,
};
use super::{data, match_case, Speller};
use std::collections::{HashMap, HashSet};

/// Lower-case words the story uses, with their counts.
pub type StoryWords = HashMap<String, usize>;

const MAX_SUGGESTIONS: usize = 5;
/// Zipf frequency assumed for a dictionary word outside the frequency list.
pub const RARE_ZIPF: f32 = 1.0;
const STORY_BONUS: f32 = 2.0;
/// The fewest words a story is taken to have when its shares are counted.
const STORY_MIN_WORDS: usize = 200;
const TYPOS_DICT_BONUS: f32 = 1.0;

/// A candidate correction with its score: the log10 likelihood that the
/// writer meant it (its Zipf frequency plus the slip's channel cost plus
/// bonuses), comparable with the Zipf frequency of the written word.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub word: String,
    pub score: f32,
}

/// The ranked candidates for `word`, and whether the word is a known
/// misspelling (typos-dict lists it).
pub struct Ranked {
    pub candidates: Vec<Candidate>,
    pub known_typo: bool,
}

/// Suggestions for `word` (apostrophes straight), best first, in the
/// word's own capitals.
pub fn suggest(speller: &Speller, word: &str, story: &StoryWords) -> Vec<String> {
    rank(speller, word, story)
        .candidates
        .into_iter()
        .map(|c| c.word)
        .collect()
}

/// typos-dict's corrections of a known misspelling, if it is one.
pub fn known_typo(lower: &str) -> Option<Vec<&'static str>> {
    data::typo_fixes(lower)
}

/// Longest word newslint looks for corrections of: past it, a "word" is a
/// code, a run of letters or junk, and edits would cost quadratic time.
pub const MAX_WORD_CHARS: usize = 40;

pub fn rank(speller: &Speller, word: &str, story: &StoryWords) -> Ranked {
    rank_with(speller, word, story, Depth::Full)
}

/// How far [`rank_with`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Known misspellings, words one edit away and sound-alikes: cheap
    /// enough for every unknown name of a story.
    Quick,
    /// Also words two edits away (three for long words), capitalised
    /// dictionary words and two words run together.
    Full,
}

/// The ranked corrections of `word`, looking as far as `depth` says.
pub fn rank_with(speller: &Speller, word: &str, story: &StoryWords, depth: Depth) -> Ranked {
    let lower = word.to_lowercase();
    if lower.chars().count() > MAX_WORD_CHARS {
        return Ranked {
            candidates: Vec::new(),
            known_typo: false,
        };
    }
    let mut scores = Scores::new(speller, word, &lower);
    let typo_fixes = known_typo(&lower);
    for fix in typo_fixes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|f| f.split(' ').all(|part| speller.knows_fast(part)))
    {
        match fix.split_once(' ') {
            // A phrase written as one word (`alot`: `a lot`), priced as
            // two words run together are.
            Some((left, right)) => {
                scores.keep_best(fix, run_together_score(left, right) + TYPOS_DICT_BONUS);
            }
            None => scores.add(fix, TYPOS_DICT_BONUS),
        }
    }
    let story = Story::new(story);
    add_sound_alikes(&mut scores, speller, &story);
    if lower.is_ascii() {
        add_near_ascii(&mut scores, speller, &lower, &story);
    } else {
        add_near(&mut scores, speller, &lower, &story);
    }
    if depth == Depth::Full {
        add_far(&mut scores, speller, &lower);
        add_capitalised(&mut scores, speller, &lower);
        add_run_together(&mut scores, speller, &lower);
        if scores.scored.is_empty() {
            add_last_resort(&mut scores, speller, &lower);
        }
        let weak = scores.kth_best(1) < GOOD_NEAR_SCORE;
        for cand in speller.extra_candidates(word, weak) {
            scores.add(&cand, 0.0);
        }
    }
    scores.scored.retain(|cand, _| speller.may_suggest(cand));
    Ranked {
        candidates: best_first(word, scores.scored),
        known_typo: typo_fixes.is_some(),
    }
}

/// The candidates of one word so far, each with its best score.
struct Scores<'a> {
    lower: &'a str,
    /// Whether the word was written in lower case.
    lower_written: bool,
    never: &'static fst::Set<&'static [u8]>,
    /// Forms sharing a Double Metaphone key with the word.
    sound_alikes: HashSet<String>,
    scored: HashMap<String, f32>,
}

impl<'a> Scores<'a> {
    fn new(speller: &Speller, word: &str, lower: &'a str) -> Self {
        Scores {
            lower,
            lower_written: word == lower,
            never: data::never_suggest(speller.dialect),
            sound_alikes: HashSet::new(),
            scored: HashMap::new(),
        }
    }

    /// The `k`th best score so far, or minus infinity.
    fn kth_best(&self, k: usize) -> f32 {
        let mut all: Vec<f32> = self.scored.values().copied().collect();
        all.sort_by(|a, b| b.total_cmp(a));
        all.get(k - 1).copied().unwrap_or(f32::NEG_INFINITY)
    }

    /// Scores `cand` (a dictionary form, capitalised or not) as a noisy
    /// channel: its frequency, the likelihood of the misspelling
    /// ([`misspelling`]), a bonus for a sound-alike, plus `bonus`.
    fn add(&mut self, cand: &str, bonus: f32) {
        let cand_lower = cand.to_lowercase();
        if cand_lower == self.lower || self.never.contains(&cand_lower) {
            return;
        }
        let alike = self.sound_alikes.contains(cand);
        let sound = if alike { SOUND_ALIKE_BONUS } else { 0.0 };
        // A lower-case word meant as a capitalised one (`agisting`,
        // `Agustin`) is a second error, unless the word was capitalised.
        let case = if cand != cand_lower && self.lower_written {
            -CASE_CHANGE
        } else {
            0.0
        };
        let score = PRIOR_WEIGHT * zipf(&cand_lower)
            + misspelling_given(self.lower, &cand_lower, alike)
            + sound
            + case
            + bonus;
        self.keep_best(cand, score);
    }

    /// Keeps `score` for `cand` if it beats the one it has.
    fn keep_best(&mut self, cand: &str, score: f32) {
        let entry = self.scored.entry(cand.to_string()).or_insert(f32::MIN);
        *entry = entry.max(score);
    }
}

/// How much a word's frequency weighs against the channel: less than one,
/// since a writer who does not know a spelling misses rare and common words
/// alike.
pub const PRIOR_WEIGHT: f32 = 0.85;
/// The cost of a capital the writer left out.
const CASE_CHANGE: f32 = 1.0;
/// The bonus of a correction that sounds like the misspelling.
const SOUND_ALIKE_BONUS: f32 = 1.0;

/// The story's words as one ranking reads them: its count of words is
/// summed once, the first time a candidate the story uses needs it (not
/// once a candidate: a long story has tens of thousands of spellings).
struct Story<'s> {
    words: &'s StoryWords,
    total: std::cell::OnceCell<usize>,
}

impl<'s> Story<'s> {
    fn new(words: &'s StoryWords) -> Self {
        Story {
            words,
            total: std::cell::OnceCell::new(),
        }
    }

    fn contains_key(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// The bonus of a candidate the story itself uses: how much likelier
    /// the story makes it than its frequency does (log10 of its share of
    /// the story's words over its share of English, at most
    /// [`STORY_BONUS`]). A rare word the story uses (`troops`) gains most;
    /// `the` gains nothing.
    fn bonus(&self, cand: &str) -> f32 {
        let Some(&count) = self.words.get(cand) else {
            return 0.0;
        };
        // A short text's shares say little: a headline of six words would
        // make each of them a sixth of the story.
        let total = *self
            .total
            .get_or_init(|| self.words.values().sum::<usize>().max(STORY_MIN_WORDS));
        let in_story = (count as f32 / total as f32 * 1e9).log10();
        (in_story - zipf(cand)).clamp(0.0, STORY_BONUS)
    }
}

/// Adds the dictionary forms that sound like the word, and remembers them
/// for the others' bonus.
fn add_sound_alikes(scores: &mut Scores, speller: &Speller, story: &Story) {
    let forms = speller.word_forms();
    let mut found = Vec::new();
    // A sound-alike further than three edits is a coincidence of keys
    // (`qxzvbntq`, `coexist`).
    super::phonetic::each_sound_alike(scores.lower, |form, alike| {
        if forms.contains(form) && distance(scores.lower, &form.to_lowercase()) <= 3 {
            if alike {
                scores.sound_alikes.insert(form.to_string());
            }
            found.push(form.to_string());
        }
    });
    for form in found {
        let bonus = story.bonus(&form);
        scores.add(&form, bonus);
    }
}

/// Adds the dictionary forms one edit from the ASCII `lower`, found by
/// walking the lists, and the lexicon and newsroom words one edit away
/// that the story uses.
fn add_near_ascii(scores: &mut Scores, speller: &Speller, lower: &str, story: &Story) {
    let forms = speller.word_forms();
    let lexicon = data::lexicon();
    each_edit_in(forms.as_fst(), lower.as_bytes(), 0, |cand| {
        scores.add(cand, story.bonus(cand));
    });
    // Capitalised dictionary words (`febuary`: `February`).
    let caps = data::capitalised_lower(speller.dialect);
    each_edit_in(caps.as_fst(), lower.as_bytes(), 0, |cand| {
        let title = super::title_case(cand);
        if forms.contains(&title) {
            scores.add(&title, 0.0);
        }
    });
    // A lower-case word known but not a dictionary form is a lexicon
    // or newsroom word.
    each_edit_in(lexicon.as_fst(), lower.as_bytes(), 0, |cand| {
        if !forms.contains(cand) && story.contains_key(cand) {
            scores.add(cand, STORY_BONUS);
        }
    });
    if speller.has_user_words() {
        each_edit(lower, EditKinds::all(alphabet()), |cand| {
            if !forms.contains(cand)
                && !lexicon.contains(cand)
                && speller.in_user_words(cand)
                && story.contains_key(cand)
            {
                scores.add(cand, STORY_BONUS);
            }
            true
        });
    }
}

/// [`add_near_ascii`] for a word with other letters: every edit looked up.
fn add_near(scores: &mut Scores, speller: &Speller, lower: &str, story: &Story) {
    let forms = speller.word_forms();
    each_edit(lower, EditKinds::all(alphabet()), |cand| {
        let in_story = story.contains_key(cand);
        if forms.contains(cand) {
            scores.add(cand, story.bonus(cand));
        } else if in_story && speller.knows_fast(cand) {
            // A name or newsroom word the story itself uses.
            scores.add(cand, STORY_BONUS);
        }
        true
    });
}

/// How many edits away the far walk looks: two, three for long words.
fn far_edits(lower: &str) -> u8 {
    if lower.chars().count() >= LONG_WORD {
        3
    } else {
        2
    }
}

/// Words at least this long are searched three edits deep.
const LONG_WORD: usize = 9;

/// Adds the capitalised dictionary words within the far walk's edits
/// (`febuary`: `February`).
fn add_capitalised(scores: &mut Scores, speller: &Speller, lower: &str) {
    let mut found = Vec::new();
    within(
        data::capitalised_lower(speller.dialect),
        data::capitalised_reach(speller.dialect),
        lower,
        far_edits(lower),
        |cand, _| {
            found.push(super::title_case(cand));
            found.len() < MAX_FAR_CANDIDATES
        },
    );
    for cand in found {
        if speller.word_forms().contains(&cand) {
            scores.add(&cand, 0.0);
        }
    }
}

/// Adds two known words run together (`alot`: `a lot`), scored as one
/// missing space between words as likely as their frequencies together.
fn add_run_together(scores: &mut Scores, speller: &Speller, lower: &str) {
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).skip(1).collect();
    for at in starts {
        let (left, right) = lower.split_at(at);
        let parts_ok = (left.chars().count() >= 2 || left == "a") && right.chars().count() >= 2;
        if parts_ok && speller.in_dictionary(left) && speller.in_dictionary(right) {
            scores.keep_best(&format!("{left} {right}"), run_together_score(left, right));
        }
    }
}

/// The score of `left right` for the two written as one word: a missing
/// space between words as likely as their frequencies together.
fn run_together_score(left: &str, right: &str) -> f32 {
    let together = zipf(left) + zipf(right) - RUN_TOGETHER_ZIPF;
    PRIOR_WEIGHT * together + -MISSING_SPACE
}

/// What two words' Zipf frequencies together lose as a pair (log10 of a
/// billion words, less what the words' association gains back).
const RUN_TOGETHER_ZIPF: f32 = 8.0;
/// The channel cost of a space left out.
const MISSING_SPACE: f32 = 1.5;

/// Adds at most [`MAX_FAR_CANDIDATES`] dictionary forms two edits away
/// (three for long words).
fn add_far(scores: &mut Scores, speller: &Speller, lower: &str) {
    // A keyboard slip of a common word one edit away (`volunters`) needs
    // no further search: most words of a story that are not found are
    // such slips or names.
    if scores.kth_best(1) >= GOOD_NEAR_SCORE {
        return;
    }
    let forms = speller.word_forms();
    let reach = data::word_forms_reach(speller.dialect);
    if far_edits(lower) == 2 {
        let mut found = Vec::new();
        within(forms, reach, lower, 2, |cand, _| {
            if !scores.scored.contains_key(cand) {
                found.push(cand.to_string());
            }
            found.len() < MAX_FAR_CANDIDATES
        });
        add_found(scores, found);
        return;
    }
    // A long word: one walk three edits deep serves both steps, the forms
    // within two being those it finds at distance two or less, in the same
    // (byte) order. Nearly every long word that gets this far takes both.
    let mut deep = Vec::new();
    within(forms, reach, lower, 3, |cand, distance| {
        deep.push((cand.to_string(), distance));
        true
    });
    let within_two = deep.iter().filter(|(_, d)| *d <= 2);
    add_found(scores, first_unscored(scores, within_two));
    // Three edits only when two found nothing a writer likely meant.
    if scores.kth_best(1) < PRIOR_WEIGHT * GOOD_FAR_ZIPF {
        add_found(scores, first_unscored(scores, deep.iter()));
    }
}

/// The score of a candidate one edit away that ends the search.
const GOOD_NEAR_SCORE: f32 = 3.0;

/// A candidate scoring as a word of this Zipf frequency with no error is
/// good enough to stop looking three edits away.
const GOOD_FAR_ZIPF: f32 = 3.0;

/// The first [`MAX_FAR_CANDIDATES`] of `found` not yet scored.
fn first_unscored<'f>(
    scores: &Scores,
    found: impl Iterator<Item = &'f (String, u8)>,
) -> Vec<String> {
    found
        .filter(|(cand, _)| !scores.scored.contains_key(cand))
        .take(MAX_FAR_CANDIDATES)
        .map(|(cand, _)| cand.clone())
        .collect()
}

/// Adds the dictionary forms `found` further away.
fn add_found(scores: &mut Scores, found: Vec<String>) {
    // Scoring a candidate aligns it letter by letter: skip those that could
    // not reach the suggestions however they are aligned.
    let floor = scores.kth_best(MAX_SUGGESTIONS);
    for cand in found {
        if PRIOR_WEIGHT * zipf(&cand) + FAR_CEILING >= floor {
            scores.add(&cand, 0.0);
        }
    }
}

/// The most a candidate two edits away can gain over its frequency: the
/// sound-alike and story bonuses, less two of the cheapest edits.
const FAR_CEILING: f32 = SOUND_ALIKE_BONUS + STORY_BONUS - 1.2;

/// Adds the [`last_resort`] corrections, scored far below any other.
fn add_last_resort(scores: &mut Scores, speller: &Speller, lower: &str) {
    for cand in last_resort(speller, lower) {
        let cand_lower = cand.to_lowercase();
        if cand_lower != lower && !scores.never.contains(&cand_lower) {
            let score = zipf(&cand_lower) - 4.0;
            scores.scored.entry(cand).or_insert(score);
        }
    }
}

/// The best [`MAX_SUGGESTIONS`] candidates, in the capitals of `word`,
/// each once and none the word itself.
fn best_first(word: &str, scored: HashMap<String, f32>) -> Vec<Candidate> {
    let mut ranked: Vec<(String, f32)> = scored.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut candidates: Vec<Candidate> = Vec::new();
    for (cand, score) in ranked {
        let cased = match_case(word, &cand);
        if cased != word && !candidates.iter().any(|c| c.word == cased) {
            candidates.push(Candidate { word: cased, score });
        }
        if candidates.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    candidates
}

/// Corrections for a word with nothing lower-case within two edits: a
/// capitalised word one slip away (`londn`: `London`) and two words run
/// together (`bushfires`: `bush fires`, `bush-fires`).
///
/// Hunspell's `suggest` used to be asked here, at 20 to 30 ms a word (an
/// n-gram scan of its whole dictionary): besides these, it found mostly
/// far-fetched words (`plesiosaur`: `applesauce`).
fn last_resort(speller: &Speller, lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    let forms = speller.word_forms();
    let lexicon = data::lexicon();
    let known = |capitalised: &str| {
        forms.contains(capitalised)
            || lexicon.contains(capitalised)
            || speller.in_user_words(capitalised)
    };
    let mut capitalised = String::new();
    let mut check = |edit: &str, out: &mut Vec<String>| {
        let mut chars = edit.chars();
        capitalised.clear();
        capitalised.extend(chars.next().into_iter().flat_map(char::to_uppercase));
        capitalised.push_str(chars.as_str());
        if known(&capitalised) {
            out.push(capitalised.clone());
        }
    };
    if lower.is_ascii() && !lower.is_empty() && !speller.has_user_words() {
        // The edits of the first letter one by one; the others, which keep
        // it, by walking the lists from the capitalised word.
        let title = super::title_case(lower);
        for edit in first_letter_edits(lower) {
            check(&edit, &mut out);
        }
        for set in [forms.as_fst(), lexicon.as_fst()] {
            each_edit_in(set, title.as_bytes(), 1, |cand| out.push(cand.to_string()));
        }
    } else {
        each_edit(lower, EditKinds::all(alphabet()), |edit| {
            check(edit, &mut out);
            true
        });
    }
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    // Each word at least two letters long.
    for &at in starts.iter().skip(2).take(starts.len().saturating_sub(3)) {
        let (left, right) = lower.split_at(at);
        if speller.knows_fast(left) && speller.knows_fast(right) {
            out.push(format!("{left} {right}"));
            out.push(format!("{left}-{right}"));
        }
    }
    out
}

pub fn zipf(word: &str) -> f32 {
    data::zipf(word).unwrap_or(RARE_ZIPF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Dialect;
    use fst::{IntoStreamer, Streamer};
    use std::collections::HashSet;

    #[test]
    fn typos_dict_is_compiled_in() {
        assert_eq!(known_typo("goverment"), Some(vec!["government"]));
        // With newslint's own phrases written as one word.
        assert_eq!(known_typo("alot"), Some(vec!["a lot"]));
        assert!(known_typo("government").is_none());
        assert!(known_typo("teh").is_some_and(|f| f.contains(&"the")));
    }

    #[test]
    fn troups_is_troops_first_and_keeps_capitals() {
        let s = Speller::new(Dialect::EnGb, HashSet::new());
        let story: StoryWords = [("troops".to_string(), 1)].into();
        assert_eq!(
            suggest(&s, "troups", &story).first().map(String::as_str),
            Some("troops")
        );
        assert_eq!(
            suggest(&s, "Troups", &story).first().map(String::as_str),
            Some("Troops")
        );
    }

    #[test]
    fn obscenities_are_accepted_but_never_suggested() {
        let s = Speller::new(Dialect::EnUs, HashSet::new());
        assert!(s.knows_fast("shit"));
        let none = StoryWords::new();
        assert!(!suggest(&s, "shiti", &none).iter().any(|w| w == "shit"));
        assert!(!suggest(&s, "cumt", &none).iter().any(|w| w == "cunt"));
    }

    fn automaton(forms: &fst::Set<&[u8]>, query: &str) -> Vec<String> {
        let lev = fst::automaton::Levenshtein::new(query, 2).unwrap();
        let mut stream = forms.search(lev).into_stream();
        let mut out = Vec::new();
        while let Some(key) = stream.next() {
            let key = String::from_utf8(key.to_vec()).unwrap();
            if key.chars().next().is_some_and(char::is_lowercase) {
                out.push(key);
            }
        }
        out
    }

    /// fst's automaton mishandles a non-ASCII query (a character sharing a
    /// first byte with one of the query's is never matched): those are
    /// checked against every key.
    fn every_key(forms: &fst::Set<&[u8]>, query: &str) -> Vec<String> {
        every_key_within(forms, query, 2)
    }

    fn every_key_within(forms: &fst::Set<&[u8]>, query: &str, max: usize) -> Vec<String> {
        let q: Vec<char> = query.chars().collect();
        let mut stream = forms.stream();
        let mut out = Vec::new();
        while let Some(key) = stream.next() {
            let key = String::from_utf8(key.to_vec()).unwrap();
            let k: Vec<char> = key.chars().collect();
            let mut prev: Vec<usize> = (0..=q.len()).collect();
            for (i, kc) in k.iter().enumerate() {
                let mut cur = vec![i + 1];
                for (j, qc) in q.iter().enumerate() {
                    let v = (cur[j] + 1)
                        .min(prev[j + 1] + 1)
                        .min(prev[j] + usize::from(kc != qc));
                    cur.push(v);
                }
                prev = cur;
            }
            if prev[q.len()] <= max && k.first().is_some_and(|c| c.is_lowercase()) {
                out.push(key);
            }
        }
        out
    }

    fn expected(forms: &fst::Set<&[u8]>, query: &str) -> Vec<String> {
        if query.is_ascii() {
            automaton(forms, query)
        } else {
            every_key(forms, query)
        }
    }

    /// The forms two edits from `query`, with a reach table made for
    /// `forms` here.
    fn walk(forms: &fst::Set<&[u8]>, query: &str) -> Vec<String> {
        let table = crate::spell::reach::table(forms.as_fst().as_bytes());
        let reach = crate::spell::edits::Reach::new(&table);
        let mut out = Vec::new();
        crate::spell::edits::within(forms, reach, query, 2, |k, _| {
            out.push(k.to_string());
            true
        });
        out
    }

    /// [`walk`] with the table `build.rs` embedded for en-GB's forms.
    fn walk_gb(query: &str) -> Vec<String> {
        let forms = data::word_forms(Dialect::EnGb);
        let mut out = Vec::new();
        let reach = data::word_forms_reach(Dialect::EnGb);
        crate::spell::edits::within(forms, reach, query, 2, |k, _| {
            out.push(k.to_string());
            true
        });
        out
    }

    #[test]
    fn the_fst_walk_finds_what_the_levenshtein_automaton_finds() {
        let small = fst::Set::from_iter([
            "Cafe",
            "ab",
            "abc",
            "cafe",
            "caff\u{e9}",
            "caf\u{e8}",
            "caf\u{e9}",
            "caf\u{e9}s",
            "cof\u{e9}",
            "f\u{e9}e",
            "xyzzy",
            "\u{e9}clair",
            "\u{e9}t\u{e9}",
        ])
        .unwrap();
        let small = fst::Set::new(small.as_fst().as_bytes()).unwrap();
        for query in [
            "cafe",
            "caf",
            "ab",
            "ete",
            "fee",
            "eclair",
            "x",
            "caf\u{e9}",
            "\u{e9}t\u{e8}",
        ] {
            assert_eq!(walk(&small, query), expected(&small, query), "{query}");
            assert_eq!(walk(&small, query), every_key(&small, query), "{query}");
        }
        assert!(walk(&small, "cafe").contains(&"caf\u{e9}s".to_string()));
        assert!(walk(&small, "caf\u{e9}").contains(&"caf\u{e8}".to_string()));
        let forms = data::word_forms(crate::base::Dialect::EnGb);
        // Words of the dictionary, and one and two slips from them.
        let mut stream = forms.stream();
        let mut sampled = Vec::new();
        let mut i = 0;
        while let Some(form) = stream.next() {
            i += 1;
            if i % 4001 == 0 {
                sampled.push(String::from_utf8(form.to_vec()).unwrap().to_lowercase());
            }
        }
        assert!(sampled.len() > 20);
        for form in &sampled {
            let chars: Vec<char> = form.chars().collect();
            let dropped: String = chars[1..].iter().collect();
            let mut swapped = chars.clone();
            swapped.swap(0, chars.len() - 1);
            let swapped: String = swapped.iter().collect();
            for query in [form, &dropped, &swapped] {
                assert_eq!(walk_gb(query), expected(forms, query), "{query}");
            }
        }
        for query in [
            "troups",
            "a",
            "tas",
            "recieve",
            "qxzvbnt",
            "don't",
            "naive",
            "cliche",
            "soliemani",
            "na\u{ef}ve",
            "m\u{fc}ller",
        ] {
            assert_eq!(walk_gb(query), expected(forms, query), "{query}");
        }
        // The table made at run time walks the same.
        assert_eq!(walk(forms, "recieve"), walk_gb("recieve"));
    }

    #[test]
    fn the_walk_three_edits_deep_skips_no_word_within_three() {
        for dialect in [Dialect::EnUs, Dialect::EnGb] {
            let sets = [
                (data::word_forms(dialect), data::word_forms_reach(dialect)),
                (
                    data::capitalised_lower(dialect),
                    data::capitalised_reach(dialect),
                ),
            ];
            for (forms, reach) in sets {
                for query in ["plesiosaurs", "objectifiers", "homoeopathy", "caf\u{e9}s"] {
                    let mut walked = Vec::new();
                    let mut two = Vec::new();
                    crate::spell::edits::within(forms, reach, query, 3, |k, distance| {
                        walked.push(k.to_string());
                        if distance <= 2 {
                            two.push(k.to_string());
                        }
                        true
                    });
                    assert_eq!(walked, every_key_within(forms, query, 3), "{query}");
                    // Its forms at distance two or less are the walk two deep.
                    assert_eq!(two, every_key_within(forms, query, 2), "{query}");
                }
            }
        }
    }

    #[test]
    fn walking_the_lists_finds_the_edits_looking_each_up_finds() {
        let sets = [
            data::word_forms(Dialect::EnGb),
            data::word_forms(Dialect::EnUs),
            data::lexicon(),
        ];
        let words = [
            "troups",
            "teh",
            "a",
            "ab",
            "recieve",
            "don't",
            "goverment",
            "qxzvbnt",
            "zz",
            "aa",
            "londn",
            "paris",
            "bushfires",
            "plesiosaurs",
            "colourr",
            "it's",
            "'s",
        ];
        for set in sets {
            for word in words {
                let mut looked_up = Vec::new();
                each_edit(word, EditKinds::all(alphabet()), |edit| {
                    if set.contains(edit) {
                        looked_up.push(edit.to_string());
                    }
                    true
                });
                let mut walked = Vec::new();
                each_edit_in(set.as_fst(), word.as_bytes(), 0, |key| {
                    walked.push(key.to_string())
                });
                looked_up.sort();
                walked.sort();
                assert_eq!(walked, looked_up, "{word}");
                // Capitalised, keeping the first letter.
                let title = crate::spell::title_case(word);
                let mut looked_up: Vec<String> = Vec::new();
                each_edit(word, EditKinds::all(alphabet()), |edit| {
                    let cap = crate::spell::title_case(edit);
                    if set.contains(&cap) {
                        looked_up.push(cap);
                    }
                    true
                });
                for edit in first_letter_edits(word) {
                    let cap = crate::spell::title_case(&edit);
                    if let Some(i) = looked_up.iter().position(|w| *w == cap) {
                        looked_up.remove(i);
                    }
                }
                let mut walked = Vec::new();
                each_edit_in(set.as_fst(), title.as_bytes(), 1, |key| {
                    walked.push(key.to_string())
                });
                looked_up.sort();
                walked.sort();
                assert_eq!(walked, looked_up, "{title}");
            }
        }
    }

    #[test]
    fn with_nothing_near_run_together_and_capitalised_words_are_suggested() {
        let s = Speller::new(Dialect::EnGb, HashSet::new());
        let none = StoryWords::new();
        assert_eq!(suggest(&s, "bushfires", &none)[0], "bush fires");
        assert_eq!(suggest(&s, "febuary", &none)[0], "February");
        assert_eq!(suggest(&s, "Bushfires", &none)[0], "Bush fires");
        assert!(suggest(&s, "qxzvbntq", &none).is_empty());
    }

    #[test]
    fn a_very_long_word_gets_no_suggestions_and_no_quadratic_work() {
        let s = Speller::new(Dialect::EnUs, HashSet::new());
        let long = "ab".repeat(50_000);
        assert!(suggest(&s, &long, &StoryWords::new()).is_empty());
    }

    #[test]
    fn suggestions_follow_the_dialect() {
        let gb = Speller::new(Dialect::EnGb, HashSet::new());
        let us = Speller::new(Dialect::EnUs, HashSet::new());
        let none = StoryWords::new();
        assert!(suggest(&gb, "colourr", &none).contains(&"colour".to_string()));
        assert!(suggest(&us, "colorr", &none).contains(&"color".to_string()));
        assert!(!suggest(&us, "colorr", &none).contains(&"colour".to_string()));
    }
}
