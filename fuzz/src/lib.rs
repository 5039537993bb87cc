//! What every fuzz target asserts, for the front end a file name picks: the check and the
//! fix never panic, a fixed text parses again, and fixing it a second time changes nothing.
//! Bytes that are not UTF-8 are skipped, as the binary skips such files.

use responsify::engine::{self, CheckError};
use responsify::frontend;
use responsify::settings::Settings;
use std::path::Path;

fn settings() -> Settings {
    let mut settings = Settings::default();
    settings.fix = true;
    settings.unsafe_fixes = true;
    settings
}

/// Run `data` through the front end of `file_name` as `check --fix --unsafe-fixes` does.
pub fn check(file_name: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = settings();
    if frontend::is_notebook(Path::new(file_name)) {
        let Ok(first) = frontend::notebook::check(text, &settings) else {
            return;
        };
        if let Some(fixed) = first.fixed {
            let again = frontend::notebook::check(&fixed, &settings)
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
