//! The word stage of the pipeline: every word of the story split into the
//! parts that are spell-checked (hyphenated compounds part by part, digits
//! and single letters skipped), each with a verdict: a known word, a name
//! no list knows (capitalised, so `info`), or a misspelling.

use crate::base::hash::{FastMap, FastSet};
use crate::spell::suggest::{self, StoryWords};
use crate::spell::{case_of, channel, data, edits, forms, Case, Speller};
use crate::text::token::{
    has_curly_apostrophe, is_hyphen, is_title_abbreviation, straighten, Token, TokenKind,
};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Known,
    /// Capitalised or all-caps and unknown: most likely a name.
    Name,
    /// Unknown and lower-case (or an unknown sentence-initial word with a
    /// common word one slip away): a misspelling, with suggestions.
    Misspelt(Suggestions),
    /// Unknown and lower-case, but unlikely to be a slip: no common word
    /// is one keystroke away, the word is common in its own right, or the
    /// story uses it more than once (a technical term, a local word).
    Unfamiliar(Suggestions),
    /// Lower-case, unknown to this dialect and known to the other, with a
    /// counterpart here (`neighborhood` in en-GB copy): the `dialect`
    /// rules report it, with its counterparts.
    OtherDialect(Vec<String>),
}

/// Corrections of a word, best first, with the scores they were ranked by
/// (log10, higher is likelier) where a ranking made them: the spelling rule
/// weighs them against the words around each use of the word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Suggestions {
    words: Vec<String>,
    /// One per word, or none when the corrections were not scored.
    scores: Vec<f32>,
}

impl Suggestions {
    /// Each correction with its ranking score, or `None` when unscored.
    pub fn scored(&self) -> Option<impl Iterator<Item = (&str, f32)>> {
        (self.scores.len() == self.words.len() && !self.words.is_empty()).then(|| {
            self.words
                .iter()
                .map(String::as_str)
                .zip(self.scores.iter().copied())
        })
    }
}

impl From<Vec<String>> for Suggestions {
    fn from(words: Vec<String>) -> Self {
        Suggestions {
            words,
            scores: Vec::new(),
        }
    }
}

impl std::ops::Deref for Suggestions {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.words
    }
}

/// A spelling and its verdict, shared by every word of the story written
/// that way in the same place (sentence start, compound): a story repeats
/// its words, and a 5 MB file has almost a million.
#[derive(Debug)]
struct Spelling {
    /// With straight apostrophes.
    text: String,
    verdict: Verdict,
}

#[derive(Debug, Clone)]
pub struct Word {
    spelling: Arc<Spelling>,
    /// The span, held as `u32` as a token's is (24 bytes a word, not 32).
    start: u32,
    end: u32,
    pub sentence_start: bool,
    /// Written with a curly apostrophe (suggestions follow it).
    pub curly: bool,
}

impl Word {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The word with straight apostrophes.
    pub fn text(&self) -> &str {
        &self.spelling.text
    }

    pub fn verdict(&self) -> &Verdict {
        &self.spelling.verdict
    }

    /// The word without a possessive `'s` or `'`.
    pub fn base(&self) -> &str {
        strip_possessive(self.text())
    }
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub words: Vec<Word>,
    /// Lower-case words of the story, with counts.
    pub story: StoryWords,
}

pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("'S"))
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// The spell-checkable parts of a word token, with their byte spans.
fn parts(text: &str, span: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let word = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if is_hyphen(c) {
            out.push((span.start + start..span.start + i, &word[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((span.start + start..span.end, &word[start..]));
    out.retain(|(_, p)| p.chars().count() > 1 && !p.chars().any(|c| c.is_ascii_digit()));
    out
}

pub fn analyze(text: &str, tokens: &[Token], speller: &Speller) -> Analysis {
    analyze_on(text, tokens, speller, 1)
}

/// [`analyze`] with up to `threads` threads for a long text: its words
/// are read once to find the distinct parts to judge, those are judged
/// across the threads (a verdict depends only on the part, where it stands
/// and the whole story's words, all known before), then the words are read
/// again with every verdict known. The result is the same for any number.
pub fn analyze_on(text: &str, tokens: &[Token], speller: &Speller, threads: usize) -> Analysis {
    let (distinct, count) = distinct_spellings(text, tokens);
    let (story, mid_sentence_caps) = story_words(&distinct);
    let story_alphabet = story_alphabet(&story);
    let mut judge = Judge {
        headlines: headlines(text, tokens),
        in_name_runs: in_name_runs(text, tokens, speller),
        alone: alone(text, tokens),
        species: species(text, tokens, speller),
        speller,
        story: &story,
        mid_sentence_caps: &mid_sentence_caps,
        story_alphabet: &story_alphabet,
        known_fast: FastMap::with_capacity_and_hasher(distinct.len(), Default::default()),
        verdicts: FastMap::default(),
        words: Vec::with_capacity(count),
        pending: None,
    };
    if threads > 1 && text.len() >= PARALLEL_MIN_BYTES {
        judge.pending = Some(Vec::new());
        for t in tokens.iter().filter(|t| t.kind() == TokenKind::Word) {
            judge.token(text, t);
        }
        judge.judge_pending(threads);
        judge.words.clear();
    }
    for t in tokens.iter().filter(|t| t.kind() == TokenKind::Word) {
        judge.token(text, t);
    }
    let words = judge.words;
    Analysis { words, story }
}

/// Where a word stands, for what its capitals say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    MidSentence = 0,
    /// First word of a sentence.
    SentenceStart = 1,
    /// On a Title Case line.
    Headline = 2,
    /// Next to another capitalised word (`Rep. Edward Markey`, `Savin
    /// Corp.`), outside a headline: part of a name.
    NameRun = 3,
    /// Mid-sentence after a lower-case word that is no article or
    /// determiner, with no capitalised word or `of` after it (`from Durong,
    /// in the south`): how news names a place or a person, while a common
    /// word is capitalised after `the` (`the Committee`) or in a title
    /// (`Climate Initiative`, `Ministry of Defence`).
    Alone = 4,
    /// Where a lower-case word is a term, not a slip: Latin-looking after a
    /// capitalised word no dictionary has (`Capra hircus`, `Homo naledi`:
    /// a species' name), or a part of a compound whose other parts no
    /// dictionary knows either (`flim-flammery`, `sogo-shosha`: a coinage).
    Term = 5,
}

/// Endings of the second word of a species' name.
const LATIN_ENDINGS: &[&str] = &["us", "um", "a", "ae", "is", "i", "ensis", "oides", "ata"];

/// The most common a capitalised word may be and still be a genus (`Homo`
/// 3.6, `Capra` 2.6; `Mars` 4.3 and `April` 5.2 are not).
const GENUS_MAX_ZIPF: f32 = 4.0;

/// Starts of the lower-case word tokens standing [`Place::Term`].
fn species(text: &str, tokens: &[Token], speller: &Speller) -> FastSet<usize> {
    let mut out = FastSet::default();
    for w in tokens.windows(3) {
        let (genus, gap, name) = (&w[0], &w[1], &w[2]);
        let (g, n) = (genus.text(text), name.text(text));
        // The shape first: the dictionary and frequency lookups only for
        // the few capitalised words followed by a Latin-looking one.
        let shaped = genus.kind() == TokenKind::Word
            && gap.kind() == TokenKind::Space
            && gap.text(text) == " "
            && name.kind() == TokenKind::Word
            && case_of(n) == Case::Lower
            && LATIN_ENDINGS.iter().any(|e| n.ends_with(e))
            && case_of(g) == Case::Title;
        if !shaped {
            continue;
        }
        let genus_lower = g.to_lowercase();
        if !speller.word_forms().contains(genus_lower.as_str())
            && data::zipf(&genus_lower).unwrap_or(0.0) < GENUS_MAX_ZIPF
        {
            out.insert(name.start());
        }
    }
    out
}

/// Words after which a capitalised common word is a title (`the
/// Committee`, `its President`), not a name.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "my",
    "your", "every", "each", "no", "whose",
];

/// Starts of the capitalised word tokens standing [`Place::Alone`].
fn alone(text: &str, tokens: &[Token]) -> FastSet<usize> {
    let word = |t: Option<&Token>| {
        t.filter(|t| t.kind() == TokenKind::Word)
            .map(|t| t.text(text))
    };
    let mut out = FastSet::default();
    for (i, t) in tokens.iter().enumerate() {
        let written = t.text(text);
        if t.kind() != TokenKind::Word
            || t.sentence_start()
            || !written.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let before = i.checked_sub(2).and_then(|j| tokens.get(j));
        let after = word(tokens.get(i + 2));
        let spaced = |j: Option<usize>| {
            j.and_then(|j| tokens.get(j))
                .is_some_and(|s| s.kind() == TokenKind::Space)
        };
        let lower_before = spaced(i.checked_sub(1))
            && word(before)
                .is_some_and(|w| w.chars().all(char::is_lowercase) && !DETERMINERS.contains(&w));
        let titled_after = spaced(Some(i + 1))
            && after.is_some_and(|w| w == "of" || w.chars().next().is_some_and(char::is_uppercase));
        if lower_before && !titled_after {
            out.insert(t.start());
        }
    }
    out
}

/// Starts of the capitalised word tokens with a name's part just before or
/// after them (only spaces or a full point between): a title (`Rep.`,
/// `Corp.`) or a capitalised word, not at a sentence start, that is no
/// lower-case word written with a capital (`Edward`, not `Nations`).
fn in_name_runs(text: &str, tokens: &[Token], speller: &Speller) -> FastSet<usize> {
    let capitalised = |t: &Token| {
        t.kind() == TokenKind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
    };
    let name_part = |t: &Token| {
        let word = t.text(text);
        capitalised(t)
            && (is_title_abbreviation(word)
                || (!t.sentence_start()
                    && !speller.word_forms().contains(word.to_lowercase().as_str())))
    };
    let neighbour = |from: usize, step: isize| {
        let mut i = from as isize + step;
        while let Some(t) = usize::try_from(i).ok().and_then(|i| tokens.get(i)) {
            match t.kind() {
                TokenKind::Space => i += step,
                TokenKind::Punct if t.text(text) == "." => i += step,
                _ => return Some(t),
            }
        }
        None
    };
    let mut out = FastSet::default();
    for (i, t) in tokens.iter().enumerate().filter(|(_, t)| capitalised(t)) {
        let next_to_caps = [neighbour(i, -1), neighbour(i, 1)]
            .into_iter()
            .flatten()
            .any(name_part);
        if next_to_caps {
            out.insert(t.start());
        }
    }
    out
}

/// The lines of `text` set in Title Case (a headline): two to twenty
/// words, at least three in four of those of four letters or more
/// capitalised, and no full point at the end.
fn headlines(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        let from = tokens.partition_point(|t| t.start() < range.start);
        let words: Vec<&str> = tokens[from..]
            .iter()
            .take_while(|t| t.start() < range.end)
            .filter(|t| t.kind() == TokenKind::Word)
            .map(|t| t.text(text))
            .collect();
        let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
        let capitalised = long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let headline = (2..=20).contains(&words.len())
            && !long.is_empty()
            && capitalised * 4 >= long.len() * 3
            && !line.trim_end().ends_with('.');
        if headline {
            out.push(range);
        }
    }
    out
}

/// Whether `at` falls in one of `ranges` (sorted, apart), found by
/// binary search: a long file has many headlines.
fn in_any(ranges: &[Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.end <= at);
    ranges.get(after).is_some_and(|r| r.contains(&at))
}

/// Each distinct spelling of the story's words once, with how often it
/// occurs and whether any occurrence stands mid-sentence (a story repeats
/// its words, and the counts and capitals depend on nothing else); and the
/// number of words.
fn distinct_spellings<'t>(
    text: &'t str,
    tokens: &[Token],
) -> (FastMap<&'t str, (usize, bool)>, usize) {
    let mut distinct: FastMap<&str, (usize, bool)> = FastMap::default();
    let mut count = 0;
    for t in tokens.iter().filter(|t| t.kind() == TokenKind::Word) {
        let seen = distinct.entry(t.text(text)).or_insert((0, false));
        seen.0 += 1;
        seen.1 |= !t.sentence_start();
        count += 1;
    }
    (distinct, count)
}

/// The lower-case words of the story with their counts (compounds part by
/// part), and the capitalised words written somewhere mid-sentence.
fn story_words(distinct: &FastMap<&str, (usize, bool)>) -> (StoryWords, HashSet<String>) {
    let mut story = StoryWords::new();
    let mut mid_sentence_caps: HashSet<String> = HashSet::new();
    for (&written, &(count, mid_sentence)) in distinct {
        for (_, part) in parts(written, 0..written.len()) {
            let part = straighten(part);
            if mid_sentence && case_of(&part) != Case::Lower {
                mid_sentence_caps.insert(strip_possessive(&part).to_string());
            }
            *story.entry(part.to_lowercase()).or_insert(0) += count;
        }
    }
    (story, mid_sentence_caps)
}

/// Every character of the story's words, and the letters `rank` edits
/// with: what a word one edit from a story word can be made of.
fn story_alphabet(story: &StoryWords) -> Vec<char> {
    let mut story_alphabet: Vec<char> = edits::alphabet().to_vec();
    for word in story.keys() {
        for c in word.chars() {
            if !story_alphabet.contains(&c) {
                story_alphabet.push(c);
            }
        }
    }
    story_alphabet
}

/// The verdicts of one story's words, with what they depend on and the
/// caches that make each decided once.
struct Judge<'a, 't> {
    /// The byte ranges of the story's headline lines.
    headlines: Vec<Range<usize>>,
    /// Starts of the words next to another capitalised word on their line.
    in_name_runs: FastSet<usize>,
    /// Starts of the capitalised words standing [`Place::Alone`].
    alone: FastSet<usize>,
    /// Starts of the lower-case words standing [`Place::Term`] as a
    /// species' name.
    species: FastSet<usize>,
    speller: &'a Speller,
    story: &'a StoryWords,
    mid_sentence_caps: &'a HashSet<String>,
    story_alphabet: &'a [char],
    /// Whether a spelling is known without Hunspell, asked once per
    /// spelling.
    known_fast: FastMap<&'t str, Option<Arc<Spelling>>>,
    /// A verdict depends only on the part, where it stands and the story:
    /// decided once per distinct case, however often the part recurs (the
    /// slot is `2 * place + in_compound`).
    verdicts: FastMap<String, [Option<Arc<Spelling>>; 12]>,
    words: Vec<Word>,
    /// While the words are first read for [`analyze_on`]'s threads: the
    /// parts still to judge, each once, with where they stand.
    pending: Option<Vec<(String, Place, bool)>>,
}

/// Texts shorter than this are judged on one thread: a second speller's
/// start would cost more than it saves.
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

impl<'t> Judge<'_, 't> {
    /// Adds the words of one word token: the whole when it is known, else
    /// its parts with their verdicts.
    fn token(&mut self, text: &'t str, t: &Token) {
        let written = t.text(text);
        let curly = has_curly_apostrophe(written);
        let speller = self.speller;
        let known = self.known_fast.entry(written).or_insert_with(|| {
            let whole = straighten(written);
            (speller.knows_fast(&whole) || speller.knows_fast(strip_possessive(&whole))).then(
                || {
                    Arc::new(Spelling {
                        text: whole.into_owned(),
                        verdict: Verdict::Known,
                    })
                },
            )
        });
        if let Some(spelling) = known {
            let spelling = Arc::clone(spelling);
            self.push(t.span(), spelling, t.sentence_start(), curly);
            return;
        }
        let whole = straighten(written);
        if whole.contains('.') {
            self.dotted(t, whole.into_owned(), curly);
            return;
        }
        let in_compound = written.chars().any(is_hyphen);
        let in_headline = in_any(&self.headlines, t.start());
        let parts = parts(text, t.span());
        let unknown = |p: &str| !self.speller.knows_fast(p) && case_of(p) == Case::Lower;
        let coined = parts.iter().filter(|(_, p)| unknown(p)).count() >= 2;
        for (i, (span, part)) in parts.into_iter().enumerate() {
            let sentence_start = t.sentence_start() && i == 0;
            // In a headline, as at a sentence start, capitals say nothing;
            // next to another capitalised word, a word is part of a name.
            let place = if in_headline {
                Place::Headline
            } else if self.in_name_runs.contains(&t.start()) {
                Place::NameRun
            } else if sentence_start {
                Place::SentenceStart
            } else if i == 0 && self.alone.contains(&t.start()) {
                Place::Alone
            } else if coined || (i == 0 && self.species.contains(&t.start())) {
                Place::Term
            } else {
                Place::MidSentence
            };
            let spelling = self.part(&straighten(part), place, in_compound);
            self.push(span, spelling, sentence_start, curly);
        }
    }

    /// A word with full points: a decimal or a time (`7.82`, `5.30pm`) has
    /// nothing to spell; an abbreviation no list has (`N.S.W.`) is a name,
    /// never an error.
    fn dotted(&mut self, t: &Token, whole: String, curly: bool) {
        if whole.chars().any(|c| c.is_ascii_digit()) {
            return;
        }
        let verdict = if self.speller.knows_fast(&whole.replace('.', "")) {
            Verdict::Known
        } else {
            Verdict::Name
        };
        let spelling = Arc::new(Spelling {
            text: whole,
            verdict,
        });
        self.push(t.span(), spelling, t.sentence_start(), curly);
    }

    /// The spelling of one part, judged once per place it can stand.
    fn part(&mut self, part: &str, place: Place, in_compound: bool) -> Arc<Spelling> {
        let slot = 2 * place as usize + usize::from(in_compound);
        if let Some(spelling) = self.verdicts.get(part).and_then(|v| v[slot].as_ref()) {
            return Arc::clone(spelling);
        }
        let verdict = match &mut self.pending {
            Some(pending) => {
                // A stand-in, replaced before the words are read again.
                pending.push((part.to_string(), place, in_compound));
                Verdict::Known
            }
            None => self.classify(part, place, in_compound, self.speller),
        };
        let spelling = Arc::new(Spelling {
            text: part.to_string(),
            verdict,
        });
        self.verdicts.entry(spelling.text.clone()).or_default()[slot] = Some(Arc::clone(&spelling));
        spelling
    }

    fn classify(&self, part: &str, place: Place, in_compound: bool, speller: &Speller) -> Verdict {
        classify(
            part,
            place,
            in_compound,
            speller,
            self.story,
            self.mid_sentence_caps,
            self.story_alphabet,
        )
    }

    /// Judges the pending parts on `threads` threads (each after another
    /// speller of the same recipe, the first on this thread with this
    /// one), taking them in turn from a shared counter, and files the
    /// verdicts where [`Judge::part`] looks them up.
    fn judge_pending(&mut self, threads: usize) {
        let pending = self.pending.take().unwrap_or_default();
        let next = AtomicUsize::new(0);
        let (story, mid_caps, alphabet) = (self.story, self.mid_sentence_caps, self.story_alphabet);
        let judge_from = |speller: &Speller| {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((part, place, in_compound)) = pending.get(i) else {
                    break;
                };
                let verdict = classify(
                    part,
                    *place,
                    *in_compound,
                    speller,
                    story,
                    mid_caps,
                    alphabet,
                );
                done.push((i, verdict));
            }
            done
        };
        let recipe = self.speller.recipe();
        let threads = if recipe.is_some() { threads } else { 1 };
        let mut verdicts: Vec<(usize, Verdict)> = std::thread::scope(|scope| {
            let others: Vec<_> = (1..threads.min(pending.len()))
                .map(|_| {
                    let (dialect, words) = recipe.clone().expect("one thread without a recipe");
                    let judge_from = &judge_from;
                    scope.spawn(move || judge_from(&Speller::new(dialect, words)))
                })
                .collect();
            let mut all = judge_from(self.speller);
            for other in others {
                all.extend(other.join().expect("a judging thread panicked"));
            }
            all
        });
        verdicts.sort_unstable_by_key(|(i, _)| *i);
        for ((part, place, in_compound), (_, verdict)) in pending.into_iter().zip(verdicts) {
            let slot = 2 * place as usize + usize::from(in_compound);
            let spelling = Arc::new(Spelling {
                text: part.clone(),
                verdict,
            });
            self.verdicts.entry(part).or_default()[slot] = Some(spelling);
        }
    }

    fn push(
        &mut self,
        span: Range<usize>,
        spelling: Arc<Spelling>,
        sentence_start: bool,
        curly: bool,
    ) {
        self.words.push(Word {
            start: span.start as u32,
            end: span.end as u32,
            spelling,
            sentence_start,
            curly,
        });
    }
}

/// Zipf frequency a sentence-initial unknown word's best fix must reach
/// before the word is called a misspelling rather than a name.
const SENTENCE_START_FIX_ZIPF: f32 = 5.0;
/// …and by how much (log10) it must beat the word as written.
const SENTENCE_START_MARGIN: f32 = 2.5;

fn classify(
    word: &str,
    place: Place,
    in_compound: bool,
    speller: &Speller,
    story: &StoryWords,
    mid_caps: &HashSet<String>,
    story_alphabet: &[char],
) -> Verdict {
    let base = strip_possessive(word);
    if speller.knows_fast(word) || speller.knows_fast(base) {
        return Verdict::Known;
    }
    let case = case_of(word);
    if case != Case::Lower {
        let fixes = desk_fixes(word, speller);
        if !fixes.is_empty() {
            return Verdict::Misspelt(fixes.into());
        }
    }
    match case {
        Case::Lower => {
            if speller.hunspell_adds(word) || speller.hunspell_adds(base) {
                return Verdict::Known;
            }
            match judge_lowercase(word, in_compound, speller, story) {
                Verdict::Misspelt(s) if place == Place::Term => Verdict::Unfamiliar(s),
                verdict => verdict,
            }
        }
        Case::Mixed => Verdict::Name,
        Case::Upper => judge_capitalised(word, speller, story, true, place),
        Case::Title => {
            if !matches!(place, Place::NameRun | Place::Term) {
                // `Doesnt` at a sentence's start.
                if let Some(fix) = contraction_of(&base.to_lowercase(), speller) {
                    let fix = crate::spell::title_case(&fix);
                    return Verdict::Misspelt(vec![format!("{fix}{}", &word[base.len()..])].into());
                }
            }
            let capitalised = judge_capitalised(word, speller, story, false, place);
            let sentence_start = matches!(place, Place::SentenceStart | Place::Headline);
            if capitalised != Verdict::Name {
                return capitalised;
            }
            // A capitalised unknown mid-sentence is a name (only `info`).
            if !sentence_start || mid_caps.contains(base) {
                return Verdict::Name;
            }
            // A sentence-initial unknown is a slip only when a very common
            // word is one keystroke away and far likelier (`Teh`, `Thier`);
            // otherwise it is a name (`Tas`, `Allon`).
            let lower = base.to_lowercase();
            let own = data::zipf(&lower).unwrap_or(UNLISTED_ZIPF);
            // Most such words are names with no such word near: ranking
            // every correction is only worth it when one could be strong.
            if !may_be_slip(&lower, own, story, story_alphabet) {
                return Verdict::Name;
            }
            let ranked = suggest::rank(speller, base, story);
            let strong = ranked.candidates.iter().any(|c| {
                let c_lower = c.word.to_lowercase();
                channel::distance(&c_lower, &lower) == 1
                    && strong_fix(&lower, own, &c_lower, data::zipf(&c_lower), story)
            });
            let suggestions = with_suffix(&ranked, &word[base.len()..]);
            if strong && !speller.hunspell_adds(word) && !speller.hunspell_adds(base) {
                Verdict::Misspelt(suggestions)
            } else {
                Verdict::Name
            }
        }
    }
}

/// The desk dictionaries' spellings of a capitalised word one or two
/// letters from it (`Soleimany`: `Soleimani`), with its possessive: a name
/// the desk lists, misspelt. Only one letter for a word of five or fewer.
fn desk_fixes(word: &str, speller: &Speller) -> Vec<String> {
    let base = strip_possessive(word);
    let suffix = &word[base.len()..];
    let lower = base.to_lowercase();
    let most = if lower.chars().count() <= 5 { 1 } else { 2 };
    speller
        .desk_suggestions(base)
        .into_iter()
        .filter(|s| {
            case_of(s) != Case::Lower && channel::distance(&s.to_lowercase(), &lower) <= most
        })
        .map(|s| format!("{s}{suffix}"))
        .collect()
}

/// Shortest capitalised word taken for a misspelling of a common word
/// without being a known misspelling: shorter ones are too often names and
/// abbreviations one letter from a word (`Modi`, `Tas`, `Kiir`).
const CAPITALISED_MIN_CHARS: usize = 5;
/// Zipf frequency the correction of a capitalised word must reach.
const CAPITALISED_FIX_ZIPF: f32 = 3.5;
/// How much likelier than the word as written the correction must be, in
/// a headline (where capitals say nothing)…
const HEADLINE_MARGIN: f32 = 1.0;
/// …at a sentence start, where names start sentences (`Wiese says`)…
const CAPITALISED_MARGIN: f32 = 1.5;
/// …and mid-sentence, where a capitalised word no list knows is nearly
/// always a name (`Markey`, `Ganes`, `Savin`).
const MID_SENTENCE_MARGIN: f32 = 2.0;

/// A capitalised (or, with `all_caps`, all-capitals) word no list knows,
/// anywhere: in a headline, at a sentence start or mid-sentence. It is a
/// misspelling when typos-dict lists it (`Goverment`), or when a common
/// word one edit away is far likelier (`Aproves`, `Recrod`, `Febuary`);
/// otherwise it is a name (`info`). A headline's capitals make no word a
/// name: only the lack of a likely correction does. Ranking is quick (one
/// edit, sound-alikes) and only done when a common word is one edit away:
/// a story has dozens of names.
fn judge_capitalised(
    word: &str,
    speller: &Speller,
    story: &StoryWords,
    all_caps: bool,
    place: Place,
) -> Verdict {
    let base = strip_possessive(word);
    let lower = base.to_lowercase();
    let typo = suggest::known_typo(&lower).is_some();
    let long = lower.chars().count() >= CAPITALISED_MIN_CHARS;
    let repeated = story.get(&lower).is_some_and(|&n| n > 1);
    // A capitalised spelling the story repeats, or one next to a name's
    // other parts, is meant: typos-dict's misspellings include names
    // (`Markey`, `Savin`).
    if repeated || place == Place::NameRun {
        return Verdict::Name;
    }
    // Short capitals in running copy are an abbreviation (`NAMS`, `ABC`),
    // whatever typos-dict says of the letters; a headline set in capitals
    // is judged word by word.
    if all_caps && place != Place::Headline && lower.chars().count() <= ACRONYM_MAX_CHARS {
        return Verdict::Name;
    }
    if !typo && (all_caps || !long || !common_word_one_edit_away(&lower, speller)) {
        return Verdict::Name;
    }
    if speller.hunspell_adds(word) || speller.hunspell_adds(base) {
        return Verdict::Known;
    }
    let ranked = suggest::rank_with(speller, base, story, suggest::Depth::Quick);
    let Some(best) = ranked.candidates.first() else {
        return Verdict::Name;
    };
    let best_lower = best.word.to_lowercase();
    let own = data::zipf(&lower).unwrap_or(UNLISTED_ZIPF);
    // The margin by frequency and channel alone: a name sounds like a word
    // as often as a misspelling does (`Wiese`, `wise`).
    let fix_zipf = data::zipf(&best_lower).unwrap_or(0.0);
    let margin =
        suggest::PRIOR_WEIGHT * (fix_zipf - own) + channel::misspelling(&lower, &best_lower);
    let needed = match place {
        Place::Headline => HEADLINE_MARGIN,
        Place::SentenceStart => CAPITALISED_MARGIN,
        Place::MidSentence | Place::Alone => MID_SENTENCE_MARGIN,
        Place::NameRun | Place::Term => f32::INFINITY,
    };
    let likely = channel::distance(&best_lower, &lower) <= 1
        && fix_zipf >= CAPITALISED_FIX_ZIPF
        && margin >= needed;
    // Standing alone, only a word English capitalises anyway (`Janurary`,
    // `Nuremburg`) is a slip: a common word there would be lower-case.
    let capital_fix = !speller.word_forms().contains(best_lower.as_str());
    if place == Place::Alone && !capital_fix {
        return Verdict::Name;
    }
    if typo || likely {
        Verdict::Misspelt(with_suffix(&ranked, &word[base.len()..]))
    } else {
        Verdict::Name
    }
}

/// The longest all-capital word read as an abbreviation outside a headline.
const ACRONYM_MAX_CHARS: usize = 5;

/// Whether a dictionary word of Zipf [`CAPITALISED_FIX_ZIPF`] or more, in
/// lower case or capitalised (`February`), is one edit from `lower`.
fn common_word_one_edit_away(lower: &str, speller: &Speller) -> bool {
    if !lower.is_ascii() {
        return false;
    }
    let mut found = false;
    let common = |w: &str| data::zipf(w).is_some_and(|z| z >= CAPITALISED_FIX_ZIPF);
    let sets = [
        speller.word_forms(),
        data::capitalised_lower(speller.dialect),
    ];
    for set in sets {
        edits::each_edit_in(set.as_fst(), lower.as_bytes(), 0, |cand| {
            found |= common(cand);
        });
    }
    found
}

/// Whether `fix`, one edit from the sentence-initial unknown `lower` (whose
/// Zipf frequency is `own`; `zipf` is the fix's), makes `lower` a slip: a
/// very common word, far likelier than the word as written, …or one the
/// story itself uses (`Troups` in a story about troops); short ones are too
/// often abbreviations (`Tas`, `Qld` in headlines).
fn strong_fix(lower: &str, own: f32, fix: &str, zipf: Option<f32>, story: &StoryWords) -> bool {
    let common = zipf.unwrap_or(0.0) >= SENTENCE_START_FIX_ZIPF;
    let used = lower.chars().count() >= 5 && story.contains_key(fix);
    if !common && !used {
        return false;
    }
    let likelier = channel::channel(lower, fix) + zipf.unwrap_or(suggest::RARE_ZIPF) - own;
    (common && likelier >= SENTENCE_START_MARGIN) || (used && likelier >= 1.0)
}

/// Whether any word one edit from `lower` is a [`strong_fix`]: if none is,
/// no correction `rank` finds can be. Every word of Zipf 5 or more is
/// written in `rank`'s letters (a test checks), and a story word in
/// `story_alphabet`, so the edits with those letters reach them all,
/// whatever letters `lower` has itself.
fn may_be_slip(lower: &str, own: f32, story: &StoryWords, story_alphabet: &[char]) -> bool {
    let letters = if lower.chars().count() >= 5 {
        story_alphabet
    } else {
        edits::alphabet()
    };
    !edits::each_edit(lower, edits::EditKinds::all(letters), |fix| {
        fix == lower || !strong_fix(lower, own, fix, data::zipf(fix), story)
    })
}

/// Zipf frequency assumed for a word outside the frequency list (which
/// ends near 1.5).
const UNLISTED_ZIPF: f32 = 1.0;

/// How much likelier (log10, on the candidates' scale) the best correction
/// must be than the word as written before an unlisted word is a
/// misspelling: when the correction is one edit away or sounds alike, and
/// when it is further and sounds different. Tuned on birkbeck-dev (real
/// misspellings) against abc2006-clean and wsj-clean (see the README).
const MARGIN_NEAR: f32 = -1.5;
const MARGIN_FAR: f32 = -1.0;
/// The margin for a word the frequency list has (a rare real word, or a
/// common misspelling typos-dict lacks), which must also be one edit from
/// its correction and longer than three letters.
const MARGIN_LISTED: f32 = 2.0;
/// The margin for a word English makes regularly (`nanoruler`,
/// `woolgrowers`, `graffitist`), which must also be one edit away.
const MARGIN_DERIVED: f32 = 1.5;

/// A lower-case word no list knows: a misspelling when its best
/// correction explains it much better than the word explains itself (see
/// [`is_misspelling`]), else an unfamiliar term.
fn judge_lowercase(
    word: &str,
    in_compound: bool,
    speller: &Speller,
    story: &StoryWords,
) -> Verdict {
    let base = strip_possessive(word);
    let lower = base.to_lowercase();
    if let Some(counterparts) = crate::spell::dialects::of_other_dialect(&lower, speller) {
        return Verdict::OtherDialect(counterparts);
    }
    let own = data::zipf(&lower);
    // Pieces of compounds (`stiff-limbed`, `left-handers`, `pre-`) are
    // listed by frequency even when no dictionary has them alone.
    if in_compound && own.is_some() {
        return Verdict::Known;
    }
    let mut ranked = suggest::rank(speller, base, story);
    if let Some(at) = ranked
        .candidates
        .iter()
        .position(|c| apostrophe_left_out(&lower, &c.word))
    {
        // `doesnt`, `thats`: a contraction with its apostrophe left out.
        let fix = ranked.candidates.remove(at);
        ranked.candidates.insert(0, fix);
        return Verdict::Misspelt(with_suffix(&ranked, &word[base.len()..]));
    }
    let suggestions = with_suffix(&ranked, &word[base.len()..]);
    if ranked.known_typo || is_misspelling(&lower, own, &ranked, speller, story) {
        Verdict::Misspelt(suggestions)
    } else {
        Verdict::Unfamiliar(suggestions)
    }
}

/// The error-or-term decision for an unknown lower-case word, from its own
/// evidence: how often the story uses it, its shape (expressive
/// lengthening, a word English builds regularly), its frequency, and how
/// close and how likely its best correction is.
fn is_misspelling(
    lower: &str,
    own: Option<f32>,
    ranked: &suggest::Ranked,
    speller: &Speller,
    story: &StoryWords,
) -> bool {
    let Some(best) = ranked.candidates.first() else {
        return false;
    };
    let best_lower = best.word.to_lowercase();
    let repeated = story.get(lower).is_some_and(|&n| n > 1);
    if repeated || expressive(lower) || best_lower.contains(' ') {
        // Used twice, `whooo`, or a compound written solid.
        return false;
    }
    let margin = best.score - suggest::PRIOR_WEIGHT * own.unwrap_or(UNLISTED_ZIPF);
    let edits = channel::distance(&best_lower, lower);
    let inflected = forms::regular_inflection(lower, speller);
    if inflected && corrects_to_stem(lower, &best_lower) {
        return false;
    }
    if forms::derived(lower, speller) || inflected {
        return edits <= 1 && margin >= MARGIN_DERIVED;
    }
    if own.is_some() {
        return lower.chars().count() > 3 && edits <= 1 && margin >= MARGIN_LISTED;
    }
    let near = edits <= 1 || crate::spell::phonetic::sound_alike(&best_lower, lower);
    if !near && clear_lead(lower, &best_lower, margin, ranked) {
        return true;
    }
    margin >= if near { MARGIN_NEAR } else { MARGIN_FAR }
}

/// Below [`MARGIN_FAR`], a long unknown word is still a misspelling when
/// its best correction is a common word well ahead of the next one and the
/// word is not that correction with a prefix or an ending changed
/// (`acolpleshed`: accomplished; but `otoacoustic`, `preparatives`): far
/// misspellings of people who do not know a spelling point at one word,
/// where a rare term's nearest words are scattered. Tuned on birkbeck-dev
/// against the clean sets and a sample of rare dictionary words.
const CLEAR_MIN_CHARS: usize = 8;
const CLEAR_FIX_ZIPF: f32 = 3.5;
/// How far (on the candidates' scale) the best correction leads the next.
const CLEAR_LEAD: f32 = 0.8;
/// The least margin a clear lead can make up for.
const CLEAR_MARGIN_FLOOR: f32 = -3.0;

/// Whether the best correction of the far, unlisted `lower` is clear
/// enough to call it a misspelling (see [`CLEAR_LEAD`]).
fn clear_lead(lower: &str, best: &str, margin: f32, ranked: &suggest::Ranked) -> bool {
    if lower.chars().count() < CLEAR_MIN_CHARS || margin < CLEAR_MARGIN_FLOOR {
        return false;
    }
    if data::zipf(best).is_none_or(|z| z < CLEAR_FIX_ZIPF) || affixed(lower, best) {
        return false;
    }
    let lead = match ranked.candidates.get(1) {
        Some(next) => ranked.candidates[0].score - next.score,
        None => f32::INFINITY,
    };
    lead >= CLEAR_LEAD
}

/// Whether `lower` is `best` with letters added around it (`otoacoustic`:
/// acoustic) or with its last three letters or fewer changed
/// (`moratoria`: moratorium): the shape of a derived term, not a slip.
fn affixed(lower: &str, best: &str) -> bool {
    if lower.contains(best) {
        return true;
    }
    let shared = lower
        .chars()
        .zip(best.chars())
        .take_while(|(a, b)| a == b)
        .count();
    shared + 3 >= lower.chars().count() && shared + 3 >= best.chars().count()
}

/// Whether `fix` is `lower` with the apostrophe of a contraction put back
/// (`doesnt`: doesn't, `oclock`: o'clock), whatever its capitals (`ive`:
/// I've, `thats`: that's). A possessive does not count: `financings` is a
/// plural far more often than a `financing's` without its apostrophe.
fn apostrophe_left_out(lower: &str, fix: &str) -> bool {
    let possessive = fix
        .strip_suffix("'s")
        .is_some_and(|host| !IS_HOSTS.contains(&host.to_lowercase().as_str()));
    fix.contains('\'')
        && !possessive
        && !fix.ends_with('\'')
        && fix.replace('\'', "").to_lowercase() == lower
}

/// The contraction `lower` is with its apostrophe left out, if the
/// dictionary has one (`dont`: don't).
fn contraction_of(lower: &str, speller: &Speller) -> Option<String> {
    if !lower.is_ascii() {
        return None;
    }
    (1..lower.len())
        .map(|at| format!("{}'{}", &lower[..at], &lower[at..]))
        .find(|fix| apostrophe_left_out(lower, fix) && speller.knows_fast(fix))
}

/// Words whose `'s` is `is` or `has`, not a possessive.
const IS_HOSTS: &[&str] = &[
    "that", "it", "he", "she", "what", "there", "here", "who", "where", "when", "how", "let",
];

/// Three of a letter in a row (`whooo`, `meee`): speech written out, not a
/// misspelling.
fn expressive(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// Whether the correction is the stem of the inflected `lower`
/// (`storages`: `storage`), not another word (`highed`: `higher`).
fn corrects_to_stem(lower: &str, best: &str) -> bool {
    let keep = best.chars().count().saturating_sub(2).max(3);
    let stem: String = best.chars().take(keep).collect();
    lower.starts_with(&stem)
}

/// The ranked corrections as suggestions, keeping a possessive ending.
fn with_suffix(ranked: &suggest::Ranked, suffix: &str) -> Suggestions {
    let (words, scores) = ranked
        .candidates
        .iter()
        .map(|c| (format!("{}{suffix}", c.word), c.score))
        .unzip();
    Suggestions { words, scores }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Dialect;
    use crate::text::token::tokenize;

    fn verdicts(text: &str) -> Vec<(String, Verdict)> {
        let speller = Speller::new(Dialect::EnGb, HashSet::new());
        let tokens = tokenize(text, 0);
        analyze(text, &tokens, &speller)
            .words
            .into_iter()
            .filter(|w| *w.verdict() != Verdict::Known)
            .map(|w| (text[w.span()].to_string(), w.verdict().clone()))
            .collect()
    }

    #[test]
    fn news_typography_is_known() {
        let text = "Iran’s then-US envoy met the coalition's F-16 pilots at 9 a.m. in the U.S. during the 1990s, a 24-hour visit in self-defence, 7.82 metres up.";
        assert_eq!(verdicts(text), vec![]);
    }

    #[test]
    fn lower_case_unknowns_are_misspelt_with_suggestions() {
        let found = verdicts("Coalition troops guard the base where troups sleep.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "troups");
        match &found[0].1 {
            Verdict::Misspelt(s) => assert_eq!(s.first().map(String::as_str), Some("troops")),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn a_far_slip_with_one_clear_correction_is_misspelt_but_a_derived_term_is_not() {
        let found = verdicts(
            "The team had acolpleshed its aim, staff said the refreigator was empty, \
             voters saw the partys split, and a survey of otoacoustic responses \
             found two preparatives.",
        );
        let misspelt = |word: &str, fix: &str| {
            found.iter().any(|(w, v)| {
                w == word
                    && matches!(v, Verdict::Misspelt(s) if s.first().map(String::as_str) == Some(fix))
            })
        };
        assert!(misspelt("acolpleshed", "accomplished"), "{found:?}");
        assert!(misspelt("refreigator", "refrigerator"), "{found:?}");
        // A consonant and `y` take `ies`: `partys` is no plural of `party`
        // (the rule's context ordering puts `parties` first in a story).
        assert!(
            found.iter().any(|(w, v)| w == "partys"
                && matches!(v, Verdict::Misspelt(s) if s.iter().any(|f| f == "parties"))),
            "{found:?}"
        );
        for term in ["otoacoustic", "preparatives"] {
            assert!(
                found
                    .iter()
                    .any(|(w, v)| w == term && matches!(v, Verdict::Unfamiliar(_))),
                "{term}: {found:?}"
            );
        }
    }

    #[test]
    fn a_contraction_without_its_apostrophe_is_misspelt() {
        let found =
            verdicts("He doesnt know why thats late at six oclock, but financings are. Didnt he?");
        let first = |word: &str| {
            found.iter().find(|(w, _)| w == word).map(|(_, v)| match v {
                Verdict::Misspelt(s) => s.first().cloned().unwrap_or_default(),
                other => format!("{other:?}"),
            })
        };
        assert_eq!(first("doesnt").as_deref(), Some("doesn't"), "{found:?}");
        assert_eq!(first("thats").as_deref(), Some("that's"), "{found:?}");
        assert_eq!(first("oclock").as_deref(), Some("o'clock"), "{found:?}");
        assert_eq!(first("Didnt").as_deref(), Some("Didn't"), "{found:?}");
        // A plural is not a possessive without its apostrophe.
        assert!(
            !found
                .iter()
                .any(|(w, v)| w == "financings" && matches!(v, Verdict::Misspelt(_))),
            "{found:?}"
        );
    }

    #[test]
    fn affixed_words_keep_their_correction_whole_or_change_only_the_ending() {
        assert!(affixed("otoacoustic", "acoustic"));
        assert!(affixed("moratoria", "moratorium"));
        assert!(affixed("preparatives", "preparation"));
        assert!(!affixed("acolpleshed", "accomplished"));
        assert!(!affixed("custanemary", "customary"));
    }

    #[test]
    fn unknown_capitalised_words_are_names() {
        let found = verdicts("The minister met Zbigniewska and the QXZV delegation.");
        assert_eq!(
            found,
            vec![
                ("Zbigniewska".into(), Verdict::Name),
                ("QXZV".into(), Verdict::Name)
            ]
        );
    }

    #[test]
    fn a_regular_ending_on_a_known_word_is_unfamiliar_not_misspelt() {
        // The second: even when a common word is near, the form is
        // English's own.
        for text in [
            "water storages and the wood thinnings were prized",
            "they fettled the yarded stock after hafting the blades",
        ] {
            let found = verdicts(text);
            assert!(
                found
                    .iter()
                    .all(|(_, v)| matches!(v, Verdict::Unfamiliar(_))),
                "{found:?}"
            );
            assert_eq!(found.len(), 3);
        }
        let found = verdicts("the cowss were citedd");
        assert!(
            found.iter().all(|(_, v)| matches!(v, Verdict::Misspelt(_))),
            "{found:?}"
        );
    }

    #[test]
    fn a_species_name_is_a_term_but_a_slip_after_a_month_is_not() {
        let found = verdicts("wild goats (Capra hircus) and bones of Homo naledi");
        assert!(
            found
                .iter()
                .all(|(_, v)| matches!(v, Verdict::Unfamiliar(_) | Verdict::Name)),
            "{found:?}"
        );
        assert!(found.iter().any(|(w, _)| w == "hircus"), "{found:?}");
        let found = verdicts("the vote was set for March thsi year");
        assert!(
            matches!(&found[..], [(w, Verdict::Misspelt(_))] if w == "thsi"),
            "{found:?}"
        );
    }

    #[test]
    fn a_coined_compound_is_a_term_but_its_part_alone_a_slip() {
        let found = verdicts("it was flibber-flammery from the start");
        assert!(
            found
                .iter()
                .all(|(_, v)| matches!(v, Verdict::Unfamiliar(_))),
            "{found:?}"
        );
        assert_eq!(found.len(), 2);
        let found = verdicts("it was flammery from the start");
        assert!(
            matches!(&found[..], [(w, Verdict::Misspelt(_))] if w == "flammery"),
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_initial_slip_is_caught_when_common_or_used_in_the_story() {
        let found = verdicts("Teh troops left. Troups stayed behind with the troops.");
        let slips: Vec<&str> = found
            .iter()
            .filter(|(_, v)| matches!(v, Verdict::Misspelt(_)))
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(slips, ["Teh", "Troups"]);
        // A name at a sentence start with no such word nearby stays a name.
        let found = verdicts("Wiese says counting came late.");
        assert_eq!(found, vec![("Wiese".to_string(), Verdict::Name)]);
        // Letters outside the edit alphabet, in a name or a slip.
        let found = verdicts("Müller says so. Thé troops left.");
        assert_eq!(found[0], ("Müller".to_string(), Verdict::Name));
        assert!(matches!(&found[1], (w, Verdict::Misspelt(s)) if w == "Thé" && s[0] == "The"));
    }

    #[test]
    fn every_very_common_word_is_written_in_the_edit_letters() {
        // `may_be_slip` relies on it.
        use fst::Streamer;
        let mut stream = data::frequencies().stream();
        let mut common = 0;
        while let Some((word, centi)) = stream.next() {
            if centi as f32 / 100.0 >= SENTENCE_START_FIX_ZIPF {
                let word = std::str::from_utf8(word).unwrap();
                assert!(
                    word.chars().all(|c| edits::alphabet().contains(&c)),
                    "{word}"
                );
                common += 1;
            }
        }
        assert!(common > 500);
    }

    #[test]
    fn a_sentence_initial_name_is_ranked_only_when_a_strong_fix_is_near() {
        let story: StoryWords = [("troops".to_string(), 2), ("troups".to_string(), 1)].into();
        let letters = edits::alphabet();
        assert!(may_be_slip("teh", UNLISTED_ZIPF, &story, letters));
        assert!(may_be_slip("troups", UNLISTED_ZIPF, &story, letters));
        assert!(!may_be_slip("wiese", UNLISTED_ZIPF, &story, letters));
        // A story word with a letter `rank` does not edit with.
        let story: StoryWords = [("fiancé".to_string(), 1)].into();
        assert!(!may_be_slip(
            "fianc",
            UNLISTED_ZIPF,
            &StoryWords::new(),
            &['é']
        ));
        assert!(!may_be_slip("fianc", UNLISTED_ZIPF, &story, letters));
        assert!(may_be_slip("fianc", UNLISTED_ZIPF, &story, &['é']));
    }

    #[test]
    fn a_compound_is_checked_part_by_part() {
        let found = verdicts("a well-knwon fact");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "knwon");
    }

    #[test]
    fn a_long_story_judged_on_threads_gets_the_same_verdicts() {
        let lines = [
            "Flood Waters Recede In Riverton\n",
            "The councl said the levee held overnight, and Mayor Dunleavy thanked volunters.",
            " Teh river peaked at 9.4 metres near the Hartwell bridge on Tuesday.",
            " Residents of low-lying streets were told to stay awya until Thursday.",
            " A well-knwon cafe on Marsh Street reopend, its owner Priya Okonkwo said.\n\n",
        ];
        let mut text = String::new();
        let mut n = 0;
        while text.len() < PARALLEL_MIN_BYTES + 1000 {
            // Distinct invented words too, so the threads share real work.
            text.push_str(lines[n % lines.len()]);
            let mut k = n;
            let mut coined = String::from(" The zorbl");
            while k > 0 {
                coined.push(char::from(b'a' + (k % 26) as u8));
                k /= 26;
            }
            text.push_str(&coined);
            text.push_str(" mattered.\n");
            n += 1;
        }
        let tokens = tokenize(&text, 0);
        let speller = Speller::new(Dialect::EnUs, HashSet::new());
        let judged = |threads| -> Vec<(Range<usize>, Verdict)> {
            analyze_on(&text, &tokens, &speller, threads)
                .words
                .iter()
                .map(|w| (w.span(), w.verdict().clone()))
                .collect()
        };
        let one = judged(1);
        assert!(one.iter().any(|(_, v)| matches!(v, Verdict::Misspelt(_))));
        assert_eq!(judged(2), one);
        assert_eq!(judged(3), one);
    }
}
