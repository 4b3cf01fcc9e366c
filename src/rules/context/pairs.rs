//! What kind of pair a written word and a candidate make, and the evidence
//! each kind needs on top of its source's margin. Read from a copy
//! editor's verdicts on every warning the rule raised on real news copy
//! (see `dictionaries/context/README.md`): in real copy, where slips are
//! rare, most warnings between two function words (`on`/`in`, `if`/`of`)
//! or two forms of one word (`had`/`has`, `emerges`/`emerged`) were wrong,
//! a number before a noun was read as `to` (`offered two round-trip
//! tickets`), and a possessive as a contraction (`its free service`).

/// Extra margin (log10) for a slip between two function words
/// (`his`/`this`, `on`/`in`, `nor`/`not`): the model, learnt from speech,
/// swaps them on thin evidence.
pub(super) const FUNCTION_SLIP: f32 = 0.3;
/// Extra margin for two forms of one word (`had`/`has`, `raised`/`raises`):
/// tense and number are choices the window rarely settles.
pub(super) const SAME_WORD: f32 = 0.5;
/// What the words after must favour a candidate by, on their own, when the
/// pair is a number and `to`/`too` (`two new funds`, not `to new funds`):
/// a number is followed by what it counts, `to` by a verb.
pub(super) const RIGHT_FOR_NUMBER: f32 = 1.0;
/// The same for a possessive and a contraction (`its`/`it's`): only what
/// follows tells a noun (`its free service`) from a verb (`it's worth`).
pub(super) const RIGHT_FOR_CONTRACTION: f32 = 0.5;

/// Closed-class words: articles, pronouns, prepositions, conjunctions,
/// auxiliaries and small numbers. Sorted (a test checks it).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "all", "although", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "below", "both", "but", "by", "can", "could", "did", "do", "does", "done",
    "down", "each", "eight", "either", "every", "five", "for", "four", "from", "had", "has",
    "have", "having", "he", "he's", "her", "here", "hers", "him", "his", "i", "i'm", "if", "in",
    "into", "is", "it", "it's", "its", "may", "me", "might", "mine", "must", "my", "neither",
    "nine", "no", "nor", "not", "now", "of", "off", "on", "one", "onto", "or", "our", "ours",
    "out", "over", "own", "seven", "shall", "she", "she's", "should", "six", "so", "some", "such",
    "ten", "than", "that", "that's", "the", "their", "theirs", "them", "then", "there", "there's",
    "these", "they", "they're", "this", "those", "though", "three", "through", "to", "too", "two",
    "under", "up", "us", "was", "we", "we're", "were", "what", "when", "where", "whether", "which",
    "while", "who", "who's", "whom", "whose", "will", "with", "within", "without", "would", "yet",
    "you", "you're", "your", "yours",
];

/// Number words that stand before what they count.
const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "hundred", "thousand", "million", "billion",
];

/// Possessives and the contractions that sound like them.
const CONTRACTIONS: &[[&str; 2]] = &[
    ["its", "it's"],
    ["your", "you're"],
    ["their", "they're"],
    ["whose", "who's"],
];

/// Verbs (and nouns) whose forms no suffix rule relates, one word a row.
const IRREGULAR: &[&[&str]] = &[
    &["have", "has", "had", "having"],
    &["be", "is", "are", "was", "were", "been", "being", "am"],
    &["do", "does", "did", "done", "doing"],
    &["give", "gives", "gave", "given", "giving"],
    &["take", "takes", "took", "taken", "taking"],
    &["go", "goes", "went", "gone", "going"],
    &["make", "makes", "made", "making"],
    &["come", "comes", "came", "coming"],
    &["see", "sees", "saw", "seen", "seeing"],
    &["get", "gets", "got", "gotten", "getting"],
    &["say", "says", "said", "saying"],
    &["know", "knows", "knew", "known", "knowing"],
    &["eat", "eats", "ate", "eaten", "eating"],
    &["sink", "sinks", "sank", "sunk", "sinking"],
    &["rise", "rises", "rose", "risen", "rising"],
    &["write", "writes", "wrote", "written", "writing"],
    &["fall", "falls", "fell", "fallen", "falling"],
    &["win", "wins", "won", "winning"],
    &["run", "runs", "ran", "running"],
    &["sell", "sells", "sold", "selling"],
    &["tell", "tells", "told", "telling"],
    &["find", "finds", "found", "finding"],
    &["think", "thinks", "thought", "thinking"],
    &["lose", "loses", "lost", "losing"],
];

pub(super) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// What kind of pair a written word and a candidate make, as far as
/// the evidence they need goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A number and `to` or `too`.
    NumberTo,
    /// A possessive and its contraction.
    Contraction,
    /// Two function words.
    Function,
    /// Anything else.
    Other,
}

fn kind(written: &str, candidate: &str) -> Kind {
    let to = |w: &str| w == "to" || w == "too";
    let number = |w: &str| NUMBERS.contains(&w);
    if (number(written) && to(candidate)) || (to(written) && number(candidate)) {
        Kind::NumberTo
    } else if CONTRACTIONS
        .iter()
        .any(|p| p.contains(&written) && p.contains(&candidate))
    {
        Kind::Contraction
    } else if is_function_word(written) && is_function_word(candidate) {
        Kind::Function
    } else {
        Kind::Other
    }
}

/// What `candidate` must win by over `written` (both lower case,
/// apostrophes straight) on top of its source's margin; `slip`: whether it
/// is a slip candidate rather than from a confusion set or a homophone.
pub(super) fn margin(written: &str, candidate: &str, slip: bool) -> f32 {
    let function = if slip && kind(written, candidate) == Kind::Function {
        FUNCTION_SLIP
    } else {
        0.0
    };
    let forms = if same_word(written, candidate) {
        SAME_WORD
    } else {
        0.0
    };
    function + forms
}

/// What the words after the candidate must favour it by on their own, for
/// pairs only they can settle.
pub(super) fn right_evidence(written: &str, candidate: &str) -> Option<f32> {
    match kind(written, candidate) {
        Kind::NumberTo => Some(RIGHT_FOR_NUMBER),
        Kind::Contraction => Some(RIGHT_FOR_CONTRACTION),
        _ => None,
    }
}

/// Whether `a` and `b` are forms of one word: an irregular verb's forms,
/// or one stem with inflectional endings (`raised`/`raises`,
/// `emerges`/`emerged`, `spokesmen`/`spokesman`, `carried`/`carries`).
pub(super) fn same_word(a: &str, b: &str) -> bool {
    if IRREGULAR
        .iter()
        .any(|forms| forms.contains(&a) && forms.contains(&b))
    {
        return true;
    }
    let (sa, sb) = (stems(a), stems(b));
    sa.iter().any(|s| sb.contains(s))
}

/// The stems `word` may be an inflection of, itself included: endings
/// `s`, `es`, `ed`, `d`, `ing`, `'s` (with a final `e` restored and a
/// doubled consonant undone before `ed`/`ing`), `ies`/`ied` from `y`,
/// `men` from `man`.
fn stems(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if let Some(stem) = word.strip_suffix("men") {
        out.push(format!("{stem}man"));
    }
    if let Some(stem) = word.strip_suffix("'s") {
        out.push(stem.to_string());
    }
    for ending in ["s", "es", "ed", "d", "ing"] {
        let Some(stem) = word.strip_suffix(ending).filter(|s| s.len() >= 3) else {
            continue;
        };
        out.push(stem.to_string());
        if ending == "ed" || ending == "ing" {
            out.push(format!("{stem}e"));
            let b = stem.as_bytes();
            if b[b.len() - 1] == b[b.len() - 2] {
                out.push(stem[..stem.len() - 1].to_string());
            }
        }
    }
    for ending in ["ies", "ied"] {
        if let Some(stem) = word.strip_suffix(ending).filter(|s| s.len() >= 2) {
            out.push(format!("{stem}y"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_word_list_is_sorted_for_binary_search() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_function_word("the") && is_function_word("it's"));
        assert!(!is_function_word("land"));
    }

    #[test]
    fn forms_of_one_word_are_recognised() {
        for (a, b) in [
            ("had", "has"),
            ("raised", "raises"),
            ("emerges", "emerged"),
            ("dismisses", "dismissed"),
            ("spokesmen", "spokesman"),
            ("carried", "carries"),
            ("stopped", "stopping"),
            ("gave", "give"),
        ] {
            assert!(same_word(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("gave", "have"),
            ("form", "from"),
            ("tones", "tonnes"),
            ("thee", "the"),
            ("issuers", "issues"),
            ("bee", "been"),
        ] {
            assert!(!same_word(a, b), "{a} {b}");
        }
    }

    #[test]
    fn pairs_are_classed() {
        assert_eq!(kind("two", "to"), Kind::NumberTo);
        assert_eq!(kind("too", "two"), Kind::NumberTo);
        assert_eq!(kind("its", "it's"), Kind::Contraction);
        assert_eq!(kind("on", "in"), Kind::Function);
        assert_eq!(kind("drowns", "drones"), Kind::Other);
        assert_eq!(right_evidence("two", "to"), Some(RIGHT_FOR_NUMBER));
        assert_eq!(right_evidence("its", "it's"), Some(RIGHT_FOR_CONTRACTION));
        assert_eq!(right_evidence("form", "from"), None);
        assert_eq!(margin("on", "in", true), FUNCTION_SLIP);
        assert_eq!(margin("on", "in", false), 0.0);
        assert_eq!(margin("had", "has", true), FUNCTION_SLIP + SAME_WORD);
        assert_eq!(margin("raised", "raises", true), SAME_WORD);
        assert_eq!(margin("drowns", "drones", true), 0.0);
    }
}
