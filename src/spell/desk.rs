//! A desk's own Hunspell dictionary: a `.dic` file with its `.aff` beside
//! it (`hunspell = ["desk.dic"]` in `newslint.toml`, `--hunspell`), read
//! with its own affix rules, so `Soleimani/M` with a possessive flag `M`
//! makes `Soleimani's` known. The files are checked before Hunspell sees
//! them: a missing or unreadable file, a pipe, or a file that is no Hunspell
//! dictionary is an error naming it.

use super::hunspell::Engine;
use crate::base::files;
use std::io;
use std::path::{Path, PathBuf};

/// Dictionary files larger than this are refused.
pub const MAX_DICTIONARY_BYTES: u64 = 64 << 20;

/// Why a desk dictionary cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DeskDictionaryError {
    #[error("{}: cannot read Hunspell dictionary: {}", path.display(), files::reason(source))]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: not a Hunspell dictionary: {reason}", path.display())]
    Malformed { path: PathBuf, reason: String },
}

/// A desk dictionary, loaded.
pub struct DeskDictionary {
    hunspell: Engine,
}

/// The `.aff` file that goes with the `.dic` file `dic`.
pub fn aff_of(dic: &Path) -> PathBuf {
    dic.with_extension("aff")
}

impl DeskDictionary {
    /// Checks `dic` and the `.aff` beside it, then loads them.
    pub fn load(dic: &Path) -> Result<Self, DeskDictionaryError> {
        let malformed = |path: &Path, reason: &str| DeskDictionaryError::Malformed {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        };
        if dic.extension().is_none_or(|e| e != "dic") {
            return Err(malformed(
                dic,
                "expected a .dic file (with its .aff beside it)",
            ));
        }
        let aff = aff_of(dic);
        let read = |path: &Path| {
            files::read_bounded(path, MAX_DICTIONARY_BYTES).map_err(|source| {
                DeskDictionaryError::Read {
                    path: path.to_path_buf(),
                    source,
                }
            })
        };
        let (dic_bytes, aff_bytes) = (read(dic)?, read(&aff)?);
        check_dic(&dic_bytes).map_err(|r| malformed(dic, r))?;
        check_aff(&aff_bytes).map_err(|r| malformed(&aff, r))?;
        let (Some(aff_str), Some(dic_str)) = (aff.to_str(), dic.to_str()) else {
            return Err(malformed(dic, "its path is not UTF-8"));
        };
        Ok(DeskDictionary {
            hunspell: Engine::from_files(aff_str, dic_str),
        })
    }

    /// Whether the dictionary takes `word` (with its affixes and capitals).
    pub fn check(&self, word: &str) -> bool {
        self.hunspell.check(word)
    }

    /// Hunspell's suggestions from this dictionary alone.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        self.hunspell.suggest(word)
    }
}

/// A `.dic` starts with the number of its entries.
fn check_dic(bytes: &[u8]) -> Result<(), &'static str> {
    let text = String::from_utf8_lossy(bytes);
    let first = files::strip_bom(&text).lines().next().unwrap_or("").trim();
    if first.parse::<u64>().is_err() {
        return Err("the first line must be the number of words");
    }
    Ok(())
}

/// Every line of an `.aff` that is not blank or a comment starts with a
/// directive in capitals (`SET`, `SFX`, `REP`...).
fn check_aff(bytes: &[u8]) -> Result<(), &'static str> {
    if bytes.contains(&0) {
        return Err("the affix file is binary");
    }
    let text = String::from_utf8_lossy(bytes);
    let directive = |line: &str| {
        let word = line.split_whitespace().next().unwrap_or("");
        word.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    let bad = files::strip_bom(&text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| !directive(l));
    if bad {
        return Err("an affix file line does not start with a directive");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A desk dictionary of our own: a possessive flag and a plural flag.
    pub(crate) fn write_desk(dir: &Path) -> PathBuf {
        std::fs::write(
            dir.join("desk.aff"),
            "SET UTF-8\nFLAG ASCII\n\nSFX M Y 1\nSFX M 0 's .\n\nSFX S Y 1\nSFX S 0 s .\n",
        )
        .unwrap();
        let dic = dir.join("desk.dic");
        std::fs::write(&dic, "2\nSoleimani/M\nvaxathon/MS\n").unwrap();
        dic
    }

    #[test]
    fn affix_rules_of_a_desk_dictionary_work() {
        let dir = tempfile::tempdir().unwrap();
        let desk = DeskDictionary::load(&write_desk(dir.path())).unwrap();
        assert!(desk.check("Soleimani"));
        assert!(desk.check("Soleimani's"));
        assert!(desk.check("vaxathons"));
        assert!(!desk.check("Soleimanis"));
        assert!(desk.suggest("Soleimany").contains(&"Soleimani".to_string()));
    }

    #[test]
    fn bad_desk_dictionaries_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let none = DeskDictionary::load(&dir.path().join("none.dic"))
            .err()
            .unwrap();
        assert!(none.to_string().contains("none.dic: cannot read"), "{none}");
        let txt = dir.path().join("words.txt");
        std::fs::write(&txt, "x\n").unwrap();
        let wrong = DeskDictionary::load(&txt).err().unwrap();
        assert!(wrong.to_string().contains("expected a .dic"), "{wrong}");
        let dic = dir.path().join("lone.dic");
        std::fs::write(&dic, "1\nword\n").unwrap();
        let lone = DeskDictionary::load(&dic).err().unwrap();
        assert!(lone.to_string().contains("lone.aff: cannot read"), "{lone}");
        std::fs::write(dir.path().join("lone.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(&dic, "word\n").unwrap();
        let count = DeskDictionary::load(&dic).err().unwrap();
        assert!(count.to_string().contains("number of words"), "{count}");
        std::fs::write(&dic, "1\nword\n").unwrap();
        std::fs::write(dir.path().join("lone.aff"), "this is prose\n").unwrap();
        let aff = DeskDictionary::load(&dic).err().unwrap();
        assert!(aff.to_string().contains("directive"), "{aff}");
    }
}
