//! The migration report for leads: how much Chat Completions usage is left, how much of it
//! responsify migrates by itself, and what needs a person.
//!
//! [`html`] writes one self-contained page: inline CSS, charts drawn here as inline SVG, no
//! scripts and nothing fetched, so it opens offline, prints, and survives being mailed around.
//! Its tables and request cards are capped so that it stays small and quick to render on a
//! tree of any size; [`details::json`] is every finding, grouped by request, for the file
//! beside it.
//! [`markdown`] writes the same content for issues and wikis.
//!
//! Every chart carries stable markers for tests and tools: `<svg class="chart"
//! data-chart="by-rule|by-dir|by-language|fixability|requests">`, and in each one
//! `<rect data-bar="KEY" data-count="N">` per bar (the bar's whole length; its coloured
//! parts are `<rect data-segment="safe|unsafe|person|reported">`).

mod by_request;
pub mod details;

use crate::diagnostic::Severity;
use crate::engine::FixStatus;
use crate::report::Message;
use crate::rules;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display, Write};

/// The rule that marks one Chat Completions request.
const REQUEST_RULE: &str = "chat-completions-request";
/// Rules that mark a site responsify reports but will not rewrite.
const FLAGGED_RULES: [&str; 4] = [
    "third-party-endpoint",
    "azure-dated-api-version",
    "legacy-openai-sdk",
    "assistants-api",
];

/// Lines of context shown above and below a finding's span.
const CONTEXT_LINES: usize = 2;
/// A span longer than this many lines is shown by its first and last lines.
const MAX_SPAN_LINES: usize = 8;
/// Longer lines are cut to a window around the span (a Batch JSONL line can be huge).
const MAX_COLUMNS: usize = 160;
/// Beyond this many findings, the Markdown report lists findings without their code frames.
const MAX_FRAMES: usize = 3000;
/// Rows of the HTML table of files; the rest are counted.
const MAX_FILE_ROWS: usize = 100;
/// Rows of the HTML table of reasons fixes are held back; the rest are summed in one row.
const MAX_REASONS: usize = 15;
/// Bars shown per chart; the rest are summed into one bar.
const MAX_BARS: usize = 24;

// ---------------------------------------------------------------------------------------------
// What a finding means for the migration
// ---------------------------------------------------------------------------------------------

/// What will become of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fixability {
    /// `--fix` applies it.
    Safe,
    /// `--fix --unsafe-fixes` applies it.
    Unsafe,
    /// Blocked, or a blocking finding with no fix: a person must decide.
    Person,
    /// No fix and nothing blocked: flagged sites and notes.
    Reported,
}

use Fixability::{Person, Reported, Safe, Unsafe};

impl Fixability {
    const ALL: [Fixability; 4] = [Safe, Unsafe, Person, Reported];

    fn of(m: &Message) -> Fixability {
        match &m.status {
            FixStatus::Safe => Safe,
            FixStatus::Unsafe => Unsafe,
            FixStatus::Blocked(_) => Person,
            FixStatus::None if m.severity == Severity::Error => Person,
            FixStatus::None => Reported,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The stable marker in `data-bar` / `data-segment`.
    fn key(self) -> &'static str {
        match self {
            Safe => "safe",
            Unsafe => "unsafe",
            Person => "person",
            Reported => "reported",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Safe => "Safe fix",
            Unsafe => "Unsafe fix",
            Person => "Needs a person",
            Reported => "Reported only",
        }
    }

    /// `N …` for badges.
    fn counted(self, n: usize) -> String {
        match self {
            Safe => format!("{} safe", Num(n)),
            Unsafe => format!("{} unsafe", Num(n)),
            Person if n == 1 => "1 needs a person".to_string(),
            Person => format!("{} need a person", Num(n)),
            Reported => format!("{} reported only", Num(n)),
        }
    }

    fn blurb(self) -> &'static str {
        match self {
            Safe => "`responsify check --fix` applies these without changing behaviour",
            Unsafe => "applied with `--fix --unsafe-fixes`; each says what to review",
            Person => "no Responses equivalent, or the request waits on such a finding",
            Reported => "no fix offered: sites responsify will not rewrite, and notes",
        }
    }

    fn color(self) -> &'static str {
        match self {
            Safe => "#2a9d78",
            Unsafe => "#e0a526",
            Person => "#d1495b",
            Reported => "#a3adbb",
        }
    }
}

/// Findings per [`Fixability`], indexed by [`Fixability::index`].
type Counts = [usize; 4];

fn total(c: &Counts) -> usize {
    c.iter().sum()
}

// ---------------------------------------------------------------------------------------------
// The numbers
// ---------------------------------------------------------------------------------------------

/// One bar: a rule, a directory or a language, with its findings by fixability.
struct Group {
    key: String,
    counts: Counts,
    files: usize,
}

/// Rows of "what blocks the rest".
struct Blocker<'a> {
    /// A Blocked reason, or a rule name.
    key: String,
    findings: usize,
    requests: usize,
    files: usize,
    /// For rules: what to do (the first finding's help, else the rule's summary).
    advice: Option<&'a str>,
}

struct Stats<'a> {
    findings: usize,
    requests: usize,
    flagged: usize,
    files: usize,
    status: Counts,
    /// Fixability of the request and flagged-site findings: one per site.
    site_status: Counts,
    rules: Vec<Group>,
    dirs: Vec<Group>,
    languages: Vec<Group>,
    /// The directory the files share, shown above the directory chart.
    root: String,
    blocked: Vec<Blocker<'a>>,
    error_rules: Vec<Blocker<'a>>,
    flagged_rules: Vec<Blocker<'a>>,
    /// Findings by path (a notebook cell is its own group), in path order: the path relative
    /// to `root`, the path as given, the findings.
    by_path: Vec<(String, &'a str, Vec<&'a Message>)>,
}

/// The file a shown path belongs to: a notebook cell (`nb.ipynb:cell 3`) belongs to its notebook.
fn file_of(path: &str) -> &str {
    if let Some(i) = path.rfind(":cell ") {
        let rest = &path[i + ":cell ".len()..];
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return &path[..i];
        }
    }
    path
}

fn language(path: &str) -> &'static str {
    let file = file_of(path);
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    };
    if name == "Cargo.toml" {
        return "Rust";
    }
    match ext.as_str() {
        "py" | "pyi" | "ipynb" => "Python",
        "ts" | "tsx" | "mts" | "cts" => "TypeScript",
        "js" | "jsx" | "mjs" | "cjs" => "JavaScript",
        "rs" => "Rust",
        "json" | "jsonl" => "JSON",
        "md" => "Markdown",
        _ => "other",
    }
}

fn components(path: &str) -> Vec<&str> {
    let path = path.strip_prefix("./").unwrap_or(path);
    path.split(['/', '\\']).collect()
}

/// The directory every file is in, as components.
fn common_dir<'p>(files: &[&'p str]) -> Vec<&'p str> {
    let mut common: Option<Vec<&str>> = None;
    for file in files {
        let parts = components(file);
        let dir = &parts[..parts.len() - 1];
        common = Some(match common {
            None => dir.to_vec(),
            Some(c) => c
                .iter()
                .zip(dir)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    common.unwrap_or_default()
}

const ROOT_LABEL: &str = "(top level)";

fn group_rows<'a>(
    messages: &'a [Message],
    key: impl Fn(&'a Message) -> String,
    cap: usize,
) -> Vec<Group> {
    let mut map: BTreeMap<String, (Counts, BTreeSet<&str>)> = BTreeMap::new();
    for m in messages {
        let slot = map.entry(key(m)).or_default();
        slot.0[Fixability::of(m).index()] += 1;
        slot.1.insert(file_of(&m.path));
    }
    let mut rows: Vec<Group> = map
        .into_iter()
        .map(|(key, (counts, files))| Group {
            key,
            counts,
            files: files.len(),
        })
        .collect();
    rows.sort_by(|a, b| {
        total(&b.counts)
            .cmp(&total(&a.counts))
            .then(a.key.cmp(&b.key))
    });
    if rows.len() > cap {
        let rest = rows.split_off(cap - 1);
        let mut counts = [0; 4];
        for r in &rest {
            for (c, n) in counts.iter_mut().zip(r.counts) {
                *c += n;
            }
        }
        rows.push(Group {
            key: format!("({} more)", rest.len()),
            counts,
            files: rest.iter().map(|r| r.files).sum(),
        });
    }
    rows
}

fn summary(rule: &str) -> Option<&'static str> {
    rules::by_name(rule).map(|r| r.meta().summary)
}

/// Counts behind one row of "what blocks the rest".
#[derive(Default)]
struct Tally<'a> {
    findings: usize,
    /// Of which `chat-completions-request` findings: one per request.
    requests: usize,
    files: BTreeSet<&'a str>,
    /// The first finding's help.
    help: Option<&'a str>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, m: &'a Message, file: &'a str) {
        self.findings += 1;
        self.requests += usize::from(m.rule == REQUEST_RULE);
        self.files.insert(file);
        if self.help.is_none() {
            self.help = m.help.as_deref();
        }
    }
}

fn stats<'a>(messages: &'a [Message]) -> Stats<'a> {
    let mut status = [0; 4];
    let mut site_status = [0; 4];
    let (mut requests, mut flagged) = (0, 0);
    let mut files = BTreeSet::new();
    let mut by_path: BTreeMap<&str, Vec<&Message>> = BTreeMap::new();
    let mut blocked: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut errors: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut flags: BTreeMap<&str, Tally> = BTreeMap::new();
    for m in messages {
        let fixability = Fixability::of(m);
        status[fixability.index()] += 1;
        let file = file_of(&m.path);
        files.insert(file);
        by_path.entry(m.path.as_str()).or_default().push(m);
        let is_request = m.rule == REQUEST_RULE;
        let is_flag = FLAGGED_RULES.contains(&m.rule);
        if is_request {
            requests += 1;
        }
        if is_flag {
            flagged += 1;
            flags.entry(m.rule).or_default().add(m, file);
        }
        if is_request || is_flag {
            site_status[fixability.index()] += 1;
        }
        if let FixStatus::Blocked(reason) = &m.status {
            blocked.entry(reason.as_str()).or_default().add(m, file);
        }
        if m.severity == Severity::Error {
            errors.entry(m.rule).or_default().add(m, file);
        }
    }
    let file_list: Vec<&str> = files.iter().copied().collect();
    let common = common_dir(&file_list);
    let depth = common.len();
    let dirs = group_rows(
        messages,
        |m| {
            let parts = components(file_of(&m.path));
            if parts.len() > depth + 1 {
                format!("{}/", parts[depth])
            } else {
                ROOT_LABEL.to_string()
            }
        },
        MAX_BARS,
    );
    let mut root = common.join("/");
    if root.is_empty() && file_list.iter().any(|f| f.starts_with('/')) {
        root = "/".into();
    } else if root.is_empty() {
        root = ".".into();
    }
    let blockers = |map: BTreeMap<&str, Tally<'a>>, advise: bool| {
        let mut rows: Vec<Blocker> = map
            .into_iter()
            .map(|(key, t)| Blocker {
                key: key.to_string(),
                findings: t.findings,
                requests: t.requests,
                files: t.files.len(),
                advice: if advise {
                    t.help.or_else(|| summary(key))
                } else {
                    None
                },
            })
            .collect();
        rows.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.key.cmp(&b.key)));
        rows
    };
    let blocked = blockers(blocked, false);
    let error_rules = blockers(errors, true);
    let flagged_rules = blockers(flags, true);
    let by_path = by_path
        .into_iter()
        .map(|(path, mut ms)| {
            ms.sort_by_key(|m| (m.span.start, m.span.end));
            let parts = components(path);
            let shown = if depth > 0 && parts.len() > depth {
                parts[depth..].join("/")
            } else {
                path.strip_prefix("./").unwrap_or(path).to_string()
            };
            (shown, path, ms)
        })
        .collect();
    Stats {
        findings: messages.len(),
        requests,
        flagged,
        files: files.len(),
        status,
        site_status,
        // Every rule gets its own bar: the rule chart is the one to read in full.
        rules: group_rows(messages, |m| m.rule.to_string(), usize::MAX),
        dirs,
        languages: group_rows(messages, |m| language(&m.path).to_string(), MAX_BARS),
        root,
        blocked,
        error_rules,
        flagged_rules,
        by_path,
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let p = part as f64 * 100.0 / whole as f64;
    if part > 0 && p < 1.0 {
        "<1%".into()
    } else {
        format!("{}%", p.round())
    }
}

/// A count with thousands separators: `22,015`.
struct Num(usize);

impl Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_char(',')?;
            }
            f.write_char(d)?;
        }
        Ok(())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", Num(n), if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------
// Code frames
// ---------------------------------------------------------------------------------------------

/// One line of a code frame, cut to a window and split around the highlighted span.
struct FrameLine {
    /// `None` for the line that stands for elided span lines.
    number: Option<usize>,
    /// `(text, highlighted)` pieces.
    pieces: Vec<(String, bool)>,
    /// The line is part of the span.
    hit: bool,
    /// The span is empty and sits on this line: show a caret there (piece index).
    caret: Option<usize>,
    cut_left: bool,
    cut_right: bool,
    /// For the elision line: how many lines it stands for.
    elided: usize,
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Byte ranges `[start, end)` of the lines (without their line break) covering `from..to`.
fn line_at(src: &str, at: usize) -> (usize, usize) {
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    (start, end)
}

/// The frame of one finding: context, the span's lines (long spans elided), context.
fn frame(m: &Message) -> Option<Vec<FrameLine>> {
    let src: &str = &m.source;
    if src.is_empty() || m.span.start > src.len() {
        return None;
    }
    let s = floor_boundary(src, m.span.start);
    let e = ceil_boundary(src, m.span.end.max(s));
    // A span that ends just after a line break ends on the line before.
    let e_line = if e > s && src[..e].ends_with('\n') {
        e - 1
    } else {
        e
    };
    let first_number = if m.start.0 >= 1 {
        m.start.0
    } else {
        src[..s].bytes().filter(|&b| b == b'\n').count() + 1
    };
    // The span's lines.
    let mut span_lines = vec![line_at(src, s)];
    while span_lines.last().is_some_and(|l| l.1 < e_line) {
        let next = span_lines.last().unwrap().1 + 1;
        span_lines.push(line_at(src, next));
    }
    // Context before and after, up to a line too long to be worth showing (in a JSONL file,
    // the other records).
    let short = |(a, b): (usize, usize)| src[a..b].chars().nth(MAX_COLUMNS).is_none();
    let mut before = Vec::new();
    let mut at = span_lines[0].0;
    while before.len() < CONTEXT_LINES && at > 0 {
        let line = line_at(src, at - 1);
        if !short(line) {
            break;
        }
        before.push(line);
        at = line.0;
    }
    before.reverse();
    let mut after = Vec::new();
    let mut at = span_lines.last().unwrap().1;
    while after.len() < CONTEXT_LINES && at < src.len() {
        let line = line_at(src, at + 1);
        if !short(line) {
            break;
        }
        after.push(line);
        at = line.1;
    }
    // Drop trailing blank context (the file's last newline).
    while after
        .last()
        .is_some_and(|&(a, b)| src[a..b].trim().is_empty())
    {
        after.pop();
    }
    while before
        .first()
        .is_some_and(|&(a, b)| src[a..b].trim().is_empty())
    {
        before.remove(0);
    }
    let mut out = Vec::new();
    let mut number = first_number - before.len().min(first_number - 1);
    for (a, b) in before {
        out.push(cut_line(src, number, a, b, None));
        number += 1;
    }
    let n = span_lines.len();
    for (i, (a, b)) in span_lines.into_iter().enumerate() {
        if n > MAX_SPAN_LINES && i >= MAX_SPAN_LINES / 2 && i < n - (MAX_SPAN_LINES / 2 - 1) {
            if i == MAX_SPAN_LINES / 2 {
                out.push(FrameLine {
                    number: None,
                    pieces: Vec::new(),
                    hit: true,
                    caret: None,
                    cut_left: false,
                    cut_right: false,
                    elided: n - MAX_SPAN_LINES + 1,
                });
            }
        } else {
            out.push(cut_line(src, number, a, b, Some((s, e))));
        }
        number += 1;
    }
    for (a, b) in after {
        out.push(cut_line(src, number, a, b, None));
        number += 1;
    }
    Some(out)
}

/// Advance `n` characters from byte `i` (not past `end`).
fn chars_forward(src: &str, i: usize, n: usize, end: usize) -> usize {
    src[i..end]
        .char_indices()
        .nth(n)
        .map_or(end, |(j, _)| i + j)
}

/// Go back `n` characters from byte `i` (not before `start`).
fn chars_back(src: &str, i: usize, n: usize, start: usize) -> usize {
    if n == 0 {
        return i;
    }
    src[start..i]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(start, |(j, _)| start + j)
}

fn cut_line(
    src: &str,
    number: usize,
    a: usize,
    mut b: usize,
    span: Option<(usize, usize)>,
) -> FrameLine {
    if src[a..b].ends_with('\r') {
        b -= 1;
    }
    // The highlighted part of this line, if any.
    let hl = span.and_then(|(s, e)| {
        let (hs, he) = (s.max(a), e.min(b));
        if hs < he || (s == e && s >= a && s <= b) {
            Some((hs, he.max(hs)))
        } else {
            None
        }
    });
    let (mut wa, mut wb) = (a, b);
    if src[a..b].chars().count() > MAX_COLUMNS {
        let anchor = hl.map_or(a, |(hs, _)| chars_back(src, hs, 40, a));
        wa = anchor;
        wb = chars_forward(src, wa, MAX_COLUMNS, b);
    }
    // Split the window into text before the span, the span, and text after it.
    let (mut pieces, mut caret) = (Vec::new(), None);
    let piece = |from: usize, to: usize, hl: bool, pieces: &mut Vec<(String, bool)>| {
        if from < to {
            pieces.push((src[from..to].to_string(), hl));
        }
    };
    match hl {
        Some((hs, he)) if (hs < wb && he > wa) || (hs == he && hs >= wa && hs <= wb) => {
            let (hs, he) = (hs.max(wa), he.min(wb));
            piece(wa, hs, false, &mut pieces);
            if hs == he {
                caret = Some(pieces.len());
            }
            piece(hs, he, true, &mut pieces);
            piece(he, wb, false, &mut pieces);
        }
        _ => piece(wa, wb, false, &mut pieces),
    }
    FrameLine {
        number: Some(number),
        pieces,
        hit: hl.is_some(),
        caret,
        cut_left: wa > a,
        cut_right: wb < b,
        elided: 0,
    }
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// Text escaped for HTML content and attribute values.
struct Esc<'a>(&'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, c) in self.0.char_indices() {
            let rep = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + c.len_utf8();
        }
        f.write_str(&self.0[last..])
    }
}

/// Message text for HTML: escaped, with `code spans` shown as code.
struct Prose<'a>(&'a str);

impl Display for Prose<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = self.0.split('`').collect();
        if parts.len().is_multiple_of(2) {
            // Unbalanced backticks: plain text.
            return write!(f, "{}", Esc(self.0));
        }
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 {
                write!(f, "<code>{}</code>", Esc(part))?;
            } else {
                write!(f, "{}", Esc(part))?;
            }
        }
        Ok(())
    }
}

const CSS: &str = r#"
:root{--bg:#f5f6f8;--card:#fff;--ink:#1b2230;--muted:#5d6778;--faint:#8a93a3;--line:#e2e5ea;
--accent:#34557a;--safe:#2a9d78;--unsafe:#e0a526;--person:#d1495b;--reported:#a3adbb;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1160px;margin:0 auto;padding:36px 24px 72px}
header{margin-bottom:8px}
.eyebrow{color:var(--accent);font-size:12px;font-weight:650;letter-spacing:.08em;text-transform:uppercase}
h1{font-size:30px;line-height:1.2;margin:4px 0 6px;letter-spacing:-.015em}
h2{font-size:18px;margin:0 0 2px;letter-spacing:-.005em}
h3{font-size:14px;margin:18px 0 8px;color:var(--muted);font-weight:600}
.sub,.note{color:var(--muted)}
.note{font-size:13.5px;margin:0 0 14px}
code{font-family:var(--mono);font-size:.88em;background:#eef1f5;border-radius:4px;padding:.05em .35em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(175px,1fr));gap:12px;margin:22px 0 18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 16px 12px;
box-shadow:0 1px 2px rgba(20,30,50,.04)}
.card .n{display:block;font-size:30px;font-weight:680;line-height:1.15;font-variant-numeric:tabular-nums}
.card .l{display:block;color:var(--muted);font-size:13px;margin-top:2px}
.card .d{display:block;color:var(--faint);font-size:12px;margin-top:4px}
.card.safe{border-top:3px solid var(--safe)}.card.person{border-top:3px solid var(--person)}
section{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:20px 22px;
margin:16px 0;box-shadow:0 1px 2px rgba(20,30,50,.04);min-width:0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:16px;margin:16px 0}
.grid>section{margin:0}
svg.chart{display:block;max-width:100%;height:auto;overflow:visible}
svg.chart[data-kind="share"]{height:30px}
.chartbox{min-width:0}
svg.chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12.5px;fill:var(--ink)}
svg.chart text.mono{font-family:var(--mono);font-size:12px}
svg.chart text.val{font-weight:650;font-variant-numeric:tabular-nums}
svg.chart .dim{fill:var(--faint);font-weight:400}
svg.chart text.in{fill:#fff;font-weight:650;font-size:12px}
.legend{display:flex;flex-wrap:wrap;gap:6px 20px;margin:12px 0 0;padding:0;list-style:none;font-size:13px;color:var(--muted)}
.legend li{display:flex;align-items:baseline;gap:7px}
.legend b{color:var(--ink);font-weight:600}
.sw{display:inline-block;width:10px;height:10px;border-radius:3px;flex:none;transform:translateY(1px)}
.bars{display:grid;grid-template-columns:max-content 1fr;gap:10px 16px;align-items:center}
.bars .k{font-size:13px;color:var(--muted);font-weight:600}
.explain{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:10px 20px;margin:14px 0 0;font-size:13px;color:var(--muted)}
.explain div{display:flex;gap:8px}.explain b{color:var(--ink)}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;background:#fafbfc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr:last-child td{border-bottom:0}
.tbl{border:1px solid var(--line);border-radius:10px;overflow:hidden;overflow-x:auto}
.empty{color:var(--muted);font-style:italic;margin:6px 0}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.files td:first-child{font-family:var(--mono);font-size:12.5px;word-break:break-all}
.mini{display:flex;height:8px;width:120px;border-radius:4px;overflow:hidden;background:#eef1f5;margin-top:6px}
.mini i{display:block;height:100%}
details.file{border:1px solid var(--line);border-radius:12px;margin:12px 0;background:#fff;overflow:hidden}
details.file>summary{list-style:none;cursor:pointer;padding:11px 16px;background:#fafbfc;display:flex;
flex-wrap:wrap;gap:6px 12px;align-items:center}
details.file>summary::-webkit-details-marker{display:none}
details.file>summary::before{content:"▸";color:var(--faint);font-size:12px;transition:transform .15s}
details.file[open]>summary::before{transform:rotate(90deg)}
details.file[open]>summary{border-bottom:1px solid var(--line)}
.path{font-family:var(--mono);font-size:13.5px;font-weight:600;word-break:break-all}
.count{color:var(--muted);font-size:13px;margin-left:auto}
.blocks{padding:10px 16px;background:#fdf3f4;border-bottom:1px solid var(--line);font-size:13.5px}
.blocks ul{margin:4px 0 0;padding-left:20px}.blocks li{margin:2px 0}
.finding{padding:14px 16px 16px;border-top:1px solid var(--line)}
.finding:first-of-type{border-top:0}
.head{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:baseline}
.loc{font-family:var(--mono);font-size:12.5px;color:var(--muted)}
.rule{font-family:var(--mono);font-size:12.5px;font-weight:600;color:var(--accent);white-space:nowrap}
.msg{margin:4px 0 0;font-size:14.5px}
.badge{display:inline-block;font-size:11.5px;font-weight:650;padding:1px 9px;border-radius:999px;white-space:nowrap}
.badge.safe{background:#dff3ec;color:#1b6e54}.badge.unsafe{background:#fbefd3;color:#85600c}
.badge.person{background:#fbe3e6;color:#a3283a}.badge.reported{background:#eceff3;color:#4d5766}
.help,.why{font-size:13.5px;color:var(--muted);margin:6px 0 0}
.help b,.why b{color:var(--ink);font-weight:600}
.frame{margin:10px 0 0;border:1px solid var(--line);border-radius:8px;background:#f9fafb;overflow-x:auto;
font-family:var(--mono);font-size:12.5px;line-height:1.6}
.frame code{background:none;padding:0;border-radius:0;font-size:inherit}
.rows{width:max-content;min-width:100%;padding:6px 0}
.line{display:flex;white-space:pre;tab-size:4;padding-right:14px}
.line.hit{background:#fff8e1}
.ln{flex:none;width:4.2em;padding-right:10px;margin-right:12px;text-align:right;color:#a0a8b5;
border-right:1px solid var(--line);user-select:none}
.line.hit .ln{color:#8a6d1a;border-right-color:#e8c766}
.line.gap{color:var(--faint);font-style:italic}
mark{background:#ffe08a;color:inherit;border-radius:2px;box-shadow:inset 0 -2px 0 #e2b437}
.caret{display:inline-block;width:2px;height:1.15em;vertical-align:text-bottom;background:var(--person);margin:0 1px}
.cut{color:var(--faint)}
footer{color:var(--faint);font-size:12.5px;margin-top:28px;text-align:center}
@media (max-width:640px){.chartbox{overflow-x:auto}
svg.chart[data-kind="bars"]{min-width:720px}svg.chart[data-kind="bars-half"]{min-width:420px}
main{padding:20px 12px 48px}.grid{grid-template-columns:1fr}h1{font-size:24px}
section{padding:16px 14px}.card .n{font-size:26px}}
@media print{body{background:#fff}section,.card,details.file{box-shadow:none;break-inside:avoid-page}
details.file{break-inside:auto}}
"#;

/// The report as one self-contained HTML page.
pub fn html(messages: &[Message], title: &str) -> String {
    html_with_details(messages, title, None)
}

/// The page, linking to the JSON file of every finding ([`details::json`]) written beside it
/// as `details` (a file name, relative to the page).
pub fn html_with_details(messages: &[Message], title: &str, details: Option<&str>) -> String {
    // The page's size no longer grows with the findings: tables and cards are capped.
    let mut out = String::with_capacity(256 * 1024);
    write_html(&mut out, messages, title, details).expect("writing to a String cannot fail");
    out
}

fn write_html(
    out: &mut String,
    messages: &[Message],
    title: &str,
    details: Option<&str>,
) -> fmt::Result {
    let st = stats(messages);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    // Nothing on this page may be fetched: no scripts, no remote images, fonts or styles.
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"responsify {}\">",
        VERSION
    )?;
    writeln!(out, "<title>{}</title>", Esc(title))?;
    writeln!(out, "<style>{CSS}</style>\n</head>\n<body>\n<main>")?;

    // Headline.
    writeln!(out, "<header>")?;
    writeln!(
        out,
        "<div class=\"eyebrow\">Chat Completions → Responses migration</div>"
    )?;
    writeln!(out, "<h1>{}</h1>", Esc(title))?;
    writeln!(
        out,
        "<div class=\"sub\">{} in {} under <code>{}</code></div>",
        plural(st.findings, "finding", "findings"),
        plural(st.files, "file", "files"),
        Esc(&st.root)
    )?;
    writeln!(out, "</header>")?;
    write_cards(out, &st)?;

    if st.findings == 0 {
        writeln!(
            out,
            "<section><h2>Nothing left to migrate</h2><p class=\"note\">responsify found no \
             Chat Completions usage in these paths.</p>"
        )?;
        for (chart, name) in [
            ("fixability", "Findings by fixability"),
            ("requests", "Requests by fixability"),
            ("by-rule", "Findings per rule"),
            ("by-dir", "Findings per directory"),
            ("by-language", "Findings per language"),
        ] {
            empty_chart(out, chart, name)?;
        }
        writeln!(out, "</section>")?;
        return write_footer(out);
    }

    // Where things stand.
    writeln!(out, "<section id=\"status\">")?;
    writeln!(out, "<h2>Where things stand</h2>")?;
    writeln!(
        out,
        "<p class=\"note\">What responsify can migrate by itself, and what waits for a person. \
         A request is fixed whole or not at all, so one blocking finding holds back every \
         finding of its request.</p>"
    )?;
    writeln!(out, "<div class=\"bars\">")?;
    writeln!(out, "<div class=\"k\">Findings</div>")?;
    stacked_bar(out, "fixability", "Findings by fixability", &st.status)?;
    if total(&st.site_status) > 0 {
        writeln!(out, "<div class=\"k\">Requests &amp; sites</div>")?;
        stacked_bar(
            out,
            "requests",
            "Requests and flagged sites by fixability",
            &st.site_status,
        )?;
    }
    writeln!(out, "</div>")?;
    writeln!(out, "<div class=\"explain\">")?;
    for f in Fixability::ALL {
        writeln!(
            out,
            "<div><span class=\"sw\" style=\"background:{}\"></span><span><b>{}</b> · {} ({}) — {}</span></div>",
            f.color(),
            f.label(),
            Num(st.status[f.index()]),
            percent(st.status[f.index()], st.findings),
            Prose(f.blurb())
        )?;
    }
    writeln!(out, "</div>\n</section>")?;

    write_blockers(out, &st)?;

    // Distributions.
    writeln!(out, "<section id=\"rules\">")?;
    writeln!(out, "<h2>Findings per rule</h2>")?;
    writeln!(
        out,
        "<p class=\"note\">Each bar is split by what will become of the findings. \
         Rule pages: <code>responsify explain RULE</code>.</p>"
    )?;
    legend(out)?;
    bar_chart(out, "by-rule", "Findings per rule", &st.rules, true, FULL)?;
    writeln!(out, "</section>")?;
    writeln!(out, "<div class=\"grid\">")?;
    writeln!(out, "<section id=\"dirs\">\n<h2>Per directory</h2>")?;
    writeln!(
        out,
        "<p class=\"note\">Top-level directories under <code>{}</code>.</p>",
        Esc(&st.root)
    )?;
    bar_chart(
        out,
        "by-dir",
        "Findings per directory",
        &st.dirs,
        true,
        HALF,
    )?;
    writeln!(out, "</section>")?;
    writeln!(out, "<section id=\"languages\">\n<h2>Per language</h2>")?;
    writeln!(
        out,
        "<p class=\"note\">By file type: Python (and notebooks), JSON request bodies and \
         JSONL, Markdown.</p>"
    )?;
    bar_chart(
        out,
        "by-language",
        "Findings per language",
        &st.languages,
        false,
        HALF,
    )?;
    writeln!(out, "</section>\n</div>")?;

    write_files(out, &st)?;
    by_request::write(out, messages, &st.root, details)?;
    write_footer(out)
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn write_footer(out: &mut String) -> fmt::Result {
    writeln!(
        out,
        "<footer>Generated by responsify {VERSION}. Self-contained: no scripts, nothing \
         loaded from the network.</footer>\n</main>\n</body>\n</html>"
    )
}

fn write_cards(out: &mut String, st: &Stats) -> fmt::Result {
    writeln!(out, "<div class=\"cards\">")?;
    let card = |out: &mut String, class: &str, n: String, label: &str, detail: String| {
        writeln!(
            out,
            "<div class=\"card {class}\"><span class=\"n\">{}</span><span class=\"l\">{}</span>\
             <span class=\"d\">{}</span></div>",
            Esc(&n),
            Esc(label),
            Esc(&detail)
        )
    };
    card(
        out,
        "",
        Num(st.findings).to_string(),
        "findings",
        format!("{} rules", st.rules.len()),
    )?;
    card(
        out,
        "",
        Num(st.requests + st.flagged).to_string(),
        "requests & flagged sites",
        format!(
            "{} · {} flagged",
            plural(st.requests, "request", "requests"),
            st.flagged
        ),
    )?;
    card(
        out,
        "",
        Num(st.files).to_string(),
        "files touched",
        format!("{} directories", st.dirs.len()),
    )?;
    card(
        out,
        "safe",
        percent(st.status[Safe.index()], st.findings),
        "fixable with --fix",
        format!(
            "{} safe · {} unsafe",
            Num(st.status[Safe.index()]),
            Num(st.status[Unsafe.index()])
        ),
    )?;
    card(
        out,
        "person",
        Num(st.status[Person.index()]).to_string(),
        "need a person",
        format!("{} reported only", Num(st.status[Reported.index()])),
    )?;
    writeln!(out, "</div>")
}

fn legend(out: &mut String) -> fmt::Result {
    writeln!(out, "<ul class=\"legend\">")?;
    for f in Fixability::ALL {
        writeln!(
            out,
            "<li><span class=\"sw\" style=\"background:{}\"></span>{}</li>",
            f.color(),
            f.label()
        )?;
    }
    writeln!(out, "</ul>")
}

fn empty_chart(out: &mut String, chart: &str, name: &str) -> fmt::Result {
    writeln!(
        out,
        "<svg class=\"chart\" data-chart=\"{chart}\" role=\"img\" aria-label=\"{}: none\" \
         viewBox=\"0 0 760 30\" width=\"760\" height=\"30\"><text x=\"0\" y=\"20\" \
         class=\"dim\">{}: none</text></svg>",
        Esc(name),
        Esc(name)
    )
}

fn f1(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Cut a label to `max` characters.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn breakdown(counts: &Counts) -> String {
    Fixability::ALL
        .iter()
        .filter(|f| counts[f.index()] > 0)
        .map(|f| f.counted(counts[f.index()]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Horizontal bars, one per group, each split by fixability.
/// `width` is the chart's natural width: the width of its box on a desktop screen, where its
/// text shows at the page's size (narrower screens scale the chart down).
/// Natural widths of the charts: a full-width section and a half-width one, at the page's
/// widest (see `main` and `section` in [`CSS`]).
const FULL: f64 = 1064.0;
const HALF: f64 = 500.0;

fn bar_chart(
    out: &mut String,
    chart: &str,
    name: &str,
    rows: &[Group],
    mono: bool,
    width: f64,
) -> fmt::Result {
    if rows.is_empty() {
        return empty_chart(out, chart, name);
    }
    const ROW: f64 = 28.0;
    const BAR: f64 = 18.0;
    const VALUE: f64 = 190.0;
    let char_w = if mono { 7.3 } else { 7.0 };
    let longest = rows
        .iter()
        .map(|r| r.key.chars().count())
        .max()
        .unwrap_or(0);
    // Labels take at most a third of the width; longer ones are cut (the tooltip has them).
    let label_max = (width / 3.0).min(300.0);
    let max_chars = ((label_max - 16.0) / char_w) as usize;
    let label_w = (longest.min(max_chars) as f64 * char_w + 16.0).clamp(60.0, label_max);
    let span = width - label_w - VALUE;
    let max = rows
        .iter()
        .map(|r| total(&r.counts))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let height = rows.len() as f64 * ROW + 6.0;
    writeln!(
        out,
        "<div class=\"chartbox\"><svg class=\"chart\" data-chart=\"{chart}\" data-kind=\"{kind}\" \
         role=\"img\" aria-label=\"{}\" \
         viewBox=\"0 0 {w0} {h}\" width=\"{w0}\" height=\"{h}\" \
         preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">",
        Esc(name),
        kind = if width >= FULL { "bars" } else { "bars-half" },
        w0 = f1(width),
        h = f1(height)
    )?;
    // Light gridlines at quarters, behind the bars.
    for q in 1..=4 {
        let x = label_w + span * q as f64 / 4.0;
        writeln!(
            out,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"{h}\" stroke=\"#eef0f3\" stroke-width=\"1\"/>",
            x = f1(x),
            h = f1(height - 4.0)
        )?;
    }
    writeln!(
        out,
        "<line x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"{h}\" stroke=\"#c9ced6\" stroke-width=\"1\"/>",
        x = f1(label_w),
        h = f1(height - 4.0)
    )?;
    for (i, row) in rows.iter().enumerate() {
        let n = total(&row.counts);
        let y = 4.0 + i as f64 * ROW;
        let w = (n as f64 / max * span).max(2.0);
        let clip = format!("clip-{chart}-{i}");
        writeln!(
            out,
            "<g class=\"row\"><title>{}: {} in {} ({})</title>",
            Esc(&row.key),
            plural(n, "finding", "findings"),
            plural(row.files, "file", "files"),
            Esc(&breakdown(&row.counts))
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{}>{}</text>",
            f1(label_w - 10.0),
            f1(y + BAR / 2.0 + 4.5),
            if mono { " class=\"mono\"" } else { "" },
            Esc(&shorten(&row.key, max_chars))
        )?;
        writeln!(
            out,
            "<clipPath id=\"{clip}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" rx=\"3\"/></clipPath>",
            x = f1(label_w),
            y = f1(y),
            w = f1(w)
        )?;
        writeln!(
            out,
            "<rect data-bar=\"{}\" data-count=\"{n}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\" \
             rx=\"3\" fill=\"#5b7494\"/>",
            Esc(&row.key),
            f1(label_w),
            f1(y),
            f1(w),
        )?;
        writeln!(out, "<g clip-path=\"url(#{clip})\">")?;
        let mut done = 0;
        for f in Fixability::ALL {
            let c = row.counts[f.index()];
            if c == 0 {
                continue;
            }
            let x0 = label_w + w * done as f64 / n as f64;
            done += c;
            let x1 = label_w + w * done as f64 / n as f64;
            writeln!(
                out,
                "<rect data-segment=\"{}\" data-count=\"{c}\" x=\"{}\" y=\"{}\" width=\"{}\" \
                 height=\"{BAR}\" fill=\"{}\"/>",
                f.key(),
                f1(x0),
                f1(y),
                f1((x1 - x0).max(0.5)),
                f.color()
            )?;
        }
        writeln!(out, "</g>")?;
        let person = row.counts[Person.index()];
        write!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"val\">{}",
            f1(label_w + w + 8.0),
            f1(y + BAR / 2.0 + 4.5),
            Num(n)
        )?;
        if person > 0 {
            write!(
                out,
                "<tspan class=\"dim\" dx=\"6\">· {}</tspan>",
                Person.counted(person)
            )?;
        }
        writeln!(out, "</text></g>")?;
    }
    writeln!(out, "</svg></div>")
}

/// One 100% bar split by fixability, with percentages inside the wide parts.
fn stacked_bar(out: &mut String, chart: &str, name: &str, counts: &Counts) -> fmt::Result {
    // No viewBox: the bar fills its box at any width, in percentages, and its text keeps
    // its size.
    const HEIGHT: f64 = 30.0;
    /// The width the labels assume when deciding whether they fit in a part.
    const TYPICAL: f64 = 900.0;
    let n = total(counts);
    writeln!(
        out,
        "<svg class=\"chart\" data-chart=\"{chart}\" data-kind=\"share\" role=\"img\" aria-label=\"{}: {}\" \
         width=\"100%\" height=\"{HEIGHT}\" xmlns=\"http://www.w3.org/2000/svg\">",
        Esc(name),
        Esc(&breakdown(counts))
    )?;
    let clip = format!("clip-{chart}");
    writeln!(
        out,
        "<clipPath id=\"{clip}\"><rect x=\"0\" y=\"0\" width=\"100%\" height=\"{HEIGHT}\" rx=\"6\"/></clipPath>"
    )?;
    writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"{HEIGHT}\" rx=\"6\" fill=\"#eef1f5\"/>"
    )?;
    writeln!(out, "<g clip-path=\"url(#{clip})\">")?;
    let mut done = 0;
    for f in Fixability::ALL {
        let c = counts[f.index()];
        if c == 0 || n == 0 {
            continue;
        }
        let x0 = 100.0 * done as f64 / n as f64;
        done += c;
        let x1 = 100.0 * done as f64 / n as f64;
        let w = (x1 - x0).max(0.2);
        writeln!(
            out,
            "<rect data-bar=\"{}\" data-count=\"{c}\" x=\"{}%\" y=\"0\" width=\"{}%\" height=\"{HEIGHT}\" \
             fill=\"{}\"><title>{}: {c} ({})</title></rect>",
            f.key(),
            f2(x0),
            f2(w),
            f.color(),
            f.label(),
            percent(c, n)
        )?;
        let text = format!("{} · {}", Num(c), percent(c, n));
        if w / 100.0 * TYPICAL > text.chars().count() as f64 * 7.5 + 16.0 {
            writeln!(
                out,
                "<text x=\"{}%\" dx=\"10\" y=\"{}\" class=\"in\">{}</text>",
                f2(x0),
                f1(HEIGHT / 2.0 + 4.5),
                Esc(&text)
            )?;
        }
    }
    writeln!(out, "</g>\n</svg>")
}

fn f2(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn write_blockers(out: &mut String, st: &Stats) -> fmt::Result {
    writeln!(out, "<section id=\"blockers\">")?;
    writeln!(out, "<h2>What blocks the rest</h2>")?;
    if st.error_rules.is_empty() && st.blocked.is_empty() && st.flagged_rules.is_empty() {
        writeln!(
            out,
            "<p class=\"empty\">Nothing: every finding has a fix responsify can apply.</p>\n</section>"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "<p class=\"note\">Resolve these first: each one holds back the whole request it is \
         on. Once a person has decided, run responsify again and the rest of the request \
         migrates.</p>"
    )?;
    if !st.error_rules.is_empty() {
        writeln!(out, "<h3>Findings that need a decision</h3>")?;
        writeln!(
            out,
            "<div class=\"tbl\"><table data-table=\"error-rules\"><thead><tr><th>Rule</th>\
             <th class=\"num\">Findings</th><th class=\"num\">Files</th><th>What to do</th>\
             </tr></thead><tbody>"
        )?;
        for b in &st.error_rules {
            writeln!(
                out,
                "<tr><td><a href=\"#rules\" class=\"rule\">{}</a></td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td>{}</td></tr>",
                Esc(&b.key),
                Num(b.findings),
                Num(b.files),
                Prose(b.advice.unwrap_or(""))
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    if !st.blocked.is_empty() {
        writeln!(out, "<h3>Fixes held back, by reason</h3>")?;
        writeln!(
            out,
            "<div class=\"tbl\"><table data-table=\"blocked\"><thead><tr><th>Reason</th>\
             <th class=\"num\">Requests</th><th class=\"num\">Findings</th>\
             <th class=\"num\">Files</th></tr></thead><tbody>"
        )?;
        // Reasons name lines, so a large tree has thousands: the most common are listed.
        for b in st.blocked.iter().take(MAX_REASONS) {
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td></tr>",
                Prose(&b.key),
                Num(b.requests),
                Num(b.findings),
                Num(b.files)
            )?;
        }
        let rest = &st.blocked[st.blocked.len().min(MAX_REASONS)..];
        if !rest.is_empty() {
            writeln!(
                out,
                "<tr><td>({} more reasons)</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\"></td></tr>",
                Num(rest.len()),
                Num(rest.iter().map(|b| b.requests).sum()),
                Num(rest.iter().map(|b| b.findings).sum()),
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    if !st.flagged_rules.is_empty() {
        writeln!(out, "<h3>Sites responsify will not rewrite</h3>")?;
        writeln!(
            out,
            "<div class=\"tbl\"><table data-table=\"flagged\"><thead><tr><th>Rule</th>\
             <th class=\"num\">Sites</th><th class=\"num\">Files</th><th>What to do</th>\
             </tr></thead><tbody>"
        )?;
        for b in &st.flagged_rules {
            writeln!(
                out,
                "<tr><td><span class=\"rule\">{}</span></td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td>{}</td></tr>",
                Esc(&b.key),
                Num(b.findings),
                Num(b.files),
                Prose(b.advice.unwrap_or(""))
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    writeln!(out, "</section>")
}

fn counts_of(ms: &[&Message]) -> Counts {
    let mut c = [0; 4];
    for m in ms {
        c[Fixability::of(m).index()] += 1;
    }
    c
}

fn mini_bar(out: &mut String, counts: &Counts) -> fmt::Result {
    let n = total(counts).max(1);
    write!(out, "<span class=\"mini\" aria-hidden=\"true\">")?;
    for f in Fixability::ALL {
        let c = counts[f.index()];
        if c > 0 {
            write!(
                out,
                "<i style=\"width:{}%;background:{}\"></i>",
                f1(c as f64 * 100.0 / n as f64),
                f.color()
            )?;
        }
    }
    write!(out, "</span>")
}

/// The table of files: the [`MAX_FILE_ROWS`] with the most findings that need a person (then
/// the most findings), so the table stays readable and the page small on any tree.
fn write_files(out: &mut String, st: &Stats) -> fmt::Result {
    writeln!(out, "<section id=\"files\">")?;
    writeln!(out, "<h2>Findings by file</h2>")?;
    let mut rows: Vec<(&String, &str, Counts, usize)> = st
        .by_path
        .iter()
        .map(|(shown, path, ms)| (shown, *path, counts_of(ms), ms.len()))
        .collect();
    rows.sort_by(|a, b| {
        b.2[Person.index()]
            .cmp(&a.2[Person.index()])
            .then(b.3.cmp(&a.3))
            .then(a.0.cmp(b.0))
    });
    let listed = rows.len().min(MAX_FILE_ROWS);
    if listed < rows.len() {
        writeln!(
            out,
            "<p class=\"note\">{} with findings; these are the {} with the most findings \
             that need a person.</p>",
            plural(st.by_path.len(), "file", "files"),
            Num(listed)
        )?;
    } else {
        writeln!(
            out,
            "<p class=\"note\">{} with findings, those with the most that need a person \
             first.</p>",
            plural(st.by_path.len(), "file", "files")
        )?;
    }
    writeln!(
        out,
        "<div class=\"tbl\"><table class=\"files\" data-table=\"files\"><thead><tr><th>File</th>\
         <th class=\"num\">Findings</th><th class=\"num\">Safe</th><th class=\"num\">Unsafe</th>\
         <th class=\"num\">Person</th><th class=\"num\">Reported</th></tr></thead><tbody>"
    )?;
    for (shown, path, c, n) in &rows[..listed] {
        write!(
            out,
            "<tr><td><span title=\"{}\">{}</span>",
            Esc(path),
            Esc(shown)
        )?;
        mini_bar(out, c)?;
        write!(out, "</td><td class=\"num\">{}</td>", Num(*n))?;
        for f in Fixability::ALL {
            write!(out, "<td class=\"num\">{}</td>", Num(c[f.index()]))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")?;
    writeln!(out, "</section>")
}

fn write_finding(out: &mut String, m: &Message, show_frame: bool) -> fmt::Result {
    let f = Fixability::of(m);
    writeln!(
        out,
        "<div class=\"finding\" data-rule=\"{}\" data-status=\"{}\">",
        Esc(m.rule),
        f.key()
    )?;
    writeln!(
        out,
        "<div class=\"head\"><span class=\"badge {}\">{}</span><span class=\"rule\">{}</span>\
         <span class=\"loc\">{}:{}</span></div>",
        f.key(),
        f.label(),
        Esc(m.rule),
        m.start.0,
        m.start.1
    )?;
    writeln!(out, "<div class=\"msg\">{}</div>", Prose(&m.message))?;
    if let Some(help) = &m.help {
        writeln!(
            out,
            "<div class=\"help\"><b>help:</b> {}</div>",
            Prose(help)
        )?;
    }
    match &m.status {
        FixStatus::Blocked(why) => writeln!(
            out,
            "<div class=\"why\"><b>held back:</b> {}</div>",
            Prose(why)
        )?,
        FixStatus::Safe | FixStatus::Unsafe => {
            if let Some(title) = &m.fix_title {
                writeln!(
                    out,
                    "<div class=\"help\"><b>fix:</b> {}</div>",
                    Prose(title)
                )?;
            }
        }
        FixStatus::None => {}
    }
    if show_frame {
        if let Some(lines) = frame(m) {
            write_frame(out, &lines)?;
        }
    }
    writeln!(out, "</div>")
}

fn write_frame(out: &mut String, lines: &[FrameLine]) -> fmt::Result {
    write!(out, "<div class=\"frame\"><div class=\"rows\">")?;
    for line in lines {
        let Some(number) = line.number else {
            write!(
                out,
                "<div class=\"line hit gap\"><span class=\"ln\">⋮</span>{} more lines</div>",
                line.elided
            )?;
            continue;
        };
        write!(
            out,
            "<div class=\"line{}\"><span class=\"ln\">{number}</span><code>",
            if line.hit { " hit" } else { "" }
        )?;
        if line.cut_left {
            write!(out, "<span class=\"cut\">…</span>")?;
        }
        for (i, (text, hl)) in line.pieces.iter().enumerate() {
            if line.caret == Some(i) {
                write!(out, "<span class=\"caret\"></span>")?;
            }
            if *hl {
                write!(out, "<mark>{}</mark>", Esc(text))?;
            } else {
                write!(out, "{}", Esc(text))?;
            }
        }
        if line.caret.is_some_and(|c| c >= line.pieces.len()) {
            write!(out, "<span class=\"caret\"></span>")?;
        }
        if line.cut_right {
            write!(out, "<span class=\"cut\">…</span>")?;
        }
        write!(out, "</code></div>")?;
    }
    writeln!(out, "</div></div>")
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// Text for Markdown: `code spans` kept, HTML and table syntax outside them neutralised.
fn md_text(s: &str, in_table: bool) -> String {
    let flat = s.replace(['\r', '\n'], " ");
    let parts: Vec<&str> = flat.split('`').collect();
    let balanced = parts.len() % 2 == 1;
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        let code = balanced && i % 2 == 1;
        if code {
            out.push('`');
            for c in part.chars() {
                if c == '|' && in_table {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('`');
            continue;
        }
        if i > 0 && !balanced {
            out.push_str("\\`");
        }
        for c in part.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '|' => out.push_str("\\|"),
                '\\' | '*' | '_' | '[' | ']' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// A code span holding `s` literally (paths, rule names).
fn md_code(s: &str, in_table: bool) -> String {
    let flat = s.replace(['\r', '\n'], " ");
    let flat = if in_table {
        flat.replace('|', "\\|")
    } else {
        flat
    };
    let longest = longest_run(&flat, '`');
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

fn text_bar(n: usize, max: usize) -> String {
    if n == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((n as f64 / max as f64) * 20.0 * 8.0).round().max(1.0) as usize;
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    s
}

/// The report as Markdown (GitHub-flavoured: tables, fenced code).
pub fn markdown(messages: &[Message], title: &str) -> String {
    let mut out = String::with_capacity(16 * 1024 + messages.len() * 512);
    write_markdown(&mut out, messages, title).expect("writing to a String cannot fail");
    out
}

fn group_table(out: &mut String, first: &str, rows: &[Group], code: bool) -> fmt::Result {
    writeln!(
        out,
        "| {first} | findings | safe | unsafe | needs a person | reported only | files | |"
    )?;
    writeln!(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    )?;
    let max = rows.iter().map(|r| total(&r.counts)).max().unwrap_or(0);
    for r in rows {
        // Labels of our own making, `(top level)` and `(N more)`, are not code.
        let key = if code && !r.key.starts_with('(') {
            md_code(&r.key, true)
        } else {
            md_text(&r.key, true)
        };
        let n = total(&r.counts);
        writeln!(
            out,
            "| {key} | {n} | {} | {} | {} | {} | {} | {} |",
            r.counts[0],
            r.counts[1],
            r.counts[2],
            r.counts[3],
            r.files,
            text_bar(n, max)
        )?;
    }
    writeln!(out)
}

fn write_markdown(out: &mut String, messages: &[Message], title: &str) -> fmt::Result {
    let st = stats(messages);
    writeln!(out, "# {}\n", md_text(title, false))?;
    writeln!(
        out,
        "Chat Completions → Responses migration: {} in {} under {}.\n",
        plural(st.findings, "finding", "findings"),
        plural(st.files, "file", "files"),
        md_code(&st.root, false)
    )?;
    writeln!(out, "| | |\n| --- | ---: |")?;
    writeln!(out, "| Findings | {} |", st.findings)?;
    writeln!(
        out,
        "| Requests & flagged sites | {} ({} to migrate, {} flagged) |",
        st.requests + st.flagged,
        st.requests,
        st.flagged
    )?;
    writeln!(out, "| Files touched | {} |", st.files)?;
    writeln!(
        out,
        "| Fixable with `--fix` | {} ({}) |",
        st.status[Safe.index()],
        percent(st.status[Safe.index()], st.findings)
    )?;
    writeln!(out, "| Need a person | {} |\n", st.status[Person.index()])?;
    if st.findings == 0 {
        writeln!(out, "Nothing left to migrate.")?;
        return Ok(());
    }

    writeln!(out, "## Where things stand\n")?;
    writeln!(
        out,
        "| status | findings | share | requests & sites | what it means |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | --- |")?;
    for f in Fixability::ALL {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            f.label(),
            st.status[f.index()],
            percent(st.status[f.index()], st.findings),
            st.site_status[f.index()],
            md_text(f.blurb(), true)
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## What blocks the rest\n")?;
    if st.error_rules.is_empty() && st.blocked.is_empty() && st.flagged_rules.is_empty() {
        writeln!(
            out,
            "Nothing: every finding has a fix responsify can apply.\n"
        )?;
    }
    if !st.error_rules.is_empty() {
        writeln!(out, "Findings that need a decision:\n")?;
        writeln!(out, "| rule | findings | files | what to do |")?;
        writeln!(out, "| --- | ---: | ---: | --- |")?;
        for b in &st.error_rules {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                md_code(&b.key, true),
                b.findings,
                b.files,
                md_text(b.advice.unwrap_or(""), true)
            )?;
        }
        writeln!(out)?;
    }
    if !st.blocked.is_empty() {
        writeln!(out, "Fixes held back, by reason:\n")?;
        writeln!(out, "| reason | requests | findings | files |")?;
        writeln!(out, "| --- | ---: | ---: | ---: |")?;
        for b in &st.blocked {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                md_text(&b.key, true),
                b.requests,
                b.findings,
                b.files
            )?;
        }
        writeln!(out)?;
    }
    if !st.flagged_rules.is_empty() {
        writeln!(out, "Sites responsify will not rewrite:\n")?;
        writeln!(out, "| rule | sites | files | what to do |")?;
        writeln!(out, "| --- | ---: | ---: | --- |")?;
        for b in &st.flagged_rules {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                md_code(&b.key, true),
                b.findings,
                b.files,
                md_text(b.advice.unwrap_or(""), true)
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Findings per rule\n")?;
    group_table(out, "rule", &st.rules, true)?;
    writeln!(out, "## Per directory\n")?;
    writeln!(
        out,
        "Top-level directories under {}.\n",
        md_code(&st.root, false)
    )?;
    group_table(out, "directory", &st.dirs, true)?;
    writeln!(out, "## Per language\n")?;
    group_table(out, "language", &st.languages, false)?;

    writeln!(out, "## Findings by file\n")?;
    let mut framed = 0;
    for (shown, _, ms) in &st.by_path {
        writeln!(
            out,
            "### {} ({})\n",
            md_code(shown, false),
            plural(ms.len(), "finding", "findings")
        )?;
        for m in ms {
            let f = Fixability::of(m);
            writeln!(
                out,
                "- **{}:{}** {} · {} — {}",
                m.start.0,
                m.start.1,
                md_code(m.rule, false),
                f.label().to_lowercase(),
                md_text(&m.message, false)
            )?;
            if let Some(help) = &m.help {
                writeln!(out, "  - help: {}", md_text(help, false))?;
            }
            if let FixStatus::Blocked(why) = &m.status {
                writeln!(out, "  - held back: {}", md_text(why, false))?;
            }
            if framed < MAX_FRAMES {
                if let Some(lines) = frame(m) {
                    write_md_frame(out, &lines)?;
                }
            }
            framed += 1;
        }
        writeln!(out)?;
    }
    writeln!(out, "---\n\nGenerated by responsify {VERSION}.")
}

/// `^^^` under the highlighted text of a line (tabs kept, so the marks line up).
fn underline(line: &FrameLine) -> Option<String> {
    let mut marks = String::new();
    let mut any = false;
    if line.cut_left {
        marks.push(' ');
    }
    for (i, (text, hl)) in line.pieces.iter().enumerate() {
        if line.caret == Some(i) {
            marks.push('^');
            any = true;
        }
        for c in text.chars() {
            marks.push(match (hl, c) {
                (true, _) => '^',
                (false, '\t') => '\t',
                (false, _) => ' ',
            });
        }
        any |= *hl;
    }
    if line.caret.is_some_and(|c| c >= line.pieces.len()) {
        marks.push('^');
        any = true;
    }
    any.then(|| marks.trim_end().to_string())
}

fn write_md_frame(out: &mut String, lines: &[FrameLine]) -> fmt::Result {
    let mut body = String::new();
    let width = lines
        .iter()
        .filter_map(|l| l.number)
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    let single = lines.iter().filter(|l| l.hit).count() == 1;
    for line in lines {
        let Some(number) = line.number else {
            writeln!(body, " {:>width$} ┆ … {} more lines", "", line.elided)?;
            continue;
        };
        let gutter = if line.hit { '>' } else { ' ' };
        let mut text = String::new();
        if line.cut_left {
            text.push('…');
        }
        for (t, _) in &line.pieces {
            text.push_str(t);
        }
        if line.cut_right {
            text.push('…');
        }
        writeln!(body, "{gutter}{number:>width$} │ {text}")?;
        // A span on one line is underlined; longer ones are marked by the gutter alone.
        if single {
            if let Some(marks) = underline(line) {
                writeln!(body, " {:>width$} │ {marks}", "")?;
            }
        }
    }
    let fence = "`".repeat(longest_run(&body, '`').max(2) + 1);
    writeln!(out, "\n  {fence}text")?;
    for l in body.lines() {
        writeln!(out, "  {l}")?;
    }
    writeln!(out, "  {fence}")
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::LineIndex;
    use crate::model::Span;
    use std::sync::Arc;

    /// A message on `needle`'s first occurrence in `source`.
    fn msg(
        path: &str,
        source: &Arc<str>,
        needle: &str,
        rule: &'static str,
        severity: Severity,
        status: FixStatus,
    ) -> Message {
        let start = source.find(needle).expect("needle in source");
        let end = start + needle.len();
        let lines = LineIndex::new(source);
        Message {
            rule,
            message: format!("{rule} finding"),
            path: path.to_string(),
            source: Arc::clone(source),
            span: Span::new(start, end),
            start: lines.line_col(source, start),
            end: lines.line_col(source, end),
            severity,
            help: None,
            fix_title: None,
            status,
            edits: Vec::new(),
            request: None,
            file_lines: None,
        }
    }

    fn sample() -> Vec<Message> {
        let body: Arc<str> = Arc::from(
            "{\n  \"model\": \"gpt-5.5\",\n  \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],\n  \"n\": 2\n}\n",
        );
        let py: Arc<str> = Arc::from(
            "from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r.choices[0].message.content)\n",
        );
        let md: Arc<str> =
            Arc::from("# Docs\n\n```python\nclient.chat.completions.create()\n```\n");
        let blocked = || FixStatus::Blocked("the request also needs `n-parameter`".into());
        vec![
            msg(
                "repo/requests/a.json",
                &body,
                "\"model\"",
                REQUEST_RULE,
                Severity::Warning,
                blocked(),
            ),
            msg(
                "repo/requests/a.json",
                &body,
                "\"messages\"",
                "messages-to-input",
                Severity::Warning,
                blocked(),
            ),
            msg(
                "repo/requests/a.json",
                &body,
                "\"n\": 2",
                "n-parameter",
                Severity::Error,
                FixStatus::None,
            ),
            msg(
                "repo/src/app.py",
                &py,
                "create",
                REQUEST_RULE,
                Severity::Warning,
                FixStatus::Safe,
            ),
            msg(
                "repo/src/app.py",
                &py,
                "r.choices[0].message.content",
                "choices-read",
                Severity::Warning,
                FixStatus::Safe,
            ),
            msg(
                "repo/src/app.py",
                &py,
                "messages=",
                "messages-to-input",
                Severity::Warning,
                FixStatus::Unsafe,
            ),
            msg(
                "repo/docs/guide.md",
                &md,
                "create",
                "third-party-endpoint",
                Severity::Info,
                FixStatus::None,
            ),
        ]
    }

    /// [`sample`] with its findings on their requests: the JSON body's three (blocked by
    /// `n`), the Python call's three; the Markdown site is about no request.
    fn sample_with_requests() -> Vec<Message> {
        let mut ms = sample();
        for m in &mut ms {
            if m.path.ends_with(".md") {
                continue;
            }
            let len = m.source.trim_end().len();
            m.request = Some((Span::new(0, len), vec![]));
        }
        ms
    }

    /// `(data-request, data-status, data-findings)` of every request card.
    fn cards(html: &str) -> Vec<(String, String, usize)> {
        let attr = |tag: &str, name: &str| -> String {
            let key = format!(" {name}=\"");
            let i = tag.find(&key).unwrap() + key.len();
            tag[i..i + tag[i..].find('"').unwrap()].to_string()
        };
        html.match_indices("<details class=\"file req\"")
            .map(|(i, _)| {
                let tag = &html[i..i + html[i..].find('>').unwrap()];
                (
                    attr(tag, "data-request"),
                    attr(tag, "data-status"),
                    attr(tag, "data-findings").parse().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn one_card_per_request_with_what_blocks_it() {
        let html = html(&sample_with_requests(), "t");
        let cards = cards(&html);
        // The blocked body first, then the Python call, then the Markdown site.
        let shape: Vec<(&str, usize)> = cards.iter().map(|c| (c.1.as_str(), c.2)).collect();
        assert_eq!(shape, [("person", 3), ("unsafe", 3), ("reported", 1)]);
        assert!(
            cards[0].0.len() == 16 && cards[1].0.len() == 16,
            "{cards:?}"
        );
        assert_ne!(cards[0].0, cards[1].0);
        assert_eq!(cards[2].0, "", "the Markdown site is about no request");
        let first = &html[html.find("<details class=\"file req\"").unwrap()..];
        let first = &first[..first.find("</details>").unwrap()];
        assert!(
            first.contains("title=\"repo/requests/a.json\">requests/a.json:2<"),
            "{first}"
        );
        assert!(first.contains("<b>What blocks it:</b>"), "{first}");
        assert!(first.contains("<span class=\"rule\">n-parameter</span> n-parameter finding"));
        assert!(first.contains("the request also needs <code>n-parameter</code>"));
        assert_eq!(first.matches("<div class=\"finding\"").count(), 3);
        assert!(
            html.contains("All 3 requests with their 7 findings"),
            "{html}"
        );
    }

    #[test]
    fn a_large_report_shows_the_first_cards_and_counts_the_rest() {
        // MAX_CARDS + 10 requests of one finding each, every tenth needing a person.
        let src: Arc<str> = Arc::from("x = 1\n".repeat(by_request::MAX_CARDS + 10).as_str());
        let ms: Vec<Message> = (0..by_request::MAX_CARDS + 10)
            .map(|i| {
                let person = i % 10 == 0;
                let mut m = msg(
                    &format!("src/f{i:04}.py"),
                    &src,
                    "x",
                    if person { "n-parameter" } else { REQUEST_RULE },
                    if person {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    if person {
                        FixStatus::None
                    } else {
                        FixStatus::Safe
                    },
                );
                m.request = Some((Span::new(0, 5), vec![]));
                m
            })
            .collect();
        let page = html_with_details(&ms, "t", Some("r.findings.json"));
        let cards = cards(&page);
        assert_eq!(cards.len(), by_request::MAX_CARDS);
        // Those that need a person come first.
        assert!(cards[..26].iter().all(|c| c.1 == "person"), "{cards:?}");
        assert!(cards[26..].iter().all(|c| c.1 == "safe"));
        assert!(page.contains(&format!(
            "data-total-findings=\"{}\" data-total-requests=\"{}\" data-shown-requests=\"{}\"",
            ms.len(),
            ms.len(),
            by_request::MAX_CARDS
        )));
        assert!(page.contains("<a href=\"r.findings.json\" data-details>"));
        // Without a file beside it (the page on standard output), the page says how to get one.
        let alone = html(&ms, "t");
        assert!(alone.contains("<code>responsify report -o report.html</code>"));
        assert!(!alone.contains("data-details"));
        // The table of files is capped too.
        assert_eq!(page.matches("<tr><td><span title=").count(), MAX_FILE_ROWS);
        // The details file has every request and finding.
        let details: serde_json::Value = serde_json::from_str(&details::json(&ms)).unwrap();
        assert_eq!(details["findings"], ms.len());
        let all = details["by_request"].as_array().unwrap();
        assert_eq!(all.len(), ms.len());
        assert_eq!(all[0]["status"], "person");
        assert_eq!(all[0]["blocked_by"][0]["rule"], "n-parameter");
        assert_eq!(all[0]["findings"][0]["rule"], "n-parameter");
    }

    #[test]
    fn the_reasons_table_lists_the_most_common_and_sums_the_rest() {
        let src: Arc<str> = Arc::from("x = 1\n");
        let ms: Vec<Message> = (0..MAX_REASONS + 5)
            .map(|i| {
                let why = format!("the request also needs `n-parameter` (line {i})");
                msg(
                    "a.py",
                    &src,
                    "x",
                    REQUEST_RULE,
                    Severity::Warning,
                    FixStatus::Blocked(why),
                )
            })
            .collect();
        let page = html(&ms, "t");
        let table = &page[page.find("data-table=\"blocked\"").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert_eq!(table.matches("<tr><td>").count(), MAX_REASONS + 1);
        assert!(table.contains("<tr><td>(5 more reasons)</td><td class=\"num\">5</td>"));
    }

    /// The `<svg ...>...</svg>` element with this data-chart.
    fn chart<'h>(html: &'h str, name: &str) -> &'h str {
        let marker = format!("data-chart=\"{name}\"");
        let at = html
            .find(&marker)
            .unwrap_or_else(|| panic!("no chart {name}"));
        let start = html[..at].rfind("<svg").unwrap();
        let end = at + html[at..].find("</svg>").unwrap() + "</svg>".len();
        &html[start..end]
    }

    /// `(data-bar, width)` of each bar in a chart.
    fn bars(svg: &str) -> Vec<(String, f64)> {
        svg.match_indices("<rect data-bar=\"")
            .map(|(i, m)| {
                let rest = &svg[i + m.len()..];
                let key = rest[..rest.find('"').unwrap()].to_string();
                let tag = &rest[..rest.find('>').unwrap()];
                let w = tag.split(" width=\"").nth(1).unwrap();
                // Bar charts give user units, the 100% bars percentages.
                let w: f64 = w[..w.find('"').unwrap()]
                    .trim_end_matches('%')
                    .parse()
                    .unwrap();
                (key, w)
            })
            .collect()
    }

    #[test]
    fn classifies_fixability() {
        let ms = sample();
        let got: Vec<_> = ms.iter().map(|m| Fixability::of(m).key()).collect();
        assert_eq!(
            got,
            ["person", "person", "person", "safe", "safe", "unsafe", "reported"]
        );
    }

    #[test]
    fn html_has_headline_numbers() {
        let html = html(&sample(), "Acme migration");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<title>Acme migration</title>"));
        // 7 findings; sites: 2 requests + 1 flagged; 3 files.
        assert!(html.contains("<span class=\"n\">7</span><span class=\"l\">findings</span>"));
        assert!(html.contains(
            "<span class=\"n\">3</span><span class=\"l\">requests &amp; flagged sites</span>"
        ));
        assert!(html.contains("<span class=\"n\">3</span><span class=\"l\">files touched</span>"));
        assert!(html.contains("<span class=\"n\">3</span><span class=\"l\">need a person</span>"));
    }

    #[test]
    fn one_bar_per_rule() {
        let html = html(&sample(), "t");
        let got = bars(chart(&html, "by-rule"));
        let mut keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "chat-completions-request",
                "choices-read",
                "messages-to-input",
                "n-parameter",
                "third-party-endpoint"
            ]
        );
        assert!(got.iter().all(|(_, w)| *w > 0.0));
        // The longest bar is the most frequent rule.
        let widest = got.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert!(["chat-completions-request", "messages-to-input"].contains(&widest.0.as_str()));
    }

    #[test]
    fn charts_by_directory_language_and_fixability() {
        let html = html(&sample(), "t");
        let dirs: Vec<String> = bars(chart(&html, "by-dir"))
            .into_iter()
            .map(|b| b.0)
            .collect();
        assert_eq!(dirs, ["requests/", "src/", "docs/"]);
        let langs: Vec<String> = bars(chart(&html, "by-language"))
            .into_iter()
            .map(|b| b.0)
            .collect();
        assert_eq!(langs, ["JSON", "Python", "Markdown"]);
        let fix = bars(chart(&html, "fixability"));
        let keys: Vec<&str> = fix.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(keys, ["safe", "unsafe", "person", "reported"]);
        let sum: f64 = fix.iter().map(|b| b.1).sum();
        assert!((sum - 100.0).abs() < 0.1, "{sum}");
        assert!(chart(&html, "fixability").contains("data-bar=\"person\" data-count=\"3\""));
        // Sites: the JSON request (blocked), the Python request (safe), the flagged site.
        let sites = chart(&html, "requests");
        assert!(sites.contains("data-bar=\"person\" data-count=\"1\""));
        assert!(sites.contains("data-bar=\"safe\" data-count=\"1\""));
        assert!(sites.contains("data-bar=\"reported\" data-count=\"1\""));
    }

    #[test]
    fn what_blocks_the_rest() {
        let html = html(&sample(), "t");
        let errors = &html[html.find("data-table=\"error-rules\"").unwrap()..];
        let errors = &errors[..errors.find("</table>").unwrap()];
        // The rule, 1 finding in 1 file; no help on the hand-made finding: the rule's summary.
        assert!(errors
            .contains(">n-parameter</a></td><td class=\"num\">1</td><td class=\"num\">1</td>"));
        assert!(errors.contains("has no Responses equivalent"), "{errors}");
        let blocked = &html[html.find("data-table=\"blocked\"").unwrap()..];
        let row = &blocked[..blocked.find("</tr></tbody>").unwrap_or(blocked.len())];
        assert!(row.contains("the request also needs <code>n-parameter</code>"));
        // 1 request, 2 findings held back, 1 file.
        assert!(row
            .contains("<td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td>"));
        assert!(html.contains("data-table=\"flagged\""));
        let md = markdown(&sample(), "t");
        assert!(md.contains("| the request also needs `n-parameter` | 1 | 2 | 1 |"));
        assert!(md.contains("| `n-parameter` | 1 | 1 |"));
    }

    #[test]
    fn escapes_everything_from_messages() {
        let src: Arc<str> = Arc::from("x = \"<script>alert(1)</script>\"\n");
        let mut m = msg(
            "evil/<img src=x>.py",
            &src,
            "<script>alert(1)</script>",
            "unknown-parameter",
            Severity::Error,
            FixStatus::None,
        );
        m.message = "bad <script>alert('m')</script> & `<b>code</b>`".into();
        m.help = Some("<script>help()</script>".into());
        let ms = vec![m.clone(), {
            let mut b = m.clone();
            b.status = FixStatus::Blocked("<script>why()</script>".into());
            b.rule = "messages-to-input";
            b
        }];
        let html = html(&ms, "<script>title()</script>");
        assert!(!html.contains("<script"), "unescaped script tag");
        assert!(!html.contains("<img"), "unescaped path");
        assert!(!html.contains("<b>code"));
        assert!(html.contains("&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;"));
        assert!(html.contains("<code>&lt;b&gt;code&lt;/b&gt;</code>"));
        assert!(html.contains("<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>"));
        assert!(html.contains("evil/&lt;img src=x&gt;.py"));
        // Nothing that loads anything.
        assert!(!html.contains("src=\"http"));
        assert!(!html.contains("href=\"http"));
        assert!(!html.contains("@import"));
        let md = markdown(&ms, "t");
        // Outside code (where `<` is literal text), no HTML gets through.
        let mut prose = String::new();
        let mut fenced = false;
        for line in md.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            } else if !fenced {
                let mut in_code = false;
                for (i, part) in line.split('`').enumerate() {
                    in_code = i % 2 == 1;
                    if !in_code {
                        prose.push_str(part);
                    }
                }
                assert!(!in_code);
                prose.push('\n');
            }
        }
        assert!(!prose.contains('<'), "{prose}");
        assert!(md.contains("bad &lt;script&gt;alert('m')&lt;/script&gt; &amp; `<b>code</b>`"));
    }

    #[test]
    fn code_frames_number_lines_and_highlight_the_span() {
        let html = html(&sample(), "t");
        assert!(html.contains(
            "<div class=\"line hit\"><span class=\"ln\">4</span><code><mark>r.choices[0].message.content</mark>"
        ) || html.contains("<span class=\"ln\">4</span><code>print(<mark>r.choices[0].message.content</mark>)"));
        assert!(html.contains("<span class=\"ln\">3</span><code>  &quot;messages&quot;"));
        assert!(html.contains("<mark>&quot;n&quot;: 2</mark>"));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!(
            "{{\"custom_id\": \"a\", \"body\": {{{}\"n\": 3}}}}\n",
            "\"x\": 1, ".repeat(200)
        );
        let src: Arc<str> = Arc::from(line.as_str());
        let m = msg(
            "b.jsonl",
            &src,
            "\"n\": 3",
            "n-parameter",
            Severity::Error,
            FixStatus::None,
        );
        let lines = frame(&m).unwrap();
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        assert!(l.cut_left && !l.cut_right);
        let text: String = l.pieces.iter().map(|p| p.0.as_str()).collect();
        assert!(text.chars().count() <= MAX_COLUMNS);
        assert!(l.pieces.iter().any(|p| p.1 && p.0 == "\"n\": 3"));
    }

    #[test]
    fn long_spans_are_elided() {
        let src: String = (1..=40).map(|i| format!("line {i}\n")).collect();
        let src: Arc<str> = Arc::from(src.as_str());
        let mut m = msg(
            "a.py",
            &src,
            "line 3",
            REQUEST_RULE,
            Severity::Warning,
            FixStatus::Safe,
        );
        m.span.end = src.find("line 30").unwrap() + 7;
        let lines = frame(&m).unwrap();
        let numbers: Vec<Option<usize>> = lines.iter().map(|l| l.number).collect();
        assert_eq!(
            numbers,
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                None,
                Some(28),
                Some(29),
                Some(30),
                Some(31),
                Some(32)
            ]
        );
        assert_eq!(lines[6].elided, 28 - 6 - 1);
    }

    #[test]
    fn empty_span_gets_a_caret() {
        let src: Arc<str> = Arc::from("abc\ndef\n");
        let mut m = msg(
            "a.py",
            &src,
            "e",
            "unseen-uses",
            Severity::Info,
            FixStatus::None,
        );
        m.span.end = m.span.start;
        let html = html(&[m], "t");
        assert!(
            html.contains("<code>d<span class=\"caret\"></span>ef</code>"),
            "{html}"
        );
    }

    #[test]
    fn notebook_cells_count_as_their_notebook() {
        let src: Arc<str> = Arc::from("client.chat.completions.create()\n");
        let a = msg(
            "nb/x.ipynb:cell 1",
            &src,
            "create",
            REQUEST_RULE,
            Severity::Warning,
            FixStatus::Safe,
        );
        let b = msg(
            "nb/x.ipynb:cell 4",
            &src,
            "create",
            REQUEST_RULE,
            Severity::Warning,
            FixStatus::Safe,
        );
        let html = html(&[a, b], "t");
        assert!(html.contains("<span class=\"n\">1</span><span class=\"l\">files touched</span>"));
        let langs = bars(chart(&html, "by-language"));
        assert_eq!(langs.len(), 1);
        assert_eq!(langs[0].0, "Python");
    }

    #[test]
    fn no_findings() {
        let html = html(&[], "t");
        for c in ["by-rule", "by-dir", "by-language", "fixability"] {
            assert!(bars(chart(&html, c)).is_empty());
        }
        assert!(html.contains("Nothing left to migrate"));
        assert!(markdown(&[], "t").contains("Nothing left to migrate."));
    }

    #[test]
    fn markdown_tables() {
        let md = markdown(&sample(), "Acme | migration");
        assert!(md.starts_with("# Acme \\| migration\n"));
        assert!(md.contains("| Findings | 7 |"));
        assert!(md.contains("| Requests & flagged sites | 3 (2 to migrate, 1 flagged) |"));
        assert!(md.contains("| Files touched | 3 |"));
        // One row per rule, most frequent first (ties by name).
        let rows: Vec<&str> = md
            .lines()
            .skip_while(|l| *l != "## Findings per rule")
            .skip(4)
            .take_while(|l| l.starts_with('|'))
            .collect();
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert!(rows[0].starts_with("| `chat-completions-request` | 2 | 1 | 0 | 1 | 0 | 2 |"));
        assert!(rows[1].starts_with("| `messages-to-input` | 2 | 0 | 1 | 1 | 0 | 2 |"));
        assert!(md.contains("| JSON | 3 |"));
        assert!(md.contains("| `requests/` | 3 |"));
        assert!(md.contains("### `src/app.py` (3 findings)"));
        assert!(md.contains(
            "  >4 │ print(r.choices[0].message.content)\n     │       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        ), "{md}");
    }

    #[test]
    fn numbers_are_grouped() {
        let got: Vec<String> = [0, 7, 999, 1000, 22015, 1234567]
            .into_iter()
            .map(|n| Num(n).to_string())
            .collect();
        assert_eq!(got, ["0", "7", "999", "1,000", "22,015", "1,234,567"]);
    }

    #[test]
    fn markdown_code_spans_survive_backticks() {
        assert_eq!(md_code("a`b", false), "``a`b``");
        assert_eq!(md_code("`a", false), "`` `a ``");
        assert_eq!(
            md_text("use `x|y` or <b>", true),
            "use `x\\|y` or &lt;b&gt;"
        );
        assert_eq!(md_text("odd ` tick", false), "odd \\` tick");
    }

    /// The report of the bundled examples, through the real engine. With
    /// `RESPONSIFY_REPORT_PREVIEW=DIR` it also writes `report.html` and `report.md` there (for
    /// looking at the page while working on it).
    #[test]
    fn report_of_the_examples() {
        use crate::settings::Settings;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let settings = Settings::default();
        let mut messages = Vec::new();
        let mut stack = vec![root.join("examples")];
        let mut files = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        for path in files {
            let Some(fe) = crate::frontend::for_path(&path) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(checked) = crate::engine::check(fe, &text, &settings) else {
                continue;
            };
            let shown = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let source: Arc<str> = Arc::from(text);
            messages.extend(crate::report::messages(&shown, &source, checked.findings));
        }
        assert!(!messages.is_empty());
        let page = html(&messages, "Example repo");
        let rules: BTreeSet<&str> = messages.iter().map(|m| m.rule).collect();
        assert_eq!(bars(chart(&page, "by-rule")).len(), rules.len());
        let md = markdown(&messages, "Example repo");
        if let Some(dir) = std::env::var_os("RESPONSIFY_REPORT_PREVIEW") {
            let dir = std::path::PathBuf::from(dir);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("report.html"), &page).unwrap();
            std::fs::write(dir.join("report.md"), &md).unwrap();
        }
    }
}
