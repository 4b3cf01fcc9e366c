//! The server's life (`initialize`, `initialized`, `shutdown`, `exit`) and
//! the dispatch of every request and notification to its handler, each
//! message's params read into their `lsp-types` structure first.

use super::text::Encoding;
use super::{answer, invalid, uri_to_path, Answer, ClientCaps, Failure, Server, ADD_WORD_COMMAND};
use lsp_server::{ErrorCode, Notification, Request};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Exit, Initialized, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, ExecuteCommand, HoverRequest, Initialize, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, ExecuteCommandOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, MessageType, PositionEncodingKind,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

/// A request's params as their `lsp-types` structure.
fn params<P: DeserializeOwned>(method: &str, value: Value) -> Result<P, Failure> {
    serde_json::from_value(value).map_err(|e| invalid(format!("{method}: invalid params: {e}")))
}

impl<W: Write> Server<W> {
    pub(super) fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let answer = self.answer(req);
        self.respond(id, answer);
    }

    fn answer(&mut self, req: Request) -> Answer {
        let method = req.method.as_str();
        if method == Initialize::METHOD {
            if self.initialized {
                return Err(Failure {
                    code: ErrorCode::InvalidRequest,
                    message: "already initialized".into(),
                });
            }
            let p = params(method, req.params)?;
            return answer(self.initialize(p));
        }
        if !self.initialized {
            return Err(Failure {
                code: ErrorCode::ServerNotInitialized,
                message: "initialize first".into(),
            });
        }
        if self.shutdown {
            return Err(Failure {
                code: ErrorCode::InvalidRequest,
                message: "shutting down".into(),
            });
        }
        match method {
            Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            CodeActionRequest::METHOD => self.code_action(params(method, req.params)?),
            HoverRequest::METHOD => self.hover(params(method, req.params)?),
            ExecuteCommand::METHOD => self.execute_command(params(method, req.params)?),
            other => Err(Failure {
                code: ErrorCode::MethodNotFound,
                message: format!("newslint does not handle `{other}`"),
            }),
        }
    }

    /// A notification's params as their `lsp-types` structure; params that
    /// do not fit are logged and the notification ignored.
    fn notified<P: DeserializeOwned>(&mut self, n: Notification) -> Option<P> {
        match serde_json::from_value(n.params) {
            Ok(p) => Some(p),
            Err(e) => {
                self.log(
                    MessageType::WARNING,
                    &format!("newslint: {} with invalid params: {e}: ignored", n.method),
                );
                None
            }
        }
    }

    /// Handles a notification; the exit status on `exit`.
    pub(super) fn notification(&mut self, n: Notification) -> Option<i32> {
        if n.method == Exit::METHOD {
            return Some(if self.shutdown { 0 } else { 1 });
        }
        if !self.initialized {
            // Only `exit` counts before `initialize`.
            return None;
        }
        match n.method.as_str() {
            Initialized::METHOD => self.client_ready(),
            DidOpenTextDocument::METHOD => {
                if let Some(p) = self.notified(n) {
                    self.did_open(p);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = self.notified(n) {
                    self.did_change(p);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = self.notified(n) {
                    self.did_close(p);
                }
            }
            DidChangeConfiguration::METHOD => {
                if let Some(p) = self.notified(n) {
                    self.did_change_configuration(p);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Some(p) = self.notified(n) {
                    self.did_change_watched_files(p);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Some(p) = self.notified(n) {
                    self.did_save(p);
                }
            }
            // `$/cancelRequest`, `$/setTrace` and anything unknown need
            // nothing.
            _ => {}
        }
        None
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        self.initialized = true;
        self.folders = workspace_folders(&params);
        self.root = self.folders.first().cloned();
        if let Some(opts) = &params.initialization_options {
            let root = self.root.clone();
            for problem in self.client.update(opts, root.as_deref()) {
                self.log(MessageType::WARNING, &format!("newslint: {problem}"));
            }
        }
        let caps = &params.capabilities;
        let offers_utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        self.encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let workspace = caps.workspace.as_ref();
        self.caps = ClientCaps {
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        };
        InitializeResult {
            capabilities: capabilities(offers_utf8),
            server_info: Some(ServerInfo {
                name: "newslint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }
}

/// The workspace folders: `workspaceFolders`, else `rootUri`, else the
/// deprecated `rootPath`.
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_to_path(f.uri.as_str()))
        .collect();
    #[allow(deprecated)]
    let root = params
        .root_uri
        .as_ref()
        .and_then(|u| uri_to_path(u.as_str()))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from));
    if let Some(root) = root {
        // The root named first stays first: relative settings use it.
        folders.retain(|f| *f != root);
        folders.insert(0, root);
    }
    folders
}

fn capabilities(utf8: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![ADD_WORD_COMMAND.into()],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}
