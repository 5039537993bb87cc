//! `responsify server`: a Language Server Protocol server over stdio.
//!
//! The same engine and configuration discovery as `check`, one document (or notebook) at a
//! time: diagnostics on open, change (debounced) and save; a quick fix per request (the
//! whole migration unit or nothing), fix-all for the safe fixes, suppressions; hover with
//! the rule's documentation. Notebooks synced as notebook documents (LSP 3.17) are checked
//! as `check` checks an `.ipynb` file, their Python cells together, with diagnostics, fixes
//! and hover on each cell's document. A fix edits the document it is asked on (or the
//! notebook's cells): requests that span files wait for repository-wide units (#12).
//! Built on rust-analyzer's `lsp-server` (a synchronous loop over a channel: no async
//! runtime for a server whose work is CPU-bound).

mod code_actions;
mod diagnostics;
mod documents;
mod hover;
mod notebooks;
pub mod positions;

use crate::config::{Overrides, Resolver};
use crate::engine;
use crate::settings::Settings;
use code_actions::{Target, Texts};
use diagnostics::{NotebookReport, Place, Report};
use documents::Document;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionParams, DidChangeNotebookDocumentParams, DidChangeTextDocumentParams,
    DidCloseNotebookDocumentParams, DidCloseTextDocumentParams, DidOpenNotebookDocumentParams,
    DidOpenTextDocumentParams, DidSaveNotebookDocumentParams, DidSaveTextDocumentParams, Hover,
    HoverContents, HoverParams, MarkupContent, MarkupKind, Position, PublishDiagnosticsParams, Uri,
};
use notebooks::Notebook;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub use code_actions::{FIX_ALL, MIGRATE};

/// How long after the last keystroke a changed document is checked again.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Run the server on standard input and output until the client says `exit`. An error is a
/// broken connection or protocol.
pub fn run() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    let result = json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "responsify", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialize: {e}"))?;
    let mut server = Server::new(connection, &params);
    // `initialize_finish` has waited for `initialized`: the client can be asked now.
    server.ask_configuration();
    let clean = server.main_loop();
    drop(server);
    match clean {
        // The reader thread has stopped at `exit`: wait for both threads.
        Ok(true) => io.join().map_err(|e| e.to_string()),
        Ok(false) => Err("the client exited without asking for shutdown first".into()),
        Err(e) => Err(e),
    }
}

fn capabilities() -> Value {
    json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": {
            "openClose": true,
            "change": 2,
            "save": { "includeText": false },
        },
        "codeActionProvider": {
            "codeActionKinds": ["quickfix", FIX_ALL],
            "resolveProvider": false,
        },
        "hoverProvider": true,
        // Notebooks come as notebook documents, their Python cells checked together as
        // `check` checks an `.ipynb` file.
        "notebookDocumentSync": {
            "notebookSelector": [{
                "notebook": { "notebookType": notebooks::JUPYTER },
                "cells": [{ "language": "python" }],
            }],
            "save": true,
        },
    })
}

/// The client's settings (`initializationOptions`, or the `responsify` section of
/// `workspace/configuration`).
#[derive(Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct ClientSettings {
    select: Vec<String>,
    ignore: Vec<String>,
    /// Ignore every configuration file.
    isolated: bool,
    /// Milliseconds to wait after an edit before checking again.
    debounce_ms: Option<u64>,
}

struct Server {
    connection: Connection,
    documents: HashMap<Uri, Document>,
    reports: HashMap<Uri, Report>,
    notebooks: HashMap<Uri, Notebook>,
    notebook_reports: HashMap<Uri, NotebookReport>,
    /// Documents and notebooks changed and waiting for their check, with when it is due.
    pending: HashMap<Uri, Instant>,
    resolver: Resolver,
    defaults: Settings,
    debounce: Duration,
    asks_configuration: bool,
    next_id: i32,
}

impl Server {
    fn new(connection: Connection, params: &Value) -> Server {
        let asks_configuration = params
            .pointer("/capabilities/workspace/configuration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut server = Server {
            connection,
            documents: HashMap::new(),
            reports: HashMap::new(),
            notebooks: HashMap::new(),
            notebook_reports: HashMap::new(),
            pending: HashMap::new(),
            resolver: Resolver::new(Overrides::default(), Settings::default()),
            defaults: Settings::default(),
            debounce: DEBOUNCE,
            asks_configuration,
            next_id: 0,
        };
        if let Some(options) = params.get("initializationOptions") {
            server.configure(options);
        }
        server
    }

    /// Take the client's settings; a value that is not ours is logged and ignored.
    fn configure(&mut self, value: &Value) {
        let value = value.get("responsify").unwrap_or(value);
        if value.is_null() {
            return;
        }
        let settings: ClientSettings = match serde_json::from_value(value.clone()) {
            Ok(s) => s,
            Err(e) => {
                self.log(format!("ignoring the client's settings: {e}"));
                return;
            }
        };
        let defaults = match Settings::new(&settings.select, &settings.ignore) {
            Ok(d) => d,
            Err(e) => {
                self.log(format!("ignoring the client's settings: {e}"));
                return;
            }
        };
        if let Some(ms) = settings.debounce_ms {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        let overrides = Overrides {
            select: settings.select,
            ignore: settings.ignore,
            no_config: settings.isolated,
            ..Overrides::default()
        };
        self.resolver = Resolver::new(overrides, Settings::default());
        self.defaults = defaults;
    }

    /// `Ok(true)` after `shutdown` and `exit`, `Ok(false)` on `exit` alone.
    fn main_loop(&mut self) -> Result<bool, String> {
        loop {
            let due = self.pending.values().min().copied();
            let message = match due {
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                        Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(false),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(false),
                },
            };
            match message {
                None => {}
                Some(Message::Request(request)) => {
                    match self.connection.handle_shutdown(&request) {
                        Ok(true) => return Ok(true),
                        Ok(false) => self.on_request(request),
                        Err(e) => return Err(e.to_string()),
                    }
                }
                Some(Message::Notification(n)) if n.method == "exit" => return Ok(false),
                Some(Message::Notification(n)) => self.on_notification(n),
                Some(Message::Response(r)) => self.on_response(r),
            }
            self.check_due();
        }
    }

    fn send(&self, message: Message) {
        let _ = self.connection.sender.send(message);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn log(&self, message: String) {
        self.notify(
            "window/logMessage",
            json!({ "type": 4, "message": message }),
        );
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        let answer =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(request)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "internal error (a bug in responsify)".into(),
            ),
        };
        self.send(Message::Response(response));
    }

    fn answer(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        match request.method.as_str() {
            "textDocument/codeAction" => {
                let p: CodeActionParams = serde_json::from_value(request.params).map_err(bad)?;
                let actions = self.code_actions(&p);
                Ok(serde_json::to_value(actions).unwrap_or(Value::Null))
            }
            "textDocument/hover" => {
                let p: HoverParams = serde_json::from_value(request.params).map_err(bad)?;
                let at = p.text_document_position_params;
                Ok(match self.hover(&at.text_document.uri, at.position) {
                    Some(markdown) => serde_json::to_value(Hover {
                        contents: HoverContents::Markup(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: markdown,
                        }),
                        range: None,
                    })
                    .unwrap_or(Value::Null),
                    None => Value::Null,
                })
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("responsify does not handle `{}`", request.method),
            )),
        }
    }

    /// The code actions asked for: on a document, or on a cell of an open notebook (`None`
    /// for anything else, which the client shows as no actions).
    fn code_actions(&mut self, p: &CodeActionParams) -> Option<Vec<CodeAction>> {
        let uri = &p.text_document.uri;
        let only = p.context.only.as_deref();
        if self.fresh(uri) {
            let (doc, report) = (&self.documents[uri], &self.reports[uri]);
            let Some(front_end) = report.front_end else {
                return Some(Vec::new());
            };
            let place = Place {
                uri,
                text: &doc.text,
                findings: &report.findings,
            };
            let diagnostics = diagnostics::all_to_lsp(&[place]).pop().unwrap_or_default();
            let target = Target {
                uri,
                text: &doc.text,
                report,
                diagnostics: &diagnostics,
                comment: code_actions::comment_marker(&doc.name()),
                elsewhere: &[],
            };
            let texts = Texts::Document {
                uri,
                front_end,
                text: &doc.text,
            };
            return Some(code_actions::actions(&target, &texts, p.range, only));
        }
        let (notebook_uri, index) = self.fresh_cell(uri)?;
        let notebook = &self.notebooks[&notebook_uri];
        let report = &self.notebook_reports[&notebook_uri];
        let cells = notebook.python_cells();
        let places = diagnostics::cell_places(&cells, report);
        let diagnostics = diagnostics::all_to_lsp(&places).swap_remove(index);
        let elsewhere: Vec<&engine::Finding> = report
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .flat_map(|(_, (_, cell))| &cell.findings)
            .collect();
        let target = Target {
            uri,
            text: &cells[index].1.text,
            report: &report.cells[index].1,
            diagnostics: &diagnostics,
            comment: Some("#"),
            elsewhere: &elsewhere,
        };
        let texts = Texts::Cells(
            cells
                .iter()
                .map(|(uri, doc)| (*uri, doc.text.as_str()))
                .collect(),
        );
        Some(code_actions::actions(&target, &texts, p.range, only))
    }

    /// The hover at `position` of a document or a notebook cell.
    fn hover(&mut self, uri: &Uri, position: Position) -> Option<String> {
        if self.fresh(uri) {
            let (text, report) = (&self.documents[uri].text, &self.reports[uri]);
            let at = positions::Lines::new(text).offset(text, position);
            return hover::hover(report, text, at, &[]);
        }
        let (notebook_uri, index) = self.fresh_cell(uri)?;
        let notebook = &self.notebooks[&notebook_uri];
        let cells = &self.notebook_reports[&notebook_uri].cells;
        let elsewhere: Vec<hover::Elsewhere> = cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .filter_map(|(_, (cell, report))| {
                Some(hover::Elsewhere {
                    cell: format!("cell {}", notebook.number(cell)?),
                    text: &notebook.cell(cell)?.text,
                    findings: &report.findings,
                })
            })
            .collect();
        let (cell, report) = &cells[index];
        let text = &notebook.cell(cell)?.text;
        let at = positions::Lines::new(text).offset(text, position);
        hover::hover(report, text, at, &elsewhere)
    }

    /// For a Python cell of an open notebook: the notebook, with its report made current,
    /// and the cell's place among the report's cells.
    fn fresh_cell(&mut self, uri: &Uri) -> Option<(Uri, usize)> {
        let notebook_uri = self
            .notebooks
            .iter()
            .find(|(_, notebook)| notebook.has_cell(uri))
            .map(|(notebook_uri, _)| notebook_uri.clone())?;
        let stale = self.pending.contains_key(&notebook_uri)
            || self
                .notebook_reports
                .get(&notebook_uri)
                .is_none_or(|r| r.revision != self.notebooks[&notebook_uri].revision);
        if stale {
            self.publish(&notebook_uri);
        }
        let index = self.notebook_reports[&notebook_uri]
            .cells
            .iter()
            .position(|(cell, _)| cell == uri)?;
        Some((notebook_uri, index))
    }

    /// Make sure the document's report is of its current text; `false` for a document the
    /// client never opened.
    fn fresh(&mut self, uri: &Uri) -> bool {
        let Some(doc) = self.documents.get(uri) else {
            return false;
        };
        let stale = self.pending.contains_key(uri)
            || self
                .reports
                .get(uri)
                .is_none_or(|r| r.version != doc.version);
        if stale {
            self.publish(uri);
        }
        true
    }

    fn on_notification(&mut self, n: Notification) {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle_notification(n)));
        if outcome.is_err() {
            self.log("internal error (a bug in responsify) handling a notification".into());
        }
    }

    fn handle_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "workspace/didChangeConfiguration" => {
                let settings = n.params.get("settings").cloned().unwrap_or(Value::Null);
                if settings.get("responsify").is_some() {
                    self.configure(&settings);
                    self.recheck_all();
                } else {
                    self.ask_configuration();
                }
            }
            "textDocument/didOpen" => {
                let Some(p) = self.params::<DidOpenTextDocumentParams>(&n.method, n.params) else {
                    return;
                };
                let d = p.text_document;
                let uri = d.uri.clone();
                self.documents.insert(
                    uri.clone(),
                    Document::new(&d.uri, d.text, d.version, d.language_id),
                );
                self.publish(&uri);
            }
            "textDocument/didChange" => {
                let Some(p) = self.params::<DidChangeTextDocumentParams>(&n.method, n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(doc) = self.documents.get_mut(&uri) {
                    doc.apply(p.content_changes, p.text_document.version);
                    self.pending.insert(uri, Instant::now() + self.debounce);
                }
            }
            "textDocument/didSave" => {
                let Some(p) = self.params::<DidSaveTextDocumentParams>(&n.method, n.params) else {
                    return;
                };
                if let Some(text) = p.text {
                    if let Some(doc) = self.documents.get_mut(&p.text_document.uri) {
                        doc.text = text;
                    }
                }
                if self.documents.contains_key(&p.text_document.uri) {
                    self.publish(&p.text_document.uri);
                }
            }
            "textDocument/didClose" => {
                let Some(p) = self.params::<DidCloseTextDocumentParams>(&n.method, n.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                self.documents.remove(&uri);
                self.reports.remove(&uri);
                self.pending.remove(&uri);
                self.clear(uri);
            }
            "notebookDocument/didOpen" => {
                let Some(p) = self.params::<DidOpenNotebookDocumentParams>(&n.method, n.params)
                else {
                    return;
                };
                let uri = p.notebook_document.uri.clone();
                self.notebooks.insert(uri.clone(), Notebook::open(p));
                self.publish(&uri);
            }
            "notebookDocument/didChange" => {
                let Some(p) = self.params::<DidChangeNotebookDocumentParams>(&n.method, n.params)
                else {
                    return;
                };
                let uri = p.notebook_document.uri;
                if let Some(notebook) = self.notebooks.get_mut(&uri) {
                    let gone = notebook.apply(p.change);
                    // Cleared now, and out of the last report so the next check does not
                    // clear them again (or forget them if the notebook closes first).
                    if let Some(report) = self.notebook_reports.get_mut(&uri) {
                        report.cells.retain(|(cell, _)| !gone.contains(cell));
                    }
                    for cell in gone {
                        self.clear(cell);
                    }
                    self.pending.insert(uri, Instant::now() + self.debounce);
                }
            }
            "notebookDocument/didSave" => {
                let Some(p) = self.params::<DidSaveNotebookDocumentParams>(&n.method, n.params)
                else {
                    return;
                };
                if self.notebooks.contains_key(&p.notebook_document.uri) {
                    self.publish(&p.notebook_document.uri);
                }
            }
            "notebookDocument/didClose" => {
                let Some(p) = self.params::<DidCloseNotebookDocumentParams>(&n.method, n.params)
                else {
                    return;
                };
                let uri = p.notebook_document.uri;
                self.pending.remove(&uri);
                self.notebook_reports.remove(&uri);
                let mut cells: Vec<Uri> =
                    p.cell_text_documents.into_iter().map(|c| c.uri).collect();
                if let Some(notebook) = self.notebooks.remove(&uri) {
                    cells.extend(notebook.cell_uris().cloned());
                }
                cells.sort_by(|a, b| a.as_str().cmp(b.as_str()));
                cells.dedup();
                for cell in cells {
                    self.clear(cell);
                }
            }
            _ => {}
        }
    }

    /// A notification's parameters, or `None` (logged: a client bug to see, not a crash)
    /// when they are not what the protocol says.
    fn params<T: serde::de::DeserializeOwned>(&self, method: &str, params: Value) -> Option<T> {
        match serde_json::from_value(params) {
            Ok(p) => Some(p),
            Err(e) => {
                self.log(format!("ignoring a malformed `{method}`: {e}"));
                None
            }
        }
    }

    /// Take back the diagnostics published for `uri`.
    fn clear(&self, uri: Uri) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams::new(uri, Vec::new(), None),
        );
    }

    /// Ask for the `responsify` settings. The answer may never come: nothing waits for it.
    fn ask_configuration(&mut self) {
        if !self.asks_configuration {
            return;
        }
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("responsify-configuration-{}", self.next_id)),
            "workspace/configuration".into(),
            json!({ "items": [{ "section": "responsify" }] }),
        );
        self.send(Message::Request(request));
    }

    fn on_response(&mut self, response: Response) {
        let ours = response.id.to_string().contains("responsify-configuration");
        if !ours {
            return;
        }
        if let Some(first) = response
            .response_result
            .as_ref()
            .ok()
            .and_then(|r| r.get(0))
        {
            self.configure(first);
            self.recheck_all();
        }
    }

    fn recheck_all(&mut self) {
        let uris: Vec<Uri> = self
            .documents
            .keys()
            .chain(self.notebooks.keys())
            .cloned()
            .collect();
        for uri in uris {
            self.publish(&uri);
        }
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.publish(&uri);
        }
    }

    /// Check the document or notebook now and send its diagnostics.
    fn publish(&mut self, uri: &Uri) {
        self.pending.remove(uri);
        if self.notebooks.contains_key(uri) {
            self.publish_notebook(uri);
            return;
        }
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let report = diagnostics::analyse(doc, &self.resolver, &self.defaults);
        if let Some(note) = &report.note {
            self.log(format!("{}: {note}", uri.as_str()));
        }
        let place = Place {
            uri,
            text: &doc.text,
            findings: &report.findings,
        };
        let diagnostics = diagnostics::all_to_lsp(&[place]).pop().unwrap_or_default();
        let version = doc.version;
        self.reports.insert(uri.clone(), report);
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(version)),
        );
    }

    /// Check the notebook's Python cells together and send each cell's diagnostics (cells
    /// checked last time and not now, a cell turned to Markdown, lose theirs).
    fn publish_notebook(&mut self, uri: &Uri) {
        let Some(notebook) = self.notebooks.get(uri) else {
            return;
        };
        let report = diagnostics::analyse_notebook(notebook, &self.resolver, &self.defaults);
        if let Some(note) = &report.note {
            self.log(format!("{}: {note}", uri.as_str()));
        }
        let cells = notebook.python_cells();
        let places = diagnostics::cell_places(&cells, &report);
        let published: Vec<PublishDiagnosticsParams> = diagnostics::all_to_lsp(&places)
            .into_iter()
            .zip(&cells)
            .map(|(diagnostics, (cell, doc))| {
                PublishDiagnosticsParams::new((*cell).clone(), diagnostics, Some(doc.version))
            })
            .collect();
        let dropped: Vec<Uri> = self
            .notebook_reports
            .get(uri)
            .map(|old| {
                old.cells
                    .iter()
                    .map(|(cell, _)| cell)
                    .filter(|cell| !report.cells.iter().any(|(now, _)| now == *cell))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        for params in published {
            self.notify("textDocument/publishDiagnostics", params);
        }
        for cell in dropped {
            self.clear(cell);
        }
        self.notebook_reports.insert(uri.clone(), report);
    }
}
