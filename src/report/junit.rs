//! JUnit XML: one test suite per file, one failing test case per finding.

use super::{split_cell, Message};
use crate::engine::FixStatus;
use std::io::{self, Write};

/// Suites are per file (a notebook's cells share their notebook's suite), in the order the
/// report lists them; a test case is named after its rule and position and fails with the
/// message, `type` being the rule. An empty report is a document with zero tests.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    // A suite per file, in order of appearance; found by name through a map (a search of
    // the suites for each finding was quadratic in a large run's files).
    let mut suites: Vec<(&str, Vec<&Message>)> = Vec::new();
    let mut suite_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for m in messages {
        let (file, _) = split_cell(&m.path);
        let i = *suite_of.entry(file).or_insert_with(|| {
            suites.push((file, Vec::new()));
            suites.len() - 1
        });
        suites[i].1.push(m);
    }
    let total = messages.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    if total == 0 {
        // A clean tree is one passing test case, as ruff writes it, so CI shows a pass.
        writeln!(
            out,
            r#"<testsuites name="responsify" tests="1" failures="0" errors="0">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="responsify" tests="1" failures="0" errors="0" skipped="0">"#
        )?;
        writeln!(
            out,
            r#"    <testcase name="No Chat Completions usage left to migrate" classname="responsify"/>"#
        )?;
        writeln!(out, "  </testsuite>")?;
        return writeln!(out, "</testsuites>");
    }
    writeln!(
        out,
        r#"<testsuites name="responsify" tests="{total}" failures="{total}" errors="0">"#
    )?;
    for (file, cases) in &suites {
        let file = attribute(file);
        writeln!(
            out,
            r#"  <testsuite name="{file}" tests="{n}" failures="{n}" errors="0" skipped="0">"#,
            n = cases.len()
        )?;
        for m in cases {
            let (_, cell) = split_cell(&m.path);
            let (line, column) = m.start;
            let (name, line_attribute) = match cell {
                None => (
                    format!("{} at line {line}, column {column}", m.rule),
                    format!(r#" line="{line}""#),
                ),
                Some(cell) => (
                    format!("{} in cell {cell} at line {line}, column {column}", m.rule),
                    String::new(),
                ),
            };
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{file}" file="{file}"{line_attribute}>"#,
                attribute(&name)
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                attribute(&m.message),
                attribute(m.rule),
                text(&details(m))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// The failure's body: where, what, and what becomes of it.
fn details(m: &Message) -> String {
    let mut s = format!(
        "{}:{}:{}: {} {}",
        m.path, m.start.0, m.start.1, m.rule, m.message
    );
    if let Some(help) = &m.help {
        s.push_str(&format!("\nhelp: {help}"));
    }
    let title = m.fix_title.as_deref().unwrap_or("fix");
    match &m.status {
        FixStatus::None => {}
        FixStatus::Safe => s.push_str(&format!("\nfix (--fix): {title}")),
        FixStatus::Unsafe => s.push_str(&format!("\nfix (--unsafe-fixes): {title}")),
        FixStatus::Blocked(why) => s.push_str(&format!("\nblocked: {why}")),
    }
    s
}

/// Character data: `&`, `<`, `>` as entities; characters XML 1.0 cannot hold at all
/// (control characters, lone surrogates cannot occur in `str`) as `\u{…}` text.
fn text(s: &str) -> String {
    escape(s, false)
}

/// An attribute value: as text, and quotes, tabs and line breaks as character references so
/// a parser's attribute-value normalisation keeps them.
fn attribute(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\t' | '\n' | '\r' if in_attribute => out.push_str(&format!("&#{};", u32::from(c))),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if allowed(c) => out.push(c),
            c => out.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
        }
    }
    out
}

/// XML 1.0's `Char` production, less tab and line breaks (handled above).
fn allowed(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_breaks_and_control_characters() {
        assert_eq!(
            text("a<b>&c\"'\r\n\t\u{1}"),
            "a&lt;b&gt;&amp;c\"'&#13;\n\t\\u{0001}"
        );
        assert_eq!(
            attribute("a\"'\r\n\t\u{fffe}"),
            "a&quot;&apos;&#13;&#10;&#9;\\u{fffe}"
        );
    }

    #[test]
    fn an_empty_report_is_one_passing_test_case() {
        let mut out = Vec::new();
        write(&[], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"responsify\" tests=\"1\" failures=\"0\" errors=\"0\">\n\
             \x20 <testsuite name=\"responsify\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n\
             \x20   <testcase name=\"No Chat Completions usage left to migrate\" classname=\"responsify\"/>\n\
             \x20 </testsuite>\n\
             </testsuites>\n"
        );
    }
}
