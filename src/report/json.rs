use super::Message;
use crate::edit::line_col;
use serde_json::{json, Value};
use std::io::{self, Write};

/// A JSON array of findings. Locations are 1-based; columns count characters.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    let items: Vec<Value> = messages.iter().map(to_json).collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn location((line, column): (usize, usize)) -> Value {
    json!({ "line": line, "column": column })
}

fn to_json(m: &Message) -> Value {
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
    json!({
        "rule": m.rule,
        "message": m.message,
        "severity": m.severity,
        "filename": m.path,
        "location": location(m.start),
        "end_location": location(m.end),
        "byte_range": [m.span.start, m.span.end],
        "help": m.help,
        "fix": fix,
    })
}
