//! GitHub Actions workflow commands: one annotation per finding.

use super::{split_cell, Message};
use crate::diagnostic::Severity;
use std::io::{self, Write};

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one line per
/// finding (`warning` and `notice` for the other severities). A notebook finding annotates
/// the notebook file and names its cell in the message, since its lines count from the cell.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    for m in messages {
        let command = match m.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (file, cell) = split_cell(&m.path);
        let mut properties = vec![("file", file.to_string())];
        let mut text = String::new();
        match cell {
            None => {
                properties.extend([
                    ("line", m.start.0.to_string()),
                    ("col", m.start.1.to_string()),
                    ("endLine", m.end.0.to_string()),
                    ("endColumn", m.end.1.to_string()),
                ]);
            }
            Some(cell) => {
                if let Some((start, end)) = m.file_lines {
                    properties.extend([("line", start.to_string()), ("endLine", end.to_string())]);
                }
                text.push_str(&format!("cell {cell}, line {}: ", m.start.0));
            }
        }
        properties.push(("title", format!("responsify ({})", m.rule)));
        text.push_str(&m.message);
        if let Some(help) = &m.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        let properties = properties
            .iter()
            .map(|(key, value)| format!("{key}={}", escape_property(value)))
            .collect::<Vec<_>>()
            .join(",");
        writeln!(out, "::{command} {properties}::{}", escape_data(&text))?;
    }
    Ok(())
}

/// The message of a command: `%`, CR and LF are percent-encoded.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value: as data, and `:` and `,` too, which separate the properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::message;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn notebook_findings_annotate_the_file_and_name_the_cell() {
        let mut m = message(
            "stop-parameter",
            "dir/nb.ipynb:cell 3",
            "x\nf(stop=1)\n",
            "stop",
        );
        m.severity = Severity::Info;
        let mut out = Vec::new();
        write(&[m], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::notice file=dir/nb.ipynb,title=responsify (stop-parameter)::cell 3, line 2: `stop` found\n"
        );
    }
}
