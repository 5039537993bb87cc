//! Baselines, for adopting responsify gradually: record today's findings, then report only
//! new ones. A baseline can only shrink: entries for the files a run checked that no longer
//! match a finding are reported, so CI can tell the team to prune them. Entries for files the
//! run did not check (pre-commit passes only the changed files) are left alone.

use crate::report::{fingerprints, fingerprints_v2, split_cell, Message};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The format `--write-baseline` writes. Format 1 (matched by rule, file and text) is still read.
pub const VERSION: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    /// The format of this file.
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding. Matched by fingerprint, not by line, so edits elsewhere in the file
/// do not break it: in format 2 the rule, the file, the function or request the finding sits
/// in and its source text; in format 1 the rule, the file and the text.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    /// Where the finding sits: the enclosing classes and functions (`Client.ask`), a hash of
    /// the request's text outside any, or `-` (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    pub message: String,
}

pub fn write(path: &Path, messages: &[Message]) -> Result<usize, String> {
    let findings: Vec<Entry> = messages
        .iter()
        .zip(fingerprints_v2(messages))
        .map(|(m, fingerprint)| Entry {
            fingerprint,
            rule: m.rule.to_string(),
            path: m.path.clone(),
            context: Some(crate::report::context(m)),
            message: m.message.clone(),
        })
        .collect();
    let count = findings.len();
    let text = serde_json::to_string_pretty(&Baseline {
        version: VERSION,
        findings,
    })
    .expect("plain data");
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(count)
}

pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let baseline: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a responsify baseline ({e})", path.display()))?;
    if baseline.version != 1 && baseline.version != VERSION {
        return Err(format!(
            "{}: baseline version {} is not supported",
            path.display(),
            baseline.version
        ));
    }
    Ok(baseline)
}

/// What filtering by a baseline gave.
pub struct Filtered<'a> {
    /// Findings the baseline does not hold.
    pub new: Vec<Message>,
    /// How many findings the baseline held.
    pub known: usize,
    /// Entries for checked files that nothing matched any more.
    pub stale: Vec<&'a Entry>,
}

/// Split findings into the new ones and the baseline entries nothing matched any more.
/// `in_scope` says whether the run checked an entry's file: entries for other files are
/// neither matched nor stale.
pub fn filter<'a>(
    baseline: &'a Baseline,
    messages: Vec<Message>,
    in_scope: impl Fn(&str) -> bool,
) -> Filtered<'a> {
    let mut open: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for entry in &baseline.findings {
        if in_scope(split_cell(&entry.path).0) {
            open.entry(entry.fingerprint.as_str())
                .or_default()
                .push(entry);
        }
    }
    let prints = if baseline.version == 1 {
        fingerprints(&messages)
    } else {
        fingerprints_v2(&messages)
    };
    let mut new = Vec::new();
    let mut known = 0;
    for (message, print) in messages.into_iter().zip(prints) {
        let matched = open
            .get_mut(print.as_str())
            .and_then(|entries| entries.pop());
        if matched.is_none() {
            new.push(message);
        } else {
            known += 1;
        }
    }
    let mut stale: Vec<&Entry> = open.into_values().flatten().collect();
    stale.sort_by(|a, b| (&a.path, &a.rule).cmp(&(&b.path, &b.rule)));
    Filtered { new, known, stale }
}
