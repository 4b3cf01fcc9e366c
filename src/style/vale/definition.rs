//! A Vale rule file as written: the YAML keys every rule type shares and
//! those of each type, read leniently as Vale reads them (unknown keys are
//! ignored, a scalar where a list is expected is a one-item list), and the
//! shared parts of a rule once read: its level, message and scope.

use crate::base::finding::Severity;
use serde::Deserialize;
use serde_norway::Value;

/// Every key newslint reads from a Vale rule file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RuleYaml {
    pub extends: Option<String>,
    pub message: Option<String>,
    pub description: Option<String>,
    pub level: Option<String>,
    pub link: Option<String>,
    pub scope: Option<Value>,
    pub limit: Option<usize>,
    pub action: Option<ActionYaml>,
    pub ignorecase: bool,
    pub nonword: bool,
    pub tokens: Option<Value>,
    pub raw: Option<Value>,
    pub exceptions: Option<Value>,
    pub vocab: Option<bool>,
    pub append: bool,
    pub swap: Option<Value>,
    pub either: Option<Value>,
    pub capitalize: bool,
    // occurrence, repetition
    pub max: Option<usize>,
    pub min: Option<usize>,
    pub token: Option<String>,
    pub alpha: bool,
    // capitalization
    #[serde(rename = "match")]
    pub match_: Option<String>,
    pub style: Option<String>,
    pub indicators: Option<Value>,
    pub threshold: Option<f64>,
    // conditional
    pub first: Option<String>,
    pub second: Option<String>,
    // metric
    pub formula: Option<String>,
    pub condition: Option<String>,
    // spelling
    pub ignore: Option<Value>,
    pub filters: Option<Value>,
    pub custom: bool,
    pub dictionaries: Option<Value>,
    // deprecated
    pub code: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActionYaml {
    pub name: Option<String>,
    pub params: Option<Value>,
}

/// A YAML scalar as Vale's decoder would turn it into a string.
pub(super) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list of strings: a sequence, or one scalar standing for a list of one.
pub(super) fn strings(v: &Option<Value>) -> Vec<String> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(seq)) => seq.iter().filter_map(scalar).collect(),
        Some(other) => scalar(other).into_iter().collect(),
    }
}

/// A map of strings in file order (`swap`, `either`).
pub(super) fn pairs(v: &Option<Value>) -> Vec<(String, String)> {
    match v {
        Some(Value::Mapping(m)) => m
            .iter()
            .filter_map(|(k, v)| Some((scalar(k)?, scalar(v).unwrap_or_default())))
            .collect(),
        _ => Vec::new(),
    }
}

/// Vale's level names.
pub(super) fn severity(level: &str) -> Option<Severity> {
    match level {
        "suggestion" => Some(Severity::Info),
        "warning" => Some(Severity::Warning),
        "error" => Some(Severity::Error),
        _ => None,
    }
}

/// A rule's message with Vale's `%s` (and `%[n]s`) filled in: each plain
/// `%s` takes the next argument, cycling when there are more `%s` than
/// arguments; `%[n]s` takes argument `n` (1-based).
pub fn format_message(message: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut next = 0;
    let mut rest = message;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('s') {
            if args.is_empty() {
                out.push_str("%s");
            } else {
                out.push_str(args[next % args.len()]);
                next += 1;
            }
            rest = tail;
        } else if let Some((n, tail)) = indexed(after) {
            out.push_str(args.get(n.wrapping_sub(1)).copied().unwrap_or(""));
            rest = tail;
        } else if let Some(tail) = after.strip_prefix('%') {
            out.push('%');
            rest = tail;
        } else {
            out.push('%');
            rest = after;
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `[n]s` after a `%`: the index and the text after it.
fn indexed(s: &str) -> Option<(usize, &str)> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find(']')?;
    let n = inner[..close].parse().ok()?;
    let tail = inner[close + 1..].strip_prefix('s')?;
    Some((n, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fill_in_like_vale() {
        assert_eq!(
            format_message("Use '%s' instead of '%s'.", &["a", "b"]),
            "Use 'a' instead of 'b'."
        );
        assert_eq!(format_message("'%s' twice: '%s'", &["x"]), "'x' twice: 'x'");
        assert_eq!(format_message("%[2]s then %[1]s", &["a", "b"]), "b then a");
        assert_eq!(format_message("100% sure", &["x"]), "100% sure");
        assert_eq!(format_message("No args %s", &[]), "No args %s");
    }

    #[test]
    fn lists_and_maps_read_leniently() {
        let y: RuleYaml =
            serde_norway::from_str("extends: existence\ntokens: one\nswap:\n  b: c\n  a: 1\n")
                .unwrap();
        assert_eq!(strings(&y.tokens), ["one"]);
        assert_eq!(
            pairs(&y.swap),
            [("b".into(), "c".into()), ("a".into(), "1".into())]
        );
    }
}
