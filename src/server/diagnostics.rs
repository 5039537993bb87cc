//! One document through the engine, and its findings as LSP diagnostics.

use super::documents::Document;
use super::positions::Lines;
use crate::config::Resolver;
use crate::diagnostic::Severity;
use crate::engine::{self, CheckError, Finding};
use crate::frontend::FrontEnd;
use crate::settings::Settings;
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

/// Where each rule's page lives (the same pages the SARIF report links to).
pub fn rule_page(rule: &str) -> String {
    format!("https://github.com/responsify/responsify/blob/main/docs/rules/{rule}.md")
}

/// The engine's view of one version of a document.
pub struct Report {
    pub version: i32,
    pub findings: Vec<Finding>,
    pub settings: Settings,
    pub front_end: Option<&'static dyn FrontEnd>,
    /// Why the document was not checked, when it was not (for the log).
    pub note: Option<String>,
}

impl Report {
    fn empty(version: i32, settings: Settings, note: Option<String>) -> Report {
        Report {
            version,
            findings: Vec::new(),
            settings,
            front_end: None,
            note,
        }
    }
}

/// Check `doc` with the settings its configuration gives it (`defaults` for documents that
/// are not files).
pub fn analyse(doc: &Document, resolver: &Resolver, defaults: &Settings) -> Report {
    let name = doc.name();
    let settings = match &doc.path {
        None => defaults.clone(),
        Some(_) => match resolver.resolve(&name) {
            Ok(resolved) => {
                if resolved.skips(&name) {
                    return Report::empty(
                        doc.version,
                        defaults.clone(),
                        Some("excluded by the configuration".into()),
                    );
                }
                resolved.for_file(&name)
            }
            Err(e) => {
                return Report::empty(
                    doc.version,
                    defaults.clone(),
                    Some(format!("configuration: {e}")),
                )
            }
        },
    };
    let Some(fe) = doc.front_end() else {
        return Report::empty(doc.version, settings, None);
    };
    if doc.text.len() as u64 > settings.max_file_size {
        let note = format!(
            "{} bytes, larger than the limit of {} (max-file-size); not checked",
            doc.text.len(),
            settings.max_file_size
        );
        return Report::empty(doc.version, settings, Some(note));
    }
    let mut report = Report::empty(doc.version, settings, None);
    report.front_end = Some(fe);
    if !crate::walk::prefilter(fe, doc.text.as_bytes()) {
        return report;
    }
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        engine::check(fe, &doc.text, &report.settings)
    }));
    match checked {
        Ok(Ok(checked)) => report.findings = checked.findings,
        Ok(Err(CheckError::Syntax(e))) => {
            let lines = Lines::new(&doc.text);
            let at = lines.position(&doc.text, e.span.start);
            report.note = Some(format!(
                "not checked: {} at {}:{} (findings come back once it parses)",
                e.message,
                at.line + 1,
                at.character + 1
            ));
        }
        Ok(Err(CheckError::FixFailed(why))) => report.note = Some(why),
        Err(_) => report.note = Some("internal error (a bug in responsify); not checked".into()),
    }
    report
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The LSP diagnostic of `findings[index]`; the other findings of its request are its
/// related information.
pub fn to_lsp(
    uri: &Uri,
    text: &str,
    lines: &Lines,
    findings: &[Finding],
    index: usize,
) -> Diagnostic {
    let f = &findings[index];
    let d = &f.diagnostic;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = match d.unit {
        None => Vec::new(),
        Some(unit) => findings
            .iter()
            .enumerate()
            .filter(|(i, o)| *i != index && o.diagnostic.unit == Some(unit))
            .take(50)
            .map(|(_, o)| DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: lines.range(text, o.diagnostic.span.start, o.diagnostic.span.end),
                },
                message: format!("{}: {}", o.diagnostic.rule, o.diagnostic.message),
            })
            .collect(),
    };
    Diagnostic {
        range: lines.range(text, d.span.start, d.span.end),
        severity: Some(severity(d.severity())),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: rule_page(d.rule)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("responsify".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn all_to_lsp(uri: &Uri, text: &str, findings: &[Finding]) -> Vec<Diagnostic> {
    let lines = Lines::new(text);
    (0..findings.len())
        .map(|i| to_lsp(uri, text, &lines, findings, i))
        .collect()
}
