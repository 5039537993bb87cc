//! The last test binary of `cargo test` (cargo runs them in name order; hence `zz_`): one
//! line over the whole run saying how many oracles ran and which were skipped and why, so a
//! run that skipped some cannot pass for one that checked everything.
//!
//! The oracles record their outcome as they end (tests/common, `oracle` and `skip`) in a file
//! of this run; this test reads it, prints the line and removes the file.

mod common;

use std::collections::BTreeMap;
use std::io::Write;

#[test]
fn oracle_summary() {
    let path = common::oracle_records();
    let Ok(text) = std::fs::read_to_string(&path) else {
        // Run alone (`cargo test --test zz_oracle_summary`), or no oracle test in this run.
        let _ = writeln!(
            std::io::stderr(),
            "\noracles: none ran in this cargo test run\n"
        );
        return;
    };
    let _ = std::fs::remove_file(&path);
    let mut ran = 0;
    let mut failed = 0;
    // Skips by reason, each with the tests it skipped.
    let mut skipped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.splitn(3, '\t');
        let (outcome, what, why) = (
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
        );
        match outcome {
            "ran" => ran += 1,
            "failed" => failed += 1,
            "skipped" => skipped
                .entry(why.to_string())
                .or_default()
                .push(what.to_string()),
            other => panic!("{}: a record of outcome {other:?}", path.display()),
        }
    }
    let count: usize = skipped.values().map(Vec::len).sum();
    let mut summary = format!("oracles: {ran} ran, {count} skipped");
    if failed > 0 {
        summary += &format!(", {failed} failed");
    }
    if count > 0 {
        let reasons: Vec<String> = skipped
            .iter()
            .map(|(why, tests)| format!("{} ({})", why, tests.join(", ")))
            .collect();
        summary += &format!(
            " — {}; `.ci/run` installs them all (README, Development)",
            reasons.join("; ")
        );
    }
    let _ = writeln!(std::io::stderr(), "\n{summary}\n");
}
