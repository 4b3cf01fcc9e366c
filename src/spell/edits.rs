//! Edits: every string one edit from a word (the generator suggestions and
//! the context model's slip table share), and the same edits walked through
//! a word-form fst so that only known words come out.

use super::channel::adjacent;

pub const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz'";

/// Which edits [`each_edit`] makes.
#[derive(Debug, Clone, Copy)]
pub struct EditKinds<'a> {
    /// The characters substituted and inserted.
    pub letters: &'a [char],
    /// Slips of the fingers (the context model's slip table): two equal
    /// letters are not swapped (that changes nothing), and two swapped
    /// letters may also have one of them struck as a neighbouring key
    /// (`drones` typed `drowns`).
    pub mistyped_swaps: bool,
}

impl<'a> EditKinds<'a> {
    /// Every deletion, transposition, substitution and insertion with
    /// `letters`.
    pub fn all(letters: &'a [char]) -> Self {
        EditKinds {
            letters,
            mistyped_swaps: false,
        }
    }
}

/// Calls `each` with every string one edit away from `word`, as `kinds`
/// says (deletions, transpositions, substitutions and insertions of
/// `kinds.letters`), some more than once, until `each` returns false;
/// returns whether it never did. One buffer serves every edit. The order is
/// fixed (a slip table built from it depends on it): at each place in turn
/// the deletion, the swap with the next letter (and its mistyped
/// variants), the substitutions; then the insertions, place by place.
pub fn each_edit(word: &str, kinds: EditKinds, mut each: impl FnMut(&str) -> bool) -> bool {
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
        let swaps = i + 1 < n && !(kinds.mistyped_swaps && chars[i] == chars[i + 1]);
        if swaps {
            let swapped = [chars[i + 1], chars[i]];
            if !emit([&chars[..i], &swapped, &chars[i + 2..]]) {
                return false;
            }
            if kinds.mistyped_swaps {
                for j in 0..2 {
                    for &k in kinds.letters.iter().filter(|&&k| adjacent(k, swapped[j])) {
                        let mut mistyped = swapped;
                        mistyped[j] = k;
                        if !emit([&chars[..i], &mistyped, &chars[i + 2..]]) {
                            return false;
                        }
                    }
                }
            }
        }
        for &c in kinds.letters.iter().filter(|&&c| c != chars[i]) {
            if !emit([&chars[..i], &[c], &chars[i + 1..]]) {
                return false;
            }
        }
    }
    for i in 0..=n {
        for &c in kinds.letters {
            if !emit([&chars[..i], &[c], &chars[i..]]) {
                return false;
            }
        }
    }
    true
}

/// Calls `found` with every string one slip from `word`, some more than
/// once: one edit (Damerau-Levenshtein over lower-case ASCII letters and
/// the apostrophe), or two neighbouring letters swapped with one of them
/// struck as a neighbouring key (`drones` typed `drowns`).
pub fn slips(word: &str, mut found: impl FnMut(&str)) {
    let kinds = EditKinds {
        letters: alphabet(),
        mistyped_swaps: true,
    };
    each_edit(word, kinds, |edit| {
        found(edit);
        true
    });
}

/// The letters `rank` edits with.
pub fn alphabet() -> &'static [char] {
    static CHARS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| ALPHABET.chars().collect())
}

/// The edits [`each_edit`] makes at the first letter of an ASCII `word`:
/// deleting it, swapping it with the second, replacing it, and a letter put
/// before it.
pub fn first_letter_edits(word: &str) -> Vec<String> {
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
pub fn each_edit_in<D: AsRef<[u8]>>(
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
pub const MAX_FAR_CANDIDATES: usize = 2000;

/// A [`super::reach`] table of the fst walked: for each state, the letters
/// of the keys below it and how many characters they have left.
#[derive(Debug, Clone, Copy)]
pub struct Reach<'a> {
    table: &'a [u8],
}

impl<'a> Reach<'a> {
    /// `table` as [`super::reach::table`] makes it, for the fst walked.
    pub fn new(table: &'a [u8]) -> Self {
        Reach { table }
    }

    /// Whether a key through the state at `addr`, reached with the edit
    /// distances `row` (of the key so far against each prefix of the
    /// query, after `d` characters, [`Row`]), can be within `max` (`k`) of
    /// the query: for some column `j`, its distance plus what the rest of
    /// the query costs at least (characters the keys below are too short or
    /// too long for, or letters of `suffixes[j]` no key below has).
    /// `lefts` holds each cell's characters of the query left (`n - j`, at
    /// most 127). The length bound is worked out for every cell at once;
    /// the letters, cell by cell, only where it holds.
    #[allow(clippy::too_many_arguments)]
    fn may_reach(
        &self,
        addr: usize,
        row: Row,
        lefts: Row,
        d: usize,
        k: usize,
        suffixes: &[u32],
        max: u8,
    ) -> bool {
        use super::reach::{record, LETTERS, MIN_SHIFT};
        let Some(record) = record(self.table, addr) else {
            return true;
        };
        let word = u32::from_le_bytes([record[0], record[1], record[2], record[3]]);
        let (letters, fewest, most) = (word & LETTERS, u64::from(word >> MIN_SHIFT), record[4]);
        // Too many characters left for the keys below, or too few; no
        // more than 64 counted (past `max` either way).
        let most = ONES * u64::from(most.min(127));
        let gap = max_cells(sub_cells(lefts, most), sub_cells(ONES * fewest, lefts));
        let gap = min_cells(gap, ONES * 64);
        // Cells outside the band are `far`, past `max` whatever the gap.
        let spent_and_gap = row + gap;
        let mut fits = ((ONES * u64::from(max)) | HIGH).wrapping_sub(spent_and_gap) & HIGH;
        let cells = cells(row);
        while fits != 0 {
            let i = fits.trailing_zeros() as usize / 8;
            fits &= fits - 1;
            let (spent, j) = (cells[i], d + i - k);
            // At most `max - spent` letters missing: clearing that many of
            // the lowest bits clears them all (cheaper than counting them:
            // the baseline x86-64 the binary is built for has no popcount).
            let mut missing = suffixes[j] & !letters;
            for _ in 0..max - spent {
                missing &= missing.wrapping_sub(1);
            }
            if missing == 0 {
                return true;
            }
        }
        false
    }
}

/// The most edits [`within`] walks for.
pub const MAX_WALK_EDITS: u8 = 3;

/// Calls `each` with every form of `forms` that starts with a lower-case
/// letter and is within `max` (1 to [`MAX_WALK_EDITS`]) insertions,
/// deletions or substitutions of `query` (counted in characters), with its
/// distance, in byte order, until `each` returns false.
///
/// The fst is walked with one row of the edit-distance table per key
/// character, pruned where no cell of the row is within `max`: for an ASCII
/// query, the same forms in the same order as `fst`'s Levenshtein automaton
/// finds (a test checks), without building that automaton's DFA for every
/// query (4 KB a state, hundreds of states: most of the time `rank` took;
/// and for a long word tens of milliseconds and megabytes). Capitalised
/// forms are skipped before they are looked into. A key's character is
/// compared once its last byte is read. With `reach`, the
/// [`super::reach`] table of `forms`, a state none of whose keys can be
/// within `max` however they go on (too short, too long, or lacking letters
/// the rest of the query needs) is not walked into: the same forms come
/// out, in the same order, from far fewer states (a seventh, three edits
/// deep).
pub fn within(
    forms: &fst::Set<&[u8]>,
    reach: Reach,
    query: &str,
    max: u8,
    mut each: impl FnMut(&str, u8) -> bool,
) {
    let max = max.clamp(1, MAX_WALK_EDITS);
    let far = max + 1;
    let k = usize::from(max);
    let q: Vec<char> = query.chars().collect();
    let first_bytes: Vec<u8> = query
        .char_indices()
        .map(|(i, _)| query.as_bytes()[i])
        .collect();
    let n = q.len();
    // The letters of the query from each column on (non-ASCII ones left
    // out: never counted missing).
    let mut suffixes = vec![0u32; n + 1];
    for j in (0..n).rev() {
        let bit = u8::try_from(q[j]).map_or(0, super::reach::letter_bit);
        suffixes[j] = suffixes[j + 1] | bit;
    }
    let fst = forms.as_fst();
    let qpad = padded(&q, k);
    let lefts = lefts(n, k);
    let places = places(&qpad);
    // The rows of the edit-distance table along the current key, capped at
    // `far` (anything over `max` is as good as lost), one per key byte (a
    // byte inside a character repeats the row before it). Row `d` (after
    // `d` characters) is within `max` only at columns `d - max..=d + max`:
    // only that band is kept (see [`Row`]), every other cell being `far`.
    let mut rows: Vec<Row> = vec![first_row(n, k, far)];
    let mut key: Vec<u8> = Vec::with_capacity(query.len() + 8);
    let mut stack = vec![Frame {
        node: fst.root(),
        depth: 0,
        next: 0,
        only: None,
    }];
    while let Some(frame) = stack.last_mut() {
        let t = match frame.next_transition() {
            Next::Take(t) => t,
            Next::Skip => continue,
            Next::Done => {
                stack.pop();
                key.pop();
                rows.pop();
                continue;
            }
        };
        if key.is_empty() && t.inp.is_ascii() && !t.inp.is_ascii_lowercase() {
            continue;
        }
        // The character this byte completes, if it does.
        let c = completed_char(&key, t.inp);
        let d = frame.depth + usize::from(c.is_some());
        let (lo, hi) = (d.saturating_sub(k), (d + k).min(n));
        let prev = *rows.last().expect("the root's row");
        let row = match c {
            Some(c) => next_row(prev, c, &qpad, &places, n, d, k, far),
            None => prev,
        };
        let bytes = cells(row);
        // Past a whole character: skip a state whose keys are all too far
        // (past the query's end by more than `max`, the band is empty).
        let cells = if lo <= hi {
            &bytes[lo + k - d..=hi + k - d]
        } else {
            &[][..]
        };
        let best = cells.iter().copied().min().unwrap_or(far);
        if c.is_some()
            && (best >= far || !reach.may_reach(t.addr, row, lefts[d], d, k, &suffixes, max))
        {
            continue;
        }
        // Both edits spent after a whole character: only a character
        // matching the query where the row is `max` keeps the next row
        // within `max`, so only transitions on the first bytes of those are
        // taken (in byte order, as the walk finds keys).
        let only = (c.is_some() && best == max).then(|| band_bytes(cells, lo, max, &first_bytes));
        // The distance of the key to the whole query: column `n`.
        let distance = if n + k >= d && n <= d + k {
            bytes[n + k - d]
        } else {
            far
        };
        key.push(t.inp);
        rows.push(row);
        let child = fst.node(t.addr);
        if child.is_final() && c.is_some() && distance < far {
            if let Ok(cand) = std::str::from_utf8(&key) {
                if cand.chars().next().is_some_and(char::is_lowercase) && !each(cand, distance) {
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

/// One row of [`within`]'s edit-distance table, its band only, a cell a
/// byte (little-endian): after `d` characters of a key, cell `i` is column
/// `d - max + i` (the distance of the key so far to the query's first
/// `d - max + i` characters); cells of columns before 0, past the query's
/// end or past `2 * max` are `far`. Eight cells in a `u64` are computed
/// together, a few operations for the row instead of a few for each cell.
type Row = u64;
const ROW: usize = 8;
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The cells of a row.
fn cells(row: Row) -> [u8; ROW] {
    row.to_le_bytes()
}

/// The smaller of each pair of cells (every cell below 128).
fn min_cells(a: Row, b: Row) -> Row {
    // Where `a >= b`, `(a | 128) - b` keeps its high bit (and never
    // borrows from the next cell).
    let a_not_less = (((a | HIGH) - b) & HIGH) >> 7;
    let take_b = a_not_less * 0xFF;
    (b & take_b) | (a & !take_b)
}

/// `a - b` in each cell, 0 where `b` is larger (every cell below 128).
fn sub_cells(a: Row, b: Row) -> Row {
    let diff = (a | HIGH) - b;
    let a_not_less = (diff & HIGH) >> 7;
    diff & !HIGH & (a_not_less * 0x7F)
}

/// The larger of each pair of cells (every cell below 128).
fn max_cells(a: Row, b: Row) -> Row {
    let a_not_less = (((a | HIGH) - b) & HIGH) >> 7;
    let take_a = a_not_less * 0xFF;
    (a & take_a) | (b & !take_a)
}

/// For each number of characters `d` of a key, the characters of the query
/// left after each cell's column (`n - j`, at most 127; 0 outside columns
/// 0 to `n`), as [`Reach::may_reach`] reads them.
fn lefts(n: usize, k: usize) -> Vec<Row> {
    (0..=n + k + 1)
        .map(|d| {
            let mut row = [0u8; ROW];
            for (i, cell) in row.iter_mut().enumerate() {
                if let Some(j) = (d + i).checked_sub(k).filter(|&j| j <= n) {
                    *cell = (n - j).min(127) as u8;
                }
            }
            Row::from_le_bytes(row)
        })
        .collect()
}

/// The row before any character: column `j` is `j` (capped at `far`).
fn first_row(n: usize, k: usize, far: u8) -> Row {
    let mut row = [far; ROW];
    for j in 0..=k.min(n) {
        row[k + j] = j as u8;
    }
    Row::from_le_bytes(row)
}

/// The query's characters as [`next_row`] reads them: character `x` at
/// `max + 1 + x`, every other place a character no key has, so that the
/// characters of a row's band are `ROW` in a row.
fn padded(q: &[char], k: usize) -> Vec<char> {
    let mut out = vec![NO_CHAR; k + 1];
    out.extend_from_slice(q);
    out.resize(q.len() + 2 * k + 2 + ROW, NO_CHAR);
    out
}

/// A character no key of a word list has.
const NO_CHAR: char = '\u{0}';

/// Each byte's eight bits as the low bits of a row's eight cells.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < ROW {
            table[b] |= ((b as u64 >> i) & 1) << (8 * i);
            i += 1;
        }
        b += 1;
    }
    table
};

/// Where each ASCII character stands in `qpad` ([`padded`]), as bits, so
/// that a row's costs come from one look-up; none (every character
/// compared in turn) for a query too long for 128 bits.
fn places(qpad: &[char]) -> Vec<u128> {
    if qpad.len() > 128 {
        return Vec::new();
    }
    let mut places = vec![0u128; 128];
    for (p, &qc) in qpad.iter().enumerate() {
        if let Some(at) = places.get_mut(qc as usize) {
            *at |= 1 << p;
        }
    }
    places
}

/// The row after the `d`th character of a key, `c`, from the row before
/// it (`prev`, after `d - 1`), against the query (`qpad`, [`padded`], of
/// `n` characters; `places`, [`places`]), `max` being `k`. Every cell is computed at once, as if
/// the band had no edges (a cell before column 0 comes out at `far` or
/// more, column 0 at `d`: the row before holds `far` left of its column
/// 0), then the cells outside columns 0 to `n` and the band are set to
/// `far`.
#[allow(clippy::too_many_arguments)]
fn next_row(
    prev: Row,
    c: char,
    qpad: &[char],
    places: &[u128],
    n: usize,
    d: usize,
    k: usize,
    far: u8,
) -> Row {
    let far_row = ONES * u64::from(far);
    if d > n + k {
        return far_row;
    }
    // Cell `i` is column `j = d - k + i`, whose query character
    // (`j - 1`) is at `qpad[d + i]`: 1 where it is not `c`.
    let cost = match places.get(c as usize) {
        Some(at) => !SPREAD[(at >> d) as u8 as usize] & ONES,
        None => {
            let mut cost = 0u64;
            for (i, &qc) in qpad[d..d + ROW].iter().enumerate() {
                cost |= u64::from(c != qc) << (8 * i);
            }
            cost
        }
    };
    // The cell above (the row before's next cell) plus an insertion, or
    // the one above before plus a substitution if the characters differ…
    let above = (prev >> 8) | (u64::from(far) << 56);
    let mut row = min_cells(above + ONES, prev + cost);
    // …or any cell before plus a deletion for each column between, in
    // three doublings (the cells shifted in, 64, lose every comparison).
    row = min_cells(row, ((row << 8) | 0x40) + ONES);
    row = min_cells(row, ((row << 16) | 0x4040) + 2 * ONES);
    row = min_cells(row, ((row << 32) | 0x4040_4040) + 4 * ONES);
    row = min_cells(row, far_row);
    // Columns 0 to `n` within the band: cells `first..=last`.
    let (first, last) = (k.saturating_sub(d), (n + k - d).min(2 * k));
    let keep = (!0u64 << (8 * first)) & (!0u64 >> (8 * (ROW - 1 - last)));
    (row & keep) | (far_row & !keep)
}

/// The character that `byte` completes after the bytes of `key`, if it
/// completes one (an ASCII byte, or the last byte of a UTF-8 sequence).
fn completed_char(key: &[u8], byte: u8) -> Option<char> {
    if byte.is_ascii() {
        return Some(char::from(byte));
    }
    if byte & 0xC0 != 0x80 {
        return None;
    }
    let start = key.iter().rposition(|&b| b & 0xC0 != 0x80).unwrap_or(0);
    let mut utf8 = [0u8; 4];
    let len = key.len() - start + 1;
    (len <= 4)
        .then(|| {
            utf8[..len - 1].copy_from_slice(&key[start..]);
            utf8[len - 1] = byte;
            std::str::from_utf8(&utf8[..len]).ok()?.chars().next()
        })
        .flatten()
}

/// The first bytes of the query's characters at the columns where `cells`
/// (a row's band, from column `lo`) is at `max`, sorted and unique (at
/// most [`BAND`]).
fn band_bytes(cells: &[u8], lo: usize, max: u8, first_bytes: &[u8]) -> (BandBytes, usize) {
    let mut bytes = [0u8; BAND];
    let mut len = 0;
    for (&cell, j) in cells.iter().zip(lo..) {
        if j < first_bytes.len() && cell == max {
            bytes[len] = first_bytes[j];
            len += 1;
        }
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
}

/// The widest band of a row: `2 * MAX_WALK_EDITS + 1` columns.
const BAND: usize = 2 * MAX_WALK_EDITS as usize + 1;
type BandBytes = [u8; BAND];

/// What [`Frame::next_transition`] found.
enum Next {
    Take(fst::raw::Transition),
    /// A byte of `only` the node has no transition on.
    Skip,
    Done,
}

/// A node on the path of [`within`]'s walk: its depth in characters,
/// and the next of its transitions to take (of all, or of those on the
/// first bytes of `only`, at most 5, one per column of a row's band).
struct Frame<'f> {
    node: fst::raw::Node<'f>,
    depth: usize,
    next: usize,
    only: Option<(BandBytes, usize)>,
}

impl Frame<'_> {
    /// The node's next transition to take.
    fn next_transition(&mut self) -> Next {
        match &self.only {
            None if self.next < self.node.len() => {
                self.next += 1;
                Next::Take(self.node.transition(self.next - 1))
            }
            Some((bytes, len)) if self.next < *len => {
                self.next += 1;
                match self.node.find_input(bytes[self.next - 1]) {
                    Some(i) => Next::Take(self.node.transition(i)),
                    None => Next::Skip,
                }
            }
            _ => Next::Done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn all_slips(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        slips(word, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn slips_are_one_edit_or_a_mistyped_swap_away() {
        let s = all_slips("drowns");
        assert!(s.contains(&"drones".to_string()));
        assert!(s.contains(&"drown".to_string()));
        assert!(all_slips("form").contains(&"from".to_string()));
        assert!(all_slips("trail").contains(&"trial".to_string()));
        assert!(all_slips("tow").contains(&"town".to_string()));
        // Two unrelated edits are too far.
        assert!(!s.contains(&"crown".to_string()));
        assert!(!s.contains(&"drowns".to_string()));
    }
}
