//! SARIF 2.1.0: one run, every rule described, every finding a result.

use super::{fingerprints, request_ids, split_cell, Message};
use crate::diagnostic::Severity;
use crate::engine::FixStatus;
use crate::rules;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where `partialFingerprints` keeps [`super::fingerprint`].
pub const FINGERPRINT_KEY: &str = "responsifyFingerprint/v1";
/// Relative artifact URIs are relative to the directory responsify ran in.
const SRCROOT: &str = "%SRCROOT%";

/// A SARIF log. Paths become relative URIs (forward slashes, percent-encoded) against
/// `%SRCROOT%`; columns count Unicode code points (`columnKind`). A notebook finding points at
/// the notebook file's lines that hold it and carries its cell as a logical location and its position in
/// the cell as properties. Fixes are written for findings whose edits were lowered (see
/// [`super::Format::shows_edits`]) and that `--fix` or `--unsafe-fixes` would apply; each is
/// the finding's own share of its request's fix.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(messages))?;
    writeln!(out)
}

fn log(messages: &[Message]) -> Value {
    let all = rules::all();
    let index: HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().name, i))
        .collect();
    let descriptors: Vec<Value> = all.iter().map(|r| descriptor(r.meta())).collect();
    let results: Vec<Value> = messages
        .iter()
        .zip(fingerprints(messages))
        .zip(request_ids(messages))
        .map(|((m, fingerprint), id)| {
            let mut r = result(m, index.get(m.rule).copied(), &fingerprint);
            if let Some(id) = id {
                r["properties"]["request_id"] = json!(id);
            }
            r
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "responsify",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": super::PROJECT_URL,
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn descriptor(meta: &rules::RuleMeta) -> Value {
    let documentation = meta.documentation();
    let documentation = documentation.trim();
    json!({
        "id": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": documentation },
        "help": { "text": documentation, "markdown": documentation },
        "helpUri": super::rule_page(meta.name),
        "properties": { "optIn": meta.opt_in },
    })
}

fn result(m: &Message, rule_index: Option<usize>, fingerprint: &str) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(m.rule));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(m.severity)));
    r.insert("message".into(), json!({ "text": m.message }));
    r.insert("locations".into(), json!([location(m)]));
    r.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint }),
    );
    if let Some(fix) = fix(m) {
        r.insert("fixes".into(), json!([fix]));
    }
    let mut properties = Map::new();
    let status = match &m.status {
        FixStatus::None => "none",
        FixStatus::Safe => "safe",
        FixStatus::Unsafe => "unsafe",
        FixStatus::Blocked(why) => {
            properties.insert("blockedBy".into(), json!(why));
            "blocked"
        }
    };
    properties.insert("fixStatus".into(), json!(status));
    if let Some(title) = &m.fix_title {
        properties.insert("fixTitle".into(), json!(title));
    }
    if let Some(help) = &m.help {
        properties.insert("help".into(), json!(help));
    }
    r.insert("properties".into(), Value::Object(properties));
    Value::Object(r)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(m: &Message) -> Value {
    json!({
        "startLine": m.start.0,
        "startColumn": m.start.1,
        "endLine": m.end.0,
        "endColumn": m.end.1,
    })
}

fn location(m: &Message) -> Value {
    let (file, cell) = split_cell(&m.path);
    match cell {
        None => json!({
            "physicalLocation": {
                "artifactLocation": artifact(file),
                "region": region(m),
            }
        }),
        // The finding's lines count from the cell: the region gives the notebook file's
        // lines that hold them, the properties the position in the cell.
        Some(cell) => json!({
            "physicalLocation": {
                "artifactLocation": artifact(file),
                "region": match m.file_lines {
                    Some((start, end)) => json!({ "startLine": start, "endLine": end }),
                    None => json!({ "startLine": 1 }),
                },
            },
            "logicalLocations": [{
                "name": format!("cell {cell}"),
                "fullyQualifiedName": m.path,
                "kind": "notebookCell",
            }],
            "properties": { "notebookCell": cell, "cellRegion": region(m) },
        }),
    }
}

/// The finding's own edits as a fix, when the run would apply it and the edits are in the
/// file's bytes (a notebook's are in its cells' code, so it gets none).
fn fix(m: &Message) -> Option<Value> {
    let unsafe_fix = match m.status {
        FixStatus::Safe => false,
        FixStatus::Unsafe => true,
        FixStatus::None | FixStatus::Blocked(_) => return None,
    };
    let (file, cell) = split_cell(&m.path);
    if m.edits.is_empty() || cell.is_some() {
        return None;
    }
    let title = m
        .fix_title
        .as_deref()
        .unwrap_or("Migrate to the Responses API");
    let description = if unsafe_fix {
        format!("{title} (unsafe: applied by --unsafe-fixes)")
    } else {
        title.to_string()
    };
    let replacements: Vec<Value> = m
        .edits
        .iter()
        .map(|e| {
            let mut r = Map::new();
            r.insert(
                "deletedRegion".into(),
                json!({ "byteOffset": e.span.start, "byteLength": e.span.end - e.span.start }),
            );
            if !e.text.is_empty() {
                r.insert("insertedContent".into(), json!({ "text": e.text }));
            }
            Value::Object(r)
        })
        .collect();
    Some(json!({
        "description": { "text": description },
        "artifactChanges": [{
            "artifactLocation": artifact(file),
            "replacements": replacements,
        }],
    }))
}

/// An `artifactLocation`: a relative URI against `%SRCROOT%`, or a `file` URI for a path
/// outside the directory responsify ran in.
fn artifact(path: &str) -> Value {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let drive = path.len() >= 3
        && path.as_bytes()[0].is_ascii_alphabetic()
        && &path[1..3] == ":/"
        && cfg!(windows);
    if drive {
        json!({ "uri": format!("file:///{}:{}", &path[..1], encode(&path[2..])) })
    } else if path.starts_with('/') {
        json!({ "uri": format!("file://{}", encode(&path)) })
    } else {
        json!({ "uri": encode(&path), "uriBaseId": SRCROOT })
    }
}

/// Percent-encode every byte but unreserved characters and `/` (RFC 3986), so spaces, `:`,
/// `%`, `#` and non-ASCII names all make valid URI references.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::Span;
    use crate::report::tests::message;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(
            artifact("dir with space/a:b%#é.json"),
            json!({ "uri": "dir%20with%20space/a%3Ab%25%23%C3%A9.json", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact("/tmp/a b.json"),
            json!({ "uri": "file:///tmp/a%20b.json" })
        );
    }

    #[test]
    fn fixes_carry_byte_edits_when_the_run_would_apply_them() {
        let mut m = message(
            "max-tokens",
            "a.json",
            "{\"max_tokens\": 5}\n",
            "\"max_tokens\"",
        );
        m.fix_title = Some("Rename".into());
        m.edits = vec![
            Edit::replace(Span::new(1, 13), "\"max_output_tokens\""),
            Edit::delete(Span::new(15, 16)),
        ];
        m.status = FixStatus::Safe;
        assert_eq!(
            fix(&m).unwrap(),
            json!({
                "description": { "text": "Rename" },
                "artifactChanges": [{
                    "artifactLocation": { "uri": "a.json", "uriBaseId": "%SRCROOT%" },
                    "replacements": [
                        {
                            "deletedRegion": { "byteOffset": 1, "byteLength": 12 },
                            "insertedContent": { "text": "\"max_output_tokens\"" },
                        },
                        { "deletedRegion": { "byteOffset": 15, "byteLength": 1 } },
                    ],
                }],
            })
        );
        m.status = FixStatus::Blocked("n".into());
        assert_eq!(fix(&m), None);
        m.status = FixStatus::Safe;
        m.path = "nb.ipynb:cell 2".into();
        assert_eq!(fix(&m), None);
    }

    #[test]
    fn notebook_results_name_the_cell() {
        let m = message(
            "stop-parameter",
            "nb.ipynb:cell 2",
            "x\nf(stop=1)\n",
            "stop",
        );
        let loc = location(&m);
        assert_eq!(
            loc["physicalLocation"]["artifactLocation"]["uri"],
            "nb.ipynb"
        );
        assert_eq!(loc["physicalLocation"]["region"], json!({ "startLine": 1 }));
        assert_eq!(loc["logicalLocations"][0]["name"], "cell 2");
        assert_eq!(loc["properties"]["cellRegion"]["startLine"], 2);
    }
}
