//! A story as newslint sees it: the text, where its lines start, and the
//! byte-offset to line/column arithmetic every reporter relies on.

/// One input: its path as given, its text (exactly the file's bytes,
/// including any BOM, so byte offsets match the file) and its line table.
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
    pub text: String,
    line_starts: Vec<usize>,
    /// Inside long lines, every [`CHECKPOINT`] bytes (moved on to a char
    /// boundary): the byte and its column offset from the line's start, so
    /// a column costs at most a checkpoint's worth of counting and a 10 MB
    /// one-line file is reported in linear time.
    checkpoints: Vec<(usize, usize)>,
}

const BOM: &str = "\u{feff}";
const CHECKPOINT: usize = 4096;

impl Document {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut doc = Document {
            path: path.into(),
            text,
            line_starts,
            checkpoints: Vec::new(),
        };
        doc.checkpoints = doc.long_line_checkpoints();
        doc
    }

    fn long_line_checkpoints(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, &start) in self.line_starts.iter().enumerate() {
            let end = self
                .line_starts
                .get(i + 1)
                .map_or(self.text.len(), |&next| next);
            let mut at = if i == 0 { self.body_start() } else { start };
            let mut col = 0;
            while end - at > CHECKPOINT {
                let mut next = at + CHECKPOINT;
                while !self.text.is_char_boundary(next) {
                    next += 1;
                }
                col += self.text[at..next].chars().count();
                out.push((next, col));
                at = next;
            }
        }
        out
    }

    /// Where the story itself starts: after a UTF-8 byte-order mark, if any.
    pub fn body_start(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// 1-based line and column of a byte offset; the column counts Unicode
    /// scalar values from the line start (a BOM on line 1 is not counted).
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let mut start = self.line_starts[line];
        if line == 0 {
            start = self.body_start().min(byte);
        }
        let cp = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        if let Some(&(cp_byte, cp_col)) = cp.checked_sub(1).map(|i| &self.checkpoints[i]) {
            if cp_byte > start {
                return (
                    line + 1,
                    cp_col + self.text[cp_byte..byte].chars().count() + 1,
                );
            }
        }
        let col = self.text[start..byte].chars().count() + 1;
        (line + 1, col)
    }

    /// The byte range of 1-based `line`, without its line ending.
    pub fn line_span(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
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
