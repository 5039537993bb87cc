//! Shared by the rules that report sites the classifier will not let anyone rewrite.

use crate::diagnostic::Diagnostic;
use crate::model::{Site, Unit, Verdict};

/// The flag diagnostic for `rule`, when the classifier flagged this unit for it.
pub fn flag(unit: &Unit, rule: &'static str, help: &str) -> Option<Diagnostic> {
    let Verdict::Flag {
        rule: flagged,
        reason,
    } = &unit.verdict
    else {
        return None;
    };
    if *flagged != rule {
        return None;
    }
    let span = match unit.request.site {
        Site::SdkCall { method, .. } => method,
        _ => unit.request.span,
    };
    Some(Diagnostic::new(rule, span, format!("{reason}: not rewritten")).with_help(help))
}
