//! Vale scopes: which parts of a story a rule reads. A rule names scopes
//! (`text`, `paragraph`, `sentence`, `heading.h1`, `raw`, `summary`, a list
//! of them, or `~list` to leave one out); a story is cut into blocks, each
//! of one kind, and a rule runs on the blocks its scope takes.
//!
//! Plain text is cut as Vale cuts a `.txt` file: the whole text (`text`,
//! `raw`, `summary`), its paragraphs (split on blank lines) and their
//! sentences. Vale has no headings in plain text. A marked-up story
//! (Markdown, HTML, news XML, Word) is cut along the segments the markup
//! stage found: headlines are `heading.hN` (the level read from the
//! source: `##`, `<h2>`), body paragraphs `paragraph`, list items `list`,
//! block quotes `blockquote`, table cells `table`, alt text and captions
//! `alt`; code is never prose, so no scope reads it. A Markdown story read
//! as plain text still has its `#` lines taken as headings.

use crate::text::markup::{Segment, SegmentKind};
use std::ops::Range;

/// The kind of a block, as Vale's scope names see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The whole story's prose.
    Text,
    /// The story as written, markup and all.
    Raw,
    /// The story's prose without headings: what `metric` rules measure.
    Summary,
    Paragraph,
    Sentence,
    /// A heading of level 1 to 6.
    Heading(u8),
    List,
    BlockQuote,
    Table,
    Alt,
}

impl Kind {
    /// The dotted scope names a block of this kind answers to.
    fn names(self) -> &'static [&'static str] {
        match self {
            Kind::Text => &["text"],
            Kind::Raw => &["raw"],
            Kind::Summary => &["summary"],
            Kind::Paragraph => &["paragraph"],
            Kind::Sentence => &["sentence"],
            Kind::Heading(1) => &["heading", "h1"],
            Kind::Heading(2) => &["heading", "h2"],
            Kind::Heading(3) => &["heading", "h3"],
            Kind::Heading(4) => &["heading", "h4"],
            Kind::Heading(5) => &["heading", "h5"],
            Kind::Heading(_) => &["heading", "h6"],
            Kind::List => &["list"],
            Kind::BlockQuote => &["blockquote"],
            Kind::Table => &["table", "cell"],
            Kind::Alt => &["alt"],
        }
    }
}

/// A stretch of the story a rule reads: byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub span: Range<usize>,
    pub kind: Kind,
}

/// A rule's `scope`: blocks that answer to any of `any` and none of `not`.
/// Each entry is a dotted name split on its dots (`heading.h1`), and a
/// block answers to it when it has every part.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    any: Vec<Vec<String>>,
    not: Vec<Vec<String>>,
}

/// Scope names newslint knows; a rule naming another is still loaded and
/// reads nothing there (Vale's markup-only scopes such as `alt` or `list`
/// in a plain-text story).
const KNOWN: &[&str] = &[
    "text",
    "raw",
    "summary",
    "paragraph",
    "sentence",
    "heading",
    "title",
    "list",
    "blockquote",
    "table",
    "code",
    "alt",
    "attr",
];

impl Scope {
    /// The scope from the rule's `scope` names, or `default` when it names
    /// none. `title` is Vale's name for a level-1 heading.
    pub fn new(names: &[String], default: &str) -> Scope {
        let mut any = Vec::new();
        let mut not = Vec::new();
        let names: Vec<&str> = if names.is_empty() {
            vec![default]
        } else {
            names.iter().map(|s| s.trim()).collect()
        };
        for name in names {
            let (negated, name) = match name.strip_prefix('~') {
                Some(rest) => (true, rest),
                None => (false, name),
            };
            let parts: Vec<String> = if name == "title" {
                vec!["heading".into(), "h1".into()]
            } else {
                name.split('.')
                    .filter(|p| !p.is_empty() && !matches!(*p, "md" | "txt"))
                    .map(str::to_string)
                    .collect()
            };
            if negated {
                not.push(parts);
            } else {
                any.push(parts);
            }
        }
        if any.is_empty() {
            any.push(vec![default.to_string()]);
        }
        Scope { any, not }
    }

    /// Does a block of `kind` fall in this scope?
    pub fn takes(&self, kind: Kind) -> bool {
        let names = kind.names();
        let has = |parts: &Vec<String>| parts.iter().all(|p| names.contains(&p.as_str()));
        self.any.iter().any(has) && !self.not.iter().any(has)
    }

    /// Scope names this rule uses that newslint does not know.
    pub fn unknown(&self) -> Vec<String> {
        self.any
            .iter()
            .chain(&self.not)
            .filter_map(|p| p.first())
            .filter(|p| !KNOWN.contains(&p.as_str()))
            .cloned()
            .collect()
    }
}

/// A marked-up story's segments and its source, for cutting it into
/// blocks by what each segment is.
pub struct Marked<'a> {
    pub segments: &'a [Segment],
    pub source: &'a str,
}

/// The blocks of a story that `scope` takes, in order. `markdown` says a
/// plain-text story is Markdown (its `#` lines are headings); `marked`
/// gives a marked-up story's segments.
pub fn blocks(
    text: &str,
    from: usize,
    markdown: bool,
    marked: Option<&Marked>,
    scope: &Scope,
) -> Vec<Block> {
    let mut out = Vec::new();
    let whole = from..text.len();
    let parts = match marked {
        Some(m) => segment_parts(m),
        None => plain_parts(text, from, markdown),
    };
    // Vale lints a marked-up story block by block: `text` reads each
    // heading, paragraph, list item … on its own (so `^` in a pattern
    // is the start of a paragraph), where a `.txt` story is one block.
    let blockwise = marked.is_some() || markdown;
    for kind in [Kind::Text, Kind::Raw, Kind::Summary] {
        if !scope.takes(kind) {
            continue;
        }
        if kind == Kind::Text && blockwise {
            out.extend(parts.iter().map(|(_, span)| Block {
                span: span.clone(),
                kind,
            }));
        } else {
            out.push(Block {
                span: whole.clone(),
                kind,
            });
        }
    }
    let wants_sentences = scope.takes(Kind::Sentence);
    for (kind, span) in parts {
        if scope.takes(kind) {
            out.push(Block {
                span: span.clone(),
                kind,
            });
        }
        let prose = matches!(
            kind,
            Kind::Paragraph | Kind::List | Kind::BlockQuote | Kind::Table
        );
        if wants_sentences && prose {
            out.extend(sentences(text, span).into_iter().map(|span| Block {
                span,
                kind: Kind::Sentence,
            }));
        }
    }
    out.sort_by_key(|b| b.span.start);
    out
}

/// A plain-text story's headings (Markdown `#` lines, when `markdown`) and
/// paragraphs.
fn plain_parts(text: &str, from: usize, markdown: bool) -> Vec<(Kind, Range<usize>)> {
    let headings = if markdown {
        headings(text, from)
    } else {
        Vec::new()
    };
    let mut out: Vec<(Kind, Range<usize>)> = headings
        .iter()
        .map(|(level, span)| (Kind::Heading(*level), span.clone()))
        .collect();
    for p in paragraphs(text, from) {
        if !headings
            .iter()
            .any(|(_, h)| p.start <= h.start && h.end <= p.end)
        {
            out.push((Kind::Paragraph, p));
        }
    }
    out
}

/// A marked-up story's segments as Vale's block kinds (bylines and
/// metadata values answer to no scope but `text`).
fn segment_parts(m: &Marked) -> Vec<(Kind, Range<usize>)> {
    m.segments
        .iter()
        .filter_map(|s| {
            let kind = match s.kind {
                SegmentKind::Headline => Kind::Heading(heading_level(m.source, s.source.start)),
                SegmentKind::Paragraph => Kind::Paragraph,
                SegmentKind::ListItem => Kind::List,
                SegmentKind::BlockQuote => Kind::BlockQuote,
                SegmentKind::TableCell => Kind::Table,
                SegmentKind::Caption => Kind::Alt,
                SegmentKind::Metadata | SegmentKind::Byline => return None,
            };
            Some((kind, s.prose.clone()))
        })
        .collect()
}

/// A headline's level from the markup before it on its line: the `#`s of
/// a Markdown heading, the digit of an HTML `<hN>`; 1 otherwise (a title,
/// NITF `hl1`, NewsML `headline`).
fn heading_level(source: &str, at: usize) -> u8 {
    let at = at.min(source.len());
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = source[line_start..at].trim_start();
    let hashes = before.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        return hashes as u8;
    }
    let tail = &source[at.saturating_sub(64)..at];
    tail.to_ascii_lowercase()
        .rfind("<h")
        .and_then(|i| tail.as_bytes().get(i + 2).copied())
        .filter(|b| (b'1'..=b'6').contains(b))
        .map_or(1, |b| b - b'0')
}

/// Markdown ATX headings (`# Title`): level and the title's span.
fn headings(text: &str, from: usize) -> Vec<(u8, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if start < from {
            continue;
        }
        let l = line.trim_end();
        if l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~") {
            fenced = !fenced;
        }
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        if fenced || hashes == 0 || hashes > 6 {
            continue;
        }
        let rest = &l[hashes..];
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            continue;
        }
        let title = rest.trim().trim_end_matches('#').trim_end();
        let offset = start + hashes + (rest.len() - rest.trim_start().len());
        out.push((hashes as u8, offset..offset + title.len()));
    }
    out
}

/// Paragraphs: runs of non-blank lines, without their line ends.
pub fn paragraphs(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = from;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        if at <= from {
            continue;
        }
        let line_start = line_start.max(from);
        let content = text[line_start..at].trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            start.get_or_insert(line_start);
            end = line_start + content.len();
        }
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "cf", "no",
    "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "inc", "ltd", "co", "corp", "jan",
    "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n", "a.m",
    "p.m", "approx", "fig", "vol",
];

/// The sentences of a paragraph: a sentence ends at `.`, `!` or `?` (and
/// any closing quotes or brackets) before white space and a capital, a
/// digit or an opening quote, unless the full stop ends an abbreviation or
/// an initial.
pub fn sentences(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[para.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !matches!(c, '.' | '!' | '?') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len()
            && matches!(
                chars[j].1,
                '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']'
            )
        {
            j += 1;
        }
        let end = chars.get(j).map_or(s.len(), |&(b, _)| b);
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let next = chars.get(k).map(|&(_, c)| c);
        let boundary = k > j
            && next.is_some_and(|n| n.is_uppercase() || n.is_numeric() || "\"“‘'([".contains(n))
            && !(c == '.' && abbreviation(&s[start..at]));
        if boundary || (j >= chars.len() && end > start) {
            out.push(para.start + start..para.start + end);
            start = chars.get(k).map_or(s.len(), |&(b, _)| b);
        }
        i = j.max(i + 1);
        let _ = at;
    }
    if start < s.len() && !s[start..].trim().is_empty() {
        out.push(para.start + start..para.start + s.trim_end().len());
    }
    out
}

/// Does `before` (the sentence so far, up to a full stop) end in an
/// abbreviation or a one-letter initial?
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let chars = word.chars().count();
    (chars == 1 && word.chars().all(char::is_uppercase)) || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| text[b.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn scopes_take_the_blocks_they_name() {
        let s = Scope::new(&["heading.h1".into()], "text");
        assert!(s.takes(Kind::Heading(1)) && !s.takes(Kind::Heading(2)));
        let s = Scope::new(&["heading".into(), "~heading.h1".into()], "text");
        assert!(s.takes(Kind::Heading(3)) && !s.takes(Kind::Heading(1)));
        let s = Scope::new(&[], "sentence");
        assert!(s.takes(Kind::Sentence) && !s.takes(Kind::Text));
        assert!(Scope::new(&["title".into()], "text").takes(Kind::Heading(1)));
        assert_eq!(
            Scope::new(&["list".into(), "weird".into()], "text").unknown(),
            ["weird"]
        );
    }

    #[test]
    fn plain_text_is_cut_into_paragraphs_and_sentences() {
        let text =
            "Mr. Smith went to Washington. He said no!\nIt rained.\n\n# Not a heading\nLast one";
        let all = Scope::new(&["paragraph".into(), "sentence".into()], "text");
        let got = texts(text, &blocks(text, 0, false, None, &all));
        assert_eq!(
            got,
            [
                "Mr. Smith went to Washington. He said no!\nIt rained.",
                "Mr. Smith went to Washington.",
                "He said no!",
                "It rained.",
                "# Not a heading\nLast one",
                "# Not a heading\nLast one",
            ]
        );
    }

    #[test]
    fn markdown_headings_are_their_own_blocks() {
        let text = "# Troops leave\n\nBody text.\n\n```\n# code\n```\n### Third ###\n";
        let h = Scope::new(&["heading".into()], "text");
        assert_eq!(
            texts(text, &blocks(text, 0, true, None, &h)),
            ["Troops leave", "Third"]
        );
        let b = blocks(text, 0, true, None, &h);
        assert_eq!(b[1].kind, Kind::Heading(3));
        assert!(blocks(text, 0, false, None, &h).is_empty());
    }

    #[test]
    fn a_marked_up_story_is_cut_by_its_segments() {
        use crate::text::document::Document;
        use crate::text::markup::{Format, MarkupOptions};
        let source = "# Title\n\nBody one.\n\n## Part\n\n- an item\n\n> quoted\n\n```\ncode\n```\n";
        let doc = Document::marked_up(
            "s.md",
            source.to_string(),
            Format::Markdown,
            &MarkupOptions::default(),
        )
        .unwrap();
        let marked = Marked {
            segments: doc.segments(),
            source: doc.source(),
        };
        let scope = Scope::new(
            &[
                "heading".into(),
                "list".into(),
                "blockquote".into(),
                "paragraph".into(),
            ],
            "text",
        );
        let got: Vec<(Kind, String)> = blocks(&doc.text, 0, false, Some(&marked), &scope)
            .into_iter()
            .map(|b| (b.kind, doc.text[b.span].to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::Heading(1), "Title".to_string()),
                (Kind::Paragraph, "Body one.".to_string()),
                (Kind::Heading(2), "Part".to_string()),
                (Kind::List, "an item".to_string()),
                (Kind::BlockQuote, "quoted".to_string()),
            ]
        );
        assert!(Scope::new(&["heading.h2".into()], "text").takes(Kind::Heading(2)));
    }
}
