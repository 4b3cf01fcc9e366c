//! An open document's text and the arithmetic between LSP positions
//! (line, UTF-16 code unit by default) and newslint's byte offsets.
//!
//! The text is a rope ([`ropey`]), built to recognise exactly the line ends
//! the LSP specification names: `\n`, `\r\n` and a lone `\r`. Every
//! position the server sends or reads comes from the rope's one line
//! index, so it matches the editor's even in a file with old Mac line ends
//! (the command line's [`crate::text::document::Document`] counts `\n`
//! only, as its output contract says). An edit costs O(log n) however long
//! the story, so typing into a 20 MB file stays cheap; the checker reads
//! the text as one string, made on demand and kept until the next edit.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use ropey::Rope;
use std::cell::OnceCell;

/// How a position's `character` counts: negotiated at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

/// The text of one open document.
#[derive(Debug, Clone, Default)]
pub struct Text {
    rope: Rope,
    /// The whole text as one string, for the checker (made on demand).
    flat: OnceCell<String>,
}

impl Text {
    pub fn new(text: &str) -> Self {
        Text {
            rope: Rope::from_str(text),
            flat: OnceCell::new(),
        }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole text as one string (built once per version).
    pub fn as_str(&self) -> &str {
        self.flat.get_or_init(|| self.rope.to_string())
    }

    /// The text of a byte span, if it lies on character boundaries inside
    /// the text.
    pub fn slice(&self, span: std::ops::Range<usize>) -> Option<String> {
        if span.start > span.end || span.end > self.len() {
            return None;
        }
        let on_boundary = |b: usize| self.rope.char_to_byte(self.rope.byte_to_char(b)) == b;
        if !on_boundary(span.start) || !on_boundary(span.end) {
            return None;
        }
        Some(self.rope.byte_slice(span).to_string())
    }

    /// The number of lines (a text ending in a line end has an empty last
    /// line, as the LSP counts).
    pub fn line_count(&self) -> usize {
        self.rope.len_lines()
    }

    /// The line end of `line` (`"\r\n"`, `"\n"`, `"\r"`), or `""` for the
    /// last line.
    pub fn line_end(&self, line: usize) -> &'static str {
        if line + 1 >= self.line_count() {
            return "";
        }
        let next = self.rope.line_to_byte(line + 1);
        match (
            next.checked_sub(2).map(|b| self.rope.byte(b)),
            self.rope.byte(next - 1),
        ) {
            (Some(b'\r'), b'\n') => "\r\n",
            (_, b'\n') => "\n",
            _ => "\r",
        }
    }

    /// The byte range of `line`'s content, without its line end.
    fn content(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.rope.line_to_byte(line);
        let end = if line + 1 < self.line_count() {
            self.rope.line_to_byte(line + 1) - self.line_end(line).len()
        } else {
            self.len()
        };
        start..end
    }

    /// `byte` moved back to the start of the character holding it.
    fn char_start(&self, byte: usize) -> usize {
        self.rope.char_to_byte(self.rope.byte_to_char(byte))
    }

    /// The byte offset of a position; past the end of a line means its
    /// end (before the line end), past the last line means the end of the
    /// text, and a position inside a character means that character's
    /// start.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_count() {
            return self.len();
        }
        let content = self.content(line);
        let want = pos.character as usize;
        match enc {
            Encoding::Utf8 => self.char_start((content.start + want).min(content.end)),
            Encoding::Utf16 => {
                let cu = |byte: usize| self.rope.char_to_utf16_cu(self.rope.byte_to_char(byte));
                let (first, last) = (cu(content.start), cu(content.end));
                let at = self.rope.utf16_cu_to_char((first + want).min(last));
                self.rope.char_to_byte(at)
            }
        }
    }

    /// The position of a byte offset (clamped to the text, and moved back
    /// to a character boundary).
    pub fn position(&self, byte: usize, enc: Encoding) -> Position {
        let byte = self.char_start(byte.min(self.len()));
        let line = self.line_of(byte);
        let start = self.rope.line_to_byte(line);
        let character = match enc {
            Encoding::Utf8 => byte - start,
            Encoding::Utf16 => {
                self.rope.char_to_utf16_cu(self.rope.byte_to_char(byte))
                    - self.rope.char_to_utf16_cu(self.rope.line_to_char(line))
            }
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: std::ops::Range<usize>, enc: Encoding) -> Range {
        Range::new(self.position(span.start, enc), self.position(span.end, enc))
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        self.rope.byte_to_line(byte.min(self.len()))
    }

    /// The byte where the line holding `byte` starts.
    pub fn line_start_of(&self, byte: usize) -> usize {
        self.rope.line_to_byte(self.line_of(byte))
    }

    /// Applies one `didChange` edit: a range and its new text, or (no
    /// range) the whole new text.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        self.flat = OnceCell::new();
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = self.offset(range.start, enc);
                let end = self.offset(range.end, enc).max(start);
                let first = self.rope.byte_to_char(start);
                self.rope.remove(first..self.rope.byte_to_char(end));
                self.rope.insert(first, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn utf16_counts_curly_quotes_dashes_accents_and_emoji() {
        // “ (3 bytes, 1 unit), é (2 bytes, 1 unit), 🙂 (4 bytes, 2 units).
        let t = Text::new("“José” — 🙂 troups\nnext");
        let at = t.as_str().find("troups").unwrap();
        assert_eq!(t.position(at, Encoding::Utf16), Position::new(0, 12));
        assert_eq!(t.position(at, Encoding::Utf8), Position::new(0, at as u32));
        assert_eq!(t.offset(Position::new(0, 12), Encoding::Utf16), at);
        assert_eq!(t.offset(Position::new(1, 2), Encoding::Utf16), at + 7 + 2);
        // Half a surrogate pair goes back to the emoji's start.
        let emoji = t.as_str().find('🙂').unwrap();
        assert_eq!(t.offset(Position::new(0, 10), Encoding::Utf16), emoji);
        // A byte inside `’`-like characters goes back to their start.
        assert_eq!(t.offset(Position::new(0, 1), Encoding::Utf8), 0);
        // Past the end of a line, past the end of the text.
        assert_eq!(t.offset(Position::new(0, 99), Encoding::Utf16), at + 6);
        assert_eq!(t.offset(Position::new(9, 0), Encoding::Utf16), t.len());
    }

    #[test]
    fn crlf_lines_end_before_the_carriage_return() {
        let t = Text::new("ab\r\ncd");
        assert_eq!(t.offset(Position::new(0, 9), Encoding::Utf16), 2);
        assert_eq!(t.position(4, Encoding::Utf16), Position::new(1, 0));
        assert_eq!(t.line_end(0), "\r\n");
        assert_eq!(t.line_end(1), "");
    }

    /// #12 item 14: `\n`, `\r\n` and a lone `\r` each end a line, as the
    /// LSP specification says, so positions match the editor's.
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let t = Text::new("one\rtwo\r\nthree\nfour troups");
        assert_eq!(t.line_count(), 4);
        let at = t.as_str().find("troups").unwrap();
        assert_eq!(t.position(at, Encoding::Utf16), Position::new(3, 5));
        assert_eq!(t.offset(Position::new(3, 5), Encoding::Utf16), at);
        assert_eq!(t.position(4, Encoding::Utf16), Position::new(1, 0));
        assert_eq!(t.offset(Position::new(0, 99), Encoding::Utf16), 3);
        assert_eq!(t.offset(Position::new(1, 99), Encoding::Utf8), 7);
        assert_eq!(
            [t.line_end(0), t.line_end(1), t.line_end(2)],
            ["\r", "\r\n", "\n"]
        );
        assert_eq!(t.line_of(at), 3);
        assert_eq!(t.line_start_of(at), at - 5);
        // An edit that joins a lone `\r` and a `\n` makes one line end.
        let mut t = Text::new("a\rb");
        assert_eq!(t.line_count(), 2);
        t.apply(&change(1, 0, 1, 0, "\n"), Encoding::Utf16);
        assert_eq!(t.as_str(), "a\r\nb");
        assert_eq!(t.line_count(), 2);
        assert_eq!(t.position(3, Encoding::Utf16), Position::new(1, 0));
        t.apply(&change(1, 0, 1, 0, "\r"), Encoding::Utf16);
        assert_eq!(t.as_str(), "a\r\n\rb");
        assert_eq!(t.line_count(), 3);
        assert_eq!(t.position(4, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let mut t = Text::new("The troups left.\nThey came back.");
        t.apply(&change(0, 4, 0, 10, "troops"), Encoding::Utf16);
        t.apply(&change(1, 0, 1, 0, "“Émile” — "), Encoding::Utf16);
        t.apply(&change(1, 9, 1, 9, "!"), Encoding::Utf16);
        assert_eq!(t.as_str(), "The troops left.\n“Émile” —! They came back.");
        t.apply(
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(t.as_str(), "new");
        assert_eq!(t.line_of(2), 0);
    }

    /// Lines as the LSP counts them, the slow way: (start, content end).
    fn naive_lines(s: &str) -> Vec<(usize, usize)> {
        let b = s.as_bytes();
        let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
        while i < b.len() {
            let end_len = match (b[i], b.get(i + 1)) {
                (b'\r', Some(b'\n')) => 2,
                (b'\r', _) | (b'\n', _) => 1,
                _ => 0,
            };
            if end_len > 0 {
                out.push((start, i));
                start = i + end_len;
                i = start;
            } else {
                i += 1;
            }
        }
        out.push((start, b.len()));
        out
    }

    fn naive_position(s: &str, byte: usize) -> Position {
        let lines = naive_lines(s);
        let line = lines.iter().rposition(|&(start, _)| start <= byte).unwrap();
        let units = s[lines[line].0..byte].encode_utf16().count();
        Position::new(line as u32, units as u32)
    }

    proptest::proptest! {
        #[test]
        fn positions_match_a_naive_count(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "🙂", "\r", "\n", "\r\n", " ", "’"]),
                0..40,
            ),
            edits in proptest::collection::vec((0u32..8, 0u32..6, 0u32..8, 0u32..6, 0usize..4), 0..6),
        ) {
            let mut model: String = parts.concat();
            let mut t = Text::new(&model);
            let inserts = ["", "x", "\r", "🙂\n"];
            for (l0, c0, l1, c1, what) in edits {
                let (a, b) = (Position::new(l0, c0), Position::new(l1, c1));
                let (start, end) = (t.offset(a, Encoding::Utf16), t.offset(b, Encoding::Utf16));
                model.replace_range(start..end.max(start), inserts[what]);
                t.apply(&change(l0, c0, l1, c1, inserts[what]), Encoding::Utf16);
                proptest::prop_assert_eq!(t.as_str(), model.as_str());
            }
            proptest::prop_assert_eq!(t.line_count(), naive_lines(&model).len());
            for (start, end) in naive_lines(&model) {
                for byte in (start..=end).filter(|&b| model.is_char_boundary(b)) {
                    let pos = t.position(byte, Encoding::Utf16);
                    proptest::prop_assert_eq!(pos, naive_position(&model, byte));
                    proptest::prop_assert_eq!(t.offset(pos, Encoding::Utf16), byte);
                }
            }
        }
    }

    #[test]
    fn slices_refuse_spans_off_the_text() {
        let t = Text::new("“ab”");
        assert_eq!(t.slice(3..5).as_deref(), Some("ab"));
        assert_eq!(t.slice(1..5), None);
        assert_eq!(t.slice(3..99), None);
    }
}
