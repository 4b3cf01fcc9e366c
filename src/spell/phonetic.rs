//! Sound-alikes: dictionary forms that sound like a misspelling, by their
//! Double Metaphone keys (the `rphonetic` crate, a port of Apache
//! commons-codec). `build.rs` indexes every form of both dictionaries under
//! its primary and alternate keys; a misspelling's keys find them
//! (`nessesity` and `necessity` are both `NSST`).

use super::data;
use fst::{IntoStreamer, Streamer};
use rphonetic::DoubleMetaphone;

/// The key length of the index (`build.rs` encodes with the same).
const KEY_LEN: usize = 4;

/// The primary and alternate keys of `word` (lower-cased), the alternate
/// left out when it is the primary.
pub fn keys(word: &str) -> Vec<String> {
    if !encodable(word) {
        return Vec::new();
    }
    let codes = DoubleMetaphone::new(Some(KEY_LEN)).double_metaphone(&word.to_lowercase());
    let (primary, alternate) = (codes.primary(), codes.alternate());
    let mut out = vec![primary];
    if alternate != out[0] && !alternate.is_empty() {
        out.push(alternate);
    }
    out.retain(|k| !k.is_empty());
    out
}

/// The primary and alternate keys of `word` at full length (the index's
/// four letters find candidates; the whole key says they sound alike).
pub fn full_keys(word: &str) -> Vec<String> {
    if !encodable(word) {
        return Vec::new();
    }
    let codes = DoubleMetaphone::new(None).double_metaphone(&word.to_lowercase());
    let mut out = vec![codes.primary(), codes.alternate()];
    out.dedup();
    out.retain(|k| !k.is_empty());
    out
}

/// Whether the encoder takes `word`: ASCII letters and apostrophes only
/// (it slices its input by bytes, and panics inside a multi-byte letter).
fn encodable(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
}

/// Whether two words share a whole Double Metaphone key.
pub fn sound_alike(a: &str, b: &str) -> bool {
    let kb = full_keys(b);
    full_keys(a).iter().any(|k| kb.contains(k))
}

/// Calls `each` with every indexed form sharing a four-letter key with
/// `word` (forms of either dictionary: the caller keeps its dialect's),
/// and whether it shares a whole key (sounds alike).
pub fn each_sound_alike(word: &str, mut each: impl FnMut(&str, bool)) {
    if word.chars().count() < 2 || !word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
        return;
    }
    let index = data::phonetic_index();
    let full = full_keys(word);
    for key in keys(word) {
        let from = format!("{key}\0");
        let to = format!("{key}\u{1}");
        let mut stream = index.range().ge(&from).lt(&to).into_stream();
        while let Some(entry) = stream.next() {
            let rest = &entry[from.len()..];
            let Some(cut) = rest.iter().position(|&b| b == 0) else {
                continue;
            };
            if let (Ok(key), Ok(form)) = (
                std::str::from_utf8(&rest[..cut]),
                std::str::from_utf8(&rest[cut + 1..]),
            ) {
                each(form, full.iter().any(|k| k == key));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alikes(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_sound_alike(word, |f, _| out.push(f.to_string()));
        out
    }

    #[test]
    fn misspellings_find_the_words_they_sound_like() {
        assert!(alikes("nessesity").contains(&"necessity".to_string()));
        assert!(alikes("sirkus").contains(&"circus".to_string()));
        assert!(alikes("troups").contains(&"troops".to_string()));
        assert!(sound_alike("troups", "troops"));
        assert!(!sound_alike("troups", "groups"));
        assert!(alikes("x").is_empty());
        assert!(alikes("müller").is_empty());
        // Letters the encoder cannot take never reach it.
        assert!(keys("THÉ").is_empty() && full_keys("Müller").is_empty());
        assert!(!sound_alike("thé", "the"));
    }
}
