//! `newslint lsp`: a Language Server Protocol server over stdio, so an
//! editor shows newslint's findings while the copy editor types.
//!
//! # Why lsp-server + lsp-types
//!
//! Both `lsp-server` 0.10 (+ `lsp-types` 0.97) and `tower-lsp-server` 0.23
//! served diagnostics, quick fixes and an add-word command in the team's
//! spike; `tower-lsp` 0.20 has had no release since 2023. newslint's
//! [`Linter`] holds a Hunspell handle that is neither `Send` nor `Sync`.
//! tower-lsp-server is async and wants its handlers `Send + Sync`, so the
//! linter would need its own thread and channels; lsp-server is a plain
//! synchronous message loop, so the linter simply lives on the main
//! thread, debouncing is a `recv_timeout`, and there is no async runtime
//! to build. lsp-server is maintained with rust-analyzer. Its stdio reader
//! gives up at the first malformed message, so [`transport`] frames input
//! itself and uses lsp-server's message types; `lsp-types` gives the
//! protocol's structures.
//!
//! # The loop
//!
//! A story just opened (or re-checked after new settings or a new word) gets
//! an exact whole-story check at once. Changes are applied to the stored
//! text as they come (incremental sync); a changed document is checked when
//! no change has come for `debounce` (10 ms): the quick pass re-checks only
//! the paragraphs that changed and reuses the others' findings ([`cache`]);
//! after `full_delay` (400 ms) of quiet an exact whole-story pass follows,
//! on a [`worker`] thread with its own linter so that keystrokes are still
//! answered while it runs; its result is dropped if the document changed
//! meanwhile. Messages already waiting are handled before any check, so a
//! version that a queued change has replaced is never checked, and every
//! publication carries the version it was computed for.

mod actions;
pub mod cache;
pub mod options;
pub mod text;
pub mod transport;
mod worker;

use crate::base::finding::Finding;
use crate::lint::Pool;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use options::ClientOptions;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use text::{Encoding, Text};
use transport::{Incoming, Writer};

pub const ADD_WORD_COMMAND: &str = "newslint.addWord";

/// A linter is built for some settings and the files they name as they
/// were: a word file edited outside the editor gives a new key.
pub(crate) type LinterKey = crate::lint::pool::Key;

/// One open document.
struct Doc {
    uri: String,
    path: Option<PathBuf>,
    version: i32,
    /// Edits applied since opening: an exact-pass result for an older
    /// count is stale.
    seq: u64,
    text: Text,
    /// The findings last published, and the version they are for.
    findings: Vec<Finding>,
    quick_due: Option<Instant>,
    full_due: Option<Instant>,
    cache: cache::ParagraphCache,
    /// The linter the cache's findings came from.
    cache_key: Option<LinterKey>,
    /// Why the document is not checked, once logged.
    too_large_logged: bool,
}

struct Server<W: Write> {
    out: Writer<W>,
    encoding: Encoding,
    root: Option<PathBuf>,
    client: ClientOptions,
    docs: HashMap<String, Doc>,
    /// This thread's linters, built leniently: what cannot be read is left
    /// out and logged once.
    pool: Pool,
    logged: HashSet<String>,
    initialized: bool,
    shutdown: bool,
    /// Where exact passes are sent (none: they run on this thread).
    jobs: Option<crossbeam_channel::Sender<worker::Job>>,
    /// Milliseconds each publication took from the last change, for the
    /// benchmark (logged when `NEWSLINT_LSP_TIMING` is set).
    timing: bool,
}

/// Runs the server on stdin and stdout; the exit status is 0 when the
/// client said `shutdown` before `exit`, 1 otherwise.
pub fn run() -> i32 {
    let rx = transport::spawn_reader(std::io::stdin());
    let stdout = std::io::stdout();
    let mut server = Server::new(Writer::new(stdout.lock()));
    let done = match worker::spawn() {
        Some((jobs, done)) => {
            server.jobs = Some(jobs);
            done
        }
        None => crossbeam_channel::never(),
    };
    server.serve(&rx, &done)
}

impl<W: Write> Server<W> {
    fn new(out: Writer<W>) -> Self {
        Server {
            out,
            encoding: Encoding::Utf16,
            root: None,
            client: ClientOptions::default(),
            docs: HashMap::new(),
            pool: Pool::new(),
            logged: HashSet::new(),
            initialized: false,
            shutdown: false,
            jobs: None,
            timing: std::env::var_os("NEWSLINT_LSP_TIMING").is_some(),
        }
    }

    fn serve(
        &mut self,
        rx: &crossbeam_channel::Receiver<Incoming>,
        done: &crossbeam_channel::Receiver<worker::Done>,
    ) -> i32 {
        loop {
            let wait = self
                .next_due()
                .map(|at| at.saturating_duration_since(Instant::now()))
                .unwrap_or(Duration::from_secs(3600));
            crossbeam_channel::select! {
                recv(rx) -> event => match event {
                    Ok(Incoming::Message(msg)) => {
                        if let Some(code) = self.guarded(msg) {
                            return code;
                        }
                    }
                    Ok(Incoming::Malformed(why)) => {
                        self.log(1, &format!("newslint: ignored input: {why}"));
                        self.out.send_parse_error(&why);
                    }
                    Ok(Incoming::Closed) | Err(_) => return 1,
                },
                recv(done) -> result => {
                    if let Ok(result) = result {
                        self.finish_exact(result);
                    }
                }
                default(wait) => {}
            }
            if self.out.broken {
                // The client has gone.
                return 1;
            }
            if rx.is_empty() {
                self.run_due();
            }
        }
    }

    /// Handles one message, turning a panic into a logged error (and an
    /// error response for a request) so one bad message cannot stop the
    /// server. Returns the exit status on `exit`.
    fn guarded(&mut self, msg: Message) -> Option<i32> {
        let id = match &msg {
            Message::Request(r) => Some(r.id.clone()),
            _ => None,
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(msg)));
        match result {
            Ok(exit) => exit,
            Err(_) => {
                self.log(1, "newslint: internal error while handling a message");
                if let Some(id) = id {
                    self.respond_err(id, ErrorCode::InternalError, "internal error".into());
                }
                // Linter state may be half-built: start afresh.
                self.pool.clear();
                None
            }
        }
    }

    fn handle(&mut self, msg: Message) -> Option<i32> {
        match msg {
            Message::Request(req) => {
                self.request(req);
                None
            }
            Message::Notification(n) => self.notification(n),
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        if req.method == "initialize" && self.initialized {
            self.respond_err(id, ErrorCode::InvalidRequest, "already initialized".into());
            return;
        }
        if req.method == "initialize" {
            let result = self.initialize(req.params);
            self.respond(id, result);
            return;
        }
        if !self.initialized {
            self.respond_err(
                id,
                ErrorCode::ServerNotInitialized,
                "initialize first".into(),
            );
            return;
        }
        if self.shutdown {
            self.respond_err(id, ErrorCode::InvalidRequest, "shutting down".into());
            return;
        }
        let result = match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => self.code_action(&req.params),
            "textDocument/hover" => self.hover(&req.params),
            "workspace/executeCommand" => self.execute_command(&req.params),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("newslint does not handle `{other}`"),
            )),
        };
        match result {
            Ok(value) => self.respond(id, value),
            Err((code, message)) => self.respond_err(id, code, message),
        }
    }

    fn notification(&mut self, n: Notification) -> Option<i32> {
        match n.method.as_str() {
            "exit" => return Some(if self.shutdown { 0 } else { 1 }),
            "textDocument/didOpen" => self.did_open(&n.params),
            "textDocument/didChange" => self.did_change(&n.params),
            "textDocument/didClose" => self.did_close(&n.params),
            "workspace/didChangeConfiguration" => {
                let settings = n.params.get("settings").cloned().unwrap_or(Value::Null);
                let root = self.root.clone();
                for problem in self.client.update(&settings, root.as_deref()) {
                    self.log(2, &format!("newslint: {problem}"));
                }
                self.reset();
            }
            // A configuration or word file changed on disk.
            "workspace/didChangeWatchedFiles" => self.reset(),
            "textDocument/didSave" => {
                let saved = n
                    .params
                    .pointer("/textDocument/uri")
                    .and_then(Value::as_str)
                    .and_then(uri_to_path);
                let relevant = saved.is_some_and(|p| {
                    p.file_name()
                        .is_some_and(|f| f == crate::config::CONFIG_FILE)
                        || self.docs.values().any(|d| {
                            d.cache_key
                                .as_ref()
                                .is_some_and(|k| k.settings().word_files.contains(&p))
                        })
                });
                if relevant {
                    self.reset();
                }
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace` and
            // anything unknown need nothing.
            _ => {}
        }
        None
    }

    fn initialize(&mut self, params: Value) -> Value {
        self.initialized = true;
        let root = params
            .get("rootUri")
            .and_then(Value::as_str)
            .or_else(|| {
                params
                    .pointer("/workspaceFolders/0/uri")
                    .and_then(Value::as_str)
            })
            .and_then(uri_to_path)
            .or_else(|| {
                params
                    .get("rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from)
            });
        self.root = root;
        if let Some(opts) = params.get("initializationOptions") {
            let root = self.root.clone();
            for problem in self.client.update(opts, root.as_deref()) {
                self.log(2, &format!("newslint: {problem}"));
            }
        }
        let offers_utf8 = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        self.encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        json!({
            "capabilities": {
                "positionEncoding": if offers_utf8 { "utf-8" } else { "utf-16" },
                "textDocumentSync": { "openClose": true, "change": 2 },
                "hoverProvider": true,
                "codeActionProvider": { "codeActionKinds": ["quickfix"] },
                "executeCommandProvider": { "commands": [ADD_WORD_COMMAND] },
            },
            "serverInfo": { "name": "newslint", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    fn did_open(&mut self, params: &Value) {
        let doc = params.get("textDocument");
        let (Some(uri), Some(text)) = (
            doc.and_then(|d| d.get("uri")).and_then(Value::as_str),
            doc.and_then(|d| d.get("text")).and_then(Value::as_str),
        ) else {
            self.log(2, "newslint: didOpen without a uri and text: ignored");
            return;
        };
        let version = doc
            .and_then(|d| d.get("version"))
            .and_then(Value::as_i64)
            .unwrap_or(0) as i32;
        let now = Instant::now();
        self.docs.insert(
            uri.to_string(),
            Doc {
                uri: uri.to_string(),
                path: uri_to_path(uri),
                version,
                seq: 0,
                text: Text::new(text.to_string()),
                findings: Vec::new(),
                // A story just opened gets the exact whole-story check.
                quick_due: None,
                full_due: Some(now),
                cache: cache::ParagraphCache::for_format(format_of(doc, uri)),
                cache_key: None,
                too_large_logged: false,
            },
        );
    }

    fn did_change(&mut self, params: &Value) {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let changes: Vec<lsp_types::TextDocumentContentChangeEvent> = match params
            .get("contentChanges")
            .cloned()
            .map(serde_json::from_value)
        {
            Some(Ok(c)) => c,
            _ => {
                self.log(
                    2,
                    "newslint: didChange without valid contentChanges: ignored",
                );
                return;
            }
        };
        let encoding = self.encoding;
        let debounce = self.client.debounce;
        let Some(doc) = self.docs.get_mut(uri) else {
            self.log(
                2,
                &format!("newslint: didChange for {uri}, which is not open"),
            );
            return;
        };
        for change in &changes {
            doc.text.apply(change, encoding);
        }
        doc.seq += 1;
        if let Some(v) = params
            .pointer("/textDocument/version")
            .and_then(Value::as_i64)
        {
            doc.version = v as i32;
        }
        doc.quick_due = Some(Instant::now() + debounce);
        doc.full_due = None;
    }

    fn did_close(&mut self, params: &Value) {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if self.docs.remove(uri).is_some() {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri, "diagnostics": [] }),
            );
        }
    }

    /// Forgets linters and caches (new settings or words) and checks every
    /// open document again now.
    fn reset(&mut self) {
        self.pool.clear();
        self.logged.clear();
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        for uri in uris {
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.cache.clear();
            }
            // At once, on this thread: the re-check is published before the
            // answer to the request that caused it.
            self.check(&uri, Pass::Exact);
        }
    }

    fn next_due(&self) -> Option<Instant> {
        self.docs
            .values()
            .flat_map(|d| [d.quick_due, d.full_due])
            .flatten()
            .min()
    }

    /// Checks every document whose quiet time is over, and publishes.
    fn run_due(&mut self) {
        let now = Instant::now();
        let due: Vec<(String, Pass)> = self
            .docs
            .values()
            .filter_map(|d| {
                if d.quick_due.is_some_and(|t| t <= now) {
                    Some((d.uri.clone(), Pass::Quick))
                } else if d.full_due.is_some_and(|t| t <= now) {
                    Some((d.uri.clone(), Pass::ExactElsewhere))
                } else {
                    None
                }
            })
            .collect();
        for (uri, pass) in due {
            self.check(&uri, pass);
        }
    }

    fn check(&mut self, uri: &str, pass: Pass) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let started = Instant::now();
        let resolved = options::resolve(doc.path.as_deref(), self.root.as_deref(), &self.client);
        for problem in &resolved.problems {
            self.log_once(2, &format!("newslint: {problem}"));
        }
        let max = self.client.max_bytes;
        let key = LinterKey::of(&resolved.settings);
        if pass == Pass::ExactElsewhere && self.send_job(uri, &key) {
            return;
        }
        let got = self.pool.get_lenient(&key);
        for problem in &got.problems {
            let line = format!("newslint: {problem}: {}", problem.fallback());
            self.out.send(log_message(1, &line));
        }
        let linter = got.linter;
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        if doc.cache_key.as_ref() != Some(&key) {
            doc.cache.clear();
            doc.cache_key = Some(key.clone());
        }
        let full_delay = self.client.full_delay;
        doc.quick_due = None;
        doc.full_due = None;
        let mut too_large = None;
        if doc.text.text.len() > max {
            doc.findings.clear();
            if !doc.too_large_logged {
                doc.too_large_logged = true;
                too_large = Some(format!(
                    "newslint: {uri} is {} bytes, more than maxBytes ({max}): not checked as you type",
                    doc.text.text.len()
                ));
            }
        } else if pass != Pass::Quick {
            doc.findings = doc.cache.check_full(linter, &doc.text.text);
        } else {
            doc.findings = doc.cache.check(linter, &doc.text.text);
            doc.full_due = Some(Instant::now() + full_delay);
        }
        let diagnostics: Vec<Value> = doc
            .findings
            .iter()
            .map(|f| actions::diagnostic(&doc.text, f, self.encoding))
            .collect();
        let params = json!({ "uri": uri, "version": doc.version, "diagnostics": diagnostics });
        let (hits, misses) = (doc.cache.hits, doc.cache.misses);
        if let Some(message) = too_large {
            self.log(2, &message);
        }
        self.notify("textDocument/publishDiagnostics", params);
        if self.timing {
            self.log(
                4,
                &format!(
                    "newslint-timing pass={} ms={:.2} paragraphs_hit={hits} missed={misses}",
                    if pass == Pass::Quick { "quick" } else { "full" },
                    started.elapsed().as_secs_f64() * 1000.0
                ),
            );
        }
    }

    /// Sends a story to the worker for the exact pass; `false` when it must
    /// be done here (no worker, or a story over `maxBytes`).
    fn send_job(&mut self, uri: &str, key: &LinterKey) -> bool {
        let max = self.client.max_bytes;
        let Some(jobs) = &self.jobs else {
            return false;
        };
        let Some(doc) = self.docs.get_mut(uri) else {
            return false;
        };
        if doc.text.text.len() > max {
            return false;
        }
        if doc.cache_key.as_ref() != Some(key) {
            doc.cache.clear();
            doc.cache_key = Some(key.clone());
        }
        doc.quick_due = None;
        doc.full_due = None;
        let job = worker::Job {
            uri: uri.to_string(),
            seq: doc.seq,
            text: doc.text.text.clone(),
            format: doc.cache.format(),
            key: key.clone(),
        };
        let sent = jobs.send(job).is_ok();
        if !sent {
            // The worker has gone: from now on, exact passes run here.
            self.jobs = None;
        }
        sent
    }

    /// Publishes an exact pass done by the worker, unless the document has
    /// changed (or closed, or its settings have) since it was sent.
    fn finish_exact(&mut self, done: worker::Done) {
        if let Some(error) = &done.error {
            self.log_once(1, &format!("newslint: {error}"));
        }
        let max = self.client.max_bytes;
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return;
        };
        if doc.seq != done.seq
            || doc.cache_key.as_ref() != Some(&done.key)
            || doc.text.text.len() > max
        {
            return;
        }
        doc.cache.set_exact(&doc.text.text, &done.findings);
        doc.findings = done.findings;
        let diagnostics: Vec<Value> = doc
            .findings
            .iter()
            .map(|f| actions::diagnostic(&doc.text, f, self.encoding))
            .collect();
        let params = json!({ "uri": done.uri, "version": doc.version, "diagnostics": diagnostics });
        self.notify("textDocument/publishDiagnostics", params);
        if self.timing {
            self.log(
                4,
                &format!("newslint-timing pass=full ms={:.2} (worker)", done.ms),
            );
        }
    }

    fn code_action(&mut self, params: &Value) -> Result<Value, (ErrorCode, String)> {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("codeAction without textDocument.uri"))?;
        let Some(doc) = self.docs.get(uri) else {
            return Ok(json!([]));
        };
        Ok(Value::Array(actions::code_actions(
            uri,
            &doc.text,
            &doc.findings,
            params,
            self.encoding,
        )))
    }

    fn hover(&mut self, params: &Value) -> Result<Value, (ErrorCode, String)> {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("hover without textDocument.uri"))?;
        let position: lsp_types::Position = params
            .get("position")
            .cloned()
            .and_then(|p| serde_json::from_value(p).ok())
            .ok_or_else(|| invalid("hover without a valid position"))?;
        let Some(doc) = self.docs.get(uri) else {
            return Ok(Value::Null);
        };
        Ok(actions::hover(
            &doc.text,
            &doc.findings,
            position,
            self.encoding,
        ))
    }

    fn execute_command(&mut self, params: &Value) -> Result<Value, (ErrorCode, String)> {
        let command = params.get("command").and_then(Value::as_str).unwrap_or("");
        if command != ADD_WORD_COMMAND {
            return Err(invalid(&format!("unknown command `{command}`")));
        }
        let arg = params
            .pointer("/arguments/0")
            .cloned()
            .unwrap_or(Value::Null);
        let word = arg
            .get("word")
            .and_then(Value::as_str)
            .or_else(|| arg.as_str())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.contains(['\n', '#']))
            .ok_or_else(|| invalid("newslint.addWord needs a word"))?
            .to_string();
        let uri = arg.get("uri").and_then(Value::as_str);
        let path = uri
            .and_then(|u| self.docs.get(u))
            .and_then(|d| d.path.clone())
            .or_else(|| uri.and_then(uri_to_path));
        let resolved = options::resolve(path.as_deref(), self.root.as_deref(), &self.client);
        let target = resolved.words_target;
        if let Err(e) = append_word(&target, &word) {
            let message = format!("newslint: cannot add `{word}` to {}: {e}", target.display());
            self.log(1, &message);
            return Err((ErrorCode::InternalError, message));
        }
        self.log(
            3,
            &format!("newslint: added `{word}` to {}", target.display()),
        );
        self.reset();
        Ok(Value::Null)
    }

    fn respond(&mut self, id: RequestId, result: Value) {
        self.out
            .send(Message::Response(Response::new_ok(id, result)));
    }

    fn respond_err(&mut self, id: RequestId, code: ErrorCode, message: String) {
        self.out.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.out.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    /// `window/logMessage`: 1 error, 2 warning, 3 info, 4 log.
    fn log(&mut self, level: u8, message: &str) {
        self.out.send(log_message(level, message));
    }

    fn log_once(&mut self, level: u8, message: &str) {
        if self.logged.insert(message.to_string()) {
            self.log(level, message);
        }
    }
}

/// A `window/logMessage` notification: 1 error, 2 warning, 3 info, 4 log.
fn log_message(level: u8, message: &str) -> Message {
    Message::Notification(Notification::new(
        "window/logMessage".into(),
        json!({ "type": level, "message": message }),
    ))
}

/// Which check to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Changed paragraphs only ([`cache`]), on this thread.
    Quick,
    /// The whole story, on this thread.
    Exact,
    /// The whole story, on the worker thread when there is one.
    ExactElsewhere,
}

fn invalid(message: &str) -> (ErrorCode, String) {
    (ErrorCode::InvalidParams, message.to_string())
}

/// Appends `word` on a line of its own, creating the file if needed.
fn append_word(path: &Path, word: &str) -> std::io::Result<()> {
    let existing = std::fs::read(path).unwrap_or_default();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    if !existing.is_empty() && !existing.ends_with(b"\n") {
        file.write_all(b"\n")?;
    }
    writeln!(file, "{word}")
}

/// A document's format: its `languageId` (`plaintext`, `markdown`, `html`,
/// `xml`), else its file extension, else plain text.
fn format_of(doc: Option<&Value>, uri: &str) -> crate::text::markup::Format {
    use crate::text::markup::Format;
    doc.and_then(|d| d.get("languageId"))
        .and_then(Value::as_str)
        .and_then(Format::from_name)
        .filter(|f| *f != Format::Docx)
        .or_else(|| {
            let path = uri_to_path(uri).unwrap_or_else(|| PathBuf::from(uri));
            Some(Format::of_path(&path)).filter(|f| *f != Format::Docx)
        })
        .unwrap_or_default()
}

/// The local path of a `file:` URI (percent-escapes decoded).
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/x` or `file://localhost/home/x`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let s = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let s = match s.as_bytes() {
        [b'/', _, b':', ..] if cfg!(windows) => s[1..].to_string(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            uri_to_path("file:///tmp/My%20Story%C3%A9.md"),
            Some(PathBuf::from("/tmp/My Storyé.md"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file:///x%2"), Some(PathBuf::from("/x%2")));
    }

    #[test]
    fn words_are_appended_on_their_own_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.txt");
        append_word(&path, "Qaani").unwrap();
        std::fs::write(&path, "Qaani\nKharkiv").unwrap();
        append_word(&path, "Zelenskyy").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Qaani\nKharkiv\nZelenskyy\n"
        );
    }
}
