//! The vendored data, embedded in the binary: word forms of each dialect's
//! Hunspell dictionary, the news lexicon and word frequencies as `fst`
//! sets and maps (compiled by `build.rs`), and the Hunspell files themselves.

use super::edits::Reach;
use crate::base::Dialect;
use fst::{Map, Set};
use std::sync::OnceLock;

type StaticSet = Set<&'static [u8]>;

static EN_US: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_US.fst"));
static EN_GB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_GB.fst"));
static EN_US_NOSUGGEST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_US_nosuggest.fst"));
static EN_GB_NOSUGGEST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_GB_nosuggest.fst"));
static EN_US_CAPS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_US_caps.fst"));
static EN_GB_CAPS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_GB_caps.fst"));
static EN_US_REACH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_US.reach"));
static EN_GB_REACH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_GB.reach"));
static EN_US_CAPS_REACH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_US_caps.reach"));
static EN_GB_CAPS_REACH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_GB_caps.reach"));
static PHONETIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phonetic.fst"));
static LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));
static LEXICON_LOWER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_lower.fst"));
static TYPOS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typos.fst"));
static TYPO_FIXES: &str = include_str!(concat!(env!("OUT_DIR"), "/typos.txt"));
static FREQ: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freq.fst"));

pub static EN_US_AFF: &[u8] = include_bytes!("../../dictionaries/en_US/en_US.aff");
pub static EN_US_DIC: &[u8] = include_bytes!("../../dictionaries/en_US/en_US.dic");
pub static EN_GB_AFF: &[u8] = include_bytes!("../../dictionaries/en_GB/en_GB.aff");
pub static EN_GB_DIC: &[u8] = include_bytes!("../../dictionaries/en_GB/en_GB.dic");
pub static EN_AU_AFF: &[u8] = include_bytes!("../../dictionaries/en_AU/en_AU.aff");
pub static EN_AU_DIC: &[u8] = include_bytes!("../../dictionaries/en_AU/en_AU.dic");
pub static EN_CA_AFF: &[u8] = include_bytes!("../../dictionaries/en_CA/en_CA.aff");
pub static EN_CA_DIC: &[u8] = include_bytes!("../../dictionaries/en_CA/en_CA.dic");
pub static EN_ZA_AFF: &[u8] = include_bytes!("../../dictionaries/en_ZA/en_ZA.aff");
pub static EN_ZA_DIC: &[u8] = include_bytes!("../../dictionaries/en_ZA/en_ZA.dic");

/// Groups of accepted spellings of one name (`Kyiv | Kiev`), one a line.
pub static VARIANTS: &str = include_str!("../../dictionaries/lexicon/variants.txt");

fn set(cell: &'static OnceLock<StaticSet>, bytes: &'static [u8]) -> &'static StaticSet {
    cell.get_or_init(|| Set::new(bytes).expect("embedded fst set is valid"))
}

/// Every word form the dialect's dictionary accepts, as written there (for
/// a dialect Hunspell checks at run time, its embedded neighbour's forms,
/// a candidate list only).
pub fn word_forms(dialect: Dialect) -> &'static StaticSet {
    static US: OnceLock<StaticSet> = OnceLock::new();
    static GB: OnceLock<StaticSet> = OnceLock::new();
    match dialect.embedded() {
        Dialect::EnUs => set(&US, EN_US),
        _ => set(&GB, EN_GB),
    }
}

/// Forms the dictionary accepts but never suggests (slurs, obscenities).
pub fn never_suggest(dialect: Dialect) -> &'static StaticSet {
    static US: OnceLock<StaticSet> = OnceLock::new();
    static GB: OnceLock<StaticSet> = OnceLock::new();
    match dialect.embedded() {
        Dialect::EnUs => set(&US, EN_US_NOSUGGEST),
        _ => set(&GB, EN_GB_NOSUGGEST),
    }
}

/// The dialect's capitalised forms (`February`, `Monday`), lower-cased:
/// what a lower-case misspelling may have meant.
pub fn capitalised_lower(dialect: Dialect) -> &'static StaticSet {
    static US: OnceLock<StaticSet> = OnceLock::new();
    static GB: OnceLock<StaticSet> = OnceLock::new();
    match dialect.embedded() {
        Dialect::EnUs => set(&US, EN_US_CAPS),
        _ => set(&GB, EN_GB_CAPS),
    }
}

/// What lies below each state of [`word_forms`] (see `spell::reach`).
pub fn word_forms_reach(dialect: Dialect) -> Reach<'static> {
    match dialect.embedded() {
        Dialect::EnUs => Reach::new(EN_US_REACH),
        _ => Reach::new(EN_GB_REACH),
    }
}

/// What lies below each state of [`capitalised_lower`].
pub fn capitalised_reach(dialect: Dialect) -> Reach<'static> {
    match dialect.embedded() {
        Dialect::EnUs => Reach::new(EN_US_CAPS_REACH),
        _ => Reach::new(EN_GB_CAPS_REACH),
    }
}

/// The sound-alike index: `KEY\0form` for every form of both
/// dictionaries under its Double Metaphone keys (see `spell::phonetic`).
pub fn phonetic_index() -> &'static StaticSet {
    static CELL: OnceLock<StaticSet> = OnceLock::new();
    set(&CELL, PHONETIC)
}

/// Names of the news lexicon (places, people, organisations), as written.
pub fn lexicon() -> &'static StaticSet {
    static CELL: OnceLock<StaticSet> = OnceLock::new();
    set(&CELL, LEXICON)
}

/// The same names, lower-cased, for `NATO`/`Nato` and `BAGHDAD`/`Baghdad`.
pub fn lexicon_lower() -> &'static StaticSet {
    static CELL: OnceLock<StaticSet> = OnceLock::new();
    set(&CELL, LEXICON_LOWER)
}

/// Zipf frequency of a lower-case word (log10 of occurrences per billion
/// words), or `None` for a word outside the frequency list.
pub fn zipf(word: &str) -> Option<f32> {
    frequencies().get(word).map(|centi| centi as f32 / 100.0)
}

/// The frequency list: lower-case words and their Zipf frequencies in
/// hundredths.
pub fn frequencies() -> &'static Map<&'static [u8]> {
    static CELL: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    CELL.get_or_init(|| Map::new(FREQ).expect("embedded fst map is valid"))
}

/// typos-dict's corrections of a known misspelling (lower case), if it is
/// one: compiled into an fst by `build.rs`.
pub fn typo_fixes(lower: &str) -> Option<Vec<&'static str>> {
    static CELL: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    let map = CELL.get_or_init(|| Map::new(TYPOS).expect("embedded fst map is valid"));
    let start = map.get(lower)? as usize;
    let line = TYPO_FIXES.get(start..)?.split('\n').next()?;
    Some(line.split(',').filter(|f| !f.is_empty()).collect())
}
