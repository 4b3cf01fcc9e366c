//! `newslint lsp`: a Language Server Protocol server over stdio, so an
//! editor shows newslint's findings while the copy editor types.
//!
//! # Why lsp-server + lsp-types
//!
//! Both `lsp-server` 0.10 (+ `lsp-types` 0.97) and `tower-lsp-server` 0.23
//! served diagnostics, quick fixes and an add-word command in the team's
//! spike; `tower-lsp` 0.20 has had no release since 2023. newslint's
//! [`Linter`](crate::lint::Linter) holds a Hunspell handle that is neither
//! `Send` nor `Sync`. tower-lsp-server is async and wants its handlers
//! `Send + Sync`, so the linter would need its own thread and channels;
//! lsp-server is a plain synchronous message loop, so the linter simply
//! lives on the main thread, debouncing is a `recv_timeout`, and there is
//! no async runtime to build. lsp-server is maintained with
//! rust-analyzer. Its stdio reader gives up at the first malformed
//! message, so [`transport`] frames input itself and uses lsp-server's
//! message types. Every request and notification is read into its
//! `lsp-types` structure and every answer is built from them; params that
//! do not fit are answered `InvalidParams` (a request) or logged (a
//! notification).
//!
//! # The parts
//!
//! - this module: the loop, and sending;
//! - `lifecycle`: `initialize`, `shutdown`, `exit`, dispatch;
//! - `documents`: open stories, their text ([`text`]), and when and how
//!   each is checked ([`cache`], `worker`);
//! - `commands`: code actions ([`actions`]), hover, `newslint.addWord`;
//! - `configuration`: the editor's settings ([`options`]), each story's
//!   resolved settings and linter key, cached until a configuration, word
//!   list or Vale rule changes, and the file watchers that say so.
//!
//! # The loop
//!
//! A story just opened (or re-checked after new settings or a new word) gets
//! an exact whole-story check at once. Changes are applied to the stored
//! text as they come (incremental sync); a changed document is checked when
//! no change has come for `debounce` (10 ms): the quick pass re-checks only
//! the paragraphs that changed and reuses the others' findings ([`cache`]);
//! after `full_delay` (400 ms) of quiet an exact whole-story pass follows,
//! on a `worker` thread with its own linter so that keystrokes are still
//! answered while it runs; its result is dropped if the document changed
//! meanwhile, and a document has at most one such pass under way. Messages
//! already waiting are handled before any check, so a version that a
//! queued change has replaced is never checked, and every publication
//! carries the version it was computed for.

mod actions;
pub mod cache;
mod commands;
mod configuration;
mod documents;
mod lifecycle;
pub mod options;
pub mod text;
pub mod transport;
mod worker;

use crate::lint::Pool;
use lsp_server::{ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::{LogMessageParams, MessageType};
use options::ClientOptions;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use text::Encoding;
use transport::{Incoming, Writer};

pub const ADD_WORD_COMMAND: &str = "newslint.addWord";

/// A linter is built for some settings and the files they name as they
/// were: a word file edited outside the editor gives a new key.
pub(crate) type LinterKey = crate::lint::pool::Key;

/// What the client said it can do, at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
struct ClientCaps {
    /// `workspace.workspaceEdit.documentChanges`: edits tied to a version.
    document_changes: bool,
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    watch_files: bool,
}

/// Why a request failed: its JSON-RPC error code and message.
#[derive(Debug)]
struct Failure {
    code: ErrorCode,
    message: String,
}

/// A request's result, or why there is none.
type Answer = Result<Value, Failure>;

fn invalid(message: impl Into<String>) -> Failure {
    Failure {
        code: ErrorCode::InvalidParams,
        message: message.into(),
    }
}

/// A typed result as JSON (a result that cannot be serialised is an
/// internal error, not a panic).
fn answer(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| Failure {
        code: ErrorCode::InternalError,
        message: e.to_string(),
    })
}

struct Server<W: Write> {
    out: Writer<W>,
    encoding: Encoding,
    /// The first workspace folder: relative settings are taken from it,
    /// and an unsaved story uses its configuration.
    root: Option<PathBuf>,
    /// Every workspace folder, as given and resolved (`newslint.addWord`
    /// writes only inside them).
    folders: Vec<PathBuf>,
    client: ClientOptions,
    caps: ClientCaps,
    docs: HashMap<String, documents::Doc>,
    /// This thread's linters, built leniently: what cannot be read is left
    /// out and logged once.
    pool: Pool,
    /// Each story's resolved settings and linter key.
    settings: configuration::SettingsCache,
    /// File watchers asked of the client.
    watch: configuration::Watchers,
    logged: HashSet<String>,
    initialized: bool,
    shutdown: bool,
    /// Where exact passes are sent (none: they run on this thread).
    jobs: Option<crossbeam_channel::Sender<worker::Msg>>,
    /// Milliseconds each publication took from the last change, for the
    /// benchmark (logged when `NEWSLINT_LSP_TIMING` is set).
    timing: bool,
    /// The id of the next request the server sends the client.
    next_id: u64,
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
            folders: Vec::new(),
            client: ClientOptions::default(),
            caps: ClientCaps::default(),
            docs: HashMap::new(),
            pool: Pool::new(),
            settings: configuration::SettingsCache::default(),
            watch: configuration::Watchers::default(),
            logged: HashSet::new(),
            initialized: false,
            shutdown: false,
            jobs: None,
            timing: std::env::var_os("NEWSLINT_LSP_TIMING").is_some(),
            next_id: 1,
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
                        self.log(MessageType::ERROR, &format!("newslint: ignored input: {why}"));
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
                self.log(
                    MessageType::ERROR,
                    "newslint: internal error while handling a message",
                );
                if let Some(id) = id {
                    self.respond(
                        id,
                        Err(Failure {
                            code: ErrorCode::InternalError,
                            message: "internal error".into(),
                        }),
                    );
                }
                // Linter state may be half-built: start afresh.
                self.pool.clear();
                self.settings.clear();
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
            Message::Response(r) => {
                if let Err(e) = r.response_result {
                    self.log(
                        MessageType::LOG,
                        &format!("newslint: the editor refused a request: {}", e.message),
                    );
                }
                None
            }
        }
    }

    fn respond(&mut self, id: RequestId, answer: Answer) {
        let response = match answer {
            Ok(value) => Response::new_ok(id, value),
            Err(f) => Response::new_err(id, f.code as i32, f.message),
        };
        self.out.send(Message::Response(response));
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.out.send(Message::Notification(Notification::new(
            N::METHOD.into(),
            params,
        )));
    }

    /// Sends the client a request; its answer is only logged if it is an
    /// error.
    fn ask<R: lsp_types::request::Request>(&mut self, params: R::Params) {
        let id = RequestId::from(format!("newslint-{}", self.next_id));
        self.next_id += 1;
        self.out.send(Message::Request(lsp_server::Request::new(
            id,
            R::METHOD.into(),
            params,
        )));
    }

    /// `window/logMessage`.
    fn log(&mut self, typ: MessageType, message: &str) {
        self.notify::<lsp_types::notification::LogMessage>(LogMessageParams {
            typ,
            message: message.to_string(),
        });
    }

    fn log_once(&mut self, typ: MessageType, message: &str) {
        if self.logged.insert(message.to_string()) {
            self.log(typ, message);
        }
    }
}

/// The log line for a part of the configuration a linter was built
/// without (a word list, the model, Vale rules).
fn left_out(problem: &crate::lint::BuildError) -> String {
    format!("newslint: {problem}: {}", problem.fallback())
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
}
