//! Baselines, several reports at once, and output that does not depend on the thread count.

mod common;

use common::repo;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const CHAT: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "n": 2}
"#;
const PY: &str = "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}], n=2)\nprint(r.choices[0].message.content)\n";

fn responsify() -> Command {
    common::bin()
}

#[test]
fn a_baseline_hides_known_findings_survives_moves_and_only_shrinks() {
    let dir = repo(&[("a.json", CHAT), ("app.py", PY)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "Wrote 9 findings to baseline.json.",
        ));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout("");
    // Unrelated lines above the call move it; its findings still match.
    fs::write(
        dir.path().join("app.py"),
        format!("# a comment\nimport os\n\n{PY}"),
    )
    .unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .code(0);
    // A new call is reported.
    fs::write(dir.path().join("b.json"), CHAT).unwrap();
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--baseline",
            "baseline.json",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("b.json:1:71: n-parameter"))
        .stdout(predicate::str::contains("a.json").not());
    // Fixing an old finding leaves stale entries, which fail until the baseline is pruned.
    fs::remove_file(dir.path().join("b.json")).unwrap();
    fs::write(
        dir.path().join("a.json"),
        "{\"model\": \"gpt-5.5\", \"input\": \"hi\", \"store\": false}\n",
    )
    .unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "stale baseline entry: a.json: n-parameter",
        ))
        .stderr(predicate::str::contains(
            "4 baseline entries no longer match",
        ));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Wrote 5 findings"));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .code(0);
}

#[test]
fn several_reports_at_once() {
    let dir = repo(&[("a.json", CHAT)]);
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--output-format",
            "json",
            "--output-file",
            "out.json",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.json:1:71: n-parameter"));
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(report.as_array().unwrap().len(), 4);
    // With every format sent to a file, the terminal gets the full report.
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--output-format",
            "json-lines",
            "--output-file",
            "out.jsonl",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[n-parameter]"));
    assert_eq!(
        fs::read_to_string(dir.path().join("out.jsonl"))
            .unwrap()
            .lines()
            .count(),
        4
    );
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-file", "x.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--output-file needs an --output-format",
        ));
}

#[test]
fn output_is_the_same_with_one_thread_or_two() {
    let mut files = Vec::new();
    for i in 0..40 {
        files.push((format!("d{}/r{i}.json", i % 7), CHAT.to_string()));
        files.push((format!("d{}/p{i}.py", i % 5), PY.to_string()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    let run = |j: &str| {
        responsify()
            .current_dir(dir.path())
            .args(["check", "--output-format", "concise", "-j", j])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("2"));
}

const FUNCS: &str = "from openai import OpenAI\n\nclient = OpenAI()\n\ndef first():\n    r = client.chat.completions.create(model=\"m\", messages=[], n=2)\n    return r\n";

#[test]
fn a_run_on_some_files_judges_only_their_entries() {
    let dir = repo(&[("a.json", CHAT), ("app.py", PY)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    // pre-commit passes only the changed files: the other file's entries are not stale.
    responsify()
        .current_dir(dir.path())
        .args(["check", "app.py", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "No new findings (5 in the baseline).",
        ))
        .stderr(predicate::str::contains("stale").not())
        .stderr(predicate::str::contains("No Chat Completions usage left").not());
    // A file of a walked directory that is gone still leaves stale entries.
    fs::remove_file(dir.path().join("a.json")).unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "app.py", "--baseline", "baseline.json"])
        .assert()
        .code(0);
    responsify()
        .current_dir(dir.path())
        .args(["check", ".", "--baseline", "baseline.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stale baseline entry: a.json"));
}

#[test]
fn stale_entries_are_in_the_machine_readable_reports() {
    let dir = repo(&[("a.json", CHAT), ("app.py", PY)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    fs::write(
        dir.path().join("a.json"),
        "{\"model\": \"gpt-5.5\", \"input\": \"hi\", \"store\": false}\n",
    )
    .unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json", "--output-format", "github"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::error file=a.json,line=1,col=1,endLine=1,endColumn=1,title=responsify (stale-baseline-entry)::stale baseline entry: n-parameter",
        ));
    let out = responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--baseline",
            "baseline.json",
            "--output-format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rules: Vec<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["stale-baseline-entry"; 4]);
    let out = responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--baseline",
            "baseline.json",
            "--output-format",
            "sarif",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["ruleId"], "stale-baseline-entry");
    assert_eq!(results[0]["level"], "error");
}

#[test]
fn a_new_finding_on_a_line_like_a_baselined_one_elsewhere_is_reported() {
    let dir = repo(&[("app.py", FUNCS)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let baseline: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["version"], 2);
    assert_eq!(baseline["findings"][0]["context"], "first");
    // The same call, in another function, above the baselined one.
    let second = FUNCS.replace("def first", "def second():\n    r = client.chat.completions.create(model=\"m\", messages=[], n=2)\n    return r\n\ndef first");
    fs::write(dir.path().join("app.py"), second).unwrap();
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--baseline",
            "baseline.json",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("app.py:6:"))
        .stdout(predicate::str::contains("app.py:10:").not());
}

#[test]
fn a_version_1_baseline_is_still_read() {
    let dir = repo(&[("a.json", CHAT)]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap();
    // The request's result holds its findings as related locations, each with its own
    // version 1 fingerprint, as version 1 baselines stored them.
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "one result for the one request");
    let findings: Vec<serde_json::Value> = results[0]["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let rule = l["properties"]["ruleId"].as_str().unwrap();
            let text = l["message"]["text"].as_str().unwrap();
            serde_json::json!({
                "fingerprint": l["properties"]["responsifyFingerprint/v1"],
                "rule": rule,
                "path": "a.json",
                "message": text.strip_prefix(&format!("{rule}: ")).unwrap(),
            })
        })
        .collect();
    fs::write(
        dir.path().join("v1.json"),
        serde_json::json!({ "version": 1, "findings": findings }).to_string(),
    )
    .unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--baseline", "v1.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "No new findings (4 in the baseline).",
        ));
}
