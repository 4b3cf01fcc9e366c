//! Checking many stories at once: one worker thread per core, each with
//! its own [`Linter`]s (a linter holds a Hunspell handle, which is neither
//! `Send` nor `Sync`), taking the next story from a shared counter. The
//! findings come back in input order, whatever order the workers finish in.
//! A progress bar is drawn on standard error for long runs on a terminal.

use crate::config::Settings;
use crate::document::Document;
use crate::finding::Finding;
use crate::lint::Linter;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs at least this many stories before a progress bar is worth drawing.
pub const PROGRESS_MIN_STORIES: usize = 64;

/// The findings of `docs[i]` checked with `settings[i]`, in input order.
/// `jobs` workers (at most one per story); a linter that cannot be built
/// (an unreadable word file) stops the run with its one-line reason.
///
/// Made for the command line: the linters are not freed (freeing
/// Hunspell's tables costs milliseconds, and the process exits next).
pub fn check_all(
    docs: &[Document],
    settings: &[Settings],
    jobs: usize,
    progress: bool,
) -> Result<Vec<Vec<Finding>>, String> {
    assert_eq!(docs.len(), settings.len());
    let jobs = jobs.clamp(1, docs.len().max(1));
    let bar = progress.then(|| progress_bar(docs.len()));
    if jobs == 1 {
        // One story (the usual run) or `--jobs 1`: no thread to start.
        let mut linters: HashMap<&Settings, Linter> = HashMap::new();
        let mut out = Vec::with_capacity(docs.len());
        for (doc, settings) in docs.iter().zip(settings) {
            if !linters.contains_key(settings) {
                linters.insert(settings, Linter::new(settings)?);
            }
            out.push(linters[settings].check(doc));
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        std::mem::forget(linters);
        return Ok(out);
    }
    let slots: Vec<Mutex<Option<Vec<Finding>>>> = docs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let error: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                let mut linters: HashMap<&Settings, Linter> = HashMap::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= docs.len() || failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let linter = match linters.get(&settings[i]) {
                        Some(linter) => linter,
                        None => match Linter::new(&settings[i]) {
                            Ok(linter) => linters.entry(&settings[i]).or_insert(linter),
                            Err(reason) => {
                                failed.store(true, Ordering::Relaxed);
                                error.lock().expect("error slot").get_or_insert(reason);
                                break;
                            }
                        },
                    };
                    let findings = linter.check(&docs[i]);
                    *slots[i].lock().expect("result slot") = Some(findings);
                    if let Some(bar) = &bar {
                        bar.inc(1);
                    }
                }
                // Hunspell's tables take a while to free; the process is
                // about to report and exit, so leave that to the OS.
                std::mem::forget(linters);
            });
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(reason) = error.into_inner().expect("error slot") {
        return Err(reason);
    }
    Ok(slots
        .into_iter()
        .map(|slot| slot.into_inner().expect("result slot").unwrap_or_default())
        .collect())
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
    use crate::config::Dialect;

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
        assert!(err.contains("/no/such/words.txt"), "{err}");
    }
}
