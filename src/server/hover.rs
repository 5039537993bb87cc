//! Hover on a finding: what it says, what holds its request back, and the rule's page.

use super::diagnostics::{rule_page, Report};
use crate::diagnostic::Severity;
use crate::engine::FixStatus;
use crate::rules;

/// The Markdown for the findings that cover byte `at`, if any.
pub fn hover(report: &Report, text: &str, at: usize) -> Option<String> {
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
        let blockers: Vec<String> = match d.unit {
            None => Vec::new(),
            Some(unit) => report
                .findings
                .iter()
                .filter(|o| o.diagnostic.unit == Some(unit) && o.diagnostic.blocks)
                .map(|o| {
                    let line = crate::edit::line_col(text, o.diagnostic.span.start).0;
                    format!(
                        "- `{}` (line {line}): {}",
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
