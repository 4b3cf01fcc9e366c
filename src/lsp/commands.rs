//! What the editor asks about a story: code actions, hover, and the
//! `newslint.addWord` command behind "Add to the newsroom dictionary".
//!
//! Each answer comes from findings computed on the text as it is now: a
//! request that arrives after a change but before its check has run gets
//! that check first (the quick pass, published as usual), never findings
//! of an older text. A command offered for one version of a story is
//! refused (`ContentModified`) once the story has moved on.
//!
//! `newslint.addWord` writes only for a story open in the editor and
//! inside the workspace, only the word file its configuration names (see
//! `docs/editors.md`), and only a word: a letter first, no control or
//! invisible characters, no space or `#`, at most [`MAX_WORD_CHARS`].

use super::actions::{AddWordArgs, Checked};
use super::documents::Pass;
use super::{answer, invalid, Answer, Failure, Server, ADD_WORD_COMMAND};
use crate::config::WordListError;
use lsp_server::ErrorCode;
use lsp_types::{CodeActionParams, ExecuteCommandParams, HoverParams, MessageType};
use serde_json::Value;
use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};

/// The longest word `newslint.addWord` accepts, in characters.
pub(super) const MAX_WORD_CHARS: usize = 64;

/// Why a word is not one `newslint.addWord` writes.
fn check_word(raw: &str) -> Result<&str, String> {
    let word = raw.trim();
    let shown: String = word.chars().take(MAX_WORD_CHARS).collect();
    let Some(first) = word.chars().next() else {
        return Err("newslint.addWord needs a word".into());
    };
    if !first.is_alphabetic() {
        return Err(format!("`{shown}` does not start with a letter: not added"));
    }
    if word.chars().nth(MAX_WORD_CHARS).is_some() {
        return Err(format!(
            "`{shown}…` is longer than {MAX_WORD_CHARS} characters: not added"
        ));
    }
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}');
    if word
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '#' || invisible(c))
    {
        return Err(format!(
            "`{}` is not a single word (spaces, `#` or control characters): not added",
            shown.escape_debug()
        ));
    }
    Ok(word)
}

/// Appends `word` on a line of its own in one write (creating the file if
/// `create`), unless the file lists it already. `Ok(false)`: already
/// there.
fn append_word(path: &Path, word: &str, create: bool) -> std::io::Result<bool> {
    let mut known = HashSet::new();
    match crate::config::load_words(path, &mut known) {
        Ok(()) if known.contains(&word.replace('’', "'")) => return Ok(false),
        Ok(()) => {}
        Err(WordListError::Read { source, .. })
            if create && source.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(std::io::Error::other(e.to_string())),
    }
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(create)
        .open(path)?;
    let mut last = [b'\n'];
    if file.metadata()?.len() > 0 {
        file.seek(SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
    }
    let line = if last[0] == b'\n' {
        format!("{word}\n")
    } else {
        format!("\n{word}\n")
    };
    // With O_APPEND the one write lands whole at the end, even if another
    // desk appends at the same moment.
    file.write_all(line.as_bytes())?;
    Ok(true)
}

/// `path` made absolute with symbolic links and `..` resolved: through
/// the real file system as far as it exists, then by the names that are
/// left (a file yet to be created).
fn resolved_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    let mut real = true;
    for part in path.components() {
        match part {
            Component::CurDir => continue,
            Component::ParentDir if !real => {
                out.pop();
                continue;
            }
            _ => out.push(part),
        }
        if real {
            match out.canonicalize() {
                Ok(p) => out = p,
                Err(_) => real = false,
            }
        }
    }
    out
}

impl<W: Write> Server<W> {
    /// Checks a story now if its findings are for an older text; `false`
    /// if it is not open.
    fn freshen(&mut self, uri: &str) -> bool {
        match self.docs.get(uri) {
            None => false,
            Some(doc) if doc.fresh() => true,
            Some(_) => {
                self.check(uri, Pass::Quick);
                self.docs.get(uri).is_some_and(|d| d.fresh())
            }
        }
    }

    fn checked<'a>(&'a self, uri: &str) -> Option<Checked<'a>> {
        let doc = self.docs.get(uri)?;
        Some(Checked {
            uri: &doc.uri,
            text: &doc.text,
            findings: &doc.findings,
            version: doc.version,
            enc: self.encoding,
            versioned_edits: self.caps.document_changes,
        })
    }

    pub(super) fn code_action(&mut self, params: CodeActionParams) -> Answer {
        let uri = params.text_document.uri.as_str();
        if !self.freshen(uri) {
            return Ok(Value::Array(Vec::new()));
        }
        let actions = self.checked(uri).map(|c| c.code_actions(&params));
        answer(actions.unwrap_or_default())
    }

    pub(super) fn hover(&mut self, params: HoverParams) -> Answer {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri.as_str();
        if !self.freshen(uri) {
            return Ok(Value::Null);
        }
        answer(self.checked(uri).and_then(|c| c.hover(at.position)))
    }

    pub(super) fn execute_command(&mut self, params: ExecuteCommandParams) -> Answer {
        if params.command != ADD_WORD_COMMAND {
            return Err(invalid(format!("unknown command `{}`", params.command)));
        }
        let args: AddWordArgs = params
            .arguments
            .into_iter()
            .next()
            .and_then(|a| serde_json::from_value(a).ok())
            .ok_or_else(|| invalid("newslint.addWord needs { word, uri } of an open story"))?;
        let word = check_word(&args.word).map_err(invalid)?.to_string();
        let target = self.word_file_for(&args)?;
        let create = self.inside_workspace(&target);
        let added = append_word(&target, &word, create).map_err(|e| {
            let message = format!("newslint: cannot add `{word}` to {}: {e}", target.display());
            self.log(MessageType::ERROR, &message);
            Failure {
                code: ErrorCode::RequestFailed,
                message,
            }
        })?;
        let what = if added { "added" } else { "already listed:" };
        self.log(
            MessageType::INFO,
            &format!("newslint: {what} `{word}` in {}", target.display()),
        );
        self.reset();
        Ok(Value::Null)
    }

    /// The word file `newslint.addWord` may write for this story, or why
    /// there is none: the story must be open, at the version the action
    /// was offered for, and inside the workspace; the file is the one its
    /// configuration names, and a file outside the workspace is written
    /// only if it exists and a `newslint.toml` inside the workspace, or
    /// the editor's settings, name it.
    fn word_file_for(&mut self, args: &AddWordArgs) -> Result<PathBuf, Failure> {
        let uri = args.uri.as_str();
        let doc = self.docs.get(uri).ok_or_else(|| {
            invalid(format!(
                "newslint.addWord: {uri} is not open in the editor: not added"
            ))
        })?;
        if args.version.is_some_and(|v| v != doc.version) {
            return Err(Failure {
                code: ErrorCode::ContentModified,
                message: "the story has changed since this action was offered: not added".into(),
            });
        }
        let path = doc.path.clone();
        if self.folders.is_empty() || path.as_deref().is_some_and(|p| !self.inside_workspace(p)) {
            return Err(invalid(format!(
                "newslint.addWord: {uri} is outside the workspace: not added"
            )));
        }
        let resolved = self.resolved_for(path.as_deref());
        let target = resolved.words_target;
        let config = super::options::config_file(path.as_deref(), self.root.as_deref());
        let named = self.client.words.contains(&target)
            || config.is_some_and(|c| self.inside_workspace(&c));
        if self.inside_workspace(&target) || (named && target.is_file()) {
            return Ok(target);
        }
        Err(invalid(format!(
            "newslint.addWord: the word file {} is outside the workspace: not added",
            target.display()
        )))
    }

    /// Is `path` inside one of the workspace folders?
    fn inside_workspace(&self, path: &Path) -> bool {
        let path = resolved_path(path);
        self.folders
            .iter()
            .any(|f| path.starts_with(resolved_path(f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_appended_on_their_own_line_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.txt");
        assert!(append_word(&path, "Qaani", true).unwrap());
        std::fs::write(&path, "Qaani\nKharkiv").unwrap();
        assert!(append_word(&path, "Zelenskyy", true).unwrap());
        assert!(!append_word(&path, "Kharkiv", true).unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Qaani\nKharkiv\nZelenskyy\n"
        );
        // A file that may not be created is not.
        let elsewhere = dir.path().join("x.txt");
        assert!(append_word(&elsewhere, "Qaani", false).is_err());
        assert!(!elsewhere.exists());
        // A folder is not a word file.
        assert!(append_word(dir.path(), "Qaani", true).is_err());
    }

    /// #12 item 12: only a word.
    #[test]
    fn only_words_are_accepted() {
        for good in ["Zbigniewska", "O’Neill", "Jean-Luc", "Sørensen", " Kyiv "] {
            assert!(check_word(good).is_ok(), "{good}");
        }
        let long = "a".repeat(10 << 20);
        for bad in [
            "",
            "  ",
            "two words",
            "line\nbreak",
            "tab\there",
            "bell\u{7}",
            "# comment",
            "word#comment",
            "-flag",
            "1990s",
            "zero\u{200B}width",
            long.as_str(),
        ] {
            assert!(check_word(bad).is_err(), "{bad:?}");
        }
        let err = check_word(&long).unwrap_err();
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn paths_resolve_through_missing_parts() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolved_path(&dir.path().join("a/../b.txt")),
            real.join("b.txt")
        );
        assert_eq!(resolved_path(&dir.path().join("b.txt")), real.join("b.txt"));
        let out = resolved_path(&dir.path().join("missing/../../x.txt"));
        assert_eq!(out, real.parent().unwrap().join("x.txt"));
        assert!(!out.starts_with(&real));
    }
}
