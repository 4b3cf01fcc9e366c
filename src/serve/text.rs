//! Text positions for the LanguageTool API: annotated text (markup parts
//! skipped, offsets over the whole) and UTF-16 offsets, which is how
//! LanguageTool (a Java program) and its clients count.

use super::BadRequest;
use serde_json::Value;
use std::ops::Range;

/// A text to check as a client sent it: either plain text, or
/// LanguageTool's annotated text, a list of text parts and markup parts.
/// Only text parts (and a markup part's `interpretAs`) are checked;
/// positions are reported in the whole, markup included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    /// Everything the client sent, markup included.
    pub original: String,
    /// What is checked: the text parts, and what markup is to be read as.
    pub plain: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    plain: Range<usize>,
    original: Range<usize>,
    /// A text part (copied byte for byte) rather than markup.
    text: bool,
}

impl Annotated {
    /// Plain text: checked and reported as it is.
    pub fn plain(text: String) -> Annotated {
        let segments = vec![Segment {
            plain: 0..text.len(),
            original: 0..text.len(),
            text: true,
        }];
        Annotated {
            plain: text.clone(),
            original: text,
            segments,
        }
    }

    /// LanguageTool's `data` parameter: `{"text": "..."}` or
    /// `{"annotation": [{"text": "..."}, {"markup": "<b>"},
    /// {"markup": "<p>", "interpretAs": "\n\n"}, ...]}`.
    pub fn from_data(data: &str) -> Result<Annotated, BadRequest> {
        let value: Value = serde_json::from_str(data)
            .map_err(|e| format!("could not parse JSON from 'data' parameter: {e}"))?;
        let obj = value
            .as_object()
            .ok_or("'data' must be a JSON object with a 'text' or 'annotation' key")?;
        match (obj.get("text"), obj.get("annotation")) {
            (Some(_), Some(_)) => {
                Err("'data' requires either 'text' or 'annotation', not both".into())
            }
            (Some(text), None) => Ok(Annotated::plain(
                text.as_str()
                    .ok_or("'text' in 'data' must be a string")?
                    .to_string(),
            )),
            (None, Some(Value::Array(parts))) => {
                let mut a = Annotated {
                    original: String::new(),
                    plain: String::new(),
                    segments: Vec::with_capacity(parts.len()),
                };
                for part in parts {
                    let field = |key: &str| -> Result<Option<&str>, BadRequest> {
                        match part.get(key) {
                            None | Some(Value::Null) => Ok(None),
                            Some(Value::String(s)) => Ok(Some(s)),
                            Some(other) => Err(BadRequest(format!(
                                "'{key}' in an annotation part must be a string, not {other}"
                            ))),
                        }
                    };
                    match (field("text")?, field("markup")?, field("interpretAs")?) {
                        (Some(_), Some(_), _) => {
                            return Err(BadRequest(format!(
                                "an annotation part has either 'text' or 'markup', not both: {part}"
                            )))
                        }
                        (Some(_), None, Some(_)) => {
                            return Err(BadRequest(format!(
                                "'interpretAs' goes with 'markup', not with 'text': {part}"
                            )))
                        }
                        (Some(text), None, None) => a.push(text, text, true),
                        (None, Some(markup), interpret) => {
                            a.push(markup, interpret.unwrap_or(""), false)
                        }
                        (None, None, _) => {
                            return Err(BadRequest(format!(
                                "an annotation part needs 'text' or 'markup': {part}"
                            )))
                        }
                    }
                }
                Ok(a)
            }
            (None, Some(_)) => Err("'annotation' in 'data' must be a list".into()),
            (None, None) => Err("'data' requires a 'text' or 'annotation' key".into()),
        }
    }

    fn push(&mut self, original: &str, plain: &str, text: bool) {
        let o = self.original.len();
        let p = self.plain.len();
        self.original.push_str(original);
        self.plain.push_str(plain);
        self.segments.push(Segment {
            plain: p..self.plain.len(),
            original: o..self.original.len(),
            text,
        });
    }

    /// The byte span in [`Self::original`] of a byte span in
    /// [`Self::plain`]. A position inside what markup is read as maps to
    /// the whole markup.
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        let start = {
            // The first segment that goes past `span.start` (zero-length
            // markup at that position is passed over).
            let i = self.segments.partition_point(|s| s.plain.end <= span.start);
            match self.segments.get(i) {
                Some(s) if s.text => s.original.start + (span.start - s.plain.start),
                Some(s) => s.original.start,
                None => self.original.len(),
            }
        };
        let end = if span.end <= span.start {
            start
        } else {
            // The segment holding the span's last byte.
            let i = self.segments.partition_point(|s| s.plain.start < span.end);
            match i.checked_sub(1).map(|i| &self.segments[i]) {
                Some(s) if s.text => s.original.start + (span.end - s.plain.start),
                Some(s) => s.original.end,
                None => start,
            }
        };
        start..end.max(start)
    }
}

/// Byte offset to UTF-16 offset, for one text, in time proportional to
/// the distance from a checkpoint rather than from the start.
pub struct Utf16Index<'a> {
    text: &'a str,
    /// (byte, UTF-16 units before it), at char boundaries.
    checkpoints: Vec<(usize, usize)>,
}

const UTF16_CHECKPOINT: usize = 1024;

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let (mut units, mut next) = (0, UTF16_CHECKPOINT);
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, units));
                next = i + UTF16_CHECKPOINT;
            }
            units += c.len_utf16();
        }
        Utf16Index { text, checkpoints }
    }

    /// UTF-16 units before byte `byte` (which must be a char boundary).
    pub fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (b, units) = self.checkpoints[i];
        units + utf16_len(&self.text[b..byte])
    }
}

pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Characters of context either side of a match, as LanguageTool gives.
pub const CONTEXT_CHARS: usize = 40;

/// LanguageTool's `context`: up to [`CONTEXT_CHARS`] characters either
/// side of the span, `...` where cut, line breaks as spaces; with the
/// span's offset and length in it, in UTF-16 units.
pub fn context(text: &str, span: Range<usize>) -> (String, usize, usize) {
    let before: Vec<(usize, char)> = text[..span.start]
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS + 1)
        .collect();
    let (from, cut_start) = if before.len() > CONTEXT_CHARS {
        (before[CONTEXT_CHARS - 1].0, true)
    } else {
        (0, false)
    };
    let after = &text[span.end..];
    let (to, cut_end) = match after.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => (span.end + i, true),
        None => (text.len(), false),
    };
    let flat = |s: &str| s.replace(['\n', '\r'], " ");
    let mut out = String::new();
    if cut_start {
        out.push_str("...");
    }
    out.push_str(&flat(&text[from..span.start]));
    let offset = utf16_len(&out);
    out.push_str(&flat(&text[span.clone()]));
    let length = utf16_len(&out) - offset;
    out.push_str(&flat(&text[span.end..to]));
    if cut_end {
        out.push_str("...");
    }
    (out, offset, length)
}

/// The sentence a span is in: from the end of the sentence before (a full
/// stop, question or exclamation mark followed by a space, or a line
/// break) to the end of this one, trimmed.
pub fn sentence(text: &str, span: Range<usize>) -> &str {
    let bytes = text.as_bytes();
    let ends_sentence = |i: usize| -> bool {
        // Byte `i` is a space or line break after sentence punctuation
        // (closing quotes and brackets allowed between).
        let b = bytes[i];
        if b == b'\n' {
            return true;
        }
        if b != b' ' {
            return false;
        }
        let head = text[..i].trim_end_matches(['"', '\'', '”', '’', ')', ']']);
        head.ends_with(['.', '?', '!'])
    };
    let mut start = span.start.min(text.len());
    while start > 0 && !ends_sentence(start - 1) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while end < text.len() && !ends_sentence(end) {
        end += 1;
    }
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_maps_to_itself() {
        let a = Annotated::plain("The troups left.".into());
        assert_eq!(a.plain, a.original);
        assert_eq!(a.to_original(4..10), 4..10);
        assert_eq!(a.to_original(16..16), 16..16);
    }

    #[test]
    fn annotated_text_skips_markup_and_reports_over_the_whole() {
        let data = r#"{"annotation": [
            {"text": "The "}, {"markup": "<b>"}, {"text": "troups"}, {"markup": "</b>"},
            {"text": " left."}, {"markup": "<p>", "interpretAs": "\n\n"}, {"text": "The the end."}
        ]}"#;
        let a = Annotated::from_data(data).unwrap();
        assert_eq!(a.plain, "The troups left.\n\nThe the end.");
        assert_eq!(a.original, "The <b>troups</b> left.<p>The the end.");
        let troups = a.plain.find("troups").unwrap();
        let span = a.to_original(troups..troups + 6);
        assert_eq!(&a.original[span], "troups");
        // A span running over what markup is read as covers the markup.
        let the = a.plain.find("left.").unwrap();
        let span = a.to_original(the..a.plain.find("The the").unwrap() + 3);
        assert_eq!(&a.original[span], "left.<p>The");
        let last = a.plain.rfind("the").unwrap();
        assert_eq!(&a.original[a.to_original(last..last + 3)], "the");
    }

    #[test]
    fn bad_data_is_refused_with_a_reason() {
        for (data, says) in [
            ("{", "could not parse"),
            ("[]", "JSON object"),
            (r#"{"text": "a", "annotation": []}"#, "not both"),
            (
                r#"{"annotation": [{"text": "a", "markup": "b"}]}"#,
                "not both",
            ),
            (
                r#"{"annotation": [{"text": "a", "interpretAs": "b"}]}"#,
                "interpretAs",
            ),
            (
                r#"{"annotation": [{"other": 1}]}"#,
                "needs 'text' or 'markup'",
            ),
            (r#"{"annotation": "x"}"#, "must be a list"),
            (r#"{"nothing": 1}"#, "requires a 'text' or 'annotation'"),
        ] {
            let err = Annotated::from_data(data).unwrap_err().0;
            assert!(err.contains(says), "{data}: {err}");
        }
        assert_eq!(
            Annotated::from_data(r#"{"text": "x"}"#).unwrap(),
            Annotated::plain("x".into())
        );
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "a🙂 é troups".repeat(400);
        let index = Utf16Index::new(&text);
        for (byte, _) in text.char_indices().step_by(7) {
            assert_eq!(index.at(byte), text[..byte].encode_utf16().count());
        }
        assert_eq!(index.at(text.len()), text.encode_utf16().count());
    }

    #[test]
    fn context_is_cut_at_forty_characters_with_the_span_in_utf16() {
        let text = format!("{}🙂 the troups\nleft{}", "x".repeat(50), " y".repeat(30));
        let at = text.find("troups").unwrap();
        let (ctx, offset, length) = context(&text, at..at + 6);
        assert!(ctx.starts_with("..."), "{ctx}");
        assert!(ctx.ends_with("..."), "{ctx}");
        assert!(!ctx.contains('\n'));
        let units: Vec<u16> = ctx.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[offset..offset + length]).unwrap(),
            "troups"
        );
        let (short, offset, _) = context("The troups left.", 4..10);
        assert_eq!((short.as_str(), offset), ("The troups left.", 4));
    }

    #[test]
    fn the_sentence_of_a_span() {
        let text = "First one. The troups “left.” Then more\nNext line.";
        let at = text.find("troups").unwrap();
        assert_eq!(sentence(text, at..at + 6), "The troups “left.”");
        let at = text.find("more").unwrap();
        assert_eq!(sentence(text, at..at + 4), "Then more");
    }
}
