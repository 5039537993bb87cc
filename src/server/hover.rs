//! Hover on a finding: what it says, what holds its request back, and the rule's page.

use super::diagnostics::{rule_page, Report};
use crate::diagnostic::Severity;
use crate::engine::{Finding, FixStatus};
use crate::rules;

/// The findings of a notebook's other cells, for the blockers of a request that spans cells.
pub struct Elsewhere<'a> {
    /// Which cell, as Jupyter numbers them ("cell 3").
    pub cell: String,
    pub text: &'a str,
    pub findings: &'a [Finding],
}

/// The Markdown for the findings that cover byte `at`, if any. `elsewhere` is the other
/// cells of the notebook the text is a cell of (nothing for a document).
pub fn hover(report: &Report, text: &str, at: usize, elsewhere: &[Elsewhere]) -> Option<String> {
    let here: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.span.start <= at && at <= f.diagnostic.span.end)
        .collect();
    if here.is_empty() {
        return None;
    }
    let mut out = String::new();
    for f in here {
        let d = &f.diagnostic;
        if !out.is_empty() {
            out.push_str("\n\n---\n\n");
        }
        let severity = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!(
            "**responsify `{}`** ({severity}): {}\n",
            d.rule, d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("\nhelp: {help}\n"));
        }
        match &f.status {
            FixStatus::None => {}
            FixStatus::Safe => {
                out.push_str("\nFix: safe (a quick fix migrates the whole request).\n")
            }
            FixStatus::Unsafe => {
                out.push_str("\nFix: unsafe (behaviour may change; the quick fix says how).\n")
            }
            FixStatus::Blocked(why) => {
                out.push_str(&format!("\n**What blocks this request:** {why}\n"))
            }
        }
        let here = std::iter::once(("", text, report.findings.as_slice()));
        let there = elsewhere
            .iter()
            .map(|e| (e.cell.as_str(), e.text, e.findings));
        let blockers: Vec<String> = match d.unit {
            None => Vec::new(),
            Some(unit) => here
                .chain(there)
                .flat_map(|(cell, text, findings)| findings.iter().map(move |o| (cell, text, o)))
                .filter(|(_, _, o)| o.diagnostic.unit == Some(unit) && o.diagnostic.blocks)
                .map(|(cell, text, o)| {
                    let line = crate::edit::line_col(text, o.diagnostic.span.start).0;
                    let place = if cell.is_empty() {
                        format!("line {line}")
                    } else {
                        format!("{cell}, line {line}")
                    };
                    format!(
                        "- `{}` ({place}): {}",
                        o.diagnostic.rule, o.diagnostic.message
                    )
                })
                .collect(),
        };
        if !blockers.is_empty() {
            out.push_str("\nA person must decide first:\n");
            out.push_str(&blockers.join("\n"));
            out.push('\n');
        }
        if let Some(rule) = rules::by_name(d.rule) {
            out.push_str(&format!("\n{}\n", rule.meta().documentation().trim_end()));
        }
        out.push_str(&format!("\n[Rule page]({})\n", rule_page(d.rule)));
    }
    Some(out)
}
