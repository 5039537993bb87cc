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
    Command::cargo_bin("responsify").unwrap()
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
