//! HTML through html5gum, a WHATWG-compliant tokenizer that gives every
//! token its byte span (see docs/formats.md for why it and not a tree
//! builder). Checked: the text of the body's blocks (headings as
//! headlines, paragraphs, list items, block quotes, table cells, figure
//! captions), `alt` and `title` attributes (as captions). Skipped: the
//! head, `script`, `style`, `template`, `svg`, `math`, `pre`, `code`
//! (inline code is a placeholder), `noscript`, `iframe`, `textarea`,
//! comments, every other attribute. Character references are decoded for
//! checking, each mapped to its whole reference in the source; runs of
//! white space count as one space, as a browser shows them.

use super::builder::{Builder, Part};
use super::{entity, Prose, SegmentKind};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// Elements whose content is never prose.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "template", "svg", "math", "pre", "noscript", "iframe", "textarea",
    "select", "object", "canvas", "video", "audio",
];

/// Inline elements whose content is not prose: a placeholder stands for it.
const INLINE_CODE: &[&str] = &["code", "kbd", "samp", "var"];

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// Elements that start and end a block of prose.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The kind of the prose in an element, when it gives one.
fn kind_of(name: &str, class: Option<&str>) -> Option<SegmentKind> {
    if class.is_some_and(|c| {
        c.split_whitespace()
            .any(|c| c.eq_ignore_ascii_case("byline"))
    }) {
        return Some(SegmentKind::Byline);
    }
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => SegmentKind::Headline,
        "li" | "dd" | "dt" => SegmentKind::ListItem,
        "blockquote" => SegmentKind::BlockQuote,
        "td" | "th" => SegmentKind::TableCell,
        "figcaption" | "caption" => SegmentKind::Caption,
        _ => return None,
    })
}

struct Open {
    name: String,
    kind: Option<SegmentKind>,
}

pub(super) fn extract(source: &str) -> Prose {
    let mut b = Builder::new(source);
    let mut stack: Vec<Open> = Vec::new();
    // Inside skipped elements: the names to wait for.
    let mut skipping: Vec<String> = Vec::new();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let void = tag.self_closing || VOID.contains(&name.as_str());
                if !skipping.is_empty() {
                    if SKIPPED.contains(&name.as_str()) && !void {
                        skipping.push(name);
                    }
                    continue;
                }
                let span = tag.span.start..tag.span.end;
                for attr in ["alt", "title"] {
                    if let Some(value) = tag.attributes.get(attr.as_bytes()) {
                        let at = attribute_value(source, value.span.start..value.span.end);
                        if let Some(range) = at {
                            b.defer(SegmentKind::Caption, decoded(source, range));
                        }
                    }
                }
                if SKIPPED.contains(&name.as_str()) || INLINE_CODE.contains(&name.as_str()) {
                    if INLINE_CODE.contains(&name.as_str()) && b.in_block() {
                        b.placeholder(span);
                    } else {
                        b.end();
                    }
                    if !void {
                        skipping.push(name);
                    }
                    continue;
                }
                if name == "br" {
                    b.replace("\n", span);
                    continue;
                }
                let class = tag
                    .attributes
                    .get(b"class".as_slice())
                    .map(|v| String::from_utf8_lossy(v).into_owned());
                let kind = kind_of(&name, class.as_deref());
                if BLOCKS.contains(&name.as_str()) || kind.is_some() {
                    b.end();
                }
                if !void {
                    stack.push(Open { name, kind });
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(last) = skipping.last() {
                    if *last == name {
                        skipping.pop();
                    }
                    continue;
                }
                if let Some(i) = stack.iter().rposition(|o| o.name == name) {
                    stack.truncate(i);
                    if BLOCKS.contains(&name.as_str()) || kind_of(&name, None).is_some() {
                        b.end();
                    }
                }
            }
            Token::String(text) => {
                if !skipping.is_empty() {
                    continue;
                }
                let range = text.span.start..text.span.end;
                if !b.in_block() {
                    if source[range.clone()].trim().is_empty() {
                        continue;
                    }
                    let kind = stack
                        .iter()
                        .rev()
                        .find_map(|o| o.kind)
                        .unwrap_or(SegmentKind::Paragraph);
                    b.begin(kind);
                }
                for (r, text) in decoded(source, range) {
                    match text {
                        None => b.copy_collapsed(r),
                        Some(t) => b.replace(&t, r),
                    }
                }
            }
            // Comments, doctypes and errors are not prose; an unknown
            // comment between two words leaves them apart.
            _ => {}
        }
    }
    b.finish()
}

/// The source range of an attribute's value, from html5gum's span of the
/// attribute (name to value), without its quotes.
fn attribute_value(source: &str, attr: Range<usize>) -> Option<Range<usize>> {
    let end = attr.end.min(source.len());
    let raw = source.get(attr.start..end)?;
    let eq = raw.find('=')?;
    let after = &raw[eq + 1..];
    let lead = after.len() - after.trim_start().len();
    let mut start = attr.start + eq + 1 + lead;
    let mut stop = end;
    match source[start..].chars().next() {
        Some(q @ ('"' | '\'')) => {
            start += 1;
            stop = source[start..].find(q).map_or(end, |i| start + i);
        }
        _ => {
            let value = &source[start..];
            let len = value
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(value.len());
            stop = stop.min(start + len).max(start);
        }
    }
    (stop > start).then_some(start..stop)
}

/// The parts of `source[range]`: plain runs and decoded references.
fn decoded(source: &str, range: Range<usize>) -> Vec<Part> {
    entity::parts(&source[range.clone()], range.start)
}
