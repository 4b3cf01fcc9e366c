//! Writes the benchmark corpus to standard output, for `tools/bench-peers.sh`
//! and `tools/bench-linear.sh`:
//!
//!     cargo run --release --example gen_corpus -- news 5242880 > news-5mb.txt
//!     cargo run --release --example gen_corpus -- one-line 10485760 > one-line.txt
//!     cargo run --release --example gen_corpus -- short-lines 100000 > short-lines.txt

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("news");
    let n: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(corpus::FIVE_MB);
    let text = match mode {
        "news" => corpus::news_corpus(n),
        // The news text with every line break turned into a space: one line.
        "one-line" => corpus::news_corpus(n).replace('\n', " "),
        // `n` short lines: the corpus cut into lines of about six words.
        "short-lines" => corpus::short_lines(n),
        other => {
            eprintln!("gen_corpus: unknown mode `{other}` (news, one-line, short-lines)");
            std::process::exit(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}
