//! Baselines, for adopting responsify gradually: record today's findings, then report only
//! new ones. A baseline can only shrink: entries that no longer match a finding are reported,
//! so CI can tell the team to prune them.

use crate::report::{fingerprints, Message};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    /// The format of this file.
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding. Matched by fingerprint (rule, file and the finding's source text),
/// not by line, so edits elsewhere in the file do not break it.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub message: String,
}

pub fn write(path: &Path, messages: &[Message]) -> Result<usize, String> {
    let findings: Vec<Entry> = messages
        .iter()
        .zip(fingerprints(messages))
        .map(|(m, fingerprint)| Entry {
            fingerprint,
            rule: m.rule.to_string(),
            path: m.path.clone(),
            message: m.message.clone(),
        })
        .collect();
    let count = findings.len();
    let text = serde_json::to_string_pretty(&Baseline {
        version: 1,
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
    if baseline.version != 1 {
        return Err(format!(
            "{}: baseline version {} is not supported",
            path.display(),
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Split findings into the new ones and the baseline entries nothing matched any more.
pub fn filter(baseline: &Baseline, messages: Vec<Message>) -> (Vec<Message>, Vec<&Entry>) {
    let mut open: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for entry in &baseline.findings {
        open.entry(entry.fingerprint.as_str())
            .or_default()
            .push(entry);
    }
    let prints = fingerprints(&messages);
    let mut new = Vec::new();
    for (message, print) in messages.into_iter().zip(prints) {
        let matched = open
            .get_mut(print.as_str())
            .and_then(|entries| entries.pop());
        if matched.is_none() {
            new.push(message);
        }
    }
    let mut stale: Vec<&Entry> = open.into_values().flatten().collect();
    stale.sort_by(|a, b| (&a.path, &a.rule).cmp(&(&b.path, &b.rule)));
    (new, stale)
}
