//! The whole pipeline on any bytes: read as the command line reads a file
//! (non-UTF-8 is refused there, so here it is decoded lossily to reach the
//! linter anyway), checked with every default rule, and reported in every
//! format. No input may panic or hang, and every finding must point at
//! real text: a span on char boundaries, line and column inside the story.
//!
//!     RUSTC_BOOTSTRAP=1 cargo fuzz run check -- -max_len=4096 -timeout=10

#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::base::{Dialect, Settings};
use newslint::text::document::Document;
use newslint::lint::Linter;
use newslint::report;

thread_local! {
    static LINTERS: [Linter; 2] = [Dialect::EnUs, Dialect::EnGb].map(|dialect| {
        Linter::new(&Settings { dialect, ..Settings::default() }).expect("linter")
    });
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the dialect; the rest is the story.
    let (dialect, body) = match data.split_first() {
        Some((b, rest)) => (usize::from(b & 1), rest),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(body).into_owned();
    let doc = Document::new("fuzz.txt", text);
    let findings = LINTERS.with(|l| l[dialect].check(&doc));
    for f in &findings {
        assert!(f.span.start <= f.span.end && f.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(f.span.start) && doc.text.is_char_boundary(f.span.end));
        let located = report::locate(&doc, f);
        assert!(located.line >= 1 && located.line <= doc.line_count());
        assert!(located.end_line >= located.line);
        let _ = report::compact_line(&doc, f);
    }
    let results = vec![(doc, findings)];
    let _ = report::json(&results);
    let renderer = report::human::renderer(false);
    for (doc, findings) in &results {
        for f in findings {
            let _ = report::human::render(&renderer, doc, f);
        }
    }
    let _ = report::human::summary(&results);
});
