//! Reporters: one message type, one writer per output format.

mod agent;
mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod json_lines;
mod junit;
mod markdown;
pub mod requests;
mod sarif;
mod sarif_units;
mod statistics;

use crate::diagnostic::Severity;
use crate::edit::{Edit, LineIndex};
use crate::engine::{Finding, FixStatus};
use crate::model::Span;
use std::io::{self, Write};
use std::sync::Arc;

pub use statistics::{write_statistics, RuleCounts};

/// The project's home: SARIF names it, and the rule pages live under it.
pub const PROJECT_URL: &str = "https://github.com/responsify/responsify";

/// A rule's documentation page, one address for every place that links to it (SARIF's
/// `helpUri`, the language server's `codeDescription`).
pub fn rule_page(rule: &str) -> String {
    format!("{PROJECT_URL}/blob/main/docs/rules/{rule}.md")
}

/// One finding, ready to show.
#[derive(Clone, Debug)]
pub struct Message {
    pub rule: &'static str,
    pub message: String,
    pub path: String,
    pub source: Arc<str>,
    pub span: Span,
    /// 1-based line and column (in characters) of the start and end.
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub severity: Severity,
    pub help: Option<String>,
    pub fix_title: Option<String>,
    pub status: FixStatus,
    pub edits: Vec<Edit>,
    /// The request the finding is about: its whole site and the classes and functions it
    /// sits in, outermost first.
    pub request: Option<(Span, Vec<String>)>,
    /// For a finding in a notebook cell (`start` and `end` count in the cell's code): the
    /// lines of the notebook file its start and end are written on.
    pub file_lines: Option<(usize, usize)>,
}

impl Message {
    pub fn new(path: &str, source: &Arc<str>, lines: &LineIndex, finding: Finding) -> Message {
        let d = finding.diagnostic;
        Message {
            rule: d.rule,
            severity: d.severity(),
            start: lines.line_col(source, d.span.start),
            end: lines.line_col(source, d.span.end),
            message: d.message,
            path: path.to_string(),
            source: Arc::clone(source),
            span: d.span,
            help: d.help,
            fix_title: d.fix.map(|f| f.title),
            status: finding.status,
            edits: finding.edits,
            request: finding.request,
            file_lines: None,
        }
    }
}

/// The formats `--output-format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with code frames, as rustc shows them.
    Full,
    /// One line per finding: `path:line:col: rule message`.
    Concise,
    /// A JSON array of findings, with their fixes as edits.
    Json,
    /// One JSON object per line, with the fields of `json`.
    JsonLines,
    /// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, editors), with fixes.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
    /// A Markdown summary for a pull-request comment.
    Markdown,
    /// One line per finding with its fix or the action to take inline, no code frames: for
    /// AI coding agents (the default when one runs responsify).
    Agent,
}

impl Format {
    /// The terminal's format when none is asked for: `github` in GitHub Actions, `agent`
    /// when an AI coding agent runs responsify (`CLAUDECODE`, `CODEX_SANDBOX`,
    /// `CURSOR_AGENT`, `GEMINI_CLI` or `AI_AGENT` set and not empty), else `full`.
    pub fn default_for_environment() -> Format {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
            Format::Github
        } else if [
            "CLAUDECODE",
            "CODEX_SANDBOX",
            "CURSOR_AGENT",
            "GEMINI_CLI",
            "AI_AGENT",
        ]
        .iter()
        .any(|v| set(v))
        {
            Format::Agent
        } else {
            Format::Full
        }
    }

    /// Whether the format is a sequence of findings that can be written file by file as
    /// each is done (the same bytes as writing them all at once): per-finding lines and
    /// frames, and JSON Lines, whose request ids count within one file. The others are one
    /// document over the whole run (a JSON array, SARIF, XML, a summary).
    pub fn streams(self) -> bool {
        matches!(
            self,
            Format::Full | Format::Concise | Format::JsonLines | Format::Github | Format::Agent
        )
    }

    /// Whether the format shows each finding's own fix as edits, so the engine should
    /// lower them (`settings.display_edits`).
    pub fn shows_edits(self) -> bool {
        matches!(self, Format::Json | Format::JsonLines | Format::Sarif)
    }
}

/// A sequence serialized as its items are made, one at a time: a report's JSON is written
/// without a tree of the whole document in memory (the same bytes as serializing a `Vec`).
pub(crate) struct Lazy<I>(pub I);

impl<I> serde::Serialize for Lazy<I>
where
    I: Iterator + Clone,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// Messages for the findings of one file.
pub fn messages(path: &str, source: &Arc<str>, findings: Vec<Finding>) -> Vec<Message> {
    if findings.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(source);
    findings
        .into_iter()
        .map(|f| Message::new(path, source, &lines, f))
        .collect()
}

pub fn write(
    format: Format,
    messages: &[Message],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => full::write(messages, color, out),
        Format::Concise => concise::write(messages, out),
        Format::Json => json::write(messages, out),
        Format::JsonLines => json_lines::write(messages, out),
        Format::Sarif => sarif::write(messages, out),
        Format::Github => github::write(messages, out),
        Format::Gitlab => gitlab::write(messages, out),
        Format::Junit => junit::write(messages, out),
        Format::Markdown => markdown::write(messages, out),
        Format::Agent => agent::write(messages, out),
    }
}

/// The file a message's path names, and the notebook cell when the message is on one
/// (notebook messages are shown as `nb.ipynb:cell 3`; their lines count from the cell).
pub fn split_cell(path: &str) -> (&str, Option<u32>) {
    if let Some((file, cell)) = path.rsplit_once(":cell ") {
        if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(number) = cell.parse() {
                return (file, Some(number));
            }
        }
    }
    (path, None)
}

/// A stable identity for a finding, for baselines and code-scanning services: FNV-1a 64 (hex)
/// of the rule, the file (forward slashes; a notebook's file, not its cell number), the
/// finding's source lines and its own text, each line trimmed. Line numbers are not part of
/// it, so it survives edits elsewhere in the file, re-indentation and line-ending changes.
///
/// Two findings of one rule on identical text in one file share it; [`fingerprints`] tells
/// such findings apart by their order.
pub fn fingerprint(m: &Message) -> String {
    let (file, _) = split_cell(&m.path);
    let file = if cfg!(windows) {
        file.replace('\\', "/")
    } else {
        file.to_string()
    };
    let source = &*m.source;
    let (start, end) = (m.span.start.min(source.len()), m.span.end.min(source.len()));
    let first = source
        .get(..start)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let last = source
        .get(end..)
        .and_then(|s| s.find('\n'))
        .map_or(source.len(), |i| end + i);
    let lines = source.get(first..last).unwrap_or("");
    let own = source.get(start..end.max(start)).unwrap_or("");
    let hash = fnv1a64(&[
        "responsify-fingerprint-v1",
        m.rule,
        &file,
        &trim_lines(lines),
        &trim_lines(own),
    ]);
    format!("{hash:016x}")
}

/// The fingerprints of a whole report, one per message and all different: the n-th message
/// (n > 1) with an already seen [`fingerprint`] gets that fingerprint hashed with `n`.
/// Messages of one file come in source order, so the numbering survives unrelated edits too.
pub fn fingerprints(messages: &[Message]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    messages
        .iter()
        .map(|m| {
            let base = fingerprint(m);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{:016x}", fnv1a64(&[&base, &n.to_string()]))
            }
        })
        .collect()
}

/// Where a finding sits, for matching it across runs: the classes and functions around its
/// request (`Client.ask`), or, for a request outside any, the request's own text (each line
/// trimmed); `-` for a finding about no request (a whole file's).
pub fn context(m: &Message) -> String {
    match &m.request {
        Some((_, enclosing)) if !enclosing.is_empty() => enclosing.join("."),
        Some((span, _)) => {
            let source = &*m.source;
            let text = source
                .get(span.start.min(source.len())..span.end.min(source.len()))
                .unwrap_or("");
            format!("{:016x}", fnv1a64(&["request", &trim_lines(text)]))
        }
        None => "-".to_string(),
    }
}

/// The identity baselines (format 2) match a finding by: the rule, the file, where it sits
/// ([`context`]) and its text, numbered like [`fingerprints`] when several share it.
pub fn fingerprints_v2(messages: &[Message]) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    messages
        .iter()
        .map(|m| {
            let base = fnv1a64(&["responsify-fingerprint-v2", &fingerprint(m), &context(m)]);
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{base:016x}")
            } else {
                format!("{:016x}", fnv1a64(&[&base.to_string(), &n.to_string()]))
            }
        })
        .collect()
}

/// A stable id for the request each message is about (or `None` for a finding about no
/// request): the file, where the request sits and its text, so it survives line shifts; two
/// requests with the same text in one place are numbered in source order.
pub fn request_ids(messages: &[Message]) -> Vec<Option<String>> {
    let mut spans: std::collections::HashMap<(String, String), Vec<(usize, usize)>> =
        std::collections::HashMap::new();
    type Key = (String, String, (usize, usize));
    let keys: Vec<Option<Key>> = messages
        .iter()
        .map(|m| {
            let (span, _) = m.request.as_ref()?;
            let (file, cell) = split_cell(&m.path);
            let source = &*m.source;
            let text = source
                .get(span.start.min(source.len())..span.end.min(source.len()))
                .unwrap_or("");
            let place = format!(
                "{}\0{}\0{}",
                cell.map_or(String::new(), |c| c.to_string()),
                context(m),
                trim_lines(text)
            );
            let key = (file.to_string(), place);
            let at = (cell.unwrap_or(0) as usize, span.start);
            let list = spans.entry(key.clone()).or_default();
            if !list.contains(&at) {
                list.push(at);
            }
            Some((key.0, key.1, at))
        })
        .collect();
    for list in spans.values_mut() {
        list.sort_unstable();
    }
    keys.into_iter()
        .map(|k| {
            let (file, place, at) = k?;
            let list = &spans[&(file.clone(), place.clone())];
            let n = list.iter().position(|x| *x == at).unwrap_or(0) + 1;
            Some(format!(
                "{:016x}",
                fnv1a64(&["responsify-request", &file, &place, &n.to_string()])
            ))
        })
        .collect()
}

/// Every line trimmed, empty lines dropped.
fn trim_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// FNV-1a, 64 bits, over the parts with a NUL after each (so part boundaries count).
fn fnv1a64(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// The counts a summary shows.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub findings: usize,
    pub safe: usize,
    pub unsafe_: usize,
    pub blocked: usize,
}

impl Counts {
    pub(crate) fn of<'a>(messages: impl IntoIterator<Item = &'a Message>) -> Counts {
        let mut c = Counts::default();
        for m in messages {
            c.findings += 1;
            match m.status {
                FixStatus::Safe => c.safe += 1,
                FixStatus::Unsafe => c.unsafe_ += 1,
                FixStatus::Blocked(_) => c.blocked += 1,
                FixStatus::None => {}
            }
        }
        c
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A message on `needle` (its first occurrence) in `source`.
    pub(crate) fn message(rule: &'static str, path: &str, source: &str, needle: &str) -> Message {
        let source: Arc<str> = Arc::from(source);
        let start = source.find(needle).expect("needle in source");
        let span = Span::new(start, start + needle.len());
        let lines = LineIndex::new(&source);
        Message {
            rule,
            message: format!("`{needle}` found"),
            path: path.to_string(),
            start: lines.line_col(&source, span.start),
            end: lines.line_col(&source, span.end),
            source,
            span,
            severity: Severity::Warning,
            help: None,
            fix_title: None,
            status: FixStatus::None,
            edits: Vec::new(),
            request: None,
            file_lines: None,
        }
    }

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        // FNV-1a 64 of "" and "a" (the NUL separator is part of the input here).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in b"a" {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        assert_eq!(h, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a64(&["ab", "c"]), fnv1a64(&["a", "bc"]));
    }

    #[test]
    fn fingerprints_ignore_line_numbers_and_indentation() {
        let a = message(
            "max-tokens",
            "a.py",
            "x = 1\n  max_tokens=5\n",
            "max_tokens",
        );
        let b = message(
            "max-tokens",
            "a.py",
            "import os\n\nx = 1\r\n      max_tokens=5\r\n",
            "max_tokens",
        );
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 16);
        let other_rule = message(
            "n-parameter",
            "a.py",
            "x = 1\n  max_tokens=5\n",
            "max_tokens",
        );
        let other_file = message(
            "max-tokens",
            "b.py",
            "x = 1\n  max_tokens=5\n",
            "max_tokens",
        );
        let other_text = message(
            "max-tokens",
            "a.py",
            "x = 1\n  max_tokens=6\n",
            "max_tokens",
        );
        for m in [other_rule, other_file, other_text] {
            assert_ne!(fingerprint(&a), fingerprint(&m));
        }
    }

    #[test]
    fn notebook_cells_share_their_file_and_duplicates_are_numbered() {
        assert_eq!(split_cell("nb.ipynb:cell 12"), ("nb.ipynb", Some(12)));
        assert_eq!(split_cell("a:cell x"), ("a:cell x", None));
        assert_eq!(split_cell("a.json"), ("a.json", None));
        let one = message("stop-parameter", "nb.ipynb:cell 1", "f(stop=1)\n", "stop");
        let two = message("stop-parameter", "nb.ipynb:cell 4", "f(stop=1)\n", "stop");
        assert_eq!(fingerprint(&one), fingerprint(&two));
        let all = fingerprints(&[one.clone(), two, one]);
        assert_eq!(
            all[0],
            fingerprint(&message(
                "stop-parameter",
                "nb.ipynb",
                "f(stop=1)\n",
                "stop"
            ))
        );
        assert_ne!(all[0], all[1]);
        assert_ne!(all[1], all[2]);
        assert_ne!(all[0], all[2]);
    }
}
