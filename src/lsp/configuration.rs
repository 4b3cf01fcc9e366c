//! Configuration: the editor's settings (`initializationOptions`,
//! `workspace/didChangeConfiguration`), each story's settings resolved
//! with its `newslint.toml`, and noticing when the files behind them
//! change.
//!
//! A story's resolved settings and its linter key are kept, so a
//! keystroke reads no configuration and no word list: the key names the
//! linter in the pool, built once. They are resolved again when the
//! editor's settings change, when the client reports a change to a
//! watched file (`workspace/didChangeWatchedFiles`: the server registers
//! watchers for `newslint.toml`, the word lists, the model and the Vale
//! rules when the client supports dynamic registration) or saves one
//! (`didSave`), and, for clients that watch nothing, when a look at the
//! files' sizes and times (at most once a second, no reading) shows one
//! has changed. A new key makes the pool build a new linter, Vale rules
//! and word lists included; linters for settings no longer in use are
//! dropped, here and on the worker, so memory stays level over a long
//! session.

use super::documents::Pass;
use super::options::{self, Resolved};
use super::{uri_to_path, LinterKey, Server};
use lsp_types::request::{RegisterCapability, UnregisterCapability};
use lsp_types::{
    DidChangeConfigurationParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidSaveTextDocumentParams, FileSystemWatcher,
    GlobPattern, MessageType, Registration, RegistrationParams, Unregistration,
    UnregistrationParams,
};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often a story's cached settings are compared with the files they
/// came from (sizes and times only).
const RESTAMP: Duration = Duration::from_secs(1);

const DID_CHANGE_WATCHED_FILES: &str = "workspace/didChangeWatchedFiles";

/// A file's size and modification time, if it can be read.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// What a story's settings were resolved from, as the files were then:
/// when any of it changes, they are resolved again.
#[derive(Debug, PartialEq, Eq)]
struct Sources {
    config: Option<(PathBuf, Stamp)>,
    /// Whether the default word file existed (it is read only if so).
    target: bool,
    /// The settings and the stamps of every file they name.
    key: LinterKey,
}

impl Sources {
    fn of(path: Option<&Path>, root: Option<&Path>, resolved: &Resolved) -> Sources {
        Sources {
            config: options::config_file(path, root).map(|c| {
                let s = stamp(&c);
                (c, s)
            }),
            target: resolved.words_target.is_file(),
            key: LinterKey::of(&resolved.settings),
        }
    }
}

struct Entry {
    resolved: Resolved,
    sources: Sources,
    checked: Instant,
}

/// Each open story's resolved settings, by path (`None`: unsaved).
#[derive(Default)]
pub(super) struct SettingsCache {
    entries: HashMap<Option<PathBuf>, Entry>,
    /// How many times settings were resolved (read from their files).
    pub resolutions: u64,
}

impl SettingsCache {
    pub(super) fn clear(&mut self) {
        self.entries.clear();
    }

    pub(super) fn forget(&mut self, path: Option<&Path>) {
        self.entries.remove(&path.map(Path::to_path_buf));
    }

    /// The linter keys in use.
    fn keys(&self) -> Vec<LinterKey> {
        let mut keys: Vec<LinterKey> = Vec::new();
        for e in self.entries.values() {
            if !keys.contains(&e.sources.key) {
                keys.push(e.sources.key.clone());
            }
        }
        keys
    }

    /// Does any story's configuration read `path` (a `newslint.toml`, a
    /// word list, a desk Hunspell dictionary, the model, a Vale rule)?
    fn reads(&self, path: &Path) -> bool {
        let named = |e: &Entry| {
            let s = &e.resolved.settings;
            e.sources.config.as_ref().is_some_and(|(c, _)| c == path)
                || e.resolved.words_target == path
                || s.word_files.iter().any(|f| f == path)
                || s.hunspell
                    .iter()
                    .any(|d| d == path || d.with_extension("aff") == path)
                || s.model.as_deref() == Some(path)
                || s.vale.as_deref().is_some_and(|v| path.starts_with(v))
        };
        path.file_name()
            .is_some_and(|f| f == crate::config::CONFIG_FILE)
            || self.entries.values().any(named)
    }
}

/// The file watchers the server has asked the client for.
#[derive(Default)]
pub(super) struct Watchers {
    /// Glob patterns wanted so far.
    wanted: BTreeSet<String>,
    /// The registration in force, and what it watches.
    registered: Option<(String, BTreeSet<String>)>,
    /// `initialized` has come: the server may send requests.
    ready: bool,
    count: u64,
}

/// A glob pattern for one file (or folder): its path, or `**/` and its
/// name where the path holds glob syntax.
fn glob_of(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    if s.contains(['*', '?', '[', ']', '{', '}']) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        return format!("**/{name}");
    }
    s
}

/// What to watch for a story's settings.
fn patterns(resolved: &Resolved) -> Vec<String> {
    let s = &resolved.settings;
    let mut out = vec![format!("**/{}", crate::config::CONFIG_FILE)];
    let files = s.word_files.iter().chain(s.model.iter());
    out.extend(files.chain([&resolved.words_target]).map(|f| glob_of(f)));
    for dic in &s.hunspell {
        out.push(glob_of(dic));
        out.push(glob_of(&dic.with_extension("aff")));
    }
    if let Some(vale) = &s.vale {
        out.push(format!("{}/**/*.{{yml,yaml}}", glob_of(vale)));
    }
    out
}

impl<W: Write> Server<W> {
    /// The linter key for a story at `path` (none: unsaved).
    pub(super) fn key_for(&mut self, path: Option<&Path>) -> LinterKey {
        self.entry(path).sources.key.clone()
    }

    /// The settings for a story at `path`.
    pub(super) fn resolved_for(&mut self, path: Option<&Path>) -> Resolved {
        self.entry(path).resolved.clone()
    }

    fn entry(&mut self, path: Option<&Path>) -> &Entry {
        let slot = path.map(Path::to_path_buf);
        let root = self.root.clone();
        let fresh = match self.settings.entries.get_mut(&slot) {
            Some(e) if e.checked.elapsed() < RESTAMP => true,
            Some(e) => {
                let same = Sources::of(path, root.as_deref(), &e.resolved) == e.sources;
                e.checked = Instant::now();
                same
            }
            None => false,
        };
        if !fresh {
            let resolved = options::resolve(path, root.as_deref(), &self.client);
            self.settings.resolutions += 1;
            for problem in &resolved.problems {
                self.log_once(MessageType::WARNING, &format!("newslint: {problem}"));
            }
            self.want_watchers(patterns(&resolved));
            let entry = Entry {
                sources: Sources::of(path, root.as_deref(), &resolved),
                resolved,
                checked: Instant::now(),
            };
            self.settings.entries.insert(slot.clone(), entry);
        }
        &self.settings.entries[&slot]
    }

    pub(super) fn did_change_configuration(&mut self, params: DidChangeConfigurationParams) {
        let before = self.client.clone();
        let root = self.root.clone();
        for problem in self.client.update(&params.settings, root.as_deref()) {
            self.log(MessageType::WARNING, &format!("newslint: {problem}"));
        }
        if self.client != before {
            self.reset();
        }
    }

    pub(super) fn did_change_watched_files(&mut self, params: DidChangeWatchedFilesParams) {
        let relevant = params
            .changes
            .iter()
            .filter_map(|c| uri_to_path(c.uri.as_str()))
            .any(|p| self.settings.reads(&p));
        if relevant {
            self.reset();
        }
    }

    pub(super) fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        let saved = uri_to_path(params.text_document.uri.as_str());
        if saved.is_some_and(|p| self.settings.reads(&p)) {
            self.reset();
        }
    }

    /// Resolves every open story's settings again and checks it now, on
    /// this thread (so the re-check is published before the answer to the
    /// request that caused it). Linters for settings no longer in use are
    /// dropped.
    pub(super) fn reset(&mut self) {
        let before = self.settings.keys();
        self.settings.clear();
        self.logged.clear();
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        let paths: Vec<Option<PathBuf>> = self.docs.values().map(|d| d.path.clone()).collect();
        for path in &paths {
            self.key_for(path.as_deref());
        }
        let after = self.settings.keys();
        let same = before.len() == after.len() && before.iter().all(|k| after.contains(k));
        if !same {
            self.pool.clear();
            if let Some(jobs) = &self.jobs {
                let _ = jobs.send(super::worker::Msg::Clear);
            }
        }
        for uri in uris {
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.forget_cache();
            }
            self.check(&uri, Pass::Exact);
        }
    }

    /// `initialized` has come: watchers may be registered.
    pub(super) fn client_ready(&mut self) {
        self.watch.ready = true;
        self.register_watchers();
    }

    fn want_watchers(&mut self, patterns: Vec<String>) {
        if !self.caps.watch_files {
            return;
        }
        let before = self.watch.wanted.len();
        self.watch.wanted.extend(patterns);
        if self.watch.wanted.len() != before {
            self.register_watchers();
        }
    }

    /// Asks the client to watch everything wanted, replacing the previous
    /// registration.
    fn register_watchers(&mut self) {
        let w = &self.watch;
        if !self.caps.watch_files
            || !w.ready
            || w.wanted.is_empty()
            || w.registered.as_ref().is_some_and(|(_, r)| *r == w.wanted)
        {
            return;
        }
        self.watch.count += 1;
        let id = format!("newslint-watch-{}", self.watch.count);
        let watchers = self
            .watch
            .wanted
            .iter()
            .map(|p| FileSystemWatcher {
                glob_pattern: GlobPattern::String(p.clone()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        self.ask::<RegisterCapability>(RegistrationParams {
            registrations: vec![Registration {
                id: id.clone(),
                method: DID_CHANGE_WATCHED_FILES.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        });
        let old = self
            .watch
            .registered
            .replace((id, self.watch.wanted.clone()));
        if let Some((old, _)) = old {
            self.ask::<UnregisterCapability>(UnregistrationParams {
                unregisterations: vec![Unregistration {
                    id: old,
                    method: DID_CHANGE_WATCHED_FILES.into(),
                }],
            });
        }
    }
}
