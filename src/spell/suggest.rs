//! Suggestions for a misspelt word, best first, without Hunspell's slow
//! `suggest`. Candidates come from typos-dict's list of real misspellings,
//! from every dictionary form one edit away (or two, found by walking the
//! word-form fst), and from words the story itself uses. Each is scored as a
//! noisy channel: how common the word is (Zipf frequency) plus how likely
//! the slip is on a keyboard, with a bonus for words the story already
//! uses. Capitalised words one slip away and two words run together are
//! the last resort.

use super::keyboard::adjacent;
use super::{data, match_case, Speller};
use std::collections::HashMap;

/// Lower-case words the story uses, with their counts.
pub type StoryWords = HashMap<String, usize>;

const MAX_SUGGESTIONS: usize = 5;
/// Zipf frequency assumed for a dictionary word outside the frequency list.
pub const RARE_ZIPF: f32 = 1.0;
const STORY_BONUS: f32 = 2.0;
const TYPOS_DICT_BONUS: f32 = 1.0;
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz'";

/// A candidate correction with its score: the log10 likelihood that the
/// writer meant it (its Zipf frequency plus the slip's channel cost plus
/// bonuses), comparable with the Zipf frequency of the written word.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub word: String,
    pub score: f32,
}

/// The ranked candidates for `word`, and whether the word is a known
/// misspelling (typos-dict lists it).
pub struct Ranked {
    pub candidates: Vec<Candidate>,
    pub known_typo: bool,
}

/// Suggestions for `word` (apostrophes straight), best first, in the
/// word's own capitals.
pub fn suggest(speller: &Speller, word: &str, story: &StoryWords) -> Vec<String> {
    rank(speller, word, story)
        .candidates
        .into_iter()
        .map(|c| c.word)
        .collect()
}

/// typos-dict's corrections of a known misspelling, if it is one.
pub fn known_typo(lower: &str) -> Option<Vec<&'static str>> {
    data::typo_fixes(lower)
}

/// Longest word newslint looks for corrections of: past it, a "word" is a
/// code, a run of letters or junk, and edits would cost quadratic time.
pub const MAX_WORD_CHARS: usize = 40;

pub fn rank(speller: &Speller, word: &str, story: &StoryWords) -> Ranked {
    let lower = word.to_lowercase();
    if lower.chars().count() > MAX_WORD_CHARS {
        return Ranked {
            candidates: Vec::new(),
            known_typo: false,
        };
    }
    let mut scored: HashMap<String, f32> = HashMap::new();
    let never = data::never_suggest(speller.dialect);
    // `within_two`: the candidate is at most two edits away, so no
    // distance needs counting when no single slip explains it.
    let mut add = |cand: &str, bonus: f32, within_two: bool| {
        if cand == lower || never.contains(cand) {
            return;
        }
        let channel = match one_slip(&lower, cand) {
            Some(cost) => cost,
            None if within_two => far_channel(2),
            None => far_channel(distance(&lower, cand)),
        };
        let score = channel + zipf(cand) + bonus;
        let entry = scored.entry(cand.to_string()).or_insert(f32::MIN);
        *entry = entry.max(score);
    };

    let typo_fixes = known_typo(&lower);
    for fix in typo_fixes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|f| speller.knows_fast(f))
    {
        add(&fix.to_lowercase(), TYPOS_DICT_BONUS, false);
    }
    let forms = speller.word_forms();
    let lexicon = data::lexicon();
    let mut near = 0;
    if lower.is_ascii() {
        // The same edits as below, found by walking the lists.
        each_edit_in(forms.as_fst(), lower.as_bytes(), 0, |cand| {
            let in_story = story.contains_key(cand);
            add(cand, if in_story { STORY_BONUS } else { 0.0 }, true);
            near += 1;
        });
        // A lower-case word known but not a dictionary form is a lexicon
        // or newsroom word.
        each_edit_in(lexicon.as_fst(), lower.as_bytes(), 0, |cand| {
            if !forms.contains(cand) && story.contains_key(cand) {
                add(cand, STORY_BONUS, true);
                near += 1;
            }
        });
        if speller.has_user_words() {
            each_edit(&lower, alphabet(), |cand| {
                if !forms.contains(cand)
                    && !lexicon.contains(cand)
                    && speller.in_user_words(cand)
                    && story.contains_key(cand)
                {
                    add(cand, STORY_BONUS, true);
                    near += 1;
                }
                true
            });
        }
    } else {
        each_edit(&lower, alphabet(), |cand| {
            let in_story = story.contains_key(cand);
            if forms.contains(cand) {
                add(cand, if in_story { STORY_BONUS } else { 0.0 }, true);
                near += 1;
            } else if in_story && speller.knows_fast(cand) {
                // A name or newsroom word the story itself uses.
                add(cand, STORY_BONUS, true);
                near += 1;
            }
            true
        });
    }
    if near == 0 {
        let mut taken = 0;
        within_two(forms, &lower, |cand| {
            add(cand, 0.0, true);
            taken += 1;
            taken < MAX_FAR_CANDIDATES
        });
    }
    if scored.is_empty() {
        for cand in last_resort(speller, &lower) {
            let cand_lower = cand.to_lowercase();
            if cand_lower != lower && !never.contains(&cand_lower) {
                let score = zipf(&cand_lower) - 4.0;
                scored.entry(cand).or_insert(score);
            }
        }
    }
    let mut ranked: Vec<(String, f32)> = scored.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut candidates: Vec<Candidate> = Vec::new();
    for (cand, score) in ranked {
        let cased = match_case(word, &cand);
        if cased != word && !candidates.iter().any(|c| c.word == cased) {
            candidates.push(Candidate { word: cased, score });
        }
        if candidates.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    Ranked {
        candidates,
        known_typo: typo_fixes.is_some(),
    }
}

/// Corrections for a word with nothing lower-case within two edits: a
/// capitalised word one slip away (`londn`: `London`) and two words run
/// together (`bushfires`: `bush fires`, `bush-fires`).
///
/// Hunspell's `suggest` used to be asked here, at 20 to 30 ms a word (an
/// n-gram scan of its whole dictionary): besides these, it found mostly
/// far-fetched words (`plesiosaur`: `applesauce`).
fn last_resort(speller: &Speller, lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    let forms = speller.word_forms();
    let lexicon = data::lexicon();
    let known = |capitalised: &str| {
        forms.contains(capitalised)
            || lexicon.contains(capitalised)
            || speller.in_user_words(capitalised)
    };
    let mut capitalised = String::new();
    let mut check = |edit: &str, out: &mut Vec<String>| {
        let mut chars = edit.chars();
        capitalised.clear();
        capitalised.extend(chars.next().into_iter().flat_map(char::to_uppercase));
        capitalised.push_str(chars.as_str());
        if known(&capitalised) {
            out.push(capitalised.clone());
        }
    };
    if lower.is_ascii() && !lower.is_empty() && !speller.has_user_words() {
        // The edits of the first letter one by one; the others, which keep
        // it, by walking the lists from the capitalised word.
        let title = super::title_case(lower);
        for edit in first_letter_edits(lower) {
            check(&edit, &mut out);
        }
        for set in [forms.as_fst(), lexicon.as_fst()] {
            each_edit_in(set, title.as_bytes(), 1, |cand| out.push(cand.to_string()));
        }
    } else {
        each_edit(lower, alphabet(), |edit| {
            check(edit, &mut out);
            true
        });
    }
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    // Each word at least two letters long.
    for &at in starts.iter().skip(2).take(starts.len().saturating_sub(3)) {
        let (left, right) = lower.split_at(at);
        if speller.knows_fast(left) && speller.knows_fast(right) {
            out.push(format!("{left} {right}"));
            out.push(format!("{left}-{right}"));
        }
    }
    out
}

/// The edits [`each_edit`] makes at the first letter of an ASCII `word`:
/// deleting it, swapping it with the second, replacing it, and a letter put
/// before it.
fn first_letter_edits(word: &str) -> Vec<String> {
    let w = word.as_bytes();
    let mut out = Vec::with_capacity(2 * ALPHABET.len() + 2);
    let mut push = |head: &[u8], tail: &[u8]| {
        out.push(String::from_utf8([head, tail].concat()).expect("ASCII"));
    };
    if let Some((&first, rest)) = w.split_first() {
        push(&[], rest);
        if let Some((&second, rest)) = rest.split_first() {
            push(&[second, first], rest);
        }
        for &c in ALPHABET.as_bytes().iter().filter(|&&c| c != first) {
            push(&[c], rest);
        }
    }
    for &c in ALPHABET.as_bytes() {
        push(&[c], w);
    }
    out
}

/// Calls `hit` with every string one edit from the ASCII `word` at its
/// byte `from` or later, as [`each_edit`] makes them (some more than once),
/// that is a key of `set`. The edits at one place share the unchanged
/// prefix, walked once; past the first prefix `set` lacks, none can be a
/// key. Several times faster than looking each edit up.
fn each_edit_in<D: AsRef<[u8]>>(
    set: &fst::raw::Fst<D>,
    word: &[u8],
    from: usize,
    mut hit: impl FnMut(&str),
) {
    let step = |node: fst::raw::Node, b: u8| {
        node.find_input(b)
            .map(|i| set.node(node.transition_addr(i)))
    };
    let is_key = |start: fst::raw::Node, head: &[u8], tail: &[u8]| {
        let mut node = start;
        for &b in head.iter().chain(tail) {
            match step(node, b) {
                Some(next) => node = next,
                None => return false,
            }
        }
        node.is_final()
    };
    let mut buf: Vec<u8> = Vec::with_capacity(word.len() + 1);
    let mut emit = |i: usize, head: &[u8], tail: &[u8]| {
        buf.clear();
        buf.extend_from_slice(&word[..i]);
        buf.extend_from_slice(head);
        buf.extend_from_slice(tail);
        if let Ok(key) = std::str::from_utf8(&buf) {
            hit(key);
        }
    };
    let letters = ALPHABET.as_bytes();
    let n = word.len();
    let mut node = set.root();
    for &b in &word[..from] {
        match step(node, b) {
            Some(next) => node = next,
            None => return,
        }
    }
    // `node` follows `word[..i]`.
    for i in from..=n {
        if i < n {
            if is_key(node, &[], &word[i + 1..]) {
                emit(i, &[], &word[i + 1..]);
            }
            if i + 1 < n {
                let swapped = [word[i + 1], word[i]];
                if is_key(node, &swapped, &word[i + 2..]) {
                    emit(i, &swapped, &word[i + 2..]);
                }
            }
            for &c in letters.iter().filter(|&&c| c != word[i]) {
                if is_key(node, &[c], &word[i + 1..]) {
                    emit(i, &[c], &word[i + 1..]);
                }
            }
        }
        for &c in letters {
            if is_key(node, &[c], &word[i..]) {
                emit(i, &[c], &word[i..]);
            }
        }
        if i < n {
            match step(node, word[i]) {
                Some(next) => node = next,
                None => return,
            }
        }
    }
}

/// At most this many forms two edits away are scored.
const MAX_FAR_CANDIDATES: usize = 300;

/// Calls `each` with every form of `forms` that starts with a lower-case
/// letter and is within two insertions, deletions or substitutions of
/// `query` (counted in characters), in byte order, until `each` returns
/// false.
///
/// The fst is walked with one row of the edit-distance table per key
/// character, pruned where no cell of the row is within two: for an ASCII
/// query, the same forms in the same order as `fst`'s Levenshtein automaton
/// finds (a test checks), without building that automaton's DFA for every
/// query (4 KB a state, hundreds of states: most of the time `rank` took;
/// and for a long word tens of milliseconds and megabytes). Capitalised
/// forms are skipped before they are looked into. A key's character is
/// compared once its last byte is read.
fn within_two(forms: &fst::Set<&[u8]>, query: &str, mut each: impl FnMut(&str) -> bool) {
    const FAR: u8 = 3;
    let q: Vec<char> = query.chars().collect();
    let first_bytes: Vec<u8> = query
        .char_indices()
        .map(|(i, _)| query.as_bytes()[i])
        .collect();
    let n = q.len();
    let width = n + 1;
    let fst = forms.as_fst();
    // The rows of the edit-distance table along the current key, capped at
    // 3 (anything over two is as good as lost), one per key byte (a byte
    // inside a character repeats the row before it). Row `d` (after `d`
    // characters) is within two only at columns `d - 2..=d + 2`: only those
    // are computed, the rest stay 3.
    let mut rows: Vec<u8> = (0..width).map(|j| j.min(usize::from(FAR)) as u8).collect();
    let mut key: Vec<u8> = Vec::with_capacity(query.len() + 8);
    let mut stack = vec![Frame {
        node: fst.root(),
        depth: 0,
        next: 0,
        only: None,
    }];
    while let Some(frame) = stack.last_mut() {
        let t = match &frame.only {
            None if frame.next < frame.node.len() => {
                frame.next += 1;
                frame.node.transition(frame.next - 1)
            }
            Some((bytes, len)) if frame.next < *len => {
                frame.next += 1;
                match frame.node.find_input(bytes[frame.next - 1]) {
                    Some(i) => frame.node.transition(i),
                    None => continue,
                }
            }
            _ => {
                stack.pop();
                key.pop();
                rows.truncate(rows.len() - width);
                continue;
            }
        };
        if key.is_empty() && t.inp.is_ascii() && !t.inp.is_ascii_lowercase() {
            continue;
        }
        let at = rows.len() - width;
        // The character this byte completes, if it does.
        let c = if t.inp.is_ascii() {
            Some(char::from(t.inp))
        } else if t.inp & 0xC0 != 0x80 {
            None
        } else {
            let start = key.iter().rposition(|&b| b & 0xC0 != 0x80).unwrap_or(0);
            let mut utf8 = [0u8; 4];
            let len = key.len() - start + 1;
            (len <= 4)
                .then(|| {
                    utf8[..len - 1].copy_from_slice(&key[start..]);
                    utf8[len - 1] = t.inp;
                    std::str::from_utf8(&utf8[..len]).ok()?.chars().next()
                })
                .flatten()
        };
        let d = frame.depth + usize::from(c.is_some());
        let (lo, hi) = (d.saturating_sub(2), (d + 2).min(n));
        match c {
            None => rows.extend_from_within(at..),
            Some(c) => {
                rows.resize(at + 2 * width, FAR);
                let (prev, row) = rows[at..].split_at_mut(width);
                if lo == 0 {
                    row[0] = prev[0].saturating_add(1).min(FAR);
                }
                for j in lo.max(1)..=hi {
                    let cost = u8::from(c != q[j - 1]);
                    row[j] = (row[j - 1] + 1)
                        .min(prev[j] + 1)
                        .min(prev[j - 1] + cost)
                        .min(FAR);
                }
            }
        }
        let row = &rows[rows.len() - width..];
        let best = row[lo..=hi].iter().copied().min().unwrap_or(FAR);
        if c.is_some() && best >= FAR {
            rows.truncate(rows.len() - width);
            continue;
        }
        key.push(t.inp);
        // Both edits spent after a whole character: only a character
        // matching the query where the row is 2 keeps the next row within
        // two, so only transitions on the first bytes of those are taken
        // (in byte order, as the walk finds keys).
        let only = (c.is_some() && best == FAR - 1).then(|| {
            let mut bytes = [0u8; 5];
            let mut len = 0;
            for j in (lo..=hi).filter(|&j| j < n && row[j] == FAR - 1) {
                bytes[len] = first_bytes[j];
                len += 1;
            }
            bytes[..len].sort_unstable();
            let mut unique = 0;
            for k in 0..len {
                if unique == 0 || bytes[unique - 1] != bytes[k] {
                    bytes[unique] = bytes[k];
                    unique += 1;
                }
            }
            (bytes, unique)
        });
        let child = fst.node(t.addr);
        if child.is_final() && c.is_some() && row[width - 1] < FAR {
            if let Ok(cand) = std::str::from_utf8(&key) {
                if cand.chars().next().is_some_and(char::is_lowercase) && !each(cand) {
                    return;
                }
            }
        }
        stack.push(Frame {
            node: child,
            depth: d,
            next: 0,
            only,
        });
    }
}

/// A node on the path of [`within_two`]'s walk: its depth in characters,
/// and the next of its transitions to take (of all, or of those on the
/// first bytes of `only`, at most 5, one per column of a row's band).
struct Frame<'f> {
    node: fst::raw::Node<'f>,
    depth: usize,
    next: usize,
    only: Option<([u8; 5], usize)>,
}

pub fn zipf(word: &str) -> f32 {
    data::zipf(word).unwrap_or(RARE_ZIPF)
}

/// Calls `each` with every string one deletion, transposition, substitution
/// or insertion away from `word` (substituting and inserting the characters
/// of `alphabet`), some more than once, until `each` returns false; returns
/// whether it never did. One buffer serves every edit.
pub fn each_edit(word: &str, alphabet: &[char], mut each: impl FnMut(&str) -> bool) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut buf = String::with_capacity(word.len() + 4);
    let mut emit = |parts: [&[char]; 3]| {
        buf.clear();
        buf.extend(parts.iter().flat_map(|p| p.iter()));
        each(&buf)
    };
    for i in 0..n {
        if !emit([&chars[..i], &[], &chars[i + 1..]]) {
            return false;
        }
        if i + 1 < n && !emit([&chars[..i], &[chars[i + 1], chars[i]], &chars[i + 2..]]) {
            return false;
        }
        for &c in alphabet.iter().filter(|&&c| c != chars[i]) {
            if !emit([&chars[..i], &[c], &chars[i + 1..]]) {
                return false;
            }
        }
    }
    for i in 0..=n {
        for &c in alphabet {
            if !emit([&chars[..i], &[c], &chars[i..]]) {
                return false;
            }
        }
    }
    true
}

/// The letters `rank` edits with.
pub fn alphabet() -> &'static [char] {
    static CHARS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| ALPHABET.chars().collect())
}

/// log10-like likelihood of typing `typo` when `intended` was meant: the
/// slips a keyboard makes (a neighbouring key, a doubled or dropped letter,
/// two letters swapped) cost least.
pub fn channel(typo: &str, intended: &str) -> f32 {
    one_slip(typo, intended).unwrap_or_else(|| far_channel(distance(typo, intended)))
}

/// [`channel`] of two words `distance` apart that no single slip explains.
fn far_channel(distance: usize) -> f32 {
    -4.0 + -0.5 * (distance.saturating_sub(2) as f32)
}

/// The [`channel`] cost of the single slip that turns `intended` into
/// `typo`, if one does. ASCII words (nearly all) are compared as bytes.
fn one_slip(typo: &str, intended: &str) -> Option<f32> {
    if typo.is_ascii() && intended.is_ascii() {
        slip(typo.as_bytes(), intended.as_bytes(), |a, b| {
            adjacent(char::from(a), char::from(b))
        })
    } else {
        let t: Vec<char> = typo.chars().collect();
        let c: Vec<char> = intended.chars().collect();
        slip(&t, &c, adjacent)
    }
}

fn slip<T: Copy + PartialEq>(t: &[T], c: &[T], adjacent: impl Fn(T, T) -> bool) -> Option<f32> {
    let prefix = t.iter().zip(c).take_while(|(a, b)| a == b).count();
    if t.len() == c.len() && prefix < t.len() {
        let i = prefix;
        if t[i + 1..] == c[i + 1..] {
            return Some(if adjacent(t[i], c[i]) { -0.6 } else { -2.0 });
        }
        if i + 1 < t.len() && t[i] == c[i + 1] && t[i + 1] == c[i] && t[i + 2..] == c[i + 2..] {
            return Some(-0.8);
        }
    } else if t.len() == c.len() + 1 {
        // The typo has one letter too many: find it.
        for i in prefix.saturating_sub(1)..t.len() {
            if t[..i] == c[..i] && t[i + 1..] == c[i..] {
                let x = t[i];
                let prev = i.checked_sub(1).map(|j| t[j]);
                let next = t.get(i + 1).copied();
                if prev == Some(x) || next == Some(x) {
                    return Some(-0.7);
                }
                if prev.is_some_and(|p| adjacent(p, x)) || next.is_some_and(|n| adjacent(n, x)) {
                    return Some(-1.0);
                }
                return Some(-1.8);
            }
        }
    } else if t.len() + 1 == c.len() {
        // The typo lost one letter.
        for i in prefix.saturating_sub(1)..c.len() {
            if c[..i] == t[..i] && c[i + 1..] == t[i..] {
                let y = c[i];
                let doubled =
                    i.checked_sub(1).is_some_and(|j| c[j] == y) || c.get(i + 1) == Some(&y);
                return Some(if doubled { -0.6 } else { -1.2 });
            }
        }
    }
    None
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps),
/// giving up early past 3.
pub fn distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        osa(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa(&a, &b)
    }
}

fn osa<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.len().abs_diff(b.len()) > 3 {
        return 4;
    }
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Dialect;
    use fst::{IntoStreamer, Streamer};
    use std::collections::HashSet;

    #[test]
    fn typos_dict_is_compiled_in() {
        assert_eq!(known_typo("goverment"), Some(vec!["government"]));
        assert!(known_typo("government").is_none());
        assert!(known_typo("teh").is_some_and(|f| f.contains(&"the")));
    }

    #[test]
    fn distances() {
        assert_eq!(distance("troups", "troops"), 1);
        assert_eq!(distance("soliemani", "soleimani"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn keyboard_slips_cost_less_than_other_edits() {
        assert!(channel("troips", "troops") > channel("troaps", "troops"));
        assert!(channel("trooops", "troops") > channel("troxops", "troops"));
        assert!(channel("recieve", "receive") > -1.0);
        assert!(channel("ocured", "occured") > channel("ocured", "cured"));
        assert!(channel("xyz", "abcdef") < -4.0);
    }

    #[test]
    fn troups_is_troops_first_and_keeps_capitals() {
        let s = Speller::new(Dialect::EnGb, HashSet::new());
        let story: StoryWords = [("troops".to_string(), 1)].into();
        assert_eq!(
            suggest(&s, "troups", &story).first().map(String::as_str),
            Some("troops")
        );
        assert_eq!(
            suggest(&s, "Troups", &story).first().map(String::as_str),
            Some("Troops")
        );
    }

    #[test]
    fn obscenities_are_accepted_but_never_suggested() {
        let s = Speller::new(Dialect::EnUs, HashSet::new());
        assert!(s.knows_fast("shit"));
        let none = StoryWords::new();
        assert!(!suggest(&s, "shiti", &none).iter().any(|w| w == "shit"));
        assert!(!suggest(&s, "cumt", &none).iter().any(|w| w == "cunt"));
    }

    #[test]
    fn the_fst_walk_finds_what_the_levenshtein_automaton_finds() {
        let automaton = |forms: &fst::Set<&[u8]>, query: &str| {
            let lev = fst::automaton::Levenshtein::new(query, 2).unwrap();
            let mut stream = forms.search(lev).into_stream();
            let mut out = Vec::new();
            while let Some(key) = stream.next() {
                let key = String::from_utf8(key.to_vec()).unwrap();
                if key.chars().next().is_some_and(char::is_lowercase) {
                    out.push(key);
                }
            }
            out
        };
        // fst's automaton mishandles a non-ASCII query (a character sharing a
        // first byte with one of the query's is never matched): those are
        // checked against every key.
        let every_key = |forms: &fst::Set<&[u8]>, query: &str| {
            let q: Vec<char> = query.chars().collect();
            let mut stream = forms.stream();
            let mut out = Vec::new();
            while let Some(key) = stream.next() {
                let key = String::from_utf8(key.to_vec()).unwrap();
                let k: Vec<char> = key.chars().collect();
                let mut prev: Vec<usize> = (0..=q.len()).collect();
                for (i, kc) in k.iter().enumerate() {
                    let mut cur = vec![i + 1];
                    for (j, qc) in q.iter().enumerate() {
                        let v = (cur[j] + 1)
                            .min(prev[j + 1] + 1)
                            .min(prev[j] + usize::from(kc != qc));
                        cur.push(v);
                    }
                    prev = cur;
                }
                if prev[q.len()] <= 2 && k.first().is_some_and(|c| c.is_lowercase()) {
                    out.push(key);
                }
            }
            out
        };
        let expected = |forms: &fst::Set<&[u8]>, query: &str| {
            if query.is_ascii() {
                automaton(forms, query)
            } else {
                every_key(forms, query)
            }
        };
        let walk = |forms: &fst::Set<&[u8]>, query: &str| {
            let mut out = Vec::new();
            within_two(forms, query, |k| {
                out.push(k.to_string());
                true
            });
            out
        };
        let small = fst::Set::from_iter([
            "Cafe",
            "ab",
            "abc",
            "cafe",
            "caff\u{e9}",
            "caf\u{e8}",
            "caf\u{e9}",
            "caf\u{e9}s",
            "cof\u{e9}",
            "f\u{e9}e",
            "xyzzy",
            "\u{e9}clair",
            "\u{e9}t\u{e9}",
        ])
        .unwrap();
        let small = fst::Set::new(small.as_fst().as_bytes()).unwrap();
        for query in [
            "cafe",
            "caf",
            "ab",
            "ete",
            "fee",
            "eclair",
            "x",
            "caf\u{e9}",
            "\u{e9}t\u{e8}",
        ] {
            assert_eq!(walk(&small, query), expected(&small, query), "{query}");
            assert_eq!(walk(&small, query), every_key(&small, query), "{query}");
        }
        assert!(walk(&small, "cafe").contains(&"caf\u{e9}s".to_string()));
        assert!(walk(&small, "caf\u{e9}").contains(&"caf\u{e8}".to_string()));
        let forms = data::word_forms(crate::config::Dialect::EnGb);
        // Words of the dictionary, and one and two slips from them.
        let mut stream = forms.stream();
        let mut sampled = Vec::new();
        let mut i = 0;
        while let Some(form) = stream.next() {
            i += 1;
            if i % 4001 == 0 {
                sampled.push(String::from_utf8(form.to_vec()).unwrap().to_lowercase());
            }
        }
        assert!(sampled.len() > 20);
        for form in &sampled {
            let chars: Vec<char> = form.chars().collect();
            let dropped: String = chars[1..].iter().collect();
            let mut swapped = chars.clone();
            swapped.swap(0, chars.len() - 1);
            let swapped: String = swapped.iter().collect();
            for query in [form, &dropped, &swapped] {
                assert_eq!(walk(forms, query), expected(forms, query), "{query}");
            }
        }
        for query in [
            "troups",
            "a",
            "tas",
            "recieve",
            "qxzvbnt",
            "don't",
            "naive",
            "cliche",
            "soliemani",
            "na\u{ef}ve",
            "m\u{fc}ller",
        ] {
            assert_eq!(walk(forms, query), expected(forms, query), "{query}");
        }
    }

    #[test]
    fn walking_the_lists_finds_the_edits_looking_each_up_finds() {
        let sets = [
            data::word_forms(Dialect::EnGb),
            data::word_forms(Dialect::EnUs),
            data::lexicon(),
        ];
        let words = [
            "troups",
            "teh",
            "a",
            "ab",
            "recieve",
            "don't",
            "goverment",
            "qxzvbnt",
            "zz",
            "aa",
            "londn",
            "paris",
            "bushfires",
            "plesiosaurs",
            "colourr",
            "it's",
            "'s",
        ];
        for set in sets {
            for word in words {
                let mut looked_up = Vec::new();
                each_edit(word, alphabet(), |edit| {
                    if set.contains(edit) {
                        looked_up.push(edit.to_string());
                    }
                    true
                });
                let mut walked = Vec::new();
                each_edit_in(set.as_fst(), word.as_bytes(), 0, |key| {
                    walked.push(key.to_string())
                });
                looked_up.sort();
                walked.sort();
                assert_eq!(walked, looked_up, "{word}");
                // Capitalised, keeping the first letter.
                let title = crate::spell::title_case(word);
                let mut looked_up: Vec<String> = Vec::new();
                each_edit(word, alphabet(), |edit| {
                    let cap = crate::spell::title_case(edit);
                    if set.contains(&cap) {
                        looked_up.push(cap);
                    }
                    true
                });
                for edit in first_letter_edits(word) {
                    let cap = crate::spell::title_case(&edit);
                    if let Some(i) = looked_up.iter().position(|w| *w == cap) {
                        looked_up.remove(i);
                    }
                }
                let mut walked = Vec::new();
                each_edit_in(set.as_fst(), title.as_bytes(), 1, |key| {
                    walked.push(key.to_string())
                });
                looked_up.sort();
                walked.sort();
                assert_eq!(walked, looked_up, "{title}");
            }
        }
    }

    #[test]
    fn with_nothing_near_run_together_and_capitalised_words_are_suggested() {
        let s = Speller::new(Dialect::EnGb, HashSet::new());
        let none = StoryWords::new();
        assert_eq!(
            suggest(&s, "bushfires", &none),
            ["bush fires", "bush-fires"]
        );
        assert_eq!(suggest(&s, "Bushfires", &none)[0], "Bush fires");
        assert!(suggest(&s, "plesiosaurs", &none).contains(&"Plesiosaurus".to_string()));
        assert!(suggest(&s, "qxzvbntq", &none).is_empty());
    }

    #[test]
    fn a_very_long_word_gets_no_suggestions_and_no_quadratic_work() {
        let s = Speller::new(Dialect::EnUs, HashSet::new());
        let long = "ab".repeat(50_000);
        assert!(suggest(&s, &long, &StoryWords::new()).is_empty());
    }

    #[test]
    fn suggestions_follow_the_dialect() {
        let gb = Speller::new(Dialect::EnGb, HashSet::new());
        let us = Speller::new(Dialect::EnUs, HashSet::new());
        let none = StoryWords::new();
        assert!(suggest(&gb, "colourr", &none).contains(&"colour".to_string()));
        assert!(suggest(&us, "colorr", &none).contains(&"color".to_string()));
        assert!(!suggest(&us, "colorr", &none).contains(&"colour".to_string()));
    }
}
