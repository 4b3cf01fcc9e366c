//! Open stories and their checks: `didOpen`, `didChange`, `didClose`, when
//! each story is due, the quick pass on this thread, the exact pass on the
//! worker, and publishing diagnostics for the version they describe.
//!
//! A story longer than `maxBytes` is kept up to date (edits to its rope
//! cost the same however long it is) but not checked: it is published
//! empty, with a log line saying why. A story has at most one exact pass
//! with the worker; one falling due meanwhile waits for it to come back.

use super::actions;
use super::cache::ParagraphCache;
use super::text::Text;
use super::worker::{self, Job};
use super::{uri_to_path, LinterKey, Server};
use crate::base::finding::Finding;
use lsp_types::notification::PublishDiagnostics;
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, PublishDiagnosticsParams, TextDocumentItem, Uri,
};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// One open document.
pub(super) struct Doc {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub version: i32,
    /// Edits applied since opening: findings or an exact-pass result for
    /// an older count are stale.
    pub seq: u64,
    pub text: Text,
    /// The findings last computed, and the edit count they are for.
    pub findings: Vec<Finding>,
    pub findings_seq: Option<u64>,
    quick_due: Option<Instant>,
    full_due: Option<Instant>,
    cache: ParagraphCache,
    /// The linter the cache's findings came from.
    cache_key: Option<LinterKey>,
    /// The edit count of the exact pass the worker is doing, if any.
    in_flight: Option<u64>,
    /// An exact pass fell due while one was in flight.
    exact_again: bool,
    /// Why the document is not checked, once logged.
    too_large_logged: bool,
}

impl Doc {
    /// A story as the editor opened it (`item.language_id` says what kind
    /// of text it is). A story just opened gets the exact whole-story
    /// check at once.
    fn open(item: TextDocumentItem, now: Instant) -> Doc {
        let format = format_of(&item.language_id, item.uri.as_str());
        Doc {
            path: uri_to_path(item.uri.as_str()),
            uri: item.uri,
            version: item.version,
            seq: 0,
            text: Text::new(&item.text),
            findings: Vec::new(),
            findings_seq: None,
            quick_due: None,
            full_due: Some(now),
            cache: ParagraphCache::for_format(format),
            cache_key: None,
            in_flight: None,
            exact_again: false,
            too_large_logged: false,
        }
    }

    /// Are the findings for the text as it is now?
    pub(super) fn fresh(&self) -> bool {
        self.findings_seq == Some(self.seq)
    }

    /// Starts the findings' cache afresh if they came from another linter.
    fn use_key(&mut self, key: &LinterKey) {
        if self.cache_key.as_ref() != Some(key) {
            self.cache.clear();
            self.cache_key = Some(key.clone());
        }
    }

    pub(super) fn forget_cache(&mut self) {
        self.cache.clear();
        self.cache_key = None;
    }
}

/// Which check to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// Changed paragraphs only ([`ParagraphCache`]), on this thread.
    Quick,
    /// The whole story, on this thread.
    Exact,
    /// The whole story, on the worker thread when there is one.
    ExactElsewhere,
}

impl<W: Write> Server<W> {
    pub(super) fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let doc = Doc::open(params.text_document, Instant::now());
        self.docs.insert(doc.uri.as_str().to_string(), doc);
    }

    pub(super) fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.as_str();
        let (encoding, debounce) = (self.encoding, self.client.debounce);
        let Some(doc) = self.docs.get_mut(uri) else {
            let message = format!("newslint: didChange for {uri}, which is not open");
            self.log(MessageType::WARNING, &message);
            return;
        };
        for change in &params.content_changes {
            doc.text.apply(change, encoding);
        }
        doc.seq += 1;
        doc.version = params.text_document.version;
        doc.quick_due = Some(Instant::now() + debounce);
        doc.full_due = None;
    }

    pub(super) fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.docs.remove(uri.as_str()) else {
            return;
        };
        if !self.docs.values().any(|d| d.path == doc.path) {
            self.settings.forget(doc.path.as_deref());
        }
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None));
    }

    pub(super) fn next_due(&self) -> Option<Instant> {
        self.docs
            .values()
            .flat_map(|d| [d.quick_due, d.full_due])
            .flatten()
            .min()
    }

    /// Checks every document whose quiet time is over, and publishes.
    pub(super) fn run_due(&mut self) {
        let now = Instant::now();
        let due: Vec<(String, Pass)> = self
            .docs
            .iter()
            .filter_map(|(uri, d)| {
                if d.quick_due.is_some_and(|t| t <= now) {
                    Some((uri.clone(), Pass::Quick))
                } else if d.full_due.is_some_and(|t| t <= now) {
                    Some((uri.clone(), Pass::ExactElsewhere))
                } else {
                    None
                }
            })
            .collect();
        for (uri, pass) in due {
            self.check(&uri, pass);
        }
    }

    /// Checks a story now (or sends it to the worker) and publishes.
    pub(super) fn check(&mut self, uri: &str, pass: Pass) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.quick_due = None;
        doc.full_due = None;
        let path = doc.path.clone();
        if self.too_large(uri) {
            return;
        }
        let started = Instant::now();
        let key = self.key_for(path.as_deref());
        if pass == Pass::ExactElsewhere && self.send_job(uri, &key) {
            return;
        }
        let got = self.pool.get_lenient(&key);
        let problems: Vec<String> = got.problems.iter().map(super::left_out).collect();
        let linter = got.linter;
        let full_delay = self.client.full_delay;
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.use_key(&key);
        let text = doc.text.as_str();
        if pass == Pass::Quick {
            doc.findings = doc.cache.check(linter, text);
            doc.full_due = Some(Instant::now() + full_delay);
        } else {
            doc.findings = doc.cache.check_full(linter, text);
        }
        doc.findings_seq = Some(doc.seq);
        let (hits, misses) = (doc.cache.hits, doc.cache.misses);
        for problem in problems {
            self.log_once(MessageType::ERROR, &problem);
        }
        self.publish(uri);
        if self.timing {
            let kind = if pass == Pass::Quick { "quick" } else { "full" };
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let line = format!(
                "newslint-timing pass={kind} ms={ms:.2} paragraphs_hit={hits} missed={misses}"
            );
            self.log(MessageType::LOG, &line);
        }
    }

    /// A story over `maxBytes` is not checked: its findings are cleared and
    /// published (empty), and why is logged once. `true` if so.
    fn too_large(&mut self, uri: &str) -> bool {
        let max = self.client.max_bytes;
        let Some(doc) = self.docs.get_mut(uri) else {
            return true;
        };
        let len = doc.text.len();
        if len <= max {
            doc.too_large_logged = false;
            return false;
        }
        doc.findings.clear();
        doc.findings_seq = Some(doc.seq);
        doc.forget_cache();
        let first = !std::mem::replace(&mut doc.too_large_logged, true);
        if first {
            let message = format!(
                "newslint: {uri} is {len} bytes, more than maxBytes ({max}): not checked as you type"
            );
            self.log(MessageType::WARNING, &message);
        }
        self.publish(uri);
        true
    }

    /// Sends a story to the worker for the exact pass; `false` when it must
    /// be done here (no worker). With a pass already under way for the
    /// story, this one waits for it to come back.
    fn send_job(&mut self, uri: &str, key: &LinterKey) -> bool {
        let Some(jobs) = &self.jobs else {
            return false;
        };
        let Some(doc) = self.docs.get_mut(uri) else {
            return false;
        };
        doc.use_key(key);
        if doc.in_flight.is_some() {
            doc.exact_again = true;
            return true;
        }
        let job = Job {
            uri: uri.to_string(),
            seq: doc.seq,
            format: doc.cache.format(),
            text: doc.text.as_str().to_string(),
            key: key.clone(),
        };
        if jobs.send(worker::Msg::Check(Box::new(job))).is_err() {
            // The worker has gone: from now on, exact passes run here.
            self.jobs = None;
            return false;
        }
        doc.in_flight = Some(doc.seq);
        true
    }

    /// Publishes an exact pass done by the worker, unless the document has
    /// changed (or closed, or its settings have) since it was sent.
    pub(super) fn finish_exact(&mut self, done: worker::Done) {
        if let Some(error) = &done.error {
            self.log_once(MessageType::ERROR, &format!("newslint: {error}"));
        }
        for line in &done.left_out {
            self.log_once(MessageType::ERROR, line);
        }
        let max = self.client.max_bytes;
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return;
        };
        if doc.in_flight == Some(done.seq) {
            doc.in_flight = None;
            if std::mem::take(&mut doc.exact_again) {
                doc.full_due = Some(Instant::now());
            }
        }
        if doc.seq != done.seq || doc.cache_key.as_ref() != Some(&done.key) || doc.text.len() > max
        {
            return;
        }
        doc.cache.set_exact(doc.text.as_str(), &done.findings);
        doc.findings = done.findings;
        doc.findings_seq = Some(doc.seq);
        // This exact pass is the one a waiting one would have repeated.
        doc.full_due = None;
        self.publish(&done.uri);
        if self.timing {
            let line = format!("newslint-timing pass=full ms={:.2} (worker)", done.ms);
            self.log(MessageType::LOG, &line);
        }
    }

    /// `textDocument/publishDiagnostics` for a story's findings, with the
    /// version they were computed on.
    fn publish(&mut self, uri: &str) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let diagnostics = doc
            .findings
            .iter()
            .map(|f| actions::diagnostic(&doc.text, f, self.encoding, doc.version))
            .collect();
        let params = PublishDiagnosticsParams::new(doc.uri.clone(), diagnostics, Some(doc.version));
        self.notify::<PublishDiagnostics>(params);
    }
}

/// A document's format: its `languageId` (`plaintext`, `markdown`, `html`,
/// `xml`), else its file extension, else plain text. A Word document is
/// not something an editor sends as text.
fn format_of(language_id: &str, uri: &str) -> crate::text::markup::Format {
    use crate::text::markup::Format;
    Format::from_name(language_id)
        .filter(|f| *f != Format::Docx)
        .or_else(|| {
            let path = uri_to_path(uri).unwrap_or_else(|| std::path::PathBuf::from(uri));
            Some(Format::of_path(&path)).filter(|f| *f != Format::Docx)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::transport::Writer;
    use super::*;
    use serde_json::json;

    fn server(root: &std::path::Path) -> Server<Vec<u8>> {
        let mut s = Server::new(Writer::new(Vec::new()));
        s.initialized = true;
        s.root = Some(root.to_path_buf());
        s.folders = vec![root.to_path_buf()];
        s
    }

    fn open(s: &mut Server<Vec<u8>>, uri: &str, text: &str) {
        let item = json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}});
        s.did_open(serde_json::from_value(item).unwrap());
    }

    fn type_x(s: &mut Server<Vec<u8>>, uri: &str, version: i32) {
        let change = json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}],
        });
        s.did_change(serde_json::from_value(change).unwrap());
    }

    /// #12 item 15: a keystroke reads no configuration and no word list;
    /// a change to a watched file does.
    #[test]
    fn keystrokes_reuse_the_resolved_settings() {
        let dir = tempfile::tempdir().unwrap();
        let words = dir.path().join("w.txt");
        std::fs::write(dir.path().join("newslint.toml"), "words = [\"w.txt\"]\n").unwrap();
        std::fs::write(&words, "Qxzwieka\n").unwrap();
        let uri = format!("file://{}", dir.path().join("s.md").display());
        let mut s = server(dir.path());
        open(&mut s, &uri, "Officials named Qxzwieka.\n");
        s.check(&uri, Pass::Exact);
        assert_eq!(s.settings.resolutions, 1);
        for version in 2..50 {
            type_x(&mut s, &uri, version);
            s.check(&uri, Pass::Quick);
        }
        assert_eq!(s.settings.resolutions, 1);
        assert_eq!(s.pool.len(), 1);
        let changed =
            json!({"changes": [{"uri": format!("file://{}", words.display()), "type": 2}]});
        s.did_change_watched_files(serde_json::from_value(changed).unwrap());
        assert_eq!(s.settings.resolutions, 2);
        // A file the settings do not read changes nothing.
        let other = json!({"changes": [{"uri": format!("file://{}/notes.txt", dir.path().display()), "type": 2}]});
        s.did_change_watched_files(serde_json::from_value(other).unwrap());
        assert_eq!(s.settings.resolutions, 2);
    }

    /// #12 item 15: a story has at most one exact pass with the worker; one
    /// falling due meanwhile is sent when that one comes back.
    #[test]
    fn one_exact_pass_at_a_time_per_story() {
        let dir = tempfile::tempdir().unwrap();
        let uri = format!("file://{}", dir.path().join("s.md").display());
        let mut s = server(dir.path());
        let (tx, rx) = crossbeam_channel::unbounded();
        s.jobs = Some(tx);
        open(&mut s, &uri, "The troups left.\n");
        s.check(&uri, Pass::ExactElsewhere);
        assert_eq!(rx.len(), 1);
        for version in 2..10 {
            type_x(&mut s, &uri, version);
            s.check(&uri, Pass::Quick);
            s.check(&uri, Pass::ExactElsewhere);
        }
        assert_eq!(rx.len(), 1);
        let worker::Msg::Check(job) = rx.try_recv().unwrap() else {
            panic!("a job expected");
        };
        assert_eq!(job.seq, 0);
        s.finish_exact(worker::Done {
            uri: job.uri,
            seq: job.seq,
            key: job.key,
            findings: Vec::new(),
            ms: 0.0,
            error: None,
            left_out: Vec::new(),
        });
        // The stale result is dropped and the waiting pass goes out.
        assert!(s.docs[&uri]
            .findings
            .iter()
            .any(|f| f.rule == "spelling.unknown-word"));
        s.run_due();
        let worker::Msg::Check(job) = rx.try_recv().unwrap() else {
            panic!("a job expected");
        };
        assert_eq!(job.seq, 8);
        assert!(rx.is_empty());
    }
}
