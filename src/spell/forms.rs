//! Word forms: whether two words are forms of one another, and whether an
//! unknown word is a known word with a regular ending.

/// Whether two words are forms of one another (`leg`/`legs`,
/// `person's`/`persons`, `bore`/`bored`): a grammar question the model
/// judges poorly, and a frequent false alarm in tuning.
pub fn inflection(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let tail = long.strip_prefix(short);
    matches!(tail, Some("s" | "es" | "d" | "ed" | "'s" | "'"))
        || short.replace('\'', "") == long.replace('\'', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_recognised() {
        assert!(inflection("legs", "leg"));
        assert!(inflection("persons", "person's"));
        assert!(inflection("bore", "bored"));
        assert!(!inflection("trail", "trial"));
        assert!(!inflection("from", "form"));
    }
}
