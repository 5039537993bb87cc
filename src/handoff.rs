//! The hand-off: one row per request that needs a person (`report --format json|csv`), so a
//! lead can file one ticket per request, with its owners from `CODEOWNERS`.

use crate::diagnostic::Severity;
use crate::engine::FixStatus;
use crate::report::{request_ids, split_cell, Message};
use globset::{GlobBuilder, GlobMatcher};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One request a person must finish.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The request's stable id (the `request_id` of its findings in `check`'s reports).
    pub request_id: String,
    pub file: String,
    /// The notebook cell (1-based, counting every cell), for a request in a notebook.
    pub cell: Option<u32>,
    /// The line of the request (in its cell, for a notebook).
    pub line: usize,
    /// The rules that keep the request from migrating by itself.
    pub blocking_rules: Vec<String>,
    /// What the person has to do: each blocking finding's message and help.
    pub what_to_do: Vec<String>,
    /// The file's top directory (`.` for a file at the top).
    pub top_directory: String,
    /// The owners `CODEOWNERS` gives the file (empty without one, or without a match).
    pub owners: Vec<String>,
}

/// Whether a finding needs a person: a blocked fix, or a blocking finding with no fix.
pub fn needs_person(m: &Message) -> bool {
    matches!(m.status, FixStatus::Blocked(_))
        || (m.status == FixStatus::None && m.severity == Severity::Error)
}

/// The requests of `messages` that need a person, in file order.
pub fn rows(messages: &[Message], owners: &CodeOwners) -> Vec<Row> {
    let mut by_request: BTreeMap<String, Vec<&Message>> = BTreeMap::new();
    let mut order = Vec::new();
    for (m, id) in messages.iter().zip(request_ids(messages)) {
        let Some(id) = id else { continue };
        if !by_request.contains_key(&id) {
            order.push(id.clone());
        }
        by_request.entry(id).or_default().push(m);
    }
    let mut rows = Vec::new();
    for id in order {
        let found = &by_request[&id];
        if !found.iter().any(|m| needs_person(m)) {
            continue;
        }
        // The findings that block, not those that wait on them; else the blocked ones.
        let mut blocking: Vec<&Message> = found
            .iter()
            .copied()
            .filter(|m| m.status == FixStatus::None && m.severity == Severity::Error)
            .collect();
        if blocking.is_empty() {
            blocking = found.iter().copied().filter(|m| needs_person(m)).collect();
        }
        let mut rules: Vec<String> = blocking.iter().map(|m| m.rule.to_string()).collect();
        rules.dedup();
        let mut what: Vec<String> = Vec::new();
        for m in &blocking {
            let text = match (&m.help, &m.status) {
                (Some(help), _) => format!("{}: {help}", m.message),
                (None, FixStatus::Blocked(why)) => format!("{}: {why}", m.message),
                (None, _) => m.message.clone(),
            };
            if !what.contains(&text) {
                what.push(text);
            }
        }
        let first = found[0];
        let (file, cell) = split_cell(&first.path);
        let line = first
            .request
            .as_ref()
            .map(|(span, _)| crate::edit::line_col(&first.source, span.start).0)
            .unwrap_or(first.start.0);
        let top_directory = match file.split_once('/') {
            Some((top, _)) => top.to_string(),
            None => ".".to_string(),
        };
        rows.push(Row {
            request_id: id,
            file: file.to_string(),
            cell,
            line,
            blocking_rules: rules,
            what_to_do: what,
            top_directory,
            owners: owners.of(file),
        });
    }
    rows
}

pub fn json(rows: &[Row]) -> String {
    serde_json::to_string_pretty(rows).expect("plain data") + "\n"
}

/// RFC 4180 CSV with a header; list fields are joined with `; ` (owners with a space).
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from(
        "request_id,file,cell,line,blocking_rules,what_to_do,top_directory,owners\r\n",
    );
    for r in rows {
        let fields = [
            r.request_id.clone(),
            r.file.clone(),
            r.cell.map_or(String::new(), |c| c.to_string()),
            r.line.to_string(),
            r.blocking_rules.join("; "),
            r.what_to_do.join("; "),
            r.top_directory.clone(),
            r.owners.join(" "),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out += &line.join(",");
        out += "\r\n";
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A `CODEOWNERS` file: patterns and their owners, the last matching pattern winning, as
/// GitHub reads it.
#[derive(Default)]
pub struct CodeOwners {
    rules: Vec<(GlobMatcher, Vec<String>)>,
}

impl CodeOwners {
    /// The first of `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS` under `root`, as
    /// GitHub looks for it; empty when there is none.
    pub fn find(root: &Path) -> CodeOwners {
        for place in [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] {
            if let Ok(text) = std::fs::read_to_string(root.join(place)) {
                return CodeOwners::parse(&text);
            }
        }
        CodeOwners::default()
    }

    pub fn parse(text: &str) -> CodeOwners {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.split_once(" #").map_or(line, |(l, _)| l).trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(pattern) = parts.next() else {
                continue;
            };
            let owners: Vec<String> = parts.map(str::to_string).collect();
            if let Some(glob) = glob(pattern) {
                rules.push((glob, owners));
            }
        }
        CodeOwners { rules }
    }

    /// The owners of `file` (a path relative to the repository's root).
    pub fn of(&self, file: &str) -> Vec<String> {
        let file = file.trim_start_matches("./");
        self.rules
            .iter()
            .rev()
            .find(|(glob, _)| glob.is_match(file))
            .map(|(_, owners)| owners.clone())
            .unwrap_or_default()
    }
}

/// A CODEOWNERS pattern (gitignore-like) as a glob over repository-relative paths.
fn glob(pattern: &str) -> Option<GlobMatcher> {
    let anchored = pattern.starts_with('/');
    let mut p = pattern.trim_start_matches('/').to_string();
    let directory = p.ends_with('/');
    if directory {
        p.push_str("**");
    } else if !p.ends_with("/*") && !p.ends_with("**") {
        // `docs` also owns everything below a directory named so.
        p = format!("{{{p},{p}/**}}");
    }
    let inner = pattern.trim_start_matches('/').trim_end_matches('/');
    if !anchored && !inner.contains('/') {
        p = format!("**/{p}");
    }
    GlobBuilder::new(&p)
        .literal_separator(true)
        .build()
        .ok()
        .map(|g| g.compile_matcher())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_matching_pattern_wins() {
        let owners = CodeOwners::parse(
            "# owners\n* @all\n/src/ @core\nsrc/api/*.py @api @lead # the API\n*.md @docs\napps/ @apps\n",
        );
        assert_eq!(owners.of("README.md"), ["@docs"]);
        assert_eq!(owners.of("src/lib.py"), ["@core"]);
        assert_eq!(owners.of("src/api/a.py"), ["@api", "@lead"]);
        assert_eq!(owners.of("src/api/deep/a.py"), ["@core"]);
        assert_eq!(owners.of("x/apps/a.ts"), ["@apps"]);
        assert_eq!(owners.of("other.py"), ["@all"]);
        assert!(CodeOwners::default().of("a.py").is_empty());
    }
}
