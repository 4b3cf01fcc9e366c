//! A fast hasher for the small keys newslint's hot tables use (word ids,
//! short spellings): FNV-1a, which hashes a short word several times faster
//! than the standard library's DoS-resistant SipHash. The keys come from
//! the text being checked: a story crafted to collide could slow its own
//! check, but a linter reads its user's own copy, so speed wins here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u32(&mut self, n: u32) {
        // One multiply for a whole id, then a mix so nearby ids spread.
        let h = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// A table a thread keeps across stories for one owner (a model, a speller,
/// named by numbers unique for the process): emptied when the owner
/// changes, or when it has outgrown its limit.
pub struct OwnedMap<K, V> {
    owner: Option<(usize, u64)>,
    map: FastMap<K, V>,
}

impl<K, V> Default for OwnedMap<K, V> {
    fn default() -> Self {
        OwnedMap {
            owner: None,
            map: FastMap::default(),
        }
    }
}

impl<K, V> OwnedMap<K, V> {
    /// The table of `owner`, empty if it was another's or held more than
    /// `limit` entries.
    pub fn of(&mut self, owner: (usize, u64), limit: usize) -> &mut FastMap<K, V> {
        if self.owner != Some(owner) || self.map.len() > limit {
            self.owner = Some(owner);
            self.map.clear();
        }
        &mut self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold() {
        let mut m: FastMap<&str, u32> = FastMap::default();
        for (i, w) in ["drones", "drowns", "troops", "the", ""].iter().enumerate() {
            m.insert(w, i as u32);
        }
        assert_eq!(m.get("troops"), Some(&2));
        assert_eq!(m.get("troup"), None);
        let ids: FastSet<u32> = (0..1000).map(|i| i * 7).collect();
        assert!(ids.contains(&693) && !ids.contains(&694));
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn an_owned_map_starts_afresh_for_another_owner_or_past_its_limit() {
        let mut m: OwnedMap<u32, u32> = OwnedMap::default();
        m.of((1, 0), 2).insert(7, 7);
        assert_eq!(m.of((1, 0), 2).get(&7), Some(&7));
        assert!(m.of((2, 0), 2).is_empty());
        let t = m.of((2, 0), 2);
        t.extend([(1, 1), (2, 2), (3, 3)]);
        assert!(m.of((2, 0), 2).is_empty());
    }
}
