//! Where the environment a project ships sends its clients.
//!
//! `OpenAI()` with no base URL reads `OPENAI_BASE_URL` (openai-python and openai-node alike),
//! and a base URL the code reads from the environment itself (`os.getenv("LLM_URL", ...)`)
//! comes from there too. Projects often ship the values: a `.env` loaded with `load_dotenv()`,
//! a `.env.example` to copy, a Dockerfile's `ENV`, the `environment:` of a docker-compose
//! service. When those point the variable at another provider (`https://api.deepseek.com/v1`,
//! an Ollama server on `localhost:11434`), the client is that provider's, however plain its
//! constructor looks, and its requests are left alone like those of a client built with that
//! base URL.
//!
//! The files are read per folder, like the SDK's pins: the nearest folder, from the checked
//! file's up to the repository's root, whose files set one of the variables decides.

use std::path::{Path, PathBuf};

use crate::classify::{url_kind, UrlKind};
use crate::folder_files::FolderFiles;
use crate::model::{Hold, Unit, Verdict};
use crate::settings::Settings;

/// A variable set by a file the project ships.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    pub var: String,
    pub value: String,
}

/// The files read, in the order their settings are reported.
pub const FILES: &[&str] = &[
    ".env",
    ".env.local",
    ".env.development",
    ".env.production",
    ".env.example",
    ".env.sample",
    ".env.template",
    ".envrc",
    "Dockerfile",
    "docker-compose.yml",
    "docker-compose.yaml",
    "compose.yml",
    "compose.yaml",
];

/// Every variable the files of `folder` set, with a value that can be read (not one taken
/// from the host's environment: `${OPENAI_BASE_URL}` with no default).
pub fn settings_in(folder: &Path, files: &FolderFiles) -> Vec<Setting> {
    let mut out = Vec::new();
    for name in FILES.iter().filter(|name| files.has(name)) {
        let file = folder.join(name);
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let found = if name.starts_with(".env") {
            dotenv(text)
        } else if *name == "Dockerfile" {
            dockerfile_env(text)
        } else {
            compose_environment(text)
        };
        out.extend(found.into_iter().map(|(line, var, value)| Setting {
            file: file.clone(),
            line,
            var,
            value,
        }));
    }
    out
}

/// One folder's settings, shared by every file below it.
pub type FolderSettings = std::sync::Arc<Vec<Setting>>;

/// The settings of the folders from `dir` up to the repository's root (the folder with
/// `.git`), nearest first, leaving out folders whose files set nothing. `read` gives one
/// folder's settings and whether it is the root (the run caches them, see
/// `project::Project::env_settings`).
pub fn settings_up_from(
    dir: &Path,
    read: &dyn Fn(&Path) -> (FolderSettings, bool),
) -> Vec<FolderSettings> {
    let Ok(dir) = std::path::absolute(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = Some(dir.as_path());
    while let Some(folder) = at {
        let (here, root) = read(folder);
        if !here.is_empty() {
            out.push(here);
        }
        if root {
            break;
        }
        at = folder.parent();
    }
    out
}

/// The settings of `vars` in the nearest folder of `up_from` (see [`settings_up_from`]) whose
/// files set any of them.
pub fn nearest(up_from: &[FolderSettings], vars: &[String]) -> Vec<Setting> {
    up_from
        .iter()
        .map(|folder| {
            folder
                .iter()
                .filter(|s| vars.contains(&s.var))
                .cloned()
                .collect::<Vec<Setting>>()
        })
        .find(|here| !here.is_empty())
        .unwrap_or_default()
}

/// `KEY=VALUE` lines (`export KEY=VALUE`, quoted values, ` # comments`), as dotenv reads
/// them.
fn dotenv(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(value) = scalar(value) {
            out.push((i + 1, key.to_string(), value));
        }
    }
    out
}

/// A Dockerfile's `ENV KEY=VALUE [KEY=VALUE ...]` and `ENV KEY VALUE` instructions, and the
/// defaults of `ARG KEY=VALUE` (which `ENV KEY=${KEY}` passes on).
fn dockerfile_env(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        let Some((instruction, rest)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        if !instruction.eq_ignore_ascii_case("env") && !instruction.eq_ignore_ascii_case("arg") {
            continue;
        }
        let rest = rest.trim();
        let first = rest.split_whitespace().next().unwrap_or("");
        if !first.contains('=') {
            // `ENV KEY VALUE`: the rest of the line is the value.
            if let Some((key, value)) = rest.split_once(char::is_whitespace) {
                if let Some(value) = scalar(value) {
                    out.push((i + 1, key.to_string(), value));
                }
            }
            continue;
        }
        for pair in rest.split_whitespace() {
            if let Some((key, value)) = pair.split_once('=') {
                if let Some(value) = scalar(value) {
                    out.push((i + 1, key.to_string(), value));
                }
            }
        }
    }
    out
}

/// A value as an env file or a YAML scalar writes it: quotes removed, an unquoted value's
/// ` # comment` dropped, a `${VAR:-default}` reference taken for its default. `None` when it
/// only refers to the host's environment (`${VAR}`, `$VAR`) or is empty.
fn scalar(value: &str) -> Option<String> {
    let value = value.trim();
    let value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
        _ => value.split(" #").next().unwrap_or("").trim().to_string(),
    };
    let value = match value.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        Some(inner) => {
            let (_, default) = inner.split_once(":-").or_else(|| inner.split_once('-'))?;
            default.to_string()
        }
        None if value.starts_with('$') => return None,
        None => value,
    };
    (!value.is_empty()).then_some(value)
}

/// The `environment:` entries of a docker-compose file's services: a list (`- KEY=VALUE`) or
/// a map (`KEY: VALUE`) below the key.
///
/// Read line by line rather than with a YAML crate: the only structure that matters is an
/// `environment:` key followed by a block list or map of scalars, found by indentation, and
/// a YAML parser (serde_yaml is unmaintained; the maintained ones bring a parser and a serde
/// layer) would be a dependency for that one shape. Flow forms (`environment: [A=b]`) are
/// read too.
fn compose_environment(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut push = |line: usize, entry: &str, list: bool| {
        let entry = entry.trim();
        let pair = if list {
            let entry = scalar_text(entry);
            entry
                .split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
        } else {
            entry
                .split_once(':')
                .map(|(k, v)| (scalar_text(k), v.to_string()))
        };
        if let Some((key, value)) = pair {
            if let Some(value) = scalar(&value) {
                out.push((line, key, value));
            }
        }
    };
    // The indentation of the `environment:` key whose block is being read.
    let mut block: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if block.is_some_and(|b| indent <= b && !(indent == b && content.starts_with('-'))) {
            block = None;
        }
        if block.is_some() {
            match content.strip_prefix('-') {
                Some(item) => push(i + 1, item, true),
                None => push(i + 1, content, false),
            }
            continue;
        }
        if let Some(rest) = content.strip_prefix("environment:") {
            let rest = rest.split(" #").next().unwrap_or("").trim();
            if let Some(flow) = rest.strip_prefix('[') {
                for item in flow.trim_end_matches(']').split(',') {
                    push(i + 1, item, true);
                }
            } else if let Some(flow) = rest.strip_prefix('{') {
                for item in flow.trim_end_matches('}').split(',') {
                    push(i + 1, item, false);
                }
            } else if rest.is_empty() {
                block = Some(indent);
            }
        }
    }
    out
}

/// A YAML scalar's text without its quotes.
fn scalar_text(text: &str) -> String {
    text.trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_string()
}

/// A value as a URL: `localhost:11434/v1` is `http://localhost:11434/v1`.
fn as_url(value: &str) -> Option<String> {
    if value.contains("://") {
        return Some(value.to_string());
    }
    let host = value.split(['/', ':']).next().unwrap_or("");
    (host.contains('.') || host == "localhost").then(|| format!("http://{value}"))
}

/// Hold a request whose client reads its base URL from the environment when the environment
/// files the project ships (nearest `checked` up its tree) point it at another server: the
/// setting is named, as a base URL written in the constructor would be. OpenAI's own URL,
/// Azure OpenAI's hosts and a server the user declared Responses-capable leave the request
/// to migrate (Azure's as an unsafe fix: the v1 path is needed).
pub fn hold_by_project_env(unit: &mut Unit, checked: &Path, settings: &Settings) {
    if unit.base_url_env.is_empty() || unit.verdict != Verdict::Migrate {
        return;
    }
    let dir = checked.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let found = match &settings.project {
        Some(project) => nearest(&project.env_settings_up_from(dir), &unit.base_url_env),
        None => nearest(
            &settings_up_from(dir, &|f| {
                let files = FolderFiles::list(f);
                (
                    std::sync::Arc::new(settings_in(f, &files)),
                    files.has(crate::folder_files::GIT),
                )
            }),
            &unit.base_url_env,
        ),
    };
    for setting in &found {
        let Some(url) = as_url(&setting.value) else {
            continue;
        };
        let at = format!(
            "{}:{}",
            crate::walk::display_path(&setting.file),
            setting.line
        );
        match url_kind(&url) {
            UrlKind::OpenAi | UrlKind::AzureV1 => {}
            _ if settings.serves_responses(&url) => {}
            UrlKind::AzureDeployments if crate::classify::is_azure_host(&url) => {
                unit.caveats.push(format!(
                    "{at} points {} at Azure OpenAI ({:?}); check it is the v1 endpoint (`/openai/v1/`)",
                    setting.var, setting.value
                ));
            }
            _ => {
                unit.verdict = Verdict::hold(
                    Hold::OtherServer,
                    format!(
                        "{at} sets {} to {:?}, another server, and the client reads its base URL from it",
                        setting.var, setting.value
                    ),
                );
                unit.base_url = Some(url);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_lines_are_read() {
        let text = "# comment\nexport OPENAI_BASE_URL=\"https://api.deepseek.com/v1\"\nOPENAI_API_KEY=sk-x # key\nEMPTY=\nFROM_HOST=${HOST_URL}\nWITH_DEFAULT=${X:-http://localhost:11434/v1}\n";
        let got = dotenv(text);
        assert_eq!(
            got,
            vec![
                (
                    2,
                    "OPENAI_BASE_URL".into(),
                    "https://api.deepseek.com/v1".into()
                ),
                (3, "OPENAI_API_KEY".into(), "sk-x".into()),
                (6, "WITH_DEFAULT".into(), "http://localhost:11434/v1".into()),
            ]
        );
    }

    #[test]
    fn compose_environment_entries_are_read() {
        let text = "services:\n  app:\n    image: x\n    environment:\n      - OPENAI_BASE_URL=https://api.groq.com/openai/v1\n      - \"DEBUG=1\"\n    ports:\n      - \"8000:8000\"\n  worker:\n    environment:\n      OPENAI_API_BASE: \"http://ollama:11434/v1\"\n      PASSED_THROUGH:\n";
        let got = compose_environment(text);
        assert_eq!(
            got,
            vec![
                (
                    5,
                    "OPENAI_BASE_URL".into(),
                    "https://api.groq.com/openai/v1".into()
                ),
                (6, "DEBUG".into(), "1".into()),
                (
                    11,
                    "OPENAI_API_BASE".into(),
                    "http://ollama:11434/v1".into()
                ),
            ]
        );
        let flow = "services:\n  app:\n    environment: [\"OPENAI_BASE_URL=https://openrouter.ai/api/v1\"]\n";
        assert_eq!(
            compose_environment(flow)[0].2,
            "https://openrouter.ai/api/v1"
        );
    }

    fn judged(dir: &Path, vars: &[&str], providers: &[&str]) -> Unit {
        let mut unit = Unit::of_reads(crate::model::Span::new(0, 0));
        unit.base_url_env = vars.iter().map(|v| v.to_string()).collect();
        let mut settings = Settings::with_selection(Default::default());
        settings.responses_providers = providers.iter().map(|p| p.to_string()).collect();
        hold_by_project_env(&mut unit, &dir.join("app.py"), &settings);
        unit
    }

    #[test]
    fn the_nearest_folder_that_sets_the_variable_decides() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join(".git")).unwrap();
        let sub = root.path().join("svc");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(
            root.path().join(".env"),
            "OPENAI_BASE_URL=http://localhost:11434/v1\n",
        )
        .unwrap();
        // `svc/.env` sets other variables only: the root's setting holds.
        std::fs::write(sub.join(".env"), "OPENAI_API_KEY=x\n").unwrap();
        let held = judged(&sub, &["OPENAI_BASE_URL"], &[]);
        assert!(held.verdict.holds_for(Hold::OtherServer));
        assert_eq!(held.base_url.as_deref(), Some("http://localhost:11434/v1"));
        // A variable nobody sets, and a server the user declared Responses-capable.
        assert_eq!(judged(&sub, &["LLM_URL"], &[]).verdict, Verdict::Migrate);
        assert_eq!(
            judged(&sub, &["OPENAI_BASE_URL"], &["http://localhost:11434"]).verdict,
            Verdict::Migrate
        );
        // The nearer folder wins: OpenAI's own URL, then Azure's resource without the v1 path.
        std::fs::write(
            sub.join(".env"),
            "OPENAI_BASE_URL=https://api.openai.com/v1\n",
        )
        .unwrap();
        let openai = judged(&sub, &["OPENAI_BASE_URL"], &[]);
        assert_eq!(openai.verdict, Verdict::Migrate);
        assert!(openai.caveats.is_empty());
        std::fs::write(
            sub.join(".env"),
            "OPENAI_BASE_URL=https://res.openai.azure.com/\n",
        )
        .unwrap();
        let azure = judged(&sub, &["OPENAI_BASE_URL"], &[]);
        assert_eq!(azure.verdict, Verdict::Migrate);
        assert_eq!(azure.caveats.len(), 1, "{:?}", azure.caveats);
    }

    #[test]
    fn the_repository_root_is_the_last_folder_read() {
        let outer = tempfile::tempdir().unwrap();
        std::fs::write(
            outer.path().join(".env"),
            "OPENAI_BASE_URL=https://api.deepseek.com\n",
        )
        .unwrap();
        let repo = outer.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        assert_eq!(
            judged(&repo, &["OPENAI_BASE_URL"], &[]).verdict,
            Verdict::Migrate
        );
    }

    #[test]
    fn dockerfile_env_instructions_are_read() {
        let text = "FROM python:3.12\nARG BASE=http://localhost:8000/v1\nENV OPENAI_BASE_URL=https://api.groq.com/openai/v1 DEBUG=1\nENV OPENAI_API_BASE http://ollama:11434/v1\nRUN echo ENV=1\n";
        assert_eq!(
            dockerfile_env(text),
            vec![
                (2, "BASE".into(), "http://localhost:8000/v1".into()),
                (
                    3,
                    "OPENAI_BASE_URL".into(),
                    "https://api.groq.com/openai/v1".into()
                ),
                (3, "DEBUG".into(), "1".into()),
                (4, "OPENAI_API_BASE".into(), "http://ollama:11434/v1".into()),
            ]
        );
    }

    #[test]
    fn values_become_urls() {
        assert_eq!(
            as_url("localhost:11434/v1").as_deref(),
            Some("http://localhost:11434/v1")
        );
        assert_eq!(
            as_url("https://api.openai.com/v1").as_deref(),
            Some("https://api.openai.com/v1")
        );
        assert_eq!(as_url("not-a-url"), None);
    }
}
