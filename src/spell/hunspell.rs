//! The one place that talks to Hunspell (hunspell-rs). Hunspell is the
//! authority for words the embedded word forms do not list. It is loaded lazily, once per `Engine`, from the
//! embedded `.aff`/`.dic` files written to a cache folder on first use.

use crate::base::Dialect;
use hunspell_rs::{CheckResult, Hunspell};
use std::cell::OnceCell;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Engine {
    source: Source,
    /// `None` when the dictionary files could not be written: then Hunspell
    /// knows nothing and newslint relies on the embedded word forms.
    hunspell: OnceCell<Option<Hunspell>>,
}

/// Where an engine's dictionary comes from.
enum Source {
    /// A dialect's dictionary embedded in the binary.
    Embedded(Dialect),
    /// A desk's `.aff` and `.dic` files, already checked by the caller.
    Files { aff: String, dic: String },
}

impl Engine {
    pub fn new(dialect: Dialect) -> Self {
        Engine::of(Source::Embedded(dialect))
    }

    /// An engine over a desk's own `.aff` and `.dic` (UTF-8 paths), loaded
    /// now, while the files are the ones the caller checked.
    pub fn from_files(aff: &str, dic: &str) -> Self {
        let engine = Engine::of(Source::Files {
            aff: aff.to_string(),
            dic: dic.to_string(),
        });
        engine.get();
        engine
    }

    fn of(source: Source) -> Self {
        Engine {
            source,
            hunspell: OnceCell::new(),
        }
    }

    fn get(&self) -> Option<&Hunspell> {
        self.hunspell
            .get_or_init(|| match &self.source {
                Source::Embedded(dialect) => {
                    let (aff, dic) = dictionary_files(*dialect).ok()?;
                    Some(Hunspell::new(aff.to_str()?, dic.to_str()?))
                }
                Source::Files { aff, dic } => Some(Hunspell::new(aff, dic)),
            })
            .as_ref()
    }

    /// Whether the dictionary has been loaded (it is on the first check).
    pub fn is_loaded(&self) -> bool {
        self.hunspell.get().is_some()
    }

    /// Whether Hunspell accepts `word`. A word with a NUL (which would make
    /// hunspell-rs panic) is never accepted.
    pub fn check(&self, word: &str) -> bool {
        if word.contains('\0') {
            return false;
        }
        self.get()
            .is_some_and(|h| h.check(word) == CheckResult::FoundInDictionary)
    }

    /// Hunspell's suggestions for `word` (none when it has a NUL).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if word.contains('\0') {
            return Vec::new();
        }
        self.get().map(|h| h.suggest(word)).unwrap_or_default()
    }
}

/// Writes the embedded dictionary of `dialect` to a per-version cache folder
/// (once; atomically) and returns the paths Hunspell needs.
fn dictionary_files(dialect: Dialect) -> std::io::Result<(PathBuf, PathBuf)> {
    use super::data::*;
    let (name, aff, dic) = match dialect {
        Dialect::EnUs => ("en_US", EN_US_AFF, EN_US_DIC),
        Dialect::EnGb => ("en_GB", EN_GB_AFF, EN_GB_DIC),
        Dialect::EnAu => ("en_AU", EN_AU_AFF, EN_AU_DIC),
        Dialect::EnCa => ("en_CA", EN_CA_AFF, EN_CA_DIC),
        Dialect::EnZa => ("en_ZA", EN_ZA_AFF, EN_ZA_DIC),
    };
    let dir = std::env::temp_dir().join(format!(
        "newslint-{}-{name}-{}",
        env!("CARGO_PKG_VERSION"),
        aff.len() + dic.len()
    ));
    std::fs::create_dir_all(&dir)?;
    let aff_path = dir.join(format!("{name}.aff"));
    let dic_path = dir.join(format!("{name}.dic"));
    write_once(&aff_path, aff)?;
    write_once(&dic_path, dic)?;
    Ok((aff_path, dic_path))
}

fn write_once(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64) {
        return Ok(());
    }
    // Unique per process, thread and file: the workers of one run load
    // their dictionaries at once, and `en_GB.aff` and `en_GB.dic` must not
    // share a temporary file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}-{n}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunspell_checks_and_survives_nul() {
        let engine = Engine::new(Dialect::EnGb);
        assert!(engine.check("colour"));
        assert!(!engine.check("troups"));
        assert!(!engine.check("tro\0ops"));
    }
}
