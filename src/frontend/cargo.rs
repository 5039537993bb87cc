//! Cargo.toml: the async-openai dependency that Rust code migrated to Responses needs.
//!
//! A fix in a `.rs` file can only be right if the crate's async-openai can compile it:
//! Responses arrived in 0.28.2, its types took the names responsify writes in 0.31, and
//! since 0.31 `client.responses()` is behind the `responses` feature. So a manifest is
//! checked together with the crate it describes (the files under its `src/`, `examples/`,
//! `tests/`, `benches/` and `build.rs`): when those hold chat calls that migrate, or already
//! call `.responses()`, the manifest's async-openai must be 0.31 or later (rule
//! `async-openai-version`, reported) and have the `responses` feature (rule
//! `async-openai-responses-feature`, which adds it). The feature is decided from the
//! sources as they are *or will be* after their fixes, so the manifest comes out the same
//! whether `check --fix` reaches it before or after the `.rs` files.
//!
//! The front end knows its manifest's directory: `for_manifest` makes one per manifest
//! (kept for the life of the process; there are few manifests). A dependency inherited
//! with `workspace = true` takes its version and features from the workspace root's
//! `[workspace.dependencies]`; a `Cargo.lock` beside or above the manifest gives the version
//! actually resolved. Every edit is a splice: the rest of the manifest is kept byte for byte.

use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::{line_ending, Edit};
use crate::model::{Endpoint, Entry, Hold, Kind, Request, Site, Span, Unit, Value, Verdict};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The crate's name on crates.io.
const CRATE: &str = "async-openai";

/// One manifest, with the directory its crate's sources are in (`None`: look at no sources).
pub struct CargoManifest {
    dir: Option<PathBuf>,
}

/// A manifest read without its crate (stdin, or where no directory is known): it reports
/// nothing, since what it needs depends on the sources.
pub static ANY_MANIFEST: CargoManifest = CargoManifest { dir: None };

/// The front end for the manifest at `path`.
pub fn for_manifest(path: &Path) -> &'static CargoManifest {
    static MADE: OnceLock<Mutex<HashMap<PathBuf, &'static CargoManifest>>> = OnceLock::new();
    let dir = path
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .map(Path::to_path_buf);
    let key = dir.clone().unwrap_or_default();
    let mut made = MADE.get_or_init(Default::default).lock().unwrap();
    made.entry(key)
        .or_insert_with(|| Box::leak(Box::new(CargoManifest { dir })))
}

pub use crate::sdk::{minimum, Version, FIRST_FEATURE_GATED, FIRST_RESPONSES};

/// The async-openai dependency as written in one manifest.
#[derive(Clone, Debug)]
struct Dependency {
    /// Where it is written: what diagnostics point at and what fixes are anchored to.
    body: Span,
    form: Form,
    /// The key as written (`async-openai`, or a rename).
    key: Span,
    version: Option<(String, Span)>,
    features: Option<(Vec<String>, Span, Vec<Span>, bool)>,
    workspace: bool,
    /// `path = "..."`: a local checkout, whose own manifest gives the version.
    path: Option<String>,
    /// `git = "..."`: a checkout responsify cannot read.
    git: bool,
    /// The end of its last value (where a new key goes in a table).
    last_value_end: usize,
    /// Under `[workspace.dependencies]`.
    in_workspace_table: bool,
    /// Under `[dev-dependencies]` (of the package or a target): only tests, examples and
    /// benches build with it, together with the features of the `[dependencies]` entry.
    dev: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Form {
    /// `async-openai = "0.43"`
    Version,
    /// `async-openai = { version = "0.43" }`
    Inline,
    /// `[dependencies.async-openai]`
    Table,
    /// `async-openai.workspace = true`
    Dotted,
}

fn span(range: Option<std::ops::Range<usize>>) -> Option<Span> {
    range.map(|r| Span::new(r.start, r.end))
}

fn string_list(array: &toml_edit::Array) -> (Vec<String>, Vec<Span>) {
    let mut names = Vec::new();
    let mut spans = Vec::new();
    for v in array.iter() {
        if let Some(s) = v.as_str() {
            names.push(s.to_string());
        }
        if let Some(at) = span(v.span()) {
            spans.push(at);
        }
    }
    (names, spans)
}

/// What the TOML parser says when it panics instead of reporting an error.
const PARSER_PANICKED: &str = "TOML syntax error: the TOML parser failed on this file";

/// Parse a manifest; `None` when the parser panicked. toml_edit 0.23.10 panics ("all items
/// have spans") on some malformed documents, such as `async-openai={e b[]e=.\nasync-openai.`
/// (found by the `cargo_toml` fuzz target): that is one bad file, which must not end the run. The
/// panic's own message is kept off stderr (see `quiet_panics`).
fn parse_toml(text: &str) -> Option<Result<toml_edit::Document<&str>, toml_edit::TomlError>> {
    quiet_panics(|| toml_edit::Document::parse(text))
}

/// Run `f`, turning a panic into `None` without the default hook printing it.
fn quiet_panics<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        // The hook is the process's; only a thread inside `quiet_panics` is silenced.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let out = std::panic::catch_unwind(f).ok();
    QUIET.with(|q| q.set(was));
    out
}

/// Every async-openai dependency of a manifest's text.
fn dependencies(text: &str) -> Result<Vec<Dependency>, SyntaxError> {
    let parsed =
        parse_toml(text).ok_or_else(|| SyntaxError::new(PARSER_PANICKED, Span::new(0, 0)))?;
    let doc = parsed.map_err(|e| {
        SyntaxError::new(
            format!("TOML syntax error: {}", e.message()),
            span(e.span()).unwrap_or(Span::new(0, 0)),
        )
    })?;
    let root = doc.as_table();
    // Each table, whether it is `[workspace.dependencies]`, whether it is a dev table.
    let mut tables: Vec<(&toml_edit::Table, bool, bool)> = Vec::new();
    for name in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(t) = root.get(name).and_then(|i| i.as_table()) {
            tables.push((t, false, name == "dev-dependencies"));
        }
    }
    if let Some(targets) = root.get("target").and_then(|i| i.as_table()) {
        for (_, target) in targets.iter() {
            if let Some(target) = target.as_table() {
                for name in ["dependencies", "dev-dependencies", "build-dependencies"] {
                    if let Some(t) = target.get(name).and_then(|i| i.as_table()) {
                        tables.push((t, false, name == "dev-dependencies"));
                    }
                }
            }
        }
    }
    if let Some(t) = root
        .get("workspace")
        .and_then(|i| i.as_table())
        .and_then(|w| w.get("dependencies"))
        .and_then(|i| i.as_table())
    {
        tables.push((t, true, false));
    }
    let mut out = Vec::new();
    for (table, in_workspace_table, dev) in tables {
        for (name, item) in table.iter() {
            let Some(key) = table.key(name).and_then(|k| span(k.span())) else {
                continue;
            };
            if let Some(dep) = dependency(name, key, item, in_workspace_table) {
                out.push(Dependency { dev, ..dep });
            }
        }
    }
    Ok(out)
}

fn dependency(name: &str, key: Span, item: &toml_edit::Item, in_ws: bool) -> Option<Dependency> {
    use toml_edit::{Item, Value as V};
    let mut dep = Dependency {
        body: key,
        form: Form::Version,
        key,
        version: None,
        features: None,
        workspace: false,
        path: None,
        git: false,
        last_value_end: key.end,
        in_workspace_table: in_ws,
        dev: false,
    };
    // Fields of a table-like dependency: (key, value) pairs.
    let fields: Vec<(String, &V)> = match item {
        Item::Value(V::String(s)) => {
            if name != CRATE {
                return None;
            }
            let at = span(s.span())?;
            dep.version = Some((s.value().clone(), at));
            dep.body = at;
            dep.last_value_end = at.end;
            return Some(dep);
        }
        Item::Value(V::InlineTable(t)) => {
            dep.form = Form::Inline;
            dep.body = span(t.span())?;
            t.iter().map(|(k, v)| (k.to_string(), v)).collect()
        }
        Item::Table(t) => {
            dep.form = if t.is_dotted() {
                Form::Dotted
            } else {
                Form::Table
            };
            t.iter()
                .filter_map(|(k, v)| v.as_value().map(|v| (k.to_string(), v)))
                .collect()
        }
        _ => return None,
    };
    let package = fields
        .iter()
        .find(|(k, _)| k == "package")
        .and_then(|(_, v)| v.as_str());
    if package.unwrap_or(name) != CRATE {
        return None;
    }
    let mut start = dep.body.start;
    let mut end = dep.body.end;
    // The end of the last value: where a new key goes.
    let mut last_value_end = match dep.form {
        Form::Inline => dep.body.start + 1,
        _ => key.end,
    };
    for (k, v) in &fields {
        let Some(at) = span(v.span()) else { continue };
        start = start.min(at.start);
        end = end.max(at.end);
        last_value_end = last_value_end.max(at.end);
        match (k.as_str(), v) {
            ("version", V::String(s)) => dep.version = Some((s.value().clone(), at)),
            ("workspace", V::Boolean(b)) => dep.workspace = *b.value(),
            ("path", V::String(p)) => dep.path = Some(p.value().clone()),
            ("git", _) => dep.git = true,
            ("features", V::Array(a)) => {
                let (names, spans) = string_list(a);
                dep.features = Some((names, at, spans, a.trailing_comma()));
            }
            _ => {}
        }
    }
    dep.last_value_end = last_value_end;
    if dep.form != Form::Inline {
        dep.body = Span::new(key.start.min(start), end);
    }
    Some(dep)
}

/// The async-openai version the crate whose manifest is in `dir` compiles with, and where
/// that was read (`Cargo.lock`, the requirement, a path dependency's own manifest); `None`
/// when the crate has no async-openai dependency, `Err` with why when it has one whose
/// version cannot be read (a git checkout, a path without a manifest).
pub fn crate_version(dir: &Path) -> Option<Result<(Version, String), String>> {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let dep = dependencies(&text)
        .ok()?
        .into_iter()
        .find(|d| !d.in_workspace_table)?;
    let inherited = dep.workspace.then(|| workspace_dependency(dir)).flatten();
    Some(dependency_version(dir, &dep, inherited.as_ref()))
}

/// The version one dependency resolves to, and where that was read.
fn dependency_version(
    dir: &Path,
    dep: &Dependency,
    inherited: Option<&Dependency>,
) -> Result<(Version, String), String> {
    if let Some(locked) = locked_version(dir) {
        return Ok((locked, "Cargo.lock".into()));
    }
    let own = [Some(dep), inherited].into_iter().flatten();
    for d in own.clone() {
        if let Some(requirement) = d.version.as_ref().map(|(v, _)| v) {
            if let Some(v) = minimum(requirement) {
                return Ok((v, format!("the requirement {requirement:?}")));
            }
        }
    }
    for d in own.clone() {
        if let Some(path) = &d.path {
            // A workspace entry's path is relative to the workspace root, which is where
            // `inherited` was read; the crate's own is relative to `dir`.
            let base = if std::ptr::eq(d, dep) {
                Some(dir.to_path_buf())
            } else {
                workspace_root(dir)
            };
            if let Some(v) = base.and_then(|b| package_version(&b.join(path))) {
                return Ok((v, format!("the manifest at {path:?}")));
            }
            return Err(format!(
                "async-openai comes from the path {path:?}, whose version responsify cannot read"
            ));
        }
    }
    if own.clone().any(|d| d.git) {
        return Err(
            "async-openai comes from a git checkout, whose version responsify cannot read".into(),
        );
    }
    Err("responsify cannot read which async-openai version the crate compiles with".into())
}

/// `[package] version` of the manifest in `dir`.
fn package_version(dir: &Path) -> Option<Version> {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let manifest: toml::Table = text.parse().ok()?;
    minimum(manifest.get("package")?.get("version")?.as_str()?)
}

/// The directory of the workspace root above `dir`.
fn workspace_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().skip(1).find_map(|d| {
        let text = std::fs::read_to_string(d.join("Cargo.toml")).ok()?;
        text.contains("[workspace").then(|| d.to_path_buf())
    })
}

/// What the crate's sources do with async-openai.
#[derive(Clone, Copy, Debug, Default)]
pub struct SourceUse {
    /// Chat calls responsify would migrate (fixed by it or, held, by a person).
    pub chat_to_migrate: usize,
    /// Of those, the calls `--fix` rewrites to Responses.
    pub rewritten_safe: usize,
    /// And the calls only `--unsafe-fixes` rewrites.
    pub rewritten_unsafe: usize,
    /// Calls of `.responses()` already there.
    pub responses: bool,
}

/// Read the `.rs` files of the crate in `dir`.
pub fn source_use(dir: &Path) -> SourceUse {
    let mut found = SourceUse::default();
    let mut stack: Vec<PathBuf> = ["src", "examples", "tests", "benches"]
        .iter()
        .map(|d| dir.join(d))
        .collect();
    stack.push(dir.join("build.rs"));
    let mut sources = Vec::new();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            // A nested crate has its own manifest and is checked with it.
            if path.join("Cargo.toml").is_file() {
                continue;
            }
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            sources.push(path);
        }
    }
    // The crate's files are the run each is judged in: a helper's callers in other modules
    // decide whether its call is rewritten.
    let project = std::sync::Arc::new(crate::project::Project::new(sources.clone()));
    for path in &sources {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if !text.contains("async_openai") {
            continue;
        }
        let used = super::rust::source_use(&text, Some((path, &project)));
        found.chat_to_migrate += used.chat_to_migrate;
        found.rewritten_safe += used.rewritten_safe;
        found.rewritten_unsafe += used.rewritten_unsafe;
        found.responses |= used.responses;
    }
    found
}

/// The workspace root above `dir` and its async-openai entry.
fn workspace_dependency(dir: &Path) -> Option<Dependency> {
    let mut at = dir.parent();
    while let Some(d) = at {
        let manifest = d.join("Cargo.toml");
        if let Ok(text) = std::fs::read_to_string(&manifest) {
            if text.contains("[workspace") {
                return dependencies(&text)
                    .ok()?
                    .into_iter()
                    .find(|dep| dep.in_workspace_table);
            }
        }
        at = d.parent();
    }
    None
}

/// The async-openai version a `Cargo.lock` at or above `dir` resolved.
fn locked_version(dir: &Path) -> Option<Version> {
    let mut at = Some(dir);
    while let Some(d) = at {
        if let Ok(text) = std::fs::read_to_string(d.join("Cargo.lock")) {
            let lock: toml::Table = text.parse().ok()?;
            return lock
                .get("package")?
                .as_array()?
                .iter()
                .filter(|p| p.get("name").and_then(|n| n.as_str()) == Some(CRATE))
                .filter_map(|p| minimum(p.get("version")?.as_str()?))
                .max();
        }
        at = d.parent();
    }
    None
}

impl FrontEnd for CargoManifest {
    fn name(&self) -> &'static str {
        "Cargo manifest"
    }

    fn triggers(&self) -> &'static [&'static str] {
        &[CRATE]
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        let deps = dependencies(text)?;
        let mut units = Vec::new();
        let Some(dir) = &self.dir else {
            return Ok(Lifted { units });
        };
        let mut used = None;
        // The features of the `[dependencies]` entries (with what they inherit), which
        // Cargo also turns on for the builds that take a `[dev-dependencies]` entry.
        let inherited_features = |dep: &Dependency| -> Vec<String> {
            let mut features: Vec<String> = dep.features.iter().flat_map(|f| f.0.clone()).collect();
            if let Some(ws) = dep.workspace.then(|| workspace_dependency(dir)).flatten() {
                features.extend(ws.features.iter().flat_map(|f| f.0.clone()));
            }
            features
        };
        let normal_features: Vec<String> = deps
            .iter()
            .filter(|d| !d.in_workspace_table && !d.dev)
            .flat_map(inherited_features)
            .collect();
        for dep in deps.iter() {
            if dep.in_workspace_table {
                // The members that use it are checked with their own manifests.
                continue;
            }
            let used = *used.get_or_insert_with(|| source_use(dir));
            if used.chat_to_migrate == 0 && !used.responses {
                continue;
            }
            let inherited = dep.workspace.then(|| workspace_dependency(dir)).flatten();
            let version = dependency_version(dir, dep, inherited.as_ref());
            let mut features = inherited_features(dep);
            if dep.dev {
                features.extend(normal_features.iter().cloned());
            }
            let mut entries = vec![
                entry("crate-uses", Value::str(describe_use(used)), None),
                entry(
                    "version",
                    Value::str(match &version {
                        Ok((v, _)) => v.to_string(),
                        Err(_) => String::new(),
                    }),
                    None,
                ),
                entry(
                    "version-source",
                    Value::str(match &version {
                        Ok((_, source)) => source.clone(),
                        Err(why) => why.clone(),
                    }),
                    None,
                ),
                entry(
                    "enabled-features",
                    Value::list(features.iter().map(Value::str).collect()),
                    None,
                ),
            ];
            if let Some((names, at, _, _)) = &dep.features {
                entries.push(entry(
                    "features",
                    Value {
                        kind: Kind::List(names.iter().map(Value::str).collect()),
                        span: Some(*at),
                    },
                    None,
                ));
            }
            // An unreadable version is judged like an old one: neither the feature (which
            // older releases do not have) nor the Rust code can be written for it.
            let kind = match version {
                Ok((v, _)) if v < FIRST_FEATURE_GATED => Hold::AsyncOpenaiVersion,
                Err(_) => Hold::AsyncOpenaiVersion,
                // The feature comes with the code that needs it: only when this run
                // rewrites a call of the crate (or the crate already calls Responses). A
                // crate whose chat calls are all held keeps its manifest until they move.
                Ok(_)
                    if !features.iter().any(|f| f == "responses")
                        && (used.responses || used.rewritten_safe + used.rewritten_unsafe > 0) =>
                {
                    Hold::AsyncOpenaiResponsesFeature
                }
                Ok(_) => continue,
            };
            if kind == Hold::AsyncOpenaiResponsesFeature
                && !used.responses
                && used.rewritten_safe == 0
            {
                // Only `--unsafe-fixes` rewrites a call: the feature waits for that run.
                entries.push(entry("fix-level", Value::str("unsafe"), None));
            }
            let mut unit = Unit::new(
                Request {
                    endpoint: Endpoint::ChatCompletions,
                    site: Site::Body,
                    span: dep.body,
                    body: Value {
                        kind: Kind::Map(entries),
                        span: Some(dep.body),
                    },
                    hidden_keys: false,
                },
                Verdict::hold(kind, format!("`{}`", &text[dep.key.start..dep.key.end])),
            );
            unit.unseen.clear();
            units.push(unit);
        }
        Ok(Lifted { units })
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        let deps = dependencies(text).map_err(|e| e.message)?;
        let mut edits = Vec::new();
        for change in changes {
            match change {
                Change::InsertElement { list, value } => {
                    let dep = deps
                        .iter()
                        .find(|d| d.features.as_ref().is_some_and(|f| f.1 == *list))
                        .ok_or("the features list is not where it was")?;
                    let (_, at, elements, trailing) = dep.features.as_ref().expect("found by it");
                    let item = toml_string(value)?;
                    edits.push(match (elements.last(), trailing) {
                        (None, _) => Edit::insert(at.start + 1, item),
                        (Some(last), false) => Edit::insert(last.end, format!(", {item}")),
                        (Some(last), true) => {
                            let comma = text[last.end..at.end]
                                .find(',')
                                .map(|i| last.end + i + 1)
                                .ok_or("a trailing comma that is not there")?;
                            Edit::insert(comma, format!(" {item},"))
                        }
                    });
                }
                Change::InsertEntry { map, key, value } => {
                    let dep = deps
                        .iter()
                        .find(|d| d.body == *map)
                        .ok_or("the dependency is not where it was")?;
                    let value = toml_value(value)?;
                    let nl = line_ending(text);
                    edits.push(match dep.form {
                        Form::Version => Edit::replace(
                            dep.body,
                            format!(
                                "{{ version = {}, {key} = {value} }}",
                                &text[dep.body.start..dep.body.end]
                            ),
                        ),
                        Form::Inline => {
                            // Before the closing brace, after the last value.
                            Edit::insert(dep.last_value_end, format!(", {key} = {value}"))
                        }
                        Form::Table => {
                            Edit::insert(dep.last_value_end, format!("{nl}{key} = {value}"))
                        }
                        Form::Dotted => Edit::insert(
                            dep.last_value_end,
                            format!("{nl}{}.{key} = {value}", &text[dep.key.start..dep.key.end]),
                        ),
                    });
                }
                _ => return Err("responsify only adds features to a Cargo manifest".into()),
            }
        }
        let _ = units;
        Ok(edits)
    }

    fn verify(&self, _before: &str, after: &str) -> Result<(), String> {
        parse_toml(after)
            .ok_or_else(|| PARSER_PANICKED.to_string())?
            .map(|_| ())
            .map_err(|e| e.message().to_string())
    }

    fn verify_is_lift(&self) -> bool {
        false
    }
}

fn entry(key: &str, value: Value, key_span: Option<Span>) -> Entry {
    Entry {
        key: key.into(),
        key_span,
        value,
        span: None,
    }
}

fn describe_use(used: SourceUse) -> String {
    match (used.chat_to_migrate, used.responses) {
        (0, _) => "calls the Responses API".into(),
        // The version is reported for every call a person would migrate, held or not: it
        // needs a newer async-openai once migrated, by responsify or by hand.
        (1, _) => "has 1 Chat Completions call to move to Responses".into(),
        (n, _) => format!("has {n} Chat Completions calls to move to Responses"),
    }
}

fn toml_string(value: &Value) -> Result<String, String> {
    match &value.kind {
        Kind::Str(s) => Ok(crate::frontend::json::json_string(s)),
        _ => Err("a feature name is a string".into()),
    }
}

fn toml_value(value: &Value) -> Result<String, String> {
    match &value.kind {
        Kind::Str(_) => toml_string(value),
        Kind::List(items) => Ok(format!(
            "[{}]",
            items
                .iter()
                .map(toml_string)
                .collect::<Result<Vec<_>, _>>()?
                .join(", ")
        )),
        _ => Err("responsify only writes strings and lists of them to a manifest".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// toml_edit panicked on this (the `cargo_toml` fuzz target's finding): a syntax error of
    /// the one file, in both the lift and the verification of a fix.
    #[test]
    fn a_manifest_that_panics_the_toml_parser_is_a_syntax_error() {
        let text = "async-openai={e b[]e=.\nasync-openai.";
        let err = ANY_MANIFEST.lift(text).unwrap_err();
        assert_eq!(err.message, PARSER_PANICKED);
        assert_eq!(
            ANY_MANIFEST.verify("", text),
            Err(PARSER_PANICKED.to_string())
        );
        // The parser still works afterwards, on this thread and its hook.
        assert!(ANY_MANIFEST.lift("[package]\nname = \"x\"\n").is_ok());
    }

    #[test]
    fn every_spelling_of_the_dependency_is_found() {
        let text = r#"
[dependencies]
async-openai = "0.43"
openai = { package = "async-openai", version = "0.30", features = ["byot"] }
other = "1"

[dev-dependencies.async-openai]
version = "0.31"

[build-dependencies]
async-openai.workspace = true
"#;
        let deps = dependencies(text).unwrap();
        let forms: Vec<Form> = deps.iter().map(|d| d.form).collect();
        assert_eq!(
            forms,
            [Form::Version, Form::Inline, Form::Table, Form::Dotted]
        );
        assert_eq!(deps[1].features.as_ref().unwrap().0, ["byot"]);
        assert!(deps[3].workspace);
    }
}
