//! `.vale.ini`, read as Vale reads it, so a desk points newslint at the
//! Vale setup it already has. Global keys (before any section):
//! `StylesPath` (relative to the file), `MinAlertLevel`, `Vocab`. Each
//! `[glob]` section whose glob matches the story's path adds its
//! `BasedOnStyles` and its `Style.Rule = YES|NO|suggestion|warning|error`
//! lines (a later line wins). Keys newslint has no use for (`Packages`,
//! `IgnoredScopes`, `TokenIgnores`, `[formats]`…) are read and ignored.
//!
//! The file is found as Vale finds it: `--vale-config`, `vale_config` in
//! `newslint.toml`, or the nearest `.vale.ini` or `_vale.ini` in the
//! story's folder or above it.

use super::definition::severity;
use crate::base::{Severity, ValeSetup, ValeToggle};
use globset::{GlobBuilder, GlobMatcher};
use ini::{Ini, ParseOption};
use std::path::{Path, PathBuf};

/// Names Vale gives its configuration file.
pub const CONFIG_NAMES: &[&str] = &[".vale.ini", "_vale.ini"];

/// Why a `.vale.ini` cannot be used. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum IniError {
    #[error("{}: cannot read Vale configuration: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: `{key} = {value}`: {reason}", path.display())]
    Value {
        path: PathBuf,
        key: String,
        value: String,
        reason: String,
    },
}

struct Section {
    glob: GlobMatcher,
    styles: Vec<String>,
    rules: Vec<(String, ValeToggle)>,
    vocab: Vec<String>,
}

/// A `.vale.ini`, read.
pub struct ValeIni {
    pub path: PathBuf,
    /// `StylesPath`, made absolute against the file's folder.
    pub styles_path: PathBuf,
    min_level: Option<Severity>,
    vocab: Vec<String>,
    sections: Vec<Section>,
}

/// The nearest `.vale.ini` (or `_vale.ini`) at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

impl ValeIni {
    pub fn read(path: &Path) -> Result<ValeIni, IniError> {
        let bytes =
            crate::base::files::read_bounded(path, 16 << 20).map_err(|source| IniError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        let text = String::from_utf8_lossy(&bytes);
        let opt = ParseOption {
            enabled_quote: false,
            enabled_escape: false,
            ..ParseOption::default()
        };
        let ini =
            Ini::load_from_str_opt(crate::base::files::strip_bom(&text), opt).map_err(|e| {
                IniError::Syntax {
                    path: path.to_path_buf(),
                    line: e.line + 1,
                    message: e.msg.to_string(),
                }
            })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut file = ValeIni {
            path: path.to_path_buf(),
            styles_path: base.join("styles"),
            min_level: None,
            vocab: Vec::new(),
            sections: Vec::new(),
        };
        for (name, props) in ini.iter() {
            let props: Vec<(&str, &str)> = props.iter().collect();
            match name {
                None => file.global(base, &props)?,
                Some("formats") | Some("*.formats") => {}
                Some(glob) => {
                    let section = file.section(glob, &props)?;
                    file.sections.push(section);
                }
            }
        }
        Ok(file)
    }

    fn bad(&self, key: &str, value: &str, reason: &str) -> IniError {
        IniError::Value {
            path: self.path.clone(),
            key: key.to_string(),
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }

    fn global(&mut self, base: &Path, props: &[(&str, &str)]) -> Result<(), IniError> {
        for &(key, value) in props {
            match key {
                "StylesPath" => self.styles_path = base.join(value.trim()),
                "MinAlertLevel" => {
                    self.min_level = Some(severity(value.trim()).ok_or_else(|| {
                        self.bad(key, value, "expected suggestion, warning or error")
                    })?)
                }
                "Vocab" => self.vocab = list(value),
                _ => {}
            }
        }
        Ok(())
    }

    fn section(&self, glob: &str, props: &[(&str, &str)]) -> Result<Section, IniError> {
        let matcher = GlobBuilder::new(glob.trim())
            .literal_separator(false)
            .build()
            .map_err(|e| self.bad("section", glob, &e.kind().to_string()))?
            .compile_matcher();
        let mut section = Section {
            glob: matcher,
            styles: Vec::new(),
            rules: Vec::new(),
            vocab: Vec::new(),
        };
        for &(key, value) in props {
            match key {
                "BasedOnStyles" => section.styles.extend(list(value)),
                "Vocab" => section.vocab.extend(list(value)),
                rule if rule.contains('.') && !rule.starts_with('.') => {
                    let v = value.trim();
                    let toggle = match v.to_ascii_uppercase().as_str() {
                        "YES" | "TRUE" | "ON" => ValeToggle::On,
                        "NO" | "FALSE" | "OFF" => ValeToggle::Off,
                        _ => ValeToggle::Level(severity(v).ok_or_else(|| {
                            self.bad(
                                rule,
                                value,
                                "expected YES, NO, suggestion, warning or error",
                            )
                        })?),
                    };
                    section.rules.push((rule.trim().to_string(), toggle));
                }
                _ => {}
            }
        }
        Ok(section)
    }

    /// What the file says for the story at `story` (standard input is
    /// matched as `stdin.txt`, Vale's default for text without a name).
    pub fn setup_for(&self, story: Option<&Path>) -> ValeSetup {
        let path = story.unwrap_or(Path::new("stdin.txt"));
        let name = path.file_name().map(Path::new).unwrap_or(path);
        let mut setup = ValeSetup {
            config: self.path.clone(),
            min_level: self.min_level,
            vocab: self.vocab.clone(),
            ..ValeSetup::default()
        };
        for s in &self.sections {
            if !(s.glob.is_match(path) || s.glob.is_match(name)) {
                continue;
            }
            for style in &s.styles {
                if !setup.styles.contains(style) {
                    setup.styles.push(style.clone());
                }
            }
            setup.rules.extend(s.rules.iter().cloned());
            setup.vocab.extend(s.vocab.iter().cloned());
        }
        setup
    }
}

/// A comma-separated list.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_that_match_the_story_make_its_setup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".vale.ini");
        std::fs::write(
            &path,
            "StylesPath = styles\nMinAlertLevel = warning\nVocab = Desk\n\n[*]\nBasedOnStyles = Vale\n\n[*.{md,txt}]\nBasedOnStyles = Desk, Wire\nDesk.Hedges = NO\nWire.Dates = error\n\n[docs/*.md]\nWire.Dates = YES\n",
        )
        .unwrap();
        let ini = ValeIni::read(&path).unwrap();
        assert_eq!(ini.styles_path, dir.path().join("styles"));
        let s = ini.setup_for(Some(Path::new("news/story.md")));
        assert_eq!(s.styles, ["Vale", "Desk", "Wire"]);
        assert_eq!(s.min_level, Some(Severity::Warning));
        assert_eq!(s.vocab, ["Desk"]);
        assert_eq!(
            s.rules,
            [
                ("Desk.Hedges".to_string(), ValeToggle::Off),
                ("Wire.Dates".to_string(), ValeToggle::Level(Severity::Error)),
            ]
        );
        let d = ini.setup_for(Some(Path::new("docs/a.md")));
        assert_eq!(d.rules.last().unwrap().1, ValeToggle::On);
        assert_eq!(ini.setup_for(Some(Path::new("a.html"))).styles, ["Vale"]);
        assert_eq!(ini.setup_for(None).styles, ["Vale", "Desk", "Wire"]);
    }

    #[test]
    fn a_bad_level_names_the_file_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("_vale.ini");
        std::fs::write(&path, "[*]\nDesk.Hedges = loud\n").unwrap();
        let e = ValeIni::read(&path).err().unwrap().to_string();
        assert!(
            e.contains("_vale.ini") && e.contains("Desk.Hedges = loud"),
            "{e}"
        );
        assert_eq!(find(dir.path()), Some(path));
    }
}
