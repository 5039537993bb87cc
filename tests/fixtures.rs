//! The rule harness: every fixture in testdata/<rule>/ runs through the whole engine.
//!
//! For each fixture it checks the snapshot (diagnostics, then the text after `--fix`, then
//! after `--fix --unsafe-fixes` when that differs), and the invariants every fix must keep:
//! a second run changes nothing, the output parses, `ok_*` fixtures draw no diagnostic from
//! their rule, and decoys come out byte for byte as they went in.

mod common;

use common::*;
use responsify::edit::line_col;
use responsify::engine::{Checked, FixStatus};
use responsify::model::Endpoint;
use std::fmt::Write;
use std::path::Path;

fn describe(text: &str, checked: &Checked) -> String {
    let mut out = String::new();
    for f in &checked.findings {
        let d = &f.diagnostic;
        let (line, col) = line_col(text, d.span.start);
        let status = match &f.status {
            FixStatus::None => "no fix".to_string(),
            FixStatus::Safe => "safe fix".to_string(),
            FixStatus::Unsafe => "unsafe fix".to_string(),
            FixStatus::Blocked(why) => format!("blocked: {why}"),
        };
        let severity = format!("{:?}", d.severity()).to_lowercase();
        writeln!(
            out,
            "{line}:{col} {} {severity} [{status}] {}",
            d.rule, d.message
        )
        .unwrap();
        if let Some(fix) = &d.fix {
            writeln!(out, "    fix: {}", fix.title).unwrap();
        }
        if let Some(help) = &d.help {
            writeln!(out, "    help: {help}").unwrap();
        }
    }
    if out.is_empty() {
        out.push_str("(none)\n");
    }
    out
}

/// Fix the text, and prove the fix settled: a second run must change nothing.
fn fix_converged(path: &Path, text: &str, rule: Option<&str>, unsafe_fixes: bool) -> String {
    let settings = settings_for(rule, true, unsafe_fixes);
    let fixed = check(path, text, &settings)
        .fixed
        .unwrap_or_else(|| text.to_string());
    let again = check(path, &fixed, &settings);
    assert!(
        again.fixed.is_none(),
        "{}: a second --fix run changed the text again:\n{}",
        path.display(),
        again.fixed.unwrap()
    );
    fixed
}

#[test]
fn rule_fixtures_match_their_snapshots() {
    let fixtures = rule_fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found under testdata/");
    for (rule, path) in fixtures {
        let text = read(&path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let checked = check(&path, &text, &settings_for(Some(&rule), false, false));
        if name.starts_with("ok_responses") {
            // Correct Responses code: the review finds nothing at all in it.
            assert!(
                checked.findings.is_empty(),
                "{}: correct Responses code drew findings:\n{}",
                path.display(),
                describe(&text, &checked)
            );
        }
        if name.starts_with("ok_") {
            let own: Vec<_> = checked
                .findings
                .iter()
                .filter(|f| f.diagnostic.rule == rule)
                .collect();
            assert!(
                own.is_empty(),
                "{}: an ok_ fixture drew `{rule}` findings:\n{}",
                path.display(),
                describe(&text, &checked)
            );
        } else {
            assert!(
                checked.findings.iter().any(|f| f.diagnostic.rule == rule),
                "{}: the fixture draws no `{rule}` finding:\n{}",
                path.display(),
                describe(&text, &checked)
            );
        }
        let safe = fix_converged(&path, &text, Some(&rule), false);
        let unsafe_ = fix_converged(&path, &text, Some(&rule), true);
        let mut snapshot = format!("---- diagnostics ----\n{}", describe(&text, &checked));
        snapshot.push_str("---- after --fix ----\n");
        snapshot.push_str(if safe == text { "(unchanged)\n" } else { &safe });
        if unsafe_ != safe {
            snapshot.push_str("---- after --fix --unsafe-fixes ----\n");
            snapshot.push_str(&unsafe_);
        }
        // What a display-only fix would write once the code out of sight is checked: shown
        // so its lowering is reviewed, never written by the command line.
        let mut preview = settings_for(Some(&rule), true, true);
        preview.preview_display_only = true;
        let previewed = check(&path, &text, &preview).fixed.unwrap_or(text.clone());
        if previewed != unsafe_ {
            snapshot.push_str("---- display-only fix, previewed ----\n");
            snapshot.push_str(&previewed);
        }
        insta::with_settings!({
            snapshot_path => path.parent().unwrap(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("testdata/{rule}/{name}"),
        }, {
            insta::assert_snapshot!(name.clone(), snapshot);
        });
    }
}

#[test]
fn decoys_are_left_byte_for_byte() {
    let decoys = decoys();
    assert!(
        decoys.len() >= 5,
        "expected the decoy set under testdata/decoys"
    );
    for path in decoys {
        let text = read(&path);
        let settings = settings_for(None, true, true);
        let checked = check(&path, &text, &settings);
        assert!(
            checked.fixed.is_none(),
            "{}: a decoy was rewritten",
            path.display()
        );
        assert!(
            checked.findings.is_empty(),
            "{}: a decoy drew findings:\n{}",
            path.display(),
            describe(&text, &checked)
        );
    }
}

#[test]
fn every_snapshot_has_its_fixture() {
    for dir in sorted_entries(&testdata()) {
        for file in sorted_entries(&dir) {
            let name = file.to_string_lossy();
            if let Some(fixture) = name.strip_suffix(".snap") {
                assert!(Path::new(fixture).is_file(), "orphaned snapshot {name}");
            }
        }
    }
}

#[test]
fn every_rule_has_fixtures_and_an_ok_fixture() {
    for rule in responsify::rules::all() {
        let name = rule.meta().name;
        let dir = testdata().join(name);
        let files: Vec<String> = sorted_entries(&dir)
            .into_iter()
            .filter(|p| is_fixture(p))
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(
            files.iter().any(|f| !f.starts_with("ok_")),
            "rule `{name}` has no fixture in testdata/{name}/"
        );
        assert!(
            files.iter().any(|f| f.starts_with("ok_")),
            "rule `{name}` has no ok_ fixture in testdata/{name}/"
        );
    }
}

/// The review of code already on Responses is a standard every front end that lifts requests
/// meets: each has a fixture whose Responses request draws a finding from a reviewing rule.
#[test]
fn every_front_end_reviews_code_already_on_responses() {
    use responsify::model::Endpoint;
    // A manifest holds no requests.
    let exempt = ["Cargo manifest"];
    let mut covered = std::collections::BTreeSet::new();
    for (rule, path) in rule_fixtures() {
        let Some(fe) = responsify::frontend::for_path(&path) else {
            continue;
        };
        let text = read(&path);
        let settings = settings_for(Some(&rule), false, false);
        let Ok(analysis) = responsify::engine::analyze(fe, &text, &settings) else {
            continue;
        };
        let reviewed = analysis.findings.iter().any(|f| {
            f.diagnostic.unit.is_some_and(|u| {
                analysis.units[u].request.endpoint == Endpoint::Responses
                    && responsify::rules::by_name(f.diagnostic.rule)
                        .is_some_and(|r| r.meta().reviews_responses)
            })
        });
        if reviewed {
            covered.insert(fe.name());
        }
    }
    for fe in responsify::frontend::all() {
        let name = fe.name();
        assert!(
            exempt.contains(&name) || covered.contains(name),
            "no fixture shows the {name} front end reviewing a Responses request"
        );
    }
}

/// Rules whose findings on a Responses call mean the code still speaks Chat Completions:
/// `.choices` reads, tool-role messages, nested function tools, `.function.name/arguments`
/// on output items, chat usage names, chunk deltas.
const CHAT_RESIDUE: &[&str] = &[
    "choices-read",
    "tool-message",
    "tool-definitions",
    "tool-choice",
    "tool-call-read",
    "usage-read",
    "stream-read",
    "assistant-tool-calls",
    "messages-to-input",
    "response-format",
    "max-tokens",
    "unmapped-read",
];

/// Over the whole fixture set: after `check --fix --unsafe-fixes`, every request the fix moved
/// to the Responses API is free of Chat Completions shapes, as the Responses review sees them;
/// and a file whose requests are all held back (display-only or blocked) is not written.
#[test]
fn migrated_fixtures_keep_no_chat_residue() {
    let mut migrated = 0;
    for (_, path) in rule_fixtures() {
        let fe = responsify::frontend::for_path(&path).expect("a front end");
        if fe.documentation() {
            continue;
        }
        let text = read(&path);
        let before = responsify::engine::analyze(fe, &text, &settings_for(None, false, false));
        let Ok(before) = before else { continue };
        let already_responses = before
            .units
            .iter()
            .any(|u| u.request.endpoint == Endpoint::Responses);
        let checked = check(&path, &text, &settings_for(None, true, true));
        let nothing_applies = before.findings.iter().all(|f| {
            matches!(f.status, FixStatus::None | FixStatus::Blocked(_))
                || f.diagnostic.fix.as_ref().is_some_and(|fix| {
                    fix.applicability == responsify::diagnostic::Applicability::DisplayOnly
                })
        });
        if nothing_applies {
            assert!(
                checked.fixed.is_none(),
                "{}: no fix applies, yet the file was rewritten:\n{}",
                path.display(),
                describe(&text, &checked)
            );
        }
        let Some(fixed) = checked.fixed else { continue };
        if already_responses {
            // Residue fixtures: what is left there was already on Responses before the fix.
            continue;
        }
        migrated += 1;
        let after = responsify::engine::analyze(fe, &fixed, &settings_for(None, false, false))
            .unwrap_or_else(|e| panic!("{}: the fixed text does not parse: {e:?}", path.display()));
        let residue: Vec<String> = after
            .findings
            .iter()
            .filter(|f| {
                f.diagnostic.unit.is_some_and(|u| {
                    after.units[u].request.endpoint == Endpoint::Responses
                        && after.units[u].verdict == responsify::model::Verdict::Migrate
                })
            })
            .filter(|f| CHAT_RESIDUE.contains(&f.diagnostic.rule))
            .map(|f| format!("{}: {}", f.diagnostic.rule, f.diagnostic.message))
            .collect();
        assert!(
            residue.is_empty(),
            "{}: the migrated code still speaks Chat Completions:\n{}\n---- fixed ----\n{fixed}",
            path.display(),
            residue.join("\n")
        );
    }
    assert!(migrated >= 100, "only {migrated} fixtures were migrated");
}
