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
    // `partys`: a consonant and `y` take `ies` (`parties`), when the
    // dictionary has that form (`standbys` stays a plural).
    let takes_ies = |b: &str| {
        b.strip_suffix('y').is_some_and(|stem| {
            !vowel_end(stem) && !stem.is_empty() && speller.knows_fast(&format!("{stem}ies"))
        })
    };
    let fits = |base: &str, ending: &str| match ending {
        "s" => !base.ends_with('s') && !sibilant(base) && !base.ends_with("ed") && !takes_ies(base),
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

/// Prefixes English builds words with freely (`nanoruler`,
/// `subindustry`, `overprescribed`).
const PREFIXES: &[&str] = &[
    "anti", "bio", "counter", "cryo", "eco", "electro", "geo", "giga", "hydro", "hyper", "immuno",
    "inter", "intra", "macro", "mega", "micro", "mini", "multi", "nano", "neo", "neuro", "non",
    "over", "palaeo", "paleo", "photo", "poly", "post", "pre", "pseudo", "semi", "sub", "super",
    "tele", "trans", "ultra", "under",
];

/// Derivational endings English adds to words (`graffitist`,
/// `corporatised`, `continuingly`), with the `e` a stem may drop.
const SUFFIXES: &[&str] = &[
    "ist", "ists", "ism", "isms", "ly", "ness", "ity", "ise", "ised", "ises", "ising", "ize",
    "ized", "izes", "izing", "isation", "ization", "less", "ful", "wide",
];

/// Whether `word` is a word English builds regularly from known ones: a
/// prefix and a known word, two known words of four letters or more run
/// together (`woolgrowers`, `saleyards`), or a known word and a
/// derivational ending. Such a word is far more often a term than a slip.
pub fn derived(word: &str, speller: &Speller) -> bool {
    let known = |w: &str, min: usize| w.chars().count() >= min && speller.knows_fast(w);
    if PREFIXES
        .iter()
        .any(|p| word.strip_prefix(p).is_some_and(|rest| known(rest, 3)))
    {
        return true;
    }
    let compound = word
        .char_indices()
        .skip(4)
        .any(|(i, _)| known(&word[..i], 4) && known(&word[i..], 4));
    compound
        || SUFFIXES.iter().any(|s| {
            word.strip_suffix(s).is_some_and(|stem| {
                known(stem, 4) || (stem.len() >= 4 && known(&format!("{stem}e"), 4))
            })
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
        for word in ["storages", "thinnings", "prized", "fermenter", "standbys"] {
            assert!(regular_inflection(word, &s), "{word}");
        }
        // An ending that does not fit the word, a doubled letter, a short stem.
        for word in ["planetes", "residentd", "cowss", "cats", "partys"] {
            assert!(!regular_inflection(word, &s), "{word}");
        }
    }

    #[test]
    fn words_english_builds_are_derived() {
        let s = Speller::new(crate::base::Dialect::EnGb, Default::default());
        for word in [
            "nanoruler",
            "woolgrowers",
            "saleyards",
            "continuingly",
            "corporatised",
        ] {
            assert!(derived(word, &s), "{word}");
        }
        for word in ["goverment", "nessesity", "febuary", "recieve"] {
            assert!(!derived(word, &s), "{word}");
        }
    }
}
