//! Reporters: one message type, one writer per output format.

mod concise;
mod full;
mod json;
mod statistics;

use crate::diagnostic::Severity;
use crate::edit::{Edit, LineIndex};
use crate::engine::{Finding, FixStatus};
use crate::model::Span;
use std::io::{self, Write};
use std::sync::Arc;

pub use statistics::write_statistics;

/// One finding, ready to show.
#[derive(Clone, Debug)]
pub struct Message {
    pub rule: &'static str,
    pub message: String,
    pub path: String,
    pub source: Arc<str>,
    pub span: Span,
    /// 1-based line and column (in characters) of the start and end.
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub severity: Severity,
    pub help: Option<String>,
    pub fix_title: Option<String>,
    pub status: FixStatus,
    pub edits: Vec<Edit>,
}

impl Message {
    pub fn new(path: &str, source: &Arc<str>, lines: &LineIndex, finding: Finding) -> Message {
        let d = finding.diagnostic;
        Message {
            rule: d.rule,
            severity: d.severity(),
            start: lines.line_col(source, d.span.start),
            end: lines.line_col(source, d.span.end),
            message: d.message,
            path: path.to_string(),
            source: Arc::clone(source),
            span: d.span,
            help: d.help,
            fix_title: d.fix.map(|f| f.title),
            status: finding.status,
            edits: finding.edits,
        }
    }
}

/// The formats `--output-format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with code frames, as rustc shows them.
    Full,
    /// One line per finding: `path:line:col: rule message`.
    Concise,
    /// A JSON array of findings, with their fixes as edits.
    Json,
}

/// Messages for the findings of one file.
pub fn messages(path: &str, source: &Arc<str>, findings: Vec<Finding>) -> Vec<Message> {
    if findings.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(source);
    findings
        .into_iter()
        .map(|f| Message::new(path, source, &lines, f))
        .collect()
}

pub fn write(
    format: Format,
    messages: &[Message],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => full::write(messages, color, out),
        Format::Concise => concise::write(messages, out),
        Format::Json => json::write(messages, out),
    }
}
