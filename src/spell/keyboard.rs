//! QWERTY geometry, for judging how likely a slip of one key is.

const ROWS: [(&str, f32); 3] = [("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75)];

fn position(c: char) -> Option<(f32, f32)> {
    let c = c.to_ascii_lowercase();
    ROWS.iter()
        .enumerate()
        .find_map(|(row, (keys, offset))| keys.find(c).map(|col| (row as f32, col as f32 + offset)))
}

/// Whether two letters sit next to each other on a QWERTY keyboard.
pub fn adjacent(a: char, b: char) -> bool {
    match (position(a), position(b)) {
        (Some((ra, xa)), Some((rb, xb))) if a != b => {
            let (dr, dx) = ((ra - rb).abs(), (xa - xb).abs());
            (dr == 0.0 && dx <= 1.0) || (dr == 1.0 && dx <= 0.75)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::adjacent;

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
}
