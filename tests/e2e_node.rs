//! End-to-end oracle for TypeScript and JavaScript: tests/e2e/node/run_e2e_node.py compiles
//! small, real Chat Completions programs with the real `openai` npm package (tsc --strict),
//! runs them under node against the loopback stub the Python oracle uses, migrates a copy with
//! the built binary, compiles and runs it again, and compares what they print and what they
//! ask for. With `--residue` it fixes half-migrated Responses programs and runs them.
//!
//! Needs node (20+), python3 and oracle/node_modules (`ci/node-e2e.sh` installs them). Without
//! them the test skips with a loud message, unless RESPONSIFY_REQUIRE_ORACLES is set, when it
//! fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use common::skip;

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn migrated_node_programs_behave_like_the_originals() {
    let _oracle = common::oracle("migrated_node_programs_behave_like_the_originals");
    run_e2e("the TypeScript/JavaScript end-to-end oracle", &[], 10);
}

/// Half-migrated Responses programs (Chat Completions shapes left behind) fail as they are —
/// tsc refuses the typed one, the stub answers the others with the API's 400 — and after
/// `responsify check --fix` print what their hand-written Responses versions print.
#[test]
fn half_migrated_node_programs_run_after_the_fix() {
    let _oracle = common::oracle("half_migrated_node_programs_run_after_the_fix");
    run_e2e(
        "the TypeScript/JavaScript residue end-to-end oracle",
        &["--residue"],
        5,
    );
}

/// Run the end-to-end runner with `extra` arguments; at least `minimum` programs must pass.
fn run_e2e(what: &str, extra: &[&str], minimum: usize) {
    if !runs("node", "--version") || !runs("python3", "--version") {
        return skip(what, "node or python3 is not installed (ci/node-e2e.sh)");
    }
    let modules = manifest().join("oracle").join("node_modules");
    for needed in ["openai", "typescript", "zod", "@types/node"] {
        if !modules.join(needed).is_dir() {
            return skip(
                what,
                &format!("oracle/node_modules/{needed} is missing (ci/node-e2e.sh)"),
            );
        }
    }
    let mut command = Command::new("python3");
    command
        .arg(manifest().join("tests/e2e/node/run_e2e_node.py"))
        .arg("--responsify")
        .arg(Path::new(env!("CARGO_BIN_EXE_responsify")))
        .args(extra);
    let validator = manifest().join("../shared/tools/validate_request.py");
    if validator.is_file() {
        command.arg("--validator").arg(validator);
    } else {
        skip(
            &format!("{what}: request validation"),
            "../shared/tools/validate_request.py is not there",
        );
    }
    let out = command
        .current_dir(manifest())
        .output()
        .expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let last = text.lines().rev().find(|l| !l.trim().is_empty());
    let passed: usize = last
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        out.status.success()
            && last.is_some_and(|l| l.ends_with(" passed, 0 failed"))
            && passed >= minimum,
        "{what} failed:\n{text}"
    );
}
