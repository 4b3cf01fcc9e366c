//! `newslint model build --arpa FILE -o OUT` and
//! `newslint model train TEXT... -o OUT`: make a context model for
//! `newslint check --model OUT`.

use super::builder;
use super::model::Model;
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum ModelCommand {
    /// Convert an ARPA language model (orders 1-3) into newslint's format.
    Build {
        /// The ARPA text model.
        #[arg(long, value_name = "FILE")]
        arpa: PathBuf,
        /// Where to write the model.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Prune the least informative n-grams until the file fits (MB).
        #[arg(long, value_name = "MB")]
        max_mb: Option<f64>,
    },
    /// Count the n-grams of a newsroom's archive (text files or folders).
    Train {
        /// Stories: files or folders of *.txt, *.md.
        #[arg(required = true)]
        texts: Vec<PathBuf>,
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        #[arg(long, value_name = "MB")]
        max_mb: Option<f64>,
    },
}

fn text_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path).build() {
                let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
                let p = entry.path();
                let story = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "txt" | "md" | "markdown"));
                if story && entry.file_type().is_some_and(|t| t.is_file()) {
                    found.push(p.to_path_buf());
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn write(raw: builder::Raw, max_mb: Option<f64>, output: &Path) -> Result<i32, String> {
    let max = max_mb.map(|mb| (mb * 1_000_000.0) as usize);
    let bytes = builder::finish(raw, max).to_bytes()?;
    let model = Model::from_vec(bytes)?;
    let (v, b, t) = model.counts();
    std::fs::write(output, model.bytes())
        .map_err(|e| format!("{}: cannot write: {e}", output.display()))?;
    eprintln!(
        "newslint: wrote {} ({v} words, {b} bigrams, {t} trigrams)",
        output.display()
    );
    Ok(0)
}

pub fn run(cmd: ModelCommand) -> Result<i32, String> {
    match cmd {
        ModelCommand::Build {
            arpa,
            output,
            max_mb,
        } => {
            let file = std::fs::File::open(&arpa)
                .map_err(|e| format!("cannot read {}: {e}", arpa.display()))?;
            let raw = builder::read_arpa(std::io::BufReader::new(file))
                .map_err(|e| format!("{}: {e}", arpa.display()))?;
            write(raw, max_mb, &output)
        }
        ModelCommand::Train {
            texts,
            output,
            max_mb,
        } => {
            let mut stories = Vec::new();
            for path in text_files(&texts)? {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
                stories.push(text);
            }
            let raw = builder::train(stories.iter().map(String::as_str));
            write(raw, max_mb, &output)
        }
    }
}
