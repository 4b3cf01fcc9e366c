//! News XML through quick-xml, whose reader gives the byte position of
//! every event: NITF 3.x (`<nitf>`) and NewsML-G2 (`<newsItem>` and the
//! other item roots), with NITF or XHTML inside a G2 `inlineXML`.
//!
//! Checked: NITF `hl1`/`hl2` (headlines), `byline`, `abstract`
//! (metadata), the blocks of `body.content` and `body.end` (`p`, lists,
//! `bq` quotes, table cells, `media-caption`); NewsML-G2 `headline`,
//! `description`, `by`, `inlineData` and `inlineXML` content. Never
//! checked: the NITF `head` (`docdata`, keywords, `pubdata`), `dateline`,
//! rights and notes, G2 `itemMeta`, catalogs, subjects and qcodes,
//! attributes, comments. An XML file that is neither NITF nor NewsML-G2
//! is refused with a reason.

use super::builder::Builder;
use super::{entity, MarkupError, Prose, SegmentKind};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Roots newslint reads: NITF's and NewsML-G2's items.
const ROOTS: &[&str] = &[
    "nitf",
    "newsItem",
    "packageItem",
    "newsMessage",
    "knowledgeItem",
    "conceptItem",
    "planningItem",
];

/// Elements whose content is never prose.
const SKIPPED: &[&str] = &[
    // NITF
    "head",
    "docdata",
    "pubdata",
    "dateline",
    "rights",
    "distributor",
    "note",
    "series",
    "media-reference",
    "media-metadata",
    "media-object",
    "media-producer",
    "pre",
    "identified-content",
    // NewsML-G2
    "itemMeta",
    "rightsInfo",
    "catalogRef",
    "catalog",
    "subject",
    "genre",
    "keyword",
    "audience",
    "located",
    "infoSource",
    "creator",
    "contributor",
    "slugline",
    "urgency",
    "language",
    "altId",
    "signal",
    "link",
    "edNote",
    "creditline",
    "remoteContent",
    "contentCreated",
    "contentModified",
    "dateline",
    "concept",
    "partMeta",
    "groupSet",
    "assert",
    // XHTML inside inlineXML
    "script",
    "style",
    "code",
    "object",
];

/// Elements that make a block of prose, and its kind.
fn block_kind(name: &str) -> Option<SegmentKind> {
    Some(match name {
        "hl1" | "hl2" | "headline" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            SegmentKind::Headline
        }
        "byline" | "by" => SegmentKind::Byline,
        "description" => SegmentKind::Metadata,
        "p" | "dt" | "dd" | "tagline" | "fn" | "inlineData" => SegmentKind::Paragraph,
        "li" => SegmentKind::ListItem,
        "td" | "th" => SegmentKind::TableCell,
        "media-caption" | "caption" | "figcaption" => SegmentKind::Caption,
        "credit" => SegmentKind::Byline,
        _ => return None,
    })
}

/// Elements whose blocks take their kind.
fn container_kind(name: &str) -> Option<SegmentKind> {
    Some(match name {
        "abstract" => SegmentKind::Metadata,
        "bq" | "blockquote" => SegmentKind::BlockQuote,
        "li" => SegmentKind::ListItem,
        "td" | "th" => SegmentKind::TableCell,
        "media-caption" | "figcaption" => SegmentKind::Caption,
        _ => return None,
    })
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.into_owned(),
    }
}

pub(super) fn extract(source: &str) -> Result<Prose, MarkupError> {
    let mut reader = Reader::from_str(source);
    reader.config_mut().trim_text(false);
    let mut b = Builder::new(source);
    let mut stack: Vec<String> = Vec::new();
    let mut skip = 0usize;
    let mut root_seen = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| MarkupError::Xml {
            at: reader.error_position() as usize,
            reason: e.to_string(),
        })?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = after >= 2 && &source[after - 2..after] == "/>";
                let name = local(e.name().0.as_bytes());
                if !root_seen {
                    root_seen = true;
                    if !ROOTS.contains(&name.as_str()) {
                        return Err(MarkupError::NotNews { root: name });
                    }
                }
                if empty {
                    if skip == 0 && name == "br" {
                        b.replace("\n", before..after);
                    }
                    continue;
                }
                if skip > 0 || SKIPPED.contains(&name.as_str()) {
                    if skip == 0 {
                        b.end();
                    }
                    skip += 1;
                } else if let Some(kind) = block_kind(&name) {
                    let kind = stack
                        .iter()
                        .rev()
                        .find_map(|n| container_kind(n))
                        .unwrap_or(kind);
                    b.begin(kind);
                } else if container_kind(&name).is_some() {
                    b.end();
                }
                stack.push(name);
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                if skip > 0 {
                    skip -= 1;
                } else if block_kind(&name).is_some() || container_kind(&name).is_some() {
                    b.end();
                }
            }
            Event::Text(_) if skip == 0 && b.in_block() => b.copy_collapsed(before..after),
            Event::CData(_) if skip == 0 && b.in_block() => b.copy(before + 9..after - 3),
            Event::GeneralRef(_) if skip == 0 && b.in_block() => {
                match entity::decode_one(&source[before..after]) {
                    Some((_, text)) => b.replace(&text, before..after),
                    None => b.placeholder(before..after),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(MarkupError::Xml {
            at: source.len(),
            reason: format!("<{open}> is not closed"),
        });
    }
    if !root_seen {
        return Err(MarkupError::Xml {
            at: 0,
            reason: "no root element".into(),
        });
    }
    Ok(b.finish())
}
