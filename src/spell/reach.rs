//! What lies below each state of a word-form fst: the letters of the keys
//! under it and how many characters they have left, as a table the edit
//! walk ([`super::edits::within`]) reads to skip a state none of whose keys
//! can be close enough to the query. Built by `build.rs` for the embedded
//! sets (so a start costs nothing), and by tests for their own small sets.
//!
//! The table: a `u32` (little-endian, as every number here) counting the
//! blocks of 64 byte addresses of the fst; per block the bits of the
//! addresses a state ends at (a `u64`) and how many states the blocks
//! before it hold (a `u32`); then one record of [`RECORD`] bytes per state,
//! in address order: the letter mask and the fewest characters left (a
//! `u32`, [`MIN_SHIFT`]), then the most characters left (a byte). A state's
//! record is found by counting the bits before its own: a few hundred
//! kilobytes for the dictionary's fst, small enough to stay in the cache
//! the walk runs in.

/// Bytes per state.
pub const RECORD: usize = 5;
/// Bytes per block of 64 addresses.
pub const BLOCK: usize = 12;
/// Where the fewest characters left start in a record's `u32`.
pub const MIN_SHIFT: u32 = 27;
/// The letter mask's bits (a–z, then the apostrophe).
pub const LETTERS: u32 = (1 << MIN_SHIFT) - 1;

/// The bit of an ASCII lower-case letter or the apostrophe; 0 for any
/// other byte.
pub fn letter_bit(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'\'' => 1 << 26,
        _ => 0,
    }
}

/// The table of the fst whose bytes are `fst_bytes`.
pub fn table(fst_bytes: &[u8]) -> Vec<u8> {
    let fst = fst::raw::Fst::new(fst_bytes).expect("a valid fst");
    let len = fst_bytes.len() + 1;
    // First one record per address, then only the states' kept.
    let mut dense = vec![0u8; len * RECORD];
    let mut done = vec![false; len];
    below(&fst, fst.root().addr(), &mut dense, &mut done);
    let blocks = len.div_ceil(64);
    let mut out = Vec::with_capacity(4 + blocks * BLOCK);
    out.extend_from_slice(&u32::try_from(blocks).expect("small fst").to_le_bytes());
    let mut states = 0u32;
    for block in done.chunks(64) {
        let bits = block
            .iter()
            .enumerate()
            .fold(0u64, |bits, (i, &d)| bits | u64::from(d) << i);
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&states.to_le_bytes());
        states += bits.count_ones();
    }
    for (addr, _) in done.iter().enumerate().filter(|(_, &d)| d) {
        out.extend_from_slice(&dense[addr * RECORD..(addr + 1) * RECORD]);
    }
    out
}

/// The record of the state at `addr` in `table`, if one ends there.
pub fn record(table: &[u8], addr: usize) -> Option<&[u8]> {
    let blocks = u32::from_le_bytes(table.get(..4)?.try_into().ok()?) as usize;
    let at = 4 + addr / 64 * BLOCK;
    let block = table.get(at..at + BLOCK)?;
    let bits = u64::from_le_bytes(block[..8].try_into().ok()?);
    let bit = addr % 64;
    if bits >> bit & 1 == 0 {
        return None;
    }
    let before = u32::from_le_bytes(block[8..].try_into().ok()?) as usize;
    let index = before + (bits & ((1u64 << bit) - 1)).count_ones() as usize;
    let start = 4 + blocks * BLOCK + index * RECORD;
    table.get(start..start + RECORD)
}

/// What is below the state at `addr`: (letter mask, fewest characters,
/// most characters), each state worked out once.
fn below(
    fst: &fst::raw::Fst<&[u8]>,
    addr: usize,
    out: &mut [u8],
    done: &mut [bool],
) -> (u32, u8, u8) {
    let at = addr * RECORD;
    if done[addr] {
        let word = u32::from_le_bytes(out[at..at + 4].try_into().expect("4 bytes"));
        return (word & LETTERS, (word >> MIN_SHIFT) as u8, out[at + 4]);
    }
    let node = fst.node(addr);
    let (mut mask, mut fewest, mut most) = (0u32, if node.is_final() { 0 } else { u8::MAX }, 0u8);
    for t in node.transitions() {
        let (m, lo, hi) = below(fst, t.addr, out, done);
        // A byte starting a character (not a UTF-8 continuation) counts one.
        let step = u8::from(t.inp & 0xC0 != 0x80);
        mask |= m | letter_bit(t.inp);
        fewest = fewest.min(lo.saturating_add(step));
        most = most.max(hi.saturating_add(step));
    }
    // Capped so that the bound stays true: fewer, or unbounded.
    let fewest = fewest.min(31);
    let word = mask | u32::from(fewest) << MIN_SHIFT;
    out[at..at + 4].copy_from_slice(&word.to_le_bytes());
    out[at + 4] = most;
    done[addr] = true;
    (mask, fewest, most)
}
