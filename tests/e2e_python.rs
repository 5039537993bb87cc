//! End-to-end oracle for Python: tests/e2e/python/run_e2e.py migrates small, real Chat
//! Completions programs with the built binary, runs the original and the migrated program
//! against a loopback stub of the API, and compares what they print and what they ask for.
//! It also fixes half-migrated Responses programs (`--residue`) and runs them.
//!
//! Needs python3 with the `openai` and `pydantic` packages pinned in
//! tests/e2e/python/requirements.txt (and `jsonschema` for the request validator). Without them
//! these tests skip with a loud message, unless RESPONSIFY_REQUIRE_ORACLES is set, when they fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn runner() -> PathBuf {
    manifest()
        .join("tests")
        .join("e2e")
        .join("python")
        .join("run_e2e.py")
}

use common::skip;

fn python_can(code: &str) -> bool {
    Command::new("python3")
        .args(["-c", code])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// `--validator PATH` when the official-schema validator can run here.
fn validator_args(what: &str) -> Vec<String> {
    let validator = manifest()
        .join("..")
        .join("shared")
        .join("tools")
        .join("validate_request.py");
    if !validator.is_file() {
        skip(
            &format!("{what}: request validation"),
            "../shared/tools/validate_request.py is not there",
        );
        return Vec::new();
    }
    if !python_can("import jsonschema, referencing") {
        skip(
            &format!("{what}: request validation"),
            "python3 with the jsonschema package is not installed",
        );
        return Vec::new();
    }
    vec![
        "--validator".into(),
        validator.to_string_lossy().into_owned(),
    ]
}

/// Runs the end-to-end runner; `None` when it was skipped.
fn run_e2e(what: &str, extra: &[&str]) -> Option<(bool, String)> {
    if !python_can("import openai, pydantic") {
        skip(
            what,
            "python3 with openai and pydantic is not installed \
             (pip install -r tests/e2e/python/requirements.txt)",
        );
        return None;
    }
    let binary = Path::new(env!("CARGO_BIN_EXE_responsify"));
    let out = Command::new("python3")
        .arg(runner())
        .arg("--responsify")
        .arg(binary)
        .args(validator_args(what))
        .args(extra)
        .current_dir(manifest())
        .output()
        .expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.status.success(), text))
}

fn assert_all_passed(what: &str, ok: bool, output: &str) {
    let last = output.lines().rev().find(|l| !l.trim().is_empty());
    assert!(
        ok && last.is_some_and(|l| l.ends_with(" passed, 0 failed") && !l.starts_with("0 ")),
        "{what} failed:\n{output}"
    );
}

/// The real thing: every program migrated by responsify prints what the original printed and
/// sends only valid Responses requests that mean the same as the original's.
#[test]
fn migrated_python_programs_behave_like_the_originals() {
    let _oracle = common::oracle("migrated_python_programs_behave_like_the_originals");
    let what = "the Python end-to-end oracle";
    if let Some((ok, output)) = run_e2e(what, &[]) {
        assert_all_passed(what, ok, &output);
    }
}

/// The oracle's own check: the hand-migrated reference programs agree with the originals on
/// the stub, so the stub answers both endpoints equivalently.
#[test]
fn python_stub_and_reference_migrations_agree() {
    let _oracle = common::oracle("python_stub_and_reference_migrations_agree");
    let what = "the Python end-to-end self-check";
    if let Some((ok, output)) = run_e2e(what, &["--self-check"]) {
        assert_all_passed(what, ok, &output);
    }
}

/// Issue-7 review: half-migrated Responses programs (Chat Completions shapes left behind) fail
/// against the stub as they are, and after `responsify check --fix` print what their
/// hand-written Responses versions print, with requests that mean the same and validate.
#[test]
fn half_migrated_python_programs_run_after_the_fix() {
    let _oracle = common::oracle("half_migrated_python_programs_run_after_the_fix");
    let what = "the Python residue end-to-end oracle";
    if let Some((ok, output)) = run_e2e(what, &["--residue"]) {
        assert_all_passed(what, ok, &output);
    }
}
