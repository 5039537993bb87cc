//! Shared by the test binaries: finding fixtures and running them through the engine.
#![allow(dead_code)]

use responsify::engine::{self, Checked};
use responsify::frontend;
use responsify::settings::Settings;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn testdata() -> PathBuf {
    root().join("testdata")
}

/// Folders of testdata/ that hold something other than one rule's fixtures.
pub const SPECIAL_DIRS: &[&str] = &["decoys", "cli"];

/// `(rule folder, fixture path)` for every rule fixture, sorted.
pub fn rule_fixtures() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in sorted_entries(&testdata()) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || SPECIAL_DIRS.contains(&name.as_str()) {
            continue;
        }
        for file in sorted_entries(&dir) {
            if is_fixture(&file) {
                out.push((name.clone(), file));
            }
        }
    }
    out
}

pub fn decoys() -> Vec<PathBuf> {
    sorted_entries(&testdata().join("decoys"))
        .into_iter()
        .filter(|p| is_fixture(p))
        .collect()
}

pub fn is_fixture(path: &Path) -> bool {
    path.is_file() && frontend::for_path(path).is_some()
}

pub fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// Settings for a rule's fixtures: the default selection, plus the rule when it is opt-in.
pub fn settings_for(rule: Option<&str>, fix: bool, unsafe_fixes: bool) -> Settings {
    let mut select: Vec<String> = responsify::rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| !m.opt_in || Some(m.name) == rule)
        .map(|m| m.name.to_string())
        .collect();
    select.sort();
    let mut s = Settings::new(&select, &[]).expect("valid selection");
    s.fix = fix;
    s.unsafe_fixes = unsafe_fixes;
    // A fixture is a whole program: no other file calls its functions.
    s.project = Some(std::sync::Arc::new(responsify::project::Project::alone()));
    s
}

pub fn check(path: &Path, text: &str, settings: &Settings) -> Checked {
    let fe = frontend::for_path(path).expect("a front end for the fixture");
    // The manifests beside a fixture say which SDK it runs with (`sdk-without-responses`).
    let mut settings = settings.clone();
    settings.manifests_from = Some(path.to_path_buf());
    engine::check(fe, text, &settings)
        .unwrap_or_else(|e| panic!("{}: the engine failed: {e:?}", path.display()))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary repository holding `files` (`(relative path, text)`).
pub fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The environment variables that pick a default output format (`GITHUB_ACTIONS`, and those of
/// AI coding agents): tests run without them, so they see the `full` default wherever they run.
pub const FORMAT_ENV: &[&str] = &[
    "GITHUB_ACTIONS",
    "CLAUDECODE",
    "CODEX_SANDBOX",
    "CURSOR_AGENT",
    "GEMINI_CLI",
    "AI_AGENT",
];

/// The binary, in an environment that picks no default output format.
pub fn bin() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("responsify").unwrap();
    for var in FORMAT_ENV {
        cmd.env_remove(var);
    }
    cmd
}

/// Every finding of a SARIF log, flattened from its results: a result of one finding is
/// that finding; a grouped result (a request, or a file's requests) holds its findings as
/// related locations. Each item: `result` (the index of its result), `ruleId`, `level`,
/// `message`, `location` (with `physicalLocation`, and for a notebook `logicalLocations` and
/// `properties`), `fixStatus`, `fingerprint` (`responsifyFingerprint/v1`) and `request_id`.
pub fn sarif_findings(log: &serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::{json, Value};
    let mut out = Vec::new();
    let results = log["runs"][0]["results"].as_array().expect("results");
    for (i, r) in results.iter().enumerate() {
        match r["relatedLocations"].as_array() {
            None => out.push(json!({
                "result": i,
                "ruleId": r["ruleId"],
                "level": r["level"],
                "message": r["message"]["text"],
                "location": r["locations"][0],
                "fixStatus": r["properties"]["fixStatus"],
                "fingerprint": r["partialFingerprints"]["responsifyFingerprint/v1"],
                "request_id": r["properties"]["request_id"],
            })),
            Some(related) => {
                for l in related {
                    let p = &l["properties"];
                    let rule = p["ruleId"].as_str().expect("a related finding's rule");
                    let text = l["message"]["text"].as_str().expect("message");
                    let message = text
                        .strip_prefix(&format!("{rule}: "))
                        .expect("`rule: message`");
                    let mut location = l.clone();
                    for key in ["id", "message"] {
                        location.as_object_mut().unwrap().remove(key);
                    }
                    let request = match &p["request_id"] {
                        Value::Null => r["properties"]["request_id"].clone(),
                        id => id.clone(),
                    };
                    out.push(json!({
                        "result": i,
                        "ruleId": rule,
                        "level": p["level"],
                        "message": message,
                        "location": location,
                        "fixStatus": p["fixStatus"],
                        "fingerprint": p["responsifyFingerprint/v1"],
                        "request_id": request,
                    }));
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Oracles: tests that check responsify against an outside tool (a browser, a schema validator,
// the real SDKs). Without the tool they skip, loudly; each one's outcome is recorded so the
// last test binary (tests/zz_oracle_summary.rs) can end `cargo test` with one line saying how
// many ran and which were skipped and why.
// ---------------------------------------------------------------------------------------------

use std::cell::RefCell;

thread_local! {
    /// Why the oracle of the test on this thread was skipped, once `skip` said so.
    static SKIPPED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Where this `cargo test` run records its oracles: one file per run, named after the
/// process that started the test binaries (cargo), under the target directory's tmp/.
pub fn oracle_records() -> PathBuf {
    let run = std::os::unix::process::parent_id();
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("oracle-runs")
        .join(format!("{run}.tsv"))
}

/// Marks the running test as an oracle named `what`; when it ends it is recorded as run,
/// skipped (see [`skip`]) or failed.
pub fn oracle(what: &'static str) -> Oracle {
    SKIPPED.with(|s| s.borrow_mut().take());
    Oracle { what }
}

pub struct Oracle {
    what: &'static str,
}

impl Drop for Oracle {
    fn drop(&mut self) {
        let skipped = SKIPPED.with(|s| s.borrow_mut().take());
        let (outcome, why) = match skipped {
            _ if std::thread::panicking() => ("failed", String::new()),
            Some(why) => ("skipped", why),
            None => ("ran", String::new()),
        };
        let why = why.replace(['\t', '\n', '\r'], " ");
        let line = format!("{outcome}\t{}\t{why}\n", self.what);
        let path = oracle_records();
        let _ = std::fs::create_dir_all(path.parent().unwrap());
        // One write per line with O_APPEND: lines of concurrent tests do not interleave.
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            use std::io::Write;
            let _ = file.write_all(line.as_bytes());
        }
    }
}

/// Say loudly that an oracle did not run, and record why; fail instead when CI requires
/// the oracles (`RESPONSIFY_REQUIRE_ORACLES`).
pub fn skip(what: &str, why: &str) {
    if std::env::var_os("RESPONSIFY_REQUIRE_ORACLES").is_some() {
        panic!("{what}: required but unavailable: {why}");
    }
    // Written to the process's stderr directly, past the test harness's capture.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED {what}: {why} ***\n");
    let first_line = why.lines().next().unwrap_or("").to_string();
    SKIPPED.with(|s| {
        s.borrow_mut().get_or_insert(first_line);
    });
}
