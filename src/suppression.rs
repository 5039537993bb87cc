//! Inline suppressions: `# responsify: ignore[rule] reason` silences a rule on one line,
//! `# responsify: ignore-file[rule]` in a whole file; without `[...]`, every rule.
//!
//! A trailing comment applies to its own line; a comment alone on its line applies to the
//! next line. A suppressed finding is not reported, and its request is left as it is: a
//! migration that would skip one of its changes is no migration.

use crate::model::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    /// The comment.
    pub span: Span,
    /// The 1-based line it silences (ignored for file-level ones).
    pub line: usize,
    /// The rules it names; empty means every rule.
    pub rules: Vec<String>,
    pub file_level: bool,
    pub reason: Option<String>,
}

impl Suppression {
    pub fn covers(&self, rule: &str, line: usize) -> bool {
        (self.file_level || self.line == line)
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == rule))
    }
}

const MARKER: &str = "responsify:";

/// Parse one comment (its text starts at `#` or `//`) at `span`, on line `line` of the text;
/// `own_line` when nothing but whitespace precedes it on its line.
pub fn parse_comment(
    comment: &str,
    span: Span,
    line: usize,
    own_line: bool,
) -> Option<Suppression> {
    let body = comment.trim_start_matches(['#', '/']).trim_start();
    let rest = body.strip_prefix(MARKER)?.trim_start();
    let (file_level, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
        (true, r)
    } else {
        (false, rest.strip_prefix("ignore")?)
    };
    let (rules, rest) = match rest.strip_prefix('[') {
        Some(r) => {
            let end = r.find(']')?;
            let rules = r[..end]
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            (rules, &r[end + 1..])
        }
        None => (Vec::new(), rest),
    };
    let reason = rest.trim().trim_start_matches(['-', ':', '—']).trim();
    Some(Suppression {
        span,
        line: if own_line { line + 1 } else { line },
        rules,
        file_level,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms() {
        let s = parse_comment(
            "# responsify: ignore[store-default, n-parameter] -- kept on purpose",
            Span::new(0, 1),
            3,
            false,
        )
        .unwrap();
        assert_eq!(s.rules, ["store-default", "n-parameter"]);
        assert_eq!(s.line, 3);
        assert_eq!(s.reason.as_deref(), Some("kept on purpose"));
        let all = parse_comment("# responsify: ignore", Span::new(0, 1), 3, true).unwrap();
        assert!(all.rules.is_empty() && all.line == 4 && all.reason.is_none());
        let file = parse_comment(
            "#responsify: ignore-file[max-tokens]",
            Span::new(0, 1),
            1,
            true,
        )
        .unwrap();
        assert!(
            file.file_level && file.covers("max-tokens", 99) && !file.covers("n-parameter", 99)
        );
        assert!(parse_comment("# noqa: E501", Span::new(0, 1), 1, false).is_none());
    }
}
