//! Shared by the rules that report sites the classifier will not let anyone rewrite.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Hold, Site, Unit};

/// The diagnostic for a unit the classifier held back for `kind`. A reason that needs a
/// person is a warning; one that is fine as it is, a note.
pub fn flag(unit: &Unit, kind: Hold, help: &str) -> Option<Diagnostic> {
    let reason = unit.verdict.reason().filter(|r| r.kind == kind)?;
    let span = match unit.request.site {
        Site::SdkCall { method, .. } => method,
        _ => unit.request.span,
    };
    let rule = kind.rule()?;
    let diagnostic = if kind.needs_person() {
        Diagnostic::new(rule, span, format!("{}: not rewritten", reason.detail))
            .with_severity(Severity::Warning)
    } else {
        Diagnostic::new(rule, span, format!("{}: left as it is", reason.detail))
            .with_severity(Severity::Info)
    };
    Some(diagnostic.with_help(help))
}
