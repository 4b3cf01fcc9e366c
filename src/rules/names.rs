//! Names: `names.unknown` (a capitalised word no list knows: info) and
//! `names.inconsistent` (one name spelled two ways in a story: warning).

use super::{Context, Rule, RuleInfo};
use crate::base::finding::{Finding, Severity};
use crate::spell::{case_of, channel::distance, data, Case};
use crate::text::token::{curl_if, straighten};
use crate::words::{Verdict, Word};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub struct UnknownName;

static UNKNOWN: RuleInfo = RuleInfo {
    id: "names.unknown",
    severity: Severity::Info,
    summary: Cow::Borrowed("A capitalised word no dictionary or lexicon knows: check the name."),
    doc: Cow::Borrowed(
        "Lists capitalised and all-caps words that neither the dictionary, the news lexicon nor \
the newsroom's word lists know. News is full of names no dictionary has, so these are never \
errors: they are a checklist for the copy editor. Add a desk's regular names with `--words`.\n\
Example: `General Qassem Soleimani` with an empty lexicon lists `Qassem` and `Soleimani`.",
    ),
};

impl Rule for UnknownName {
    fn info(&self) -> &RuleInfo {
        &UNKNOWN
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for word in cx
            .words
            .words
            .iter()
            .filter(|w| *w.verdict() == Verdict::Name)
        {
            let written = &cx.text()[word.span()];
            out.push(UNKNOWN.finding(
                word.span(),
                format!("`{written}` is not in the dictionary or the news lexicon: check the name"),
            ));
        }
    }
}

pub struct Inconsistent;

static INCONSISTENT: RuleInfo = RuleInfo {
    id: "names.inconsistent",
    severity: Severity::Warning,
    summary: Cow::Borrowed("One name spelled two ways in the same story."),
    doc: Cow::Borrowed(
        "Finds a name written two ways in one story: an unknown capitalised word one or two \
letters from another name in the story (`Soleimani` … `Soliemani`), or two accepted spellings \
of the same name from the lexicon's variant groups (`Kyiv` … `Kiev`). The rarer spelling is \
flagged and the other suggested; readers notice a name that changes mid-story.\n\
Bad:  General Qassem Soleimani … Soliemani's killing\n\
Good: General Qassem Soleimani … Soleimani's killing",
    ),
};

/// Variant groups from the lexicon: each spelling's group number.
fn variant_groups() -> &'static HashMap<String, usize> {
    static CELL: OnceLock<HashMap<String, usize>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map = HashMap::new();
        let groups = data::VARIANTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for (i, line) in groups.enumerate() {
            for variant in line.split('|').map(str::trim).filter(|v| !v.is_empty()) {
                map.insert(straighten(variant).into_owned(), i);
            }
        }
        map
    })
}

struct Form<'a> {
    count: usize,
    first: usize,
    unknown: bool,
    words: Vec<&'a Word>,
}

impl Rule for Inconsistent {
    fn info(&self) -> &RuleInfo {
        &INCONSISTENT
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // Capitalised words of the story, by spelling (possessives folded).
        let mut forms: HashMap<&str, Form> = HashMap::new();
        for (i, w) in cx.words.words.iter().enumerate() {
            let base = w.base();
            if case_of(base) != Case::Title
                || base.chars().count() < 4
                || matches!(w.verdict(), Verdict::Misspelt(_))
            {
                continue;
            }
            let form = forms.entry(base).or_insert(Form {
                count: 0,
                first: i,
                unknown: false,
                words: Vec::new(),
            });
            form.count += 1;
            form.unknown |= *w.verdict() == Verdict::Name;
            form.words.push(w);
        }
        let mut keys: Vec<&str> = forms.keys().copied().collect();
        keys.sort_by_key(|k| forms[k].first);
        let mut flagged: HashMap<&str, &str> = HashMap::new();
        let unknown: Vec<bool> = keys.iter().map(|k| forms[k].unknown).collect();
        for (i, j) in candidate_pairs(&keys, &unknown) {
            let (a, b) = (keys[i], keys[j]);
            let (fa, fb) = (&forms[a], &forms[b]);
            let groups = variant_groups();
            let same_group = groups.get(a).is_some_and(|g| groups.get(b) == Some(g));
            let near = (fa.unknown || fb.unknown) && close(a, b);
            if !(same_group || near) {
                continue;
            }
            // Flag the rarer spelling; on a tie the one no list knows,
            // else the later one.
            let b_is_odd = match fa.count.cmp(&fb.count) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal => fb.unknown || !fa.unknown,
            };
            let (odd, usual) = if b_is_odd { (b, a) } else { (a, b) };
            flagged.entry(odd).or_insert(usual);
        }
        for (odd, usual) in flagged {
            for w in &forms[odd].words {
                let written = &cx.text()[w.span()];
                let suffix = &w.text()[w.base().len()..];
                let fix = format!("{usual}{suffix}");
                let fix = curl_if(&fix, w.curly);
                out.push(
                    INCONSISTENT
                        .finding(
                            w.span(),
                            format!("`{written}` is spelled `{usual}` elsewhere in this story"),
                        )
                        .with_suggestions(vec![fix]),
                );
            }
        }
    }
}

/// Pairs `(i, j)`, `i < j`, of `keys` that may be one name: members of one
/// variant group, or spellings sharing a deletion variant (every pair within
/// one edit shares a one-letter deletion; within two, a two-letter one) of
/// which at least one is `unknown` (two known spellings are one name only
/// through a variant group) and both start with the same letter (see
/// [`close`]). Indexing deletions keeps a story with thousands of names
/// linear, where comparing every pair would be quadratic; only unknown
/// spellings are indexed, and known ones looked up in that index.
fn candidate_pairs(keys: &[&str], unknown: &[bool]) -> Vec<(usize, usize)> {
    let groups = variant_groups();
    let mut pairs = Vec::new();
    let mut by_group: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(&g) = groups.get(*key) {
            by_group.entry(g).or_default().push(i);
        }
    }
    // As `close` compares them.
    let first = |key: &str| key.to_lowercase().chars().next();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    let mut unknown_firsts: HashSet<char> = HashSet::new();
    for (i, key) in keys.iter().enumerate().filter(|&(i, _)| unknown[i]) {
        unknown_firsts.extend(first(key));
        each_deletion_variant(key, |v| match index.get_mut(v) {
            Some(members) if members.last() == Some(&i) => {}
            Some(members) => members.push(i),
            None => {
                index.insert(v.to_string(), vec![i]);
            }
        });
    }
    for (i, key) in keys.iter().enumerate().filter(|&(i, _)| !unknown[i]) {
        if !first(key).is_some_and(|f| unknown_firsts.contains(&f)) {
            continue;
        }
        each_deletion_variant(key, |v| {
            for &j in index.get(v).into_iter().flatten() {
                pairs.push((i.min(j), i.max(j)));
            }
        });
    }
    for members in index.values().chain(by_group.values()) {
        for (n, &i) in members.iter().enumerate() {
            pairs.extend(members[n + 1..].iter().map(|&j| (i.min(j), i.max(j))));
        }
    }
    pairs.retain(|(i, j)| i != j);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Calls `each` with a name, lower-cased, and its one-letter deletions (and
/// two-letter ones for long names), some more than once; with nothing for
/// names too short or too long to compare. One buffer serves them all.
fn each_deletion_variant(key: &str, mut each: impl FnMut(&str)) {
    let lower: Vec<char> = key.to_lowercase().chars().collect();
    let n = lower.len();
    if !(MIN_NAME_LEN..=40).contains(&n) {
        return;
    }
    let mut buf = String::with_capacity(key.len() + 4);
    let mut emit = |skip: [usize; 2]| {
        buf.clear();
        buf.extend(
            lower
                .iter()
                .enumerate()
                .filter(|(i, _)| !skip.contains(i))
                .map(|(_, c)| c),
        );
        each(&buf);
    };
    emit([n, n]);
    for d in 0..n {
        emit([d, n]);
        if n >= LONG_NAME_LEN {
            for e in d + 1..n {
                emit([d, e]);
            }
        }
    }
}

/// Names at least this long may differ by two edits and still be one name.
const LONG_NAME_LEN: usize = 8;

/// Shortest name compared by spelling: shorter names one letter apart are
/// too often two real names (`Tokyo`, `Tokyu`; `Iran`, `Iraq`).
const MIN_NAME_LEN: usize = 6;

/// Two spellings close enough to be one name: one edit apart (two for long
/// names), the same first letter (`Hayne` and `Wayne` are two people), and
/// not a plural or a possessive of the other.
fn close(a: &str, b: &str) -> bool {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    if la == lb || la.strip_suffix('s') == Some(&lb) || lb.strip_suffix('s') == Some(&la) {
        return false;
    }
    if la.chars().count().min(lb.chars().count()) < MIN_NAME_LEN
        || la.chars().next() != lb.chars().next()
    {
        return false;
    }
    let limit = if la.chars().count().min(lb.chars().count()) >= LONG_NAME_LEN {
        2
    } else {
        1
    };
    distance(&la, &lb) <= limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::check_rule;

    fn flagged(rule: &dyn Rule, text: &str) -> Vec<(String, Vec<String>)> {
        check_rule(rule, text)
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.suggestions))
            .collect()
    }

    #[test]
    fn unknown_names_are_info() {
        let text = "Officials named Zbigniewska as the new envoy.";
        let found = check_rule(&UnknownName, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(&text[found[0].span.clone()], "Zbigniewska");
    }

    #[test]
    fn a_misspelt_name_is_flagged_on_the_unknown_spelling() {
        let text = "General Qassem Soleimani was killed. Soleimani led the force. Officials mourned Soliemani’s death.";
        assert_eq!(
            flagged(&Inconsistent, text),
            vec![("Soliemani’s".to_string(), vec!["Soleimani’s".to_string()])]
        );
    }

    #[test]
    fn two_accepted_variants_are_flagged_on_the_rarer() {
        let text = "Kyiv said the talks in Kyiv went well, but Kiev denied it.";
        assert_eq!(
            flagged(&Inconsistent, text),
            vec![("Kiev".to_string(), vec!["Kyiv".to_string()])]
        );
    }

    #[test]
    fn the_rarer_spelling_is_flagged_even_when_it_is_the_known_one() {
        let text = "Bruford led the survey. Bruford said the count rose. Buford added a caveat.";
        assert_eq!(
            flagged(&Inconsistent, text),
            vec![("Buford".to_string(), vec!["Bruford".to_string()])]
        );
    }

    #[test]
    fn different_names_and_plurals_are_left_alone() {
        assert_eq!(
            flagged(
                &Inconsistent,
                "Tokyu Group and Tokyo Electric. Clinton Hayne met Wayne Brown."
            ),
            vec![]
        );
        assert_eq!(
            flagged(
                &Inconsistent,
                "Iran and Iraq met. The Houthi leader and the Houthis agreed."
            ),
            vec![]
        );
        assert_eq!(
            flagged(&Inconsistent, "Zbigniewska met Zbigniewskas."),
            vec![]
        );
    }
}
