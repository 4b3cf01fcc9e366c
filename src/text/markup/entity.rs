//! Character references (`&rsquo;`, `&#8217;`, `&#x2019;`), decoded one at
//! a time so that each keeps its own source span: a finding on
//! `council&rsquo;s` covers the whole reference in the file.
//!
//! Named references are decoded by html5gum (the WHATWG table, legacy
//! names without `;` included) on the reference alone; numeric ones here.

use std::ops::Range;

/// The character reference at the start of `raw` (which starts with `&`):
/// how many bytes it takes and what it stands for; `None` when `raw` does
/// not start with one.
pub fn decode_one(raw: &str) -> Option<(usize, String)> {
    let bytes = raw.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    if bytes.get(1) == Some(&b'#') {
        return numeric(raw);
    }
    let name_len = raw[1..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if name_len == 0 {
        return None;
    }
    let mut end = 1 + name_len;
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    named(&raw[..end])
}

fn numeric(raw: &str) -> Option<(usize, String)> {
    let (digits_at, radix) = match raw.as_bytes().get(2) {
        Some(b'x' | b'X') => (3, 16),
        _ => (2, 10),
    };
    let digits = raw[digits_at..]
        .bytes()
        .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
        .count();
    if digits == 0 {
        return None;
    }
    let mut end = digits_at + digits;
    if raw.as_bytes().get(end) == Some(&b';') {
        end += 1;
    }
    let value = u32::from_str_radix(&raw[digits_at..digits_at + digits], radix).unwrap_or(0xfffd);
    let c = char::from_u32(value)
        .filter(|&c| c != '\0')
        .unwrap_or('\u{fffd}');
    Some((end, c.to_string()))
}

/// `candidate` is `&name` or `&name;`. What html5gum makes of it alone is
/// the reference's characters, then whatever of the name the reference
/// did not take (`&notit;` is `¬` and `it;`).
fn named(candidate: &str) -> Option<(usize, String)> {
    let decoded = tokenize_text(candidate);
    if decoded == candidate {
        return None;
    }
    // A whole reference decodes to one or two characters; a legacy one
    // followed by more of the name leaves at least two of them behind.
    if decoded.chars().count() <= 2 {
        return Some((candidate.len(), decoded));
    }
    let common = decoded
        .bytes()
        .rev()
        .zip(candidate.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let taken = candidate.len() - common;
    (taken > 1).then(|| (taken, decoded[..decoded.len() - common].to_string()))
}

fn tokenize_text(text: &str) -> String {
    let mut out = String::new();
    for token in html5gum::Tokenizer::new(text).flatten() {
        if let html5gum::Token::String(s) = token {
            out.push_str(&String::from_utf8_lossy(&s));
        }
    }
    out
}

/// `raw` (a source slice starting at `at`) cut into plain runs and
/// character references: each part's source range and, for a reference,
/// what it stands for.
pub fn parts(raw: &str, at: usize) -> Vec<(Range<usize>, Option<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while let Some(j) = raw[i..].find('&').map(|j| i + j) {
        match decode_one(&raw[j..]) {
            Some((len, text)) => {
                if j > from {
                    out.push((at + from..at + j, None));
                }
                out.push((at + j..at + j + len, Some(text)));
                from = j + len;
                i = from;
            }
            None => i = j + 1,
        }
    }
    if from < raw.len() {
        out.push((at + from..at + raw.len(), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_with_their_length() {
        assert_eq!(decode_one("&rsquo;s"), Some((7, "’".into())));
        assert_eq!(decode_one("&#8217;"), Some((7, "’".into())));
        assert_eq!(decode_one("&#x2019;x"), Some((8, "’".into())));
        assert_eq!(decode_one("&amp; co"), Some((5, "&".into())));
        assert_eq!(decode_one("&copy2024"), Some((5, "©".into())));
        assert_eq!(decode_one("&notit;"), Some((4, "¬".into())));
        assert_eq!(decode_one("&semi;"), Some((6, ";".into())));
        assert_eq!(decode_one("&#59;"), Some((5, ";".into())));
        assert_eq!(decode_one("&nosuch;"), None);
        assert_eq!(decode_one("& co"), None);
    }

    #[test]
    fn parts_cover_the_raw_text() {
        let raw = "council&rsquo;s &ldquo;x&rdquo; & more";
        let got = parts(raw, 10);
        assert_eq!(got[0], (10..17, None));
        assert_eq!(got[1], (17..24, Some("’".into())));
        assert_eq!(got.last().unwrap().0.end, 10 + raw.len());
    }
}
