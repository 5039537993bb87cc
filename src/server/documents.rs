//! Open documents: their text, kept in step with the client's edits, and which front end
//! reads them.

use super::positions::Lines;
use crate::frontend::{self, FrontEnd};
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::path::{Path, PathBuf};

pub struct Document {
    pub text: String,
    pub version: i32,
    pub language_id: String,
    /// The file on disk, for `file:` URIs.
    pub path: Option<PathBuf>,
}

impl Document {
    pub fn new(uri: &Uri, text: String, version: i32, language_id: String) -> Document {
        let path = file_path(uri);
        Document {
            text,
            version,
            language_id,
            path,
        }
    }

    /// Apply the client's changes in order (a change without a range replaces everything).
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let lines = Lines::new(&self.text);
                    let start = lines.offset(&self.text, range.start);
                    let end = lines.offset(&self.text, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }

    /// The name the document is checked under: its path, or one made from its language for
    /// documents that are not files (an unsaved buffer).
    pub fn name(&self) -> PathBuf {
        if let Some(p) = &self.path {
            if frontend::for_path(p).is_some() || frontend::is_notebook(p) {
                return p.clone();
            }
        }
        let ext = match self.language_id.as_str() {
            "python" => "py",
            "typescript" => "ts",
            "typescriptreact" => "tsx",
            "javascript" => "js",
            "javascriptreact" => "jsx",
            "rust" => "rs",
            "json" | "jsonc" => "json",
            "jsonl" | "jsonlines" => "jsonl",
            "markdown" => "md",
            _ => {
                return self
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("untitled"))
            }
        };
        let stem = self
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(|| "untitled".into(), |s| s.to_string_lossy().into_owned());
        let name = format!("{stem}.{ext}");
        match self.path.as_deref().and_then(Path::parent) {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        }
    }

    pub fn front_end(&self) -> Option<&'static dyn FrontEnd> {
        frontend::for_path(&self.name())
    }
}

/// The path of a `file:` URI, percent-decoded.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&rest[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let path = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    #[cfg(windows)]
    let path = path.trim_start_matches('/').to_string();
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_uris() {
        let uri: Uri = "file:///tmp/a%20b/c.py".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/tmp/a b/c.py")));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&untitled), None);
    }
}
