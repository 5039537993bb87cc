//! Open notebook documents (LSP 3.17 `notebookDocument/*`): their cells in order and each
//! cell's text, kept in step with the client's structure and text changes.
//!
//! A client that syncs a notebook this way sends its cells only through these notifications,
//! never as `textDocument/didOpen`; the cells are checked together, as `check` checks an
//! `.ipynb` file (see [`crate::notebook::check_cells`]).

use super::documents::{file_path, Document};
use lsp_types::{
    DidOpenNotebookDocumentParams, NotebookCell, NotebookCellKind, NotebookDocumentChangeEvent,
    TextDocumentItem, Uri,
};
use std::collections::HashMap;
use std::path::PathBuf;

/// The notebook type the server asks clients to sync (VS Code's and Jupyter's name for `.ipynb`).
pub const JUPYTER: &str = "jupyter-notebook";

pub struct Notebook {
    /// The notebook file on disk, for `file:` URIs: its configuration applies to the cells.
    pub path: Option<PathBuf>,
    /// The cells in notebook order: their URI and whether they hold code.
    order: Vec<(Uri, bool)>,
    /// The text of every cell the client has opened, by cell URI.
    texts: HashMap<Uri, Document>,
    /// Bumped on every change, so a report knows whether it is of the current cells (the
    /// client's notebook version need not move when only a cell's text does).
    pub revision: u64,
}

impl Notebook {
    pub fn open(params: DidOpenNotebookDocumentParams) -> Notebook {
        let mut notebook = Notebook {
            path: file_path(&params.notebook_document.uri),
            order: Vec::new(),
            texts: HashMap::new(),
            revision: 0,
        };
        notebook.splice(0, 0, params.notebook_document.cells);
        for item in params.cell_text_documents {
            notebook.open_cell(item);
        }
        notebook
    }

    fn open_cell(&mut self, item: TextDocumentItem) {
        let document = Document::new(&item.uri, item.text, item.version, item.language_id);
        self.texts.insert(item.uri, document);
    }

    fn splice(&mut self, start: usize, delete: usize, cells: Vec<NotebookCell>) {
        let start = start.min(self.order.len());
        let end = (start + delete).min(self.order.len());
        let new = cells
            .into_iter()
            .map(|c| (c.document, c.kind == NotebookCellKind::Code));
        self.order.splice(start..end, new);
    }

    /// Apply a `notebookDocument/didChange`: cells inserted, deleted or moved, cell kinds
    /// changed, cell texts edited. Returns the cells that left the notebook (their
    /// diagnostics must be cleared).
    pub fn apply(&mut self, change: NotebookDocumentChangeEvent) -> Vec<Uri> {
        self.revision += 1;
        let mut gone = Vec::new();
        let Some(cells) = change.cells else {
            return gone;
        };
        if let Some(structure) = cells.structure {
            let array = structure.array;
            self.splice(
                array.start as usize,
                array.delete_count as usize,
                array.cells.unwrap_or_default(),
            );
            for closed in structure.did_close.unwrap_or_default() {
                self.texts.remove(&closed.uri);
                gone.push(closed.uri);
            }
            for item in structure.did_open.unwrap_or_default() {
                self.open_cell(item);
            }
        }
        for cell in cells.data.unwrap_or_default() {
            if let Some(entry) = self.order.iter_mut().find(|(uri, _)| *uri == cell.document) {
                entry.1 = cell.kind == NotebookCellKind::Code;
            }
        }
        for content in cells.text_content.unwrap_or_default() {
            if let Some(doc) = self.texts.get_mut(&content.document.uri) {
                doc.apply(content.changes, content.document.version);
            }
        }
        // A cell moved out of the order without a `didClose` is gone all the same.
        let listed: Vec<&Uri> = self.order.iter().map(|(uri, _)| uri).collect();
        let orphans: Vec<Uri> = self
            .texts
            .keys()
            .filter(|uri| !listed.contains(uri))
            .cloned()
            .collect();
        for uri in orphans {
            self.texts.remove(&uri);
            gone.push(uri);
        }
        gone
    }

    /// Does the notebook hold the cell `uri`?
    pub fn has_cell(&self, uri: &Uri) -> bool {
        self.texts.contains_key(uri)
    }

    /// The text of cell `uri`, if the client opened it.
    pub fn cell(&self, uri: &Uri) -> Option<&Document> {
        self.texts.get(uri)
    }

    /// The cell's 1-based place among all the cells, as Jupyter (and `check`) number them.
    pub fn number(&self, uri: &Uri) -> Option<usize> {
        self.order
            .iter()
            .position(|(cell, _)| cell == uri)
            .map(|i| i + 1)
    }

    /// Every cell's URI, code or not.
    pub fn cell_uris(&self) -> impl Iterator<Item = &Uri> {
        self.order.iter().map(|(uri, _)| uri)
    }

    /// The cells read as Python, in notebook order: code cells in Python (markup cells and
    /// cells of another language are no Python, as a notebook file's are not).
    pub fn python_cells(&self) -> Vec<(&Uri, &Document)> {
        self.order
            .iter()
            .filter(|(_, code)| *code)
            .filter_map(|(uri, _)| Some((uri, self.texts.get(uri)?)))
            .filter(|(_, doc)| doc.language_id == "python")
            .collect()
    }
}
