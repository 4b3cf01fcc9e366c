//! Benchmarks of each stage of the pipeline: tokenizing, the word stage
//! (`words::analyze`: spelling verdicts and suggestions), reporting (JSON,
//! compact, human), and the whole `Linter::check` with every default rule
//! (context model and style rules included as they land), on the sample
//! stories and on a 5 MB news-like text generated here (`corpus.rs`).
//!
//!     CARGO_TARGET_DIR=../target-perf cargo bench --bench pipeline
//!     cargo bench --bench pipeline -- check     # one stage
//!
//! Throughput is printed as bytes per second. The goals (issue #5): all
//! default rules at 5 MB/s or more on one core; see docs/benchmarks.md.

#[path = "corpus.rs"]
mod corpus;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use newslint::base::{Dialect, Settings};
use newslint::lint::Linter;
use newslint::report;
use newslint::spell::Speller;
use newslint::text::document::Document;
use newslint::text::token::tokenize;
use newslint::words::analyze;
use std::collections::HashSet;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// Inputs by name: the two sample stories and the 5 MB corpus.
fn input(name: &str) -> &'static Document {
    static STORY: OnceLock<Document> = OnceLock::new();
    static FLOOD: OnceLock<Document> = OnceLock::new();
    static NEWS: OnceLock<Document> = OnceLock::new();
    let sample = |file: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        Document::new(file, std::fs::read_to_string(path).expect("sample story"))
    };
    match name {
        "story" => STORY.get_or_init(|| sample("samples/story.txt")),
        "flood-1000" => FLOOD.get_or_init(|| sample("samples/flood-1000.txt")),
        "news-5mb" => {
            NEWS.get_or_init(|| Document::new("news-5mb", corpus::news_corpus(corpus::FIVE_MB)))
        }
        other => panic!("no input {other}"),
    }
}

fn en_gb() -> Settings {
    Settings {
        dialect: Dialect::EnGb,
        ..Settings::default()
    }
}

const STORIES: &[&str] = &["story", "flood-1000"];

mod tokenizing {
    use super::*;

    #[divan::bench(args = STORIES)]
    fn stories(bencher: Bencher, name: &str) {
        let doc = input(name);
        bencher
            .counter(BytesCount::of_str(&doc.text))
            .bench(|| tokenize(black_box(&doc.text), doc.body_start()));
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn news_5mb(bencher: Bencher) {
        let doc = input("news-5mb");
        bencher
            .counter(BytesCount::of_str(&doc.text))
            .bench(|| tokenize(black_box(&doc.text), doc.body_start()));
    }
}

mod spelling {
    use super::*;

    fn run(bencher: Bencher, name: &str) {
        let doc = input(name);
        let tokens = tokenize(&doc.text, doc.body_start());
        // One speller for every iteration, as one Linter serves many
        // stories: Hunspell is loaded once, its verdict cache stays warm.
        let speller = Speller::new(Dialect::EnGb, HashSet::new());
        bencher
            .counter(BytesCount::of_str(&doc.text))
            .bench_local(|| analyze(black_box(&doc.text), &tokens, &speller));
    }

    #[divan::bench(args = STORIES)]
    fn stories(bencher: Bencher, name: &str) {
        run(bencher, name);
    }

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn news_5mb(bencher: Bencher) {
        run(bencher, "news-5mb");
    }
}

mod reporting {
    use super::*;

    /// A document and its findings, computed once.
    fn checked(name: &str) -> Vec<(Document, Vec<newslint::base::finding::Finding>)> {
        let doc = input(name).clone();
        let findings = Linter::new(&en_gb()).expect("linter").check(&doc);
        vec![(doc, findings)]
    }

    #[divan::bench(args = STORIES)]
    fn json(bencher: Bencher, name: &str) {
        let results = checked(name);
        bencher.bench(|| report::json(black_box(&results)));
    }

    #[divan::bench(args = STORIES)]
    fn compact(bencher: Bencher, name: &str) {
        let results = checked(name);
        bencher.bench(|| {
            let mut out = String::new();
            for (doc, findings) in &results {
                for f in findings {
                    out.push_str(&report::compact_line(doc, f));
                    out.push('\n');
                }
            }
            out
        });
    }

    #[divan::bench(args = STORIES)]
    fn human(bencher: Bencher, name: &str) {
        let results = checked(name);
        let renderer = report::human::renderer(false, None);
        bencher.bench(|| {
            let mut out = String::new();
            for (doc, findings) in &results {
                for f in findings {
                    out.push_str(&report::human::render(&renderer, doc, f));
                }
            }
            out + &report::human::summary(&results)
        });
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn json_news_5mb(bencher: Bencher) {
        let results = checked("news-5mb");
        bencher.bench(|| report::json(black_box(&results)));
    }
}

mod check {
    use super::*;

    /// `Linter::check` with every default rule, one linter reused.
    fn run(bencher: Bencher, name: &str) {
        let doc = input(name);
        let linter = Linter::new(&en_gb()).expect("linter");
        bencher
            .counter(BytesCount::of_str(&doc.text))
            .bench_local(|| linter.check(black_box(doc)));
    }

    #[divan::bench(args = STORIES)]
    fn stories(bencher: Bencher, name: &str) {
        run(bencher, name);
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn news_5mb(bencher: Bencher) {
        run(bencher, "news-5mb");
    }

    /// A fresh `Linter` per story: what one cold `newslint check` pays
    /// inside the process (dictionary maps, Hunspell load when needed).
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn fresh_linter_flood_1000(bencher: Bencher) {
        let doc = input("flood-1000");
        bencher.bench_local(|| Linter::new(&en_gb()).expect("linter").check(doc));
    }
}
