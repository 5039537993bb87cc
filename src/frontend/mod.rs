//! Front ends: parse a file, LIFT its syntax into the neutral model, and LOWER model changes
//! back into byte edits in the file's own syntax. Only front ends know syntax.

pub mod json;
pub mod python;

use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{Span, Unit};
use std::path::Path;

/// A file that does not parse.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// What a front end saw in one file.
#[derive(Debug, Default)]
pub struct Lifted {
    pub units: Vec<Unit>,
}

pub trait FrontEnd: Sync {
    /// A short name for messages ("JSON", "JSON Lines").
    fn name(&self) -> &'static str;

    /// Byte strings of which at least one must occur for the file to be worth parsing.
    fn triggers(&self) -> &'static [&'static str];

    /// Parse the text and lift every request it holds.
    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError>;

    /// Lower the changes of a group of units (units that share source are lowered together,
    /// so an edit in shared code sees every change around it). The changes have been
    /// resolved (no `SetParam` / `AppendParam` left).
    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String>;
}

/// Every front end.
pub fn all() -> &'static [&'static dyn FrontEnd] {
    static ALL: [&dyn FrontEnd; 3] = [&json::JSON, &json::JSON_LINES, &python::PYTHON];
    &ALL
}

/// The front end for a path, by its extension.
pub fn for_path(path: &Path) -> Option<&'static dyn FrontEnd> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(&json::JSON),
        "jsonl" | "ndjson" => Some(&json::JSON_LINES),
        "py" | "pyi" => Some(&python::PYTHON),
        _ => None,
    }
}
