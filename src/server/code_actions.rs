//! Quick fixes (one per request, the whole unit's edit), fix-all, and suppressions.

use super::diagnostics::{all_to_lsp, Report};
use super::positions::Lines;
use crate::engine::{self, FixStatus};
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

/// The comment that starts a suppression in the language of `fe`, if it has comments.
fn comment_marker(name: &std::path::Path) -> Option<&'static str> {
    match name.extension()?.to_str()? {
        "py" | "pyi" => Some("#"),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" | "rs" => Some("//"),
        _ => None,
    }
}

/// The code actions for `range` of the document.
pub fn actions(
    uri: &Uri,
    name: &std::path::Path,
    text: &str,
    report: &Report,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeAction> {
    let Some(fe) = report.front_end else {
        return Vec::new();
    };
    let lines = Lines::new(text);
    let (start, end) = (
        lines.offset(text, range.start),
        lines.offset(text, range.end),
    );
    let diagnostics = all_to_lsp(uri, text, &report.findings);
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
            let statuses: Vec<&FixStatus> = of_unit
                .iter()
                .map(|&i| &report.findings[i].status)
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
                .filter(|&&i| report.findings[i].status == FixStatus::Unsafe)
                .map(|&i| report.findings[i].diagnostic.rule)
                .collect();
            let mut settings = report.settings.clone();
            settings.unsafe_fixes = !unsafe_rules.is_empty();
            let fixed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                engine::fix_unit(fe, text, &settings, unit)
            }));
            let Ok(Ok(checked)) = fixed else { continue };
            let Some(new) = checked.fixed else { continue };
            let title = if unsafe_rules.is_empty() {
                MIGRATE.to_string()
            } else {
                let mut rules = unsafe_rules.clone();
                rules.dedup();
                format!("{MIGRATE} (unsafe: {})", rules.join(", "))
            };
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(of_unit.iter().map(|&i| diagnostics[i].clone()).collect()),
                edit: Some(workspace_edit(uri, text_edits(text, &new))),
                is_preferred: Some(unsafe_rules.is_empty()),
                ..CodeAction::default()
            });
        }
        if let Some(marker) = comment_marker(name) {
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
        let mut settings = report.settings.clone();
        settings.fix = true;
        settings.unsafe_fixes = false;
        let fixed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine::check(fe, text, &settings)
        }));
        if let Ok(Ok(engine::Checked {
            fixed: Some(new), ..
        })) = fixed
        {
            let fixed_diagnostics: Vec<Diagnostic> = (0..report.findings.len())
                .filter(|&i| report.findings[i].status == FixStatus::Safe)
                .map(|i| diagnostics[i].clone())
                .collect();
            out.push(CodeAction {
                title: "Apply every safe responsify fix in this file".into(),
                kind: Some(CodeActionKind::new(FIX_ALL)),
                diagnostics: Some(fixed_diagnostics),
                edit: Some(workspace_edit(uri, text_edits(text, &new))),
                ..CodeAction::default()
            });
        }
    }
    out
}
