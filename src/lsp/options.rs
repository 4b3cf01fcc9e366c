//! What the editor may configure, from `initializationOptions` and
//! `workspace/didChangeConfiguration`, and how a document's settings are
//! put together with the workspace's `newslint.toml`.

use crate::base::{Dialect, Settings};
use crate::config;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The default newsroom word file when the configuration names none.
pub const DEFAULT_WORDS_FILE: &str = "newslint-words.txt";

#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    pub dialect: Option<Dialect>,
    /// Extra word files (relative ones are taken from the workspace root).
    pub words: Vec<PathBuf>,
    /// Quiet time after a change before the quick (paragraph-cached) pass.
    pub debounce: Duration,
    /// Quiet time before the exact whole-story pass.
    pub full_delay: Duration,
    /// Stories longer than this are not checked as you type.
    pub max_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            dialect: None,
            words: Vec::new(),
            debounce: Duration::from_millis(10),
            full_delay: Duration::from_millis(400),
            max_bytes: 2_000_000,
        }
    }
}

impl ClientOptions {
    /// Reads the options in `value` (either the settings themselves or an
    /// object with a `newslint` key) over `self`. Returns one line per
    /// setting that was wrong and ignored; a null or missing value changes
    /// nothing.
    pub fn update(&mut self, value: &Value, root: Option<&Path>) -> Vec<String> {
        let mut problems = Vec::new();
        let value = value.get("newslint").unwrap_or(value);
        let obj = match value {
            Value::Null => return problems,
            Value::Object(obj) => obj,
            other => {
                problems.push(format!(
                    "settings must be an object, not `{other}`: ignored"
                ));
                return problems;
            }
        };
        for (key, v) in obj {
            if v.is_null() {
                continue;
            }
            match key.as_str() {
                "dialect" => match v.as_str().map(str::parse::<Dialect>) {
                    Some(Ok(d)) => self.dialect = Some(d),
                    Some(Err(e)) => problems.push(format!("dialect: {e}: ignored")),
                    None => problems.push(format!("dialect must be a string, not `{v}`: ignored")),
                },
                "words" => {
                    let list = match v {
                        Value::String(s) => Some(vec![s.clone()]),
                        Value::Array(items) => items
                            .iter()
                            .map(|i| i.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>(),
                        _ => None,
                    };
                    match list {
                        Some(list) => {
                            self.words = list
                                .into_iter()
                                .map(|w| {
                                    let p = PathBuf::from(w);
                                    match root {
                                        Some(r) if p.is_relative() => r.join(p),
                                        _ => p,
                                    }
                                })
                                .collect()
                        }
                        None => problems.push(format!(
                            "words must be a file name or a list of them, not `{v}`: ignored"
                        )),
                    }
                }
                "debounceMs" | "fullCheckDelayMs" => match v.as_u64().filter(|&n| n <= 10_000) {
                    Some(n) if key == "debounceMs" => self.debounce = Duration::from_millis(n),
                    Some(n) => self.full_delay = Duration::from_millis(n),
                    None => problems.push(format!(
                        "{key} must be a number of milliseconds up to 10000, not `{v}`: ignored"
                    )),
                },
                "maxBytes" => match v.as_u64() {
                    Some(n) => self.max_bytes = n as usize,
                    None => problems.push(format!("maxBytes must be a number, not `{v}`: ignored")),
                },
                other => problems.push(format!("unknown setting `{other}`: ignored")),
            }
        }
        problems
    }
}

/// The folder a story's configuration is looked for from: its own, or
/// the workspace root for an unsaved buffer.
fn story_dir(path: Option<&Path>, root: Option<&Path>) -> Option<PathBuf> {
    path.and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| root.map(Path::to_path_buf))
}

/// The `newslint.toml` that applies to a story at `path`: the nearest
/// above it, else the workspace root's.
pub fn config_file(path: Option<&Path>, root: Option<&Path>) -> Option<PathBuf> {
    story_dir(path, root)
        .as_deref()
        .and_then(config::find_config)
        .or_else(|| root.and_then(config::find_config))
}

/// A document's settings, and the word file "add to dictionary" writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub settings: Settings,
    pub words_target: PathBuf,
    /// Configuration problems to log (never fatal).
    pub problems: Vec<String>,
}

/// Settings for a story at `path` (none for an unsaved buffer): the
/// nearest `newslint.toml` above it or in the workspace root, then the
/// editor's options.
pub fn resolve(path: Option<&Path>, root: Option<&Path>, client: &ClientOptions) -> Resolved {
    let dir = story_dir(path, root);
    let config_file = config_file(path, root);
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    let mut target = None;
    if let Some(file) = &config_file {
        // The whole newslint.toml, as `newslint check` reads it: dialect,
        // words, style pack, rule selection, severities, overrides.
        let mut from_file = Settings::default();
        match config::apply_config(file, path, &mut from_file) {
            Ok(()) => {
                // The configuration's word files come first in `word_files`.
                target = from_file.word_files.first().cloned();
                settings = from_file;
            }
            Err(e) => problems.push(format!("{e}: using the defaults")),
        }
    }
    if let Some(d) = client.dialect {
        settings.dialect = d;
    }
    settings.word_files.extend(client.words.iter().cloned());
    let target = target
        .or_else(|| client.words.first().cloned())
        .unwrap_or_else(|| {
            config_file
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf)
                .or_else(|| root.map(Path::to_path_buf))
                .or(dir)
                .unwrap_or_else(|| PathBuf::from("."))
                .join(DEFAULT_WORDS_FILE)
        });
    if target.is_file() && !settings.word_files.contains(&target) {
        settings.word_files.push(target.clone());
    }
    // A word file that cannot be read stays listed: the linter pool leaves
    // it out and says so once, and picks it up when it appears. Nothing
    // here reads the lists (resolving must stay cheap).
    Resolved {
        settings,
        words_target: target,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wrong_settings_are_reported_and_ignored() {
        let mut o = ClientOptions::default();
        let problems = o.update(
            &json!({"newslint": {"dialect": "fr", "words": 3, "debounceMs": "x", "colour": 1}}),
            None,
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(o, ClientOptions::default());
        assert!(o.update(&Value::Null, None).is_empty());
        assert_eq!(o.update(&json!(7), None).len(), 1);
    }

    #[test]
    fn good_settings_apply() {
        let mut o = ClientOptions::default();
        let problems = o.update(
            &json!({"dialect": "en-GB", "words": "desk.txt", "debounceMs": 5}),
            Some(Path::new("/ws")),
        );
        assert!(problems.is_empty());
        assert_eq!(o.dialect, Some(Dialect::EnGb));
        assert_eq!(o.words, [PathBuf::from("/ws/desk.txt")]);
        assert_eq!(o.debounce, Duration::from_millis(5));
    }

    #[test]
    fn words_target_follows_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let story = root.join("a/story.md");
        let client = ClientOptions::default();
        // No configuration: the default file in the root.
        let r = resolve(Some(&story), Some(root), &client);
        assert_eq!(r.words_target, root.join(DEFAULT_WORDS_FILE));
        // A configuration naming a (missing) word file: it is the target,
        // and stays listed for the linter pool to report and skip.
        std::fs::write(root.join("newslint.toml"), "words = [\"desk.txt\"]\n").unwrap();
        let r = resolve(Some(&story), Some(root), &client);
        assert_eq!(r.words_target, root.join("desk.txt"));
        assert_eq!(r.settings.word_files, [root.join("desk.txt")]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn the_whole_configuration_reaches_the_editor() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("newslint.toml"),
            "dialect = \"en-GB\"\nstyle = \"agency\"\nignore = [\"names\"]\n",
        )
        .unwrap();
        let r = resolve(
            Some(&root.join("story.txt")),
            Some(root),
            &ClientOptions::default(),
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.settings.dialect, Dialect::EnGb);
        assert!(r.settings.style.is_some());
        assert_eq!(r.settings.ignore, ["names"]);
    }
}
