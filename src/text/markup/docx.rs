//! Word documents (`.docx`): the body's paragraphs and table cells in
//! document order, read from `word/document.xml` in the package (a zip)
//! with quick-xml.
//!
//! A `.docx` has no text file to point into, so its *source* is the text
//! newslint extracts: one line per paragraph of the body (every `w:p`,
//! empty ones and those in table cells included, in document order), each
//! line the paragraph's text with its runs joined. A finding's `line` is
//! the paragraph's number, its `column` the character in the paragraph,
//! and its byte offsets are into that extracted text (see
//! docs/formats.md). Not read: document properties (`docProps/`),
//! headers, footers, footnotes, comments, text boxes, deleted text of
//! tracked changes, field codes.
//!
//! `--fix` rewrites only the `w:t` elements its edits touch (an edit over
//! text split across runs puts the new text in the first run and takes
//! the rest out of the others); every other byte of `document.xml`, and
//! every other part of the package, is copied as it was.

use super::builder::Builder;
use super::{MarkupError, Prose, SegmentKind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read, Write};
use std::ops::Range;

/// The package part that holds the body.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// `document.xml` larger than this (unzipped) is refused.
const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

/// One `w:t` element with text: where it is in `document.xml`, and where
/// its text is in the extracted text.
#[derive(Debug, Clone)]
struct Run {
    /// The whole element, `<w:t…>…</w:t>`.
    element: Range<usize>,
    /// Its start tag.
    start_tag: Range<usize>,
    /// Its qualified name (`w:t`).
    name: String,
    text: Range<usize>,
}

/// A Word document as newslint reads it.
#[derive(Debug, Clone)]
pub struct Docx {
    /// The extracted text: one line per paragraph.
    pub text: String,
    /// Its prose: paragraphs with text, a paragraph break between them.
    pub prose: Prose,
    xml: String,
    runs: Vec<Run>,
}

/// Why `--fix` leaves a Word document as it is.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FixRefused {
    #[error("a fix at byte {0} of the text spans a tab, a break or a paragraph end")]
    NotInRuns(usize),
    #[error("cannot write the package: {0}")]
    Package(String),
}

fn package_error(e: impl std::fmt::Display) -> MarkupError {
    MarkupError::Docx(e.to_string())
}

/// The main document part of a `.docx` package.
fn document_xml(bytes: &[u8]) -> Result<String, MarkupError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(package_error)?;
    let part = archive
        .by_name(DOCUMENT_PART)
        .map_err(|_| MarkupError::Docx(format!("no {DOCUMENT_PART} in the package")))?;
    let mut xml = String::new();
    part.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(package_error)?;
    if xml.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(MarkupError::Docx(format!(
            "{DOCUMENT_PART} is larger than {} MB",
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    Ok(xml)
}

/// Reads a `.docx` package.
pub fn read(bytes: &[u8]) -> Result<Docx, MarkupError> {
    let xml = document_xml(bytes)?;
    let (text, runs, paragraphs) = walk(&xml)?;
    let mut b = Builder::new(&text);
    for (range, kind) in paragraphs {
        b.begin(kind);
        b.copy(range);
        b.end();
    }
    let prose = b.finish();
    Ok(Docx {
        text,
        prose,
        xml,
        runs,
    })
}

/// Elements whose text is not the body's prose.
const SKIPPED: &[&str] = &[
    "delText",
    "instrText",
    "Fallback",
    "txbxContent",
    "footnoteReference",
    "commentReference",
];

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// A paragraph's kind from its style id and list numbering.
fn paragraph_kind(style: &str, listed: bool, in_cell: bool) -> SegmentKind {
    let s = style.to_ascii_lowercase();
    if s == "title" || s == "subtitle" || s.starts_with("heading") {
        SegmentKind::Headline
    } else if s.contains("caption") {
        SegmentKind::Caption
    } else if s.contains("quote") {
        SegmentKind::BlockQuote
    } else if s.contains("byline") {
        SegmentKind::Byline
    } else if in_cell {
        SegmentKind::TableCell
    } else if listed || s.starts_with("list") {
        SegmentKind::ListItem
    } else {
        SegmentKind::Paragraph
    }
}

type Walked = (String, Vec<Run>, Vec<(Range<usize>, SegmentKind)>);

/// The paragraphs of `document.xml`'s body: the extracted text, its runs,
/// and each paragraph's text range and kind.
fn walk(xml: &str) -> Result<Walked, MarkupError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut w = Walk::default();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| MarkupError::Xml {
            at: reader.error_position() as usize,
            reason: format!("{DOCUMENT_PART}: {e}"),
        })?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => w.start(&e, before..after, false),
            Event::Empty(e) => w.start(&e, before..after, true),
            Event::End(_) => w.end(after),
            Event::Text(_) if w.in_text() => w.text.push_str(&xml[before..after]),
            Event::GeneralRef(_) if w.in_text() => {
                let decoded = super::entity::decode_one(&xml[before..after]);
                w.text
                    .push_str(&decoded.map_or(String::from("\u{fffd}"), |d| d.1));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((w.text, w.runs, w.paragraphs))
}

#[derive(Default)]
struct Walk {
    text: String,
    runs: Vec<Run>,
    paragraphs: Vec<(Range<usize>, SegmentKind)>,
    stack: Vec<Vec<u8>>,
    skip: usize,
    in_body: bool,
    cells: usize,
    /// The open paragraph: where its text starts, its style, whether it
    /// is a list item.
    para: Option<(usize, String, bool)>,
    /// The open `w:t`: its start tag, name, and where its text starts.
    t: Option<(Range<usize>, String, usize)>,
}

impl Walk {
    fn in_text(&self) -> bool {
        self.skip == 0 && self.t.is_some()
    }

    fn parent(&self) -> &[u8] {
        self.stack.last().map_or(&[][..], |n| n.as_slice())
    }

    fn start(&mut self, e: &BytesStart, span: Range<usize>, empty: bool) {
        let qname = e.name().0.as_bytes().to_vec();
        let name = local(&qname).to_vec();
        let in_run = self.parent() == b"r";
        if self.skip > 0 || SKIPPED.contains(&String::from_utf8_lossy(&name).as_ref()) {
            if !empty {
                self.skip += 1;
                self.stack.push(name);
            }
            return;
        }
        match name.as_slice() {
            b"body" => self.in_body = true,
            b"tc" => self.cells += 1,
            // An empty paragraph (`<w:p/>`) is a line of its own too.
            b"p" if self.in_body && self.para.is_none() && empty => self.text.push('\n'),
            b"p" if self.in_body && self.para.is_none() => {
                self.para = Some((self.text.len(), String::new(), false));
            }
            b"pStyle" => {
                if let Some(p) = &mut self.para {
                    p.1 = attribute(e, b"val").unwrap_or_default();
                }
            }
            b"numPr" => {
                if let Some(p) = &mut self.para {
                    p.2 = true;
                }
            }
            b"t" if in_run && self.para.is_some() && !empty => {
                let qname = String::from_utf8_lossy(&qname).into_owned();
                self.t = Some((span.clone(), qname, self.text.len()));
            }
            b"tab" if in_run && self.para.is_some() => self.text.push('\t'),
            b"br" | b"cr" if in_run && self.para.is_some() => self.text.push(' '),
            b"noBreakHyphen" if in_run && self.para.is_some() => self.text.push('\u{2011}'),
            _ => {}
        }
        if !empty {
            self.stack.push(name);
        }
    }

    fn end(&mut self, after: usize) {
        let name = self.stack.pop().unwrap_or_default();
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name.as_slice() {
            b"body" => self.in_body = false,
            b"tc" => self.cells = self.cells.saturating_sub(1),
            b"t" => {
                if let Some((start_tag, name, from)) = self.t.take() {
                    if self.text.len() > from {
                        self.runs.push(Run {
                            element: start_tag.start..after,
                            start_tag,
                            name,
                            text: from..self.text.len(),
                        });
                    }
                }
            }
            b"p" => {
                if let Some((from, style, listed)) = self.para.take() {
                    let kind = paragraph_kind(&style, listed, self.cells > 0);
                    self.paragraphs.push((from..self.text.len(), kind));
                    self.text.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn attribute(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.0.as_bytes()) == name)
        .map(|a| a.value.into_owned())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Docx {
    /// `document.xml` with `edits` (ranges of the extracted text, their new
    /// text; sorted, not overlapping) made in the runs that hold them.
    fn edited_xml(&self, edits: &[(Range<usize>, String)]) -> Result<String, FixRefused> {
        let mut texts: Vec<Option<String>> = vec![None; self.runs.len()];
        for (range, new) in edits.iter().rev() {
            let refused = || FixRefused::NotInRuns(range.start);
            let mut i = self
                .runs
                .iter()
                .position(|r| {
                    r.text.start <= range.start
                        && (range.start < r.text.end
                            || range.is_empty() && range.start == r.text.end)
                })
                .ok_or_else(refused)?;
            let mut covered = range.start;
            let mut with = new.as_str();
            loop {
                let run = &self.runs[i];
                if run.text.start > covered {
                    return Err(refused());
                }
                let text = texts[i].get_or_insert_with(|| self.text[run.text.clone()].to_string());
                let end = range.end.min(run.text.end);
                text.replace_range(covered - run.text.start..end - run.text.start, with);
                with = "";
                covered = end;
                i += 1;
                if covered >= range.end {
                    break;
                }
                if i >= self.runs.len() {
                    return Err(refused());
                }
            }
        }
        let mut out = String::with_capacity(self.xml.len());
        let mut at = 0;
        for (run, text) in self.runs.iter().zip(&texts) {
            let Some(text) = text else { continue };
            out.push_str(&self.xml[at..run.element.start]);
            let start_tag = &self.xml[run.start_tag.clone()];
            let spaced = text.trim() != text.as_str();
            if spaced && !start_tag.contains("xml:space") {
                out.push_str(&format!("<{} xml:space=\"preserve\">", run.name));
            } else {
                out.push_str(start_tag);
            }
            out.push_str(&escape(text));
            out.push_str(&format!("</{}>", run.name));
            at = run.element.end;
        }
        out.push_str(&self.xml[at..]);
        Ok(out)
    }

    /// The package `bytes` (this document's) with `edits` made: every part
    /// but `document.xml` copied as stored, `document.xml` changed only in
    /// the runs the edits touch.
    pub fn rewrite(
        &self,
        bytes: &[u8],
        edits: &[(Range<usize>, String)],
    ) -> Result<Vec<u8>, FixRefused> {
        let xml = self.edited_xml(edits)?;
        let fail = |e: zip::result::ZipError| FixRefused::Package(e.to_string());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(fail)?;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
        for i in 0..archive.len() {
            let file = archive.by_index_raw(i).map_err(fail)?;
            if file.name() != DOCUMENT_PART {
                out.raw_copy_file(file).map_err(fail)?;
                continue;
            }
            let mut options =
                zip::write::SimpleFileOptions::default().compression_method(file.compression());
            if let Some(time) = file.last_modified() {
                options = options.last_modified_time(time);
            }
            drop(file);
            out.start_file(DOCUMENT_PART, options).map_err(fail)?;
            out.write_all(xml.as_bytes())
                .map_err(|e| FixRefused::Package(e.to_string()))?;
        }
        Ok(out.finish().map_err(fail)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] = include_bytes!("../../../tests/fixtures/formats/story.docx");

    #[test]
    fn paragraphs_are_lines_and_runs_join() {
        let d = read(FIXTURE).unwrap();
        let lines: Vec<&str> = d.text.lines().collect();
        assert_eq!(lines[0], "Flood troups reach the river");
        assert_eq!(
            lines[2],
            "The goverment said the pumps would run until morning."
        );
        assert_eq!(lines[4], "");
        assert_eq!(lines[5], "Engineers\tworked late.");
        // Table cells are paragraphs too; properties and headers are not.
        assert!(lines.contains(&"Riverside"));
        assert!(!d.text.contains("header") && !d.text.contains("recieve"));
        let kinds: Vec<SegmentKind> = d.prose.segments.iter().map(|s| s.kind).collect();
        assert_eq!(kinds[0], SegmentKind::Headline);
        assert!(kinds.contains(&SegmentKind::ListItem));
        assert!(kinds.contains(&SegmentKind::TableCell));
    }

    #[test]
    fn a_fix_over_a_tab_is_refused_and_one_over_runs_is_made() {
        let d = read(FIXTURE).unwrap();
        let tab = d.text.find('\t').unwrap();
        let err = d.rewrite(FIXTURE, &[(tab - 2..tab + 2, "x".into())]);
        assert!(matches!(err, Err(FixRefused::NotInRuns(_))), "{err:?}");
        let at = d.text.find("goverment").unwrap();
        let bytes = d
            .rewrite(FIXTURE, &[(at..at + 9, "government".into())])
            .unwrap();
        let again = read(&bytes).unwrap();
        assert!(again.text.contains("The government said"));
        assert_eq!(again.text.len(), d.text.len() + 1);
    }

    #[test]
    fn a_package_without_a_body_is_refused() {
        assert!(matches!(read(b"not a zip"), Err(MarkupError::Docx(_))));
    }
}
