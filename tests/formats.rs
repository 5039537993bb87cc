//! The machine-readable and CI output formats, through the binary: `json-lines`, `sarif`
//! (validated by the SARIF Multitool when it can be installed), `github`, `gitlab`, `junit`
//! and `markdown`, each parsed and checked against the `json` format's findings, plus the
//! stable fingerprints they share.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

const CHAT: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100}
"#;
const BLOCKED: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "n": 2}
"#;
/// `user` draws an informational finding (no fix, nothing blocked).
const INFO: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "user": "u1"}
"#;
/// An unknown key whose name, repeated in the message, needs escaping in every format:
/// `,` `:` `%` CR LF `<` `&` `>` `"` a control character `|` `*` `_` and a backtick.
const SPECIAL: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "a,b:c%d\r\n<&>\"x\u0001|*_`y": 1}
"#;
/// The key of SPECIAL, decoded.
const SPECIAL_KEY: &str = "a,b:c%d\r\n<&>\"x\u{1}|*_`y";
const PRETTY: &str = r#"{
  "model": "gpt-5.5",
  "messages": [{"role": "user", "content": "hi"}],
  "max_tokens": 100
}
"#;

/// A file name with a space, `,`, `:` and `%` (`:` cannot be in a Windows file name).
fn special_name() -> &'static str {
    if cfg!(windows) {
        "dir with space/a,b%.json"
    } else {
        "dir with space/a,b:c%.json"
    }
}

fn responsify() -> Command {
    let mut cmd = common::bin();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write_file(dir.path(), name, text);
    }
    dir
}

fn write_file(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn notebook() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/notebooks/demo_chat.ipynb");
    fs::read_to_string(path).unwrap()
}

/// Every kind of finding: safe fixes, blocked, informational, escaping, a notebook.
fn mixed_repo() -> tempfile::TempDir {
    let nb = notebook();
    repo(&[
        ("chat.json", CHAT),
        ("blocked.json", BLOCKED),
        ("info.json", INFO),
        (special_name(), SPECIAL),
        ("nb one.ipynb", &nb),
    ])
}

/// Run `check --output-format FORMAT` in `dir`; its stdout. Findings exit 1, none exit 0.
fn check(dir: &Path, format: &str) -> String {
    let output = responsify()
        .current_dir(dir)
        .args(["check", "--output-format", format])
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "{format}: exit {code:?}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The findings as the `json` format reports them.
fn json_findings(dir: &Path) -> Vec<Value> {
    let out = check(dir, "json");
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array().unwrap().clone()
}

fn status_of(finding: &Value) -> String {
    match &finding["fix"]["status"] {
        Value::Null => "none".to_string(),
        Value::String(s) => s.clone(),
        Value::Object(o) if o.contains_key("blocked") => "blocked".to_string(),
        other => panic!("unexpected fix status {other}"),
    }
}

/// A JSON finding's file and notebook cell: `filename` is a path, `cell` the cell's number.
fn split_cell(f: &Value) -> (&str, Option<u64>) {
    let file = f["filename"].as_str().unwrap();
    assert!(!file.contains(":cell "), "{file}");
    (file, f["cell"].as_u64())
}

/// How the terminal formats name a finding's place: `nb.ipynb:cell 3` for a cell.
fn shown_path(f: &Value) -> String {
    match split_cell(f) {
        (file, None) => file.to_string(),
        (file, Some(cell)) => format!("{file}:cell {cell}"),
    }
}

fn is_fingerprint(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn json_lines_has_one_json_object_per_finding() {
    let dir = mixed_repo();
    let expected = json_findings(dir.path());
    assert!(expected.len() > 10);
    let out = check(dir.path(), "json-lines");
    assert!(out.ends_with('\n'));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len());
    for (line, want) in lines.iter().zip(&expected) {
        let got: Value = serde_json::from_str(line).expect("each line is one JSON value");
        assert!(got.is_object());
        assert_eq!(&got, want);
    }
    // The control character and line breaks of the special key stay inside their line.
    assert!(lines
        .iter()
        .any(|l| l.contains(r#"a,b:c%d\r\n<&>\"x\u0001|*_`y"#)));
    // No findings, no lines.
    let clean = repo(&[(
        "done.json",
        r#"{"model": "gpt-5.5", "input": "hi", "store": false}"#,
    )]);
    assert_eq!(check(clean.path(), "json-lines"), "");
}

#[test]
fn sarif_describes_every_rule_and_every_finding() {
    let dir = mixed_repo();
    let findings = json_findings(dir.path());
    let log: Value = serde_json::from_str(&check(dir.path(), "sarif")).unwrap();
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "responsify");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    // Every rule, in order, with its documentation and the address of its page.
    let rules = driver["rules"].as_array().unwrap();
    let all = responsify::rules::all();
    assert_eq!(rules.len(), all.len());
    for (descriptor, rule) in rules.iter().zip(all) {
        let meta = rule.meta();
        assert_eq!(descriptor["id"], meta.name);
        assert_eq!(descriptor["shortDescription"]["text"], meta.summary);
        let doc = meta.documentation();
        assert_eq!(descriptor["fullDescription"]["text"], doc.trim());
        assert_eq!(descriptor["help"]["text"], doc.trim());
        assert_eq!(descriptor["help"]["markdown"], doc.trim());
        let page = format!("docs/rules/{}.md", meta.name);
        assert!(descriptor["helpUri"].as_str().unwrap().ends_with(&page));
        let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&page);
        assert!(local.is_file(), "{page} should exist for the helpUri");
    }

    // One result per request (its findings as related locations), one per finding about
    // no request: every finding is in exactly one result.
    let results = run["results"].as_array().unwrap();
    let requests: HashSet<&str> = findings
        .iter()
        .filter_map(|f| f["request_id"].as_str())
        .collect();
    let alone = findings
        .iter()
        .filter(|f| f["request_id"].is_null())
        .count();
    assert_eq!(results.len(), requests.len() + alone);
    assert!(
        results.len() < findings.len(),
        "some request has several findings"
    );
    let flat = common::sarif_findings(&log);
    assert_eq!(flat.len(), findings.len());
    let mut seen = HashSet::new();
    let mut levels = HashSet::new();
    let mut fixes = 0;
    for f in &findings {
        let rule = f["rule"].as_str().unwrap();
        let filename = shown_path(f);
        let (file, cell) = split_cell(f);
        let region = json_region(f);
        let region_of = |s: &Value| match cell {
            None => s["location"]["physicalLocation"]["region"].clone(),
            Some(_) => s["location"]["properties"]["cellRegion"].clone(),
        };
        let at = flat
            .iter()
            .position(|s| {
                s["ruleId"] == rule
                    && s["message"] == f["message"]
                    && region_of(s) == region
                    && s["location"]["physicalLocation"]["artifactLocation"]["uri"]
                        == percent_encode(file)
            })
            .unwrap_or_else(|| panic!("{rule} at {filename} {region}: not in the SARIF log"));
        assert!(seen.insert(at), "{rule} at {filename}: matched twice");
        let s = &flat[at];
        let r = &results[s["result"].as_u64().unwrap() as usize];
        assert_eq!(s["request_id"], f["request_id"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let level = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            "info" => "note",
            other => panic!("severity {other}"),
        };
        assert_eq!(s["level"], level);
        levels.insert(level);
        assert!(is_fingerprint(s["fingerprint"].as_str().unwrap()));
        let location = &s["location"];
        let physical = &location["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(!uri.contains(' ') && !uri.contains(':'));
        match cell {
            None => assert_eq!(physical["region"], region),
            Some(cell) => {
                // The notebook file's lines that hold the finding.
                assert!(physical["region"]["startLine"].as_u64().unwrap() > 1);
                assert!(physical["region"]["endLine"].as_u64().is_some());
                assert_eq!(
                    location["logicalLocations"][0]["name"],
                    format!("cell {cell}")
                );
                assert_eq!(
                    location["logicalLocations"][0]["fullyQualifiedName"],
                    filename
                );
                assert_eq!(location["properties"]["notebookCell"], cell);
                assert_eq!(location["properties"]["cellRegion"], region);
            }
        }
        assert_eq!(s["fixStatus"], status_of(f));

        // Fixes: the finding's edits, as byte replacements in the file, when the run would
        // apply them: its own result's fix, or among the safe (or, for an unsafe finding,
        // the all-in) fix of its request's result.
        let edits = f["fix"]["edits"].as_array().cloned().unwrap_or_default();
        let status = status_of(f);
        if matches!(status.as_str(), "safe" | "unsafe") && !edits.is_empty() && cell.is_none() {
            fixes += 1;
            let all = r["fixes"].as_array().unwrap();
            let fix = if status == "safe" {
                &all[0]
            } else {
                all.last().unwrap()
            };
            if r["relatedLocations"].is_null() {
                assert_eq!(fix["description"]["text"], f["fix"]["message"]);
            }
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], uri);
            let replacements = change["replacements"].as_array().unwrap();
            for edit in &edits {
                let start = edit["byte_range"][0].as_u64().unwrap();
                let end = edit["byte_range"][1].as_u64().unwrap();
                let rep = replacements
                    .iter()
                    .find(|rep| {
                        rep["deletedRegion"]["byteOffset"] == start
                            && rep["deletedRegion"]["byteLength"] == end - start
                    })
                    .unwrap_or_else(|| panic!("{rule} in {filename}: edit {edit} not in {fix}"));
                let inserted = rep["insertedContent"]["text"].as_str().unwrap_or("");
                assert_eq!(inserted, edit["content"].as_str().unwrap());
            }
        } else if r["relatedLocations"].is_null() {
            assert!(
                r.get("fixes").is_none(),
                "{rule} in {filename}: no fix expected"
            );
        }
        if rule == "max-tokens" && filename == "chat.json" {
            // Applying the request's safe replacements to the file's bytes renames the key.
            let mut text = fs::read_to_string(dir.path().join("chat.json")).unwrap();
            let mut reps = r["fixes"][0]["artifactChanges"][0]["replacements"]
                .as_array()
                .unwrap()
                .clone();
            reps.sort_by_key(|rep| std::cmp::Reverse(rep["deletedRegion"]["byteOffset"].as_u64()));
            for rep in reps {
                let start = rep["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
                let len = rep["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
                let inserted = rep["insertedContent"]["text"].as_str().unwrap_or("");
                text.replace_range(start..start + len, inserted);
            }
            assert!(text.contains(r#""max_output_tokens": 100"#), "{text}");
        }
    }
    // A grouped result is shown at its most severe finding and links every finding.
    for r in results.iter().filter(|r| !r["relatedLocations"].is_null()) {
        let related = r["relatedLocations"].as_array().unwrap();
        let worst = related
            .iter()
            .map(|l| match l["properties"]["level"].as_str().unwrap() {
                "error" => 0,
                "warning" => 1,
                _ => 2,
            })
            .min()
            .unwrap();
        assert_eq!(r["level"], ["error", "warning", "note"][worst]);
        assert_eq!(r["properties"]["findings"], related.len());
        assert!(
            r["message"]["text"].as_str().unwrap().contains("](1)"),
            "{r}"
        );
    }
    assert!(fixes > 0, "the safe findings on chat.json carry fixes");
    assert_eq!(
        levels.len(),
        3,
        "error, warning and note all occur: {levels:?}"
    );
    // The special file name is percent-encoded.
    assert!(results.iter().any(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("dir%20with%20space/a%2Cb%")
    }));
}

fn json_region(f: &Value) -> Value {
    serde_json::json!({
        "startLine": f["location"]["line"],
        "startColumn": f["location"]["column"],
        "endLine": f["end_location"]["line"],
        "endColumn": f["end_location"]["column"],
    })
}

fn percent_encode(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

use common::skip;

/// ci/sarif-validate.sh (or the script RESPONSIFY_SARIF_VALIDATOR names), when npm works.
fn sarif_validator() -> Result<PathBuf, String> {
    let script = std::env::var_os("RESPONSIFY_SARIF_VALIDATOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ci/sarif-validate.sh"));
    if !script.is_file() {
        return Err(format!("{} does not exist", script.display()));
    }
    let npm = std::process::Command::new("npm").arg("--version").output();
    match npm {
        Ok(o) if o.status.success() => Ok(script),
        _ => Err("npm is not installed, so the SARIF Multitool cannot be".into()),
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let _oracle = common::oracle("sarif_validates_against_the_official_schema");
    const WHAT: &str = "sarif_validates_against_the_official_schema (SARIF Multitool)";
    let script = match sarif_validator() {
        Ok(s) => s,
        Err(why) => return skip(WHAT, &why),
    };
    let dir = mixed_repo();
    let reports = tempfile::tempdir().unwrap();
    let full = reports.path().join("findings.sarif");
    fs::write(&full, check(dir.path(), "sarif")).unwrap();
    let clean = repo(&[(
        "done.json",
        r#"{"model": "gpt-5.5", "input": "hi", "store": false}"#,
    )]);
    let empty = reports.path().join("empty.sarif");
    fs::write(&empty, check(clean.path(), "sarif")).unwrap();
    let output = std::process::Command::new("bash")
        .arg(&script)
        // The Multitool's cache goes under the target directory, not the source tree.
        .env("CARGO_TARGET_TMPDIR", env!("CARGO_TARGET_TMPDIR"))
        .arg(&full)
        .arg(&empty)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    match output.status.code() {
        Some(0) => {
            assert_eq!(text.matches("valid SARIF 2.1.0").count(), 2, "{text}");
        }
        Some(3) => skip(WHAT, text.trim()),
        code => panic!("the SARIF validator rejected the output (exit {code:?}):\n{text}"),
    }
}

/// A generated tree at a scale where one result per finding would be several times the
/// results of one per request: Python files of several requests each, and Batch files whose
/// lines are grouped per file (the largest in several parts).
fn scale_repo(py_files: usize, batch_lines: &[usize]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..py_files {
        let mut py = String::from("from openai import OpenAI\n\nclient = OpenAI()\n");
        for j in 0..5 {
            py += &format!(
                "\n\ndef ask_{j}(q):\n    r = client.chat.completions.create(model=\"gpt-5.5\", \
                 messages=[{{\"role\": \"user\", \"content\": q}}], max_tokens={j}0, n={})\n    \
                 return r.choices[0].message.content\n",
                1 + j % 2
            );
        }
        write_file(dir.path(), &format!("app/m{}/mod_{i}.py", i % 7), &py);
    }
    for (k, &lines) in batch_lines.iter().enumerate() {
        let body: String = (0..lines)
            .map(|l| {
                format!(
                    "{{\"custom_id\": \"r{l}\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \
                     \"body\": {{\"model\": \"gpt-5.5\", \"messages\": [{{\"role\": \"user\", \
                     \"content\": \"q{l}\"}}], \"max_tokens\": 100}}}}\n"
                )
            })
            .collect();
        write_file(dir.path(), &format!("batch/input_{k}.jsonl"), &body);
    }
    dir
}

#[test]
fn sarif_at_scale_has_a_result_per_request_and_keeps_every_finding() {
    let _oracle = common::oracle("sarif_at_scale_has_a_result_per_request_and_keeps_every_finding");
    let dir = scale_repo(40, &[30, 250]);
    let findings = json_findings(dir.path());
    let text = check(dir.path(), "sarif");
    let log: Value = serde_json::from_str(&text).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let py_requests: HashSet<&str> = findings
        .iter()
        .filter(|f| f["filename"].as_str().unwrap().ends_with(".py"))
        .map(|f| f["request_id"].as_str().unwrap())
        .collect();
    assert_eq!(py_requests.len(), 40 * 5);
    let batch: Vec<&Value> = results
        .iter()
        .filter(|r| !r["partialFingerprints"]["responsifyFile/v1"].is_null())
        .collect();
    // The small Batch file is one result; the large one is cut so no result holds more than
    // 1,000 findings.
    let large = findings
        .iter()
        .filter(|f| f["filename"] == "batch/input_1.jsonl")
        .count();
    assert!(large > 1000, "{large}");
    // Parts are cut between requests (lines), each line having the same findings.
    assert_eq!(large % 250, 0, "{large}");
    let per_part = 1000 / (large / 250);
    assert_eq!(batch.len(), 1 + 250usize.div_ceil(per_part), "{large}");
    assert_eq!(results.len(), py_requests.len() + batch.len());
    assert!(
        findings.len() >= 3 * results.len(),
        "{} findings in {} results",
        findings.len(),
        results.len()
    );
    for r in results {
        let related = r["relatedLocations"].as_array().map_or(1, Vec::len);
        assert!(related <= 1000, "{related} locations in one result");
    }
    // Every finding is in the log, at its own place, exactly once.
    let flat = common::sarif_findings(&log);
    assert_eq!(flat.len(), findings.len());
    let place = |uri: &Value, line: &Value, column: &Value, rule: &Value| {
        format!("{uri}:{line}:{column}:{rule}")
    };
    let mut in_sarif: Vec<String> = flat
        .iter()
        .map(|s| {
            let physical = &s["location"]["physicalLocation"];
            place(
                &physical["artifactLocation"]["uri"],
                &physical["region"]["startLine"],
                &physical["region"]["startColumn"],
                &s["ruleId"],
            )
        })
        .collect();
    let mut in_json: Vec<String> = findings
        .iter()
        .map(|f| {
            place(
                &f["filename"],
                &f["location"]["line"],
                &f["location"]["column"],
                &f["rule"],
            )
        })
        .collect();
    in_sarif.sort();
    in_json.sort();
    assert_eq!(in_sarif, in_json);

    // And a grouped log is still valid SARIF 2.1.0 (on a smaller tree of the same shape:
    // the validator takes a minute per few MB).
    const WHAT: &str = "sarif_at_scale (SARIF Multitool)";
    let small = scale_repo(2, &[3]);
    let text = check(small.path(), "sarif");
    assert!(text.contains("responsifyFile/v1") && text.contains("responsifyRequest/v1"));
    let script = match sarif_validator() {
        Ok(s) => s,
        Err(why) => return skip(WHAT, &why),
    };
    let reports = tempfile::tempdir().unwrap();
    let path = reports.path().join("scale.sarif");
    fs::write(&path, &text).unwrap();
    let output = std::process::Command::new("bash")
        .arg(&script)
        // The Multitool's cache goes under the target directory, not the source tree.
        .env("CARGO_TARGET_TMPDIR", env!("CARGO_TARGET_TMPDIR"))
        .arg(&path)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    match output.status.code() {
        Some(0) => assert!(said.contains("valid SARIF 2.1.0"), "{said}"),
        Some(3) => skip(WHAT, said.trim()),
        code => panic!("the SARIF validator rejected the grouped log (exit {code:?}):\n{said}"),
    }
}

/// A GitHub workflow command, split and unescaped.
struct Annotation {
    command: String,
    properties: HashMap<String, String>,
    message: String,
}

fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn parse_annotation(line: &str) -> Annotation {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("`::` before the message");
    let (command, properties) = head.split_once(' ').expect("properties");
    let properties = properties
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), unescape(v))
        })
        .collect();
    Annotation {
        command: command.to_string(),
        properties,
        message: unescape(message),
    }
}

#[test]
fn github_annotations_carry_positions_and_escape_their_data() {
    let dir = mixed_repo();
    let findings = json_findings(dir.path());
    let out = check(dir.path(), "github");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len());
    assert!(!out.contains('\r'), "a CR would end the command early");
    for (line, f) in lines.iter().zip(&findings) {
        let a = parse_annotation(line);
        let want = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(a.command, want);
        let (file, cell) = split_cell(f);
        assert_eq!(a.properties["file"], file);
        assert_eq!(
            a.properties["title"],
            format!("responsify ({})", f["rule"].as_str().unwrap())
        );
        let mut message = f["message"].as_str().unwrap().to_string();
        if let Some(help) = f["help"].as_str() {
            message = format!("{message}\nhelp: {help}");
        }
        match cell {
            None => {
                let p = &a.properties;
                assert_eq!(p["line"], f["location"]["line"].to_string());
                assert_eq!(p["col"], f["location"]["column"].to_string());
                assert_eq!(p["endLine"], f["end_location"]["line"].to_string());
                assert_eq!(p["endColumn"], f["end_location"]["column"].to_string());
                assert_eq!(a.message, message);
            }
            Some(cell) => {
                // The line of the notebook file; the message names the cell's line.
                assert!(a.properties["line"].parse::<u64>().unwrap() > 1);
                assert!(!a.properties.contains_key("col"));
                let prefix = format!("cell {cell}, line {}: ", f["location"]["line"]);
                assert_eq!(a.message, format!("{prefix}{message}"));
            }
        }
    }
    // Escaping, literally: the file name's `,` `:` `%` in a property, `%` CR LF in the data.
    let special = lines
        .iter()
        .find(|l| l.contains("unknown-parameter") && l.contains("file=dir with space/"))
        .expect("the special file's annotation");
    assert!(
        special.starts_with("::error file=dir with space/a%2Cb"),
        "{special}"
    );
    if cfg!(unix) {
        assert!(special.contains("a%2Cb%3Ac%25.json,line=1,"), "{special}");
    }
    assert!(special.contains("::`a,b:c%25d%0D%0A<&>\"x"), "{special}");
    assert!(special.contains("%0Ahelp: "), "{special}");
    assert_eq!(
        parse_annotation(special).message.split('`').nth(1),
        Some(SPECIAL_KEY.split('`').next().unwrap())
    );
}

/// `(check_name, path) → (fingerprint, first line)` of a GitLab report, for unique pairs.
fn gitlab_report(dir: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_str(&check(dir, "gitlab")).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads() {
    let dir = mixed_repo();
    let findings = json_findings(dir.path());
    let issues = gitlab_report(dir.path());
    assert_eq!(issues.len(), findings.len());
    let mut prints = HashSet::new();
    for (issue, f) in issues.iter().zip(&findings) {
        let keys: HashSet<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            HashSet::from([
                "description",
                "check_name",
                "fingerprint",
                "severity",
                "location"
            ])
        );
        assert_eq!(issue["check_name"], f["rule"]);
        let severity = match f["severity"].as_str().unwrap() {
            "error" => "blocker",
            "warning" => "major",
            _ => "minor",
        };
        assert_eq!(issue["severity"], severity);
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert!(is_fingerprint(fingerprint));
        assert!(
            prints.insert(fingerprint.to_string()),
            "fingerprints are unique"
        );
        let (file, cell) = split_cell(f);
        assert_eq!(issue["location"]["path"], file);
        match cell {
            None => {
                assert_eq!(issue["description"], f["message"]);
                assert_eq!(issue["location"]["lines"]["begin"], f["location"]["line"]);
            }
            Some(cell) => {
                let prefix = format!("cell {cell}, line {}: ", f["location"]["line"]);
                assert_eq!(
                    issue["description"].as_str().unwrap(),
                    format!("{prefix}{}", f["message"].as_str().unwrap())
                );
                assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() > 1);
            }
        }
    }
    let clean = repo(&[(
        "done.json",
        r#"{"model": "gpt-5.5", "input": "hi", "store": false}"#,
    )]);
    assert_eq!(gitlab_report(clean.path()), Vec::<Value>::new());
}

fn prints_by_rule(issues: &[Value], path: &str) -> HashMap<String, (String, u64)> {
    issues
        .iter()
        .filter(|i| i["location"]["path"] == path)
        .map(|i| {
            (
                i["check_name"].as_str().unwrap().to_string(),
                (
                    i["fingerprint"].as_str().unwrap().to_string(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

#[test]
fn fingerprints_are_stable_across_runs_and_unrelated_edits() {
    let dir = repo(&[("req/pretty.json", PRETTY), ("other.json", CHAT)]);
    let first = gitlab_report(dir.path());
    assert_eq!(first, gitlab_report(dir.path()), "two runs agree");
    let before = prints_by_rule(&first, "req/pretty.json");
    assert!(before.len() >= 4, "{before:?}");

    // SARIF's findings (grouped in results by request) and GitLab share the fingerprint.
    let log: Value = serde_json::from_str(&check(dir.path(), "sarif")).unwrap();
    let mut sarif: Vec<String> = common::sarif_findings(&log)
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    let mut gitlab: Vec<String> = first
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    sarif.sort();
    gitlab.sort();
    assert_eq!(sarif, gitlab);
    // A request's result is identified by its request id.
    let request_prints = |log: &Value| -> Vec<String> {
        let mut prints: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["partialFingerprints"]["responsifyRequest/v1"].as_str())
            .map(str::to_string)
            .collect();
        prints.sort();
        prints
    };
    let requests_before = request_prints(&log);
    assert_eq!(requests_before.len(), 2, "{log}");

    // Unrelated edits: lines above the request, re-indentation, CRLF, another file.
    let shifted = format!(
        "\n\n\n{}",
        PRETTY.replace("  ", "    ").replace('\n', "\r\n")
    );
    write_file(dir.path(), "req/pretty.json", &shifted);
    write_file(dir.path(), "new.json", BLOCKED);
    let after = prints_by_rule(&gitlab_report(dir.path()), "req/pretty.json");
    assert_eq!(before.len(), after.len());
    let log: Value = serde_json::from_str(&check(dir.path(), "sarif")).unwrap();
    let requests_after = request_prints(&log);
    for print in &requests_before {
        assert!(
            requests_after.contains(print),
            "{print}: the request's result survives"
        );
    }
    for (rule, (print, line)) in &before {
        let (new_print, new_line) = &after[rule];
        assert_eq!(
            print, new_print,
            "{rule}: the fingerprint survives the edit"
        );
        assert_eq!(new_line - line, 3, "{rule}: but the line moved");
    }

    // An edit of the finding's own line is a different finding.
    write_file(dir.path(), "req/pretty.json", &PRETTY.replace("100", "200"));
    let edited = prints_by_rule(&gitlab_report(dir.path()), "req/pretty.json");
    assert_ne!(before["max-tokens"].0, edited["max-tokens"].0);
    assert_eq!(before["messages-to-input"].0, edited["messages-to-input"].0);
}

#[test]
fn identical_findings_get_distinct_stable_fingerprints() {
    // Two identical request lines: the same rule on the same text, told apart by order.
    let lines = format!("{CHAT}{CHAT}");
    let dir = repo(&[("batch.jsonl", &lines)]);
    let issues = gitlab_report(dir.path());
    assert!(issues.len() >= 8, "{issues:?}");
    let prints: HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), issues.len());
    // A line added above both keeps every fingerprint.
    write_file(dir.path(), "batch.jsonl", &format!("\n{lines}"));
    let again: HashSet<String> = gitlab_report(dir.path())
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(again, prints.iter().map(|s| s.to_string()).collect());
}

/// A minimal, strict XML reader: elements, attributes and text; entities and character
/// references decoded; anything malformed panics.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: HashMap<String, String>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attributes
            .get(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }

    fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

struct Reader<'a> {
    s: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.s[self.at..]
    }

    fn eat(&mut self, prefix: &str) -> bool {
        if self.rest().starts_with(prefix) {
            self.at += prefix.len();
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start_matches([' ', '\t', '\r', '\n']);
        self.at = self.s.len() - trimmed.len();
    }

    fn name(&mut self) -> String {
        let end = self
            .rest()
            .find(|c: char| !(c.is_alphanumeric() || "-_:.".contains(c)))
            .unwrap_or(self.rest().len());
        assert!(end > 0, "a name expected at {}", self.at);
        let name = self.rest()[..end].to_string();
        self.at += end;
        name
    }

    fn decode(raw: &str, in_attribute: bool) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find(['&', '<']) {
            assert!(rest.as_bytes()[i] == b'&', "raw `<` in {raw:?}");
            out.push_str(&rest[..i]);
            let end = rest[i..].find(';').expect("an entity ends with `;`") + i;
            let entity = &rest[i + 1..end];
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ if entity.starts_with("#x") => {
                    char::from_u32(u32::from_str_radix(&entity[2..], 16).unwrap()).unwrap()
                }
                _ if entity.starts_with('#') => {
                    char::from_u32(entity[1..].parse().unwrap()).unwrap()
                }
                _ => panic!("unknown entity &{entity};"),
            };
            out.push(c);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        for c in raw.chars() {
            let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
                || c >= '\u{10000}';
            assert!(ok, "{c:?} cannot appear in XML");
            if in_attribute {
                assert!(
                    !matches!(c, '\t' | '\n' | '\r'),
                    "raw whitespace in an attribute would be normalised"
                );
            }
        }
        out
    }

    fn element(&mut self) -> Element {
        assert!(self.eat("<"), "`<` expected at {}", self.at);
        let name = self.name();
        let mut attributes = HashMap::new();
        loop {
            self.skip_space();
            if self.eat("/>") {
                return Element {
                    name,
                    attributes,
                    children: vec![],
                    text: String::new(),
                };
            }
            if self.eat(">") {
                break;
            }
            let key = self.name();
            assert!(self.eat("=\""), "attributes are double-quoted");
            let end = self.rest().find('"').expect("closing quote");
            let value = Self::decode(&self.rest()[..end], true);
            self.at += end + 1;
            assert!(
                attributes.insert(key, value).is_none(),
                "duplicate attribute"
            );
        }
        let mut children = Vec::new();
        let mut text = String::new();
        loop {
            let end = self.rest().find('<').expect("unclosed element");
            text.push_str(&Self::decode(&self.rest()[..end], false));
            self.at += end;
            if self.eat("</") {
                assert_eq!(self.name(), name, "mismatched closing tag");
                self.skip_space();
                assert!(self.eat(">"));
                return Element {
                    name,
                    attributes,
                    children,
                    text,
                };
            }
            children.push(self.element());
        }
    }
}

fn parse_xml(s: &str) -> Element {
    let mut r = Reader { s, at: 0 };
    assert!(
        r.eat(r#"<?xml version="1.0" encoding="UTF-8"?>"#),
        "the XML declaration"
    );
    r.skip_space();
    let root = r.element();
    r.skip_space();
    assert_eq!(r.rest(), "", "nothing after the root element");
    root
}

#[test]
fn junit_has_a_suite_per_file_and_a_failing_case_per_finding() {
    let dir = mixed_repo();
    let findings = json_findings(dir.path());
    let root = parse_xml(&check(dir.path(), "junit"));
    assert_eq!(root.name, "testsuites");
    assert_eq!(root.attr("tests"), findings.len().to_string());
    assert_eq!(root.attr("failures"), findings.len().to_string());

    // Suites: one per file, notebook cells in their notebook's, in report order.
    let mut files: Vec<&str> = Vec::new();
    for f in &findings {
        let (file, _) = split_cell(f);
        if !files.contains(&file) {
            files.push(file);
        }
    }
    let suites: Vec<&Element> = root.named("testsuite").collect();
    assert_eq!(
        suites.iter().map(|s| s.attr("name")).collect::<Vec<_>>(),
        files
    );
    let mut cases = Vec::new();
    for suite in &suites {
        let n = suite.named("testcase").count();
        assert!(n > 0);
        assert_eq!(suite.attr("tests"), n.to_string());
        assert_eq!(suite.attr("failures"), n.to_string());
        cases.extend(suite.named("testcase").map(|c| (suite.attr("name"), c)));
    }
    // Findings of one file come together in the report, so the order is the same.
    assert_eq!(cases.len(), findings.len());
    for ((suite, case), f) in cases.iter().zip(&findings) {
        let rule = f["rule"].as_str().unwrap();
        assert_eq!(case.attr("classname"), *suite);
        assert!(case.attr("name").starts_with(rule), "{}", case.attr("name"));
        let failures: Vec<&Element> = case.named("failure").collect();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].attr("type"), rule);
        // Every character survives, but those XML cannot hold, which are spelled out.
        let message = f["message"].as_str().unwrap().replace('\u{1}', "\\u{0001}");
        assert_eq!(failures[0].attr("message"), message);
        assert!(failures[0].text.contains(&message), "{}", failures[0].text);
    }
    assert!(cases.iter().any(|(_, c)| c.named("failure").any(|f| f
        .attr("message")
        .contains("a,b:c%d\r\n<&>\"x\\u{0001}|*_`y"))));

    // A clean tree is one passing test case, as ruff reports it.
    let clean = repo(&[(
        "done.json",
        r#"{"model": "gpt-5.5", "input": "hi", "store": false}"#,
    )]);
    let empty = parse_xml(&check(clean.path(), "junit"));
    assert_eq!(empty.name, "testsuites");
    assert_eq!(empty.attr("tests"), "1");
    assert_eq!(empty.attr("failures"), "0");
    assert_eq!(empty.children.len(), 1);
    let suite = &empty.children[0];
    assert_eq!(suite.attr("tests"), "1");
    assert_eq!(suite.children.len(), 1);
    assert_eq!(suite.children[0].name, "testcase");
    assert!(suite.children[0].children.is_empty(), "no failure");
}

/// The cells of a Markdown table row, split at unescaped `|`.
fn cells(row: &str) -> Vec<String> {
    let inner = row
        .strip_prefix("| ")
        .and_then(|r| r.strip_suffix(" |"))
        .unwrap_or_else(|| panic!("not a table row: {row:?}"));
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            cells.push(String::new());
            continue;
        }
        escaped = c == '\\' && !escaped;
        cells.last_mut().unwrap().push(c);
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

#[test]
fn markdown_summarises_counts_rules_and_findings() {
    let dir = mixed_repo();
    let findings = json_findings(dir.path());
    let out = check(dir.path(), "markdown");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "## responsify");
    let count = |status: &str| findings.iter().filter(|f| status_of(f) == status).count();
    let files: HashSet<&str> = findings.iter().map(|f| split_cell(f).0).collect();
    assert!(out.contains(&format!(
        "- **{}** findings in {} files\n",
        findings.len(),
        files.len()
    )));
    assert!(out.contains(&format!("- **{}** fixable with `--fix`\n", count("safe"))));
    assert!(out.contains(&format!(
        "- **{}** more with `--fix --unsafe-fixes`\n",
        count("unsafe")
    )));
    assert!(out.contains(&format!(
        "- **{}** blocked until a person decides\n",
        count("blocked")
    )));

    // The rules table: one row per rule with its counts, most frequent first.
    let rows: Vec<Vec<String>> = lines
        .iter()
        .skip_while(|l| !l.starts_with("| rule |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| cells(l))
        .collect();
    let mut per_rule: HashMap<&str, usize> = HashMap::new();
    for f in &findings {
        *per_rule.entry(f["rule"].as_str().unwrap()).or_default() += 1;
    }
    assert_eq!(rows.len(), per_rule.len());
    let mut last = usize::MAX;
    for row in &rows {
        assert_eq!(row.len(), 5, "{row:?}");
        let rule = row[0].trim_matches('`');
        let n: usize = row[1].parse().unwrap();
        assert_eq!(n, per_rule[rule], "{rule}");
        assert!(n <= last);
        last = n;
    }

    // The findings table: exactly three cells a row, even for the special message.
    let rows: Vec<Vec<String>> = lines
        .iter()
        .skip_while(|l| !l.starts_with("| location |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| cells(l))
        .collect();
    assert_eq!(rows.len(), findings.len());
    for (row, f) in rows.iter().zip(&findings) {
        assert_eq!(row.len(), 3, "{row:?}");
        let location = format!(
            "{}:{}:{}",
            shown_path(f),
            f["location"]["line"],
            f["location"]["column"]
        );
        assert_eq!(row[0], format!("`{location}`"));
        assert_eq!(row[1], format!("`{}`", f["rule"].as_str().unwrap()));
    }
    let special = rows
        .iter()
        .find(|r| r[1] == "`unknown-parameter`" && r[0].contains("dir with space"))
        .unwrap();
    // No raw markup, line break or control character gets through.
    assert!(!special[2].contains('<') || special[2].contains("<br>"));
    assert!(special[2].contains("\\<&amp;\\>"), "{}", special[2]);
    assert!(!special[2].contains('\r') && !special[2].contains('\u{1}'));

    // Clean trees say so.
    let clean = repo(&[(
        "done.json",
        r#"{"model": "gpt-5.5", "input": "hi", "store": false}"#,
    )]);
    assert_eq!(
        check(clean.path(), "markdown"),
        "## responsify\n\nNo Chat Completions usage left to migrate.\n"
    );
}

#[test]
fn markdown_caps_the_findings_table() {
    let files: Vec<(String, &str)> = (0..30).map(|i| (format!("r{i:02}.json"), CHAT)).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = repo(&files);
    let total = json_findings(dir.path()).len();
    assert!(total > 100);
    let out = check(dir.path(), "markdown");
    let rows = out
        .lines()
        .skip_while(|l| !l.starts_with("| location |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .count();
    assert_eq!(rows, 100);
    assert!(
        out.contains(&format!("\n…and {} more findings.\n", total - 100)),
        "{out}"
    );
}

#[test]
fn every_format_reports_a_clean_tree_and_exits_0() {
    let dir = repo(&[(
        "done.json",
        r#"{"model": "gpt-5.5", "input": "hi", "store": false}"#,
    )]);
    for format in [
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "markdown",
    ] {
        let assert = responsify()
            .current_dir(dir.path())
            .args(["check", "--output-format", format])
            .assert()
            .code(0);
        let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        match format {
            "json-lines" | "github" => assert_eq!(out, ""),
            "gitlab" => assert_eq!(out.trim(), "[]"),
            "sarif" => {
                let log: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
            }
            _ => assert!(!out.is_empty()),
        }
    }
    // With findings, every format exits 1.
    let dir = repo(&[("chat.json", CHAT)]);
    for format in [
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "markdown",
    ] {
        responsify()
            .current_dir(dir.path())
            .args(["check", "--output-format", format])
            .assert()
            .code(1);
    }
}

/// `request_id` of each JSON finding, by rule and line.
fn request_ids(dir: &Path, format: &str) -> Vec<(String, u64, String)> {
    let out = check(dir, format);
    let items: Vec<Value> = if format == "json-lines" {
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    } else {
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    items
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
                f["request_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_finding_has_a_stable_request_id() {
    let call = "r = client.chat.completions.create(model=\"m\", messages=[], n=2)\n";
    let py = format!("from openai import OpenAI\n\nclient = OpenAI()\n{call}{call}");
    let dir = repo(&[("app.py", &py)]);
    let ids = request_ids(dir.path(), "json");
    let first: HashSet<&str> = ids
        .iter()
        .filter(|i| i.1 == 4)
        .map(|i| i.2.as_str())
        .collect();
    let second: HashSet<&str> = ids
        .iter()
        .filter(|i| i.1 == 5)
        .map(|i| i.2.as_str())
        .collect();
    // One id per request, shared by its findings; two identical requests differ.
    assert_eq!(first.len(), 1, "{ids:?}");
    assert_eq!(second.len(), 1, "{ids:?}");
    assert_ne!(first, second);
    assert_eq!(request_ids(dir.path(), "json-lines"), ids);
    // Lines added above move the requests, not their ids.
    fs::write(dir.path().join("app.py"), format!("# moved\n\n{py}")).unwrap();
    let moved = request_ids(dir.path(), "json");
    let moved_first: HashSet<&str> = moved
        .iter()
        .filter(|i| i.1 == 6)
        .map(|i| i.2.as_str())
        .collect();
    assert_eq!(moved_first, first);
    // SARIF gives each request one result, with the same id in its properties.
    let log: Value = serde_json::from_str(&check(dir.path(), "sarif")).unwrap();
    let sarif: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["properties"]["request_id"].as_str().unwrap())
        .collect();
    let mut json: Vec<&str> = moved.iter().map(|i| i.2.as_str()).collect();
    json.dedup();
    assert_eq!(sarif, json);
    assert_eq!(sarif.len(), 2);
}
