//! The two dialects' spellings of one word: which words only one
//! dialect's dictionary knows, and their counterparts in the other
//! (`color` → `colour`, `organize` → `organise`, `defense` → `defence`,
//! `traveled` → `travelled`).

use super::{data, Speller};
use crate::base::Dialect;

/// The other embedded dialect (the Hunspell-checked ones count as
/// British here, the family of their candidate list).
pub fn other(d: Dialect) -> Dialect {
    match d.embedded() {
        Dialect::EnUs => Dialect::EnGb,
        _ => Dialect::EnUs,
    }
}

/// Known only to `d`'s dictionary.
pub fn only_in(word: &str, d: Dialect) -> bool {
    data::word_forms(d).contains(word) && !data::word_forms(other(d)).contains(word)
}

/// The embedded dialect (en-US or en-GB) whose dictionary alone knows
/// `word`, if one does: [`only_in`] of both, each dictionary asked once.
pub fn known_only_to(word: &str) -> Option<Dialect> {
    let us = data::word_forms(Dialect::EnUs).contains(word);
    let gb = data::word_forms(Dialect::EnGb).contains(word);
    match (us, gb) {
        (true, false) => Some(Dialect::EnUs),
        (false, true) => Some(Dialect::EnGb),
        _ => None,
    }
}

/// Suffix and infix swaps from American to British spelling.
const US_TO_GB: &[(&str, &str)] = &[
    ("or", "our"),
    ("ors", "ours"),
    ("ored", "oured"),
    ("oring", "ouring"),
    ("orful", "ourful"),
    ("orable", "ourable"),
    ("orite", "ourite"),
    ("orites", "ourites"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("ization", "isation"),
    ("izations", "isations"),
    ("izer", "iser"),
    ("izers", "isers"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("yzes", "yses"),
    ("yzing", "ysing"),
    ("er", "re"),
    ("ers", "res"),
    ("ense", "ence"),
    ("enses", "ences"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("eler", "eller"),
    ("elers", "ellers"),
    ("aled", "alled"),
    ("aling", "alling"),
    ("og", "ogue"),
    ("ogs", "ogues"),
    ("gment", "gement"),
    ("gments", "gements"),
    ("ging", "geing"),
    ("am", "amme"),
    ("ams", "ammes"),
    ("ill", "il"),
    ("ills", "ils"),
    ("ollment", "olment"),
    ("ay", "ey"),
];

/// Whole-word pairs the suffix swaps miss.
const WORD_PAIRS: &[(&str, &str)] = &[
    ("tire", "tyre"),
    ("tires", "tyres"),
    ("plow", "plough"),
    ("plows", "ploughs"),
    ("mold", "mould"),
    ("molds", "moulds"),
    ("aluminum", "aluminium"),
    ("pajamas", "pyjamas"),
    ("mustache", "moustache"),
    ("cozy", "cosy"),
    ("skeptic", "sceptic"),
    ("skeptical", "sceptical"),
    ("maneuver", "manoeuvre"),
    ("maneuvers", "manoeuvres"),
    ("fetus", "foetus"),
    ("diarrhea", "diarrhoea"),
    ("anemia", "anaemia"),
    ("pediatric", "paediatric"),
    ("esophagus", "oesophagus"),
    ("estrogen", "oestrogen"),
    ("curb", "kerb"),
    ("jewelry", "jewellery"),
];

/// Words one dictionary lacks that are good in both dialects: `prized`
/// (valued) is not `prised` (levered); `judgment` is British legal usage.
pub const NOT_MARKED: &[&str] = &["prized", "judgment", "judgments", "program", "programs"];

/// The other dialect's counterparts of `lower`, written in `from`.
pub fn counterparts(lower: &str, from: Dialect) -> Vec<String> {
    let to = other(from);
    let mut out: Vec<String> = Vec::new();
    let mut push = |cand: String| {
        if cand != lower && only_in(&cand, to) && !out.contains(&cand) {
            out.push(cand);
        }
    };
    for &(us, gb) in WORD_PAIRS {
        let (a, b) = if from == Dialect::EnUs {
            (us, gb)
        } else {
            (gb, us)
        };
        if lower == a {
            push(b.to_string());
        }
    }
    for &(us, gb) in US_TO_GB {
        let (a, b) = if from == Dialect::EnUs {
            (us, gb)
        } else {
            (gb, us)
        };
        if let Some(stem) = lower.strip_suffix(a) {
            if stem.len() >= 2 {
                push(format!("{stem}{b}"));
            }
        }
    }
    // Inside a word: defense → defence, neighborhood → neighbourhood,
    // organizational → organisational (and back). Each place is tried on
    // its own; only a spelling the other dictionary alone knows is kept.
    for (us, gb) in [("ense", "ence"), ("or", "our"), ("iz", "is"), ("yz", "ys")] {
        let (a, b) = if from == Dialect::EnUs {
            (us, gb)
        } else {
            (gb, us)
        };
        for (i, _) in lower.match_indices(a) {
            push(format!("{}{b}{}", &lower[..i], &lower[i + a.len()..]));
        }
    }
    out
}

/// The counterparts `speller`'s dictionary takes for `lower`, a word only
/// `from`'s embedded dictionary knows; none when it takes `lower` itself.
/// An embedded dialect takes its own spellings; a dialect Hunspell checks
/// at run time (en-AU, en-CA, en-ZA) is asked word by word, so en-CA's
/// `colour` and `organize` are both its own, and its `color` and
/// `organise` are the other dialects'.
pub fn for_speller(lower: &str, from: Dialect, speller: &Speller) -> Vec<String> {
    if speller.dialect == from {
        return Vec::new();
    }
    let mut cands = counterparts(lower, from);
    if !speller.dialect.is_embedded() {
        if speller.in_dictionary(lower) {
            return Vec::new();
        }
        cands.retain(|c| speller.in_dictionary(c));
    }
    cands
}

/// The counterparts, in `speller`'s dialect, of a lower-case word only
/// the other dialect's dictionary knows; `None` when it is no such word.
pub fn of_other_dialect(lower: &str, speller: &Speller) -> Option<Vec<String>> {
    if NOT_MARKED.contains(&lower) {
        return None;
    }
    known_only_to(lower)
        .map(|from| for_speller(lower, from, speller))
        .filter(|cands| !cands.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_only_to_is_only_in_of_either() {
        for word in [
            "color", "colour", "the", "organise", "organize", "qxzv", "theater",
        ] {
            let either = [Dialect::EnUs, Dialect::EnGb]
                .into_iter()
                .find(|&d| only_in(word, d));
            assert_eq!(known_only_to(word), either, "{word}");
        }
    }

    #[test]
    fn the_other_dialects_spellings_have_counterparts() {
        let gb = Speller::new(Dialect::EnGb, Default::default());
        let us = Speller::new(Dialect::EnUs, Default::default());
        assert_eq!(
            of_other_dialect("neighborhood", &gb),
            Some(vec!["neighbourhood".to_string()])
        );
        assert_eq!(
            of_other_dialect("neighbourhood", &us),
            Some(vec!["neighborhood".to_string()])
        );
        assert_eq!(of_other_dialect("program", &gb), None);
        assert_eq!(of_other_dialect("colour", &gb), None);
        assert_eq!(of_other_dialect("troups", &us), None);
    }

    #[test]
    fn a_run_time_dictionary_decides_which_spellings_are_its_own() {
        let ca = Speller::new(Dialect::EnCa, Default::default());
        assert_eq!(of_other_dialect("color", &ca), Some(vec!["colour".into()]));
        assert_eq!(
            of_other_dialect("organise", &ca),
            Some(vec!["organize".into()])
        );
        assert_eq!(of_other_dialect("organize", &ca), None);
        assert_eq!(of_other_dialect("colour", &ca), None);
        let au = Speller::new(Dialect::EnAu, Default::default());
        assert_eq!(of_other_dialect("color", &au), Some(vec!["colour".into()]));
        assert_eq!(
            of_other_dialect("organize", &au),
            Some(vec!["organise".into()])
        );
        let za = Speller::new(Dialect::EnZa, Default::default());
        // The en-ZA dictionary takes -ize as well as -ise: not flagged.
        assert_eq!(of_other_dialect("organize", &za), None);
        assert_eq!(of_other_dialect("color", &za), Some(vec!["colour".into()]));
    }
}
