//! Configuration: discovery from each file's directory upward, `extend`, per-file ignores,
//! include/exclude, pyproject.toml, and `--show-settings`, through the binary.

mod common;

use common::repo;

use assert_cmd::Command;
use predicates::prelude::*;

const CHAT: &str = r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100}
"#;

fn responsify() -> Command {
    common::bin()
}

/// The `select = [...]` line of `config`'s output.
fn selected(out: &str) -> &str {
    out.lines()
        .find(|l| l.starts_with("select = "))
        .unwrap_or("")
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
        .stdout(predicate::function(|out: &str| {
            !selected(out).contains("\"store-default\"")
        }))
        .stdout(predicate::str::contains("ignore = [\"store-default\"]"));
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
        .stdout(predicate::function(|out: &str| {
            !selected(out).contains("\"max-tokens\"")
        }))
        .stdout(predicate::str::contains(
            "per-file-ignores = { \"tests/**\" = [\"max-tokens\"] }",
        ));
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

fn concise_with(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise", "--exit-zero"])
        .args(args)
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
fn default_excludes_skip_whole_names_even_without_a_gitignore() {
    let dir = repo(&[
        ("a.json", CHAT),
        ("node_modules/pkg/b.json", CHAT),
        ("venv/lib/c.json", CHAT),
        ("dist/d.json", CHAT),
        ("build/e.json", CHAT),
        ("target/f.json", CHAT),
        ("lib/site-packages/g.json", CHAT),
        ("__pypackages__/h.json", CHAT),
        ("builder/i.json", CHAT),
        ("build.json", CHAT),
    ]);
    let out = concise(&dir);
    for kept in ["a.json:", "builder/i.json:", "build.json:"] {
        assert!(out.contains(kept), "{kept} is checked:\n{out}");
    }
    for skipped in [
        "node_modules",
        "venv/",
        "dist/",
        "build/",
        "target/",
        "site-packages",
        "__pypackages__",
    ] {
        assert!(!out.contains(skipped), "{skipped} is skipped:\n{out}");
    }
    // --no-default-excludes checks them.
    let all = concise_with(&dir, &["--no-default-excludes"]);
    assert!(all.contains("node_modules/pkg/b.json:"), "{all}");
    assert!(all.contains("target/f.json:"), "{all}");
    // extend-exclude adds to the defaults; exclude replaces them.
    std::fs::write(
        dir.path().join("responsify.toml"),
        "extend-exclude = [\"builder\"]\n",
    )
    .unwrap();
    let out = concise(&dir);
    assert!(!out.contains("builder/"), "{out}");
    assert!(!out.contains("node_modules"), "{out}");
    assert!(out.contains("a.json:"), "{out}");
    std::fs::write(
        dir.path().join("responsify.toml"),
        "exclude = []\nextend-exclude = [\"builder\"]\n",
    )
    .unwrap();
    let out = concise(&dir);
    assert!(!out.contains("builder/"), "{out}");
    assert!(out.contains("node_modules/pkg/b.json:"), "{out}");
}

#[test]
fn force_exclude_applies_exclude_to_files_named_on_the_command_line() {
    let dir = repo(&[
        ("responsify.toml", "exclude = [\"generated\"]\n"),
        ("a.json", CHAT),
        ("generated/b.json", CHAT),
        ("node_modules/c.json", CHAT),
    ]);
    // Named files are checked unless --force-exclude is given.
    let out = concise_with(&dir, &["a.json", "generated/b.json"]);
    assert!(out.contains("generated/b.json:"), "{out}");
    let out = concise_with(&dir, &["--force-exclude", "a.json", "generated/b.json"]);
    assert!(out.contains("a.json:"), "{out}");
    assert!(!out.contains("generated/b.json"), "{out}");
    // `exclude` replaced the defaults here, so node_modules is checked, named or not.
    let out = concise_with(&dir, &["--force-exclude", "node_modules/c.json"]);
    assert!(out.contains("node_modules/c.json:"), "{out}");
    std::fs::remove_file(dir.path().join("responsify.toml")).unwrap();
    let out = concise_with(&dir, &["--force-exclude", "node_modules/c.json"]);
    assert_eq!(out, "");
}

#[test]
fn config_shows_ignore_the_matching_per_file_ignores_and_the_extend_chain() {
    let dir = repo(&[
        ("base.toml", "store-policy = \"report\"\n"),
        (
            "svc/responsify.toml",
            "extend = \"../base.toml\"\nignore = [\"store-default\"]\nper-file-ignores = { \"tests/**\" = [\"n-parameter\"], \"other/**\" = [\"max-tokens\"] }\n",
        ),
        ("svc/tests/a.json", CHAT),
    ]);
    for args in [
        &["config", "svc/tests/a.json"][..],
        &["check", "--show-settings", "svc/tests/a.json"],
    ] {
        responsify()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(0)
            .stdout(
                predicate::str::contains("# extends: ").and(predicate::str::contains("base.toml")),
            )
            .stdout(predicate::str::contains("ignore = [\"store-default\"]\n"))
            .stdout(predicate::str::contains(
                "per-file-ignores = { \"tests/**\" = [\"n-parameter\"] }",
            ))
            .stdout(predicate::str::contains("max-tokens\"]").not());
    }
}

#[test]
fn store_policy_report_keeps_store_as_written_and_leaves_the_default_to_a_person() {
    let py = "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}], store=False)\nprint(r.choices[0].message.content)\nr2 = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r2.choices[0].message.content)\n";
    let dir = repo(&[
        ("responsify.toml", "store-policy = \"report\"\n"),
        ("a.py", py),
    ]);
    responsify()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(1);
    let after = std::fs::read_to_string(dir.path().join("a.py")).unwrap();
    // The request with `store` written migrates and keeps it.
    assert!(after.contains(
        "r = client.responses.create(model=\"m\", input=[{\"role\": \"user\", \"content\": \"x\"}], store=False)"
    ), "{after}");
    // The one relying on the default waits for a person.
    assert!(after.contains("r2 = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])"), "{after}");
    responsify()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.py:6:37: store-default"));
}
