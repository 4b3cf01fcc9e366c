//! Settings: the dialect and a newsroom's own word lists, from the command
//! line and from a `newslint.toml` beside the story or in a folder above it.
//! Full configuration (rule selection, style packs) builds on this.

use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    #[default]
    EnUs,
    EnGb,
}

impl FromStr for Dialect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-us" | "us" => Ok(Dialect::EnUs),
            "en-gb" | "gb" | "uk" => Ok(Dialect::EnGb),
            _ => Err(format!("unknown dialect `{s}` (expected en-US or en-GB)")),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::EnUs => "en-US",
            Dialect::EnGb => "en-GB",
        })
    }
}

pub const CONFIG_FILE: &str = "newslint.toml";

/// What a `newslint.toml` may say today. Unknown keys are an error, so a
/// typo in a setting is never silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    dialect: Option<String>,
    #[serde(default)]
    words: Vec<PathBuf>,
}

/// The settings a story is checked with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Settings {
    pub dialect: Dialect,
    /// Word files, in order: the configuration's, then `--words`.
    pub word_files: Vec<PathBuf>,
    /// A context model file (`--model`) in place of the embedded one.
    pub model: Option<PathBuf>,
}

/// The nearest `newslint.toml` at or above `dir`.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Reads a configuration file; word paths are taken relative to its folder.
pub fn load_config(path: &Path) -> Result<(Option<Dialect>, Vec<PathBuf>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read configuration: {e}", path.display()))?;
    let parsed: FileConfig = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start].matches('\n').count() + 1)
            .unwrap_or(1);
        let msg = e.message().replace('\n', " ");
        format!("{}:{line}: {msg}", path.display())
    })?;
    let dialect = parsed
        .dialect
        .map(|d| {
            d.parse::<Dialect>()
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .transpose()?;
    let base = path.parent().unwrap_or(Path::new("."));
    Ok((dialect, parsed.words.iter().map(|w| base.join(w)).collect()))
}

/// Reads a word file: one word a line, `#` starts a comment.
pub fn load_words(path: &Path, into: &mut HashSet<String>) -> Result<(), String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: cannot read word list: {e}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: word list is not UTF-8", path.display()))?;
    for line in text.lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if !word.is_empty() {
            into.insert(word.replace('’', "'"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialect_names_parse() {
        assert_eq!("en-GB".parse::<Dialect>(), Ok(Dialect::EnGb));
        assert_eq!("en_US".parse::<Dialect>(), Ok(Dialect::EnUs));
        assert!("fr-FR".parse::<Dialect>().is_err());
    }

    #[test]
    fn config_gives_dialect_and_words_relative_to_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "dialect = \"en-GB\"\nwords = [\"desk.txt\"]\n").unwrap();
        let (dialect, words) = load_config(&path).unwrap();
        assert_eq!(dialect, Some(Dialect::EnGb));
        assert_eq!(words, vec![dir.path().join("desk.txt")]);
        assert_eq!(find_config(&dir.path().join("a/b")), Some(path));
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "dialect = \"en-GB\"\ndialekt = 1\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.contains(":2:"), "{err}");
        assert!(err.contains("dialekt"), "{err}");
    }

    #[test]
    fn word_files_skip_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.txt");
        std::fs::write(&path, "# desk words\nKharkiv\nAl-Asad  # base\n\n").unwrap();
        let mut set = HashSet::new();
        load_words(&path, &mut set).unwrap();
        assert_eq!(set.len(), 2);
        assert!(set.contains("Al-Asad"));
    }
}
