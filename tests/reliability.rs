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

// ---- bad inputs ------------------------------------------------------------------------

/// A notebook with the Python request in one cell.
fn notebook(prefix: &str) -> String {
    let source: Vec<String> = PY_CHAT
        .lines()
        .map(|l| serde_json::to_string(&format!("{l}\n")).unwrap())
        .collect();
    format!(
        r#"{prefix}{{"cells": [{{"cell_type": "code", "execution_count": null, "metadata": {{}}, "outputs": [], "source": [{}]}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}"#,
        source.join(", ")
    )
}

/// A binary file with a source file's name is an error whether or not it mentions anything
/// a front end looks for: it used to be skipped without a word when it did not.
#[test]
fn a_binary_source_file_is_named_and_fails_the_run() {
    let dir = repo(&[("ok.py", PY_CHAT)]);
    fs::write(dir.path().join("blob.py"), b"\x7fELF\x00\x01\x02\x03").unwrap();
    fs::write(dir.path().join("blob.ipynb"), b"\x00\x00{").unwrap();
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for name in ["blob.py", "blob.ipynb"] {
        assert!(
            stderr.contains(&format!(
                "error: {name}: binary file (contains NUL bytes); skipped"
            )),
            "{stderr}"
        );
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok.py:4:"));
}

/// A FIFO with a source file's name is never opened (reading it would wait for a writer for
/// ever): named on the command line it is an error, met on a walk a warning.
#[cfg(unix)]
#[test]
fn a_fifo_is_named_never_read() {
    let dir = repo(&[("ok.py", PY_CHAT), ("tree/ok.py", PY_CHAT)]);
    for fifo in ["x.py", "tree/y.py", "tree/z.ipynb"] {
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join(fifo))
            .status()
            .unwrap();
        assert!(made.success());
    }
    let out = responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            "x.py",
            "ok.py",
        ])
        .output()
        .expect("the run ends within the timeout");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr
            .contains("error: x.py: a FIFO (named pipe), not a file responsify can read; skipped"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok.py:4:"));
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise", "tree"])
        .output()
        .expect("the run ends within the timeout");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for name in ["tree/y.py", "tree/z.ipynb"] {
        assert!(
            stderr.contains(&format!(
                "warning: {name}: a FIFO (named pipe), not a file; skipped"
            )),
            "{stderr}"
        );
    }
}

/// nbformat 3 and JSON that is not a notebook are named; a BOM before a notebook is fine and
/// kept through a fix.
#[test]
fn notebooks_that_cannot_be_read_are_named_and_a_bom_is_accepted() {
    let old = r#"{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [{"cell_type": "code", "input": ["client.chat.completions.create()"]}]}]}"#;
    let dir = repo(&[
        ("old.ipynb", old),
        ("list.ipynb", r#"["chat", "completions"]"#),
        ("bom.ipynb", &notebook("\u{feff}")),
    ]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: old.ipynb: a version 3 notebook: responsify reads nbformat 4"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: list.ipynb: not a Jupyter notebook"),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("bom.ipynb:cell 1:4:"),
        "{stderr}"
    );
    responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "bom.ipynb"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("bom.ipynb")).unwrap();
    assert!(fixed.starts_with("\u{feff}{\"cells\""), "{fixed}");
    assert!(fixed.contains("client.responses.create("), "{fixed}");
}

/// `--fix` leaves a read-only file as it is, says so, and does not count its findings as
/// fixed. The mode bits decide, so this holds for root too.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo(&[
        ("ro.py", PY_CHAT),
        ("ro.ipynb", &notebook("")),
        ("rw.py", PY_CHAT),
    ]);
    for name in ["ro.py", "ro.ipynb"] {
        fs::set_permissions(dir.path().join(name), fs::Permissions::from_mode(0o444)).unwrap();
    }
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "--output-format", "concise"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    // Findings remain in the read-only files: exit 1, not an error.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for name in ["ro.py", "ro.ipynb"] {
        assert!(
            stderr.contains(&format!(
                "warning: {name}: read-only, so its fixes were not written"
            )),
            "{stderr}"
        );
        let mode = fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o444, "{name}");
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("ro.py")).unwrap(),
        PY_CHAT
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("ro.ipynb")).unwrap(),
        notebook("")
    );
    assert!(stderr.contains("Fixed 4 findings in 1 file."), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("ro.py:4:17: chat-completions-request"),
        "{stdout}"
    );
    assert!(stdout.contains("ro.ipynb:cell 1:4:"), "{stdout}");
    assert!(!stdout.contains("rw.py"), "{stdout}");
}

/// Make `dir` refuse new files, for root too where `chattr` works. False when neither does.
#[cfg(unix)]
fn seal(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(dir.join(".probe"), "").is_err() {
        return true;
    }
    let _ = fs::remove_file(dir.join(".probe"));
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    std::process::Command::new("chattr")
        .arg("+i")
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && fs::write(dir.join(".probe"), "").is_err()
}

#[cfg(unix)]
fn unseal(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(dir)
        .stderr(Stdio::null())
        .status();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A fix that cannot be written is an error, the file keeps every byte, its findings are
/// reported as they still are, and the summary does not count it as fixed.
#[cfg(unix)]
#[test]
fn a_failed_write_is_an_error_not_a_fix() {
    let dir = repo(&[("sealed/f.py", PY_CHAT), ("open/g.py", PY_CHAT)]);
    let sealed = dir.path().join("sealed");
    if !seal(&sealed) {
        eprintln!("skipped: no way to make a directory refuse writes here");
        return;
    }
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "--output-format", "concise"])
        .output()
        .unwrap();
    unseal(&sealed);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: sealed/f.py: cannot write the fixed file:"),
        "{stderr}"
    );
    assert!(stderr.contains("Fixed 4 findings in 1 file."), "{stderr}");
    assert_eq!(fs::read_to_string(sealed.join("f.py")).unwrap(), PY_CHAT);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("sealed/f.py:4:17: chat-completions-request"),
        "{stdout}"
    );
    assert!(!stdout.contains("g.py"), "{stdout}");
}

/// The temporary file of a write is hidden and named after its file: never checked, and
/// removed by the next `--fix` of that file when a killed run left it behind.
#[test]
fn temporary_files_a_killed_run_left_are_removed() {
    let dir = repo(&[
        ("f.py", PY_CHAT),
        // What `kill -9` between write and rename leaves.
        (".f.py.responsify-tmp-AbC123", &PY_CHAT[..60]),
        (".g.py.responsify-tmp-XyZ789", PY_CHAT),
    ]);
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("responsify-tmp"), "{stdout}");
    responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix"])
        .assert()
        .code(0);
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    // Another file's leftover is that file's run's to remove.
    assert_eq!(left, [".g.py.responsify-tmp-XyZ789", "f.py"]);
}

/// A fix through a symlink writes its target and keeps the link; a symlink loop is an error
/// of its own; a path that does not exist is named.
#[cfg(unix)]
#[test]
fn symlinks_are_kept_and_loops_named() {
    let dir = repo(&[("real/f.py", PY_CHAT)]);
    std::os::unix::fs::symlink("real/f.py", dir.path().join("link.py")).unwrap();
    std::os::unix::fs::symlink("loop2.py", dir.path().join("loop1.py")).unwrap();
    std::os::unix::fs::symlink("loop1.py", dir.path().join("loop2.py")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("real/up")).unwrap();
    let out = responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--fix",
            "link.py",
            "loop1.py",
            "gone.py",
        ])
        .output()
        .expect("the run ends within the timeout");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error: loop1.py: "), "{stderr}");
    assert!(stderr.contains("error: gone.py: "), "{stderr}");
    assert!(fs::symlink_metadata(dir.path().join("link.py"))
        .unwrap()
        .file_type()
        .is_symlink());
    let fixed = fs::read_to_string(dir.path().join("real/f.py")).unwrap();
    assert!(fixed.contains("client.responses.create("), "{fixed}");
    // A walk does not follow the link that points back up.
    responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "real"])
        .assert()
        .code(0);
}

/// A file and a folder nobody may read are named, and the run goes on (skipped for root, whom
/// permissions do not stop).
#[cfg(unix)]
#[test]
fn unreadable_paths_are_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo(&[
        ("locked/f.py", PY_CHAT),
        ("secret.py", PY_CHAT),
        ("ok.py", PY_CHAT),
    ]);
    fs::set_permissions(
        dir.path().join("secret.py"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let root = fs::read(dir.path().join("secret.py")).is_ok();
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .output()
        .unwrap();
    fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    if root {
        eprintln!("skipped: permissions do not stop this user");
        return;
    }
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: secret.py: cannot read:"),
        "{stderr}"
    );
    assert!(stderr.contains("locked"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok.py:4:"));
}

// ---- line endings ----------------------------------------------------------------------

/// Every line a fix writes into a CRLF file ends in CRLF, in every front end: each rule
/// fixture (and decoy), turned to CRLF and fixed with unsafe fixes too, has no bare `\n` and
/// no `\r\r\n`, and its fix is the LF fix with CRLF line ends.
#[test]
fn fixes_keep_crlf_in_every_front_end() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let fixtures = common::rule_fixtures()
        .into_iter()
        .map(|(rule, path)| (Some(rule), path))
        .chain(common::decoys().into_iter().map(|p| (None, p)));
    for (rule, path) in fixtures {
        let text = common::read(&path);
        if text.contains('\r') {
            continue;
        }
        let settings = common::settings_for(rule.as_deref(), true, true);
        let fe = responsify::frontend::for_path(&path).unwrap();
        let Ok(lf) = responsify::engine::check(fe, &text, &settings) else {
            continue;
        };
        let Some(lf_fixed) = lf.fixed else { continue };
        let crlf = text.replace('\n', "\r\n");
        let fixed = match responsify::engine::check(fe, &crlf, &settings) {
            Ok(c) => c.fixed,
            Err(e) => {
                failures.push(format!("{}: {e:?}", path.display()));
                continue;
            }
        };
        checked += 1;
        let Some(fixed) = fixed else {
            failures.push(format!("{}: fixed with LF, not with CRLF", path.display()));
            continue;
        };
        let bare = fixed
            .bytes()
            .enumerate()
            .any(|(i, b)| b == b'\n' && (i == 0 || fixed.as_bytes()[i - 1] != b'\r'));
        if fixed.contains("\r\r") || bare {
            failures.push(format!("{}: {fixed:?}", path.display()));
        } else if fixed != lf_fixed.replace('\n', "\r\n") {
            failures.push(format!(
                "{}: the CRLF fix differs from the LF one:\n{fixed:?}\n{:?}",
                path.display(),
                lf_fixed.replace('\n', "\r\n")
            ));
        }
    }
    assert!(checked > 100, "only {checked} fixtures fixed");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The Rust mutable-builder shape used to write a stray `\r\r\n`; through the binary.
#[test]
fn a_crlf_rust_file_fixed_through_the_binary_keeps_crlf() {
    let source = common::read(
        &common::testdata().join("chat-completions-request/async_openai_mutable_builder.rs"),
    );
    let dir = repo(&[("src/lib.rs", &source.replace('\n', "\r\n"))]);
    let out = responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "src/lib.rs",
        ])
        .output()
        .unwrap();
    let fixed = fs::read_to_string(dir.path().join("src/lib.rs")).unwrap();
    assert!(!fixed.contains("\r\r"), "{fixed:?}");
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "{fixed:?}"
    );
    assert_ne!(fixed, source.replace('\n', "\r\n"), "{}", stderr_of(&out));
}

// ---- determinism -----------------------------------------------------------------------

/// `-j 1`, `-j 2` and `-j 8` give byte-identical output on one tree, run after run, and
/// every run ends: 201 runs, 67 rounds of the three.
#[test]
fn output_is_the_same_whatever_the_threads() {
    let mut files: Vec<(String, String)> = (0..12)
        .map(|i| (format!("d{}/f{i}.py", i % 3), PY_CHAT.to_string()))
        .collect();
    files.push((
        "web/a.ts".into(),
        "import OpenAI from \"openai\";\nconst client = new OpenAI();\nconst r = await client.chat.completions.create({ model: \"gpt-5.5\", messages: [{ role: \"user\", content: \"hi\" }], max_tokens: 5 });\nconsole.log(r.choices[0].message.content);\n".into(),
    ));
    files.push((
        "data/b.json".into(),
        "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 3}\n".into(),
    ));
    files.push((
        "d1/broken.py".into(),
        "client.chat.completions.create(\n".into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    let mut first: Option<(Vec<u8>, Vec<u8>, Option<i32>)> = None;
    for round in 0..67 {
        for threads in ["1", "2", "8"] {
            let out = responsify()
                .current_dir(dir.path())
                .args([
                    "check",
                    "--isolated",
                    "-j",
                    threads,
                    "--output-format",
                    "concise",
                ])
                .output()
                .expect("the run ends within the timeout");
            let got = (out.stdout, out.stderr, out.status.code());
            match &first {
                None => first = Some(got),
                Some(want) => assert!(
                    *want == got,
                    "round {round}, -j {threads}: output differs:\n{}\n---\n{}",
                    String::from_utf8_lossy(&want.0),
                    String::from_utf8_lossy(&got.0)
                ),
            }
        }
    }
    let (stdout, stderr, code) = first.unwrap();
    assert_eq!(code, Some(2), "{}", String::from_utf8_lossy(&stderr));
    assert!(String::from_utf8_lossy(&stdout).contains("web/a.ts:"));
}

// ---- scale: see tests/scale.rs -----------------------------------------------------
