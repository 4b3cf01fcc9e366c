//! Front matter of a Markdown story: YAML between `---` lines or TOML
//! between `+++` lines. Only the values of the desk's prose keys
//! ([`super::DEFAULT_PROSE_KEYS`] unless configured) are prose; every
//! other key, and lists, slugs, tags, dates, URLs, are not.
//!
//! A line reader rather than a YAML or TOML parser: newslint needs the
//! exact source bytes of each value, and front matter in newsrooms is
//! flat `key: value` lines. Top-level keys only (a key indented under
//! another, or after a TOML `[table]`, is not read); a value is a plain,
//! single- or double-quoted scalar, a YAML block scalar (`>` or `|`), or a
//! TOML basic, literal or multi-line string.

use super::builder::{Builder, Part};
use super::{MarkupOptions, SegmentKind};
use std::ops::Range;

/// Reads the front matter in `range` of `source` (delimiter lines
/// included) into `b`, one block per prose value.
pub(super) fn read(
    source: &str,
    range: Range<usize>,
    toml: bool,
    options: &MarkupOptions,
    b: &mut Builder,
) {
    let lines = lines(source, range);
    // Without the opening and closing delimiter lines.
    let body = match lines.len() {
        0..=2 => return,
        n => &lines[1..n - 1],
    };
    let mut i = 0;
    while i < body.len() {
        let line = body[i].clone();
        let text = &source[line.clone()];
        if toml && text.trim_start().starts_with('[') {
            return;
        }
        i += 1;
        let Some((key, value)) = key_value(text, toml) else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        if !options
            .prose_keys
            .iter()
            .any(|k| k.eq_ignore_ascii_case(key))
        {
            continue;
        }
        let value_at = line.start + value;
        let (parts, used) = if toml {
            toml_value(source, value_at, &body[i - 1..])
        } else {
            yaml_value(source, value_at, &body[i - 1..])
        };
        i += used;
        if !parts.is_empty() {
            b.begin(kind_of(key));
            for (range, text) in parts {
                match text {
                    None => b.copy(range),
                    Some(t) => b.replace(&t, range),
                }
            }
            b.end();
        }
    }
}

fn kind_of(key: &str) -> SegmentKind {
    match key.to_ascii_lowercase().as_str() {
        "title" | "headline" => SegmentKind::Headline,
        "caption" | "alt" => SegmentKind::Caption,
        "byline" | "author" => SegmentKind::Byline,
        _ => SegmentKind::Metadata,
    }
}

/// The lines of `source[range]`, without their line endings.
fn lines(source: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for line in source[range].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']).len();
        out.push(at..at + content);
        at += line.len();
    }
    out
}

/// A top-level `key: value` (YAML) or `key = value` (TOML) line: the key,
/// and where its value starts in the line.
fn key_value(line: &str, toml: bool) -> Option<(&str, usize)> {
    if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
        return None;
    }
    let sep = if toml { '=' } else { ':' };
    let at = line.find(sep)?;
    let after = &line[at + 1..];
    if !toml && !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let value = at + 1 + (after.len() - after.trim_start().len());
    Some((&line[..at], value))
}

/// How a YAML value that is not a scalar newslint reads starts: a flow
/// sequence or mapping (`[`, `\x7b`), an anchor, an alias, a tag.
const NOT_SCALAR: &[char] = &['[', '\x7b', '&', '*', '!'];

/// A YAML value starting at `at`, the rest of its first line and the
/// lines after it that belong to it; and how many of those later lines
/// it took.
fn yaml_value(source: &str, at: usize, lines: &[Range<usize>]) -> (Vec<Part>, usize) {
    let first_end = lines[0].end;
    let first = &source[at..first_end];
    // Lines indented under the key: a block scalar's or a plain scalar's
    // continuation.
    let more = lines[1..]
        .iter()
        .take_while(|l| {
            let t = &source[(*l).clone()];
            t.trim().is_empty() || t.starts_with([' ', '\t'])
        })
        .count();
    let rest = &lines[1..1 + more];
    match first.chars().next() {
        Some('"') => (quoted(source, at, '"', lines), more),
        Some('\'') => (quoted(source, at, '\'', lines), more),
        Some('>' | '|') => (joined(source, rest), more),
        Some(c) if NOT_SCALAR.contains(&c) => (Vec::new(), more),
        // A list or a mapping under the key: not prose.
        None => (Vec::new(), more),
        Some(_) => {
            let end = comment_start(first).map_or(first_end, |c| at + c);
            let all: Vec<Range<usize>> = std::iter::once(at..end)
                .chain(rest.iter().cloned())
                .collect();
            (joined(source, &all), more)
        }
    }
}

/// Where a plain scalar's ` #` comment starts.
fn comment_start(value: &str) -> Option<usize> {
    value.find(" #").or_else(|| value.find("\t#"))
}

/// Lines joined as one value: each line's text, the breaks between them
/// (and their indentation) a space.
fn joined(source: &str, lines: &[Range<usize>]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for l in lines {
        let text = &source[l.clone()];
        let lead = text.len() - text.trim_start().len();
        let content = l.start + lead..l.start + text.trim_end().len();
        if content.is_empty() {
            continue;
        }
        if let Some(prev) = parts.last().map(|p| p.0.end) {
            parts.push((prev..content.start, Some(" ".into())));
        }
        parts.push((content, None));
    }
    parts
}

/// A quoted value from its opening quote at `at`, decoded: `\"`-style
/// escapes (double quotes) or `''` (single quotes); it may run on over
/// the following lines.
fn quoted(source: &str, at: usize, quote: char, lines: &[Range<usize>]) -> Vec<Part> {
    let end_of_all = lines.last().map_or(source.len(), |l| l.end);
    let body = &source[at + 1..end_of_all];
    let mut parts: Vec<Part> = Vec::new();
    let mut from = 0;
    let mut chars = body.char_indices().peekable();
    let push_plain = |parts: &mut Vec<Part>, from: usize, to: usize| {
        if to > from {
            parts.push((at + 1 + from..at + 1 + to, None));
        }
    };
    while let Some((i, c)) = chars.next() {
        let escape = match (quote, c) {
            ('"', '\\') => chars.next().map(|(j, e)| (j + e.len_utf8(), unescape(e))),
            ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                Some((i + 2, "'".to_string()))
            }
            (_, c) if c == quote => {
                push_plain(&mut parts, from, i);
                return parts;
            }
            ('"' | '\'', '\n') => Some((i + 1, " ".to_string())),
            _ => None,
        };
        if let Some((end, text)) = escape {
            push_plain(&mut parts, from, i);
            parts.push((at + 1 + i..at + 1 + end, Some(text)));
            from = end;
        }
    }
    // No closing quote: not a value newslint can read.
    Vec::new()
}

fn unescape(c: char) -> String {
    match c {
        'n' => "\n".into(),
        't' => "\t".into(),
        '0' => String::new(),
        other => other.to_string(),
    }
}

/// A TOML string value at `at`: basic (`"…"`), literal (`'…'`), or
/// multi-line (`"""…"""`, `'''…'''`); and how many later lines it took.
fn toml_value(source: &str, at: usize, lines: &[Range<usize>]) -> (Vec<Part>, usize) {
    let first = &source[at..lines[0].end];
    for delim in ["\"\"\"", "'''"] {
        if first.starts_with(delim) {
            let start = at + delim.len();
            let close = source[start..].find(delim).map(|i| start + i);
            let Some(close) = close else {
                return (Vec::new(), 0);
            };
            let taken = lines[1..].iter().take_while(|l| l.start <= close).count();
            let inner = self::lines(source, start..close);
            return (joined(source, &inner), taken);
        }
    }
    match first.chars().next() {
        Some(q @ ('"' | '\'')) => (quoted(source, at, q, &lines[..1]), 0),
        _ => (Vec::new(), 0),
    }
}
