//! Oracle for the Rust front end: the sample crates under tests/rust-oracle/ use
//! async-openai's chat API. Each must `cargo check` as written, and again after
//! `responsify check --fix --unsafe-fixes` has migrated a copy of it (its `.rs` files and
//! its Cargo.toml) to the Responses API, against the async-openai version its manifest pins.
//! The first check proves the sample is real chat code; the second proves the migration.
//!
//! The samples need crates.io (or a filled cargo cache). Without it this test skips with a
//! loud message, unless RESPONSIFY_REQUIRE_ORACLES is set (CI sets it; see
//! ci/rust-oracle.sh), when it fails. All samples share one target directory,
//! `rust-oracle` in the tmp/ directory cargo gives tests (CARGO_TARGET_TMPDIR, under
//! CARGO_TARGET_DIR when that is set), so async-openai is compiled once.

mod common;

use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn skip(why: &str) {
    common::skip("the Rust oracle (cargo check against async-openai)", why);
}

fn samples() -> Vec<PathBuf> {
    sorted_entries(&root().join("tests").join("rust-oracle"))
        .into_iter()
        .filter(|d| d.join("Cargo.toml").is_file())
        .collect()
}

/// `cargo check` of a sample: its warnings, or the error with cargo's output.
fn cargo_check(dir: &Path) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["check", "--locked", "--quiet", "--message-format=short"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-oracle"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stderr).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Cargo's ways of saying that it could not reach the registry.
fn offline(output: &str) -> bool {
    [
        "failed to get",
        "failed to download",
        "Unable to update registry",
        "Couldn't resolve host",
        "failed to query replaced source",
        "no matching package named",
        "attempting to make an HTTP request",
        "network",
    ]
    .iter()
    .any(|s| output.contains(s))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// Every file under `dir` with its text, relative to `dir`.
fn texts(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in sorted_entries(&d) {
            if entry.is_dir() {
                stack.push(entry);
            } else if let Ok(text) = std::fs::read_to_string(&entry) {
                out.push((entry.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn migrated_samples_compile_against_async_openai() {
    let _oracle = common::oracle("migrated_samples_compile_against_async_openai");
    let samples = samples();
    assert!(
        samples.len() >= 2,
        "expected the samples under tests/rust-oracle/"
    );
    for sample in samples {
        let name = sample.file_name().unwrap().to_string_lossy().into_owned();
        let started = Instant::now();
        if let Err(output) = cargo_check(&sample) {
            if offline(&output) {
                return skip(&format!(
                    "cargo could not fetch the sample's crates:\n{output}"
                ));
            }
            panic!("{name}: the original sample does not compile:\n{output}");
        }
        let original = started.elapsed();

        let temp = tempfile::tempdir().unwrap();
        let copy = temp.path().join(&name);
        copy_tree(&sample, &copy);
        let fixed = Command::new(env!("CARGO_BIN_EXE_responsify"))
            .args(["check", "--fix", "--unsafe-fixes"])
            .arg(&copy)
            .output()
            .unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&fixed.stdout),
            String::from_utf8_lossy(&fixed.stderr)
        );
        assert!(
            fixed.status.success(),
            "{name}: responsify left findings after --fix --unsafe-fixes:\n{report}"
        );
        let before = texts(&sample);
        let after = texts(&copy);
        let changed: Vec<&PathBuf> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b != a)
            .map(|(b, _)| &b.0)
            .collect();
        assert!(
            changed
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "rs"))
                && changed.iter().any(|p| p.ends_with("Cargo.toml")),
            "{name}: the migration should change sources and a manifest, changed {changed:?}"
        );
        for (path, text) in &after {
            if path.extension().is_some_and(|e| e == "rs") {
                assert!(
                    !text.contains(".chat()"),
                    "{name}: {} still calls chat():\n{text}",
                    path.display()
                );
            }
        }
        let shown = || {
            after
                .iter()
                .filter(|(p, _)| changed.contains(&p))
                .map(|(p, t)| format!("--- {}\n{t}", p.display()))
                .collect::<Vec<String>>()
                .join("\n")
        };
        match cargo_check(&copy) {
            Err(output) => panic!(
                "{name}: the migrated sample does not compile:\n{output}\n{}",
                shown()
            ),
            // An import the migration left unused is the migration's to remove.
            Ok(warnings) if warnings.contains("unused import") => panic!(
                "{name}: the migrated sample leaves imports unused:\n{warnings}\n{}",
                shown()
            ),
            Ok(_) => {}
        }
        let _ = writeln!(
            std::io::stderr(),
            "rust oracle: {name}: original checked in {:.1}s, migrated in {:.1}s",
            original.as_secs_f64(),
            (started.elapsed() - original).as_secs_f64()
        );
    }
}
