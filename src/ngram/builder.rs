//! Builds newslint's context model: from an ARPA text model
//! (`newslint model build --arpa`) or by counting a newsroom's own archive
//! (`newslint model train`), pruned to a byte budget.
//!
//! Pruning drops the n-grams the model can best do without: an n-gram's
//! weight is how far its log10 probability is from what backing off to the
//! shorter context would give (`|log P(w|h) − (bo(h) + log P(w|h′))|`).
//! One threshold on that weight is raised until the file fits; a bigram is
//! kept whenever a kept trigram starts with it.

use super::model::{fixed_bytes, ngram_bytes, zipf_byte, Tables};
use super::pieces::{model_word, pieces, Piece};
use crate::spell::channel::keyboard_slip;
use crate::spell::edits::slips;
use crate::spell::forms::inflection;
use crate::text::token::tokenize;
use std::collections::HashMap;
use std::io::BufRead;

/// An n-gram model before pruning; ids are positions in `words`.
#[derive(Debug, Default)]
pub struct Raw {
    pub words: Vec<String>,
    pub uni: Vec<(f32, f32)>,
    pub bi: HashMap<(u32, u32), (f32, f32)>,
    pub tri: Vec<(u32, u32, u32, f32)>,
}

/// Why a file is not an ARPA model newslint can read.
#[derive(Debug, thiserror::Error)]
pub enum ArpaError {
    #[error("line {line}: {source}")]
    Read { line: usize, source: std::io::Error },
    #[error("line {line}: unknown section `{section}`")]
    Section { line: usize, section: String },
    #[error("line {line}: not an ARPA model")]
    NotArpa { line: usize },
    #[error("line {line}: bad {order}-gram `{text}`")]
    BadNgram {
        line: usize,
        order: usize,
        text: String,
    },
    #[error("no unigrams: not an ARPA model")]
    NoUnigrams,
}

/// Reads an ARPA model (orders 1 to 3; higher orders are ignored).
pub fn read_arpa(input: impl BufRead) -> Result<Raw, ArpaError> {
    let mut raw = Raw::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut order = 0usize;
    let mut seen_data = false;
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|source| ArpaError::Read {
            line: n + 1,
            source,
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line == "\\data\\" {
            seen_data = true;
            continue;
        }
        if line == "\\end\\" {
            break;
        }
        if let Some(rest) = line.strip_prefix('\\') {
            order = rest
                .strip_suffix("-grams:")
                .and_then(|k| k.parse().ok())
                .ok_or_else(|| ArpaError::Section {
                    line: n + 1,
                    section: line.to_string(),
                })?;
            continue;
        }
        if order == 0 {
            if line.starts_with("ngram ") && seen_data {
                continue;
            }
            return Err(ArpaError::NotArpa { line: n + 1 });
        }
        if order > 3 {
            continue;
        }
        let mut fields = line.split_whitespace();
        let bad = || ArpaError::BadNgram {
            line: n + 1,
            order,
            text: line.to_string(),
        };
        let p: f32 = fields.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
        let words: Vec<&str> = fields.by_ref().take(order).collect();
        if words.len() != order {
            return Err(bad());
        }
        let bo: f32 = match fields.next() {
            Some(f) => f.parse().map_err(|_| bad())?,
            None => 0.0,
        };
        // ARPA writes -99 for "never" (P(<s>)); keep the scale sane.
        let p = p.max(-20.0);
        if order == 1 {
            let id = raw.words.len() as u32;
            if ids.insert(words[0].to_string(), id).is_none() {
                raw.words.push(words[0].to_string());
                raw.uni.push((p, bo));
            }
            continue;
        }
        let Some(w) = words
            .iter()
            .map(|w| ids.get(*w).copied())
            .collect::<Option<Vec<u32>>>()
        else {
            continue;
        };
        if order == 2 {
            raw.bi.insert((w[0], w[1]), (p, bo));
        } else {
            raw.tri.push((w[0], w[1], w[2], p));
        }
    }
    if raw.words.is_empty() {
        return Err(ArpaError::NoUnigrams);
    }
    Ok(raw)
}

/// Discount taken from every seen count when training.
const DISCOUNT: f32 = 0.5;

/// Counts the n-grams of stories (sentences cut where newslint's context
/// rule cuts them) into a backoff model with absolute discounting.
pub fn train<'a>(texts: impl Iterator<Item = &'a str>) -> Raw {
    let mut c = Counts::default();
    let (bos, eos) = (c.id(super::model::BOS), c.id(super::model::EOS));
    for text in texts {
        let tokens = tokenize(text, 0);
        let mut sentence: Vec<u32> = vec![bos];
        for piece in pieces(text, &tokens) {
            match piece {
                Piece::Word(span) => {
                    let i = c.id(&model_word(text, span.range()));
                    sentence.push(i);
                }
                Piece::Cut | Piece::Clause | Piece::End => {
                    c.sentence(&mut sentence, eos);
                    sentence.push(bos);
                }
            }
        }
        c.sentence(&mut sentence, eos);
    }
    estimate(c.words, c.c1, c.c2, c.c3)
}

#[derive(Default)]
struct Counts {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    c1: Vec<u32>,
    c2: HashMap<(u32, u32), u32>,
    c3: HashMap<(u32, u32, u32), u32>,
}

impl Counts {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.words.push(w.to_string());
        self.c1.push(0);
        i
    }

    /// Counts `<s> words </s>` and empties it.
    fn sentence(&mut self, seq: &mut Vec<u32>, eos: u32) {
        if seq.len() > 1 {
            seq.push(eos);
            for (i, &w) in seq.iter().enumerate().skip(1) {
                self.c1[w as usize] += 1;
                *self.c2.entry((seq[i - 1], w)).or_insert(0) += 1;
                if i >= 2 {
                    *self.c3.entry((seq[i - 2], seq[i - 1], w)).or_insert(0) += 1;
                }
            }
        }
        seq.clear();
    }
}

fn estimate(
    words: Vec<String>,
    c1: Vec<u32>,
    c2: HashMap<(u32, u32), u32>,
    c3: HashMap<(u32, u32, u32), u32>,
) -> Raw {
    let total: f32 = c1.iter().map(|&c| c as f32).sum::<f32>().max(1.0);
    // How often each word or pair is a context, and with how many
    // different followers.
    let mut ctx1: HashMap<u32, (u32, u32)> = HashMap::new();
    for (&(a, _), &c) in &c2 {
        let e = ctx1.entry(a).or_insert((0, 0));
        e.0 += c;
        e.1 += 1;
    }
    let mut ctx2: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    for (&(a, b, _), &c) in &c3 {
        let e = ctx2.entry((a, b)).or_insert((0, 0));
        e.0 += c;
        e.1 += 1;
    }
    let backoff = |(n, types): (u32, u32)| (DISCOUNT * types as f32 / n as f32).log10();
    let uni = c1
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let p = ((c as f32).max(DISCOUNT) / total).log10();
            let bo = ctx1.get(&(i as u32)).map_or(0.0, |&x| backoff(x));
            (p, bo)
        })
        .collect();
    let bi = c2
        .iter()
        .map(|(&(a, b), &c)| {
            let n = ctx1[&a].0 as f32;
            let p = ((c as f32 - DISCOUNT) / n).log10();
            let bo = ctx2.get(&(a, b)).map_or(0.0, |&x| backoff(x));
            ((a, b), (p, bo))
        })
        .collect();
    let tri = c3
        .iter()
        .map(|(&(a, b, c), &n)| {
            let ctx = ctx2[&(a, b)].0 as f32;
            (a, b, c, ((n as f32 - DISCOUNT) / ctx).log10())
        })
        .collect();
    Raw {
        words,
        uni,
        bi,
        tri,
    }
}

/// Sorts, prunes to `max_bytes` (if given) and lays out the tables.
pub fn finish(raw: Raw, max_bytes: Option<usize>) -> Tables {
    let Raw {
        words,
        uni,
        bi,
        tri,
    } = raw;
    // Ids in byte order of the words.
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    let mut new_id = vec![0u32; words.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old as usize] = new as u32;
    }
    let (bis, tris) = weighted_ngrams(&uni, &bi, &tri, &new_id);
    drop(bi);
    // Each word's slip candidates depend only on the vocabulary.
    let mut sorted_words = Vec::with_capacity(words.len());
    let mut sorted_uni = Vec::with_capacity(words.len());
    for &old in &order {
        sorted_words.push(words[old as usize].clone());
        sorted_uni.push(uni[old as usize]);
    }
    let zipf: Vec<u8> = sorted_words.iter().map(|w| zipf_byte(w)).collect();
    let slips = slip_table(&sorted_words, &zipf);
    let fst_len = {
        let mut b = fst::MapBuilder::memory();
        for (i, w) in sorted_words.iter().enumerate() {
            // Sorted and distinct: insertion cannot fail.
            let _ = b.insert(w, i as u64);
        }
        b.into_inner().map_or(8 * words.len(), |v| v.len())
    };
    let fixed = fixed_bytes(words.len(), fst_len, slips.iter().map(Vec::len).sum());
    let budget = max_bytes.map(|max| (max, fixed, words.len()));
    let (bi, tri) = prune(&bis, &tris, budget);
    Tables {
        words: sorted_words,
        uni: sorted_uni,
        bi,
        tri,
        slips,
    }
}

/// A bigram in new ids: first word, second word, log10 P, backoff, and its
/// weight (how far it is from what backing off would give).
type WeightedBigram = (u32, u32, f32, f32, f32);
/// A trigram: index of its first two words' bigram, third word, log10 P,
/// weight.
type WeightedTrigram = (u32, u32, f32, f32);

/// The bigrams and trigrams in sorted (new id) order, with their weights;
/// trigrams whose first two words are not a bigram of the model are left
/// out.
fn weighted_ngrams(
    uni: &[(f32, f32)],
    bi: &HashMap<(u32, u32), (f32, f32)>,
    tri: &[(u32, u32, u32, f32)],
    new_id: &[u32],
) -> (Vec<WeightedBigram>, Vec<WeightedTrigram>) {
    let backed_off_bi = |a: u32, b: u32| uni[a as usize].1 + uni[b as usize].0;
    let p_bi = |a: u32, b: u32| {
        bi.get(&(a, b))
            .map_or_else(|| backed_off_bi(a, b), |&(p, _)| p)
    };
    let mut bis: Vec<WeightedBigram> = bi
        .iter()
        .map(|(&(a, b), &(p, bo))| {
            let weight = (p - backed_off_bi(a, b)).abs();
            (new_id[a as usize], new_id[b as usize], p, bo, weight)
        })
        .collect();
    bis.sort_by_key(|b| (b.0, b.1));
    let bi_index: HashMap<(u32, u32), u32> = bis
        .iter()
        .enumerate()
        .map(|(i, b)| ((b.0, b.1), i as u32))
        .collect();
    let mut tris: Vec<WeightedTrigram> = tri
        .iter()
        .filter_map(|&(a, b, c, p)| {
            let (_, bo) = bi.get(&(a, b))?;
            let weight = (p - (bo + p_bi(b, c))).abs();
            let index = bi_index[&(new_id[a as usize], new_id[b as usize])];
            Some((index, new_id[c as usize], p, weight))
        })
        .collect();
    tris.sort_by_key(|t| (t.0, t.1));
    (bis, tris)
}

/// The n-grams kept: all of them, or, with a budget (bytes at most, the
/// bytes of everything but the n-grams, vocabulary size), those whose
/// weight reaches the lowest threshold that fits (a bigram is kept while a
/// kept trigram needs it).
#[allow(clippy::type_complexity)]
fn prune(
    bis: &[WeightedBigram],
    tris: &[WeightedTrigram],
    budget: Option<(usize, usize, usize)>,
) -> (Vec<(u32, u32, f32, f32)>, Vec<(u32, u32, f32)>) {
    let size_at = |theta: f32, keep_bi: &mut Vec<bool>, fixed: usize, vocab: usize| -> usize {
        keep_bi.iter_mut().for_each(|k| *k = false);
        let mut n_tri = 0;
        for t in tris {
            if t.3 >= theta {
                n_tri += 1;
                keep_bi[t.0 as usize] = true;
            }
        }
        let mut n_bi = 0;
        for (k, b) in keep_bi.iter_mut().zip(bis) {
            if b.4 >= theta {
                *k = true;
            }
            n_bi += usize::from(*k);
        }
        fixed + ngram_bytes(vocab, n_bi, n_tri)
    };
    let mut keep_bi = vec![true; bis.len()];
    let mut theta = 0.0f32;
    if let Some((max, fixed, vocab)) = budget {
        if size_at(0.0, &mut keep_bi, fixed, vocab) > max {
            let (mut lo, mut hi) = (0.0f32, 20.0f32);
            for _ in 0..30 {
                let mid = (lo + hi) / 2.0;
                if size_at(mid, &mut keep_bi, fixed, vocab) > max {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            theta = hi;
        }
        size_at(theta, &mut keep_bi, fixed, vocab);
    }
    let mut renumber = vec![u32::MAX; bis.len()];
    let mut bi_out = Vec::new();
    for (i, b) in bis.iter().enumerate() {
        if keep_bi[i] {
            renumber[i] = bi_out.len() as u32;
            bi_out.push((b.0, b.1, b.2, b.3));
        }
    }
    let tri_out = tris
        .iter()
        .filter(|t| t.3 >= theta && renumber[t.0 as usize] != u32::MAX)
        .map(|t| (renumber[t.0 as usize], t.1, t.2))
        .collect();
    (bi_out, tri_out)
}

/// Zipf frequency a slip candidate must reach: a rare word one key away
/// is more often a false alarm than a find.
pub const SLIP_MIN_ZIPF: f32 = 3.0;

/// Words this long or shorter have dozens of common words one edit away
/// (`in`: `an`, `on`, `is`, `it`, `inn`, `tin`, `yin`…); for them only
/// edits a finger makes are candidates (see [`keyboard_slip`]).
pub const SHORT_WORD: usize = 3;

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

#[cfg(test)]
mod tests {
    use super::super::model::Model;
    use super::*;

    const ARPA: &str = "\\data\\\nngram 1=5\nngram 2=3\nngram 3=1\n\n\\1-grams:\n\
-1.0\t<s>\t-0.5\n-2.0\ttwo\t-0.3\n-3.0\tarmed\t-0.2\n-4.0\tdrones\t0\n-4.5\tdrowns\t0\n\n\
\\2-grams:\n-1.5\t<s> two\t-0.1\n-1.2\ttwo armed\t-0.4\n-1.0\tarmed drones\n\n\
\\3-grams:\n-0.5\ttwo armed drones\n\n\\end\\\n";

    fn model(raw: Raw) -> Model {
        Model::from_vec(finish(raw, None).to_bytes().unwrap()).unwrap()
    }

    #[test]
    fn arpa_round_trips_with_backoff() {
        let m = model(read_arpa(ARPA.as_bytes()).unwrap());
        let id = |w| m.id(w).unwrap();
        assert_eq!(m.counts(), (5, 3, 1));
        let close = |a: f32, b: f32| (a - b).abs() < 0.02;
        // Trigram, bigram, then backoff through both contexts.
        assert!(close(
            m.logp(Some(id("two")), Some(id("armed")), id("drones")),
            -0.5
        ));
        assert!(close(m.logp(None, Some(id("armed")), id("drones")), -1.0));
        let drowns = m.logp(Some(id("two")), Some(id("armed")), id("drowns"));
        assert!(close(drowns, -0.4 - 0.2 - 4.5), "{drowns}");
        assert!(m.id("troops").is_none());
    }

    #[test]
    fn pruning_fits_the_budget_and_keeps_trigram_prefixes() {
        let raw = read_arpa(ARPA.as_bytes()).unwrap();
        let full = finish(read_arpa(ARPA.as_bytes()).unwrap(), None)
            .to_bytes()
            .unwrap()
            .len();
        // A budget nothing fits: every n-gram goes, the unigrams stay.
        let tables = finish(raw, Some(1));
        assert!(tables.bi.is_empty() && tables.tri.is_empty());
        assert_eq!(tables.words.len(), 5);
        assert!(tables.to_bytes().unwrap().len() < full);
        // A generous one keeps everything.
        let all = finish(read_arpa(ARPA.as_bytes()).unwrap(), Some(10 * full));
        assert_eq!((all.bi.len(), all.tri.len()), (3, 1));
        // Every kept trigram's bigram is still there.
        assert!(tables.tri.iter().all(|t| (t.0 as usize) < tables.bi.len()));
    }

    #[test]
    fn training_counts_an_archive() {
        let stories = [
            "Two armed drones flew. Two armed drones fell.",
            "The drones fell.",
        ];
        let m = model(train(stories.iter().copied()));
        let id = |w| m.id(w).unwrap();
        let drones = m.logp(Some(id("two")), Some(id("armed")), id("drones"));
        let fell = m.logp(Some(id("two")), Some(id("armed")), id("fell"));
        assert!(drones > -0.5 && drones > fell + 0.5, "{drones} {fell}");
        assert!(m.id("<s>").is_some() && m.id("</s>").is_some());
    }

    #[test]
    fn ids_lead_back_to_their_words() {
        let m = model(read_arpa(ARPA.as_bytes()).unwrap());
        for w in ["<s>", "two", "armed", "drones", "drowns"] {
            let id = m.id(w).unwrap();
            assert_eq!(m.word(id).as_deref(), Some(w));
        }
        assert_eq!(m.word(99), None);
    }

    #[test]
    fn the_slip_table_holds_common_words_one_slip_away() {
        // `drowns` and `drones` are both common (Zipf ≥ 3) in newslint's
        // frequency list, one mistyped swap apart.
        let m = model(read_arpa(ARPA.as_bytes()).unwrap());
        let id = |w| m.id(w).unwrap();
        let slips: Vec<u32> = m.slips(id("drowns")).collect();
        assert_eq!(slips, [id("drones")]);
        assert!(m.slips(id("two")).next().is_none());
    }

    #[test]
    fn a_words_best_score_bounds_every_history() {
        let m = model(read_arpa(ARPA.as_bytes()).unwrap());
        let ids: Vec<Option<u32>> = std::iter::once(None).chain((0..5).map(Some)).collect();
        for &h2 in &ids {
            for &h1 in &ids {
                for w in 0..5 {
                    let p = m.logp(h2, h1, w);
                    assert!(p <= m.max_logp(w) + 1e-6, "{h2:?} {h1:?} {w}: {p}");
                }
            }
        }
    }

    #[test]
    fn bad_arpa_is_a_one_line_error() {
        assert!(read_arpa("hello world\n".as_bytes()).is_err());
        let broken = ARPA.replace("-1.0\tarmed drones", "x armed drones");
        let err = read_arpa(broken.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("line ") && !err.contains('\n'), "{err}");
    }
}
