//! An open document's text and the arithmetic between LSP positions
//! (line, UTF-16 code unit by default) and newslint's byte offsets.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// How a position's `character` counts: negotiated at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

/// The text of one open document and where its lines start.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    line_starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Self {
        let mut t = Text {
            text,
            line_starts: Vec::new(),
        };
        t.index();
        t
    }

    fn index(&mut self) {
        self.line_starts.clear();
        self.line_starts.push(0);
        self.line_starts.extend(
            self.text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
    }

    /// The byte range of line `line` (0-based), without its `\n` (a `\r`
    /// before it is kept: LSP counts it as part of the line ending too, so
    /// positions never point into it in practice).
    fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end
    }

    /// The byte offset of a position; past the end of a line means its
    /// end, past the last line means the end of the text, and a position
    /// inside a character means the start of that character.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let range = self.line_range(line);
        let line_text = &self.text[range.clone()];
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= want {
                return range.start + i;
            }
            units += match enc {
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
            if units > want {
                // Inside a character (half a surrogate pair, a byte in
                // the middle of `’`): its start.
                return range.start + i;
            }
        }
        range.start + line_text.len()
    }

    /// The position of a byte offset (clamped to the text, and moved back
    /// to a character boundary).
    pub fn position(&self, byte: usize, enc: Encoding) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let start = self.line_starts[line];
        let before = &self.text[start..byte];
        let character = match enc {
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf8 => before.len(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: std::ops::Range<usize>, enc: Encoding) -> Range {
        Range::new(self.position(span.start, enc), self.position(span.end, enc))
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= byte.min(self.text.len()))
            - 1
    }

    /// The byte where the line holding `byte` starts.
    pub fn line_start_of(&self, byte: usize) -> usize {
        self.line_starts[self.line_of(byte)]
    }

    /// Applies one `didChange` edit: a range and its new text, or (no
    /// range) the whole new text.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        match change.range {
            None => self.text = change.text.clone(),
            Some(range) => {
                let start = self.offset(range.start, enc);
                let end = self.offset(range.end, enc).max(start);
                self.text.replace_range(start..end, &change.text);
            }
        }
        self.index();
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
        let t = Text::new("“José” — 🙂 troups\nnext".to_string());
        let at = t.text.find("troups").unwrap();
        assert_eq!(t.position(at, Encoding::Utf16), Position::new(0, 12));
        assert_eq!(t.position(at, Encoding::Utf8), Position::new(0, at as u32));
        assert_eq!(t.offset(Position::new(0, 12), Encoding::Utf16), at);
        assert_eq!(t.offset(Position::new(1, 2), Encoding::Utf16), at + 7 + 2);
        // Half a surrogate pair goes back to the emoji's start.
        let emoji = t.text.find('🙂').unwrap();
        assert_eq!(t.offset(Position::new(0, 10), Encoding::Utf16), emoji);
        // Past the end of a line, past the end of the text.
        assert_eq!(t.offset(Position::new(0, 99), Encoding::Utf16), at + 6);
        assert_eq!(t.offset(Position::new(9, 0), Encoding::Utf16), t.text.len());
    }

    #[test]
    fn crlf_lines_end_before_the_carriage_return() {
        let t = Text::new("ab\r\ncd".to_string());
        assert_eq!(t.offset(Position::new(0, 9), Encoding::Utf16), 2);
        assert_eq!(t.position(4, Encoding::Utf16), Position::new(1, 0));
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let mut t = Text::new("The troups left.\nThey came back.".to_string());
        t.apply(&change(0, 4, 0, 10, "troops"), Encoding::Utf16);
        t.apply(&change(1, 0, 1, 0, "“Émile” — "), Encoding::Utf16);
        t.apply(&change(1, 9, 1, 9, "!"), Encoding::Utf16);
        assert_eq!(t.text, "The troops left.\n“Émile” —! They came back.");
        t.apply(
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(t.text, "new");
        assert_eq!(t.line_of(2), 0);
    }
}
