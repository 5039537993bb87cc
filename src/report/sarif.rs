//! SARIF 2.1.0: one run, every rule described, a result per request (see
//! [`sarif_units`](super::sarif_units)) with every finding a location of its result.

use super::sarif_units::{units, Kind};
use super::{fingerprints, request_ids, split_cell, Message};
use crate::diagnostic::Severity;
use crate::engine::FixStatus;
use crate::rules;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where `partialFingerprints` keeps [`super::fingerprint`].
pub const FINGERPRINT_KEY: &str = "responsifyFingerprint/v1";
/// Relative artifact URIs are relative to the directory responsify ran in.
const SRCROOT: &str = "%SRCROOT%";
/// The rule that marks one Chat Completions request: a request's result is shown at it
/// unless another finding is more severe.
const REQUEST_RULE: &str = "chat-completions-request";

/// A SARIF log. Paths become relative URIs (forward slashes, percent-encoded) against
/// `%SRCROOT%`; columns count Unicode code points (`columnKind`). A notebook finding points at
/// the notebook file's lines that hold it and carries its cell as a logical location and its position in
/// the cell as properties. Fixes are written for findings whose edits were lowered (see
/// [`super::Format::shows_edits`]) and that `--fix` or `--unsafe-fixes` would apply; each is
/// the finding's own share of its request's fix.
///
/// The results are made and written one at a time: a tree of the whole log held 10 times
/// its own size (over a gigabyte for 20,000 files, issue #15).
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    let all = rules::all();
    let index: HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().name, i))
        .collect();
    let prints = fingerprints(messages);
    let ids = request_ids(messages);
    let units = units(messages);
    let results = super::Lazy(units.iter().map(|unit| match unit.members.as_slice() {
        // A unit of one finding is the finding's own result.
        &[i] => {
            let m = &messages[i];
            let mut r = result(m, index.get(m.rule).copied(), &prints[i]);
            if let Some(id) = &ids[i] {
                r["properties"]["request_id"] = json!(id);
            }
            r
        }
        members => grouped(&unit.kind, members, messages, &index, &prints, &ids),
    }));
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": "responsify",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": super::PROJECT_URL,
                    "rules": all.iter().map(|r| descriptor(r.meta())).collect::<Vec<_>>(),
                }
            }),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The log's outline, its fields in the order they are written.
#[derive(serde::Serialize)]
struct Log<R> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<R>; 1],
}

#[derive(serde::Serialize)]
struct Run<R> {
    tool: Value,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    results: R,
}

/// Where `partialFingerprints` keeps the request id of a request's result.
pub const REQUEST_KEY: &str = "responsifyRequest/v1";
/// Where `partialFingerprints` keeps the identity of a grouped file's part.
pub const FILE_KEY: &str = "responsifyFile/v1";
/// Findings named by a link in a grouped result's message; the rest are counted.
const MAX_LINKS: usize = 20;

/// The result of several findings ([`sarif_units`](super::sarif_units)): shown at its most
/// severe finding (a request's own finding first among equals), every finding a related
/// location carrying what its own result would (rule, level, fix status, fingerprint).
fn grouped(
    kind: &Kind,
    members: &[usize],
    messages: &[Message],
    index: &HashMap<&str, usize>,
    prints: &[String],
    ids: &[Option<String>],
) -> Value {
    let ms: Vec<&Message> = members.iter().map(|&i| &messages[i]).collect();
    let primary = ms
        .iter()
        .enumerate()
        .min_by_key(|(k, m)| (m.severity, m.rule != REQUEST_RULE, *k))
        .map(|(_, m)| *m)
        .expect("a group has findings");
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(primary.rule));
    if let Some(&i) = index.get(primary.rule) {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(primary.severity)));
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules_count: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &ms {
        *statuses.entry(status(m)).or_default() += 1;
        *rules_count.entry(m.rule).or_default() += 1;
    }
    let text = match kind {
        Kind::File { .. } => {
            let requests: std::collections::HashSet<&Option<String>> =
                members.iter().map(|&i| &ids[i]).collect();
            let by_rule: Vec<String> = rules_count
                .iter()
                .map(|(rule, n)| format!("{rule} ×{n}"))
                .collect();
            format!(
                "{} findings on {} requests in this file, each a related location: {}",
                ms.len(),
                requests.len(),
                by_rule.join(", ")
            )
        }
        _ => {
            let links: Vec<String> = ms
                .iter()
                .enumerate()
                .take(MAX_LINKS)
                .map(|(k, m)| format!("[{}]({})", m.rule, k + 1))
                .collect();
            let more = ms.len().saturating_sub(MAX_LINKS);
            format!(
                "{} ({} findings on this request: {}{})",
                escape_links(&primary.message),
                ms.len(),
                links.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        }
    };
    r.insert("message".into(), json!({ "text": text }));
    r.insert("locations".into(), json!([location(primary)]));
    let related: Vec<Value> = members
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            // A request's findings share its id, given once in the result's properties.
            let request = match kind {
                Kind::Request(_) => None,
                _ => ids[i].as_deref(),
            };
            related_location(&messages[i], k + 1, &prints[i], request)
        })
        .collect();
    r.insert("relatedLocations".into(), Value::Array(related));
    let (key, print) = match kind {
        Kind::Request(id) => (REQUEST_KEY, id.clone()),
        Kind::File { file, part } => (
            FILE_KEY,
            format!(
                "{:016x}",
                super::fnv1a64(&["responsify-file", file, &part.to_string()])
            ),
        ),
        Kind::Finding => (FINGERPRINT_KEY, prints[members[0]].clone()),
    };
    r.insert("partialFingerprints".into(), json!({ key: print }));
    let fixes = group_fixes(&ms);
    if !fixes.is_empty() {
        r.insert("fixes".into(), Value::Array(fixes));
    }
    let mut properties = Map::new();
    if let Kind::Request(id) = kind {
        properties.insert("request_id".into(), json!(id));
    }
    properties.insert("findings".into(), json!(ms.len()));
    properties.insert("fixStatuses".into(), json!(statuses));
    r.insert("properties".into(), Value::Object(properties));
    Value::Object(r)
}

/// Brackets in message text are literal, not embedded links (SARIF 3.11.6).
fn escape_links(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

fn status(m: &Message) -> &'static str {
    match &m.status {
        FixStatus::None => "none",
        FixStatus::Safe => "safe",
        FixStatus::Unsafe => "unsafe",
        FixStatus::Blocked(_) => "blocked",
    }
}

/// One finding of a grouped result: its location, its message, and as properties what its
/// own result would say.
fn related_location(m: &Message, id: usize, fingerprint: &str, request: Option<&str>) -> Value {
    let mut loc = location(m);
    loc["id"] = json!(id);
    loc["message"] = json!({ "text": format!("{}: {}", m.rule, m.message) });
    let mut p = match loc.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    };
    p.insert("ruleId".into(), json!(m.rule));
    p.insert("level".into(), json!(level(m.severity)));
    p.insert("fixStatus".into(), json!(status(m)));
    if let FixStatus::Blocked(why) = &m.status {
        p.insert("blockedBy".into(), json!(why));
    }
    if let Some(title) = &m.fix_title {
        p.insert("fixTitle".into(), json!(title));
    }
    if let Some(help) = &m.help {
        p.insert("help".into(), json!(help));
    }
    p.insert(FINGERPRINT_KEY.into(), json!(fingerprint));
    if let Some(id) = request {
        p.insert("request_id".into(), json!(id));
    }
    loc["properties"] = Value::Object(p);
    loc
}

/// A group's fixes: its safe edits (what `--fix` applies), and when some are unsafe, the
/// alternative of all of them (`--unsafe-fixes`). None for notebooks (their edits are in the
/// cells' code) or when edits of different findings overlap.
fn group_fixes(ms: &[&Message]) -> Vec<Value> {
    let (file, cell) = split_cell(&ms[0].path);
    if cell.is_some() || ms.iter().any(|m| split_cell(&m.path).0 != file) {
        return Vec::new();
    }
    let edits = |with_unsafe: bool| -> Option<Vec<&crate::edit::Edit>> {
        let mut edits: Vec<&crate::edit::Edit> = ms
            .iter()
            .filter(|m| {
                m.status == FixStatus::Safe || (with_unsafe && m.status == FixStatus::Unsafe)
            })
            .flat_map(|m| &m.edits)
            .collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup_by(|a, b| a.span == b.span && a.text == b.text);
        let overlap = edits
            .windows(2)
            .any(|w| w[1].span.start < w[0].span.end || w[1].span.start == w[0].span.start);
        (!edits.is_empty() && !overlap).then_some(edits)
    };
    let fix = |edits: Vec<&crate::edit::Edit>, description: &str| {
        let replacements: Vec<Value> = edits.iter().map(|e| replacement(e)).collect();
        json!({
            "description": { "text": description },
            "artifactChanges": [{
                "artifactLocation": artifact(file),
                "replacements": replacements,
            }],
        })
    };
    let mut fixes = Vec::new();
    let safe = edits(false);
    let any_unsafe = ms
        .iter()
        .any(|m| m.status == FixStatus::Unsafe && !m.edits.is_empty());
    if let Some(safe) = safe {
        fixes.push(fix(safe, "Apply the safe fixes (what --fix applies)"));
    }
    if any_unsafe {
        if let Some(all) = edits(true) {
            fixes.push(fix(
                all,
                "Apply every fix (unsafe: applied by --fix --unsafe-fixes)",
            ));
        }
    }
    fixes
}

fn replacement(e: &crate::edit::Edit) -> Value {
    let mut r = Map::new();
    r.insert(
        "deletedRegion".into(),
        json!({ "byteOffset": e.span.start, "byteLength": e.span.end - e.span.start }),
    );
    if !e.text.is_empty() {
        r.insert("insertedContent".into(), json!({ "text": e.text }));
    }
    Value::Object(r)
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
    let replacements: Vec<Value> = m.edits.iter().map(replacement).collect();
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
