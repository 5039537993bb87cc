//! Which findings make one SARIF result.
//!
//! Code scanning takes at most [`MAX_RESULTS`] results per run, and a large tree has several
//! times that many findings, so a result is a unit a person acts on rather than a finding:
//!
//! - a request: all its findings (it is fixed whole or not at all);
//! - a Batch input file (`.jsonl`): all its lines' requests, since the file is migrated as
//!   one (`batch-chat-endpoint`), in parts of at most [`MAX_LOCATIONS`] findings;
//! - a finding about no request (a whole file's, a stale baseline entry): itself.
//!
//! When that still gives more than [`MAX_RESULTS`], the files with the most results have
//! their requests grouped per file too, largest first, until the run fits. No finding is
//! dropped: each is a related location of its result.

use super::requests::{self, Request};
use super::{split_cell, Message};
use std::collections::{BTreeMap, HashMap};

/// GitHub code scanning's limit of results per run.
pub const MAX_RESULTS: usize = 25_000;
/// GitHub keeps at most 1,000 locations of a result; a grouped file is cut into parts of at
/// most this many findings so that none is lost there either.
pub const MAX_LOCATIONS: usize = 1_000;

/// What one result stands for.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// One finding about no request.
    Finding,
    /// One request, by its id.
    Request(String),
    /// The requests of one file (its path as reported, without a notebook cell), part
    /// `part` (0-based) of them.
    File { file: String, part: usize },
}

/// One result: what it stands for and the indices of its findings, in report order.
#[derive(Debug)]
pub struct Unit {
    pub kind: Kind,
    pub members: Vec<usize>,
}

/// A Batch input file: its lines are requests migrated together.
fn is_batch(file: &str) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("jsonl"))
}

/// The results of a report, in the order of their first findings.
pub fn units(messages: &[Message]) -> Vec<Unit> {
    units_within(messages, MAX_RESULTS)
}

/// [`units`] with another budget of results (for tests).
pub fn units_within(messages: &[Message], budget: usize) -> Vec<Unit> {
    let groups = requests::group(messages);
    // Per file, its groups, in report order; files in order of appearance.
    let mut files: Vec<(&str, Vec<&Request>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for g in &groups {
        let file = split_cell(&g.messages[0].path).0;
        let i = *index.entry(file).or_insert_with(|| {
            files.push((file, Vec::new()));
            files.len() - 1
        });
        files[i].1.push(g);
    }
    let mut grouped: Vec<bool> = files.iter().map(|(f, _)| is_batch(f)).collect();
    let count = |files: &[(&str, Vec<&Request>)], grouped: &[bool], i: usize| {
        if grouped[i] {
            file_parts(&files[i].1).len()
        } else {
            files[i].1.len()
        }
    };
    let mut total: usize = (0..files.len()).map(|i| count(&files, &grouped, i)).sum();
    if total > budget {
        // Largest first (ties in path order), so the fewest files lose per-request results.
        let mut order: BTreeMap<(std::cmp::Reverse<usize>, &str), usize> = BTreeMap::new();
        for i in 0..files.len() {
            if !grouped[i] {
                order.insert((std::cmp::Reverse(files[i].1.len()), files[i].0), i);
            }
        }
        for (_, i) in order {
            if total <= budget {
                break;
            }
            let before = count(&files, &grouped, i);
            grouped[i] = true;
            total = total - before + count(&files, &grouped, i);
        }
    }
    let mut units = Vec::with_capacity(total);
    for (i, (file, gs)) in files.iter().enumerate() {
        if grouped[i] {
            for (part, members) in file_parts(gs).into_iter().enumerate() {
                units.push(Unit {
                    kind: File {
                        file: file.to_string(),
                        part,
                    },
                    members,
                });
            }
        } else {
            for g in gs {
                units.push(Unit {
                    kind: match &g.id {
                        Some(id) => Kind::Request(id.clone()),
                        None => Kind::Finding,
                    },
                    members: g.members.clone(),
                });
            }
        }
    }
    units
}

use Kind::File;

/// A file's groups cut into parts of at most [`MAX_LOCATIONS`] findings, at group boundaries
/// (a request larger than that is cut too).
fn file_parts(groups: &[&Request]) -> Vec<Vec<usize>> {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    for g in groups {
        let last = parts.last_mut().expect("one part");
        if !last.is_empty() && last.len() + g.members.len() > MAX_LOCATIONS {
            parts.push(Vec::new());
        }
        for &m in &g.members {
            let last = parts.last_mut().expect("one part");
            if last.len() == MAX_LOCATIONS {
                parts.push(Vec::new());
            }
            parts.last_mut().expect("one part").push(m);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::report::tests::message;

    /// `n` requests of two findings each in `path`, one per line.
    fn requests(path: &str, n: usize) -> Vec<Message> {
        let src: String = (0..n).map(|i| format!("create(n={i}, stop=1)\n")).collect();
        let mut out = Vec::new();
        let mut at = 0;
        for line in src.lines() {
            for needle in ["n=", "stop=1"] {
                let mut m = message("n-parameter", path, &src, "create");
                let start = at + line.find(needle).unwrap();
                m.span = Span::new(start, start + needle.len());
                m.request = Some((Span::new(at, at + line.len()), vec![]));
                out.push(m);
            }
            at += line.len() + 1;
        }
        out
    }

    #[test]
    fn one_result_per_request_and_one_per_batch_file() {
        let mut messages = requests("a.py", 3);
        messages.extend(requests("batch.jsonl", 4));
        messages.push(message(
            "legacy-openai-sdk",
            "b.py",
            "import openai\n",
            "openai",
        ));
        let units = units(&messages);
        let kinds: Vec<&Kind> = units.iter().map(|u| &u.kind).collect();
        assert_eq!(kinds.len(), 5, "{units:?}");
        assert!(matches!(kinds[0], Kind::Request(_)));
        assert_eq!(
            kinds[3],
            &Kind::File {
                file: "batch.jsonl".into(),
                part: 0
            }
        );
        assert_eq!(kinds[4], &Kind::Finding);
        assert_eq!(units[0].members, [0, 1]);
        assert_eq!(units[3].members, (6..14).collect::<Vec<_>>());
        // Every finding in exactly one result.
        let mut all: Vec<usize> = units.iter().flat_map(|u| u.members.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..messages.len()).collect::<Vec<_>>());
    }

    #[test]
    fn over_budget_the_largest_files_are_grouped_first() {
        let mut messages = requests("big.py", 5);
        messages.extend(requests("small.py", 2));
        messages.extend(requests("mid.py", 3));
        // 10 requests; a budget of 6 groups big.py (5 -> 1), which is enough.
        let units = units_within(&messages, 6);
        assert_eq!(units.len(), 6, "{units:?}");
        assert_eq!(
            units[0].kind,
            File {
                file: "big.py".into(),
                part: 0
            }
        );
        assert!(units[1..]
            .iter()
            .all(|u| matches!(u.kind, Kind::Request(_))));
        // A budget of 3: every file grouped.
        let units = units_within(&messages, 3);
        assert_eq!(units.len(), 3);
        assert!(units.iter().all(|u| matches!(u.kind, File { .. })));
    }

    #[test]
    fn a_grouped_file_is_cut_into_parts_at_request_boundaries() {
        let messages = requests("batch.jsonl", MAX_LOCATIONS / 2 + 1);
        let units = units(&messages);
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].members.len(), MAX_LOCATIONS);
        assert_eq!(units[1].members.len(), 2);
        assert_eq!(
            units[1].kind,
            File {
                file: "batch.jsonl".into(),
                part: 1
            }
        );
    }
}
