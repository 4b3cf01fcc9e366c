//! Rule selectors: a rule id (`typography.double-space`), a family or any
//! dotted prefix of ids (`typography`, `style.agency`), or `ALL`. The
//! registry, `[severity]` tables and suppression comments all name rules
//! this way.

/// Whether `pattern` (an id, a prefix or `ALL`) covers the rule `id`.
pub fn covers(pattern: &str, id: &str) -> bool {
    specificity(pattern, id).is_some()
}

/// How specific a selector is for `id`: `None` if it does not cover it,
/// else the number of its dotted parts (`ALL` is 0).
pub fn specificity(pattern: &str, id: &str) -> Option<usize> {
    if pattern == "ALL" {
        return Some(0);
    }
    let prefix = pattern.trim_end_matches(['.', '*']);
    let named = id == prefix
        || id
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.'));
    named.then(|| prefix.split('.').count())
}

/// The value of the most specific selector in `list` that covers `id`.
pub fn most_specific<T: Copy>(list: &[(String, T)], id: &str) -> Option<T> {
    list.iter()
        .filter_map(|(p, v)| specificity(p, id).map(|s| (s, *v)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_cover_ids_families_and_prefixes() {
        assert!(covers("typography", "typography.double-space"));
        assert!(covers("typography.double-space", "typography.double-space"));
        assert!(covers("style.agency.", "style.agency.numerals"));
        assert!(covers("ALL", "spelling.unknown-word"));
        assert!(!covers("typo", "typography.double-space"));
        assert_eq!(specificity("ALL", "names.unknown"), Some(0));
        assert_eq!(specificity("style.core", "style.core.cliche"), Some(2));
        let list = [
            ("style".to_string(), 1),
            ("style.core.cliche".to_string(), 3),
            ("style.core".to_string(), 2),
        ];
        assert_eq!(most_specific(&list, "style.core.cliche"), Some(3));
        assert_eq!(most_specific(&list, "style.core.banned"), Some(2));
        assert_eq!(most_specific(&list, "spelling.unknown-word"), None);
    }
}
