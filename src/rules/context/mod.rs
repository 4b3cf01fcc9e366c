//! `context.real-word`: a real word that the words around it say is wrong
//! (`two armed drowns` → `drones`), judged by newslint's trigram model.

use super::{Context, Rule, RuleInfo};
use std::borrow::Cow;
mod fit;
mod pairs;
mod scoring;
pub(crate) use fit::Fit;

use crate::base::finding::{Finding, Severity};
use crate::base::hash::{FastMap, FastSet, OwnedMap};
use crate::ngram::model::Model;
use crate::ngram::pieces::{self, Piece, WordSpan};
use crate::spell::{channel, title_case};
use crate::text::token::{is_hyphen, Token};
use scoring::{Candidate, Slot, Source};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

pub struct RealWord;

static INFO: RuleInfo = RuleInfo {
    id: "context.real-word",
    severity: Severity::Warning,
    summary: Cow::Borrowed("A real word the words around it make unlikely: a slip into another word."),
    doc: Cow::Borrowed("Finds dictionary words that are probably slips for another word: a classic confusion \
(`their`/`there`, `affect`/`effect`, `its`/`it's`), a homophone (CMU Pronouncing Dictionary) or \
a common word one slip away (`drowns`/`drones`, `form`/`from`, `trail`/`trial`). A spell \
checker accepts all of them because each is a word; a copy editor reads the context.\n\
newslint scores the two words before and after with a compact trigram model (derived from the \
CMU Sphinx US English model, or the newsroom's own with `--model`) once as written and once with \
each candidate, and warns when a candidate is likelier by a margin: 10^2.1 for a confusion set, \
10^3 for a homophone, 10^3.5 for the likeliest slips (a neighbouring key, a doubled letter \
dropped) and more for slips fingers make less often; 10^0.7 less when the story itself uses the \
candidate elsewhere (unless it is a word every story uses, like `the` or `and`).\n\
Precision on real copy comes first, so some pairs need more: a slip between two function words 10^0.3 more \
(`on`/`in`), two forms of one word 10^0.5 more (`had`/`has`, `raised`/`raises`); a rare word the \
story uses again (`peal`, `motes` … `mote`) 10^2.5 more; `off` before a capitalised word 10^2 \
more (`an island off Java`). A number and `to` (`offered two free tickets`) and a possessive and \
its contraction (`its new budget`) are settled by the words after alone, which must favour the \
candidate by 10^1 and 10^0.5.\n\
Only lower-case words outside compounds are judged, and a sentence's capitalised first word \
when the story never capitalises it mid-sentence (10^0.5 more margin); a clause's first word \
after a comma is judged as if it began a sentence (10^0.5 more); words after a number or a \
bracket are not. Only candidates that are common words of the story's dialect are offered, and \
forms of the same word one letter apart (`leg`/`legs`) are left to grammar checking.\n\
Margins were tuned for precision on ukp-natural-train, abc2006 and wsj, with a copy editor's \
verdicts on every warning raised on the clean copy (see dictionaries/context/README.md).\n\
Bad:  Two drones were shot down; the remains of two armed drowns lay at the site.\n\
Good: Two drones were shot down; the remains of two armed drones lay at the site."),
};

/// log10 margin a candidate must beat the written word by, per source.
pub const MARGIN_CONFUSABLE: f32 = 2.1;
pub const MARGIN_HOMOPHONE: f32 = 3.0;
pub const MARGIN_SLIP: f32 = 3.5;
/// The likeliest slip's channel score ([`channel::channel`]: a neighbouring
/// key struck, a doubled letter dropped): slips less likely than it need
/// the difference on top of [`MARGIN_SLIP`] (a letter dropped 0.6 more, a
/// far key struck 1.4 more).
pub const CHANNEL_BEST: f32 = -0.6;
/// What a capitalised first word of a sentence must win by on top: the
/// model knows only that a sentence starts before it, and favours common
/// openings (`Bogs and swamps` → `Boys`).
pub const MARGIN_SENTENCE_START: f32 = 0.5;
/// What a clause's first word (after a comma) must win by on top: the
/// model reads it after a sentence start, as it knows no commas.
pub const MARGIN_CLAUSE_START: f32 = 0.5;
/// Pairs (written, candidate) that need [`MARGIN_BEFORE_NAME`] more when a
/// capitalised word follows: news places things `off Norway` and `off the
/// coast`, and the model, which learnt from speech, knows only `of Norway`;
/// `a lack off Europe` still wins by far more.
pub const BEFORE_NAMES: &[(&str, &str)] = &[("off", "of")];
pub const MARGIN_BEFORE_NAME: f32 = 2.0;
/// How much the margin shrinks when the story uses the candidate elsewhere.
pub const STORY_BONUS: f32 = 0.7;
/// …except for a slip into a word nearly every story uses (`the`, `and`,
/// `of`: Zipf 6.5 or more), which says nothing about this story.
pub const STORY_BONUS_MAX_ZIPF: f32 = 6.5;
/// What a word the story uses in more than one phrase (itself, or with an
/// `s` more or less) must lose by on top, unless it is common (Zipf 5 or
/// more) or a function word: a slip is a one-off, and a rare word written
/// twice (`peal`, `carp`, `motes`… `mote`) is the writer's.
pub const MARGIN_REPEATED: f32 = 2.5;
pub const REPEATED_MAX_ZIPF: f32 = 5.0;

/// [`channel::channel`] for a slip candidate; the one slip it does not
/// score, two letters swapped with one of them struck as a neighbouring key
/// (`drones` typed `drowns`), costs a little more than a letter dropped.
fn slip_channel(written: &str, meant: &str) -> f32 {
    channel::channel(written, meant).max(SWAP_AND_NEIGHBOUR)
}

/// The channel score of a swap with a neighbouring key.
const SWAP_AND_NEIGHBOUR: f32 = -1.5;

fn margin(source: Source) -> f32 {
    match source {
        Source::Confusable => MARGIN_CONFUSABLE,
        Source::Homophone => MARGIN_HOMOPHONE,
        Source::Slip => MARGIN_SLIP,
    }
}

impl Rule for RealWord {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(model) = cx.model() {
            check_with(model, cx, out);
        }
    }

    /// A quarter to a third of a long story's time goes on the model, and
    /// the rule reads the tokens, not the word analysis.
    fn runs_apart(&self) -> bool {
        true
    }
}

/// A candidate of one written word, as the rule judges it.
struct Judged {
    candidate: Candidate,
    /// The margin it must win by; until `word` is looked up, a lower bound
    /// (a slip's keyboard channel and the kind of pair may add to it).
    need: f32,
    /// What the words after it must favour it by on their own
    /// ([`pairs::right_evidence`]); known once `word` is looked up.
    right: Option<f32>,
    word: Spelling,
}

enum Spelling {
    /// Not looked up yet: the candidate never came near winning.
    Unknown,
    Word(String),
    /// Not a word of the story's dialect: never offered.
    Foreign,
}

impl Judged {
    /// Looks up the candidate's spelling and its exact margin, once
    /// (`written`: the written word as the model reads it).
    fn resolve(&mut self, model: &Model, cx: &Context, written: impl FnOnce() -> String) {
        if !matches!(self.word, Spelling::Unknown) {
            return;
        }
        match model.word(self.candidate.id) {
            Some(word) if cx.speller.knows_fast(&word) => {
                let written = written();
                let slip = self.candidate.source == Source::Slip;
                if slip {
                    // A slip fingers make less often must be likelier still.
                    self.need += CHANNEL_BEST - slip_channel(&written, &word);
                }
                self.need += pairs::margin(&written, &word, slip);
                self.right = pairs::right_evidence(&written, &word);
                self.word = Spelling::Word(word);
            }
            _ => {
                self.need = f32::INFINITY;
                self.word = Spelling::Foreign;
            }
        }
    }
}

/// Pieces a block of the story holds at least: the rule reads the story a
/// block at a time (each ending at a sentence's end, which no window of the
/// model crosses), so its pieces, ids and scores are a block's, not the
/// whole story's (30 MB for a 5 MB story).
pub(super) const BLOCK: usize = 4096;

/// The story as a whole, as the rule reads it: the words it uses, and the
/// capitalised spellings it uses mid-sentence.
struct Story<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// How many pieces the story has.
    pieces: usize,
    /// The words of two letters or more the story uses, by model id, with
    /// how often.
    words: FastMap<u32, u32>,
    /// Capitalised spellings the story uses mid-sentence: names, even when
    /// one also starts a sentence.
    mid_caps: FastSet<&'a str>,
    /// The phrases of the word pieces by spelling (ASCII lower case): built
    /// the first time [`Story::repeats`] asks.
    by_spelling: OnceCell<FastMap<String, Spelled>>,
}

impl<'a> Story<'a> {
    fn new(model: &Model, cx: &Context<'a>) -> Story<'a> {
        let text: &'a str = &cx.doc.text;
        let mut count = 0;
        let mut words: FastMap<u32, u32> = FastMap::default();
        let mut mid_caps: FastSet<&'a str> = FastSet::default();
        pieces::blocks(text, cx.tokens, BLOCK, |pieces| {
            count += pieces.len();
            let slots = scoring::slots(model, text, pieces);
            for (i, pair) in pieces.iter().zip(&slots).enumerate() {
                let Piece::Word(span) = pair.0 else { continue };
                let written = &text[span.range()];
                if let Slot::Word(Some(id)) = pair.1 {
                    if written.chars().nth(1).is_some() {
                        *words.entry(*id).or_default() += 1;
                    }
                }
                if !sentence_start(pieces, i) && written.chars().any(char::is_uppercase) {
                    mid_caps.insert(written);
                }
            }
        });
        Story {
            text,
            tokens: cx.tokens,
            pieces: count,
            words,
            mid_caps,
            by_spelling: OnceCell::new(),
        }
    }

    /// Whether word `i` of a block's `pieces` (spanning `span`) is judged
    /// at all, and if so where it stands.
    fn judged_as(
        &self,
        pieces: &[Piece],
        i: usize,
        span: &std::ops::Range<usize>,
    ) -> Option<Opening> {
        let text = self.text;
        let written = &text[span.clone()];
        // Parts of compounds (`half-sisters`, `non-alternating`) are read
        // as context, never judged: the model rarely saw them alone.
        let in_compound = text[..span.start]
            .chars()
            .next_back()
            .is_some_and(is_hyphen)
            || text[span.end..].chars().next().is_some_and(is_hyphen);
        // After a cut (a number, a bracket, a dash) the model sees no
        // left context and would favour whichever word is commoner
        // (`2.46 billion` → `million`): such words are context only.
        let after_cut = i > 0 && pieces[i - 1] == Piece::Cut;
        let after_comma = i > 0 && pieces[i - 1] == Piece::Clause;
        // Capitals mark names, except a sentence's first word when the
        // story never writes it capitalised elsewhere (`Affect the vote`).
        let capital = written.chars().next().is_some_and(char::is_uppercase);
        let cased = if capital {
            sentence_start(pieces, i)
                && !written.chars().skip(1).any(char::is_uppercase)
                && !self.mid_caps.contains(written)
                && matches!(pieces.get(i + 1), Some(Piece::Word(_)))
        } else {
            !written.chars().any(char::is_uppercase)
        };
        let opening = if capital {
            Opening::Sentence
        } else if after_comma {
            Opening::Clause
        } else {
            Opening::Mid
        };
        (!in_compound && !after_cut && cased).then_some(opening)
    }

    /// Whether the story uses `word` (lower case) in more than one
    /// phrase, as it is or with an `s` or `es` more or less (`called
    /// motes` … `each mote`): after two different words at least, so a
    /// passage pasted twice does not count. Read from the text: the model
    /// may not know the other form.
    ///
    /// The forms are the pieces spelled, in ASCII lower case, as one of
    /// five keys, except that a piece ending `Es` or `eS` is not `word`
    /// with `es` more (`word` and the piece agree in case, or the `es` is
    /// in capitals).
    fn repeats(&self, word: &str) -> bool {
        let index = self
            .by_spelling
            .get_or_init(|| spellings(self.text, self.tokens));
        let lower = word.to_ascii_lowercase();
        let with_es = format!("{lower}es");
        let mut keys = vec![format!("{lower}s"), with_es.clone()];
        keys.extend(lower.strip_suffix("es").map(str::to_string));
        keys.extend(lower.strip_suffix('s').map(str::to_string));
        keys.push(lower);
        keys.sort_unstable();
        keys.dedup();
        let mut phrases = Phrases::None;
        for key in &keys {
            let Some(spelled) = index.get(key.as_str()) else {
                continue;
            };
            phrases = phrases.with(spelled.plain, self.text);
            if *key != with_es {
                phrases = phrases.with(spelled.mixed_es, self.text);
            }
        }
        phrases == Phrases::Many
    }
}

/// The phrases the word pieces of one spelling (in ASCII lower case) stand
/// in, apart for those ending `Es` or `eS` (see [`Story::repeats`]).
#[derive(Debug, Default, Clone, Copy)]
struct Spelled {
    plain: Phrases,
    mixed_es: Phrases,
}

/// The phrases some word pieces stand in, by the word before them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phrases {
    /// No piece.
    #[default]
    None,
    /// After one word (in any capitals), or after no word.
    One(Option<WordSpan>),
    /// After two different words, or a word and no word.
    Many,
}

impl Phrases {
    /// These and `other` together (the words before read in `text`).
    fn with(self, other: Phrases, text: &str) -> Phrases {
        let word = |before: Option<WordSpan>| before.map(|span| &text[span.range()]);
        match (self, other) {
            (Phrases::None, other) => other,
            (this, Phrases::None) => this,
            (Phrases::One(a), Phrases::One(b)) if same_word_text(word(a), word(b)) => self,
            _ => Phrases::Many,
        }
    }
}

/// The phrases of the story's word pieces by their spelling in ASCII lower
/// case.
fn spellings(text: &str, tokens: &[Token]) -> FastMap<String, Spelled> {
    let mut index: FastMap<String, Spelled> = FastMap::default();
    let mut key = String::new();
    pieces::blocks(text, tokens, BLOCK, |pieces| {
        for (k, piece) in pieces.iter().enumerate() {
            let Piece::Word(span) = *piece else { continue };
            // A block starts after a sentence's end: no word before.
            let before = match k.checked_sub(1).map(|b| pieces[b]) {
                Some(Piece::Word(prev)) => Some(prev),
                _ => None,
            };
            let written = &text[span.range()];
            key.clear();
            key.push_str(written);
            key.make_ascii_lowercase();
            let spelled = match index.get_mut(key.as_str()) {
                Some(spelled) => spelled,
                None => index.entry(key.clone()).or_default(),
            };
            let phrases = if written.ends_with("Es") || written.ends_with("eS") {
                &mut spelled.mixed_es
            } else {
                &mut spelled.plain
            };
            *phrases = phrases.with(Phrases::One(before), text);
        }
    });
    index
}

fn check_with(model: &Model, cx: &Context, out: &mut Vec<Finding>) {
    let story = Story::new(model, cx);
    let text = story.text;
    // Per distinct word (model id): its candidates, or `None` when the
    // dialect does not know the word (a word newslint does not judge).
    let mut cache: FastMap<u32, Option<Word>> = FastMap::default();
    let mut memo = Some(scoring::Memo::new(story.pieces));
    pieces::blocks(text, cx.tokens, BLOCK, |pieces| {
        let slots = scoring::slots(model, text, pieces);
        let memo_in = memo.take().expect("the memo is back after each block");
        let mut scores = scoring::Scorer::new(model, &slots, memo_in);
        for (i, piece) in pieces.iter().enumerate() {
            let (Piece::Word(span), Slot::Word(Some(id))) = (piece, slots[i]) else {
                continue;
            };
            let span = span.range();
            let Some(opening) = story.judged_as(pieces, i, &span) else {
                continue;
            };
            let judged = cache
                .entry(id)
                .or_insert_with(|| judged_candidates(model, cx, &story, span.clone(), id));
            let Some(word) = judged.as_mut().filter(|w| !w.candidates.is_empty()) else {
                continue;
            };
            let at = Position {
                i,
                span: span.clone(),
                id,
                opening,
                name_after: name_after(text, pieces, i),
            };
            let better = better_candidates(model, cx, &story, &mut scores, &at, word);
            if better.is_empty() {
                continue;
            }
            let written = &text[span.clone()];
            let suggestions = suggestions(&better, written, opening == Opening::Sentence);
            let message = format!(
                "`{written}` {}: did you mean `{}`?",
                describe(text, pieces, i),
                suggestions[0]
            );
            out.push(
                INFO.finding(span.clone(), message)
                    .with_suggestions(suggestions),
            );
        }
        memo = Some(scores.into_memo());
    });
}

/// Whether a capitalised word follows word `i` of a block's `pieces`.
fn name_after(text: &str, pieces: &[Piece], i: usize) -> bool {
    match pieces.get(i + 1) {
        Some(Piece::Word(next)) => text[next.range()].starts_with(char::is_uppercase),
        _ => false,
    }
}

/// A judged word: its piece index in its block, span and model id, where
/// it stands, and whether a capitalised word follows.
struct Position {
    i: usize,
    span: std::ops::Range<usize>,
    id: u32,
    opening: Opening,
    name_after: bool,
}

/// Where a judged word stands: what the model knows of the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// Inside a clause: two words of history.
    Mid,
    /// A sentence's capitalised first word.
    Sentence,
    /// A clause's first word, after a comma.
    Clause,
}

/// The candidates of word `id` with the margin each must win by, or
/// `None` when the dialect does not know the word.
fn judged_candidates(
    model: &Model,
    cx: &Context,
    story: &Story,
    span: std::ops::Range<usize>,
    id: u32,
) -> Option<Word> {
    known_candidates(model, cx, story.text, span, id).map(|candidates| Word {
        candidates: candidates
            .iter()
            .map(|&candidate| Judged {
                candidate,
                need: margin(candidate.source) - story_bonus(model, story, candidate),
                right: None,
                word: Spelling::Unknown,
            })
            .collect(),
        repeated: None,
    })
}

/// A distinct written word of the story: its candidates, and whether it is
/// a rare word the story uses in more than one phrase (looked up once a
/// candidate comes near winning).
struct Word {
    candidates: Vec<Judged>,
    repeated: Option<bool>,
}

/// [`MARGIN_REPEATED`] if the word at `at` is a rare word (not a function
/// word) that the story uses in more than one phrase, else 0.
fn repeated_margin(model: &Model, story: &Story, at: &Position) -> f32 {
    if model.zipf(at.id) >= REPEATED_MAX_ZIPF {
        return 0.0;
    }
    let written = pieces::model_word(story.text, at.span.clone());
    if !pairs::is_function_word(&written) && story.repeats(&written) {
        MARGIN_REPEATED
    } else {
        0.0
    }
}

/// [`STORY_BONUS`] when the story uses `candidate` elsewhere and that
/// tells something ([`STORY_BONUS_MAX_ZIPF`]), else 0.
fn story_bonus(model: &Model, story: &Story, candidate: Candidate) -> f32 {
    let used = story.words.contains_key(&candidate.id);
    let telling =
        candidate.source != Source::Slip || model.zipf(candidate.id) < STORY_BONUS_MAX_ZIPF;
    if used && telling {
        STORY_BONUS
    } else {
        0.0
    }
}

/// The candidates that beat the written word by their margin, each with
/// what it wins by beyond it (unsorted).
fn better_candidates<'j>(
    model: &Model,
    cx: &Context,
    story: &Story,
    scores: &mut scoring::Scorer,
    at: &Position,
    word: &'j mut Word,
) -> Vec<(f32, &'j str)> {
    let text = story.text;
    let written = &text[at.span.clone()];
    let extra = match at.opening {
        Opening::Mid => 0.0,
        Opening::Sentence => MARGIN_SENTENCE_START,
        Opening::Clause => MARGIN_CLAUSE_START,
    };
    let name_after = at.name_after;
    let (own_left, own_right) = scores.written(at.i, at.id);
    let own = own_left + own_right;
    // What the words after it could gain at most with another word.
    let bound = scores.right_bound(at.i);
    let slack = bound - own_right;
    let mut better: Vec<(f32, &str)> = Vec::new();
    let repeated = &mut word.repeated;
    for judged in word.candidates.iter_mut() {
        let id = judged.candidate.id;
        // The candidate at its best after any history, then after this
        // one: most are dropped before the words after it are scored.
        if model.max_logp(id) - own_left + slack < judged.need + extra {
            continue;
        }
        let left = scores.left(at.i, id);
        if left - own_left + slack < judged.need + extra {
            continue;
        }
        let floor = judged.need + extra + own - left;
        let Some(right) = scores.right_above(at.i, id, floor, bound) else {
            continue;
        };
        let gain = left + right - own;
        judged.resolve(model, cx, || pieces::model_word(text, at.span.clone()));
        let Spelling::Word(w) = &judged.word else {
            continue;
        };
        let before_name =
            name_after && BEFORE_NAMES.contains(&(written.to_lowercase().as_str(), w));
        let own = if *repeated.get_or_insert_with(|| repeated_margin(model, story, at) > 0.0) {
            MARGIN_REPEATED
        } else {
            0.0
        };
        let need = judged.need + extra + own + if before_name { MARGIN_BEFORE_NAME } else { 0.0 };
        // Pairs only the words after can settle must win there too.
        let right_short = judged.right.is_some_and(|r| right - own_right < r);
        if gain >= need && !right_short {
            better.push((gain - need, w));
        }
    }
    better
}

/// The winning candidates, best first, written as the word was: curly
/// apostrophes kept, capitalised at a sentence start.
fn suggestions(better: &[(f32, &str)], written: &str, capital: bool) -> Vec<String> {
    let mut better = better.to_vec();
    better.sort_by(|a, b| b.0.total_cmp(&a.0));
    let curly = written.contains('’');
    better
        .iter()
        .map(|(_, w)| {
            let w = if curly {
                w.replace('\'', "’")
            } else {
                w.to_string()
            };
            if capital {
                title_case(&w)
            } else {
                w
            }
        })
        .collect()
}

/// The candidates of word `id` (written at `span`), or `None` when the
/// story's dialect does not know the word. Remembered for the rest of the
/// thread's stories with the same model and speller: a folder's stories
/// share most of their words.
fn known_candidates(
    model: &Model,
    cx: &Context,
    text: &str,
    span: std::ops::Range<usize>,
    id: u32,
) -> Option<Rc<[Candidate]>> {
    thread_local! {
        static KNOWN: RefCell<OwnedMap<u32, Option<Rc<[Candidate]>>>> = RefCell::default();
    }
    /// Words remembered at most before the table starts afresh.
    const LIMIT: usize = 100_000;
    KNOWN.with_borrow_mut(|known| {
        known
            .of((model.identity(), cx.speller.generation()), LIMIT)
            .entry(id)
            .or_insert_with(|| {
                let word = pieces::model_word(text, span);
                cx.speller
                    .knows_fast(&word)
                    .then(|| scoring::candidates(model, &word, id).into())
            })
            .clone()
    })
}

/// Whether two optional words are the same, whatever their case.
fn same_word_text(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => true,
        _ => false,
    }
}

/// Whether piece `i` starts a sentence.
fn sentence_start(pieces: &[Piece], i: usize) -> bool {
    i == 0 || pieces[i - 1] == Piece::End
}

/// `after `two armed`` (or `before `the base`` at a sentence start).
fn describe(text: &str, pieces: &[Piece], i: usize) -> String {
    let words = |range: &mut dyn Iterator<Item = &Piece>| -> Vec<&str> {
        range
            .take(2)
            .map_while(|p| match p {
                Piece::Word(span) => Some(&text[span.range()]),
                _ => None,
            })
            .collect()
    };
    let mut before = words(&mut pieces[..i].iter().rev());
    before.reverse();
    if !before.is_empty() {
        return format!("after `{}`", before.join(" "));
    }
    let after = words(&mut pieces[i + 1..].iter());
    if after.is_empty() {
        "here".to_string()
    } else {
        format!("before `{}`", after.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ngram::builder;
    use crate::rules::testing::check_rule;

    /// A model trained on a few sentences, so the tests do not depend on
    /// the embedded one.
    fn small_model() -> Model {
        let archive = [
            "Two armed drones flew over the town. Armed drones struck the base.",
            "The drones flew over the base. Two armed drones were seen.",
            "The river flows over the town. The boat drowns in the river.",
            "Their house is there. They left their car there.",
        ];
        // Twenty copies: counts large enough for sharp probabilities.
        let raw = builder::train(archive.iter().copied().cycle().take(80));
        let bytes = builder::finish(raw, None).to_bytes().unwrap();
        Model::from_vec(bytes).unwrap()
    }

    fn run(model: &Model, text: &str) -> Vec<Finding> {
        run_in(crate::base::Dialect::EnUs, model, text)
    }

    fn run_in(dialect: crate::base::Dialect, model: &Model, text: &str) -> Vec<Finding> {
        let speller = crate::spell::Speller::new(dialect, std::collections::HashSet::new());
        with_context(&speller, model, text, |cx| {
            let mut out = Vec::new();
            check_with(model, cx, &mut out);
            out
        })
    }

    /// `then` given the context of `text` as the linter makes it.
    fn with_context<R>(
        speller: &crate::spell::Speller,
        model: &Model,
        text: &str,
        then: impl FnOnce(&Context) -> R,
    ) -> R {
        let doc = crate::text::document::Document::new("-", text);
        let tokens = crate::text::token::tokenize(&doc.text, doc.body_start());
        let words = crate::words::analyze(&doc.text, &tokens, speller);
        then(&Context {
            doc: &doc,
            tokens: &tokens,
            words: &words,
            speller,
            model: Some(model),
        })
    }

    #[test]
    fn a_word_repeats_in_two_phrases_in_any_of_its_forms() {
        let model = small_model();
        let speller = crate::spell::Speller::new(
            crate::base::Dialect::EnUs,
            std::collections::HashSet::new(),
        );
        let repeats = |text: &str, word: &str| {
            with_context(&speller, &model, text, |cx| {
                Story::new(&model, cx).repeats(word)
            })
        };
        assert!(!repeats("The motes fell. The motes fell.", "mote"));
        assert!(repeats("The motes fell. A mote fell.", "mote"));
        assert!(repeats("Motes fell. A mote fell.", "mote"));
        assert!(!repeats("The MOTE fell. THE motes fell.", "mote"));
        assert!(repeats("The box fell. A box fell.", "boxes"));
        // `Es` is not `es` for the word without it, but is for the word.
        assert!(!repeats("The boxEs fell. A boxes fell.", "box"));
        assert!(repeats("The boxEs fell. A boxes fell.", "boxes"));
        assert!(repeats("The boxES fell. A boxes fell.", "box"));
    }

    #[test]
    fn a_slip_into_a_real_word_is_found_with_its_context() {
        let model = small_model();
        let text = "Two armed drowns flew over the town.";
        let found = run(&model, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.clone()], "drowns");
        assert_eq!(found[0].suggestions[0], "drones");
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "`drowns` after `Two armed`: did you mean `drones`?"
        );
    }

    #[test]
    fn words_that_fit_their_context_are_left_alone() {
        let model = small_model();
        assert_eq!(run(&model, "Two armed drones flew over the town."), vec![]);
        assert_eq!(run(&model, "The boat drowns in the river."), vec![]);
    }

    #[test]
    fn words_after_a_number_are_context_only() {
        let model = small_model();
        assert_eq!(run(&model, "They saw 12 drowns over the town."), vec![]);
    }

    #[test]
    fn a_candidate_outside_the_dialect_is_never_offered() {
        let archive = [
            "The color of the sky was grey. The color of the sea was blue.",
            "A colon is part of the gut.",
        ];
        let raw = builder::train(archive.iter().copied().cycle().take(40));
        let model = Model::from_vec(builder::finish(raw, None).to_bytes().unwrap()).unwrap();
        let text = "The colon of the sky was grey.";
        let us = run_in(crate::base::Dialect::EnUs, &model, text);
        assert_eq!(us.len(), 1, "{us:?}");
        assert_eq!(us[0].suggestions[0], "color");
        assert_eq!(run_in(crate::base::Dialect::EnGb, &model, text), vec![]);
    }

    #[test]
    fn a_sentences_first_word_is_judged_unless_the_story_uses_it_as_a_name() {
        let text = "Their was no plan to raise taxes, the minister said.";
        let found = check_rule(&RealWord, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.clone()], "Their");
        assert_eq!(found[0].suggestions[0], "There");
        // Capitalised mid-sentence too: the story treats it as a name.
        let named = "Their was no plan to raise taxes, the minister said. He met Their in Paris.";
        assert_eq!(check_rule(&RealWord, named), vec![]);
    }

    #[test]
    fn off_before_a_place_is_left_alone() {
        // The model prefers `the sea of` to `the sea off`; news does not.
        assert_eq!(
            check_rule(&RealWord, "Warships gathered in the sea off Crete."),
            vec![]
        );
        let text = "They complained about a lack off interest in the plan.";
        let found = check_rule(&RealWord, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].suggestions[0], "of");
    }

    #[test]
    fn capitalised_words_are_not_judged() {
        let model = small_model();
        assert_eq!(run(&model, "Two armed Drowns flew over the town."), vec![]);
    }

    #[test]
    fn the_embedded_model_finds_the_seed_slip() {
        // The story's own `drones` lowers the margin `drones` must beat.
        let text = "The group shot down two drones. Two armed drowns flew over the base.";
        let found = check_rule(&RealWord, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.clone()], "drowns");
        assert_eq!(found[0].suggestions[0], "drones");
        let fixed = text.replace("drowns", "drones");
        assert_eq!(check_rule(&RealWord, &fixed), vec![]);
    }

    #[test]
    fn a_number_before_what_it_counts_is_not_to() {
        let text = "The airline offered two free tickets to every passenger.";
        assert_eq!(check_rule(&RealWord, text), vec![]);
        let found = check_rule(&RealWord, "They want to go too the meeting.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].suggestions[0], "to");
    }

    #[test]
    fn a_possessive_is_a_contraction_only_when_the_words_after_say_so() {
        let text = "The council said its new budget would cut waste.";
        assert_eq!(check_rule(&RealWord, text), vec![]);
        let found = check_rule(
            &RealWord,
            "The minister said its time to act on the report.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].suggestions[0], "it's");
    }

    #[test]
    fn a_rare_word_the_story_uses_again_is_the_writers() {
        let once = "Residents heard the peal of the bells at noon.";
        assert_eq!(check_rule(&RealWord, once).len(), 1);
        let story = "Residents heard the peal of the bells. A full peal takes three hours, \
                     and each peal is rung by hand.";
        assert_eq!(check_rule(&RealWord, story), vec![]);
        // A passage pasted twice is one phrase: its slip is still a slip.
        let twice = format!("{once} {once}");
        assert_eq!(check_rule(&RealWord, &twice).len(), 2);
    }

    #[test]
    fn a_clauses_first_word_is_judged_after_a_comma() {
        let text = "After the vote, thee council agreed to the plan.";
        let found = check_rule(&RealWord, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.clone()], "thee");
        assert_eq!(found[0].suggestions[0], "the");
    }

    #[test]
    fn off_before_a_name_needs_far_stronger_evidence() {
        let found = check_rule(&RealWord, "He blamed a lack off Europe for the crisis.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].suggestions[0], "of");
    }

    #[test]
    fn forms_of_one_verb_are_left_alone() {
        let text = "The director himself had said repeatedly that he would stay.";
        assert_eq!(check_rule(&RealWord, text), vec![]);
    }

    #[test]
    fn classic_confusions_are_found() {
        let text = "The minister said their was no plan to raise taxes.";
        let found = check_rule(&RealWord, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].suggestions[0], "there");
        assert!(found[0]
            .message
            .starts_with("`their` after `minister said`"));
    }
}
