//! The exact whole-story pass, on a thread of its own.
//!
//! A whole-story check of a long story takes far longer than the quick,
//! paragraph-cached pass (about 120 ms for 2,000 words with the context
//! model), and the main loop must keep answering keystrokes meanwhile. The
//! [`Linter`] holds a Hunspell handle that cannot cross threads, so the
//! worker builds and keeps its own linters; only the story's text goes in
//! and findings come out. Of several jobs queued for one document only the
//! newest is done, and the main loop drops a result whose document has
//! changed since the job was sent. The main loop sends at most one job
//! per document at a time, and [`Msg::Clear`] when the settings in use
//! change, so the worker keeps no linter that nothing needs.

use super::LinterKey;
use crate::base::finding::Finding;
use crate::lint::Pool;
use crossbeam_channel::{Receiver, Sender};
use std::time::Instant;

/// What the main loop sends the worker.
pub(super) enum Msg {
    Check(Box<Job>),
    /// Drop every linter (the settings in use have changed).
    Clear,
}

pub(super) struct Job {
    pub uri: String,
    /// The document's edit count when the job was sent.
    pub seq: u64,
    pub text: String,
    pub format: crate::text::markup::Format,
    pub key: LinterKey,
}

pub(super) struct Done {
    pub uri: String,
    pub seq: u64,
    pub key: LinterKey,
    pub findings: Vec<Finding>,
    pub ms: f64,
    /// Something to log (the check failed).
    pub error: Option<String>,
    /// What the linter left out, if it was built for this job (the main
    /// thread logs each once, as it does for its own linters).
    pub left_out: Vec<String>,
}

/// Starts the worker; `None` when no thread can be started (the server
/// then does the exact pass on its own thread).
pub(super) fn spawn() -> Option<(Sender<Msg>, Receiver<Done>)> {
    let (job_tx, job_rx) = crossbeam_channel::unbounded();
    let (done_tx, done_rx) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("newslint-lsp-exact".into())
        .spawn(move || work(&job_rx, &done_tx))
        .ok()?;
    Some((job_tx, done_rx))
}

fn work(jobs: &Receiver<Msg>, done: &Sender<Done>) {
    let mut pool = Pool::new();
    while let Ok(first) = jobs.recv() {
        // Only the newest job for each document is worth doing.
        let mut latest: Vec<Box<Job>> = Vec::new();
        for msg in std::iter::once(first).chain(jobs.try_iter()) {
            match msg {
                Msg::Clear => pool.clear(),
                Msg::Check(job) => match latest.iter_mut().find(|j| j.uri == job.uri) {
                    Some(older) => *older = job,
                    None => latest.push(job),
                },
            }
        }
        for job in latest {
            let started = Instant::now();
            let got = pool.get_lenient(&job.key);
            let left_out = got.problems.iter().map(super::left_out).collect();
            let linter = got.linter;
            let mut error = None;
            let findings = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                super::cache::document(&job.text, job.format)
                    .map_or_else(Vec::new, |d| linter.check(&d))
            }))
            .unwrap_or_else(|_| {
                error = Some("internal error in the whole-story check".into());
                Vec::new()
            });
            if error.is_some() {
                pool.clear();
            }
            let result = Done {
                uri: job.uri,
                seq: job.seq,
                key: job.key,
                findings,
                ms: started.elapsed().as_secs_f64() * 1000.0,
                error,
                left_out,
            };
            if done.send(result).is_err() {
                return;
            }
        }
    }
}
