//! The prose of a marked-up story as it is put together, and the piecewise
//! map from each prose byte back to the source.

use super::{Segment, SegmentKind, PLACEHOLDER};
use std::ops::Range;

/// One stretch of prose and the source bytes it comes from. An exact piece
/// is the source's bytes copied; an inexact one stands for them (a decoded
/// entity, a placeholder, a paragraph break, collapsed white space).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    prose: usize,
    source: Range<usize>,
    exact: bool,
}

/// Where each byte of the prose comes from in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Sorted by prose offset; they cover the prose without gaps.
    pieces: Vec<Piece>,
    len: usize,
}

impl OffsetMap {
    /// The piece holding prose byte `p` (the last piece for the end).
    fn at(&self, p: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|x| x.prose <= p);
        i.checked_sub(1).map(|i| &self.pieces[i])
    }

    fn prose_end(&self, i: usize) -> usize {
        self.pieces.get(i + 1).map_or(self.len, |n| n.prose)
    }

    /// The source offset where a span starting at prose byte `p` starts:
    /// inside an inexact piece, the start of what it stands for.
    pub fn start(&self, p: usize) -> usize {
        match self.at(p) {
            Some(piece) if piece.exact => piece.source.start + (p - piece.prose),
            Some(piece) => piece.source.start,
            None => 0,
        }
    }

    /// The source offset where a span ending at prose byte `p` ends:
    /// inside an inexact piece, the end of what it stands for.
    pub fn end(&self, p: usize) -> usize {
        if p == 0 {
            return self.start(0);
        }
        match self.at(p - 1) {
            Some(piece) if piece.exact => piece.source.start + (p - piece.prose),
            Some(piece) => piece.source.end,
            None => 0,
        }
    }

    /// The source span of a prose span, and whether it is exact: the
    /// source bytes are the prose bytes, copied without a gap, so an edit
    /// of the one is the same edit of the other.
    pub fn span(&self, r: Range<usize>) -> (Range<usize>, bool) {
        let source = self.start(r.start)..self.end(r.end).max(self.start(r.start));
        if self.pieces.is_empty() {
            return (source, false);
        }
        if r.is_empty() {
            let exact = self.at(r.start).is_some_and(|p| p.exact);
            return (source, exact);
        }
        let first = self.pieces.partition_point(|x| x.prose <= r.start) - 1;
        let last = self.pieces.partition_point(|x| x.prose < r.end) - 1;
        let exact = (first..=last).all(|i| {
            let p = &self.pieces[i];
            p.exact
                && (i == last || {
                    let next = &self.pieces[i + 1];
                    next.source.start == p.source.end && self.prose_end(i) == next.prose
                })
        });
        (source, exact)
    }
}

/// A marked-up story's prose: the text the rules read, where each byte of
/// it comes from, and its blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub text: String,
    pub map: OffsetMap,
    pub segments: Vec<Segment>,
}

impl Prose {
    /// Prose that is its source, byte for byte.
    pub fn identity(source: &str) -> Prose {
        Prose {
            text: source.to_string(),
            map: OffsetMap {
                pieces: vec![Piece {
                    prose: 0,
                    source: 0..source.len(),
                    exact: true,
                }],
                len: source.len(),
            },
            segments: Vec::new(),
        }
    }

    /// Moves every source offset on by `by` (a byte-order mark the parser
    /// did not see).
    pub fn shift_source(&mut self, by: usize) {
        if by == 0 {
            return;
        }
        for p in &mut self.map.pieces {
            p.source = p.source.start + by..p.source.end + by;
        }
        for s in &mut self.segments {
            s.source = s.source.start + by..s.source.end + by;
        }
    }
}

/// One part of a block put aside to be written after the current block: a
/// source range, copied, or what stands for it.
pub(crate) type Part = (Range<usize>, Option<String>);

/// Puts prose together block by block. Each format's reader calls
/// [`begin`](Builder::begin) when a block starts, adds its text, and
/// [`end`](Builder::end) when it ends; white space before a block's first
/// word and after its last is left out, and a block with no word in it
/// leaves nothing.
pub(crate) struct Builder<'s> {
    source: &'s str,
    out: Prose,
    /// The kind of the block being read, if one is.
    kind: Option<SegmentKind>,
    /// Where the current block's prose starts, once it has a word.
    open: Option<usize>,
    /// Where the last block's source ended.
    last_end: usize,
    /// Blocks to write after the current one (alt text met inside a
    /// paragraph), so the paragraph is not cut in two.
    deferred: Vec<(SegmentKind, Vec<Part>)>,
}

impl<'s> Builder<'s> {
    pub(super) fn new(source: &'s str) -> Self {
        Builder {
            source,
            out: Prose::default(),
            kind: None,
            open: None,
            last_end: 0,
            deferred: Vec::new(),
        }
    }

    /// Ends the current block and starts one of `kind`.
    pub(super) fn begin(&mut self, kind: SegmentKind) {
        self.end();
        self.kind = Some(kind);
    }

    /// Whether a block is being read.
    pub(super) fn in_block(&self) -> bool {
        self.kind.is_some()
    }

    /// Ends the current block, then writes the blocks put aside during it.
    pub(super) fn end(&mut self) {
        self.close();
        for (kind, parts) in std::mem::take(&mut self.deferred) {
            self.kind = Some(kind);
            for (range, text) in parts {
                match text {
                    None => self.copy(range),
                    Some(t) => self.replace(&t, range),
                }
            }
            self.close();
        }
    }

    /// A block to write once the current one ends.
    pub(super) fn defer(&mut self, kind: SegmentKind, parts: Vec<Part>) {
        self.deferred.push((kind, parts));
        if self.kind.is_none() {
            self.end();
        }
    }

    fn close(&mut self) {
        self.kind.take();
        let Some(start) = self.open.take() else {
            return;
        };
        let kind = self
            .out
            .segments
            .pop()
            .map(|s| s.kind)
            .expect("open segment");
        let trimmed = start + self.out.text[start..].trim_end().len();
        self.out.text.truncate(trimmed);
        let pieces = &mut self.out.map.pieces;
        while pieces.last().is_some_and(|p| p.prose >= trimmed) {
            pieces.pop();
        }
        if let Some(last) = pieces.last_mut() {
            if last.exact {
                last.source.end = last.source.start + (trimmed - last.prose);
            }
        }
        self.out.map.len = trimmed;
        let first = pieces.partition_point(|p| p.prose < start);
        let source = pieces[first].source.start..pieces.last().map_or(0, |p| p.source.end);
        self.last_end = source.end;
        self.out.segments.push(Segment {
            kind,
            prose: start..trimmed,
            source,
        });
    }

    /// Opens the current block at its first word, after a paragraph break
    /// from the last block.
    fn open_at(&mut self, source_start: usize) -> bool {
        if self.open.is_some() {
            return true;
        }
        let Some(kind) = self.kind else {
            return false;
        };
        if !self.out.text.is_empty() {
            let from = self.last_end.min(source_start);
            self.push("\n\n", from..source_start, false);
        }
        let at = self.out.text.len();
        self.open = Some(at);
        // A placeholder until the block closes.
        self.out.segments.push(Segment {
            kind,
            prose: at..at,
            source: source_start..source_start,
        });
        true
    }

    fn push(&mut self, text: &str, source: Range<usize>, exact: bool) {
        if text.is_empty() {
            return;
        }
        let at = self.out.text.len();
        if exact {
            if let Some(last) = self.out.map.pieces.last_mut() {
                if last.exact && last.source.end == source.start {
                    last.source.end = source.end;
                    self.out.text.push_str(text);
                    self.out.map.len = self.out.text.len();
                    return;
                }
            }
        }
        self.out.text.push_str(text);
        self.out.map.len = self.out.text.len();
        self.out.map.pieces.push(Piece {
            prose: at,
            source,
            exact,
        });
    }

    /// The source bytes in `range`, copied into the current block.
    pub(super) fn copy(&mut self, range: Range<usize>) {
        let mut range = range;
        if self.open.is_none() {
            let text = &self.source[range.clone()];
            let skip = text.len() - text.trim_start().len();
            range.start += skip;
            if range.is_empty() || !self.open_at(range.start) {
                return;
            }
        }
        let text = &self.source[range.clone()];
        self.push(text, range, true);
    }

    /// The source bytes in `range` with every run of white space but a
    /// single space made one space, as a browser shows it.
    pub(super) fn copy_collapsed(&mut self, range: Range<usize>) {
        let text = &self.source[range.clone()];
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                let r = range.start + at..range.start + at + ws;
                if &rest[..ws] == " " {
                    self.copy(r);
                } else {
                    self.replace(" ", r);
                }
                at += ws;
                continue;
            }
            let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
            self.copy(range.start + at..range.start + at + word);
            at += word;
        }
    }

    /// `text` in the prose for the source bytes in `range` (a decoded
    /// entity, a line break).
    pub(super) fn replace(&mut self, text: &str, range: Range<usize>) {
        if self.open.is_none() && (text.trim().is_empty() || !self.open_at(range.start)) {
            return;
        }
        self.push(text, range, false);
    }

    /// A [`PLACEHOLDER`] for inline content that is not prose.
    pub(super) fn placeholder(&mut self, range: Range<usize>) {
        let mut buf = [0; 4];
        self.replace(PLACEHOLDER.encode_utf8(&mut buf), range);
    }

    pub(super) fn finish(mut self) -> Prose {
        self.end();
        self.out
    }
}
