//! A guard against input nested more deeply than the parsers can take.
//!
//! syn, oxc and ruff's parser are recursive descent parsers, and the walks over their trees
//! recurse too: a file with tens of thousands of nested brackets overflows any stack, and a
//! stack overflow aborts the whole process rather than failing one file. So each front end
//! counts nesting before it parses and refuses a file nested deeper than [`MAX_DEPTH`], with
//! a message that says where. Real code stays far below it (CPython itself refuses more than
//! 200 nested brackets and 100 indented blocks); the worker threads' stacks (`run.rs`) are
//! sized so every front end parses `MAX_DEPTH` levels with room to spare.
//!
//! The count is lexical and ignores strings and comments, so it can only overcount: a file
//! refused here has at least that many unclosed brackets somewhere in its text.

use super::SyntaxError;
use crate::model::Span;

/// The deepest nesting a file may have: brackets, or indented blocks in Python.
pub const MAX_DEPTH: usize = 1000;

fn too_deep(what: &str, at: usize) -> SyntaxError {
    SyntaxError::refusal(
        format!(
            "{what} nested more than {MAX_DEPTH} levels deep; responsify does not parse files nested this deeply"
        ),
        Span::new(at, at),
    )
}

/// Refuse text whose brackets (`(`, `[`, `{`) nest deeper than [`MAX_DEPTH`].
pub fn guard_brackets(text: &str) -> Result<(), SyntaxError> {
    // Brackets cannot nest deeper than there are open ones, and most files have fewer than
    // the limit in all: counted with SIMD, that settles them without the walk below (which
    // took a few percent of a large run).
    if memchr::memchr3_iter(b'(', b'[', b'{', text.as_bytes()).count() <= MAX_DEPTH {
        return Ok(());
    }
    let mut depth = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep("brackets", at));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Python nests by brackets and by indented blocks (each block a level of the parser's
/// recursion): refuse either beyond [`MAX_DEPTH`].
pub fn guard_python(text: &str) -> Result<(), SyntaxError> {
    guard_brackets(text)?;
    // Each open block is indented at least one character more than the one around it, so
    // `MAX_DEPTH` of them take at least 1 + 2 + ... + `MAX_DEPTH` bytes of indentation.
    if text.len() < MAX_DEPTH * (MAX_DEPTH + 1) / 2 {
        return Ok(());
    }
    // The widths of the open blocks' indentation, as the tokenizer keeps them.
    let mut widths: Vec<usize> = vec![0];
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        let width = line.len() - body.len();
        let blank = body.trim_end().is_empty() || body.starts_with('#');
        if !blank {
            while widths.last().is_some_and(|w| *w > width) {
                widths.pop();
            }
            if widths.last().is_none_or(|w| *w < width) {
                widths.push(width);
                if widths.len() > MAX_DEPTH + 1 {
                    return Err(too_deep("indented blocks", at + width));
                }
            }
        }
        at += line.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_up_to_the_limit_pass() {
        let ok = format!("{}{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(guard_brackets(&ok).is_ok());
        // Closed brackets do not add up: only the open ones count.
        assert!(guard_brackets(&"()".repeat(MAX_DEPTH * 3)).is_ok());
        let deep = format!("x = {}", "[".repeat(MAX_DEPTH + 1));
        let err = guard_brackets(&deep).unwrap_err();
        assert!(err.refused);
        assert_eq!(err.span.start, 4 + MAX_DEPTH);
    }

    #[test]
    fn python_blocks_count_by_indentation() {
        let nested = |levels: usize| -> String {
            (0..levels)
                .map(|i| format!("{}if x:\n", " ".repeat(i)))
                .collect::<String>()
                + &" ".repeat(levels)
                + "pass\n"
        };
        assert!(guard_python(&nested(MAX_DEPTH)).is_ok());
        let err = guard_python(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert!(err.refused && err.message.contains("indented blocks"));
        // Going back out and in again is not deeper.
        let flat = "if x:\n    pass\n".repeat(MAX_DEPTH * 2);
        assert!(guard_python(&flat).is_ok());
    }
}
