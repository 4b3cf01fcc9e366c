//! What `check` and `model train` read: files named on the command line,
//! folders walked for stories (every format's extensions, or those asked
//! for; `.gitignore` honoured, binary files skipped), and standard input.
//! Each story is read in its format (by extension, or as named), through
//! the markup stage; a story that is not UTF-8 is read as Windows-1252.

use crate::base::files;
use crate::text::document::Document;
use crate::text::markup::{docx, Format, MarkupError, MarkupOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One story to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The story's path, if it is a file.
    pub(super) fn path(&self) -> Option<&Path> {
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
    #[error("{name}: {source}")]
    Markup { name: String, source: MarkupError },
}

impl InputError {
    /// Whether the story was read but its content cannot be checked (bad
    /// markup): reported after every other story, not before.
    pub fn is_content(&self) -> bool {
        matches!(self, InputError::Markup { .. })
    }
}

/// File extensions of stories, looked for when a folder is walked: every
/// format's.
pub(super) const STORY_EXTENSIONS: &[&str] =
    &["txt", "md", "markdown", "html", "htm", "xml", "docx"];

/// A story as read.
pub(super) struct Story {
    pub doc: Document,
    /// Read as Windows-1252, not being UTF-8: byte offsets are into the
    /// decoded text, and `--fix` leaves the file alone.
    pub legacy: bool,
    /// A Word document's package, as read (for `--fix`).
    pub package: Option<Vec<u8>>,
}

/// Stories larger than this are refused (a story's text, even decoded
/// from Windows-1252, stays within [`crate::text::token::MAX_TEXT`]).
pub(super) const MAX_STORY_BYTES: u64 = 256 << 20;
const _: () = assert!(3 * MAX_STORY_BYTES <= crate::text::token::MAX_TEXT as u64);

/// How much of a file is read to tell text from binary: a NUL byte in the
/// first 8 KB makes it binary (as git and ripgrep decide).
const BINARY_SNIFF: usize = 8 * 1024;

/// The stories of the command line's paths, in order: no path, or `-`,
/// is standard input; a folder gives its stories sorted by path.
pub(super) fn collect(
    paths: &[PathBuf],
    extensions: &[String],
    rules_for: &dyn Fn(&Path) -> Option<crate::config::WalkRules>,
) -> Result<Vec<Input>, InputError> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let rules = rules_for(path).unwrap_or_default();
            let extensions = if extensions.is_empty() {
                &rules.extensions
            } else {
                extensions
            };
            let found = stories_in(path, extensions, &|p| rules.excludes(p))?;
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

/// The story files under `dir` with one of `extensions` (none given: every
/// format's), sorted, `.gitignore` honoured; a binary file is skipped with
/// a notice on standard error, and a folder with no story says so there.
pub(super) fn stories_in(
    dir: &Path,
    extensions: &[String],
    excluded: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, InputError> {
    let wanted = |e: &str| {
        let e = e.to_ascii_lowercase();
        if extensions.is_empty() {
            STORY_EXTENSIONS.contains(&e.as_str())
        } else {
            extensions
                .iter()
                .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(&e))
        }
    };
    let mut found = Vec::new();
    // `.gitignore` and `.ignore` count whether or not the folder is in a
    // git repository: a desk's archive often is not.
    for entry in ignore::WalkBuilder::new(dir).require_git(false).build() {
        if entry.as_ref().is_ok_and(|e| excluded(e.path())) {
            continue;
        }
        let entry = entry.map_err(|e| InputError::Walk {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let p = entry.path();
        let is_story = p.extension().and_then(|e| e.to_str()).is_some_and(wanted);
        if is_story && entry.file_type().is_some_and(|t| t.is_file()) {
            if Format::of_path(p) == Format::Docx {
                found.push(p.to_path_buf());
                continue;
            }
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
    if found.is_empty() {
        let looked: Vec<String> = if extensions.is_empty() {
            STORY_EXTENSIONS.iter().map(|e| format!("*.{e}")).collect()
        } else {
            extensions
                .iter()
                .map(|e| format!("*.{}", e.trim_start_matches('.')))
                .collect()
        };
        super::say(&format!(
            "{}: nothing to check (no {})",
            dir.display(),
            looked.join(", ")
        ));
    }
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

/// How stories are read: the format to read them in (none: by each
/// path's extension), the name standard input goes by, and the markup
/// options.
#[derive(Debug, Clone, Default)]
pub(super) struct ReadAs {
    pub format: Option<Format>,
    pub stdin_name: Option<PathBuf>,
    pub markup: MarkupOptions,
}

impl ReadAs {
    /// The format `input` is read in.
    pub(super) fn format_of(&self, input: &Input) -> Format {
        let path = input.path().or(self.stdin_name.as_deref());
        self.format
            .or_else(|| path.map(Format::of_path))
            .unwrap_or_default()
    }

    fn name_of(&self, input: &Input) -> String {
        match input {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => self
                .stdin_name
                .as_ref()
                .map_or("-".to_string(), |p| p.display().to_string()),
        }
    }
}

/// A story as a document: its path as given (standard input: `-` or the
/// `--stdin-filename`), its source exactly as stored, its prose.
pub(super) fn read(input: &Input, how: &ReadAs) -> Result<Story, InputError> {
    let format = how.format_of(input);
    let name = how.name_of(input);
    let bytes = match input {
        Input::Stdin => read_at_most(std::io::stdin().lock(), MAX_STORY_BYTES)?,
        Input::File(path) => {
            let bytes =
                files::read_bounded(path, MAX_STORY_BYTES).map_err(|source| InputError::Read {
                    path: path.clone(),
                    source,
                })?;
            let nul = bytes[..bytes.len().min(BINARY_SNIFF)]
                .iter()
                .position(|&b| b == 0);
            if let Some(at) = nul.filter(|_| format != Format::Docx) {
                return Err(InputError::Binary {
                    path: path.clone(),
                    at,
                });
            }
            bytes
        }
    };
    let markup = |source| InputError::Markup {
        name: name.clone(),
        source,
    };
    if format == Format::Docx {
        let doc = docx::read(&bytes).map_err(markup)?;
        return Ok(Story {
            doc: Document::from_docx(name.clone(), &doc),
            legacy: false,
            package: Some(bytes),
        });
    }
    let (text, legacy) = decode(&name, bytes);
    let doc = Document::marked_up(name.clone(), text, format, &how.markup).map_err(markup)?;
    Ok(Story {
        doc,
        legacy,
        package: None,
    })
}

/// All of `reader`, if it holds at most `max` bytes: a story on standard
/// input is bounded as a file is (token spans are `u32`, see
/// [`crate::text::token::MAX_TEXT`]).
fn read_at_most(reader: impl Read, max: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Stdin)?;
    if bytes.len() as u64 > max {
        return Err(InputError::Stdin(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} MB", max.div_ceil(1 << 20)),
        )));
    }
    Ok(bytes)
}

/// The story's text: UTF-8 as it is; anything else read as Windows-1252
/// (which covers Latin-1), with a notice on standard error.
fn decode(name: &str, bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            super::say(&format!(
                "{name}: not UTF-8 (invalid byte at offset {at}): read as Windows-1252; \
                 byte offsets are into the decoded text, and --fix leaves it alone"
            ));
            (text.into_owned(), true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_bounded_like_a_file() {
        assert_eq!(
            read_at_most(&b"twelve bytes"[..], 12).unwrap(),
            b"twelve bytes"
        );
        let err = read_at_most(&b"twelve bytes"[..], 11).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read standard input: larger than 1 MB"
        );
    }
}
