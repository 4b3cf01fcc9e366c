//! A story as newslint sees it: the source (the file as read), the prose
//! the rules read, the map between them, where the source's lines start,
//! and the byte-offset to line/column arithmetic every reporter relies on.

use super::markup::{self, docx::Docx, Format, MarkupError, MarkupOptions, OffsetMap, Segment};
use std::ops::Range;

/// One input: its path as given, its prose and its source with the line
/// table of the source.
///
/// For plain text the prose *is* the source (exactly the file's bytes,
/// including any BOM, so byte offsets match the file). For a marked-up
/// story ([`Document::marked_up`]) `text` is the prose the markup stage
/// extracted, and [`Document::to_source`] maps a prose span back to the
/// file: rules work on `text`, and the linter maps their findings once,
/// so reporters, fixes and editors always point into the source.
///
/// ```
/// use newslint::text::document::Document;
/// let doc = Document::new("story.txt", "Iran’s troups\nleft.");
/// // `troups` starts at byte 9, the 8th character of line 1.
/// assert_eq!(doc.line_col(9), (1, 8));
/// assert_eq!(&doc.text[doc.line_span(2)], "left.");
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    /// The prose: what the rules read.
    pub text: String,
    pub format: Format,
    /// The source and the map, for a marked-up story.
    markup: Option<Box<Markup>>,
    /// Where the source's lines start.
    line_starts: Vec<usize>,
    /// Inside long lines, every [`CHECKPOINT`] bytes (moved on to a char
    /// boundary): the byte and its column offset from the line's start, so
    /// a column costs at most a checkpoint's worth of counting and a 10 MB
    /// one-line file is reported in linear time.
    checkpoints: Vec<(usize, usize)>,
}

/// What a marked-up story keeps beside its prose.
#[derive(Debug, Clone)]
struct Markup {
    source: String,
    map: OffsetMap,
    segments: Vec<Segment>,
    options: MarkupOptions,
}

const BOM: &str = "\u{feff}";
const CHECKPOINT: usize = 4096;

impl Document {
    /// A plain-text story: the prose is `text`, byte for byte.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Document::build(path.into(), text.into(), Format::Plain, None)
    }

    /// A story in `format` read from `source`: the markup stage extracts
    /// its prose. Plain text is [`Document::new`]; a Word document is
    /// [`Document::from_docx`].
    pub fn marked_up(
        path: impl Into<String>,
        source: String,
        format: Format,
        options: &MarkupOptions,
    ) -> Result<Self, MarkupError> {
        if format == Format::Plain {
            return Ok(Document::new(path, source));
        }
        if format == Format::Docx {
            return Err(MarkupError::Docx(
                "a Word document is a package, not text".into(),
            ));
        }
        let prose = markup::extract(&source, format, options)?;
        let markup = Markup {
            source,
            map: prose.map,
            segments: prose.segments,
            options: options.clone(),
        };
        Ok(Document::build(
            path.into(),
            prose.text,
            format,
            Some(markup),
        ))
    }

    /// A Word document: its source is the extracted text, one line per
    /// paragraph (see [`markup::docx`]).
    pub fn from_docx(path: impl Into<String>, docx: &Docx) -> Self {
        let markup = Markup {
            source: docx.text.clone(),
            map: docx.prose.map.clone(),
            segments: docx.prose.segments.clone(),
            options: MarkupOptions::default(),
        };
        Document::build(
            path.into(),
            docx.prose.text.clone(),
            Format::Docx,
            Some(markup),
        )
    }

    /// The same story with a new source (after fixes), read the same way.
    pub fn with_source(&self, source: String) -> Result<Self, MarkupError> {
        match &self.markup {
            None => Ok(Document::new(self.path.clone(), source)),
            Some(m) => Document::marked_up(self.path.clone(), source, self.format, &m.options),
        }
    }

    fn build(path: String, text: String, format: Format, markup: Option<Markup>) -> Self {
        let mut doc = Document {
            path,
            text,
            format,
            markup: markup.map(Box::new),
            line_starts: Vec::new(),
            checkpoints: Vec::new(),
        };
        let mut line_starts = vec![0];
        line_starts.extend(
            doc.source()
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        doc.line_starts = line_starts;
        doc.checkpoints = doc.long_line_checkpoints();
        doc
    }

    /// The story as read: the file's text (for a Word document, the text
    /// extracted from it, one line per paragraph). Findings, once the
    /// linter has mapped them, are spans of this.
    pub fn source(&self) -> &str {
        match &self.markup {
            Some(m) => &m.source,
            None => &self.text,
        }
    }

    /// Whether the prose differs from the source (a marked-up story).
    pub fn is_marked_up(&self) -> bool {
        self.markup.is_some()
    }

    /// The prose's blocks with their kinds and source spans; empty for
    /// plain text, whose whole text is body copy.
    pub fn segments(&self) -> &[Segment] {
        self.markup.as_ref().map_or(&[], |m| &m.segments)
    }

    /// The source span of a prose span, and whether it is exact (the same
    /// bytes, without a gap: an edit of the prose is the same edit of the
    /// source). Plain text maps to itself.
    pub fn to_source(&self, prose: Range<usize>) -> (Range<usize>, bool) {
        match &self.markup {
            Some(m) => m.map.span(prose),
            None => (prose, true),
        }
    }

    fn long_line_checkpoints(&self) -> Vec<(usize, usize)> {
        let text = self.source();
        let mut out = Vec::new();
        for (i, &start) in self.line_starts.iter().enumerate() {
            let end = self.line_starts.get(i + 1).map_or(text.len(), |&next| next);
            let mut at = if i == 0 { self.source_start() } else { start };
            let mut col = 0;
            while end - at > CHECKPOINT {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                col += text[at..next].chars().count();
                out.push((next, col));
                at = next;
            }
        }
        out
    }

    /// Where the prose itself starts: after a UTF-8 byte-order mark, if any.
    pub fn body_start(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// Where the source's story starts: after a byte-order mark, if any.
    fn source_start(&self) -> usize {
        if self.source().starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// 1-based line and column of a source byte offset; the column counts
    /// Unicode scalar values from the line start (a BOM on line 1 is not
    /// counted).
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let text = self.source();
        let byte = byte.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let mut start = self.line_starts[line];
        if line == 0 {
            start = self.source_start().min(byte);
        }
        let cp = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        if let Some(&(cp_byte, cp_col)) = cp.checked_sub(1).map(|i| &self.checkpoints[i]) {
            if cp_byte > start {
                return (line + 1, cp_col + text[cp_byte..byte].chars().count() + 1);
            }
        }
        let col = text[start..byte].chars().count() + 1;
        (line + 1, col)
    }

    /// The source byte range of 1-based `line`, without its line ending.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let text = self.source();
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values_not_bytes() {
        let d = Document::new("-", "Iran’s troups\nline two");
        assert_eq!(d.line_col(0), (1, 1));
        // `troups` starts after 7 characters but 9 bytes.
        assert_eq!(d.line_col(9), (1, 8));
        assert_eq!(d.line_col(16), (2, 1));
        assert_eq!(d.line_col(21), (2, 6));
    }

    #[test]
    fn columns_on_long_lines_match_counting_from_the_start() {
        let line = "Iran’s troups — “left” \u{feff}é ".repeat(900);
        let text = format!("\u{feff}{line}\n{line}\nshort\n{line}");
        let d = Document::new("-", text.as_str());
        assert!(!d.checkpoints.is_empty());
        let naive = |byte: usize| {
            let before = &text[..byte];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let from = if line_start == 0 {
                BOM.len().min(byte)
            } else {
                line_start
            };
            (
                before.matches('\n').count() + 1,
                text[from..byte].chars().count() + 1,
            )
        };
        for (byte, _) in text.char_indices().step_by(37).chain([(text.len(), ' ')]) {
            assert_eq!(d.line_col(byte), naive(byte), "at byte {byte}");
        }
    }

    #[test]
    fn bom_and_crlf_are_handled() {
        let d = Document::new("-", "\u{feff}one\r\ntwo\r\n");
        assert_eq!(d.body_start(), 3);
        assert_eq!(d.line_col(3), (1, 1));
        assert_eq!(d.line_col(8), (2, 1));
        assert_eq!(d.line_span(1), 0..6);
        assert_eq!(&d.text[d.line_span(2)], "two");
        assert_eq!(d.line_count(), 3);
    }
}
