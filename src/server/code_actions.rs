//! Quick fixes (one per request, the whole unit's edit), fix-all, and suppressions, for a
//! document or a notebook cell.

use super::diagnostics::Report;
use super::positions::Lines;
use crate::engine::{self, Finding, FixStatus};
use crate::frontend::FrontEnd;
use crate::notebook;
use crate::settings::Settings;
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

pub const FIX_ALL: &str = "source.fixAll.responsify";
pub const MIGRATE: &str = "Migrate to the Responses API";

/// Does an action of `kind` answer a request for `only` (`None`: any kind)?
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        })
    })
}

/// The edits that turn `old` into `new`, line by line.
pub fn text_edits(old: &str, new: &str) -> Vec<TextEdit> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut old_at = vec![0usize];
    for l in &old_lines {
        old_at.push(old_at.last().copied().unwrap_or(0) + l.len());
    }
    let lines = Lines::new(old);
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_lines, &new_lines);
    let mut edits = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        edits.push(TextEdit {
            range: lines.range(old, old_at[o.start], old_at[o.end]),
            new_text: new_lines[n].concat(),
        });
    }
    edits
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// What the fixes rewrite: one document, or a notebook's Python cells (checked together, so
/// one request's fix may edit several cells: the edit then spans their documents).
pub enum Texts<'a> {
    Document {
        uri: &'a Uri,
        front_end: &'static dyn FrontEnd,
        text: &'a str,
    },
    Cells(Vec<(&'a Uri, &'a str)>),
}

impl Texts<'_> {
    /// The edit migrating request `unit` under `settings`, if the fix applies.
    fn fix_unit(&self, settings: &Settings, unit: usize) -> Option<WorkspaceEdit> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match self {
            Texts::Document {
                uri,
                front_end,
                text,
            } => {
                let new = engine::fix_unit(*front_end, text, settings, unit)
                    .ok()?
                    .fixed?;
                Some(workspace_edit(uri, text_edits(text, &new)))
            }
            Texts::Cells(cells) => {
                let sources: Vec<&str> = cells.iter().map(|(_, text)| *text).collect();
                let fixed = notebook::fix_unit_in_cells(&sources, settings, unit).ok()?;
                self.cell_edits(fixed)
            }
        }))
        .ok()
        .flatten()
    }

    /// The edit applying every safe fix, if there is one.
    fn fix_all(&self, settings: &Settings) -> Option<WorkspaceEdit> {
        let mut settings = settings.clone();
        settings.fix = true;
        settings.unsafe_fixes = false;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match self {
            Texts::Document {
                uri,
                front_end,
                text,
            } => {
                let new = engine::check(*front_end, text, &settings).ok()?.fixed?;
                Some(workspace_edit(uri, text_edits(text, &new)))
            }
            Texts::Cells(cells) => {
                let sources: Vec<&str> = cells.iter().map(|(_, text)| *text).collect();
                self.cell_edits(notebook::check_cells(&sources, &settings).ok()?)
            }
        }))
        .ok()
        .flatten()
    }

    /// The edits of every cell the fix changed, by cell document; `None` when none changed.
    fn cell_edits(&self, fixed: notebook::CheckedCells) -> Option<WorkspaceEdit> {
        let Texts::Cells(cells) = self else {
            return None;
        };
        // Built in place: `changes` is keyed by `Uri`, which clippy takes for a mutable key.
        let edit = WorkspaceEdit {
            changes: Some(
                cells
                    .iter()
                    .zip(fixed.cells)
                    .filter(|((_, old), (new, _))| old != new)
                    .map(|((uri, old), (new, _))| ((*uri).clone(), text_edits(old, &new)))
                    .collect(),
            ),
            ..WorkspaceEdit::default()
        };
        edit.changes
            .as_ref()
            .is_some_and(|changes| !changes.is_empty())
            .then_some(edit)
    }
}

/// The document the actions are asked for (a notebook cell, for a notebook).
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub report: &'a Report,
    /// The report's findings as LSP diagnostics, in the same order.
    pub diagnostics: &'a [Diagnostic],
    /// The comment that starts a suppression in its language, if it has comments.
    pub comment: Option<&'static str>,
    /// The findings of the notebook's other cells (none for a document): a request's
    /// findings there decide its fix too.
    pub elsewhere: &'a [&'a Finding],
}

/// The comment that starts a suppression in the file `name`, if its language has comments.
pub fn comment_marker(name: &std::path::Path) -> Option<&'static str> {
    match name.extension()?.to_str()? {
        "py" | "pyi" => Some("#"),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" | "rs" => Some("//"),
        _ => None,
    }
}

/// The code actions for `range` of the target; `texts` is what its fixes rewrite.
pub fn actions(
    target: &Target,
    texts: &Texts,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeAction> {
    let Target {
        uri,
        text,
        report,
        diagnostics,
        comment,
        elsewhere,
    } = *target;
    if report.front_end.is_none() {
        return Vec::new();
    }
    let lines = Lines::new(text);
    let (start, end) = (
        lines.offset(text, range.start),
        lines.offset(text, range.end),
    );
    let touched: Vec<usize> = (0..report.findings.len())
        .filter(|&i| {
            let s = report.findings[i].diagnostic.span;
            s.start <= end && start <= s.end
        })
        .collect();
    let mut out = Vec::new();
    if wanted(only, "quickfix") {
        let mut units: Vec<usize> = touched
            .iter()
            .filter_map(|&i| report.findings[i].diagnostic.unit)
            .collect();
        units.sort_unstable();
        units.dedup();
        for unit in units {
            let of_unit: Vec<usize> = (0..report.findings.len())
                .filter(|&i| report.findings[i].diagnostic.unit == Some(unit))
                .collect();
            let of_unit_elsewhere = elsewhere.iter().filter(|f| f.diagnostic.unit == Some(unit));
            let statuses: Vec<&FixStatus> = of_unit
                .iter()
                .map(|&i| &report.findings[i].status)
                .chain(of_unit_elsewhere.clone().map(|f| &f.status))
                .collect();
            // Display-only and blocked requests get no edit: the hover says what holds them.
            if statuses.iter().any(|s| matches!(s, FixStatus::Blocked(_)))
                || !statuses
                    .iter()
                    .any(|s| matches!(s, FixStatus::Safe | FixStatus::Unsafe))
            {
                continue;
            }
            let unsafe_rules: Vec<&str> = of_unit
                .iter()
                .map(|&i| &report.findings[i])
                .chain(of_unit_elsewhere.copied())
                .filter(|f| f.status == FixStatus::Unsafe)
                .map(|f| f.diagnostic.rule)
                .collect();
            let mut settings = report.settings.clone();
            settings.unsafe_fixes = !unsafe_rules.is_empty();
            let Some(edit) = texts.fix_unit(&settings, unit) else {
                continue;
            };
            let title = if unsafe_rules.is_empty() {
                MIGRATE.to_string()
            } else {
                // Each rule once, in the order of its first finding.
                let mut rules: Vec<&str> = Vec::new();
                for rule in &unsafe_rules {
                    if !rules.contains(rule) {
                        rules.push(rule);
                    }
                }
                format!("{MIGRATE} (unsafe: {})", rules.join(", "))
            };
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(of_unit.iter().map(|&i| diagnostics[i].clone()).collect()),
                edit: Some(edit),
                is_preferred: Some(unsafe_rules.is_empty()),
                ..CodeAction::default()
            });
        }
        if let Some(marker) = comment {
            let mut seen = Vec::new();
            for &i in &touched {
                let d = &report.findings[i].diagnostic;
                if d.rule == "unused-suppression" {
                    continue;
                }
                let line_no = lines.position(text, d.span.start).line;
                if seen.contains(&(d.rule, line_no)) {
                    continue;
                }
                seen.push((d.rule, line_no));
                let line_start = lines.offset(text, Position::new(line_no, 0));
                let indent = crate::edit::indentation_at(text, line_start);
                let eol = crate::edit::line_ending(text);
                let comment = format!(
                    "{indent}{marker} responsify: ignore[{}] -- TODO: say why{eol}",
                    d.rule
                );
                let at = Position::new(line_no, 0);
                out.push(CodeAction {
                    title: format!("Suppress `{}` on this line with a reason", d.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostics[i].clone()]),
                    edit: Some(workspace_edit(
                        uri,
                        vec![TextEdit {
                            range: Range::new(at, at),
                            new_text: comment,
                        }],
                    )),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                });
            }
        }
    }
    if wanted(only, FIX_ALL) {
        if let Some(edit) = texts.fix_all(&report.settings) {
            let fixed_diagnostics: Vec<Diagnostic> = (0..report.findings.len())
                .filter(|&i| report.findings[i].status == FixStatus::Safe)
                .map(|i| diagnostics[i].clone())
                .collect();
            out.push(CodeAction {
                title: "Apply every safe responsify fix in this file".into(),
                kind: Some(CodeActionKind::new(FIX_ALL)),
                diagnostics: Some(fixed_diagnostics),
                edit: Some(edit),
                ..CodeAction::default()
            });
        }
    }
    out
}
