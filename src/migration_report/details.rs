//! The JSON file beside the HTML report: every request with every finding, so the page can
//! stay small on a large tree without losing a finding.
//!
//! One document: `{"format": …, "findings": N, "requests": R, "by_request": [...]}`, one
//! request per line (compact, so it greps and diffs), in the order of the page's cards. A
//! finding about no request (a whole file's) is an entry of its own, with a null
//! `request_id`, not counted in `requests`.

use super::by_request::{blockers, line, ordered, status};
use crate::engine::FixStatus;
use crate::report::{split_cell, Message};
use serde_json::{json, Value};

/// The details file's text.
pub fn json(messages: &[Message]) -> String {
    let groups = ordered(messages);
    let mut out = format!(
        "{{\"format\": \"responsify-report-details/1\", \"findings\": {}, \"requests\": {}, \
         \"by_request\": [\n",
        messages.len(),
        groups.iter().filter(|g| g.id.is_some()).count()
    );
    for (i, g) in groups.iter().enumerate() {
        let (file, cell) = split_cell(&g.messages[0].path);
        let blocked_by: Vec<Value> = blockers(&g.messages)
            .into_iter()
            .map(|(rule, text)| json!({ "rule": rule, "text": text }))
            .collect();
        let findings: Vec<Value> = g.messages.iter().map(|m| finding(m)).collect();
        let request = json!({
            "request_id": g.id,
            "file": file,
            "cell": cell,
            "line": line(&g.messages),
            "status": status(&g.messages).key(),
            "blocked_by": blocked_by,
            "findings": findings,
        });
        out += &request.to_string();
        out += if i + 1 < groups.len() { ",\n" } else { "\n" };
    }
    out += "]}\n";
    out
}

fn finding(m: &Message) -> Value {
    let (status, blocked_by) = match &m.status {
        FixStatus::None => ("none", None),
        FixStatus::Safe => ("safe", None),
        FixStatus::Unsafe => ("unsafe", None),
        FixStatus::Blocked(why) => ("blocked", Some(why.as_str())),
    };
    json!({
        "rule": m.rule,
        "severity": m.severity,
        "line": m.start.0,
        "column": m.start.1,
        "end_line": m.end.0,
        "end_column": m.end.1,
        "message": m.message,
        "help": m.help,
        "fix": m.fix_title,
        "fix_status": status,
        "blocked_by": blocked_by,
    })
}
