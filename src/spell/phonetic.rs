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
    let codes = DoubleMetaphone::new(Some(KEY_LEN)).double_metaphone(&word.to_lowercase());
    let (primary, alternate) = (codes.primary(), codes.alternate());
    let mut out = vec![primary];
    if alternate != out[0] && !alternate.is_empty() {
        out.push(alternate);
    }
    out.retain(|k| !k.is_empty());
    out
}

/// Whether two words share a Double Metaphone key.
pub fn sound_alike(a: &str, b: &str) -> bool {
    let kb = keys(b);
    keys(a).iter().any(|k| kb.contains(k))
}

/// Calls `each` with every indexed form sharing a key with `word`
/// (forms of either dictionary: the caller keeps its dialect's).
pub fn each_sound_alike(word: &str, mut each: impl FnMut(&str)) {
    if word.chars().count() < 2 || !word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
        return;
    }
    let index = data::phonetic_index();
    for key in keys(word) {
        let from = format!("{key}\0");
        let to = format!("{key}\u{1}");
        let mut stream = index.range().ge(&from).lt(&to).into_stream();
        while let Some(entry) = stream.next() {
            if let Ok(form) = std::str::from_utf8(&entry[from.len()..]) {
                each(form);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alikes(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_sound_alike(word, |f| out.push(f.to_string()));
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
    }
}
