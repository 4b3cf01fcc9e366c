//! Markdown (CommonMark with GFM tables, footnotes, strikethrough and task
//! lists) through pulldown-cmark's offset iterator: every event knows its
//! source range. Checked: headings, paragraphs, list items, block quotes,
//! table cells, link text, image alt text (as a caption, after the block
//! it sits in), the prose values of YAML (`---`) or TOML (`+++`) front
//! matter. Skipped: code blocks and inline code, HTML blocks and inline
//! HTML (comments too), link targets and autolinks, image paths, table
//! pipes, heading attributes.

use super::builder::{Builder, Part};
use super::{frontmatter, MarkupOptions, Prose, SegmentKind};
use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub(super) fn extract(source: &str, options: &MarkupOptions) -> Prose {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut reader = Reader {
        source,
        b: Builder::new(source),
        containers: Vec::new(),
        skip: 0,
        image: None,
        autolink: 0,
    };
    for (event, range) in Parser::new_ext(source, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => reader.start(tag, range, options),
            Event::End(tag) => reader.finish(tag),
            other => reader.inline(other, range),
        }
    }
    reader.b.finish()
}

struct Reader<'s> {
    source: &'s str,
    b: Builder<'s>,
    /// Open list items, block quotes, table cells: a paragraph inside one
    /// is of its kind.
    containers: Vec<SegmentKind>,
    /// Inside code, an HTML block or front matter: nothing is prose.
    skip: usize,
    /// The alt text of the image being read.
    image: Option<Vec<Part>>,
    /// Inside an autolink (`<https://…>`): its text is a URL.
    autolink: usize,
}

impl Reader<'_> {
    fn kind(&self) -> SegmentKind {
        self.containers
            .last()
            .copied()
            .unwrap_or(SegmentKind::Paragraph)
    }

    fn start(&mut self, tag: Tag, range: Range<usize>, options: &MarkupOptions) {
        match tag {
            Tag::Paragraph => {
                let kind = self.kind();
                self.b.begin(kind);
            }
            Tag::Heading { .. } => self.b.begin(SegmentKind::Headline),
            Tag::BlockQuote(_) => self.container(SegmentKind::BlockQuote),
            Tag::Item => self.container(SegmentKind::ListItem),
            Tag::TableCell => self.container(SegmentKind::TableCell),
            Tag::FootnoteDefinition(_) => self.container(SegmentKind::Paragraph),
            Tag::List(_) | Tag::Table(_) | Tag::TableHead | Tag::TableRow => self.b.end(),
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.b.end();
                self.skip += 1;
            }
            Tag::MetadataBlock(kind) => {
                self.b.end();
                self.skip += 1;
                let toml = kind == MetadataBlockKind::PlusesStyle;
                frontmatter::read(self.source, range, toml, options, &mut self.b);
            }
            Tag::Image { .. } => self.image = Some(Vec::new()),
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            } => {
                if self.skip == 0 && self.image.is_none() {
                    self.b.placeholder(range);
                }
                self.autolink += 1;
            }
            _ => {}
        }
    }

    fn container(&mut self, kind: SegmentKind) {
        self.containers.push(kind);
        self.b.begin(kind);
    }

    fn finish(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.b.end(),
            TagEnd::BlockQuote(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition => {
                self.containers.pop();
                self.b.end();
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::Image => {
                if let Some(parts) = self.image.take() {
                    if self.skip == 0 && !parts.is_empty() {
                        self.b.defer(SegmentKind::Caption, parts);
                    }
                }
            }
            TagEnd::Link => self.autolink = self.autolink.saturating_sub(1),
            _ => {}
        }
    }

    fn inline(&mut self, event: Event, range: Range<usize>) {
        if self.skip > 0 || self.autolink > 0 {
            return;
        }
        let placeholder = || Some(super::PLACEHOLDER.to_string());
        let part: Part = match &event {
            Event::Text(text) if self.source[range.clone()] == **text => (range, None),
            Event::Text(text) => (range, Some(text.to_string())),
            Event::SoftBreak if &self.source[range.clone()] == "\n" => (range, None),
            Event::SoftBreak | Event::HardBreak => (range, Some("\n".to_string())),
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => (range, placeholder()),
            // Inline HTML and comments show nothing of themselves, but two
            // words they separate stay apart.
            Event::InlineHtml(_) | Event::Html(_) if self.joins_words(&range) => {
                (range, placeholder())
            }
            _ => return,
        };
        match &mut self.image {
            Some(parts) => {
                // An image path is not prose; only its alt text is, which
                // pulldown-cmark gives as text.
                if part.1 != placeholder() {
                    parts.push(part);
                }
            }
            None => match part {
                (range, None) => self.b.copy(range),
                (range, Some(text)) => self.b.replace(&text, range),
            },
        }
    }

    fn joins_words(&self, range: &Range<usize>) -> bool {
        let before = self.source[..range.start].chars().next_back();
        let after = self.source[range.end..].chars().next();
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
    }
}
