//! A story as newslint sees it: the text, where its lines start, and the
//! byte-offset to line/column arithmetic every reporter relies on.

/// One input: its path as given, its text (exactly the file's bytes,
/// including any BOM, so byte offsets match the file) and its line table.
///
/// ```
/// use newslint::document::Document;
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
}

const BOM: &str = "\u{feff}";

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
        Document {
            path: path.into(),
            text,
            line_starts,
        }
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
