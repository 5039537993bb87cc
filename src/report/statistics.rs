use super::Message;
use crate::engine::FixStatus;
use crate::rules;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Counts per rule, most frequent first: `--statistics`; with `json`, an array of
/// `{"code", "name", "count", "fixable", "fixable_count", "summary"}` objects, as ruff's.
pub fn write_statistics(messages: &[Message], json: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut counts = RuleCounts::default();
    counts.add(messages);
    counts.write(json, out)
}

/// The counts `--statistics` shows, added file by file as a run goes: the findings
/// themselves need not be kept.
#[derive(Default)]
pub struct RuleCounts(BTreeMap<&'static str, (usize, usize)>);

impl RuleCounts {
    pub fn add(&mut self, messages: &[Message]) {
        for m in messages {
            let slot = self.0.entry(m.rule).or_default();
            slot.0 += 1;
            if m.status == FixStatus::Safe {
                slot.1 += 1;
            }
        }
    }

    /// See [`write_statistics`].
    pub fn write(self, json: bool, out: &mut dyn Write) -> io::Result<()> {
        let counts = self.0;
        let mut rows: Vec<_> = counts.into_iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        if json {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(rule, (count, fixable))| {
                    serde_json::json!({
                        "code": rule,
                        "name": rule,
                        "count": count,
                        "fixable": fixable == count,
                        "fixable_count": fixable,
                        "summary": rules::by_name(rule).map_or("", |r| r.meta().summary),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            return writeln!(out);
        }
        let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        for (rule, (count, fixable)) in rows {
            let mark = if fixable == count { "[*]" } else { "   " };
            let summary = rules::by_name(rule).map_or("", |r| r.meta().summary);
            writeln!(out, "{count:>6}  {rule:<width$}  {mark}  {summary}")?;
        }
        Ok(())
    }
}
