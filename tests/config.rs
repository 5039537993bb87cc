//! Configuration: discovery from each file's directory upward, `extend`, per-file ignores,
//! include/exclude, pyproject.toml, and `--show-settings`, through the binary.

mod common;

use common::repo;

use assert_cmd::Command;
use predicates::prelude::*;

const CHAT: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100}
"#;

fn responsify() -> Command {
    Command::cargo_bin("responsify").unwrap()
}

fn concise(dir: &tempfile::TempDir) -> String {
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise", "--exit-zero"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_closest_configuration_wins() {
    let dir = repo(&[
        ("responsify.toml", "ignore = [\"store-default\"]\n"),
        ("a.json", CHAT),
        ("svc/responsify.toml", "ignore = [\"max-tokens\"]\n"),
        ("svc/b.json", CHAT),
    ]);
    let out = concise(&dir);
    assert!(out.contains("a.json:1:71: max-tokens"));
    assert!(!out.contains("a.json:1:2: store-default"));
    // The nested file uses only its own configuration.
    assert!(out.contains("svc/b.json:1:2: store-default"));
    assert!(!out.contains("svc/b.json:1:71: max-tokens"));
}

#[test]
fn extend_inherits_and_overrides() {
    let dir = repo(&[
        (
            "base.toml",
            "ignore = [\"store-default\"]\nstore-policy = \"report\"\n",
        ),
        (
            "svc/responsify.toml",
            "extend = \"../base.toml\"\nexclude = [\"generated\"]\n",
        ),
        ("svc/a.json", CHAT),
        ("svc/generated/b.json", CHAT),
    ]);
    let out = concise(&dir);
    assert!(out.contains("svc/a.json:1:71: max-tokens"));
    assert!(!out.contains("store-default"));
    assert!(
        !out.contains("generated/b.json"),
        "excluded files are skipped:\n{out}"
    );
    responsify()
        .current_dir(dir.path())
        .args(["config", "svc/a.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("svc/responsify.toml"))
        .stdout(predicate::str::contains("store-policy = \"report\""))
        .stdout(predicate::str::contains("\"max-tokens\""))
        .stdout(predicate::str::contains("\"store-default\"").not());
}

#[test]
fn per_file_ignores_and_pyproject() {
    let dir = repo(&[
        (
            "pyproject.toml",
            "[project]\nname = \"demo\"\n\n[tool.responsify]\nper-file-ignores = { \"tests/**\" = [\"max-tokens\"] }\n",
        ),
        ("tests/a.json", CHAT),
        ("b.json", CHAT),
    ]);
    let out = concise(&dir);
    assert!(!out.contains("tests/a.json:1:71: max-tokens"));
    assert!(out.contains("tests/a.json:1:2: chat-completions-request"));
    assert!(out.contains("b.json:1:71: max-tokens"));
    responsify()
        .current_dir(dir.path())
        .args(["check", "--show-settings", "tests/a.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("pyproject.toml"))
        .stdout(predicate::str::contains("\"max-tokens\"").not());
}

#[test]
fn command_line_overrides_and_isolated() {
    let dir = repo(&[
        ("responsify.toml", "select = [\"max-tokens\"]\n"),
        ("a.json", CHAT),
    ]);
    assert!(!concise(&dir).contains("store-default"));
    let out = responsify()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            "--exit-zero",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("store-default"));
}

#[test]
fn a_broken_configuration_is_an_error() {
    let dir = repo(&[
        ("responsify.toml", "selct = [\"max-tokens\"]\n"),
        ("a.json", CHAT),
    ]);
    responsify()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `selct`"));
    let dir = repo(&[
        ("responsify.toml", "ignore = [\"no-such-rule\"]\n"),
        ("a.json", CHAT),
    ]);
    responsify()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}
