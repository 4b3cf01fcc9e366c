//! The slip channel: how likely a writer who meant one word is to type
//! another, from QWERTY geometry (a neighbouring key, a doubled or dropped
//! letter, two letters swapped). Suggestions rank by it, and the context
//! model's slip candidates are chosen by it.

const ROWS: [(&str, f32); 3] = [("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75)];

fn position(c: char) -> Option<(f32, f32)> {
    let c = c.to_ascii_lowercase();
    ROWS.iter()
        .enumerate()
        .find_map(|(row, (keys, offset))| keys.find(c).map(|col| (row as f32, col as f32 + offset)))
}

/// Whether two letters sit next to each other on a QWERTY keyboard.
pub fn adjacent(a: char, b: char) -> bool {
    // Letters are looked up in a table made once from their positions.
    static TABLE: std::sync::OnceLock<[[bool; 26]; 26]> = std::sync::OnceLock::new();
    let index = |c: char| {
        let c = c.to_ascii_lowercase();
        c.is_ascii_lowercase().then(|| usize::from(c as u8 - b'a'))
    };
    match (index(a), index(b)) {
        (Some(i), Some(j)) if a != b => TABLE.get_or_init(|| {
            let mut table = [[false; 26]; 26];
            for (i, row) in table.iter_mut().enumerate() {
                for (j, cell) in row.iter_mut().enumerate() {
                    *cell = adjacent_by_position(
                        char::from(b'a' + i as u8),
                        char::from(b'a' + j as u8),
                    );
                }
            }
            table
        })[i][j],
        _ => false,
    }
}

/// [`adjacent`] from the keys' rows and columns.
fn adjacent_by_position(a: char, b: char) -> bool {
    match (position(a), position(b)) {
        (Some((ra, xa)), Some((rb, xb))) if a != b => {
            let (dr, dx) = ((ra - rb).abs(), (xa - xb).abs());
            (dr == 0.0 && dx <= 1.0) || (dr == 1.0 && dx <= 0.75)
        }
        _ => false,
    }
}

/// log10-like likelihood of typing `typo` when `intended` was meant: the
/// slips a keyboard makes (a neighbouring key, a doubled or dropped letter,
/// two letters swapped) cost least.
pub fn channel(typo: &str, intended: &str) -> f32 {
    one_slip(typo, intended).unwrap_or_else(|| far_channel(distance(typo, intended)))
}

/// [`channel`] of two words `distance` apart that no single slip explains.
pub fn far_channel(distance: usize) -> f32 {
    -4.0 + -0.5 * (distance.saturating_sub(2) as f32)
}

/// The [`channel`] cost of the single slip that turns `intended` into
/// `typo`, if one does. ASCII words (nearly all) are compared as bytes.
pub fn one_slip(typo: &str, intended: &str) -> Option<f32> {
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

pub fn slip<T: Copy + PartialEq>(t: &[T], c: &[T], adjacent: impl Fn(T, T) -> bool) -> Option<f32> {
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

pub fn osa<T: PartialEq>(a: &[T], b: &[T]) -> usize {
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

/// Whether `meant` typed badly gives `written` with one slip of the
/// fingers, by the keyboard channel of [`channel`]: a
/// neighbouring key struck instead, a neighbouring key or the same key
/// struck twice, two letters swapped, or a letter left out (its least
/// likely case, and never down to a single letter).
pub fn keyboard_slip(written: &str, meant: &str) -> bool {
    written.len() >= 2 && channel(written, meant) >= LETTER_DROPPED
}

/// The channel score of a letter left out.
const LETTER_DROPPED: f32 = -1.2;

/// log10-like likelihood that a writer who meant `intended` wrote `typo`,
/// for slips of the fingers and of the mind alike: the better of the
/// keyboard's single slip ([`one_slip`]) and the cheapest alignment by
/// [`cognitive_cost`], which prices the errors people make when they do not
/// know a spelling (a vowel for another, a doubled or undoubled letter, a
/// sound spelled another way, a dropped vowel, `ie` for `ei`).
pub fn misspelling(typo: &str, intended: &str) -> f32 {
    misspelling_given(typo, intended, false)
}

/// [`misspelling`], knowing whether the two sound alike: a sound-alike
/// misspelling is what a writer unsure of the spelling makes, so its
/// cognitive errors are not less likely than a keyboard's (`troups`
/// for `troops` is as likely as for `groups`).
pub fn misspelling_given(typo: &str, intended: &str, sound_alike: bool) -> f32 {
    let odds = if sound_alike { 0.0 } else { COGNITIVE_ODDS };
    let cognitive = -cognitive_cost(typo, intended) - odds;
    one_slip(typo, intended).map_or(cognitive, |slip| slip.max(cognitive))
}

/// How much less likely (log10) a slip of the mind is than one of the
/// fingers: news copy is typed by people who know their spelling, so a
/// keyboard slip explains a non-word first.
const COGNITIVE_ODDS: f32 = 1.0;

fn is_vowel(c: char) -> bool {
    // The vowels, `y` too, matched without a string search.
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Consonants that spell one sound, or two close ones: a writer unsure of
/// the spelling swaps them (`c`/`s` in `nessesity`, `c`/`k`, `g`/`j`).
const SOUND_GROUPS: [&str; 6] = ["ckq", "csz", "gj", "dt", "mn", "fv"];

fn sound_alike_letters(a: char, b: char) -> bool {
    // A group's letters are ASCII: other characters are in none.
    let (Ok(a), Ok(b)) = (u8::try_from(a), u8::try_from(b)) else {
        return false;
    };
    SOUND_GROUPS
        .iter()
        .any(|g| g.as_bytes().contains(&a) && g.as_bytes().contains(&b))
}

/// Spellings of one sound, as (one, other): replacing either by the other
/// costs [`SPELLING_SWAP`].
const SPELLINGS: [(&str, &str); 11] = [
    ("ph", "f"),
    ("ck", "k"),
    ("ck", "c"),
    ("ks", "x"),
    ("cs", "x"),
    ("qu", "kw"),
    ("gh", "f"),
    ("sh", "ti"),
    ("sh", "ci"),
    ("wh", "w"),
    ("ys", "ies"),
];

const SPELLING_SWAP: f32 = 0.9;

/// The first letters of [`SPELLINGS`], either side (a test checks).
const SPELLING_FIRSTS: [char; 12] = ['c', 'f', 'g', 'i', 'k', 'p', 'q', 's', 't', 'w', 'x', 'y'];

/// The price of one substitution: `intended` letter `c` written `t`.
fn substitution(t: char, c: char) -> f32 {
    if adjacent(t, c) {
        0.9
    } else if is_vowel(t) && is_vowel(c) {
        1.0
    } else if sound_alike_letters(t, c) {
        1.2
    } else {
        2.2
    }
}

/// The price of writing a letter the intended word lacks: `x` inserted
/// between `before` and `after` of the typo.
fn insertion(x: char, before: Option<char>, after: Option<char>) -> f32 {
    if before == Some(x) || after == Some(x) {
        0.7
    } else if is_vowel(x) || x == 'h' {
        1.3
    } else if before.is_some_and(|b| adjacent(b, x)) || after.is_some_and(|a| adjacent(a, x)) {
        1.2
    } else {
        2.0
    }
}

/// The price of leaving out letter `y` of the intended word, which stands
/// between `before` and `after` there.
fn deletion(y: char, before: Option<char>, after: Option<char>) -> f32 {
    if before == Some(y) || after == Some(y) {
        0.6
    } else if is_vowel(y) || y == 'h' {
        1.1
    } else {
        1.6
    }
}

const TRANSPOSITION: f32 = 0.9;

/// Words longer than this are not aligned (no word is, and the table is
/// quadratic).
const MAX_ALIGN: usize = 40;

/// The cheapest alignment of `typo` with `intended` by the prices above
/// (a weighted Damerau-Levenshtein distance with multi-letter spellings).
pub fn cognitive_cost(typo: &str, intended: &str) -> f32 {
    let t: Vec<char> = typo.chars().collect();
    let c: Vec<char> = intended.chars().collect();
    if t.len() > MAX_ALIGN || c.len() > MAX_ALIGN {
        return f32::INFINITY;
    }
    let (n, m) = (t.len(), c.len());
    let w = m + 1;
    let mut d = vec![f32::INFINITY; (n + 1) * w];
    d[0] = 0.0;
    // Which spellings (of [`directed`]) start at each place of each word,
    // found once, not at every cell of the table.
    let starts = |word: &[char], side: usize| -> Vec<u32> {
        (0..=word.len())
            .map(|i| {
                // Every spelling starts with a letter of `SPELLING_FIRSTS`.
                if !word.get(i).is_some_and(|&l| SPELLING_FIRSTS.contains(&l)) {
                    return 0;
                }
                (0..2 * SPELLINGS.len())
                    .filter(|&k| {
                        let (x, y) = directed(k);
                        starts_with(&word[i..], if side == 0 { x } else { y })
                    })
                    .fold(0, |mask, k| mask | 1 << k)
            })
            .collect()
    };
    let (t_starts, c_starts) = (starts(&t, 0), starts(&c, 1));
    // The price of each letter of `typo` inserted, and of each of
    // `intended` left out: each depends on its place alone.
    let inserted: Vec<f32> = (0..n)
        .map(|i| insertion(t[i], i.checked_sub(1).map(|k| t[k]), t.get(i + 1).copied()))
        .collect();
    let deleted: Vec<f32> = (0..m)
        .map(|j| deletion(c[j], j.checked_sub(1).map(|k| c[k]), c.get(j + 1).copied()))
        .collect();
    for i in 0..=n {
        for j in 0..=m {
            let here = d[i * w + j];
            if here.is_infinite() {
                continue;
            }
            let mut relax = |ii: usize, jj: usize, cost: f32| {
                let cell = &mut d[ii * w + jj];
                if here + cost < *cell {
                    *cell = here + cost;
                }
            };
            if i < n && j < m {
                let cost = if t[i] == c[j] {
                    0.0
                } else {
                    substitution(t[i], c[j])
                };
                relax(i + 1, j + 1, cost);
            }
            if i < n {
                relax(i + 1, j, inserted[i]);
            }
            if j < m {
                relax(i, j + 1, deleted[j]);
            }
            if i + 1 < n && j + 1 < m && t[i] == c[j + 1] && t[i + 1] == c[j] && t[i] != t[i + 1] {
                relax(i + 2, j + 2, TRANSPOSITION);
            }
            let mut both = t_starts[i] & c_starts[j];
            while both != 0 {
                let (x, y) = directed(both.trailing_zeros() as usize);
                both &= both - 1;
                relax(i + x.len(), j + y.len(), SPELLING_SWAP);
            }
        }
    }
    d[n * w + m]
}

/// The `k`th of [`SPELLINGS`] one way or the other: (written, intended).
fn directed(k: usize) -> (&'static str, &'static str) {
    let (a, b) = SPELLINGS[k / 2];
    if k.is_multiple_of(2) {
        (a, b)
    } else {
        (b, a)
    }
}

fn starts_with(chars: &[char], s: &str) -> bool {
    s.len() <= chars.len() && s.chars().zip(chars).all(|(a, &b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vowels [`is_vowel`] knows.
    const VOWELS: &str = "aeiouy";

    #[test]
    fn the_letter_sets_match_their_lists() {
        for c in (0..=0x250u32).filter_map(char::from_u32) {
            assert_eq!(is_vowel(c), VOWELS.contains(c), "{c}");
            for d in ['c', 'k', 's', 'z', 'g', 'j', 'é', 'a'] {
                let listed = SOUND_GROUPS.iter().any(|g| g.contains(c) && g.contains(d));
                assert_eq!(sound_alike_letters(c, d), listed, "{c} {d}");
            }
        }
        for (a, b) in SPELLINGS {
            for s in [a, b] {
                let first = s.chars().next().unwrap();
                assert!(SPELLING_FIRSTS.contains(&first), "{s}");
            }
        }
    }

    #[test]
    fn neighbouring_keys() {
        assert!(adjacent('a', 's'));
        assert!(adjacent('a', 'q'));
        assert!(adjacent('a', 'z'));
        assert!(adjacent('n', 'm'));
        assert!(adjacent('o', 'p'));
        assert!(!adjacent('a', 'p'));
        assert!(!adjacent('a', 'x'));
        assert!(!adjacent('a', 'a'));
        assert!(!adjacent('é', 'e'));
    }

    #[test]
    fn keyboard_slips_are_edits_a_finger_makes() {
        assert!(keyboard_slip("on", "in")); // o beside i
        assert!(keyboard_slip("teh", "the")); // swapped
        assert!(keyboard_slip("thw", "the")); // w beside e
        assert!(keyboard_slip("inn", "in")); // n struck twice
        assert!(keyboard_slip("ij", "in")); // j beside n
        assert!(!keyboard_slip("n", "in")); // down to one letter
        assert!(keyboard_slip("tr", "try"));
        assert!(!keyboard_slip("yin", "in")); // y is nowhere near i
        assert!(!keyboard_slip("in", "an")); // a is far from i
        assert!(!keyboard_slip("the", "the"));
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
    fn a_plural_spelt_by_ear_is_one_swap() {
        // `ys` for `ies` costs one spelling swap, less than losing the `y`.
        assert!(cognitive_cost("partys", "parties") < cognitive_cost("partys", "parts"));
        assert!(cognitive_cost("partys", "parties") <= SPELLING_SWAP);
    }
}
