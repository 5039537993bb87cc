//! responsify never dies, hangs or loses a byte: each failure of issue 14, through the binary,
//! on inputs the tests make themselves.

mod common;

use assert_cmd::Command;
use common::repo;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A Python request with something to fix.
const PY_CHAT: &str = "from openai import OpenAI\n\nclient = OpenAI()\nanswer = client.chat.completions.create(model='gpt-5.5', messages=[{'role': 'user', 'content': 'hi'}])\nprint(answer.choices[0].message.content)\n";

/// Generous: a debug build on a loaded two-core machine. A hang never ends at all.
const TIMEOUT: Duration = Duration::from_secs(60);

fn responsify() -> Command {
    let mut cmd = common::bin();
    cmd.env("NO_COLOR", "1").timeout(TIMEOUT);
    cmd
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

// ---- deadlock --------------------------------------------------------------------------

/// Two threads starting on one new directory used to hang in `Resolver::resolve` (a guard
/// alive in an `if let` while its body locked again): about one run in 20.
#[test]
fn parallel_runs_never_hang() {
    let dir = repo(&[
        ("a/f1.py", PY_CHAT),
        ("a/f2.py", PY_CHAT),
        ("a/f3.py", PY_CHAT),
        ("a/f4.py", PY_CHAT),
    ]);
    for _ in 0..40 {
        let out = responsify()
            .current_dir(dir.path())
            .args([
                "check",
                "--isolated",
                "-j",
                "2",
                "--output-format",
                "concise",
            ])
            .output()
            .expect("the run ends within the timeout");
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    }
}

/// One folder named two ways in one run hung every time, even on one thread.
#[test]
fn one_folder_named_two_ways_does_not_hang() {
    let dir = repo(&[("sub/f1.py", PY_CHAT), ("sub/f2.py", PY_CHAT)]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "-j", "1", "--output-format", "concise"])
        .args(["sub/f1.py", "./sub/f2.py"])
        .output()
        .expect("the run ends within the timeout");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("sub/f1.py:4:"), "{stdout}");
    assert!(stdout.contains("sub/f2.py:4:"), "{stdout}");
    let out = responsify()
        .current_dir(dir.path().join("sub"))
        .args([
            "check",
            "--output-format",
            "concise",
            "../sub/f1.py",
            "f2.py",
        ])
        .output()
        .expect("the run ends within the timeout");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
}

// ---- byte order marks ------------------------------------------------------------------

/// A syntax error right after a BOM used to slice inside it and panic (exit 101).
#[test]
fn a_bom_before_a_syntax_error_is_reported_not_a_panic() {
    let bom = "\u{feff}";
    let dir = repo(&[
        ("b.py", &format!("{bom}\"\"responses")),
        ("b.json", &format!("{bom}{{\"messages\": ")),
        ("b.ts", &format!("{bom}\"\"responses(")),
        ("b.rs", &format!("{bom}\"\"async_openai")),
        ("ok.py", PY_CHAT),
    ]);
    for name in ["b.py", "b.json", "b.ts", "b.rs"] {
        let out = responsify()
            .current_dir(dir.path())
            .args(["check", "--isolated", name, "ok.py"])
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("error: {name}: syntax error at 1:")),
            "{name}: {stderr}"
        );
        // The run went on to the next file.
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("ok.py"),
            "{name}"
        );
    }
}

/// A BOM before a fixable request is kept, and the request is fixed.
#[test]
fn a_bom_is_kept_through_a_fix() {
    let dir = repo(&[("c.py", &format!("\u{feff}{PY_CHAT}"))]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "c.py"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("c.py")).unwrap();
    assert!(fixed.starts_with("\u{feff}from openai"), "{fixed}");
    assert!(fixed.contains("client.responses.create("), "{fixed}");
}

// ---- deep nesting ----------------------------------------------------------------------

/// Source nested `levels` deep in brackets, with the front end's trigger text in a comment.
fn nested(name: &str, levels: usize) -> String {
    let (open, close) = ("(".repeat(levels), ")".repeat(levels));
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("rs") => format!("// async_openai\nconst X: i32 = {open}1{close};\n"),
        Some("py") => format!("# completions\nx = {open}1{close}\n"),
        Some("md") => format!("# completions\n\n```ts\nconst x = {open}1{close};\n```\n"),
        Some("ipynb") => format!(
            r##"{{"cells": [{{"cell_type": "code", "metadata": {{}}, "outputs": [], "source": ["# completions\n", "x = {open}1{close}\n"]}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}"##
        ),
        _ => format!("// completions\nconst x = {open}1{close};\n"),
    }
}

/// Deep nesting used to overflow the stack and abort the run (SIGABRT): Rust at about 1,000
/// brackets, TypeScript and Markdown at 3,000, Python at 10,000. Now such a file gets an
/// error of its own, and the others are still checked.
#[test]
fn deep_nesting_is_a_per_file_error() {
    let names = ["d.rs", "d.ts", "d.js", "d.py", "d.md", "d.ipynb"];
    let files: Vec<(String, String)> = names
        .iter()
        .map(|n| (n.to_string(), nested(n, 100_000)))
        .chain([("ok.py".to_string(), PY_CHAT.to_string())])
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for name in names {
        assert!(
            stderr.contains(&format!(
                "error: {name}: brackets nested more than 1000 levels deep"
            )),
            "{name}: {stderr}"
        );
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok.py:4:"));
}

/// Right at the limit every front end still parses and checks the file: the depth guard,
/// not the stack, decides. Python's indented blocks count as nesting too.
#[test]
fn nesting_at_the_limit_still_parses() {
    let names = ["e.rs", "e.ts", "e.py", "e.md"];
    let mut files: Vec<(String, String)> = names
        .iter()
        // One level for the statement's own brackets in Markdown and Rust.
        .map(|n| (n.to_string(), nested(n, 999)))
        .collect();
    let blocks: String = (0..1000)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect();
    files.push((
        "blocks.py".into(),
        format!("# completions\n{blocks}{}pass\n", " ".repeat(1000)),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let deeper = format!(
        "# completions\n{blocks}{}if x:\n{}pass\n",
        " ".repeat(1000),
        " ".repeat(1001)
    );
    fs::write(dir.path().join("blocks.py"), deeper).unwrap();
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: blocks.py: indented blocks nested more than 1000 levels deep"),
        "{stderr}"
    );
}

// ---- broken pipes ----------------------------------------------------------------------

/// Run `args` with stdout into a pipe nobody reads; the command must end on its own.
fn closed_pipe(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let bin = assert_cmd::cargo::cargo_bin("responsify");
    let mut child = std::process::Command::new(bin)
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Hang up before the command has started: everything it writes meets a closed pipe, as
    // after `| head -1` once head has its line.
    drop(child.stdout.take());
    let started = Instant::now();
    let output = loop {
        if let Some(_status) = child.try_wait().unwrap() {
            break child.wait_with_output().unwrap();
        }
        assert!(started.elapsed() < TIMEOUT, "{args:?} did not end");
        std::thread::sleep(Duration::from_millis(20));
    };
    (output.status.code(), stderr_of(&output))
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let files: Vec<(String, String)> = (0..30)
        .map(|i| (format!("f{i:03}.py"), PY_CHAT.to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    let cases: [(&[&str], i32); 6] = [
        (&["rules"], 0),
        (&["explain", "n-parameter"], 0),
        (&["config", "."], 0),
        // The outcome is the run's own: findings are exit 1 whether anyone read them or not.
        (&["check", "--isolated"], 1),
        (&["check", "--isolated", "--diff"], 1),
        (&["report", "--isolated", "--format", "markdown"], 0),
    ];
    for (args, code) in cases {
        let (status, stderr) = closed_pipe(dir.path(), args);
        assert_eq!(status, Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
}
