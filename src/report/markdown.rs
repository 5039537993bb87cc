//! A Markdown summary for a pull-request comment.

use super::{split_cell, Counts, Message};
use crate::engine::FixStatus;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Findings listed in the table; the rest are counted.
const MAX_ROWS: usize = 100;

/// A heading, the counts, a table of rules with counts (most frequent first) and a table of
/// the first findings. Messages keep their `code` spans; everything else in them, paths
/// included, is escaped so no finding can break the tables or inject markup.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## responsify\n")?;
    if messages.is_empty() {
        return writeln!(out, "No Chat Completions usage left to migrate.");
    }
    let counts = Counts::of(messages);
    let files: BTreeSet<&str> = messages.iter().map(|m| split_cell(&m.path).0).collect();
    writeln!(
        out,
        "- **{}** {} in {} {}",
        counts.findings,
        plural(counts.findings, "finding", "findings"),
        files.len(),
        plural(files.len(), "file", "files")
    )?;
    writeln!(out, "- **{}** fixable with `--fix`", counts.safe)?;
    writeln!(
        out,
        "- **{}** more with `--fix --unsafe-fixes`",
        counts.unsafe_
    )?;
    writeln!(
        out,
        "- **{}** blocked until a person decides\n",
        counts.blocked
    )?;

    let mut per_rule: BTreeMap<&str, Vec<&Message>> = BTreeMap::new();
    for m in messages {
        per_rule.entry(m.rule).or_default().push(m);
    }
    let mut rows: Vec<(&str, Counts)> = per_rule
        .into_iter()
        .map(|(rule, ms)| (rule, Counts::of(ms)))
        .collect();
    rows.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
    writeln!(
        out,
        "| rule | findings | `--fix` | `--unsafe-fixes` | blocked |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    for (rule, c) in &rows {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(rule),
            c.findings,
            c.safe,
            c.unsafe_,
            c.blocked
        )?;
    }

    writeln!(out, "\n| location | rule | message |")?;
    writeln!(out, "| --- | --- | --- |")?;
    for m in messages.iter().take(MAX_ROWS) {
        let mark = match m.status {
            FixStatus::Safe => " [*]",
            _ => "",
        };
        writeln!(
            out,
            "| {} | {} | {}{mark} |",
            code(&format!("{}:{}:{}", m.path, m.start.0, m.start.1)),
            code(m.rule),
            message(&m.message)
        )?;
    }
    if messages.len() > MAX_ROWS {
        let more = messages.len() - MAX_ROWS;
        writeln!(
            out,
            "\n…and {more} more {}.",
            plural(more, "finding", "findings")
        )?;
    }
    writeln!(out, "\n[*] fixable with `--fix`.")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A message: its `code` spans stay code spans when its backticks pair up; the rest is text.
fn message(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An odd number of backticks: no pairing to trust.
        return escape_text(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                code(part)
            } else {
                escape_text(part)
            }
        })
        .collect()
}

/// Text in a table cell: Markdown punctuation backslash-escaped, `&` as an entity, line
/// breaks as `<br>`, control characters spelled out.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A code span in a table cell: a fence longer than any run of backticks inside, `|`
/// escaped (GitHub splits cells before it reads code spans), line breaks as spaces,
/// control characters spelled out.
fn code(s: &str) -> String {
    let mut body = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => body.push_str("\\|"),
            '\r' | '\n' => body.push(' '),
            c if c.is_control() => body.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
            c => body.push(c),
        }
    }
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') || body.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_and_the_rest_is_escaped() {
        assert_eq!(
            message("`a|b` is *not* <b>x</b>"),
            r"`a\|b` is \*not\* \<b\>x\</b\>"
        );
        assert_eq!(message("odd ` tick | x"), r"odd \` tick \| x");
        assert_eq!(message("a\r\nb\u{1}"), r"a<br>b\u{0001}");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
