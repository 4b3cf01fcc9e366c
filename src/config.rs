//! Settings: the dialect and a newsroom's own word lists, from the command
//! line and from a `newslint.toml` beside the story or in a folder above it.
//! Full configuration (rule selection, style packs) builds on this.

use crate::finding::Severity;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
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

/// What a `newslint.toml` may say. Unknown keys are an error, so a typo in
/// a setting is never silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    dialect: Option<String>,
    #[serde(default)]
    words: Vec<PathBuf>,
    /// Name lists: word files of names (read like `words`).
    #[serde(default)]
    names: Vec<PathBuf>,
    model: Option<PathBuf>,
    style: Option<StyleField>,
    vale: Option<PathBuf>,
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
}

/// `style = "agency"`, or a `[style]` table with the pack and its options.
#[derive(Debug, Default)]
struct StyleTable {
    pack: Option<Pack>,
    banned: Vec<String>,
    ap: BTreeMap<String, String>,
    agency: AgencyOptions,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleTableRaw {
    pack: Option<Pack>,
    #[serde(default)]
    banned: Vec<String>,
    #[serde(default)]
    ap: BTreeMap<String, String>,
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
                    ap: raw.ap,
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
    percent: Option<PercentOption>,
    dates: Option<DatesOption>,
    quotes: Option<QuotesOption>,
}

#[derive(Debug, Deserialize)]
enum PercentOption {
    #[serde(rename = "per cent")]
    PerCent,
    #[serde(rename = "percent")]
    Percent,
}

#[derive(Debug, Deserialize)]
enum DatesOption {
    #[serde(rename = "day-month")]
    DayMonth,
    #[serde(rename = "month-day")]
    MonthDay,
}

#[derive(Debug, Deserialize)]
enum QuotesOption {
    #[serde(rename = "double")]
    Double,
    #[serde(rename = "single")]
    Single,
}

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

/// A style pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pack {
    /// US news style (AP-like).
    Ap,
    /// British news-agency style.
    Agency,
}

impl FromStr for Pack {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "ap" => Ok(Pack::Ap),
            "agency" => Ok(Pack::Agency),
            _ => Err(format!("unknown style `{s}` (expected ap or agency)")),
        }
    }
}

/// The settings a story is checked with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Settings {
    pub dialect: Dialect,
    /// Word files, in order: the configuration's, then `--words`.
    pub word_files: Vec<PathBuf>,
    /// A context model file (`--model`) in place of the embedded one.
    pub model: Option<PathBuf>,
    /// The style pack (`--style`, `style = ...`); none runs no style rule.
    pub style: Option<Pack>,
    /// Pack options (`[style.agency] percent = "per cent"`).
    pub options: BTreeMap<String, String>,
    /// Rule ids or family prefixes to run (empty: the defaults).
    pub select: Vec<String>,
    /// Rule ids or family prefixes not to run.
    pub ignore: Vec<String>,
    /// Severity per rule id or prefix, most specific wins.
    pub severity: Vec<(String, Severity)>,
    /// Words and phrases the desk bans (`style.core.banned`).
    pub banned: Vec<String>,
    /// A folder of Vale YAML rules.
    pub vale: Option<PathBuf>,
}

/// The nearest `newslint.toml` at or above `dir`.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Reads a configuration file; word paths are taken relative to its folder.
pub fn load_config(path: &Path) -> Result<(Option<Dialect>, Vec<PathBuf>), String> {
    let mut settings = Settings::default();
    let (text, parsed) = parse_file(path)?;
    let dialect = parsed
        .dialect
        .as_deref()
        .map(|d| dialect_in(path, d))
        .transpose()?;
    apply_parsed(path, &text, parsed, None, &mut settings)?;
    Ok((dialect, settings.word_files))
}

fn parse_file(path: &Path) -> Result<(String, FileConfig), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read configuration: {e}", path.display()))?;
    let parsed: FileConfig = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(1);
        let mut msg = e.message().replace('\n', " ");
        if msg.contains("dotted key") && text.contains("[style.") {
            msg.push_str(
                " (with pack options, name the pack inside the table: `[style]` then `pack = \"agency\"`)",
            );
        }
        format!("{}:{line}: {msg}", path.display())
    })?;
    Ok((text, parsed))
}

/// A dialect named in the configuration file at `path`.
fn dialect_in(path: &Path, name: &str) -> Result<Dialect, String> {
    name.parse::<Dialect>()
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Applies a configuration file over `settings`, for the story at `story`
/// (its `[[overrides]]` match that path).
pub fn apply_config(
    path: &Path,
    story: Option<&Path>,
    settings: &mut Settings,
) -> Result<(), String> {
    let (text, parsed) = parse_file(path)?;
    apply_parsed(path, &text, parsed, story, settings)
}

fn apply_parsed(
    path: &Path,
    text: &str,
    parsed: FileConfig,
    story: Option<&Path>,
    settings: &mut Settings,
) -> Result<(), String> {
    let base = path.parent().unwrap_or(Path::new("."));
    let at = |span: std::ops::Range<usize>, msg: String| {
        format!("{}:{}: {msg}", path.display(), line_of(text, span.start))
    };
    if let Some(d) = &parsed.dialect {
        settings.dialect = dialect_in(path, d)?;
    }
    settings.word_files.extend(
        parsed
            .words
            .iter()
            .chain(&parsed.names)
            .map(|w| base.join(w)),
    );
    if let Some(m) = &parsed.model {
        settings.model = Some(base.join(m));
    }
    if let Some(v) = &parsed.vale {
        settings.vale = Some(base.join(v));
    }
    settings.banned.extend(parsed.banned.iter().cloned());
    if let Some(StyleField(style)) = parsed.style {
        if let Some(p) = style.pack {
            settings.style = Some(p);
        }
        settings.banned.extend(style.banned);
        for (k, v) in style.ap {
            settings.options.insert(k, v);
        }
        let a = style.agency;
        if let Some(p) = a.percent {
            let v = match p {
                PercentOption::PerCent => "per cent",
                PercentOption::Percent => "percent",
            };
            settings.options.insert("percent".into(), v.into());
        }
        if let Some(d) = a.dates {
            let v = match d {
                DatesOption::DayMonth => "day-month",
                DatesOption::MonthDay => "month-day",
            };
            settings.options.insert("dates".into(), v.into());
        }
        if let Some(q) = a.quotes {
            let v = match q {
                QuotesOption::Double => "double",
                QuotesOption::Single => "single",
            };
            settings.options.insert("quotes".into(), v.into());
        }
    }
    let rule_list = |list: &[toml::Spanned<String>]| -> Result<Vec<String>, String> {
        list.iter()
            .map(|p| {
                check_selector(p.get_ref())
                    .map(|()| p.get_ref().clone())
                    .map_err(|e| at(p.span(), e))
            })
            .collect()
    };
    let severities = |map: &BTreeMap<toml::Spanned<String>, Severity>| {
        map.iter()
            .map(|(k, v)| {
                check_selector(k.get_ref())
                    .map(|()| (k.get_ref().clone(), *v))
                    .map_err(|e| at(k.span(), e))
            })
            .collect::<Result<Vec<_>, String>>()
    };
    let select = rule_list(&parsed.select)?;
    if !select.is_empty() {
        settings.select = select;
    }
    settings.ignore.extend(rule_list(&parsed.ignore)?);
    settings.severity.extend(severities(&parsed.severity)?);
    for o in &parsed.overrides {
        let mut builder = globset::GlobSetBuilder::new();
        for p in &o.paths {
            let glob = globset::Glob::new(p.get_ref())
                .map_err(|e| at(p.span(), format!("bad glob `{}`: {e}", p.get_ref())))?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let select = rule_list(&o.select)?;
        let ignore = rule_list(&o.ignore)?;
        let sev = severities(&o.severity)?;
        let dialect = o
            .dialect
            .as_deref()
            .map(|d| dialect_in(path, d))
            .transpose()?;
        let Some(story) = story else { continue };
        let rel = story
            .canonicalize()
            .ok()
            .and_then(|s| {
                let b = base.canonicalize().ok()?;
                s.strip_prefix(&b).ok().map(Path::to_path_buf)
            })
            .unwrap_or_else(|| story.to_path_buf());
        if set.is_match(&rel) {
            if !select.is_empty() {
                settings.select = select;
            }
            settings.ignore.extend(ignore);
            settings.severity.extend(sev);
            if let Some(p) = o.style {
                settings.style = Some(p);
            }
            if let Some(d) = dialect {
                settings.dialect = d;
            }
        }
    }
    Ok(())
}

/// A `select`/`ignore`/`severity` entry must name a rule or a family.
pub fn check_selector(pattern: &str) -> Result<(), String> {
    if pattern == "ALL" || pattern.starts_with("vale") {
        return Ok(());
    }
    let known = crate::rules::all()
        .iter()
        .chain(crate::style::all().iter())
        .any(|r| crate::suppress::covers(pattern, r.info().id));
    if known {
        Ok(())
    } else {
        Err(format!(
            "no rule or family `{pattern}` (expected a rule id such as `typography.double-space` or a family such as `spelling`; see `newslint rules`)"
        ))
    }
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
        assert_eq!(s.banned, ["slammed", "war of words"]);
        assert_eq!(s.select, ["spelling", "style"]);
        assert_eq!(s.ignore, ["style.core.cliche"]);
        assert_eq!(
            s.severity,
            [("typography.double-space".to_string(), Severity::Info)]
        );
        assert_eq!(s.options["percent"], "percent");
        assert_eq!(s.options["dates"], "month-day");
        assert_eq!(s.options["quotes"], "single");
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
}
