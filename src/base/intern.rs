//! Rule ids of rules loaded at run time (a desk's style rules, Vale rules)
//! kept for the life of the process, so that a finding names its rule as a
//! `&'static str` whether the rule is built in or read from a file.
//!
//! This is one of newslint's two deliberate process-lifetime allocations
//! (the other is the embedded context model, opened once): it grows only by
//! ids never seen before, so reloading the same rules, as the language
//! server does on every configuration change, adds nothing.

use std::collections::HashSet;
use std::sync::Mutex;

/// The one `&'static str` for `id`.
pub fn rule_id(id: &str) -> &'static str {
    static IDS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
    let ids = ids.get_or_insert_with(HashSet::new);
    if let Some(&known) = ids.get(id) {
        return known;
    }
    let kept: &'static str = Box::leak(id.to_string().into_boxed_str());
    ids.insert(kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_kept_once() {
        let a = rule_id("vale.Desk.Wordy");
        let b = rule_id(&String::from("vale.Desk.Wordy"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "vale.Desk.Wordy");
    }
}
