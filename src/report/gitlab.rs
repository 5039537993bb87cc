//! GitLab Code Quality: a JSON array of issues.

use super::{fingerprints, split_cell, Message};
use crate::diagnostic::Severity;
use serde_json::json;
use std::io::{self, Write};

/// The fields GitLab reads: `description`, `check_name`, `fingerprint` (the stable ones of
/// [`super::fingerprints`], unique in the report), `severity` and `location`. A notebook
/// finding points at the notebook file's line that holds it and names its cell (and the line
/// in the cell) in the description.
/// Each issue is made and written in turn (see [`super::Lazy`]).
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    let prints = fingerprints(messages);
    let items = super::Lazy(messages.iter().zip(&prints).map(|(m, fingerprint)| {
        let (file, cell) = split_cell(&m.path);
        let (description, line) = match cell {
            None => (m.message.clone(), m.start.0),
            Some(cell) => (
                format!("cell {cell}, line {}: {}", m.start.0, m.message),
                m.file_lines.map_or(1, |(start, _)| start),
            ),
        };
        json!({
            "description": description,
            "check_name": m.rule,
            "fingerprint": fingerprint,
            "severity": severity(m.severity),
            "location": { "path": file, "lines": { "begin": line } },
        })
    }));
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// A blocking finding blocks the migration; one with a fix is a change to make; information
/// is minor.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "blocker",
        Severity::Warning => "major",
        Severity::Info => "minor",
    }
}
