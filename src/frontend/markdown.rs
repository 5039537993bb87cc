//! Markdown: fenced Python code blocks, checked through the Python front end.
//!
//! Each block is parsed on its own, as a copy of the file in which every byte outside the
//! block is blanked (newlines kept), so spans and edits need no mapping at all. Blocks that
//! are not complete Python (snippets with `...`, shell prompts) are skipped. Many documents
//! describe Chat Completions on purpose, so fixes here are opt-in (`--fix-docs`).

use super::python::PYTHON;
use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{Span, Unit};

pub struct Markdown;

pub static MARKDOWN: Markdown = Markdown;

const PYTHON_INFO: &[&str] = &["python", "py", "python3", "py3", "ipython", "pycon3"];

/// The byte ranges of the contents of fenced Python blocks.
pub fn python_blocks(text: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        match &open {
            None if fence.len() >= 3 => {
                let info = trimmed[fence.len()..]
                    .trim()
                    .split(|c: char| c.is_whitespace() || c == '{')
                    .next()
                    .unwrap_or("");
                if PYTHON_INFO.contains(&info.to_ascii_lowercase().as_str()) {
                    open = Some((fence, at + line.len()));
                } else {
                    open = Some((format!("skip{fence}"), 0));
                }
            }
            Some((f, start)) => {
                let closes = fence.len() >= f.trim_start_matches("skip").len()
                    && f.trim_start_matches("skip").starts_with(&fence[..1])
                    && trimmed.trim_end() == fence;
                if closes {
                    if !f.starts_with("skip") {
                        blocks.push(Span::new(*start, at));
                    }
                    open = None;
                }
            }
            None => {}
        }
        at += line.len();
    }
    blocks
}

/// The file with everything outside `block` blanked, newlines kept.
fn blanked(text: &str, block: Span) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if (block.start..block.end).contains(&i) || c == '\n' || c == '\r' {
            out.push(c);
        } else {
            // Keep byte offsets: one space per byte of the character.
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

impl FrontEnd for Markdown {
    fn name(&self) -> &'static str {
        "Markdown"
    }

    fn triggers(&self) -> &'static [&'static str] {
        PYTHON.triggers()
    }

    fn documentation(&self) -> bool {
        true
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        let mut units = Vec::new();
        for block in python_blocks(text) {
            if let Ok(lifted) = PYTHON.lift(&blanked(text, block)) {
                let base = units.len();
                units.extend(lifted.units.into_iter().map(|mut u| {
                    // Groups are per block; keep them apart from other blocks'.
                    u.group = u.group.map(|g| g + base);
                    u
                }));
            }
        }
        Ok(Lifted { units })
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        PYTHON.lower(text, units, changes)
    }

    fn suppressions(&self, text: &str) -> Vec<crate::suppression::Suppression> {
        python_blocks(text)
            .into_iter()
            .flat_map(|b| PYTHON.suppressions(&blanked(text, b)))
            .collect()
    }

    fn verify(&self, before: &str, after: &str) -> Result<(), String> {
        let parses = |text: &str| -> usize {
            python_blocks(text)
                .into_iter()
                .filter(|b| ruff_python_parser::parse_module(&blanked(text, *b)).is_ok())
                .count()
        };
        if parses(after) < parses(before) {
            return Err("a fixed Python block no longer parses".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_python_fences_only() {
        let md = "# T\n```python\nx = 1\n```\n\n```bash\ncurl x\n```\n~~~py\ny = 2\n~~~\n";
        let blocks = python_blocks(md);
        assert_eq!(blocks.len(), 2);
        assert_eq!(&md[blocks[0].start..blocks[0].end], "x = 1\n");
        assert_eq!(&md[blocks[1].start..blocks[1].end], "y = 2\n");
    }

    #[test]
    fn blanking_keeps_offsets() {
        let md = "é ```python\nx\n```";
        let b = blanked(md, Span::new(13, 15));
        assert_eq!(b.len(), md.len());
        assert_eq!(&b[13..15], "x\n");
    }
}
