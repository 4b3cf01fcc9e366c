//! newslint's compact trigram model, read in place (zero-copy).
//!
//! The file, all integers little-endian, no alignment needed:
//!
//! ```text
//! "NLCTXLM5"                       magic, 8 bytes
//! u32 vocab, bigrams, trigrams, vocab_fst_len, key_bytes, slip_pairs
//! 6 × (f32 min, f32 max)          ranges of the quantised tables: unigram
//!                                  log10 P and backoff, bigram log10 P and
//!                                  backoff, trigram log10 P, word maximum
//! vocab_fst_len bytes              `fst` map: word → id (ids in byte order)
//! vocab × u8, vocab × u8           unigram log10 P, backoff
//! vocab × u8                       the word's Zipf frequency × 20 in
//!                                  newslint's frequency list (0: unlisted)
//! vocab × u8                       the word's highest log10 P after any
//!                                  history (rounded up): a bound that lets
//!                                  the context rule skip hopeless candidates
//! (vocab + 1) × u32                first bigram of each first word
//! bigrams × (u24, u8)              second word id, sorted within a first
//!                                  word, and the bigram's log10 P
//! bigrams × u8                     bigram backoff
//! trigrams × (key_bytes, u8)       key: (bigram index mod 32) × vocab +
//!                                  third word id, sorted; trigram log10 P
//! (bigrams / 32 + 2) × u32         first trigram of bigram 32·k: narrows a
//!                                  trigram search to a few dozen keys
//! bigrams × u8                     a Bloom filter of the bigrams, one byte
//!                                  a bigram, cut like the bigram table: a
//!                                  first word's region holds its second
//!                                  words, 5 bits each within 64 bytes. Most
//!                                  pairs a candidate makes are absent, and
//!                                  the filter says so without a search (and
//!                                  a word's candidates after the same word
//!                                  probe one region)
//! (vocab + 1) × u32                first slip candidate of each word
//! slip_pairs × u24                 candidate ids: the model's common words
//!                                  (Zipf ≥ 3) one slip away from the word
//!                                  (see `context::slips`), in the order
//!                                  they are generated
//! ```
//!
//! Each `u8` is a value linearly quantised between its table's min and max
//! (256 steps). Lookups are binary searches over the packed arrays; nothing
//! is parsed into memory beyond the header, so opening a model costs
//! microseconds whether it is embedded or read from a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::SystemTime;

pub const MAGIC: &[u8; 8] = b"NLCTXLM5";
const HEADER: usize = 8 + 24 + 48;
/// Bigrams per entry of the trigram block index.
const BLOCK: usize = 32;
/// Bytes of a word id in the bigram table.
const ID_BYTES: usize = 3;
/// Bits the filter sets per bigram.
const FILTER_PROBES: usize = 5;
/// Sentence boundaries, as in ARPA models.
pub const BOS: &str = "<s>";
pub const EOS: &str = "</s>";

/// A linear 8-bit quantiser over `min..=max`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quant {
    pub min: f32,
    pub max: f32,
}

impl Quant {
    pub fn over(values: impl Iterator<Item = f32>) -> Quant {
        let (mut min, mut max) = (f32::MAX, f32::MIN);
        for v in values {
            min = min.min(v);
            max = max.max(v);
        }
        if min > max {
            return Quant { min: 0.0, max: 0.0 };
        }
        Quant { min, max }
    }

    pub fn encode(self, v: f32) -> u8 {
        if self.max <= self.min {
            return 0;
        }
        ((v - self.min) / (self.max - self.min) * 255.0)
            .round()
            .clamp(0.0, 255.0) as u8
    }

    /// The smallest code that decodes to `v` or more (for bounds).
    pub fn encode_up(self, v: f32) -> u8 {
        let mut c = self.encode(v);
        while c < 255 && self.decode(c) < v {
            c += 1;
        }
        c
    }

    pub fn decode(self, q: u8) -> f32 {
        self.min + f32::from(q) * (self.max - self.min) / 255.0
    }
}

/// Where each table sits in the file.
#[derive(Debug, Clone)]
struct Layout {
    uni_p: usize,
    uni_b: usize,
    uni_z: usize,
    uni_m: usize,
    bi_off: usize,
    bi_rec: usize,
    bi_b: usize,
    tri_rec: usize,
    tri_block: usize,
    filter: usize,
    slip_off: usize,
    slip_ids: usize,
    key_bytes: usize,
}

/// The counts and value ranges at the head of a model file.
struct Header {
    n_vocab: u32,
    n_bi: u32,
    n_tri: u32,
    fst_len: usize,
    key_bytes: usize,
    n_slips: u32,
    q: [Quant; 6],
}

impl Header {
    fn read(b: &[u8]) -> Result<Header, FormatError> {
        if b.len() >= 8 && b[..7] == MAGIC[..7] && b[7] != MAGIC[7] {
            return Err(FormatError::OtherVersion {
                found: String::from_utf8_lossy(&b[..8]).into_owned(),
                expected: String::from_utf8_lossy(MAGIC).into_owned(),
            });
        }
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(FormatError::NotAModel);
        }
        let header = Header {
            n_vocab: u32_at(b, 8),
            n_bi: u32_at(b, 12),
            n_tri: u32_at(b, 16),
            fst_len: u32_at(b, 20) as usize,
            key_bytes: u32_at(b, 24) as usize,
            n_slips: u32_at(b, 28),
            q: [Quant { min: 0.0, max: 0.0 }; 6],
        };
        if !(1..=8).contains(&header.key_bytes)
            || header.n_vocab >= 1 << (8 * ID_BYTES)
            || width_for(BLOCK as u64 * u64::from(header.n_vocab)) > header.key_bytes
        {
            return Err(FormatError::Damaged("bad key sizes"));
        }
        let mut q = header.q;
        for (k, quant) in q.iter_mut().enumerate() {
            let (min, max) = (f32_at(b, 32 + 8 * k), f32_at(b, 36 + 8 * k));
            if !min.is_finite() || !max.is_finite() || min > max {
                return Err(FormatError::Damaged("bad value ranges"));
            }
            *quant = Quant { min, max };
        }
        Ok(Header { q, ..header })
    }
}

impl Layout {
    /// Where each table sits for `header`, and the vocabulary fst's range;
    /// the tables must end exactly at the file's end (`len`).
    fn of(header: &Header, len: usize) -> Result<(Layout, std::ops::Range<usize>), FormatError> {
        let (v, nb, nt) = (
            header.n_vocab as usize,
            header.n_bi as usize,
            header.n_tri as usize,
        );
        let key_bytes = header.key_bytes;
        let vocab = HEADER..HEADER + header.fst_len;
        let uni_p = vocab.end;
        let uni_b = uni_p + v;
        let uni_z = uni_b + v;
        let uni_m = uni_z + v;
        let bi_off = uni_m + v;
        let bi_rec = bi_off + 4 * (v + 1);
        let bi_b = bi_rec + (ID_BYTES + 1) * nb;
        let tri_rec = bi_b + nb;
        let tri_block = tri_rec + (key_bytes + 1) * nt;
        let filter = tri_block + 4 * (nb / BLOCK + 2);
        let slip_off = filter + nb;
        let slip_ids = slip_off + 4 * (v + 1);
        let end = slip_ids + ID_BYTES * header.n_slips as usize;
        if end != len {
            return Err(FormatError::Length { len, promised: end });
        }
        let layout = Layout {
            uni_p,
            uni_b,
            uni_z,
            uni_m,
            bi_off,
            bi_rec,
            bi_b,
            tri_rec,
            tri_block,
            filter,
            slip_off,
            slip_ids,
            key_bytes,
        };
        Ok((layout, vocab))
    }

    /// Every offset table rises and ends at its table's count.
    fn check_offsets(&self, b: &[u8], header: &Header) -> Result<(), FormatError> {
        let (v, nb) = (header.n_vocab as usize, header.n_bi as usize);
        let offsets = [
            (self.bi_off, v + 1, header.n_bi),
            (self.tri_block, nb / BLOCK + 2, header.n_tri),
            (self.slip_off, v + 1, header.n_slips),
        ];
        for (at, count, limit) in offsets {
            let mut prev = 0;
            for i in 0..count {
                let o = u32_at(b, at + 4 * i);
                if o < prev || o > limit {
                    return Err(FormatError::Damaged("offsets"));
                }
                prev = o;
            }
            if prev != limit {
                return Err(FormatError::Damaged("offsets"));
            }
        }
        Ok(())
    }
}

/// A model's bytes: embedded in the binary, or read from a file and freed
/// with the last linter that uses the model.
#[derive(Clone)]
pub enum Bytes {
    Embedded(&'static [u8]),
    Owned(Arc<[u8]>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Embedded(b) => b,
            Bytes::Owned(b) => b,
        }
    }
}

/// A part of a model's bytes (its vocabulary fst).
#[derive(Clone)]
pub struct Part {
    bytes: Bytes,
    range: std::ops::Range<usize>,
}

impl AsRef<[u8]> for Part {
    fn as_ref(&self) -> &[u8] {
        &self.bytes.as_ref()[self.range.clone()]
    }
}

/// Why bytes are not a model newslint can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error(
        "a context model in another format ({found}; this newslint reads {expected}): rebuild it \
         with `newslint model build` or `newslint model train`"
    )]
    OtherVersion { found: String, expected: String },
    #[error("not a newslint context model (bad magic)")]
    NotAModel,
    #[error("damaged context model ({0})")]
    Damaged(&'static str),
    #[error("damaged context model ({len} bytes, the header promises {promised})")]
    Length { len: usize, promised: usize },
    #[error("damaged context model (vocabulary: {0})")]
    Vocabulary(String),
}

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Format { path: PathBuf, source: FormatError },
}

/// Why tables cannot be written as a model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TablesError {
    #[error("vocabulary: {0}")]
    Vocabulary(String),
    #[error("model too large")]
    TooLarge,
    #[error("model too large (vocabulary)")]
    VocabularyTooLarge,
    #[error("slip table does not match the vocabulary")]
    SlipTable,
}

pub struct Model {
    bytes: Bytes,
    vocab: fst::Map<Part>,
    /// Unique for the process: what caches of this model's ids are keyed by.
    identity: usize,
    n_vocab: u32,
    n_bi: u32,
    n_tri: u32,
    n_slips: u32,
    q: [Quant; 6],
    at: Layout,
    bos: Option<u32>,
    eos: Option<u32>,
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    b.get(i..i + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn f32_at(b: &[u8], i: usize) -> f32 {
    f32::from_bits(u32_at(b, i))
}

/// An unsigned integer `width` bytes wide (at most 8), little-endian.
fn uint_at(b: &[u8], i: usize, width: usize) -> u64 {
    b.get(i..i + width).map_or(u64::MAX, |s| {
        s.iter()
            .rev()
            .fold(0u64, |acc, &byte| (acc << 8) | u64::from(byte))
    })
}

/// The bits second word `b` sets in a first word's filter region of
/// `len` bytes: five bits within 64 bytes (one or two cache lines) that
/// `b` picks.
fn filter_bits(b: u32, len: usize) -> [usize; FILTER_PROBES] {
    let mix = |x: u64| {
        let mut h = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^ (h >> 32)
    };
    let window = len.min(64);
    // Where the 64 bytes start (the top 32 bits scaled to the room), then
    // five 12-bit picks scaled to the window's bits.
    let start = (((mix(u64::from(b)) >> 32) * (len - window + 1) as u64) >> 32) as usize;
    let picks = mix(u64::from(b) | 1 << 32);
    let mut bits = [0usize; FILTER_PROBES];
    for (i, bit) in bits.iter_mut().enumerate() {
        let r = (picks >> (12 * i)) & 0xFFF;
        *bit = 8 * start + ((r * (8 * window) as u64) >> 12) as usize;
    }
    bits
}

/// Bytes needed for values below `limit`.
fn width_for(limit: u64) -> usize {
    (1..=8)
        .find(|&w| w == 8 || limit <= 1u64 << (8 * w))
        .unwrap_or(8)
}

impl Model {
    /// Opens a model, checking its header, sizes and pointers; any damage is
    /// a one-line reason.
    pub fn new(bytes: Bytes) -> Result<Model, FormatError> {
        Model::open_bytes(bytes, true)
    }

    /// The model embedded in the binary: built and tested with it, so its
    /// offset tables are not walked again at every start (a damaged table
    /// could only give wrong scores, never a read out of bounds: every read
    /// is checked).
    pub fn embedded(bytes: &'static [u8]) -> Result<Model, FormatError> {
        Model::open_bytes(Bytes::Embedded(bytes), false)
    }

    fn open_bytes(bytes: Bytes, check_offsets: bool) -> Result<Model, FormatError> {
        let b = bytes.as_ref();
        let header = Header::read(b)?;
        let (at, vocab) = Layout::of(&header, b.len())?;
        let map = fst::Map::new(Part {
            bytes: bytes.clone(),
            range: vocab,
        })
        .map_err(|e| FormatError::Vocabulary(e.to_string()))?;
        if map.len() != header.n_vocab as usize {
            return Err(FormatError::Damaged("vocabulary size"));
        }
        if check_offsets {
            at.check_offsets(b, &header)?;
        }
        let (bos, eos) = (
            map.get(BOS).map(|i| i as u32),
            map.get(EOS).map(|i| i as u32),
        );
        Ok(Model {
            bytes,
            vocab: map,
            identity: {
                static NEXT: AtomicUsize = AtomicUsize::new(1);
                NEXT.fetch_add(1, Ordering::Relaxed)
            },
            n_vocab: header.n_vocab,
            n_bi: header.n_bi,
            n_tri: header.n_tri,
            n_slips: header.n_slips,
            q: header.q,
            at,
            bos,
            eos,
        })
    }

    /// Reads a model file (`newslint check --model FILE`).
    pub fn open(path: &Path) -> Result<Model, ModelError> {
        let bytes = crate::base::files::read_bounded(path, MAX_MODEL_BYTES).map_err(|source| {
            ModelError::Read {
                path: path.to_path_buf(),
                source,
            }
        })?;
        Model::from_vec(bytes).map_err(|source| ModelError::Format {
            path: path.to_path_buf(),
            source,
        })
    }

    /// A model from bytes read at run time; they are freed with the model.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Model, FormatError> {
        Model::new(Bytes::Owned(bytes.into()))
    }

    /// The model's bytes, as written to a file.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    /// A number no other model opened by this process has: caches of a
    /// model's ids are keyed by it.
    pub fn identity(&self) -> usize {
        self.identity
    }

    #[inline]
    fn b(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    pub fn counts(&self) -> (u32, u32, u32) {
        (self.n_vocab, self.n_bi, self.n_tri)
    }

    pub fn size(&self) -> usize {
        self.b().len()
    }

    /// The id of a (lower-case) word, if the model knows it.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.vocab.get(word).map(|i| i as u32)
    }

    /// The vocabulary: word → id.
    pub fn vocab(&self) -> &fst::Map<Part> {
        &self.vocab
    }

    pub fn bos(&self) -> Option<u32> {
        self.bos
    }

    pub fn eos(&self) -> Option<u32> {
        self.eos
    }

    fn byte(&self, at: usize) -> u8 {
        self.b().get(at).copied().unwrap_or(0)
    }

    /// The Zipf frequency of word `id` when the model was built (0 for a
    /// word outside the frequency list).
    pub fn zipf(&self, id: u32) -> f32 {
        f32::from(self.byte(self.at.uni_z + id as usize)) / 20.0
    }

    /// The common words one slip away from word `id` (ids), computed when
    /// the model was built.
    pub fn slips(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let (lo, hi) = if id < self.n_vocab {
            let at = self.at.slip_off + 4 * id as usize;
            (u32_at(self.b(), at), u32_at(self.b(), at + 4))
        } else {
            (0, 0)
        };
        (lo..hi.min(self.n_slips)).filter_map(move |i| {
            let w = uint_at(self.b(), self.at.slip_ids + ID_BYTES * i as usize, ID_BYTES) as u32;
            (w < self.n_vocab).then_some(w)
        })
    }

    /// The word with id `id`: ids are the words' ranks in byte order, so
    /// the vocabulary fst is walked by its outputs.
    pub fn word(&self, id: u32) -> Option<String> {
        let fst = self.vocab.as_fst();
        let target = u64::from(id);
        let mut node = fst.root();
        let (mut acc, mut out) = (0u64, Vec::new());
        loop {
            if node.is_final() && acc + node.final_output().value() == target {
                return String::from_utf8(out).ok();
            }
            // Outputs grow along the transitions: the last one not past
            // `target` leads to it.
            let (mut lo, mut hi) = (0, node.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if acc + node.transition(mid).out.value() <= target {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let t = node.transition(lo.checked_sub(1)?);
            acc += t.out.value();
            out.push(t.inp);
            node = fst.node(t.addr);
        }
    }

    /// An upper bound of `logp(_, _, w)` whatever the history.
    pub fn max_logp(&self, w: u32) -> f32 {
        self.q[5].decode(self.byte(self.at.uni_m + w as usize))
    }

    fn unigram(&self, w: u32) -> (f32, f32) {
        let w = w as usize;
        (
            self.q[0].decode(self.byte(self.at.uni_p + w)),
            self.q[1].decode(self.byte(self.at.uni_b + w)),
        )
    }

    /// The index of bigram `a b`. The second words of a first word are
    /// sorted ids spread over the whole vocabulary, so a few interpolation
    /// steps land near `b` before a binary search finishes.
    fn bigram(&self, a: u32, b: u32) -> Option<usize> {
        if a >= self.n_vocab {
            return None;
        }
        let bytes = self.b();
        let second =
            |i: usize| u64::from(u32_at(bytes, self.at.bi_rec + (ID_BYTES + 1) * i) & 0xFF_FFFF);
        let target = u64::from(b);
        let (mut lo, mut hi) = self.successors(a);
        if lo >= hi || !self.may_have_bigram(lo, hi, b) {
            return None;
        }
        for _ in 0..4 {
            if hi - lo <= 8 {
                break;
            }
            let (first, last) = (second(lo), second(hi - 1));
            if target < first || target > last {
                return None;
            }
            let span = (last - first).max(1);
            let mid = lo + ((target - first) * (hi - 1 - lo) as u64 / span) as usize;
            match second(mid).cmp(&target) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        while lo < hi {
            let mid = (lo + hi) / 2;
            match second(mid).cmp(&target) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Where the second words of first word `a` sit in the bigram table.
    fn successors(&self, a: u32) -> (usize, usize) {
        let at = self.at.bi_off + 4 * a as usize;
        (
            u32_at(self.b(), at) as usize,
            u32_at(self.b(), at + 4) as usize,
        )
    }

    /// Whether the filter region of the first word whose second words are
    /// `lo..hi` lets `b` through (a few percent of the absent ones pass;
    /// every present one does).
    fn may_have_bigram(&self, lo: usize, hi: usize, b: u32) -> bool {
        let at = self.at.filter + lo;
        filter_bits(b, hi - lo)
            .iter()
            .all(|&bit| self.byte(at + bit / 8) & (1 << (bit % 8)) != 0)
    }

    fn trigram(&self, bigram: usize, c: u32) -> Option<usize> {
        let key = (bigram % BLOCK) as u64 * u64::from(self.n_vocab) + u64::from(c);
        let width = self.at.key_bytes;
        let bytes = self.b();
        let block = self.at.tri_block + 4 * (bigram / BLOCK);
        let (mut lo, mut hi) = (
            u32_at(bytes, block) as usize,
            u32_at(bytes, block + 4) as usize,
        );
        while lo < hi {
            let mid = (lo + hi) / 2;
            match uint_at(bytes, self.at.tri_rec + (width + 1) * mid, width).cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// log10 P(w | h2 h1) with Katz backoff; `None` in the history cuts it
    /// (an unknown word or a break in the text).
    pub fn logp(&self, h2: Option<u32>, h1: Option<u32>, w: u32) -> f32 {
        self.logp_after(&self.history(h2, h1), w)
    }

    /// The part of [`Model::logp`] that depends on the history alone, for
    /// scoring many words after the same two.
    pub fn history(&self, h2: Option<u32>, h1: Option<u32>) -> History {
        let bigram = match (h2, h1) {
            (Some(h2), Some(h1)) => self
                .bigram(h2, h1)
                .map(|bi| (bi, self.q[3].decode(self.byte(self.at.bi_b + bi)))),
            _ => None,
        };
        History { h1, bigram }
    }

    /// [`Model::logp`] of `w` after `history`.
    pub fn logp_after(&self, history: &History, w: u32) -> f32 {
        let Some(h1) = history.h1 else {
            return self.unigram(w).0;
        };
        let mut backoff = 0.0;
        if let Some((bi, bo)) = history.bigram {
            if let Some(tri) = self.trigram(bi, w) {
                let width = self.at.key_bytes;
                return self.q[4].decode(self.byte(self.at.tri_rec + (width + 1) * tri + width));
            }
            backoff = bo;
        }
        if let Some(bi) = self.bigram(h1, w) {
            return backoff
                + self.q[2].decode(self.byte(self.at.bi_rec + (ID_BYTES + 1) * bi + ID_BYTES));
        }
        backoff + self.unigram(h1).1 + self.unigram(w).0
    }
}

/// Two words of history, looked up ([`Model::history`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct History {
    h1: Option<u32>,
    /// The bigram `h2 h1`, if the model has it, and its backoff.
    bigram: Option<(usize, f32)>,
}

/// Writes a model from sorted, deduplicated tables (see [`super::builder`]).
pub struct Tables {
    /// Words in byte order; ids are positions.
    pub words: Vec<String>,
    pub uni: Vec<(f32, f32)>,
    /// (first, second, log10 P, backoff), sorted by (first, second).
    pub bi: Vec<(u32, u32, f32, f32)>,
    /// (bigram index, third, log10 P), sorted.
    pub tri: Vec<(u32, u32, f32)>,
    /// Each word's slip candidates (ids), from [`super::slip_table`].
    pub slips: Vec<Vec<u32>>,
}

/// A word's Zipf frequency in newslint's list, × 20 in a byte (0: unlisted).
pub fn zipf_byte(word: &str) -> u8 {
    let zipf = crate::spell::data::zipf(word).unwrap_or(0.0);
    (zipf * 20.0).round().clamp(0.0, 255.0) as u8
}

/// Bytes of a model's fixed-size tables beyond the n-grams: what
/// pruning must leave room for.
pub fn fixed_bytes(vocab: usize, fst: usize, slip_pairs: usize) -> usize {
    HEADER + fst + 4 * vocab + 4 * (vocab + 1) + 4 * (vocab + 1) + ID_BYTES * slip_pairs
}

/// Bytes the bigrams and trigrams of a model over `vocab` words take.
pub fn ngram_bytes(vocab: usize, bigrams: usize, trigrams: usize) -> usize {
    let key_bytes = width_for(BLOCK as u64 * vocab as u64);
    (ID_BYTES + 2) * bigrams + 4 * (bigrams / BLOCK + 2) + bigrams + (key_bytes + 1) * trigrams
}

impl Tables {
    pub fn to_bytes(&self) -> Result<Vec<u8>, TablesError> {
        let fst = self.vocab_fst()?;
        let vocab = self.words.len() as u64;
        if vocab >= 1 << (8 * ID_BYTES) {
            return Err(TablesError::VocabularyTooLarge);
        }
        if self.slips.len() != self.words.len() {
            return Err(TablesError::SlipTable);
        }
        let key_bytes = width_for(BLOCK as u64 * vocab);
        let (q, best) = self.quantisers();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for n in [
            self.words.len(),
            self.bi.len(),
            self.tri.len(),
            fst.len(),
            key_bytes,
            self.slips.iter().map(Vec::len).sum(),
        ] {
            let n = u32::try_from(n).map_err(|_| TablesError::TooLarge)?;
            out.extend_from_slice(&n.to_le_bytes());
        }
        for quant in q {
            out.extend_from_slice(&quant.min.to_le_bytes());
            out.extend_from_slice(&quant.max.to_le_bytes());
        }
        out.extend_from_slice(&fst);
        out.extend(self.uni.iter().map(|u| q[0].encode(u.0)));
        out.extend(self.uni.iter().map(|u| q[1].encode(u.1)));
        out.extend(self.words.iter().map(|w| zipf_byte(w)));
        out.extend(best.iter().map(|&m| q[5].encode_up(m)));
        let offsets = self.bigram_offsets();
        self.write_bigrams(&mut out, &offsets, &q);
        self.write_trigrams(&mut out, &q, key_bytes);
        self.write_filter(&mut out, &offsets);
        self.write_slips(&mut out);
        Ok(out)
    }

    /// The vocabulary as an `fst` map, word → id.
    fn vocab_fst(&self) -> Result<Vec<u8>, TablesError> {
        let mut fst = fst::MapBuilder::memory();
        for (i, w) in self.words.iter().enumerate() {
            fst.insert(w, i as u64)
                .map_err(|e| TablesError::Vocabulary(e.to_string()))?;
        }
        fst.into_inner()
            .map_err(|e| TablesError::Vocabulary(e.to_string()))
    }

    /// The six tables' quantisers, and each word's best log10 P as the
    /// model will decode it: its unigram, bigram and trigram entries, plus
    /// the largest backoffs a history can add on the way down (zero unless
    /// some are positive).
    fn quantisers(&self) -> ([Quant; 6], Vec<f32>) {
        let mut q = [
            Quant::over(self.uni.iter().map(|u| u.0)),
            Quant::over(self.uni.iter().map(|u| u.1)),
            Quant::over(self.bi.iter().map(|b| b.2)),
            Quant::over(self.bi.iter().map(|b| b.3)),
            Quant::over(self.tri.iter().map(|t| t.2)),
            Quant { min: 0.0, max: 0.0 },
        ];
        let mut best: Vec<f32> = self
            .uni
            .iter()
            .map(|u| q[0].decode(q[0].encode(u.0)))
            .collect();
        for b in &self.bi {
            let p = q[2].decode(q[2].encode(b.2));
            let m = &mut best[b.1 as usize];
            *m = m.max(p);
        }
        for t in &self.tri {
            let p = q[4].decode(q[4].encode(t.2));
            let m = &mut best[t.1 as usize];
            *m = m.max(p);
        }
        let slack = q[1].max.max(0.0) + q[3].max.max(0.0);
        best.iter_mut().for_each(|m| *m += slack);
        q[5] = Quant::over(best.iter().copied());
        (q, best)
    }

    /// Where each first word's bigrams start (and, last, their count).
    fn bigram_offsets(&self) -> Vec<u32> {
        let mut offsets = vec![0u32; self.words.len() + 1];
        for b in &self.bi {
            offsets[b.0 as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        offsets
    }

    /// The bigram offsets, records (second word, log10 P) and backoffs.
    fn write_bigrams(&self, out: &mut Vec<u8>, offsets: &[u32], q: &[Quant; 6]) {
        for o in offsets {
            out.extend_from_slice(&o.to_le_bytes());
        }
        for b in &self.bi {
            out.extend_from_slice(&b.1.to_le_bytes()[..ID_BYTES]);
            out.push(q[2].encode(b.2));
        }
        out.extend(self.bi.iter().map(|b| q[3].encode(b.3)));
    }

    /// The trigram records (key, log10 P) and the block index: where the
    /// trigrams of bigram BLOCK·k start.
    fn write_trigrams(&self, out: &mut Vec<u8>, q: &[Quant; 6], key_bytes: usize) {
        let vocab = self.words.len() as u64;
        for t in &self.tri {
            let key = (t.0 as usize % BLOCK) as u64 * vocab + u64::from(t.1);
            out.extend_from_slice(&key.to_le_bytes()[..key_bytes]);
            out.push(q[4].encode(t.2));
        }
        let mut t = 0;
        for k in 0..self.bi.len() / BLOCK + 2 {
            let first = (k * BLOCK) as u32;
            while t < self.tri.len() && self.tri[t].0 < first {
                t += 1;
            }
            out.extend_from_slice(&(t as u32).to_le_bytes());
        }
    }

    /// The Bloom filter of the bigrams, cut by first word.
    fn write_filter(&self, out: &mut Vec<u8>, offsets: &[u32]) {
        let mut filter = vec![0u8; self.bi.len()];
        for (a, region) in offsets.windows(2).enumerate() {
            let (lo, hi) = (region[0] as usize, region[1] as usize);
            for b in &self.bi[lo..hi] {
                debug_assert_eq!(b.0 as usize, a);
                for bit in filter_bits(b.1, hi - lo) {
                    filter[lo + bit / 8] |= 1 << (bit % 8);
                }
            }
        }
        out.extend_from_slice(&filter);
    }

    /// Each word's first slip candidate, then the candidates' ids.
    fn write_slips(&self, out: &mut Vec<u8>) {
        let mut at = 0u32;
        out.extend_from_slice(&at.to_le_bytes());
        for s in &self.slips {
            at += s.len() as u32;
            out.extend_from_slice(&at.to_le_bytes());
        }
        for id in self.slips.iter().flatten() {
            out.extend_from_slice(&id.to_le_bytes()[..ID_BYTES]);
        }
    }
}

/// Model files larger than this are refused (the embedded one is 15 MB).
pub const MAX_MODEL_BYTES: u64 = 1 << 30;

/// The model in the file at `path`, shared: every linter of the process
/// that names the same file, unchanged, gets the same [`Model`], and it is
/// freed with the last of them.
pub fn shared(path: &Path) -> Result<Arc<Model>, ModelError> {
    type Opened = HashMap<PathBuf, (Option<(u64, SystemTime)>, Weak<Model>)>;
    static OPENED: Mutex<Option<Opened>> = Mutex::new(None);
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let stamp = std::fs::metadata(path)
        .ok()
        .and_then(|m| Some((m.len(), m.modified().ok()?)));
    {
        let mut opened = OPENED.lock().unwrap_or_else(|e| e.into_inner());
        let opened = opened.get_or_insert_with(HashMap::new);
        opened.retain(|_, (_, model)| model.strong_count() > 0);
        if let Some((s, model)) = opened.get(&key) {
            if *s == stamp {
                if let Some(model) = model.upgrade() {
                    return Ok(model);
                }
            }
        }
    }
    let model = Arc::new(Model::open(path)?);
    let mut opened = OPENED.lock().unwrap_or_else(|e| e.into_inner());
    opened
        .get_or_insert_with(HashMap::new)
        .insert(key, (stamp, Arc::downgrade(&model)));
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ngram::builder;

    /// A model over enough words and pairs to fill several filter blocks
    /// and trigram blocks.
    fn tables() -> Tables {
        let letter = |i: usize| char::from(b'a' + (i % 26) as u8);
        let words: Vec<String> = (0..300)
            .map(|i| format!("{}{}o", letter(i / 26), letter(i)))
            .collect();
        let story: Vec<String> = (0..200)
            .map(|s| {
                (0..30)
                    .map(|k| words[(s * 7 + k * k * 13 + k * s) % words.len()].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    + "."
            })
            .collect();
        builder::finish(builder::train(story.iter().map(String::as_str)), None)
    }

    #[test]
    fn every_ngram_is_found_and_the_filter_passes_every_bigram() {
        let tables = tables();
        assert!(
            tables.bi.len() > 1000 && tables.tri.len() > 1000,
            "{} {}",
            tables.bi.len(),
            tables.tri.len()
        );
        let m = Model::from_vec(tables.to_bytes().unwrap()).unwrap();
        for (i, b) in tables.bi.iter().enumerate() {
            let (lo, hi) = m.successors(b.0);
            assert!(m.may_have_bigram(lo, hi, b.1));
            assert_eq!(m.bigram(b.0, b.1), Some(i));
        }
        for (i, t) in tables.tri.iter().enumerate() {
            assert_eq!(m.trigram(t.0 as usize, t.1), Some(i));
        }
        // Pairs the model lacks: the filter stops most of them, and the
        // search finds none.
        let n = m.counts().0;
        let (mut absent, mut passed) = (0, 0);
        for a in 0..n {
            for b in (0..n).step_by(7) {
                if tables
                    .bi
                    .binary_search_by(|x| (x.0, x.1).cmp(&(a, b)))
                    .is_err()
                {
                    absent += 1;
                    let (lo, hi) = m.successors(a);
                    passed += usize::from(lo < hi && m.may_have_bigram(lo, hi, b));
                    assert_eq!(m.bigram(a, b), None);
                }
            }
        }
        assert!(
            passed * 10 < absent,
            "{passed} of {absent} absent pairs passed"
        );
    }

    #[test]
    fn a_damaged_model_is_refused_or_read_without_a_panic() {
        let good = tables().to_bytes().unwrap();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut opened = 0;
        for _ in 0..300 {
            let mut bytes = good.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            if next() % 8 == 0 {
                bytes.truncate((next() % bytes.len() as u64) as usize);
            }
            let Ok(m) = Model::from_vec(bytes) else {
                continue;
            };
            opened += 1;
            let n = m.counts().0 + 2;
            for w in (0..n).step_by(3) {
                let _ = m.logp(Some(w), Some((w * 7) % n), (w * 13) % n);
                let _ = m.logp(None, Some(w), w / 2);
                let _ = m.slips(w).count();
                let _ = m.word(w);
                let _ = m.max_logp(w);
            }
        }
        // Most damage falls in the tables and passes the header's checks:
        // those models were read above.
        assert!(opened > 100, "{opened}");
    }

    #[test]
    fn a_model_in_another_format_asks_to_be_rebuilt() {
        let mut bytes = tables().to_bytes().unwrap();
        bytes[7] = b'4';
        let err = Model::from_vec(bytes).err().unwrap().to_string();
        assert!(err.contains("NLCTXLM4") && err.contains("rebuild"), "{err}");
        assert!(!err.contains('\n'));
    }
}
