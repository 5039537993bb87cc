//! Byte edits: the only thing that touches a file's text.

use crate::model::Span;

/// Replace `span` of the text with `text` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Self {
        Edit {
            span,
            text: text.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(Span::new(at, at), text)
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }
}

/// Two edits may not share bytes; two insertions at one point have no defined order either.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.span == b.span && a.span.start == a.span.end {
        return true;
    }
    a.span.start < b.span.end && b.span.start < a.span.end
        || (a.span.start == a.span.end && b.span.start < a.span.start && a.span.start < b.span.end)
        || (b.span.start == b.span.end && a.span.start < b.span.start && b.span.start < a.span.end)
}

/// Sort edits and check that no two of them overlap.
pub fn normalize(mut edits: Vec<Edit>) -> Result<Vec<Edit>, String> {
    edits.sort();
    edits.dedup();
    for pair in edits.windows(2) {
        if overlaps(&pair[0], &pair[1]) {
            return Err(format!(
                "edits overlap at bytes {}..{} and {}..{}",
                pair[0].span.start, pair[0].span.end, pair[1].span.start, pair[1].span.end
            ));
        }
    }
    Ok(edits)
}

/// Apply sorted, non-overlapping edits. Every byte outside them is kept as it was.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Deletions that remove the members at `indices` from a comma-separated container whose
/// members sit at `members`, each with one separator. A run of neighbours goes as one block, so
/// no two deletions fight over the comma between them.
pub fn removals(members: &[Span], indices: &[usize]) -> Vec<Edit> {
    let mut indices = indices.to_vec();
    indices.sort_unstable();
    indices.dedup();
    let mut edits = Vec::new();
    let mut i = 0;
    while i < indices.len() {
        let first = indices[i];
        let mut last = first;
        while i + 1 < indices.len() && indices[i + 1] == last + 1 {
            i += 1;
            last = indices[i];
        }
        i += 1;
        let span = if last + 1 < members.len() {
            Span::new(members[first].start, members[last + 1].start)
        } else if first > 0 {
            Span::new(members[first - 1].end, members[last].end)
        } else {
            Span::new(members[first].start, members[last].end)
        };
        edits.push(Edit::delete(span));
    }
    edits
}

/// The line ending a file uses, so inserted lines match their neighbours.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The whitespace at the start of the line that holds byte `at`.
pub fn indentation_at(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[line_start..];
    let width = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..width]
}

/// 1-based line and column (in characters) of byte `at`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = char_floor(text, at);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// `at`, or the start of the character it falls inside, within the text. A position from a
/// parser may land inside a multi-byte character (the BOM, an emoji in an error's span), and
/// slicing there would panic.
pub fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Line starts of a text, for many position look-ups in one file.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of byte `at` of `text`.
    pub fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let at = char_floor(text, at);
        let line = self.starts.partition_point(|s| *s <= at);
        let start = self.starts[line - 1];
        (line, text[start..at].chars().count() + 1)
    }
}

/// A [`LineIndex`] built on first use, for a text that may need no line number at all.
pub struct Lines<'t> {
    text: &'t str,
    index: std::cell::OnceCell<LineIndex>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Lines {
            text,
            index: std::cell::OnceCell::new(),
        }
    }

    /// The 1-based line of byte `at`, as [`line_col`] gives it.
    pub fn line(&self, at: usize) -> usize {
        let index = self.index.get_or_init(|| LineIndex::new(self.text));
        index.line_col(self.text, at).0
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order_and_keeps_the_rest() {
        let edits = normalize(vec![
            Edit::replace(Span::new(4, 5), "X"),
            Edit::insert(0, ">"),
            Edit::delete(Span::new(1, 2)),
        ])
        .unwrap();
        assert_eq!(apply("abcdef", &edits), ">acdXf");
    }

    #[test]
    fn rejects_overlaps() {
        assert!(normalize(vec![
            Edit::replace(Span::new(0, 3), "x"),
            Edit::replace(Span::new(2, 4), "y")
        ])
        .is_err());
        assert!(normalize(vec![Edit::insert(2, "x"), Edit::insert(2, "y")]).is_err());
        assert!(normalize(vec![Edit::insert(2, "x"), Edit::delete(Span::new(1, 3))]).is_err());
        assert!(normalize(vec![Edit::insert(3, "x"), Edit::delete(Span::new(1, 3))]).is_ok());
    }

    #[test]
    fn removals_take_one_separator_per_run() {
        // `[a, b, c, d]` with members at 1, 4, 7, 10.
        let members = [
            Span::new(1, 2),
            Span::new(4, 5),
            Span::new(7, 8),
            Span::new(10, 11),
        ];
        let text = "[a, b, c, d]";
        let cut = |idx: &[usize]| apply(text, &normalize(removals(&members, idx)).unwrap());
        assert_eq!(cut(&[1, 2]), "[a, d]");
        assert_eq!(cut(&[3]), "[a, b, c]");
        assert_eq!(cut(&[0, 3]), "[b, c]");
        assert_eq!(cut(&[0, 1, 2, 3]), "[]");
    }

    #[test]
    fn positions() {
        assert_eq!(line_col("ab\ncé\nd", 6), (2, 3));
        let text = "ab\ncé\nd";
        let index = LineIndex::new(text);
        for at in 0..=text.len() {
            if text.is_char_boundary(at) {
                assert_eq!(index.line_col(text, at), line_col(text, at));
            }
        }
        assert_eq!(indentation_at("{\n    \"a\": 1\n}", 8), "    ");
        assert_eq!(line_ending("a\r\nb"), "\r\n");
    }

    #[test]
    fn positions_inside_a_character_count_as_its_start() {
        let text = "\u{feff}\"\"x\n\u{1F600}y";
        assert_eq!(line_col(text, 1), (1, 1));
        assert_eq!(line_col(text, 2), (1, 1));
        assert_eq!(line_col(text, 3), (1, 2));
        let emoji = text.find('\u{1F600}').unwrap();
        assert_eq!(line_col(text, emoji + 2), (2, 1));
        assert_eq!(line_col(text, text.len() + 10), (2, 3));
        let index = LineIndex::new(text);
        for at in 0..=text.len() + 1 {
            assert_eq!(index.line_col(text, at), line_col(text, at), "at {at}");
        }
    }
}

/// The edits a lowering has made so far, where a later edit may copy source that earlier ones
/// changed: the copy carries those edits with it, and they are then taken in (absorbed) by it
/// rather than written twice. Innermost edits must be made first.
#[derive(Default)]
pub struct Nested {
    /// Each edit, and whether a larger edit has taken it in.
    made: Vec<(Edit, bool)>,
}

impl Nested {
    /// Record an edit (an identical one made twice counts once).
    pub fn push(&mut self, edit: Edit) {
        if !self.made.iter().any(|(e, _)| *e == edit) {
            self.made.push((edit, false));
        }
    }

    /// Mark every edit inside `span` as taken in by the edit that replaces `span`.
    pub fn absorb(&mut self, span: Span) {
        for (edit, absorbed) in &mut self.made {
            if inside(span, edit.span) && edit.span != span {
                *absorbed = true;
            }
        }
    }

    /// The source of `span` with the edits made inside it so far applied.
    pub fn copy(&self, text: &str, span: Span) -> String {
        let mut inner: Vec<&Edit> = self
            .made
            .iter()
            .filter(|(e, absorbed)| !absorbed && inside(span, e.span))
            .map(|(e, _)| e)
            .collect();
        inner.sort();
        let mut out = String::new();
        let mut at = span.start;
        for e in inner {
            if e.span.start < at {
                continue;
            }
            out.push_str(&text[at..e.span.start]);
            out.push_str(&e.text);
            at = e.span.end;
        }
        out.push_str(&text[at..span.end]);
        out
    }

    /// The edits no larger edit has taken in so far.
    pub fn current(&self) -> Vec<Edit> {
        self.made
            .iter()
            .filter(|(_, absorbed)| !absorbed)
            .map(|(e, _)| e.clone())
            .collect()
    }

    /// The edits no larger edit took in.
    pub fn finish(self) -> Vec<Edit> {
        self.made
            .into_iter()
            .filter(|(_, absorbed)| !absorbed)
            .map(|(e, _)| e)
            .collect()
    }
}

/// Is the edit at `edit` part of the source at `span`? An insertion at either end is not: it
/// goes beside the value, not into it.
pub fn inside(span: Span, edit: Span) -> bool {
    if edit.start == edit.end {
        span.start < edit.start && edit.start < span.end
    } else {
        span.contains(edit)
    }
}
