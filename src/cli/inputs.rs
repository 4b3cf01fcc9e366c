//! What `check` and `model train` read: files named on the command line,
//! folders walked for stories (honouring `.gitignore`, binary files
//! skipped), and standard input.

use crate::base::files;
use crate::text::document::Document;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One story to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The story's path, if it is a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p),
        }
    }
}

/// Why a story cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{}: {reason}", path.display())]
    Walk { path: PathBuf, reason: String },
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    #[error("cannot read {}: {}", path.display(), files::reason(source))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: a binary file, not text (NUL byte at offset {at})", path.display())]
    Binary { path: PathBuf, at: usize },
    #[error("{name}: not UTF-8 text (invalid byte at offset {at})")]
    NotUtf8 { name: String, at: usize },
}

/// File extensions of stories, looked for when a folder is walked.
pub const STORY_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Stories larger than this are refused.
pub const MAX_STORY_BYTES: u64 = 256 << 20;

/// How much of a file is read to tell text from binary: a NUL byte in the
/// first 8 KB makes it binary (as git and ripgrep decide).
const BINARY_SNIFF: usize = 8 * 1024;

/// The stories of the command line's paths, in order: no path, or `-`,
/// is standard input; a folder gives its stories sorted by path.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, InputError> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            inputs.extend(stories_in(path)?.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

/// The story files under `dir`, sorted, `.gitignore` honoured; a binary
/// file is skipped with a notice on standard error.
pub fn stories_in(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).build() {
        let entry = entry.map_err(|e| InputError::Walk {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let p = entry.path();
        let is_story = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| STORY_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_story && entry.file_type().is_some_and(|t| t.is_file()) {
            if let Some(at) = binary_at(p) {
                super::say(&format!(
                    "skipping {}: a binary file (NUL byte at offset {at})",
                    p.display()
                ));
                continue;
            }
            found.push(p.to_path_buf());
        }
    }
    found.sort();
    Ok(found)
}

/// Where the first NUL byte of `path`'s first 8 KB is, if any. A file that
/// cannot be read is not called binary: reading it fails later, with its path.
fn binary_at(path: &Path) -> Option<usize> {
    let mut head = Vec::with_capacity(BINARY_SNIFF);
    std::fs::File::open(path)
        .ok()?
        .take(BINARY_SNIFF as u64)
        .read_to_end(&mut head)
        .ok()?;
    head.iter().position(|&b| b == 0)
}

/// A story as a document: its path as given, its text exactly as stored.
pub fn read(input: &Input) -> Result<Document, InputError> {
    let (name, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(InputError::Stdin)?;
            ("-".to_string(), bytes)
        }
        Input::File(path) => {
            let bytes =
                files::read_bounded(path, MAX_STORY_BYTES).map_err(|source| InputError::Read {
                    path: path.clone(),
                    source,
                })?;
            if let Some(at) = bytes[..bytes.len().min(BINARY_SNIFF)]
                .iter()
                .position(|&b| b == 0)
            {
                return Err(InputError::Binary {
                    path: path.clone(),
                    at,
                });
            }
            (path.display().to_string(), bytes)
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        name: name.clone(),
        at: e.utf8_error().valid_up_to(),
    })?;
    Ok(Document::new(name, text))
}
