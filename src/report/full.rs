use super::Message;
use crate::diagnostic::Severity;
use crate::engine::FixStatus;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

/// rustc-style diagnostics with a code frame each.
pub fn write(messages: &[Message], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for m in messages {
        // Frame only the lines the span covers, so a huge one-line JSONL file stays cheap.
        let source = &*m.source;
        let first = source[..m.span.start].rfind('\n').map_or(0, |i| i + 1);
        let last = source[m.span.end..]
            .find('\n')
            .map_or(source.len(), |i| m.span.end + i);
        let excerpt = source[first..last].trim_end_matches('\r');
        let span = (m.span.start - first)..(m.span.end - first).min(excerpt.len());
        let level = match m.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let label = match &m.status {
            FixStatus::Safe | FixStatus::Unsafe => m.fix_title.clone(),
            _ => None,
        };
        let mut annotation = AnnotationKind::Primary.span(span);
        if let Some(label) = &label {
            annotation = annotation.label(label.as_str());
        }
        let mut report: Vec<Group> =
            vec![level.primary_title(m.message.as_str()).id(m.rule).element(
                Snippet::source(excerpt)
                    .line_start(m.start.0)
                    .path(m.path.as_str())
                    .fold(true)
                    .annotation(annotation),
            )];
        let note = match &m.status {
            FixStatus::Safe => None,
            FixStatus::Unsafe => {
                Some("this fix is unsafe: apply it with `--unsafe-fixes`".to_string())
            }
            FixStatus::Blocked(why) => Some(format!("not fixed yet: {why}")),
            FixStatus::None => None,
        };
        if let Some(help) = &m.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        if let Some(note) = &note {
            report.push(Group::with_title(
                Level::NOTE.secondary_title(note.as_str()),
            ));
        }
        writeln!(out, "{}\n", renderer.render(&report))?;
    }
    Ok(())
}
