//! What the editor may configure, from `initializationOptions` and
//! `workspace/didChangeConfiguration`, and how a document's settings are
//! put together with the workspace's `newslint.toml`.

use crate::base::{Dialect, Pack, Settings, Severity};
use crate::config;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The default newsroom word file when the configuration names none.
pub const DEFAULT_WORDS_FILE: &str = "newslint-words.txt";

#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// `None`: `newslint.toml`'s (the editor's `"auto"`).
    pub dialect: Option<Dialect>,
    /// The house-style pack: `None` keeps `newslint.toml`'s (`"auto"`),
    /// `Some(None)` runs none (`"none"`).
    pub style: Option<Option<Pack>>,
    /// Rules or families to run, in place of `newslint.toml`'s `select`
    /// (empty: keep it).
    pub select: Vec<String>,
    /// Rules or families not to run, added to `newslint.toml`'s `ignore`.
    pub ignore: Vec<String>,
    /// Severities by rule or family, over `newslint.toml`'s.
    pub severity: Vec<(String, Severity)>,
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
            style: None,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: Vec::new(),
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
            let result = match key.as_str() {
                "dialect" => self.set_dialect(v),
                "style" => self.set_style(v),
                "select" | "ignore" => self.set_selectors(key, v, &mut problems),
                "severity" => self.set_severity(v, &mut problems),
                "words" => self.set_words(v, root),
                "debounceMs" | "fullCheckDelayMs" => self.set_delay(key, v),
                "maxBytes" => match v.as_u64() {
                    Some(n) => {
                        // Token spans are `u32`: no larger document is checked.
                        self.max_bytes = n.min(crate::text::token::MAX_TEXT as u64) as usize;
                        Ok(())
                    }
                    None => Err(format!("maxBytes must be a number, not `{v}`: ignored")),
                },
                other => Err(format!("unknown setting `{other}`: ignored")),
            };
            if let Err(problem) = result {
                problems.push(problem);
            }
        }
        problems
    }

    fn set_dialect(&mut self, v: &Value) -> Result<(), String> {
        match v.as_str() {
            Some(AUTO) => self.dialect = None,
            Some(d) => match d.parse::<Dialect>() {
                Ok(d) => self.dialect = Some(d),
                Err(e) => return Err(format!("dialect: {e}: ignored")),
            },
            None => return Err(format!("dialect must be a string, not `{v}`: ignored")),
        }
        Ok(())
    }

    fn set_style(&mut self, v: &Value) -> Result<(), String> {
        match v.as_str() {
            Some(AUTO) => self.style = None,
            Some("none") => self.style = Some(None),
            Some(p) => match p.parse::<Pack>() {
                Ok(p) => self.style = Some(Some(p)),
                Err(_) => {
                    return Err(format!(
                        "style: unknown style `{p}` (expected ap, agency, none or auto): ignored"
                    ))
                }
            },
            None => {
                return Err(format!(
                    "style must be `ap`, `agency`, `none` or `auto`, not `{v}`: ignored"
                ))
            }
        }
        Ok(())
    }

    /// `select` or `ignore`: the entries that name a rule or family are
    /// kept, the others reported.
    fn set_selectors(
        &mut self,
        key: &str,
        v: &Value,
        problems: &mut Vec<String>,
    ) -> Result<(), String> {
        let list = selectors(v).ok_or_else(|| {
            format!("{key} must be a list of rules or families, not `{v}`: ignored")
        })?;
        let mut good = Vec::new();
        for s in list {
            match crate::registry::check_selector(&s) {
                Ok(()) => good.push(s),
                Err(e) => problems.push(format!("{key}: {e}: ignored")),
            }
        }
        if key == "select" {
            self.select = good;
        } else {
            self.ignore = good;
        }
        Ok(())
    }

    fn set_severity(&mut self, v: &Value, problems: &mut Vec<String>) -> Result<(), String> {
        let map = v.as_object().ok_or_else(|| {
            format!("severity must be an object of rule = level, not `{v}`: ignored")
        })?;
        self.severity.clear();
        for (rule, level) in map {
            let level = serde_json::from_value::<Severity>(level.clone());
            match (crate::registry::check_selector(rule), level) {
                (Ok(()), Ok(level)) => self.severity.push((rule.clone(), level)),
                (Err(e), _) => problems.push(format!("severity: {e}: ignored")),
                (_, Err(_)) => problems.push(format!(
                    "severity of `{rule}` must be error, warning or info: ignored"
                )),
            }
        }
        Ok(())
    }

    /// One word file or a list; relative names from the workspace root.
    fn set_words(&mut self, v: &Value, root: Option<&Path>) -> Result<(), String> {
        let list = match v {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>(),
            _ => None,
        };
        let list = list.ok_or_else(|| {
            format!("words must be a file name or a list of them, not `{v}`: ignored")
        })?;
        self.words = list
            .into_iter()
            .map(|w| {
                let p = PathBuf::from(w);
                match root {
                    Some(r) if p.is_relative() => r.join(p),
                    _ => p,
                }
            })
            .collect();
        Ok(())
    }

    fn set_delay(&mut self, key: &str, v: &Value) -> Result<(), String> {
        let n = v.as_u64().filter(|&n| n <= 10_000).ok_or_else(|| {
            format!("{key} must be a number of milliseconds up to 10000, not `{v}`: ignored")
        })?;
        if key == "debounceMs" {
            self.debounce = Duration::from_millis(n);
        } else {
            self.full_delay = Duration::from_millis(n);
        }
        Ok(())
    }
}

/// The editor's value for "as `newslint.toml` says" (`dialect`, `style`).
pub const AUTO: &str = "auto";

/// A list of rules or families: `["spelling", "names.unknown"]`, or one
/// string, comma-separated as on the command line.
fn selectors(v: &Value) -> Option<Vec<String>> {
    let list = match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    Some(
        list.iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    )
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
        match config::apply_chain(file, path, &mut from_file) {
            Ok(()) => {
                // The configuration's word files come first in `word_files`.
                target = from_file.word_files.first().cloned();
                settings = from_file;
            }
            Err(e) => problems.push(format!("{e}: using the defaults")),
        }
    }
    // The editor's settings over the file's, as the command line's are.
    if let Some(d) = client.dialect {
        settings.dialect = d;
    }
    if let Some(style) = client.style {
        settings.style = style;
    }
    if !client.select.is_empty() {
        settings.select = client.select.clone();
    }
    settings.ignore.extend(client.ignore.iter().cloned());
    settings.severity.extend(client.severity.iter().cloned());
    settings.word_files.extend(client.words.iter().cloned());
    // The desk's Vale setup, found as `newslint check` finds it.
    if let Some(dir) = &dir {
        if let Err(e) = config::apply_vale(&mut settings, path, dir) {
            problems.push(format!("{e}: checking without its Vale rules"));
        }
    }
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
    fn rule_settings_apply_and_reset() {
        let mut o = ClientOptions::default();
        let problems = o.update(
            &json!({"newslint": {
                "style": "agency",
                "select": ["spelling", "typography.double-space"],
                "ignore": "names.unknown, context",
                "severity": {"typography.double-space": "error"},
            }}),
            None,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(o.style, Some(Some(Pack::Agency)));
        assert_eq!(o.select, ["spelling", "typography.double-space"]);
        assert_eq!(o.ignore, ["names.unknown", "context"]);
        assert_eq!(
            o.severity,
            [("typography.double-space".to_string(), Severity::Error)]
        );
        // "none" turns the pack off; "auto" and empty lists give
        // newslint.toml its say again.
        o.update(&json!({"style": "none", "dialect": "en-GB"}), None);
        assert_eq!(o.style, Some(None));
        let problems = o.update(
            &json!({"style": "auto", "dialect": "auto", "select": [], "ignore": [], "severity": {}}),
            None,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(o, ClientOptions::default());
    }

    #[test]
    fn wrong_rule_settings_are_reported_and_the_rest_kept() {
        let mut o = ClientOptions::default();
        let problems = o.update(
            &json!({
                "style": "chicago",
                "select": ["spelling", "spelin"],
                "ignore": 3,
                "severity": {"names": "loud", "nonsense.rule": "error", "typography": "info"},
            }),
            None,
        );
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(
            problems.iter().any(|p| p.contains("chicago")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("spelin")),
            "{problems:?}"
        );
        assert_eq!(o.style, None);
        assert_eq!(o.select, ["spelling"]);
        assert!(o.ignore.is_empty());
        assert_eq!(o.severity, [("typography".to_string(), Severity::Info)]);
    }

    #[test]
    fn editor_rule_settings_override_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("newslint.toml"),
            "style = \"agency\"\nselect = [\"spelling\"]\nignore = [\"names\"]\n\
             [severity]\n\"spelling.unknown-word\" = \"warning\"\n",
        )
        .unwrap();
        let story = root.join("story.txt");
        let mut client = ClientOptions::default();
        client.update(
            &json!({"style": "ap", "select": ["spelling", "typography"], "ignore": ["typography.double-space"],
                    "severity": {"spelling.unknown-word": "info"}}),
            Some(root),
        );
        let r = resolve(Some(&story), Some(root), &client);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let s = &r.settings;
        assert_eq!(s.style, Some(Pack::Ap));
        assert_eq!(s.select, ["spelling", "typography"]);
        assert_eq!(s.ignore, ["names", "typography.double-space"]);
        // The editor's severity comes last, so it wins the tie.
        assert_eq!(
            s.severity.last(),
            Some(&("spelling.unknown-word".to_string(), Severity::Info))
        );
        client.update(&json!({"style": "none"}), Some(root));
        assert_eq!(
            resolve(Some(&story), Some(root), &client).settings.style,
            None
        );
        client.update(&json!({"style": "auto"}), Some(root));
        assert_eq!(
            resolve(Some(&story), Some(root), &client).settings.style,
            Some(Pack::Agency)
        );
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
