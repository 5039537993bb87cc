//! The command line, through the binary: every flag, exit code, stdin, `convert`, and bad input.

mod common;

use common::repo;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const CHAT: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100}
"#;
const BLOCKED: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "n": 2}
"#;
const RESPONSES: &str = r#"{"model": "gpt-5.5", "input": "hi", "store": false}
"#;

fn responsify() -> Command {
    let mut cmd = common::bin();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn read(dir: &tempfile::TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).unwrap()
}

#[test]
fn check_reports_findings_and_exits_1() {
    let dir = repo(&[("req/a.json", CHAT), ("done.json", RESPONSES)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "req/a.json:1:2: chat-completions-request",
        ))
        .stdout(predicate::str::contains(
            "req/a.json:1:22: messages-to-input",
        ))
        .stdout(predicate::str::contains(
            "max-tokens `max_tokens` is `max_output_tokens` in the Responses API [*]",
        ))
        .stdout(predicate::str::contains("done.json").not())
        .stderr(predicate::str::contains(
            "Found 4 findings left to migrate (4 fixable with `--fix`).",
        ));
}

#[test]
fn a_clean_tree_exits_0() {
    let dir = repo(&[
        ("done.json", RESPONSES),
        ("notes.txt", "messages completions"),
    ]);
    responsify()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "No Chat Completions usage left to migrate.",
        ));
}

#[test]
fn full_format_has_code_frames_and_no_colour_in_a_pipe() {
    let dir = repo(&[("a.json", BLOCKED)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "a.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[n-parameter]: `n` has no Responses equivalent",
        ))
        .stdout(predicate::str::contains(" --> a.json:1:71"))
        .stdout(predicate::str::contains(
            "help: send one request per generation",
        ))
        .stdout(predicate::str::contains(
            "note: not fixed yet: the request also needs `n-parameter`",
        ))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn fix_writes_files_keeps_their_mode_and_converges() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo(&[("a.json", CHAT), ("b.json", BLOCKED)]);
    let a = dir.path().join("a.json");
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("b.json:1:71: n-parameter"))
        .stdout(predicate::str::contains("a.json").not())
        .stderr(predicate::str::contains("Fixed 4 findings in 1 file."));
    assert_eq!(
        read(&dir, "a.json"),
        r#"{"model": "gpt-5.5", "input": [{"role": "user", "content": "hi"}], "max_output_tokens": 100, "store": false}
"#
    );
    assert_eq!(
        read(&dir, "b.json"),
        BLOCKED,
        "a blocked unit must not be touched"
    );
    assert_eq!(
        fs::metadata(&a).unwrap().permissions().mode() & 0o777,
        0o640
    );
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.json"])
        .assert()
        .code(0);
    assert!(read(&dir, "a.json").contains("max_output_tokens"));
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let text = r#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": 4}
"#;
    let dir = repo(&[("a.json", text)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.json"])
        .assert()
        .code(1);
    assert_eq!(read(&dir, "a.json"), text);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "a.json"])
        .assert()
        .code(0);
    assert!(read(&dir, "a.json").contains(r#""max_output_tokens": 16"#));
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = repo(&[("a.json", CHAT)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--diff"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/a.json\n+++ b/a.json"))
        .stdout(predicate::str::contains(
            "+{\"model\": \"gpt-5.5\", \"input\"",
        ))
        .stderr(predicate::str::contains("Would fix 4 findings in 1 file."));
    assert_eq!(read(&dir, "a.json"), CHAT);
    let clean = repo(&[("done.json", RESPONSES)]);
    responsify()
        .current_dir(clean.path())
        .args(["check", "--diff"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn diff_exits_1_when_findings_have_no_fix() {
    let dir = repo(&[("b.json", BLOCKED)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--diff"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn json_output_carries_locations_and_fix_edits() {
    let dir = repo(&[("a.json", CHAT)]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let items: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 4);
    let rename = items.iter().find(|i| i["rule"] == "max-tokens").unwrap();
    assert_eq!(
        rename["location"],
        serde_json::json!({"line": 1, "column": 71})
    );
    assert_eq!(rename["fix"]["status"], "safe");
    assert_eq!(
        rename["fix"]["edits"][0]["content"],
        "\"max_output_tokens\""
    );
    assert_eq!(rename["filename"], "a.json");
}

#[test]
fn select_and_ignore_pick_rules() {
    let dir = repo(&[("a.json", CHAT)]);
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--select",
            "max-tokens",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("max-tokens"))
        .stdout(predicate::str::contains("messages-to-input").not());
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--ignore",
            "store-default,max-tokens",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("store-default").not())
        .stdout(predicate::str::contains("max-tokens").not())
        .stdout(predicate::str::contains("messages-to-input"));
    // A partial selection never half-migrates a request.
    responsify()
        .current_dir(dir.path())
        .args(["check", "--select", "max-tokens", "--fix"])
        .assert()
        .code(1);
    assert_eq!(read(&dir, "a.json"), CHAT);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--select", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

#[test]
fn statistics_and_exit_zero() {
    let dir = repo(&[("a.json", CHAT), ("b.json", CHAT)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--statistics", "--exit-zero"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"(?m)^\s+2  chat-completions-request\s+\[\*\]").unwrap());
}

#[test]
fn stdin_with_a_file_name() {
    responsify()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "body.json",
            "--output-format",
            "concise",
        ])
        .write_stdin(CHAT)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("body.json:1:71: max-tokens"));
    responsify()
        .args(["check", "--fix", "--stdin-filename", "body.json"])
        .write_stdin(CHAT)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"max_output_tokens\": 100"));
    responsify()
        .args(["check", "-", "--stdin-filename", "notes.txt"])
        .write_stdin("hello")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read this kind of file"));
}

#[test]
fn explain_and_rules() {
    responsify()
        .args(["explain", "max-tokens"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# max-tokens\n"))
        .stdout(predicate::str::contains("## Fix safety"));
    responsify()
        .args(["explain", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `nope`"));
    let listed = responsify()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8(listed).unwrap();
    for rule in responsify::rules::all() {
        assert!(
            listed.contains(rule.meta().name),
            "`rules` misses {}",
            rule.meta().name
        );
    }
    assert!(listed.contains("system-to-instructions") && listed.contains("(opt-in)"));
}

#[test]
fn convert_prints_the_responses_body() {
    let dir = repo(&[("a.json", CHAT)]);
    let out = responsify()
        .args(["convert"])
        .arg(dir.path().join("a.json"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let body: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(body["max_output_tokens"], 100);
    assert_eq!(body["store"], false);
    assert!(body.get("messages").is_none());
    assert_eq!(read(&dir, "a.json"), CHAT, "convert never writes");
}

#[test]
fn convert_reads_stdin_and_batch_lines() {
    let batch = concat!(
        r#"{"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "messages": [{"role": "user", "content": "a"}]}}"#,
        "\n",
        r#"{"custom_id": "2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "messages": [{"role": "user", "content": "b"}]}}"#,
        "\n"
    );
    let out = responsify()
        .args(["convert", "-"])
        .write_stdin(batch)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 2);
    assert_eq!(out.matches("\"url\": \"/v1/responses\"").count(), 2);
}

/// A conversion that is complete but changes a named behaviour is printed, with what it
/// changed named on stderr and exit 1; a person decides whether to use it.
#[test]
fn convert_prints_a_complete_conversion_and_names_its_unsafe_fixes() {
    let body = r#"{"model": "gpt-4o", "messages": [{"role": "user", "content": "news?"}], "max_tokens": 100, "max_completion_tokens": 50, "web_search_options": {"search_context_size": "low"}}"#;
    let out = responsify()
        .arg("convert")
        .write_stdin(body)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let converted: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(converted["max_output_tokens"], 50);
    assert!(converted.get("max_tokens").is_none());
    assert_eq!(converted["tools"][0]["type"], "web_search");
    assert_eq!(converted["tools"][0]["search_context_size"], "low");
    assert!(converted.get("web_search_options").is_none());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("note[max-tokens]"), "{err}");
    assert!(err.contains("note[web-search-options]"), "{err}");
    assert!(err.contains("converted; check the behaviours"), "{err}");
}

/// A chat search model is not served by the Responses API: the body is not converted, and the
/// finding says what to move to (and when the model shuts down).
#[test]
fn convert_refuses_a_model_responses_does_not_serve() {
    let body = r#"{"model": "gpt-4o-search-preview", "messages": [{"role": "user", "content": "news?"}], "web_search_options": {}}"#;
    responsify()
        .arg("convert")
        .write_stdin(body)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("error[chat-only-model]"))
        .stderr(predicate::str::contains("shut down on 2026-07-23"));
}

#[test]
fn convert_refuses_parameters_without_equivalent() {
    responsify()
        .arg("convert")
        .write_stdin(BLOCKED)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("error[n-parameter]"))
        .stderr(predicate::str::contains("not converted"));
    responsify()
        .arg("convert")
        .write_stdin("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no Chat Completions request found",
        ));
}

#[test]
fn bad_input_is_reported_and_the_run_goes_on() {
    let dir = repo(&[
        ("good.json", CHAT),
        ("broken.json", "{\"model\": \"m\", \"messages\": [\n"),
    ]);
    fs::write(
        dir.path().join("binary.json"),
        b"{\"messages\": \x00\x01\x02}",
    )
    .unwrap();
    fs::write(
        dir.path().join("latin1.json"),
        b"{\"messages\": \"caf\xe9\"}",
    )
    .unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("good.json:1:71: max-tokens"))
        .stderr(predicate::str::contains(
            "error: broken.json: syntax error at 1:28: Unterminated array",
        ))
        .stderr(predicate::str::contains("error: binary.json: binary file"))
        .stderr(predicate::str::contains(
            "error: latin1.json: not valid UTF-8 (at byte 17)",
        ));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "broken.json"])
        .assert()
        .code(2);
    assert_eq!(
        read(&dir, "broken.json"),
        "{\"model\": \"m\", \"messages\": [\n"
    );
}

#[test]
fn missing_huge_and_unreadable_files() {
    let dir = repo(&[("a.json", CHAT)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "nope.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: nope.json: No such file"));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--max-file-size", "10", "a.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than the limit of 10"));
    use std::os::unix::fs::PermissionsExt;
    let a = dir.path().join("a.json");
    fs::set_permissions(&a, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&a).is_ok() {
        // Root reads anything; nothing to prove here.
        return;
    }
    responsify()
        .current_dir(dir.path())
        .args(["check", "a.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

/// A module the run read for its words (a helper's importers were looked for) and found
/// nothing in is not read again; the size limit still holds for it.
#[test]
fn a_module_read_for_its_words_still_keeps_the_size_limit() {
    let helper = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(messages):\n    return client.chat.completions.create(model=\"gpt-4o\", messages=messages)\n";
    let caller = "from a_helper import ask\n\nprint(ask([])[\"choices\"])\n";
    let quiet = format!("# {}\nx = 1\n", "plain code ".repeat(20));
    // Checked in this order on one thread: the helper's question reads every module before
    // the quiet ones are checked.
    let dir = repo(&[
        ("a_helper.py", helper),
        ("b_app.py", caller),
        ("c_big.py", &quiet),
        ("d_small.py", "y = 2\n"),
    ]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "-j", "1", "--max-file-size", "200"])
        .args(["--output-format", "concise", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("c_big.py: file is") && stderr.contains("larger than the limit of 200"),
        "{stderr}"
    );
    assert!(!stderr.contains("d_small.py"), "{stderr}");
    assert!(
        stdout.contains("a_helper.py"),
        "the helper's request is reported: {stdout}"
    );
}

#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = repo(&[("sub/a.json", CHAT)]);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub").join("loop")).unwrap();
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("sub/a.json:1:2"));
}

#[test]
fn gitignored_files_are_skipped() {
    let dir = repo(&[
        (".gitignore", "vendor/\n"),
        ("vendor/a.json", CHAT),
        ("b.json", RESPONSES),
    ]);
    responsify()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(0);
}

#[test]
fn fix_keeps_bom_crlf_and_missing_final_newline() {
    let text = "\u{feff}{\r\n  \"model\": \"m\",\r\n  \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]\r\n}";
    let dir = repo(&[("a.json", text)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(0);
    assert_eq!(
        read(&dir, "a.json"),
        "\u{feff}{\r\n  \"model\": \"m\",\r\n  \"input\": [{\"role\": \"user\", \"content\": \"x\"}],\r\n  \"store\": false\r\n}"
    );
}

#[test]
fn version_and_help() {
    responsify()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("responsify "));
    responsify()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--unsafe-fixes"));
}

#[test]
fn docs_are_fixed_only_when_asked() {
    let md = "# Use\n\n```python\nfrom openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r.choices[0].message.content)\n```\n";
    let dir = repo(&[("guide.md", md)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "guide.md:6:12: chat-completions-request",
        ));
    assert_eq!(read(&dir, "guide.md"), md);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "--fix-docs"])
        .assert()
        .code(0);
    assert!(read(&dir, "guide.md").contains("r = client.responses.create(model=\"m\", input=[{\"role\": \"user\", \"content\": \"x\"}], store=False)\nprint(r.output_text)\n```\n"));
}

#[test]
fn notebooks_report_per_cell_and_fix_in_place() {
    let nb = r##"{
 "cells": [
  {"cell_type": "code", "id": "a", "execution_count": 1, "metadata": {}, "outputs": [],
   "source": ["%pip install openai\n", "from openai import OpenAI\n", "client = OpenAI()"]},
  {"cell_type": "code", "id": "b", "execution_count": 2, "metadata": {}, "outputs": [],
   "source": ["r = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\n", "print(r.choices[0].message.content)"]}
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
"##;
    let dir = repo(&[("demo.ipynb", nb)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "demo.ipynb:cell 2:1:12: chat-completions-request",
        ))
        .stdout(predicate::str::contains(
            "demo.ipynb:cell 2:2:7: choices-read",
        ));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(0);
    let fixed = read(&dir, "demo.ipynb");
    assert!(fixed.contains(
        r#""source": ["%pip install openai\n", "from openai import OpenAI\n", "client = OpenAI()"]"#
    ));
    assert!(fixed.contains(r#""print(r.output_text)""#));
    assert!(fixed.contains(r#"store=False)\n", "#));
}

#[test]
fn declared_responses_providers_migrate() {
    let code = "from openai import OpenAI\n\nclient = OpenAI(base_url=\"https://llm.internal.example/v1\")\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r.choices[0].message.content)\n";
    let dir = repo(&[("app.py", code)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix", "--output-format", "concise"])
        .assert()
        // Another server named in the code is left alone on purpose: a note, not a failure.
        .code(0)
        .stdout(predicate::str::contains(
            "app.py:4:12: third-party-endpoint",
        ));
    assert_eq!(read(&dir, "app.py"), code);
    responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--fix",
            "--responses-provider",
            "https://llm.internal.example/",
        ])
        .assert()
        .code(0);
    assert!(read(&dir, "app.py").contains("client.responses.create("));
}

#[test]
fn report_json_and_csv_give_one_row_per_request_that_needs_a_person() {
    let dir = repo(&[
        (".github/CODEOWNERS", "* @all\n/svc/ @svc-team\n"),
        ("CODEOWNERS", "* @ignored\n"),
        (
            "svc/a.json",
            "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}\n",
        ),
        (
            "ok.json",
            "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n",
        ),
        (
            "web/app.py",
            "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[], n=3)\n",
        ),
    ]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["report", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = rows.as_array().unwrap();
    // The request that migrates by itself is no ticket.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["file"], "svc/a.json");
    assert_eq!(rows[0]["line"], 1);
    assert_eq!(
        rows[0]["blocking_rules"],
        serde_json::json!(["n-parameter"])
    );
    assert!(rows[0]["what_to_do"][0]
        .as_str()
        .unwrap()
        .contains("one request per generation"));
    assert_eq!(rows[0]["top_directory"], "svc");
    // .github/CODEOWNERS comes first; its last matching pattern wins.
    assert_eq!(rows[0]["owners"], serde_json::json!(["@svc-team"]));
    assert_eq!(rows[1]["file"], "web/app.py");
    assert_eq!(rows[1]["line"], 4);
    assert_eq!(rows[1]["owners"], serde_json::json!(["@all"]));
    // The ids are those of `check`'s findings.
    let check = responsify()
        .current_dir(dir.path())
        .args(["check", "web/app.py", "--output-format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let findings: serde_json::Value = serde_json::from_slice(&check).unwrap();
    assert_eq!(findings[0]["request_id"], rows[1]["request_id"]);
    let csv = responsify()
        .current_dir(dir.path())
        .args(["report", "--format", "csv"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "request_id,file,cell,line,blocking_rules,what_to_do,top_directory,owners"
    );
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with(&format!(
        "{},svc/a.json,,1,n-parameter,\"",
        rows[0]["request_id"].as_str().unwrap()
    )));
    assert!(lines[1].ends_with(",svc,@svc-team"), "{}", lines[1]);
}

#[test]
fn add_noqa_suppresses_what_needs_a_person_in_the_code() {
    let py = "from openai import OpenAI\n\nclient = OpenAI()\n\ndef f():\n    r = client.chat.completions.create(\n        model=\"m\",\n        messages=[],\n        n=3,\n    )\n    return r.choices[0].message.content\n\nok = client.chat.completions.create(model=\"m\", messages=[])\nprint(ok.choices[0].message.content)\n";
    let ts = "import OpenAI from \"openai\";\n\nconst client = new OpenAI();\nconst r = await client.chat.completions.create({ model: \"m\", messages: [{ role: \"user\", content: \"hi\" }], n: 2 });\nconsole.log(r.choices[0].message.content);\n";
    let dir = repo(&[
        ("app.py", py),
        ("web/a.ts", ts),
        (
            "b.json",
            "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}\n",
        ),
    ]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--add-noqa=ranks drafts"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Added 3 suppressions to 2 files."))
        .stderr(predicate::str::contains(
            "use per-file-ignores or a baseline",
        ));
    let after = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(after.contains(
        "def f():\n    # responsify: ignore[chat-completions-request] -- ranks drafts\n    r = client"
    ), "{after}");
    assert!(
        after.contains("        # responsify: ignore[n-parameter] -- ranks drafts\n        n=3,"),
        "{after}"
    );
    // The request that migrates by itself is left to --fix.
    assert!(after.ends_with(
        "\nok = client.chat.completions.create(model=\"m\", messages=[])\nprint(ok.choices[0].message.content)\n"
    ), "{after}");
    let after = fs::read_to_string(dir.path().join("web/a.ts")).unwrap();
    assert!(after.contains(
        "// responsify: ignore[chat-completions-request, n-parameter] -- ranks drafts\nconst r ="
    ), "{after}");
    // Nothing left that needs a person in those files, and no suppression unused.
    responsify()
        .current_dir(dir.path())
        .args(["check", "app.py", "web/a.ts", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("app.py:15:"))
        .stdout(predicate::str::contains("unused-suppression").not())
        .stdout(predicate::str::contains("n-parameter").not())
        .stdout(predicate::str::contains("web/a.ts").not());
}

#[test]
fn unused_suppressions_are_fixed_and_unknown_rules_reported_in_any_file() {
    // No OpenAI usage at all: the comments are still read.
    let py = "import os\n\nx = os.getcwd()  # responsify: ignore[n-parametre]\n# responsify: ignore[max-tokens] -- old\ny = 1  # responsify: ignore[store-default]\n";
    let ts = "const x = 1; // responsify: ignore[n-parameter]\n";
    let dir = repo(&[("plain.py", py), ("a.ts", ts)]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "plain.py:3:18: unused-suppression this comment names unknown rule `n-parametre`, which silences nothing",
        ))
        .stdout(predicate::str::contains("plain.py:4:1: unused-suppression this comment silences `max-tokens` on its line, but nothing is reported there [*]"))
        .stdout(predicate::str::contains("a.ts:1:14: unused-suppression"));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Fixed 3 findings in 2 files."));
    // The unknown rule is left to a person; the unused comments are gone.
    assert_eq!(
        fs::read_to_string(dir.path().join("plain.py")).unwrap(),
        "import os\n\nx = os.getcwd()  # responsify: ignore[n-parametre]\ny = 1\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.ts")).unwrap(),
        "const x = 1;\n"
    );
}

#[test]
fn statistics_honour_json_and_rules_say_opt_in_once() {
    let dir = repo(&[(
        "a.json",
        "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}\n",
    )]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--statistics", "--output-format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stats: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let n = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "n-parameter")
        .unwrap();
    assert_eq!(n["count"], 1);
    assert_eq!(n["fixable"], false);
    let rules = responsify()
        .args(["rules"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rules = String::from_utf8(rules).unwrap();
    assert!(rules.contains("(opt-in)"));
    assert!(!rules.contains("(opt-in) (opt-in)"), "{rules}");
}

#[test]
fn the_default_format_follows_github_actions_and_coding_agents() {
    let dir = repo(&[
        (
            "a.json",
            "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}\n",
        ),
        (
            "b.json",
            "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 100}\n",
        ),
    ]);
    responsify()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("::warning file=a.json,line=1,"))
        .stdout(predicate::str::contains(
            "::error file=a.json,line=1,col=65,",
        ));
    for var in [
        "CLAUDECODE",
        "CODEX_SANDBOX",
        "CURSOR_AGENT",
        "GEMINI_CLI",
        "AI_AGENT",
    ] {
        let out = responsify()
            .current_dir(dir.path())
            .env(var, "1")
            .args(["check"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains(" --> "), "no code frames under {var}:\n{out}");
        assert!(
            out.lines().any(|l| l.starts_with("a.json:1:")
                && l.contains("n-parameter: ")
                && l.contains(" -> edit by hand: ")),
            "{var}:\n{out}"
        );
        assert!(
            out.lines().any(|l| l.starts_with("b.json:1:")
                && l.contains("max-tokens: ")
                && l.contains("(run `responsify check --fix`)")),
            "{var}:\n{out}"
        );
    }
    // An explicit format wins; an empty variable picks nothing.
    responsify()
        .current_dir(dir.path())
        .env("CLAUDECODE", "1")
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(" -> ").not());
    responsify()
        .current_dir(dir.path())
        .env("CLAUDECODE", "")
        .args(["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(" --> "));
}

#[test]
fn the_report_names_every_language_and_counts_a_notebook_once() {
    let py = "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r.choices[0].message.content)\n";
    let ts = "import OpenAI from \"openai\";\n\nconst client = new OpenAI();\nconst r = await client.chat.completions.create({ model: \"m\", messages: [{ role: \"user\", content: \"hi\" }] });\nconsole.log(r.choices[0].message.content);\n";
    let cell = serde_json::json!({"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": py});
    let nb = serde_json::json!({"cells": [cell.clone(), cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).to_string();
    let dir = repo(&[("nb.ipynb", &nb), ("a.ts", ts), ("b.mjs", ts)]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["report", "--format", "markdown"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let row = |language: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.starts_with(&format!("| {language} |")))
            .unwrap_or_else(|| panic!("no {language} row:\n{out}"))
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    assert_eq!(row("TypeScript")[7], "1");
    assert_eq!(row("JavaScript")[7], "1");
    // Two cells with findings, one notebook file.
    assert_eq!(row("Python")[7], "1");
    assert!(!out.contains("| other |"), "{out}");
}

/// A Batch input file converted without the `batches.create` call that uploads it is
/// rejected by the Batch API: `--fix --unsafe-fixes` leaves it byte for byte and says why.
#[test]
fn batch_files_are_never_fixed_without_their_uploader() {
    let batch = concat!(
        r#"{"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "messages": [{"role": "user", "content": "a"}]}}"#,
        "\n"
    );
    let dir = repo(&[("requests.jsonl", batch)]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "--unsafe-fixes", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(read(&dir, "requests.jsonl"), batch);
    assert!(out.contains("`batches.create`"), "{out}");
}

/// A batch takes one endpoint: when one line of a Batch file cannot be converted, `convert`
/// converts none and prints nothing, rather than a file that mixes endpoints.
#[test]
fn convert_refuses_a_batch_file_with_a_line_it_cannot_convert() {
    let batch = concat!(
        r#"{"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "messages": [{"role": "user", "content": "a"}]}}"#,
        "\n",
        r#"{"custom_id": "2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "n": 5, "messages": [{"role": "user", "content": "b"}]}}"#,
        "\n"
    );
    let out = responsify()
        .args(["convert", "--unsafe-fixes", "-"])
        .write_stdin(batch)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2 of this Batch file cannot be converted yet"),
        "{err}"
    );
}
