use super::{request_ids, split_cell, Message};
use crate::edit::line_col;
use serde_json::{json, Value};
use std::io::{self, Write};

/// A JSON array of findings. Locations are 1-based; columns count characters. `filename` is
/// a path; `cell` is the 1-based number of a notebook finding's cell (counting every cell, as
/// Jupyter does), whose `location`s then count in the cell's code, or null.
///
/// Each finding's object is made and written in turn: a tree of the whole array held 30
/// times the findings' own size (issue #15).
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    let ids = request_ids(messages);
    let items = super::Lazy(
        messages
            .iter()
            .zip(&ids)
            .map(|(m, id)| to_json(m, id.clone())),
    );
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn location((line, column): (usize, usize)) -> Value {
    json!({ "line": line, "column": column })
}

/// The findings as JSON objects, each with the stable id of its request (`request_id`; null
/// for a finding about no request).
pub fn items(messages: &[Message]) -> Vec<Value> {
    messages
        .iter()
        .zip(request_ids(messages))
        .map(|(m, id)| to_json(m, id))
        .collect()
}

fn to_json(m: &Message, request_id: Option<String>) -> Value {
    let fix = m.fix_title.as_ref().map(|title| {
        json!({
            "message": title,
            "status": m.status,
            "edits": m.edits.iter().map(|e| json!({
                "content": e.text,
                "location": location(line_col(&m.source, e.span.start)),
                "end_location": location(line_col(&m.source, e.span.end)),
                "byte_range": [e.span.start, e.span.end],
            })).collect::<Vec<_>>(),
        })
    });
    // A notebook finding names the notebook file and its cell; its locations count in the
    // cell's code.
    let (file, cell) = split_cell(&m.path);
    json!({
        "rule": m.rule,
        "message": m.message,
        "severity": m.severity,
        "filename": file,
        "cell": cell,
        "request_id": request_id,
        "location": location(m.start),
        "end_location": location(m.end),
        "byte_range": [m.span.start, m.span.end],
        "help": m.help,
        "fix": fix,
    })
}
