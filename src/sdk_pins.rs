//! Which version of the `openai` SDK a project is held to, and whether that version has the
//! Responses API at all.
//!
//! A migrated call is only as good as the SDK that runs it: `client.responses` arrived in
//! openai-python 1.66.0 and openai-node 4.87 (with `output_text` working from 4.87.2), and a
//! project that pins an older one (`openai==1.48.0` in requirements.txt, 4.24.7 in
//! package-lock.json) would get code that fails with an AttributeError or does not compile.
//! The manifests and lockfiles nearest a file say what it runs with; when they hold the SDK
//! below what the migrated code needs, the request is held for a person to upgrade first.
//!
//! The checked file may also say it itself, and then it speaks for itself alone: a notebook's
//! own install line (`%pip install openai==1.40.0`), a script's PEP 723 inline metadata
//! (`# /// script` … `# dependencies = ["openai==1.30.0"]`), or a Deno / CDN import specifier
//! that carries the version (`npm:openai@4.20.0`, `https://esm.sh/openai@4.20.0`).

use std::path::{Path, PathBuf};

use crate::folder_files::FolderFiles;
use crate::sdk::Version;

/// A version as releases write it (`1.48.0`, `v4.87.2`, `4.87.2-beta.1`: pre-release tags
/// ignored, missing parts 0).
pub fn parse_version(text: &str) -> Option<Version> {
    let core = text.trim().trim_start_matches(['v', '=']);
    let core = core.split(['-', '+', ' ']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    let patch = parts.next().flatten().unwrap_or(0);
    Some(Version(major, minor, patch))
}

/// The highest release a version written with fewer than three parts stands for, where a
/// missing part means "any" (npm's `4` and `4.20`, conda's `=1.2`, PEP 440's `==1.2.*`): the
/// highest `4.x`, `4.20.x`, `1.2.x`.
fn highest_of_prefix(text: &str) -> Option<Version> {
    let core = text.trim().trim_start_matches(['v', '=']);
    let core = core.split(['-', '+', ' ']).next()?.trim_end_matches(".*");
    let v = parse_version(core)?;
    Some(match core.split('.').count() {
        1 => just_below(Version(v.0 + 1, 0, 0)),
        2 => just_below(Version(v.0, v.1 + 1, 0)),
        _ => v,
    })
}

/// The SDKs whose versions are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sdk {
    Python,
    Node,
}

impl Sdk {
    /// The first release that has what the migrated code calls: `responses.create` (and
    /// `output_text`), or the structured-output helpers (`responses.parse`, `zodTextFormat`),
    /// which came later. The helpers' floors are the first releases known to have them, so a
    /// project between two floors is held rather than broken.
    pub fn floor(self, helpers: bool) -> Version {
        use crate::sdk::{
            NODE_RESPONSES, NODE_RESPONSES_HELPERS, PYTHON_RESPONSES, PYTHON_RESPONSES_HELPERS,
        };
        match (self, helpers) {
            (Sdk::Python, false) => PYTHON_RESPONSES,
            (Sdk::Python, true) => PYTHON_RESPONSES_HELPERS,
            (Sdk::Node, false) => NODE_RESPONSES,
            (Sdk::Node, true) => NODE_RESPONSES_HELPERS,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sdk::Python => "openai (Python)",
            Sdk::Node => "openai (npm)",
        }
    }
}

/// The highest `openai` version a project may run, and the file that says so.
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    pub file: PathBuf,
    /// The line of `file` that says so (1-based; in a notebook, of the cell), when known.
    pub line: Option<usize>,
    /// The highest version the file allows (an exact pin, a lockfile's version, or just
    /// below an upper bound).
    pub at_most: Version,
    /// As the file writes it, for the message.
    pub written: String,
    /// Where it was read: a manifest, or the checked file itself.
    pub place: Place,
}

/// Where a pin was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A manifest or lockfile near the code.
    Manifest,
    /// The checked notebook's own install line (`%pip install openai==1.40.0`), in the cell
    /// with this number.
    NotebookCell(usize),
    /// The checked script's PEP 723 inline metadata (`# /// script`).
    ScriptMetadata,
    /// The module specifier the checked file imports the SDK by (`npm:openai@4.20.0`).
    ImportSpecifier,
}

impl Pin {
    /// What holds the SDK, as the message's subject: `requirements.txt:2 holds`, `cell 2
    /// (line 1) of this notebook installs`.
    pub fn holder(&self) -> String {
        let file = crate::walk::display_path(&self.file);
        match (self.place, self.line) {
            (Place::Manifest, Some(line)) => format!("{file}:{line} holds"),
            (Place::Manifest, None) => format!("{file} holds"),
            (Place::NotebookCell(cell), Some(line)) => {
                format!("cell {cell} (line {line}) of this notebook installs")
            }
            (Place::NotebookCell(cell), None) => format!("cell {cell} of this notebook installs"),
            (Place::ScriptMetadata, Some(line)) => {
                format!("this script's inline metadata (`# /// script`, line {line}) pins")
            }
            (Place::ScriptMetadata, None) => {
                "this script's inline metadata (`# /// script`) pins".to_string()
            }
            (Place::ImportSpecifier, Some(line)) => format!("the import on line {line} pins"),
            (Place::ImportSpecifier, None) => "the import pins".to_string(),
        }
    }
}

/// What a file says about `openai`: the highest version it allows (`None` when it names
/// `openai` and leaves it open upwards), the text that says so, and its line (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub at_most: Option<Version>,
    pub written: String,
    pub line: usize,
}

impl Found {
    fn pin(self, file: &Path, place: Place) -> Option<Pin> {
        Some(Pin {
            file: file.to_path_buf(),
            line: Some(self.line),
            at_most: self.at_most?,
            written: self.written,
            place,
        })
    }
}

/// What one folder says about the SDK's version.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A file here pins it.
    Pinned(Pin),
    /// The project's own manifest is here and says nothing about `openai`, or this is the
    /// repository's root (the folder with `.git`): nothing above counts.
    Stop,
    /// Nothing here: ask the parent folder.
    Up,
}

/// The files that may hold either SDK's version.
pub const ALL_NAMES: [&[&str]; 2] = [names(Sdk::Python), names(Sdk::Node)];

/// The files, nearest first, that may hold the SDK's version.
const fn names(sdk: Sdk) -> &'static [&'static str] {
    match sdk {
        // Lockfiles first: they say what is installed.
        Sdk::Python => &[
            "poetry.lock",
            "uv.lock",
            "pdm.lock",
            "requirements.txt",
            "requirements.in",
            "pyproject.toml",
            "Pipfile",
            "setup.py",
            "setup.cfg",
            "environment.yml",
            "environment.yaml",
        ],
        Sdk::Node => &[
            "package-lock.json",
            "pnpm-lock.yaml",
            "yarn.lock",
            "package.json",
            "deno.json",
            "deno.jsonc",
        ],
    }
}

/// The lockfiles among [`names`]: what is installed, as long as the manifest beside them
/// still allows it.
const LOCKFILES: &[&str] = &[
    "poetry.lock",
    "uv.lock",
    "pdm.lock",
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
];

/// What `folder` alone says about the SDK's version. A lockfile whose `openai` the folder's
/// manifest no longer allows (`poetry.lock` at 1.65.3 beside `openai>=1.70` in
/// `pyproject.toml`) is stale: the next install takes what the manifest asks for, so the
/// manifest answers instead.
pub fn step(folder: &Path, sdk: Sdk, files: &FolderFiles) -> Step {
    let mut found_any = false;
    let read = |name: &str| -> Option<String> {
        let text = std::fs::read_to_string(folder.join(name)).ok()?;
        Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        )
    };
    let mut floor: Option<Option<Version>> = None;
    for name in names(sdk).iter().filter(|name| files.has(name)) {
        let file = folder.join(name);
        let Some(text) = read(name) else {
            continue;
        };
        found_any = true;
        let Some(pin) = read_pin(name, &text).and_then(|f| f.pin(&file, Place::Manifest)) else {
            continue;
        };
        if LOCKFILES.contains(name) {
            let manifest = match sdk {
                Sdk::Python => "pyproject.toml",
                Sdk::Node => "package.json",
            };
            let floor = *floor.get_or_insert_with(|| {
                files
                    .has(manifest)
                    .then(|| read(manifest))
                    .flatten()
                    .and_then(|text| lowest_allowed(manifest, &text))
            });
            if floor.is_some_and(|floor| pin.at_most < floor) {
                continue;
            }
        }
        return Step::Pinned(pin);
    }
    if found_any || files.has(crate::folder_files::GIT) {
        Step::Stop
    } else {
        Step::Up
    }
}

/// The pin of the nearest folder, from `dir` up, that has one of the files that may hold the
/// SDK's version; not above the repository's root (the folder with `.git`), whose parents
/// are not the project's.
pub fn pin_for(dir: &Path, sdk: Sdk) -> Option<Pin> {
    let mut at = Some(dir);
    while let Some(folder) = at {
        match step(folder, sdk, &FolderFiles::list(folder)) {
            Step::Pinned(pin) => return Some(pin),
            Step::Stop => return None,
            Step::Up => at = folder.parent(),
        }
    }
    None
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let at = text.find(needle)?;
    Some(text[..at].matches('\n').count() + 1)
}

/// What `text` (a file called `name`) says about `openai`; `None` when it does not name it.
pub fn read_pin(name: &str, text: &str) -> Option<Found> {
    let exact = |version: &str, written: String, line: Option<usize>| {
        Some(Found {
            at_most: Some(parse_version(version)?),
            written,
            line: line.unwrap_or(1),
        })
    };
    match name {
        "package-lock.json" => {
            let json: serde_json::Value = serde_json::from_str(text).ok()?;
            let version = json
                .pointer("/packages/node_modules~1openai/version")
                .or_else(|| json.pointer("/dependencies/openai/version"))?
                .as_str()?;
            let line = line_of(text, "\"node_modules/openai\"").or(line_of(text, "\"openai\""));
            exact(version, format!("openai {version}"), line)
        }
        "pnpm-lock.yaml" => text.lines().enumerate().find_map(|(i, line)| {
            let line = line.trim().trim_start_matches('/').trim_start_matches('\'');
            let rest = line.strip_prefix("openai@")?;
            let version = rest.split(['(', ':', '\'']).next()?;
            exact(version, format!("openai@{version}"), Some(i + 1))
        }),
        "yarn.lock" => {
            let mut lines = text.lines().enumerate();
            while let Some((_, line)) = lines.next() {
                let entry = line.trim_start_matches('"');
                if entry.starts_with("openai@") && line.ends_with(':') {
                    let (i, next) = lines.next()?;
                    let version = next.trim().strip_prefix("version ")?.trim_matches('"');
                    return exact(version, format!("openai {version}"), Some(i + 1));
                }
            }
            None
        }
        "package.json" => {
            let json: serde_json::Value = serde_json::from_str(text).ok()?;
            let range = ["dependencies", "devDependencies", "peerDependencies"]
                .iter()
                .find_map(|k| json.get(k)?.get("openai")?.as_str())?;
            Some(Found {
                at_most: node_range_top(range),
                written: format!("\"openai\": \"{range}\""),
                line: line_of(text, "\"openai\"").unwrap_or(1),
            })
        }
        "poetry.lock" | "uv.lock" | "pdm.lock" => {
            // `[[package]]` tables: `name = "openai"` then `version = "…"`.
            let mut lines = text.lines().enumerate();
            while let Some((_, line)) = lines.next() {
                if line.trim() == "name = \"openai\"" {
                    let (i, next) = lines.next()?;
                    let version = next.trim().strip_prefix("version = ")?.trim_matches('"');
                    return exact(version, format!("openai {version}"), Some(i + 1));
                }
            }
            None
        }
        "environment.yml" | "environment.yaml" => conda_environment(text),
        // Deno's import map: `"imports": { "openai": "npm:openai@4.20.0" }` (comments allowed).
        "deno.json" | "deno.jsonc" => {
            let Ok(Some(jsonc_parser::JsonValue::Object(root))) =
                jsonc_parser::parse_to_value(text, &Default::default())
            else {
                return None;
            };
            let specifier = root.get_object("imports")?.get_string("openai")?;
            let found = specifier_pin(specifier)?;
            let line = line_of(text, &format!("\"{specifier}\"")).unwrap_or(1);
            Some(Found { line, ..found })
        }
        _ => python_requirement(text),
    }
}

/// The first requirement on `openai` in Python requirement syntax anywhere in `text`
/// (requirements files, `pyproject.toml` dependency strings, `setup.py` lists), or a Poetry
/// table entry (`openai = "1.48.0"`, `openai = "^1.30"`), and the highest version it allows.
fn python_requirement(text: &str) -> Option<Found> {
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        // The requirement starts at the word `openai`, not inside another (`langchain-openai`).
        let mut from = 0;
        while let Some(i) = line[from..].find("openai") {
            let at = from + i;
            from = at + "openai".len();
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.') {
                continue;
            }
            let rest = line[from..].trim_start_matches(['"', '\'']).trim_start();
            // `openai[extra]==…`
            let rest = match rest.strip_prefix('[') {
                Some(r) => r.split_once(']').map_or("", |(_, r)| r),
                None => rest,
            };
            if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
                continue;
            }
            let spec: String = rest
                .trim_start_matches(['=', ' ', '"'])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ';' | ')'))
                .collect();
            // Poetry: `openai = "1.48.0"` or `openai = "^1.30"`.
            let spec = if rest.starts_with("= ") || rest.starts_with("=\"") {
                poetry_to_pep440(spec.trim())
            } else {
                rest.chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | ';' | ')'))
                    .collect()
            };
            return Some(Found {
                at_most: pep440_top(&spec),
                written: format!("openai{}", spec.trim()),
                line: number + 1,
            });
        }
    }
    None
}

/// The lowest version of `openai` a manifest (`pyproject.toml`, `package.json`) allows, when
/// it names one.
fn lowest_allowed(name: &str, text: &str) -> Option<Version> {
    match name {
        "package.json" => {
            let json: serde_json::Value = serde_json::from_str(text).ok()?;
            let range = ["dependencies", "devDependencies", "peerDependencies"]
                .iter()
                .find_map(|k| json.get(k)?.get("openai")?.as_str())?;
            let range = range.trim().trim_start_matches(['^', '~', '>', '=', 'v']);
            parse_version(range.split([' ', '<', '|']).next()?)
        }
        _ => {
            let found = python_requirement(text)?;
            let spec = found.written.strip_prefix("openai")?;
            spec.split(',').find_map(|clause| {
                let clause = clause.trim();
                [">=", "~=", "===", "=="]
                    .iter()
                    .find_map(|op| clause.strip_prefix(op))
                    .filter(|v| !v.trim().ends_with(".*"))
                    .and_then(parse_version)
            })
        }
    }
}

/// A Poetry constraint as a PEP 440 one, for the bound that matters here.
fn poetry_to_pep440(spec: &str) -> String {
    if let Some(v) = spec.strip_prefix('^') {
        // `^1.30` allows anything below the next major.
        return format!(">={v}");
    }
    if spec.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("=={spec}");
    }
    spec.to_string()
}

/// The highest version a PEP 440 specifier list allows (`==1.48.0`, `<1.50`, `~=1.30`,
/// `==1.*`), `None` when it has no upper bound.
fn pep440_top(spec: &str) -> Option<Version> {
    let mut top: Option<Version> = None;
    for clause in spec.split(',') {
        let clause = clause.trim();
        let bound = if let Some(v) = clause.strip_prefix("===") {
            parse_version(v)
        } else if let Some(v) = clause.strip_prefix("==") {
            if v.trim().ends_with(".*") {
                highest_of_prefix(v)
            } else {
                parse_version(v)
            }
        } else if let Some(v) = clause.strip_prefix("<=") {
            parse_version(v)
        } else if let Some(v) = clause.strip_prefix('<') {
            parse_version(v).map(just_below)
        } else if let Some(v) = clause.strip_prefix("~=") {
            // `~=1.30` allows < 2.0; `~=1.30.2` allows < 1.31.
            let parts = v.split('.').count();
            parse_version(v).map(|Version(a, b, _)| {
                if parts >= 3 {
                    just_below(Version(a, b + 1, 0))
                } else {
                    just_below(Version(a + 1, 0, 0))
                }
            })
        } else {
            None
        };
        if let Some(b) = bound {
            top = Some(top.map_or(b, |t| t.min(b)));
        }
    }
    top
}

/// The highest version an npm range allows: an exact version, `~1.2.3` (< 1.3), `<x`, `<=x`,
/// a partial version (`4.20`: the newest 4.20.x); `None` for ranges open upwards within a
/// major that has the API (`^4.0.0` resolves to the newest 4.x, which has it).
fn node_range_top(range: &str) -> Option<Version> {
    let range = range.trim();
    if let Some(v) = range.strip_prefix('~') {
        return parse_version(v).map(|Version(a, b, _)| just_below(Version(a, b + 1, 0)));
    }
    if let Some(v) = range.strip_prefix("<=") {
        return parse_version(v);
    }
    if let Some(v) = range.strip_prefix('<') {
        return parse_version(v).map(just_below);
    }
    let range = range.strip_prefix('=').unwrap_or(range);
    if range.starts_with(|c: char| c.is_ascii_digit()) && !range.contains(['x', '*', ' ']) {
        return highest_of_prefix(range);
    }
    None
}

/// A stand-in for "anything below `v`".
fn just_below(v: Version) -> Version {
    match v {
        Version(a, 0, 0) if a > 0 => Version(a - 1, u64::MAX, u64::MAX),
        Version(a, b, 0) if b > 0 => Version(a, b - 1, u64::MAX),
        Version(a, b, c) => Version(a, b, c.saturating_sub(1)),
    }
}

/// A conda match spec on `openai` (`openai=1.2`, `openai==1.2.3`, `openai>=1,<1.50`,
/// `conda-forge::openai 1.2.*`) and the highest version it allows; `None` for another
/// package. conda's single `=` is a prefix (`=1.2` is any 1.2.x).
fn conda_spec(spec: &str) -> Option<Option<Version>> {
    let spec = spec.trim();
    let spec = spec.rsplit_once("::").map_or(spec, |(_, s)| s);
    let end = spec
        .find(['=', '<', '>', '!', '~', ' ', '['])
        .unwrap_or(spec.len());
    if !spec[..end].eq_ignore_ascii_case("openai") {
        return None;
    }
    let rest = spec[end..].trim();
    if rest.starts_with("==") || rest.starts_with(['<', '>', '~', '!']) {
        return Some(pep440_top(rest));
    }
    let version = rest.trim_start_matches('=').trim();
    if version.is_empty() {
        return Some(None);
    }
    Some(
        version
            .split(',')
            .map(|clause| match clause.trim() {
                c if c.starts_with(['<', '>', '=', '~', '!']) => pep440_top(c),
                c => highest_of_prefix(c),
            })
            .fold(None, |top: Option<Version>, b| match (top, b) {
                (Some(t), Some(b)) => Some(t.min(b)),
                (t, b) => t.or(b),
            }),
    )
}

/// A conda `environment.yml`'s requirement on `openai`: among its `dependencies:` list,
/// a conda spec (`- openai=1.2`) or, in the list's `pip:` list, a pip requirement
/// (`- openai==1.40.0`).
///
/// Read line by line rather than with a YAML crate: the file's one structure that matters is
/// a top-level block list of scalars with one nested `pip:` list, the same shape the
/// pnpm-lock reader above handles, and the YAML crates (serde_yaml is unmaintained; the
/// maintained ones pull a parser and a serde layer) would be a dependency for one list.
/// A flow list (`dependencies: [python=3.11, openai=1.2]`) is read too; anchors, tags and
/// multi-line scalars never name a package here.
fn conda_environment(text: &str) -> Option<Found> {
    let unquote = |s: &str| {
        let s = s.split(" #").next().unwrap_or("").trim();
        s.trim_matches(|c| c == '"' || c == '\'').to_string()
    };
    let found = |entry: &str, pip: bool, line: usize| -> Option<Found> {
        let at_most = if pip {
            let f = python_requirement(entry)?;
            f.at_most
        } else {
            conda_spec(entry)?
        };
        Some(Found {
            at_most,
            written: entry.to_string(),
            line,
        })
    };
    let mut in_dependencies = false;
    // The indentation of the `- pip:` item while its list is read.
    let mut pip_indent: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent == 0 {
            in_dependencies = false;
            pip_indent = None;
            if let Some(rest) = content.strip_prefix("dependencies:") {
                let rest = rest.trim();
                if let Some(flow) = rest.strip_prefix('[') {
                    let flow = flow.split(']').next().unwrap_or("");
                    if let Some(f) = flow
                        .split(',')
                        .find_map(|entry| found(&unquote(entry), false, i + 1))
                    {
                        return Some(f);
                    }
                } else {
                    in_dependencies = true;
                }
            }
            continue;
        }
        if !in_dependencies {
            continue;
        }
        if pip_indent.is_some_and(|p| indent <= p) {
            pip_indent = None;
        }
        let Some(item) = content.strip_prefix('-') else {
            continue;
        };
        let item = unquote(item);
        if item == "pip:" || item.starts_with("pip: ") || item.starts_with("pip:[") {
            let flow = item["pip:".len()..].trim();
            if let Some(flow) = flow.strip_prefix('[') {
                let flow = flow.split(']').next().unwrap_or("");
                if let Some(f) = flow
                    .split(',')
                    .find_map(|entry| found(&unquote(entry), true, i + 1))
                {
                    return Some(f);
                }
            } else {
                pip_indent = Some(indent);
            }
            continue;
        }
        if let Some(f) = found(&item, pip_indent.is_some(), i + 1) {
            return Some(f);
        }
    }
    None
}

/// A script's PEP 723 inline metadata (`# /// script` … `# ///`): its `dependencies` list's
/// requirement on `openai`. `uv run` and `pipx run` install exactly that list, so it says
/// what the script runs with whatever the folder's manifests say.
///
/// The block is found as the specification defines it (a `# /// script` line, lines that are
/// `#` or start with `# `, a closing `# ///`), and its content is parsed as TOML.
pub fn script_pin(text: &str) -> Option<Found> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim_end() == "# /// script")?;
    let mut content = String::new();
    let mut end = None;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let line = line.trim_end();
        if line == "# ///" {
            end = Some(i);
            break;
        }
        // A line that is neither ends the block unclosed: no metadata.
        let rest = line
            .strip_prefix("# ")
            .or_else(|| (line == "#").then_some(""))?;
        content.push_str(rest);
        content.push('\n');
    }
    let end = end?;
    let doc: toml_edit::DocumentMut = content.parse().ok()?;
    let dependencies = doc.get("dependencies")?.as_array()?;
    let found = dependencies.iter().find_map(|dep| {
        let dep = dep.as_str()?;
        let found = python_requirement(dep)?;
        // The block line that writes it.
        let line = (start + 1..end)
            .find(|&i| lines[i].contains(dep))
            .map_or(start + 1, |i| i + 1);
        Some(Found { line, ..found })
    });
    found
}

/// The commands a notebook line installs packages with, and whether they take conda specs.
const INSTALLERS: &[(&str, bool)] = &[
    ("pip install", false),
    ("pip3 install", false),
    ("python -m pip install", false),
    ("python3 -m pip install", false),
    ("uv pip install", false),
    ("conda install", true),
    ("mamba install", true),
    ("micromamba install", true),
];

/// Installer options that take a value (`-r requirements.txt`, `-c conda-forge`).
const VALUED_OPTIONS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "--channel",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "-e",
    "--editable",
    "-n",
    "--name",
    "-p",
    "--prefix",
];

/// A notebook line that installs `openai` (`%pip install -q openai==1.40.0`, `!pip install
/// "openai>=0.28,<1"`, `%conda install openai=1.2`): what it installs. The line is a magic or
/// shell line (`%` or `!` first); its words are split as a shell would, quotes removed.
pub fn install_line_pin(line: &str) -> Option<Found> {
    let command = line.trim_start().strip_prefix(['%', '!'])?.trim_start();
    let (rest, conda) = INSTALLERS.iter().find_map(|(installer, conda)| {
        let rest = command.strip_prefix(installer)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((rest, *conda))
    })?;
    let words = shell_words(rest);
    let mut skip_value = false;
    for word in &words {
        if skip_value {
            skip_value = false;
            continue;
        }
        if word.starts_with('-') {
            skip_value = VALUED_OPTIONS.contains(&word.as_str());
            continue;
        }
        let at_most = if conda {
            match conda_spec(word) {
                Some(top) => top,
                None => continue,
            }
        } else {
            match python_requirement(word) {
                Some(f) if word.trim_start().to_ascii_lowercase().starts_with("openai") => {
                    f.at_most
                }
                _ => continue,
            }
        };
        return Some(Found {
            at_most,
            written: word.clone(),
            line: 1,
        });
    }
    None
}

/// The words of a shell command line: split at blanks, quotes removed, up to a comment or
/// the end of the command (`;`, `&&`, `|`).
fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    in_word = true;
                }
                c if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                '#' if !in_word => break,
                ';' | '&' | '|' => break,
                '\\' => {}
                c => {
                    word.push(c);
                    in_word = true;
                }
            },
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The pin of a notebook's own install lines, from its code cells (`(number, code)`): the
/// last cell that installs `openai` decides, as it runs last. `Some` with no version when it
/// installs it open upwards (`%pip install -U openai`): then the manifests do not count.
pub fn notebook_pin<'a>(
    cells: impl IntoIterator<Item = (usize, &'a str)>,
) -> Option<(usize, Found)> {
    let mut last = None;
    for (number, code) in cells {
        for (i, line) in code.lines().enumerate() {
            if let Some(found) = install_line_pin(line) {
                last = Some((
                    number,
                    Found {
                        line: i + 1,
                        ..found
                    },
                ));
            }
        }
    }
    last
}

/// What a module specifier that the SDK is imported by says about its version: Deno's
/// `npm:openai@4.20.0` and `jsr:@openai/openai@4.20.0`, the CDNs' `https://esm.sh/openai@4.20.0`
/// (and skypack, jsdelivr, unpkg), `https://deno.land/x/openai@v4.20.0/mod.ts`. `None` for a
/// bare `openai` (the manifests say); a specifier without a version, or with a range open
/// upwards (`npm:openai@^4.20.0`), is the newest release, which has the API.
pub fn specifier_pin(module: &str) -> Option<Found> {
    let rest = [
        "npm:",
        "jsr:@openai/",
        "https://esm.sh/",
        "https://cdn.skypack.dev/",
        "https://cdn.jsdelivr.net/npm/",
        "https://unpkg.com/",
        "https://deno.land/x/",
    ]
    .iter()
    .find_map(|prefix| module.strip_prefix(prefix))?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let package = rest.split(['/', '?']).next()?;
    let (name, version) = match package.split_once('@') {
        Some((name, version)) => (name, Some(version)),
        None => (package, None),
    };
    if name != "openai" {
        return None;
    }
    Some(Found {
        at_most: version.and_then(|v| node_range_top(v.strip_prefix('v').unwrap_or(v))),
        written: module.to_string(),
        line: 1,
    })
}
/// What the checked file itself says about the SDK it runs with, for it alone: a notebook's
/// install lines (read from `file`, whose cells the run checks), a script's PEP 723
/// metadata, the specifier its client's class is imported by. `Some(None)` when the file
/// names `openai` open upwards (`%pip install -U openai`, `npm:openai@^4`): it runs the
/// newest release, whatever the manifests say. `None` when it says nothing.
pub fn in_file_pin(
    file: &Path,
    text: &str,
    sdk: Sdk,
    specifier: Option<&str>,
) -> Option<Option<Pin>> {
    match sdk {
        Sdk::Python if file.extension().is_some_and(|e| e == "ipynb") => {
            let notebook = std::fs::read_to_string(file).ok()?;
            let cells = crate::notebook::cells(&notebook).ok()?;
            let (number, found) = notebook_pin(cells.iter().map(|c| (c.number, c.text.as_str())))?;
            Some(found.pin(file, Place::NotebookCell(number)))
        }
        Sdk::Python => Some(script_pin(text)?.pin(file, Place::ScriptMetadata)),
        Sdk::Node => {
            let module = specifier?;
            let found = specifier_pin(module)?;
            let line = ['"', '\'', '`']
                .iter()
                .find_map(|q| line_of(text, &format!("{q}{module}{q}")))
                .unwrap_or(1);
            Some(Found { line, ..found }.pin(file, Place::ImportSpecifier))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_pins_and_bounds_are_read() {
        let top = |t: &str| python_requirement(t).and_then(|f| f.at_most);
        assert_eq!(top("openai==1.48.0\n"), Some(Version(1, 48, 0)));
        assert_eq!(
            top("requests\nopenai>=1.0,<1.50\n"),
            Some(Version(1, 49, u64::MAX))
        );
        assert_eq!(top("openai~=1.30\n"), Some(Version(1, u64::MAX, u64::MAX)));
        assert_eq!(top("openai>=1.40\n"), None);
        assert_eq!(top("langchain-openai==0.1.0\n"), None);
        assert_eq!(
            top("openai[datalib]==1.2.3 ; python_version>'3.8'\n"),
            Some(Version(1, 2, 3))
        );
        assert_eq!(
            top("dependencies = [\"openai==1.55.0\", \"httpx\"]\n"),
            Some(Version(1, 55, 0))
        );
        assert_eq!(top("openai = \"1.48.0\"\n"), Some(Version(1, 48, 0)));
        assert_eq!(top("openai = \"^1.30\"\n"), None);
    }

    #[test]
    fn lockfiles_say_what_is_installed() {
        let lock = r#"{"packages": {"node_modules/openai": {"version": "4.24.7"}}}"#;
        assert_eq!(
            read_pin("package-lock.json", lock).and_then(|f| f.at_most),
            Some(Version(4, 24, 7))
        );
        let poetry = "[[package]]\nname = \"openai\"\nversion = \"1.48.0\"\n";
        assert_eq!(
            read_pin("poetry.lock", poetry).and_then(|f| f.at_most),
            Some(Version(1, 48, 0))
        );
        let yarn = "openai@^4.0.0:\n  version \"4.20.1\"\n";
        assert_eq!(
            read_pin("yarn.lock", yarn).and_then(|f| f.at_most),
            Some(Version(4, 20, 1))
        );
        let pnpm = "packages:\n  /openai@4.52.0:\n    resolution: {}\n";
        assert_eq!(
            read_pin("pnpm-lock.yaml", pnpm).and_then(|f| f.at_most),
            Some(Version(4, 52, 0))
        );
        assert_eq!(
            read_pin("package.json", r#"{"dependencies": {"openai": "^4.20.0"}}"#)
                .and_then(|f| f.at_most),
            None
        );
        assert_eq!(
            read_pin("package.json", r#"{"dependencies": {"openai": "4.64.0"}}"#)
                .and_then(|f| f.at_most),
            Some(Version(4, 64, 0))
        );
    }

    #[test]
    fn notebook_install_lines_are_read() {
        let top = |line: &str| install_line_pin(line).map(|f| f.at_most);
        assert_eq!(
            top("%pip install -q openai==1.40.0"),
            Some(Some(Version(1, 40, 0)))
        );
        assert_eq!(
            top("!pip install --upgrade \"openai>=0.28,<1\" tiktoken"),
            Some(Some(Version(0, u64::MAX, u64::MAX)))
        );
        assert_eq!(
            top("!pip install openai<1.50"),
            Some(Some(Version(1, 49, u64::MAX)))
        );
        assert_eq!(top("%pip install -U openai"), Some(None));
        assert_eq!(
            top("!pip install -r requirements.txt langchain-openai==0.1"),
            None
        );
        assert_eq!(top("%pip install openai-agents==0.1"), None);
        assert_eq!(
            top("!conda install -y -c conda-forge openai=1.2"),
            Some(Some(Version(1, 2, u64::MAX)))
        );
        assert_eq!(
            top("pip install openai==1.2.3"),
            None,
            "not a magic or shell line"
        );
        assert_eq!(top("!pip list | grep openai==1.2"), None);
        let cells = [(2, "%pip install openai==1.30.0\n"), (5, "import openai\n")];
        let (cell, found) = notebook_pin(cells).unwrap();
        assert_eq!((cell, found.line), (2, 1));
    }

    #[test]
    fn script_metadata_is_read_as_toml() {
        let script = "#!/usr/bin/env python\n# /// script\n# requires-python = \">=3.10\"\n# dependencies = [\n#   \"httpx\",\n#   \"openai==1.30.0\",\n# ]\n# ///\nimport openai\n";
        let found = script_pin(script).unwrap();
        assert_eq!(found.at_most, Some(Version(1, 30, 0)));
        assert_eq!(found.line, 6);
        assert_eq!(
            script_pin("# /// script\n# dependencies = [\"openai\"]\n# ///\n")
                .unwrap()
                .at_most,
            None
        );
        assert_eq!(
            script_pin("# /// script\n# dependencies = [\"httpx\"]\n# ///\n"),
            None
        );
        // Unclosed, or another block type: no metadata.
        assert_eq!(
            script_pin("# /// script\n# dependencies = [\"openai==1.0\"]\n"),
            None
        );
        assert_eq!(
            script_pin("# /// pyproject\n# dependencies = [\"openai==1.0\"]\n# ///\n"),
            None
        );
    }

    #[test]
    fn conda_environments_are_read() {
        let pip =
            "name: demo\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - openai==1.40.0\n";
        let found = read_pin("environment.yml", pip).unwrap();
        assert_eq!((found.at_most, found.line), (Some(Version(1, 40, 0)), 6));
        let conda = "dependencies:\n  - conda-forge::openai=1.2 # pinned\n";
        assert_eq!(
            read_pin("environment.yml", conda).unwrap().at_most,
            Some(Version(1, 2, u64::MAX))
        );
        let open = "dependencies:\n  - openai>=1.70\n";
        assert_eq!(read_pin("environment.yaml", open).unwrap().at_most, None);
        let flow = "dependencies: [python=3.11, \"openai==1.3.0\"]\n";
        assert_eq!(
            read_pin("environment.yml", flow).unwrap().at_most,
            Some(Version(1, 3, 0))
        );
        // Another key's list, and another package.
        let other = "channels:\n  - openai=1.0\ndependencies:\n  - langchain-openai=0.1\n";
        assert_eq!(read_pin("environment.yml", other), None);
    }

    #[test]
    fn import_specifiers_carry_versions() {
        let top = |m: &str| specifier_pin(m).map(|f| f.at_most);
        assert_eq!(top("npm:openai@4.20.0"), Some(Some(Version(4, 20, 0))));
        assert_eq!(
            top("https://esm.sh/openai@4.20.0"),
            Some(Some(Version(4, 20, 0)))
        );
        assert_eq!(
            top("https://deno.land/x/openai@v4.20.0/mod.ts"),
            Some(Some(Version(4, 20, 0)))
        );
        assert_eq!(
            top("jsr:@openai/openai@4.20.0"),
            Some(Some(Version(4, 20, 0)))
        );
        assert_eq!(
            top("npm:openai@4"),
            Some(Some(Version(4, u64::MAX, u64::MAX)))
        );
        assert_eq!(top("npm:openai@^4.20.0"), Some(None));
        assert_eq!(top("npm:openai"), Some(None));
        assert_eq!(top("openai"), None);
        assert_eq!(top("npm:openai-edge@1.0.0"), None);
    }

    #[test]
    fn deno_import_maps_are_read() {
        let map =
            "{\n  // the SDK\n  \"imports\": {\n    \"openai\": \"npm:openai@4.20.0\"\n  }\n}\n";
        let found = read_pin("deno.jsonc", map).unwrap();
        assert_eq!((found.at_most, found.line), (Some(Version(4, 20, 0)), 4));
        let open = r#"{"imports": {"openai": "jsr:@openai/openai@^4.90"}}"#;
        assert_eq!(read_pin("deno.json", open).unwrap().at_most, None);
        assert_eq!(
            read_pin("deno.json", r#"{"imports": {"zod": "npm:zod@3"}}"#),
            None
        );
    }

    #[test]
    fn floors_order_as_releases_do() {
        assert!(Version(1, 48, 0) < Sdk::Python.floor(false));
        assert!(Version(1, 66, 0) >= Sdk::Python.floor(false));
        assert!(Version(4, 87, 1) < Sdk::Node.floor(false));
        assert!(Version(7, 59, 0) >= Sdk::Node.floor(true));
        assert_eq!(parse_version("4.87.2-beta.1"), Some(Version(4, 87, 2)));
    }

    #[test]
    fn a_lockfile_the_manifest_no_longer_allows_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let lock = "[[package]]\nname = \"openai\"\nversion = \"1.65.3\"\n";
        std::fs::write(dir.path().join("poetry.lock"), lock).unwrap();
        let pyproject = |spec: &str| format!("[project]\ndependencies = [\"openai{spec}\"]\n");
        let pin = |spec: &str| {
            std::fs::write(dir.path().join("pyproject.toml"), pyproject(spec)).unwrap();
            pin_for(dir.path(), Sdk::Python).map(|p| p.written)
        };
        assert_eq!(pin(">=1.70.0"), None, "the manifest answers: open upwards");
        assert_eq!(
            pin(">=1.70.0,<2"),
            Some("openai>=1.70.0,<2".to_string()),
            "the manifest answers with its bounds"
        );
        assert_eq!(
            pin(">=1.0"),
            Some("openai 1.65.3".to_string()),
            "the lock still holds"
        );
        assert_eq!(
            pin(""),
            Some("openai 1.65.3".to_string()),
            "no floor: the lock holds"
        );
        assert_eq!(
            pin("==1.2.0"),
            Some("openai 1.65.3".to_string()),
            "a floor below it"
        );
        let node = tempfile::tempdir().unwrap();
        std::fs::write(
            node.path().join("package-lock.json"),
            r#"{"packages": {"node_modules/openai": {"version": "4.24.7"}}}"#,
        )
        .unwrap();
        let manifest = |range: &str| {
            std::fs::write(
                node.path().join("package.json"),
                format!(r#"{{"dependencies": {{"openai": "{range}"}}}}"#),
            )
            .unwrap();
            pin_for(node.path(), Sdk::Node).map(|p| p.written)
        };
        assert_eq!(manifest("^4.23.0"), Some("openai 4.24.7".to_string()));
        assert_eq!(manifest("^5.1.0"), None, "the lock predates the manifest");
    }
}
