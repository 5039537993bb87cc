//! The report's findings grouped by request: one card per request, listing its findings and
//! what blocks it, so a request with three findings reads as one piece of work.
//!
//! A page of every request of a large tree would be tens of megabytes, so the page holds the
//! [`MAX_CARDS`] requests a lead looks at first (those that need a person, in file order, then
//! the rest) and says how many there are; every request, with all its findings, is in the
//! JSON file beside the page ([`super::details`]).

use super::{plural, write_finding, Esc, Fixability, Num, Prose, REQUEST_RULE};
use crate::engine::FixStatus;
use crate::report::requests::{self, Request};
use crate::report::Message;
use std::fmt::{self, Write};

/// Request cards on the page; the rest are counted and left to the JSON file.
pub(super) const MAX_CARDS: usize = 250;

/// What will become of a request as a whole: it migrates whole or not at all, so it is the
/// worst of its findings (a person, else an unsafe fix, else a safe one, else reported).
pub(super) fn status(ms: &[&Message]) -> Fixability {
    let all: Vec<Fixability> = ms.iter().map(|m| Fixability::of(m)).collect();
    [
        Fixability::Person,
        Fixability::Unsafe,
        Fixability::Safe,
        Fixability::Reported,
    ]
    .into_iter()
    .find(|f| all.contains(f))
    .unwrap_or(Fixability::Reported)
}

/// The line a request is shown at: its own finding's, else its first finding's.
pub(super) fn line(ms: &[&Message]) -> usize {
    ms.iter()
        .find(|m| m.rule == REQUEST_RULE)
        .unwrap_or(&ms[0])
        .start
        .0
}

/// What keeps a request from migrating by itself: each blocking finding (an error with no
/// fix) as `rule: message`, and the reasons its fixes are held back, once each.
pub(super) fn blockers(ms: &[&Message]) -> Vec<(Option<&'static str>, String)> {
    let mut out: Vec<(Option<&'static str>, String)> = Vec::new();
    for m in ms {
        let item = match &m.status {
            FixStatus::None if Fixability::of(m) == Fixability::Person => {
                (Some(m.rule), m.message.clone())
            }
            FixStatus::Blocked(why) => (None, why.clone()),
            _ => continue,
        };
        if !out.contains(&item) {
            out.push(item);
        }
    }
    // The findings that block first, then the reasons the rest wait.
    out.sort_by_key(|(rule, _)| rule.is_none());
    out
}

/// The requests in the order the page shows them: those that need a person first, then
/// unsafe, safe and reported ones, each in file order.
pub(super) fn ordered(messages: &[Message]) -> Vec<Request<'_>> {
    let mut groups = requests::group(messages);
    // A stable sort keeps file order within each status.
    groups.sort_by_key(|g| match status(&g.messages) {
        Fixability::Person => 0,
        Fixability::Unsafe => 1,
        Fixability::Safe => 2,
        Fixability::Reported => 3,
    });
    groups
}

/// The "Findings by request" section. `details` names the JSON file beside the page, when
/// there is one.
pub(super) fn write(
    out: &mut String,
    messages: &[Message],
    root: &str,
    details: Option<&str>,
) -> fmt::Result {
    let groups = ordered(messages);
    let shown = groups.len().min(MAX_CARDS);
    let shown_findings: usize = groups[..shown].iter().map(|g| g.messages.len()).sum();
    writeln!(out, "<section id=\"requests\">")?;
    writeln!(out, "<h2>Findings by request</h2>")?;
    write!(
        out,
        "<p class=\"note\" data-total-findings=\"{}\" data-total-requests=\"{}\" \
         data-shown-requests=\"{shown}\">",
        messages.len(),
        groups.len()
    )?;
    if shown == groups.len() {
        write!(
            out,
            "All {} with their {}, those that need a person first. A request migrates whole \
             or not at all: each card says what holds it back.",
            plural(groups.len(), "request", "requests"),
            plural(messages.len(), "finding", "findings"),
        )?;
    } else {
        write!(
            out,
            "The first {} of {} ({} of {}), those that need a person first. A request \
             migrates whole or not at all: each card says what holds it back.",
            Num(shown),
            plural(groups.len(), "request", "requests"),
            Num(shown_findings),
            plural(messages.len(), "finding", "findings"),
        )?;
    }
    match details {
        Some(name) => write!(
            out,
            " Every request and finding: <a href=\"{}\" data-details>{}</a>, beside this page.",
            Esc(&href(name)),
            Esc(name)
        )?,
        None if shown < groups.len() => write!(
            out,
            " Write the report to a file (<code>responsify report -o report.html</code>) to \
             get every finding in <code>report.findings.json</code> beside it."
        )?,
        None => {}
    }
    writeln!(out, "</p>")?;
    for g in &groups[..shown] {
        card(out, g, root)?;
    }
    writeln!(out, "</section>")
}

/// A relative link to a file name: percent-encode what a URL cannot hold as is.
fn href(name: &str) -> String {
    let mut out = String::new();
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One request's card. Paths are shown relative to `root`, the directory every file is in,
/// as in the table of files; the full path is the title.
fn card(out: &mut String, g: &Request, root: &str) -> fmt::Result {
    let ms = &g.messages;
    let f = status(ms);
    let full = &ms[0].path;
    let path = full
        .strip_prefix(root)
        .and_then(|p| p.strip_prefix('/'))
        .filter(|_| !matches!(root, "." | "/"))
        .unwrap_or(full.strip_prefix("./").unwrap_or(full));
    let line = line(ms);
    writeln!(
        out,
        "<details class=\"file req\" open data-request=\"{}\" data-status=\"{}\" \
         data-findings=\"{}\"><summary><span class=\"path\" title=\"{}\">{}:{line}</span>\
         <span class=\"badge {}\">{}</span><span class=\"count\">{}</span></summary>",
        Esc(g.id.as_deref().unwrap_or("")),
        f.key(),
        ms.len(),
        Esc(full),
        Esc(path),
        f.key(),
        if g.id.is_some() {
            f.label().to_string()
        } else {
            format!("{} (about the whole file)", f.label())
        },
        plural(ms.len(), "finding", "findings"),
    )?;
    let blocking = blockers(ms);
    if !blocking.is_empty() {
        write!(out, "<div class=\"blocks\"><b>What blocks it:</b><ul>")?;
        for (rule, text) in &blocking {
            match rule {
                Some(rule) => write!(
                    out,
                    "<li><span class=\"rule\">{}</span> {}</li>",
                    Esc(rule),
                    Prose(text)
                )?,
                None => write!(out, "<li>{}</li>", Prose(text))?,
            }
        }
        writeln!(out, "</ul></div>")?;
    }
    for m in ms {
        write_finding(out, m, true)?;
    }
    writeln!(out, "</details>")
}
