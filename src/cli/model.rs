//! `newslint model build --arpa FILE -o OUT` and
//! `newslint model train TEXT... -o OUT`: make a context model for
//! `newslint check --model OUT`.

use super::inputs::{self, InputError};
use crate::ngram::builder::{self, ArpaError};
use crate::ngram::model::{FormatError, Model, TablesError};
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// Why a model cannot be built or trained.
#[derive(Debug, thiserror::Error)]
pub enum ModelCommandError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("cannot read {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Arpa { path: PathBuf, source: ArpaError },
    #[error(transparent)]
    Tables(#[from] TablesError),
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

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

/// The stories named: files as given, folders walked as `check` walks them.
fn text_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            out.extend(inputs::stories_in(path, &[], &|_| false)?);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn write(raw: builder::Raw, max_mb: Option<f64>, output: &Path) -> Result<i32, ModelCommandError> {
    let max = max_mb.map(|mb| (mb * 1_000_000.0) as usize);
    let bytes = builder::finish(raw, max).to_bytes()?;
    let model = Model::from_vec(bytes)?;
    let (v, b, t) = model.counts();
    std::fs::write(output, model.bytes()).map_err(|source| ModelCommandError::Write {
        path: output.to_path_buf(),
        source,
    })?;
    super::say(&format!(
        "wrote {} ({v} words, {b} bigrams, {t} trigrams)",
        output.display()
    ));
    Ok(0)
}

pub(super) fn run(cmd: ModelCommand) -> Result<i32, ModelCommandError> {
    match cmd {
        ModelCommand::Build {
            arpa,
            output,
            max_mb,
        } => {
            let file = std::fs::File::open(&arpa).map_err(|source| ModelCommandError::Open {
                path: arpa.clone(),
                source,
            })?;
            let raw = builder::read_arpa(std::io::BufReader::new(file)).map_err(|source| {
                ModelCommandError::Arpa {
                    path: arpa.clone(),
                    source,
                }
            })?;
            write(raw, max_mb, &output)
        }
        ModelCommand::Train {
            texts,
            output,
            max_mb,
        } => {
            let mut stories = Vec::new();
            for path in text_files(&texts)? {
                stories.push(
                    inputs::read(&inputs::Input::File(path), &inputs::ReadAs::default())?
                        .doc
                        .text,
                );
            }
            let raw = builder::train(stories.iter().map(String::as_str));
            write(raw, max_mb, &output)
        }
    }
}
