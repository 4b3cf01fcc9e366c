//! `newslint check --fix` and `--diff`: apply the safe fixes of a story's
//! findings (see [`crate::rules::Rule::safe_fix`]) and write the file
//! atomically, or show them as a unified diff.
//!
//! Overlapping fixes: the first (by position) is kept, the others wait for
//! the next run. A file is written through a temporary file in its own
//! folder, with its permissions, then renamed over the original, and only
//! if the original still holds the text that was checked.

use crate::base::finding::Finding;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// The edits the fixes make in `text`: each fix's span and its first
/// suggestion, in order, leaving out those that change nothing and those
/// that overlap an earlier one.
pub fn edits(text: &str, fixes: &[&Finding]) -> Vec<(Range<usize>, String)> {
    let mut sorted: Vec<&&Finding> = fixes.iter().collect();
    sorted.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = Vec::new();
    let mut at = 0;
    for f in sorted {
        let Some(new) = f.suggestions.first() else {
            continue;
        };
        if f.span.start < at || f.span.end > text.len() || &text[f.span.clone()] == new {
            continue;
        }
        out.push((f.span.clone(), new.clone()));
        at = f.span.end;
    }
    out
}

/// `text` with the fixes applied, and how many were.
pub fn apply(text: &str, fixes: &[&Finding]) -> (String, usize) {
    let edits = edits(text, fixes);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, new) in &edits {
        out.push_str(&text[at..span.start]);
        out.push_str(new);
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, edits.len())
}

/// A unified diff of `old` → `new` for `path`; empty when they are equal.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&label(path, "a/"), &label(path, "b/"))
        .to_string()
}

/// `a/sport/story.txt` for a relative path, as `git diff` writes it.
fn label(path: &str, side: &str) -> String {
    if path.starts_with('/') || path == "-" {
        path.to_string()
    } else {
        format!("{side}{}", path.trim_start_matches("./"))
    }
}

/// Replaces `path`'s content with `new`, atomically, if it still holds
/// `expected`: a temporary file beside it, same permissions, then rename.
pub fn write_atomic(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("story");
    let mut tmp_path = None;
    let mut file = None;
    for i in 0..100u32 {
        let candidate = dir.join(format!(".{name}.newslint-{}-{i}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => {
                tmp_path = Some(candidate);
                file = Some(f);
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{shown}: cannot write beside it: {e}")),
        }
    }
    let (Some(tmp), Some(mut file)) = (tmp_path, file) else {
        return Err(format!("{shown}: no free temporary name"));
    };
    let result = (|| {
        file.write_all(new)
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("{shown}: cannot write: {e}"))?;
        std::fs::set_permissions(&tmp, meta.permissions())
            .map_err(|e| format!("{shown}: cannot keep permissions: {e}"))?;
        // Changed on disk while we worked (an editor saved it)? Leave it.
        let now = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
        let same_time = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .zip(meta.modified().ok())
            .is_none_or(|(a, b)| a == b);
        if now != expected || !same_time {
            return Err(format!(
                "{shown}: changed on disk during the run; not fixed"
            ));
        }
        std::fs::rename(&tmp, path).map_err(|e| format!("{shown}: cannot replace: {e}"))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::finding::Severity;

    fn fix(span: std::ops::Range<usize>, new: &str) -> Finding {
        Finding::new("t.x", Severity::Info, span, "x").with_suggestions(vec![new.to_string()])
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let a = fix(0..5, "AAAAA");
        let b = fix(3..8, "B");
        let c = fix(9..10, "C");
        let (out, n) = apply("0123456789", &[&b, &a, &c]);
        assert_eq!((out.as_str(), n), ("AAAAA5678C", 2));
    }

    #[test]
    fn write_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.txt");
        std::fs::write(&p, "new text").unwrap();
        assert!(write_atomic(&p, b"old text", b"fixed").is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new text");
        write_atomic(&p, b"new text", b"fixed").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "fixed");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn diff_is_unified() {
        let d = diff("s.txt", "one\ntwo  three\n", "one\ntwo three\n");
        assert!(d.starts_with("--- a/s.txt\n+++ b/s.txt\n@@"), "{d}");
        assert!(d.contains("-two  three\n+two three\n"), "{d}");
        assert_eq!(diff("s.txt", "same", "same"), "");
    }
}
