//! Word forms: whether two words are forms of one another, and whether an
//! unknown word is a known word with a regular ending.

use super::Speller;

/// Whether two words are forms of one another (`leg`/`legs`,
/// `person's`/`persons`, `bore`/`bored`): a grammar question the model
/// judges poorly, and a frequent false alarm in tuning.
pub fn inflection(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let tail = long.strip_prefix(short);
    matches!(tail, Some("s" | "es" | "d" | "ed" | "'s" | "'"))
        || short.replace('\'', "") == long.replace('\'', "")
}

/// Whether `word` is a known word of four letters or more plus the regular
/// ending English spelling gives it (`storages`, `thinnings`, `prized`,
/// `trialing`, `fermenter`): far more often a form the dictionary lacks than
/// a keyboard slip. Endings that do not fit the word (`planetes`,
/// `residentd`, `pleadsed`) and doubled letters (`cowss`) stay slips.
pub fn regular_inflection(word: &str, speller: &Speller) -> bool {
    let known = |base: &str| base.chars().count() >= 4 && speller.knows_fast(base);
    let sibilant = |b: &str| {
        b.ends_with("ss") || b.ends_with(['x', 'z']) || b.ends_with("ch") || b.ends_with("sh")
    };
    let vowel_end = |b: &str| b.ends_with(['a', 'e', 'i', 'o', 'u']);
    let fits = |base: &str, ending: &str| match ending {
        "s" => !base.ends_with('s') && !sibilant(base) && !base.ends_with("ed"),
        "es" => sibilant(base),
        "d" => base.ends_with('e'),
        "ed" | "er" | "ers" => !vowel_end(base) && !base.ends_with('s'),
        "ing" => !base.ends_with('e') || base.ends_with("ee"),
        _ => false,
    };
    ["s", "es", "d", "ed", "ing", "er", "ers"]
        .iter()
        .any(|ending| {
            word.strip_suffix(ending)
                .is_some_and(|base| fits(base, ending) && known(base))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_recognised() {
        assert!(inflection("legs", "leg"));
        assert!(inflection("persons", "person's"));
        assert!(inflection("bore", "bored"));
        assert!(!inflection("trail", "trial"));
        assert!(!inflection("from", "form"));
    }

    #[test]
    fn regular_endings_on_known_words_are_inflections() {
        let s = Speller::new(crate::base::Dialect::EnGb, Default::default());
        for word in ["storages", "thinnings", "prized", "fermenter"] {
            assert!(regular_inflection(word, &s), "{word}");
        }
        // An ending that does not fit the word, a doubled letter, a short stem.
        for word in ["planetes", "residentd", "cowss", "cats"] {
            assert!(!regular_inflection(word, &s), "{word}");
        }
    }
}
