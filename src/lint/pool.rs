//! The linter pool: one [`Linter`] per distinct settings, built on first
//! use and kept while the files it read are unchanged. The command line
//! (`check`, `--jobs`), the language server and the HTTP service all get
//! their linters here. A linter holds a Hunspell handle that is neither
//! `Send` nor `Sync`, so a pool belongs to one thread: a worker keeps its
//! own.
//!
//! A linter is keyed by its settings and by the size and modification time
//! of every file they name (word lists, a model, Vale rules), so a word
//! file edited outside the editor, or a Vale rule saved, gives a new
//! linter on the next check; the old one is dropped. At most
//! [`MAX_LINTERS`] are kept, the least recently used going first.
//!
//! What to do when a linter cannot be built as configured is the caller's
//! choice: the command line is strict ([`Pool::get`]: the run stops with
//! the reason, exit 2); an editor or a service is lenient
//! ([`Pool::get_lenient`]: the linter is built without the part at fault,
//! and the problem is reported once, when it is built).
//!
//! [`check_all`] checks many stories on a scoped thread per core, each
//! with its own pool, the findings in input order.

use super::{BuildError, Linter};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::style::vale::RuleProblem;
use crate::text::document::Document;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

/// Linters a pool keeps at most.
pub const MAX_LINTERS: usize = 8;

/// Runs at least this many stories before a progress bar is worth drawing.
pub const PROGRESS_MIN_STORIES: usize = 64;

/// The size and modification time of a file a linter read (`None`: it
/// could not be read when the linter was built).
type Stamp = Option<(u64, SystemTime)>;

/// What a linter is built for: settings, and the files they name as they
/// are now. Two equal keys give linters that find the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    settings: Settings,
    stamps: Vec<Stamp>,
}

impl Key {
    /// The settings the key is for.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn of(settings: &Settings) -> Key {
        let mut stamps: Vec<Stamp> = settings.word_files.iter().map(|f| stamp(f)).collect();
        for dic in &settings.hunspell {
            stamps.push(stamp(dic));
            stamps.push(stamp(&crate::spell::desk::aff_of(dic)));
        }
        stamps.extend(settings.model.iter().map(|f| stamp(f)));
        if let Some(dir) = &settings.vale {
            stamps.extend(vale_stamps(dir));
        }
        if let Some(setup) = &settings.vale_setup {
            stamps.push(stamp(&setup.config));
        }
        Key {
            settings: settings.clone(),
            stamps,
        }
    }
}

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Stamps of a Vale styles folder: the folder, its style folders and every
/// rule file (a rule edited in place changes only its own file).
fn vale_stamps(dir: &Path) -> Vec<Stamp> {
    let mut out = vec![stamp(dir)];
    let mut paths: Vec<_> = walkdir_two(dir);
    paths.sort();
    out.extend(paths.iter().map(|p| stamp(p)));
    out
}

/// The entries of `dir` and of its sub-folders, two levels down.
fn walkdir_two(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(
                std::fs::read_dir(&path)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path()),
            );
        }
        out.push(path);
    }
    out
}

/// A linter from a lenient pool, and what was left out of it if it was
/// built just now (empty otherwise: each problem is reported once, when
/// its linter is built).
pub struct Got<'a> {
    pub linter: &'a Linter,
    pub problems: Vec<BuildError>,
}

/// One thread's linters.
#[derive(Default)]
pub struct Pool {
    /// Most recently used last.
    linters: Vec<(Key, Linter)>,
}

impl Pool {
    pub fn new() -> Pool {
        Pool::default()
    }

    /// The linter for `settings` exactly as configured (built if the pool
    /// has none for them as their files now are), or why it cannot be
    /// built: the command line's way.
    pub fn get(&mut self, settings: &Settings) -> Result<&Linter, BuildError> {
        let key = Key::of(settings);
        if !self.touch(&key) {
            let linter = Linter::new(settings)?;
            self.insert(key, linter);
        }
        Ok(self.newest())
    }

    /// The linter for `key`, built without what cannot be read (see
    /// [`Linter::lenient`]): the editor's and the service's way.
    pub fn get_lenient(&mut self, key: &Key) -> Got<'_> {
        let mut problems = Vec::new();
        if !self.touch(key) {
            let (linter, left_out) = Linter::lenient(&key.settings);
            problems = left_out;
            self.insert(key.clone(), linter);
        }
        Got {
            linter: self.newest(),
            problems,
        }
    }

    /// Makes the linter for `key`, if there is one, the most recent.
    fn touch(&mut self, key: &Key) -> bool {
        match self.linters.iter().position(|(k, _)| k == key) {
            Some(i) => {
                let entry = self.linters.remove(i);
                self.linters.push(entry);
                true
            }
            None => false,
        }
    }

    fn insert(&mut self, key: Key, linter: Linter) {
        // Older versions of the same settings' files are done with.
        self.linters.retain(|(k, _)| k.settings != key.settings);
        if self.linters.len() >= MAX_LINTERS {
            self.linters.remove(0);
        }
        self.linters.push((key, linter));
    }

    fn newest(&self) -> &Linter {
        &self
            .linters
            .last()
            .expect("a linter was just touched or built")
            .1
    }

    /// Forgets every linter (new settings or words everywhere).
    pub fn clear(&mut self) {
        self.linters.clear();
    }

    /// How many linters the pool holds.
    pub fn len(&self) -> usize {
        self.linters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.linters.is_empty()
    }
}

/// The findings of `docs[i]` checked with `settings[i]`, in input order.
/// `jobs` workers (at most one per story, the rest helping inside a story),
/// each with a strict pool; the first linter that cannot be built stops the
/// run with its reason.
pub fn check_all(
    docs: &[Document],
    settings: &[Settings],
    jobs: usize,
    progress: bool,
) -> Result<Vec<Vec<Finding>>, BuildError> {
    check_all_noting(docs, settings, jobs, progress).map(|(findings, _)| findings)
}

/// [`check_all`], and every Vale rule the linters left out, once each.
pub fn check_all_noting(
    docs: &[Document],
    settings: &[Settings],
    jobs: usize,
    progress: bool,
) -> Result<(Vec<Vec<Finding>>, Vec<RuleProblem>), BuildError> {
    assert_eq!(docs.len(), settings.len());
    // Fewer stories than workers: each story's words are judged on the
    // cores left over (one big file uses them all).
    let inner = (jobs / docs.len().max(1)).max(1);
    let jobs = jobs.clamp(1, docs.len().max(1));
    let bar = progress.then(|| progress_bar(docs.len()));
    let slots: Vec<Mutex<Option<Vec<Finding>>>> = docs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let error: Mutex<Option<BuildError>> = Mutex::new(None);
    let notices: Mutex<Vec<RuleProblem>> = Mutex::new(Vec::new());
    let work = || {
        let mut pool = Pool::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= docs.len() || failed.load(Ordering::Relaxed) {
                break;
            }
            match pool.get(&settings[i]) {
                Ok(linter) => {
                    note(&notices, linter.notices());
                    *slots[i].lock().expect("result slot") = Some(linter.check_on(&docs[i], inner));
                }
                Err(reason) => {
                    failed.store(true, Ordering::Relaxed);
                    error.lock().expect("error slot").get_or_insert(reason);
                    break;
                }
            }
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
    };
    if jobs == 1 {
        // One story (the usual run) or `--jobs 1`: no thread to start.
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(work);
            }
        });
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(reason) = error.into_inner().expect("error slot") {
        return Err(reason);
    }
    let findings = slots
        .into_iter()
        .map(|slot| slot.into_inner().expect("result slot").unwrap_or_default())
        .collect();
    Ok((findings, notices.into_inner().expect("notices")))
}

/// Adds the problems not yet noted.
fn note(noted: &Mutex<Vec<RuleProblem>>, new: &[RuleProblem]) {
    if new.is_empty() {
        return;
    }
    let mut noted = noted.lock().expect("notices");
    for p in new {
        if !noted.contains(p) {
            noted.push(p.clone());
        }
    }
}

/// The number of workers: the cores this process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} stories [{bar:30}] {elapsed} (eta {eta})",
        )
        .expect("progress template")
        .progress_chars("=> "),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Dialect;

    #[test]
    fn findings_come_back_in_input_order() {
        let texts = [
            "The troups left.",
            "Nothing wrong here.",
            "The the goverment said.",
            "A dash —- here.",
            "",
        ];
        let docs: Vec<Document> = (0..20)
            .map(|i| Document::new(format!("{i}.txt"), texts[i % texts.len()]))
            .collect();
        let settings: Vec<Settings> = (0..20)
            .map(|i| Settings {
                dialect: if i % 3 == 0 {
                    Dialect::EnGb
                } else {
                    Dialect::EnUs
                },
                ..Settings::default()
            })
            .collect();
        let serial: Vec<Vec<Finding>> = docs
            .iter()
            .zip(&settings)
            .map(|(d, s)| Linter::new(s).unwrap().check(d))
            .collect();
        for jobs in [1, 2, 4] {
            assert_eq!(check_all(&docs, &settings, jobs, false).unwrap(), serial);
        }
    }

    #[test]
    fn an_unreadable_word_file_stops_the_run() {
        let docs = vec![Document::new("a.txt", "text")];
        let settings = vec![Settings {
            word_files: vec!["/no/such/words.txt".into()],
            ..Settings::default()
        }];
        let err = check_all(&docs, &settings, 2, false).unwrap_err();
        assert!(err.to_string().contains("/no/such/words.txt"), "{err}");
    }

    #[test]
    fn a_linter_is_built_once_per_settings_and_again_when_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let words = dir.path().join("w.txt");
        std::fs::write(&words, "Zbigniewska\n").unwrap();
        let desk = Settings {
            word_files: vec![words.clone()],
            ..Settings::default()
        };
        let mut pool = Pool::new();
        let first = pool.get(&desk).unwrap() as *const Linter;
        let again = pool.get(&desk).unwrap() as *const Linter;
        assert_eq!(first, again);
        pool.get(&Settings::default()).unwrap();
        assert_eq!(pool.len(), 2);
        // A longer file is a new stamp: a new linter, the old one dropped.
        std::fs::write(&words, "Zbigniewska\nQaani\n").unwrap();
        let linter = pool.get(&desk).unwrap();
        let doc = Document::new("-", "Qaani met Zbigniewska.");
        assert!(linter.check(&doc).is_empty());
        assert_eq!(pool.len(), 2);
    }

    #[test]
    fn a_lenient_pool_reports_a_problem_once() {
        let desk = Settings {
            word_files: vec!["/no/such/words.txt".into()],
            ..Settings::default()
        };
        let mut pool = Pool::new();
        let key = Key::of(&desk);
        assert_eq!(pool.get_lenient(&key).problems.len(), 1);
        assert!(pool.get_lenient(&key).problems.is_empty());
        assert!(Pool::new().get(&desk).is_err());
    }

    #[test]
    fn the_pool_keeps_at_most_its_limit() {
        let mut pool = Pool::new();
        for i in 0..(MAX_LINTERS + 3) {
            let settings = Settings {
                select: vec![format!("spelling"); i + 1],
                ..Settings::default()
            };
            pool.get(&settings).unwrap();
        }
        assert_eq!(pool.len(), MAX_LINTERS);
    }
}
