//! Jupyter notebooks, above the engine: code cells checked through the Python front end.
//!
//! The code cells are joined into one Python document, so a call in one cell and the reads
//! of its result in later cells form one unit, as they do when the notebook runs. IPython
//! magics and shell lines (`%pip`, `!ls`, `%%bash` cells) are commented out for parsing and
//! restored afterwards. Only the `source` of a changed cell is rewritten, in the list-of-lines
//! layout it had; outputs, metadata and every other byte of the notebook stay as they were.
//! The language server, which gets a notebook's cells as separate documents and never its
//! file, checks them through [`check_cells`] and [`fix_unit_in_cells`], the same lifting.

use crate::edit::{self, Edit};
use crate::engine::{self, CheckError, Finding};
use crate::frontend::json::{json_string, parse_value};
use crate::frontend::python::PYTHON;
use crate::frontend::SyntaxError;
use crate::model::{Kind, Span, Value};
use crate::settings::Settings;

/// Put between cells in the joined document; a comment, so no fix ever touches it.
const BOUNDARY: &str = "#responsify:cell-boundary\n";

/// Put before a magic or shell line to make it a comment for parsing.
const MAGIC: &str = "#responsify-magic:";

/// One code cell.
pub struct Cell {
    /// 1-based position among all cells, as Jupyter numbers them.
    pub number: usize,
    /// The `source` value in the notebook file.
    source: Value,
    /// The cell's code.
    pub text: String,
}

/// The code cells of a notebook.
pub fn cells(text: &str) -> Result<Vec<Cell>, SyntaxError> {
    let whole = Span::new(0, 0);
    let Some(root) = parse_value(text, 0)? else {
        return Err(SyntaxError::refusal(
            "not a Jupyter notebook (the file holds no JSON value)",
            whole,
        ));
    };
    // nbformat 3 and before kept cells under `worksheets`; reading them as version 4 would
    // find nothing and say nothing.
    let version = root.get("nbformat").and_then(|v| match &v.kind {
        Kind::Num(n) => n.parse::<f64>().ok(),
        _ => None,
    });
    if let Some(v) = version.filter(|v| *v < 4.0) {
        return Err(SyntaxError::refusal(
            format!(
                "a version {v} notebook: responsify reads nbformat 4 and later (`jupyter nbconvert --to notebook` upgrades it)"
            ),
            whole,
        ));
    }
    let Some(all) = root.get("cells").and_then(Value::as_list) else {
        let why = if root.get("worksheets").is_some() {
            "an nbformat 3 notebook (cells under `worksheets`): responsify reads nbformat 4 and later (`jupyter nbconvert --to notebook` upgrades it)"
        } else {
            "not a Jupyter notebook (no `cells` list)"
        };
        return Err(SyntaxError::refusal(why, whole));
    };
    let mut out = Vec::new();
    // A TypeScript, C# or R notebook holds no Python: nothing here to read.
    if kernel_language(&root).is_some_and(|l| l != "python" && l != "python3") {
        return Ok(out);
    }
    for (i, cell) in all.iter().enumerate() {
        if cell.get("cell_type").and_then(Value::as_str) != Some("code") {
            continue;
        }
        let Some(source) = cell.get("source") else {
            continue;
        };
        let text = match &source.kind {
            Kind::Str(s) => s.clone(),
            Kind::List(lines) => lines.iter().filter_map(Value::as_str).collect(),
            _ => continue,
        };
        out.push(Cell {
            number: i + 1,
            source: source.clone(),
            text,
        });
    }
    Ok(out)
}

fn is_magic(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('%') || t.starts_with('!') || (t.ends_with('?') && !t.starts_with('#'))
}

/// The cell as Python: magic and shell lines become comments (a `%%` cell entirely, and a
/// shell line's `\` continuation lines with it). A cell that still does not parse (another
/// kernel's syntax, a half-written cell) is commented out whole: the notebook's other cells
/// are still checked.
pub fn as_python(cell: &str) -> String {
    let whole = cell.trim_start().starts_with("%%");
    let mut continued = false;
    let python: String = cell
        .split_inclusive('\n')
        .map(|line| {
            let magic = whole || continued || is_magic(line);
            continued = magic && line.trim_end().ends_with('\\');
            if magic {
                format!("{MAGIC}{line}")
            } else {
                line.to_string()
            }
        })
        .collect();
    if ruff_python_parser::parse_module(&python).is_ok() {
        return python;
    }
    cell.split_inclusive('\n')
        .map(|line| format!("{MAGIC}{line}"))
        .collect()
}

/// The notebook's kernel language, when its metadata names one.
fn kernel_language(root: &Value) -> Option<String> {
    let metadata = root.get("metadata")?;
    let named = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_ascii_lowercase);
    named(metadata.get("kernelspec").and_then(|k| k.get("language")))
        .or_else(|| named(metadata.get("language_info").and_then(|l| l.get("name"))))
}

/// Where byte `at` of a cell's Python (magic lines commented out) is in the restored code:
/// before it by every magic prefix that precedes it (a place inside a prefix is its line's
/// start).
fn restored_offset(python: &str, at: usize) -> usize {
    let mut removed = 0;
    let mut line_start = 0;
    for line in python.split_inclusive('\n') {
        if line_start >= at {
            break;
        }
        if line.starts_with(MAGIC) {
            removed += (at - line_start).min(MAGIC.len());
        }
        line_start += line.len();
    }
    at - removed
}

fn restore(python: &str) -> String {
    python
        .split_inclusive('\n')
        .map(|line| line.strip_prefix(MAGIC).unwrap_or(line))
        .collect()
}

/// A checked notebook: findings per cell (spans within the cell's code), and the fixed file.
pub struct Checked {
    pub cells: Vec<(usize, String, Vec<Finding>)>,
    /// For each of `cells`, the 1-based line of the notebook file that holds each line of
    /// the cell's code (the line of its string in `source`).
    pub file_lines: Vec<Vec<usize>>,
    pub fixed: Option<String>,
    pub fixed_count: usize,
}

pub fn check(text: &str, settings: &Settings) -> Result<Checked, CheckError> {
    // A byte order mark is no JSON: read the notebook after it and keep it in the output.
    // Positions (syntax errors included) count from after it, as in `engine::check`.
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let cells = cells(text).map_err(CheckError::Syntax)?;
    let sources: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    let checked = check_cells(&sources, settings)?;
    let per_cell: Vec<(usize, String, Vec<Finding>)> = cells
        .iter()
        .zip(checked.cells)
        .map(|(cell, (code, findings))| (cell.number, code, findings))
        .collect();
    let file_lines = cells.iter().map(|c| source_lines(text, c)).collect();
    let mut edits = Vec::new();
    for (cell, (_, code, _)) in cells.iter().zip(&per_cell) {
        if *code != cell.text {
            let at = cell.source.span.expect("lifted from the file");
            edits.push(Edit::replace(at, encode(text, &cell.source, code)));
        }
    }
    let fixed = if edits.is_empty() {
        None
    } else {
        let edits = edit::normalize(edits).map_err(CheckError::FixFailed)?;
        let out = edit::apply(text, &edits);
        serde_json::from_str::<serde_json::Value>(&out)
            .map_err(|e| CheckError::FixFailed(format!("the fixed notebook is not JSON ({e})")))?;
        Some(format!("{bom}{out}"))
    };
    Ok(Checked {
        cells: per_cell,
        file_lines,
        fixed,
        fixed_count: checked.fixed_count,
    })
}

/// Code cells checked as one notebook, given their sources rather than the notebook file: an
/// editor holds a notebook's cells as separate documents and never sends the `.ipynb` JSON.
pub struct CheckedCells {
    /// For each source given, in order: its code after the fixes (the source itself when
    /// nothing changed it) and its findings, spans within that code.
    pub cells: Vec<(String, Vec<Finding>)>,
    pub fixed_count: usize,
}

/// Check code cells (their sources, in notebook order) as `check` checks a notebook's: one
/// Python document, so a request's findings may fall in several cells. A finding's `unit`
/// numbers the requests of all the cells together, as [`fix_unit_in_cells`] takes it.
pub fn check_cells(sources: &[&str], settings: &Settings) -> Result<CheckedCells, CheckError> {
    let document = joined(sources);
    let checked = engine::check(&PYTHON, &document, &showing_code(settings))?;
    split(sources, &document, checked)
}

/// Fix only request `unit` of the cells (the whole migration unit or nothing, as
/// [`engine::fix_unit`]): the editor's quick fix for a request in a notebook, whose edit
/// may change several cells.
pub fn fix_unit_in_cells(
    sources: &[&str],
    settings: &Settings,
    unit: usize,
) -> Result<CheckedCells, CheckError> {
    let document = joined(sources);
    let checked = engine::fix_unit(&PYTHON, &document, &showing_code(settings), unit)?;
    split(sources, &document, checked)
}

/// A notebook's cells are a document that shows code (see `Settings::shows_code`).
fn showing_code(settings: &Settings) -> Settings {
    let mut settings = settings.clone();
    settings.shows_code = true;
    settings
}

/// The cells as one Python document, magics commented out, a boundary after each cell.
fn joined(sources: &[&str]) -> String {
    let mut document = String::new();
    for source in sources {
        document.push_str(&as_python(source));
        if !document.ends_with('\n') {
            document.push('\n');
        }
        document.push_str(BOUNDARY);
    }
    document
}

/// The engine's result on the joined `document`, back in the cells: each cell's code, magics
/// restored, and its findings moved into it.
fn split(
    sources: &[&str],
    document: &str,
    checked: engine::Checked,
) -> Result<CheckedCells, CheckError> {
    let after = checked
        .fixed
        .clone()
        .unwrap_or_else(|| document.to_string());
    let pieces: Vec<&str> = after.split(BOUNDARY).collect();
    if pieces.len() != sources.len() + 1 {
        return Err(CheckError::FixFailed(
            "a fix crossed a cell boundary".into(),
        ));
    }
    // Where each cell starts in the fixed document, to place findings in their cell.
    let mut starts = Vec::new();
    let mut at = 0;
    for piece in &pieces[..sources.len()] {
        starts.push(at);
        at += piece.len() + BOUNDARY.len();
    }
    let mut per_cell: Vec<(String, Vec<Finding>)> = sources
        .iter()
        .zip(&pieces)
        .map(|(source, piece)| {
            let mut code = restore(piece);
            if !source.ends_with('\n') && code.ends_with('\n') {
                code.pop();
            }
            (code, Vec::new())
        })
        .collect();
    // Where each cell starts in the document the edits for display were lowered in: a
    // cell's edits are shown in its code when parsing did not change it (no magics).
    let mut document_starts = Vec::new();
    let mut at = 0;
    for piece in document.split(BOUNDARY).take(sources.len()) {
        document_starts.push((at, piece.len()));
        at += piece.len() + BOUNDARY.len();
    }
    for mut finding in checked.findings {
        let span = finding.diagnostic.span;
        let Some(i) = starts.iter().rposition(|s| *s <= span.start) else {
            continue;
        };
        // In the cell's Python, then in its code: magic lines are shorter there.
        let piece = pieces[i];
        let in_code = |at: usize| restored_offset(piece, at.saturating_sub(starts[i]));
        finding.diagnostic.span = Span::new(
            in_code(span.start).min(per_cell[i].0.len()),
            in_code(span.end).min(per_cell[i].0.len()),
        );
        let (start, len) = document_starts[i];
        let unchanged = checked.fixed.is_none() && as_python(sources[i]) == sources[i];
        let inside = finding
            .edits
            .iter()
            .all(|e| e.span.start >= start && e.span.end <= start + len);
        if unchanged && inside {
            for e in &mut finding.edits {
                e.span = Span::new(e.span.start - start, e.span.end - start);
            }
        } else {
            finding.edits.clear();
        }
        if let Some((request, _)) = &mut finding.request {
            *request = Span::new(in_code(request.start), in_code(request.end));
        }
        per_cell[i].1.push(finding);
    }
    Ok(CheckedCells {
        cells: per_cell,
        fixed_count: checked.fixed_count,
    })
}

/// The line of the notebook file each line of the cell's code is written on.
fn source_lines(text: &str, cell: &Cell) -> Vec<usize> {
    let line_of = |at: usize| edit::line_col(text, at).0;
    let count = cell.text.split_inclusive('\n').count().max(1);
    match &cell.source.kind {
        Kind::List(items) => {
            let mut lines = Vec::with_capacity(count);
            for item in items {
                let (Some(s), Some(span)) = (item.as_str(), item.span) else {
                    continue;
                };
                // A list element may hold several lines (or end without one).
                let starts = 1 + s.matches('\n').count() - usize::from(s.ends_with('\n'));
                let started = !lines.is_empty() && !lines_end_with_newline(items, item);
                for k in 0..starts {
                    if k == 0 && started {
                        continue;
                    }
                    lines.push(line_of(span.start));
                }
            }
            lines.resize(count, lines.last().copied().unwrap_or(1));
            lines
        }
        _ => vec![cell.source.span.map_or(1, |s| line_of(s.start)); count],
    }
}

/// Whether the element before `item` in `items` ended its line.
fn lines_end_with_newline(items: &[Value], item: &Value) -> bool {
    let position = items
        .iter()
        .position(|i| std::ptr::eq(i, item))
        .unwrap_or(0);
    position == 0
        || items[position - 1]
            .as_str()
            .is_none_or(|s| s.ends_with('\n'))
}

/// A cell's new `source`, in the layout the old one had: one string, or a list of lines
/// with the old list's separators and indentation.
fn encode(text: &str, old: &Value, code: &str) -> String {
    let Kind::List(lines) = &old.kind else {
        return json_string(code);
    };
    let span = old.span.expect("lifted from the file");
    let spans: Vec<Span> = lines.iter().filter_map(|l| l.span).collect();
    let (open, separator, close) = match spans.as_slice() {
        [first, second, ..] => (
            &text[span.start + 1..first.start],
            &text[first.end..second.start],
            &text[spans.last().unwrap().end..span.end - 1],
        ),
        [only] => (
            &text[span.start + 1..only.start],
            ",\n",
            &text[only.end..span.end - 1],
        ),
        [] => ("", ", ", ""),
    };
    let separator = if spans.len() == 1 {
        format!(",{}", &open[open.find('\n').unwrap_or(open.len())..])
    } else {
        separator.to_string()
    };
    let items: Vec<String> = code.split_inclusive('\n').map(json_string).collect();
    format!("[{open}{}{close}]", items.join(&separator))
}
