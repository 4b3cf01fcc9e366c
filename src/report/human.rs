//! The report for a person: each finding as a rustc-style snippet drawn by
//! annotate-snippets (the line, a caret under the text, a `help:` line with
//! the best suggestion), then a one-line summary.

use crate::base::finding::{Finding, Severity};
use crate::text::document::Document;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Long news paragraphs are one line: the renderer trims them around the
/// caret to this width.
const TERM_WIDTH: usize = 100;

pub fn renderer(color: bool) -> Renderer {
    let r = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    r.term_width(TERM_WIDTH)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// One finding, rendered.
pub fn render(renderer: &Renderer, doc: &Document, f: &Finding) -> String {
    let (first_line, _) = doc.line_col(f.span.start);
    let (last_line, _) = doc.line_col(f.span.end.max(f.span.start + 1).min(doc.text.len()));
    let start = doc.line_span(first_line).start;
    let end = doc.line_span(last_line.max(first_line)).end.max(f.span.end);
    let source = &doc.text[start..end];
    let span = f.span.start - start..f.span.end - start;
    let path = super::escape_controls(&doc.path);
    let mut group: Group = level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.rule)
        .element(
            Snippet::source(source)
                .line_start(first_line)
                .path(path.as_ref())
                .annotation(AnnotationKind::Primary.span(span)),
        );
    if let Some(help) = help(f) {
        group = group.element(Level::HELP.message(help));
    }
    renderer.render(&[group])
}

/// The `help:` line of a finding with suggestions: `did you mean `troops`?
/// (also: troupe)`, `delete it`, or for an `info` finding the closest known
/// words.
pub fn help(f: &Finding) -> Option<String> {
    let best = f.suggestions.first()?;
    Some(if f.severity == Severity::Info {
        format!("closest known words: {}", f.suggestions.join(", "))
    } else if best.is_empty() {
        "delete it".to_string()
    } else if f.suggestions.len() > 1 {
        format!(
            "did you mean `{best}`? (also: {})",
            f.suggestions[1..].join(", ")
        )
    } else {
        format!("did you mean `{best}`?")
    })
}

/// `3 errors, 1 warning, 5 notes in 2 files`
pub fn summary(results: &[(Document, Vec<Finding>)]) -> String {
    let count = |s: Severity| {
        results
            .iter()
            .flat_map(|(_, f)| f)
            .filter(|f| f.severity == s)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "newslint: {}, {}, {} in {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info"),
        plural(results.len(), "file"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_shows_the_line_the_caret_and_the_help() {
        let doc = Document::new("story.txt", "Troops left.\nThe troups stayed.\n");
        let f = Finding::new(
            "spelling.unknown-word",
            Severity::Error,
            17..23,
            "`troups` is not a word",
        )
        .with_suggestions(vec!["troops".into()]);
        let out = render(&renderer(false), &doc, &f);
        assert!(
            out.starts_with("error[spelling.unknown-word]: `troups` is not a word"),
            "{out}"
        );
        assert!(out.contains("story.txt:2:5"), "{out}");
        assert!(out.contains("2 | The troups stayed."), "{out}");
        assert!(out.contains("^^^^^^"), "{out}");
        assert!(out.contains("help: did you mean `troops`?"), "{out}");
    }

    #[test]
    fn summary_counts_by_severity() {
        let doc = Document::new("a.txt", "x");
        let f = |s| Finding::new("r.x", s, 0..1, "m");
        let results = vec![(
            doc,
            vec![f(Severity::Error), f(Severity::Info), f(Severity::Info)],
        )];
        assert_eq!(
            summary(&results),
            "newslint: 1 error, 0 warnings, 2 infos in 1 file"
        );
    }
}
