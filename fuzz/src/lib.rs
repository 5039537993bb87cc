//! What every fuzz target asserts, for the front end a file name picks: the check and the
//! fix never panic, a fixed text parses again, fixing it a second time changes nothing, and
//! the bytes before the first edit and after the last one are kept. Bytes that are not
//! UTF-8 are skipped, as the binary skips such files.

use responsify::engine::{self, CheckError};
use responsify::frontend;
use responsify::settings::Settings;
use std::path::Path;

fn settings() -> Settings {
    let mut settings = Settings::default();
    settings.fix = true;
    settings.unsafe_fixes = true;
    // Markdown's fixes are opt-in; fuzz them too.
    settings.fix_docs = true;
    settings
}

/// The bytes of `text` outside the edits its findings display are in `fixed` as they were:
/// everything before the first edit and after the last. (Later passes may touch what the
/// first pass wrote, never what lies outside every edit of the request; the span between
/// edits is not checked, since one fix may move code from one edit to another.)
fn kept_outside_edits(fe: &'static dyn frontend::FrontEnd, text: &str, fixed: &str) {
    let mut shown = settings();
    shown.fix = false;
    shown.display_edits = true;
    let Ok(first) = engine::check(fe, text, &shown) else {
        return;
    };
    let spans = first
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.status,
                engine::FixStatus::Safe | engine::FixStatus::Unsafe
            )
        })
        .flat_map(|f| f.edits.iter().map(|e| e.span));
    let (Some(start), Some(end)) = (
        spans.clone().map(|s| s.start).min(),
        spans.map(|s| s.end).max(),
    ) else {
        panic!("the text changed with no fixable finding:\n{text}\n---\n{fixed}");
    };
    assert!(
        fixed.starts_with(&text[..start]) && fixed.ends_with(&text[end..]),
        "bytes outside the edits ({start}..{end}) changed:\n{text}\n---\n{fixed}"
    );
}

/// Can the Rust front end run in this build? proc-macro2 stops recording where tokens are
/// when built with `--cfg fuzzing` (cargo-fuzz's default), so every Rust span is `0..0`
/// and each fix of a Rust file lands at its start: a false finding on the first input
/// with a fix. Build with `cargo fuzz build --no-cfg-fuzzing`.
pub const RUST_SPANS: bool = !cfg!(fuzzing);

/// Run `data` through the front end of `file_name` as `check --fix --unsafe-fixes` does.
pub fn check(file_name: &str, data: &[u8]) {
    assert!(
        RUST_SPANS || !file_name.ends_with(".rs"),
        "the Rust front end needs spans: build with `cargo fuzz build --no-cfg-fuzzing`"
    );
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = settings();
    if frontend::is_notebook(Path::new(file_name)) {
        let Ok(first) = responsify::notebook::check(text, &settings) else {
            return;
        };
        if let Some(fixed) = first.fixed {
            let again = responsify::notebook::check(&fixed, &settings)
                .unwrap_or_else(|e| panic!("the fixed notebook does not parse: {e:?}\n{fixed}"));
            assert!(
                again.fixed.is_none(),
                "a second fix changed the notebook:\n{fixed}"
            );
        }
        return;
    }
    let fe = frontend::for_path(Path::new(file_name)).expect("a front end for the target");
    match engine::check(fe, text, &settings) {
        // The engine verifies its fixes itself and refuses one that does not parse; that
        // refusal is a finding of the fuzzer too, but not a crash: record it as a failure.
        Err(CheckError::FixFailed(why)) => panic!("a fix was refused: {why}\n{text}"),
        Err(CheckError::Syntax(_)) => {}
        Ok(first) => {
            if let Some(fixed) = first.fixed {
                kept_outside_edits(fe, text, &fixed);
                let again = engine::check(fe, &fixed, &settings)
                    .unwrap_or_else(|e| panic!("the fixed text does not check: {e:?}\n{fixed}"));
                assert!(
                    again.fixed.is_none(),
                    "a second fix changed the text:\n{fixed}"
                );
            }
        }
    }
}
