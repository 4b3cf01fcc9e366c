//! The two dialects' spellings of one word: which words only one
//! dialect's dictionary knows, and their counterparts in the other
//! (`color` → `colour`, `organize` → `organise`, `defense` → `defence`,
//! `traveled` → `travelled`).

use super::data;
use crate::base::Dialect;

pub fn other(d: Dialect) -> Dialect {
    match d {
        Dialect::EnUs => Dialect::EnGb,
        Dialect::EnGb => Dialect::EnUs,
    }
}

/// Known only to `d`'s dictionary.
pub fn only_in(word: &str, d: Dialect) -> bool {
    data::word_forms(d).contains(word) && !data::word_forms(other(d)).contains(word)
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

/// The counterparts, in `dialect`, of a lower-case word only the other
/// dialect's dictionary knows; `None` when it is no such word.
pub fn of_other_dialect(lower: &str, dialect: Dialect) -> Option<Vec<String>> {
    let from = other(dialect);
    if NOT_MARKED.contains(&lower) || !only_in(lower, from) {
        return None;
    }
    let cands = counterparts(lower, from);
    (!cands.is_empty()).then_some(cands)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_dialects_spellings_have_counterparts() {
        assert_eq!(
            of_other_dialect("neighborhood", Dialect::EnGb),
            Some(vec!["neighbourhood".to_string()])
        );
        assert_eq!(
            of_other_dialect("neighbourhood", Dialect::EnUs),
            Some(vec!["neighborhood".to_string()])
        );
        assert_eq!(of_other_dialect("program", Dialect::EnGb), None);
        assert_eq!(of_other_dialect("colour", Dialect::EnGb), None);
        assert_eq!(of_other_dialect("troups", Dialect::EnUs), None);
    }
}
