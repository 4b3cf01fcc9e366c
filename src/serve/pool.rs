//! The worker threads that lint for the server.
//!
//! Linting is CPU work of milliseconds to seconds, so it never runs on the
//! async executor: a request hands a job to a bounded queue and awaits its
//! answer. Each worker is a plain thread that keeps its own linter pool
//! ([`crate::lint::Pool`]: a linter holds a Hunspell handle, which is
//! neither `Send` nor `Sync`), one linter per distinct [`Settings`], built
//! the first time the worker meets them.
//!
//! The queue is bounded: when every worker is busy and the queue is full,
//! [`Pool::run`] fails at once with [`PoolError::Busy`] (the server answers
//! 503) instead of letting requests pile up without limit. A job whose
//! request has gone (timed out, client hung up) is skipped.

use super::{log_line, ServeError};
use crate::base::Settings;
use crate::lint::pool::Key;
use crate::lint::Linter;
use crossbeam_channel::{Sender, TrySendError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A worker's linters: the crate's linter pool, one per thread.
pub type Linters = crate::lint::Pool;

type Job = Box<dyn FnOnce(&mut Linters) + Send>;

/// The linter for `settings` on this worker thread, built on first use and
/// kept (the pool keeps up to eight). Lenient, as a service should be: a
/// word list deleted since the start is left out (and logged once) rather
/// than failing every request; the server's own settings were built
/// strictly before it listened.
///
/// This is the one place the server gets a linter.
pub fn linter_for<'a>(linters: &'a mut Linters, settings: &Settings) -> &'a Linter {
    let got = linters.get_lenient(&Key::of(settings));
    for problem in &got.problems {
        log_line(serde_json::json!({
            "event": "warning",
            "message": format!("{problem}: {}", problem.fallback()),
        }));
    }
    got.linter
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolError {
    /// Every worker is busy and the queue is full.
    Busy,
    /// The job panicked (a bug): the worker survives, the request fails.
    Failed,
}

/// A fixed set of worker threads behind a bounded queue.
#[derive(Clone)]
pub struct Pool {
    tx: Sender<Job>,
    workers: usize,
    queue: usize,
    /// Jobs accepted and not yet finished (queued or running).
    pending: Arc<AtomicUsize>,
}

impl Pool {
    /// Starts `workers` threads (at least one) with room for `queue` jobs
    /// waiting. Each worker builds the linter for `warm` before taking
    /// jobs, so the first requests do not pay for it; a linter that cannot
    /// be built is an error here, before the server listens.
    pub fn new(workers: usize, queue: usize, warm: &Settings) -> Result<Pool, ServeError> {
        let workers = workers.max(1);
        let (tx, rx) = crossbeam_channel::bounded::<Job>(queue);
        let (ready_tx, ready_rx) =
            crossbeam_channel::bounded::<Result<(), crate::lint::BuildError>>(workers);
        for i in 0..workers {
            let rx = rx.clone();
            let ready = ready_tx.clone();
            let warm = warm.clone();
            std::thread::Builder::new()
                .name(format!("newslint-serve-{i}"))
                .spawn(move || {
                    let mut linters = Linters::new();
                    let built = linters.get(&warm).map(|_| ());
                    let ok = built.is_ok();
                    let _ = ready.send(built);
                    if !ok {
                        return;
                    }
                    while let Ok(job) = rx.recv() {
                        let run = std::panic::AssertUnwindSafe(|| job(&mut linters));
                        if std::panic::catch_unwind(run).is_err() {
                            // The linters may be half-updated: start afresh.
                            linters = Linters::new();
                        }
                    }
                })
                .map_err(ServeError::Start)?;
        }
        drop(ready_tx);
        for _ in 0..workers {
            match ready_rx.recv() {
                Ok(built) => built?,
                Err(_) => {
                    return Err(ServeError::Start(std::io::Error::other(
                        "a worker thread stopped while starting",
                    )))
                }
            }
        }
        Ok(Pool {
            tx,
            workers,
            queue,
            pending: Arc::new(AtomicUsize::new(0)),
        })
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    pub fn queue_capacity(&self) -> usize {
        self.queue
    }

    /// Jobs accepted and not yet finished.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Relaxed)
    }

    /// Runs `f` on a worker with that worker's linters and returns what it
    /// returns; fails at once when the queue is full. If the caller stops
    /// waiting before a worker picks the job up, the job is skipped.
    pub async fn run<T, F>(&self, f: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Linters) -> T + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let pending = Arc::clone(&self.pending);
        let guard = PendingGuard(Arc::clone(&pending));
        let job: Job = Box::new(move |linters| {
            let _guard = guard;
            if tx.is_closed() {
                return;
            }
            let _ = tx.send(f(linters));
        });
        pending.fetch_add(1, Ordering::Relaxed);
        match self.tx.try_send(job) {
            Ok(()) => {}
            // The job (and its guard) come back and are dropped here.
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                return Err(PoolError::Busy)
            }
        }
        rx.await.map_err(|_| PoolError::Failed)
    }
}

/// Counts a job as pending until it is dropped, run or not.
struct PendingGuard(Arc<AtomicUsize>);

impl Drop for PendingGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Dialect;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn a_worker_keeps_a_linter_per_settings_and_goes_on_without_a_lost_word_list() {
        let mut linters = Linters::new();
        let gb = Settings {
            dialect: Dialect::EnGb,
            ..Settings::default()
        };
        linter_for(&mut linters, &Settings::default());
        linter_for(&mut linters, &gb);
        linter_for(&mut linters, &Settings::default());
        assert_eq!(linters.len(), 2);
        let lost = Settings {
            word_files: vec!["/no/such/words.txt".into()],
            ..Settings::default()
        };
        let doc = crate::text::document::Document::new("-", "The troups left.");
        assert_eq!(linter_for(&mut linters, &lost).check(&doc).len(), 1);
    }

    #[test]
    fn a_full_queue_is_refused_at_once_and_a_panic_does_not_kill_the_worker() {
        let rt = runtime();
        let pool = Pool::new(1, 1, &Settings::default()).unwrap();
        let (block_tx, block_rx) = crossbeam_channel::bounded::<()>(0);
        let (started_tx, started_rx) = crossbeam_channel::bounded::<()>(1);
        // Occupy the only worker, then fill the one-job queue.
        let busy = {
            let pool = pool.clone();
            std::thread::spawn(move || {
                runtime().block_on(pool.run(move |_| {
                    started_tx.send(()).unwrap();
                    block_rx.recv().unwrap();
                }))
            })
        };
        started_rx.recv().unwrap();
        let queued = {
            let pool = pool.clone();
            std::thread::spawn(move || runtime().block_on(pool.run(|_| 7)))
        };
        while pool.pending() < 2 {
            std::thread::yield_now();
        }
        assert_eq!(rt.block_on(pool.run(|_| 1)), Err(PoolError::Busy));
        block_tx.send(()).unwrap();
        assert_eq!(busy.join().unwrap(), Ok(()));
        assert_eq!(queued.join().unwrap(), Ok(7));
        // A panicking job fails its request only.
        assert_eq!(
            rt.block_on(pool.run(|_| -> u8 { panic!("boom") })),
            Err(PoolError::Failed)
        );
        let n = rt.block_on(pool.run(|linters| {
            let doc = crate::text::document::Document::new("-", "The troups left.");
            linter_for(linters, &Settings::default()).check(&doc).len()
        }));
        assert_eq!(n, Ok(1));
        while pool.pending() > 0 {
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_linter_that_cannot_be_built_stops_the_start() {
        let bad = Settings {
            word_files: vec!["/no/such/words.txt".into()],
            ..Settings::default()
        };
        let err = Pool::new(2, 4, &bad).err().unwrap().to_string();
        assert!(err.contains("/no/such/words.txt"), "{err}");
    }
}
