//! Which version of the `openai` SDK a project is held to, and whether that version has the
//! Responses API at all.
//!
//! A migrated call is only as good as the SDK that runs it: `client.responses` arrived in
//! openai-python 1.66.0 and openai-node 4.87 (with `output_text` working from 4.87.2), and a
//! project that pins an older one (`openai==1.48.0` in requirements.txt, 4.24.7 in
//! package-lock.json) would get code that fails with an AttributeError or does not compile.
//! The manifests and lockfiles nearest a file say what it runs with; when they hold the SDK
//! below what the migrated code needs, the request is held for a person to upgrade first.

use std::path::{Path, PathBuf};

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
    /// The highest version the file allows (an exact pin, a lockfile's version, or just
    /// below an upper bound).
    pub at_most: Version,
    /// As the file writes it, for the message.
    pub written: String,
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

/// The files, nearest first, that may hold the SDK's version.
fn names(sdk: Sdk) -> &'static [&'static str] {
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
        ],
        Sdk::Node => &[
            "package-lock.json",
            "pnpm-lock.yaml",
            "yarn.lock",
            "package.json",
        ],
    }
}

/// What `folder` alone says about the SDK's version.
pub fn step(folder: &Path, sdk: Sdk) -> Step {
    let mut found_any = false;
    for name in names(sdk) {
        let file = folder.join(name);
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        found_any = true;
        if let Some((at_most, written)) = read_pin(name, &text) {
            return Step::Pinned(Pin {
                file,
                at_most,
                written,
            });
        }
    }
    if found_any || folder.join(".git").exists() {
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
        match step(folder, sdk) {
            Step::Pinned(pin) => return Some(pin),
            Step::Stop => return None,
            Step::Up => at = folder.parent(),
        }
    }
    None
}

/// The highest version `text` (a file called `name`) allows for `openai`, with the text
/// that says so; `None` when it does not name `openai` or leaves it open upwards.
pub fn read_pin(name: &str, text: &str) -> Option<(Version, String)> {
    match name {
        "package-lock.json" => {
            let json: serde_json::Value = serde_json::from_str(text).ok()?;
            let version = json
                .pointer("/packages/node_modules~1openai/version")
                .or_else(|| json.pointer("/dependencies/openai/version"))?
                .as_str()?;
            Some((parse_version(version)?, format!("openai {version}")))
        }
        "pnpm-lock.yaml" => text.lines().find_map(|line| {
            let line = line.trim().trim_start_matches('/').trim_start_matches('\'');
            let rest = line.strip_prefix("openai@")?;
            let version = rest.split(['(', ':', '\'']).next()?;
            Some((parse_version(version)?, format!("openai@{version}")))
        }),
        "yarn.lock" => {
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                let entry = line.trim_start_matches('"');
                if entry.starts_with("openai@") && line.ends_with(':') {
                    let version = lines
                        .next()?
                        .trim()
                        .strip_prefix("version ")?
                        .trim_matches('"');
                    return Some((parse_version(version)?, format!("openai {version}")));
                }
            }
            None
        }
        "package.json" => {
            let json: serde_json::Value = serde_json::from_str(text).ok()?;
            let range = ["dependencies", "devDependencies", "peerDependencies"]
                .iter()
                .find_map(|k| json.get(k)?.get("openai")?.as_str())?;
            Some((node_range_top(range)?, format!("\"openai\": \"{range}\"")))
        }
        "poetry.lock" | "uv.lock" | "pdm.lock" => {
            // `[[package]]` tables: `name = "openai"` then `version = "…"`.
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                if line.trim() == "name = \"openai\"" {
                    let version = lines
                        .next()?
                        .trim()
                        .strip_prefix("version = ")?
                        .trim_matches('"');
                    return Some((parse_version(version)?, format!("openai {version}")));
                }
            }
            None
        }
        _ => python_requirement(text),
    }
}

/// The first requirement on `openai` in Python requirement syntax anywhere in `text`
/// (requirements files, `pyproject.toml` dependency strings, `setup.py` lists), or a Poetry
/// table entry (`openai = "1.48.0"`, `openai = "^1.30"`), and the highest version it allows.
fn python_requirement(text: &str) -> Option<(Version, String)> {
    for line in text.lines() {
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
            if let Some(top) = pep440_top(&spec) {
                return Some((top, format!("openai{}", spec.trim())));
            }
            return None;
        }
    }
    None
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

/// The highest version a PEP 440 specifier list allows (`==1.48.0`, `<1.50`, `~=1.30`),
/// `None` when it has no upper bound.
fn pep440_top(spec: &str) -> Option<Version> {
    let mut top: Option<Version> = None;
    for clause in spec.split(',') {
        let clause = clause.trim();
        let bound = if let Some(v) = clause.strip_prefix("==") {
            parse_version(v.trim_end_matches(".*"))
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

/// The highest version an npm range allows: an exact version, `~1.2.3` (< 1.3), `<x`, `<=x`;
/// `None` for ranges open upwards within a major that has the API (`^4.0.0` resolves to the
/// newest 4.x, which has it).
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
    if range.starts_with(|c: char| c.is_ascii_digit()) && !range.contains(['x', '*', ' ']) {
        return parse_version(range);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_pins_and_bounds_are_read() {
        let top = |t: &str| python_requirement(t).map(|(v, _)| v);
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
            read_pin("package-lock.json", lock).map(|p| p.0),
            Some(Version(4, 24, 7))
        );
        let poetry = "[[package]]\nname = \"openai\"\nversion = \"1.48.0\"\n";
        assert_eq!(
            read_pin("poetry.lock", poetry).map(|p| p.0),
            Some(Version(1, 48, 0))
        );
        let yarn = "openai@^4.0.0:\n  version \"4.20.1\"\n";
        assert_eq!(
            read_pin("yarn.lock", yarn).map(|p| p.0),
            Some(Version(4, 20, 1))
        );
        let pnpm = "packages:\n  /openai@4.52.0:\n    resolution: {}\n";
        assert_eq!(
            read_pin("pnpm-lock.yaml", pnpm).map(|p| p.0),
            Some(Version(4, 52, 0))
        );
        assert_eq!(
            read_pin("package.json", r#"{"dependencies": {"openai": "^4.20.0"}}"#),
            None
        );
        assert_eq!(
            read_pin("package.json", r#"{"dependencies": {"openai": "4.64.0"}}"#).map(|p| p.0),
            Some(Version(4, 64, 0))
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
}
