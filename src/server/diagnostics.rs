//! One document, or one notebook's cells, through the engine, and the findings as LSP
//! diagnostics.

use super::documents::Document;
use super::notebooks::Notebook;
use super::positions::Lines;
use crate::config::Resolver;
use crate::diagnostic::Severity;
use crate::engine::{self, CheckError, Finding};
use crate::frontend::python::PYTHON;
use crate::frontend::FrontEnd;
use crate::notebook;
use crate::settings::Settings;
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Uri,
};
use std::path::{Path, PathBuf};

pub use crate::report::rule_page;

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

/// The settings a file gets from its configuration (`defaults` for a document that is no
/// file), or why it is not checked (excluded, or a configuration that does not load).
fn settings_for(
    path: Option<&Path>,
    name: &Path,
    resolver: &Resolver,
    defaults: &Settings,
) -> Result<Settings, String> {
    if path.is_none() {
        return Ok(defaults.clone());
    }
    let resolved = resolver
        .resolve(name)
        .map_err(|e| format!("configuration: {e}"))?;
    if resolved.skips(name) {
        return Err("excluded by the configuration".into());
    }
    Ok(resolved.for_file(name))
}

/// Check `doc` with the settings its configuration gives it (`defaults` for documents that
/// are not files).
pub fn analyse(doc: &Document, resolver: &Resolver, defaults: &Settings) -> Report {
    let name = doc.name();
    let settings = match settings_for(doc.path.as_deref(), &name, resolver, defaults) {
        Ok(settings) => settings,
        Err(note) => return Report::empty(doc.version, defaults.clone(), Some(note)),
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

/// The engine's view of one revision of a notebook: a report per Python cell.
pub struct NotebookReport {
    pub revision: u64,
    /// The Python cells in notebook order, each with its findings (spans in the cell).
    pub cells: Vec<(Uri, Report)>,
    /// Why the notebook was not checked, when it was not (for the log).
    pub note: Option<String>,
}

/// Check the notebook's Python cells together, as `check` checks an `.ipynb` file, with
/// the settings the notebook file's configuration gives it.
pub fn analyse_notebook(
    notebook: &Notebook,
    resolver: &Resolver,
    defaults: &Settings,
) -> NotebookReport {
    let cells = notebook.python_cells();
    let name = notebook
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("untitled.ipynb"));
    let empty = |settings: &Settings, note: Option<String>| NotebookReport {
        revision: notebook.revision,
        cells: cells
            .iter()
            .map(|(uri, doc)| {
                let mut report = Report::empty(doc.version, settings.clone(), None);
                report.front_end = Some(&PYTHON);
                ((*uri).clone(), report)
            })
            .collect(),
        note,
    };
    let settings = match settings_for(notebook.path.as_deref(), &name, resolver, defaults) {
        Ok(settings) => settings,
        Err(note) => {
            let mut report = empty(defaults, Some(note));
            // An excluded notebook offers no fixes either.
            for (_, cell) in &mut report.cells {
                cell.front_end = None;
            }
            return report;
        }
    };
    let size: usize = cells.iter().map(|(_, doc)| doc.text.len()).sum();
    if size as u64 > settings.max_file_size {
        let note = format!(
            "{size} bytes of code, larger than the limit of {} (max-file-size); not checked",
            settings.max_file_size
        );
        return empty(&settings, Some(note));
    }
    let sources: Vec<&str> = cells.iter().map(|(_, doc)| doc.text.as_str()).collect();
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        notebook::check_cells(&sources, &settings)
    }));
    let mut report = empty(&settings, None);
    match checked {
        Ok(Ok(checked)) => {
            for ((_, cell), (_, findings)) in report.cells.iter_mut().zip(checked.cells) {
                cell.findings = findings;
            }
        }
        // A cell that does not parse is left out by the lifting; the cells together failing
        // to parse or fix is reported as a file is.
        Ok(Err(CheckError::Syntax(e))) => report.note = Some(format!("not checked: {}", e.message)),
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

/// One text and its findings: a document, or one cell of a notebook (whose requests can
/// have findings in its other cells).
pub struct Place<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub findings: &'a [Finding],
}

/// The places of a notebook's Python cells (`cells`, as `Notebook::python_cells` gives them),
/// with the findings `report` holds for each.
pub fn cell_places<'a>(
    cells: &'a [(&'a Uri, &'a Document)],
    report: &'a NotebookReport,
) -> Vec<Place<'a>> {
    cells
        .iter()
        .zip(&report.cells)
        .map(|((uri, doc), (_, cell))| Place {
            uri,
            text: &doc.text,
            findings: &cell.findings,
        })
        .collect()
}

/// The LSP diagnostics of every place, in order. A finding's related information is the
/// other findings of its request, in whichever place they are (the places are one
/// document's or one notebook's, so a request number means the same request in all).
pub fn all_to_lsp(places: &[Place]) -> Vec<Vec<Diagnostic>> {
    let lines: Vec<Lines> = places.iter().map(|p| Lines::new(p.text)).collect();
    let range = |p: usize, f: &Finding| {
        lines[p].range(
            places[p].text,
            f.diagnostic.span.start,
            f.diagnostic.span.end,
        )
    };
    places
        .iter()
        .enumerate()
        .map(|(p, place)| {
            place
                .findings
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let related = match f.diagnostic.unit {
                        None => Vec::new(),
                        Some(unit) => places
                            .iter()
                            .enumerate()
                            .flat_map(|(q, other)| {
                                other
                                    .findings
                                    .iter()
                                    .enumerate()
                                    .map(move |(j, o)| (q, j, o))
                            })
                            .filter(|&(q, j, o)| {
                                (q, j) != (p, i) && o.diagnostic.unit == Some(unit)
                            })
                            .take(50)
                            .map(|(q, _, o)| DiagnosticRelatedInformation {
                                location: Location {
                                    uri: places[q].uri.clone(),
                                    range: range(q, o),
                                },
                                message: format!("{}: {}", o.diagnostic.rule, o.diagnostic.message),
                            })
                            .collect(),
                    };
                    to_lsp(f, range(p, f), related)
                })
                .collect()
        })
        .collect()
}

/// The LSP diagnostic of one finding, at `range`, with `related` as its related information.
fn to_lsp(f: &Finding, range: Range, related: Vec<DiagnosticRelatedInformation>) -> Diagnostic {
    let d = &f.diagnostic;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range,
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
