//! The markup stage, at the head of the pipeline: a story kept as Markdown,
//! HTML, news XML (NITF, NewsML-G2) or Word yields its prose (what the
//! rules read) as [`Segment`]s, each knowing what it is (headline, body,
//! caption...) and where it sits in the file, with an [`OffsetMap`] from
//! every prose byte back to the source. Code, tags, attributes, metadata,
//! URLs are not prose: they are never checked and never edited.
//!
//! Between two blocks the prose has a paragraph break (`\n\n`), so the
//! sentence and paragraph logic of the rules keep working. Inline content
//! that is not prose (inline code, an autolink, a footnote mark) becomes
//! one [`PLACEHOLDER`] character, which the tokenizer takes as a verbatim
//! token: it is not checked, and the words on either side stay apart
//! without a double space appearing where it was.
//!
//! Plain text has no markup stage: the prose is the file, byte for byte.

mod builder;
pub mod docx;
pub mod entity;
mod frontmatter;
mod html;
mod markdown;
mod xml;

pub use builder::{OffsetMap, Prose};

use std::fmt;
use std::ops::Range;
use std::path::Path;

/// What stands in the prose for inline content that is not prose: U+FFFC
/// OBJECT REPLACEMENT CHARACTER, a verbatim token for the tokenizer.
pub const PLACEHOLDER: char = '\u{fffc}';

/// A story's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// `.txt` and anything unknown: the file is the prose.
    #[default]
    Plain,
    /// `.md`, `.markdown`: CommonMark with GFM tables, front matter.
    Markdown,
    /// `.html`, `.htm`.
    Html,
    /// `.xml`: NITF 3.x or NewsML-G2.
    Xml,
    /// `.docx`: Word's body paragraphs and table cells.
    Docx,
}

impl Format {
    /// Every format, in the order the docs list them.
    pub const ALL: [Format; 5] = [
        Format::Plain,
        Format::Markdown,
        Format::Html,
        Format::Xml,
        Format::Docx,
    ];

    /// The file extensions (lower case, no dot) that mean this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Plain => &["txt"],
            Format::Markdown => &["md", "markdown"],
            Format::Html => &["html", "htm"],
            Format::Xml => &["xml"],
            Format::Docx => &["docx"],
        }
    }

    /// The format of a file extension (any case), if newslint reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// The format a path's extension names; plain text when it names none.
    pub fn of_path(path: &Path) -> Format {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .unwrap_or_default()
    }

    /// A format by name: `--input-format` and an editor's `languageId`
    /// (`plaintext`, `text`, `txt`, `markdown`, `md`, `html`, `xml`, `docx`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "plaintext" | "plain" | "text" | "txt" => Some(Format::Plain),
            "markdown" | "md" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "xml" | "nitf" | "newsml" => Some(Format::Xml),
            "docx" | "word" => Some(Format::Docx),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Xml => "XML",
            Format::Docx => "Word (.docx)",
        }
    }

    /// Whether `replacement` can be written into this format's source as
    /// it is, without escaping or changing the markup around it: `--fix`
    /// applies only such fixes.
    pub fn writes_verbatim(self, replacement: &str) -> bool {
        match self {
            Format::Plain | Format::Docx => true,
            Format::Html | Format::Xml => !replacement.contains(['<', '>', '&']),
            Format::Markdown => !replacement.contains([
                '<', '>', '&', '*', '_', '`', '[', ']', '\\', '|', '#', '!', '~',
            ]),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a piece of prose is. Stable and public: the Vale scopes map onto
/// these (`heading` → [`Headline`](SegmentKind::Headline), `paragraph`,
/// `list`, `blockquote`, `table`, `raw`/`text` → every kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// A headline or heading: Markdown `#`, front-matter `title:`,
    /// `<h1>`..`<h6>`, NITF `hl1`/`hl2`, NewsML `headline`, a Word
    /// `Title`/`Heading` paragraph.
    Headline,
    /// Body copy.
    Paragraph,
    /// A list item.
    ListItem,
    /// A block quote.
    BlockQuote,
    /// A table cell.
    TableCell,
    /// Alt text, a `title` attribute, a figure or media caption.
    Caption,
    /// A prose metadata value: a front-matter `description`, `dek` or
    /// `summary`, a NITF `abstract`, a NewsML `description`.
    Metadata,
    /// A byline: NITF `byline`, NewsML `by`, an HTML `.byline`.
    Byline,
}

impl SegmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Headline => "headline",
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::ListItem => "list-item",
            SegmentKind::BlockQuote => "blockquote",
            SegmentKind::TableCell => "table-cell",
            SegmentKind::Caption => "caption",
            SegmentKind::Metadata => "metadata",
            SegmentKind::Byline => "byline",
        }
    }
}

/// One block of prose: what it is, its bytes in the prose, and the bytes
/// of the source it comes from (from its first prose byte's source to its
/// last's; markup inside it, such as `*`, is within that range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    pub prose: Range<usize>,
    pub source: Range<usize>,
}

/// How a marked-up story is read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MarkupOptions {
    /// The front-matter keys whose values are prose.
    pub prose_keys: Vec<String>,
}

/// Front-matter keys whose values are checked unless a desk says others.
pub const DEFAULT_PROSE_KEYS: &[&str] = &[
    "title",
    "headline",
    "subtitle",
    "description",
    "summary",
    "dek",
    "excerpt",
    "caption",
];

impl Default for MarkupOptions {
    fn default() -> Self {
        MarkupOptions {
            prose_keys: DEFAULT_PROSE_KEYS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl MarkupOptions {
    /// A desk's front-matter prose keys (`front_matter_keys` in
    /// `newslint.toml`); none given means the defaults.
    pub fn with_prose_keys(keys: &[String]) -> Self {
        if keys.is_empty() {
            MarkupOptions::default()
        } else {
            MarkupOptions {
                prose_keys: keys.to_vec(),
            }
        }
    }
}

/// Why a story's markup cannot be read: one line, naming the place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkupError {
    #[error("not well-formed XML at byte {at}: {reason}")]
    Xml { at: usize, reason: String },
    #[error("XML that is neither NITF nor NewsML-G2 (root element <{root}>): check it as text with --input-format text")]
    NotNews { root: String },
    #[error("not a Word document: {0}")]
    Docx(String),
}

/// The prose of `source` read as `format` (not [`Format::Docx`], whose
/// source is a package: see [`docx`]).
pub fn extract(
    source: &str,
    format: Format,
    options: &MarkupOptions,
) -> Result<Prose, MarkupError> {
    // The source's offsets count a byte-order mark; the parsers never see it.
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &source[bom..];
    let mut prose = match format {
        Format::Plain | Format::Docx => Prose::identity(body),
        Format::Markdown => markdown::extract(body, options),
        Format::Html => html::extract(body),
        Format::Xml => xml::extract(body)?,
    };
    prose.shift_source(bom);
    Ok(prose)
}

#[cfg(test)]
mod tests;
