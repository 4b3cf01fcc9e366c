//! Configuration: a `newslint.toml` beside the story or in a folder above
//! it, and the newsroom's word lists, read into [`Settings`]. Every
//! mistake in a file is an error that names the file and the line.

use crate::base::files;
use crate::base::settings::{Dates, Pack, Percent, Quotes};
use crate::base::{Dialect, Settings, Severity, UnknownDialect};
use crate::registry::{self, UnknownSelector};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "newslint.toml";

/// What a `newslint.toml` may say. Unknown keys are an error, so a typo in
/// a setting is never silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    /// Another configuration this one builds on (`extend =
    /// "../newslint.toml"`): its settings first, then this file's.
    extend: Option<PathBuf>,
    /// Globs, relative to this file's folder, of paths a folder walk
    /// leaves out (`exclude = ["archive/**", "*.draft.md"]`).
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    /// The extensions a folder walk looks for (`extensions = ["md"]`).
    extensions: Option<Vec<String>>,
    dialect: Option<String>,
    #[serde(default)]
    words: Vec<PathBuf>,
    /// Name lists: word files of names (read like `words`).
    #[serde(default)]
    names: Vec<PathBuf>,
    /// The desk's own Hunspell dictionaries: `.dic` files, their `.aff`
    /// beside them.
    #[serde(default)]
    hunspell: Vec<PathBuf>,
    model: Option<PathBuf>,
    style: Option<StyleField>,
    vale: Option<PathBuf>,
    /// A `.vale.ini` to take Vale styles and rules from.
    vale_config: Option<PathBuf>,
    /// A Vale rule that cannot be loaded stops the run.
    vale_strict: Option<bool>,
    #[serde(default)]
    banned: Vec<String>,
    #[serde(default)]
    select: Vec<toml::Spanned<String>>,
    #[serde(default)]
    ignore: Vec<toml::Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<toml::Spanned<String>, Severity>,
    #[serde(default)]
    overrides: Vec<Override>,
    /// Front-matter keys whose values are prose, replacing the defaults.
    #[serde(rename = "front-matter-keys")]
    front_matter_keys: Option<Vec<String>>,
}

/// `style = "agency"`, or a `[style]` table with the pack and its options.
#[derive(Debug, Default)]
struct StyleTable {
    pack: Option<Pack>,
    banned: Vec<String>,
    agency: AgencyOptions,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleTableRaw {
    pack: Option<Pack>,
    #[serde(default)]
    banned: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)] // read only to reject unknown keys
    ap: ApOptions,
    #[serde(default)]
    agency: AgencyOptions,
}

#[derive(Debug)]
struct StyleField(StyleTable);

impl<'de> Deserialize<'de> for StyleField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = StyleField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pack name (`ap` or `agency`) or a [style] table")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StyleField, E> {
                let pack = v.parse::<Pack>().map_err(E::custom)?;
                Ok(StyleField(StyleTable {
                    pack: Some(pack),
                    ..StyleTable::default()
                }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<StyleField, A::Error> {
                let raw =
                    StyleTableRaw::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(StyleField(StyleTable {
                    pack: raw.pack,
                    banned: raw.banned,
                    agency: raw.agency,
                }))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[style.agency]`: the desk's choices for the agency pack.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyOptions {
    percent: Option<Percent>,
    dates: Option<Dates>,
    quotes: Option<Quotes>,
}

/// `[style.ap]`: the AP pack has no options yet, so any key is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApOptions {}

/// `[[overrides]]`: settings for stories whose path matches a glob,
/// relative to the configuration's folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Override {
    paths: Vec<toml::Spanned<String>>,
    #[serde(default)]
    select: Vec<toml::Spanned<String>>,
    #[serde(default)]
    ignore: Vec<toml::Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<toml::Spanned<String>, Severity>,
    style: Option<Pack>,
    dialect: Option<String>,
}

/// Why a configuration file cannot be used. Each names the file, and the
/// line where there is one.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read configuration: {}", path.display(), files::reason(source))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: configuration is not UTF-8", path.display())]
    NotUtf8 { path: PathBuf },
    /// Not TOML, an unknown key or a value of the wrong type.
    #[error("{}:{line}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: {source}", path.display())]
    Dialect {
        path: PathBuf,
        source: UnknownDialect,
    },
    #[error("{}:{line}: {source}", path.display())]
    Selector {
        path: PathBuf,
        line: usize,
        source: UnknownSelector,
    },
    #[error("{}: `extend` goes round in a circle through {}", path.display(), again.display())]
    ExtendCycle { path: PathBuf, again: PathBuf },
    #[error("{}:{line}: bad glob `{glob}`: {reason}", path.display())]
    Glob {
        path: PathBuf,
        line: usize,
        glob: String,
        reason: String,
    },
}

/// Why a word list cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum WordListError {
    #[error("{}: cannot read word list: {}", path.display(), files::reason(source))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: word list is not UTF-8", path.display())]
    NotUtf8 { path: PathBuf },
}

/// Configuration and word files larger than this are refused.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The nearest `newslint.toml` at or above `dir`.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Puts a desk's `.vale.ini` into `settings`: the one `vale_config`
/// names (`--vale-config` or `newslint.toml`), else, unless a styles folder
/// was named, the nearest `.vale.ini` or `_vale.ini` at or above `dir`, as
/// Vale finds it. Its `StylesPath` becomes `vale` (when no folder was
/// named) and what it says for the story at `story` becomes `vale_setup`.
pub fn apply_vale(
    settings: &mut Settings,
    story: Option<&Path>,
    dir: &Path,
) -> Result<(), crate::style::vale::ini::IniError> {
    use crate::style::vale::ini;
    let file = settings
        .vale_config
        .take()
        .or_else(|| settings.vale.is_none().then(|| ini::find(dir)).flatten());
    let Some(file) = file else {
        return Ok(());
    };
    let read = ini::ValeIni::read(&file)?;
    if settings.vale.is_none() {
        settings.vale = Some(read.styles_path.clone());
    }
    settings.vale_setup = Some(read.setup_for(story));
    Ok(())
}

/// Reads a configuration file; word paths are taken relative to its folder.
pub fn load_config(path: &Path) -> Result<(Option<Dialect>, Vec<PathBuf>), ConfigError> {
    let file = ConfigFile::read(path)?;
    let dialect = file.dialect()?;
    let mut settings = Settings::default();
    file.apply(None, &mut settings)?;
    Ok((dialect, settings.word_files))
}

/// The configuration files `path` stands for, the one it extends (and so
/// on) first and `path` last: apply them in this order.
pub fn chain(path: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(file) = next {
        let key = file.canonicalize().unwrap_or_else(|_| file.clone());
        if out
            .iter()
            .any(|f| f.canonicalize().unwrap_or_else(|_| f.clone()) == key)
        {
            return Err(ConfigError::ExtendCycle {
                path: path.to_path_buf(),
                again: file,
            });
        }
        let parsed = ConfigFile::read(&file)?;
        next = parsed.parsed.extend.as_ref().map(|e| parsed.base().join(e));
        out.push(file);
    }
    out.reverse();
    Ok(out)
}

/// What a folder walk under a configuration leaves out and looks for:
/// `exclude` globs (each relative to the folder of the file that lists
/// it) and `extensions` (the nearest file's list wins; empty: every
/// format's).
#[derive(Debug, Default)]
pub struct WalkRules {
    exclude: Vec<(PathBuf, globset::GlobSet)>,
    pub extensions: Vec<String>,
}

impl WalkRules {
    /// The rules of the configuration `path` stands for (and the files it
    /// extends).
    pub fn of(path: &Path) -> Result<WalkRules, ConfigError> {
        let mut rules = WalkRules::default();
        for file in chain(path)? {
            let parsed = ConfigFile::read(&file)?;
            if !parsed.parsed.exclude.is_empty() {
                let base = parsed.base();
                let base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
                rules
                    .exclude
                    .push((base, parsed.globs(&parsed.parsed.exclude)?));
            }
            if let Some(ext) = &parsed.parsed.extensions {
                rules.extensions = ext.clone();
            }
        }
        Ok(rules)
    }

    /// Whether a walk leaves `path` (a file or a folder) out.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.exclude.iter().any(|(base, globs)| {
            abs.strip_prefix(base)
                .is_ok_and(|rel| !rel.as_os_str().is_empty() && globs.is_match(rel))
        })
    }
}

/// Applies a configuration file and every file it extends over
/// `settings`, for the story at `story`.
pub fn apply_chain(
    path: &Path,
    story: Option<&Path>,
    settings: &mut Settings,
) -> Result<(), ConfigError> {
    for file in chain(path)? {
        apply_config(&file, story, settings)?;
    }
    Ok(())
}

/// Applies one configuration file (not what it extends) over `settings`,
/// for the story at `story` (its `[[overrides]]` match that path).
pub fn apply_config(
    path: &Path,
    story: Option<&Path>,
    settings: &mut Settings,
) -> Result<(), ConfigError> {
    ConfigFile::read(path)?.apply(story, settings)
}

/// A parsed `newslint.toml`, with its path and text for error lines.
struct ConfigFile<'a> {
    path: &'a Path,
    text: String,
    parsed: FileConfig,
}

impl<'a> ConfigFile<'a> {
    fn read(path: &'a Path) -> Result<Self, ConfigError> {
        let bytes =
            files::read_bounded(path, MAX_FILE_BYTES).map_err(|source| ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::NotUtf8 {
            path: path.to_path_buf(),
        })?;
        let parsed: FileConfig =
            toml::from_str(files::strip_bom(&text)).map_err(|e| ConfigError::Syntax {
                path: path.to_path_buf(),
                line: e.span().map(|s| line_of(&text, s.start)).unwrap_or(1),
                message: syntax_message(&e, &text),
            })?;
        Ok(ConfigFile { path, text, parsed })
    }

    /// The folder relative paths in the file are taken from.
    fn base(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    fn dialect(&self) -> Result<Option<Dialect>, ConfigError> {
        self.parsed
            .dialect
            .as_deref()
            .map(|d| self.dialect_named(d))
            .transpose()
    }

    fn dialect_named(&self, name: &str) -> Result<Dialect, ConfigError> {
        name.parse::<Dialect>()
            .map_err(|source| ConfigError::Dialect {
                path: self.path.to_path_buf(),
                source,
            })
    }

    fn apply(&self, story: Option<&Path>, settings: &mut Settings) -> Result<(), ConfigError> {
        if let Some(d) = self.dialect()? {
            settings.dialect = d;
        }
        self.apply_files(settings);
        self.apply_style(settings);
        let p = &self.parsed;
        if let Some(keys) = &p.front_matter_keys {
            settings.front_matter_keys = keys.clone();
        }
        let select = self.rule_list(&p.select)?;
        if !select.is_empty() {
            settings.select = select;
        }
        settings.ignore.extend(self.rule_list(&p.ignore)?);
        settings.severity.extend(self.severities(&p.severity)?);
        for o in &p.overrides {
            self.apply_override(o, story, settings)?;
        }
        Ok(())
    }

    /// Word lists, name lists, the model and the Vale folder, relative to
    /// the file's folder; the desk's banned words.
    fn apply_files(&self, settings: &mut Settings) {
        let (p, base) = (&self.parsed, self.base());
        settings
            .word_files
            .extend(p.words.iter().chain(&p.names).map(|w| base.join(w)));
        settings
            .hunspell
            .extend(p.hunspell.iter().map(|d| base.join(d)));
        if let Some(m) = &p.model {
            settings.model = Some(base.join(m));
        }
        if let Some(v) = &p.vale {
            settings.vale = Some(base.join(v));
        }
        if let Some(v) = &p.vale_config {
            settings.vale_config = Some(base.join(v));
        }
        if let Some(strict) = p.vale_strict {
            settings.vale_strict = strict;
        }
        settings.banned.extend(p.banned.iter().cloned());
    }

    /// `style = "pack"` or the `[style]` table: the pack, its banned list
    /// and its options.
    fn apply_style(&self, settings: &mut Settings) {
        let Some(StyleField(style)) = &self.parsed.style else {
            return;
        };
        if let Some(p) = style.pack {
            settings.style = Some(p);
        }
        settings.banned.extend(style.banned.iter().cloned());
        let a = &style.agency;
        let o = &mut settings.options;
        o.percent = a.percent.unwrap_or(o.percent);
        o.dates = a.dates.unwrap_or(o.dates);
        o.quotes = a.quotes.unwrap_or(o.quotes);
    }

    /// An `[[overrides]]` table, checked whatever the story, applied when
    /// its globs match the story's path relative to the file's folder.
    fn apply_override(
        &self,
        o: &Override,
        story: Option<&Path>,
        settings: &mut Settings,
    ) -> Result<(), ConfigError> {
        let globs = self.globs(&o.paths)?;
        let select = self.rule_list(&o.select)?;
        let ignore = self.rule_list(&o.ignore)?;
        let severity = self.severities(&o.severity)?;
        let dialect = o
            .dialect
            .as_deref()
            .map(|d| self.dialect_named(d))
            .transpose()?;
        let Some(story) = story else {
            return Ok(());
        };
        if !globs.is_match(self.relative(story)) {
            return Ok(());
        }
        if !select.is_empty() {
            settings.select = select;
        }
        settings.ignore.extend(ignore);
        settings.severity.extend(severity);
        if let Some(p) = o.style {
            settings.style = Some(p);
        }
        if let Some(d) = dialect {
            settings.dialect = d;
        }
        Ok(())
    }

    fn globs(&self, paths: &[toml::Spanned<String>]) -> Result<globset::GlobSet, ConfigError> {
        let mut builder = globset::GlobSetBuilder::new();
        for p in paths {
            let glob = globset::Glob::new(p.get_ref()).map_err(|e| ConfigError::Glob {
                path: self.path.to_path_buf(),
                line: line_of(&self.text, p.span().start),
                glob: p.get_ref().clone(),
                reason: e.kind().to_string(),
            })?;
            builder.add(glob);
        }
        builder.build().map_err(|e| ConfigError::Glob {
            path: self.path.to_path_buf(),
            line: 1,
            glob: String::new(),
            reason: e.to_string(),
        })
    }

    /// `story`'s path relative to the file's folder (as given, if it is
    /// not under it).
    fn relative(&self, story: &Path) -> PathBuf {
        story
            .canonicalize()
            .ok()
            .and_then(|s| {
                let b = self.base().canonicalize().ok()?;
                s.strip_prefix(&b).ok().map(Path::to_path_buf)
            })
            .unwrap_or_else(|| story.to_path_buf())
    }

    /// A `select`/`ignore` list, every entry naming a rule or a family.
    fn rule_list(&self, list: &[toml::Spanned<String>]) -> Result<Vec<String>, ConfigError> {
        list.iter()
            .map(|p| self.selector(p).map(|()| p.get_ref().clone()))
            .collect()
    }

    fn severities(
        &self,
        map: &BTreeMap<toml::Spanned<String>, Severity>,
    ) -> Result<Vec<(String, Severity)>, ConfigError> {
        map.iter()
            .map(|(k, v)| self.selector(k).map(|()| (k.get_ref().clone(), *v)))
            .collect()
    }

    fn selector(&self, p: &toml::Spanned<String>) -> Result<(), ConfigError> {
        registry::check_selector(p.get_ref()).map_err(|source| ConfigError::Selector {
            path: self.path.to_path_buf(),
            line: line_of(&self.text, p.span().start),
            source,
        })
    }
}

/// toml's message on one line, with a hint for the usual pack-table slip.
fn syntax_message(e: &toml::de::Error, text: &str) -> String {
    let mut msg = e.message().replace('\n', " ");
    if msg.contains("dotted key") && text.contains("[style.") {
        msg.push_str(
            " (with pack options, name the pack inside the table: `[style]` then `pack = \"agency\"`)",
        );
    }
    msg
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Reads a word file: one word a line, `#` starts a comment; a UTF-8
/// byte-order mark is not part of the first word.
pub fn load_words(path: &Path, into: &mut HashSet<String>) -> Result<(), WordListError> {
    let bytes =
        files::read_bounded(path, MAX_FILE_BYTES).map_err(|source| WordListError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    let text = String::from_utf8(bytes).map_err(|_| WordListError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    for line in files::strip_bom(&text).lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if !word.is_empty() {
            into.insert(crate::text::token::straighten(word).into_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::PackOptions;

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
        let err = load_config(&path).unwrap_err().to_string();
        assert!(err.contains(":2:"), "{err}");
        assert!(err.contains("dialekt"), "{err}");
    }

    #[test]
    fn full_configuration_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(
            &path,
            r#"dialect = "en-GB"
words = ["w.txt"]
names = ["n.txt"]
model = "desk.nlm"
vale = "vale"
vale_config = "desk/.vale.ini"
vale_strict = true
banned = ["slammed"]
select = ["spelling", "style"]
ignore = ["style.core.cliche"]

[severity]
"typography.double-space" = "info"

[style]
pack = "agency"
banned = ["war of words"]

[style.agency]
percent = "percent"
dates = "month-day"
quotes = "single"

[[overrides]]
paths = ["sport/**"]
ignore = ["style.agency.numerals"]
severity = { "style.core" = "error" }
style = "ap"
"#,
        )
        .unwrap();
        let mut s = Settings::default();
        apply_config(&path, Some(&dir.path().join("news/a.txt")), &mut s).unwrap();
        assert_eq!(s.dialect, Dialect::EnGb);
        assert_eq!(s.style, Some(Pack::Agency));
        assert_eq!(
            s.word_files,
            [dir.path().join("w.txt"), dir.path().join("n.txt")]
        );
        assert_eq!(s.model, Some(dir.path().join("desk.nlm")));
        assert_eq!(s.vale, Some(dir.path().join("vale")));
        assert_eq!(s.vale_config, Some(dir.path().join("desk/.vale.ini")));
        assert!(s.vale_strict);
        assert_eq!(s.banned, ["slammed", "war of words"]);
        assert_eq!(s.select, ["spelling", "style"]);
        assert_eq!(s.ignore, ["style.core.cliche"]);
        assert_eq!(
            s.severity,
            [("typography.double-space".to_string(), Severity::Info)]
        );
        assert_eq!(
            s.options,
            PackOptions {
                percent: Percent::Percent,
                dates: Dates::MonthDay,
                quotes: Quotes::Single
            }
        );
        // The override applies under sport/ only.
        std::fs::create_dir_all(dir.path().join("sport")).unwrap();
        std::fs::write(dir.path().join("sport/b.txt"), "x").unwrap();
        let mut s = Settings::default();
        apply_config(&path, Some(&dir.path().join("sport/b.txt")), &mut s).unwrap();
        assert_eq!(s.style, Some(Pack::Ap));
        assert!(s.ignore.contains(&"style.agency.numerals".to_string()));
        assert!(s
            .severity
            .contains(&("style.core".to_string(), Severity::Error)));
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

    #[test]
    fn a_bom_does_not_hide_the_first_word_or_key() {
        let dir = tempfile::tempdir().unwrap();
        let words = dir.path().join("words.txt");
        std::fs::write(&words, "\u{feff}Zbigniewska\nQaani\n").unwrap();
        let mut set = HashSet::new();
        load_words(&words, &mut set).unwrap();
        assert!(set.contains("Zbigniewska"), "{set:?}");
        let config = dir.path().join(CONFIG_FILE);
        std::fs::write(&config, "\u{feff}dialect = \"en-GB\"\n").unwrap();
        assert_eq!(load_config(&config).unwrap().0, Some(Dialect::EnGb));
    }

    #[test]
    fn a_file_extends_another_and_a_circle_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk");
        std::fs::create_dir_all(&desk).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "dialect = \"en-GB\"\nwords = [\"house.txt\"]\nstyle = \"agency\"\n",
        )
        .unwrap();
        let inner = desk.join(CONFIG_FILE);
        std::fs::write(
            &inner,
            "extend = \"../newslint.toml\"\nwords = [\"desk.txt\"]\nignore = [\"names\"]\n",
        )
        .unwrap();
        let mut s = Settings::default();
        apply_chain(&inner, None, &mut s).unwrap();
        assert_eq!(s.dialect, Dialect::EnGb);
        assert_eq!(s.style, Some(Pack::Agency));
        let files: Vec<PathBuf> = s
            .word_files
            .iter()
            .map(|f| {
                f.parent()
                    .unwrap()
                    .canonicalize()
                    .unwrap()
                    .join(f.file_name().unwrap())
            })
            .collect();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(files, [root.join("house.txt"), root.join("desk/desk.txt")]);
        assert_eq!(s.ignore, ["names"]);
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "extend = \"desk/newslint.toml\"\n",
        )
        .unwrap();
        let err = chain(&inner).unwrap_err();
        assert!(matches!(err, ConfigError::ExtendCycle { .. }), "{err}");
    }

    #[test]
    fn a_walk_leaves_out_what_exclude_names_and_looks_for_its_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join(CONFIG_FILE),
            "exclude = [\"archive/**\", \"*.draft.md\"]\nextensions = [\"md\"]\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("archive/2019")).unwrap();
        let rules = WalkRules::of(&root.join(CONFIG_FILE)).unwrap();
        assert_eq!(rules.extensions, ["md"]);
        assert!(rules.excludes(&root.join("archive/2019")));
        assert!(rules.excludes(&root.join("story.draft.md")));
        assert!(!rules.excludes(&root.join("story.md")));
        assert!(!rules.excludes(&root));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "dialect = \"en-GB\"\nselect = [\"typo\"]\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(
            matches!(err, ConfigError::Selector { line: 2, .. }),
            "{err}"
        );
        std::fs::write(&path, "[style.ap]\nfoo = 1\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(matches!(err, ConfigError::Syntax { .. }), "{err}");
        let err = load_words(&dir.path().join("none.txt"), &mut HashSet::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: cannot read word list: No such file or directory",
                dir.path().join("none.txt").display()
            )
        );
    }

    #[test]
    fn a_vale_ini_is_found_above_the_story_unless_a_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        std::fs::write(
            dir.path().join(".vale.ini"),
            "StylesPath = desk-styles\n[*.md]\nBasedOnStyles = Desk\n",
        )
        .unwrap();
        let mut s = Settings::default();
        apply_vale(&mut s, Some(Path::new("news/a.md")), &news).unwrap();
        assert_eq!(s.vale, Some(dir.path().join("desk-styles")));
        assert_eq!(s.vale_setup.as_ref().unwrap().styles, ["Desk"]);
        // A named folder wins, and no .vale.ini is looked for.
        let mut s = Settings {
            vale: Some(PathBuf::from("mine")),
            ..Settings::default()
        };
        apply_vale(&mut s, None, &news).unwrap();
        assert_eq!(s.vale, Some(PathBuf::from("mine")));
        assert!(s.vale_setup.is_none());
        // A named .vale.ini that cannot be read is an error naming it.
        let mut s = Settings {
            vale_config: Some(dir.path().join("missing.ini")),
            ..Settings::default()
        };
        let e = apply_vale(&mut s, None, &news).unwrap_err().to_string();
        assert!(e.contains("missing.ini"), "{e}");
    }
}
