use super::*;

fn prose(source: &str, format: Format) -> Prose {
    extract(source, format, &MarkupOptions::default()).expect("extracts")
}

/// Every segment's prose, with its kind.
fn blocks(p: &Prose) -> Vec<(SegmentKind, &str)> {
    p.segments
        .iter()
        .map(|s| (s.kind, &p.text[s.prose.clone()]))
        .collect()
}

/// The source text under each exact word of the prose equals the word.
fn assert_words_map_back(source: &str, p: &Prose) {
    let mut at = 0;
    for word in p.text.split(|c: char| !c.is_alphanumeric()) {
        let start = at + p.text[at..].find(word).unwrap();
        at = start + word.len();
        if word.is_empty() {
            continue;
        }
        let (span, exact) = p.map.span(start..at);
        if exact {
            assert_eq!(&source[span], word);
        }
    }
}

const MD: &str = "---
title: \"Flood troups arrive\"
slug: goverment-flood-troups
tags: [goverment, troups]
description: The the council met.
---

# Rescue at the river

The goverment said `lenght = 12` was [the report](https://x.example/recieve_timeout) *fine*.

```rust
let recieve_timeout = 5;
```

- one item
- two <span>items</span> here

> A quote.

| Name | Role |
|------|------|
| Ana  | chief |

![A rescuer at work](img/goverment.jpg)

<div class=\"embed\">goverment embed</div>
<!-- troups comment -->
";

#[test]
fn markdown_prose_is_only_the_copy() {
    let p = prose(MD, Format::Markdown);
    assert_eq!(
        blocks(&p),
        [
            (SegmentKind::Headline, "Flood troups arrive"),
            (SegmentKind::Metadata, "The the council met."),
            (SegmentKind::Headline, "Rescue at the river"),
            (
                SegmentKind::Paragraph,
                "The goverment said \u{fffc} was the report fine."
            ),
            (SegmentKind::ListItem, "one item"),
            (SegmentKind::ListItem, "two items here"),
            (SegmentKind::BlockQuote, "A quote."),
            (SegmentKind::TableCell, "Name"),
            (SegmentKind::TableCell, "Role"),
            (SegmentKind::TableCell, "Ana"),
            (SegmentKind::TableCell, "chief"),
            (SegmentKind::Caption, "A rescuer at work"),
        ]
    );
    assert!(p.text.contains("arrive\n\nThe the"));
    for s in &p.segments {
        let (span, _) = p.map.span(s.prose.clone());
        assert_eq!(span, s.source);
    }
    assert_words_map_back(MD, &p);
    // `troups` in the title maps to its bytes in the file.
    let at = p.text.find("troups").unwrap();
    let (span, exact) = p.map.span(at..at + 6);
    assert!(exact);
    assert_eq!(span.start, MD.find("troups").unwrap());
    // A span over the inline code's placeholder is not exact.
    let at = p.text.find('\u{fffc}').unwrap();
    let (span, exact) = p.map.span(at - 5..at + 3);
    assert!(!exact);
    assert_eq!(&MD[span], "said `lenght = 12`");
}

#[test]
fn toml_front_matter_and_block_values() {
    let md = "+++\ntitle = \"Storm \\\"hits\\\"\"\ntags = [\"x\"]\n[extra]\nsummary = \"not top level\"\n+++\nBody.\n";
    let p = prose(md, Format::Markdown);
    assert_eq!(
        blocks(&p),
        [
            (SegmentKind::Headline, "Storm \"hits\""),
            (SegmentKind::Paragraph, "Body.")
        ]
    );
    let md = "---\ndescription: >\n  Folded over\n  two lines\nauthor: Ana\n---\n";
    let p = prose(md, Format::Markdown);
    assert_eq!(
        blocks(&p),
        [(SegmentKind::Metadata, "Folded over two lines")]
    );
}

const HTML: &str = "<!DOCTYPE html>
<html><head><title>goverment</title>
<script type=\"application/ld+json\">{\"headline\": \"troups\"}</script>
<style>.troups { color: red }</style></head>
<body>
<h1 class=\"hed\">Council&rsquo;s   flood plan</h1>
<p class=\"byline\">By Ana Lima</p>
<p>The &ldquo;goverment&rdquo; said <code>lenght = 12</code> and
   <a href=\"/recieve_timeout\" title=\"Full troups report\">more</a>.<br>Next line.</p>
<img src=\"goverment.png\" alt=\"Troups at work\">
<pre>recieve_timeout</pre>
<ul><li>First</li><li>Second</ul>
<!-- goverment -->
</body></html>";

#[test]
fn html_prose_is_only_the_copy() {
    let p = prose(HTML, Format::Html);
    assert_eq!(
        blocks(&p),
        [
            (SegmentKind::Headline, "Council’s flood plan"),
            (SegmentKind::Byline, "By Ana Lima"),
            (
                SegmentKind::Paragraph,
                "The “goverment” said \u{fffc} and more.\nNext line."
            ),
            (SegmentKind::Caption, "Full troups report"),
            (SegmentKind::Caption, "Troups at work"),
            (SegmentKind::ListItem, "First"),
            (SegmentKind::ListItem, "Second"),
        ]
    );
    // The apostrophe maps to its whole reference.
    let at = p.text.find('’').unwrap();
    let (span, exact) = p.map.span(at - 7..at + "’s".len());
    assert!(!exact);
    assert_eq!(&HTML[span], "Council&rsquo;s");
    assert_words_map_back(HTML, &p);
}

const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf>
<head><title>goverment</title><docdata><key-list><keyword key="troups"/></key-list></docdata></head>
<body>
<body.head>
<hedline><hl1>Troups reach the river</hl1><hl2>Second deck</hl2></hedline>
<byline>By <person>Ana Lima</person></byline>
<dateline><location>KHARKIV</location></dateline>
<abstract><p>The the summary.</p></abstract>
</body.head>
<body.content>
<p>The <org>goverment</org> said it&apos;s fine &amp; calm.</p>
<bq><block><p>A quoted line.</p></block></bq>
<media media-type="image"><media-reference source="goverment.jpg"/><media-caption>Crews at work</media-caption></media>
</body.content>
</body>
</nitf>"#;

#[test]
fn nitf_prose_is_only_the_copy() {
    let p = prose(NITF, Format::Xml);
    assert_eq!(
        blocks(&p),
        [
            (SegmentKind::Headline, "Troups reach the river"),
            (SegmentKind::Headline, "Second deck"),
            (SegmentKind::Byline, "By Ana Lima"),
            (SegmentKind::Metadata, "The the summary."),
            (
                SegmentKind::Paragraph,
                "The goverment said it's fine & calm."
            ),
            (SegmentKind::BlockQuote, "A quoted line."),
            (SegmentKind::Caption, "Crews at work"),
        ]
    );
    assert_words_map_back(NITF, &p);
}

#[test]
fn newsml_g2_reads_headline_description_and_inline_xml() {
    let g2 = r#"<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x">
<itemMeta><title>goverment</title><edNote>troups</edNote></itemMeta>
<contentMeta><headline>Flood troups</headline><subject qcode="medtop:1"><name>goverment</name></subject>
<description role="drol:summary">A short summary.</description><keyword>troups</keyword></contentMeta>
<contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.content><p>Body text.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>"#;
    let p = prose(g2, Format::Xml);
    assert_eq!(
        blocks(&p),
        [
            (SegmentKind::Headline, "Flood troups"),
            (SegmentKind::Metadata, "A short summary."),
            (SegmentKind::Paragraph, "Body text."),
        ]
    );
}

#[test]
fn other_xml_and_broken_xml_are_refused() {
    let err = extract(
        "<rss><p>x</p></rss>",
        Format::Xml,
        &MarkupOptions::default(),
    );
    assert!(matches!(err, Err(MarkupError::NotNews { ref root }) if root == "rss"));
    let err = extract("<nitf><p>x</nitf>", Format::Xml, &MarkupOptions::default());
    assert!(matches!(err, Err(MarkupError::Xml { .. })), "{err:?}");
    let err = extract("<nitf><body>", Format::Xml, &MarkupOptions::default());
    assert!(matches!(err, Err(MarkupError::Xml { .. })), "{err:?}");
}

#[test]
fn formats_come_from_extensions_and_names() {
    assert_eq!(Format::of_path(Path::new("a/b.MD")), Format::Markdown);
    assert_eq!(Format::of_path(Path::new("story.htm")), Format::Html);
    assert_eq!(Format::of_path(Path::new("story")), Format::Plain);
    assert_eq!(Format::from_name("plaintext"), Some(Format::Plain));
    assert_eq!(Format::from_name("markdown"), Some(Format::Markdown));
    assert_eq!(Format::from_name("rtf"), None);
}

#[test]
fn a_bom_shifts_the_source_offsets() {
    let src = "\u{feff}# Troups\n";
    let p = prose(src, Format::Markdown);
    let (span, exact) = p.map.span(0..6);
    assert!(exact);
    assert_eq!(&src[span], "Troups");
}

/// Every character of the prose that maps exactly is the same character
/// in the source, and every segment lies within the source.
fn assert_map_is_sound(source: &str, p: &Prose) {
    for (i, c) in p.text.char_indices() {
        let (span, exact) = p.map.span(i..i + c.len_utf8());
        assert!(
            span.start <= span.end && span.end <= source.len(),
            "{span:?}"
        );
        assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        if exact {
            assert_eq!(&source[span], &p.text[i..i + c.len_utf8()]);
        }
    }
    for s in &p.segments {
        assert!(s.source.end <= source.len() && s.prose.end <= p.text.len());
    }
}

proptest::proptest! {
    #[test]
    fn markup_maps_back_soundly(
        source in "([a-z ]{1,6}|\n|\n\n|# |- |> |`|\\*|_|\\[|\\]|\\(|\\)|<p>|</p>|<b>|</b>|<code>|<!--|-->|&amp;|&rsquo;|&#8212;|&|---\ntitle: |\"|'|\\||<img alt=\"x y\">|é|—){0,40}"
    ) {
        for format in [Format::Markdown, Format::Html] {
            let p = extract(&source, format, &MarkupOptions::default()).unwrap();
            assert_map_is_sound(&source, &p);
        }
        let xml = format!("<nitf><body><body.content><p>{}</p></body.content></body></nitf>", source);
        if let Ok(p) = extract(&xml, Format::Xml, &MarkupOptions::default()) {
            assert_map_is_sound(&xml, &p);
        }
    }
}
